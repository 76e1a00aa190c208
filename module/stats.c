// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-instance counters in debugfs: /sys/kernel/debug/jetk/instance<H>/stats
 * where H is the JET_INSTANCE handle, one "name value" pair per line.
 *
 * The file exists from JetInit to JetTerm.  debugfs_remove() waits for
 * readers in progress, so a reader never sees a freed instance.
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>

#include "cache.h"
#include "jetk.h"
#include "wal.h"

static struct dentry *jetk_debugfs_root;

static const char *const jetk_state_names[] = {
	[JETK_INST_CREATED] = "created",
	[JETK_INST_RUNNING] = "running",
	[JETK_INST_TERMINATING] = "terminating",
	[JETK_INST_DEAD] = "dead",
};

/* The version store's state and counters. */
static void jetk_stats_ver(struct seq_file *m, struct jetk_verstore *vs)
{
	struct jetk_ver_stats *vst = &vs->stats;
	struct jetk_ver_report r;

	jetk_ver_report(vs, &r);
	seq_printf(m, "versions_live %llu\n", r.live);
	seq_printf(m, "version_bytes %llu\n", r.bytes);
	seq_printf(m, "version_bytes_peak %llu\n", r.peak);
	seq_printf(m, "version_bytes_max %llu\n", r.max);
	seq_printf(m, "oldest_trx_procid %u\n", r.oldest_procid);
	seq_printf(m, "oldest_trx_age_ms %llu\n", r.oldest_age_ms);
	seq_printf(m, "version_cleanup_passes %lld\n",
		   atomic64_read(&vst->cleanup_runs));
	seq_printf(m, "versions_freed %lld\n", atomic64_read(&vst->freed));
	seq_printf(m, "version_bytes_freed %lld\n",
		   atomic64_read(&vst->bytes_freed));
	seq_printf(m, "version_store_full %lld\n", atomic64_read(&vst->full));
	seq_printf(m, "write_conflicts %lld\n",
		   atomic64_read(&vst->write_conflicts));
	seq_printf(m, "commits %lld\n", atomic64_read(&vst->commits));
	seq_printf(m, "rollbacks %lld\n", atomic64_read(&vst->rollbacks));
	seq_printf(m, "undo_failures %lld\n",
		   atomic64_read(&vst->undo_failures));
}

static void jetk_stats_wal(struct seq_file *m, struct jetk_instance *inst)
{
	struct jetk_wal *wal = inst->wal;
	struct jetk_wal_stats *ws;
	struct jetk_wal_report r;

	seq_printf(m, "log %d\n", !!wal);
	if (!wal)
		return;
	ws = &wal->stats;
	jetk_wal_report(inst, &r);
	seq_printf(m, "log_size %llu\n", r.size);
	seq_printf(m, "log_head %llu\n", r.head);
	seq_printf(m, "log_durable %llu\n", r.durable);
	seq_printf(m, "log_free %llu\n", r.free);
	seq_printf(m, "log_writes %llu\n", r.log_writes);
	seq_printf(m, "log_error %d\n", r.err);
	seq_printf(m, "checkpoint %llu\n", r.checkpoint);
	seq_printf(m, "checkpoint_depth %llu\n", r.depth);
	seq_printf(m, "checkpoint_depth_target %llu\n", r.depth_max);
	seq_printf(m, "log_batches %lld\n", atomic64_read(&ws->batches));
	seq_printf(m, "log_pages %lld\n", atomic64_read(&ws->pages_logged));
	seq_printf(m, "log_undo_records %lld\n",
		   atomic64_read(&ws->undo_records));
	seq_printf(m, "commits_durable %lld\n",
		   atomic64_read(&ws->commits_durable));
	seq_printf(m, "commits_lazy %lld\n", atomic64_read(&ws->commits_lazy));
	seq_printf(m, "commit_waits %lld\n", atomic64_read(&ws->commit_waits));
	seq_printf(m, "checkpoint_runs %lld\n", atomic64_read(&ws->ckpt_runs));
	seq_printf(m, "checkpoint_pages_written %lld\n",
		   atomic64_read(&ws->ckpt_pages));
	seq_printf(m, "checkpoint_moves %lld\n",
		   atomic64_read(&ws->ckpt_moves));
	seq_printf(m, "log_full_refusals %lld\n",
		   atomic64_read(&ws->log_full));
	seq_printf(m, "recovery_ran %d\n", wal->rec.ran);
	seq_printf(m, "recovery_log_bytes %llu\n", wal->rec.log_bytes);
	seq_printf(m, "recovery_batches %llu\n", wal->rec.batches);
	seq_printf(m, "recovery_pages %llu\n", wal->rec.pages);
	seq_printf(m, "recovery_trx_undone %llu\n", wal->rec.trx_undone);
	seq_printf(m, "recovery_undo_records %llu\n", wal->rec.undo_records);
	seq_printf(m, "recovery_us %llu\n", wal->rec.usecs);
}

static int jetk_stats_show(struct seq_file *m, void *v)
{
	struct jetk_instance *inst = m->private;
	struct jetk_inst_stats *st = &inst->stats;
	u64 depth_max;
	u32 stop_mask;
	unsigned int nsessions;
	bool quiesce, bg_paused;

	mutex_lock(&inst->lock);
	depth_max = inst->params.val[JETK_PARAM_CHECKPOINT_DEPTH_MAX];
	stop_mask = inst->stop_mask;
	quiesce = inst->quiesce;
	bg_paused = inst->bg_paused;
	nsessions = inst->nsessions;
	mutex_unlock(&inst->lock);

	seq_printf(m, "name %s\n", inst->name ? inst->name : "");
	seq_printf(m, "state %s\n", jetk_state_names[READ_ONCE(inst->state)]);
	seq_printf(m, "gate_stopped %d\n", jetk_gate_is_stopped(&inst->gate));
	seq_printf(m, "calls_inside %u\n", jetk_gate_inflight(&inst->gate));
	seq_printf(m, "calls_refused %lld\n",
		   atomic64_read(&inst->gate.refused));
	seq_printf(m, "stop_mask 0x%x\n", stop_mask);
	seq_printf(m, "stop_calls %lld\n", atomic64_read(&st->stop_calls));
	seq_printf(m, "resume_calls %lld\n", atomic64_read(&st->resume_calls));
	seq_printf(m, "quiesce_caches %d\n", quiesce);
	seq_printf(m, "background_tasks_paused %d\n", bg_paused);
	seq_printf(m, "checkpoint_depth_max %llu\n", depth_max);
	seq_printf(m, "flush_target_depth %lld\n",
		   atomic64_read(&inst->flush_target));
	seq_printf(m, "defrag_stop_runs %lld\n",
		   atomic64_read(&st->defrag_stop_runs));
	seq_printf(m, "defrag_running %lld\n",
		   atomic64_read(&st->defrag_running));
	seq_printf(m, "defrag_passes %lld\n", atomic64_read(&st->defrag_passes));
	seq_printf(m, "defrag_pages_merged %lld\n",
		   atomic64_read(&st->defrag_pages_merged));
	seq_printf(m, "defrag_pages_moved %lld\n",
		   atomic64_read(&st->defrag_pages_moved));
	seq_printf(m, "defrag_pages_freed %lld\n",
		   atomic64_read(&st->defrag_pages_freed));
	seq_printf(m, "defrag_stops %lld\n", atomic64_read(&st->defrag_stops));
	seq_printf(m, "version_cleanup_runs %lld\n",
		   atomic64_read(&st->ver_cleanup_runs));
	seq_printf(m, "flush_runs %lld\n", atomic64_read(&st->flush_runs));
	seq_printf(m, "flush_depth_before %lld\n",
		   atomic64_read(&st->flush_depth_before));
	seq_printf(m, "flush_depth_after %lld\n",
		   atomic64_read(&st->flush_depth_after));
	seq_printf(m, "flush_pages_written %lld\n",
		   atomic64_read(&st->flush_pages));
	jetk_stats_ver(m, &inst->vs);
	seq_printf(m, "sessions %u\n", nsessions);
	seq_printf(m, "sessions_begun %lld\n",
		   atomic64_read(&st->sessions_begun));
	seq_printf(m, "sessions_ended %lld\n",
		   atomic64_read(&st->sessions_ended));
	if (inst->cache) {
		struct jetk_cache_stats cs;

		jetk_cache_get_stats(inst->cache, &cs);
		seq_printf(m, "cache_page_size %u\n",
			   jetk_cache_page_size(inst->cache));
		seq_printf(m, "cache_max_frames %lu\n", cs.max_frames);
		seq_printf(m, "cache_frames %lu\n", cs.frames);
		seq_printf(m, "cache_dirty %lu\n", cs.dirty);
		seq_printf(m, "cache_held %lu\n", cs.held);
		seq_printf(m, "cache_hits %llu\n", cs.hits);
		seq_printf(m, "cache_misses %llu\n", cs.misses);
		seq_printf(m, "cache_reads %llu\n", cs.reads);
		seq_printf(m, "cache_writes %llu\n", cs.writes);
		seq_printf(m, "cache_evictions %llu\n", cs.evictions);
		seq_printf(m, "cache_writeback_runs %llu\n", cs.writeback_runs);
	}
	jetk_stats_wal(m, inst);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(jetk_stats);

/*
 * Fault injection for recovery tests: writing 1 makes the instance stop
 * writing anything from now on, as if the machine had lost power with
 * the disks keeping what they acknowledged: the log latches an error, so
 * no batch closes, no page is written and no header turns clean.  Calls
 * get JET_errLogWriteFail; JetTerm leaves everything to the next
 * JetInit's recovery.
 */
static ssize_t jetk_crash_write(struct file *file, const char __user *buf,
				size_t len, loff_t *ppos)
{
	struct jetk_instance *inst = file->private_data;
	bool on;
	int ret;

	ret = kstrtobool_from_user(buf, len, &on);
	if (ret)
		return ret;
	if (on && !jetk_gate_enter(&inst->gate, true)) {
		jetk_wal_crash(inst);
		jetk_gate_exit(&inst->gate);
	}
	return len;
}

static const struct file_operations jetk_crash_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = jetk_crash_write,
	.llseek = noop_llseek,
};

/**
 * jetk_stats_add() - publish an instance's counters
 * @inst: the instance, just initialised
 *
 * Counters are diagnostics: failing to publish them is not an error.
 */
void jetk_stats_add(struct jetk_instance *inst)
{
	char name[32];

	if (IS_ERR_OR_NULL(jetk_debugfs_root))
		return;
	snprintf(name, sizeof(name), "instance%llu", inst->handle);
	inst->debugfs = debugfs_create_dir(name, jetk_debugfs_root);
	debugfs_create_file("stats", 0444, inst->debugfs, inst,
			    &jetk_stats_fops);
	if (inst->wal)
		debugfs_create_file("crash", 0200, inst->debugfs, inst,
				    &jetk_crash_fops);
}

/**
 * jetk_stats_remove() - remove an instance's counters
 * @inst: the instance, terminating
 */
void jetk_stats_remove(struct jetk_instance *inst)
{
	debugfs_remove(inst->debugfs);
	inst->debugfs = NULL;
}

/**
 * jetk_debugfs_init() - create the jetk debugfs directory
 *
 * Return: 0; debugfs being absent or failing does not stop the module.
 */
int jetk_debugfs_init(void)
{
	jetk_debugfs_root = debugfs_create_dir("jetk", NULL);
	return 0;
}

/**
 * jetk_debugfs_exit() - remove the jetk debugfs directory
 */
void jetk_debugfs_exit(void)
{
	debugfs_remove(jetk_debugfs_root);
}
