/* SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT */
/*
 * esent.h for libjetk: the Jet API of Microsoft's Extensible Storage
 * Engine, as jetk serves it on Linux through /dev/jetk.
 *
 * Names, types, error values, grbits, parameter ids and structs are those
 * of Windows' esent.h, so that ESE code compiles here unchanged.  Types
 * keep esent.h's C spellings (unsigned long, long, JET_API_PTR); on LP64
 * Linux unsigned long is 64 bits wide where Windows has 32, which changes
 * struct sizes but not source: always pass sizeof() for cbStruct and cbMax.
 *
 * Strings: the unsuffixed and the A names take UTF-8 char strings (there
 * is no code-page translation); the unsuffixed names are macros for the A
 * functions, as in esent.h without UNICODE.  WCHAR strings in structs are
 * UTF-16 (JET_WCHAR, 2 bytes).  As in esent.h, some structs have anonymous
 * unions: compile as C11 or C++.
 *
 * Each function is one ioctl on /dev/jetk; the process's descriptor is
 * opened on first use.  The library is thread-safe and keeps no state
 * beyond that descriptor.  Functions are declared as libjetk implements
 * them; the types and constants for the rest of the API are here already.
 */
#ifndef JETK_ESENT_H
#define JETK_ESENT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define JET_API
#define JET_NODSAPI
#ifndef JET_VERSION
#define JET_VERSION		0x0A01
#endif

/* Base types (ese-api 4.1) */
typedef long			JET_ERR;
typedef uintptr_t		JET_API_PTR;
typedef JET_API_PTR		JET_INSTANCE;
typedef JET_API_PTR		JET_SESID;
typedef JET_API_PTR		JET_TABLEID;
typedef JET_API_PTR		JET_HANDLE;
typedef JET_API_PTR		JET_LS;
typedef JET_API_PTR		JET_OSSNAPID;
typedef unsigned long		JET_DBID;
typedef unsigned long		JET_COLUMNID;
typedef unsigned long		JET_GRBIT;
typedef unsigned long		JET_COLTYP;
typedef unsigned long		JET_OBJTYP;
typedef unsigned long		JET_CBTYP;
typedef unsigned long		JET_SNP;
typedef unsigned long		JET_SNT;
typedef double			JET_DATESERIAL;
typedef const char		*JET_PCSTR;
typedef char			*JET_PSTR;
typedef unsigned short		JET_WCHAR;	/* one UTF-16 code unit */
typedef const JET_WCHAR		*JET_PCWSTR;
typedef JET_WCHAR		*JET_PWSTR;

#define JET_instanceNil		(~(JET_INSTANCE)0)
#define JET_sesidNil		(~(JET_SESID)0)
#define JET_tableidNil		(~(JET_TABLEID)0)
#define JET_columnidNil		((JET_COLUMNID)0xFFFFFFFF)
#define JET_dbidNil		((JET_DBID)0xFFFFFFFF)
#define JET_dbidNoValid		((JET_DBID)0xFFFFFFFE)
#define JET_bitNil		((JET_GRBIT)0)
#define JET_handleNil		(~(JET_HANDLE)0)

/* Limits */
#define JET_cbBookmarkMost		256
#define JET_cbNameMost			64
#define JET_cbFullNameMost		255
#define JET_cbColumnMost		255
#define JET_cbLVColumnMost		0x7FFFFFFF
#define JET_cbLVDefaultValueMost	255
#define JET_cbColumnLVPageOverhead	82
#define JET_cbKeyMost			255
#define JET_cbPrimaryKeyMost		255
#define JET_cbSecondaryKeyMost		255
#define JET_cbLimitKeyMost		256
#define JET_cbKeyMostMin		255
#define JET_cbKeyMost2KBytePage		500
#define JET_cbKeyMost4KBytePage		1000
#define JET_cbKeyMost8KBytePage		2000
#define JET_cbKeyMost16KBytePage	2000
#define JET_cbKeyMost32KBytePage	2000
#define JET_cbKeyMostMost		JET_cbKeyMost32KBytePage
#define JET_cbBookmarkMostMost		JET_cbKeyMostMost
#define JET_ccolKeyMost			16
#define JET_ccolMost			0x0000FEE0
#define JET_ccolFixedMost		0x0000007F
#define JET_ccolVarMost			0x00000080
#define JET_ccolTaggedMost		(JET_ccolMost - 0x000000FF)
#define JET_levelMost			7	/* deepest transaction nesting */

/* Logs, signatures, positions */
typedef struct {
	char bSeconds;			/* 0 - 59 */
	char bMinutes;			/* 0 - 59 */
	char bHours;			/* 0 - 23 */
	char bDay;			/* 1 - 31 */
	char bMonth;			/* 1 - 12 */
	char bYear;			/* years since 1900 */
	char bFiller1;			/* bit 0: UTC; bits 1-7: ms, low bits */
	char bFiller2;			/* bits 1-3: ms, high bits */
} JET_LOGTIME;

typedef struct {
	unsigned short ib;		/* byte offset within the sector */
	unsigned short isec;		/* sector number within the generation */
	long lGeneration;		/* log file generation */
} JET_LGPOS;

typedef struct {
	unsigned long ulRandom;
	JET_LOGTIME logtimeCreate;
	char szComputerName[16];
} JET_SIGNATURE;

typedef struct {
	JET_LGPOS lgposMark;
	JET_LOGTIME logtimeMark;
	unsigned long genLow;
	unsigned long genHigh;
} JET_BKINFO;

typedef struct {
	JET_SIGNATURE signLog;
	int reserved;
	int64_t commitId;
} JET_COMMIT_ID;

/* Callbacks */
typedef JET_ERR (JET_API *JET_PFNSTATUS)(JET_SESID sesid, JET_SNP snp,
					 JET_SNT snt, void *pv);
typedef JET_ERR (JET_API *JET_CALLBACK)(JET_SESID sesid, JET_DBID dbid,
					JET_TABLEID tableid, JET_CBTYP cbtyp,
					void *pvArg1, void *pvArg2,
					void *pvContext, JET_API_PTR ulUnused);
typedef void (JET_API *JET_PFNDURABLECOMMITCALLBACK)(JET_INSTANCE instance,
						      JET_COMMIT_ID *pCommitIdSeen,
						      JET_GRBIT grbit);

/* Status notification: JET_SNP (process) and JET_SNT (type) values */
#define JET_snpRepair			2
#define JET_snpCompact			4
#define JET_snpRestore			8
#define JET_snpBackup			9
#define JET_snpUpgrade			10
#define JET_snpScrub			11
#define JET_snpUpgradeRecordFormat	12
#define JET_sntBegin			5
#define JET_sntRequirements		7
#define JET_sntProgress			0
#define JET_sntComplete			6
#define JET_sntFail			3

typedef struct {
	unsigned long cbStruct;
	unsigned long cunitDone;
	unsigned long cunitTotal;
} JET_SNPROG;

/* Errors and warnings (ese-api 3; values of ESE's jethdr.w) */
#define JET_errSuccess					0
#define JET_errInternalError				(-107)
#define JET_errRfsFailure				(-100)
#define JET_errRfsNotArmed				(-101)
#define JET_errFileClose				(-102)
#define JET_errOutOfThreads				(-103)
#define JET_errTooManyIO				(-105)
#define JET_errTaskDropped				(-106)
#define JET_errDatabaseBufferDependenciesCorrupted	(-255)
#define JET_errPreviousVersion				(-322)
#define JET_errPageBoundary				(-323)
#define JET_errKeyBoundary				(-324)
#define JET_errBadPageLink				(-327)
#define JET_errBadBookmark				(-328)
#define JET_errNTSystemCallFailed			(-334)
#define JET_errBadParentPageLink			(-338)
#define JET_errSPAvailExtCorrupted			(-341)
#define JET_errSPOwnExtCorrupted			(-343)
#define JET_errDbTimeCorrupted				(-344)
#define JET_errKeyTruncated				(-346)
#define JET_errDatabaseLeakInSpace			(-348)
#define JET_errBadEmptyPage				(-351)
#define JET_errKeyTooBig				(-408)
#define JET_errInvalidLoggedOperation			(-500)
#define JET_errLogFileCorrupt				(-501)
#define JET_errNoBackupDirectory			(-503)
#define JET_errBackupDirectoryNotEmpty			(-504)
#define JET_errBackupInProgress				(-505)
#define JET_errRestoreInProgress			(-506)
#define JET_errMissingPreviousLogFile			(-509)
#define JET_errLogWriteFail				(-510)
#define JET_errLogDisabledDueToRecoveryFailure		(-511)
#define JET_errCannotLogDuringRecoveryRedo		(-512)
#define JET_errLogGenerationMismatch			(-513)
#define JET_errBadLogVersion				(-514)
#define JET_errInvalidLogSequence			(-515)
#define JET_errLoggingDisabled				(-516)
#define JET_errLogBufferTooSmall			(-517)
#define JET_errLogSequenceEnd				(-519)
#define JET_errNoBackup					(-520)
#define JET_errInvalidBackupSequence			(-521)
#define JET_errBackupNotAllowedYet			(-523)
#define JET_errInvalidBackup				(-526)
#define JET_errRecoveredWithErrors			(-527)
#define JET_errMissingLogFile				(-528)
#define JET_errLogDiskFull				(-529)
#define JET_errBadLogSignature				(-530)
#define JET_errBadDbSignature				(-531)
#define JET_errBadCheckpointSignature			(-532)
#define JET_errCheckpointCorrupt			(-533)
#define JET_errRedoAbruptEnded				(-536)
#define JET_errDatabaseLogSetMismatch			(-539)
#define JET_errLogFileSizeMismatch			(-541)
#define JET_errCheckpointFileNotFound			(-542)
#define JET_errRequiredLogFilesMissing			(-543)
#define JET_errSoftRecoveryOnBackupDatabase		(-544)
#define JET_errLogFileSizeMismatchDatabasesConsistent	(-545)
#define JET_errLogSectorSizeMismatch			(-546)
#define JET_errDatabaseDirtyShutdown			(-550)
#define JET_errDatabaseInconsistent			JET_errDatabaseDirtyShutdown
#define JET_errConsistentTimeMismatch			(-551)
#define JET_errDatabaseAlreadyUpgraded			(-562)
#define JET_errDbTimeTooOld				(-566)
#define JET_errDbTimeTooNew				(-567)
#define JET_errBadRestoreTargetInstance			(-577)
#define JET_errRecoveredWithoutUndo			(-579)
#define JET_errCommittedLogFilesMissing			(-582)
#define JET_errSectorSizeNotSupported			(-583)
#define JET_errCommittedLogFileCorrupt			(-586)
#define JET_errUnicodeTranslationBufferTooSmall		(-601)
#define JET_errUnicodeTranslationFail			(-602)
#define JET_errUnicodeNormalizationNotSupported		(-603)
#define JET_errCheckpointDepthTooDeep			(-614)
#define JET_errTransactionTooLong			(-618)
#define JET_errLogServiceStopped			(-624)
#define JET_errBackupAbortByServer			(-801)
#define JET_errInvalidGrbit				(-900)
#define JET_errTermInProgress				(-1000)
#define JET_errFeatureNotAvailable			(-1001)
#define JET_errInvalidName				(-1002)
#define JET_errInvalidParameter				(-1003)
#define JET_errDatabaseFileReadOnly			(-1008)
#define JET_errInvalidDatabaseId			(-1010)
#define JET_errOutOfMemory				(-1011)
#define JET_errOutOfDatabaseSpace			(-1012)
#define JET_errOutOfCursors				(-1013)
#define JET_errOutOfBuffers				(-1014)
#define JET_errTooManyIndexes				(-1015)
#define JET_errTooManyKeys				(-1016)
#define JET_errRecordDeleted				(-1017)
#define JET_errReadVerifyFailure			(-1018)
#define JET_errPageNotInitialized			(-1019)
#define JET_errOutOfFileHandles				(-1020)
#define JET_errDiskReadVerificationFailure		(-1021)
#define JET_errDiskIO					(-1022)
#define JET_errInvalidPath				(-1023)
#define JET_errInvalidSystemPath			(-1024)
#define JET_errInvalidLogDirectory			(-1025)
#define JET_errRecordTooBig				(-1026)
#define JET_errTooManyOpenDatabases			(-1027)
#define JET_errInvalidDatabase				(-1028)
#define JET_errNotInitialized				(-1029)
#define JET_errAlreadyInitialized			(-1030)
#define JET_errInitInProgress				(-1031)
#define JET_errFileAccessDenied				(-1032)
#define JET_errBufferTooSmall				(-1038)
#define JET_errTooManyColumns				(-1040)
#define JET_errContainerNotEmpty			(-1043)
#define JET_errInvalidFilename				(-1044)
#define JET_errInvalidBookmark				(-1045)
#define JET_errColumnInUse				(-1046)
#define JET_errInvalidBufferSize			(-1047)
#define JET_errColumnNotUpdatable			(-1048)
#define JET_errIndexInUse				(-1051)
#define JET_errNullKeyDisallowed			(-1053)
#define JET_errNotInTransaction				(-1054)
#define JET_errMustRollback				(-1057)
#define JET_errTooManyActiveUsers			(-1059)
#define JET_errInvalidCountry				(-1061)
#define JET_errInvalidLanguageId			(-1062)
#define JET_errInvalidCodePage				(-1063)
#define JET_errInvalidLCMapStringFlags			(-1064)
#define JET_errVersionStoreEntryTooBig			(-1065)
#define JET_errVersionStoreOutOfMemoryAndCleanupTimedOut	(-1066)
#define JET_errVersionStoreOutOfMemory			(-1069)
#define JET_errCannotIndex				(-1071)
#define JET_errRecordNotDeleted				(-1072)
#define JET_errOutOfObjectIDs				(-1074)
#define JET_errOutOfLongValueIDs			(-1075)
#define JET_errOutOfAutoincrementValues			(-1076)
#define JET_errOutOfDbtimeValues			(-1077)
#define JET_errOutOfSequentialIndexValues		(-1078)
#define JET_errRunningInOneInstanceMode			(-1080)
#define JET_errRunningInMultiInstanceMode		(-1081)
#define JET_errSystemParamsAlreadySet			(-1082)
#define JET_errSystemPathInUse				(-1083)
#define JET_errLogFilePathInUse				(-1084)
#define JET_errTempPathInUse				(-1085)
#define JET_errInstanceNameInUse			(-1086)
#define JET_errSystemParameterConflict			(-1087)
#define JET_errInstanceUnavailable			(-1090)
#define JET_errDatabaseUnavailable			(-1091)
#define JET_errInstanceUnavailableDueToFatalLogDiskFull	(-1092)
#define JET_errInvalidSesparamId			(-1093)
#define JET_errTooManyRecords				(-1094)
#define JET_errOutOfSessions				(-1101)
#define JET_errWriteConflict				(-1102)
#define JET_errTransTooDeep				(-1103)
#define JET_errInvalidSesid				(-1104)
#define JET_errWriteConflictPrimaryIndex		(-1105)
#define JET_errInTransaction				(-1108)
#define JET_errRollbackRequired				(-1109)
#define JET_errTransReadOnly				(-1110)
#define JET_errSessionWriteConflict			(-1111)
#define JET_errRecordTooBigForBackwardCompatibility	(-1112)
#define JET_errSesidTableIdMismatch			(-1114)
#define JET_errInvalidInstance				(-1115)
#define JET_errDirtyShutdown				(-1116)
#define JET_errReadPgnoVerifyFailure			(-1118)
#define JET_errReadLostFlushVerifyFailure		(-1119)
#define JET_errFileSystemCorruption			(-1121)
#define JET_errRecoveryVerifyFailure			(-1123)
#define JET_errFilteredMoveNotSupported			(-1124)
#define JET_errDatabaseDuplicate			(-1201)
#define JET_errDatabaseInUse				(-1202)
#define JET_errDatabaseNotFound				(-1203)
#define JET_errDatabaseInvalidName			(-1204)
#define JET_errDatabaseInvalidPages			(-1205)
#define JET_errDatabaseCorrupted			(-1206)
#define JET_errDatabaseLocked				(-1207)
#define JET_errCannotDisableVersioning			(-1208)
#define JET_errInvalidDatabaseVersion			(-1209)
#define JET_errPageSizeMismatch				(-1213)
#define JET_errTooManyInstances				(-1214)
#define JET_errDatabaseSharingViolation			(-1215)
#define JET_errAttachedDatabaseMismatch			(-1216)
#define JET_errDatabaseInvalidPath			(-1217)
#define JET_errForceDetachNotAllowed			(-1219)
#define JET_errCatalogCorrupted				(-1220)
#define JET_errPartiallyAttachedDB			(-1221)
#define JET_errDatabaseSignInUse			(-1222)
#define JET_errDatabaseCorruptedNoRepair		(-1224)
#define JET_errTableLocked				(-1302)
#define JET_errTableDuplicate				(-1303)
#define JET_errTableInUse				(-1304)
#define JET_errObjectNotFound				(-1305)
#define JET_errDensityInvalid				(-1307)
#define JET_errTableNotEmpty				(-1308)
#define JET_errInvalidTableId				(-1310)
#define JET_errTooManyOpenTables			(-1311)
#define JET_errIllegalOperation				(-1312)
#define JET_errTooManyOpenTablesAndCleanupTimedOut	(-1313)
#define JET_errObjectDuplicate				(-1314)
#define JET_errInvalidObject				(-1316)
#define JET_errCannotDeleteTempTable			(-1317)
#define JET_errCannotDeleteSystemTable			(-1318)
#define JET_errCannotDeleteTemplateTable		(-1319)
#define JET_errExclusiveTableLockRequired		(-1322)
#define JET_errFixedDDL					(-1323)
#define JET_errFixedInheritedDDL			(-1324)
#define JET_errCannotNestDDL				(-1325)
#define JET_errDDLNotInheritable			(-1326)
#define JET_errInvalidSettings				(-1328)
#define JET_errClientRequestToStopJetService		(-1329)
#define JET_errCannotAddFixedVarColumnToDerivedTable	(-1330)
#define JET_errIndexCantBuild				(-1401)
#define JET_errIndexHasPrimary				(-1402)
#define JET_errIndexDuplicate				(-1403)
#define JET_errIndexNotFound				(-1404)
#define JET_errIndexMustStay				(-1405)
#define JET_errIndexInvalidDef				(-1406)
#define JET_errInvalidCreateIndex			(-1409)
#define JET_errTooManyOpenIndexes			(-1410)
#define JET_errMultiValuedIndexViolation		(-1411)
#define JET_errIndexBuildCorrupted			(-1412)
#define JET_errPrimaryIndexCorrupted			(-1413)
#define JET_errSecondaryIndexCorrupted			(-1414)
#define JET_errInvalidIndexId				(-1416)
#define JET_errColumnLong				(-1501)
#define JET_errColumnNoChunk				(-1502)
#define JET_errColumnDoesNotFit				(-1503)
#define JET_errNullInvalid				(-1504)
#define JET_errColumnIllegalNull			JET_errNullInvalid
#define JET_errColumnIndexed				(-1505)
#define JET_errColumnTooBig				(-1506)
#define JET_errColumnNotFound				(-1507)
#define JET_errColumnDuplicate				(-1508)
#define JET_errMultiValuedColumnMustBeTagged		(-1509)
#define JET_errColumnRedundant				(-1510)
#define JET_errInvalidColumnType			(-1511)
#define JET_errTaggedNotNULL				(-1514)
#define JET_errNoCurrentIndex				(-1515)
#define JET_errKeyIsMade				(-1516)
#define JET_errBadColumnId				(-1517)
#define JET_errBadItagSequence				(-1518)
#define JET_errCannotBeTagged				(-1521)
#define JET_errDefaultValueTooBig			(-1524)
#define JET_errMultiValuedDuplicate			(-1525)
#define JET_errLVCorrupted				(-1526)
#define JET_errColumnCannotBeCompressed			(-1538)
#define JET_errRecordNotFound				(-1601)
#define JET_errRecordNoCopy				(-1602)
#define JET_errNoCurrentRecord				(-1603)
#define JET_errRecordPrimaryChanged			(-1604)
#define JET_errKeyDuplicate				(-1605)
#define JET_errAlreadyPrepared				(-1607)
#define JET_errKeyNotMade				(-1608)
#define JET_errUpdateNotPrepared			(-1609)
#define JET_errDataHasChanged				(-1611)
#define JET_errLanguageNotSupported			(-1619)
#define JET_errDecompressionFailed			(-1620)
#define JET_errUpdateMustVersion			(-1621)
#define JET_errSetAutoIncrementTooHigh			(-1624)
#define JET_errAutoIncrementNotSet			(-1625)
#define JET_errTooManySorts				(-1701)
#define JET_errInvalidOnSort				(-1702)
#define JET_errTempFileOpenError			(-1803)
#define JET_errTooManyAttachedDatabases			(-1805)
#define JET_errDiskFull					(-1808)
#define JET_errPermissionDenied				(-1809)
#define JET_errFileNotFound				(-1811)
#define JET_errFileInvalidType				(-1812)
#define JET_errFileAlreadyExists			(-1814)
#define JET_errAfterInitialization			(-1850)
#define JET_errLogCorrupted				(-1852)
#define JET_errInvalidOperation				(-1906)
#define JET_errAccessDenied				(-1907)
#define JET_errTooManySplits				(-1909)
#define JET_errSessionSharingViolation			(-1910)
#define JET_errEntryPointNotFound			(-1911)
#define JET_errSessionContextAlreadySet			(-1912)
#define JET_errSessionContextNotSetByThisThread		(-1913)
#define JET_errSessionInUse				(-1914)
#define JET_errRecordFormatConversionFailed		(-1915)
#define JET_errOneDatabasePerSession			(-1916)
#define JET_errRollbackError				(-1917)
#define JET_errFlushMapVersionUnsupported		(-1918)
#define JET_errFlushMapDatabaseMismatch			(-1919)
#define JET_errFlushMapUnrecoverable			(-1920)
#define JET_errDatabaseAlreadyRunningMaintenance	(-2004)
#define JET_errCallbackFailed				(-2101)
#define JET_errCallbackNotResolved			(-2102)
#define JET_errSpaceHintsInvalid			(-2103)
#define JET_errOSSnapshotInvalidSequence		(-2401)
#define JET_errOSSnapshotTimeOut			(-2402)
#define JET_errOSSnapshotNotAllowed			(-2403)

#define JET_wrnNyi					(-1)
#define JET_wrnRemainingVersions			321
#define JET_wrnUniqueKey				345
#define JET_wrnSeparateLongValue			406
#define JET_wrnNoMoreRecords				428
#define JET_wrnExistingLogFileHasBadSignature		558
#define JET_wrnExistingLogFileIsNotContiguous		559
#define JET_wrnTargetInstanceRunning			578
#define JET_wrnCommittedLogFilesLost			585
#define JET_wrnCommittedLogFilesRemoved			587
#define JET_wrnFinishWithUndo				588
#define JET_wrnDatabaseRepaired				595
#define JET_wrnColumnNull				1004
#define JET_wrnBufferTruncated				1006
#define JET_wrnDatabaseAttached				1007
#define JET_wrnSortOverflow				1009
#define JET_wrnSeekNotEqual				1039
#define JET_wrnRecordFoundGreater			JET_wrnSeekNotEqual
#define JET_wrnRecordFoundLess				JET_wrnSeekNotEqual
#define JET_wrnNoErrorInfo				1055
#define JET_wrnNoIdleActivity				1058
#define JET_wrnNoWriteLock				1067
#define JET_wrnColumnSetNull				1068
#define JET_wrnShrinkNotPossible			1122
#define JET_wrnTableEmpty				1301
#define JET_wrnTableInUseBySystem			1327
#define JET_wrnCorruptIndexDeleted			1415
#define JET_wrnPrimaryIndexOutOfDate			1417
#define JET_wrnSecondaryIndexOutOfDate			1418
#define JET_wrnColumnMaxTruncated			1512
#define JET_wrnCopyLongValue				1520
#define JET_wrnTaggedColumnsRemaining			1523
#define JET_wrnColumnSkipped				1531
#define JET_wrnColumnNotLocal				1532
#define JET_wrnColumnMoreTags				1533
#define JET_wrnColumnTruncated				1534
#define JET_wrnColumnPresent				1535
#define JET_wrnColumnSingleValue			1536
#define JET_wrnColumnDefault				1537
#define JET_wrnColumnNotInRecord			1539
#define JET_wrnColumnReference				1541
#define JET_wrnDataHasChanged				1610
#define JET_wrnKeyChanged				1618
#define JET_wrnFileOpenReadOnly				1813
#define JET_wrnIdleFull					1908
#define JET_wrnDefragAlreadyRunning			2000
#define JET_wrnDefragNotRunning				2001
#define JET_wrnDatabaseScanAlreadyRunning		2002
#define JET_wrnDatabaseScanNotRunning			2003
#define JET_wrnCallbackNotRegistered			2100

/* System parameters (ese-api 4.8): ids for JetSet/GetSystemParameter */
#define JET_paramSystemPath			0
#define JET_paramTempPath			1
#define JET_paramLogFilePath			2
#define JET_paramBaseName			3
#define JET_paramEventSource			4
#define JET_paramMaxSessions			5
#define JET_paramMaxOpenTables			6
#define JET_paramPreferredMaxOpenTables		7
#define JET_paramMaxCursors			8
#define JET_paramMaxVerPages			9
#define JET_paramMaxTemporaryTables		10
#define JET_paramLogFileSize			11
#define JET_paramLogBuffers			12
#define JET_paramCommitDefault			16
#define JET_paramCircularLog			17
#define JET_paramDbExtensionSize		18
#define JET_paramPageTempDBMin			19
#define JET_paramCacheSizeMax			23
#define JET_paramCheckpointDepthMax		24
#define JET_paramStartFlushThreshold		31
#define JET_paramStopFlushThreshold		32
#define JET_paramRecovery			34
#define JET_paramEnableOnlineDefrag		35
#define JET_paramTransactionLevel		38
#define JET_paramCacheSize			41
#define JET_paramEnableIndexChecking		45
#define JET_paramEnableTempTableVersioning	46
#define JET_paramEventSourceKey			49
#define JET_paramNoInformationEvent		50
#define JET_paramEventLoggingLevel		51
#define JET_paramDeleteOutOfRangeLogs		52
#define JET_paramAccessDeniedRetryPeriod	53
#define JET_paramEnableIndexCleanup		54
#define JET_paramCacheSizeMin			60
#define JET_paramLogFileFailoverPath		61
#define JET_paramPreferredVerPages		63
#define JET_paramDatabasePageSize		64
#define JET_paramDisableCallbacks		65
#define JET_paramBackupChunkSize		66
#define JET_paramBackupOutstandingReads		67
#define JET_paramLogFileCreateAsynch		69
#define JET_paramErrorToString			70
#define JET_paramZeroDatabaseDuringBackup	71
#define JET_paramUnicodeIndexDefault		72
#define JET_paramRuntimeCallback		73
#define JET_paramCleanupMismatchedLogFiles	77
#define JET_paramRecordUpgradeDirtyLevel	78
#define JET_paramGlobalMinVerPages		81
#define JET_paramOSSnapshotTimeout		82
#define JET_paramExceptionAction		98
#define JET_paramEventLogCache			99
#define JET_paramCreatePathIfNotExist		100
#define JET_paramPageHintCacheSize		101
#define JET_paramOneDatabasePerSession		102
#define JET_paramMaxInstances			104
#define JET_paramVersionStoreTaskQueueMax	105
#define JET_paramIdleFlushTime			106
#define JET_paramDisablePerfmon			107
#define JET_paramAbortRetryFailCallback		108
#define JET_paramVAReserve			109
#define JET_paramIndexTuplesLengthMin		110
#define JET_paramIndexTuplesLengthMax		111
#define JET_paramIndexTuplesToIndexMax		112
#define JET_paramAlternateDatabaseRecoveryPath	113
#define JET_paramMaxRandomIOSize		124
#define JET_paramCachedClosedTables		125
#define JET_paramEnableFileCache		126
#define JET_paramEnableViewCache		127
#define JET_paramVerPageSize			128
#define JET_paramConfiguration			129
#define JET_paramEnableAdvanced			130
#define JET_paramMaxColtyp			131
#define JET_paramKeyMost			134
#define JET_paramCheckpointIOMax		135
#define JET_paramLegacyFileNames		136
#define JET_paramTableClass1Name		137
#define JET_paramTableClass2Name		138
#define JET_paramTableClass3Name		139
#define JET_paramTableClass4Name		140
#define JET_paramTableClass5Name		141
#define JET_paramTableClass6Name		142
#define JET_paramTableClass7Name		143
#define JET_paramTableClass8Name		144
#define JET_paramTableClass9Name		145
#define JET_paramTableClass10Name		146
#define JET_paramTableClass11Name		147
#define JET_paramTableClass12Name		148
#define JET_paramTableClass13Name		149
#define JET_paramTableClass14Name		150
#define JET_paramTableClass15Name		151
#define JET_paramIOPriority			152
#define JET_paramWaypointLatency		153
#define JET_paramCheckpointTooDeep		154
#define JET_paramDisableBlockVerification	155
#define JET_paramEnablePersistedCallbacks	156
#define JET_paramAggressiveLogRollover		157
#define JET_paramPeriodicLogRolloverLLR		158
#define JET_paramUsePageDependencies		159
#define JET_paramDefragmentSequentialBTrees	160
#define JET_paramIOThrottlingTimeQuanta		162
#define JET_paramLVChunkSizeMost		163
#define JET_paramMaxCoalesceReadSize		164
#define JET_paramMaxCoalesceWriteSize		165
#define JET_paramMaxCoalesceReadGapSize		166
#define JET_paramMaxCoalesceWriteGapSize	167
#define JET_paramEnableHaPublish		168
#define JET_paramEnableDBScanInRecovery		169
#define JET_paramDbScanThrottle			170
#define JET_paramDbScanIntervalMinSec		171
#define JET_paramDbScanIntervalMaxSec		172
#define JET_paramEmitLogDataCallback		173
#define JET_paramEmitLogDataCallbackCtx		174
#define JET_paramEnableExternalAutoHealing	175
#define JET_paramPatchRequestTimeout		176
#define JET_paramCachePriority			177
#define JET_paramMaxTransactionSize		178
#define JET_paramPrereadIOMax			179
#define JET_paramEnableDBScanSerialization	180
#define JET_paramHungIOThreshold		181
#define JET_paramHungIOActions			182
#define JET_paramMinDataForXpress		183
#define JET_paramEnableShrinkDatabase		184
#define JET_paramProcessFriendlyName		186
#define JET_paramDurableCommitCallback		187
#define JET_paramEnableSqm			188
#define JET_paramConfigStoreSpec		189
#define JET_paramStageFlighting			190
#define JET_paramZeroDatabaseUnusedSpace	191
#define JET_paramDisableVerifications		192
#define JET_paramPersistedLostFlushDetection	193
#define JET_paramEngineFormatVersion		194
#define JET_paramReplayThrottlingLevel		195
#define JET_paramTableClass16Name		196
#define JET_paramTableClass17Name		197
#define JET_paramTableClass18Name		198
#define JET_paramTableClass19Name		199
#define JET_paramTableClass20Name		200
#define JET_paramTableClass21Name		201
#define JET_paramTableClass22Name		202
#define JET_paramTableClass23Name		203
#define JET_paramTableClass24Name		204
#define JET_paramTableClass25Name		205
#define JET_paramTableClass26Name		206
#define JET_paramTableClass27Name		207
#define JET_paramTableClass28Name		208
#define JET_paramTableClass29Name		209
#define JET_paramTableClass30Name		210
#define JET_paramTableClass31Name		211
#define JET_paramBlockCacheConfiguration	212
#define JET_paramRecordSizeMost			213
#define JET_paramUseFlushForWriteDurability	214
#define JET_paramEnableRBS			215
#define JET_paramRBSFilePath			216
#define JET_paramPerfmonRefreshInterval		217
#define JET_paramEnableBlockCache		218
#define JET_paramDeferredIndexPopulateRowsPerTransaction	219
#define JET_paramEnableBlockCacheDetach		220
#define JET_paramOnLineCompact			JET_paramEnableOnlineDefrag
#define JET_paramMaxValueInvalid		221

/* JET_paramRecovery strings, JET_paramEnableOnlineDefrag values (ese-api 7.1) */
#define JET_OnlineDefragDisable			0x0000
#define JET_OnlineDefragAllOBSOLETE		0x0001
#define JET_OnlineDefragDatabases		0x0002
#define JET_OnlineDefragSpaceTrees		0x0004
#define JET_OnlineDefragStreamingFiles		0x0008
#define JET_OnlineDefragAll			0xFFFF

/* JetInit2/JetInit3 grbits (ese-api 4.2) */
#define JET_bitReplayReplicatedLogFiles		0x00000001
#define JET_bitReplayIgnoreMissingDB		0x00000004
#define JET_bitRecoveryWithoutUndo		0x00000008
#define JET_bitTruncateLogsAfterRecovery	0x00000010
#define JET_bitReplayMissingMapEntryDB		0x00000020
#define JET_bitLogStreamMustExist		0x00000040
#define JET_bitReplayIgnoreLostLogs		0x00000080
#define JET_bitAllowMissingCurrentLog		0x00000100
#define JET_bitAllowSoftRecoveryOnBackup	0x00000200
#define JET_bitSkipLostLogsEvent		0x00000400
#define JET_bitExternalRecoveryControl		0x00000800
#define JET_bitKeepDbAttachedAtEndOfRecovery	0x00001000
#define JET_bitReplayIgnoreLogRecordsBeforeMinRequiredLog 0x00002000
#define JET_bitReplayInferCheckpointFromRstmapDbs 0x00004000

/* JetTerm2 grbits (ese-api 2.1) */
#define JET_bitTermComplete			0x00000001
#define JET_bitTermAbrupt			0x00000002
#define JET_bitTermStopBackup			0x00000004
#define JET_bitTermDirty			0x00000008

/* JetStopServiceInstance2 grbits (ese-api 1.2) */
#define JET_bitStopServiceAll			0x00000000
#define JET_bitStopServiceBackgroundUserTasks	0x00000002
#define JET_bitStopServiceQuiesceCaches		0x00000004
#define JET_bitStopServiceStopAndEmitLog	0x00000008
#define JET_bitStopServiceResume		0x80000000

/* JetEndSession grbit (ese-api 4.3) */
#define JET_bitForceSessionClosed		0x00000001

/* JetGetSessionInfo levels */
#define JET_SessionInfo				0

/* Databases (ese-api 4.4): attach, open and create grbits */
#define JET_bitDbReadOnly			0x00000001
#define JET_bitDbExclusive			0x00000002
#define JET_bitDbSingleExclusive		0x00000002
#define JET_bitDbDeleteCorruptIndexes		0x00000010
#define JET_bitDbRebuildCorruptIndexes		0x00000020
#define JET_bitDbUpgrade			0x00000200
#define JET_bitDbDeleteUnicodeIndexes		0x00000400
#define JET_bitDbEnableBackgroundMaintenance	0x00000800
#define JET_bitDbPurgeCacheOnAttach		0x00001000
#define JET_bitDbRecoveryOff			0x00000008
#define JET_bitDbVersioningOff			0x00000040
#define JET_bitDbShadowingOff			0x00000080
#define JET_bitDbOverwriteExisting		0x00000200
#define JET_bitForceDetach			0x00000001
#define JET_bitForceCloseAndDetach		0x00000003

/* JET_DBINFOMISC.dbstate values */
#define JET_dbstateJustCreated			1
#define JET_dbstateDirtyShutdown		2
#define JET_dbstateCleanShutdown		3
#define JET_dbstateBeingConverted		4
#define JET_dbstateForceDetach			5
#define JET_dbstateIncrementalReseedInProgress	6
#define JET_dbstateDirtyAndPatchedShutdown	7
#define JET_dbstateRevertInProgress		8

/* JetGetDatabaseInfo levels */
#define JET_DbInfoFilename			0
#define JET_DbInfoConnect			1
#define JET_DbInfoCountry			2
#define JET_DbInfoLCID				3
#define JET_DbInfoLangid			3
#define JET_DbInfoCp				4
#define JET_DbInfoCollate			5
#define JET_DbInfoOptions			6
#define JET_DbInfoTransactions			7
#define JET_DbInfoVersion			8
#define JET_DbInfoIsam				9
#define JET_DbInfoFilesize			10
#define JET_DbInfoSpaceOwned			11
#define JET_DbInfoSpaceAvailable		12
#define JET_DbInfoUpgrade			13
#define JET_DbInfoMisc				14
#define JET_DbInfoDBInUse			15
#define JET_DbInfoPageSize			17
#define JET_DbInfoFileType			19
#define JET_DbInfoFilesizeOnDisk		21

/* Column types (ese-api 4.5) */
#define JET_coltypNil				0
#define JET_coltypBit				1
#define JET_coltypUnsignedByte			2
#define JET_coltypShort				3
#define JET_coltypLong				4
#define JET_coltypCurrency			5
#define JET_coltypIEEESingle			6
#define JET_coltypIEEEDouble			7
#define JET_coltypDateTime			8
#define JET_coltypBinary			9
#define JET_coltypText				10
#define JET_coltypLongBinary			11
#define JET_coltypLongText			12
#define JET_coltypSLV				13
#define JET_coltypUnsignedLong			14
#define JET_coltypLongLong			15
#define JET_coltypGUID				16
#define JET_coltypUnsignedShort			17
#define JET_coltypUnsignedLongLong		18
#define JET_coltypMax				19

/* Code pages for text columns */
#define JET_cpUnicode				1200
#define JET_cpANSI				1252

/* Column grbits */
#define JET_bitColumnFixed			0x00000001
#define JET_bitColumnTagged			0x00000002
#define JET_bitColumnNotNULL			0x00000004
#define JET_bitColumnVersion			0x00000008
#define JET_bitColumnAutoincrement		0x00000010
#define JET_bitColumnUpdatable			0x00000020
#define JET_bitColumnTTKey			0x00000040
#define JET_bitColumnTTDescending		0x00000080
#define JET_bitColumnMultiValued		0x00000400
#define JET_bitColumnEscrowUpdate		0x00000800
#define JET_bitColumnUnversioned		0x00001000
#define JET_bitColumnMaybeNull			0x00002000
#define JET_bitColumnFinalize			0x00004000
#define JET_bitColumnUserDefinedDefault		0x00008000
#define JET_bitColumnRenameConvertToPrimaryIndexPlaceholder 0x00010000
#define JET_bitColumnDeleteOnZero		0x00020000
#define JET_bitColumnVariable			0x00040000
#define JET_bitColumnCompressed			0x00080000
#define JET_bitColumnEncrypted			0x00100000
#define JET_bitDeleteColumnIgnoreTemplateColumns 0x00000001

/* Table create grbits */
#define JET_bitTableCreateFixedDDL		0x00000001
#define JET_bitTableCreateTemplateTable		0x00000002
#define JET_bitTableCreateNoFixedVarColumnsInDerivedTables 0x00000004
#define JET_bitTableCreateImmutableStructure	0x00000008
#define JET_bitTableCreateSystemTable		0x80000000

/* Index grbits */
#define JET_bitIndexUnique			0x00000001
#define JET_bitIndexPrimary			0x00000002
#define JET_bitIndexDisallowNull		0x00000004
#define JET_bitIndexIgnoreNull			0x00000008
#define JET_bitIndexClustered40			0x00000010
#define JET_bitIndexIgnoreAnyNull		0x00000020
#define JET_bitIndexIgnoreFirstNull		0x00000040
#define JET_bitIndexLazyFlush			0x00000080
#define JET_bitIndexEmpty			0x00000100
#define JET_bitIndexUnversioned			0x00000200
#define JET_bitIndexSortNullsHigh		0x00000400
#define JET_bitIndexUnicode			0x00000800
#define JET_bitIndexTuples			0x00001000
#define JET_bitIndexTupleLimits			0x00002000
#define JET_bitIndexCrossProduct		0x00004000
#define JET_bitIndexKeyMost			0x00008000
#define JET_bitIndexDisallowTruncation		0x00010000
#define JET_bitIndexNestedTable			0x00020000
#define JET_bitIndexDotNetGuid			0x00040000
#define JET_bitIndexImmutableStructure		0x00080000
#define JET_bitIndexDeferredPopulateCreate	0x00100000
#define JET_bitIndexDeferredPopulateProcess	0x00200000
#define JET_bitIndexOptionallyUnique		0x00400000
#define JET_bitKeyAscending			0x00000000
#define JET_bitKeyDescending			0x00000001
#define JET_bitConditionalColumnMustBeNull	0x00000001
#define JET_bitConditionalColumnMustBeNonNull	0x00000002

/* JetOpenTable grbits */
#define JET_bitTableDenyWrite			0x00000001
#define JET_bitTableDenyRead			0x00000002
#define JET_bitTableReadOnly			0x00000004
#define JET_bitTableUpdatable			0x00000008
#define JET_bitTablePermitDDL			0x00000010
#define JET_bitTableNoCache			0x00000020
#define JET_bitTablePreread			0x00000040
#define JET_bitTableOpportuneRead		0x00000080
#define JET_bitTableAllowOutOfDate		0x00000100
#define JET_bitTableSequential			0x00008000
#define JET_bitTableClassMask			0x001F0000
#define JET_bitTableClassNone			0x00000000
#define JET_bitTableClass1			0x00010000
#define JET_bitTableClass2			0x00020000
#define JET_bitTableClass3			0x00030000
#define JET_bitTableClass4			0x00040000
#define JET_bitTableClass5			0x00050000
#define JET_bitTableClass6			0x00060000
#define JET_bitTableClass7			0x00070000
#define JET_bitTableClass8			0x00080000
#define JET_bitTableClass9			0x00090000
#define JET_bitTableClass10			0x000A0000
#define JET_bitTableClass11			0x000B0000
#define JET_bitTableClass12			0x000C0000
#define JET_bitTableClass13			0x000D0000
#define JET_bitTableClass14			0x000E0000
#define JET_bitTableClass15			0x000F0000

/* Transactions (ese-api 4.7) */
#define JET_bitTransactionReadOnly		0x00000001
#define JET_bitDistributedTransaction		0x00000002
#define JET_bitCommitLazyFlush			0x00000001
#define JET_bitWaitLastLevel0Commit		0x00000002
#define JET_bitWaitAllLevel0Commit		0x00000008
#define JET_bitForceNewLog			0x00000010
#define JET_bitCommitRedoCallback		0x00000020
#define JET_bitCommitFlush_OLD			0x00000001
#define JET_bitCommitLazyFlush_OLD		0x00000004
#define JET_bitWaitLastLevel0Commit_OLD		0x00000010
#define JET_bitRollbackAll			0x00000001
#define JET_bitRollbackRedoCallback		0x00000020

/* JetPrepareUpdate (values, not bits) */
#define JET_prepInsert				0
#define JET_prepReplace				2
#define JET_prepCancel				3
#define JET_prepReplaceNoLock			4
#define JET_prepInsertCopy			5
#define JET_prepInsertCopyDeleteOriginal	7
#define JET_prepReadOnlyCopy			8
#define JET_prepInsertCopyReplaceOriginal	9
#define JET_prepInsertMustSetAutoIncrement	10

/* JetUpdate2 grbits */
#define JET_bitUpdateCheckESE97Compatibility	0x00000001
#define JET_bitUpdateNoVersion			0x00000002
#define JET_bitUpdateEnforceOptionallyUniqueIndices 0x00000004

/* JetSetColumn grbits */
#define JET_bitSetAppendLV			0x00000001
#define JET_bitSetOverwriteLV			0x00000004
#define JET_bitSetSizeLV			0x00000008
#define JET_bitSetZeroLength			0x00000020
#define JET_bitSetSeparateLV			0x00000040
#define JET_bitSetUniqueMultiValues		0x00000080
#define JET_bitSetUniqueNormalizedMultiValues	0x00000100
#define JET_bitSetRevertToDefaultValue		0x00000200
#define JET_bitSetIntrinsicLV			0x00000400
#define JET_bitSetUncompressed			0x00010000
#define JET_bitSetCompressed			0x00020000
#define JET_bitSetContiguousLV			0x00040000

/* JetRetrieveColumn grbits */
#define JET_bitRetrieveCopy			0x00000001
#define JET_bitRetrieveFromIndex		0x00000002
#define JET_bitRetrieveFromPrimaryBookmark	0x00000004
#define JET_bitRetrieveTag			0x00000008
#define JET_bitRetrieveNull			0x00000010
#define JET_bitRetrieveIgnoreDefault		0x00000020
#define JET_bitRetrieveLongId			0x00000040
#define JET_bitRetrieveLongValueRefCount	0x00000080
#define JET_bitRetrieveTuple			0x00000800
#define JET_bitRetrievePageNumber		0x00001000
#define JET_bitRetrieveCopyIntrinsic		0x00002000
#define JET_bitRetrievePrereadOnly		0x00004000
#define JET_bitRetrievePrereadMany		0x00008000
#define JET_bitRetrievePhysicalSize		0x00010000
#define JET_bitRetrieveAsRefIfNotInRecord	0x00020000

/* JetEscrowUpdate, JetGetLock */
#define JET_bitEscrowNoRollback			0x00000001
#define JET_bitReadLock				0x00000001
#define JET_bitWriteLock			0x00000002
#define JET_bitKeyLock				0x00000004

/* JetMove: cRow and grbit */
#define JET_MoveFirst				((long)0x80000000)
#define JET_MovePrevious			(-1)
#define JET_MoveNext				(+1)
#define JET_MoveLast				(0x7FFFFFFF)
#define JET_bitMoveKeyNE			0x00000001

/* JetSetCurrentIndex2 */
#define JET_bitMoveFirst			0x00000000
#define JET_bitMoveBeforeFirst			0x00000001
#define JET_bitNoMove				0x00000002

/* JetMakeKey */
#define JET_bitNewKey				0x00000001
#define JET_bitStrLimit				0x00000002
#define JET_bitSubStrLimit			0x00000004
#define JET_bitNormalizedKey			0x00000008
#define JET_bitKeyDataZeroLength		0x00000010
#define JET_bitKeyOverridePrimaryIndexPlaceholder 0x00000020
#define JET_bitFullColumnStartLimit		0x00000100
#define JET_bitFullColumnEndLimit		0x00000200
#define JET_bitPartialColumnStartLimit		0x00000400
#define JET_bitPartialColumnEndLimit		0x00000800
#define JET_maskLimitOptions			0x00000F00

/* JetSeek */
#define JET_bitSeekEQ				0x00000001
#define JET_bitSeekLT				0x00000002
#define JET_bitSeekLE				0x00000004
#define JET_bitSeekGE				0x00000008
#define JET_bitSeekGT				0x00000010
#define JET_bitSetIndexRange			0x00000020
#define JET_bitCheckUniqueness			0x00000040

/* JetSetIndexRange */
#define JET_bitRangeInclusive			0x00000001
#define JET_bitRangeUpperLimit			0x00000002
#define JET_bitRangeInstantDuration		0x00000004
#define JET_bitRangeRemove			0x00000008
#define JET_bitRecordInIndex			0x00000001
#define JET_bitRecordNotInIndex			0x00000002
#define JET_bitBookmarkPermitVirtualCurrency	0x00000001

/* Temporary tables */
#define JET_bitTTIndexed			0x00000001
#define JET_bitTTUnique				0x00000002
#define JET_bitTTUpdatable			0x00000004
#define JET_bitTTScrollable			0x00000008
#define JET_bitTTSortNullsHigh			0x00000010
#define JET_bitTTForceMaterialization		0x00000020
#define JET_bitTTErrorOnDuplicateInsertion	JET_bitTTForceMaterialization
#define JET_bitTTForwardOnly			0x00000040
#define JET_bitTTIntrinsicLVsOnly		0x00000080
#define JET_bitTTDotNetGuid			0x00000100

/* JetIdle */
#define JET_bitIdleFlushBuffers			0x00000001
#define JET_bitIdleCompact			0x00000002
#define JET_bitIdleStatus			0x00000004
#define JET_bitIdleCompactAsync			0x00000010
#define JET_bitIdleAvailBuffersStatus		0x00000020
#define JET_bitIdleWaitForAsyncActivity		0x00000040

/* JetDefragment (ese-api 7.1) */
#define JET_bitDefragmentBatchStart		0x00000001
#define JET_bitDefragmentBatchStop		0x00000002
#define JET_bitDefragmentAvailSpaceTreesOnly	0x00000040
#define JET_bitDefragmentNoPartialMerges	0x00000080
#define JET_bitDefragmentBTree			0x00000100
#define JET_bitDefragmentBTreeBatch		0x00000200

/* Info levels: columns, tables, indexes */
#define JET_ColInfo				0
#define JET_ColInfoList				1
#define JET_ColInfoSysTabCursor			3
#define JET_ColInfoBase				4
#define JET_ColInfoListCompact			5
#define JET_ColInfoByColid			6
#define JET_ColInfoListSortColumnid		7
#define JET_ColInfoBaseByColid			8
#define JET_ColInfoGrbitNonDerivedColumnsOnly	0x80000000
#define JET_ColInfoGrbitMinimalInfo		0x40000000
#define JET_ColInfoGrbitSortByColumnid		0x20000000
#define JET_TblInfo				0
#define JET_TblInfoName				1
#define JET_TblInfoDbid				2
#define JET_TblInfoMostMany			3
#define JET_TblInfoRvt				4
#define JET_TblInfoOLC				5
#define JET_TblInfoResetOLC			6
#define JET_TblInfoSpaceUsage			7
#define JET_TblInfoDumpTable			8
#define JET_TblInfoSpaceAlloc			9
#define JET_TblInfoSpaceOwned			10
#define JET_TblInfoSpaceAvailable		11
#define JET_TblInfoTemplateTableName		12
#define JET_TblInfoLVChunkMax			13
#define JET_TblInfoEncryptionKey		14
#define JET_TblInfoRetrieveAndReserveAutoIncrement 16
#define JET_TblInfoSpaceOwnedLV			17
#define JET_TblInfoSpaceAvailableLV		18
#define JET_TblInfoObjectId			19
#define JET_IdxInfo				0
#define JET_IdxInfoList				1
#define JET_IdxInfoSysTabCursor			2
#define JET_IdxInfoOLC				3
#define JET_IdxInfoResetOLC			4
#define JET_IdxInfoSpaceAlloc			5
#define JET_IdxInfoLCID				6
#define JET_IdxInfoLangid			6
#define JET_IdxInfoCount			7
#define JET_IdxInfoVarSegMac			8
#define JET_IdxInfoIndexId			9
#define JET_IdxInfoKeyMost			10
#define JET_IdxInfoCreateIndex			11
#define JET_IdxInfoCreateIndex2			12
#define JET_IdxInfoCreateIndex3			13
#define JET_IdxInfoLocaleName			14

/* Object types */
#define JET_objtypNil				0
#define JET_objtypTable				1

/* JET_OBJECTINFO.grbit and .flags */
#define JET_bitTableInfoUpdatable		0x00000001
#define JET_bitTableInfoBookmark		0x00000002
#define JET_bitTableInfoRollback		0x00000004
#define JET_bitObjectSystem			0x80000000
#define JET_bitObjectTableFixedDDL		0x40000000
#define JET_bitObjectTableTemplate		0x20000000
#define JET_bitObjectTableDerived		0x10000000
#define JET_bitObjectTableNoFixedVarColumnsInDerivedTables 0x04000000

/* Structs (ese-api 4.5, 4.6); field order as in esent.h */
typedef struct {
	char *szDatabaseName;
	char *szNewDatabaseName;
} JET_RSTMAP_A;

typedef struct {
	unsigned long cbStruct;
	JET_RSTMAP_A *rgrstmap;
	long crstmap;
	JET_LGPOS lgposStop;
	JET_LOGTIME logtimeStop;
	JET_PFNSTATUS pfnStatus;
} JET_RSTINFO_A;

/* One parameter of JetEnableMultiInstance; err is set by the call. */
typedef struct {
	unsigned long paramid;
	JET_API_PTR lParam;
	const char *sz;
	JET_ERR err;
} JET_SETSYSPARAM_A;

typedef struct {
	unsigned long ulTrxBegin0;
	unsigned long ulTrxLevel;
	unsigned long ulProcid;
	unsigned long ulFlags;
	JET_API_PTR ulTrxContext;
} JET_SESSIONINFO;

typedef struct {
	unsigned long cbStruct;
	JET_COLUMNID columnid;
	JET_COLTYP coltyp;
	unsigned short wCountry;
	unsigned short langid;
	unsigned short cp;
	unsigned short wCollate;
	unsigned long cbMax;
	JET_GRBIT grbit;
} JET_COLUMNDEF;

typedef struct {
	unsigned long cbStruct;
	JET_COLUMNID columnid;
	JET_COLTYP coltyp;
	unsigned short wCountry;
	unsigned short langid;
	unsigned short cp;
	unsigned short wFiller;
	unsigned long cbMax;
	JET_GRBIT grbit;
	char szBaseTableName[256];
	char szBaseColumnName[256];
} JET_COLUMNBASE_A;

typedef struct {
	unsigned long cbStruct;
	char *szColumnName;
	JET_COLTYP coltyp;
	unsigned long cbMax;
	JET_GRBIT grbit;
	void *pvDefault;
	unsigned long cbDefault;
	unsigned long cp;
	JET_COLUMNID columnid;
	JET_ERR err;
} JET_COLUMNCREATE_A;

typedef struct {
	unsigned long lcid;
	unsigned long dwMapFlags;
} JET_UNICODEINDEX;

typedef struct {
	JET_WCHAR *szLocaleName;
	unsigned long dwMapFlags;
} JET_UNICODEINDEX2;

typedef struct {
	unsigned long chLengthMin;
	unsigned long chLengthMax;
	unsigned long chToIndexMax;
	unsigned long cchIncrement;
	unsigned long ichStart;
} JET_TUPLELIMITS;

typedef struct {
	unsigned long cbStruct;
	char *szColumnName;
	JET_GRBIT grbit;
} JET_CONDITIONALCOLUMN_A;

typedef struct {
	unsigned long cbStruct;
	unsigned long ulInitialDensity;
	unsigned long cbInitial;
	JET_GRBIT grbit;
	unsigned long ulMaintDensity;
	unsigned long ulGrowth;
	unsigned long cbMinExtent;
	unsigned long cbMaxExtent;
} JET_SPACEHINTS;

typedef struct {
	unsigned long cbStruct;
	char *szIndexName;
	char *szKey;
	unsigned long cbKey;
	JET_GRBIT grbit;
	unsigned long ulDensity;
	union {
		unsigned long lcid;
		JET_UNICODEINDEX *pidxunicode;
	};
	union {
		unsigned long cbVarSegMac;
		JET_TUPLELIMITS *ptuplelimits;
	};
	JET_CONDITIONALCOLUMN_A *rgconditionalcolumn;
	unsigned long cConditionalColumn;
	JET_ERR err;
	unsigned long cbKeyMost;
} JET_INDEXCREATE_A;

typedef struct {
	unsigned long cbStruct;
	char *szIndexName;
	char *szKey;
	unsigned long cbKey;
	JET_GRBIT grbit;
	unsigned long ulDensity;
	union {
		unsigned long lcid;
		JET_UNICODEINDEX *pidxunicode;
	};
	union {
		unsigned long cbVarSegMac;
		JET_TUPLELIMITS *ptuplelimits;
	};
	JET_CONDITIONALCOLUMN_A *rgconditionalcolumn;
	unsigned long cConditionalColumn;
	JET_ERR err;
	unsigned long cbKeyMost;
	JET_SPACEHINTS *pSpacehints;
} JET_INDEXCREATE2_A;

typedef struct {
	unsigned long cbStruct;
	char *szIndexName;
	char *szKey;
	unsigned long cbKey;
	JET_GRBIT grbit;
	unsigned long ulDensity;
	JET_UNICODEINDEX2 *pidxunicode;
	union {
		unsigned long cbVarSegMac;
		JET_TUPLELIMITS *ptuplelimits;
	};
	JET_CONDITIONALCOLUMN_A *rgconditionalcolumn;
	unsigned long cConditionalColumn;
	JET_ERR err;
	unsigned long cbKeyMost;
	JET_SPACEHINTS *pSpacehints;
} JET_INDEXCREATE3_A;

typedef struct {
	unsigned long cbStruct;
	char *szTableName;
	char *szTemplateTableName;
	unsigned long ulPages;
	unsigned long ulDensity;
	JET_COLUMNCREATE_A *rgcolumncreate;
	unsigned long cColumns;
	JET_INDEXCREATE_A *rgindexcreate;
	unsigned long cIndexes;
	JET_GRBIT grbit;
	JET_TABLEID tableid;
	unsigned long cCreated;
} JET_TABLECREATE_A;

typedef struct {
	unsigned long cbStruct;
	char *szTableName;
	char *szTemplateTableName;
	unsigned long ulPages;
	unsigned long ulDensity;
	JET_COLUMNCREATE_A *rgcolumncreate;
	unsigned long cColumns;
	JET_INDEXCREATE_A *rgindexcreate;
	unsigned long cIndexes;
	char *szCallback;
	JET_CBTYP cbtyp;
	JET_GRBIT grbit;
	JET_TABLEID tableid;
	unsigned long cCreated;
} JET_TABLECREATE2_A;

typedef struct {
	unsigned long cbStruct;
	char *szTableName;
	char *szTemplateTableName;
	unsigned long ulPages;
	unsigned long ulDensity;
	JET_COLUMNCREATE_A *rgcolumncreate;
	unsigned long cColumns;
	JET_INDEXCREATE2_A *rgindexcreate;
	unsigned long cIndexes;
	char *szCallback;
	JET_CBTYP cbtyp;
	JET_GRBIT grbit;
	JET_SPACEHINTS *pSeqSpacehints;
	JET_SPACEHINTS *pLVSpacehints;
	unsigned long cbSeparateLV;
	JET_TABLEID tableid;
	unsigned long cCreated;
} JET_TABLECREATE3_A;

typedef struct {
	unsigned long cbStruct;
	char *szTableName;
	char *szTemplateTableName;
	unsigned long ulPages;
	unsigned long ulDensity;
	JET_COLUMNCREATE_A *rgcolumncreate;
	unsigned long cColumns;
	JET_INDEXCREATE3_A *rgindexcreate;
	unsigned long cIndexes;
	char *szCallback;
	JET_CBTYP cbtyp;
	JET_GRBIT grbit;
	JET_SPACEHINTS *pSeqSpacehints;
	JET_SPACEHINTS *pLVSpacehints;
	unsigned long cbSeparateLV;
	JET_TABLEID tableid;
	unsigned long cCreated;
} JET_TABLECREATE4_A;

typedef struct {
	JET_COLUMNID columnid;
	const void *pvData;
	unsigned long cbData;
	JET_GRBIT grbit;
	unsigned long ibLongValue;
	unsigned long itagSequence;
	JET_ERR err;
} JET_SETCOLUMN;

typedef struct {
	JET_COLUMNID columnid;
	void *pvData;
	unsigned long cbData;
	unsigned long cbActual;
	JET_GRBIT grbit;
	unsigned long ibLongValue;
	unsigned long itagSequence;
	JET_COLUMNID columnidNextTagged;
	JET_ERR err;
} JET_RETRIEVECOLUMN;

typedef struct {
	unsigned long cbStruct;
	unsigned long ibLongValue;
	unsigned long itagSequence;
} JET_SETINFO;

typedef struct {
	unsigned long cbStruct;
	unsigned long ibLongValue;
	unsigned long itagSequence;
	JET_COLUMNID columnidNextTagged;
} JET_RETINFO;

typedef struct {
	unsigned long cbStruct;
	unsigned long centriesLT;
	unsigned long centriesInRange;
	unsigned long centriesTotal;
} JET_RECPOS;

typedef struct {
	unsigned long cbStruct;
	JET_TABLEID tableid;
	JET_GRBIT grbit;
} JET_INDEXRANGE;

typedef struct {
	unsigned long cbStruct;
	JET_OBJTYP objtyp;
	JET_DATESERIAL dtCreate;
	JET_DATESERIAL dtUpdate;
	JET_GRBIT grbit;
	unsigned long flags;
	unsigned long cRecord;
	unsigned long cPage;
} JET_OBJECTINFO;

typedef struct {
	unsigned long cbStruct;
	JET_TABLEID tableid;
	unsigned long cRecord;
	JET_COLUMNID columnidPresentationOrder;
	JET_COLUMNID columnidcolumnname;
	JET_COLUMNID columnidcolumnid;
	JET_COLUMNID columnidcoltyp;
	JET_COLUMNID columnidCountry;
	JET_COLUMNID columnidLangid;
	JET_COLUMNID columnidCp;
	JET_COLUMNID columnidCollate;
	JET_COLUMNID columnidcbMax;
	JET_COLUMNID columnidgrbit;
	JET_COLUMNID columnidDefault;
	JET_COLUMNID columnidBaseTableName;
	JET_COLUMNID columnidBaseColumnName;
	JET_COLUMNID columnidDefinitionName;
} JET_COLUMNLIST;

typedef struct {
	unsigned long cbStruct;
	JET_TABLEID tableid;
	unsigned long cRecord;
	JET_COLUMNID columnidindexname;
	JET_COLUMNID columnidgrbitIndex;
	JET_COLUMNID columnidcKey;
	JET_COLUMNID columnidcEntry;
	JET_COLUMNID columnidcPage;
	JET_COLUMNID columnidcColumn;
	JET_COLUMNID columnidiColumn;
	JET_COLUMNID columnidcolumnid;
	JET_COLUMNID columnidcoltyp;
	JET_COLUMNID columnidCountry;
	JET_COLUMNID columnidLangid;
	JET_COLUMNID columnidCp;
	JET_COLUMNID columnidCollate;
	JET_COLUMNID columnidgrbitColumn;
	JET_COLUMNID columnidcolumnname;
	JET_COLUMNID columnidLCMapFlags;
} JET_INDEXLIST;

typedef struct {
	unsigned long cbStruct;
	JET_TABLEID tableid;
	unsigned long cRecord;
	JET_COLUMNID columnidcontainername;
	JET_COLUMNID columnidobjectname;
	JET_COLUMNID columnidobjtyp;
	JET_COLUMNID columniddtCreate;
	JET_COLUMNID columniddtUpdate;
	JET_COLUMNID columnidgrbit;
	JET_COLUMNID columnidflags;
	JET_COLUMNID columnidcRecord;
	JET_COLUMNID columnidcPage;
} JET_OBJECTLIST;

typedef struct {
	unsigned long ulVersion;
	unsigned long ulUpdate;
	JET_SIGNATURE signDb;
	unsigned long dbstate;
	JET_LGPOS lgposConsistent;
	JET_LOGTIME logtimeConsistent;
	JET_LOGTIME logtimeAttach;
	JET_LGPOS lgposAttach;
	JET_LOGTIME logtimeDetach;
	JET_LGPOS lgposDetach;
	JET_SIGNATURE signLog;
	JET_BKINFO bkinfoFullPrev;
	JET_BKINFO bkinfoIncPrev;
	JET_BKINFO bkinfoFullCur;
	unsigned long fShadowingDisabled;
	unsigned long fUpgradeDb;
	unsigned long dwMajorVersion;
	unsigned long dwMinorVersion;
	unsigned long dwBuildNumber;
	long lSPNumber;
	unsigned long cbPageSize;
} JET_DBINFOMISC;

typedef struct {
	JET_INSTANCE hInstanceId;
	char *szInstanceName;
	JET_API_PTR cDatabases;
	char **szDatabaseFileName;
	char **szDatabaseDisplayName;
	char **szDatabaseSLVFileName_Obsolete;
} JET_INSTANCE_INFO_A;

/*
 * Functions libjetk implements.  Each is one ioctl on /dev/jetk; the
 * result is the engine's JET_ERR, or a transport failure mapped to one
 * (JET_errFileNotFound when /dev/jetk is missing, JET_errInvalidParameter
 * for a bad pointer).
 */

/* Instances (ese-api 4.2) */
/* Create an instance, not yet initialised (JETK_IOC_CREATE_INSTANCE). */
JET_ERR JET_API JetCreateInstanceA(JET_INSTANCE *pinstance,
				   JET_PCSTR szInstanceName);
/* Create an instance with a display name; grbit must be 0. */
JET_ERR JET_API JetCreateInstance2A(JET_INSTANCE *pinstance,
				    JET_PCSTR szInstanceName,
				    JET_PCSTR szDisplayName, JET_GRBIT grbit);
/*
 * Initialise an instance (JETK_IOC_INIT).  As ESE: until a JetCreateInstance
 * or JetEnableMultiInstance, the process is in legacy one-instance mode and
 * JetInit creates the one instance whatever *pinstance holds (it may be
 * uninitialised; pinstance may be NULL) and stores its handle there; a
 * second JetInit is JET_errAlreadyInitialized.  In multi-instance mode
 * *pinstance is a JetCreateInstance handle (0 or JET_instanceNil: a new
 * unnamed instance), and NULL is JET_errRunningInMultiInstanceMode.  A
 * failure frees the instance and stores 0 (but JET_errAlreadyInitialized).
 * The mode is unset again once the last instance is gone.
 */
JET_ERR JET_API JetInit(JET_INSTANCE *pinstance);
/* JetInit with recovery grbits. */
JET_ERR JET_API JetInit2(JET_INSTANCE *pinstance, JET_GRBIT grbit);
/* JetInit with restore information (cbStruct checked) and grbits. */
JET_ERR JET_API JetInit3A(JET_INSTANCE *pinstance, JET_RSTINFO_A *prstInfo,
			  JET_GRBIT grbit);
/*
 * Terminate an instance: JetTerm2(instance, JET_bitTermAbrupt).  In
 * one-instance mode 0 and JET_instanceNil name the one instance.
 */
JET_ERR JET_API JetTerm(JET_INSTANCE instance);
/* Terminate with JET_bitTerm* grbits (JETK_IOC_TERM). */
JET_ERR JET_API JetTerm2(JET_INSTANCE instance, JET_GRBIT grbit);

/* Stopping the service (ese-api 1): JETK_IOC_STOP_SERVICE */
/* Stop the single instance of legacy (one-instance) mode. */
JET_ERR JET_API JetStopService(void);
/* Close the gate and start the background work that makes JetTerm cheap. */
JET_ERR JET_API JetStopServiceInstance(JET_INSTANCE instance);
/* Stop (or with JET_bitStopServiceResume, resume) selected facilities. */
JET_ERR JET_API JetStopServiceInstance2(JET_INSTANCE instance,
					const JET_GRBIT grbit);

/* System parameters (ese-api 4.8) */
/*
 * Set a parameter of an instance, a session's instance, or the defaults.
 * As ESE: before any instance exists it sets the process-wide value (a
 * default the next instance starts with), whatever *pinstance holds; in
 * one-instance mode it sets the one instance's.
 */
JET_ERR JET_API JetSetSystemParameterA(JET_INSTANCE *pinstance,
				       JET_SESID sesid, unsigned long paramid,
				       JET_API_PTR lParam, JET_PCSTR szParam);
/*
 * Put the process in multi-instance mode, setting process-wide parameters
 * first (in order; the first failure stops the call, with its err set in
 * its entry and the ones before it set), as ESE.  In one-instance mode:
 * JET_errRunningInOneInstanceMode.  Once in multi-instance mode it sets
 * nothing: JET_errSystemParameterConflict at the first value that differs
 * from the process-wide one, else JET_errSystemParamsAlreadySet.  At most
 * 256 entries (more: JET_errInvalidParameter).
 */
JET_ERR JET_API JetEnableMultiInstanceA(JET_SETSYSPARAM_A *psetsysparam,
					unsigned long csetsysparam,
					unsigned long *pcsetsucceed);
/* Read a parameter: integers to *plParam, strings to szParam (cbMax). */
JET_ERR JET_API JetGetSystemParameterA(JET_INSTANCE instance,
				       JET_SESID sesid, unsigned long paramid,
				       JET_API_PTR *plParam, JET_PSTR szParam,
				       unsigned long cbMax);

/* Sessions (ese-api 4.3) */
/* Begin a session; user name and password are ignored, as in ESE. */
JET_ERR JET_API JetBeginSessionA(JET_INSTANCE instance, JET_SESID *psesid,
				 JET_PCSTR szUserName, JET_PCSTR szPassword);
/* End a session; grbit 0 or JET_bitForceSessionClosed. */
JET_ERR JET_API JetEndSession(JET_SESID sesid, JET_GRBIT grbit);
/* Bind the session to a non-zero context so it can move between threads. */
JET_ERR JET_API JetSetSessionContext(JET_SESID sesid, JET_API_PTR ulContext);
/* Clear the context; only the thread that set it may. */
JET_ERR JET_API JetResetSessionContext(JET_SESID sesid);
/* Fill a JET_SESSIONINFO (ulInfoLevel JET_SessionInfo). */
JET_ERR JET_API JetGetSessionInfo(JET_SESID sesid, void *pvResult,
				  const unsigned long cbMax,
				  const unsigned long ulInfoLevel);

/* Databases (ese-api 4.4) */
/* Create a database file (or use a block device) and open it in the session. */
JET_ERR JET_API JetCreateDatabaseA(JET_SESID sesid, JET_PCSTR szFilename,
				   JET_PCSTR szConnect, JET_DBID *pdbid,
				   JET_GRBIT grbit);
/* JetCreateDatabase with a size limit in pages (0: none). */
JET_ERR JET_API JetCreateDatabase2A(JET_SESID sesid, JET_PCSTR szFilename,
				    const unsigned long cpgDatabaseSizeMax,
				    JET_DBID *pdbid, JET_GRBIT grbit);
/* Attach an existing database to the session's instance. */
JET_ERR JET_API JetAttachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename,
				   JET_GRBIT grbit);
/* JetAttachDatabase with a size limit in pages (0: none). */
JET_ERR JET_API JetAttachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename,
				    const unsigned long cpgDatabaseSizeMax,
				    JET_GRBIT grbit);
/* Detach a database (NULL: all), writing it out and marking it clean. */
JET_ERR JET_API JetDetachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename);
/* JetDetachDatabase with grbits (JET_bitForceDetach is refused, as in ESE). */
JET_ERR JET_API JetDetachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename,
				    JET_GRBIT grbit);
/* Open an attached database in the session. */
JET_ERR JET_API JetOpenDatabaseA(JET_SESID sesid, JET_PCSTR szFilename,
				 JET_PCSTR szConnect, JET_DBID *pdbid,
				 JET_GRBIT grbit);
/* Close a database the session opened; grbit must be 0. */
JET_ERR JET_API JetCloseDatabase(JET_SESID sesid, JET_DBID dbid,
				 JET_GRBIT grbit);

/*
 * Online defragmentation (ese-api 7.1).  BatchStart (with
 * AvailSpaceTreesOnly, NoPartialMerges) starts a background run on the
 * database: *pcPasses passes and *pcSeconds seconds at most (NULL or 0:
 * until stopped); JET_wrnDefragAlreadyRunning if one runs.  BatchStop
 * ends it and returns the passes done and seconds it ran;
 * JET_wrnDefragNotRunning if none runs.  JET_paramEnableOnlineDefrag 0
 * makes every call a successful no-op.  A read-only attach gets
 * JET_errDatabaseFileReadOnly; JET_bitDefragmentBTree is not available.
 * libjetk cannot call back from the engine: a non-NULL callback gets
 * JET_errInvalidParameter (poll BatchStop instead).
 */
JET_ERR JET_API JetDefragment(JET_SESID sesid, JET_DBID dbid,
			      JET_PCSTR szTableName, unsigned long *pcPasses,
			      unsigned long *pcSeconds, JET_GRBIT grbit);
/* JetDefragment with a completion callback (must be NULL in libjetk). */
JET_ERR JET_API JetDefragment2(JET_SESID sesid, JET_DBID dbid,
			       JET_PCSTR szTableName, unsigned long *pcPasses,
			       unsigned long *pcSeconds, JET_CALLBACK callback,
			       JET_GRBIT grbit);
/* JetDefragment naming an attached database by its file name. */
JET_ERR JET_API JetDefragment3(JET_SESID sesid, JET_PCSTR szDatabaseName,
			       JET_PCSTR szTableName, unsigned long *pcPasses,
			       unsigned long *pcSeconds, JET_CALLBACK callback,
			       void *pvContext, JET_GRBIT grbit);
/* esent.h's narrow-string names of the three. */
#define JetDefragmentA		JetDefragment
#define JetDefragment2A		JetDefragment2
#define JetDefragment3A		JetDefragment3

/* Tables and columns (ese-api 4.5) */
/* Create an empty table; *ptableid is a cursor on it, opened exclusively. */
JET_ERR JET_API JetCreateTableA(JET_SESID sesid, JET_DBID dbid,
				JET_PCSTR szTableName, unsigned long lPages,
				unsigned long lDensity, JET_TABLEID *ptableid);
/*
 * Create a table with its columns and indexes in one call.  Each column's
 * columnid and err, each index's err, tableid and cCreated are written
 * back unless grbit has JET_bitTableCreateImmutableStructure.  Every
 * cbStruct must be the sizeof of its struct, else JET_errInvalidParameter.
 * Template tables, callbacks, conditional columns and tuple limits give
 * JET_errFeatureNotAvailable; locales, cbVarSegMac, space hints and
 * cbSeparateLV are left to the engine's defaults.
 */
JET_ERR JET_API JetCreateTableColumnIndexA(JET_SESID sesid, JET_DBID dbid,
					   JET_TABLECREATE_A *ptablecreate);
/* JetCreateTableColumnIndex with a JET_TABLECREATE2_A (callback: none). */
JET_ERR JET_API JetCreateTableColumnIndex2A(JET_SESID sesid, JET_DBID dbid,
					    JET_TABLECREATE2_A *ptablecreate);
/* JetCreateTableColumnIndex with JET_TABLECREATE3_A and JET_INDEXCREATE2_A. */
JET_ERR JET_API JetCreateTableColumnIndex3A(JET_SESID sesid, JET_DBID dbid,
					    JET_TABLECREATE3_A *ptablecreate);
/* JetCreateTableColumnIndex with JET_TABLECREATE4_A and JET_INDEXCREATE3_A. */
JET_ERR JET_API JetCreateTableColumnIndex4A(JET_SESID sesid, JET_DBID dbid,
					    JET_TABLECREATE4_A *ptablecreate);
/* Delete a table no cursor has open. */
/*
 * JetCreateIndex*: the primary index of an empty table that has none;
 * secondary indexes give JET_errFeatureNotAvailable for now.
 */
JET_ERR JET_API JetCreateIndexA(JET_SESID sesid, JET_TABLEID tableid,
				JET_PCSTR szIndexName, JET_GRBIT grbit,
				const char *szKey, unsigned long cbKey,
				unsigned long lDensity);
JET_ERR JET_API JetCreateIndex2A(JET_SESID sesid, JET_TABLEID tableid,
				 JET_INDEXCREATE_A *pindexcreate,
				 unsigned long cIndexCreate);
JET_ERR JET_API JetCreateIndex3A(JET_SESID sesid, JET_TABLEID tableid,
				 JET_INDEXCREATE2_A *pindexcreate,
				 unsigned long cIndexCreate);
JET_ERR JET_API JetCreateIndex4A(JET_SESID sesid, JET_TABLEID tableid,
				 JET_INDEXCREATE3_A *pindexcreate,
				 unsigned long cIndexCreate);
JET_ERR JET_API JetDeleteTableA(JET_SESID sesid, JET_DBID dbid,
				JET_PCSTR szTableName);
/* Add a column (JET_COLUMNDEF: cbStruct, coltyp, cp, cbMax, grbit used). */
JET_ERR JET_API JetAddColumnA(JET_SESID sesid, JET_TABLEID tableid,
			      JET_PCSTR szColumnName,
			      const JET_COLUMNDEF *pcolumndef,
			      const void *pvDefault, unsigned long cbDefault,
			      JET_COLUMNID *pcolumnid);
/* Delete a column. */
JET_ERR JET_API JetDeleteColumnA(JET_SESID sesid, JET_TABLEID tableid,
				 JET_PCSTR szColumnName);
/* Delete a column; grbit 0 or JET_bitDeleteColumnIgnoreTemplateColumns. */
JET_ERR JET_API JetDeleteColumn2A(JET_SESID sesid, JET_TABLEID tableid,
				  JET_PCSTR szColumnName, const JET_GRBIT grbit);

/* Cursors and records (ese-api 4.6) */
/* Open a cursor on a table; pvParameters and cbParameters are ignored. */
JET_ERR JET_API JetOpenTableA(JET_SESID sesid, JET_DBID dbid,
			      JET_PCSTR szTableName, const void *pvParameters,
			      unsigned long cbParameters, JET_GRBIT grbit,
			      JET_TABLEID *ptableid);
/* Close a cursor (allowed after JetStopServiceInstance). */
JET_ERR JET_API JetCloseTable(JET_SESID sesid, JET_TABLEID tableid);
/* Prepare (JET_prepInsert, JET_prepReplace, ...) or cancel an update. */
JET_ERR JET_API JetPrepareUpdate(JET_SESID sesid, JET_TABLEID tableid,
				 unsigned long prep);
/*
 * Set one column of the prepared update; psetinfo (optional, cbStruct
 * checked) gives ibLongValue and itagSequence (0 appends a value).
 */
JET_ERR JET_API JetSetColumn(JET_SESID sesid, JET_TABLEID tableid,
			     JET_COLUMNID columnid, const void *pvData,
			     unsigned long cbData, JET_GRBIT grbit,
			     JET_SETINFO *psetinfo);
/* Set several columns in one call; each entry's err is written back. */
JET_ERR JET_API JetSetColumns(JET_SESID sesid, JET_TABLEID tableid,
			      JET_SETCOLUMN *psetcolumn,
			      unsigned long csetcolumn);
/* Write the prepared update; the record's bookmark to pvBookmark if given. */
JET_ERR JET_API JetUpdate(JET_SESID sesid, JET_TABLEID tableid,
			  void *pvBookmark, unsigned long cbBookmark,
			  unsigned long *pcbActual);
/* JetUpdate with JET_bitUpdate* grbits. */
JET_ERR JET_API JetUpdate2(JET_SESID sesid, JET_TABLEID tableid,
			   void *pvBookmark, unsigned long cbBookmark,
			   unsigned long *pcbActual, const JET_GRBIT grbit);
/* Delete the current record. */
JET_ERR JET_API JetDelete(JET_SESID sesid, JET_TABLEID tableid);

/*
 * Transactions (ese-api 4.7): up to JET_levelMost nested levels, snapshot
 * isolation from the outermost begin, JET_errWriteConflict for a record
 * another transaction changed, JET_errNotInTransaction at level 0.
 */
JET_ERR JET_API JetBeginTransaction(JET_SESID sesid);
JET_ERR JET_API JetBeginTransaction2(JET_SESID sesid, JET_GRBIT grbit);
JET_ERR JET_API JetBeginTransaction3(JET_SESID sesid, int64_t trxid,
				     JET_GRBIT grbit);
JET_ERR JET_API JetCommitTransaction(JET_SESID sesid, JET_GRBIT grbit);
JET_ERR JET_API JetCommitTransaction2(JET_SESID sesid, JET_GRBIT grbit,
				      unsigned long cmsecDurableCommit,
				      JET_COMMIT_ID *pCommitId);
JET_ERR JET_API JetRollback(JET_SESID sesid, JET_GRBIT grbit);
/* Add *pv to an escrow column of the current record (in a transaction). */
JET_ERR JET_API JetEscrowUpdate(JET_SESID sesid, JET_TABLEID tableid,
				JET_COLUMNID columnid, void *pv,
				unsigned long cbMax, void *pvOld,
				unsigned long cbOldMax,
				unsigned long *pcbOldActual, JET_GRBIT grbit);
/* JET_bitReadLock or JET_bitWriteLock on the current record. */
JET_ERR JET_API JetGetLock(JET_SESID sesid, JET_TABLEID tableid,
			   JET_GRBIT grbit);
/*
 * Idle work: JET_bitIdleCompact cleans the version store now
 * (JET_wrnNoIdleActivity, JET_wrnRemainingVersions), IdleCompactAsync
 * queues that, IdleStatus says JET_wrnIdleFull past three quarters full.
 */
JET_ERR JET_API JetIdle(JET_SESID sesid, JET_GRBIT grbit);
/*
 * Read one column of the current record: JET_wrnColumnNull for NULL,
 * JET_wrnBufferTruncated (and *pcbActual the full size) for a short
 * buffer; pretinfo (optional, cbStruct checked) gives ibLongValue and
 * itagSequence (1-based) and receives columnidNextTagged.
 */
JET_ERR JET_API JetRetrieveColumn(JET_SESID sesid, JET_TABLEID tableid,
				  JET_COLUMNID columnid, void *pvData,
				  unsigned long cbData,
				  unsigned long *pcbActual, JET_GRBIT grbit,
				  JET_RETINFO *pretinfo);
/*
 * Read several columns; cbActual, columnidNextTagged and err are written
 * back, and an entry with itagSequence 0 gets the column's number of
 * values there instead of data.
 */
JET_ERR JET_API JetRetrieveColumns(JET_SESID sesid, JET_TABLEID tableid,
				   JET_RETRIEVECOLUMN *pretrievecolumn,
				   unsigned long cretrievecolumn);
/*
 * Move the cursor: JET_MoveFirst, JET_MovePrevious, JET_MoveNext,
 * JET_MoveLast or a relative count; cRow has Windows' 32-bit long
 * semantics (only its low 32 bits count).
 */
/*
 * Count the index entries from the current one forward (itself
 * included), at most crecMax (0: no limit); the cursor stays where it
 * was.  A JetStopServiceInstance during a long count ends it with
 * JET_errClientRequestToStopJetService.
 */
JET_ERR JET_API JetIndexRecordCount(JET_SESID sesid, JET_TABLEID tableid,
				    unsigned long *pcrec,
				    unsigned long crecMax);
JET_ERR JET_API JetMove(JET_SESID sesid, JET_TABLEID tableid, long cRow,
			JET_GRBIT grbit);
/* Add a key column's value to the search key (JET_bitNewKey starts one). */
JET_ERR JET_API JetMakeKey(JET_SESID sesid, JET_TABLEID tableid,
			   const void *pvData, unsigned long cbData,
			   JET_GRBIT grbit);
/* Seek to the key made (JET_bitSeekEQ, LT, LE, GE, GT). */
JET_ERR JET_API JetSeek(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit);

/* Information about columns, tables and databases */
/*
 * A column of the cursor's table: JET_ColInfo and JET_ColInfoByColid fill
 * a JET_COLUMNDEF, JET_ColInfoBase and JET_ColInfoBaseByColid a
 * JET_COLUMNBASE_A; for the ByColid levels szColumnName points at a
 * JET_COLUMNID.  The list levels give JET_errFeatureNotAvailable.
 */
JET_ERR JET_API JetGetTableColumnInfoA(JET_SESID sesid, JET_TABLEID tableid,
				       JET_PCSTR szColumnName, void *pvResult,
				       unsigned long cbMax,
				       unsigned long InfoLevel);
/* JetGetTableColumnInfo on a table named in a database. */
JET_ERR JET_API JetGetColumnInfoA(JET_SESID sesid, JET_DBID dbid,
				  JET_PCSTR szTableName,
				  JET_PCSTR pColumnNameOrId, void *pvResult,
				  unsigned long cbMax, unsigned long InfoLevel);
/*
 * The cursor's table: JET_TblInfo (JET_OBJECTINFO), JET_TblInfoName and
 * JET_TblInfoMostMany (its name), JET_TblInfoDbid (two JET_DBIDs, as ESE),
 * JET_TblInfoSpaceOwned, JET_TblInfoSpaceAvailable (pages) and
 * JET_TblInfoObjectId, the numbers as unsigned long.  Other levels give
 * JET_errFeatureNotAvailable.
 */
JET_ERR JET_API JetGetTableInfoA(JET_SESID sesid, JET_TABLEID tableid,
				 void *pvResult, unsigned long cbMax,
				 unsigned long InfoLevel);
/*
 * An open database: JET_DbInfoFilename (the absolute path), and as
 * unsigned long JET_DbInfoOptions (its JET_bitDb* grbits),
 * JET_DbInfoFilesize and JET_DbInfoFilesizeOnDisk (the file in pages,
 * both header pages included), JET_DbInfoSpaceOwned (its pages, without
 * the headers), JET_DbInfoPageSize; JET_DbInfoMisc fills ulVersion,
 * ulUpdate, signDb, dbstate and cbPageSize of a JET_DBINFOMISC and zeroes
 * the rest.  Other levels give JET_errFeatureNotAvailable.
 */
JET_ERR JET_API JetGetDatabaseInfoA(JET_SESID sesid, JET_DBID dbid,
				    void *pvResult, unsigned long cbMax,
				    unsigned long InfoLevel);

/* The unsuffixed names take UTF-8 strings, as esent.h's A functions. */
#define JetCreateInstance	JetCreateInstanceA
#define JetCreateInstance2	JetCreateInstance2A
#define JetInit3		JetInit3A
#define JetSetSystemParameter	JetSetSystemParameterA
#define JetEnableMultiInstance	JetEnableMultiInstanceA
#define JetGetSystemParameter	JetGetSystemParameterA
#define JetBeginSession		JetBeginSessionA
#define JetCreateDatabase	JetCreateDatabaseA
#define JetCreateDatabase2	JetCreateDatabase2A
#define JetAttachDatabase	JetAttachDatabaseA
#define JetAttachDatabase2	JetAttachDatabase2A
#define JetDetachDatabase	JetDetachDatabaseA
#define JetDetachDatabase2	JetDetachDatabase2A
#define JetOpenDatabase		JetOpenDatabaseA
#define JetCreateTable		JetCreateTableA
#define JetCreateTableColumnIndex	JetCreateTableColumnIndexA
#define JetCreateTableColumnIndex2	JetCreateTableColumnIndex2A
#define JetCreateTableColumnIndex3	JetCreateTableColumnIndex3A
#define JetCreateTableColumnIndex4	JetCreateTableColumnIndex4A
#define JetDeleteTable		JetDeleteTableA
#define JetCreateIndex		JetCreateIndexA
#define JetCreateIndex2		JetCreateIndex2A
#define JetCreateIndex3		JetCreateIndex3A
#define JetCreateIndex4		JetCreateIndex4A
#define JetAddColumn		JetAddColumnA
#define JetDeleteColumn		JetDeleteColumnA
#define JetDeleteColumn2	JetDeleteColumn2A
#define JetOpenTable		JetOpenTableA
#define JetGetTableColumnInfo	JetGetTableColumnInfoA
#define JetGetColumnInfo	JetGetColumnInfoA
#define JetGetTableInfo		JetGetTableInfoA
#define JetGetDatabaseInfo	JetGetDatabaseInfoA
#define JET_RSTINFO		JET_RSTINFO_A
#define JET_SETSYSPARAM		JET_SETSYSPARAM_A
#define JET_RSTMAP		JET_RSTMAP_A
#define JET_COLUMNCREATE	JET_COLUMNCREATE_A
#define JET_COLUMNBASE		JET_COLUMNBASE_A
#define JET_CONDITIONALCOLUMN	JET_CONDITIONALCOLUMN_A
#define JET_INDEXCREATE		JET_INDEXCREATE_A
#define JET_INDEXCREATE2	JET_INDEXCREATE2_A
#define JET_INDEXCREATE3	JET_INDEXCREATE3_A
#define JET_TABLECREATE		JET_TABLECREATE_A
#define JET_TABLECREATE2	JET_TABLECREATE2_A
#define JET_TABLECREATE3	JET_TABLECREATE3_A
#define JET_TABLECREATE4	JET_TABLECREATE4_A
#define JET_INSTANCE_INFO	JET_INSTANCE_INFO_A

#ifdef __cplusplus
}
#endif

#endif /* JETK_ESENT_H */
