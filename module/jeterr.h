/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ESE statuses (JET_ERR) the module returns in the @err field of an ioctl
 * struct.  Values are ESE's; names are esent.h's, upper-cased with a JETK_
 * prefix (JET_errInvalidGrbit is JETK_ERR_INVALID_GRBIT).  A userspace test
 * checks every value here against esent.h at compile time.
 */
#ifndef _JETK_JETERR_H
#define _JETK_JETERR_H

#define JETK_ERR_SUCCESS				0
#define JETK_ERR_INTERNAL_ERROR				(-107)
#define JETK_ERR_INVALID_GRBIT				(-900)
#define JETK_ERR_TERM_IN_PROGRESS			(-1000)
#define JETK_ERR_FEATURE_NOT_AVAILABLE			(-1001)
#define JETK_ERR_INVALID_PARAMETER			(-1003)
#define JETK_ERR_OUT_OF_MEMORY				(-1011)
#define JETK_ERR_NOT_INITIALIZED			(-1029)
#define JETK_ERR_ALREADY_INITIALIZED			(-1030)
#define JETK_ERR_BUFFER_TOO_SMALL			(-1038)
#define JETK_ERR_TOO_MANY_ACTIVE_USERS			(-1059)
#define JETK_ERR_RUNNING_IN_ONE_INSTANCE_MODE		(-1080)
#define JETK_ERR_RUNNING_IN_MULTI_INSTANCE_MODE		(-1081)
#define JETK_ERR_SYSTEM_PATH_IN_USE			(-1083)
#define JETK_ERR_LOG_FILE_PATH_IN_USE			(-1084)
#define JETK_ERR_TEMP_PATH_IN_USE			(-1085)
#define JETK_ERR_INSTANCE_NAME_IN_USE			(-1086)
#define JETK_ERR_OUT_OF_SESSIONS			(-1101)
#define JETK_ERR_INVALID_SESID				(-1104)
#define JETK_ERR_INVALID_INSTANCE			(-1115)
#define JETK_ERR_DIRTY_SHUTDOWN				(-1116)
#define JETK_ERR_TOO_MANY_INSTANCES			(-1214)
#define JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE	(-1329)
#define JETK_ERR_SESSION_SHARING_VIOLATION		(-1910)
#define JETK_ERR_SESSION_CONTEXT_ALREADY_SET		(-1912)
#define JETK_ERR_SESSION_CONTEXT_NOT_SET_BY_THIS_THREAD	(-1913)
#define JETK_ERR_SESSION_IN_USE				(-1914)

#endif /* _JETK_JETERR_H */
