// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cursors and records (see cursor.h): JetOpenTable's cursors, the copy
 * buffer of JetPrepareUpdate / JetSetColumn / JetUpdate, JetDelete,
 * JetRetrieveColumn, JetMove, JetMakeKey and JetSeek over a table's
 * primary index, or over ESE's sequential keys (4-byte big-endian record
 * numbers from 1) when the table has none.
 */
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>

#include "compat.h"
#include "compress.h"
#include "cursor.h"
#include "database.h"
#include "format.h"
#include "jeterr.h"
#include "jetk.h"
#include "lv.h"
#include "record.h"
#include "table.h"
#include "verstore.h"

/* JET_prep* */
#define JETK_PREP_INSERT			0
#define JETK_PREP_REPLACE			2
#define JETK_PREP_CANCEL			3
#define JETK_PREP_REPLACE_NO_LOCK		4
#define JETK_PREP_INSERT_COPY			5
#define JETK_PREP_INSERT_COPY_DELETE_ORIGINAL	7
#define JETK_PREP_INSERT_MUST_SET_AUTOINC	10

/* JET_bitSet* */
#define JETK_SET_APPEND_LV		0x00001U
#define JETK_SET_OVERWRITE_LV		0x00004U
#define JETK_SET_SIZE_LV		0x00008U
#define JETK_SET_ZERO_LENGTH		0x00020U
#define JETK_SET_SEPARATE_LV		0x00040U
#define JETK_SET_UNIQUE_MULTI_VALUES	0x00080U
#define JETK_SET_UNIQUE_NORM_MULTI_VALUES 0x00100U
#define JETK_SET_REVERT_TO_DEFAULT	0x00200U
#define JETK_SET_INTRINSIC_LV		0x00400U
#define JETK_SET_VALID	(JETK_SET_APPEND_LV | JETK_SET_OVERWRITE_LV | \
			 JETK_SET_SIZE_LV | JETK_SET_ZERO_LENGTH | \
			 JETK_SET_SEPARATE_LV | JETK_SET_UNIQUE_MULTI_VALUES | \
			 JETK_SET_UNIQUE_NORM_MULTI_VALUES | \
			 JETK_SET_REVERT_TO_DEFAULT | JETK_SET_INTRINSIC_LV)

/* JET_bitRetrieve* jetk honours or may ignore */
#define JETK_RETRIEVE_COPY		0x01U
#define JETK_RETRIEVE_FROM_INDEX	0x02U
#define JETK_RETRIEVE_FROM_PRIMARY_BM	0x04U
#define JETK_RETRIEVE_TAG		0x08U
#define JETK_RETRIEVE_NULL		0x10U
#define JETK_RETRIEVE_IGNORE_DEFAULT	0x20U
#define JETK_RETRIEVE_VALID	0x3FU

/* JET_bitTable* of JetOpenTable */
#define JETK_TABLE_OPEN_DENY_WRITE	0x00000001U
#define JETK_TABLE_OPEN_DENY_READ	0x00000002U
#define JETK_TABLE_OPEN_READ_ONLY	0x00000004U
#define JETK_TABLE_OPEN_VALID		(0x001F01FFU | 0x8000U)

/* JetMove */
#define JETK_MOVE_FIRST		((s64)S32_MIN)
#define JETK_MOVE_LAST		((s64)S32_MAX)
#define JETK_MOVE_KEY_NE	0x1U

/* JetMakeKey */
#define JETK_MK_NEW_KEY			0x001U
#define JETK_MK_STR_LIMIT		0x002U
#define JETK_MK_SUBSTR_LIMIT		0x004U
#define JETK_MK_NORMALIZED_KEY		0x008U
#define JETK_MK_KEY_DATA_ZERO_LENGTH	0x010U
#define JETK_MK_FULL_COLUMN_START_LIMIT	0x100U
#define JETK_MK_FULL_COLUMN_END_LIMIT	0x200U
#define JETK_MK_PARTIAL_COLUMN_START	0x400U
#define JETK_MK_PARTIAL_COLUMN_END	0x800U
#define JETK_MK_VALID	0xF3FU

/* JetSeek */
#define JETK_SEEK_EQ	0x01U
#define JETK_SEEK_LT	0x02U
#define JETK_SEEK_LE	0x04U
#define JETK_SEEK_GE	0x08U
#define JETK_SEEK_GT	0x10U

/* ------------------------------------------------------------ handles */

/*
 * JET_bitTableDenyRead / DenyWrite: a session's cursor may not open a
 * table another session holds with a deny it would break, nor deny what
 * another session's cursor already does.  Links @c on the table's list.
 */
static int jetk_cursor_deny_link(struct jetk_cursor *c)
{
	struct jetk_table *t = c->t;
	struct jetk_cursor *o;
	int ret = 0;

	mutex_lock(&t->db->tables_lock);
	list_for_each_entry(o, &t->cursors, tnode) {
		if (o->ses == c->ses)
			continue;
		if ((o->grbit & JETK_TABLE_OPEN_DENY_READ) ||
		    (c->grbit & JETK_TABLE_OPEN_DENY_READ) ||
		    ((o->grbit & JETK_TABLE_OPEN_DENY_WRITE) && !c->readonly) ||
		    ((c->grbit & JETK_TABLE_OPEN_DENY_WRITE) && !o->readonly)) {
			ret = JETK_ERR_TABLE_LOCKED;
			break;
		}
	}
	if (!ret)
		list_add_tail(&c->tnode, &t->cursors);
	mutex_unlock(&t->db->tables_lock);
	return ret;
}

static void jetk_cursor_unlink(struct jetk_cursor *c)
{
	mutex_lock(&c->t->db->tables_lock);
	list_del(&c->tnode);
	mutex_unlock(&c->t->db->tables_lock);
}

/**
 * jetk_cursor_open() - a new cursor on a table, before its first record
 * @ses: the session (a call is inside it)
 * @d: the database, open in the session
 * @t: the table; the cursor takes over the caller's reference
 * @grbit: JET_bitTable*
 * @tableid: out: its handle
 *
 * Return: a JET_ERR; on error the table reference is dropped.
 */
int jetk_cursor_open(struct jetk_session *ses, struct jetk_database *d,
		     struct jetk_table *t, u32 grbit, u64 *tableid)
{
	unsigned int psz = d->db.page_size;
	struct jetk_cursor *c;
	int ret;

	if (grbit & ~JETK_TABLE_OPEN_VALID) {
		ret = JETK_ERR_INVALID_GRBIT;
		goto err_put;
	}
	c = kvzalloc(sizeof(*c), GFP_KERNEL_ACCOUNT);
	if (!c)
		goto err_nomem;
	c->cb = kvmalloc(psz, GFP_KERNEL_ACCOUNT);
	c->scratch = kvmalloc(psz, GFP_KERNEL_ACCOUNT);
	c->rec = kvmalloc(psz, GFP_KERNEL_ACCOUNT);
	if (!c->cb || !c->scratch || !c->rec)
		goto err_free;
	c->ses = ses;
	c->level = ses->level;
	c->grbit = grbit;
	c->d = d;
	c->t = t;
	c->readonly = d->readonly || (grbit & JETK_TABLE_OPEN_READ_ONLY);
	c->state = JETK_CUR_BEFORE_FIRST;
	c->prep = JETK_PREP_NONE;
	ret = jetk_cursor_deny_link(c);
	if (ret)
		goto err_free_ret;
	ret = xa_alloc(&ses->cursors, &c->id, c, xa_limit_31b,
		       GFP_KERNEL_ACCOUNT);
	if (ret) {
		ret = ret == -EBUSY ? JETK_ERR_TOO_MANY_OPEN_TABLES :
		      JETK_ERR_OUT_OF_MEMORY;
		jetk_cursor_unlink(c);
		goto err_free_ret;
	}
	*tableid = c->id;
	return 0;

err_free:
	ret = JETK_ERR_OUT_OF_MEMORY;
err_free_ret:
	kvfree(c->rec);
	kvfree(c->scratch);
	kvfree(c->cb);
	kvfree(c);
	goto err_put;
err_nomem:
	ret = JETK_ERR_OUT_OF_MEMORY;
err_put:
	jetk_table_put(t);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_open);

/**
 * jetk_cursor_get() - the cursor of a handle
 * @ses: the session (a call is inside it)
 * @tableid: the handle
 *
 * Return: the cursor, or NULL (JET_errInvalidTableId).
 */
struct jetk_cursor *jetk_cursor_get(struct jetk_session *ses, u64 tableid)
{
	if (!tableid || tableid > U32_MAX)
		return NULL;
	return xa_load(&ses->cursors, tableid);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_get);

static void jetk_cursor_drop_new(struct jetk_cursor *c);

static void jetk_cursor_free(struct jetk_cursor *c)
{
	jetk_cursor_unlink(c);
	jetk_cursor_drop_new(c);
	kfree(c->new_lids);
	kvfree(c->plain);
	jetk_table_put(c->t);
	kvfree(c->rec);
	kvfree(c->scratch);
	kvfree(c->cb);
	kvfree(c);
}

/**
 * jetk_cursor_close() - JetCloseTable
 * @ses: the session
 * @tableid: the cursor
 *
 * Return: 0 or JET_errInvalidTableId.
 */
int jetk_cursor_close(struct jetk_session *ses, u64 tableid)
{
	struct jetk_cursor *c;

	if (!tableid || tableid > U32_MAX)
		return JETK_ERR_INVALID_TABLE_ID;
	c = xa_erase(&ses->cursors, tableid);
	if (!c)
		return JETK_ERR_INVALID_TABLE_ID;
	jetk_cursor_free(c);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_close);

/**
 * jetk_cursor_close_db() - close a session's cursors on a database
 * @ses: the session, closing the database (no other call inside it)
 * @d: the database
 */
void jetk_cursor_close_db(struct jetk_session *ses, struct jetk_database *d)
{
	struct jetk_cursor *c;
	unsigned long id;

	xa_for_each(&ses->cursors, id, c) {
		if (c->d != d)
			continue;
		xa_erase(&ses->cursors, id);
		jetk_cursor_free(c);
	}
}

/**
 * jetk_cursor_close_all() - a session ends: close its cursors
 * @ses: the session (no call inside it)
 */
void jetk_cursor_close_all(struct jetk_session *ses)
{
	struct jetk_cursor *c;
	unsigned long id;

	xa_for_each(&ses->cursors, id, c) {
		xa_erase(&ses->cursors, id);
		jetk_cursor_free(c);
	}
}

/**
 * jetk_cursor_close_level() - a transaction level rolls back: close the
 *	cursors opened in it
 * @ses: the session (a call is inside it)
 * @level: the level rolled back
 */
void jetk_cursor_close_level(struct jetk_session *ses, unsigned int level)
{
	struct jetk_cursor *c;
	unsigned long id;

	xa_for_each(&ses->cursors, id, c) {
		if (c->level < level)
			continue;
		xa_erase(&ses->cursors, id);
		jetk_cursor_free(c);
	}
}

/**
 * jetk_cursor_commit_level() - a transaction level commits into the one
 *	below: its cursors now belong to that one
 * @ses: the session (a call is inside it)
 * @level: the level committed
 */
void jetk_cursor_commit_level(struct jetk_session *ses, unsigned int level)
{
	struct jetk_cursor *c;
	unsigned long id;

	xa_for_each(&ses->cursors, id, c)
		if (c->level >= level)
			c->level = level - 1;
}

/**
 * jetk_cursor_call_begin() - a call starts using a cursor
 * @c: the cursor
 *
 * Holds the table's schema steady for the call; outside a transaction,
 * the call's reads hold a snapshot until it ends.
 */
void jetk_cursor_call_begin(struct jetk_cursor *c)
{
	down_read(&c->t->ddl);
	c->rec_valid = false;
	jetk_ver_call_snap(c->ses);
}

/**
 * jetk_cursor_call_end() - the call is done with the cursor
 * @c: the cursor
 */
void jetk_cursor_call_end(struct jetk_cursor *c)
{
	jetk_ver_call_unsnap(c->ses);
	up_read(&c->t->ddl);
}

/* ------------------------------------------------------------ records */

static void jetk_cursor_schema(struct jetk_cursor *c, struct jetk_rec_schema *s)
{
	jetk_table_schema(c->t, s);
}

/*
 * jetk_bt_seek() among the records the session sees: a node it may not
 * see is passed over in the direction of the seek, and a node a change
 * covers reads as the session's snapshot has it.  The data lands in
 * c->rec.
 */
static int jetk_cursor_find(struct jetk_cursor *c, const u8 *key,
			    unsigned int len, enum jetk_bt_seek how)
{
	struct jetk_table *t = c->t;
	unsigned int psz = c->d->db.page_size, dlen, seq;
	int ret, vis;

	for (;;) {
		seq = jetk_ver_seq(t);
		c->bt.data = c->rec;
		c->bt.data_max = psz;
		ret = jetk_bt_seek_all(&t->bt, key, len, how, &c->bt);
		if (ret)
			return ret;
		if (c->bt.data_len > psz)
			return -EUCLEAN;
		dlen = c->bt.data_len;
		vis = jetk_ver_view(c->ses, t, c->bt.key, c->bt.key_len,
				    c->bt.flags, c->rec, &dlen, psz);
		if (jetk_ver_seq_changed(t, seq))
			continue;
		if (vis) {
			c->bt.data_len = dlen;
			return 0;
		}
		/* Not there for this session: on to the next node. */
		switch (how) {
		case JETK_BT_EQ:
			return -ENOENT;
		case JETK_BT_FIRST:
		case JETK_BT_GE:
		case JETK_BT_GT:
			how = JETK_BT_GT;
			break;
		default:
			how = JETK_BT_LT;
			break;
		}
		/*
		 * On from this node's key, kept apart from c->bt.key: the
		 * next seek overwrites that, and when it has to be made
		 * again (a rollback meanwhile) it must start from here, not
		 * from the node it found, which it would pass over.
		 */
		memcpy(c->from, c->bt.key, c->bt.key_len);
		key = c->from;
		len = c->bt.key_len;
	}
}

/* Read the current record into c->rec. */
static int jetk_cursor_load(struct jetk_cursor *c)
{
	int ret;

	if (c->rec_valid)
		return 0;
	if (c->state == JETK_CUR_DELETED)
		return JETK_ERR_RECORD_DELETED;
	if (c->state != JETK_CUR_ON)
		return JETK_ERR_NO_CURRENT_RECORD;
	ret = jetk_cursor_find(c, c->key, c->key_len, JETK_BT_EQ);
	if (ret == -ENOENT)
		return JETK_ERR_RECORD_DELETED;
	if (ret)
		return jetk_table_err(ret);
	if (c->bt.data_len > c->d->db.page_size)
		return JETK_ERR_DATABASE_CORRUPTED;
	c->rec_len = c->bt.data_len;
	c->rec_valid = true;
	return 0;
}

/* Position on a node a seek found. */
static void jetk_cursor_at(struct jetk_cursor *c)
{
	memcpy(c->key, c->bt.key, c->bt.key_len);
	c->key_len = c->bt.key_len;
	c->state = JETK_CUR_ON;
	c->rec_valid = c->bt.data == c->rec &&
		       c->bt.data_len <= c->d->db.page_size;
	c->rec_len = c->bt.data_len;
}

static int jetk_cursor_seek_bt(struct jetk_cursor *c, const u8 *key,
			       unsigned int len, enum jetk_bt_seek how)
{
	c->rec_valid = false;
	return jetk_cursor_find(c, key, len, how);
}

/* Record @rec with the values of @columnid replaced (none: NULL). */
static int jetk_cursor_rebuild(struct jetk_cursor *c, const u8 *rec,
			       unsigned int len, u32 columnid,
			       const struct jetk_rec_value *vals,
			       unsigned int nvals, u8 *out,
			       unsigned int *out_len)
{
	struct jetk_rec_schema s;

	jetk_cursor_schema(c, &s);
	return jetk_rec_rebuild(&s, rec, len, columnid, vals, nvals, out,
				c->d->db.page_size, out_len);
}

/* Replace the values of a column in the copy buffer. */
static int jetk_cursor_cb_put(struct jetk_cursor *c, u32 columnid,
			      const struct jetk_rec_value *vals,
			      unsigned int nvals)
{
	unsigned int len;
	u8 *tmp;
	int ret;

	ret = jetk_cursor_rebuild(c, c->cb, c->cb_len, columnid, vals, nvals,
				  c->scratch, &len);
	if (ret)
		return ret == -E2BIG || ret == -ENOSPC ?
		       JETK_ERR_RECORD_TOO_BIG : jetk_table_err(ret);
	tmp = c->cb;
	c->cb = c->scratch;
	c->scratch = tmp;
	c->cb_len = len;
	return 0;
}

/* ------------------------------------------------------ long values */

static bool jetk_cursor_is_new(const struct jetk_cursor *c, u32 lid)
{
	unsigned int i;

	for (i = 0; i < c->n_new; i++)
		if (c->new_lids[i] == lid)
			return true;
	return false;
}

static int jetk_cursor_track_new(struct jetk_cursor *c, u32 lid)
{
	if (c->n_new == c->cap_new) {
		unsigned int cap = c->cap_new ? 2 * c->cap_new : 8;
		u32 *n = krealloc_array(c->new_lids, cap, sizeof(*n),
					GFP_KERNEL);

		if (!n)
			return -ENOMEM;
		c->new_lids = n;
		c->cap_new = cap;
	}
	c->new_lids[c->n_new++] = lid;
	return 0;
}

/* A new long value for the prepared update. */
static int jetk_cursor_new_lv(struct jetk_cursor *c, const u8 *data, u32 len,
			      u32 *lid)
{
	int ret = jetk_lv_create(c->t, data, len, lid);

	if (ret)
		return ret;
	ret = jetk_cursor_track_new(c, *lid);
	if (ret)
		jetk_lv_deref(c->t, *lid);
	return ret;
}

/* The prepared update goes away: so do the long values it created. */
static void jetk_cursor_drop_new(struct jetk_cursor *c)
{
	unsigned int i;

	for (i = 0; i < c->n_new; i++)
		if (jetk_lv_deref(c->t, c->new_lids[i]))
			pr_warn_ratelimited("jetk: long value %u of table %u left unreferenced\n",
					    c->new_lids[i], c->t->objid);
	c->n_new = 0;
}

/* The LIDs a record refers to, into a kvmalloc'ed array. */
static int jetk_cursor_lids(struct jetk_cursor *c, const u8 *rec,
			    unsigned int len, u32 **lids, unsigned int *n)
{
	struct jetk_rec_schema s;
	struct jetk_rec_view v;
	struct jetk_rec_value val;
	unsigned int i, k, cap = 0;
	u32 *out = NULL, *grown;
	int ret, cnt;

	*lids = NULL;
	*n = 0;
	jetk_cursor_schema(c, &s);
	ret = jetk_rec_parse(&s, rec, len, &v);
	if (ret)
		return ret;
	for (i = 0; i < s.ncols; i++) {
		if (s.cols[i].columnid < JETK_FID_TAGGED_FIRST)
			continue;
		cnt = jetk_rec_count(&s, &v, s.cols[i].columnid);
		if (cnt < 0) {
			ret = cnt;
			goto err;
		}
		for (k = 1; k <= cnt; k++) {
			ret = jetk_rec_get(&s, &v, s.cols[i].columnid, k, &val);
			if (ret)
				goto err;
			if (!(val.flags & JETK_RECV_SEPARATED))
				continue;
			if (val.len != JETK_LID_SIZE) {
				ret = -EOPNOTSUPP;
				goto err;
			}
			if (*n == cap) {
				cap = cap ? 2 * cap : 8;
				grown = kvmalloc_array(cap, sizeof(*out),
						       GFP_KERNEL);
				if (!grown) {
					ret = -ENOMEM;
					goto err;
				}
				if (out)
					memcpy(grown, out, *n * sizeof(*out));
				kvfree(out);
				out = grown;
			}
			out[(*n)++] = get_unaligned_le32(val.data);
		}
	}
	*lids = out;
	return 0;
err:
	kvfree(out);
	*n = 0;
	return ret;
}

static bool jetk_lid_in(const u32 *lids, unsigned int n, u32 lid)
{
	while (n--)
		if (lids[n] == lid)
			return true;
	return false;
}

/*
 * After a record changed in the tree: references of long values follow.
 * @old: LIDs the record referred to before (replace), @cur: LIDs it
 * refers to now.  A value newly referred to is counted at once and let
 * go of again if the change rolls back (@rce's added list); a value no
 * longer referred to is let go of by the version-store cleanup, when no
 * snapshot can see the record's old version (@rce's dropped list).  Long
 * values the prepared update made and the record does not keep go now.
 * Errors leave a count too high (a value that stays unreferenced), never
 * too low.
 */
static void jetk_cursor_settle_lvs(struct jetk_cursor *c, struct jetk_rce *rce,
				   const u32 *old, unsigned int nold,
				   const u32 *cur, unsigned int ncur)
{
	u32 *added = NULL, *dropped = NULL;
	unsigned int i, nadded = 0, ndropped = 0;
	int ret = 0;

	if (ncur)
		added = kmalloc_array(ncur, sizeof(*added), GFP_KERNEL);
	if (nold)
		dropped = kmalloc_array(nold, sizeof(*dropped), GFP_KERNEL);
	for (i = 0; i < ncur; i++) {
		if (jetk_lid_in(old, nold, cur[i]))
			continue;
		if (!jetk_cursor_is_new(c, cur[i]))
			ret |= jetk_lv_addref(c->t, cur[i]);
		if (added)
			added[nadded++] = cur[i];
	}
	for (i = 0; i < nold; i++) {
		if (jetk_lid_in(cur, ncur, old[i]))
			continue;
		if (dropped)
			dropped[ndropped++] = old[i];
	}
	for (i = 0; i < c->n_new; i++)
		if (!jetk_lid_in(cur, ncur, c->new_lids[i]))
			ret |= jetk_lv_deref(c->t, c->new_lids[i]);
	c->n_new = 0;
	jetk_ver_set_lids(rce, added, nadded, dropped, ndropped);
	if (ret || (ncur && !added) || (nold && !dropped))
		pr_warn_ratelimited("jetk: long-value references of table %u not all settled\n",
				    c->t->objid);
}

/* The primary key of a record (or of the copy buffer). */
static int jetk_cursor_key_of(struct jetk_cursor *c, const u8 *rec,
			      unsigned int len, struct jetk_key *k)
{
	const struct jetk_table_index *ix = &c->t->primary;
	struct jetk_rec_schema s;
	struct jetk_rec_view v;
	struct jetk_rec_value val;
	unsigned int i;
	int ret, ci;

	jetk_cursor_schema(c, &s);
	ret = jetk_rec_parse(&s, rec, len, &v);
	if (ret)
		return jetk_table_err(ret);
	jetk_key_init(k, ix->key_most);
	for (i = 0; i < ix->nsegs; i++) {
		ci = jetk_table_column_by_id(c->t, ix->seg_col[i]);
		if (ci < 0)
			return JETK_ERR_DATABASE_CORRUPTED;
		ret = jetk_rec_get(&s, &v, ix->seg_col[i], 1, &val);
		if (ret)
			return jetk_table_err(ret);
		if ((val.flags & JETK_RECV_NULL) &&
		    (ix->fidb & JETK_IDX_NO_NULL_SEG))
			return JETK_ERR_NULL_KEY_DISALLOWED;
		if (val.flags & (JETK_RECV_SEPARATED | JETK_RECV_COMPRESSED))
			return JETK_ERR_FEATURE_NOT_AVAILABLE;
		if (val.flags & JETK_RECV_NULL) {
			ret = jetk_key_add_null(k, ix->seg_opts[i]);
		} else {
			unsigned int opts = ix->seg_opts[i];

			if (ix->seg_col[i] <= JETK_FID_FIXED_MAX)
				opts |= JETK_KEYSEG_FIXED;
			ret = jetk_key_add(k, s.cols[ci].coltyp, s.cols[ci].cp,
					   val.data, val.len, opts);
		}
		if (ret)
			return ret == -EOPNOTSUPP ?
			       JETK_ERR_FEATURE_NOT_AVAILABLE :
			       JETK_ERR_INVALID_PARAMETER;
	}
	if (k->truncated && (ix->fidb & JETK_IDX_DISALLOW_TRUNCATION))
		return JETK_ERR_KEY_TRUNCATED;
	return 0;
}

/* The last sequential key in use, read once from the tree. */
static int jetk_cursor_next_dbk(struct jetk_cursor *c, u32 *dbk)
{
	struct jetk_table *t = c->t;
	int ret = 0;

	mutex_lock(&t->seq_lock);
	if (!t->dbk_last) {
		c->bt.data = NULL;
		c->bt.data_max = 0;
		/* A deleted record's number is not given out again. */
		ret = jetk_bt_seek_all(&t->bt, NULL, 0, JETK_BT_LAST, &c->bt);
		if (ret == -ENOENT) {
			ret = 0;
		} else if (!ret) {
			if (c->bt.key_len != 4)
				ret = -EUCLEAN;
			else
				t->dbk_last = get_unaligned_be32(c->bt.key);
		}
	}
	if (!ret && t->dbk_last == U32_MAX)
		ret = -ENOSPC;
	if (!ret)
		*dbk = ++t->dbk_last;
	mutex_unlock(&t->seq_lock);
	return ret;
}

/* The autoincrement column's value in a record (0 when NULL). */
static int jetk_cursor_autoinc_in(struct jetk_cursor *c, u32 columnid,
				  const u8 *rec, unsigned int len, u64 *val)
{
	struct jetk_rec_schema s;
	struct jetk_rec_view v;
	struct jetk_rec_value rv;
	int ret;

	jetk_cursor_schema(c, &s);
	ret = jetk_rec_parse(&s, rec, len, &v);
	if (!ret)
		ret = jetk_rec_get(&s, &v, columnid, 1, &rv);
	if (ret)
		return ret;
	*val = 0;
	if (rv.flags & JETK_RECV_NULL)
		return 0;
	if (rv.len == 4)
		*val = (u64)(s64)(s32)get_unaligned_le32(rv.data);
	else if (rv.len == 8)
		*val = get_unaligned_le64(rv.data);
	else
		return -EUCLEAN;
	return 0;
}

/*
 * The next autoincrement value.  The first use reads the largest value
 * in the table: at the end of the index when the column leads the
 * primary key, else by a scan.
 */
static int jetk_cursor_next_autoinc(struct jetk_cursor *c, u32 columnid,
				    u64 *out)
{
	struct jetk_table *t = c->t;
	bool leads = t->has_primary && t->primary.seg_col[0] == columnid &&
		     !(t->primary.seg_opts[0] & JETK_KEYSEG_DESCENDING);
	u64 val, max = 0;
	int ret = 0;

	mutex_lock(&t->seq_lock);
	if (!t->autoinc_known) {
		c->bt.data = c->scratch;
		c->bt.data_max = c->d->db.page_size;
		ret = jetk_bt_seek(&t->bt, NULL, 0, leads ? JETK_BT_LAST :
				   JETK_BT_FIRST, &c->bt);
		while (!ret) {
			if (c->bt.data_len > c->d->db.page_size) {
				ret = -EUCLEAN;
				break;
			}
			ret = jetk_cursor_autoinc_in(c, columnid, c->scratch,
						     c->bt.data_len, &val);
			if (ret)
				break;
			if ((s64)val > (s64)max)
				max = val;
			if (leads)
				break;
			ret = jetk_bt_seek(&t->bt, c->bt.key, c->bt.key_len,
					   JETK_BT_GT, &c->bt);
		}
		if (ret == -ENOENT || (leads && !ret))
			ret = 0;
		if (!ret) {
			t->autoinc_last = max;
			t->autoinc_known = true;
		}
	}
	if (!ret)
		*out = ++t->autoinc_last;
	mutex_unlock(&t->seq_lock);
	return ret;
}

/* ------------------------------------------------------------ updates */

/**
 * jetk_cursor_prepare() - JetPrepareUpdate
 * @c: the cursor (inside a call)
 * @prep: JET_prep*
 *
 * Return: a JET_ERR.
 */
int jetk_cursor_prepare(struct jetk_cursor *c, s64 prep)
{
	struct jetk_rec_schema s;
	unsigned int i;
	int err;

	switch (prep) {
	case JETK_PREP_CANCEL:
		if (c->prep == JETK_PREP_NONE)
			return JETK_ERR_UPDATE_NOT_PREPARED;
		jetk_cursor_drop_new(c);
		c->prep = JETK_PREP_NONE;
		return 0;
	case JETK_PREP_INSERT:
	case JETK_PREP_INSERT_MUST_SET_AUTOINC:
	case JETK_PREP_REPLACE:
	case JETK_PREP_REPLACE_NO_LOCK:
	case JETK_PREP_INSERT_COPY:
	case JETK_PREP_INSERT_COPY_DELETE_ORIGINAL:
		break;
	default:
		return JETK_ERR_INVALID_PARAMETER;
	}
	if (c->prep != JETK_PREP_NONE)
		return JETK_ERR_ALREADY_PREPARED;
	if (c->readonly || c->t->has_secondary || c->t->space_ro)
		return JETK_ERR_PERMISSION_DENIED;
	if (prep == JETK_PREP_INSERT ||
	    prep == JETK_PREP_INSERT_MUST_SET_AUTOINC) {
		/* An empty record: no columns. */
		struct jetk_edb_rec_header rh = {
			.fid_fixed_last = 0,
			.fid_var_last = JETK_FID_VAR_FIRST - 1,
			.ib_end_fixed = cpu_to_le16(sizeof(rh)),
		};

		memcpy(c->cb, &rh, sizeof(rh));
		c->cb_len = sizeof(rh);
	} else {
		err = jetk_cursor_load(c);
		if (err)
			return err;
		/* In a transaction, a replace locks the record now. */
		if (prep == JETK_PREP_REPLACE && c->ses->level) {
			struct jetk_rce *lock;

			err = jetk_ver_reserve(c->ses, c->t, c->key,
					       c->key_len,
					       JETK_RCE_WRITE_LOCK, &lock);
			if (err)
				return err;
		}
		memcpy(c->cb, c->rec, c->rec_len);
		c->cb_len = c->rec_len;
		memcpy(c->cb_key, c->key, c->key_len);
		c->cb_key_len = c->key_len;
	}
	/* ESE hands out the autoincrement value when the insert starts. */
	if (prep == JETK_PREP_INSERT || prep == JETK_PREP_INSERT_COPY ||
	    prep == JETK_PREP_INSERT_COPY_DELETE_ORIGINAL) {
		jetk_cursor_schema(c, &s);
		for (i = 0; i < s.ncols; i++) {
			const struct jetk_rec_col *col = &s.cols[i];
			struct jetk_rec_value v;
			u64 next;
			__le64 le;

			if (!(col->flags & JETK_FIELD_AUTOINCREMENT))
				continue;
			err = jetk_cursor_next_autoinc(c, col->columnid, &next);
			if (err)
				return jetk_table_err(err);
			le = cpu_to_le64(next);
			v = (struct jetk_rec_value){ .data = (u8 *)&le,
				.len = col->cb_max == 4 ? 4 : 8 };
			err = jetk_cursor_cb_put(c, col->columnid, &v, 1);
			if (err)
				return err;
		}
	}
	c->prep = prep;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_prepare);

static bool jetk_cursor_replacing(const struct jetk_cursor *c)
{
	return c->prep == JETK_PREP_REPLACE ||
	       c->prep == JETK_PREP_REPLACE_NO_LOCK;
}

/* Pad a short value of a fixed Text or Binary column to its size. */
static void jetk_cursor_pad(const struct jetk_rec_col *col, u8 *buf, u32 len)
{
	u32 i;

	if (col->coltyp == JETK_COLTYP_TEXT && col->cp == JETK_CP_UNICODE) {
		for (i = len; i + 1 < col->cb_max; i += 2) {
			buf[i] = ' ';
			buf[i + 1] = 0;
		}
		if (i < col->cb_max)
			buf[i] = 0;
	} else {
		memset(buf + len, col->coltyp == JETK_COLTYP_TEXT ? ' ' : 0,
		       col->cb_max - len);
	}
}

/*
 * JET_bitSetAppendLV / OverwriteLV / SizeLV on a long column's value
 * @old (NULL flags: none).  The result is a separated value when @old is
 * one or the bytes do not fit a record: the old value is changed in
 * place only when this update created it, else copied first.
 */
static int jetk_cursor_set_lv_part(struct jetk_cursor *c,
				   const struct jetk_rec_value *old,
				   const u8 *data, u32 len, u32 grbit,
				   u32 ib_long, struct jetk_rec_value *nv,
				   u8 **bufp, __le32 *lid_le)
{
	u32 ol = 0, newlen, lid, max = jetk_rec_max_size(c->d->db.page_size);
	bool sep = old->flags & JETK_RECV_SEPARATED;
	int ret;
	u8 *buf;

	if (old->flags & JETK_RECV_COMPRESSED)
		return JETK_ERR_FEATURE_NOT_AVAILABLE;
	if (sep) {
		if (old->len != JETK_LID_SIZE)
			return JETK_ERR_FEATURE_NOT_AVAILABLE;
		lid = get_unaligned_le32(old->data);
		ret = jetk_lv_size(c->t, lid, &ol);
		if (ret)
			return jetk_table_err(ret);
	} else if (!(old->flags & JETK_RECV_NULL)) {
		ol = old->len;
	}
	if (!(grbit & (JETK_SET_SIZE_LV | JETK_SET_APPEND_LV)) && ib_long > ol)
		return JETK_ERR_INVALID_PARAMETER;
	if (grbit & JETK_SET_SIZE_LV)
		newlen = len;
	else if (grbit & JETK_SET_APPEND_LV)
		newlen = ol + len;
	else
		newlen = max(ol, ib_long + len);
	if (newlen < ol && !(grbit & JETK_SET_SIZE_LV))
		return JETK_ERR_INVALID_PARAMETER;	/* wrapped */

	if (sep || newlen > max / 2) {
		if (!c->t->has_lv)
			return JETK_ERR_RECORD_TOO_BIG;
		if (!sep) {
			ret = jetk_cursor_new_lv(c, old->data, ol, &lid);
		} else if (!jetk_cursor_is_new(c, lid)) {
			u32 copy;

			ret = jetk_lv_copy(c->t, lid, &copy);
			if (!ret) {
				ret = jetk_cursor_track_new(c, copy);
				if (ret)
					jetk_lv_deref(c->t, copy);
			}
			lid = copy;
		} else {
			ret = 0;
		}
		if (!ret && (grbit & JETK_SET_SIZE_LV))
			ret = jetk_lv_truncate(c->t, lid, newlen);
		else if (!ret)
			ret = jetk_lv_write(c->t, lid,
					    (grbit & JETK_SET_APPEND_LV) ?
					    ol : ib_long, data, len);
		if (ret)
			return jetk_table_err(ret);
		*lid_le = cpu_to_le32(lid);
		nv->data = (const u8 *)lid_le;
		nv->len = JETK_LID_SIZE;
		nv->flags = JETK_RECV_SEPARATED;
		return 0;
	}
	buf = kvzalloc(newlen + 1, GFP_KERNEL);
	if (!buf)
		return JETK_ERR_OUT_OF_MEMORY;
	memcpy(buf, old->data, min(ol, newlen));
	if (grbit & JETK_SET_APPEND_LV)
		memcpy(buf + ol, data, len);
	else if (!(grbit & JETK_SET_SIZE_LV))
		memcpy(buf + ib_long, data, len);
	*bufp = buf;
	nv->data = buf;
	nv->len = newlen;
	return 0;
}

/**
 * jetk_cursor_set() - JetSetColumn: one value into the copy buffer
 * @c: the cursor (inside a call)
 * @columnid: the column
 * @data: the value (kernel copy), or NULL
 * @len: its length
 * @grbit: JET_bitSet*
 * @ib_long: JET_bitSetOverwriteLV: the offset
 * @itag: the value of a multi-valued column (0: a new one)
 *
 * A long value that does not fit the record goes to the table's LV tree
 * (so does any with JET_bitSetSeparateLV); the record keeps its LID.
 *
 * Return: a JET_ERR.
 */
int jetk_cursor_set(struct jetk_cursor *c, u32 columnid, const u8 *data,
		    u32 len, u32 grbit, u32 ib_long, u32 itag)
{
	struct jetk_rec_schema s;
	struct jetk_rec_view v;
	const struct jetk_rec_col *col;
	struct jetk_rec_value *vals = NULL, nv = {}, old = {};
	u32 size, n, i, lid;
	__le32 lid_le;
	u8 *buf = NULL;
	bool null, mv, lv;
	int ci, err, ret;

	if (c->prep == JETK_PREP_NONE)
		return JETK_ERR_UPDATE_NOT_PREPARED;
	if (grbit & ~JETK_SET_VALID)
		return JETK_ERR_INVALID_GRBIT;
	ci = jetk_table_column_by_id(c->t, columnid);
	if (ci < 0)
		return JETK_ERR_COLUMN_NOT_FOUND;
	jetk_cursor_schema(c, &s);
	col = &s.cols[ci];
	mv = col->flags & JETK_FIELD_MULTIVALUED;
	lv = columnid >= JETK_FID_TAGGED_FIRST &&
	     (col->coltyp == JETK_COLTYP_LONG_TEXT ||
	      col->coltyp == JETK_COLTYP_LONG_BINARY);
	size = jetk_coltyp_fixed_size(col->coltyp);
	if ((col->flags & JETK_FIELD_AUTOINCREMENT) &&
	    c->prep != JETK_PREP_INSERT_MUST_SET_AUTOINC)
		return JETK_ERR_INVALID_COLUMN_TYPE;
	if ((col->flags & JETK_FIELD_VERSION) && jetk_cursor_replacing(c))
		return JETK_ERR_INVALID_COLUMN_TYPE;
	if (grbit & JETK_SET_REVERT_TO_DEFAULT)
		return jetk_cursor_cb_put(c, columnid, NULL, 0);

	ret = jetk_rec_parse(&s, c->cb, c->cb_len, &v);
	if (ret)
		return jetk_table_err(ret);
	ret = jetk_rec_count(&s, &v, columnid);
	if (ret < 0)
		return jetk_table_err(ret);
	n = ret;

	/* What the new value is. */
	null = !len && (!(grbit & JETK_SET_ZERO_LENGTH) ||
			columnid <= JETK_FID_FIXED_MAX) &&
	       !(grbit & (JETK_SET_SIZE_LV | JETK_SET_APPEND_LV));
	if (null && (col->flags & JETK_FIELD_NOT_NULL))
		return JETK_ERR_NULL_INVALID;
	if (!null && (grbit & (JETK_SET_APPEND_LV | JETK_SET_OVERWRITE_LV |
			       JETK_SET_SIZE_LV))) {
		if (!lv)
			return JETK_ERR_INVALID_PARAMETER;
		old.flags = JETK_RECV_NULL;
		if (n) {
			ret = jetk_rec_get(&s, &v, columnid,
					   mv && itag ? itag : 1, &old);
			if (ret)
				return jetk_table_err(ret);
		}
		if (col->cb_max && len > col->cb_max)
			return JETK_ERR_COLUMN_TOO_BIG;
		err = jetk_cursor_set_lv_part(c, &old, data, len, grbit,
					      ib_long, &nv, &buf, &lid_le);
		if (err)
			return err;
	} else if (!null) {
		if (size && len != size)
			return JETK_ERR_INVALID_BUFFER_SIZE;
		if (!size && col->cb_max && len > col->cb_max)
			return JETK_ERR_COLUMN_TOO_BIG;
		if (lv && ((grbit & JETK_SET_SEPARATE_LV) ||
			   len > jetk_rec_max_size(s.page_size) / 2)) {
			if (!c->t->has_lv)
				return JETK_ERR_RECORD_TOO_BIG;
			ret = jetk_cursor_new_lv(c, data, len, &lid);
			if (ret)
				return jetk_table_err(ret);
			lid_le = cpu_to_le32(lid);
			nv.data = (const u8 *)&lid_le;
			nv.len = JETK_LID_SIZE;
			nv.flags = JETK_RECV_SEPARATED;
		} else if (len > jetk_rec_max_size(s.page_size)) {
			return JETK_ERR_RECORD_TOO_BIG;
		} else if (!size && columnid <= JETK_FID_FIXED_MAX &&
			   len < col->cb_max) {
			buf = kmalloc(col->cb_max, GFP_KERNEL);
			if (!buf)
				return JETK_ERR_OUT_OF_MEMORY;
			memcpy(buf, data, len);
			jetk_cursor_pad(col, buf, len);
			nv.data = buf;
			nv.len = col->cb_max;
		} else {
			nv.data = data ? data : (const u8 *)"";
			nv.len = len;
		}
	}

	/* The column's values afterwards. */
	vals = kvmalloc_array(n + 1, sizeof(*vals), GFP_KERNEL);
	if (!vals) {
		err = JETK_ERR_OUT_OF_MEMORY;
		goto out;
	}
	for (i = 0; i < n; i++) {
		ret = jetk_rec_get(&s, &v, columnid, i + 1, &vals[i]);
		if (ret) {
			err = jetk_table_err(ret);
			goto out;
		}
	}
	if (!mv) {
		n = 0;
		if (!null)
			vals[n++] = nv;
	} else if (null) {
		if (!itag) {
			n = 0;
		} else if (itag <= n) {
			memmove(&vals[itag - 1], &vals[itag],
				(n - itag) * sizeof(*vals));
			n--;
		}
	} else {
		if (grbit & (JETK_SET_UNIQUE_MULTI_VALUES |
			     JETK_SET_UNIQUE_NORM_MULTI_VALUES)) {
			for (i = 0; i < n; i++) {
				if (itag && i + 1 == itag)
					continue;
				if (vals[i].len == nv.len &&
				    vals[i].flags == nv.flags &&
				    !memcmp(vals[i].data, nv.data, nv.len)) {
					err = JETK_ERR_MULTI_VALUED_DUPLICATE;
					goto out;
				}
			}
		}
		if (itag && itag <= n)
			vals[itag - 1] = nv;
		else
			vals[n++] = nv;
	}
	err = jetk_cursor_cb_put(c, columnid, vals, n);
	/* A long value that made the record too big goes to the LV tree. */
	if (err == JETK_ERR_RECORD_TOO_BIG && lv && !null && c->t->has_lv &&
	    !(nv.flags & JETK_RECV_SEPARATED)) {
		ret = jetk_cursor_new_lv(c, nv.data, nv.len, &lid);
		if (ret) {
			err = jetk_table_err(ret);
			goto out;
		}
		lid_le = cpu_to_le32(lid);
		for (i = 0; i < n; i++) {
			if (vals[i].data != nv.data || vals[i].len != nv.len)
				continue;
			vals[i] = (struct jetk_rec_value){
				.data = (const u8 *)&lid_le,
				.len = JETK_LID_SIZE,
				.flags = JETK_RECV_SEPARATED,
			};
		}
		err = jetk_cursor_cb_put(c, columnid, vals, n);
	}
out:
	kvfree(vals);
	kvfree(buf);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_set);

/*
 * Claim a node for a change of the session's transaction and attach
 * what it is now (left in c->scratch, its length in c->bt.data_len):
 * REPLACE and DELETE need a live record, INSERT none.  On error the claim
 * is taken back.
 */
static int jetk_cursor_claim(struct jetk_cursor *c, const u8 *key,
			     unsigned int len, enum jetk_rce_op op,
			     struct jetk_rce **out)
{
	unsigned int psz = c->d->db.page_size;
	enum jetk_rce_before before;
	struct jetk_rce *rce;
	int err, ret;

	err = jetk_ver_reserve(c->ses, c->t, key, len, op, &rce);
	if (err)
		return err;
	c->bt.data = c->scratch;
	c->bt.data_max = psz;
	ret = jetk_bt_seek_all(&c->t->bt, key, len, JETK_BT_EQ, &c->bt);
	if (!ret && c->bt.data_len > psz)
		ret = -EUCLEAN;
	if (ret && ret != -ENOENT) {
		err = jetk_table_err(ret);
		goto err_cancel;
	}
	if (op == JETK_RCE_INSERT) {
		if (!ret && !(c->bt.flags & JETK_ND_DELETED)) {
			err = JETK_ERR_KEY_DUPLICATE;
			goto err_cancel;
		}
		before = ret ? JETK_BEFORE_ABSENT : JETK_BEFORE_DELETED;
	} else {
		if (ret || (c->bt.flags & JETK_ND_DELETED)) {
			err = JETK_ERR_RECORD_DELETED;
			goto err_cancel;
		}
		before = JETK_BEFORE_LIVE;
	}
	err = jetk_ver_publish(c->ses, rce, before, c->scratch,
			       before == JETK_BEFORE_ABSENT ? 0 :
			       c->bt.data_len);
	if (err)
		goto err_cancel;
	*out = rce;
	return 0;

err_cancel:
	jetk_ver_cancel(c->ses, rce);
	return err;
}

/* Every NOT NULL column has a value (or a default). */
static int jetk_cursor_check_not_null(struct jetk_cursor *c)
{
	struct jetk_rec_schema s;
	struct jetk_rec_view v;
	struct jetk_rec_value val;
	unsigned int i;
	int ret;

	jetk_cursor_schema(c, &s);
	ret = jetk_rec_parse(&s, c->cb, c->cb_len, &v);
	if (ret)
		return jetk_table_err(ret);
	for (i = 0; i < s.ncols; i++) {
		if (!(s.cols[i].flags & JETK_FIELD_NOT_NULL))
			continue;
		ret = jetk_rec_get(&s, &v, s.cols[i].columnid, 1, &val);
		if (ret)
			return jetk_table_err(ret);
		if (val.flags & JETK_RECV_NULL)
			return JETK_ERR_NULL_INVALID;
	}
	return 0;
}

/**
 * jetk_cursor_update() - JetUpdate, JetUpdate2
 * @c: the cursor (inside a call)
 * @grbit: JET_bitUpdate*
 * @bookmark: where the record's bookmark goes, or NULL
 * @bookmark_max: room there
 * @bookmark_len: out: the bookmark's length
 *
 * Return: a JET_ERR.  After an insert the cursor stays where it was.
 */
int jetk_cursor_update(struct jetk_cursor *c, u32 grbit, u8 *bookmark,
		       u32 bookmark_max, u32 *bookmark_len)
{
	struct jetk_session *ses = c->ses;
	struct jetk_rce *rce = NULL, *del = NULL;
	u32 *old = NULL, *cur = NULL, dbk;
	unsigned int nold = 0, ncur = 0;
	struct jetk_key *k;
	bool insert, sub = false;
	int err = 0, ret;

	*bookmark_len = 0;
	if (grbit & ~0x7U)
		return JETK_ERR_INVALID_GRBIT;
	if (c->prep == JETK_PREP_NONE)
		return JETK_ERR_UPDATE_NOT_PREPARED;
	insert = !jetk_cursor_replacing(c);
	err = jetk_cursor_check_not_null(c);
	if (err)
		return err;
	k = kmalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return JETK_ERR_OUT_OF_MEMORY;
	if (c->t->has_primary) {
		err = jetk_cursor_key_of(c, c->cb, c->cb_len, k);
		if (err)
			goto out;
	} else if (insert) {
		ret = jetk_cursor_next_dbk(c, &dbk);
		if (ret) {
			err = jetk_table_err(ret);
			goto out;
		}
		jetk_key_init(k, 4);
		put_unaligned_be32(dbk, k->buf);
		k->len = 4;
	} else {
		memcpy(k->buf, c->cb_key, c->cb_key_len);
		k->len = c->cb_key_len;
	}
	if (bookmark && bookmark_max < k->len) {
		*bookmark_len = k->len;
		err = JETK_ERR_BUFFER_TOO_SMALL;
		goto out;
	}
	if (!insert && jetk_key_cmp(k->buf, k->len, c->cb_key, c->cb_key_len)) {
		err = JETK_ERR_RECORD_PRIMARY_CHANGED;
		goto out;
	}
	/* Long values are only where the table has its LV tree. */
	ret = c->t->has_lv ? jetk_cursor_lids(c, c->cb, c->cb_len, &cur,
					      &ncur) : 0;
	if (ret) {
		err = jetk_table_err(ret);
		goto out;
	}
	err = jetk_trx_sub_begin(ses);
	if (err)
		goto out;
	sub = true;

	/* The original a replace or a move changes: claimed, imaged. */
	if (!insert || c->prep == JETK_PREP_INSERT_COPY_DELETE_ORIGINAL) {
		struct jetk_rce *r;

		err = jetk_cursor_claim(c, c->cb_key, c->cb_key_len,
					insert ? JETK_RCE_DELETE :
					JETK_RCE_REPLACE, &r);
		if (err)
			goto out;
		if (insert)
			del = r;
		else
			rce = r;
		ret = c->t->has_lv ? jetk_cursor_lids(c, c->scratch,
						      c->bt.data_len, &old,
						      &nold) : 0;
		if (ret) {
			err = jetk_table_err(ret);
			goto out;
		}
	}
	if (insert) {
		err = jetk_cursor_claim(c, k->buf, k->len, JETK_RCE_INSERT,
					&rce);
		if (err)
			goto out;
		ret = jetk_bt_insert(&c->t->bt, k->buf, k->len, c->cb,
				     c->cb_len);
		if (ret == -EEXIST)
			err = JETK_ERR_KEY_DUPLICATE;
		else if (ret)
			err = jetk_table_err(ret);
	} else {
		ret = jetk_bt_replace(&c->t->bt, k->buf, k->len, c->cb,
				      c->cb_len);
		if (ret == -ENOENT)
			err = JETK_ERR_RECORD_DELETED;
		else if (ret)
			err = jetk_table_err(ret);
	}
	if (err)
		goto out;
	if (del) {
		ret = jetk_bt_set_flags(&c->t->bt, c->cb_key, c->cb_key_len,
					JETK_ND_DELETED);
		if (ret) {
			err = jetk_table_err(ret);
			goto out;
		}
		if (c->state == JETK_CUR_ON &&
		    !jetk_key_cmp(c->key, c->key_len, c->cb_key,
				  c->cb_key_len))
			c->state = JETK_CUR_DELETED;
		/* The move's delete lets go of the original's values; the
		 * copy takes its own references.
		 */
		jetk_cursor_settle_lvs(c, rce, NULL, 0, cur, ncur);
		jetk_ver_set_lids(del, NULL, 0, old, nold);
		old = NULL;
	} else {
		jetk_cursor_settle_lvs(c, rce, old, nold, cur, ncur);
	}
	if (bookmark)
		memcpy(bookmark, k->buf, k->len);
	*bookmark_len = k->len;
	c->prep = JETK_PREP_NONE;
	c->rec_valid = false;
out:
	/* A failed claim already took its RCE back; the rest roll back. */
	if (sub)
		jetk_trx_sub_end(ses, err);
	kvfree(old);
	kvfree(cur);
	kfree(k);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_update);

/**
 * jetk_cursor_delete() - JetDelete
 * @c: the cursor (inside a call)
 *
 * Return: a JET_ERR.  The cursor stays on the gap: moving from it works,
 * reading it is JET_errRecordDeleted.
 */
int jetk_cursor_delete(struct jetk_cursor *c)
{
	struct jetk_rce *rce;
	unsigned int n = 0;
	u32 *lids = NULL;
	int err, ret;

	if (c->prep == JETK_PREP_INSERT_COPY_DELETE_ORIGINAL)
		return JETK_ERR_ALREADY_PREPARED;
	if (c->readonly || c->t->has_secondary || c->t->space_ro)
		return JETK_ERR_PERMISSION_DENIED;
	if (c->state == JETK_CUR_DELETED)
		return JETK_ERR_RECORD_DELETED;
	if (c->state != JETK_CUR_ON)
		return JETK_ERR_NO_CURRENT_RECORD;
	if (c->prep != JETK_PREP_NONE) {
		jetk_cursor_drop_new(c);
		c->prep = JETK_PREP_NONE;
	}
	err = jetk_cursor_load(c);
	if (err)
		return err;
	err = jetk_trx_sub_begin(c->ses);
	if (err)
		return err;
	err = jetk_cursor_claim(c, c->key, c->key_len, JETK_RCE_DELETE, &rce);
	if (err)
		goto out;
	ret = c->t->has_lv ? jetk_cursor_lids(c, c->scratch, c->bt.data_len,
					      &lids, &n) : 0;
	if (!ret)
		ret = jetk_bt_set_flags(&c->t->bt, c->key, c->key_len,
					JETK_ND_DELETED);
	if (ret) {
		kvfree(lids);
		err = ret == -ENOENT ? JETK_ERR_RECORD_DELETED :
		      jetk_table_err(ret);
		goto out;
	}
	/* The record's long values go when nobody can see it any more. */
	jetk_ver_set_lids(rce, NULL, 0, lids, n);
	c->state = JETK_CUR_DELETED;
	c->rec_valid = false;
out:
	jetk_trx_sub_end(c->ses, err);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_delete);

/* ---------------------------------------------------------- retrieval */

/**
 * jetk_cursor_retrieve() - JetRetrieveColumn: one value
 * @c: the cursor (inside a call)
 * @columnid: the column
 * @grbit: JET_bitRetrieve*
 * @ib_long: offset into a long value
 * @itag: which value (1-based); 0 asks for the number of values
 * @r: the value
 *
 * Return: 0, JET_wrnColumnNull, or an error.  The caller reports
 * JET_wrnBufferTruncated when its buffer is shorter than @r->len.
 */
int jetk_cursor_retrieve(struct jetk_cursor *c, u32 columnid, u32 grbit,
			 u32 ib_long, u32 itag, struct jetk_retrieved *r)
{
	struct jetk_rec_schema s;
	struct jetk_rec_view v;
	struct jetk_rec_value val;
	const u8 *rec;
	unsigned int len;
	int err, ret, ci;

	memset(r, 0, sizeof(*r));
	if (grbit & ~JETK_RETRIEVE_VALID)
		return JETK_ERR_INVALID_GRBIT;
	ci = jetk_table_column_by_id(c->t, columnid);
	if (ci < 0)
		return JETK_ERR_COLUMN_NOT_FOUND;
	if ((grbit & JETK_RETRIEVE_COPY) && c->prep != JETK_PREP_NONE) {
		rec = c->cb;
		len = c->cb_len;
	} else {
		err = jetk_cursor_load(c);
		if (err)
			return err;
		rec = c->rec;
		len = c->rec_len;
	}
	jetk_cursor_schema(c, &s);
	ret = jetk_rec_parse(&s, rec, len, &v);
	if (ret)
		return jetk_table_err(ret);
	ret = jetk_rec_count(&s, &v, columnid);
	if (ret < 0)
		return jetk_table_err(ret);
	r->count = ret;
	if (!itag) {
		/* The count asked for; a column with a default has one. */
		if (!r->count && s.cols[ci].def &&
		    !(grbit & JETK_RETRIEVE_IGNORE_DEFAULT))
			r->count = 1;
		return 0;
	}
	ret = jetk_rec_get(&s, &v, columnid, itag, &val);
	if (ret)
		return jetk_table_err(ret);
	if ((val.flags & JETK_RECV_DEFAULT) &&
	    (grbit & JETK_RETRIEVE_IGNORE_DEFAULT))
		val.flags = JETK_RECV_NULL;
	if (val.flags & JETK_RECV_NULL)
		return JETK_WRN_COLUMN_NULL;
	if ((val.flags & JETK_RECV_COMPRESSED) &&
	    !(val.flags & JETK_RECV_SEPARATED)) {
		/* Intrinsic and compressed: uncompressed into c->plain. */
		u32 size;

		ret = jetk_decompressed_size(val.data, val.len, &size);
		if (!ret && size > c->plain_max) {
			kvfree(c->plain);
			c->plain = kvmalloc(size, GFP_KERNEL);
			c->plain_max = c->plain ? size : 0;
			if (!c->plain)
				ret = -ENOMEM;
		}
		if (!ret)
			ret = jetk_decompress(val.data, val.len, c->plain, size);
		if (ret)
			return jetk_table_err(ret);
		val.data = c->plain;
		val.len = size;
		val.flags &= ~JETK_RECV_COMPRESSED;
	}
	if (val.flags & JETK_RECV_SEPARATED) {
		u32 size;

		if (val.len != JETK_LID_SIZE)
			return JETK_ERR_FEATURE_NOT_AVAILABLE;
		r->lid = get_unaligned_le32(val.data);
		ret = jetk_lv_size(c->t, r->lid, &size);
		if (ret)
			return ret == -ENOENT ? JETK_ERR_DATABASE_CORRUPTED :
			       jetk_table_err(ret);
		r->off = min(ib_long, size);
		r->len = size - r->off;
		r->full = r->len;
		return 0;
	}
	if (columnid >= JETK_FID_TAGGED_FIRST &&
	    (s.cols[ci].coltyp == JETK_COLTYP_LONG_TEXT ||
	     s.cols[ci].coltyp == JETK_COLTYP_LONG_BINARY)) {
		ib_long = min(ib_long, val.len);
		val.data += ib_long;
		val.len -= ib_long;
	}
	r->data = val.data;
	r->len = val.len;
	r->full = val.len;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_retrieve);

/* ---------------------------------------------------------- movement */

static int jetk_cursor_step(struct jetk_cursor *c, bool forward)
{
	enum jetk_bt_seek how;
	const u8 *key = c->key;
	unsigned int len = c->key_len;
	int ret;

	switch (c->state) {
	case JETK_CUR_BEFORE_FIRST:
		if (!forward)
			return JETK_ERR_NO_CURRENT_RECORD;
		how = JETK_BT_FIRST;
		key = NULL;
		len = 0;
		break;
	case JETK_CUR_AFTER_LAST:
		if (forward)
			return JETK_ERR_NO_CURRENT_RECORD;
		how = JETK_BT_LAST;
		key = NULL;
		len = 0;
		break;
	default:
		how = forward ? JETK_BT_GT : JETK_BT_LT;
	}
	ret = jetk_cursor_seek_bt(c, key, len, how);
	if (ret == -ENOENT) {
		c->state = forward ? JETK_CUR_AFTER_LAST :
			   JETK_CUR_BEFORE_FIRST;
		return JETK_ERR_NO_CURRENT_RECORD;
	}
	if (ret)
		return jetk_table_err(ret);
	jetk_cursor_at(c);
	return 0;
}

/**
 * jetk_cursor_move() - JetMove
 * @c: the cursor (inside a call)
 * @rows: JET_MoveFirst (S32_MIN), JET_MoveLast (S32_MAX), or a count
 * @grbit: JET_bitMoveKeyNE
 *
 * Return: a JET_ERR: JET_errNoCurrentRecord past either end.
 */
int jetk_cursor_move(struct jetk_cursor *c, s64 rows, u32 grbit)
{
	int err = 0, ret;

	if (grbit & ~JETK_MOVE_KEY_NE)
		return JETK_ERR_INVALID_GRBIT;
	if (rows == JETK_MOVE_FIRST || rows == JETK_MOVE_LAST) {
		bool first = rows == JETK_MOVE_FIRST;

		ret = jetk_cursor_seek_bt(c, NULL, 0, first ? JETK_BT_FIRST :
					  JETK_BT_LAST);
		if (ret == -ENOENT) {
			c->state = JETK_CUR_BEFORE_FIRST;
			return JETK_ERR_NO_CURRENT_RECORD;
		}
		if (ret)
			return jetk_table_err(ret);
		jetk_cursor_at(c);
		return 0;
	}
	if (!rows)
		return jetk_cursor_load(c);
	/* Unique keys: JET_bitMoveKeyNE moves as a plain move. */
	while (rows && !err) {
		err = jetk_cursor_step(c, rows > 0);
		rows += rows > 0 ? -1 : 1;
	}
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_move);

/* Records counted between two looks at the gate. */
#define JETK_COUNT_GATE_EVERY	256

/**
 * jetk_cursor_count() - JetIndexRecordCount
 * @c: the cursor (inside a call), on a record
 * @max: count at most this many (0: no limit)
 * @gate: the instance's gate: a long count polls it and ends after a stop
 * @count: out: the records from the current one forward, itself included
 *
 * The cursor is where it was afterwards.
 *
 * Return: a JET_ERR: JET_errNoCurrentRecord, or
 * JET_errClientRequestToStopJetService when JetStopServiceInstance came
 * during the count.
 */
int jetk_cursor_count(struct jetk_cursor *c, u64 max, struct jetk_gate *gate,
		      u64 *count)
{
	unsigned int key_len = c->key_len;
	u64 n = 0;
	u8 *key;
	int err;

	*count = 0;
	if (c->state != JETK_CUR_ON)
		return JETK_ERR_NO_CURRENT_RECORD;
	key = kmemdup(c->key, key_len, GFP_KERNEL);
	if (!key)
		return JETK_ERR_OUT_OF_MEMORY;
	err = jetk_cursor_load(c);
	while (!err) {
		n++;
		if (max && n >= max)
			break;
		if (!(n % JETK_COUNT_GATE_EVERY)) {
			if (jetk_gate_is_stopped(gate)) {
				err = JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE;
				break;
			}
			cond_resched();
		}
		err = jetk_cursor_step(c, true);
	}
	if (err == JETK_ERR_NO_CURRENT_RECORD)
		err = 0;
	/* Back where it was: the next call finds the record by its key. */
	memcpy(c->key, key, key_len);
	c->key_len = key_len;
	c->state = JETK_CUR_ON;
	c->rec_valid = false;
	kfree(key);
	if (!err)
		*count = n;
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_count);

/**
 * jetk_cursor_make_key() - JetMakeKey
 * @c: the cursor (inside a call)
 * @data: the next key column's value, or the whole normalised key
 * @len: its length
 * @grbit: JET_bitNewKey and friends
 *
 * Return: a JET_ERR.
 */
int jetk_cursor_make_key(struct jetk_cursor *c, const u8 *data, u32 len,
			 u32 grbit)
{
	const struct jetk_table_index *ix = &c->t->primary;
	const struct jetk_rec_col *col;
	unsigned int opts, limit;
	int ci, ret;

	if (grbit & ~JETK_MK_VALID)
		return JETK_ERR_INVALID_GRBIT;
	limit = grbit & (JETK_MK_STR_LIMIT | JETK_MK_SUBSTR_LIMIT |
			 JETK_MK_FULL_COLUMN_START_LIMIT |
			 JETK_MK_FULL_COLUMN_END_LIMIT |
			 JETK_MK_PARTIAL_COLUMN_START |
			 JETK_MK_PARTIAL_COLUMN_END);
	if (hweight32(limit) > 1)
		return JETK_ERR_INVALID_GRBIT;
	if (grbit & JETK_MK_NEW_KEY) {
		jetk_key_init(&c->sk, c->t->has_primary ? ix->key_most : 4);
		c->sk_segs = 0;
		c->sk_made = false;
	} else if (!c->sk_made) {
		return JETK_ERR_KEY_NOT_MADE;
	}
	if (grbit & JETK_MK_NORMALIZED_KEY) {
		if (len > c->sk.max)
			return JETK_ERR_INVALID_BUFFER_SIZE;
		memcpy(c->sk.buf, data, len);
		c->sk.len = len;
		c->sk_segs = c->t->has_primary ? ix->nsegs : 1;
		c->sk_made = true;
		return 0;
	}
	if (!c->t->has_primary) {
		/* The sequential index: its one "column" is the record number. */
		if (c->sk_segs)
			return JETK_ERR_KEY_IS_MADE;
		if (len != 4)
			return JETK_ERR_INVALID_BUFFER_SIZE;
		put_unaligned_be32(get_unaligned_le32(data), c->sk.buf);
		c->sk.len = 4;
		c->sk_segs = 1;
		c->sk_made = true;
		return 0;
	}
	if (c->sk_segs >= ix->nsegs)
		return JETK_ERR_KEY_IS_MADE;
	ci = jetk_table_column_by_id(c->t, ix->seg_col[c->sk_segs]);
	if (ci < 0)
		return JETK_ERR_DATABASE_CORRUPTED;
	col = &c->t->cols[ci];
	opts = ix->seg_opts[c->sk_segs];
	if (col->columnid <= JETK_FID_FIXED_MAX)
		opts |= JETK_KEYSEG_FIXED;
	if (!len && !(grbit & JETK_MK_KEY_DATA_ZERO_LENGTH)) {
		ret = jetk_key_add_null(&c->sk, opts);
	} else {
		u32 size = jetk_coltyp_fixed_size(col->coltyp);

		if (size && len != size)
			return JETK_ERR_INVALID_BUFFER_SIZE;
		ret = jetk_key_add(&c->sk, col->coltyp, col->cp,
				   data ? data : (const u8 *)"", len, opts);
	}
	if (ret)
		return ret == -EOPNOTSUPP ? JETK_ERR_FEATURE_NOT_AVAILABLE :
		       JETK_ERR_INVALID_PARAMETER;
	/* SubStrLimit: a prefix of the text, so drop its terminator. */
	if ((grbit & JETK_MK_SUBSTR_LIMIT) && c->sk.len &&
	    (col->coltyp == JETK_COLTYP_TEXT ||
	     col->coltyp == JETK_COLTYP_LONG_TEXT))
		c->sk.len--;
	/* End limits sort after every key with this prefix. */
	if (grbit & (JETK_MK_STR_LIMIT | JETK_MK_SUBSTR_LIMIT |
		     JETK_MK_FULL_COLUMN_END_LIMIT |
		     JETK_MK_PARTIAL_COLUMN_END)) {
		if (c->sk.len < c->sk.max)
			c->sk.buf[c->sk.len++] = 0xFF;
	}
	c->sk_segs++;
	c->sk_made = true;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_make_key);

static bool jetk_cursor_key_prefix(const struct jetk_cursor *c)
{
	return c->bt.key_len >= c->sk.len &&
	       !memcmp(c->bt.key, c->sk.buf, c->sk.len);
}

/**
 * jetk_cursor_seek() - JetSeek
 * @c: the cursor (inside a call)
 * @grbit: one of JET_bitSeekEQ, LT, LE, GE, GT
 *
 * A key made of fewer columns than the index has matches the records
 * whose keys begin with it.  The key is used up.
 *
 * Return: 0, JET_wrnSeekNotEqual, or an error: JET_errKeyNotMade,
 * JET_errRecordNotFound.
 */
int jetk_cursor_seek(struct jetk_cursor *c, u32 grbit)
{
	u32 how = grbit & 0x1FU;
	enum jetk_bt_seek bt;
	int ret, err = 0;

	if ((grbit & ~0x7FU) || hweight32(how) != 1)
		return JETK_ERR_INVALID_GRBIT;
	if (grbit & 0x60U)	/* SetIndexRange, CheckUniqueness */
		return JETK_ERR_FEATURE_NOT_AVAILABLE;
	if (!c->sk_made)
		return JETK_ERR_KEY_NOT_MADE;
	switch (how) {
	case JETK_SEEK_EQ:
	case JETK_SEEK_GE:
		bt = JETK_BT_GE;
		break;
	case JETK_SEEK_GT:
		bt = JETK_BT_GT;
		break;
	case JETK_SEEK_LE:
		bt = JETK_BT_LE;
		break;
	default:
		bt = JETK_BT_LT;
		break;
	}
	ret = jetk_cursor_seek_bt(c, c->sk.buf, c->sk.len, bt);
	/* LE with a prefix: the last record starting with it. */
	if (how == JETK_SEEK_LE && !ret && !jetk_cursor_key_prefix(c)) {
		u8 *lim = kmalloc(JETK_KEY_MOST_MOST + 1, GFP_KERNEL);

		if (!lim) {
			ret = -ENOMEM;
		} else {
			memcpy(lim, c->sk.buf, c->sk.len);
			lim[c->sk.len] = 0xFF;
			ret = jetk_cursor_seek_bt(c, lim, c->sk.len + 1,
						  JETK_BT_LE);
			kfree(lim);
		}
	}
	c->sk_made = false;
	if (ret == -ENOENT) {
		c->state = JETK_CUR_BEFORE_FIRST;
		return JETK_ERR_RECORD_NOT_FOUND;
	}
	if (ret)
		return jetk_table_err(ret);
	if (how == JETK_SEEK_EQ && !jetk_cursor_key_prefix(c)) {
		c->state = JETK_CUR_BEFORE_FIRST;
		return JETK_ERR_RECORD_NOT_FOUND;
	}
	if ((how == JETK_SEEK_GE || how == JETK_SEEK_LE) &&
	    !jetk_cursor_key_prefix(c))
		err = JETK_WRN_SEEK_NOT_EQUAL;
	jetk_cursor_at(c);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_seek);

/* ------------------------------------------------------------- escrow */

#define JETK_ESCROW_NO_ROLLBACK	0x1U

/**
 * jetk_cursor_escrow() - JetEscrowUpdate
 * @c: the cursor (inside a call)
 * @columnid: a fixed escrow column
 * @delta: the value to add (kernel copy)
 * @delta_len: its size: the column's
 * @grbit: JET_bitEscrowNoRollback or 0
 * @old: out: the value before (8 bytes of room)
 * @old_len: out: its size
 *
 * Deltas of different transactions commute: they do not conflict, and
 * each snapshot sees only the deltas it may see.  The record is changed
 * under the table's escrow lock, so concurrent deltas add up.
 *
 * Return: a JET_ERR.
 */
int jetk_cursor_escrow(struct jetk_cursor *c, u32 columnid, const u8 *delta,
		       u32 delta_len, u32 grbit, u8 *old, u32 *old_len)
{
	struct jetk_session *ses = c->ses;
	struct jetk_table *t = c->t;
	unsigned int psz = c->d->db.page_size, len;
	const struct jetk_rec_col *col;
	struct jetk_rec_schema s;
	struct jetk_rec_view v;
	struct jetk_rec_value val;
	struct jetk_rce *rce = NULL;
	u8 width, now[8] = {};
	s64 d;
	__le64 sum;
	int ci, err, ret;

	*old_len = 0;
	if (grbit & ~JETK_ESCROW_NO_ROLLBACK)
		return JETK_ERR_INVALID_GRBIT;
	if (!ses->level)
		return JETK_ERR_NOT_IN_TRANSACTION;
	ci = jetk_table_column_by_id(t, columnid);
	if (ci < 0)
		return JETK_ERR_COLUMN_NOT_FOUND;
	jetk_cursor_schema(c, &s);
	col = &s.cols[ci];
	if (!(col->flags & JETK_FIELD_ESCROW_UPDATE) ||
	    columnid > JETK_FID_FIXED_MAX)
		return JETK_ERR_INVALID_OPERATION;
	width = jetk_coltyp_fixed_size(col->coltyp);
	if (width != 4 && width != 8)
		return JETK_ERR_INVALID_OPERATION;
	if (delta_len != width)
		return JETK_ERR_INVALID_BUFFER_SIZE;
	if (c->prep != JETK_PREP_NONE)
		return JETK_ERR_ALREADY_PREPARED;
	if (c->readonly || t->has_secondary || t->space_ro)
		return JETK_ERR_PERMISSION_DENIED;
	err = jetk_cursor_load(c);
	if (err)
		return err;
	d = width == 4 ? (s64)(s32)get_unaligned_le32(delta) :
	    (s64)get_unaligned_le64(delta);

	err = jetk_trx_sub_begin(ses);
	if (err)
		return err;
	if (!(grbit & JETK_ESCROW_NO_ROLLBACK)) {
		err = jetk_ver_reserve(ses, t, c->key, c->key_len,
				       JETK_RCE_ESCROW, &rce);
		if (err)
			goto out;
	}
	mutex_lock(&t->escrow_lock);
	c->bt.data = c->scratch;
	c->bt.data_max = psz;
	ret = jetk_bt_seek(&t->bt, c->key, c->key_len, JETK_BT_EQ, &c->bt);
	if (!ret && c->bt.data_len > psz)
		ret = -EUCLEAN;
	if (!ret)
		ret = jetk_rec_parse(&s, c->scratch, c->bt.data_len, &v);
	if (!ret)
		ret = jetk_rec_get(&s, &v, columnid, 1, &val);
	if (!ret && !(val.flags & JETK_RECV_NULL) && val.len != width)
		ret = -EUCLEAN;
	if (ret) {
		err = ret == -ENOENT ? JETK_ERR_RECORD_DELETED :
		      jetk_table_err(ret);
		goto out_unlock;
	}
	if (!(val.flags & JETK_RECV_NULL))
		memcpy(now, val.data, width);
	sum = cpu_to_le64((width == 4 ?
			   (u64)(s64)(s32)get_unaligned_le32(now) :
			   get_unaligned_le64(now)) + (u64)d);
	val = (struct jetk_rec_value){ .data = (u8 *)&sum, .len = width };
	ret = jetk_rec_rebuild(&s, c->scratch, c->bt.data_len, columnid, &val,
			       1, c->cb, psz, &len);
	if (ret) {
		err = jetk_table_err(ret);
		goto out_unlock;
	}
	/*
	 * Readers subtract the delta from here on, so until the record
	 * holds it they must not look (jetk_ver_seq()): the sequence is odd
	 * meanwhile.
	 */
	atomic_inc(&t->escrow_seq);
	/* Odd before the delta shows (pairs with jetk_ver_seq()). */
	smp_mb__after_atomic();
	if (rce)
		jetk_ver_set_escrow(ses, rce, columnid, width, d);
	ret = jetk_bt_replace(&t->bt, c->key, c->key_len, c->cb, len);
	/* The record and the store before even (jetk_ver_seq_changed()). */
	smp_mb__before_atomic();
	atomic_inc(&t->escrow_seq);
	if (ret)
		err = jetk_table_err(ret);
out_unlock:
	mutex_unlock(&t->escrow_lock);
	if (!err) {
		memcpy(old, now, width);
		*old_len = width;
		c->rec_valid = false;
	}
out:
	jetk_trx_sub_end(ses, err);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_escrow);

/**
 * jetk_cursor_lock() - JetGetLock
 * @c: the cursor (inside a call)
 * @grbit: JET_bitReadLock or JET_bitWriteLock
 *
 * The lock is an RCE that changes nothing: read locks share, anything
 * else conflicts.  It goes at the level-0 commit or the rollback.
 *
 * Return: a JET_ERR.
 */
int jetk_cursor_lock(struct jetk_cursor *c, u32 grbit)
{
	struct jetk_rce *rce;
	int err;

	if (grbit != 0x1 && grbit != 0x2)
		return JETK_ERR_INVALID_GRBIT;
	if (!c->ses->level)
		return JETK_ERR_NOT_IN_TRANSACTION;
	err = jetk_cursor_load(c);
	if (err)
		return err;
	return jetk_ver_reserve(c->ses, c->t, c->key, c->key_len,
				grbit == 0x1 ? JETK_RCE_READ_LOCK :
				JETK_RCE_WRITE_LOCK, &rce);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cursor_lock);
