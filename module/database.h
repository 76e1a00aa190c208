/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The databases attached to an instance (JetCreateDatabase,
 * JetAttachDatabase, JetDetachDatabase): each is a block device the
 * caller opened, claimed exclusively, with its pages in the instance's
 * cache.  Until the log exists, jetk behaves as ESE with
 * JET_paramRecovery "off": an attached database is marked dirty on disk,
 * and a clean detach writes everything and marks it clean again; a
 * database left dirty is refused at attach.
 */
#ifndef _JETK_DATABASE_H
#define _JETK_DATABASE_H

#include <linux/list.h>
#include <linux/types.h>

#include "bdev.h"
#include "db.h"

struct file;
struct jetk_instance;
struct jetk_session;
struct jetk_term_report;

/* Attach flags (JET_bitDb* of JetAttachDatabase/JetCreateDatabase). */
#define JETK_DB_READ_ONLY		0x00000001U
#define JETK_DB_EXCLUSIVE		0x00000002U
#define JETK_DB_OVERWRITE_EXISTING	0x00000200U

/**
 * struct jetk_database - one database attached to an instance
 * @node: on inst->databases [inst->lock]
 * @inst: the instance (the database lives no longer than it)
 * @name: the name it was attached by, compared byte for byte
 * @dbid: its JET_DBID
 * @readonly: attached read-only
 * @opens: sessions that opened it [inst->lock]
 * @exclusive: the session that opened it exclusively, or NULL [inst->lock]
 * @bdev: the claimed device
 * @db: the database on it
 * @log_id: its id in the instance's log (wal.c), 0 when not logged
 */
struct jetk_database {
	struct list_head node;
	struct jetk_instance *inst;
	char *name;
	u32 dbid;
	bool readonly;
	unsigned int opens;
	struct jetk_session *exclusive;
	struct jetk_bdev bdev;
	struct jetk_db db;
	u32 log_id;
};

int jetk_database_attach(struct jetk_instance *inst, struct file *f,
			 const char *name, bool create, u32 grbit,
			 u32 max_pages, u32 *dbid);
int jetk_database_detach(struct jetk_instance *inst, const char *name,
			 u64 *used_bytes);
int jetk_database_recover_attach(struct jetk_instance *inst, struct file *f,
				 const char *name, u32 log_id,
				 struct jetk_database **dp, bool *dirty);
void jetk_database_forget(struct jetk_instance *inst, struct jetk_database *d);
int jetk_database_recover_open(struct jetk_database *d, u32 objid_last,
			       u64 dbtime);
bool jetk_database_detach_all(struct jetk_instance *inst,
			      struct jetk_term_report *rep, bool dirty);
int jetk_database_open(struct jetk_session *ses, const char *name, u32 grbit,
		       u32 *dbid);
int jetk_database_close(struct jetk_session *ses, u32 dbid);
void jetk_database_session_gone(struct jetk_session *ses);
struct jetk_database *jetk_database_get(struct jetk_session *ses, u32 dbid);

#endif /* _JETK_DATABASE_H */
