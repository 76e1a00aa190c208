// SPDX-License-Identifier: GPL-2.0-only
/*
 * System parameters: JetSetSystemParameter / JetGetSystemParameter over
 * the table of ese-api.md 4.8: defaults, ranges, strings, scope, and which
 * parameters freeze after JetInit.
 */
#include "tap.h"
#include "util.h"

static JET_API_PTR get(JET_INSTANCE inst, unsigned long id)
{
	JET_API_PTR v = 0xdeadbeef;

	if (JetGetSystemParameter(inst, JET_sesidNil, id, &v, NULL, 0))
		return 0xdeadbeef;
	return v;
}

static void test_defaults(JET_INSTANCE inst)
{
	static const struct { unsigned long id; const char *name;
			      unsigned long long def; } d[] = {
		{ JET_paramMaxSessions, "MaxSessions", 16 },
		{ JET_paramMaxOpenTables, "MaxOpenTables", 300 },
		{ JET_paramMaxCursors, "MaxCursors", 1024 },
		{ JET_paramMaxVerPages, "MaxVerPages", 64 },
		{ JET_paramMaxTemporaryTables, "MaxTemporaryTables", 20 },
		{ JET_paramLogFileSize, "LogFileSize", 5120 },
		{ JET_paramLogBuffers, "LogBuffers", 126 },
		{ JET_paramCommitDefault, "CommitDefault", 0 },
		{ JET_paramCircularLog, "CircularLog", 0 },
		{ JET_paramDbExtensionSize, "DbExtensionSize", 256 },
		{ JET_paramCacheSizeMax, "CacheSizeMax", 2000000000 },
		{ JET_paramCheckpointDepthMax, "CheckpointDepthMax", 20971520 },
		{ JET_paramEnableOnlineDefrag, "EnableOnlineDefrag", 0xFFFF },
		{ JET_paramEnableIndexChecking, "EnableIndexChecking", 1 },
		{ JET_paramCacheSizeMin, "CacheSizeMin", 1 },
		{ JET_paramPreferredVerPages, "PreferredVerPages", 58 },
		{ JET_paramDatabasePageSize, "DatabasePageSize", 4096 },
		{ JET_paramMaxInstances, "MaxInstances", 16 },
		{ JET_paramVersionStoreTaskQueueMax, "VersionStoreTaskQueueMax", 4 },
		{ JET_paramCachedClosedTables, "CachedClosedTables", 64 },
		{ JET_paramMaxColtyp, "MaxColtyp", JET_coltypMax },
		{ JET_paramCheckpointTooDeep, "CheckpointTooDeep", 65536 },
		{ JET_paramMaxTransactionSize, "MaxTransactionSize", 100 },
		{ JET_paramUseFlushForWriteDurability, "UseFlushForWriteDurability", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++)
		is(get(inst, d[i].id), d[i].def, "default %s = %llu", d[i].name,
		   d[i].def);
}

static void test_strings(JET_INSTANCE *inst)
{
	char buf[300];

	is(JetGetSystemParameter(*inst, 0, JET_paramBaseName, NULL, buf,
				 sizeof(buf)), 0, "get BaseName");
	is(strcmp(buf, "edb"), 0, "BaseName defaults to edb");
	is(JetGetSystemParameter(*inst, 0, JET_paramRecovery, NULL, buf,
				 sizeof(buf)), 0, "get Recovery");
	is(strcmp(buf, "on"), 0, "Recovery defaults to on");
	is(JetGetSystemParameter(*inst, 0, JET_paramBaseName, NULL, buf, 3),
	   JET_errBufferTooSmall, "a 3-byte buffer for edb\\0 -> BufferTooSmall");
	is(JetSetSystemParameter(inst, 0, JET_paramBaseName, 0, "abcd"),
	   JET_errInvalidParameter, "BaseName of 4 chars -> InvalidParameter");
	is(JetSetSystemParameter(inst, 0, JET_paramBaseName, 0, "jtk"), 0,
	   "BaseName jtk");
	JetGetSystemParameter(*inst, 0, JET_paramBaseName, NULL, buf,
			      sizeof(buf));
	is(strcmp(buf, "jtk"), 0, "BaseName reads back jtk");
	is(JetSetSystemParameter(inst, 0, JET_paramRecovery, 0, "maybe"),
	   JET_errInvalidParameter, "Recovery maybe -> InvalidParameter");
	is(JetSetSystemParameter(inst, 0, JET_paramRecovery, 0, "off"), 0,
	   "Recovery off");
	memset(buf, 'p', 260);
	buf[260] = 0;
	is(JetSetSystemParameter(inst, 0, JET_paramSystemPath, 0, buf),
	   JET_errInvalidParameter, "a 260-char SystemPath -> InvalidParameter");
	is(JetSetSystemParameter(inst, 0, JET_paramSystemPath, 0, NULL),
	   JET_errInvalidParameter, "string parameter without a string");
}

static void test_ranges(JET_INSTANCE *inst)
{
	is(JetSetSystemParameter(inst, 0, JET_paramMaxSessions, 30001, NULL),
	   JET_errInvalidParameter, "MaxSessions 30001 -> InvalidParameter");
	is(JetSetSystemParameter(inst, 0, JET_paramMaxSessions, 30000, NULL), 0,
	   "MaxSessions 30000");
	is(JetSetSystemParameter(inst, 0, JET_paramLogFileSize, 63, NULL),
	   JET_errInvalidParameter, "LogFileSize 63 -> InvalidParameter");
	is(JetSetSystemParameter(inst, 0, JET_paramDbExtensionSize, 0, NULL),
	   JET_errInvalidParameter, "DbExtensionSize 0 -> InvalidParameter");
	is(JetSetSystemParameter(inst, 0, JET_paramCircularLog, 5, NULL), 0,
	   "a boolean takes any value");
	is(get(*inst, JET_paramCircularLog), 1, "... and stores it as 1");
	is(JetSetSystemParameter(inst, 0, JET_paramMaxColtyp, 3, NULL),
	   JET_errInvalidParameter, "read-only MaxColtyp -> InvalidParameter");
	is(JetSetSystemParameter(inst, 0, 13, 1, NULL), JET_errInvalidParameter,
	   "an id ESE does not define (13) -> InvalidParameter");
	is(JetSetSystemParameter(inst, 0, JET_paramMaxValueInvalid, 1, NULL),
	   JET_errInvalidParameter, "JET_paramMaxValueInvalid -> InvalidParameter");
	is(JetGetSystemParameter(*inst, 0, 5000, NULL, NULL, 0),
	   JET_errInvalidParameter, "get of id 5000 -> InvalidParameter");
	is(JetSetSystemParameter(inst, 0, JET_paramMaxSessions, 8, NULL), 0,
	   "MaxSessions 8");
}

static void test_frozen(void)
{
	JET_INSTANCE inst = 0, other = 0;
	JET_SESID s;

	is(JetCreateInstance(&inst, "param-frozen"), 0, "create an instance");
	is(JetSetSystemParameter(NULL, 0, JET_paramDatabasePageSize, 8192, NULL),
	   JET_errAlreadyInitialized,
	   "DatabasePageSize once an instance exists -> AlreadyInitialized");
	is(JetSetSystemParameter(NULL, 0, JET_paramDatabasePageSize, 4096, NULL),
	   0, "... unless the value is unchanged");
	is(JetSetSystemParameter(&inst, 0, JET_paramMaxSessions, 4, NULL), 0,
	   "MaxSessions before init");
	is(JetInit(&inst), 0, "JetInit");
	is(JetSetSystemParameter(&inst, 0, JET_paramMaxSessions, 5, NULL),
	   JET_errAlreadyInitialized, "MaxSessions after init -> AlreadyInitialized");
	is(JetSetSystemParameter(&inst, 0, JET_paramMaxSessions, 4, NULL), 0,
	   "setting the current value succeeds");
	is(JetSetSystemParameter(&inst, 0, JET_paramCheckpointDepthMax, 1 << 20,
				 NULL), 0, "CheckpointDepthMax may change after init");
	is(get(inst, JET_paramCheckpointDepthMax), 1 << 20, "... and reads back");
	is(JetBeginSession(inst, &s, NULL, NULL), 0, "begin a session");
	is(JetSetSystemParameter(NULL, s, JET_paramDbExtensionSize, 64, NULL), 0,
	   "a session names its instance");
	is(get(inst, JET_paramDbExtensionSize), 64, "... the instance got it");
	is(JetSetSystemParameter(NULL, (JET_SESID)0x55, JET_paramDbExtensionSize,
				 64, NULL), JET_errInvalidSesid,
	   "a garbage session -> InvalidSesid");
	other = (JET_INSTANCE)0x4321;
	is(JetSetSystemParameter(&other, 0, JET_paramDbExtensionSize, 64, NULL),
	   JET_errInvalidInstance, "a garbage instance -> InvalidInstance");
	is(JetSetSystemParameter(NULL, 0, JET_paramMaxSessions, 7, NULL), 0,
	   "a process-wide default");
	is(JetCreateInstance(&other, "param-later"), 0, "a later instance");
	is(get(other, JET_paramMaxSessions), 7, "... inherits the default");
	is(get(inst, JET_paramMaxSessions), 4, "... the running one keeps its own");
	is(JetTerm(other), 0, "term the later instance");
	is(JetTerm(inst), 0, "term");
	is(JetSetSystemParameter(NULL, 0, JET_paramMaxSessions, 16, NULL), 0,
	   "restore the default");
}

int main(void)
{
	JET_INSTANCE inst = 0;

	is(JetCreateInstance(&inst, "params"), 0, "create an instance");
	test_defaults(inst);
	test_strings(&inst);
	test_ranges(&inst);
	is(JetTerm(inst), 0, "term");
	test_frozen();
	return tap_done();
}
