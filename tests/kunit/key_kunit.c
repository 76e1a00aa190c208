// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: key normalisation (module/key.c): exact bytes per type, the
 * catalog key as Windows wrote it, and value order == byte order.
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "key.h"

struct key_vec {
	const char *name;
	u32 coltyp;
	u32 cp;
	const u8 val[16];
	unsigned int len;
	unsigned int opts;
	const u8 want[32];
	unsigned int want_len;
};

static const struct key_vec key_vecs[] = {
	{ "bit true", 1, 0, { 1 }, 1, 0, { 0x7f, 0xff }, 2 },
	{ "bit false", 1, 0, { 0 }, 1, 0, { 0x7f, 0x00 }, 2 },
	{ "unsigned byte", 2, 0, { 0xab }, 1, 0, { 0x7f, 0xab }, 2 },
	{ "short -2", 3, 0, { 0xfe, 0xff }, 2, 0, { 0x7f, 0x7f, 0xfe }, 3 },
	{ "long 2", 4, 0, { 2, 0, 0, 0 }, 4, 0,
	  { 0x7f, 0x80, 0, 0, 2 }, 5 },
	{ "unsigned long", 14, 0, { 0x78, 0x56, 0x34, 0x12 }, 4, 0,
	  { 0x7f, 0x12, 0x34, 0x56, 0x78 }, 5 },
	{ "long long -1", 15, 0, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff }, 8, 0, { 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff }, 9 },
	{ "double 1.0", 7, 0, { 0, 0, 0, 0, 0, 0, 0xf0, 0x3f }, 8, 0,
	  { 0x7f, 0xbf, 0xf0, 0, 0, 0, 0, 0, 0 }, 9 },
	{ "double -1.0", 7, 0, { 0, 0, 0, 0, 0, 0, 0xf0, 0xbf }, 8, 0,
	  { 0x7f, 0x40, 0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 9 },
	{ "guid", 16, 0, { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
	  15 }, 16, 0, { 0x7f, 10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1,
	  2, 3 }, 17 },
	{ "text folds case", 10, 1252, "abZ", 3, 0,
	  { 0x7f, 'A', 'B', 'Z', 0 }, 5 },
	{ "text stops at NUL", 10, 1252, "ab\0cd", 5, 0,
	  { 0x7f, 'A', 'B', 0 }, 4 },
	{ "text empty", 10, 1252, "", 0, 0, { 0x40 }, 1 },
	{ "binary 8", 9, 0, { 1, 2, 3, 4, 5, 6, 7, 8 }, 8, 0,
	  { 0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 8 }, 10 },
	{ "binary 10", 9, 0, { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 10, 0,
	  { 0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 10, 0, 0, 0, 0, 0, 0, 2 }, 19 },
	{ "binary empty", 9, 0, { 0 }, 0, 0, { 0x40 }, 1 },
	{ "descending long 2", 4, 0, { 2, 0, 0, 0 }, 4, JETK_KEYSEG_DESCENDING,
	  { 0x80, 0x7f, 0xff, 0xff, 0xfd }, 5 },
};

static void key_vec_desc(const struct key_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(key_vec, key_vecs, key_vec_desc);

static void key_segment_bytes(struct kunit *test)
{
	const struct key_vec *v = test->param_value;
	struct jetk_key *k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, k);
	jetk_key_init(k, 255);
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, v->coltyp, v->cp, v->val,
					      v->len, v->opts));
	KUNIT_EXPECT_EQ(test, k->len, v->want_len);
	KUNIT_EXPECT_EQ(test, 0, memcmp(k->buf, v->want, v->want_len));
	KUNIT_EXPECT_FALSE(test, k->truncated);
}

/* The separator key of basic.edb's catalog root: (3, 2, 260). */
static void key_catalog_key_matches_windows(struct kunit *test)
{
	static const u8 windows[] = { 0x7f, 0x80, 0x00, 0x00, 0x03, 0x7f, 0x80,
				      0x02, 0x7f, 0x80, 0x00, 0x01, 0x04 };
	struct jetk_key *k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);
	__le32 objid = cpu_to_le32(3), id = cpu_to_le32(260);
	__le16 type = cpu_to_le16(2);

	KUNIT_ASSERT_NOT_NULL(test, k);
	jetk_key_init(k, 255);
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 4, 0, &objid, 4, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 3, 0, &type, 2, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 4, 0, &id, 4, 0));
	KUNIT_EXPECT_EQ(test, k->len, (unsigned int)sizeof(windows));
	KUNIT_EXPECT_EQ(test, 0, memcmp(k->buf, windows, sizeof(windows)));
}

static int cmp_values(struct kunit *test, u32 coltyp, const void *a,
		      const void *b, unsigned int len, unsigned int opts)
{
	struct jetk_key *ka = kunit_kzalloc(test, sizeof(*ka), GFP_KERNEL);
	struct jetk_key *kb = kunit_kzalloc(test, sizeof(*kb), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ka);
	KUNIT_ASSERT_NOT_NULL(test, kb);
	jetk_key_init(ka, 255);
	jetk_key_init(kb, 255);
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(ka, coltyp, 1252, a, len, opts));
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(kb, coltyp, 1252, b, len, opts));
	return jetk_key_cmp(ka->buf, ka->len, kb->buf, kb->len);
}

static void key_order_follows_values(struct kunit *test)
{
	static const s32 longs[] = { S32_MIN, -300, -1, 0, 1, 255, 256,
				     S32_MAX };
	static const u64 doubles[] = {	/* IEEE bit patterns, ascending */
		0xfff0000000000000ULL,	/* -inf */
		0xc000000000000000ULL,	/* -2.0 */
		0xbff0000000000000ULL,	/* -1.0 */
		0x8000000000000000ULL,	/* -0.0 */
		0x0000000000000000ULL,	/* +0.0 */
		0x0000000000000001ULL,	/* smallest subnormal */
		0x3ff0000000000000ULL,	/* 1.0 */
		0x7ff0000000000000ULL,	/* +inf */
	};
	unsigned int i;

	for (i = 0; i + 1 < ARRAY_SIZE(longs); i++) {
		__le32 a = cpu_to_le32(longs[i]), b = cpu_to_le32(longs[i + 1]);

		KUNIT_EXPECT_LT(test, cmp_values(test, 4, &a, &b, 4, 0), 0);
		KUNIT_EXPECT_GT(test, cmp_values(test, 4, &a, &b, 4,
						 JETK_KEYSEG_DESCENDING), 0);
	}
	for (i = 0; i + 1 < ARRAY_SIZE(doubles); i++) {
		__le64 a = cpu_to_le64(doubles[i]), b = cpu_to_le64(doubles[i + 1]);

		KUNIT_EXPECT_LT(test, cmp_values(test, 7, &a, &b, 8, 0), 0);
	}
	KUNIT_EXPECT_EQ(test, cmp_values(test, 10, "Hello", "HELLO", 5, 0), 0);
	KUNIT_EXPECT_LT(test, cmp_values(test, 10, "abc\0", "abd\0", 3, 0), 0);
	/* A binary value sorts before its extensions. */
	KUNIT_EXPECT_LT(test, cmp_values(test, 9, "12345678\0\0",
					 "12345678\0\1", 10, 0), 0);
}

static void key_nulls_and_limits(struct kunit *test)
{
	struct jetk_key *k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);
	static const char text[] = "the quick brown fox jumps";
	__le32 v = cpu_to_le32(0);

	KUNIT_ASSERT_NOT_NULL(test, k);
	jetk_key_init(k, 255);
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add_null(k, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add_null(k, JETK_KEYSEG_NULLS_HIGH));
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add_null(k, JETK_KEYSEG_DESCENDING));
	KUNIT_EXPECT_EQ(test, k->len, 3U);
	KUNIT_EXPECT_EQ(test, k->buf[0], 0x00);
	KUNIT_EXPECT_EQ(test, k->buf[1], 0xc0);
	KUNIT_EXPECT_EQ(test, k->buf[2], 0xff);

	jetk_key_init(k, 10);
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 10, 1252, text,
					      sizeof(text) - 1, 0));
	KUNIT_EXPECT_EQ(test, k->len, 10U);
	KUNIT_EXPECT_TRUE(test, k->truncated);

	jetk_key_init(k, 255);
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_key_add(k, 4, 0, &v, 2, 0));
	KUNIT_EXPECT_EQ(test, -EOPNOTSUPP, jetk_key_add(k, 12, 1252, "x", 1, 0));
	KUNIT_EXPECT_EQ(test, -EOPNOTSUPP, jetk_key_add(k, 10, 1200, "x\0", 2,
							0));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_key_add(k, 99, 0, "x", 1, 0));
	KUNIT_EXPECT_EQ(test, k->len, 0U);
}

static struct kunit_case key_cases[] = {
	KUNIT_CASE_PARAM(key_segment_bytes, key_vec_gen_params),
	KUNIT_CASE(key_catalog_key_matches_windows),
	KUNIT_CASE(key_order_follows_values),
	KUNIT_CASE(key_nulls_and_limits),
	{}
};

static struct kunit_suite key_suite = {
	.name = "jetk_key",
	.test_cases = key_cases,
};

kunit_test_suite(key_suite);
