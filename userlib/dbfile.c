// SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT
/*
 * libjetk: database paths to block devices.
 *
 * jetk.ko does its I/O with bios to a block device it claims exclusively;
 * it never opens a path.  A block device path is used as it is.  A regular
 * file is opened here, with the caller's credentials, and bound to a loop
 * device:
 *
 *  - The file is extended, sparse, to a large capacity before binding, so
 *    the database grows inside it without libjetk being asked again (one
 *    Jet call is one ioctl).  Only pages the engine writes take space.
 *  - After a clean detach the module reports the database's used size and
 *    the file is trimmed to it, leaving a complete .edb of that size.  A
 *    process that dies first leaves the file long; ESE and jetk accept a
 *    file longer than the database's owned space.
 *  - The loop device is auto-clearing: it unbinds itself when the module
 *    releases its claim, so nothing is left behind.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/loop.h>

#include "dbfile.h"

/* Sparse capacity of a loop-backed database file, and the floor we retry to. */
#define JETK_DBFILE_CAPACITY	(1ULL << 40)
#define JETK_DBFILE_CAPACITY_MIN	(1ULL << 30)
/* The loop's logical block size: every jetk I/O is a multiple of it. */
#define JETK_DBFILE_BLOCK	4096
/* Another process may take a free loop device between our two calls. */
#define JETK_DBFILE_LOOP_TRIES	16

static JET_ERR jetk_dbfile_errno(int e, enum jetk_dbfile_mode mode)
{
	switch (e) {
	case ENOENT:
		/* A missing file on attach; a missing directory on create. */
		return mode == JETK_DBFILE_ATTACH ? JET_errFileNotFound :
						    JET_errInvalidPath;
	case EEXIST:
		return JET_errDatabaseDuplicate;
	case EACCES:
	case EPERM:
	case EROFS:
	case ETXTBSY:
		return JET_errFileAccessDenied;
	case ENAMETOOLONG:
	case ENOTDIR:
	case ELOOP:
	case EISDIR:
		return JET_errInvalidPath;
	case ENOSPC:
	case EDQUOT:
	case EFBIG:
		return JET_errDiskFull;
	case ENOMEM:
		return JET_errOutOfMemory;
	case EMFILE:
	case ENFILE:
		return JET_errOutOfFileHandles;
	default:
		return JET_errDiskIO;
	}
}

static int jetk_dbfile_grow(int fd)
{
	unsigned long long cap;
	struct stat st;

	if (fstat(fd, &st))
		return errno;
	for (cap = JETK_DBFILE_CAPACITY; cap >= JETK_DBFILE_CAPACITY_MIN;
	     cap >>= 1) {
		if ((unsigned long long)st.st_size >= cap)
			return 0;
		if (!ftruncate(fd, (off_t)cap))
			return 0;
		if (errno != EFBIG && errno != EINVAL)
			return errno;
	}
	return EFBIG;
}

/* Bind @file_fd to a free loop device; returns the loop fd or -errno. */
static int jetk_dbfile_loop(int file_fd, bool readonly)
{
	struct loop_config cfg;
	char name[32];
	int ctl, n, fd, tries, e;

	ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	if (ctl < 0)
		return -errno;
	for (tries = 0; tries < JETK_DBFILE_LOOP_TRIES; tries++) {
		n = ioctl(ctl, LOOP_CTL_GET_FREE);
		if (n < 0) {
			e = errno;
			goto out_ctl;
		}
		snprintf(name, sizeof(name), "/dev/loop%d", n);
		fd = open(name, (readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC);
		if (fd < 0) {
			e = errno;
			goto out_ctl;
		}
		memset(&cfg, 0, sizeof(cfg));
		cfg.fd = (__u32)file_fd;
		cfg.block_size = JETK_DBFILE_BLOCK;
		cfg.info.lo_flags = LO_FLAGS_AUTOCLEAR | LO_FLAGS_DIRECT_IO |
				    (readonly ? LO_FLAGS_READ_ONLY : 0);
		if (!ioctl(fd, LOOP_CONFIGURE, &cfg))
			goto out_ok;
		/* A file system without direct I/O: buffered loop I/O. */
		if (errno == EINVAL) {
			cfg.info.lo_flags &= ~LO_FLAGS_DIRECT_IO;
			if (!ioctl(fd, LOOP_CONFIGURE, &cfg))
				goto out_ok;
		}
		e = errno;
		close(fd);
		if (e != EBUSY)
			goto out_ctl;
	}
	e = EBUSY;
out_ctl:
	close(ctl);
	return -e;
out_ok:
	close(ctl);
	return fd;
}

JET_ERR jetk_dbfile_open(const char *path, enum jetk_dbfile_mode mode,
			 bool readonly, struct jetk_dbfile *df)
{
	int flags = O_CLOEXEC | (readonly ? O_RDONLY : O_RDWR);
	struct stat st;
	JET_ERR err;
	int fd, e;

	df->file_fd = -1;
	df->bdev_fd = -1;
	df->loop = false;
	df->created = false;
	if (!path || !*path)
		return JET_errInvalidPath;
	if (readonly && mode != JETK_DBFILE_ATTACH)
		return JET_errInvalidParameter;

	/* A block device (or a path to one) is used as it is. */
	if (!stat(path, &st) && S_ISBLK(st.st_mode)) {
		fd = open(path, flags);
		if (fd < 0)
			return jetk_dbfile_errno(errno, mode);
		df->bdev_fd = fd;
		return JET_errSuccess;
	}

	if (mode == JETK_DBFILE_CREATE)
		flags |= O_CREAT | O_EXCL;
	else if (mode == JETK_DBFILE_OVERWRITE)
		flags |= O_CREAT | O_TRUNC;
	fd = open(path, flags, 0666);
	if (fd < 0)
		return jetk_dbfile_errno(errno, mode);
	df->file_fd = fd;
	/* O_EXCL succeeded, or O_TRUNC left an empty file: ours to remove. */
	df->created = mode != JETK_DBFILE_ATTACH;

	if (fstat(fd, &st)) {
		err = jetk_dbfile_errno(errno, mode);
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		err = JET_errFileInvalidType;
		goto fail;
	}
	if (!readonly) {
		e = jetk_dbfile_grow(fd);
		if (e) {
			err = jetk_dbfile_errno(e, mode);
			goto fail;
		}
	}
	fd = jetk_dbfile_loop(df->file_fd, readonly);
	if (fd < 0) {
		/* No loop driver or no free device: nothing to attach to. */
		err = fd == -ENOENT || fd == -ENODEV || fd == -ENXIO ?
		      JET_errFileAccessDenied : jetk_dbfile_errno(-fd, mode);
		goto fail;
	}
	df->bdev_fd = fd;
	df->loop = true;
	return JET_errSuccess;

fail:
	jetk_dbfile_release(df, 0, df->created ? path : NULL);
	return err;
}

JET_ERR jetk_dbfile_open_log(const char *path, uint64_t size,
			     struct jetk_dbfile *df)
{
	struct stat st;
	JET_ERR err;
	int fd;

	df->file_fd = -1;
	df->bdev_fd = -1;
	df->loop = false;
	df->created = false;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		return errno == ENOENT ? JET_errInvalidPath :
		       jetk_dbfile_errno(errno, JETK_DBFILE_CREATE);
	df->file_fd = fd;
	if (fstat(fd, &st)) {
		err = jetk_dbfile_errno(errno, JETK_DBFILE_ATTACH);
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		err = JET_errFileInvalidType;
		goto fail;
	}
	/* A new log gets its size; an existing one keeps the size it has. */
	if (!st.st_size && ftruncate(fd, (off_t)size)) {
		err = jetk_dbfile_errno(errno, JETK_DBFILE_CREATE);
		goto fail;
	}
	fd = jetk_dbfile_loop(df->file_fd, false);
	if (fd < 0) {
		err = fd == -ENOENT || fd == -ENODEV || fd == -ENXIO ?
		      JET_errFileAccessDenied :
		      jetk_dbfile_errno(-fd, JETK_DBFILE_ATTACH);
		goto fail;
	}
	df->bdev_fd = fd;
	df->loop = true;
	return JET_errSuccess;

fail:
	jetk_dbfile_release(df, 0, NULL);
	return err;
}

void jetk_dbfile_put_bdev(struct jetk_dbfile *df)
{
	if (df->bdev_fd >= 0)
		close(df->bdev_fd);
	df->bdev_fd = -1;
}

void jetk_dbfile_release(struct jetk_dbfile *df, uint64_t used_bytes,
			 const char *unlink_path)
{
	jetk_dbfile_put_bdev(df);
	if (df->file_fd >= 0) {
		if (unlink_path)
			unlink(unlink_path);
		else if (used_bytes && df->loop &&
			 ftruncate(df->file_fd, (off_t)used_bytes)) {
			/* The file stays long: still a valid database. */
		}
		close(df->file_fd);
	}
	df->file_fd = -1;
	df->loop = false;
}
