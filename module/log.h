/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The write-ahead log device (format in format.h, "The write-ahead log"):
 * records appended to an in-memory ring of log sectors, made durable by
 * jetk_log_flush() with FUA writes, one writer at a time, so that
 * concurrent flushers share writes (group commit: whoever holds the
 * writer's lock writes everything appended so far, the others find
 * their records durable when they get it).  jbd2's journal is the model
 * for the discipline: write once, never in place, verify on the way
 * back, stop at the first sector that is not what it must be.
 *
 * Locking: append_lock (a mutex) guards the stream's head and the ring
 * slots not yet handed to the writer; io_lock (a mutex, taken outside
 * append_lock) makes one flusher at a time and guards @wsec; @lock (a
 * spinlock, a leaf) guards @durable, @err and @checkpoint for readers
 * that must not sleep.  Callers hold none of them.
 *
 * The first I/O error latches: every later append and flush returns it,
 * as jbd2 aborts a journal.
 */
#ifndef _JETK_LOG_H
#define _JETK_LOG_H

#include <linux/blk_types.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>

#include "bdev.h"
#include "format.h"

/**
 * struct jetk_log_io - how the log reaches its device (the bio seam)
 * @submit: as jetk_bdev_submit_at(): one contiguous buffer, completion
 *	called exactly once when 0 is returned
 */
struct jetk_log_io {
	int (*submit)(void *dev, blk_opf_t opf, u64 offset, struct page *page,
		      unsigned int page_off, unsigned int len,
		      jetk_bdev_end_io_t end_io, void *private);
};

/**
 * struct jetk_log_db - a database the superblock names
 * @id: the id its page records carry
 * @name_len: bytes of @name
 * @name: its name, NUL terminated
 */
struct jetk_log_db {
	u32 id;
	u16 name_len;
	char name[JETK_LOG_DB_NAME_MAX + 1];
};

/**
 * struct jetk_log - one log device
 * @io: the device's operations
 * @dev: their cookie
 * @ssize: bytes per log sector
 * @psize: payload bytes per sector
 * @nsect: sectors in the circular area
 * @sig_random: the log's identity
 * @sig_created: when it was formatted
 * @epoch: this open's epoch, stamped on every sector written
 * @sb_seq: the last superblock update's sequence [io_lock]
 * @sb_buf: a sector for superblock I/O [io_lock]
 * @append_lock: see the top of this file
 * @io_lock: see the top of this file
 * @lock: see the top of this file
 * @ring: the ring of sectors not yet written (@nring of them)
 * @ring_page: its first page
 * @nring: sectors in @ring
 * @head: the stream position the next record goes to [append_lock]
 * @rec_end: where the last record appended ends [append_lock]
 * @wsec: the first stream sector not written yet [io_lock; read under
 *	append_lock, which the writer holds to change it]
 * @durable: stream positions below it are on the device [lock]
 * @checkpoint: recovery starts here; space before it may be reused [lock]
 * @err: the latched error [lock]
 * @flushes: writes made (for group-commit counts) [lock]
 * @wait: flushers waiting for @durable
 * @end_hint: the superblock's end at open (a clean close's end) [io_lock]
 * @dbs: the databases attached, as the superblock lists them [io_lock]
 * @ndbs: entries of @dbs [io_lock]
 * @next_db_id: the id the next one gets [io_lock]
 */
struct jetk_log {
	const struct jetk_log_io *io;
	void *dev;
	unsigned int ssize;
	unsigned int psize;
	u32 nsect;
	u32 sig_random;
	u64 sig_created;
	u32 epoch;
	u64 sb_seq;
	u8 *sb_buf;
	struct page *sb_page;

	struct mutex append_lock;	/* see above */
	struct mutex io_lock;		/* see above */
	spinlock_t lock;		/* see above */
	u8 *ring;
	struct page *ring_page;
	unsigned int ring_order;
	unsigned int nring;
	u64 head;
	u64 rec_end;
	u64 wsec;
	u64 durable;
	u64 checkpoint;
	int err;
	u64 flushes;
	wait_queue_head_t wait;
	u64 end_hint;
	struct jetk_log_db dbs[JETK_LOG_DBS_MAX];
	u32 ndbs;
	u32 next_db_id;
};

/* The operations of a log on a claimed block device (dev: jetk_bdev). */
extern const struct jetk_log_io jetk_log_bdev_io;

/* A record handed to jetk_log_replay()'s callback. */
typedef int (*jetk_log_replay_fn)(void *ctx, u64 lsn, u8 type,
				  const u8 *data, u32 len);

int jetk_log_init(struct jetk_log *log, const struct jetk_log_io *io,
		  void *dev, unsigned int sector_size, u64 dev_bytes,
		  unsigned int ring_bytes);
void jetk_log_free(struct jetk_log *log);
int jetk_log_format(struct jetk_log *log);
int jetk_log_open(struct jetk_log *log, bool *clean);
int jetk_log_replay(struct jetk_log *log, jetk_log_replay_fn fn, void *ctx,
		    u64 *end);
int jetk_log_start(struct jetk_log *log, u64 end);
struct kvec;
int jetk_log_append(struct jetk_log *log, u8 type, const void *data,
		    u32 len, u64 *lsn);
int jetk_log_appendv(struct jetk_log *log, u8 type, const struct kvec *vec,
		     unsigned int nvec, u64 *lsn);
int jetk_log_flush(struct jetk_log *log, u64 until);
u64 jetk_log_head(struct jetk_log *log);
u64 jetk_log_rec_end(struct jetk_log *log);
u64 jetk_log_durable(struct jetk_log *log);
int jetk_log_checkpoint(struct jetk_log *log, u64 lsn, bool clean);
u64 jetk_log_free_bytes(struct jetk_log *log);
int jetk_log_db_add(struct jetk_log *log, const char *name, u32 *id);
int jetk_log_db_remove(struct jetk_log *log, u32 id);

#endif /* _JETK_LOG_H */
