// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tables (see table.h): the schema the catalog records, read into a
 * descriptor when a table is opened, and the DDL that writes it.
 *
 * Until transactions land, DDL checks everything it can before the first
 * change (names, types, sizes, duplicates), so that only an I/O error or
 * a full database can stop it half way; the transaction issue brings the
 * undo for those.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "catalog.h"
#include "compat.h"
#include "db.h"
#include "format.h"
#include "jeterr.h"
#include "key.h"
#include "lv.h"
#include "table.h"
#include "verstore.h"

#define JETK_TABLE_GROW_CPG	16	/* pages a table asks for when full */
#define JETK_TAGGED_MOST	0xFFFFU
#define JETK_CB_COLUMN_MOST	255	/* JET_cbColumnMost: Text, Binary */

/**
 * jetk_table_err() - a negative errno of the storage layers as a JET_ERR
 * @e: 0 or a negative errno
 *
 * Return: the JET_ERR.
 */
int jetk_table_err(int e)
{
	switch (e) {
	case 0:
		return 0;
	case -ENOMEM:
		return JETK_ERR_OUT_OF_MEMORY;
	case -ENOSPC:
		return JETK_ERR_OUT_OF_DATABASE_SPACE;
	case -E2BIG:
		return JETK_ERR_RECORD_TOO_BIG;
	case -EEXIST:
		return JETK_ERR_KEY_DUPLICATE;
	case -ENOENT:
		return JETK_ERR_RECORD_NOT_FOUND;
	case -EUCLEAN:
		return JETK_ERR_DATABASE_CORRUPTED;
	case -EBADMSG:
		return JETK_ERR_READ_VERIFY_FAILURE;
	case -ENOBUFS:
		return JETK_ERR_OUT_OF_BUFFERS;
	case -EINVAL:
		return JETK_ERR_INVALID_PARAMETER;
	case -EOPNOTSUPP:
		return JETK_ERR_FEATURE_NOT_AVAILABLE;
	default:
		return JETK_ERR_DISK_IO;
	}
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_err);

/**
 * jetk_name_valid() - is this an ESE object name (JET_errInvalidName)
 * @name: NUL terminated
 *
 * ESE's rules: 1 to 64 characters, no leading space, no control
 * characters, none of ! . [ ].
 *
 * Return: true when valid.
 */
bool jetk_name_valid(const char *name)
{
	size_t n = strnlen(name, JETK_NAME_MOST + 1), i;

	if (!n || n > JETK_NAME_MOST || name[0] == ' ')
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = name[i];

		if (c < 0x20 || c == '!' || c == '.' || c == '[' || c == ']')
			return false;
	}
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_name_valid);

static bool jetk_coltyp_valid(u32 coltyp)
{
	return coltyp >= JETK_COLTYP_BIT &&
	       coltyp <= JETK_COLTYP_UNSIGNED_LONG_LONG &&
	       coltyp != JETK_COLTYP_SLV;
}

static bool jetk_coltyp_long(u32 coltyp)
{
	return coltyp == JETK_COLTYP_LONG_TEXT ||
	       coltyp == JETK_COLTYP_LONG_BINARY;
}

static bool jetk_coltyp_text(u32 coltyp)
{
	return coltyp == JETK_COLTYP_TEXT || coltyp == JETK_COLTYP_LONG_TEXT;
}

/**
 * jetk_tables_init() - a database without open tables
 * @db: the database
 */
void jetk_tables_init(struct jetk_db *db)
{
	mutex_init(&db->tables_lock);
	INIT_LIST_HEAD(&db->tables);
}

static void jetk_table_free(struct jetk_table *t)
{
	unsigned int i;

	if (t->cols)
		for (i = 0; i < t->ncols; i++)
			kfree(t->cols[i].def);
	kvfree(t->cols);
	kvfree(t->names);
	mutex_destroy(&t->escrow_lock);
	mutex_destroy(&t->lv_lock);
	mutex_destroy(&t->seq_lock);
	kfree(t);
}

/**
 * jetk_tables_free() - forget every table descriptor
 * @db: the database; no cursor is open on it
 */
void jetk_tables_free(struct jetk_db *db)
{
	struct jetk_table *t, *tmp;

	if (!db->tables.next)
		return;
	mutex_lock(&db->tables_lock);
	list_for_each_entry_safe(t, tmp, &db->tables, node) {
		WARN_ON_ONCE(t->refs);
		list_del(&t->node);
		jetk_table_free(t);
	}
	mutex_unlock(&db->tables_lock);
}

static struct jetk_table *jetk_table_alloc(struct jetk_db *db)
{
	struct jetk_table *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return NULL;
	t->db = db;
	INIT_LIST_HEAD(&t->node);
	init_rwsem(&t->ddl);
	mutex_init(&t->seq_lock);
	mutex_init(&t->lv_lock);
	mutex_init(&t->escrow_lock);
	INIT_LIST_HEAD(&t->cursors);
	return t;
}

/* Room for @n columns in the parallel arrays. */
static int jetk_table_cols_reserve(struct jetk_table *t, unsigned int n)
{
	struct jetk_rec_col *cols;
	char (*names)[JETK_NAME_MOST + 1];

	cols = kvcalloc(n, sizeof(*cols), GFP_KERNEL);
	names = kvcalloc(n, sizeof(*names), GFP_KERNEL);
	if (!cols || !names) {
		kvfree(cols);
		kvfree(names);
		return -ENOMEM;
	}
	if (t->ncols) {
		memcpy(cols, t->cols, t->ncols * sizeof(*cols));
		memcpy(names, t->names, t->ncols * sizeof(*names));
	}
	kvfree(t->cols);
	kvfree(t->names);
	t->cols = cols;
	t->names = names;
	return 0;
}

/**
 * jetk_table_schema() - the record schema of a table's rows
 * @t: the table, @t->ddl held
 * @s: filled
 */
void jetk_table_schema(const struct jetk_table *t, struct jetk_rec_schema *s)
{
	s->cols = t->cols;
	s->ncols = t->ncols;
	s->large = t->db->page_size > JETK_PG_SMALL_MAX;
	s->page_size = t->db->page_size;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_schema);

/**
 * jetk_table_column_by_name() - a column's index in @t->cols
 * @t: the table, @t->ddl held
 * @name: the column's name (compared without case, as ESE does)
 *
 * Return: the index, or -ENOENT.
 */
int jetk_table_column_by_name(const struct jetk_table *t, const char *name)
{
	unsigned int i;

	for (i = 0; i < t->ncols; i++)
		if (!strcasecmp(t->names[i], name))
			return i;
	return -ENOENT;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_column_by_name);

/**
 * jetk_table_column_by_id() - a column's index in @t->cols
 * @t: the table, @t->ddl held
 * @columnid: its id
 *
 * Return: the index, or -ENOENT.
 */
int jetk_table_column_by_id(const struct jetk_table *t, u32 columnid)
{
	unsigned int lo = 0, hi = t->ncols;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (t->cols[mid].columnid == columnid)
			return mid;
		if (t->cols[mid].columnid < columnid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -ENOENT;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_column_by_id);

/**
 * jetk_table_column_grbit() - JET_bitColumn* of a column, as ESE reports
 * @t: the table, @t->ddl held
 * @i: the column's index
 *
 * Return: the grbit.
 */
u32 jetk_table_column_grbit(const struct jetk_table *t, unsigned int i)
{
	const struct jetk_rec_col *c = &t->cols[i];
	u32 g = 0;

	if (c->columnid <= JETK_FID_FIXED_MAX)
		g |= JETK_COLUMN_FIXED;
	else if (c->columnid >= JETK_FID_TAGGED_FIRST)
		g |= JETK_COLUMN_TAGGED;
	if (c->flags & JETK_FIELD_NOT_NULL)
		g |= JETK_COLUMN_NOT_NULL;
	if (c->flags & JETK_FIELD_VERSION)
		g |= JETK_COLUMN_VERSION;
	if (c->flags & JETK_FIELD_AUTOINCREMENT)
		g |= JETK_COLUMN_AUTOINCREMENT;
	if (c->flags & JETK_FIELD_MULTIVALUED)
		g |= JETK_COLUMN_MULTI_VALUED;
	if (c->flags & JETK_FIELD_ESCROW_UPDATE)
		g |= JETK_COLUMN_ESCROW_UPDATE;
	if (c->flags & JETK_FIELD_DELETE_ON_ZERO)
		g |= JETK_COLUMN_DELETE_ON_ZERO;
	if (!(c->flags & (JETK_FIELD_AUTOINCREMENT | JETK_FIELD_VERSION)))
		g |= JETK_COLUMN_UPDATABLE;
	return g;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_column_grbit);

/**
 * jetk_table_space() - pages a table owns and does not use
 * @t: the table
 * @owned: pages it owns
 * @avail: of those, pages it does not use
 *
 * Return: a JET_ERR.
 */
int jetk_table_space(struct jetk_table *t, u32 *owned, u32 *avail)
{
	if (t->space_ro) {
		/* Single-extent space: not read by jetk yet. */
		*owned = 0;
		*avail = 0;
		return 0;
	}
	return jetk_table_err(jetk_space_count(&t->sp, owned, avail));
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_space);

/*
 * Work out a new column: its id class, size and catalog flags, against
 * the columns the table has (@t->cols, sorted) and those created before
 * it in the same call (also in @t->cols).  Sets c->err and c->columnid.
 */
static int jetk_column_plan(struct jetk_table *t, struct jetk_column_def *c,
			    struct jetk_rec_col *rc)
{
	u32 size = jetk_coltyp_fixed_size(c->coltyp), g = c->grbit, last = 0;
	u32 lo, hi, offset = 4;
	unsigned int i;
	bool tagged, fixed;

	memset(rc, 0, sizeof(*rc));
	if (!jetk_name_valid(c->name))
		return JETK_ERR_INVALID_NAME;
	if (!jetk_coltyp_valid(c->coltyp))
		return JETK_ERR_INVALID_COLUMN_TYPE;
	if (jetk_table_column_by_name(t, c->name) >= 0)
		return JETK_ERR_COLUMN_DUPLICATE;
	if (g & ~(JETK_COLUMN_FIXED | JETK_COLUMN_TAGGED |
		  JETK_COLUMN_NOT_NULL | JETK_COLUMN_VERSION |
		  JETK_COLUMN_AUTOINCREMENT | JETK_COLUMN_UPDATABLE |
		  JETK_COLUMN_MULTI_VALUED | JETK_COLUMN_ESCROW_UPDATE |
		  JETK_COLUMN_UNVERSIONED | JETK_COLUMN_MAYBE_NULL |
		  JETK_COLUMN_DELETE_ON_ZERO))
		return JETK_ERR_INVALID_GRBIT;
	if ((g & JETK_COLUMN_FIXED) && (g & JETK_COLUMN_TAGGED))
		return JETK_ERR_INVALID_PARAMETER;
	tagged = (g & JETK_COLUMN_TAGGED) || jetk_coltyp_long(c->coltyp);
	if (jetk_coltyp_long(c->coltyp) && (g & JETK_COLUMN_FIXED))
		return JETK_ERR_INVALID_PARAMETER;
	if ((g & JETK_COLUMN_MULTI_VALUED) && !tagged)
		return JETK_ERR_MULTI_VALUED_COLUMN_MUST_BE_TAGGED;
	if (g & (JETK_COLUMN_AUTOINCREMENT | JETK_COLUMN_VERSION)) {
		if (tagged)
			return JETK_ERR_CANNOT_BE_TAGGED;
		if ((g & JETK_COLUMN_AUTOINCREMENT) &&
		    (g & JETK_COLUMN_VERSION))
			return JETK_ERR_INVALID_PARAMETER;
		if ((g & JETK_COLUMN_VERSION) ? c->coltyp != JETK_COLTYP_LONG :
		    (c->coltyp != JETK_COLTYP_LONG &&
		     c->coltyp != JETK_COLTYP_CURRENCY))
			return JETK_ERR_INVALID_COLUMN_TYPE;
		if (c->def)
			return JETK_ERR_INVALID_PARAMETER;
		for (i = 0; i < t->ncols; i++)
			if (t->cols[i].flags & (g & JETK_COLUMN_VERSION ?
						JETK_FIELD_VERSION :
						JETK_FIELD_AUTOINCREMENT))
				return JETK_ERR_COLUMN_REDUNDANT;
	}
	if ((g & JETK_COLUMN_ESCROW_UPDATE) &&
	    ((c->coltyp != JETK_COLTYP_LONG &&
	      c->coltyp != JETK_COLTYP_LONG_LONG) || tagged || c->def_len != size))
		return JETK_ERR_INVALID_PARAMETER;
	if (jetk_coltyp_text(c->coltyp)) {
		rc->cp = c->cp ? c->cp : JETK_CAT_CP_DEFAULT;
		if (rc->cp != JETK_CAT_CP_DEFAULT && rc->cp != JETK_CP_UNICODE)
			return JETK_ERR_INVALID_CODE_PAGE;
	}
	fixed = !tagged && (size || (g & JETK_COLUMN_FIXED));
	if (size) {
		rc->cb_max = size;
	} else if (jetk_coltyp_long(c->coltyp)) {
		rc->cb_max = c->cb_max;
	} else {
		if (c->cb_max > JETK_CB_COLUMN_MOST)
			return JETK_ERR_INVALID_PARAMETER;
		rc->cb_max = c->cb_max ? c->cb_max : JETK_CB_COLUMN_MOST;
	}
	if (c->def) {
		if (c->def_len > JETK_CAT_DEFAULT_MAX)
			return JETK_ERR_INVALID_PARAMETER;
		if (size && c->def_len != size)
			return JETK_ERR_INVALID_BUFFER_SIZE;
		if (!size && rc->cb_max && c->def_len > rc->cb_max)
			return JETK_ERR_COLUMN_TOO_BIG;
	}

	if (fixed) {
		lo = 1;
		hi = JETK_FID_FIXED_MAX;
	} else if (!tagged) {
		lo = JETK_FID_VAR_FIRST;
		hi = JETK_FID_VAR_MAX;
	} else {
		lo = JETK_FID_TAGGED_FIRST;
		hi = JETK_TAGGED_MOST;
	}
	for (i = 0; i < t->ncols; i++) {
		u32 id = t->cols[i].columnid;

		if (id >= lo && id <= hi)
			last = id;
		if (id <= JETK_FID_FIXED_MAX)
			offset = max(offset, t->cols[i].offset +
					     t->cols[i].cb_max);
	}
	if (last == hi)
		return JETK_ERR_TOO_MANY_COLUMNS;
	rc->columnid = last ? last + 1 : lo;
	rc->coltyp = c->coltyp;
	if (fixed) {
		rc->offset = offset;
		if (offset + rc->cb_max > jetk_rec_max_size(t->db->page_size))
			return JETK_ERR_RECORD_TOO_BIG;
	}
	if (g & JETK_COLUMN_NOT_NULL)
		rc->flags |= JETK_FIELD_NOT_NULL;
	if (g & JETK_COLUMN_VERSION)
		rc->flags |= JETK_FIELD_VERSION;
	if (g & JETK_COLUMN_AUTOINCREMENT)
		rc->flags |= JETK_FIELD_AUTOINCREMENT;
	if (g & JETK_COLUMN_MULTI_VALUED)
		rc->flags |= JETK_FIELD_MULTIVALUED;
	if (g & JETK_COLUMN_ESCROW_UPDATE)
		rc->flags |= JETK_FIELD_ESCROW_UPDATE;
	if (g & JETK_COLUMN_DELETE_ON_ZERO)
		rc->flags |= JETK_FIELD_DELETE_ON_ZERO;
	if (c->def) {
		rc->flags |= JETK_FIELD_DEFAULT;
		rc->def = kmemdup(c->def, c->def_len ? c->def_len : 1,
				  GFP_KERNEL);
		if (!rc->def)
			return JETK_ERR_OUT_OF_MEMORY;
		rc->def_len = c->def_len;
	}
	return 0;
}

/* Insert a planned column into the sorted arrays (room reserved). */
static void jetk_table_cols_insert(struct jetk_table *t,
				   const struct jetk_rec_col *rc,
				   const char *name)
{
	unsigned int i = t->ncols;

	while (i && t->cols[i - 1].columnid > rc->columnid) {
		t->cols[i] = t->cols[i - 1];
		memcpy(t->names[i], t->names[i - 1], sizeof(t->names[i]));
		i--;
	}
	t->cols[i] = *rc;
	strscpy(t->names[i], name, sizeof(t->names[i]));
	t->ncols++;
}

/* The catalog row of column @i of @t. */
static int jetk_table_column_row(struct jetk_table *t, unsigned int i,
				 struct jetk_cat_row *row)
{
	const struct jetk_rec_col *rc = &t->cols[i];
	struct jetk_cat_coldef cd = {
		.name = t->names[i],
		.columnid = rc->columnid,
		.coltyp = rc->coltyp,
		.cb_max = rc->cb_max,
		.flags = rc->flags,
		.cp = jetk_coltyp_text(rc->coltyp) ? rc->cp : 0,
		.record_offset = rc->offset,
		.def = (rc->flags & JETK_FIELD_DEFAULT) ? rc->def : NULL,
		.def_len = rc->def_len,
	};

	/* ESE writes no code page for non-text columns. */
	if (!cd.cp && !jetk_coltyp_text(rc->coltyp))
		cd.cp = 0;
	return jetk_cat_column_row(t->db->page_size, t->objid, &cd, row);
}

/*
 * Parse a key description "+col\0-col\0\0" into @ix, resolving the
 * columns of @t.
 */
static int jetk_index_plan(struct jetk_table *t, const struct jetk_index_def *d,
			   struct jetk_table_index *ix)
{
	const char *p = d->key, *end = d->key + d->key_len;
	unsigned int n = 0;

	memset(ix, 0, sizeof(*ix));
	if (!jetk_name_valid(d->name))
		return JETK_ERR_INVALID_NAME;
	if (d->density && (d->density < 20 || d->density > 100))
		return JETK_ERR_DENSITY_INVALID;
	if (d->key_len < 3 || end[-1] || end[-2])
		return JETK_ERR_INVALID_CREATE_INDEX;
	while (p < end && *p) {
		size_t len = strnlen(p, end - p);
		char name[JETK_NAME_MOST + 1];
		bool desc = false;
		int i;

		if (p + len >= end)
			return JETK_ERR_INVALID_CREATE_INDEX;
		if (*p == '+' || *p == '-') {
			desc = *p == '-';
			p++;
			len--;
		}
		if (!len || len > JETK_NAME_MOST)
			return JETK_ERR_INVALID_CREATE_INDEX;
		if (n == JETK_KEY_COLUMNS_MOST)
			return JETK_ERR_INDEX_INVALID_DEF;
		memcpy(name, p, len);
		name[len] = 0;
		i = jetk_table_column_by_name(t, name);
		if (i < 0)
			return JETK_ERR_COLUMN_NOT_FOUND;
		if (t->cols[i].flags & JETK_FIELD_MULTIVALUED)
			return JETK_ERR_FEATURE_NOT_AVAILABLE;
		if (jetk_coltyp_text(t->cols[i].coltyp) &&
		    t->cols[i].cp == JETK_CP_UNICODE)
			return JETK_ERR_FEATURE_NOT_AVAILABLE;
		ix->seg_col[n] = t->cols[i].columnid;
		ix->seg_opts[n] = desc ? JETK_KEYSEG_DESCENDING : 0;
		n++;
		p += len + 1;
	}
	if (!n)
		return JETK_ERR_INVALID_CREATE_INDEX;
	ix->nsegs = n;
	strscpy(ix->name, d->name, sizeof(ix->name));
	ix->objid = t->objid;
	ix->key_most = JETK_KEY_MOST_DEFAULT;
	if (d->grbit & JETK_INDEX_KEY_MOST) {
		if (d->cb_key_most < JETK_KEY_MOST_DEFAULT ||
		    d->cb_key_most > JETK_KEY_MOST_MOST ||
		    d->cb_key_most > t->db->page_size / 4)
			return JETK_ERR_INDEX_INVALID_DEF;
		ix->key_most = d->cb_key_most;
	}
	ix->fidb = JETK_IDX_UNIQUE | JETK_IDX_PRIMARY;
	if (d->grbit & JETK_INDEX_DISALLOW_NULL)
		ix->fidb |= JETK_IDX_NO_NULL_SEG;
	else
		ix->fidb |= JETK_IDX_ALLOW_ALL_NULLS | JETK_IDX_ALLOW_FIRST_NULL |
			    JETK_IDX_ALLOW_SOME_NULLS;
	if (d->grbit & JETK_INDEX_SORT_NULLS_HIGH) {
		ix->fidb |= JETK_IDX_SORT_NULLS_HIGH;
		for (n = 0; n < ix->nsegs; n++)
			ix->seg_opts[n] |= JETK_KEYSEG_NULLS_HIGH;
	}
	if (d->grbit & JETK_INDEX_DISALLOW_TRUNCATION)
		ix->fidb |= JETK_IDX_DISALLOW_TRUNCATION;
	return 0;
}

static int jetk_index_check_grbit(u32 g)
{
	const u32 known = JETK_INDEX_UNIQUE | JETK_INDEX_PRIMARY |
			  JETK_INDEX_DISALLOW_NULL | JETK_INDEX_IGNORE_NULL |
			  JETK_INDEX_IGNORE_ANY_NULL |
			  JETK_INDEX_IGNORE_FIRST_NULL | JETK_INDEX_LAZY_FLUSH |
			  JETK_INDEX_UNVERSIONED | JETK_INDEX_SORT_NULLS_HIGH |
			  JETK_INDEX_KEY_MOST | JETK_INDEX_DISALLOW_TRUNCATION;

	if (g & ~known)
		return JETK_ERR_INVALID_GRBIT;
	/* Secondary indexes come with their own issue. */
	if (!(g & JETK_INDEX_PRIMARY))
		return JETK_ERR_FEATURE_NOT_AVAILABLE;
	if (g & (JETK_INDEX_IGNORE_NULL | JETK_INDEX_IGNORE_ANY_NULL |
		 JETK_INDEX_IGNORE_FIRST_NULL))
		return JETK_ERR_INVALID_CREATE_INDEX;
	return 0;
}

/* The catalog row of the primary index. */
static int jetk_table_index_row(struct jetk_table *t, struct jetk_cat_row *row)
{
	struct jetk_edb_idxseg segs[JETK_KEY_COLUMNS_MOST];
	struct jetk_cat_idxdef d = {
		.name = t->primary.name,
		.objid = t->objid,
		.pgno_fdp = t->pgno_fdp,
		.fidb = t->primary.fidb,
		.segs = segs,
		.nsegs = t->primary.nsegs,
		.key_most = t->primary.key_most,
	};
	unsigned int i;

	for (i = 0; i < t->primary.nsegs; i++) {
		segs[i].flags = (t->primary.seg_opts[i] &
				 JETK_KEYSEG_DESCENDING) ?
				JETK_IDXSEG_DESCENDING : 0;
		segs[i].zero = 0;
		segs[i].columnid = cpu_to_le16(t->primary.seg_col[i]);
	}
	return jetk_cat_index_row(t->db->page_size, t->objid, &d, row);
}

/*
 * Give the table its long-value tree, taken from the table's space, and
 * record it in the catalog.  Called under db->tables_lock (the object id)
 * by DDL that adds a long column.
 */
static int jetk_table_make_lv(struct jetk_table *t, struct jetk_cat_row *row)
{
	struct jetk_db *db = t->db;
	u32 objid;
	int ret;

	lockdep_assert_held(&db->tables_lock);
	if (t->has_lv)
		return 0;
	objid = ++db->objid_last;
	ret = jetk_db_new_object(db, &t->sp, &t->lv_sp, &t->lv_bt, objid,
				 JETK_TABLE_CPG_MIN, JETK_PG_LONG_VALUE);
	if (ret)
		return ret;
	t->lv_sp.grow_cpg = JETK_TABLE_GROW_CPG;
	ret = jetk_cat_lv_row(db->page_size, t->objid, objid, t->lv_sp.fdp,
			      row);
	if (!ret)
		ret = jetk_db_cat_insert(db, row);
	if (ret)
		return ret;
	t->lv_objid = objid;
	t->has_lv = true;
	return 0;
}

static bool jetk_table_has_long(const struct jetk_table *t)
{
	unsigned int i;

	for (i = 0; i < t->ncols; i++)
		if (jetk_coltyp_long(t->cols[i].coltyp))
			return true;
	return false;
}

/* Find a table's catalog row by name: its objid, or -ENOENT. */
static int jetk_table_find(struct jetk_db *db, const char *name,
			   struct jetk_bt_rec *rec, u8 *buf,
			   unsigned int buf_len)
{
	struct jetk_key *k;
	u8 catkey[JETK_CAT_KEY_LEN];
	int ret;

	k = kmalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	ret = jetk_db_table_key(name, k);
	rec->data = catkey;
	rec->data_max = sizeof(catkey);
	if (!ret)
		ret = jetk_bt_seek(&db->bt_rootobj, k->buf, k->len,
				   JETK_BT_EQ, rec);
	kfree(k);
	if (ret)
		return ret;
	if (rec->data_len != JETK_CAT_KEY_LEN)
		return -EUCLEAN;
	rec->data = buf;
	rec->data_max = buf_len;
	ret = jetk_bt_seek(&db->bt_cat, catkey, JETK_CAT_KEY_LEN, JETK_BT_EQ,
			   rec);
	if (ret == -ENOENT)
		return -EUCLEAN;	/* the index names a missing row */
	if (!ret && rec->data_len > buf_len)
		return -EUCLEAN;
	return ret;
}

static struct jetk_table *jetk_table_cached(struct jetk_db *db,
					    const char *name)
{
	struct jetk_table *t;

	lockdep_assert_held(&db->tables_lock);
	list_for_each_entry(t, &db->tables, node)
		if (!t->deleted && !strcasecmp(t->name, name))
			return t;
	return NULL;
}

/**
 * jetk_table_create() - JetCreateTable, JetCreateTableColumnIndex(2-4)
 * @db: the database, attached read-write
 * @name: the table's name
 * @pages: initial pages
 * @density: its density (0: the default)
 * @grbit: JET_bitTableCreate*
 * @cols: its columns; each gets @columnid and @err
 * @ncols: how many
 * @idx: its indexes (one primary); each gets @err
 * @nidx: how many
 * @tp: out: the table, referenced
 * @created: out: table, columns and indexes created
 *
 * Everything is checked before anything is written: a bad column or
 * index creates nothing.
 *
 * Return: a JET_ERR.
 */
int jetk_table_create(struct jetk_db *db, const char *name, u32 pages,
		      u32 density, u32 grbit, struct jetk_column_def *cols,
		      unsigned int ncols, struct jetk_index_def *idx,
		      unsigned int nidx, struct jetk_table **tp,
		      unsigned int *created)
{
	struct jetk_table *t;
	struct jetk_cat_row *row = NULL;
	struct jetk_bt_rec *rec = NULL;
	u8 *buf = NULL;
	unsigned int i;
	int err = 0, ret;
	u32 cpg;

	*created = 0;
	if (!jetk_name_valid(name))
		return JETK_ERR_INVALID_NAME;
	if (density && (density < 20 || density > 100))
		return JETK_ERR_DENSITY_INVALID;
	/*
	 * FixedDDL, TemplateTable, NoFixedVarColumnsInDerivedTables,
	 * ImmutableStructure: recorded by ESE for templates; accepted.
	 */
	if (grbit & ~0xFU)
		return JETK_ERR_INVALID_GRBIT;
	t = jetk_table_alloc(db);
	row = kmalloc(sizeof(*row), GFP_KERNEL);
	rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	buf = kmalloc(db->page_size, GFP_KERNEL);
	if (!t || !row || !rec || !buf) {
		err = JETK_ERR_OUT_OF_MEMORY;
		goto out_free;
	}
	strscpy(t->name, name, sizeof(t->name));
	t->density = density ? density : JETK_CAT_DENSITY_DEFAULT;
	t->flags = 0;
	cpg = clamp_t(u32, pages, JETK_TABLE_CPG_MIN, 1U << 20);
	t->pages = cpg;
	if (ncols && jetk_table_cols_reserve(t, ncols)) {
		err = JETK_ERR_OUT_OF_MEMORY;
		goto out_free;
	}

	mutex_lock(&db->tables_lock);
	ret = jetk_table_find(db, name, rec, buf, db->page_size);
	if (ret != -ENOENT) {
		err = ret ? jetk_table_err(ret) : JETK_ERR_TABLE_DUPLICATE;
		goto out_unlock;
	}
	/* Columns, checked against each other as they are added. */
	for (i = 0; i < ncols; i++) {
		struct jetk_rec_col rc;

		cols[i].columnid = 0;
		cols[i].err = jetk_column_plan(t, &cols[i], &rc);
		if (cols[i].err) {
			err = cols[i].err;
			kfree(rc.def);
			goto out_unlock;
		}
		cols[i].columnid = rc.columnid;
		jetk_table_cols_insert(t, &rc, cols[i].name);
	}
	for (i = 0; i < nidx; i++) {
		idx[i].err = jetk_index_check_grbit(idx[i].grbit);
		if (!idx[i].err && t->has_primary)
			idx[i].err = JETK_ERR_INDEX_HAS_PRIMARY;
		if (!idx[i].err)
			idx[i].err = jetk_index_plan(t, &idx[i], &t->primary);
		if (idx[i].err) {
			err = idx[i].err;
			goto out_unlock;
		}
		t->has_primary = true;
	}

	/* Everything checked: write. */
	t->objid = ++db->objid_last;
	t->primary.objid = t->objid;
	ret = jetk_db_new_object(db, &db->sp_root, &t->sp, &t->bt, t->objid,
				 cpg, 0);
	if (ret)
		goto out_io;
	t->sp.grow_cpg = JETK_TABLE_GROW_CPG;
	t->pgno_fdp = t->sp.fdp;
	ret = jetk_cat_table_row(db->page_size, t->objid, t->pgno_fdp, cpg,
				 t->flags, t->name, row);
	if (!ret)
		ret = jetk_db_cat_insert(db, row);
	for (i = 0; !ret && i < t->ncols; i++) {
		ret = jetk_table_column_row(t, i, row);
		if (!ret)
			ret = jetk_db_cat_insert(db, row);
	}
	if (!ret && t->has_primary) {
		ret = jetk_table_index_row(t, row);
		if (!ret)
			ret = jetk_db_cat_insert(db, row);
	}
	if (!ret && jetk_table_has_long(t))
		ret = jetk_table_make_lv(t, row);
out_io:
	if (ret) {
		err = jetk_table_err(ret);
		if (ret == -EEXIST)
			err = JETK_ERR_DATABASE_CORRUPTED;
		goto out_unlock;
	}
	t->refs = 1;
	list_add(&t->node, &db->tables);
	*created = 1 + ncols + nidx;
	*tp = t;
	t = NULL;
out_unlock:
	mutex_unlock(&db->tables_lock);
out_free:
	if (t)
		jetk_table_free(t);
	kfree(buf);
	kfree(rec);
	kfree(row);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_create);

/* A fixed u32/u16/u8 column of a catalog row, 0 when NULL. */
static u32 jetk_cat_u32(const struct jetk_rec_schema *s,
			const struct jetk_rec_view *v, u32 col)
{
	struct jetk_rec_value val;

	if (jetk_rec_get(s, v, col, 1, &val) || (val.flags & JETK_RECV_NULL))
		return 0;
	switch (val.len) {
	case 1:
		return val.data[0];
	case 2:
		return get_unaligned_le16(val.data);
	case 4:
		return get_unaligned_le32(val.data);
	default:
		return 0;
	}
}

static int jetk_cat_name(const struct jetk_rec_schema *s,
			 const struct jetk_rec_view *v, char *name)
{
	struct jetk_rec_value val;
	int ret = jetk_rec_get(s, v, JETK_CATCOL_NAME, 1, &val);

	if (ret)
		return ret;
	if ((val.flags & JETK_RECV_NULL) || !val.len ||
	    val.len > JETK_NAME_MOST || memchr(val.data, 0, val.len))
		return -EUCLEAN;
	memcpy(name, val.data, val.len);
	name[val.len] = 0;
	return 0;
}

/* One catalog row of a table being read. */
static int jetk_table_load_row(struct jetk_table *t, const u8 *r,
			       unsigned int len, unsigned int *nsecondary)
{
	struct jetk_rec_schema s;
	struct jetk_rec_view v;
	struct jetk_rec_value val;
	struct jetk_rec_col rc = {};
	char name[JETK_NAME_MOST + 1];
	u32 type, flags;
	unsigned int i;
	int ret;

	jetk_cat_schema(&s, t->db->page_size);
	ret = jetk_rec_parse(&s, r, len, &v);
	if (!ret)
		ret = jetk_cat_name(&s, &v, name);
	if (ret)
		return ret;
	type = jetk_cat_u32(&s, &v, JETK_CATCOL_TYPE);
	flags = jetk_cat_u32(&s, &v, JETK_CATCOL_FLAGS);
	switch (type) {
	case JETK_CAT_TABLE:
		strscpy(t->name, name, sizeof(t->name));
		t->pgno_fdp = jetk_cat_u32(&s, &v,
					   JETK_CATCOL_COLTYP_OR_PGNO_FDP);
		t->density = jetk_cat_u32(&s, &v, JETK_CATCOL_SPACE_USAGE);
		t->pages = jetk_cat_u32(&s, &v, JETK_CATCOL_PAGES_OR_LOCALE);
		t->lv_chunk_max = jetk_cat_u32(&s, &v, JETK_CATCOL_LV_CHUNK_MAX);
		t->flags = flags;
		return 0;
	case JETK_CAT_COLUMN:
		rc.columnid = jetk_cat_u32(&s, &v, JETK_CATCOL_ID);
		rc.coltyp = jetk_cat_u32(&s, &v, JETK_CATCOL_COLTYP_OR_PGNO_FDP);
		rc.cb_max = jetk_cat_u32(&s, &v, JETK_CATCOL_SPACE_USAGE);
		rc.cp = jetk_cat_u32(&s, &v, JETK_CATCOL_PAGES_OR_LOCALE);
		rc.offset = jetk_cat_u32(&s, &v, JETK_CATCOL_RECORD_OFFSET);
		rc.flags = flags;
		if (!rc.columnid || rc.columnid > JETK_TAGGED_MOST ||
		    (t->ncols && rc.columnid <= t->cols[t->ncols - 1].columnid))
			return -EUCLEAN;
		if (rc.columnid <= JETK_FID_FIXED_MAX &&
		    (!rc.cb_max || rc.offset < 4 ||
		     rc.offset + rc.cb_max > t->db->page_size))
			return -EUCLEAN;
		if (flags & JETK_FIELD_DEFAULT) {
			ret = jetk_rec_get(&s, &v, JETK_CATCOL_DEFAULT_VALUE, 1,
					   &val);
			if (ret)
				return ret;
			if (!(val.flags & JETK_RECV_NULL)) {
				rc.def = kmemdup(val.data, val.len ? val.len : 1,
						 GFP_KERNEL);
				if (!rc.def)
					return -ENOMEM;
				rc.def_len = val.len;
			}
		}
		if (!(t->ncols & 15)) {
			ret = jetk_table_cols_reserve(t, t->ncols + 16);
			if (ret) {
				kfree(rc.def);
				return ret;
			}
		}
		t->cols[t->ncols] = rc;
		strscpy(t->names[t->ncols], name, sizeof(t->names[0]));
		t->ncols++;
		return 0;
	case JETK_CAT_INDEX:
		if (!((flags & 0xFFFF) & JETK_IDX_PRIMARY)) {
			(*nsecondary)++;
			return 0;
		}
		ret = jetk_rec_get(&s, &v, JETK_CATCOL_KEY_FLD_IDS, 1, &val);
		if (ret)
			return ret;
		if (!(flags >> 16 & JETK_IDX_FLAGS_FULL_COLUMNIDS) ||
		    (val.flags & JETK_RECV_NULL) || !val.len || val.len % 4 ||
		    val.len / 4 > JETK_KEY_COLUMNS_MOST)
			return -EUCLEAN;
		memset(&t->primary, 0, sizeof(t->primary));
		strscpy(t->primary.name, name, sizeof(t->primary.name));
		t->primary.objid = jetk_cat_u32(&s, &v, JETK_CATCOL_ID);
		t->primary.fidb = flags & 0xFFFF;
		t->primary.key_most = jetk_cat_u32(&s, &v, JETK_CATCOL_KEY_MOST);
		if (!t->primary.key_most)
			t->primary.key_most = JETK_KEY_MOST_DEFAULT;
		t->primary.nsegs = val.len / 4;
		for (i = 0; i < t->primary.nsegs; i++) {
			const u8 *seg = val.data + 4 * i;

			t->primary.seg_col[i] = get_unaligned_le16(seg + 2);
			if (seg[0] & JETK_IDXSEG_DESCENDING)
				t->primary.seg_opts[i] |= JETK_KEYSEG_DESCENDING;
			if (t->primary.fidb & JETK_IDX_SORT_NULLS_HIGH)
				t->primary.seg_opts[i] |= JETK_KEYSEG_NULLS_HIGH;
		}
		t->has_primary = true;
		return 0;
	case JETK_CAT_LV:
		t->lv_objid = jetk_cat_u32(&s, &v, JETK_CATCOL_ID);
		t->lv_fdp = jetk_cat_u32(&s, &v, JETK_CATCOL_COLTYP_OR_PGNO_FDP);
		return 0;
	default:
		/* Callbacks: not used. */
		return 0;
	}
}

/*
 * Trees of a table whose space jetk cannot manage yet (ESE's single-extent
 * space): nothing may take or give pages.  Record writes are refused
 * before they reach the tree (space_ro); these are the last line.
 */
static int jetk_table_ro_get_page(struct jetk_bt *bt, u32 *pgno)
{
	return -EROFS;
}

static void jetk_table_ro_put_page(struct jetk_bt *bt, u32 pgno)
{
	pr_warn_ratelimited("jetk: page %u of object %u not freed: read-only space\n",
			    pgno, bt->objid);
}

static const struct jetk_bt_ops jetk_table_ro_ops = {
	.get_page = jetk_table_ro_get_page,
	.put_page = jetk_table_ro_put_page,
};

/* Read a table's schema from the catalog. */
static int jetk_table_load(struct jetk_table *t, u8 *buf)
{
	struct jetk_db *db = t->db;
	struct jetk_bt_rec *rec;
	unsigned int nsecondary = 0, i;
	u8 key[JETK_CAT_KEY_LEN];
	int ret;

	rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	if (!rec)
		return -ENOMEM;
	rec->data = buf;
	rec->data_max = db->page_size;
	jetk_cat_key(t->objid, 0, 0, key);
	ret = jetk_bt_seek(&db->bt_cat, key, sizeof(key), JETK_BT_GE, rec);
	while (!ret) {
		if (rec->key_len != JETK_CAT_KEY_LEN ||
		    rec->data_len > db->page_size) {
			ret = -EUCLEAN;
			break;
		}
		if (get_unaligned_be32(rec->key + 1) != (t->objid ^ 0x80000000U))
			break;
		ret = jetk_table_load_row(t, buf, rec->data_len, &nsecondary);
		if (ret)
			break;
		memcpy(key, rec->key, sizeof(key));
		ret = jetk_bt_seek(&db->bt_cat, key, sizeof(key), JETK_BT_GT,
				   rec);
	}
	kfree(rec);
	if (ret && ret != -ENOENT)
		return ret;
	for (i = 0; i < t->primary.nsegs; i++)
		if (jetk_table_column_by_id(t, t->primary.seg_col[i]) < 0)
			return -EUCLEAN;
	if (!t->pgno_fdp || t->pgno_fdp > db->pgno_last)
		return -EUCLEAN;
	/* Records are written only where every index is maintained. */
	t->has_secondary = nsecondary;
	ret = jetk_db_open_object(db, &t->sp, &t->bt, t->pgno_fdp, t->objid,
				  &db->sp_root, 0);
	if (ret == -EOPNOTSUPP) {
		/* Single-extent space (small tables ESE wrote): read only. */
		jetk_bt_init(&t->bt, db->file, t->pgno_fdp, t->objid, 0,
			     &db->dbtime, &jetk_table_ro_ops, t);
		t->space_ro = true;
		ret = 0;
	}
	if (ret)
		return ret;
	t->sp.grow_cpg = JETK_TABLE_GROW_CPG;
	if (!t->lv_objid)
		return 0;
	if (!t->lv_fdp || t->lv_fdp > db->pgno_last)
		return -EUCLEAN;
	ret = t->space_ro ? -EOPNOTSUPP :
	      jetk_db_open_object(db, &t->lv_sp, &t->lv_bt, t->lv_fdp,
				  t->lv_objid, &t->sp, JETK_PG_LONG_VALUE);
	if (ret == -EOPNOTSUPP) {
		jetk_bt_init(&t->lv_bt, db->file, t->lv_fdp, t->lv_objid,
			     JETK_PG_LONG_VALUE, &db->dbtime,
			     &jetk_table_ro_ops, t);
		t->space_ro = true;
		ret = 0;
	}
	if (ret)
		return ret;
	t->lv_sp.grow_cpg = JETK_TABLE_GROW_CPG;
	t->has_lv = true;
	return 0;
}

/**
 * jetk_table_open() - find a table by name and reference it
 * @db: the database
 * @name: its name (without case)
 * @tp: out: the table
 *
 * Return: a JET_ERR: JET_errObjectNotFound, JET_errInvalidName, or the
 * error reading its catalog rows.
 */
int jetk_table_open(struct jetk_db *db, const char *name,
		    struct jetk_table **tp)
{
	struct jetk_table *t = NULL;
	struct jetk_bt_rec *rec = NULL;
	struct jetk_rec_schema s;
	struct jetk_rec_view v;
	u8 *buf = NULL;
	int err = 0, ret;

	if (!jetk_name_valid(name))
		return JETK_ERR_INVALID_NAME;
	mutex_lock(&db->tables_lock);
	t = jetk_table_cached(db, name);
	if (t && t->delete_pending) {
		/* Deleted by a transaction not yet committed. */
		mutex_unlock(&db->tables_lock);
		return JETK_ERR_OBJECT_NOT_FOUND;
	}
	if (t) {
		t->refs++;
		*tp = t;
		mutex_unlock(&db->tables_lock);
		return 0;
	}
	t = jetk_table_alloc(db);
	rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	buf = kmalloc(db->page_size, GFP_KERNEL);
	if (!t || !rec || !buf) {
		err = JETK_ERR_OUT_OF_MEMORY;
		goto out;
	}
	ret = jetk_table_find(db, name, rec, buf, db->page_size);
	if (ret) {
		err = ret == -ENOENT ? JETK_ERR_OBJECT_NOT_FOUND :
		      jetk_table_err(ret);
		goto out;
	}
	jetk_cat_schema(&s, db->page_size);
	ret = jetk_rec_parse(&s, buf, rec->data_len, &v);
	if (!ret) {
		t->objid = jetk_cat_u32(&s, &v, JETK_CATCOL_OBJID_TABLE);
		ret = jetk_table_load(t, buf);
	}
	if (ret) {
		err = jetk_table_err(ret);
		goto out;
	}
	t->refs = 1;
	list_add(&t->node, &db->tables);
	*tp = t;
	t = NULL;
out:
	mutex_unlock(&db->tables_lock);
	if (t)
		jetk_table_free(t);
	kfree(buf);
	kfree(rec);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_open);

/**
 * jetk_table_put() - a cursor is done with a table
 * @t: the table
 *
 * The descriptor stays cached until the database goes (or the table is
 * deleted).
 */
void jetk_table_put(struct jetk_table *t)
{
	struct jetk_db *db = t->db;

	mutex_lock(&db->tables_lock);
	if (!WARN_ON_ONCE(!t->refs))
		t->refs--;
	mutex_unlock(&db->tables_lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_put);

/**
 * jetk_table_add_column() - JetAddColumn
 * @t: the table (a cursor references it)
 * @c: the column; gets @columnid and @err
 *
 * Records written before keep their layout: a new fixed column lies
 * beyond their last fixed column, and reads as NULL (or its default).
 *
 * Return: a JET_ERR.
 */
int jetk_table_add_column(struct jetk_table *t, struct jetk_column_def *c)
{
	struct jetk_db *db = t->db;
	struct jetk_cat_row *row;
	struct jetk_rec_col rc = {};
	int err, ret, i;

	row = kmalloc(sizeof(*row), GFP_KERNEL);
	if (!row)
		return JETK_ERR_OUT_OF_MEMORY;
	mutex_lock(&db->tables_lock);
	down_write(&t->ddl);
	/* A table whose space jetk cannot manage gets no new objects. */
	if (t->space_ro) {
		err = JETK_ERR_FEATURE_NOT_AVAILABLE;
		c->err = err;
		goto out;
	}
	err = jetk_table_cols_reserve(t, t->ncols + 1) ?
	      JETK_ERR_OUT_OF_MEMORY : 0;
	if (!err)
		err = jetk_column_plan(t, c, &rc);
	c->err = err;
	if (err) {
		kfree(rc.def);
		goto out;
	}
	jetk_table_cols_insert(t, &rc, c->name);
	c->columnid = rc.columnid;
	i = jetk_table_column_by_id(t, rc.columnid);
	ret = 0;
	if (jetk_coltyp_long(rc.coltyp))
		ret = jetk_table_make_lv(t, row);
	if (!ret)
		ret = jetk_table_column_row(t, i, row);
	if (!ret)
		ret = jetk_db_cat_insert(db, row);
	if (ret) {
		/* Not in the catalog: not in the schema either. */
		kfree(t->cols[i].def);
		memmove(&t->cols[i], &t->cols[i + 1],
			(t->ncols - i - 1) * sizeof(t->cols[0]));
		memmove(&t->names[i], &t->names[i + 1],
			(t->ncols - i - 1) * sizeof(t->names[0]));
		t->ncols--;
		c->columnid = 0;
		err = ret == -EEXIST ? JETK_ERR_COLUMN_DUPLICATE :
		      jetk_table_err(ret);
		c->err = err;
	}
out:
	up_write(&t->ddl);
	mutex_unlock(&db->tables_lock);
	kfree(row);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_add_column);

/**
 * jetk_table_delete() - JetDeleteTable
 * @db: the database, attached read-write
 * @name: the table
 *
 * Removes every catalog row of the table and gives its pages back to
 * the database.
 *
 * Return: a JET_ERR: JET_errObjectNotFound, JET_errTableInUse while a
 * cursor is open on it, JET_errCannotDeleteSystemTable.
 */
int jetk_table_delete(struct jetk_db *db, const char *name)
{
	struct jetk_table *t, *open = NULL;
	struct jetk_bt_rec *rec;
	struct jetk_rec_schema s;
	struct jetk_rec_view v;
	struct jetk_space *sp;
	u8 key[JETK_CAT_KEY_LEN];
	u32 objid = 0, fdp = 0, flags = 0;
	u8 *buf;
	int err = 0, ret;

	if (!jetk_name_valid(name))
		return JETK_ERR_INVALID_NAME;
	rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	buf = kmalloc(db->page_size, GFP_KERNEL);
	sp = kmalloc(sizeof(*sp), GFP_KERNEL);
	if (!rec || !buf || !sp) {
		err = JETK_ERR_OUT_OF_MEMORY;
		goto out_free;
	}
	rec->data = buf;
	rec->data_max = db->page_size;
	mutex_lock(&db->tables_lock);
	t = jetk_table_cached(db, name);
	if (t && (t->refs || (db->vs && jetk_ver_table_busy(db->vs, t)))) {
		err = JETK_ERR_TABLE_IN_USE;
		goto out;
	}
	/* Versions of its records that nobody runs with go with it. */
	if (t && db->vs)
		jetk_ver_drop_table(db->vs, t);
	open = t;
	ret = jetk_table_find(db, name, rec, buf, db->page_size);
	jetk_cat_schema(&s, db->page_size);
	if (!ret)
		ret = jetk_rec_parse(&s, buf, rec->data_len, &v);
	if (ret) {
		err = ret == -ENOENT ? JETK_ERR_OBJECT_NOT_FOUND :
		      jetk_table_err(ret);
		goto out;
	}
	objid = jetk_cat_u32(&s, &v, JETK_CATCOL_OBJID_TABLE);
	fdp = jetk_cat_u32(&s, &v, JETK_CATCOL_COLTYP_OR_PGNO_FDP);
	flags = jetk_cat_u32(&s, &v, JETK_CATCOL_FLAGS);
	if (objid <= JETK_OBJID_CAT_ROOTOBJ || (flags & 0x80000000U)) {
		err = JETK_ERR_CANNOT_DELETE_SYSTEM_TABLE;
		goto out;
	}
	/* The space first: once the rows are gone nothing finds it. */
	ret = jetk_space_open(sp, db->file, fdp, objid, &db->sp_root,
			      &db->dbtime);
	if (!ret)
		ret = jetk_space_release(sp);
	/* Then every row of the table, always the first one left. */
	while (!ret) {
		jetk_cat_key(objid, 0, 0, key);
		ret = jetk_bt_seek(&db->bt_cat, key, sizeof(key), JETK_BT_GE,
				   rec);
		if (ret)
			break;
		if (rec->key_len != JETK_CAT_KEY_LEN ||
		    rec->data_len > db->page_size) {
			ret = -EUCLEAN;
			break;
		}
		if (get_unaligned_be32(rec->key + 1) != (objid ^ 0x80000000U))
			break;
		memcpy(key, rec->key, sizeof(key));
		ret = jetk_db_cat_delete(db, key, sizeof(key), buf,
					 rec->data_len);
	}
	if (ret && ret != -ENOENT) {
		err = jetk_table_err(ret);
		goto out;
	}
	if (open) {
		list_del(&open->node);
		jetk_table_free(open);
	}
out:
	mutex_unlock(&db->tables_lock);
out_free:
	kfree(sp);
	kfree(buf);
	kfree(rec);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_delete);

/**
 * jetk_table_delete_mark() - JetDeleteTable inside a transaction
 * @db: the database
 * @name: the table
 * @tp: out: the table, marked for deletion
 *
 * The table disappears (JetOpenTable: JET_errObjectNotFound) but stays on
 * disk until the transaction commits (jetk_table_delete() then) or rolls
 * back (jetk_table_delete_unmark()).
 *
 * Return: a JET_ERR, as jetk_table_delete() checks.
 */
int jetk_table_delete_mark(struct jetk_db *db, const char *name,
			   struct jetk_table **tp)
{
	struct jetk_table *t;
	int err;

	err = jetk_table_open(db, name, &t);
	if (err)
		return err;
	mutex_lock(&db->tables_lock);
	if (t->refs > 1 || (db->vs && jetk_ver_table_busy(db->vs, t)))
		err = JETK_ERR_TABLE_IN_USE;
	else if (t->objid <= JETK_OBJID_CAT_ROOTOBJ)
		err = JETK_ERR_CANNOT_DELETE_SYSTEM_TABLE;
	else
		t->delete_pending = true;
	t->refs--;
	mutex_unlock(&db->tables_lock);
	*tp = t;
	return err;
}

/**
 * jetk_table_delete_unmark() - the transaction that deleted it rolled back
 * @t: the table
 */
void jetk_table_delete_unmark(struct jetk_table *t)
{
	mutex_lock(&t->db->tables_lock);
	t->delete_pending = false;
	mutex_unlock(&t->db->tables_lock);
}

/*
 * Rebuild @rec without column @columnid into @out; *@lids gets the long
 * values its values held (to let go of once the record is replaced).
 */
static int jetk_table_strip(struct jetk_table *t, const u8 *rec,
			    unsigned int len, u32 columnid, u8 *out,
			    unsigned int *out_len, bool *changed, u32 *lids,
			    unsigned int max_lids, unsigned int *nlids)
{
	struct jetk_rec_schema s;
	struct jetk_rec_view v;
	struct jetk_rec_value val;
	int ret, n, k;

	*changed = false;
	*nlids = 0;
	jetk_table_schema(t, &s);
	ret = jetk_rec_parse(&s, rec, len, &v);
	if (ret)
		return ret;
	/* A fixed or variable column below the record's last is in it. */
	if (columnid <= JETK_FID_FIXED_MAX)
		*changed = v.fid_fixed_last >= columnid;
	else if (columnid <= JETK_FID_VAR_MAX)
		*changed = v.fid_var_last >= columnid;
	n = jetk_rec_count(&s, &v, columnid);
	if (n < 0)
		return n;
	for (k = 1; k <= n; k++) {
		*changed = true;
		ret = jetk_rec_get(&s, &v, columnid, k, &val);
		if (ret)
			return ret;
		if ((val.flags & JETK_RECV_SEPARATED) &&
		    val.len == JETK_LID_SIZE && *nlids < max_lids)
			lids[(*nlids)++] = get_unaligned_le32(val.data);
	}
	if (!*changed)
		return 0;
	return jetk_rec_rebuild(&s, rec, len, columnid, NULL, 0, out,
				t->db->page_size, out_len);
}

static int __jetk_table_delete_column(struct jetk_table *t, const char *name,
				      bool undo)
{
	struct jetk_db *db = t->db;
	struct jetk_bt_rec *rec = NULL;
	u8 *buf = NULL, *out = NULL;
	u8 key[JETK_CAT_KEY_LEN];
	u32 id, lids[64];
	unsigned int i, nl, out_len;
	bool changed;
	int err = 0, ret, ci;

	rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	buf = kmalloc(db->page_size, GFP_KERNEL);
	out = kmalloc(db->page_size, GFP_KERNEL);
	if (!rec || !buf || !out) {
		err = JETK_ERR_OUT_OF_MEMORY;
		goto out_free;
	}
	mutex_lock(&db->tables_lock);
	down_write(&t->ddl);
	ci = jetk_table_column_by_name(t, name);
	if (ci < 0) {
		err = JETK_ERR_COLUMN_NOT_FOUND;
		goto out;
	}
	id = t->cols[ci].columnid;
	for (i = 0; t->has_primary && i < t->primary.nsegs; i++)
		if (t->primary.seg_col[i] == id)
			err = JETK_ERR_COLUMN_INDEXED;
	if (!err && (t->space_ro || t->has_secondary))
		err = JETK_ERR_FEATURE_NOT_AVAILABLE;
	/*
	 * Versions keep old images of its records, values of the column
	 * and their long values included: only once none is left.
	 */
	if (!err && !undo && db->vs && atomic_read(&t->nver)) {
		jetk_ver_cleanup(db->vs);
		if (atomic_read(&t->nver))
			err = JETK_ERR_TABLE_IN_USE;
	}
	if (!err && !undo && t->refs > 1)
		err = JETK_ERR_TABLE_IN_USE;
	for (i = 0; !err && i < t->ncols; i++) {
		u32 other = t->cols[i].columnid;

		if (other > id &&
		    ((id <= JETK_FID_FIXED_MAX && other <= JETK_FID_FIXED_MAX) ||
		     (id >= JETK_FID_VAR_FIRST && id <= JETK_FID_VAR_MAX &&
		      other <= JETK_FID_VAR_MAX)))
			err = JETK_ERR_FEATURE_NOT_AVAILABLE;
	}
	if (err)
		goto out;

	/* Every record holding the column, rewritten without it. */
	rec->data = buf;
	rec->data_max = db->page_size;
	ret = jetk_bt_seek(&t->bt, NULL, 0, JETK_BT_FIRST, rec);
	while (!ret) {
		if (rec->data_len > db->page_size) {
			ret = -EUCLEAN;
			break;
		}
		ret = jetk_table_strip(t, buf, rec->data_len, id, out,
				       &out_len, &changed, lids,
				       ARRAY_SIZE(lids), &nl);
		if (!ret && changed)
			ret = jetk_bt_replace(&t->bt, rec->key, rec->key_len,
					      out, out_len);
		for (i = 0; !ret && i < nl; i++)
			if (jetk_lv_deref(t, lids[i]))
				pr_warn_ratelimited("jetk: long value %u of table %u left unreferenced\n",
						    lids[i], t->objid);
		if (!ret)
			ret = jetk_bt_seek(&t->bt, rec->key, rec->key_len,
					   JETK_BT_GT, rec);
	}
	if (ret && ret != -ENOENT) {
		err = jetk_table_err(ret);
		goto out;
	}
	/* Then its catalog row, and the schema. */
	jetk_cat_key(t->objid, JETK_CAT_COLUMN, id, key);
	ret = jetk_bt_seek(&db->bt_cat, key, sizeof(key), JETK_BT_EQ, rec);
	if (!ret && rec->data_len > db->page_size)
		ret = -EUCLEAN;
	if (!ret)
		ret = jetk_db_cat_delete(db, key, sizeof(key), buf,
					 rec->data_len);
	if (ret) {
		err = ret == -ENOENT ? JETK_ERR_DATABASE_CORRUPTED :
		      jetk_table_err(ret);
		goto out;
	}
	if (t->cols[ci].flags & JETK_FIELD_AUTOINCREMENT) {
		mutex_lock(&t->seq_lock);
		t->autoinc_known = false;
		mutex_unlock(&t->seq_lock);
	}
	kfree(t->cols[ci].def);
	memmove(&t->cols[ci], &t->cols[ci + 1],
		(t->ncols - ci - 1) * sizeof(t->cols[0]));
	memmove(&t->names[ci], &t->names[ci + 1],
		(t->ncols - ci - 1) * sizeof(t->names[0]));
	t->ncols--;
out:
	up_write(&t->ddl);
	mutex_unlock(&db->tables_lock);
out_free:
	kfree(out);
	kfree(buf);
	kfree(rec);
	return err;
}

/**
 * jetk_table_delete_column() - JetDeleteColumn, JetDeleteColumn2
 * @t: the table (a cursor references it)
 * @name: the column
 *
 * The column's values leave every record that has one (records are
 * rewritten, its long values let go), then its catalog row goes.  A
 * fixed or variable column other than the last of its kind would leave
 * a hole other readers of the format (libesedb) mis-read: those stay,
 * JET_errFeatureNotAvailable.  No other cursor may have the table open
 * (their copy buffers could hold the column): JET_errTableInUse.
 *
 * Return: a JET_ERR.
 */
int jetk_table_delete_column(struct jetk_table *t, const char *name)
{
	return __jetk_table_delete_column(t, name, false);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_delete_column);

/**
 * jetk_table_drop_column() - undo JetAddColumn: a rollback
 * @t: the table
 * @name: the column the rolled-back transaction added
 *
 * As JetDeleteColumn, but whatever cursors and versions there are: the
 * column was never committed.
 *
 * Return: a JET_ERR.
 */
int jetk_table_drop_column(struct jetk_table *t, const char *name)
{
	return __jetk_table_delete_column(t, name, true);
}

/**
 * jetk_table_create_index() - JetCreateIndex, JetCreateIndex2-4
 * @t: the table (a cursor references it)
 * @idx: the indexes; each gets @err
 * @nidx: how many
 *
 * The primary index of a table that has none, while the table is empty
 * (records keyed by ESE's sequential keys would need moving:
 * JET_errTableNotEmpty).  Secondary indexes come with their own issue.
 *
 * Return: a JET_ERR.
 */
int jetk_table_create_index(struct jetk_table *t, struct jetk_index_def *idx,
			    unsigned int nidx)
{
	struct jetk_db *db = t->db;
	struct jetk_table_index ix;
	struct jetk_cat_row *row;
	struct jetk_bt_rec *rec;
	unsigned int i;
	int err = 0, ret;

	row = kmalloc(sizeof(*row), GFP_KERNEL);
	rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	if (!row || !rec) {
		err = JETK_ERR_OUT_OF_MEMORY;
		goto out_free;
	}
	rec->data = NULL;
	rec->data_max = 0;
	mutex_lock(&db->tables_lock);
	down_write(&t->ddl);
	for (i = 0; i < nidx && !err; i++) {
		err = t->space_ro ? JETK_ERR_FEATURE_NOT_AVAILABLE :
		      jetk_index_check_grbit(idx[i].grbit);
		if (!err && t->has_primary)
			err = strcasecmp(t->primary.name, idx[i].name) ?
			      JETK_ERR_INDEX_HAS_PRIMARY :
			      JETK_ERR_INDEX_DUPLICATE;
		if (!err) {
			ret = jetk_bt_seek(&t->bt, NULL, 0, JETK_BT_FIRST, rec);
			if (!ret)
				err = JETK_ERR_TABLE_NOT_EMPTY;
			else if (ret != -ENOENT)
				err = jetk_table_err(ret);
		}
		if (!err)
			err = jetk_index_plan(t, &idx[i], &ix);
		if (!err) {
			t->primary = ix;
			t->has_primary = true;
			ret = jetk_table_index_row(t, row);
			if (!ret)
				ret = jetk_db_cat_insert(db, row);
			if (ret) {
				t->has_primary = false;
				err = ret == -EEXIST ? JETK_ERR_INDEX_DUPLICATE :
				      jetk_table_err(ret);
			}
		}
		idx[i].err = err;
	}
	up_write(&t->ddl);
	mutex_unlock(&db->tables_lock);
out_free:
	kfree(rec);
	kfree(row);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_table_create_index);
