// SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT
/*
 * jetk demo: JetStopServiceInstance as an ESE program sees it.
 *
 * Creates and initialises an instance, begins sessions, creates a
 * database file with a table of several column types, inserts rows and
 * reads them back, then stops the service: ordinary calls are refused
 * with JET_errClientRequestToStopJetService while the calls ESE allows
 * after a stop still work (JetCloseTable, JetCloseDatabase,
 * JetDetachDatabase).  It shows the engine's counters before and after,
 * and terminates.  Then durability: an order committed and one left
 * uncommitted, a simulated power cut, and the next JetInit's recovery.
 * The database file stays (DEMO_DB): Debian's esedbexport reads it.
 *
 * Built statically by `make -C userlib demo`; `make demo` runs it in UML.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "esent.h"

#define NSESSIONS 3
#define DEMO_DB ".cache/demo.edb"
#define DEMO_LOG ".cache/"
#define NROWS 5

static const char *errname(JET_ERR err)
{
	switch (err) {
	case JET_errSuccess: return "JET_errSuccess";
	case JET_errClientRequestToStopJetService:
		return "JET_errClientRequestToStopJetService";
	case JET_errInvalidParameter: return "JET_errInvalidParameter";
	case JET_errInvalidSesid: return "JET_errInvalidSesid";
	case JET_errInvalidInstance: return "JET_errInvalidInstance";
	case JET_errFileNotFound: return "JET_errFileNotFound (is jetk.ko loaded?)";
	case JET_errNoCurrentRecord: return "JET_errNoCurrentRecord";
	default: return "(see esent.h)";
	}
}

static int failed;

/* Print a call's result; note it when it is not what ESE promises. */
static void show(const char *call, JET_ERR err, JET_ERR expected)
{
	printf("  %-44s -> %6ld %s%s\n", call, (long)err, errname(err),
	       err == expected ? "" : "   <-- unexpected");
	if (err != expected)
		failed = 1;
}

/* Print the lines of the instance's debugfs counters named in @keys. */
static void show_stats(JET_INSTANCE inst, const char *heading,
		       const char *const *keys, size_t nkeys)
{
	char path[96], line[128];
	size_t i;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/debug/jetk/instance%llu/stats",
		 (unsigned long long)inst);
	f = fopen(path, "r");
	if (!f) {
		printf("  (no counters: %s not readable)\n", path);
		return;
	}
	printf("  %s (%s):\n", heading, path);
	while (fgets(line, sizeof(line), f))
		for (i = 0; i < nkeys; i++)
			if (!strncmp(line, keys[i], strlen(keys[i])) &&
			    line[strlen(keys[i])] == ' ')
				printf("    %s", line);
	fclose(f);
}

static void show_counters(JET_INSTANCE inst, const char *when)
{
	static const char *const keys[] = {
		"gate_stopped", "calls_refused", "stop_calls",
		"checkpoint_depth_max", "flush_target_depth",
		"defrag_stop_runs", "version_cleanup_runs", "flush_runs",
		"sessions", "versions_live", "oldest_trx_procid", "rollbacks",
		"cache_dirty", "checkpoint_depth", "checkpoint_depth_target",
		"flush_depth_before", "flush_depth_after", "flush_pages_written",
		"versions_freed", "commits_durable", "log_writes",
		"defrag_running", "defrag_passes", "defrag_stops",
	};
	char heading[64];

	snprintf(heading, sizeof(heading), "counters %s", when);
	show_stats(inst, heading, keys, sizeof(keys) / sizeof(keys[0]));
}

/* Five orders into a new table; returns the open cursor. */
static JET_TABLEID make_orders(JET_SESID ses, JET_DBID dbid)
{
	static const char *const customers[NROWS] = {
		"Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove",
	};
#define COL(n, t, cb, g) { .cbStruct = sizeof(JET_COLUMNCREATE_A), \
	.szColumnName = (n), .coltyp = (t), .cbMax = (cb), .grbit = (g) }
	JET_COLUMNCREATE_A cols[] = {
		COL("Id", JET_coltypLong, 0, JET_bitColumnAutoincrement),
		COL("Customer", JET_coltypText, 64, JET_bitColumnNotNULL),
		COL("Amount", JET_coltypCurrency, 0, 0),
		COL("Quantity", JET_coltypShort, 0, 0),
		COL("Note", JET_coltypLongText, 0, 0),
	};
#undef COL
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "PrimaryKey",
		.szKey = "+Id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(JET_TABLECREATE_A), .szTableName = "Orders",
		.ulPages = 4, .rgcolumncreate = cols, .cColumns = 5,
		.rgindexcreate = &idx, .cIndexes = 1,
	};
	JET_SETCOLUMN set[4];
	long long amount;
	short qty;
	char note[64];
	JET_ERR err;
	int r;

	show("JetCreateTableColumnIndex(\"Orders\", 5 columns)",
	     JetCreateTableColumnIndexA(ses, dbid, &tc), JET_errSuccess);
	for (r = 0; r < NROWS; r++) {
		amount = 1000LL * (r + 1) + 99;
		qty = (short)(r + 2);
		snprintf(note, sizeof(note), "order %d, shipped by jetk", r + 1);
		memset(set, 0, sizeof(set));
		set[0].columnid = cols[1].columnid;
		set[0].pvData = customers[r];
		set[0].cbData = strlen(customers[r]);
		set[1].columnid = cols[2].columnid;
		set[1].pvData = &amount;
		set[1].cbData = 8;
		set[2].columnid = cols[3].columnid;
		set[2].pvData = &qty;
		set[2].cbData = 2;
		set[3].columnid = cols[4].columnid;
		set[3].pvData = note;
		set[3].cbData = strlen(note);
		err = JetPrepareUpdate(ses, tc.tableid, JET_prepInsert);
		if (!err)
			err = JetSetColumns(ses, tc.tableid, set, 4);
		if (!err)
			err = JetUpdate(ses, tc.tableid, NULL, 0, NULL);
		show("JetPrepareUpdate + JetSetColumns + JetUpdate", err,
		     JET_errSuccess);
	}
	return tc.tableid;
}

/* Read the orders back, first to last, one JetRetrieveColumns per row. */
static void list_orders(JET_SESID ses, JET_TABLEID tab)
{
	JET_COLUMNDEF def[5];
	const char *names[5] = { "Id", "Customer", "Amount", "Quantity",
				 "Note" };
	JET_RETRIEVECOLUMN rc[5];
	char customer[65], note[128];
	long long amount;
	int id;
	short qty;
	JET_ERR err;
	int i;

	for (i = 0; i < 5; i++)
		JetGetTableColumnInfoA(ses, tab, names[i], &def[i],
				       sizeof(def[i]), JET_ColInfo);
	for (err = JetMove(ses, tab, JET_MoveFirst, 0); !err;
	     err = JetMove(ses, tab, JET_MoveNext, 0)) {
		memset(rc, 0, sizeof(rc));
		memset(customer, 0, sizeof(customer));
		memset(note, 0, sizeof(note));
		id = 0;
		amount = 0;
		qty = 0;
		rc[0].pvData = &id;
		rc[0].cbData = 4;
		rc[1].pvData = customer;
		rc[1].cbData = 64;
		rc[2].pvData = &amount;
		rc[2].cbData = 8;
		rc[3].pvData = &qty;
		rc[3].cbData = 2;
		rc[4].pvData = note;
		rc[4].cbData = 127;
		for (i = 0; i < 5; i++) {
			rc[i].columnid = def[i].columnid;
			rc[i].itagSequence = 1;
		}
		/* Warnings (JET_wrnColumnNull) are fine: a column not set. */
		if (JetRetrieveColumns(ses, tab, rc, 5) < 0) {
			show("JetRetrieveColumns", -1, JET_errSuccess);
			return;
		}
		printf("    %d  %-10s %8lld.%02lld  x%-3d %s\n", id, customer,
		       amount / 100, amount % 100, qty, note);
	}
	show("JetMove(Next) past the last row", err, JET_errNoCurrentRecord);
}

/* Rows of a table as a session sees them. */
static int count_rows(JET_SESID ses, JET_TABLEID tab)
{
	JET_ERR err;
	int n = 0;

	for (err = JetMove(ses, tab, JET_MoveFirst, 0); !err;
	     err = JetMove(ses, tab, JET_MoveNext, 0))
		n++;
	return n;
}

/* Session @ses adds an order for @who inside a transaction it opens. */
static void add_order(JET_SESID ses, JET_TABLEID tab, const char *who,
		      const char *which)
{
	char what[96];
	JET_COLUMNDEF def;
	JET_ERR err;

	snprintf(what, sizeof(what), "JetBeginTransaction (%s)", which);
	show(what, JetBeginTransaction(ses), JET_errSuccess);
	err = JetGetTableColumnInfoA(ses, tab, "Customer", &def, sizeof(def),
				     JET_ColInfo);
	if (!err)
		err = JetPrepareUpdate(ses, tab, JET_prepInsert);
	if (!err)
		err = JetSetColumn(ses, tab, def.columnid, who, strlen(who),
				   0, NULL);
	if (!err)
		err = JetUpdate(ses, tab, NULL, 0, NULL);
	snprintf(what, sizeof(what),
		 "JetPrepareUpdate + JetSetColumn + JetUpdate (%s)", which);
	show(what, err, JET_errSuccess);
}

static void show_recovery(JET_INSTANCE inst)
{
	static const char *const keys[] = {
		"recovery_ran", "recovery_log_bytes", "recovery_batches",
		"recovery_pages", "recovery_trx_undone", "recovery_us",
	};

	show_stats(inst, "what recovery did", keys,
		   sizeof(keys) / sizeof(keys[0]));
}

/* Simulated power cut (debugfs): nothing more reaches the disks. */
static int power_cut(JET_INSTANCE inst)
{
	char path[96];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/debug/jetk/instance%llu/crash",
		 (unsigned long long)inst);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs("1\n", f);
	return fclose(f);
}

/*
 * Durability: a committed order and one left uncommitted, a power cut,
 * and the next JetInit's recovery.
 */
static void crash_and_recover(void)
{
	JET_INSTANCE inst = 0;
	JET_SESID s0, s1;
	JET_DBID d0, d1;
	JET_TABLEID t0, t1;

	printf("\n7. a power cut, and recovery at the next JetInit\n");
	show("JetCreateInstance(\"demo\")", JetCreateInstance(&inst, "demo"),
	     JET_errSuccess);
	show("JetSetSystemParameter(LogFilePath, \"" DEMO_LOG "\")",
	     JetSetSystemParameter(&inst, JET_sesidNil, JET_paramLogFilePath,
				   0, DEMO_LOG), JET_errSuccess);
	show("JetInit", JetInit(&inst), JET_errSuccess);
	JetBeginSession(inst, &s0, NULL, NULL);
	JetBeginSession(inst, &s1, NULL, NULL);
	show("JetAttachDatabase(\"" DEMO_DB "\")",
	     JetAttachDatabaseA(s0, DEMO_DB, 0), JET_errSuccess);
	JetOpenDatabaseA(s0, DEMO_DB, NULL, &d0, 0);
	JetOpenDatabaseA(s1, DEMO_DB, NULL, &d1, 0);
	JetOpenTableA(s0, d0, "Orders", NULL, 0, 0, &t0);
	JetOpenTableA(s1, d1, "Orders", NULL, 0, 0, &t1);
	add_order(s0, t0, "Ada", "session 0");
	show("JetCommitTransaction (session 0: durable on return)",
	     JetCommitTransaction(s0, 0), JET_errSuccess);
	add_order(s1, t1, "Zed", "session 1, left open");
	printf("    session 0 sees %d orders, session 1 sees %d\n",
	       count_rows(s0, t0), count_rows(s1, t1));
	show("power cut (debugfs crash: nothing more is written)",
	     power_cut(inst), JET_errSuccess);
	show("JetTerm2(TermDirty)", JetTerm2(inst, JET_bitTermDirty),
	     JET_errDirtyShutdown);

	inst = 0;
	show("JetCreateInstance(\"demo\")", JetCreateInstance(&inst, "demo"),
	     JET_errSuccess);
	JetSetSystemParameter(&inst, JET_sesidNil, JET_paramLogFilePath, 0,
			      DEMO_LOG);
	show("JetInit (recovers from the log)", JetInit(&inst),
	     JET_errSuccess);
	show_recovery(inst);
	JetBeginSession(inst, &s0, NULL, NULL);
	show("JetAttachDatabase (consistent again)",
	     JetAttachDatabaseA(s0, DEMO_DB, 0), JET_errSuccess);
	JetOpenDatabaseA(s0, DEMO_DB, NULL, &d0, 0);
	JetOpenTableA(s0, d0, "Orders", NULL, 0, 0, &t0);
	printf("  the orders after recovery: Ada's committed one is there, Zed's is not\n");
	list_orders(s0, t0);
	JetCloseTable(s0, t0);
	JetEndSession(s0, 0);
	show("JetTerm", JetTerm(inst), JET_errSuccess);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(void)
{
	JET_SESID ses[NSESSIONS], extra = JET_sesidNil;
	JET_INSTANCE inst = 0;
	JET_SESSIONINFO info;
	JET_API_PTR depth = 0;
	JET_TABLEID orders = 0, again = 0, t1 = 0;
	JET_DBID dbid = 0, db1 = 0;
	double t0;
	JET_ERR err;
	int i;

	printf("jetk demo: JetStopServiceInstance\n\n1. start an instance\n");
	err = JetCreateInstance(&inst, "demo");
	show("JetCreateInstance(\"demo\")", err, JET_errSuccess);
	if (err)
		return 1;
	show("JetSetSystemParameter(MaxSessions, 8)",
	     JetSetSystemParameter(&inst, JET_sesidNil, JET_paramMaxSessions,
				   8, NULL), JET_errSuccess);
	show("JetSetSystemParameter(LogFilePath, \"" DEMO_LOG "\")",
	     JetSetSystemParameter(&inst, JET_sesidNil, JET_paramLogFilePath,
				   0, DEMO_LOG), JET_errSuccess);
	show("JetInit", JetInit(&inst), JET_errSuccess);
	for (i = 0; i < NSESSIONS; i++)
		show("JetBeginSession", JetBeginSession(inst, &ses[i], NULL, NULL),
		     JET_errSuccess);
	show("JetSetSessionContext(session 0, 0x1234)",
	     JetSetSessionContext(ses[0], 0x1234), JET_errSuccess);
	JetGetSystemParameter(inst, JET_sesidNil, JET_paramCheckpointDepthMax,
			      &depth, NULL, 0);
	printf("  JET_paramCheckpointDepthMax = %llu\n",
	       (unsigned long long)depth);

	printf("\n2. a database file, a table, rows\n");
	show("JetCreateDatabase(\"" DEMO_DB "\")",
	     JetCreateDatabaseA(ses[2], DEMO_DB, NULL, &dbid,
				JET_bitDbOverwriteExisting), JET_errSuccess);
	orders = make_orders(ses[2], dbid);
	list_orders(ses[2], orders);
	show("JetOpenTable(\"Orders\") (a second cursor)",
	     JetOpenTableA(ses[2], dbid, "Orders", NULL, 0, 0, &again),
	     JET_errSuccess);
	printf("  session 1 adds an order in a transaction it leaves open\n");
	show("JetOpenDatabase (session 1)",
	     JetOpenDatabaseA(ses[1], DEMO_DB, NULL, &db1, 0), JET_errSuccess);
	show("JetOpenTable(\"Orders\") (session 1)",
	     JetOpenTableA(ses[1], db1, "Orders", NULL, 0, 0, &t1),
	     JET_errSuccess);
	add_order(ses[1], t1, "Zed", "session 1");
	show("JetDefragment(BatchStart): online defragmentation runs",
	     JetDefragment(ses[2], dbid, NULL, NULL, NULL,
			   JET_bitDefragmentBatchStart), JET_errSuccess);
	printf("    session 1 sees %d orders, session 2 sees %d (snapshot isolation)\n",
	       count_rows(ses[1], t1), count_rows(ses[2], orders));
	show_counters(inst, "before the stop");

	printf("\n3. stop the service\n");
	show("JetStopServiceInstance", JetStopServiceInstance(inst),
	     JET_errSuccess);

	printf("\n4. calls ESE refuses after a stop\n");
	show("JetBeginSession", JetBeginSession(inst, &extra, NULL, NULL),
	     JET_errClientRequestToStopJetService);
	show("JetSetSessionContext(session 1)", JetSetSessionContext(ses[1], 7),
	     JET_errClientRequestToStopJetService);
	show("JetOpenTable(\"Orders\")",
	     JetOpenTableA(ses[2], dbid, "Orders", NULL, 0, 0, &extra),
	     JET_errClientRequestToStopJetService);
	show("JetMove(First)", JetMove(ses[2], orders, JET_MoveFirst, 0),
	     JET_errClientRequestToStopJetService);
	show("JetCommitTransaction (session 1)",
	     JetCommitTransaction(ses[1], 0),
	     JET_errClientRequestToStopJetService);

	printf("\n5. calls ESE still allows\n");
	show("JetRollback (session 1: its order goes)", JetRollback(ses[1], 0),
	     JET_errSuccess);
	show("JetCloseTable (session 1)", JetCloseTable(ses[1], t1),
	     JET_errSuccess);
	show("JetCloseDatabase (session 1)", JetCloseDatabase(ses[1], db1, 0),
	     JET_errSuccess);
	show("JetCloseTable", JetCloseTable(ses[2], orders), JET_errSuccess);
	show("JetCloseTable (the second cursor)", JetCloseTable(ses[2], again),
	     JET_errSuccess);
	show("JetCloseDatabase", JetCloseDatabase(ses[2], dbid, 0),
	     JET_errSuccess);
	show("JetDetachDatabase(\"" DEMO_DB "\")",
	     JetDetachDatabaseA(ses[2], DEMO_DB), JET_errSuccess);
	err = JetGetSessionInfo(ses[0], &info, sizeof(info), JET_SessionInfo);
	show("JetGetSessionInfo(session 0)", err, JET_errSuccess);
	if (!err)
		printf("    level %lu, context 0x%llx\n", info.ulTrxLevel,
		       (unsigned long long)info.ulTrxContext);
	err = JetGetSystemParameter(inst, JET_sesidNil,
				    JET_paramCheckpointDepthMax, &depth, NULL, 0);
	show("JetGetSystemParameter(CheckpointDepthMax)", err, JET_errSuccess);
	printf("    JET_paramCheckpointDepthMax = %llu (the stop lowered it)\n",
	       (unsigned long long)depth);
	show("JetResetSessionContext(session 0)", JetResetSessionContext(ses[0]),
	     JET_errSuccess);
	for (i = 0; i < NSESSIONS; i++)
		show("JetEndSession", JetEndSession(ses[i], 0), JET_errSuccess);

	/* The stop's work items run in the background; give them a moment. */
	nanosleep(&(struct timespec){ .tv_nsec = 200 * 1000 * 1000 }, NULL);
	show_counters(inst, "after the stop");

	printf("\n6. terminate\n");
	t0 = now_ms();
	err = JetTerm(inst);
	show("JetTerm", err, JET_errSuccess);
	printf("    JetTerm took %.3f ms\n", now_ms() - t0);
	show("JetBeginSession on the terminated instance",
	     JetBeginSession(inst, &extra, NULL, NULL), JET_errInvalidInstance);

	crash_and_recover();

	printf("\n%s\n", failed ? "demo: something unexpected happened" :
	       "demo: every call returned what ESE specifies");
	printf("the database is in %s: esedbexport -t /tmp/demo %s\n",
	       DEMO_DB, DEMO_DB);
	return failed;
}
