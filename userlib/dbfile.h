/* SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT */
/*
 * libjetk internals: turning a database path into a block device fd.
 *
 * The module never opens a path on a caller's behalf.  libjetk opens the
 * database with the caller's own credentials and hands the module a block
 * device: the device itself, or a loop device over a regular file.
 */
#ifndef JETK_USERLIB_DBFILE_H
#define JETK_USERLIB_DBFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "esent.h"

/* How jetk_dbfile_open() treats the path. */
enum jetk_dbfile_mode {
	JETK_DBFILE_ATTACH,		/* must exist */
	JETK_DBFILE_CREATE,		/* must not exist */
	JETK_DBFILE_OVERWRITE,		/* created or truncated */
};

/**
 * struct jetk_dbfile - an opened database, ready to pass to the module
 * @file_fd: the regular file (for a loop-backed database), else -1; kept
 *	open so the file can be trimmed to its used size after detach
 * @bdev_fd: the block device the module claims: the path itself when it
 *	is a block device, else the loop device bound to @file_fd
 * @loop: @bdev_fd is a loop device libjetk configured (auto-clearing)
 * @created: the file did not exist before (removed again on failure)
 */
struct jetk_dbfile {
	int file_fd;
	int bdev_fd;
	bool loop;
	bool created;
};

/*
 * Open @path for the module.  A regular file is made sparse up to a large
 * capacity so the database can grow without another call, and put under a
 * loop device (direct I/O where the file system allows).  Returns a JET
 * error: JET_errFileNotFound, JET_errDatabaseDuplicate,
 * JET_errFileAccessDenied, JET_errInvalidPath, JET_errDiskFull,
 * JET_errFileInvalidType, JET_errOutOfMemory or JET_errDiskIO.
 */
JET_ERR jetk_dbfile_open(const char *path, enum jetk_dbfile_mode mode,
			 bool readonly, struct jetk_dbfile *df);

/*
 * Open (or create, sparse, @size bytes) an instance's log file and put it
 * under a loop device.  An existing file keeps its size.
 */
JET_ERR jetk_dbfile_open_log(const char *path, uint64_t size,
			     struct jetk_dbfile *df);

/*
 * Close the block device fd once the module holds its own claim (or the
 * call failed); the loop device stays bound while the module uses it and
 * clears itself when released.
 */
void jetk_dbfile_put_bdev(struct jetk_dbfile *df);

/*
 * Finish with a database the module no longer uses.  @used_bytes > 0 trims
 * a loop-backed file to that size (the database's used size, reported by
 * the module at detach); 0 leaves the file's size alone.  If @unlink_path
 * is set the file is removed (a create that failed).
 */
void jetk_dbfile_release(struct jetk_dbfile *df, uint64_t used_bytes,
			 const char *unlink_path);

#endif /* JETK_USERLIB_DBFILE_H */
