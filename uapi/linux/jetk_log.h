/* SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT */
/*
 * jetk: the superblock of an instance's write-ahead log device, the one
 * part of the log format userspace reads.
 *
 * JetInit with JET_paramRecovery "on" hands the module the log device
 * and, when the last run did not end cleanly, the databases the log
 * names: libjetk reads them here (ESE keeps them in its checkpoint file,
 * edb.chk), opens each file under the block layer and passes the fds in
 * struct jetk_init.  The rest of the format (log sectors and records) is
 * the module's and is described in module/format.h.
 *
 * A log device starts with JETK_LOG_SB_COPIES copies of the superblock,
 * JETK_LOG_SB_BYTES each, updated in turn; the valid copy (magic, CRC
 * and version) with the larger @seq is the current one.  The CRC is the
 * standard CRC-32 (IEEE 802.3, reflected, as zlib's crc32()) of the
 * JETK_LOG_SB_BYTES bytes with @crc taken as 0.  All fields are
 * little-endian.
 */
#ifndef _UAPI_LINUX_JETK_LOG_H
#define _UAPI_LINUX_JETK_LOG_H

#include <linux/types.h>

#define JETK_LOG_SB_MAGIC	0x424c4b544a000002ULL
#define JETK_LOG_VERSION	2
#define JETK_LOG_SB_COPIES	2
#define JETK_LOG_SB_BYTES	4096

/* Databases a log names at most (an instance attaches up to six). */
#define JETK_LOG_DBS_MAX	6
/* Longest database name the log keeps, in bytes. */
#define JETK_LOG_DB_NAME_MAX	590

/**
 * struct jetk_log_sb_db - a database attached while the log was written
 * @id: the id its page records carry (never reused by one log)
 * @name_len: bytes of @name (no NUL)
 * @pad: zero
 * @name: the name it was attached by: the path libjetk resolved
 */
struct jetk_log_sb_db {
	__le32 id;
	__le16 name_len;
	__le16 pad;
	char name[JETK_LOG_DB_NAME_MAX];
	__u8 pad2[2];
};

/**
 * struct jetk_log_sb - a log superblock copy
 * @magic: JETK_LOG_SB_MAGIC
 * @crc: see the top of this file
 * @version: JETK_LOG_VERSION
 * @sector_size: bytes per log sector (the device's logical block size)
 * @nsect: sectors in the circular area, which starts after the copies
 * @seq: update count; the valid copy with the largest wins
 * @sig_random: the log's identity, random at format
 * @pad0: zero
 * @sig_created: format time (ns since the epoch)
 * @checkpoint: the stream position recovery starts at
 * @end_hint: the stream's end at the last clean close, else 0
 * @clean: 1 after a clean close: nothing to recover
 * @epoch: bumped by every open before it writes a sector
 * @ndbs: entries of @dbs in use
 * @next_db_id: the id the next attached database gets
 * @pad1: zero
 * @dbs: the databases attached now (or at the crash): recovery needs
 *	them
 */
struct jetk_log_sb {
	__le64 magic;
	__le32 crc;
	__le32 version;
	__le32 sector_size;
	__le32 nsect;
	__le64 seq;
	__le32 sig_random;
	__le32 pad0;
	__le64 sig_created;
	__le64 checkpoint;
	__le64 end_hint;
	__le32 clean;
	__le32 epoch;
	__le32 ndbs;
	__le32 next_db_id;
	__le64 pad1;
	struct jetk_log_sb_db dbs[JETK_LOG_DBS_MAX];
};

#endif /* _UAPI_LINUX_JETK_LOG_H */
