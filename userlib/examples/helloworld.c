// SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT
/*
 * Hello World as ESE's oldest samples (and ManagedEsent's native one) have
 * it: legacy one-instance mode, no JetCreateInstance, and a JET_INSTANCE
 * that holds garbage until JetInit fills it in.
 *
 * Creates edbtest.db (and the log, edb.jlog) in the current directory,
 * stores "Hello World" in a table and reads it back.  Run it again in the
 * same directory and it stops at JetCreateDatabase with "ESENT error:
 * -1201" (JET_errDatabaseDuplicate): the database is already there.
 *
 * Built statically by `make -C userlib helloworld`; in UML, twice:
 *   tests/uml/run -- sh -c 'h=$PWD/userlib/examples/helloworld;
 *	cd "$TMPDIR" && $h; $h'
 */
#include <stdio.h>

#include "esent.h"

#define Call(fn) do {						\
	JET_ERR err_ = (fn);					\
	if (err_ < 0) {						\
		printf("ESENT error: %ld\n", err_);		\
		return 1;					\
	}							\
} while (0)

int main(void)
{
	JET_INSTANCE instance;	/* never initialised: JetInit ignores it */
	JET_SESID sesid;
	JET_DBID dbid;
	JET_TABLEID tableid;
	JET_COLUMNDEF columndef = { 0 };
	JET_COLUMNID columnid;
	char buffer[1024];
	unsigned long cb;

	/* Before JetInit: the default the one instance will start with. */
	Call(JetSetSystemParameter(&instance, JET_sesidNil,
				   JET_paramCircularLog, 1, NULL));
	Call(JetInit(&instance));
	Call(JetBeginSession(instance, &sesid, NULL, NULL));
	Call(JetCreateDatabase(sesid, "edbtest.db", NULL, &dbid, 0));

	Call(JetBeginTransaction(sesid));
	Call(JetCreateTable(sesid, dbid, "table", 0, 100, &tableid));
	columndef.cbStruct = sizeof(columndef);
	columndef.coltyp = JET_coltypLongText;
	columndef.cp = 1252;
	Call(JetAddColumn(sesid, tableid, "column1", &columndef, NULL, 0,
			  &columnid));
	Call(JetCommitTransaction(sesid, JET_bitCommitLazyFlush));

	Call(JetBeginTransaction(sesid));
	Call(JetPrepareUpdate(sesid, tableid, JET_prepInsert));
	Call(JetSetColumn(sesid, tableid, columnid, "Hello World",
			  sizeof("Hello World"), 0, NULL));
	Call(JetUpdate(sesid, tableid, NULL, 0, NULL));
	Call(JetCommitTransaction(sesid, 0));

	Call(JetMove(sesid, tableid, JET_MoveFirst, 0));
	Call(JetRetrieveColumn(sesid, tableid, columnid, buffer,
			       sizeof(buffer), &cb, 0, NULL));
	printf("%s\n", buffer);

	Call(JetCloseTable(sesid, tableid));
	Call(JetEndSession(sesid, 0));
	Call(JetTerm(instance));
	return 0;
}
