/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Checksums of the .edb format (ref/ese-format.md 2 and 3.3): the XOR of
 * the database header and the XOR+ECC checksums of pages, with ECC
 * correction of a single flipped bit.
 */
#ifndef _JETK_CHECKSUM_H
#define _JETK_CHECKSUM_H

#include <linux/types.h>

/* What jetk_page_verify() found. */
enum jetk_csum_result {
	JETK_CSUM_OK,		/* every checksum matches */
	JETK_CSUM_CORRECTED,	/* a single-bit error was found and fixed */
	JETK_CSUM_BAD,		/* mismatch: the page cannot be trusted */
	JETK_CSUM_UNINIT,	/* an all-zero page (never written) */
};

u32 jetk_header_checksum(const void *hdr, unsigned int page_size);
void jetk_header_seal(void *hdr, unsigned int page_size);
bool jetk_header_verify(const void *hdr, unsigned int page_size);

/**
 * struct jetk_csum_report - what jetk_page_csum_check() found, for messages
 * @result: as jetk_page_verify() returns
 * @block: the block whose checksum failed (JETK_CSUM_BAD) or the first
 *	one corrected (JETK_CSUM_CORRECTED); 0 is the header block and a
 *	small page's only one; -1 if none
 * @offset: byte offset in the page of the corrected bit, -1 if none
 * @bit: bit (0-7) of that byte
 * @nr_corrected: blocks corrected
 * @stored: the stored checksum of @block
 * @computed: the checksum computed over @block (before correction)
 */
struct jetk_csum_report {
	enum jetk_csum_result result;
	int block;
	int offset;
	unsigned int bit;
	unsigned int nr_corrected;
	u64 stored;
	u64 computed;
};

u64 jetk_ecc_block(const void *block, unsigned int len, u32 pgno,
		   bool header_block);
unsigned int jetk_page_checksums(const void *page, unsigned int page_size,
				 u32 pgno, u64 *sums);
void jetk_page_seal(void *page, unsigned int page_size, u32 pgno);
enum jetk_csum_result jetk_page_csum_check(void *page,
					   unsigned int page_size, u32 pgno,
					   struct jetk_csum_report *rep);
enum jetk_csum_result jetk_page_verify(void *page, unsigned int page_size,
				       u32 pgno);

#endif /* _JETK_CHECKSUM_H */
