// SPDX-License-Identifier: GPL-2.0-only
/*
 * JetStopService, JetStopServiceInstance and JetStopServiceInstance2.
 *
 * The call validates everything first and then takes its steps, none of
 * which can fail, so a failing call changes nothing.  The steps, per ESE:
 * stop online defragmentation, start version-store cleanup, flush dirty
 * pages toward a lower checkpoint depth (all three as work items on
 * jetk_wq, never waited for), and close the gate to most calls.
 *
 * The version-store cleanup item runs a cleanup pass; the flush item sets
 * the log's checkpoint-depth target (16384 bytes after the legacy call, 0
 * with QuiesceCaches, JET_paramCheckpointDepthMax after Resume) and runs
 * the checkpoint toward it (wal.h).  The defragmentation item ends every
 * online defragmentation run (defrag.h) with
 * JET_errClientRequestToStopJetService; BackgroundUserTasks only pauses
 * them (inst->bg_paused, which their work reads) and Resume queues them
 * again.
 */
#include <linux/workqueue.h>

#include "cache.h"
#include "defrag.h"
#include "jetk.h"
#include "wal.h"

static void jetk_defrag_stop_fn(struct work_struct *work)
{
	struct jetk_instance *inst = container_of(work, struct jetk_instance,
						  defrag_stop_work);

	atomic64_inc(&inst->stats.defrag_stop_runs);
	jetk_defrag_end_all(inst);
}

static void jetk_ver_cleanup_fn(struct work_struct *work)
{
	struct jetk_instance *inst = container_of(work, struct jetk_instance,
						  ver_cleanup_work);

	atomic64_inc(&inst->stats.ver_cleanup_runs);
	jetk_wal_op_lock(inst);
	jetk_ver_cleanup(&inst->vs);
	jetk_wal_op_unlock(inst);
}

static void jetk_flush_fn(struct work_struct *work)
{
	struct jetk_instance *inst = container_of(work, struct jetk_instance,
						  flush_work);
	u64 target;

	mutex_lock(&inst->lock);
	target = inst->quiesce ? 0 :
		 inst->params.val[JETK_PARAM_CHECKPOINT_DEPTH_MAX];
	mutex_unlock(&inst->lock);
	atomic64_set(&inst->flush_target, target);
	if (inst->wal) {
		struct jetk_wal_report r;
		u64 pages;

		/* Write the oldest pages until the checkpoint is that close. */
		jetk_wal_report(inst, &r);
		atomic64_set(&inst->stats.flush_depth_before, r.depth);
		pages = atomic64_read(&inst->wal->stats.ckpt_pages);
		jetk_wal_set_depth(inst, target);
		jetk_wal_checkpoint_now(inst);
		jetk_wal_report(inst, &r);
		atomic64_set(&inst->stats.flush_depth_after, r.depth);
		atomic64_add(atomic64_read(&inst->wal->stats.ckpt_pages) -
			     pages, &inst->stats.flush_pages);
	} else if (inst->cache) {
		/* Without a log the depth is the dirty data itself. */
		jetk_cache_kick(inst->cache);
	}
	atomic64_inc(&inst->stats.flush_runs);
}

/**
 * jetk_stop_works_init() - initialise an instance's stop-service work items
 * @inst: the instance, being created
 */
void jetk_stop_works_init(struct jetk_instance *inst)
{
	INIT_LIST_HEAD(&inst->defrags);
	INIT_WORK(&inst->defrag_stop_work, jetk_defrag_stop_fn);
	INIT_WORK(&inst->ver_cleanup_work, jetk_ver_cleanup_fn);
	INIT_WORK(&inst->flush_work, jetk_flush_fn);
	atomic64_set(&inst->flush_target,
		     jetk_param_desc(JETK_PARAM_CHECKPOINT_DEPTH_MAX)->def);
}

/**
 * jetk_stop_works_cancel() - wait until no stop-service work runs
 * @inst: the instance, whose state is no longer RUNNING so that nothing
 *	queues the items again
 */
void jetk_stop_works_cancel(struct jetk_instance *inst)
{
	cancel_work_sync(&inst->defrag_stop_work);
	/* JetTerm ends online defragmentation, before any detach. */
	jetk_defrag_forget_all(inst);
	cancel_work_sync(&inst->ver_cleanup_work);
	cancel_work_sync(&inst->flush_work);
	jetk_ver_stop(&inst->vs);
}

static void jetk_stop_legacy(struct jetk_instance *inst)
{
	lockdep_assert_held(&inst->lock);
	queue_work(jetk_wq, &inst->defrag_stop_work);
	queue_work(jetk_wq, &inst->ver_cleanup_work);
	/* A persistent change: JetGetSystemParameter shows it afterwards. */
	inst->params.val[JETK_PARAM_CHECKPOINT_DEPTH_MAX] =
		JETK_STOP_CHECKPOINT_DEPTH;
	queue_work(jetk_wq, &inst->flush_work);
	jetk_gate_stop(&inst->gate);
}

static int jetk_stop_resume(struct jetk_instance *inst, u32 grbit)
{
	u32 bits = grbit & ~JETK_STOP_RESUME;

	lockdep_assert_held(&inst->lock);
	if (!bits)
		bits = inst->stop_mask;
	if (bits & JETK_STOP_AND_EMIT_LOG)
		return JETK_ERR_INVALID_GRBIT;
	/* Stopping everything cannot be undone: the gate stays closed. */
	if (bits & ~JETK_STOP_RESUMABLE)
		return JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE;
	if (bits & JETK_STOP_QUIESCE_CACHES) {
		/* The normal checkpoint depth target again. */
		inst->quiesce = false;
		queue_work(jetk_wq, &inst->flush_work);
	}
	if (bits & JETK_STOP_BACKGROUND_USER_TASKS) {
		inst->bg_paused = false;
		jetk_defrag_resume(inst);
	}
	inst->stop_mask &= ~bits;
	atomic64_inc(&inst->stats.resume_calls);
	return 0;
}

static void jetk_stop2(struct jetk_instance *inst, u32 grbit)
{
	lockdep_assert_held(&inst->lock);
	if (grbit == JETK_STOP_ALL)
		grbit = JETK_STOP_ALL_INTERNAL | JETK_STOP_RESUMABLE;

	if (grbit & JETK_STOP_ALL_INTERNAL)
		queue_work(jetk_wq, &inst->defrag_stop_work);
	if (grbit & JETK_STOP_BACKGROUND_USER_TASKS) {
		inst->bg_paused = true;
		inst->stop_mask |= JETK_STOP_BACKGROUND_USER_TASKS;
	}
	if (grbit & JETK_STOP_QUIESCE_CACHES) {
		queue_work(jetk_wq, &inst->ver_cleanup_work);
		/* The caller writes the log buffer once inst->lock is off. */
		inst->quiesce = true;
		queue_work(jetk_wq, &inst->flush_work);
		inst->stop_mask |= JETK_STOP_QUIESCE_CACHES;
	}
	if (grbit & JETK_STOP_ALL_INTERNAL) {
		jetk_gate_stop(&inst->gate);
		inst->stop_mask |= JETK_STOP_ALL_INTERNAL;
	}
}

/**
 * jetk_stop_service() - JetStopService, JetStopServiceInstance(2)
 * @jf: the calling file
 * @handle: the instance (ignored in single-instance mode, as in ESE)
 * @variant: JETK_STOP_INSTANCE2, JETK_STOP_INSTANCE or JETK_STOP_SERVICE
 * @grbit: JetStopServiceInstance2's grbit
 *
 * Return: a JET_ERR: JET_errInvalidParameter for an instance that is not
 * running, JET_errInvalidGrbit, JET_errRunningInMultiInstanceMode for
 * JetStopService with instances, JET_errClientRequestToStopJetService for a
 * Resume of a full stop.
 */
int jetk_stop_service(struct jetk_file *jf, u64 handle, u32 variant,
		      u32 grbit)
{
	struct jetk_instance *inst;
	bool sync = false;
	int err = 0;

	mutex_lock(&jf->lock);
	if (variant == JETK_STOP_SERVICE && jf->mode == JETK_MODE_MULTI)
		err = JETK_ERR_RUNNING_IN_MULTI_INSTANCE_MODE;
	/* One instance in legacy mode: whatever handle was passed names it. */
	if (jf->mode == JETK_MODE_SINGLE || variant == JETK_STOP_SERVICE)
		handle = 0;
	mutex_unlock(&jf->lock);
	if (err)
		return err;
	inst = jetk_instance_get(jf, handle);
	if (!inst)
		return JETK_ERR_INVALID_PARAMETER;

	mutex_lock(&inst->lock);
	if (inst->state != JETK_INST_RUNNING) {
		err = JETK_ERR_INVALID_PARAMETER;
		goto out_unlock;
	}
	if (variant != JETK_STOP_INSTANCE2) {
		jetk_stop_legacy(inst);
	} else if (grbit & ~JETK_STOP_VALID_GRBITS) {
		err = JETK_ERR_INVALID_GRBIT;
		goto out_unlock;
	} else if (grbit & JETK_STOP_RESUME) {
		err = jetk_stop_resume(inst, grbit);
		goto out_unlock;
	} else if (grbit & JETK_STOP_AND_EMIT_LOG) {
		/* Must be alone; with no log yet there is nothing to emit. */
		err = grbit == JETK_STOP_AND_EMIT_LOG ?
		      JETK_ERR_FEATURE_NOT_AVAILABLE : JETK_ERR_INVALID_GRBIT;
		goto out_unlock;
	} else {
		jetk_stop2(inst, grbit);
		sync = grbit & JETK_STOP_QUIESCE_CACHES;
	}
	atomic64_inc(&inst->stats.stop_calls);
out_unlock:
	mutex_unlock(&inst->lock);
	/*
	 * QuiesceCaches writes the log buffer synchronously (the step cannot
	 * fail the call: a log error is latched and refuses later calls).
	 */
	if (sync && !jetk_gate_enter(&inst->gate, true)) {
		/* Inside the gate: JetTerm waits before freeing the log. */
		jetk_wal_sync(inst);
		jetk_gate_exit(&inst->gate);
	}
	jetk_instance_put(inst);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_stop_service);
