// SPDX-License-Identifier: GPL-2.0-only
/*
 * JetStopServiceInstance under load (issue 6's stress part), on one
 * instance with its own log directory and one database,
 * tests/user/build/out/stop-stress.edb, of four tables of Id (the primary
 * key), Val, Esc (an escrow column, default 0), Chk and Blob (a tagged
 * long value):
 *  - A0 and A1 hold NACCT accounts each, never inserted or deleted after
 *    the load: Val is a balance, Esc an escrow balance, Blob a note whose
 *    length and bytes follow from table, Id and Val.  Transfers move an
 *    amount between two accounts, by two replaces or by two
 *    JetEscrowUpdates, always in a nested level of their own, so every
 *    snapshot and the end state sum to NACCT * 2 * START in Val and 0 in
 *    Esc, and each account holds START plus what the committed transfers
 *    moved to it.
 *  - T0 and T1 hold rows of Ids 0..NIDS-1 inserted, replaced and deleted
 *    at random, Blob NULL or up to BLOB_MAX bytes; Chk is a hash of table,
 *    Id, Val and the Blob's length and the Blob's bytes follow from table,
 *    Id and Val, so a row whose columns come from two versions, or a torn
 *    long value, shows.  Each table ends with the rows of the load plus
 *    the committed inserts minus the committed deletes.
 *  - 64 workers, each with a session, a JetOpenDatabase and a cursor on
 *    every table, run transactions of 1-6 operations: seeks and reads
 *    (JetRetrieveColumns), short scans (JetMove), snapshot sums of the
 *    accounts, transfers, escrow transfers, inserts, replaces and
 *    deletes, single ones in a level of their own one time in two, some
 *    in a group level committed or rolled back; the transaction commits
 *    lazily or durably, or rolls back on purpose.
 *  - One thread runs online defragmentation (JetDefragment BatchStart,
 *    sometimes with a pass limit, and BatchStop).
 *  - The stopper stops and resumes the resumable facilities at random
 *    (JetStopServiceInstance2 with BackgroundUserTasks, QuiesceCaches, or
 *    both, and Resume, bare or with bits) for RUN_MS, then stops
 *    everything (JetStopServiceInstance or Stop2 with All, by the seed),
 *    waits for the threads to roll back and close what they had (JetRollback,
 *    JetCloseTable, JetCloseDatabase and JetEndSession are allowed after a
 *    stop) and terminates with JetTerm.
 * Every call is checked against the phase it ran in: before the final
 * stop only success and what the semantics allow (JET_errWriteConflict,
 * JET_errKeyDuplicate on insert, JET_errRecordNotFound on a seek in T0
 * and T1, JET_errNoCurrentRecord at the end of a scan, the defragmenter's
 * warnings); JET_errClientRequestToStopJetService only from a call that
 * returned after the final stop began, never from an allowed one; and a
 * call that is not allowed and began after the stop returned must be
 * refused.  A watchdog fails the test (and asks the kernel for its
 * blocked tasks) if it does not finish in time.  Then a second JetInit on
 * the same log and database, an attach and a scan: the invariants hold,
 * and tests/user/build/out/stop-stress.txt lists "Id Val Esc" of A0 for a
 * host-side comparison with esedbexport.  (The snapshot sums are a TAP
 * TODO while the escrow bug described at TODO_ESCROW_VIEW stands.)
 *
 * The seed is printed; argv[1] sets it, argv[2] RUN_MS.  It fixes what
 * each thread does, not how the threads interleave.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "tap.h"
#include "util.h"

#define KEEP_FILE	"tests/user/build/out/stop-stress.edb"
#define KEEP_LIST	"tests/user/build/out/stop-stress.txt"
#define NWORKERS	64
#define NTABLES		4	/* A0, A1, T0, T1 */
#define NACCT		64	/* accounts in A0 and in A1 */
#define START		1000
#define TOTAL		(2LL * NACCT * START)
#define NIDS		256	/* Ids of T0 and T1 */
#define BLOB_MAX	12000
#define NOTE_MAX	3000
#define BLOB_HDR	16	/* table, Id, Val and length, in front */
#define BUF_LEN		(BLOB_MAX + 4096)
#define SCAN_ROWS	32	/* of a short scan */
#define PEND_MAX	64	/* changes of one transaction */
#define RUN_MS		8000	/* of random stops and resumes */
#define VER_PAGES	2048
#define FINISH_S	60	/* for the threads and JetTerm after the stop */
#define WATCHDOG_S	300	/* for the whole test */
#define DIAG_MAX	10	/* of each kind of trouble shown */

#define STOPPED		JET_errClientRequestToStopJetService

/*
 * A known engine bug: jetk_cursor_escrow() publishes an escrow RCE's
 * delta before it changes the record, so a reader between the two
 * subtracts a delta its copy of the record does not hold yet (most often
 * under QuiesceCaches, whose write-back holds the record's change up).
 * While it stands, the snapshot sums are reported as TODO; 0 makes them
 * an ordinary check again.
 */
#define TODO_ESCROW_VIEW	0

enum { C_ID, C_VAL, C_ESC, C_CHK, C_BLOB, NCOLS };
enum { A0, A1, T0, T1 };

/* The final stop: not yet, begun, returned. */
enum { P_RUN, P_STOPPING, P_STOPPED };

/* The calls made, and whether they are allowed after a stop. */
enum kind {
	K_OPEN, K_BEGIN, K_COMMIT, K_ROLLBACK, K_MAKEKEY, K_SEEK, K_MOVE,
	K_RETRIEVE, K_PREPARE, K_SETCOLUMNS, K_UPDATE, K_DELETE, K_ESCROW,
	K_DEFRAG, K_CLOSE_TABLE, K_CLOSE_DB, K_END_SESSION, NKINDS
};

static const struct {
	const char *name;
	bool exempt;
} kinds[NKINDS] = {
	[K_OPEN] = { "JetBeginSession/OpenDatabase/OpenTable", false },
	[K_BEGIN] = { "JetBeginTransaction", false },
	[K_COMMIT] = { "JetCommitTransaction", false },
	[K_ROLLBACK] = { "JetRollback", true },
	[K_MAKEKEY] = { "JetMakeKey", false },
	[K_SEEK] = { "JetSeek", false },
	[K_MOVE] = { "JetMove", false },
	[K_RETRIEVE] = { "JetRetrieveColumns", false },
	[K_PREPARE] = { "JetPrepareUpdate", false },
	[K_SETCOLUMNS] = { "JetSetColumns", false },
	[K_UPDATE] = { "JetUpdate", false },
	[K_DELETE] = { "JetDelete", false },
	[K_ESCROW] = { "JetEscrowUpdate", false },
	[K_DEFRAG] = { "JetDefragment", false },
	[K_CLOSE_TABLE] = { "JetCloseTable", true },
	[K_CLOSE_DB] = { "JetCloseDatabase", true },
	[K_END_SESSION] = { "JetEndSession", true },
};

static const char *const tb_name[NTABLES] = { "A0", "A1", "T0", "T1" };

/* A change of a transaction, kept until its outermost commit. */
enum { D_VAL, D_ESC, D_ROWS };

struct pend {
	int8_t what, tb, level;
	int16_t id;
	int32_t delta;
};

struct stress {
	JET_INSTANCE inst;
	JET_COLUMNID col[NTABLES][NCOLS];
	unsigned int seed;
	int run_ms;
	atomic_int phase;
	atomic_int threads_left;	/* workers and the defragmenter */
	atomic_bool done;		/* the stopper's JetTerm returned */
	struct timespec t_stop;		/* the final stop returned */
	/* every call */
	atomic_long calls[NKINDS], refused[NKINDS];
	atomic_long racing_refused, racing_passed;
	/* the workers */
	atomic_long commits_lazy, commits_durable, rollbacks, aborted;
	atomic_long level_commits, level_rollbacks, conflicts;
	atomic_long reads, scans, sums, transfers, escrows;
	atomic_long inserts, keydups, replaces, deletes, notfound;
	atomic_long blobs;
	/* the defragmenter */
	atomic_long defrag_starts, defrag_running, defrag_stops;
	atomic_long defrag_not_running;
	/* the stopper */
	long stops, resumes;
	JET_ERR final_err, resume_err, begin_err, term_err;
	int final_legacy;
	double stop_ms, drain_ms, term_ms;
	int drained;
	/* what the committed transactions did */
	atomic_llong val[2][NACCT], esc[2][NACCT];
	atomic_long rows[2];		/* T0, T1: rows added */
	long rows0[2];			/* ... by the load */
	/* trouble */
	atomic_long violations;		/* against the stop's rules */
	atomic_long errors;		/* an error not allowed */
	atomic_long bad_rows;		/* a row not self-consistent */
	atomic_long bad_sums;		/* a snapshot's accounts do not sum */
	double worker_ms;		/* the last thread's end */
	pthread_mutex_t lock;		/* worker_ms */
};

/* One thread's session, database and cursors. */
struct worker {
	struct stress *st;
	int n;
	JET_SESID ses;
	JET_DBID db;
	JET_TABLEID t[NTABLES];
	int ntables;		/* cursors open */
	unsigned int rnd;
	unsigned char *buf;	/* BUF_LEN bytes */
	bool out;		/* refused: roll back, close, end */
	int level;		/* transaction level */
	struct pend pend[PEND_MAX];
	int npend;
	atomic_int in_call;	/* 1 + the kind of the call it is in, or 0 */
	atomic_bool ended;
};

struct row {
	int32_t id, val, esc, chk;
	unsigned long blen;
};

static struct worker the_workers[NWORKERS + 1];

/*
 * is(), or when @todo a TAP TODO: shown as "not ok ... # TODO" when it
 * fails, without failing the test.
 */
#define todo_is(todo, got, want, fmt, ...) ({				\
	long long _g = (long long)(got), _w = (long long)(want);	\
	if (!(todo) || _g == _w) {					\
		is(_g, _w, fmt, ##__VA_ARGS__);				\
	} else {							\
		pthread_mutex_lock(&tap_lock);				\
		printf("not ok %d - " fmt " # TODO %s\n", ++tap_count,	\
		       ##__VA_ARGS__,					\
		       "jetk bug: escrow view race (TODO_ESCROW_VIEW)");	\
		printf("#   got %lld, want %lld\n", _g, _w);		\
		fflush(stdout);						\
		pthread_mutex_unlock(&tap_lock);			\
	}								\
})

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static unsigned int rnd(struct worker *w, unsigned int n)
{
	return (unsigned int)rand_r(&w->rnd) % n;
}

static void trouble(atomic_long *counter, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void trouble(atomic_long *counter, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	if (atomic_fetch_add(counter, 1) >= DIAG_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	diag("%s", line);
}

/*
 * Account for a call of @k that began in phase @p0 and returned @err: a
 * refusal must come from a call that is not allowed after a stop and that
 * returned after the final stop began; a call that is not allowed and
 * began after the stop returned must be refused.
 */
static JET_ERR note(struct worker *w, enum kind k, int p0, JET_ERR err)
{
	struct stress *st = w->st;
	int p1 = atomic_load(&st->phase);

	atomic_store(&w->in_call, 0);
	atomic_fetch_add(&st->calls[k], 1);
	if (err == STOPPED) {
		atomic_fetch_add(&st->refused[k], 1);
		if (p0 != P_STOPPED)
			atomic_fetch_add(&st->racing_refused, 1);
		if (kinds[k].exempt)
			trouble(&st->violations,
				"thread %d: %s (allowed after a stop) refused",
				w->n, kinds[k].name);
		else if (p1 == P_RUN)
			trouble(&st->violations,
				"thread %d: %s refused before the final stop",
				w->n, kinds[k].name);
		w->out = true;
	} else if (p0 == P_STOPPED && !kinds[k].exempt) {
		trouble(&st->violations,
			"thread %d: %s began after the stop returned and got %ld, not refused",
			w->n, kinds[k].name, (long)err);
		w->out = true;
	} else if (p0 != P_STOPPED && p1 != P_RUN && !kinds[k].exempt) {
		atomic_fetch_add(&st->racing_passed, 1);
	}
	return err;
}

/* Make a call of kind @k and account for it. */
#define CALL(w, k, fn, ...) ({						\
	int _p0 = atomic_load(&(w)->st->phase);				\
	atomic_store(&(w)->in_call, (k) + 1);				\
	note((w), (k), _p0, fn(__VA_ARGS__));				\
})

/* An error the semantics do not allow. */
static void unexpected(struct worker *w, const char *what, int tb,
		       JET_ERR err)
{
	trouble(&w->st->errors, "thread %d: %s on %s -> %ld", w->n, what,
		tb >= 0 ? tb_name[tb] : "-", (long)err);
}

static uint32_t mix(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352du;
	x ^= x >> 15;
	x *= 0x846ca68bu;
	x ^= x >> 16;
	return x;
}

static uint32_t row_seed(int tb, int32_t id, int32_t val)
{
	return mix((uint32_t)tb << 28 ^ mix((uint32_t)id ^
					     mix((uint32_t)val)));
}

static int32_t row_chk(int tb, int32_t id, int32_t val, unsigned long blen)
{
	return (int32_t)mix(row_seed(tb, id, val) ^ (uint32_t)blen);
}

/* An account's note: its length follows from table, Id and balance. */
static unsigned long note_len(int tb, int32_t id, int32_t val)
{
	return BLOB_HDR + row_seed(tb, id, val) % NOTE_MAX;
}

static void blob_fill(unsigned char *b, int tb, int32_t id, int32_t val,
		      unsigned long len)
{
	uint32_t hdr[4] = { 0x5353u << 16 | (uint32_t)tb, (uint32_t)id,
			    (uint32_t)val, (uint32_t)len };
	uint32_t s = row_seed(tb, id, val);
	unsigned long i;

	memcpy(b, hdr, sizeof(hdr));
	for (i = BLOB_HDR; i < len; i++)
		b[i] = (unsigned char)(s + i * 131 + (i >> 8));
}

static bool blob_ok(const unsigned char *b, unsigned long len, int tb,
		    int32_t id, int32_t val)
{
	uint32_t hdr[4], s = row_seed(tb, id, val);
	unsigned long i;

	if (len < BLOB_HDR || len > BLOB_MAX)
		return false;
	memcpy(hdr, b, sizeof(hdr));
	if (hdr[0] != (0x5353u << 16 | (uint32_t)tb) ||
	    hdr[1] != (uint32_t)id || hdr[2] != (uint32_t)val ||
	    hdr[3] != len)
		return false;
	for (i = BLOB_HDR; i < len; i++)
		if (b[i] != (unsigned char)(s + i * 131 + (i >> 8)))
			return false;
	return true;
}

/* A Blob length for T0 and T1: NULL, in the record, or a long one. */
static unsigned long blob_len(struct worker *w)
{
	switch (rnd(w, 3)) {
	case 0:
		return 0;
	case 1:
		return BLOB_HDR + rnd(w, 1000);
	default:
		return 1000 + rnd(w, BLOB_MAX - 1000 + 1);
	}
}

/* Whether a row read (its Blob in w->buf) is one this test writes. */
static bool row_ok(struct worker *w, int tb, const struct row *r)
{
	bool acct = tb == A0 || tb == A1;
	const char *why = NULL;

	if (r->id < 0 || r->id >= (acct ? NACCT : NIDS))
		why = "an Id out of range";
	else if (r->chk != row_chk(tb, r->id, r->val, r->blen))
		why = "Chk does not match Val and the Blob's length";
	else if (acct && r->blen != note_len(tb, r->id, r->val))
		why = "a note of another length";
	else if (r->blen && !blob_ok(w->buf, r->blen, tb, r->id, r->val))
		why = "a Blob not its own";
	else if (!acct && r->esc)
		why = "Esc not 0";
	if (!why)
		return true;
	trouble(&w->st->bad_rows,
		"thread %d: %s Id %d Val %d Esc %d Chk %d, %lu bytes: %s",
		w->n, tb_name[tb], r->id, r->val, r->esc, r->chk, r->blen,
		why);
	return false;
}

/* Transactions: the levels and the changes waiting for the commit. */
static JET_ERR level_begin(struct worker *w)
{
	JET_ERR err = CALL(w, K_BEGIN, JetBeginTransaction, w->ses);

	if (!err)
		w->level++;
	return err;
}

static void pend(struct worker *w, int what, int tb, int32_t id,
		 int32_t delta)
{
	struct pend *p;

	if (w->npend >= PEND_MAX) {
		trouble(&w->st->errors, "thread %d: too many changes", w->n);
		return;
	}
	p = &w->pend[w->npend++];
	p->what = (int8_t)what;
	p->tb = (int8_t)tb;
	p->id = (int16_t)id;
	p->delta = delta;
	p->level = (int8_t)w->level;
}

static JET_ERR level_commit(struct worker *w, JET_GRBIT grbit)
{
	struct stress *st = w->st;
	JET_ERR err = CALL(w, K_COMMIT, JetCommitTransaction, w->ses, grbit);
	struct pend *p;
	int i;

	if (err)
		return err;
	for (i = 0; i < w->npend; i++) {
		p = &w->pend[i];
		if (p->level == w->level)
			p->level--;
		if (w->level > 1)
			continue;
		if (p->what == D_VAL)
			atomic_fetch_add(&st->val[p->tb][p->id], p->delta);
		else if (p->what == D_ESC)
			atomic_fetch_add(&st->esc[p->tb][p->id], p->delta);
		else
			atomic_fetch_add(&st->rows[p->tb - T0], p->delta);
	}
	if (w->level == 1)
		w->npend = 0;
	else
		atomic_fetch_add(&st->level_commits, 1);
	w->level--;
	return 0;
}

/* Roll back the innermost level. */
static JET_ERR level_rollback(struct worker *w)
{
	JET_ERR err = CALL(w, K_ROLLBACK, JetRollback, w->ses, 0);

	if (err)
		return err;
	while (w->npend && w->pend[w->npend - 1].level >= w->level)
		w->npend--;
	w->level--;
	return 0;
}

/* Roll back whatever is open; allowed after a stop, so it must work. */
static void rollback_all(struct worker *w)
{
	JET_ERR err;

	if (!w->level)
		return;
	err = CALL(w, K_ROLLBACK, JetRollback, w->ses, JET_bitRollbackAll);
	if (err)
		unexpected(w, "JetRollback(All)", -1, err);
	w->npend = 0;
	w->level = 0;
}

static JET_ERR seek_id(struct worker *w, int tb, int32_t id)
{
	JET_ERR err = CALL(w, K_MAKEKEY, JetMakeKey, w->ses, w->t[tb], &id,
			   sizeof(id), JET_bitNewKey);

	return err ? err : CALL(w, K_SEEK, JetSeek, w->ses, w->t[tb],
				JET_bitSeekEQ);
}

/* Read the current record of @tb; its Blob lands in w->buf. */
static JET_ERR read_row(struct worker *w, int tb, struct row *r)
{
	const JET_COLUMNID *col = w->st->col[tb];
	JET_RETRIEVECOLUMN rc[NCOLS] = {
		{ .columnid = col[C_ID], .pvData = &r->id,
		  .cbData = sizeof(r->id), .itagSequence = 1 },
		{ .columnid = col[C_VAL], .pvData = &r->val,
		  .cbData = sizeof(r->val), .itagSequence = 1 },
		{ .columnid = col[C_ESC], .pvData = &r->esc,
		  .cbData = sizeof(r->esc), .itagSequence = 1 },
		{ .columnid = col[C_CHK], .pvData = &r->chk,
		  .cbData = sizeof(r->chk), .itagSequence = 1 },
		{ .columnid = col[C_BLOB], .pvData = w->buf,
		  .cbData = BUF_LEN, .itagSequence = 1 },
	};
	JET_ERR err;
	int c;

	memset(r, 0xff, sizeof(*r));
	err = CALL(w, K_RETRIEVE, JetRetrieveColumns, w->ses, w->t[tb], rc,
		   NCOLS);
	if (err < 0)
		return err;
	for (c = 0; c < NCOLS; c++) {
		if (rc[c].err < 0)
			return rc[c].err;
		if (c == C_BLOB)
			continue;
		if (rc[c].err == JET_wrnColumnNull || rc[c].cbActual != 4)
			return JET_errInvalidBufferSize;
	}
	r->blen = rc[C_BLOB].err == JET_wrnColumnNull ? 0 :
		  rc[C_BLOB].cbActual;
	return 0;
}

/*
 * Insert row @id of table @tb or replace the current record: Val @val,
 * its Chk and a Blob of @blen bytes (NULL when 0).  A failed update is
 * cancelled.
 */
static JET_ERR put_row(struct worker *w, int tb, int32_t id, int32_t val,
		       unsigned long blen, bool insert)
{
	const JET_COLUMNID *col = w->st->col[tb];
	int32_t chk = row_chk(tb, id, val, blen);
	JET_SETCOLUMN sc[4] = {
		{ .columnid = col[C_VAL], .pvData = &val,
		  .cbData = sizeof(val) },
		{ .columnid = col[C_CHK], .pvData = &chk,
		  .cbData = sizeof(chk) },
		{ .columnid = col[C_BLOB], .pvData = blen ? w->buf : NULL,
		  .cbData = blen },
		{ .columnid = col[C_ID], .pvData = &id, .cbData = sizeof(id) },
	};
	unsigned long n = insert ? 4 : 3;
	JET_ERR err;

	if (insert && !blen) {
		sc[2] = sc[3];
		n = 3;
	}
	if (blen)
		blob_fill(w->buf, tb, id, val, blen);
	err = CALL(w, K_PREPARE, JetPrepareUpdate, w->ses, w->t[tb],
		   insert ? JET_prepInsert : JET_prepReplace);
	if (err)
		return err;
	err = CALL(w, K_SETCOLUMNS, JetSetColumns, w->ses, w->t[tb], sc, n);
	if (!err)
		err = CALL(w, K_UPDATE, JetUpdate, w->ses, w->t[tb], NULL, 0,
			   NULL);
	if (err)
		CALL(w, K_PREPARE, JetPrepareUpdate, w->ses, w->t[tb],
		     JET_prepCancel);
	return err;
}

/* Seek an account and read it: it is always there. */
static JET_ERR seek_account(struct worker *w, int tb, int32_t id,
			    struct row *r)
{
	JET_ERR err = seek_id(w, tb, id);

	if (!err)
		err = read_row(w, tb, r);
	if (!err && row_ok(w, tb, r) && r->id != id)
		trouble(&w->st->bad_rows,
			"thread %d: seek %s Id %d found Id %d", w->n,
			tb_name[tb], id, r->id);
	return err;
}

/* The operations.  Each returns 0, WriteConflict or another error. */
static JET_ERR op_read(struct worker *w)
{
	int tb = (int)rnd(w, NTABLES);
	int32_t id = (int32_t)rnd(w, tb < T0 ? NACCT : NIDS);
	struct row r;
	JET_ERR err = seek_id(w, tb, id);

	if (err == JET_errRecordNotFound && tb >= T0) {
		atomic_fetch_add(&w->st->notfound, 1);
		return 0;
	}
	if (!err)
		err = read_row(w, tb, &r);
	if (!err && row_ok(w, tb, &r) && r.id != id)
		trouble(&w->st->bad_rows,
			"thread %d: seek %s Id %d found Id %d", w->n,
			tb_name[tb], id, r.id);
	if (!err)
		atomic_fetch_add(&w->st->reads, 1);
	return err;
}

/* A short scan from the first row, in key order. */
static JET_ERR op_scan(struct worker *w)
{
	int tb = (int)rnd(w, NTABLES), n;
	int32_t prev = -1;
	struct row r;
	JET_ERR err;

	err = CALL(w, K_MOVE, JetMove, w->ses, w->t[tb], JET_MoveFirst, 0);
	for (n = 0; !err && n < SCAN_ROWS; n++) {
		err = read_row(w, tb, &r);
		if (err)
			break;
		if (row_ok(w, tb, &r) && r.id <= prev)
			trouble(&w->st->bad_rows,
				"thread %d: %s: Id %d follows Id %d", w->n,
				tb_name[tb], r.id, prev);
		prev = r.id;
		err = CALL(w, K_MOVE, JetMove, w->ses, w->t[tb], JET_MoveNext,
			   0);
	}
	if (err == JET_errNoCurrentRecord)
		err = 0;
	if (!err)
		atomic_fetch_add(&w->st->scans, 1);
	return err;
}

/* Every account in this transaction's snapshot, its Esc in @esc_of. */
static JET_ERR sum_accounts(struct worker *w, long long *val,
			    long long *esc, int *n, int32_t esc_of[2][NACCT])
{
	struct row r;
	JET_ERR err = 0;
	int tb;

	*val = 0;
	*esc = 0;
	*n = 0;
	for (tb = A0; tb <= A1 && !err; tb++) {
		err = CALL(w, K_MOVE, JetMove, w->ses, w->t[tb], JET_MoveFirst,
			   0);
		while (!err) {
			err = read_row(w, tb, &r);
			if (err)
				break;
			if (row_ok(w, tb, &r))
				esc_of[tb][r.id] = r.esc;
			*val += r.val;
			*esc += r.esc;
			(*n)++;
			err = CALL(w, K_MOVE, JetMove, w->ses, w->t[tb],
				   JET_MoveNext, 0);
		}
		if (err == JET_errNoCurrentRecord)
			err = 0;
	}
	return err;
}

/*
 * The sums hold in every snapshot.  When they do not, the same snapshot
 * is read again a little later: an account whose Esc changed meanwhile
 * is a non-repeatable read, shown.
 */
static JET_ERR op_sum(struct worker *w)
{
	int32_t esc_of[2][NACCT], again[2][NACCT];
	long long val, esc, val2, esc2;
	int n, n2, tb, id;
	JET_ERR err = sum_accounts(w, &val, &esc, &n, esc_of);

	if (err)
		return err;
	atomic_fetch_add(&w->st->sums, 1);
	if (n == 2 * NACCT && val == TOTAL && !esc)
		return 0;
	trouble(&w->st->bad_sums,
		"thread %d at level %d: %d accounts, Val %lld, Esc %lld (quiesce_caches %lld, background_tasks_paused %lld, defrag_running %lld)",
		w->n, w->level, n, val, esc,
		stat_get(w->st->inst, "quiesce_caches"),
		stat_get(w->st->inst, "background_tasks_paused"),
		stat_get(w->st->inst, "defrag_running"));
	sleep_ms(20);
	memcpy(again, esc_of, sizeof(again));
	err = sum_accounts(w, &val2, &esc2, &n2, again);
	if (err || atomic_load(&w->st->bad_sums) > DIAG_MAX)
		return err;
	diag("  thread %d, the same snapshot 20 ms later: %d accounts, Val %lld, Esc %lld",
	     w->n, n2, val2, esc2);
	for (tb = A0; tb <= A1; tb++)
		for (id = 0; id < NACCT; id++)
			if (again[tb][id] != esc_of[tb][id])
				diag("  ... %s Id %d: Esc %d, then %d",
				     tb_name[tb], id, esc_of[tb][id],
				     again[tb][id]);
	return 0;
}

/* Move an amount between two accounts, by replaces or by escrow. */
static JET_ERR op_transfer(struct worker *w, bool escrow)
{
	int32_t x = 1 + (int32_t)rnd(w, 50), d;
	int tb[2] = { (int)rnd(w, 2), (int)rnd(w, 2) }, i;
	int32_t id[2] = { (int32_t)rnd(w, NACCT), (int32_t)rnd(w, NACCT) };
	struct row r;
	JET_ERR err;

	if (tb[0] == tb[1] && id[0] == id[1])
		id[1] = (id[1] + 1) % NACCT;
	for (i = 0, err = 0; i < 2 && !err; i++) {
		d = i ? x : -x;
		if (escrow) {
			err = seek_id(w, tb[i], id[i]);
			if (!err)
				err = CALL(w, K_ESCROW, JetEscrowUpdate, w->ses,
					   w->t[tb[i]],
					   w->st->col[tb[i]][C_ESC], &d,
					   sizeof(d), NULL, 0, NULL, 0);
			if (!err)
				pend(w, D_ESC, tb[i], id[i], d);
			continue;
		}
		err = seek_account(w, tb[i], id[i], &r);
		if (!err)
			err = put_row(w, tb[i], id[i], r.val + d,
				      note_len(tb[i], id[i], r.val + d), false);
		if (!err)
			pend(w, D_VAL, tb[i], id[i], d);
	}
	if (!err)
		atomic_fetch_add(escrow ? &w->st->escrows : &w->st->transfers,
				 1);
	return err;
}

static JET_ERR op_insert(struct worker *w)
{
	int tb = T0 + (int)rnd(w, 2);
	int32_t id = (int32_t)rnd(w, NIDS);
	JET_ERR err = put_row(w, tb, id, (int32_t)(rand_r(&w->rnd) & 0xffffff),
			      blob_len(w), true);

	if (err == JET_errKeyDuplicate) {
		atomic_fetch_add(&w->st->keydups, 1);
		return 0;
	}
	if (!err) {
		pend(w, D_ROWS, tb, id, 1);
		atomic_fetch_add(&w->st->inserts, 1);
	}
	return err;
}

static JET_ERR op_replace(struct worker *w)
{
	int tb = T0 + (int)rnd(w, 2);
	int32_t id = (int32_t)rnd(w, NIDS);
	unsigned long blen = blob_len(w);
	struct row r;
	JET_ERR err = seek_id(w, tb, id);

	if (err == JET_errRecordNotFound) {
		atomic_fetch_add(&w->st->notfound, 1);
		return 0;
	}
	if (!err)
		err = read_row(w, tb, &r);
	if (!err && row_ok(w, tb, &r))
		err = put_row(w, tb, id, r.val + 1, blen, false);
	if (!err) {
		atomic_fetch_add(&w->st->replaces, 1);
		if (blen > 1000)
			atomic_fetch_add(&w->st->blobs, 1);
	}
	return err;
}

static JET_ERR op_delete(struct worker *w)
{
	int tb = T0 + (int)rnd(w, 2);
	int32_t id = (int32_t)rnd(w, NIDS);
	JET_ERR err = seek_id(w, tb, id);

	if (err == JET_errRecordNotFound) {
		atomic_fetch_add(&w->st->notfound, 1);
		return 0;
	}
	if (!err)
		err = CALL(w, K_DELETE, JetDelete, w->ses, w->t[tb]);
	if (!err) {
		pend(w, D_ROWS, tb, id, -1);
		atomic_fetch_add(&w->st->deletes, 1);
	}
	return err;
}

/*
 * One operation.  Transfers run in a level of their own, other writes one
 * time in two: on a write conflict that level rolls back and the
 * transaction goes on.  Some levels roll back on purpose.
 */
static JET_ERR worker_op(struct worker *w)
{
	unsigned int p = rnd(w, 100);
	bool own = p >= 35 && (p < 70 || rnd(w, 2));
	JET_ERR err = 0, e;

	if (own) {
		err = level_begin(w);
		if (err)
			return err;
	}
	if (p < 18)
		err = op_read(w);
	else if (p < 30)
		err = op_scan(w);
	else if (p < 35)
		err = op_sum(w);
	else if (p < 55)
		err = op_transfer(w, false);
	else if (p < 70)
		err = op_transfer(w, true);
	else if (p < 80)
		err = op_insert(w);
	else if (p < 92)
		err = op_replace(w);
	else
		err = op_delete(w);
	if (!own || w->out)
		return err;
	if (err == JET_errWriteConflict) {
		atomic_fetch_add(&w->st->conflicts, 1);
		e = level_rollback(w);
		if (!e)
			atomic_fetch_add(&w->st->level_rollbacks, 1);
		return e;
	}
	if (err)
		return err;
	if (rnd(w, 10) == 0) {
		err = level_rollback(w);
		if (!err)
			atomic_fetch_add(&w->st->level_rollbacks, 1);
		return err;
	}
	return level_commit(w, rnd(w, 2) ? JET_bitCommitLazyFlush : 0);
}

/* One transaction: 1-6 operations, some in a group level. */
static void worker_trx(struct worker *w)
{
	struct stress *st = w->st;
	int i, nops = 1 + (int)rnd(w, 6), group = -1;
	JET_GRBIT grbit;
	JET_ERR err = level_begin(w);

	for (i = 0; i < nops && !err && !w->out; i++) {
		if (group < 0 && rnd(w, 8) == 0) {
			err = level_begin(w);
			group = w->level;
			if (err)
				break;
		}
		err = worker_op(w);
	}
	if (!err && !w->out && group > 0 && w->level == group) {
		if (rnd(w, 5) == 0) {
			err = level_rollback(w);
			if (!err)
				atomic_fetch_add(&st->level_rollbacks, 1);
		} else {
			err = level_commit(w, 0);
		}
	}
	if (!err && !w->out && w->level == 1) {
		if (rnd(w, 10) == 0) {
			err = level_rollback(w);
			if (!err) {
				atomic_fetch_add(&st->rollbacks, 1);
				return;
			}
		} else {
			grbit = rnd(w, 2) ? JET_bitCommitLazyFlush : 0;
			err = level_commit(w, grbit);
			if (!err) {
				atomic_fetch_add(grbit ? &st->commits_lazy :
						 &st->commits_durable, 1);
				return;
			}
		}
	}
	if (err == JET_errWriteConflict)
		atomic_fetch_add(&st->conflicts, 1);
	else if (err && err != STOPPED && !w->out)
		unexpected(w, "a transaction", -1, err);
	else if (!err && !w->out && w->level)
		unexpected(w, "a transaction left open", -1, w->level);
	atomic_fetch_add(&st->aborted, 1);
	rollback_all(w);
}

static JET_ERR worker_open(struct worker *w)
{
	JET_ERR err;

	err = CALL(w, K_OPEN, JetBeginSession, w->st->inst, &w->ses, NULL,
		   NULL);
	if (!err)
		err = CALL(w, K_OPEN, JetOpenDatabase, w->ses, KEEP_FILE, NULL,
			   &w->db, 0);
	while (!err && w->ntables < NTABLES && w->n < NWORKERS) {
		err = CALL(w, K_OPEN, JetOpenTable, w->ses, w->db,
			   tb_name[w->ntables], NULL, 0, 0,
			   &w->t[w->ntables]);
		if (!err)
			w->ntables++;
	}
	return err;
}

/* What a thread does once refused: all of it allowed after a stop. */
static void worker_close(struct worker *w)
{
	JET_ERR err;
	double ms;

	rollback_all(w);
	while (w->ntables > 0) {
		w->ntables--;
		err = CALL(w, K_CLOSE_TABLE, JetCloseTable, w->ses,
			   w->t[w->ntables]);
		if (err)
			unexpected(w, "JetCloseTable", w->ntables, err);
	}
	if (w->db) {
		err = CALL(w, K_CLOSE_DB, JetCloseDatabase, w->ses, w->db, 0);
		if (err)
			unexpected(w, "JetCloseDatabase", -1, err);
	}
	if (w->ses) {
		err = CALL(w, K_END_SESSION, JetEndSession, w->ses, 0);
		if (err)
			unexpected(w, "JetEndSession", -1, err);
	}
	if (atomic_load(&w->st->phase) == P_STOPPED) {
		ms = ms_since(&w->st->t_stop);
		pthread_mutex_lock(&w->st->lock);
		if (ms > w->st->worker_ms)
			w->st->worker_ms = ms;
		pthread_mutex_unlock(&w->st->lock);
	}
	atomic_store(&w->ended, true);
	atomic_fetch_sub(&w->st->threads_left, 1);
}

static void *worker(void *p)
{
	struct worker *w = p;
	JET_ERR err = worker_open(w);

	if (err && err != STOPPED)
		unexpected(w, "opening", -1, err);
	while (!err && !w->out)
		worker_trx(w);
	worker_close(w);
	return NULL;
}

/* Online defragmentation, started and stopped until the stop. */
static void *defragmenter(void *p)
{
	struct worker *w = p;
	struct stress *st = w->st;
	unsigned long passes;
	JET_GRBIT grbit;
	JET_ERR err = worker_open(w);

	if (err && err != STOPPED)
		unexpected(w, "opening", -1, err);
	while (!err && !w->out) {
		passes = rnd(w, 3) ? 0 : 1 + rnd(w, 3);
		grbit = JET_bitDefragmentBatchStart;
		if (rnd(w, 4) == 0)
			grbit |= JET_bitDefragmentNoPartialMerges;
		err = CALL(w, K_DEFRAG, JetDefragment, w->ses, w->db, NULL,
			   &passes, NULL, grbit);
		if (err == JET_wrnDefragAlreadyRunning) {
			atomic_fetch_add(&st->defrag_running, 1);
			err = 0;
		} else if (!err) {
			atomic_fetch_add(&st->defrag_starts, 1);
		}
		if (err)
			break;
		sleep_ms(20 + rnd(w, 300));
		if (rnd(w, 3))
			continue;
		err = CALL(w, K_DEFRAG, JetDefragment, w->ses, w->db, NULL,
			   NULL, NULL, JET_bitDefragmentBatchStop);
		if (err == JET_wrnDefragNotRunning) {
			atomic_fetch_add(&st->defrag_not_running, 1);
			err = 0;
		} else if (!err) {
			atomic_fetch_add(&st->defrag_stops, 1);
		}
	}
	if (err && err != STOPPED && !w->out)
		unexpected(w, "JetDefragment", -1, err);
	worker_close(w);
	return NULL;
}

/*
 * Random stops and resumes of the resumable facilities, the final stop,
 * the wait for the threads, JetTerm.
 */
static void *stopper(void *p)
{
	static const JET_GRBIT bits[] = {
		JET_bitStopServiceBackgroundUserTasks,
		JET_bitStopServiceQuiesceCaches,
		JET_bitStopServiceBackgroundUserTasks |
			JET_bitStopServiceQuiesceCaches,
		JET_bitStopServiceResume,
		JET_bitStopServiceResume |
			JET_bitStopServiceBackgroundUserTasks,
		JET_bitStopServiceResume | JET_bitStopServiceQuiesceCaches,
	};
	struct stress *st = p;
	unsigned int r = st->seed ^ 0x2545f491u;
	struct timespec t0, t1;
	JET_SESID ses;
	JET_GRBIT g;
	JET_ERR err;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (ms_since(&t0) < st->run_ms) {
		sleep_ms(10 + (unsigned int)rand_r(&r) % 250);
		g = bits[(unsigned int)rand_r(&r) % 6];
		err = JetStopServiceInstance2(st->inst, g);
		if (err)
			trouble(&st->errors, "Stop2(0x%lx) -> %ld",
				(unsigned long)g, (long)err);
		else if (g & JET_bitStopServiceResume)
			st->resumes++;
		else
			st->stops++;
	}
	st->final_legacy = rand_r(&r) % 2;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	atomic_store(&st->phase, P_STOPPING);
	st->final_err = st->final_legacy ?
			JetStopServiceInstance(st->inst) :
			JetStopServiceInstance2(st->inst,
						JET_bitStopServiceAll);
	clock_gettime(CLOCK_MONOTONIC, &st->t_stop);
	atomic_store(&st->phase, P_STOPPED);
	st->stop_ms = ms_since(&t1);
	/* A bare Resume after All is refused; after the legacy call a no-op. */
	st->resume_err = JetStopServiceInstance2(st->inst,
						 JET_bitStopServiceResume);
	st->begin_err = JetBeginSession(st->inst, &ses, NULL, NULL);
	if (!st->begin_err)
		JetEndSession(ses, 0);
	while (atomic_load(&st->threads_left) > 0 &&
	       ms_since(&st->t_stop) < FINISH_S * 1000.0)
		sleep_ms(5);
	st->drain_ms = ms_since(&st->t_stop);
	st->drained = atomic_load(&st->threads_left) == 0;
	if (!st->drained)
		return NULL;	/* the watchdog reports who is stuck */
	clock_gettime(CLOCK_MONOTONIC, &t1);
	st->term_err = JetTerm(st->inst);
	st->term_ms = ms_since(&t1);
	atomic_store(&st->done, true);
	return NULL;
}

/* Who is where, the kernel's blocked tasks, and a failed test. */
static void *watchdog(void *p)
{
	struct stress *st = p;
	struct timespec t0;
	FILE *f;
	int i, k;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		sleep_ms(100);
		if (atomic_load(&st->done))
			return NULL;
		if (ms_since(&t0) > WATCHDOG_S * 1000.0)
			break;
		if (atomic_load(&st->phase) == P_STOPPED &&
		    ms_since(&st->t_stop) > FINISH_S * 1000.0 + 5000)
			break;
	}
	diag("watchdog: phase %d, %d threads left, the stopper %s",
	     atomic_load(&st->phase), atomic_load(&st->threads_left),
	     st->drained ? "is in JetTerm" : "waits for the threads");
	for (i = 0; i <= NWORKERS; i++) {
		k = atomic_load(&the_workers[i].in_call);
		if (!atomic_load(&the_workers[i].ended))
			diag("  thread %d: %s%s", i,
			     k ? "in " : "between calls",
			     k ? kinds[k - 1].name : "");
	}
	f = fopen("/proc/sysrq-trigger", "w");
	if (f) {
		fputs("w\n", f);
		fclose(f);
	}
	ok(0, "the test finishes in time (the watchdog fired)");
	tap_done();
	_exit(1);
}

/* The four tables: NACCT accounts in A0 and A1, every other Id in T. */
static JET_ERR create_tables(struct stress *st, struct worker *m)
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
		[C_CHK] = { .cbStruct = sizeof(cc[0]), .szColumnName = "Chk",
			    .coltyp = JET_coltypLong,
			    .grbit = JET_bitColumnFixed },
		[C_BLOB] = { .cbStruct = sizeof(cc[0]), .szColumnName = "Blob",
			     .coltyp = JET_coltypLongBinary,
			     .grbit = JET_bitColumnTagged },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(idx), .szIndexName = "ById",
		.szKey = "+Id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(tc), .rgcolumncreate = cc,
		.cColumns = NCOLS, .rgindexcreate = &idx, .cIndexes = 1,
	};
	JET_ERR err = 0;
	int tb, c, id, n;

	for (tb = 0; tb < NTABLES && !err; tb++) {
		tc.szTableName = (char *)tb_name[tb];
		tc.tableid = 0;
		err = JetCreateTableColumnIndex(m->ses, m->db, &tc);
		if (err)
			break;
		for (c = 0; c < NCOLS; c++)
			st->col[tb][c] = cc[c].columnid;
		err = JetCloseTable(m->ses, tc.tableid);
		if (!err)
			err = JetOpenTable(m->ses, m->db, tb_name[tb], NULL, 0,
					   0, &m->t[tb]);
		if (err)
			break;
		m->ntables++;
		err = level_begin(m);
		n = tb < T0 ? NACCT : NIDS;
		for (id = 0; id < n && !err; id++) {
			if (tb < T0)
				err = put_row(m, tb, id, START,
					      note_len(tb, id, START), true);
			else if (id % 2 == 0)
				err = put_row(m, tb, id, id, blob_len(m),
					      true);
		}
		if (!err)
			err = level_commit(m, 0);
		if (tb >= T0)
			st->rows0[tb - T0] = NIDS / 2;
	}
	return err;
}

/*
 * The end state, on a new instance: every row self-consistent, every
 * account START plus its committed transfers, the sums, the row counts.
 */
static void check_end(struct stress *st, struct worker *m)
{
	long long val = 0, esc = 0, want, want_esc;
	long n[NTABLES] = { 0 }, bad = 0, bad_acct = 0;
	int32_t prev;
	int tb;
	struct row r;
	FILE *list = fopen(KEEP_LIST, "w");
	JET_ERR err = 0;

	for (tb = 0; tb < NTABLES; tb++) {
		prev = -1;
		err = JetMove(m->ses, m->t[tb], JET_MoveFirst, 0);
		while (!err) {
			err = read_row(m, tb, &r);
			if (err)
				break;
			if (!row_ok(m, tb, &r) || r.id <= prev)
				bad++;
			prev = r.id;
			n[tb]++;
			if (tb < T0 && r.id >= 0 && r.id < NACCT) {
				val += r.val;
				esc += r.esc;
				want = START + atomic_load(&st->val[tb][r.id]);
				want_esc = atomic_load(&st->esc[tb][r.id]);
				if ((r.val != want || r.esc != want_esc) &&
				    bad_acct++ < DIAG_MAX)
					diag("%s Id %d: Val %d Esc %d, the committed transfers leave %lld and %lld",
					     tb_name[tb], r.id, r.val, r.esc,
					     want, want_esc);
				if (tb == A0 && list)
					fprintf(list, "%d %d %d\n", r.id, r.val,
						r.esc);
			}
			err = JetMove(m->ses, m->t[tb], JET_MoveNext, 0);
		}
		if (err == JET_errNoCurrentRecord)
			err = 0;
		if (err)
			break;
	}
	if (list)
		fclose(list);
	is(err, 0, "the second instance scans A0, A1, T0 and T1");
	is(bad, 0, "... every row in key order and self-consistent");
	is(n[A0] + n[A1], 2 * NACCT, "%d accounts", 2 * NACCT);
	is(val, TOTAL, "the balances sum to %lld", TOTAL);
	is(esc, 0, "the escrow balances sum to 0");
	is(bad_acct, 0,
	   "every account holds %d plus its committed transfers, lazy or durable",
	   START);
	for (tb = T0; tb <= T1; tb++)
		is(n[tb], st->rows0[tb - T0] + atomic_load(&st->rows[tb - T0]),
		   "%s: %ld rows, the load's plus the committed inserts minus the committed deletes",
		   tb_name[tb], n[tb]);
	ok(list != NULL, "%s lists A0", KEEP_LIST);
}

static JET_ERR instance(struct stress *st, const char *dir)
{
	JET_ERR err = JetCreateInstance(&st->inst, "stop-stress");

	if (!err)
		err = JetSetSystemParameter(&st->inst, 0, JET_paramLogFilePath,
					    0, dir);
	if (!err)
		err = JetSetSystemParameter(&st->inst, 0,
					    JET_paramMaxSessions, 80, NULL);
	if (!err)
		err = JetSetSystemParameter(&st->inst, 0,
					    JET_paramMaxVerPages, VER_PAGES,
					    NULL);
	if (!err)
		err = JetInit(&st->inst);
	return err;
}

static void report(struct stress *st)
{
	long total = 0, refused = 0;
	char line[160];
	int k, len;

	for (k = 0; k < NKINDS; k++) {
		total += atomic_load(&st->calls[k]);
		refused += atomic_load(&st->refused[k]);
	}
	diag("%ld calls, %ld refused after the stop (%ld of them racing it), %ld racing it went through",
	     total, refused, atomic_load(&st->racing_refused),
	     atomic_load(&st->racing_passed));
	for (k = 0; k < NKINDS; k++) {
		len = snprintf(line, sizeof(line), "  %-40s %8ld",
			       kinds[k].name, atomic_load(&st->calls[k]));
		if (atomic_load(&st->refused[k]))
			snprintf(line + len, sizeof(line) - (size_t)len,
				 ", %ld refused", atomic_load(&st->refused[k]));
		diag("%s", line);
	}
	diag("transactions: %ld durable and %ld lazy commits, %ld rolled back on purpose, %ld ended early (conflict or stop)",
	     atomic_load(&st->commits_durable), atomic_load(&st->commits_lazy),
	     atomic_load(&st->rollbacks), atomic_load(&st->aborted));
	diag("... levels: %ld nested commits, %ld nested rollbacks; %ld write conflicts",
	     atomic_load(&st->level_commits),
	     atomic_load(&st->level_rollbacks), atomic_load(&st->conflicts));
	diag("operations: %ld reads, %ld scans, %ld sums, %ld transfers, %ld escrow transfers, %ld inserts (%ld duplicates), %ld replaces (%ld long Blobs), %ld deletes, %ld not found",
	     atomic_load(&st->reads), atomic_load(&st->scans),
	     atomic_load(&st->sums), atomic_load(&st->transfers),
	     atomic_load(&st->escrows), atomic_load(&st->inserts),
	     atomic_load(&st->keydups), atomic_load(&st->replaces),
	     atomic_load(&st->blobs), atomic_load(&st->deletes),
	     atomic_load(&st->notfound));
	diag("defragmentation: %ld starts, %ld already running, %ld stops, %ld not running",
	     atomic_load(&st->defrag_starts), atomic_load(&st->defrag_running),
	     atomic_load(&st->defrag_stops),
	     atomic_load(&st->defrag_not_running));
	diag("stopper: %ld stops and %ld resumes in %d ms, then %s (%.1f ms)",
	     st->stops, st->resumes, st->run_ms,
	     st->final_legacy ? "JetStopServiceInstance" :
	     "JetStopServiceInstance2(All)", st->stop_ms);
	diag("after the stop: the threads ended within %.0f ms, the last %.0f ms after it; JetTerm %.1f ms",
	     st->drain_ms, st->worker_ms, st->term_ms);
}

int main(int argc, char **argv)
{
	struct worker *ws = the_workers, m = { 0 };
	pthread_t th[NWORKERS + 1], sth, wth;
	bool made[NWORKERS + 1] = { false };
	struct stress *st = calloc(1, sizeof(*st));
	char dir[64], path[96];
	int i, n, tb;

	if (!st)
		return 1;
	pthread_mutex_init(&st->lock, NULL);
	st->seed = argc > 1 ? (unsigned int)strtoul(argv[1], NULL, 0) :
			      (unsigned int)time(NULL);
	st->run_ms = argc > 2 ? atoi(argv[2]) : RUN_MS;
	diag("seed %u (replay: stop_stress_test %u %d)", st->seed, st->seed,
	     st->run_ms);
	mkdir("tests/user/build/out", 0755);
	snprintf(dir, sizeof(dir), "tests/user/build/out/stop-stress-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	strcat(dir, "/");
	unlink(KEEP_FILE);
	unlink(KEEP_LIST);

	is(instance(st, dir), 0, "an instance with its log in %s", dir);
	m.st = st;
	m.n = -1;
	m.rnd = st->seed ^ 0x5bd1e995u;
	m.buf = malloc(BUF_LEN);
	ok(m.buf != NULL, "a buffer");
	if (!m.buf)
		return tap_done();
	is(JetBeginSession(st->inst, &m.ses, NULL, NULL), 0, "a session");
	is(JetCreateDatabase(m.ses, KEEP_FILE, NULL, &m.db, 0), 0,
	   "JetCreateDatabase stop-stress.edb");
	is(create_tables(st, &m), 0,
	   "A0 and A1 with %d accounts of %d, T0 and T1 with %d rows",
	   NACCT, START, NIDS / 2);
	worker_close(&m);
	is(atomic_load(&st->errors), 0, "... and closed");

	atomic_store(&st->threads_left, NWORKERS + 1);
	pthread_create(&wth, NULL, watchdog, st);
	for (i = 0; i <= NWORKERS; i++) {
		ws[i].st = st;
		ws[i].n = i;
		ws[i].rnd = st->seed + 7919u * (unsigned int)i;
		ws[i].buf = malloc(BUF_LEN);
		made[i] = ws[i].buf &&
			  !pthread_create(&th[i], NULL,
					  i < NWORKERS ? worker : defragmenter,
					  &ws[i]);
		if (!made[i]) {
			atomic_fetch_sub(&st->threads_left, 1);
			atomic_store(&ws[i].ended, true);
		}
	}
	for (i = 0, n = 0; i <= NWORKERS; i++)
		n += made[i];
	is(n, NWORKERS + 1, "%d workers and a defragmenter", NWORKERS);
	is(pthread_create(&sth, NULL, stopper, st), 0, "the stopper");
	pthread_join(sth, NULL);
	for (i = 0; i <= NWORKERS; i++)
		if (made[i])
			pthread_join(th[i], NULL);
	report(st);

	is(st->final_err, 0, "the final stop (%s) succeeded",
	   st->final_legacy ? "JetStopServiceInstance" : "Stop2(All)");
	is(st->resume_err, st->final_legacy ? 0 : STOPPED,
	   "a bare Resume after it: %s",
	   st->final_legacy ? "a no-op" : "refused");
	is(st->begin_err, STOPPED, "JetBeginSession after it is refused");
	is(atomic_load(&st->violations), 0,
	   "refusals only after the final stop began, of calls not allowed after it; every call not allowed begun after it refused");
	is(atomic_load(&st->errors), 0,
	   "no call returned an error the semantics do not allow");
	is(atomic_load(&st->bad_rows), 0,
	   "every row read was self-consistent, scans in key order");
	todo_is(TODO_ESCROW_VIEW, atomic_load(&st->bad_sums), 0,
		"every snapshot's accounts sum to %lld and 0", TOTAL);
	ok(st->drained, "the threads ended %.0f ms after the stop (bound %d s)",
	   st->drain_ms, FINISH_S);
	ok(atomic_load(&st->commits_durable) > 0 &&
	   atomic_load(&st->commits_lazy) > 0,
	   "durable and lazy commits");
	ok(st->stops > 0 && st->resumes > 0, "resumable stops and resumes");
	ok(atomic_load(&st->refused[K_ROLLBACK]) == 0 &&
	   atomic_load(&st->refused[K_CLOSE_TABLE]) == 0 &&
	   atomic_load(&st->refused[K_END_SESSION]) == 0,
	   "JetRollback, JetCloseTable and JetEndSession never refused");
	is(st->term_err, 0, "JetTerm after the stop (%.1f ms)", st->term_ms);

	/* The next JetInit on the same log and database. */
	free(m.buf);
	memset(&m, 0, sizeof(m));
	m.st = st;
	m.n = -1;
	m.buf = ws[0].buf;
	st->inst = 0;
	is(instance(st, dir), 0, "a second JetInit on the same log");
	diag("recovery_ran %lld", stat_get(st->inst, "recovery_ran"));
	is(JetBeginSession(st->inst, &m.ses, NULL, NULL), 0, "a session");
	is(JetAttachDatabase(m.ses, KEEP_FILE, 0), 0,
	   "JetAttachDatabase stop-stress.edb");
	atomic_store(&st->phase, P_RUN);
	is(JetOpenDatabase(m.ses, KEEP_FILE, NULL, &m.db, 0), 0,
	   "JetOpenDatabase");
	for (tb = 0; tb < NTABLES; tb++) {
		if (JetOpenTable(m.ses, m.db, tb_name[tb], NULL, 0, 0,
				 &m.t[tb]))
			break;
		m.ntables++;
	}
	is(m.ntables, NTABLES, "the four tables open");
	if (m.ntables == NTABLES)
		check_end(st, &m);
	while (m.ntables > 0)
		JetCloseTable(m.ses, m.t[--m.ntables]);
	is(JetCloseDatabase(m.ses, m.db, 0), 0, "JetCloseDatabase");
	is(JetDetachDatabase(m.ses, KEEP_FILE), 0, "JetDetachDatabase");
	is(JetEndSession(m.ses, 0), 0, "JetEndSession");
	is(JetTerm(st->inst), 0, "a clean JetTerm leaves stop-stress.edb");
	atomic_store(&st->done, true);

	snprintf(path, sizeof(path), "%sedb.jlog", dir);
	remove(path);
	rmdir(dir);
	for (i = 0; i <= NWORKERS; i++)
		free(ws[i].buf);
	pthread_join(wth, NULL);
	free(st);
	return tap_done();
}
