// SPDX-License-Identifier: GPL-2.0-only
/*
 * Online defragmentation: JetDefragment(2,3) and the per-database work
 * item (see defrag.h).
 *
 * The walk of one pass: every user table in catalog order (system tables,
 * whose trees the database keeps open itself, are left alone), within a
 * table its record tree, its long-value tree, then the owned- and
 * available-extent trees of both; last the database root's space trees.
 * In each tree one step works on one leaf: it merges the leaf with its
 * right neighbour (fully, freeing a page, or partially, moving nodes
 * left), or moves on.  JET_bitDefragmentAvailSpaceTreesOnly walks the
 * available-extent trees only; JET_bitDefragmentNoPartialMerges does
 * full merges only.  Tables whose space jetk cannot manage (ESE's
 * single-extent space on a read-only attach) are skipped.
 */
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "catalog.h"
#include "compat.h"
#include "database.h"
#include "defrag.h"
#include "jetk.h"
#include "record.h"
#include "space.h"
#include "table.h"
#include "wal.h"

/* Trees of a table, in walk order. */
enum {
	JETK_DEFRAG_T_RECORDS,
	JETK_DEFRAG_T_LV,
	JETK_DEFRAG_T_OE,
	JETK_DEFRAG_T_AE,
	JETK_DEFRAG_T_LV_OE,
	JETK_DEFRAG_T_LV_AE,
	JETK_DEFRAG_TREES,
};

/* The walk's table after the last one: the database's own space trees. */
#define JETK_DEFRAG_DB_TREES	U32_MAX

#define JETK_DEFRAG_VALID_START	(JETK_DEFRAG_BATCH_START | \
				 JETK_DEFRAG_SPACE_TREES_ONLY | \
				 JETK_DEFRAG_NO_PARTIAL_MERGES)

/* A catalog row's name, as a C string. */
static int jetk_defrag_row_name(struct jetk_db *db, const u8 *row,
				unsigned int len, char *name)
{
	struct jetk_rec_schema s;
	struct jetk_rec_value val;
	struct jetk_rec_view v;
	int ret;

	jetk_cat_schema(&s, db->page_size);
	ret = jetk_rec_parse(&s, row, len, &v);
	if (!ret)
		ret = jetk_rec_get(&s, &v, JETK_CATCOL_NAME, 1, &val);
	if (ret)
		return ret;
	if ((val.flags & JETK_RECV_NULL) || !val.len ||
	    val.len > JETK_NAME_MOST || memchr(val.data, 0, val.len))
		return -EUCLEAN;
	memcpy(name, val.data, val.len);
	name[val.len] = 0;
	return 0;
}

/* The next user table after df->objid in the catalog, or -ENOENT. */
static int jetk_defrag_next_table(struct jetk_defrag *df)
{
	struct jetk_db *db = &df->d->db;
	u8 key[JETK_CAT_KEY_LEN];
	struct jetk_bt_rec *rec;
	u32 objid = df->objid + 1;
	u16 type;
	int ret;

	rec = kmalloc(sizeof(*rec), GFP_KERNEL);
	if (!rec)
		return -ENOMEM;
	rec->data = kmalloc(db->page_size, GFP_KERNEL);
	rec->data_max = db->page_size;
	if (!rec->data) {
		kfree(rec);
		return -ENOMEM;
	}
	for (;;) {
		jetk_cat_key(objid, 0, 0, key);
		ret = jetk_bt_seek(&db->bt_cat, key, sizeof(key), JETK_BT_GE,
				   rec);
		if (ret)
			break;
		if (rec->key_len != JETK_CAT_KEY_LEN ||
		    rec->data_len > db->page_size) {
			ret = -EUCLEAN;
			break;
		}
		objid = get_unaligned_be32(rec->key + 1) ^ 0x80000000U;
		type = get_unaligned_be16(rec->key + 6) ^ 0x8000U;
		if (type == JETK_CAT_TABLE &&
		    !jetk_defrag_row_name(db, rec->data, rec->data_len,
					  df->name) &&
		    strncasecmp(df->name, "MSys", 4)) {
			df->objid = objid;
			break;
		}
		if (objid >= JETK_DEFRAG_DB_TREES - 1) {
			ret = -ENOENT;
			break;
		}
		objid++;
	}
	kfree(rec->data);
	kfree(rec);
	return ret;
}

/* Record what one merge step did; -ENOENT: that tree's walk is done. */
static int jetk_defrag_moved(struct jetk_defrag *df, int ret,
			     enum jetk_bt_merged what, unsigned int next_len)
{
	struct jetk_inst_stats *st = &df->inst->stats;

	if (ret == -ENOENT) {
		df->tree++;
		df->key_len = 0;
		return 0;
	}
	if (ret)
		return jetk_table_err(ret);
	/* next_len is bounded by JETK_BT_KEY_MAX: a node's key. */
	df->key_len = next_len;
	switch (what) {
	case JETK_BT_MERGED_FULL:
		atomic64_inc(&st->defrag_pages_merged);
		atomic64_inc(&st->defrag_pages_freed);
		df->changed = true;
		break;
	case JETK_BT_MERGED_PARTIAL:
		atomic64_inc(&st->defrag_pages_moved);
		df->changed = true;
		break;
	default:
		break;
	}
	return 0;
}

/* Whether the walk passes tree @tree of a table (with an LV tree or not). */
static bool jetk_defrag_skip(const struct jetk_defrag *df, unsigned int tree,
			     bool has_lv)
{
	bool lv = tree == JETK_DEFRAG_T_LV || tree == JETK_DEFRAG_T_LV_OE ||
		  tree == JETK_DEFRAG_T_LV_AE;

	if (lv && !has_lv)
		return true;
	return (df->grbit & JETK_DEFRAG_SPACE_TREES_ONLY) &&
	       tree != JETK_DEFRAG_T_AE && tree != JETK_DEFRAG_T_LV_AE;
}

/* One step in table df->objid, which the caller has open. */
static int jetk_defrag_table_step(struct jetk_defrag *df,
				  struct jetk_table *t, unsigned int flags)
{
	enum jetk_bt_merged what = JETK_BT_MERGED_NONE;
	u8 *next = kmalloc(JETK_BT_KEY_MAX, GFP_KERNEL);
	unsigned int next_len = 0;
	int ret;

	if (!next)
		return JETK_ERR_OUT_OF_MEMORY;
	switch (df->tree) {
	case JETK_DEFRAG_T_RECORDS:
		ret = jetk_bt_merge_right(&t->bt, df->key, df->key_len, flags,
					  &what, next, &next_len);
		break;
	case JETK_DEFRAG_T_LV:
		ret = jetk_bt_merge_right(&t->lv_bt, df->key, df->key_len,
					  flags, &what, next, &next_len);
		break;
	case JETK_DEFRAG_T_OE:
	case JETK_DEFRAG_T_AE:
		ret = jetk_space_merge_right(&t->sp,
					     df->tree == JETK_DEFRAG_T_AE,
					     df->key, df->key_len, flags,
					     &what, next, &next_len);
		break;
	default:
		ret = jetk_space_merge_right(&t->lv_sp,
					     df->tree == JETK_DEFRAG_T_LV_AE,
					     df->key, df->key_len, flags,
					     &what, next, &next_len);
		break;
	}
	if (!ret)
		memcpy(df->key, next, next_len);
	kfree(next);
	return jetk_defrag_moved(df, ret, what, next_len);
}

/*
 * One step of the walk: a merge, or a move to the next leaf, tree or
 * table.  Runs inside the log op.  Return: a JET_ERR.
 */
static int jetk_defrag_step(struct jetk_defrag *df, bool *pass_done)
{
	unsigned int flags = (df->grbit & JETK_DEFRAG_NO_PARTIAL_MERGES) ?
			     0 : JETK_BT_MERGE_PARTIAL;
	struct jetk_db *db = &df->d->db;
	enum jetk_bt_merged what;
	struct jetk_table *t;
	unsigned int next_len;
	u8 *next;
	int ret, err;

	*pass_done = false;
	if (!df->in_table) {
		ret = jetk_defrag_next_table(df);
		if (ret == -ENOENT)
			df->objid = JETK_DEFRAG_DB_TREES;
		else if (ret)
			return jetk_table_err(ret);
		df->in_table = true;
		df->tree = 0;
		df->key_len = 0;
		return 0;
	}

	if (df->objid == JETK_DEFRAG_DB_TREES) {
		/* The root's OE tree (0), then its AE tree (1). */
		if (df->tree >= 2) {
			df->objid = 0;
			df->in_table = false;
			*pass_done = true;
			return 0;
		}
		if ((df->grbit & JETK_DEFRAG_SPACE_TREES_ONLY) && !df->tree) {
			df->tree++;
			return 0;
		}
		next = kmalloc(JETK_BT_KEY_MAX, GFP_KERNEL);
		if (!next)
			return JETK_ERR_OUT_OF_MEMORY;
		what = JETK_BT_MERGED_NONE;
		next_len = 0;
		ret = jetk_space_merge_right(&db->sp_root, df->tree == 1,
					     df->key, df->key_len, flags, &what,
					     next, &next_len);
		if (!ret)
			memcpy(df->key, next, next_len);
		kfree(next);
		return jetk_defrag_moved(df, ret, what, next_len);
	}

	if (df->tree >= JETK_DEFRAG_TREES) {
		df->in_table = false;
		return 0;
	}
	/* Deleted (or another table by now): on to the next one. */
	err = jetk_table_open(db, df->name, &t);
	if (err) {
		df->in_table = false;
		return err == JETK_ERR_OBJECT_NOT_FOUND ? 0 : err;
	}
	down_read(&t->ddl);
	if (t->objid != df->objid || t->space_ro) {
		df->in_table = false;
		err = 0;
	} else if (jetk_defrag_skip(df, df->tree, t->has_lv)) {
		df->tree++;
		df->key_len = 0;
		err = 0;
	} else {
		err = jetk_defrag_table_step(df, t, flags);
	}
	up_read(&t->ddl);
	jetk_table_put(t);
	return err;
}

/* The run ends (once: the work and the control side may both get here). */
static void jetk_defrag_finish(struct jetk_defrag *df, int status,
			       bool stopped)
{
	struct jetk_instance *inst = df->inst;

	mutex_lock(&inst->lock);
	if (df->running) {
		df->running = false;
		df->status = status;
		atomic64_dec(&inst->stats.defrag_running);
		if (stopped)
			atomic64_inc(&inst->stats.defrag_stops);
	}
	mutex_unlock(&inst->lock);
}

static void jetk_defrag_fn(struct work_struct *work)
{
	struct jetk_defrag *df = container_of(to_delayed_work(work),
					      struct jetk_defrag, work);
	struct jetk_instance *inst = df->inst;
	u64 now, until = ktime_get_ns() + JETK_DEFRAG_SLICE_MS * NSEC_PER_MSEC;
	bool pass_done, stopped = false, paused, dead;
	u32 passes = 0;
	int err = 0;

	for (;;) {
		/* Ending it is the control side's: it waits for us. */
		if (READ_ONCE(df->stop))
			return;
		mutex_lock(&inst->lock);
		paused = inst->bg_paused;
		dead = inst->state != JETK_INST_RUNNING;
		mutex_unlock(&inst->lock);
		/* JetTerm cancels the work; Resume queues it again. */
		if (dead || paused)
			return;
		if (jetk_gate_is_stopped(&inst->gate)) {
			err = JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE;
			stopped = true;
			break;
		}
		now = ktime_get_ns();
		if (df->secs_max &&
		    now - df->start_ns >= (u64)df->secs_max * NSEC_PER_SEC)
			break;
		if (now > until) {
			queue_delayed_work(jetk_wq, &df->work, 0);
			return;
		}
		err = jetk_wal_op_begin(inst, true);
		if (err)
			break;
		err = jetk_defrag_step(df, &pass_done);
		jetk_wal_op_end(inst);
		if (err)
			break;
		cond_resched();
		if (!pass_done)
			continue;
		mutex_lock(&inst->lock);
		passes = ++df->passes;
		mutex_unlock(&inst->lock);
		atomic64_inc(&inst->stats.defrag_passes);
		if (df->passes_max && passes >= df->passes_max)
			break;
		if (!df->changed) {
			/* Nothing left to merge: look again a little later. */
			queue_delayed_work(jetk_wq, &df->work,
					   msecs_to_jiffies(JETK_DEFRAG_IDLE_MS));
			return;
		}
		df->changed = false;
	}
	if (err && !stopped)
		pr_warn_ratelimited("jetk: %s: online defragmentation ended: %d\n",
				    df->d->name, err);
	jetk_defrag_finish(df, err, stopped);
}

/* End a run and wait for its work: after this nothing of it runs. */
static void jetk_defrag_end(struct jetk_defrag *df, int status, bool stopped)
{
	lockdep_assert_held(&df->inst->db_lock);
	WRITE_ONCE(df->stop, true);
	cancel_delayed_work_sync(&df->work);
	jetk_defrag_finish(df, status, stopped);
}

static struct jetk_defrag *jetk_defrag_find(struct jetk_instance *inst,
					    struct jetk_database *d)
{
	struct jetk_defrag *df;

	lockdep_assert_held(&inst->db_lock);
	list_for_each_entry(df, &inst->defrags, node)
		if (df->d == d)
			return df;
	return NULL;
}

/* BatchStart on a database that has none running. */
static int jetk_defrag_start(struct jetk_instance *inst,
			     struct jetk_database *d, u32 grbit, u32 passes,
			     u32 seconds)
{
	struct jetk_defrag *df = jetk_defrag_find(inst, d);
	bool fresh = !df;

	if (fresh) {
		df = kzalloc(sizeof(*df), GFP_KERNEL);
		if (!df)
			return JETK_ERR_OUT_OF_MEMORY;
		df->inst = inst;
		df->d = d;
		INIT_DELAYED_WORK(&df->work, jetk_defrag_fn);
	} else {
		/* A run that ended by itself may still be leaving its work. */
		WRITE_ONCE(df->stop, true);
		cancel_delayed_work_sync(&df->work);
	}
	df->grbit = grbit & (JETK_DEFRAG_SPACE_TREES_ONLY |
			     JETK_DEFRAG_NO_PARTIAL_MERGES);
	df->passes_max = passes;
	df->secs_max = seconds;
	df->start_ns = ktime_get_ns();
	df->changed = false;
	df->objid = 0;
	df->in_table = false;
	df->tree = 0;
	df->key_len = 0;
	WRITE_ONCE(df->stop, false);
	mutex_lock(&inst->lock);
	if (fresh)
		list_add_tail(&df->node, &inst->defrags);
	df->passes = 0;
	df->status = 0;
	df->running = true;
	atomic64_inc(&inst->stats.defrag_running);
	mutex_unlock(&inst->lock);
	queue_delayed_work(jetk_wq, &df->work, 0);
	return 0;
}

/* JetDefragment's rules (ref/ese-api.md 7.1), the database found. */
static int jetk_defrag_call(struct jetk_instance *inst,
			    struct jetk_database *d, struct jetk_defragment *a)
{
	u32 grbit = a->grbit, passes = a->passes, seconds = a->seconds, param;
	struct jetk_defrag *df;
	bool running;

	lockdep_assert_held(&inst->db_lock);
	/* In: BatchStart's limits; out: BatchStop's results, else 0. */
	a->passes = 0;
	a->seconds = 0;
	mutex_lock(&inst->lock);
	param = inst->params.val[JETK_PARAM_ENABLE_ONLINE_DEFRAG];
	mutex_unlock(&inst->lock);
	/* Disabled: every call is a successful no-op. */
	if (param == JETK_OLD_DISABLE)
		return 0;
	if (param == JETK_OLD_ALL_OBSOLETE)
		param = ~0U;
	if (d->readonly)
		return JETK_ERR_DATABASE_FILE_READ_ONLY;
	/* OLD2's per-table registration: not in jetk. */
	if (grbit & (JETK_DEFRAG_BTREE | JETK_DEFRAG_BTREE_BATCH))
		return JETK_ERR_FEATURE_NOT_AVAILABLE;

	df = jetk_defrag_find(inst, d);
	mutex_lock(&inst->lock);
	running = df && df->running;
	mutex_unlock(&inst->lock);
	if ((grbit & JETK_DEFRAG_BATCH_START) &&
	    !(grbit & ~JETK_DEFRAG_VALID_START)) {
		if (running)
			return JETK_WRN_DEFRAG_ALREADY_RUNNING;
		/* Databases not enabled: only the space trees may go. */
		if (!(param & JETK_OLD_DATABASES) &&
		    !(grbit & JETK_DEFRAG_SPACE_TREES_ONLY))
			return 0;
		return jetk_defrag_start(inst, d, grbit, passes, seconds);
	}
	if (grbit != JETK_DEFRAG_BATCH_STOP)
		return JETK_ERR_INVALID_GRBIT;
	if (!running)
		return JETK_WRN_DEFRAG_NOT_RUNNING;
	jetk_defrag_end(df, 0, false);
	mutex_lock(&inst->lock);
	a->passes = df->passes;
	mutex_unlock(&inst->lock);
	a->seconds = div_u64(ktime_get_ns() - df->start_ns, NSEC_PER_SEC);
	return 0;
}

static struct jetk_database *jetk_defrag_db_by_name(struct jetk_instance *inst,
						    const char *name)
{
	struct jetk_database *d, *found = NULL;

	lockdep_assert_held(&inst->db_lock);
	mutex_lock(&inst->lock);
	list_for_each_entry(d, &inst->databases, node) {
		if (!strcmp(d->name, name)) {
			found = d;
			break;
		}
	}
	mutex_unlock(&inst->lock);
	return found;
}

/**
 * jetk_ioc_defragment() - JETK_IOC_DEFRAGMENT: JetDefragment(2,3)
 * @call: the call
 * @arg: struct jetk_defragment
 *
 * The call holds no log op (JETK_IOCF_NO_OP): it changes no page itself,
 * and BatchStop waits for the work, which takes the op.
 *
 * Return: 0, or -EINVAL / -EFAULT / -ENOMEM for a malformed argument.
 */
int jetk_ioc_defragment(struct jetk_call *call, void *arg)
{
	struct jetk_defragment *a = arg;
	char *db_name = NULL, *table_name = NULL;
	struct jetk_instance *inst;
	struct jetk_database *d;
	int ret, err = 0;

	if (!JETK_RESERVED_ZERO(a) || a->pad || (a->db_name && a->dbid))
		return -EINVAL;
	ret = jetk_copy_string(a->db_name, a->db_name_len, JETK_STRING_MAX,
			       &db_name, &err);
	if (!ret && !err)
		ret = jetk_copy_string(a->table_name, a->table_name_len,
				       JETK_OBJ_NAME_MAX, &table_name, &err);
	if (ret || err) {
		a->err = err;
		goto out;
	}
	a->err = jetk_call_enter_session(call, a->sesid);
	if (a->err)
		goto out;
	inst = call->inst;
	mutex_lock(&inst->db_lock);
	if (db_name) {
		d = jetk_defrag_db_by_name(inst, db_name);
		a->err = d ? 0 : JETK_ERR_DATABASE_NOT_FOUND;
	} else {
		d = jetk_database_get(call->ses, a->dbid);
		a->err = d ? 0 : JETK_ERR_INVALID_DATABASE_ID;
	}
	if (!a->err)
		a->err = jetk_defrag_call(inst, d, a);
	mutex_unlock(&inst->db_lock);
	jetk_call_exit(call);
out:
	kfree(table_name);
	kfree(db_name);
	return ret;
}

/**
 * jetk_defrag_end_all() - JetStopServiceInstance's step: end every run
 * @inst: the instance
 *
 * Each ends with JET_errClientRequestToStopJetService, counted in
 * defrag_stops.
 */
void jetk_defrag_end_all(struct jetk_instance *inst)
{
	struct jetk_defrag *df;

	mutex_lock(&inst->db_lock);
	list_for_each_entry(df, &inst->defrags, node)
		jetk_defrag_end(df, JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE,
				true);
	mutex_unlock(&inst->db_lock);
}

/**
 * jetk_defrag_forget() - a database is being detached: end its run and
 *	free its state
 * @inst: the instance
 * @d: the database
 */
void jetk_defrag_forget(struct jetk_instance *inst, struct jetk_database *d)
{
	struct jetk_defrag *df = jetk_defrag_find(inst, d);

	if (!df)
		return;
	jetk_defrag_end(df, 0, false);
	mutex_lock(&inst->lock);
	list_del(&df->node);
	mutex_unlock(&inst->lock);
	kfree(df);
}

/**
 * jetk_defrag_forget_all() - JetTerm: end every run, free every state
 * @inst: the instance, no longer RUNNING: nothing starts a run again
 */
void jetk_defrag_forget_all(struct jetk_instance *inst)
{
	struct jetk_defrag *df, *tmp;

	mutex_lock(&inst->db_lock);
	list_for_each_entry_safe(df, tmp, &inst->defrags, node)
		jetk_defrag_forget(inst, df->d);
	mutex_unlock(&inst->db_lock);
}

/**
 * jetk_defrag_resume() - Stop2(Resume): paused runs go on
 * @inst: the instance; bg_paused was just cleared
 */
void jetk_defrag_resume(struct jetk_instance *inst)
{
	struct jetk_defrag *df;

	lockdep_assert_held(&inst->lock);
	list_for_each_entry(df, &inst->defrags, node)
		if (df->running)
			queue_delayed_work(jetk_wq, &df->work, 0);
}
