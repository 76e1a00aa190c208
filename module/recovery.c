// SPDX-License-Identifier: GPL-2.0-only
/*
 * Recovery at JetInit (ref/ese-api.md 6.4): the log's last run did not
 * end cleanly.  From the checkpoint on, whole batches only (wal.h):
 *
 *  1. find where the last whole batch ends (a first pass);
 *  2. redo: every page image goes back to its database, in log order,
 *     for the databases whose header is dirty; the undo records of
 *     transactions that did not finish are gathered, minus what their
 *     rollbacks undid (JETK_LR_UNDONE);
 *  3. the pages are written, the log goes on after the last whole batch
 *     and the databases are taken up;
 *  4. undo: the changes of every unfinished transaction are undone,
 *     newest first, through the B-trees, as a rollback would, and logged
 *     like one, so that a crash during recovery is recovered again;
 *  5. every database is written, marked clean and detached; the
 *     checkpoint moves to the end.
 *
 * Runs before the instance accepts any call, so it takes no op for
 * itself except where the cache's lockdep check wants one.
 */
#include <linux/file.h>
#include <linux/ktime.h>
#include <linux/slab.h>

#include "btree.h"
#include "cache.h"
#include "database.h"
#include "db.h"
#include "format.h"
#include "jeterr.h"
#include "jetk.h"
#include "lv.h"
#include "table.h"
#include "verstore.h"
#include "wal.h"

/* An undo record kept for step 4. */
struct jetk_rundo {
	struct list_head node;
	u32 seq;
	u32 len;
	u8 data[];
};

/* A transaction the log shows running. */
struct jetk_rtrx {
	struct list_head node;
	u64 id;
	struct list_head undo;	/* newest first */
};

struct jetk_rdb {
	struct jetk_database *d;
	u32 id;
	bool redo;
	u32 objid_last;
	u64 dbtime;
};

struct jetk_rctx {
	struct jetk_wal *wal;
	struct jetk_rdb dbs[JETK_LOG_DBS_MAX];
	unsigned int ndbs;
	bool scan;		/* first pass: only find the end */
	u64 end;		/* after the last whole batch */
	struct list_head trxs;
	u64 batches;
	u64 pages;
	int err;
};

static struct jetk_rdb *jetk_rdb_find(struct jetk_rctx *r, u32 id)
{
	unsigned int i;

	for (i = 0; i < r->ndbs; i++)
		if (r->dbs[i].id == id)
			return &r->dbs[i];
	return NULL;
}

static struct jetk_rtrx *jetk_rtrx_find(struct jetk_rctx *r, u64 id,
					bool create)
{
	struct jetk_rtrx *t;

	list_for_each_entry(t, &r->trxs, node)
		if (t->id == id)
			return t;
	if (!create)
		return NULL;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return NULL;
	t->id = id;
	INIT_LIST_HEAD(&t->undo);
	list_add(&t->node, &r->trxs);
	return t;
}

static void jetk_rtrx_free(struct jetk_rtrx *t)
{
	struct jetk_rundo *u, *tmp;

	list_for_each_entry_safe(u, tmp, &t->undo, node)
		kfree(u);
	list_del(&t->node);
	kfree(t);
}

/* Undo records past @keep were undone by a rollback. */
static void jetk_rtrx_trim(struct jetk_rtrx *t, u32 keep)
{
	struct jetk_rundo *u, *tmp;

	list_for_each_entry_safe(u, tmp, &t->undo, node) {
		if (u->seq <= keep)
			break;
		list_del(&u->node);
		kfree(u);
	}
}

static int jetk_recover_page(struct jetk_rctx *r, const u8 *data, u32 len)
{
	const struct jetk_lr_page *h = (const void *)data;
	struct jetk_cache *c = r->wal->inst->cache;
	unsigned int psz = jetk_cache_page_size(c);
	struct jetk_frame *fr;
	struct jetk_rdb *db;
	int ret;

	if (len != sizeof(*h) + psz)
		return -EUCLEAN;
	db = jetk_rdb_find(r, le32_to_cpu(h->db_id));
	/* A database detached cleanly since, or consistent on disk. */
	if (!db || !db->redo)
		return 0;
	if (le32_to_cpu(h->pgno) > db->d->db.pgno_max)
		return -EUCLEAN;
	ret = jetk_cache_new(db->d->db.file, le32_to_cpu(h->pgno), &fr);
	if (ret)
		return ret;
	memcpy(fr->data, data + sizeof(*h), psz);
	jetk_cache_mark_dirty(fr, 0);
	jetk_cache_release(fr);
	r->pages++;
	return 0;
}

static int jetk_recover_batch(struct jetk_rctx *r, const u8 *data, u32 len)
{
	const struct jetk_lr_batch *b = (const void *)data;
	const struct jetk_lr_batch_db *e;
	struct jetk_rdb *db;
	u32 i, n;

	if (len < sizeof(*b))
		return -EUCLEAN;
	n = le32_to_cpu(b->ndbs);
	if (len != sizeof(*b) + n * sizeof(*e))
		return -EUCLEAN;
	e = (const void *)(b + 1);
	for (i = 0; i < n; i++) {
		db = jetk_rdb_find(r, le32_to_cpu(e[i].db_id));
		if (!db)
			continue;
		db->objid_last = le32_to_cpu(e[i].objid_last);
		db->dbtime = le64_to_cpu(e[i].dbtime);
	}
	r->batches++;
	return 0;
}

static int jetk_recover_undo(struct jetk_rctx *r, const u8 *data, u32 len)
{
	const struct jetk_lr_undo *h = (const void *)data;
	struct jetk_rtrx *t;
	struct jetk_rundo *u;
	u64 need;

	if (len < sizeof(*h))
		return -EUCLEAN;
	need = sizeof(*h) + h->name_len + le16_to_cpu(h->key_len) +
	       le16_to_cpu(h->col_len) + le32_to_cpu(h->img_len) +
	       (u64)le32_to_cpu(h->nlids) * sizeof(__le32);
	if (need != len || !h->name_len || h->op < JETK_LRU_INSERT ||
	    h->op > JETK_LRU_ADD_COLUMN)
		return -EUCLEAN;
	t = jetk_rtrx_find(r, le64_to_cpu(h->trxid), true);
	u = kmalloc(struct_size(u, data, len), GFP_KERNEL);
	if (!t || !u) {
		kfree(u);
		return -ENOMEM;
	}
	u->seq = le32_to_cpu(h->seq);
	u->len = len;
	memcpy(u->data, data, len);
	list_add(&u->node, &t->undo);
	return 0;
}

static int jetk_recover_rec(void *ctx, u64 lsn, u8 type, const u8 *data,
			    u32 len)
{
	struct jetk_rctx *r = ctx;
	struct jetk_rtrx *t;

	if (r->scan) {
		if (type == JETK_LR_BATCH)
			r->end = lsn + sizeof(struct jetk_log_rec) + len;
		return 0;
	}
	/* Past the last whole batch: a crash cut it, it never happened. */
	if (lsn >= r->end)
		return 1;
	switch (type) {
	case JETK_LR_PAGE:
		return jetk_recover_page(r, data, len);
	case JETK_LR_BATCH:
		return jetk_recover_batch(r, data, len);
	case JETK_LR_UNDO:
		return jetk_recover_undo(r, data, len);
	case JETK_LR_UNDONE: {
		const struct jetk_lr_undone *u = (const void *)data;

		if (len != sizeof(*u))
			return -EUCLEAN;
		t = jetk_rtrx_find(r, le64_to_cpu(u->trxid), false);
		if (t) {
			jetk_rtrx_trim(t, le32_to_cpu(u->keep));
			if (!le32_to_cpu(u->keep))
				jetk_rtrx_free(t);
		}
		return 0;
	}
	case JETK_LR_COMMIT: {
		const struct jetk_lr_commit *c = (const void *)data;

		if (len != sizeof(*c))
			return -EUCLEAN;
		t = jetk_rtrx_find(r, le64_to_cpu(c->trxid), false);
		if (t)
			jetk_rtrx_free(t);
		return 0;
	}
	default:
		return -EUCLEAN;
	}
}

/* Undo one change of an unfinished transaction. */
static int jetk_recover_undo_one(struct jetk_rctx *r, struct jetk_rundo *u)
{
	const struct jetk_lr_undo *h = (const void *)u->data;
	const u8 *p = u->data + sizeof(*h);
	char name[JETK_NAME_MOST + 1], col[JETK_NAME_MOST + 1];
	unsigned int key_len = le16_to_cpu(h->key_len);
	unsigned int col_len = le16_to_cpu(h->col_len);
	u32 img_len = le32_to_cpu(h->img_len), nlids, i;
	const u8 *key, *img, *lids;
	struct jetk_table *t = NULL;
	struct jetk_rdb *db;
	int ret = 0;

	if (h->name_len > JETK_NAME_MOST || col_len > JETK_NAME_MOST)
		return -EUCLEAN;
	memcpy(name, p, h->name_len);
	name[h->name_len] = 0;
	p += h->name_len;
	key = p;
	p += key_len;
	memcpy(col, p, col_len);
	col[col_len] = 0;
	p += col_len;
	img = p;
	p += img_len;
	lids = p;
	nlids = le32_to_cpu(h->nlids);

	db = jetk_rdb_find(r, le32_to_cpu(h->db_id));
	if (!db || !db->redo)
		return 0;
	if (h->op == JETK_LRU_CREATE_TABLE) {
		ret = jetk_table_delete(&db->d->db, name);
		return ret == -ENOENT ? 0 : ret;
	}
	ret = jetk_table_open(&db->d->db, name, &t);
	if (ret)
		return ret == -ENOENT ? 0 : ret;
	switch (h->op) {
	case JETK_LRU_INSERT:
		if (h->before == JETK_LRB_DELETED)
			ret = jetk_bt_restore(&t->bt, key, key_len, img,
					      img_len, JETK_ND_DELETED);
		else
			ret = jetk_bt_delete(&t->bt, key, key_len);
		if (ret == -ENOENT)
			ret = 0;
		break;
	case JETK_LRU_REPLACE:
	case JETK_LRU_DELETE:
		ret = jetk_bt_restore(&t->bt, key, key_len, img, img_len,
				      h->before == JETK_LRB_DELETED ?
				      JETK_ND_DELETED : 0);
		break;
	case JETK_LRU_ESCROW:
		ret = jetk_trx_escrow_subtract(t, key, key_len,
					       le32_to_cpu(h->columnid),
					       h->width,
					       (s64)le64_to_cpu(h->delta),
					       NULL, NULL);
		break;
	case JETK_LRU_ADD_COLUMN:
		ret = jetk_table_drop_column(t, col);
		break;
	}
	for (i = 0; i < nlids; i++) {
		__le32 lid;

		memcpy(&lid, lids + i * sizeof(lid), sizeof(lid));
		ret = jetk_lv_deref(t, le32_to_cpu(lid)) ?: ret;
	}
	jetk_table_put(t);
	return ret;
}

/* Step 4: roll every unfinished transaction back, logged as a rollback. */
static int jetk_recover_undo_all(struct jetk_rctx *r, u64 *ntrx, u64 *nundo)
{
	struct jetk_wal *wal = r->wal;
	struct jetk_rtrx *t, *tmp;
	struct jetk_rundo *u;
	u64 lsn;
	int ret = 0;

	jetk_wal_op_lock(wal->inst);
	list_for_each_entry_safe(t, tmp, &r->trxs, node) {
		struct jetk_lr_undone done = {
			.trxid = cpu_to_le64(t->id),
		};

		list_for_each_entry(u, &t->undo, node) {
			ret = jetk_recover_undo_one(r, u);
			if (ret) {
				pr_err("jetk: recovery: undo of change %u of transaction %llx failed (%d)\n",
				       u->seq, t->id, ret);
				goto out;
			}
			(*nundo)++;
		}
		ret = jetk_log_append(&wal->log, JETK_LR_UNDONE, &done,
				      sizeof(done), &lsn);
		if (ret)
			goto out;
		atomic_inc(&wal->appended);
		(*ntrx)++;
		jetk_rtrx_free(t);
	}
out:
	jetk_wal_op_unlock(wal->inst);
	return ret;
}

static int jetk_recover_errno(int ret)
{
	switch (ret) {
	case 0:
		return 0;
	case -ENOMEM:
		return JETK_ERR_OUT_OF_MEMORY;
	case -EUCLEAN:
	case -EBADMSG:
		return JETK_ERR_LOG_FILE_CORRUPT;
	case -ENOSPC:
		return JETK_ERR_LOG_DISK_FULL;
	default:
		return JETK_ERR_LOG_WRITE_FAIL;
	}
}

/**
 * jetk_recover() - recover an instance's databases from its log
 * @wal: the log, opened (jetk_log_open() said it was not closed cleanly);
 *	inst->wal is set
 * @rdbs: the databases the superblock names, opened by libjetk
 * @nrdbs: how many
 *
 * Return: a JET_ERR: 0 (the log runs, no database attached, every one
 * the log named consistent and clean), JET_errAttachedDatabaseMismatch
 * (a database the log names was not passed), JET_errLogFileCorrupt, an
 * attach error of a database, or a log I/O error.
 */
int jetk_recover(struct jetk_wal *wal, struct jetk_wal_rdb *rdbs,
		 unsigned int nrdbs)
{
	struct jetk_instance *inst = wal->inst;
	struct jetk_log *log = &wal->log;
	const char *step = "attach";
	struct jetk_rctx *r;
	struct jetk_rtrx *t, *tmp;
	ktime_t start = ktime_get();
	u64 end, ntrx = 0, nundo = 0, from = log->checkpoint;
	unsigned int i, j;
	int err = 0, ret;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return JETK_ERR_OUT_OF_MEMORY;
	r->wal = wal;
	INIT_LIST_HEAD(&r->trxs);

	/* The databases the superblock names, each from libjetk. */
	for (i = 0; i < log->ndbs; i++) {
		struct jetk_rdb *db = &r->dbs[r->ndbs];

		for (j = 0; j < nrdbs; j++)
			if (rdbs[j].id == log->dbs[i].id && rdbs[j].file &&
			    rdbs[j].name &&
			    !strcmp(rdbs[j].name, log->dbs[i].name))
				break;
		if (j == nrdbs) {
			pr_err("jetk: recovery needs %s, which was not given\n",
			       log->dbs[i].name);
			err = JETK_ERR_ATTACHED_DATABASE_MISMATCH;
			goto out;
		}
		db->id = log->dbs[i].id;
		err = jetk_database_recover_attach(inst, rdbs[j].file,
						   log->dbs[i].name, db->id,
						   &db->d, &db->redo);
		if (err)
			goto out;
		r->ndbs++;
	}

	/* 1: where the last whole batch ends. */
	step = "scan";
	r->scan = true;
	r->end = log->checkpoint;
	ret = jetk_log_replay(log, jetk_recover_rec, r, &end);
	if (ret) {
		err = jetk_recover_errno(ret);
		goto out;
	}
	/* 2: redo, and the transactions that did not finish. */
	step = "redo";
	r->scan = false;
	ret = jetk_log_replay(log, jetk_recover_rec, r, &end);
	if (ret < 0) {
		err = jetk_recover_errno(ret);
		goto out;
	}
	/* 3: the pages out, the log on after the last whole batch. */
	step = "write";
	ret = jetk_cache_write_dirty(inst->cache, NULL);
	if (!ret)
		ret = jetk_log_start(log, r->end);
	if (ret) {
		err = jetk_recover_errno(ret);
		goto out;
	}
	wal->batch_start = jetk_log_head(log);
	wal->closed_end = wal->batch_start;
	step = "open";
	for (i = 0; i < r->ndbs; i++) {
		struct jetk_rdb *db = &r->dbs[i];

		if (!db->redo)
			continue;
		err = jetk_database_recover_open(db->d, db->objid_last,
						 db->dbtime);
		if (err)
			goto out;
		jetk_wal_db_register(wal, db->d);
	}
	jetk_wal_log_enable(wal);

	/* 4: undo. */
	step = "undo";
	ret = jetk_recover_undo_all(r, &ntrx, &nundo);
	if (ret) {
		err = jetk_recover_errno(ret);
		goto out;
	}
	/* 5: consistent and clean, detached; the checkpoint at the end. */
	step = "detach";
	err = jetk_wal_sync(inst);
	if (err)
		goto out;
	for (i = 0; i < r->ndbs; i++) {
		struct jetk_rdb *db = &r->dbs[i];

		if (!db->redo)
			continue;
		err = jetk_database_detach(inst, db->d->name, NULL);
		if (err)
			goto out;
		db->d = NULL;
	}
	wal->rec.ran = true;
	wal->rec.log_bytes = r->end - from;
	wal->rec.batches = r->batches;
	wal->rec.pages = r->pages;
	wal->rec.trx_undone = ntrx;
	wal->rec.undo_records = nundo;
	wal->rec.usecs = ktime_us_delta(ktime_get(), start);
	jetk_wal_checkpoint_now(inst);
	pr_info("jetk: instance %llu: recovered %llu bytes of log (%llu batches, %llu pages), %llu unfinished transactions rolled back, in %llu us\n",
		inst->handle, wal->rec.log_bytes, r->batches, r->pages, ntrx,
		wal->rec.usecs);
out:
	if (err)
		pr_err("jetk: instance %llu: recovery failed (%s, %d, log %llu..%llu)\n",
		       inst->handle, step, err, from, r->end);
	/* Databases still held (clean ones, or after a failure) go. */
	for (i = 0; i < r->ndbs; i++) {
		struct jetk_database *d = r->dbs[i].d;

		if (!d)
			continue;
		if (err)
			jetk_wal_db_drop(inst, d);
		jetk_database_forget(inst, d);
	}
	list_for_each_entry_safe(t, tmp, &r->trxs, node)
		jetk_rtrx_free(t);
	kfree(r);
	return err;
}
