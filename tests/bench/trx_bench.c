// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmark of transactions, run by `make bench` in a UML kernel without
 * KASAN and lockdep: commits per second with one session and with 16
 * (each transaction replaces one record and commits), durable and lazy,
 * with 16 sessions on disjoint records and on a few hot ones (where
 * JET_errWriteConflict makes them retry), and the version store's peak.
 * Every rate is printed beside a peer in the same boot: JetGetSessionInfo
 * calls per second.  With the log (JET_paramRecovery "on", the default)
 * a durable commit waits for its batch to reach the log device with FUA;
 * concurrent commits share those writes (group commit): the log writes
 * per commit are printed from the instance's counters.  Nothing here
 * passes or fails on a number.
 *
 *   trx_bench [TRANSACTIONS_PER_SESSION]     (default 5000)
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "esent.h"
#include "../user/util.h"

#define NTHREADS	16
#define NROWS		4096
#define HOT_ROWS	16

static JET_INSTANCE inst;
static char path[256], logdir[256], logfile[300];
static JET_COLUMNID col_id, col_val;
static long per_session;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what, JET_ERR err)
{
	fprintf(stderr, "trx_bench: %s: %ld\n", what, (long)err);
	exit(1);
}

#define CHECK(call) do { JET_ERR e_ = (call); if (e_ < 0) die(#call, e_); } while (0)

struct worker {
	pthread_t th;
	int id;
	int hot;
	JET_GRBIT commit;
	long commits;
	long conflicts;
};

/* Replace record @id's value, in a transaction, until it commits. */
static void transfer(struct worker *w, JET_SESID ses, JET_TABLEID t,
		     int32_t id)
{
	int32_t v = id;
	JET_ERR err;

	for (;;) {
		CHECK(JetBeginTransaction(ses));
		CHECK(JetMakeKey(ses, t, &id, sizeof(id), JET_bitNewKey));
		CHECK(JetSeek(ses, t, JET_bitSeekEQ));
		err = JetPrepareUpdate(ses, t, JET_prepReplace);
		if (!err) {
			CHECK(JetSetColumn(ses, t, col_val, &v, sizeof(v), 0,
					   NULL));
			err = JetUpdate(ses, t, NULL, 0, NULL);
		}
		if (err == JET_errWriteConflict) {
			CHECK(JetRollback(ses, 0));
			w->conflicts++;
			continue;
		}
		if (err < 0)
			die("update", err);
		CHECK(JetCommitTransaction(ses, w->commit));
		w->commits++;
		return;
	}
}

static void *work(void *arg)
{
	struct worker *w = arg;
	unsigned int seed = 12345 + w->id;
	JET_SESID ses;
	JET_DBID db;
	JET_TABLEID t;
	long i;

	CHECK(JetBeginSession(inst, &ses, NULL, NULL));
	CHECK(JetOpenDatabaseA(ses, path, NULL, &db, 0));
	CHECK(JetOpenTableA(ses, db, "T", NULL, 0, 0, &t));
	for (i = 0; i < per_session; i++) {
		int32_t id = w->hot ? rand_r(&seed) % HOT_ROWS :
			     (w->id * (NROWS / NTHREADS)) +
			     rand_r(&seed) % (NROWS / NTHREADS);

		transfer(w, ses, t, id);
	}
	CHECK(JetCloseTable(ses, t));
	CHECK(JetCloseDatabase(ses, db, 0));
	CHECK(JetEndSession(ses, 0));
	return NULL;
}

/* Commits per second of @n sessions; *rate_conflict: retries per commit. */
static double run(int n, int hot, JET_GRBIT commit, double *conflicts,
		  double *writes)
{
	struct worker w[NTHREADS];
	long c = 0, k = 0;
	long long w0;
	double t0;
	int i;

	memset(w, 0, sizeof(w));
	w0 = stat_get(inst, "log_writes");
	t0 = now();
	for (i = 0; i < n; i++) {
		w[i].id = i;
		w[i].hot = hot;
		w[i].commit = commit;
		if (pthread_create(&w[i].th, NULL, work, &w[i]))
			die("pthread_create", -1);
	}
	for (i = 0; i < n; i++) {
		pthread_join(w[i].th, NULL);
		c += w[i].commits;
		k += w[i].conflicts;
	}
	*conflicts = c ? (double)k / (k + c) : 0;
	t0 = now() - t0;
	*writes = c ? (double)(stat_get(inst, "log_writes") - w0) / c : 0;
	return c / t0;
}

/* 16 durable sessions until the gate closes: load for the stop. */
static void *load(void *arg)
{
	struct worker *w = arg;
	unsigned int seed = 777 + w->id;
	JET_SESID ses;
	JET_DBID db;
	JET_TABLEID t;
	JET_ERR err = 0;

	CHECK(JetBeginSession(inst, &ses, NULL, NULL));
	CHECK(JetOpenDatabaseA(ses, path, NULL, &db, 0));
	CHECK(JetOpenTableA(ses, db, "T", NULL, 0, 0, &t));
	while (!err) {
		int32_t id = (w->id * (NROWS / NTHREADS)) +
			     rand_r(&seed) % (NROWS / NTHREADS), v = id;

		err = JetBeginTransaction(ses);
		if (!err)
			err = JetMakeKey(ses, t, &id, sizeof(id),
					 JET_bitNewKey);
		if (!err)
			err = JetSeek(ses, t, JET_bitSeekEQ);
		if (!err)
			err = JetPrepareUpdate(ses, t, JET_prepReplace);
		if (!err)
			err = JetSetColumn(ses, t, col_val, &v, sizeof(v), 0,
					   NULL);
		if (!err)
			err = JetUpdate(ses, t, NULL, 0, NULL);
		if (!err)
			err = JetCommitTransaction(ses, 0);
		if (err)
			JetRollback(ses, 0);
		else
			w->commits++;
	}
	JetCloseTable(ses, t);
	JetEndSession(ses, 0);
	return NULL;
}

/*
 * Recovery of a log of a known size (a simulated power cut after lazy
 * commits, with the checkpoint held back), then the checkpoint depth
 * before and after JetStopServiceInstance while 16 sessions commit.
 */
static void recovery_and_stop(JET_SESID ses, JET_DBID db)
{
	struct worker w[NTHREADS];
	char crash[96];
	long long depth0, depth1, pages0, bytes, us, pages;
	double t0, t1;
	FILE *f;
	int i;

	CHECK(JetSetSystemParameter(&inst, JET_sesidNil,
				    JET_paramCheckpointDepthMax, 64 << 20,
				    NULL));
	memset(w, 0, sizeof(w));
	w[0].commit = JET_bitCommitLazyFlush;
	per_session *= 2;
	w[0].th = pthread_self();
	work(&w[0]);
	per_session /= 2;
	snprintf(crash, sizeof(crash),
		 "/sys/kernel/debug/jetk/instance%llu/crash",
		 (unsigned long long)inst);
	bytes = stat_get(inst, "checkpoint_depth");
	f = fopen(crash, "w");
	if (!f || fputs("1\n", f) < 0 || fclose(f))
		die("debugfs crash", -1);
	JetTerm2(inst, JET_bitTermDirty);
	CHECK(JetCreateInstance(&inst, "trxbench"));
	CHECK(JetSetSystemParameter(&inst, JET_sesidNil, JET_paramMaxSessions,
				    64, NULL));
	CHECK(JetSetSystemParameter(&inst, JET_sesidNil, JET_paramLogFilePath,
				    0, logdir));
	t0 = now();
	CHECK(JetInit(&inst));
	t1 = now() - t0;
	us = stat_get(inst, "recovery_us");
	pages = stat_get(inst, "recovery_pages");
	printf("  %-48s %10lld bytes of log, %lld pages redone: %.1f ms (JetInit %.1f ms)\n",
	       "recovery after a cut", bytes, pages, us / 1000.0, t1 * 1000);

	CHECK(JetBeginSession(inst, &ses, NULL, NULL));
	CHECK(JetAttachDatabaseA(ses, path, 0));
	for (i = 0; i < NTHREADS; i++) {
		w[i].id = i;
		if (pthread_create(&w[i].th, NULL, load, &w[i]))
			die("pthread_create", -1);
	}
	usleep(2000 * 1000);
	depth0 = stat_get(inst, "checkpoint_depth");
	pages0 = stat_get(inst, "checkpoint_pages_written");
	CHECK(JetStopServiceInstance(inst));
	for (i = 0; i < NTHREADS; i++)
		pthread_join(w[i].th, NULL);
	for (i = 0; i < 500 && stat_get(inst, "checkpoint_depth") > 16384; i++)
		usleep(10 * 1000);
	depth1 = stat_get(inst, "checkpoint_depth");
	printf("  %-48s %10lld bytes before, %lld after (%lld pages written by the checkpoint)\n",
	       "JetStopServiceInstance under 16 sessions' load", depth0,
	       depth1, stat_get(inst, "checkpoint_pages_written") - pages0);
	(void)db;
	CHECK(JetEndSession(ses, 0));
	CHECK(JetTerm(inst));
}

static double null_calls(JET_SESID ses, long n)
{
	JET_SESSIONINFO si;
	double t0 = now();
	long i;

	for (i = 0; i < n; i++)
		CHECK(JetGetSessionInfo(ses, &si, sizeof(si), JET_SessionInfo));
	return n / (now() - t0);
}

int main(int argc, char **argv)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	JET_COLUMNCREATE_A cols[2] = {
		{ .cbStruct = sizeof(cols[0]), .szColumnName = "Id",
		  .coltyp = JET_coltypLong, .grbit = JET_bitColumnFixed },
		{ .cbStruct = sizeof(cols[1]), .szColumnName = "Val",
		  .coltyp = JET_coltypLong, .grbit = JET_bitColumnFixed },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(idx), .szIndexName = "PK",
		.szKey = "+Id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(tc), .szTableName = "T", .ulPages = 16,
		.rgcolumncreate = cols, .cColumns = 2, .rgindexcreate = &idx,
		.cIndexes = 1,
	};
	double nul, one_d, one_l, many_d, many_l, hot, cf, cf_hot;
	double w_one_d, w_one_l, w_many_d, w_many_l, w_hot;
	JET_SESID ses;
	JET_DBID db;
	int32_t i;

	per_session = argc > 1 ? atol(argv[1]) : 5000;
	snprintf(path, sizeof(path), "%s/jetk-trx-bench.edb", tmp);
	unlink(path);
	snprintf(logdir, sizeof(logdir), "%s/jetk-trx-bench-log", tmp);
	mkdir(logdir, 0755);
	snprintf(logfile, sizeof(logfile), "%s/edb.jlog", logdir);
	unlink(logfile);
	CHECK(JetCreateInstance(&inst, "trxbench"));
	CHECK(JetSetSystemParameter(&inst, JET_sesidNil, JET_paramLogFilePath,
				    0, logdir));
	CHECK(JetSetSystemParameter(&inst, JET_sesidNil, JET_paramMaxSessions,
				    64, NULL));
	CHECK(JetSetSystemParameter(&inst, JET_sesidNil,
				    JET_paramMaxVerPages, 1024, NULL));
	CHECK(JetInit(&inst));
	CHECK(JetBeginSession(inst, &ses, NULL, NULL));
	CHECK(JetCreateDatabaseA(ses, path, NULL, &db, 0));
	CHECK(JetCreateTableColumnIndexA(ses, db, &tc));
	col_id = cols[0].columnid;
	col_val = cols[1].columnid;
	CHECK(JetBeginTransaction(ses));
	for (i = 0; i < NROWS; i++) {
		CHECK(JetPrepareUpdate(ses, tc.tableid, JET_prepInsert));
		CHECK(JetSetColumn(ses, tc.tableid, col_id, &i, sizeof(i), 0,
				   NULL));
		CHECK(JetSetColumn(ses, tc.tableid, col_val, &i, sizeof(i), 0,
				   NULL));
		CHECK(JetUpdate(ses, tc.tableid, NULL, 0, NULL));
	}
	CHECK(JetCommitTransaction(ses, 0));
	CHECK(JetCloseTable(ses, tc.tableid));

	null_calls(ses, per_session / 4);
	nul = null_calls(ses, per_session);
	one_d = run(1, 0, 0, &cf, &w_one_d);
	one_l = run(1, 0, JET_bitCommitLazyFlush, &cf, &w_one_l);
	many_d = run(NTHREADS, 0, 0, &cf, &w_many_d);
	many_l = run(NTHREADS, 0, JET_bitCommitLazyFlush, &cf, &w_many_l);
	hot = run(NTHREADS, 1, 0, &cf_hot, &w_hot);

	printf("trx_bench: %ld transactions per session, each one JetUpdate of one record\n",
	       per_session);
	printf("  %-48s %10.0f calls/s\n", "JetGetSessionInfo (the peer)", nul);
	printf("  %-48s %10.0f commits/s %5.3fx peer  %5.3f log writes/commit\n",
	       "1 session, durable commits", one_d, one_d / nul, w_one_d);
	printf("  %-48s %10.0f commits/s %5.3fx peer  %5.3f log writes/commit\n",
	       "1 session, JET_bitCommitLazyFlush", one_l, one_l / nul,
	       w_one_l);
	printf("  %-48s %10.0f commits/s %5.3fx peer  %5.2fx 1 session  %5.3f log writes/commit\n",
	       "16 sessions, disjoint records, durable", many_d,
	       many_d / nul, many_d / one_d, w_many_d);
	printf("  %-48s %10.0f commits/s %5.3fx peer  %5.2fx 1 session  %5.3f log writes/commit\n",
	       "16 sessions, disjoint records, lazy", many_l, many_l / nul,
	       many_l / one_l, w_many_l);
	printf("  %-48s %10.0f commits/s %5.3fx peer  %.1f%% of tries conflict  %5.3f log writes/commit\n",
	       "16 sessions, 16 hot records, durable", hot, hot / nul,
	       100 * cf_hot, w_hot);
	printf("  %-48s %10lld bytes (limit %lld)\n", "version store peak",
	       stat_get(inst, "version_bytes_peak"), stat_get(inst, "version_bytes_max"));
	printf("  %-48s %10lld bytes (target %lld)\n", "checkpoint depth at the end",
	       stat_get(inst, "checkpoint_depth"),
	       stat_get(inst, "checkpoint_depth_target"));

	recovery_and_stop(ses, db);
	unlink(path);
	unlink(logfile);
	return 0;
}
