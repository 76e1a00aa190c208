// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: catalog rows (module/catalog.c).  The rows jetk writes for the
 * system tables MSysObjects and MSysObjectsShadow must equal, key and
 * record byte for byte, the rows Windows' ESE wrote in basic.edb
 * (edb_vectors.h).
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "catalog.h"
#include "compat.h"
#include "format.h"
#include "key.h"
#include "page.h"
#include "edb_vector_util.h"

static u8 *page_of(struct kunit *test, const char *name, struct jetk_page *p)
{
	const struct edb_vector *v = edb_vector_named(test, name);
	u8 *buf = edb_vector_page(test, v);

	jetk_page_view(p, buf, v->page_size);
	KUNIT_ASSERT_EQ(test, 0, jetk_page_check(p));
	return buf;
}

/* Find a row by key on basic.edb's catalog leaves. */
static bool windows_row(struct kunit *test, const u8 *key, const u8 **rec,
			unsigned int *len)
{
	static const char * const pages[] = {
		"basic_catalog_leaf1", "basic_catalog_leaf2",
	};
	struct jetk_page p;
	struct jetk_node nd;
	unsigned int i, pos;
	bool exact;

	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		page_of(test, pages[i], &p);
		KUNIT_ASSERT_EQ(test, 0, jetk_page_search(&p, key,
							  JETK_CAT_KEY_LEN,
							  &pos, &exact));
		if (!exact)
			continue;
		KUNIT_ASSERT_EQ(test, 0, jetk_page_node(&p, pos, &nd));
		*rec = nd.data;
		*len = nd.data_len;
		return true;
	}
	return false;
}

static const u32 system_objids[] = { JETK_OBJID_CATALOG, JETK_OBJID_SHADOW };

static void objid_desc(const u32 *o, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		 *o == JETK_OBJID_CATALOG ? "MSysObjects" : "MSysObjectsShadow");
}

KUNIT_ARRAY_PARAM(system_objid, system_objids, objid_desc);

static void catalog_system_rows_match_windows(struct kunit *test)
{
	u32 objid = *(const u32 *)test->param_value;
	struct jetk_cat_row *rows = kunit_kcalloc(test, 40, sizeof(*rows),
						  GFP_KERNEL);
	unsigned int i, len, same = 0;
	const u8 *rec;
	int n;

	KUNIT_ASSERT_NOT_NULL(test, rows);
	n = jetk_cat_system_rows(4096, objid, rows, 40);
	KUNIT_ASSERT_EQ(test, n, objid == JETK_OBJID_CATALOG ? 32 : 30);
	for (i = 0; i < n; i++) {
		if (i)
			KUNIT_EXPECT_LT(test, memcmp(rows[i - 1].key, rows[i].key,
						     JETK_CAT_KEY_LEN), 0);
		if (!windows_row(test, rows[i].key, &rec, &len)) {
			KUNIT_FAIL(test, "row %u: no Windows row with its key",
				   i);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, rows[i].len, len, "row %u", i);
		if (rows[i].len == len && !memcmp(rows[i].rec, rec, len))
			same++;
		else
			KUNIT_FAIL(test, "row %u differs from Windows'", i);
	}
	KUNIT_EXPECT_EQ(test, same, (unsigned int)n);
}

static void catalog_key_layout(struct kunit *test)
{
	struct jetk_key *k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);
	__le32 objid = cpu_to_le32(77), id = cpu_to_le32(0x12345);
	__le16 type = cpu_to_le16(JETK_CAT_INDEX);
	u8 key[JETK_CAT_KEY_LEN];

	KUNIT_ASSERT_NOT_NULL(test, k);
	jetk_key_init(k, 255);
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 4, 0, &objid, 4, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 3, 0, &type, 2, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_key_add(k, 4, 0, &id, 4, 0));
	jetk_cat_key(77, JETK_CAT_INDEX, 0x12345, key);
	KUNIT_EXPECT_EQ(test, k->len, (unsigned int)JETK_CAT_KEY_LEN);
	KUNIT_EXPECT_EQ(test, 0, memcmp(k->buf, key, JETK_CAT_KEY_LEN));
}

static void catalog_rejects_bad_names(struct kunit *test)
{
	struct jetk_cat_row *row = kunit_kzalloc(test, sizeof(*row),
						 GFP_KERNEL);
	struct jetk_cat_coldef c = { "", 1, 4, 4 };
	char long_name[66];

	KUNIT_ASSERT_NOT_NULL(test, row);
	/* JET_cbNameMost is 64 bytes. */
	memset(long_name, 'a', 65);
	long_name[65] = 0;
	KUNIT_EXPECT_EQ(test, -EINVAL,
			jetk_cat_table_row(4096, 9, 30, 1, 0, "", row));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_cat_column_row(4096, 9, &c, row));
	KUNIT_EXPECT_EQ(test, 0, jetk_cat_table_row(4096, 9, 30, 1, 0,
						    "ok", row));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			jetk_cat_table_row(4096, 9, 30, 1, 0, long_name, row));
	long_name[64] = 0;
	KUNIT_EXPECT_EQ(test, 0, jetk_cat_table_row(4096, 9, 30, 1, 0,
						    long_name, row));
	KUNIT_EXPECT_EQ(test, -EINVAL, jetk_cat_system_rows(4096, 9, row, 1));
}

static struct kunit_case catalog_cases[] = {
	KUNIT_CASE_PARAM(catalog_system_rows_match_windows,
			 system_objid_gen_params),
	KUNIT_CASE(catalog_key_layout),
	KUNIT_CASE(catalog_rejects_bad_names),
	{}
};

static struct kunit_suite catalog_suite = {
	.name = "jetk_catalog",
	.test_cases = catalog_cases,
};

kunit_test_suite(catalog_suite);
