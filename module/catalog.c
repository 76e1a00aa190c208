// SPDX-License-Identifier: GPL-2.0-only
/*
 * Catalog rows (see catalog.h), as ESE writes them for a 0x620/0x14
 * database (ref/ese-format.md 6.1-6.3): the column layout of MSysObjects
 * itself, and the rows describing tables, columns and indexes.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "catalog.h"
#include "compat.h"
#include "format.h"
#include "key.h"

#define JETK_CAT_DENSITY	80
#define JETK_CAT_SYSTEM_FLAGS	0xC0000000U	/* ObjectSystem | FixedDDL */
#define JETK_CAT_CP		1252
#define JETK_CAT_LCMAP_DEFAULT	0x00030401U
#define JETK_CAT_IDX_FLAGS_HI	0x00010000U	/* fIDXFlags: full column ids */

/* MSysObjects' own columns: fixed at their built-in offsets. */
static const struct jetk_rec_col jetk_cat_cols[] = {
	{ 1, 4, 4, 4 }, { 2, 3, 2, 8 }, { 3, 4, 4, 10 }, { 4, 4, 4, 14 },
	{ 5, 4, 4, 18 }, { 6, 4, 4, 22 }, { 7, 4, 4, 26 }, { 8, 1, 1, 30 },
	{ 9, 3, 2, 31 }, { 10, 4, 4, 33 }, { 11, 17, 2, 37 }, { 12, 4, 4, 39 },
	{ 128, 10, 255 }, { 129, 9, 255 }, { 130, 10, 255 }, { 131, 9, 255 },
	{ 132, 9, 255 }, { 133, 9, 255 }, { 134, 9, 255 }, { 135, 9, 255 },
	{ 136, 9, 255 }, { 137, 9, 255 },
	{ 256, 11 }, { 257, 11 }, { 258, 11 }, { 259, 11 }, { 260, 11 },
	{ 261, 11 },
};

/* The same columns as catalog rows describe them. */
static const struct jetk_cat_coldef jetk_cat_mso_columns[] = {
	{ "ObjidTable", 1, 4, 4, JETK_FIELD_NOT_NULL },
	{ "Type", 2, 3, 2, JETK_FIELD_NOT_NULL },
	{ "Id", 3, 4, 4, JETK_FIELD_NOT_NULL },
	{ "ColtypOrPgnoFDP", 4, 4, 4, JETK_FIELD_NOT_NULL },
	{ "SpaceUsage", 5, 4, 4, JETK_FIELD_NOT_NULL },
	{ "Flags", 6, 4, 4, JETK_FIELD_NOT_NULL },
	{ "PagesOrLocale", 7, 4, 4, JETK_FIELD_NOT_NULL },
	{ "RootFlag", 8, 1, 1 },
	{ "RecordOffset", 9, 3, 2 },
	{ "LCMapFlags", 10, 4, 4 },
	{ "KeyMost", 11, 17, 2 },
	{ "LVChunkMax", 12, 4, 4 },
	{ "Name", 128, 10, 255, JETK_FIELD_NOT_NULL },
	{ "Stats", 129, 9, 255 },
	{ "TemplateTable", 130, 10, 255 },
	{ "DefaultValue", 131, 9, 255 },
	{ "KeyFldIDs", 132, 9, 255 },
	{ "VarSegMac", 133, 9, 255 },
	{ "ConditionalColumns", 134, 9, 255 },
	{ "TupleLimits", 135, 9, 255 },
	{ "Version", 136, 9, 255 },
	{ "SortID", 137, 9, 255 },
	{ "CallbackData", 256, 11, 0 },
	{ "CallbackDependencies", 257, 11, 0 },
	{ "SeparateLV", 258, 11, 0 },
	{ "SpaceHints", 259, 11, 0 },
	{ "SpaceDeferredLVHints", 260, 11, 0 },
	{ "LocaleName", 261, 11, 0 },
};

/* "en-US" in UTF-16LE: the locale ESE records on index rows. */
static const u8 jetk_cat_locale[] = {
	'e', 0, 'n', 0, '-', 0, 'U', 0, 'S', 0
};

/**
 * jetk_cat_schema() - the record schema of MSysObjects rows
 * @s: filled
 * @page_size: the database's page size
 */
void jetk_cat_schema(struct jetk_rec_schema *s, unsigned int page_size)
{
	s->cols = jetk_cat_cols;
	s->ncols = ARRAY_SIZE(jetk_cat_cols);
	s->large = page_size > JETK_PG_SMALL_MAX;
	s->page_size = page_size;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cat_schema);

/**
 * jetk_cat_key() - the primary key of a catalog row
 * @objid: ObjidTable
 * @type: enum jetk_cat_type
 * @id: Id (the object, column or index id)
 * @key: JETK_CAT_KEY_LEN bytes
 */
void jetk_cat_key(u32 objid, u16 type, u32 id, u8 *key)
{
	key[0] = JETK_KEY_PREFIX_DATA;
	put_unaligned_be32(objid ^ 0x80000000U, key + 1);
	key[5] = JETK_KEY_PREFIX_DATA;
	put_unaligned_be16(type ^ 0x8000U, key + 6);
	key[8] = JETK_KEY_PREFIX_DATA;
	put_unaligned_be32(id ^ 0x80000000U, key + 9);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cat_key);

/* Row values: little-endian storage for the fixed columns. */
struct jetk_cat_vals {
	__le32 objid, id, coltyp_or_fdp, space, flags, pages, lcmap;
	__le16 type, record_offset, key_most;
	u8 root;
	struct jetk_rec_value v[16];
	struct jetk_rec_field f[16];
	unsigned int n;
};

static void jetk_cat_put(struct jetk_cat_vals *cv, u32 columnid,
			 const void *data, unsigned int len)
{
	cv->v[cv->n] = (struct jetk_rec_value){ .data = data, .len = len };
	cv->f[cv->n] = (struct jetk_rec_field){ .columnid = columnid,
		.nvals = 1, .vals = &cv->v[cv->n] };
	cv->n++;
}

static void jetk_cat_common(struct jetk_cat_vals *cv, u32 objid, u16 type,
			    u32 id, u32 coltyp_or_fdp, u32 space, u32 flags,
			    u32 pages)
{
	memset(cv, 0, sizeof(*cv));
	cv->objid = cpu_to_le32(objid);
	cv->type = cpu_to_le16(type);
	cv->id = cpu_to_le32(id);
	cv->coltyp_or_fdp = cpu_to_le32(coltyp_or_fdp);
	cv->space = cpu_to_le32(space);
	cv->flags = cpu_to_le32(flags);
	cv->pages = cpu_to_le32(pages);
	jetk_cat_put(cv, JETK_CATCOL_OBJID_TABLE, &cv->objid, 4);
	jetk_cat_put(cv, JETK_CATCOL_TYPE, &cv->type, 2);
	jetk_cat_put(cv, JETK_CATCOL_ID, &cv->id, 4);
	jetk_cat_put(cv, JETK_CATCOL_COLTYP_OR_PGNO_FDP, &cv->coltyp_or_fdp, 4);
	jetk_cat_put(cv, JETK_CATCOL_SPACE_USAGE, &cv->space, 4);
	jetk_cat_put(cv, JETK_CATCOL_FLAGS, &cv->flags, 4);
	jetk_cat_put(cv, JETK_CATCOL_PAGES_OR_LOCALE, &cv->pages, 4);
}

static int jetk_cat_build(unsigned int page_size, struct jetk_cat_vals *cv,
			  u32 objid, u16 type, u32 id,
			  struct jetk_cat_row *row)
{
	struct jetk_rec_schema s;

	jetk_cat_schema(&s, page_size);
	jetk_cat_key(objid, type, id, row->key);
	row->key_len = JETK_CAT_KEY_LEN;
	return jetk_rec_build(&s, cv->f, cv->n, row->rec, sizeof(row->rec),
			      &row->len);
}

static int jetk_cat_name_ok(const char *name)
{
	size_t n = strlen(name);

	return n && n <= 64 ? (int)n : -EINVAL;
}

/**
 * jetk_cat_table_row() - the row of a table (Type 1)
 * @page_size: the database's page size
 * @objid: the table's object id
 * @pgno_fdp: its root page
 * @pages: initial pages (a hint)
 * @flags: table flags (0 for user tables)
 * @name: its name
 * @row: filled
 *
 * Return: 0 or -EINVAL.
 */
int jetk_cat_table_row(unsigned int page_size, u32 objid, u32 pgno_fdp,
		       u32 pages, u32 flags, const char *name,
		       struct jetk_cat_row *row)
{
	struct jetk_cat_vals cv;
	int n = jetk_cat_name_ok(name);

	if (n < 0)
		return n;
	jetk_cat_common(&cv, objid, JETK_CAT_TABLE, objid, pgno_fdp,
			JETK_CAT_DENSITY, flags, pages);
	cv.root = 0xFF;
	jetk_cat_put(&cv, JETK_CATCOL_ROOT_FLAG, &cv.root, 1);
	jetk_cat_put(&cv, JETK_CATCOL_NAME, name, n);
	return jetk_cat_build(page_size, &cv, objid, JETK_CAT_TABLE, objid,
			      row);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cat_table_row);

/**
 * jetk_cat_column_row() - the row of a column (Type 2)
 * @page_size: the database's page size
 * @objid: the table's object id
 * @c: the column
 * @row: filled
 *
 * Return: 0 or -EINVAL.
 */
int jetk_cat_column_row(unsigned int page_size, u32 objid,
			const struct jetk_cat_coldef *c,
			struct jetk_cat_row *row)
{
	struct jetk_cat_vals cv;
	int n = jetk_cat_name_ok(c->name);

	if (n < 0)
		return n;
	jetk_cat_common(&cv, objid, JETK_CAT_COLUMN, c->columnid, c->coltyp,
			c->cb_max, c->flags, c->cp ? c->cp : JETK_CAT_CP);
	if (c->columnid <= JETK_FID_FIXED_MAX) {
		cv.record_offset = cpu_to_le16(c->record_offset);
		jetk_cat_put(&cv, JETK_CATCOL_RECORD_OFFSET, &cv.record_offset,
			     2);
	}
	jetk_cat_put(&cv, JETK_CATCOL_NAME, c->name, n);
	if (c->def) {
		if (c->def_len > JETK_CAT_DEFAULT_MAX)
			return -EINVAL;
		jetk_cat_put(&cv, JETK_CATCOL_DEFAULT_VALUE, c->def, c->def_len);
	}
	return jetk_cat_build(page_size, &cv, objid, JETK_CAT_COLUMN,
			      c->columnid, row);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cat_column_row);

/**
 * jetk_cat_index_row() - the row of an index (Type 3)
 * @page_size: the database's page size
 * @objid: the table's object id
 * @ix: the index
 * @row: filled
 *
 * Return: 0 or -EINVAL.
 */
int jetk_cat_index_row(unsigned int page_size, u32 objid,
		       const struct jetk_cat_idxdef *ix,
		       struct jetk_cat_row *row)
{
	struct jetk_cat_vals cv;
	int n = jetk_cat_name_ok(ix->name);

	if (n < 0)
		return n;
	if (!ix->nsegs || ix->nsegs > 16)
		return -EINVAL;
	jetk_cat_common(&cv, objid, JETK_CAT_INDEX, ix->objid, ix->pgno_fdp,
			JETK_CAT_DENSITY, ix->fidb | JETK_CAT_IDX_FLAGS_HI, 0);
	cv.lcmap = cpu_to_le32(JETK_CAT_LCMAP_DEFAULT);
	jetk_cat_put(&cv, JETK_CATCOL_LCMAP_FLAGS, &cv.lcmap, 4);
	if (ix->key_most && ix->key_most != JETK_KEY_MOST_DEFAULT) {
		cv.key_most = cpu_to_le16(ix->key_most);
		jetk_cat_put(&cv, JETK_CATCOL_KEY_MOST, &cv.key_most, 2);
	}
	jetk_cat_put(&cv, JETK_CATCOL_NAME, ix->name, n);
	jetk_cat_put(&cv, JETK_CATCOL_KEY_FLD_IDS, ix->segs,
		     ix->nsegs * sizeof(*ix->segs));
	jetk_cat_put(&cv, JETK_CATCOL_LOCALE_NAME, jetk_cat_locale,
		     sizeof(jetk_cat_locale));
	return jetk_cat_build(page_size, &cv, objid, JETK_CAT_INDEX,
			      ix->objid, row);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cat_index_row);

/**
 * jetk_cat_lv_row() - the row of a table's long-value tree (Type 4)
 * @page_size: the database's page size
 * @objid: the table's object id
 * @lv_objid: the LV tree's object id
 * @pgno_fdp: its root page
 * @row: filled
 *
 * Return: 0 or -EINVAL.
 */
int jetk_cat_lv_row(unsigned int page_size, u32 objid, u32 lv_objid,
		    u32 pgno_fdp, struct jetk_cat_row *row)
{
	struct jetk_cat_vals cv;

	jetk_cat_common(&cv, objid, JETK_CAT_LV, lv_objid, pgno_fdp, 100, 0, 1);
	jetk_cat_put(&cv, JETK_CATCOL_NAME, "LV", 2);
	return jetk_cat_build(page_size, &cv, objid, JETK_CAT_LV, lv_objid,
			      row);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cat_lv_row);

#define SEG(col) { .columnid = cpu_to_le16(col) }

static const struct jetk_edb_idxseg jetk_cat_id_segs[] = {
	SEG(1), SEG(2), SEG(3),
};

static const struct jetk_edb_idxseg jetk_cat_name_segs[] = {
	SEG(1), SEG(2), SEG(128),
};

static const struct jetk_edb_idxseg jetk_cat_rootobj_segs[] = {
	SEG(8), SEG(128),
};

/**
 * jetk_cat_system_rows() - the rows describing MSysObjects or its shadow
 * @page_size: the database's page size
 * @objid: JETK_OBJID_CATALOG or JETK_OBJID_SHADOW
 * @rows: filled, in key order
 * @max: room at @rows (33 suffice)
 *
 * Return: the number of rows, or -EINVAL / -ENOSPC.
 */
int jetk_cat_system_rows(unsigned int page_size, u32 objid,
			 struct jetk_cat_row *rows, unsigned int max)
{
	const bool cat = objid == JETK_OBJID_CATALOG;
	const struct jetk_cat_idxdef idx[] = {
		{ "Id", objid, cat ? JETK_PGNO_CATALOG : JETK_PGNO_SHADOW,
		  JETK_IDX_UNIQUE | JETK_IDX_NO_NULL_SEG | JETK_IDX_PRIMARY,
		  jetk_cat_id_segs, ARRAY_SIZE(jetk_cat_id_segs) },
		{ "Name", JETK_OBJID_CAT_NAME, JETK_PGNO_CAT_NAME,
		  JETK_IDX_UNIQUE | JETK_IDX_NO_NULL_SEG,
		  jetk_cat_name_segs, ARRAY_SIZE(jetk_cat_name_segs) },
		{ "RootObjects", JETK_OBJID_CAT_ROOTOBJ, JETK_PGNO_CAT_ROOTOBJ,
		  JETK_IDX_UNIQUE | JETK_IDX_ALLOW_SOME_NULLS,
		  jetk_cat_rootobj_segs, ARRAY_SIZE(jetk_cat_rootobj_segs) },
	};
	unsigned int i, n = 0, nidx = cat ? ARRAY_SIZE(idx) : 1;
	int ret;

	if (!cat && objid != JETK_OBJID_SHADOW)
		return -EINVAL;
	if (max < 1 + ARRAY_SIZE(jetk_cat_mso_columns) + nidx)
		return -ENOSPC;
	ret = jetk_cat_table_row(page_size, objid,
				 cat ? JETK_PGNO_CATALOG : JETK_PGNO_SHADOW,
				 cat ? JETK_CPG_CATALOG : JETK_CPG_SHADOW,
				 JETK_CAT_SYSTEM_FLAGS,
				 cat ? "MSysObjects" : "MSysObjectsShadow",
				 &rows[n++]);
	for (i = 0; !ret && i < ARRAY_SIZE(jetk_cat_mso_columns); i++) {
		struct jetk_cat_coldef c = jetk_cat_mso_columns[i];

		/* System tables: a placeholder offset, ESE knows the layout. */
		c.record_offset = 4;
		ret = jetk_cat_column_row(page_size, objid, &c, &rows[n++]);
	}
	for (i = 0; !ret && i < nidx; i++)
		ret = jetk_cat_index_row(page_size, objid, &idx[i], &rows[n++]);
	return ret ? ret : n;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cat_system_rows);
