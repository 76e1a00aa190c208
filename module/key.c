// SPDX-License-Identifier: GPL-2.0-only
/*
 * ESE key normalisation (ref/ese-format.md 5.2).
 *
 * Each index column contributes one segment: a prefix byte (0x7F for a
 * value, 0x40 for an empty text or binary value, 0x00 or 0xC0 for NULL)
 * and the value transformed so that unsigned byte order is value order:
 * integers big-endian with the sign bit flipped, floats with the sign bit
 * flipped or, when negative, every bit inverted, ASCII text upper-cased
 * and NUL-terminated, binary in 8-byte chunks each followed by a count.
 * A descending segment has every byte inverted.  Keys longer than the
 * index's limit are cut at the limit, as ESE does.  Long values are
 * normalised like their short types (Windows indexes their first bytes).
 * UTF-16 text is not supported: its order is the Windows NLS sort key.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "compat.h"
#include "format.h"
#include "key.h"

/* Where a segment goes: a buffer with a limit. */
struct jetk_key_sink {
	u8 *buf;
	unsigned int len;
	unsigned int max;
	bool truncated;
};

/**
 * jetk_key_init() - start an empty key
 * @k: the key
 * @max: the index's limit in bytes (at most JETK_KEY_MOST_MOST)
 */
void jetk_key_init(struct jetk_key *k, unsigned int max)
{
	k->len = 0;
	k->max = min_t(unsigned int, max, JETK_KEY_MOST_MOST);
	k->truncated = false;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_key_init);

/* Append bytes, cutting at the limit. */
static void jetk_key_put(struct jetk_key_sink *k, const u8 *b, unsigned int n)
{
	unsigned int room = k->max - k->len;

	if (n > room) {
		n = room;
		k->truncated = true;
	}
	memcpy(k->buf + k->len, b, n);
	k->len += n;
}

static void jetk_key_invert(struct jetk_key_sink *k, unsigned int from)
{
	unsigned int i;

	for (i = from; i < k->len; i++)
		k->buf[i] ^= 0xFF;
}

/* Integer of @n bytes (LE in memory) to big-endian, sign bit flipped. */
static void jetk_key_int(u8 *out, const u8 *le, unsigned int n, bool sign)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		out[i] = le[n - 1 - i];
	if (sign)
		out[0] ^= 0x80;
}

/*
 * IEEE float of @n bytes: positive values get the sign bit set, negative
 * ones every bit inverted.  -0.0 sorts just before +0.0; NaNs sort by
 * their bits, above +inf or, with the sign bit set, below -inf.
 */
static void jetk_key_float(u8 *out, const u8 *le, unsigned int n)
{
	unsigned int i;

	jetk_key_int(out, le, n, false);
	if (out[0] & 0x80) {
		for (i = 0; i < n; i++)
			out[i] ^= 0xFF;
	} else {
		out[0] ^= 0x80;
	}
}

/* Binary: 8-byte chunks, each followed by 9 (more follows) or its count. */
static void jetk_key_binary(struct jetk_key_sink *k, const u8 *v,
			    unsigned int len)
{
	u8 chunk[JETK_KEY_BINARY_CHUNK + 1];
	unsigned int o, n;

	for (o = 0; o < len && !k->truncated; o += JETK_KEY_BINARY_CHUNK) {
		n = min(len - o, JETK_KEY_BINARY_CHUNK);
		memset(chunk, 0, JETK_KEY_BINARY_CHUNK);
		memcpy(chunk, v + o, n);
		chunk[JETK_KEY_BINARY_CHUNK] =
			o + JETK_KEY_BINARY_CHUNK < len ? JETK_KEY_BINARY_MORE :
							  n;
		jetk_key_put(k, chunk, sizeof(chunk));
	}
}

/*
 * Text in a single-byte code page: up to the first NUL, C-locale upper
 * case, NUL-terminated.
 */
static void jetk_key_text(struct jetk_key_sink *k, const u8 *v,
			  unsigned int len)
{
	unsigned int i;
	u8 c;

	for (i = 0; i < len && v[i] && !k->truncated; i++) {
		c = v[i] >= 'a' && v[i] <= 'z' ? v[i] - ('a' - 'A') : v[i];
		jetk_key_put(k, &c, 1);
	}
	c = 0;
	jetk_key_put(k, &c, 1);
}

static int jetk_key_segment(struct jetk_key_sink *k, bool null, u32 coltyp,
			    u32 cp, const void *val, unsigned int len,
			    unsigned int opts)
{
	static const u8 guid_order[16] = {
		10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3
	};
	unsigned int start = k->len, fixed = jetk_coltyp_fixed_size(coltyp), i;
	const u8 *v = val;
	u8 prefix = JETK_KEY_PREFIX_DATA, out[16];

	if (null) {
		prefix = (opts & JETK_KEYSEG_NULLS_HIGH) ?
			 JETK_KEY_PREFIX_NULL_HIGH : JETK_KEY_PREFIX_NULL;
		jetk_key_put(k, &prefix, 1);
		goto out;
	}
	if (fixed && len != fixed)
		return -EINVAL;
	switch (coltyp) {
	case JETK_COLTYP_TEXT:
	case JETK_COLTYP_LONG_TEXT:
		if (cp == JETK_CP_UNICODE)
			return -EOPNOTSUPP;
		fallthrough;
	case JETK_COLTYP_BINARY:
	case JETK_COLTYP_LONG_BINARY:
		if (!len) {
			prefix = JETK_KEY_PREFIX_EMPTY;
			jetk_key_put(k, &prefix, 1);
			goto out;
		}
		break;
	default:
		if (!fixed)
			return -EINVAL;
	}
	jetk_key_put(k, &prefix, 1);

	switch (coltyp) {
	case JETK_COLTYP_BIT:
		out[0] = v[0] ? 0xFF : 0x00;
		break;
	case JETK_COLTYP_UNSIGNED_BYTE:
		out[0] = v[0];
		break;
	case JETK_COLTYP_SHORT:
	case JETK_COLTYP_LONG:
	case JETK_COLTYP_CURRENCY:
	case JETK_COLTYP_LONG_LONG:
		jetk_key_int(out, v, fixed, true);
		break;
	case JETK_COLTYP_UNSIGNED_SHORT:
	case JETK_COLTYP_UNSIGNED_LONG:
	case JETK_COLTYP_UNSIGNED_LONG_LONG:
		jetk_key_int(out, v, fixed, false);
		break;
	case JETK_COLTYP_IEEE_SINGLE:
	case JETK_COLTYP_IEEE_DOUBLE:
	case JETK_COLTYP_DATE_TIME:
		jetk_key_float(out, v, fixed);
		break;
	case JETK_COLTYP_GUID:
		for (i = 0; i < 16; i++)
			out[i] = v[guid_order[i]];
		break;
	case JETK_COLTYP_TEXT:
	case JETK_COLTYP_LONG_TEXT:
		jetk_key_text(k, v, len);
		goto out;
	case JETK_COLTYP_BINARY:
	case JETK_COLTYP_LONG_BINARY:
		if (opts & JETK_KEYSEG_FIXED)
			jetk_key_put(k, v, len);
		else
			jetk_key_binary(k, v, len);
		goto out;
	}
	jetk_key_put(k, out, fixed);
out:
	if (opts & JETK_KEYSEG_DESCENDING)
		jetk_key_invert(k, start);
	return 0;
}

/**
 * jetk_key_add() - append one column value as a key segment
 * @k: the key
 * @coltyp: the column's JET_coltyp
 * @cp: its code page (text)
 * @val: the value as stored (little-endian for numbers)
 * @len: its length; must match fixed-size types
 * @opts: JETK_KEYSEG_*
 *
 * A segment that does not fit is cut at the key's limit and
 * @k->truncated is set.
 *
 * Return: 0; -EINVAL for a length that does not fit the type or an
 * unknown type; -EOPNOTSUPP for UTF-16 text, whose order is the Windows
 * NLS sort.  @k is unchanged on error.
 */
int jetk_key_add(struct jetk_key *k, u32 coltyp, u32 cp, const void *val,
		 unsigned int len, unsigned int opts)
{
	struct jetk_key_sink s = {
		.buf = k->buf, .len = k->len, .max = k->max,
		.truncated = k->truncated,
	};
	int ret;

	ret = jetk_key_segment(&s, false, coltyp, cp, val, len, opts);
	if (ret)
		return ret;
	k->len = s.len;
	k->truncated = s.truncated;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_key_add);

/**
 * jetk_key_add_null() - append a NULL column as a key segment
 * @k: the key
 * @opts: JETK_KEYSEG_*
 *
 * Return: 0.
 */
int jetk_key_add_null(struct jetk_key *k, unsigned int opts)
{
	struct jetk_key_sink s = {
		.buf = k->buf, .len = k->len, .max = k->max,
		.truncated = k->truncated,
	};

	jetk_key_segment(&s, true, 0, 0, NULL, 0, opts);
	k->len = s.len;
	k->truncated = s.truncated;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_key_add_null);

/**
 * jetk_key_normalize_column() - one column value as a key segment
 * @coltyp: the column's JET_coltyp
 * @cp: its code page (text)
 * @opts: JETK_KEYSEG_*
 * @val: the value as stored (little-endian for numbers); NULL: the
 *	column is NULL (an empty value needs a non-NULL pointer)
 * @len: its length; must match fixed-size types
 * @out: where the segment goes
 * @outmax: room in @out; the segment is cut there, as at a key's limit
 *
 * Return: the segment's length (at most @outmax), or -EINVAL /
 * -EOPNOTSUPP as jetk_key_add().
 */
int jetk_key_normalize_column(u32 coltyp, u32 cp, unsigned int opts,
			      const void *val, unsigned int len, u8 *out,
			      unsigned int outmax)
{
	struct jetk_key_sink s = { .buf = out, .max = outmax };
	int ret;

	ret = jetk_key_segment(&s, !val, coltyp, cp, val, len, opts);
	return ret ? ret : s.len;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_key_normalize_column);

/**
 * jetk_key_cmp() - order of two normalised keys
 * @a: one key
 * @alen: its length
 * @b: the other
 * @blen: its length
 *
 * Return: <0, 0, >0 as memcmp over the common length, shorter first.
 */
int jetk_key_cmp(const u8 *a, unsigned int alen, const u8 *b,
		 unsigned int blen)
{
	int c = memcmp(a, b, min(alen, blen));

	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_key_cmp);
