// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the buffer cache (module/cache.c) over a fake disk behind the
 * ->submit seam.  The fake keeps pages in memory, completes inline or from
 * a work item after a delay, and injects read errors, write errors and
 * corrupt data.  Pages carry a toy seal (page number + sum) so that
 * ->verify and ->seal are exercised without the .edb format.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>

#include "cache.h"

#define FAKE_PAGES	64

struct fake_disk {
	unsigned int page_size;
	u8 *data;			/* FAKE_PAGES pages */
	unsigned int read_delay_ms;	/* >0: complete from a work item */
	int fail_read_pgno;		/* -1: none */
	int fail_write_pgno;		/* -1: none */
	atomic_t reads, writes, flushes;
};

struct fake_io {
	struct work_struct work;
	unsigned int delay_ms;
	jetk_bdev_end_io_t end_io;
	void *private;
	int err;
};

static void fake_io_fn(struct work_struct *work)
{
	struct fake_io *io = container_of(work, struct fake_io, work);

	msleep(io->delay_ms);
	io->end_io(io->private, io->err);
	kfree(io);
}

static int fake_submit(struct jetk_cache_file *f, blk_opf_t opf, u32 pgno,
		       struct page *page, unsigned int len,
		       jetk_bdev_end_io_t end_io, void *private)
{
	struct fake_disk *d = f->private;
	u8 *buf = page_address(page);
	struct fake_io *io;
	int err = 0;

	if (pgno >= FAKE_PAGES || len != d->page_size)
		return -EINVAL;
	if (op_is_write(opf)) {
		atomic_inc(&d->writes);
		if ((int)pgno == d->fail_write_pgno)
			err = -EIO;
		else
			memcpy(d->data + (size_t)pgno * len, buf, len);
	} else {
		atomic_inc(&d->reads);
		if ((int)pgno == d->fail_read_pgno)
			err = -EIO;
		else
			memcpy(buf, d->data + (size_t)pgno * len, len);
	}
	if (!d->read_delay_ms || op_is_write(opf)) {
		end_io(private, err);
		return 0;
	}
	io = kzalloc(sizeof(*io), GFP_NOIO);
	if (!io)
		return -ENOMEM;
	INIT_WORK(&io->work, fake_io_fn);
	io->delay_ms = d->read_delay_ms;
	io->end_io = end_io;
	io->private = private;
	io->err = err;
	schedule_work(&io->work);
	return 0;
}

static u32 toy_sum(const u8 *data, unsigned int len)
{
	u32 sum = 0;
	unsigned int i;

	for (i = 8; i < len; i++)
		sum = sum * 31 + data[i];
	return sum;
}

static void toy_seal(struct jetk_cache_file *f, u32 pgno, void *data)
{
	struct fake_disk *d = f->private;
	__le32 *w = data;

	w[0] = cpu_to_le32(pgno);
	w[1] = cpu_to_le32(toy_sum(data, d->page_size));
}

static int toy_verify(struct jetk_cache_file *f, u32 pgno, void *data)
{
	struct fake_disk *d = f->private;
	__le32 *w = data;

	if (le32_to_cpu(w[0]) != pgno ||
	    le32_to_cpu(w[1]) != toy_sum(data, d->page_size))
		return -EBADMSG;
	return 0;
}

static int fake_flush(struct jetk_cache_file *f)
{
	struct fake_disk *d = f->private;

	atomic_inc(&d->flushes);
	return 0;
}

static const struct jetk_cache_file_ops fake_ops = {
	.submit = fake_submit,
	.verify = toy_verify,
	.seal = toy_seal,
	.flush = fake_flush,
};

/* Fill page @pgno of the fake disk with @byte and a valid seal. */
static void fake_put(struct fake_disk *d, u32 pgno, u8 byte)
{
	u8 *p = d->data + (size_t)pgno * d->page_size;
	__le32 *w = (__le32 *)p;

	memset(p, byte, d->page_size);
	w[0] = cpu_to_le32(pgno);
	w[1] = cpu_to_le32(toy_sum(p, d->page_size));
}

static u8 fake_byte(struct fake_disk *d, u32 pgno, unsigned int off)
{
	return d->data[(size_t)pgno * d->page_size + off];
}

struct cache_ctx {
	struct jetk_cache *c;
	struct fake_disk d[2];
	struct jetk_cache_file *f[2];
};

static void fake_disk_exit(struct fake_disk *d)
{
	vfree(d->data);
}

static void cache_ctx_exit(void *p)
{
	struct cache_ctx *x = p;
	int i;

	for (i = 0; i < 2; i++)
		if (x->f[i])
			jetk_cache_file_remove(x->f[i]);
	jetk_cache_destroy(x->c);
	for (i = 0; i < 2; i++)
		fake_disk_exit(&x->d[i]);
}

/* A cache of @max frames over two fake disks of every page filled. */
static struct cache_ctx *cache_ctx_init(struct kunit *test,
					unsigned int page_size,
					unsigned long max)
{
	struct cache_ctx *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	int i, p;

	KUNIT_ASSERT_NOT_NULL(test, x);
	for (i = 0; i < 2; i++) {
		struct fake_disk *d = &x->d[i];

		d->page_size = page_size;
		d->fail_read_pgno = -1;
		d->fail_write_pgno = -1;
		d->data = vzalloc((size_t)FAKE_PAGES * page_size);
		KUNIT_ASSERT_NOT_NULL(test, d->data);
		for (p = 0; p < FAKE_PAGES; p++)
			fake_put(d, p, (u8)(0x10 * i + p));
	}
	x->c = jetk_cache_create("kunit", page_size, 1, max);
	KUNIT_ASSERT_NOT_NULL(test, x->c);
	for (i = 0; i < 2; i++) {
		x->f[i] = jetk_cache_file_add(x->c, &fake_ops, &x->d[i]);
		KUNIT_ASSERT_NOT_NULL(test, x->f[i]);
	}
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, cache_ctx_exit,
							   x));
	return x;
}

static struct jetk_cache_stats stats(struct cache_ctx *x)
{
	struct jetk_cache_stats st;

	jetk_cache_get_stats(x->c, &st);
	return st;
}

static const unsigned int page_sizes[] = { 4096, 8192, 16384, 32768 };

static void page_size_desc(const unsigned int *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u bytes", *p);
}

KUNIT_ARRAY_PARAM(cache_page_size, page_sizes, page_size_desc);

static void cache_read_miss_then_hit(struct kunit *test)
{
	unsigned int psz = *(const unsigned int *)test->param_value;
	struct cache_ctx *x = cache_ctx_init(test, psz, 8);
	struct jetk_frame *fr;

	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 3, &fr));
	KUNIT_EXPECT_EQ(test, ((u8 *)fr->data)[psz - 1], (u8)3);
	KUNIT_EXPECT_EQ(test, fr->pgno, 3u);
	jetk_cache_release(fr);
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 3, &fr));
	jetk_cache_release(fr);
	KUNIT_EXPECT_EQ(test, stats(x).misses, 1ULL);
	KUNIT_EXPECT_EQ(test, stats(x).hits, 1ULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&x->d[0].reads), 1);
	KUNIT_EXPECT_EQ(test, stats(x).held, 0UL);
}

static void cache_write_dirty_seals_and_flushes(struct kunit *test)
{
	unsigned int psz = *(const unsigned int *)test->param_value;
	struct cache_ctx *x = cache_ctx_init(test, psz, 8);
	struct jetk_frame *fr;

	KUNIT_ASSERT_EQ(test, 0, jetk_cache_new(x->f[0], 9, &fr));
	KUNIT_EXPECT_EQ(test, ((u8 *)fr->data)[100], 0);
	memset((u8 *)fr->data + 8, 0xab, psz - 8);
	jetk_cache_mark_dirty(fr, 42);
	KUNIT_EXPECT_EQ(test, fr->last_change, 42ULL);
	jetk_cache_release(fr);
	KUNIT_EXPECT_EQ(test, stats(x).dirty, 1UL);
	KUNIT_EXPECT_EQ(test, 0, jetk_cache_write_dirty(x->c, NULL));
	KUNIT_EXPECT_EQ(test, stats(x).dirty, 0UL);
	KUNIT_EXPECT_EQ(test, stats(x).writes, 1ULL);
	KUNIT_EXPECT_EQ(test, fake_byte(&x->d[0], 9, psz - 1), 0xab);
	KUNIT_EXPECT_GE(test, atomic_read(&x->d[0].flushes), 1);
	/* The seal went to disk: the page reads back and verifies. */
	KUNIT_EXPECT_EQ(test, 0, toy_verify(x->f[0], 9,
					    x->d[0].data + (size_t)9 * psz));
	KUNIT_EXPECT_EQ(test, jetk_cache_file_remove(x->f[0]), 0UL);
	x->f[0] = NULL;
}

static void cache_hold_prevents_eviction(struct kunit *test)
{
	struct cache_ctx *x = cache_ctx_init(test, 4096, 2);
	struct jetk_frame *a, *b, *c;

	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 1, &a));
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 2, &b));
	KUNIT_EXPECT_EQ(test, -ENOBUFS, jetk_cache_read(x->f[0], 3, &c));
	KUNIT_EXPECT_EQ(test, stats(x).frames, 2UL);
	jetk_cache_release(a);
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 3, &c));
	KUNIT_EXPECT_EQ(test, stats(x).evictions, 1ULL);
	/* The held frame stayed: reading it again is a hit. */
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 2, &a));
	KUNIT_EXPECT_PTR_EQ(test, a, b);
	jetk_cache_release(a);
	jetk_cache_release(b);
	jetk_cache_release(c);
}

static void cache_lru_evicts_coldest(struct kunit *test)
{
	struct cache_ctx *x = cache_ctx_init(test, 4096, 3);
	struct jetk_frame *fr;
	u32 p;

	for (p = 1; p <= 3; p++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], p, &fr));
		jetk_cache_release(fr);
	}
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 1, &fr));
	jetk_cache_release(fr);
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 4, &fr));
	jetk_cache_release(fr);
	/* 2 was the least recently used. */
	KUNIT_EXPECT_EQ(test, atomic_read(&x->d[0].reads), 4);
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 1, &fr));
	jetk_cache_release(fr);
	KUNIT_EXPECT_EQ(test, atomic_read(&x->d[0].reads), 4);
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 2, &fr));
	jetk_cache_release(fr);
	KUNIT_EXPECT_EQ(test, atomic_read(&x->d[0].reads), 5);
}

static void cache_full_of_dirty_writes_back_to_make_room(struct kunit *test)
{
	struct cache_ctx *x = cache_ctx_init(test, 4096, 2);
	struct jetk_frame *fr;
	u32 p;

	for (p = 1; p <= 2; p++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], p, &fr));
		memset((u8 *)fr->data + 8, 0x5a, 16);
		jetk_cache_mark_dirty(fr, 0);
		jetk_cache_release(fr);
	}
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 3, &fr));
	jetk_cache_release(fr);
	KUNIT_EXPECT_GE(test, stats(x).writes, 1ULL);
	KUNIT_EXPECT_EQ(test, 0, jetk_cache_write_dirty(x->c, NULL));
	KUNIT_EXPECT_EQ(test, fake_byte(&x->d[0], 1, 8), 0x5a);
	KUNIT_EXPECT_EQ(test, fake_byte(&x->d[0], 2, 8), 0x5a);
}

static void cache_writeback_work_cleans(struct kunit *test)
{
	struct cache_ctx *x = cache_ctx_init(test, 4096, 8);
	struct jetk_frame *fr;
	int i;
	u32 p;

	/* A quarter of the frames dirty starts the work item. */
	for (p = 1; p <= 3; p++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[1], p, &fr));
		memset((u8 *)fr->data + 8, 0x77, 8);
		jetk_cache_mark_dirty(fr, 0);
		jetk_cache_release(fr);
	}
	for (i = 0; i < 100 && stats(x).dirty; i++)
		msleep(20);
	KUNIT_EXPECT_EQ(test, stats(x).dirty, 0UL);
	KUNIT_EXPECT_GE(test, stats(x).writeback_runs, 1ULL);
	KUNIT_EXPECT_EQ(test, fake_byte(&x->d[1], 3, 8), 0x77);
	KUNIT_EXPECT_EQ(test, atomic_read(&x->d[0].writes), 0);
}

static void cache_verify_failure_is_not_cached(struct kunit *test)
{
	struct cache_ctx *x = cache_ctx_init(test, 4096, 8);
	struct jetk_frame *fr;

	x->d[0].data[5 * 4096 + 100] ^= 0x01;
	KUNIT_EXPECT_EQ(test, -EBADMSG, jetk_cache_read(x->f[0], 5, &fr));
	KUNIT_EXPECT_EQ(test, stats(x).verify_errors, 1ULL);
	KUNIT_EXPECT_EQ(test, stats(x).frames, 0UL);
	KUNIT_EXPECT_EQ(test, -EBADMSG, jetk_cache_read(x->f[0], 5, &fr));
	KUNIT_EXPECT_EQ(test, atomic_read(&x->d[0].reads), 2);
	x->d[0].data[5 * 4096 + 100] ^= 0x01;
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 5, &fr));
	jetk_cache_release(fr);
}

static void cache_read_error_is_returned(struct kunit *test)
{
	struct cache_ctx *x = cache_ctx_init(test, 4096, 8);
	struct jetk_frame *fr;

	x->d[0].fail_read_pgno = 7;
	KUNIT_EXPECT_EQ(test, -EIO, jetk_cache_read(x->f[0], 7, &fr));
	KUNIT_EXPECT_EQ(test, stats(x).read_errors, 1ULL);
	KUNIT_EXPECT_EQ(test, stats(x).frames, 0UL);
	/* A new page over a failed number does not need the read. */
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_new(x->f[0], 7, &fr));
	jetk_cache_release(fr);
	x->d[0].fail_read_pgno = -1;
}

static void cache_write_error_keeps_dirty(struct kunit *test)
{
	struct cache_ctx *x = cache_ctx_init(test, 4096, 8);
	struct jetk_frame *fr;

	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 4, &fr));
	memset((u8 *)fr->data + 8, 0xee, 32);
	jetk_cache_mark_dirty(fr, 0);
	jetk_cache_release(fr);
	x->d[0].fail_write_pgno = 4;
	KUNIT_EXPECT_EQ(test, -EIO, jetk_cache_write_dirty(x->c, x->f[0]));
	KUNIT_EXPECT_EQ(test, stats(x).dirty, 1UL);
	KUNIT_EXPECT_EQ(test, stats(x).write_errors, 1ULL);
	KUNIT_EXPECT_NE(test, fake_byte(&x->d[0], 4, 8), 0xee);
	x->d[0].fail_write_pgno = -1;
	KUNIT_EXPECT_EQ(test, 0, jetk_cache_write_dirty(x->c, x->f[0]));
	KUNIT_EXPECT_EQ(test, stats(x).dirty, 0UL);
	KUNIT_EXPECT_EQ(test, fake_byte(&x->d[0], 4, 8), 0xee);
}

static void cache_files_keep_pages_apart(struct kunit *test)
{
	struct cache_ctx *x = cache_ctx_init(test, 8192, 8);
	struct jetk_frame *a, *b;

	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 6, &a));
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[1], 6, &b));
	KUNIT_EXPECT_PTR_NE(test, a, b);
	KUNIT_EXPECT_EQ(test, ((u8 *)a->data)[100], 6);
	KUNIT_EXPECT_EQ(test, ((u8 *)b->data)[100], 0x16);
	jetk_cache_release(a);
	jetk_cache_release(b);
	/* Removing one file drops only its frames. */
	KUNIT_EXPECT_EQ(test, jetk_cache_file_remove(x->f[0]), 0UL);
	x->f[0] = NULL;
	KUNIT_EXPECT_EQ(test, stats(x).frames, 1UL);
}

struct reader {
	struct jetk_cache_file *f;
	struct completion done;
	int err;
	u8 byte;
};

static int reader_fn(void *p)
{
	struct reader *r = p;
	struct jetk_frame *fr;

	r->err = jetk_cache_read(r->f, 11, &fr);
	if (!r->err) {
		r->byte = ((u8 *)fr->data)[64];
		jetk_cache_release(fr);
	}
	complete(&r->done);
	return 0;
}

static void cache_concurrent_readers_share_one_read(struct kunit *test)
{
	struct cache_ctx *x = cache_ctx_init(test, 4096, 8);
	struct reader r[8];
	int i;

	x->d[0].read_delay_ms = 50;
	for (i = 0; i < 8; i++) {
		r[i].f = x->f[0];
		init_completion(&r[i].done);
		KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(reader_fn, &r[i],
							    "jetk-kunit-%d",
							    i)));
	}
	for (i = 0; i < 8; i++) {
		wait_for_completion(&r[i].done);
		KUNIT_EXPECT_EQ(test, r[i].err, 0);
		KUNIT_EXPECT_EQ(test, r[i].byte, 11);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&x->d[0].reads), 1);
	KUNIT_EXPECT_EQ(test, stats(x).misses, 1ULL);
	KUNIT_EXPECT_EQ(test, stats(x).hits, 7ULL);
}

static void cache_shrinker_frees_clean_unheld_only(struct kunit *test)
{
	struct cache_ctx *x = cache_ctx_init(test, 4096, 32);
	struct jetk_frame *fr, *held[2];
	u32 p;

	for (p = 0; p < 10; p++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], p, &fr));
		if (p >= 2 && p < 4)
			jetk_cache_mark_dirty(fr, 0);
		if (p < 2)
			held[p] = fr;
		else
			jetk_cache_release(fr);
	}
	KUNIT_EXPECT_EQ(test, jetk_cache_shrink_for_test(x->c, 100), 6UL);
	KUNIT_EXPECT_EQ(test, stats(x).frames, 4UL);
	KUNIT_EXPECT_EQ(test, stats(x).dirty, 2UL);
	/* Nothing left to free: held and dirty frames stay. */
	KUNIT_EXPECT_EQ(test, jetk_cache_shrink_for_test(x->c, 100), 0UL);
	jetk_cache_release(held[0]);
	jetk_cache_release(held[1]);
	KUNIT_EXPECT_EQ(test, 0, jetk_cache_write_dirty(x->c, NULL));
}

static void cache_create_rejects_bad_page_size(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, jetk_cache_create("bad", 2048, 1, 8));
	KUNIT_EXPECT_NULL(test, jetk_cache_create("bad", 12288, 1, 8));
	KUNIT_EXPECT_NULL(test, jetk_cache_create("bad", 65536, 1, 8));
}

/* A log stand-in for the write-ahead hook. */
struct fake_wal {
	struct fake_disk *d;
	int calls;
	u64 pos;
	int writes_before;	/* data writes the disk had seen at the call */
	int err;
};

static int fake_wal_flush(void *ctx, u64 pos)
{
	struct fake_wal *w = ctx;

	w->calls++;
	w->pos = pos;
	w->writes_before = atomic_read(&w->d->writes);
	return w->err;
}

/*
 * The write-ahead rule: a frame changed at log position P is written only
 * after the hook made the log durable to P (the newest position of the
 * batch); when the hook fails, nothing is written and the frames stay
 * dirty; the oldest change not on disk is the checkpoint's bound.
 */
static void cache_write_ahead_rule(struct kunit *test)
{
	/*
	 * Room for 64 frames: two dirty ones do not start the write-back
	 * work, which on another CPU would write them behind the test's back.
	 */
	struct cache_ctx *x = cache_ctx_init(test, 4096, 64);
	struct fake_wal w = { .d = &x->d[0] };
	struct jetk_frame *fr;
	int before;

	jetk_cache_set_wal(x->c, fake_wal_flush, &w);
	KUNIT_EXPECT_EQ(test, jetk_cache_oldest_change(x->c), U64_MAX);
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 3, &fr));
	memset((u8 *)fr->data + 8, 0x33, 16);
	jetk_cache_mark_dirty(fr, 50);
	jetk_cache_mark_dirty(fr, 60);
	jetk_cache_release(fr);
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 5, &fr));
	memset((u8 *)fr->data + 8, 0x55, 16);
	jetk_cache_mark_dirty(fr, 80);
	jetk_cache_release(fr);
	KUNIT_EXPECT_EQ(test, jetk_cache_oldest_change(x->c), 50ULL);

	/* The log fails: nothing reaches the disk, all stays dirty. */
	before = atomic_read(&x->d[0].writes);
	w.err = -EIO;
	KUNIT_EXPECT_EQ(test, -EIO, jetk_cache_write_dirty(x->c, x->f[0]));
	KUNIT_EXPECT_EQ(test, w.calls, 1);
	KUNIT_EXPECT_EQ(test, w.pos, 80ULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&x->d[0].writes), before);
	KUNIT_EXPECT_EQ(test, stats(x).dirty, 2UL);
	KUNIT_EXPECT_EQ(test, jetk_cache_oldest_change(x->c), 50ULL);
	KUNIT_EXPECT_NE(test, fake_byte(&x->d[0], 3, 8), 0x33);

	/* The log first, then the pages. */
	w.err = 0;
	KUNIT_EXPECT_EQ(test, 0, jetk_cache_write_dirty(x->c, x->f[0]));
	KUNIT_EXPECT_EQ(test, w.calls, 2);
	KUNIT_EXPECT_EQ(test, w.pos, 80ULL);
	KUNIT_EXPECT_EQ(test, w.writes_before, before);
	KUNIT_EXPECT_EQ(test, atomic_read(&x->d[0].writes), before + 2);
	KUNIT_EXPECT_EQ(test, stats(x).dirty, 0UL);
	KUNIT_EXPECT_EQ(test, fake_byte(&x->d[0], 3, 8), 0x33);
	KUNIT_EXPECT_EQ(test, fake_byte(&x->d[0], 5, 8), 0x55);
	KUNIT_EXPECT_EQ(test, jetk_cache_oldest_change(x->c), U64_MAX);

	/* A change with no log position asks nothing of the log. */
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(x->f[0], 3, &fr));
	jetk_cache_mark_dirty(fr, 0);
	jetk_cache_release(fr);
	KUNIT_EXPECT_EQ(test, 0, jetk_cache_write_dirty(x->c, x->f[0]));
	KUNIT_EXPECT_EQ(test, w.calls, 2);
	jetk_cache_set_wal(x->c, NULL, NULL);
}

static struct kunit_case cache_cases[] = {
	KUNIT_CASE_PARAM(cache_read_miss_then_hit, cache_page_size_gen_params),
	KUNIT_CASE_PARAM(cache_write_dirty_seals_and_flushes,
			 cache_page_size_gen_params),
	KUNIT_CASE(cache_hold_prevents_eviction),
	KUNIT_CASE(cache_lru_evicts_coldest),
	KUNIT_CASE(cache_full_of_dirty_writes_back_to_make_room),
	KUNIT_CASE(cache_writeback_work_cleans),
	KUNIT_CASE(cache_verify_failure_is_not_cached),
	KUNIT_CASE(cache_read_error_is_returned),
	KUNIT_CASE(cache_write_error_keeps_dirty),
	KUNIT_CASE(cache_write_ahead_rule),
	KUNIT_CASE(cache_files_keep_pages_apart),
	KUNIT_CASE(cache_concurrent_readers_share_one_read),
	KUNIT_CASE(cache_shrinker_frees_clean_unheld_only),
	KUNIT_CASE(cache_create_rejects_bad_page_size),
	{}
};

static struct kunit_suite cache_suite = {
	.name = "jetk_cache",
	.test_cases = cache_cases,
};

kunit_test_suite(cache_suite);
