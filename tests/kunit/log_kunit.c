// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the write-ahead log device (module/log.c) on a fake disk behind
 * its bio seam.  The fake disk dies at a random sector: the write that
 * crosses that point lands only a random part of its sectors and fails,
 * and nothing lands after it (a power cut).  Each seeded run appends
 * records of random sizes, flushes, moves the checkpoint so the circular
 * area wraps many times, is cut, recovers and goes on, three cuts in a
 * row; after each cut the replay must give back exactly a run of what
 * was appended, in order, starting at a checkpoint that was written, and
 * containing every record a flush acknowledged.
 */
#include <kunit/test.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "bdev.h"
#include "format.h"
#include "log.h"

#define SSIZE		512
#define NSECT		96		/* the area: 94 sectors, wraps often */
#define RING		4096		/* 8 sectors of ring */
#define SEEDS		200
#define CUTS		3
#define MAX_RECS	4096

/*
 * The fake disk: @media is what survives a power cut; a write without
 * REQ_FUA lands in the volatile cache (@cache, @dirty) that reads see,
 * and reaches @media only at a REQ_PREFLUSH; the cut drops the cache.
 */
struct fakedev {
	u8 *media;
	u8 *cache;
	unsigned long *dirty;
	u64 size;
	long budget;		/* sectors that may still land; < 0: no cut */
	bool dead;
	struct rnd_state *rnd;
};

static void fake_flush_cache(struct fakedev *fd)
{
	unsigned long i;

	for_each_set_bit(i, fd->dirty, fd->size / SSIZE)
		memcpy(fd->media + i * SSIZE, fd->cache + i * SSIZE, SSIZE);
	bitmap_zero(fd->dirty, fd->size / SSIZE);
}

/* The power goes: what sat in the volatile cache is lost. */
static void fake_cut(struct fakedev *fd)
{
	bitmap_zero(fd->dirty, fd->size / SSIZE);
}

static int fake_submit(void *d, blk_opf_t opf, u64 offset, struct page *page,
		       unsigned int page_off, unsigned int len,
		       jetk_bdev_end_io_t end_io, void *private)
{
	struct fakedev *fd = d;
	u8 *buf = (u8 *)page_address(page) + page_off;
	unsigned int i, n = len / SSIZE;
	bool torn = false;

	if (offset + len > fd->size || len % SSIZE || offset % SSIZE)
		return -EINVAL;
	if (fd->dead) {
		end_io(private, -EIO);
		return 0;
	}
	if (op_is_write(opf)) {
		u64 sec = offset / SSIZE;

		if (opf & REQ_PREFLUSH)
			fake_flush_cache(fd);
		if (fd->budget >= 0 && n > fd->budget)
			torn = true;
		for (i = 0; i < n; i++) {
			/* A torn write lands some of its sectors, any of them. */
			if (torn && (i >= fd->budget + 1 ||
				     prandom_u32_state(fd->rnd) % 2))
				continue;
			if (opf & REQ_FUA) {
				memcpy(fd->media + offset + i * SSIZE,
				       buf + i * SSIZE, SSIZE);
				clear_bit(sec + i, fd->dirty);
			} else {
				memcpy(fd->cache + offset + i * SSIZE,
				       buf + i * SSIZE, SSIZE);
				set_bit(sec + i, fd->dirty);
			}
		}
		if (torn) {
			fd->dead = true;
			end_io(private, -EIO);
			return 0;
		}
		if (fd->budget >= 0)
			fd->budget -= n;
	} else {
		for (i = 0; i < n; i++)
			memcpy(buf + i * SSIZE,
			       (test_bit(offset / SSIZE + i, fd->dirty) ?
				fd->cache : fd->media) + offset + i * SSIZE,
			       SSIZE);
	}
	end_io(private, 0);
	return 0;
}

/* A fake disk of @size bytes, no cut planned. */
static struct fakedev *fake_new(struct kunit *test, u64 size)
{
	struct fakedev *fd = kunit_kzalloc(test, sizeof(*fd), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fd);
	fd->size = size;
	fd->budget = -1;
	fd->media = kunit_kzalloc(test, size, GFP_KERNEL);
	fd->cache = kunit_kzalloc(test, size, GFP_KERNEL);
	fd->dirty = kunit_kcalloc(test, BITS_TO_LONGS(size / SSIZE),
				  sizeof(long), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fd->media);
	KUNIT_ASSERT_NOT_NULL(test, fd->cache);
	KUNIT_ASSERT_NOT_NULL(test, fd->dirty);
	return fd;
}

static const struct jetk_log_io fake_io = { .submit = fake_submit };

/* What the test appended: the model the replay is checked against. */
struct model {
	u64 lsn[MAX_RECS];
	u32 len[MAX_RECS];
	u8 type[MAX_RECS];
	u32 salt[MAX_RECS];
	unsigned int n;		/* records appended and not lost */
	unsigned int acked;	/* records [0, acked) a flush acknowledged */
	u64 ckpt_try;		/* the last checkpoint tried */
	u64 ckpt_acked;		/* the last one that succeeded */
};

static u8 payload_byte(u32 salt, u32 i)
{
	return (salt * 2654435761U + i * 40503U) >> 13;
}

struct replay_ctx {
	struct kunit *test;
	struct model *m;
	unsigned int first;	/* model index of the first record replayed */
	unsigned int next;	/* model index expected next */
	int bad;
};

static unsigned int model_find(struct model *m, u64 lsn)
{
	unsigned int i;

	for (i = 0; i < m->n; i++)
		if (m->lsn[i] == lsn)
			return i;
	return UINT_MAX;
}

static int replay_one(void *c, u64 lsn, u8 type, const u8 *data, u32 len)
{
	struct replay_ctx *r = c;
	struct model *m = r->m;
	unsigned int i = r->next, k;

	if (r->first == UINT_MAX) {
		i = model_find(m, lsn);
		r->first = i;
	}
	if (i >= m->n || m->lsn[i] != lsn || m->type[i] != type ||
	    m->len[i] != len) {
		kunit_info(r->test, "record %u: lsn %llu type %u len %u; model: n %u lsn %llu type %u len %u\n",
			   i, lsn, type, len, m->n,
			   i < m->n ? m->lsn[i] : 0ULL,
			   i < m->n ? m->type[i] : 0,
			   i < m->n ? m->len[i] : 0);
		r->bad++;
		return -EBADMSG;
	}
	for (k = 0; k < len; k++)
		if (data[k] != payload_byte(m->salt[i], k)) {
			r->bad++;
			return -EBADMSG;
		}
	r->next = i + 1;
	return 0;
}

/* Append, flush and checkpoint until the disk dies or @ops run out. */
static void workload(struct kunit *test, struct jetk_log *log,
		     struct model *m, struct rnd_state *rnd, u8 *buf,
		     int ops)
{
	int ret = 0;

	while (ops-- > 0 && m->n < MAX_RECS) {
		u32 what = prandom_u32_state(rnd) % 20;

		if (what < 13) {
			u32 len = prandom_u32_state(rnd) %
				  (what < 2 ? 1600 : 200);
			u32 salt = prandom_u32_state(rnd), k;
			u64 lsn;

			for (k = 0; k < len; k++)
				buf[k] = payload_byte(salt, k);
			ret = jetk_log_append(log, 1 + m->n % 250, buf, len,
					      &lsn);
			if (!ret) {
				m->lsn[m->n] = lsn;
				m->len[m->n] = len;
				m->type[m->n] = 1 + m->n % 250;
				m->salt[m->n] = salt;
				m->n++;
				continue;
			}
			if (ret != -ENOSPC)
				break;
			/* Full: flush, the checkpoint moves on. */
			ret = jetk_log_flush(log, jetk_log_head(log));
			if (ret)
				break;
			m->acked = m->n;
			what = 19;
		}
		if (what < 18) {
			ret = jetk_log_flush(log, jetk_log_head(log));
			if (ret)
				break;
			m->acked = m->n;
			continue;
		}
		/* A checkpoint at a durable record, often the newest. */
		if (m->acked) {
			unsigned int from = model_find(m, m->ckpt_acked);
			unsigned int i;

			if (from == UINT_MAX || from >= m->acked)
				from = m->acked - 1;
			i = from + prandom_u32_state(rnd) % (m->acked - from);
			if (what == 19)
				i = m->acked - 1;
			m->ckpt_try = m->lsn[i];
			ret = jetk_log_checkpoint(log, m->lsn[i], false);
			if (ret)
				break;
			m->ckpt_acked = m->lsn[i];
		} else if (what == 19) {
			break;	/* full with nothing durable: cannot be */
		}
	}
}

static void log_power_cuts(struct kunit *test)
{
	struct fakedev *fd;
	struct jetk_log *log;
	struct model *m;
	struct rnd_state rnd;
	u8 *buf;
	unsigned int seed, cut, replayed = 0;
	u64 laps = 0;
	int ret;

	fd = fake_new(test, NSECT * SSIZE);
	log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);
	m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	buf = kunit_kzalloc(test, 2048, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, log);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	fd->rnd = &rnd;

	for (seed = 1; seed <= SEEDS; seed++) {
		prandom_seed_state(&rnd, seed);
		memset(fd->media, 0, fd->size);
		fake_cut(fd);
		memset(m, 0, sizeof(*m));
		fd->dead = false;
		fd->budget = -1;
		KUNIT_ASSERT_EQ(test, 0, jetk_log_init(log, &fake_io, fd, SSIZE,
						       fd->size, RING));
		KUNIT_ASSERT_EQ(test, 0, jetk_log_format(log));
		for (cut = 0; cut < CUTS; cut++) {
			struct replay_ctx r = { .test = test, .m = m,
						.first = UINT_MAX };
			bool clean;
			u64 end;

			fd->budget = 10 + prandom_u32_state(&rnd) % 400;
			workload(test, log, m, &rnd, buf, 100000);
			jetk_log_free(log);
			fake_cut(fd);

			/* Power back: a new log over what the disk kept. */
			fd->dead = false;
			fd->budget = -1;
			KUNIT_ASSERT_EQ(test, 0, jetk_log_init(log, &fake_io, fd,
							       SSIZE, fd->size,
							       RING));
			KUNIT_ASSERT_EQ_MSG(test, 0, jetk_log_open(log, &clean),
					    "seed %u cut %u", seed, cut);
			/*
			 * It starts at the last checkpoint written, or at the
			 * one being written when the power went...
			 */
			KUNIT_EXPECT_TRUE_MSG(test,
					      log->checkpoint == m->ckpt_acked ||
					      log->checkpoint == m->ckpt_try,
					      "seed %u cut %u: checkpoint %llu",
					      seed, cut, log->checkpoint);
			KUNIT_EXPECT_GE_MSG(test, log->checkpoint,
					    m->ckpt_acked, "seed %u cut %u",
					    seed, cut);
			ret = jetk_log_replay(log, replay_one, &r, &end);
			KUNIT_EXPECT_EQ_MSG(test, ret, 0, "seed %u cut %u",
					    seed, cut);
			KUNIT_EXPECT_EQ(test, r.bad, 0);
			if (r.first == UINT_MAX)
				r.first = model_find(m, log->checkpoint);
			if (r.next == 0)
				r.next = r.first;
			/* ... and holds every acknowledged record after it. */
			if (r.first != UINT_MAX)
				KUNIT_EXPECT_GE_MSG(test, r.next, m->acked,
						    "seed %u cut %u: replayed up to %u of %u acknowledged",
						    seed, cut, r.next, m->acked);
			if (r.first != UINT_MAX && r.next < m->acked)
				kunit_info(test, "seed %u cut %u: ckpt %llu end %llu next lsn %llu len %u n %u\n",
					   seed, cut, log->checkpoint, end,
					   m->lsn[r.next], m->len[r.next], m->n);
			if (ret || r.bad || (r.first != UINT_MAX &&
					     r.next < m->acked))
				return;
			replayed += r.first == UINT_MAX ? 0 : r.next - r.first;
			/* What was not replayed is lost: the run goes on. */
			if (r.first != UINT_MAX)
				m->n = r.next;
			m->acked = m->n;
			m->ckpt_acked = log->checkpoint;
			m->ckpt_try = log->checkpoint;
			KUNIT_ASSERT_EQ(test, 0, jetk_log_start(log, end));
		}
		laps += div_u64(jetk_log_head(log), (u64)log->nsect * log->psize);
		jetk_log_free(log);
	}
	/* The runs must have gone round the area, or wrapping is untested. */
	KUNIT_EXPECT_GT(test, laps, (u64)SEEDS);
	kunit_info(test, "%u seeds, %u cuts, %llu laps of the area, %u records replayed, none acknowledged lost\n",
		   SEEDS, SEEDS * CUTS, laps, replayed);
}

static int count_one(void *c, u64 lsn, u8 type, const u8 *data, u32 len)
{
	(*(int *)c)++;
	return 0;
}

/* A clean close: the checkpoint at the end, nothing to replay. */
static void log_clean_close(struct kunit *test)
{
	struct fakedev *fd = fake_new(test, NSECT * SSIZE);
	struct jetk_log *log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);
	u8 data[100] = { 1, 2, 3 };
	u64 lsn, end, head;
	bool clean = false;
	int calls = 0;

	KUNIT_ASSERT_NOT_NULL(test, log);
	KUNIT_ASSERT_EQ(test, 0, jetk_log_init(log, &fake_io, fd, SSIZE,
					       fd->size, RING));
	KUNIT_EXPECT_EQ(test, -ENODATA, jetk_log_open(log, &clean));
	KUNIT_ASSERT_EQ(test, 0, jetk_log_format(log));
	KUNIT_EXPECT_EQ(test, 0, jetk_log_append(log, 7, data, sizeof(data),
						 &lsn));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_log_append(log, 0, data, 1, &lsn));
	head = jetk_log_head(log);
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_log_checkpoint(log, head, true));
	KUNIT_EXPECT_EQ(test, 0, jetk_log_flush(log, head));
	KUNIT_EXPECT_GE(test, jetk_log_durable(log), head);
	head = jetk_log_head(log);
	KUNIT_EXPECT_EQ(test, 0, jetk_log_checkpoint(log, head, true));
	jetk_log_free(log);
	fake_cut(fd);

	KUNIT_ASSERT_EQ(test, 0, jetk_log_init(log, &fake_io, fd, SSIZE,
					       fd->size, RING));
	KUNIT_ASSERT_EQ(test, 0, jetk_log_open(log, &clean));
	KUNIT_EXPECT_TRUE(test, clean);
	KUNIT_EXPECT_EQ(test, log->checkpoint, head);
	KUNIT_EXPECT_EQ(test, 0, jetk_log_replay(log, count_one, &calls,
						 &end));
	KUNIT_EXPECT_EQ(test, calls, 0);
	KUNIT_EXPECT_EQ(test, end, head);
	KUNIT_EXPECT_EQ(test, 0, jetk_log_start(log, end));
	jetk_log_free(log);
}

/* The first I/O error latches. */
static void log_error_latches(struct kunit *test)
{
	struct fakedev *fd = fake_new(test, NSECT * SSIZE);
	struct jetk_log *log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);
	u8 data[10] = {};
	u64 lsn;

	KUNIT_ASSERT_NOT_NULL(test, log);
	KUNIT_ASSERT_EQ(test, 0, jetk_log_init(log, &fake_io, fd, SSIZE,
					       fd->size, RING));
	KUNIT_ASSERT_EQ(test, 0, jetk_log_format(log));
	fd->dead = true;
	KUNIT_EXPECT_EQ(test, 0, jetk_log_append(log, 1, data, 10, &lsn));
	KUNIT_EXPECT_EQ(test, -EIO, jetk_log_flush(log, jetk_log_head(log)));
	fd->dead = false;
	KUNIT_EXPECT_EQ(test, -EIO, jetk_log_append(log, 1, data, 10, &lsn));
	KUNIT_EXPECT_EQ(test, -EIO, jetk_log_flush(log, jetk_log_head(log)));
	jetk_log_free(log);
}

#define LOG_DISK	"/dev/ubdb"	/* make check's "log" scratch disk */
#define DISK_RECS	600

struct disk_log {
	struct file *f;
	struct jetk_bdev jb;
	bool claimed;
	struct jetk_log *log;
};

static void disk_log_exit(void *p)
{
	struct disk_log *d = p;

	if (d->log)
		jetk_log_free(d->log);
	if (d->claimed)
		jetk_bdev_release(&d->jb);
	fput(d->f);
}

/* The log over the first 8 MiB of the claimed disk. */
static void disk_log_init(struct kunit *test, struct disk_log *d)
{
	KUNIT_ASSERT_EQ(test, 0, jetk_log_init(d->log, &jetk_log_bdev_io,
					       &d->jb, d->jb.lbs,
					       min_t(u64, d->jb.size, 8 << 20),
					       64 << 10));
}

struct disk_replay {
	unsigned int n;
	u64 lsn[DISK_RECS];
	bool bad;
};

static u32 disk_len(unsigned int i)
{
	return (i * 977) % 3001;	/* 0 to 3000 bytes: sectors and pages */
}

static int disk_one(void *c, u64 lsn, u8 type, const u8 *data, u32 len)
{
	struct disk_replay *r = c;
	unsigned int i = r->n, k;

	if (i >= DISK_RECS || lsn != r->lsn[i] || type != 1 + i % 200 ||
	    len != disk_len(i)) {
		r->bad = true;
		return -EBADMSG;
	}
	for (k = 0; k < len; k++)
		if (data[k] != payload_byte(i, k)) {
			r->bad = true;
			return -EBADMSG;
		}
	r->n++;
	return 0;
}

/*
 * The log on a real block device (skipped without one): records of every
 * size through real bios with REQ_FUA and buffers that start inside a
 * page, a checkpoint, a clean reopen that replays them all, and a clean
 * close.
 */
static void log_on_a_block_device(struct kunit *test)
{
	struct disk_log *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct disk_replay *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	u8 *buf = kunit_kzalloc(test, 3001, GFP_KERNEL);
	unsigned int i, k;
	u64 lsn, end, ckpt;
	bool clean = true;

	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	/* Before the action: KUnit frees in reverse order. */
	d->log = kunit_kzalloc(test, sizeof(*d->log), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, d->log);
	d->f = filp_open(LOG_DISK, O_RDWR, 0);
	if (IS_ERR(d->f))
		kunit_skip(test, "%s: %ld", LOG_DISK, PTR_ERR(d->f));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, disk_log_exit,
							   d));
	KUNIT_ASSERT_EQ(test, 0, jetk_bdev_claim(&d->jb, d->f, true, d));
	d->claimed = true;
	disk_log_init(test, d);
	KUNIT_ASSERT_EQ(test, 0, jetk_log_format(d->log));
	ckpt = 0;
	for (i = 0; i < DISK_RECS; i++) {
		for (k = 0; k < disk_len(i); k++)
			buf[k] = payload_byte(i, k);
		KUNIT_ASSERT_EQ(test, 0, jetk_log_append(d->log, 1 + i % 200,
							 buf, disk_len(i),
							 &lsn));
		r->lsn[i] = lsn;
		if (i % 7 == 6)
			KUNIT_ASSERT_EQ(test, 0,
					jetk_log_flush(d->log,
						       jetk_log_head(d->log)));
		if (i == 200) {
			KUNIT_ASSERT_EQ(test, 0,
					jetk_log_flush(d->log,
						       jetk_log_head(d->log)));
			KUNIT_ASSERT_EQ(test, 0,
					jetk_log_checkpoint(d->log, lsn, false));
			ckpt = lsn;
		}
	}
	KUNIT_ASSERT_EQ(test, 0, jetk_log_flush(d->log, jetk_log_head(d->log)));
	end = jetk_log_head(d->log);
	jetk_log_free(d->log);

	/* Open again: the replay gives back records 200 to the last. */
	disk_log_init(test, d);
	KUNIT_ASSERT_EQ(test, 0, jetk_log_open(d->log, &clean));
	KUNIT_EXPECT_FALSE(test, clean);
	KUNIT_EXPECT_EQ(test, d->log->checkpoint, ckpt);
	r->n = 200;
	KUNIT_EXPECT_EQ(test, 0, jetk_log_replay(d->log, disk_one, r, &lsn));
	KUNIT_EXPECT_FALSE(test, r->bad);
	KUNIT_EXPECT_EQ(test, r->n, (unsigned int)DISK_RECS);
	KUNIT_EXPECT_LE(test, lsn, end);
	KUNIT_EXPECT_GT(test, lsn + d->log->psize, end);
	/* A clean close: nothing left to replay. */
	KUNIT_ASSERT_EQ(test, 0, jetk_log_start(d->log, lsn));
	KUNIT_ASSERT_EQ(test, 0, jetk_log_checkpoint(d->log,
						     jetk_log_head(d->log),
						     true));
	jetk_log_free(d->log);
	disk_log_init(test, d);
	KUNIT_ASSERT_EQ(test, 0, jetk_log_open(d->log, &clean));
	KUNIT_EXPECT_TRUE(test, clean);
}

static struct kunit_case log_cases[] = {
	KUNIT_CASE(log_clean_close),
	KUNIT_CASE(log_error_latches),
	KUNIT_CASE_SLOW(log_power_cuts),
	KUNIT_CASE(log_on_a_block_device),
	{}
};

static struct kunit_suite log_suite = {
	.name = "jetk_log",
	.test_cases = log_cases,
};

kunit_test_suite(log_suite);
