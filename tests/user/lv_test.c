// SPDX-License-Identifier: GPL-2.0-only
/*
 * Long values through libjetk, at every page size: values that fit the
 * record stay in it; larger ones (and any set with JET_bitSetSeparateLV)
 * go to the table's LV tree.  Set whole, appended in pieces
 * (JET_bitSetAppendLV), overwritten in the middle (OverwriteLV), cut and
 * grown (SizeLV), read whole, in part (ibLongValue) and truncated,
 * replaced, copied (JET_prepInsertCopy) and deleted; then the database is
 * detached and attached again and every value compared once more.  The
 * LV tree's pages come back: after every record is deleted the table
 * owns no more pages than after the first round.  esedbexport 20181229
 * cannot read separated long values (ref/ese-format.md 8), so these
 * values are compared through jetk itself.
 */
#include "tap.h"
#include "util.h"

#define NROWS	24

static unsigned char pattern(unsigned int row, unsigned int i)
{
	return (unsigned char)(row * 31 + i * 7 + (i >> 9));
}

/* Row r's long value: 0, small, medium, or several chunks long. */
static unsigned long row_len(unsigned int r, unsigned long ps)
{
	static const unsigned long mult[] = { 0, 2, 8, 30 };

	if (r % 4 == 0)
		return 100 + r;
	return ps * mult[r % 4] + 17 * r;
}

static int check_value(JET_SESID ses, JET_TABLEID t, JET_COLUMNID col,
		       unsigned int r, unsigned long len, unsigned char *buf,
		       unsigned long bufmax)
{
	unsigned long actual = 0, i;
	JET_ERR err;

	err = JetRetrieveColumn(ses, t, col, buf, bufmax, &actual, 0, NULL);
	if (err || actual != len)
		return -1;
	for (i = 0; i < len; i++)
		if (buf[i] != pattern(r, i))
			return -2;
	return 0;
}

static void one_size(unsigned long ps)
{
	char path[96];
	JET_INSTANCE inst = 0;
	JET_SESID ses;
	JET_DBID dbid;
	JET_TABLEID t;
	JET_COLUMNCREATE_A cols[2] = {
		{ .cbStruct = sizeof(JET_COLUMNCREATE_A), .szColumnName = "Id",
		  .coltyp = JET_coltypLong },
		{ .cbStruct = sizeof(JET_COLUMNCREATE_A), .szColumnName = "Blob",
		  .coltyp = JET_coltypLongBinary },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "ById",
		.szKey = "+Id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(JET_TABLECREATE_A), .szTableName = "Blobs",
		.rgcolumncreate = cols, .cColumns = 2, .rgindexcreate = &idx,
		.cIndexes = 1,
	};
	unsigned long max = ps * 31, actual, owned_full = 0, owned_empty = 0;
	unsigned char *val = malloc(max), *buf = malloc(max);
	unsigned int r, bad = 0;
	JET_SETINFO si = { .cbStruct = sizeof(si) };
	JET_RETINFO ri = { .cbStruct = sizeof(ri), .itagSequence = 1 };
	JET_ERR err;
	int id;

	snprintf(path, sizeof(path), "tests/user/build/out/lv-%lu.edb", ps);
	unlink(path);
	/* A global parameter: set before the instance exists. */
	is(JetSetSystemParameter(NULL, JET_sesidNil, JET_paramDatabasePageSize,
				 ps, NULL), 0, "%lu: JET_paramDatabasePageSize",
	   ps);
	is(JetCreateInstance(&inst, "lv"), 0, "%lu: an instance", ps);
	is(JetInit(&inst), 0, "%lu: JetInit", ps);
	is(JetBeginSession(inst, &ses, NULL, NULL), 0, "%lu: a session", ps);
	is(JetCreateDatabaseA(ses, path, NULL, &dbid, 0), 0,
	   "%lu: JetCreateDatabase", ps);
	is(JetCreateTableColumnIndexA(ses, dbid, &tc), 0,
	   "%lu: a table with a LongBinary column", ps);
	t = tc.tableid;
	{
		unsigned long got = 0;

		is(JetGetDatabaseInfoA(ses, dbid, &got, sizeof(got),
				       JET_DbInfoPageSize), 0,
		   "%lu: JetGetDatabaseInfo(PageSize)", ps);
		is(got, ps, "%lu: the database has %lu-byte pages", ps, ps);
	}

	/* Whole values; odd rows in pieces by AppendLV. */
	for (r = 0, err = 0; r < NROWS && !err; r++) {
		unsigned long len = row_len(r, ps), i, step;

		for (i = 0; i < len; i++)
			val[i] = pattern(r, i);
		id = (int)r;
		err = JetPrepareUpdate(ses, t, JET_prepInsert);
		if (!err)
			err = JetSetColumn(ses, t, cols[0].columnid, &id, 4, 0,
					   NULL);
		if (r % 2 == 0 || !len) {
			if (!err)
				err = JetSetColumn(ses, t, cols[1].columnid, val,
						   len, len ? 0 :
						   JET_bitSetZeroLength, NULL);
		} else {
			for (i = 0; i < len && !err; i += step) {
				step = len - i < 1000 ? len - i : 1000;
				err = JetSetColumn(ses, t, cols[1].columnid,
						   val + i, step,
						   JET_bitSetAppendLV, NULL);
			}
		}
		if (!err)
			err = JetUpdate(ses, t, NULL, 0, NULL);
	}
	is(err, 0, "%lu: %u rows: values up to %lu bytes, whole or appended",
	   ps, NROWS, row_len(NROWS - 1, ps));

	for (r = 0, err = JetMove(ses, t, JET_MoveFirst, 0); !err;
	     err = JetMove(ses, t, JET_MoveNext, 0), r++)
		if (check_value(ses, t, cols[1].columnid, r, row_len(r, ps), buf,
				max))
			bad++;
	ok(!bad && r == NROWS, "%lu: every value reads back (%u bad)", ps, bad);

	/* Part of a value, and a short buffer. */
	id = 7;
	JetMakeKey(ses, t, &id, 4, JET_bitNewKey);
	is(JetSeek(ses, t, JET_bitSeekEQ), 0, "%lu: seek row 7", ps);
	ri.ibLongValue = ps + 5;
	err = JetRetrieveColumn(ses, t, cols[1].columnid, buf, 100, &actual, 0,
				&ri);
	ok(err == JET_wrnBufferTruncated && actual == row_len(7, ps) - ps - 5 &&
	   buf[0] == pattern(7, ps + 5) && buf[99] == pattern(7, ps + 104),
	   "%lu: ibLongValue reads from the middle of a separated value", ps);
	ri.ibLongValue = 0;

	/* Overwrite in the middle, then cut, then grow with zeros. */
	memset(val, 0xAB, 300);
	err = JetPrepareUpdate(ses, t, JET_prepReplace);
	si.ibLongValue = ps - 100;
	if (!err)
		err = JetSetColumn(ses, t, cols[1].columnid, val, 300,
				   JET_bitSetOverwriteLV, &si);
	if (!err)
		err = JetUpdate(ses, t, NULL, 0, NULL);
	is(err, 0, "%lu: OverwriteLV across a chunk boundary", ps);
	err = JetRetrieveColumn(ses, t, cols[1].columnid, buf, max, &actual, 0,
				NULL);
	ok(!err && actual == row_len(7, ps) &&
	   buf[ps - 101] == pattern(7, ps - 101) && buf[ps - 100] == 0xAB &&
	   buf[ps + 199] == 0xAB && buf[ps + 200] == pattern(7, ps + 200),
	   "%lu: ... and only those bytes changed", ps);
	err = JetPrepareUpdate(ses, t, JET_prepReplace);
	if (!err)
		err = JetSetColumn(ses, t, cols[1].columnid, NULL, ps + 3,
				   JET_bitSetSizeLV, NULL);
	if (!err)
		err = JetUpdate(ses, t, NULL, 0, NULL);
	err = err ? err : JetRetrieveColumn(ses, t, cols[1].columnid, buf, max,
					    &actual, 0, NULL);
	ok(!err && actual == ps + 3 && buf[0] == pattern(7, 0) &&
	   buf[ps + 2] == 0xAB,
	   "%lu: SizeLV cuts it to %lu bytes", ps, ps + 3);
	err = JetPrepareUpdate(ses, t, JET_prepReplace);
	if (!err)
		err = JetSetColumn(ses, t, cols[1].columnid, NULL, 3 * ps,
				   JET_bitSetSizeLV, NULL);
	if (!err)
		err = JetUpdate(ses, t, NULL, 0, NULL);
	err = err ? err : JetRetrieveColumn(ses, t, cols[1].columnid, buf, max,
					    &actual, 0, NULL);
	if (!ok(!err && actual == 3 * ps && buf[ps + 2] == 0xAB &&
		buf[ps + 3] == 0 && buf[3 * ps - 1] == 0,
		"%lu: SizeLV grows it with zeros", ps))
		diag("err %ld actual %lu", (long)err, actual);
	JetPrepareUpdate(ses, t, JET_prepCancel);

	/* A cancelled update leaves the value as it was. */
	memset(val, 0xCD, 2 * ps);
	err = JetPrepareUpdate(ses, t, JET_prepReplace);
	if (!err)
		err = JetSetColumn(ses, t, cols[1].columnid, val, 2 * ps, 0,
				   NULL);
	if (!err)
		err = JetPrepareUpdate(ses, t, JET_prepCancel);
	err = err ? err : JetRetrieveColumn(ses, t, cols[1].columnid, buf, max,
					    &actual, 0, NULL);
	ok(!err && actual == 3 * ps && buf[0] == pattern(7, 0),
	   "%lu: a cancelled replace changed nothing", ps);

	/* A copy shares nothing it can change. */
	err = JetPrepareUpdate(ses, t, JET_prepInsertCopy);
	id = 1000;
	if (!err)
		err = JetSetColumn(ses, t, cols[0].columnid, &id, 4, 0, NULL);
	if (!err)
		err = JetSetColumn(ses, t, cols[1].columnid, "tail", 4,
				   JET_bitSetAppendLV, NULL);
	if (!err)
		err = JetUpdate(ses, t, NULL, 0, NULL);
	is(err, 0, "%lu: JetPrepareUpdate(InsertCopy) with an appended tail",
	   ps);
	err = JetRetrieveColumn(ses, t, cols[1].columnid, buf, max, &actual, 0,
				NULL);
	ok(!err && actual == 3 * ps, "%lu: the original keeps its length", ps);
	JetMakeKey(ses, t, &id, 4, JET_bitNewKey);
	err = JetSeek(ses, t, JET_bitSeekEQ);
	err = err ? err : JetRetrieveColumn(ses, t, cols[1].columnid, buf, max,
					    &actual, 0, NULL);
	ok(!err && actual == 3 * ps + 4 && !memcmp(buf + 3 * ps, "tail", 4) &&
	   buf[0] == pattern(7, 0), "%lu: the copy has the tail", ps);
	is(JetDelete(ses, t), 0, "%lu: delete the copy", ps);

	/* A tagged column with values, some separated, then deleted. */
	{
		JET_COLUMNDEF nd = { .cbStruct = sizeof(nd),
				     .coltyp = JET_coltypLongText,
				     .cp = JET_cpANSI };
		JET_COLUMNID cnote = 0;
		JET_TABLEID t2;

		is(JetAddColumn(ses, t, "Note", &nd, NULL, 0, &cnote), 0,
		   "%lu: JetAddColumn Note (LongText)", ps);
		memset(val, 'n', 2 * ps);
		for (r = 0, err = JetMove(ses, t, JET_MoveFirst, 0);
		     !err && r < 6; err = JetMove(ses, t, JET_MoveNext, 0),
		     r++) {
			err = JetPrepareUpdate(ses, t, JET_prepReplace);
			if (!err)
				err = JetSetColumn(ses, t, cnote, val,
						   r % 2 ? 2 * ps : 10, 0, NULL);
			if (!err)
				err = JetUpdate(ses, t, NULL, 0, NULL);
			if (err)
				break;
		}
		is(err, 0, "%lu: Note set on six rows, three separated", ps);
		is(JetDeleteColumn(ses, t, "Id"), JET_errColumnIndexed,
		   "%lu: JetDeleteColumn of the key column -> ColumnIndexed",
		   ps);
		is(JetOpenTableA(ses, dbid, "Blobs", NULL, 0, 0, &t2), 0,
		   "%lu: a second cursor", ps);
		is(JetDeleteColumn(ses, t, "Note"), JET_errTableInUse,
		   "%lu: JetDeleteColumn with another cursor open -> TableInUse",
		   ps);
		is(JetCloseTable(ses, t2), 0, "%lu: ... closed", ps);
		is(JetDeleteColumn(ses, t, "Note"), 0, "%lu: JetDeleteColumn Note",
		   ps);
		is(JetGetTableColumnInfoA(ses, t, "Note", &nd, sizeof(nd),
					  JET_ColInfo), JET_errColumnNotFound,
		   "%lu: Note is gone", ps);
		for (bad = 0, r = 0, err = JetMove(ses, t, JET_MoveFirst, 0);
		     !err; err = JetMove(ses, t, JET_MoveNext, 0), r++) {
			if (r == 7 || r >= NROWS)
				continue;
			if (check_value(ses, t, cols[1].columnid, r,
					row_len(r, ps), buf, max))
				bad++;
		}
		ok(!bad, "%lu: the rows keep their other values", ps);
	}

	/* Detach, attach, compare again (row 7 changed as above). */
	is(JetCloseTable(ses, t), 0, "%lu: JetCloseTable", ps);
	JetGetDatabaseInfoA(ses, dbid, &owned_full, sizeof(owned_full),
			    JET_DbInfoSpaceOwned);
	is(JetCloseDatabase(ses, dbid, 0), 0, "%lu: JetCloseDatabase", ps);
	is(JetDetachDatabaseA(ses, path), 0, "%lu: JetDetachDatabase", ps);
	is(JetAttachDatabaseA(ses, path, 0), 0, "%lu: attach again", ps);
	is(JetOpenDatabaseA(ses, path, NULL, &dbid, 0), 0,
	   "%lu: JetOpenDatabase", ps);
	is(JetOpenTableA(ses, dbid, "Blobs", NULL, 0, 0, &t), 0,
	   "%lu: JetOpenTable", ps);
	for (bad = 0, r = 0, err = JetMove(ses, t, JET_MoveFirst, 0); !err;
	     err = JetMove(ses, t, JET_MoveNext, 0), r++) {
		if (r == 7)
			continue;
		if (check_value(ses, t, cols[1].columnid, r, row_len(r, ps), buf,
				max))
			bad++;
	}
	ok(!bad && r == NROWS, "%lu: after attach, every value reads back", ps);

	/* Delete every row: the LV tree gives its values up. */
	for (err = JetMove(ses, t, JET_MoveFirst, 0); !err;
	     err = JetMove(ses, t, JET_MoveNext, 0))
		if (JetDelete(ses, t))
			break;
	is(JetMove(ses, t, JET_MoveFirst, 0), JET_errNoCurrentRecord,
	   "%lu: every row deleted", ps);
	/* The same rows again: they fit in what the LV tree freed. */
	for (r = 0, err = 0; r < NROWS && !err; r++) {
		unsigned long len = row_len(r, ps), i;

		for (i = 0; i < len; i++)
			val[i] = pattern(r, i);
		id = (int)r;
		err = JetPrepareUpdate(ses, t, JET_prepInsert);
		if (!err)
			err = JetSetColumn(ses, t, cols[0].columnid, &id, 4, 0,
					   NULL);
		if (!err)
			err = JetSetColumn(ses, t, cols[1].columnid, val, len,
					   len ? 0 : JET_bitSetZeroLength,
					   NULL);
		if (!err)
			err = JetUpdate(ses, t, NULL, 0, NULL);
	}
	is(err, 0, "%lu: the rows inserted again", ps);
	JetGetDatabaseInfoA(ses, dbid, &owned_empty, sizeof(owned_empty),
			    JET_DbInfoSpaceOwned);
	ok(owned_empty && owned_empty <= owned_full,
	   "%lu: the database did not grow (%lu pages, was %lu): deleted long values gave their pages back",
	   ps, owned_empty, owned_full);
	is(JetCloseTable(ses, t), 0, "%lu: JetCloseTable", ps);
	is(JetCloseDatabase(ses, dbid, 0), 0, "%lu: JetCloseDatabase", ps);
	is(JetDetachDatabaseA(ses, path), 0, "%lu: JetDetachDatabase", ps);
	is(JetEndSession(ses, 0), 0, "%lu: JetEndSession", ps);
	is(JetTerm(inst), 0, "%lu: JetTerm", ps);
	free(val);
	free(buf);
}

int main(void)
{
	mkdir("tests/user/build/out", 0755);
	one_size(4096);
	one_size(8192);
	one_size(16384);
	one_size(32768);
	return tap_done();
}
