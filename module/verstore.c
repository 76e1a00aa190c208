// SPDX-License-Identifier: GPL-2.0-only
/*
 * The version store (see verstore.h): RCEs, what readers may see, write
 * conflicts, and the cleanup that drops what nobody can see any more.
 */
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "btree.h"
#include "compat.h"
#include "jeterr.h"
#include "jetk.h"
#include "lv.h"
#include "record.h"
#include "table.h"
#include "verstore.h"
#include "wal.h"

static void jetk_ver_kick_fn(struct work_struct *work);

/* RCEs come from this cache; its growth is bounded by each store's @max. */
static struct kmem_cache *jetk_rce_cache;

int jetk_ver_cache_init(void)
{
	jetk_rce_cache = KMEM_CACHE(jetk_rce, SLAB_ACCOUNT);
	return jetk_rce_cache ? 0 : -ENOMEM;
}

void jetk_ver_cache_exit(void)
{
	kmem_cache_destroy(jetk_rce_cache);
}

/**
 * jetk_ver_init() - set up an instance's version store
 * @vs: the store
 * @inst: its instance
 * @max_bytes: the limit of the bytes it may hold
 */
void jetk_ver_init(struct jetk_verstore *vs, struct jetk_instance *inst,
		   u64 max_bytes)
{
	spin_lock_init(&vs->lock);
	mutex_init(&vs->clean_lock);
	vs->counter = 0;
	INIT_LIST_HEAD(&vs->active);
	INIT_LIST_HEAD(&vs->all);
	INIT_LIST_HEAD(&vs->committed);
	hash_init(vs->nodes);
	vs->live = 0;
	vs->bytes = 0;
	vs->peak = 0;
	vs->max = max_bytes;
	vs->inst = inst;
	INIT_DELAYED_WORK(&vs->kick, jetk_ver_kick_fn);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_init);

/**
 * jetk_trx_put() - drop a transaction reference
 * @trx: the transaction
 */
void jetk_trx_put(struct jetk_trx *trx)
{
	if (refcount_dec_and_test(&trx->ref))
		kfree(trx);
}

static void jetk_rce_free(struct jetk_rce *rce)
{
	if (rce->trx)
		jetk_trx_put(rce->trx);
	kfree(rce->added);
	kfree(rce->dropped);
	kfree(rce->ddl_name);
	kvfree(rce->img);
	kmem_cache_free(jetk_rce_cache, rce);
}

/* Unhash and free a node that has no RCE left.  Under vs->lock. */
static void jetk_vnode_maybe_free(struct jetk_vnode *vn)
{
	if (!list_empty(&vn->rces) || vn->pins)
		return;
	hash_del(&vn->hash);
	kfree(vn);
}

/* Take an RCE out of the store.  Under vs->lock. */
static void jetk_rce_unlink(struct jetk_verstore *vs, struct jetk_rce *rce)
{
	lockdep_assert_held(&vs->lock);
	list_del_init(&rce->all);
	list_del_init(&rce->cnode);
	if (rce->vn) {
		list_del_init(&rce->chain);
		jetk_vnode_maybe_free(rce->vn);
	}
	if (rce->t)
		atomic_dec(&rce->t->nver);
	vs->live--;
	vs->bytes -= rce->charge;
}

/**
 * jetk_ver_destroy() - free what is left of a store
 * @vs: the store; no session uses it any more
 *
 * Only RCEs whose database went away without a cleanup can be left.
 */
void jetk_ver_destroy(struct jetk_verstore *vs)
{
	struct jetk_rce *rce, *tmp;

	spin_lock(&vs->lock);
	list_for_each_entry_safe(rce, tmp, &vs->all, all) {
		/* No table is left to count on. */
		rce->t = NULL;
		jetk_rce_unlink(vs, rce);
		jetk_rce_free(rce);
	}
	spin_unlock(&vs->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_destroy);

static u32 jetk_vnode_hash(const struct jetk_table *t, const u8 *key,
			   unsigned int len)
{
	return jhash(key, len, (u32)(unsigned long)t ^ t->objid);
}

static struct jetk_vnode *jetk_vnode_find(struct jetk_verstore *vs,
					  const struct jetk_table *t,
					  const u8 *key, unsigned int len,
					  u32 h)
{
	struct jetk_vnode *vn;

	hash_for_each_possible(vs->nodes, vn, hash, h)
		if (vn->t == t && vn->key_len == len &&
		    !memcmp(vn->key, key, len))
			return vn;
	return NULL;
}

/* ------------------------------------------------------- transactions */

/**
 * jetk_ver_trx_start() - a level-0 begin: a transaction and its snapshot
 * @ses: the session (a call is inside it), at level 0
 * @readonly: JET_bitTransactionReadOnly
 *
 * Return: 0 or JET_errOutOfMemory.  The session is at level 1 after.
 */
int jetk_ver_trx_start(struct jetk_session *ses, bool readonly)
{
	struct jetk_verstore *vs = &ses->inst->vs;
	struct jetk_trx *trx;

	trx = kzalloc(sizeof(*trx), GFP_KERNEL_ACCOUNT);
	if (!trx)
		return JETK_ERR_OUT_OF_MEMORY;
	refcount_set(&trx->ref, 1);
	INIT_LIST_HEAD(&trx->log_node);
	trx->readonly = readonly;
	trx->snap.procid = ses->procid;
	trx->snap.started = jiffies;
	spin_lock(&vs->lock);
	trx->snap.begin0 = ++vs->counter;
	list_add_tail(&trx->snap.node, &vs->active);
	spin_unlock(&vs->lock);
	ses->trx = trx;
	WRITE_ONCE(ses->level, 1);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_trx_start);

/**
 * jetk_ver_trx_commit() - the level-0 commit
 * @ses: the session, its last level committing
 *
 * Stamps the commit time, closes the snapshot and releases the locks.
 * The RCEs leave the session's list in the same critical section: from
 * its end on, they belong to the store and the cleanup may free them.
 *
 * Return: the commit time.
 */
u64 jetk_ver_trx_commit(struct jetk_session *ses)
{
	struct jetk_verstore *vs = &ses->inst->vs;
	struct jetk_trx *trx = ses->trx;
	struct jetk_rce *rce, *tmp;
	LIST_HEAD(done);
	LIST_HEAD(mine);
	u64 commit0;
	int err;

	spin_lock(&vs->lock);
	commit0 = ++vs->counter;
	trx->commit0 = commit0;
	list_del(&trx->snap.node);
	list_for_each_entry_safe(rce, tmp, &ses->rces, ses_node) {
		list_del_init(&rce->ses_node);
		if (rce->op == JETK_RCE_READ_LOCK ||
		    rce->op == JETK_RCE_WRITE_LOCK ||
		    rce->op == JETK_RCE_DELETE_TABLE) {
			jetk_rce_unlink(vs, rce);
			list_add_tail(&rce->all, &done);
		} else {
			/* The session's list is newest first: keep them in
			 * that order behind the commits before this one.
			 */
			list_add(&rce->cnode, &mine);
		}
	}
	list_splice_tail(&mine, &vs->committed);
	spin_unlock(&vs->lock);
	/* Locks are released; tables the transaction deleted go now. */
	list_for_each_entry_safe(rce, tmp, &done, all) {
		if (rce->op == JETK_RCE_DELETE_TABLE) {
			err = jetk_table_delete(rce->ddl_db, rce->ddl_name);
			if (err) {
				pr_warn_ratelimited("jetk: instance %llu: table %s stays: its deletion failed at the commit (%d)\n",
						    vs->inst->handle,
						    rce->ddl_name, err);
				jetk_table_delete_unmark(rce->t);
			}
		}
		jetk_rce_free(rce);
	}
	WRITE_ONCE(ses->level, 0);
	ses->trx = NULL;
	jetk_trx_put(trx);
	atomic64_inc(&vs->stats.commits);
	jetk_ver_kick(vs);
	return commit0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_trx_commit);

/**
 * jetk_ver_trx_abort() - the level-0 rollback is done: close the snapshot
 * @ses: the session, its RCEs all undone and gone
 */
void jetk_ver_trx_abort(struct jetk_session *ses)
{
	struct jetk_verstore *vs = &ses->inst->vs;

	spin_lock(&vs->lock);
	list_del(&ses->trx->snap.node);
	spin_unlock(&vs->lock);
	jetk_trx_put(ses->trx);
	ses->trx = NULL;
	atomic64_inc(&vs->stats.rollbacks);
	jetk_ver_kick(vs);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_trx_abort);

/* ------------------------------------------------------------ snapshots */

/* The oldest snapshot's begin0, or U64_MAX.  Under vs->lock. */
static u64 jetk_ver_oldest(struct jetk_verstore *vs)
{
	struct jetk_snap *s = list_first_entry_or_null(&vs->active,
						       struct jetk_snap, node);

	return s ? s->begin0 : U64_MAX;
}

/**
 * jetk_ver_call_snap() - a call outside any transaction starts reading
 * @ses: the session (a call is inside it)
 *
 * What the call reads stays until the call ends: the cleanup will not
 * release a long value or a node the call may be looking at.
 */
void jetk_ver_call_snap(struct jetk_session *ses)
{
	struct jetk_verstore *vs = &ses->inst->vs;

	if (ses->level || ses->call_snapped)
		return;
	spin_lock(&vs->lock);
	/* Past every commit so far: what they let go of may go now. */
	ses->call_snap.begin0 = vs->counter + 1;
	ses->call_snap.procid = ses->procid;
	ses->call_snap.started = jiffies;
	list_add_tail(&ses->call_snap.node, &vs->active);
	spin_unlock(&vs->lock);
	ses->call_snapped = true;
}

/**
 * jetk_ver_call_unsnap() - the call's reading is over
 * @ses: the session
 */
void jetk_ver_call_unsnap(struct jetk_session *ses)
{
	struct jetk_verstore *vs = &ses->inst->vs;

	if (!ses->call_snapped)
		return;
	spin_lock(&vs->lock);
	list_del(&ses->call_snap.node);
	spin_unlock(&vs->lock);
	ses->call_snapped = false;
}

/* ------------------------------------------------------------- readers */

/**
 * jetk_ver_seq() - read before a tree lookup whose node is then viewed
 * @t: the table
 *
 * Return: the table's undo sequence, for jetk_ver_seq_changed().
 */
unsigned int jetk_ver_seq(struct jetk_table *t)
{
	unsigned int esc, seq;

	/*
	 * An escrow update in progress has published a delta its record
	 * may not hold yet: wait until it is done (it holds escrow_lock).
	 */
	while ((esc = atomic_read(&t->escrow_seq)) & 1) {
		mutex_lock(&t->escrow_lock);
		mutex_unlock(&t->escrow_lock);
	}
	seq = atomic_read(&t->undo_seq) + esc;
	smp_rmb();	/* the sequence before the tree */
	return seq;
}

/**
 * jetk_ver_seq_changed() - did a rollback or an escrow update change a
 *	node meanwhile?
 * @t: the table
 * @seq: jetk_ver_seq() before the lookup
 *
 * Return: true when the lookup must be made again.
 */
bool jetk_ver_seq_changed(struct jetk_table *t, unsigned int seq)
{
	smp_rmb();	/* the tree and the store before the sequence */
	return atomic_read(&t->undo_seq) + atomic_read(&t->escrow_seq) != seq;
}

/**
 * jetk_ver_apply_escrow() - add @delta to a fixed escrow column, in place
 * @t: the table (schema held steady by the caller)
 * @rec: the record
 * @len: its length
 * @columnid: the column
 * @width: its size, 4 or 8
 * @delta: what to add
 *
 * A column whose value is not stored in the record is left alone.
 */
void jetk_ver_apply_escrow(struct jetk_table *t, u8 *rec, unsigned int len,
			   u32 columnid, u8 width, s64 delta)
{
	struct jetk_rec_schema s;
	struct jetk_rec_view v;
	struct jetk_rec_value val;
	u8 *p;

	jetk_table_schema(t, &s);
	if (jetk_rec_parse(&s, rec, len, &v) ||
	    jetk_rec_get(&s, &v, columnid, 1, &val))
		return;
	if (val.flags || val.len != width || val.data < rec ||
	    val.data + width > rec + len)
		return;
	p = rec + (val.data - rec);
	if (width == 4)
		put_unaligned_le32(get_unaligned_le32(p) + (u32)delta, p);
	else
		put_unaligned_le64(get_unaligned_le64(p) + (u64)delta, p);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_apply_escrow);

static bool jetk_rce_changes_node(const struct jetk_rce *rce)
{
	return rce->op == JETK_RCE_INSERT || rce->op == JETK_RCE_REPLACE ||
	       rce->op == JETK_RCE_DELETE;
}

/**
 * jetk_ver_view() - a node as a session may see it
 * @ses: the reading session (a call is inside it)
 * @t: the table (its schema held by the caller)
 * @key: the node's key
 * @key_len: its length
 * @node_flags: the node's flags in the tree (JETK_ND_DELETED)
 * @data: in: the node's data; out: the data the session sees
 * @len: in: its length; out: the length seen
 * @max: room at @data
 *
 * Changes the session may not see are undone on the copy: newest first,
 * each RCE the reader may not see puts back what the node was before it
 * (an escrow delta is subtracted).  A change the reader sees ends the
 * walk: what is older it sees too (the write-conflict rule orders them).
 *
 * Return: 1 when the session sees a record, 0 when it sees none.
 */
int jetk_ver_view(struct jetk_session *ses, struct jetk_table *t,
		  const u8 *key, unsigned int key_len, u8 node_flags,
		  u8 *data, unsigned int *len, unsigned int max)
{
	struct jetk_verstore *vs = &ses->inst->vs;
	struct jetk_trx *own = ses->trx;
	u64 begin0 = ses->level && own ? own->snap.begin0 : U64_MAX;
	bool live = !(node_flags & JETK_ND_DELETED);
	struct jetk_vnode *vn;
	struct jetk_rce *rce;
	u32 h;

	if (!atomic_read(&t->nver))
		return live;
	h = jetk_vnode_hash(t, key, key_len);
	spin_lock(&vs->lock);
	vn = jetk_vnode_find(vs, t, key, key_len, h);
	if (!vn)
		goto out;
	list_for_each_entry(rce, &vn->rces, chain) {
		u64 c0 = rce->trx->commit0;

		if (rce->pending || rce->trx == own)
			continue;
		if (c0 && c0 < begin0) {
			if (jetk_rce_changes_node(rce))
				break;
			continue;
		}
		switch (rce->op) {
		case JETK_RCE_ESCROW:
			if (live)
				jetk_ver_apply_escrow(t, data, *len,
						      rce->columnid,
						      rce->width, -rce->delta);
			break;
		case JETK_RCE_INSERT:
		case JETK_RCE_REPLACE:
		case JETK_RCE_DELETE:
			live = rce->before == JETK_BEFORE_LIVE;
			if (rce->img && rce->img_len <= max) {
				memcpy(data, rce->img, rce->img_len);
				*len = rce->img_len;
			} else if (live) {
				live = false;	/* cannot happen: images fit */
			}
			break;
		default:
			break;
		}
	}
out:
	spin_unlock(&vs->lock);
	return live;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_view);

/* ------------------------------------------------------------- writers */

static bool jetk_rce_commutes(enum jetk_rce_op a, enum jetk_rce_op b)
{
	return a == b && (a == JETK_RCE_ESCROW || a == JETK_RCE_READ_LOCK);
}

/*
 * May @trx put an @op on @vn?  Not when another transaction has a change
 * there that is unfinished or, for @trx's snapshot, too recent, unless
 * both are of a commuting kind (escrow deltas, read locks).
 */
static bool jetk_ver_conflicts(struct jetk_vnode *vn, struct jetk_trx *trx,
			       enum jetk_rce_op op)
{
	struct jetk_rce *rce;

	list_for_each_entry(rce, &vn->rces, chain) {
		u64 c0 = rce->trx->commit0;

		if (rce->trx == trx)
			continue;
		if (c0 && c0 < trx->snap.begin0)
			continue;
		if (c0 && (rce->op == JETK_RCE_READ_LOCK ||
			   rce->op == JETK_RCE_WRITE_LOCK))
			continue;
		if (!jetk_rce_commutes(op, rce->op))
			return true;
	}
	return false;
}

static void jetk_ver_report_full(struct jetk_verstore *vs)
{
	struct jetk_ver_report r;

	atomic64_inc(&vs->stats.full);
	jetk_ver_report(vs, &r);
	pr_warn_ratelimited("jetk: instance %llu: version store full (%llu of %llu bytes, %llu versions); the oldest transaction is session %u's, open %llu ms\n",
			    vs->inst->handle, r.bytes, r.max, r.live,
			    r.oldest_procid, r.oldest_age_ms);
}

/* Room for @charge more bytes?  Under vs->lock. */
static bool jetk_ver_room(struct jetk_verstore *vs, u64 charge)
{
	return vs->bytes + charge <= vs->max;
}

/* Count @charge bytes in.  Under vs->lock. */
static void jetk_ver_charge(struct jetk_verstore *vs, u64 charge)
{
	vs->bytes += charge;
	if (vs->bytes > vs->peak)
		vs->peak = vs->bytes;
}

/**
 * jetk_ver_reserve() - claim a node for a change of the session's
 *	transaction
 * @ses: the session, in a transaction (explicit or implicit)
 * @t: the table
 * @key: the node's key
 * @key_len: its length
 * @op: what the change is
 * @out: the RCE, linked; for INSERT, REPLACE, DELETE and ESCROW it stays
 *	pending (readers pass it over) until jetk_ver_publish() or
 *	jetk_ver_set_escrow()
 *
 * From here on, other transactions that want the node conflict.
 *
 * Return: 0, JET_errWriteConflict, JET_errTransReadOnly,
 * JET_errVersionStoreOutOfMemory or JET_errOutOfMemory.
 */
int jetk_ver_reserve(struct jetk_session *ses, struct jetk_table *t,
		     const u8 *key, unsigned int key_len, enum jetk_rce_op op,
		     struct jetk_rce **out)
{
	struct jetk_verstore *vs = &ses->inst->vs;
	struct jetk_trx *trx = ses->trx;
	struct jetk_vnode *vn, *fresh;
	struct jetk_rce *rce;
	bool cleaned = false;
	u64 charge;
	u32 h;

	*out = NULL;
	if (WARN_ON_ONCE(!trx || !ses->level))
		return JETK_ERR_NOT_IN_TRANSACTION;
	if (trx->readonly)
		return JETK_ERR_TRANS_READ_ONLY;
	if (key_len > U16_MAX)
		return JETK_ERR_INVALID_PARAMETER;
	rce = kmem_cache_zalloc(jetk_rce_cache, GFP_KERNEL_ACCOUNT);
	fresh = kmalloc(struct_size(fresh, key, key_len), GFP_KERNEL_ACCOUNT);
	if (!rce || !fresh) {
		kfree(fresh);
		if (rce)
			kmem_cache_free(jetk_rce_cache, rce);
		return JETK_ERR_OUT_OF_MEMORY;
	}
	INIT_LIST_HEAD(&fresh->rces);
	fresh->t = t;
	fresh->pins = 0;
	fresh->key_len = key_len;
	memcpy(fresh->key, key, key_len);
	charge = sizeof(*rce) + struct_size(fresh, key, key_len);
	h = jetk_vnode_hash(t, key, key_len);

	spin_lock(&vs->lock);
	while (!jetk_ver_room(vs, charge)) {
		spin_unlock(&vs->lock);
		if (cleaned) {
			jetk_ver_report_full(vs);
			kfree(fresh);
			kmem_cache_free(jetk_rce_cache, rce);
			return JETK_ERR_VERSION_STORE_OUT_OF_MEMORY;
		}
		jetk_ver_cleanup(vs);
		cleaned = true;
		spin_lock(&vs->lock);
	}
	vn = jetk_vnode_find(vs, t, key, key_len, h);
	if (vn && jetk_ver_conflicts(vn, trx, op)) {
		spin_unlock(&vs->lock);
		atomic64_inc(&vs->stats.write_conflicts);
		kfree(fresh);
		kmem_cache_free(jetk_rce_cache, rce);
		return JETK_ERR_WRITE_CONFLICT;
	}
	if (!vn) {
		vn = fresh;
		fresh = NULL;
		hash_add(vs->nodes, &vn->hash, h);
	}
	refcount_inc(&trx->ref);
	INIT_LIST_HEAD(&rce->cnode);
	INIT_LIST_HEAD(&rce->log_node);
	rce->trx = trx;
	rce->vn = vn;
	rce->t = t;
	rce->op = op;
	rce->before = JETK_BEFORE_SAME;
	rce->level = ses->level;
	rce->pending = jetk_rce_changes_node(rce) || op == JETK_RCE_ESCROW;
	rce->charge = charge;
	list_add(&rce->chain, &vn->rces);
	list_add_tail(&rce->all, &vs->all);
	atomic_inc(&t->nver);
	vs->live++;
	jetk_ver_charge(vs, charge);
	spin_unlock(&vs->lock);

	kfree(fresh);
	list_add(&rce->ses_node, &ses->rces);
	*out = rce;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_reserve);

/**
 * jetk_ver_publish() - attach what the node was; readers use the RCE now
 * @ses: the session owning @rce
 * @rce: a pending RCE of the session's
 * @before: the node's state before the change
 * @img: its data (LIVE, DELETED), or NULL
 * @img_len: its length
 *
 * A flag-deleted node that no other RCE speaks for is a deletion that
 * every snapshot sees: to its RCE the node was simply absent.
 *
 * Return: 0 or JET_errOutOfMemory (the RCE stays pending: the caller
 * cancels it).
 */
int jetk_ver_publish(struct jetk_session *ses, struct jetk_rce *rce,
		     enum jetk_rce_before before, const u8 *img, u32 img_len)
{
	struct jetk_verstore *vs = &ses->inst->vs;
	u8 *copy = NULL;

	if (before == JETK_BEFORE_LIVE || before == JETK_BEFORE_DELETED) {
		copy = kvmalloc(img_len ? img_len : 1, GFP_KERNEL_ACCOUNT);
		if (!copy)
			return JETK_ERR_OUT_OF_MEMORY;
		memcpy(copy, img, img_len);
	}
	spin_lock(&vs->lock);
	rce->img = copy;
	rce->img_len = copy ? img_len : 0;
	rce->before = before;
	if (before == JETK_BEFORE_DELETED &&
	    list_is_last(&rce->chain, &rce->vn->rces)) {
		/* Nobody sees the deleted node: to us it was absent. */
		rce->before = JETK_BEFORE_ABSENT;
	}
	rce->charge += rce->img_len;
	jetk_ver_charge(vs, rce->img_len);
	rce->pending = false;
	spin_unlock(&vs->lock);
	jetk_wal_note(ses, rce);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_publish);

/**
 * jetk_ver_set_lids() - the long values a change took and let go of
 * @rce: the RCE (the caller's)
 * @added: kmalloc'ed LIDs a rollback lets go of; taken over
 * @nadded: how many
 * @dropped: kmalloc'ed LIDs the cleanup lets go of; taken over
 * @ndropped: how many
 */
void jetk_ver_set_lids(struct jetk_rce *rce, u32 *added, unsigned int nadded,
		       u32 *dropped, unsigned int ndropped)
{
	rce->added = added;
	rce->nadded = nadded;
	rce->dropped = dropped;
	rce->ndropped = ndropped;
}

/**
 * jetk_ver_set_escrow() - the delta an escrow RCE stands for
 * @ses: the session owning @rce
 * @rce: the RCE, pending
 * @columnid: the column
 * @width: its size
 * @delta: the value added
 *
 * Published at once: the caller changes the record after this.
 */
void jetk_ver_set_escrow(struct jetk_session *ses, struct jetk_rce *rce,
			 u32 columnid, u8 width, s64 delta)
{
	struct jetk_verstore *vs = &ses->inst->vs;

	spin_lock(&vs->lock);
	rce->columnid = columnid;
	rce->width = width;
	rce->delta = delta;
	rce->pending = false;
	spin_unlock(&vs->lock);
	jetk_wal_note(ses, rce);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_set_escrow);

/**
 * jetk_ver_cancel() - take back an RCE whose change was not made
 * @ses: the session owning it
 * @rce: the RCE
 */
void jetk_ver_cancel(struct jetk_session *ses, struct jetk_rce *rce)
{
	struct jetk_verstore *vs = &ses->inst->vs;

	list_del(&rce->ses_node);
	list_del_init(&rce->log_node);
	spin_lock(&vs->lock);
	jetk_rce_unlink(vs, rce);
	spin_unlock(&vs->lock);
	jetk_rce_free(rce);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_cancel);

/**
 * jetk_ver_ddl() - record a schema change of the session's transaction
 * @ses: the session, in a transaction
 * @db: the database
 * @t: ADD_COLUMN, DELETE_TABLE: the table, which cannot be deleted
 *	while the change is open (jetk_ver_table_busy()); CREATE_TABLE: NULL
 * @name: the table's name (CREATE_TABLE, DELETE_TABLE) or the column's
 *	(ADD_COLUMN)
 * @op: JETK_RCE_CREATE_TABLE, JETK_RCE_ADD_COLUMN or
 *	JETK_RCE_DELETE_TABLE
 *
 * Return: 0 or JET_errOutOfMemory.
 */
int jetk_ver_ddl(struct jetk_session *ses, struct jetk_db *db,
		 struct jetk_table *t, const char *name, enum jetk_rce_op op)
{
	struct jetk_verstore *vs = &ses->inst->vs;
	struct jetk_rce *rce;

	rce = kmem_cache_zalloc(jetk_rce_cache, GFP_KERNEL_ACCOUNT);
	if (!rce)
		return JETK_ERR_OUT_OF_MEMORY;
	rce->ddl_name = kstrdup(name, GFP_KERNEL_ACCOUNT);
	if (!rce->ddl_name) {
		kmem_cache_free(jetk_rce_cache, rce);
		return JETK_ERR_OUT_OF_MEMORY;
	}
	refcount_inc(&ses->trx->ref);
	rce->trx = ses->trx;
	rce->op = op;
	rce->level = ses->level;
	rce->charge = sizeof(*rce);
	rce->ddl_db = db;
	rce->t = t;
	INIT_LIST_HEAD(&rce->chain);
	INIT_LIST_HEAD(&rce->cnode);
	INIT_LIST_HEAD(&rce->log_node);
	spin_lock(&vs->lock);
	list_add_tail(&rce->all, &vs->all);
	if (t)
		atomic_inc(&t->nver);
	vs->live++;
	jetk_ver_charge(vs, rce->charge);
	spin_unlock(&vs->lock);
	list_add(&rce->ses_node, &ses->rces);
	jetk_wal_note(ses, rce);
	return 0;
}

/**
 * jetk_ver_table_busy() - does a transaction still running hold versions
 *	of a table?
 * @vs: the store
 * @t: the table
 *
 * Return: true when some RCE of @t is not committed.
 */
bool jetk_ver_table_busy(struct jetk_verstore *vs, struct jetk_table *t)
{
	struct jetk_rce *rce;
	bool busy = false;

	if (!atomic_read(&t->nver))
		return false;
	spin_lock(&vs->lock);
	list_for_each_entry(rce, &vs->all, all) {
		if (rce->t == t && !rce->trx->commit0) {
			busy = true;
			break;
		}
	}
	spin_unlock(&vs->lock);
	return busy;
}

/**
 * jetk_ver_drop_table() - forget the versions of a table being deleted
 * @vs: the store
 * @t: the table: no transaction running has versions of it
 *	(jetk_ver_table_busy() said so)
 *
 * Its tree is going away: what the RCEs deferred is not done.  Waits for
 * a cleanup pass in progress.
 */
void jetk_ver_drop_table(struct jetk_verstore *vs, struct jetk_table *t)
{
	struct jetk_rce *rce, *tmp;
	LIST_HEAD(dead);

	mutex_lock(&vs->clean_lock);
	spin_lock(&vs->lock);
	list_for_each_entry_safe(rce, tmp, &vs->all, all) {
		if (rce->t != t)
			continue;
		jetk_rce_unlink(vs, rce);
		list_add(&rce->all, &dead);
	}
	spin_unlock(&vs->lock);
	mutex_unlock(&vs->clean_lock);
	list_for_each_entry_safe(rce, tmp, &dead, all)
		jetk_rce_free(rce);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_drop_table);

static struct jetk_db *jetk_rce_db(const struct jetk_rce *rce)
{
	return rce->t ? rce->t->db : rce->ddl_db;
}

static void jetk_ver_retire(struct jetk_verstore *vs, struct jetk_rce *rce,
			    bool finish);

/**
 * jetk_ver_release_db() - a database is detached: its versions go
 * @vs: the store
 * @db: the database, open in no session
 * @force: drop the versions of transactions still running too
 *
 * No session can read the database any more, so the work the versions
 * deferred (removing deleted records, releasing long values) is done
 * now, whatever snapshots remain open.
 *
 * Return: 0, or -EBUSY (nothing done) when a running transaction has
 * changes in it and !@force.
 */
int jetk_ver_release_db(struct jetk_verstore *vs, struct jetk_db *db,
			bool force)
{
	struct jetk_rce *rce, *tmp;
	LIST_HEAD(dead);

	mutex_lock(&vs->clean_lock);
	spin_lock(&vs->lock);
	list_for_each_entry(rce, &vs->all, all) {
		if (!force && jetk_rce_db(rce) == db && !rce->trx->commit0) {
			spin_unlock(&vs->lock);
			mutex_unlock(&vs->clean_lock);
			return -EBUSY;
		}
	}
	list_for_each_entry_safe(rce, tmp, &vs->all, all) {
		if (jetk_rce_db(rce) != db)
			continue;
		if (rce->vn)
			rce->vn->pins++;
		jetk_rce_unlink(vs, rce);
		list_add_tail(&rce->all, &dead);
	}
	spin_unlock(&vs->lock);
	list_for_each_entry_safe(rce, tmp, &dead, all) {
		list_del(&rce->all);
		jetk_ver_retire(vs, rce, rce->t && rce->trx->commit0);
	}
	mutex_unlock(&vs->clean_lock);
	return 0;
}

/* ------------------------------------------------------------- cleanup */

#define JETK_VER_CLEAN_BATCH	256

/*
 * May the node of a cleaned delete go?  Only when no RCE is left on it:
 * a newer delete (after a re-insert) flags it for a snapshot that still
 * needs to see it.  Asked under the tree's lock, which every change of
 * the node takes after linking its RCE.
 */
static bool jetk_ver_node_unversioned(void *arg)
{
	struct jetk_rce *rce = arg;
	struct jetk_verstore *vs = rce->vs;
	bool empty;

	spin_lock(&vs->lock);
	empty = list_empty(&rce->vn->rces);
	spin_unlock(&vs->lock);
	return empty;
}

/* Work a cleaned RCE leaves: expunge a deleted node, release values. */
static void jetk_ver_finish(struct jetk_verstore *vs, struct jetk_rce *rce)
{
	struct jetk_table *t = rce->t;
	unsigned int i;
	int ret;

	if (rce->op == JETK_RCE_DELETE) {
		rce->vs = vs;
		ret = jetk_bt_expunge(&t->bt, rce->vn->key, rce->vn->key_len,
				      jetk_ver_node_unversioned, rce);
		if (ret && ret != -EBUSY && ret != -ENOENT)
			pr_warn_ratelimited("jetk: table %u: a deleted record stays flagged (%d)\n",
					    t->objid, ret);
	}
	for (i = 0; i < rce->ndropped; i++)
		if (jetk_lv_deref(t, rce->dropped[i]))
			pr_warn_ratelimited("jetk: table %u: long value %u left referenced\n",
					    t->objid, rce->dropped[i]);
}

/*
 * An RCE taken off the store's lists (its node pinned): do what its
 * change deferred when @finish, unpin the node, let the RCE go.
 */
static void jetk_ver_retire(struct jetk_verstore *vs, struct jetk_rce *rce,
			    bool finish)
{
	if (finish)
		jetk_ver_finish(vs, rce);
	if (rce->vn) {
		spin_lock(&vs->lock);
		rce->vn->pins--;
		jetk_vnode_maybe_free(rce->vn);
		spin_unlock(&vs->lock);
	}
	jetk_rce_free(rce);
}

/**
 * jetk_ver_cleanup() - one cleanup pass: drop every RCE no snapshot needs
 * @vs: the store
 *
 * An RCE is needed while its transaction runs, and after its commit
 * while a snapshot older than the commit is open.  Dropping one finishes
 * what its change deferred.  Takes no lock a call may hold while waiting
 * for it.
 */
void jetk_ver_cleanup(struct jetk_verstore *vs)
{
	struct jetk_rce *rce, *tmp;
	unsigned int n;
	u64 oldest;
	LIST_HEAD(batch);

	mutex_lock(&vs->clean_lock);
	atomic64_inc(&vs->stats.cleanup_runs);
	do {
		n = 0;
		spin_lock(&vs->lock);
		oldest = jetk_ver_oldest(vs);
		list_for_each_entry_safe(rce, tmp, &vs->committed, cnode) {
			/* In commit order: the first one still needed ends it. */
			if (rce->trx->commit0 >= oldest)
				break;
			list_del_init(&rce->cnode);
			list_del_init(&rce->all);
			if (rce->vn) {
				list_del_init(&rce->chain);
				rce->vn->pins++;
			}
			if (rce->t)
				atomic_dec(&rce->t->nver);
			vs->live--;
			vs->bytes -= rce->charge;
			list_add_tail(&rce->all, &batch);
			if (++n == JETK_VER_CLEAN_BATCH)
				break;
		}
		spin_unlock(&vs->lock);

		list_for_each_entry_safe(rce, tmp, &batch, all) {
			list_del(&rce->all);
			atomic64_inc(&vs->stats.freed);
			atomic64_add(rce->charge, &vs->stats.bytes_freed);
			jetk_ver_retire(vs, rce, rce->t);
		}
	} while (n == JETK_VER_CLEAN_BATCH);
	mutex_unlock(&vs->clean_lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_cleanup);

/* The store's own cleanup work: commits and rollbacks queue it. */
static void jetk_ver_kick_fn(struct work_struct *work)
{
	struct jetk_verstore *vs = container_of(to_delayed_work(work),
						struct jetk_verstore, kick);

	atomic64_inc(&vs->inst->stats.ver_cleanup_runs);
	jetk_wal_op_lock(vs->inst);
	jetk_ver_cleanup(vs);
	jetk_wal_op_unlock(vs->inst);
}

/**
 * jetk_ver_kick() - have the cleanup run soon
 * @vs: the store
 *
 * After JETK_VER_KICK_DELAY_MS: the commits meanwhile share one pass.
 */
void jetk_ver_kick(struct jetk_verstore *vs)
{
	struct jetk_instance *inst = vs->inst;

	if (inst && READ_ONCE(inst->state) == JETK_INST_RUNNING)
		queue_delayed_work(jetk_wq, &vs->kick,
				   msecs_to_jiffies(JETK_VER_KICK_DELAY_MS));
}

/**
 * jetk_ver_stop() - no more queued cleanup: the instance is going away
 * @vs: the store; nothing can queue the work any more
 */
void jetk_ver_stop(struct jetk_verstore *vs)
{
	cancel_delayed_work_sync(&vs->kick);
}

/**
 * jetk_ver_report() - the store's state
 * @vs: the store
 * @r: out
 */
void jetk_ver_report(struct jetk_verstore *vs, struct jetk_ver_report *r)
{
	struct jetk_snap *s;

	spin_lock(&vs->lock);
	r->live = vs->live;
	r->bytes = vs->bytes;
	r->peak = vs->peak;
	r->max = vs->max;
	s = list_first_entry_or_null(&vs->active, struct jetk_snap, node);
	r->oldest_procid = s ? s->procid : 0;
	r->oldest_age_ms = s ? jiffies_to_msecs(jiffies - s->started) : 0;
	spin_unlock(&vs->lock);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ver_report);
