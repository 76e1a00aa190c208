// SPDX-License-Identifier: GPL-2.0-only
/*
 * Transactions under stress, on one instance and one database,
 * tests/user/build/out/trx-stress.edb, with four tables T0..T3 of Id (the
 * primary key, 0..199), Val, Esc (an escrow column, default 0) and Blob
 * (a tagged long value).  Every version of a row written here keeps Blob
 * either NULL or a pattern of its table, Id and Val (and its own length),
 * so a reader that sees a Blob of one version next to the Val of another,
 * or a torn long value, notices.
 *  - 8 writers, each with a session, a JetOpenDatabase and a cursor on
 *    every table of its own, run transactions of 1-4 random operations:
 *    insert, replace of Val and Blob (NULL, or up to 20000 bytes), delete,
 *    JetEscrowUpdate of Esc by +1 or -1, JetGetLock (read or write); one
 *    in five also changes a row in a nested level and rolls that level
 *    back, which must leave the row as it was.  85% commit, 15% roll back
 *    on purpose; on JET_errWriteConflict the whole transaction rolls back
 *    (JET_bitRollbackAll).  The writers also read their own changes back.
 *  - 2 readers scan every table in a transaction of their own: Ids in
 *    range and in key order, every Blob matching its row; one scan in
 *    three scans everything again in the same transaction and must see
 *    the same rows, values and lengths (the snapshot holds still).
 *  - 1 DDL thread creates tables Tmp<k> in transactions, inserts a few
 *    rows, sometimes adds a column, then commits or rolls back (50/50),
 *    and deletes committed ones in transactions, committed or rolled
 *    back; each outcome is checked with JetOpenTable and a scan, and at
 *    the end exactly the committed tables exist.
 * The only errors allowed are the ones the semantics allow:
 * JET_errWriteConflict, JET_errKeyDuplicate on insert, JET_errRecordNotFound
 * on seek.  Inside a transaction nothing another session does takes a
 * record away, so JET_errRecordDeleted and JET_errNoCurrentRecord (but at
 * the end of a scan) count as unexpected too.
 *
 * The writers keep a history of what they changed, with a clock read
 * around each commit: when two scans of a snapshot disagree, the changes
 * of that row around the snapshot are listed (which version the snapshot
 * had to see).  At the end every row is checked once more, against the
 * last committed change of its Id too, no transaction may be left open,
 * the version store must empty, and JetDetachDatabase and JetTerm must
 * succeed.
 *
 * The seed is printed; argv[1] sets it, argv[2] the number of
 * transactions per writer.  It fixes what each thread does, not how the
 * threads interleave.
 */
#include <stdatomic.h>
#include <stdint.h>

#include "tap.h"
#include "util.h"

#define KEEP_FILE	"tests/user/build/out/trx-stress.edb"
#define NTABLES		4
#define NIDS		200	/* Ids 0..NIDS-1 */
#define NWRITERS	8
#define NREADERS	2
#define ITERATIONS	3000	/* transactions per writer */
#define BLOB_MAX	20000
#define BLOB_HDR	16	/* table, Id, Val and length, in front */
#define BUF_LEN		(BLOB_MAX + 4096)
#define VER_PAGES	1024	/* 32 MiB: the readers hold snapshots long */
#define MIN_SCANS	2	/* per reader, even when the writers are done */
#define NTMP_MAX	4000	/* Tmp tables the DDL thread creates at most */
#define TMP_ROWS	5
#define ROWS_MAX	(2 * NIDS)	/* rows of a scan kept to compare */
#define DIAG_MAX	10	/* of each kind of trouble shown */

enum { C_ID, C_VAL, C_ESC, C_BLOB, NCOLS };

/* A row as read. */
struct row {
	int32_t id, val, esc;
	unsigned long blen;
};

/*
 * The writers' history: each version of a row written or deleted, its
 * fate and the test's clock (a counter every thread steps) read when the
 * change was made and around its commit or rollback.  Readers read the
 * clock around JetBeginTransaction and their scans.
 */
enum hist_op { H_INSERT, H_REPLACE, H_DELETE };
enum hist_fate { H_COMMITTED, H_ROLLED_BACK, H_LEVEL_ROLLED_BACK };

struct hist {
	int32_t id, val;	/* the version written, or deleted */
	int8_t tb, op, fate, thread;
	uint64_t wt;		/* the clock after the change was made */
	uint64_t c0, c1;	/* ... around its commit or rollback */
};

#define PEND_MAX	(NIDS + 16)	/* versions of one transaction */
#define ANOMALY_MAX	8		/* snapshot anomalies explained */

/* Two scans of one snapshot disagreeing on a row. */
struct anomaly {
	int thread, tb;
	int32_t id;
	struct row a, b;
	int has_a, has_b;
	uint64_t b0, b1;	/* the clock around the reader's begin */
	uint64_t s0, s1, t0, t1;	/* ... around the two scans */
};

enum tmp_state { TMP_NONE, TMP_LIVE, TMP_ROLLED_BACK, TMP_DELETED };

struct tmp {
	enum tmp_state state;
	int rows;
	int extra;	/* has column Extra */
};

struct stress {
	JET_INSTANCE inst;
	JET_COLUMNID col[NTABLES][NCOLS];
	unsigned int seed;
	int iterations;
	atomic_int writers_left;
	/* writers */
	atomic_long commits, rollbacks, conflicts, trx_failed;
	atomic_long inserts, keydups, replaces, blobs, deletes, escrows, locks;
	atomic_long notfound, nested, own_checks;
	/* readers */
	atomic_long scans, rescans, rows_scanned;
	/* the DDL thread */
	atomic_long ddl_commits, ddl_rollbacks, del_commits, del_rollbacks;
	atomic_long add_columns;
	int ntmp;
	struct tmp tmp[NTMP_MAX];
	/* trouble */
	atomic_long errors;		/* unexpected error codes */
	atomic_long bad_rows;		/* a row not as written */
	atomic_long bad_own;		/* a writer's own change not seen */
	atomic_long bad_nested;		/* a rolled back level left a trace */
	atomic_long bad_snapshots;	/* a rescan saw something else */
	atomic_long bad_ddl;		/* a table there or not, wrongly */
	atomic_long open_trx;		/* a session ended in a transaction */
	/* the history */
	atomic_ullong clock;
	pthread_mutex_t hist_lock;
	struct hist *hist;
	size_t nhist, hist_max;
	atomic_int nanomalies;
	struct anomaly anomalies[ANOMALY_MAX];
};

/* One thread's session, database and cursors. */
struct worker {
	struct stress *st;
	int n;
	JET_SESID ses;
	JET_DBID db;
	JET_TABLEID t[NTABLES];
	unsigned int rnd;
	unsigned char *buf;	/* BUF_LEN bytes */
	struct row *rows;	/* readers: (NTABLES + 1) * ROWS_MAX */
	const char *what;	/* the last call made */
	int tb;			/* the table and Id it was about */
	int32_t id;
	struct hist pend[PEND_MAX];	/* writers: this transaction's */
	int npend, nested_from;		/* ... from here on in level 2 */
	uint64_t b0, b1;		/* readers: the clock around begin */
	uint64_t s0[NTABLES], s1[NTABLES];	/* ... around a scan */
	uint64_t t0, t1;			/* ... around a rescan */
};

/* Make a call and remember its name for the report of an error. */
#define J(w, fn, ...) ((w)->what = #fn, fn(__VA_ARGS__))

static const char *tb_name[NTABLES] = { "T0", "T1", "T2", "T3" };

static void st_error(struct worker *w, JET_ERR err)
{
	if (atomic_fetch_add(&w->st->errors, 1) < DIAG_MAX)
		diag("thread %d: %s on %s Id %d -> %ld", w->n, w->what,
		     w->tb >= 0 ? tb_name[w->tb] : "-", w->id, (long)err);
}

static void st_trouble(atomic_long *counter, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void st_trouble(atomic_long *counter, const char *fmt, ...)
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

static unsigned int rnd(struct worker *w, unsigned int n)
{
	return (unsigned int)rand_r(&w->rnd) % n;
}

/* Byte @i of the Blob of row (@tb, @id) with Val @val. */
static unsigned char blob_byte(int tb, int32_t id, int32_t val,
			       unsigned long i)
{
	uint32_t x = (uint32_t)val * 2654435761u ^ (uint32_t)id * 40503u ^
		     (uint32_t)tb << 28;

	x += (uint32_t)i * 0x9e3779b9u;
	x ^= x >> 15;
	x *= 0x85ebca6bu;
	x ^= x >> 13;
	return (unsigned char)x;
}

static void blob_fill(unsigned char *b, int tb, int32_t id, int32_t val,
		      unsigned long len)
{
	uint32_t hdr[4] = { 0x5354u << 16 | (uint32_t)tb, (uint32_t)id,
			    (uint32_t)val, (uint32_t)len };
	unsigned long i;

	memcpy(b, hdr, sizeof(hdr));
	for (i = BLOB_HDR; i < len; i++)
		b[i] = blob_byte(tb, id, val, i);
}

/* Whether @len bytes at @b are the Blob of (@tb, @id, @val). */
static int blob_ok(const unsigned char *b, unsigned long len, int tb,
		   int32_t id, int32_t val)
{
	uint32_t hdr[4];
	unsigned long i;

	if (len < BLOB_HDR || len > BLOB_MAX)
		return 0;
	memcpy(hdr, b, sizeof(hdr));
	if (hdr[0] != (0x5354u << 16 | (uint32_t)tb) ||
	    hdr[1] != (uint32_t)id || hdr[2] != (uint32_t)val ||
	    hdr[3] != len)
		return 0;
	for (i = BLOB_HDR; i < len; i++)
		if (b[i] != blob_byte(tb, id, val, i))
			return 0;
	return 1;
}

/* A Blob length: NULL, one that fits in the record, or a long one. */
static unsigned long blob_len(struct worker *w)
{
	switch (rnd(w, 3)) {
	case 0:
		return 0;
	case 1:
		return BLOB_HDR + rnd(w, 2000);
	default:
		return 2000 + rnd(w, BLOB_MAX - 2000 + 1);
	}
}

static int32_t new_val(struct worker *w)
{
	return (int32_t)(rand_r(&w->rnd) & 0x7fffffff);
}

static uint64_t tick(struct stress *st)
{
	return atomic_fetch_add(&st->clock, 1) + 1;
}

/* A version this transaction wrote or deleted. */
static void pend(struct worker *w, int tb, int32_t id, int32_t val, int op)
{
	struct hist *h;

	if (w->npend >= PEND_MAX)
		return;
	h = &w->pend[w->npend++];
	h->tb = (int8_t)tb;
	h->id = id;
	h->val = val;
	h->op = (int8_t)op;
	h->thread = (int8_t)w->n;
	h->wt = tick(w->st);
}

/* The transaction is over: its versions go to the history. */
static void pend_flush(struct worker *w, int fate, uint64_t c0, uint64_t c1)
{
	struct stress *st = w->st;
	struct hist *h;
	int i;

	pthread_mutex_lock(&st->hist_lock);
	if (st->nhist + (size_t)w->npend > st->hist_max) {
		size_t max = (st->hist_max + (size_t)w->npend) * 2;

		h = realloc(st->hist, max * sizeof(*h));
		if (h) {
			st->hist = h;
			st->hist_max = max;
		}
	}
	for (i = 0; i < w->npend && st->nhist < st->hist_max; i++) {
		h = &st->hist[st->nhist++];
		*h = w->pend[i];
		h->fate = (int8_t)(i >= w->nested_from ? H_LEVEL_ROLLED_BACK :
				   fate);
		h->c0 = c0;
		h->c1 = c1;
	}
	pthread_mutex_unlock(&st->hist_lock);
	w->npend = 0;
	w->nested_from = PEND_MAX;
}

static JET_ERR seek_id(struct worker *w, int tb, int32_t id)
{
	JET_ERR err;

	w->tb = tb;
	w->id = id;
	err = J(w, JetMakeKey, w->ses, w->t[tb], &id, sizeof(id),
		JET_bitNewKey);
	return err ? err : J(w, JetSeek, w->ses, w->t[tb], JET_bitSeekEQ);
}

/*
 * Insert row @id of table @tb, or replace the current one: Val @val and
 * a Blob of @blen bytes (NULL when 0).  A failed update is cancelled.
 */
static JET_ERR put_row(struct worker *w, int tb, int32_t id, int32_t val,
		       unsigned long blen, int insert)
{
	const JET_COLUMNID *col = w->st->col[tb];
	JET_TABLEID t = w->t[tb];
	JET_SESID s = w->ses;
	JET_ERR err;

	w->tb = tb;
	w->id = id;
	err = J(w, JetPrepareUpdate, s, t,
		insert ? JET_prepInsert : JET_prepReplace);
	if (err)
		return err;
	if (insert)
		err = J(w, JetSetColumn, s, t, col[C_ID], &id, sizeof(id), 0,
			NULL);
	if (!err)
		err = J(w, JetSetColumn, s, t, col[C_VAL], &val, sizeof(val),
			0, NULL);
	if (!err && (blen || !insert)) {
		if (blen)
			blob_fill(w->buf, tb, id, val, blen);
		err = J(w, JetSetColumn, s, t, col[C_BLOB],
			blen ? w->buf : NULL, blen, 0, NULL);
	}
	if (!err)
		err = J(w, JetUpdate, s, t, NULL, 0, NULL);
	if (err)
		JetPrepareUpdate(s, t, JET_prepCancel);
	else
		pend(w, tb, id, val, insert ? H_INSERT : H_REPLACE);
	return err;
}

/* Read a fixed 4-byte column of the current record. */
static JET_ERR get_long(struct worker *w, int tb, int c, int32_t *v)
{
	unsigned long len = 0;
	JET_ERR err;

	*v = -1;
	err = J(w, JetRetrieveColumn, w->ses, w->t[tb], w->st->col[tb][c], v,
		sizeof(*v), &len, 0, NULL);
	if (!err && len != sizeof(*v))
		err = JET_errInvalidBufferSize;
	return err;
}

/* Read the current record of @tb; its Blob is left in w->buf. */
static JET_ERR read_row(struct worker *w, int tb, struct row *r)
{
	JET_ERR err;

	memset(r, 0, sizeof(*r));
	err = get_long(w, tb, C_ID, &r->id);
	if (!err)
		err = get_long(w, tb, C_VAL, &r->val);
	if (!err)
		err = get_long(w, tb, C_ESC, &r->esc);
	if (!err) {
		err = J(w, JetRetrieveColumn, w->ses, w->t[tb],
			w->st->col[tb][C_BLOB], w->buf, BUF_LEN, &r->blen, 0,
			NULL);
		if (err == JET_wrnColumnNull && r->blen == 0)
			err = 0;
	}
	return err;
}

/* Whether a row read is one this test could have written. */
static int row_ok(struct worker *w, int tb, const struct row *r)
{
	if (r->id < 0 || r->id >= NIDS) {
		st_trouble(&w->st->bad_rows, "thread %d: %s holds Id %d",
			   w->n, tb_name[tb], r->id);
		return 0;
	}
	if (r->blen && !blob_ok(w->buf, r->blen, tb, r->id, r->val)) {
		st_trouble(&w->st->bad_rows,
			   "thread %d: %s Id %d Val %d: a Blob of %lu bytes that is not its own",
			   w->n, tb_name[tb], r->id, r->val, r->blen);
		return 0;
	}
	return 1;
}

/* Seek @id and read it; JET_errRecordNotFound passes through. */
static JET_ERR seek_read(struct worker *w, int tb, int32_t id, struct row *r)
{
	JET_ERR err = seek_id(w, tb, id);

	return err ? err : read_row(w, tb, r);
}

/*
 * The writers' operations: 0 when done or refused as the semantics allow
 * (a duplicate key, a row not there), JET_errWriteConflict, or another
 * error (unexpected).
 */
static JET_ERR op_insert(struct worker *w, int tb, int32_t id)
{
	JET_ERR err = put_row(w, tb, id, new_val(w), blob_len(w), 1);

	if (err == JET_errKeyDuplicate) {
		atomic_fetch_add(&w->st->keydups, 1);
		return 0;
	}
	if (!err)
		atomic_fetch_add(&w->st->inserts, 1);
	return err;
}

static JET_ERR op_replace(struct worker *w, int tb, int32_t id)
{
	int32_t val = new_val(w);
	unsigned long blen = blob_len(w);
	struct row r;
	JET_ERR err = seek_id(w, tb, id);

	if (!err)
		err = put_row(w, tb, id, val, blen, 0);
	if (err)
		return err;
	atomic_fetch_add(&w->st->replaces, 1);
	if (blen)
		atomic_fetch_add(&w->st->blobs, 1);
	if (rnd(w, 4))
		return 0;
	/* The transaction sees its own change. */
	atomic_fetch_add(&w->st->own_checks, 1);
	err = seek_read(w, tb, id, &r);
	if (err)
		return err;
	if (r.id != id || r.val != val || r.blen != blen ||
	    (blen && !blob_ok(w->buf, blen, tb, id, val)))
		st_trouble(&w->st->bad_own,
			   "thread %d: %s Id %d replaced with Val %d and %lu bytes reads back Id %d Val %d and %lu bytes",
			   w->n, tb_name[tb], id, val, blen, r.id, r.val,
			   r.blen);
	return 0;
}

static JET_ERR op_delete(struct worker *w, int tb, int32_t id)
{
	JET_ERR err = seek_id(w, tb, id);
	int32_t val = -1;

	if (!err)
		err = get_long(w, tb, C_VAL, &val);
	if (!err)
		err = J(w, JetDelete, w->ses, w->t[tb]);
	if (err)
		return err;
	pend(w, tb, id, val, H_DELETE);
	atomic_fetch_add(&w->st->deletes, 1);
	/* The transaction sees its own delete. */
	err = seek_id(w, tb, id);
	if (err == JET_errRecordNotFound)
		return 0;
	if (!err)
		st_trouble(&w->st->bad_own,
			   "thread %d: %s Id %d still found after its delete",
			   w->n, tb_name[tb], id);
	return err;
}

static JET_ERR op_escrow(struct worker *w, int tb, int32_t id)
{
	int32_t delta = rnd(w, 2) ? 1 : -1, old = 0;
	unsigned long len = 0;
	JET_ERR err = seek_id(w, tb, id);

	if (!err)
		err = J(w, JetEscrowUpdate, w->ses, w->t[tb],
			w->st->col[tb][C_ESC], &delta, sizeof(delta), &old,
			sizeof(old), &len, 0);
	if (!err && len != sizeof(old))
		err = JET_errInvalidBufferSize;
	if (!err)
		atomic_fetch_add(&w->st->escrows, 1);
	return err;
}

static JET_ERR op_lock(struct worker *w, int tb, int32_t id)
{
	JET_ERR err = seek_id(w, tb, id);

	if (!err)
		err = J(w, JetGetLock, w->ses, w->t[tb],
			rnd(w, 2) ? JET_bitReadLock : JET_bitWriteLock);
	if (!err)
		atomic_fetch_add(&w->st->locks, 1);
	return err;
}

static JET_ERR writer_op(struct worker *w)
{
	int tb = (int)rnd(w, NTABLES);
	int32_t id = (int32_t)rnd(w, NIDS);
	unsigned int p = rnd(w, 100);
	JET_ERR err;

	if (p < 30)
		return op_insert(w, tb, id);
	if (p < 60)
		err = op_replace(w, tb, id);
	else if (p < 75)
		err = op_delete(w, tb, id);
	else if (p < 90)
		err = op_escrow(w, tb, id);
	else
		err = op_lock(w, tb, id);
	if (err == JET_errRecordNotFound) {
		atomic_fetch_add(&w->st->notfound, 1);
		err = 0;
	}
	return err;
}

static long info_level(JET_SESID ses)
{
	JET_SESSIONINFO info;

	memset(&info, 0xff, sizeof(info));
	if (JetGetSessionInfo(ses, &info, sizeof(info), JET_SessionInfo))
		return -1;
	return (long)info.ulTrxLevel;
}

/*
 * A nested level changes a row (replace or delete, or insert where there
 * is none) and rolls back: the row must be as before.
 */
static JET_ERR nested(struct worker *w)
{
	int tb = (int)rnd(w, NTABLES);
	int32_t id = (int32_t)rnd(w, NIDS);
	struct row before, after;
	JET_ERR err = seek_read(w, tb, id, &before);
	int present = !err, del = 0;
	long level;

	if (err && err != JET_errRecordNotFound)
		return err;
	err = J(w, JetBeginTransaction, w->ses);
	if (err)
		return err;
	w->nested_from = w->npend;
	if (!present) {
		err = put_row(w, tb, id, new_val(w), blob_len(w), 1);
	} else if (rnd(w, 3) == 0) {
		del = 1;
		err = J(w, JetDelete, w->ses, w->t[tb]);
		if (!err)
			pend(w, tb, id, before.val, H_DELETE);
	} else {
		err = put_row(w, tb, id, new_val(w), blob_len(w), 0);
	}
	/* Another session's row this snapshot does not see: a duplicate. */
	if (err && err != JET_errKeyDuplicate)
		return err;
	err = J(w, JetRollback, w->ses, 0);
	if (err)
		return err;
	atomic_fetch_add(&w->st->nested, 1);
	level = info_level(w->ses);
	if (level != 1)
		st_trouble(&w->st->bad_nested,
			   "thread %d: level %ld after rolling back level 2",
			   w->n, level);
	err = seek_read(w, tb, id, &after);
	if (!present) {
		if (err == JET_errRecordNotFound)
			return 0;
		if (!err)
			st_trouble(&w->st->bad_nested,
				   "thread %d: %s Id %d, inserted in a level rolled back, is there",
				   w->n, tb_name[tb], id);
		return err;
	}
	if (err == JET_errRecordNotFound) {
		st_trouble(&w->st->bad_nested,
			   "thread %d: %s Id %d, %s in a level rolled back, is gone",
			   w->n, tb_name[tb], id, del ? "deleted" : "replaced");
		return 0;
	}
	if (err)
		return err;
	if (after.id != before.id || after.val != before.val ||
	    after.esc != before.esc || after.blen != before.blen ||
	    (after.blen &&
	     !blob_ok(w->buf, after.blen, tb, after.id, after.val)))
		st_trouble(&w->st->bad_nested,
			   "thread %d: %s Id %d after a nested %s rolled back: Val %d Esc %d %lu bytes, was Val %d Esc %d %lu bytes",
			   w->n, tb_name[tb], id, del ? "delete" : "replace",
			   after.val, after.esc, after.blen, before.val,
			   before.esc, before.blen);
	return 0;
}

/* One transaction of a writer. */
static void writer_trx(struct worker *w)
{
	struct stress *st = w->st;
	int i, nops = 1 + (int)rnd(w, 4);
	uint64_t c0, c1;
	JET_ERR err, e;

	w->tb = -1;
	w->id = -1;
	err = J(w, JetBeginTransaction, w->ses);
	if (err) {
		st_error(w, err);
		return;
	}
	for (i = 0; i < nops && !err; i++)
		err = writer_op(w);
	if (!err && rnd(w, 5) == 0)
		err = nested(w);
	if (!err) {
		w->tb = -1;
		w->id = -1;
		if (rnd(w, 100) < 85) {
			c0 = tick(st);
			err = J(w, JetCommitTransaction, w->ses, 0);
			c1 = tick(st);
			if (!err) {
				atomic_fetch_add(&st->commits, 1);
				pend_flush(w, H_COMMITTED, c0, c1);
				return;
			}
		} else {
			c0 = tick(st);
			err = J(w, JetRollback, w->ses, 0);
			c1 = tick(st);
			if (!err) {
				atomic_fetch_add(&st->rollbacks, 1);
				pend_flush(w, H_ROLLED_BACK, c0, c1);
				return;
			}
		}
	}
	if (err == JET_errWriteConflict) {
		atomic_fetch_add(&st->conflicts, 1);
	} else {
		st_error(w, err);
		atomic_fetch_add(&st->trx_failed, 1);
	}
	w->tb = -1;
	w->id = -1;
	c0 = tick(st);
	e = J(w, JetRollback, w->ses, JET_bitRollbackAll);
	c1 = tick(st);
	if (e)
		st_error(w, e);
	pend_flush(w, H_ROLLED_BACK, c0, c1);
}

static JET_ERR worker_open(struct worker *w, int tables)
{
	JET_ERR err;
	int tb;

	w->tb = -1;
	w->id = -1;
	w->nested_from = PEND_MAX;
	w->buf = malloc(BUF_LEN);
	if (!w->buf)
		return JET_errOutOfMemory;
	err = J(w, JetBeginSession, w->st->inst, &w->ses, NULL, NULL);
	if (!err)
		err = J(w, JetOpenDatabase, w->ses, KEEP_FILE, NULL, &w->db, 0);
	for (tb = 0; tables && tb < NTABLES && !err; tb++)
		err = J(w, JetOpenTable, w->ses, w->db, tb_name[tb], NULL, 0,
			0, &w->t[tb]);
	return err;
}

/* Close everything; the session must be at level 0 by now. */
static void worker_close(struct worker *w, int tables)
{
	long level = info_level(w->ses);
	JET_ERR err = 0;
	int tb;

	w->tb = -1;
	w->id = -1;
	if (level != 0)
		st_trouble(&w->st->open_trx,
			   "thread %d: the session ends at level %ld", w->n,
			   level);
	for (tb = 0; tables && tb < NTABLES && !err; tb++)
		err = J(w, JetCloseTable, w->ses, w->t[tb]);
	if (!err)
		err = J(w, JetCloseDatabase, w->ses, w->db, 0);
	if (!err)
		err = J(w, JetEndSession, w->ses, 0);
	if (err)
		st_error(w, err);
	free(w->buf);
	w->buf = NULL;
}

static void *writer(void *p)
{
	struct worker *w = p;
	JET_ERR err = worker_open(w, 1);
	int i;

	if (err) {
		st_error(w, err);
	} else {
		for (i = 0; i < w->st->iterations; i++)
			writer_trx(w);
	}
	worker_close(w, 1);
	atomic_fetch_sub(&w->st->writers_left, 1);
	return NULL;
}

/*
 * Scan table @tb: every row checked, Ids in key order; how many rows, a
 * digest of what they hold and, if @rows, the first ROWS_MAX of them.
 */
static JET_ERR scan(struct worker *w, int tb, long *n, uint64_t *digest,
		    struct row *rows)
{
	int32_t prev = -1;
	struct row r;
	JET_ERR err;

	*n = 0;
	*digest = 14695981039346656037ull;
	w->tb = tb;
	w->id = -1;
	for (err = J(w, JetMove, w->ses, w->t[tb], JET_MoveFirst, 0); !err;
	     err = J(w, JetMove, w->ses, w->t[tb], JET_MoveNext, 0)) {
		err = read_row(w, tb, &r);
		if (err)
			return err;
		w->id = r.id;
		if (rows && *n < ROWS_MAX)
			rows[*n] = r;
		(*n)++;
		row_ok(w, tb, &r);
		if (r.id <= prev)
			st_trouble(&w->st->bad_rows,
				   "thread %d: %s: Id %d follows Id %d",
				   w->n, tb_name[tb], r.id, prev);
		prev = r.id;
		*digest = (*digest ^ (uint32_t)r.id) * 1099511628211ull;
		*digest = (*digest ^ (uint32_t)r.val) * 1099511628211ull;
		*digest = (*digest ^ (uint32_t)r.esc) * 1099511628211ull;
		*digest = (*digest ^ r.blen) * 1099511628211ull;
	}
	return err == JET_errNoCurrentRecord ? 0 : err;
}

static int row_fmt(char *buf, size_t len, const struct row *r)
{
	if (!r)
		return snprintf(buf, len, "none");
	return snprintf(buf, len, "Val %d Esc %d Blob %lu", r->val, r->esc,
			r->blen);
}

/* Keep a row two scans disagree on, to explain at the end. */
static void anomaly_add(struct worker *w, int tb, const struct row *a,
			const struct row *b)
{
	int i = atomic_fetch_add(&w->st->nanomalies, 1);
	struct anomaly *an;

	if (i >= ANOMALY_MAX)
		return;
	an = &w->st->anomalies[i];
	an->thread = w->n;
	an->tb = tb;
	an->id = a ? a->id : b->id;
	an->has_a = !!a;
	an->has_b = !!b;
	if (a)
		an->a = *a;
	if (b)
		an->b = *b;
	an->b0 = w->b0;
	an->b1 = w->b1;
	an->s0 = w->s0[tb];
	an->s1 = w->s1[tb];
	an->t0 = w->t0;
	an->t1 = w->t1;
}

/* The first few rows two scans of one snapshot disagree on. */
static void scan_diff(struct worker *w, int tb, const struct row *a, long na,
		      const struct row *b, long nb)
{
	long i = 0, j = 0;
	int shown = 0;

	na = na < ROWS_MAX ? na : ROWS_MAX;
	nb = nb < ROWS_MAX ? nb : ROWS_MAX;
	while ((i < na || j < nb) && shown < 4) {
		const struct row *p = i < na ? &a[i] : NULL;
		const struct row *q = j < nb ? &b[j] : NULL;

		if (p && q && p->id == q->id) {
			i++;
			j++;
			if (p->val == q->val && p->esc == q->esc &&
			    p->blen == q->blen)
				continue;
		} else if (p && (!q || p->id < q->id)) {
			q = NULL;
			i++;
		} else {
			p = NULL;
			j++;
		}
		anomaly_add(w, tb, p, q);
		shown++;
	}
}

/* One snapshot: every table, twice when @again. */
static JET_ERR reader_trx(struct worker *w, int again)
{
	uint64_t digest[NTABLES], d;
	long n[NTABLES], m;
	JET_ERR err;
	int tb;

	for (tb = 0; tb < NTABLES; tb++) {
		w->s0[tb] = tick(w->st);
		err = scan(w, tb, &n[tb], &digest[tb],
			   w->rows + (size_t)tb * ROWS_MAX);
		w->s1[tb] = tick(w->st);
		if (err)
			return err;
		atomic_fetch_add(&w->st->rows_scanned, n[tb]);
	}
	for (tb = 0; again && tb < NTABLES; tb++) {
		w->t0 = tick(w->st);
		err = scan(w, tb, &m, &d, w->rows + (size_t)NTABLES * ROWS_MAX);
		w->t1 = tick(w->st);
		if (err)
			return err;
		if (m == n[tb] && d == digest[tb])
			continue;
		scan_diff(w, tb, w->rows + (size_t)tb * ROWS_MAX, n[tb],
			  w->rows + (size_t)NTABLES * ROWS_MAX, m);
		st_trouble(&w->st->bad_snapshots,
			   "thread %d: %s scanned again in one transaction: %ld rows, %ld before%s",
			   w->n, tb_name[tb], m, n[tb],
			   d != digest[tb] ? ", other values" : "");
	}
	if (again)
		atomic_fetch_add(&w->st->rescans, 1);
	return 0;
}

static void *reader(void *p)
{
	struct worker *w = p;
	struct stress *st = w->st;
	JET_ERR err = worker_open(w, 1), e;
	int done = 0;

	w->rows = calloc((NTABLES + 1) * ROWS_MAX, sizeof(*w->rows));
	if (!err && !w->rows)
		err = JET_errOutOfMemory;
	if (err) {
		st_error(w, err);
		worker_close(w, 1);
		free(w->rows);
		return NULL;
	}
	while (atomic_load(&st->writers_left) > 0 || done < MIN_SCANS) {
		w->tb = -1;
		w->id = -1;
		w->b0 = tick(st);
		err = J(w, JetBeginTransaction, w->ses);
		w->b1 = tick(st);
		if (err) {
			st_error(w, err);
			break;
		}
		err = reader_trx(w, rnd(w, 3) == 0);
		if (!err) {
			w->tb = -1;
			err = J(w, JetCommitTransaction, w->ses, 0);
		}
		if (err) {
			st_error(w, err);
			e = JetRollback(w->ses, JET_bitRollbackAll);
			if (e)
				st_error(w, e);
			break;
		}
		done++;
		atomic_fetch_add(&st->scans, 1);
	}
	worker_close(w, 1);
	free(w->rows);
	return NULL;
}

/* The DDL thread's check of one Tmp table: there (with its rows) or not. */
static void tmp_check(struct worker *w, int k, const char *when)
{
	struct tmp *tp = &w->st->tmp[k];
	JET_COLUMNDEF cd;
	JET_TABLEID t;
	char name[16];
	JET_ERR err;
	int n = 0;

	snprintf(name, sizeof(name), "Tmp%d", k);
	w->tb = -1;
	w->id = k;
	err = J(w, JetOpenTable, w->ses, w->db, name, NULL, 0, 0, &t);
	if (tp->state != TMP_LIVE) {
		if (err == JET_errObjectNotFound)
			return;
		if (!err) {
			st_trouble(&w->st->bad_ddl, "%s: %s is there", when,
				   name);
			JetCloseTable(w->ses, t);
		} else {
			st_error(w, err);
		}
		return;
	}
	if (err == JET_errObjectNotFound) {
		st_trouble(&w->st->bad_ddl, "%s: %s is missing", when, name);
		return;
	}
	if (err) {
		st_error(w, err);
		return;
	}
	for (err = J(w, JetMove, w->ses, t, JET_MoveFirst, 0); !err;
	     err = J(w, JetMove, w->ses, t, JET_MoveNext, 0))
		n++;
	if (err != JET_errNoCurrentRecord)
		st_error(w, err);
	else if (n != tp->rows)
		st_trouble(&w->st->bad_ddl, "%s: %s has %d rows, not %d", when,
			   name, n, tp->rows);
	err = J(w, JetGetTableColumnInfo, w->ses, t, "Extra", &cd, sizeof(cd),
		JET_ColInfo);
	if (tp->extra ? err != 0 : err != JET_errColumnNotFound)
		st_trouble(&w->st->bad_ddl, "%s: %s: column Extra %s (%ld)",
			   when, name, tp->extra ? "missing" : "there",
			   (long)err);
	err = J(w, JetCloseTable, w->ses, t);
	if (err)
		st_error(w, err);
}

/* Create Tmp<k> with a few rows in a transaction; commit or roll back. */
static JET_ERR tmp_create(struct worker *w, int k)
{
	JET_COLUMNCREATE_A cc[2] = {
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "K",
		  .coltyp = JET_coltypLong,
		  .grbit = JET_bitColumnFixed | JET_bitColumnNotNULL },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "V",
		  .coltyp = JET_coltypBinary },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(idx), .szIndexName = "ByK",
		.szKey = "+K\0", .cbKey = 4, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(tc), .rgcolumncreate = cc, .cColumns = 2,
		.rgindexcreate = &idx, .cIndexes = 1,
	};
	JET_COLUMNDEF def = { .cbStruct = sizeof(def),
			      .coltyp = JET_coltypLong,
			      .grbit = JET_bitColumnTagged };
	struct tmp *tp = &w->st->tmp[k];
	int rows = 1 + (int)rnd(w, TMP_ROWS), extra = rnd(w, 2), i;
	int commit = rnd(w, 2), created;
	JET_COLUMNID ecol;
	JET_SESID s = w->ses;
	char name[16], v[64];
	JET_ERR err, e;
	int32_t key;

	snprintf(name, sizeof(name), "Tmp%d", k);
	tc.szTableName = name;
	w->tb = -1;
	w->id = k;
	err = J(w, JetBeginTransaction, s);
	if (err)
		return err;
	err = J(w, JetCreateTableColumnIndex, s, w->db, &tc);
	created = !err;
	for (i = 0; i < rows && !err; i++) {
		key = i;
		memset(v, k + i, sizeof(v));
		err = J(w, JetPrepareUpdate, s, tc.tableid, JET_prepInsert);
		if (!err)
			err = J(w, JetSetColumn, s, tc.tableid, cc[0].columnid,
				&key, sizeof(key), 0, NULL);
		if (!err)
			err = J(w, JetSetColumn, s, tc.tableid, cc[1].columnid,
				v, 1 + rnd(w, sizeof(v)), 0, NULL);
		if (!err)
			err = J(w, JetUpdate, s, tc.tableid, NULL, 0, NULL);
	}
	if (!err && extra) {
		err = J(w, JetAddColumn, s, tc.tableid, "Extra", &def, NULL, 0,
			&ecol);
		if (!err)
			atomic_fetch_add(&w->st->add_columns, 1);
	}
	if (created) {
		e = J(w, JetCloseTable, s, tc.tableid);
		err = err ? err : e;
	}
	if (!err && commit) {
		err = J(w, JetCommitTransaction, s, 0);
		if (!err) {
			tp->state = TMP_LIVE;
			tp->rows = rows;
			tp->extra = extra;
			atomic_fetch_add(&w->st->ddl_commits, 1);
			tmp_check(w, k, "after the commit of its create");
			return 0;
		}
	}
	e = J(w, JetRollback, s, 0);
	if (e)
		return e;
	tp->state = TMP_ROLLED_BACK;
	if (!err) {
		atomic_fetch_add(&w->st->ddl_rollbacks, 1);
		tmp_check(w, k, "after the rollback of its create");
	}
	return err;
}

/* Delete a live Tmp<k> in a transaction; commit or roll back. */
static JET_ERR tmp_delete(struct worker *w, int k)
{
	struct tmp *tp = &w->st->tmp[k];
	int commit = rnd(w, 2);
	JET_TABLEID t;
	char name[16];
	JET_ERR err, e;

	snprintf(name, sizeof(name), "Tmp%d", k);
	w->tb = -1;
	w->id = k;
	err = J(w, JetBeginTransaction, w->ses);
	if (err)
		return err;
	err = J(w, JetDeleteTable, w->ses, w->db, name);
	if (!err) {
		e = J(w, JetOpenTable, w->ses, w->db, name, NULL, 0, 0, &t);
		if (e != JET_errObjectNotFound) {
			st_trouble(&w->st->bad_ddl,
				   "%s deleted in the open transaction: JetOpenTable -> %ld",
				   name, (long)e);
			if (!e)
				JetCloseTable(w->ses, t);
		}
	}
	if (!err && commit) {
		err = J(w, JetCommitTransaction, w->ses, 0);
		if (!err) {
			tp->state = TMP_DELETED;
			atomic_fetch_add(&w->st->del_commits, 1);
			tmp_check(w, k, "after the commit of its delete");
			return 0;
		}
	}
	e = J(w, JetRollback, w->ses, 0);
	if (e)
		return e;
	if (!err) {
		atomic_fetch_add(&w->st->del_rollbacks, 1);
		tmp_check(w, k, "after the rollback of its delete");
	}
	return err;
}

static void *ddl(void *p)
{
	struct worker *w = p;
	struct stress *st = w->st;
	JET_ERR err = worker_open(w, 0);
	int k, live[NTMP_MAX], nlive, i;

	if (err) {
		st_error(w, err);
		worker_close(w, 0);
		return NULL;
	}
	while (atomic_load(&st->writers_left) > 0 && st->ntmp < NTMP_MAX) {
		for (i = 0, nlive = 0; i < st->ntmp; i++)
			if (st->tmp[i].state == TMP_LIVE)
				live[nlive++] = i;
		if (nlive && rnd(w, 3) == 0) {
			k = live[rnd(w, nlive)];
			err = tmp_delete(w, k);
		} else {
			k = st->ntmp++;
			err = tmp_create(w, k);
		}
		if (err) {
			st_error(w, err);
			err = JetRollback(w->ses, JET_bitRollbackAll);
			if (err && err != JET_errNotInTransaction)
				st_error(w, err);
		}
	}
	worker_close(w, 0);
	return NULL;
}

/* The four tables, every Id in each, committed. */
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
	int tb, c, id;
	uint64_t c0;

	for (tb = 0; tb < NTABLES && !err; tb++) {
		tc.szTableName = (char *)tb_name[tb];
		tc.tableid = 0;
		err = JetCreateTableColumnIndex(m->ses, m->db, &tc);
		if (err)
			break;
		for (c = 0; c < NCOLS; c++)
			st->col[tb][c] = cc[c].columnid;
		/* The cursor of the create may be exclusive: a plain one. */
		err = JetCloseTable(m->ses, tc.tableid);
		if (!err)
			err = JetOpenTable(m->ses, m->db, tb_name[tb], NULL, 0,
					   0, &m->t[tb]);
		if (!err)
			err = JetBeginTransaction(m->ses);
		for (id = 0; id < NIDS && !err; id++)
			err = put_row(m, tb, id, new_val(m), blob_len(m), 1);
		if (!err)
			err = JetCommitTransaction(m->ses, 0);
		else
			JetRollback(m->ses, JET_bitRollbackAll);
		c0 = tick(st);
		pend_flush(m, err ? H_ROLLED_BACK : H_COMMITTED, c0, tick(st));
	}
	return err;
}

/*
 * Commit order: changes of one row conflict unless the later one's
 * transaction began after the earlier one's commit, so the clock before
 * each commit orders them.
 */
static int commit_cmp(const void *x, const void *y)
{
	const struct hist *a = x, *b = y;

	if (a->c0 != b->c0)
		return a->c0 < b->c0 ? -1 : 1;
	return a->wt < b->wt ? -1 : a->wt > b->wt;
}

/*
 * What the writers did to the row of an anomaly, on the test's clock: the
 * last change committed before the reader's snapshot began (what it must
 * see) and the two committed before that, then every change made,
 * committed or rolled back, up to the end of the second scan.
 */
static void explain(struct stress *st, const struct anomaly *an)
{
	static const char *const fate[] = { "committed", "rolled back",
					    "rolled back with its level" };
	static const char *const op[] = { "inserted", "replaced with",
					  "deleted" };
	struct hist *h = malloc(st->nhist * sizeof(*h) + 1);
	size_t i, n = 0, last_before = SIZE_MAX, first = 0;
	char x[64], y[64];
	int older = 0;

	row_fmt(x, sizeof(x), an->has_a ? &an->a : NULL);
	row_fmt(y, sizeof(y), an->has_b ? &an->b : NULL);
	diag("reader %d, %s Id %d: first %s, then %s", an->thread,
	     tb_name[an->tb], an->id, x, y);
	diag("  clock: snapshot begun %llu..%llu, first scan %llu..%llu, second %llu..%llu",
	     (unsigned long long)an->b0, (unsigned long long)an->b1,
	     (unsigned long long)an->s0, (unsigned long long)an->s1,
	     (unsigned long long)an->t0, (unsigned long long)an->t1);
	if (!h)
		return;
	for (i = 0; i < st->nhist; i++)
		if (st->hist[i].tb == an->tb && st->hist[i].id == an->id)
			h[n++] = st->hist[i];
	qsort(h, n, sizeof(*h), commit_cmp);
	for (i = 0; i < n; i++)
		if (h[i].fate == H_COMMITTED && h[i].c1 < an->b0)
			last_before = i;
	/* From the third committed change before the snapshot's. */
	for (i = last_before; last_before != SIZE_MAX && i-- > 0;) {
		if (h[i].fate != H_COMMITTED)
			continue;
		first = i;
		if (++older == 2)
			break;
	}
	if (last_before != SIZE_MAX && !older)
		first = last_before;
	for (i = first; i < n; i++) {
		const char *when = "";

		if (h[i].wt > an->t1 ||
		    (h[i].c1 < an->b0 && h[i].fate != H_COMMITTED))
			continue;
		if (h[i].fate == H_COMMITTED)
			when = i < last_before ? "" :
			       h[i].c1 < an->b0 ? ": the snapshot sees it" :
			       h[i].c0 > an->b1 ? ": the snapshot does not" :
			       ": during the begin, either";
		diag("  thread %d %s Val %d at %llu, %s %llu..%llu%s",
		     h[i].thread, op[h[i].op],
		     h[i].val, (unsigned long long)h[i].wt, fate[h[i].fate],
		     (unsigned long long)h[i].c0, (unsigned long long)h[i].c1,
		     when);
	}
	free(h);
}

/*
 * The end state against the committed history: each row of @rows (the
 * main session's scans, @n per table) must hold the Val the last
 * committed change of its Id left, and each Id that change left deleted
 * must be missing.  Returns how many rows disagree.
 */
static long history_check(struct stress *st, const struct row *rows,
			  const long *n)
{
	static const char *const op[] = { "inserted", "replaced with",
					  "deleted" };
	int32_t want[NTABLES][NIDS], got[NTABLES][NIDS];
	struct hist *h = malloc(st->nhist * sizeof(*h) + 1);
	size_t i, nh = 0, shown;
	char x[32], y[32];
	long bad = 0, k;
	int tb, id;

	if (!h)
		return -1;
	for (i = 0; i < st->nhist; i++)
		if (st->hist[i].fate == H_COMMITTED)
			h[nh++] = st->hist[i];
	qsort(h, nh, sizeof(*h), commit_cmp);
	memset(want, 0xff, sizeof(want));
	memset(got, 0xff, sizeof(got));
	for (i = 0; i < nh; i++)
		want[h[i].tb][h[i].id] = h[i].op == H_DELETE ? -1 : h[i].val;
	for (tb = 0; tb < NTABLES; tb++)
		for (k = 0; k < n[tb] && k < ROWS_MAX; k++) {
			const struct row *r = &rows[(size_t)tb * ROWS_MAX + k];

			if (r->id >= 0 && r->id < NIDS)
				got[tb][r->id] = r->val;
		}
	for (tb = 0; tb < NTABLES; tb++)
		for (id = 0; id < NIDS; id++) {
			if (got[tb][id] == want[tb][id])
				continue;
			if (bad++ >= DIAG_MAX)
				continue;
			snprintf(x, sizeof(x), want[tb][id] < 0 ? "no row" :
				 "Val %d", want[tb][id]);
			snprintf(y, sizeof(y), got[tb][id] < 0 ? "no row" :
				 "Val %d", got[tb][id]);
			diag("%s Id %d: the committed history leaves %s, the table has %s",
			     tb_name[tb], id, x, y);
			for (i = nh, shown = 0; i-- > 0 && shown < 4;) {
				if (h[i].tb != tb || h[i].id != id)
					continue;
				shown++;
				diag("  thread %d %s Val %d at %llu, committed %llu..%llu",
				     h[i].thread, op[h[i].op], h[i].val,
				     (unsigned long long)h[i].wt,
				     (unsigned long long)h[i].c0,
				     (unsigned long long)h[i].c1);
			}
		}
	free(h);
	return bad;
}

int main(int argc, char **argv)
{
	static struct worker ws[NWRITERS + NREADERS + 1];
	pthread_t th[NWRITERS + NREADERS + 1];
	int made[NWRITERS + NREADERS + 1] = { 0 };
	const int nth = NWRITERS + NREADERS + 1;
	struct stress *st = calloc(1, sizeof(*st));
	long n, total = 0, wrong = 0, nrows[NTABLES] = { 0 };
	struct worker m = { 0 };
	uint64_t digest;
	struct timespec t0, t1;
	int i, tb, k, live = 0;
	void *(*fn)(void *arg);

	if (!st)
		return 1;
	pthread_mutex_init(&st->hist_lock, NULL);
	st->seed = argc > 1 ? (unsigned int)strtoul(argv[1], NULL, 0) :
			      (unsigned int)time(NULL);
	st->iterations = argc > 2 ? atoi(argv[2]) :
				   stress_scaled(ITERATIONS);
	diag("seed %u (replay: trx_stress_test %u %d)", st->seed, st->seed,
	     st->iterations);
	diag("%d writers x %d transactions, %d readers, 1 DDL thread",
	     NWRITERS, st->iterations, NREADERS);
	mkdir("tests/user/build/out", 0755);
	unlink(KEEP_FILE);
	clock_gettime(CLOCK_MONOTONIC, &t0);

	is(JetCreateInstance(&st->inst, "trx-stress"), 0, "an instance");
	is(JetSetSystemParameter(&st->inst, 0, JET_paramMaxSessions, 64, NULL),
	   0, "JET_paramMaxSessions 64");
	is(JetSetSystemParameter(&st->inst, 0, JET_paramMaxVerPages, VER_PAGES,
				 NULL), 0, "JET_paramMaxVerPages %d", VER_PAGES);
	is(JetInit(&st->inst), 0, "JetInit");
	m.st = st;
	m.n = -1;
	m.rnd = st->seed ^ 0x5bd1e995u;
	m.nested_from = PEND_MAX;
	m.buf = malloc(BUF_LEN);
	ok(m.buf != NULL, "a buffer");
	if (!m.buf)
		return tap_done();
	is(JetBeginSession(st->inst, &m.ses, NULL, NULL), 0, "a session");
	is(JetCreateDatabase(m.ses, KEEP_FILE, NULL, &m.db, 0), 0,
	   "JetCreateDatabase trx-stress.edb");
	is(create_tables(st, &m), 0,
	   "tables T0..T3, Ids 0..%d in each, committed", NIDS - 1);

	atomic_store(&st->writers_left, NWRITERS);
	for (i = 0; i < nth; i++) {
		ws[i].st = st;
		ws[i].n = i;
		ws[i].rnd = st->seed + 7919u * (unsigned int)i;
		fn = i < NWRITERS ? writer :
		     i < NWRITERS + NREADERS ? reader : ddl;
		made[i] = !pthread_create(&th[i], NULL, fn, &ws[i]);
		if (!made[i] && i < NWRITERS)
			atomic_fetch_sub(&st->writers_left, 1);
	}
	for (i = 0, n = 0; i < nth; i++)
		n += made[i];
	is(n, nth, "%d writers, %d readers and a DDL thread", NWRITERS,
	   NREADERS);
	for (i = 0; i < nth; i++)
		if (made[i])
			pthread_join(th[i], NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	diag("%.1f s", (double)(t1.tv_sec - t0.tv_sec) +
	     (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);

	diag("writers: %ld commits, %ld deliberate rollbacks, %ld write conflicts, %ld failed",
	     atomic_load(&st->commits), atomic_load(&st->rollbacks),
	     atomic_load(&st->conflicts), atomic_load(&st->trx_failed));
	diag("... %ld inserts (%ld duplicates), %ld replaces (%ld with a Blob), %ld deletes, %ld escrow updates, %ld locks, %ld not found, %ld nested rollbacks, %ld own reads",
	     atomic_load(&st->inserts), atomic_load(&st->keydups),
	     atomic_load(&st->replaces), atomic_load(&st->blobs),
	     atomic_load(&st->deletes), atomic_load(&st->escrows),
	     atomic_load(&st->locks), atomic_load(&st->notfound),
	     atomic_load(&st->nested), atomic_load(&st->own_checks));
	diag("readers: %ld snapshots (%ld scanned twice), %ld rows",
	     atomic_load(&st->scans), atomic_load(&st->rescans),
	     atomic_load(&st->rows_scanned));
	diag("DDL: %d tables tried, creates %ld committed %ld rolled back, %ld with a column added, deletes %ld committed %ld rolled back",
	     st->ntmp, atomic_load(&st->ddl_commits),
	     atomic_load(&st->ddl_rollbacks), atomic_load(&st->add_columns),
	     atomic_load(&st->del_commits), atomic_load(&st->del_rollbacks));
	diag("the engine: commits %lld rollbacks %lld write_conflicts %lld version_bytes_peak %lld",
	     stat_get(st->inst, "commits"), stat_get(st->inst, "rollbacks"),
	     stat_get(st->inst, "write_conflicts"),
	     stat_get(st->inst, "version_bytes_peak"));

	is(atomic_load(&st->errors), 0,
	   "no call returned an error the semantics do not allow");
	is(atomic_load(&st->bad_rows), 0,
	   "every row the readers saw: Id in 0..%d, in key order, its own Blob",
	   NIDS - 1);
	if (!is(atomic_load(&st->bad_snapshots), 0,
		"a snapshot scanned twice reads the same"))
		for (i = 0; i < atomic_load(&st->nanomalies) &&
			    i < ANOMALY_MAX; i++)
			explain(st, &st->anomalies[i]);
	is(atomic_load(&st->bad_own), 0,
	   "a writer sees its own replaces and deletes");
	is(atomic_load(&st->bad_nested), 0,
	   "a nested level rolled back leaves its row as it was");
	is(atomic_load(&st->bad_ddl), 0,
	   "each Tmp table there or gone after its commit or rollback");
	is(atomic_load(&st->open_trx), 0, "every thread ended at level 0");
	ok(atomic_load(&st->commits) > 0, "writers committed (%ld)",
	   atomic_load(&st->commits));
	ok(atomic_load(&st->nested) > 0, "nested levels rolled back (%ld)",
	   atomic_load(&st->nested));
	ok(atomic_load(&st->scans) >= NREADERS * MIN_SCANS,
	   "the readers scanned (%ld snapshots)", atomic_load(&st->scans));
	ok(atomic_load(&st->ddl_commits) > 0 &&
	   atomic_load(&st->ddl_rollbacks) > 0,
	   "Tmp tables committed and rolled back");

	/* The end state, at level 0. */
	m.tb = -1;
	m.rows = calloc((NTABLES + 1) * ROWS_MAX, sizeof(*m.rows));
	for (tb = 0; m.rows && tb < NTABLES; tb++) {
		JET_ERR err = scan(&m, tb, &nrows[tb], &digest,
				   m.rows + (size_t)tb * ROWS_MAX);

		if (err) {
			st_error(&m, err);
			wrong++;
		}
		diag("%s: %ld rows", tb_name[tb], nrows[tb]);
		total += nrows[tb];
	}
	ok(m.rows && !wrong, "the main session scans T0..T3");
	is(atomic_load(&st->bad_rows), 0,
	   "... %ld rows, every Id in 0..%d, in key order, with its own Blob",
	   total, NIDS - 1);
	is(m.rows ? history_check(st, m.rows, nrows) : -1, 0,
	   "each row is what its last committed change left, or gone if that deleted it");
	free(m.rows);
	for (k = 0, wrong = 0; k < st->ntmp; k++) {
		JET_TABLEID t;
		char name[16];
		JET_ERR err;

		snprintf(name, sizeof(name), "Tmp%d", k);
		err = JetOpenTable(m.ses, m.db, name, NULL, 0, 0, &t);
		if (st->tmp[k].state == TMP_LIVE) {
			live++;
			if (!err)
				err = JetCloseTable(m.ses, t);
		} else if (err == JET_errObjectNotFound) {
			err = 0;
		} else if (!err) {
			err = JET_errTableDuplicate;
			JetCloseTable(m.ses, t);
		}
		if (err && wrong++ < DIAG_MAX)
			diag("%s (%s): JetOpenTable -> %ld", name,
			     st->tmp[k].state == TMP_LIVE ? "committed" :
			     "rolled back or deleted", (long)err);
	}
	is(wrong, 0,
	   "exactly the %d committed Tmp tables of %d exist", live, st->ntmp);
	is(atomic_load(&st->errors), 0, "... no unexpected error since");

	for (tb = 0; tb < NTABLES; tb++)
		is(JetCloseTable(m.ses, m.t[tb]), 0, "JetCloseTable %s",
		   tb_name[tb]);
	is(info_level(m.ses), 0, "the main session is at level 0");
	is(stat_wait_eq(st->inst, "versions_live", 0, 10000), 0,
	   "no transaction open: the version store empties");
	is(JetCloseDatabase(m.ses, m.db, 0), 0, "JetCloseDatabase");
	is(JetDetachDatabase(m.ses, KEEP_FILE), 0, "JetDetachDatabase");
	is(JetEndSession(m.ses, 0), 0, "JetEndSession");
	is(stat_get(st->inst, "sessions"), 0, "no session left open");
	is(JetTerm(st->inst), 0, "JetTerm");
	free(m.buf);
	free(st->hist);
	free(st);
	return tap_done();
}
