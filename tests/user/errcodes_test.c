// SPDX-License-Identifier: GPL-2.0-only
/*
 * Error codes: the module's JETK_ERR_* values (module/jeterr.h) equal
 * esent.h's, esent.h's values equal ESE's (literal numbers from ESE's
 * jethdr.w as listed in ese-api.md section 3), and engine statuses come
 * back through libjetk unchanged.
 */
#include "tap.h"
#include "util.h"
#include "jeterr.h"

/* Every status the module can return has esent.h's value. */
_Static_assert(JETK_ERR_SUCCESS == JET_errSuccess, "JET_errSuccess");
_Static_assert(JETK_WRN_DATABASE_ATTACHED == JET_wrnDatabaseAttached, "JET_wrnDatabaseAttached");
_Static_assert(JETK_ERR_DATABASE_DIRTY_SHUTDOWN == JET_errDatabaseDirtyShutdown, "JET_errDatabaseDirtyShutdown");
_Static_assert(JETK_ERR_LOG_FILE_CORRUPT == JET_errLogFileCorrupt, "JET_errLogFileCorrupt");
_Static_assert(JETK_ERR_LOG_WRITE_FAIL == JET_errLogWriteFail, "JET_errLogWriteFail");
_Static_assert(JETK_ERR_BAD_LOG_VERSION == JET_errBadLogVersion, "JET_errBadLogVersion");
_Static_assert(JETK_ERR_LOG_DISK_FULL == JET_errLogDiskFull, "JET_errLogDiskFull");
_Static_assert(JETK_ERR_INSTANCE_UNAVAILABLE == JET_errInstanceUnavailable, "JET_errInstanceUnavailable");
_Static_assert(JETK_ERR_ATTACHED_DATABASE_MISMATCH == JET_errAttachedDatabaseMismatch, "JET_errAttachedDatabaseMismatch");
_Static_assert(JETK_ERR_INTERNAL_ERROR == JET_errInternalError, "JET_errInternalError");
_Static_assert(JETK_ERR_INVALID_GRBIT == JET_errInvalidGrbit, "JET_errInvalidGrbit");
_Static_assert(JETK_ERR_TERM_IN_PROGRESS == JET_errTermInProgress, "JET_errTermInProgress");
_Static_assert(JETK_ERR_FEATURE_NOT_AVAILABLE == JET_errFeatureNotAvailable, "JET_errFeatureNotAvailable");
_Static_assert(JETK_ERR_INVALID_PARAMETER == JET_errInvalidParameter, "JET_errInvalidParameter");
_Static_assert(JETK_ERR_DATABASE_FILE_READ_ONLY == JET_errDatabaseFileReadOnly, "JET_errDatabaseFileReadOnly");
_Static_assert(JETK_ERR_INVALID_DATABASE_ID == JET_errInvalidDatabaseId, "JET_errInvalidDatabaseId");
_Static_assert(JETK_ERR_OUT_OF_MEMORY == JET_errOutOfMemory, "JET_errOutOfMemory");
_Static_assert(JETK_ERR_OUT_OF_DATABASE_SPACE == JET_errOutOfDatabaseSpace, "JET_errOutOfDatabaseSpace");
_Static_assert(JETK_ERR_OUT_OF_BUFFERS == JET_errOutOfBuffers, "JET_errOutOfBuffers");
_Static_assert(JETK_ERR_READ_VERIFY_FAILURE == JET_errReadVerifyFailure, "JET_errReadVerifyFailure");
_Static_assert(JETK_ERR_DISK_IO == JET_errDiskIO, "JET_errDiskIO");
_Static_assert(JETK_ERR_NOT_INITIALIZED == JET_errNotInitialized, "JET_errNotInitialized");
_Static_assert(JETK_ERR_ALREADY_INITIALIZED == JET_errAlreadyInitialized, "JET_errAlreadyInitialized");
_Static_assert(JETK_ERR_FILE_ACCESS_DENIED == JET_errFileAccessDenied, "JET_errFileAccessDenied");
_Static_assert(JETK_ERR_BUFFER_TOO_SMALL == JET_errBufferTooSmall, "JET_errBufferTooSmall");
_Static_assert(JETK_ERR_TOO_MANY_ACTIVE_USERS == JET_errTooManyActiveUsers, "JET_errTooManyActiveUsers");
_Static_assert(JETK_ERR_RUNNING_IN_ONE_INSTANCE_MODE == JET_errRunningInOneInstanceMode, "JET_errRunningInOneInstanceMode");
_Static_assert(JETK_ERR_RUNNING_IN_MULTI_INSTANCE_MODE == JET_errRunningInMultiInstanceMode, "JET_errRunningInMultiInstanceMode");
_Static_assert(JETK_ERR_SYSTEM_PARAMS_ALREADY_SET == JET_errSystemParamsAlreadySet, "JET_errSystemParamsAlreadySet");
_Static_assert(JETK_ERR_SYSTEM_PATH_IN_USE == JET_errSystemPathInUse, "JET_errSystemPathInUse");
_Static_assert(JETK_ERR_LOG_FILE_PATH_IN_USE == JET_errLogFilePathInUse, "JET_errLogFilePathInUse");
_Static_assert(JETK_ERR_TEMP_PATH_IN_USE == JET_errTempPathInUse, "JET_errTempPathInUse");
_Static_assert(JETK_ERR_INSTANCE_NAME_IN_USE == JET_errInstanceNameInUse, "JET_errInstanceNameInUse");
_Static_assert(JETK_ERR_SYSTEM_PARAMETER_CONFLICT == JET_errSystemParameterConflict, "JET_errSystemParameterConflict");
_Static_assert(JETK_ERR_OUT_OF_SESSIONS == JET_errOutOfSessions, "JET_errOutOfSessions");
_Static_assert(JETK_ERR_INVALID_SESID == JET_errInvalidSesid, "JET_errInvalidSesid");
_Static_assert(JETK_ERR_INVALID_INSTANCE == JET_errInvalidInstance, "JET_errInvalidInstance");
_Static_assert(JETK_ERR_DIRTY_SHUTDOWN == JET_errDirtyShutdown, "JET_errDirtyShutdown");
_Static_assert(JETK_ERR_DATABASE_DUPLICATE == JET_errDatabaseDuplicate, "JET_errDatabaseDuplicate");
_Static_assert(JETK_ERR_DATABASE_IN_USE == JET_errDatabaseInUse, "JET_errDatabaseInUse");
_Static_assert(JETK_ERR_DATABASE_NOT_FOUND == JET_errDatabaseNotFound, "JET_errDatabaseNotFound");
_Static_assert(JETK_ERR_DATABASE_CORRUPTED == JET_errDatabaseCorrupted, "JET_errDatabaseCorrupted");
_Static_assert(JETK_ERR_PAGE_SIZE_MISMATCH == JET_errPageSizeMismatch, "JET_errPageSizeMismatch");
_Static_assert(JETK_ERR_TOO_MANY_INSTANCES == JET_errTooManyInstances, "JET_errTooManyInstances");
_Static_assert(JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE == JET_errClientRequestToStopJetService, "JET_errClientRequestToStopJetService");
_Static_assert(JETK_ERR_TOO_MANY_ATTACHED_DATABASES == JET_errTooManyAttachedDatabases, "JET_errTooManyAttachedDatabases");
_Static_assert(JETK_ERR_FILE_INVALID_TYPE == JET_errFileInvalidType, "JET_errFileInvalidType");
_Static_assert(JETK_ERR_SESSION_SHARING_VIOLATION == JET_errSessionSharingViolation, "JET_errSessionSharingViolation");
_Static_assert(JETK_ERR_SESSION_CONTEXT_ALREADY_SET == JET_errSessionContextAlreadySet, "JET_errSessionContextAlreadySet");
_Static_assert(JETK_ERR_SESSION_CONTEXT_NOT_SET_BY_THIS_THREAD == JET_errSessionContextNotSetByThisThread, "JET_errSessionContextNotSetByThisThread");
_Static_assert(JETK_ERR_SESSION_IN_USE == JET_errSessionInUse, "JET_errSessionInUse");
_Static_assert(JETK_ERR_TABLE_DUPLICATE == JET_errTableDuplicate, "JET_errTableDuplicate");
_Static_assert(JETK_ERR_OBJECT_NOT_FOUND == JET_errObjectNotFound, "JET_errObjectNotFound");
_Static_assert(JETK_ERR_TABLE_IN_USE == JET_errTableInUse, "JET_errTableInUse");
_Static_assert(JETK_ERR_TABLE_LOCKED == JET_errTableLocked, "JET_errTableLocked");
_Static_assert(JETK_ERR_INVALID_NAME == JET_errInvalidName, "JET_errInvalidName");
_Static_assert(JETK_ERR_COLUMN_DUPLICATE == JET_errColumnDuplicate, "JET_errColumnDuplicate");
_Static_assert(JETK_ERR_COLUMN_NOT_FOUND == JET_errColumnNotFound, "JET_errColumnNotFound");
_Static_assert(JETK_ERR_INVALID_COLUMN_TYPE == JET_errInvalidColumnType, "JET_errInvalidColumnType");
_Static_assert(JETK_ERR_MULTI_VALUED_COLUMN_MUST_BE_TAGGED == JET_errMultiValuedColumnMustBeTagged, "JET_errMultiValuedColumnMustBeTagged");
_Static_assert(JETK_ERR_COLUMN_REDUNDANT == JET_errColumnRedundant, "JET_errColumnRedundant");
_Static_assert(JETK_ERR_CANNOT_BE_TAGGED == JET_errCannotBeTagged, "JET_errCannotBeTagged");
_Static_assert(JETK_ERR_COLUMN_TOO_BIG == JET_errColumnTooBig, "JET_errColumnTooBig");
_Static_assert(JETK_ERR_NULL_INVALID == JET_errNullInvalid, "JET_errNullInvalid");
_Static_assert(JETK_ERR_INVALID_BUFFER_SIZE == JET_errInvalidBufferSize, "JET_errInvalidBufferSize");
_Static_assert(JETK_ERR_UPDATE_NOT_PREPARED == JET_errUpdateNotPrepared, "JET_errUpdateNotPrepared");
_Static_assert(JETK_ERR_ALREADY_PREPARED == JET_errAlreadyPrepared, "JET_errAlreadyPrepared");
_Static_assert(JETK_ERR_KEY_DUPLICATE == JET_errKeyDuplicate, "JET_errKeyDuplicate");
_Static_assert(JETK_ERR_NO_CURRENT_RECORD == JET_errNoCurrentRecord, "JET_errNoCurrentRecord");
_Static_assert(JETK_ERR_KEY_NOT_MADE == JET_errKeyNotMade, "JET_errKeyNotMade");
_Static_assert(JETK_ERR_KEY_IS_MADE == JET_errKeyIsMade, "JET_errKeyIsMade");
_Static_assert(JETK_ERR_RECORD_NOT_FOUND == JET_errRecordNotFound, "JET_errRecordNotFound");
_Static_assert(JETK_ERR_RECORD_DELETED == JET_errRecordDeleted, "JET_errRecordDeleted");
_Static_assert(JETK_ERR_RECORD_TOO_BIG == JET_errRecordTooBig, "JET_errRecordTooBig");
_Static_assert(JETK_ERR_RECORD_PRIMARY_CHANGED == JET_errRecordPrimaryChanged, "JET_errRecordPrimaryChanged");
_Static_assert(JETK_ERR_INVALID_TABLE_ID == JET_errInvalidTableId, "JET_errInvalidTableId");
_Static_assert(JETK_ERR_INDEX_DUPLICATE == JET_errIndexDuplicate, "JET_errIndexDuplicate");
_Static_assert(JETK_ERR_INDEX_HAS_PRIMARY == JET_errIndexHasPrimary, "JET_errIndexHasPrimary");
_Static_assert(JETK_ERR_INDEX_INVALID_DEF == JET_errIndexInvalidDef, "JET_errIndexInvalidDef");
_Static_assert(JETK_ERR_INVALID_CREATE_INDEX == JET_errInvalidCreateIndex, "JET_errInvalidCreateIndex");
_Static_assert(JETK_ERR_KEY_TRUNCATED == JET_errKeyTruncated, "JET_errKeyTruncated");
_Static_assert(JETK_ERR_NULL_KEY_DISALLOWED == JET_errNullKeyDisallowed, "JET_errNullKeyDisallowed");
_Static_assert(JETK_ERR_INVALID_OPERATION == JET_errInvalidOperation, "JET_errInvalidOperation");
_Static_assert(JETK_ERR_COLUMN_INDEXED == JET_errColumnIndexed, "JET_errColumnIndexed");
_Static_assert(JETK_ERR_INDEX_NOT_FOUND == JET_errIndexNotFound, "JET_errIndexNotFound");
_Static_assert(JETK_ERR_CANNOT_DELETE_SYSTEM_TABLE == JET_errCannotDeleteSystemTable, "JET_errCannotDeleteSystemTable");
_Static_assert(JETK_ERR_TOO_MANY_COLUMNS == JET_errTooManyColumns, "JET_errTooManyColumns");
_Static_assert(JETK_ERR_INVALID_CODE_PAGE == JET_errInvalidCodePage, "JET_errInvalidCodePage");
_Static_assert(JETK_ERR_ILLEGAL_OPERATION == JET_errIllegalOperation, "JET_errIllegalOperation");
_Static_assert(JETK_ERR_CANNOT_INDEX == JET_errCannotIndex, "JET_errCannotIndex");
_Static_assert(JETK_ERR_TOO_MANY_OPEN_TABLES == JET_errTooManyOpenTables, "JET_errTooManyOpenTables");
_Static_assert(JETK_ERR_BAD_COLUMN_ID == JET_errBadColumnId, "JET_errBadColumnId");
_Static_assert(JETK_ERR_DENSITY_INVALID == JET_errDensityInvalid, "JET_errDensityInvalid");
_Static_assert(JETK_ERR_TABLE_NOT_EMPTY == JET_errTableNotEmpty, "JET_errTableNotEmpty");
_Static_assert(JETK_WRN_COLUMN_NULL == JET_wrnColumnNull, "JET_wrnColumnNull");
_Static_assert(JETK_WRN_BUFFER_TRUNCATED == JET_wrnBufferTruncated, "JET_wrnBufferTruncated");
_Static_assert(JETK_WRN_SEEK_NOT_EQUAL == JET_wrnSeekNotEqual, "JET_wrnSeekNotEqual");
_Static_assert(JETK_ERR_PERMISSION_DENIED == JET_errPermissionDenied, "JET_errPermissionDenied");
_Static_assert(JETK_ERR_MULTI_VALUED_DUPLICATE == JET_errMultiValuedDuplicate, "JET_errMultiValuedDuplicate");
_Static_assert(JETK_ERR_BAD_ITAG_SEQUENCE == JET_errBadItagSequence, "JET_errBadItagSequence");
_Static_assert(JETK_ERR_COLUMN_NOT_UPDATABLE == JET_errColumnNotUpdatable, "JET_errColumnNotUpdatable");

static const struct { const char *name; long have; long want; } values[] = {
#define V(n, v) { #n, n, v }
	V(JET_errSuccess, 0),
	V(JET_errInternalError, -107),
	V(JET_errFileClose, -102),
	V(JET_errBadPageLink, -327),
	V(JET_errLogWriteFail, -510),
	V(JET_errDatabaseDirtyShutdown, -550),
	V(JET_errDatabaseInconsistent, -550),
	V(JET_errInvalidGrbit, -900),
	V(JET_errTermInProgress, -1000),
	V(JET_errFeatureNotAvailable, -1001),
	V(JET_errInvalidParameter, -1003),
	V(JET_errDatabaseFileReadOnly, -1008),
	V(JET_errInvalidDatabaseId, -1010),
	V(JET_errOutOfMemory, -1011),
	V(JET_errOutOfDatabaseSpace, -1012),
	V(JET_errReadVerifyFailure, -1018),
	V(JET_errOutOfFileHandles, -1020),
	V(JET_errDiskIO, -1022),
	V(JET_errInvalidPath, -1023),
	V(JET_errInvalidDatabase, -1028),
	V(JET_errNotInitialized, -1029),
	V(JET_errAlreadyInitialized, -1030),
	V(JET_errFileAccessDenied, -1032),
	V(JET_errBufferTooSmall, -1038),
	V(JET_errInvalidBufferSize, -1047),
	V(JET_errNotInTransaction, -1054),
	V(JET_errTooManyActiveUsers, -1059),
	V(JET_errVersionStoreOutOfMemory, -1069),
	V(JET_errOutOfObjectIDs, -1074),
	V(JET_errOutOfSequentialIndexValues, -1078),
	V(JET_errRunningInOneInstanceMode, -1080),
	V(JET_errRunningInMultiInstanceMode, -1081),
	V(JET_errSystemPathInUse, -1083),
	V(JET_errLogFilePathInUse, -1084),
	V(JET_errTempPathInUse, -1085),
	V(JET_errInstanceNameInUse, -1086),
	V(JET_errInstanceUnavailable, -1090),
	V(JET_errOutOfSessions, -1101),
	V(JET_errWriteConflict, -1102),
	V(JET_errTransTooDeep, -1103),
	V(JET_errInvalidSesid, -1104),
	V(JET_errInvalidInstance, -1115),
	V(JET_errDirtyShutdown, -1116),
	V(JET_errDatabaseDuplicate, -1201),
	V(JET_errDatabaseInUse, -1202),
	V(JET_errDatabaseNotFound, -1203),
	V(JET_errDatabaseCorrupted, -1206),
	V(JET_errPageSizeMismatch, -1213),
	V(JET_errTooManyInstances, -1214),
	V(JET_errTableLocked, -1302),
	V(JET_errTableDuplicate, -1303),
	V(JET_errTableInUse, -1304),
	V(JET_errObjectNotFound, -1305),
	V(JET_errClientRequestToStopJetService, -1329),
	V(JET_errIndexDuplicate, -1403),
	V(JET_errIndexNotFound, -1404),
	V(JET_errNullInvalid, -1504),
	V(JET_errColumnIllegalNull, -1504),
	V(JET_errColumnNotFound, -1507),
	V(JET_errInvalidColumnType, -1511),
	V(JET_errRecordNotFound, -1601),
	V(JET_errNoCurrentRecord, -1603),
	V(JET_errKeyDuplicate, -1605),
	V(JET_errTooManyAttachedDatabases, -1805),
	V(JET_errDiskFull, -1808),
	V(JET_errPermissionDenied, -1809),
	V(JET_errFileNotFound, -1811),
	V(JET_errFileInvalidType, -1812),
	V(JET_errSessionSharingViolation, -1910),
	V(JET_errSessionContextAlreadySet, -1912),
	V(JET_errSessionContextNotSetByThisThread, -1913),
	V(JET_errSessionInUse, -1914),
	V(JET_wrnNyi, -1),
	V(JET_wrnRemainingVersions, 321),
	V(JET_wrnNoMoreRecords, 428),
	V(JET_wrnColumnNull, 1004),
	V(JET_wrnBufferTruncated, 1006),
	V(JET_wrnDatabaseAttached, 1007),
	V(JET_wrnSeekNotEqual, 1039),
	V(JET_wrnRecordFoundGreater, 1039),
	V(JET_wrnRecordFoundLess, 1039),
	V(JET_wrnColumnSkipped, 1531),
	V(JET_wrnColumnTruncated, 1534),
	V(JET_wrnColumnSingleValue, 1536),
	V(JET_wrnColumnDefault, 1537),
	V(JET_wrnColumnReference, 1541),
	V(JET_wrnFileOpenReadOnly, 1813),
	V(JET_wrnDefragAlreadyRunning, 2000),
	V(JET_wrnDefragNotRunning, 2001),
#undef V
};

int main(void)
{
	JET_INSTANCE inst = 0, bogus = 0x12345678;
	JET_SESID ses;
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++)
		is(values[i].have, values[i].want, "%s = %ld", values[i].name,
		   values[i].want);

	/* Engine statuses arrive unchanged through libjetk. */
	is(JetBeginSession(bogus, &ses, NULL, NULL), JET_errInvalidInstance,
	   "JetBeginSession(garbage) -> JET_errInvalidInstance");
	is(JetEndSession((JET_SESID)0x4242, 0), JET_errInvalidSesid,
	   "JetEndSession(garbage) -> JET_errInvalidSesid");
	is(JetCreateInstance(&inst, "errcodes"), JET_errSuccess,
	   "JetCreateInstance");
	is(JetCreateInstance2(&bogus, "errcodes", NULL, 0),
	   JET_errInstanceNameInUse, "duplicate name -> InstanceNameInUse");
	is(JetBeginSession(inst, &ses, NULL, NULL), JET_errNotInitialized,
	   "JetBeginSession before JetInit -> JET_errNotInitialized");
	is(JetInit(&inst), JET_errSuccess, "JetInit");
	is(JetInit(&inst), JET_errAlreadyInitialized,
	   "JetInit twice -> JET_errAlreadyInitialized");
	is(JetStopServiceInstance2(inst, 0x1), JET_errInvalidGrbit,
	   "StopServiceInstance2(0x1) -> JET_errInvalidGrbit");
	is(JetTerm(inst), JET_errSuccess, "JetTerm");
	return tap_done();
}
