// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: .edb checksums (module/checksum.c) against pages Windows' ESE
 * wrote (edb_vectors.h, made by gen-edb-vectors from the samples and
 * checked there with the prototype's implementation): verification,
 * sealing, the report of which block failed, and ECC correction of one
 * flipped bit per block, on 4 and 32 KiB Windows pages and on synthetic
 * 4, 8, 16 and 32 KiB pages.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "checksum.h"
#include "compat.h"
#include "format.h"
#include "edb_vector_util.h"

static void vector_desc(const struct edb_vector *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(edb_vector, edb_vectors, vector_desc);

/* The vectors that are database pages (not headers). */
static const void *edb_page_gen_params(const void *prev, char *desc)
{
	const struct edb_vector *v = prev, *end;

	end = edb_vectors + ARRAY_SIZE(edb_vectors);
	v = v ? v + 1 : edb_vectors;
	while (v < end && v->pgno < 0)
		v++;
	if (v >= end)
		return NULL;
	vector_desc(v, desc);
	return v;
}

/* Windows' checksums verify; our seal reproduces them bit for bit. */
static void checksum_windows_page_verifies(struct kunit *test)
{
	const struct edb_vector *v = test->param_value;
	u8 *page = edb_vector_page(test, v);
	u8 *copy = kunit_kmalloc(test, v->page_size, GFP_KERNEL);
	struct jetk_csum_report rep;
	u64 sums[JETK_PG_CSUM_BLOCKS];
	unsigned int nb, b;

	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, page, v->page_size);
	if (v->pgno < 0) {
		KUNIT_EXPECT_TRUE(test, jetk_header_verify(page, v->page_size));
		KUNIT_EXPECT_EQ(test, jetk_header_checksum(page, v->page_size),
				get_unaligned_le32(page));
		memset(copy, 0xa5, 4);
		jetk_header_seal(copy, v->page_size);
	} else {
		KUNIT_EXPECT_EQ(test, JETK_CSUM_OK,
				jetk_page_csum_check(page, v->page_size,
						     v->pgno, &rep));
		KUNIT_EXPECT_EQ(test, rep.block, -1);
		KUNIT_EXPECT_EQ(test, rep.offset, -1);
		nb = jetk_page_checksums(page, v->page_size, v->pgno, sums);
		KUNIT_EXPECT_EQ(test, nb, v->page_size > JETK_PG_SMALL_MAX ?
					  JETK_PG_CSUM_BLOCKS : 1U);
		KUNIT_EXPECT_EQ(test, sums[0], get_unaligned_le64(page));
		for (b = 1; b < nb; b++)
			KUNIT_EXPECT_EQ(test, sums[b],
					get_unaligned_le64(page + 40 +
							   8 * (b - 1)));
		/* Wipe every stored checksum: the seal must rebuild them. */
		memset(copy, 0xa5, 8);
		if (nb > 1)
			memset(copy + 40, 0x5a, 24);
		jetk_page_seal(copy, v->page_size, v->pgno);
	}
	KUNIT_EXPECT_EQ(test, 0, memcmp(copy, page, v->page_size));
}

/* Offsets of a page to flip a bit at: edges, checksum slots, spread. */
static unsigned int flip_offset(unsigned int k, unsigned int psz)
{
	static const unsigned int fixed[] = {
		8, 9, 15, 16, 39, 40, 47, 48, 55, 56, 63, 64, 79, 80,
		4095, 4096, 8191, 8192, 12288, 16383, 16384, 24576, 32767,
	};

	if (k < ARRAY_SIZE(fixed))
		return fixed[k] < psz ? fixed[k] : psz - 1 - k;
	return 8 + (k * 2654435761U) % (psz - 8);
}

/*
 * A flipped bit anywhere but in a block's own stored checksum is found,
 * reported and undone; large pages' slots for blocks 1-3 are data of
 * block 0 and are corrected like any other byte.
 */
static void checksum_single_bit_flip_is_corrected(struct kunit *test)
{
	const struct edb_vector *v = test->param_value;
	u8 *page = edb_vector_page(test, v);
	u8 *good = kunit_kmalloc(test, v->page_size, GFP_KERNEL);
	struct jetk_csum_report rep;
	unsigned int k, off, bit, cb;

	KUNIT_ASSERT_NOT_NULL(test, good);
	memcpy(good, page, v->page_size);
	cb = v->page_size <= JETK_PG_SMALL_MAX ? v->page_size :
	     v->page_size / JETK_PG_CSUM_BLOCKS;
	for (k = 0; k < 96; k++) {
		off = flip_offset(k, v->page_size);
		bit = (k * 3) % 8;
		page[off] ^= BIT(bit);
		KUNIT_EXPECT_EQ_MSG(test, JETK_CSUM_CORRECTED,
				    jetk_page_csum_check(page, v->page_size,
							 v->pgno, &rep),
				    "flip at %u bit %u", off, bit);
		KUNIT_EXPECT_EQ(test, rep.offset, (int)off);
		KUNIT_EXPECT_EQ(test, rep.bit, bit);
		KUNIT_EXPECT_EQ(test, rep.block, (int)(off / cb));
		KUNIT_EXPECT_EQ(test, rep.nr_corrected, 1U);
		KUNIT_EXPECT_EQ(test, 0, memcmp(page, good, v->page_size));
		memcpy(page, good, v->page_size);
	}
}

/* One flip in each of a large page's four blocks: four corrections. */
static void checksum_flip_per_block_is_corrected(struct kunit *test)
{
	const struct edb_vector *v = edb_vector_named(test, "large_catalog");
	u8 *page, *good;
	struct jetk_csum_report rep;
	unsigned int b, cb;

	KUNIT_ASSERT_NOT_NULL(test, v);
	page = edb_vector_page(test, v);
	good = kunit_kmalloc(test, v->page_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, good);
	memcpy(good, page, v->page_size);
	cb = v->page_size / JETK_PG_CSUM_BLOCKS;
	for (b = 0; b < JETK_PG_CSUM_BLOCKS; b++)
		page[b * cb + 100 + b] ^= BIT(b);
	KUNIT_EXPECT_EQ(test, JETK_CSUM_CORRECTED,
			jetk_page_csum_check(page, v->page_size, v->pgno,
					     &rep));
	KUNIT_EXPECT_EQ(test, rep.nr_corrected, JETK_PG_CSUM_BLOCKS);
	KUNIT_EXPECT_EQ(test, rep.block, 0);
	KUNIT_EXPECT_EQ(test, rep.offset, 100);
	KUNIT_EXPECT_EQ(test, 0, memcmp(page, good, v->page_size));
}

/* Two flips in one block cannot be corrected; the report names it. */
static void checksum_two_flips_are_bad(struct kunit *test)
{
	static const struct {
		const char *name;
		unsigned int off1, off2;
		int block;
	} cases[] = {
		{ "basic_catalog", 100, 2000, 0 },
		{ "basic_table_leaf", 4000, 4001, 0 },
		{ "large_catalog", 8192 * 2 + 10, 8192 * 2 + 5000, 2 },
		{ "large_catalog", 8192 * 3 + 7, 8192 * 3 + 7 + 4, 3 },
		/* block 3's stored checksum lies in block 0 */
		{ "large_catalog", 56, 60, 0 },
	};
	struct jetk_csum_report rep;
	const struct edb_vector *v;
	unsigned int i;
	u8 *page;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		v = edb_vector_named(test, cases[i].name);
		KUNIT_ASSERT_NOT_NULL(test, v);
		page = edb_vector_page(test, v);
		page[cases[i].off1] ^= 0x01;
		page[cases[i].off2] ^= 0x10;
		KUNIT_EXPECT_EQ_MSG(test, JETK_CSUM_BAD,
				    jetk_page_csum_check(page, v->page_size,
							 v->pgno, &rep),
				    "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, rep.block, cases[i].block,
				    "case %u", i);
		KUNIT_EXPECT_NE(test, rep.stored, rep.computed);
		KUNIT_EXPECT_EQ(test, JETK_CSUM_BAD,
				jetk_page_verify(page, v->page_size, v->pgno));
	}
}

/* The page number is part of the checksum: a misplaced page fails. */
static void checksum_wrong_pgno_is_bad(struct kunit *test)
{
	static const char * const names[] = {
		"basic_table_leaf", "basic_db_root", "large_catalog",
	};
	static const u32 delta[] = { 1, 2, 0x100, 0x80000000 };
	const struct edb_vector *v;
	unsigned int i, d;
	u8 *page;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		v = edb_vector_named(test, names[i]);
		KUNIT_ASSERT_NOT_NULL(test, v);
		page = edb_vector_page(test, v);
		for (d = 0; d < ARRAY_SIZE(delta); d++)
			KUNIT_EXPECT_EQ_MSG(test, JETK_CSUM_BAD,
					    jetk_page_verify(page, v->page_size,
							     v->pgno ^ delta[d]),
					    "%s as %u", names[i],
					    v->pgno ^ delta[d]);
	}
}

/* A bit flipped in the stored checksum itself is not "corrected". */
static void checksum_flipped_checksum_is_bad(struct kunit *test)
{
	const struct edb_vector *v = edb_vector_named(test, "basic_db_root");
	struct jetk_csum_report rep;
	unsigned int off;
	u8 *page;

	KUNIT_ASSERT_NOT_NULL(test, v);
	for (off = 0; off < 8; off++) {
		page = edb_vector_page(test, v);
		page[off] ^= 0x04;
		KUNIT_EXPECT_EQ(test, JETK_CSUM_BAD,
				jetk_page_csum_check(page, v->page_size,
						     v->pgno, &rep));
		KUNIT_EXPECT_EQ(test, rep.block, 0);
	}
}

static void checksum_zero_page_is_uninit(struct kunit *test)
{
	u8 *page = kunit_kzalloc(test, 8192, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_EQ(test, JETK_CSUM_UNINIT, jetk_page_verify(page, 8192, 7));
	/* An all-zero non-header block checksums to its page number. */
	KUNIT_EXPECT_EQ(test, 7ULL, jetk_ecc_block(page, 4096, 7, false));
}

/* Old-format pages (flag 0x2000 clear): XOR, then the page number. */
static void checksum_old_format_verifies(struct kunit *test)
{
	const struct edb_vector *v = edb_vector_named(test, "basic_table_leaf");
	struct jetk_edb_pghdr *ph;
	struct jetk_csum_report rep;
	u8 *page;

	KUNIT_ASSERT_NOT_NULL(test, v);
	page = edb_vector_page(test, v);
	ph = (void *)page;
	ph->flags &= ~cpu_to_le32(JETK_PG_NEW_CHECKSUM_FORMAT);
	put_unaligned_le32(v->pgno, page + 4);
	put_unaligned_le32(jetk_header_checksum(page, v->page_size), page);
	KUNIT_EXPECT_EQ(test, JETK_CSUM_OK,
			jetk_page_verify(page, v->page_size, v->pgno));
	KUNIT_EXPECT_EQ(test, JETK_CSUM_BAD,
			jetk_page_verify(page, v->page_size, v->pgno + 1));
	/* no ECC in the old format: a flip is only detected */
	page[1000] ^= 0x20;
	KUNIT_EXPECT_EQ(test, JETK_CSUM_BAD,
			jetk_page_csum_check(page, v->page_size, v->pgno,
					     &rep));
	KUNIT_EXPECT_EQ(test, rep.block, 0);
	KUNIT_EXPECT_EQ(test, rep.offset, -1);
}

/* Header pages: a flip anywhere is detected, a seal makes it good. */
static void checksum_header_flip_is_detected(struct kunit *test)
{
	static const char * const names[] = { "basic_header", "large_header" };
	const struct edb_vector *v;
	unsigned int i, k, off;
	u8 *page;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		v = edb_vector_named(test, names[i]);
		KUNIT_ASSERT_NOT_NULL(test, v);
		page = edb_vector_page(test, v);
		for (k = 0; k < 16; k++) {
			off = 4 + (k * 2654435761U) % (v->page_size - 4);
			page[off] ^= BIT(k % 8);
			KUNIT_EXPECT_FALSE(test,
					   jetk_header_verify(page,
							      v->page_size));
			page[off] ^= BIT(k % 8);
		}
		KUNIT_EXPECT_TRUE(test, jetk_header_verify(page, v->page_size));
		page[JETK_EDB_HDR_SIZE + 1] = 0x42;
		jetk_header_seal(page, v->page_size);
		KUNIT_EXPECT_TRUE(test, jetk_header_verify(page, v->page_size));
		page[0]++;
		KUNIT_EXPECT_FALSE(test, jetk_header_verify(page, v->page_size));
	}
}

static const unsigned int seal_sizes[] = { 4096, 8192, 16384, 32768 };

static void seal_desc(const unsigned int *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u bytes", *p);
}

KUNIT_ARRAY_PARAM(seal_size, seal_sizes, seal_desc);

/* Every page size: seal, verify, damage, correct, move. */
static void checksum_seal_then_verify(struct kunit *test)
{
	unsigned int psz = *(const unsigned int *)test->param_value;
	u8 *page = kunit_kzalloc(test, psz, GFP_KERNEL);
	struct jetk_edb_pghdr *ph = (void *)page;
	struct jetk_csum_report rep;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, page);
	for (i = 80; i < psz; i++)
		page[i] = (u8)(i * 13 + 5);
	ph->flags = cpu_to_le32(JETK_PG_NEW_CHECKSUM_FORMAT |
				JETK_PG_NEW_RECORD_FORMAT | JETK_PG_LEAF);
	jetk_page_seal(page, psz, 1234);
	KUNIT_EXPECT_EQ(test, JETK_CSUM_OK, jetk_page_verify(page, psz, 1234));
	KUNIT_EXPECT_EQ(test, JETK_CSUM_BAD, jetk_page_verify(page, psz, 1235));
	page[psz - 1] ^= 0x80;
	KUNIT_EXPECT_EQ(test, JETK_CSUM_CORRECTED,
			jetk_page_csum_check(page, psz, 1234, &rep));
	KUNIT_EXPECT_EQ(test, rep.offset, (int)psz - 1);
	KUNIT_EXPECT_EQ(test, rep.bit, 7U);
	KUNIT_EXPECT_EQ(test, page[psz - 1], (u8)((psz - 1) * 13 + 5));
	page[psz / 2] ^= 0x01;
	page[psz / 2 + 8] ^= 0x01;
	KUNIT_EXPECT_EQ(test, JETK_CSUM_BAD, jetk_page_verify(page, psz, 1234));
	/* resealed under another number, it belongs there only */
	jetk_page_seal(page, psz, 77);
	KUNIT_EXPECT_EQ(test, JETK_CSUM_OK, jetk_page_verify(page, psz, 77));
	KUNIT_EXPECT_EQ(test, JETK_CSUM_BAD, jetk_page_verify(page, psz, 1234));
}

static struct kunit_case checksum_cases[] = {
	KUNIT_CASE_PARAM(checksum_windows_page_verifies,
			 edb_vector_gen_params),
	KUNIT_CASE_PARAM(checksum_single_bit_flip_is_corrected,
			 edb_page_gen_params),
	KUNIT_CASE(checksum_flip_per_block_is_corrected),
	KUNIT_CASE(checksum_two_flips_are_bad),
	KUNIT_CASE(checksum_wrong_pgno_is_bad),
	KUNIT_CASE(checksum_flipped_checksum_is_bad),
	KUNIT_CASE(checksum_zero_page_is_uninit),
	KUNIT_CASE(checksum_old_format_verifies),
	KUNIT_CASE(checksum_header_flip_is_detected),
	KUNIT_CASE_PARAM(checksum_seal_then_verify, seal_size_gen_params),
	{}
};

static struct kunit_suite checksum_suite = {
	.name = "jetk_checksum",
	.test_cases = checksum_cases,
};

kunit_test_suite(checksum_suite);
