/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The .edb format: every on-disk structure jetk reads or writes, in one
 * place, to be held next to ref/ese-format.md (section numbers below refer
 * to it).  All integers are little-endian.  Sizes and the offsets readers
 * depend on are pinned by static asserts.
 *
 * File layout (section 1): file page 0 is the database header, file page 1
 * its shadow copy, and database page pgno lives at byte (pgno + 1) *
 * page_size.  Pages of 4 and 8 KiB are "small" (40-byte page header);
 * 16 and 32 KiB pages are "large" (80-byte header, four checksummed
 * blocks, tag and node bit layouts of their own).
 */
#ifndef _JETK_FORMAT_H
#define _JETK_FORMAT_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/jetk_log.h>

/* Database header (section 2) */
#define JETK_EDB_MAGIC			0x89ABCDEFU
#define JETK_EDB_VERSION		0x620U	/* le_ulVersion */
#define JETK_EDB_UPDATE			0x14U	/* le_ulDaeUpdateMajor we write */
#define JETK_EDB_UPDATE_ECC		0x0BU	/* first with XOR+ECC page checksums */
#define JETK_EDB_UPDATE_LARGE_PAGES	0x11U	/* first revision with 16/32K */
#define JETK_EDB_UPDATE_RESERVED_TAGS	0x122U	/* itagState bits 12-14 in use */
#define JETK_EDB_FILETYPE_UNKNOWN	0	/* le_filetype of old files */
#define JETK_EDB_FILETYPE_DATABASE	1
#define JETK_EDB_FILETYPE_TEMP_DB	5
#define JETK_EDB_HDR_CHECKED		668	/* bytes libesedb 2018 checksums */
#define JETK_EDB_HDR_SIZE		748	/* DBFILEHDR of current ESE */
#define JETK_EDB_SORT_VERSION_LOCALES	0xFFFFFFFFFFFFFFFFULL

/* m_ulDbFlags, byte 0 */
#define JETK_DBFLAG_SHADOWING_OFF	0x01U
#define JETK_DBFLAG_UPGRADE		0x02U

/* le_dbstate */
enum jetk_edb_dbstate {
	JETK_DBSTATE_JUST_CREATED = 1,
	JETK_DBSTATE_DIRTY_SHUTDOWN = 2,
	JETK_DBSTATE_CLEAN_SHUTDOWN = 3,
	JETK_DBSTATE_BEING_CONVERTED = 4,
	JETK_DBSTATE_FORCE_DETACH = 5,
	JETK_DBSTATE_INC_RESEED = 6,
	JETK_DBSTATE_DIRTY_AND_PATCHED = 7,
	JETK_DBSTATE_REVERT_IN_PROGRESS = 8,
};

/**
 * struct jetk_edb_logtime - ESE's LOGTIME: a broken-down UTC time
 * @sec: seconds
 * @min: minutes
 * @hour: hours
 * @day: day of the month, 1-31
 * @month: month, 1-12
 * @year: years since 1900
 * @flags1: bit 0: UTC; bits 1-7: milliseconds, low 7 bits
 * @flags2: bits 1-3: milliseconds, high 3 bits
 *
 * All zero means "not set".
 */
struct jetk_edb_logtime {
	u8 sec;
	u8 min;
	u8 hour;
	u8 day;
	u8 month;
	u8 year;
	u8 flags1;
	u8 flags2;
};

static_assert(sizeof(struct jetk_edb_logtime) == 8);

#define JETK_LOGTIME_UTC		0x01	/* flags1 */
#define JETK_LOGTIME_MS_LOW_SHIFT	1	/* flags1 bits 1-7 */
#define JETK_LOGTIME_MS_HIGH_SHIFT	1	/* flags2 bits 1-3 */
#define JETK_LOGTIME_MS_HIGH_MASK	0x0E

/**
 * struct jetk_edb_lgpos - a log position: generation, sector, byte
 * @ib: byte offset in the sector
 * @isec: sector in the generation
 * @generation: log generation
 */
struct jetk_edb_lgpos {
	__le16 ib;
	__le16 isec;
	__le32 generation;
};

static_assert(sizeof(struct jetk_edb_lgpos) == 8);

/**
 * struct jetk_edb_signature - ESE's SIGNATURE (database or log identity)
 * @random: random number
 * @created: creation time
 * @computer: computer name, NUL padded (jetk writes zeroes)
 */
struct jetk_edb_signature {
	__le32 random;
	struct jetk_edb_logtime created;
	u8 computer[16];
};

static_assert(sizeof(struct jetk_edb_signature) == 28);

/**
 * struct jetk_edb_bkinfo - backup information (jetk writes zeroes)
 * @lgpos: log position of the backup
 * @time: time of the backup
 * @gen_low: lowest log generation
 * @gen_high: highest log generation
 */
struct jetk_edb_bkinfo {
	struct jetk_edb_lgpos lgpos;
	struct jetk_edb_logtime time;
	__le32 gen_low;
	__le32 gen_high;
};

static_assert(sizeof(struct jetk_edb_bkinfo) == 24);

/**
 * struct jetk_edb_header - the database header (DBFILEHDR), file pages 0, 1
 * @checksum: 0x89ABCDEF XOR every other dword of the header page
 * @magic: JETK_EDB_MAGIC
 * @version: JETK_EDB_VERSION
 * @attrib: 0 (a database; ESE refuses anything else at attach)
 * @dbtime_dirtied: database time: at least every page's dbtime
 * @sign_db: the database's identity
 * @dbstate: enum jetk_edb_dbstate
 * @lgpos_consistent: log position of the last clean detach
 * @time_consistent: time of the last clean detach
 * @time_attach: time of the last attach
 * @lgpos_attach: log position of the last attach
 * @time_detach: time of the last detach
 * @lgpos_detach: log position of the last detach
 * @dbid: attachment id
 * @sign_log: the log's identity (zero without logging)
 * @bk_full_prev: previous full backup
 * @bk_inc_prev: previous incremental backup
 * @bk_full_cur: current full backup (non-zero gen_low: backup database)
 * @db_flags: JETK_DBFLAG_* in byte 0, build flags in byte 3
 * @objid_last: highest object id in use
 * @os_major: OS version used for index sort order
 * @os_minor: (see @os_major)
 * @os_build: (see @os_major)
 * @os_sp: (see @os_major)
 * @update_major: format revision (le_ulDaeUpdateMajor)
 * @page_size: page size in bytes (0 means 4096 in old files)
 * @repair_count: times repaired
 * @time_repair: time of the last repair
 * @reserved_sign_slv: obsolete SLV signature
 * @dbtime_last_scrub: dbtime of the last scrub
 * @time_scrub: time of the last scrub
 * @gen_min_required: lowest log generation recovery needs
 * @gen_max_required: highest log generation recovery needs
 * @cpg_upgrade55_format: pages of an ESE97 upgrade
 * @cpg_upgrade_free_pages: (see @cpg_upgrade55_format)
 * @cpg_upgrade_space_map_pages: (see @cpg_upgrade55_format)
 * @bk_snapshot_cur: current snapshot backup
 * @create_version: version the database was created with
 * @create_update: revision the database was created with
 * @time_gen_max_create: creation time of log generation @gen_max_required
 * @bk_type_prev: bkinfoTypeFullPrev, bkinfoTypeIncPrev
 * @reserved_repair: repair, ECC-fix and bad-checksum counters and times
 *	(offsets 364..415)
 * @gen_max_committed: highest committed log generation
 * @bk_copy_prev: previous copy backup
 * @bk_diff_prev: previous differential backup
 * @reserved_backup: backup types, incremental-reseed and page-patch
 *	counters (offsets 468..507)
 * @sort_version: JETK_EDB_SORT_VERSION_LOCALES: MSysLocales in use
 * @reserved_dbscan: database-scan times, extend/shrink counters,
 *	signDbHdrFlush, signFlushMapHdrFlush (offsets 516..639)
 * @gen_min_consistent: lGenMinConsistent
 * @update_minor: ulDaeUpdateMinor
 * @efv_max_bin_attach: efvMaxBinAttachDiagnostic
 * @pgno_dbscan_highest: highest page a database scan reached
 * @lgpos_last_resize: log position of the last resize
 * @reserved5: zero
 * @filetype: le_filetype's low byte (a 4-byte LE field at the unaligned
 *	offset 667 whose values all fit the low byte; JETK_EDB_FILETYPE_*)
 * @filetype_high: le_filetype's three high bytes: zero
 * @reserved6: zero
 * @time_gen_max_required: logtimeGenMaxRequired
 * @gen_pre_redo: lGenPreRedo* (two generations)
 * @sign_rbs_hdr_flush: revert-snapshot header flush signature
 * @reserved_revert: revert fields (offsets 716..747)
 *
 * Bytes 668 and up must stay zero in what jetk writes (section 2,
 * "Header checksum"): libesedb 2018 checksums bytes 4..667 only, ESE the
 * whole page, and both agree only then.  The rest of the page is zero.
 */
struct jetk_edb_header {
	__le32 checksum;
	__le32 magic;
	__le32 version;
	__le32 attrib;
	__le64 dbtime_dirtied;
	struct jetk_edb_signature sign_db;
	__le32 dbstate;
	struct jetk_edb_lgpos lgpos_consistent;
	struct jetk_edb_logtime time_consistent;
	struct jetk_edb_logtime time_attach;
	struct jetk_edb_lgpos lgpos_attach;
	struct jetk_edb_logtime time_detach;
	struct jetk_edb_lgpos lgpos_detach;
	__le32 dbid;
	struct jetk_edb_signature sign_log;
	struct jetk_edb_bkinfo bk_full_prev;
	struct jetk_edb_bkinfo bk_inc_prev;
	struct jetk_edb_bkinfo bk_full_cur;
	__le32 db_flags;
	__le32 objid_last;
	__le32 os_major;
	__le32 os_minor;
	__le32 os_build;
	__le32 os_sp;
	__le32 update_major;
	__le32 page_size;
	__le32 repair_count;
	struct jetk_edb_logtime time_repair;
	u8 reserved_sign_slv[28];
	__le64 dbtime_last_scrub;
	struct jetk_edb_logtime time_scrub;
	__le32 gen_min_required;
	__le32 gen_max_required;
	__le32 cpg_upgrade55_format;
	__le32 cpg_upgrade_free_pages;
	__le32 cpg_upgrade_space_map_pages;
	struct jetk_edb_bkinfo bk_snapshot_cur;
	__le32 create_version;
	__le32 create_update;
	struct jetk_edb_logtime time_gen_max_create;
	u8 bk_type_prev[8];
	u8 reserved_repair[52];
	__le32 gen_max_committed;
	struct jetk_edb_bkinfo bk_copy_prev;
	struct jetk_edb_bkinfo bk_diff_prev;
	u8 reserved_backup[40];
	__le64 sort_version;
	u8 reserved_dbscan[124];
	__le32 gen_min_consistent;
	__le32 update_minor;
	__le32 efv_max_bin_attach;
	__le32 pgno_dbscan_highest;
	struct jetk_edb_lgpos lgpos_last_resize;
	u8 reserved5[3];
	u8 filetype;
	u8 filetype_high[3];
	u8 reserved6;
	struct jetk_edb_logtime time_gen_max_required;
	__le32 gen_pre_redo[2];
	struct jetk_edb_signature sign_rbs_hdr_flush;
	u8 reserved_revert[32];
} __packed;

static_assert(offsetof(struct jetk_edb_header, magic) == 4);
static_assert(offsetof(struct jetk_edb_header, version) == 8);
static_assert(offsetof(struct jetk_edb_header, attrib) == 12);
static_assert(offsetof(struct jetk_edb_header, dbtime_dirtied) == 16);
static_assert(offsetof(struct jetk_edb_header, sign_db) == 24);
static_assert(offsetof(struct jetk_edb_header, dbstate) == 52);
static_assert(offsetof(struct jetk_edb_header, lgpos_consistent) == 56);
static_assert(offsetof(struct jetk_edb_header, time_consistent) == 64);
static_assert(offsetof(struct jetk_edb_header, time_attach) == 72);
static_assert(offsetof(struct jetk_edb_header, lgpos_attach) == 80);
static_assert(offsetof(struct jetk_edb_header, time_detach) == 88);
static_assert(offsetof(struct jetk_edb_header, lgpos_detach) == 96);
static_assert(offsetof(struct jetk_edb_header, dbid) == 104);
static_assert(offsetof(struct jetk_edb_header, sign_log) == 108);
static_assert(offsetof(struct jetk_edb_header, bk_full_prev) == 136);
static_assert(offsetof(struct jetk_edb_header, bk_inc_prev) == 160);
static_assert(offsetof(struct jetk_edb_header, bk_full_cur) == 184);
static_assert(offsetof(struct jetk_edb_header, db_flags) == 208);
static_assert(offsetof(struct jetk_edb_header, objid_last) == 212);
static_assert(offsetof(struct jetk_edb_header, os_major) == 216);
static_assert(offsetof(struct jetk_edb_header, update_major) == 232);
static_assert(offsetof(struct jetk_edb_header, page_size) == 236);
static_assert(offsetof(struct jetk_edb_header, repair_count) == 240);
static_assert(offsetof(struct jetk_edb_header, time_repair) == 244);
static_assert(offsetof(struct jetk_edb_header, reserved_sign_slv) == 252);
static_assert(offsetof(struct jetk_edb_header, dbtime_last_scrub) == 280);
static_assert(offsetof(struct jetk_edb_header, time_scrub) == 288);
static_assert(offsetof(struct jetk_edb_header, gen_min_required) == 296);
static_assert(offsetof(struct jetk_edb_header, gen_max_required) == 300);
static_assert(offsetof(struct jetk_edb_header, cpg_upgrade55_format) == 304);
static_assert(offsetof(struct jetk_edb_header, bk_snapshot_cur) == 316);
static_assert(offsetof(struct jetk_edb_header, create_version) == 340);
static_assert(offsetof(struct jetk_edb_header, create_update) == 344);
static_assert(offsetof(struct jetk_edb_header, time_gen_max_create) == 348);
static_assert(offsetof(struct jetk_edb_header, bk_type_prev) == 356);
static_assert(offsetof(struct jetk_edb_header, reserved_repair) == 364);
static_assert(offsetof(struct jetk_edb_header, gen_max_committed) == 416);
static_assert(offsetof(struct jetk_edb_header, bk_copy_prev) == 420);
static_assert(offsetof(struct jetk_edb_header, bk_diff_prev) == 444);
static_assert(offsetof(struct jetk_edb_header, reserved_backup) == 468);
static_assert(offsetof(struct jetk_edb_header, sort_version) == 508);
static_assert(offsetof(struct jetk_edb_header, reserved_dbscan) == 516);
static_assert(offsetof(struct jetk_edb_header, gen_min_consistent) == 640);
static_assert(offsetof(struct jetk_edb_header, update_minor) == 644);
static_assert(offsetof(struct jetk_edb_header, efv_max_bin_attach) == 648);
static_assert(offsetof(struct jetk_edb_header, pgno_dbscan_highest) == 652);
static_assert(offsetof(struct jetk_edb_header, lgpos_last_resize) == 656);
static_assert(offsetof(struct jetk_edb_header, reserved5) == 664);
static_assert(offsetof(struct jetk_edb_header, filetype) == 667);
static_assert(offsetof(struct jetk_edb_header, reserved6) == 671);
static_assert(offsetof(struct jetk_edb_header, time_gen_max_required) == 672);
static_assert(offsetof(struct jetk_edb_header, gen_pre_redo) == 680);
static_assert(offsetof(struct jetk_edb_header, sign_rbs_hdr_flush) == 688);
static_assert(offsetof(struct jetk_edb_header, reserved_revert) == 716);
static_assert(sizeof(struct jetk_edb_header) == JETK_EDB_HDR_SIZE);

/* Page header (section 3) */

/**
 * struct jetk_edb_pghdr - the 40-byte header of every database page
 * @checksum: low dword XOR (^ pgno), high dword ECC (section 3.3)
 * @dbtime: database time of the page's last change
 * @pgno_prev: left sibling (leaf pages only, else 0)
 * @pgno_next: right sibling (leaf pages only, else 0)
 * @objid: object (B+ tree) owning the page
 * @cb_free: free bytes in the data area, fragmentation included
 * @cb_uncommitted_free: free bytes not yet committed (jetk: 0)
 * @ib_mic_free: first free byte after the used data, from the data start
 * @itag_state: bits 0-11 tag count; bits 12-14 reserved-tag count
 * @flags: JETK_PG_* flags
 */
struct jetk_edb_pghdr {
	__le64 checksum;
	__le64 dbtime;
	__le32 pgno_prev;
	__le32 pgno_next;
	__le32 objid;
	__le16 cb_free;
	__le16 cb_uncommitted_free;
	__le16 ib_mic_free;
	__le16 itag_state;
	__le32 flags;
};

static_assert(offsetof(struct jetk_edb_pghdr, dbtime) == 8);
static_assert(offsetof(struct jetk_edb_pghdr, pgno_prev) == 16);
static_assert(offsetof(struct jetk_edb_pghdr, pgno_next) == 20);
static_assert(offsetof(struct jetk_edb_pghdr, objid) == 24);
static_assert(offsetof(struct jetk_edb_pghdr, cb_free) == 28);
static_assert(offsetof(struct jetk_edb_pghdr, cb_uncommitted_free) == 30);
static_assert(offsetof(struct jetk_edb_pghdr, ib_mic_free) == 32);
static_assert(offsetof(struct jetk_edb_pghdr, itag_state) == 34);
static_assert(offsetof(struct jetk_edb_pghdr, flags) == 36);
static_assert(sizeof(struct jetk_edb_pghdr) == 40);

/**
 * struct jetk_edb_pghdr2 - the extension of large (16/32 KiB) pages
 * @block_checksum: checksums of blocks 1 to 3
 * @pgno: the page's own number
 * @reserved: zero
 */
struct jetk_edb_pghdr2 {
	__le64 block_checksum[3];
	__le32 pgno;
	u8 reserved[12];
};

static_assert(offsetof(struct jetk_edb_pghdr2, pgno) == 24);
static_assert(sizeof(struct jetk_edb_pghdr2) == 40);

/**
 * struct jetk_edb_pghdr_large - the whole 80-byte header of a large page
 * @h: the common header
 * @x: the large-page extension
 */
struct jetk_edb_pghdr_large {
	struct jetk_edb_pghdr h;
	struct jetk_edb_pghdr2 x;
};

static_assert(offsetof(struct jetk_edb_pghdr_large, x.block_checksum) == 40);
static_assert(offsetof(struct jetk_edb_pghdr_large, x.pgno) == 64);
static_assert(sizeof(struct jetk_edb_pghdr_large) == 80);

#define JETK_PG_HDR_SMALL	40
#define JETK_PG_HDR_LARGE	80
#define JETK_PG_SMALL_MAX	8192	/* larger pages use the large format */
#define JETK_PG_HDR_SIZE(ps)	((ps) > JETK_PG_SMALL_MAX ? \
				 JETK_PG_HDR_LARGE : JETK_PG_HDR_SMALL)
#define JETK_PG_ITAG_MASK	0x0FFF
#define JETK_PG_RESERVED_TAGS_SHIFT	12
#define JETK_PG_RESERVED_TAGS_MASK	0x7000

/*
 * Checksum blocks (section 3.3): a small page is one block; a large page
 * is JETK_PG_CSUM_BLOCKS blocks (4 KiB of a 16 KiB page, 8 KiB of a
 * 32 KiB one), block 0 checksummed at offset 0 and covering the stored
 * checksums of blocks 1-3 (struct jetk_edb_pghdr2).
 */
#define JETK_PG_CSUM_BLOCKS	4
#define JETK_PG_CSUM_SIZE	8

/* Page flags (section 3.4) */
#define JETK_PG_ROOT			0x00000001U
#define JETK_PG_LEAF			0x00000002U
#define JETK_PG_PARENT_OF_LEAF		0x00000004U
#define JETK_PG_EMPTY			0x00000008U
#define JETK_PG_REPAIR			0x00000010U
#define JETK_PG_SPACE_TREE		0x00000020U
#define JETK_PG_INDEX			0x00000040U
#define JETK_PG_LONG_VALUE		0x00000080U
#define JETK_PG_NON_UNIQUE_KEYS		0x00000400U
#define JETK_PG_NEW_RECORD_FORMAT	0x00000800U
#define JETK_PG_NEW_CHECKSUM_FORMAT	0x00002000U
#define JETK_PG_SLV_OBSOLETE		0x00000300U
#define JETK_PG_SCRUBBED		0x00004000U
#define JETK_PG_FLUSH_TYPE_MASK		0x00018000U
#define JETK_PG_PRE_INIT		0x00020000U
#define JETK_PG_FDP_DELETE		0x00040000U

/* Tags (section 4.1): u16 cb, u16 ib, growing back from the page end. */

/**
 * struct jetk_edb_tag - one entry of a page's tag array
 * @cb: size; small pages: low 13 bits; large pages: low 15 bits
 * @ib: offset from the data start; small pages: low 13 bits, node flags
 *	in the top 3; large pages: low 15 bits
 */
struct jetk_edb_tag {
	__le16 cb;
	__le16 ib;
};

static_assert(sizeof(struct jetk_edb_tag) == 4);

#define JETK_TAG_SMALL_MASK	0x1FFF
#define JETK_TAG_LARGE_MASK	0x7FFF
#define JETK_TAG_FLAGS_SHIFT	13	/* small: tag ib; large: node's u16 */

/*
 * Nodes (section 4.2): [__le16 cb_prefix if JETK_ND_COMPRESSED]
 * __le16 cb_suffix, suffix, data.  key = tag 0's first cb_prefix bytes +
 * suffix.  On large pages the node flags are the top 3 bits of the
 * node's first __le16, so key sizes are masked with JETK_ND_KEY_MASK.
 * Internal (branch) nodes carry a __le32 child pgno as data.
 */
#define JETK_ND_VERSION		0x1
#define JETK_ND_DELETED		0x2
#define JETK_ND_COMPRESSED	0x4
#define JETK_ND_KEY_MASK	0x1FFF	/* key sizes on large pages */
#define JETK_ND_CB_SIZE		2	/* each of cb_prefix, cb_suffix */
#define JETK_ND_CHILD_SIZE	4	/* data of a branch node */

/* Space (section 5.3) */

/**
 * struct jetk_edb_space_header - external header (tag 0) of a tree root
 * @cpg_primary: pages of the primary extent
 * @pgno_parent: the FDP this object's space came from
 * @flags: JETK_SPH_*
 * @pgno_oe: multiple extent: root of the owned-extent tree (the AE tree
 *	is at pgno_oe + 1); single extent: bitmap of free pages
 */
struct jetk_edb_space_header {
	__le32 cpg_primary;
	__le32 pgno_parent;
	__le32 flags;
	__le32 pgno_oe;
};

static_assert(sizeof(struct jetk_edb_space_header) == 16);

#define JETK_SPH_MULTIPLE_EXTENT	0x01U
#define JETK_SPH_NON_UNIQUE		0x02U
#define JETK_SPH_V2			0x04U
#define JETK_SPH_SINGLE_MAX		32	/* pages a single extent maps */

/*
 * OE/AE tree entries: key = __be32 last pgno of the extent (AE may use
 * 5 bytes: JETK_SPACE_KEY_POOL | pool, then __be32 pgno); data = __le32
 * page count.
 */
#define JETK_SPACE_KEY_SIZE		4
#define JETK_SPACE_KEY_POOL_SIZE	5
#define JETK_SPACE_KEY_POOL		0x80

/**
 * struct jetk_edb_split_buffer - external header of a space-tree root
 * @ext: two extents reserved for the tree's own splits (jetk: zero)
 * @ext.pgno_last: last page of the extent
 * @ext.cpg: its size in pages
 */
struct jetk_edb_split_buffer {
	struct {
		__le32 pgno_last;
		__le32 cpg;
	} ext[2];
};

static_assert(sizeof(struct jetk_edb_split_buffer) == 16);

/* Fixed pages of a new database (section 1) */
#define JETK_PGNO_DB_ROOT	1
#define JETK_PGNO_DB_OE		2
#define JETK_PGNO_DB_AE		3
#define JETK_PGNO_CATALOG	4
#define JETK_PGNO_CATALOG_OE	5
#define JETK_PGNO_CATALOG_AE	6
#define JETK_PGNO_CAT_NAME	7
#define JETK_PGNO_CAT_ROOTOBJ	10
#define JETK_PGNO_SHADOW	24
#define JETK_CPG_CATALOG	20	/* the catalog's initial extent */
#define JETK_CPG_SHADOW		5	/* 4 and 8 KiB pages */
#define JETK_CPG_SHADOW_2K	6
#define JETK_PGNO_FIRST_USER	29	/* first page after the shadow's extent */

/* Object ids (section 6) */
#define JETK_OBJID_DB		1
#define JETK_OBJID_CATALOG	2
#define JETK_OBJID_SHADOW	3
#define JETK_OBJID_CAT_NAME	4
#define JETK_OBJID_CAT_ROOTOBJ	5

/* Catalog row types (MSysObjects "Type") */
enum jetk_cat_type {
	JETK_CAT_TABLE = 1,
	JETK_CAT_COLUMN = 2,
	JETK_CAT_INDEX = 3,
	JETK_CAT_LV = 4,
	JETK_CAT_CALLBACK = 5,
};

/* Catalog column ids (section 6.1) */
enum jetk_cat_column {
	JETK_CATCOL_OBJID_TABLE = 1,
	JETK_CATCOL_TYPE = 2,
	JETK_CATCOL_ID = 3,
	JETK_CATCOL_COLTYP_OR_PGNO_FDP = 4,
	JETK_CATCOL_SPACE_USAGE = 5,
	JETK_CATCOL_FLAGS = 6,
	JETK_CATCOL_PAGES_OR_LOCALE = 7,
	JETK_CATCOL_ROOT_FLAG = 8,
	JETK_CATCOL_RECORD_OFFSET = 9,
	JETK_CATCOL_LCMAP_FLAGS = 10,
	JETK_CATCOL_KEY_MOST = 11,
	JETK_CATCOL_LV_CHUNK_MAX = 12,
	JETK_CATCOL_PGNO_FDP_LAST_SET_TIME = 13,	/* never write it */
	JETK_CATCOL_NAME = 128,
	JETK_CATCOL_STATS = 129,
	JETK_CATCOL_TEMPLATE_TABLE = 130,
	JETK_CATCOL_DEFAULT_VALUE = 131,
	JETK_CATCOL_KEY_FLD_IDS = 132,
	JETK_CATCOL_VAR_SEG_MAC = 133,
	JETK_CATCOL_CONDITIONAL_COLUMNS = 134,
	JETK_CATCOL_TUPLE_LIMITS = 135,
	JETK_CATCOL_VERSION = 136,
	JETK_CATCOL_SORT_ID = 137,
	JETK_CATCOL_CALLBACK_DATA = 256,
	JETK_CATCOL_CALLBACK_DEPENDENCIES = 257,
	JETK_CATCOL_SEPARATE_LV = 258,
	JETK_CATCOL_SPACE_HINTS = 259,
	JETK_CATCOL_SPACE_DEFERRED_LV_HINTS = 260,
	JETK_CATCOL_LOCALE_NAME = 261,
};

#define JETK_CAT_FIXED_LAST_MIN	5	/* libesedb 2018 refuses rows ... */
#define JETK_CAT_FIXED_LAST_MAX	12	/* ... outside 5..12 */
#define JETK_CAT_SYSTEM_TABLE_FLAGS	0xC0000000U
#define JETK_CAT_LCMAP_FLAGS_DEFAULT	0x00030401U
#define JETK_CAT_DENSITY_DEFAULT 80	/* SpaceUsage of tables and indexes */
#define JETK_CAT_CP_DEFAULT	1252	/* PagesOrLocale of catalog columns */

/* JET_coltyp (section 7.1; stored in catalog ColtypOrPgnoFDP) */
enum jetk_coltyp {
	JETK_COLTYP_BIT = 1,
	JETK_COLTYP_UNSIGNED_BYTE = 2,
	JETK_COLTYP_SHORT = 3,
	JETK_COLTYP_LONG = 4,
	JETK_COLTYP_CURRENCY = 5,
	JETK_COLTYP_IEEE_SINGLE = 6,
	JETK_COLTYP_IEEE_DOUBLE = 7,
	JETK_COLTYP_DATE_TIME = 8,
	JETK_COLTYP_BINARY = 9,
	JETK_COLTYP_TEXT = 10,
	JETK_COLTYP_LONG_BINARY = 11,
	JETK_COLTYP_LONG_TEXT = 12,
	JETK_COLTYP_SLV = 13,		/* obsolete */
	JETK_COLTYP_UNSIGNED_LONG = 14,
	JETK_COLTYP_LONG_LONG = 15,
	JETK_COLTYP_GUID = 16,
	JETK_COLTYP_UNSIGNED_SHORT = 17,
	JETK_COLTYP_UNSIGNED_LONG_LONG = 18,	/* libesedb 2018 refuses it */
};

/* Text code pages (catalog PagesOrLocale of text columns) */
enum jetk_codepage {
	JETK_CP_ANSI = 1252,
	JETK_CP_UNICODE = 1200,		/* UTF-16LE */
};

/* Bytes of a fixed-size column type; 0 for Text, Binary and long types. */
static inline unsigned int jetk_coltyp_fixed_size(u32 coltyp)
{
	switch (coltyp) {
	case JETK_COLTYP_BIT:
	case JETK_COLTYP_UNSIGNED_BYTE:
		return 1;
	case JETK_COLTYP_SHORT:
	case JETK_COLTYP_UNSIGNED_SHORT:
		return 2;
	case JETK_COLTYP_LONG:
	case JETK_COLTYP_UNSIGNED_LONG:
	case JETK_COLTYP_IEEE_SINGLE:
		return 4;
	case JETK_COLTYP_CURRENCY:
	case JETK_COLTYP_IEEE_DOUBLE:
	case JETK_COLTYP_DATE_TIME:
	case JETK_COLTYP_LONG_LONG:
	case JETK_COLTYP_UNSIGNED_LONG_LONG:
		return 8;
	case JETK_COLTYP_GUID:
		return 16;
	default:
		return 0;
	}
}

/* Catalog FIELDFLAG values of column rows (section 6.2, not JET_bit*) */
#define JETK_FIELD_NOT_NULL		0x0001U
#define JETK_FIELD_VERSION		0x0002U
#define JETK_FIELD_AUTOINCREMENT	0x0004U
#define JETK_FIELD_MULTIVALUED		0x0008U
#define JETK_FIELD_DEFAULT		0x0010U
#define JETK_FIELD_ESCROW_UPDATE	0x0020U
#define JETK_FIELD_FINALIZE		0x0040U
#define JETK_FIELD_USER_DEFINED_DEFAULT	0x0080U
#define JETK_FIELD_TEMPLATE_COLUMN_ESE98 0x0100U
#define JETK_FIELD_DELETE_ON_ZERO	0x0200U
#define JETK_FIELD_PRIMARY_INDEX_PLACEHOLDER 0x0800U
#define JETK_FIELD_COMPRESSED		0x1000U
#define JETK_FIELD_ENCRYPTED		0x2000U

/* Index fidb bits (section 6.2) */
#define JETK_IDX_UNIQUE			0x0001U
#define JETK_IDX_ALLOW_ALL_NULLS	0x0002U
#define JETK_IDX_ALLOW_FIRST_NULL	0x0004U
#define JETK_IDX_ALLOW_SOME_NULLS	0x0008U
#define JETK_IDX_NO_NULL_SEG		0x0010U
#define JETK_IDX_PRIMARY		0x0020U
#define JETK_IDX_LOCALE_SET		0x0040U
#define JETK_IDX_MULTIVALUED		0x0080U
#define JETK_IDX_LOCALIZED_TEXT		0x0400U
#define JETK_IDX_SORT_NULLS_HIGH	0x0800U
#define JETK_IDX_CROSS_PRODUCT		0x2000U
#define JETK_IDX_DISALLOW_TRUNCATION	0x4000U
#define JETK_IDX_FLAGS_FULL_COLUMNIDS	0x0001U	/* u16 fIDXFlags */

/* Index key segment (KeyFldIDs entries) */

/**
 * struct jetk_edb_idxseg - one key column of an index (KeyFldIDs)
 * @flags: 0x80 template, 0x40 descending, 0x20 must be NULL
 * @zero: 0
 * @columnid: the column
 */
struct jetk_edb_idxseg {
	u8 flags;
	u8 zero;
	__le16 columnid;
};

static_assert(sizeof(struct jetk_edb_idxseg) == 4);

#define JETK_IDXSEG_TEMPLATE	0x80
#define JETK_IDXSEG_DESCENDING	0x40
#define JETK_IDXSEG_MUST_BE_NULL	0x20

/* Records (section 7) */

/**
 * struct jetk_edb_rec_header - the first four bytes of a record
 * @fid_fixed_last: highest fixed column present (0: none)
 * @fid_var_last: highest variable column present (127: none)
 * @ib_end_fixed: offset of the variable-offset array from record start
 */
struct jetk_edb_rec_header {
	u8 fid_fixed_last;
	u8 fid_var_last;
	__le16 ib_end_fixed;
};

static_assert(sizeof(struct jetk_edb_rec_header) == 4);

#define JETK_FID_FIXED_MAX	127
#define JETK_FID_VAR_FIRST	128
#define JETK_FID_VAR_MAX	255
#define JETK_FID_TAGGED_FIRST	256
#define JETK_VAR_NULL		0x8000	/* variable offset: the column is NULL */
#define JETK_FIXED_FILLER	0x2A	/* bytes of a NULL fixed column */
#define JETK_VAR_OFFSET_MASK	0x7FFF
#define JETK_VAR_OFFSET_SIZE	2
/* REC::CbRecordMost with keys of up to 255 bytes */
static inline unsigned int jetk_edb_rec_max(unsigned int page_size)
{
	return page_size - (page_size > JETK_PG_SMALL_MAX ? 347 : 307);
}

/**
 * struct jetk_edb_tagfld - a tagged column's directory entry
 * @columnid: the column (ascending)
 * @ib: offset from the tagged area start, with JETK_TAGFLD_* flags
 */
struct jetk_edb_tagfld {
	__le16 columnid;
	__le16 ib;
};

static_assert(sizeof(struct jetk_edb_tagfld) == 4);

#define JETK_TAGFLD_SMALL_IB_MASK	0x1FFF
#define JETK_TAGFLD_SMALL_NULL		0x2000
#define JETK_TAGFLD_SMALL_EXTENDED	0x4000
#define JETK_TAGFLD_DERIVED		0x8000
#define JETK_TAGFLD_LARGE_IB_MASK	0x7FFF

/* The one-byte header of a tagged value (TAGFLD_HEADER) */
#define JETK_TAGHDR_LONG_VALUE	0x01
#define JETK_TAGHDR_COMPRESSED	0x02
#define JETK_TAGHDR_SEPARATED	0x04
#define JETK_TAGHDR_MULTI	0x08
#define JETK_TAGHDR_TWO		0x10
#define JETK_TAGHDR_NULL	0x20
#define JETK_TAGHDR_ENCRYPTED	0x40
#define JETK_MULTI_SEPARATED	0x8000	/* multi-value offset: a LID */
#define JETK_MULTI_OFFSET_MASK	0x7FFF

/* First byte of a compressed value: scheme << 3 | scheme data */
#define JETK_COMPRESS_SCHEME_SHIFT	3
enum jetk_compress_scheme {
	JETK_COMPRESS_7BIT_ASCII = 1,
	JETK_COMPRESS_7BIT_UNICODE = 2,
	JETK_COMPRESS_XPRESS = 3,
	JETK_COMPRESS_XPRESS9 = 5,
	JETK_COMPRESS_XPRESS10 = 6,
	JETK_COMPRESS_LZ4 = 7,
};

/* Long values (section 8) */

/**
 * struct jetk_edb_lvroot - data of an LV tree's root entry for one LID
 * @refs: records referring to the value
 * @size: total bytes
 */
struct jetk_edb_lvroot {
	__le32 refs;
	__le32 size;
};

static_assert(sizeof(struct jetk_edb_lvroot) == 8);

#define JETK_LV_INTRINSIC_MAX	1023	/* bytes kept in the record by default */
#define JETK_LVROOT2_SIZE	9	/* LVROOT + u8 flags (newer ESE) */
#define JETK_LVROOT2_ENCRYPTED	0x01
#define JETK_LID_SIZE		4	/* LE in records, BE in LV keys */
#define JETK_LID64_SIZE		8	/* newest ESE; MSB set */
#define JETK_LV_KEY_ROOT_SIZE	4	/* __be32 LID */
#define JETK_LV_KEY_CHUNK_SIZE	8	/* __be32 LID, __be32 byte offset */
/* JET_paramLVChunkSizeMost: a full chunk and its key fill a leaf */
static inline unsigned int jetk_edb_lv_chunk_max(unsigned int page_size)
{
	return page_size - 42 - JETK_PG_HDR_SIZE(page_size);
}

/* Key normalisation (section 5.2) */
#define JETK_KEY_PREFIX_DATA	0x7F
#define JETK_KEY_PREFIX_NULL	0x00
#define JETK_KEY_PREFIX_NULL_HIGH 0xC0
#define JETK_KEY_PREFIX_EMPTY	0x40
#define JETK_KEY_MOST_DEFAULT	255
#define JETK_KEY_BINARY_CHUNK	8	/* binary: chunks of 8 + a count byte */
#define JETK_KEY_BINARY_MORE	9	/* count byte of a full, non-last chunk */
#define JETK_KEY_SEQ_SIZE	4	/* tables without a primary index */
#define JETK_KEY_CATALOG_SIZE	13	/* (ObjidTable, Type, Id) */

/*
 * The write-ahead log (jetk's own format; module/log.c).
 *
 * A log device holds two superblock copies (JETK_LOG_SB_BYTES each, at
 * its start; uapi/linux/jetk_log.h) and then a circular area of log
 * sectors.  The sector size is the device's logical block size (at
 * least 512), so a sector is written whole or not at all.
 *
 * The log is a stream of records.  A record's position (its LSN) is a
 * byte offset in the stream of sector payloads: sector n of the stream
 * carries stream bytes [n * P, n * P + used), P being the payload size
 * (the sector size less its header).  Sector n sits in area sector
 * n % nsect.  A flush seals the sector it ends in: the rest of that
 * sector is padding and the stream goes on at the next sector, so no
 * sector is ever written twice in a lap.  Records span sectors freely.
 *
 * A sector is valid when its magic, CRC, log signature and LSN (n * P,
 * the position expected there) match: a stale sector of an earlier lap,
 * of another log or a torn write ends the log.  Recovery reads from the
 * checkpoint LSN (a record start) to the first invalid sector or
 * incomplete record.
 */
#define JETK_LOG_MAGIC		0x4c4b544aU	/* "JTKL" */

/* The superblock (magic, version, copies, database list) is in the uapi. */
static_assert(sizeof(struct jetk_log_sb) == 88 + JETK_LOG_DBS_MAX * 600);
static_assert(sizeof(struct jetk_log_sb) <= JETK_LOG_SB_BYTES);

/**
 * struct jetk_log_sector - the header of every log sector
 * @magic: JETK_LOG_MAGIC
 * @crc: crc32 of the sector (@crc taken as 0)
 * @lsn: the stream position of the payload's first byte
 * @sig_random: the log's identity
 * @used: payload bytes that are log data (the rest is padding)
 * @first: offset in the payload of the first record starting here, or
 *	JETK_LOG_NO_FIRST
 * @epoch: the superblock's epoch when the sector was written: epochs
 *	never decrease along the stream, so a sector a crashed run left
 *	past the point its successor went on from ends the log
 * @pad: zero
 */
struct jetk_log_sector {
	__le32 magic;
	__le32 crc;
	__le64 lsn;
	__le32 sig_random;
	__le16 used;
	__le16 first;
	__le32 epoch;
	__le32 pad;
};

static_assert(sizeof(struct jetk_log_sector) == 32);

#define JETK_LOG_NO_FIRST	0xFFFF

/**
 * struct jetk_log_rec - the header of a log record
 * @type: what the record is (the log's user defines the types; 0 is
 *	not a record)
 * @flags: zero
 * @len: payload bytes after this header
 */
struct jetk_log_rec {
	u8 type;
	u8 flags;
	__le16 reserved;
	__le32 len;
};

static_assert(sizeof(struct jetk_log_rec) == 8);

#define JETK_LOG_REC_MAX	BIT(20)		/* payload limit */

/*
 * The engine's log records (module/wal.c writes them, recovery.c reads
 * them).  The log is cut into batches: every record and every page image
 * between two JETK_LR_BATCH records belongs to one batch, and recovery
 * applies whole batches only.  A batch closes when no call is changing
 * pages, so what one call changes is never split between batches; the
 * pages a batch changed follow its other records as full images.
 *
 * JETK_LR_PAGE    struct jetk_lr_page, then the page (the cache's size)
 * JETK_LR_BATCH   struct jetk_lr_batch and one struct jetk_lr_batch_db
 *                 per database attached for writing: the batch before
 *                 it is whole
 * JETK_LR_UNDO    struct jetk_lr_undo, then the table's name, the key,
 *                 the column's name (ADD_COLUMN), the before image and
 *                 the long values to let go of (__le32 each): how to undo
 *                 one change of a transaction that spans batches
 * JETK_LR_UNDONE  struct jetk_lr_undone: a rollback undid every change of
 *                 the transaction numbered past @keep
 * JETK_LR_COMMIT  struct jetk_lr_commit: the transaction committed
 *
 * A transaction that begins and ends inside one call writes no record
 * of its own: its batch carries it whole.
 */
enum {
	JETK_LR_PAGE = 1,
	JETK_LR_BATCH = 2,
	JETK_LR_UNDO = 3,
	JETK_LR_UNDONE = 4,
	JETK_LR_COMMIT = 5,
};

/**
 * struct jetk_lr_page - a page image
 * @db_id: the database (its id in the log superblock)
 * @pgno: the page
 */
struct jetk_lr_page {
	__le32 db_id;
	__le32 pgno;
};

/**
 * struct jetk_lr_batch - the end of a batch
 * @seq: batches closed by this log before (a count, for checks)
 * @pages: page images in the batch
 * @ndbs: struct jetk_lr_batch_db entries after it
 */
struct jetk_lr_batch {
	__le64 seq;
	__le32 pages;
	__le32 ndbs;
};

/**
 * struct jetk_lr_batch_db - what a database's header says at a batch end
 *	(it is written only at attach and detach: recovery restores these)
 * @db_id: the database
 * @objid_last: the last object id it gave out
 * @dbtime: its dbtime
 */
struct jetk_lr_batch_db {
	__le32 db_id;
	__le32 objid_last;
	__le64 dbtime;
};

/* What an undo record undoes (JETK_LR_UNDO @op). */
enum {
	JETK_LRU_INSERT = 1,
	JETK_LRU_REPLACE = 2,
	JETK_LRU_DELETE = 3,
	JETK_LRU_ESCROW = 4,
	JETK_LRU_CREATE_TABLE = 5,
	JETK_LRU_ADD_COLUMN = 6,
};

/* What the node was (JETK_LR_UNDO @before). */
enum {
	JETK_LRB_SAME = 0,
	JETK_LRB_ABSENT = 1,
	JETK_LRB_LIVE = 2,
	JETK_LRB_DELETED = 3,
};

/**
 * struct jetk_lr_undo - how to undo one change
 * @trxid: the transaction
 * @seq: the change's number in it (from 1)
 * @db_id: the database
 * @op: JETK_LRU_*
 * @before: JETK_LRB_*
 * @width: ESCROW: the column's size (4 or 8)
 * @name_len: bytes of the table's name
 * @key_len: bytes of the key
 * @col_len: bytes of the column's name (ADD_COLUMN)
 * @img_len: bytes of the before image
 * @columnid: ESCROW: the column
 * @nlids: long values the change took a reference on
 * @pad: zero
 * @delta: ESCROW: the value added
 */
struct jetk_lr_undo {
	__le64 trxid;
	__le32 seq;
	__le32 db_id;
	u8 op;
	u8 before;
	u8 width;
	u8 name_len;
	__le16 key_len;
	__le16 col_len;
	__le32 img_len;
	__le32 columnid;
	__le32 nlids;
	__le32 pad;
	__le64 delta;
};

/**
 * struct jetk_lr_undone - a rollback's mark
 * @trxid: the transaction
 * @keep: its changes numbered up to this stay; the later ones are undone
 */
struct jetk_lr_undone {
	__le64 trxid;
	__le32 keep;
	__le32 pad;
};

/**
 * struct jetk_lr_commit - a level-0 commit
 * @trxid: the transaction
 */
struct jetk_lr_commit {
	__le64 trxid;
};

static_assert(sizeof(struct jetk_lr_page) == 8);
static_assert(sizeof(struct jetk_lr_batch) == 16);
static_assert(sizeof(struct jetk_lr_batch_db) == 16);
static_assert(sizeof(struct jetk_lr_undo) == 48);
static_assert(sizeof(struct jetk_lr_undone) == 16);

#endif /* _JETK_FORMAT_H */
