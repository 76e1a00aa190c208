/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The catalog, MSysObjects (ref/ese-format.md 6): one record per table,
 * column, index and long-value tree, keyed by (ObjidTable, Type, Id), and
 * its shadow copy MSysObjectsShadow.  This file builds catalog rows
 * exactly as ESE writes them, and the rows of the system tables a new
 * database starts with.
 */
#ifndef _JETK_CATALOG_H
#define _JETK_CATALOG_H

#include <linux/types.h>

#include "format.h"
#include "record.h"

#define JETK_CAT_KEY_LEN	13	/* 7F objid 7F type 7F id */
#define JETK_CAT_ROW_MAX	512
#define JETK_CAT_DEFAULT_MAX	255	/* JET_cbDefaultValueMost */

/**
 * struct jetk_cat_row - one catalog row, ready to insert
 * @key: its primary key
 * @key_len: JETK_CAT_KEY_LEN
 * @rec: the record
 * @len: its length
 */
struct jetk_cat_row {
	u8 key[JETK_CAT_KEY_LEN];
	unsigned int key_len;
	u8 rec[JETK_CAT_ROW_MAX];
	unsigned int len;
};

/**
 * struct jetk_cat_coldef - what a column row says
 * @name: column name (ASCII)
 * @columnid: column id
 * @coltyp: JET_coltyp
 * @cb_max: SpaceUsage: fixed size, or the limit of a variable column
 * @flags: JETK_FIELD_*
 * @cp: code page (1252 or 1200 for text; ESE writes 1252 for all system
 *	columns)
 * @record_offset: fixed columns: RecordOffset (0: not written)
 * @def: default value (JETK_FIELD_DEFAULT), or NULL
 * @def_len: its length (at most JETK_CAT_DEFAULT_MAX)
 */
struct jetk_cat_coldef {
	const char *name;
	u32 columnid;
	u32 coltyp;
	u32 cb_max;
	u32 flags;
	u32 cp;
	u32 record_offset;
	const u8 *def;
	u32 def_len;
};

/**
 * struct jetk_cat_idxdef - what an index row says
 * @name: index name
 * @objid: the index's object id (the table's for its primary index)
 * @pgno_fdp: the index tree's root page (the table's for the primary)
 * @fidb: JETK_IDX_* flags
 * @segs: key columns, IDXSEG encoded
 * @nsegs: how many
 * @key_most: KeyMost, written when neither 0 nor 255
 */
struct jetk_cat_idxdef {
	const char *name;
	u32 objid;
	u32 pgno_fdp;
	u16 fidb;
	const struct jetk_edb_idxseg *segs;
	unsigned int nsegs;
	u16 key_most;
};

void jetk_cat_schema(struct jetk_rec_schema *s, unsigned int page_size);
void jetk_cat_key(u32 objid, u16 type, u32 id, u8 *key);
int __must_check jetk_cat_table_row(unsigned int page_size, u32 objid,
				    u32 pgno_fdp, u32 pages, u32 flags,
				    const char *name, struct jetk_cat_row *row);
int __must_check jetk_cat_column_row(unsigned int page_size, u32 objid,
				     const struct jetk_cat_coldef *c,
				     struct jetk_cat_row *row);
int __must_check jetk_cat_index_row(unsigned int page_size, u32 objid,
				    const struct jetk_cat_idxdef *ix,
				    struct jetk_cat_row *row);
int __must_check jetk_cat_lv_row(unsigned int page_size, u32 objid,
				 u32 lv_objid, u32 pgno_fdp,
				 struct jetk_cat_row *row);
int jetk_cat_system_rows(unsigned int page_size, u32 objid,
			 struct jetk_cat_row *rows, unsigned int max);

#endif /* _JETK_CATALOG_H */
