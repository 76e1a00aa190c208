// SPDX-License-Identifier: GPL-2.0-only
/*
 * Damaged databases through the Jet calls: a database jetk wrote (a table
 * of 400 rows on 4 KiB pages, one in twenty with a long value in the LV
 * tree) is damaged in 120 seeded ways (bit flips, random bytes, zeroed
 * pages, truncation), and each copy is attached, its table opened and
 * every row read.  Each call must answer with a
 * clean JET_err (or succeed: single bit flips are corrected, damage in
 * free pages is never read), and the pristine database attached beside
 * the damaged ones must read back whole at the end.  The harness fails
 * the run on any KASAN, lockdep, WARN or BUG line.  Also: a database
 * of the wrong page size, and straight to the ioctl, a regular file's
 * fd, a read-only fd of a block device for a read-write attach and a
 * closed fd.
 */
#include "tap.h"
#include "util.h"

#define ROWS		400
#define MUTATIONS	120

static unsigned long long rng;

static unsigned long long next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int write_file(const char *path, const unsigned char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(buf, 1, len, f) == len;

	if (f)
		ok &= !fclose(f);
	return ok ? 0 : -1;
}

static unsigned char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n);
	if (buf && fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* The statuses a damaged database may give. */
static int clean_err(JET_ERR e)
{
	switch (e) {
	case JET_errSuccess:
	case JET_errDatabaseCorrupted:
	case JET_errReadVerifyFailure:
	case JET_errDatabaseDirtyShutdown:
	case JET_errPageSizeMismatch:
	case JET_errDiskIO:
	case JET_errObjectNotFound:
	case JET_errNoCurrentRecord:
	case JET_errRecordDeleted:
	case JET_errColumnNotFound:
	case JET_errFeatureNotAvailable:
	case JET_errInvalidName:
	case JET_errFileInvalidType:
	case JET_errOutOfDatabaseSpace:
		return 1;
	default:
		return 0;
	}
}

static JET_ERR make_db(JET_SESID ses, const char *path)
{
	JET_COLUMNCREATE_A cols[2] = {
		{ .cbStruct = sizeof(JET_COLUMNCREATE_A), .szColumnName = "Id",
		  .coltyp = JET_coltypLong },
		{ .cbStruct = sizeof(JET_COLUMNCREATE_A), .szColumnName = "Body",
		  .coltyp = JET_coltypLongBinary },
	};
	JET_INDEXCREATE_A idx = {
		.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "ById",
		.szKey = "+Id\0", .cbKey = 5, .grbit = JET_bitIndexPrimary,
	};
	JET_TABLECREATE_A tc = {
		.cbStruct = sizeof(JET_TABLECREATE_A), .szTableName = "T",
		.rgcolumncreate = cols, .cColumns = 2, .rgindexcreate = &idx,
		.cIndexes = 1,
	};
	static unsigned char body[9000];
	unsigned long blen;
	JET_DBID dbid;
	JET_ERR err;
	int i;

	err = JetCreateDatabaseA(ses, path, NULL, &dbid, 0);
	if (!err)
		err = JetCreateTableColumnIndexA(ses, dbid, &tc);
	for (i = 0; i < ROWS && !err; i++) {
		memset(body, i & 0xFF, sizeof(body));
		/* One row in twenty: a long value in the LV tree. */
		blen = i % 20 ? 200 : sizeof(body);
		err = JetPrepareUpdate(ses, tc.tableid, JET_prepInsert);
		if (!err)
			err = JetSetColumn(ses, tc.tableid, cols[0].columnid, &i,
					   4, 0, NULL);
		if (!err)
			err = JetSetColumn(ses, tc.tableid, cols[1].columnid,
					   body, blen, 0, NULL);
		if (!err)
			err = JetUpdate(ses, tc.tableid, NULL, 0, NULL);
	}
	if (!err)
		err = JetCloseTable(ses, tc.tableid);
	if (!err)
		err = JetCloseDatabase(ses, dbid, 0);
	if (!err)
		err = JetDetachDatabaseA(ses, path);
	return err;
}

/* Attach, open T, read every row; the first unclean status, or 0. */
static JET_ERR read_db(JET_SESID ses, const char *path, int *rows,
		       int *unclean, int detach)
{
	JET_DBID dbid;
	JET_TABLEID t;
	JET_ERR err, e;
	static unsigned char body[9000];
	unsigned long actual;
	int id;

	*rows = 0;
	err = JetAttachDatabaseA(ses, path, 0);
	if (!clean_err(err))
		(*unclean)++;
	if (err && err != JET_wrnDatabaseAttached)
		return err;
	err = JetOpenDatabaseA(ses, path, NULL, &dbid, 0);
	if (!err)
		err = JetOpenTableA(ses, dbid, "T", NULL, 0, 0, &t);
	if (!clean_err(err))
		(*unclean)++;
	if (!err) {
		for (e = JetMove(ses, t, JET_MoveFirst, 0); !e;
		     e = JetMove(ses, t, JET_MoveNext, 0)) {
			e = JetRetrieveColumn(ses, t, 1, &id, 4, &actual, 0,
					      NULL);
			if (!e)
				e = JetRetrieveColumn(ses, t, 256, body,
						      sizeof(body), &actual, 0,
						      NULL);
			if (e && e != JET_wrnColumnNull)
				break;
			(*rows)++;
		}
		if (!clean_err(e))
			(*unclean)++;
		if (e != JET_errNoCurrentRecord)
			err = e;
		JetCloseTable(ses, t);
	}
	JetCloseDatabase(ses, dbid, 0);
	if (detach) {
		e = JetDetachDatabaseA(ses, path);
		if (!clean_err(e))
			(*unclean)++;
	}
	return err;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char good[256], bad[256];
	JET_INSTANCE inst = 0;
	JET_SESID ses;
	unsigned char *img, *copy;
	size_t len = 0, pages, n;
	int m, rows, unclean = 0, refused = 0, read_whole = 0, partial = 0;

	snprintf(good, sizeof(good), "%s/jetk-mutate-good.edb", tmp);
	snprintf(bad, sizeof(bad), "%s/jetk-mutate-bad.edb", tmp);
	unlink(good);
	is(lib_instance(&inst, "mutate"), 0, "an instance");
	is(JetBeginSession(inst, &ses, NULL, NULL), 0, "a session");
	is(make_db(ses, good), 0, "a database with %d rows, detached", ROWS);
	img = read_file(good, &len);
	ok(img && len >= 16 * 4096, "its image (%zu bytes)", len);
	if (!img)
		return tap_done();
	/* The trees live in the first pages; the rest is free space. */
	pages = len / 4096 < 128 ? len / 4096 : 128;
	copy = malloc(len);
	is(read_db(ses, good, &rows, &unclean, 0), 0,
	   "the pristine database attaches and reads");
	is(rows, ROWS, "... all %d rows", ROWS);

	for (m = 0; m < MUTATIONS; m++) {
		size_t cut = len, page, k;
		JET_ERR err;

		rng = 0x9E3779B97F4A7C15ULL * (m + 1);
		memcpy(copy, img, len);
		switch (m % 5) {
		case 0:	/* a few bit flips anywhere past the headers */
			for (k = 0; k < (size_t)(1 + m % 8); k++) {
				n = 2 * 4096 + next_rand() % ((pages - 2) * 4096);
				copy[n] ^= 1u << (next_rand() % 8);
			}
			break;
		case 1:	/* a run of random bytes in one page */
			page = 2 + next_rand() % (pages - 2);
			n = page * 4096 + next_rand() % 4000;
			for (k = 0; k < 16; k++)
				copy[n + k] = (unsigned char)next_rand();
			break;
		case 2:	/* a zeroed page */
			page = 2 + next_rand() % (pages - 2);
			memset(copy + page * 4096, 0, 4096);
			break;
		case 3:	/* truncated */
			cut = 4096 * (2 + next_rand() % (pages - 2));
			break;
		case 4:	/* a header copy damaged (the other one remains) */
			n = (next_rand() % 2) * 4096 + next_rand() % 600;
			copy[n] ^= 0xFF;
			break;
		}
		if (write_file(bad, copy, cut)) {
			ok(0, "writing mutation %d", m);
			continue;
		}
		err = read_db(ses, bad, &rows, &unclean, 1);
		if (err)
			refused++;
		else if (rows == ROWS)
			read_whole++;
		else
			partial++;
		unlink(bad);
	}
	is(unclean, 0, "%d mutations: every call answered with a clean status",
	   MUTATIONS);
	diag("%d refused with an error, %d read whole, %d read in part",
	     refused, read_whole, partial);
	ok(refused > 0, "damage is noticed (%d of %d)", refused, MUTATIONS);
	is(read_db(ses, good, &rows, &unclean, 1), 0,
	   "the pristine database, attached all along, still reads");
	is(rows, ROWS, "... all %d rows", ROWS);

	/* Straight to the ioctl: a regular file, a read-only fd. */
	{
		struct jetk_attach_database a;
		struct jetk_begin_session b;
		const char *disk = getenv("JETK_DISK_DATA");
		int fd = raw_open_api(), rfd = open(good, O_RDWR), dfd;
		unsigned long long ri = fd >= 0 ? raw_instance(fd, "raw") : 0;

		memset(&b, 0, sizeof(b));
		b.instance = ri;
		ok(ri && !raw_ioctl(fd, JETK_IOC_BEGIN_SESSION, &b) && !b.err,
		   "a raw instance and session");
		memset(&a, 0, sizeof(a));
		a.sesid = b.sesid;
		a.name = (unsigned long long)(uintptr_t)good;
		a.name_len = strlen(good);
		a.fd = rfd;
		ok(rfd >= 0 && !raw_ioctl(fd, JETK_IOC_ATTACH_DATABASE, &a) &&
		   a.err == JET_errFileInvalidType,
		   "the fd of a regular file -> FileInvalidType");
		if (disk) {
			dfd = open(disk, O_RDONLY);
			memset(&a, 0, sizeof(a));
			a.sesid = b.sesid;
			a.name = (unsigned long long)(uintptr_t)disk;
			a.name_len = strlen(disk);
			a.fd = dfd;
			ok(dfd >= 0 &&
			   !raw_ioctl(fd, JETK_IOC_ATTACH_DATABASE, &a) &&
			   a.err == JET_errFileAccessDenied,
			   "a read-only fd of a block device, attached read-write -> FileAccessDenied");
			if (dfd >= 0)
				close(dfd);
		} else {
			ok(0, "JETK_DISK_DATA names the scratch disk");
		}
		memset(&a, 0, sizeof(a));
		a.sesid = b.sesid;
		a.name = (unsigned long long)(uintptr_t)good;
		a.name_len = strlen(good);
		a.fd = -1;
		ok(raw_ioctl(fd, JETK_IOC_ATTACH_DATABASE, &a) == -EBADF,
		   "a closed fd -> EBADF");
		if (fd >= 0)
			close(fd);
		if (rfd >= 0)
			close(rfd);
	}
	is(JetEndSession(ses, 0), 0, "JetEndSession");
	is(JetTerm(inst), 0, "JetTerm");
	/*
	 * The wrong page size: an 8 KiB instance and this 4 KiB file (the
	 * page size is global: the 4 KiB instance is gone).
	 */
	{
		JET_INSTANCE i8 = 0;
		JET_SESID s8;
		JET_DBID d8;

		is(JetSetSystemParameter(NULL, JET_sesidNil,
					 JET_paramDatabasePageSize, 8192, NULL),
		   0, "JET_paramDatabasePageSize 8192 (global)");
		is(JetCreateInstance(&i8, "mutate-8k"), 0, "an 8 KiB instance");
		is(JetInit(&i8), 0, "... initialised");
		is(JetBeginSession(i8, &s8, NULL, NULL), 0, "... a session");
		is(JetAttachDatabaseA(s8, good, 0), JET_errPageSizeMismatch,
		   "attaching the 4 KiB database there -> PageSizeMismatch");
		is(JetCreateDatabaseA(s8, bad, NULL, &d8, 0), 0,
		   "an 8 KiB database");
		is(JetCloseDatabase(s8, d8, 0), 0, "... closed");
		is(JetDetachDatabaseA(s8, bad), 0, "... detached");
		is(JetEndSession(s8, 0), 0, "JetEndSession");
		is(JetTerm(i8), 0, "JetTerm");
		JetSetSystemParameter(NULL, JET_sesidNil,
				      JET_paramDatabasePageSize, 4096, NULL);
		is(lib_instance(&inst, "mutate-4k"), 0, "a 4 KiB instance again");
		is(JetBeginSession(inst, &ses, NULL, NULL), 0, "... a session");
		is(JetAttachDatabaseA(ses, bad, 0), JET_errPageSizeMismatch,
		   "attaching the 8 KiB database there -> PageSizeMismatch");
		is(JetEndSession(ses, 0), 0, "JetEndSession");
		is(JetTerm(inst), 0, "JetTerm");
		unlink(bad);
	}

	unlink(good);
	free(copy);
	free(img);
	return tap_done();
}
