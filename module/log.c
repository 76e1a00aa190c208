// SPDX-License-Identifier: GPL-2.0-only
/*
 * The write-ahead log device (see log.h; the format is in format.h).
 *
 * Stream sector n lives in ring slot n % nring until it is written, and
 * on the device in area sector n % nsect, after the two superblock
 * copies.  A record is appended under append_lock into the ring; a flush
 * seals the sector the stream ends in, checksums the sectors not yet
 * written and writes them with REQ_FUA, in at most a few bios (a run
 * breaks where the ring or the area wraps), without append_lock, so
 * appends go on into the following sectors meanwhile.
 */
#include <linux/completion.h>
#include <linux/crc32.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <linux/uio.h>

#include "compat.h"
#include "format.h"
#include "log.h"

#define JETK_LOG_HDR	sizeof(struct jetk_log_sector)
#define JETK_LOG_RHDR	sizeof(struct jetk_log_rec)

static u32 jetk_log_crc(const void *buf, unsigned int len)
{
	return ~crc32_le(~0U, buf, len);
}

/* ------------------------------------------------------------------ I/O */

struct jetk_log_wait {
	struct completion done;
	atomic_t pending;
	int err;
};

static void jetk_log_end_io(void *private, int err)
{
	struct jetk_log_wait *w = private;

	if (err)
		cmpxchg(&w->err, 0, err);
	if (atomic_dec_and_test(&w->pending))
		complete(&w->done);
}

static void jetk_log_wait_init(struct jetk_log_wait *w)
{
	init_completion(&w->done);
	atomic_set(&w->pending, 1);
	w->err = 0;
}

static int jetk_log_submit(struct jetk_log *log, struct jetk_log_wait *w,
			   blk_opf_t opf, u64 offset, struct page *page,
			   unsigned int page_off, unsigned int len)
{
	int ret;

	atomic_inc(&w->pending);
	ret = log->io->submit(log->dev, opf, offset, page, page_off, len,
			      jetk_log_end_io, w);
	if (ret)
		atomic_dec(&w->pending);
	return ret;
}

/* Drop the wait's own count and wait for the rest. */
static int jetk_log_wait_done(struct jetk_log_wait *w, int ret)
{
	jetk_log_end_io(w, 0);
	wait_for_completion_io(&w->done);
	return ret ? ret : w->err;
}

/* Read or write @len bytes of the superblock page at device @offset. */
static int jetk_log_sb_io(struct jetk_log *log, blk_opf_t opf, u64 offset,
			  unsigned int len)
{
	struct jetk_log_wait w;
	int ret;

	jetk_log_wait_init(&w);
	ret = jetk_log_submit(log, &w, opf, offset, log->sb_page, 0, len);
	return jetk_log_wait_done(&w, ret);
}

#define JETK_LOG_AREA_START	((u64)JETK_LOG_SB_COPIES * JETK_LOG_SB_BYTES)

static u64 jetk_log_area_off(const struct jetk_log *log, u64 n)
{
	return JETK_LOG_AREA_START + (n % log->nsect) * log->ssize;
}

/* ------------------------------------------------------------ set up */

/**
 * jetk_log_init() - set up a log on a device
 * @log: the log
 * @io: the device's operations
 * @dev: their cookie
 * @sector_size: the device's logical block size (512 ... PAGE_SIZE)
 * @dev_bytes: the device's size
 * @ring_bytes: the in-memory ring (rounded to a power-of-two number of
 *	pages, at least one)
 *
 * Return: 0, -EINVAL (a size that cannot work), -ENOMEM.
 */
int jetk_log_init(struct jetk_log *log, const struct jetk_log_io *io,
		  void *dev, unsigned int sector_size, u64 dev_bytes,
		  unsigned int ring_bytes)
{
	u64 nsect;

	memset(log, 0, sizeof(*log));
	if (sector_size < 512 || sector_size > PAGE_SIZE ||
	    !is_power_of_2(sector_size))
		return -EINVAL;
	if (dev_bytes < JETK_LOG_AREA_START)
		return -EINVAL;
	nsect = div_u64(dev_bytes - JETK_LOG_AREA_START, sector_size);
	if (nsect < 16 || nsect > U32_MAX)
		return -EINVAL;
	log->io = io;
	log->dev = dev;
	log->ssize = sector_size;
	log->psize = sector_size - JETK_LOG_HDR;
	log->nsect = nsect;
	log->ring_order = get_order(max_t(unsigned int, ring_bytes,
					  PAGE_SIZE));
	log->nring = (PAGE_SIZE << log->ring_order) / sector_size;
	/* The ring never holds more than the area. */
	if (log->nring > log->nsect / 2)
		return -EINVAL;
	mutex_init(&log->append_lock);
	mutex_init(&log->io_lock);
	spin_lock_init(&log->lock);
	init_waitqueue_head(&log->wait);
	log->ring_page = alloc_pages(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN,
				     log->ring_order);
	log->sb_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!log->ring_page || !log->sb_page) {
		jetk_log_free(log);
		return -ENOMEM;
	}
	log->ring = page_address(log->ring_page);
	log->sb_buf = page_address(log->sb_page);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_init);

/**
 * jetk_log_free() - release a log's memory (the device is the caller's)
 * @log: the log; nothing runs in it
 */
void jetk_log_free(struct jetk_log *log)
{
	if (log->ring_page)
		__free_pages(log->ring_page, log->ring_order);
	if (log->sb_page)
		__free_page(log->sb_page);
	log->ring_page = NULL;
	log->sb_page = NULL;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_free);

/* Write the superblock copy the next sequence number selects. */
static int jetk_log_write_sb(struct jetk_log *log, u64 checkpoint,
			     u64 end_hint, bool clean)
{
	struct jetk_log_sb *sb = (struct jetk_log_sb *)log->sb_buf;
	u64 seq = log->sb_seq + 1;
	unsigned int i;

	lockdep_assert_held(&log->io_lock);
	memset(log->sb_buf, 0, JETK_LOG_SB_BYTES);
	sb->magic = cpu_to_le64(JETK_LOG_SB_MAGIC);
	sb->version = cpu_to_le32(JETK_LOG_VERSION);
	sb->sector_size = cpu_to_le32(log->ssize);
	sb->nsect = cpu_to_le32(log->nsect);
	sb->seq = cpu_to_le64(seq);
	sb->sig_random = cpu_to_le32(log->sig_random);
	sb->sig_created = cpu_to_le64(log->sig_created);
	sb->checkpoint = cpu_to_le64(checkpoint);
	sb->end_hint = cpu_to_le64(end_hint);
	sb->clean = cpu_to_le32(clean);
	sb->epoch = cpu_to_le32(log->epoch);
	sb->ndbs = cpu_to_le32(log->ndbs);
	sb->next_db_id = cpu_to_le32(log->next_db_id);
	for (i = 0; i < log->ndbs; i++) {
		sb->dbs[i].id = cpu_to_le32(log->dbs[i].id);
		sb->dbs[i].name_len = cpu_to_le16(log->dbs[i].name_len);
		memcpy(sb->dbs[i].name, log->dbs[i].name,
		       log->dbs[i].name_len);
	}
	sb->crc = cpu_to_le32(jetk_log_crc(log->sb_buf, JETK_LOG_SB_BYTES));
	log->sb_seq = seq;
	return jetk_log_sb_io(log, REQ_OP_WRITE | REQ_SYNC | REQ_FUA,
			      (seq % JETK_LOG_SB_COPIES) * JETK_LOG_SB_BYTES,
			      JETK_LOG_SB_BYTES);
}

/**
 * jetk_log_format() - make the device an empty log
 * @log: the log (jetk_log_init())
 *
 * Both superblock copies are written; the area is not (a new identity
 * makes every old sector invalid).
 *
 * Return: 0 or an I/O error.
 */
int jetk_log_format(struct jetk_log *log)
{
	int ret;

	mutex_lock(&log->io_lock);
	log->sig_random = get_random_u32();
	log->sig_created = ktime_get_real_ns();
	log->epoch = 1;
	log->sb_seq = 0;
	log->ndbs = 0;
	log->next_db_id = 1;
	ret = jetk_log_write_sb(log, 0, 0, false);
	if (!ret)
		ret = jetk_log_write_sb(log, 0, 0, false);
	mutex_unlock(&log->io_lock);
	if (!ret)
		ret = jetk_log_start(log, 0);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_format);

/* Whether the superblock in log->sb_buf is valid; fills @sb's fields. */
static bool jetk_log_sb_valid(struct jetk_log *log)
{
	struct jetk_log_sb *sb = (struct jetk_log_sb *)log->sb_buf;
	u32 crc = le32_to_cpu(sb->crc);

	unsigned int i;

	if (le64_to_cpu(sb->magic) != JETK_LOG_SB_MAGIC)
		return false;
	sb->crc = 0;
	if (jetk_log_crc(log->sb_buf, JETK_LOG_SB_BYTES) != crc)
		return false;
	sb->crc = cpu_to_le32(crc);
	if (le32_to_cpu(sb->ndbs) > JETK_LOG_DBS_MAX)
		return false;
	for (i = 0; i < le32_to_cpu(sb->ndbs); i++)
		if (le16_to_cpu(sb->dbs[i].name_len) > JETK_LOG_DB_NAME_MAX)
			return false;
	return le32_to_cpu(sb->version) == JETK_LOG_VERSION &&
	       le32_to_cpu(sb->sector_size) == log->ssize &&
	       le32_to_cpu(sb->nsect) == log->nsect;
}

/**
 * jetk_log_open() - take up an existing log
 * @log: the log (jetk_log_init())
 * @clean: out: the last close was clean (nothing to recover)
 *
 * Reads the superblock (the valid copy with the larger sequence number).
 * The log is not writable until jetk_log_start().
 *
 * Return: 0, -ENODATA (no valid superblock: not a log of this size),
 * or an I/O error.
 */
int jetk_log_open(struct jetk_log *log, bool *clean)
{
	struct jetk_log_sb *sb = (struct jetk_log_sb *)log->sb_buf;
	u64 best_seq = 0;
	int copy, best = -1, ret = 0;

	mutex_lock(&log->io_lock);
	for (copy = 0; copy < JETK_LOG_SB_COPIES; copy++) {
		ret = jetk_log_sb_io(log, REQ_OP_READ,
				     copy * JETK_LOG_SB_BYTES,
				     JETK_LOG_SB_BYTES);
		if (ret)
			goto out;
		if (jetk_log_sb_valid(log) &&
		    le64_to_cpu(sb->seq) >= best_seq) {
			best_seq = le64_to_cpu(sb->seq);
			best = copy;
		}
	}
	if (best < 0) {
		ret = -ENODATA;
		goto out;
	}
	ret = jetk_log_sb_io(log, REQ_OP_READ, best * JETK_LOG_SB_BYTES,
			     JETK_LOG_SB_BYTES);
	if (ret)
		goto out;
	if (!jetk_log_sb_valid(log)) {
		ret = -EIO;
		goto out;
	}
	log->sb_seq = le64_to_cpu(sb->seq);
	log->sig_random = le32_to_cpu(sb->sig_random);
	log->sig_created = le64_to_cpu(sb->sig_created);
	log->epoch = le32_to_cpu(sb->epoch);
	log->checkpoint = le64_to_cpu(sb->checkpoint);
	log->end_hint = le64_to_cpu(sb->end_hint);
	log->next_db_id = le32_to_cpu(sb->next_db_id);
	log->ndbs = le32_to_cpu(sb->ndbs);
	for (copy = 0; copy < log->ndbs; copy++) {
		struct jetk_log_db *db = &log->dbs[copy];

		db->id = le32_to_cpu(sb->dbs[copy].id);
		db->name_len = le16_to_cpu(sb->dbs[copy].name_len);
		memcpy(db->name, sb->dbs[copy].name, db->name_len);
		db->name[db->name_len] = 0;
	}
	*clean = le32_to_cpu(sb->clean);
out:
	mutex_unlock(&log->io_lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_open);

/* ------------------------------------------------------------- replay */

struct jetk_log_reader {
	struct jetk_log *log;
	struct page *page;
	u8 *buf;
	u64 sec;		/* the stream sector in @buf, or U64_MAX */
	u32 prev_epoch;
	u16 used;
};

/* Read stream sector @n into the reader; false when it is not valid. */
static bool jetk_log_read_sector(struct jetk_log_reader *r, u64 n, int *err)
{
	struct jetk_log *log = r->log;
	struct jetk_log_sector *h = (struct jetk_log_sector *)r->buf;
	struct jetk_log_wait w;
	u32 crc, epoch;
	int ret;

	if (r->sec == n)
		return true;
	r->sec = U64_MAX;
	jetk_log_wait_init(&w);
	ret = jetk_log_submit(log, &w, REQ_OP_READ, jetk_log_area_off(log, n),
			      r->page, 0, log->ssize);
	ret = jetk_log_wait_done(&w, ret);
	if (ret) {
		*err = ret;
		return false;
	}
	crc = le32_to_cpu(h->crc);
	h->crc = 0;
	epoch = le32_to_cpu(h->epoch);
	if (le32_to_cpu(h->magic) != JETK_LOG_MAGIC ||
	    jetk_log_crc(r->buf, log->ssize) != crc ||
	    le32_to_cpu(h->sig_random) != log->sig_random ||
	    le64_to_cpu(h->lsn) != n * log->psize ||
	    le16_to_cpu(h->used) > log->psize || epoch < r->prev_epoch)
		return false;
	r->prev_epoch = epoch;
	r->used = le16_to_cpu(h->used);
	r->sec = n;
	return true;
}

/*
 * Copy @len stream bytes from *@pos into @dst (NULL: skip them), moving
 * over the padding at the end of sealed sectors.  False when a sector on
 * the way is not valid (the log ends).
 */
static bool __jetk_log_read(struct jetk_log_reader *r, u64 *pos, u8 *dst,
			    u32 len, bool skip, int *err)
{
	struct jetk_log *log = r->log;

	/* @skip: only move over padding to where the next byte is. */
	while (len || skip) {
		u64 n = div_u64(*pos, log->psize);
		u32 off = *pos - n * log->psize, k;

		if (!jetk_log_read_sector(r, n, err))
			return false;
		if (off >= r->used) {
			/* Padding: the stream goes on in the next sector. */
			*pos = (n + 1) * log->psize;
			continue;
		}
		if (skip)
			break;
		k = min_t(u32, len, r->used - off);
		if (dst) {
			memcpy(dst, r->buf + JETK_LOG_HDR + off, k);
			dst += k;
		}
		*pos += k;
		len -= k;
	}
	return true;
}

static bool jetk_log_read(struct jetk_log_reader *r, u64 *pos, u8 *dst,
			  u32 len, int *err)
{
	return __jetk_log_read(r, pos, dst, len, false, err);
}

/**
 * jetk_log_replay() - read the records from the checkpoint to the end
 * @log: the log (jetk_log_open())
 * @fn: called with each record, in order; a nonzero return stops it
 * @ctx: for @fn
 * @end: out: the stream position after the last whole record
 *
 * Return: 0, @fn's error, -ENOMEM, or an I/O error.
 */
int jetk_log_replay(struct jetk_log *log, jetk_log_replay_fn fn, void *ctx,
		    u64 *end)
{
	struct jetk_log_reader r = { .log = log, .sec = U64_MAX };
	struct jetk_log_rec rh;
	u8 *data = NULL;
	u32 cap = 0, len;
	u64 pos, start;
	int ret = 0;

	r.page = alloc_page(GFP_KERNEL);
	if (!r.page)
		return -ENOMEM;
	r.buf = page_address(r.page);
	pos = log->checkpoint;
	*end = pos;
	for (;;) {
		/* Over the padding first: the record starts after it. */
		if (!__jetk_log_read(&r, &pos, NULL, 0, true, &ret))
			break;
		start = pos;
		if (!jetk_log_read(&r, &pos, (u8 *)&rh, sizeof(rh), &ret))
			break;
		/* A record starts where the header says one may. */
		len = le32_to_cpu(rh.len);
		if (!rh.type || rh.flags || rh.reserved ||
		    len > JETK_LOG_REC_MAX)
			break;
		if (len > cap) {
			kvfree(data);
			cap = max_t(u32, len, PAGE_SIZE);
			data = kvmalloc(cap, GFP_KERNEL);
			if (!data) {
				ret = -ENOMEM;
				break;
			}
		}
		if (!jetk_log_read(&r, &pos, data, len, &ret))
			break;
		ret = fn(ctx, start, rh.type, data, len);
		if (ret)
			break;
		*end = pos;
	}
	kvfree(data);
	__free_page(r.page);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_replay);

/*
 * The sector the replay ended in may go on with the start of a record
 * that never made it whole: cut it at @end, so that nothing of it is
 * read as the beginning of what this run writes next.  One sector,
 * written whole or not at all.
 */
static int jetk_log_reseal(struct jetk_log *log, u64 end)
{
	struct jetk_log_sector *h = (struct jetk_log_sector *)log->sb_buf;
	u64 n = div_u64(end, log->psize);
	u32 off = end - n * log->psize, crc;
	int ret;

	lockdep_assert_held(&log->io_lock);
	if (!off)
		return 0;
	ret = jetk_log_sb_io(log, REQ_OP_READ, jetk_log_area_off(log, n),
			     log->ssize);
	if (ret)
		return ret;
	crc = le32_to_cpu(h->crc);
	h->crc = 0;
	if (le32_to_cpu(h->magic) != JETK_LOG_MAGIC ||
	    jetk_log_crc(h, log->ssize) != crc ||
	    le64_to_cpu(h->lsn) != n * log->psize ||
	    le16_to_cpu(h->used) < off)
		return -EUCLEAN;	/* the replay read it whole */
	if (le16_to_cpu(h->used) == off)
		return 0;
	h->used = cpu_to_le16(off);
	memset(log->sb_buf + JETK_LOG_HDR + off, 0, log->psize - off);
	h->crc = cpu_to_le32(jetk_log_crc(h, log->ssize));
	return jetk_log_sb_io(log, REQ_OP_WRITE | REQ_SYNC | REQ_FUA,
			      jetk_log_area_off(log, n), log->ssize);
}

/**
 * jetk_log_start() - open the log for appending, after the replay
 * @log: the log
 * @end: where the replay ended (0 after jetk_log_format())
 *
 * A new epoch goes to the superblock first, then the stream goes on at
 * the next sector boundary: nothing a crashed run left past @end is
 * read as this run's.
 *
 * Return: 0 or an I/O error.
 */
int jetk_log_start(struct jetk_log *log, u64 end)
{
	u64 sec = DIV_ROUND_UP(end, log->psize);
	int ret;

	mutex_lock(&log->io_lock);
	ret = jetk_log_reseal(log, end);
	if (ret)
		goto out;
	log->epoch++;
	ret = jetk_log_write_sb(log, log->checkpoint, 0, false);
	if (!ret) {
		mutex_lock(&log->append_lock);
		log->head = sec * log->psize;
		log->rec_end = log->head;
		log->wsec = sec;
		mutex_unlock(&log->append_lock);
		spin_lock(&log->lock);
		log->durable = sec * log->psize;
		log->err = 0;
		spin_unlock(&log->lock);
	}
out:
	mutex_unlock(&log->io_lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_start);

/* ------------------------------------------------------------ appending */

static struct jetk_log_sector *jetk_log_slot(struct jetk_log *log, u64 n)
{
	return (struct jetk_log_sector *)(log->ring +
					  (n % log->nring) * log->ssize);
}

/* Copy @len bytes into the stream at log->head.  Under append_lock. */
static void jetk_log_put(struct jetk_log *log, const void *src, u32 len,
			 bool starts)
{
	while (len) {
		u64 n = div_u64(log->head, log->psize);
		u32 off = log->head - n * log->psize;
		u32 k = min_t(u32, len, log->psize - off);
		struct jetk_log_sector *h = jetk_log_slot(log, n);

		if (!off) {
			memset(h, 0, log->ssize);
			h->magic = cpu_to_le32(JETK_LOG_MAGIC);
			h->lsn = cpu_to_le64(n * log->psize);
			h->sig_random = cpu_to_le32(log->sig_random);
			h->epoch = cpu_to_le32(log->epoch);
			h->first = cpu_to_le16(JETK_LOG_NO_FIRST);
		}
		if (starts && le16_to_cpu(h->first) == JETK_LOG_NO_FIRST)
			h->first = cpu_to_le16(off);
		starts = false;
		memcpy((u8 *)h + JETK_LOG_HDR + off, src, k);
		h->used = cpu_to_le16(off + k);
		src += k;
		len -= k;
		log->head += k;
	}
}

/**
 * jetk_log_appendv() - add a record made of pieces to the log (not yet
 *	durable)
 * @log: the log, started
 * @type: the record's type (not 0)
 * @vec: the payload's pieces, in order
 * @nvec: how many
 * @lsn: out: its position; jetk_log_flush(@log, end) makes it durable,
 *	end being jetk_log_head() after this call
 *
 * Waits for a flush when the ring is full.
 *
 * Return: 0, -EINVAL (type 0 or longer than JETK_LOG_REC_MAX), -ENOSPC
 * (the log is full up to the checkpoint), or the latched I/O error.
 */
int jetk_log_appendv(struct jetk_log *log, u8 type, const struct kvec *vec,
		     unsigned int nvec, u64 *lsn)
{
	struct jetk_log_rec rh = { .type = type };
	u64 last, head, len = 0;
	unsigned int i;
	int ret;

	for (i = 0; i < nvec; i++)
		len += vec[i].iov_len;
	if (!type || len > JETK_LOG_REC_MAX)
		return -EINVAL;
	rh.len = cpu_to_le32(len);
	mutex_lock(&log->append_lock);
	for (;;) {
		spin_lock(&log->lock);
		ret = log->err;
		last = div_u64(log->head + sizeof(rh) + len - 1, log->psize);
		if (!ret && last - div_u64(log->checkpoint, log->psize) >=
			    log->nsect)
			ret = -ENOSPC;
		spin_unlock(&log->lock);
		if (ret)
			goto out;
		if (last - log->wsec < log->nring)
			break;
		/* The ring is full: write it out, then go on. */
		head = log->head;
		mutex_unlock(&log->append_lock);
		ret = jetk_log_flush(log, head);
		if (ret)
			return ret;
		mutex_lock(&log->append_lock);
	}
	*lsn = log->head;
	jetk_log_put(log, &rh, sizeof(rh), true);
	for (i = 0; i < nvec; i++)
		jetk_log_put(log, vec[i].iov_base, vec[i].iov_len, false);
	log->rec_end = log->head;
out:
	mutex_unlock(&log->append_lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_appendv);

/**
 * jetk_log_append() - add a record to the log (not yet durable)
 * @log: the log, started
 * @type: the record's type (not 0)
 * @data: its payload
 * @len: its length (up to JETK_LOG_REC_MAX)
 * @lsn: out: its position (see jetk_log_appendv())
 *
 * Return: as jetk_log_appendv().
 */
int jetk_log_append(struct jetk_log *log, u8 type, const void *data,
		    u32 len, u64 *lsn)
{
	struct kvec v = { .iov_base = (void *)data, .iov_len = len };

	return jetk_log_appendv(log, type, &v, 1, lsn);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_append);

/**
 * jetk_log_head() - the stream position after the last record appended
 * @log: the log
 *
 * Return: the position.
 */
u64 jetk_log_head(struct jetk_log *log)
{
	u64 head;

	mutex_lock(&log->append_lock);
	head = log->head;
	mutex_unlock(&log->append_lock);
	return head;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_head);

/**
 * jetk_log_rec_end() - where the last record appended ends (before the
 *	padding a flush adds)
 * @log: the log
 *
 * Return: the position.
 */
u64 jetk_log_rec_end(struct jetk_log *log)
{
	u64 end;

	mutex_lock(&log->append_lock);
	end = log->rec_end;
	mutex_unlock(&log->append_lock);
	return end;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_rec_end);

/**
 * jetk_log_durable() - stream positions below this are on the device
 * @log: the log
 *
 * Return: the position.
 */
u64 jetk_log_durable(struct jetk_log *log)
{
	u64 d;

	spin_lock(&log->lock);
	d = log->durable;
	spin_unlock(&log->lock);
	return d;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_durable);

/* Write stream sectors [@from, @to) of the ring. */
static int jetk_log_write(struct jetk_log *log, u64 from, u64 to)
{
	struct jetk_log_wait w;
	int ret = 0;

	jetk_log_wait_init(&w);
	while (from < to && !ret) {
		u32 slot = from % log->nring;
		u32 asec = from % log->nsect;
		u64 cnt = min3(to - from, (u64)(log->nring - slot),
			       (u64)(log->nsect - asec));

		ret = jetk_log_submit(log, &w,
				      REQ_OP_WRITE | REQ_SYNC | REQ_FUA,
				      jetk_log_area_off(log, from),
				      log->ring_page, slot * log->ssize,
				      cnt * log->ssize);
		from += cnt;
	}
	return jetk_log_wait_done(&w, ret);
}

/**
 * jetk_log_flush() - make the stream durable up to @until
 * @log: the log, started
 * @until: a stream position (jetk_log_head() after the records concerned)
 *
 * One flusher writes at a time, everything appended until it started;
 * the others wait for it and mostly find their records written.
 *
 * Return: 0 or the latched I/O error.
 */
int jetk_log_flush(struct jetk_log *log, u64 until)
{
	u64 from, to, n, end;
	int ret;

	spin_lock(&log->lock);
	ret = log->err;
	if (!ret && log->durable >= until)
		until = 0;
	spin_unlock(&log->lock);
	if (ret || !until)
		return ret;

	mutex_lock(&log->io_lock);
	spin_lock(&log->lock);
	ret = log->err;
	if (!ret && log->durable >= until)
		until = 0;
	spin_unlock(&log->lock);
	if (ret || !until)
		goto out;

	/* Seal the last sector and checksum what goes out. */
	mutex_lock(&log->append_lock);
	end = log->head;
	from = log->wsec;
	to = DIV_ROUND_UP(end, log->psize);
	log->head = to * log->psize;
	for (n = from; n < to; n++) {
		struct jetk_log_sector *h = jetk_log_slot(log, n);

		h->crc = 0;
		h->crc = cpu_to_le32(jetk_log_crc(h, log->ssize));
	}
	mutex_unlock(&log->append_lock);

	ret = jetk_log_write(log, from, to);
	spin_lock(&log->lock);
	if (ret) {
		if (!log->err)
			log->err = ret;
	} else {
		log->durable = to * log->psize;
		log->flushes++;
	}
	spin_unlock(&log->lock);
	if (!ret) {
		mutex_lock(&log->append_lock);
		log->wsec = to;
		mutex_unlock(&log->append_lock);
	}
	wake_up_all(&log->wait);
out:
	mutex_unlock(&log->io_lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_flush);

/**
 * jetk_log_checkpoint() - recovery may start at @lsn from now on
 * @log: the log
 * @lsn: a record start, durable; space before it may be reused
 * @clean: a clean close: @lsn is the end, nothing is left to recover
 *
 * The superblock goes out first: space is reused only once a crash can
 * no longer need it.
 *
 * Return: 0, -EINVAL (@lsn not durable or moving back), or an I/O error.
 */
int jetk_log_checkpoint(struct jetk_log *log, u64 lsn, bool clean)
{
	int ret;

	mutex_lock(&log->io_lock);
	spin_lock(&log->lock);
	ret = log->err;
	if (!ret && (lsn > log->durable || lsn < log->checkpoint))
		ret = -EINVAL;
	spin_unlock(&log->lock);
	if (!ret)
		ret = jetk_log_write_sb(log, lsn, clean ? lsn : 0, clean);
	spin_lock(&log->lock);
	if (!ret)
		log->checkpoint = lsn;
	else if (!log->err && ret != -EINVAL)
		log->err = ret;
	spin_unlock(&log->lock);
	mutex_unlock(&log->io_lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_checkpoint);

/**
 * jetk_log_free_bytes() - room left before the log reaches its checkpoint
 * @log: the log
 *
 * Return: payload bytes that can still be appended.
 */
u64 jetk_log_free_bytes(struct jetk_log *log)
{
	u64 used, head = jetk_log_head(log);

	spin_lock(&log->lock);
	used = div_u64(head, log->psize) - div_u64(log->checkpoint, log->psize);
	spin_unlock(&log->lock);
	return used >= log->nsect ? 0 : (log->nsect - used - 1) * log->psize;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_free_bytes);

/**
 * jetk_log_db_add() - name an attached database in the superblock
 * @log: the log, started
 * @name: its name
 * @id: out: the id its page records carry from now on
 *
 * The superblock goes out before the database's first page can be
 * logged, so recovery always knows where a page record belongs.
 *
 * Return: 0, -ENAMETOOLONG, -ENOSPC (the list is full), or an I/O error.
 */
int jetk_log_db_add(struct jetk_log *log, const char *name, u32 *id)
{
	size_t len = strlen(name);
	struct jetk_log_db *db;
	u64 ckpt;
	int ret;

	if (len > JETK_LOG_DB_NAME_MAX)
		return -ENAMETOOLONG;
	mutex_lock(&log->io_lock);
	ret = -ENOSPC;
	if (log->ndbs >= JETK_LOG_DBS_MAX)
		goto out;
	db = &log->dbs[log->ndbs++];
	db->id = log->next_db_id++;
	db->name_len = len;
	memcpy(db->name, name, len + 1);
	spin_lock(&log->lock);
	ckpt = log->checkpoint;
	ret = log->err;
	spin_unlock(&log->lock);
	if (!ret)
		ret = jetk_log_write_sb(log, ckpt, 0, false);
	if (ret)
		log->ndbs--;
	else
		*id = db->id;
out:
	mutex_unlock(&log->io_lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_db_add);

/**
 * jetk_log_db_remove() - a database was detached cleanly
 * @log: the log
 * @id: its id
 *
 * Return: 0, -ENOENT, or an I/O error (the entry stays: recovery finds
 * the database clean and leaves it alone).
 */
int jetk_log_db_remove(struct jetk_log *log, u32 id)
{
	struct jetk_log_db *save;
	unsigned int i;
	u64 ckpt;
	int ret = -ENOENT;

	/* An entry is 600 bytes: not on the stack. */
	save = kmalloc(sizeof(*save), GFP_KERNEL);
	if (!save)
		return -ENOMEM;
	mutex_lock(&log->io_lock);
	for (i = 0; i < log->ndbs; i++)
		if (log->dbs[i].id == id)
			break;
	if (i == log->ndbs)
		goto out;
	*save = log->dbs[i];
	log->dbs[i] = log->dbs[--log->ndbs];
	spin_lock(&log->lock);
	ckpt = log->checkpoint;
	ret = log->err;
	spin_unlock(&log->lock);
	if (!ret)
		ret = jetk_log_write_sb(log, ckpt, 0, false);
	if (ret)
		log->dbs[log->ndbs++] = *save;
out:
	mutex_unlock(&log->io_lock);
	kfree(save);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_log_db_remove);

/* The log on a claimed block device: @dev is the struct jetk_bdev. */
static int jetk_log_bdev_submit(void *dev, blk_opf_t opf, u64 offset,
				struct page *page, unsigned int page_off,
				unsigned int len, jetk_bdev_end_io_t end_io,
				void *private)
{
	return jetk_bdev_submit_at(dev, opf, offset, page, page_off, len,
				   end_io, private);
}

const struct jetk_log_io jetk_log_bdev_io = {
	.submit = jetk_log_bdev_submit,
};
EXPORT_SYMBOL_IF_KUNIT(jetk_log_bdev_io);
