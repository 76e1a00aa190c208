// SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT
/*
 * libjetk: transactions, escrow updates and record locks (ese-api 4.6,
 * 4.7).  Each call is exactly one ioctl, or none when an argument fails a
 * check only userspace can make (a grbit or size wider than the ABI's
 * 32 bits, a NULL out-pointer that must not be).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <string.h>

#include <linux/jetk.h>

#include "libjetk-internal.h"

/* A value that does not fit the ABI's 32 bits. */
static int jetk_trx_wide(unsigned long v)
{
	return sizeof(v) > 4 && v > UINT32_MAX;
}

static JET_ERR jetk_trx_call(unsigned long cmd, JET_SESID sesid,
			     int64_t trxid, JET_GRBIT grbit,
			     unsigned long cmsec, struct jetk_transaction *a)
{
	if (jetk_trx_wide(grbit) || jetk_trx_wide(cmsec))
		return JET_errInvalidGrbit;
	memset(a, 0, sizeof(*a));
	a->sesid = sesid;
	a->trxid = trxid;
	a->grbit = (uint32_t)grbit;
	a->cmsec_durable_commit = (uint32_t)cmsec;
	return jetk_ioctl(cmd, a);
}

JET_ERR JET_API JetBeginTransaction(JET_SESID sesid)
{
	struct jetk_transaction a;

	return jetk_trx_call(JETK_IOC_BEGIN_TRANSACTION, sesid, 0, 0, 0, &a);
}

JET_ERR JET_API JetBeginTransaction2(JET_SESID sesid, JET_GRBIT grbit)
{
	struct jetk_transaction a;

	return jetk_trx_call(JETK_IOC_BEGIN_TRANSACTION, sesid, 0, grbit, 0,
			     &a);
}

JET_ERR JET_API JetBeginTransaction3(JET_SESID sesid, int64_t trxid,
				     JET_GRBIT grbit)
{
	struct jetk_transaction a;

	return jetk_trx_call(JETK_IOC_BEGIN_TRANSACTION, sesid, trxid, grbit,
			     0, &a);
}

JET_ERR JET_API JetCommitTransaction(JET_SESID sesid, JET_GRBIT grbit)
{
	struct jetk_transaction a;

	return jetk_trx_call(JETK_IOC_COMMIT_TRANSACTION, sesid, 0, grbit, 0,
			     &a);
}

JET_ERR JET_API JetCommitTransaction2(JET_SESID sesid, JET_GRBIT grbit,
				      unsigned long cmsecDurableCommit,
				      JET_COMMIT_ID *pCommitId)
{
	struct jetk_transaction a;
	JET_ERR err;

	err = jetk_trx_call(JETK_IOC_COMMIT_TRANSACTION, sesid, 0, grbit,
			    cmsecDurableCommit, &a);
	if (err >= 0 && pCommitId) {
		memset(pCommitId, 0, sizeof(*pCommitId));
		pCommitId->commitId = a.commit_id;
	}
	return err;
}

JET_ERR JET_API JetRollback(JET_SESID sesid, JET_GRBIT grbit)
{
	struct jetk_transaction a;

	return jetk_trx_call(JETK_IOC_ROLLBACK, sesid, 0, grbit, 0, &a);
}

JET_ERR JET_API JetEscrowUpdate(JET_SESID sesid, JET_TABLEID tableid,
				JET_COLUMNID columnid, void *pv,
				unsigned long cbMax, void *pvOld,
				unsigned long cbOldMax,
				unsigned long *pcbOldActual, JET_GRBIT grbit)
{
	struct jetk_escrow_update a;
	JET_ERR err;

	if (jetk_trx_wide(grbit))
		return JET_errInvalidGrbit;
	if (jetk_trx_wide(cbMax) || jetk_trx_wide(cbOldMax))
		return JET_errInvalidBufferSize;
	memset(&a, 0, sizeof(a));
	a.sesid = sesid;
	a.tableid = tableid;
	a.columnid = columnid;
	a.grbit = (uint32_t)grbit;
	a.delta = jetk_ptr(pv);
	a.delta_len = (uint32_t)cbMax;
	a.old = jetk_ptr(pvOld);
	a.old_max = pvOld ? (uint32_t)cbOldMax : 0;
	err = jetk_ioctl(JETK_IOC_ESCROW_UPDATE, &a);
	if (pcbOldActual)
		*pcbOldActual = a.old_len;
	return err;
}

JET_ERR JET_API JetGetLock(JET_SESID sesid, JET_TABLEID tableid,
			   JET_GRBIT grbit)
{
	struct jetk_cursor_op a;

	if (jetk_trx_wide(grbit))
		return JET_errInvalidGrbit;
	memset(&a, 0, sizeof(a));
	a.sesid = sesid;
	a.tableid = tableid;
	a.grbit = (uint32_t)grbit;
	return jetk_ioctl(JETK_IOC_GET_LOCK, &a);
}

JET_ERR JET_API JetIdle(JET_SESID sesid, JET_GRBIT grbit)
{
	struct jetk_cursor_op a;

	if (jetk_trx_wide(grbit))
		return JET_errInvalidGrbit;
	memset(&a, 0, sizeof(a));
	a.sesid = sesid;
	a.grbit = (uint32_t)grbit;
	return jetk_ioctl(JETK_IOC_IDLE, &a);
}
