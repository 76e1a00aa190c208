// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sessions: JetBeginSession, JetEndSession, the session context, and the
 * rule that one session runs one call at a time.
 *
 * A call that names a session enters it with jetk_call_enter_session():
 * the instance's gate first (ESE checks the stop flag, then termination),
 * then the session's in_api flag, whose second taker gets
 * JET_errSessionSharingViolation as in ESE.
 */
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "cursor.h"
#include "database.h"
#include "jetk.h"

static void jetk_session_release(struct kref *ref)
{
	struct jetk_session *ses = container_of(ref, struct jetk_session, ref);

	WARN_ON_ONCE(!xa_empty(&ses->cursors));
	xa_destroy(&ses->cursors);
	jetk_instance_put(ses->inst);
	kfree(ses);
}

/**
 * jetk_session_put() - drop a session reference
 * @ses: the session, or NULL
 */
void jetk_session_put(struct jetk_session *ses)
{
	if (ses)
		kref_put(&ses->ref, jetk_session_release);
}

static struct jetk_session *jetk_session_get(struct jetk_file *jf, u64 sesid)
{
	struct jetk_session *ses;

	if (sesid <= JETK_SESID_BASE || sesid - JETK_SESID_BASE > U32_MAX)
		return NULL;
	xa_lock(&jf->sessions);
	ses = xa_load(&jf->sessions, sesid - JETK_SESID_BASE);
	if (ses)
		kref_get(&ses->ref);
	xa_unlock(&jf->sessions);
	return ses;
}

/**
 * jetk_call_enter_session() - admit a call that names a session
 * @call: the call; on success @call->ses and @call->inst are referenced,
 *	the gate admitted the call and the session is marked in use
 * @sesid: JET_SESID from userspace
 *
 * Return: 0, or the JET_ERR to return: JET_errInvalidSesid, a refusal of
 * the gate, or JET_errSessionSharingViolation.
 */
int jetk_call_enter_session(struct jetk_call *call, u64 sesid)
{
	bool exempt = call->desc->flags & JETK_IOCF_STOP_EXEMPT;
	struct jetk_session *ses;
	struct jetk_instance *inst;
	int err;

	ses = jetk_session_get(call->jf, sesid);
	if (!ses)
		return JETK_ERR_INVALID_SESID;
	inst = ses->inst;
	kref_get(&inst->ref);
	err = jetk_gate_enter(&inst->gate, exempt);
	if (err)
		goto err_put;
	if (atomic_cmpxchg_acquire(&ses->in_api, 0, 1)) {
		err = JETK_ERR_SESSION_SHARING_VIOLATION;
		goto err_exit;
	}
	/* Ended between the lookup and here: the handle is stale. */
	if (READ_ONCE(ses->ended)) {
		atomic_set_release(&ses->in_api, 0);
		err = JETK_ERR_INVALID_SESID;
		goto err_exit;
	}
	call->inst = inst;
	call->ses = ses;
	err = jetk_call_op_begin(call);
	if (err) {
		atomic_set_release(&ses->in_api, 0);
		call->inst = NULL;
		call->ses = NULL;
		goto err_exit;
	}
	return 0;

err_exit:
	jetk_gate_exit(&inst->gate);
err_put:
	jetk_instance_put(inst);
	jetk_session_put(ses);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_call_enter_session);

/**
 * jetk_session_begin() - JetBeginSession
 * @call: the call, entered into its instance
 * @sesid: out: the new session's handle
 *
 * Return: a JET_ERR (JET_errOutOfSessions beyond JET_paramMaxSessions).
 */
int jetk_session_begin(struct jetk_call *call, u64 *sesid)
{
	struct jetk_instance *inst = call->inst;
	struct jetk_file *jf = call->jf;
	struct jetk_session *ses;
	u32 id;
	int ret;

	ses = kzalloc(sizeof(*ses), GFP_KERNEL_ACCOUNT);
	if (!ses)
		return JETK_ERR_OUT_OF_MEMORY;
	kref_init(&ses->ref);
	atomic_set(&ses->in_api, 0);
	xa_init_flags(&ses->cursors, XA_FLAGS_ALLOC1);
	INIT_LIST_HEAD(&ses->rces);
	INIT_LIST_HEAD(&ses->log_pending);
	kref_get(&inst->ref);
	ses->inst = inst;

	mutex_lock(&inst->lock);
	if (inst->nsessions >= inst->params.val[JETK_PARAM_MAX_SESSIONS]) {
		ret = JETK_ERR_OUT_OF_SESSIONS;
		goto err_unlock;
	}
	ret = xa_alloc_cyclic(&jf->sessions, &id, ses, xa_limit_32b,
			      &jf->next_session, GFP_KERNEL);
	if (ret < 0) {
		ret = ret == -EBUSY ? JETK_ERR_OUT_OF_SESSIONS :
		      JETK_ERR_OUT_OF_MEMORY;
		goto err_unlock;
	}
	ses->handle = JETK_SESID_BASE + id;
	ses->procid = ++inst->next_procid;
	list_add_tail(&ses->node, &inst->session_list);
	inst->nsessions++;
	mutex_unlock(&inst->lock);

	atomic64_inc(&inst->stats.sessions_begun);
	*sesid = ses->handle;
	return 0;

err_unlock:
	mutex_unlock(&inst->lock);
	jetk_session_put(ses);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_session_begin);

/* Unlink an ended session and drop the handle table's reference. */
static void jetk_session_unlink(struct jetk_session *ses)
{
	struct jetk_instance *inst = ses->inst;

	lockdep_assert_held(&inst->lock);
	WRITE_ONCE(ses->ended, true);
	/* What it left open rolls back, as when a process dies in ESE. */
	jetk_trx_rollback_all(ses);
	jetk_cursor_close_all(ses);
	jetk_database_session_gone(ses);
	list_del_init(&ses->node);
	inst->nsessions--;
	xa_erase(&inst->jf->sessions, ses->handle - JETK_SESID_BASE);
	atomic64_inc(&inst->stats.sessions_ended);
	jetk_session_put(ses);
}

/**
 * jetk_session_end() - JetEndSession
 * @call: the call, entered into its session
 * @grbit: JET_bitForceSessionClosed or 0
 *
 * An open transaction rolls back.
 *
 * Return: a JET_ERR: JET_errSessionInUse when another thread holds the
 * session context.
 */
int jetk_session_end(struct jetk_call *call, u32 grbit)
{
	struct jetk_session *ses = call->ses;
	struct jetk_instance *inst = call->inst;

	if (grbit & ~JETK_END_SESSION_FORCE_CLOSED)
		return JETK_ERR_INVALID_GRBIT;
	if (ses->context_tid && ses->context_tid != task_pid_nr(current))
		return JETK_ERR_SESSION_IN_USE;

	/* Outside inst->lock: a rollback changes pages (wal.h). */
	jetk_trx_rollback_all(ses);
	mutex_lock(&inst->lock);
	if (!ses->ended)
		jetk_session_unlink(ses);
	mutex_unlock(&inst->lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_session_end);

/**
 * jetk_session_end_all() - end every session of a terminating instance
 * @inst: the instance, its gate closed and drained
 */
void jetk_session_end_all(struct jetk_instance *inst)
{
	struct jetk_session *ses, *tmp, *open;

	/* Roll back outside inst->lock: a rollback changes pages (wal.h). */
	for (;;) {
		open = NULL;
		mutex_lock(&inst->lock);
		list_for_each_entry(ses, &inst->session_list, node) {
			if (READ_ONCE(ses->level)) {
				open = ses;
				kref_get(&ses->ref);
				break;
			}
		}
		mutex_unlock(&inst->lock);
		if (!open)
			break;
		jetk_trx_rollback_all(open);
		jetk_session_put(open);
	}
	mutex_lock(&inst->lock);
	list_for_each_entry_safe(ses, tmp, &inst->session_list, node)
		jetk_session_unlink(ses);
	mutex_unlock(&inst->lock);
}

/**
 * jetk_session_set_context() - JetSetSessionContext
 * @call: the call, entered into its session
 * @context: the context value; 0 is not a context
 *
 * Return: a JET_ERR.
 */
int jetk_session_set_context(struct jetk_call *call, u64 context)
{
	struct jetk_session *ses = call->ses;

	if (!context)
		return JETK_ERR_INVALID_PARAMETER;
	if (ses->context_tid)
		return JETK_ERR_SESSION_CONTEXT_ALREADY_SET;
	ses->context = context;
	ses->context_tid = task_pid_nr(current);
	return 0;
}

/**
 * jetk_session_reset_context() - JetResetSessionContext
 * @call: the call, entered into its session
 *
 * Return: a JET_ERR: only the thread that set the context may reset it.
 */
int jetk_session_reset_context(struct jetk_call *call)
{
	struct jetk_session *ses = call->ses;

	if (ses->context_tid != task_pid_nr(current))
		return JETK_ERR_SESSION_CONTEXT_NOT_SET_BY_THIS_THREAD;
	ses->context = 0;
	ses->context_tid = 0;
	return 0;
}
