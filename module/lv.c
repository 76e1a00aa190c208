// SPDX-License-Identifier: GPL-2.0-only
/*
 * Long values in a table's LV tree (see lv.h).  All functions return 0
 * or a negative errno: -ENOENT for a LID the tree does not hold,
 * -EUCLEAN for entries that are not what a long value's are, -EFBIG
 * past the 2 GiB a long value may hold.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "btree.h"
#include "compat.h"
#include "compress.h"
#include "db.h"
#include "format.h"
#include "lv.h"
#include "table.h"

#define JETK_LV_SIZE_MAX	0x7FFFFFFFU

static unsigned int jetk_lv_chunk(const struct jetk_table *t)
{
	return jetk_edb_lv_chunk_max(t->db->page_size);
}

/* The chunk size of values already in the tree: the table's, if set. */
static unsigned int jetk_lv_chunk_read(const struct jetk_table *t)
{
	return t->lv_chunk_max && t->lv_chunk_max <= t->db->page_size ?
	       t->lv_chunk_max : jetk_lv_chunk(t);
}

static void jetk_lv_key(u32 lid, u32 off, u8 *key)
{
	put_unaligned_be32(lid, key);
	put_unaligned_be32(off, key + 4);
}

static struct jetk_bt_rec *jetk_lv_rec(struct jetk_table *t, u8 *buf,
				       unsigned int max)
{
	struct jetk_bt_rec *rec = kmalloc(sizeof(*rec), GFP_KERNEL);

	if (rec) {
		rec->data = buf;
		rec->data_max = max;
	}
	return rec;
}

/* The root entry of @lid. */
static int jetk_lv_root(struct jetk_table *t, u32 lid,
			struct jetk_edb_lvroot *root)
{
	struct jetk_bt_rec *rec;
	u8 key[JETK_LV_KEY_ROOT_SIZE], buf[JETK_LVROOT2_SIZE];
	int ret;

	rec = jetk_lv_rec(t, buf, sizeof(buf));
	if (!rec)
		return -ENOMEM;
	put_unaligned_be32(lid, key);
	ret = jetk_bt_seek(&t->lv_bt, key, sizeof(key), JETK_BT_EQ, rec);
	if (!ret && rec->data_len != sizeof(*root) &&
	    rec->data_len != JETK_LVROOT2_SIZE)
		ret = -EUCLEAN;
	if (!ret)
		memcpy(root, buf, sizeof(*root));
	kfree(rec);
	return ret;
}

static int jetk_lv_put_root(struct jetk_table *t, u32 lid, u32 refs, u32 size,
			    bool insert)
{
	struct jetk_edb_lvroot root = {
		.refs = cpu_to_le32(refs), .size = cpu_to_le32(size),
	};
	u8 key[JETK_LV_KEY_ROOT_SIZE];

	put_unaligned_be32(lid, key);
	if (insert)
		return jetk_bt_insert(&t->lv_bt, key, sizeof(key), &root,
				      sizeof(root));
	return jetk_bt_replace(&t->lv_bt, key, sizeof(key), &root,
			       sizeof(root));
}

/* A new LID: one past the largest in the tree. */
static int jetk_lv_new_lid(struct jetk_table *t, u32 *lid)
{
	struct jetk_bt_rec *rec;
	int ret = 0;

	mutex_lock(&t->lv_lock);
	if (!t->lid_last) {
		rec = jetk_lv_rec(t, NULL, 0);
		if (!rec) {
			ret = -ENOMEM;
			goto out;
		}
		ret = jetk_bt_seek(&t->lv_bt, NULL, 0, JETK_BT_LAST, rec);
		if (ret == -ENOENT)
			ret = 0;
		else if (!ret && rec->key_len < JETK_LV_KEY_ROOT_SIZE)
			ret = -EUCLEAN;
		else if (!ret)
			t->lid_last = get_unaligned_be32(rec->key);
		kfree(rec);
	}
	if (!ret && t->lid_last >= 0x7FFFFFFFU)
		ret = -ENOSPC;	/* LID64 is not written */
	if (!ret)
		*lid = ++t->lid_last;
out:
	mutex_unlock(&t->lv_lock);
	return ret;
}

/* Remove every chunk of @lid at or past byte @from. */
static int jetk_lv_drop_chunks(struct jetk_table *t, u32 lid, u32 from)
{
	struct jetk_bt_rec *rec;
	u8 key[JETK_LV_KEY_CHUNK_SIZE];
	int ret;

	rec = jetk_lv_rec(t, NULL, 0);
	if (!rec)
		return -ENOMEM;
	for (;;) {
		jetk_lv_key(lid, from, key);
		ret = jetk_bt_seek(&t->lv_bt, key, sizeof(key), JETK_BT_GE,
				   rec);
		if (ret)
			break;
		if (rec->key_len != JETK_LV_KEY_CHUNK_SIZE ||
		    get_unaligned_be32(rec->key) != lid)
			break;
		ret = jetk_bt_delete(&t->lv_bt, rec->key, rec->key_len);
		if (ret)
			break;
	}
	kfree(rec);
	return ret == -ENOENT ? 0 : ret;
}

/*
 * Write [off, off + len) of @lid, @data or zeros, creating chunks past
 * its end; the root's size is the caller's business.
 */
static int jetk_lv_put(struct jetk_table *t, u32 lid, u32 off,
		       const u8 *data, u32 len, u32 old_size)
{
	unsigned int cs = jetk_lv_chunk(t);
	struct jetk_bt_rec *rec;
	u8 key[JETK_LV_KEY_CHUNK_SIZE];
	u8 *buf;
	u32 pos = off, end = off + len;
	int ret = 0;

	buf = kmalloc(cs, GFP_KERNEL);
	rec = jetk_lv_rec(t, buf, cs);
	if (!buf || !rec) {
		ret = -ENOMEM;
		goto out;
	}
	while (pos < end && !ret) {
		u32 base = pos - pos % cs, have = 0, n;

		jetk_lv_key(lid, base, key);
		if (base < old_size) {
			ret = jetk_bt_seek(&t->lv_bt, key, sizeof(key),
					   JETK_BT_EQ, rec);
			if (ret == -ENOENT)
				ret = -EUCLEAN;
			if (ret)
				break;
			have = rec->data_len;
			if (have > cs || have != min_t(u32, cs, old_size - base)) {
				ret = -EUCLEAN;
				break;
			}
		}
		/* Zeros between the old end and the write. */
		if (have < pos - base)
			memset(buf + have, 0, pos - base - have);
		n = min(end, base + cs) - pos;
		if (data)
			memcpy(buf + (pos - base), data + (pos - off), n);
		else
			memset(buf + (pos - base), 0, n);
		n = max(have, pos - base + n);
		if (have)
			ret = jetk_bt_replace(&t->lv_bt, key, sizeof(key), buf, n);
		else
			ret = jetk_bt_insert(&t->lv_bt, key, sizeof(key), buf, n);
		pos = base + cs;
	}
out:
	kfree(rec);
	kfree(buf);
	return ret;
}

/**
 * jetk_lv_create() - a new long value, referenced once
 * @t: the table (has_lv)
 * @data: its bytes
 * @len: how many
 * @lid: out: its LID
 *
 * Return: 0 or an errno; nothing is left behind on error.
 */
int jetk_lv_create(struct jetk_table *t, const u8 *data, u32 len, u32 *lid)
{
	int ret;

	if (!t->has_lv)
		return -EOPNOTSUPP;
	if (len > JETK_LV_SIZE_MAX)
		return -EFBIG;
	ret = jetk_lv_new_lid(t, lid);
	if (ret)
		return ret;
	ret = jetk_lv_put_root(t, *lid, 1, len, true);
	if (ret)
		return ret;
	ret = jetk_lv_put(t, *lid, 0, data, len, 0);
	if (ret) {
		u8 key[JETK_LV_KEY_ROOT_SIZE];

		put_unaligned_be32(*lid, key);
		/* Best effort: what stays is an unreferenced value. */
		if (!jetk_lv_drop_chunks(t, *lid, 0) &&
		    jetk_bt_delete(&t->lv_bt, key, sizeof(key)))
			pr_warn_ratelimited("jetk: long value %u of table %u left unreferenced\n",
					    *lid, t->objid);
	}
	return ret;
}

/**
 * jetk_lv_size() - a long value's length
 * @t: the table
 * @lid: the value
 * @size: out: its bytes
 *
 * Return: 0 or an errno.
 */
int jetk_lv_size(struct jetk_table *t, u32 lid, u32 *size)
{
	struct jetk_edb_lvroot root;
	int ret;

	if (!t->has_lv)
		return -EUCLEAN;
	ret = jetk_lv_root(t, lid, &root);
	if (!ret)
		*size = le32_to_cpu(root.size);
	return ret;
}

/**
 * jetk_lv_read() - bytes of a long value
 * @t: the table
 * @lid: the value
 * @size: its length, as jetk_lv_size() read it
 * @off: where to start
 * @buf: where they go
 * @len: how many (the caller keeps within the value's size)
 *
 * Chunks are found by the largest offset at or before each position;
 * chunks ESE compressed are uncompressed on the way.
 *
 * Return: 0 or an errno.
 */
int jetk_lv_read(struct jetk_table *t, u32 lid, u32 size, u32 off, u8 *buf,
		 u32 len)
{
	unsigned int max = t->db->page_size, cs = jetk_lv_chunk_read(t);
	struct jetk_bt_rec *rec;
	u8 key[JETK_LV_KEY_CHUNK_SIZE];
	u8 *chunk, *plain = NULL;
	u32 pos = off, end = off + len;
	int ret;

	if (!t->has_lv)
		return -EUCLEAN;
	if (end < off || end > size)
		return -EINVAL;
	chunk = kmalloc(max, GFP_KERNEL);
	rec = jetk_lv_rec(t, chunk, max);
	if (!chunk || !rec) {
		ret = -ENOMEM;
		goto out;
	}
	while (pos < end) {
		u32 base, n, want;
		const u8 *from = chunk;

		jetk_lv_key(lid, pos, key);
		ret = jetk_bt_seek(&t->lv_bt, key, sizeof(key), JETK_BT_LE,
				   rec);
		if (ret == -ENOENT)
			ret = -EUCLEAN;
		if (ret)
			break;
		/* The chunk holding @pos: this LID's, starting at or before. */
		if (rec->key_len != JETK_LV_KEY_CHUNK_SIZE ||
		    get_unaligned_be32(rec->key) != lid ||
		    rec->data_len > max) {
			ret = -EUCLEAN;
			break;
		}
		base = get_unaligned_be32(rec->key + 4);
		if (base > pos) {
			ret = -EUCLEAN;
			break;
		}
		/*
		 * Every chunk but the last is full; one shorter than that is
		 * compressed (ESE stores a chunk compressed only when that
		 * saves room).
		 */
		want = min(cs, size - base);
		if (rec->data_len < want && rec->data_len) {
			u32 plain_len;

			ret = jetk_decompressed_size(chunk, rec->data_len,
						     &plain_len);
			if (!ret && plain_len != want)
				ret = -EUCLEAN;
			if (!ret && !plain) {
				plain = kmalloc(cs, GFP_KERNEL);
				if (!plain)
					ret = -ENOMEM;
			}
			if (!ret)
				ret = jetk_decompress(chunk, rec->data_len,
						      plain, want);
			if (ret)
				break;
			from = plain;
		} else if (rec->data_len != want) {
			ret = -EUCLEAN;
			break;
		}
		if (pos - base >= want) {
			ret = -EUCLEAN;
			break;
		}
		n = min(end - pos, want - (pos - base));
		memcpy(buf + (pos - off), from + (pos - base), n);
		pos += n;
	}
out:
	kfree(plain);
	kfree(rec);
	kfree(chunk);
	return ret;
}

/**
 * jetk_lv_write() - overwrite or extend a long value in place
 * @t: the table
 * @lid: a value no other record refers to
 * @off: where to write (past the end: the gap reads as zeros)
 * @data: the bytes, or NULL for zeros
 * @len: how many
 *
 * Return: 0 or an errno.
 */
int jetk_lv_write(struct jetk_table *t, u32 lid, u32 off, const u8 *data,
		  u32 len)
{
	struct jetk_edb_lvroot root;
	u32 old, size, end;
	int ret;

	ret = jetk_lv_size(t, lid, &old);
	if (ret)
		return ret;
	if ((u64)off + len > JETK_LV_SIZE_MAX)
		return -EFBIG;
	size = old;
	end = max(old, off + len);
	/* A gap between the old end and @off: zeros first. */
	if (off > size) {
		ret = jetk_lv_put(t, lid, size, NULL, off - size, size);
		if (ret)
			return ret;
		size = off;
	}
	ret = jetk_lv_put(t, lid, off, data, len, size);
	if (ret || end == old)
		return ret;
	mutex_lock(&t->lv_lock);
	ret = jetk_lv_root(t, lid, &root);
	if (!ret)
		ret = jetk_lv_put_root(t, lid, le32_to_cpu(root.refs), end,
				       false);
	mutex_unlock(&t->lv_lock);
	return ret;
}

/**
 * jetk_lv_truncate() - cut or zero-extend a long value in place
 * @t: the table
 * @lid: a value no other record refers to
 * @size: its new length
 *
 * Return: 0 or an errno.
 */
int jetk_lv_truncate(struct jetk_table *t, u32 lid, u32 size)
{
	unsigned int cs = jetk_lv_chunk(t);
	struct jetk_edb_lvroot root;
	struct jetk_bt_rec *rec;
	u8 key[JETK_LV_KEY_CHUNK_SIZE];
	u32 old, base;
	u8 *buf;
	int ret;

	ret = jetk_lv_size(t, lid, &old);
	if (ret)
		return ret;
	if (size >= old)
		return size == old ? 0 : jetk_lv_write(t, lid, old, NULL,
							size - old);
	base = size - size % cs;
	ret = jetk_lv_drop_chunks(t, lid, size % cs ? base + cs : base);
	if (ret)
		return ret;
	if (size % cs) {
		buf = kmalloc(cs, GFP_KERNEL);
		rec = jetk_lv_rec(t, buf, cs);
		ret = buf && rec ? 0 : -ENOMEM;
		jetk_lv_key(lid, base, key);
		if (!ret)
			ret = jetk_bt_seek(&t->lv_bt, key, sizeof(key),
					   JETK_BT_EQ, rec);
		if (!ret && rec->data_len < size % cs)
			ret = -EUCLEAN;
		if (!ret)
			ret = jetk_bt_replace(&t->lv_bt, key, sizeof(key), buf,
					      size % cs);
		kfree(rec);
		kfree(buf);
		if (ret)
			return ret == -ENOENT ? -EUCLEAN : ret;
	}
	mutex_lock(&t->lv_lock);
	ret = jetk_lv_root(t, lid, &root);
	if (!ret)
		ret = jetk_lv_put_root(t, lid, le32_to_cpu(root.refs), size,
				       false);
	mutex_unlock(&t->lv_lock);
	return ret;
}

/**
 * jetk_lv_copy() - a private copy of a long value
 * @t: the table
 * @lid: the value
 * @newlid: out: the copy, referenced once
 *
 * Return: 0 or an errno.
 */
int jetk_lv_copy(struct jetk_table *t, u32 lid, u32 *newlid)
{
	unsigned int cs = jetk_lv_chunk(t);
	u32 size, pos;
	u8 *buf;
	int ret;

	ret = jetk_lv_size(t, lid, &size);
	if (ret)
		return ret;
	*newlid = 0;
	buf = kmalloc(cs, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = jetk_lv_create(t, NULL, 0, newlid);
	for (pos = 0; !ret && pos < size; pos += cs) {
		u32 n = min(cs, size - pos);

		ret = jetk_lv_read(t, lid, size, pos, buf, n);
		if (!ret)
			ret = jetk_lv_write(t, *newlid, pos, buf, n);
	}
	kfree(buf);
	if (ret && *newlid)
		jetk_lv_deref(t, *newlid);
	return ret;
}

static int jetk_lv_ref(struct jetk_table *t, u32 lid, int delta)
{
	struct jetk_edb_lvroot root;
	u8 key[JETK_LV_KEY_ROOT_SIZE];
	u32 refs;
	int ret;

	if (!t->has_lv)
		return -EUCLEAN;
	mutex_lock(&t->lv_lock);
	ret = jetk_lv_root(t, lid, &root);
	if (ret)
		goto out;
	refs = le32_to_cpu(root.refs);
	if (!refs || (delta > 0 && refs == U32_MAX)) {
		ret = -EUCLEAN;
		goto out;
	}
	refs += delta;
	if (refs) {
		ret = jetk_lv_put_root(t, lid, refs, le32_to_cpu(root.size),
				       false);
		goto out;
	}
	ret = jetk_lv_drop_chunks(t, lid, 0);
	put_unaligned_be32(lid, key);
	if (!ret)
		ret = jetk_bt_delete(&t->lv_bt, key, sizeof(key));
out:
	mutex_unlock(&t->lv_lock);
	return ret;
}

/**
 * jetk_lv_addref() - one more record refers to a long value
 * @t: the table
 * @lid: the value
 *
 * Return: 0 or an errno.
 */
int jetk_lv_addref(struct jetk_table *t, u32 lid)
{
	return jetk_lv_ref(t, lid, 1);
}

/**
 * jetk_lv_deref() - one record less refers to a long value; the last
 *	one takes it away
 * @t: the table
 * @lid: the value
 *
 * Return: 0 or an errno.
 */
int jetk_lv_deref(struct jetk_table *t, u32 lid)
{
	return jetk_lv_ref(t, lid, -1);
}
