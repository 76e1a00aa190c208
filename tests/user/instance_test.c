// SPDX-License-Identifier: GPL-2.0-only
/*
 * Instances: JetCreateInstance(2), JetInit(2, 3), JetTerm(2), run modes
 * and path conflicts (ese-api.md 4.2 and 2).
 */
#include <sys/wait.h>

#include "tap.h"
#include "util.h"

static void test_create(void)
{
	JET_INSTANCE a = 0, b = 0, c = 0;
	char longname[300];

	is(JetCreateInstance(&a, "inst-a"), 0, "JetCreateInstance");
	ok(a && a != JET_instanceNil, "a non-nil handle");
	is(JetCreateInstance(&b, "inst-a"), JET_errInstanceNameInUse,
	   "same name -> JET_errInstanceNameInUse");
	is(JetCreateInstance2(&b, "inst-b", "display b", 0), 0,
	   "JetCreateInstance2 with a display name");
	is(JetCreateInstance2(&c, "inst-c", NULL, 1), JET_errInvalidGrbit,
	   "JetCreateInstance2(grbit 1) -> InvalidGrbit");
	is(JetCreateInstance(NULL, "inst-c"), JET_errInvalidParameter,
	   "pinstance NULL -> InvalidParameter");
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	is(JetCreateInstance(&c, longname), JET_errInvalidParameter,
	   "a 299-byte name -> InvalidParameter");
	is(JetCreateInstance(&c, NULL), 0, "a NULL name is allowed");
	is(JetTerm(c), 0, "JetTerm of an uninitialised instance frees it");
	is(JetInit(&c), JET_errInvalidInstance,
	   "its handle is then invalid for JetInit");
	is(JetTerm(b), 0, "JetTerm of inst-b");
	is(JetCreateInstance(&b, "inst-b"), 0, "inst-b's name is free again");
	is(JetTerm(b), 0, "term it");
	is(JetTerm(a), 0, "term inst-a");
}

static void test_init_term(void)
{
	JET_INSTANCE a = 0, saved;
	JET_RSTINFO_A rst;

	is(JetCreateInstance(&a, "init"), 0, "create");
	is(JetInit2(&a, 0x40000000), JET_errInvalidGrbit,
	   "JetInit2(unknown grbit) -> InvalidGrbit");
	is(a, 0, "a failed JetInit frees the instance and zeroes the handle");
	is(JetCreateInstance(&a, "init"), 0, "create again (name free)");
	memset(&rst, 0, sizeof(rst));
	rst.cbStruct = sizeof(rst) + 1;
	saved = a;
	is(JetInit3(&a, &rst, 0), JET_errInvalidParameter,
	   "JetInit3 with a wrong cbStruct -> InvalidParameter");
	is(a, 0, "... and the instance is gone");
	is(JetTerm(saved), JET_errInvalidParameter,
	   "JetTerm of the freed handle -> InvalidParameter");
	is(JetCreateInstance(&a, "init"), 0, "create");
	rst.cbStruct = sizeof(rst);
	is(JetInit3(&a, &rst, JET_bitReplayIgnoreMissingDB), 0,
	   "JetInit3 with a valid RSTINFO and grbit");
	saved = a;
	is(JetInit(&a), JET_errAlreadyInitialized,
	   "JetInit again -> AlreadyInitialized");
	is(a, saved, "... and the handle is left alone");
	is(JetInit(NULL), JET_errRunningInMultiInstanceMode,
	   "JetInit(NULL) in multi-instance mode");
	is(JetTerm2(a, 0x100), JET_errInvalidGrbit,
	   "JetTerm2(unknown grbit) -> InvalidGrbit");
	is(JetTerm2(a, JET_bitTermStopBackup), 0, "JetTerm2(StopBackup)");
	is(JetTerm2(a, 0), JET_errInvalidParameter, "JetTerm2 twice");

	is(lib_instance(&a, "t-complete"), 0, "instance for Complete");
	is(JetTerm2(a, JET_bitTermComplete), 0, "JetTerm2(Complete)");
	is(lib_instance(&a, "t-abrupt"), 0, "instance for Abrupt");
	is(JetTerm2(a, JET_bitTermAbrupt), 0, "JetTerm2(Abrupt)");
	is(lib_instance(&a, "t-dirty"), 0, "instance for Dirty");
	is(JetTerm2(a, JET_bitTermDirty), JET_errDirtyShutdown,
	   "JetTerm2(Dirty) -> JET_errDirtyShutdown");
	ok(!stats_exist(a), "... the instance is gone all the same");
	is(JetTerm((JET_INSTANCE)0xfeedface), JET_errInvalidParameter,
	   "JetTerm(garbage) -> InvalidParameter");
}

#define LOG_A		"tests/user/build/out/log-a/"
#define LOG_B		"tests/user/build/out/log-b/"
#define LOG_MISSING	"tests/user/build/out/no-such-dir/"

static void test_paths(void)
{
	JET_INSTANCE a = 0, b = 0;

	is(JetCreateInstance(&a, "path-a"), 0, "create path-a");
	is(JetCreateInstance(&b, "path-b"), 0, "create path-b");
	mkdir("tests/user/build/out", 0755);
	mkdir(LOG_A, 0755);
	mkdir(LOG_B, 0755);
	is(JetSetSystemParameter(&a, 0, JET_paramLogFilePath, 0, LOG_A), 0,
	   "path-a log path");
	is(JetSetSystemParameter(&b, 0, JET_paramLogFilePath, 0, LOG_A), 0,
	   "path-b log path: the same");
	is(JetSetSystemParameter(&a, 0, JET_paramSystemPath, 0, "/sa/"), 0,
	   "path-a system path /sa/");
	is(JetSetSystemParameter(&b, 0, JET_paramSystemPath, 0, "/sb/"), 0,
	   "path-b system path /sb/");
	is(JetSetSystemParameter(&a, 0, JET_paramTempPath, 0, "/ta"), 0, "temp a");
	is(JetSetSystemParameter(&b, 0, JET_paramTempPath, 0, "/tb"), 0, "temp b");
	is(JetInit(&a), 0, "init path-a");
	is(JetInit(&b), JET_errLogFilePathInUse,
	   "same log path -> JET_errLogFilePathInUse");
	is(JetCreateInstance(&b, "path-b"), 0, "create path-b again");
	is(JetSetSystemParameter(&b, 0, JET_paramSystemPath, 0, "/sa/"), 0,
	   "path-b system path = path-a's");
	is(JetSetSystemParameter(&b, 0, JET_paramLogFilePath, 0, LOG_B), 0,
	   "path-b own log path");
	is(JetInit(&b), JET_errSystemPathInUse,
	   "same system path -> JET_errSystemPathInUse");
	is(JetCreateInstance(&b, "path-b"), 0, "create path-b once more");
	is(JetSetSystemParameter(&b, 0, JET_paramLogFilePath, 0,
				 LOG_MISSING), 0, "path-b log path missing");
	is(JetInit(&b), JET_errInvalidPath,
	   "a log directory that does not exist -> JET_errInvalidPath");
	is(JetCreateInstance(&b, "path-b"), 0, "create path-b again");
	is(JetSetSystemParameter(&b, 0, JET_paramRecovery, 0, "off"), 0,
	   "path-b without a log (Recovery off)");
	is(JetSetSystemParameter(&b, 0, JET_paramLogFilePath, 0, LOG_A), 0,
	   "path-b log path path-a's again");
	is(JetInit(&b), JET_errLogFilePathInUse,
	   "... ESE still refuses the same log path");
	is(JetTerm(a), 0, "term path-a");
}

static void test_limits(void)
{
	JET_INSTANCE inst[17];
	int i, made = 0, status = -1;
	pid_t pid;

	for (i = 0; i < 16; i++)
		made += JetCreateInstance(&inst[i], NULL) == 0;
	is(made, 16, "16 instances (JET_paramMaxInstances default)");
	is(JetCreateInstance(&inst[16], NULL), JET_errTooManyInstances,
	   "the 17th -> JET_errTooManyInstances");
	for (i = 0; i < 16; i++)
		JetTerm(inst[i]);

	/* Single-instance (legacy) mode, in a fresh process. */
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		JET_INSTANCE x = 0, y = 0;
		JET_SESID s;
		int bad = 0;

		bad |= JetInit(&x) != 0;
		bad |= (x == 0) << 1;
		bad |= (JetInit(&y) != JET_errAlreadyInitialized) << 2;
		bad |= (JetCreateInstance(&y, "z") !=
			JET_errRunningInOneInstanceMode) << 3;
		bad |= (JetBeginSession(0, &s, NULL, NULL) != 0) << 4;
		bad |= (JetEndSession(s, 0) != 0) << 5;
		bad |= (JetTerm(0) != 0) << 6;
		/* The mode returns to unset with the last instance. */
		bad |= (JetCreateInstance(&y, "z") != 0) << 7;
		bad |= (JetTerm(y) != 0) << 8;
		_exit(bad > 255 ? 255 : bad);
	}
	ok(pid > 0 && waitpid(pid, &status, 0) == pid, "fork a legacy process");
	is(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0,
	   "legacy mode: JetInit(&0) creates the instance, a second JetInit -> "
	   "AlreadyInitialized, JetCreateInstance -> RunningInOneInstanceMode, "
	   "handle 0 names the instance, term resets the mode");
}

static void test_cache(void)
{
	JET_INSTANCE inst = 0;
	JET_API_PTR def = 0;

	is(JetGetSystemParameter(0, 0, JET_paramCacheSizeMax, &def, NULL, 0),
	   0, "read the CacheSizeMax default");
	is(JetSetSystemParameter(NULL, 0, JET_paramCacheSizeMax, 100, NULL), 0,
	   "JET_paramCacheSizeMax = 100 pages");
	is(JetSetSystemParameter(NULL, 0, JET_paramCacheSizeMin, 7, NULL), 0,
	   "JET_paramCacheSizeMin = 7 pages");
	is(lib_instance(&inst, "cache"), 0, "an instance");
	is(stat_get(inst, "cache_page_size"), 4096,
	   "its cache has JET_paramDatabasePageSize pages");
	is(stat_get(inst, "cache_max_frames"), 100,
	   "... at most JET_paramCacheSizeMax of them");
	is(stat_get(inst, "cache_frames"), 0, "... none in use yet");
	is(JetStopServiceInstance(inst), 0, "stop");
	ok(stat_wait(inst, "flush_runs", 1, 2000) >= 1,
	   "the flush item ran over the (empty) cache");
	is(stat_get(inst, "cache_dirty"), 0, "nothing dirty");
	is(JetTerm(inst), 0, "term frees the cache");
	is(JetSetSystemParameter(NULL, 0, JET_paramCacheSizeMax, def, NULL), 0,
	   "restore CacheSizeMax");
	is(JetSetSystemParameter(NULL, 0, JET_paramCacheSizeMin, 1, NULL), 0,
	   "restore CacheSizeMin");
}

int main(void)
{
	test_create();
	test_cache();
	test_init_term();
	test_paths();
	test_limits();
	return tap_done();
}
