/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The version store (ref/ese-api.md section 5): one per instance, in
 * memory, holding a revision control entry (RCE) for every change of an
 * unfinished or recently finished transaction.
 *
 * Records are changed in the B-tree at once.  An RCE remembers what its
 * node was before (absent, live with some data, or flag-deleted with some
 * data), so that
 *   - a rollback puts the node back as it was (undo, newest first);
 *   - a reader whose snapshot must not see the change sees the node as it
 *     was (walking the node's RCEs newest to oldest and undoing every one
 *     it may not see; an escrow delta is subtracted instead);
 *   - a writer finds who else has an unfinished or, for its snapshot, too
 *     recent change on the node: JET_errWriteConflict, first writer wins.
 * A deleted record stays in the tree flag-deleted (JETK_ND_DELETED) until
 * the cleanup removes it; a long value a change let go of is released by
 * the cleanup too.  The cleanup (a work item) drops every RCE that
 * committed before the oldest snapshot still open.
 *
 * Time: one counter per instance.  A level-0 begin takes ++counter as its
 * begin0, a level-0 commit ++counter as its commit0.  A change is visible
 * to a snapshot when its transaction is the reader's own, or committed
 * with commit0 < the reader's begin0.  A call outside any transaction
 * reads the latest committed data (its begin0 is "infinity"), but holds a
 * snapshot for the call's duration so the cleanup leaves alone what it
 * may be reading.
 *
 * Locking: vs->lock (a spinlock, a leaf: nothing is taken inside it)
 * guards the counter, the snapshot list, the node hash, every RCE list
 * and the byte count.  vs->clean_lock serialises cleanup passes and the
 * deletion of a table's or a database's versions; a pass takes no table
 * lock (only tree locks), so it never waits on a call.  Order:
 * db_lock / tables_lock -> clean_lock -> tree locks -> vs->lock.  A
 * session's own list (ses->rces) and level are touched only by calls
 * inside the session.  Per table, undo_seq tells readers that a
 * rollback changed a node between their tree read and their version
 * check (they read again).
 *
 * Lifetimes: an RCE holds a reference on its transaction; a node lives
 * while it has RCEs; tables outlive their RCEs (a table is freed with its
 * database, after jetk_ver_drop_table() or a full cleanup).
 */
#ifndef _JETK_VERSTORE_H
#define _JETK_VERSTORE_H

#include <linux/hashtable.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct jetk_db;
struct jetk_instance;
struct jetk_session;
struct jetk_table;
struct jetk_verstore;

/* What an RCE records. */
enum jetk_rce_op {
	JETK_RCE_INSERT,
	JETK_RCE_REPLACE,
	JETK_RCE_DELETE,
	JETK_RCE_ESCROW,
	JETK_RCE_READ_LOCK,
	JETK_RCE_WRITE_LOCK,
	JETK_RCE_CREATE_TABLE,
	JETK_RCE_ADD_COLUMN,
	JETK_RCE_DELETE_TABLE,
};

/* What the node was before the change. */
enum jetk_rce_before {
	JETK_BEFORE_SAME,	/* unchanged by the op: locks, escrow */
	JETK_BEFORE_ABSENT,
	JETK_BEFORE_LIVE,
	JETK_BEFORE_DELETED,	/* flag-deleted, with its data */
};

/**
 * struct jetk_snap - a snapshot in use: on vs->active while open
 * @node: on vs->active, in begin0 order [vs->lock]
 * @begin0: the counter when it was taken
 * @procid: the session's number, for reports
 * @started: jiffies when it was taken
 */
struct jetk_snap {
	struct list_head node;
	u64 begin0;
	u32 procid;
	unsigned long started;
};

/**
 * struct jetk_trx - one level-0 transaction, shared by its RCEs
 * @ref: the session (while it runs) and each RCE hold one
 * @snap: its snapshot
 * @commit0: 0 while it runs; its commit time after [vs->lock]
 * @readonly: begun with JET_bitTransactionReadOnly
 * @log_id: its number in the log, 0 until it writes its first record
 *	(wal.c) [the session's calls]
 * @log_first: where that record's batch starts: the checkpoint stays at
 *	or before it while the transaction runs [the session's calls]
 * @log_seq: changes it has logged [the session's calls]
 * @log_node: on the log's list of transactions with records [wal->lock]
 */
struct jetk_trx {
	refcount_t ref;
	struct jetk_snap snap;
	u64 commit0;
	bool readonly;
	u64 log_id;
	u64 log_first;
	u32 log_seq;
	struct list_head log_node;
};

struct jetk_vnode;

/**
 * struct jetk_rce - a revision control entry
 * @chain: on its node's list, newest first [vs->lock]
 * @all: on vs->all, oldest first [vs->lock]
 * @cnode: once committed, on vs->committed, in commit order [vs->lock]
 * @ses_node: on its session's list, newest first [the session's calls]
 * @vn: its node (NULL for DDL)
 * @trx: its transaction (referenced)
 * @t: its table
 * @op: enum jetk_rce_op
 * @before: enum jetk_rce_before
 * @level: the transaction level it belongs to [the session's calls]
 * @pending: linked but the before image not attached yet: readers skip it
 * @charge: bytes counted against the store's limit
 * @columnid: escrow: the column
 * @width: escrow: 4 or 8 bytes
 * @delta: escrow: the value added
 * @added: long values this change referenced (new ones or new references):
 *	let go of by a rollback
 * @nadded: how many
 * @dropped: long values this change stopped referencing: let go of by the
 *	cleanup once nobody can see the before image
 * @ndropped: how many
 * @img: the node's data before the change (LIVE, DELETED)
 * @img_len: its length
 * @vs: the store, while a cleanup pass finishes the RCE
 * @ddl_db: CREATE_TABLE, ADD_COLUMN, DELETE_TABLE: the database
 * @ddl_name: CREATE_TABLE, DELETE_TABLE: the table's name; ADD_COLUMN:
 *	the column's (kmalloc'ed)
 * @log_node: on the session's list of changes the log has not taken yet
 *	(wal.c), oldest first [the session's calls]
 * @lseq: its number in the transaction's undo records; 0: not logged
 */
struct jetk_rce {
	struct list_head chain;
	struct list_head all;
	struct list_head cnode;
	struct list_head ses_node;
	struct jetk_vnode *vn;
	struct jetk_trx *trx;
	struct jetk_table *t;
	u8 op;
	u8 before;
	u8 level;
	bool pending;
	u32 charge;
	u32 columnid;
	u8 width;
	s64 delta;
	u32 *added;
	unsigned int nadded;
	u32 *dropped;
	unsigned int ndropped;
	u8 *img;
	u32 img_len;
	struct jetk_verstore *vs;
	struct jetk_db *ddl_db;
	char *ddl_name;
	struct list_head log_node;
	u32 lseq;
};

/**
 * struct jetk_vnode - the RCEs of one node (a table and a key)
 * @hash: in vs->nodes [vs->lock]
 * @rces: its RCEs, newest first [vs->lock]
 * @t: the table
 * @pins: cleanup passes working on it: it stays while they do [vs->lock]
 * @key_len: the key's length
 * @key: the key
 */
struct jetk_vnode {
	struct hlist_node hash;
	struct list_head rces;
	struct jetk_table *t;
	unsigned int pins;
	u16 key_len;
	u8 key[];
};

/* Version-store counters (debugfs). */
struct jetk_ver_stats {
	atomic64_t cleanup_runs;
	atomic64_t freed;
	atomic64_t bytes_freed;
	atomic64_t write_conflicts;
	atomic64_t commits;
	atomic64_t rollbacks;
	atomic64_t full;
	atomic64_t undo_failures;
};

#define JETK_VER_HASH_BITS	10
/* Commits within this long share one cleanup pass. */
#define JETK_VER_KICK_DELAY_MS	10

/**
 * struct jetk_verstore - an instance's version store
 * @lock: see the top of this file
 * @clean_lock: one cleanup pass at a time
 * @counter: the instance's transaction clock [lock]
 * @active: open snapshots, oldest first [lock]
 * @all: every RCE, oldest first [lock]
 * @committed: RCEs of committed transactions, in commit order: the
 *	cleanup takes them from the head [lock]
 * @nodes: the nodes with RCEs [lock]
 * @live: RCEs in the store [lock]
 * @bytes: bytes they take [lock]
 * @peak: the most @bytes has been [lock]
 * @max: the limit: JET_paramMaxVerPages * JET_paramVerPageSize (constant)
 * @inst: the instance
 * @kick: the cleanup queued by commits and rollbacks (jetk_ver_kick())
 * @stats: counters
 */
struct jetk_verstore {
	spinlock_t lock;		/* see above */
	struct mutex clean_lock;	/* see above */
	u64 counter;
	struct list_head active;
	struct list_head all;
	struct list_head committed;
	DECLARE_HASHTABLE(nodes, JETK_VER_HASH_BITS);
	u64 live;
	u64 bytes;
	u64 peak;
	u64 max;
	struct jetk_instance *inst;
	struct delayed_work kick;
	struct jetk_ver_stats stats;
};

int jetk_ver_cache_init(void);
void jetk_ver_cache_exit(void);
void jetk_ver_init(struct jetk_verstore *vs, struct jetk_instance *inst,
		   u64 max_bytes);
void jetk_ver_destroy(struct jetk_verstore *vs);

/* Snapshots of calls outside a transaction. */
void jetk_ver_call_snap(struct jetk_session *ses);
void jetk_ver_call_unsnap(struct jetk_session *ses);

/* Reading: the node as the session may see it. */
int jetk_ver_view(struct jetk_session *ses, struct jetk_table *t,
		  const u8 *key, unsigned int key_len, u8 node_flags,
		  u8 *data, unsigned int *len, unsigned int max);
unsigned int jetk_ver_seq(struct jetk_table *t);
bool jetk_ver_seq_changed(struct jetk_table *t, unsigned int seq);

/* Writing: reserve, publish the before image, change, or cancel. */
int jetk_ver_reserve(struct jetk_session *ses, struct jetk_table *t,
		     const u8 *key, unsigned int key_len, enum jetk_rce_op op,
		     struct jetk_rce **out);
void jetk_ver_set_lids(struct jetk_rce *rce, u32 *added, unsigned int nadded,
		       u32 *dropped, unsigned int ndropped);
int jetk_ver_publish(struct jetk_session *ses, struct jetk_rce *rce,
		     enum jetk_rce_before before, const u8 *img, u32 img_len);
void jetk_ver_set_escrow(struct jetk_session *ses, struct jetk_rce *rce,
			 u32 columnid, u8 width, s64 delta);
void jetk_ver_cancel(struct jetk_session *ses, struct jetk_rce *rce);
int jetk_ver_ddl(struct jetk_session *ses, struct jetk_db *db,
		 struct jetk_table *t, const char *name, enum jetk_rce_op op);
int jetk_ver_release_db(struct jetk_verstore *vs, struct jetk_db *db,
			bool force);
bool jetk_ver_table_busy(struct jetk_verstore *vs, struct jetk_table *t);
void jetk_ver_drop_table(struct jetk_verstore *vs, struct jetk_table *t);

void jetk_trx_put(struct jetk_trx *trx);
int jetk_ver_trx_start(struct jetk_session *ses, bool readonly);
u64 jetk_ver_trx_commit(struct jetk_session *ses);
void jetk_ver_trx_abort(struct jetk_session *ses);

/* Transactions (transaction.c). */
int jetk_trx_begin(struct jetk_session *ses, u32 grbit);
int jetk_trx_commit(struct jetk_session *ses, u32 grbit, u32 cmsec,
		    s64 *commit_id);
int jetk_trx_rollback(struct jetk_session *ses, u32 grbit);
void jetk_trx_rollback_all(struct jetk_session *ses);
int jetk_trx_sub_begin(struct jetk_session *ses);
void jetk_trx_sub_end(struct jetk_session *ses, int err);
bool jetk_trx_any_open(struct jetk_instance *inst);
int jetk_trx_escrow_subtract(struct jetk_table *t, const u8 *key,
			     unsigned int key_len, u32 columnid, u8 width,
			     s64 delta, struct jetk_session *ses,
			     struct jetk_rce *rce);

/* Cleanup. */
void jetk_ver_cleanup(struct jetk_verstore *vs);
void jetk_ver_kick(struct jetk_verstore *vs);
void jetk_ver_stop(struct jetk_verstore *vs);
void jetk_ver_apply_escrow(struct jetk_table *t, u8 *rec, unsigned int len,
			   u32 columnid, u8 width, s64 delta);

/**
 * struct jetk_ver_report - the store's state, for counters
 */
struct jetk_ver_report {
	u64 live;
	u64 bytes;
	u64 peak;
	u64 max;
	u32 oldest_procid;
	u64 oldest_age_ms;
};

void jetk_ver_report(struct jetk_verstore *vs, struct jetk_ver_report *r);

#endif /* _JETK_VERSTORE_H */
