// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: space management (module/space.c) over the cache and a fake
 * disk that grows on demand.  After every phase the test accounts for
 * every owned page: each is in exactly one of the AE tree, a split
 * buffer, the test's own allocations, or the space trees' pages, and the
 * database root owns exactly pages 1 .. the end of the database.
 */
#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "btree.h"
#include "cache.h"
#include "checksum.h"
#include "compat.h"
#include "format.h"
#include "page.h"
#include "space.h"

#define SP_PAGES	8192
#define SP_PSZ		4096

struct sp_env {
	u8 *disk;
	u32 end;		/* last page of the "file" */
	u32 limit;		/* growth stops here */
	struct jetk_cache *c;
	struct jetk_cache_file *f;
	atomic64_t dbtime;
	struct jetk_space root;
};

static int sp_submit(struct jetk_cache_file *f, blk_opf_t opf, u32 pgno,
		     struct page *page, unsigned int len,
		     jetk_bdev_end_io_t end_io, void *private)
{
	struct sp_env *e = f->private;

	if (pgno >= SP_PAGES || (op_is_write(opf) && pgno > e->end))
		return -EIO;
	if (op_is_write(opf))
		memcpy(e->disk + (size_t)pgno * len, page_address(page), len);
	else
		memcpy(page_address(page), e->disk + (size_t)pgno * len, len);
	end_io(private, 0);
	return 0;
}

static int sp_verify(struct jetk_cache_file *f, u32 pgno, void *data)
{
	struct jetk_page p;

	if (jetk_page_verify(data, SP_PSZ, pgno) != JETK_CSUM_OK)
		return -EBADMSG;
	jetk_page_view(&p, data, SP_PSZ);
	return jetk_page_check(&p);
}

static void sp_seal(struct jetk_cache_file *f, u32 pgno, void *data)
{
	jetk_page_seal(data, SP_PSZ, pgno);
}

static const struct jetk_cache_file_ops sp_file_ops = {
	.submit = sp_submit,
	.verify = sp_verify,
	.seal = sp_seal,
};

static int sp_grow(struct jetk_space *sp, u32 cpg, u32 *first)
{
	struct sp_env *e = sp->private;

	if (e->end + cpg > e->limit)
		return -ENOSPC;
	*first = e->end + 1;
	e->end += cpg;
	return 0;
}

static const struct jetk_space_ops sp_ops = { .grow = sp_grow };

static void sp_exit(void *p)
{
	struct sp_env *e = p;
	int ret = jetk_cache_write_dirty(e->c, e->f);

	KUNIT_EXPECT_EQ(current->kunit_test, 0, ret);
	jetk_cache_file_remove(e->f);
	jetk_cache_destroy(e->c);
	vfree(e->disk);
}

static struct sp_env *sp_init(struct kunit *test, u32 limit)
{
	struct sp_env *e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	struct jetk_edb_space_header sph;
	struct jetk_bt root;

	KUNIT_ASSERT_NOT_NULL(test, e);
	e->disk = vzalloc((size_t)SP_PAGES * SP_PSZ);
	KUNIT_ASSERT_NOT_NULL(test, e->disk);
	e->end = 16;
	e->limit = limit;
	e->c = jetk_cache_create("kunit-space", SP_PSZ, 1, 24);
	KUNIT_ASSERT_NOT_NULL(test, e->c);
	e->f = jetk_cache_file_add(e->c, &sp_file_ops, e);
	KUNIT_ASSERT_NOT_NULL(test, e->f);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, sp_exit, e));
	KUNIT_ASSERT_EQ(test, 0, jetk_space_create(&e->root, e->f, 1, 1, 16,
						   NULL, &e->dbtime));
	e->root.ops = &sp_ops;
	e->root.private = e;
	/* The database root's own page carries the space header. */
	jetk_space_header(&e->root, &sph);
	jetk_bt_init(&root, e->f, 1, 1, 0, &e->dbtime, NULL, NULL);
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_create(&root, &sph, sizeof(sph)));
	return e;
}

/* Mark the extents of a space tree in @map; returns pages, -1 on error. */
static long extents(struct kunit *test, struct jetk_bt *bt, unsigned long *map,
		    bool *overlap)
{
	struct jetk_bt_rec *rec = kzalloc(sizeof(*rec) + 4, GFP_KERNEL);
	long total = 0;
	u32 last, cpg, p;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, rec);
	rec->data = (u8 *)(rec + 1);
	rec->data_max = 4;
	ret = jetk_bt_seek(bt, NULL, 0, JETK_BT_FIRST, rec);
	while (!ret) {
		last = get_unaligned_be32(rec->key);
		cpg = get_unaligned_le32(rec->data);
		KUNIT_ASSERT_GT(test, cpg, 0U);
		KUNIT_ASSERT_LE(test, cpg, last);
		for (p = last - cpg + 1; p <= last; p++)
			if (__test_and_set_bit(p, map))
				*overlap = true;
		total += cpg;
		ret = jetk_bt_seek(bt, rec->key, 4, JETK_BT_GT, rec);
	}
	KUNIT_EXPECT_EQ(test, ret, -ENOENT);
	kfree(rec);
	return total;
}

static unsigned int buf_pages(const struct jetk_space_buf *b,
			      unsigned long *map, bool *overlap)
{
	unsigned int i, n = 0;
	u32 p;

	for (i = 0; i < 2; i++)
		for (p = b->last[i] - b->cpg[i] + 1;
		     b->cpg[i] && p <= b->last[i]; p++, n++)
			if (__test_and_set_bit(p, map))
				*overlap = true;
	return n;
}

/*
 * Account for @sp's pages: AE, split buffers and @used (the caller's
 * allocations, children included) are disjoint and inside OE; what is
 * left over is the space trees' own pages, a handful.
 */
static void check_space(struct kunit *test, struct jetk_space *sp,
			const unsigned long *used, unsigned long nused)
{
	unsigned long *oe = bitmap_zalloc(SP_PAGES, GFP_KERNEL);
	unsigned long *rest = bitmap_zalloc(SP_PAGES, GFP_KERNEL);
	bool overlap = false, dup = false;
	long owned, avail;
	unsigned int inbuf;

	KUNIT_ASSERT_NOT_NULL(test, oe);
	KUNIT_ASSERT_NOT_NULL(test, rest);
	owned = extents(test, &sp->oe, oe, &overlap);
	KUNIT_EXPECT_FALSE(test, overlap);
	avail = extents(test, &sp->ae, rest, &dup);
	inbuf = buf_pages(&sp->buf[0], rest, &dup) +
		buf_pages(&sp->buf[1], rest, &dup);
	KUNIT_EXPECT_FALSE(test, dup);
	KUNIT_EXPECT_FALSE(test, bitmap_intersects(rest, used, SP_PAGES));
	bitmap_or(rest, rest, used, SP_PAGES);
	KUNIT_EXPECT_TRUE(test, bitmap_subset(rest, oe, SP_PAGES));
	/* The rest: the root, OE/AE roots and any space-tree pages. */
	KUNIT_EXPECT_GE(test, owned - avail - inbuf - (long)nused, 2L);
	KUNIT_EXPECT_LE(test, owned - avail - inbuf - (long)nused, 16L);
	bitmap_free(oe);
	bitmap_free(rest);
}

static void space_alloc_free_accounting(struct kunit *test)
{
	struct sp_env *e = sp_init(test, SP_PAGES - 1);
	unsigned long *used = bitmap_zalloc(SP_PAGES, GFP_KERNEL);
	u32 *pages = kvcalloc(3000, sizeof(u32), GFP_KERNEL);
	unsigned long nused = 0;
	struct rnd_state rs;
	unsigned int i;
	u32 p;

	KUNIT_ASSERT_NOT_NULL(test, used);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	__set_bit(1, used);	/* the root page itself */
	nused = 1;
	for (i = 0; i < 3000; i++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_space_alloc(&e->root, &p));
		KUNIT_ASSERT_GT(test, p, 3U);
		KUNIT_ASSERT_LE(test, p, e->end);
		KUNIT_ASSERT_FALSE(test, __test_and_set_bit(p, used));
		pages[i] = p;
		nused++;
	}
	check_space(test, &e->root, used, nused);
	/* The database root owns exactly 1 .. end: one merged extent. */
	{
		struct jetk_bt_rec *rec = kzalloc(sizeof(*rec) + 4, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, rec);
		rec->data = (u8 *)(rec + 1);
		rec->data_max = 4;
		KUNIT_ASSERT_EQ(test, 0, jetk_bt_seek(&e->root.oe, NULL, 0,
						      JETK_BT_FIRST, rec));
		KUNIT_EXPECT_EQ(test, get_unaligned_be32(rec->key), e->end);
		KUNIT_EXPECT_EQ(test, get_unaligned_le32(rec->data), e->end);
		kfree(rec);
	}
	prandom_seed_state(&rs, 7);
	for (i = 0; i < 3000; i++) {
		if (prandom_u32_state(&rs) & 1)
			continue;
		KUNIT_ASSERT_EQ(test, 0, jetk_space_free(&e->root, pages[i]));
		__clear_bit(pages[i], used);
		nused--;
	}
	check_space(test, &e->root, used, nused);
	/* Freed pages are reused before the database grows. */
	p = e->end;
	for (i = 0; i < 1000; i++) {
		u32 q;

		KUNIT_ASSERT_EQ(test, 0, jetk_space_alloc(&e->root, &q));
		KUNIT_ASSERT_FALSE(test, __test_and_set_bit(q, used));
		nused++;
	}
	KUNIT_EXPECT_EQ(test, e->end, p);
	check_space(test, &e->root, used, nused);
	bitmap_free(used);
	kvfree(pages);
}

static void space_child_takes_extents_from_parent(struct kunit *test)
{
	struct sp_env *e = sp_init(test, SP_PAGES - 1);
	unsigned long *used = bitmap_zalloc(SP_PAGES, GFP_KERNEL);
	unsigned long *child_used = bitmap_zalloc(SP_PAGES, GFP_KERNEL);
	struct jetk_space *child = kunit_kzalloc(test, sizeof(*child),
						 GFP_KERNEL);
	struct jetk_space *again = kunit_kzalloc(test, sizeof(*again),
						 GFP_KERNEL);
	struct jetk_edb_space_header sph;
	unsigned long nchild = 1;
	struct jetk_bt croot;
	u32 first, p, i;

	KUNIT_ASSERT_NOT_NULL(test, used);
	KUNIT_ASSERT_NOT_NULL(test, child_used);
	KUNIT_ASSERT_NOT_NULL(test, child);
	KUNIT_ASSERT_NOT_NULL(test, again);
	KUNIT_ASSERT_EQ(test, 0, jetk_space_alloc_extent(&e->root, 8, &first));
	KUNIT_ASSERT_EQ(test, 0, jetk_space_create(child, e->f, first, 6, 8,
						   &e->root, &e->dbtime));
	jetk_space_header(child, &sph);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(sph.pgno_parent), 1U);
	jetk_bt_init(&croot, e->f, first, 6, 0, &e->dbtime, NULL, NULL);
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_create(&croot, &sph, sizeof(sph)));
	__set_bit(first, child_used);
	for (i = 0; i < 500; i++) {
		KUNIT_ASSERT_EQ_MSG(test, 0, jetk_space_alloc(child, &p), "alloc %u", i);
		KUNIT_ASSERT_FALSE(test, __test_and_set_bit(p, child_used));
		nchild++;
	}
	check_space(test, child, child_used, nchild);
	/* The parent sees all of the child's owned space as used. */
	__set_bit(1, used);
	{
		bool ov = false;
		long n = extents(test, &child->oe, used, &ov);

		KUNIT_EXPECT_FALSE(test, ov);
		check_space(test, &e->root, used, n + 1);
	}
	/* A second handle reads the same split buffers back from disk. */
	KUNIT_ASSERT_EQ(test, 0, jetk_space_open(again, e->f, first, 6,
						 &e->root, &e->dbtime));
	KUNIT_EXPECT_EQ(test, 0, memcmp(again->buf, child->buf,
					sizeof(child->buf)));
	KUNIT_EXPECT_EQ(test, again->pgno_oe, first + 1);
	bitmap_free(used);
	bitmap_free(child_used);
}

static void space_out_of_space_is_clean(struct kunit *test)
{
	struct sp_env *e = sp_init(test, 200);
	unsigned long *used = bitmap_zalloc(SP_PAGES, GFP_KERNEL);
	unsigned long nused = 1;
	int ret = 0;
	u32 p;

	KUNIT_ASSERT_NOT_NULL(test, used);
	__set_bit(1, used);
	while (!ret) {
		ret = jetk_space_alloc(&e->root, &p);
		if (!ret) {
			KUNIT_ASSERT_FALSE(test, __test_and_set_bit(p, used));
			nused++;
		}
	}
	KUNIT_EXPECT_EQ(test, ret, -ENOSPC);
	KUNIT_EXPECT_LE(test, e->end, 200U);
	KUNIT_EXPECT_GT(test, nused, 150UL);
	check_space(test, &e->root, used, nused);
	bitmap_free(used);
}

/*
 * A small object as ESE keeps it: one extent of 8 pages and a bitmap of
 * the free ones in its root's header.  Converted, its OE tree owns the
 * extent (and any new one), its AE tree lists exactly the free pages not
 * taken for the trees' roots, the header says multiple-extent, and the
 * space works on: allocations come from the free pages first.
 * @avail: the bitmap (bit i: page fdp + 1 + i is free)
 * @roots_inside: whether two adjacent free pages can hold the roots
 */
static void convert_one(struct kunit *test, u32 avail, bool roots_inside)
{
	struct sp_env *e = sp_init(test, SP_PAGES - 1);
	unsigned long *used = bitmap_zalloc(SP_PAGES, GFP_KERNEL);
	struct jetk_space *sp = kunit_kzalloc(test, sizeof(*sp), GFP_KERNEL);
	struct jetk_edb_space_header sph = {
		.cpg_primary = cpu_to_le32(8),
		.pgno_parent = cpu_to_le32(1),
		.flags = 0,
		.pgno_oe = cpu_to_le32(avail),
	};
	struct jetk_frame *fr;
	struct jetk_page pg;
	const u8 *ext;
	unsigned int len, i, nused = 1;
	struct jetk_bt root;
	u32 fdp, p, free_before = hweight32(avail);

	KUNIT_ASSERT_NOT_NULL(test, used);
	KUNIT_ASSERT_NOT_NULL(test, sp);
	KUNIT_ASSERT_EQ(test, 0, jetk_space_alloc_extent(&e->root, 8, &fdp));
	jetk_bt_init(&root, e->f, fdp, 9, 0, &e->dbtime, NULL, NULL);
	KUNIT_ASSERT_EQ(test, 0, jetk_bt_create(&root, &sph, sizeof(sph)));
	KUNIT_ASSERT_EQ(test, -EOPNOTSUPP,
			jetk_space_open(sp, e->f, fdp, 9, &e->root,
					&e->dbtime));
	KUNIT_ASSERT_EQ(test, 0, jetk_space_convert(sp, e->f, fdp, 9, &e->root,
						    &e->dbtime));
	KUNIT_EXPECT_EQ(test, roots_inside,
			sp->pgno_oe > fdp && sp->pgno_oe < fdp + 8);
	/* The pages in use: the root, those the bitmap says are used. */
	__set_bit(fdp, used);
	for (i = 0; i < 7; i++)
		if (!(avail & BIT(i))) {
			__set_bit(fdp + 1 + i, used);
			nused++;
		}
	check_space(test, sp, used, nused);
	{
		unsigned long *ae = bitmap_zalloc(SP_PAGES, GFP_KERNEL);
		bool ov = false;
		long n;

		KUNIT_ASSERT_NOT_NULL(test, ae);
		n = extents(test, &sp->ae, ae, &ov);
		/* Free pages of the extent, less two if the roots took them. */
		KUNIT_EXPECT_GE(test, n, (long)free_before -
				(roots_inside ? 2 : 0));
		for (i = 0; i < 7; i++)
			if (avail & BIT(i) && test_bit(fdp + 1 + i, ae))
				continue;
			else if (avail & BIT(i))
				KUNIT_EXPECT_TRUE(test, fdp + 1 + i == sp->pgno_oe ||
						  fdp + 1 + i == sp->pgno_oe + 1);
		bitmap_free(ae);
	}
	/* The root's header now names the trees. */
	KUNIT_ASSERT_EQ(test, 0, jetk_cache_read(e->f, fdp, &fr));
	jetk_page_view(&pg, fr->data, SP_PSZ);
	KUNIT_ASSERT_EQ(test, 0, jetk_page_ext(&pg, &ext, &len));
	KUNIT_ASSERT_GE(test, len, (unsigned int)sizeof(sph));
	memcpy(&sph, ext, sizeof(sph));
	jetk_cache_release(fr);
	KUNIT_EXPECT_TRUE(test, le32_to_cpu(sph.flags) &
			  JETK_SPH_MULTIPLE_EXTENT);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(sph.pgno_oe), sp->pgno_oe);
	/* And it works on, more than its extent held. */
	for (i = 0; i < 40; i++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_space_alloc(sp, &p));
		KUNIT_ASSERT_FALSE(test, __test_and_set_bit(p, used));
		nused++;
	}
	check_space(test, sp, used, nused);
	bitmap_free(used);
}

static void space_single_extent_converts(struct kunit *test)
{
	/* Pages 3-6 of the 7 mapped are free: the roots fit inside. */
	convert_one(test, 0x3c, true);
	/* Every other page free: no two adjacent, a new extent. */
	convert_one(test, 0x55, false);
	/* None free. */
	convert_one(test, 0, false);
}

static struct kunit_case space_cases[] = {
	KUNIT_CASE(space_alloc_free_accounting),
	KUNIT_CASE(space_child_takes_extents_from_parent),
	KUNIT_CASE(space_out_of_space_is_clean),
	KUNIT_CASE(space_single_extent_converts),
	{}
};

static struct kunit_suite space_suite = {
	.name = "jetk_space",
	.test_cases = space_cases,
};

kunit_test_suite(space_suite);
