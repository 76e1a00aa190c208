// SPDX-License-Identifier: GPL-2.0-only
/*
 * A bank under concurrent transactions: 64 accounts of 1000 in table
 * Accounts of tests/user/build/out/bank.edb, and 16 threads, each with a
 * session of its own, moving random amounts between two accounts in a
 * transaction: seek, JetPrepareUpdate(Replace), Balance -= x; seek, the
 * same with += x; commit, or in one case in ten roll back on purpose.  One
 * transfer in eight moves the amount between the accounts' escrow column
 * Escrow by JetEscrowUpdate instead (deltas that commute).  On
 * JET_errWriteConflict a transfer rolls back and tries again; any other
 * error fails the test.  Meanwhile 2 threads sum every account in a
 * transaction of their own: each snapshot must hold exactly 64 accounts,
 * 64000 in Balance and 0 in Escrow.  At the end every account holds 1000
 * plus what the committed transfers moved to it, and
 * tests/user/build/out/bank.txt lists "id balance" per account in Id
 * order, for a host-side comparison with esedbexport.
 */
#include <limits.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>

#include "tap.h"
#include "util.h"

#define KEEP_FILE	"tests/user/build/out/bank.edb"
#define KEEP_LIST	"tests/user/build/out/bank.txt"
#define NACCOUNTS	64
#define START		1000
#define TOTAL		((long long)NACCOUNTS * START)
#define NWRITERS	16
#define NREADERS	2
#define ITERATIONS	150	/* transfers per writer */
#define MAX_ATTEMPTS	1000	/* of one transfer before giving up */
#define MIN_SCANS	3	/* per reader, even when the writers are done */
#define DIAG_MAX	10	/* unexpected errors and bad scans shown */

enum { C_ID, C_BALANCE, C_ESCROW, NCOLS };

struct bank {
	JET_INSTANCE inst;
	JET_COLUMNID col[NCOLS];
	unsigned int seed;
	atomic_int writers_left;
	atomic_long commits, escrow_commits, conflicts, retries;
	atomic_long rollbacks, deliberate, given_up;
	atomic_long scans, bad_scans, errors;
	atomic_llong moved[NACCOUNTS];		/* committed change of Balance */
	atomic_llong esc_moved[NACCOUNTS];	/* ... of Escrow */
};

/* One thread's session, database and cursor. */
struct worker {
	struct bank *bk;
	int n;
	JET_SESID ses;
	JET_DBID db;
	JET_TABLEID t;
	unsigned int rnd;
};

static void bank_error(struct bank *bk, int n, const char *what, JET_ERR err)
{
	if (atomic_fetch_add(&bk->errors, 1) < DIAG_MAX)
		diag("thread %d: %s: %ld", n, what, (long)err);
}

static JET_ERR seek_id(struct worker *w, int32_t id)
{
	JET_ERR err = JetMakeKey(w->ses, w->t, &id, sizeof(id), JET_bitNewKey);

	return err ? err : JetSeek(w->ses, w->t, JET_bitSeekEQ);
}

/* Balance of account @id += @x. */
static JET_ERR add_balance(struct worker *w, int32_t id, int64_t x)
{
	JET_COLUMNID col = w->bk->col[C_BALANCE];
	unsigned long len = 0;
	int64_t bal;
	JET_ERR err;

	err = seek_id(w, id);
	if (!err)
		err = JetRetrieveColumn(w->ses, w->t, col, &bal, sizeof(bal),
					&len, 0, NULL);
	if (!err && len != sizeof(bal))
		err = JET_errInvalidBufferSize;
	if (!err)
		err = JetPrepareUpdate(w->ses, w->t, JET_prepReplace);
	if (err)
		return err;
	bal += x;
	err = JetSetColumn(w->ses, w->t, col, &bal, sizeof(bal), 0, NULL);
	if (!err)
		err = JetUpdate(w->ses, w->t, NULL, 0, NULL);
	if (err)
		JetPrepareUpdate(w->ses, w->t, JET_prepCancel);
	return err;
}

/* Escrow of account @id += @x. */
static JET_ERR add_escrow(struct worker *w, int32_t id, int32_t x)
{
	unsigned long len = 0;
	int32_t old;
	JET_ERR err = seek_id(w, id);

	if (!err)
		err = JetEscrowUpdate(w->ses, w->t, w->bk->col[C_ESCROW], &x,
				      sizeof(x), &old, sizeof(old), &len, 0);
	if (!err && len != sizeof(old))
		err = JET_errInvalidBufferSize;
	return err;
}

/*
 * One attempt at moving @x from @from to @to, committed or, when @abort,
 * rolled back.  0, or the error that ended it (rolled back).
 */
static JET_ERR transfer(struct worker *w, int32_t from, int32_t to,
			int32_t x, int escrow, int abort)
{
	JET_ERR err = JetBeginTransaction(w->ses), e;

	if (err)
		return err;
	if (escrow) {
		err = add_escrow(w, from, -x);
		if (!err)
			err = add_escrow(w, to, x);
	} else {
		err = add_balance(w, from, -x);
		if (!err)
			err = add_balance(w, to, x);
	}
	if (!err && !abort) {
		err = JetCommitTransaction(w->ses, 0);
		if (!err)
			return 0;
		bank_error(w->bk, w->n, "JetCommitTransaction", err);
	}
	e = JetRollback(w->ses, 0);
	atomic_fetch_add(&w->bk->rollbacks, 1);
	if (e)
		bank_error(w->bk, w->n, "JetRollback", e);
	return err;
}

static JET_ERR worker_open(struct worker *w)
{
	JET_ERR err = JetBeginSession(w->bk->inst, &w->ses, NULL, NULL);

	if (!err)
		err = JetOpenDatabase(w->ses, KEEP_FILE, NULL, &w->db, 0);
	if (!err)
		err = JetOpenTable(w->ses, w->db, "Accounts", NULL, 0, 0, &w->t);
	return err;
}

static void worker_close(struct worker *w)
{
	JET_ERR err = JetCloseTable(w->ses, w->t);

	if (!err)
		err = JetCloseDatabase(w->ses, w->db, 0);
	if (!err)
		err = JetEndSession(w->ses, 0);
	if (err)
		bank_error(w->bk, w->n, "closing", err);
}

static void *writer(void *p)
{
	struct worker *w = p;
	struct bank *bk = w->bk;
	JET_ERR err = worker_open(w);
	int i, attempt;

	if (err) {
		bank_error(bk, w->n, "opening", err);
		goto out;
	}
	for (i = 0; i < stress_scaled(ITERATIONS); i++) {
		int32_t from = rand_r(&w->rnd) % NACCOUNTS;
		int32_t to = (from + 1 + rand_r(&w->rnd) % (NACCOUNTS - 1)) %
			     NACCOUNTS;
		int32_t x = 1 + rand_r(&w->rnd) % 100;
		int escrow = rand_r(&w->rnd) % 8 == 0;
		int abort = rand_r(&w->rnd) % 10 == 0;

		for (attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			if (attempt)
				atomic_fetch_add(&bk->retries, 1);
			err = transfer(w, from, to, x, escrow, abort);
			if (err != JET_errWriteConflict)
				break;
			atomic_fetch_add(&bk->conflicts, 1);
			sched_yield();
		}
		if (err == JET_errWriteConflict) {
			atomic_fetch_add(&bk->given_up, 1);
		} else if (err) {
			bank_error(bk, w->n, "transfer", err);
			break;
		} else if (abort) {
			atomic_fetch_add(&bk->deliberate, 1);
		} else if (escrow) {
			atomic_fetch_add(&bk->escrow_commits, 1);
			atomic_fetch_add(&bk->esc_moved[from], -x);
			atomic_fetch_add(&bk->esc_moved[to], x);
		} else {
			atomic_fetch_add(&bk->commits, 1);
			atomic_fetch_add(&bk->moved[from], -x);
			atomic_fetch_add(&bk->moved[to], x);
		}
	}
	worker_close(w);
out:
	atomic_fetch_sub(&bk->writers_left, 1);
	return NULL;
}

/*
 * Scan every account: how many, the sums of Balance and Escrow; each
 * balance to @bal[id] if given.
 */
static JET_ERR scan(struct worker *w, int *n, long long *sum,
		    long long *esum, long long *bal)
{
	unsigned long len;
	int64_t b;
	int32_t id, e;
	JET_ERR err;

	*n = 0;
	*sum = 0;
	*esum = 0;
	for (err = JetMove(w->ses, w->t, JET_MoveFirst, 0); !err;
	     err = JetMove(w->ses, w->t, JET_MoveNext, 0)) {
		err = JetRetrieveColumn(w->ses, w->t, w->bk->col[C_ID], &id,
					sizeof(id), &len, 0, NULL);
		if (!err)
			err = JetRetrieveColumn(w->ses, w->t,
						w->bk->col[C_BALANCE], &b,
						sizeof(b), &len, 0, NULL);
		if (!err)
			err = JetRetrieveColumn(w->ses, w->t,
						w->bk->col[C_ESCROW], &e,
						sizeof(e), &len, 0, NULL);
		if (err)
			return err;
		if (bal && id >= 0 && id < NACCOUNTS)
			bal[id] = b;
		(*n)++;
		*sum += b;
		*esum += e;
	}
	return err == JET_errNoCurrentRecord ? 0 : err;
}

static void *reader(void *p)
{
	struct worker *w = p;
	struct bank *bk = w->bk;
	JET_ERR err = worker_open(w), e;
	long long sum, esum;
	int n, done = 0;

	if (err) {
		bank_error(bk, w->n, "opening", err);
		return NULL;
	}
	while (atomic_load(&bk->writers_left) > 0 || done < MIN_SCANS) {
		err = JetBeginTransaction(w->ses);
		if (err) {
			bank_error(bk, w->n, "JetBeginTransaction", err);
			break;
		}
		err = scan(w, &n, &sum, &esum, NULL);
		e = JetCommitTransaction(w->ses, 0);
		if (err || e) {
			bank_error(bk, w->n, "scan", err ? err : e);
			if (e)
				JetRollback(w->ses, 0);
			break;
		}
		done++;
		atomic_fetch_add(&bk->scans, 1);
		if (n != NACCOUNTS || sum != TOTAL || esum != 0) {
			if (atomic_fetch_add(&bk->bad_scans, 1) < DIAG_MAX)
				diag("thread %d: a snapshot of %d accounts, balance %lld, escrow %lld",
				     w->n, n, sum, esum);
		}
	}
	worker_close(w);
	return NULL;
}

/* Table Accounts and its 64 accounts, inserted in one transaction. */
static JET_ERR create_accounts(struct bank *bk, JET_SESID ses, JET_DBID db)
{
	static const int32_t zero;
	JET_COLUMNCREATE_A cc[NCOLS] = {
		[C_ID] = { .cbStruct = sizeof(cc[0]), .szColumnName = "Id",
			   .coltyp = JET_coltypLong,
			   .grbit = JET_bitColumnFixed | JET_bitColumnNotNULL },
		[C_BALANCE] = { .cbStruct = sizeof(cc[0]),
				.szColumnName = "Balance",
				.coltyp = JET_coltypLongLong,
				.grbit = JET_bitColumnFixed },
		[C_ESCROW] = { .cbStruct = sizeof(cc[0]),
			       .szColumnName = "Escrow",
			       .coltyp = JET_coltypLong,
			       .grbit = JET_bitColumnFixed |
					JET_bitColumnEscrowUpdate,
			       .pvDefault = (void *)&zero,
			       .cbDefault = sizeof(zero) },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(idx), .szIndexName = "ById",
		.szKey = "+Id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(tc), .szTableName = "Accounts",
		.rgcolumncreate = cc, .cColumns = NCOLS,
		.rgindexcreate = &idx, .cIndexes = 1,
	};
	int64_t bal = START;
	JET_ERR err;
	int32_t id;
	int c;

	err = JetCreateTableColumnIndex(ses, db, &tc);
	if (err)
		return err;
	for (c = 0; c < NCOLS; c++)
		bk->col[c] = cc[c].columnid;
	err = JetBeginTransaction(ses);
	for (id = 0; id < NACCOUNTS && !err; id++) {
		err = JetPrepareUpdate(ses, tc.tableid, JET_prepInsert);
		if (!err)
			err = JetSetColumn(ses, tc.tableid, bk->col[C_ID], &id,
					   sizeof(id), 0, NULL);
		if (!err)
			err = JetSetColumn(ses, tc.tableid, bk->col[C_BALANCE],
					   &bal, sizeof(bal), 0, NULL);
		if (!err)
			err = JetUpdate(ses, tc.tableid, NULL, 0, NULL);
	}
	if (!err)
		err = JetCommitTransaction(ses, 0);
	else
		JetRollback(ses, 0);
	JetCloseTable(ses, tc.tableid);
	return err;
}

/* bank.txt: "id balance", one line per account in Id order. */
static int write_list(const long long *bal)
{
	FILE *f = fopen(KEEP_LIST, "w");
	int id, good = !!f;

	for (id = 0; good && id < NACCOUNTS; id++)
		good = fprintf(f, "%d %lld\n", id, bal[id]) > 0;
	if (f)
		good &= !fclose(f);
	return good;
}

int main(void)
{
	static struct worker ws[NWRITERS + NREADERS];
	pthread_t th[NWRITERS + NREADERS];
	int made[NWRITERS + NREADERS] = { 0 };
	long long bal[NACCOUNTS], sum, esum, want;
	struct bank *bk = calloc(1, sizeof(*bk));
	struct worker m = { 0 };
	long commits, conflicts, attempts;
	int i, n, bad = 0;

	if (!bk)
		return 1;
	bk->seed = (unsigned int)time(NULL);
	diag("seed %u", bk->seed);
	mkdir("tests/user/build/out", 0755);
	unlink(KEEP_FILE);
	unlink(KEEP_LIST);
	is(JetCreateInstance(&bk->inst, "bank"), 0, "an instance");
	is(JetSetSystemParameter(&bk->inst, 0, JET_paramMaxSessions, 64, NULL),
	   0, "JET_paramMaxSessions 64");
	is(JetInit(&bk->inst), 0, "JetInit");
	m.bk = bk;
	m.n = -1;
	is(JetBeginSession(bk->inst, &m.ses, NULL, NULL), 0, "a session");
	is(JetCreateDatabase(m.ses, KEEP_FILE, NULL, &m.db, 0), 0,
	   "JetCreateDatabase bank.edb");
	is(create_accounts(bk, m.ses, m.db), 0,
	   "table Accounts: %d accounts of %d, inserted in a transaction",
	   NACCOUNTS, START);

	atomic_store(&bk->writers_left, NWRITERS);
	for (i = 0; i < NWRITERS + NREADERS; i++) {
		ws[i].bk = bk;
		ws[i].n = i;
		ws[i].rnd = bk->seed + 7919u * (unsigned int)i;
		made[i] = !pthread_create(&th[i], NULL,
					  i < NWRITERS ? writer : reader,
					  &ws[i]);
		if (!made[i] && i < NWRITERS)
			atomic_fetch_sub(&bk->writers_left, 1);
	}
	for (i = 0, n = 0; i < NWRITERS + NREADERS; i++)
		n += made[i];
	is(n, NWRITERS + NREADERS, "%d writer and %d reader threads",
	   NWRITERS, NREADERS);
	for (i = 0; i < NWRITERS + NREADERS; i++)
		if (made[i])
			pthread_join(th[i], NULL);

	commits = atomic_load(&bk->commits) + atomic_load(&bk->escrow_commits);
	conflicts = atomic_load(&bk->conflicts);
	diag("commits %ld conflicts %ld rollbacks %ld", commits, conflicts,
	     atomic_load(&bk->rollbacks));
	attempts = commits + atomic_load(&bk->deliberate) + conflicts;
	diag("%ld escrow transfers, %ld deliberate rollbacks, %ld retries, conflict rate %.1f%% of %ld attempts",
	     atomic_load(&bk->escrow_commits), atomic_load(&bk->deliberate),
	     atomic_load(&bk->retries),
	     attempts ? 100.0 * conflicts / attempts : 0.0, attempts);
	diag("%ld reader scans; the engine: commits %lld rollbacks %lld write_conflicts %lld",
	     atomic_load(&bk->scans),
	     stat_get(bk->inst, "commits"), stat_get(bk->inst, "rollbacks"),
	     stat_get(bk->inst, "write_conflicts"));
	diag("the log: %lld durable commits in %lld log writes (group commit)",
	     stat_get(bk->inst, "commits_durable"),
	     stat_get(bk->inst, "log_writes"));
	is(atomic_load(&bk->errors), 0,
	   "every call returned success or WriteConflict");
	is(atomic_load(&bk->given_up), 0,
	   "every transfer went through within %d attempts", MAX_ATTEMPTS);
	ok(commits > 0, "transfers committed (%ld)", commits);
	ok(atomic_load(&bk->scans) >= NREADERS * MIN_SCANS,
	   "the readers scanned (%ld snapshots)", atomic_load(&bk->scans));
	is(atomic_load(&bk->bad_scans), 0,
	   "every snapshot: %d accounts, balance %lld, escrow 0", NACCOUNTS,
	   TOTAL);
	ok(stat_get(bk->inst, "commits") >= commits,
	   "the engine counted at least the committed transfers");
	ok(stat_get(bk->inst, "rollbacks") >= atomic_load(&bk->deliberate),
	   "... and at least the deliberate rollbacks");

	is(JetOpenTable(m.ses, m.db, "Accounts", NULL, 0, 0, &m.t), 0,
	   "the first session opens Accounts");
	for (i = 0; i < NACCOUNTS; i++)
		bal[i] = LLONG_MIN;
	is(scan(&m, &n, &sum, &esum, bal), 0, "... and scans it");
	is(n, NACCOUNTS, "%d accounts", NACCOUNTS);
	is(sum, TOTAL, "the total balance holds");
	is(esum, 0, "the escrow columns sum to 0");
	for (i = 0; i < NACCOUNTS; i++) {
		want = START + atomic_load(&bk->moved[i]);
		if (bal[i] != want && bad++ < DIAG_MAX)
			diag("account %d: balance %lld, want %lld", i, bal[i],
			     want);
	}
	is(bad, 0, "every balance is 1000 plus the committed transfers");
	for (i = 0, bad = 0; i < NACCOUNTS; i++) {
		int32_t e = 0;
		unsigned long len = 0;

		if (seek_id(&m, i) ||
		    JetRetrieveColumn(m.ses, m.t, bk->col[C_ESCROW], &e,
				      sizeof(e), &len, 0, NULL) ||
		    e != atomic_load(&bk->esc_moved[i]))
			bad++;
	}
	is(bad, 0, "every escrow column holds its committed deltas");
	ok(write_list(bal), "bank.txt lists the balances");

	is(JetCloseTable(m.ses, m.t), 0, "JetCloseTable");
	is(JetCloseDatabase(m.ses, m.db, 0), 0, "JetCloseDatabase");
	is(JetDetachDatabase(m.ses, KEEP_FILE), 0, "JetDetachDatabase");
	is(JetEndSession(m.ses, 0), 0, "JetEndSession");
	is(stat_get(bk->inst, "sessions"), 0, "no session left open");
	is(JetTerm(bk->inst), 0, "JetTerm");
	free(bk);
	return tap_done();
}
