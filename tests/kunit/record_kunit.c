// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the record format (module/record.c) on records Windows wrote.
 * Catalog rows are decoded with the catalog's fixed schema; a table's
 * schema is then read from those rows and its records decoded; every
 * record is rebuilt from its decoded values and must come out byte for
 * byte as Windows wrote it (ESE's layout is deterministic for what these
 * samples hold).  Damaged records are rejected without out-of-bounds
 * reads (KASAN watches).
 */
#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/slab.h>

#include "compat.h"
#include "format.h"
#include "page.h"
#include "record.h"
#include "edb_vector_util.h"

#define CAT_COLS 28

/* MSysObjects' columns as ESE creates them (ref/ese-format.md 6.1). */
static const struct jetk_rec_col cat_cols[CAT_COLS] = {
	{ 1, 4, 4, 4 }, { 2, 3, 2, 8 }, { 3, 4, 4, 10 }, { 4, 4, 4, 14 },
	{ 5, 4, 4, 18 }, { 6, 4, 4, 22 }, { 7, 4, 4, 26 }, { 8, 1, 1, 30 },
	{ 9, 3, 2, 31 }, { 10, 4, 4, 33 }, { 11, 17, 2, 37 }, { 12, 4, 4, 39 },
	{ 128, 10, 255 }, { 129, 9, 255 }, { 130, 10, 255 }, { 131, 9, 255 },
	{ 132, 9, 255 }, { 133, 9, 255 }, { 134, 9, 255 }, { 135, 9, 255 },
	{ 136, 9, 255 }, { 137, 9, 255 },
	{ 256, 11 }, { 257, 11 }, { 258, 11 }, { 259, 11 }, { 260, 11 },
	{ 261, 11 },
};

static u8 *page_of(struct kunit *test, const char *name, struct jetk_page *p)
{
	const struct edb_vector *v = edb_vector_named(test, name);
	u8 *buf = edb_vector_page(test, v);

	jetk_page_view(p, buf, v->page_size);
	KUNIT_ASSERT_EQ(test, 0, jetk_page_check(p));
	return buf;
}

static u32 get_u32(const struct jetk_rec_schema *s,
		   const struct jetk_rec_view *v, u32 id)
{
	struct jetk_rec_value val;

	if (jetk_rec_get(s, v, id, 1, &val) || (val.flags & JETK_RECV_NULL))
		return 0;
	if (val.len == 2)
		return get_unaligned_le16(val.data);
	if (val.len == 1)
		return val.data[0];
	return get_unaligned_le32(val.data);
}

/*
 * Rebuild a record from its decoded values: the rebuilt record must hold
 * the same values, and with @exact be the same bytes.  (ESE writes two
 * values of a multi-valued column on small pages in a short form jetk
 * reads but does not write, so those records differ in bytes only.)
 */
static void roundtrip(struct kunit *test, const struct jetk_rec_schema *s,
		      const struct jetk_rec_view *v, bool exact)
{
	struct jetk_rec_field *f;
	struct jetk_rec_value *vals, again;
	struct jetk_rec_view v2;
	unsigned int i, j, nf = 0, nv = 0, len;
	int n, k;
	u8 *out;

	f = kunit_kcalloc(test, s->ncols, sizeof(*f), GFP_KERNEL);
	vals = kunit_kcalloc(test, 512, sizeof(*vals), GFP_KERNEL);
	out = kunit_kmalloc(test, s->page_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_ASSERT_NOT_NULL(test, vals);
	KUNIT_ASSERT_NOT_NULL(test, out);
	for (i = 0; i < s->ncols; i++) {
		n = jetk_rec_count(s, v, s->cols[i].columnid);
		KUNIT_ASSERT_GE(test, n, 0);
		if (!n)
			continue;
		f[nf].columnid = s->cols[i].columnid;
		f[nf].nvals = n;
		f[nf].vals = &vals[nv];
		for (k = 1; k <= n; k++) {
			KUNIT_ASSERT_LT(test, nv, 512U);
			KUNIT_ASSERT_EQ(test, 0, jetk_rec_get(s, v,
							      s->cols[i].columnid,
							      k, &vals[nv]));
			KUNIT_ASSERT_FALSE(test, vals[nv].flags &
					   (JETK_RECV_NULL | JETK_RECV_DEFAULT));
			nv++;
		}
		nf++;
	}
	/*
	 * A compressed value (ESE compressed it; jetk does not write any)
	 * cannot be carried into a record jetk builds: refused, not
	 * silently turned into plain bytes.
	 */
	for (i = 0; i < nv; i++) {
		if (!(vals[i].flags & JETK_RECV_COMPRESSED))
			continue;
		KUNIT_EXPECT_EQ(test, -EOPNOTSUPP,
				jetk_rec_build(s, f, nf, out, s->page_size,
					       &len));
		return;
	}
	KUNIT_ASSERT_EQ(test, 0, jetk_rec_build(s, f, nf, out, s->page_size,
						&len));
	if (exact) {
		KUNIT_EXPECT_EQ(test, len, v->len);
		KUNIT_EXPECT_TRUE(test, len == v->len &&
				  !memcmp(out, v->rec, len));
	}
	KUNIT_ASSERT_EQ(test, 0, jetk_rec_parse(s, out, len, &v2));
	for (i = 0; i < nf; i++) {
		KUNIT_EXPECT_EQ(test, jetk_rec_count(s, &v2, f[i].columnid),
				(int)f[i].nvals);
		for (j = 0; j < f[i].nvals; j++) {
			KUNIT_ASSERT_EQ(test, 0, jetk_rec_get(s, &v2,
							      f[i].columnid,
							      j + 1, &again));
			KUNIT_EXPECT_EQ(test, again.len, f[i].vals[j].len);
			KUNIT_EXPECT_TRUE(test, again.len == f[i].vals[j].len &&
					  !memcmp(again.data, f[i].vals[j].data,
						  again.len));
		}
	}
}

static void record_catalog_rows_decode_and_rebuild(struct kunit *test)
{
	static const char * const pages[] = {
		"basic_catalog_leaf1", "basic_catalog_leaf2",
		"multi_catalog_leaf1", "multi_catalog_leaf2",
	};
	struct jetk_rec_schema s = { cat_cols, CAT_COLS, false, 4096 };
	struct jetk_rec_view v;
	struct jetk_rec_value name;
	struct jetk_node nd;
	struct jetk_page p;
	unsigned int i, pg, rows = 0, tables = 0;
	bool mso = false;

	for (pg = 0; pg < ARRAY_SIZE(pages); pg++) {
		page_of(test, pages[pg], &p);
		for (i = 0; i < jetk_page_nodes(&p); i++) {
			KUNIT_ASSERT_EQ(test, 0, jetk_page_node(&p, i, &nd));
			KUNIT_ASSERT_EQ(test, 0, jetk_rec_parse(&s, nd.data,
								nd.data_len,
								&v));
			rows++;
			if (get_u32(&s, &v, JETK_CATCOL_TYPE) != JETK_CAT_TABLE)
				goto rebuild;
			tables++;
			KUNIT_ASSERT_EQ(test, 0, jetk_rec_get(&s, &v,
							      JETK_CATCOL_NAME,
							      1, &name));
			if (name.len == 11 && !memcmp(name.data, "MSysObjects", 11)) {
				u32 fdp = get_u32(&s, &v,
						  JETK_CATCOL_COLTYP_OR_PGNO_FDP);
				u32 obj = get_u32(&s, &v, JETK_CATCOL_OBJID_TABLE);

				mso = true;
				KUNIT_EXPECT_EQ(test, fdp, 4U);
				KUNIT_EXPECT_EQ(test, obj, 2U);
			}
rebuild:
			roundtrip(test, &s, &v, true);
		}
	}
	KUNIT_EXPECT_GT(test, rows, 100U);
	KUNIT_EXPECT_GE(test, tables, 4U);
	KUNIT_EXPECT_TRUE(test, mso);
}

/* Read table @objid's columns from multi.edb's catalog leaves. */
static unsigned int table_schema(struct kunit *test, u32 objid,
				 struct jetk_rec_col *cols, unsigned int max)
{
	static const char * const pages[] = {
		"multi_catalog_leaf1", "multi_catalog_leaf2",
	};
	struct jetk_rec_schema s = { cat_cols, CAT_COLS, false, 4096 };
	struct jetk_rec_view v;
	struct jetk_node nd;
	struct jetk_page p;
	unsigned int i, pg, n = 0;

	for (pg = 0; pg < ARRAY_SIZE(pages); pg++) {
		page_of(test, pages[pg], &p);
		for (i = 0; i < jetk_page_nodes(&p); i++) {
			KUNIT_ASSERT_EQ(test, 0, jetk_page_node(&p, i, &nd));
			KUNIT_ASSERT_EQ(test, 0, jetk_rec_parse(&s, nd.data,
								nd.data_len,
								&v));
			if (get_u32(&s, &v, JETK_CATCOL_OBJID_TABLE) != objid ||
			    get_u32(&s, &v, JETK_CATCOL_TYPE) != JETK_CAT_COLUMN)
				continue;
			KUNIT_ASSERT_LT(test, n, max);
			cols[n].columnid = get_u32(&s, &v, JETK_CATCOL_ID);
			cols[n].coltyp = get_u32(&s, &v,
						 JETK_CATCOL_COLTYP_OR_PGNO_FDP);
			cols[n].cb_max = get_u32(&s, &v, JETK_CATCOL_SPACE_USAGE);
			cols[n].flags = get_u32(&s, &v, JETK_CATCOL_FLAGS);
			cols[n].cp = get_u32(&s, &v, JETK_CATCOL_PAGES_OR_LOCALE);
			cols[n].offset = get_u32(&s, &v,
						 JETK_CATCOL_RECORD_OFFSET);
			n++;
		}
	}
	return n;
}

struct table_leaf {
	const char *page;
	u32 objid;
	bool exact;	/* no two-value short forms: identical bytes */
};

static const struct table_leaf table_leaves[] = {
	{ "multi_objids_leaf", 6, true },
	{ "multi_table_leaf", 7, true },
	{ "multi_table2_leaf", 8, false },
};

static void table_leaf_desc(const struct table_leaf *t, char *desc)
{
	strscpy(desc, t->page, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(table_leaf, table_leaves, table_leaf_desc);

static void record_table_rows_decode_and_rebuild(struct kunit *test)
{
	const struct table_leaf *t = test->param_value;
	struct jetk_rec_col *cols = kunit_kcalloc(test, 64, sizeof(*cols),
						  GFP_KERNEL);
	struct jetk_rec_schema s = { cols, 0, false, 4096 };
	struct jetk_rec_view v;
	struct jetk_node nd;
	struct jetk_page p;
	unsigned int i, multi = 0;

	KUNIT_ASSERT_NOT_NULL(test, cols);
	s.ncols = table_schema(test, t->objid, cols, 64);
	KUNIT_ASSERT_GT(test, s.ncols, 0U);
	page_of(test, t->page, &p);
	KUNIT_ASSERT_EQ(test, jetk_page_objid(&p), t->objid);
	for (i = 0; i < jetk_page_nodes(&p); i++) {
		unsigned int c;

		KUNIT_ASSERT_EQ(test, 0, jetk_page_node(&p, i, &nd));
		KUNIT_ASSERT_EQ(test, 0, jetk_rec_parse(&s, nd.data, nd.data_len,
							&v));
		for (c = 0; c < s.ncols; c++)
			if (jetk_rec_count(&s, &v, cols[c].columnid) > 1)
				multi++;
		roundtrip(test, &s, &v, t->exact);
	}
	kunit_info(test, "%u columns, %u rows, %u multi-valued cells",
		   s.ncols, jetk_page_nodes(&p), multi);
}

static void record_mutations_are_safe(struct kunit *test)
{
	struct jetk_rec_schema s = { cat_cols, CAT_COLS, false, 4096 };
	struct jetk_rec_value val;
	struct jetk_rec_view v;
	struct rnd_state rs;
	struct jetk_node nd;
	struct jetk_page p;
	unsigned int i, k, c, rejected = 0, total = 0;
	u8 *rec;

	page_of(test, "basic_catalog_leaf1", &p);
	prandom_seed_state(&rs, 42);
	for (i = 0; i < jetk_page_nodes(&p); i++) {
		KUNIT_ASSERT_EQ(test, 0, jetk_page_node(&p, i, &nd));
		for (k = 0; k < 40; k++) {
			u32 r = prandom_u32_state(&rs);
			unsigned int len = nd.data_len;

			/* An exact-size copy: KASAN sees any overrun. */
			if (r & 0x10000)
				len = (r >> 17) % len;
			rec = kmemdup(nd.data, len ? len : 1, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, rec);
			if (len)
				rec[r % len] ^= (u8)(r >> 8) | 1;
			total++;
			if (jetk_rec_parse(&s, rec, len, &v)) {
				rejected++;
			} else {
				for (c = 0; c < CAT_COLS; c++) {
					bool in;

					if (jetk_rec_get(&s, &v,
							 cat_cols[c].columnid,
							 1, &val) ||
					    (val.flags & JETK_RECV_NULL))
						continue;
					in = val.data >= rec &&
					     val.data + val.len <= rec + len;
					KUNIT_EXPECT_TRUE(test, in);
				}
			}
			kfree(rec);
		}
	}
	kunit_info(test, "%u of %u damaged records rejected", rejected, total);
	KUNIT_EXPECT_GT(test, rejected, 0U);
}

static void record_build_limits(struct kunit *test)
{
	static const struct jetk_rec_col cols[] = {
		{ 1, 4, 4, 4 }, { 2, 10, 10, 8, 1252 }, { 128, 9, 255 },
		{ 256, 11 }, { 257, 4, 0, 0, 0, JETK_FIELD_MULTIVALUED },
	};
	struct jetk_rec_schema s = { cols, ARRAY_SIZE(cols), false, 4096 };
	u8 *out = kunit_kmalloc(test, 8192, GFP_KERNEL);
	u8 *big = kunit_kzalloc(test, 4000, GFP_KERNEL);
	struct jetk_rec_value v1 = { "\1\0\0\0", 4 }, txt = { "ab", 2 };
	struct jetk_rec_value lv = { big, 3900 }, two[2] = {
		{ "\5\0\0\0", 4 }, { "\6\0\0\0", 4 } };
	struct jetk_rec_value got, bad = { "\1\0", 2 };
	struct jetk_rec_field f[4];
	struct jetk_rec_view v;
	unsigned int len;

	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, big);
	f[0] = (struct jetk_rec_field){ 1, 1, &v1 };
	f[1] = (struct jetk_rec_field){ 2, 1, &txt };
	f[2] = (struct jetk_rec_field){ 257, 2, two };
	KUNIT_ASSERT_EQ(test, 0, jetk_rec_build(&s, f, 3, out, 8192, &len));
	KUNIT_ASSERT_EQ(test, 0, jetk_rec_parse(&s, out, len, &v));
	KUNIT_ASSERT_EQ(test, 0, jetk_rec_get(&s, &v, 2, 1, &got));
	KUNIT_EXPECT_EQ(test, got.len, 10U);
	KUNIT_EXPECT_EQ(test, 0, memcmp(got.data, "ab        ", 10));
	KUNIT_EXPECT_EQ(test, jetk_rec_count(&s, &v, 257), 2);
	KUNIT_ASSERT_EQ(test, 0, jetk_rec_get(&s, &v, 257, 2, &got));
	KUNIT_EXPECT_EQ(test, got.data[0], 6);
	KUNIT_ASSERT_EQ(test, 0, jetk_rec_get(&s, &v, 257, 3, &got));
	KUNIT_EXPECT_TRUE(test, got.flags & JETK_RECV_NULL);
	KUNIT_ASSERT_EQ(test, 0, jetk_rec_get(&s, &v, 128, 1, &got));
	KUNIT_EXPECT_TRUE(test, got.flags & JETK_RECV_NULL);
	KUNIT_EXPECT_EQ(test, -ENOENT, jetk_rec_get(&s, &v, 300, 1, &got));

	f[0] = (struct jetk_rec_field){ 1, 1, &bad };
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_rec_build(&s, f, 1, out, 8192,
						      &len));
	f[0] = (struct jetk_rec_field){ 256, 1, &lv };
	f[1] = (struct jetk_rec_field){ 128, 1, &txt };
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_rec_build(&s, f, 2, out, 8192,
						      &len));
	KUNIT_EXPECT_EQ(test, -E2BIG, jetk_rec_build(&s, f, 1, out, 8192,
						     &len));
	KUNIT_EXPECT_EQ(test, -ENOSPC, jetk_rec_build(&s, f, 1, out, 100,
						      &len));
	f[0] = (struct jetk_rec_field){ 1, 2, two };
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_rec_build(&s, f, 1, out, 8192,
						      &len));
}

static struct kunit_case record_cases[] = {
	KUNIT_CASE(record_catalog_rows_decode_and_rebuild),
	KUNIT_CASE_PARAM(record_table_rows_decode_and_rebuild,
			 table_leaf_gen_params),
	KUNIT_CASE(record_mutations_are_safe),
	KUNIT_CASE(record_build_limits),
	{}
};

static struct kunit_suite record_suite = {
	.name = "jetk_record",
	.test_cases = record_cases,
};

kunit_test_suite(record_suite);
