// SPDX-License-Identifier: GPL-2.0-only
/*
 * Online defragmentation through libjetk (ese-api 7, module/defrag.h).
 *
 * Table T (Id primary, Val, Pad) is loaded in key order, then two rows of
 * every three are deleted and the version store cleaned: every leaf is
 * left about a third full.  Then:
 *  - every grbit and return rule of ese-api 7.1: InvalidGrbit, NotRunning,
 *    AlreadyRunning, JET_paramEnableOnlineDefrag 0 (a no-op) and without
 *    Databases, a read-only attach, JetDefragment2's callback (refused:
 *    libjetk cannot call back), JetDefragment3 by file name;
 *  - one pass (*pcPasses 1): pages merged and freed, every row still
 *    there with its data, a snapshot taken before (another session's open
 *    transaction) still sees its rows, and rows a third session deleted
 *    without committing (flag-deleted nodes, moved with their pages) come
 *    back at its rollback;
 *  - a run until stopped: Stop2(BackgroundUserTasks) pauses it (passes
 *    stop moving), Resume restarts it, BatchStop returns passes and
 *    seconds; JetStopServiceInstance ends another run (defrag_stops 1);
 *  - a power cut (debugfs crash) in the middle of a run: the next JetInit
 *    recovers and every row is there; JetDetachDatabase ends a run.
 * tests/user/build/out/defrag.edb stays for esedbexport.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "esent.h"
#include "tap.h"
#include "util.h"

#define DBFILE		"tests/user/build/out/defrag.edb"
#define ROFILE		"tests/user/build/out/defrag-ro.edb"
#define NROWS		6000
#define PAD		120
#define NSES		3

static char dir[128];
/* Rows that must be there: 1 = committed. */
static bool want[NROWS + 1];

struct env {
	JET_INSTANCE inst;
	JET_SESID s[NSES];
	JET_DBID db[NSES];
	JET_TABLEID t[NSES];
	JET_COLUMNID c_id, c_val, c_pad;
};

static void pad_of(int32_t id, unsigned char *p)
{
	int i;

	for (i = 0; i < PAD; i++)
		p[i] = (unsigned char)(id * 31 + i);
}

static JET_ERR env_init(struct env *e)
{
	JET_ERR err = JetCreateInstance(&e->inst, "defrag");

	if (!err)
		err = JetSetSystemParameter(&e->inst, 0, JET_paramLogFilePath,
					    0, dir);
	if (!err)
		err = JetInit(&e->inst);
	return err;
}

static JET_ERR env_open(struct env *e, bool create)
{
	JET_COLUMNCREATE_A cc[3] = {
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Id",
		  .coltyp = JET_coltypLong,
		  .grbit = JET_bitColumnFixed | JET_bitColumnNotNULL },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Val",
		  .coltyp = JET_coltypLong, .grbit = JET_bitColumnFixed },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Pad",
		  .coltyp = JET_coltypBinary, .cbMax = 255 },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(idx), .szIndexName = "ById",
		.szKey = "+Id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(tc), .szTableName = "T",
		.rgcolumncreate = cc, .cColumns = 3,
		.rgindexcreate = &idx, .cIndexes = 1,
	};
	JET_COLUMNDEF def;
	JET_ERR err = 0;
	int s;

	for (s = 0; s < NSES && !err; s++)
		err = JetBeginSession(e->inst, &e->s[s], NULL, NULL);
	if (err)
		return err;
	if (create) {
		unlink(DBFILE);
		err = JetCreateDatabase(e->s[0], DBFILE, NULL, &e->db[0], 0);
		if (!err)
			err = JetCreateTableColumnIndex(e->s[0], e->db[0], &tc);
		if (!err)
			err = JetCloseTable(e->s[0], tc.tableid);
		if (!err)
			err = JetCloseDatabase(e->s[0], e->db[0], 0);
	} else {
		err = JetAttachDatabase(e->s[0], DBFILE, 0);
	}
	for (s = 0; s < NSES && !err; s++) {
		err = JetOpenDatabase(e->s[s], DBFILE, NULL, &e->db[s], 0);
		if (!err)
			err = JetOpenTable(e->s[s], e->db[s], "T", NULL, 0, 0,
					   &e->t[s]);
	}
	if (!err)
		err = JetGetTableColumnInfo(e->s[0], e->t[0], "Id", &def,
					    sizeof(def), JET_ColInfo);
	e->c_id = def.columnid;
	if (!err)
		err = JetGetTableColumnInfo(e->s[0], e->t[0], "Val", &def,
					    sizeof(def), JET_ColInfo);
	e->c_val = def.columnid;
	if (!err)
		err = JetGetTableColumnInfo(e->s[0], e->t[0], "Pad", &def,
					    sizeof(def), JET_ColInfo);
	e->c_pad = def.columnid;
	return err;
}

static void env_close(struct env *e)
{
	int s;

	for (s = 0; s < NSES; s++) {
		JetCloseTable(e->s[s], e->t[s]);
		JetEndSession(e->s[s], 0);
	}
}

static JET_ERR insert(struct env *e, int32_t id)
{
	int32_t val = id * 7;
	unsigned char pad[PAD];
	JET_ERR err;

	pad_of(id, pad);
	err = JetPrepareUpdate(e->s[0], e->t[0], JET_prepInsert);
	if (!err)
		err = JetSetColumn(e->s[0], e->t[0], e->c_id, &id, 4, 0, NULL);
	if (!err)
		err = JetSetColumn(e->s[0], e->t[0], e->c_val, &val, 4, 0,
				   NULL);
	if (!err)
		err = JetSetColumn(e->s[0], e->t[0], e->c_pad, pad, PAD, 0,
				   NULL);
	if (!err)
		err = JetUpdate(e->s[0], e->t[0], NULL, 0, NULL);
	return err;
}

static JET_ERR del(struct env *e, int s, int32_t id)
{
	JET_ERR err = JetMakeKey(e->s[s], e->t[s], &id, 4, JET_bitNewKey);

	if (!err)
		err = JetSeek(e->s[s], e->t[s], JET_bitSeekEQ);
	if (!err)
		err = JetDelete(e->s[s], e->t[s]);
	return err;
}

/* Load 1..NROWS in key order, then delete the rows @keep does not keep. */
static int load(struct env *e, int keep_every)
{
	int32_t id;
	int bad = 0, n = 0;

	JetBeginTransaction(e->s[0]);
	for (id = 1; id <= NROWS; id++) {
		if (want[id])
			continue;
		bad += !!insert(e, id);
		want[id] = true;
		if (++n % 500 == 0) {
			bad += !!JetCommitTransaction(e->s[0], 0);
			JetBeginTransaction(e->s[0]);
		}
	}
	bad += !!JetCommitTransaction(e->s[0], 0);
	JetBeginTransaction(e->s[0]);
	for (id = 1, n = 0; id <= NROWS; id++) {
		if (!want[id] || id % keep_every == 0)
			continue;
		bad += !!del(e, 0, id);
		want[id] = false;
		if (++n % 500 == 0) {
			bad += !!JetCommitTransaction(e->s[0], 0);
			JetBeginTransaction(e->s[0]);
		}
	}
	bad += !!JetCommitTransaction(e->s[0], 0);
	/* Cleanup takes the deleted nodes out: leaves a third full stay. */
	JetIdle(e->s[0], 0);
	return bad;
}

/* Walk the table in session @s: rows seen, and rows wrong or unwanted. */
static int scan(struct env *e, int s, const bool *expect, int *bad)
{
	static bool seen[NROWS + 1];
	int n = 0, id;
	JET_ERR err;

	memset(seen, 0, sizeof(seen));
	*bad = 0;
	err = JetMove(e->s[s], e->t[s], JET_MoveFirst, 0);
	while (!err) {
		int32_t k = 0, v = 0;
		unsigned char pad[PAD + 8], p[PAD];
		unsigned long n1 = 0, n2 = 0, n3 = 0;

		JetRetrieveColumn(e->s[s], e->t[s], e->c_id, &k, 4, &n1, 0,
				  NULL);
		JetRetrieveColumn(e->s[s], e->t[s], e->c_val, &v, 4, &n2, 0,
				  NULL);
		JetRetrieveColumn(e->s[s], e->t[s], e->c_pad, pad,
				  sizeof(pad), &n3, 0, NULL);
		pad_of(k, p);
		if (k < 1 || k > NROWS || seen[k] || !expect[k] ||
		    v != k * 7 || n3 != PAD || memcmp(pad, p, PAD)) {
			if (*bad < 5)
				diag("session %d: row %d: val %d, pad %lu", s,
				     k, v, n3);
			(*bad)++;
		} else {
			seen[k] = true;
		}
		n++;
		err = JetMove(e->s[s], e->t[s], JET_MoveNext, 0);
	}
	if (err != JET_errNoCurrentRecord)
		(*bad)++;
	for (id = 1; id <= NROWS; id++)
		if (expect[id] && !seen[id]) {
			if (*bad < 5)
				diag("session %d: row %d missing", s, id);
			(*bad)++;
		}
	return n;
}

static int rows_wanted(void)
{
	int id, n = 0;

	for (id = 1; id <= NROWS; id++)
		n += want[id];
	return n;
}

/* Pages table T uses: owned less available. */
static long pages_used(struct env *e)
{
	unsigned long owned = 0, avail = 0;

	if (JetGetTableInfo(e->s[0], e->t[0], &owned, sizeof(owned),
			    JET_TblInfoSpaceOwned) ||
	    JetGetTableInfo(e->s[0], e->t[0], &avail, sizeof(avail),
			    JET_TblInfoSpaceAvailable))
		return -1;
	return (long)owned - (long)avail;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static JET_ERR defrag(struct env *e, unsigned long *passes,
		      unsigned long *secs, JET_GRBIT grbit)
{
	return JetDefragment(e->s[0], e->db[0], NULL, passes, secs, grbit);
}

static void test_rules(struct env *e)
{
	JET_DBID rodb = 0;
	JET_ERR err;
	JET_SESID s0 = e->s[0];

	is(defrag(e, NULL, NULL, 0), JET_errInvalidGrbit,
	   "grbit 0 -> JET_errInvalidGrbit");
	is(defrag(e, NULL, NULL, 0x4), JET_errInvalidGrbit,
	   "the obsolete DefragmentTest bit -> JET_errInvalidGrbit");
	is(defrag(e, NULL, NULL, JET_bitDefragmentBatchStart | 0x400),
	   JET_errInvalidGrbit, "BatchStart with an unknown bit -> InvalidGrbit");
	is(defrag(e, NULL, NULL, JET_bitDefragmentBatchStop |
		  JET_bitDefragmentNoPartialMerges), JET_errInvalidGrbit,
	   "BatchStop with another bit -> InvalidGrbit");
	is(defrag(e, NULL, NULL, JET_bitDefragmentBatchStop),
	   JET_wrnDefragNotRunning, "BatchStop with nothing running -> 2001");
	is(JetDefragment(s0, 99, NULL, NULL, NULL,
			 JET_bitDefragmentBatchStart),
	   JET_errInvalidDatabaseId, "an unknown dbid -> InvalidDatabaseId");
	is(JetDefragment(s0, e->db[0], NULL, NULL, NULL,
			 JET_bitDefragmentBTree), JET_errFeatureNotAvailable,
	   "JET_bitDefragmentBTree (OLD2) -> FeatureNotAvailable");
	is(JetDefragment2(s0, e->db[0], NULL, NULL, NULL,
			  (JET_CALLBACK)(uintptr_t)1,
			  JET_bitDefragmentBatchStart),
	   JET_errInvalidParameter,
	   "JetDefragment2 with a callback -> InvalidParameter (libjetk cannot call back)");
	is(JetDefragment3(s0, DBFILE, NULL, NULL, NULL, NULL, NULL,
			  JET_bitDefragmentBatchStop),
	   JET_wrnDefragNotRunning, "JetDefragment3 by file name: NotRunning");
	is(JetDefragment3(s0, "tests/user/build/out/nosuch.edb", NULL, NULL,
			  NULL, NULL, NULL, JET_bitDefragmentBatchStop),
	   JET_errDatabaseNotFound, "JetDefragment3, a name not attached");

	/* JET_paramEnableOnlineDefrag 0: every call a successful no-op. */
	is(JetSetSystemParameter(&e->inst, 0, JET_paramEnableOnlineDefrag,
				 JET_OnlineDefragDisable, NULL), 0,
	   "JET_paramEnableOnlineDefrag 0");
	is(defrag(e, NULL, NULL, JET_bitDefragmentBatchStart), 0,
	   "... BatchStart succeeds");
	is(defrag(e, NULL, NULL, JET_bitDefragmentBatchStop), 0,
	   "... BatchStop succeeds");
	is(defrag(e, NULL, NULL, 0), 0, "... even a bad grbit");
	is(stat_get(e->inst, "defrag_running"), 0, "... and nothing runs");
	is(JetSetSystemParameter(&e->inst, 0, JET_paramEnableOnlineDefrag,
				 JET_OnlineDefragSpaceTrees, NULL), 0,
	   "JET_paramEnableOnlineDefrag SpaceTrees only");
	is(defrag(e, NULL, NULL, JET_bitDefragmentBatchStart), 0,
	   "... BatchStart of the database succeeds");
	is(stat_get(e->inst, "defrag_running"), 0, "... and starts nothing");
	is(defrag(e, NULL, NULL, JET_bitDefragmentBatchStart |
		  JET_bitDefragmentAvailSpaceTreesOnly), 0,
	   "... AvailSpaceTreesOnly starts");
	is(stat_get(e->inst, "defrag_running"), 1, "... and runs");
	is(defrag(e, NULL, NULL, JET_bitDefragmentBatchStop), 0,
	   "... BatchStop ends it");
	is(stat_get(e->inst, "defrag_running"), 0, "... defrag_running 0");
	is(JetSetSystemParameter(&e->inst, 0, JET_paramEnableOnlineDefrag,
				 JET_OnlineDefragAll, NULL), 0,
	   "JET_paramEnableOnlineDefrag All again");

	/* A read-only attach. */
	unlink(ROFILE);
	err = JetCreateDatabase(s0, ROFILE, NULL, &rodb, 0);
	if (!err)
		err = JetCloseDatabase(s0, rodb, 0);
	if (!err)
		err = JetDetachDatabase(s0, ROFILE);
	if (!err)
		err = JetAttachDatabase(s0, ROFILE, JET_bitDbReadOnly);
	if (err == JET_wrnFileOpenReadOnly)
		err = 0;
	if (!err)
		err = JetOpenDatabase(s0, ROFILE, NULL, &rodb,
				      JET_bitDbReadOnly);
	is(err, 0, "a database attached read-only");
	is(JetDefragment(s0, rodb, NULL, NULL, NULL,
			 JET_bitDefragmentBatchStart),
	   JET_errDatabaseFileReadOnly,
	   "BatchStart on it -> JET_errDatabaseFileReadOnly");
	is(JetDefragment3(s0, ROFILE, NULL, NULL, NULL, NULL, NULL,
			  JET_bitDefragmentBatchStop),
	   JET_errDatabaseFileReadOnly, "... JetDefragment3 too");
	JetCloseDatabase(s0, rodb, 0);
	is(JetDetachDatabase(s0, ROFILE), 0, "detached");
	unlink(ROFILE);
}

/* One pass over a fragmented table, with transactions open around it. */
static void test_pass(struct env *e)
{
	static bool snap[NROWS + 1];
	unsigned long passes = 1;
	long long merged0, freed0, passes0;
	int n, bad, id, ndel = 0, nrows = rows_wanted();
	long used0, used1;
	double t0;

	memcpy(snap, want, sizeof(snap));
	/* B's snapshot, before C deletes (uncommitted: flag-deleted nodes). */
	is(JetBeginTransaction(e->s[1]), 0, "B begins a transaction");
	n = scan(e, 1, snap, &bad);
	is(n, nrows, "B sees %d rows", n);
	is(JetBeginTransaction(e->s[2]), 0, "C begins a transaction");
	for (id = 3; id <= 1500; id += 6) {
		if (!want[id] || del(e, 2, id))
			continue;
		ndel++;
	}
	ok(ndel > 100, "C deletes %d rows, not committed", ndel);

	merged0 = stat_get(e->inst, "defrag_pages_merged");
	freed0 = stat_get(e->inst, "defrag_pages_freed");
	passes0 = stat_get(e->inst, "defrag_passes");
	used0 = pages_used(e);
	t0 = now_ms();
	is(defrag(e, &passes, NULL, JET_bitDefragmentBatchStart), 0,
	   "BatchStart, one pass");
	is(stat_wait_eq(e->inst, "defrag_running", 0, 120000), 0,
	   "the run ends by itself");
	t0 = now_ms() - t0;
	used1 = pages_used(e);
	is(stat_get(e->inst, "defrag_passes") - passes0, 1, "one pass done");
	diag("pass: %lld pages merged, %lld freed, %lld partial merges, in %.0f ms (10 ms polls)",
	     stat_get(e->inst, "defrag_pages_merged") - merged0,
	     stat_get(e->inst, "defrag_pages_freed") - freed0,
	     stat_get(e->inst, "defrag_pages_moved"), t0);
	diag("table T: %ld pages in use before, %ld after", used0, used1);
	ok(used1 > 0 && used1 < used0, "the table uses fewer pages");
	ok(stat_get(e->inst, "defrag_pages_merged") > merged0,
	   "pages merged");
	ok(stat_get(e->inst, "defrag_pages_freed") > freed0, "pages freed");
	is(defrag(e, NULL, NULL, JET_bitDefragmentBatchStop),
	   JET_wrnDefragNotRunning, "BatchStop after it ended -> NotRunning");

	n = scan(e, 1, snap, &bad);
	is(n, nrows, "B's snapshot still sees its %d rows", n);
	is(bad, 0, "... each with its data");
	is(JetCommitTransaction(e->s[1], 0), 0, "B commits");
	is(JetRollback(e->s[2], 0), 0, "C rolls its deletes back");
	n = scan(e, 0, want, &bad);
	is(n, nrows, "A sees every row (%d)", n);
	is(bad, 0, "... with its data: the flag-deleted ones came back");
}

/* A run until stopped: pause, resume, BatchStop's results. */
static void test_run(struct env *e)
{
	struct timespec ts = { 1, 0 }, tiny = { 0, 100 * 1000 * 1000 };
	unsigned long passes = 0, secs = 0;
	long long p0 = stat_get(e->inst, "defrag_passes"), p1, p2;
	int bad;

	is(defrag(e, NULL, NULL, JET_bitDefragmentBatchStart), 0,
	   "BatchStart until stopped");
	is(defrag(e, NULL, NULL, JET_bitDefragmentBatchStart),
	   JET_wrnDefragAlreadyRunning, "BatchStart again -> 2000");
	ok(stat_wait(e->inst, "defrag_passes", p0 + 3, 10000) >= p0 + 3,
	   "passes go on (idle passes every few hundred ms)");
	is(JetStopServiceInstance2(e->inst,
				   JET_bitStopServiceBackgroundUserTasks), 0,
	   "Stop2(BackgroundUserTasks)");
	nanosleep(&tiny, NULL);
	p1 = stat_get(e->inst, "defrag_passes");
	nanosleep(&ts, NULL);
	p2 = stat_get(e->inst, "defrag_passes");
	is(p2, p1, "paused: no pass in a second");
	is(stat_get(e->inst, "defrag_running"), 1, "... still running");
	is(JetStopServiceInstance2(e->inst, JET_bitStopServiceResume), 0,
	   "Resume");
	ok(stat_wait(e->inst, "defrag_passes", p2 + 1, 5000) > p2,
	   "passes go on again");
	is(defrag(e, &passes, &secs, JET_bitDefragmentBatchStop), 0,
	   "BatchStop");
	ok(passes >= 4 &&
	   (long long)passes == stat_get(e->inst, "defrag_passes") - p0,
	   "... %lu passes", passes);
	ok(secs >= 1, "... %lu seconds", secs);
	is(stat_get(e->inst, "defrag_running"), 0, "defrag_running 0");
	is(scan(e, 0, want, &bad), rows_wanted(), "every row there");
	is(bad, 0, "... with its data");
}

/* JetStopServiceInstance ends a run. */
static void test_stop(struct env *e)
{
	unsigned long passes = 0;

	is(defrag(e, NULL, NULL, JET_bitDefragmentBatchStart |
		  JET_bitDefragmentNoPartialMerges), 0,
	   "BatchStart (NoPartialMerges)");
	is(stat_get(e->inst, "defrag_running"), 1, "running");
	is(JetStopServiceInstance(e->inst), 0, "JetStopServiceInstance");
	is(stat_wait_eq(e->inst, "defrag_running", 0, 10000), 0,
	   "the run ended");
	is(stat_get(e->inst, "defrag_stops"), 1, "defrag_stops 1");
	is(defrag(e, &passes, NULL, JET_bitDefragmentBatchStop),
	   JET_errClientRequestToStopJetService,
	   "JetDefragment after the stop -> -1329");
	env_close(e);
	is(JetTerm(e->inst), 0, "JetTerm");
}

/* A power cut in the middle of a run, then recovery. */
static void test_crash(void)
{
	struct env e = { 0 };
	long long merged0;
	int bad, s;

	is(env_init(&e), 0, "a new instance");
	is(env_open(&e, false), 0, "defrag.edb attached");
	/* Fragment it again: refill, keep one row in two. */
	is(load(&e, 2), 0, "refilled, one row in two deleted");
	merged0 = stat_get(e.inst, "defrag_pages_merged");
	is(defrag(&e, NULL, NULL, JET_bitDefragmentBatchStart), 0,
	   "BatchStart");
	ok(stat_wait(e.inst, "defrag_pages_merged", merged0 + 1, 10000) >
	   merged0, "merging");
	ok(inst_crash(e.inst), "power cut");
	JetTerm2(e.inst, JET_bitTermDirty);

	memset(&e, 0, sizeof(e));
	is(env_init(&e), 0, "JetInit recovers");
	is(stat_get(e.inst, "recovery_ran"), 1, "recovery ran");
	is(env_open(&e, false), 0, "defrag.edb attached");
	is(scan(&e, 0, want, &bad), rows_wanted(), "every row there");
	is(bad, 0, "... with its data");
	/* Leave it defragmented and clean for esedbexport. */
	{
		unsigned long passes = 1;

		is(defrag(&e, &passes, NULL, JET_bitDefragmentBatchStart), 0,
		   "one more pass");
		is(stat_wait_eq(e.inst, "defrag_running", 0, 60000), 0,
		   "... done");
	}
	is(scan(&e, 0, want, &bad), rows_wanted(), "every row there");
	is(bad, 0, "... with its data");
	/* The detach ends a run. */
	is(defrag(&e, NULL, NULL, JET_bitDefragmentBatchStart), 0,
	   "BatchStart until stopped");
	for (s = 0; s < NSES; s++) {
		JetCloseTable(e.s[s], e.t[s]);
		JetCloseDatabase(e.s[s], e.db[s], 0);
	}
	is(stat_get(e.inst, "defrag_running"), 1, "running");
	is(JetDetachDatabase(e.s[0], DBFILE), 0, "JetDetachDatabase");
	is(stat_get(e.inst, "defrag_running"), 0, "... ended the run");
	for (s = 0; s < NSES; s++)
		JetEndSession(e.s[s], 0);
	is(JetTerm(e.inst), 0, "a clean JetTerm");
}

int main(void)
{
	struct env e = { 0 };
	char p[192];

	mkdir("tests/user/build/out", 0755);
	snprintf(dir, sizeof(dir), "tests/user/build/out/defrag-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	strcat(dir, "/");
	is(env_init(&e), 0, "JetInit with a log");
	is(env_open(&e, true), 0, "defrag.edb created, table T");
	is(load(&e, 3), 0, "%d rows loaded, two in three deleted", NROWS);
	test_rules(&e);
	test_pass(&e);
	test_run(&e);
	test_stop(&e);
	test_crash();
	snprintf(p, sizeof(p), "%sedb.jlog", dir);
	remove(p);
	rmdir(dir);
	return tap_done();
}
