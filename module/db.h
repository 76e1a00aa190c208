/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A database: its header, its pages in the cache, and the system objects
 * every .edb starts with (ref/ese-format.md 1, 2, 6.3): the database root
 * (page 1), the catalog MSysObjects (page 4) with its Name (7) and
 * RootObjects (10) indexes, and the shadow catalog (page 24).
 */
#ifndef _JETK_DB_H
#define _JETK_DB_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>

#include "btree.h"
#include "space.h"

struct jetk_db;
struct jetk_cache_file;
struct jetk_cat_row;
struct jetk_key;

/**
 * struct jetk_db_io - header I/O, beside the cache's page I/O
 * @hdr_rw: read or write copy @copy (0: file page 0, 1: its shadow at
 *	page_size) of the header, durably when writing
 */
struct jetk_db_io {
	int (*hdr_rw)(struct jetk_db *db, bool write, unsigned int copy,
		      void *buf);
};

/**
 * struct jetk_db - one attached database
 * @file: its pages in the instance's cache
 * @page_size: bytes per page
 * @io: header I/O
 * @private: the owner's cookie
 * @dbtime: the database time, advanced by every page change
 * @objid_last: highest object id in use
 * @pgno_last: last page of the database
 * @pgno_max: the size limit in pages (0: none)
 * @readonly: attached read-only: nothing may be written (constant)
 * @recovering: recovery takes it up: a dirty header is expected
 * @hdr: the header page, as last written
 * @sp_root: space of the database root (page 1)
 * @sp_cat: space of the catalog (page 4)
 * @sp_shadow: space of the shadow catalog (page 24)
 * @sp_name: space of the catalog's Name index (page 7)
 * @sp_rootobj: space of the catalog's RootObjects index (page 10)
 * @bt_cat: the catalog
 * @bt_shadow: the shadow catalog
 * @bt_name: the Name index
 * @bt_rootobj: the RootObjects index
 * @tables_lock: serialises catalog changes and @tables (see table.h);
 *	taken before any tree or space lock
 * @tables: descriptors of tables cursors opened (struct jetk_table)
 *	[tables_lock]
 */
struct jetk_db {
	struct jetk_cache_file *file;
	unsigned int page_size;
	const struct jetk_db_io *io;
	void *private;
	atomic64_t dbtime;
	u32 objid_last;
	u32 pgno_last;
	u32 pgno_max;
	bool readonly;
	bool recovering;
	u8 *hdr;
	struct jetk_space sp_root, sp_cat, sp_shadow, sp_name, sp_rootobj;
	struct jetk_bt bt_cat, bt_shadow, bt_name, bt_rootobj;
	struct mutex tables_lock;	/* see @tables_lock above */
	struct list_head tables;
	struct jetk_verstore *vs;
};

int __must_check jetk_db_format(struct jetk_db *db);
int __must_check jetk_db_open(struct jetk_db *db);
int __must_check jetk_db_peek_state(struct jetk_db *db, u32 *state);
int __must_check jetk_db_write_header(struct jetk_db *db, u32 dbstate);
void jetk_db_free(struct jetk_db *db);
int __must_check jetk_db_new_object(struct jetk_db *db,
				    struct jetk_space *parent,
				    struct jetk_space *sp, struct jetk_bt *bt,
				    u32 objid, u32 cpg, u32 page_flags);
int __must_check jetk_db_open_object(struct jetk_db *db,
				     struct jetk_space *sp, struct jetk_bt *bt,
				     u32 fdp, u32 objid,
				     struct jetk_space *parent, u32 page_flags);
int __must_check jetk_db_cat_insert(struct jetk_db *db,
				    const struct jetk_cat_row *row);
int __must_check jetk_db_cat_delete(struct jetk_db *db, const u8 *key,
				    unsigned int key_len, const u8 *rec,
				    unsigned int len);
int jetk_db_table_key(const char *name, struct jetk_key *k);

#endif /* _JETK_DB_H */
