// SPDX-License-Identifier: GPL-2.0-only
/*
 * Decompression of the values ESE compressed (see compress.h).
 *
 * 7-bit: after the header byte, 7-bit values packed from the least
 * significant bit up; the header's low three bits say how many bits of
 * the last byte are used, minus one.  Each value is a character: a byte
 * (ASCII) or a little-endian 16-bit unit (UTF-16).
 *
 * Xpress: after the header byte, the uncompressed size (16-bit LE), then
 * the plain LZ77 format of [MS-XCA] 2.3/2.4: 32-bit flag words, each bit
 * (most significant first) a literal byte (0) or a match (1) of a 16-bit
 * offset/length pair, lengths 7 and over continued in a shared nibble,
 * a byte, then 16 or 32 bits.
 */
#include <linux/errno.h>
#include <linux/kernel.h>

#include "compat.h"
#include "compress.h"

/* Characters a 7-bit stream of @len bytes (header included) holds. */
static int jetk_7bit_count(const u8 *in, unsigned int len, u32 *count)
{
	unsigned int used = (in[0] & 7) + 1;

	if (len < 2)
		return -EUCLEAN;
	*count = (u32)(((u64)(len - 2) * 8 + used) / 7);
	return 0;
}

/**
 * jetk_decompressed_size() - how long a compressed value is, uncompressed
 * @in: the value as stored (header byte first)
 * @len: its length
 * @size: out: the bytes jetk_decompress() will produce
 *
 * Return: 0, -EOPNOTSUPP for a scheme jetk does not read (Xpress9,
 * Xpress10, LZ4), -EUCLEAN for a value too short for its scheme.
 */
int jetk_decompressed_size(const u8 *in, unsigned int len, u32 *size)
{
	u32 count;
	int ret;

	if (!len)
		return -EUCLEAN;
	switch (in[0] >> 3) {
	case JETK_COMP_7BIT_ASCII:
	case JETK_COMP_7BIT_UNICODE:
		ret = jetk_7bit_count(in, len, &count);
		if (ret)
			return ret;
		*size = (in[0] >> 3) == JETK_COMP_7BIT_UNICODE ? 2 * count :
			count;
		return 0;
	case JETK_COMP_XPRESS:
		if (len < 3)
			return -EUCLEAN;
		*size = get_unaligned_le16(in + 1);
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}
EXPORT_SYMBOL_IF_KUNIT(jetk_decompressed_size);

static int jetk_7bit(const u8 *in, unsigned int len, u8 *out, u32 size,
		     bool unicode)
{
	u32 count, i, acc = 0;
	unsigned int bits = 0, pos = 1;
	int ret = jetk_7bit_count(in, len, &count);

	if (ret)
		return ret;
	if (size != (unicode ? 2 * count : count))
		return -EUCLEAN;
	for (i = 0; i < count; i++) {
		while (bits < 7) {
			if (pos >= len)
				return -EUCLEAN;
			acc |= (u32)in[pos++] << bits;
			bits += 8;
		}
		if (unicode) {
			out[2 * i] = acc & 0x7F;
			out[2 * i + 1] = 0;
		} else {
			out[i] = acc & 0x7F;
		}
		acc >>= 7;
		bits -= 7;
	}
	return 0;
}

/*
 * The length of a match whose 3-bit length said "more" (7): a nibble
 * shared by two matches, then a byte, then 16 or 32 bits.  Returns the
 * length less 3, or -EUCLEAN.
 */
static long jetk_xpress_len(const u8 *in, unsigned int len, unsigned int *ip,
			    unsigned int *half)
{
	u32 n;

	if (!*half) {
		if (*ip >= len)
			return -EUCLEAN;
		*half = *ip;
		n = in[(*ip)++] & 0xF;
	} else {
		n = in[*half] >> 4;
		*half = 0;
	}
	if (n < 15)
		return n + 7;
	if (*ip >= len)
		return -EUCLEAN;
	n = in[(*ip)++];
	if (n < 255)
		return n + 15 + 7;
	if (len - *ip < 2)
		return -EUCLEAN;
	n = get_unaligned_le16(in + *ip);
	*ip += 2;
	if (!n) {
		if (len - *ip < 4)
			return -EUCLEAN;
		n = get_unaligned_le32(in + *ip);
		*ip += 4;
	}
	/* Here the count is the whole length less 3. */
	if (n < 15 + 7 || n > S32_MAX)
		return -EUCLEAN;
	return n;
}

static int jetk_xpress(const u8 *in, unsigned int len, u8 *out, u32 size)
{
	unsigned int ip = 0, op = 0, nflags = 0, half = 0;
	u32 flags = 0, mlen, moff;
	long more;

	while (op < size) {
		if (!nflags) {
			if (len - ip < 4)
				return -EUCLEAN;
			flags = get_unaligned_le32(in + ip);
			ip += 4;
			nflags = 32;
		}
		nflags--;
		if (!(flags & BIT(nflags))) {
			if (ip >= len)
				return -EUCLEAN;
			out[op++] = in[ip++];
			continue;
		}
		if (len - ip < 2)
			return -EUCLEAN;
		mlen = get_unaligned_le16(in + ip);
		ip += 2;
		moff = (mlen >> 3) + 1;
		mlen &= 7;
		if (mlen == 7) {
			more = jetk_xpress_len(in, len, &ip, &half);
			if (more < 0)
				return more;
			mlen = more;
		}
		mlen += 3;
		if (moff > op || mlen > size - op)
			return -EUCLEAN;
		/* Byte by byte: a match may overlap what it produces. */
		while (mlen--) {
			out[op] = out[op - moff];
			op++;
		}
	}
	return 0;
}

/**
 * jetk_decompress() - a compressed value, uncompressed
 * @in: the value as stored (header byte first)
 * @len: its length
 * @out: room for @size bytes
 * @size: what jetk_decompressed_size() said
 *
 * Return: 0, -EOPNOTSUPP, or -EUCLEAN when the stream does not produce
 * exactly @size bytes from its own bytes.
 */
int jetk_decompress(const u8 *in, unsigned int len, u8 *out,
		    unsigned int size)
{
	if (!len)
		return -EUCLEAN;
	switch (in[0] >> 3) {
	case JETK_COMP_7BIT_ASCII:
		return jetk_7bit(in, len, out, size, false);
	case JETK_COMP_7BIT_UNICODE:
		return jetk_7bit(in, len, out, size, true);
	case JETK_COMP_XPRESS:
		if (len < 3 || get_unaligned_le16(in + 1) != size)
			return -EUCLEAN;
		return jetk_xpress(in + 3, len - 3, out, size);
	default:
		return -EOPNOTSUPP;
	}
}
EXPORT_SYMBOL_IF_KUNIT(jetk_decompress);
