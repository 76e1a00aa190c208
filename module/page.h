/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One .edb page as a container of nodes (ref/ese-format.md 3 and 4): the
 * page header, the tag array growing back from the end of the page, and
 * the nodes (key, data, flags) the tags point at.  Pure functions over a
 * page buffer; the caller holds the page (a cache frame) and whatever lock
 * makes it the only writer.
 *
 * Pages read from disk are untrusted: jetk_page_check() validates every
 * structural invariant ESE checks (CPAGE::ErrCheckPage) before any other
 * function here may be used on them, and node accessors re-check bounds.
 */
#ifndef _JETK_PAGE_H
#define _JETK_PAGE_H

#include <linux/types.h>

/**
 * struct jetk_page - a view of one page buffer
 * @data: the page bytes (a held cache frame)
 * @size: page size: 4096, 8192, 16384 or 32768
 * @hdr: page header size: 40 (small pages) or 80 (large pages)
 * @large: 16 or 32 KiB: large-page tag and node layout
 */
struct jetk_page {
	u8 *data;
	unsigned int size;
	unsigned int hdr;
	bool large;
};

/**
 * struct jetk_node - one node of a page, decoded
 * @flags: JETK_ND_* flags
 * @prefix_len: bytes of the page's key prefix (tag 0) the key starts with
 * @suffix: the rest of the key, in the page
 * @suffix_len: its length
 * @data: the node's data, in the page
 * @data_len: its length (never 0 in a valid node)
 */
struct jetk_node {
	u8 flags;
	u16 prefix_len;
	const u8 *suffix;
	u16 suffix_len;
	const u8 *data;
	u16 data_len;
};

void jetk_page_view(struct jetk_page *p, void *data, unsigned int size);
void jetk_page_init(struct jetk_page *p, u32 pgno, u32 objid, u32 flags,
		    u64 dbtime);
int __must_check jetk_page_check(const struct jetk_page *p);

u32 jetk_page_flags(const struct jetk_page *p);
void jetk_page_set_flags(struct jetk_page *p, u32 flags);
u32 jetk_page_objid(const struct jetk_page *p);
u32 jetk_page_prev(const struct jetk_page *p);
u32 jetk_page_next(const struct jetk_page *p);
void jetk_page_set_siblings(struct jetk_page *p, u32 prev, u32 next);
void jetk_page_set_dbtime(struct jetk_page *p, u64 dbtime);
unsigned int jetk_page_free(const struct jetk_page *p);

unsigned int jetk_page_reserved_tags(const struct jetk_page *p);
unsigned int jetk_page_nodes(const struct jetk_page *p);
int __must_check jetk_page_ext(const struct jetk_page *p, const u8 **ext,
			       unsigned int *len);
int __must_check jetk_page_set_ext(struct jetk_page *p, const void *ext,
				   unsigned int len);
int __must_check jetk_page_node(const struct jetk_page *p, unsigned int i,
				struct jetk_node *nd);
int jetk_page_node_key(const struct jetk_page *p, const struct jetk_node *nd,
		       u8 *buf, unsigned int max);
int jetk_page_key_cmp(const struct jetk_page *p, const struct jetk_node *nd,
		      const u8 *key, unsigned int len);
int __must_check jetk_page_search(const struct jetk_page *p, const u8 *key,
				  unsigned int len, unsigned int *pos,
				  bool *exact);

unsigned int jetk_page_node_cost(unsigned int key_len, unsigned int data_len);
int __must_check jetk_page_insert(struct jetk_page *p, unsigned int i,
				  u8 flags, const u8 *key, unsigned int key_len,
				  const void *data, unsigned int data_len);
int __must_check jetk_page_replace(struct jetk_page *p, unsigned int i,
				   const void *data, unsigned int data_len);
int __must_check jetk_page_set_node_flags(struct jetk_page *p, unsigned int i,
					  u8 flags);
int __must_check jetk_page_delete(struct jetk_page *p, unsigned int i);
int __must_check jetk_page_compact(struct jetk_page *p);

#endif /* _JETK_PAGE_H */
