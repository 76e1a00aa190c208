// SPDX-License-Identifier: GPL-2.0-only
/*
 * A scan passes over records it may not see while other sessions roll
 * back changes of the same table: it must still return every record its
 * snapshot holds, once each, in key order.
 *
 * Table R holds the even Ids 0, 2, ... 2 * (NROWS - 1), committed.  One
 * session inserts every odd Id in a transaction it keeps open, so every
 * second node of the tree is one the readers do not see.  Writer sessions
 * replace even rows and roll the change back, over and over: each
 * rollback tells readers of the table to look again (the table's undo
 * sequence).  Reader sessions scan R, in a transaction and outside one,
 * and must count exactly NROWS records, each Id even and greater than the
 * one before.
 *
 * A retried lookup once went on from the node it had just found instead
 * of the one it had passed over, skipping a record (issue 18: "a snapshot
 * scanned twice reads the same").  On one CPU the window is a preemption
 * between a B-tree lookup and its version check; on two it is open all
 * the time.
 *
 * argv[1]: scans per reader (default SCANS, scaled by JETK_STRESS_SCALE).
 */
#include <stdatomic.h>
#include <stdint.h>

#include "tap.h"
#include "util.h"

#define DB_FILE		"tests/user/build/out/scan-race.edb"
#define NROWS		300
#define NWRITERS	3
#define NREADERS	2
#define SCANS		150

struct race {
	JET_INSTANCE inst;
	JET_COLUMNID id_col, val_col;
	int scans;
	atomic_int readers_left;
	atomic_long bad_scans, errors, rollbacks, scanned;
	atomic_int shown;
};

struct worker {
	struct race *r;
	int n;
	unsigned int rnd;
	JET_SESID ses;
	JET_DBID db;
	JET_TABLEID t;
};

static void trouble(struct race *r, atomic_long *ctr, const char *fmt,
		    int a, int b, int c)
{
	atomic_fetch_add(ctr, 1);
	if (atomic_fetch_add(&r->shown, 1) < 10) {
		printf("# ");
		printf(fmt, a, b, c);
		printf("\n");
	}
}

static JET_ERR worker_open(struct worker *w)
{
	JET_ERR err = JetBeginSession(w->r->inst, &w->ses, NULL, NULL);

	if (!err)
		err = JetOpenDatabase(w->ses, DB_FILE, NULL, &w->db, 0);
	if (!err)
		err = JetOpenTable(w->ses, w->db, "R", NULL, 0, 0, &w->t);
	return err;
}

static void worker_close(struct worker *w)
{
	JetCloseTable(w->ses, w->t);
	JetCloseDatabase(w->ses, w->db, 0);
	JetEndSession(w->ses, 0);
}

static JET_ERR put(struct worker *w, int32_t id, int32_t val, int insert)
{
	JET_ERR err = JetPrepareUpdate(w->ses, w->t,
				       insert ? JET_prepInsert :
				       JET_prepReplace);

	if (!err && insert)
		err = JetSetColumn(w->ses, w->t, w->r->id_col, &id, sizeof(id),
				   0, NULL);
	if (!err)
		err = JetSetColumn(w->ses, w->t, w->r->val_col, &val,
				   sizeof(val), 0, NULL);
	if (!err)
		err = JetUpdate(w->ses, w->t, NULL, 0, NULL);
	if (err)
		JetPrepareUpdate(w->ses, w->t, JET_prepCancel);
	return err;
}

/* Replace a random even row and roll it back, until the readers are done. */
static void *writer(void *p)
{
	struct worker *w = p;
	struct race *r = w->r;
	JET_ERR err = worker_open(w);

	while (!err && atomic_load(&r->readers_left)) {
		int32_t id = 2 * (int32_t)(rand_r(&w->rnd) % NROWS);

		err = JetBeginTransaction(w->ses);
		if (err)
			break;
		err = JetMakeKey(w->ses, w->t, &id, sizeof(id), JET_bitNewKey);
		if (!err)
			err = JetSeek(w->ses, w->t, JET_bitSeekEQ);
		if (!err)
			err = put(w, id, -1, 0);
		/* Another writer holds the row: fine, roll back all the same. */
		if (err == JET_errWriteConflict)
			err = 0;
		JetRollback(w->ses, 0);
		atomic_fetch_add(&r->rollbacks, 1);
	}
	if (err)
		trouble(r, &r->errors, "writer %d: error %d%.0d", w->n, err, 0);
	worker_close(w);
	return NULL;
}

/* One scan of R: every even Id once, in order. */
static void scan_once(struct worker *w)
{
	struct race *r = w->r;
	int32_t id, prev = -2;
	unsigned long len;
	int count = 0;
	JET_ERR err;

	for (err = JetMove(w->ses, w->t, JET_MoveFirst, 0); !err;
	     err = JetMove(w->ses, w->t, JET_MoveNext, 0)) {
		err = JetRetrieveColumn(w->ses, w->t, r->id_col, &id,
					sizeof(id), &len, 0, NULL);
		if (err)
			break;
		if (id % 2 || id <= prev) {
			trouble(r, &r->bad_scans,
				"reader %d: Id %d after Id %d", w->n, id, prev);
			return;
		}
		if (id != prev + 2)
			trouble(r, &r->bad_scans,
				"reader %d: Id %d follows Id %d: passed over",
				w->n, id, prev);
		prev = id;
		count++;
	}
	if (err != JET_errNoCurrentRecord) {
		trouble(r, &r->errors, "reader %d: error %d%.0d", w->n, err, 0);
		return;
	}
	if (count != NROWS)
		trouble(r, &r->bad_scans, "reader %d: %d rows, not %d", w->n,
			count, NROWS);
	atomic_fetch_add(&r->scanned, count);
}

static void *reader(void *p)
{
	struct worker *w = p;
	struct race *r = w->r;
	JET_ERR err = worker_open(w);
	int i;

	for (i = 0; !err && i < r->scans; i++) {
		/* Every other scan inside a transaction: both kinds of read. */
		if (i % 2 == 0) {
			err = JetBeginTransaction(w->ses);
			if (err)
				break;
		}
		scan_once(w);
		if (i % 2 == 0)
			err = JetCommitTransaction(w->ses, 0);
	}
	if (err)
		trouble(r, &r->errors, "reader %d: error %d%.0d", w->n, err, 0);
	atomic_fetch_sub(&r->readers_left, 1);
	worker_close(w);
	return NULL;
}

static JET_ERR create_table(struct race *r, struct worker *m)
{
	JET_COLUMNCREATE_A cc[2] = {
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Id",
		  .coltyp = JET_coltypLong,
		  .grbit = JET_bitColumnFixed | JET_bitColumnNotNULL },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Val",
		  .coltyp = JET_coltypLong, .grbit = JET_bitColumnFixed },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(idx), .szIndexName = "ById",
		.szKey = "+Id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(tc), .szTableName = "R", .rgcolumncreate = cc,
		.cColumns = 2, .rgindexcreate = &idx, .cIndexes = 1,
	};
	JET_ERR err = JetCreateTableColumnIndex(m->ses, m->db, &tc);
	int32_t id;

	if (err)
		return err;
	r->id_col = cc[0].columnid;
	r->val_col = cc[1].columnid;
	err = JetCloseTable(m->ses, tc.tableid);
	if (!err)
		err = JetOpenTable(m->ses, m->db, "R", NULL, 0, 0, &m->t);
	if (!err)
		err = JetBeginTransaction(m->ses);
	for (id = 0; id < 2 * NROWS && !err; id += 2)
		err = put(m, id, id, 1);
	if (!err)
		err = JetCommitTransaction(m->ses, 0);
	return err;
}

int main(int argc, char **argv)
{
	static struct race race;
	struct worker m = { .r = &race }, hider = { .r = &race };
	struct worker ws[NWRITERS], rs[NREADERS];
	pthread_t wt[NWRITERS], rt[NREADERS];
	int i, id, started = 0;
	JET_ERR err;

	race.scans = argc > 1 ? atoi(argv[1]) : stress_scaled(SCANS);
	if (race.scans < 2)
		race.scans = 2;
	atomic_init(&race.readers_left, NREADERS);
	unlink(DB_FILE);
	is(lib_instance(&race.inst, "scan-race"), 0, "an instance");
	is(JetBeginSession(race.inst, &m.ses, NULL, NULL), 0, "a session");
	is(JetCreateDatabase(m.ses, DB_FILE, NULL, &m.db, 0), 0,
	   "JetCreateDatabase scan-race.edb");
	is(create_table(&race, &m), 0, "table R with the even Ids 0..%d",
	   2 * (NROWS - 1));

	/* Every odd Id, inserted and kept uncommitted: nodes nobody sees. */
	err = worker_open(&hider);
	if (!err)
		err = JetBeginTransaction(hider.ses);
	for (id = 1; id < 2 * NROWS && !err; id += 2)
		err = put(&hider, id, id, 1);
	is(err, 0, "another session inserts every odd Id, uncommitted");

	for (i = 0; i < NWRITERS; i++) {
		ws[i] = (struct worker){ .r = &race, .n = i,
					 .rnd = 7919u * (unsigned int)i + 1 };
		started += !pthread_create(&wt[i], NULL, writer, &ws[i]);
	}
	for (i = 0; i < NREADERS; i++) {
		rs[i] = (struct worker){ .r = &race, .n = i };
		started += !pthread_create(&rt[i], NULL, reader, &rs[i]);
	}
	is(started, NWRITERS + NREADERS, "%d writers rolling back, %d readers",
	   NWRITERS, NREADERS);
	for (i = 0; i < NREADERS; i++)
		pthread_join(rt[i], NULL);
	for (i = 0; i < NWRITERS; i++)
		pthread_join(wt[i], NULL);
	diag("%ld scans of %d rows, %ld rows read, %ld rollbacks meanwhile",
	     (long)NREADERS * race.scans, NROWS, atomic_load(&race.scanned),
	     atomic_load(&race.rollbacks));

	is(atomic_load(&race.errors), 0, "no call failed");
	is(atomic_load(&race.bad_scans), 0,
	   "every scan returned every record of its snapshot, once, in order");
	ok(atomic_load(&race.rollbacks) > 0, "the writers rolled back (%ld)",
	   atomic_load(&race.rollbacks));
	is(atomic_load(&race.scanned), (long)NREADERS * race.scans * NROWS,
	   "the readers read %d rows per scan", NROWS);

	is(JetRollback(hider.ses, 0), 0, "the odd Ids roll back");
	worker_close(&hider);
	JetCloseTable(m.ses, m.t);
	is(JetCloseDatabase(m.ses, m.db, 0), 0, "JetCloseDatabase");
	is(JetDetachDatabase(m.ses, DB_FILE), 0, "JetDetachDatabase");
	is(JetEndSession(m.ses, 0), 0, "JetEndSession");
	is(JetTerm(race.inst), 0, "JetTerm");
	return tap_done();
}
