/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Space management (ref/ese-format.md 5.3): every object (the database
 * root, the catalog, a table, an index, an LV tree) owns extents of pages,
 * recorded in its owned-extent (OE) tree, and lists those not in use in
 * its available-extent (AE) tree.  Both are B+ trees keyed by the last
 * page number of an extent (big-endian) with the page count as data.
 * Objects get extents from their parent; the database root gets them by
 * growing the database.
 *
 * Space trees need pages when they split, and taking a page from the AE
 * tree while changing it cannot work; as ESE does, each space tree keeps
 * a split buffer, up to two extents of pages set aside for its own
 * splits, recorded in its root page so the pages stay accounted for.
 * Every operation first tops the split buffers up, which only shrinks AE
 * entries and so never splits anything.
 *
 * Locking: sp->lock serialises an object's space operations; a child's is
 * taken before its parent's.  Both are taken outside the trees' locks.
 */
#ifndef _JETK_SPACE_H
#define _JETK_SPACE_H

#include <linux/mutex.h>
#include <linux/types.h>

#include "btree.h"

struct jetk_space;

/**
 * struct jetk_space_ops - how the database root grows
 * @grow: make @cpg more pages exist at the end of the database and return
 *	the first one; -ENOSPC at the database's size limit
 */
struct jetk_space_ops {
	int (*grow)(struct jetk_space *sp, u32 cpg, u32 *first);
};

/* Pages each split buffer keeps: a split at every level of a deep tree. */
#define JETK_SPACE_BUF_MIN	6
/* Space-tree pages freed during one operation, returned afterwards. */
#define JETK_SPACE_PENDING_MAX	32

/**
 * struct jetk_space_buf - a split buffer (SPLIT_BUFFER), in memory
 * @last: last page of each extent
 * @cpg: pages of each extent (0: unused slot)
 */
struct jetk_space_buf {
	u32 last[2];
	u32 cpg[2];
};

/**
 * struct jetk_space - one object's space
 * @file: the database's pages (constant)
 * @fdp: the object's root page (constant)
 * @objid: its object id (constant)
 * @pgno_oe: root of its OE tree; the AE tree's is pgno_oe + 1 (constant)
 * @cpg_primary: size of its first extent (constant)
 * @parent: where its extents come from, NULL for the database root
 * @ops: growth of the database root (NULL for other objects)
 * @private: the owner's cookie
 * @grow_cpg: pages asked of the parent when the object runs out
 * @depth: 0 for the database root, parent's + 1 below (lockdep subclass)
 * @lock: serialises space operations on this object; taken with
 *	mutex_lock_nested(@depth): a child's before its parent's
 * @oe: owned extents [lock]
 * @ae: available extents [lock]
 * @buf: split buffers of the OE (0) and AE (1) trees [lock]
 * @pending: space-tree pages freed during an operation [lock]
 * @npending: how many [lock]
 */
struct jetk_space {
	struct jetk_cache_file *file;
	u32 fdp;
	u32 objid;
	u32 pgno_oe;
	u32 cpg_primary;
	struct jetk_space *parent;
	const struct jetk_space_ops *ops;
	void *private;
	u32 grow_cpg;
	unsigned int depth;
	struct mutex lock;	/* see @lock above */
	struct jetk_bt oe;
	struct jetk_bt ae;
	struct jetk_space_buf buf[2];
	u32 pending[JETK_SPACE_PENDING_MAX];
	unsigned int npending;
};

int __must_check jetk_space_create(struct jetk_space *sp,
				   struct jetk_cache_file *file, u32 fdp,
				   u32 objid, u32 cpg, struct jetk_space *parent,
				   atomic64_t *dbtime);
int __must_check jetk_space_open(struct jetk_space *sp,
				 struct jetk_cache_file *file, u32 fdp,
				 u32 objid, struct jetk_space *parent,
				 atomic64_t *dbtime);
void jetk_space_header(const struct jetk_space *sp, void *sph);
int __must_check jetk_space_alloc(struct jetk_space *sp, u32 *pgno);
int __must_check jetk_space_alloc_extent(struct jetk_space *sp, u32 cpg,
					 u32 *first);
int __must_check jetk_space_free(struct jetk_space *sp, u32 pgno);
int __must_check jetk_space_count(struct jetk_space *sp, u32 *owned,
				  u32 *avail);
int __must_check jetk_space_release(struct jetk_space *sp);
int __must_check jetk_space_merge_right(struct jetk_space *sp, bool ae,
					const u8 *key, unsigned int key_len,
					unsigned int flags,
					enum jetk_bt_merged *what, u8 *next,
					unsigned int *next_len);
int __must_check jetk_space_convert(struct jetk_space *sp,
				    struct jetk_cache_file *file, u32 fdp,
				    u32 objid, struct jetk_space *parent,
				    atomic64_t *dbtime);

#endif /* _JETK_SPACE_H */
