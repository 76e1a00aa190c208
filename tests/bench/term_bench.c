// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench-term: what JetStopServiceInstance saves a later JetTerm.
 *
 * The same workload runs twice, each time in a fresh instance on a fresh
 * database: rows inserted until the cache holds at least TARGET_DIRTY
 * bytes of dirty pages (the checkpoint depth target and the cache are
 * set large enough that nothing writes them back before the end), a
 * version store with many entries (rows replaced while a snapshot is
 * open), and online defragmentation running on the database.
 *
 *  A. JetTerm alone.
 *  B. JetStopServiceInstance, a wait until its work items report done
 *     (the flush item ran and the checkpoint depth is at its 16384-byte
 *     target, the cleanup item ran, defragmentation stopped; at most
 *     WAIT_MAX_S), then JetTerm.
 *
 * Printed: both JetTerm times, their ratio, and the checkpoint depth,
 * dirty pages and versions at each point.  Nothing passes or fails on a
 * number.
 *
 *   term_bench [DIRTY_MIB]      (default 64)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "esent.h"
#include "../user/util.h"

#define PAGE		8192
#define ROW_BYTES	1000
#define WAIT_MAX_S	60

static JET_INSTANCE inst;
static char dir[256], dbpath[300];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what, JET_ERR err)
{
	fprintf(stderr, "term_bench: %s: %ld\n", what, (long)err);
	exit(1);
}

#define CHECK(call) do { JET_ERR e_ = (call); if (e_ < 0) die(#call, e_); } while (0)

static void state(const char *when)
{
	printf("    %-34s depth %10lld B  dirty %6lld pages  versions %7lld  defrag %lld\n",
	       when, stat_get(inst, "checkpoint_depth"), stat_get(inst, "cache_dirty"),
	       stat_get(inst, "versions_live"), stat_get(inst, "defrag_running"));
}

struct run {
	JET_SESID ses, reader;
	JET_DBID db, rdb;
	JET_TABLEID t, rt;
	JET_COLUMNID c_id, c_data;
};

/* A fresh instance and database with the workload's state in it. */
static void workload(struct run *r, long long dirty_bytes, int round)
{
	JET_COLUMNCREATE_A cc[2] = {
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Id",
		  .coltyp = JET_coltypLong,
		  .grbit = JET_bitColumnFixed | JET_bitColumnNotNULL },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Data",
		  .coltyp = JET_coltypLongBinary },
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
	static char data[ROW_BYTES];
	char log[320];
	int32_t id, n = 0;

	snprintf(log, sizeof(log), "%s/edb.jlog", dir);
	unlink(log);
	unlink(dbpath);
	memset(data, 'a' + round, sizeof(data));
	CHECK(JetSetSystemParameter(NULL, 0, JET_paramDatabasePageSize, PAGE,
				    NULL));
	CHECK(JetCreateInstance(&inst, "termbench"));
	CHECK(JetSetSystemParameter(&inst, 0, JET_paramLogFilePath, 0, dir));
	CHECK(JetSetSystemParameter(&inst, 0, JET_paramLogFileSize, 32768,
				    NULL));
	CHECK(JetSetSystemParameter(&inst, 0, JET_paramCheckpointDepthMax,
				    512 << 20, NULL));
	CHECK(JetSetSystemParameter(&inst, 0, JET_paramCacheSizeMax,
				    (4 * dirty_bytes) / PAGE + 4096, NULL));
	CHECK(JetSetSystemParameter(&inst, 0, JET_paramMaxVerPages, 65536,
				    NULL));
	CHECK(JetInit(&inst));
	CHECK(JetBeginSession(inst, &r->ses, NULL, NULL));
	CHECK(JetBeginSession(inst, &r->reader, NULL, NULL));
	CHECK(JetCreateDatabaseA(r->ses, dbpath, NULL, &r->db, 0));
	CHECK(JetCreateTableColumnIndexA(r->ses, r->db, &tc));
	r->t = tc.tableid;
	r->c_id = cc[0].columnid;
	r->c_data = cc[1].columnid;
	/* Rows until the dirty pages reach the target. */
	while (stat_get(inst, "cache_dirty") * PAGE < dirty_bytes) {
		CHECK(JetBeginTransaction(r->ses));
		for (id = n; id < n + 100; id++) {
			CHECK(JetPrepareUpdate(r->ses, r->t, JET_prepInsert));
			CHECK(JetSetColumn(r->ses, r->t, r->c_id, &id,
					   sizeof(id), 0, NULL));
			CHECK(JetSetColumn(r->ses, r->t, r->c_data, data,
					   sizeof(data), 0, NULL));
			CHECK(JetUpdate(r->ses, r->t, NULL, 0, NULL));
		}
		n += 100;
		CHECK(JetCommitTransaction(r->ses, JET_bitCommitLazyFlush));
	}
	/* Versions: a snapshot stays open while a tenth of the rows change. */
	CHECK(JetOpenDatabaseA(r->reader, dbpath, NULL, &r->rdb, 0));
	CHECK(JetOpenTableA(r->reader, r->rdb, "Rows", NULL, 0, 0, &r->rt));
	CHECK(JetBeginTransaction(r->reader));
	CHECK(JetMove(r->reader, r->rt, JET_MoveFirst, 0));
	for (id = 0; id < n; id += 10) {
		CHECK(JetBeginTransaction(r->ses));
		CHECK(JetMakeKey(r->ses, r->t, &id, sizeof(id),
				 JET_bitNewKey));
		CHECK(JetSeek(r->ses, r->t, JET_bitSeekEQ));
		/* Every other one deleted: under-full pages to merge. */
		if (id % 20) {
			CHECK(JetDelete(r->ses, r->t));
		} else {
			CHECK(JetPrepareUpdate(r->ses, r->t,
					       JET_prepReplace));
			CHECK(JetSetColumn(r->ses, r->t, r->c_data, data, 100,
					   0, NULL));
			CHECK(JetUpdate(r->ses, r->t, NULL, 0, NULL));
		}
		CHECK(JetCommitTransaction(r->ses, JET_bitCommitLazyFlush));
	}
	/* The snapshot ends (JetTerm refuses open transactions). */
	CHECK(JetCommitTransaction(r->reader, 0));
	CHECK(JetCloseTable(r->reader, r->rt));
	/* Online defragmentation runs until stopped. */
	CHECK(JetDefragmentA(r->ses, r->db, "Rows", NULL, NULL,
			     JET_bitDefragmentBatchStart));
	printf("  round %d: %d rows of %d bytes, every tenth changed under a snapshot\n",
	       round, n, ROW_BYTES);
}

static double term(void)
{
	double t0 = now();

	CHECK(JetTerm(inst));
	return now() - t0;
}

int main(int argc, char **argv)
{
	long long mib = argc > 1 ? atoll(argv[1]) : 64;
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	double alone, after, wait, t0;
	struct run r;

	snprintf(dir, sizeof(dir), "%s/jetk-term-bench", tmp);
	mkdir(dir, 0755);
	snprintf(dbpath, sizeof(dbpath), "%s/term.edb", dir);
	printf("term_bench: JetTerm with %lld MiB of dirty pages, versions and defragmentation\n",
	       mib);

	memset(&r, 0, sizeof(r));
	workload(&r, mib << 20, 1);
	state("A. before JetTerm");
	alone = term();
	printf("    JetTerm alone: %.1f ms\n", alone * 1e3);

	memset(&r, 0, sizeof(r));
	workload(&r, mib << 20, 2);
	state("B. before JetStopServiceInstance");
	t0 = now();
	CHECK(JetStopServiceInstance(inst));
	while (now() - t0 < WAIT_MAX_S &&
	       (stat_get(inst, "flush_runs") < 1 ||
		stat_get(inst, "version_cleanup_runs") < 1 ||
		stat_get(inst, "defrag_running") > 0 ||
		stat_get(inst, "checkpoint_depth") > 16384))
		usleep(10 * 1000);
	wait = now() - t0;
	state("B. after the stop's work");
	printf("    the stop's work items: %.1f ms (waited until they reported done)\n",
	       wait * 1e3);
	after = term();
	printf("    JetTerm after JetStopServiceInstance: %.1f ms\n",
	       after * 1e3);
	printf("  JetTerm after the stop / JetTerm alone: %.3f (goal 0.10 or less)\n",
	       after / alone);
	unlink(dbpath);
	return 0;
}
