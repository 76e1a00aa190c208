// SPDX-License-Identifier: GPL-2.0-only
/*
 * A workload for real crashes (tests/uml/crash-check): it runs until the
 * UML process under it is killed, and a later boot checks what recovery
 * made of the disks against a ledger kept on the host's file system.
 *
 *   crash_workload run SEED LEDGER DBPATH LOGPATH
 *   crash_workload verify LEDGER DBPATH LOGPATH EXPECT [DROP]
 *
 * run: creates the database DBPATH (a block device) with table T (Key
 * primary, Val, Seq, Bal an escrow column, Pad binary), the log on
 * LOGPATH, then NTHR threads, each with a session, run transactions on
 * keys of their own (inserts, replaces, deletes; sometimes a nested
 * level rolled back, sometimes all of it rolled back, sometimes open
 * across slow calls) plus an escrow transfer between two of NACC shared
 * accounts, and set the thread's head row to the transaction's number.
 * Before JetCommitTransaction the ledger gets the transaction ("I"),
 * after it the acknowledgement ("A", durable or lazy), each written and
 * fsync()ed (hostfs writes through to the host, so it survives a kill).
 * The first failing call stops its thread ("E" with the error).  When
 * everything is set up, LEDGER.ready appears.
 *
 * verify: JetInit recovers, the database attaches, and for each thread
 * the head row names how many of its transactions are there (P): P must
 * lie between its last acknowledged durable commit (one acknowledged
 * before byte DROP of the ledger, when given) and its last intent, and
 * the thread's rows must equal its first P transactions applied in
 * order; the accounts must hold what those transactions moved, and sum
 * to NACC * ACC_INIT.  No other row may exist.  The rows go to EXPECT
 * (Key, Val, Seq) for a comparison with esedbexport, after a clean
 * JetTerm.  Prints TAP, and "# stats ..." lines with the counters.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "esent.h"
#include "tap.h"
#include "util.h"

#define NTHR		4
#define NACC		16
#define ACC_INIT	1000000
#define NKEYS		256	/* data keys per thread */
#define MAXOPS		6	/* row changes per transaction */
#define ROLLED_KEY	600	/* nested levels insert here, then roll back */
#define TBASE(t)	(1000 * ((t) + 1))
#define PAD_MAX		240
#define LINE_MAX_	512

enum { C_KEY, C_VAL, C_SEQ, C_BAL, C_PAD, NCOLS };

static const char *const col_names[NCOLS] = {
	"Key", "Val", "Seq", "Bal", "Pad"
};

struct op {
	int32_t key;	/* a data key of the thread */
	int32_t val;	/* 0: deleted */
};

struct txn {
	int nops;
	struct op ops[MAXOPS];
	int32_t from, to, amount;	/* the escrow transfer */
};

/* ---------------------------------------------------------------- run */

struct run {
	JET_INSTANCE inst;
	const char *db_path;
	JET_COLUMNID col[NCOLS];
	int ledger;
	pthread_mutex_t ledger_lock;
	unsigned int seed;
};

struct worker {
	struct run *r;
	int t;
	JET_SESID ses;
	JET_DBID db;
	JET_TABLEID tab;
	unsigned int rnd;
	int32_t val[NKEYS];	/* committed values, 0 = absent */
	int n;			/* transactions committed */
};

static unsigned int rnd(unsigned int *state, unsigned int n)
{
	*state = *state * 1103515245u + 12345u;
	return (*state >> 8) % n;
}

/* Append a line to the ledger; on the host once this returns. */
static void ledger_put(struct run *r, const char *line)
{
	size_t len = strlen(line), off = 0;
	ssize_t n;

	pthread_mutex_lock(&r->ledger_lock);
	while (off < len) {
		n = write(r->ledger, line + off, len - off);
		if (n <= 0) {
			perror("crash_workload: ledger write");
			exit(3);
		}
		off += (size_t)n;
	}
	if (fsync(r->ledger)) {
		perror("crash_workload: ledger fsync");
		exit(3);
	}
	pthread_mutex_unlock(&r->ledger_lock);
}

/* Pad's bytes for a value: its length and fill follow from it. */
static unsigned int pad_fill(int32_t val, uint8_t *buf)
{
	unsigned int len = 1 + (uint32_t)val % (PAD_MAX - 1);

	memset(buf, (uint32_t)val & 0xff, len);
	return len;
}

static JET_ERR seek_key(JET_SESID ses, JET_TABLEID tab, int32_t key)
{
	JET_ERR err = JetMakeKey(ses, tab, &key, sizeof(key), JET_bitNewKey);

	return err ? err : JetSeek(ses, tab, JET_bitSeekEQ);
}

/* Insert or replace row @key with @val, its Seq @seq. */
static JET_ERR put_row(struct worker *w, int32_t key, int32_t val,
		       int32_t seq, bool insert)
{
	const JET_COLUMNID *col = w->r->col;
	uint8_t pad[PAD_MAX];
	unsigned int plen = pad_fill(val, pad);
	JET_ERR err = 0;

	if (!insert)
		err = seek_key(w->ses, w->tab, key);
	if (!err)
		err = JetPrepareUpdate(w->ses, w->tab,
				       insert ? JET_prepInsert :
						JET_prepReplace);
	if (err)
		return err;
	if (insert)
		err = JetSetColumn(w->ses, w->tab, col[C_KEY], &key,
				   sizeof(key), 0, NULL);
	if (!err)
		err = JetSetColumn(w->ses, w->tab, col[C_VAL], &val,
				   sizeof(val), 0, NULL);
	if (!err)
		err = JetSetColumn(w->ses, w->tab, col[C_SEQ], &seq,
				   sizeof(seq), 0, NULL);
	if (!err)
		err = JetSetColumn(w->ses, w->tab, col[C_PAD], pad, plen, 0,
				   NULL);
	if (!err)
		err = JetUpdate(w->ses, w->tab, NULL, 0, NULL);
	else
		JetPrepareUpdate(w->ses, w->tab, JET_prepCancel);
	return err;
}

static JET_ERR escrow(struct worker *w, int32_t acc, int32_t delta)
{
	JET_ERR err = seek_key(w->ses, w->tab, acc);

	return err ? err : JetEscrowUpdate(w->ses, w->tab, w->r->col[C_BAL],
					   &delta, sizeof(delta), NULL, 0,
					   NULL, 0);
}

static void nap(struct worker *w, unsigned int max_us)
{
	usleep(rnd(&w->rnd, max_us));
}

/* The thread's first failure: in the ledger, then nothing more. */
static void *worker_stop(struct worker *w, const char *what, JET_ERR err)
{
	char line[LINE_MAX_];

	JetRollback(w->ses, JET_bitRollbackAll);
	snprintf(line, sizeof(line), "E %d %d %ld %s log_error %lld\n", w->t,
		 w->n + 1, (long)err, what,
		 stat_get(w->r->inst, "log_error"));
	ledger_put(w->r, line);
	return NULL;
}

static void *worker_fn(void *arg)
{
	struct worker *w = arg;
	char line[LINE_MAX_];
	JET_ERR err;

	err = JetBeginSession(w->r->inst, &w->ses, NULL, NULL);
	if (!err)
		err = JetOpenDatabase(w->ses, w->r->db_path, NULL, &w->db, 0);
	if (!err)
		err = JetOpenTable(w->ses, w->db, "T", NULL, 0, 0, &w->tab);
	if (err)
		return worker_stop(w, "open", err);
	for (;;) {
		unsigned int kind = rnd(&w->rnd, 100);
		bool lazy = kind >= 65 && kind < 85;
		bool slow = kind >= 85 && kind < 93;
		bool abandon = kind >= 93;
		int32_t seq = w->n + 1, vals[NKEYS];
		struct txn x = { 0 };
		size_t len;
		int i, j;

		memcpy(vals, w->val, sizeof(vals));
		err = JetBeginTransaction(w->ses);
		if (err)
			return worker_stop(w, "begin", err);
		x.nops = 1 + (int)rnd(&w->rnd, MAXOPS);
		for (i = 0; i < x.nops; i++) {
			int32_t k = (int32_t)rnd(&w->rnd, NKEYS), v;

			for (j = 0; j < i; j++)
				if (x.ops[j].key == k)
					break;
			if (j < i) {
				x.nops = i;
				break;
			}
			v = 1 + (int32_t)rnd(&w->rnd, 1000000000);
			if (vals[k] && !rnd(&w->rnd, 4)) {
				v = 0;
				err = seek_key(w->ses, w->tab,
					       TBASE(w->t) + 1 + k);
				if (!err)
					err = JetDelete(w->ses, w->tab);
			} else {
				err = put_row(w, TBASE(w->t) + 1 + k, v, seq,
					      !vals[k]);
			}
			if (err)
				return worker_stop(w, "update", err);
			x.ops[i].key = k;
			x.ops[i].val = v;
			vals[k] = v;
			if (slow)
				nap(w, 20000);
		}
		if (!rnd(&w->rnd, 4)) {
			/* A nested level, rolled back. */
			err = JetBeginTransaction(w->ses);
			if (!err)
				err = put_row(w, TBASE(w->t) + ROLLED_KEY +
					      (int32_t)rnd(&w->rnd, 100), 7, seq,
					      true);
			if (!err)
				err = escrow(w, 1 + (int32_t)rnd(&w->rnd, NACC),
					     1000);
			if (!err)
				err = JetRollback(w->ses, 0);
			if (err)
				return worker_stop(w, "nested", err);
		}
		x.from = 1 + (int32_t)rnd(&w->rnd, NACC);
		x.to = 1 + (int32_t)rnd(&w->rnd, NACC);
		x.amount = 1 + (int32_t)rnd(&w->rnd, 100);
		err = escrow(w, x.from, -x.amount);
		if (!err)
			err = escrow(w, x.to, x.amount);
		if (!err)
			err = put_row(w, TBASE(w->t), seq, seq, false);
		if (err)
			return worker_stop(w, "escrow", err);
		if (abandon) {
			err = JetRollback(w->ses, 0);
			if (err)
				return worker_stop(w, "rollback", err);
			continue;
		}
		len = (size_t)snprintf(line, sizeof(line), "I %d %d", w->t,
				       seq);
		for (i = 0; i < x.nops; i++)
			len += (size_t)snprintf(line + len, sizeof(line) - len,
						" %d=%d", x.ops[i].key,
						x.ops[i].val);
		snprintf(line + len, sizeof(line) - len, " e=%d,%d,%d\n",
			 x.from, x.to, x.amount);
		ledger_put(w->r, line);
		err = JetCommitTransaction(w->ses,
					   lazy ? JET_bitCommitLazyFlush : 0);
		if (err)
			return worker_stop(w, "commit", err);
		w->n = seq;
		memcpy(w->val, vals, sizeof(vals));
		snprintf(line, sizeof(line), "A %d %d %c\n", w->t, seq,
			 lazy ? 'L' : 'D');
		ledger_put(w->r, line);
		if (slow)
			nap(w, 5000);
	}
	return NULL;
}

static JET_ERR instance_start(JET_INSTANCE *inst, const char *log_path,
			      unsigned long depth)
{
	JET_ERR err = JetCreateInstance(inst, "crash");

	if (!err)
		err = JetSetSystemParameter(inst, 0, JET_paramLogFilePath, 0,
					    log_path);
	if (!err)
		err = JetSetSystemParameter(inst, 0, JET_paramMaxSessions, 64,
					    NULL);
	if (!err && depth)
		err = JetSetSystemParameter(inst, 0,
					    JET_paramCheckpointDepthMax, depth,
					    NULL);
	if (!err)
		err = JetInit(inst);
	return err;
}

static JET_ERR columns_get(JET_SESID ses, JET_TABLEID tab, JET_COLUMNID *col)
{
	JET_COLUMNDEF def;
	JET_ERR err = 0;
	int i;

	for (i = 0; i < NCOLS && !err; i++) {
		err = JetGetTableColumnInfo(ses, tab, col_names[i], &def,
					    sizeof(def), JET_ColInfo);
		col[i] = def.columnid;
	}
	return err;
}

/* The database, its table, the head rows and the accounts. */
static JET_ERR setup(struct run *r, struct worker *w)
{
	JET_COLUMNCREATE_A cc[NCOLS] = {
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Key",
		  .coltyp = JET_coltypLong,
		  .grbit = JET_bitColumnFixed | JET_bitColumnNotNULL },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Val",
		  .coltyp = JET_coltypLong, .grbit = JET_bitColumnFixed },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Seq",
		  .coltyp = JET_coltypLong, .grbit = JET_bitColumnFixed },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Bal",
		  .coltyp = JET_coltypLong,
		  .grbit = JET_bitColumnFixed | JET_bitColumnEscrowUpdate,
		  .pvDefault = (void *)&(int32_t){ 0 }, .cbDefault = 4 },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Pad",
		  .coltyp = JET_coltypBinary, .cbMax = 255 },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(idx), .szIndexName = "ByKey",
		.szKey = "+Key\0", .cbKey = 6, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(tc), .szTableName = "T",
		.rgcolumncreate = cc, .cColumns = NCOLS,
		.rgindexcreate = &idx, .cIndexes = 1,
	};
	JET_ERR err;
	int32_t k, bal = ACC_INIT;
	int t;

	err = JetBeginSession(r->inst, &w->ses, NULL, NULL);
	if (!err)
		err = JetCreateDatabase(w->ses, r->db_path, NULL, &w->db, 0);
	if (!err)
		err = JetCreateTableColumnIndex(w->ses, w->db, &tc);
	if (!err)
		err = JetCloseTable(w->ses, tc.tableid);
	if (!err)
		err = JetOpenTable(w->ses, w->db, "T", NULL, 0, 0, &w->tab);
	if (!err)
		err = columns_get(w->ses, w->tab, r->col);
	if (!err)
		err = JetBeginTransaction(w->ses);
	for (t = 0; t < NTHR && !err; t++)
		err = put_row(w, TBASE(t), 0, 0, true);
	for (k = 1; k <= NACC && !err; k++) {
		err = put_row(w, k, 0, 0, true);
		if (!err)
			err = escrow(w, k, bal);
	}
	if (!err)
		err = JetCommitTransaction(w->ses, 0);
	if (!err)
		err = JetCloseTable(w->ses, w->tab);
	if (!err)
		err = JetCloseDatabase(w->ses, w->db, 0);
	return err;
}

static int run_main(unsigned int seed, const char *ledger,
		    const char *db_path, const char *log_path)
{
	static struct worker w[NTHR];
	pthread_t th[NTHR];
	struct run r = {
		.db_path = db_path,
		.seed = seed,
		.ledger_lock = PTHREAD_MUTEX_INITIALIZER,
	};
	unsigned int state = seed;
	/* The checkpoint depth: from 256 KiB to 8 MiB, by the seed. */
	unsigned long depth = 256UL << rnd(&state, 6);
	char path[4096], line[LINE_MAX_];
	JET_ERR err;
	int t, fd;

	r.ledger = open(ledger, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND |
			O_CLOEXEC, 0644);
	if (r.ledger < 0) {
		perror(ledger);
		return 2;
	}
	for (t = 0; t < NTHR; t++) {
		w[t].r = &r;
		w[t].t = t;
		w[t].rnd = seed * 7919u + (unsigned int)t;
	}
	err = instance_start(&r.inst, log_path, depth << 10);
	if (!err)
		err = setup(&r, &w[0]);
	if (err) {
		fprintf(stderr, "crash_workload: setup: %ld\n", (long)err);
		return 1;
	}
	snprintf(line, sizeof(line), "S %u %d %lu\n", seed, NTHR, depth);
	ledger_put(&r, line);
	for (t = 0; t < NTHR; t++) {
		if (pthread_create(&th[t], NULL, worker_fn, &w[t])) {
			fprintf(stderr, "crash_workload: no thread\n");
			return 1;
		}
	}
	snprintf(path, sizeof(path), "%s.ready", ledger);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	/* Until the kill; threads that failed are done. */
	for (t = 0; t < NTHR; t++)
		pthread_join(th[t], NULL);
	snprintf(line, sizeof(line), "Z log_error %lld\n",
		 stat_get(r.inst, "log_error"));
	ledger_put(&r, line);
	for (;;)
		pause();
	return 0;
}

/* ------------------------------------------------------------- verify */

struct thist {
	struct txn *txns;	/* [0] is transaction 1 */
	int n;			/* intents */
	int cap;
	int acked;		/* last durable acknowledgement (before DROP) */
	int acked_all;		/* last durable one anywhere */
	int lazy;		/* lazy acknowledgements */
	int err_seen;
};

static struct thist hist[NTHR];

static int parse_ops(char *p, struct txn *x)
{
	char *tok, *save;

	memset(x, 0, sizeof(*x));
	for (tok = strtok_r(p, "\n ", &save); tok;
	     tok = strtok_r(NULL, "\n ", &save)) {
		if (!strncmp(tok, "e=", 2)) {
			if (sscanf(tok + 2, "%d,%d,%d", &x->from, &x->to,
				   &x->amount) != 3)
				return -1;
		} else if (x->nops < MAXOPS &&
			   sscanf(tok, "%d=%d", &x->ops[x->nops].key,
				  &x->ops[x->nops].val) == 2) {
			x->nops++;
		} else {
			return -1;
		}
	}
	return x->from && x->to ? 0 : -1;
}

/* Read the ledger; returns bad lines, -1 when it cannot be read. */
static int ledger_read(const char *path, long drop, unsigned int *seed,
		       unsigned long *depth, int *errors)
{
	char line[LINE_MAX_];
	long off = 0;
	int bad = 0, t, n;
	FILE *f = fopen(path, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		long here = off;
		size_t len = strlen(line);
		char c;

		off += (long)len;
		/* A line the kill cut short was never acknowledged. */
		if (!len || line[len - 1] != '\n')
			break;
		switch (line[0]) {
		case 'S':
			if (sscanf(line, "S %u %*d %lu", seed, depth) != 2)
				bad++;
			break;
		case 'I': {
			struct thist *h;
			int skip;

			if (sscanf(line, "I %d %d %n", &t, &n, &skip) != 2 ||
			    t < 0 || t >= NTHR) {
				bad++;
				break;
			}
			h = &hist[t];
			if (n != h->n + 1) {
				diag("ledger: thread %d: intent %d after %d",
				     t, n, h->n);
				bad++;
				break;
			}
			if (h->n == h->cap) {
				h->cap = h->cap ? 2 * h->cap : 256;
				h->txns = realloc(h->txns,
						  sizeof(*h->txns) * h->cap);
				if (!h->txns)
					exit(3);
			}
			if (parse_ops(line + skip, &h->txns[h->n])) {
				bad++;
				break;
			}
			h->n++;
			break;
		}
		case 'A':
			if (sscanf(line, "A %d %d %c", &t, &n, &c) != 3 ||
			    t < 0 || t >= NTHR || n != hist[t].n) {
				bad++;
				break;
			}
			if (c == 'L') {
				hist[t].lazy++;
				break;
			}
			hist[t].acked_all = n;
			if (drop < 0 || here < drop)
				hist[t].acked = n;
			break;
		case 'E':
			(*errors)++;
			diag("ledger: %.*s", (int)len - 1, line);
			if (sscanf(line, "E %d", &t) == 1 && t >= 0 &&
			    t < NTHR)
				hist[t].err_seen = 1;
			break;
		case 'Z':
			diag("ledger: %.*s", (int)len - 1, line);
			break;
		default:
			bad++;
		}
	}
	fclose(f);
	return bad;
}

struct row {
	int32_t key, val, seq, bal;
	unsigned int plen;
	uint8_t pad[PAD_MAX + 16];
};

static struct row *rows;
static int nrows, rows_cap;

/*
 * Every row of T in key order.  Returns the JET_ERR that ended the scan
 * other than JET_errNoCurrentRecord; 1 when a key does not follow the
 * one before it (a damaged tree may lead a scan in circles).
 */
static int read_rows(JET_SESID ses, JET_TABLEID tab, const JET_COLUMNID *col)
{
	JET_ERR err = JetMove(ses, tab, JET_MoveFirst, 0);

	nrows = 0;
	while (!err) {
		struct row *rw;
		unsigned long n;

		if (nrows > 1 && rows[nrows - 1].key <= rows[nrows - 2].key) {
			diag("the scan read key %d after key %d (row %d)",
			     rows[nrows - 1].key, rows[nrows - 2].key, nrows);
			return 1;
		}

		if (nrows == rows_cap) {
			rows_cap = rows_cap ? 2 * rows_cap : 1024;
			rows = realloc(rows, sizeof(*rows) * rows_cap);
			if (!rows)
				exit(3);
		}
		rw = &rows[nrows++];
		memset(rw, 0, sizeof(*rw));
		rw->key = -1;
		JetRetrieveColumn(ses, tab, col[C_KEY], &rw->key,
				  sizeof(rw->key), &n, 0, NULL);
		JetRetrieveColumn(ses, tab, col[C_VAL], &rw->val,
				  sizeof(rw->val), &n, 0, NULL);
		JetRetrieveColumn(ses, tab, col[C_SEQ], &rw->seq,
				  sizeof(rw->seq), &n, 0, NULL);
		JetRetrieveColumn(ses, tab, col[C_BAL], &rw->bal,
				  sizeof(rw->bal), &n, 0, NULL);
		n = 0;
		err = JetRetrieveColumn(ses, tab, col[C_PAD], rw->pad,
					sizeof(rw->pad), &n, 0, NULL);
		rw->plen = err == JET_wrnColumnNull ? 0 : (unsigned int)n;
		err = JetMove(ses, tab, JET_MoveNext, 0);
	}
	return err == JET_errNoCurrentRecord ? 0 : err;
}

static struct row *row_find(int32_t key)
{
	int lo = 0, hi = nrows;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (rows[mid].key == key)
			return &rows[mid];
		if (rows[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The thread's rows against its first @p transactions; differences. */
static int check_thread(int t, int p, int64_t *moved)
{
	static int32_t val[NKEYS], seq[NKEYS];
	uint8_t pad[PAD_MAX];
	int bad = 0, i, k;

	memset(val, 0, sizeof(val));
	memset(seq, 0, sizeof(seq));
	for (i = 0; i < p; i++) {
		struct txn *x = &hist[t].txns[i];

		for (k = 0; k < x->nops; k++) {
			val[x->ops[k].key] = x->ops[k].val;
			seq[x->ops[k].key] = i + 1;
		}
		moved[x->from] -= x->amount;
		moved[x->to] += x->amount;
	}
	for (k = 0; k < NKEYS; k++) {
		struct row *rw = row_find(TBASE(t) + 1 + k);
		unsigned int plen = pad_fill(val[k], pad);

		if (!val[k] && !rw)
			continue;
		if (!val[k] || !rw || rw->val != val[k] || rw->seq != seq[k] ||
		    rw->plen != plen || memcmp(rw->pad, pad, plen)) {
			if (bad < 4)
				diag("thread %d key %d: %d seq %d pad %u, want %d seq %d pad %u",
				     t, TBASE(t) + 1 + k, rw ? rw->val : 0,
				     rw ? rw->seq : 0, rw ? rw->plen : 0,
				     val[k], seq[k], plen);
			bad++;
		}
	}
	return bad;
}

/* A counter as printed (an unsigned 64-bit value); "?" when missing. */
static const char *stat_text(JET_INSTANCE inst, const char *key)
{
	static char val[8][32];
	static int slot;
	char path[96], line[160], *v = val[slot++ % 8];
	size_t n = strlen(key);
	FILE *f;

	snprintf(v, sizeof(val[0]), "?");
	stats_path(path, sizeof(path), inst);
	f = fopen(path, "r");
	if (!f)
		return v;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ' ') {
			snprintf(v, sizeof(val[0]), "%llu",
				 strtoull(line + n + 1, NULL, 0));
			break;
		}
	fclose(f);
	return v;
}

static int verify_main(const char *ledger, const char *db_path,
		       const char *log_path, const char *expect, long drop)
{
	int64_t moved[NACC + 1] = { 0 }, sum = 0;
	JET_COLUMNID col[NCOLS];
	unsigned long depth = 0;
	unsigned int seed = 0;
	int bad, errors = 0, t, i, stray = 0, acc_bad = 0;
	int intents = 0, acked = 0, acked_all = 0, lazy = 0, present = 0;
	int range_bad = 0, state_bad = 0, lost = 0;
	JET_INSTANCE inst;
	JET_SESID ses;
	JET_DBID db;
	JET_TABLEID tab;
	JET_ERR err;
	FILE *f;

	bad = ledger_read(ledger, drop, &seed, &depth, &errors);
	if (!ok(bad == 0, "the ledger reads (%d bad lines)", bad))
		return tap_done();
	diag("ledger: seed %u, checkpoint depth %lu KiB, %d errors",
	     seed, depth, errors);
	err = instance_start(&inst, log_path, depth << 10);
	if (!is(err, 0, "JetInit recovers"))
		return tap_done();
	diag("stats recovery_ran %s recovery_us %s recovery_log_bytes %s recovery_batches %s recovery_pages %s recovery_trx_undone %s",
	     stat_text(inst, "recovery_ran"), stat_text(inst, "recovery_us"),
	     stat_text(inst, "recovery_log_bytes"),
	     stat_text(inst, "recovery_batches"),
	     stat_text(inst, "recovery_pages"),
	     stat_text(inst, "recovery_trx_undone"));
	is(stat_get(inst, "recovery_ran"), 1, "recovery ran");
	err = JetBeginSession(inst, &ses, NULL, NULL);
	if (!err)
		err = JetAttachDatabase(ses, db_path, 0);
	if (!err)
		err = JetOpenDatabase(ses, db_path, NULL, &db, 0);
	if (!err)
		err = JetOpenTable(ses, db, "T", NULL, 0, 0, &tab);
	if (!err)
		err = columns_get(ses, tab, col);
	if (!is(err, 0, "the recovered database attaches, table T opens"))
		return tap_done();
	err = read_rows(ses, tab, col);
	if (!is(err, 0, "a scan of T reads %d rows in key order", nrows))
		return tap_done();

	for (i = 0; i < nrows; i++) {
		int32_t k = rows[i].key;

		if (k >= 1 && k <= NACC)
			continue;
		for (t = 0; t < NTHR; t++)
			if (k >= TBASE(t) && k <= TBASE(t) + NKEYS)
				break;
		if (t == NTHR) {
			if (stray < 4)
				diag("a row that no commit made: key %d val %d",
				     k, rows[i].val);
			stray++;
		}
	}
	for (t = 0; t < NTHR; t++) {
		struct thist *h = &hist[t];
		struct row *head = row_find(TBASE(t));
		int p = head ? head->val : -1;

		intents += h->n;
		acked += h->acked;
		acked_all += h->acked_all;
		lazy += h->lazy;
		if (p < h->acked)
			lost += h->acked - (p < 0 ? 0 : p);
		if (p < h->acked || p > h->n) {
			diag("thread %d: %d there; durable acks %d (%d in all), intents %d",
			     t, p, h->acked, h->acked_all, h->n);
			range_bad++;
			continue;
		}
		present += p;
		state_bad += check_thread(t, p, moved);
	}
	diag("ledger: %d intents, %d durable acks checked (%d in all), %d lazy acks, %d transactions present, %d lost",
	     intents, acked, acked_all, lazy, present, lost);
	ok(!range_bad, "every acknowledged durable commit is there (%d of %d threads amiss)",
	   range_bad, NTHR);
	ok(!state_bad && !stray, "each thread's rows are exactly its first transactions (%d off, %d stray)",
	   state_bad, stray);
	for (i = 1; i <= NACC; i++) {
		struct row *rw = row_find(i);
		int64_t want = ACC_INIT + moved[i];

		sum += rw ? rw->bal : 0;
		if (range_bad || (rw && rw->bal == want))
			continue;
		if (acc_bad < 4)
			diag("account %d: %d, want %lld", i, rw ? rw->bal : -1,
			     (long long)want);
		acc_bad++;
	}
	ok(!acc_bad, "every account holds what the present transfers moved");
	is(sum, (int64_t)NACC * ACC_INIT, "the accounts sum to %d",
	   NACC * ACC_INIT);
	f = fopen(expect, "w");
	if (f) {
		fprintf(f, "Key\tVal\tSeq\n");
		for (i = 0; i < nrows; i++)
			fprintf(f, "%d\t%d\t%d\n", rows[i].key, rows[i].val,
				rows[i].seq);
	}
	ok(f && !fclose(f), "%s written", expect);
	JetCloseTable(ses, tab);
	JetCloseDatabase(ses, db, 0);
	JetEndSession(ses, 0);
	is(JetTerm(inst), 0, "a clean JetTerm");
	return tap_done();
}

int main(int argc, char **argv)
{
	if (argc == 6 && !strcmp(argv[1], "run"))
		return run_main((unsigned int)strtoul(argv[2], NULL, 0),
				argv[3], argv[4], argv[5]);
	if ((argc == 6 || argc == 7) && !strcmp(argv[1], "verify"))
		return verify_main(argv[2], argv[3], argv[4], argv[5],
				   argc == 7 ? strtol(argv[6], NULL, 0) : -1);
	fprintf(stderr,
		"usage: crash_workload run SEED LEDGER DBPATH LOGPATH\n"
		"       crash_workload verify LEDGER DBPATH LOGPATH EXPECT [DROP]\n");
	return 2;
}
