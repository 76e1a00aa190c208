// SPDX-License-Identifier: GPL-2.0-only
/*
 * Databases attached to an instance (see database.h).
 *
 * Attach claims the block device behind the caller's file, adds it to the
 * instance's cache and either lays out a new database or takes up the
 * one on the device; it then marks the database dirty on disk.  Detach
 * writes every dirty page, flushes, marks the database clean and gives
 * the device back.  Attach and detach of one instance are serialised by
 * inst->db_lock, taken outside inst->lock; the list of databases is
 * changed under both and read under either.
 */
#include <linux/bitops.h>
#include <linux/blkdev.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "cache.h"
#include "checksum.h"
#include "cursor.h"
#include "database.h"
#include "defrag.h"
#include "format.h"
#include "jetk.h"
#include "page.h"
#include "wal.h"

/* User databases per instance: JET_DBIDs 1 .. JETK_DB_MAX. */
#define JETK_DB_MAX	6

#define JETK_DB_CREATE_GRBITS	(0x8U | 0x40U | 0x80U | JETK_DB_OVERWRITE_EXISTING)
#define JETK_DB_ATTACH_GRBITS	(JETK_DB_READ_ONLY | JETK_DB_EXCLUSIVE | 0x10U | \
				 0x20U | 0x200U | 0x400U | 0x800U | 0x1000U)

/* A block layer or engine errno as the JET_ERR ESE gives for it. */
static int jetk_database_err(int e)
{
	switch (e) {
	case -ENOTBLK:
		return JETK_ERR_FILE_INVALID_TYPE;
	case -EACCES:
	case -EPERM:
	case -EROFS:
	case -EBUSY:
		return JETK_ERR_FILE_ACCESS_DENIED;
	case -EUCLEAN:
		return JETK_ERR_DATABASE_CORRUPTED;
	case -EINVAL:
		return JETK_ERR_PAGE_SIZE_MISMATCH;
	case -ESTALE:
		return JETK_ERR_DATABASE_DIRTY_SHUTDOWN;
	case -EBADMSG:
		return JETK_ERR_READ_VERIFY_FAILURE;
	case -ENOSPC:
		return JETK_ERR_OUT_OF_DATABASE_SPACE;
	case -ENOMEM:
		return JETK_ERR_OUT_OF_MEMORY;
	case -ENOBUFS:
		return JETK_ERR_OUT_OF_BUFFERS;
	default:
		return JETK_ERR_DISK_IO;
	}
}

static int jetk_database_submit(struct jetk_cache_file *f, blk_opf_t opf,
				u32 pgno, struct page *page, unsigned int len,
				jetk_bdev_end_io_t end_io, void *private)
{
	struct jetk_database *d = f->private;

	return jetk_bdev_submit(&d->bdev, opf, ((u64)pgno + 1) * len, page,
				len, end_io, private);
}

/* Every page read is checked: checksums (a single bit is fixed), shape. */
static int jetk_database_verify(struct jetk_cache_file *f, u32 pgno,
				void *data)
{
	struct jetk_database *d = f->private;
	unsigned int psz = d->db.page_size;
	struct jetk_page p;

	switch (jetk_page_verify(data, psz, pgno)) {
	case JETK_CSUM_OK:
		break;
	case JETK_CSUM_CORRECTED:
		pr_info_ratelimited("jetk: %s: page %u: a flipped bit corrected\n",
				    d->name, pgno);
		break;
	default:
		return -EBADMSG;
	}
	jetk_page_view(&p, data, psz);
	return jetk_page_check(&p);
}

static void jetk_database_seal(struct jetk_cache_file *f, u32 pgno,
			       void *data)
{
	struct jetk_database *d = f->private;

	jetk_page_seal(data, d->db.page_size, pgno);
}

static int jetk_database_flush(struct jetk_cache_file *f)
{
	struct jetk_database *d = f->private;

	return jetk_bdev_flush(&d->bdev);
}

static const struct jetk_cache_file_ops jetk_database_cache_ops = {
	.submit = jetk_database_submit,
	.verify = jetk_database_verify,
	.seal = jetk_database_seal,
	.flush = jetk_database_flush,
};

static int jetk_database_hdr_rw(struct jetk_db *db, bool write,
				unsigned int copy, void *buf)
{
	struct jetk_database *d = db->private;
	unsigned int order = get_order(db->page_size);
	struct page *pg = alloc_pages(GFP_KERNEL, order);
	int ret;

	if (!pg)
		return -ENOMEM;
	if (write)
		memcpy(page_address(pg), buf, db->page_size);
	ret = jetk_bdev_rw_sync(&d->bdev, write ?
				REQ_OP_WRITE | REQ_SYNC | REQ_META |
				REQ_PREFLUSH | REQ_FUA : REQ_OP_READ | REQ_META,
				(u64)copy * db->page_size, pg, db->page_size);
	if (!ret && !write)
		memcpy(buf, page_address(pg), db->page_size);
	__free_pages(pg, order);
	return ret;
}

static const struct jetk_db_io jetk_database_io = {
	.hdr_rw = jetk_database_hdr_rw,
};

static struct jetk_database *jetk_database_find(struct jetk_instance *inst,
						const char *name)
{
	struct jetk_database *d;

	lockdep_assert_held(&inst->db_lock);
	list_for_each_entry(d, &inst->databases, node)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

static u32 jetk_database_dbid(struct jetk_instance *inst)
{
	unsigned long used = 0;
	struct jetk_database *d;

	list_for_each_entry(d, &inst->databases, node)
		__set_bit(d->dbid, &used);
	return find_next_zero_bit(&used, JETK_DB_MAX + 1, 1);
}

/* Does the device already hold a database (a valid first header)? */
static bool jetk_database_exists(struct jetk_database *d)
{
	u8 *hdr = kmalloc(d->db.page_size, GFP_KERNEL);
	bool ret;

	if (!hdr)
		return false;
	ret = !jetk_database_hdr_rw(&d->db, false, 0, hdr) &&
	      jetk_header_verify(hdr, d->db.page_size);
	kfree(hdr);
	return ret;
}

static void jetk_database_free(struct jetk_database *d)
{
	jetk_wal_db_detach(d->inst, d);
	if (d->db.file)
		jetk_cache_file_remove(d->db.file);
	jetk_db_free(&d->db);
	jetk_bdev_release(&d->bdev);
	kfree(d->name);
	kfree(d);
}

/**
 * jetk_database_attach() - JetAttachDatabase2 / JetCreateDatabase2
 * @inst: a running instance
 * @f: the caller's open block device (a database file's loop device)
 * @name: the name the database goes by in this instance
 * @create: lay out a new database (JetCreateDatabase)
 * @grbit: JET_bitDb* of the call
 * @max_pages: cpgDatabaseSizeMax, 0 for no limit beyond the device
 * @dbid: the new database's JET_DBID
 *
 * Return: a JET_ERR: JET_wrnDatabaseAttached for a name attached already
 * (JetAttachDatabase), JET_errDatabaseDuplicate for a name or device that
 * holds a database (JetCreateDatabase without JET_bitDbOverwriteExisting),
 * JET_errDatabaseDirtyShutdown, JET_errDatabaseCorrupted,
 * JET_errPageSizeMismatch, JET_errFileAccessDenied (read-only file, or a
 * device another instance holds), JET_errTooManyAttachedDatabases ...
 */
int jetk_database_attach(struct jetk_instance *inst, struct file *f,
			 const char *name, bool create, u32 grbit,
			 u32 max_pages, u32 *dbid)
{
	bool readonly = !create && (grbit & JETK_DB_READ_ONLY);
	struct jetk_database *d;
	u64 pages;
	int err, ret;

	if (grbit & ~(create ? JETK_DB_CREATE_GRBITS : JETK_DB_ATTACH_GRBITS))
		return JETK_ERR_INVALID_GRBIT;
	if (!name || !*name)
		return JETK_ERR_INVALID_PARAMETER;
	mutex_lock(&inst->db_lock);
	if (jetk_database_find(inst, name)) {
		err = create ? JETK_ERR_DATABASE_DUPLICATE :
			       JETK_WRN_DATABASE_ATTACHED;
		goto out_unlock;
	}
	err = JETK_ERR_OUT_OF_MEMORY;
	d = kzalloc(sizeof(*d), GFP_KERNEL_ACCOUNT);
	if (!d)
		goto out_unlock;
	d->name = kstrdup(name, GFP_KERNEL_ACCOUNT);
	if (!d->name)
		goto err_free;
	d->inst = inst;
	d->readonly = readonly;
	d->dbid = jetk_database_dbid(inst);
	err = JETK_ERR_TOO_MANY_ATTACHED_DATABASES;
	if (d->dbid > JETK_DB_MAX)
		goto err_free;

	ret = jetk_bdev_claim(&d->bdev, f, !readonly, inst);
	if (ret) {
		err = jetk_database_err(ret);
		goto err_free;
	}
	d->db.page_size = jetk_cache_page_size(inst->cache);
	d->db.readonly = readonly;
	d->db.io = &jetk_database_io;
	d->db.vs = &inst->vs;
	d->db.private = d;
	pages = d->bdev.size / d->db.page_size;
	pages = pages > 2 ? pages - 2 : 0;
	if (max_pages && max_pages < pages)
		pages = max_pages;
	d->db.pgno_max = min_t(u64, pages, U32_MAX - 1);
	err = JETK_ERR_OUT_OF_MEMORY;
	d->db.file = jetk_cache_file_add(inst->cache, &jetk_database_cache_ops,
					 d);
	if (!d->db.file)
		goto err_free;

	if (create) {
		err = JETK_ERR_DATABASE_DUPLICATE;
		if (!(grbit & JETK_DB_OVERWRITE_EXISTING) &&
		    jetk_database_exists(d))
			goto err_free;
	}
	/* The log names it before any of its pages changes. */
	err = jetk_wal_db_attach(inst, d);
	if (err)
		goto err_free;
	jetk_wal_op_lock(inst);
	ret = create ? jetk_db_format(&d->db) : jetk_db_open(&d->db);
	jetk_wal_op_unlock(inst);
	if (!ret && create)
		ret = jetk_cache_write_dirty(inst->cache, d->db.file);
	/* The database grows by JET_paramDbExtensionSize pages at a time. */
	if (!ret) {
		mutex_lock(&inst->lock);
		d->db.sp_root.grow_cpg =
			clamp_t(u64,
				inst->params.val[JETK_PARAM_DB_EXTENSION_SIZE],
				1, 1U << 24);
		mutex_unlock(&inst->lock);
	}
	/* Attached: dirty on disk until a clean detach. */
	if (!ret && !readonly) {
		jetk_wal_stamp_header(inst, d, true);
		ret = jetk_db_write_header(&d->db,
					   JETK_DBSTATE_DIRTY_SHUTDOWN);
	}
	if (ret) {
		err = jetk_database_err(ret);
		goto err_free;
	}

	mutex_lock(&inst->lock);
	list_add_tail(&d->node, &inst->databases);
	mutex_unlock(&inst->lock);
	*dbid = d->dbid;
	err = 0;
	goto out_unlock;

err_free:
	jetk_database_free(d);
out_unlock:
	mutex_unlock(&inst->db_lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_database_attach);

/**
 * jetk_database_recover_attach() - recovery takes up a database the log
 *	names, before its pages are replayed
 * @inst: the instance, initialising
 * @f: its block device, from libjetk
 * @name: its name in the log
 * @log_id: its id in the log
 * @dp: out: the database, on inst->databases, not opened yet
 * @dirty: out: its header says it was not shut down cleanly (it needs
 *	the log); a clean one is left alone
 *
 * Return: a JET_ERR.
 */
int jetk_database_recover_attach(struct jetk_instance *inst, struct file *f,
				 const char *name, u32 log_id,
				 struct jetk_database **dp, bool *dirty)
{
	struct jetk_database *d;
	u64 pages;
	u32 state;
	int err, ret;

	err = JETK_ERR_OUT_OF_MEMORY;
	d = kzalloc(sizeof(*d), GFP_KERNEL_ACCOUNT);
	if (!d)
		return err;
	d->name = kstrdup(name, GFP_KERNEL_ACCOUNT);
	if (!d->name)
		goto err_free;
	d->inst = inst;
	mutex_lock(&inst->db_lock);
	d->dbid = jetk_database_dbid(inst);
	mutex_unlock(&inst->db_lock);
	ret = jetk_bdev_claim(&d->bdev, f, true, inst);
	if (ret) {
		err = jetk_database_err(ret);
		goto err_free;
	}
	d->db.page_size = jetk_cache_page_size(inst->cache);
	d->db.io = &jetk_database_io;
	d->db.vs = &inst->vs;
	d->db.private = d;
	d->db.recovering = true;
	pages = d->bdev.size / d->db.page_size;
	d->db.pgno_max = min_t(u64, pages > 2 ? pages - 2 : 0, U32_MAX - 1);
	err = JETK_ERR_OUT_OF_MEMORY;
	d->db.file = jetk_cache_file_add(inst->cache, &jetk_database_cache_ops,
					 d);
	if (!d->db.file)
		goto err_free;
	ret = jetk_db_peek_state(&d->db, &state);
	if (ret) {
		err = jetk_database_err(ret);
		goto err_free;
	}
	*dirty = state != JETK_DBSTATE_CLEAN_SHUTDOWN;
	d->log_id = log_id;
	mutex_lock(&inst->db_lock);
	mutex_lock(&inst->lock);
	list_add_tail(&d->node, &inst->databases);
	mutex_unlock(&inst->lock);
	mutex_unlock(&inst->db_lock);
	*dp = d;
	return 0;

err_free:
	d->log_id = 0;
	jetk_database_free(d);
	return err;
}

/**
 * jetk_database_recover_open() - its pages are replayed: take it up
 * @d: from jetk_database_recover_attach()
 * @objid_last: the last object id the log saw it give out
 * @dbtime: its dbtime at the log's last batch
 *
 * Return: a JET_ERR.
 */
int jetk_database_recover_open(struct jetk_database *d, u32 objid_last,
			       u64 dbtime)
{
	struct jetk_instance *inst = d->inst;
	int ret;

	ret = jetk_db_open(&d->db);
	if (ret)
		return jetk_database_err(ret);
	if (objid_last > d->db.objid_last)
		d->db.objid_last = objid_last;
	if (dbtime > atomic64_read(&d->db.dbtime))
		atomic64_set(&d->db.dbtime, dbtime);
	mutex_lock(&inst->lock);
	d->db.sp_root.grow_cpg =
		clamp_t(u64, inst->params.val[JETK_PARAM_DB_EXTENSION_SIZE],
			1, 1U << 24);
	mutex_unlock(&inst->lock);
	return 0;
}

/**
 * jetk_database_forget() - recovery lets go of a database without
 *	writing anything (a clean one it did not need, or after a failure)
 * @inst: the instance
 * @d: from jetk_database_recover_attach()
 */
void jetk_database_forget(struct jetk_instance *inst, struct jetk_database *d)
{
	mutex_lock(&inst->db_lock);
	mutex_lock(&inst->lock);
	list_del(&d->node);
	mutex_unlock(&inst->lock);
	mutex_unlock(&inst->db_lock);
	jetk_database_free(d);
}

/* Write everything, mark clean, release; on failure it stays attached. */
static int jetk_database_release(struct jetk_instance *inst,
				 struct jetk_database *d, u64 *used_bytes)
{
	int ret;

	lockdep_assert_held(&inst->db_lock);
	if (d->opens)
		return JETK_ERR_DATABASE_IN_USE;
	/* Online defragmentation ends with the attach. */
	jetk_defrag_forget(inst, d);
	/* Changes of a transaction still running keep it; the rest is done. */
	jetk_wal_op_lock(inst);
	ret = jetk_ver_release_db(&inst->vs, &d->db, false);
	jetk_wal_op_unlock(inst);
	if (ret)
		return JETK_ERR_DATABASE_IN_USE;
	if (!d->readonly) {
		ret = jetk_cache_write_dirty(inst->cache, d->db.file);
		if (!ret) {
			jetk_wal_stamp_header(inst, d, false);
			ret = jetk_db_write_header(&d->db,
						   JETK_DBSTATE_CLEAN_SHUTDOWN);
		}
		if (ret)
			return jetk_database_err(ret);
		/* Clean on disk: recovery has nothing to do for it. */
		jetk_wal_db_detach(inst, d);
	}
	if (used_bytes)
		*used_bytes = ((u64)d->db.pgno_last + 2) * d->db.page_size;
	mutex_lock(&inst->lock);
	list_del(&d->node);
	mutex_unlock(&inst->lock);
	jetk_database_free(d);
	return 0;
}

/**
 * jetk_database_detach() - JetDetachDatabase(2)
 * @inst: the instance
 * @name: the database, or NULL for all of them
 * @used_bytes: for one database, its size: a file behind it can be cut
 *	to that (may be NULL)
 *
 * Return: a JET_ERR: JET_errDatabaseNotFound, JET_errDatabaseInUse while
 * a session has it open, or the write error that kept it attached.
 */
int jetk_database_detach(struct jetk_instance *inst, const char *name,
			 u64 *used_bytes)
{
	struct jetk_database *d, *tmp;
	int err = 0, ret;

	mutex_lock(&inst->db_lock);
	if (name) {
		d = jetk_database_find(inst, name);
		err = d ? jetk_database_release(inst, d, used_bytes) :
			  JETK_ERR_DATABASE_NOT_FOUND;
	} else {
		list_for_each_entry_safe(d, tmp, &inst->databases, node) {
			ret = jetk_database_release(inst, d, NULL);
			if (ret && !err)
				err = ret;
		}
	}
	mutex_unlock(&inst->db_lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_database_detach);

/**
 * jetk_database_detach_all() - detach everything at termination
 * @inst: the instance, no call inside it
 * @rep: the caller's questions about sizes (may be NULL)
 * @dirty: JET_bitTermDirty with a log: write nothing, leave the
 *	databases dirty for the next JetInit to recover
 *
 * A database that cannot be written stays dirty on disk and is released
 * all the same: the instance is going away.
 *
 * Return: true when every database was written and marked clean.
 */
bool jetk_database_detach_all(struct jetk_instance *inst,
			      struct jetk_term_report *rep, bool dirty)
{
	struct jetk_database *d, *tmp;
	bool clean = true;
	unsigned int i;
	u64 used;

	mutex_lock(&inst->db_lock);
	list_for_each_entry_safe(d, tmp, &inst->databases, node) {
		d->opens = 0;
		for (i = 0; rep && i < rep->n; i++)
			if (rep->names[i] && !strcmp(rep->names[i], d->name))
				break;
		if (!dirty && !jetk_database_release(inst, d, &used)) {
			if (rep && i < rep->n)
				rep->used[i] = used;
			continue;
		}
		if (!dirty && !d->readonly)
			pr_warn("jetk: %s left dirty: it could not be written\n",
				d->name);
		if (!d->readonly)
			clean = false;
		jetk_wal_op_lock(inst);
		jetk_ver_release_db(&inst->vs, &d->db, true);
		jetk_wal_op_unlock(inst);
		/* The log keeps naming it: recovery brings it back. */
		jetk_wal_db_drop(inst, d);
		mutex_lock(&inst->lock);
		list_del(&d->node);
		mutex_unlock(&inst->lock);
		jetk_database_free(d);
	}
	mutex_unlock(&inst->db_lock);
	return clean;
}

static struct jetk_database *jetk_database_by_name(struct jetk_instance *inst,
						   const char *name)
{
	struct jetk_database *d;

	lockdep_assert_held(&inst->lock);
	list_for_each_entry(d, &inst->databases, node)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

/**
 * jetk_database_open() - JetOpenDatabase
 * @ses: the session (a call is inside it)
 * @name: an attached database's name
 * @grbit: JET_bitDbReadOnly, JET_bitDbExclusive
 * @dbid: its JET_DBID
 *
 * A session opens a database once; opening it again returns the same
 * dbid.
 *
 * Return: a JET_ERR: JET_errDatabaseNotFound, JET_errDatabaseLocked (held
 * exclusively by another session), JET_errDatabaseInUse (exclusive open
 * while others have it open), JET_wrnFileOpenReadOnly (attached
 * read-only, opened without JET_bitDbReadOnly).
 */
int jetk_database_open(struct jetk_session *ses, const char *name, u32 grbit,
		       u32 *dbid)
{
	struct jetk_instance *inst = ses->inst;
	struct jetk_database *d;
	int err = 0;

	if (grbit & ~(JETK_DB_READ_ONLY | JETK_DB_EXCLUSIVE))
		return JETK_ERR_INVALID_GRBIT;
	mutex_lock(&inst->lock);
	d = jetk_database_by_name(inst, name);
	if (!d) {
		err = JETK_ERR_DATABASE_NOT_FOUND;
		goto out;
	}
	if (d->exclusive && d->exclusive != ses) {
		err = JETK_ERR_DATABASE_LOCKED;
		goto out;
	}
	if (!(ses->open_dbs & BIT(d->dbid))) {
		if ((grbit & JETK_DB_EXCLUSIVE) && d->opens) {
			err = JETK_ERR_DATABASE_IN_USE;
			goto out;
		}
		d->opens++;
		ses->open_dbs |= BIT(d->dbid);
	}
	if (grbit & JETK_DB_EXCLUSIVE)
		d->exclusive = ses;
	*dbid = d->dbid;
	if (d->readonly && !(grbit & JETK_DB_READ_ONLY))
		err = JETK_WRN_FILE_OPEN_READ_ONLY;
out:
	mutex_unlock(&inst->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_database_open);

static void jetk_database_unopen(struct jetk_session *ses,
				 struct jetk_database *d)
{
	lockdep_assert_held(&ses->inst->lock);
	jetk_cursor_close_db(ses, d);
	ses->open_dbs &= ~BIT(d->dbid);
	d->opens--;
	if (d->exclusive == ses)
		d->exclusive = NULL;
}

/**
 * jetk_database_close() - JetCloseDatabase
 * @ses: the session (a call is inside it)
 * @dbid: a database the session opened
 *
 * Return: 0 or JET_errInvalidDatabaseId.
 */
int jetk_database_close(struct jetk_session *ses, u32 dbid)
{
	struct jetk_instance *inst = ses->inst;
	struct jetk_database *d;
	int err = JETK_ERR_INVALID_DATABASE_ID;

	mutex_lock(&inst->lock);
	if (dbid <= JETK_DB_MAX && (ses->open_dbs & BIT(dbid))) {
		list_for_each_entry(d, &inst->databases, node) {
			if (d->dbid == dbid) {
				jetk_database_unopen(ses, d);
				err = 0;
				break;
			}
		}
	}
	mutex_unlock(&inst->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_database_close);

/**
 * jetk_database_session_gone() - a session ends: close what it opened
 * @ses: the session; its instance's lock is held
 */
void jetk_database_session_gone(struct jetk_session *ses)
{
	struct jetk_database *d;

	lockdep_assert_held(&ses->inst->lock);
	list_for_each_entry(d, &ses->inst->databases, node)
		if (ses->open_dbs & BIT(d->dbid))
			jetk_database_unopen(ses, d);
}

/**
 * jetk_database_get() - a database the session opened
 * @ses: the session (a call is inside it: the database stays open, and
 *	so attached, until the call ends)
 * @dbid: its JET_DBID
 *
 * Return: the database, or NULL (JET_errInvalidDatabaseId).
 */
struct jetk_database *jetk_database_get(struct jetk_session *ses, u32 dbid)
{
	struct jetk_instance *inst = ses->inst;
	struct jetk_database *d, *found = NULL;

	if (!dbid || dbid > JETK_DB_MAX)
		return NULL;
	mutex_lock(&inst->lock);
	if (ses->open_dbs & BIT(dbid)) {
		list_for_each_entry(d, &inst->databases, node) {
			if (d->dbid == dbid) {
				found = d;
				break;
			}
		}
	}
	mutex_unlock(&inst->lock);
	return found;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_database_get);
