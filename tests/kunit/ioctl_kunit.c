// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the ioctl table's policy.  Every command's stop-gate flag must
 * match ESE's list of calls that keep working after JetStopService.
 */
#include <kunit/test.h>
#include <linux/ioctl.h>
#include <linux/string.h>

#include "jetk.h"

/* ESE 1.4: the calls still admitted after JetStopServiceInstance. */
static const char *const exempt_calls[] = {
	"JetRollback", "JetCloseTable", "JetEndSession", "JetCloseDatabase",
	"JetDetachDatabase", "JetResetSessionContext", "JetGetSessionInfo",
	"JetTerm", "JetSetSystemParameter", "JetGetSystemParameter",
	"JetStopServiceInstance", "(handshake)",
};

static bool is_exempt(const char *jet_name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(exempt_calls); i++)
		if (!strcmp(exempt_calls[i], jet_name))
			return true;
	return false;
}

static void ioctl_table_exempt_flags_match_ese(struct kunit *test)
{
	const struct jetk_ioctl_desc *d;
	unsigned int nr, seen = 0;

	for (nr = 0; nr < jetk_ioctl_count(); nr++) {
		d = jetk_ioctl_desc(nr);
		if (!d)
			continue;
		seen++;
		KUNIT_EXPECT_EQ_MSG(test,
				    !!(d->flags & JETK_IOCF_STOP_EXEMPT),
				    is_exempt(d->jet_name), "%s", d->jet_name);
	}
	KUNIT_EXPECT_GE(test, seen, 12U);
}

static void ioctl_table_numbers_and_sizes_are_consistent(struct kunit *test)
{
	const struct jetk_ioctl_desc *d;
	unsigned int nr;

	for (nr = 0; nr < jetk_ioctl_count(); nr++) {
		d = jetk_ioctl_desc(nr);
		if (!d)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, _IOC_NR(d->cmd), nr, "%s", d->jet_name);
		KUNIT_EXPECT_EQ(test, _IOC_TYPE(d->cmd), (unsigned int)JETK_IOC_MAGIC);
		KUNIT_EXPECT_EQ(test, _IOC_DIR(d->cmd),
				(unsigned int)(_IOC_READ | _IOC_WRITE));
		KUNIT_EXPECT_EQ_MSG(test, _IOC_SIZE(d->cmd) % 8, 0U, "%s",
				    d->jet_name);
		/* The dispatcher copies arguments into a 128-byte stack buffer. */
		KUNIT_EXPECT_LE(test, _IOC_SIZE(d->cmd), 128U);
		KUNIT_EXPECT_NOT_NULL(test, d->fn);
	}
}

static void ioctl_desc_unknown_numbers_are_null(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, jetk_ioctl_desc(jetk_ioctl_count()));
	KUNIT_EXPECT_NULL(test, jetk_ioctl_desc(0xff));
	KUNIT_EXPECT_NULL(test, jetk_ioctl_desc(~0U));
	KUNIT_EXPECT_NULL(test, jetk_ioctl_desc(0x0f));
	/* Only the handshake may run before the handshake. */
	KUNIT_EXPECT_TRUE(test, jetk_ioctl_desc(0)->flags & JETK_IOCF_PRE_API);
	KUNIT_EXPECT_FALSE(test, jetk_ioctl_desc(1)->flags & JETK_IOCF_PRE_API);
}

static struct kunit_case jetk_ioctl_cases[] = {
	KUNIT_CASE(ioctl_table_exempt_flags_match_ese),
	KUNIT_CASE(ioctl_table_numbers_and_sizes_are_consistent),
	KUNIT_CASE(ioctl_desc_unknown_numbers_are_null),
	{}
};

static struct kunit_suite jetk_ioctl_suite = {
	.name = "jetk_ioctl",
	.test_cases = jetk_ioctl_cases,
};

kunit_test_suite(jetk_ioctl_suite);
