// SPDX-License-Identifier: GPL-2.0-only
/*
 * JetCreateIndex: a primary index given to an empty table after it was
 * created (JetCreateTable + JetAddColumn + JetCreateIndex, the classic
 * ESE sequence), its errors (a second primary index, a table that holds
 * records, unknown columns, bad key strings, secondary indexes not yet
 * supported), and records found by the new key, also after the database
 * is attached again.  esedbinfo lists the index (host-side check).
 */
#include "tap.h"
#include "util.h"

#define KEEP_FILE	"tests/user/build/out/index.edb"

static JET_ERR add_row(JET_SESID ses, JET_TABLEID t, JET_COLUMNID cname,
		       JET_COLUMNID cval, const char *name, int val)
{
	JET_ERR err = JetPrepareUpdate(ses, t, JET_prepInsert);

	if (!err)
		err = JetSetColumn(ses, t, cname, name, strlen(name), 0, NULL);
	if (!err)
		err = JetSetColumn(ses, t, cval, &val, 4, 0, NULL);
	if (!err)
		err = JetUpdate(ses, t, NULL, 0, NULL);
	return err;
}

int main(void)
{
	static const char *const names[] = {
		"pear", "apple", "Fig", "banana", "cherry", "date",
	};
	JET_COLUMNDEF def = { .cbStruct = sizeof(def) };
	JET_INDEXCREATE_A ix[2];
	JET_COLUMNID cname, cval;
	JET_INSTANCE inst = 0;
	JET_TABLEID t, u;
	JET_SESID ses;
	JET_DBID dbid;
	char got[64];
	unsigned long len;
	unsigned int i;
	int val, prev_ok = 1;

	mkdir("tests/user/build/out", 0755);
	unlink(KEEP_FILE);
	is(lib_instance(&inst, "index"), 0, "an instance");
	is(JetBeginSession(inst, &ses, NULL, NULL), 0, "a session");
	is(JetCreateDatabaseA(ses, KEEP_FILE, NULL, &dbid, 0), 0,
	   "JetCreateDatabase");
	is(JetCreateTableA(ses, dbid, "Fruit", 0, 0, &t), 0, "JetCreateTable");
	def.coltyp = JET_coltypText;
	def.cbMax = 32;
	def.cp = JET_cpANSI;
	def.grbit = JET_bitColumnNotNULL;
	is(JetAddColumnA(ses, t, "Name", &def, NULL, 0, &cname), 0,
	   "JetAddColumn Name");
	def.coltyp = JET_coltypLong;
	def.cbMax = 0;
	def.cp = 0;
	def.grbit = 0;
	is(JetAddColumnA(ses, t, "Value", &def, NULL, 0, &cval), 0,
	   "JetAddColumn Value");

	is(JetCreateIndexA(ses, t, "ByName", JET_bitIndexUnique, "+Name\0", 7,
			   0), JET_errFeatureNotAvailable,
	   "a secondary index -> FeatureNotAvailable (not yet)");
	is(JetCreateIndexA(ses, t, "ByNope", JET_bitIndexPrimary, "+Nope\0", 7,
			   0), JET_errColumnNotFound,
	   "a key column that does not exist -> ColumnNotFound");
	is(JetCreateIndexA(ses, t, "Bad", JET_bitIndexPrimary, "+Name", 5, 0),
	   JET_errInvalidCreateIndex,
	   "a key without its final NULs -> InvalidCreateIndex");
	is(JetCreateIndexA(ses, t, "Bad", JET_bitIndexPrimary, "+Name\0", 7,
			   5), JET_errDensityInvalid, "density 5 -> DensityInvalid");
	is(JetCreateIndexA(ses, t, "PK", JET_bitIndexPrimary, "+Name\0", 7, 0),
	   0, "JetCreateIndex PK on Name (primary)");
	is(JetCreateIndexA(ses, t, "PK", JET_bitIndexPrimary, "+Value\0", 8,
			   0), JET_errIndexDuplicate,
	   "the same name again -> IndexDuplicate");
	is(JetCreateIndexA(ses, t, "PK2", JET_bitIndexPrimary, "+Value\0", 8,
			   0), JET_errIndexHasPrimary,
	   "a second primary index -> IndexHasPrimary");

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		is(add_row(ses, t, cname, cval, names[i], (int)i * 10), 0,
		   "insert %s", names[i]);
	is(add_row(ses, t, cname, cval, "APPLE", 99), JET_errKeyDuplicate,
	   "APPLE: the key is case-blind -> KeyDuplicate");
	is(JetPrepareUpdate(ses, t, JET_prepCancel), 0, "cancel it");

	/* The rows come back in key order: apple banana cherry date fig pear */
	{
		static const char *const order[] = {
			"apple", "banana", "cherry", "date", "Fig", "pear",
		};
		JET_ERR err;

		i = 0;
		for (err = JetMove(ses, t, JET_MoveFirst, 0); !err;
		     err = JetMove(ses, t, JET_MoveNext, 0), i++) {
			memset(got, 0, sizeof(got));
			if (JetRetrieveColumn(ses, t, cname, got, sizeof(got),
					      &len, 0, NULL) ||
			    i >= 6 || strcmp(got, order[i]))
				prev_ok = 0;
		}
		ok(prev_ok && i == 6, "a scan follows the new index's order");
	}
	is(JetMakeKey(ses, t, "CHERRY", 6, JET_bitNewKey), 0,
	   "JetMakeKey CHERRY");
	is(JetSeek(ses, t, JET_bitSeekEQ), 0, "JetSeek EQ finds cherry");
	is(JetRetrieveColumn(ses, t, cval, &val, 4, &len, 0, NULL), 0,
	   "its Value");
	is(val, 40, "... is 40");

	is(JetCreateTableA(ses, dbid, "Full", 0, 0, &u), 0,
	   "another table, Full");
	is(JetAddColumnA(ses, u, "Value", &def, NULL, 0, &cval), 0,
	   "its column");
	val = 1;
	is(JetPrepareUpdate(ses, u, JET_prepInsert), 0, "a record");
	is(JetSetColumn(ses, u, cval, &val, 4, 0, NULL), 0, "... its value");
	is(JetUpdate(ses, u, NULL, 0, NULL), 0, "... inserted");
	memset(ix, 0, sizeof(ix));
	ix[0].cbStruct = sizeof(ix[0]);
	ix[0].szIndexName = "PK";
	ix[0].szKey = "+Value\0";
	ix[0].cbKey = 8;
	ix[0].grbit = JET_bitIndexPrimary;
	is(JetCreateIndex2A(ses, u, ix, 1), JET_errTableNotEmpty,
	   "JetCreateIndex2 on a table with records -> TableNotEmpty");
	is(ix[0].err, JET_errTableNotEmpty, "... in the entry's err too");
	ix[0].cbStruct = 3;
	is(JetCreateIndex2A(ses, u, ix, 1), JET_errInvalidParameter,
	   "a wrong cbStruct -> InvalidParameter");

	is(JetCloseTable(ses, u), 0, "JetCloseTable Full");
	is(JetCloseTable(ses, t), 0, "JetCloseTable Fruit");
	is(JetCloseDatabase(ses, dbid, 0), 0, "JetCloseDatabase");
	is(JetDetachDatabaseA(ses, KEEP_FILE), 0, "JetDetachDatabase");
	is(JetAttachDatabaseA(ses, KEEP_FILE, 0), 0, "attach again");
	is(JetOpenDatabaseA(ses, KEEP_FILE, NULL, &dbid, 0), 0,
	   "JetOpenDatabase");
	is(JetOpenTableA(ses, dbid, "Fruit", NULL, 0, 0, &t), 0,
	   "JetOpenTable Fruit");
	is(JetMakeKey(ses, t, "date", 4, JET_bitNewKey), 0, "JetMakeKey date");
	is(JetSeek(ses, t, JET_bitSeekEQ), 0,
	   "the index came back from the catalog: JetSeek finds date");
	is(JetCloseTable(ses, t), 0, "JetCloseTable");
	is(JetCloseDatabase(ses, dbid, 0), 0, "JetCloseDatabase");
	is(JetDetachDatabaseA(ses, KEEP_FILE), 0, "JetDetachDatabase");
	is(JetEndSession(ses, 0), 0, "JetEndSession");
	is(JetTerm(inst), 0, "JetTerm");
	return tap_done();
}
