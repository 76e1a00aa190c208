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
	const __le32 *w = block;
	unsigned int n = len / 4, i, j;
	u32 col = 0, p = 0, q = 0, r = 0, s = 0, ecc;

	for (i = header_block ? 2 : 0; i < n; i++) {
		u32 v = le32_to_cpu(w[i]);

		col ^= v;
		if (hweight32(v) & 1) {
			p ^= i;
			q ^= ~i;
		}
	}
	for (j = 0; j < 32; j++) {
		if (col & BIT(j)) {
			r ^= j;
			s ^= ~j;
		}
	}
	ecc = ((q & (n - 1)) << 21) | ((s & 31) << 16) |
	      ((p & (n - 1)) << 5) | (r & 31);
	return ((u64)ecc << 32) | (col ^ pgno);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ecc_block);

static unsigned int jetk_csum_block_size(unsigned int page_size)
{
	if (page_size <= JETK_PG_SMALL_MAX)
		return page_size;
	return page_size <= 16384 ? 4096 : 8192;
}

/* Where block @b's checksum is stored. */
static void *jetk_csum_slot(void *page, unsigned int b)
{
	return (u8 *)page + (b ? 40 + 8 * (b - 1) : 0);
}

/**
 * jetk_page_seal() - compute and store a page's checksums (new format)
 * @page: the page; its flags should carry JETK_PG_NEW_CHECKSUM_FORMAT
 * @page_size: 4096, 8192, 16384 or 32768
 * @pgno: the page's number
 */
void jetk_page_seal(void *page, unsigned int page_size, u32 pgno)
{
	unsigned int cb = jetk_csum_block_size(page_size);
	unsigned int nb = page_size / cb, b;

	for (b = 1; b < nb; b++)
		put_unaligned_le64(jetk_ecc_block((u8 *)page + b * cb, cb, pgno,
						  false),
				   jetk_csum_slot(page, b));
	put_unaligned_le64(jetk_ecc_block(page, cb, pgno, true), page);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_seal);

/* Undo a single flipped data bit the checksums point at. */
static bool jetk_csum_correct(void *block, unsigned int len, u64 stored,
			      u64 computed, bool header_block)
{
	u32 xdiff = (u32)stored ^ (u32)computed;
	u32 ediff = (u32)(stored >> 32) ^ (u32)(computed >> 32);
	unsigned int n = len / 4, i, j;
	__le32 *w = block;

	if (hweight32(xdiff) != 1)
		return false;
	j = __ffs(xdiff);
	i = (ediff >> 5) & (n - 1);
	if ((ediff & 31) != j || ((ediff >> 16) & 31) != (~j & 31) ||
	    ((ediff >> 21) & (n - 1)) != (~i & (n - 1)))
		return false;
	if (header_block && i < 2)
		return false;
	w[i] ^= cpu_to_le32(BIT(j));
	return true;
}

static bool jetk_page_is_zero(const void *page, unsigned int page_size)
{
	return !memchr_inv(page, 0, page_size);
}

/* The old format (small pages without JETK_PG_NEW_CHECKSUM_FORMAT). */
static bool jetk_page_verify_old(const void *page, unsigned int page_size,
				 u32 pgno)
{
	return get_unaligned_le32(page) ==
	       jetk_header_checksum(page, page_size) &&
	       get_unaligned_le32((const u8 *)page + 4) == pgno;
}

/**
 * jetk_page_verify() - check a page just read, fixing a single-bit error
 * @page: the page (may be modified by a correction)
 * @page_size: 4096, 8192, 16384 or 32768
 * @pgno: the number it was read from
 *
 * Return: JETK_CSUM_OK, JETK_CSUM_CORRECTED (one bit per block at most
 * was wrong and is now right), JETK_CSUM_UNINIT (all zero) or
 * JETK_CSUM_BAD.
 */
enum jetk_csum_result jetk_page_verify(void *page, unsigned int page_size,
				       u32 pgno)
{
	const struct jetk_edb_pghdr *ph = page;
	unsigned int cb = jetk_csum_block_size(page_size);
	unsigned int nb = page_size / cb, b;
	bool corrected = false;

	if (jetk_page_is_zero(page, page_size))
		return JETK_CSUM_UNINIT;
	if (page_size <= JETK_PG_SMALL_MAX &&
	    !(le32_to_cpu(ph->flags) & JETK_PG_NEW_CHECKSUM_FORMAT))
		return jetk_page_verify_old(page, page_size, pgno) ?
		       JETK_CSUM_OK : JETK_CSUM_BAD;

	for (b = 0; b < nb; b++) {
		void *block = (u8 *)page + b * cb;
		u64 stored = get_unaligned_le64(jetk_csum_slot(page, b));
		u64 computed = jetk_ecc_block(block, cb, pgno, !b);

		if (stored == computed)
			continue;
		if (!jetk_csum_correct(block, cb, stored, computed, !b) ||
		    jetk_ecc_block(block, cb, pgno, !b) != stored)
			return JETK_CSUM_BAD;
		corrected = true;
	}
	return corrected ? JETK_CSUM_CORRECTED : JETK_CSUM_OK;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_verify);
