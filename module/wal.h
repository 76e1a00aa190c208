/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The engine's write-ahead logging (ref/ese-api.md 6; fs/jbd2 is the
 * model): what goes into an instance's log (log.h is the device), group
 * commit, checkpoints, and the hooks the cache, the version store and
 * the transactions call.
 *
 * Batches.  Every call that may change pages runs inside an "op" (the
 * shared side of @op, as a jbd2 handle).  A batch closes under the
 * exclusive side: no call is changing a page, so the image of every page
 * changed since the last batch is consistent, and what one call did is
 * never split between two batches.  The closer appends those images and
 * a JETK_LR_BATCH record; recovery applies whole batches only.  Records
 * a call appends (undo information of a transaction that outlives the
 * call, commits, rollback marks) land in the batch of the call.
 *
 * Durability.  A durable commit closes the batch its commit is in (or
 * finds it closed by another: group commit) and flushes the log to its
 * end, outside the op.  Lazy commits are made durable by @lazy_work
 * within JETK_WAL_LAZY_MS, or by the next durable commit.
 *
 * The write-ahead rule: a page's frame is UNLOGGED from its first change
 * until its image is in a closed batch, and written only once the log is
 * durable to that batch's end (cache.h).
 *
 * Checkpoint.  Recovery starts at the checkpoint, a batch start no later
 * than the first image of any page not written yet and the first record
 * of any transaction still running.  @ckpt_work writes the pages that
 * keep the checkpoint more than @depth_max behind the log's head (ESE's
 * JET_paramCheckpointDepthMax) and moves the checkpoint.
 *
 * Locking, outermost first: inst->db_lock -> @close_lock -> @op (write)
 * -> cache and log locks; @op (read) is taken by calls before any table,
 * tree or version-store lock, never twice by one thread (lockdep checks
 * it), and never held while waiting for a batch to close.  @lock (a
 * spinlock, a leaf) guards the fields marked [lock].
 *
 * Lifetime: one per instance that runs with a log (JET_paramRecovery
 * "on" and a log device from libjetk), from JetInit to the end of
 * JetTerm; inst->wal is NULL otherwise and every hook does nothing.
 */
#ifndef _JETK_WAL_H
#define _JETK_WAL_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "bdev.h"
#include "log.h"

struct file;
struct jetk_database;
struct jetk_instance;
struct jetk_rce;
struct jetk_session;

/* Lazy commits are durable within this long. */
#define JETK_WAL_LAZY_MS	25

/**
 * struct jetk_wal_stats - counters (debugfs)
 */
struct jetk_wal_stats {
	atomic64_t batches;
	atomic64_t pages_logged;
	atomic64_t undo_records;
	atomic64_t commits_durable;
	atomic64_t commits_lazy;
	atomic64_t commit_waits;
	atomic64_t ckpt_runs;
	atomic64_t ckpt_pages;
	atomic64_t ckpt_moves;
	atomic64_t log_full;
};

/**
 * struct jetk_wal_recovery - what the last JetInit's recovery did
 */
struct jetk_wal_recovery {
	bool ran;
	u64 log_bytes;
	u64 batches;
	u64 pages;
	u64 trx_undone;
	u64 undo_records;
	u64 usecs;
};

/**
 * struct jetk_wal - an instance's logging
 * @inst: the instance (constant)
 * @bdev: the log's block device, claimed
 * @log: the log on it
 * @op: calls changing pages hold it shared; a batch closes under it
 *	exclusive (see the top of this file)
 * @close_lock: one closer at a time; serialises the checkpoint too
 * @batch_start: where the open batch starts [@op exclusive to change]
 * @batch_seq: batches closed [@close_lock]
 * @appended: records the open batch has (other than images) [atomic]
 * @lock: see the top of this file
 * @trxs: transactions with records in the log, by @log_first [lock]
 * @closed_end: where the last closed batch ends [lock]
 * @depth_max: the checkpoint depth target in bytes [lock]
 * @reserve: bytes of log space kept for closing batches (constant)
 * @gen_bytes: a log generation, JET_paramLogFileSize (for ESE's LGPOS in
 *	database headers; constant)
 * @err: the first log error, latched: the instance is unavailable [lock]
 * @err_db: @err came from a database write (calls get JET_errDiskIO) [lock]
 * @lazy_work: makes lazy commits durable
 * @ckpt_work: writes old pages and moves the checkpoint
 * @dbs: the databases whose pages go to the log [lock]
 * @stats: counters
 * @rec: what recovery did at JetInit
 */
struct jetk_wal {
	struct jetk_instance *inst;
	struct jetk_bdev bdev;
	struct jetk_log log;
	struct rw_semaphore op;
	struct mutex close_lock;	/* see above */
	u64 batch_start;
	u64 batch_seq;
	atomic_t appended;
	spinlock_t lock;		/* see above */
	struct list_head trxs;
	u64 closed_end;
	u64 depth_max;
	u64 reserve;
	u64 gen_bytes;
	int err;
	bool err_db;
	struct delayed_work lazy_work;
	struct work_struct ckpt_work;
	struct jetk_database *dbs[JETK_LOG_DBS_MAX];
	struct jetk_wal_stats stats;
	struct jetk_wal_recovery rec;
};

/**
 * struct jetk_wal_rdb - a database recovery needs, from libjetk
 * @file: its block device
 * @name: its name
 * @id: its id in the log
 */
struct jetk_wal_rdb {
	struct file *file;
	char *name;
	u32 id;
};

/**
 * struct jetk_wal_report - the log's state, for counters
 */
struct jetk_wal_report {
	u64 head;
	u64 durable;
	u64 checkpoint;
	u64 depth;
	u64 depth_max;
	u64 size;
	u64 free;
	u64 log_writes;
	int err;
};

int jetk_wal_open(struct jetk_instance *inst, struct file *logf,
		  struct jetk_wal_rdb *rdbs, unsigned int nrdbs);
void jetk_wal_shutdown(struct jetk_instance *inst, bool clean);

int jetk_wal_op_begin(struct jetk_instance *inst, bool grows);
void jetk_wal_op_end(struct jetk_instance *inst);
void jetk_wal_op_lock(struct jetk_instance *inst);
void jetk_wal_op_unlock(struct jetk_instance *inst);
int jetk_wal_sync(struct jetk_instance *inst);
int jetk_wal_wait(struct jetk_instance *inst, u64 lsn);
void jetk_wal_lazy(struct jetk_instance *inst);

void jetk_wal_note(struct jetk_session *ses, struct jetk_rce *rce);
int jetk_wal_emit(struct jetk_session *ses);
void jetk_wal_commit(struct jetk_session *ses, bool lazy);
void jetk_wal_undone(struct jetk_session *ses, bool logged, bool all);

int jetk_wal_db_attach(struct jetk_instance *inst, struct jetk_database *d);
void jetk_wal_db_detach(struct jetk_instance *inst, struct jetk_database *d);
void jetk_wal_db_drop(struct jetk_instance *inst, struct jetk_database *d);
void jetk_wal_stamp_header(struct jetk_instance *inst, struct jetk_database *d,
			   bool attach);
void jetk_wal_db_register(struct jetk_wal *wal, struct jetk_database *d);
void jetk_wal_log_enable(struct jetk_wal *wal);

/* recovery.c */
int jetk_recover(struct jetk_wal *wal, struct jetk_wal_rdb *rdbs,
		 unsigned int nrdbs);

void jetk_wal_set_depth(struct jetk_instance *inst, u64 depth);
void jetk_wal_checkpoint_now(struct jetk_instance *inst);
void jetk_wal_report(struct jetk_instance *inst, struct jetk_wal_report *r);
void jetk_wal_crash(struct jetk_instance *inst);

#endif /* _JETK_WAL_H */
