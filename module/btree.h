/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * B+ trees of .edb pages (ref/ese-format.md 5.1) over the buffer cache:
 * unique byte-string keys, data in leaves, separator keys and 4-byte
 * child page numbers in internal pages, leaves linked both ways.  The
 * root page never moves (its number is the tree's identity in the
 * catalog): when it splits, its contents move down into a new page.
 *
 * Locking: each tree has a rw_semaphore; lookups take it shared, changes
 * exclusive.  It nests inside the caller's table locks and outside the
 * cache lock.  (Finer page latching comes with concurrent writers.)
 */
#ifndef _JETK_BTREE_H
#define _JETK_BTREE_H

#include <linux/atomic.h>
#include <linux/rwsem.h>
#include <linux/types.h>

struct jetk_bt;
struct jetk_cache_file;

/**
 * struct jetk_bt_ops - where a tree gets and returns pages
 * @get_page: a page number for a new page of the tree
 * @put_page: a page the tree no longer uses
 */
struct jetk_bt_ops {
	int (*get_page)(struct jetk_bt *bt, u32 *pgno);
	void (*put_page)(struct jetk_bt *bt, u32 pgno);
};

/**
 * struct jetk_bt - one B+ tree
 * @file: the database's pages in the cache (constant)
 * @root: the root page number (constant)
 * @objid: the tree's object id, stamped on its pages (constant)
 * @page_flags: extra JETK_PG_* flags of every page (index, LV, space)
 * @dbtime: the database's time counter, advanced by every page change
 * @ops: page allocation (constant)
 * @private: the owner's cookie
 * @lock: shared for lookups, exclusive for changes
 */
struct jetk_bt {
	struct jetk_cache_file *file;
	u32 root;
	u32 objid;
	u32 page_flags;
	atomic64_t *dbtime;
	const struct jetk_bt_ops *ops;
	void *private;
	struct rw_semaphore lock;
};

/* How jetk_bt_seek() matches. */
enum jetk_bt_seek {
	JETK_BT_EQ,
	JETK_BT_GE,
	JETK_BT_GT,
	JETK_BT_LE,
	JETK_BT_LT,
	JETK_BT_FIRST,
	JETK_BT_LAST,
};

/**
 * struct jetk_bt_rec - a node copied out of a tree
 * @key: its key
 * @key_len: key length
 * @data: caller's buffer for the data
 * @data_max: its size
 * @data_len: the data's full length (may exceed @data_max: then cut)
 * @flags: the node's JETK_ND_VERSION and JETK_ND_DELETED flags
 */
struct jetk_bt_rec {
	u8 key[2000];
	unsigned int key_len;
	u8 flags;
	u8 *data;
	unsigned int data_max;
	unsigned int data_len;
};

/* Longest key of a node. */
#define JETK_BT_KEY_MAX		2000

/* What jetk_bt_merge_right() did. */
enum jetk_bt_merged {
	JETK_BT_MERGED_NONE,
	JETK_BT_MERGED_FULL,	/* the right leaf's nodes all moved; it is free */
	JETK_BT_MERGED_PARTIAL,	/* some of its first nodes moved left */
};

/* jetk_bt_merge_right() flags */
#define JETK_BT_MERGE_PARTIAL	0x1U
/* A partial merge fills a left leaf at most this full (percent) ... */
#define JETK_BT_PARTIAL_BELOW	75
/* ... up to about this full (percent of a page's room). */
#define JETK_BT_PARTIAL_FILL	90

void jetk_bt_init(struct jetk_bt *bt, struct jetk_cache_file *file, u32 root,
		  u32 objid, u32 page_flags, atomic64_t *dbtime,
		  const struct jetk_bt_ops *ops, void *private);
int __must_check jetk_bt_create(struct jetk_bt *bt, const void *ext,
				unsigned int ext_len);
int __must_check jetk_bt_insert(struct jetk_bt *bt, const u8 *key,
				unsigned int key_len, const void *data,
				unsigned int data_len);
int __must_check jetk_bt_replace(struct jetk_bt *bt, const u8 *key,
				 unsigned int key_len, const void *data,
				 unsigned int data_len);
int __must_check jetk_bt_delete(struct jetk_bt *bt, const u8 *key,
				unsigned int key_len);
int __must_check jetk_bt_seek(struct jetk_bt *bt, const u8 *key,
			      unsigned int key_len, enum jetk_bt_seek how,
			      struct jetk_bt_rec *rec);
int __must_check jetk_bt_seek_all(struct jetk_bt *bt, const u8 *key,
				  unsigned int key_len, enum jetk_bt_seek how,
				  struct jetk_bt_rec *rec);
int __must_check jetk_bt_set_flags(struct jetk_bt *bt, const u8 *key,
				   unsigned int key_len, u8 flags);
int __must_check jetk_bt_restore(struct jetk_bt *bt, const u8 *key,
				 unsigned int key_len, const void *data,
				 unsigned int data_len, u8 flags);
int __must_check jetk_bt_expunge(struct jetk_bt *bt, const u8 *key,
				 unsigned int key_len,
				 bool (*still)(void *arg), void *arg);
int __must_check jetk_bt_merge_right(struct jetk_bt *bt, const u8 *key,
				     unsigned int key_len, unsigned int flags,
				     enum jetk_bt_merged *what, u8 *next,
				     unsigned int *next_len);

#endif /* _JETK_BTREE_H */
