// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ioctl ABI of /dev/jetk, raw: the handshake, then garbage of every
 * kind (set err fields, reserved and padding bits, unknown flags, wrong
 * sizes, unknown commands, bad pointers, bad strings).  Each must get a
 * clean errno or JET_err, and the device must keep working.
 */
#include <sys/mman.h>

#include "tap.h"
#include "util.h"

/* The table and cursor structs, pinned as the module pins them (dev.c). */
#define ABI_SIZE(s, n) _Static_assert(sizeof(struct s) == (n), #s)
ABI_SIZE(jetk_column_create, 56);
ABI_SIZE(jetk_index_create, 40);
ABI_SIZE(jetk_create_table, 96);
ABI_SIZE(jetk_open_table, 56);
ABI_SIZE(jetk_cursor_op, 48);
ABI_SIZE(jetk_column_change, 112);
ABI_SIZE(jetk_setcolumn, 32);
ABI_SIZE(jetk_retcolumn, 48);
ABI_SIZE(jetk_columns, 56);
ABI_SIZE(jetk_update, 56);
ABI_SIZE(jetk_make_key, 56);
ABI_SIZE(jetk_info, 88);
ABI_SIZE(jetk_create_index, 56);
ABI_SIZE(jetk_term_db, 24);
ABI_SIZE(jetk_column_info, 168);
ABI_SIZE(jetk_table_info, 112);
ABI_SIZE(jetk_database_info, 336);
ABI_SIZE(jetk_defragment, 72);

static void test_handshake(void)
{
	struct jetk_begin_session b;
	struct jetk_api api;
	int fd = raw_open();

	ok(fd >= 0, "open /dev/jetk");
	memset(&b, 0, sizeof(b));
	is(raw_ioctl(fd, JETK_IOC_BEGIN_SESSION, &b), -EINVAL,
	   "a call before the handshake -> EINVAL");
	memset(&api, 0, sizeof(api));
	api.abi_version = JETK_ABI_VERSION + 1;
	is(raw_ioctl(fd, JETK_IOC_API, &api), -EINVAL,
	   "handshake with another ABI version -> EINVAL");
	is(api.abi_version, JETK_ABI_VERSION, "... which reports the module's");
	memset(&api, 0, sizeof(api));
	api.abi_version = JETK_ABI_VERSION;
	api.features = 1ULL << 63;
	is(raw_ioctl(fd, JETK_IOC_API, &api), -EINVAL,
	   "handshake asking for an unknown feature -> EINVAL");
	memset(&api, 0, sizeof(api));
	api.abi_version = JETK_ABI_VERSION;
	api.reserved[1] = 1;
	is(raw_ioctl(fd, JETK_IOC_API, &api), -EINVAL,
	   "handshake with reserved bits -> EINVAL");
	memset(&api, 0, sizeof(api));
	api.abi_version = JETK_ABI_VERSION;
	is(raw_ioctl(fd, JETK_IOC_API, &api), 0, "handshake");
	ok(api.ioctls[0] & (1ULL << _JETK_NR_STOP_SERVICE),
	   "the command mask lists JetStopService");
	ok(api.ioctls[0] & (1ULL << _JETK_NR_GET_SESSION_INFO),
	   "the command mask lists JetGetSessionInfo");
	ok((api.ioctls[0] >> _JETK_NR_CREATE_TABLE & 0x7f) == 0x7f,
	   "the command mask lists the table calls (0x30-0x36)");
	ok((api.ioctls[1] >> (_JETK_NR_PREPARE_UPDATE - 64) & 0xff) == 0xff,
	   "the command mask lists the cursor calls (0x40-0x47)");
	ok(!(api.ioctls[0] & (1ULL << 0x3f)) && !api.ioctls[3],
	   "unimplemented numbers are not listed");
	close(fd);
}

static void test_garbage(int fd)
{
	struct jetk_create_instance c;
	struct jetk_stop_service st;
	struct jetk_get_param gp;
	struct jetk_set_param sp;
	struct jetk_init in;
	struct jetk_term t;
	char big[512];
	void *unmapped;

	memset(&t, 0, sizeof(t));
	t.err = -1;
	is(raw_ioctl(fd, JETK_IOC_TERM, &t), -EINVAL, "err set on input -> EINVAL");
	memset(&t, 0, sizeof(t));
	t.pad = 1;
	is(raw_ioctl(fd, JETK_IOC_TERM, &t), -EINVAL, "padding set -> EINVAL");
	memset(&t, 0, sizeof(t));
	t.ndbs = JETK_TERM_DBS_MAX + 1;
	t.dbs = 8;
	is(raw_ioctl(fd, JETK_IOC_TERM, &t), -EINVAL,
	   "more database entries than an instance attaches -> EINVAL");
	memset(&t, 0, sizeof(t));
	t.ndbs = 1;
	is(raw_ioctl(fd, JETK_IOC_TERM, &t), -EINVAL,
	   "database entries without their array -> EINVAL");
	memset(&in, 0, sizeof(in));
	in.log_err = 1;
	is(raw_ioctl(fd, JETK_IOC_INIT, &in), -EINVAL,
	   "a positive log_err -> EINVAL");
	memset(&in, 0, sizeof(in));
	in.log_err = -100000;
	is(raw_ioctl(fd, JETK_IOC_INIT, &in), -EINVAL,
	   "a log_err no JET_ERR has -> EINVAL");
	memset(&in, 0, sizeof(in));
	in.flags = JETK_INIT_LOG;
	in.log_err = -1023;
	is(raw_ioctl(fd, JETK_IOC_INIT, &in), -EINVAL,
	   "a log and a log_err -> EINVAL");
	memset(&in, 0, sizeof(in));
	in.log_fd = 3;
	is(raw_ioctl(fd, JETK_IOC_INIT, &in), -EINVAL,
	   "a log fd without JETK_INIT_LOG -> EINVAL");
	memset(&in, 0, sizeof(in));
	in.flags = JETK_INIT_LOG;
	in.ndbs = JETK_INIT_DBS_MAX + 1;
	in.dbs = 8;
	is(raw_ioctl(fd, JETK_IOC_INIT, &in), -EINVAL,
	   "more recovery databases than a log names -> EINVAL");
	memset(&in, 0, sizeof(in));
	in.flags = JETK_INIT_LOG;
	in.ndbs = 1;
	in.dbs = 8;
	in.log_fd = -1;
	is(raw_ioctl(fd, JETK_IOC_INIT, &in), -EFAULT,
	   "a recovery database array at a bad address -> EFAULT");
	memset(&in, 0, sizeof(in));
	in.flags = JETK_INIT_LOG;
	in.log_fd = 1000;
	is(raw_ioctl(fd, JETK_IOC_INIT, &in), -EBADF,
	   "a log fd that is not open -> EBADF");
	memset(&in, 0, sizeof(in));
	in.flags = 0x80;
	is(raw_ioctl(fd, JETK_IOC_INIT, &in), -EINVAL,
	   "unknown JETK_INIT flag -> EINVAL");
	memset(&st, 0, sizeof(st));
	st.variant = 7;
	is(raw_ioctl(fd, JETK_IOC_STOP_SERVICE, &st), -EINVAL,
	   "unknown stop variant -> EINVAL");
	memset(&sp, 0, sizeof(sp));
	sp.flags = 0x2;
	is(raw_ioctl(fd, JETK_IOC_SET_PARAM, &sp), -EINVAL,
	   "unknown JETK_PARAM flag -> EINVAL");
	memset(&gp, 0, sizeof(gp));
	gp.value = 1;
	is(raw_ioctl(fd, JETK_IOC_GET_PARAM, &gp), -EINVAL,
	   "get_param with an input value -> EINVAL");

	/* Sizes and numbers. */
	is(raw_ioctl(fd, _IOWR(JETK_IOC_MAGIC, _JETK_NR_TERM, struct jetk_init),
		     big), -ENOTTY, "JetTerm with the wrong size -> ENOTTY");
	is(raw_ioctl(fd, _IOR(JETK_IOC_MAGIC, _JETK_NR_TERM, struct jetk_term),
		     big), -ENOTTY, "JetTerm with the wrong direction -> ENOTTY");
	is(raw_ioctl(fd, _IOWR(JETK_IOC_MAGIC, 0x3f, struct jetk_term), big),
	   -ENOTTY, "unknown command number -> ENOTTY");
	is(raw_ioctl(fd, _IOWR(JETK_IOC_MAGIC, 0xff, struct jetk_term), big),
	   -ENOTTY, "command number 0xff -> ENOTTY");
	is(raw_ioctl(fd, _IOWR('X', _JETK_NR_TERM, struct jetk_term), big),
	   -ENOTTY, "another magic -> ENOTTY");
	is(raw_ioctl(fd, FIONREAD, big), -ENOTTY, "FIONREAD -> ENOTTY");

	/* Pointers. */
	is(raw_ioctl(fd, JETK_IOC_TERM, NULL), -EFAULT, "NULL argument -> EFAULT");
	is(raw_ioctl(fd, JETK_IOC_TERM, (void *)1), -EFAULT,
	   "pointer 1 -> EFAULT");
	is(raw_ioctl(fd, JETK_IOC_TERM, (void *)0xffffffff81000000UL), -EFAULT,
	   "a kernel address -> EFAULT");
	unmapped = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ok(unmapped != MAP_FAILED, "map two pages");
	munmap((char *)unmapped + 4096, 4096);
	is(raw_ioctl(fd, JETK_IOC_TERM, (char *)unmapped + 4096 - 8), -EFAULT,
	   "a struct crossing into an unmapped page -> EFAULT");
	memset(&c, 0, sizeof(c));
	c.name = 8;
	c.name_len = 3;
	is(raw_ioctl(fd, JETK_IOC_CREATE_INSTANCE, &c), -EFAULT,
	   "a bad name pointer -> EFAULT");
	memset(&c, 0, sizeof(c));
	c.name = (unsigned long long)(uintptr_t)unmapped + 4096 - 2;
	memcpy((char *)unmapped + 4096 - 2, "ab", 2);
	c.name_len = 4;
	is(raw_ioctl(fd, JETK_IOC_CREATE_INSTANCE, &c), -EFAULT,
	   "a name running into an unmapped page -> EFAULT");
	memset(&c, 0, sizeof(c));
	c.name_len = 3;
	is(raw_ioctl(fd, JETK_IOC_CREATE_INSTANCE, &c), -EINVAL,
	   "a length without a pointer -> EINVAL");
	memset(&c, 0, sizeof(c));
	memset(big, 'x', sizeof(big));
	c.name = (unsigned long long)(uintptr_t)big;
	c.name_len = JETK_NAME_MAX + 1;
	is(raw_ioctl(fd, JETK_IOC_CREATE_INSTANCE, &c), 0,
	   "an over-long name reaches the engine");
	is(c.err, JET_errInvalidParameter, "... which says InvalidParameter");
	memset(&c, 0, sizeof(c));
	memcpy(big, "a\0b", 3);
	c.name = (unsigned long long)(uintptr_t)big;
	c.name_len = 3;
	is(raw_ioctl(fd, JETK_IOC_CREATE_INSTANCE, &c), 0,
	   "a name with a NUL inside reaches the engine");
	is(c.err, JET_errInvalidParameter, "... which says InvalidParameter");
	memset(&c, 0, sizeof(c));
	c.instance = 5;
	is(raw_ioctl(fd, JETK_IOC_CREATE_INSTANCE, &c), -EINVAL,
	   "an out-only handle set on input -> EINVAL");
	munmap(unmapped, 4096);
}

/* The table and cursor structs: reserved, padding and out fields. */
static void test_garbage_tables(int fd)
{
	struct jetk_column_change cc;
	struct jetk_create_table ct;
	struct jetk_open_table ot;
	struct jetk_cursor_op co;
	struct jetk_make_key mk;
	struct jetk_columns cs;
	struct jetk_update up;
	struct jetk_info in;

	memset(&ct, 0, sizeof(ct));
	ct.pad = 1;
	is(raw_ioctl(fd, JETK_IOC_CREATE_TABLE, &ct), -EINVAL,
	   "create_table with padding set -> EINVAL");
	memset(&ct, 0, sizeof(ct));
	ct.tableid = 5;
	is(raw_ioctl(fd, JETK_IOC_CREATE_TABLE, &ct), -EINVAL,
	   "create_table with its out tableid set -> EINVAL");
	memset(&ot, 0, sizeof(ot));
	ot.reserved[1] = 1;
	is(raw_ioctl(fd, JETK_IOC_OPEN_TABLE, &ot), -EINVAL,
	   "open_table with reserved set -> EINVAL");
	memset(&co, 0, sizeof(co));
	co.reserved[0] = 1;
	is(raw_ioctl(fd, JETK_IOC_MOVE, &co), -EINVAL,
	   "move with reserved set -> EINVAL");
	memset(&co, 0, sizeof(co));
	co.err = -1;
	is(raw_ioctl(fd, JETK_IOC_SEEK, &co), -EINVAL,
	   "seek with err set on input -> EINVAL");
	memset(&cc, 0, sizeof(cc));
	cc.add = 2;
	is(raw_ioctl(fd, JETK_IOC_COLUMN_CHANGE, &cc), -EINVAL,
	   "column_change with add 2 -> EINVAL");
	memset(&cs, 0, sizeof(cs));
	cs.pad = 1;
	is(raw_ioctl(fd, JETK_IOC_SET_COLUMNS, &cs), -EINVAL,
	   "set_columns with padding set -> EINVAL");
	memset(&cs, 0, sizeof(cs));
	cs.reserved[1] = 1;
	is(raw_ioctl(fd, JETK_IOC_RETRIEVE_COLUMNS, &cs), -EINVAL,
	   "retrieve_columns with reserved set -> EINVAL");
	memset(&up, 0, sizeof(up));
	up.bookmark_len = 3;
	is(raw_ioctl(fd, JETK_IOC_UPDATE, &up), -EINVAL,
	   "update with its out bookmark_len set -> EINVAL");
	memset(&mk, 0, sizeof(mk));
	mk.pad = 1;
	is(raw_ioctl(fd, JETK_IOC_MAKE_KEY, &mk), -EINVAL,
	   "make_key with padding set -> EINVAL");
	memset(&in, 0, sizeof(in));
	in.actual = 1;
	is(raw_ioctl(fd, JETK_IOC_GET_INFO, &in), -EINVAL,
	   "get_info with its out actual set -> EINVAL");
}

/*
 * The calls with arrays, counts or handles: arrays past the counts'
 * bounds, pointers to nothing, handles that name nothing.
 */
static void test_bad_arrays_and_handles(int fd)
{
	struct jetk_create_index ci;
	struct jetk_create_table ct;
	struct jetk_open_table ot;
	struct jetk_cursor_op co;
	struct jetk_columns cs;
	struct jetk_index_create ix;
	void *gone = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ok(gone != MAP_FAILED, "a page to unmap");
	munmap(gone, 4096);

	memset(&ci, 0, sizeof(ci));
	ci.pad2 = 1;
	ci.indexes = 8;
	is(raw_ioctl(fd, JETK_IOC_CREATE_INDEX, &ci), -EINVAL,
	   "create_index with padding set -> EINVAL");
	memset(&ci, 0, sizeof(ci));
	ci.nindexes = 1;
	is(raw_ioctl(fd, JETK_IOC_CREATE_INDEX, &ci), -EINVAL,
	   "create_index without its array -> EINVAL");
	memset(&ci, 0, sizeof(ci));
	ci.indexes = (unsigned long long)(uintptr_t)&ix;
	ci.nindexes = JETK_CREATE_INDEXES_MAX + 1;
	is(raw_ioctl(fd, JETK_IOC_CREATE_INDEX, &ci), 0,
	   "create_index with too many indexes reaches the engine");
	is(ci.err, JET_errInvalidParameter, "... which says InvalidParameter");
	memset(&ci, 0, sizeof(ci));
	ci.indexes = (unsigned long long)(uintptr_t)gone;
	ci.nindexes = 1;
	is(raw_ioctl(fd, JETK_IOC_CREATE_INDEX, &ci), -EFAULT,
	   "create_index with an unmapped array -> EFAULT");

	memset(&ct, 0, sizeof(ct));
	ct.ncolumns = JETK_CREATE_COLUMNS_MAX + 1;
	ct.columns = 8;
	is(raw_ioctl(fd, JETK_IOC_CREATE_TABLE, &ct), 0,
	   "create_table with too many columns reaches the engine");
	is(ct.err, JET_errInvalidParameter, "... which says InvalidParameter");
	memset(&ct, 0, sizeof(ct));
	ct.name = (unsigned long long)(uintptr_t)"T";
	ct.name_len = 1;
	ct.columns = (unsigned long long)(uintptr_t)gone;
	ct.ncolumns = 1;
	is(raw_ioctl(fd, JETK_IOC_CREATE_TABLE, &ct), -EFAULT,
	   "create_table with an unmapped column array -> EFAULT");
	memset(&ct, 0, sizeof(ct));
	ct.name = (unsigned long long)(uintptr_t)"T";
	ct.name_len = 1;
	ct.sesid = 12345;
	is(raw_ioctl(fd, JETK_IOC_CREATE_TABLE, &ct), 0,
	   "create_table in a session that does not exist reaches the engine");
	is(ct.err, JET_errInvalidSesid, "... which says InvalidSesid");

	memset(&cs, 0, sizeof(cs));
	cs.cols = (unsigned long long)(uintptr_t)gone;
	cs.ncols = 1;
	is(raw_ioctl(fd, JETK_IOC_SET_COLUMNS, &cs), -EFAULT,
	   "set_columns with an unmapped array -> EFAULT");
	cs.ncols = JETK_COLUMNS_MAX + 1;
	is(raw_ioctl(fd, JETK_IOC_RETRIEVE_COLUMNS, &cs), 0,
	   "retrieve_columns with too many columns reaches the engine");
	is(cs.err, JET_errInvalidParameter, "... which says InvalidParameter");

	memset(&ot, 0, sizeof(ot));
	ot.tableid = 1;
	is(raw_ioctl(fd, JETK_IOC_DELETE_TABLE, &ot), -EINVAL,
	   "delete_table with the out tableid set -> EINVAL");
	memset(&ot, 0, sizeof(ot));
	ot.name = (unsigned long long)(uintptr_t)"T";
	ot.name_len = 1;
	ot.sesid = 12345;
	is(raw_ioctl(fd, JETK_IOC_DELETE_TABLE, &ot), 0,
	   "delete_table in a session that does not exist reaches the engine");
	is(ot.err, JET_errInvalidSesid, "... which says InvalidSesid");

	memset(&co, 0, sizeof(co));
	co.grbit = 1;
	is(raw_ioctl(fd, JETK_IOC_PREPARE_UPDATE, &co), -EINVAL,
	   "prepare_update with a grbit -> EINVAL");
	memset(&co, 0, sizeof(co));
	co.arg = 1;
	is(raw_ioctl(fd, JETK_IOC_DELETE, &co), -EINVAL,
	   "delete with an argument -> EINVAL");
	memset(&co, 0, sizeof(co));
	co.arg = 1;
	is(raw_ioctl(fd, JETK_IOC_CLOSE_TABLE, &co), -EINVAL,
	   "close_table with an argument -> EINVAL");
	memset(&co, 0, sizeof(co));
	co.sesid = 12345;
	co.tableid = 7;
	is(raw_ioctl(fd, JETK_IOC_CLOSE_TABLE, &co), 0,
	   "close_table in a session that does not exist reaches the engine");
	is(co.err, JET_errInvalidSesid, "... which says InvalidSesid");
}

/* The transaction, escrow, lock and idle calls with malformed arguments. */
static void test_garbage_transactions(int fd)
{
	struct jetk_escrow_update eu;
	struct jetk_transaction tr;
	struct jetk_cursor_op co;
	unsigned int delta = 1;

	memset(&tr, 0, sizeof(tr));
	tr.reserved[0] = 1;
	is(raw_ioctl(fd, JETK_IOC_BEGIN_TRANSACTION, &tr), -EINVAL,
	   "begin_transaction with reserved set -> EINVAL");
	memset(&tr, 0, sizeof(tr));
	tr.level = 1;
	is(raw_ioctl(fd, JETK_IOC_BEGIN_TRANSACTION, &tr), -EINVAL,
	   "begin_transaction with its out level set -> EINVAL");
	memset(&tr, 0, sizeof(tr));
	tr.cmsec_durable_commit = 5;
	is(raw_ioctl(fd, JETK_IOC_BEGIN_TRANSACTION, &tr), -EINVAL,
	   "begin_transaction with a commit delay -> EINVAL");
	memset(&tr, 0, sizeof(tr));
	tr.trxid = 7;
	is(raw_ioctl(fd, JETK_IOC_COMMIT_TRANSACTION, &tr), -EINVAL,
	   "commit_transaction with a trxid -> EINVAL");
	memset(&tr, 0, sizeof(tr));
	tr.commit_id = 7;
	is(raw_ioctl(fd, JETK_IOC_COMMIT_TRANSACTION, &tr), -EINVAL,
	   "commit_transaction with its out commit id set -> EINVAL");
	memset(&tr, 0, sizeof(tr));
	tr.cmsec_durable_commit = 5;
	is(raw_ioctl(fd, JETK_IOC_ROLLBACK, &tr), -EINVAL,
	   "rollback with a commit delay -> EINVAL");
	memset(&tr, 0, sizeof(tr));
	tr.sesid = 12345;
	is(raw_ioctl(fd, JETK_IOC_BEGIN_TRANSACTION, &tr), 0,
	   "begin_transaction in a session that does not exist reaches the engine");
	is(tr.err, JET_errInvalidSesid, "... which says InvalidSesid");
	memset(&tr, 0, sizeof(tr));
	tr.sesid = 12345;
	is(raw_ioctl(fd, JETK_IOC_ROLLBACK, &tr), 0, "so does rollback");
	is(tr.err, JET_errInvalidSesid, "... InvalidSesid");

	memset(&eu, 0, sizeof(eu));
	eu.reserved[1] = 1;
	is(raw_ioctl(fd, JETK_IOC_ESCROW_UPDATE, &eu), -EINVAL,
	   "escrow_update with reserved set -> EINVAL");
	memset(&eu, 0, sizeof(eu));
	eu.old_len = 4;
	is(raw_ioctl(fd, JETK_IOC_ESCROW_UPDATE, &eu), -EINVAL,
	   "escrow_update with its out old_len set -> EINVAL");
	memset(&eu, 0, sizeof(eu));
	eu.old_max = 4;
	is(raw_ioctl(fd, JETK_IOC_ESCROW_UPDATE, &eu), -EINVAL,
	   "escrow_update with room at no old pointer -> EINVAL");
	memset(&eu, 0, sizeof(eu));
	eu.delta_len = 4;
	is(raw_ioctl(fd, JETK_IOC_ESCROW_UPDATE, &eu), -EFAULT,
	   "escrow_update with no delta pointer -> EFAULT");
	memset(&eu, 0, sizeof(eu));
	eu.delta_len = 4;
	eu.delta = 8;
	is(raw_ioctl(fd, JETK_IOC_ESCROW_UPDATE, &eu), -EFAULT,
	   "escrow_update with a delta pointer to nothing -> EFAULT");
	memset(&eu, 0, sizeof(eu));
	eu.delta_len = 4;
	eu.delta = (unsigned long long)(uintptr_t)&delta;
	eu.sesid = 12345;
	is(raw_ioctl(fd, JETK_IOC_ESCROW_UPDATE, &eu), 0,
	   "escrow_update in a session that does not exist reaches the engine");
	is(eu.err, JET_errInvalidSesid, "... which says InvalidSesid");
	memset(&eu, 0, sizeof(eu));
	eu.delta_len = 1000;
	eu.sesid = 12345;
	is(raw_ioctl(fd, JETK_IOC_ESCROW_UPDATE, &eu), 0,
	   "escrow_update with a 1000-byte delta reaches the engine");
	is(eu.err, JET_errInvalidSesid, "... which checks the session first");

	memset(&co, 0, sizeof(co));
	co.arg = 1;
	is(raw_ioctl(fd, JETK_IOC_GET_LOCK, &co), -EINVAL,
	   "get_lock with an argument -> EINVAL");
	memset(&co, 0, sizeof(co));
	co.sesid = 12345;
	co.grbit = 1;
	is(raw_ioctl(fd, JETK_IOC_GET_LOCK, &co), 0,
	   "get_lock in a session that does not exist reaches the engine");
	is(co.err, JET_errInvalidSesid, "... which says InvalidSesid");

	memset(&co, 0, sizeof(co));
	co.tableid = 3;
	is(raw_ioctl(fd, JETK_IOC_IDLE, &co), -EINVAL,
	   "idle with a tableid -> EINVAL");
	memset(&co, 0, sizeof(co));
	co.arg = 1;
	is(raw_ioctl(fd, JETK_IOC_IDLE, &co), -EINVAL,
	   "idle with an argument -> EINVAL");
	memset(&co, 0, sizeof(co));
	co.reserved[1] = 1;
	is(raw_ioctl(fd, JETK_IOC_IDLE, &co), -EINVAL,
	   "idle with reserved set -> EINVAL");
	memset(&co, 0, sizeof(co));
	co.sesid = 12345;
	co.grbit = 0x2;
	is(raw_ioctl(fd, JETK_IOC_IDLE, &co), 0,
	   "idle in a session that does not exist reaches the engine");
	is(co.err, JET_errInvalidSesid, "... which says InvalidSesid");

	/* JetIndexRecordCount: @arg is crecMax in, the count out. */
	memset(&co, 0, sizeof(co));
	co.grbit = 1;
	is(raw_ioctl(fd, JETK_IOC_INDEX_RECORD_COUNT, &co), -EINVAL,
	   "index record count with a grbit -> EINVAL");
	memset(&co, 0, sizeof(co));
	co.arg = -1;
	is(raw_ioctl(fd, JETK_IOC_INDEX_RECORD_COUNT, &co), -EINVAL,
	   "index record count with a negative crecMax -> EINVAL");
	memset(&co, 0, sizeof(co));
	co.reserved[0] = 1;
	is(raw_ioctl(fd, JETK_IOC_INDEX_RECORD_COUNT, &co), -EINVAL,
	   "index record count with reserved set -> EINVAL");
	memset(&co, 0, sizeof(co));
	co.sesid = 12345;
	co.tableid = 7;
	is(raw_ioctl(fd, JETK_IOC_INDEX_RECORD_COUNT, &co), 0,
	   "index record count in a session that does not exist reaches the engine");
	is(co.err, JET_errInvalidSesid, "... which says InvalidSesid");
}

/* JETK_IOC_DEFRAGMENT (JetDefragment, 2, 3) with malformed arguments. */
static void test_garbage_defrag(int fd)
{
	struct jetk_defragment df;
	char name[] = "x.edb";

	memset(&df, 0, sizeof(df));
	df.reserved[0] = 1;
	is(raw_ioctl(fd, JETK_IOC_DEFRAGMENT, &df), -EINVAL,
	   "defragment with reserved set -> EINVAL");
	memset(&df, 0, sizeof(df));
	df.pad = 1;
	is(raw_ioctl(fd, JETK_IOC_DEFRAGMENT, &df), -EINVAL,
	   "defragment with padding set -> EINVAL");
	memset(&df, 0, sizeof(df));
	df.err = 1;
	is(raw_ioctl(fd, JETK_IOC_DEFRAGMENT, &df), -EINVAL,
	   "defragment with err set -> EINVAL");
	memset(&df, 0, sizeof(df));
	df.db_name = (uintptr_t)name;
	df.db_name_len = 5;
	df.dbid = 1;
	is(raw_ioctl(fd, JETK_IOC_DEFRAGMENT, &df), -EINVAL,
	   "defragment naming a database twice (name and dbid) -> EINVAL");
	memset(&df, 0, sizeof(df));
	df.db_name_len = 5;
	is(raw_ioctl(fd, JETK_IOC_DEFRAGMENT, &df), -EINVAL,
	   "defragment with a name length but no name -> EINVAL");
	memset(&df, 0, sizeof(df));
	df.db_name = 16;
	df.db_name_len = 5;
	is(raw_ioctl(fd, JETK_IOC_DEFRAGMENT, &df), -EFAULT,
	   "defragment with a bad name pointer -> EFAULT");
	memset(&df, 0, sizeof(df));
	df.table_name = (uintptr_t)name;
	df.table_name_len = 100;
	is(raw_ioctl(fd, JETK_IOC_DEFRAGMENT, &df), 0,
	   "defragment with a table name too long reaches the engine");
	is(df.err, JET_errInvalidParameter, "... which says InvalidParameter");
	memset(&df, 0, sizeof(df));
	df.sesid = 12345;
	df.dbid = 1;
	df.grbit = 0x1;
	is(raw_ioctl(fd, JETK_IOC_DEFRAGMENT, &df), 0,
	   "defragment in a session that does not exist reaches the engine");
	is(df.err, JET_errInvalidSesid, "... which says InvalidSesid");
	is(raw_ioctl(fd, _IOWR(JETK_IOC_MAGIC, _JETK_NR_DEFRAGMENT,
			       struct jetk_open_database), &df), -ENOTTY,
	   "defragment with another struct's size -> ENOTTY");
}

static void test_still_works(int fd)
{
	unsigned long long inst = raw_instance(fd, "abi-after");
	struct jetk_term t;

	ok(inst != 0, "after all that garbage, an instance starts");
	memset(&t, 0, sizeof(t));
	t.instance = inst;
	is(raw_ioctl(fd, JETK_IOC_TERM, &t), 0, "... and terminates");
	is(t.err, 0, "... cleanly");
}

int main(void)
{
	int fd;

	test_handshake();
	fd = raw_open_api();
	ok(fd >= 0, "open and handshake");
	test_garbage(fd);
	test_garbage_tables(fd);
	test_bad_arrays_and_handles(fd);
	test_garbage_transactions(fd);
	test_garbage_defrag(fd);
	test_still_works(fd);
	close(fd);
	return tap_done();
}
