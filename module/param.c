// SPDX-License-Identifier: GPL-2.0-only
/*
 * JET_param: the system parameter table and JetSet/GetSystemParameter.
 *
 * Each id has a row: type, default, range, whether it is process-wide
 * (ESE's global scope; here, per open file of /dev/jetk, which is ESE's
 * process) or per instance, and whether it freezes once the instance (or,
 * for a process-wide one, any instance) is initialised.  Setting a frozen
 * parameter to its current value succeeds, as in ESE.
 *
 * Ids that ESE defines but jetk has no use for are accepted, range-checked
 * and returned as set (JETK_PF_NO_EFFECT); ids ESE does not define are
 * JET_errInvalidParameter.
 */
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "jetk.h"
#include "wal.h"

#define I_MAX	0x7fffffffULL

#define P(_id, _name, _type, _flags, _def, _min, _max)			\
	[_id] = { .name = _name, .type = JETK_PT_##_type, .flags = _flags, \
		  .def = _def, .min = _min, .max = _max }
#define S(_id, _name, _flags, _sdef, _minlen, _maxlen)			\
	[_id] = { .name = _name, .type = JETK_PT_STRING, .flags = _flags, \
		  .sdef = _sdef, .min = _minlen, .max = _maxlen }
/* An id ESE defines and jetk only stores. */
#define N(_id, _name)	P(_id, _name, INT, JETK_PF_NO_EFFECT, 0, 0, I_MAX)
#define NS(_id, _name)	S(_id, _name, JETK_PF_NO_EFFECT, "", 0, 259)

#define G	JETK_PF_GLOBAL
#define F	JETK_PF_FROZEN
#define NE	JETK_PF_NO_EFFECT

static const struct jetk_param_desc jetk_param_table[JETK_PARAM_COUNT] = {
	S(0, "SystemPath", F, ".\\", 0, 246),
	S(1, "TempPath", F, "tmp.edb", 0, 247),
	S(2, "LogFilePath", F, ".\\", 0, 246),
	S(3, "BaseName", F, "edb", 3, 3),
	S(4, "EventSource", F | NE, "", 0, 259),
	P(5, "MaxSessions", INT, F, 16, 0, 30000),
	P(6, "MaxOpenTables", INT, F, 300, 0, I_MAX),
	P(7, "PreferredMaxOpenTables", INT, NE, 0, 0, I_MAX),
	P(8, "MaxCursors", INT, F, 1024, 0, I_MAX),
	P(9, "MaxVerPages", INT, F, 64, 1, I_MAX),
	P(10, "MaxTemporaryTables", INT, F, 20, 0, I_MAX),
	P(11, "LogFileSize", INT, F, 5120, 64, 32768),
	P(12, "LogBuffers", INT, F, 126, 1, I_MAX),
	P(16, "CommitDefault", GRBIT, 0, 0, 0, 0x1),
	P(17, "CircularLog", BOOL, F, 0, 0, 1),
	P(18, "DbExtensionSize", INT, 0, 256, 1, I_MAX),
	P(19, "PageTempDBMin", INT, F, 0, 0, I_MAX),
	P(23, "CacheSizeMax", INT, G, 2000000000, 1, I_MAX),
	P(24, "CheckpointDepthMax", INT, 0, 20971520, 0, I_MAX),
	P(31, "StartFlushThreshold", INT, G, 0, 0, I_MAX),
	P(32, "StopFlushThreshold", INT, G, 0, 0, I_MAX),
	S(34, "Recovery", F, "on", 2, 3),
	P(35, "EnableOnlineDefrag", GRBIT, 0, 0xffff, 0, 0xffff),
	P(38, "TransactionLevel", READONLY, 0, 0, 0, 0),
	P(41, "CacheSize", INT, G, 0, 0, I_MAX),
	P(45, "EnableIndexChecking", INT, 0, 1, 0, 2),
	P(46, "EnableTempTableVersioning", BOOL, F, 1, 0, 1),
	NS(49, "EventSourceKey"),
	P(50, "NoInformationEvent", BOOL, F | NE, 0, 0, 1),
	P(51, "EventLoggingLevel", INT, F | NE, 100, 0, 100),
	P(52, "DeleteOutOfRangeLogs", BOOL, F, 0, 0, 1),
	N(53, "AccessDeniedRetryPeriod"),
	N(54, "EnableIndexCleanup"),
	P(60, "CacheSizeMin", INT, G, 1, 1, I_MAX),
	NS(61, "LogFileFailoverPath"),
	P(63, "PreferredVerPages", INT, 0, 58, 0, I_MAX),
	P(64, "DatabasePageSize", BLOCKSIZE, G | JETK_PF_FROZEN_CREATE,
	  4096, 4096, 32768),
	P(65, "DisableCallbacks", BOOL, F, 0, 0, 1),
	N(66, "BackupChunkSize"),
	N(67, "BackupOutstandingReads"),
	N(69, "LogFileCreateAsynch"),
	N(70, "ErrorToString"),
	N(71, "ZeroDatabaseDuringBackup"),
	N(72, "UnicodeIndexDefault"),
	P(73, "RuntimeCallback", PTR, NE, 0, 0, U64_MAX),
	N(77, "CleanupMismatchedLogFiles"),
	N(78, "RecordUpgradeDirtyLevel"),
	P(81, "GlobalMinVerPages", INT, G | F, 64, 0, I_MAX),
	N(82, "OSSnapshotTimeout"),
	N(98, "ExceptionAction"),
	N(99, "EventLogCache"),
	P(100, "CreatePathIfNotExist", BOOL, 0, 0, 0, 1),
	N(101, "PageHintCacheSize"),
	P(102, "OneDatabasePerSession", BOOL, F, 0, 0, 1),
	P(104, "MaxInstances", INT, G | F, 16, 1, 1024),
	P(105, "VersionStoreTaskQueueMax", INT, 0, 4, 1, 127),
	N(106, "IdleFlushTime"),
	N(107, "DisablePerfmon"),
	P(108, "AbortRetryFailCallback", PTR, NE, 0, 0, U64_MAX),
	N(109, "VAReserve"),
	N(110, "IndexTuplesLengthMin"),
	N(111, "IndexTuplesLengthMax"),
	N(112, "IndexTuplesToIndexMax"),
	NS(113, "AlternateDatabaseRecoveryPath"),
	N(124, "MaxRandomIOSize"),
	P(125, "CachedClosedTables", INT, 0, 64, 0, I_MAX),
	P(126, "EnableFileCache", BOOL, G | F | NE, 0, 0, 1),
	P(127, "EnableViewCache", BOOL, G | F | NE, 0, 0, 1),
	P(128, "VerPageSize", BLOCKSIZE, G | F, 32768, 1024, 65536),
	P(129, "Configuration", INT, F | NE, 1, 0, I_MAX),
	P(130, "EnableAdvanced", BOOL, 0, 1, 0, 1),
	P(131, "MaxColtyp", READONLY, 0, 19, 0, 0),
	P(134, "KeyMost", READONLY, 0, 0, 0, 0),
	N(135, "CheckpointIOMax"),
	NS(137, "TableClass1Name"), NS(138, "TableClass2Name"),
	NS(139, "TableClass3Name"), NS(140, "TableClass4Name"),
	NS(141, "TableClass5Name"), NS(142, "TableClass6Name"),
	NS(143, "TableClass7Name"), NS(144, "TableClass8Name"),
	NS(145, "TableClass9Name"), NS(146, "TableClass10Name"),
	NS(147, "TableClass11Name"), NS(148, "TableClass12Name"),
	NS(149, "TableClass13Name"), NS(150, "TableClass14Name"),
	NS(151, "TableClass15Name"),
	P(136, "LegacyFileNames", GRBIT, F | NE, 3, 0, 255),
	N(152, "IOPriority"),
	P(153, "WaypointLatency", INT, F, 0, 0, 1023),
	P(154, "CheckpointTooDeep", INT, F, 65536, 32, 65536),
	N(155, "DisableBlockVerification"),
	N(156, "EnablePersistedCallbacks"),
	N(157, "AggressiveLogRollover"),
	N(158, "PeriodicLogRolloverLLR"),
	N(159, "UsePageDependencies"),
	P(160, "DefragmentSequentialBTrees", BOOL, 0, 1, 0, 1),
	N(162, "IOThrottlingTimeQuanta"),
	P(163, "LVChunkSizeMost", READONLY, 0, 0, 0, 0),
	N(164, "MaxCoalesceReadSize"),
	N(165, "MaxCoalesceWriteSize"),
	N(166, "MaxCoalesceReadGapSize"),
	N(167, "MaxCoalesceWriteGapSize"),
	N(168, "EnableHaPublish"),
	N(169, "EnableDBScanInRecovery"),
	N(170, "DbScanThrottle"),
	N(171, "DbScanIntervalMinSec"),
	N(172, "DbScanIntervalMaxSec"),
	P(173, "EmitLogDataCallback", PTR, NE, 0, 0, U64_MAX),
	P(174, "EmitLogDataCallbackCtx", PTR, NE, 0, 0, U64_MAX),
	N(175, "EnableExternalAutoHealing"),
	N(176, "PatchRequestTimeout"),
	N(177, "CachePriority"),
	P(178, "MaxTransactionSize", INT, 0, 100, 1, 100),
	N(179, "PrereadIOMax"),
	N(180, "EnableDBScanSerialization"),
	N(181, "HungIOThreshold"),
	N(182, "HungIOActions"),
	N(183, "MinDataForXpress"),
	P(184, "EnableShrinkDatabase", GRBIT, F, 0, 0, I_MAX),
	NS(186, "ProcessFriendlyName"),
	P(187, "DurableCommitCallback", PTR, 0, 0, 0, U64_MAX),
	N(188, "EnableSqm"),
	NS(189, "ConfigStoreSpec"),
	N(190, "StageFlighting"),
	N(191, "ZeroDatabaseUnusedSpace"),
	N(192, "DisableVerifications"),
	N(193, "PersistedLostFlushDetection"),
	P(194, "EngineFormatVersion", INT, 0, 0, 0, I_MAX),
	N(195, "ReplayThrottlingLevel"),
	NS(196, "TableClass16Name"), NS(197, "TableClass17Name"),
	NS(198, "TableClass18Name"), NS(199, "TableClass19Name"),
	NS(200, "TableClass20Name"), NS(201, "TableClass21Name"),
	NS(202, "TableClass22Name"), NS(203, "TableClass23Name"),
	NS(204, "TableClass24Name"), NS(205, "TableClass25Name"),
	NS(206, "TableClass26Name"), NS(207, "TableClass27Name"),
	NS(208, "TableClass28Name"), NS(209, "TableClass29Name"),
	NS(210, "TableClass30Name"), NS(211, "TableClass31Name"),
	N(212, "BlockCacheConfiguration"),
	P(213, "RecordSizeMost", READONLY, 0, 0, 0, 0),
	P(214, "UseFlushForWriteDurability", BOOL, F, 1, 0, 1),
	N(215, "EnableRBS"),
	NS(216, "RBSFilePath"),
	N(217, "PerfmonRefreshInterval"),
	N(218, "EnableBlockCache"),
	N(219, "DeferredIndexPopulateRowsPerTransaction"),
	N(220, "EnableBlockCacheDetach"),
};

/**
 * jetk_param_desc() - the table row of a parameter id
 * @id: JET_param id
 *
 * Return: the row, or NULL when ESE defines no parameter with this id.
 */
const struct jetk_param_desc *jetk_param_desc(u32 id)
{
	if (id >= JETK_PARAM_COUNT || jetk_param_table[id].type == JETK_PT_NONE)
		return NULL;
	return &jetk_param_table[id];
}
EXPORT_SYMBOL_IF_KUNIT(jetk_param_desc);

/**
 * jetk_params_init() - fill a parameter set with ESE's defaults
 * @p: the set, uninitialised
 *
 * Return: 0 or -ENOMEM (then @p holds nothing to free).
 */
int jetk_params_init(struct jetk_params *p)
{
	u32 id;

	memset(p, 0, sizeof(*p));
	for (id = 0; id < JETK_PARAM_COUNT; id++) {
		const struct jetk_param_desc *d = &jetk_param_table[id];

		p->val[id] = d->def;
		if (d->type == JETK_PT_STRING && d->sdef && *d->sdef) {
			p->str[id] = kstrdup(d->sdef, GFP_KERNEL);
			if (!p->str[id])
				goto err_free;
		}
	}
	return 0;

err_free:
	jetk_params_free(p);
	return -ENOMEM;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_params_init);

/**
 * jetk_params_copy() - duplicate a parameter set
 * @dst: destination, uninitialised
 * @src: source
 *
 * Return: 0 or -ENOMEM (then @dst holds nothing to free).
 */
int jetk_params_copy(struct jetk_params *dst, const struct jetk_params *src)
{
	u32 id;

	memset(dst, 0, sizeof(*dst));
	memcpy(dst->val, src->val, sizeof(dst->val));
	for (id = 0; id < JETK_PARAM_COUNT; id++) {
		if (!src->str[id])
			continue;
		dst->str[id] = kstrdup(src->str[id], GFP_KERNEL);
		if (!dst->str[id])
			goto err_free;
	}
	return 0;

err_free:
	jetk_params_free(dst);
	return -ENOMEM;
}

/**
 * jetk_params_free() - free the strings of a parameter set
 * @p: the set
 */
void jetk_params_free(struct jetk_params *p)
{
	u32 id;

	for (id = 0; id < JETK_PARAM_COUNT; id++) {
		kfree(p->str[id]);
		p->str[id] = NULL;
	}
}
EXPORT_SYMBOL_IF_KUNIT(jetk_params_free);

/**
 * jetk_param_check() - validate a value against a parameter's row
 * @id: JET_param id
 * @value: the integer value (ignored for strings)
 * @str: the string value, NUL-terminated, or NULL (ignored for integers)
 * @len: strlen(@str)
 *
 * Return: 0, or JETK_ERR_INVALID_PARAMETER for an unknown id, a read-only
 * parameter, a missing string or a value out of range.
 */
int jetk_param_check(u32 id, u64 value, const char *str, size_t len)
{
	const struct jetk_param_desc *d = jetk_param_desc(id);

	if (!d)
		return JETK_ERR_INVALID_PARAMETER;
	switch (d->type) {
	case JETK_PT_READONLY:
		return JETK_ERR_INVALID_PARAMETER;
	case JETK_PT_STRING:
		if (!str || len < d->min || len > d->max)
			return JETK_ERR_INVALID_PARAMETER;
		if (id == 34 && strcasecmp(str, "on") && strcasecmp(str, "off"))
			return JETK_ERR_INVALID_PARAMETER;
		return 0;
	case JETK_PT_BOOL:
	case JETK_PT_PTR:
		return 0;
	case JETK_PT_BLOCKSIZE:
		if (!is_power_of_2(value))
			return JETK_ERR_INVALID_PARAMETER;
		fallthrough;
	default:
		if (value < d->min || value > d->max)
			return JETK_ERR_INVALID_PARAMETER;
		return 0;
	}
}
EXPORT_SYMBOL_IF_KUNIT(jetk_param_check);

static u64 jetk_param_normalise(const struct jetk_param_desc *d, u64 value)
{
	return d->type == JETK_PT_BOOL ? !!value : value;
}

/**
 * jetk_param_equal() - would storing this value change nothing?
 * @p: the parameter set
 * @id: a valid JET_param id
 * @value: integer value
 * @str: string value (string parameters)
 *
 * Return: true when the set already holds this value.
 */
bool jetk_param_equal(const struct jetk_params *p, u32 id, u64 value,
		      const char *str)
{
	const struct jetk_param_desc *d = jetk_param_desc(id);

	if (d->type == JETK_PT_STRING)
		return !strcmp(p->str[id] ? p->str[id] : "", str ? str : "");
	return p->val[id] == jetk_param_normalise(d, value);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_param_equal);

/**
 * jetk_param_store() - store a checked value
 * @p: the parameter set
 * @id: a valid JET_param id
 * @value: integer value
 * @str: string value (string parameters)
 * @len: strlen(@str)
 *
 * Return: 0 or -ENOMEM (the old value is then kept).
 */
int jetk_param_store(struct jetk_params *p, u32 id, u64 value,
		     const char *str, size_t len)
{
	const struct jetk_param_desc *d = jetk_param_desc(id);
	char *s;

	if (d->type != JETK_PT_STRING) {
		p->val[id] = jetk_param_normalise(d, value);
		return 0;
	}
	s = kmemdup_nul(str, len, GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	kfree(p->str[id]);
	p->str[id] = s;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_param_store);

/*
 * Find the instance a parameter call addresses, as ESE does.  In
 * multi-instance mode: the session's, else the instance handle's, else none
 * (the process-wide set).  In one-instance mode the one instance (a
 * session, if given, must be one of it).  With no run mode yet no instance
 * exists and the process-wide set is meant, whatever the caller passed: a
 * legacy program may hand in its uninitialised JET_INSTANCE.
 */
static int jetk_param_target(struct jetk_file *jf, u64 instance, u64 sesid,
			     struct jetk_instance **instp)
{
	struct jetk_instance *inst = NULL;
	struct jetk_session *ses;

	lockdep_assert_held(&jf->lock);
	*instp = NULL;
	if (jf->mode == JETK_MODE_UNSET)
		return 0;
	if (sesid && sesid != JETK_HANDLE_NIL) {
		xa_lock(&jf->sessions);
		ses = xa_load(&jf->sessions, sesid - JETK_SESID_BASE);
		if (sesid > JETK_SESID_BASE && ses)
			inst = ses->inst;
		xa_unlock(&jf->sessions);
		if (!inst)
			return JETK_ERR_INVALID_SESID;
	} else if (jf->mode == JETK_MODE_SINGLE) {
		inst = jf->single;
	} else if (instance && instance != JETK_HANDLE_NIL) {
		inst = xa_load(&jf->instances, instance);
		if (instance > U32_MAX || !inst)
			return JETK_ERR_INVALID_INSTANCE;
	}
	*instp = inst;
	return 0;
}

static bool jetk_param_frozen(struct jetk_file *jf,
			      const struct jetk_param_desc *d,
			      struct jetk_instance *inst)
{
	struct jetk_instance *i;

	if (d->flags & JETK_PF_GLOBAL) {
		if ((d->flags & JETK_PF_FROZEN_CREATE) && jf->ninstances)
			return true;
		if (!(d->flags & JETK_PF_FROZEN))
			return false;
		list_for_each_entry(i, &jf->instance_list, node)
			if (READ_ONCE(i->state) != JETK_INST_CREATED)
				return true;
		return false;
	}
	return inst && (d->flags & JETK_PF_FROZEN) &&
	       READ_ONCE(inst->state) != JETK_INST_CREATED;
}

/*
 * Set a parameter of @inst, or the process-wide one when @inst is NULL or
 * the parameter is global.  @target says which was set (a handle, or 0).
 */
static int jetk_param_apply(struct jetk_file *jf, struct jetk_instance *inst,
			    u32 id, u64 value, const char *str, size_t len,
			    u64 *target)
{
	const struct jetk_param_desc *d;
	struct jetk_params *p;
	int err;

	lockdep_assert_held(&jf->lock);
	err = jetk_param_check(id, value, str, len);
	if (err)
		return err;
	d = jetk_param_desc(id);
	if (d->flags & JETK_PF_GLOBAL)
		inst = NULL;
	*target = inst ? inst->handle : 0;
	if (inst)
		mutex_lock(&inst->lock);
	p = inst ? &inst->params : &jf->globals;
	if (inst && READ_ONCE(inst->state) >= JETK_INST_TERMINATING)
		err = JETK_ERR_TERM_IN_PROGRESS;
	else if (jetk_param_equal(p, id, value, str))
		err = 0;
	else if (jetk_param_frozen(jf, d, inst))
		err = JETK_ERR_ALREADY_INITIALIZED;
	else if (jetk_param_store(p, id, value, str, len))
		err = JETK_ERR_OUT_OF_MEMORY;
	/* The log's checkpoint work follows a new depth at once. */
	if (!err && inst && id == JETK_PARAM_CHECKPOINT_DEPTH_MAX &&
	    inst->state == JETK_INST_RUNNING && !inst->quiesce)
		jetk_wal_set_depth(inst, value);
	if (inst)
		mutex_unlock(&inst->lock);
	return err;
}

/**
 * jetk_param_set_target() - JetSetSystemParameter
 * @jf: the calling file
 * @instance: *pinstance, or 0
 * @sesid: the session, or 0
 * @id: JET_param id
 * @value: lParam
 * @str: szParam (NUL-terminated kernel copy) or NULL
 * @len: strlen(@str)
 * @target: out: the handle of the instance whose parameter the call set,
 *	or 0 for the process-wide value (valid when the call succeeded)
 *
 * Return: a JET_ERR.
 */
int jetk_param_set_target(struct jetk_file *jf, u64 instance, u64 sesid,
			  u32 id, u64 value, const char *str, size_t len,
			  u64 *target)
{
	struct jetk_instance *inst;
	int err;

	*target = 0;
	mutex_lock(&jf->lock);
	err = jetk_param_target(jf, instance, sesid, &inst);
	if (!err)
		err = jetk_param_apply(jf, inst, id, value, str, len, target);
	mutex_unlock(&jf->lock);
	return err;
}

/**
 * jetk_param_set() - JetSetSystemParameter, not telling what it set
 * @jf: the calling file
 * @instance: *pinstance, or 0
 * @sesid: the session, or 0
 * @id: JET_param id
 * @value: lParam
 * @str: szParam (NUL-terminated kernel copy) or NULL
 * @len: strlen(@str)
 *
 * Return: a JET_ERR.
 */
int jetk_param_set(struct jetk_file *jf, u64 instance, u64 sesid, u32 id,
		   u64 value, const char *str, size_t len)
{
	u64 target;

	return jetk_param_set_target(jf, instance, sesid, id, value, str, len,
				     &target);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_param_set);

/**
 * jetk_param_enable_multi() - JetEnableMultiInstance
 * @jf: the calling file
 * @reqs: the parameters, in the caller's order; each one reached gets
 *	its @err
 * @n: how many
 * @nset: out: how many succeeded
 *
 * As ESE: with no run mode yet each parameter is set as a process-wide
 * value, stopping at the first failure (the ones before it stay set), and
 * the file goes to multi-instance mode when all succeeded.  In
 * one-instance mode nothing is set.  In multi-instance mode nothing is
 * set either: the parameters are compared with the process-wide values.
 *
 * Return: a JET_ERR: JET_errRunningInOneInstanceMode; in multi-instance
 * mode JET_errSystemParameterConflict for the first value that differs,
 * else JET_errSystemParamsAlreadySet.
 */
int jetk_param_enable_multi(struct jetk_file *jf, struct jetk_param_req *reqs,
			    unsigned int n, unsigned int *nset)
{
	struct jetk_param_req *r;
	unsigned int i;
	u64 target;
	int err = 0;

	*nset = 0;
	mutex_lock(&jf->lock);
	switch (jf->mode) {
	case JETK_MODE_SINGLE:
		err = JETK_ERR_RUNNING_IN_ONE_INSTANCE_MODE;
		break;
	case JETK_MODE_MULTI:
		for (i = 0; i < n && !err; i++) {
			r = &reqs[i];
			/* ESE checks the id, then compares. */
			if (!jetk_param_desc(r->id)) {
				err = JETK_ERR_INVALID_PARAMETER;
				break;
			}
			/* A string too long to set matches no value either. */
			if (r->err || !jetk_param_equal(&jf->globals, r->id,
							r->value, r->str))
				r->err = JETK_ERR_SYSTEM_PARAMETER_CONFLICT;
			err = r->err;
			if (!err)
				(*nset)++;
		}
		if (!err)
			err = JETK_ERR_SYSTEM_PARAMS_ALREADY_SET;
		break;
	default:
		for (i = 0; i < n; i++) {
			r = &reqs[i];
			/* A too long string came with its error already. */
			if (!r->err)
				r->err = jetk_param_apply(jf, NULL, r->id,
							  r->value, r->str,
							  r->len, &target);
			err = r->err;
			if (err < 0)
				break;
			(*nset)++;
		}
		if (err >= 0)
			jf->mode = JETK_MODE_MULTI;
		break;
	}
	mutex_unlock(&jf->lock);
	return err;
}

/* Values the engine computes rather than stores. */
static u64 jetk_param_computed(struct jetk_file *jf, u32 id,
			       const struct jetk_params *p)
{
	u64 page = jf->globals.val[JETK_PARAM_DATABASE_PAGE_SIZE];

	switch (id) {
	case 131:	/* MaxColtyp */
		return p->val[id];
	case 134:	/* KeyMost: JET_cbKeyMost4KBytePage/8KBytePage */
		return page <= 4096 ? 1000 : 2000;
	case 163:	/* LVChunkSizeMost: page less JET_cbColumnLVPageOverhead */
	case 213:	/* RecordSizeMost: the same bound until records exist */
		return page - 82;
	default:
		return 0;
	}
}

/**
 * jetk_param_get() - JetGetSystemParameter
 * @jf: the calling file
 * @instance: the instance, or 0
 * @sesid: the session, or 0
 * @id: JET_param id
 * @value: out: integer value
 * @str: out: buffer for a string value, or NULL
 * @str_len: size of @str
 * @actual: out: bytes of the string value with its NUL (0 for integers)
 *
 * Return: a JET_ERR.
 */
int jetk_param_get(struct jetk_file *jf, u64 instance, u64 sesid, u32 id,
		   u64 *value, char *str, size_t str_len, size_t *actual)
{
	const struct jetk_param_desc *d = jetk_param_desc(id);
	struct jetk_instance *inst;
	const struct jetk_params *p;
	const char *s;
	int err;

	*value = 0;
	*actual = 0;
	mutex_lock(&jf->lock);
	err = jetk_param_target(jf, instance, sesid, &inst);
	if (err)
		goto out_unlock;
	if (!d) {
		err = JETK_ERR_INVALID_PARAMETER;
		goto out_unlock;
	}
	if (id == JETK_PARAM_TRANSACTION_LEVEL) {
		/* Per session: its transaction level. */
		if (!sesid || sesid == JETK_HANDLE_NIL) {
			err = JETK_ERR_INVALID_PARAMETER;
		} else {
			struct jetk_session *ses;

			xa_lock(&jf->sessions);
			ses = xa_load(&jf->sessions, sesid - JETK_SESID_BASE);
			if (ses)
				*value = READ_ONCE(ses->level);
			xa_unlock(&jf->sessions);
		}
		goto out_unlock;
	}
	if ((d->flags & JETK_PF_GLOBAL) || !inst)
		inst = NULL;
	if (inst)
		mutex_lock(&inst->lock);
	p = inst ? &inst->params : &jf->globals;
	if (d->type == JETK_PT_READONLY) {
		*value = jetk_param_computed(jf, id, p);
	} else if (d->type == JETK_PT_STRING) {
		s = p->str[id] ? p->str[id] : "";
		*actual = strlen(s) + 1;
		if (str && str_len < *actual)
			err = JETK_ERR_BUFFER_TOO_SMALL;
		else if (str)
			memcpy(str, s, *actual);
	} else {
		*value = p->val[id];
	}
	if (inst)
		mutex_unlock(&inst->lock);
out_unlock:
	mutex_unlock(&jf->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_param_get);
