/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Long values kept outside records (ref/ese-format.md 8): each table with
 * long columns has one LV tree.  A long value is a root entry, keyed by
 * its 4-byte big-endian LID, holding a reference count and the size, and
 * chunks keyed by LID and byte offset, all full except the last.  Records
 * refer to it by LID (a "separated" tagged value).
 *
 * jetk never changes a long value two records share: a value a prepared
 * update has not created itself is copied before it changes (cursor.c
 * tracks which values an update created).  Reference counts change under
 * the table's lv_lock.
 */
#ifndef _JETK_LV_H
#define _JETK_LV_H

#include <linux/types.h>

struct jetk_table;

int jetk_lv_create(struct jetk_table *t, const u8 *data, u32 len, u32 *lid);
int jetk_lv_size(struct jetk_table *t, u32 lid, u32 *size);
int jetk_lv_read(struct jetk_table *t, u32 lid, u32 size, u32 off, u8 *buf,
		 u32 len);
int jetk_lv_write(struct jetk_table *t, u32 lid, u32 off, const u8 *data,
		  u32 len);
int jetk_lv_truncate(struct jetk_table *t, u32 lid, u32 size);
int jetk_lv_copy(struct jetk_table *t, u32 lid, u32 *newlid);
int jetk_lv_addref(struct jetk_table *t, u32 lid);
int jetk_lv_deref(struct jetk_table *t, u32 lid);

#endif /* _JETK_LV_H */
