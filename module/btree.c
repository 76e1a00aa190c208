// SPDX-License-Identifier: GPL-2.0-only
/*
 * B+ trees of .edb pages (see btree.h).
 *
 * Shape (ref/ese-format.md 5.1): in an internal page, node i holds key
 * K_i and the child page whose keys are all below K_i and at or above
 * K_(i-1); the last node of the rightmost page of a level has an empty
 * key, meaning +infinity.  Leaves hold the data and are chained by
 * pgno_prev/pgno_next.
 *
 * A change first descends from the root, holding every page of the path.
 * When a page overflows, its nodes (old and new) are laid out again over
 * itself and a new right sibling, and a separator goes up into the
 * parent, which may overflow in turn.  An overflowing root moves its
 * nodes into two new children and keeps only their separators, so the
 * root page number never changes.  Every page a change may need is
 * allocated before anything is modified: a change either happens whole
 * or leaves the tree as it was.
 *
 * Appending past the last key (the common bulk-load pattern) splits
 * without moving anything, so sequentially loaded trees come out full.
 * A leaf that becomes empty leaves the tree and its page is freed.
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "btree.h"
#include "cache.h"
#include "compat.h"
#include "format.h"
#include "page.h"

#define JETK_BT_DEPTH_MAX	16

struct jetk_bt_level {
	struct jetk_frame *fr;
	struct jetk_page pg;
	unsigned int pos;	/* child taken (internal) or slot (leaf) */
};

struct jetk_bt_path {
	unsigned int depth;	/* levels held; the last one is the leaf */
	struct jetk_bt_level lv[JETK_BT_DEPTH_MAX];
};

/* One node, with its key fully assembled, during a re-layout. */
struct jetk_bt_item {
	const u8 *key;
	unsigned int key_len;
	const u8 *data;
	unsigned int data_len;
	u8 flags;
};

/**
 * jetk_bt_init() - set up a tree handle
 * @bt: the handle
 * @file: the database's pages
 * @root: the root page
 * @objid: the tree's object id
 * @page_flags: extra JETK_PG_* flags for its pages
 * @dbtime: the database time counter
 * @ops: page allocation
 * @private: the owner's cookie
 */
void jetk_bt_init(struct jetk_bt *bt, struct jetk_cache_file *file, u32 root,
		  u32 objid, u32 page_flags, atomic64_t *dbtime,
		  const struct jetk_bt_ops *ops, void *private)
{
	bt->file = file;
	bt->root = root;
	bt->objid = objid;
	bt->page_flags = page_flags;
	bt->dbtime = dbtime;
	bt->ops = ops;
	bt->private = private;
	init_rwsem(&bt->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bt_init);

static unsigned int jetk_bt_psize(const struct jetk_bt *bt)
{
	return jetk_cache_page_size(bt->file->cache);
}

static void jetk_bt_dirty(struct jetk_bt *bt, struct jetk_bt_level *l)
{
	jetk_page_set_dbtime(&l->pg, atomic64_inc_return(bt->dbtime));
	jetk_cache_mark_dirty(l->fr, 0);
}

static void jetk_bt_release(struct jetk_bt_path *path)
{
	while (path->depth)
		jetk_cache_release(path->lv[--path->depth].fr);
}

static int jetk_bt_get(struct jetk_bt *bt, u32 pgno, struct jetk_bt_level *l)
{
	int ret = jetk_cache_read(bt->file, pgno, &l->fr);

	if (ret)
		return ret;
	jetk_page_view(&l->pg, l->fr->data, jetk_bt_psize(bt));
	if (jetk_page_objid(&l->pg) != bt->objid) {
		jetk_cache_release(l->fr);
		return -EUCLEAN;
	}
	return 0;
}

static bool jetk_bt_is_leaf(const struct jetk_bt_level *l)
{
	return jetk_page_flags(&l->pg) & JETK_PG_LEAF;
}

/* Child page of internal node @i. */
static int jetk_bt_child(const struct jetk_page *pg, unsigned int i, u32 *pgno)
{
	struct jetk_node nd;
	int ret = jetk_page_node(pg, i, &nd);

	if (ret)
		return ret == -ERANGE ? -EUCLEAN : ret;
	if (nd.data_len != 4)
		return -EUCLEAN;
	*pgno = get_unaligned_le32(nd.data);
	return 0;
}

/*
 * Descend to the leaf where @key belongs, holding every page on the way.
 * The leaf's pos is the first node whose key is >= @key; *@exact says
 * whether it equals @key.
 */
static int jetk_bt_descend_edge(struct jetk_bt *bt, const u8 *key,
				unsigned int len, bool rightmost,
				struct jetk_bt_path *path, bool *exact)
{
	u32 pgno = bt->root;
	int ret;

	path->depth = 0;
	for (;;) {
		struct jetk_bt_level *l = &path->lv[path->depth];
		unsigned int pos;

		if (path->depth == JETK_BT_DEPTH_MAX) {
			ret = -EUCLEAN;
			goto fail;
		}
		ret = jetk_bt_get(bt, pgno, l);
		if (ret)
			goto fail;
		path->depth++;
		if (rightmost) {
			pos = jetk_page_nodes(&l->pg);
			*exact = false;
			if (!jetk_bt_is_leaf(l) && pos)
				pos--;
		} else {
			ret = jetk_page_search(&l->pg, key, len, &pos, exact);
			if (ret)
				goto fail;
		}
		if (jetk_bt_is_leaf(l)) {
			l->pos = pos;
			return 0;
		}
		/* Keys equal to a separator live in the next child. */
		if (*exact)
			pos++;
		/*
		 * The last node takes every key the parent sends here, also
		 * those past its own key (ESE does the same: see
		 * jetk_bt_widen() for how such keys come about).
		 */
		if (!jetk_page_nodes(&l->pg)) {
			ret = -EUCLEAN;
			goto fail;
		}
		if (pos >= jetk_page_nodes(&l->pg))
			pos = jetk_page_nodes(&l->pg) - 1;
		l->pos = pos;
		ret = jetk_bt_child(&l->pg, pos, &pgno);
		if (ret)
			goto fail;
	}
fail:
	jetk_bt_release(path);
	return ret;
}

static int jetk_bt_descend(struct jetk_bt *bt, const u8 *key,
			   unsigned int len, struct jetk_bt_path *path,
			   bool *exact)
{
	return jetk_bt_descend_edge(bt, key, len, false, path, exact);
}

/**
 * jetk_bt_create() - format the root page of a new, empty tree
 * @bt: the tree (its root page allocated by the caller)
 * @ext: the root's external header (a space header), or NULL
 * @ext_len: its length
 *
 * Return: 0 or a negative errno.
 */
int jetk_bt_create(struct jetk_bt *bt, const void *ext, unsigned int ext_len)
{
	struct jetk_bt_level l;
	int ret;

	ret = jetk_cache_new(bt->file, bt->root, &l.fr);
	if (ret)
		return ret;
	jetk_page_view(&l.pg, l.fr->data, jetk_bt_psize(bt));
	jetk_page_init(&l.pg, bt->root, bt->objid,
		       JETK_PG_ROOT | JETK_PG_LEAF | bt->page_flags,
		       atomic64_inc_return(bt->dbtime));
	ret = ext_len ? jetk_page_set_ext(&l.pg, ext, ext_len) : 0;
	if (!ret)
		jetk_cache_mark_dirty(l.fr, 0);
	jetk_cache_release(l.fr);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bt_create);

/*
 * Copy a page's nodes out as items (keys assembled), with room for
 * @extra more items.  The item bytes live in *@bufp, which the caller
 * frees.
 */
static int jetk_bt_items(const struct jetk_page *pg, unsigned int extra,
			 struct jetk_bt_item **itemsp, unsigned int *np,
			 u8 **bufp)
{
	unsigned int n = jetk_page_nodes(pg), i, need = 0, o = 0;
	struct jetk_bt_item *items;
	struct jetk_node nd;
	u8 *buf;
	int ret;

	for (i = 0; i < n; i++) {
		ret = jetk_page_node(pg, i, &nd);
		if (ret)
			return ret;
		need += nd.prefix_len + nd.suffix_len + nd.data_len;
	}
	items = kcalloc(n + extra, sizeof(*items), GFP_NOIO);
	buf = kmalloc(max(need, 1U), GFP_NOIO);
	if (!items || !buf) {
		kfree(items);
		kfree(buf);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		ret = jetk_page_node(pg, i, &nd);
		if (ret)
			goto fail;
		ret = jetk_page_node_key(pg, &nd, buf + o, need - o);
		if (ret < 0)
			goto fail;
		items[i].key = buf + o;
		items[i].key_len = ret;
		o += ret;
		memcpy(buf + o, nd.data, nd.data_len);
		items[i].data = buf + o;
		items[i].data_len = nd.data_len;
		items[i].flags = nd.flags & ~JETK_ND_COMPRESSED;
		o += nd.data_len;
	}
	*itemsp = items;
	*np = n;
	*bufp = buf;
	return 0;
fail:
	kfree(items);
	kfree(buf);
	return ret < 0 ? ret : -EUCLEAN;
}

static void jetk_bt_item_insert(struct jetk_bt_item *items, unsigned int *n,
				unsigned int at, const struct jetk_bt_item *it)
{
	memmove(&items[at + 1], &items[at], (*n - at) * sizeof(*items));
	items[at] = *it;
	(*n)++;
}

/* Lay items out on a freshly formatted page. */
static int jetk_bt_fill(struct jetk_bt *bt, struct jetk_page *pg, u32 pgno,
			u32 flags, const void *ext, unsigned int ext_len,
			const struct jetk_bt_item *items, unsigned int n)
{
	unsigned int i;
	int ret;

	jetk_page_init(pg, pgno, bt->objid, flags,
		       atomic64_inc_return(bt->dbtime));
	if (ext_len) {
		ret = jetk_page_set_ext(pg, ext, ext_len);
		if (ret)
			return ret;
	}
	for (i = 0; i < n; i++) {
		ret = jetk_page_insert(pg, i, items[i].flags, items[i].key,
				       items[i].key_len, items[i].data,
				       items[i].data_len);
		if (ret)
			return ret;
	}
	return 0;
}

/* Bytes a run of items needs on a page with @ext_len of external header. */
static unsigned int jetk_bt_cost(const struct jetk_bt_item *items,
				 unsigned int from, unsigned int to)
{
	unsigned int i, c = 0;

	for (i = from; i < to; i++)
		c += jetk_page_node_cost(items[i].key_len, items[i].data_len);
	return c;
}

/*
 * Where to cut @n items (the new one at @at) so both halves fit pages of
 * @room bytes: at @force when it is not 0, else in the middle by bytes,
 * or, for an append at the end of the rightmost page, right before the
 * new item.
 */
static int jetk_bt_cut(const struct jetk_bt_item *items, unsigned int n,
		       unsigned int at, unsigned int force, bool rightmost,
		       unsigned int room_left, unsigned int room_right,
		       unsigned int *cut)
{
	unsigned int total = jetk_bt_cost(items, 0, n), acc = 0, best = 0, i;

	if (n < 2)
		return -E2BIG;
	if (force) {
		if (force >= n || jetk_bt_cost(items, 0, force) > room_left ||
		    jetk_bt_cost(items, force, n) > room_right)
			return -E2BIG;
		*cut = force;
		return 0;
	}
	if (rightmost && at == n - 1 &&
	    jetk_bt_cost(items, 0, n - 1) <= room_left &&
	    jetk_bt_cost(items, n - 1, n) <= room_right) {
		*cut = n - 1;
		return 0;
	}
	for (i = 1; i < n; i++) {
		acc += jetk_page_node_cost(items[i - 1].key_len,
					   items[i - 1].data_len);
		if (acc > room_left)
			break;
		if (total - acc > room_right)
			continue;
		if (!best || abs((int)(2 * acc) - (int)total) <
			     abs((int)(2 * jetk_bt_cost(items, 0, best)) -
				 (int)total))
			best = i;
	}
	if (!best)
		return -E2BIG;
	*cut = best;
	return 0;
}

/* Shortest key k with a < k <= b (b > a). */
static unsigned int jetk_bt_separator(const struct jetk_bt_item *a,
				      const struct jetk_bt_item *b, u8 *out)
{
	unsigned int i = 0;

	while (i < a->key_len && i < b->key_len && a->key[i] == b->key[i])
		i++;
	if (i >= b->key_len)
		i = b->key_len - 1;	/* cannot happen for a < b; be safe */
	memcpy(out, b->key, i + 1);
	return i + 1;
}

struct jetk_bt_spare {
	u32 pgno[JETK_BT_DEPTH_MAX + 2];
	unsigned int n, used;
};

static int jetk_bt_spare_get(struct jetk_bt *bt, struct jetk_bt_spare *sp,
			     unsigned int n)
{
	int ret;

	sp->n = 0;
	sp->used = 0;
	while (sp->n < n) {
		ret = bt->ops->get_page(bt, &sp->pgno[sp->n]);
		if (ret) {
			while (sp->n)
				bt->ops->put_page(bt, sp->pgno[--sp->n]);
			return ret;
		}
		sp->n++;
	}
	return 0;
}

static void jetk_bt_spare_put(struct jetk_bt *bt, struct jetk_bt_spare *sp)
{
	while (sp->n > sp->used)
		bt->ops->put_page(bt, sp->pgno[--sp->n]);
}

static u32 jetk_bt_level_flags(const struct jetk_page *pg)
{
	return jetk_page_flags(pg) & (JETK_PG_LEAF | JETK_PG_PARENT_OF_LEAF);
}

/* Point a leaf's old right neighbour back at @left_of_it. */
/* Point one of page @pgno's sibling links (0 prev, 1 next) at @to. */
static int jetk_bt_fix_link(struct jetk_bt *bt, u32 pgno, int which, u32 to)
{
	struct jetk_bt_level l;
	int ret;

	if (!pgno)
		return 0;
	ret = jetk_bt_get(bt, pgno, &l);
	if (ret)
		return ret;
	if (which)
		jetk_page_set_siblings(&l.pg, jetk_page_prev(&l.pg), to);
	else
		jetk_page_set_siblings(&l.pg, to, jetk_page_next(&l.pg));
	jetk_bt_dirty(bt, &l);
	jetk_cache_release(l.fr);
	return 0;
}

static int jetk_bt_fix_prev(struct jetk_bt *bt, u32 pgno, u32 prev)
{
	return jetk_bt_fix_link(bt, pgno, 0, prev);
}

/*
 * Level @lvl of @path cannot take its new node set (@items, @n, the new
 * or changed one at @at): split it, at @force when that is not 0.
 * Recurses into the parent.
 */
static int jetk_bt_split(struct jetk_bt *bt, struct jetk_bt_path *path,
			 unsigned int lvl, struct jetk_bt_item *items,
			 unsigned int n, unsigned int at, unsigned int force,
			 struct jetk_bt_spare *sp);

/*
 * Put node set @items on level @lvl: in place if it fits, else split.
 * The page's own nodes are replaced by exactly @items.
 */
static int jetk_bt_store(struct jetk_bt *bt, struct jetk_bt_path *path,
			 unsigned int lvl, struct jetk_bt_item *items,
			 unsigned int n, unsigned int at,
			 struct jetk_bt_spare *sp)
{
	struct jetk_bt_level *l = &path->lv[lvl];
	unsigned int room = l->pg.size - l->pg.hdr - 4;
	const u8 *ext;
	unsigned int ext_len;
	u8 *ext_copy = NULL;
	int ret;

	ret = jetk_page_ext(&l->pg, &ext, &ext_len);
	if (ret)
		return ret;
	if (jetk_bt_cost(items, 0, n) + ext_len > room)
		return jetk_bt_split(bt, path, lvl, items, n, at, 0, sp);
	if (ext_len) {
		ext_copy = kmemdup(ext, ext_len, GFP_NOIO);
		if (!ext_copy)
			return -ENOMEM;
	}
	ret = jetk_bt_fill(bt, &l->pg, l->fr->pgno, jetk_page_flags(&l->pg),
			   ext_copy, ext_len, items, n);
	kfree(ext_copy);
	if (!ret)
		jetk_cache_mark_dirty(l->fr, 0);
	return ret;
}

static int jetk_bt_split(struct jetk_bt *bt, struct jetk_bt_path *path,
			 unsigned int lvl, struct jetk_bt_item *items,
			 unsigned int n, unsigned int at, unsigned int force,
			 struct jetk_bt_spare *sp)
{
	struct jetk_bt_level *l = &path->lv[lvl];
	struct jetk_page *pg = &l->pg;
	unsigned int room = pg->size - pg->hdr - 4, cut, ext_len, pn, i;
	bool leaf = jetk_page_flags(pg) & JETK_PG_LEAF;
	u32 level_flags = jetk_bt_level_flags(pg) | bt->page_flags;
	struct jetk_bt_item *pitems = NULL, sep_item;
	u8 *sep, *pbuf = NULL, *ext_copy = NULL;
	struct jetk_bt_level nl;
	__le32 left_le, right_le;
	const u8 *ext;
	u32 right, prev, next;
	int ret;

	ret = jetk_page_ext(pg, &ext, &ext_len);
	if (ret)
		return ret;
	/* Separators are at most a key long; not on the stack (we recurse). */
	sep = kmalloc(JETK_BT_KEY_MAX, GFP_NOIO);
	if (!sep)
		return -ENOMEM;

	if (lvl == 0) {
		/* The root: its nodes move into two new children. */
		struct jetk_bt_level a, b;
		__le32 a_le, b_le;
		struct jetk_bt_item root_items[2];

		ret = jetk_bt_cut(items, n, at, force, true, room, room, &cut);
		if (!ret && sp->used + 2 > sp->n)
			ret = -ENOSPC;
		if (ret)
			goto out_sep;
		ret = jetk_cache_new(bt->file, sp->pgno[sp->used], &a.fr);
		if (ret)
			goto out_sep;
		ret = jetk_cache_new(bt->file, sp->pgno[sp->used + 1], &b.fr);
		if (ret) {
			jetk_cache_release(a.fr);
			goto out_sep;
		}
		sp->used += 2;
		jetk_page_view(&a.pg, a.fr->data, pg->size);
		jetk_page_view(&b.pg, b.fr->data, pg->size);
		ret = jetk_bt_fill(bt, &a.pg, a.fr->pgno, level_flags, NULL, 0,
				   items, cut);
		if (!ret)
			ret = jetk_bt_fill(bt, &b.pg, b.fr->pgno, level_flags,
					   NULL, 0, items + cut, n - cut);
		if (!ret && leaf) {
			jetk_page_set_siblings(&a.pg, 0, b.fr->pgno);
			jetk_page_set_siblings(&b.pg, a.fr->pgno, 0);
		}
		if (ret)
			goto root_out;
		jetk_cache_mark_dirty(a.fr, 0);
		jetk_cache_mark_dirty(b.fr, 0);
		a_le = cpu_to_le32(a.fr->pgno);
		b_le = cpu_to_le32(b.fr->pgno);
		if (leaf) {
			root_items[0].key_len =
				jetk_bt_separator(&items[cut - 1], &items[cut],
						  sep);
			root_items[0].key = sep;
		} else {
			root_items[0].key = items[cut - 1].key;
			root_items[0].key_len = items[cut - 1].key_len;
		}
		root_items[0].data = (u8 *)&a_le;
		root_items[0].data_len = 4;
		root_items[0].flags = 0;
		root_items[1] = (struct jetk_bt_item){ .key = NULL,
			.key_len = 0, .data = (u8 *)&b_le, .data_len = 4 };
		if (ext_len) {
			ext_copy = kmemdup(ext, ext_len, GFP_NOIO);
			if (!ext_copy) {
				ret = -ENOMEM;
				goto root_out;
			}
		}
		ret = jetk_bt_fill(bt, pg, l->fr->pgno,
				   JETK_PG_ROOT | bt->page_flags |
				   (leaf ? JETK_PG_PARENT_OF_LEAF : 0),
				   ext_copy, ext_len, root_items, 2);
		kfree(ext_copy);
		if (!ret)
			jetk_cache_mark_dirty(l->fr, 0);
root_out:
		jetk_cache_release(a.fr);
		jetk_cache_release(b.fr);
		goto out_sep;
	}

	prev = leaf ? jetk_page_prev(pg) : 0;
	next = leaf ? jetk_page_next(pg) : 0;
	ret = jetk_bt_cut(items, n, at, force, leaf && !next, room, room,
			  &cut);
	if (!ret && sp->used >= sp->n)
		ret = -ENOSPC;
	if (ret)
		goto out_sep;
	right = sp->pgno[sp->used];
	ret = jetk_cache_new(bt->file, right, &nl.fr);
	if (ret)
		goto out_sep;
	sp->used++;
	jetk_page_view(&nl.pg, nl.fr->data, pg->size);

	/* The separator and the parent's new node set, before pages change. */
	if (leaf) {
		sep_item.key_len = jetk_bt_separator(&items[cut - 1],
						     &items[cut], sep);
		sep_item.key = sep;
	} else {
		memcpy(sep, items[cut - 1].key, items[cut - 1].key_len);
		sep_item.key = sep;
		sep_item.key_len = items[cut - 1].key_len;
	}
	ret = jetk_bt_items(&path->lv[lvl - 1].pg, 1, &pitems, &pn, &pbuf);
	if (ret)
		goto out;
	left_le = cpu_to_le32(l->fr->pgno);
	right_le = cpu_to_le32(right);
	i = path->lv[lvl - 1].pos;
	/* Old node i (bound K_i) now leads to the right page ... */
	pitems[i].data = (u8 *)&right_le;
	/* ... and the separator, before it, to the left one. */
	sep_item.data = (u8 *)&left_le;
	sep_item.data_len = 4;
	sep_item.flags = 0;
	jetk_bt_item_insert(pitems, &pn, i, &sep_item);

	ret = jetk_bt_fill(bt, &nl.pg, right, level_flags, NULL, 0,
			   items + cut, n - cut);
	if (ret)
		goto out;
	/* Items are copies: the left half is rebuilt over this very page. */
	ret = jetk_bt_fill(bt, pg, l->fr->pgno, jetk_page_flags(pg), NULL, 0,
			   items, cut);
	if (ret)
		goto out;
	if (leaf) {
		jetk_page_set_siblings(&nl.pg, l->fr->pgno, next);
		jetk_page_set_siblings(pg, prev, right);
		ret = jetk_bt_fix_prev(bt, next, right);
		if (ret)
			goto out;
	}
	jetk_cache_mark_dirty(nl.fr, 0);
	jetk_cache_mark_dirty(l->fr, 0);
	ret = jetk_bt_store(bt, path, lvl - 1, pitems, pn, i, sp);
out:
	kfree(pitems);
	kfree(pbuf);
	jetk_cache_release(nl.fr);
out_sep:
	kfree(sep);
	return ret;
}

/*
 * Can the leaf @l, with its new node set (@items, @n, the new or changed
 * node at @at), be split in two?  The test jetk_bt_split() makes.
 */
static bool jetk_bt_splits_in_two(const struct jetk_bt_path *path,
				  const struct jetk_bt_item *items,
				  unsigned int n, unsigned int at)
{
	const struct jetk_bt_level *l = &path->lv[path->depth - 1];
	unsigned int room = l->pg.size - l->pg.hdr - 4, cut;
	bool rightmost = path->depth == 1 || !jetk_page_next(&l->pg);

	return !jetk_bt_cut(items, n, at, 0, rightmost, room, room, &cut);
}

/*
 * Insert or replace at the leaf of @path, splitting as needed.  @path is
 * a valid (held) path on return, also on error.
 *
 * A leaf of large nodes may not split in two around a large node put
 * between them (long-value chunks of several values written at once make
 * such pages).  Then the leaf is split first as it is, right where the
 * node goes, which puts the node at the end of one of the two pages, and
 * the node is put again: that always splits, into three pages in all.
 */
static int jetk_bt_put(struct jetk_bt *bt, struct jetk_bt_path *path,
		       const u8 *key, unsigned int key_len, const void *data,
		       unsigned int data_len, bool replace)
{
	struct jetk_bt_item *items, it = {
		.key = key, .key_len = key_len, .data = data,
		.data_len = data_len,
	};
	unsigned int lvl, n, pos;
	struct jetk_bt_level *l;
	struct jetk_bt_spare sp;
	bool presplit = false, exact;
	u8 *buf;
	int ret;

again:
	lvl = path->depth - 1;
	l = &path->lv[lvl];
	pos = l->pos;
	ret = replace ? jetk_page_replace(&l->pg, pos, data, data_len) :
			jetk_page_insert(&l->pg, pos, 0, key, key_len, data,
					 data_len);
	if (!ret) {
		jetk_bt_dirty(bt, l);
		return 0;
	}
	if (ret != -ENOSPC)
		return ret;

	/* Enough pages for a split at every level and of the root. */
	ret = jetk_bt_spare_get(bt, &sp, path->depth + 1);
	if (ret)
		return ret;
	ret = jetk_bt_items(&l->pg, 1, &items, &n, &buf);
	if (ret)
		goto out_spare;
	if (replace) {
		it.flags = items[pos].flags;
		items[pos] = it;
	} else {
		jetk_bt_item_insert(items, &n, pos, &it);
	}
	if (!presplit && pos && pos + 1 < n &&
	    !jetk_bt_splits_in_two(path, items, n, pos)) {
		/* The page as it is: the old node back, or none at @pos. */
		kfree(items);
		kfree(buf);
		ret = jetk_bt_items(&l->pg, 0, &items, &n, &buf);
		if (ret)
			goto out_spare;
		ret = jetk_bt_split(bt, path, lvl, items, n, pos, pos, &sp);
		kfree(items);
		kfree(buf);
		jetk_bt_spare_put(bt, &sp);
		if (ret)
			return ret;
		presplit = true;
		jetk_bt_release(path);
		ret = jetk_bt_descend(bt, key, key_len, path, &exact);
		if (ret)
			return ret;
		if (exact != replace) {
			jetk_bt_release(path);
			return -EUCLEAN;
		}
		goto again;
	}
	ret = jetk_bt_split(bt, path, lvl, items, n, pos, 0, &sp);
	kfree(items);
	kfree(buf);
out_spare:
	jetk_bt_spare_put(bt, &sp);
	return ret;
}

/* The flags of the leaf node @path ends on (an exact match). */
static int jetk_bt_node_flags(struct jetk_bt_path *path)
{
	struct jetk_bt_level *l = &path->lv[path->depth - 1];
	struct jetk_node nd;
	int ret = jetk_page_node(&l->pg, l->pos, &nd);

	return ret ? ret : nd.flags & (JETK_ND_VERSION | JETK_ND_DELETED);
}

/*
 * Replace the data of the node @path ends on and give it @flags; a split
 * moves the node, so it is looked up again for the flags.
 */
static int jetk_bt_put_flags(struct jetk_bt *bt, struct jetk_bt_path *path,
			     const u8 *key, unsigned int key_len,
			     const void *data, unsigned int data_len, u8 flags)
{
	struct jetk_bt_level *l;
	bool exact;
	int ret;

	ret = jetk_bt_put(bt, path, key, key_len, data, data_len, true);
	if (ret)
		return ret;
	jetk_bt_release(path);
	ret = jetk_bt_descend(bt, key, key_len, path, &exact);
	if (ret)
		return ret;
	if (!exact)
		return -EUCLEAN;
	l = &path->lv[path->depth - 1];
	ret = jetk_page_set_node_flags(&l->pg, l->pos, flags);
	if (!ret)
		jetk_bt_dirty(bt, l);
	return ret;
}

/**
 * jetk_bt_insert() - add a key that is not in the tree (a flag-deleted node
 *	with the key comes back to life with the new data)
 * @bt: the tree
 * @key: the key (at most 2000 bytes)
 * @key_len: its length
 * @data: the data (non-empty)
 * @data_len: its length
 *
 * Return: 0, -EEXIST, -E2BIG (the node cannot fit any page), -ENOSPC (no
 * page to grow into), -EUCLEAN (a damaged tree), or an I/O error.
 */
int jetk_bt_insert(struct jetk_bt *bt, const u8 *key, unsigned int key_len,
		   const void *data, unsigned int data_len)
{
	struct jetk_bt_path path;
	bool exact;
	int ret;

	if (key_len > 2000 || !data_len)
		return -EINVAL;
	down_write(&bt->lock);
	ret = jetk_bt_descend(bt, key, key_len, &path, &exact);
	if (ret)
		goto out;
	if (exact) {
		ret = jetk_bt_node_flags(&path);
		if (ret >= 0)
			ret = (ret & JETK_ND_DELETED) ?
			      jetk_bt_put_flags(bt, &path, key, key_len, data,
						data_len, 0) : -EEXIST;
	} else {
		ret = jetk_bt_put(bt, &path, key, key_len, data, data_len,
				  false);
	}
	jetk_bt_release(&path);
out:
	up_write(&bt->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bt_insert);

/**
 * jetk_bt_replace() - change the data of a key in the tree
 * @bt: the tree
 * @key: the key
 * @key_len: its length
 * @data: the new data (non-empty)
 * @data_len: its length
 *
 * Return: 0, -ENOENT, or as jetk_bt_insert().
 */
int jetk_bt_replace(struct jetk_bt *bt, const u8 *key, unsigned int key_len,
		    const void *data, unsigned int data_len)
{
	struct jetk_bt_path path;
	bool exact;
	int ret;

	if (key_len > 2000 || !data_len)
		return -EINVAL;
	down_write(&bt->lock);
	ret = jetk_bt_descend(bt, key, key_len, &path, &exact);
	if (ret)
		goto out;
	ret = !exact ? -ENOENT : jetk_bt_put(bt, &path, key, key_len, data,
					     data_len, true);
	jetk_bt_release(&path);
out:
	up_write(&bt->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bt_replace);

/**
 * jetk_bt_set_flags() - set a node's JETK_ND_DELETED / JETK_ND_VERSION
 * @bt: the tree
 * @key: the node's key
 * @key_len: its length
 * @flags: the new flags
 *
 * In place: never allocates, never splits.
 *
 * Return: 0, -ENOENT, -EUCLEAN, or an I/O error.
 */
int jetk_bt_set_flags(struct jetk_bt *bt, const u8 *key, unsigned int key_len,
		      u8 flags)
{
	struct jetk_bt_path path;
	struct jetk_bt_level *l;
	bool exact;
	int ret;

	down_write(&bt->lock);
	ret = jetk_bt_descend(bt, key, key_len, &path, &exact);
	if (ret)
		goto out;
	l = &path.lv[path.depth - 1];
	ret = !exact ? -ENOENT : jetk_page_set_node_flags(&l->pg, l->pos, flags);
	if (!ret)
		jetk_bt_dirty(bt, l);
	jetk_bt_release(&path);
out:
	up_write(&bt->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bt_set_flags);

/**
 * jetk_bt_restore() - make a node exactly what it was: @data and @flags
 * @bt: the tree
 * @key: the node's key
 * @key_len: its length
 * @data: its data
 * @data_len: its length
 * @flags: its flags
 *
 * Inserts the node when it is not there.  Used to undo a change.
 *
 * Return: 0, or as jetk_bt_insert().
 */
int jetk_bt_restore(struct jetk_bt *bt, const u8 *key, unsigned int key_len,
		    const void *data, unsigned int data_len, u8 flags)
{
	struct jetk_bt_path path;
	bool exact;
	int ret;

	if (key_len > JETK_BT_KEY_MAX || !data_len)
		return -EINVAL;
	down_write(&bt->lock);
	ret = jetk_bt_descend(bt, key, key_len, &path, &exact);
	if (ret)
		goto out;
	if (exact)
		ret = jetk_bt_put_flags(bt, &path, key, key_len, data,
					data_len, flags);
	else
		ret = jetk_bt_put(bt, &path, key, key_len, data, data_len,
				  false);
	if (!ret && !exact && flags) {
		jetk_bt_release(&path);
		ret = jetk_bt_descend(bt, key, key_len, &path, &exact);
		if (!ret && exact) {
			struct jetk_bt_level *l = &path.lv[path.depth - 1];

			ret = jetk_page_set_node_flags(&l->pg, l->pos, flags);
			if (!ret)
				jetk_bt_dirty(bt, l);
		} else if (!ret) {
			ret = -EUCLEAN;
		}
	}
	jetk_bt_release(&path);
out:
	up_write(&bt->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bt_restore);

/* Remove child @i from internal level @lvl, which loses its page below. */
/*
 * The subtree at @pgno now also holds keys up to @bound (its left
 * neighbour's last child went away and it took over the range): give the
 * last node of every internal page down its right edge that bound.  A
 * page the longer key does not fit keeps its old key, which is harmless
 * for lookups (the last node takes everything past it) but leaves the
 * bound loose.
 */
static int jetk_bt_widen(struct jetk_bt *bt, u32 pgno, const u8 *bound,
			 unsigned int bound_len)
{
	struct jetk_bt_item *items;
	struct jetk_bt_level l;
	unsigned int n, room;
	u8 *buf;
	int ret, depth;

	for (depth = 0; depth < JETK_BT_DEPTH_MAX; depth++) {
		ret = jetk_bt_get(bt, pgno, &l);
		if (ret)
			return ret;
		if (jetk_bt_is_leaf(&l)) {
			jetk_cache_release(l.fr);
			return 0;
		}
		ret = jetk_bt_items(&l.pg, 0, &items, &n, &buf);
		if (ret || !n) {
			jetk_cache_release(l.fr);
			return ret ? ret : -EUCLEAN;
		}
		items[n - 1].key = bound;
		items[n - 1].key_len = bound_len;
		room = l.pg.size - l.pg.hdr - 4;
		if (jetk_bt_cost(items, 0, n) <= room) {
			ret = jetk_bt_fill(bt, &l.pg, l.fr->pgno,
					   jetk_page_flags(&l.pg), NULL, 0,
					   items, n);
			if (!ret)
				jetk_cache_mark_dirty(l.fr, 0);
		}
		if (!ret)
			ret = jetk_bt_child(&l.pg, n - 1, &pgno);
		kfree(items);
		kfree(buf);
		jetk_cache_release(l.fr);
		if (ret)
			return ret;
	}
	return -EUCLEAN;
}

static int jetk_bt_unlink(struct jetk_bt *bt, struct jetk_bt_path *path,
			  unsigned int lvl)
{
	struct jetk_bt_level *l = &path->lv[lvl];
	unsigned int i = l->pos, n = jetk_page_nodes(&l->pg);
	__le32 child_le;
	u32 child;
	int ret;

	if (n == 1) {
		if (lvl == 0) {
			/* The root lost its last child: an empty leaf again. */
			const u8 *ext;
			unsigned int ext_len;
			u8 *copy = NULL;

			ret = jetk_page_ext(&l->pg, &ext, &ext_len);
			if (ret)
				return ret;
			if (ext_len) {
				copy = kmemdup(ext, ext_len, GFP_NOIO);
				if (!copy)
					return -ENOMEM;
			}
			ret = jetk_bt_fill(bt, &l->pg, l->fr->pgno,
					   JETK_PG_ROOT | JETK_PG_LEAF |
					   bt->page_flags, copy, ext_len,
					   NULL, 0);
			kfree(copy);
			if (!ret)
				jetk_cache_mark_dirty(l->fr, 0);
			return ret;
		}
		bt->ops->put_page(bt, l->fr->pgno);
		return jetk_bt_unlink(bt, path, lvl - 1);
	}
	if (i == n - 1) {
		/* The last child goes: its left neighbour takes its range. */
		ret = jetk_bt_child(&l->pg, i - 1, &child);
		if (ret)
			return ret;
		child_le = cpu_to_le32(child);
		ret = jetk_page_replace(&l->pg, i, &child_le, 4);
		if (!ret)
			ret = jetk_page_delete(&l->pg, i - 1);
		if (!ret && !(jetk_page_flags(&l->pg) & JETK_PG_PARENT_OF_LEAF)) {
			struct jetk_bt_item *items;
			unsigned int n2;
			u8 *buf;

			jetk_bt_dirty(bt, l);
			ret = jetk_bt_items(&l->pg, 0, &items, &n2, &buf);
			if (!ret) {
				ret = jetk_bt_widen(bt, child,
						    items[n2 - 1].key,
						    items[n2 - 1].key_len);
				kfree(items);
				kfree(buf);
			}
		}
	} else {
		ret = jetk_page_delete(&l->pg, i);
	}
	if (!ret)
		jetk_bt_dirty(bt, l);
	return ret;
}

static int jetk_bt_fix_next(struct jetk_bt *bt, u32 pgno, u32 next)
{
	return jetk_bt_fix_link(bt, pgno, 1, next);
}

/*
 * A leaf less than a quarter full after a delete merges with a sibling
 * under the same parent when both fit one page: the left one's nodes
 * move into the right one, and the left one leaves the chain and the
 * tree.  (Its range goes to the right sibling: only a lower bound
 * widens, which needs nothing else.)
 */
static int jetk_bt_merge(struct jetk_bt *bt, struct jetk_bt_path *path)
{
	struct jetk_bt_level *l = &path->lv[path->depth - 1];
	struct jetk_bt_level *p = &path->lv[path->depth - 2];
	unsigned int room = l->pg.size - l->pg.hdr - 4, np, na, nb;
	struct jetk_bt_item *ia = NULL, *ib = NULL, *all = NULL;
	struct jetk_bt_level other, *a, *b;
	u8 *bufa = NULL, *bufb = NULL;
	u32 pgno, prev, next;
	int ret;

	ret = jetk_bt_items(&l->pg, 0, &ia, &na, &bufa);
	if (ret)
		return ret;
	if (jetk_bt_cost(ia, 0, na) > room / 4) {
		ret = 0;
		goto out_a;
	}
	np = jetk_page_nodes(&p->pg);
	if (p->pos + 1 < np) {
		ret = jetk_bt_child(&p->pg, p->pos + 1, &pgno);
		a = l;
		b = &other;
	} else if (p->pos > 0) {
		ret = jetk_bt_child(&p->pg, p->pos - 1, &pgno);
		a = &other;
		b = l;
	} else {
		ret = 0;
		goto out_a;
	}
	if (ret)
		goto out_a;
	ret = jetk_bt_get(bt, pgno, &other);
	if (ret)
		goto out_a;
	if (!jetk_bt_is_leaf(&other)) {
		ret = -EUCLEAN;
		goto out_other;
	}
	ret = jetk_bt_items(&other.pg, 0, &ib, &nb, &bufb);
	if (ret)
		goto out_other;
	if (jetk_bt_cost(ia, 0, na) + jetk_bt_cost(ib, 0, nb) > room)
		goto out_items;
	all = kcalloc(na + nb, sizeof(*all), GFP_NOIO);
	if (!all) {
		ret = -ENOMEM;
		goto out_items;
	}
	/* Left's nodes, then right's. */
	if (a == l) {
		memcpy(all, ia, na * sizeof(*all));
		memcpy(all + na, ib, nb * sizeof(*all));
	} else {
		memcpy(all, ib, nb * sizeof(*all));
		memcpy(all + nb, ia, na * sizeof(*all));
	}
	/* Filling a page starts it afresh: its links are read first. */
	prev = jetk_page_prev(&a->pg);
	next = jetk_page_next(&b->pg);
	ret = jetk_bt_fill(bt, &b->pg, b->fr->pgno, jetk_page_flags(&b->pg),
			   NULL, 0, all, na + nb);
	if (ret)
		goto out_all;
	jetk_page_set_siblings(&b->pg, prev, next);
	jetk_cache_mark_dirty(b->fr, 0);
	ret = jetk_bt_fix_next(bt, prev, b->fr->pgno);
	if (ret)
		goto out_all;
	/* The left page goes; its entry in the parent with it. */
	bt->ops->put_page(bt, a->fr->pgno);
	if (a != l)
		p->pos--;
	ret = jetk_bt_unlink(bt, path, path->depth - 2);
out_all:
	kfree(all);
out_items:
	kfree(ib);
	kfree(bufb);
out_other:
	jetk_cache_release(other.fr);
out_a:
	kfree(ia);
	kfree(bufa);
	return ret;
}

/* Copy node 0's key of page @pgno (a leaf) to @out. */
static int jetk_bt_first_key(struct jetk_bt *bt, u32 pgno, u8 *out,
			     unsigned int *len)
{
	struct jetk_bt_level l;
	struct jetk_node nd;
	int ret;

	ret = jetk_bt_get(bt, pgno, &l);
	if (ret)
		return ret;
	ret = !jetk_bt_is_leaf(&l) || !jetk_page_nodes(&l.pg) ? -EUCLEAN :
	      jetk_page_node(&l.pg, 0, &nd);
	if (!ret) {
		ret = jetk_page_node_key(&l.pg, &nd, out, JETK_BT_KEY_MAX);
		if (ret >= 0) {
			*len = ret;
			ret = 0;
		}
	}
	jetk_cache_release(l.fr);
	return ret;
}

/*
 * Full merge: every node of @r moves to the end of @l, @r leaves the
 * chain and the tree, and the parent's node for @r leads to @l instead
 * while @l's own node goes (its range widens upward to @r's).  Everything
 * that can fail is read before the first page changes.
 */
static int jetk_bt_merge_full(struct jetk_bt *bt, struct jetk_bt_path *path,
			      struct jetk_bt_level *r,
			      const struct jetk_bt_item *all, unsigned int n)
{
	struct jetk_bt_level *l = &path->lv[path->depth - 1];
	struct jetk_bt_level *p = &path->lv[path->depth - 2];
	u32 prev = jetk_page_prev(&l->pg), next = jetk_page_next(&r->pg);
	struct jetk_bt_level nx = { };
	__le32 l_le = cpu_to_le32(l->fr->pgno);
	u32 rpgno = r->fr->pgno;
	int ret;

	if (next) {
		ret = jetk_bt_get(bt, next, &nx);
		if (ret)
			return ret;
	}
	ret = jetk_bt_fill(bt, &l->pg, l->fr->pgno, jetk_page_flags(&l->pg),
			   NULL, 0, all, n);
	if (ret)
		goto out;
	jetk_page_set_siblings(&l->pg, prev, next);
	jetk_cache_mark_dirty(l->fr, 0);
	if (next) {
		jetk_page_set_siblings(&nx.pg, l->fr->pgno,
				       jetk_page_next(&nx.pg));
		jetk_bt_dirty(bt, &nx);
	}
	ret = jetk_page_replace(&p->pg, p->pos + 1, &l_le, 4);
	if (!ret)
		ret = jetk_page_delete(&p->pg, p->pos);
	if (ret)
		goto out;
	jetk_bt_dirty(bt, p);
	/* The page goes back to its owner once nothing here holds it. */
	jetk_cache_release(r->fr);
	r->fr = NULL;
	bt->ops->put_page(bt, rpgno);
out:
	if (next)
		jetk_cache_release(nx.fr);
	return ret;
}

/*
 * Partial merge: the first @k nodes of @r (@ib, @nb of them) move to the
 * end of @l (@ia, @na), and the parent's key for @l becomes the shortest
 * separator between the two pages' new edges.  Only done when the
 * parent takes the new key in place: no split, no page allocated.
 * Return: 1 when done, 0 when the parent has no room, or an error.
 */
static int jetk_bt_merge_partial(struct jetk_bt *bt, struct jetk_bt_path *path,
				 struct jetk_bt_level *r,
				 const struct jetk_bt_item *all,
				 unsigned int na, unsigned int nb,
				 unsigned int k)
{
	struct jetk_bt_level *l = &path->lv[path->depth - 1];
	struct jetk_bt_level *p = &path->lv[path->depth - 2];
	unsigned int room = p->pg.size - p->pg.hdr - 4, pn, ext_len;
	u32 lprev = jetk_page_prev(&l->pg), lnext = jetk_page_next(&l->pg);
	u32 rprev = jetk_page_prev(&r->pg), rnext = jetk_page_next(&r->pg);
	struct jetk_bt_item *pitems;
	u8 *pbuf, *sep, *ext_copy = NULL;
	const u8 *ext;
	int ret;

	ret = jetk_page_ext(&p->pg, &ext, &ext_len);
	if (ret)
		return ret;
	sep = kmalloc(JETK_BT_KEY_MAX, GFP_NOIO);
	if (!sep)
		return -ENOMEM;
	ret = jetk_bt_items(&p->pg, 0, &pitems, &pn, &pbuf);
	if (ret)
		goto out_sep;
	pitems[p->pos].key = sep;
	pitems[p->pos].key_len = jetk_bt_separator(&all[na + k - 1],
						   &all[na + k], sep);
	if (jetk_bt_cost(pitems, 0, pn) + ext_len > room) {
		ret = 0;
		goto out_items;
	}
	if (ext_len) {
		ext_copy = kmemdup(ext, ext_len, GFP_NOIO);
		if (!ext_copy) {
			ret = -ENOMEM;
			goto out_items;
		}
	}
	/* Every source is a copy: the pages are rebuilt over themselves. */
	ret = jetk_bt_fill(bt, &l->pg, l->fr->pgno, jetk_page_flags(&l->pg),
			   NULL, 0, all, na + k);
	if (!ret)
		ret = jetk_bt_fill(bt, &r->pg, r->fr->pgno,
				   jetk_page_flags(&r->pg), NULL, 0,
				   all + na + k, nb - k);
	if (!ret)
		ret = jetk_bt_fill(bt, &p->pg, p->fr->pgno,
				   jetk_page_flags(&p->pg), ext_copy, ext_len,
				   pitems, pn);
	if (ret)
		goto out_ext;
	jetk_page_set_siblings(&l->pg, lprev, lnext);
	jetk_page_set_siblings(&r->pg, rprev, rnext);
	jetk_cache_mark_dirty(l->fr, 0);
	jetk_cache_mark_dirty(r->fr, 0);
	jetk_cache_mark_dirty(p->fr, 0);
	ret = 1;
out_ext:
	kfree(ext_copy);
out_items:
	kfree(pitems);
	kfree(pbuf);
out_sep:
	kfree(sep);
	return ret;
}

/**
 * jetk_bt_merge_right() - online defragmentation's step on one leaf:
 *	merge it with its right neighbour
 * @bt: the tree
 * @key: a key; the step works on the leaf it belongs in (empty: the
 *	first leaf)
 * @key_len: its length
 * @flags: JETK_BT_MERGE_PARTIAL: a partial merge when a full one does not
 *	fit
 * @what: out: JETK_BT_MERGED_NONE, _FULL or _PARTIAL
 * @next: out: where the next step starts (at least JETK_BT_KEY_MAX
 *	bytes): the same leaf after a full merge (it may take its new
 *	neighbour too), else the first key of the right neighbour
 * @next_len: out: its length
 *
 * Only a right neighbour under the same parent merges.  When the nodes of
 * both leaves fit one page they all move into the left one and the right
 * page is freed (bt->ops->put_page); otherwise, with
 * JETK_BT_MERGE_PARTIAL and the left leaf at most JETK_BT_PARTIAL_BELOW
 * full, the right leaf's first nodes move left until the left leaf is
 * about JETK_BT_PARTIAL_FILL full.  Nodes move whole, flags (a
 * flag-deleted node, a versioned one) and all; keys never change, so the
 * version store and cursors, which find records by key, see nothing.
 * The tree's write lock is held for the step only.
 *
 * Return: 0, -ENOENT when the leaf is the last one (nothing merged: the
 * walk is done), -EUCLEAN, -ENOMEM, or an I/O error.
 */
int jetk_bt_merge_right(struct jetk_bt *bt, const u8 *key,
			unsigned int key_len, unsigned int flags,
			enum jetk_bt_merged *what, u8 *next,
			unsigned int *next_len)
{
	struct jetk_bt_item *ia = NULL, *ib = NULL, *all = NULL;
	unsigned int room, na, nb, ca, k, acc;
	struct jetk_bt_level *l, *p, r = { };
	struct jetk_bt_path path;
	u8 *bufa = NULL, *bufb = NULL;
	bool exact;
	u32 rpgno;
	int ret;

	*what = JETK_BT_MERGED_NONE;
	if (key_len > JETK_BT_KEY_MAX)
		return -EINVAL;
	down_write(&bt->lock);
	ret = jetk_bt_descend(bt, key, key_len, &path, &exact);
	if (ret)
		goto out;
	if (path.depth < 2) {
		ret = -ENOENT;
		goto out_release;
	}
	l = &path.lv[path.depth - 1];
	p = &path.lv[path.depth - 2];
	if (p->pos + 1 >= jetk_page_nodes(&p->pg)) {
		/* The last child: the walk goes on in the next leaf. */
		rpgno = jetk_page_next(&l->pg);
		ret = rpgno ? jetk_bt_first_key(bt, rpgno, next, next_len) :
		      -ENOENT;
		goto out_release;
	}
	ret = jetk_bt_child(&p->pg, p->pos + 1, &rpgno);
	if (ret)
		goto out_release;
	ret = jetk_bt_get(bt, rpgno, &r);
	if (ret)
		goto out_release;
	if (!jetk_bt_is_leaf(&r) || jetk_page_next(&l->pg) != rpgno ||
	    jetk_page_prev(&r.pg) != l->fr->pgno) {
		ret = -EUCLEAN;
		goto out_r;
	}
	ret = jetk_bt_items(&l->pg, 0, &ia, &na, &bufa);
	if (!ret)
		ret = jetk_bt_items(&r.pg, 0, &ib, &nb, &bufb);
	if (!ret && (!na || !nb))
		ret = -EUCLEAN;
	if (ret)
		goto out_items;
	all = kcalloc(na + nb, sizeof(*all), GFP_NOIO);
	if (!all) {
		ret = -ENOMEM;
		goto out_items;
	}
	memcpy(all, ia, na * sizeof(*all));
	memcpy(all + na, ib, nb * sizeof(*all));
	room = l->pg.size - l->pg.hdr - 4;
	ca = jetk_bt_cost(ia, 0, na);

	if (ca + jetk_bt_cost(ib, 0, nb) <= room) {
		/* Copy the key out before the page is rebuilt. */
		memcpy(next, ia[0].key, ia[0].key_len);
		*next_len = ia[0].key_len;
		ret = jetk_bt_merge_full(bt, &path, &r, all, na + nb);
		if (!ret)
			*what = JETK_BT_MERGED_FULL;
		goto out_all;
	}
	k = 0;
	acc = ca;
	if ((flags & JETK_BT_MERGE_PARTIAL) &&
	    ca <= room * JETK_BT_PARTIAL_BELOW / 100) {
		while (k + 1 < nb) {
			unsigned int c = jetk_page_node_cost(ib[k].key_len,
							     ib[k].data_len);

			if (acc + c > room * JETK_BT_PARTIAL_FILL / 100)
				break;
			acc += c;
			k++;
		}
	}
	/* The right leaf's first key after the step: where the walk goes. */
	memcpy(next, ib[k].key, ib[k].key_len);
	*next_len = ib[k].key_len;
	if (k) {
		ret = jetk_bt_merge_partial(bt, &path, &r, all, na, nb, k);
		if (ret > 0) {
			*what = JETK_BT_MERGED_PARTIAL;
			ret = 0;
		}
		/* Without room for the key the walk goes on without it. */
		if (!ret && *what == JETK_BT_MERGED_NONE) {
			memcpy(next, ib[0].key, ib[0].key_len);
			*next_len = ib[0].key_len;
		}
	}
out_all:
	kfree(all);
out_items:
	kfree(ia);
	kfree(bufa);
	kfree(ib);
	kfree(bufb);
out_r:
	if (r.fr)
		jetk_cache_release(r.fr);
out_release:
	jetk_bt_release(&path);
out:
	up_write(&bt->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bt_merge_right);

static int __jetk_bt_delete(struct jetk_bt *bt, const u8 *key,
			    unsigned int key_len, bool flagged,
			    bool (*still)(void *arg), void *arg)
{
	struct jetk_bt_path path;
	struct jetk_bt_level *l;
	bool exact;
	u32 prev, next;
	int ret;

	down_write(&bt->lock);
	ret = jetk_bt_descend(bt, key, key_len, &path, &exact);
	if (ret)
		goto out;
	if (!exact) {
		ret = -ENOENT;
		goto out_release;
	}
	if (flagged) {
		ret = jetk_bt_node_flags(&path);
		if (ret < 0)
			goto out_release;
		if (!(ret & JETK_ND_DELETED) || (still && !still(arg))) {
			ret = -EBUSY;
			goto out_release;
		}
	}
	l = &path.lv[path.depth - 1];
	ret = jetk_page_delete(&l->pg, l->pos);
	if (ret)
		goto out_release;
	jetk_bt_dirty(bt, l);
	if (path.depth == 1)
		goto out_release;
	if (jetk_page_nodes(&l->pg)) {
		ret = jetk_bt_merge(bt, &path);
		goto out_release;
	}

	/* An empty leaf leaves the chain and the tree. */
	prev = jetk_page_prev(&l->pg);
	next = jetk_page_next(&l->pg);
	ret = jetk_bt_fix_prev(bt, next, prev);
	if (!ret)
		ret = jetk_bt_fix_next(bt, prev, next);
	if (!ret) {
		bt->ops->put_page(bt, l->fr->pgno);
		ret = jetk_bt_unlink(bt, &path, path.depth - 2);
	}
out_release:
	jetk_bt_release(&path);
out:
	up_write(&bt->lock);
	return ret;
}

/**
 * jetk_bt_delete() - remove a key
 * @bt: the tree
 * @key: the key
 * @key_len: its length
 *
 * Return: 0, -ENOENT, -EUCLEAN, or an I/O error.
 */
int jetk_bt_delete(struct jetk_bt *bt, const u8 *key, unsigned int key_len)
{
	return __jetk_bt_delete(bt, key, key_len, false, NULL, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bt_delete);

/**
 * jetk_bt_expunge() - remove a node only if it is flag-deleted and @still
 * @bt: the tree
 * @key: the node's key
 * @key_len: its length
 * @still: asked under the tree's write lock, with the node flag-deleted:
 *	may it go?  (NULL: yes)
 * @arg: for @still
 *
 * Version-store cleanup uses it: a node revived by an insert since it was
 * deleted stays, and so does one deleted again by a change some snapshot
 * still needs (@still says so: every change takes the tree's lock after
 * the version store knows of it).
 *
 * Return: 0, -ENOENT, -EBUSY (the node is live or must stay), or as
 * jetk_bt_delete().
 */
int jetk_bt_expunge(struct jetk_bt *bt, const u8 *key, unsigned int key_len,
		    bool (*still)(void *arg), void *arg)
{
	return __jetk_bt_delete(bt, key, key_len, true, still, arg);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bt_expunge);

static void jetk_bt_copy_out(const struct jetk_page *pg,
			     const struct jetk_node *nd, struct jetk_bt_rec *rec)
{
	int len = jetk_page_node_key(pg, nd, rec->key, sizeof(rec->key));

	rec->key_len = len < 0 ? 0 : len;
	rec->flags = nd->flags & (JETK_ND_VERSION | JETK_ND_DELETED);
	rec->data_len = nd->data_len;
	if (rec->data)
		memcpy(rec->data, nd->data, min(rec->data_max, rec->data_len));
}

/*
 * From leaf position (@l, @pos), find the first node at or after it
 * (@forward) or at or before it, walking the leaf chain; flag-deleted
 * nodes count only with @all.
 */
static int jetk_bt_walk(struct jetk_bt *bt, struct jetk_bt_level *l, int pos,
			bool forward, bool all, struct jetk_bt_rec *rec)
{
	struct jetk_bt_level cur = *l, nx;
	struct jetk_node nd;
	bool own = false;
	int ret, hops = 0;
	u32 pgno;

	for (;;) {
		int n = jetk_page_nodes(&cur.pg);

		if (pos >= 0 && pos < n) {
			ret = jetk_page_node(&cur.pg, pos, &nd);
			if (ret)
				break;
			/* Flag-deleted nodes wait for cleanup: not there. */
			if (!all && (nd.flags & JETK_ND_DELETED)) {
				pos += forward ? 1 : -1;
				continue;
			}
			jetk_bt_copy_out(&cur.pg, &nd, rec);
			break;
		}
		pgno = forward ? jetk_page_next(&cur.pg) : jetk_page_prev(&cur.pg);
		if (!pgno || ++hops > 1000000) {
			ret = pgno ? -EUCLEAN : -ENOENT;
			break;
		}
		ret = jetk_bt_get(bt, pgno, &nx);
		if (ret)
			break;
		if (own)
			jetk_cache_release(cur.fr);
		cur = nx;
		own = true;
		pos = forward ? 0 : (int)jetk_page_nodes(&cur.pg) - 1;
	}
	if (own)
		jetk_cache_release(cur.fr);
	return ret;
}

static int __jetk_bt_seek(struct jetk_bt *bt, const u8 *key,
			  unsigned int key_len, enum jetk_bt_seek how, bool all,
			  struct jetk_bt_rec *rec)
{
	struct jetk_bt_path path;
	struct jetk_bt_level *l;
	bool exact;
	int ret, pos;

	down_read(&bt->lock);
	if (how == JETK_BT_FIRST)
		ret = jetk_bt_descend(bt, NULL, 0, &path, &exact);
	else if (how == JETK_BT_LAST)
		ret = jetk_bt_descend_edge(bt, NULL, 0, true, &path, &exact);
	else
		ret = jetk_bt_descend(bt, key, key_len, &path, &exact);
	if (ret)
		goto out;
	l = &path.lv[path.depth - 1];
	pos = l->pos;
	switch (how) {
	case JETK_BT_EQ:
		ret = exact ? jetk_bt_walk(bt, l, pos, true, true, rec) :
		      -ENOENT;
		if (!ret && !all && (rec->flags & JETK_ND_DELETED))
			ret = -ENOENT;
		break;
	case JETK_BT_FIRST:
	case JETK_BT_GE:
		ret = jetk_bt_walk(bt, l, pos, true, all, rec);
		break;
	case JETK_BT_GT:
		ret = jetk_bt_walk(bt, l, exact ? pos + 1 : pos, true, all,
				   rec);
		break;
	case JETK_BT_LE:
		ret = jetk_bt_walk(bt, l, exact ? pos : pos - 1, false, all,
				   rec);
		break;
	case JETK_BT_LT:
		ret = jetk_bt_walk(bt, l, pos - 1, false, all, rec);
		break;
	case JETK_BT_LAST:
		/* Descend along the rightmost edge, then take the last node. */
		ret = jetk_bt_walk(bt, l, (int)jetk_page_nodes(&l->pg) - 1,
				   false, all, rec);
		break;
	}
	jetk_bt_release(&path);
out:
	up_read(&bt->lock);
	return ret;
}

/**
 * jetk_bt_seek() - find a node by key
 * @bt: the tree
 * @key: the key (ignored for FIRST and LAST)
 * @key_len: its length
 * @how: JETK_BT_*
 * @rec: receives the node's key, flags and data
 *
 * Flag-deleted nodes (JETK_ND_DELETED) are passed over: they are gone.
 *
 * Return: 0, -ENOENT when no node qualifies, -EUCLEAN, or an I/O error.
 */
int jetk_bt_seek(struct jetk_bt *bt, const u8 *key, unsigned int key_len,
		 enum jetk_bt_seek how, struct jetk_bt_rec *rec)
{
	return __jetk_bt_seek(bt, key, key_len, how, false, rec);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bt_seek);

/**
 * jetk_bt_seek_all() - jetk_bt_seek(), flag-deleted nodes included
 * @bt: the tree
 * @key: the key (ignored for FIRST and LAST)
 * @key_len: its length
 * @how: JETK_BT_*
 * @rec: receives the node's key, flags and data
 *
 * For the version store's readers, to whom a node another transaction
 * deleted may still be there.
 *
 * Return: as jetk_bt_seek().
 */
int jetk_bt_seek_all(struct jetk_bt *bt, const u8 *key, unsigned int key_len,
		     enum jetk_bt_seek how, struct jetk_bt_rec *rec)
{
	return __jetk_bt_seek(bt, key, key_len, how, true, rec);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bt_seek_all);
