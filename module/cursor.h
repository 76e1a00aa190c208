/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cursors (JET_TABLEID): a session's position in a table's primary
 * index, its copy buffer (the record JetPrepareUpdate starts and
 * JetSetColumn edits) and its search key (JetMakeKey).
 *
 * Lifetime and locking: a cursor belongs to one session and lives in its
 * ses->cursors xarray; only calls inside that session touch it (the
 * session admits one call at a time), and the session closes its cursors
 * when it closes their database or ends.  A cursor references its table
 * (jetk_table_get/put).  A cursor keeps no page pinned between calls: it
 * remembers the key of its record and seeks it again, so a record
 * changed or deleted by another session is seen as it is now.
 *
 * Records are read through the version store (verstore.c): a cursor sees
 * the table as its session's snapshot shows it.  Updates and deletes are
 * versioned changes of the session's transaction (at level 0, of a
 * transaction of their own).  Cursors opened inside a transaction level
 * are closed when it rolls back, as in ESE.
 */
#ifndef _JETK_CURSOR_H
#define _JETK_CURSOR_H

#include <linux/list.h>
#include <linux/types.h>

#include "btree.h"
#include "key.h"

struct jetk_database;
struct jetk_session;
struct jetk_table;

/* Where a cursor is. */
enum jetk_cursor_state {
	JETK_CUR_BEFORE_FIRST,
	JETK_CUR_ON,
	JETK_CUR_AFTER_LAST,
	JETK_CUR_DELETED,	/* on the gap the current record left */
};

#define JETK_PREP_NONE	(-1)

/**
 * struct jetk_cursor - one JET_TABLEID
 * @id: its handle in the session
 * @ses: the session it belongs to
 * @level: the transaction level it was opened in [the session's calls]
 * @grbit: JetOpenTable's grbit (JET_bitTableDenyRead, DenyWrite, ReadOnly)
 * @tnode: on the table's list of cursors [db->tables_lock]
 * @d: the database (open in the session while the cursor lives)
 * @t: the table (referenced)
 * @readonly: opened with JET_bitTableReadOnly, or the database is
 * @state: enum jetk_cursor_state
 * @key: the key of the current (or just deleted) record
 * @key_len: its length
 * @prep: the prepared update (JET_prep*), or JETK_PREP_NONE
 * @cb: the copy buffer: a whole record
 * @cb_len: its length
 * @cb_key: replace: the key of the record being replaced
 * @cb_key_len: its length
 * @scratch: a record being built
 * @rec: the current record, as last read
 * @rec_len: its length
 * @rec_valid: @rec holds the current record for this call
 * @sk: the search key being made
 * @sk_segs: key columns in @sk
 * @sk_made: JetMakeKey made a key
 * @bt: the last node a seek returned
 * @from: the key jetk_cursor_find() seeks on from, past a node the session
 *	does not see (its own copy: a seek overwrites @bt.key, and a retry
 *	must start from the same place)
 * @new_lids: long values the prepared update created: private to it,
 *	changed in place, dropped when it is cancelled
 * @n_new: how many
 * @cap_new: room at @new_lids
 * @plain: a compressed value, uncompressed for the caller
 * @plain_max: room there
 */
struct jetk_cursor {
	u32 id;
	struct jetk_session *ses;
	unsigned int level;
	u32 grbit;
	struct list_head tnode;
	struct jetk_database *d;
	struct jetk_table *t;
	bool readonly;
	int state;
	u8 key[JETK_KEY_MOST_MOST];
	unsigned int key_len;
	int prep;
	u8 *cb;
	unsigned int cb_len;
	u8 cb_key[JETK_KEY_MOST_MOST];
	unsigned int cb_key_len;
	u8 *scratch;
	u8 *rec;
	unsigned int rec_len;
	bool rec_valid;
	struct jetk_key sk;
	unsigned int sk_segs;
	bool sk_made;
	struct jetk_bt_rec bt;
	u8 from[JETK_BT_KEY_MAX];
	u32 *new_lids;
	unsigned int n_new;
	unsigned int cap_new;
	u8 *plain;
	u32 plain_max;
};

/**
 * struct jetk_retrieved - a column value retrieved
 * @data: its bytes (in the cursor's buffers: valid until the next call)
 * @len: bytes at @data
 * @full: the value's full length
 * @count: values of the column (for itagSequence 0)
 * @lid: a separated long value: its LID; @data is NULL and the bytes
 *	from @off are read with jetk_lv_read() (the value is @off + @len
 *	bytes long)
 * @off: where the bytes asked for start in the long value
 */
struct jetk_retrieved {
	const u8 *data;
	u32 len;
	u32 full;
	u32 count;
	u32 lid;
	u32 off;
};

int jetk_cursor_open(struct jetk_session *ses, struct jetk_database *d,
		     struct jetk_table *t, u32 grbit, u64 *tableid);
struct jetk_cursor *jetk_cursor_get(struct jetk_session *ses, u64 tableid);
int jetk_cursor_close(struct jetk_session *ses, u64 tableid);
void jetk_cursor_close_db(struct jetk_session *ses, struct jetk_database *d);
void jetk_cursor_close_all(struct jetk_session *ses);
void jetk_cursor_close_level(struct jetk_session *ses, unsigned int level);
void jetk_cursor_commit_level(struct jetk_session *ses, unsigned int level);

void jetk_cursor_call_begin(struct jetk_cursor *c);
void jetk_cursor_call_end(struct jetk_cursor *c);

int jetk_cursor_prepare(struct jetk_cursor *c, s64 prep);
int jetk_cursor_set(struct jetk_cursor *c, u32 columnid, const u8 *data,
		    u32 len, u32 grbit, u32 ib_long, u32 itag);
int jetk_cursor_update(struct jetk_cursor *c, u32 grbit, u8 *bookmark,
		       u32 bookmark_max, u32 *bookmark_len);
int jetk_cursor_delete(struct jetk_cursor *c);
int jetk_cursor_retrieve(struct jetk_cursor *c, u32 columnid, u32 grbit,
			 u32 ib_long, u32 itag, struct jetk_retrieved *r);
int jetk_cursor_move(struct jetk_cursor *c, s64 rows, u32 grbit);
struct jetk_gate;
int jetk_cursor_count(struct jetk_cursor *c, u64 max, struct jetk_gate *gate,
		      u64 *count);
int jetk_cursor_make_key(struct jetk_cursor *c, const u8 *data, u32 len,
			 u32 grbit);
int jetk_cursor_seek(struct jetk_cursor *c, u32 grbit);
int jetk_cursor_escrow(struct jetk_cursor *c, u32 columnid, const u8 *delta,
		       u32 delta_len, u32 grbit, u8 *old, u32 *old_len);
int jetk_cursor_lock(struct jetk_cursor *c, u32 grbit);

#endif /* _JETK_CURSOR_H */
