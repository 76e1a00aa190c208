// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scale: JETK_SCALE_ROWS rows (default 1,000,000) into one table through
 * libjetk, one JetPrepareUpdate + JetSetColumns + JetUpdate per row, the
 * database detached and attached again, then every row read back in key
 * order with JetMove + JetRetrieveColumns and checked, and a sample of
 * rows found by JetSeek.  Rows per second are printed as TAP comments
 * (they are not asserted: timings belong to benchmarks).  The file stays
 * in tests/user/build/out/scale.edb for the host-side reader check.
 */
#include <sys/time.h>

#include "tap.h"
#include "util.h"

#define KEEP_FILE	"tests/user/build/out/scale.edb"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The row's values are functions of its number. */
static void row_values(long n, int *qty, char *name, unsigned long *len)
{
	*qty = (int)((n * 7919) % 100000);
	*len = (unsigned long)snprintf(name, 32, "row-%08ld-%c", n,
				       (char)('a' + n % 26));
}

int main(void)
{
	const char *env = getenv("JETK_SCALE_ROWS");
	long rows = env ? atol(env) : 1000000, n, bad = 0, seen = 0;
	JET_COLUMNCREATE_A cols[3] = {
		{ .cbStruct = sizeof(JET_COLUMNCREATE_A), .szColumnName = "Id",
		  .coltyp = JET_coltypLong, .grbit = JET_bitColumnNotNULL },
		{ .cbStruct = sizeof(JET_COLUMNCREATE_A),
		  .szColumnName = "Quantity", .coltyp = JET_coltypLong },
		{ .cbStruct = sizeof(JET_COLUMNCREATE_A),
		  .szColumnName = "Name", .coltyp = JET_coltypText,
		  .cbMax = 64 },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "ById",
		.szKey = "+Id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(JET_TABLECREATE_A), .szTableName = "Scale",
		.ulPages = 16, .rgcolumncreate = cols, .cColumns = 3,
		.rgindexcreate = &idx, .cIndexes = 1,
	};
	JET_INSTANCE inst = 0;
	JET_SESID ses;
	JET_DBID dbid;
	JET_TABLEID tab;
	JET_ERR err = 0;
	double t0, t_insert, t_scan;
	char name[32], got_name[65];
	unsigned long name_len;
	int qty, got_qty, got_id;

	if (rows < 1)
		rows = 1;
	mkdir("tests/user/build/out", 0755);
	unlink(KEEP_FILE);
	is(lib_instance(&inst, "scale"), 0, "an instance");
	is(JetBeginSession(inst, &ses, NULL, NULL), 0, "a session");
	is(JetCreateDatabaseA(ses, KEEP_FILE, NULL, &dbid, 0), 0,
	   "JetCreateDatabase");
	is(JetCreateTableColumnIndexA(ses, dbid, &tc), 0,
	   "JetCreateTableColumnIndex: Id (primary), Quantity, Name");
	tab = tc.tableid;

	t0 = now_s();
	for (n = 0; n < rows && !err; n++) {
		JET_SETCOLUMN set[3];
		int id = (int)n;

		row_values(n, &qty, name, &name_len);
		memset(set, 0, sizeof(set));
		set[0].columnid = cols[0].columnid;
		set[0].pvData = &id;
		set[0].cbData = 4;
		set[1].columnid = cols[1].columnid;
		set[1].pvData = &qty;
		set[1].cbData = 4;
		set[2].columnid = cols[2].columnid;
		set[2].pvData = name;
		set[2].cbData = name_len;
		err = JetPrepareUpdate(ses, tab, JET_prepInsert);
		if (!err)
			err = JetSetColumns(ses, tab, set, 3);
		if (!err)
			err = JetUpdate(ses, tab, NULL, 0, NULL);
	}
	t_insert = now_s() - t0;
	is(err, 0, "%ld rows inserted", n);
	printf("# insert: %ld rows in %.1f s, %.0f rows/s\n", n, t_insert,
	       n / t_insert);
	is(JetCloseTable(ses, tab), 0, "JetCloseTable");
	is(JetCloseDatabase(ses, dbid, 0), 0, "JetCloseDatabase");
	is(JetDetachDatabaseA(ses, KEEP_FILE), 0, "JetDetachDatabase");
	is(JetAttachDatabaseA(ses, KEEP_FILE, 0), 0,
	   "JetAttachDatabase: the rows come from disk and the cache again");
	is(JetOpenDatabaseA(ses, KEEP_FILE, NULL, &dbid, 0), 0,
	   "JetOpenDatabase");
	is(JetOpenTableA(ses, dbid, "Scale", NULL, 0, 0, &tab), 0,
	   "JetOpenTable");

	t0 = now_s();
	for (err = JetMove(ses, tab, JET_MoveFirst, 0); !err;
	     err = JetMove(ses, tab, JET_MoveNext, 0)) {
		JET_RETRIEVECOLUMN rc[3];

		memset(rc, 0, sizeof(rc));
		memset(got_name, 0, sizeof(got_name));
		rc[0].columnid = cols[0].columnid;
		rc[0].pvData = &got_id;
		rc[0].cbData = 4;
		rc[1].columnid = cols[1].columnid;
		rc[1].pvData = &got_qty;
		rc[1].cbData = 4;
		rc[2].columnid = cols[2].columnid;
		rc[2].pvData = got_name;
		rc[2].cbData = 64;
		rc[0].itagSequence = rc[1].itagSequence = rc[2].itagSequence = 1;
		if (JetRetrieveColumns(ses, tab, rc, 3)) {
			bad++;
			break;
		}
		row_values(seen, &qty, name, &name_len);
		if (got_id != seen || got_qty != qty ||
		    rc[2].cbActual != name_len || memcmp(got_name, name, name_len))
			bad++;
		seen++;
	}
	t_scan = now_s() - t0;
	is(err, JET_errNoCurrentRecord, "the scan ends past the last row");
	is(seen, rows, "every row is read back (%ld)", seen);
	is(bad, 0, "each row holds its values, in key order");
	printf("# scan: %ld rows in %.1f s, %.0f rows/s\n", seen, t_scan,
	       seen / t_scan);

	for (n = 0, bad = 0; n < 1000; n++) {
		int key = (int)((n * 104729) % rows);

		err = JetMakeKey(ses, tab, &key, 4, JET_bitNewKey);
		if (!err)
			err = JetSeek(ses, tab, JET_bitSeekEQ);
		if (!err)
			err = JetRetrieveColumn(ses, tab, cols[0].columnid,
						&got_id, 4, NULL, 0, NULL);
		if (err || got_id != key)
			bad++;
	}
	is(bad, 0, "1000 rows found by JetSeek(EQ) on the primary key");
	is(JetCloseTable(ses, tab), 0, "JetCloseTable");
	is(JetCloseDatabase(ses, dbid, 0), 0, "JetCloseDatabase");
	is(JetDetachDatabaseA(ses, KEEP_FILE), 0, "JetDetachDatabase");
	is(JetEndSession(ses, 0), 0, "JetEndSession");
	is(JetTerm(inst), 0, "JetTerm");
	return tap_done();
}
