// SPDX-License-Identifier: GPL-2.0-only
/*
 * Instances: JetCreateInstance, JetInit, JetTerm and ESE's run modes.
 *
 * An instance is created (JetCreateInstance, or JetInit in the legacy
 * one-instance mode), initialised (JetInit) and terminated (JetTerm).
 * Termination closes the gate, waits for the calls inside, cancels the
 * background work, ends the sessions and drops the handle.  The struct
 * itself lives until the last reference goes (a call that looked it up just
 * before termination may still hold one).
 */
#include <linux/idr.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "cache.h"
#include "database.h"
#include "jetk.h"
#include "wal.h"

/* Instance handles: module-wide unique, so debugfs names never collide. */
static DEFINE_IDA(jetk_instance_ida);

static void jetk_instance_release(struct kref *ref)
{
	struct jetk_instance *inst = container_of(ref, struct jetk_instance,
						  ref);

	WARN_ON_ONCE(!list_empty(&inst->session_list));
	jetk_params_free(&inst->params);
	ida_free(&jetk_instance_ida, inst->handle);
	kfree(inst->name);
	kfree(inst->display_name);
	mutex_destroy(&inst->lock);
	kfree(inst);
}

/**
 * jetk_instance_put() - drop a reference taken by jetk_instance_get()
 * @inst: the instance, or NULL
 */
void jetk_instance_put(struct jetk_instance *inst)
{
	if (inst)
		kref_put(&inst->ref, jetk_instance_release);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_instance_put);

/**
 * jetk_instance_get() - look up an instance handle of this file
 * @jf: the file
 * @handle: JET_INSTANCE; 0 or ~0 name the single instance in legacy mode
 *
 * Return: a referenced instance, or NULL if the handle is not one of this
 * file's live instances.
 */
struct jetk_instance *jetk_instance_get(struct jetk_file *jf, u64 handle)
{
	struct jetk_instance *inst = NULL;

	if (!handle || handle == JETK_HANDLE_NIL) {
		mutex_lock(&jf->lock);
		if (jf->mode == JETK_MODE_SINGLE && jf->single) {
			inst = jf->single;
			kref_get(&inst->ref);
		}
		mutex_unlock(&jf->lock);
		return inst;
	}
	if (handle > U32_MAX)
		return NULL;
	xa_lock(&jf->instances);
	inst = xa_load(&jf->instances, handle);
	if (inst)
		kref_get(&inst->ref);
	xa_unlock(&jf->instances);
	return inst;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_instance_get);

static bool jetk_name_in_use(struct jetk_file *jf, const char *name)
{
	struct jetk_instance *inst;

	lockdep_assert_held(&jf->lock);
	if (!name)
		return false;
	list_for_each_entry(inst, &jf->instance_list, node)
		if (inst->name && !strcmp(inst->name, name))
			return true;
	return false;
}

/* Allocate an instance and publish its handle; caller holds jf->lock. */
static int jetk_instance_new(struct jetk_file *jf, const char *name,
			     const char *display_name,
			     struct jetk_instance **instp)
{
	struct jetk_instance *inst;
	int id, ret;

	lockdep_assert_held(&jf->lock);
	if (jf->ninstances >= jf->globals.val[JETK_PARAM_MAX_INSTANCES])
		return JETK_ERR_TOO_MANY_INSTANCES;
	if (jetk_name_in_use(jf, name))
		return JETK_ERR_INSTANCE_NAME_IN_USE;

	inst = kzalloc(sizeof(*inst), GFP_KERNEL_ACCOUNT);
	if (!inst)
		return JETK_ERR_OUT_OF_MEMORY;
	kref_init(&inst->ref);
	inst->jf = jf;
	mutex_init(&inst->lock);
	jetk_gate_init(&inst->gate);
	INIT_LIST_HEAD(&inst->session_list);
	mutex_init(&inst->db_lock);
	INIT_LIST_HEAD(&inst->databases);
	jetk_ver_init(&inst->vs, inst, 0);
	jetk_stop_works_init(inst);
	ret = JETK_ERR_OUT_OF_MEMORY;
	if (name) {
		inst->name = kstrdup(name, GFP_KERNEL);
		if (!inst->name)
			goto err_free;
	}
	if (display_name) {
		inst->display_name = kstrdup(display_name, GFP_KERNEL);
		if (!inst->display_name)
			goto err_free;
	}
	if (jetk_params_copy(&inst->params, &jf->globals))
		goto err_free;
	id = ida_alloc_range(&jetk_instance_ida, 1, U32_MAX >> 1, GFP_KERNEL);
	if (id < 0)
		goto err_params;
	inst->handle = id;
	if (xa_insert(&jf->instances, inst->handle, inst, GFP_KERNEL))
		goto err_ida;

	list_add_tail(&inst->node, &jf->instance_list);
	jf->ninstances++;
	*instp = inst;
	return 0;

err_ida:
	ida_free(&jetk_instance_ida, id);
err_params:
	jetk_params_free(&inst->params);
err_free:
	kfree(inst->display_name);
	kfree(inst->name);
	kfree(inst);
	return ret;
}

/*
 * Unpublish an instance: after this no lookup finds it and, when it was
 * the last one, the file's run mode is free again.  Drops the handle
 * table's reference; the caller must hold one of its own.
 */
static void jetk_instance_unpublish(struct jetk_instance *inst)
{
	struct jetk_file *jf = inst->jf;

	mutex_lock(&jf->lock);
	xa_erase(&jf->instances, inst->handle);
	list_del_init(&inst->node);
	if (jf->single == inst)
		jf->single = NULL;
	if (!--jf->ninstances)
		jf->mode = JETK_MODE_UNSET;
	mutex_unlock(&jf->lock);
	jetk_instance_put(inst);
}

/**
 * jetk_instance_create() - JetCreateInstance, JetCreateInstance2
 * @jf: the calling file
 * @name: instance name, or NULL
 * @display_name: display name, or NULL
 * @handle: out: the new handle
 *
 * Return: a JET_ERR.
 */
int jetk_instance_create(struct jetk_file *jf, const char *name,
			 const char *display_name, u64 *handle)
{
	struct jetk_instance *inst;
	int err;

	mutex_lock(&jf->lock);
	if (jf->mode == JETK_MODE_SINGLE) {
		err = JETK_ERR_RUNNING_IN_ONE_INSTANCE_MODE;
		goto out_unlock;
	}
	err = jetk_instance_new(jf, name, display_name, &inst);
	if (err)
		goto out_unlock;
	jf->mode = JETK_MODE_MULTI;
	*handle = inst->handle;
out_unlock:
	mutex_unlock(&jf->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_instance_create);

static const char *jetk_param_str(struct jetk_instance *inst, u32 id)
{
	return inst->params.str[id] ? inst->params.str[id] : "";
}

/* ESE refuses two instances sharing a system, log or temp path. */
static int jetk_paths_check(struct jetk_instance *inst)
{
	static const struct {
		u32 id;
		int err;
	} paths[] = {
		{ JETK_PARAM_SYSTEM_PATH, JETK_ERR_SYSTEM_PATH_IN_USE },
		{ JETK_PARAM_LOG_FILE_PATH, JETK_ERR_LOG_FILE_PATH_IN_USE },
		{ JETK_PARAM_TEMP_PATH, JETK_ERR_TEMP_PATH_IN_USE },
	};
	struct jetk_file *jf = inst->jf;
	struct jetk_instance *other;
	int i;

	lockdep_assert_held(&jf->lock);
	for (i = 0; i < ARRAY_SIZE(paths); i++) {
		list_for_each_entry(other, &jf->instance_list, node) {
			if (other == inst ||
			    READ_ONCE(other->state) != JETK_INST_RUNNING)
				continue;
			if (!strcmp(jetk_param_str(inst, paths[i].id),
				    jetk_param_str(other, paths[i].id)))
				return paths[i].err;
		}
	}
	return 0;
}

/*
 * The instance's buffer cache: pages of JET_paramDatabasePageSize, between
 * JET_paramCacheSizeMin and JET_paramCacheSizeMax frames, the latter
 * capped at a quarter of memory (ESE's default maximum is "all of it").
 */
static int jetk_instance_cache_create(struct jetk_instance *inst)
{
	const struct jetk_params *g = &inst->jf->globals;
	unsigned int psz = g->val[JETK_PARAM_DATABASE_PAGE_SIZE];
	unsigned long cap, max, min;
	char name[24];

	lockdep_assert_held(&inst->lock);
	cap = max(((totalram_pages() << PAGE_SHIFT) / 4) / psz, 16UL);
	max = min_t(u64, g->val[JETK_PARAM_CACHE_SIZE_MAX], cap);
	min = min_t(u64, g->val[JETK_PARAM_CACHE_SIZE_MIN], max);
	snprintf(name, sizeof(name), "inst%llu", inst->handle);
	/* The version store: JET_paramMaxVerPages buckets of VerPageSize. */
	inst->vs.max = inst->params.val[JETK_PARAM_MAX_VER_PAGES] *
		       g->val[JETK_PARAM_VER_PAGE_SIZE];
	inst->cache = jetk_cache_create(name, psz, min, max);
	return inst->cache ? 0 : JETK_ERR_OUT_OF_MEMORY;
}

/*
 * The instance JetInit initialises, found as ESE's JetInit finds it.  With
 * no run mode yet, a new one, and the file is in one-instance mode: the
 * caller's handle is not looked at, as it may be garbage.  In one-instance
 * mode the one instance exists already.  In multi-instance mode the
 * caller's instance; 0 or ~0 creates an unnamed one, and no JET_INSTANCE
 * at all is refused.
 */
static int jetk_instance_init_find(struct jetk_file *jf, u64 handle,
				   u32 flags, struct jetk_instance **instp)
{
	struct jetk_instance *inst;
	int err;

	lockdep_assert_held(&jf->lock);
	switch (jf->mode) {
	case JETK_MODE_UNSET:
		err = jetk_instance_new(jf, NULL, NULL, &inst);
		if (err)
			return err;
		jf->mode = JETK_MODE_SINGLE;
		jf->single = inst;
		break;
	case JETK_MODE_SINGLE:
		return JETK_ERR_ALREADY_INITIALIZED;
	default:
		if (flags & JETK_INIT_NO_PINSTANCE)
			return JETK_ERR_RUNNING_IN_MULTI_INSTANCE_MODE;
		if (!handle || handle == JETK_HANDLE_NIL) {
			err = jetk_instance_new(jf, NULL, NULL, &inst);
			if (err)
				return err;
			break;
		}
		inst = handle > U32_MAX ? NULL : xa_load(&jf->instances, handle);
		if (!inst)
			return JETK_ERR_INVALID_INSTANCE;
		break;
	}
	*instp = inst;
	return 0;
}

/**
 * jetk_instance_init_log() - JetInit, JetInit2, JetInit3
 * @jf: the calling file
 * @handle: in: *pinstance (see jetk_instance_init_find(): garbage unless
 *	the file is in multi-instance mode); out: the handle, 0 when a
 *	failure freed the instance, else unchanged
 * @grbit: JetInit2/3 grbit
 * @flags: JETK_INIT_* from the ioctl
 * @logf: the log's block device, or NULL to run without a log (as with
 *	JET_paramRecovery "off")
 * @log_err: the JET_ERR libjetk met setting the log up, returned once the
 *	checks before it passed, or 0
 * @rdbs: the databases the log names, for recovery
 * @nrdbs: how many
 *
 * On any failure but JET_errAlreadyInitialized the instance is freed, as
 * ESE does.  With a log whose last run did not end cleanly, recovery
 * runs first (wal.h): the databases come out consistent and detached,
 * and the instance starts with none attached.
 *
 * Return: a JET_ERR.
 */
int jetk_instance_init_log(struct jetk_file *jf, u64 *handle, u32 grbit,
			   u32 flags, struct file *logf, int log_err,
			   struct jetk_wal_rdb *rdbs, unsigned int nrdbs)
{
	struct jetk_instance *inst;
	int err;

	mutex_lock(&jf->lock);
	err = jetk_instance_init_find(jf, *handle, flags, &inst);
	if (err)
		goto out_unlock;

	mutex_lock(&inst->lock);
	if (inst->state != JETK_INST_CREATED) {
		err = inst->state == JETK_INST_RUNNING ?
		      JETK_ERR_ALREADY_INITIALIZED : JETK_ERR_TERM_IN_PROGRESS;
		mutex_unlock(&inst->lock);
		goto out_unlock;
	}
	if (grbit & ~JETK_INIT_VALID_GRBITS)
		err = JETK_ERR_INVALID_GRBIT;
	else if (flags & JETK_INIT_RSTINFO_INVALID)
		err = JETK_ERR_INVALID_PARAMETER;
	else
		err = jetk_paths_check(inst);
	if (!err)
		err = log_err;
	if (!err)
		err = jetk_instance_cache_create(inst);
	mutex_unlock(&inst->lock);
	/*
	 * The log, and recovery, run with jf->lock held (no other JetInit
	 * of this file races) but not inst->lock, which attach takes; calls
	 * meanwhile find the instance not initialised.
	 */
	if (!err && logf)
		err = jetk_wal_open(inst, logf, rdbs, nrdbs);
	mutex_lock(&inst->lock);
	if (!err)
		WRITE_ONCE(inst->state, JETK_INST_RUNNING);
	else
		WRITE_ONCE(inst->state, JETK_INST_DEAD);
	mutex_unlock(&inst->lock);
	*handle = err ? 0 : inst->handle;
	mutex_unlock(&jf->lock);

	if (err) {
		kref_get(&inst->ref);
		jetk_instance_unpublish(inst);
		jetk_instance_put(inst);
	} else {
		jetk_stats_add(inst);
	}
	return err;

out_unlock:
	mutex_unlock(&jf->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_instance_init_log);

/**
 * jetk_instance_init() - JetInit without a log
 * @jf: the calling file
 * @handle: as jetk_instance_init_log()
 * @grbit: JetInit2/3 grbit
 * @flags: JETK_INIT_* from the ioctl
 *
 * Return: a JET_ERR.
 */
int jetk_instance_init(struct jetk_file *jf, u64 *handle, u32 grbit,
		       u32 flags)
{
	return jetk_instance_init_log(jf, handle, grbit, flags, NULL, 0, NULL,
				      0);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_instance_init);

/*
 * Tear down an instance whose gate is closed and drained: nothing runs in
 * it and nothing new can enter.  Consumes the handle table's reference.
 */
static void jetk_instance_teardown(struct jetk_instance *inst,
				   struct jetk_term_report *rep, bool dirty)
{
	bool was_running = inst->state == JETK_INST_RUNNING ||
			   inst->state == JETK_INST_TERMINATING;
	bool clean;

	jetk_stop_works_cancel(inst);
	jetk_session_end_all(inst);
	if (was_running)
		jetk_stats_remove(inst);
	/* A dirty term with a log leaves the databases to recovery. */
	if (!inst->wal || jetk_wal_sync(inst))
		dirty = false;
	if (!dirty) {
		/* No session is left: every version can go (ESE's cleanup). */
		jetk_wal_op_lock(inst);
		jetk_ver_cleanup(&inst->vs);
		jetk_wal_op_unlock(inst);
	}
	/* Nothing reads the cache now: no work, no counters file. */
	clean = jetk_database_detach_all(inst, rep, dirty);
	jetk_ver_destroy(&inst->vs);
	jetk_wal_shutdown(inst, clean && !dirty);
	jetk_cache_destroy(inst->cache);
	inst->cache = NULL;
	mutex_lock(&inst->lock);
	WRITE_ONCE(inst->state, JETK_INST_DEAD);
	mutex_unlock(&inst->lock);
	jetk_instance_unpublish(inst);
}

/**
 * jetk_instance_term() - JetTerm, JetTerm2
 * @jf: the calling file
 * @handle: the instance (0 = the single instance in legacy mode)
 * @grbit: JET_bitTerm*
 *
 * Return: as jetk_instance_term_report().
 */
int jetk_instance_term(struct jetk_file *jf, u64 handle, u32 grbit)
{
	return jetk_instance_term_report(jf, handle, grbit, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_instance_term);

/**
 * jetk_instance_term_report() - JetTerm, JetTerm2, telling database sizes
 * @jf: the calling file
 * @handle: the instance (0 = the single instance in legacy mode)
 * @grbit: JET_bitTerm*
 * @rep: databases whose size after the detach the caller wants, or NULL
 *
 * Waits, killably, until no call of the instance is inside the engine.
 *
 * Return: a JET_ERR (JET_errDirtyShutdown after a successful TermDirty), or
 * -EINTR when a fatal signal interrupted the wait (nothing changed).
 */
int jetk_instance_term_report(struct jetk_file *jf, u64 handle, u32 grbit,
			      struct jetk_term_report *rep)
{
	struct jetk_instance *inst;
	int ret;

	inst = jetk_instance_get(jf, handle);
	if (!inst)
		return JETK_ERR_INVALID_PARAMETER;
	if (grbit & ~JETK_TERM_VALID_GRBITS) {
		ret = JETK_ERR_INVALID_GRBIT;
		goto out_put;
	}

	mutex_lock(&inst->lock);
	switch (inst->state) {
	case JETK_INST_CREATED:
		/* JetTerm also destroys an instance never initialised. */
		WRITE_ONCE(inst->state, JETK_INST_DEAD);
		mutex_unlock(&inst->lock);
		if (rep)
			rep->handle = inst->handle;
		jetk_instance_unpublish(inst);
		ret = 0;
		goto out_put;
	case JETK_INST_RUNNING:
		WRITE_ONCE(inst->state, JETK_INST_TERMINATING);
		break;
	case JETK_INST_TERMINATING:
		mutex_unlock(&inst->lock);
		ret = JETK_ERR_TERM_IN_PROGRESS;
		goto out_put;
	default:
		mutex_unlock(&inst->lock);
		ret = JETK_ERR_INVALID_PARAMETER;
		goto out_put;
	}
	mutex_unlock(&inst->lock);

	ret = jetk_gate_close(&inst->gate);
	if (ret) {
		mutex_lock(&inst->lock);
		WRITE_ONCE(inst->state, JETK_INST_RUNNING);
		mutex_unlock(&inst->lock);
		goto out_put;
	}

	/*
	 * A session with an open transaction: ESE refuses and the instance
	 * goes on (JET_bitTermDirty rolls them back as the sessions end).
	 */
	if (!(grbit & JETK_TERM_DIRTY) && jetk_trx_any_open(inst)) {
		mutex_lock(&inst->lock);
		WRITE_ONCE(inst->state, JETK_INST_RUNNING);
		mutex_unlock(&inst->lock);
		jetk_gate_reopen(&inst->gate);
		ret = JETK_ERR_TOO_MANY_ACTIVE_USERS;
		goto out_put;
	}
	if (rep)
		rep->handle = inst->handle;
	jetk_instance_teardown(inst, rep, grbit & JETK_TERM_DIRTY);
	ret = (grbit & JETK_TERM_DIRTY) ? JETK_ERR_DIRTY_SHUTDOWN : 0;
out_put:
	jetk_instance_put(inst);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_instance_term_report);

/**
 * jetk_instance_term_all() - terminate every instance of a closing file
 * @jf: the file; no ioctl can be running on it
 */
void jetk_instance_term_all(struct jetk_file *jf)
{
	struct jetk_instance *inst;

	for (;;) {
		mutex_lock(&jf->lock);
		inst = list_first_entry_or_null(&jf->instance_list,
						struct jetk_instance, node);
		if (inst)
			kref_get(&inst->ref);
		mutex_unlock(&jf->lock);
		if (!inst)
			break;

		mutex_lock(&inst->lock);
		if (inst->state == JETK_INST_RUNNING)
			WRITE_ONCE(inst->state, JETK_INST_TERMINATING);
		mutex_unlock(&inst->lock);
		jetk_gate_close_idle(&inst->gate);
		jetk_instance_teardown(inst, NULL, false);
		jetk_instance_put(inst);
	}
}

/**
 * jetk_call_enter_instance() - admit a call that names an instance
 * @call: the call; on success @call->inst is referenced and admitted
 * @handle: JET_INSTANCE from userspace
 *
 * Return: 0, or the JET_ERR to return: JET_errInvalidInstance,
 * JET_errNotInitialized, or a refusal of the gate.
 */
int jetk_call_enter_instance(struct jetk_call *call, u64 handle)
{
	struct jetk_instance *inst;
	bool exempt = call->desc->flags & JETK_IOCF_STOP_EXEMPT;
	int err;

	inst = jetk_instance_get(call->jf, handle);
	if (!inst)
		return JETK_ERR_INVALID_INSTANCE;
	err = jetk_gate_enter(&inst->gate, exempt);
	if (err)
		goto err_put;
	switch (READ_ONCE(inst->state)) {
	case JETK_INST_RUNNING:
		call->inst = inst;
		err = jetk_call_op_begin(call);
		if (err) {
			call->inst = NULL;
			break;
		}
		return 0;
	case JETK_INST_CREATED:
		err = JETK_ERR_NOT_INITIALIZED;
		break;
	default:
		err = JETK_ERR_INVALID_INSTANCE;
		break;
	}
	jetk_gate_exit(&inst->gate);
err_put:
	jetk_instance_put(inst);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_call_enter_instance);

/**
 * jetk_call_op_begin() - a call entering its instance takes the log op
 *	(wal.h), unless its command takes it itself
 * @call: the call, @call->inst set
 *
 * Return: 0 or the JET_ERR refusing the call (a log error, a full log).
 */
int jetk_call_op_begin(struct jetk_call *call)
{
	int err;

	if (!call->inst->wal || (call->desc->flags & JETK_IOCF_NO_OP))
		return 0;
	err = jetk_wal_op_begin(call->inst,
				call->desc->flags & JETK_IOCF_LOGS);
	if (!err)
		call->op = true;
	return err;
}

/**
 * jetk_call_op_end() - the call is done changing pages: what its session's
 *	transaction did goes to the log, and the op is released
 * @call: the call
 *
 * A durable commit calls this before it waits for the log.
 */
void jetk_call_op_end(struct jetk_call *call)
{
	if (!call->op)
		return;
	if (call->ses)
		jetk_wal_emit(call->ses);
	jetk_wal_op_end(call->inst);
	call->op = false;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_call_op_end);

/**
 * jetk_call_exit() - leave what jetk_call_enter_*() entered
 * @call: the call
 */
void jetk_call_exit(struct jetk_call *call)
{
	jetk_call_op_end(call);
	if (call->ses) {
		atomic_set_release(&call->ses->in_api, 0);
		jetk_session_put(call->ses);
		call->ses = NULL;
	}
	if (call->inst) {
		jetk_gate_exit(&call->inst->gate);
		jetk_instance_put(call->inst);
		call->inst = NULL;
	}
}
EXPORT_SYMBOL_IF_KUNIT(jetk_call_exit);
