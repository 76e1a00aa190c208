/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ESE's record format (ref/ese-format.md 7): the data of a table's leaf
 * nodes and of catalog rows.  Pure functions over caller buffers.
 *
 * A record read from disk is untrusted: jetk_rec_parse() checks every
 * offset and length against the record and the schema before anything
 * else looks at it.  Records are built whole, from the complete list of
 * a row's column values (the table layer's copy buffer), exactly as ESE
 * lays them out.
 */
#ifndef _JETK_RECORD_H
#define _JETK_RECORD_H

#include <linux/types.h>

/**
 * struct jetk_rec_col - one column of a table's schema, as the catalog says
 * @columnid: 1..127 fixed, 128..255 variable, 256..65535 tagged
 * @coltyp: JET_coltyp
 * @cb_max: fixed columns: the size in the record; others: the limit (0:
 *	none)
 * @offset: fixed columns: RecordOffset, the byte offset in the record
 * @cp: code page of text columns
 * @flags: JETK_FIELD_* (catalog FIELDFLAG)
 * @def: default value bytes (JETK_FIELD_DEFAULT), or NULL
 * @def_len: their length
 */
struct jetk_rec_col {
	u32 columnid;
	u32 coltyp;
	u32 cb_max;
	u32 offset;
	u32 cp;
	u32 flags;
	const u8 *def;
	u32 def_len;
};

/**
 * struct jetk_rec_schema - a table's columns, sorted by column id
 * @cols: the columns
 * @ncols: how many
 * @large: the database has large (16/32 KiB) pages: tagged layout differs
 * @page_size: the database page size (limits the record size)
 */
struct jetk_rec_schema {
	const struct jetk_rec_col *cols;
	unsigned int ncols;
	bool large;
	unsigned int page_size;
};

/**
 * struct jetk_rec_view - a parsed, validated record
 * @rec: the record bytes (not copied)
 * @len: their length
 * @fid_fixed_last: highest fixed column present
 * @fid_var_last: highest variable column present (127: none)
 * @ib_end_fixed: offset of the variable-offset array
 * @var_data: offset of the variable data
 * @tag_start: offset of the tagged area
 * @ntagged: tagged directory entries
 */
struct jetk_rec_view {
	const u8 *rec;
	unsigned int len;
	unsigned int fid_fixed_last;
	unsigned int fid_var_last;
	unsigned int ib_end_fixed;
	unsigned int var_data;
	unsigned int tag_start;
	unsigned int ntagged;
};

/* A column value's nature. */
#define JETK_RECV_NULL		0x1	/* no value (data/len unset) */
#define JETK_RECV_DEFAULT	0x2	/* the schema's default, not stored */
#define JETK_RECV_SEPARATED	0x4	/* data is a 4-byte LE LID in the LV tree */
#define JETK_RECV_COMPRESSED	0x8	/* data is compressed (not decoded here) */

/**
 * struct jetk_rec_value - one value of a column
 * @data: bytes (in the record or the schema)
 * @len: length
 * @flags: JETK_RECV_*
 */
struct jetk_rec_value {
	const u8 *data;
	u32 len;
	u32 flags;
};

/**
 * struct jetk_rec_field - all values of one column, to build a record
 * @columnid: the column
 * @nvals: values (1 unless multi-valued; 0 is not allowed: omit NULLs)
 * @vals: the values (JETK_RECV_SEPARATED marks a LID)
 */
struct jetk_rec_field {
	u32 columnid;
	unsigned int nvals;
	const struct jetk_rec_value *vals;
};

const struct jetk_rec_col *jetk_rec_col(const struct jetk_rec_schema *s,
					u32 columnid);
unsigned int jetk_rec_max_size(unsigned int page_size);

int __must_check jetk_rec_parse(const struct jetk_rec_schema *s,
				const u8 *rec, unsigned int len,
				struct jetk_rec_view *v);
int jetk_rec_count(const struct jetk_rec_schema *s,
		   const struct jetk_rec_view *v, u32 columnid);
int __must_check jetk_rec_get(const struct jetk_rec_schema *s,
			      const struct jetk_rec_view *v, u32 columnid,
			      unsigned int itag, struct jetk_rec_value *val);
int __must_check jetk_rec_rebuild(const struct jetk_rec_schema *s,
				  const u8 *rec, unsigned int len,
				  u32 columnid,
				  const struct jetk_rec_value *vals,
				  unsigned int nvals, u8 *out,
				  unsigned int max, unsigned int *out_len);
int __must_check jetk_rec_build(const struct jetk_rec_schema *s,
				const struct jetk_rec_field *fields,
				unsigned int nfields, u8 *out,
				unsigned int max, unsigned int *len);

#endif /* _JETK_RECORD_H */
