// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmarks of the record calls, run by `make bench` in a UML kernel
 * without KASAN and lockdep.  Every figure is printed beside a peer run
 * in the same boot, as a ratio: the point is what one ioctl carrying many
 * columns saves over one ioctl per column, and what a Jet call costs next
 * to the cheapest call there is (JetGetSessionInfo).  Nothing here passes
 * or fails on a number.
 *
 *   table_bench [ROWS]     (default 200000)
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "esent.h"

#define NCOLS	8

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what, JET_ERR err)
{
	fprintf(stderr, "table_bench: %s: %ld\n", what, (long)err);
	exit(1);
}

#define CHECK(call) do { JET_ERR e_ = (call); if (e_ < 0) die(#call, e_); } while (0)

static JET_COLUMNID colid[NCOLS];

static JET_TABLEID make_table(JET_SESID ses, JET_DBID dbid, const char *name)
{
	static char names[NCOLS][8];
	JET_COLUMNCREATE_A cols[NCOLS];
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(idx), .szIndexName = "ByC0",
		.szKey = "+C0\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(tc), .szTableName = (char *)name,
		.ulPages = 64, .rgcolumncreate = cols, .cColumns = NCOLS,
		.rgindexcreate = &idx, .cIndexes = 1,
	};
	int i;

	memset(cols, 0, sizeof(cols));
	for (i = 0; i < NCOLS; i++) {
		snprintf(names[i], sizeof(names[i]), "C%d", i);
		cols[i].cbStruct = sizeof(cols[i]);
		cols[i].szColumnName = names[i];
		cols[i].coltyp = JET_coltypLong;
	}
	CHECK(JetCreateTableColumnIndexA(ses, dbid, &tc));
	for (i = 0; i < NCOLS; i++)
		colid[i] = cols[i].columnid;
	return tc.tableid;
}

/* Insert @rows rows of NCOLS Longs: one JetSetColumns, or one per column. */
static double insert(JET_SESID ses, JET_TABLEID t, long rows, int batched)
{
	JET_SETCOLUMN set[NCOLS];
	int v[NCOLS], i;
	double t0 = now();
	long r;

	for (r = 0; r < rows; r++) {
		for (i = 0; i < NCOLS; i++)
			v[i] = (int)(r * (i + 1));
		CHECK(JetPrepareUpdate(ses, t, JET_prepInsert));
		if (batched) {
			memset(set, 0, sizeof(set));
			for (i = 0; i < NCOLS; i++) {
				set[i].columnid = colid[i];
				set[i].pvData = &v[i];
				set[i].cbData = 4;
			}
			CHECK(JetSetColumns(ses, t, set, NCOLS));
		} else {
			for (i = 0; i < NCOLS; i++)
				CHECK(JetSetColumn(ses, t, colid[i], &v[i], 4, 0,
						   NULL));
		}
		CHECK(JetUpdate(ses, t, NULL, 0, NULL));
	}
	return rows / (now() - t0);
}

static double scan(JET_SESID ses, JET_TABLEID t, int batched, long *seen)
{
	JET_RETRIEVECOLUMN rc[NCOLS];
	int v[NCOLS], i;
	double t0 = now();
	JET_ERR err;

	*seen = 0;
	for (err = JetMove(ses, t, JET_MoveFirst, 0); !err;
	     err = JetMove(ses, t, JET_MoveNext, 0)) {
		if (batched) {
			memset(rc, 0, sizeof(rc));
			for (i = 0; i < NCOLS; i++) {
				rc[i].columnid = colid[i];
				rc[i].pvData = &v[i];
				rc[i].cbData = 4;
				rc[i].itagSequence = 1;
			}
			CHECK(JetRetrieveColumns(ses, t, rc, NCOLS));
		} else {
			for (i = 0; i < NCOLS; i++)
				CHECK(JetRetrieveColumn(ses, t, colid[i], &v[i],
							4, NULL, 0, NULL));
		}
		(*seen)++;
	}
	return *seen / (now() - t0);
}

static double seek(JET_SESID ses, JET_TABLEID t, long rows, long n)
{
	double t0 = now();
	long i;
	int key;

	for (i = 0; i < n; i++) {
		key = (int)((i * 7919) % rows);
		CHECK(JetMakeKey(ses, t, &key, 4, JET_bitNewKey));
		CHECK(JetSeek(ses, t, JET_bitSeekEQ));
	}
	return n / (now() - t0);
}

static double null_calls(JET_SESID ses, long n)
{
	JET_SESSIONINFO info;
	double t0 = now();
	long i;

	for (i = 0; i < n; i++)
		CHECK(JetGetSessionInfo(ses, &info, sizeof(info),
					JET_SessionInfo));
	return n / (now() - t0);
}

int main(int argc, char **argv)
{
	long rows = argc > 1 ? atol(argv[1]) : 200000, seen;
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	double nul, ins_b, ins_1, scan_b, scan_1, sk;
	JET_INSTANCE inst = 0;
	JET_TABLEID a, b;
	JET_SESID ses;
	JET_DBID dbid;
	char path[256];

	snprintf(path, sizeof(path), "%s/jetk-bench.edb", tmp);
	unlink(path);
	CHECK(JetCreateInstance(&inst, "bench"));
	CHECK(JetSetSystemParameter(&inst, JET_sesidNil,
				    JET_paramCacheSizeMax, 65536, NULL));
	CHECK(JetInit(&inst));
	CHECK(JetBeginSession(inst, &ses, NULL, NULL));
	CHECK(JetCreateDatabaseA(ses, path, NULL, &dbid, 0));
	a = make_table(ses, dbid, "Batched");
	b = make_table(ses, dbid, "PerColumn");

	null_calls(ses, rows / 4);	/* warm up: the first calls fault pages in */
	nul = null_calls(ses, rows);
	ins_b = insert(ses, a, rows, 1);
	ins_1 = insert(ses, b, rows, 0);
	scan_b = scan(ses, a, 1, &seen);
	if (seen != rows)
		die("scan: rows missing", -1);
	scan_1 = scan(ses, b, 0, &seen);
	if (seen != rows)
		die("scan: rows missing", -1);
	sk = seek(ses, a, rows, rows / 4);

	printf("table_bench: %ld rows of %d Long columns, 4 KiB pages\n", rows,
	       NCOLS);
	printf("  %-44s %10.0f calls/s\n", "JetGetSessionInfo (the peer)", nul);
	printf("  %-44s %10.0f rows/s  %5.2fx peer\n",
	       "insert, one JetSetColumns per row", ins_b, ins_b / nul);
	printf("  %-44s %10.0f rows/s  %5.2fx peer\n",
	       "insert, one JetSetColumn per column", ins_1, ins_1 / nul);
	printf("  %-44s %10.2fx\n", "  JetSetColumns over JetSetColumn",
	       ins_b / ins_1);
	printf("  %-44s %10.0f rows/s  %5.2fx peer\n",
	       "scan, one JetRetrieveColumns per row", scan_b, scan_b / nul);
	printf("  %-44s %10.0f rows/s  %5.2fx peer\n",
	       "scan, one JetRetrieveColumn per column", scan_1, scan_1 / nul);
	printf("  %-44s %10.2fx\n", "  JetRetrieveColumns over JetRetrieveColumn",
	       scan_b / scan_1);
	printf("  %-44s %10.0f seeks/s %5.2fx peer\n",
	       "JetMakeKey + JetSeek(EQ)", sk, sk / nul);

	CHECK(JetCloseTable(ses, a));
	CHECK(JetCloseTable(ses, b));
	CHECK(JetCloseDatabase(ses, dbid, 0));
	CHECK(JetDetachDatabaseA(ses, path));
	CHECK(JetEndSession(ses, 0));
	CHECK(JetTerm(inst));
	unlink(path);
	return 0;
}
