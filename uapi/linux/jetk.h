/* SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT */
/*
 * jetk: the ioctl ABI of /dev/jetk.
 *
 * One ioctl per Jet API call.  Every argument struct is fixed size, a
 * multiple of 8 bytes, __u64 aligned, with user pointers carried as __u64.
 * Padding, reserved fields and unknown flag bits must be zero; the module
 * rejects anything else with -EINVAL.
 *
 * Results: an ioctl returns 0 when the call reached the engine, and the
 * engine's status (an ESE JET_ERR: 0, a negative JET_err* or a positive
 * JET_wrn* value, see esent.h) is in the struct's @err field.  A negative
 * errno is returned only for transport faults: -EFAULT (bad user pointer),
 * -EINVAL (malformed struct), -ENOTTY (unknown command), -ENOMEM, -EINTR.
 *
 * Handles (instance, session) are opaque __u64 values in a namespace private
 * to the open file description.  0 and ~0 are never valid handles.  Closing
 * the file terminates every instance it created and ends their sessions.
 *
 * The first command on a file must be JETK_IOC_API; every other command
 * fails with -EINVAL until the handshake succeeded.
 */
#ifndef _UAPI_LINUX_JETK_H
#define _UAPI_LINUX_JETK_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define JETK_ABI_VERSION	1
#define JETK_IOC_MAGIC		'J'

/* Longest instance name, display name or string parameter, in bytes. */
#define JETK_NAME_MAX		255
#define JETK_STRING_MAX		1024

/**
 * struct jetk_api - version and feature handshake
 * @abi_version: in: JETK_ABI_VERSION of the caller; out: the module's
 * @flags: must be 0
 * @features: in: JETK_FEATURE_* bits the caller needs; out: supported bits
 * @ioctls: out: bit n of the 256-bit mask is set when command number n
 *	is implemented
 * @reserved: must be 0
 *
 * The module always writes back its version, features and command mask,
 * and returns -EINVAL when the versions differ or a requested feature is
 * unsupported.
 */
struct jetk_api {
	__u32 abi_version;
	__u32 flags;
	__u64 features;
	__u64 ioctls[4];
	__u64 reserved[2];
};

/* No optional features yet: the base ABI is described by the version. */
#define JETK_FEATURES_ALL	0ULL

/**
 * struct jetk_create_instance - JetCreateInstance, JetCreateInstance2
 * @err: out: JET_ERR
 * @grbit: JetCreateInstance2's grbit (none defined: must be 0)
 * @name: user pointer to the UTF-8 instance name, or 0 for none
 * @display_name: user pointer to the UTF-8 display name, or 0 for none
 * @name_len: bytes at @name, no NUL, at most JETK_NAME_MAX
 * @display_name_len: bytes at @display_name, at most JETK_NAME_MAX
 * @instance: out: the new instance's handle
 * @reserved: must be 0
 */
struct jetk_create_instance {
	__s32 err;
	__u32 grbit;
	__u64 name;
	__u64 display_name;
	__u32 name_len;
	__u32 display_name_len;
	__u64 instance;
	__u64 reserved[2];
};

/* The JET_RSTINFO passed to JetInit3 had a wrong cbStruct. */
#define JETK_INIT_RSTINFO_INVALID	0x1U
/* @log_fd is the instance's log device (JET_paramRecovery "on"). */
#define JETK_INIT_LOG			0x2U
/* JetInit was given no JET_INSTANCE at all (pinstance NULL). */
#define JETK_INIT_NO_PINSTANCE		0x4U
#define JETK_INIT_VALID_FLAGS		(JETK_INIT_RSTINFO_INVALID | \
					 JETK_INIT_LOG | JETK_INIT_NO_PINSTANCE)

/* Databases a log can name (uapi/linux/jetk_log.h JETK_LOG_DBS_MAX). */
#define JETK_INIT_DBS_MAX		6

/**
 * struct jetk_init_db - a database the log names, for recovery
 * @name: user pointer to the name the log has for it
 * @name_len: bytes at @name, no NUL, at most JETK_STRING_MAX
 * @fd: its block device (a database file's loop device), opened for
 *	writing; -1 when it could not be opened (JetInit then fails with
 *	JET_errAttachedDatabaseMismatch if recovery needs it)
 * @id: its id in the log's superblock
 * @pad: must be 0
 */
struct jetk_init_db {
	__u64 name;
	__u32 name_len;
	__s32 fd;
	__u32 id;
	__u32 pad;
};

/**
 * struct jetk_init - JetInit, JetInit2, JetInit3
 * @err: out: JET_ERR
 * @grbit: JET_bit* init grbits
 * @instance: in: *pinstance (0 with JETK_INIT_NO_PINSTANCE); out: the
 *	handle of the instance initialised, 0 when initialisation failed
 *	and freed it, else unchanged.  As ESE's JetInit: while no instance
 *	exists and no JetCreateInstance or JetEnableMultiInstance came
 *	first, a new instance is created and the file is in one-instance
 *	mode, whatever @instance holds (it may be garbage); in one-instance
 *	mode a second JetInit is JET_errAlreadyInitialized; in
 *	multi-instance mode @instance names a JetCreateInstance instance,
 *	0 or ~0 creates an unnamed one, and JETK_INIT_NO_PINSTANCE is
 *	JET_errRunningInMultiInstanceMode
 * @flags: JETK_INIT_*
 * @log_fd: with JETK_INIT_LOG: the log's block device, opened for
 *	writing (libjetk puts JET_paramLogFilePath's <base>.jlog under a
 *	loop device); else must be 0.  Without a log the instance runs as
 *	with JET_paramRecovery "off".
 * @dbs: user pointer to @ndbs struct jetk_init_db: the databases the
 *	log's superblock names when its last run did not end cleanly
 * @ndbs: at most JETK_INIT_DBS_MAX; 0 without JETK_INIT_LOG
 * @log_err: 0, or (without JETK_INIT_LOG) the JET_ERR libjetk met setting
 *	up the log (JET_errInvalidPath, JET_errLogFilePathInUse when another
 *	instance holds it, ...): the module returns it once the checks that
 *	come before it in ESE passed, and initialises nothing
 */
struct jetk_init {
	__s32 err;
	__u32 grbit;
	__u64 instance;
	__u32 flags;
	__s32 log_fd;
	__u64 dbs;
	__u32 ndbs;
	__s32 log_err;
};

/**
 * struct jetk_term_db - a database file, and its size after JetTerm
 * @name: user pointer to the name it was attached by
 * @name_len: bytes at @name
 * @pad: must be 0
 * @used_bytes: out: its size when JetTerm detached it cleanly (a file
 *	behind it can be cut to that), else 0
 */
struct jetk_term_db {
	__u64 name;
	__u32 name_len;
	__u32 pad;
	__u64 used_bytes;
};

/* Most databases one instance attaches: entries of jetk_term.dbs. */
#define JETK_TERM_DBS_MAX	6

/**
 * struct jetk_term - JetTerm, JetTerm2
 * @err: out: JET_ERR
 * @grbit: JET_bitTerm*
 * @instance: in: the instance; 0 and ~0 name the one instance in
 *	one-instance mode; out: the handle of the instance terminated when
 *	@err is 0 or JET_errDirtyShutdown, else unchanged
 * @dbs: user pointer to @ndbs struct jetk_term_db (0: none): the
 *	databases whose size the caller wants after the term detached them
 * @ndbs: at most JETK_TERM_DBS_MAX
 * @pad: must be 0
 */
struct jetk_term {
	__s32 err;
	__u32 grbit;
	__u64 instance;
	__u64 dbs;
	__u32 ndbs;
	__u32 pad;
};

/* Which of the three stop calls a struct jetk_stop_service carries. */
#define JETK_STOP_INSTANCE2	0	/* JetStopServiceInstance2(inst, grbit) */
#define JETK_STOP_INSTANCE	1	/* JetStopServiceInstance(inst) */
#define JETK_STOP_SERVICE	2	/* JetStopService() */

/**
 * struct jetk_stop_service - JetStopService, JetStopServiceInstance(2)
 * @err: out: JET_ERR
 * @grbit: JET_bitStopService* (JETK_STOP_INSTANCE2 only, else 0)
 * @instance: the instance (0 for JETK_STOP_SERVICE)
 * @variant: JETK_STOP_*
 * @pad: must be 0
 * @reserved: must be 0
 */
struct jetk_stop_service {
	__s32 err;
	__u32 grbit;
	__u64 instance;
	__u32 variant;
	__u32 pad;
	__u64 reserved[2];
};

/* JetSetSystemParameter was given a string (szParam != NULL). */
#define JETK_PARAM_STRING	0x1U
#define JETK_PARAM_VALID_FLAGS	JETK_PARAM_STRING

/**
 * struct jetk_set_param - JetSetSystemParameter
 * @err: out: JET_ERR
 * @paramid: JET_param* id
 * @instance: *pinstance, or 0 when pinstance was NULL
 * @sesid: the session, or 0
 * @value: lParam
 * @str: user pointer to the UTF-8 string (with JETK_PARAM_STRING)
 * @str_len: bytes at @str, no NUL, at most JETK_STRING_MAX
 * @flags: JETK_PARAM_*
 * @target: in: must be 0; out: when @err is not negative, the handle of
 *	the instance whose parameter was set, or 0 for the process-wide
 *	value (a global parameter, a default for later instances).  As ESE
 *	decides: in multi-instance mode @sesid's instance, else
 *	@instance's, else the process-wide value; in one-instance mode the
 *	one instance, whatever the handles hold; with no instance yet the
 *	process-wide value, whatever they hold
 * @reserved: must be 0
 */
struct jetk_set_param {
	__s32 err;
	__u32 paramid;
	__u64 instance;
	__u64 sesid;
	__u64 value;
	__u64 str;
	__u32 str_len;
	__u32 flags;
	__u64 target;
	__u64 reserved;
};

/**
 * struct jetk_get_param - JetGetSystemParameter
 * @err: out: JET_ERR
 * @paramid: JET_param* id
 * @instance: the instance, or 0 for the process-wide defaults
 * @sesid: the session, or 0
 * @value: out: the integer value (string parameters: 0)
 * @str: user buffer for a string value, or 0
 * @str_len: size of the buffer at @str (cbMax), at most JETK_STRING_MAX + 1
 * @str_actual: out: bytes of the string value including its NUL
 * @reserved: must be 0
 */
struct jetk_get_param {
	__s32 err;
	__u32 paramid;
	__u64 instance;
	__u64 sesid;
	__u64 value;
	__u64 str;
	__u32 str_len;
	__u32 str_actual;
	__u64 reserved[2];
};

/* Most entries one JetEnableMultiInstance takes. */
#define JETK_SYSPARAMS_MAX	256

/**
 * struct jetk_sysparam - one JET_SETSYSPARAM of JetEnableMultiInstance
 * @paramid: JET_param* id
 * @flags: JETK_PARAM_* (JETK_PARAM_STRING: the entry's sz was not NULL)
 * @value: lParam
 * @str: user pointer to the UTF-8 string (with JETK_PARAM_STRING), else 0
 * @str_len: bytes at @str, no NUL (longer than JETK_STRING_MAX: the
 *	entry's @err is JET_errInvalidParameter)
 * @err: in: must be 0; out: the entry's JET_ERR, for the entries the call
 *	reached (up to and including the one it stopped at)
 */
struct jetk_sysparam {
	__u32 paramid;
	__u32 flags;
	__u64 value;
	__u64 str;
	__u32 str_len;
	__s32 err;
};

/**
 * struct jetk_enable_multi_instance - JetEnableMultiInstance
 * @err: out: JET_ERR
 * @nparams: entries at @params, at most JETK_SYSPARAMS_MAX
 * @params: user pointer to @nparams struct jetk_sysparam (0 when none);
 *	their @err fields are written back
 * @nsucceeded: in: must be 0; out: entries that succeeded (ESE's
 *	*pcsetsucceed)
 * @pad: must be 0
 * @reserved: must be 0
 *
 * As ESE: with no run mode yet, sets each entry as JetSetSystemParameter
 * sets a process-wide value, in order, stopping at the first that fails
 * (those before it stay set); when all succeeded the file is in
 * multi-instance mode.  In one-instance mode it is
 * JET_errRunningInOneInstanceMode and sets nothing; in multi-instance
 * mode it sets nothing and is JET_errSystemParameterConflict at the
 * first entry whose value differs from the process-wide one, else
 * JET_errSystemParamsAlreadySet.
 */
struct jetk_enable_multi_instance {
	__s32 err;
	__u32 nparams;
	__u64 params;
	__u32 nsucceeded;
	__u32 pad;
	__u64 reserved[2];
};

/**
 * struct jetk_begin_session - JetBeginSession
 * @err: out: JET_ERR
 * @pad: must be 0
 * @instance: the instance; 0 names the single instance in legacy mode
 * @sesid: out: the new session's handle
 * @reserved: must be 0
 *
 * ESE ignores the user name and password; they are not carried.
 */
struct jetk_begin_session {
	__s32 err;
	__u32 pad;
	__u64 instance;
	__u64 sesid;
	__u64 reserved[2];
};

/**
 * struct jetk_end_session - JetEndSession
 * @err: out: JET_ERR
 * @grbit: JET_bitForceSessionClosed or 0
 * @sesid: the session
 * @reserved: must be 0
 */
struct jetk_end_session {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u64 reserved[2];
};

/**
 * struct jetk_session_context - JetSetSessionContext, JetResetSessionContext
 * @err: out: JET_ERR
 * @pad: must be 0
 * @sesid: the session
 * @context: the context to set (JetResetSessionContext: must be 0)
 * @reserved: must be 0
 */
struct jetk_session_context {
	__s32 err;
	__u32 pad;
	__u64 sesid;
	__u64 context;
	__u64 reserved[2];
};

/**
 * struct jetk_session_info - JetGetSessionInfo
 * @err: out: JET_ERR
 * @info_level: JET_SessionInfo (0) is the only level
 * @sesid: the session
 * @trx_begin0: out: transaction id of the level-0 begin (0 outside one)
 * @trx_level: out: current transaction nesting level
 * @procid: out: the session's number within its instance
 * @flags: out: JET_SESSIONINFO.ulFlags (0)
 * @trx_context: out: the session context set by JetSetSessionContext
 * @reserved: must be 0
 */
struct jetk_session_info {
	__s32 err;
	__u32 info_level;
	__u64 sesid;
	__u32 trx_begin0;
	__u32 trx_level;
	__u32 procid;
	__u32 flags;
	__u64 trx_context;
	__u64 reserved[2];
};

/* struct jetk_attach_database flags */
#define JETK_ATTACH_CREATE	0x1U	/* JetCreateDatabase: lay out a new one */
#define JETK_ATTACH_VALID_FLAGS	JETK_ATTACH_CREATE

/**
 * struct jetk_attach_database - JetCreateDatabase(2), JetAttachDatabase(2)
 * @err: out: JET_ERR
 * @grbit: JET_bitDb* of the call
 * @sesid: the session
 * @name: user pointer to the database's name (its path, as libjetk
 *	resolved it); databases are found by this name
 * @name_len: bytes at @name, no NUL, at most JETK_STRING_MAX
 * @fd: an open block device (a database file's loop device) the module
 *	claims exclusively; opened for writing unless JET_bitDbReadOnly
 * @max_pages: cpgDatabaseSizeMax, 0 for no limit
 * @flags: JETK_ATTACH_*
 * @dbid: out: JetCreateDatabase: the database, opened by the session
 * @instance: out: the instance the session belongs to
 * @reserved: must be 0
 */
struct jetk_attach_database {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u64 name;
	__u32 name_len;
	__s32 fd;
	__u32 max_pages;
	__u32 flags;
	__u32 dbid;
	__u32 pad;
	__u64 instance;
	__u64 reserved[2];
};

/**
 * struct jetk_detach_database - JetDetachDatabase(2)
 * @err: out: JET_ERR
 * @grbit: JET_bitForceDetach and friends
 * @sesid: the session
 * @name: user pointer to the database's name, or 0 for all of them
 * @name_len: bytes at @name
 * @pad: must be 0
 * @used_bytes: out: for one database, its size: a file behind it can be
 *	cut to that
 * @instance: out: the instance the session belongs to
 * @reserved: must be 0
 */
struct jetk_detach_database {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u64 name;
	__u32 name_len;
	__u32 pad;
	__u64 used_bytes;
	__u64 instance;
	__u64 reserved[2];
};

/**
 * struct jetk_open_database - JetOpenDatabase, JetCloseDatabase
 * @err: out: JET_ERR
 * @grbit: JET_bitDbReadOnly / JET_bitDbExclusive (open), 0 (close)
 * @sesid: the session
 * @name: user pointer to the name (open), 0 (close)
 * @name_len: bytes at @name
 * @dbid: out (open) or in (close): the database
 * @reserved: must be 0
 */
struct jetk_open_database {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u64 name;
	__u32 name_len;
	__u32 dbid;
	__u64 reserved[2];
};

/**
 * struct jetk_defragment - JetDefragment, JetDefragment2, JetDefragment3
 * @err: out: JET_ERR (JET_wrnDefragAlreadyRunning, JET_wrnDefragNotRunning
 *	are warnings)
 * @grbit: JET_bitDefragment*
 * @sesid: the session
 * @db_name: JetDefragment3: user pointer to an attached database's name;
 *	0 for JetDefragment(2), which name it by @dbid
 * @db_name_len: bytes at @db_name, no NUL
 * @dbid: JetDefragment(2): a database the session opened; 0 with @db_name
 * @table_name: user pointer to szTableName, or 0 (online defragmentation
 *	of the whole database does not use it)
 * @table_name_len: bytes at @table_name
 * @passes: in (BatchStart): most passes, 0 to run until stopped; out
 *	(BatchStop, JET_errSuccess): passes done
 * @seconds: in (BatchStart): most seconds, 0 for no limit; out (BatchStop,
 *	JET_errSuccess): seconds it ran
 * @pad: must be 0
 * @reserved: must be 0
 *
 * The call starts or stops a background work item; it does not wait for
 * defragmentation except that BatchStop waits until the work has ended.
 */
struct jetk_defragment {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u64 db_name;
	__u32 db_name_len;
	__u32 dbid;
	__u64 table_name;
	__u32 table_name_len;
	__u32 passes;
	__u32 seconds;
	__u32 pad;
	__u64 reserved[2];
};

/* Longest table, column or index name (JET_cbNameMost). */
#define JETK_OBJ_NAME_MAX	64
/* Most columns and indexes one JetCreateTableColumnIndex may carry. */
#define JETK_CREATE_COLUMNS_MAX	1024
#define JETK_CREATE_INDEXES_MAX	64
/* Most entries of one JetSetColumns / JetRetrieveColumns. */
#define JETK_COLUMNS_MAX	4096

/**
 * struct jetk_column_create - one JET_COLUMNCREATE, as the module reads it
 * @name: user pointer to the column name (ASCII)
 * @name_len: bytes at @name, at most JETK_OBJ_NAME_MAX
 * @coltyp: JET_coltyp*
 * @cb_max: JET_COLUMNCREATE.cbMax
 * @grbit: JET_bitColumn*
 * @def: user pointer to the default value, or 0
 * @def_len: bytes at @def
 * @cp: code page of text columns (0: 1252)
 * @columnid: out: the new column's id
 * @err: out: this column's JET_ERR
 * @pad: must be 0
 */
struct jetk_column_create {
	__u64 name;
	__u32 name_len;
	__u32 coltyp;
	__u32 cb_max;
	__u32 grbit;
	__u64 def;
	__u32 def_len;
	__u32 cp;
	__u32 columnid;
	__s32 err;
	__u64 pad;
};

/**
 * struct jetk_index_create - one JET_INDEXCREATE, as the module reads it
 * @name: user pointer to the index name
 * @name_len: bytes at @name
 * @key_len: bytes at @key: "+col\0-col\0\0", the final NUL counted
 * @key: user pointer to the key description
 * @grbit: JET_bitIndex*
 * @density: ulDensity (0: default)
 * @cb_key_most: cbKeyMost (0: the default of 255)
 * @err: out: this index's JET_ERR
 */
struct jetk_index_create {
	__u64 name;
	__u32 name_len;
	__u32 key_len;
	__u64 key;
	__u32 grbit;
	__u32 density;
	__u32 cb_key_most;
	__s32 err;
};

/**
 * struct jetk_create_table - JetCreateTable, JetCreateTableColumnIndex(2-4)
 * @err: out: JET_ERR
 * @grbit: JET_bitTableCreate*
 * @sesid: the session
 * @dbid: the database (opened by the session)
 * @name_len: bytes at @name
 * @name: user pointer to the table name
 * @pages: initial pages (ulPages)
 * @density: ulDensity
 * @columns: user pointer to @ncolumns struct jetk_column_create; their
 *	@columnid and @err are written back
 * @ncolumns: at most JETK_CREATE_COLUMNS_MAX
 * @nindexes: at most JETK_CREATE_INDEXES_MAX
 * @indexes: user pointer to @nindexes struct jetk_index_create
 * @tableid: out: a cursor on the new table (none with
 *	JET_bitTableCreateImmutableStructure)
 * @created: out: the table, columns and indexes created
 * @pad: must be 0
 * @reserved: must be 0
 */
struct jetk_create_table {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u32 dbid;
	__u32 name_len;
	__u64 name;
	__u32 pages;
	__u32 density;
	__u64 columns;
	__u32 ncolumns;
	__u32 nindexes;
	__u64 indexes;
	__u64 tableid;
	__u32 created;
	__u32 pad;
	__u64 reserved[2];
};

/**
 * struct jetk_open_table - JetOpenTable, JetDeleteTable
 * @err: out: JET_ERR
 * @grbit: JET_bitTable* (open), 0 (delete)
 * @sesid: the session
 * @dbid: the database
 * @name_len: bytes at @name
 * @name: user pointer to the table name
 * @tableid: out: the cursor (open); 0 (delete)
 * @reserved: must be 0
 */
struct jetk_open_table {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u32 dbid;
	__u32 name_len;
	__u64 name;
	__u64 tableid;
	__u64 reserved[2];
};

/**
 * struct jetk_cursor_op - the cursor calls with scalar arguments:
 *	JetCloseTable, JetPrepareUpdate (@arg: JET_prep*), JetMove (@arg:
 *	cRow, @grbit), JetSeek (@grbit), JetDelete, JetGetLock (@grbit), and
 *	JetIdle (@grbit; @tableid and @arg 0)
 * @err: out: JET_ERR
 * @grbit: the call's grbit
 * @sesid: the session
 * @tableid: the cursor
 * @arg: the call's scalar argument
 * @reserved: must be 0
 */
struct jetk_cursor_op {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u64 tableid;
	__s64 arg;
	__u64 reserved[2];
};

/**
 * struct jetk_column_change - JetAddColumn, JetDeleteColumn(2)
 * @err: out: JET_ERR
 * @grbit: JetDeleteColumn2's grbit; 0 for JetAddColumn
 * @sesid: the session
 * @tableid: a cursor on the table
 * @name: user pointer to the column name
 * @name_len: bytes at @name
 * @add: 1: JetAddColumn, 0: JetDeleteColumn
 * @def: JetAddColumn: the column (its @name fields are ignored; @err,
 *	@columnid are written back)
 * @reserved: must be 0
 */
struct jetk_column_change {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u64 tableid;
	__u64 name;
	__u32 name_len;
	__u32 add;
	struct jetk_column_create def;
	__u64 reserved[2];
};

/**
 * struct jetk_setcolumn - one JET_SETCOLUMN
 * @columnid: the column
 * @grbit: JET_bitSet*
 * @data: user pointer to the value (0 with @len 0: NULL)
 * @len: bytes at @data
 * @ib_long_value: offset into a long value (JET_bitSetOverwriteLV)
 * @itag_sequence: value of a multi-valued column: 0 appends, n replaces
 *	the n-th
 * @err: out: JET_ERR of this column
 */
struct jetk_setcolumn {
	__u32 columnid;
	__u32 grbit;
	__u64 data;
	__u32 len;
	__u32 ib_long_value;
	__u32 itag_sequence;
	__s32 err;
};

/**
 * struct jetk_retcolumn - one JET_RETRIEVECOLUMN
 * @columnid: the column
 * @grbit: JET_bitRetrieve*
 * @data: user pointer to the buffer
 * @len: its size
 * @actual: out: the value's full length (from @ib_long_value on)
 * @ib_long_value: offset into a long value
 * @itag_sequence: which value (1-based); 0 asks for the number of
 *	values, written back here (no data is copied)
 * @columnid_next_tagged: out: JET_RETRIEVECOLUMN.columnidNextTagged
 * @err: out: JET_ERR of this column (0, JET_wrnColumnNull,
 *	JET_wrnBufferTruncated or an error)
 * @pad: must be 0
 */
struct jetk_retcolumn {
	__u32 columnid;
	__u32 grbit;
	__u64 data;
	__u32 len;
	__u32 actual;
	__u32 ib_long_value;
	__u32 itag_sequence;
	__u32 columnid_next_tagged;
	__s32 err;
	__u64 pad;
};

/**
 * struct jetk_columns - JetSetColumn(s), JetRetrieveColumn(s)
 * @err: out: JET_ERR of the call
 * @grbit: must be 0
 * @sesid: the session
 * @tableid: the cursor
 * @cols: user pointer to @ncols struct jetk_setcolumn or struct
 *	jetk_retcolumn; their out fields are written back
 * @ncols: at most JETK_COLUMNS_MAX
 * @pad: must be 0
 * @reserved: must be 0
 */
struct jetk_columns {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u64 tableid;
	__u64 cols;
	__u32 ncols;
	__u32 pad;
	__u64 reserved[2];
};

/**
 * struct jetk_update - JetUpdate, JetUpdate2
 * @err: out: JET_ERR
 * @grbit: JET_bitUpdate*
 * @sesid: the session
 * @tableid: the cursor
 * @bookmark: user pointer to a buffer for the record's bookmark, or 0
 * @bookmark_max: its size
 * @bookmark_len: out: the bookmark's length
 * @reserved: must be 0
 */
struct jetk_update {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u64 tableid;
	__u64 bookmark;
	__u32 bookmark_max;
	__u32 bookmark_len;
	__u64 reserved[2];
};

/**
 * struct jetk_make_key - JetMakeKey
 * @err: out: JET_ERR
 * @grbit: JET_bitNewKey and friends
 * @sesid: the session
 * @tableid: the cursor
 * @data: user pointer to the key column's value
 * @len: bytes at @data
 * @pad: must be 0
 * @reserved: must be 0
 */
struct jetk_make_key {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u64 tableid;
	__u64 data;
	__u32 len;
	__u32 pad;
	__u64 reserved[2];
};

/**
 * struct jetk_create_index - JetCreateIndex, JetCreateIndex2-4
 * @err: out: JET_ERR
 * @pad: must be 0
 * @sesid: the session
 * @tableid: a cursor on the table
 * @indexes: user pointer to @nindexes struct jetk_index_create; their
 *	@err are written back
 * @nindexes: at most JETK_CREATE_INDEXES_MAX
 * @pad2: must be 0
 * @reserved: must be 0
 */
struct jetk_create_index {
	__s32 err;
	__u32 pad;
	__u64 sesid;
	__u64 tableid;
	__u64 indexes;
	__u32 nindexes;
	__u32 pad2;
	__u64 reserved[2];
};

/* Info calls: which object struct jetk_info names. */
#define JETK_INFO_TABLE_COLUMN	1	/* JetGetTableColumnInfo */
#define JETK_INFO_COLUMN	2	/* JetGetColumnInfo */
#define JETK_INFO_TABLE		3	/* JetGetTableInfo */
#define JETK_INFO_DATABASE	4	/* JetGetDatabaseInfo */

/**
 * struct jetk_info - JetGetTableColumnInfo, JetGetColumnInfo,
 *	JetGetTableInfo, JetGetDatabaseInfo
 * @err: out: JET_ERR
 * @level: the InfoLevel
 * @sesid: the session
 * @tableid: the cursor (table calls)
 * @dbid: the database (JetGetColumnInfo, JetGetDatabaseInfo)
 * @what: JETK_INFO_*
 * @table: user pointer to the table name (JetGetColumnInfo)
 * @column: user pointer to the column name, or the column id for the
 *	ByColid levels
 * @table_len: bytes at @table
 * @column_len: bytes at @column
 * @buf: user pointer to the result
 * @buf_len: its size
 * @actual: out: bytes of the result
 * @reserved: must be 0
 */
struct jetk_info {
	__s32 err;
	__u32 level;
	__u64 sesid;
	__u64 tableid;
	__u32 dbid;
	__u32 what;
	__u64 table;
	__u64 column;
	__u32 table_len;
	__u32 column_len;
	__u64 buf;
	__u32 buf_len;
	__u32 actual;
	__u64 reserved[2];
};

/*
 * Results of the info calls, in @buf.  libjetk converts them to the
 * esent.h structs of the level asked for.
 */

/**
 * struct jetk_column_info - one column (JET_COLUMNDEF / JET_COLUMNBASE)
 * @columnid: its id
 * @coltyp: JET_coltyp
 * @cp: code page
 * @cb_max: size limit (fixed: the size)
 * @grbit: JET_bitColumn*
 * @name_len: bytes of @name
 * @name: the column name, NUL padded
 * @table: the table's name, NUL padded
 */
struct jetk_column_info {
	__u32 columnid;
	__u32 coltyp;
	__u32 cp;
	__u32 cb_max;
	__u32 grbit;
	__u32 name_len;
	char name[JETK_OBJ_NAME_MAX + 8];
	char table[JETK_OBJ_NAME_MAX + 8];
};

/**
 * struct jetk_table_info - a table (JET_OBJECTINFO and the scalar levels)
 * @records: records in the table
 * @pages: pages it owns
 * @objid: its object id
 * @pgno_fdp: its root page
 * @ncolumns: its columns
 * @nindexes: its indexes
 * @dbid: its database
 * @flags: JET_bitTable* creation flags
 * @avail_pages: pages it owns but does not use
 * @name: the table's name, NUL padded
 */
struct jetk_table_info {
	__u64 records;
	__u32 pages;
	__u32 objid;
	__u32 pgno_fdp;
	__u32 ncolumns;
	__u32 nindexes;
	__u32 dbid;
	__u32 flags;
	__u32 avail_pages;
	char name[JETK_OBJ_NAME_MAX + 8];
};

/**
 * struct jetk_database_info - a database (JET_DBINFOMISC's essentials)
 * @filesize: bytes the database uses (pages + 2 headers)
 * @pages: database pages (without the headers)
 * @page_size: bytes per page
 * @dbstate: JET_dbstate* (on disk)
 * @version: file format version (0x620)
 * @update: format revision
 * @dbid: the database
 * @grbit: JET_bitDb* it is attached with
 * @max_pages: cpgDatabaseSizeMax (0: none)
 * @dbtime: the database time
 * @signature: JET_SIGNATURE of the database (28 bytes)
 * @pad2: must be 0
 * @name: the name it is attached by, NUL terminated (truncated)
 */
struct jetk_database_info {
	__u64 filesize;
	__u32 pages;
	__u32 page_size;
	__u32 dbstate;
	__u32 version;
	__u32 update;
	__u32 dbid;
	__u32 grbit;
	__u32 max_pages;
	__u64 dbtime;
	__u8 signature[28];
	__u32 pad2;
	char name[256];
};

/**
 * struct jetk_transaction - JetBeginTransaction(2, 3), JetCommitTransaction(2)
 *	and JetRollback
 * @err: out: JET_ERR
 * @grbit: the call's grbit
 * @sesid: the session
 * @trxid: JetBeginTransaction3's trxid (ESE only tags its traces with it;
 *	accepted and not kept); else 0
 * @cmsec_durable_commit: JetCommitTransaction2's cmsecDurableCommit; else 0
 * @level: out: the session's transaction level after the call
 * @commit_id: out: a level-0 commit's id (its commit timestamp), else 0
 * @reserved: must be 0
 */
struct jetk_transaction {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__s64 trxid;
	__u32 cmsec_durable_commit;
	__u32 level;
	__s64 commit_id;
	__u64 reserved[2];
};

/**
 * struct jetk_escrow_update - JetEscrowUpdate
 * @err: out: JET_ERR
 * @grbit: JET_bitEscrowNoRollback or 0
 * @sesid: the session
 * @tableid: the cursor, on the record to change
 * @columnid: the escrow column
 * @delta_len: cbMax: bytes at @delta (the column's size)
 * @delta: the value to add (4 or 8 bytes, little endian)
 * @old: where the value before the change goes, or 0
 * @old_max: room at @old
 * @old_len: out: the value's size
 * @reserved: must be 0
 */
struct jetk_escrow_update {
	__s32 err;
	__u32 grbit;
	__u64 sesid;
	__u64 tableid;
	__u32 columnid;
	__u32 delta_len;
	__u64 delta;
	__u64 old;
	__u32 old_max;
	__u32 old_len;
	__u64 reserved[2];
};

/* Command numbers; the struct of each is in its _IOWR definition below. */
#define _JETK_NR_API			0x00
#define _JETK_NR_CREATE_INSTANCE	0x01
#define _JETK_NR_INIT			0x02
#define _JETK_NR_TERM			0x03
#define _JETK_NR_STOP_SERVICE		0x04
#define _JETK_NR_SET_PARAM		0x05
#define _JETK_NR_GET_PARAM		0x06
#define _JETK_NR_ENABLE_MULTI_INSTANCE	0x07
#define _JETK_NR_BEGIN_SESSION		0x10
#define _JETK_NR_END_SESSION		0x11
#define _JETK_NR_SET_SESSION_CONTEXT	0x12
#define _JETK_NR_RESET_SESSION_CONTEXT	0x13
#define _JETK_NR_GET_SESSION_INFO	0x14
#define _JETK_NR_ATTACH_DATABASE	0x20
#define _JETK_NR_DETACH_DATABASE	0x21
#define _JETK_NR_OPEN_DATABASE		0x22
#define _JETK_NR_CLOSE_DATABASE		0x23
#define _JETK_NR_DEFRAGMENT		0x24
#define _JETK_NR_CREATE_TABLE		0x30
#define _JETK_NR_OPEN_TABLE		0x31
#define _JETK_NR_CLOSE_TABLE		0x32
#define _JETK_NR_DELETE_TABLE		0x33
#define _JETK_NR_COLUMN_CHANGE		0x34
#define _JETK_NR_GET_INFO		0x35
#define _JETK_NR_CREATE_INDEX		0x36
#define _JETK_NR_PREPARE_UPDATE		0x40
#define _JETK_NR_SET_COLUMNS		0x41
#define _JETK_NR_UPDATE			0x42
#define _JETK_NR_DELETE			0x43
#define _JETK_NR_RETRIEVE_COLUMNS	0x44
#define _JETK_NR_MOVE			0x45
#define _JETK_NR_MAKE_KEY		0x46
#define _JETK_NR_SEEK			0x47
#define _JETK_NR_INDEX_RECORD_COUNT	0x48
#define _JETK_NR_BEGIN_TRANSACTION	0x50
#define _JETK_NR_COMMIT_TRANSACTION	0x51
#define _JETK_NR_ROLLBACK		0x52
#define _JETK_NR_ESCROW_UPDATE		0x53
#define _JETK_NR_GET_LOCK		0x54
#define _JETK_NR_IDLE			0x55

#define JETK_IOC_API		_IOWR(JETK_IOC_MAGIC, _JETK_NR_API, struct jetk_api)
#define JETK_IOC_CREATE_INSTANCE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_CREATE_INSTANCE, struct jetk_create_instance)
#define JETK_IOC_INIT		_IOWR(JETK_IOC_MAGIC, _JETK_NR_INIT, struct jetk_init)
#define JETK_IOC_TERM		_IOWR(JETK_IOC_MAGIC, _JETK_NR_TERM, struct jetk_term)
#define JETK_IOC_STOP_SERVICE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_STOP_SERVICE, struct jetk_stop_service)
#define JETK_IOC_SET_PARAM \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_SET_PARAM, struct jetk_set_param)
#define JETK_IOC_GET_PARAM \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_GET_PARAM, struct jetk_get_param)
#define JETK_IOC_ENABLE_MULTI_INSTANCE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_ENABLE_MULTI_INSTANCE, \
	      struct jetk_enable_multi_instance)
#define JETK_IOC_BEGIN_SESSION \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_BEGIN_SESSION, struct jetk_begin_session)
#define JETK_IOC_END_SESSION \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_END_SESSION, struct jetk_end_session)
#define JETK_IOC_SET_SESSION_CONTEXT \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_SET_SESSION_CONTEXT, struct jetk_session_context)
#define JETK_IOC_RESET_SESSION_CONTEXT \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_RESET_SESSION_CONTEXT, struct jetk_session_context)
#define JETK_IOC_GET_SESSION_INFO \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_GET_SESSION_INFO, struct jetk_session_info)

#define JETK_IOC_ATTACH_DATABASE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_ATTACH_DATABASE, struct jetk_attach_database)
#define JETK_IOC_DETACH_DATABASE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_DETACH_DATABASE, struct jetk_detach_database)
#define JETK_IOC_OPEN_DATABASE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_OPEN_DATABASE, struct jetk_open_database)
#define JETK_IOC_CLOSE_DATABASE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_CLOSE_DATABASE, struct jetk_open_database)
#define JETK_IOC_DEFRAGMENT \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_DEFRAGMENT, struct jetk_defragment)
#define JETK_IOC_CREATE_TABLE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_CREATE_TABLE, struct jetk_create_table)
#define JETK_IOC_OPEN_TABLE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_OPEN_TABLE, struct jetk_open_table)
#define JETK_IOC_CLOSE_TABLE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_CLOSE_TABLE, struct jetk_cursor_op)
#define JETK_IOC_DELETE_TABLE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_DELETE_TABLE, struct jetk_open_table)
#define JETK_IOC_COLUMN_CHANGE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_COLUMN_CHANGE, struct jetk_column_change)
#define JETK_IOC_GET_INFO \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_GET_INFO, struct jetk_info)
#define JETK_IOC_CREATE_INDEX \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_CREATE_INDEX, struct jetk_create_index)
#define JETK_IOC_PREPARE_UPDATE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_PREPARE_UPDATE, struct jetk_cursor_op)
#define JETK_IOC_SET_COLUMNS \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_SET_COLUMNS, struct jetk_columns)
#define JETK_IOC_UPDATE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_UPDATE, struct jetk_update)
#define JETK_IOC_DELETE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_DELETE, struct jetk_cursor_op)
#define JETK_IOC_RETRIEVE_COLUMNS \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_RETRIEVE_COLUMNS, struct jetk_columns)
#define JETK_IOC_MOVE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_MOVE, struct jetk_cursor_op)
#define JETK_IOC_MAKE_KEY \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_MAKE_KEY, struct jetk_make_key)
#define JETK_IOC_SEEK \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_SEEK, struct jetk_cursor_op)
/* JetIndexRecordCount: @arg in crecMax (0: no limit), out the count. */
#define JETK_IOC_INDEX_RECORD_COUNT \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_INDEX_RECORD_COUNT, struct jetk_cursor_op)
#define JETK_IOC_BEGIN_TRANSACTION \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_BEGIN_TRANSACTION, struct jetk_transaction)
#define JETK_IOC_COMMIT_TRANSACTION \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_COMMIT_TRANSACTION, struct jetk_transaction)
#define JETK_IOC_ROLLBACK \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_ROLLBACK, struct jetk_transaction)
#define JETK_IOC_ESCROW_UPDATE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_ESCROW_UPDATE, struct jetk_escrow_update)
#define JETK_IOC_GET_LOCK \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_GET_LOCK, struct jetk_cursor_op)
#define JETK_IOC_IDLE \
	_IOWR(JETK_IOC_MAGIC, _JETK_NR_IDLE, struct jetk_cursor_op)

#endif /* _UAPI_LINUX_JETK_H */
