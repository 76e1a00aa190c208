// SPDX-License-Identifier: GPL-2.0-only
/*
 * The engine's write-ahead logging (see wal.h; records in format.h).
 */
#include <linux/blkdev.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/time.h>
#include <linux/uio.h>

#include "cache.h"
#include "database.h"
#include "db.h"
#include "format.h"
#include "jeterr.h"
#include "jetk.h"
#include "table.h"
#include "verstore.h"
#include "wal.h"

/* The log's in-memory ring: JET_paramLogBuffers sectors, within these. */
#define JETK_WAL_RING_MIN	BIT(20)
#define JETK_WAL_RING_MAX	BIT(24)

static void jetk_wal_checkpoint(struct jetk_wal *wal);

static int jetk_wal_latch(struct jetk_wal *wal, int err)
{
	spin_lock(&wal->lock);
	if (!wal->err)
		wal->err = err;
	err = wal->err;
	spin_unlock(&wal->lock);
	return err;
}

/*
 * A database write failed (the checkpoint could not write its pages or
 * flush them): the instance stops as after a log error, and calls say
 * JET_errDiskIO.
 */
static void jetk_wal_latch_db(struct jetk_wal *wal, int err)
{
	spin_lock(&wal->lock);
	if (!wal->err) {
		wal->err = err;
		wal->err_db = true;
	}
	spin_unlock(&wal->lock);
	pr_err_ratelimited("jetk: instance %llu: a database write failed (%d): the instance is unavailable\n",
			   wal->inst->handle, err);
}

static int jetk_wal_error(struct jetk_wal *wal)
{
	int err;

	spin_lock(&wal->lock);
	err = wal->err;
	spin_unlock(&wal->lock);
	return err;
}

/* A log errno as the JET_ERR of the call that met it. */
static int jetk_wal_jeterr(int err)
{
	switch (err) {
	case 0:
		return 0;
	case -ENOSPC:
		return JETK_ERR_LOG_DISK_FULL;
	case -ENOMEM:
		return JETK_ERR_OUT_OF_MEMORY;
	default:
		return JETK_ERR_LOG_WRITE_FAIL;
	}
}

/* ------------------------------------------------------------- batches */

/* The batch's end: its count and what the databases' headers would say. */
static int jetk_wal_batch_end(struct jetk_wal *wal, unsigned long pages)
{
	struct jetk_lr_batch_db dbs[JETK_LOG_DBS_MAX];
	struct jetk_lr_batch b = {};
	struct jetk_database *d;
	struct kvec v[2];
	unsigned int i, n = 0;
	u64 lsn;

	spin_lock(&wal->lock);
	for (i = 0; i < ARRAY_SIZE(wal->dbs); i++) {
		d = wal->dbs[i];
		if (!d)
			continue;
		dbs[n].db_id = cpu_to_le32(d->log_id);
		dbs[n].objid_last = cpu_to_le32(READ_ONCE(d->db.objid_last));
		dbs[n].dbtime = cpu_to_le64(atomic64_read(&d->db.dbtime));
		n++;
	}
	spin_unlock(&wal->lock);
	b.seq = cpu_to_le64(wal->batch_seq);
	b.pages = cpu_to_le32(pages);
	b.ndbs = cpu_to_le32(n);
	v[0] = (struct kvec){ &b, sizeof(b) };
	v[1] = (struct kvec){ dbs, n * sizeof(dbs[0]) };
	return jetk_log_appendv(&wal->log, JETK_LR_BATCH, v, 2, &lsn);
}

/*
 * Close the open batch: log the image of every page changed since the
 * last close, then the batch's end.  Nothing changes pages meanwhile.
 */
static int jetk_wal_close_batch(struct jetk_wal *wal)
{
	struct jetk_cache *c = wal->inst->cache;
	unsigned int psz = jetk_cache_page_size(c);
	struct jetk_frame *fr, *tmp;
	unsigned long n, pages = 0;
	LIST_HEAD(frames);
	u64 end = 0, lsn, depth;
	int ret;

	mutex_lock(&wal->close_lock);
	down_write(&wal->op);
	ret = jetk_wal_error(wal);
	if (ret)
		goto out;
	n = jetk_cache_take_unlogged(c, &frames);
	if (!n && !atomic_read(&wal->appended))
		goto out;
	list_for_each_entry(fr, &frames, log_node) {
		struct jetk_database *d = fr->file->private;
		struct jetk_lr_page h = {
			.db_id = cpu_to_le32(d->log_id),
			.pgno = cpu_to_le32(fr->pgno),
		};
		struct kvec v[2] = {
			{ .iov_base = &h, .iov_len = sizeof(h) },
			{ .iov_base = fr->data, .iov_len = psz },
		};

		ret = jetk_log_appendv(&wal->log, JETK_LR_PAGE, v, 2, &lsn);
		if (ret)
			break;
		pages++;
	}
	if (!ret)
		ret = jetk_wal_batch_end(wal, pages);
	if (!ret)
		end = jetk_log_head(&wal->log);
	list_for_each_entry_safe(fr, tmp, &frames, log_node)
		jetk_cache_logged(fr, wal->batch_start, end, !ret);
	if (ret) {
		/* The pages stay unwritten; the instance is unavailable. */
		jetk_wal_latch(wal, ret);
		goto out;
	}
	wal->batch_start = end;
	wal->batch_seq++;
	atomic_set(&wal->appended, 0);
	atomic64_inc(&wal->stats.batches);
	atomic64_add(pages, &wal->stats.pages_logged);
	spin_lock(&wal->lock);
	wal->closed_end = end;
	depth = end - wal->log.checkpoint;
	if (depth > wal->depth_max)
		queue_work(jetk_wq, &wal->ckpt_work);
	spin_unlock(&wal->lock);
out:
	up_write(&wal->op);
	mutex_unlock(&wal->close_lock);
	return ret;
}

/* Close the batch @lsn is in (unless closed already) and make it durable. */
static int jetk_wal_durable_to(struct jetk_wal *wal, u64 lsn)
{
	u64 closed;
	int ret;

	spin_lock(&wal->lock);
	closed = wal->closed_end;
	ret = wal->err;
	spin_unlock(&wal->lock);
	if (ret)
		return ret;
	/*
	 * The batch is open while it has records or changed pages: a
	 * commit's changes may be among them (whose, the log does not know).
	 */
	if (lsn > closed || atomic_read(&wal->appended) ||
	    jetk_cache_nr_unlogged(wal->inst->cache)) {
		ret = jetk_wal_close_batch(wal);
		if (ret)
			return ret;
		spin_lock(&wal->lock);
		closed = wal->closed_end;
		spin_unlock(&wal->lock);
	}
	ret = jetk_log_flush(&wal->log, closed);
	if (ret)
		jetk_wal_latch(wal, ret);
	return ret;
}

/**
 * jetk_wal_sync() - everything done so far becomes durable
 * @inst: the instance; the caller holds no op
 *
 * Return: a JET_ERR: 0 or JET_errLogWriteFail.
 */
int jetk_wal_sync(struct jetk_instance *inst)
{
	if (!inst->wal)
		return 0;
	return jetk_wal_jeterr(jetk_wal_durable_to(inst->wal, U64_MAX));
}

/**
 * jetk_wal_wait() - a durable commit waits for its batch
 * @inst: the instance; the caller holds no op
 * @lsn: the log's head after the commit (jetk_wal_commit())
 *
 * Return: a JET_ERR: 0 or JET_errLogWriteFail.
 */
int jetk_wal_wait(struct jetk_instance *inst, u64 lsn)
{
	struct jetk_wal *wal = inst->wal;

	if (!wal)
		return 0;
	atomic64_inc(&wal->stats.commit_waits);
	return jetk_wal_jeterr(jetk_wal_durable_to(wal, lsn));
}

static void jetk_wal_lazy_fn(struct work_struct *work)
{
	struct jetk_wal *wal = container_of(to_delayed_work(work),
					    struct jetk_wal, lazy_work);

	jetk_wal_durable_to(wal, U64_MAX);
}

/**
 * jetk_wal_lazy() - a lazy commit: durable within JETK_WAL_LAZY_MS
 * @inst: the instance
 */
void jetk_wal_lazy(struct jetk_instance *inst)
{
	if (inst->wal)
		queue_delayed_work(jetk_wq, &inst->wal->lazy_work,
				   msecs_to_jiffies(JETK_WAL_LAZY_MS));
}

/* -------------------------------------------------------------- ops */

/**
 * jetk_wal_op_begin() - a call that may change pages starts
 * @inst: the instance
 * @grows: the call adds changes (JetUpdate, JetDelete, DDL ...): refused
 *	while the log is nearly full; reads, commits and rollbacks are not,
 *	so that what holds the log can finish
 *
 * When the log is nearly full the checkpoint runs here first (no op is
 * held yet).
 *
 * Return: a JET_ERR: 0, JET_errLogWriteFail after a log error (the
 * instance is unavailable until JetTerm), or JET_errLogDiskFull when the
 * checkpoint cannot make room (a transaction running since long before
 * holds the log).
 */
int jetk_wal_op_begin(struct jetk_instance *inst, bool grows)
{
	struct jetk_wal *wal = inst->wal;
	int err;

	if (!wal)
		return 0;
	err = jetk_wal_error(wal);
	if (err)
		return READ_ONCE(wal->err_db) ? JETK_ERR_DISK_IO :
						JETK_ERR_LOG_WRITE_FAIL;
	if (grows && jetk_log_free_bytes(&wal->log) < wal->reserve * 2) {
		jetk_wal_checkpoint(wal);
		if (jetk_log_free_bytes(&wal->log) < wal->reserve) {
			atomic64_inc(&wal->stats.log_full);
			return JETK_ERR_LOG_DISK_FULL;
		}
	}
	down_read(&wal->op);
	return 0;
}

/**
 * jetk_wal_op_end() - the call is done changing pages
 * @inst: the instance
 */
void jetk_wal_op_end(struct jetk_instance *inst)
{
	if (inst->wal)
		up_read(&inst->wal->op);
}

/**
 * jetk_wal_op_lock() - the engine's own work changes pages (cleanup,
 *	rollback at a session's end, attach, detach): no checks, no refusal
 * @inst: the instance
 */
void jetk_wal_op_lock(struct jetk_instance *inst)
{
	if (inst->wal)
		down_read(&inst->wal->op);
}

/**
 * jetk_wal_op_unlock() - end of jetk_wal_op_lock()
 * @inst: the instance
 */
void jetk_wal_op_unlock(struct jetk_instance *inst)
{
	if (inst->wal)
		up_read(&inst->wal->op);
}

/* ---------------------------------------------------- transactions */

/**
 * jetk_wal_note() - a change the log must take if its transaction
 *	outlives the call
 * @ses: the session (a call is inside it)
 * @rce: the change's RCE, published
 */
void jetk_wal_note(struct jetk_session *ses, struct jetk_rce *rce)
{
	if (!ses->inst->wal || rce->lseq)
		return;
	switch (rce->op) {
	case JETK_RCE_INSERT:
	case JETK_RCE_REPLACE:
	case JETK_RCE_DELETE:
	case JETK_RCE_ESCROW:
	case JETK_RCE_CREATE_TABLE:
	case JETK_RCE_ADD_COLUMN:
		list_move_tail(&rce->log_node, &ses->log_pending);
		break;
	default:
		break;
	}
}

static u8 jetk_wal_lru_op(u8 op)
{
	switch (op) {
	case JETK_RCE_INSERT:
		return JETK_LRU_INSERT;
	case JETK_RCE_REPLACE:
		return JETK_LRU_REPLACE;
	case JETK_RCE_DELETE:
		return JETK_LRU_DELETE;
	case JETK_RCE_ESCROW:
		return JETK_LRU_ESCROW;
	case JETK_RCE_CREATE_TABLE:
		return JETK_LRU_CREATE_TABLE;
	default:
		return JETK_LRU_ADD_COLUMN;
	}
}

/* Append the undo record of one change. */
static int jetk_wal_undo_record(struct jetk_wal *wal, struct jetk_trx *trx,
				struct jetk_rce *rce)
{
	struct jetk_lr_undo h = {};
	struct jetk_database *d;
	const char *tname, *col = NULL;
	__le32 *lids = NULL;
	struct kvec v[6];
	unsigned int i, nv = 0;
	u64 lsn;
	int ret;

	if (rce->op == JETK_RCE_CREATE_TABLE) {
		d = rce->ddl_db->private;
		tname = rce->ddl_name;
	} else {
		d = rce->t->db->private;
		tname = rce->t->name;
		if (rce->op == JETK_RCE_ADD_COLUMN)
			col = rce->ddl_name;
	}
	if (rce->nadded) {
		lids = kmalloc_array(rce->nadded, sizeof(*lids), GFP_KERNEL);
		if (!lids)
			return -ENOMEM;
		for (i = 0; i < rce->nadded; i++)
			lids[i] = cpu_to_le32(rce->added[i]);
	}
	h.trxid = cpu_to_le64(trx->log_id);
	h.seq = cpu_to_le32(++trx->log_seq);
	h.db_id = cpu_to_le32(d->log_id);
	h.op = jetk_wal_lru_op(rce->op);
	h.before = rce->before;		/* JETK_BEFORE_* = JETK_LRB_* */
	h.width = rce->width;
	h.name_len = strlen(tname);
	h.key_len = cpu_to_le16(rce->vn ? rce->vn->key_len : 0);
	h.col_len = cpu_to_le16(col ? strlen(col) : 0);
	h.img_len = cpu_to_le32(rce->img_len);
	h.columnid = cpu_to_le32(rce->columnid);
	h.nlids = cpu_to_le32(rce->nadded);
	h.delta = cpu_to_le64(rce->delta);
	v[nv++] = (struct kvec){ &h, sizeof(h) };
	v[nv++] = (struct kvec){ (void *)tname, h.name_len };
	if (rce->vn)
		v[nv++] = (struct kvec){ rce->vn->key, rce->vn->key_len };
	if (col)
		v[nv++] = (struct kvec){ (void *)col, strlen(col) };
	if (rce->img_len)
		v[nv++] = (struct kvec){ rce->img, rce->img_len };
	if (lids)
		v[nv++] = (struct kvec){ lids, rce->nadded * sizeof(*lids) };
	ret = jetk_log_appendv(&wal->log, JETK_LR_UNDO, v, nv, &lsn);
	kfree(lids);
	if (!ret) {
		rce->lseq = trx->log_seq;
		atomic_inc(&wal->appended);
		atomic64_inc(&wal->stats.undo_records);
	}
	return ret;
}

/**
 * jetk_wal_emit() - log the undo records of the session's changes made in
 *	this call: its transaction goes on past the call's batch
 * @ses: the session; its call holds the op
 *
 * A failure latches the log's error: the call's batch never closes, so
 * nothing of the changes without an undo record reaches the disk.
 *
 * Return: 0 or a negative errno.
 */
int jetk_wal_emit(struct jetk_session *ses)
{
	struct jetk_wal *wal = ses->inst->wal;
	struct jetk_trx *trx = ses->trx;
	struct jetk_rce *rce, *tmp;
	int ret = 0;

	if (!wal || list_empty(&ses->log_pending))
		return 0;
	lockdep_assert_held(&wal->op);
	if (WARN_ON_ONCE(!trx))
		return -EINVAL;
	if (!trx->log_id) {
		trx->log_id = ((u64)wal->log.epoch << 40) |
			      (trx->snap.begin0 & (BIT_ULL(40) - 1));
		trx->log_first = wal->batch_start;
		spin_lock(&wal->lock);
		list_add_tail(&trx->log_node, &wal->trxs);
		spin_unlock(&wal->lock);
	}
	list_for_each_entry_safe(rce, tmp, &ses->log_pending, log_node) {
		ret = jetk_wal_undo_record(wal, trx, rce);
		if (ret)
			break;
		list_del_init(&rce->log_node);
	}
	if (ret)
		jetk_wal_latch(wal, ret);
	return ret;
}

static void jetk_wal_trx_done(struct jetk_wal *wal, struct jetk_trx *trx)
{
	spin_lock(&wal->lock);
	list_del_init(&trx->log_node);
	spin_unlock(&wal->lock);
}

static int jetk_wal_append_small(struct jetk_wal *wal, u8 type,
				 const void *rec, u32 len)
{
	u64 lsn;
	int ret;

	ret = jetk_log_append(&wal->log, type, rec, len, &lsn);
	if (ret)
		return jetk_wal_latch(wal, ret);
	atomic_inc(&wal->appended);
	return 0;
}

/**
 * jetk_wal_commit() - the session's level-0 commit, before the version
 *	store takes its RCEs
 * @ses: the session; its call holds the op
 * @lazy: JET_bitCommitLazyFlush (or a change's own transaction)
 *
 * Changes the log has not taken need no undo record now.  A transaction
 * with records gets its commit record.  ses->wal_lsn is where the log
 * must be durable for the commit (jetk_wal_wait()).
 */
void jetk_wal_commit(struct jetk_session *ses, bool lazy)
{
	struct jetk_wal *wal = ses->inst->wal;
	struct jetk_trx *trx = ses->trx;
	struct jetk_rce *rce, *tmp;

	if (!wal)
		return;
	list_for_each_entry_safe(rce, tmp, &ses->log_pending, log_node)
		list_del_init(&rce->log_node);
	if (trx->log_id) {
		struct jetk_lr_commit c = { .trxid = cpu_to_le64(trx->log_id) };

		jetk_wal_append_small(wal, JETK_LR_COMMIT, &c, sizeof(c));
		jetk_wal_trx_done(wal, trx);
	}
	ses->wal_lsn = jetk_log_rec_end(&wal->log);
	if (lazy)
		atomic64_inc(&wal->stats.commits_lazy);
	else
		atomic64_inc(&wal->stats.commits_durable);
}

/**
 * jetk_wal_undone() - a rollback undid the session's changes of a level
 * @ses: the session, its changes of the level undone; its call (or the
 *	session's end) holds the op
 * @logged: one of the changes undone had an undo record
 * @all: the transaction is over (level 0)
 */
void jetk_wal_undone(struct jetk_session *ses, bool logged, bool all)
{
	struct jetk_wal *wal = ses->inst->wal;
	struct jetk_trx *trx = ses->trx;
	struct jetk_lr_undone u = {};
	struct jetk_rce *rce;
	u32 keep = 0;

	if (!wal || !trx || !trx->log_id)
		return;
	if (logged) {
		if (!all) {
			/* The newest change still standing that was logged. */
			list_for_each_entry(rce, &ses->rces, ses_node) {
				if (rce->lseq) {
					keep = rce->lseq;
					break;
				}
			}
		}
		u.trxid = cpu_to_le64(trx->log_id);
		u.keep = cpu_to_le32(keep);
		jetk_wal_append_small(wal, JETK_LR_UNDONE, &u, sizeof(u));
	}
	if (all)
		jetk_wal_trx_done(wal, trx);
}

/* ------------------------------------------------------------ databases */

/**
 * jetk_wal_db_attach() - a database attached for writing gets its log id
 * @inst: the instance
 * @d: the database, before any page of it changes
 *
 * Return: a JET_ERR.
 */
int jetk_wal_db_attach(struct jetk_instance *inst, struct jetk_database *d)
{
	int ret;

	if (!inst->wal || d->readonly)
		return 0;
	ret = jetk_log_db_add(&inst->wal->log, d->name, &d->log_id);
	if (ret == -ENAMETOOLONG)
		return JETK_ERR_INVALID_PARAMETER;
	if (ret == -ENOSPC)
		return JETK_ERR_TOO_MANY_ATTACHED_DATABASES;
	if (!ret)
		jetk_wal_db_register(inst->wal, d);
	return jetk_wal_jeterr(ret);
}

/**
 * jetk_wal_db_register() - page images of @d may go to the log from now
 * @wal: the log
 * @d: the database, its log id set
 */
void jetk_wal_db_register(struct jetk_wal *wal, struct jetk_database *d)
{
	unsigned int i;

	spin_lock(&wal->lock);
	for (i = 0; i < ARRAY_SIZE(wal->dbs); i++) {
		if (!wal->dbs[i]) {
			wal->dbs[i] = d;
			break;
		}
	}
	spin_unlock(&wal->lock);
}

static void jetk_wal_db_unregister(struct jetk_wal *wal,
				   struct jetk_database *d)
{
	unsigned int i;

	spin_lock(&wal->lock);
	for (i = 0; i < ARRAY_SIZE(wal->dbs); i++)
		if (wal->dbs[i] == d)
			wal->dbs[i] = NULL;
	spin_unlock(&wal->lock);
}

/**
 * jetk_wal_db_detach() - a database is clean on disk: the log lets go
 * @inst: the instance
 * @d: the database
 */
void jetk_wal_db_detach(struct jetk_instance *inst, struct jetk_database *d)
{
	if (!inst->wal || !d->log_id)
		return;
	jetk_wal_db_unregister(inst->wal, d);
	/* A failure leaves the entry: recovery finds the database clean. */
	jetk_log_db_remove(&inst->wal->log, d->log_id);
	d->log_id = 0;
}

/**
 * jetk_wal_db_drop() - a database left dirty goes away: the log stops
 *	taking its pages but keeps naming it, for recovery
 * @inst: the instance
 * @d: the database
 */
void jetk_wal_db_drop(struct jetk_instance *inst, struct jetk_database *d)
{
	if (!inst->wal || !d->log_id)
		return;
	jetk_wal_db_unregister(inst->wal, d);
	d->log_id = 0;
}

/* ESE's LGPOS of a stream position: generations of JET_paramLogFileSize. */
static void jetk_wal_lgpos(struct jetk_wal *wal, u64 pos,
			   struct jetk_edb_lgpos *lg)
{
	u64 gen = div64_u64(pos, wal->gen_bytes);
	u64 off = pos - gen * wal->gen_bytes;

	lg->generation = cpu_to_le32(min_t(u64, gen + 1, U32_MAX));
	lg->isec = cpu_to_le16(min_t(u64, off >> 9, U16_MAX));
	lg->ib = cpu_to_le16(off & 511);
}

/**
 * jetk_wal_stamp_header() - the log's fields of a database header
 * @inst: the instance
 * @d: the database, its header about to be written
 * @attach: at attach (the attach position and the log's identity), else
 *	at a clean detach (the consistent and detach positions)
 */
void jetk_wal_stamp_header(struct jetk_instance *inst, struct jetk_database *d,
			   bool attach)
{
	struct jetk_edb_header *h = (void *)d->db.hdr;
	struct jetk_wal *wal = inst->wal;
	struct jetk_edb_lgpos lg;
	struct tm tm;

	if (!wal || !h || d->readonly)
		return;
	jetk_wal_lgpos(wal, jetk_log_rec_end(&wal->log), &lg);
	if (attach) {
		h->lgpos_attach = lg;
		h->sign_log.random = cpu_to_le32(wal->log.sig_random);
		time64_to_tm(div_u64(wal->log.sig_created, NSEC_PER_SEC), 0,
			     &tm);
		h->sign_log.created = (struct jetk_edb_logtime){
			.sec = tm.tm_sec, .min = tm.tm_min,
			.hour = tm.tm_hour, .day = tm.tm_mday,
			.month = tm.tm_mon + 1, .year = tm.tm_year,
			.flags1 = JETK_LOGTIME_UTC,
		};
	} else {
		h->lgpos_consistent = lg;
		h->lgpos_detach = lg;
	}
}

/* ----------------------------------------------------------- checkpoint */

/* Move the checkpoint as far as the pages and transactions allow. */
static int jetk_wal_move_checkpoint(struct jetk_wal *wal)
{
	struct jetk_trx *trx;
	u64 ckpt, oldest;
	int ret = 0;

	mutex_lock(&wal->close_lock);
	ckpt = wal->batch_start;
	spin_lock(&wal->lock);
	trx = list_first_entry_or_null(&wal->trxs, struct jetk_trx, log_node);
	if (trx && trx->log_first < ckpt)
		ckpt = trx->log_first;
	spin_unlock(&wal->lock);
	oldest = jetk_cache_oldest_change(wal->inst->cache);
	if (oldest < ckpt)
		ckpt = oldest;
	if (ckpt > READ_ONCE(wal->log.checkpoint)) {
		/*
		 * A page written since its image went to the log counts as
		 * written only once the disk's cache is flushed: flush first,
		 * then let the log forget the image.
		 */
		ret = jetk_cache_flush(wal->inst->cache);
		if (ret)
			jetk_wal_latch_db(wal, ret);
		if (!ret)
			ret = jetk_log_flush(&wal->log, ckpt);
		if (!ret)
			ret = jetk_log_checkpoint(&wal->log, ckpt, false);
		if (!ret)
			atomic64_inc(&wal->stats.ckpt_moves);
	}
	mutex_unlock(&wal->close_lock);
	return ret;
}

/* Write what holds the checkpoint more than the target back, then move it. */
static void jetk_wal_checkpoint(struct jetk_wal *wal)
{
	unsigned long written;
	u64 head, target, ckpt;
	int ret;

	atomic64_inc(&wal->stats.ckpt_runs);
	if (jetk_wal_close_batch(wal))
		return;
	spin_lock(&wal->lock);
	head = wal->closed_end;
	target = wal->depth_max;
	spin_unlock(&wal->lock);
	ckpt = READ_ONCE(wal->log.checkpoint);
	if (head - ckpt > target) {
		ret = jetk_cache_write_older(wal->inst->cache, head - target,
					     &written);
		atomic64_add(written, &wal->stats.ckpt_pages);
		if (ret) {
			/* A database that cannot be written: stop here. */
			jetk_wal_latch_db(wal, ret);
			return;
		}
	}
	ret = jetk_wal_move_checkpoint(wal);
	if (ret && ret != -EINVAL)
		jetk_wal_latch(wal, ret);
}

static void jetk_wal_ckpt_fn(struct work_struct *work)
{
	jetk_wal_checkpoint(container_of(work, struct jetk_wal, ckpt_work));
}

/**
 * jetk_wal_set_depth() - a new checkpoint depth target (stop service,
 *	resume, JET_paramCheckpointDepthMax)
 * @inst: the instance
 * @depth: bytes of log between the checkpoint and the head, at most
 *
 * The checkpoint work runs toward it at once.
 */
void jetk_wal_set_depth(struct jetk_instance *inst, u64 depth)
{
	struct jetk_wal *wal = inst->wal;

	if (!wal)
		return;
	spin_lock(&wal->lock);
	/* Half the log at most: the rest is room to close batches in. */
	wal->depth_max = min_t(u64, depth,
			       (u64)wal->log.nsect * wal->log.psize / 2);
	spin_unlock(&wal->lock);
	queue_work(jetk_wq, &wal->ckpt_work);
}

/**
 * jetk_wal_checkpoint_now() - run the checkpoint work in the caller
 * @inst: the instance; the caller holds no op
 */
void jetk_wal_checkpoint_now(struct jetk_instance *inst)
{
	if (inst->wal)
		jetk_wal_checkpoint(inst->wal);
}

/**
 * jetk_wal_report() - the log's state
 * @inst: the instance
 * @r: out
 */
void jetk_wal_report(struct jetk_instance *inst, struct jetk_wal_report *r)
{
	struct jetk_wal *wal = inst->wal;
	u64 end;

	memset(r, 0, sizeof(*r));
	if (!wal)
		return;
	r->head = jetk_log_head(&wal->log);
	r->free = jetk_log_free_bytes(&wal->log);
	spin_lock(&wal->log.lock);
	r->durable = wal->log.durable;
	r->checkpoint = wal->log.checkpoint;
	r->log_writes = wal->log.flushes;
	spin_unlock(&wal->log.lock);
	spin_lock(&wal->lock);
	r->depth_max = wal->depth_max;
	r->err = wal->err;
	spin_unlock(&wal->lock);
	/* The records recovery would read (padding after them aside). */
	end = jetk_log_rec_end(&wal->log);
	r->depth = end > r->checkpoint ? end - r->checkpoint : 0;
	r->size = (u64)wal->log.nsect * wal->log.psize;
}

/**
 * jetk_wal_crash() - stop writing anything, as at a power cut (debugfs
 *	fault injection for recovery tests; see stats.c)
 * @inst: the instance (its gate entered)
 */
void jetk_wal_crash(struct jetk_instance *inst)
{
	if (!inst->wal)
		return;
	/* Any batch closing now finishes first: batches stay whole. */
	mutex_lock(&inst->wal->close_lock);
	jetk_wal_latch(inst->wal, -ESHUTDOWN);
	mutex_unlock(&inst->wal->close_lock);
	pr_info("jetk: instance %llu: simulated crash: nothing more is written\n",
		inst->handle);
}

/* ------------------------------------------------------ open and close */

static int jetk_wal_durable_hook(void *ctx, u64 pos)
{
	struct jetk_wal *wal = ctx;
	int ret = jetk_wal_error(wal);

	/* After an error nothing more reaches the disks. */
	if (!ret)
		ret = jetk_log_flush(&wal->log, pos);

	if (ret)
		jetk_wal_latch(wal, ret);
	return ret;
}

static int jetk_wal_close_hook(void *ctx)
{
	return jetk_wal_close_batch(ctx);
}

static void jetk_wal_kick_hook(void *ctx)
{
	struct jetk_wal *wal = ctx;

	queue_delayed_work(jetk_wq, &wal->lazy_work, 0);
}

static void jetk_wal_changing_hook(void *ctx)
{
	struct jetk_wal *wal = ctx;

	/* Pages change only inside an op (or a batch close's exclusion). */
	lockdep_assert_held(&wal->op);
}

static const struct jetk_cache_log_ops jetk_wal_cache_ops = {
	.durable = jetk_wal_durable_hook,
	.close = jetk_wal_close_hook,
	.kick = jetk_wal_kick_hook,
	.changing = jetk_wal_changing_hook,
};

/**
 * jetk_wal_log_enable() - from now on the cache's pages go through the log
 * @wal: the log, started
 */
void jetk_wal_log_enable(struct jetk_wal *wal)
{
	jetk_cache_set_log(wal->inst->cache, &jetk_wal_cache_ops, wal);
}

/*
 * Recovery runs on a worker's stack rather than under the ioctl's: a
 * B-tree change can nest splits of the record and space trees, and the
 * JetInit path above it would cost the headroom (16 KiB stacks).
 */
struct jetk_recover_work {
	struct work_struct work;
	struct jetk_wal *wal;
	struct jetk_wal_rdb *rdbs;
	unsigned int nrdbs;
	int err;
};

static void jetk_recover_fn(struct work_struct *work)
{
	struct jetk_recover_work *rw = container_of(work,
						    struct jetk_recover_work,
						    work);

	rw->err = jetk_recover(rw->wal, rw->rdbs, rw->nrdbs);
}

static int jetk_wal_recover(struct jetk_wal *wal, struct jetk_wal_rdb *rdbs,
			    unsigned int nrdbs)
{
	struct jetk_recover_work rw = {
		.wal = wal, .rdbs = rdbs, .nrdbs = nrdbs,
	};

	INIT_WORK_ONSTACK(&rw.work, jetk_recover_fn);
	queue_work(jetk_wq, &rw.work);
	flush_work(&rw.work);
	destroy_work_on_stack(&rw.work);
	return rw.err;
}

/**
 * jetk_wal_open() - JetInit's log: take up the device, recover, start
 * @inst: the instance, its cache created, state not yet RUNNING
 * @logf: the log's block device (libjetk's file or the user's device)
 * @rdbs: the databases the log names, opened by libjetk (recovery)
 * @nrdbs: how many
 *
 * Return: a JET_ERR.  On failure nothing is left behind.
 */
int jetk_wal_open(struct jetk_instance *inst, struct file *logf,
		  struct jetk_wal_rdb *rdbs, unsigned int nrdbs)
{
	struct jetk_wal *wal;
	unsigned int ring;
	bool clean = false;
	int ret, err;

	wal = kzalloc(sizeof(*wal), GFP_KERNEL_ACCOUNT);
	if (!wal)
		return JETK_ERR_OUT_OF_MEMORY;
	wal->inst = inst;
	init_rwsem(&wal->op);
	mutex_init(&wal->close_lock);
	spin_lock_init(&wal->lock);
	INIT_LIST_HEAD(&wal->trxs);
	INIT_DELAYED_WORK(&wal->lazy_work, jetk_wal_lazy_fn);
	INIT_WORK(&wal->ckpt_work, jetk_wal_ckpt_fn);

	ret = jetk_bdev_claim(&wal->bdev, logf, true, inst);
	if (ret) {
		err = ret == -EBUSY || ret == -EACCES || ret == -EPERM ||
		      ret == -EROFS ? JETK_ERR_FILE_ACCESS_DENIED :
				      JETK_ERR_INVALID_PARAMETER;
		goto err_free;
	}
	ring = clamp_t(u64, inst->params.val[JETK_PARAM_LOG_BUFFERS] * 512,
		       JETK_WAL_RING_MIN, JETK_WAL_RING_MAX);
	/* A small log: the ring stays within a quarter of it. */
	ring = min_t(u64, ring, max_t(u64, wal->bdev.size / 4, PAGE_SIZE));
	ret = jetk_log_init(&wal->log, &jetk_log_bdev_io, &wal->bdev,
			    wal->bdev.lbs, wal->bdev.size, ring);
	if (ret) {
		err = ret == -ENOMEM ? JETK_ERR_OUT_OF_MEMORY :
				       JETK_ERR_INVALID_PARAMETER;
		goto err_release;
	}
	ret = jetk_log_open(&wal->log, &clean);
	if (ret == -ENODATA) {
		/* A new log (or not one of ours): nothing to recover. */
		if (nrdbs) {
			err = JETK_ERR_ATTACHED_DATABASE_MISMATCH;
			goto err_log;
		}
		ret = jetk_log_format(&wal->log);
		clean = true;
	} else if (!ret && clean) {
		ret = jetk_log_start(&wal->log, wal->log.end_hint);
	}
	if (ret) {
		err = jetk_wal_jeterr(ret);
		goto err_log;
	}
	wal->reserve = (u64)wal->log.nsect * wal->log.psize / 8;
	wal->gen_bytes = max_t(u64, inst->params.val[JETK_PARAM_LOG_FILE_SIZE],
			       64) * 1024;
	wal->depth_max = min_t(u64,
			       inst->params.val[JETK_PARAM_CHECKPOINT_DEPTH_MAX],
			       (u64)wal->log.nsect * wal->log.psize / 2);
	inst->wal = wal;
	if (!clean) {
		err = jetk_wal_recover(wal, rdbs, nrdbs);
		if (err)
			goto err_log;
	} else {
		wal->batch_start = jetk_log_head(&wal->log);
		wal->closed_end = wal->batch_start;
		jetk_wal_log_enable(wal);
	}
	return 0;

err_log:
	cancel_delayed_work_sync(&wal->lazy_work);
	cancel_work_sync(&wal->ckpt_work);
	inst->wal = NULL;
	jetk_cache_set_log(inst->cache, NULL, NULL);
	jetk_log_free(&wal->log);
err_release:
	jetk_bdev_release(&wal->bdev);
err_free:
	kfree(wal);
	return err;
}

/**
 * jetk_wal_shutdown() - JetTerm's end: the log closes
 * @inst: the instance; no call runs, every database is detached
 * @clean: a clean term (every database written and marked clean): the
 *	log says there is nothing to recover; else (JET_bitTermDirty, a
 *	write error) it stays as it is for the next JetInit to recover
 */
void jetk_wal_shutdown(struct jetk_instance *inst, bool clean)
{
	struct jetk_wal *wal = inst->wal;
	u64 end;
	int ret;

	if (!wal)
		return;
	cancel_delayed_work_sync(&wal->lazy_work);
	cancel_work_sync(&wal->ckpt_work);
	ret = jetk_wal_durable_to(wal, U64_MAX);
	if (!ret && clean && !wal->log.ndbs) {
		end = jetk_log_head(&wal->log);
		ret = jetk_log_flush(&wal->log, end);
		if (!ret)
			ret = jetk_log_checkpoint(&wal->log,
						  jetk_log_durable(&wal->log),
						  true);
	}
	if (ret)
		pr_warn("jetk: instance %llu: the log did not close cleanly (%d): the next JetInit recovers\n",
			inst->handle, ret);
	cancel_delayed_work_sync(&wal->lazy_work);
	cancel_work_sync(&wal->ckpt_work);
	jetk_cache_set_log(inst->cache, NULL, NULL);
	inst->wal = NULL;
	jetk_log_free(&wal->log);
	jetk_bdev_release(&wal->bdev);
	kfree(wal);
}
