// SPDX-License-Identifier: GPL-2.0-only
/*
 * The buffer cache (see cache.h for the objects, lifetimes and locking).
 *
 * Modelled on dm-bufio: the cache owns page-size frames allocated as
 * physically contiguous pages, keeps clean unheld frames on an LRU list
 * for eviction and dirty ones on a dirty list for write-back, and talks to
 * storage only through each file's ->submit operation.
 *
 * A read is done by the thread that missed: it inserts a frame marked
 * READING, drops the lock, reads and verifies, then clears READING; other
 * threads that find the frame meanwhile take a hold and sleep on the bit,
 * so a page is read once however many want it.  Write-back picks dirty
 * frames nobody holds, marks them WRITING, seals and writes them without
 * the lock, and a new hold waits for WRITING to clear, so the data of a
 * frame is never changed while it is being written.
 */
#include <linux/bitops.h>
#include <linux/completion.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/wait_bit.h>

#include "cache.h"
#include "compat.h"
#include "jetk.h"

/* Write-back starts when this share (1/N) of the frames is dirty. */
#define JETK_CACHE_DIRTY_RATIO	4
/* Frames written per write-back batch. */
#define JETK_CACHE_WB_BATCH	64
/* Attempts to free a frame by writing dirty ones before giving up. */
#define JETK_CACHE_EVICT_TRIES	8

/**
 * struct jetk_cache - the buffer cache of one instance
 * @lock: protects everything below marked [lock]; see cache.h
 * @files_rwsem: protects @files; readers call into the files' operations
 *	(a flush) without @lock; taken outside @lock
 * @files: [files_rwsem] the files of this cache
 * @clean_lru: [lock] clean frames, most recently used first
 * @dirty_list: [lock] dirty frames, oldest change first
 * @nr_frames: [lock] frames allocated
 * @nr_dirty: [lock] frames with JETK_FRAME_DIRTY
 * @nr_held: [lock] frames with a non-zero hold
 * @min_frames: [lock] the shrinker leaves this many frames
 * @max_frames: [lock] never more frames than this
 * @page_size: bytes per page (constant)
 * @order: allocation order of a frame (constant)
 * @wb_work: write-back work item, on jetk_wq
 * @dying: [lock] set by jetk_cache_destroy(): no more write-back queued
 * @wb_held: [lock] a write-back pass left a dirty frame alone because it
 *	was held: the frame's last release queues the work again
 * @shrinker: memory-pressure hook (compat.h)
 * @wal: the write-ahead hook, or NULL (no log) [lock]
 * @wal_ctx: its argument [lock]
 * @log_ops: the log that takes page images, or NULL [lock]
 * @unlogged: [lock] UNLOGGED frames, in the order they were first changed
 * @nr_unlogged: [lock] frames on @unlogged
 * @name: for messages
 * @ctr: event counters (atomic; see struct jetk_cache_stats)
 */
struct jetk_cache {
	struct mutex lock;	/* see cache.h, "Locking" */
	struct rw_semaphore files_rwsem;
	struct list_head files;
	struct list_head clean_lru;
	struct list_head dirty_list;
	unsigned long nr_frames;
	unsigned long nr_dirty;
	unsigned long nr_held;
	unsigned long min_frames;
	unsigned long max_frames;
	unsigned int page_size;
	unsigned int order;
	struct work_struct wb_work;
	bool dying;
	bool wb_held;
	struct jetk_shrinker shrinker;
	jetk_cache_wal_fn wal;
	void *wal_ctx;
	const struct jetk_cache_log_ops *log_ops;
	struct list_head unlogged;
	unsigned long nr_unlogged;
	char name[32];
	struct {
		atomic64_t hits, misses, reads, writes, read_errors,
			   verify_errors, write_errors, evictions,
			   writeback_runs;
	} ctr;
};

static void jetk_cache_wb_fn(struct work_struct *work);

static unsigned long jetk_cache_shrink_count(struct shrinker *s,
					     struct shrink_control *sc);
static unsigned long jetk_cache_shrink_scan(struct shrinker *s,
					    struct shrink_control *sc);

/**
 * jetk_cache_create() - a new, empty cache
 * @name: for messages and the shrinker's name
 * @page_size: 4096, 8192, 16384 or 32768
 * @min_frames: frames the shrinker leaves (JET_paramCacheSizeMin)
 * @max_frames: most frames ever allocated (JET_paramCacheSizeMax)
 *
 * Return: the cache, or NULL (bad page size or out of memory).
 */
struct jetk_cache *jetk_cache_create(const char *name, unsigned int page_size,
				     unsigned long min_frames,
				     unsigned long max_frames)
{
	struct jetk_cache *c;

	if (page_size < 4096 || page_size > 32768 || !is_power_of_2(page_size))
		return NULL;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return NULL;
	mutex_init(&c->lock);
	init_rwsem(&c->files_rwsem);
	INIT_LIST_HEAD(&c->files);
	INIT_LIST_HEAD(&c->clean_lru);
	INIT_LIST_HEAD(&c->dirty_list);
	INIT_LIST_HEAD(&c->unlogged);
	c->page_size = page_size;
	c->order = get_order(page_size);
	INIT_WORK(&c->wb_work, jetk_cache_wb_fn);
	strscpy(c->name, name, sizeof(c->name));
	jetk_cache_set_limits(c, min_frames, max_frames);
	if (jetk_compat_shrinker_register(&c->shrinker, jetk_cache_shrink_count,
					  jetk_cache_shrink_scan, c, c->name)) {
		kfree(c);
		return NULL;
	}
	return c;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_create);

/**
 * jetk_cache_set_limits() - change the cache's size bounds
 * @c: the cache
 * @min_frames: at least 1
 * @max_frames: at least 2 and at least @min_frames
 *
 * Shrinking below the frames in use takes effect as frames are released.
 */
void jetk_cache_set_limits(struct jetk_cache *c, unsigned long min_frames,
			   unsigned long max_frames)
{
	mutex_lock(&c->lock);
	c->max_frames = max(max_frames, 2UL);
	c->min_frames = clamp(min_frames, 1UL, c->max_frames);
	mutex_unlock(&c->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_set_limits);

/**
 * jetk_cache_page_size() - the page size of a cache
 * @c: the cache
 *
 * Return: bytes per page.
 */
unsigned int jetk_cache_page_size(const struct jetk_cache *c)
{
	return c->page_size;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_page_size);

static void jetk_frame_free(struct jetk_cache *c, struct jetk_frame *fr)
{
	lockdep_assert_held(&c->lock);
	__free_pages(fr->page, c->order);
	kfree(fr);
	c->nr_frames--;
}

/* Take a frame out of its file's table; it is freed now or on last release. */
static void jetk_frame_unhash(struct jetk_cache *c, struct jetk_frame *fr)
{
	lockdep_assert_held(&c->lock);
	xa_erase(&fr->file->frames, fr->pgno);
	fr->file->nr_frames--;
	list_del_init(&fr->lru);
	if (test_and_clear_bit(JETK_FRAME_DIRTY, &fr->state))
		c->nr_dirty--;
	if (test_and_clear_bit(JETK_FRAME_UNLOGGED, &fr->state)) {
		list_del_init(&fr->log_node);
		c->nr_unlogged--;
	}
	set_bit(JETK_FRAME_DEAD, &fr->state);
	if (!fr->hold)
		jetk_frame_free(c, fr);
}

static bool jetk_frame_busy(const struct jetk_frame *fr)
{
	return fr->hold || test_bit(JETK_FRAME_READING, &fr->state) ||
	       test_bit(JETK_FRAME_WRITING, &fr->state);
}

/* Evict up to @nr clean, unheld, idle frames from the LRU's cold end. */
static unsigned long jetk_cache_evict(struct jetk_cache *c, unsigned long nr)
{
	struct jetk_frame *fr, *tmp;
	unsigned long done = 0;

	lockdep_assert_held(&c->lock);
	list_for_each_entry_safe_reverse(fr, tmp, &c->clean_lru, lru) {
		if (done >= nr)
			break;
		if (jetk_frame_busy(fr))
			continue;
		jetk_frame_unhash(c, fr);
		atomic64_inc(&c->ctr.evictions);
		done++;
	}
	return done;
}

static int jetk_cache_write_batch(struct jetk_cache *c,
				  struct jetk_cache_file *only,
				  unsigned long max, unsigned long *written);

/*
 * Allocate a frame for (f, pgno), evicting or writing back to stay within
 * max_frames.  Called and returns with c->lock held; may drop it.
 */
static int jetk_frame_alloc(struct jetk_cache_file *f, u32 pgno,
			    struct jetk_frame **frp)
{
	struct jetk_cache *c = f->cache;
	struct jetk_frame *fr;
	unsigned long written;
	int tries = 0, ret;

	lockdep_assert_held(&c->lock);
	while (c->nr_frames >= c->max_frames) {
		if (jetk_cache_evict(c, 1))
			continue;
		if (!c->nr_dirty || ++tries > JETK_CACHE_EVICT_TRIES)
			return -ENOBUFS;
		/* Only dirty frames are left: write some, then evict. */
		mutex_unlock(&c->lock);
		ret = jetk_cache_write_batch(c, NULL, JETK_CACHE_WB_BATCH,
					     &written);
		mutex_lock(&c->lock);
		if (ret && !written)
			return ret;
		/*
		 * Changes not logged yet cannot be written, and the caller
		 * may be inside the very call whose changes they are: go
		 * past the limit for now and have the log take them.
		 */
		if (!written && c->nr_unlogged) {
			if (c->log_ops)
				queue_work(jetk_wq, &c->wb_work);
			break;
		}
		/* Someone may have cached our page meanwhile. */
		if (xa_load(&f->frames, pgno))
			return -EAGAIN;
	}

	fr = kzalloc(sizeof(*fr), GFP_NOIO);
	if (!fr)
		return -ENOMEM;
	fr->page = alloc_pages(GFP_NOIO | __GFP_NOWARN, c->order);
	if (!fr->page) {
		kfree(fr);
		return -ENOMEM;
	}
	fr->data = page_address(fr->page);
	fr->file = f;
	fr->pgno = pgno;
	INIT_LIST_HEAD(&fr->lru);
	INIT_LIST_HEAD(&fr->log_node);
	ret = xa_insert(&f->frames, pgno, fr, GFP_NOIO);
	if (ret) {
		__free_pages(fr->page, c->order);
		kfree(fr);
		return ret == -EBUSY ? -EAGAIN : ret;
	}
	f->nr_frames++;
	c->nr_frames++;
	*frp = fr;
	return 0;
}

static void jetk_frame_hold(struct jetk_cache *c, struct jetk_frame *fr)
{
	lockdep_assert_held(&c->lock);
	if (!fr->hold++)
		c->nr_held++;
}

/* Drop a hold; the caller holds c->lock. */
static void jetk_frame_unhold(struct jetk_cache *c, struct jetk_frame *fr)
{
	lockdep_assert_held(&c->lock);
	if (WARN_ON_ONCE(fr->hold <= 0))
		return;
	if (--fr->hold)
		return;
	c->nr_held--;
	if (test_bit(JETK_FRAME_DEAD, &fr->state)) {
		jetk_frame_free(c, fr);
	} else if (c->wb_held && !c->dying &&
		   test_bit(JETK_FRAME_DIRTY, &fr->state)) {
		/* Write-back passed this frame over: its turn now. */
		c->wb_held = false;
		queue_work(jetk_wq, &c->wb_work);
	}
}

struct jetk_io_wait {
	struct completion done;
	int err;
};

static void jetk_io_wake(void *private, int err)
{
	struct jetk_io_wait *w = private;

	w->err = err;
	complete(&w->done);
}

/* Read and verify a frame marked READING, then let waiters in. */
static int jetk_frame_fill(struct jetk_cache *c, struct jetk_frame *fr)
{
	struct jetk_cache_file *f = fr->file;
	struct jetk_io_wait w;
	int ret;

	init_completion(&w.done);
	w.err = 0;
	atomic64_inc(&c->ctr.reads);
	ret = f->ops->submit(f, REQ_OP_READ | REQ_META, fr->pgno, fr->page,
			     c->page_size, jetk_io_wake, &w);
	if (!ret) {
		wait_for_completion_io(&w.done);
		ret = w.err;
	}
	if (ret) {
		atomic64_inc(&c->ctr.read_errors);
	} else if (f->ops->verify) {
		ret = f->ops->verify(f, fr->pgno, fr->data);
		if (ret)
			atomic64_inc(&c->ctr.verify_errors);
	}
	fr->io_err = ret;
	clear_bit_unlock(JETK_FRAME_READING, &fr->state);
	/* Order the clear before wake_up_bit()'s waitqueue check. */
	smp_mb__after_atomic();
	wake_up_bit(&fr->state, JETK_FRAME_READING);
	return ret;
}

/*
 * Find or make the frame for (f, pgno) with a hold on it.  @read says
 * whether a new frame must be read from storage.  Returns with the frame's
 * I/O finished (reads and writes), or an error with no hold kept.
 */
static int jetk_cache_get(struct jetk_cache_file *f, u32 pgno, bool read,
			  struct jetk_frame **frp)
{
	struct jetk_cache *c = f->cache;
	struct jetk_frame *fr;
	int ret;

again:
	mutex_lock(&c->lock);
	fr = xa_load(&f->frames, pgno);
	if (fr) {
		jetk_frame_hold(c, fr);
		if (!test_bit(JETK_FRAME_DIRTY, &fr->state))
			list_move(&fr->lru, &c->clean_lru);
		mutex_unlock(&c->lock);
		atomic64_inc(&c->ctr.hits);
		wait_on_bit_io(&fr->state, JETK_FRAME_READING,
			       TASK_UNINTERRUPTIBLE);
		ret = READ_ONCE(fr->io_err);
		if (ret) {
			/* The read failed and the frame left the table. */
			jetk_cache_release(fr);
			if (read)
				return ret;
			goto again;
		}
		wait_on_bit_io(&fr->state, JETK_FRAME_WRITING,
			       TASK_UNINTERRUPTIBLE);
		*frp = fr;
		return 0;
	}

	ret = jetk_frame_alloc(f, pgno, &fr);
	if (ret == -EAGAIN) {
		mutex_unlock(&c->lock);
		goto again;
	}
	if (ret) {
		mutex_unlock(&c->lock);
		return ret;
	}
	jetk_frame_hold(c, fr);
	list_add(&fr->lru, &c->clean_lru);
	if (read)
		set_bit(JETK_FRAME_READING, &fr->state);
	mutex_unlock(&c->lock);
	atomic64_inc(&c->ctr.misses);

	if (!read) {
		memset(fr->data, 0, c->page_size);
		*frp = fr;
		return 0;
	}
	ret = jetk_frame_fill(c, fr);
	if (ret) {
		/* Not cached: the next reader tries the storage again. */
		mutex_lock(&c->lock);
		if (!test_bit(JETK_FRAME_DEAD, &fr->state))
			jetk_frame_unhash(c, fr);
		jetk_frame_unhold(c, fr);
		mutex_unlock(&c->lock);
		return ret;
	}
	*frp = fr;
	return 0;
}

/**
 * jetk_cache_read() - a page, read from storage unless cached
 * @f: the file
 * @pgno: page number
 * @frp: the frame, held
 *
 * Return: 0; -ENOBUFS when every frame is held; -ENOMEM; the I/O error
 * of the read; or the file's verify error (-EBADMSG: checksum).  A page
 * that failed is not cached.
 */
int jetk_cache_read(struct jetk_cache_file *f, u32 pgno,
		    struct jetk_frame **frp)
{
	return jetk_cache_get(f, pgno, true, frp);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_read);

/**
 * jetk_cache_new() - a page about to be initialised: no read
 * @f: the file
 * @pgno: page number
 * @frp: the frame, held, its data zeroed
 *
 * For a page just allocated in the database: its old contents do not
 * matter.  The caller fills the frame and marks it dirty.
 *
 * Return: 0, -ENOBUFS or -ENOMEM.
 */
int jetk_cache_new(struct jetk_cache_file *f, u32 pgno,
		   struct jetk_frame **frp)
{
	struct jetk_frame *fr;
	int ret;

	ret = jetk_cache_get(f, pgno, false, &fr);
	if (ret)
		return ret;
	/* A cached page of the same number is stale: start from zeroes. */
	memset(fr->data, 0, f->cache->page_size);
	fr->io_err = 0;
	*frp = fr;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_new);

/**
 * jetk_cache_mark_dirty() - the holder changed the frame
 * @fr: a held frame
 * @pos: log position of the change (0 without a log); write-back will not
 *	write the frame before the log is durable up to it
 */
void jetk_cache_mark_dirty(struct jetk_frame *fr, u64 pos)
{
	struct jetk_cache *c = fr->file->cache;
	const struct jetk_cache_log_ops *log_kick = NULL;
	void *log_ctx = NULL;
	bool kick;

	mutex_lock(&c->lock);
	if (c->log_ops) {
		c->log_ops->changing(c->wal_ctx);
		if (!test_and_set_bit(JETK_FRAME_UNLOGGED, &fr->state)) {
			list_add_tail(&fr->log_node, &c->unlogged);
			/* A batch this large goes to the log soon. */
			if (++c->nr_unlogged * JETK_CACHE_DIRTY_RATIO * 2 >=
			    c->max_frames) {
				log_kick = c->log_ops;
				log_ctx = c->wal_ctx;
			}
		}
	}
	/* A dead frame (failed read) must not be used; a held one is live. */
	WARN_ON_ONCE(!fr->hold || test_bit(JETK_FRAME_DEAD, &fr->state));
	if (pos > fr->last_change)
		fr->last_change = pos;
	if (!test_and_set_bit(JETK_FRAME_DIRTY, &fr->state)) {
		fr->first_change = pos;
		c->nr_dirty++;
		list_move_tail(&fr->lru, &c->dirty_list);
	} else if (!fr->first_change) {
		fr->first_change = pos;
	}
	kick = !c->dying &&
	       c->nr_dirty * JETK_CACHE_DIRTY_RATIO >= c->max_frames;
	mutex_unlock(&c->lock);
	if (kick)
		queue_work(jetk_wq, &c->wb_work);
	if (log_kick)
		log_kick->kick(log_ctx);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_mark_dirty);

/**
 * jetk_cache_release() - drop a hold taken by jetk_cache_read/new()
 * @fr: the frame
 */
void jetk_cache_release(struct jetk_frame *fr)
{
	struct jetk_cache *c = fr->file->cache;

	mutex_lock(&c->lock);
	jetk_frame_unhold(c, fr);
	mutex_unlock(&c->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_release);

struct jetk_wb {
	struct jetk_frame *fr;
	int err;
	atomic_t *pending;
	struct completion *all_done;
};

/* The frame's write is over: holders waiting for it may go on. */
static void jetk_frame_written(struct jetk_frame *fr)
{
	clear_bit_unlock(JETK_FRAME_WRITING, &fr->state);
	/* Order the clear before wake_up_bit()'s waitqueue check. */
	smp_mb__after_atomic();
	wake_up_bit(&fr->state, JETK_FRAME_WRITING);
}

/*
 * A write is done.  The frame stays WRITING until the batch's owner has
 * settled it under c->lock: a file being removed waits for that bit, and
 * must not free the frame while the owner still looks at it.
 */
static void jetk_wb_end(void *private, int err)
{
	struct jetk_wb *wb = private;

	wb->err = err;
	if (atomic_dec_and_test(wb->pending))
		complete(wb->all_done);
}

/* A frame that was not written is dirty again (its first change kept). */
static void jetk_wb_redirty(struct jetk_cache *c, struct jetk_frame *fr)
{
	lockdep_assert_held(&c->lock);
	if (!test_and_set_bit(JETK_FRAME_DIRTY, &fr->state)) {
		c->nr_dirty++;
		list_move_tail(&fr->lru, &c->dirty_list);
	}
}

/*
 * Write up to @max dirty, unheld frames (of @only, or of every file) and
 * wait for them.  Frames that fail stay dirty and latch their file's
 * write_err.  Returns the first error; *@written counts frames written.
 */
static int jetk_cache_write_batch(struct jetk_cache *c,
				  struct jetk_cache_file *only,
				  unsigned long max, unsigned long *written)
{
	struct jetk_wb *wbs;
	struct jetk_frame *fr, *tmp;
	struct completion all_done;
	jetk_cache_wal_fn wal;
	void *wal_ctx;
	atomic_t pending;
	unsigned long n = 0, i;
	u64 wal_pos = 0;
	int ret = 0, err;

	*written = 0;
	wbs = kcalloc(max, sizeof(*wbs), GFP_NOIO);
	if (!wbs)
		return -ENOMEM;

	mutex_lock(&c->lock);
	list_for_each_entry_safe(fr, tmp, &c->dirty_list, lru) {
		if (n >= max)
			break;
		if ((only && fr->file != only) || fr->file->removing)
			continue;
		if (jetk_frame_busy(fr) ||
		    test_bit(JETK_FRAME_UNLOGGED, &fr->state)) {
			if (fr->hold)
				c->wb_held = true;
			continue;
		}
		/* The data is stable: no holder, and new holders wait. */
		set_bit(JETK_FRAME_WRITING, &fr->state);
		clear_bit(JETK_FRAME_DIRTY, &fr->state);
		c->nr_dirty--;
		list_move(&fr->lru, &c->clean_lru);
		wal_pos = max(wal_pos, fr->last_change);
		wbs[n++].fr = fr;
	}
	wal = c->wal;
	wal_ctx = c->wal_ctx;
	mutex_unlock(&c->lock);
	if (!n)
		goto out_free;

	/* The write-ahead rule: the log first, up to the newest change. */
	ret = wal && wal_pos ? wal(wal_ctx, wal_pos) : 0;
	if (ret) {
		mutex_lock(&c->lock);
		for (i = 0; i < n; i++) {
			fr = wbs[i].fr;
			jetk_wb_redirty(c, fr);
			jetk_frame_written(fr);
		}
		mutex_unlock(&c->lock);
		goto out_free;
	}

	init_completion(&all_done);
	atomic_set(&pending, n + 1);
	for (i = 0; i < n; i++) {
		struct jetk_cache_file *f;

		fr = wbs[i].fr;
		f = fr->file;
		wbs[i].pending = &pending;
		wbs[i].all_done = &all_done;
		if (f->ops->seal)
			f->ops->seal(f, fr->pgno, fr->data);
		err = f->ops->submit(f, REQ_OP_WRITE | REQ_META, fr->pgno,
				     fr->page, c->page_size, jetk_wb_end,
				     &wbs[i]);
		if (err)
			jetk_wb_end(&wbs[i], err);
	}
	if (!atomic_dec_and_test(&pending))
		wait_for_completion_io(&all_done);

	mutex_lock(&c->lock);
	for (i = 0; i < n; i++) {
		fr = wbs[i].fr;
		err = wbs[i].err;
		if (!err) {
			/* Its logged changes are on disk now. */
			fr->first_change = 0;
			fr->last_change = 0;
			atomic64_inc(&c->ctr.writes);
			(*written)++;
		} else {
			atomic64_inc(&c->ctr.write_errors);
			if (!fr->file->write_err)
				fr->file->write_err = err;
			if (!ret)
				ret = err;
			/* Keep the data: it is still dirty. */
			jetk_wb_redirty(c, fr);
		}
		jetk_frame_written(fr);
	}
	mutex_unlock(&c->lock);
out_free:
	kfree(wbs);
	return ret;
}

static int jetk_cache_flush_files(struct jetk_cache *c,
				  struct jetk_cache_file *only)
{
	struct jetk_cache_file *f;
	int ret = 0, err;

	down_read(&c->files_rwsem);
	list_for_each_entry(f, &c->files, node) {
		if ((only && f != only) || !f->ops->flush || f->removing)
			continue;
		err = f->ops->flush(f);
		if (err && !ret)
			ret = err;
	}
	up_read(&c->files_rwsem);
	return ret;
}

/**
 * jetk_cache_write_dirty() - write every dirty frame and make it durable
 * @c: the cache
 * @f: only this file's frames, or NULL for all
 *
 * Frames held by someone are written once released; this call does not
 * wait for them (detach and term release everything first).
 *
 * Return: 0, or the first write or flush error (reported once: the latch
 * of each file is cleared).
 */
int jetk_cache_write_dirty(struct jetk_cache *c, struct jetk_cache_file *f)
{
	const struct jetk_cache_log_ops *ops;
	unsigned long written;
	struct jetk_cache_file *it;
	void *ctx;
	int ret = 0, err;

	/* Whatever is not logged yet goes to the log first. */
	mutex_lock(&c->lock);
	ops = c->log_ops;
	ctx = c->wal_ctx;
	mutex_unlock(&c->lock);
	if (ops) {
		ret = ops->close(ctx);
		if (ret)
			return ret;
	}
	do {
		err = jetk_cache_write_batch(c, f, JETK_CACHE_WB_BATCH,
					     &written);
		if (err && !ret)
			ret = err;
	} while (written && !err);

	err = jetk_cache_flush_files(c, f);
	if (err && !ret)
		ret = err;

	down_read(&c->files_rwsem);
	mutex_lock(&c->lock);
	list_for_each_entry(it, &c->files, node) {
		if (f && it != f)
			continue;
		if (it->write_err && !ret)
			ret = it->write_err;
		it->write_err = 0;
	}
	mutex_unlock(&c->lock);
	up_read(&c->files_rwsem);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_write_dirty);

static void jetk_cache_wb_fn(struct work_struct *work)
{
	struct jetk_cache *c = container_of(work, struct jetk_cache, wb_work);
	const struct jetk_cache_log_ops *ops;
	unsigned long written;
	void *ctx;

	atomic64_inc(&c->ctr.writeback_runs);
	mutex_lock(&c->lock);
	ops = c->nr_unlogged ? c->log_ops : NULL;
	ctx = c->wal_ctx;
	mutex_unlock(&c->lock);
	if (ops && ops->close(ctx))
		return;
	/* Errors stay latched in the files for write_dirty to report. */
	if (jetk_cache_write_batch(c, NULL, JETK_CACHE_WB_BATCH, &written))
		return;
	if (written)
		jetk_cache_flush_files(c, NULL);
	mutex_lock(&c->lock);
	if (!c->dying && written &&
	    c->nr_dirty * JETK_CACHE_DIRTY_RATIO >= c->max_frames)
		queue_work(jetk_wq, &c->wb_work);
	mutex_unlock(&c->lock);
}

/**
 * jetk_cache_set_wal() - attach the log's write-ahead hook
 * @c: the cache
 * @fn: makes the log durable up to a position; NULL detaches
 * @ctx: its argument
 *
 * From then on a frame is written only after @fn returned 0 for its last
 * change's position; when @fn fails the frame stays dirty.
 */
void jetk_cache_set_wal(struct jetk_cache *c, jetk_cache_wal_fn fn,
			void *ctx)
{
	mutex_lock(&c->lock);
	c->wal = fn;
	c->wal_ctx = ctx;
	mutex_unlock(&c->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_set_wal);

/**
 * jetk_cache_set_log() - attach the log that takes page images
 * @c: the cache, with no dirty frame
 * @ops: the log's hooks; NULL detaches (no frame may be UNLOGGED then)
 * @ctx: their argument
 */
void jetk_cache_set_log(struct jetk_cache *c,
			const struct jetk_cache_log_ops *ops, void *ctx)
{
	mutex_lock(&c->lock);
	WARN_ON_ONCE(!ops && c->nr_unlogged);
	c->log_ops = ops;
	c->wal = ops ? ops->durable : NULL;
	c->wal_ctx = ctx;
	mutex_unlock(&c->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_set_log);

/**
 * jetk_cache_take_unlogged() - the frames whose images the log must take
 * @c: the cache
 * @frames: out: the frames, held, linked by log_node, oldest first
 *
 * The caller makes sure nothing changes them meanwhile, logs each image
 * and hands each back with jetk_cache_logged().
 *
 * Return: how many.
 */
unsigned long jetk_cache_take_unlogged(struct jetk_cache *c,
				       struct list_head *frames)
{
	struct jetk_frame *fr;
	unsigned long n;

	mutex_lock(&c->lock);
	list_for_each_entry(fr, &c->unlogged, log_node)
		jetk_frame_hold(c, fr);
	list_splice_init(&c->unlogged, frames);
	n = c->nr_unlogged;
	c->nr_unlogged = 0;
	mutex_unlock(&c->lock);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_take_unlogged);

/**
 * jetk_cache_logged() - a frame's image is in the log (or not)
 * @fr: a frame from jetk_cache_take_unlogged(), off any list
 * @first: where recovery must start to see the image
 * @last: the log must be durable up to here before the frame is written
 * @ok: false: the image did not make it; the frame stays UNLOGGED
 */
void jetk_cache_logged(struct jetk_frame *fr, u64 first, u64 last, bool ok)
{
	struct jetk_cache *c = fr->file->cache;

	mutex_lock(&c->lock);
	list_del_init(&fr->log_node);
	if (!ok) {
		list_add_tail(&fr->log_node, &c->unlogged);
		c->nr_unlogged++;
	} else {
		clear_bit(JETK_FRAME_UNLOGGED, &fr->state);
		if (!fr->first_change)
			fr->first_change = first;
		if (last > fr->last_change)
			fr->last_change = last;
	}
	jetk_frame_unhold(c, fr);
	mutex_unlock(&c->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_logged);

/**
 * jetk_cache_write_older() - write the frames that hold the checkpoint back
 * @c: the cache
 * @limit: write dirty frames whose first logged change is before this
 * @written: out: frames written
 *
 * Frames being changed now are left for later (they are held).
 *
 * Return: 0 or the first write error.
 */
int jetk_cache_write_older(struct jetk_cache *c, u64 limit,
			   unsigned long *written)
{
	struct jetk_frame *fr;
	unsigned long n;
	bool more;
	int ret = 0;

	*written = 0;
	do {
		/* The dirty list is in first-change order: take its head. */
		mutex_lock(&c->lock);
		more = false;
		list_for_each_entry(fr, &c->dirty_list, lru) {
			if (fr->first_change && fr->first_change < limit &&
			    !jetk_frame_busy(fr) &&
			    !test_bit(JETK_FRAME_UNLOGGED, &fr->state)) {
				more = true;
				break;
			}
		}
		mutex_unlock(&c->lock);
		if (!more)
			break;
		ret = jetk_cache_write_batch(c, NULL, JETK_CACHE_WB_BATCH, &n);
		*written += n;
	} while (!ret && n);
	if (!ret && *written)
		ret = jetk_cache_flush_files(c, NULL);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_write_older);

/**
 * jetk_cache_flush() - make every completed write of every file durable
 * @c: the cache
 *
 * Return: 0 or the first flush error.
 */
int jetk_cache_flush(struct jetk_cache *c)
{
	return jetk_cache_flush_files(c, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_flush);

/**
 * jetk_cache_nr_unlogged() - frames whose change the log has not taken
 * @c: the cache
 *
 * Return: the count (a snapshot, read without the lock).
 */
unsigned long jetk_cache_nr_unlogged(struct jetk_cache *c)
{
	return READ_ONCE(c->nr_unlogged);
}

/**
 * jetk_cache_oldest_change() - where the checkpoint can be at most
 * @c: the cache
 *
 * Return: the smallest log position of a change not yet written (the
 * first change of a dirty frame or of one being written: a frame keeps it
 * until its write succeeded), or U64_MAX when every logged change is on
 * disk.
 */
u64 jetk_cache_oldest_change(struct jetk_cache *c)
{
	struct jetk_frame *fr;
	u64 oldest = U64_MAX;

	mutex_lock(&c->lock);
	list_for_each_entry(fr, &c->dirty_list, lru)
		if (fr->first_change && fr->first_change < oldest)
			oldest = fr->first_change;
	/* Frames being written sit on the clean list meanwhile. */
	list_for_each_entry(fr, &c->clean_lru, lru)
		if (fr->first_change && fr->first_change < oldest)
			oldest = fr->first_change;
	mutex_unlock(&c->lock);
	return oldest;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_oldest_change);

/**
 * jetk_cache_kick() - start background write-back of every dirty frame
 * @c: the cache
 */
void jetk_cache_kick(struct jetk_cache *c)
{
	mutex_lock(&c->lock);
	if (!c->dying && c->nr_dirty)
		queue_work(jetk_wq, &c->wb_work);
	mutex_unlock(&c->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_kick);

/**
 * jetk_cache_file_add() - a new file in a cache
 * @c: the cache
 * @ops: the file's operations; ->submit is required
 * @private: the owner's cookie, in f->private
 *
 * Return: the file, or NULL when out of memory.
 */
struct jetk_cache_file *jetk_cache_file_add(struct jetk_cache *c,
					    const struct jetk_cache_file_ops *ops,
					    void *private)
{
	struct jetk_cache_file *f;

	if (WARN_ON_ONCE(!ops->submit))
		return NULL;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return NULL;
	f->cache = c;
	f->ops = ops;
	f->private = private;
	xa_init(&f->frames);
	down_write(&c->files_rwsem);
	list_add_tail(&f->node, &c->files);
	up_write(&c->files_rwsem);
	return f;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_file_add);

/**
 * jetk_cache_file_remove() - drop a file and all its frames
 * @f: the file; its owner wrote what had to be written and holds no frame
 *
 * Dirty frames still present are discarded: that is a detach after a
 * failed write, and the caller reports it.
 *
 * Return: the number of dirty frames discarded.
 */
unsigned long jetk_cache_file_remove(struct jetk_cache_file *f)
{
	struct jetk_cache *c = f->cache;
	unsigned long index, discarded = 0, leaked = 0;
	struct jetk_frame *fr;

	/* No new writes of our frames; wait for those in flight. */
	mutex_lock(&c->lock);
	f->removing = true;
again:
	xa_for_each(&f->frames, index, fr) {
		if (!test_bit(JETK_FRAME_WRITING, &fr->state))
			continue;
		jetk_frame_hold(c, fr);
		mutex_unlock(&c->lock);
		wait_on_bit_io(&fr->state, JETK_FRAME_WRITING,
			       TASK_UNINTERRUPTIBLE);
		mutex_lock(&c->lock);
		jetk_frame_unhold(c, fr);
		goto again;
	}
	mutex_unlock(&c->lock);

	down_write(&c->files_rwsem);
	mutex_lock(&c->lock);
	xa_for_each(&f->frames, index, fr) {
		if (test_bit(JETK_FRAME_DIRTY, &fr->state))
			discarded++;
		if (fr->hold)
			leaked++;
		jetk_frame_unhash(c, fr);
	}
	list_del(&f->node);
	mutex_unlock(&c->lock);
	up_write(&c->files_rwsem);
	if (leaked) {
		/* A holder outlives its file: a bug, the frames stay allocated. */
		pr_crit("jetk: cache %s: %lu frames still held at file removal\n",
			c->name, leaked);
		WARN_ON_ONCE(1);
	}
	xa_destroy(&f->frames);
	kfree(f);
	return discarded;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_file_remove);

/**
 * jetk_cache_destroy() - free a cache
 * @c: the cache; every file removed
 */
void jetk_cache_destroy(struct jetk_cache *c)
{
	if (!c)
		return;
	mutex_lock(&c->lock);
	c->dying = true;
	mutex_unlock(&c->lock);
	cancel_work_sync(&c->wb_work);
	jetk_compat_shrinker_unregister(&c->shrinker);
	if (!list_empty(&c->files) || c->nr_frames) {
		pr_crit("jetk: cache %s destroyed with %lu frames, files %s\n",
			c->name, c->nr_frames,
			list_empty(&c->files) ? "none" : "left");
		WARN_ON_ONCE(1);
		return;	/* leak rather than free what someone may use */
	}
	mutex_destroy(&c->lock);
	kfree(c);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_destroy);

/**
 * jetk_cache_get_stats() - a snapshot of the counters
 * @c: the cache
 * @st: filled
 */
void jetk_cache_get_stats(struct jetk_cache *c, struct jetk_cache_stats *st)
{
	st->hits = atomic64_read(&c->ctr.hits);
	st->misses = atomic64_read(&c->ctr.misses);
	st->reads = atomic64_read(&c->ctr.reads);
	st->writes = atomic64_read(&c->ctr.writes);
	st->read_errors = atomic64_read(&c->ctr.read_errors);
	st->verify_errors = atomic64_read(&c->ctr.verify_errors);
	st->write_errors = atomic64_read(&c->ctr.write_errors);
	st->evictions = atomic64_read(&c->ctr.evictions);
	st->writeback_runs = atomic64_read(&c->ctr.writeback_runs);
	mutex_lock(&c->lock);
	st->frames = c->nr_frames;
	st->dirty = c->nr_dirty;
	st->held = c->nr_held;
	st->max_frames = c->max_frames;
	mutex_unlock(&c->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_get_stats);

static unsigned long jetk_cache_shrink_count(struct shrinker *s,
					     struct shrink_control *sc)
{
	struct jetk_cache *c = jetk_compat_shrinker_private(s);
	unsigned long n = READ_ONCE(c->nr_frames);
	unsigned long keep = READ_ONCE(c->min_frames) +
			     READ_ONCE(c->nr_dirty) + READ_ONCE(c->nr_held);

	return n > keep ? n - keep : 0;
}

static unsigned long jetk_cache_shrink_scan(struct shrinker *s,
					    struct shrink_control *sc)
{
	struct jetk_cache *c = jetk_compat_shrinker_private(s);
	unsigned long freed, room;

	/* Reclaim may run under our own allocation: never wait for the lock. */
	if (!mutex_trylock(&c->lock))
		return SHRINK_STOP;
	room = c->nr_frames > c->min_frames ? c->nr_frames - c->min_frames : 0;
	freed = jetk_cache_evict(c, min(sc->nr_to_scan, room));
	mutex_unlock(&c->lock);
	return freed;
}

/**
 * jetk_cache_shrink_for_test() - run the shrinker as memory pressure would
 * @c: the cache
 * @nr: frames to scan
 *
 * Return: frames freed.
 */
unsigned long jetk_cache_shrink_for_test(struct jetk_cache *c,
					 unsigned long nr)
{
	struct shrink_control sc = { .gfp_mask = GFP_KERNEL, .nr_to_scan = nr };
	struct shrinker *s = jetk_compat_shrinker_ptr(&c->shrinker);

	if (!jetk_cache_shrink_count(s, &sc))
		return 0;
	return jetk_cache_shrink_scan(s, &sc);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_cache_shrink_for_test);
