// SPDX-License-Identifier: GPL-2.0-only
/*
 * A database's header and the system objects of a new database (see
 * db.h).  The layout is ESE's (ref/ese-format.md 1 and 6.3): pages 1-3
 * the database root and its space trees, 4-23 the catalog (its space
 * trees at 5 and 6, the Name index at 7, RootObjects at 10), 24-28 the
 * shadow catalog; every catalog row is in both catalogs, and in the Name
 * index, and table rows in RootObjects too.
 */
#include <linux/errno.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>

#include "cache.h"
#include "catalog.h"
#include "checksum.h"
#include "compat.h"
#include "db.h"
#include "format.h"
#include "key.h"
#include "page.h"
#include "table.h"

#define JETK_DB_INITIAL_BYTES	(1024 * 1024)
#define JETK_DB_INITIAL_MIN	40	/* pages: room for the system objects */
#define JETK_DB_SYSTEM_ROWS	64

static int jetk_db_grow(struct jetk_space *sp, u32 cpg, u32 *first)
{
	struct jetk_db *db = sp->private;

	if (db->pgno_max && db->pgno_last + cpg > db->pgno_max)
		return -ENOSPC;
	*first = db->pgno_last + 1;
	db->pgno_last += cpg;
	return 0;
}

static const struct jetk_space_ops jetk_db_space_ops = {
	.grow = jetk_db_grow,
};

/* Object trees take and return pages through their object's space. */
static int jetk_db_bt_get(struct jetk_bt *bt, u32 *pgno)
{
	return jetk_space_alloc(bt->private, pgno);
}

static void jetk_db_bt_put(struct jetk_bt *bt, u32 pgno)
{
	if (jetk_space_free(bt->private, pgno))
		pr_warn_ratelimited("jetk: page %u of object %u not freed\n",
				    pgno, bt->objid);
}

static const struct jetk_bt_ops jetk_db_bt_ops = {
	.get_page = jetk_db_bt_get,
	.put_page = jetk_db_bt_put,
};

/* The object's root page, carrying its space header. */
static int jetk_db_object(struct jetk_db *db, struct jetk_space *sp,
			  struct jetk_bt *bt, u32 page_flags)
{
	struct jetk_edb_space_header sph;

	jetk_space_header(sp, &sph);
	jetk_bt_init(bt, db->file, sp->fdp, sp->objid, page_flags, &db->dbtime,
		     &jetk_db_bt_ops, sp);
	return jetk_bt_create(bt, &sph, sizeof(sph));
}

/**
 * jetk_db_new_object() - a new object with its own space and tree
 * @db: the database
 * @parent: the space its first extent comes from
 * @sp: its space, filled
 * @bt: its tree, filled
 * @objid: its object id
 * @cpg: its first extent
 * @page_flags: JETK_PG_* of its pages
 *
 * Return: 0, -ENOSPC, or an error.  On error the extent may stay taken
 * from @parent (the transaction issue's undo gives it back).
 */
int jetk_db_new_object(struct jetk_db *db, struct jetk_space *parent,
		       struct jetk_space *sp, struct jetk_bt *bt, u32 objid,
		       u32 cpg, u32 page_flags)
{
	u32 first;
	int ret;

	ret = jetk_space_alloc_extent(parent, cpg, &first);
	if (ret)
		return ret;
	ret = jetk_space_create(sp, db->file, first, objid, cpg, parent,
				&db->dbtime);
	if (ret)
		return ret;
	return jetk_db_object(db, sp, bt, page_flags);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_db_new_object);

/* A child object of @parent at exactly @fdp, as ESE lays them out. */
static int jetk_db_child(struct jetk_db *db, struct jetk_space *parent,
			 struct jetk_space *sp, u32 fdp, u32 objid, u32 cpg)
{
	u32 first;
	int ret;

	ret = jetk_space_alloc_extent(parent, cpg, &first);
	if (ret)
		return ret;
	if (first != fdp)
		return -EUCLEAN;
	return jetk_space_create(sp, db->file, fdp, objid, cpg, parent,
				 &db->dbtime);
}

/* The RootObjects key of a table: (RootFlag true, Name). */
static int jetk_db_root_key(const void *name, unsigned int len,
			    struct jetk_key *k)
{
	static const u8 root_true = 0xFF;
	int ret;

	jetk_key_init(k, JETK_KEY_MOST_DEFAULT);
	ret = jetk_key_add(k, JETK_COLTYP_BIT, 0, &root_true, 1, 0);
	if (!ret)
		ret = jetk_key_add(k, JETK_COLTYP_TEXT, JETK_CAT_CP_DEFAULT,
				   name, len, 0);
	return ret;
}

/* The Name key of a catalog row, and for table rows the RootObjects key. */
static int jetk_db_index_keys(struct jetk_db *db, const u8 *rec,
			      unsigned int len, struct jetk_key *name_key,
			      struct jetk_key *root_key, bool *is_table)
{
	struct jetk_rec_schema s;
	struct jetk_rec_value objid, type, name;
	struct jetk_rec_view v;
	int ret;

	jetk_cat_schema(&s, db->page_size);
	ret = jetk_rec_parse(&s, rec, len, &v);
	if (!ret)
		ret = jetk_rec_get(&s, &v, JETK_CATCOL_OBJID_TABLE, 1, &objid);
	if (!ret)
		ret = jetk_rec_get(&s, &v, JETK_CATCOL_TYPE, 1, &type);
	if (!ret)
		ret = jetk_rec_get(&s, &v, JETK_CATCOL_NAME, 1, &name);
	if (ret)
		return ret;
	if ((objid.flags | type.flags | name.flags) & JETK_RECV_NULL ||
	    objid.len != 4 || type.len != 2)
		return -EUCLEAN;
	jetk_key_init(name_key, JETK_KEY_MOST_DEFAULT);
	ret = jetk_key_add(name_key, JETK_COLTYP_LONG, 0, objid.data,
			   objid.len, 0);
	if (!ret)
		ret = jetk_key_add(name_key, JETK_COLTYP_SHORT, 0, type.data,
				   type.len, 0);
	if (!ret)
		ret = jetk_key_add(name_key, JETK_COLTYP_TEXT, JETK_CAT_CP_DEFAULT,
				   name.data, name.len, 0);
	*is_table = get_unaligned_le16(type.data) == JETK_CAT_TABLE;
	if (ret || !*is_table)
		return ret;
	return jetk_db_root_key(name.data, name.len, root_key);
}

/**
 * jetk_db_table_key() - the RootObjects key of a table name
 * @name: the table's name
 * @k: filled
 *
 * Return: 0 or -EINVAL.
 */
int jetk_db_table_key(const char *name, struct jetk_key *k)
{
	return jetk_db_root_key(name, strlen(name), k);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_db_table_key);

/**
 * jetk_db_cat_insert() - add a row to the catalog, its shadow and indexes
 * @db: the database (the caller serialises catalog changes)
 * @row: the row
 *
 * Return: 0, -EEXIST when a row with its key or name exists, -ENOSPC, or
 * an I/O error.  A failure after the first tree changed leaves the row
 * in some trees: the transaction issue brings the undo that removes it.
 */
int jetk_db_cat_insert(struct jetk_db *db, const struct jetk_cat_row *row)
{
	struct jetk_key *k;
	bool table;
	int ret;

	k = kmalloc_array(2, sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	ret = jetk_db_index_keys(db, row->rec, row->len, &k[0], &k[1], &table);
	if (!ret)
		ret = jetk_bt_insert(&db->bt_cat, row->key, row->key_len,
				     row->rec, row->len);
	if (!ret)
		ret = jetk_bt_insert(&db->bt_shadow, row->key, row->key_len,
				     row->rec, row->len);
	if (!ret)
		ret = jetk_bt_insert(&db->bt_name, k[0].buf, k[0].len,
				     row->key, row->key_len);
	if (!ret && table)
		ret = jetk_bt_insert(&db->bt_rootobj, k[1].buf, k[1].len,
				     row->key, row->key_len);
	kfree(k);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_db_cat_insert);

/**
 * jetk_db_cat_delete() - remove a row from the catalog, its shadow and
 *	indexes
 * @db: the database (the caller serialises catalog changes)
 * @key: the row's primary key
 * @key_len: its length
 * @rec: the row as it is in the catalog
 * @len: its length
 *
 * Return: 0, or an error; missing index entries are not an error.
 */
int jetk_db_cat_delete(struct jetk_db *db, const u8 *key, unsigned int key_len,
		       const u8 *rec, unsigned int len)
{
	struct jetk_key *k;
	bool table;
	int ret;

	k = kmalloc_array(2, sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	ret = jetk_db_index_keys(db, rec, len, &k[0], &k[1], &table);
	if (!ret)
		ret = jetk_bt_delete(&db->bt_name, k[0].buf, k[0].len);
	if (ret == -ENOENT)
		ret = 0;
	if (!ret && table)
		ret = jetk_bt_delete(&db->bt_rootobj, k[1].buf, k[1].len);
	if (ret == -ENOENT)
		ret = 0;
	if (!ret)
		ret = jetk_bt_delete(&db->bt_shadow, key, key_len);
	if (ret == -ENOENT)
		ret = 0;
	if (!ret)
		ret = jetk_bt_delete(&db->bt_cat, key, key_len);
	kfree(k);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_db_cat_delete);

static int jetk_db_catalog_rows(struct jetk_db *db)
{
	struct jetk_cat_row *rows;
	int n, m, i, ret = -ENOMEM;

	rows = kvcalloc(JETK_DB_SYSTEM_ROWS, sizeof(*rows), GFP_KERNEL);
	if (!rows)
		goto out;
	n = jetk_cat_system_rows(db->page_size, JETK_OBJID_CATALOG, rows,
				 JETK_DB_SYSTEM_ROWS);
	ret = n;
	if (n < 0)
		goto out;
	m = jetk_cat_system_rows(db->page_size, JETK_OBJID_SHADOW, rows + n,
				 JETK_DB_SYSTEM_ROWS - n);
	ret = m;
	if (m < 0)
		goto out;
	for (i = 0, ret = 0; i < n + m && !ret; i++)
		ret = jetk_db_cat_insert(db, &rows[i]);
out:
	kvfree(rows);
	return ret;
}

/**
 * jetk_db_format() - lay out a new, empty database
 * @db: file, page_size, io and pgno_max set; the cache file empty
 *
 * Writes the system objects into the cache (the caller writes them out)
 * and prepares the header; jetk_db_write_header() puts it on disk.
 *
 * Return: 0, -ENOSPC when the device is too small, or an error.
 */
int jetk_db_format(struct jetk_db *db)
{
	u32 initial = max_t(u32, JETK_DB_INITIAL_MIN,
			    JETK_DB_INITIAL_BYTES / db->page_size - 2);
	struct jetk_edb_header *h;
	struct timespec64 ts;
	int ret;

	if (db->pgno_max && db->pgno_max < JETK_DB_INITIAL_MIN)
		return -ENOSPC;
	if (db->pgno_max)
		initial = min(initial, db->pgno_max);
	jetk_tables_init(db);
	db->hdr = kzalloc(db->page_size, GFP_KERNEL);
	if (!db->hdr)
		return -ENOMEM;
	atomic64_set(&db->dbtime, 0);
	db->pgno_last = initial;

	ret = jetk_space_create(&db->sp_root, db->file, JETK_PGNO_DB_ROOT,
				JETK_OBJID_DB, initial, NULL, &db->dbtime);
	if (ret)
		return ret;
	db->sp_root.ops = &jetk_db_space_ops;
	db->sp_root.private = db;
	{
		struct jetk_bt root;

		ret = jetk_db_object(db, &db->sp_root, &root, 0);
		if (ret)
			return ret;
	}
	ret = jetk_db_child(db, &db->sp_root, &db->sp_cat, JETK_PGNO_CATALOG,
			    JETK_OBJID_CATALOG, JETK_CPG_CATALOG);
	if (!ret)
		ret = jetk_db_child(db, &db->sp_root, &db->sp_shadow,
				    JETK_PGNO_SHADOW, JETK_OBJID_SHADOW,
				    JETK_CPG_SHADOW);
	if (!ret)
		ret = jetk_db_child(db, &db->sp_cat, &db->sp_name,
				    JETK_PGNO_CAT_NAME, JETK_OBJID_CAT_NAME, 3);
	if (!ret)
		ret = jetk_db_child(db, &db->sp_cat, &db->sp_rootobj,
				    JETK_PGNO_CAT_ROOTOBJ,
				    JETK_OBJID_CAT_ROOTOBJ, 3);
	if (!ret)
		ret = jetk_db_object(db, &db->sp_cat, &db->bt_cat, 0);
	if (!ret)
		ret = jetk_db_object(db, &db->sp_shadow, &db->bt_shadow, 0);
	if (!ret)
		ret = jetk_db_object(db, &db->sp_name, &db->bt_name,
				     JETK_PG_INDEX);
	if (!ret)
		ret = jetk_db_object(db, &db->sp_rootobj, &db->bt_rootobj,
				     JETK_PG_INDEX);
	if (!ret)
		ret = jetk_db_catalog_rows(db);
	if (ret)
		return ret;
	db->objid_last = JETK_OBJID_CAT_ROOTOBJ;

	h = (void *)db->hdr;
	h->magic = cpu_to_le32(JETK_EDB_MAGIC);
	h->version = cpu_to_le32(JETK_EDB_VERSION);
	h->update_major = cpu_to_le32(JETK_EDB_UPDATE);
	h->create_version = cpu_to_le32(JETK_EDB_VERSION);
	h->create_update = cpu_to_le32(JETK_EDB_UPDATE);
	h->page_size = cpu_to_le32(db->page_size);
	h->dbid = cpu_to_le32(1);
	h->sort_version = cpu_to_le64(~0ULL);
	h->filetype = JETK_EDB_FILETYPE_DATABASE;
	/* The index sort order we follow is Windows 8's (6.2.9200). */
	h->os_major = cpu_to_le32(6);
	h->os_minor = cpu_to_le32(2);
	h->os_build = cpu_to_le32(9200);
	h->sign_db.random = cpu_to_le32(get_random_u32());
	ktime_get_real_ts64(&ts);
	{
		struct tm tm;

		time64_to_tm(ts.tv_sec, 0, &tm);
		h->sign_db.created = (struct jetk_edb_logtime){
			.sec = tm.tm_sec, .min = tm.tm_min,
			.hour = tm.tm_hour, .day = tm.tm_mday,
			.month = tm.tm_mon + 1, .year = tm.tm_year,
			.flags1 = 1,	/* UTC */
		};
		h->time_attach = h->sign_db.created;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_db_format);

/* Read a header copy and check it; -EUCLEAN when it is not a good one. */
static int jetk_db_read_header(struct jetk_db *db, unsigned int copy, u8 *buf)
{
	const struct jetk_edb_header *h = (const void *)buf;
	int ret;

	ret = db->io->hdr_rw(db, false, copy, buf);
	if (ret)
		return ret;
	if (!jetk_header_verify(buf, db->page_size))
		return -EUCLEAN;
	if (le32_to_cpu(h->version) != JETK_EDB_VERSION ||
	    le32_to_cpu(h->attrib))
		return -EUCLEAN;
	return 0;
}

/**
 * jetk_db_peek_state() - what the header says, without taking the
 *	database up (recovery asks before the pages are replayed)
 * @db: the database, its I/O set
 * @state: out: enum jetk_edb_dbstate
 *
 * Return: 0, -EUCLEAN (no valid header), -EINVAL (another page size), or
 * an I/O error.
 */
int jetk_db_peek_state(struct jetk_db *db, u32 *state)
{
	const struct jetk_edb_header *h;
	u8 *buf;
	u32 size;
	int ret;

	buf = kzalloc(db->page_size, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = jetk_db_read_header(db, 0, buf);
	if (ret == -EUCLEAN)
		ret = jetk_db_read_header(db, 1, buf);
	h = (const void *)buf;
	if (!ret) {
		size = le32_to_cpu(h->page_size);
		if ((size ? size : 4096) != db->page_size)
			ret = -EINVAL;
		*state = le32_to_cpu(h->dbstate);
	}
	kfree(buf);
	return ret;
}

/*
 * A database header written for another page size than @db's: a smaller
 * one is checked by its checksum; of a larger one we read too little to
 * check, and go by its signature and size field.
 */
static bool jetk_db_foreign_size(struct jetk_db *db, const u8 *buf)
{
	const struct jetk_edb_header *h = (const void *)buf;
	u32 size = le32_to_cpu(h->page_size);

	if (le32_to_cpu(h->magic) != JETK_EDB_MAGIC)
		return false;
	if (!size)
		size = 4096;
	if (size == db->page_size || size < 4096 || size > 32768 ||
	    (size & (size - 1)))
		return false;
	return size > db->page_size || jetk_header_verify(buf, size);
}

/*
 * The last page the database root owns: the end of its last owned
 * extent.
 */
static int jetk_db_last_page(struct jetk_db *db, u32 *last)
{
	struct jetk_bt_rec *rec = kzalloc(sizeof(*rec) + 4, GFP_KERNEL);
	int ret;

	if (!rec)
		return -ENOMEM;
	rec->data = (u8 *)(rec + 1);
	rec->data_max = 4;
	ret = jetk_bt_seek(&db->sp_root.oe, NULL, 0, JETK_BT_LAST, rec);
	if (!ret && rec->key_len != 4)
		ret = -EUCLEAN;
	if (!ret)
		*last = get_unaligned_be32(rec->key);
	kfree(rec);
	return ret == -ENOENT ? -EUCLEAN : ret;
}

/**
 * jetk_db_open_object() - take up an object of the database
 * @db: the database
 * @sp: its space, filled
 * @bt: its tree, filled (may be NULL)
 * @fdp: its root page
 * @objid: its object id
 * @parent: the space it came from
 * @page_flags: JETK_PG_* of its pages
 *
 * An object with a single-extent space (as ESE keeps small ones) gets
 * space trees when the database is writable (jetk_space_convert());
 * read-only, it is -EOPNOTSUPP.
 *
 * Return: 0, -EOPNOTSUPP, -EUCLEAN or an I/O error.
 */
int jetk_db_open_object(struct jetk_db *db, struct jetk_space *sp,
			struct jetk_bt *bt, u32 fdp, u32 objid,
			struct jetk_space *parent, u32 page_flags)
{
	int ret = jetk_space_open(sp, db->file, fdp, objid, parent,
				  &db->dbtime);

	/* A small object ESE wrote: trees for its space, if we may write. */
	if (ret == -EOPNOTSUPP && parent && !db->readonly)
		ret = jetk_space_convert(sp, db->file, fdp, objid, parent,
					 &db->dbtime);
	if (ret)
		return ret;
	if (bt)
		jetk_bt_init(bt, db->file, fdp, objid, page_flags, &db->dbtime,
			     &jetk_db_bt_ops, sp);
	return 0;
}

/**
 * jetk_db_open() - take up an existing database
 * @db: file, page_size, io and pgno_max set
 *
 * Reads the header (the shadow copy when the first is damaged), checks
 * it, and opens the system objects.
 *
 * Return: 0; -EUCLEAN when neither header copy is a valid database header
 * or the system objects are damaged; -EINVAL when its page size is not
 * @db's; -ESTALE when it was not shut down cleanly; an I/O error.
 */
int jetk_db_open(struct jetk_db *db)
{
	struct jetk_edb_header *h;
	u32 size, state;
	int ret;

	jetk_tables_init(db);
	db->hdr = kzalloc(db->page_size, GFP_KERNEL);
	if (!db->hdr)
		return -ENOMEM;
	ret = jetk_db_read_header(db, 0, db->hdr);
	/*
	 * A header whose checksum fails because it was written for another
	 * page size (it covers the whole page) says so in its own field:
	 * that database is not damaged, only not ours (ESE's
	 * JET_errPageSizeMismatch).  Only a valid checksum over its own
	 * size makes that claim believable.
	 */
	if (ret == -EUCLEAN && jetk_db_foreign_size(db, db->hdr))
		return -EINVAL;
	if (ret == -EUCLEAN)
		ret = jetk_db_read_header(db, 1, db->hdr);
	if (ret)
		return ret;
	h = (void *)db->hdr;
	size = le32_to_cpu(h->page_size);
	if ((size ? size : 4096) != db->page_size)
		return -EINVAL;
	state = le32_to_cpu(h->dbstate);
	if (state != JETK_DBSTATE_CLEAN_SHUTDOWN && !db->recovering)
		return -ESTALE;
	atomic64_set(&db->dbtime, le64_to_cpu(h->dbtime_dirtied));
	db->objid_last = le32_to_cpu(h->objid_last);

	ret = jetk_db_open_object(db, &db->sp_root, NULL, JETK_PGNO_DB_ROOT,
				  JETK_OBJID_DB, NULL, 0);
	if (ret)
		return ret;
	db->sp_root.ops = &jetk_db_space_ops;
	db->sp_root.private = db;
	ret = jetk_db_last_page(db, &db->pgno_last);
	if (!ret && db->pgno_max && db->pgno_last > db->pgno_max)
		ret = -EUCLEAN;
	if (!ret)
		ret = jetk_db_open_object(db, &db->sp_cat, &db->bt_cat,
					  JETK_PGNO_CATALOG, JETK_OBJID_CATALOG,
					  &db->sp_root, 0);
	if (!ret)
		ret = jetk_db_open_object(db, &db->sp_shadow, &db->bt_shadow,
					  JETK_PGNO_SHADOW, JETK_OBJID_SHADOW,
					  &db->sp_root, 0);
	if (!ret)
		ret = jetk_db_open_object(db, &db->sp_name, &db->bt_name,
					  JETK_PGNO_CAT_NAME,
					  JETK_OBJID_CAT_NAME, &db->sp_cat,
					  JETK_PG_INDEX);
	if (!ret)
		ret = jetk_db_open_object(db, &db->sp_rootobj, &db->bt_rootobj,
					  JETK_PGNO_CAT_ROOTOBJ,
					  JETK_OBJID_CAT_ROOTOBJ, &db->sp_cat,
					  JETK_PG_INDEX);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_db_open);

/**
 * jetk_db_write_header() - write both header copies
 * @db: the database; every page the header vouches for is on disk
 * @dbstate: enum jetk_edb_dbstate to record
 *
 * Return: 0 or an I/O error.
 */
int jetk_db_write_header(struct jetk_db *db, u32 dbstate)
{
	struct jetk_edb_header *h = (void *)db->hdr;
	int ret;

	h->dbstate = cpu_to_le32(dbstate);
	h->dbtime_dirtied = cpu_to_le64(atomic64_read(&db->dbtime));
	h->objid_last = cpu_to_le32(db->objid_last);
	if (dbstate == JETK_DBSTATE_CLEAN_SHUTDOWN)
		h->time_consistent = h->sign_db.created;
	jetk_header_seal(db->hdr, db->page_size);
	ret = db->io->hdr_rw(db, true, 0, db->hdr);
	if (!ret)
		ret = db->io->hdr_rw(db, true, 1, db->hdr);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_db_write_header);

/**
 * jetk_db_free() - release what jetk_db_format() allocated
 * @db: the database
 */
void jetk_db_free(struct jetk_db *db)
{
	jetk_tables_free(db);
	kfree(db->hdr);
	db->hdr = NULL;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_db_free);
