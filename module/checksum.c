// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checksums of the .edb format (ref/ese-format.md 2, "Header checksum",
 * and 3.3).
 *
 * A page is checksummed in blocks: the whole page when it is small (4 or
 * 8 KiB), four blocks when it is large (4 KiB blocks of a 16 KiB page,
 * 8 KiB blocks of a 32 KiB page).  Each block's 64-bit checksum holds the
 * XOR of its dwords (seeded with the page number) and an ECC word: the
 * XOR of the indexes of the dwords of odd parity and of the bit positions
 * set in the XOR, with their complements.  A single flipped bit changes
 * the XOR in one bit j and the parity of one dword i, and the ECC then
 * names i and j: the flip can be undone.  Block 0 holds the stored
 * checksums of blocks 1-3, so it is verified first.
 */
#include <linux/bitops.h>
#include <linux/export.h>
#include <linux/string.h>
#include <asm/byteorder.h>

#include "checksum.h"
#include "compat.h"
#include "format.h"

/**
 * jetk_header_checksum() - the checksum a header page should carry
 * @hdr: the header page
 * @page_size: its size in bytes
 *
 * Return: 0x89ABCDEF XOR every little-endian dword but the first.
 */
u32 jetk_header_checksum(const void *hdr, unsigned int page_size)
{
	const __le32 *w = hdr;
	u32 x = JETK_EDB_MAGIC;
	unsigned int i;

	for (i = 1; i < page_size / 4; i++)
		x ^= le32_to_cpu(w[i]);
	return x;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_header_checksum);

/**
 * jetk_header_seal() - store a header page's checksum
 * @hdr: the header page
 * @page_size: its size in bytes
 */
void jetk_header_seal(void *hdr, unsigned int page_size)
{
	struct jetk_edb_header *h = hdr;

	h->checksum = cpu_to_le32(jetk_header_checksum(hdr, page_size));
}
EXPORT_SYMBOL_IF_KUNIT(jetk_header_seal);

/**
 * jetk_header_verify() - is this a database header with a good checksum?
 * @hdr: the header page
 * @page_size: its size in bytes
 *
 * Return: true when the magic and the checksum match.
 */
bool jetk_header_verify(const void *hdr, unsigned int page_size)
{
	const struct jetk_edb_header *h = hdr;

	return le32_to_cpu(h->magic) == JETK_EDB_MAGIC &&
	       le32_to_cpu(h->checksum) == jetk_header_checksum(hdr, page_size);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_header_verify);

/* Running XOR and parity sums of one block's dwords. */
struct jetk_ecc_acc {
	u32 col;	/* XOR of the dwords */
	u32 p;		/* XOR of the indexes of odd-parity dwords */
	u32 q;		/* XOR of their complements */
};

static void jetk_ecc_add(struct jetk_ecc_acc *a, u32 v, u32 i)
{
	a->col ^= v;
	if (hweight32(v) & 1) {
		a->p ^= i;
		a->q ^= ~i;
	}
}

static u64 jetk_ecc_final(const struct jetk_ecc_acc *a, unsigned int n,
			  u32 pgno)
{
	u32 r = 0, s = 0, ecc;
	unsigned int j;

	for (j = 0; j < 32; j++) {
		if (a->col & BIT(j)) {
			r ^= j;
			s ^= ~j;
		}
	}
	ecc = ((a->q & (n - 1)) << 21) | ((s & 31) << 16) |
	      ((a->p & (n - 1)) << 5) | (r & 31);
	return ((u64)ecc << 32) | (a->col ^ pgno);
}

/**
 * jetk_ecc_block() - the XOR+ECC checksum of one block
 * @block: the block
 * @len: its size: 4096 or 8192 (a power of two)
 * @pgno: the page number, mixed into the XOR
 * @header_block: block 0 of its page: skip the stored checksum
 *
 * Return: (ECC << 32) | (XOR ^ pgno).
 */
u64 jetk_ecc_block(const void *block, unsigned int len, u32 pgno,
		   bool header_block)
{
	struct jetk_ecc_acc a = {};
	const __le32 *w = block;
	unsigned int n = len / 4, i;

	for (i = header_block ? 2 : 0; i < n; i++)
		jetk_ecc_add(&a, le32_to_cpu(w[i]), i);
	return jetk_ecc_final(&a, n, pgno);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ecc_block);

static unsigned int jetk_csum_block_size(unsigned int page_size)
{
	if (page_size <= JETK_PG_SMALL_MAX)
		return page_size;
	return page_size <= 16384 ? 4096 : 8192;
}

/* Byte offset of block @b's stored checksum. */
static unsigned int jetk_csum_slot(unsigned int b)
{
	return b ? offsetof(struct jetk_edb_pghdr_large, x.block_checksum) +
		   JETK_PG_CSUM_SIZE * (b - 1) : 0;
}

/**
 * jetk_page_checksums() - the new-format checksums a page should carry
 * @page: the page (not modified)
 * @page_size: 4096, 8192, 16384 or 32768
 * @pgno: the page's number
 * @sums: out: JETK_PG_CSUM_BLOCKS entries; entry b is block b's checksum
 *
 * Block 0 is computed as if blocks 1-3 already carried the checksums
 * computed here, which is what jetk_page_seal() stores.
 *
 * Return: the number of blocks (1 for small pages).
 */
unsigned int jetk_page_checksums(const void *page, unsigned int page_size,
				 u32 pgno, u64 *sums)
{
	unsigned int cb = jetk_csum_block_size(page_size);
	unsigned int nb = page_size / cb, n = cb / 4, b, i, first, last;
	struct jetk_ecc_acc a = {};
	const __le32 *w = page;
	u32 v;

	for (b = 1; b < nb; b++)
		sums[b] = jetk_ecc_block((const u8 *)page + b * cb, cb, pgno,
					 false);
	/* Dwords of block 0 that hold the checksums of blocks 1..nb-1 */
	first = jetk_csum_slot(1) / 4;
	last = first + 2 * (nb - 1);
	for (i = 2; i < n; i++) {
		if (nb > 1 && i >= first && i < last) {
			b = 1 + (i - first) / 2;
			v = (i - first) & 1 ? sums[b] >> 32 : (u32)sums[b];
		} else {
			v = le32_to_cpu(w[i]);
		}
		jetk_ecc_add(&a, v, i);
	}
	sums[0] = jetk_ecc_final(&a, n, pgno);
	return nb;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_checksums);

/**
 * jetk_page_seal() - compute and store a page's checksums (new format)
 * @page: the page; its flags should carry JETK_PG_NEW_CHECKSUM_FORMAT
 * @page_size: 4096, 8192, 16384 or 32768
 * @pgno: the page's number
 */
void jetk_page_seal(void *page, unsigned int page_size, u32 pgno)
{
	u64 sums[JETK_PG_CSUM_BLOCKS];
	unsigned int nb, b;

	nb = jetk_page_checksums(page, page_size, pgno, sums);
	for (b = 0; b < nb; b++)
		put_unaligned_le64(sums[b], (u8 *)page + jetk_csum_slot(b));
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_seal);

/*
 * Find the single flipped data bit the checksums point at: the XOR
 * differs in bit *j alone and the ECC names *j and the dword *i (and
 * their complements).  A flip in the stored checksum itself is not
 * corrected: the data is what the checksum must vouch for.
 */
static bool jetk_csum_locate(unsigned int len, u64 stored, u64 computed,
			     bool header_block, unsigned int *i,
			     unsigned int *j)
{
	u32 xdiff = (u32)stored ^ (u32)computed;
	u32 ediff = (u32)(stored >> 32) ^ (u32)(computed >> 32);
	unsigned int n = len / 4;

	if (hweight32(xdiff) != 1)
		return false;
	*j = __ffs(xdiff);
	*i = (ediff >> 5) & (n - 1);
	if ((ediff & 31) != *j || ((ediff >> 16) & 31) != (~*j & 31) ||
	    ((ediff >> 21) & (n - 1)) != (~*i & (n - 1)))
		return false;
	return !(header_block && *i < 2);
}

static bool jetk_page_is_zero(const void *page, unsigned int page_size)
{
	return !memchr_inv(page, 0, page_size);
}

/**
 * jetk_page_csum_check() - check a page just read, fix a single-bit error
 * @page: the page (modified only by a correction)
 * @page_size: 4096, 8192, 16384 or 32768
 * @pgno: the number it was read from
 * @rep: out, may be NULL: which checksum failed, what was corrected
 *
 * Small pages without JETK_PG_NEW_CHECKSUM_FORMAT carry the old format
 * (XOR, then the page number) and are never corrected.  New-format
 * blocks are checked in order, block 0 first since it covers the stored
 * checksums of the others; each may have one flipped data bit undone.
 *
 * Return: JETK_CSUM_OK, JETK_CSUM_CORRECTED (at most one bit per block
 * was wrong and is now right), JETK_CSUM_UNINIT (all zero) or
 * JETK_CSUM_BAD (left as read from the first bad block on).
 */
enum jetk_csum_result jetk_page_csum_check(void *page,
					   unsigned int page_size, u32 pgno,
					   struct jetk_csum_report *rep)
{
	const struct jetk_edb_pghdr *ph = page;
	unsigned int cb = jetk_csum_block_size(page_size);
	unsigned int nb = page_size / cb, b, i, j;
	struct jetk_csum_report r = {
		.result = JETK_CSUM_OK, .block = -1, .offset = -1,
	};
	__le32 *w;

	if (jetk_page_is_zero(page, page_size)) {
		r.result = JETK_CSUM_UNINIT;
		goto out;
	}
	if (page_size <= JETK_PG_SMALL_MAX &&
	    !(le32_to_cpu(ph->flags) & JETK_PG_NEW_CHECKSUM_FORMAT)) {
		r.stored = get_unaligned_le64(page);
		r.computed = jetk_header_checksum(page, page_size) |
			     (u64)pgno << 32;
		if (r.stored != r.computed) {
			r.block = 0;
			r.result = JETK_CSUM_BAD;
		}
		goto out;
	}

	for (b = 0; b < nb; b++) {
		void *block = (u8 *)page + b * cb;
		u64 stored = get_unaligned_le64((u8 *)page + jetk_csum_slot(b));
		u64 computed = jetk_ecc_block(block, cb, pgno, !b);

		if (stored == computed)
			continue;
		if (r.block < 0) {
			r.block = b;
			r.stored = stored;
			r.computed = computed;
		}
		if (!jetk_csum_locate(cb, stored, computed, !b, &i, &j))
			goto bad;
		w = (__le32 *)block + i;
		*w ^= cpu_to_le32(BIT(j));
		if (jetk_ecc_block(block, cb, pgno, !b) != stored) {
			*w ^= cpu_to_le32(BIT(j));	/* cannot happen */
			goto bad;
		}
		if (!r.nr_corrected++) {
			r.offset = b * cb + i * 4 + j / 8;
			r.bit = j % 8;
		}
		r.result = JETK_CSUM_CORRECTED;
	}
	goto out;
bad:
	r.block = b;
	r.stored = get_unaligned_le64((u8 *)page + jetk_csum_slot(b));
	r.computed = jetk_ecc_block((u8 *)page + b * cb, cb, pgno, !b);
	r.result = JETK_CSUM_BAD;
out:
	if (rep)
		*rep = r;
	return r.result;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_csum_check);

/**
 * jetk_page_verify() - check a page just read, fixing a single-bit error
 * @page: the page (may be modified by a correction)
 * @page_size: 4096, 8192, 16384 or 32768
 * @pgno: the number it was read from
 *
 * jetk_page_csum_check() without the report.
 *
 * Return: JETK_CSUM_OK, JETK_CSUM_CORRECTED, JETK_CSUM_UNINIT or
 * JETK_CSUM_BAD.
 */
enum jetk_csum_result jetk_page_verify(void *page, unsigned int page_size,
				       u32 pgno)
{
	return jetk_page_csum_check(page, page_size, pgno, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_verify);
