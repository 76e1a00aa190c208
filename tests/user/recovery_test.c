// SPDX-License-Identifier: GPL-2.0-only
/*
 * Crash recovery through libjetk, many seeded cuts in one boot.
 *
 * Each round: JetInit (recovering the previous round's crash), attach
 * recovery.edb, check it against the model, then three sessions run a
 * random workload and the instance "loses power" at a random point
 * (debugfs crash: from then on nothing is written, the disks keep what
 * they acknowledged; module/stats.c) and is terminated dirty.
 *
 * The workload, on table T (Key primary, Val, Grp):
 *  - durable transactions: inserts of new keys, replaces and deletes of
 *    committed keys, some with a nested level rolled back; once
 *    JetCommitTransaction returned they are in the model;
 *  - lazy transactions (JET_bitCommitLazyFlush): inserts of new keys
 *    only; after the crash each is there whole or not at all;
 *  - transactions left open at the crash, spanning several calls:
 *    inserts, replaces and deletes; after recovery none of it shows;
 *  - escrow deltas on a counter row, inside durable transactions.
 *
 * The check after recovery: every key the model has is there with its
 * value, no key the model lacks is there (but a lazy group's, whole),
 * and the counter equals the sum of the durable deltas.
 *
 *   recovery_test [ROUNDS [SEED]]
 */
#define _GNU_SOURCE
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

/*
 * A directory of this run's own (runs in other UML guests may share the
 * host's tests/user/build/out): the log, recovery.edb, logfull/.
 */
static char dir[128], dbfile[160], full_dir[160], full_db[192];
#define MAXKEY		4096
#define NSES		3
#define COUNTER_KEY	0

/* The model: committed values; 0 = absent.  Values are never 0. */
static int32_t model[MAXKEY];
/* Keys a lazy group inserted: group number, 0 = none. */
static int32_t lazy_grp[MAXKEY];
static int64_t counter;
/* Tables: created in a durable transaction (must be there after the
 * crash), or in the transaction left open (must not).
 */
static int ddl_kept, ddl_lost;
static char kept_name[32], lost_name[32];

struct env {
	JET_INSTANCE inst;
	JET_SESID ses[NSES];
	JET_DBID db[NSES];
	JET_TABLEID tab[NSES];
	JET_COLUMNID c_key, c_val, c_grp, c_cnt;
	unsigned int rnd;
};

static unsigned int rnd(struct env *e, unsigned int n)
{
	e->rnd = e->rnd * 1103515245u + 12345u;
	return (e->rnd >> 8) % n;
}

static JET_ERR seek_key(struct env *e, int s, int32_t key)
{
	JET_ERR err = JetMakeKey(e->ses[s], e->tab[s], &key, sizeof(key),
				 JET_bitNewKey);

	if (!err)
		err = JetSeek(e->ses[s], e->tab[s], JET_bitSeekEQ);
	return err;
}

static JET_ERR put_row(struct env *e, int s, int32_t key, int32_t val,
		       int32_t grp, bool insert)
{
	JET_ERR err;

	if (!insert) {
		err = seek_key(e, s, key);
		if (err)
			return err;
	}
	err = JetPrepareUpdate(e->ses[s], e->tab[s],
			       insert ? JET_prepInsert : JET_prepReplace);
	if (!err && insert)
		err = JetSetColumn(e->ses[s], e->tab[s], e->c_key, &key,
				   sizeof(key), 0, NULL);
	if (!err)
		err = JetSetColumn(e->ses[s], e->tab[s], e->c_val, &val,
				   sizeof(val), 0, NULL);
	if (!err)
		err = JetSetColumn(e->ses[s], e->tab[s], e->c_grp, &grp,
				   sizeof(grp), 0, NULL);
	if (!err)
		err = JetUpdate(e->ses[s], e->tab[s], NULL, 0, NULL);
	else
		JetPrepareUpdate(e->ses[s], e->tab[s], JET_prepCancel);
	return err;
}

static JET_ERR del_row(struct env *e, int s, int32_t key)
{
	JET_ERR err = seek_key(e, s, key);

	return err ? err : JetDelete(e->ses[s], e->tab[s]);
}

/* A key the model has (not the counter), or -1. */
static int32_t some_key(struct env *e)
{
	int tries;

	for (tries = 0; tries < 64; tries++) {
		int32_t k = 1 + (int32_t)rnd(e, MAXKEY - 1);

		if (model[k] && !lazy_grp[k])
			return k;
	}
	return -1;
}

/* A key nobody has used. */
static int32_t free_key(struct env *e, const bool *taken)
{
	int tries;

	for (tries = 0; tries < 256; tries++) {
		int32_t k = 1 + (int32_t)rnd(e, MAXKEY - 1);

		if (!model[k] && !lazy_grp[k] && !taken[k])
			return k;
	}
	return -1;
}

static JET_ERR open_all(struct env *e, bool create)
{
	JET_COLUMNCREATE_A cc[4] = {
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Key",
		  .coltyp = JET_coltypLong,
		  .grbit = JET_bitColumnFixed | JET_bitColumnNotNULL },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Val",
		  .coltyp = JET_coltypLong, .grbit = JET_bitColumnFixed },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Grp",
		  .coltyp = JET_coltypLong, .grbit = JET_bitColumnFixed },
		{ .cbStruct = sizeof(cc[0]), .szColumnName = "Cnt",
		  .coltyp = JET_coltypLong,
		  .grbit = JET_bitColumnFixed | JET_bitColumnEscrowUpdate,
		  .pvDefault = (void *)&(int32_t){ 0 }, .cbDefault = 4 },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(idx), .szIndexName = "ByKey",
		.szKey = "+Key\0", .cbKey = 6, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(tc), .szTableName = "T",
		.rgcolumncreate = cc, .cColumns = 4,
		.rgindexcreate = &idx, .cIndexes = 1,
	};
	JET_COLUMNDEF def;
	JET_ERR err;
	int s;

	for (s = 0; s < NSES; s++) {
		err = JetBeginSession(e->inst, &e->ses[s], NULL, NULL);
		if (err)
			return err;
	}
	if (create) {
		err = JetCreateDatabase(e->ses[0], dbfile, NULL, &e->db[0], 0);
		if (!err)
			err = JetCreateTableColumnIndex(e->ses[0], e->db[0], &tc);
		if (!err)
			err = JetCloseTable(e->ses[0], tc.tableid);
		if (!err) {
			int32_t k = COUNTER_KEY, v = 1, g = 0;

			err = JetOpenTable(e->ses[0], e->db[0], "T", NULL, 0,
					   0, &e->tab[0]);
			e->c_key = cc[0].columnid;
			e->c_val = cc[1].columnid;
			e->c_grp = cc[2].columnid;
			if (!err)
				err = put_row(e, 0, k, v, g, true);
			if (!err)
				err = JetCloseTable(e->ses[0], e->tab[0]);
			model[COUNTER_KEY] = 1;
		}
		if (err)
			return err;
		JetCloseDatabase(e->ses[0], e->db[0], 0);
	} else {
		err = JetAttachDatabase(e->ses[0], dbfile, 0);
		if (err)
			return err;
	}
	for (s = 0; s < NSES; s++) {
		err = JetOpenDatabase(e->ses[s], dbfile, NULL, &e->db[s], 0);
		if (!err)
			err = JetOpenTable(e->ses[s], e->db[s], "T", NULL, 0, 0,
					   &e->tab[s]);
		if (err)
			return err;
	}
	err = JetGetTableColumnInfo(e->ses[0], e->tab[0], "Key", &def,
				    sizeof(def), JET_ColInfo);
	e->c_key = def.columnid;
	if (!err)
		err = JetGetTableColumnInfo(e->ses[0], e->tab[0], "Val", &def,
					    sizeof(def), JET_ColInfo);
	e->c_val = def.columnid;
	if (!err)
		err = JetGetTableColumnInfo(e->ses[0], e->tab[0], "Grp", &def,
					    sizeof(def), JET_ColInfo);
	e->c_grp = def.columnid;
	if (!err)
		err = JetGetTableColumnInfo(e->ses[0], e->tab[0], "Cnt", &def,
					    sizeof(def), JET_ColInfo);
	e->c_cnt = def.columnid;
	return err;
}

/* Compare the table with the model; returns the number of differences. */
static int check(struct env *e, int round, int *lazy_seen, int *lazy_lost)
{
	static int32_t seen[MAXKEY], grp_of[MAXKEY];
	int bad = 0, k, g, gmax;
	JET_ERR err;
	int64_t cnt = 0;

	memset(seen, 0, sizeof(seen));
	memset(grp_of, 0, sizeof(grp_of));
	err = JetMove(e->ses[0], e->tab[0], JET_MoveFirst, 0);
	while (!err) {
		int32_t key = -1, val = 0, grp = 0, c = 0;
		unsigned long n;

		JetRetrieveColumn(e->ses[0], e->tab[0], e->c_key, &key,
				  sizeof(key), &n, 0, NULL);
		JetRetrieveColumn(e->ses[0], e->tab[0], e->c_val, &val,
				  sizeof(val), &n, 0, NULL);
		JetRetrieveColumn(e->ses[0], e->tab[0], e->c_grp, &grp,
				  sizeof(grp), &n, 0, NULL);
		if (key == COUNTER_KEY &&
		    !JetRetrieveColumn(e->ses[0], e->tab[0], e->c_cnt, &c,
				       sizeof(c), &n, 0, NULL))
			cnt = c;
		if (key >= 0 && key < MAXKEY) {
			seen[key] = val;
			grp_of[key] = grp;
		} else {
			bad++;
		}
		err = JetMove(e->ses[0], e->tab[0], JET_MoveNext, 0);
	}
	if (err != JET_errNoCurrentRecord)
		bad++;
	for (k = 0; k < MAXKEY; k++) {
		if (lazy_grp[k])
			continue;
		if (seen[k] != model[k]) {
			if (bad < 5)
				diag("round %d: key %d is %d, want %d (grp %d)",
				     round, k, seen[k], model[k], grp_of[k]);
			bad++;
		}
	}
	/* Lazy groups: whole or not at all; the model takes what came. */
	for (k = 0, gmax = 0; k < MAXKEY; k++)
		if (lazy_grp[k] > gmax)
			gmax = lazy_grp[k];
	for (g = 1; g <= gmax; g++) {
		int present = 0, absent = 0;

		for (k = 0; k < MAXKEY; k++) {
			if (lazy_grp[k] != g)
				continue;
			if (seen[k])
				present++;
			else
				absent++;
		}
		if (present && absent) {
			diag("round %d: lazy group %d: %d rows there, %d not",
			     round, g, present, absent);
			bad++;
		}
		*lazy_seen += !!present;
		*lazy_lost += !present && absent;
	}
	for (k = 0; k < MAXKEY; k++) {
		if (!lazy_grp[k])
			continue;
		model[k] = seen[k];
		lazy_grp[k] = 0;
	}
	if (cnt != counter) {
		diag("round %d: counter %lld, want %lld", round,
		     (long long)cnt, (long long)counter);
		bad++;
	}
	if (ddl_kept) {
		JET_TABLEID t;

		if (JetOpenTable(e->ses[1], e->db[1], kept_name, NULL, 0, 0,
				 &t)) {
			diag("round %d: table %s is gone", round, kept_name);
			bad++;
		} else {
			JetCloseTable(e->ses[1], t);
			/* Deleted again: objids go on being given out. */
			bad += !!JetDeleteTable(e->ses[1], e->db[1], kept_name);
		}
		ddl_kept = 0;
	}
	if (ddl_lost) {
		JET_TABLEID t;

		if (JetOpenTable(e->ses[1], e->db[1], lost_name, NULL, 0, 0,
				 &t) != JET_errObjectNotFound) {
			diag("round %d: table %s of an unfinished transaction is there",
			     round, lost_name);
			bad++;
		}
		ddl_lost = 0;
	}
	return bad;
}

/* One round's workload until the crash; returns calls that failed. */
static int workload(struct env *e, int steps)
{
	static bool taken[MAXKEY];
	int32_t ins[NSES][8], nins[NSES] = { 0 }, key, v;
	int open_level[NSES] = { 0 }, lazy_next = 1, bad = 0, i, s, j;
	JET_ERR err;

	memset(taken, 0, sizeof(taken));
	ddl_lost = 0;
	/* A table a durable transaction creates: the crash must keep it. */
	if (rnd(e, 2)) {
		JET_TABLEID t;
		char name[32];

		snprintf(name, sizeof(name), "D%u", e->rnd % 100000);
		if (JetBeginTransaction(e->ses[0]) ||
		    JetCreateTable(e->ses[0], e->db[0], name, 0, 100, &t)) {
			JetRollback(e->ses[0], 0);
			bad++;
		} else {
			JetCloseTable(e->ses[0], t);
			if (JetCommitTransaction(e->ses[0], 0)) {
				bad++;
			} else {
				memcpy(kept_name, name, sizeof(name));
				ddl_kept = 1;
			}
		}
	}
	for (i = 0; i < steps; i++) {
		s = (int)rnd(e, NSES);
		/* Session 2 keeps a transaction open across calls. */
		if (s == 2) {
			if (!open_level[s]) {
				JET_TABLEID t;

				bad += !!JetBeginTransaction(e->ses[s]);
				open_level[s] = 1;
				/* A table the crash must take away. */
				snprintf(lost_name, sizeof(lost_name), "U%u",
					 e->rnd % 100000);
				if (!JetCreateTable(e->ses[s], e->db[s], lost_name,
						    0, 100, &t)) {
					JetCloseTable(e->ses[s], t);
					ddl_lost = 1;
				} else {
					bad++;
				}
			}
			switch (rnd(e, 3)) {
			case 0:
				key = free_key(e, taken);
				if (key > 0 && !put_row(e, s, key, 7, -1, true))
					taken[key] = true;
				break;
			case 1:
				key = some_key(e);
				if (key > 0 && !taken[key] &&
				    !put_row(e, s, key, -5, -1, false))
					taken[key] = true;
				break;
			default:
				key = some_key(e);
				if (key > 0 && !taken[key] &&
				    !del_row(e, s, key))
					taken[key] = true;
				break;
			}
			continue;
		}
		if (rnd(e, 4) == 0) {
			/* A lazy group: new keys only. */
			int g = lazy_next++, n = 1 + (int)rnd(e, 4);

			bad += !!JetBeginTransaction(e->ses[s]);
			nins[s] = 0;
			for (j = 0; j < n; j++) {
				key = free_key(e, taken);
				if (key <= 0)
					break;
				if (put_row(e, s, key, 1000 + g, g, true))
					bad++;
				else
					ins[s][nins[s]++] = key, taken[key] = 1;
			}
			err = JetCommitTransaction(e->ses[s],
						   JET_bitCommitLazyFlush);
			bad += !!err;
			for (j = 0; j < nins[s]; j++)
				lazy_grp[ins[s][j]] = g;
			continue;
		}
		/* A durable transaction. */
		{
			int32_t touched[8], vals[8];
			int nt = 0, n = 1 + (int)rnd(e, 4), ok = 1;
			int32_t delta = (int32_t)rnd(e, 7) - 3;

			bad += !!JetBeginTransaction(e->ses[s]);
			for (j = 0; j < n && ok; j++) {
				int op = (int)rnd(e, 3);

				key = op ? some_key(e) : free_key(e, taken);
				if (key <= 0 || taken[key])
					continue;
				v = 1 + (int32_t)rnd(e, 100000);
				if (op == 2 && rnd(e, 2))
					err = del_row(e, s, key), v = 0;
				else
					err = put_row(e, s, key, v, 0, !op);
				if (err) {
					ok = 0;
					bad += err != JET_errWriteConflict;
					break;
				}
				taken[key] = true;
				touched[nt] = key;
				vals[nt++] = v;
			}
			if (ok && rnd(e, 3) == 0) {
				/* A nested level that rolls back. */
				bad += !!JetBeginTransaction(e->ses[s]);
				key = free_key(e, taken);
				if (key > 0)
					put_row(e, s, key, 99, 0, true);
				bad += !!JetRollback(e->ses[s], 0);
			}
			if (ok && delta) {
				err = seek_key(e, s, COUNTER_KEY);
				if (!err)
					err = JetEscrowUpdate(e->ses[s],
							      e->tab[s],
							      e->c_cnt, &delta,
							      sizeof(delta),
							      NULL, 0, NULL, 0);
				ok = !err;
				bad += !!err;
			}
			if (!ok) {
				JetRollback(e->ses[s], 0);
				for (j = 0; j < nt; j++)
					taken[touched[j]] = false;
				continue;
			}
			err = JetCommitTransaction(e->ses[s], 0);
			if (err) {
				bad++;
				continue;
			}
			for (j = 0; j < nt; j++) {
				model[touched[j]] = vals[j];
				taken[touched[j]] = false;
			}
			counter += delta;
		}
	}
	return bad;
}


/*
 * A log that fills up: a transaction left open pins it, the next changes
 * get JET_errLogDiskFull (never a hang), the open one can still roll
 * back, and then the log has room again.
 */
static void test_log_full(void)
{
	struct env e = { .rnd = 1 };
	int32_t key, refused_at = -1;
	JET_ERR err = 0;
	int tries;

	mkdir(full_dir, 0755);
	is(JetCreateInstance(&e.inst, "logfull"), 0, "full: an instance");
	is(JetSetSystemParameter(&e.inst, 0, JET_paramLogFilePath, 0,
				 full_dir), 0, "full: its log path");
	is(JetSetSystemParameter(&e.inst, 0, JET_paramLogFileSize, 64, NULL),
	   0, "full: 64 KiB generations (a 1 MiB log)");
	is(JetInit(&e.inst), 0, "full: JetInit");
	is(JetBeginSession(e.inst, &e.ses[0], NULL, NULL), 0, "full: session A");
	is(JetBeginSession(e.inst, &e.ses[1], NULL, NULL), 0, "full: session B");
	is(JetCreateDatabase(e.ses[0], full_db, NULL, &e.db[0], 0), 0,
	   "full: JetCreateDatabase");
	{
		JET_TABLEID t;

		is(JetCreateTable(e.ses[0], e.db[0], "T", 0, 100, &t), 0,
		   "full: table T");
		JetCloseTable(e.ses[0], t);
	}
	is(JetOpenDatabase(e.ses[1], full_db, NULL, &e.db[1], 0), 0,
	   "full: B opens it");
	{
		JET_COLUMNDEF cd = { .cbStruct = sizeof(cd),
				     .coltyp = JET_coltypLong };
		JET_COLUMNDEF cv = { .cbStruct = sizeof(cv),
				     .coltyp = JET_coltypLongBinary };
		JET_TABLEID t;

		is(JetOpenTable(e.ses[0], e.db[0], "T", NULL, 0, 0, &t), 0,
		   "full: A opens T");
		is(JetAddColumn(e.ses[0], t, "Key", &cd, NULL, 0, &e.c_key), 0,
		   "full: column Key");
		is(JetAddColumn(e.ses[0], t, "Val", &cv, NULL, 0, &e.c_val), 0,
		   "full: column Val");
		e.tab[0] = t;
		is(JetOpenTable(e.ses[1], e.db[1], "T", NULL, 0, 0, &e.tab[1]),
		   0, "full: B opens T");
	}
	/* A's transaction outlives its calls: it holds the checkpoint. */
	is(JetBeginTransaction(e.ses[0]), 0, "full: A begins");
	key = -1;
	e.c_grp = e.c_val;
	is(JetPrepareUpdate(e.ses[0], e.tab[0], JET_prepInsert), 0,
	   "full: A prepares an insert");
	JetSetColumn(e.ses[0], e.tab[0], e.c_key, &key, sizeof(key), 0, NULL);
	is(JetUpdate(e.ses[0], e.tab[0], NULL, 0, NULL), 0,
	   "full: A inserts and leaves its transaction open");
	for (key = 0; key < 2000 && !err; key++) {
		static char blob[2000];

		err = JetBeginTransaction(e.ses[1]);
		if (!err)
			err = JetPrepareUpdate(e.ses[1], e.tab[1],
					       JET_prepInsert);
		if (!err)
			err = JetSetColumn(e.ses[1], e.tab[1], e.c_key, &key,
					   sizeof(key), 0, NULL);
		if (!err)
			err = JetSetColumn(e.ses[1], e.tab[1], e.c_val, blob,
					   sizeof(blob), 0, NULL);
		if (!err)
			err = JetUpdate(e.ses[1], e.tab[1], NULL, 0, NULL);
		if (!err)
			err = JetCommitTransaction(e.ses[1], 0);
		if (err) {
			refused_at = key;
			JetPrepareUpdate(e.ses[1], e.tab[1], JET_prepCancel);
			JetRollback(e.ses[1], 0);
		}
	}
	is(err, JET_errLogDiskFull,
	   "full: B's changes are refused once the log is full (at its %d. commit)",
	   refused_at);
	ok(stat_get(e.inst, "log_full_refusals") > 0,
	   "full: ... and counted");
	is(JetRollback(e.ses[0], 0), 0,
	   "full: A can still roll back");
	for (tries = 0, err = -1; tries < 100 && err; tries++) {
		err = JetBeginTransaction(e.ses[1]);
		if (!err)
			err = JetPrepareUpdate(e.ses[1], e.tab[1],
					       JET_prepInsert);
		if (!err)
			err = JetSetColumn(e.ses[1], e.tab[1], e.c_key,
					   &refused_at, sizeof(refused_at), 0,
					   NULL);
		if (!err)
			err = JetUpdate(e.ses[1], e.tab[1], NULL, 0, NULL);
		if (!err)
			err = JetCommitTransaction(e.ses[1], 0);
		if (err) {
			JetPrepareUpdate(e.ses[1], e.tab[1], JET_prepCancel);
			JetRollback(e.ses[1], 0);
			usleep(10000);
		}
	}
	is(err, 0, "full: with A gone the checkpoint moves and B goes on");
	JetCloseTable(e.ses[0], e.tab[0]);
	JetCloseTable(e.ses[1], e.tab[1]);
	JetEndSession(e.ses[0], 0);
	JetEndSession(e.ses[1], 0);
	is(JetTerm(e.inst), 0, "full: JetTerm");
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : stress_scaled(200);
	unsigned int seed = argc > 2 ? (unsigned int)strtoul(argv[2], NULL, 0) :
				       (unsigned int)time(NULL);
	int r, bad_check = 0, bad_init = 0, bad_work = 0, undone = 0;
	int lazy_seen = 0, lazy_lost = 0, ran = 0, crashes = 0;
	long long rec_us = 0, rec_pages = 0;
	struct env e = { .rnd = seed };

	diag("seed %u (replay: recovery_test %d %u)", seed, rounds, seed);
	mkdir("tests/user/build/out", 0755);
	snprintf(dir, sizeof(dir), "tests/user/build/out/recovery-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(dbfile, sizeof(dbfile), "%s/recovery.edb", dir);
	snprintf(full_dir, sizeof(full_dir), "%s/logfull/", dir);
	snprintf(full_db, sizeof(full_db), "%s/logfull.edb", full_dir);
	for (r = 0; r <= rounds; r++) {
		JET_ERR err;
		int s;

		memset(&e.ses, 0, sizeof(e.ses));
		err = JetCreateInstance(&e.inst, "recovery");
		if (!err)
			err = JetSetSystemParameter(&e.inst, 0,
						    JET_paramLogFilePath, 0,
						    dir);
		if (!err)
			err = JetSetSystemParameter(&e.inst, 0,
						    JET_paramLogFileSize, 1024,
						    NULL);
		if (!err)
			err = JetInit(&e.inst);
		if (err) {
			diag("round %d: JetInit: %ld", r, (long)err);
			bad_init++;
			break;
		}
		if (r) {
			ran += stat_get(e.inst, "recovery_ran") == 1;
			undone += (int)stat_get(e.inst, "recovery_trx_undone");
			rec_us += stat_get(e.inst, "recovery_us");
			rec_pages += stat_get(e.inst, "recovery_pages");
		}
		err = open_all(&e, r == 0);
		if (err) {
			diag("round %d: attach: %ld", r, (long)err);
			bad_init++;
			JetTerm2(e.inst, JET_bitTermDirty);
			break;
		}
		if (r)
			bad_check += !!check(&e, r, &lazy_seen, &lazy_lost);
		if (r == rounds) {
			for (s = 0; s < NSES; s++)
				JetCloseTable(e.ses[s], e.tab[s]);
			for (s = 0; s < NSES; s++)
				JetEndSession(e.ses[s], 0);
			is(JetTerm(e.inst), 0, "a clean JetTerm after the last round");
			break;
		}
		bad_work += workload(&e, 20 + (int)(e.rnd % 60));
		crashes += inst_crash(e.inst);
		/* Calls now fail; the term leaves everything to recovery. */
		JetTerm2(e.inst, JET_bitTermDirty);
	}
	is(bad_init, 0, "%d rounds: every JetInit recovered and the database attached",
	   rounds);
	is(crashes, rounds, "%d simulated power cuts", crashes);
	is(ran, rounds, "recovery ran after each cut");
	is(bad_check, 0, "every durable commit there, nothing uncommitted, the escrow counter exact");
	is(bad_work, 0, "the workload's calls succeeded before each cut");
	ok(undone > 0, "recovery rolled back %d unfinished transactions", undone);
	ok(lazy_seen > 0, "lazy groups: %d there whole, %d lost whole",
	   lazy_seen, lazy_lost);
	diag("recovery: %lld pages redone, %lld us in all, %lld us a round",
	     rec_pages, rec_us, rounds ? rec_us / rounds : 0);
	test_log_full();
	{
		static const char *const files[] = {
			"logfull/edb.jlog", "logfull/logfull.edb", "logfull",
			"edb.jlog", "recovery.edb",
		};
		char p[300];
		unsigned int i;

		for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
			snprintf(p, sizeof(p), "%s/%s", dir, files[i]);
			if (remove(p))
				diag("could not remove %s", p);
		}
		rmdir(dir);
	}
	return tap_done();
}
