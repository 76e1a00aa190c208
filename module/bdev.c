// SPDX-License-Identifier: GPL-2.0-only
/*
 * Block devices: claiming the device behind a caller's file descriptor and
 * page-sized bio I/O to it.  Everything that touches the block layer's
 * claim and submission interfaces is in this file (and in compat.h for
 * the parts that differ between kernel versions).
 */
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/completion.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "bdev.h"
#include "compat.h"

/* KUnit's fake disks (struct jetk_bdev_fake); empty outside KUnit. */
static LIST_HEAD(jetk_bdev_fakes);
static DEFINE_SPINLOCK(jetk_bdev_fakes_lock);

/**
 * jetk_bdev_fake_add() - KUnit only: claims of @fake->dev taken from now
 *	on do their I/O in @fake
 * @fake: the fake, filled in; kept until jetk_bdev_fake_remove()
 */
void jetk_bdev_fake_add(struct jetk_bdev_fake *fake)
{
	spin_lock(&jetk_bdev_fakes_lock);
	list_add(&fake->node, &jetk_bdev_fakes);
	spin_unlock(&jetk_bdev_fakes_lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bdev_fake_add);

/**
 * jetk_bdev_fake_remove() - KUnit only: undo jetk_bdev_fake_add()
 * @fake: the fake; no claim that uses it may remain
 */
void jetk_bdev_fake_remove(struct jetk_bdev_fake *fake)
{
	spin_lock(&jetk_bdev_fakes_lock);
	list_del_init(&fake->node);
	spin_unlock(&jetk_bdev_fakes_lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bdev_fake_remove);

/* A fresh claim of a device KUnit faked takes the fake's geometry. */
static void jetk_bdev_fake_find(struct jetk_bdev *jb)
{
	struct jetk_bdev_fake *fake;

	if (!IS_ENABLED(CONFIG_KUNIT))
		return;
	spin_lock(&jetk_bdev_fakes_lock);
	list_for_each_entry(fake, &jetk_bdev_fakes, node) {
		if (fake->dev == jb->bdev->bd_dev) {
			jb->fake = fake;
			jb->size = fake->size;
			jb->lbs = fake->lbs;
			break;
		}
	}
	spin_unlock(&jetk_bdev_fakes_lock);
}

/**
 * jetk_bdev_claim() - claim the block device a file refers to
 * @jb: filled on success
 * @f: the caller's open file: a block device (or a loop device over a
 *	database file); its open mode proves the caller may access it
 * @write: claim for writing; @f must have been opened for writing
 * @holder: the exclusive holder, non-NULL and stable until the release
 *
 * The claim is exclusive: a second claim with another holder, or a mount
 * of the device, fails while this one is held.
 *
 * Return: 0, -ENOTBLK when @f is not a block device, -EACCES when @write
 * is asked of a file opened read-only, -EBUSY when someone else holds the
 * device, or another errno of the block layer.
 */
int jetk_bdev_claim(struct jetk_bdev *jb, struct file *f, bool write,
		    void *holder)
{
	struct inode *inode = file_inode(f);
	int ret;

	memset(jb, 0, sizeof(*jb));
	if (!S_ISBLK(inode->i_mode))
		return -ENOTBLK;
	if (!(f->f_mode & FMODE_READ) || (write && !(f->f_mode & FMODE_WRITE)))
		return -EACCES;
	ret = jetk_compat_bdev_open(inode->i_rdev, write, holder, &jb->bdev,
				    &jb->claim);
	if (ret)
		return ret;
	if (write && bdev_read_only(jb->bdev)) {
		jetk_compat_bdev_close(jb->bdev, jb->claim, write, holder);
		memset(jb, 0, sizeof(*jb));
		return -EROFS;
	}
	jb->holder = holder;
	jb->writable = write;
	jb->size = bdev_nr_bytes(jb->bdev);
	jb->lbs = bdev_logical_block_size(jb->bdev);
	jetk_bdev_fake_find(jb);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bdev_claim);

/**
 * jetk_bdev_release() - give up a claim taken by jetk_bdev_claim()
 * @jb: the claim; no I/O may be in flight
 */
void jetk_bdev_release(struct jetk_bdev *jb)
{
	if (!jb->bdev)
		return;
	jetk_compat_bdev_close(jb->bdev, jb->claim, jb->writable, jb->holder);
	memset(jb, 0, sizeof(*jb));
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bdev_release);

/**
 * jetk_bdev_has_volatile_cache() - do completed writes need a flush?
 * @jb: the claim
 *
 * Return: true when the device has a write-back cache.
 */
bool jetk_bdev_has_volatile_cache(const struct jetk_bdev *jb)
{
	if (jb->fake)
		return true;
	return bdev_write_cache(jb->bdev);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bdev_has_volatile_cache);

/**
 * jetk_bdev_flush() - make every completed write durable
 * @jb: the claim
 *
 * Return: 0 or a negative errno.
 */
int jetk_bdev_flush(struct jetk_bdev *jb)
{
	if (jb->fake)
		return jb->fake->ops->flush(jb->fake);
	return blkdev_issue_flush(jb->bdev);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bdev_flush);

struct jetk_bdev_io {
	jetk_bdev_end_io_t end_io;
	void *private;
};

static void jetk_bdev_end_bio(struct bio *bio)
{
	struct jetk_bdev_io *io = bio->bi_private;
	int err = blk_status_to_errno(bio->bi_status);

	bio_put(bio);
	io->end_io(io->private, err);
	kfree(io);
}

/**
 * jetk_bdev_submit() - read or write one contiguous buffer
 * @jb: the claim
 * @opf: REQ_OP_READ or REQ_OP_WRITE, with REQ_FUA, REQ_PREFLUSH, REQ_SYNC,
 *	REQ_META as the caller needs
 * @offset: byte offset on the device, a multiple of the logical block size
 * @page: first page of a physically contiguous buffer
 * @len: bytes, a multiple of the logical block size
 * @end_io: completion, called exactly once when 0 is returned; never sleeps
 * @private: passed to @end_io
 *
 * Return: 0 when submitted; -EINVAL for a misaligned or out-of-range
 * request, -EROFS for a write to a read-only claim, -ENOMEM.
 */
int jetk_bdev_submit(struct jetk_bdev *jb, blk_opf_t opf, u64 offset,
		     struct page *page, unsigned int len,
		     jetk_bdev_end_io_t end_io, void *private)
{
	return jetk_bdev_submit_at(jb, opf, offset, page, 0, len, end_io,
				   private);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bdev_submit);

/**
 * jetk_bdev_submit_at() - jetk_bdev_submit() from @page_off into @page
 * @jb: the claim
 * @opf: as for jetk_bdev_submit()
 * @offset: as for jetk_bdev_submit()
 * @page: first page of a physically contiguous buffer
 * @page_off: where in it the data starts
 * @len: as for jetk_bdev_submit()
 * @end_io: as for jetk_bdev_submit()
 * @private: as for jetk_bdev_submit()
 *
 * Return: as jetk_bdev_submit().
 */
int jetk_bdev_submit_at(struct jetk_bdev *jb, blk_opf_t opf, u64 offset,
			struct page *page, unsigned int page_off,
			unsigned int len, jetk_bdev_end_io_t end_io,
			void *private)
{
	struct jetk_bdev_io *io;
	struct bio *bio;
	u64 end;

	if (!len || !IS_ALIGNED(offset | len, jb->lbs) ||
	    check_add_overflow(offset, (u64)len, &end) || end > jb->size)
		return -EINVAL;
	if (op_is_write(opf) && !jb->writable)
		return -EROFS;
	if (jb->fake)
		return jb->fake->ops->submit(jb->fake, opf, offset, page,
					     page_off, len, end_io, private);
	io = kmalloc(sizeof(*io), GFP_NOIO);
	if (!io)
		return -ENOMEM;
	io->end_io = end_io;
	io->private = private;
	bio = bio_alloc(jb->bdev, 1, opf, GFP_NOIO);
	bio->bi_iter.bi_sector = offset >> SECTOR_SHIFT;
	bio->bi_end_io = jetk_bdev_end_bio;
	bio->bi_private = io;
	/* One bvec spanning the contiguous pages of the buffer. */
	__bio_add_page(bio, nth_page(page, page_off >> PAGE_SHIFT), len,
		       offset_in_page(page_off));
	submit_bio(bio);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bdev_submit_at);

struct jetk_bdev_wait {
	struct completion done;
	int err;
};

static void jetk_bdev_wake(void *private, int err)
{
	struct jetk_bdev_wait *w = private;

	w->err = err;
	complete(&w->done);
}

/**
 * jetk_bdev_rw_sync() - jetk_bdev_submit() and wait for it
 * @jb: the claim
 * @opf: as for jetk_bdev_submit()
 * @offset: as for jetk_bdev_submit()
 * @page: as for jetk_bdev_submit()
 * @len: as for jetk_bdev_submit()
 *
 * Return: 0 or a negative errno.
 */
int jetk_bdev_rw_sync(struct jetk_bdev *jb, blk_opf_t opf, u64 offset,
		      struct page *page, unsigned int len)
{
	struct jetk_bdev_wait w;
	int ret;

	init_completion(&w.done);
	w.err = 0;
	ret = jetk_bdev_submit(jb, opf, offset, page, len, jetk_bdev_wake, &w);
	if (ret)
		return ret;
	wait_for_completion_io(&w.done);
	return w.err;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_bdev_rw_sync);
