/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ESE key normalisation (ref/ese-format.md 5.2): column values become
 * byte strings whose memcmp() order is the index order.  Pure functions.
 */
#ifndef _JETK_KEY_H
#define _JETK_KEY_H

#include <linux/types.h>

/* Longest key ESE supports on any page size (JET_cbKeyMostMost). */
#define JETK_KEY_MOST_MOST	2000

/* Segment options */
#define JETK_KEYSEG_DESCENDING		0x1	/* invert the segment's bytes */
#define JETK_KEYSEG_NULLS_HIGH		0x2	/* NULL sorts after values */
#define JETK_KEYSEG_FIXED		0x4	/* a fixed column: binary raw */

/**
 * struct jetk_key - a key being built, segment by segment
 * @len: bytes used
 * @max: the index's key limit (255 unless JET_bitIndexKeyMost)
 * @truncated: a segment did not fit and was cut at @max
 * @buf: the bytes
 */
struct jetk_key {
	unsigned int len;
	unsigned int max;
	bool truncated;
	u8 buf[JETK_KEY_MOST_MOST];
};

void jetk_key_init(struct jetk_key *k, unsigned int max);
int __must_check jetk_key_add(struct jetk_key *k, u32 coltyp, u32 cp,
			      const void *val, unsigned int len,
			      unsigned int opts);
int __must_check jetk_key_add_null(struct jetk_key *k, unsigned int opts);
int jetk_key_normalize_column(u32 coltyp, u32 cp, unsigned int opts,
			      const void *val, unsigned int len, u8 *out,
			      unsigned int outmax);
int jetk_key_cmp(const u8 *a, unsigned int alen, const u8 *b,
		 unsigned int blen);

#endif /* _JETK_KEY_H */
