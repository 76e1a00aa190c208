/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tables of a database (ESE's FCB): what the catalog says about a table
 * (columns, the primary index, where its tree is), kept in memory while
 * cursors use it, and the DDL that changes it (JetCreateTable*,
 * JetAddColumn, JetDeleteTable).  Records themselves are the cursors'
 * business (cursor.c).
 *
 * Lifetime: a table descriptor lives on its database's list from the
 * first open until the database is freed; cursors hold a reference
 * (@refs) that keeps it from being deleted.  Locking: db->tables_lock
 * serialises the list, the references and every catalog change (all
 * DDL of a database); a table's @ddl rwsem is held shared by record
 * operations and exclusive while its schema changes.  Order:
 * db->tables_lock -> table->ddl -> the table tree's lock -> space locks.
 */
#ifndef _JETK_TABLE_H
#define _JETK_TABLE_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/types.h>

#include "btree.h"
#include "catalog.h"
#include "record.h"
#include "space.h"

struct jetk_db;

#define JETK_NAME_MOST		64	/* JET_cbNameMost */
#define JETK_KEY_COLUMNS_MOST	16	/* JET_ccolKeyMost */
#define JETK_TABLE_CPG_MIN	4	/* root, OE, AE and one more */

/* JET_bitColumn* (the API's column grbits) */
#define JETK_COLUMN_FIXED		0x00000001U
#define JETK_COLUMN_TAGGED		0x00000002U
#define JETK_COLUMN_NOT_NULL		0x00000004U
#define JETK_COLUMN_VERSION		0x00000008U
#define JETK_COLUMN_AUTOINCREMENT	0x00000010U
#define JETK_COLUMN_UPDATABLE		0x00000020U
#define JETK_COLUMN_MULTI_VALUED	0x00000400U
#define JETK_COLUMN_ESCROW_UPDATE	0x00000800U
#define JETK_COLUMN_UNVERSIONED		0x00001000U
#define JETK_COLUMN_MAYBE_NULL		0x00002000U
#define JETK_COLUMN_DELETE_ON_ZERO	0x00020000U

/* JET_bitIndex* */
#define JETK_INDEX_UNIQUE		0x00000001U
#define JETK_INDEX_PRIMARY		0x00000002U
#define JETK_INDEX_DISALLOW_NULL	0x00000004U
#define JETK_INDEX_IGNORE_NULL		0x00000008U
#define JETK_INDEX_IGNORE_ANY_NULL	0x00000020U
#define JETK_INDEX_IGNORE_FIRST_NULL	0x00000040U
#define JETK_INDEX_LAZY_FLUSH		0x00000080U
#define JETK_INDEX_UNVERSIONED		0x00000200U
#define JETK_INDEX_SORT_NULLS_HIGH	0x00000400U
#define JETK_INDEX_KEY_MOST		0x00008000U
#define JETK_INDEX_DISALLOW_TRUNCATION	0x00010000U

/**
 * struct jetk_column_def - a column to create (JET_COLUMNCREATE)
 * @name: its name, NUL terminated
 * @coltyp: JET_coltyp
 * @cb_max: cbMax
 * @grbit: JET_bitColumn*
 * @def: default value, or NULL
 * @def_len: its length
 * @cp: code page (0: 1252)
 * @columnid: out: the id it got
 * @err: out: its JET_ERR
 */
struct jetk_column_def {
	char name[JETK_NAME_MOST + 1];
	u32 coltyp;
	u32 cb_max;
	u32 grbit;
	const u8 *def;
	u32 def_len;
	u32 cp;
	u32 columnid;
	int err;
};

/**
 * struct jetk_index_def - an index to create (JET_INDEXCREATE)
 * @name: its name
 * @key: "+col\0-col\0\0"
 * @key_len: bytes at @key
 * @grbit: JET_bitIndex*
 * @density: ulDensity
 * @cb_key_most: cbKeyMost
 * @err: out: its JET_ERR
 */
struct jetk_index_def {
	char name[JETK_NAME_MOST + 1];
	const char *key;
	u32 key_len;
	u32 grbit;
	u32 density;
	u32 cb_key_most;
	int err;
};

/**
 * struct jetk_table_index - the primary index, as the catalog says
 * @name: its name
 * @objid: its object id (the table's)
 * @fidb: its JETK_IDX_* flags
 * @key_most: its key limit
 * @nsegs: key columns
 * @seg_col: their column ids
 * @seg_opts: their JETK_KEYSEG_* options
 */
struct jetk_table_index {
	char name[JETK_NAME_MOST + 1];
	u32 objid;
	u32 fidb;
	u32 key_most;
	unsigned int nsegs;
	u32 seg_col[JETK_KEY_COLUMNS_MOST];
	u32 seg_opts[JETK_KEY_COLUMNS_MOST];
};

/**
 * struct jetk_table - one table of a database
 * @node: on db->tables [db->tables_lock]
 * @db: the database (outlives the descriptor)
 * @refs: cursors using it [db->tables_lock]
 * @deleted: JetDeleteTable took it out of the catalog [db->tables_lock]
 * @delete_pending: a transaction still running deleted it: it cannot be
 *	opened; it goes at the commit [db->tables_lock]
 * @name: its name as the catalog has it
 * @objid: its object id (constant)
 * @pgno_fdp: its root page (constant)
 * @pages: initial pages the catalog row records
 * @density: its density
 * @flags: its catalog flags
 * @sp: its space
 * @bt: its record tree
 * @ddl: shared for record operations, exclusive for schema changes
 * @cols: the columns, by column id [ddl]
 * @names: their names, parallel to @cols [ddl]
 * @ncols: how many [ddl]
 * @has_primary: @primary is set; else records have sequential keys [ddl]
 * @has_secondary: the catalog lists secondary indexes, which jetk does
 *	not maintain yet: its records are read-only [ddl]
 * @space_ro: the table's space is single-extent (as ESE writes small
 *	tables) and the database is attached read-only, so jetk did not
 *	give it space trees: nothing may allocate (constant)
 * @primary: the primary index [ddl]
 * @seq_lock: guards the two counters below
 * @dbk_last: last sequential key used (0: not yet read) [seq_lock]
 * @autoinc_last: last autoincrement value [seq_lock]
 * @autoinc_known: @autoinc_last has been read from the records [seq_lock]
 * @has_lv: the table has its long-value tree (lv.c) [ddl]
 * @lv_objid: its object id [ddl]
 * @lv_fdp: its root page [ddl]
 * @lv_sp: its space (taken from the table's) [ddl]
 * @lv_bt: the tree [ddl]
 * @lv_lock: guards @lid_last and the reference counts of long values;
 *	taken outside the LV tree's locks
 * @lid_last: last long-value id used (0: not yet read) [lv_lock]
 * @lv_chunk_max: the table row's LVChunkMax (0: the page size's)
 * @cursors: the cursors open on it, for JET_bitTableDenyRead/Write
 *	[db->tables_lock]
 * @nver: RCEs of its nodes in the version store (readers skip the store
 *	when there are none)
 * @undo_seq: bumped by every undo of a node (see verstore.h)
 * @escrow_seq: odd while an escrow update is between publishing its
 *	delta and writing its record (written under @escrow_lock); readers
 *	wait for it on @escrow_lock and look again when it moved
 * @escrow_lock: serialises read-modify-write of escrow columns; taken
 *	outside the table tree's lock
 */
struct jetk_table {
	struct list_head node;
	struct jetk_db *db;
	unsigned int refs;
	bool deleted;
	bool delete_pending;
	char name[JETK_NAME_MOST + 1];
	u32 objid;
	u32 pgno_fdp;
	u32 pages;
	u32 density;
	u32 flags;
	struct jetk_space sp;
	struct jetk_bt bt;
	struct rw_semaphore ddl;
	struct jetk_rec_col *cols;
	char (*names)[JETK_NAME_MOST + 1];
	unsigned int ncols;
	bool has_primary;
	bool has_secondary;
	bool space_ro;
	struct jetk_table_index primary;
	struct mutex seq_lock;	/* see @seq_lock above */
	u32 dbk_last;
	u64 autoinc_last;
	bool autoinc_known;
	bool has_lv;
	u32 lv_objid;
	u32 lv_fdp;
	struct jetk_space lv_sp;
	struct jetk_bt lv_bt;
	struct mutex lv_lock;	/* see @lv_lock above */
	u32 lid_last;
	u32 lv_chunk_max;
	struct list_head cursors;
	atomic_t nver;
	atomic_t undo_seq;
	atomic_t escrow_seq;
	struct mutex escrow_lock;	/* see @escrow_lock above */
};

void jetk_tables_init(struct jetk_db *db);
void jetk_tables_free(struct jetk_db *db);

int jetk_table_create(struct jetk_db *db, const char *name, u32 pages,
		      u32 density, u32 grbit, struct jetk_column_def *cols,
		      unsigned int ncols, struct jetk_index_def *idx,
		      unsigned int nidx, struct jetk_table **tp,
		      unsigned int *created);
int jetk_table_open(struct jetk_db *db, const char *name,
		    struct jetk_table **tp);
void jetk_table_put(struct jetk_table *t);
int jetk_table_delete(struct jetk_db *db, const char *name);
int jetk_table_add_column(struct jetk_table *t, struct jetk_column_def *c);
int jetk_table_delete_column(struct jetk_table *t, const char *name);
int jetk_table_drop_column(struct jetk_table *t, const char *name);
int jetk_table_delete_mark(struct jetk_db *db, const char *name,
			   struct jetk_table **tp);
void jetk_table_delete_unmark(struct jetk_table *t);
int jetk_table_create_index(struct jetk_table *t, struct jetk_index_def *idx,
			    unsigned int nidx);

void jetk_table_schema(const struct jetk_table *t, struct jetk_rec_schema *s);
int jetk_table_column_by_name(const struct jetk_table *t, const char *name);
int jetk_table_column_by_id(const struct jetk_table *t, u32 columnid);
u32 jetk_table_column_grbit(const struct jetk_table *t, unsigned int i);
int jetk_table_space(struct jetk_table *t, u32 *owned, u32 *avail);

int jetk_table_err(int e);
bool jetk_name_valid(const char *name);

#endif /* _JETK_TABLE_H */
