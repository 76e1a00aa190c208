// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: .edb checksums (module/checksum.c) and the header layout
 * (module/format.h) against pages Windows' ESE wrote (edb_vectors.h, made
 * by gen-edb-vectors from the samples and checked there with an
 * independent implementation).
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "checksum.h"
#include "format.h"
#include "edb_vectors.h"

static u8 *vector_page(struct kunit *test, const struct edb_vector *v)
{
	u8 *page = kunit_kzalloc(test, v->page_size, GFP_KERNEL);
	unsigned int i = 0, o = 0, n;

	KUNIT_ASSERT_NOT_NULL(test, page);
	while (i < v->len) {
		if (v->data[i]) {
			KUNIT_ASSERT_LT(test, o, v->page_size);
			page[o++] = v->data[i++];
			continue;
		}
		n = v->data[i + 1] | (v->data[i + 2] << 8);
		KUNIT_ASSERT_LE(test, o + n, v->page_size);
		o += n;	/* already zero */
		i += 3;
	}
	KUNIT_ASSERT_EQ(test, o, v->page_size);
	return page;
}

static void vector_desc(const struct edb_vector *v, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", v->name);
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
	u8 *page = vector_page(test, v);
	u8 *copy = kunit_kmalloc(test, v->page_size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, page, v->page_size);
	if (v->pgno < 0) {
		KUNIT_EXPECT_TRUE(test, jetk_header_verify(page, v->page_size));
		jetk_header_seal(copy, v->page_size);
	} else {
		KUNIT_EXPECT_EQ(test, JETK_CSUM_OK,
				jetk_page_verify(page, v->page_size, v->pgno));
		memset(copy, 0xa5, 8);
		jetk_page_seal(copy, v->page_size, v->pgno);
	}
	KUNIT_EXPECT_EQ(test, 0, memcmp(copy, page, v->page_size));
}

/* A flipped bit anywhere in the data is found and undone. */
static void checksum_single_bit_flip_is_corrected(struct kunit *test)
{
	const struct edb_vector *v = test->param_value;
	u8 *page = vector_page(test, v);
	u8 *good = kunit_kmalloc(test, v->page_size, GFP_KERNEL);
	unsigned int k, off;

	KUNIT_ASSERT_NOT_NULL(test, good);
	memcpy(good, page, v->page_size);
	for (k = 0; k < 64; k++) {
		/* Skip the stored checksums themselves. */
		off = 8 + (k * 2654435761U) % (v->page_size - 8);
		if (v->page_size > JETK_PG_SMALL_MAX && off >= 40 && off < 64)
			continue;
		page[off] ^= BIT(k % 8);
		KUNIT_EXPECT_EQ(test, JETK_CSUM_CORRECTED,
				jetk_page_verify(page, v->page_size, v->pgno));
		KUNIT_EXPECT_EQ(test, 0, memcmp(page, good, v->page_size));
		memcpy(page, good, v->page_size);
	}
}

static void checksum_two_flips_are_bad(struct kunit *test)
{
	const struct edb_vector *v = &edb_vectors[2];	/* basic_catalog */
	u8 *page = vector_page(test, v);

	page[100] ^= 0x01;
	page[2000] ^= 0x10;
	KUNIT_EXPECT_EQ(test, JETK_CSUM_BAD,
			jetk_page_verify(page, v->page_size, v->pgno));
}

static void checksum_wrong_pgno_is_bad(struct kunit *test)
{
	const struct edb_vector *v = &edb_vectors[3];	/* basic_table_leaf */
	u8 *page = vector_page(test, v);

	/* A page read from the wrong place must not pass. */
	KUNIT_EXPECT_EQ(test, JETK_CSUM_BAD,
			jetk_page_verify(page, v->page_size, v->pgno + 1));
	KUNIT_EXPECT_EQ(test, JETK_CSUM_BAD,
			jetk_page_verify(page, v->page_size, v->pgno ^ 0x100));
}

static void checksum_flipped_checksum_is_bad(struct kunit *test)
{
	const struct edb_vector *v = &edb_vectors[1];	/* basic_db_root */
	u8 *page = vector_page(test, v);

	page[6] ^= 0x04;
	KUNIT_EXPECT_EQ(test, JETK_CSUM_BAD,
			jetk_page_verify(page, v->page_size, v->pgno));
}

static void checksum_zero_page_is_uninit(struct kunit *test)
{
	u8 *page = kunit_kzalloc(test, 8192, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_EQ(test, JETK_CSUM_UNINIT, jetk_page_verify(page, 8192, 7));
	/* An all-zero non-header block checksums to its page number. */
	KUNIT_EXPECT_EQ(test, 7ULL, jetk_ecc_block(page, 4096, 7, false));
}

static const unsigned int seal_sizes[] = { 4096, 8192, 16384, 32768 };

static void seal_desc(const unsigned int *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%u bytes", *p);
}

KUNIT_ARRAY_PARAM(seal_size, seal_sizes, seal_desc);

/* Every page size: seal, verify, damage, correct. */
static void checksum_seal_then_verify(struct kunit *test)
{
	unsigned int psz = *(const unsigned int *)test->param_value;
	u8 *page = kunit_kzalloc(test, psz, GFP_KERNEL);
	struct jetk_edb_pghdr *ph = (void *)page;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, page);
	for (i = 80; i < psz; i++)
		page[i] = (u8)(i * 13 + 5);
	ph->flags = cpu_to_le32(JETK_PG_NEW_CHECKSUM_FORMAT |
				JETK_PG_NEW_RECORD_FORMAT | JETK_PG_LEAF);
	jetk_page_seal(page, psz, 1234);
	KUNIT_EXPECT_EQ(test, JETK_CSUM_OK, jetk_page_verify(page, psz, 1234));
	page[psz - 1] ^= 0x80;
	KUNIT_EXPECT_EQ(test, JETK_CSUM_CORRECTED,
			jetk_page_verify(page, psz, 1234));
	KUNIT_EXPECT_EQ(test, page[psz - 1], (u8)((psz - 1) * 13 + 5));
	page[psz / 2] ^= 0x01;
	page[psz / 2 + 8] ^= 0x01;
	KUNIT_EXPECT_EQ(test, JETK_CSUM_BAD, jetk_page_verify(page, psz, 1234));
}

/* The header fields sit where Windows put them. */
static void format_windows_header_fields(struct kunit *test)
{
	const struct edb_vector *v = &edb_vectors[0];	/* basic_header */
	struct jetk_edb_header *h = (void *)vector_page(test, v);

	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->magic), JETK_EDB_MAGIC);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->version), JETK_EDB_VERSION);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->page_size), 4096U);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->dbstate),
			(u32)JETK_DBSTATE_CLEAN_SHUTDOWN);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->update_major), JETK_EDB_UPDATE);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->os_major), 6U);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->os_build), 9200U);
	KUNIT_EXPECT_NE(test, le32_to_cpu(h->objid_last), 0U);
	KUNIT_EXPECT_NE(test, le64_to_cpu(h->dbtime_dirtied), 0ULL);
	KUNIT_EXPECT_EQ(test, h->filetype, JETK_EDB_FILETYPE_DATABASE);
	h = (void *)vector_page(test, &edb_vectors[4]);	/* large_header */
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->page_size), 32768U);
}

/* Page headers decode: flags, objid, and a large page's own pgno. */
static void format_windows_page_headers(struct kunit *test)
{
	struct jetk_edb_pghdr *ph;
	struct jetk_edb_pghdr2 *ph2;
	u8 *p;

	p = vector_page(test, &edb_vectors[2]);		/* basic catalog */
	ph = (void *)p;
	KUNIT_EXPECT_EQ(test, le32_to_cpu(ph->objid), (u32)JETK_OBJID_CATALOG);
	KUNIT_EXPECT_TRUE(test, le32_to_cpu(ph->flags) & JETK_PG_ROOT);
	KUNIT_EXPECT_TRUE(test, le32_to_cpu(ph->flags) &
			  JETK_PG_NEW_CHECKSUM_FORMAT);
	/* cbFree + tags + data == the data area (ESE's page invariant) */
	KUNIT_EXPECT_LE(test, le16_to_cpu(ph->ib_mic_free),
			4096 - JETK_PG_HDR_SMALL);
	p = vector_page(test, &edb_vectors[6]);		/* large catalog */
	ph = (void *)p;
	ph2 = (void *)(p + sizeof(*ph));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(ph2->pgno), (u32)JETK_PGNO_CATALOG);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(ph->objid), (u32)JETK_OBJID_CATALOG);
}

static struct kunit_case checksum_cases[] = {
	KUNIT_CASE_PARAM(checksum_windows_page_verifies,
			 edb_vector_gen_params),
	KUNIT_CASE_PARAM(checksum_single_bit_flip_is_corrected,
			 edb_page_gen_params),
	KUNIT_CASE(checksum_two_flips_are_bad),
	KUNIT_CASE(checksum_wrong_pgno_is_bad),
	KUNIT_CASE(checksum_flipped_checksum_is_bad),
	KUNIT_CASE(checksum_zero_page_is_uninit),
	KUNIT_CASE_PARAM(checksum_seal_then_verify, seal_size_gen_params),
	KUNIT_CASE(format_windows_header_fields),
	KUNIT_CASE(format_windows_page_headers),
	{}
};

static struct kunit_suite checksum_suite = {
	.name = "jetk_checksum",
	.test_cases = checksum_cases,
};

kunit_test_suite(checksum_suite);
