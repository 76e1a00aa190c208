// SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT
/*
 * libjetk: an instance's log for JetInit.
 *
 * With JET_paramRecovery "on" (ESE's default) JetInit hands the module a
 * log device: JET_paramLogFilePath when it names a block device, else the
 * file <JET_paramLogFilePath>/<JET_paramBaseName>.jlog, created on first
 * use (JET_paramLogFileSize KiB per generation, JETK_LOG_GENERATIONS of
 * them, sparse) and put under a loop device as databases are.  The file
 * is locked (flock) while an instance uses it.  When the log's superblock
 * says the last run did not end cleanly, the databases it names are
 * opened too and passed along, and the module recovers them.
 *
 * JetInit is one ioctl, so libjetk keeps its own copy of the parameters
 * that say where the log is, as JetSetSystemParameter passes them on,
 * under the instance the module says it set them for (0: the defaults).
 * A JetInit that names no instance libjetk has parameters for (0, ~0, or
 * the garbage a legacy program's JET_INSTANCE holds) gets the defaults, as
 * the instance it creates does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <endian.h>
#include <linux/jetk.h>
#include <linux/jetk_log.h>

#include "dbfile.h"
#include "esent.h"
#include "libjetk-internal.h"

/* A log file holds this many generations of JET_paramLogFileSize. */
#define JETK_LOG_GENERATIONS	16

#define JETK_PARAMID_LOG_FILE_PATH	2
#define JETK_PARAMID_BASE_NAME		3
#define JETK_PARAMID_LOG_FILE_SIZE	11
#define JETK_PARAMID_RECOVERY		34

/* The parameters of one instance (or, for instance 0, the defaults). */
struct jetk_logparams {
	uint64_t instance;
	char *path;		/* NULL: ESE's ".\" */
	char *base;		/* NULL: "edb" */
	long size_kb;		/* 0: 5120 */
	int recovery;		/* -1: not set, 0 off, 1 on */
	int lock_fd;		/* the log file while the instance runs */
	struct jetk_logparams *next;
};

static pthread_mutex_t jetk_logparams_lock = PTHREAD_MUTEX_INITIALIZER;
static struct jetk_logparams *jetk_logparams_list;	/* [the lock] */

static struct jetk_logparams *jetk_logparams_get(uint64_t instance,
						 bool create)
{
	struct jetk_logparams *p;

	for (p = jetk_logparams_list; p; p = p->next)
		if (p->instance == instance)
			return p;
	if (!create)
		return NULL;
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->instance = instance;
	p->recovery = -1;
	p->lock_fd = -1;
	p->next = jetk_logparams_list;
	jetk_logparams_list = p;
	return p;
}

/* JetSetSystemParameter succeeded: keep what says where the log is. */
void jetk_logparams_set(uint64_t instance, unsigned long paramid,
			unsigned long value, const char *str)
{
	struct jetk_logparams *p;
	char **slot = NULL;

	if (paramid != JETK_PARAMID_LOG_FILE_PATH &&
	    paramid != JETK_PARAMID_BASE_NAME &&
	    paramid != JETK_PARAMID_LOG_FILE_SIZE &&
	    paramid != JETK_PARAMID_RECOVERY)
		return;
	pthread_mutex_lock(&jetk_logparams_lock);
	p = jetk_logparams_get(instance, true);
	if (!p)
		goto out;
	switch (paramid) {
	case JETK_PARAMID_LOG_FILE_PATH:
		slot = &p->path;
		break;
	case JETK_PARAMID_BASE_NAME:
		slot = &p->base;
		break;
	case JETK_PARAMID_LOG_FILE_SIZE:
		p->size_kb = (long)value;
		break;
	case JETK_PARAMID_RECOVERY:
		/* The module accepted it: "on", "off" (or ESE's other on). */
		p->recovery = str && !strcasecmp(str, "off") ? 0 : 1;
		break;
	}
	if (slot && str) {
		free(*slot);
		*slot = strdup(str);
	}
out:
	pthread_mutex_unlock(&jetk_logparams_lock);
}

/* An instance's value, else the process default. */
static void jetk_logparams_resolve(uint64_t instance, char *path,
				   size_t max, long *size_kb, bool *recovery)
{
	struct jetk_logparams *p, *g;
	const char *dir, *base;
	size_t i, n;

	pthread_mutex_lock(&jetk_logparams_lock);
	p = jetk_logparams_get(instance, false);
	g = jetk_logparams_get(0, false);
	dir = p && p->path ? p->path : g && g->path ? g->path : ".\\";
	base = p && p->base ? p->base : g && g->base ? g->base : "edb";
	*size_kb = p && p->size_kb ? p->size_kb :
		   g && g->size_kb ? g->size_kb : 5120;
	*recovery = p && p->recovery >= 0 ? p->recovery :
		    g && g->recovery >= 0 ? g->recovery : 1;
	/* ESE's paths use '\'; here they are POSIX paths. */
	snprintf(path, max, "%s", dir);
	pthread_mutex_unlock(&jetk_logparams_lock);
	n = strlen(path);
	for (i = 0; i < n; i++)
		if (path[i] == '\\')
			path[i] = '/';
	if (n && path[n - 1] != '/') {
		struct stat st;

		/* A block device is the log itself. */
		if (!stat(path, &st) && S_ISBLK(st.st_mode))
			return;
		snprintf(path + n, max - n, "/");
		n++;
	}
	snprintf(path + n, max - n, "%s.jlog", base);
}

static uint32_t jetk_crc32(const uint8_t *p, size_t len)
{
	uint32_t crc = ~0U;
	int k;

	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320U & -(crc & 1));
	}
	return ~crc;
}

/* The current superblock copy of the log at @fd, or false. */
static bool jetk_log_sb_read(int fd, struct jetk_log_sb *out)
{
	static uint8_t buf[JETK_LOG_SB_BYTES];
	struct jetk_log_sb *sb = (struct jetk_log_sb *)buf;
	uint64_t best_seq = 0;
	bool found = false;
	uint32_t crc;
	int copy;

	for (copy = 0; copy < JETK_LOG_SB_COPIES; copy++) {
		if (pread(fd, buf, sizeof(buf),
			  (off_t)copy * JETK_LOG_SB_BYTES) != sizeof(buf))
			continue;
		if (le64toh(sb->magic) != JETK_LOG_SB_MAGIC ||
		    le32toh(sb->version) != JETK_LOG_VERSION)
			continue;
		crc = le32toh(sb->crc);
		sb->crc = 0;
		if (jetk_crc32(buf, sizeof(buf)) != crc)
			continue;
		if (le32toh(sb->ndbs) > JETK_LOG_DBS_MAX)
			continue;
		if (!found || le64toh(sb->seq) > best_seq) {
			best_seq = le64toh(sb->seq);
			memcpy(out, buf, sizeof(*out));
			found = true;
		}
	}
	return found;
}

/* Unlink and free an entry; the caller holds the lock. */
static void jetk_logparams_drop(uint64_t instance)
{
	struct jetk_logparams *p, **pp;

	for (pp = &jetk_logparams_list; (p = *pp); pp = &p->next) {
		if (p->instance != instance)
			continue;
		if (p->lock_fd >= 0)
			close(p->lock_fd);
		*pp = p->next;
		free(p->path);
		free(p->base);
		free(p);
		return;
	}
}

/**
 * jetk_logfile_open() - what JetInit passes for the instance's log
 * @instance: the instance the call names, as the caller passed it
 * @a: the ioctl's struct: flags, log_fd, dbs and ndbs are filled in
 * @dbs: room for JETK_INIT_DBS_MAX entries
 * @dfs: the databases opened for recovery, to release after the call
 * @ndfs: out: how many
 * @names: their names (freed by jetk_logfile_done())
 * @claim: out: the locked log file and its device, for jetk_logfile_done()
 *
 * A failure to set the log up does not fail here: it goes to the module
 * in @a->log_err, which returns it after the checks ESE makes first
 * (an instance already initialised, the instance mode, the paths).
 *
 * Return: JET_errSuccess (what fails goes to the module in @a->log_err,
 * and nothing stays open).
 */
JET_ERR jetk_logfile_open(uint64_t instance, struct jetk_init *a,
			  struct jetk_init_db *dbs, struct jetk_dbfile *dfs,
			  unsigned int *ndfs, char **names,
			  struct jetk_logclaim *claim)
{
	char path[4096];
	struct jetk_log_sb sb;
	struct jetk_dbfile log;
	struct stat st;
	long size_kb;
	bool recovery;
	uint32_t i, n;
	int fd;

	*ndfs = 0;
	claim->lock_fd = -1;
	claim->bdev_fd = -1;
	jetk_logparams_resolve(instance, path, sizeof(path), &size_kb,
			       &recovery);
	if (!recovery)
		return JET_errSuccess;
	if (!stat(path, &st) && S_ISBLK(st.st_mode)) {
		a->log_err = jetk_dbfile_open(path, JETK_DBFILE_ATTACH, false,
					      &log);
	} else {
		a->log_err = jetk_dbfile_open_log(path,
						  (uint64_t)size_kb * 1024 *
						  JETK_LOG_GENERATIONS +
						  JETK_LOG_SB_COPIES *
						  JETK_LOG_SB_BYTES, &log);
	}
	if (a->log_err)
		return JET_errSuccess;
	/* One instance per log: the lock lives as long as the instance. */
	fd = log.file_fd >= 0 ? log.file_fd : log.bdev_fd;
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		jetk_dbfile_release(&log, 0, NULL);
		a->log_err = JET_errLogFilePathInUse;
		return JET_errSuccess;
	}
	a->flags |= JETK_INIT_LOG;
	a->log_fd = log.bdev_fd;

	if (jetk_log_sb_read(log.bdev_fd, &sb) && !le32toh(sb.clean)) {
		n = le32toh(sb.ndbs);
		for (i = 0; i < n && i < JETK_INIT_DBS_MAX; i++) {
			struct jetk_log_sb_db *e = &sb.dbs[i];
			uint16_t len = le16toh(e->name_len);

			if (len > JETK_LOG_DB_NAME_MAX)
				continue;
			names[i] = strndup(e->name, len);
			memset(&dbs[i], 0, sizeof(dbs[i]));
			dbs[i].id = le32toh(e->id);
			dbs[i].fd = -1;
			if (names[i]) {
				dbs[i].name = jetk_ptr(names[i]);
				dbs[i].name_len = len;
				if (!jetk_dbfile_open(names[i],
						      JETK_DBFILE_ATTACH, false,
						      &dfs[i]))
					dbs[i].fd = dfs[i].bdev_fd;
				else
					dfs[i].file_fd = dfs[i].bdev_fd = -1;
			} else {
				dfs[i].file_fd = dfs[i].bdev_fd = -1;
			}
			*ndfs = i + 1;
		}
		a->dbs = *ndfs ? jetk_ptr(dbs) : 0;
		a->ndbs = *ndfs;
	}
	/* The device until the call returns; the file and its lock stay. */
	claim->lock_fd = fd;
	claim->bdev_fd = log.file_fd >= 0 ? log.bdev_fd : -1;
	return JET_errSuccess;
}

/**
 * jetk_logfile_done() - after the JetInit ioctl: release what recovery
 *	needed, and the log itself unless the call started an instance
 * @instance: the instance the call named, as jetk_logfile_open() got it
 * @err: the call's JET_ERR
 * @result: the handle the module returned (0: the instance was freed)
 * @claim: what jetk_logfile_open() claimed
 * @dfs: the recovery databases
 * @ndfs: how many
 * @names: their names
 */
void jetk_logfile_done(uint64_t instance, JET_ERR err, uint64_t result,
		       struct jetk_logclaim *claim, struct jetk_dbfile *dfs,
		       unsigned int ndfs, char **names)
{
	struct jetk_logparams *p;
	unsigned int i;

	for (i = 0; i < ndfs; i++) {
		if (dfs[i].bdev_fd >= 0 || dfs[i].file_fd >= 0)
			jetk_dbfile_release(&dfs[i], 0, NULL);
		free(names[i]);
	}
	/* The module holds its own claim on the device now (or failed). */
	if (claim->bdev_fd >= 0)
		close(claim->bdev_fd);
	pthread_mutex_lock(&jetk_logparams_lock);
	if (err >= 0) {
		/* The lock lives as long as the instance. */
		p = jetk_logparams_get(result, true);
		if (p)
			p->lock_fd = claim->lock_fd;
		/* else the log stays locked until the process ends */
	} else {
		if (claim->lock_fd >= 0)
			close(claim->lock_fd);
		/* A failed JetInit freed the instance: its parameters go. */
		if (!result && instance && instance != (uint64_t)JET_instanceNil)
			jetk_logparams_drop(instance);
	}
	pthread_mutex_unlock(&jetk_logparams_lock);
}

/**
 * jetk_logfile_atfork_child() - a forked child keeps the parameters set
 *	before any instance, not its parent's instances or their logs
 */
void jetk_logfile_atfork_child(void)
{
	struct jetk_logparams *p, **pp;

	pthread_mutex_init(&jetk_logparams_lock, NULL);
	pp = &jetk_logparams_list;
	while ((p = *pp)) {
		if (p->lock_fd >= 0)
			close(p->lock_fd);
		p->lock_fd = -1;
		if (p->instance) {
			*pp = p->next;
			free(p->path);
			free(p->base);
			free(p);
			continue;
		}
		pp = &p->next;
	}
}

/**
 * jetk_logfile_term() - the instance is gone: its log is free again
 * @instance: the instance
 */
void jetk_logfile_term(uint64_t instance)
{
	pthread_mutex_lock(&jetk_logparams_lock);
	if (instance)
		jetk_logparams_drop(instance);
	pthread_mutex_unlock(&jetk_logparams_lock);
}
