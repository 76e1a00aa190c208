// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: pages as node containers (module/page.c): decoding pages Windows
 * wrote, inserting, deleting, replacing and compacting while ESE's page
 * invariants hold, and rejecting damaged pages without reading out of
 * bounds (KASAN watches every access: pages are exactly page-size
 * allocations).
 */
#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/slab.h>

#include "compat.h"
#include "format.h"
#include "page.h"
#include "edb_vector_util.h"

static const void *page_vector_gen(const void *prev, char *desc)
{
	const struct edb_vector *v = prev, *end;

	end = edb_vectors + ARRAY_SIZE(edb_vectors);
	v = v ? v + 1 : edb_vectors;
	while (v < end && v->pgno < 0)
		v++;
	if (v >= end)
		return NULL;
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", v->name);
	return v;
}

static void page_windows_page_decodes(struct kunit *test)
{
	const struct edb_vector *v = test->param_value;
	u8 *buf = edb_vector_page(test, v);
	u8 *prev = kunit_kzalloc(test, 4096, GFP_KERNEL);
	u8 *key = kunit_kzalloc(test, 4096, GFP_KERNEL);
	int prev_len = -1, len;
	struct jetk_node nd;
	struct jetk_page p;
	unsigned int i, pos;
	bool exact;

	KUNIT_ASSERT_NOT_NULL(test, prev);
	KUNIT_ASSERT_NOT_NULL(test, key);
	jetk_page_view(&p, buf, v->page_size);
	KUNIT_ASSERT_EQ(test, 0, jetk_page_check(&p));
	/* The database root holds no records; the catalog pages do. */
	if (v->pgno == JETK_PGNO_DB_ROOT)
		KUNIT_EXPECT_EQ(test, jetk_page_nodes(&p), 0U);
	else
		KUNIT_EXPECT_GT(test, jetk_page_nodes(&p), 0U);
	for (i = 0; i < jetk_page_nodes(&p); i++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_page_node(&p, i, &nd));
		len = jetk_page_node_key(&p, &nd, key, 4096);
		KUNIT_ASSERT_GE(test, len, 0);
		/* Internal pages end with an empty (infinite) key. */
		if (!len && i == jetk_page_nodes(&p) - 1)
			break;
		if (prev_len >= 0)
			KUNIT_EXPECT_LT(test, memcmp(prev, key, min(prev_len, len)) ?:
					(prev_len - len), 0);
		memcpy(prev, key, len);
		prev_len = len;
		KUNIT_ASSERT_EQ(test, 0, jetk_page_search(&p, key, len, &pos,
							  &exact));
		KUNIT_EXPECT_EQ(test, pos, i);
		KUNIT_EXPECT_TRUE(test, exact);
	}
}

static const unsigned int sizes[] = { 4096, 8192, 16384, 32768 };

static void size_desc(const unsigned int *s, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u bytes", *s);
}

KUNIT_ARRAY_PARAM(page_size, sizes, size_desc);

static struct jetk_page *new_page(struct kunit *test, unsigned int size)
{
	struct jetk_page *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	u8 *buf = kunit_kzalloc(test, size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	jetk_page_view(p, buf, size);
	jetk_page_init(p, 77, 9, JETK_PG_LEAF, 5);
	KUNIT_ASSERT_EQ(test, 0, jetk_page_check(p));
	return p;
}

/* Key i: 4 big-endian bytes, so byte order is numeric order. */
static void make_key(u8 *k, u32 i)
{
	k[0] = i >> 24;
	k[1] = i >> 16;
	k[2] = i >> 8;
	k[3] = i;
}

static int insert_key(struct jetk_page *p, u32 i, unsigned int data_len)
{
	u8 key[4], data[600];
	unsigned int pos;
	bool exact;
	int ret;

	make_key(key, i);
	memset(data, (u8)i, sizeof(data));
	ret = jetk_page_search(p, key, 4, &pos, &exact);
	if (ret)
		return ret;
	if (exact)
		return -EEXIST;
	return jetk_page_insert(p, pos, 0, key, 4, data, data_len);
}

static void page_fill_in_random_order(struct kunit *test)
{
	unsigned int size = *(const unsigned int *)test->param_value;
	struct jetk_page *p = new_page(test, size);
	struct rnd_state rs;
	unsigned int n = 0, i;
	struct jetk_node nd;
	u8 key[4];
	u32 prev = 0;
	int ret;

	prandom_seed_state(&rs, size);
	for (;;) {
		ret = insert_key(p, prandom_u32_state(&rs) % 100000, 20);
		if (ret == -EEXIST)
			continue;
		if (ret)
			break;
		n++;
		KUNIT_ASSERT_EQ(test, 0, jetk_page_check(p));
	}
	KUNIT_EXPECT_EQ(test, ret, -ENOSPC);
	KUNIT_EXPECT_EQ(test, jetk_page_nodes(p), n);
	/* Full: less room left than one more node needs. */
	KUNIT_EXPECT_LT(test, jetk_page_free(p), jetk_page_node_cost(4, 20));
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_page_node(p, i, &nd));
		KUNIT_ASSERT_EQ(test, nd.suffix_len, (u16)4);
		memcpy(key, nd.suffix, 4);
		KUNIT_EXPECT_TRUE(test, !i || get_unaligned_be32(key) > prev);
		prev = get_unaligned_be32(key);
		KUNIT_EXPECT_EQ(test, nd.data[0], (u8)prev);
		KUNIT_EXPECT_EQ(test, nd.data_len, (u16)20);
	}
}

static void page_delete_then_compact(struct kunit *test)
{
	unsigned int size = *(const unsigned int *)test->param_value;
	struct jetk_page *p = new_page(test, size);
	unsigned int n, i, free_before;
	struct jetk_node nd;
	int ret;

	for (n = 0; !insert_key(p, n * 2, 100); n++)
		;
	/* Delete every other node: the free space is all fragments. */
	for (i = 0; i < n / 2; i++)
		KUNIT_ASSERT_EQ(test, 0, jetk_page_delete(p, i));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_check(p));
	free_before = jetk_page_free(p);
	/* Bigger nodes only fit once the page is compacted. */
	for (i = 0; ; i++) {
		ret = insert_key(p, 2 * i + 1, 300);
		if (ret)
			break;
		KUNIT_ASSERT_EQ(test, 0, jetk_page_check(p));
	}
	KUNIT_EXPECT_EQ(test, ret, -ENOSPC);
	KUNIT_EXPECT_GT(test, i, 0U);
	KUNIT_EXPECT_LT(test, jetk_page_free(p), free_before);
	for (i = 0; i < jetk_page_nodes(p); i++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_page_node(p, i, &nd));
		KUNIT_EXPECT_EQ(test, nd.data[nd.data_len - 1],
				(u8)get_unaligned_be32(nd.suffix));
	}
	KUNIT_EXPECT_EQ(test, -ERANGE, jetk_page_delete(p, jetk_page_nodes(p)));
}

static void page_replace_grows_and_shrinks(struct kunit *test)
{
	unsigned int size = *(const unsigned int *)test->param_value;
	struct jetk_page *p = new_page(test, size);
	u8 big[1000];
	struct jetk_node nd;
	unsigned int i;

	for (i = 0; i < 5; i++)
		KUNIT_ASSERT_EQ(test, 0, insert_key(p, i, 50));
	memset(big, 0xcd, sizeof(big));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_replace(p, 2, big, sizeof(big)));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_check(p));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_node(p, 2, &nd));
	KUNIT_EXPECT_EQ(test, nd.data_len, (u16)sizeof(big));
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(nd.suffix), 2U);
	KUNIT_ASSERT_EQ(test, 0, jetk_page_replace(p, 2, big, 10));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_check(p));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_node(p, 2, &nd));
	KUNIT_EXPECT_EQ(test, nd.data_len, (u16)10);
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_page_replace(p, 2, big, 0));
	KUNIT_EXPECT_EQ(test, -ERANGE, jetk_page_replace(p, 9, big, 10));
}

static void page_ext_and_flags(struct kunit *test)
{
	unsigned int size = *(const unsigned int *)test->param_value;
	struct jetk_page *p = new_page(test, size);
	struct jetk_edb_space_header sph = {
		.cpg_primary = cpu_to_le32(20),
		.pgno_parent = cpu_to_le32(1),
		.flags = cpu_to_le32(JETK_SPH_MULTIPLE_EXTENT),
		.pgno_oe = cpu_to_le32(5),
	};
	const u8 *ext;
	unsigned int len;
	struct jetk_node nd;

	KUNIT_ASSERT_EQ(test, 0, insert_key(p, 1, 30));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_set_ext(p, &sph, sizeof(sph)));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_check(p));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_ext(p, &ext, &len));
	KUNIT_EXPECT_EQ(test, len, (unsigned int)sizeof(sph));
	KUNIT_EXPECT_EQ(test, 0, memcmp(ext, &sph, sizeof(sph)));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_set_ext(p, NULL, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_check(p));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_set_node_flags(p, 0, JETK_ND_DELETED));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_node(p, 0, &nd));
	KUNIT_EXPECT_EQ(test, nd.flags, (u8)JETK_ND_DELETED);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(nd.suffix), 1U);
	KUNIT_ASSERT_EQ(test, 0, jetk_page_set_node_flags(p, 0, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_page_node(p, 0, &nd));
	KUNIT_EXPECT_EQ(test, nd.flags, (u8)0);
	KUNIT_EXPECT_EQ(test, -EINVAL,
			jetk_page_insert(p, 0, JETK_ND_COMPRESSED, NULL, 0,
					 "x", 1));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_page_insert(p, 5, 0, NULL, 0,
							"x", 1));
}

/* Damaged pages: rejected, or consistent enough to walk safely. */
static void page_check_survives_mutations(struct kunit *test)
{
	const struct edb_vector *v = test->param_value;
	u8 *good = edb_vector_page(test, v);
	u8 *buf = kunit_kmalloc(test, v->page_size, GFP_KERNEL);
	u8 *key = kunit_kmalloc(test, 65536, GFP_KERNEL);
	unsigned int k, m, i, rejected = 0;
	struct rnd_state rs;
	struct jetk_node nd;
	struct jetk_page p;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, key);
	prandom_seed_state(&rs, v->pgno * 31 + v->page_size);
	for (k = 0; k < 300; k++) {
		memcpy(buf, good, v->page_size);
		for (m = 0; m <= k % 4; m++) {
			u32 r = prandom_u32_state(&rs);
			/* Aim at the header and the tag array mostly. */
			unsigned int off = (r & 1) ? (r >> 8) % 40 :
				v->page_size - 1 - (r >> 8) % 64;

			buf[off] ^= (u8)(1 << (r >> 4 & 7)) | (u8)(r >> 24);
		}
		jetk_page_view(&p, buf, v->page_size);
		if (jetk_page_check(&p)) {
			rejected++;
			continue;
		}
		for (i = 0; i < jetk_page_nodes(&p); i++) {
			KUNIT_ASSERT_EQ(test, 0, jetk_page_node(&p, i, &nd));
			KUNIT_ASSERT_GE(test, jetk_page_node_key(&p, &nd, key,
								 65536), 0);
		}
	}
	KUNIT_EXPECT_GT(test, rejected, 0U);
}

static struct kunit_case page_cases[] = {
	KUNIT_CASE_PARAM(page_windows_page_decodes, page_vector_gen),
	KUNIT_CASE_PARAM(page_fill_in_random_order, page_size_gen_params),
	KUNIT_CASE_PARAM(page_delete_then_compact, page_size_gen_params),
	KUNIT_CASE_PARAM(page_replace_grows_and_shrinks, page_size_gen_params),
	KUNIT_CASE_PARAM(page_ext_and_flags, page_size_gen_params),
	KUNIT_CASE_PARAM(page_check_survives_mutations, page_vector_gen),
	{}
};

static struct kunit_suite page_suite = {
	.name = "jetk_page",
	.test_cases = page_cases,
};

kunit_test_suite(page_suite);
