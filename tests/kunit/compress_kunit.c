// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: decompression of the values ESE compresses (module/compress.c):
 * 7-bit ASCII and UTF-16 packed here bit by bit, Xpress streams made by
 * hand from the format (literals, a short match, an overlapping match
 * whose length goes on in a nibble), and damaged streams: truncated, a
 * match reaching before the start, a size that does not add up, a scheme
 * jetk does not read.  The Windows samples' compressed values are read
 * end to end by tests/user/samples_test.
 */
#include <kunit/test.h>
#include <linux/string.h>

#include "compress.h"

/* Pack @s as 7-bit values after a header byte; returns the length. */
static unsigned int pack7(const char *s, bool unicode, u8 *out)
{
	unsigned int n = strlen(s), i, bits = 0, o = 1;
	u32 acc = 0;

	for (i = 0; i < n; i++) {
		acc |= (u32)(s[i] & 0x7F) << bits;
		bits += 7;
		while (bits >= 8) {
			out[o++] = acc & 0xFF;
			acc >>= 8;
			bits -= 8;
		}
	}
	if (bits)
		out[o++] = acc & 0xFF;
	/* Bits used in the last byte, minus one. */
	out[0] = (unicode ? 2 : 1) << 3 | ((bits ? bits : 8) - 1);
	return o;
}

static void comp_7bit_ascii(struct kunit *test)
{
	static const char *const texts[] = {
		"Tiny c ASCII", "a", "abcdefgh", "The quick brown fox jumps",
	};
	u8 in[64], out[64];
	unsigned int i, len;
	u32 size;

	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		len = pack7(texts[i], false, in);
		KUNIT_ASSERT_EQ(test, 0, jetk_decompressed_size(in, len, &size));
		KUNIT_EXPECT_EQ(test, size, (u32)strlen(texts[i]));
		KUNIT_ASSERT_EQ(test, 0, jetk_decompress(in, len, out, size));
		KUNIT_EXPECT_EQ(test, 0, memcmp(out, texts[i], size));
		/* The wrong size is refused, not guessed at. */
		KUNIT_EXPECT_EQ(test, -EUCLEAN,
				jetk_decompress(in, len, out, size + 1));
	}
}

static void comp_7bit_unicode(struct kunit *test)
{
	const char *s = "Tiny c Unicode";
	u8 in[64], out[64];
	unsigned int len = pack7(s, true, in), i;
	u32 size;

	KUNIT_ASSERT_EQ(test, 0, jetk_decompressed_size(in, len, &size));
	KUNIT_EXPECT_EQ(test, size, 2 * (u32)strlen(s));
	KUNIT_ASSERT_EQ(test, 0, jetk_decompress(in, len, out, size));
	for (i = 0; i < strlen(s); i++) {
		KUNIT_EXPECT_EQ(test, out[2 * i], (u8)s[i]);
		KUNIT_EXPECT_EQ(test, out[2 * i + 1], 0);
	}
}

static void comp_xpress(struct kunit *test)
{
	/* "abc", then a match 3 back of 6: "abcabcabc". */
	static const u8 short_match[] = {
		0x18, 9, 0, 0x00, 0x00, 0x00, 0x10, 'a', 'b', 'c', 0x13, 0x00,
	};
	/* "a", then 1 back for 19: the length goes on in a nibble (9). */
	static const u8 nibble[] = {
		0x18, 20, 0, 0x00, 0x00, 0x00, 0x40, 'a', 0x07, 0x00, 0x09,
	};
	/* "x", then 1 back for 300: nibble 15, byte 255, 16 bits 297. */
	static const u8 long_match[] = {
		0x18, 0x2d, 0x01, 0x00, 0x00, 0x00, 0x40, 'x', 0x07, 0x00, 0x0f,
		0xff, 0x29, 0x01,
	};
	u8 out[400];
	u32 size;
	int i;

	KUNIT_ASSERT_EQ(test, 0,
			jetk_decompressed_size(short_match, sizeof(short_match),
					       &size));
	KUNIT_ASSERT_EQ(test, size, 9U);
	KUNIT_ASSERT_EQ(test, 0, jetk_decompress(short_match,
						 sizeof(short_match), out, 9));
	KUNIT_EXPECT_EQ(test, 0, memcmp(out, "abcabcabc", 9));

	KUNIT_ASSERT_EQ(test, 0, jetk_decompress(nibble, sizeof(nibble), out,
						 20));
	for (i = 0; i < 20; i++)
		KUNIT_EXPECT_EQ(test, out[i], 'a');

	KUNIT_ASSERT_EQ(test, 0,
			jetk_decompressed_size(long_match, sizeof(long_match),
					       &size));
	KUNIT_ASSERT_EQ(test, size, 301U);
	KUNIT_ASSERT_EQ(test, 0, jetk_decompress(long_match,
						 sizeof(long_match), out, 301));
	for (i = 0; i < 301; i++)
		KUNIT_EXPECT_EQ(test, out[i], 'x');
}

static void comp_damaged(struct kunit *test)
{
	static const u8 ok_stream[] = {
		0x18, 9, 0, 0x00, 0x00, 0x00, 0x10, 'a', 'b', 'c', 0x13, 0x00,
	};
	/* A match 4 back after three bytes: before the start. */
	static const u8 too_far[] = {
		0x18, 9, 0, 0x00, 0x00, 0x00, 0x10, 'a', 'b', 'c', 0x1B, 0x00,
	};
	static const u8 xpress9[] = { 5 << 3, 1, 2, 3 };
	u8 out[64];
	u32 size;
	unsigned int cut;

	for (cut = 0; cut < sizeof(ok_stream); cut++)
		KUNIT_EXPECT_NE(test, 0, jetk_decompress(ok_stream, cut, out, 9));
	KUNIT_EXPECT_EQ(test, -EUCLEAN,
			jetk_decompress(too_far, sizeof(too_far), out, 9));
	KUNIT_EXPECT_EQ(test, -EUCLEAN,
			jetk_decompress(ok_stream, sizeof(ok_stream), out, 10));
	KUNIT_EXPECT_EQ(test, -EOPNOTSUPP,
			jetk_decompressed_size(xpress9, sizeof(xpress9), &size));
	KUNIT_EXPECT_EQ(test, -EOPNOTSUPP,
			jetk_decompress(xpress9, sizeof(xpress9), out, 3));
	KUNIT_EXPECT_EQ(test, -EUCLEAN, jetk_decompressed_size(out, 0, &size));
}

static struct kunit_case compress_cases[] = {
	KUNIT_CASE(comp_7bit_ascii),
	KUNIT_CASE(comp_7bit_unicode),
	KUNIT_CASE(comp_xpress),
	KUNIT_CASE(comp_damaged),
	{}
};

static struct kunit_suite compress_suite = {
	.name = "jetk_compress",
	.test_cases = compress_cases,
};

kunit_test_suite(compress_suite);
