// SPDX-License-Identifier: GPL-2.0-only
/*
 * ESE's record format (ref/ese-format.md 7; see record.h).
 *
 *   header   u8 fid_fixed_last, u8 fid_var_last, u16 ib_end_fixed
 *   fixed    columns 1..fid_fixed_last at their RecordOffsets, then a
 *            null bitmap (bit set = NULL; unused high bits set)
 *   variable u16 end offsets (0x8000 = NULL), then the values
 *   tagged   a directory of (u16 columnid, u16 offset|flags), ascending,
 *            then the values; a value may start with a one-byte header
 *            (long value, separated, multi-valued ...)
 *
 * Small and large pages lay the tagged area out differently: small pages
 * flag a header with 0x4000 in the directory and write it only for long
 * values and multiple values; large pages always write it.  jetk writes
 * ESE's layout except that two values use the general multi-value form
 * (ESE reads both; libesedb 2018 reads only that one) and nothing is
 * compressed.
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "compat.h"
#include "format.h"
#include "record.h"

#define JETK_COLTYP_BINARY	9
#define JETK_COLTYP_TEXT	10
#define JETK_COLTYP_LONG_BINARY	11
#define JETK_COLTYP_LONG_TEXT	12
#define JETK_CP_UNICODE		1200

static bool jetk_coltyp_is_lv(u32 coltyp)
{
	return coltyp == JETK_COLTYP_LONG_BINARY ||
	       coltyp == JETK_COLTYP_LONG_TEXT;
}

/**
 * jetk_rec_col() - a column of the schema
 * @s: the schema
 * @columnid: the column id
 *
 * Return: the column, or NULL.
 */
const struct jetk_rec_col *jetk_rec_col(const struct jetk_rec_schema *s,
					u32 columnid)
{
	unsigned int lo = 0, hi = s->ncols;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (s->cols[mid].columnid == columnid)
			return &s->cols[mid];
		if (s->cols[mid].columnid < columnid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_rec_col);

/**
 * jetk_rec_max_size() - largest record a page of this size holds
 * @page_size: bytes
 *
 * Return: ESE's CbRecordMost for a 255-byte key.
 */
unsigned int jetk_rec_max_size(unsigned int page_size)
{
	return page_size - (page_size > JETK_PG_SMALL_MAX ? 347 : 307);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_rec_max_size);

static u16 jetk_rec_u16(const u8 *p)
{
	return get_unaligned_le16(p);
}

static u16 jetk_tagfld_mask(const struct jetk_rec_schema *s)
{
	return s->large ? JETK_TAGFLD_LARGE_IB_MASK : JETK_TAGFLD_SMALL_IB_MASK;
}

/* End of the fixed data for a record whose last fixed column is @fid. */
static int jetk_rec_fixed_end(const struct jetk_rec_schema *s,
			      unsigned int fid, unsigned int *end)
{
	const struct jetk_rec_col *c;

	if (!fid) {
		*end = sizeof(struct jetk_edb_rec_header);
		return 0;
	}
	c = jetk_rec_col(s, fid);
	if (!c || c->offset < sizeof(struct jetk_edb_rec_header) ||
	    !c->cb_max || c->offset + c->cb_max > 0xFFFF)
		return -EUCLEAN;
	*end = c->offset + c->cb_max;
	return 0;
}

/**
 * jetk_rec_parse() - validate a record and set up a view of it
 * @s: the table's schema
 * @rec: the record (a leaf node's data)
 * @len: its length
 * @v: filled
 *
 * Return: 0, or -EUCLEAN when any offset or length is inconsistent.
 */
int jetk_rec_parse(const struct jetk_rec_schema *s, const u8 *rec,
		   unsigned int len, struct jetk_rec_view *v)
{
	unsigned int fixed_end, nvar, i, prev = 0, rem, first, mask;
	u32 prev_id = 0;

	memset(v, 0, sizeof(*v));
	if (len < sizeof(struct jetk_edb_rec_header))
		return -EUCLEAN;
	v->rec = rec;
	v->len = len;
	v->fid_fixed_last = rec[0];
	v->fid_var_last = rec[1];
	v->ib_end_fixed = jetk_rec_u16(rec + 2);
	if (v->fid_fixed_last > JETK_FID_FIXED_MAX ||
	    v->fid_var_last < JETK_FID_VAR_FIRST - 1)
		return -EUCLEAN;
	if (jetk_rec_fixed_end(s, v->fid_fixed_last, &fixed_end))
		return -EUCLEAN;
	if (v->ib_end_fixed != fixed_end + DIV_ROUND_UP(v->fid_fixed_last, 8) ||
	    v->ib_end_fixed > len)
		return -EUCLEAN;

	nvar = v->fid_var_last - (JETK_FID_VAR_FIRST - 1);
	if (v->ib_end_fixed + 2 * nvar > len)
		return -EUCLEAN;
	v->var_data = v->ib_end_fixed + 2 * nvar;
	for (i = 0; i < nvar; i++) {
		unsigned int e = jetk_rec_u16(rec + v->ib_end_fixed + 2 * i) &
				 ~JETK_VAR_NULL;

		if (e < prev)
			return -EUCLEAN;
		prev = e;
	}
	if (v->var_data + prev > len)
		return -EUCLEAN;
	v->tag_start = v->var_data + prev;
	if (v->tag_start == len)
		return 0;

	rem = len - v->tag_start;
	mask = jetk_tagfld_mask(s);
	if (rem < sizeof(struct jetk_edb_tagfld))
		return -EUCLEAN;
	first = jetk_rec_u16(rec + v->tag_start + 2) & mask;
	if (first < 4 || first % 4 || first > rem)
		return -EUCLEAN;
	v->ntagged = first / 4;
	prev = first;
	for (i = 0; i < v->ntagged; i++) {
		const u8 *e = rec + v->tag_start + 4 * i;
		u32 id = jetk_rec_u16(e);
		unsigned int ib = jetk_rec_u16(e + 2) & mask;

		if (id < JETK_FID_TAGGED_FIRST || id <= prev_id ||
		    ib < prev || ib > rem)
			return -EUCLEAN;
		prev_id = id;
		prev = ib;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_rec_parse);

/* A tagged column's bytes: directory entry @i's raw ib and value range. */
static void jetk_rec_tagged(const struct jetk_rec_schema *s,
			    const struct jetk_rec_view *v, unsigned int i,
			    u16 *raw_ib, const u8 **data, unsigned int *len)
{
	const u8 *dir = v->rec + v->tag_start;
	u16 mask = jetk_tagfld_mask(s);
	unsigned int ib, end;

	*raw_ib = jetk_rec_u16(dir + 4 * i + 2);
	ib = *raw_ib & mask;
	end = i + 1 < v->ntagged ? jetk_rec_u16(dir + 4 * (i + 1) + 2) & mask :
				   v->len - v->tag_start;
	*data = dir + ib;
	*len = end - ib;
}

static int jetk_rec_find_tagged(const struct jetk_rec_view *v, u32 columnid)
{
	const u8 *dir = v->rec + v->tag_start;
	unsigned int lo = 0, hi = v->ntagged;

	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;
		u32 id = jetk_rec_u16(dir + 4 * mid);

		if (id == columnid)
			return mid;
		if (id < columnid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -ENOENT;
}

/*
 * Decode a stored tagged value into its header byte and instances.
 * @itag: 1-based instance wanted, 0 to only count.  Returns the number of
 * instances, or -EUCLEAN.
 */
static int jetk_rec_tagged_value(const struct jetk_rec_schema *s,
				 u16 raw_ib, const u8 *data, unsigned int len,
				 unsigned int itag, struct jetk_rec_value *val)
{
	bool has_hdr = s->large || (raw_ib & JETK_TAGFLD_SMALL_EXTENDED);
	unsigned int m, i, start, end;
	u8 hdr = 0;
	u16 off;

	if (!s->large && (raw_ib & JETK_TAGFLD_SMALL_NULL))
		return 0;
	if (has_hdr) {
		if (!len)
			return -EUCLEAN;
		hdr = data[0];
		data++;
		len--;
	}
	if (hdr & JETK_TAGHDR_NULL)
		return 0;
	val->flags = (hdr & JETK_TAGHDR_COMPRESSED) ? JETK_RECV_COMPRESSED : 0;

	if (hdr & JETK_TAGHDR_TWO) {
		/* Of several values ESE compresses the first only. */
		if (itag != 1)
			val->flags &= ~JETK_RECV_COMPRESSED;
		if (!len || 1 + data[0] > len)
			return -EUCLEAN;
		if (itag == 1) {
			val->data = data + 1;
			val->len = data[0];
		} else if (itag == 2) {
			val->data = data + 1 + data[0];
			val->len = len - 1 - data[0];
		}
		return 2;
	}
	if (!(hdr & JETK_TAGHDR_MULTI)) {
		if (hdr & JETK_TAGHDR_SEPARATED) {
			if (len != 4 && len != 8)
				return -EUCLEAN;
			val->flags |= JETK_RECV_SEPARATED;
		}
		val->data = data;
		val->len = len;
		return 1;
	}
	if (itag != 1)
		val->flags &= ~JETK_RECV_COMPRESSED;
	if (len < 2)
		return -EUCLEAN;
	off = jetk_rec_u16(data) & ~JETK_MULTI_SEPARATED;
	m = off / 2;
	if (!m || off % 2 || off > len)
		return -EUCLEAN;
	for (i = 0, end = 2 * m; i < m; i++) {
		u16 raw = jetk_rec_u16(data + 2 * i);

		start = raw & ~JETK_MULTI_SEPARATED;
		if (start < end || start > len)
			return -EUCLEAN;
		end = i + 1 < m ?
		      jetk_rec_u16(data + 2 * (i + 1)) & ~JETK_MULTI_SEPARATED :
		      len;
		if (end < start || end > len)
			return -EUCLEAN;
		if (itag == i + 1) {
			val->data = data + start;
			val->len = end - start;
			if (raw & JETK_MULTI_SEPARATED) {
				if (val->len != 4 && val->len != 8)
					return -EUCLEAN;
				val->flags |= JETK_RECV_SEPARATED;
			}
		}
		end = start;
	}
	return m;
}

/*
 * The stored value(s) of a column.  Returns the instance count (0: NULL
 * or absent), filling @val for instance @itag; -ENOENT for a column the
 * schema lacks, -EUCLEAN.
 */
static int jetk_rec_lookup(const struct jetk_rec_schema *s,
			   const struct jetk_rec_view *v, u32 columnid,
			   unsigned int itag, struct jetk_rec_value *val)
{
	const struct jetk_rec_col *c = jetk_rec_col(s, columnid);
	unsigned int nb, start, end, i;
	const u8 *data;
	u16 raw, e;
	int t;

	if (!c)
		return -ENOENT;
	if (columnid <= JETK_FID_FIXED_MAX) {
		if (columnid > v->fid_fixed_last)
			return 0;
		nb = DIV_ROUND_UP(v->fid_fixed_last, 8);
		i = columnid - 1;
		if (v->rec[v->ib_end_fixed - nb + i / 8] & BIT(i % 8))
			return 0;
		if (c->offset + c->cb_max > v->ib_end_fixed - nb)
			return -EUCLEAN;
		val->data = v->rec + c->offset;
		val->len = c->cb_max;
		return 1;
	}
	if (columnid <= JETK_FID_VAR_MAX) {
		if (columnid > v->fid_var_last)
			return 0;
		i = columnid - JETK_FID_VAR_FIRST;
		e = jetk_rec_u16(v->rec + v->ib_end_fixed + 2 * i);
		if (e & JETK_VAR_NULL)
			return 0;
		start = i ? jetk_rec_u16(v->rec + v->ib_end_fixed + 2 * (i - 1)) &
			    ~JETK_VAR_NULL : 0;
		end = e;
		val->data = v->rec + v->var_data + start;
		val->len = end - start;
		return 1;
	}
	t = jetk_rec_find_tagged(v, columnid);
	if (t < 0)
		return 0;
	jetk_rec_tagged(s, v, t, &raw, &data, &nb);
	return jetk_rec_tagged_value(s, raw, data, nb, itag, val);
}

/**
 * jetk_rec_count() - number of values of a column in a record
 * @s: the schema
 * @v: a parsed record
 * @columnid: the column
 *
 * Return: 0 (NULL), 1, or the number of multi-values; -ENOENT for an
 * unknown column; -EUCLEAN.
 */
int jetk_rec_count(const struct jetk_rec_schema *s,
		   const struct jetk_rec_view *v, u32 columnid)
{
	struct jetk_rec_value val;

	return jetk_rec_lookup(s, v, columnid, 0, &val);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_rec_count);

/**
 * jetk_rec_get() - one value of a column
 * @s: the schema
 * @v: a parsed record
 * @columnid: the column
 * @itag: 1-based instance of a multi-valued column (0 means 1)
 * @val: filled; JETK_RECV_NULL when there is no such value, with
 *	JETK_RECV_DEFAULT set and the default in data/len when the column
 *	has one and is absent from the record
 *
 * Return: 0, -ENOENT for an unknown column, -EUCLEAN.
 */
int jetk_rec_get(const struct jetk_rec_schema *s,
		 const struct jetk_rec_view *v, u32 columnid,
		 unsigned int itag, struct jetk_rec_value *val)
{
	const struct jetk_rec_col *c;
	int n;

	memset(val, 0, sizeof(*val));
	if (!itag)
		itag = 1;
	n = jetk_rec_lookup(s, v, columnid, itag, val);
	if (n < 0)
		return n;
	if (itag <= n)
		return 0;
	memset(val, 0, sizeof(*val));
	val->flags = JETK_RECV_NULL;
	c = jetk_rec_col(s, columnid);
	if (!n && itag == 1 && (c->flags & JETK_FIELD_DEFAULT) && c->def) {
		val->data = c->def;
		val->len = c->def_len;
		val->flags = JETK_RECV_DEFAULT;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_rec_get);

struct jetk_rec_out {
	u8 *buf;
	unsigned int len;
	unsigned int max;
};

static int jetk_rec_put(struct jetk_rec_out *o, const void *p, unsigned int n)
{
	if (n > o->max - o->len)
		return -ENOSPC;
	memcpy(o->buf + o->len, p, n);
	o->len += n;
	return 0;
}

static int jetk_rec_put16(struct jetk_rec_out *o, u16 w)
{
	__le16 le = cpu_to_le16(w);

	return jetk_rec_put(o, &le, 2);
}

/* Fixed part: the data of columns 1..last and the null bitmap. */
static int jetk_rec_build_fixed(const struct jetk_rec_schema *s,
				const struct jetk_rec_field *f,
				unsigned int nf, unsigned int last,
				struct jetk_rec_out *o)
{
	unsigned int end, nb, i, id;
	u8 *bits;
	int ret;

	ret = jetk_rec_fixed_end(s, last, &end);
	if (ret)
		return -EINVAL;
	nb = DIV_ROUND_UP(last, 8);
	if (end + nb > o->max)
		return -ENOSPC;
	memset(o->buf + o->len, JETK_FIXED_FILLER, end - o->len);
	bits = o->buf + end;
	memset(bits, 0, nb);
	for (id = 1; id <= last; id++)
		bits[(id - 1) / 8] |= BIT((id - 1) % 8);
	for (i = last; i < nb * 8; i++)
		bits[i / 8] |= BIT(i % 8);
	for (i = 0; i < nf && f[i].columnid <= last; i++) {
		const struct jetk_rec_col *c = jetk_rec_col(s, f[i].columnid);
		const struct jetk_rec_value *val = &f[i].vals[0];
		u8 *at = o->buf + c->offset;
		u8 pad = 0;

		if (val->len > c->cb_max ||
		    (val->len != c->cb_max && c->coltyp != JETK_COLTYP_TEXT &&
		     c->coltyp != JETK_COLTYP_BINARY))
			return -EINVAL;
		memcpy(at, val->data, val->len);
		if (c->coltyp == JETK_COLTYP_TEXT)
			pad = ' ';
		if (pad && c->cp == JETK_CP_UNICODE) {
			unsigned int k;

			for (k = val->len; k < c->cb_max; k++)
				at[k] = (k % 2) ? 0 : ' ';
		} else {
			memset(at + val->len, pad, c->cb_max - val->len);
		}
		id = f[i].columnid - 1;
		bits[id / 8] &= ~BIT(id % 8);
	}
	o->len = end + nb;
	return 0;
}

/* Header byte and payload size of a tagged column's stored value. */
static int jetk_rec_tagged_size(const struct jetk_rec_schema *s,
				const struct jetk_rec_col *c,
				const struct jetk_rec_field *f, int *hdr,
				unsigned int *size)
{
	bool lv = jetk_coltyp_is_lv(c->coltyp);
	unsigned int i;

	*hdr = s->large ? 0 : -1;
	if (f->nvals == 1) {
		const struct jetk_rec_value *val = &f->vals[0];

		if (val->flags & JETK_RECV_SEPARATED) {
			if (val->len != 4 || !lv)
				return -EINVAL;
			*hdr = JETK_TAGHDR_LONG_VALUE | JETK_TAGHDR_SEPARATED;
		} else if (lv) {
			*hdr = JETK_TAGHDR_LONG_VALUE;
		}
		*size = val->len;
	} else {
		if (!(c->flags & JETK_FIELD_MULTIVALUED))
			return -EINVAL;
		*hdr = JETK_TAGHDR_MULTI | (lv ? JETK_TAGHDR_LONG_VALUE : 0);
		*size = 2 * f->nvals;
		for (i = 0; i < f->nvals; i++) {
			if ((f->vals[i].flags & JETK_RECV_SEPARATED) &&
			    (f->vals[i].len != 4 || !lv))
				return -EINVAL;
			*size += f->vals[i].len;
		}
	}
	if (*hdr >= 0)
		(*size)++;
	return 0;
}

static int jetk_rec_build_tagged(const struct jetk_rec_schema *s,
				 const struct jetk_rec_field *f,
				 unsigned int nf, struct jetk_rec_out *o)
{
	unsigned int i, k, ib, size, moff, dir = o->len, n = nf;
	int hdr, ret;

	if (4 * n > o->max - o->len)
		return -ENOSPC;
	o->len += 4 * n;
	ib = 4 * n;
	for (i = 0; i < nf; i++) {
		const struct jetk_rec_col *c = jetk_rec_col(s, f[i].columnid);
		u16 flags = 0;

		ret = jetk_rec_tagged_size(s, c, &f[i], &hdr, &size);
		if (ret)
			return ret;
		if (ib > jetk_tagfld_mask(s))
			return -E2BIG;
		if (hdr >= 0 && !s->large)
			flags = JETK_TAGFLD_SMALL_EXTENDED;
		put_unaligned_le16(f[i].columnid, o->buf + dir + 4 * i);
		put_unaligned_le16(ib | flags, o->buf + dir + 4 * i + 2);
		if (hdr >= 0) {
			u8 b = hdr;

			ret = jetk_rec_put(o, &b, 1);
			if (ret)
				return ret;
		}
		if (f[i].nvals == 1) {
			ret = jetk_rec_put(o, f[i].vals[0].data,
					   f[i].vals[0].len);
		} else {
			moff = 2 * f[i].nvals;
			for (k = 0; k < f[i].nvals && !ret; k++) {
				u16 w = moff;

				if (f[i].vals[k].flags & JETK_RECV_SEPARATED)
					w |= JETK_MULTI_SEPARATED;
				ret = jetk_rec_put16(o, w);
				moff += f[i].vals[k].len;
			}
			for (k = 0; k < f[i].nvals && !ret; k++)
				ret = jetk_rec_put(o, f[i].vals[k].data,
						   f[i].vals[k].len);
		}
		if (ret)
			return ret;
		ib += size;
	}
	return 0;
}

/**
 * jetk_rec_build() - lay out a record from a row's column values
 * @s: the schema
 * @fields: every non-NULL column of the row, ascending by column id, each
 *	with its value(s); fixed and variable columns have exactly one
 * @nfields: how many
 * @out: where to build the record
 * @max: room at @out
 * @len: the record's length
 *
 * Return: 0; -EINVAL for values that do not fit their columns or fields
 * out of order; -E2BIG when the record exceeds what a page can hold;
 * -ENOSPC when @max is too small.
 */
int jetk_rec_build(const struct jetk_rec_schema *s,
		   const struct jetk_rec_field *fields, unsigned int nfields,
		   u8 *out, unsigned int max, unsigned int *len)
{
	struct jetk_rec_out o = { .buf = out, .max = max };
	unsigned int i, nfix = 0, nvar = 0, last_fixed = 0, last_var = 127;
	unsigned int var_end = 0, id, k;
	struct jetk_edb_rec_header rh;
	u32 prev = 0;
	int ret;

	for (i = 0; i < nfields; i++) {
		const struct jetk_rec_col *c = jetk_rec_col(s, fields[i].columnid);

		if (!c || fields[i].columnid <= prev || !fields[i].nvals)
			return -EINVAL;
		/* jetk writes no compressed value: it cannot carry one over. */
		for (k = 0; k < fields[i].nvals; k++)
			if (fields[i].vals[k].flags & JETK_RECV_COMPRESSED)
				return -EOPNOTSUPP;
		prev = fields[i].columnid;
		if (prev <= JETK_FID_VAR_MAX &&
		    (fields[i].nvals != 1 ||
		     (fields[i].vals[0].flags & ~JETK_RECV_DEFAULT)))
			return -EINVAL;
		if (prev <= JETK_FID_FIXED_MAX) {
			nfix++;
			last_fixed = prev;
		} else if (prev <= JETK_FID_VAR_MAX) {
			nvar++;
			last_var = prev;
		}
	}
	if (max < sizeof(rh))
		return -ENOSPC;
	o.len = sizeof(rh);
	ret = jetk_rec_build_fixed(s, fields, nfix, last_fixed, &o);
	if (ret)
		return ret;
	rh.fid_fixed_last = last_fixed;
	rh.fid_var_last = last_var;
	rh.ib_end_fixed = cpu_to_le16(o.len);
	memcpy(out, &rh, sizeof(rh));

	/* Variable offsets, NULL for the absent ones. */
	for (id = JETK_FID_VAR_FIRST, k = nfix; id <= last_var; id++) {
		if (k < nfix + nvar && fields[k].columnid == id) {
			var_end += fields[k].vals[0].len;
			if (var_end > 0x7FFF)
				return -E2BIG;
			ret = jetk_rec_put16(&o, var_end);
			k++;
		} else {
			ret = jetk_rec_put16(&o, var_end | JETK_VAR_NULL);
		}
		if (ret)
			return ret;
	}
	for (k = nfix; k < nfix + nvar; k++) {
		ret = jetk_rec_put(&o, fields[k].vals[0].data,
				   fields[k].vals[0].len);
		if (ret)
			return ret;
	}
	if (nfields > nfix + nvar) {
		ret = jetk_rec_build_tagged(s, fields + nfix + nvar,
					    nfields - nfix - nvar, &o);
		if (ret)
			return ret;
	}
	if (o.len > jetk_rec_max_size(s->page_size))
		return -E2BIG;
	*len = o.len;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_rec_build);

/**
 * jetk_rec_rebuild() - a record with one column's values replaced
 * @s: the schema
 * @rec: the record
 * @len: its length
 * @columnid: the column
 * @vals: its new values (may point into @rec)
 * @nvals: how many (0: the column becomes NULL)
 * @out: where the new record goes (not @rec)
 * @max: room there
 * @out_len: out: its length
 *
 * Every other column keeps its stored values; defaults stay defaults.
 *
 * Return: 0, -EUCLEAN, -E2BIG / -ENOSPC, -EOPNOTSUPP (a compressed
 * value), -ENOMEM.
 */
int jetk_rec_rebuild(const struct jetk_rec_schema *s, const u8 *rec,
		     unsigned int len, u32 columnid,
		     const struct jetk_rec_value *vals, unsigned int nvals,
		     u8 *out, unsigned int max, unsigned int *out_len)
{
	struct jetk_rec_view v;
	struct jetk_rec_field *f = NULL;
	struct jetk_rec_value *all = NULL;
	unsigned int i, nf = 0, nv = 0, total = nvals;
	int ret, n;

	ret = jetk_rec_parse(s, rec, len, &v);
	if (ret)
		return ret;
	for (i = 0; i < s->ncols; i++) {
		if (s->cols[i].columnid == columnid)
			continue;
		n = jetk_rec_count(s, &v, s->cols[i].columnid);
		if (n < 0)
			return n;
		total += n;
	}
	f = kvmalloc_array(s->ncols + 1, sizeof(*f), GFP_KERNEL);
	all = kvmalloc_array(total + 1, sizeof(*all), GFP_KERNEL);
	if (!f || !all) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < s->ncols; i++) {
		u32 id = s->cols[i].columnid;
		unsigned int first = nv, k;

		if (id == columnid) {
			if (!nvals)
				continue;
			memcpy(all + nv, vals, nvals * sizeof(*vals));
			nv += nvals;
		} else {
			n = jetk_rec_count(s, &v, id);
			for (k = 1; k <= n; k++) {
				ret = jetk_rec_get(s, &v, id, k, &all[nv]);
				if (ret)
					goto out;
				if (all[nv].flags & (JETK_RECV_NULL |
						     JETK_RECV_DEFAULT))
					continue;
				nv++;
			}
			if (nv == first)
				continue;
		}
		f[nf].columnid = id;
		f[nf].nvals = nv - first;
		f[nf].vals = all + first;
		nf++;
	}
	ret = jetk_rec_build(s, f, nf, out, max, out_len);
out:
	kvfree(all);
	kvfree(f);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_rec_rebuild);
