// SPDX-License-Identifier: GPL-2.0-only
/*
 * JetStopService, JetStopServiceInstance and JetStopServiceInstance2:
 * the gate, the exempt calls, the parameter change, the Stop2 grbits and
 * Resume, and the background work items, per ese-api.md sections 1 and 2.
 */
#include <pthread.h>
#include <sys/wait.h>

#include "tap.h"
#include "util.h"

#define STOPPED JET_errClientRequestToStopJetService

static JET_INSTANCE running(const char *name)
{
	JET_INSTANCE inst = 0;
	JET_ERR err = lib_instance(&inst, name);

	if (err)
		diag("instance %s: %ld", name, (long)err);
	return inst;
}

static void test_not_running(void)
{
	JET_INSTANCE inst = 0;

	is(JetStopServiceInstance((JET_INSTANCE)0xdead), JET_errInvalidParameter,
	   "stop of a garbage handle -> JET_errInvalidParameter");
	is(JetStopServiceInstance2((JET_INSTANCE)0xdead, 0),
	   JET_errInvalidParameter,
	   "Stop2 of a garbage handle -> JET_errInvalidParameter");
	is(JetCreateInstance(&inst, "stop-created"), 0, "create an instance");
	is(JetStopServiceInstance(inst), JET_errInvalidParameter,
	   "stop of a created, uninitialised instance -> InvalidParameter");
	is(JetInit(&inst), 0, "... which can still be initialised");
	is(JetTerm(inst), 0, "... and terminated");
	is(JetStopServiceInstance(inst), JET_errInvalidParameter,
	   "stop of a terminated instance -> JET_errInvalidParameter");
	is(JetStopService(), JET_errInvalidParameter,
	   "JetStopService with no run mode (last instance gone) -> "
	   "InvalidParameter");
}

static void test_legacy_stop(void)
{
	JET_INSTANCE inst = running("stop-legacy");
	JET_SESID s1, s2, s3;
	JET_SESSIONINFO info;
	JET_API_PTR v = 0;
	char buf[64];

	is(JetBeginSession(inst, &s1, NULL, NULL), 0, "begin session 1");
	is(JetBeginSession(inst, &s2, NULL, NULL), 0, "begin session 2");
	is(JetSetSessionContext(s1, 77), 0, "set a context on session 1");
	is(JetGetSystemParameter(inst, JET_sesidNil, JET_paramCheckpointDepthMax,
				 &v, NULL, 0), 0, "read CheckpointDepthMax");
	is(v, 20971520, "CheckpointDepthMax defaults to 20 MiB");
	is(stat_get(inst, "gate_stopped"), 0, "gate open before the stop");
	is(JetStopService(), JET_errRunningInMultiInstanceMode,
	   "JetStopService in multi-instance mode -> RunningInMultiInstanceMode");
	is(stat_get(inst, "gate_stopped"), 0, "... and the gate stays open");

	is(JetStopServiceInstance(inst), 0, "JetStopServiceInstance");
	is(stat_get(inst, "gate_stopped"), 1, "gate closed after the stop");
	v = 0;
	is(JetGetSystemParameter(inst, JET_sesidNil, JET_paramCheckpointDepthMax,
				 &v, NULL, 0), 0,
	   "JetGetSystemParameter works after the stop");
	is(v, 16384, "the stop set CheckpointDepthMax to 16384");

	is(JetBeginSession(inst, &s3, NULL, NULL), STOPPED,
	   "JetBeginSession after stop -> -1329");
	is(JetSetSessionContext(s2, 5), STOPPED,
	   "JetSetSessionContext after stop -> -1329");
	is(JetGetSessionInfo(s1, &info, sizeof(info), JET_SessionInfo), 0,
	   "JetGetSessionInfo is exempt");
	is(info.ulTrxContext, 77, "... and reports the context");
	is(JetResetSessionContext(s1), 0, "JetResetSessionContext is exempt");
	is(JetSetSystemParameter(&inst, JET_sesidNil, JET_paramCommitDefault, 1,
				 NULL), 0, "JetSetSystemParameter is exempt");
	is(JetGetSystemParameter(inst, JET_sesidNil, JET_paramBaseName, NULL,
				 buf, sizeof(buf)), 0,
	   "string JetGetSystemParameter is exempt");
	is(JetStopServiceInstance(inst), 0, "a second stop succeeds");
	is(stat_get(inst, "calls_refused"), 2, "two calls were refused");
	is(stat_get(inst, "stop_calls"), 2, "two stop calls counted");

	/* The four steps' work items ran (bodies grow with later issues). */
	ok(stat_wait(inst, "defrag_stop_runs", 1, 2000) >= 1,
	   "the defrag-stop work item ran");
	ok(stat_wait(inst, "version_cleanup_runs", 1, 2000) >= 1,
	   "the version-store cleanup work item ran");
	ok(stat_wait(inst, "flush_runs", 1, 2000) >= 1,
	   "the flush work item ran");
	is(stat_wait_eq(inst, "flush_target_depth", 16384, 2000), 16384,
	   "the flush works toward depth 16384");

	is(JetStopServiceInstance2(inst, JET_bitStopServiceResume), 0,
	   "bare Resume after the legacy stop succeeds");
	is(JetBeginSession(inst, &s3, NULL, NULL), STOPPED,
	   "... but the gate stays closed");
	v = 0;
	JetGetSystemParameter(inst, JET_sesidNil, JET_paramCheckpointDepthMax,
			      &v, NULL, 0);
	is(v, 16384, "... and CheckpointDepthMax stays 16384");

	is(JetEndSession(s1, 0), 0, "JetEndSession is exempt (1)");
	is(JetEndSession(s2, 0), 0, "JetEndSession is exempt (2)");
	is(stat_get(inst, "sessions"), 0, "no sessions left");
	is(JetTerm(inst), 0, "JetTerm after stop");
	ok(!stats_exist(inst), "terminated instance's counters are gone");
	is(JetStopServiceInstance(inst), JET_errInvalidParameter,
	   "stop after term -> JET_errInvalidParameter");
}

static void test_stop2_grbits(void)
{
	JET_INSTANCE inst = running("stop2-grbits");
	JET_SESID s;

	is(JetStopServiceInstance2(inst, 0x1), JET_errInvalidGrbit,
	   "Stop2(0x1, the internal All marker) -> InvalidGrbit");
	is(JetStopServiceInstance2(inst, 0x10), JET_errInvalidGrbit,
	   "Stop2(0x10) -> InvalidGrbit");
	is(JetStopServiceInstance2(inst, 0x40000000), JET_errInvalidGrbit,
	   "Stop2(0x40000000) -> InvalidGrbit");
	is(JetStopServiceInstance2(inst, JET_bitStopServiceStopAndEmitLog |
				   JET_bitStopServiceQuiesceCaches),
	   JET_errInvalidGrbit, "StopAndEmitLog not alone -> InvalidGrbit");
	is(JetStopServiceInstance2(inst, JET_bitStopServiceResume |
				   JET_bitStopServiceStopAndEmitLog),
	   JET_errInvalidGrbit, "Resume of StopAndEmitLog -> InvalidGrbit");
	is(JetStopServiceInstance2(inst, JET_bitStopServiceStopAndEmitLog),
	   JET_errFeatureNotAvailable,
	   "StopAndEmitLog alone -> FeatureNotAvailable (no log yet)");
	is(stat_get(inst, "stop_calls"), 0, "failed stops changed nothing");
	is(stat_get(inst, "stop_mask"), 0, "... the stop mask is empty");
	{
		JET_API_PTR depth = 0;

		/* None of the four steps was taken. */
		usleep(50 * 1000);
		is(stat_get(inst, "gate_stopped"), 0, "... the gate is open");
		is(stat_get(inst, "defrag_stop_runs") +
		   stat_get(inst, "flush_runs") +
		   stat_get(inst, "version_cleanup_runs"), 0,
		   "... no step's work item ran");
		JetGetSystemParameter(inst, JET_sesidNil,
				      JET_paramCheckpointDepthMax, &depth,
				      NULL, 0);
		is(depth, 20971520, "... CheckpointDepthMax is untouched");
		is(stat_get(inst, "checkpoint_depth_target"), 20971520,
		   "... and so is the log's depth target");
	}
	is(JetStopServiceInstance2(inst, JET_bitStopServiceResume), 0,
	   "bare Resume with nothing stopped is a no-op success");

	is(JetStopServiceInstance2(inst, JET_bitStopServiceBackgroundUserTasks),
	   0, "Stop2(BackgroundUserTasks)");
	is(stat_get(inst, "background_tasks_paused"), 1,
	   "background tasks paused");
	is(JetBeginSession(inst, &s, NULL, NULL), 0,
	   "BackgroundUserTasks leaves the gate open");
	is(JetStopServiceInstance2(inst, JET_bitStopServiceQuiesceCaches), 0,
	   "Stop2(QuiesceCaches)");
	is(stat_get(inst, "quiesce_caches"), 1, "caches quiescing");
	is(stat_wait_eq(inst, "flush_target_depth", 0, 2000), 0,
	   "QuiesceCaches drives the checkpoint depth toward 0 (async)");
	is(stat_get(inst, "stop_mask"), 6, "stop mask = BG | Quiesce");
	is(JetStopServiceInstance2(inst, JET_bitStopServiceResume |
				   JET_bitStopServiceQuiesceCaches), 0,
	   "Resume(QuiesceCaches) only");
	is(stat_get(inst, "quiesce_caches"), 0, "caches no longer quiescing");
	is(stat_get(inst, "background_tasks_paused"), 1,
	   "... background tasks still paused");
	is(JetStopServiceInstance2(inst, JET_bitStopServiceResume), 0,
	   "bare Resume resumes the rest");
	is(stat_get(inst, "background_tasks_paused"), 0,
	   "background tasks resumed");
	is(stat_get(inst, "stop_mask"), 0, "stop mask empty again");

	is(JetStopServiceInstance2(inst, JET_bitStopServiceAll), 0,
	   "Stop2(All)");
	is(JetSetSessionContext(s, 9), STOPPED, "All closes the gate");
	is(stat_get(inst, "quiesce_caches"), 1, "All implies QuiesceCaches");
	is(stat_get(inst, "background_tasks_paused"), 1,
	   "All implies BackgroundUserTasks");
	is(JetStopServiceInstance2(inst, JET_bitStopServiceResume), STOPPED,
	   "bare Resume after All -> -1329, nothing undone");
	is(stat_get(inst, "quiesce_caches"), 1, "... still quiescing");
	is(JetStopServiceInstance2(inst, JET_bitStopServiceResume |
				   JET_bitStopServiceBackgroundUserTasks), 0,
	   "Resume(BackgroundUserTasks) after All succeeds");
	is(stat_get(inst, "background_tasks_paused"), 0,
	   "... and resumes background tasks");
	is(JetBeginSession(inst, &s, NULL, NULL), STOPPED,
	   "... while the gate stays closed");
	is(JetStopServiceInstance2(inst, JET_bitStopServiceAll), 0,
	   "stopping again is harmless");
	is(JetTerm2(inst, JET_bitTermComplete), 0, "JetTerm2(Complete) after All");
}

/* JetStopService in legacy single-instance mode, in a child process. */
static void test_single_instance_mode(void)
{
	int status = -1;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		JET_INSTANCE inst = 0;
		JET_SESID s;
		int bad = 0;

		bad |= JetStopService() != JET_errInvalidParameter;
		bad |= (JetInit(NULL) != 0) << 1;
		bad |= (JetBeginSession(0, &s, NULL, NULL) != 0) << 2;
		bad |= (JetStopService() != 0) << 3;
		bad |= (JetBeginSession(0, &s, NULL, NULL) != STOPPED) << 4;
		bad |= (JetCreateInstance(&inst, "x") !=
			JET_errRunningInOneInstanceMode) << 5;
		bad |= (JetEndSession(s, 0) != 0) << 6;
		bad |= (JetTerm(0) != 0) << 7;
		_exit(bad);
	}
	ok(pid > 0 && waitpid(pid, &status, 0) == pid, "fork a legacy process");
	ok(WIFEXITED(status), "the legacy child exited");
	is(WEXITSTATUS(status), 0,
	   "legacy mode: StopService before init -> InvalidParameter, after "
	   "JetInit(NULL) it stops the one instance, gate closes, EndSession "
	   "and JetTerm work (failed steps = bits)");
}

/* Wait up to @ms for a counter to drop to @want or below. */
static long long stat_wait_le(JET_INSTANCE inst, const char *key,
			      long long want, int ms)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	long long v = stat_get(inst, key);

	while (v > want && ms > 0) {
		nanosleep(&ts, NULL);
		ms -= 10;
		v = stat_get(inst, key);
	}
	return v;
}

#define CKPT_DIR	"tests/user/build/out/stop-ckpt/"
#define CKPT_DB		"tests/user/build/out/stop-ckpt.edb"

/*
 * The stop's third step with a log: the checkpoint depth falls to 16384
 * bytes after JetStopServiceInstance, and to 0 with QuiesceCaches.
 */
static void test_checkpoint_depth(void)
{
	JET_COLUMNCREATE_A cc[2] = {
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Id",
		  .coltyp = JET_coltypLong,
		  .grbit = JET_bitColumnFixed | JET_bitColumnNotNULL },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Data",
		  .coltyp = JET_coltypBinary, .cbMax = 255 },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(idx), .szIndexName = "ById",
		.szKey = "+Id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(tc), .szTableName = "Rows",
		.rgcolumncreate = cc, .cColumns = 2,
		.rgindexcreate = &idx, .cIndexes = 1,
	};
	JET_INSTANCE inst = 0;
	long long before, after, pages;
	char data[255];
	JET_SESID ses;
	JET_DBID db;
	JET_ERR err = 0;
	int32_t id;

	memset(data, 0x5a, sizeof(data));
	mkdir("tests/user/build/out", 0755);
	mkdir(CKPT_DIR, 0755);
	unlink(CKPT_DIR "edb.jlog");
	unlink(CKPT_DB);
	is(JetCreateInstance(&inst, "stop-ckpt"), 0, "ckpt: an instance");
	is(JetSetSystemParameter(&inst, 0, JET_paramLogFilePath, 0, CKPT_DIR),
	   0, "ckpt: its log path");
	is(JetInit(&inst), 0, "ckpt: JetInit (with its log)");
	is(stat_get(inst, "log"), 1, "ckpt: the instance logs");
	is(JetBeginSession(inst, &ses, NULL, NULL), 0, "ckpt: a session");
	is(JetCreateDatabase(ses, CKPT_DB, NULL, &db, 0), 0,
	   "ckpt: JetCreateDatabase");
	is(JetCreateTableColumnIndex(ses, db, &tc), 0, "ckpt: table Rows");
	for (id = 0; id < 4000 && !err; id++) {
		if (id % 100 == 0)
			err = JetBeginTransaction(ses);
		if (!err)
			err = JetPrepareUpdate(ses, tc.tableid, JET_prepInsert);
		if (!err)
			err = JetSetColumn(ses, tc.tableid, cc[0].columnid, &id,
					   sizeof(id), 0, NULL);
		if (!err)
			err = JetSetColumn(ses, tc.tableid, cc[1].columnid,
					   data, sizeof(data), 0, NULL);
		if (!err)
			err = JetUpdate(ses, tc.tableid, NULL, 0, NULL);
		if (!err && id % 100 == 99)
			err = JetCommitTransaction(ses, 0);
	}
	is(err, 0, "ckpt: 4000 rows in 40 durable transactions");
	before = stat_get(inst, "checkpoint_depth");
	ok(before > 16384, "ckpt: the checkpoint depth is %lld bytes", before);
	is(JetStopServiceInstance(inst), 0, "ckpt: JetStopServiceInstance");
	is(stat_wait_eq(inst, "checkpoint_depth_target", 16384, 5000), 16384,
	   "ckpt: the log's depth target is 16384");
	after = stat_wait_le(inst, "checkpoint_depth", 16384, 10000);
	ok(after <= 16384, "ckpt: the depth fell to %lld bytes (from %lld)",
	   after, before);
	pages = stat_get(inst, "checkpoint_pages_written");
	ok(pages > 0, "ckpt: the checkpoint work wrote %lld pages", pages);
	is(JetStopServiceInstance2(inst, JET_bitStopServiceQuiesceCaches), 0,
	   "ckpt: Stop2(QuiesceCaches)");
	is(stat_wait_le(inst, "checkpoint_depth", 0, 10000), 0,
	   "ckpt: QuiesceCaches drives the depth to 0");
	is(stat_wait_le(inst, "cache_dirty", 0, 10000), 0,
	   "ckpt: ... with no dirty page left");
	is(JetCloseTable(ses, tc.tableid), 0, "ckpt: JetCloseTable");
	is(JetEndSession(ses, 0), 0, "ckpt: JetEndSession");
	is(JetTerm(inst), 0, "ckpt: JetTerm");
}

#define COUNT_ROWS	3000

struct counter {
	JET_SESID ses;
	JET_TABLEID t;
	JET_ERR err;
	int counts;
};

/* Count the whole index again and again until a call fails. */
static void *count_loop(void *arg)
{
	struct counter *c = arg;
	unsigned long n;

	do {
		c->err = JetMove(c->ses, c->t, JET_MoveFirst, 0);
		if (!c->err)
			c->err = JetIndexRecordCount(c->ses, c->t, &n, 0);
		c->counts++;
	} while (!c->err);
	return NULL;
}

/*
 * A long loop polls the gate: JetIndexRecordCount inside a count when
 * JetStopServiceInstance comes returns JET_errClientRequestToStopJetService
 * mid-operation (told apart from a refusal at the gate by calls_refused).
 */
static void test_index_count(void)
{
	JET_COLUMNCREATE_A cc[1] = {
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Id",
		  .coltyp = JET_coltypLong,
		  .grbit = JET_bitColumnFixed | JET_bitColumnNotNULL },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(idx), .szIndexName = "ById",
		.szKey = "+Id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	char dir[64], db[96];
	int round, mid = 0;

	for (round = 0; round < 4 && !mid; round++) {
		JET_TABLECREATE_A tc = {
			.cbStruct = sizeof(tc), .szTableName = "Rows",
			.rgcolumncreate = cc, .cColumns = 1,
			.rgindexcreate = &idx, .cIndexes = 1,
		};
		JET_INSTANCE inst = 0;
		struct counter c = { 0 };
		unsigned long n = 0;
		long long refused;
		JET_DBID dbid;
		JET_ERR err = 0;
		pthread_t th;
		int32_t id, first = -1;

		snprintf(dir, sizeof(dir), "tests/user/build/out/stop-count%d/",
			 round);
		snprintf(db, sizeof(db), "tests/user/build/out/stop-count%d.edb",
			 round);
		mkdir(dir, 0755);
		unlink(db);
		if (JetCreateInstance(&inst, "stop-count") ||
		    JetSetSystemParameter(&inst, 0, JET_paramLogFilePath, 0,
					  dir) ||
		    JetInit(&inst) ||
		    JetBeginSession(inst, &c.ses, NULL, NULL) ||
		    JetCreateDatabase(c.ses, db, NULL, &dbid, 0) ||
		    JetCreateTableColumnIndex(c.ses, dbid, &tc)) {
			ok(0, "count: an instance with a table");
			return;
		}
		c.t = tc.tableid;
		err = JetBeginTransaction(c.ses);
		for (id = 0; id < COUNT_ROWS && !err; id++) {
			err = JetPrepareUpdate(c.ses, c.t, JET_prepInsert);
			if (!err)
				err = JetSetColumn(c.ses, c.t, cc[0].columnid,
						   &id, sizeof(id), 0, NULL);
			if (!err)
				err = JetUpdate(c.ses, c.t, NULL, 0, NULL);
		}
		if (!err)
			err = JetCommitTransaction(c.ses, 0);
		if (!round) {
			is(err, 0, "count: %d rows", COUNT_ROWS);
			is(JetMove(c.ses, c.t, JET_MoveFirst, 0), 0,
			   "count: on the first row");
			is(JetIndexRecordCount(c.ses, c.t, &n, 0), 0,
			   "count: JetIndexRecordCount");
			is(n, COUNT_ROWS, "count: every row, from the first");
			is(JetIndexRecordCount(c.ses, c.t, &n, 100), 0,
			   "count: JetIndexRecordCount(crecMax 100)");
			is(n, 100, "count: ... stops at 100");
			JetRetrieveColumn(c.ses, c.t, cc[0].columnid, &first,
					  sizeof(first), NULL, 0, NULL);
			is(first, 0, "count: the cursor stays where it was");
			JetMove(c.ses, c.t, JET_MoveLast, 0);
			is(JetIndexRecordCount(c.ses, c.t, &n, 0), 0,
			   "count: from the last row");
			is(n, 1, "count: ... one");
		}
		pthread_create(&th, NULL, count_loop, &c);
		usleep(50 * 1000);
		JetStopServiceInstance(inst);
		refused = stat_get(inst, "calls_refused");
		pthread_join(th, NULL);
		/* Refused inside the count, not at the gate: no refusal. */
		if (c.err == STOPPED && c.counts > 1 &&
		    stat_get(inst, "calls_refused") == refused)
			mid = 1;
		else if (c.err != STOPPED)
			diag("count: round %d ended with %ld", round,
			     (long)c.err);
		JetCloseTable(c.ses, c.t);
		JetEndSession(c.ses, 0);
		JetTerm(inst);
	}
	ok(mid, "count: after JetStopServiceInstance a count in progress returns -1329 mid-operation");
}

int main(void)
{
	test_not_running();
	test_legacy_stop();
	test_stop2_grbits();
	test_single_instance_mode();
	test_checkpoint_depth();
	test_index_count();
	return tap_done();
}
