/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Online defragmentation (ESE's OLD, ref/ese-api.md 7): JetDefragment's
 * BatchStart queues a work item per database that walks the trees of
 * every user table (the record tree, the long-value tree, their space
 * trees) and the database's own space trees, leaf by leaf, merging
 * under-full neighbours (jetk_bt_merge_right()).  A pass is one walk;
 * the work runs JetDefragment's passes and seconds, or until BatchStop,
 * the database's detach, JetTerm, or JetStopServiceInstance (which ends
 * it with JET_errClientRequestToStopJetService);
 * Stop2(BackgroundUserTasks) pauses it and Resume restarts it.
 *
 * Each step is one merge (or one move along the walk) inside the
 * instance's log op (wal.h), with the tree's write lock for the merge
 * only: the cache logs the pages it changes, so a crash in the middle
 * recovers like any other change.  Keys never change and nothing keeps
 * a page number across calls (cursors and the version store find
 * records by key), so a merge hides nothing from a transaction.
 *
 * Locking and lifetime: a struct jetk_defrag is made by the first
 * BatchStart on a database and lives on inst->defrags until the
 * database is detached or the instance terminated, which end its work
 * first.  Starting and ending (BatchStart, BatchStop, detach, the stop
 * work item, JetTerm) hold inst->db_lock, so they are serialised and the
 * database stays attached while the work runs; they wait for the work
 * with no other lock held but db_lock, which the work never takes.  The
 * work itself takes the log op, then the table and tree locks of one
 * step, then inst->lock alone (to read the instance's state and to
 * record how the run ended).
 */
#ifndef _JETK_DEFRAG_H
#define _JETK_DEFRAG_H

#include <linux/list.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include "btree.h"
#include "table.h"

struct jetk_call;
struct jetk_database;
struct jetk_instance;

/* JetDefragment grbits (ref/ese-api.md 7.1). */
#define JETK_DEFRAG_BATCH_START		0x00000001U
#define JETK_DEFRAG_BATCH_STOP		0x00000002U
#define JETK_DEFRAG_SPACE_TREES_ONLY	0x00000040U
#define JETK_DEFRAG_NO_PARTIAL_MERGES	0x00000080U
#define JETK_DEFRAG_BTREE		0x00000100U
#define JETK_DEFRAG_BTREE_BATCH		0x00000200U

/* JET_paramEnableOnlineDefrag values. */
#define JETK_OLD_DISABLE		0x0U
#define JETK_OLD_ALL_OBSOLETE		0x1U
#define JETK_OLD_DATABASES		0x2U
#define JETK_OLD_SPACE_TREES		0x4U

/* JET_wrnDefragAlreadyRunning, JET_wrnDefragNotRunning */
#define JETK_WRN_DEFRAG_ALREADY_RUNNING	2000
#define JETK_WRN_DEFRAG_NOT_RUNNING	2001

/* Steps one run of the work item takes at most before it yields. */
#define JETK_DEFRAG_SLICE_MS		10
/* A pass that changed nothing: the next one starts this much later. */
#define JETK_DEFRAG_IDLE_MS		200

/**
 * struct jetk_defrag - online defragmentation of one database
 * @node: on inst->defrags
 * @inst: the instance (constant)
 * @d: the database (constant; it stays attached while this exists)
 * @work: the walk, a slice at a time
 * @running: a run is on (started, not ended) [inst->lock]
 * @stop: the run is being ended: the work returns at its next check
 *	[written under inst->db_lock, read by the work]
 * @grbit: BatchStart's JETK_DEFRAG_SPACE_TREES_ONLY and
 *	JETK_DEFRAG_NO_PARTIAL_MERGES [inst->db_lock; constant while running]
 * @passes_max: passes to run, 0 until stopped [as @grbit]
 * @secs_max: seconds to run, 0 without limit [as @grbit]
 * @start_ns: when the run started [as @grbit]
 * @passes: passes done [inst->lock]
 * @status: how the last run ended, a JET_ERR [inst->lock]
 * @changed: the current pass merged something [the work]
 * @objid: the table the walk is in, 0 before the first [the work]
 * @in_table: the walk is in table @objid, else looking for the next one
 *	or, when @objid is ~0, in the database's space trees [the work]
 * @name: table @objid's name [the work]
 * @tree: which tree of the table (or of the database) [the work]
 * @key: where in that tree [the work]
 * @key_len: its length [the work]
 */
struct jetk_defrag {
	struct list_head node;
	struct jetk_instance *inst;
	struct jetk_database *d;
	struct delayed_work work;
	bool running;
	bool stop;
	u32 grbit;
	u32 passes_max;
	u32 secs_max;
	u64 start_ns;
	u32 passes;
	int status;
	bool changed;
	u32 objid;
	bool in_table;
	char name[JETK_NAME_MOST + 1];
	unsigned int tree;
	u8 key[JETK_BT_KEY_MAX];
	unsigned int key_len;
};

int jetk_ioc_defragment(struct jetk_call *call, void *arg);
void jetk_defrag_end_all(struct jetk_instance *inst);
void jetk_defrag_forget(struct jetk_instance *inst, struct jetk_database *d);
void jetk_defrag_forget_all(struct jetk_instance *inst);
void jetk_defrag_resume(struct jetk_instance *inst);

#endif /* _JETK_DEFRAG_H */
