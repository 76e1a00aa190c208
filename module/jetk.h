/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * jetk internal interfaces: the objects behind /dev/jetk and who owns them.
 *
 * Objects and lifetimes
 * ---------------------
 * struct jetk_file      one per open file description of /dev/jetk; ESE's
 *                       "process": the run mode, the process-wide parameter
 *                       defaults and the handle namespace.  Freed by the
 *                       file's release, after every instance was terminated.
 * struct jetk_instance  JET_INSTANCE.  kref'd: the file's handle table holds
 *                       one reference from JetCreateInstance until the
 *                       instance is terminated; each session and each call
 *                       in flight holds one more.
 * struct jetk_session   JET_SESID.  kref'd: the handle table holds one until
 *                       JetEndSession or termination; a call in flight holds
 *                       one more.  A session holds a reference on its
 *                       instance.
 *
 * Handles are looked up under the xarray's lock and referenced before the
 * lock is dropped; erasing a handle happens before its reference is put, so
 * an object found in a table always has a reference to take.
 *
 * Lock ordering (outermost first)
 * -------------------------------
 *   jf->lock  ->  inst->lock  ->  xa_lock(&jf->sessions / &jf->instances)
 *   inst->db_lock  ->  inst->lock  (attach and detach do I/O under db_lock)
 *   inst->gate.lock is a leaf spinlock, taken with nothing else required.
 * No call holds a mutex while it waits for the gate to drain (JetTerm).
 *
 * Storage, below the instance (each file documents its own locks):
 *   inst->lock (closing a session's cursors)  ->  db->tables_lock (DDL,
 *     the table list)  ->  table->ddl (held shared by record calls)
 *     ->  table->seq_lock / table->lv_lock  ->  the trees below
 *   Version store (verstore.h): db_lock / tables_lock -> vs->clean_lock
 *     -> tree locks; vs->lock is a leaf spinlock.  A table's escrow_lock
 *     nests inside its ddl and outside its tree's lock.
 *   bt->lock of an object's tree (a table, an index, the catalog)
 *     ->  space->lock (child before parent: mutex_lock_nested by depth)
 *       ->  bt->lock of a space tree (its own lock class)
 *         ->  cache->files_rwsem  ->  cache->lock
 * Frame state bits (READING, WRITING) are waited on with no lock held;
 * bio completion takes no lock at all.
 */
#ifndef _JETK_JETK_H
#define _JETK_JETK_H

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include <linux/jetk.h>

#include "compat.h"
#include "jeterr.h"
#include "verstore.h"

struct dentry;
struct jetk_cache;
struct jetk_wal;
struct miscdevice;

/* ESE constants the module needs (values from esent.h). */
#define JETK_HANDLE_NIL			(~0ULL)
#define JETK_TRX_LEVEL_MAX		7

/* JetStopServiceInstance2 grbits. */
#define JETK_STOP_ALL			0x00000000U
#define JETK_STOP_ALL_INTERNAL		0x00000001U	/* recorded, never passed */
#define JETK_STOP_BACKGROUND_USER_TASKS	0x00000002U
#define JETK_STOP_QUIESCE_CACHES	0x00000004U
#define JETK_STOP_AND_EMIT_LOG		0x00000008U
#define JETK_STOP_RESUME		0x80000000U
#define JETK_STOP_VALID_GRBITS		(JETK_STOP_BACKGROUND_USER_TASKS | \
					 JETK_STOP_QUIESCE_CACHES | \
					 JETK_STOP_AND_EMIT_LOG | JETK_STOP_RESUME)
#define JETK_STOP_RESUMABLE		(JETK_STOP_BACKGROUND_USER_TASKS | \
					 JETK_STOP_QUIESCE_CACHES)

/* The legacy JetStopServiceInstance lowers the checkpoint depth to this. */
#define JETK_STOP_CHECKPOINT_DEPTH	16384

/* JetTerm2 grbits. */
#define JETK_TERM_COMPLETE		0x1U
#define JETK_TERM_ABRUPT		0x2U
#define JETK_TERM_STOP_BACKUP		0x4U
#define JETK_TERM_DIRTY			0x8U
#define JETK_TERM_VALID_GRBITS		0xfU

/* JetInit2/3 grbits ESE defines (public and private), 0x1 ... 0x4000. */
#define JETK_INIT_VALID_GRBITS		0x7fffU

#define JETK_END_SESSION_FORCE_CLOSED	0x1U

/* ------------------------------------------------------------------ gate */

/*
 * The stop-service gate of one instance (gate.c).  JetStopServiceInstance
 * sets STOPPED: from then on only calls marked exempt are admitted.  JetTerm
 * sets CLOSING, which refuses every call, and waits for the calls inside.
 */
#define JETK_GATE_STOPPED	0x1U
#define JETK_GATE_CLOSING	0x2U

struct jetk_gate {
	spinlock_t lock;		/* leaf; protects state, inflight */
	unsigned int state;		/* [lock] JETK_GATE_* */
	unsigned int inflight;		/* [lock] calls admitted, not exited */
	wait_queue_head_t drained;	/* woken when inflight drops to 0 */
	atomic64_t refused;		/* calls refused because of STOPPED */
#ifdef CONFIG_LOCKDEP
	struct lockdep_map dep_map;	/* calls read-hold it, term writes */
#endif
};

void jetk_gate_init(struct jetk_gate *gate);
int __must_check jetk_gate_enter(struct jetk_gate *gate, bool exempt);
void jetk_gate_exit(struct jetk_gate *gate);
bool jetk_gate_stop(struct jetk_gate *gate);
bool jetk_gate_is_stopped(struct jetk_gate *gate);
int __must_check jetk_gate_close(struct jetk_gate *gate);
void jetk_gate_close_idle(struct jetk_gate *gate);
void jetk_gate_reopen(struct jetk_gate *gate);
unsigned int jetk_gate_inflight(struct jetk_gate *gate);

/* ------------------------------------------------------------ parameters */

#define JETK_PARAM_COUNT	221	/* JET_paramMaxValueInvalid */

/* Well-known JET_param ids the engine reads. */
enum {
	JETK_PARAM_SYSTEM_PATH		= 0,
	JETK_PARAM_TEMP_PATH		= 1,
	JETK_PARAM_LOG_FILE_PATH	= 2,
	JETK_PARAM_MAX_SESSIONS		= 5,
	JETK_PARAM_MAX_VER_PAGES	= 9,
	JETK_PARAM_LOG_FILE_SIZE	= 11,
	JETK_PARAM_LOG_BUFFERS		= 12,
	JETK_PARAM_CIRCULAR_LOG		= 17,
	JETK_PARAM_DB_EXTENSION_SIZE	= 18,
	JETK_PARAM_CACHE_SIZE_MAX	= 23,
	JETK_PARAM_CHECKPOINT_DEPTH_MAX	= 24,
	JETK_PARAM_RECOVERY		= 34,
	JETK_PARAM_ENABLE_ONLINE_DEFRAG	= 35,
	JETK_PARAM_TRANSACTION_LEVEL	= 38,
	JETK_PARAM_CACHE_SIZE_MIN	= 60,
	JETK_PARAM_DATABASE_PAGE_SIZE	= 64,
	JETK_PARAM_MAX_INSTANCES	= 104,
	JETK_PARAM_VER_PAGE_SIZE	= 128,
};

enum jetk_param_type {
	JETK_PT_NONE = 0,	/* not a parameter id */
	JETK_PT_INT,
	JETK_PT_BOOL,
	JETK_PT_GRBIT,
	JETK_PT_BLOCKSIZE,	/* power of two within [min, max] */
	JETK_PT_STRING,
	JETK_PT_PTR,		/* userspace pointer value, stored as is */
	JETK_PT_READONLY,	/* computed by the engine */
};

#define JETK_PF_GLOBAL		0x1	/* process-wide, not per instance */
#define JETK_PF_FROZEN		0x2	/* not settable after init */
#define JETK_PF_FROZEN_CREATE	0x4	/* not settable once an instance exists */
#define JETK_PF_NO_EFFECT	0x8	/* stored and returned; jetk has no use */

/**
 * struct jetk_param_desc - one row of the JET_param table
 * @name: esent.h name without the JET_param prefix
 * @type: JETK_PT_*
 * @flags: JETK_PF_*
 * @def: default integer value
 * @min: smallest valid value (integers) or length (strings)
 * @max: largest valid value (integers) or length (strings)
 * @sdef: default string value
 */
struct jetk_param_desc {
	const char *name;
	u8 type;
	u8 flags;
	u64 def;
	u64 min;
	u64 max;
	const char *sdef;
};

/* Parameter values of one instance or of a file's process-wide defaults. */
struct jetk_params {
	u64 val[JETK_PARAM_COUNT];
	char *str[JETK_PARAM_COUNT];	/* kmalloc'ed; NULL = empty */
};

const struct jetk_param_desc *jetk_param_desc(u32 id);
int __must_check jetk_params_init(struct jetk_params *p);
int __must_check jetk_params_copy(struct jetk_params *dst,
				  const struct jetk_params *src);
void jetk_params_free(struct jetk_params *p);
int jetk_param_check(u32 id, u64 value, const char *str, size_t len);
bool jetk_param_equal(const struct jetk_params *p, u32 id, u64 value,
		      const char *str);
int __must_check jetk_param_store(struct jetk_params *p, u32 id, u64 value,
				  const char *str, size_t len);

/* -------------------------------------------------------------- objects */

/*
 * ESE's run modes.  The mode is chosen by the first JetInit (one-instance),
 * JetCreateInstance or JetEnableMultiInstance (multi-instance) and returns
 * to unset when the last instance goes.
 */
enum jetk_run_mode {
	JETK_MODE_UNSET = 0,	/* no instance exists */
	JETK_MODE_SINGLE,	/* legacy JetInit: one implicit instance */
	JETK_MODE_MULTI,	/* JetCreateInstance, JetEnableMultiInstance */
};

/**
 * struct jetk_file - per open file description of /dev/jetk
 * @lock: protects @mode, @single, @instance_list, @ninstances and @globals
 * @api_done: set once by the JETK_IOC_API handshake (smp_store_release)
 * @mode: the ESE run mode of this "process"
 * @single: the implicit instance in JETK_MODE_SINGLE
 * @instance_list: every instance not yet terminated, by creation order
 * @ninstances: length of @instance_list
 * @globals: process-wide parameters and defaults for new instances
 * @instances: handle -> struct jetk_instance; holds a reference each
 * @sessions: handle -> struct jetk_session; holds a reference each
 * @next_session: cursor for cyclic session handle allocation
 */
struct jetk_file {
	struct mutex lock;		/* see above */
	bool api_done;
	enum jetk_run_mode mode;
	struct jetk_instance *single;
	struct list_head instance_list;
	unsigned int ninstances;
	struct jetk_params globals;
	struct xarray instances;
	struct xarray sessions;
	u32 next_session;
};

enum jetk_inst_state {
	JETK_INST_CREATED = 0,	/* JetCreateInstance, not initialised */
	JETK_INST_RUNNING,	/* JetInit succeeded */
	JETK_INST_TERMINATING,	/* JetTerm is draining or tearing down */
	JETK_INST_DEAD,		/* terminated; only stale references remain */
};

/* Per-instance counters, shown in debugfs (stats.c). */
struct jetk_inst_stats {
	atomic64_t stop_calls;		/* successful stop calls, any variant */
	atomic64_t resume_calls;	/* successful Stop2(Resume) calls */
	atomic64_t defrag_stop_runs;	/* runs of the defrag-stop item */
	atomic64_t ver_cleanup_runs;	/* runs of the version-cleanup item */
	atomic64_t flush_runs;		/* runs of the flush item */
	atomic64_t flush_depth_before;	/* checkpoint depth when it last ran */
	atomic64_t flush_depth_after;	/* ... and when it was done */
	atomic64_t flush_pages;		/* pages its checkpoint runs wrote */
	atomic64_t defrag_running;	/* databases online defrag runs on */
	atomic64_t defrag_passes;	/* passes completed (defrag.c) */
	atomic64_t defrag_pages_merged;	/* full merges: a leaf emptied */
	atomic64_t defrag_pages_moved;	/* partial merges: nodes moved left */
	atomic64_t defrag_pages_freed;	/* pages merges gave back */
	atomic64_t defrag_stops;	/* runs ended by a stop of the service */
	atomic64_t sessions_begun;
	atomic64_t sessions_ended;
};

/**
 * struct jetk_instance - JET_INSTANCE
 * @ref: lifetime (see the top of this file)
 * @jf: the owning file; outlives the instance's handle
 * @handle: the JET_INSTANCE value; module-wide unique (instance_ida)
 * @name: JetCreateInstance's name, or NULL
 * @display_name: JetCreateInstance2's display name, or NULL
 * @node: in @jf->instance_list [jf->lock]
 * @lock: protects @state, @stop_mask, @quiesce, @bg_paused, @params,
 *	@session_list, @nsessions, @next_procid
 * @state: enum jetk_inst_state; written under @lock, read with READ_ONCE
 * @gate: the stop-service gate; its own leaf lock
 * @stop_mask: what JetStopServiceInstance2 stopped (JETK_STOP_* bits)
 * @quiesce: QuiesceCaches in force: checkpoint depth target is 0
 * @bg_paused: background user tasks (B+-tree defrag) paused
 * @params: this instance's JET_param values
 * @session_list: live sessions
 * @nsessions: length of @session_list
 * @next_procid: session number handed to the next JetBeginSession
 * @defrag_stop_work: stops online defragmentation
 * @ver_cleanup_work: starts version-store cleanup
 * @flush_work: flushes dirty pages toward the checkpoint-depth target
 * @flush_target: the depth target the last flush run aimed at (bytes)
 * @db_lock: serialises attaching and detaching databases and starting
 *	and ending online defragmentation (defrag.h); taken outside @lock
 * @databases: attached databases (struct jetk_database); changed under
 *	@db_lock and @lock, read under either
 * @cache: the buffer cache of the instance's databases: created by
 *	JetInit, destroyed by the teardown after the works and the debugfs
 *	file are gone; NULL before JetInit
 * @vs: the version store: set up with the instance, emptied by JetTerm
 *	after the sessions ended (verstore.h documents its locking)
 * @wal: the log (wal.h), or NULL when it runs without one; set at JetInit,
 *	freed at the end of JetTerm
 * @defrags: online defragmentation of each database it ever ran on
 *	(struct jetk_defrag, defrag.h): added under @db_lock and @lock, read
 *	under either; an entry goes when its database is detached or at
 *	JetTerm, after its work has ended
 * @stats: counters
 * @debugfs: jetk/instance<handle>/ in debugfs, or NULL
 *
 * The work items are queued only while @state is RUNNING (checked under
 * @lock) and are cancelled by JetTerm after it moved @state on, so no work
 * runs on a dead instance.
 */
struct jetk_instance {
	struct kref ref;
	struct jetk_file *jf;
	u64 handle;
	char *name;
	char *display_name;
	struct list_head node;

	struct mutex lock;		/* see above */
	enum jetk_inst_state state;
	struct jetk_gate gate;
	u32 stop_mask;
	bool quiesce;
	bool bg_paused;
	struct jetk_params params;
	struct list_head session_list;
	unsigned int nsessions;
	u32 next_procid;

	struct work_struct defrag_stop_work;
	struct work_struct ver_cleanup_work;
	struct work_struct flush_work;
	atomic64_t flush_target;
	struct mutex db_lock;		/* see above */
	struct list_head databases;
	struct jetk_cache *cache;
	struct jetk_verstore vs;
	struct jetk_wal *wal;
	struct list_head defrags;

	struct jetk_inst_stats stats;
	struct dentry *debugfs;
};

/**
 * struct jetk_session - JET_SESID
 * @ref: lifetime (see the top of this file)
 * @inst: the instance; the session holds a reference on it
 * @handle: the JET_SESID value
 * @procid: number of the session within its instance
 * @in_api: 1 while a call runs in this session (ESE's session sharing rule)
 * @ended: set once, under @inst->lock, by JetEndSession or termination
 * @node: in @inst->session_list [inst->lock]
 * @context: JetSetSessionContext's value [owned by the call in @in_api]
 * @context_tid: thread that set @context, 0 when none [as @context]
 * @open_dbs: bit n: database n is open in the session [inst->lock]
 * @cursors: JET_TABLEIDs: see cursor.h
 * @level: transaction level: 0 outside, up to JETK_TRX_LEVEL_MAX (one
 *	more inside a change's internal level) [the session's calls; they
 *	write it with WRITE_ONCE(): JetTerm, the session info and the
 *	rollback at an instance's end read it from other threads]
 * @trx: the level-0 transaction while @level > 0 [as @level]
 * @rces: the transaction's RCEs, newest first [as @level]
 * @call_snap: the snapshot a call outside a transaction reads under
 * @call_snapped: @call_snap is on the version store's list [as @level]
 * @log_pending: changes of the transaction the log has not taken yet
 *	(wal.c), oldest first [as @level]
 * @wal_lsn: where the log must be durable for the last commit [as @level]
 */
struct jetk_session {
	struct kref ref;
	struct jetk_instance *inst;
	u64 handle;
	u32 procid;
	atomic_t in_api;
	bool ended;
	struct list_head node;
	u64 context;
	pid_t context_tid;
	unsigned long open_dbs;
	struct xarray cursors;
	unsigned int level;
	struct jetk_trx *trx;
	struct list_head rces;
	struct jetk_snap call_snap;
	bool call_snapped;
	struct list_head log_pending;
	u64 wal_lsn;
};

/* Session handles live above 2^32 so they never equal an instance handle. */
#define JETK_SESID_BASE		BIT_ULL(32)

/* ------------------------------------------------------------- ioctls */

#define JETK_IOCF_STOP_EXEMPT	0x1	/* admitted after JetStopService */
#define JETK_IOCF_PRE_API	0x2	/* allowed before the handshake */
#define JETK_IOCF_NO_OP		0x4	/* takes the log op itself (wal.h) */
#define JETK_IOCF_LOGS		0x8	/* adds changes: refused on a full log */

struct jetk_call;
typedef int (*jetk_ioctl_fn)(struct jetk_call *call, void *arg);

/**
 * struct jetk_ioctl_desc - one row of the dispatcher's table
 * @cmd: the full ioctl number (direction, size, type, nr)
 * @fn: handler; gets a kernel copy of the argument struct
 * @flags: JETK_IOCF_*: the command's policy
 * @jet_name: the Jet API call(s) it carries, for logs and tests
 */
struct jetk_ioctl_desc {
	unsigned int cmd;
	jetk_ioctl_fn fn;
	unsigned int flags;
	const char *jet_name;
};

/**
 * struct jetk_call - one ioctl in flight
 * @jf: the file it arrived on
 * @desc: its table row
 * @inst: the instance it entered, referenced and admitted by the gate
 * @ses: the session it entered, referenced and marked in_api
 * @op: it holds the instance's log op (wal.h): it may change pages
 */
struct jetk_call {
	struct jetk_file *jf;
	const struct jetk_ioctl_desc *desc;
	struct jetk_instance *inst;
	struct jetk_session *ses;
	bool op;
};

struct jetk_file *jetk_file_alloc(void);
void jetk_file_free(struct jetk_file *jf);
const struct jetk_ioctl_desc *jetk_ioctl_desc(unsigned int nr);
unsigned int jetk_ioctl_count(void);

/* ----------------------------------------------------------- functions */

extern struct workqueue_struct *jetk_wq;
extern struct miscdevice jetk_misc;

/* instance.c */
struct jetk_instance *jetk_instance_get(struct jetk_file *jf, u64 handle);
void jetk_instance_put(struct jetk_instance *inst);
int jetk_instance_create(struct jetk_file *jf, const char *name,
			 const char *display_name, u64 *handle);
struct jetk_wal_rdb;
int jetk_instance_init_log(struct jetk_file *jf, u64 *handle, u32 grbit,
			   u32 flags, struct file *logf, int log_err,
			   struct jetk_wal_rdb *rdbs, unsigned int nrdbs);
int jetk_instance_init(struct jetk_file *jf, u64 *handle, u32 grbit,
		       u32 flags);
/**
 * struct jetk_term_report - what JetTerm tells about the databases it
 *	detached
 * @n: entries
 * @names: names of databases the caller asks about
 * @used: out: their sizes after a clean detach, else 0
 * @handle: out: the handle of the instance terminated, else 0
 */
struct jetk_term_report {
	unsigned int n;
	char *names[JETK_TERM_DBS_MAX];
	u64 used[JETK_TERM_DBS_MAX];
	u64 handle;
};

int jetk_instance_term(struct jetk_file *jf, u64 handle, u32 grbit);
int jetk_instance_term_report(struct jetk_file *jf, u64 handle, u32 grbit,
			      struct jetk_term_report *rep);
void jetk_instance_term_all(struct jetk_file *jf);
int __must_check jetk_call_enter_instance(struct jetk_call *call, u64 handle);
void jetk_call_exit(struct jetk_call *call);
void jetk_call_op_end(struct jetk_call *call);
int jetk_call_op_begin(struct jetk_call *call);
void jetk_ida_destroy(void);

/* stop.c */
int jetk_stop_service(struct jetk_file *jf, u64 handle, u32 variant,
		      u32 grbit);
void jetk_stop_works_init(struct jetk_instance *inst);
void jetk_stop_works_cancel(struct jetk_instance *inst);

/* session.c */
int __must_check jetk_call_enter_session(struct jetk_call *call, u64 sesid);

bool jetk_is_zero(const void *p, size_t n);
#define JETK_RESERVED_ZERO(a)	jetk_is_zero((a)->reserved, sizeof((a)->reserved))
int jetk_copy_string(u64 uptr, u32 len, u32 max, char **out, int *errp);

/* The table and cursor calls (table_ioctl.c). */
int jetk_ioc_create_table(struct jetk_call *call, void *arg);
int jetk_ioc_open_table(struct jetk_call *call, void *arg);
int jetk_ioc_close_table(struct jetk_call *call, void *arg);
int jetk_ioc_delete_table(struct jetk_call *call, void *arg);
int jetk_ioc_column_change(struct jetk_call *call, void *arg);
int jetk_ioc_get_info(struct jetk_call *call, void *arg);
int jetk_ioc_create_index(struct jetk_call *call, void *arg);
int jetk_ioc_prepare_update(struct jetk_call *call, void *arg);
int jetk_ioc_set_columns(struct jetk_call *call, void *arg);
int jetk_ioc_update(struct jetk_call *call, void *arg);
int jetk_ioc_delete(struct jetk_call *call, void *arg);
int jetk_ioc_retrieve_columns(struct jetk_call *call, void *arg);
int jetk_ioc_move(struct jetk_call *call, void *arg);
int jetk_ioc_make_key(struct jetk_call *call, void *arg);
int jetk_ioc_seek(struct jetk_call *call, void *arg);
int jetk_ioc_index_record_count(struct jetk_call *call, void *arg);
int jetk_ioc_escrow_update(struct jetk_call *call, void *arg);
int jetk_ioc_get_lock(struct jetk_call *call, void *arg);

/* transaction.c */
int jetk_ioc_begin_transaction(struct jetk_call *call, void *arg);
int jetk_ioc_commit_transaction(struct jetk_call *call, void *arg);
int jetk_ioc_rollback(struct jetk_call *call, void *arg);
int jetk_ioc_idle(struct jetk_call *call, void *arg);
int jetk_session_begin(struct jetk_call *call, u64 *sesid);
void jetk_session_put(struct jetk_session *ses);
int jetk_session_end(struct jetk_call *call, u32 grbit);
void jetk_session_end_all(struct jetk_instance *inst);
int jetk_session_set_context(struct jetk_call *call, u64 context);
int jetk_session_reset_context(struct jetk_call *call);

/* param.c */

/**
 * struct jetk_param_req - one parameter of JetEnableMultiInstance
 * @id: JET_param id
 * @value: lParam
 * @str: NUL-terminated kernel copy of the string, or NULL
 * @len: strlen(@str)
 * @err: out: its JET_ERR, when the call reached it
 */
struct jetk_param_req {
	u32 id;
	u64 value;
	char *str;
	size_t len;
	int err;
};

int jetk_param_set(struct jetk_file *jf, u64 instance, u64 sesid, u32 id,
		   u64 value, const char *str, size_t len);
int jetk_param_set_target(struct jetk_file *jf, u64 instance, u64 sesid,
			  u32 id, u64 value, const char *str, size_t len,
			  u64 *target);
int jetk_param_enable_multi(struct jetk_file *jf, struct jetk_param_req *reqs,
			    unsigned int n, unsigned int *nset);
int jetk_param_get(struct jetk_file *jf, u64 instance, u64 sesid, u32 id,
		   u64 *value, char *str, size_t str_len, size_t *actual);

/* stats.c */
int __must_check jetk_debugfs_init(void);
void jetk_debugfs_exit(void);
void jetk_stats_add(struct jetk_instance *inst);
void jetk_stats_remove(struct jetk_instance *inst);

#endif /* _JETK_JETK_H */
