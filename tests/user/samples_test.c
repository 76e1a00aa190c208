// SPDX-License-Identifier: GPL-2.0-only
/*
 * Databases Windows wrote (../shared/samples, gunzipped by tests/uml/check
 * into tests/user/build/samples/): attached through libjetk, their tables
 * opened and read, and the values compared with what Debian's esedbexport
 * exports from the same files, or, where it cannot (separated and
 * compressed long values), with what the self-describing sample values
 * must be ("Long compressed ASCII text aaa..." is "Long ASCII text aaa..."
 * with "compressed " put in).  A record goes into basic.edb's table
 * (Windows keeps it in a single-extent space: jetk gives it space trees);
 * tests/uml/check has esedbexport and the space checker read the file
 * afterwards.  Where the samples are missing every check is reported
 * skipped, never passed.
 */
#include "tap.h"
#include "util.h"

#define DIR	"tests/user/build/samples"
#define NCHECKS	63	/* the is()/ok() below, for the skip count */

static JET_SESID ses;

static JET_ERR open_sample(const char *file, const char *table, JET_DBID *dbid,
			   JET_TABLEID *t, JET_GRBIT grbit)
{
	char path[128];
	JET_ERR err;

	snprintf(path, sizeof(path), DIR "/%s", file);
	err = JetAttachDatabaseA(ses, path, grbit);
	if (!err)
		err = JetOpenDatabaseA(ses, path, NULL, dbid, grbit);
	if (err >= 0)
		err = JetOpenTableA(ses, *dbid, table, NULL, 0,
				    grbit ? JET_bitTableReadOnly : 0, t);
	return err;
}

static JET_ERR close_sample(const char *file, JET_DBID dbid, JET_TABLEID t)
{
	char path[128];

	snprintf(path, sizeof(path), DIR "/%s", file);
	JetCloseTable(ses, t);
	JetCloseDatabase(ses, dbid, 0);
	return JetDetachDatabaseA(ses, path);
}

static JET_COLUMNID col(JET_TABLEID t, const char *name)
{
	JET_COLUMNDEF def = { .cbStruct = sizeof(def) };

	if (JetGetTableColumnInfoA(ses, t, name, &def, sizeof(def),
				   JET_ColInfo))
		return 0;
	return def.columnid;
}

static long rows(JET_TABLEID t)
{
	long n = 0;
	JET_ERR err;

	for (err = JetMove(ses, t, JET_MoveFirst, 0); !err;
	     err = JetMove(ses, t, JET_MoveNext, 0))
		n++;
	return err == JET_errNoCurrentRecord ? n : -1;
}

/* A column's value; its length, or -1. */
static long get(JET_TABLEID t, const char *name, void *buf, unsigned long max,
		unsigned long itag)
{
	JET_RETINFO ri = { .cbStruct = sizeof(ri), .itagSequence = itag };
	unsigned long len = 0;
	JET_ERR err;

	err = JetRetrieveColumn(ses, t, col(t, name), buf, max, &len, 0, &ri);
	return err ? -1 : (long)len;
}

/* @v is @prefix then only @fill up to @len bytes. */
static int text_is(const char *v, long len, const char *prefix, char fill)
{
	long i, p = (long)strlen(prefix);

	if (len < p || memcmp(v, prefix, p))
		return 0;
	for (i = p; i < len; i++)
		if (v[i] != fill)
			return 0;
	return 1;
}

/* UTF-16LE @v starts with ASCII @prefix. */
static int utf16_starts(const char *v, long len, const char *prefix)
{
	long i, p = (long)strlen(prefix);

	if (len < 2 * p)
		return 0;
	for (i = 0; i < p; i++)
		if (v[2 * i] != prefix[i] || v[2 * i + 1])
			return 0;
	return 1;
}

int main(void)
{
	static char a[70000], b[70000];
	JET_INSTANCE inst = 0;
	JET_TABLEID t;
	JET_DBID dbid;
	long la, lb;
	int v32 = 0, i;
	long long v64 = 0;
	short v16 = 0;
	unsigned char v8 = 0;

	if (access(DIR "/basic.edb", R_OK)) {
		for (i = 0; i < NCHECKS; i++)
			ok(1, "# SKIP the Windows samples are not on this machine");
		return tap_done();
	}
	is(lib_instance(&inst, "samples"), 0, "an instance");
	is(JetBeginSession(inst, &ses, NULL, NULL), 0, "a session");

	/* basic.edb: every fixed type (esedbexport: 2 rows). */
	is(open_sample("basic.edb", "basic", &dbid, &t, JET_bitDbReadOnly), 0,
	   "basic.edb: attach read-only, open table basic");
	is(rows(t), 2, "basic: 2 rows, as esedbexport exports");
	is(JetMove(ses, t, JET_MoveFirst, 0), 0, "basic: the first row");
	ok(get(t, "UnsignedByte", &v8, 1, 1) == 1 && v8 == 213,
	   "basic: UnsignedByte 213");
	ok(get(t, "Short", &v16, 2, 1) == 2 && v16 == -1337,
	   "basic: Short -1337");
	ok(get(t, "Long", &v32, 4, 1) == 4 && v32 == -13371337,
	   "basic: Long -13371337");
	ok(get(t, "Currency", &v64, 8, 1) == 8 && v64 == 1337133713371337LL,
	   "basic: Currency 1337133713371337");
	ok(get(t, "LongLong", &v64, 8, 1) == 8 && v64 == -13371337,
	   "basic: LongLong -13371337");
	ok(get(t, "UnsignedShort", &v16, 2, 1) == 2 && v16 == 1337,
	   "basic: UnsignedShort 1337");
	ok(get(t, "GUID", a, 16, 1) == 16 &&
	   !memcmp(a, "\xf1\x0a\x36\x3f\x66\x67\xdc\x46\x9a\xf2\x0d\xac\xf2\x95\xc2\xa1", 16),
	   "basic: GUID f10a363f...c2a1");
	is(JetMove(ses, t, JET_MoveNext, 0), 0, "basic: the second row");
	ok(get(t, "Short", &v16, 2, 1) == 2 && v16 == 1339,
	   "basic: Short 1339");
	is(JetRetrieveColumn(ses, t, col(t, "UnsignedShort"), &v16, 2, NULL, 0,
			     NULL), JET_wrnColumnNull,
	   "basic: UnsignedShort NULL (esedbexport: empty)");
	is(JetPrepareUpdate(ses, t, JET_prepInsert), JET_errPermissionDenied,
	   "basic: read-only attach: no update");
	is(close_sample("basic.edb", dbid, t), 0, "basic.edb: detach");

	/*
	 * The same file attached read-write: its small table (a
	 * single-extent space) gets space trees, and takes a record.  The
	 * host then has esedbexport and the space checker read the file.
	 */
	is(open_sample("basic.edb", "basic", &dbid, &t, 0), 0,
	   "basic.edb: attach read-write, open table basic");
	is(JetPrepareUpdate(ses, t, JET_prepInsert), 0,
	   "basic: JetPrepareUpdate(insert) in a table Windows wrote");
	v16 = 77;
	is(JetSetColumn(ses, t, col(t, "Short"), &v16, 2, 0, NULL), 0,
	   "basic: Short 77");
	is(JetSetColumn(ses, t, col(t, "Id"), &v32, 4, 0, NULL),
	   JET_errInvalidColumnType, "basic: Id is autoincrement: not set");
	is(JetUpdate(ses, t, NULL, 0, NULL), 0, "basic: JetUpdate");
	is(rows(t), 3, "basic: 3 rows");
	is(close_sample("basic.edb", dbid, t), 0, "basic.edb: clean detach");
	is(open_sample("basic.edb", "basic", &dbid, &t, JET_bitDbReadOnly), 0,
	   "basic.edb: attach again, read-only");
	is(JetMove(ses, t, JET_MoveLast, 0), 0, "basic: the last row");
	ok(get(t, "Id", &v32, 4, 1) == 4 && v32 == 3,
	   "basic: it got Id 3 (the next autoincrement value)");
	ok(get(t, "Short", &v16, 2, 1) == 2 && v16 == 77, "basic: Short 77");
	is(close_sample("basic.edb", dbid, t), 0, "basic.edb: detach");

	/* default.edb: default values. */
	is(open_sample("default.edb", "default", &dbid, &t, JET_bitDbReadOnly),
	   0, "default.edb: open table default");
	is(JetMove(ses, t, JET_MoveFirst, 0), 0, "default: its row");
	ok(get(t, "Long", &v32, 4, 1) == 4 && v32 == 305419896,
	   "default: Long 305419896");
	la = get(t, "ASCII", a, sizeof(a), 1);
	ok(la == 19 && !memcmp(a, "Short default ASCII", 19),
	   "default: ASCII 'Short default ASCII'");
	is(close_sample("default.edb", dbid, t), 0, "default.edb: detach");

	/* index.edb: a table with secondary indexes reads. */
	is(open_sample("index.edb", "index", &dbid, &t, JET_bitDbReadOnly), 0,
	   "index.edb: open table index");
	is(rows(t), 1, "index: 1 row");
	JetMove(ses, t, JET_MoveFirst, 0);
	la = get(t, "ASCII", a, sizeof(a), 1);
	ok(la == 17 && !memcmp(a, "Simple ASCII text", 17),
	   "index: ASCII 'Simple ASCII text'");
	is(close_sample("index.edb", dbid, t), 0, "index.edb: detach");

	/* multi.edb: multi-valued columns, both stored forms. */
	is(open_sample("multi.edb", "multi", &dbid, &t, JET_bitDbReadOnly), 0,
	   "multi.edb: open table multi");
	is(JetMove(ses, t, JET_MoveFirst, 0), 0, "multi: the first row");
	for (i = 1; i <= 3; i++) {
		char want[80];

		snprintf(want, sizeof(want),
			 "Some ASCII text that has multiple values, this is value %d",
			 i);
		la = get(t, "ASCII", a, sizeof(a), i);
		ok(la == (long)strlen(want) && !memcmp(a, want, la),
		   "multi: ASCII value %d", i);
	}
	{
		JET_RETINFO ri = { .cbStruct = sizeof(ri), .itagSequence = 4 };

		is(JetRetrieveColumn(ses, t, col(t, "ASCII"), a, sizeof(a),
				     NULL, 0, &ri), JET_wrnColumnNull,
		   "multi: no fourth ASCII value (wrnColumnNull)");
	}
	is(JetMove(ses, t, JET_MoveNext, 0), 0, "multi: the second row");
	la = get(t, "LongCompressedASCII", a, sizeof(a), 1);
	lb = get(t, "LongCompressedASCII", b, sizeof(b), 2);
	if (!ok(text_is(a, la, "", 'a') && la == 41 && text_is(b, lb, "", 'b') &&
		lb == 40, "multi: compressed multi-values 'a' x41, 'b' x40"))
		diag("got %ld and %ld bytes: %.50s / %.50s", la, lb, a, b);
	is(close_sample("multi.edb", dbid, t), 0, "multi.edb: detach");

	/* text.edb: compressed long text, intrinsic and separated. */
	is(open_sample("text.edb", "text", &dbid, &t, JET_bitDbReadOnly), 0,
	   "text.edb: open table text");
	is(JetMove(ses, t, JET_MoveFirst, 0), 0, "text: its row");
	la = get(t, "LongASCII", a, sizeof(a), 1);
	lb = get(t, "LongCompressedASCII", b, sizeof(b), 1);
	ok(text_is(a, la, "Long ASCII text ", 'a') &&
	   text_is(b, lb, "Long compressed ASCII text ", 'a') &&
	   lb == la + 11, "text: LongCompressedASCII (%ld bytes) uncompressed",
	   lb);
	la = get(t, "MaxLongASCII", a, sizeof(a), 1);
	lb = get(t, "MaxLongCompressedASCII", b, sizeof(b), 1);
	ok(lb == la + 11 &&
	   text_is(b, lb, "Max long compressed ASCII text that can be a bit longer ", 'a'),
	   "text: MaxLongCompressedASCII (%ld bytes) uncompressed", lb);
	lb = get(t, "LongTinyCompressedASCII", b, sizeof(b), 1);
	ok(lb == 12 && !memcmp(b, "Tiny c ASCII", 12),
	   "text: LongTinyCompressedASCII 'Tiny c ASCII' (7-bit)");
	la = get(t, "LongUnicode", a, sizeof(a), 1);
	lb = get(t, "LongCompressedUnicode", b, sizeof(b), 1);
	ok(utf16_starts(b, lb, "Long compressed Unicode text ") &&
	   lb == la + 22 && b[lb - 2] == 'a' && !b[lb - 1],
	   "text: LongCompressedUnicode (%ld bytes) uncompressed", lb);
	is(close_sample("text.edb", dbid, t), 0, "text.edb: detach");

	/* binary.edb: compressed long binary. */
	is(open_sample("binary.edb", "binary", &dbid, &t, JET_bitDbReadOnly),
	   0, "binary.edb: open table binary");
	is(JetMove(ses, t, JET_MoveFirst, 0), 0, "binary: its row");
	la = get(t, "LongBinary", a, sizeof(a), 1);
	lb = get(t, "LongCompressedBinary", b, sizeof(b), 1);
	ok(text_is(a, la, "test long binary data ", 'a') &&
	   text_is(b, lb, "test long compressed binary data ", 'a') &&
	   lb == la + 11, "binary: LongCompressedBinary (%ld bytes) uncompressed",
	   lb);
	is(close_sample("binary.edb", dbid, t), 0, "binary.edb: detach");

	/* SRUDB.dat: Windows 10's SRUM database. */
	is(open_sample("SRUDB.dat", "SruDbIdMapTable", &dbid, &t,
		       JET_bitDbReadOnly), 0,
	   "SRUDB.dat: open table SruDbIdMapTable");
	is(rows(t), 106, "SruDbIdMapTable: 106 rows, as esedbexport exports");
	is(close_sample("SRUDB.dat", dbid, t), 0, "SRUDB.dat: detach");

	is(JetEndSession(ses, 0), 0, "JetEndSession");
	is(JetTerm(inst), 0, "JetTerm");
	return tap_done();
}
