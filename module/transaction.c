// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transactions (ref/ese-api.md 4.7): JetBeginTransaction(2, 3),
 * JetCommitTransaction(2) and JetRollback over the version store
 * (verstore.h), and the internal levels that make each update, delete
 * and escrow update whole or nothing.
 *
 * A session's transaction state (ses->level, ses->trx, ses->rces) is
 * touched only by calls inside the session (one at a time), and by its
 * end once no call can enter it.  The level-0 begin opens a snapshot on
 * the store; the level-0 commit closes it and stamps the transaction's
 * commit time, after which its RCEs belong to the store; a rollback
 * undoes the level's RCEs newest first.
 *
 * Durability (wal.h): a level-0 commit is durable when JetCommitTransaction
 * returns, unless JET_bitCommitLazyFlush made it lazy (durable within
 * JETK_WAL_LAZY_MS).  A change made outside a transaction commits lazily.
 * JET_bitWaitLastLevel0Commit and JET_bitWaitAllLevel0Commit make every
 * commit so far durable.  Without a log (JET_paramRecovery "off") a commit
 * is as durable as the pages the cache writes back.
 */
#include <linux/slab.h>

#include "btree.h"
#include "cache.h"
#include "cursor.h"
#include "db.h"
#include "jeterr.h"
#include "jetk.h"
#include "lv.h"
#include "table.h"
#include "verstore.h"
#include "wal.h"

/* JetCommitTransaction grbits */
#define JETK_COMMIT_LAZY_FLUSH		0x01U
#define JETK_COMMIT_WAIT_LAST_LEVEL0	0x02U
#define JETK_COMMIT_WAIT_ALL_LEVEL0	0x08U
#define JETK_COMMIT_FORCE_NEW_LOG	0x10U
#define JETK_COMMIT_REDO_CALLBACK	0x20U
#define JETK_COMMIT_VALID		0x3BU
#define JETK_COMMIT_ALONE		(JETK_COMMIT_WAIT_LAST_LEVEL0 | \
					 JETK_COMMIT_WAIT_ALL_LEVEL0 | \
					 JETK_COMMIT_FORCE_NEW_LOG)

#define JETK_BEGIN_READ_ONLY		0x01U
#define JETK_ROLLBACK_ALL		0x01U
#define JETK_ROLLBACK_REDO_CALLBACK	0x20U

/* Internal levels nest one deeper than the API allows. */
#define JETK_TRX_LEVEL_INTERNAL		(JETK_TRX_LEVEL_MAX + 1)

/**
 * jetk_trx_begin() - JetBeginTransaction(2, 3)
 * @ses: the session (a call is inside it)
 * @grbit: JET_bitTransactionReadOnly; other bits are ignored, as in ESE
 *
 * JetBeginTransaction3's trxid is only a caller's tag in ESE (for its
 * traces): jetk accepts it and keeps nothing of it.
 *
 * Return: a JET_ERR: JET_errTransTooDeep past JET_levelMost.
 */
int jetk_trx_begin(struct jetk_session *ses, u32 grbit)
{
	if (ses->level >= JETK_TRX_LEVEL_MAX)
		return JETK_ERR_TRANS_TOO_DEEP;
	if (ses->level) {
		WRITE_ONCE(ses->level, ses->level + 1);
		return 0;
	}
	return jetk_ver_trx_start(ses, grbit & JETK_BEGIN_READ_ONLY);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_trx_begin);

/* Commit the innermost level. */
static s64 jetk_trx_commit_level(struct jetk_session *ses, bool lazy)
{
	struct jetk_rce *rce;

	jetk_cursor_commit_level(ses, ses->level);
	if (ses->level == 1) {
		jetk_wal_commit(ses, lazy);
		return jetk_ver_trx_commit(ses);
	}
	/* Into the level below: the RCEs are its now. */
	list_for_each_entry(rce, &ses->rces, ses_node) {
		if (rce->level < ses->level)
			break;
		rce->level = ses->level - 1;
	}
	WRITE_ONCE(ses->level, ses->level - 1);
	return 0;
}

/**
 * jetk_trx_commit() - JetCommitTransaction(2)
 * @ses: the session (a call is inside it)
 * @grbit: JET_bitCommit*
 * @cmsec: JetCommitTransaction2's cmsecDurableCommit
 * @commit_id: out: the level-0 commit's time, else 0
 *
 * Return: a JET_ERR.
 */
int jetk_trx_commit(struct jetk_session *ses, u32 grbit, u32 cmsec,
		    s64 *commit_id)
{
	*commit_id = 0;
	if (grbit & ~JETK_COMMIT_VALID)
		return JETK_ERR_INVALID_GRBIT;
	if (grbit & JETK_COMMIT_ALONE) {
		/* The caller makes every commit so far durable (wal.h). */
		if (hweight32(grbit) != 1)
			return JETK_ERR_INVALID_GRBIT;
		return 0;
	}
	if (cmsec && !(grbit & JETK_COMMIT_LAZY_FLUSH))
		return JETK_ERR_INVALID_PARAMETER;
	if (!ses->level)
		return JETK_ERR_NOT_IN_TRANSACTION;
	*commit_id = jetk_trx_commit_level(ses,
					   grbit & JETK_COMMIT_LAZY_FLUSH);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_trx_commit);

/* ---------------------------------------------------------------- undo */

/**
 * jetk_trx_escrow_subtract() - put an escrow column back: subtract the
 *	delta from the record now
 * @t: the table
 * @key: the record's key
 * @key_len: its length
 * @columnid: the escrow column
 * @width: its size
 * @delta: the value the change added
 * @ses: a rollback: the session whose RCE @rce the delta was, or NULL
 * @rce: the RCE, taken out of the store together with the delta (a
 *	reader must never see the record without the delta while the RCE
 *	still tells it to subtract: the table's escrow_seq is odd between)
 *
 * Return: 0 or a negative errno.
 */
int jetk_trx_escrow_subtract(struct jetk_table *t, const u8 *key,
			     unsigned int key_len, u32 columnid, u8 width,
			     s64 delta, struct jetk_session *ses,
			     struct jetk_rce *rce)
{
	unsigned int psz = t->db->page_size;
	struct jetk_bt_rec *r;
	u8 *buf;
	int ret;

	r = kmalloc(sizeof(*r), GFP_KERNEL);
	buf = kvmalloc(psz, GFP_KERNEL);
	if (!r || !buf) {
		ret = -ENOMEM;
		goto out;
	}
	down_read(&t->ddl);
	mutex_lock(&t->escrow_lock);
	atomic_inc(&t->escrow_seq);
	/* Odd before the delta shows (pairs with jetk_ver_seq()). */
	smp_mb__after_atomic();
	r->data = buf;
	r->data_max = psz;
	ret = jetk_bt_seek_all(&t->bt, key, key_len, JETK_BT_EQ, r);
	if (!ret && r->data_len > psz)
		ret = -EUCLEAN;
	if (!ret) {
		jetk_ver_apply_escrow(t, buf, r->data_len, columnid, width,
				      -delta);
		ret = jetk_bt_replace(&t->bt, key, key_len, buf, r->data_len);
	}
	if (rce)
		jetk_ver_cancel(ses, rce);
	/* The record and the store before even (jetk_ver_seq_changed()). */
	smp_mb__before_atomic();
	atomic_inc(&t->escrow_seq);
	mutex_unlock(&t->escrow_lock);
	up_read(&t->ddl);
out:
	if (rce && (!r || !buf))
		jetk_ver_cancel(ses, rce);
	kvfree(buf);
	kfree(r);
	return ret;
}

/*
 * Undo one RCE of the session: make its node what it was before, and
 * take the RCE out of the store.  A failure (an I/O error, or no page for
 * a record that grew back) is reported and counted; the transaction
 * still ends.
 */
static void jetk_trx_undo(struct jetk_session *ses, struct jetk_rce *rce)
{
	struct jetk_verstore *vs = &ses->inst->vs;
	struct jetk_table *t = rce->t;
	const u8 *key = rce->vn ? rce->vn->key : NULL;
	unsigned int key_len = rce->vn ? rce->vn->key_len : 0, i;
	bool alone;
	int ret = 0;

	switch (rce->op) {
	case JETK_RCE_INSERT:
		if (rce->pending)
			break;
		spin_lock(&vs->lock);
		alone = list_is_last(&rce->chain, &rce->vn->rces);
		spin_unlock(&vs->lock);
		if (rce->before == JETK_BEFORE_ABSENT || alone) {
			ret = jetk_bt_delete(&t->bt, key, key_len);
			if (ret == -ENOENT)
				ret = 0;
		} else {
			ret = jetk_bt_restore(&t->bt, key, key_len, rce->img,
					      rce->img_len, JETK_ND_DELETED);
		}
		break;
	case JETK_RCE_REPLACE:
	case JETK_RCE_DELETE:
		if (!rce->pending)
			ret = jetk_bt_restore(&t->bt, key, key_len, rce->img,
					      rce->img_len, 0);
		break;
	case JETK_RCE_ESCROW:
		if (rce->pending)
			break;
		/* No long values: the RCE goes with the delta. */
		ret = jetk_trx_escrow_subtract(t, key, key_len, rce->columnid,
					       rce->width, rce->delta, ses,
					       rce);
		rce = NULL;
		break;
	case JETK_RCE_CREATE_TABLE:
		ret = jetk_table_delete(rce->ddl_db, rce->ddl_name);
		break;
	case JETK_RCE_ADD_COLUMN:
		ret = jetk_table_drop_column(t, rce->ddl_name);
		break;
	case JETK_RCE_DELETE_TABLE:
		jetk_table_delete_unmark(t);
		break;
	default:
		break;
	}
	for (i = 0; rce && i < rce->nadded; i++)
		ret = jetk_lv_deref(t, rce->added[i]) ?: ret;
	if (ret) {
		atomic64_inc(&vs->stats.undo_failures);
		pr_err_ratelimited("jetk: instance %llu: rollback of a change to table %u failed (%d)\n",
				   ses->inst->handle,
				   t ? t->objid : 0, ret);
	}
	/* Readers that looked at the node before this must look again. */
	if (t) {
		atomic_inc(&t->undo_seq);
		/* Pairs with jetk_ver_seq_changed(): the bump before the unlink. */
		smp_mb__after_atomic();
	}
	if (rce)
		jetk_ver_cancel(ses, rce);
}

/* Roll the innermost level back. */
static void jetk_trx_rollback_level(struct jetk_session *ses)
{
	unsigned int level = ses->level;
	struct jetk_rce *rce;
	bool logged = false;

	jetk_cursor_close_level(ses, level);
	while ((rce = list_first_entry_or_null(&ses->rces, struct jetk_rce,
					       ses_node)) &&
	       rce->level >= level) {
		logged |= rce->lseq != 0;
		jetk_trx_undo(ses, rce);
	}
	WRITE_ONCE(ses->level, ses->level - 1);
	/* In the same batch as the undo: recovery undoes it once. */
	jetk_wal_undone(ses, logged, !ses->level);
	if (!ses->level)
		jetk_ver_trx_abort(ses);
}

/**
 * jetk_trx_rollback() - JetRollback
 * @ses: the session (a call is inside it)
 * @grbit: JET_bitRollbackAll or 0
 *
 * Permitted after JetStopServiceInstance.
 *
 * Return: a JET_ERR.
 */
int jetk_trx_rollback(struct jetk_session *ses, u32 grbit)
{
	if (grbit & ~(JETK_ROLLBACK_ALL | JETK_ROLLBACK_REDO_CALLBACK))
		return JETK_ERR_INVALID_GRBIT;
	if (!ses->level)
		return JETK_ERR_NOT_IN_TRANSACTION;
	do {
		jetk_trx_rollback_level(ses);
	} while (ses->level && (grbit & JETK_ROLLBACK_ALL));
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_trx_rollback);

/**
 * jetk_trx_rollback_all() - a session ends: roll back what it left open
 * @ses: the session; no call runs in it
 */
void jetk_trx_rollback_all(struct jetk_session *ses)
{
	if (!ses->level)
		return;
	jetk_wal_op_lock(ses->inst);
	while (ses->level)
		jetk_trx_rollback_level(ses);
	jetk_wal_op_unlock(ses->inst);
}

/**
 * jetk_trx_sub_begin() - open an internal level around one change
 * @ses: the session (a call is inside it)
 *
 * At level 0 this starts the change's own transaction.
 *
 * Return: a JET_ERR.
 */
int jetk_trx_sub_begin(struct jetk_session *ses)
{
	if (!ses->level)
		return jetk_ver_trx_start(ses, false);
	if (ses->level >= JETK_TRX_LEVEL_INTERNAL)
		return JETK_ERR_TRANS_TOO_DEEP;
	WRITE_ONCE(ses->level, ses->level + 1);
	return 0;
}

/**
 * jetk_trx_sub_end() - close the internal level: keep the change or
 *	undo what of it was made
 * @ses: the session
 * @err: the change's status
 */
void jetk_trx_sub_end(struct jetk_session *ses, int err)
{
	if (err < 0)
		jetk_trx_rollback_level(ses);
	else
		jetk_trx_commit_level(ses, true);
}

/**
 * jetk_trx_any_open() - does a session of the instance hold a transaction?
 * @inst: the instance; no call runs in it
 *
 * Return: true when one does (JetTerm refuses: JET_errTooManyActiveUsers).
 */
bool jetk_trx_any_open(struct jetk_instance *inst)
{
	struct jetk_session *ses;
	bool open = false;

	mutex_lock(&inst->lock);
	list_for_each_entry(ses, &inst->session_list, node) {
		if (READ_ONCE(ses->level)) {
			open = true;
			break;
		}
	}
	mutex_unlock(&inst->lock);
	return open;
}

/* ---------------------------------------------------------------- ioctls */

static bool jetk_ioc_trx_args_ok(const struct jetk_transaction *a)
{
	return JETK_RESERVED_ZERO(a) && !a->level && !a->commit_id;
}

int jetk_ioc_begin_transaction(struct jetk_call *call, void *arg)
{
	struct jetk_transaction *a = arg;

	if (!jetk_ioc_trx_args_ok(a) || a->cmsec_durable_commit)
		return -EINVAL;
	a->err = jetk_call_enter_session(call, a->sesid);
	if (a->err)
		return 0;
	a->err = jetk_trx_begin(call->ses, a->grbit);
	a->level = call->ses->level;
	jetk_call_exit(call);
	return 0;
}

int jetk_ioc_commit_transaction(struct jetk_call *call, void *arg)
{
	struct jetk_transaction *a = arg;
	s64 id;

	if (!jetk_ioc_trx_args_ok(a) || a->trxid)
		return -EINVAL;
	a->err = jetk_call_enter_session(call, a->sesid);
	if (a->err)
		return 0;
	a->err = jetk_trx_commit(call->ses, a->grbit,
				 a->cmsec_durable_commit, &id);
	a->commit_id = id;
	a->level = call->ses->level;
	if (!a->err && call->inst->wal) {
		struct jetk_instance *inst = call->inst;
		u64 lsn = call->ses->wal_lsn;

		/* Outside the op, so that the batch can close. */
		jetk_call_op_end(call);
		if (a->grbit & JETK_COMMIT_ALONE)
			a->err = jetk_wal_sync(inst);
		else if (id && !(a->grbit & JETK_COMMIT_LAZY_FLUSH))
			a->err = jetk_wal_wait(inst, lsn);
		else if (id)
			jetk_wal_lazy(inst);
	}
	jetk_call_exit(call);
	return 0;
}

int jetk_ioc_rollback(struct jetk_call *call, void *arg)
{
	struct jetk_transaction *a = arg;

	if (!jetk_ioc_trx_args_ok(a) || a->trxid || a->cmsec_durable_commit)
		return -EINVAL;
	a->err = jetk_call_enter_session(call, a->sesid);
	if (a->err)
		return 0;
	a->err = jetk_trx_rollback(call->ses, a->grbit);
	a->level = call->ses->level;
	jetk_call_exit(call);
	return 0;
}

/* JetIdle grbits */
#define JETK_IDLE_FLUSH_BUFFERS		0x01U
#define JETK_IDLE_COMPACT		0x02U
#define JETK_IDLE_STATUS		0x04U
#define JETK_IDLE_COMPACT_ASYNC		0x10U
#define JETK_IDLE_AVAIL_BUFFERS_STATUS	0x20U
#define JETK_IDLE_WAIT_FOR_ASYNC	0x40U
#define JETK_IDLE_VALID			0x77U

/**
 * jetk_idle() - JetIdle
 * @inst: the instance (a call is inside it)
 * @grbit: JET_bitIdle* (0: as JET_bitIdleCompact)
 *
 * IdleCompact runs a version-store cleanup pass now; IdleCompactAsync
 * queues one and IdleWaitForAsyncActivity waits for it; IdleFlushBuffers
 * starts the cache's write-back; IdleStatus tells whether the version
 * store is more than three quarters full.
 *
 * Return: 0, JET_wrnNoIdleActivity (a cleanup with nothing to clean),
 * JET_wrnRemainingVersions (versions a snapshot still needs stayed),
 * JET_wrnIdleFull, or JET_errInvalidGrbit.
 */
static int jetk_idle(struct jetk_instance *inst, u32 grbit)
{
	struct jetk_verstore *vs = &inst->vs;
	struct jetk_ver_report r;
	int ret = 0;

	if (grbit & ~JETK_IDLE_VALID)
		return JETK_ERR_INVALID_GRBIT;
	if (!grbit)
		grbit = JETK_IDLE_COMPACT;
	if (grbit & JETK_IDLE_FLUSH_BUFFERS)
		jetk_cache_kick(inst->cache);
	if (grbit & JETK_IDLE_COMPACT_ASYNC)
		jetk_ver_kick(vs);
	if (grbit & JETK_IDLE_WAIT_FOR_ASYNC)
		flush_work(&inst->ver_cleanup_work);
	if (grbit & JETK_IDLE_COMPACT) {
		jetk_ver_report(vs, &r);
		if (!r.live) {
			ret = JETK_WRN_NO_IDLE_ACTIVITY;
		} else {
			jetk_wal_op_lock(inst);
			jetk_ver_cleanup(vs);
			jetk_wal_op_unlock(inst);
			jetk_ver_report(vs, &r);
			if (r.live)
				ret = JETK_WRN_REMAINING_VERSIONS;
		}
	}
	if ((grbit & JETK_IDLE_STATUS) && !ret) {
		jetk_ver_report(vs, &r);
		if (r.bytes > r.max / 4 * 3)
			ret = JETK_WRN_IDLE_FULL;
	}
	return ret;
}

int jetk_ioc_idle(struct jetk_call *call, void *arg)
{
	struct jetk_cursor_op *a = arg;

	if (!JETK_RESERVED_ZERO(a) || a->tableid || a->arg)
		return -EINVAL;
	a->err = jetk_call_enter_session(call, a->sesid);
	if (a->err)
		return 0;
	a->err = jetk_idle(call->inst, a->grbit);
	jetk_call_exit(call);
	return 0;
}
