// SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT
/*
 * libjetk: tables, columns, cursors and records (ese-api 4.5, 4.6).
 *
 * Each Jet call is exactly one ioctl, or none when its arguments fail a
 * check only userspace can make (a cbStruct, a NULL out-pointer, a value
 * wider than the ABI's 32 bits, an InfoLevel libjetk cannot convert).
 *
 * Arrays of esent.h structs (the columns and indexes of
 * JetCreateTableColumnIndex*, the entries of JetSetColumns and
 * JetRetrieveColumns) are converted into a temporary array of the ABI's
 * fixed-size structs; after the call their out fields are copied back.
 * The info calls receive one fixed struct from the module (struct
 * jetk_column_info, jetk_table_info or jetk_database_info) and fill the
 * struct or value of the InfoLevel asked for here.  Handles are checked by
 * the module first; the caller's buffer is judged after that, as ESE does.
 *
 * JetMove's cRow: esent.h defines JET_MoveFirst as (long)0x80000000, which
 * on LP64 is +2^31 where Windows has LONG_MIN.  cRow is therefore read with
 * Windows' 32-bit long semantics: its low 32 bits, sign-extended.  The
 * module gets JET_MoveFirst (either spelling) as INT32_MIN, JET_MoveLast
 * as INT32_MAX, JET_MovePrevious as -1 and any other value as the 32-bit
 * relative move it is on Windows.
 */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/jetk.h>

#include "esent.h"
#include "libjetk-internal.h"

/* JetSetColumns / JetRetrieveColumns entries converted on the stack. */
#define JETK_STACK_COLS		16

/* The OR-able grbits of the JET_ColInfo* levels. */
#define JETK_COLINFO_GRBITS	(JET_ColInfoGrbitNonDerivedColumnsOnly | \
				 JET_ColInfoGrbitMinimalInfo | \
				 JET_ColInfoGrbitSortByColumnid)

/* ESE's JET_COLUMNDEF country and language: countryDefault, en-US. */
#define JETK_COUNTRY_DEFAULT	1
#define JETK_LANGID_DEFAULT	0x0409

static bool jetk_wide(unsigned long v)
{
	return v > UINT32_MAX;
}

static uint32_t jetk_clamp(unsigned long v)
{
	return jetk_wide(v) ? UINT32_MAX : (uint32_t)v;
}

/* Tables: JetCreateTable, JetCreateTableColumnIndex(2-4), JetDeleteTable */

/* What the four JET_TABLECREATE*_A have in common. */
struct jetk_tablecreate {
	const char *name;
	const char *template_name;
	const char *callback;
	unsigned long pages;
	unsigned long density;
	JET_COLUMNCREATE_A *columns;
	unsigned long ncolumns;
	void *indexes;		/* JET_INDEXCREATE{,2,3}_A array */
	unsigned long nindexes;
	int index_version;	/* 1, 2 or 3: which of those */
	JET_GRBIT grbit;
	JET_TABLEID *tableid;	/* out, or NULL */
	unsigned long *created;	/* out, or NULL */
};

static JET_ERR jetk_column_create_fill(struct jetk_column_create *k,
				       const JET_COLUMNCREATE_A *c)
{
	if (c->cbStruct != sizeof(*c))
		return JET_errInvalidParameter;
	if (jetk_wide(c->coltyp) || jetk_wide(c->cbMax) ||
	    jetk_wide(c->cbDefault) || jetk_wide(c->cp))
		return JET_errInvalidParameter;
	if (jetk_wide(c->grbit))
		return JET_errInvalidGrbit;
	k->name = jetk_ptr(c->szColumnName);
	k->name_len = jetk_strlen(c->szColumnName);
	k->coltyp = (uint32_t)c->coltyp;
	k->cb_max = (uint32_t)c->cbMax;
	k->grbit = (uint32_t)c->grbit;
	k->def = jetk_ptr(c->pvDefault);
	k->def_len = (uint32_t)c->cbDefault;
	k->cp = (uint32_t)c->cp;
	return JET_errSuccess;
}

/*
 * The ABI carries an index's name, key, grbit, density and cbKeyMost.
 * Conditional columns and tuple limits change what the index holds and
 * cannot be carried: JET_errFeatureNotAvailable.  The locale (lcid,
 * pidxunicode), cbVarSegMac and space hints are left to the module's
 * defaults.
 */
static JET_ERR jetk_index_create_fill(struct jetk_index_create *k,
				      const char *name, const char *key,
				      unsigned long cb_key, JET_GRBIT grbit,
				      unsigned long density,
				      unsigned long nconditional,
				      unsigned long cb_key_most)
{
	if (nconditional || (grbit & JET_bitIndexTupleLimits))
		return JET_errFeatureNotAvailable;
	if (jetk_wide(cb_key) || jetk_wide(density) ||
	    ((grbit & JET_bitIndexKeyMost) && jetk_wide(cb_key_most)))
		return JET_errInvalidParameter;
	if (jetk_wide(grbit))
		return JET_errInvalidGrbit;
	k->name = jetk_ptr(name);
	k->name_len = jetk_strlen(name);
	k->key = jetk_ptr(key);
	k->key_len = (uint32_t)cb_key;
	k->grbit = (uint32_t)grbit;
	k->density = (uint32_t)density;
	k->cb_key_most = (grbit & JET_bitIndexKeyMost) ?
			 (uint32_t)cb_key_most : 0;
	return JET_errSuccess;
}

/* Convert index @i of @tc's array; remember where its err goes back. */
static JET_ERR jetk_index_from(const struct jetk_tablecreate *tc,
			       unsigned long i, struct jetk_index_create *k,
			       JET_ERR **errp)
{
	switch (tc->index_version) {
	case 1: {
		JET_INDEXCREATE_A *x = (JET_INDEXCREATE_A *)tc->indexes + i;

		*errp = &x->err;
		if (x->cbStruct != sizeof(*x))
			return JET_errInvalidParameter;
		return jetk_index_create_fill(k, x->szIndexName, x->szKey,
					      x->cbKey, x->grbit, x->ulDensity,
					      x->cConditionalColumn,
					      x->cbKeyMost);
	}
	case 2: {
		JET_INDEXCREATE2_A *x = (JET_INDEXCREATE2_A *)tc->indexes + i;

		*errp = &x->err;
		if (x->cbStruct != sizeof(*x))
			return JET_errInvalidParameter;
		return jetk_index_create_fill(k, x->szIndexName, x->szKey,
					      x->cbKey, x->grbit, x->ulDensity,
					      x->cConditionalColumn,
					      x->cbKeyMost);
	}
	default: {
		JET_INDEXCREATE3_A *x = (JET_INDEXCREATE3_A *)tc->indexes + i;

		*errp = &x->err;
		if (x->cbStruct != sizeof(*x))
			return JET_errInvalidParameter;
		return jetk_index_create_fill(k, x->szIndexName, x->szKey,
					      x->cbKey, x->grbit, x->ulDensity,
					      x->cConditionalColumn,
					      x->cbKeyMost);
	}
	}
}

static JET_ERR jetk_create_table(JET_SESID sesid, JET_DBID dbid,
				 const struct jetk_tablecreate *tc)
{
	struct jetk_column_create *cols = NULL;
	struct jetk_index_create *idxs = NULL;
	struct jetk_create_table a;
	JET_ERR **idx_err = NULL;
	JET_ERR err;
	unsigned long i;

	if (jetk_wide(dbid))
		return JET_errInvalidDatabaseId;
	if (jetk_wide(tc->grbit))
		return JET_errInvalidGrbit;
	if (jetk_wide(tc->pages))
		return JET_errInvalidParameter;
	if (jetk_wide(tc->density))
		return JET_errDensityInvalid;
	/* Template (derived) tables and callbacks are not carried. */
	if (tc->template_name || tc->callback)
		return JET_errFeatureNotAvailable;
	if (tc->ncolumns > JETK_CREATE_COLUMNS_MAX)
		return JET_errTooManyColumns;
	if (tc->nindexes > JETK_CREATE_INDEXES_MAX)
		return JET_errTooManyIndexes;
	if ((tc->ncolumns && !tc->columns) || (tc->nindexes && !tc->indexes))
		return JET_errInvalidParameter;

	if (tc->ncolumns) {
		cols = calloc(tc->ncolumns, sizeof(*cols));
		if (!cols)
			return JET_errOutOfMemory;
	}
	if (tc->nindexes) {
		idxs = calloc(tc->nindexes, sizeof(*idxs));
		idx_err = calloc(tc->nindexes, sizeof(*idx_err));
		if (!idxs || !idx_err) {
			err = JET_errOutOfMemory;
			goto out_free;
		}
	}
	for (i = 0; i < tc->ncolumns; i++) {
		err = jetk_column_create_fill(&cols[i], &tc->columns[i]);
		if (err)
			goto out_free;
	}
	for (i = 0; i < tc->nindexes; i++) {
		err = jetk_index_from(tc, i, &idxs[i], &idx_err[i]);
		if (err)
			goto out_free;
	}

	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)tc->grbit;
	a.sesid = sesid;
	a.dbid = (uint32_t)dbid;
	a.name = jetk_ptr(tc->name);
	a.name_len = jetk_strlen(tc->name);
	a.pages = (uint32_t)tc->pages;
	a.density = (uint32_t)tc->density;
	a.columns = jetk_ptr(cols);
	a.ncolumns = (uint32_t)tc->ncolumns;
	a.indexes = jetk_ptr(idxs);
	a.nindexes = (uint32_t)tc->nindexes;
	err = jetk_ioctl(JETK_IOC_CREATE_TABLE, &a);

	/* ImmutableStructure: ESE writes nothing back, not even a tableid. */
	if (tc->grbit & JET_bitTableCreateImmutableStructure)
		goto out_free;
	for (i = 0; i < tc->ncolumns; i++) {
		tc->columns[i].columnid = cols[i].columnid;
		tc->columns[i].err = cols[i].err;
	}
	for (i = 0; i < tc->nindexes; i++)
		*idx_err[i] = idxs[i].err;
	if (err >= 0 && tc->tableid)
		*tc->tableid = (JET_TABLEID)a.tableid;
	if (tc->created)
		*tc->created = a.created;
out_free:
	free(idx_err);
	free(idxs);
	free(cols);
	return err;
}

JET_ERR JET_API JetCreateTableA(JET_SESID sesid, JET_DBID dbid,
				JET_PCSTR szTableName, unsigned long lPages,
				unsigned long lDensity, JET_TABLEID *ptableid)
{
	struct jetk_tablecreate tc = {
		.name = szTableName,
		.pages = lPages,
		.density = lDensity,
		.index_version = 1,
		.tableid = ptableid,
	};

	if (!ptableid)
		return JET_errInvalidParameter;
	return jetk_create_table(sesid, dbid, &tc);
}

JET_ERR JET_API JetCreateTableColumnIndexA(JET_SESID sesid, JET_DBID dbid,
					   JET_TABLECREATE_A *ptablecreate)
{
	JET_TABLECREATE_A *p = ptablecreate;
	struct jetk_tablecreate tc;

	if (!p || p->cbStruct != sizeof(*p))
		return JET_errInvalidParameter;
	tc = (struct jetk_tablecreate) {
		.name = p->szTableName,
		.template_name = p->szTemplateTableName,
		.pages = p->ulPages,
		.density = p->ulDensity,
		.columns = p->rgcolumncreate,
		.ncolumns = p->cColumns,
		.indexes = p->rgindexcreate,
		.nindexes = p->cIndexes,
		.index_version = 1,
		.grbit = p->grbit,
		.tableid = &p->tableid,
		.created = &p->cCreated,
	};
	return jetk_create_table(sesid, dbid, &tc);
}

JET_ERR JET_API JetCreateTableColumnIndex2A(JET_SESID sesid, JET_DBID dbid,
					    JET_TABLECREATE2_A *ptablecreate)
{
	JET_TABLECREATE2_A *p = ptablecreate;
	struct jetk_tablecreate tc;

	if (!p || p->cbStruct != sizeof(*p))
		return JET_errInvalidParameter;
	tc = (struct jetk_tablecreate) {
		.name = p->szTableName,
		.template_name = p->szTemplateTableName,
		.callback = p->szCallback,
		.pages = p->ulPages,
		.density = p->ulDensity,
		.columns = p->rgcolumncreate,
		.ncolumns = p->cColumns,
		.indexes = p->rgindexcreate,
		.nindexes = p->cIndexes,
		.index_version = 1,
		.grbit = p->grbit,
		.tableid = &p->tableid,
		.created = &p->cCreated,
	};
	return jetk_create_table(sesid, dbid, &tc);
}

/*
 * JET_TABLECREATE3/4's space hints and cbSeparateLV are hints the ABI
 * does not carry; the module uses its defaults.
 */
JET_ERR JET_API JetCreateTableColumnIndex3A(JET_SESID sesid, JET_DBID dbid,
					    JET_TABLECREATE3_A *ptablecreate)
{
	JET_TABLECREATE3_A *p = ptablecreate;
	struct jetk_tablecreate tc;

	if (!p || p->cbStruct != sizeof(*p))
		return JET_errInvalidParameter;
	tc = (struct jetk_tablecreate) {
		.name = p->szTableName,
		.template_name = p->szTemplateTableName,
		.callback = p->szCallback,
		.pages = p->ulPages,
		.density = p->ulDensity,
		.columns = p->rgcolumncreate,
		.ncolumns = p->cColumns,
		.indexes = p->rgindexcreate,
		.nindexes = p->cIndexes,
		.index_version = 2,
		.grbit = p->grbit,
		.tableid = &p->tableid,
		.created = &p->cCreated,
	};
	return jetk_create_table(sesid, dbid, &tc);
}

JET_ERR JET_API JetCreateTableColumnIndex4A(JET_SESID sesid, JET_DBID dbid,
					    JET_TABLECREATE4_A *ptablecreate)
{
	JET_TABLECREATE4_A *p = ptablecreate;
	struct jetk_tablecreate tc;

	if (!p || p->cbStruct != sizeof(*p))
		return JET_errInvalidParameter;
	tc = (struct jetk_tablecreate) {
		.name = p->szTableName,
		.template_name = p->szTemplateTableName,
		.callback = p->szCallback,
		.pages = p->ulPages,
		.density = p->ulDensity,
		.columns = p->rgcolumncreate,
		.ncolumns = p->cColumns,
		.indexes = p->rgindexcreate,
		.nindexes = p->cIndexes,
		.index_version = 3,
		.grbit = p->grbit,
		.tableid = &p->tableid,
		.created = &p->cCreated,
	};
	return jetk_create_table(sesid, dbid, &tc);
}

/* Indexes: JetCreateIndex, JetCreateIndex2-4 (one ioctl for all). */

static JET_ERR jetk_create_index(JET_SESID sesid, JET_TABLEID tableid,
				 void *indexes, unsigned long n, int version)
{
	struct jetk_tablecreate tc = {
		.indexes = indexes, .nindexes = n, .index_version = version,
	};
	struct jetk_index_create *idxs;
	struct jetk_create_index a;
	JET_ERR **idx_err;
	JET_ERR err = 0;
	unsigned long i;

	if (jetk_wide(tableid))
		return JET_errInvalidTableId;
	if (!n || !indexes)
		return JET_errInvalidParameter;
	if (n > JETK_CREATE_INDEXES_MAX)
		return JET_errTooManyIndexes;
	idxs = calloc(n, sizeof(*idxs));
	idx_err = calloc(n, sizeof(*idx_err));
	if (!idxs || !idx_err) {
		err = JET_errOutOfMemory;
		goto out;
	}
	for (i = 0; i < n && !err; i++)
		err = jetk_index_from(&tc, i, &idxs[i], &idx_err[i]);
	if (err)
		goto out;
	memset(&a, 0, sizeof(a));
	a.sesid = sesid;
	a.tableid = tableid;
	a.indexes = jetk_ptr(idxs);
	a.nindexes = (uint32_t)n;
	err = jetk_ioctl(JETK_IOC_CREATE_INDEX, &a);
	for (i = 0; i < n; i++)
		*idx_err[i] = idxs[i].err;
out:
	free(idx_err);
	free(idxs);
	return err;
}

JET_ERR JET_API JetCreateIndexA(JET_SESID sesid, JET_TABLEID tableid,
				JET_PCSTR szIndexName, JET_GRBIT grbit,
				const char *szKey, unsigned long cbKey,
				unsigned long lDensity)
{
	JET_INDEXCREATE_A x;

	memset(&x, 0, sizeof(x));
	x.cbStruct = sizeof(x);
	x.szIndexName = (char *)szIndexName;
	x.szKey = (char *)szKey;
	x.cbKey = cbKey;
	x.grbit = grbit;
	x.ulDensity = lDensity;
	return jetk_create_index(sesid, tableid, &x, 1, 1);
}

JET_ERR JET_API JetCreateIndex2A(JET_SESID sesid, JET_TABLEID tableid,
				 JET_INDEXCREATE_A *pindexcreate,
				 unsigned long cIndexCreate)
{
	return jetk_create_index(sesid, tableid, pindexcreate, cIndexCreate,
				 1);
}

JET_ERR JET_API JetCreateIndex3A(JET_SESID sesid, JET_TABLEID tableid,
				 JET_INDEXCREATE2_A *pindexcreate,
				 unsigned long cIndexCreate)
{
	return jetk_create_index(sesid, tableid, pindexcreate, cIndexCreate,
				 2);
}

JET_ERR JET_API JetCreateIndex4A(JET_SESID sesid, JET_TABLEID tableid,
				 JET_INDEXCREATE3_A *pindexcreate,
				 unsigned long cIndexCreate)
{
	return jetk_create_index(sesid, tableid, pindexcreate, cIndexCreate,
				 3);
}

static JET_ERR jetk_open_table(unsigned long cmd, JET_SESID sesid,
			       JET_DBID dbid, const char *name,
			       JET_GRBIT grbit, JET_TABLEID *ptableid)
{
	struct jetk_open_table a;
	JET_ERR err;

	if (jetk_wide(grbit))
		return JET_errInvalidGrbit;
	if (jetk_wide(dbid))
		return JET_errInvalidDatabaseId;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.sesid = sesid;
	a.dbid = (uint32_t)dbid;
	a.name = jetk_ptr(name);
	a.name_len = jetk_strlen(name);
	err = jetk_ioctl(cmd, &a);
	if (err >= 0 && ptableid)
		*ptableid = (JET_TABLEID)a.tableid;
	return err;
}

JET_ERR JET_API JetDeleteTableA(JET_SESID sesid, JET_DBID dbid,
				JET_PCSTR szTableName)
{
	return jetk_open_table(JETK_IOC_DELETE_TABLE, sesid, dbid, szTableName,
			       0, NULL);
}

/* Cursors: JetOpenTable, JetCloseTable and the scalar cursor calls */

JET_ERR JET_API JetOpenTableA(JET_SESID sesid, JET_DBID dbid,
			      JET_PCSTR szTableName, const void *pvParameters,
			      unsigned long cbParameters, JET_GRBIT grbit,
			      JET_TABLEID *ptableid)
{
	/* ESE ignores the parameters (they were for Access queries). */
	(void)pvParameters;
	(void)cbParameters;
	if (!ptableid)
		return JET_errInvalidParameter;
	return jetk_open_table(JETK_IOC_OPEN_TABLE, sesid, dbid, szTableName,
			       grbit, ptableid);
}

static JET_ERR jetk_cursor_op(unsigned long cmd, JET_SESID sesid,
			      JET_TABLEID tableid, int64_t arg,
			      JET_GRBIT grbit)
{
	struct jetk_cursor_op a;

	if (jetk_wide(grbit))
		return JET_errInvalidGrbit;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.sesid = sesid;
	a.tableid = tableid;
	a.arg = arg;
	return jetk_ioctl(cmd, &a);
}

JET_ERR JET_API JetCloseTable(JET_SESID sesid, JET_TABLEID tableid)
{
	return jetk_cursor_op(JETK_IOC_CLOSE_TABLE, sesid, tableid, 0, 0);
}

JET_ERR JET_API JetPrepareUpdate(JET_SESID sesid, JET_TABLEID tableid,
				 unsigned long prep)
{
	if (jetk_wide(prep))
		return JET_errInvalidParameter;
	return jetk_cursor_op(JETK_IOC_PREPARE_UPDATE, sesid, tableid,
			      (int64_t)prep, 0);
}

JET_ERR JET_API JetDelete(JET_SESID sesid, JET_TABLEID tableid)
{
	return jetk_cursor_op(JETK_IOC_DELETE, sesid, tableid, 0, 0);
}

JET_ERR JET_API JetMove(JET_SESID sesid, JET_TABLEID tableid, long cRow,
			JET_GRBIT grbit)
{
	/* Windows' 32-bit long: see the comment at the top of this file. */
	int32_t crow = (int32_t)(uint32_t)(unsigned long)cRow;

	return jetk_cursor_op(JETK_IOC_MOVE, sesid, tableid, crow, grbit);
}

JET_ERR JET_API JetIndexRecordCount(JET_SESID sesid, JET_TABLEID tableid,
				    unsigned long *pcrec, unsigned long crecMax)
{
	struct jetk_cursor_op a;
	JET_ERR err;

	if (!pcrec)
		return JET_errInvalidParameter;
	memset(&a, 0, sizeof(a));
	a.sesid = sesid;
	a.tableid = tableid;
	/* Windows' 32-bit unsigned long: a count past it means no limit. */
	a.arg = (uint32_t)crecMax;
	err = jetk_ioctl(JETK_IOC_INDEX_RECORD_COUNT, &a);
	*pcrec = err >= 0 ? (unsigned long)(a.arg > UINT32_MAX ? UINT32_MAX :
					    a.arg) : 0;
	return err;
}

JET_ERR JET_API JetSeek(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
	return jetk_cursor_op(JETK_IOC_SEEK, sesid, tableid, 0, grbit);
}

JET_ERR JET_API JetMakeKey(JET_SESID sesid, JET_TABLEID tableid,
			   const void *pvData, unsigned long cbData,
			   JET_GRBIT grbit)
{
	struct jetk_make_key a;

	if (jetk_wide(grbit))
		return JET_errInvalidGrbit;
	if (jetk_wide(cbData))
		return JET_errInvalidParameter;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.sesid = sesid;
	a.tableid = tableid;
	a.data = jetk_ptr(pvData);
	a.len = (uint32_t)cbData;
	return jetk_ioctl(JETK_IOC_MAKE_KEY, &a);
}

/* Columns: JetAddColumn, JetDeleteColumn(2) */

static JET_ERR jetk_column_change(JET_SESID sesid, JET_TABLEID tableid,
				  const char *name, JET_GRBIT grbit,
				  const JET_COLUMNDEF *def, const void *pv_def,
				  unsigned long cb_def, JET_COLUMNID *pcolumnid)
{
	struct jetk_column_change a;
	JET_ERR err;

	if (jetk_wide(grbit))
		return JET_errInvalidGrbit;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.sesid = sesid;
	a.tableid = tableid;
	a.name = jetk_ptr(name);
	a.name_len = jetk_strlen(name);
	if (def) {
		if (def->cbStruct != sizeof(*def) || jetk_wide(def->coltyp) ||
		    jetk_wide(def->cbMax) || jetk_wide(cb_def))
			return JET_errInvalidParameter;
		if (jetk_wide(def->grbit))
			return JET_errInvalidGrbit;
		a.add = 1;
		a.def.coltyp = (uint32_t)def->coltyp;
		a.def.cb_max = (uint32_t)def->cbMax;
		a.def.grbit = (uint32_t)def->grbit;
		a.def.def = jetk_ptr(pv_def);
		a.def.def_len = (uint32_t)cb_def;
		a.def.cp = def->cp;
	}
	err = jetk_ioctl(JETK_IOC_COLUMN_CHANGE, &a);
	if (err >= 0 && pcolumnid)
		*pcolumnid = a.def.columnid;
	return err;
}

JET_ERR JET_API JetAddColumnA(JET_SESID sesid, JET_TABLEID tableid,
			      JET_PCSTR szColumnName,
			      const JET_COLUMNDEF *pcolumndef,
			      const void *pvDefault, unsigned long cbDefault,
			      JET_COLUMNID *pcolumnid)
{
	if (!pcolumndef)
		return JET_errInvalidParameter;
	return jetk_column_change(sesid, tableid, szColumnName, 0, pcolumndef,
				  pvDefault, cbDefault, pcolumnid);
}

JET_ERR JET_API JetDeleteColumn2A(JET_SESID sesid, JET_TABLEID tableid,
				  JET_PCSTR szColumnName, const JET_GRBIT grbit)
{
	return jetk_column_change(sesid, tableid, szColumnName, grbit, NULL,
				  NULL, 0, NULL);
}

JET_ERR JET_API JetDeleteColumnA(JET_SESID sesid, JET_TABLEID tableid,
				 JET_PCSTR szColumnName)
{
	return JetDeleteColumn2A(sesid, tableid, szColumnName, 0);
}

/* Records: JetSetColumn(s), JetRetrieveColumn(s), JetUpdate(2) */

/* A temporary array of @n entries of @size: on the stack when small. */
static void *jetk_cols_get(void *stack, size_t stack_size, unsigned long n,
			   size_t size)
{
	if (n * size <= stack_size) {
		memset(stack, 0, n * size);
		return stack;
	}
	return calloc(n, size);
}

static void jetk_cols_put(void *cols, void *stack)
{
	if (cols != stack)
		free(cols);
}

static JET_ERR jetk_setcolumn_fill(struct jetk_setcolumn *k,
				   JET_COLUMNID columnid, const void *data,
				   unsigned long len, JET_GRBIT grbit,
				   unsigned long ib, unsigned long itag)
{
	if (jetk_wide(columnid))
		return JET_errColumnNotFound;
	if (jetk_wide(grbit))
		return JET_errInvalidGrbit;
	if (jetk_wide(len) || jetk_wide(ib) || jetk_wide(itag))
		return JET_errInvalidParameter;
	k->columnid = (uint32_t)columnid;
	k->grbit = (uint32_t)grbit;
	k->data = jetk_ptr(data);
	k->len = (uint32_t)len;
	k->ib_long_value = (uint32_t)ib;
	k->itag_sequence = (uint32_t)itag;
	return JET_errSuccess;
}

static JET_ERR jetk_columns(unsigned long cmd, JET_SESID sesid,
			    JET_TABLEID tableid, void *cols,
			    unsigned long ncols)
{
	struct jetk_columns a;

	memset(&a, 0, sizeof(a));
	a.sesid = sesid;
	a.tableid = tableid;
	a.cols = jetk_ptr(cols);
	a.ncols = (uint32_t)ncols;
	return jetk_ioctl(cmd, &a);
}

JET_ERR JET_API JetSetColumn(JET_SESID sesid, JET_TABLEID tableid,
			     JET_COLUMNID columnid, const void *pvData,
			     unsigned long cbData, JET_GRBIT grbit,
			     JET_SETINFO *psetinfo)
{
	struct jetk_setcolumn col;
	JET_ERR err;

	if (psetinfo && psetinfo->cbStruct != sizeof(*psetinfo))
		return JET_errInvalidParameter;
	memset(&col, 0, sizeof(col));
	err = jetk_setcolumn_fill(&col, columnid, pvData, cbData, grbit,
				  psetinfo ? psetinfo->ibLongValue : 0,
				  psetinfo ? psetinfo->itagSequence : 0);
	if (err)
		return err;
	err = jetk_columns(JETK_IOC_SET_COLUMNS, sesid, tableid, &col, 1);
	if (err >= 0 && col.err)
		err = col.err;
	return err;
}

JET_ERR JET_API JetSetColumns(JET_SESID sesid, JET_TABLEID tableid,
			      JET_SETCOLUMN *psetcolumn,
			      unsigned long csetcolumn)
{
	struct jetk_setcolumn stack[JETK_STACK_COLS], *cols;
	JET_SETCOLUMN *s = psetcolumn;
	unsigned long i;
	JET_ERR err;

	if (csetcolumn > JETK_COLUMNS_MAX || (csetcolumn && !s))
		return JET_errInvalidParameter;
	cols = jetk_cols_get(stack, sizeof(stack), csetcolumn, sizeof(*cols));
	if (!cols)
		return JET_errOutOfMemory;
	for (i = 0; i < csetcolumn; i++) {
		err = jetk_setcolumn_fill(&cols[i], s[i].columnid, s[i].pvData,
					  s[i].cbData, s[i].grbit,
					  s[i].ibLongValue, s[i].itagSequence);
		if (err) {
			s[i].err = err;
			goto out_free;
		}
	}
	err = jetk_columns(JETK_IOC_SET_COLUMNS, sesid, tableid, cols,
			   csetcolumn);
	for (i = 0; i < csetcolumn; i++)
		s[i].err = cols[i].err;
out_free:
	jetk_cols_put(cols, stack);
	return err;
}

static void jetk_retcolumn_fill(struct jetk_retcolumn *k,
				JET_COLUMNID columnid, void *data,
				unsigned long len, JET_GRBIT grbit,
				unsigned long ib, unsigned long itag)
{
	/*
	 * Out-of-range ids, offsets and tags are passed saturated, so the
	 * module reports them as it reports any id or tag it does not have.
	 * A buffer is only ever smaller than it says.
	 */
	k->columnid = jetk_clamp(columnid);
	k->grbit = (uint32_t)grbit;
	k->data = jetk_ptr(data);
	k->len = jetk_clamp(len);
	k->ib_long_value = jetk_clamp(ib);
	k->itag_sequence = jetk_clamp(itag);
}

JET_ERR JET_API JetRetrieveColumn(JET_SESID sesid, JET_TABLEID tableid,
				  JET_COLUMNID columnid, void *pvData,
				  unsigned long cbData,
				  unsigned long *pcbActual, JET_GRBIT grbit,
				  JET_RETINFO *pretinfo)
{
	struct jetk_retcolumn col;
	JET_ERR err;

	if (pretinfo && pretinfo->cbStruct != sizeof(*pretinfo))
		return JET_errInvalidParameter;
	if (jetk_wide(grbit))
		return JET_errInvalidGrbit;
	memset(&col, 0, sizeof(col));
	/*
	 * itagSequence 0 asks JetRetrieveColumns for a count of values; here,
	 * as in ESE, it is the first value.
	 */
	jetk_retcolumn_fill(&col, columnid, pvData, cbData, grbit,
			    pretinfo ? pretinfo->ibLongValue : 0,
			    pretinfo && pretinfo->itagSequence ?
			    pretinfo->itagSequence : 1);
	err = jetk_columns(JETK_IOC_RETRIEVE_COLUMNS, sesid, tableid, &col, 1);
	if (err >= 0 && col.err)
		err = col.err;
	if (err < 0)
		return err;
	if (pcbActual)
		*pcbActual = col.actual;
	if (pretinfo)
		pretinfo->columnidNextTagged = col.columnid_next_tagged;
	return err;
}

JET_ERR JET_API JetRetrieveColumns(JET_SESID sesid, JET_TABLEID tableid,
				   JET_RETRIEVECOLUMN *pretrievecolumn,
				   unsigned long cretrievecolumn)
{
	struct jetk_retcolumn stack[JETK_STACK_COLS], *cols;
	JET_RETRIEVECOLUMN *r = pretrievecolumn;
	unsigned long i, n = cretrievecolumn;
	JET_ERR err;

	if (n > JETK_COLUMNS_MAX || (n && !r))
		return JET_errInvalidParameter;
	for (i = 0; i < n; i++)
		if (jetk_wide(r[i].grbit))
			return JET_errInvalidGrbit;
	cols = jetk_cols_get(stack, sizeof(stack), n, sizeof(*cols));
	if (!cols)
		return JET_errOutOfMemory;
	for (i = 0; i < n; i++)
		jetk_retcolumn_fill(&cols[i], r[i].columnid, r[i].pvData,
				    r[i].cbData, r[i].grbit, r[i].ibLongValue,
				    r[i].itagSequence);
	err = jetk_columns(JETK_IOC_RETRIEVE_COLUMNS, sesid, tableid, cols, n);
	for (i = 0; i < n; i++) {
		r[i].cbActual = cols[i].actual;
		r[i].columnidNextTagged = cols[i].columnid_next_tagged;
		r[i].err = cols[i].err;
		/* itagSequence 0 asked for the number of values: here it is. */
		if (!r[i].itagSequence)
			r[i].itagSequence = cols[i].itag_sequence;
	}
	jetk_cols_put(cols, stack);
	return err;
}

JET_ERR JET_API JetUpdate2(JET_SESID sesid, JET_TABLEID tableid,
			   void *pvBookmark, unsigned long cbBookmark,
			   unsigned long *pcbActual, const JET_GRBIT grbit)
{
	struct jetk_update a;
	JET_ERR err;

	if (jetk_wide(grbit))
		return JET_errInvalidGrbit;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.sesid = sesid;
	a.tableid = tableid;
	if (pvBookmark) {
		a.bookmark = jetk_ptr(pvBookmark);
		a.bookmark_max = jetk_clamp(cbBookmark);
	}
	err = jetk_ioctl(JETK_IOC_UPDATE, &a);
	/* A short buffer fails the update and still says what it needs. */
	if (pcbActual && (err >= 0 || err == JET_errBufferTooSmall))
		*pcbActual = a.bookmark_len;
	return err;
}

JET_ERR JET_API JetUpdate(JET_SESID sesid, JET_TABLEID tableid,
			  void *pvBookmark, unsigned long cbBookmark,
			  unsigned long *pcbActual)
{
	return JetUpdate2(sesid, tableid, pvBookmark, cbBookmark, pcbActual, 0);
}

/* Information: JetGet{TableColumn,Column,Table,Database}Info */

/* Copy the NUL-padded @src of @size bytes to @dst (@cb bytes) as a string. */
static JET_ERR jetk_copy_name(char *dst, unsigned long cb, const char *src,
			      size_t size)
{
	size_t n = strnlen(src, size);

	if (!dst || cb < n + 1)
		return JET_errBufferTooSmall;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return JET_errSuccess;
}

/* Store an unsigned long result: ESE's ULONG, as wide as esent.h has it. */
static JET_ERR jetk_put_ulong(void *pv, unsigned long cb, unsigned long v,
			      JET_ERR too_small)
{
	if (!pv || cb < sizeof(unsigned long))
		return too_small;
	memcpy(pv, &v, sizeof(v));
	return JET_errSuccess;
}

/*
 * The JET_ColInfo* levels libjetk fills from struct jetk_column_info:
 * JET_COLUMNDEF (ColInfo, ColInfoByColid) and JET_COLUMNBASE_A (ColInfoBase,
 * ColInfoBaseByColid).  The list and system-table levels need temporary
 * tables: not yet.
 */
static JET_ERR jetk_colinfo_level(unsigned long level, unsigned long *base,
				  bool *by_colid)
{
	*base = level & ~(unsigned long)JETK_COLINFO_GRBITS;
	*by_colid = *base == JET_ColInfoByColid ||
		    *base == JET_ColInfoBaseByColid;
	switch (*base) {
	case JET_ColInfo:
	case JET_ColInfoBase:
	case JET_ColInfoByColid:
	case JET_ColInfoBaseByColid:
		return JET_errSuccess;
	case JET_ColInfoList:
	case JET_ColInfoSysTabCursor:
	case JET_ColInfoListCompact:
	case JET_ColInfoListSortColumnid:
		return JET_errFeatureNotAvailable;
	default:
		return JET_errInvalidParameter;
	}
}

static JET_ERR jetk_colinfo_fill(const struct jetk_column_info *ci,
				 unsigned long base, void *pv,
				 unsigned long cb)
{
	JET_COLUMNBASE_A *cbase = pv;
	JET_COLUMNDEF *cdef = pv;

	if (base == JET_ColInfo || base == JET_ColInfoByColid) {
		if (!cdef || cb < sizeof(*cdef))
			return JET_errBufferTooSmall;
		memset(cdef, 0, sizeof(*cdef));
		cdef->cbStruct = sizeof(*cdef);
		cdef->columnid = ci->columnid;
		cdef->coltyp = ci->coltyp;
		cdef->wCountry = JETK_COUNTRY_DEFAULT;
		cdef->langid = JETK_LANGID_DEFAULT;
		cdef->cp = (unsigned short)ci->cp;
		cdef->cbMax = ci->cb_max;
		cdef->grbit = ci->grbit;
		return JET_errSuccess;
	}
	if (!cbase || cb < sizeof(*cbase))
		return JET_errBufferTooSmall;
	memset(cbase, 0, sizeof(*cbase));
	cbase->cbStruct = sizeof(*cbase);
	cbase->columnid = ci->columnid;
	cbase->coltyp = ci->coltyp;
	cbase->wCountry = JETK_COUNTRY_DEFAULT;
	cbase->langid = JETK_LANGID_DEFAULT;
	cbase->cp = (unsigned short)ci->cp;
	cbase->cbMax = ci->cb_max;
	cbase->grbit = ci->grbit;
	/* Not derived from a template: the base is the table itself. */
	memcpy(cbase->szBaseTableName, ci->table,
	       strnlen(ci->table, sizeof(ci->table)));
	memcpy(cbase->szBaseColumnName, ci->name,
	       strnlen(ci->name, sizeof(ci->name)));
	return JET_errSuccess;
}

static JET_ERR jetk_column_info(JET_SESID sesid, JET_TABLEID tableid,
				JET_DBID dbid, const char *table,
				const char *column, void *pv,
				unsigned long cb, unsigned long level)
{
	struct jetk_column_info ci;
	unsigned long base;
	struct jetk_info a;
	JET_ERR err, fill;
	bool by_colid;

	err = jetk_colinfo_level(level, &base, &by_colid);
	if (err)
		return err;
	if (jetk_wide(dbid))
		return JET_errInvalidDatabaseId;
	memset(&a, 0, sizeof(a));
	memset(&ci, 0, sizeof(ci));
	a.level = (uint32_t)base;
	a.sesid = sesid;
	a.tableid = tableid;
	a.dbid = (uint32_t)dbid;
	a.what = table ? JETK_INFO_COLUMN : JETK_INFO_TABLE_COLUMN;
	a.table = jetk_ptr(table);
	a.table_len = jetk_strlen(table);
	if (by_colid) {
		/* ESE: the "name" points at a JET_COLUMNID. */
		if (!column)
			return JET_errInvalidParameter;
		a.column = *(const JET_COLUMNID *)(const void *)column;
	} else {
		a.column = jetk_ptr(column);
		a.column_len = jetk_strlen(column);
	}
	a.buf = jetk_ptr(&ci);
	a.buf_len = sizeof(ci);
	err = jetk_ioctl(JETK_IOC_GET_INFO, &a);
	if (err < 0)
		return err;
	fill = jetk_colinfo_fill(&ci, base, pv, cb);
	return fill ? fill : err;
}

JET_ERR JET_API JetGetTableColumnInfoA(JET_SESID sesid, JET_TABLEID tableid,
				       JET_PCSTR szColumnName, void *pvResult,
				       unsigned long cbMax,
				       unsigned long InfoLevel)
{
	return jetk_column_info(sesid, tableid, 0, NULL, szColumnName,
				pvResult, cbMax, InfoLevel);
}

JET_ERR JET_API JetGetColumnInfoA(JET_SESID sesid, JET_DBID dbid,
				  JET_PCSTR szTableName,
				  JET_PCSTR pColumnNameOrId, void *pvResult,
				  unsigned long cbMax, unsigned long InfoLevel)
{
	if (!szTableName)
		return JET_errInvalidParameter;
	return jetk_column_info(sesid, 0, dbid, szTableName, pColumnNameOrId,
				pvResult, cbMax, InfoLevel);
}

static JET_ERR jetk_tblinfo_fill(const struct jetk_table_info *ti,
				 unsigned long level, void *pv,
				 unsigned long cb)
{
	JET_OBJECTINFO *oi = pv;
	JET_DBID *dbids = pv;

	switch (level) {
	case JET_TblInfo:
		if (!oi || cb < sizeof(*oi))
			return JET_errBufferTooSmall;
		memset(oi, 0, sizeof(*oi));
		oi->cbStruct = sizeof(*oi);
		oi->objtyp = JET_objtypTable;
		/*
		 * ESE reports Updatable for an updatable cursor; the ABI does
		 * not say how the cursor was opened, and a read-only one
		 * fails its updates anyway.
		 */
		oi->grbit = JET_bitTableInfoUpdatable | JET_bitTableInfoBookmark |
			    JET_bitTableInfoRollback;
		if (ti->flags & JET_bitTableCreateFixedDDL)
			oi->flags |= JET_bitObjectTableFixedDDL;
		if (ti->flags & JET_bitTableCreateTemplateTable)
			oi->flags |= JET_bitObjectTableTemplate;
		if (ti->flags &
		    JET_bitTableCreateNoFixedVarColumnsInDerivedTables)
			oi->flags |=
				JET_bitObjectTableNoFixedVarColumnsInDerivedTables;
		if (ti->flags & JET_bitTableCreateSystemTable)
			oi->flags |= JET_bitObjectSystem;
		oi->cRecord = ti->records > ULONG_MAX ? ULONG_MAX :
			      (unsigned long)ti->records;
		oi->cPage = ti->pages;
		return JET_errSuccess;
	case JET_TblInfoName:
	case JET_TblInfoMostMany:
		return jetk_copy_name(pv, cb, ti->name, sizeof(ti->name));
	case JET_TblInfoDbid:
		/* ESE writes the database's id twice (dbid, then vdbid). */
		if (!dbids || cb < 2 * sizeof(*dbids))
			return JET_errBufferTooSmall;
		dbids[0] = ti->dbid;
		dbids[1] = ti->dbid;
		return JET_errSuccess;
	case JET_TblInfoSpaceOwned:
		return jetk_put_ulong(pv, cb, ti->pages, JET_errBufferTooSmall);
	case JET_TblInfoSpaceAvailable:
		return jetk_put_ulong(pv, cb, ti->avail_pages,
				      JET_errBufferTooSmall);
	case JET_TblInfoObjectId:
		return jetk_put_ulong(pv, cb, ti->objid, JET_errBufferTooSmall);
	}
	return JET_errInvalidParameter;	/* not reached: level checked */
}

JET_ERR JET_API JetGetTableInfoA(JET_SESID sesid, JET_TABLEID tableid,
				 void *pvResult, unsigned long cbMax,
				 unsigned long InfoLevel)
{
	struct jetk_table_info ti;
	struct jetk_info a;
	JET_ERR err, fill;

	switch (InfoLevel) {
	case JET_TblInfo:
	case JET_TblInfoName:
	case JET_TblInfoMostMany:
	case JET_TblInfoDbid:
	case JET_TblInfoSpaceOwned:
	case JET_TblInfoSpaceAvailable:
	case JET_TblInfoObjectId:
		break;
	default:
		return InfoLevel <= JET_TblInfoObjectId ?
		       JET_errFeatureNotAvailable : JET_errInvalidParameter;
	}
	memset(&a, 0, sizeof(a));
	memset(&ti, 0, sizeof(ti));
	a.level = (uint32_t)InfoLevel;
	a.sesid = sesid;
	a.tableid = tableid;
	a.what = JETK_INFO_TABLE;
	a.buf = jetk_ptr(&ti);
	a.buf_len = sizeof(ti);
	err = jetk_ioctl(JETK_IOC_GET_INFO, &a);
	if (err < 0)
		return err;
	fill = jetk_tblinfo_fill(&ti, InfoLevel, pvResult, cbMax);
	return fill ? fill : err;
}

static uint32_t jetk_le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* The JET_SIGNATURE on disk: ulRandom, JET_LOGTIME, szComputerName[16]. */
static void jetk_signature(JET_SIGNATURE *s, const uint8_t raw[28])
{
	memset(s, 0, sizeof(*s));
	s->ulRandom = jetk_le32(raw);
	memcpy(&s->logtimeCreate, raw + 4, sizeof(s->logtimeCreate));
	memcpy(s->szComputerName, raw + 12, sizeof(s->szComputerName));
}

static JET_ERR jetk_dbinfo_fill(const struct jetk_database_info *di,
				unsigned long level, void *pv,
				unsigned long cb)
{
	JET_DBINFOMISC *misc = pv;
	unsigned long v;

	switch (level) {
	case JET_DbInfoFilename:
		return jetk_copy_name(pv, cb, di->name, sizeof(di->name));
	case JET_DbInfoOptions:
		v = di->grbit;
		break;
	case JET_DbInfoFilesize:
	case JET_DbInfoFilesizeOnDisk:
		/* In pages, the two header pages included, as ESE. */
		v = di->page_size ? di->filesize / di->page_size : 0;
		break;
	case JET_DbInfoSpaceOwned:
		v = di->pages;
		break;
	case JET_DbInfoPageSize:
		v = di->page_size;
		break;
	case JET_DbInfoMisc:
		if (!misc || cb < sizeof(*misc))
			return JET_errInvalidBufferSize;
		memset(misc, 0, sizeof(*misc));
		misc->ulVersion = di->version;
		misc->ulUpdate = di->update;
		jetk_signature(&misc->signDb, di->signature);
		misc->dbstate = di->dbstate;
		misc->cbPageSize = di->page_size;
		return JET_errSuccess;
	default:
		return JET_errInvalidParameter;	/* not reached */
	}
	return jetk_put_ulong(pv, cb, v, JET_errInvalidBufferSize);
}

JET_ERR JET_API JetGetDatabaseInfoA(JET_SESID sesid, JET_DBID dbid,
				    void *pvResult, unsigned long cbMax,
				    unsigned long InfoLevel)
{
	struct jetk_database_info di;
	struct jetk_info a;
	JET_ERR err, fill;

	switch (InfoLevel) {
	case JET_DbInfoFilename:
	case JET_DbInfoOptions:
	case JET_DbInfoFilesize:
	case JET_DbInfoFilesizeOnDisk:
	case JET_DbInfoSpaceOwned:
	case JET_DbInfoPageSize:
	case JET_DbInfoMisc:
		break;
	default:
		return InfoLevel <= JET_DbInfoFilesizeOnDisk ?
		       JET_errFeatureNotAvailable : JET_errInvalidParameter;
	}
	if (jetk_wide(dbid))
		return JET_errInvalidDatabaseId;
	memset(&a, 0, sizeof(a));
	memset(&di, 0, sizeof(di));
	a.level = (uint32_t)InfoLevel;
	a.sesid = sesid;
	a.dbid = (uint32_t)dbid;
	a.what = JETK_INFO_DATABASE;
	a.buf = jetk_ptr(&di);
	a.buf_len = sizeof(di);
	err = jetk_ioctl(JETK_IOC_GET_INFO, &a);
	if (err < 0)
		return err;
	fill = jetk_dbinfo_fill(&di, InfoLevel, pvResult, cbMax);
	return fill ? fill : err;
}
