/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The buffer cache: database pages in memory, keyed by (file, page
 * number), modelled on dm-bufio.  The cache owns its page frames and knows
 * nothing of the .edb format or of block devices: each file brings its own
 * operations (submit I/O, verify a page read, seal a page before writing).
 *
 * Lifetimes
 * ---------
 * struct jetk_cache       one per instance, from JetInit to JetTerm.
 * struct jetk_cache_file  one per attached database, added at attach and
 *                         removed at detach, after its dirty pages were
 *                         written and every hold released.
 * struct jetk_frame       cached while clean and unheld; evicted by the
 *                         LRU, the shrinker or file removal.  A hold
 *                         (jetk_cache_read/new ... jetk_cache_release) keeps
 *                         it in memory and its data stable: write-back never
 *                         writes a held frame, and a new hold waits for a
 *                         write in flight to finish.
 *
 * Locking
 * -------
 * cache->files_rwsem protects the file list; it is taken outside
 * cache->lock, and held for reading while files are flushed.
 * cache->lock (a mutex) protects the frame tables, the LRU and dirty lists,
 * hold counts and the DIRTY bit.  It nests inside inst->lock and is taken
 * with no other jetk lock held inside it.  I/O is never issued or waited
 * for under it.  Frame state bits READING and WRITING are set under it and
 * cleared by the I/O owner with clear_bit_unlock() + wake_up_bit(); bio
 * completion only records a status and wakes.
 */
#ifndef _JETK_CACHE_H
#define _JETK_CACHE_H

#include <linux/blk_types.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "bdev.h"

struct jetk_cache;
struct jetk_cache_file;

/* Frame state bits (atomic bitops on frame->state). */
enum {
	JETK_FRAME_READING,	/* a read is in flight; waiters sleep on it */
	JETK_FRAME_WRITING,	/* a write is in flight */
	JETK_FRAME_DIRTY,	/* [cache->lock] changed since last written */
	JETK_FRAME_DEAD,	/* [cache->lock] out of the table; freed on last release */
	/* [cache->lock] changed since its image was last logged: not
	 * written until it is
	 */
	JETK_FRAME_UNLOGGED,
};

/**
 * struct jetk_frame - one cached page
 * @file: the file it belongs to (constant)
 * @pgno: its page number (constant)
 * @data: the page bytes, page-size long, physically contiguous (constant)
 * @page: first page of @data's allocation
 * @state: JETK_FRAME_* bits
 * @hold: [cache->lock] number of holders
 * @io_err: result of the read that filled the frame (readers check it
 *	after READING clears)
 * @last_change: log position of the frame's last change not yet written,
 *	the write-ahead hook's argument [cache->lock]
 * @first_change: log position of the first change since the frame was
 *	last written successfully (0: none logged) [cache->lock]: the
 *	checkpoint cannot pass it
 * @lru: [cache->lock] on the cache's clean LRU or its dirty list
 * @log_node: [cache->lock] on the cache's unlogged list while UNLOGGED,
 *	or on a logger's private list while it holds the frame
 */
struct jetk_frame {
	struct jetk_cache_file *file;
	u32 pgno;
	void *data;
	struct page *page;
	unsigned long state;
	int hold;
	int io_err;
	u64 last_change;
	u64 first_change;
	struct list_head lru;
	struct list_head log_node;
};

/**
 * struct jetk_cache_file_ops - what a file brings to the cache
 * @submit: start reading or writing one page (the I/O seam KUnit fakes):
 *	@opf is REQ_OP_READ or REQ_OP_WRITE with flags; @end_io must be
 *	called exactly once when 0 is returned, from any context
 * @verify: check a page just read (checksums, page number); 0 or a
 *	negative errno (-EBADMSG for a checksum failure); may be NULL
 * @seal: prepare a page for writing (compute its checksums); may be NULL
 * @flush: make completed writes durable (a cache flush); may be NULL
 */
struct jetk_cache_file_ops {
	int (*submit)(struct jetk_cache_file *f, blk_opf_t opf, u32 pgno,
		      struct page *page, unsigned int len,
		      jetk_bdev_end_io_t end_io, void *private);
	int (*verify)(struct jetk_cache_file *f, u32 pgno, void *data);
	void (*seal)(struct jetk_cache_file *f, u32 pgno, void *data);
	int (*flush)(struct jetk_cache_file *f);
};

/**
 * struct jetk_cache_file - one file's pages in a cache
 * @cache: the cache (constant)
 * @ops: the file's operations (constant)
 * @private: the owner's cookie (constant)
 * @frames: page number -> frame; modified under cache->lock
 * @nr_frames: [cache->lock] frames of this file in the table
 * @write_err: first write error since the last jetk_cache_write_dirty()
 *	of this file; [cache->lock]
 * @removing: [cache->lock] being removed: write-back leaves it alone
 * @node: [cache->files_rwsem] on cache->files
 */
struct jetk_cache_file {
	struct jetk_cache *cache;
	const struct jetk_cache_file_ops *ops;
	void *private;
	struct xarray frames;
	unsigned long nr_frames;
	int write_err;
	bool removing;
	struct list_head node;
};

/**
 * struct jetk_cache_stats - a snapshot of a cache's counters
 */
struct jetk_cache_stats {
	u64 hits;
	u64 misses;
	u64 reads;
	u64 writes;
	u64 read_errors;
	u64 verify_errors;
	u64 write_errors;
	u64 evictions;
	u64 writeback_runs;
	unsigned long frames;
	unsigned long dirty;
	unsigned long held;
	unsigned long max_frames;
};

struct jetk_cache *jetk_cache_create(const char *name, unsigned int page_size,
				     unsigned long min_frames,
				     unsigned long max_frames);
void jetk_cache_destroy(struct jetk_cache *c);
void jetk_cache_set_limits(struct jetk_cache *c, unsigned long min_frames,
			   unsigned long max_frames);
unsigned int jetk_cache_page_size(const struct jetk_cache *c);

struct jetk_cache_file *jetk_cache_file_add(struct jetk_cache *c,
					    const struct jetk_cache_file_ops *ops,
					    void *private);
unsigned long jetk_cache_file_remove(struct jetk_cache_file *f);

int __must_check jetk_cache_read(struct jetk_cache_file *f, u32 pgno,
				 struct jetk_frame **frp);
int __must_check jetk_cache_new(struct jetk_cache_file *f, u32 pgno,
				struct jetk_frame **frp);
void jetk_cache_mark_dirty(struct jetk_frame *fr, u64 pos);
void jetk_cache_release(struct jetk_frame *fr);

int __must_check jetk_cache_write_dirty(struct jetk_cache *c,
					struct jetk_cache_file *f);
void jetk_cache_kick(struct jetk_cache *c);

/*
 * The write-ahead rule: before a frame whose last change is logged at
 * position P is written, the hook makes the log durable up to P.
 */
typedef int (*jetk_cache_wal_fn)(void *ctx, u64 pos);
void jetk_cache_set_wal(struct jetk_cache *c, jetk_cache_wal_fn fn,
			void *ctx);

/**
 * struct jetk_cache_log_ops - a log that takes page images (wal.c)
 * @durable: the write-ahead hook (as jetk_cache_set_wal())
 * @close: log the image of every UNLOGGED frame (jetk_cache_take_unlogged()
 *	... jetk_cache_logged()); called with no cache lock held, from
 *	jetk_cache_write_dirty() and the write-back work, never from a
 *	frame allocation
 * @kick: ask for @close soon; called from mark_dirty, no cache lock held
 * @changing: lockdep check that the caller may change pages now
 *
 * With a log set, every frame marked dirty is UNLOGGED until its image is
 * logged; write-back leaves it alone meanwhile.
 */
struct jetk_cache_log_ops {
	jetk_cache_wal_fn durable;
	int (*close)(void *ctx);
	void (*kick)(void *ctx);
	void (*changing)(void *ctx);
};

void jetk_cache_set_log(struct jetk_cache *c,
			const struct jetk_cache_log_ops *ops, void *ctx);
unsigned long jetk_cache_take_unlogged(struct jetk_cache *c,
				       struct list_head *frames);
void jetk_cache_logged(struct jetk_frame *fr, u64 first, u64 last, bool ok);
int __must_check jetk_cache_write_older(struct jetk_cache *c, u64 limit,
					unsigned long *written);
unsigned long jetk_cache_nr_unlogged(struct jetk_cache *c);
int __must_check jetk_cache_flush(struct jetk_cache *c);
u64 jetk_cache_oldest_change(struct jetk_cache *c);
void jetk_cache_get_stats(struct jetk_cache *c, struct jetk_cache_stats *st);
unsigned long jetk_cache_shrink_for_test(struct jetk_cache *c,
					 unsigned long nr);

#endif /* _JETK_CACHE_H */
