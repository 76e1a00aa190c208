// SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT
/*
 * libjetk: online defragmentation, JetDefragment, JetDefragment2 and
 * JetDefragment3 (ese-api 7.1).  Each is one JETK_IOC_DEFRAGMENT ioctl.
 *
 * The completion callback.  ESE calls JetDefragment2's callback (with
 * JetDefragment3's pvContext) from its own thread when a run ends.  The
 * engine here is a kernel module, which cannot call into the process, and
 * libjetk keeps no threads of its own: a callback is refused with
 * JET_errInvalidParameter before any ioctl, and a NULL one behaves as
 * JetDefragment.  A program that needs to know when a run has ended asks
 * for a limited run (*pcPasses, *pcSeconds) and polls BatchStop, which
 * says JET_wrnDefragNotRunning once the run is over.
 */
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/jetk.h>

#include "libjetk-internal.h"

static int jetk_defrag_wide(unsigned long v)
{
	return sizeof(v) > 4 && v > UINT32_MAX;
}

static JET_ERR jetk_defragment(JET_SESID sesid, JET_DBID dbid,
			       const char *db_name, const char *table_name,
			       unsigned long *pcPasses,
			       unsigned long *pcSeconds, JET_GRBIT grbit)
{
	struct jetk_defragment a;
	char *real = NULL;
	JET_ERR err;

	if (jetk_defrag_wide(grbit))
		return JET_errInvalidGrbit;
	if ((pcPasses && jetk_defrag_wide(*pcPasses)) ||
	    (pcSeconds && jetk_defrag_wide(*pcSeconds)))
		return JET_errInvalidParameter;
	memset(&a, 0, sizeof(a));
	if (db_name) {
		if (!*db_name)
			return JET_errInvalidParameter;
		/* Attached databases are known by their full path. */
		real = realpath(db_name, NULL);
		if (real)
			db_name = real;
		a.db_name = jetk_ptr(db_name);
		a.db_name_len = jetk_strlen(db_name);
	} else {
		a.dbid = (uint32_t)dbid;
	}
	a.grbit = (uint32_t)grbit;
	a.sesid = sesid;
	a.table_name = jetk_ptr(table_name);
	a.table_name_len = jetk_strlen(table_name);
	/* BatchStart's limits: 0 (or NULL) for none. */
	a.passes = pcPasses ? (uint32_t)*pcPasses : 0;
	a.seconds = pcSeconds ? (uint32_t)*pcSeconds : 0;
	err = jetk_ioctl(JETK_IOC_DEFRAGMENT, &a);
	free(real);
	if (err == JET_errSuccess && grbit == JET_bitDefragmentBatchStop) {
		if (pcPasses)
			*pcPasses = a.passes;
		if (pcSeconds)
			*pcSeconds = a.seconds;
	}
	return err;
}

JET_ERR JET_API JetDefragment(JET_SESID sesid, JET_DBID dbid,
			      JET_PCSTR szTableName, unsigned long *pcPasses,
			      unsigned long *pcSeconds, JET_GRBIT grbit)
{
	return jetk_defragment(sesid, dbid, NULL, szTableName, pcPasses,
			       pcSeconds, grbit);
}

JET_ERR JET_API JetDefragment2(JET_SESID sesid, JET_DBID dbid,
			       JET_PCSTR szTableName, unsigned long *pcPasses,
			       unsigned long *pcSeconds, JET_CALLBACK callback,
			       JET_GRBIT grbit)
{
	if (callback)
		return JET_errInvalidParameter;
	return jetk_defragment(sesid, dbid, NULL, szTableName, pcPasses,
			       pcSeconds, grbit);
}

JET_ERR JET_API JetDefragment3(JET_SESID sesid, JET_PCSTR szDatabaseName,
			       JET_PCSTR szTableName, unsigned long *pcPasses,
			       unsigned long *pcSeconds, JET_CALLBACK callback,
			       void *pvContext, JET_GRBIT grbit)
{
	(void)pvContext;	/* only for the callback */
	if (callback)
		return JET_errInvalidParameter;
	if (!szDatabaseName)
		return JET_errInvalidParameter;
	return jetk_defragment(sesid, 0, szDatabaseName, szTableName, pcPasses,
			       pcSeconds, grbit);
}
