// SPDX-License-Identifier: GPL-2.0-only
/*
 * Space management: owned and available extents of an object, split
 * buffers for the space trees' own splits (see space.h).
 *
 * Every operation runs under the object's lock in three steps: top up
 * both split buffers (taking pages from the front of available extents,
 * which shrinks or deletes AE entries and never splits); do the change
 * (which may split a space tree, taking pages from its split buffer);
 * return the pages a space tree freed meanwhile to a split buffer or to
 * the AE tree.  The split buffers are then written to the roots of the
 * space trees, so every owned page is, at every moment, in exactly one of:
 * a tree of the object, the AE tree, a split buffer, or a child object.
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "btree.h"
#include "cache.h"
#include "compat.h"
#include "format.h"
#include "page.h"
#include "space.h"

/* Extent record: key = big-endian last page, data = little-endian count. */
static void jetk_space_key(u32 last, u8 *key)
{
	put_unaligned_be32(last, key);
}

static int jetk_space_rec(const struct jetk_bt_rec *rec, u32 *last, u32 *cpg)
{
	if (rec->key_len != 4 || rec->data_len != 4)
		return -EUCLEAN;
	*last = get_unaligned_be32(rec->key);
	*cpg = get_unaligned_le32(rec->data);
	if (!*cpg || *cpg > *last)
		return -EUCLEAN;
	return 0;
}

static unsigned int jetk_buf_count(const struct jetk_space_buf *b)
{
	return b->cpg[0] + b->cpg[1];
}

static bool jetk_buf_take(struct jetk_space_buf *b, u32 *pgno)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (!b->cpg[i])
			continue;
		*pgno = b->last[i] - b->cpg[i] + 1;
		b->cpg[i]--;
		return true;
	}
	return false;
}

/* Add a page to a split buffer if it extends an extent or fills a slot. */
static bool jetk_buf_add(struct jetk_space_buf *b, u32 pgno)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (b->cpg[i] && b->last[i] + 1 == pgno) {
			b->last[i]++;
			b->cpg[i]++;
			return true;
		}
		if (b->cpg[i] && b->last[i] - b->cpg[i] + 1 == pgno + 1) {
			b->cpg[i]++;
			return true;
		}
	}
	for (i = 0; i < 2; i++) {
		if (!b->cpg[i]) {
			b->last[i] = pgno;
			b->cpg[i] = 1;
			return true;
		}
	}
	return false;
}

static struct jetk_space *jetk_space_of(struct jetk_bt *bt, int *tree)
{
	struct jetk_space *sp = bt->private;

	*tree = bt == &sp->oe ? 0 : 1;
	return sp;
}

static int jetk_space_tree_get(struct jetk_bt *bt, u32 *pgno)
{
	int t;
	struct jetk_space *sp = jetk_space_of(bt, &t);

	lockdep_assert_held(&sp->lock);
	if (jetk_buf_take(&sp->buf[t], pgno) ||
	    jetk_buf_take(&sp->buf[!t], pgno))
		return 0;
	return -ENOSPC;
}

static void jetk_space_tree_put(struct jetk_bt *bt, u32 pgno)
{
	int t;
	struct jetk_space *sp = jetk_space_of(bt, &t);

	lockdep_assert_held(&sp->lock);
	if (WARN_ON_ONCE(sp->npending == JETK_SPACE_PENDING_MAX))
		return;	/* the page stays owned and unused: a leak, not a loss */
	sp->pending[sp->npending++] = pgno;
}

/* Space trees nest inside object trees: a lock class of their own. */
static struct lock_class_key jetk_space_bt_key;

static const struct jetk_bt_ops jetk_space_bt_ops = {
	.get_page = jetk_space_tree_get,
	.put_page = jetk_space_tree_put,
};

/* Write split buffer @t to its tree's root page. */
static int jetk_space_buf_store(struct jetk_space *sp, int t)
{
	struct jetk_edb_split_buffer sb;
	struct jetk_frame *fr;
	struct jetk_page pg;
	int i, ret;

	for (i = 0; i < 2; i++) {
		sb.ext[i].pgno_last = cpu_to_le32(sp->buf[t].cpg[i] ?
						  sp->buf[t].last[i] : 0);
		sb.ext[i].cpg = cpu_to_le32(sp->buf[t].cpg[i]);
	}
	ret = jetk_cache_read(sp->file, sp->pgno_oe + t, &fr);
	if (ret)
		return ret;
	jetk_page_view(&pg, fr->data, jetk_cache_page_size(sp->file->cache));
	ret = jetk_page_set_ext(&pg, &sb, sizeof(sb));
	if (!ret)
		jetk_cache_mark_dirty(fr, 0);
	jetk_cache_release(fr);
	return ret;
}

static int jetk_space_buf_load(struct jetk_space *sp, int t)
{
	const struct jetk_edb_split_buffer *sb;
	struct jetk_frame *fr;
	struct jetk_page pg;
	unsigned int len;
	const u8 *ext;
	int i, ret;

	ret = jetk_cache_read(sp->file, sp->pgno_oe + t, &fr);
	if (ret)
		return ret;
	jetk_page_view(&pg, fr->data, jetk_cache_page_size(sp->file->cache));
	memset(&sp->buf[t], 0, sizeof(sp->buf[t]));
	ret = jetk_page_ext(&pg, &ext, &len);
	if (!ret && len >= sizeof(*sb)) {
		sb = (const void *)ext;
		for (i = 0; i < 2; i++) {
			sp->buf[t].last[i] = le32_to_cpu(sb->ext[i].pgno_last);
			sp->buf[t].cpg[i] = le32_to_cpu(sb->ext[i].cpg);
			if (sp->buf[t].cpg[i] > sp->buf[t].last[i])
				ret = -EUCLEAN;
		}
	}
	jetk_cache_release(fr);
	return ret;
}

static struct jetk_bt_rec *jetk_space_rec_alloc(void)
{
	struct jetk_bt_rec *rec = kzalloc(sizeof(*rec) + 4, GFP_NOIO);

	if (rec) {
		rec->data = (u8 *)(rec + 1);
		rec->data_max = 4;
	}
	return rec;
}

/*
 * Take @cpg contiguous pages from the front of the first available
 * extent large enough.  Shrinks or deletes one AE entry: never splits.
 */
static int jetk_space_take(struct jetk_space *sp, u32 cpg, u32 *first)
{
	struct jetk_bt_rec *rec = jetk_space_rec_alloc();
	u32 last, have;
	__le32 left;
	int ret;

	if (!rec)
		return -ENOMEM;
	ret = jetk_bt_seek(&sp->ae, NULL, 0, JETK_BT_FIRST, rec);
	while (!ret) {
		ret = jetk_space_rec(rec, &last, &have);
		if (ret)
			break;
		if (have >= cpg) {
			*first = last - have + 1;
			if (have == cpg) {
				ret = jetk_bt_delete(&sp->ae, rec->key, 4);
			} else {
				left = cpu_to_le32(have - cpg);
				ret = jetk_bt_replace(&sp->ae, rec->key, 4,
						      &left, 4);
			}
			break;
		}
		ret = jetk_bt_seek(&sp->ae, rec->key, 4, JETK_BT_GT, rec);
	}
	kfree(rec);
	return ret;
}

/*
 * Record [first, first + cpg) in a space tree, merging with the extents
 * that end right before it and start right after it.  The merged extent
 * is written before the left one is removed, so a failure leaves the
 * tree as it was.
 */
static int jetk_space_add(struct jetk_space *sp, struct jetk_bt *bt,
			  u32 first, u32 cpg)
{
	struct jetk_bt_rec *rec = jetk_space_rec_alloc();
	u32 last = first + cpg - 1, l2, c2, left = 0;
	u8 key[4], lkey[4];
	__le32 n;
	int ret;

	if (!rec)
		return -ENOMEM;
	if (first > 1) {
		jetk_space_key(first - 1, lkey);
		ret = jetk_bt_seek(bt, lkey, 4, JETK_BT_EQ, rec);
		if (!ret)
			ret = jetk_space_rec(rec, &l2, &left);
		else if (ret == -ENOENT)
			ret = 0;
		if (ret)
			goto out;
	}
	jetk_space_key(last + 1, key);
	ret = jetk_bt_seek(bt, key, 4, JETK_BT_GE, rec);
	if (!ret) {
		ret = jetk_space_rec(rec, &l2, &c2);
		if (ret)
			goto out;
		if (l2 - c2 + 1 == last + 1) {
			/* Grows downward: same key, larger count. */
			n = cpu_to_le32(c2 + cpg + left);
			ret = jetk_bt_replace(bt, rec->key, 4, &n, 4);
			goto out_left;
		}
	} else if (ret != -ENOENT) {
		goto out;
	}
	jetk_space_key(last, key);
	n = cpu_to_le32(cpg + left);
	ret = jetk_bt_insert(bt, key, 4, &n, 4);
out_left:
	if (!ret && left)
		ret = jetk_bt_delete(bt, lkey, 4);
out:
	kfree(rec);
	return ret;
}

static int jetk_space_buf_need(struct jetk_space *sp, int t,
			       unsigned int *need);

/*
 * Get an extent from the parent, or by growing the database, big enough
 * for @want contiguous available pages after the split buffers took what
 * they need.
 */
static int jetk_space_more(struct jetk_space *sp, u32 want)
{
	u32 first, p, n, cpg = max(want + 2 * JETK_SPACE_BUF_MIN,
				   sp->grow_cpg);
	unsigned int need[2];
	int t, ret;

	for (t = 0; t < 2; t++) {
		ret = jetk_space_buf_need(sp, t, &need[t]);
		if (ret)
			return ret;
	}
	if (sp->parent) {
		ret = jetk_space_alloc_extent(sp->parent, cpg, &first);
	} else {
		ret = sp->ops->grow(sp, cpg, &first);
		/* Near the size limit: what is needed, if not a full step. */
		if (ret == -ENOSPC && cpg > want + 2 * JETK_SPACE_BUF_MIN) {
			cpg = want + 2 * JETK_SPACE_BUF_MIN;
			ret = sp->ops->grow(sp, cpg, &first);
		}
	}
	if (ret)
		return ret;
	/* Split buffers first: the inserts below may split. */
	p = first;
	n = cpg;
	for (t = 0; t < 2; t++)
		while (n && jetk_buf_count(&sp->buf[t]) < need[t] &&
		       jetk_buf_add(&sp->buf[t], p)) {
			p++;
			n--;
		}
	ret = jetk_space_add(sp, &sp->oe, first, cpg);
	if (!ret && n)
		ret = jetk_space_add(sp, &sp->ae, p, n);
	return ret;
}

/*
 * Pages split buffer @t needs: none while the tree is a single leaf with
 * room for the few entries one operation adds (small objects keep their
 * extents whole, as ESE lays them out), a split at every level otherwise.
 */
static int jetk_space_buf_need(struct jetk_space *sp, int t,
			       unsigned int *need)
{
	struct jetk_frame *fr;
	struct jetk_page pg;
	int ret;

	ret = jetk_cache_read(sp->file, sp->pgno_oe + t, &fr);
	if (ret)
		return ret;
	jetk_page_view(&pg, fr->data, jetk_cache_page_size(sp->file->cache));
	*need = (jetk_page_flags(&pg) & JETK_PG_LEAF) &&
		jetk_page_free(&pg) >= 4 * jetk_page_node_cost(4, 4) ?
		0 : JETK_SPACE_BUF_MIN;
	jetk_cache_release(fr);
	return 0;
}

/* Top both split buffers up from the front of available extents. */
static int jetk_space_reserve(struct jetk_space *sp)
{
	struct jetk_bt_rec *rec;
	u32 last, cpg, front;
	unsigned int need;
	int t, ret = 0;

	rec = jetk_space_rec_alloc();
	if (!rec)
		return -ENOMEM;
	for (t = 0; t < 2 && !ret; t++) {
		ret = jetk_space_buf_need(sp, t, &need);
		if (ret)
			break;
		while (jetk_buf_count(&sp->buf[t]) < need) {
			struct jetk_space_buf probe = sp->buf[t];

			ret = jetk_bt_seek(&sp->ae, NULL, 0, JETK_BT_FIRST, rec);
			if (ret == -ENOENT) {
				ret = jetk_space_more(sp, 1);
				if (ret)
					break;
				continue;
			}
			if (!ret)
				ret = jetk_space_rec(rec, &last, &cpg);
			if (ret)
				break;
			front = last - cpg + 1;
			/* Only pages the buffer can hold are taken. */
			if (!jetk_buf_add(&probe, front))
				break;
			ret = jetk_space_take(sp, 1, &front);
			if (ret)
				break;
			if (WARN_ON_ONCE(!jetk_buf_add(&sp->buf[t], front))) {
				ret = -EUCLEAN;
				break;
			}
		}
	}
	kfree(rec);
	return ret;
}

/* Give back what the space trees freed, then persist the split buffers. */
static int jetk_space_finish(struct jetk_space *sp, int ret)
{
	int err, rounds = 0;
	u32 p;

	while (sp->npending && rounds++ < 4 * JETK_SPACE_PENDING_MAX) {
		p = sp->pending[--sp->npending];
		if (jetk_buf_count(&sp->buf[0]) < 2 * JETK_SPACE_BUF_MIN &&
		    jetk_buf_add(&sp->buf[0], p))
			continue;
		if (jetk_buf_count(&sp->buf[1]) < 2 * JETK_SPACE_BUF_MIN &&
		    jetk_buf_add(&sp->buf[1], p))
			continue;
		err = jetk_space_add(sp, &sp->ae, p, 1);
		if (err && !ret)
			ret = err;
	}
	err = jetk_space_buf_store(sp, 0);
	if (err && !ret)
		ret = err;
	err = jetk_space_buf_store(sp, 1);
	if (err && !ret)
		ret = err;
	return ret;
}

static void jetk_space_init(struct jetk_space *sp, struct jetk_cache_file *file,
			    u32 fdp, u32 objid, struct jetk_space *parent,
			    atomic64_t *dbtime)
{
	memset(sp, 0, sizeof(*sp));
	sp->file = file;
	sp->fdp = fdp;
	sp->objid = objid;
	sp->pgno_oe = fdp + 1;
	sp->parent = parent;
	sp->grow_cpg = 16;
	sp->depth = parent ? parent->depth + 1 : 0;
	mutex_init(&sp->lock);
	jetk_bt_init(&sp->oe, file, sp->pgno_oe, objid, JETK_PG_SPACE_TREE,
		     dbtime, &jetk_space_bt_ops, sp);
	jetk_bt_init(&sp->ae, file, sp->pgno_oe + 1, objid, JETK_PG_SPACE_TREE,
		     dbtime, &jetk_space_bt_ops, sp);
	lockdep_set_class(&sp->oe.lock, &jetk_space_bt_key);
	lockdep_set_class(&sp->ae.lock, &jetk_space_bt_key);
}

/**
 * jetk_space_create() - space trees of a new object
 * @sp: filled
 * @file: the database's pages
 * @fdp: the object's root page: its first extent starts there
 * @objid: the object id
 * @cpg: pages of the first extent, fdp .. fdp + cpg - 1 (at least 3: the
 *	root and the two space-tree roots)
 * @parent: the object the extent came from, NULL for the database root
 * @dbtime: the database time counter
 *
 * The object's own root page is the caller's: it carries the header from
 * jetk_space_header().
 *
 * Return: 0 or a negative errno.
 */
int jetk_space_create(struct jetk_space *sp, struct jetk_cache_file *file,
		      u32 fdp, u32 objid, u32 cpg, struct jetk_space *parent,
		      atomic64_t *dbtime)
{
	struct jetk_edb_split_buffer sb = { };
	int ret;

	if (cpg < 3 || (parent && parent->depth >= MAX_LOCKDEP_SUBCLASSES - 1))
		return -EINVAL;
	jetk_space_init(sp, file, fdp, objid, parent, dbtime);
	sp->cpg_primary = cpg;
	mutex_lock_nested(&sp->lock, sp->depth);
	ret = jetk_bt_create(&sp->oe, &sb, sizeof(sb));
	if (!ret)
		ret = jetk_bt_create(&sp->ae, &sb, sizeof(sb));
	if (!ret)
		ret = jetk_space_add(sp, &sp->oe, fdp, cpg);
	if (!ret && cpg > 3)
		ret = jetk_space_add(sp, &sp->ae, fdp + 3, cpg - 3);
	mutex_unlock(&sp->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_space_create);

/* The space header (external header) of an object's root page. */
static int jetk_space_read_header(struct jetk_cache_file *file, u32 fdp,
				  struct jetk_edb_space_header *sph)
{
	struct jetk_frame *fr;
	struct jetk_page pg;
	unsigned int len;
	const u8 *ext;
	int ret;

	ret = jetk_cache_read(file, fdp, &fr);
	if (ret)
		return ret;
	jetk_page_view(&pg, fr->data, jetk_cache_page_size(file->cache));
	ret = jetk_page_ext(&pg, &ext, &len);
	if (!ret && len < sizeof(*sph))
		ret = -EUCLEAN;
	if (!ret)
		memcpy(sph, ext, sizeof(*sph));
	jetk_cache_release(fr);
	return ret;
}

/**
 * jetk_space_open() - the space of an existing object
 * @sp: filled
 * @file: the database's pages
 * @fdp: the object's root page (carrying its space header)
 * @objid: the object id
 * @parent: the object its extents come from, NULL for the database root
 * @dbtime: the database time counter
 *
 * Return: 0, -EUCLEAN for a bad space header, or an I/O error.
 */
int jetk_space_open(struct jetk_space *sp, struct jetk_cache_file *file,
		    u32 fdp, u32 objid, struct jetk_space *parent,
		    atomic64_t *dbtime)
{
	struct jetk_edb_space_header sph;
	u32 oe, cpg;
	int ret;

	if (parent && parent->depth >= MAX_LOCKDEP_SUBCLASSES - 1)
		return -EINVAL;
	ret = jetk_space_read_header(file, fdp, &sph);
	if (ret)
		return ret;
	/* Single-extent objects: jetk_space_convert(). */
	if (!(le32_to_cpu(sph.flags) & JETK_SPH_MULTIPLE_EXTENT))
		return -EOPNOTSUPP;
	oe = le32_to_cpu(sph.pgno_oe);
	cpg = le32_to_cpu(sph.cpg_primary);
	jetk_space_init(sp, file, fdp, objid, parent, dbtime);
	sp->pgno_oe = oe;
	sp->cpg_primary = cpg;
	sp->oe.root = oe;
	sp->ae.root = oe + 1;
	ret = jetk_space_buf_load(sp, 0);
	if (!ret)
		ret = jetk_space_buf_load(sp, 1);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_space_open);

/**
 * jetk_space_header() - the space header for the object's root page
 * @sp: the object's space
 * @sph: filled (struct jetk_edb_space_header)
 */
void jetk_space_header(const struct jetk_space *sp, void *sph)
{
	struct jetk_edb_space_header *h = sph;

	h->cpg_primary = cpu_to_le32(sp->cpg_primary);
	h->pgno_parent = cpu_to_le32(sp->parent ? sp->parent->fdp : 0);
	h->flags = cpu_to_le32(JETK_SPH_MULTIPLE_EXTENT);
	h->pgno_oe = cpu_to_le32(sp->pgno_oe);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_space_header);

/**
 * jetk_space_alloc_extent() - contiguous pages for the object or a child
 * @sp: the object
 * @cpg: pages wanted
 * @first: the first of them
 *
 * Return: 0, -ENOSPC when the database cannot grow, or an I/O error.
 */
int jetk_space_alloc_extent(struct jetk_space *sp, u32 cpg, u32 *first)
{
	int ret;

	if (!cpg)
		return -EINVAL;
	mutex_lock_nested(&sp->lock, sp->depth);
	ret = jetk_space_reserve(sp);
	if (!ret) {
		ret = jetk_space_take(sp, cpg, first);
		if (ret == -ENOENT) {
			ret = jetk_space_more(sp, cpg);
			if (!ret)
				ret = jetk_space_take(sp, cpg, first);
		}
	}
	ret = jetk_space_finish(sp, ret);
	mutex_unlock(&sp->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_space_alloc_extent);

/**
 * jetk_space_alloc() - one page for the object's own tree
 * @sp: the object
 * @pgno: the page
 *
 * Return: as jetk_space_alloc_extent().
 */
int jetk_space_alloc(struct jetk_space *sp, u32 *pgno)
{
	return jetk_space_alloc_extent(sp, 1, pgno);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_space_alloc);

/**
 * jetk_space_free() - a page of the object is no longer used
 * @sp: the object
 * @pgno: the page
 *
 * Return: 0 or a negative errno.
 */
int jetk_space_free(struct jetk_space *sp, u32 pgno)
{
	int ret;

	mutex_lock_nested(&sp->lock, sp->depth);
	ret = jetk_space_reserve(sp);
	if (!ret)
		ret = jetk_space_add(sp, &sp->ae, pgno, 1);
	ret = jetk_space_finish(sp, ret);
	mutex_unlock(&sp->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_space_free);

/**
 * jetk_space_merge_right() - online defragmentation of a space tree: one
 *	jetk_bt_merge_right() step
 * @sp: the object
 * @ae: the available-extent tree (else the owned-extent tree)
 * @key: as jetk_bt_merge_right()
 * @key_len: its length
 * @flags: JETK_BT_MERGE_*
 * @what: out: what merged
 * @next: out: where the next step starts
 * @next_len: out: its length
 *
 * A page the merge frees goes to a split buffer or the AE tree, as any
 * page a space tree frees.
 *
 * Return: as jetk_bt_merge_right().
 */
int jetk_space_merge_right(struct jetk_space *sp, bool ae, const u8 *key,
			   unsigned int key_len, unsigned int flags,
			   enum jetk_bt_merged *what, u8 *next,
			   unsigned int *next_len)
{
	int ret, end;

	mutex_lock_nested(&sp->lock, sp->depth);
	ret = jetk_space_reserve(sp);
	if (!ret)
		ret = jetk_bt_merge_right(ae ? &sp->ae : &sp->oe, key, key_len,
					  flags, what, next, next_len);
	/* -ENOENT ends the walk; it is no failure to give pages back. */
	end = ret == -ENOENT;
	ret = jetk_space_finish(sp, end ? 0 : ret);
	mutex_unlock(&sp->lock);
	return ret ? ret : end ? -ENOENT : 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_space_merge_right);

/* Sum the extents of a space tree. */
static int jetk_space_sum(struct jetk_bt *bt, u32 *pages, unsigned int *n)
{
	struct jetk_bt_rec *rec = jetk_space_rec_alloc();
	u32 last, cpg;
	int ret;

	if (!rec)
		return -ENOMEM;
	*pages = 0;
	if (n)
		*n = 0;
	ret = jetk_bt_seek(bt, NULL, 0, JETK_BT_FIRST, rec);
	while (!ret) {
		ret = jetk_space_rec(rec, &last, &cpg);
		if (ret)
			break;
		*pages += cpg;
		if (n)
			(*n)++;
		ret = jetk_bt_seek(bt, rec->key, 4, JETK_BT_GT, rec);
	}
	kfree(rec);
	return ret == -ENOENT ? 0 : ret;
}

/**
 * jetk_space_count() - pages an object owns, and how many it does not use
 * @sp: the object
 * @owned: pages in its owned extents
 * @avail: pages in its available extents
 *
 * Return: 0, -EUCLEAN or an I/O error.
 */
int jetk_space_count(struct jetk_space *sp, u32 *owned, u32 *avail)
{
	int ret;

	mutex_lock_nested(&sp->lock, sp->depth);
	ret = jetk_space_sum(&sp->oe, owned, NULL);
	if (!ret)
		ret = jetk_space_sum(&sp->ae, avail, NULL);
	mutex_unlock(&sp->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_space_count);

/**
 * jetk_space_release() - give every extent of an object back to its parent
 * @sp: the object; nothing uses its pages any more
 *
 * The object's own pages (root, space trees) go with its extents; its
 * space must not be used afterwards.
 *
 * Return: 0, or an error; extents given back before it stay given.
 */
int jetk_space_release(struct jetk_space *sp)
{
	struct jetk_space *parent = sp->parent;
	struct jetk_bt_rec *rec;
	u32 last, cpg;
	int ret;

	if (!parent)
		return -EINVAL;
	rec = jetk_space_rec_alloc();
	if (!rec)
		return -ENOMEM;
	mutex_lock_nested(&sp->lock, sp->depth);
	mutex_lock_nested(&parent->lock, parent->depth);
	ret = jetk_space_reserve(parent);
	/* The OE tree is read while its extents go: walk it by key. */
	if (!ret)
		ret = jetk_bt_seek(&sp->oe, NULL, 0, JETK_BT_FIRST, rec);
	while (!ret) {
		ret = jetk_space_rec(rec, &last, &cpg);
		if (!ret)
			ret = jetk_space_add(parent, &parent->ae,
					     last - cpg + 1, cpg);
		if (!ret)
			ret = jetk_bt_seek(&sp->oe, rec->key, 4, JETK_BT_GT,
					   rec);
	}
	if (ret == -ENOENT)
		ret = 0;
	ret = jetk_space_finish(parent, ret);
	mutex_unlock(&parent->lock);
	mutex_unlock(&sp->lock);
	kfree(rec);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_space_release);

/**
 * jetk_space_convert() - give a single-extent object its space trees
 * @sp: filled: the object's space, multiple-extent
 * @file: the database's pages
 * @fdp: the object's root page, with a single-extent space header (ESE
 *	keeps small objects so: a primary extent of at most 32 pages and a
 *	bitmap of the free ones)
 * @objid: its object id
 * @parent: the space it came from
 * @dbtime: the database time
 *
 * What ESE does when such an object needs more room, done when jetk
 * first uses it for writing: two adjacent free pages of the extent (or a
 * new extent from @parent) become the roots of the owned- and available-
 * extent trees, the extent goes into the first, its free pages into the
 * second, and the root's header says so.
 *
 * Return: 0, -EUCLEAN for a header or bitmap that does not add up,
 * -ENOSPC, or an I/O error.  On error the root still has its old header
 * (pages taken from @parent stay taken).
 */
int jetk_space_convert(struct jetk_space *sp, struct jetk_cache_file *file,
		       u32 fdp, u32 objid, struct jetk_space *parent,
		       atomic64_t *dbtime)
{
	struct jetk_edb_split_buffer sb = { };
	struct jetk_edb_space_header sph;
	struct jetk_frame *fr;
	struct jetk_page pg;
	u32 cpg, avail, flags, oe = 0, first = 0, extra = 0, i;
	int ret;

	if (!parent || parent->depth >= MAX_LOCKDEP_SUBCLASSES - 1)
		return -EINVAL;
	ret = jetk_space_read_header(file, fdp, &sph);
	if (ret)
		return ret;
	cpg = le32_to_cpu(sph.cpg_primary);
	flags = le32_to_cpu(sph.flags);
	avail = le32_to_cpu(sph.pgno_oe);
	if ((flags & JETK_SPH_MULTIPLE_EXTENT) || !cpg ||
	    cpg > JETK_SPH_SINGLE_MAX + 1 || U32_MAX - fdp < cpg)
		return -EUCLEAN;
	/* Bits past the extent must be clear. */
	if (cpg - 1 < 32 && (avail >> (cpg - 1)))
		return -EUCLEAN;
	/* Two adjacent free pages for the tree roots, else a new extent. */
	for (i = 0; i + 1 < cpg - 1; i++) {
		if ((avail & BIT(i)) && (avail & BIT(i + 1))) {
			oe = fdp + 1 + i;
			avail &= ~(BIT(i) | BIT(i + 1));
			break;
		}
	}
	if (!oe) {
		extra = max_t(u32, 2, JETK_SPACE_BUF_MIN);
		ret = jetk_space_alloc_extent(parent, extra, &first);
		if (ret)
			return ret;
		oe = first;
	}

	jetk_space_init(sp, file, fdp, objid, parent, dbtime);
	sp->pgno_oe = oe;
	sp->cpg_primary = cpg;
	sp->oe.root = oe;
	sp->ae.root = oe + 1;
	mutex_lock_nested(&sp->lock, sp->depth);
	ret = jetk_bt_create(&sp->oe, &sb, sizeof(sb));
	if (!ret)
		ret = jetk_bt_create(&sp->ae, &sb, sizeof(sb));
	if (!ret)
		ret = jetk_space_add(sp, &sp->oe, fdp, cpg);
	if (!ret && extra)
		ret = jetk_space_add(sp, &sp->oe, first, extra);
	for (i = 0; !ret && i < cpg - 1 && i < 32; i++)
		if (avail & BIT(i))
			ret = jetk_space_add(sp, &sp->ae, fdp + 1 + i, 1);
	if (!ret && extra > 2)
		ret = jetk_space_add(sp, &sp->ae, first + 2, extra - 2);
	mutex_unlock(&sp->lock);
	if (ret)
		return ret;

	/* Last, the root's header: from here on the trees are the truth. */
	ret = jetk_cache_read(file, fdp, &fr);
	if (ret)
		return ret;
	jetk_page_view(&pg, fr->data, jetk_cache_page_size(file->cache));
	jetk_space_header(sp, &sph);
	sph.flags |= cpu_to_le32(flags & ~JETK_SPH_MULTIPLE_EXTENT &
				 JETK_SPH_NON_UNIQUE);
	ret = jetk_page_set_ext(&pg, &sph, sizeof(sph));
	if (!ret)
		jetk_cache_mark_dirty(fr, 0);
	jetk_cache_release(fr);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_space_convert);
