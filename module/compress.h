/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Values ESE stored compressed (ref/ese-format.md 7.3): the first byte
 * names the scheme (scheme << 3 | detail): 7-bit ASCII (1), 7-bit UTF-16
 * (2), and Xpress (3: a 16-bit size, then an MS-XCA plain LZ77 stream).
 * jetk reads them; it never writes compressed values.  Pure functions
 * over untrusted bytes: every length is checked.
 */
#ifndef _JETK_COMPRESS_H
#define _JETK_COMPRESS_H

#include <linux/types.h>

#define JETK_COMP_7BIT_ASCII	1
#define JETK_COMP_7BIT_UNICODE	2
#define JETK_COMP_XPRESS	3

int jetk_decompressed_size(const u8 *in, unsigned int len, u32 *size);
int jetk_decompress(const u8 *in, unsigned int len, u8 *out,
		    unsigned int size);

#endif /* _JETK_COMPRESS_H */
