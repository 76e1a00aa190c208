/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Block devices: the only code in jetk that claims a block device or
 * submits a bio.  The module never opens a path; userspace opens the
 * database (or a loop device over it) with its own credentials and passes
 * the file descriptor, which jetk_bdev_claim() turns into an exclusive
 * claim on the device.
 */
#ifndef _JETK_BDEV_H
#define _JETK_BDEV_H

#include <linux/blk_types.h>
#include <linux/list.h>
#include <linux/types.h>

struct block_device;
struct file;
struct jetk_bdev_fake;
struct page;

/**
 * struct jetk_bdev - an exclusively claimed block device
 * @bdev: the device; valid from a successful claim until the release
 * @claim: the version-specific claim handle (see compat.h)
 * @holder: the claim's holder cookie, stable for the claim's life
 * @writable: claimed for writing
 * @size: device size in bytes at claim time
 * @lbs: logical block size in bytes
 * @fake: KUnit only: the fake disk this claim's I/O goes to, or NULL
 *	(always NULL outside KUnit; see struct jetk_bdev_fake)
 *
 * Owned by one database of one instance; claim and release happen under
 * the owner's lock, I/O may run concurrently in between.
 */
struct jetk_bdev {
	struct block_device *bdev;
	void *claim;
	void *holder;
	bool writable;
	u64 size;
	unsigned int lbs;
	struct jetk_bdev_fake *fake;
};

int __must_check jetk_bdev_claim(struct jetk_bdev *jb, struct file *f,
				 bool write, void *holder);
void jetk_bdev_release(struct jetk_bdev *jb);
int __must_check jetk_bdev_flush(struct jetk_bdev *jb);
bool jetk_bdev_has_volatile_cache(const struct jetk_bdev *jb);

/**
 * typedef jetk_bdev_end_io_t - completion of a jetk_bdev_submit()
 * @private: the caller's cookie
 * @err: 0 or a negative errno
 *
 * Called from bio completion context: must not sleep.
 */
typedef void (*jetk_bdev_end_io_t)(void *private, int err);

int __must_check jetk_bdev_submit(struct jetk_bdev *jb, blk_opf_t opf,
				  u64 offset, struct page *page,
				  unsigned int len, jetk_bdev_end_io_t end_io,
				  void *private);
int __must_check jetk_bdev_submit_at(struct jetk_bdev *jb, blk_opf_t opf,
				     u64 offset, struct page *page,
				     unsigned int page_off, unsigned int len,
				     jetk_bdev_end_io_t end_io, void *private);
/**
 * struct jetk_bdev_fake_ops - KUnit only: a fake disk behind the bio seam
 * @submit: as jetk_bdev_submit_at(), the request already checked against
 *	the fake's size and block size and the claim's mode: @end_io must
 *	be called exactly once when 0 is returned, from any context
 * @flush: as jetk_bdev_flush()
 */
struct jetk_bdev_fake_ops {
	int (*submit)(struct jetk_bdev_fake *fake, blk_opf_t opf, u64 offset,
		      struct page *page, unsigned int page_off,
		      unsigned int len, jetk_bdev_end_io_t end_io,
		      void *private);
	int (*flush)(struct jetk_bdev_fake *fake);
};

/**
 * struct jetk_bdev_fake - KUnit only: a block device whose claims do
 *	their I/O in a fake instead of the block layer
 * @dev: the device (a real one: the claim itself stays real, exclusive)
 * @size: the size its claims report, in bytes
 * @lbs: the logical block size its claims report
 * @ops: the fake's I/O
 * @node: on the list of fakes (jetk_bdev_fake_add())
 *
 * A claim taken while a fake for its device is added routes every
 * submit and flush to @ops until it is released; the fake must outlive
 * such claims.  KUnit code alone adds fakes (power-cut tests); with none
 * added, nothing in the I/O paths changes.
 */
struct jetk_bdev_fake {
	dev_t dev;
	u64 size;
	unsigned int lbs;
	const struct jetk_bdev_fake_ops *ops;
	struct list_head node;
};

void jetk_bdev_fake_add(struct jetk_bdev_fake *fake);
void jetk_bdev_fake_remove(struct jetk_bdev_fake *fake);

int __must_check jetk_bdev_rw_sync(struct jetk_bdev *jb, blk_opf_t opf,
				   u64 offset, struct page *page,
				   unsigned int len);

#endif /* _JETK_BDEV_H */
