// SPDX-License-Identifier: GPL-2.0-only
/*
 * One .edb page as a container of nodes (see page.h).
 *
 * Layout (ref/ese-format.md 3, 4): the page header (40 or 80 bytes), the
 * data area, free space, and the tag array at the end of the page, tag i
 * in the four bytes that end 4 * i bytes before the page end.  Tag 0 (and
 * on new-format pages the first N tags) are reserved: tag 0 holds the
 * external header (a space header on tree roots, the key prefix
 * elsewhere).  Nodes follow in key order.
 *
 * Small pages keep a node's flags in the top three bits of its tag's
 * offset; large pages keep them in the top three bits of the node's first
 * 16-bit word and use 15-bit tag fields.  jetk never writes prefix
 * compression but reads it.
 *
 * Free space accounting follows ESE: cb_free counts every unused byte of
 * the data area, fragmented or not; ib_mic_free is where new node data is
 * appended; a page whose contiguous space is short is compacted.
 */
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "compat.h"
#include "format.h"
#include "page.h"

static struct jetk_edb_pghdr *jetk_ph(const struct jetk_page *p)
{
	return (struct jetk_edb_pghdr *)p->data;
}

/* Bytes of the data area plus the tag array. */
static unsigned int jetk_page_buf(const struct jetk_page *p)
{
	return p->size - p->hdr;
}

static u8 *jetk_page_area(const struct jetk_page *p)
{
	return p->data + p->hdr;
}

static unsigned int jetk_page_ntags(const struct jetk_page *p)
{
	return le16_to_cpu(jetk_ph(p)->itag_state) & JETK_PG_ITAG_MASK;
}

static void jetk_page_set_ntags(struct jetk_page *p, unsigned int n)
{
	struct jetk_edb_pghdr *ph = jetk_ph(p);
	u16 st = le16_to_cpu(ph->itag_state) & ~JETK_PG_ITAG_MASK;

	ph->itag_state = cpu_to_le16(st | n);
}

static struct jetk_edb_tag *jetk_tag(const struct jetk_page *p,
				     unsigned int i)
{
	return (struct jetk_edb_tag *)(p->data + p->size - 4 * (i + 1));
}

static u16 jetk_tag_mask(const struct jetk_page *p)
{
	return p->large ? JETK_TAG_LARGE_MASK : JETK_TAG_SMALL_MASK;
}

static unsigned int jetk_tag_cb(const struct jetk_page *p, unsigned int i)
{
	return le16_to_cpu(jetk_tag(p, i)->cb) & jetk_tag_mask(p);
}

static unsigned int jetk_tag_ib(const struct jetk_page *p, unsigned int i)
{
	return le16_to_cpu(jetk_tag(p, i)->ib) & jetk_tag_mask(p);
}

/* Set a tag's place, keeping its flag bits. */
static void jetk_tag_set(struct jetk_page *p, unsigned int i, unsigned int ib,
			 unsigned int cb)
{
	struct jetk_edb_tag *t = jetk_tag(p, i);
	u16 keep_ib = le16_to_cpu(t->ib) & ~jetk_tag_mask(p);
	u16 keep_cb = le16_to_cpu(t->cb) & ~jetk_tag_mask(p);

	t->ib = cpu_to_le16(keep_ib | ib);
	t->cb = cpu_to_le16(keep_cb | cb);
}

/**
 * jetk_page_view() - set up a view of a page buffer
 * @p: the view
 * @data: the page
 * @size: its size in bytes
 */
void jetk_page_view(struct jetk_page *p, void *data, unsigned int size)
{
	p->data = data;
	p->size = size;
	p->large = size > JETK_PG_SMALL_MAX;
	p->hdr = p->large ? JETK_PG_HDR_LARGE : JETK_PG_HDR_SMALL;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_view);

/**
 * jetk_page_init() - format an empty page with an empty tag 0
 * @p: the view (jetk_page_view() done)
 * @pgno: the page's number (large pages record it)
 * @objid: the tree owning it
 * @flags: JETK_PG_* flags; the record and checksum format bits are added
 * @dbtime: the database time of this change
 */
void jetk_page_init(struct jetk_page *p, u32 pgno, u32 objid, u32 flags,
		    u64 dbtime)
{
	struct jetk_edb_pghdr *ph = jetk_ph(p);

	memset(p->data, 0, p->size);
	ph->dbtime = cpu_to_le64(dbtime);
	ph->objid = cpu_to_le32(objid);
	ph->flags = cpu_to_le32(flags | JETK_PG_NEW_RECORD_FORMAT |
				JETK_PG_NEW_CHECKSUM_FORMAT);
	ph->itag_state = cpu_to_le16(1);
	ph->cb_free = cpu_to_le16(jetk_page_buf(p) - 4);
	if (p->large) {
		struct jetk_edb_pghdr2 *ph2 = (void *)(p->data + sizeof(*ph));

		ph2->pgno = cpu_to_le32(pgno);
	}
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_init);

/**
 * jetk_page_reserved_tags() - how many leading tags are not nodes
 * @p: the page
 *
 * Return: the reserved-tag count of the page header (0 there means 1).
 */
unsigned int jetk_page_reserved_tags(const struct jetk_page *p)
{
	u16 st = le16_to_cpu(jetk_ph(p)->itag_state);
	unsigned int n = (st & JETK_PG_RESERVED_TAGS_MASK) >>
			 JETK_PG_RESERVED_TAGS_SHIFT;

	return n ? n : 1;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_reserved_tags);

/**
 * jetk_page_nodes() - number of nodes on a page
 * @p: a checked page
 *
 * Return: tags beyond the reserved ones.
 */
unsigned int jetk_page_nodes(const struct jetk_page *p)
{
	unsigned int n = jetk_page_ntags(p), r = jetk_page_reserved_tags(p);

	return n > r ? n - r : 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_nodes);

/* Decode the node in tag @t of a page; -EUCLEAN when it is malformed. */
static int jetk_page_decode(const struct jetk_page *p, unsigned int t,
			    struct jetk_node *nd)
{
	unsigned int cb = jetk_tag_cb(p, t), ib = jetk_tag_ib(p, t);
	const u8 *raw = jetk_page_area(p) + ib;
	unsigned int o = 0, ext_cb = jetk_tag_cb(p, 0);
	u16 w;

	if (ib + cb > jetk_page_buf(p) || cb < 2)
		return -EUCLEAN;
	if (p->large)
		nd->flags = get_unaligned_le16(raw) >> JETK_TAG_FLAGS_SHIFT;
	else
		nd->flags = le16_to_cpu(jetk_tag(p, t)->ib) >>
			    JETK_TAG_FLAGS_SHIFT;
	nd->prefix_len = 0;
	if (nd->flags & JETK_ND_COMPRESSED) {
		w = get_unaligned_le16(raw);
		nd->prefix_len = p->large ? w & JETK_ND_KEY_MASK : w;
		o = 2;
		if (nd->prefix_len > ext_cb || o + 2 > cb)
			return -EUCLEAN;
	}
	w = get_unaligned_le16(raw + o);
	nd->suffix_len = p->large ? w & JETK_ND_KEY_MASK : w;
	o += 2;
	if (nd->suffix_len > cb - o)
		return -EUCLEAN;
	nd->suffix = raw + o;
	o += nd->suffix_len;
	nd->data = raw + o;
	nd->data_len = cb - o;
	return nd->data_len ? 0 : -EUCLEAN;
}

struct jetk_span {
	u16 ib;
	u16 cb;
	u16 tag;
};

static int jetk_span_cmp(const void *a, const void *b)
{
	const struct jetk_span *x = a, *y = b;

	return (int)x->ib - (int)y->ib;
}

/* The tags' data ranges sorted by offset; caller kfree()s. */
static struct jetk_span *jetk_page_spans(const struct jetk_page *p,
					 unsigned int *n)
{
	unsigned int i, ntags = jetk_page_ntags(p);
	struct jetk_span *s;

	s = kmalloc_array(max(ntags, 1U), sizeof(*s), GFP_NOIO);
	if (!s)
		return NULL;
	for (i = 0; i < ntags; i++) {
		s[i].ib = jetk_tag_ib(p, i);
		s[i].cb = jetk_tag_cb(p, i);
		s[i].tag = i;
	}
	sort(s, ntags, sizeof(*s), jetk_span_cmp, NULL);
	*n = ntags;
	return s;
}

/**
 * jetk_page_check() - validate a page's structure before trusting it
 * @p: a page as read from storage
 *
 * The invariants of ESE's page check: the free-space identity, tags
 * inside the used data area and not overlapping, tags other than tag 0
 * non-empty, and every node decodable within its tag.
 *
 * Return: 0, -EUCLEAN for a malformed page, -ENOMEM.
 */
int jetk_page_check(const struct jetk_page *p)
{
	const struct jetk_edb_pghdr *ph = jetk_ph(p);
	unsigned int buf = jetk_page_buf(p), ntags = jetk_page_ntags(p);
	unsigned int cb_free = le16_to_cpu(ph->cb_free);
	unsigned int mic = le16_to_cpu(ph->ib_mic_free);
	unsigned int i, n, sum = 0, end = 0, res;
	struct jetk_span *s;
	struct jetk_node nd;
	int ret = 0;

	if (!ntags)
		return le32_to_cpu(ph->flags) &
		       (JETK_PG_EMPTY | JETK_PG_PRE_INIT) ? 0 : -EUCLEAN;
	res = jetk_page_reserved_tags(p);
	if (ntags >= buf / 4 || res > ntags || cb_free > buf ||
	    mic + 4 * ntags > buf)
		return -EUCLEAN;
	s = jetk_page_spans(p, &n);
	if (!s)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		if ((s[i].tag && !s[i].cb) || s[i].ib + s[i].cb > mic ||
		    (s[i].cb && s[i].ib < end)) {
			ret = -EUCLEAN;
			goto out;
		}
		if (s[i].cb)
			end = s[i].ib + s[i].cb;
		sum += s[i].cb;
	}
	if (sum + cb_free + 4 * ntags != buf) {
		ret = -EUCLEAN;
		goto out;
	}
	for (i = res; i < ntags; i++) {
		ret = jetk_page_decode(p, i, &nd);
		if (ret)
			goto out;
	}
out:
	kfree(s);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_check);

/**
 * jetk_page_flags() - the page's JETK_PG_* flags
 * @p: the page
 *
 * Return: the flags.
 */
u32 jetk_page_flags(const struct jetk_page *p)
{
	return le32_to_cpu(jetk_ph(p)->flags);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_flags);

/**
 * jetk_page_set_flags() - replace the page's flags
 * @p: the page
 * @flags: JETK_PG_* flags, format bits included
 */
void jetk_page_set_flags(struct jetk_page *p, u32 flags)
{
	jetk_ph(p)->flags = cpu_to_le32(flags);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_set_flags);

/**
 * jetk_page_objid() - the tree owning the page
 * @p: the page
 *
 * Return: the object id.
 */
u32 jetk_page_objid(const struct jetk_page *p)
{
	return le32_to_cpu(jetk_ph(p)->objid);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_objid);

/**
 * jetk_page_prev() - left sibling of a leaf
 * @p: the page
 *
 * Return: its page number, 0 for none.
 */
u32 jetk_page_prev(const struct jetk_page *p)
{
	return le32_to_cpu(jetk_ph(p)->pgno_prev);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_prev);

/**
 * jetk_page_next() - right sibling of a leaf
 * @p: the page
 *
 * Return: its page number, 0 for none.
 */
u32 jetk_page_next(const struct jetk_page *p)
{
	return le32_to_cpu(jetk_ph(p)->pgno_next);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_next);

/**
 * jetk_page_set_siblings() - link a leaf to its neighbours
 * @p: the page
 * @prev: left sibling or 0
 * @next: right sibling or 0
 */
void jetk_page_set_siblings(struct jetk_page *p, u32 prev, u32 next)
{
	jetk_ph(p)->pgno_prev = cpu_to_le32(prev);
	jetk_ph(p)->pgno_next = cpu_to_le32(next);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_set_siblings);

/**
 * jetk_page_set_dbtime() - stamp the page with the time of a change
 * @p: the page
 * @dbtime: the database time
 */
void jetk_page_set_dbtime(struct jetk_page *p, u64 dbtime)
{
	jetk_ph(p)->dbtime = cpu_to_le64(dbtime);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_set_dbtime);

/**
 * jetk_page_free() - free bytes, fragmentation included
 * @p: the page
 *
 * Return: cb_free.
 */
unsigned int jetk_page_free(const struct jetk_page *p)
{
	return le16_to_cpu(jetk_ph(p)->cb_free);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_free);

/**
 * jetk_page_node_cost() - bytes a node takes on a page
 * @key_len: key bytes
 * @data_len: data bytes
 *
 * Return: its size plus its tag.
 */
unsigned int jetk_page_node_cost(unsigned int key_len, unsigned int data_len)
{
	return 2 + key_len + data_len + 4;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_node_cost);

/**
 * jetk_page_ext() - the external header (tag 0)
 * @p: a checked page
 * @ext: set to its bytes, in the page
 * @len: set to its length
 *
 * Return: 0, or -EUCLEAN for a page without tags.
 */
int jetk_page_ext(const struct jetk_page *p, const u8 **ext,
		  unsigned int *len)
{
	if (!jetk_page_ntags(p))
		return -EUCLEAN;
	*ext = jetk_page_area(p) + jetk_tag_ib(p, 0);
	*len = jetk_tag_cb(p, 0);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_ext);

/**
 * jetk_page_node() - decode node @i
 * @p: a checked page
 * @i: node index, 0 = first node after the reserved tags
 * @nd: filled
 *
 * Return: 0, -ERANGE past the last node, -EUCLEAN for a malformed node.
 */
int jetk_page_node(const struct jetk_page *p, unsigned int i,
		   struct jetk_node *nd)
{
	if (i >= jetk_page_nodes(p))
		return -ERANGE;
	return jetk_page_decode(p, jetk_page_reserved_tags(p) + i, nd);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_node);

/**
 * jetk_page_node_key() - assemble a node's full key (prefix + suffix)
 * @p: the page
 * @nd: a node of it
 * @buf: where to put the key
 * @max: size of @buf
 *
 * Return: the key length, or -ENOSPC when @buf is too small.
 */
int jetk_page_node_key(const struct jetk_page *p, const struct jetk_node *nd,
		       u8 *buf, unsigned int max)
{
	const u8 *ext = jetk_page_area(p) + jetk_tag_ib(p, 0);
	unsigned int len = nd->prefix_len + nd->suffix_len;

	if (len > max)
		return -ENOSPC;
	memcpy(buf, ext, nd->prefix_len);
	memcpy(buf + nd->prefix_len, nd->suffix, nd->suffix_len);
	return len;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_node_key);

/**
 * jetk_page_key_cmp() - compare a node's key with a key
 * @p: the page
 * @nd: a node of it
 * @key: the other key
 * @len: its length
 *
 * Keys compare as byte strings, a proper prefix first.
 *
 * Return: <0, 0 or >0 as the node's key is below, equal to or above @key.
 */
int jetk_page_key_cmp(const struct jetk_page *p, const struct jetk_node *nd,
		      const u8 *key, unsigned int len)
{
	const u8 *ext = jetk_page_area(p) + jetk_tag_ib(p, 0);
	unsigned int n = min_t(unsigned int, nd->prefix_len, len);
	unsigned int total = nd->prefix_len + nd->suffix_len;
	int c;

	c = memcmp(ext, key, n);
	if (c || n < nd->prefix_len)
		return c ? c : 1;
	n = min_t(unsigned int, nd->suffix_len, len - nd->prefix_len);
	c = memcmp(nd->suffix, key + nd->prefix_len, n);
	if (c)
		return c;
	return total < len ? -1 : total > len;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_key_cmp);

/*
 * Compare node @i with a key.  The last node of an internal page may have
 * an empty key: it stands for +infinity (ref/ese-format.md 5.1).
 */
static int jetk_page_node_cmp(const struct jetk_page *p,
			      const struct jetk_node *nd, unsigned int i,
			      const u8 *key, unsigned int len)
{
	if (!(jetk_page_flags(p) & JETK_PG_LEAF) &&
	    !nd->prefix_len && !nd->suffix_len &&
	    i == jetk_page_nodes(p) - 1)
		return 1;
	return jetk_page_key_cmp(p, nd, key, len);
}

/**
 * jetk_page_search() - binary search of a page's nodes
 * @p: a checked page with nodes in key order
 * @key: the key
 * @len: its length
 * @pos: the first node whose key is >= @key (jetk_page_nodes() if none);
 *	on an internal page, the child to descend into
 * @exact: whether that node's key equals @key
 *
 * Return: 0 or -EUCLEAN.
 */
int jetk_page_search(const struct jetk_page *p, const u8 *key,
		     unsigned int len, unsigned int *pos, bool *exact)
{
	unsigned int lo = 0, hi = jetk_page_nodes(p);
	struct jetk_node nd;
	int ret, c;

	*exact = false;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		ret = jetk_page_node(p, mid, &nd);
		if (ret)
			return ret;
		c = jetk_page_node_cmp(p, &nd, mid, key, len);
		if (c < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
			if (!c)
				*exact = true;
		}
	}
	/* An exact match seen above lo may not be lo itself: recheck. */
	if (*exact) {
		ret = jetk_page_node(p, lo, &nd);
		if (ret)
			return ret;
		*exact = !jetk_page_node_cmp(p, &nd, lo, key, len);
	}
	*pos = lo;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_search);

/**
 * jetk_page_compact() - move all data to the start of the data area
 * @p: the page
 *
 * Return: 0 or -ENOMEM.
 */
int jetk_page_compact(struct jetk_page *p)
{
	struct jetk_edb_pghdr *ph = jetk_ph(p);
	unsigned int i, n, off = 0;
	struct jetk_span *s;

	s = jetk_page_spans(p, &n);
	if (!s)
		return -ENOMEM;
	/* Ascending offsets: each move goes down over bytes already moved. */
	for (i = 0; i < n; i++) {
		if (s[i].cb && s[i].ib != off)
			memmove(jetk_page_area(p) + off,
				jetk_page_area(p) + s[i].ib, s[i].cb);
		jetk_tag_set(p, s[i].tag, s[i].cb ? off : 0, s[i].cb);
		off += s[i].cb;
	}
	ph->ib_mic_free = cpu_to_le16(off);
	kfree(s);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_compact);

/* Reserve @len contiguous bytes at ib_mic_free, compacting if needed. */
static int jetk_page_alloc(struct jetk_page *p, unsigned int len,
			   unsigned int extra_tags, unsigned int *ib)
{
	struct jetk_edb_pghdr *ph = jetk_ph(p);
	unsigned int tags = 4 * (jetk_page_ntags(p) + extra_tags);
	unsigned int mic = le16_to_cpu(ph->ib_mic_free);
	int ret;

	if (len + 4 * extra_tags > le16_to_cpu(ph->cb_free))
		return -ENOSPC;
	if (mic + len + tags > jetk_page_buf(p)) {
		ret = jetk_page_compact(p);
		if (ret)
			return ret;
		mic = le16_to_cpu(ph->ib_mic_free);
	}
	*ib = mic;
	ph->ib_mic_free = cpu_to_le16(mic + len);
	return 0;
}

/**
 * jetk_page_set_ext() - replace the external header (tag 0)
 * @p: the page
 * @ext: the new bytes
 * @len: their length (0 allowed)
 *
 * Return: 0, -ENOSPC, -ENOMEM.
 */
int jetk_page_set_ext(struct jetk_page *p, const void *ext, unsigned int len)
{
	struct jetk_edb_pghdr *ph = jetk_ph(p);
	unsigned int old = jetk_tag_cb(p, 0), ib = jetk_tag_ib(p, 0), nib;
	int ret;

	if (len <= old) {
		memcpy(jetk_page_area(p) + ib, ext, len);
		jetk_tag_set(p, 0, len ? ib : 0, len);
		le16_add_cpu(&ph->cb_free, old - len);
		return 0;
	}
	if (len - old > jetk_page_free(p) || len > jetk_tag_mask(p))
		return -ENOSPC;
	/* Give the old bytes back, then take a new place. */
	jetk_tag_set(p, 0, 0, 0);
	le16_add_cpu(&ph->cb_free, old);
	ret = jetk_page_alloc(p, len, 0, &nib);
	if (ret) {
		/* Only compaction's allocation fails, before moving a byte. */
		jetk_tag_set(p, 0, ib, old);
		le16_add_cpu(&ph->cb_free, -(int)old);
		return ret;
	}
	memcpy(jetk_page_area(p) + nib, ext, len);
	jetk_tag_set(p, 0, nib, len);
	le16_add_cpu(&ph->cb_free, -(int)len);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_set_ext);

/* Write a node's bytes (never prefix-compressed) at @at. */
static void jetk_page_put_node(const struct jetk_page *p, u8 *at, u8 flags,
			       const u8 *key, unsigned int key_len,
			       const void *data, unsigned int data_len)
{
	u16 w = key_len;

	if (p->large)
		w |= (u16)(flags & ~JETK_ND_COMPRESSED) << JETK_TAG_FLAGS_SHIFT;
	put_unaligned_le16(w, at);
	memcpy(at + 2, key, key_len);
	memcpy(at + 2 + key_len, data, data_len);
}

/**
 * jetk_page_insert() - insert a node before node @i
 * @p: the page
 * @i: its position: 0 .. jetk_page_nodes()
 * @flags: JETK_ND_VERSION / JETK_ND_DELETED (never COMPRESSED)
 * @key: the key
 * @key_len: its length
 * @data: the data (non-empty)
 * @data_len: its length
 *
 * @key and @data must not point into the page: it may be compacted.
 *
 * Return: 0, -ENOSPC when the page is full, -EINVAL, -ENOMEM.
 */
int jetk_page_insert(struct jetk_page *p, unsigned int i, u8 flags,
		     const u8 *key, unsigned int key_len, const void *data,
		     unsigned int data_len)
{
	struct jetk_edb_pghdr *ph = jetk_ph(p);
	unsigned int len = 2 + key_len + data_len;
	unsigned int ntags = jetk_page_ntags(p), t, ib;
	struct jetk_edb_tag *tags;
	int ret;

	t = jetk_page_reserved_tags(p) + i;
	if (t > ntags || !data_len || (flags & JETK_ND_COMPRESSED) ||
	    key_len > JETK_ND_KEY_MASK || len > jetk_tag_mask(p))
		return -EINVAL;
	ret = jetk_page_alloc(p, len, 1, &ib);
	if (ret)
		return ret;
	jetk_page_put_node(p, jetk_page_area(p) + ib, flags, key, key_len,
			   data, data_len);
	/* Tags t..ntags-1 move one slot toward the page start. */
	tags = jetk_tag(p, ntags);
	memmove(tags, tags + 1, 4 * (ntags - t));
	jetk_tag(p, t)->ib = cpu_to_le16(ib | (p->large ? 0 :
				(u16)flags << JETK_TAG_FLAGS_SHIFT));
	jetk_tag(p, t)->cb = cpu_to_le16(len);
	jetk_page_set_ntags(p, ntags + 1);
	le16_add_cpu(&ph->cb_free, -(int)(len + 4));
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_insert);

/**
 * jetk_page_delete() - remove node @i
 * @p: the page
 * @i: node index
 *
 * Return: 0 or -ERANGE.
 */
int jetk_page_delete(struct jetk_page *p, unsigned int i)
{
	struct jetk_edb_pghdr *ph = jetk_ph(p);
	unsigned int ntags = jetk_page_ntags(p), t, cb, ib;
	struct jetk_edb_tag *tags;

	t = jetk_page_reserved_tags(p) + i;
	if (t >= ntags)
		return -ERANGE;
	cb = jetk_tag_cb(p, t);
	ib = jetk_tag_ib(p, t);
	if (ib + cb == le16_to_cpu(ph->ib_mic_free))
		ph->ib_mic_free = cpu_to_le16(ib);
	tags = jetk_tag(p, ntags - 1);
	memmove(tags + 1, tags, 4 * (ntags - 1 - t));
	memset(tags, 0, 4);
	jetk_page_set_ntags(p, ntags - 1);
	le16_add_cpu(&ph->cb_free, cb + 4);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_delete);

/**
 * jetk_page_replace() - replace node @i's data, keeping its key and flags
 * @p: the page
 * @i: node index
 * @data: the new data (non-empty), not pointing into the page
 * @data_len: its length
 *
 * Return: 0, -ENOSPC (the page is unchanged), -ERANGE, -EUCLEAN, -ENOMEM.
 */
int jetk_page_replace(struct jetk_page *p, unsigned int i, const void *data,
		      unsigned int data_len)
{
	struct jetk_edb_pghdr *ph = jetk_ph(p);
	unsigned int t = jetk_page_reserved_tags(p) + i;
	unsigned int ib, nib, old, keep, len;
	struct jetk_node nd;
	u8 *raw, *head;
	int ret;

	ret = jetk_page_node(p, i, &nd);
	if (ret)
		return ret;
	ib = jetk_tag_ib(p, t);
	old = jetk_tag_cb(p, t);
	raw = jetk_page_area(p) + ib;
	/* The length words and the key stay as they are. */
	keep = old - nd.data_len;
	len = keep + data_len;
	if (!data_len || len > jetk_tag_mask(p))
		return -EINVAL;
	if (data_len <= nd.data_len) {
		memcpy(raw + keep, data, data_len);
		jetk_tag_set(p, t, ib, len);
		le16_add_cpu(&ph->cb_free, nd.data_len - data_len);
		return 0;
	}
	if (data_len - nd.data_len > jetk_page_free(p))
		return -ENOSPC;
	head = kmemdup(raw, keep, GFP_NOIO);
	if (!head)
		return -ENOMEM;
	jetk_tag_set(p, t, 0, 0);
	le16_add_cpu(&ph->cb_free, old);
	ret = jetk_page_alloc(p, len, 0, &nib);
	if (ret) {
		/* Only compaction's allocation fails, before moving a byte. */
		jetk_tag_set(p, t, ib, old);
		le16_add_cpu(&ph->cb_free, -(int)old);
		kfree(head);
		return ret;
	}
	memcpy(jetk_page_area(p) + nib, head, keep);
	memcpy(jetk_page_area(p) + nib + keep, data, data_len);
	jetk_tag_set(p, t, nib, len);
	le16_add_cpu(&ph->cb_free, -(int)len);
	kfree(head);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_replace);

/**
 * jetk_page_set_node_flags() - change node @i's JETK_ND_VERSION/DELETED
 * @p: the page
 * @i: node index
 * @flags: the new flags (COMPRESSED is kept as the node has it)
 *
 * Return: 0 or -ERANGE.
 */
int jetk_page_set_node_flags(struct jetk_page *p, unsigned int i, u8 flags)
{
	unsigned int t = jetk_page_reserved_tags(p) + i;
	struct jetk_edb_tag *tag;
	u8 *raw;
	u16 w;

	if (t >= jetk_page_ntags(p))
		return -ERANGE;
	tag = jetk_tag(p, t);
	if (p->large) {
		raw = jetk_page_area(p) + jetk_tag_ib(p, t);
		w = get_unaligned_le16(raw);
		flags = (flags & ~JETK_ND_COMPRESSED) |
			((w >> JETK_TAG_FLAGS_SHIFT) & JETK_ND_COMPRESSED);
		put_unaligned_le16((w & JETK_ND_KEY_MASK) |
				   (u16)flags << JETK_TAG_FLAGS_SHIFT, raw);
	} else {
		w = le16_to_cpu(tag->ib);
		flags = (flags & ~JETK_ND_COMPRESSED) |
			((w >> JETK_TAG_FLAGS_SHIFT) & JETK_ND_COMPRESSED);
		tag->ib = cpu_to_le16((w & JETK_TAG_SMALL_MASK) |
				      (u16)flags << JETK_TAG_FLAGS_SHIFT);
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_page_set_node_flags);
