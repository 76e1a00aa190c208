// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transactions through libjetk, with three sessions (A, B, C) on one
 * database, tests/user/build/out/trx.edb:
 *  - levels: nesting to JET_levelMost, the grbits JetCommitTransaction(2)
 *    and JetRollback accept, commit ids, the level as
 *    JET_paramTransactionLevel and JetGetSessionInfo report it;
 *  - snapshot isolation: a transaction sees the data of its level-0
 *    begin and its own changes; outside one, a session sees the latest
 *    committed data and never another session's uncommitted changes;
 *  - write conflicts, first writer wins: replace, delete and insert
 *    against uncommitted changes and against changes committed after the
 *    snapshot, in and outside transactions;
 *  - rollback of inserts, replaces, deletes, long values larger than a
 *    page and table creation, nested levels, JetEndSession rolling back;
 *  - JetEscrowUpdate: its errors, deltas of two sessions on one record,
 *    rollback of a delta another one followed, replace against a delta;
 *  - JetGetLock; JetOpenTable's deny grbits; JetDeleteTable of an open
 *    table; JetIdle and its warnings;
 *  - JetTerm refused while a transaction is open; transactions after
 *    JetStopServiceInstance (an instance of their own);
 *  - the version store's bound (JET_paramMaxVerPages) and its counters in
 *    debugfs (an instance of their own, trx.edb attached again);
 *  - a process killed inside a transaction: its changes roll back.
 */
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>

#include "tap.h"
#include "util.h"

#define KEEP_FILE	"tests/user/build/out/trx.edb"
#define NROWS		10	/* every table starts with Id 1..10, Val Id*10 */
#define LV_OLD		10000	/* long values larger than a 4 KiB page */
#define LV_NEW		9000
#define LV_INS		12000
#define BIG_VAL		2000	/* bytes per row that fills the version store */
#define BIG_ROWS_MAX	4000	/* the store must be full before this */
#define BIG_ID		1000	/* first Id of those rows */
#define VER_PAGES	8
#define VER_PAGE_SIZE	32768
#define STOPPED		JET_errClientRequestToStopJetService

enum { SA, SB, SC, NSES };	/* the sessions */
enum { C_ID, C_VAL, C_ESC, C_BLOB, NCOLS };

/* An instance, its sessions and each one's dbid of trx.edb. */
struct fix {
	JET_INSTANCE inst;
	JET_SESID s[NSES];
	JET_DBID db[NSES];
};

/* A session's cursor on a test table. */
struct cur {
	JET_SESID ses;
	JET_TABLEID t;
	const JET_COLUMNID *col;	/* the table's columns, by C_* */
};

/* A test table and a cursor on it in each session. */
struct tab {
	JET_COLUMNID col[NCOLS];
	struct cur c[NSES];
};

/* Begin the sessions; A creates (or attaches) trx.edb, all open it. */
static JET_ERR fix_begin(struct fix *f, int create)
{
	JET_ERR err = 0;
	int s;

	for (s = 0; s < NSES && !err; s++)
		err = JetBeginSession(f->inst, &f->s[s], NULL, NULL);
	if (err)
		return err;
	if (create) {
		err = JetCreateDatabase(f->s[SA], KEEP_FILE, NULL, &f->db[SA], 0);
	} else {
		err = JetAttachDatabase(f->s[SA], KEEP_FILE, 0);
		if (!err)
			err = JetOpenDatabase(f->s[SA], KEEP_FILE, NULL,
					      &f->db[SA], 0);
	}
	for (s = SB; s < NSES && !err; s++)
		err = JetOpenDatabase(f->s[s], KEEP_FILE, NULL, &f->db[s], 0);
	return err;
}

/* Close the database, detach it and end the sessions: the first error. */
static JET_ERR fix_end(struct fix *f)
{
	JET_ERR err = 0, e;
	int s;

	for (s = 0; s < NSES; s++) {
		e = JetCloseDatabase(f->s[s], f->db[s], 0);
		err = err ? err : e;
	}
	e = JetDetachDatabase(f->s[SA], KEEP_FILE);
	err = err ? err : e;
	for (s = 0; s < NSES; s++) {
		e = JetEndSession(f->s[s], 0);
		err = err ? err : e;
	}
	return err;
}

/*
 * Create table @name in session A: Id (the primary key), Val, Esc (an
 * escrow column, default 0) and Blob (LongBinary).  *@tid is A's cursor
 * from the create; @col, if given, gets the columnids.
 */
static JET_ERR tab_define(struct fix *f, const char *name, JET_TABLEID *tid,
			  JET_COLUMNID *col)
{
	static const int32_t zero;
	JET_COLUMNCREATE_A cc[NCOLS] = {
		[C_ID] = { .cbStruct = sizeof(cc[0]), .szColumnName = "Id",
			   .coltyp = JET_coltypLong,
			   .grbit = JET_bitColumnFixed | JET_bitColumnNotNULL },
		[C_VAL] = { .cbStruct = sizeof(cc[0]), .szColumnName = "Val",
			    .coltyp = JET_coltypLong,
			    .grbit = JET_bitColumnFixed },
		[C_ESC] = { .cbStruct = sizeof(cc[0]), .szColumnName = "Esc",
			    .coltyp = JET_coltypLong,
			    .grbit = JET_bitColumnFixed |
				     JET_bitColumnEscrowUpdate,
			    .pvDefault = (void *)&zero,
			    .cbDefault = sizeof(zero) },
		[C_BLOB] = { .cbStruct = sizeof(cc[0]), .szColumnName = "Blob",
			     .coltyp = JET_coltypLongBinary,
			     .grbit = JET_bitColumnTagged },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(idx), .szIndexName = "ById",
		.szKey = "+Id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(tc), .szTableName = (char *)name,
		.rgcolumncreate = cc, .cColumns = NCOLS,
		.rgindexcreate = &idx, .cIndexes = 1,
	};
	JET_ERR err;
	int c;

	err = JetCreateTableColumnIndex(f->s[SA], f->db[SA], &tc);
	if (err)
		return err;
	for (c = 0; col && c < NCOLS; c++)
		col[c] = cc[c].columnid;
	*tid = tc.tableid;
	return 0;
}

static JET_ERR row_seek(struct cur *k, int32_t id)
{
	JET_ERR err = JetMakeKey(k->ses, k->t, &id, sizeof(id), JET_bitNewKey);

	return err ? err : JetSeek(k->ses, k->t, JET_bitSeekEQ);
}

static unsigned char lv_byte(unsigned int seed, unsigned long i)
{
	return (unsigned char)(seed * 131 + i * 7 + (i >> 8));
}

/*
 * One update: JetPrepareUpdate(@prep) on record @id (sought first unless
 * inserting), Val set to @val and, when @lv_len, Blob to @lv_len bytes of
 * pattern @lv_seed.  The first error; a failed update is cancelled.
 */
static JET_ERR row_put(struct cur *k, unsigned long prep, int32_t id,
		       int32_t val, unsigned int lv_seed, unsigned long lv_len)
{
	unsigned char *lv = NULL;
	unsigned long i;
	JET_ERR err = 0;

	if (prep != JET_prepInsert)
		err = row_seek(k, id);
	if (!err)
		err = JetPrepareUpdate(k->ses, k->t, prep);
	if (err)
		return err;
	if (prep == JET_prepInsert)
		err = JetSetColumn(k->ses, k->t, k->col[C_ID], &id, 4, 0, NULL);
	if (!err)
		err = JetSetColumn(k->ses, k->t, k->col[C_VAL], &val, 4, 0,
				   NULL);
	if (!err && lv_len) {
		lv = malloc(lv_len);
		if (!lv)
			err = JET_errOutOfMemory;
		for (i = 0; lv && i < lv_len; i++)
			lv[i] = lv_byte(lv_seed, i);
		if (!err)
			err = JetSetColumn(k->ses, k->t, k->col[C_BLOB], lv,
					   lv_len, 0, NULL);
		free(lv);
	}
	if (!err)
		err = JetUpdate(k->ses, k->t, NULL, 0, NULL);
	if (err)
		JetPrepareUpdate(k->ses, k->t, JET_prepCancel);
	return err;
}

static JET_ERR row_insert(struct cur *k, int32_t id, int32_t val)
{
	return row_put(k, JET_prepInsert, id, val, 0, 0);
}

static JET_ERR row_set(struct cur *k, int32_t id, int32_t val)
{
	return row_put(k, JET_prepReplace, id, val, 0, 0);
}

static JET_ERR row_del(struct cur *k, int32_t id)
{
	JET_ERR err = row_seek(k, id);

	return err ? err : JetDelete(k->ses, k->t);
}

/* Seek @id and read its 4-byte column @c into *@val. */
static JET_ERR row_get(struct cur *k, int32_t id, int c, int32_t *val)
{
	unsigned long len = 0;
	JET_ERR err = row_seek(k, id);

	*val = -1;
	if (!err)
		err = JetRetrieveColumn(k->ses, k->t, k->col[c], val, 4, &len,
					0, NULL);
	if (!err && len != 4)
		err = JET_errInvalidBufferSize;
	return err;
}

/* Whether record @id's Blob is @len bytes of pattern @seed. */
static int row_blob_ok(struct cur *k, int32_t id, unsigned int seed,
		       unsigned long len)
{
	unsigned long max = len + 4096, actual = 0, i;
	unsigned char *buf = malloc(max);
	int good = buf && !row_seek(k, id) &&
		   !JetRetrieveColumn(k->ses, k->t, k->col[C_BLOB], buf, max,
				      &actual, 0, NULL) && actual == len;

	for (i = 0; good && i < len; i++)
		good = buf[i] == lv_byte(seed, i);
	free(buf);
	return good;
}

/* Scan in key order: how many records the cursor sees, their Ids' sum. */
static JET_ERR rows_scan(struct cur *k, int *n, long *idsum)
{
	unsigned long len;
	int32_t id;
	JET_ERR err;

	*n = 0;
	*idsum = 0;
	for (err = JetMove(k->ses, k->t, JET_MoveFirst, 0); !err;
	     err = JetMove(k->ses, k->t, JET_MoveNext, 0)) {
		err = JetRetrieveColumn(k->ses, k->t, k->col[C_ID], &id, 4,
					&len, 0, NULL);
		if (err)
			return err;
		(*n)++;
		*idsum += id;
	}
	return err == JET_errNoCurrentRecord ? 0 : err;
}

/* Create table @name, open it in every session, insert rows 1..NROWS. */
static JET_ERR tab_create(struct fix *f, struct tab *tb, const char *name)
{
	JET_TABLEID tid;
	JET_ERR err;
	int s, i;

	memset(tb, 0, sizeof(*tb));
	for (s = 0; s < NSES; s++) {
		tb->c[s].ses = f->s[s];
		tb->c[s].col = tb->col;
	}
	err = tab_define(f, name, &tid, tb->col);
	if (err)
		return err;
	/* The cursor of the create may be exclusive: open plain ones. */
	err = JetCloseTable(f->s[SA], tid);
	for (s = 0; s < NSES && !err; s++)
		err = JetOpenTable(f->s[s], f->db[s], name, NULL, 0, 0,
				   &tb->c[s].t);
	for (i = 1; i <= NROWS && !err; i++)
		err = row_insert(&tb->c[SA], i, i * 10);
	return err;
}

static JET_ERR tab_close(struct tab *tb)
{
	JET_ERR err = 0, e;
	int s;

	for (s = 0; s < NSES; s++) {
		e = JetCloseTable(tb->c[s].ses, tb->c[s].t);
		err = err ? err : e;
	}
	return err;
}

static long trx_level(struct fix *f, JET_SESID ses)
{
	JET_API_PTR v = 0xdead;

	if (JetGetSystemParameter(f->inst, ses, JET_paramTransactionLevel, &v,
				  NULL, 0))
		return -1;
	return (long)v;
}

static long info_level(JET_SESID ses)
{
	JET_SESSIONINFO info;

	memset(&info, 0xff, sizeof(info));
	if (JetGetSessionInfo(ses, &info, sizeof(info), JET_SessionInfo))
		return -1;
	return (long)info.ulTrxLevel;
}

static void test_levels(struct fix *f)
{
	JET_COMMIT_ID c1, c2;
	JET_SESID a = f->s[SA];
	struct tab tb;
	int i, good = 0;

	is(tab_create(f, &tb, "Levels"), 0, "levels: table Levels");
	is(trx_level(f, a), 0, "levels: a session starts at level 0");
	is(JetCommitTransaction(a, 0), JET_errNotInTransaction,
	   "JetCommitTransaction at level 0 -> NotInTransaction");
	is(JetRollback(a, 0), JET_errNotInTransaction,
	   "JetRollback at level 0 -> NotInTransaction");
	is(JetBeginTransaction(a), 0, "JetBeginTransaction");
	is(trx_level(f, a), 1, "JET_paramTransactionLevel: 1");
	is(info_level(a), 1, "JetGetSessionInfo: ulTrxLevel 1");
	is(JetBeginTransaction2(a, 0), 0, "JetBeginTransaction2(0): level 2");
	is(JetBeginTransaction3(a, 12345, 0), 0,
	   "JetBeginTransaction3(trxid 12345, 0): level 3");
	for (i = 3; i < JET_levelMost; i++)
		good += JetBeginTransaction(a) == 0;
	is(good, JET_levelMost - 3, "four more begins");
	is(trx_level(f, a), JET_levelMost, "... reach level 7");
	is(JetBeginTransaction(a), JET_errTransTooDeep,
	   "an 8th JetBeginTransaction -> TransTooDeep");
	is(trx_level(f, a), JET_levelMost, "... and the level stays 7");
	is(info_level(a), JET_levelMost, "JetGetSessionInfo: ulTrxLevel 7");
	is(trx_level(f, f->s[SB]), 0, "session B is at level 0 all along");
	is(JetRollback(a, 0x2), JET_errInvalidGrbit,
	   "JetRollback(0x2) -> InvalidGrbit");
	is(JetRollback(a, JET_bitRollbackAll | 0x2), JET_errInvalidGrbit,
	   "JetRollback(RollbackAll | 0x2) -> InvalidGrbit");
	is(JetCommitTransaction(a, 0x4), JET_errInvalidGrbit,
	   "JetCommitTransaction(0x4) -> InvalidGrbit");
	is(JetCommitTransaction(a, 0x40), JET_errInvalidGrbit,
	   "JetCommitTransaction(0x40) -> InvalidGrbit");
	is(JetCommitTransaction(a, 0x80000000UL), JET_errInvalidGrbit,
	   "JetCommitTransaction(0x80000000) -> InvalidGrbit");
	is(JetCommitTransaction(a, JET_bitWaitLastLevel0Commit |
				JET_bitCommitLazyFlush), JET_errInvalidGrbit,
	   "WaitLastLevel0Commit with another bit -> InvalidGrbit");
	is(trx_level(f, a), JET_levelMost, "the refused calls left level 7");
	is(JetCommitTransaction(a, 0), 0, "JetCommitTransaction");
	is(trx_level(f, a), 6, "... level 6");
	is(JetRollback(a, 0), 0, "JetRollback");
	is(trx_level(f, a), 5, "... level 5");
	is(JetCommitTransaction(a, JET_bitCommitLazyFlush), 0,
	   "JetCommitTransaction(CommitLazyFlush)");
	is(trx_level(f, a), 4, "... level 4");
	is(JetRollback(a, JET_bitRollbackAll), 0, "JetRollback(RollbackAll)");
	is(trx_level(f, a), 0, "... rolls back every level");
	is(info_level(a), 0, "JetGetSessionInfo: ulTrxLevel 0");

	is(JetCommitTransaction(a, JET_bitWaitLastLevel0Commit), 0,
	   "JetCommitTransaction(WaitLastLevel0Commit) at level 0 succeeds");
	is(trx_level(f, a), 0, "... and the level stays 0");
	is(JetBeginTransaction(a), 0, "JetBeginTransaction");
	is(JetCommitTransaction(a, JET_bitWaitLastLevel0Commit), 0,
	   "JetCommitTransaction(WaitLastLevel0Commit) at level 1");
	is(trx_level(f, a), 1, "... commits nothing: level 1");
	memset(&c1, 0, sizeof(c1));
	is(JetCommitTransaction2(a, 0, 100, &c1), JET_errInvalidParameter,
	   "JetCommitTransaction2(cmsecDurableCommit 100, no LazyFlush) -> InvalidParameter");
	is(trx_level(f, a), 1, "... and the level stays 1");
	is(row_insert(&tb.c[SA], 101, 1), 0, "insert 101");
	is(JetCommitTransaction2(a, 0, 0, &c1), 0,
	   "JetCommitTransaction2 at level 1");
	ok(c1.commitId > 0, "... gives a positive commit id (%lld)",
	   (long long)c1.commitId);
	is(trx_level(f, a), 0, "... level 0");
	is(JetBeginTransaction(a), 0, "JetBeginTransaction");
	is(row_insert(&tb.c[SA], 102, 2), 0, "insert 102");
	memset(&c2, 0, sizeof(c2));
	is(JetCommitTransaction2(a, 0, 0, &c2), 0, "JetCommitTransaction2");
	ok(c2.commitId > c1.commitId,
	   "... a later commit has a larger id (%lld > %lld)",
	   (long long)c2.commitId, (long long)c1.commitId);
	ok(!row_seek(&tb.c[SB], 101) && !row_seek(&tb.c[SB], 102),
	   "session B finds both committed rows");
	is(tab_close(&tb), 0, "levels: close table Levels");
}

static void test_snapshot(struct fix *f)
{
	struct cur *a, *b, *c;
	struct tab tb;
	int32_t v;
	long sum;
	int n;

	is(tab_create(f, &tb, "Snapshot"), 0, "snapshot: table Snapshot");
	a = &tb.c[SA];
	b = &tb.c[SB];
	c = &tb.c[SC];
	is(JetBeginTransaction(a->ses), 0, "snapshot: A begins");
	is(row_insert(b, 100, 1000), 0, "B (level 0) inserts 100");
	is(row_set(b, 1, 11), 0, "B replaces 1: Val 11");
	is(row_del(b, 2), 0, "B deletes 2");
	is(JetBeginTransaction(b->ses), 0, "B begins");
	is(row_insert(b, 300, 3000), 0, "B inserts 300");
	is(JetCommitTransaction(b->ses, 0), 0, "B commits");

	is(row_seek(a, 100), JET_errRecordNotFound,
	   "A does not see B's insert of 100");
	is(row_seek(a, 300), JET_errRecordNotFound,
	   "... nor 300, committed in a transaction after A began");
	is(row_get(a, 1, C_VAL, &v), 0, "A reads 1");
	is(v, 10, "... B's replace is invisible: Val 10");
	is(row_get(a, 2, C_VAL, &v), 0, "A still finds 2, which B deleted");
	is(v, 20, "... with Val 20");

	is(row_insert(a, 200, 2000), 0, "A inserts 200");
	is(row_seek(a, 200), 0, "A sees its own insert");
	is(row_set(a, 3, 33), 0, "A replaces 3");
	is(row_get(a, 3, C_VAL, &v), 0, "A reads 3");
	is(v, 33, "... its own Val 33");
	is(row_del(a, 4), 0, "A deletes 4");
	is(row_seek(a, 4), JET_errRecordNotFound, "A no longer finds 4");
	is(rows_scan(a, &n, &sum), 0, "A scans with JetMove");
	ok(n == 10 && sum == 55 + 200 - 4,
	   "... its snapshot with its own changes (%d rows, Id sum %ld)", n,
	   sum);

	is(row_seek(c, 200), JET_errRecordNotFound,
	   "C (level 0) does not see A's uncommitted insert");
	is(row_get(c, 3, C_VAL, &v), 0, "C reads 3");
	is(v, 30, "... A's uncommitted replace is invisible: Val 30");
	is(row_seek(c, 4), 0, "C finds 4, which A deleted but not committed");
	is(row_get(c, 1, C_VAL, &v), 0, "C reads 1");
	is(v, 11, "... the latest committed Val, 11");
	is(row_seek(c, 100), 0, "C finds B's 100");
	is(row_seek(c, 2), JET_errRecordNotFound, "C does not find 2");
	is(rows_scan(c, &n, &sum), 0, "C scans with JetMove");
	ok(n == 11 && sum == 55 - 2 + 100 + 300,
	   "... the committed rows only (%d rows, Id sum %ld)", n, sum);

	is(JetCommitTransaction(a->ses, 0), 0, "A commits");
	is(row_seek(a, 100), 0, "A (level 0) now finds 100");
	is(row_get(a, 1, C_VAL, &v), 0, "A reads 1");
	is(v, 11, "... Val 11");
	is(row_seek(a, 2), JET_errRecordNotFound, "A no longer finds 2");
	is(row_seek(c, 200), 0, "C finds A's committed 200");
	is(row_get(c, 3, C_VAL, &v), 0, "C reads 3");
	is(v, 33, "... Val 33");
	is(row_seek(c, 4), JET_errRecordNotFound, "C no longer finds 4");

	is(JetBeginTransaction(a->ses), 0, "A begins again");
	is(row_insert(b, 400, 4000), 0, "B inserts 400");
	is(row_seek(a, 400), JET_errRecordNotFound, "A does not see it");
	is(JetRollback(a->ses, 0), 0, "A rolls back");
	is(row_seek(a, 400), 0, "... and then sees 400");
	is(tab_close(&tb), 0, "snapshot: close table Snapshot");
}

static void test_conflicts(struct fix *f)
{
	long long wc = stat_get(f->inst, "write_conflicts");
	struct cur *a, *b, *c;
	struct tab tb;
	int32_t v = 13;
	long sum;
	int n;

	is(tab_create(f, &tb, "Conflicts"), 0, "conflicts: table Conflicts");
	a = &tb.c[SA];
	b = &tb.c[SB];
	c = &tb.c[SC];
	is(JetBeginTransaction(b->ses), 0, "conflicts: B begins");
	is(row_set(b, 1, 11), 0, "B replaces 1");
	is(row_set(a, 1, 12), JET_errWriteConflict,
	   "A (level 0) replacing 1 -> WriteConflict");
	is(row_del(a, 1), JET_errWriteConflict,
	   "A (level 0) deleting 1 -> WriteConflict");
	is(row_set(a, 2, 22), 0,
	   "A (level 0) replaces 2, another record of the table");

	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(row_seek(a, 1), 0, "A seeks 1");
	is(JetPrepareUpdate(a->ses, a->t, JET_prepReplace), JET_errWriteConflict,
	   "A's JetPrepareUpdate(Replace) on 1 -> WriteConflict");
	is(JetDelete(a->ses, a->t), JET_errWriteConflict,
	   "A's JetDelete of 1 -> WriteConflict");
	is(JetPrepareUpdate(a->ses, a->t, JET_prepReplaceNoLock), 0,
	   "A's JetPrepareUpdate(ReplaceNoLock) on 1 succeeds");
	is(JetSetColumn(a->ses, a->t, a->col[C_VAL], &v, 4, 0, NULL), 0,
	   "... JetSetColumn");
	is(JetUpdate(a->ses, a->t, NULL, 0, NULL), JET_errWriteConflict,
	   "... the conflict shows at JetUpdate");
	is(JetPrepareUpdate(a->ses, a->t, JET_prepCancel), 0, "... cancelled");
	is(JetCommitTransaction(b->ses, 0), 0, "B commits");
	is(row_set(a, 1, 14), JET_errWriteConflict,
	   "A replacing 1, committed by B after A began -> WriteConflict");
	is(row_del(a, 1), JET_errWriteConflict, "... deleting it too");
	is(row_get(a, 1, C_VAL, &v), 0, "A reads 1");
	is(v, 10, "... in its snapshot: Val 10");
	is(JetRollback(a->ses, 0), 0, "A rolls back");
	is(JetBeginTransaction(a->ses), 0, "A begins again");
	is(row_set(a, 1, 15), 0, "... and replaces 1");
	is(JetCommitTransaction(a->ses, 0), 0, "A commits");
	is(row_get(c, 1, C_VAL, &v), 0, "C reads 1");
	is(v, 15, "... Val 15");

	is(JetBeginTransaction(b->ses), 0, "B begins");
	is(row_set(b, 3, 31), 0, "B replaces 3");
	is(JetCommitTransaction(b->ses, 0), 0, "B commits");
	is(row_set(a, 3, 32), 0,
	   "A (level 0) replaces 3, changed and committed by B");

	is(JetBeginTransaction(b->ses), 0, "B begins");
	is(row_insert(b, 50, 500), 0, "B inserts 50");
	is(row_insert(a, 50, 501), JET_errWriteConflict,
	   "A (level 0) inserting 50 too -> WriteConflict");
	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(row_insert(a, 50, 502), JET_errWriteConflict,
	   "A in a transaction inserting 50 -> WriteConflict");
	is(JetRollback(a->ses, 0), 0, "A rolls back");
	is(JetCommitTransaction(b->ses, 0), 0, "B commits 50");
	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(row_insert(a, 50, 503), JET_errKeyDuplicate,
	   "A inserting 50 after B's commit -> KeyDuplicate");
	is(JetRollback(a->ses, 0), 0, "A rolls back");
	is(row_get(c, 50, C_VAL, &v), 0, "C reads 50");
	is(v, 500, "... B's Val 500");

	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(JetBeginTransaction(b->ses), 0, "B begins");
	is(row_set(a, 5, 55), 0, "A replaces 5");
	is(row_set(b, 6, 66), 0, "B replaces 6");
	is(row_del(a, 7), 0, "A deletes 7");
	is(row_del(b, 8), 0, "B deletes 8");
	is(row_insert(a, 60, 600), 0, "A inserts 60");
	is(row_insert(b, 61, 610), 0, "B inserts 61");
	is(JetCommitTransaction(a->ses, 0), 0, "A commits");
	is(JetCommitTransaction(b->ses, 0), 0, "B commits");
	is(row_get(c, 5, C_VAL, &v), 0, "C reads 5");
	is(v, 55, "... A's Val 55");
	is(row_get(c, 6, C_VAL, &v), 0, "C reads 6");
	is(v, 66, "... B's Val 66");
	is(rows_scan(c, &n, &sum), 0, "C scans");
	ok(n == 11 && sum == 55 - 7 - 8 + 50 + 60 + 61,
	   "... both transactions' changes are there (%d rows, Id sum %ld)",
	   n, sum);
	ok(stat_get(f->inst, "write_conflicts") > wc,
	   "write_conflicts counted them (%lld, was %lld)",
	   stat_get(f->inst, "write_conflicts"), wc);
	is(tab_close(&tb), 0, "conflicts: close table Conflicts");
}

static void test_rollback(struct fix *f)
{
	struct cur *a, *b, *c, d;
	JET_TABLEID tid;
	JET_DBID ddb;
	struct tab tb;
	int32_t v;
	long sum;
	int n;

	is(tab_create(f, &tb, "Rollback"), 0, "rollback: table Rollback");
	a = &tb.c[SA];
	b = &tb.c[SB];
	c = &tb.c[SC];
	is(row_put(a, JET_prepReplace, 1, 10, 1, LV_OLD), 0,
	   "rollback: record 1 gets a %d-byte long value", LV_OLD);
	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(row_insert(a, 20, 200), 0, "A inserts 20");
	is(row_set(a, 3, 33), 0, "A replaces 3");
	is(row_del(a, 4), 0, "A deletes 4");
	is(row_put(a, JET_prepReplace, 1, 11, 2, LV_NEW), 0,
	   "A replaces 1 with a %d-byte long value", LV_NEW);
	is(row_put(a, JET_prepInsert, 21, 210, 3, LV_INS), 0,
	   "A inserts 21 with a %d-byte long value", LV_INS);
	ok(row_blob_ok(a, 1, 2, LV_NEW), "A reads 1's new long value");
	ok(row_blob_ok(a, 21, 3, LV_INS), "A reads 21's long value");
	is(JetRollback(a->ses, 0), 0, "A rolls back");
	is(trx_level(f, a->ses), 0, "... level 0");
	is(row_seek(a, 20), JET_errRecordNotFound, "the insert of 20 is undone");
	is(row_get(a, 3, C_VAL, &v), 0, "A reads 3");
	is(v, 30, "... the replace is undone: Val 30");
	is(row_seek(a, 4), 0, "the delete of 4 is undone");
	is(row_get(a, 1, C_VAL, &v), 0, "A reads 1");
	is(v, 10, "... Val 10 again");
	ok(row_blob_ok(a, 1, 1, LV_OLD),
	   "... and its old long value reads back intact");
	is(row_seek(a, 21), JET_errRecordNotFound,
	   "the insert of 21 with its long value is undone");
	is(rows_scan(a, &n, &sum), 0, "A scans");
	ok(n == NROWS && sum == 55,
	   "... the table as it was (%d rows, Id sum %ld)", n, sum);
	ok(row_blob_ok(c, 1, 1, LV_OLD), "C reads 1's old long value too");

	is(JetBeginTransaction(a->ses), 0, "nested: A begins (level 1)");
	is(row_insert(a, 30, 300), 0, "A inserts 30");
	is(JetBeginTransaction(a->ses), 0, "A begins level 2");
	is(row_insert(a, 31, 310), 0, "A inserts 31");
	is(row_set(a, 5, 55), 0, "A replaces 5");
	is(JetRollback(a->ses, 0), 0, "A rolls level 2 back");
	is(trx_level(f, a->ses), 1, "... level 1");
	is(row_seek(a, 31), JET_errRecordNotFound, "31 is gone");
	is(row_get(a, 5, C_VAL, &v), 0, "A reads 5");
	is(v, 50, "... level 2's replace is undone: Val 50");
	is(row_seek(a, 30), 0, "level 1's 30 is there");
	is(row_seek(c, 30), JET_errRecordNotFound, "C does not see 30 yet");
	is(JetCommitTransaction(a->ses, 0), 0, "A commits level 1");
	is(row_seek(c, 30), 0, "C sees 30");
	is(row_seek(c, 31), JET_errRecordNotFound, "... and not 31");

	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(row_set(a, 6, 66), 0, "A replaces 6: Val 66");
	is(JetBeginTransaction(a->ses), 0, "A begins level 2");
	is(row_set(a, 6, 666), 0, "A replaces 6 again: Val 666");
	is(JetRollback(a->ses, 0), 0, "A rolls level 2 back");
	is(row_get(a, 6, C_VAL, &v), 0, "A reads 6");
	is(v, 66, "... level 1's Val 66");
	is(JetBeginTransaction(a->ses), 0, "A begins level 2");
	is(row_insert(a, 32, 320), 0, "A inserts 32");
	is(JetCommitTransaction(a->ses, 0), 0, "A commits level 2");
	is(JetRollback(a->ses, 0), 0, "A rolls level 1 back");
	is(row_seek(a, 32), JET_errRecordNotFound,
	   "32, committed at level 2, is undone with level 1");
	is(row_get(c, 6, C_VAL, &v), 0, "C reads 6");
	is(v, 60, "... Val 60");

	is(JetBeginTransaction(a->ses), 0, "DDL: A begins");
	is(tab_define(f, "Ghost", &tid, NULL), 0,
	   "A creates table Ghost in the transaction");
	is(JetCloseTable(a->ses, tid), 0, "... closes it");
	is(JetRollback(a->ses, 0), 0, "... and rolls back");
	is(JetOpenTable(a->ses, f->db[SA], "Ghost", NULL, 0, 0, &tid),
	   JET_errObjectNotFound, "A's JetOpenTable(Ghost) -> ObjectNotFound");
	is(JetOpenTable(b->ses, f->db[SB], "Ghost", NULL, 0, 0, &tid),
	   JET_errObjectNotFound, "B's JetOpenTable(Ghost) -> ObjectNotFound");
	is(tab_define(f, "Ghost", &tid, NULL), 0,
	   "the name is free: A creates Ghost at level 0");
	is(JetCloseTable(a->ses, tid), 0, "... closes it");
	is(JetDeleteTable(a->ses, f->db[SA], "Ghost"), 0, "... and deletes it");
	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(tab_define(f, "Kept", &tid, NULL), 0, "A creates table Kept");
	is(JetCloseTable(a->ses, tid), 0, "... closes it");
	is(JetCommitTransaction(a->ses, 0), 0, "... and commits");
	is(JetOpenTable(b->ses, f->db[SB], "Kept", NULL, 0, 0, &tid), 0,
	   "B opens Kept");
	is(JetCloseTable(b->ses, tid), 0, "... and closes it");

	memset(&d, 0, sizeof(d));
	d.col = tb.col;
	is(JetBeginSession(f->inst, &d.ses, NULL, NULL), 0,
	   "end session: a session D");
	is(JetOpenDatabase(d.ses, KEEP_FILE, NULL, &ddb, 0), 0,
	   "D opens trx.edb");
	is(JetOpenTable(d.ses, ddb, "Rollback", NULL, 0, 0, &d.t), 0,
	   "D opens Rollback");
	is(JetBeginTransaction(d.ses), 0, "D begins");
	is(row_insert(&d, 40, 400), 0, "D inserts 40");
	is(row_set(&d, 7, 77), 0, "D replaces 7");
	is(row_del(&d, 8), 0, "D deletes 8");
	is(JetEndSession(d.ses, 0), 0, "JetEndSession(D) in the transaction");
	is(row_seek(c, 40), JET_errRecordNotFound, "C never sees 40");
	is(row_get(c, 7, C_VAL, &v), 0, "C reads 7");
	is(v, 70, "... Val 70");
	is(row_seek(c, 8), 0, "C finds 8");
	is(row_set(a, 7, 71), 0, "D's lock went with it: A replaces 7");
	is(row_del(a, 8), 0, "... and deletes 8");
	is(tab_close(&tb), 0, "rollback: close table Rollback");
}

static JET_ERR esc_add(struct cur *k, int32_t delta, int32_t *old,
		       unsigned long *old_len)
{
	*old = -1;
	*old_len = 0;
	return JetEscrowUpdate(k->ses, k->t, k->col[C_ESC], &delta,
			       sizeof(delta), old, sizeof(*old), old_len, 0);
}

static void test_escrow(struct fix *f)
{
	struct cur *a, *b, *c;
	unsigned long len;
	int64_t wide = 1;
	int32_t v, old;
	struct tab tb;

	is(tab_create(f, &tb, "Escrow"), 0, "escrow: table Escrow");
	a = &tb.c[SA];
	b = &tb.c[SB];
	c = &tb.c[SC];
	is(row_get(a, 1, C_ESC, &v), 0, "escrow: A reads Esc of 1");
	is(v, 0, "... its default, 0");
	is(esc_add(a, 5, &old, &len), JET_errNotInTransaction,
	   "JetEscrowUpdate at level 0 -> NotInTransaction");
	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(JetEscrowUpdate(a->ses, a->t, a->col[C_VAL], &v, 4, &old, 4, &len,
			   0), JET_errInvalidOperation,
	   "JetEscrowUpdate on Val (no EscrowUpdate flag) -> InvalidOperation");
	is(JetEscrowUpdate(a->ses, a->t, a->col[C_ESC], &wide, 8, &old, 4,
			   &len, 0), JET_errInvalidBufferSize,
	   "cbMax 8 on the 4-byte column -> InvalidBufferSize");
	is(JetEscrowUpdate(a->ses, a->t, a->col[C_ESC], &v, 2, &old, 4, &len,
			   0), JET_errInvalidBufferSize,
	   "cbMax 2 -> InvalidBufferSize");
	is(JetPrepareUpdate(a->ses, a->t, JET_prepReplace), 0,
	   "A prepares a replace of 1");
	is(esc_add(a, 5, &old, &len), JET_errAlreadyPrepared,
	   "JetEscrowUpdate with an update prepared -> AlreadyPrepared");
	is(JetPrepareUpdate(a->ses, a->t, JET_prepCancel), 0, "... cancelled");
	is(JetRollback(a->ses, 0), 0, "A rolls back");

	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(row_seek(a, 1), 0, "A seeks 1");
	is(esc_add(a, 5, &old, &len), 0, "A adds 5");
	is(old, 0, "... pvOld: the value before, 0");
	is(len, 4, "... *pcbOldActual 4");
	is(esc_add(a, 1, &old, &len), 0, "A adds 1");
	is(old, 5, "... pvOld 5, after its first delta");
	is(JetBeginTransaction(b->ses), 0, "B begins");
	is(row_seek(b, 1), 0, "B seeks 1");
	is(esc_add(b, 7, &old, &len), 0,
	   "B adds 7 to the same record: no conflict");
	is(len, 4, "... *pcbOldActual 4");
	/* Whether B's pvOld counts A's uncommitted deltas is left open. */
	ok(old == 0 || old == 6, "... pvOld, the value before B's delta (%d)",
	   old);
	is(row_get(a, 1, C_ESC, &v), 0, "A reads Esc of 1");
	is(v, 6, "... 6: its own deltas, not B's");
	is(row_get(b, 1, C_ESC, &v), 0, "B reads it");
	is(v, 7, "... 7: its own delta, not A's");
	is(row_get(c, 1, C_ESC, &v), 0, "C (level 0) reads it");
	is(v, 0, "... 0: no uncommitted delta");
	is(JetBeginTransaction(c->ses), 0, "C begins");
	is(JetCommitTransaction(a->ses, 0), 0, "A commits");
	is(row_get(b, 1, C_ESC, &v), 0, "B reads it");
	is(v, 7, "... still 7 in its snapshot");
	is(JetCommitTransaction(b->ses, 0), 0, "B commits");
	is(row_get(c, 1, C_ESC, &v), 0, "C reads it in its older snapshot");
	is(v, 0, "... 0");
	is(JetCommitTransaction(c->ses, 0), 0, "C commits");
	is(row_get(c, 1, C_ESC, &v), 0, "C reads it at level 0");
	is(v, 13, "... 13: every delta, 5 + 1 + 7");

	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(row_seek(a, 2), 0, "A seeks 2");
	is(esc_add(a, 100, &old, &len), 0, "A adds 100 to 2");
	is(JetBeginTransaction(b->ses), 0, "B begins");
	is(row_seek(b, 2), 0, "B seeks 2");
	is(esc_add(b, 10, &old, &len), 0, "B adds 10 to 2");
	is(JetRollback(a->ses, 0), 0, "A rolls back");
	is(JetCommitTransaction(b->ses, 0), 0, "B commits");
	is(row_get(c, 2, C_ESC, &v), 0, "C reads Esc of 2");
	is(v, 10, "... 10: A's delta is gone, B's later one stays");
	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(row_seek(a, 2), 0, "A seeks 2");
	is(esc_add(a, -4, &old, &len), 0, "A adds -4");
	is(old, 10, "... pvOld 10");
	is(JetCommitTransaction(a->ses, 0), 0, "A commits");
	is(row_get(c, 2, C_ESC, &v), 0, "C reads it");
	is(v, 6, "... 6");

	is(JetBeginTransaction(b->ses), 0, "B begins");
	is(row_seek(b, 3), 0, "B seeks 3");
	is(esc_add(b, 1, &old, &len), 0, "B adds 1 to 3");
	is(row_set(a, 3, 31), JET_errWriteConflict,
	   "A (level 0) replacing 3 -> WriteConflict");
	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(row_set(a, 3, 32), JET_errWriteConflict,
	   "A in a transaction replacing 3 -> WriteConflict");
	is(JetRollback(a->ses, 0), 0, "A rolls back");
	is(JetCommitTransaction(b->ses, 0), 0, "B commits");
	is(row_set(a, 3, 33), 0, "A replaces 3 now");
	is(row_get(c, 3, C_VAL, &v), 0, "C reads Val of 3");
	is(v, 33, "... 33");
	is(row_get(c, 3, C_ESC, &v), 0, "C reads Esc of 3");
	is(v, 1, "... the replace kept B's delta: 1");
	is(tab_close(&tb), 0, "escrow: close table Escrow");
}

static void test_locks(struct fix *f)
{
	struct cur *a, *b, *c;
	struct tab tb;
	int32_t v;

	is(tab_create(f, &tb, "Locks"), 0, "locks: table Locks");
	a = &tb.c[SA];
	b = &tb.c[SB];
	c = &tb.c[SC];
	is(row_seek(a, 1), 0, "locks: A seeks 1");
	is(JetGetLock(a->ses, a->t, JET_bitReadLock), JET_errNotInTransaction,
	   "JetGetLock at level 0 -> NotInTransaction");
	is(JetBeginTransaction(a->ses), 0, "A begins");
	is(JetGetLock(a->ses, a->t, 0), JET_errInvalidGrbit,
	   "JetGetLock(0) -> InvalidGrbit");
	is(JetGetLock(a->ses, a->t, JET_bitReadLock | JET_bitWriteLock),
	   JET_errInvalidGrbit, "JetGetLock(Read | Write) -> InvalidGrbit");
	is(JetGetLock(a->ses, a->t, 0x4), JET_errInvalidGrbit,
	   "JetGetLock(0x4) -> InvalidGrbit");
	is(JetGetLock(a->ses, a->t, JET_bitReadLock), 0, "A read-locks 1");
	is(JetBeginTransaction(b->ses), 0, "B begins");
	is(row_seek(b, 1), 0, "B seeks 1");
	is(JetGetLock(b->ses, b->t, JET_bitReadLock), 0, "B read-locks 1 too");
	is(JetBeginTransaction(c->ses), 0, "C begins");
	is(row_seek(c, 1), 0, "C seeks 1");
	is(JetGetLock(c->ses, c->t, JET_bitWriteLock), JET_errWriteConflict,
	   "C's write lock on 1 -> WriteConflict");
	is(row_seek(a, 2), 0, "A seeks 2");
	is(JetGetLock(a->ses, a->t, JET_bitWriteLock), 0, "A write-locks 2");
	is(row_seek(b, 2), 0, "B seeks 2");
	is(JetPrepareUpdate(b->ses, b->t, JET_prepReplace), JET_errWriteConflict,
	   "B's JetPrepareUpdate(Replace) on 2 -> WriteConflict");
	is(JetCommitTransaction(a->ses, 0), 0, "A commits: its locks go");
	is(JetRollback(b->ses, 0), 0, "B rolls back");
	is(JetRollback(c->ses, 0), 0, "C rolls back");
	is(JetBeginTransaction(b->ses), 0, "B begins again");
	is(row_set(b, 2, 22), 0, "... and replaces 2");
	is(JetCommitTransaction(b->ses, 0), 0, "B commits");
	is(JetBeginTransaction(c->ses), 0, "C begins again");
	is(row_seek(c, 1), 0, "C seeks 1");
	is(JetGetLock(c->ses, c->t, JET_bitWriteLock), 0,
	   "... and write-locks 1 now");
	is(JetRollback(c->ses, 0), 0, "C rolls back");
	is(row_get(a, 2, C_VAL, &v), 0, "A reads 2");
	is(v, 22, "... B's Val 22");
	is(tab_close(&tb), 0, "locks: close table Locks");
}

static void test_open_grbits(struct fix *f)
{
	JET_SESID a = f->s[SA], b = f->s[SB];
	JET_DBID da = f->db[SA], db = f->db[SB];
	JET_TABLEID t1, t2;

	is(tab_define(f, "Deny", &t1, NULL), 0, "deny: table Deny");
	is(JetCloseTable(a, t1), 0, "... closed");
	is(JetOpenTable(a, da, "Deny", NULL, 0, JET_bitTableDenyRead, &t1), 0,
	   "A opens Deny with DenyRead");
	is(JetOpenTable(b, db, "Deny", NULL, 0, 0, &t2), JET_errTableLocked,
	   "B's JetOpenTable -> TableLocked");
	is(JetOpenTable(b, db, "Deny", NULL, 0, JET_bitTableReadOnly, &t2),
	   JET_errTableLocked, "B's JetOpenTable(ReadOnly) -> TableLocked");
	is(JetOpenTable(a, da, "Deny", NULL, 0, 0, &t2), 0,
	   "A opens Deny again");
	is(JetCloseTable(a, t2), 0, "... closes that");
	is(JetCloseTable(a, t1), 0, "... and the DenyRead cursor");
	is(JetOpenTable(b, db, "Deny", NULL, 0, 0, &t2), 0, "B opens Deny");
	is(JetOpenTable(a, da, "Deny", NULL, 0, JET_bitTableDenyRead, &t1),
	   JET_errTableLocked,
	   "A's JetOpenTable(DenyRead) while B has it open -> TableLocked");
	is(JetCloseTable(b, t2), 0, "B closes Deny");

	is(JetOpenTable(a, da, "Deny", NULL, 0, JET_bitTableDenyWrite, &t1), 0,
	   "A opens Deny with DenyWrite");
	is(JetOpenTable(b, db, "Deny", NULL, 0, 0, &t2), JET_errTableLocked,
	   "B's JetOpenTable -> TableLocked");
	is(JetOpenTable(b, db, "Deny", NULL, 0, JET_bitTableReadOnly, &t2), 0,
	   "B's JetOpenTable(ReadOnly) succeeds");
	is(JetCloseTable(b, t2), 0, "... B closes it");
	is(JetCloseTable(a, t1), 0, "A closes Deny");

	is(JetOpenTable(a, da, "Deny", NULL, 0, 0, &t1), 0, "A opens Deny");
	is(JetDeleteTable(b, db, "Deny"), JET_errTableInUse,
	   "B's JetDeleteTable(Deny) while A has it open -> TableInUse");
	is(JetCloseTable(a, t1), 0, "A closes Deny");
	is(JetDeleteTable(b, db, "Deny"), 0, "B deletes Deny");
	is(JetOpenTable(a, da, "Deny", NULL, 0, 0, &t1), JET_errObjectNotFound,
	   "... it is gone: ObjectNotFound");
}

/* Last on the main instance: JetTerm waits for no transaction. */
/*
 * JetDeleteColumn waits for no version of the table to be left (and, as
 * before, for no other session's cursor on it); JetAddColumn and
 * JetDeleteTable roll back.
 */
static void test_ddl_versions(struct fix *f)
{
	struct tab tb;
	int32_t v;

	is(tab_create(f, &tb, "Ddl"), 0, "ddl: table Ddl");
	is(JetBeginTransaction(tb.c[SB].ses), 0, "B begins");
	is(row_set(&tb.c[SB], 1, 99), 0, "B replaces row 1");
	is(JetCloseTable(tb.c[SB].ses, tb.c[SB].t), 0,
	   "B closes its cursor, its change stays open");
	is(JetCloseTable(tb.c[SC].ses, tb.c[SC].t), 0, "C closes its cursor");
	is(JetDeleteColumn(tb.c[SA].ses, tb.c[SA].t, "Blob"),
	   JET_errTableInUse,
	   "A's JetDeleteColumn while B's change is open -> TableInUse");
	is(JetCommitTransaction(tb.c[SB].ses, 0), 0, "B commits");
	is(JetDeleteColumn(tb.c[SA].ses, tb.c[SA].t, "Blob"), 0,
	   "then JetDeleteColumn succeeds");
	is(row_get(&tb.c[SA], 1, C_VAL, &v), 0, "A reads row 1");
	is(v, 99, "... B's committed value");

	/* JetAddColumn in a transaction rolls back with it. */
	{
		JET_COLUMNDEF def = { .cbStruct = sizeof(def),
				      .coltyp = JET_coltypLong,
				      .grbit = JET_bitColumnTagged };
		JET_COLUMNDEF info;
		JET_COLUMNID extra;
		JET_SESID a = tb.c[SA].ses;
		JET_TABLEID t = tb.c[SA].t;
		int32_t x = 4242;

		is(JetBeginTransaction(a), 0, "A begins");
		is(JetAddColumn(a, t, "Extra", &def, NULL, 0, &extra), 0,
		   "A adds column Extra");
		is(row_seek(&tb.c[SA], 2), 0, "A seeks row 2");
		is(JetPrepareUpdate(a, t, JET_prepReplace), 0,
		   "... prepares a replace");
		is(JetSetColumn(a, t, extra, &x, sizeof(x), 0, NULL), 0,
		   "... sets Extra");
		is(JetUpdate(a, t, NULL, 0, NULL), 0, "... updates");
		is(JetDeleteColumn(a, t, "Extra"), JET_errTableInUse,
		   "JetDeleteColumn of a column added in an open transaction -> TableInUse");
		is(JetRollback(a, 0), 0, "A rolls back");
		is(JetGetTableColumnInfo(a, t, "Extra", &info, sizeof(info),
					 JET_ColInfo), JET_errColumnNotFound,
		   "Extra is gone");
		is(row_get(&tb.c[SA], 2, C_VAL, &v), 0, "row 2 reads");
		is(v, 20, "... as it was");
		is(JetBeginTransaction(a), 0, "A begins again");
		is(JetAddColumn(a, t, "Extra", &def, NULL, 0, &extra), 0,
		   "A adds Extra again");
		is(JetCommitTransaction(a, 0), 0, "... and commits");
		is(JetGetTableColumnInfo(a, t, "Extra", &info, sizeof(info),
					 JET_ColInfo), 0, "Extra stays");
	}
	is(JetCloseTable(tb.c[SA].ses, tb.c[SA].t), 0, "close Ddl");

	/* JetDeleteTable in a transaction: gone at once, back on rollback. */
	{
		JET_SESID a = f->s[SA], b = f->s[SB];
		JET_TABLEID t;
		int n;
		long sum;

		is(tab_create(f, &tb, "Doomed"), 0, "table Doomed");
		is(tab_close(&tb), 0, "... closed everywhere");
		is(JetBeginTransaction(a), 0, "A begins");
		is(JetDeleteTable(a, f->db[SA], "Doomed"), 0,
		   "A deletes Doomed");
		is(JetOpenTable(a, f->db[SA], "Doomed", NULL, 0, 0, &t),
		   JET_errObjectNotFound, "A cannot open it");
		is(JetOpenTable(b, f->db[SB], "Doomed", NULL, 0, 0, &t),
		   JET_errObjectNotFound, "nor can B");
		is(JetDeleteTable(b, f->db[SB], "Doomed"), JET_errTableInUse,
		   "B's JetDeleteTable -> TableInUse");
		is(JetRollback(a, 0), 0, "A rolls back");
		is(JetOpenTable(b, f->db[SB], "Doomed", NULL, 0, 0,
				&tb.c[SB].t), 0, "Doomed is back");
		is(rows_scan(&tb.c[SB], &n, &sum), 0, "B scans it");
		is(n, NROWS, "... with its %d rows", NROWS);
		is(JetCloseTable(b, tb.c[SB].t), 0, "B closes it");
		is(JetBeginTransaction(a), 0, "A begins");
		is(JetDeleteTable(a, f->db[SA], "Doomed"), 0,
		   "A deletes Doomed again");
		is(JetCommitTransaction(a, 0), 0, "... and commits");
		is(JetOpenTable(b, f->db[SB], "Doomed", NULL, 0, 0, &t),
		   JET_errObjectNotFound, "Doomed is gone");
		is(tab_create(f, &tb, "Doomed"), 0,
		   "a new table Doomed can be made");
		is(tab_close(&tb), 0, "... closed");
	}
}

/* JetIdle: the version-store cleanup on demand, and its warnings. */
static void test_idle(struct fix *f)
{
	JET_SESID a = f->s[SA], b = f->s[SB];
	struct tab tb;
	JET_ERR err;

	is(tab_create(f, &tb, "Idle"), 0, "idle: table Idle");
	is(JetIdle(a, 0x100), JET_errInvalidGrbit,
	   "JetIdle with an unknown grbit -> InvalidGrbit");
	is(stat_wait_eq(f->inst, "versions_live", 0, 5000), 0,
	   "the store empties after the inserts");
	is(JetIdle(a, JET_bitIdleCompact), JET_wrnNoIdleActivity,
	   "JetIdle(IdleCompact) with nothing to clean -> wrnNoIdleActivity");
	is(JetIdle(a, JET_bitIdleStatus), 0,
	   "JetIdle(IdleStatus): the store is not full");
	is(JetBeginTransaction(b), 0, "B begins: its snapshot holds versions");
	is(row_set(&tb.c[SA], 1, 77), 0, "A replaces row 1 at level 0");
	is(JetIdle(a, JET_bitIdleCompact), JET_wrnRemainingVersions,
	   "JetIdle(IdleCompact) -> wrnRemainingVersions: B still needs it");
	is(JetCommitTransaction(b, 0), 0, "B commits");
	err = JetIdle(a, JET_bitIdleCompact);
	ok(err == 0 || err == JET_wrnNoIdleActivity,
	   "JetIdle(IdleCompact) cleans what is left (%ld)", (long)err);
	is(stat_get(f->inst, "versions_live"), 0, "... versions_live 0");
	is(JetIdle(a, JET_bitIdleCompactAsync |
		      JET_bitIdleWaitForAsyncActivity), 0,
	   "JetIdle(IdleCompactAsync | IdleWaitForAsyncActivity)");
	is(JetIdle(a, JET_bitIdleFlushBuffers), 0, "JetIdle(IdleFlushBuffers)");
	is(tab_close(&tb), 0, "close Idle");
}

static void test_term(struct fix *f)
{
	struct tab tb;
	struct cur *a;

	is(tab_create(f, &tb, "Term"), 0, "term: table Term");
	a = &tb.c[SA];
	is(JetBeginTransaction(a->ses), 0, "term: A begins");
	is(row_insert(a, 100, 1), 0, "A inserts 100");
	is(JetTerm(f->inst), JET_errTooManyActiveUsers,
	   "JetTerm with a transaction open -> TooManyActiveUsers");
	is(JetTerm2(f->inst, 0), JET_errTooManyActiveUsers,
	   "JetTerm2(0) -> TooManyActiveUsers");
	is(trx_level(f, a->ses), 1, "A's transaction goes on: level 1");
	is(row_seek(a, 100), 0, "... A finds its 100");
	is(row_insert(a, 101, 1), 0, "... and inserts 101");
	is(JetRollback(a->ses, 0), 0, "A rolls back");
	is(row_seek(a, 100), JET_errRecordNotFound, "100 is gone");
	is(tab_close(&tb), 0, "term: close table Term");
	is(fix_end(f), 0, "detach trx.edb, end the sessions");
	is(JetTerm(f->inst), 0, "JetTerm now succeeds");
}

/* Transactions after JetStopServiceInstance: rollback only. */
static void test_stop(void)
{
	JET_INSTANCE inst = 0;
	JET_SESID s;

	is(lib_instance(&inst, "trx-stop"), 0, "stop: an instance");
	is(JetBeginSession(inst, &s, NULL, NULL), 0, "stop: a session");
	is(JetBeginTransaction(s), 0, "JetBeginTransaction");
	is(JetBeginTransaction(s), 0, "... level 2");
	is(JetStopServiceInstance(inst), 0, "JetStopServiceInstance");
	is(JetCommitTransaction(s, 0), STOPPED,
	   "JetCommitTransaction after the stop -> ClientRequestToStop");
	is(JetBeginTransaction(s), STOPPED,
	   "JetBeginTransaction after the stop -> ClientRequestToStop");
	is(JetIdle(s, JET_bitIdleCompact), STOPPED,
	   "JetIdle after the stop -> ClientRequestToStop");
	is(info_level(s), 2, "the level is still 2");
	is(JetRollback(s, 0), 0, "JetRollback after the stop succeeds");
	is(info_level(s), 1, "... level 1");
	is(JetRollback(s, 0), 0, "JetRollback again");
	is(info_level(s), 0, "... level 0");
	is(JetEndSession(s, 0), 0, "JetEndSession");
	is(JetTerm(inst), 0, "JetTerm");
}

/* JET_bitTermDirty does not wait for open transactions: they roll back. */
static void test_term_dirty(void)
{
	JET_INSTANCE inst = 0;
	JET_SESID s;

	is(lib_instance(&inst, "trx-dirty"), 0, "term dirty: an instance");
	is(JetBeginSession(inst, &s, NULL, NULL), 0, "a session");
	is(JetBeginTransaction(s), 0, "JetBeginTransaction");
	is(JetTerm2(inst, JET_bitTermDirty), JET_errDirtyShutdown,
	   "JetTerm2(TermDirty) with the transaction open -> DirtyShutdown");
	is(JetBeginSession(inst, &s, NULL, NULL), JET_errInvalidInstance,
	   "... and the instance is gone");
}

static void test_verstore(void)
{
	const long long max = (long long)VER_PAGES * VER_PAGE_SIZE;
	struct fix fx = { 0 }, *f = &fx;
	long long peak, procid;
	struct cur *a, *b, *c;
	JET_ERR err = 0;
	struct tab tb;
	int i, good;
	long sum;
	int n;

	is(JetCreateInstance(&f->inst, "trx-ver"), 0, "verstore: an instance");
	is(JetSetSystemParameter(&f->inst, 0, JET_paramMaxVerPages, VER_PAGES,
				 NULL), 0, "JET_paramMaxVerPages %d", VER_PAGES);
	is(JetInit(&f->inst), 0, "JetInit");
	is(stat_get(f->inst, "version_bytes_max"), max,
	   "version_bytes_max: %d pages of 32 KiB", VER_PAGES);
	is(fix_begin(f, 0), 0, "three sessions on trx.edb, attached again");
	is(tab_create(f, &tb, "Big"), 0, "table Big");
	a = &tb.c[SA];
	b = &tb.c[SB];
	c = &tb.c[SC];

	is(JetBeginTransaction(a->ses), 0, "A begins");
	for (i = 0; i < BIG_ROWS_MAX; i++) {
		err = row_put(a, JET_prepInsert, BIG_ID + i, i, i, BIG_VAL);
		if (err)
			break;
	}
	diag("%d rows of %d bytes went in before the store filled", i,
	     BIG_VAL);
	is(err, JET_errVersionStoreOutOfMemory,
	   "%d-byte inserts in one transaction end in VersionStoreOutOfMemory",
	   BIG_VAL);
	ok(i > 0, "... after %d rows", i);
	ok(stat_get(f->inst, "version_store_full") >= 1,
	   "version_store_full counts it");
	peak = stat_get(f->inst, "version_bytes_peak");
	ok(peak > 0 && peak <= max, "version_bytes_peak %lld is within %lld",
	   peak, max);
	procid = stat_get(f->inst, "oldest_trx_procid");
	ok(procid > 0, "oldest_trx_procid names A's open transaction (%lld)",
	   procid);
	is(JetRollback(a->ses, 0), 0, "JetRollback");
	is(row_seek(a, BIG_ID), JET_errRecordNotFound, "the rows are gone");

	is(JetBeginTransaction(b->ses), 0, "B begins and holds its snapshot");
	is(row_seek(b, 1), 0, "B reads");
	is(JetBeginTransaction(a->ses), 0, "A begins");
	for (i = 0, good = 0; i < 10; i++)
		good += !row_put(a, JET_prepInsert, BIG_ID + i, i, i, BIG_VAL);
	is(good, 10, "A inserts 10 rows");
	is(JetCommitTransaction(a->ses, 0), 0, "... and commits");
	procid = stat_get(f->inst, "oldest_trx_procid");
	ok(procid > 0, "B's open transaction: oldest_trx_procid %lld", procid);
	diag("oldest_trx_age_ms %lld, versions_live %lld, version_bytes %lld",
	     stat_get(f->inst, "oldest_trx_age_ms"),
	     stat_get(f->inst, "versions_live"),
	     stat_get(f->inst, "version_bytes"));
	is(row_seek(b, BIG_ID), JET_errRecordNotFound,
	   "B's older snapshot does not see the rows");
	is(JetCommitTransaction(b->ses, 0), 0, "B commits");
	is(rows_scan(c, &n, &sum), 0, "C scans");
	is(n, NROWS + 10, "... the 10 rows are there");

	is(stat_wait_eq(f->inst, "versions_live", 0, 5000), 0,
	   "no transaction open: the cleanup empties the store (versions_live)");
	is(stat_get(f->inst, "version_bytes"), 0, "version_bytes 0");
	ok(stat_wait(f->inst, "version_cleanup_runs", 1, 5000) >= 1,
	   "version_cleanup_runs > 0");
	ok(stat_get(f->inst, "versions_freed") > 0, "versions_freed > 0");
	ok(stat_get(f->inst, "version_bytes_freed") > 0,
	   "version_bytes_freed > 0");
	ok(stat_get(f->inst, "commits") >= 1, "commits counted (%lld)",
	   stat_get(f->inst, "commits"));
	ok(stat_get(f->inst, "rollbacks") >= 1, "rollbacks counted (%lld)",
	   stat_get(f->inst, "rollbacks"));
	is(tab_close(&tb), 0, "close table Big");
	is(fix_end(f), 0, "detach trx.edb, end the sessions");
	is(JetTerm(f->inst), 0, "JetTerm");
}

/*
 * A process that dies (SIGKILL) inside a transaction: closing its file
 * ends its sessions, which roll back, and detaches the database cleanly.
 */
static void test_process_dies(void)
{
	struct fix fx = { 0 }, *f = &fx;
	struct tab tb;
	int pipefd[2], status = -1;
	long sum;
	char c;
	pid_t pid;
	int n;

	if (pipe(pipefd)) {
		ok(0, "pipe");
		return;
	}
	pid = fork();
	if (pid == 0) {
		JET_COLUMNDEF cd;
		JET_TABLEID t;
		int32_t id = 5000;

		/* The child: its own file of /dev/jetk, its own instance. */
		close(pipefd[0]);
		if (lib_instance(&f->inst, "trx-child") ||
		    JetBeginSession(f->inst, &f->s[SA], NULL, NULL) ||
		    JetAttachDatabase(f->s[SA], KEEP_FILE, 0) ||
		    JetOpenDatabase(f->s[SA], KEEP_FILE, NULL, &f->db[SA], 0) ||
		    JetOpenTable(f->s[SA], f->db[SA], "Big", NULL, 0, 0, &t) ||
		    JetGetTableColumnInfo(f->s[SA], t, "Id", &cd, sizeof(cd),
					  JET_ColInfo) ||
		    JetBeginTransaction(f->s[SA]) ||
		    JetPrepareUpdate(f->s[SA], t, JET_prepInsert) ||
		    JetSetColumn(f->s[SA], t, cd.columnid, &id, sizeof(id), 0,
				 NULL) ||
		    JetUpdate(f->s[SA], t, NULL, 0, NULL))
			_exit(1);
		if (write(pipefd[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(pipefd[1]);
	ok(pid > 0 && read(pipefd[0], &c, 1) == 1,
	   "a child process inserts Id 5000 into Big inside a transaction");
	close(pipefd[0]);
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	ok(WIFSIGNALED(status), "... and is killed before it commits");

	is(lib_instance(&f->inst, "trx-after"), 0, "a new instance");
	is(fix_begin(f, 0), 0, "trx.edb attaches: the child's exit detached it");
	memset(&tb, 0, sizeof(tb));
	tb.c[SA].ses = f->s[SA];
	tb.c[SA].col = tb.col;
	is(JetOpenTable(f->s[SA], f->db[SA], "Big", NULL, 0, 0, &tb.c[SA].t),
	   0, "open Big");
	is(row_seek(&tb.c[SA], 5000), JET_errRecordNotFound,
	   "the child's uncommitted row is not there");
	{
		JET_COLUMNDEF cd;

		is(JetGetTableColumnInfo(f->s[SA], tb.c[SA].t, "Id", &cd,
					 sizeof(cd), JET_ColInfo), 0,
		   "Id's column id");
		tb.col[C_ID] = cd.columnid;
	}
	is(rows_scan(&tb.c[SA], &n, &sum), 0, "scan Big");
	is(n, NROWS + 10, "Big has its %d rows", NROWS + 10);
	is(JetCloseTable(f->s[SA], tb.c[SA].t), 0, "close Big");
	is(fix_end(f), 0, "detach trx.edb, end the sessions");
	is(JetTerm(f->inst), 0, "JetTerm");
}

int main(void)
{
	struct fix f = { 0 };

	mkdir("tests/user/build/out", 0755);
	unlink(KEEP_FILE);
	is(lib_instance(&f.inst, "trx"), 0, "an instance");
	is(fix_begin(&f, 1), 0,
	   "sessions A, B, C; A creates trx.edb, B and C open it");
	test_levels(&f);
	test_snapshot(&f);
	test_conflicts(&f);
	test_rollback(&f);
	test_escrow(&f);
	test_locks(&f);
	test_open_grbits(&f);
	test_ddl_versions(&f);
	test_idle(&f);
	test_term(&f);
	test_stop();
	test_term_dirty();
	test_verstore();
	test_process_dies();
	return tap_done();
}
