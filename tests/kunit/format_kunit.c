// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the on-disk structures of module/format.h read pages Windows'
 * ESE wrote (edb_vectors.h): the database header, page headers, tag
 * arrays and ESE's page-space identity, space headers and node layout on
 * small and large pages.  Sizes and offsets are pinned at compile time by
 * format.h's static asserts; this suite checks they mean what Windows
 * meant.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "compat.h"
#include "format.h"
#include "edb_vector_util.h"

/* Vectors that are header pages (headers) or database pages (!headers). */
static const void *fmt_gen(const void *prev, char *desc, bool headers)
{
	const struct edb_vector *v = prev, *end;

	end = edb_vectors + ARRAY_SIZE(edb_vectors);
	v = v ? v + 1 : edb_vectors;
	while (v < end && (v->pgno < 0) != headers)
		v++;
	if (v >= end)
		return NULL;
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
	return v;
}

static const void *fmt_header_gen(const void *prev, char *desc)
{
	return fmt_gen(prev, desc, true);
}

static const void *fmt_pages_gen(const void *prev, char *desc)
{
	return fmt_gen(prev, desc, false);
}

/* One decoded tag: the node's bytes and flags, as section 4.1 says. */
struct fmt_tag {
	unsigned int ib;
	unsigned int cb;
	unsigned int flags;
};

static struct fmt_tag fmt_tag(const u8 *page, unsigned int psz,
			      unsigned int itag)
{
	const struct jetk_edb_tag *t = (const void *)(page + psz -
						      4 * (itag + 1));
	unsigned int hdr = JETK_PG_HDR_SIZE(psz);
	u16 cb = le16_to_cpu(t->cb), ib = le16_to_cpu(t->ib);
	struct fmt_tag r;

	if (psz <= JETK_PG_SMALL_MAX) {
		r.cb = cb & JETK_TAG_SMALL_MASK;
		r.ib = ib & JETK_TAG_SMALL_MASK;
		r.flags = ib >> JETK_TAG_FLAGS_SHIFT;
	} else {
		r.cb = cb & JETK_TAG_LARGE_MASK;
		r.ib = ib & JETK_TAG_LARGE_MASK;
		r.flags = 0;
		if (itag && r.cb >= 2 && hdr + r.ib + 2 <= psz)
			r.flags = get_unaligned_le16(page + hdr + r.ib) >>
				  JETK_TAG_FLAGS_SHIFT;
	}
	return r;
}

static void format_header_decodes_windows(struct kunit *test)
{
	const struct edb_vector *v = test->param_value;
	const struct jetk_edb_header *h = (void *)edb_vector_page(test, v);
	const struct jetk_edb_logtime *t = &h->sign_db.created;

	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->magic), JETK_EDB_MAGIC);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->version), JETK_EDB_VERSION);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->attrib), 0U);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->page_size), v->page_size);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->dbstate),
			(u32)JETK_DBSTATE_CLEAN_SHUTDOWN);
	/* section 10: every sample was created as 0x620/0x14 by 6.2.9200 */
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->update_major), JETK_EDB_UPDATE);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->create_version), JETK_EDB_VERSION);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->create_update), JETK_EDB_UPDATE);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->os_major), 6U);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->os_minor), 2U);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(h->os_build), 9200U);
	KUNIT_EXPECT_NE(test, le32_to_cpu(h->objid_last), 0U);
	KUNIT_EXPECT_NE(test, le64_to_cpu(h->dbtime_dirtied), 0ULL);
	KUNIT_EXPECT_EQ(test, le64_to_cpu(h->sort_version),
			JETK_EDB_SORT_VERSION_LOCALES);
	KUNIT_EXPECT_EQ(test, h->filetype, JETK_EDB_FILETYPE_DATABASE);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(&h->filetype),
			(u32)JETK_EDB_FILETYPE_DATABASE);
	/* a plausible LOGTIME: the database's creation */
	KUNIT_EXPECT_GE(test, t->month, 1);
	KUNIT_EXPECT_LE(test, t->month, 12);
	KUNIT_EXPECT_GE(test, t->day, 1);
	KUNIT_EXPECT_LE(test, t->day, 31);
	KUNIT_EXPECT_LT(test, t->hour, 24);
	KUNIT_EXPECT_GE(test, t->year, 110);	/* 2010 or later */
	KUNIT_EXPECT_NE(test, le32_to_cpu(h->sign_db.random), 0U);
	/* Clean samples carry the log position of their last detach. */
	KUNIT_EXPECT_NE(test, le32_to_cpu(h->lgpos_consistent.generation), 0U);
}

/*
 * Bytes 668 and up are zero in Windows 8's files, so libesedb's XOR over
 * bytes 4..667 and ESE's over the whole page agree (section 2).
 */
static void format_header_tail_is_zero(struct kunit *test)
{
	const struct edb_vector *v = test->param_value;
	const u8 *p = edb_vector_page(test, v);
	u32 x = JETK_EDB_MAGIC;
	unsigned int i;

	KUNIT_EXPECT_NULL(test, memchr_inv(p + JETK_EDB_HDR_CHECKED, 0,
					   v->page_size -
					   JETK_EDB_HDR_CHECKED));
	for (i = 4; i < JETK_EDB_HDR_CHECKED; i += 4)
		x ^= get_unaligned_le32(p + i);
	KUNIT_EXPECT_EQ(test, x, get_unaligned_le32(p));
}

/* Page header fields, tags and ESE's page-space identity (section 3.2). */
static void format_page_decodes_windows(struct kunit *test)
{
	const struct edb_vector *v = test->param_value;
	const u8 *p = edb_vector_page(test, v);
	const struct jetk_edb_pghdr *ph = (const void *)p;
	unsigned int psz = v->page_size, hdr = JETK_PG_HDR_SIZE(psz);
	unsigned int data = psz - hdr, sum = 0, ntags, nres, i;
	u16 state = le16_to_cpu(ph->itag_state);
	u32 flags = le32_to_cpu(ph->flags);
	struct fmt_tag t;

	ntags = state & JETK_PG_ITAG_MASK;
	nres = (state & JETK_PG_RESERVED_TAGS_MASK) >>
	       JETK_PG_RESERVED_TAGS_SHIFT;
	KUNIT_EXPECT_EQ(test, nres, 0U);	/* revision 0x14: legacy */
	KUNIT_EXPECT_NE(test, le32_to_cpu(ph->objid), 0U);
	KUNIT_EXPECT_TRUE(test, flags & JETK_PG_NEW_RECORD_FORMAT);
	KUNIT_EXPECT_TRUE(test, flags & JETK_PG_NEW_CHECKSUM_FORMAT);
	KUNIT_EXPECT_FALSE(test, flags & (JETK_PG_REPAIR | JETK_PG_PRE_INIT |
					  JETK_PG_FDP_DELETE | JETK_PG_EMPTY));
	if (!(flags & JETK_PG_LEAF)) {	/* only leaves are linked */
		KUNIT_EXPECT_EQ(test, le32_to_cpu(ph->pgno_prev), 0U);
		KUNIT_EXPECT_EQ(test, le32_to_cpu(ph->pgno_next), 0U);
	}
	if (psz > JETK_PG_SMALL_MAX) {
		const struct jetk_edb_pghdr_large *pl = (const void *)p;

		KUNIT_EXPECT_EQ(test, le32_to_cpu(pl->x.pgno), (u32)v->pgno);
		KUNIT_EXPECT_NULL(test, memchr_inv(pl->x.reserved, 0,
						   sizeof(pl->x.reserved)));
	}

	KUNIT_ASSERT_GT(test, ntags, 0U);
	KUNIT_ASSERT_LT(test, ntags, data / 4);
	KUNIT_EXPECT_LE(test, le16_to_cpu(ph->cb_free), data);
	KUNIT_EXPECT_LE(test, le16_to_cpu(ph->cb_uncommitted_free),
			le16_to_cpu(ph->cb_free));
	KUNIT_EXPECT_LE(test, le16_to_cpu(ph->ib_mic_free), data);
	for (i = 0; i < ntags; i++) {
		t = fmt_tag(p, psz, i);
		sum += t.cb;
		KUNIT_EXPECT_LE(test, t.ib + t.cb,
				(unsigned int)le16_to_cpu(ph->ib_mic_free));
		if (i)
			KUNIT_EXPECT_GT(test, t.cb, 0U);
	}
	KUNIT_EXPECT_EQ(test, sum + le16_to_cpu(ph->cb_free) + 4 * ntags, data);
}

/* Tag 0 of an FDP root is its SPACE_HEADER (section 5.3). */
static void format_space_header_decodes_windows(struct kunit *test)
{
	static const struct {
		const char *name;
		u32 pgno_parent;
		u32 pgno_oe;
	} roots[] = {
		{ "basic_db_root", 0, JETK_PGNO_DB_OE },
		{ "large_db_root", 0, JETK_PGNO_DB_OE },
		{ "basic_catalog", JETK_PGNO_DB_ROOT, JETK_PGNO_CATALOG_OE },
		{ "large_catalog", JETK_PGNO_DB_ROOT, JETK_PGNO_CATALOG_OE },
	};
	const struct jetk_edb_space_header *sph;
	const struct edb_vector *v;
	unsigned int i, psz;
	struct fmt_tag t;
	const u8 *p;

	for (i = 0; i < ARRAY_SIZE(roots); i++) {
		v = edb_vector_named(test, roots[i].name);
		KUNIT_ASSERT_NOT_NULL(test, v);
		p = edb_vector_page(test, v);
		psz = v->page_size;
		KUNIT_EXPECT_TRUE(test, get_unaligned_le32(p + 36) &
				  JETK_PG_ROOT);
		t = fmt_tag(p, psz, 0);
		KUNIT_ASSERT_EQ(test, t.cb, (unsigned int)sizeof(*sph));
		sph = (const void *)(p + JETK_PG_HDR_SIZE(psz) + t.ib);
		KUNIT_EXPECT_EQ_MSG(test, le32_to_cpu(sph->pgno_parent),
				    roots[i].pgno_parent, "%s", roots[i].name);
		KUNIT_EXPECT_EQ_MSG(test, le32_to_cpu(sph->pgno_oe),
				    roots[i].pgno_oe, "%s", roots[i].name);
		KUNIT_EXPECT_TRUE(test, le32_to_cpu(sph->flags) &
				  JETK_SPH_MULTIPLE_EXTENT);
	}
}

/*
 * Nodes (section 4.2): each node's key fits its tag and is followed by
 * data; branch nodes carry a 4-byte child pgno; keys ascend.  On large
 * pages the flags sit in the node's first u16 and JETK_ND_KEY_MASK
 * strips them.
 */
static void format_nodes_decode_windows(struct kunit *test)
{
	const struct edb_vector *v = test->param_value;
	const u8 *p = edb_vector_page(test, v);
	unsigned int psz = v->page_size, hdr = JETK_PG_HDR_SIZE(psz);
	u32 flags = get_unaligned_le32(p + 36);
	unsigned int ntags = get_unaligned_le16(p + 34) & JETK_PG_ITAG_MASK;
	unsigned int i, o, cbp, cbs, prev_len = 0;
	const u8 *node, *prev = NULL;
	struct fmt_tag t;

	for (i = 1; i < ntags; i++) {
		t = fmt_tag(p, psz, i);
		node = p + hdr + t.ib;
		KUNIT_ASSERT_LE(test, hdr + t.ib + t.cb, psz);
		o = 0;
		cbp = 0;
		if (t.flags & JETK_ND_COMPRESSED) {
			cbp = get_unaligned_le16(node) & JETK_ND_KEY_MASK;
			o += JETK_ND_CB_SIZE;
			/* ESE never compresses keys in a root page */
			KUNIT_EXPECT_FALSE(test, flags & JETK_PG_ROOT);
		}
		cbs = get_unaligned_le16(node + o) & JETK_ND_KEY_MASK;
		o += JETK_ND_CB_SIZE;
		KUNIT_ASSERT_LT(test, o + cbs, t.cb);	/* data not empty */
		if (!(flags & JETK_PG_LEAF)) {
			KUNIT_EXPECT_EQ(test, t.cb - o - cbs,
					(unsigned int)JETK_ND_CHILD_SIZE);
			KUNIT_EXPECT_NE(test, get_unaligned_le32(node + o + cbs),
					0U);
		}
		/* Uncompressed keys of a page ascend (the others share tag 0). */
		if (!cbp && prev && !(t.flags & JETK_ND_DELETED) && cbs) {
			int c = memcmp(prev, node + o, min(prev_len, cbs));

			KUNIT_EXPECT_TRUE(test, c < 0 || (!c && prev_len < cbs));
		}
		if (!cbp && !(t.flags & JETK_ND_DELETED)) {
			prev = node + o;
			prev_len = cbs;
		}
	}
}

/* The catalog's leaf records start with a record header (section 7). */
static void format_catalog_record_header(struct kunit *test)
{
	static const char * const leaves[] = {
		"basic_catalog_leaf1", "basic_catalog_leaf2",
		"multi_catalog_leaf1", "multi_catalog_leaf2",
	};
	const struct jetk_edb_rec_header *rh;
	const struct edb_vector *v;
	unsigned int i, k, ntags, o, cbs, cb_rec;
	struct fmt_tag t;
	const u8 *p, *node;

	for (k = 0; k < ARRAY_SIZE(leaves); k++) {
		v = edb_vector_named(test, leaves[k]);
		KUNIT_ASSERT_NOT_NULL(test, v);
		p = edb_vector_page(test, v);
		KUNIT_EXPECT_EQ(test, get_unaligned_le32(p + 24),
				(u32)JETK_OBJID_CATALOG);
		ntags = get_unaligned_le16(p + 34) & JETK_PG_ITAG_MASK;
		for (i = 1; i < ntags; i++) {
			t = fmt_tag(p, v->page_size, i);
			node = p + JETK_PG_HDR_SMALL + t.ib;
			o = t.flags & JETK_ND_COMPRESSED ? JETK_ND_CB_SIZE : 0;
			cbs = get_unaligned_le16(node + o);
			o += JETK_ND_CB_SIZE + cbs;
			rh = (const void *)(node + o);
			cb_rec = t.cb - o;
			KUNIT_EXPECT_GE(test, rh->fid_fixed_last,
					JETK_CAT_FIXED_LAST_MIN);
			KUNIT_EXPECT_LE(test, rh->fid_fixed_last,
					JETK_CAT_FIXED_LAST_MAX);
			KUNIT_EXPECT_GE(test, rh->fid_var_last,
					JETK_FID_VAR_FIRST - 1);
			KUNIT_EXPECT_LE(test, le16_to_cpu(rh->ib_end_fixed),
					cb_rec);
			/* 4-byte header + fixed columns + null bitmap */
			KUNIT_EXPECT_GT(test, le16_to_cpu(rh->ib_end_fixed),
					(u16)(sizeof(*rh) + rh->fid_fixed_last));
		}
	}
}

/* The constants derived from the page size (sections 7 and 8). */
static void format_page_size_constants(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, JETK_PG_HDR_SIZE(4096), JETK_PG_HDR_SMALL);
	KUNIT_EXPECT_EQ(test, JETK_PG_HDR_SIZE(8192), JETK_PG_HDR_SMALL);
	KUNIT_EXPECT_EQ(test, JETK_PG_HDR_SIZE(16384), JETK_PG_HDR_LARGE);
	KUNIT_EXPECT_EQ(test, JETK_PG_HDR_SIZE(32768), JETK_PG_HDR_LARGE);
	KUNIT_EXPECT_EQ(test, jetk_edb_lv_chunk_max(4096), 4014U);
	KUNIT_EXPECT_EQ(test, jetk_edb_lv_chunk_max(8192), 8110U);
	KUNIT_EXPECT_EQ(test, jetk_edb_lv_chunk_max(16384), 16262U);
	KUNIT_EXPECT_EQ(test, jetk_edb_lv_chunk_max(32768), 32646U);
	KUNIT_EXPECT_EQ(test, jetk_edb_rec_max(4096), 3789U);
	KUNIT_EXPECT_EQ(test, jetk_edb_rec_max(8192), 7885U);
	KUNIT_EXPECT_EQ(test, jetk_edb_rec_max(16384), 16037U);
	KUNIT_EXPECT_EQ(test, jetk_edb_rec_max(32768), 32421U);
}

static struct kunit_case format_cases[] = {
	KUNIT_CASE_PARAM(format_header_decodes_windows, fmt_header_gen),
	KUNIT_CASE_PARAM(format_header_tail_is_zero, fmt_header_gen),
	KUNIT_CASE_PARAM(format_page_decodes_windows, fmt_pages_gen),
	KUNIT_CASE(format_space_header_decodes_windows),
	KUNIT_CASE_PARAM(format_nodes_decode_windows, fmt_pages_gen),
	KUNIT_CASE(format_catalog_record_header),
	KUNIT_CASE(format_page_size_constants),
	{}
};

static struct kunit_suite format_suite = {
	.name = "jetk_format",
	.test_cases = format_cases,
};

kunit_test_suite(format_suite);
