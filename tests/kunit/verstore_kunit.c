// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the version store (module/verstore.c) and transaction levels
 * (module/transaction.c) on their own: a store with sessions and a table
 * descriptor but no tree, so each visibility, conflict and cleanup rule
 * is one case.  Records are one fixed Long column (the escrow column).
 * Nothing here rolls back a change of a record (there is no tree to put
 * it back into); rollbacks are of locks, whose undo is nothing.
 */
#include <kunit/test.h>
#include <linux/slab.h>

#include "db.h"
#include "format.h"
#include "jetk.h"
#include "record.h"
#include "table.h"
#include "verstore.h"

#define VS_MAX		(64 * 1024)
#define COLID		1

struct vst {
	struct jetk_instance *inst;
	struct jetk_session *ses[3];
	struct jetk_db *db;
	struct jetk_table *t;
	struct jetk_rec_col col;
};

static void vst_exit(void *p)
{
	struct vst *v = p;
	int i;

	/* No tree to undo into or clean: the versions are just dropped. */
	jetk_ver_drop_table(&v->inst->vs, v->t);
	for (i = 0; i < ARRAY_SIZE(v->ses); i++) {
		INIT_LIST_HEAD(&v->ses[i]->rces);
		if (v->ses[i]->trx)
			jetk_ver_trx_abort(v->ses[i]);
		v->ses[i]->level = 0;
		xa_destroy(&v->ses[i]->cursors);
	}
	jetk_ver_destroy(&v->inst->vs);
}

static struct vst *vst_init(struct kunit *test)
{
	struct vst *v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, v);
	v->inst = kunit_kzalloc(test, sizeof(*v->inst), GFP_KERNEL);
	v->db = kunit_kzalloc(test, sizeof(*v->db), GFP_KERNEL);
	v->t = kunit_kzalloc(test, sizeof(*v->t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, v->inst);
	KUNIT_ASSERT_NOT_NULL(test, v->db);
	KUNIT_ASSERT_NOT_NULL(test, v->t);
	/* Never RUNNING: the cleanup runs only when a case calls it. */
	v->inst->state = JETK_INST_CREATED;
	jetk_ver_init(&v->inst->vs, v->inst, VS_MAX);
	v->db->page_size = 4096;
	v->col = (struct jetk_rec_col){ .columnid = COLID,
		.coltyp = JETK_COLTYP_LONG, .cb_max = 4, .offset = 4,
		.flags = JETK_FIELD_ESCROW_UPDATE };
	v->t->db = v->db;
	v->t->objid = 100;
	v->t->cols = &v->col;
	v->t->ncols = 1;
	for (i = 0; i < ARRAY_SIZE(v->ses); i++) {
		v->ses[i] = kunit_kzalloc(test, sizeof(*v->ses[i]), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, v->ses[i]);
		v->ses[i]->inst = v->inst;
		v->ses[i]->procid = i + 1;
		INIT_LIST_HEAD(&v->ses[i]->rces);
		xa_init_flags(&v->ses[i]->cursors, XA_FLAGS_ALLOC1);
	}
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, vst_exit, v));
	return v;
}

/* A record holding @val in the column. */
static unsigned int rec(struct vst *v, u8 *out, u32 val)
{
	struct jetk_rec_schema s;
	__le32 le = cpu_to_le32(val);
	struct jetk_rec_value rv = { .data = (u8 *)&le, .len = 4 };
	struct jetk_rec_field f = { .columnid = COLID, .nvals = 1, .vals = &rv };
	unsigned int len = 0;

	jetk_table_schema(v->t, &s);
	if (jetk_rec_build(&s, &f, 1, out, 256, &len))
		return 0;
	return len;
}

/* The column's value in a record. */
static u32 val_of(struct vst *v, const u8 *r, unsigned int len)
{
	struct jetk_rec_schema s;
	struct jetk_rec_view view;
	struct jetk_rec_value rv;

	jetk_table_schema(v->t, &s);
	if (jetk_rec_parse(&s, r, len, &view) ||
	    jetk_rec_get(&s, &view, COLID, 1, &rv) || rv.len != 4)
		return U32_MAX;
	return get_unaligned_le32(rv.data);
}

/* @ses changes key @k: an RCE whose before image is a record of @before. */
static int change(struct vst *v, struct jetk_session *ses, const char *k,
		  enum jetk_rce_op op, enum jetk_rce_before bstate, u32 before)
{
	struct jetk_rce *rce;
	u8 img[256];
	unsigned int len = rec(v, img, before);
	int err;

	err = jetk_ver_reserve(ses, v->t, k, strlen(k), op, &rce);
	if (err)
		return err;
	err = jetk_ver_publish(ses, rce, bstate, img, len);
	if (err)
		jetk_ver_cancel(ses, rce);
	return err;
}

/* What @ses sees of key @k whose node in the tree holds @now. */
static u32 view(struct vst *v, struct jetk_session *ses, const char *k,
		u8 flags, u32 now, bool *live)
{
	u8 buf[256];
	unsigned int len = rec(v, buf, now);

	*live = jetk_ver_view(ses, v->t, k, strlen(k), flags, buf, &len,
			      sizeof(buf));
	return *live ? val_of(v, buf, len) : 0;
}

static s64 commit(struct jetk_session *ses)
{
	s64 id = 0;

	if (jetk_trx_commit(ses, 0, 0, &id))
		return -1;
	return id;
}

static void ver_own_changes_visible_others_not(struct kunit *test)
{
	struct vst *v = vst_init(test);
	struct jetk_session *a = v->ses[0], *b = v->ses[1];
	bool live;

	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0));
	KUNIT_ASSERT_EQ(test, 0, change(v, a, "k", JETK_RCE_REPLACE,
					JETK_BEFORE_LIVE, 1));
	/* The tree holds A's 2 now. */
	KUNIT_EXPECT_EQ(test, view(v, a, "k", 0, 2, &live), 2U);
	KUNIT_EXPECT_TRUE(test, live);
	KUNIT_EXPECT_EQ(test, view(v, b, "k", 0, 2, &live), 1U);
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(b, 0));
	KUNIT_EXPECT_EQ(test, view(v, b, "k", 0, 2, &live), 1U);
}

static void ver_snapshot_hides_later_commits(struct kunit *test)
{
	struct vst *v = vst_init(test);
	struct jetk_session *a = v->ses[0], *b = v->ses[1], *c = v->ses[2];
	bool live;

	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(b, 0));	/* old snapshot */
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0));
	KUNIT_ASSERT_EQ(test, 0, change(v, a, "k", JETK_RCE_REPLACE,
					JETK_BEFORE_LIVE, 1));
	KUNIT_EXPECT_GT(test, commit(a), 0);
	/* B began before A committed: it still sees 1. */
	KUNIT_EXPECT_EQ(test, view(v, b, "k", 0, 2, &live), 1U);
	/* C, outside a transaction, and C's new snapshot see 2. */
	KUNIT_EXPECT_EQ(test, view(v, c, "k", 0, 2, &live), 2U);
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(c, 0));
	KUNIT_EXPECT_EQ(test, view(v, c, "k", 0, 2, &live), 2U);
	/* B's next snapshot sees it too. */
	KUNIT_EXPECT_GT(test, commit(b), 0);
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(b, 0));
	KUNIT_EXPECT_EQ(test, view(v, b, "k", 0, 2, &live), 2U);
}

static void ver_insert_and_delete_visibility(struct kunit *test)
{
	struct vst *v = vst_init(test);
	struct jetk_session *a = v->ses[0], *b = v->ses[1];
	bool live;

	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0));
	KUNIT_ASSERT_EQ(test, 0, change(v, a, "new", JETK_RCE_INSERT,
					JETK_BEFORE_ABSENT, 0));
	view(v, b, "new", 0, 5, &live);
	KUNIT_EXPECT_FALSE(test, live);
	view(v, a, "new", 0, 5, &live);
	KUNIT_EXPECT_TRUE(test, live);
	/* A deletes "old": flagged in the tree, still there for B. */
	KUNIT_ASSERT_EQ(test, 0, change(v, a, "old", JETK_RCE_DELETE,
					JETK_BEFORE_LIVE, 7));
	KUNIT_EXPECT_EQ(test, view(v, b, "old", JETK_ND_DELETED, 7, &live),
			7U);
	KUNIT_EXPECT_TRUE(test, live);
	view(v, a, "old", JETK_ND_DELETED, 7, &live);
	KUNIT_EXPECT_FALSE(test, live);
	/* A flagged node no RCE speaks for is gone for everyone. */
	view(v, b, "gone", JETK_ND_DELETED, 7, &live);
	KUNIT_EXPECT_FALSE(test, live);
}

static void ver_write_conflicts(struct kunit *test)
{
	struct vst *v = vst_init(test);
	struct jetk_session *a = v->ses[0], *b = v->ses[1], *c = v->ses[2];

	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(c, 0));	/* before A */
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0));
	KUNIT_ASSERT_EQ(test, 0, change(v, a, "k", JETK_RCE_REPLACE,
					JETK_BEFORE_LIVE, 1));
	/* Unfinished by another: conflict. */
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(b, 0));
	KUNIT_EXPECT_EQ(test, JETK_ERR_WRITE_CONFLICT,
			change(v, b, "k", JETK_RCE_REPLACE, JETK_BEFORE_LIVE,
			       2));
	/* A's own second change: no conflict. */
	KUNIT_EXPECT_EQ(test, 0, change(v, a, "k", JETK_RCE_DELETE,
					JETK_BEFORE_LIVE, 2));
	KUNIT_EXPECT_GT(test, commit(a), 0);
	/* Committed after C began: still a conflict for C ... */
	KUNIT_EXPECT_EQ(test, JETK_ERR_WRITE_CONFLICT,
			change(v, c, "k", JETK_RCE_INSERT, JETK_BEFORE_ABSENT,
			       0));
	/* ... and for B, which began before the commit too. */
	KUNIT_EXPECT_EQ(test, JETK_ERR_WRITE_CONFLICT,
			change(v, b, "k", JETK_RCE_INSERT, JETK_BEFORE_ABSENT,
			       0));
	KUNIT_EXPECT_GT(test, commit(b), 0);
	/* A transaction begun after the commit may write. */
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(b, 0));
	KUNIT_EXPECT_EQ(test, 0, change(v, b, "k", JETK_RCE_INSERT,
					JETK_BEFORE_DELETED, 2));
	KUNIT_EXPECT_GE(test, atomic64_read(&v->inst->vs.stats.write_conflicts),
			3LL);
}

static void ver_commuting_operations(struct kunit *test)
{
	struct vst *v = vst_init(test);
	struct jetk_session *a = v->ses[0], *b = v->ses[1], *c = v->ses[2];
	struct jetk_rce *r;

	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(b, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(c, 0));
	/* Escrow deltas commute ... */
	KUNIT_ASSERT_EQ(test, 0, jetk_ver_reserve(a, v->t, "e", 1,
						  JETK_RCE_ESCROW, &r));
	jetk_ver_set_escrow(a, r, COLID, 4, 5);
	KUNIT_ASSERT_EQ(test, 0, jetk_ver_reserve(b, v->t, "e", 1,
						  JETK_RCE_ESCROW, &r));
	jetk_ver_set_escrow(b, r, COLID, 4, 7);
	/* ... a replace does not. */
	KUNIT_EXPECT_EQ(test, JETK_ERR_WRITE_CONFLICT,
			change(v, c, "e", JETK_RCE_REPLACE, JETK_BEFORE_LIVE,
			       12));
	/* Read locks share; a write lock conflicts with them. */
	KUNIT_EXPECT_EQ(test, 0, jetk_ver_reserve(a, v->t, "l", 1,
						  JETK_RCE_READ_LOCK, &r));
	KUNIT_EXPECT_EQ(test, 0, jetk_ver_reserve(b, v->t, "l", 1,
						  JETK_RCE_READ_LOCK, &r));
	KUNIT_EXPECT_EQ(test, JETK_ERR_WRITE_CONFLICT,
			jetk_ver_reserve(c, v->t, "l", 1, JETK_RCE_WRITE_LOCK,
					 &r));
	/* Locks go at the commit: then C may lock. */
	KUNIT_EXPECT_GT(test, commit(a), 0);
	KUNIT_EXPECT_GT(test, commit(b), 0);
	KUNIT_EXPECT_EQ(test, 0, jetk_ver_reserve(c, v->t, "l", 1,
						  JETK_RCE_WRITE_LOCK, &r));
}

static void ver_escrow_view_subtracts_invisible_deltas(struct kunit *test)
{
	struct vst *v = vst_init(test);
	struct jetk_session *a = v->ses[0], *b = v->ses[1], *c = v->ses[2];
	struct jetk_rce *r;
	bool live;

	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(c, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(b, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_ver_reserve(a, v->t, "e", 1,
						  JETK_RCE_ESCROW, &r));
	jetk_ver_set_escrow(a, r, COLID, 4, 5);
	KUNIT_ASSERT_EQ(test, 0, jetk_ver_reserve(b, v->t, "e", 1,
						  JETK_RCE_ESCROW, &r));
	jetk_ver_set_escrow(b, r, COLID, 4, 7);
	/* The record holds 100 + 5 + 7. */
	KUNIT_EXPECT_EQ(test, view(v, a, "e", 0, 112, &live), 105U);
	KUNIT_EXPECT_EQ(test, view(v, b, "e", 0, 112, &live), 107U);
	KUNIT_EXPECT_EQ(test, view(v, c, "e", 0, 112, &live), 100U);
	KUNIT_EXPECT_GT(test, commit(a), 0);
	/* B's snapshot is older than A's commit: still 107. */
	KUNIT_EXPECT_EQ(test, view(v, b, "e", 0, 112, &live), 107U);
	KUNIT_EXPECT_GT(test, commit(c), 0);
	/* Outside a transaction: the committed 105. */
	KUNIT_EXPECT_EQ(test, view(v, c, "e", 0, 112, &live), 105U);
}

static void ver_nested_levels(struct kunit *test)
{
	struct vst *v = vst_init(test);
	struct jetk_session *a = v->ses[0], *b = v->ses[1];
	struct jetk_rce *r;
	s64 id;
	int i;

	KUNIT_EXPECT_EQ(test, JETK_ERR_NOT_IN_TRANSACTION,
			jetk_trx_commit(a, 0, 0, &id));
	KUNIT_EXPECT_EQ(test, JETK_ERR_NOT_IN_TRANSACTION,
			jetk_trx_rollback(a, 0));
	for (i = 0; i < JETK_TRX_LEVEL_MAX; i++)
		KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0));
	KUNIT_EXPECT_EQ(test, JETK_ERR_TRANS_TOO_DEEP, jetk_trx_begin(a, 0));
	KUNIT_EXPECT_EQ(test, 0, jetk_trx_rollback(a, 1));
	KUNIT_EXPECT_EQ(test, a->level, 0U);

	/* A lock taken at level 2 goes with level 2's rollback. */
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_ver_reserve(a, v->t, "x", 1,
						  JETK_RCE_WRITE_LOCK, &r));
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_ver_reserve(a, v->t, "y", 1,
						  JETK_RCE_WRITE_LOCK, &r));
	KUNIT_EXPECT_EQ(test, 0, jetk_trx_rollback(a, 0));
	KUNIT_EXPECT_EQ(test, a->level, 1U);
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(b, 0));
	KUNIT_EXPECT_EQ(test, 0, jetk_ver_reserve(b, v->t, "y", 1,
						  JETK_RCE_WRITE_LOCK, &r));
	KUNIT_EXPECT_EQ(test, JETK_ERR_WRITE_CONFLICT,
			jetk_ver_reserve(b, v->t, "x", 1, JETK_RCE_WRITE_LOCK,
					 &r));
	/* A level committed into the one below keeps its RCEs there. */
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0));
	KUNIT_ASSERT_EQ(test, 0, jetk_ver_reserve(a, v->t, "z", 1,
						  JETK_RCE_WRITE_LOCK, &r));
	KUNIT_EXPECT_EQ(test, 0, jetk_trx_commit(a, 0, 0, &id));
	KUNIT_EXPECT_EQ(test, id, 0LL);
	KUNIT_EXPECT_EQ(test, r->level, 1);
	KUNIT_EXPECT_EQ(test, JETK_ERR_WRITE_CONFLICT,
			jetk_ver_reserve(b, v->t, "z", 1, JETK_RCE_WRITE_LOCK,
					 &r));
}

static void ver_read_only_transaction(struct kunit *test)
{
	struct vst *v = vst_init(test);
	struct jetk_session *a = v->ses[0];

	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0x1));
	KUNIT_EXPECT_EQ(test, JETK_ERR_TRANS_READ_ONLY,
			change(v, a, "k", JETK_RCE_REPLACE, JETK_BEFORE_LIVE,
			       1));
}

static void ver_cleanup_keeps_what_snapshots_need(struct kunit *test)
{
	struct vst *v = vst_init(test);
	struct jetk_session *a = v->ses[0], *b = v->ses[1];
	struct jetk_ver_report r;
	bool live;

	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(b, 0));	/* old reader */
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0));
	KUNIT_ASSERT_EQ(test, 0, change(v, a, "k", JETK_RCE_REPLACE,
					JETK_BEFORE_LIVE, 1));
	KUNIT_EXPECT_GT(test, commit(a), 0);
	jetk_ver_cleanup(&v->inst->vs);
	jetk_ver_report(&v->inst->vs, &r);
	KUNIT_EXPECT_EQ(test, r.live, 1ULL);
	KUNIT_EXPECT_EQ(test, r.oldest_procid, b->procid);
	KUNIT_EXPECT_EQ(test, view(v, b, "k", 0, 2, &live), 1U);
	/* The old reader ends: nothing needs the version any more. */
	KUNIT_EXPECT_GT(test, commit(b), 0);
	jetk_ver_cleanup(&v->inst->vs);
	jetk_ver_report(&v->inst->vs, &r);
	KUNIT_EXPECT_EQ(test, r.live, 0ULL);
	KUNIT_EXPECT_EQ(test, r.bytes, 0ULL);
	KUNIT_EXPECT_EQ(test, r.oldest_procid, 0U);
	KUNIT_EXPECT_EQ(test, atomic_read(&v->t->nver), 0);
	KUNIT_EXPECT_GE(test, atomic64_read(&v->inst->vs.stats.freed), 1LL);
}

static void ver_store_limit(struct kunit *test)
{
	struct vst *v = vst_init(test);
	struct jetk_session *a = v->ses[0], *b = v->ses[1];
	struct jetk_ver_report r;
	struct jetk_rce *rce;
	char k[16];
	int i, err = 0;

	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(a, 0));
	for (i = 0; i < 100000 && !err; i++) {
		snprintf(k, sizeof(k), "k%d", i);
		err = jetk_ver_reserve(a, v->t, k, strlen(k),
				       JETK_RCE_READ_LOCK, &rce);
	}
	KUNIT_EXPECT_EQ(test, err, JETK_ERR_VERSION_STORE_OUT_OF_MEMORY);
	jetk_ver_report(&v->inst->vs, &r);
	KUNIT_EXPECT_LE(test, r.bytes, (u64)VS_MAX);
	KUNIT_EXPECT_GT(test, r.bytes, (u64)VS_MAX / 2);
	KUNIT_EXPECT_EQ(test, atomic64_read(&v->inst->vs.stats.full), 1LL);
	/* Another session is refused too, until A lets go. */
	KUNIT_ASSERT_EQ(test, 0, jetk_trx_begin(b, 0));
	KUNIT_EXPECT_EQ(test, JETK_ERR_VERSION_STORE_OUT_OF_MEMORY,
			change(v, b, "other", JETK_RCE_REPLACE,
			       JETK_BEFORE_LIVE, 1));
	KUNIT_EXPECT_EQ(test, 0, jetk_trx_rollback(a, 1));
	KUNIT_EXPECT_EQ(test, 0, change(v, b, "other", JETK_RCE_REPLACE,
					JETK_BEFORE_LIVE, 1));
	jetk_ver_report(&v->inst->vs, &r);
	KUNIT_EXPECT_EQ(test, r.live, 1ULL);
}

static struct kunit_case verstore_cases[] = {
	KUNIT_CASE(ver_own_changes_visible_others_not),
	KUNIT_CASE(ver_snapshot_hides_later_commits),
	KUNIT_CASE(ver_insert_and_delete_visibility),
	KUNIT_CASE(ver_write_conflicts),
	KUNIT_CASE(ver_commuting_operations),
	KUNIT_CASE(ver_escrow_view_subtracts_invisible_deltas),
	KUNIT_CASE(ver_nested_levels),
	KUNIT_CASE(ver_read_only_transaction),
	KUNIT_CASE(ver_cleanup_keeps_what_snapshots_need),
	KUNIT_CASE(ver_store_limit),
	{}
};

static struct kunit_suite verstore_suite = {
	.name = "jetk_verstore",
	.test_cases = verstore_cases,
};

kunit_test_suite(verstore_suite);
