// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the JET_param table (module/param.c): ids, names, defaults, ranges.
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "jetk.h"

struct param_row {
	u32 id;
	const char *name;
	u64 def;
	const char *sdef;
};

/* ESE's ids and defaults (esent.h, ese-api.md 4.8). */
static const struct param_row param_rows[] = {
	{ 0, "SystemPath", 0, ".\\" },
	{ 1, "TempPath", 0, "tmp.edb" },
	{ 2, "LogFilePath", 0, ".\\" },
	{ 3, "BaseName", 0, "edb" },
	{ 5, "MaxSessions", 16 },
	{ 8, "MaxCursors", 1024 },
	{ 9, "MaxVerPages", 64 },
	{ 11, "LogFileSize", 5120 },
	{ 12, "LogBuffers", 126 },
	{ 17, "CircularLog", 0 },
	{ 18, "DbExtensionSize", 256 },
	{ 23, "CacheSizeMax", 2000000000 },
	{ 24, "CheckpointDepthMax", 20971520 },
	{ 34, "Recovery", 0, "on" },
	{ 35, "EnableOnlineDefrag", 0xffff },
	{ 60, "CacheSizeMin", 1 },
	{ 63, "PreferredVerPages", 58 },
	{ 64, "DatabasePageSize", 4096 },
	{ 104, "MaxInstances", 16 },
	{ 128, "VerPageSize", 32768 },
	{ 154, "CheckpointTooDeep", 65536 },
	{ 178, "MaxTransactionSize", 100 },
	{ 214, "UseFlushForWriteDurability", 1 },
};

static void param_row_desc(const struct param_row *r, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u %s", r->id, r->name);
}

KUNIT_ARRAY_PARAM(param_rows, param_rows, param_row_desc);

static void param_desc_matches_ese(struct kunit *test)
{
	const struct param_row *r = test->param_value;
	const struct jetk_param_desc *d = jetk_param_desc(r->id);
	struct jetk_params *p;

	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_EXPECT_STREQ(test, d->name, r->name);
	p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, jetk_params_init(p), 0);
	if (r->sdef)
		KUNIT_EXPECT_STREQ(test, p->str[r->id], r->sdef);
	else
		KUNIT_EXPECT_EQ(test, p->val[r->id], r->def);
	jetk_params_free(p);
}

struct check_row {
	const char *what;
	u32 id;
	u64 value;
	const char *str;
	int err;
};

static const struct check_row check_rows[] = {
	{ "MaxSessions max", 5, 30000, NULL, 0 },
	{ "MaxSessions above", 5, 30001, NULL, JETK_ERR_INVALID_PARAMETER },
	{ "PageSize 8K", 64, 8192, NULL, 0 },
	{ "PageSize 32K", 64, 32768, NULL, 0 },
	{ "PageSize 64K", 64, 65536, NULL, JETK_ERR_INVALID_PARAMETER },
	{ "PageSize 2K", 64, 2048, NULL, JETK_ERR_INVALID_PARAMETER },
	{ "PageSize odd", 64, 6000, NULL, JETK_ERR_INVALID_PARAMETER },
	{ "LogFileSize below", 11, 63, NULL, JETK_ERR_INVALID_PARAMETER },
	{ "LogFileSize min", 11, 64, NULL, 0 },
	{ "CheckpointDepthMax", 24, 16384, NULL, 0 },
	{ "CheckpointDepthMax huge", 24, 1ULL << 40, NULL,
	  JETK_ERR_INVALID_PARAMETER },
	{ "BaseName 3", 3, 0, "abc", 0 },
	{ "BaseName 2", 3, 0, "ab", JETK_ERR_INVALID_PARAMETER },
	{ "BaseName missing", 3, 0, NULL, JETK_ERR_INVALID_PARAMETER },
	{ "Recovery off", 34, 0, "off", 0 },
	{ "Recovery ON", 34, 0, "ON", 0 },
	{ "Recovery maybe", 34, 0, "maybe", JETK_ERR_INVALID_PARAMETER },
	{ "MaxColtyp read-only", 131, 19, NULL, JETK_ERR_INVALID_PARAMETER },
	{ "KeyMost read-only", 134, 0, NULL, JETK_ERR_INVALID_PARAMETER },
	{ "gap id 13", 13, 0, NULL, JETK_ERR_INVALID_PARAMETER },
	{ "MaxValueInvalid", 221, 0, NULL, JETK_ERR_INVALID_PARAMETER },
	{ "huge id", 100000, 0, NULL, JETK_ERR_INVALID_PARAMETER },
	{ "bool 7", 17, 7, NULL, 0 },
	{ "MaxInstances 0", 104, 0, NULL, JETK_ERR_INVALID_PARAMETER },
	{ "stored-only id", 66, 12345, NULL, 0 },
};

static void check_row_desc(const struct check_row *r, char *desc)
{
	strscpy(desc, r->what, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(check_rows, check_rows, check_row_desc);

static void param_check_range(struct kunit *test)
{
	const struct check_row *r = test->param_value;

	KUNIT_EXPECT_EQ(test, jetk_param_check(r->id, r->value, r->str,
					       r->str ? strlen(r->str) : 0),
			r->err);
}

static void param_store_then_equal(struct kunit *test)
{
	struct jetk_params *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, jetk_params_init(p), 0);
	KUNIT_EXPECT_TRUE(test, jetk_param_equal(p, 5, 16, NULL));
	KUNIT_EXPECT_EQ(test, jetk_param_store(p, 5, 64, NULL, 0), 0);
	KUNIT_EXPECT_EQ(test, p->val[5], 64ULL);
	KUNIT_EXPECT_FALSE(test, jetk_param_equal(p, 5, 16, NULL));
	/* Booleans are normalised: 7 is stored and compared as 1. */
	KUNIT_EXPECT_EQ(test, jetk_param_store(p, 17, 7, NULL, 0), 0);
	KUNIT_EXPECT_EQ(test, p->val[17], 1ULL);
	KUNIT_EXPECT_TRUE(test, jetk_param_equal(p, 17, 1, NULL));
	KUNIT_EXPECT_EQ(test, jetk_param_store(p, 2, 0, "/dev/ubdb", 9), 0);
	KUNIT_EXPECT_STREQ(test, p->str[2], "/dev/ubdb");
	KUNIT_EXPECT_TRUE(test, jetk_param_equal(p, 2, 0, "/dev/ubdb"));
	KUNIT_EXPECT_FALSE(test, jetk_param_equal(p, 2, 0, "/dev/ubdc"));
	jetk_params_free(p);
	KUNIT_EXPECT_NULL(test, p->str[2]);
}

static void param_table_flags_are_sane(struct kunit *test)
{
	const struct jetk_param_desc *d;
	u32 id, n = 0;

	for (id = 0; id < JETK_PARAM_COUNT; id++) {
		d = jetk_param_desc(id);
		if (!d)
			continue;
		n++;
		KUNIT_EXPECT_NOT_NULL(test, d->name);
		if (d->type != JETK_PT_STRING && d->type != JETK_PT_READONLY)
			KUNIT_EXPECT_TRUE_MSG(test, d->def >= d->min &&
					      d->def <= d->max, "%s", d->name);
		if (d->type == JETK_PT_STRING && d->sdef)
			KUNIT_EXPECT_LE_MSG(test, (u64)strlen(d->sdef), d->max,
					    "%s", d->name);
	}
	KUNIT_EXPECT_GE(test, n, 150U);
}

static struct kunit_case jetk_param_cases[] = {
	KUNIT_CASE_PARAM(param_desc_matches_ese, param_rows_gen_params),
	KUNIT_CASE_PARAM(param_check_range, check_rows_gen_params),
	KUNIT_CASE(param_store_then_equal),
	KUNIT_CASE(param_table_flags_are_sane),
	{}
};

static struct kunit_suite jetk_param_suite = {
	.name = "jetk_param",
	.test_cases = jetk_param_cases,
};

kunit_test_suite(jetk_param_suite);
