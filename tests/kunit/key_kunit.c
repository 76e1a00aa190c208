// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: key normalisation (module/key.c): the keys Windows stored in
 * index.edb's indexes (one per column type, edb_vectors.h), exact bytes
 * per type, value order == byte order for every fixed type (negatives,
 * -0.0, infinities and NaNs included), text case folding, descending
 * segments, NULLs, and truncation at the index's key limit.
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "compat.h"
#include "format.h"
#include "key.h"
#include "edb_vectors.h"

static struct jetk_key *new_key(struct kunit *test, unsigned int max)
{
	struct jetk_key *k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, k);
	jetk_key_init(k, max);
	return k;
}

/* Windows' own keys: every type index.edb indexes. */
static void edb_key_desc(const struct edb_key_vector *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(edb_key, edb_key_vectors, edb_key_desc);

static void key_add_matches_windows(struct kunit *test)
{
	const struct edb_key_vector *v = test->param_value;
	struct jetk_key *k = new_key(test, JETK_KEY_MOST_DEFAULT);

	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, v->coltyp, v->cp, v->val,
					      v->val_len,
					      v->fixed ? JETK_KEYSEG_FIXED : 0));
	KUNIT_EXPECT_EQ(test, k->len, v->key_len);
	KUNIT_EXPECT_EQ(test, 0, memcmp(k->buf, v->key, v->key_len));
	KUNIT_EXPECT_EQ(test, k->truncated,
			v->key_len == JETK_KEY_MOST_DEFAULT);
}

struct key_vec {
	const char *name;
	u32 coltyp;
	u32 cp;
	const u8 val[24];
	unsigned int len;
	unsigned int opts;
	const u8 want[32];
	unsigned int want_len;
};

static const struct key_vec key_vecs[] = {
	{ "bit true", 1, 0, { 1 }, 1, 0, { 0x7f, 0xff }, 2 },
	{ "bit 0x80 is true", 1, 0, { 0x80 }, 1, 0, { 0x7f, 0xff }, 2 },
	{ "bit false", 1, 0, { 0 }, 1, 0, { 0x7f, 0x00 }, 2 },
	{ "unsigned byte", 2, 0, { 0xab }, 1, 0, { 0x7f, 0xab }, 2 },
	{ "short -2", 3, 0, { 0xfe, 0xff }, 2, 0, { 0x7f, 0x7f, 0xfe }, 3 },
	{ "short min", 3, 0, { 0x00, 0x80 }, 2, 0, { 0x7f, 0x00, 0x00 }, 3 },
	{ "short max", 3, 0, { 0xff, 0x7f }, 2, 0, { 0x7f, 0xff, 0xff }, 3 },
	{ "unsigned short", 17, 0, { 0x34, 0x12 }, 2, 0,
	  { 0x7f, 0x12, 0x34 }, 3 },
	{ "long 2", 4, 0, { 2, 0, 0, 0 }, 4, 0, { 0x7f, 0x80, 0, 0, 2 }, 5 },
	{ "unsigned long", 14, 0, { 0x78, 0x56, 0x34, 0x12 }, 4, 0,
	  { 0x7f, 0x12, 0x34, 0x56, 0x78 }, 5 },
	{ "long long -1", 15, 0, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff }, 8, 0, { 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff }, 9 },
	{ "unsigned long long", 18, 0, { 8, 7, 6, 5, 4, 3, 2, 0x81 }, 8, 0,
	  { 0x7f, 0x81, 2, 3, 4, 5, 6, 7, 8 }, 9 },
	{ "currency -1", 5, 0, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff }, 8, 0, { 0x7f, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	  0xff }, 9 },
	{ "single -1.0", 6, 0, { 0, 0, 0x80, 0xbf }, 4, 0,
	  { 0x7f, 0x40, 0x7f, 0xff, 0xff }, 5 },
	{ "single +0.0", 6, 0, { 0, 0, 0, 0 }, 4, 0,
	  { 0x7f, 0x80, 0, 0, 0 }, 5 },
	{ "single -0.0", 6, 0, { 0, 0, 0, 0x80 }, 4, 0,
	  { 0x7f, 0x7f, 0xff, 0xff, 0xff }, 5 },
	{ "double 1.0", 7, 0, { 0, 0, 0, 0, 0, 0, 0xf0, 0x3f }, 8, 0,
	  { 0x7f, 0xbf, 0xf0, 0, 0, 0, 0, 0, 0 }, 9 },
	{ "double -1.0", 7, 0, { 0, 0, 0, 0, 0, 0, 0xf0, 0xbf }, 8, 0,
	  { 0x7f, 0x40, 0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 9 },
	{ "datetime 2.5", 8, 0, { 0, 0, 0, 0, 0, 0, 0x04, 0x40 }, 8, 0,
	  { 0x7f, 0xc0, 0x04, 0, 0, 0, 0, 0, 0 }, 9 },
	{ "guid", 16, 0, { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
	  15 }, 16, 0, { 0x7f, 10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1,
	  2, 3 }, 17 },
	{ "text folds case", 10, 1252, "abZ", 3, 0,
	  { 0x7f, 'A', 'B', 'Z', 0 }, 5 },
	{ "text keeps non-ASCII", 10, 1252, "\xe9z{", 3, 0,
	  { 0x7f, 0xe9, 'Z', '{', 0 }, 5 },
	{ "text stops at NUL", 10, 1252, "ab\0cd", 5, 0,
	  { 0x7f, 'A', 'B', 0 }, 4 },
	{ "text empty", 10, 1252, "", 0, 0, { 0x40 }, 1 },
	{ "long text", 12, 1252, "Hi", 2, 0, { 0x7f, 'H', 'I', 0 }, 4 },
	{ "text descending", 10, 1252, "a", 1, JETK_KEYSEG_DESCENDING,
	  { 0x80, 0xbe, 0xff }, 3 },
	{ "binary 3", 9, 0, { 1, 2, 3 }, 3, 0,
	  { 0x7f, 1, 2, 3, 0, 0, 0, 0, 0, 3 }, 10 },
	{ "binary 8", 9, 0, { 1, 2, 3, 4, 5, 6, 7, 8 }, 8, 0,
	  { 0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 8 }, 10 },
	{ "binary 10", 9, 0, { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 10, 0,
	  { 0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 10, 0, 0, 0, 0, 0, 0, 2 }, 19 },
	{ "binary empty", 9, 0, { 0 }, 0, 0, { 0x40 }, 1 },
	{ "long binary 1", 11, 0, { 0xee }, 1, 0,
	  { 0x7f, 0xee, 0, 0, 0, 0, 0, 0, 0, 1 }, 10 },
	{ "fixed binary", 9, 0, { 1, 2, 3 }, 3, JETK_KEYSEG_FIXED,
	  { 0x7f, 1, 2, 3 }, 4 },
	{ "descending long 2", 4, 0, { 2, 0, 0, 0 }, 4, JETK_KEYSEG_DESCENDING,
	  { 0x80, 0x7f, 0xff, 0xff, 0xfd }, 5 },
	{ "descending empty", 9, 0, { 0 }, 0, JETK_KEYSEG_DESCENDING,
	  { 0xbf }, 1 },
};

static void key_vec_desc(const struct key_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(key_vec, key_vecs, key_vec_desc);

static void key_add_segment_bytes(struct kunit *test)
{
	const struct key_vec *v = test->param_value;
	struct jetk_key *k = new_key(test, JETK_KEY_MOST_DEFAULT);
	u8 out[32];

	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, v->coltyp, v->cp, v->val,
					      v->len, v->opts));
	KUNIT_EXPECT_EQ(test, k->len, v->want_len);
	KUNIT_EXPECT_EQ(test, 0, memcmp(k->buf, v->want, v->want_len));
	KUNIT_EXPECT_FALSE(test, k->truncated);
	/* the single-segment form gives the same bytes */
	KUNIT_EXPECT_EQ(test, (int)v->want_len,
			jetk_key_normalize_column(v->coltyp, v->cp, v->opts,
						  v->val, v->len, out,
						  sizeof(out)));
	KUNIT_EXPECT_EQ(test, 0, memcmp(out, v->want, v->want_len));
}

/* The separator key of basic.edb's catalog root: (3, 2, 260). */
static void key_add_catalog_key_matches_windows(struct kunit *test)
{
	static const u8 windows[] = { 0x7f, 0x80, 0x00, 0x00, 0x03, 0x7f, 0x80,
				      0x02, 0x7f, 0x80, 0x00, 0x01, 0x04 };
	struct jetk_key *k = new_key(test, JETK_KEY_MOST_DEFAULT);
	__le32 objid = cpu_to_le32(3), id = cpu_to_le32(260);
	__le16 type = cpu_to_le16(2);

	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 4, 0, &objid, 4, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 3, 0, &type, 2, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 4, 0, &id, 4, 0));
	KUNIT_EXPECT_EQ(test, k->len, (unsigned int)JETK_KEY_CATALOG_SIZE);
	KUNIT_EXPECT_EQ(test, 0, memcmp(k->buf, windows, sizeof(windows)));
}

/* Values in ascending order, as little-endian bit patterns. */
struct key_order {
	const char *name;
	u32 coltyp;
	unsigned int size;
	unsigned int n;
	u64 v[12];
};

static const struct key_order key_orders[] = {
	{ "bit", 1, 1, 2, { 0, 1 } },
	{ "unsigned byte", 2, 1, 4, { 0, 1, 0x7f, 0xff } },
	{ "short", 3, 2, 7, { 0x8000, 0x8001, 0xff00, 0xffff, 0, 1, 0x7fff } },
	{ "unsigned short", 17, 2, 5, { 0, 1, 0x7fff, 0x8000, 0xffff } },
	{ "long", 4, 4, 8, { 0x80000000, 0xfffffed4, 0xffffffff, 0, 1, 255,
			     256, 0x7fffffff } },
	{ "unsigned long", 14, 4, 5, { 0, 1, 0x7fffffff, 0x80000000,
				       0xffffffff } },
	{ "long long", 15, 8, 6, { 0x8000000000000000ULL,
				   0xffffffff00000000ULL, ~0ULL, 0, 1,
				   0x7fffffffffffffffULL } },
	{ "unsigned long long", 18, 8, 4, { 0, 1, 0x8000000000000000ULL,
					    ~0ULL } },
	{ "currency", 5, 8, 4, { 0x8000000000000000ULL, ~0ULL, 0, 10000 } },
	{ "single", 6, 4, 12, {
		0xffc00000,	/* NaN with the sign bit: below -inf */
		0xff800000,	/* -inf */
		0xc0000000,	/* -2.0 */
		0xbf800000,	/* -1.0 */
		0x80000001,	/* -smallest subnormal */
		0x80000000,	/* -0.0 */
		0x00000000,	/* +0.0 */
		0x00000001,	/* smallest subnormal */
		0x3f800000,	/* 1.0 */
		0x7f7fffff,	/* largest finite */
		0x7f800000,	/* +inf */
		0x7fc00000,	/* NaN: above +inf */
	} },
	{ "double", 7, 8, 10, {
		0xfff8000000000000ULL,	/* -NaN */
		0xfff0000000000000ULL,	/* -inf */
		0xc000000000000000ULL,	/* -2.0 */
		0xbff0000000000000ULL,	/* -1.0 */
		0x8000000000000000ULL,	/* -0.0 */
		0x0000000000000000ULL,	/* +0.0 */
		0x0000000000000001ULL,	/* smallest subnormal */
		0x3ff0000000000000ULL,	/* 1.0 */
		0x7ff0000000000000ULL,	/* +inf */
		0x7ff8000000000000ULL,	/* NaN */
	} },
	{ "datetime", 8, 8, 4, {	/* OLE dates: days since 1899-12-30 */
		0xc000000000000000ULL,	/* 1899-12-28 */
		0x0000000000000000ULL,	/* 1899-12-30 */
		0x40e5000000000000ULL,	/* 1990-... */
		0x40e6000000000000ULL,
	} },
};

static void key_order_desc(const struct key_order *o, char *desc)
{
	strscpy(desc, o->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(key_order, key_orders, key_order_desc);

static int cmp_values(struct kunit *test, u32 coltyp, u32 cp, const void *a,
		      unsigned int alen, const void *b, unsigned int blen,
		      unsigned int opts)
{
	u8 ka[64], kb[64];
	int la, lb;

	la = jetk_key_normalize_column(coltyp, cp, opts, a, alen, ka,
				       sizeof(ka));
	lb = jetk_key_normalize_column(coltyp, cp, opts, b, blen, kb,
				       sizeof(kb));
	KUNIT_EXPECT_GT(test, la, 0);
	KUNIT_EXPECT_GT(test, lb, 0);
	if (la <= 0 || lb <= 0)
		return 0;
	return jetk_key_cmp(ka, la, kb, lb);
}

/* Byte order of the keys is value order; descending reverses it. */
static void key_cmp_follows_value_order(struct kunit *test)
{
	const struct key_order *o = test->param_value;
	__le64 a, b;
	unsigned int i;

	for (i = 0; i + 1 < o->n; i++) {
		a = cpu_to_le64(o->v[i]);
		b = cpu_to_le64(o->v[i + 1]);
		KUNIT_EXPECT_LT_MSG(test, cmp_values(test, o->coltyp, 0, &a,
						     o->size, &b, o->size, 0),
				    0, "%s %llx < %llx", o->name, o->v[i],
				    o->v[i + 1]);
		KUNIT_EXPECT_GT_MSG(test, cmp_values(test, o->coltyp, 0, &a,
						     o->size, &b, o->size,
						     JETK_KEYSEG_DESCENDING),
				    0, "%s descending", o->name);
		KUNIT_EXPECT_EQ(test, cmp_values(test, o->coltyp, 0, &a,
						 o->size, &a, o->size, 0), 0);
	}
}

/* Text and binary: pairs and the order their keys must give. */
struct key_pair {
	const char *name;
	u32 coltyp;
	const char *a;
	unsigned int alen;
	const char *b;
	unsigned int blen;
	int sign;
};

static const struct key_pair key_pairs[] = {
	{ "text ignores case", 10, "Hello", 5, "hELLO", 5, 0 },
	{ "text a < b", 10, "abc", 3, "ABD", 3, -1 },
	{ "text prefix first", 10, "ab", 2, "abc", 3, -1 },
	{ "text empty first", 10, "", 0, "\x01", 1, -1 },
	{ "text past NUL ignored", 10, "ab\0x", 4, "ab\0y", 4, 0 },
	{ "text no locale folding", 10, "\xe9", 1, "\xc9", 1, 1 },
	{ "text Z < [", 10, "z", 1, "[", 1, -1 },
	{ "binary prefix first", 9, "12345678", 8, "12345678\0", 9, -1 },
	{ "binary zero pad", 9, "ab", 2, "ab\0", 3, -1 },
	{ "binary empty first", 9, "", 0, "\0", 1, -1 },
	{ "binary bytes", 9, "\x01\xff", 2, "\x02", 1, -1 },
	{ "binary is exact", 9, "abc", 3, "ABC", 3, 1 },
};

static void key_pair_desc(const struct key_pair *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(key_pair, key_pairs, key_pair_desc);

static void key_cmp_text_and_binary(struct kunit *test)
{
	const struct key_pair *p = test->param_value;
	int c, d;

	c = cmp_values(test, p->coltyp, JETK_CP_ANSI, p->a, p->alen, p->b,
		       p->blen, 0);
	d = cmp_values(test, p->coltyp, JETK_CP_ANSI, p->a, p->alen, p->b,
		       p->blen, JETK_KEYSEG_DESCENDING);
	KUNIT_EXPECT_EQ(test, (c > 0) - (c < 0), p->sign);
	KUNIT_EXPECT_EQ(test, (d > 0) - (d < 0), -p->sign);
}

/* NULL sorts first (or last with SortNullsHigh); descending inverts. */
static void key_add_null_orders(struct kunit *test)
{
	struct jetk_key *k = new_key(test, JETK_KEY_MOST_DEFAULT);
	__le32 zero = 0, min = cpu_to_le32(0x80000000);
	u8 lo[8], hi[8], v[8], e[8];
	int nlo, nhi, nv, ne;

	KUNIT_ASSERT_EQ(test, 0, jetk_key_add_null(k, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add_null(k, JETK_KEYSEG_NULLS_HIGH));
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add_null(k, JETK_KEYSEG_DESCENDING));
	KUNIT_EXPECT_EQ(test, k->len, 3U);
	KUNIT_EXPECT_EQ(test, k->buf[0], JETK_KEY_PREFIX_NULL);
	KUNIT_EXPECT_EQ(test, k->buf[1], JETK_KEY_PREFIX_NULL_HIGH);
	KUNIT_EXPECT_EQ(test, k->buf[2], 0xff);

	nlo = jetk_key_normalize_column(4, 0, 0, NULL, 0, lo, sizeof(lo));
	nhi = jetk_key_normalize_column(4, 0, JETK_KEYSEG_NULLS_HIGH, NULL, 0,
					hi, sizeof(hi));
	nv = jetk_key_normalize_column(4, 0, 0, &min, 4, v, sizeof(v));
	ne = jetk_key_normalize_column(10, JETK_CP_ANSI, 0, &zero, 0, e,
				       sizeof(e));
	KUNIT_ASSERT_EQ(test, nlo, 1);
	KUNIT_ASSERT_EQ(test, nhi, 1);
	KUNIT_ASSERT_EQ(test, nv, 5);
	KUNIT_ASSERT_EQ(test, ne, 1);
	KUNIT_EXPECT_LT(test, jetk_key_cmp(lo, nlo, v, nv), 0);
	KUNIT_EXPECT_GT(test, jetk_key_cmp(hi, nhi, v, nv), 0);
	/* an empty value is not NULL: it sorts between NULL and values */
	KUNIT_EXPECT_LT(test, jetk_key_cmp(lo, nlo, e, ne), 0);
	KUNIT_EXPECT_LT(test, jetk_key_cmp(e, ne, v, nv), 0);
}

/* Keys are cut at the index's limit, mid-segment if need be. */
static void key_add_truncates_at_limit(struct kunit *test)
{
	static const char text[] = "the quick brown fox jumps";
	static const u8 cut[] = { 0x7f, '0', '1', '2', '3', '4', '5', '6' };
	struct jetk_key *k = new_key(test, 10);
	__le32 v = cpu_to_le32(0x01020304);
	u8 out[8];
	int n;

	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 10, JETK_CP_ANSI, text,
					      sizeof(text) - 1, 0));
	KUNIT_EXPECT_EQ(test, k->len, 10U);
	KUNIT_EXPECT_TRUE(test, k->truncated);
	KUNIT_EXPECT_EQ(test, 0, memcmp(k->buf, "\x7fTHE QUICK", 10));
	/* a full key takes nothing more, but stays valid */
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 4, 0, &v, 4, 0));
	KUNIT_EXPECT_EQ(test, k->len, 10U);

	k = new_key(test, 7);
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 4, 0, &v, 4, 0));
	KUNIT_EXPECT_FALSE(test, k->truncated);
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 4, 0, &v, 4,
					      JETK_KEYSEG_DESCENDING));
	KUNIT_EXPECT_TRUE(test, k->truncated);
	KUNIT_EXPECT_EQ(test, k->len, 7U);
	KUNIT_EXPECT_EQ(test, 0, memcmp(k->buf,
					"\x7f\x81\x02\x03\x04\x80\x7e", 7));

	/* limits above JET_cbKeyMostMost are clamped */
	k = new_key(test, 100000);
	KUNIT_EXPECT_EQ(test, k->max, (unsigned int)JETK_KEY_MOST_MOST);

	n = jetk_key_normalize_column(9, 0, 0, "0123456789", 10, out,
				      sizeof(out));
	KUNIT_EXPECT_EQ(test, n, (int)sizeof(out));
	KUNIT_EXPECT_EQ(test, 0, memcmp(out, cut, sizeof(cut)));
}

static void key_cmp_length_breaks_ties(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, jetk_key_cmp((const u8 *)"ab", 2,
					   (const u8 *)"ab", 2), 0);
	KUNIT_EXPECT_LT(test, jetk_key_cmp((const u8 *)"ab", 2,
					   (const u8 *)"abc", 3), 0);
	KUNIT_EXPECT_GT(test, jetk_key_cmp((const u8 *)"abc", 3,
					   (const u8 *)"ab", 2), 0);
	KUNIT_EXPECT_LT(test, jetk_key_cmp((const u8 *)"", 0,
					   (const u8 *)"\0", 1), 0);
	KUNIT_EXPECT_GT(test, jetk_key_cmp((const u8 *)"\x80", 1,
					   (const u8 *)"\x7f\xff", 2), 0);
}

static void key_add_rejects_bad_input(struct kunit *test)
{
	struct jetk_key *k = new_key(test, JETK_KEY_MOST_DEFAULT);
	__le32 v = 0;
	u8 out[4];

	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_key_add(k, 4, 0, &v, 2, 0));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_key_add(k, 16, 0, &v, 4, 0));
	KUNIT_EXPECT_EQ(test, -EOPNOTSUPP,
			jetk_key_add(k, 10, JETK_CP_UNICODE, "x\0", 2, 0));
	KUNIT_EXPECT_EQ(test, -EOPNOTSUPP,
			jetk_key_add(k, 12, JETK_CP_UNICODE, "x\0", 2, 0));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_key_add(k, 99, 0, "x", 1, 0));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_key_add(k, 13, 0, "x", 1, 0));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_key_add(k, 0, 0, "x", 1, 0));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			jetk_key_normalize_column(3, 0, 0, &v, 4, out,
						  sizeof(out)));
	KUNIT_EXPECT_EQ(test, k->len, 0U);
	KUNIT_EXPECT_FALSE(test, k->truncated);
}

static struct kunit_case key_cases[] = {
	KUNIT_CASE_PARAM(key_add_matches_windows, edb_key_gen_params),
	KUNIT_CASE_PARAM(key_add_segment_bytes, key_vec_gen_params),
	KUNIT_CASE(key_add_catalog_key_matches_windows),
	KUNIT_CASE_PARAM(key_cmp_follows_value_order, key_order_gen_params),
	KUNIT_CASE_PARAM(key_cmp_text_and_binary, key_pair_gen_params),
	KUNIT_CASE(key_add_null_orders),
	KUNIT_CASE(key_add_truncates_at_limit),
	KUNIT_CASE(key_cmp_length_breaks_ties),
	KUNIT_CASE(key_add_rejects_bad_input),
	{}
};

static struct kunit_suite key_suite = {
	.name = "jetk_key",
	.test_cases = key_cases,
};

kunit_test_suite(key_suite);
