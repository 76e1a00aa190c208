/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The only place that knows kernel versions.  jetk builds for Debian 12's
 * 6.1 kernel and for 6.12 (the UML test kernel); every difference between
 * them is hidden behind a helper here so that .c files carry no #if.
 */
#ifndef _JETK_COMPAT_H
#define _JETK_COMPAT_H

/*
 * <kunit/visibility.h> arrived in 6.2.  Without it nothing is exported for
 * KUnit: the KUnit module is only built for kernels that have it (see
 * Kbuild), so the test hooks simply vanish on 6.1.
 */
#ifdef JETK_HAVE_KUNIT_VISIBILITY	/* set by Kbuild when the header exists */
#include <kunit/visibility.h>
#else
#define EXPORT_SYMBOL_IF_KUNIT(symbol) static_assert(sizeof(typeof(symbol) *))
#endif

#include <linux/blkdev.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/version.h>

/* get/put_unaligned_le*() moved from <asm/unaligned.h> in 6.12. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/*
 * Exclusive claim of a block device by number, for @write or read only.
 * @claimp receives what the release needs besides the device (the bdev
 * file on 6.9+, the handle on 6.7 and 6.8, nothing before).
 *   6.1 - 6.4   blkdev_get_by_dev(dev, fmode, holder)     blkdev_put(bdev, fmode)
 *   6.5 - 6.6   blkdev_get_by_dev(dev, mode, holder, ops) blkdev_put(bdev, holder)
 *   6.7 - 6.8   bdev_open_by_dev(...) -> handle           bdev_release(handle)
 *   6.9 -       bdev_file_open_by_dev(...) -> file        fput / bdev_fput (6.10)
 */
static inline int jetk_compat_bdev_open(dev_t dev, bool write, void *holder,
					struct block_device **bdevp,
					void **claimp)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	struct file *f;

	f = bdev_file_open_by_dev(dev, BLK_OPEN_READ | BLK_OPEN_EXCL |
				  (write ? BLK_OPEN_WRITE : 0), holder, NULL);
	if (IS_ERR(f))
		return PTR_ERR(f);
	*bdevp = file_bdev(f);
	*claimp = f;
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	struct bdev_handle *h;

	h = bdev_open_by_dev(dev, BLK_OPEN_READ | BLK_OPEN_EXCL |
			     (write ? BLK_OPEN_WRITE : 0), holder, NULL);
	if (IS_ERR(h))
		return PTR_ERR(h);
	*bdevp = h->bdev;
	*claimp = h;
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
	struct block_device *b;

	b = blkdev_get_by_dev(dev, BLK_OPEN_READ | BLK_OPEN_EXCL |
			      (write ? BLK_OPEN_WRITE : 0), holder, NULL);
	if (IS_ERR(b))
		return PTR_ERR(b);
	*bdevp = b;
	*claimp = NULL;
#else
	struct block_device *b;

	b = blkdev_get_by_dev(dev, FMODE_READ | FMODE_EXCL |
			      (write ? FMODE_WRITE : 0), holder);
	if (IS_ERR(b))
		return PTR_ERR(b);
	*bdevp = b;
	*claimp = NULL;
#endif
	return 0;
}

static inline void jetk_compat_bdev_close(struct block_device *bdev,
					  void *claim, bool write,
					  void *holder)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
	bdev_fput(claim);
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 9, 0)
	fput(claim);
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	bdev_release(claim);
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
	blkdev_put(bdev, holder);
#else
	blkdev_put(bdev, FMODE_READ | FMODE_EXCL | (write ? FMODE_WRITE : 0));
#endif
}

/*
 * Shrinkers: embedded and registered with register_shrinker(s, fmt) up to
 * 6.6; allocated with shrinker_alloc() and freed with shrinker_free() from
 * 6.7, which also added ->private_data.
 */
#include <linux/shrinker.h>

struct jetk_shrinker {
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	struct shrinker *s;
#else
	struct shrinker s;
	void *private;
#endif
};

static inline int
jetk_compat_shrinker_register(struct jetk_shrinker *js,
			      unsigned long (*count)(struct shrinker *,
						     struct shrink_control *),
			      unsigned long (*scan)(struct shrinker *,
						    struct shrink_control *),
			      void *private, const char *name)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	js->s = shrinker_alloc(0, "jetk-%s", name);
	if (!js->s)
		return -ENOMEM;
	js->s->count_objects = count;
	js->s->scan_objects = scan;
	js->s->private_data = private;
	shrinker_register(js->s);
	return 0;
#else
	js->s.count_objects = count;
	js->s.scan_objects = scan;
	js->s.seeks = DEFAULT_SEEKS;
	js->private = private;
	return register_shrinker(&js->s, "jetk-%s", name);
#endif
}

static inline void jetk_compat_shrinker_unregister(struct jetk_shrinker *js)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	shrinker_free(js->s);
	js->s = NULL;
#else
	unregister_shrinker(&js->s);
#endif
}

static inline struct shrinker *jetk_compat_shrinker_ptr(struct jetk_shrinker *js)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	return js->s;
#else
	return &js->s;
#endif
}

static inline void *jetk_compat_shrinker_private(struct shrinker *s)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	return s->private_data;
#else
	return container_of(s, struct jetk_shrinker, s)->private;
#endif
}

#endif /* _JETK_COMPAT_H */
