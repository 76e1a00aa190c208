// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ioctls of the table and cursor calls (uapi/linux/jetk.h 0x30-0x47):
 * copying their arguments in and results out, checking what userspace
 * passed, and entering the session.  The engine is in table.c and
 * cursor.c.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <linux/jetk.h>

#include "cursor.h"
#include "database.h"
#include "jeterr.h"
#include "jetk.h"
#include "lv.h"
#include "record.h"
#include "table.h"

#define JETK_TABLE_CREATE_IMMUTABLE	0x8U
#define JETK_KEYDESC_MAX	(JETK_KEY_COLUMNS_MOST * (JETK_NAME_MOST + 2) + 1)

/* JET_ColInfo* and JET_TblInfo*, JET_DbInfo* levels the module answers */
#define JETK_COLINFO		0
#define JETK_COLINFO_BASE	4
#define JETK_COLINFO_BY_COLID	6
#define JETK_COLINFO_BASE_BY_COLID 8
#define JETK_COLINFO_GRBITS	0xE0000000U

/* A session's database, or JET_errInvalidDatabaseId. */
static int jetk_ioc_db(struct jetk_call *call, u32 dbid,
		       struct jetk_database **d)
{
	*d = jetk_database_get(call->ses, dbid);
	return *d ? 0 : JETK_ERR_INVALID_DATABASE_ID;
}

/* Enter a session and find a cursor; the call is left on success. */
static int jetk_ioc_cursor(struct jetk_call *call, u64 sesid, u64 tableid,
			   struct jetk_cursor **c)
{
	int err = jetk_call_enter_session(call, sesid);

	if (err)
		return err;
	*c = jetk_cursor_get(call->ses, tableid);
	if (!*c) {
		jetk_call_exit(call);
		return JETK_ERR_INVALID_TABLE_ID;
	}
	jetk_cursor_call_begin(*c);
	return 0;
}

static void jetk_ioc_cursor_exit(struct jetk_call *call, struct jetk_cursor *c)
{
	jetk_cursor_call_end(c);
	jetk_call_exit(call);
}

/* A name into a fixed buffer: JET_errInvalidName when it does not fit. */
static int jetk_ioc_name(u64 uptr, u32 len, char *out, int *err)
{
	if (!uptr || !len || len > JETK_NAME_MOST) {
		*err = JETK_ERR_INVALID_NAME;
		return 0;
	}
	if (copy_from_user(out, u64_to_user_ptr(uptr), len))
		return -EFAULT;
	out[len] = 0;
	if (strlen(out) != len)
		*err = JETK_ERR_INVALID_NAME;
	return 0;
}

/* Copy in a column definition; its default value is kmalloc'ed. */
static int jetk_ioc_coldef(const struct jetk_column_create *u,
			   struct jetk_column_def *c, int *err)
{
	int ret;

	memset(c, 0, sizeof(*c));
	if (u->pad)
		return -EINVAL;
	ret = jetk_ioc_name(u->name, u->name_len, c->name, err);
	if (ret || *err)
		return ret;
	c->coltyp = u->coltyp;
	c->cb_max = u->cb_max;
	c->grbit = u->grbit;
	c->cp = u->cp;
	if (u->def || u->def_len) {
		u8 *def;

		if (u->def_len > JETK_CAT_DEFAULT_MAX) {
			*err = JETK_ERR_INVALID_PARAMETER;
			return 0;
		}
		if (!u->def)
			return -EINVAL;
		def = memdup_user(u64_to_user_ptr(u->def), u->def_len);
		if (IS_ERR(def))
			return PTR_ERR(def);
		c->def = def;
		c->def_len = u->def_len;
	}
	return 0;
}

/* Copy in index definitions (their keys kmalloc'ed). */
static int jetk_ioc_indexes(struct jetk_index_create *uidx, unsigned int n,
			    struct jetk_index_def *idx, int *errp)
{
	unsigned int i;
	int ret = 0, err = 0;

	for (i = 0; i < n && !ret && !err; i++) {
		struct jetk_index_def *x = &idx[i];

		ret = jetk_ioc_name(uidx[i].name, uidx[i].name_len, x->name,
				    &err);
		if (!ret && !err && (!uidx[i].key || !uidx[i].key_len ||
				     uidx[i].key_len > JETK_KEYDESC_MAX))
			err = JETK_ERR_INVALID_CREATE_INDEX;
		if (!ret && !err) {
			x->key = memdup_user(u64_to_user_ptr(uidx[i].key),
					     uidx[i].key_len);
			if (IS_ERR(x->key)) {
				ret = PTR_ERR(x->key);
				x->key = NULL;
			}
		}
		x->key_len = uidx[i].key_len;
		x->grbit = uidx[i].grbit;
		x->density = uidx[i].density;
		x->cb_key_most = uidx[i].cb_key_most;
		uidx[i].err = err;
	}
	*errp = err;
	return ret;
}

int jetk_ioc_create_table(struct jetk_call *call, void *arg)
{
	struct jetk_create_table *a = arg;
	struct jetk_column_create *ucols = NULL;
	struct jetk_index_create *uidx = NULL;
	struct jetk_column_def *cols = NULL;
	struct jetk_index_def *idx = NULL;
	char name[JETK_NAME_MOST + 1];
	struct jetk_database *d;
	struct jetk_table *t;
	unsigned int i, created = 0;
	int ret = 0, err = 0;

	if (!JETK_RESERVED_ZERO(a) || a->pad || a->tableid || a->created)
		return -EINVAL;
	if (a->ncolumns > JETK_CREATE_COLUMNS_MAX ||
	    a->nindexes > JETK_CREATE_INDEXES_MAX) {
		a->err = JETK_ERR_INVALID_PARAMETER;
		return 0;
	}
	if ((a->ncolumns && !a->columns) || (a->nindexes && !a->indexes))
		return -EINVAL;
	ret = jetk_ioc_name(a->name, a->name_len, name, &err);
	if (ret || err)
		goto out_err;
	if (a->ncolumns) {
		ucols = vmemdup_user(u64_to_user_ptr(a->columns),
				     array_size(a->ncolumns, sizeof(*ucols)));
		if (IS_ERR(ucols)) {
			ret = PTR_ERR(ucols);
			ucols = NULL;
			goto out;
		}
		cols = kvcalloc(a->ncolumns, sizeof(*cols), GFP_KERNEL);
		if (!cols) {
			ret = -ENOMEM;
			goto out;
		}
		for (i = 0; i < a->ncolumns && !ret && !err; i++) {
			ret = jetk_ioc_coldef(&ucols[i], &cols[i], &err);
			ucols[i].err = err;
		}
		if (ret || err)
			goto out_cols;
	}
	if (a->nindexes) {
		uidx = vmemdup_user(u64_to_user_ptr(a->indexes),
				    array_size(a->nindexes, sizeof(*uidx)));
		if (IS_ERR(uidx)) {
			ret = PTR_ERR(uidx);
			uidx = NULL;
			goto out;
		}
		idx = kvcalloc(a->nindexes, sizeof(*idx), GFP_KERNEL);
		if (!idx) {
			ret = -ENOMEM;
			goto out;
		}
		ret = jetk_ioc_indexes(uidx, a->nindexes, idx, &err);
		if (ret || err)
			goto out_cols;
	}

	err = jetk_call_enter_session(call, a->sesid);
	if (err)
		goto out_err;
	err = jetk_ioc_db(call, a->dbid, &d);
	if (!err && d->readonly)
		err = JETK_ERR_PERMISSION_DENIED;
	if (!err)
		err = jetk_table_create(&d->db, name, a->pages, a->density,
					a->grbit, cols, a->ncolumns, idx,
					a->nindexes, &t, &created);
	/* Inside a transaction the table goes again if it rolls back. */
	if (!err && call->ses->level) {
		err = jetk_ver_ddl(call->ses, &d->db, NULL, name,
				   JETK_RCE_CREATE_TABLE);
		if (err) {
			jetk_table_put(t);
			jetk_table_delete(&d->db, name);
		}
	}
	/* JET_bitTableCreateImmutableStructure: no cursor comes back. */
	if (!err && (a->grbit & JETK_TABLE_CREATE_IMMUTABLE))
		jetk_table_put(t);
	else if (!err)
		err = jetk_cursor_open(call->ses, d, t, 0, &a->tableid);
	jetk_call_exit(call);
	for (i = 0; i < a->ncolumns; i++) {
		ucols[i].columnid = cols[i].columnid;
		ucols[i].err = cols[i].err;
	}
	for (i = 0; i < a->nindexes; i++)
		uidx[i].err = idx[i].err;
	a->created = created;
out_cols:
	if (ucols && copy_to_user(u64_to_user_ptr(a->columns), ucols,
				  array_size(a->ncolumns, sizeof(*ucols))))
		ret = -EFAULT;
	if (uidx && copy_to_user(u64_to_user_ptr(a->indexes), uidx,
				 array_size(a->nindexes, sizeof(*uidx))))
		ret = -EFAULT;
out_err:
	a->err = err;
out:
	for (i = 0; cols && i < a->ncolumns; i++)
		kfree(cols[i].def);
	for (i = 0; idx && i < a->nindexes; i++)
		kfree(idx[i].key);
	kvfree(cols);
	kvfree(idx);
	kvfree(ucols);
	kvfree(uidx);
	/* A cursor made before a fault is reported stays: close it. */
	return ret;
}

int jetk_ioc_create_index(struct jetk_call *call, void *arg)
{
	struct jetk_create_index *a = arg;
	struct jetk_index_create *uidx;
	struct jetk_index_def *idx;
	struct jetk_cursor *c;
	unsigned int i;
	int ret, err = 0;

	if (!JETK_RESERVED_ZERO(a) || a->pad || a->pad2 || !a->indexes)
		return -EINVAL;
	if (!a->nindexes || a->nindexes > JETK_CREATE_INDEXES_MAX) {
		a->err = JETK_ERR_INVALID_PARAMETER;
		return 0;
	}
	uidx = vmemdup_user(u64_to_user_ptr(a->indexes),
			    array_size(a->nindexes, sizeof(*uidx)));
	if (IS_ERR(uidx))
		return PTR_ERR(uidx);
	idx = kvcalloc(a->nindexes, sizeof(*idx), GFP_KERNEL);
	if (!idx) {
		ret = -ENOMEM;
		goto out;
	}
	ret = jetk_ioc_indexes(uidx, a->nindexes, idx, &err);
	if (ret || err)
		goto out_copy;
	err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
	if (err)
		goto out_copy;
	/* The schema changes: the cursor's shared hold goes first. */
	jetk_cursor_call_end(c);
	err = c->readonly ? JETK_ERR_PERMISSION_DENIED :
	      jetk_table_create_index(c->t, idx, a->nindexes);
	jetk_call_exit(call);
	for (i = 0; i < a->nindexes; i++)
		uidx[i].err = idx[i].err;
out_copy:
	if (copy_to_user(u64_to_user_ptr(a->indexes), uidx,
			 array_size(a->nindexes, sizeof(*uidx))))
		ret = -EFAULT;
	a->err = err;
out:
	for (i = 0; idx && i < a->nindexes; i++)
		kfree(idx[i].key);
	kvfree(idx);
	kvfree(uidx);
	return ret;
}

/*
 * JetDeleteTable inside a transaction: the table is marked gone now and
 * deleted at the level-0 commit; a rollback brings it back.
 */
static int jetk_ioc_delete_table_trx(struct jetk_call *call,
				     struct jetk_database *d, const char *name)
{
	struct jetk_table *t;
	int err;

	err = jetk_table_delete_mark(&d->db, name, &t);
	if (err)
		return err;
	err = jetk_ver_ddl(call->ses, &d->db, t, name, JETK_RCE_DELETE_TABLE);
	if (err)
		jetk_table_delete_unmark(t);
	return err;
}

/* JetOpenTable and JetDeleteTable: a table of a database, by name. */
static int jetk_ioc_table_by_name(struct jetk_call *call,
				  struct jetk_open_table *a, bool delete)
{
	char name[JETK_NAME_MOST + 1];
	struct jetk_database *d;
	struct jetk_table *t;
	int ret, err = 0;

	if (!JETK_RESERVED_ZERO(a) || a->tableid)
		return -EINVAL;
	ret = jetk_ioc_name(a->name, a->name_len, name, &err);
	if (ret || err) {
		a->err = err;
		return ret;
	}
	err = jetk_call_enter_session(call, a->sesid);
	if (err) {
		a->err = err;
		return 0;
	}
	err = jetk_ioc_db(call, a->dbid, &d);
	if (!err && delete) {
		if (a->grbit)
			err = JETK_ERR_INVALID_GRBIT;
		else if (d->readonly)
			err = JETK_ERR_PERMISSION_DENIED;
		else if (call->ses->level)
			err = jetk_ioc_delete_table_trx(call, d, name);
		else
			err = jetk_table_delete(&d->db, name);
	} else if (!err) {
		err = jetk_table_open(&d->db, name, &t);
		if (!err)
			err = jetk_cursor_open(call->ses, d, t, a->grbit,
					       &a->tableid);
	}
	jetk_call_exit(call);
	a->err = err;
	return 0;
}

int jetk_ioc_open_table(struct jetk_call *call, void *arg)
{
	return jetk_ioc_table_by_name(call, arg, false);
}

int jetk_ioc_delete_table(struct jetk_call *call, void *arg)
{
	return jetk_ioc_table_by_name(call, arg, true);
}

int jetk_ioc_close_table(struct jetk_call *call, void *arg)
{
	struct jetk_cursor_op *a = arg;

	if (!JETK_RESERVED_ZERO(a) || a->arg || a->grbit)
		return -EINVAL;
	a->err = jetk_call_enter_session(call, a->sesid);
	if (a->err)
		return 0;
	a->err = jetk_cursor_close(call->ses, a->tableid);
	jetk_call_exit(call);
	return 0;
}

/* JET_bitDeleteColumnIgnoreTemplateColumns: no template tables here. */
#define JETK_DELETE_COLUMN_IGNORE_TEMPLATE	0x1U

static int jetk_ioc_delete_column(struct jetk_call *call,
				  struct jetk_column_change *a)
{
	char name[JETK_NAME_MOST + 1];
	struct jetk_cursor *cur;
	int ret, err = 0;

	if (!jetk_is_zero(&a->def, sizeof(a->def)))
		return -EINVAL;
	ret = jetk_ioc_name(a->name, a->name_len, name, &err);
	if (ret || err) {
		a->err = err;
		return ret;
	}
	err = jetk_call_enter_session(call, a->sesid);
	if (err) {
		a->err = err;
		return 0;
	}
	cur = jetk_cursor_get(call->ses, a->tableid);
	if (!cur)
		err = JETK_ERR_INVALID_TABLE_ID;
	else if (a->grbit & ~JETK_DELETE_COLUMN_IGNORE_TEMPLATE)
		err = JETK_ERR_INVALID_GRBIT;
	else if (cur->readonly)
		err = JETK_ERR_PERMISSION_DENIED;
	else if (cur->prep != JETK_PREP_NONE)
		err = JETK_ERR_ALREADY_PREPARED;
	else
		err = jetk_table_delete_column(cur->t, name);
	jetk_call_exit(call);
	a->err = err;
	return 0;
}

int jetk_ioc_column_change(struct jetk_call *call, void *arg)
{
	struct jetk_column_change *a = arg;
	struct jetk_column_def c;
	struct jetk_cursor *cur;
	int ret, err = 0;

	if (!JETK_RESERVED_ZERO(a) || a->add > 1 || a->def.err ||
	    a->def.columnid)
		return -EINVAL;
	if (!a->add)
		return jetk_ioc_delete_column(call, a);
	a->def.name = a->name;
	a->def.name_len = a->name_len;
	ret = jetk_ioc_coldef(&a->def, &c, &err);
	a->def.name = 0;
	a->def.name_len = 0;
	if (ret || err) {
		a->err = err;
		a->def.err = err;
		kfree(c.def);
		return ret;
	}
	err = jetk_call_enter_session(call, a->sesid);
	if (!err) {
		cur = jetk_cursor_get(call->ses, a->tableid);
		if (!cur)
			err = JETK_ERR_INVALID_TABLE_ID;
		else if (cur->readonly || a->grbit)
			err = a->grbit ? JETK_ERR_INVALID_GRBIT :
			      JETK_ERR_PERMISSION_DENIED;
		else
			err = jetk_table_add_column(cur->t, &c);
		/* Inside a transaction the column goes if it rolls back. */
		if (!err && call->ses->level) {
			err = jetk_ver_ddl(call->ses, cur->t->db, cur->t,
					   c.name, JETK_RCE_ADD_COLUMN);
			if (err)
				jetk_table_drop_column(cur->t, c.name);
		}
		jetk_call_exit(call);
	}
	a->def.columnid = c.columnid;
	a->def.err = c.err ? c.err : err;
	a->err = err;
	kfree(c.def);
	return 0;
}

static void jetk_ioc_colinfo(struct jetk_table *t, unsigned int i,
			     struct jetk_column_info *ci)
{
	memset(ci, 0, sizeof(*ci));
	ci->columnid = t->cols[i].columnid;
	ci->coltyp = t->cols[i].coltyp;
	ci->cp = t->cols[i].cp;
	ci->cb_max = t->cols[i].cb_max;
	ci->grbit = jetk_table_column_grbit(t, i);
	ci->name_len = strlen(t->names[i]);
	strscpy(ci->name, t->names[i], sizeof(ci->name));
	strscpy(ci->table, t->name, sizeof(ci->table));
}

/* JetGetTableColumnInfo / JetGetColumnInfo on an open table. */
static int jetk_ioc_column_info(struct jetk_info *a, struct jetk_table *t,
				const char *column, struct jetk_column_info *ci)
{
	u32 level = a->level & ~JETK_COLINFO_GRBITS;
	int i;

	switch (level) {
	case JETK_COLINFO:
	case JETK_COLINFO_BASE:
		if (!column)
			return JETK_ERR_INVALID_PARAMETER;
		i = jetk_table_column_by_name(t, column);
		break;
	case JETK_COLINFO_BY_COLID:
	case JETK_COLINFO_BASE_BY_COLID:
		i = jetk_table_column_by_id(t, (u32)a->column);
		break;
	default:
		return JETK_ERR_FEATURE_NOT_AVAILABLE;
	}
	if (i < 0)
		return JETK_ERR_COLUMN_NOT_FOUND;
	jetk_ioc_colinfo(t, i, ci);
	return 0;
}

static void jetk_ioc_dbinfo(struct jetk_database *d,
			    struct jetk_database_info *di)
{
	const struct jetk_edb_header *h = (const void *)d->db.hdr;

	memset(di, 0, sizeof(*di));
	di->pages = d->db.pgno_last;
	di->page_size = d->db.page_size;
	di->filesize = ((u64)d->db.pgno_last + 2) * d->db.page_size;
	di->dbstate = le32_to_cpu(h->dbstate);
	di->version = le32_to_cpu(h->version);
	di->update = le32_to_cpu(h->update_major);
	di->dbid = d->dbid;
	di->grbit = d->readonly ? JETK_DB_READ_ONLY : 0;
	di->max_pages = d->db.pgno_max;
	di->dbtime = atomic64_read(&d->db.dbtime);
	BUILD_BUG_ON(sizeof(di->signature) != sizeof(h->sign_db));
	memcpy(di->signature, &h->sign_db, sizeof(di->signature));
	strscpy(di->name, d->name, sizeof(di->name));
}

int jetk_ioc_get_info(struct jetk_call *call, void *arg)
{
	struct jetk_info *a = arg;
	union {
		struct jetk_column_info col;
		struct jetk_table_info tab;
		struct jetk_database_info db;
	} *res;
	char *table = NULL, *column = NULL;
	struct jetk_cursor *c = NULL;
	struct jetk_database *d = NULL;
	struct jetk_table *t = NULL;
	unsigned int size = 0;
	bool by_colid;
	int ret, err = 0;

	if (!JETK_RESERVED_ZERO(a) || a->actual || !a->buf)
		return -EINVAL;
	by_colid = (a->what == JETK_INFO_TABLE_COLUMN ||
		    a->what == JETK_INFO_COLUMN) &&
		   ((a->level & ~JETK_COLINFO_GRBITS) == JETK_COLINFO_BY_COLID ||
		    (a->level & ~JETK_COLINFO_GRBITS) ==
		    JETK_COLINFO_BASE_BY_COLID);
	ret = jetk_copy_string(a->table, a->table_len, JETK_NAME_MOST, &table,
			       &err);
	if (!ret && !err && !by_colid)
		ret = jetk_copy_string(a->column, a->column_len,
				       JETK_NAME_MOST, &column, &err);
	res = kzalloc(sizeof(*res), GFP_KERNEL);
	if (!res)
		ret = -ENOMEM;
	if (ret || err)
		goto out;
	err = jetk_call_enter_session(call, a->sesid);
	if (err)
		goto out;
	switch (a->what) {
	case JETK_INFO_TABLE_COLUMN:
	case JETK_INFO_TABLE:
		c = jetk_cursor_get(call->ses, a->tableid);
		if (!c) {
			err = JETK_ERR_INVALID_TABLE_ID;
			break;
		}
		jetk_cursor_call_begin(c);
		t = c->t;
		if (a->what == JETK_INFO_TABLE_COLUMN) {
			err = jetk_ioc_column_info(a, t, column, &res->col);
			size = sizeof(res->col);
		} else {
			u32 owned = 0, avail = 0;

			/* JET_TblInfo* levels all come from these facts. */
			err = jetk_table_space(t, &owned, &avail);
			res->tab.pages = owned;
			res->tab.avail_pages = avail;
			res->tab.objid = t->objid;
			res->tab.pgno_fdp = t->pgno_fdp;
			res->tab.ncolumns = t->ncols;
			res->tab.nindexes = t->has_primary;
			res->tab.dbid = c->d->dbid;
			res->tab.flags = t->flags;
			strscpy(res->tab.name, t->name, sizeof(res->tab.name));
			size = sizeof(res->tab);
		}
		jetk_cursor_call_end(c);
		break;
	case JETK_INFO_COLUMN:
	case JETK_INFO_DATABASE:
		err = jetk_ioc_db(call, a->dbid, &d);
		if (err)
			break;
		if (a->what == JETK_INFO_DATABASE) {
			jetk_ioc_dbinfo(d, &res->db);
			size = sizeof(res->db);
			break;
		}
		if (!table) {
			err = JETK_ERR_INVALID_PARAMETER;
			break;
		}
		err = jetk_table_open(&d->db, table, &t);
		if (err)
			break;
		down_read(&t->ddl);
		err = jetk_ioc_column_info(a, t, column, &res->col);
		up_read(&t->ddl);
		jetk_table_put(t);
		size = sizeof(res->col);
		break;
	default:
		err = JETK_ERR_INVALID_PARAMETER;
	}
	jetk_call_exit(call);
	if (!err && a->buf_len < size)
		err = JETK_ERR_BUFFER_TOO_SMALL;
	if (!err) {
		if (copy_to_user(u64_to_user_ptr(a->buf), res, size))
			ret = -EFAULT;
		a->actual = size;
	}
out:
	a->err = err;
	kfree(res);
	kfree(table);
	kfree(column);
	return ret;
}

int jetk_ioc_prepare_update(struct jetk_call *call, void *arg)
{
	struct jetk_cursor_op *a = arg;
	struct jetk_cursor *c;

	if (!JETK_RESERVED_ZERO(a) || a->grbit)
		return -EINVAL;
	a->err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
	if (a->err)
		return 0;
	a->err = jetk_cursor_prepare(c, a->arg);
	jetk_ioc_cursor_exit(call, c);
	return 0;
}

/*
 * The longest value one JetSetColumn carries: long values grow past it
 * by JET_bitSetAppendLV.
 */
#define JETK_SET_VALUE_MAX	(16U << 20)

int jetk_ioc_set_columns(struct jetk_call *call, void *arg)
{
	struct jetk_columns *a = arg;
	struct jetk_setcolumn *sc;
	struct jetk_cursor *c;
	unsigned int i, max_len;
	u8 *buf = NULL;
	int ret = 0, err;

	if (!JETK_RESERVED_ZERO(a) || a->grbit || a->pad || !a->cols)
		return -EINVAL;
	if (!a->ncols || a->ncols > JETK_COLUMNS_MAX) {
		a->err = JETK_ERR_INVALID_PARAMETER;
		return 0;
	}
	sc = vmemdup_user(u64_to_user_ptr(a->cols),
			  array_size(a->ncols, sizeof(*sc)));
	if (IS_ERR(sc))
		return PTR_ERR(sc);
	err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
	if (err)
		goto out;
	max_len = jetk_rec_max_size(c->d->db.page_size);
	for (i = 0; i < a->ncols; i++)
		if (sc[i].len > max_len && !(sc[i].grbit & 0x8U))
			max_len = max(max_len, min(sc[i].len,
						   JETK_SET_VALUE_MAX));
	buf = kvmalloc(max_len, GFP_KERNEL);
	if (!buf) {
		err = JETK_ERR_OUT_OF_MEMORY;
		goto out_exit;
	}
	for (i = 0; i < a->ncols; i++) {
		struct jetk_setcolumn *s = &sc[i];
		const u8 *data = NULL;

		s->err = 0;
		/* SizeLV carries the size alone. */
		if (s->len && !(s->grbit & 0x8U)) {
			if (!s->data) {
				ret = -EINVAL;
				break;
			}
			if (s->len > max_len) {
				s->err = JETK_ERR_INVALID_PARAMETER;
			} else if (copy_from_user(buf,
						  u64_to_user_ptr(s->data),
						  s->len)) {
				ret = -EFAULT;
				break;
			}
			data = buf;
		}
		if (!s->err)
			s->err = jetk_cursor_set(c, s->columnid, data, s->len,
						 s->grbit, s->ib_long_value,
						 s->itag_sequence);
		/* ESE's JetSetColumns stops at the first error. */
		if (s->err < 0) {
			err = s->err;
			break;
		}
		if (s->err && !err)
			err = s->err;
	}
out_exit:
	jetk_ioc_cursor_exit(call, c);
out:
	if (!ret && copy_to_user(u64_to_user_ptr(a->cols), sc,
				 array_size(a->ncols, sizeof(*sc))))
		ret = -EFAULT;
	kvfree(buf);
	kvfree(sc);
	a->err = err;
	return ret;
}

int jetk_ioc_update(struct jetk_call *call, void *arg)
{
	struct jetk_update *a = arg;
	struct jetk_cursor *c;
	u8 *bm = NULL;
	u32 len = 0;
	int ret = 0;

	if (!JETK_RESERVED_ZERO(a) || a->bookmark_len ||
	    (!a->bookmark && a->bookmark_max))
		return -EINVAL;
	if (a->bookmark) {
		bm = kmalloc(JETK_KEY_MOST_MOST, GFP_KERNEL);
		if (!bm)
			return -ENOMEM;
	}
	a->err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
	if (a->err)
		goto out;
	a->err = jetk_cursor_update(c, a->grbit, bm,
				    min_t(u32, a->bookmark_max,
					  JETK_KEY_MOST_MOST), &len);
	jetk_ioc_cursor_exit(call, c);
	a->bookmark_len = len;
	if (!a->err && bm && copy_to_user(u64_to_user_ptr(a->bookmark), bm,
					  len))
		ret = -EFAULT;
out:
	kfree(bm);
	return ret;
}

int jetk_ioc_delete(struct jetk_call *call, void *arg)
{
	struct jetk_cursor_op *a = arg;
	struct jetk_cursor *c;

	if (!JETK_RESERVED_ZERO(a) || a->grbit || a->arg)
		return -EINVAL;
	a->err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
	if (a->err)
		return 0;
	a->err = jetk_cursor_delete(c);
	jetk_ioc_cursor_exit(call, c);
	return 0;
}

/* Bytes of a separated long value copied out per jetk_lv_read(). */
#define JETK_LV_OUT_STEP	(64U << 10)

/* A separated long value into the caller's buffer, a step at a time. */
static int jetk_ioc_lv_out(struct jetk_cursor *c, const struct jetk_retrieved *v,
			   const struct jetk_retcolumn *r, int *fault)
{
	u32 n = min(v->len, r->len), pos;
	u32 step = max_t(u32, c->d->db.page_size, JETK_LV_OUT_STEP);
	u8 *buf;
	int ret = 0;

	if (!n)
		return 0;
	step = min(step, n);
	buf = kvmalloc(step, GFP_KERNEL);
	if (!buf)
		return JETK_ERR_OUT_OF_MEMORY;
	for (pos = 0; pos < n; pos += step) {
		u32 len = min(step, n - pos);

		/* The value is v->off + v->len long (retrieve read its root). */
		ret = jetk_lv_read(c->t, v->lid, v->off + v->len, v->off + pos,
				   buf, len);
		if (ret)
			break;
		if (copy_to_user(u64_to_user_ptr(r->data) + pos, buf, len)) {
			*fault = -EFAULT;
			break;
		}
	}
	kvfree(buf);
	return ret ? jetk_table_err(ret) : 0;
}

int jetk_ioc_retrieve_columns(struct jetk_call *call, void *arg)
{
	struct jetk_columns *a = arg;
	struct jetk_retcolumn *rc;
	struct jetk_cursor *c;
	unsigned int i;
	int ret = 0, err, err2;

	if (!JETK_RESERVED_ZERO(a) || a->grbit || a->pad || !a->cols)
		return -EINVAL;
	if (!a->ncols || a->ncols > JETK_COLUMNS_MAX) {
		a->err = JETK_ERR_INVALID_PARAMETER;
		return 0;
	}
	rc = vmemdup_user(u64_to_user_ptr(a->cols),
			  array_size(a->ncols, sizeof(*rc)));
	if (IS_ERR(rc))
		return PTR_ERR(rc);
	err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
	if (err)
		goto out;
	for (i = 0; i < a->ncols; i++) {
		struct jetk_retcolumn *r = &rc[i];
		struct jetk_retrieved v;

		if (r->pad || (r->len && !r->data)) {
			ret = -EINVAL;
			break;
		}
		r->actual = 0;
		r->columnid_next_tagged = 0;
		r->err = jetk_cursor_retrieve(c, r->columnid, r->grbit,
					      r->ib_long_value,
					      r->itag_sequence, &v);
		if (!r->err && !r->itag_sequence) {
			r->itag_sequence = v.count;
			continue;
		}
		if (!r->err) {
			r->actual = v.full;
			if (v.len > r->len)
				r->err = JETK_WRN_BUFFER_TRUNCATED;
			if (v.data) {
				if (copy_to_user(u64_to_user_ptr(r->data),
						 v.data, min(v.len, r->len)))
					ret = -EFAULT;
			} else {
				err2 = jetk_ioc_lv_out(c, &v, r, &ret);
				if (err2)
					r->err = err2;
			}
			if (ret)
				break;
		}
		/* The call reports the first warning or error. */
		if (r->err && !err)
			err = r->err;
	}
	jetk_ioc_cursor_exit(call, c);
out:
	if (!ret && copy_to_user(u64_to_user_ptr(a->cols), rc,
				 array_size(a->ncols, sizeof(*rc))))
		ret = -EFAULT;
	kvfree(rc);
	a->err = err;
	return ret;
}

int jetk_ioc_move(struct jetk_call *call, void *arg)
{
	struct jetk_cursor_op *a = arg;
	struct jetk_cursor *c;

	if (!JETK_RESERVED_ZERO(a))
		return -EINVAL;
	a->err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
	if (a->err)
		return 0;
	a->err = jetk_cursor_move(c, a->arg, a->grbit);
	jetk_ioc_cursor_exit(call, c);
	return 0;
}

int jetk_ioc_index_record_count(struct jetk_call *call, void *arg)
{
	struct jetk_cursor_op *a = arg;
	struct jetk_cursor *c;
	u64 n;

	if (!JETK_RESERVED_ZERO(a) || a->grbit || a->arg < 0)
		return -EINVAL;
	a->err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
	if (a->err)
		return 0;
	a->err = jetk_cursor_count(c, a->arg, &call->inst->gate, &n);
	a->arg = min_t(u64, n, S64_MAX);
	jetk_ioc_cursor_exit(call, c);
	return 0;
}

int jetk_ioc_make_key(struct jetk_call *call, void *arg)
{
	struct jetk_make_key *a = arg;
	struct jetk_cursor *c;
	u8 *data = NULL;

	if (!JETK_RESERVED_ZERO(a) || a->pad || (a->len && !a->data))
		return -EINVAL;
	if (a->len > JETK_KEY_MOST_MOST) {
		a->err = JETK_ERR_INVALID_BUFFER_SIZE;
		return 0;
	}
	if (a->len) {
		data = memdup_user(u64_to_user_ptr(a->data), a->len);
		if (IS_ERR(data))
			return PTR_ERR(data);
	}
	a->err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
	if (!a->err) {
		a->err = jetk_cursor_make_key(c, data, a->len, a->grbit);
		jetk_ioc_cursor_exit(call, c);
	}
	kfree(data);
	return 0;
}

int jetk_ioc_seek(struct jetk_call *call, void *arg)
{
	struct jetk_cursor_op *a = arg;
	struct jetk_cursor *c;

	if (!JETK_RESERVED_ZERO(a) || a->arg)
		return -EINVAL;
	a->err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
	if (a->err)
		return 0;
	a->err = jetk_cursor_seek(c, a->grbit);
	jetk_ioc_cursor_exit(call, c);
	return 0;
}

int jetk_ioc_escrow_update(struct jetk_call *call, void *arg)
{
	struct jetk_escrow_update *a = arg;
	struct jetk_cursor *c;
	u8 delta[8], old[8];
	u32 old_len = 0;
	int ret = 0;

	if (!JETK_RESERVED_ZERO(a) || a->old_len || (!a->old && a->old_max))
		return -EINVAL;
	if (a->delta_len > sizeof(delta)) {
		/* No escrow column is that wide: the size is wrong. */
		a->err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
		if (a->err)
			return 0;
		a->err = JETK_ERR_INVALID_BUFFER_SIZE;
		jetk_ioc_cursor_exit(call, c);
		return 0;
	}
	if (a->delta_len && (!a->delta ||
			     copy_from_user(delta, u64_to_user_ptr(a->delta),
					    a->delta_len)))
		return -EFAULT;
	a->err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
	if (a->err)
		return 0;
	a->err = jetk_cursor_escrow(c, a->columnid, delta, a->delta_len,
				    a->grbit, old, &old_len);
	jetk_ioc_cursor_exit(call, c);
	if (!a->err && a->old) {
		a->old_len = old_len;
		if (copy_to_user(u64_to_user_ptr(a->old), old,
				 min(old_len, a->old_max)))
			ret = -EFAULT;
		if (a->old_max < old_len)
			a->err = JETK_WRN_BUFFER_TRUNCATED;
	}
	return ret;
}

int jetk_ioc_get_lock(struct jetk_call *call, void *arg)
{
	struct jetk_cursor_op *a = arg;
	struct jetk_cursor *c;

	if (!JETK_RESERVED_ZERO(a) || a->arg)
		return -EINVAL;
	a->err = jetk_ioc_cursor(call, a->sesid, a->tableid, &c);
	if (a->err)
		return 0;
	a->err = jetk_cursor_lock(c, a->grbit);
	jetk_ioc_cursor_exit(call, c);
	return 0;
}
