// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: block-device claims and bio I/O (module/bdev.c) on a real device,
 * and the buffer cache over it.  The UML harness attaches scratch disks;
 * the suite uses /dev/ubda and skips (counted as skipped, never passed)
 * where there is none.  The test opens the device itself, standing in for
 * the userspace caller that passes jetk a file descriptor.
 */
#include <kunit/test.h>
#include <linux/blkdev.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>

#include "bdev.h"
#include "cache.h"

#define SCRATCH	"/dev/ubda"

static struct file *open_or_skip(struct kunit *test, const char *path,
				 int flags)
{
	struct file *f = filp_open(path, flags, 0);

	if (IS_ERR(f))
		kunit_skip(test, "%s: %ld", path, PTR_ERR(f));
	return f;
}

static void fput_action(void *f)
{
	fput(f);
}

static struct page *alloc_page_or_fail(struct kunit *test, unsigned int order)
{
	struct page *p = alloc_pages(GFP_KERNEL, order);

	KUNIT_ASSERT_NOT_NULL(test, p);
	return p;
}

static void bdev_claim_is_exclusive(struct kunit *test)
{
	struct file *f = open_or_skip(test, SCRATCH, O_RDWR);
	struct jetk_bdev a, b;
	int holder_a, holder_b;

	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, fput_action, f));
	KUNIT_ASSERT_EQ(test, 0, jetk_bdev_claim(&a, f, true, &holder_a));
	KUNIT_EXPECT_GT(test, a.size, 0ULL);
	KUNIT_EXPECT_GE(test, a.lbs, 512U);
	KUNIT_EXPECT_EQ(test, -EBUSY, jetk_bdev_claim(&b, f, true, &holder_b));
	jetk_bdev_release(&a);
	KUNIT_EXPECT_EQ(test, 0, jetk_bdev_claim(&b, f, true, &holder_b));
	jetk_bdev_release(&b);
}

static void bdev_claim_checks_the_file(struct kunit *test)
{
	struct file *ro = open_or_skip(test, SCRATCH, O_RDONLY);
	struct file *notblk;
	struct jetk_bdev jb;
	int holder;

	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, fput_action, ro));
	KUNIT_EXPECT_EQ(test, -EACCES, jetk_bdev_claim(&jb, ro, true, &holder));
	KUNIT_EXPECT_EQ(test, 0, jetk_bdev_claim(&jb, ro, false, &holder));
	jetk_bdev_release(&jb);
	notblk = filp_open("/proc/version", O_RDONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(notblk));
	KUNIT_EXPECT_EQ(test, -ENOTBLK,
			jetk_bdev_claim(&jb, notblk, false, &holder));
	fput(notblk);
}

static void bdev_rw_round_trip(struct kunit *test)
{
	struct file *f = open_or_skip(test, SCRATCH, O_RDWR);
	struct page *w = alloc_page_or_fail(test, 1);
	struct page *r = alloc_page_or_fail(test, 1);
	struct jetk_bdev jb;
	int holder, i;
	u8 *wp = page_address(w), *rp = page_address(r);

	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, fput_action, f));
	KUNIT_ASSERT_EQ(test, 0, jetk_bdev_claim(&jb, f, true, &holder));
	for (i = 0; i < 8192; i++)
		wp[i] = (u8)(i * 7 + 3);
	memset(rp, 0, 8192);
	KUNIT_EXPECT_EQ(test, 0, jetk_bdev_rw_sync(&jb, REQ_OP_WRITE | REQ_FUA |
						   REQ_PREFLUSH, 3 * 8192, w,
						   8192));
	KUNIT_EXPECT_EQ(test, 0, jetk_bdev_rw_sync(&jb, REQ_OP_READ, 3 * 8192,
						   r, 8192));
	KUNIT_EXPECT_EQ(test, 0, memcmp(wp, rp, 8192));
	KUNIT_EXPECT_EQ(test, 0, jetk_bdev_flush(&jb));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_bdev_rw_sync(&jb, REQ_OP_READ, 100,
							 r, 4096));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_bdev_rw_sync(&jb, REQ_OP_READ,
							 jb.size, r, 4096));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_bdev_rw_sync(&jb, REQ_OP_READ,
							 U64_MAX - 4095, r,
							 4096));
	jetk_bdev_release(&jb);
	KUNIT_ASSERT_EQ(test, 0, jetk_bdev_claim(&jb, f, false, &holder));
	KUNIT_EXPECT_EQ(test, -EROFS, jetk_bdev_rw_sync(&jb, REQ_OP_WRITE, 0, w,
							4096));
	jetk_bdev_release(&jb);
	__free_pages(w, 1);
	__free_pages(r, 1);
}

/* The cache over a real device: its ->submit is a bio per page. */
static int real_submit(struct jetk_cache_file *f, blk_opf_t opf, u32 pgno,
		       struct page *page, unsigned int len,
		       jetk_bdev_end_io_t end_io, void *private)
{
	return jetk_bdev_submit(f->private, opf, (u64)pgno * len, page, len,
				end_io, private);
}

static int real_flush(struct jetk_cache_file *f)
{
	return jetk_bdev_flush(f->private);
}

static const struct jetk_cache_file_ops real_ops = {
	.submit = real_submit,
	.flush = real_flush,
};

static void bdev_cache_writes_reach_the_device(struct kunit *test)
{
	struct file *f = open_or_skip(test, SCRATCH, O_RDWR);
	struct page *r = alloc_page_or_fail(test, 3);
	struct jetk_cache_file *cf;
	struct jetk_frame *fr;
	struct jetk_cache *c;
	struct jetk_bdev jb;
	int holder;
	u32 p;

	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, fput_action, f));
	KUNIT_ASSERT_EQ(test, 0, jetk_bdev_claim(&jb, f, true, &holder));
	c = jetk_cache_create("kunit-bdev", 32768, 1, 4);
	KUNIT_ASSERT_NOT_NULL(test, c);
	cf = jetk_cache_file_add(c, &real_ops, &jb);
	KUNIT_ASSERT_NOT_NULL(test, cf);
	/* More pages than frames: eviction writes back on the way. */
	for (p = 10; p < 20; p++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_cache_new(cf, p, &fr));
		memset(fr->data, (int)p, 32768);
		jetk_cache_mark_dirty(fr, 0);
		jetk_cache_release(fr);
	}
	KUNIT_EXPECT_EQ(test, 0, jetk_cache_write_dirty(c, NULL));
	for (p = 10; p < 20; p++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_bdev_rw_sync(&jb, REQ_OP_READ,
							   (u64)p * 32768, r,
							   32768));
		KUNIT_EXPECT_EQ(test, ((u8 *)page_address(r))[32767], (u8)p);
	}
	/* And reads come back through the cache. */
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(cf, 12, &fr));
	KUNIT_EXPECT_EQ(test, ((u8 *)fr->data)[0], 12);
	jetk_cache_release(fr);
	KUNIT_EXPECT_EQ(test, jetk_cache_file_remove(cf), 0UL);
	jetk_cache_destroy(c);
	jetk_bdev_release(&jb);
	__free_pages(r, 3);
}

static struct kunit_case bdev_cases[] = {
	KUNIT_CASE(bdev_claim_is_exclusive),
	KUNIT_CASE(bdev_claim_checks_the_file),
	KUNIT_CASE(bdev_rw_round_trip),
	KUNIT_CASE(bdev_cache_writes_reach_the_device),
	{}
};

static struct kunit_suite bdev_suite = {
	.name = "jetk_bdev",
	.test_cases = bdev_cases,
};

kunit_test_suite(bdev_suite);
