// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the whole engine through simulated power cuts.  The database
 * and the log are claimed for real (make check's /dev/ubda and
 * /dev/ubdb; skipped without them), but their I/O goes to fake disks
 * behind the bio seam (struct jetk_bdev_fake): a write lands in a
 * volatile cache that reads see and that reaches the media only at a
 * flush, a REQ_PREFLUSH or as REQ_FUA.  The power goes after a random
 * number of writes, in whatever thread writes then: that write lands a
 * random part of its sectors, every later I/O fails, and of the
 * sectors still in the volatile cache each survives with the seed's
 * odds (none, some, all).
 *
 * Each seeded round: sessions run transactions spanning several calls
 * (inserts, replaces and deletes of their own keys, nested levels
 * committed or rolled back, rollbacks, durable and lazy commits, the
 * occasional JET_bitWaitAllLevel0Commit), the power goes, the instance
 * is terminated dirty, and a new instance recovers from the log over
 * the same disks, given the database the log's superblock names; in
 * some seeds the power goes again during recovery, which then runs
 * again.  The check: every page of the database on the disk passes its
 * checksums (or was never written), the database attaches clean, and
 * the table, read through the cache (which verifies each page it reads)
 * by a walk of the tree, holds exactly what the first k commits made,
 * for a k no smaller than the last acknowledged durable commit: nothing
 * acknowledged lost, nothing uncommitted or rolled back visible, every
 * transaction whole.  The next round goes on from the recovered state.
 */
#include <kunit/test.h>
#include <linux/crc32.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "bdev.h"
#include "checksum.h"
#include "cursor.h"
#include "database.h"
#include "format.h"
#include "jeterr.h"
#include "jetk.h"
#include "table.h"
#include "wal.h"

#define DATA_DISK	"/dev/ubda"	/* make check's "data" scratch disk */
#define LOG_DISK	"/dev/ubdb"	/* make check's "log" scratch disk */
#define SSIZE		512
#define PSZ		4096
#define DB_BYTES	(4U << 20)
#define LOG_BYTES	(4U << 20)
#define DB_NAME		"rk.edb"

#define NSES		3
#define NKEYS		240		/* key k belongs to session k % NSES */
#define STEPS		160		/* calls per round, at most */
#define MAXW		4096		/* committed writes per round */
#define MAXC		1024		/* commits per round */
#define MAXP		256		/* writes a transaction holds */
#define LEVELS		3

/* JET_* values the calls take (the engine's own defines are private). */
#define PREP_INSERT	0
#define PREP_REPLACE	2
#define PREP_CANCEL	3
#define MK_NEW_KEY	0x1U
#define SEEK_EQ		0x1U
#define MOVE_FIRST	((s64)S32_MIN)
#define COMMIT_LAZY	0x1U
#define COMMIT_WAIT_ALL	0x8U

/* ------------------------------------------------------------ the disks */

/* Both disks lose power together. */
struct power {
	struct mutex lock;	/* every fake I/O, the cut, the counters */
	long budget;		/* writes that may still start; < 0: no cut */
	bool dead;
	u32 keep_pct;		/* odds of an unflushed sector at the cut */
	struct rnd_state rnd;
	struct fdisk *disks[2];
	u64 writes;
	u64 flushes;
	u64 torn;
	u64 lost_sectors;
};

struct fdisk {
	struct jetk_bdev_fake fake;	/* first: container_of() */
	struct power *pw;
	struct file *f;
	u8 *media;
	u8 *cache;
	unsigned long *dirty;		/* sectors in the volatile cache */
	u64 size;
	bool added;
};

static void fdisk_flush_locked(struct fdisk *d)
{
	unsigned long i;

	for_each_set_bit(i, d->dirty, d->size / SSIZE)
		memcpy(d->media + i * SSIZE, d->cache + i * SSIZE, SSIZE);
	bitmap_zero(d->dirty, d->size / SSIZE);
}

/* The power goes: each unflushed sector survives with the seed's odds. */
static void power_cut_locked(struct power *pw)
{
	unsigned long i;
	int k;

	if (pw->dead)
		return;
	pw->dead = true;
	for (k = 0; k < ARRAY_SIZE(pw->disks); k++) {
		struct fdisk *d = pw->disks[k];

		for_each_set_bit(i, d->dirty, d->size / SSIZE) {
			if (prandom_u32_state(&pw->rnd) % 100 < pw->keep_pct)
				memcpy(d->media + i * SSIZE,
				       d->cache + i * SSIZE, SSIZE);
			else
				pw->lost_sectors++;
		}
		bitmap_zero(d->dirty, d->size / SSIZE);
	}
}

static void power_cut(struct power *pw)
{
	mutex_lock(&pw->lock);
	power_cut_locked(pw);
	mutex_unlock(&pw->lock);
}

static void power_on(struct power *pw)
{
	mutex_lock(&pw->lock);
	pw->dead = false;
	pw->budget = -1;
	mutex_unlock(&pw->lock);
}

static bool power_dead(struct power *pw)
{
	bool dead;

	mutex_lock(&pw->lock);
	dead = pw->dead;
	mutex_unlock(&pw->lock);
	return dead;
}

static void power_arm(struct power *pw, long writes)
{
	mutex_lock(&pw->lock);
	pw->budget = writes;
	mutex_unlock(&pw->lock);
}

static int fdisk_submit(struct jetk_bdev_fake *fake, blk_opf_t opf,
			u64 offset, struct page *page, unsigned int page_off,
			unsigned int len, jetk_bdev_end_io_t end_io,
			void *private)
{
	struct fdisk *d = container_of(fake, struct fdisk, fake);
	struct power *pw = d->pw;
	u8 *buf = (u8 *)page_address(page) + page_off;
	unsigned int i, n = len / SSIZE;
	u64 sec = offset / SSIZE;
	int err = 0;

	mutex_lock(&pw->lock);
	if (pw->dead) {
		err = -EIO;
	} else if (op_is_write(opf)) {
		bool torn = pw->budget == 0;

		pw->writes++;
		if (pw->budget > 0)
			pw->budget--;
		if (opf & REQ_PREFLUSH)
			fdisk_flush_locked(d);
		for (i = 0; i < n; i++) {
			u8 *dst = (opf & REQ_FUA) ? d->media : d->cache;

			/* The write the power cuts lands some sectors. */
			if (torn && prandom_u32_state(&pw->rnd) % 2)
				continue;
			memcpy(dst + offset + i * SSIZE, buf + i * SSIZE, SSIZE);
			if (opf & REQ_FUA)
				clear_bit(sec + i, d->dirty);
			else
				set_bit(sec + i, d->dirty);
		}
		if (torn) {
			pw->torn++;
			power_cut_locked(pw);
			err = -EIO;
		}
	} else {
		for (i = 0; i < n; i++)
			memcpy(buf + i * SSIZE,
			       (test_bit(sec + i, d->dirty) ? d->cache :
							      d->media) +
			       offset + i * SSIZE, SSIZE);
	}
	mutex_unlock(&pw->lock);
	end_io(private, err);
	return 0;
}

static int fdisk_flush(struct jetk_bdev_fake *fake)
{
	struct fdisk *d = container_of(fake, struct fdisk, fake);
	int err = 0;

	mutex_lock(&d->pw->lock);
	if (d->pw->dead) {
		err = -EIO;
	} else {
		d->pw->flushes++;
		fdisk_flush_locked(d);
	}
	mutex_unlock(&d->pw->lock);
	return err;
}

static const struct jetk_bdev_fake_ops fdisk_ops = {
	.submit = fdisk_submit,
	.flush = fdisk_flush,
};

/* What a read of the device returns now (the cache over the media). */
static void fdisk_read(struct fdisk *d, u64 offset, void *buf, size_t len)
{
	size_t i;

	mutex_lock(&d->pw->lock);
	for (i = 0; i < len / SSIZE; i++)
		memcpy(buf + i * SSIZE,
		       (test_bit(offset / SSIZE + i, d->dirty) ? d->cache :
								  d->media) +
		       offset + i * SSIZE, SSIZE);
	mutex_unlock(&d->pw->lock);
}

static void fdisk_wipe(struct fdisk *d)
{
	memset(d->media, 0, d->size);
	bitmap_zero(d->dirty, d->size / SSIZE);
}

/* ------------------------------------------------------------ the model */

struct pend {
	u16 key;
	u8 level;
	u32 val;		/* 0: deleted */
};

/*
 * Commits of the round in the order they were made (the log's order):
 * after a cut the table must hold @base with the first k of them
 * applied, k >= @min_k (the commits an acknowledgment made durable).
 */
struct model {
	u32 base[NKEYS];
	u32 cur[NKEYS];		/* @base and every commit so far */
	u32 state[NKEYS];	/* scratch for the check */
	u32 got[NKEYS];		/* what the table holds */
	unsigned int ncommits;
	unsigned int cstart[MAXC + 1];
	u16 wkey[MAXW];
	u32 wval[MAXW];
	unsigned int nw;
	unsigned int min_k;
	struct pend pend[NSES][MAXP];
	unsigned int npend[NSES];
};

/* Record values: Val is never 0; Data is derived from (key, val). */
static unsigned int data_len(u32 val)
{
	return 1 + val % 255;
}

static u8 data_byte(u32 key, u32 val, unsigned int i)
{
	return (key * 2654435761U + val * 40503U + i * 977U) >> 11;
}

/* What session @s sees of @key: its own pending writes, else committed. */
static u32 model_view(struct model *m, int s, u16 key)
{
	int i;

	for (i = (int)m->npend[s] - 1; i >= 0; i--)
		if (m->pend[s][i].key == key)
			return m->pend[s][i].val;
	return m->cur[key];
}

/* ------------------------------------------------------------ the world */

struct rk {
	struct kunit *test;
	struct power pw;
	struct fdisk db;
	struct fdisk log;
	struct jetk_file *jf;
	u64 inst;
	u64 ses[NSES];
	u32 dbid[NSES];
	u64 tid[NSES];
	unsigned int level[NSES];
	u32 col_key, col_val, col_data;
	struct model *m;
	struct rnd_state rnd;
	u8 *buf;
	/* totals */
	unsigned int cuts;
	unsigned int rec_cuts;
	unsigned int recoveries;
	u64 durable_acked;
	u64 lazy;
	u64 commits_found;
	u64 commits_checked;
	u64 rollbacks;
	u64 pages_checked;
	u64 records_checked;
	u64 ckpt_moves;
	unsigned int losses;
	bool failed;
};

static u32 rnd(struct rk *r, u32 n)
{
	return prandom_u32_state(&r->rnd) % n;
}

static void rk_exit(void *p)
{
	struct rk *r = p;

	if (r->jf)
		jetk_file_free(r->jf);
	if (r->db.added)
		jetk_bdev_fake_remove(&r->db.fake);
	if (r->log.added)
		jetk_bdev_fake_remove(&r->log.fake);
	if (r->db.f)
		fput(r->db.f);
	if (r->log.f)
		fput(r->log.f);
	vfree(r->db.media);
	vfree(r->db.cache);
	vfree(r->log.media);
	vfree(r->log.cache);
	bitmap_free(r->db.dirty);
	bitmap_free(r->log.dirty);
	kvfree(r->m);
	kfree(r->buf);
}

static void fdisk_init(struct kunit *test, struct rk *r, struct fdisk *d,
		       const char *path, u64 size)
{
	d->f = filp_open(path, O_RDWR, 0);
	if (IS_ERR(d->f)) {
		long err = PTR_ERR(d->f);

		d->f = NULL;
		kunit_skip(test, "%s: %ld", path, err);
	}
	KUNIT_ASSERT_TRUE(test, S_ISBLK(file_inode(d->f)->i_mode));
	d->pw = &r->pw;
	d->size = size;
	d->media = vzalloc(size);
	d->cache = vzalloc(size);
	d->dirty = bitmap_zalloc(size / SSIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, d->media);
	KUNIT_ASSERT_NOT_NULL(test, d->cache);
	KUNIT_ASSERT_NOT_NULL(test, d->dirty);
	d->fake.dev = file_inode(d->f)->i_rdev;
	d->fake.size = size;
	d->fake.lbs = SSIZE;
	d->fake.ops = &fdisk_ops;
	jetk_bdev_fake_add(&d->fake);
	d->added = true;
}

static struct rk *rk_init(struct kunit *test)
{
	struct rk *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->test = test;
	mutex_init(&r->pw.lock);
	r->pw.budget = -1;
	r->pw.disks[0] = &r->db;
	r->pw.disks[1] = &r->log;
	r->m = kvzalloc(sizeof(*r->m), GFP_KERNEL);
	r->buf = kmalloc(PSZ, GFP_KERNEL);
	if (kunit_add_action_or_reset(test, rk_exit, r))
		KUNIT_FAIL_AND_ABORT(test, "no action");
	KUNIT_ASSERT_NOT_NULL(test, r->m);
	KUNIT_ASSERT_NOT_NULL(test, r->buf);
	fdisk_init(test, r, &r->db, DATA_DISK, DB_BYTES);
	fdisk_init(test, r, &r->log, LOG_DISK, LOG_BYTES);
	return r;
}

/* ------------------------------------------------------------ calls */

static void call_init(struct jetk_call *c, struct rk *r, unsigned int nr)
{
	memset(c, 0, sizeof(*c));
	c->jf = r->jf;
	c->desc = jetk_ioctl_desc(nr);
}

/*
 * A transaction call through its own ioctl handler, so that a durable
 * commit waits for the log exactly as JetCommitTransaction does.
 */
static int trx_call(struct rk *r, unsigned int nr, int s, u32 grbit,
		    unsigned int *level)
{
	struct jetk_transaction a = { .sesid = r->ses[s], .grbit = grbit };
	struct jetk_call c;
	int ret;

	call_init(&c, r, nr);
	ret = c.desc->fn(&c, &a);
	if (ret)
		return ret;
	if (level && !a.err)
		*level = a.level;
	return a.err;
}

/*
 * Enter session @s and its cursor as jetk_ioc_cursor() does; the calls
 * here run inside a transaction, where jetk_cursor_call_begin() takes no
 * call snapshot, so holding the schema is all of it.
 */
static int cur_enter(struct rk *r, int s, struct jetk_call *call,
		     struct jetk_cursor **c)
{
	int err;

	call_init(call, r, _JETK_NR_UPDATE);
	err = jetk_call_enter_session(call, r->ses[s]);
	if (err)
		return err;
	*c = jetk_cursor_get(call->ses, r->tid[s]);
	if (!*c || !call->ses->level) {
		jetk_call_exit(call);
		return JETK_ERR_INVALID_TABLE_ID;
	}
	down_read(&(*c)->t->ddl);
	(*c)->rec_valid = false;
	return 0;
}

static void cur_exit(struct jetk_call *call, struct jetk_cursor *c)
{
	up_read(&c->t->ddl);
	jetk_call_exit(call);	/* the undo records go to the log here */
}

static int seek_key(struct jetk_cursor *c, u32 key)
{
	__le32 k = cpu_to_le32(key);
	int err = jetk_cursor_make_key(c, (u8 *)&k, sizeof(k), MK_NEW_KEY);

	if (!err)
		err = jetk_cursor_seek(c, SEEK_EQ);
	return err;
}

/* One call: insert, replace (@val != 0) or delete (@val == 0) @key. */
static int put_row(struct rk *r, int s, u32 key, u32 val, bool insert)
{
	struct jetk_call call;
	struct jetk_cursor *c;
	__le32 le;
	unsigned int i, len = data_len(val);
	int err;

	err = cur_enter(r, s, &call, &c);
	if (err)
		return err;
	if (!insert)
		err = seek_key(c, key);
	if (!err && !val) {
		err = jetk_cursor_delete(c);
		goto out;
	}
	if (!err)
		err = jetk_cursor_prepare(c, insert ? PREP_INSERT :
					  PREP_REPLACE);
	if (err)
		goto out;
	if (insert) {
		le = cpu_to_le32(key);
		err = jetk_cursor_set(c, r->col_key, (u8 *)&le, 4, 0, 0, 0);
	}
	le = cpu_to_le32(val);
	if (!err)
		err = jetk_cursor_set(c, r->col_val, (u8 *)&le, 4, 0, 0, 0);
	for (i = 0; i < len; i++)
		r->buf[i] = data_byte(key, val, i);
	if (!err)
		err = jetk_cursor_set(c, r->col_data, r->buf, len, 0, 0, 0);
	if (!err) {
		u32 bl = 0;

		err = jetk_cursor_update(c, 0, NULL, 0, &bl);
	}
	if (err)
		jetk_cursor_prepare(c, PREP_CANCEL);
out:
	cur_exit(&call, c);
	return err;
}

/* ------------------------------------------------------------ instances */

static void set_param(struct rk *r, u64 inst, u32 id, u64 val)
{
	KUNIT_ASSERT_EQ_MSG(r->test, 0,
			    jetk_param_set(r->jf, inst, 0, id, val, NULL, 0),
			    "param %u", id);
}

/* The databases the log's superblock names (what libjetk reads). */
static unsigned int log_dbs(struct rk *r, struct jetk_wal_rdb *rdbs)
{
	struct jetk_log_sb *sb = kmalloc(JETK_LOG_SB_BYTES, GFP_KERNEL);
	struct jetk_log_sb *best = kmalloc(JETK_LOG_SB_BYTES, GFP_KERNEL);
	unsigned int copy, i, ndbs, n = 0;
	bool found = false;

	KUNIT_ASSERT_NOT_NULL(r->test, sb);
	KUNIT_ASSERT_NOT_NULL(r->test, best);
	for (copy = 0; copy < JETK_LOG_SB_COPIES; copy++) {
		u32 crc;

		fdisk_read(&r->log, copy * JETK_LOG_SB_BYTES, sb,
			   JETK_LOG_SB_BYTES);
		crc = le32_to_cpu(sb->crc);
		sb->crc = 0;
		if (le64_to_cpu(sb->magic) != JETK_LOG_SB_MAGIC ||
		    le32_to_cpu(sb->version) != JETK_LOG_VERSION ||
		    (crc32_le(~0U, (u8 *)sb, JETK_LOG_SB_BYTES) ^ ~0U) != crc)
			continue;
		if (!found || le64_to_cpu(sb->seq) > le64_to_cpu(best->seq))
			memcpy(best, sb, JETK_LOG_SB_BYTES);
		found = true;
	}
	KUNIT_EXPECT_TRUE_MSG(r->test, found, "no valid log superblock");
	ndbs = found ? min_t(u32, le32_to_cpu(best->ndbs), JETK_LOG_DBS_MAX) : 0;
	for (i = 0; i < ndbs; i++) {
		struct jetk_log_sb_db *e = &best->dbs[i];

		rdbs[n].file = r->db.f;
		rdbs[n].id = le32_to_cpu(e->id);
		rdbs[n].name = kstrndup(e->name,
					min_t(u32, le16_to_cpu(e->name_len),
					      JETK_LOG_DB_NAME_MAX),
					GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(r->test, rdbs[n].name);
		n++;
	}
	kfree(sb);
	kfree(best);
	return n;
}

/* JetInit over the fake disks: a new log, or recovery of the last run. */
static int instance_start(struct rk *r, bool recover)
{
	struct jetk_wal_rdb rdbs[JETK_LOG_DBS_MAX] = {};
	unsigned int n = 0, i;
	u64 h = 0;
	int err;

	r->jf = jetk_file_alloc();
	KUNIT_ASSERT_NOT_NULL(r->test, r->jf);
	/* A small cache: pages are evicted and written back all the time. */
	set_param(r, 0, JETK_PARAM_CACHE_SIZE_MAX, 32);
	KUNIT_ASSERT_EQ(r->test, 0, jetk_instance_create(r->jf, "rk", NULL, &h));
	/* A shallow checkpoint: the checkpoint work runs often. */
	set_param(r, h, JETK_PARAM_CHECKPOINT_DEPTH_MAX,
		  (u64)(rnd(r, 4) ? 4 + rnd(r, 60) : 64 + rnd(r, 512)) << 10);
	if (recover)
		n = log_dbs(r, rdbs);
	err = jetk_instance_init_log(r->jf, &h, 0, 0, r->log.f, 0, rdbs, n);
	for (i = 0; i < n; i++)
		kfree(rdbs[i].name);
	r->inst = h;
	return err;
}

/* Power gone or not: JetTerm(JET_bitTermDirty), the file closed. */
static void instance_crash(struct rk *r)
{
	struct jetk_instance *inst = jetk_instance_get(r->jf, r->inst);

	if (inst) {
		if (inst->wal)
			r->ckpt_moves +=
				atomic64_read(&inst->wal->stats.ckpt_moves);
		jetk_instance_put(inst);
	}
	if (r->inst)
		jetk_instance_term(r->jf, r->inst, JETK_TERM_DIRTY);
	jetk_file_free(r->jf);
	r->jf = NULL;
	r->inst = 0;
}

static void sessions_open(struct rk *r, bool create)
{
	struct kunit *test = r->test;
	struct jetk_call c;
	int s;

	for (s = 0; s < NSES; s++) {
		struct jetk_database *d;
		struct jetk_table *t;

		call_init(&c, r, _JETK_NR_BEGIN_SESSION);
		KUNIT_ASSERT_EQ(test, 0, jetk_call_enter_instance(&c, r->inst));
		KUNIT_ASSERT_EQ(test, 0, jetk_session_begin(&c, &r->ses[s]));
		jetk_call_exit(&c);

		call_init(&c, r, _JETK_NR_OPEN_TABLE);
		KUNIT_ASSERT_EQ(test, 0, jetk_call_enter_session(&c, r->ses[s]));
		KUNIT_ASSERT_EQ(test, 0, jetk_database_open(c.ses, DB_NAME, 0,
							    &r->dbid[s]));
		d = jetk_database_get(c.ses, r->dbid[s]);
		KUNIT_ASSERT_NOT_NULL(test, d);
		if (create && !s) {
			struct jetk_column_def cols[3] = {
				{ .name = "Key", .coltyp = JETK_COLTYP_LONG },
				{ .name = "Val", .coltyp = JETK_COLTYP_LONG },
				{ .name = "Data", .coltyp = JETK_COLTYP_BINARY,
				  .cb_max = 255 },
			};
			struct jetk_index_def idx = {
				.name = "PK", .key = "+Key\0", .key_len = 6,
				.grbit = JETK_INDEX_PRIMARY,
			};
			unsigned int created = 0;

			KUNIT_ASSERT_EQ(test, 0,
					jetk_table_create(&d->db, "T", 0, 0, 0,
							  cols, 3, &idx, 1, &t,
							  &created));
			r->col_key = cols[0].columnid;
			r->col_val = cols[1].columnid;
			r->col_data = cols[2].columnid;
		} else {
			KUNIT_ASSERT_EQ(test, 0, jetk_table_open(&d->db, "T",
								 &t));
		}
		KUNIT_ASSERT_EQ(test, 0, jetk_cursor_open(c.ses, d, t, 0,
							  &r->tid[s]));
		jetk_call_exit(&c);
		r->level[s] = 0;
	}
}

/* ------------------------------------------------------------ workload */

static void model_commit(struct model *m, int s)
{
	unsigned int i;

	for (i = 0; i < m->npend[s] && m->nw < MAXW; i++) {
		m->wkey[m->nw] = m->pend[s][i].key;
		m->wval[m->nw] = m->pend[s][i].val;
		m->cur[m->pend[s][i].key] = m->pend[s][i].val;
		m->nw++;
	}
	m->npend[s] = 0;
	m->ncommits++;
	m->cstart[m->ncommits] = m->nw;
}

/* Drop the session's pending writes of @level and deeper. */
static void model_rollback(struct model *m, int s, unsigned int level)
{
	while (m->npend[s] && m->pend[s][m->npend[s] - 1].level >= level)
		m->npend[s]--;
}

static void model_commit_nested(struct model *m, int s, unsigned int level)
{
	unsigned int i;

	for (i = 0; i < m->npend[s]; i++)
		if (m->pend[s][i].level == level)
			m->pend[s][i].level = level - 1;
}

/* A write to one of session @s's keys, on the model's side and the engine's. */
static int step_write(struct rk *r, int s)
{
	struct model *m = r->m;
	u32 key = s + NSES * rnd(r, NKEYS / NSES);
	u32 now = model_view(m, s, key), val;
	bool insert = !now;
	int err;

	if (m->npend[s] >= MAXP || m->nw + m->npend[s] >= MAXW - 1)
		return 0;
	val = 1 + prandom_u32_state(&r->rnd) % 0x7ffffffe;
	if (now && rnd(r, 3) == 0)
		val = 0;			/* delete */
	err = put_row(r, s, key, val, insert);
	if (err)
		return err;
	m->pend[s][m->npend[s]++] = (struct pend){ .key = key, .val = val,
						   .level = r->level[s] };
	return 0;
}

/* One call of a random session; nonzero when it failed. */
static int step(struct rk *r)
{
	struct model *m = r->m;
	int s = rnd(r, NSES);
	unsigned int lvl = r->level[s], x = rnd(r, 100), got = lvl;
	int err;

	if (!lvl) {
		err = trx_call(r, _JETK_NR_BEGIN_TRANSACTION, s, 0, &got);
		if (!err)
			r->level[s] = got;
		return err;
	}
	if (x < 55)
		return step_write(r, s);
	if (x < 62 && lvl < LEVELS) {
		err = trx_call(r, _JETK_NR_BEGIN_TRANSACTION, s, 0, &got);
		if (!err)
			r->level[s] = got;
		return err;
	}
	if (x < 70) {
		err = trx_call(r, _JETK_NR_ROLLBACK, s, 0, &got);
		if (err)
			return err;
		model_rollback(m, s, lvl);
		r->level[s] = got;
		r->rollbacks++;
		return 0;
	}
	if (x < 72) {
		/* JET_bitWaitAllLevel0Commit: every commit so far durable. */
		err = trx_call(r, _JETK_NR_COMMIT_TRANSACTION, s,
			       COMMIT_WAIT_ALL, NULL);
		if (!err)
			m->min_k = m->ncommits;
		return err;
	}
	if (lvl > 1) {
		err = trx_call(r, _JETK_NR_COMMIT_TRANSACTION, s, 0, &got);
		if (err)
			return err;
		model_commit_nested(m, s, lvl);
		r->level[s] = got;
		return 0;
	}
	if (m->ncommits >= MAXC)
		return 0;
	{
		bool lazy = rnd(r, 5) < 2;
		struct jetk_transaction a = {
			.sesid = r->ses[s],
			.grbit = lazy ? COMMIT_LAZY : 0,
		};
		struct jetk_call c;
		int ret;

		call_init(&c, r, _JETK_NR_COMMIT_TRANSACTION);
		ret = c.desc->fn(&c, &a);
		if (ret)
			return ret;
		/* Committed in memory (even if the wait failed): in the log's order. */
		if (a.commit_id) {
			model_commit(m, s);
			r->level[s] = 0;
		}
		if (a.err)
			return a.err;
		if (lazy) {
			r->lazy++;
		} else {
			m->min_k = m->ncommits;
			r->durable_acked++;
		}
		return 0;
	}
}

/* Half the keys, one durable transaction per session. */
static void load(struct rk *r)
{
	struct kunit *test = r->test;
	struct model *m = r->m;
	unsigned int got;
	int s, i;

	for (s = 0; s < NSES; s++) {
		KUNIT_ASSERT_EQ(test, 0, trx_call(r, _JETK_NR_BEGIN_TRANSACTION,
						  s, 0, &got));
		r->level[s] = got;
		for (i = 0; i < NKEYS / NSES / 2; i++)
			KUNIT_ASSERT_EQ(test, 0, step_write(r, s));
		KUNIT_ASSERT_EQ(test, 0, trx_call(r,
						  _JETK_NR_COMMIT_TRANSACTION,
						  s, 0, &got));
		r->level[s] = got;
		model_commit(m, s);
	}
	/* The round's model starts here. */
	memcpy(m->base, m->cur, sizeof(m->base));
	m->ncommits = 0;
	m->nw = 0;
}

/* Calls until the power goes (or the steps run out, then it goes). */
static void workload(struct rk *r, long budget)
{
	int i, err;

	power_arm(&r->pw, budget);
	for (i = 0; i < STEPS; i++) {
		err = step(r);
		if (power_dead(&r->pw))
			break;
		if (err) {
			KUNIT_FAIL(r->test, "call failed with the power on: %d",
				   err);
			r->failed = true;
			break;
		}
		/* Now and then the lazy flush and the checkpoint catch up. */
		if (!rnd(r, 40))
			msleep(1 + rnd(r, 30));
	}
	power_cut(&r->pw);
	r->cuts++;
}

/* ------------------------------------------------------------ the check */

/* Every page on the disk: checksums right, or never written. */
static void check_pages(struct rk *r, u32 seed)
{
	u8 *p = r->buf;
	u32 i, npages = DB_BYTES / PSZ;

	for (i = 0; i < 2; i++) {
		fdisk_read(&r->db, (u64)i * PSZ, p, PSZ);
		KUNIT_EXPECT_TRUE_MSG(r->test, jetk_header_verify(p, PSZ),
				      "seed %u: header copy %u", seed, i);
	}
	for (i = 2; i < npages; i++) {
		enum jetk_csum_result res;

		fdisk_read(&r->db, (u64)i * PSZ, p, PSZ);
		res = jetk_page_verify(p, PSZ, i - 1);
		if (res != JETK_CSUM_OK && res != JETK_CSUM_UNINIT) {
			KUNIT_FAIL(r->test, "seed %u: page %u fails its checksums (%d)",
				   seed, i - 1, res);
			r->failed = true;
		}
		if (res == JETK_CSUM_OK)
			r->pages_checked++;
	}
}

static u32 le32_of(const u8 *p)
{
	__le32 le;

	memcpy(&le, p, sizeof(le));
	return le32_to_cpu(le);
}

/* The table as session 0 sees it, by a walk of the tree. */
static int read_table(struct rk *r, u32 seed)
{
	struct model *m = r->m;
	struct jetk_call call;
	struct jetk_cursor *c;
	struct jetk_retrieved v;
	u32 key, val, prev = 0;
	unsigned int i, n = 0;
	int err;

	memset(m->got, 0, sizeof(m->got));
	err = trx_call(r, _JETK_NR_BEGIN_TRANSACTION, 0, 0, NULL);
	if (err)
		return err;
	err = cur_enter(r, 0, &call, &c);
	if (err)
		return err;
	for (err = jetk_cursor_move(c, MOVE_FIRST, 0); !err;
	     err = jetk_cursor_move(c, 1, 0)) {
		err = jetk_cursor_retrieve(c, r->col_key, 0, 0, 1, &v);
		if (err || v.len != 4)
			break;
		key = le32_of(v.data);
		err = jetk_cursor_retrieve(c, r->col_val, 0, 0, 1, &v);
		if (err || v.len != 4)
			break;
		val = le32_of(v.data);
		err = jetk_cursor_retrieve(c, r->col_data, 0, 0, 1, &v);
		if (err)
			break;
		if (key >= NKEYS || !val || (n && key <= prev) ||
		    v.len != data_len(val)) {
			KUNIT_FAIL(r->test, "seed %u: bad record key %u val %u len %u",
				   seed, key, val, v.len);
			err = -EBADMSG;
			break;
		}
		for (i = 0; i < v.len; i++)
			if (v.data[i] != data_byte(key, val, i))
				break;
		if (i != v.len) {
			KUNIT_FAIL(r->test, "seed %u: key %u: data byte %u wrong",
				   seed, key, i);
			err = -EBADMSG;
			break;
		}
		m->got[key] = val;
		prev = key;
		n++;
	}
	cur_exit(&call, c);
	if (err == JETK_ERR_NO_CURRENT_RECORD)
		err = 0;
	r->records_checked += n;
	if (!err)
		err = trx_call(r, _JETK_NR_COMMIT_TRANSACTION, 0, 0, NULL);
	return err;
}

/* The table must be @base with the first k commits, k >= min_k. */
static void check_model(struct rk *r, u32 seed, unsigned int round)
{
	struct model *m = r->m;
	unsigned int k, w, i, shown = 0;

	memcpy(m->state, m->base, sizeof(m->state));
	for (k = 0; k <= m->ncommits; k++) {
		if (k) {
			for (w = m->cstart[k - 1]; w < m->cstart[k]; w++)
				m->state[m->wkey[w]] = m->wval[w];
		}
		if (k < m->min_k)
			continue;
		if (!memcmp(m->state, m->got, sizeof(m->got))) {
			r->commits_found += k;
			r->commits_checked += m->min_k;
			return;
		}
	}
	r->losses++;
	r->failed = true;
	KUNIT_FAIL(r->test,
		   "seed %u round %u: no commit prefix matches the table (%u commits, %u acked)",
		   seed, round, m->ncommits, m->min_k);
	/* Against the acknowledged prefix: what is missing or extra. */
	memcpy(m->state, m->base, sizeof(m->state));
	for (w = 0; w < m->cstart[m->min_k]; w++)
		m->state[m->wkey[w]] = m->wval[w];
	for (i = 0; i < NKEYS && shown < 12; i++) {
		if (m->state[i] == m->got[i])
			continue;
		kunit_info(r->test, "  key %u: acknowledged prefix has %u, latest commit %u, table %u\n",
			   i, m->state[i], m->cur[i], m->got[i]);
		shown++;
	}
}

/*
 * After a cut: recover (the power may go again meanwhile), check the
 * disk's pages and the table, and leave the instance running with the
 * sessions on the table and the model at the recovered state.
 */
static void recover_and_check(struct rk *r, u32 seed, unsigned int round,
			      bool cut_again)
{
	struct kunit *test = r->test;
	struct jetk_instance *inst;
	struct model *m = r->m;
	u32 dbid = 0;
	int err, tries;

	instance_crash(r);
	for (tries = 0;; tries++) {
		power_on(&r->pw);
		if (cut_again && tries < 2)
			power_arm(&r->pw, 1 + rnd(r, 40));
		err = instance_start(r, true);
		power_arm(&r->pw, -1);
		if (!power_dead(&r->pw))
			break;
		/* The power went during recovery: it runs again. */
		r->rec_cuts++;
		instance_crash(r);
		KUNIT_ASSERT_LT_MSG(test, tries, 4,
				    "seed %u: recovery keeps failing (%d)",
				    seed, err);
	}
	r->recoveries++;
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "seed %u round %u: recovery", seed,
			    round);
	check_pages(r, seed);
	inst = jetk_instance_get(r->jf, r->inst);
	KUNIT_ASSERT_NOT_NULL(test, inst);
	err = jetk_database_attach(inst, r->db.f, DB_NAME, false, 0, 0, &dbid);
	jetk_instance_put(inst);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "seed %u round %u: attach after recovery",
			    seed, round);
	sessions_open(r, false);
	err = read_table(r, seed);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "seed %u round %u: reading the table",
			    seed, round);
	check_model(r, seed, round);
	/* The next round starts from what was recovered. */
	memcpy(m->base, m->got, sizeof(m->base));
	memcpy(m->cur, m->got, sizeof(m->cur));
	m->ncommits = 0;
	m->nw = 0;
	m->min_k = 0;
	memset(m->npend, 0, sizeof(m->npend));
}

/* ------------------------------------------------------------ cases */

struct rk_params {
	u32 first_seed;
	u32 seeds;
	unsigned int rounds;
	bool cut_in_recovery;
};

/* Odds that a sector still in a volatile cache survives the cut. */
static const u32 keep_pct[] = { 0, 0, 30, 70, 100 };

static void run_seeds(struct kunit *test, const struct rk_params *p)
{
	struct rk *r = rk_init(test);
	ktime_t start = ktime_get();
	struct jetk_instance *inst;
	u32 seed, dbid = 0;
	unsigned int round;

	for (seed = p->first_seed; seed < p->first_seed + p->seeds; seed++) {
		prandom_seed_state(&r->rnd, seed);
		prandom_seed_state(&r->pw.rnd, seed ^ 0x9e3779b9U);
		r->pw.keep_pct = keep_pct[seed % ARRAY_SIZE(keep_pct)];
		fdisk_wipe(&r->db);
		fdisk_wipe(&r->log);
		power_on(&r->pw);
		memset(r->m, 0, sizeof(*r->m));

		KUNIT_ASSERT_EQ(test, 0, instance_start(r, false));
		inst = jetk_instance_get(r->jf, r->inst);
		KUNIT_ASSERT_NOT_NULL(test, inst);
		KUNIT_ASSERT_EQ(test, 0, jetk_database_attach(inst, r->db.f,
							      DB_NAME, true,
							      JETK_DB_OVERWRITE_EXISTING,
							      0, &dbid));
		jetk_instance_put(inst);
		sessions_open(r, true);
		/* A table of a few pages, durable before the power may go. */
		load(r);

		for (round = 0; round < p->rounds; round++) {
			/* A round writes some 50 to 100 times: cut inside. */
			workload(r, 1 + rnd(r, 80));
			recover_and_check(r, seed, round,
					  p->cut_in_recovery && round == 0);
			if (r->failed)
				break;
		}
		KUNIT_EXPECT_EQ(test, 0, jetk_instance_term(r->jf, r->inst, 0));
		jetk_file_free(r->jf);
		r->jf = NULL;
		if (r->failed) {
			kunit_info(test, "stopped at seed %u\n", seed);
			break;
		}
	}
	kunit_info(test, "%u cuts (and %u during recovery), %u recoveries; commits: %llu durable acknowledged, %llu lazy, %llu rollbacks; after recovery %llu commits present, %llu of them covered by an acknowledgment (all checked), %u losses; %llu records, %llu pages verified; %llu checkpoint moves; disks: %llu writes, %llu flushes, %llu torn, %llu unflushed sectors lost; %lld ms\n",
		   r->cuts, r->rec_cuts, r->recoveries, r->durable_acked,
		   r->lazy, r->rollbacks, r->commits_found, r->commits_checked,
		   r->losses, r->records_checked, r->pages_checked,
		   r->ckpt_moves, r->pw.writes, r->pw.flushes, r->pw.torn,
		   r->pw.lost_sectors, ktime_ms_delta(ktime_get(), start));
	KUNIT_EXPECT_EQ(test, r->losses, 0U);
}

/* Cuts in the middle of the workload, two rounds per seed. */
static void recovery_power_cuts_keep_acknowledged_commits(struct kunit *test)
{
	static const struct rk_params p = {
		.first_seed = 1, .seeds = 80, .rounds = 2,
	};

	run_seeds(test, &p);
}

/* The power goes again while recovery runs; recovery runs again. */
static void recovery_cut_during_recovery_recovers_again(struct kunit *test)
{
	static const struct rk_params p = {
		.first_seed = 1001, .seeds = 40, .rounds = 1,
		.cut_in_recovery = true,
	};

	run_seeds(test, &p);
}

static struct kunit_case recovery_cases[] = {
	KUNIT_CASE_SLOW(recovery_power_cuts_keep_acknowledged_commits),
	KUNIT_CASE_SLOW(recovery_cut_during_recovery_recovers_again),
	{}
};

static struct kunit_suite recovery_suite = {
	.name = "jetk_recovery",
	.test_cases = recovery_cases,
};

kunit_test_suite(recovery_suite);
