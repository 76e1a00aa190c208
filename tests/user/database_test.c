// SPDX-License-Identifier: GPL-2.0-only
/*
 * Databases through libjetk: JetCreateDatabase, JetAttachDatabase,
 * JetDetachDatabase, JetOpenDatabase, JetCloseDatabase on files that
 * libjetk puts under loop devices, ESE's errors, the stop gate, and the
 * file left behind: trimmed to the database's size, and (for the one kept
 * under tests/user/build/out/) read by Debian's esedbinfo on the host.
 */
#include <sys/stat.h>

#include "tap.h"
#include "util.h"

#define KEEP_DIR	"tests/user/build/out"
#define KEEP_FILE	KEEP_DIR "/created.edb"

static long long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long long)st.st_size;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	JET_INSTANCE inst = 0;
	JET_SESID ses, other;
	JET_DBID dbid = 0, dbid2 = 0;
	char path[256], missing[256];

	snprintf(path, sizeof(path), "%s/jetk-db-test.edb", tmp);
	snprintf(missing, sizeof(missing), "%s/no-such.edb", tmp);
	unlink(path);
	is(lib_instance(&inst, "databases"), 0, "an instance");
	is(JetBeginSession(inst, &ses, NULL, NULL), 0, "a session");
	is(JetBeginSession(inst, &other, NULL, NULL), 0, "another session");

	is(JetCreateDatabase(ses, path, NULL, &dbid, 0), 0, "JetCreateDatabase");
	ok(dbid >= 1 && dbid < 8, "a small JET_DBID (%lu)", dbid);
	is(JetCreateDatabase(ses, path, NULL, &dbid2, 0),
	   JET_errDatabaseDuplicate, "create again -> DatabaseDuplicate");
	is(JetAttachDatabase(ses, path, 0), JET_wrnDatabaseAttached,
	   "attach while attached -> wrnDatabaseAttached");
	is(JetDetachDatabase(ses, path), JET_errDatabaseInUse,
	   "detach while the creating session has it open -> DatabaseInUse");
	is(JetOpenDatabase(other, path, NULL, &dbid2, 0), 0,
	   "another session opens it");
	is(dbid2, dbid, "... with the same dbid");
	is(JetCloseDatabase(other, dbid2, 0), 0, "... and closes it");
	is(JetCloseDatabase(other, dbid2, 0), JET_errInvalidDatabaseId,
	   "closing twice -> InvalidDatabaseId");
	is(JetCloseDatabase(ses, dbid, 1), JET_errInvalidGrbit,
	   "JetCloseDatabase(grbit 1) -> InvalidGrbit");
	is(JetCloseDatabase(ses, dbid, 0), 0, "the creator closes it");
	is(JetDetachDatabase(ses, path), 0, "JetDetachDatabase");
	is(file_size(path), 256 * 4096,
	   "the file is trimmed to the database's 1 MiB");
	is(JetDetachDatabase(ses, path), JET_errDatabaseNotFound,
	   "detach again -> DatabaseNotFound");

	is(JetAttachDatabase(ses, path, 0), 0, "attach the file again");
	is(JetOpenDatabase(ses, path, NULL, &dbid, JET_bitDbExclusive), 0,
	   "open exclusively");
	is(JetOpenDatabase(other, path, NULL, &dbid2, 0), JET_errDatabaseLocked,
	   "another session -> DatabaseLocked");
	is(JetEndSession(ses, 0), 0, "ending the session closes its databases");
	is(JetBeginSession(inst, &ses, NULL, NULL), 0, "a new session");
	is(JetOpenDatabase(other, path, NULL, &dbid2, 0), 0,
	   "the lock went with the session");
	is(JetDetachDatabase(ses, NULL), JET_errDatabaseInUse,
	   "detach all while open -> DatabaseInUse");
	is(JetCloseDatabase(other, dbid2, 0), 0, "close");
	is(JetDetachDatabase(ses, NULL), 0, "detach all");

	is(JetAttachDatabase(ses, missing, 0), JET_errFileNotFound,
	   "attach a missing file -> FileNotFound");
	is(JetOpenDatabase(ses, path, NULL, &dbid, 0), JET_errDatabaseNotFound,
	   "open a detached database -> DatabaseNotFound");
	is(JetAttachDatabase(ses, path, 0x4), JET_errInvalidGrbit,
	   "attach with an unknown grbit -> InvalidGrbit");
	is(JetCreateDatabase(ses, path, NULL, &dbid, JET_bitDbOverwriteExisting),
	   0, "create over it with JET_bitDbOverwriteExisting");

	is(JetStopServiceInstance(inst), 0, "stop the service");
	is(JetAttachDatabase(ses, path, 0), JET_errClientRequestToStopJetService,
	   "attach after stop -> -1329");
	is(JetCloseDatabase(ses, dbid, 0), 0, "JetCloseDatabase is exempt");
	is(JetDetachDatabase(ses, path), 0, "JetDetachDatabase is exempt");
	is(JetTerm(inst), 0, "term");

	/* One database for the host to read with esedbinfo. */
	mkdir(KEEP_DIR, 0755);
	unlink(KEEP_FILE);
	is(lib_instance(&inst, "keep"), 0, "an instance for a kept database");
	is(JetBeginSession(inst, &ses, NULL, NULL), 0, "a session");
	is(JetCreateDatabase(ses, KEEP_FILE, NULL, &dbid, 0), 0,
	   "create " KEEP_FILE);
	is(JetCloseDatabase(ses, dbid, 0), 0, "close it");
	is(JetDetachDatabase(ses, KEEP_FILE), 0, "detach it");
	is(file_size(KEEP_FILE), 256 * 4096, "a 1 MiB file on the host");
	is(JetTerm(inst), 0, "term");

	/* JetTerm with databases attached: it detaches them, sized. */
	unlink(path);
	is(lib_instance(&inst, "term-sizes"), 0, "an instance");
	is(JetBeginSession(inst, &ses, NULL, NULL), 0, "a session");
	is(JetCreateDatabase(ses, path, NULL, &dbid, 0), 0, "create a database");
	ok(file_size(path) > 256 * 4096, "its file is sparse and long (%lld)",
	   file_size(path));
	is(JetTerm(inst), 0, "JetTerm without detaching it");
	is(file_size(path), 256 * 4096,
	   "the term cut the file to the database's 1 MiB");
	is(lib_instance(&inst, "term-sizes-2"), 0, "another instance");
	is(JetBeginSession(inst, &ses, NULL, NULL), 0, "a session");
	is(JetAttachDatabase(ses, path, 0), 0,
	   "the file attaches again: clean, complete");
	is(JetDetachDatabase(ses, path), 0, "detach");
	is(JetTerm(inst), 0, "term");
	unlink(path);

	/* JET_paramDbExtensionSize: the database grows 4 MiB at a time. */
	{
		JET_COLUMNCREATE_A col = {
			.cbStruct = sizeof(col), .szColumnName = "Blob",
			.coltyp = JET_coltypLongBinary,
		};
		JET_TABLECREATE_A tc = {
			.cbStruct = sizeof(tc), .szTableName = "T",
			.rgcolumncreate = &col, .cColumns = 1,
		};
		static char blob[600 * 1024];
		JET_ERR err = 0;
		int r;

		is(JetCreateInstance(&inst, "extension"), 0, "an instance");
		is(JetSetSystemParameter(&inst, 0, JET_paramDbExtensionSize,
					 1024, NULL), 0,
		   "JET_paramDbExtensionSize 1024 pages");
		is(JetInit(&inst), 0, "JetInit");
		is(JetBeginSession(inst, &ses, NULL, NULL), 0, "a session");
		is(JetCreateDatabase(ses, path, NULL, &dbid, 0), 0,
		   "create a database (1 MiB)");
		is(JetCreateTableColumnIndex(ses, dbid, &tc), 0, "a table");
		memset(blob, 'x', sizeof(blob));
		for (r = 0; r < 3 && !err; r++) {
			err = JetPrepareUpdate(ses, tc.tableid, JET_prepInsert);
			if (!err)
				err = JetSetColumn(ses, tc.tableid, col.columnid,
						   blob, sizeof(blob), 0, NULL);
			if (!err)
				err = JetUpdate(ses, tc.tableid, NULL, 0, NULL);
		}
		is(err, 0, "1.8 MB of long values: the database must grow");
		is(JetCloseTable(ses, tc.tableid), 0, "close the table");
		is(JetCloseDatabase(ses, dbid, 0), 0, "close the database");
		is(JetDetachDatabase(ses, path), 0, "detach");
		is(file_size(path), 5 * 1024 * 1024,
		   "one growth step of 1024 pages: a 5 MiB file");
		is(JetTerm(inst), 0, "term");
		unlink(path);
	}
	return tap_done();
}
