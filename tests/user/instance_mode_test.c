// SPDX-License-Identifier: GPL-2.0-only
/*
 * ESE's run modes through libjetk (ese-api.md 4.2; jetapi.cxx's JetInitEx,
 * JetCreateInstance, JetEnableMultiInstance, JetSetSystemParameter): the
 * legacy one-instance mode, in which JetInit ignores what the caller's
 * JET_INSTANCE holds, and how the first JetCreateInstance or
 * JetEnableMultiInstance puts a process in multi-instance mode instead.
 *
 * The mode is per process, so each case runs in a forked child; a child's
 * checks come back over a pipe and are reported here.  The last case runs
 * userlib/examples/helloworld.c twice in one directory, as a user would.
 * Files go to tests/user/build/out/instance_mode/, removed at the end.
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/wait.h>

#include "tap.h"
#include "util.h"

/* The example's main, run in a child (see test_hello). */
#define main helloworld_main
#include "../../userlib/examples/helloworld.c"
#undef main

#define OUT		"tests/user/build/out/instance_mode"
#define LEGACY_LOG	OUT "/legacy/"
#define ENABLE_LOG	OUT "/enable/"
#define HELLO_DIR	OUT "/hello"
#define ONE_MIB		(1024LL * 1024)

/* ------------------------------------------------- checks from a child */

struct check_msg {
	int line;
	int pass;
	int has_values;
	long long got, want;
	char desc[200];
};

static int check_fd = -1;	/* a child's end of the pipe */

__attribute__((format(printf, 6, 7)))
static int child_check(int pass, int has_values, long long got,
		       long long want, int line, const char *fmt, ...)
{
	struct check_msg m = { .line = line, .pass = pass,
			       .has_values = has_values, .got = got,
			       .want = want };
	va_list ap;

	char *nl;

	va_start(ap, fmt);
	vsnprintf(m.desc, sizeof(m.desc), fmt, ap);
	va_end(ap);
	/* One TAP line each. */
	while ((nl = strchr(m.desc, '\n')))
		*nl = '|';
	/* Smaller than PIPE_BUF: one write, never interleaved. */
	if (write(check_fd, &m, sizeof(m)) != sizeof(m))
		_exit(99);
	return pass;
}

#define cok(cond, ...) \
	child_check(!!(cond), 0, 0, 0, __LINE__, __VA_ARGS__)
#define cis(got, want, ...) ({						\
	long long _g = (long long)(got), _w = (long long)(want);	\
	child_check(_g == _w, 1, _g, _w, __LINE__, __VA_ARGS__);	\
})

/*
 * Run @fn in a fresh process (a process of its own for libjetk and so
 * for the module: no run mode yet) and report its checks.
 */
static void run_case(const char *name, void (*fn)(void))
{
	struct check_msg m;
	int p[2], status = -1, n = 0;
	pid_t pid;

	if (pipe(p)) {
		ok(0, "%s: pipe", name);
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		check_fd = p[1];
		fn();
		_exit(0);
	}
	close(p[1]);
	while (pid > 0 && read(p[0], &m, sizeof(m)) == sizeof(m)) {
		n++;
		tap_check(m.pass, __FILE__, m.line, "%s: %s", name, m.desc);
		if (!m.pass && m.has_values)
			printf("#   got %lld, want %lld\n", m.got, m.want);
	}
	close(p[0]);
	if (pid > 0 && waitpid(pid, &status, 0) != pid)
		status = -1;
	ok(pid > 0 && WIFEXITED(status) && !WEXITSTATUS(status) && n > 0,
	   "%s: the child ran to its end (%d checks, status 0x%x)", name, n,
	   status);
}

/* ----------------------------------------------------------- helpers */

/* A JET_INSTANCE as an uninitialised variable might hold it. */
static JET_INSTANCE random_instance(void)
{
	JET_INSTANCE v = 0;

	while (!v || v == JET_instanceNil)
		if (getrandom(&v, sizeof(v), 0) != sizeof(v))
			v = (JET_INSTANCE)0x5a5aa5a5c3c33c3cULL;
	return v;
}

/* 1 when @path can be locked now, 0 when someone holds it, -1 if absent. */
static int lockable(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), r;

	if (fd < 0)
		return -1;
	r = flock(fd, LOCK_EX | LOCK_NB) == 0;
	close(fd);
	return r;
}

static long long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : (long long)st.st_size;
}

static long long param(JET_INSTANCE inst, unsigned long id)
{
	JET_API_PTR v = 0;

	if (JetGetSystemParameter(inst, 0, id, &v, NULL, 0))
		return -1;
	return (long long)v;
}

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void rm_tree(const char *dir)
{
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* ------------------------------------------------------------- cases */

/*
 * The program: JetInit(&inst) with inst garbage, no
 * JetCreateInstance.  Parameters set through the garbage handle before
 * JetInit are the defaults the instance starts with (its log lands in
 * LEGACY_LOG), a second JetInit of any kind is AlreadyInitialized and
 * leaves the running instance (and its log) alone, and JET_instanceNil
 * names it for JetTerm.
 */
static void legacy_garbage(void)
{
	JET_INSTANCE inst = random_instance(), other = random_instance();
	JET_INSTANCE again, zero = 0, saved, x = 0;
	JET_SESID s = 0;
	unsigned long n = 7;

	mkdir(LEGACY_LOG, 0755);
	saved = inst;
	/* Another variable's garbage: the value goes to the process. */
	cis(JetSetSystemParameter(&other, JET_sesidNil, JET_paramLogFilePath,
				  0, LEGACY_LOG), 0,
	    "JetSetSystemParameter(&other garbage, LogFilePath) before JetInit");
	cis(JetSetSystemParameter(&inst, 0, JET_paramMaxSessions, 5, NULL), 0,
	    "JetSetSystemParameter(&garbage, MaxSessions 5)");
	cis(inst, saved, "... which leaves the garbage alone");
	cis(param(random_instance(), JET_paramMaxSessions), 5,
	    "JetGetSystemParameter(garbage) before JetInit: the process's");
	cis(JetInit(&inst), 0, "JetInit(&garbage 0x%llx) creates the instance",
	    (unsigned long long)saved);
	cok(inst != saved && inst && inst != JET_instanceNil,
	    "... and stores its handle (0x%llx)", (unsigned long long)inst);
	cis(lockable(LEGACY_LOG "edb.jlog"), 0,
	    "its log is where the other garbage's LogFilePath said, locked");
	cis(param(inst, JET_paramMaxSessions), 5,
	    "it started with the MaxSessions set before JetInit");
	cis(param(0, JET_paramMaxSessions), 5,
	    "JetGetSystemParameter(0) reads the one instance");
	cis(JetSetSystemParameter(NULL, 0, JET_paramCheckpointDepthMax,
				  1 << 20, NULL), 0,
	    "JetSetSystemParameter(NULL, CheckpointDepthMax) after JetInit");
	cis(param(inst, JET_paramCheckpointDepthMax), 1 << 20,
	    "... set the one instance's");
	cis(JetBeginSession(inst, &s, NULL, NULL), 0,
	    "JetBeginSession with the stored handle");

	again = random_instance();
	saved = again;
	cis(JetInit(&again), JET_errAlreadyInitialized,
	    "a second JetInit(&garbage) -> AlreadyInitialized");
	cis(again, saved, "... the garbage is left as it was");
	cis(JetInit(&zero), JET_errAlreadyInitialized,
	    "JetInit(&0) -> AlreadyInitialized");
	cis(zero, JET_instanceNil, "... and 0 reads JET_instanceNil, as ESE");
	cis(JetInit(NULL), JET_errAlreadyInitialized,
	    "JetInit(NULL) -> AlreadyInitialized");
	saved = inst;
	cis(JetInit(&inst), JET_errAlreadyInitialized,
	    "JetInit(&inst) again -> AlreadyInitialized");
	cis(inst, saved, "... the handle is left as it was");
	cis(lockable(LEGACY_LOG "edb.jlog"), 0,
	    "the refused JetInits left the running instance's log locked");
	cis(JetEndSession(s, 0), 0, "the instance still runs: end the session");

	cis(JetCreateInstance(&x, "late"), JET_errRunningInOneInstanceMode,
	    "JetCreateInstance -> RunningInOneInstanceMode");
	cis(JetEnableMultiInstance(NULL, 0, &n),
	    JET_errRunningInOneInstanceMode,
	    "JetEnableMultiInstance -> RunningInOneInstanceMode");
	cis(n, 0, "... none of its parameters set");
	cis(JetTerm(JET_instanceNil), 0,
	    "JetTerm(JET_instanceNil) terminates the one instance");
	cis(lockable(LEGACY_LOG "edb.jlog"), 1, "... and its log is free");
	cis(JetBeginSession(inst, &s, NULL, NULL), JET_errInvalidInstance,
	    "its handle is gone");
	cis(JetCreateInstance(&x, "after"), 0,
	    "with no instance left the mode is unset: JetCreateInstance");
	cis(JetTerm(x), 0, "... and term it");
}

/*
 * JetInit(NULL), handle 0 for the calls that take one, a database, and
 * JetTerm(0): the database is detached cleanly and its file trimmed.
 */
static void legacy_null(void)
{
	char path[256], buf[16] = "";
	JET_SESID s = 0;
	JET_DBID db = 0;

	snprintf(path, sizeof(path), "%s/legacy-null.edb", OUT);
	unlink(path);
	cis(JetSetSystemParameter(NULL, 0, JET_paramRecovery, 0, "off"), 0,
	    "Recovery off, before JetInit");
	cis(JetInit(NULL), 0, "JetInit(NULL) creates the one instance");
	cis(JetGetSystemParameter(0, 0, JET_paramRecovery, NULL, buf,
				  sizeof(buf)), 0,
	    "JetGetSystemParameter(0) finds it");
	cok(!strcmp(buf, "off"), "... Recovery \"%s\" as set before", buf);
	cis(JetBeginSession(0, &s, NULL, NULL), 0, "JetBeginSession(0)");
	cis(JetCreateDatabase(s, path, NULL, &db, 0), 0, "JetCreateDatabase");
	cis(JetCloseDatabase(s, db, 0), 0, "JetCloseDatabase");
	cok(file_size(path) > ONE_MIB, "the file is sparse and long meanwhile");
	cis(JetEndSession(s, 0), 0, "JetEndSession");
	cis(JetTerm(0), 0, "JetTerm(0) with the database still attached");
	cis(file_size(path), ONE_MIB,
	    "... detached it cleanly: the file is cut to the database's size");
	cis(JetInit(NULL), 0, "JetInit(NULL) again: the mode was unset");
	cis(JetBeginSession(0, &s, NULL, NULL), 0, "a session");
	cis(JetAttachDatabase(s, path, 0), 0,
	    "the database attaches (clean, not in use)");
	cis(JetTerm2(0, JET_bitTermComplete), 0, "JetTerm2(0, Complete)");
	unlink(path);
}

/*
 * A legacy JetInit that fails (its log directory is missing) frees the
 * instance it created, stores 0, and leaves the mode unset.
 */
static void legacy_fail(void)
{
	JET_INSTANCE inst = random_instance(), x = 0;

	cis(JetSetSystemParameter(&inst, 0, JET_paramLogFilePath, 0,
				  OUT "/no-such-dir/"), 0,
	    "LogFilePath: a directory that does not exist");
	cis(JetInit(&inst), JET_errInvalidPath,
	    "JetInit(&garbage) -> InvalidPath");
	cis(inst, 0, "... the instance is freed and the handle 0, as ESE");
	cis(JetStopService(), JET_errInvalidParameter,
	    "JetStopService -> InvalidParameter: no instance, no mode");
	cis(JetCreateInstance(&x, "after-fail"), 0,
	    "the mode is unset: JetCreateInstance");
	cis(JetTerm(x), 0, "... and term it");
}

/*
 * Multi-instance mode first: its checks stay (no JET_INSTANCE, or one
 * that is no instance), 0 creates another instance as ESE does, and once
 * the last instance is gone a legacy JetInit works again.
 */
static void multi_then_legacy(void)
{
	JET_INSTANCE a = 0, b = 0, garbage, saved, x = 0;
	JET_SESID s = 0;

	/* libjetk opens the log before the module refuses a JetInit. */
	cis(JetSetSystemParameter(NULL, 0, JET_paramRecovery, 0, "off"), 0,
	    "process-wide Recovery off");
	cis(JetCreateInstance(&a, "multi"), 0,
	    "JetCreateInstance: multi-instance mode");
	/* Not the defaults: a second instance will have those. */
	cis(JetSetSystemParameter(&a, 0, JET_paramSystemPath, 0, "/sa/") +
	    JetSetSystemParameter(&a, 0, JET_paramTempPath, 0, "/ta") +
	    JetSetSystemParameter(&a, 0, JET_paramLogFilePath, 0, "/la/"), 0,
	    "its own system, temp and log paths");
	cis(JetInit(NULL), JET_errRunningInMultiInstanceMode,
	    "JetInit(NULL) -> RunningInMultiInstanceMode");
	garbage = random_instance() | (1ULL << 63);
	saved = garbage;
	cis(JetInit(&garbage), JET_errInvalidInstance,
	    "JetInit(&garbage) -> InvalidInstance (not an instance here)");
	cis(garbage, saved, "... the garbage is left as it was");
	cis(JetInit(&a), 0, "JetInit(&a)");
	cis(JetInit(&b), 0, "JetInit(&0) creates another, unnamed instance");
	cok(b && b != JET_instanceNil && b != a, "... with its own handle");
	cis(JetBeginSession(b, &s, NULL, NULL), 0, "... which runs");
	cis(JetEndSession(s, 0), 0, "end its session");
	cis(JetTerm(0), JET_errInvalidParameter,
	    "JetTerm(0) -> InvalidParameter in multi-instance mode");
	cis(JetTerm(b), 0, "JetTerm(b)");
	cis(JetTerm(a), 0, "JetTerm(a)");

	garbage = random_instance();
	cis(JetInit(&garbage), 0,
	    "no instance left: JetInit(&garbage) is one-instance mode again");
	cis(JetCreateInstance(&x, "m2"), JET_errRunningInOneInstanceMode,
	    "... JetCreateInstance -> RunningInOneInstanceMode");
	cis(JetTerm(garbage), 0, "JetTerm with the handle JetInit stored");
}

/*
 * JetEnableMultiInstance: it sets process-wide values in order and
 * switches the mode even with no instance; again it only compares.
 */
static void enable_multi(void)
{
	JET_SETSYSPARAM ps[3] = {
		{ JET_paramMaxSessions, 9, NULL, 0 },
		{ JET_paramLogFilePath, 0, ENABLE_LOG, 0 },
	};
	JET_INSTANCE a = 0, garbage;
	unsigned long n = 99;
	char buf[128] = "";

	mkdir(ENABLE_LOG, 0755);
	cis(JetEnableMultiInstance(NULL, 1, &n), JET_errInvalidParameter,
	    "JetEnableMultiInstance(NULL, 1) -> InvalidParameter");
	cis(n, 0, "... nothing set");
	cis(JetEnableMultiInstance(ps, 2, &n), 0, "JetEnableMultiInstance");
	cis(n, 2, "... both set");
	cis(ps[0].err + ps[1].err, 0, "... each entry says so");
	cis(JetGetSystemParameter(0, 0, JET_paramLogFilePath, NULL, buf,
				  sizeof(buf)), 0, "read LogFilePath back");
	cok(!strcmp(buf, ENABLE_LOG), "... the process-wide value is %s",
	    buf);
	cis(param(0, JET_paramMaxSessions), 9, "... and MaxSessions 9");
	cis(JetInit(NULL), JET_errRunningInMultiInstanceMode,
	    "JetInit(NULL) -> RunningInMultiInstanceMode with no instance yet");
	garbage = random_instance() | (1ULL << 63);
	cis(JetInit(&garbage), JET_errInvalidInstance,
	    "JetInit(&garbage) -> InvalidInstance");
	cis(JetEnableMultiInstance(ps, 2, &n), JET_errSystemParamsAlreadySet,
	    "the same again -> SystemParamsAlreadySet");
	cis(n, 2, "... both compared equal (%ld %ld)", ps[0].err, ps[1].err);
	ps[1].sz = OUT "/";
	ps[1].err = 0;
	cis(JetEnableMultiInstance(ps, 2, &n), JET_errSystemParameterConflict,
	    "another LogFilePath -> SystemParameterConflict");
	cis(n, 1, "... the first compared equal");
	cis(ps[1].err, JET_errSystemParameterConflict,
	    "... the second says so");
	cis(JetCreateInstance(&a, "enabled"), 0, "JetCreateInstance");
	cis(param(a, JET_paramMaxSessions), 9, "... starts with MaxSessions 9");
	cis(JetInit(&a), 0, "JetInit");
	cis(lockable(ENABLE_LOG "edb.jlog"), 0,
	    "its log is where JetEnableMultiInstance's LogFilePath said");
	cis(JetTerm(a), 0, "JetTerm");

	/* No instance: the mode is unset, and a failing call sets no mode. */
	ps[0].lParam = 3;
	ps[1].paramid = 9999;
	ps[1].lParam = 1;
	ps[1].sz = NULL;
	ps[2].paramid = JET_paramMaxSessions;
	ps[2].lParam = 4;
	ps[0].err = ps[1].err = 0;
	ps[2].err = 12345;
	cis(JetEnableMultiInstance(ps, 3, &n), JET_errInvalidParameter,
	    "an unknown parameter id -> InvalidParameter");
	cis(n, 1, "... after the first was set");
	cis(ps[1].err, JET_errInvalidParameter, "... its entry says so");
	cis(ps[2].err, 12345, "... the one after was not reached");
	cis(JetSetSystemParameter(NULL, 0, JET_paramRecovery, 0, "off"), 0,
	    "Recovery off");
	cis(JetInit(NULL), 0,
	    "JetInit(NULL): the failed call left the mode unset");
	cis(param(0, JET_paramMaxSessions), 3,
	    "... and the instance has the value it did set");
	cis(JetTerm(0), 0, "JetTerm(0)");
}

/* userlib/examples/helloworld.c, in HELLO_DIR, its output captured. */
static int hello_run(char *out, size_t max)
{
	FILE *f;
	size_t n;
	int rc;

	if (chdir(HELLO_DIR) || !freopen("stdout.txt", "w", stdout))
		return -1;
	rc = helloworld_main();
	fflush(stdout);
	f = fopen("stdout.txt", "r");
	n = f ? fread(out, 1, max - 1, f) : 0;
	out[n] = 0;
	if (f)
		fclose(f);
	return rc;
}

static void hello_first(void)
{
	char out[256];

	cis(hello_run(out, sizeof(out)), 0, "helloworld: exit status 0");
	cok(!strcmp(out, "Hello World\n"), "it prints \"Hello World\" (%s)",
	    out);
	cok(file_size("edbtest.db") > 0 && file_size("edb.jlog") > 0,
	    "edbtest.db and edb.jlog in the current directory");
}

static void hello_second(void)
{
	char out[256];

	cis(hello_run(out, sizeof(out)), 1, "helloworld again: exit status 1");
	cok(!strcmp(out, "ESENT error: -1201\n"),
	    "it stops at JetCreateDatabase: JET_errDatabaseDuplicate (%s)",
	    out);
}

/* What the first run wrote is there, and clean, after the second. */
static void hello_after(void)
{
	JET_INSTANCE inst = random_instance();
	JET_COLUMNDEF def;
	JET_TABLEID t = 0;
	JET_SESID s = 0;
	JET_DBID db = 0;
	char buf[64] = "";
	unsigned long cb = 0;

	cis(chdir(HELLO_DIR), 0, "chdir");
	cis(JetInit(&inst), 0, "JetInit(&garbage) in the same directory");
	cis(JetBeginSession(inst, &s, NULL, NULL), 0, "a session");
	cis(JetAttachDatabase(s, "edbtest.db", 0), 0,
	    "edbtest.db attaches: the first run detached it cleanly");
	cis(JetOpenDatabase(s, "edbtest.db", NULL, &db, 0), 0, "open it");
	cis(JetOpenTable(s, db, "table", NULL, 0, 0, &t), 0, "open \"table\"");
	cis(JetGetTableColumnInfo(s, t, "column1", &def, sizeof(def),
				  JET_ColInfo), 0, "find \"column1\"");
	cis(JetMove(s, t, JET_MoveFirst, 0), 0, "move to its record");
	cis(JetRetrieveColumn(s, t, def.columnid, buf, sizeof(buf) - 1, &cb,
			      0, NULL), 0, "retrieve it");
	cok(!strcmp(buf, "Hello World"), "it holds \"Hello World\"");
	cis(JetTerm(inst), 0, "JetTerm");
}

static void test_hello(void)
{
	mkdir(HELLO_DIR, 0755);
	run_case("helloworld", hello_first);
	run_case("helloworld run 2", hello_second);
	run_case("helloworld's database", hello_after);
}

/* --------------------------------------------------------- the ABI */

static void test_abi(void)
{
	struct jetk_enable_multi_instance em;
	struct jetk_sysparam ents[2];
	struct jetk_set_param sp;
	struct jetk_init in;
	struct jetk_term t;
	unsigned long long h;
	int fd = raw_open_api();

	ok(fd >= 0, "abi: open /dev/jetk");
	memset(&sp, 0, sizeof(sp));
	sp.paramid = JET_paramMaxSessions;
	sp.value = 8;
	sp.target = 1;
	is(raw_ioctl(fd, JETK_IOC_SET_PARAM, &sp), -EINVAL,
	   "abi: set_param with target set on input -> EINVAL");
	sp.target = 0;
	sp.instance = 0xdeadbeefcafeULL;
	is(raw_ioctl(fd, JETK_IOC_SET_PARAM, &sp), 0,
	   "abi: set_param(garbage instance) before any instance");
	ok(!sp.err && !sp.target, "abi: ... set the process-wide value (%d)",
	   sp.err);

	memset(&em, 0, sizeof(em));
	em.pad = 1;
	is(raw_ioctl(fd, JETK_IOC_ENABLE_MULTI_INSTANCE, &em), -EINVAL,
	   "abi: enable_multi padding set -> EINVAL");
	memset(&em, 0, sizeof(em));
	em.reserved[1] = 1;
	is(raw_ioctl(fd, JETK_IOC_ENABLE_MULTI_INSTANCE, &em), -EINVAL,
	   "abi: enable_multi reserved set -> EINVAL");
	memset(&em, 0, sizeof(em));
	em.nsucceeded = 1;
	is(raw_ioctl(fd, JETK_IOC_ENABLE_MULTI_INSTANCE, &em), -EINVAL,
	   "abi: enable_multi nsucceeded set on input -> EINVAL");
	memset(&em, 0, sizeof(em));
	em.nparams = JETK_SYSPARAMS_MAX + 1;
	em.params = 8;
	is(raw_ioctl(fd, JETK_IOC_ENABLE_MULTI_INSTANCE, &em), -EINVAL,
	   "abi: enable_multi with too many entries -> EINVAL");
	em.nparams = 1;
	em.params = 0;
	is(raw_ioctl(fd, JETK_IOC_ENABLE_MULTI_INSTANCE, &em), -EINVAL,
	   "abi: enable_multi entries without their array -> EINVAL");
	em.nparams = 0;
	em.params = 8;
	is(raw_ioctl(fd, JETK_IOC_ENABLE_MULTI_INSTANCE, &em), -EINVAL,
	   "abi: enable_multi an array of no entries -> EINVAL");
	em.nparams = 1;
	is(raw_ioctl(fd, JETK_IOC_ENABLE_MULTI_INSTANCE, &em), -EFAULT,
	   "abi: enable_multi an array at a bad address -> EFAULT");
	memset(ents, 0, sizeof(ents));
	ents[0].paramid = JET_paramMaxSessions;
	ents[0].err = -1;
	em.params = (unsigned long long)(uintptr_t)ents;
	is(raw_ioctl(fd, JETK_IOC_ENABLE_MULTI_INSTANCE, &em), -EINVAL,
	   "abi: enable_multi an entry's err set on input -> EINVAL");
	ents[0].err = 0;
	ents[0].flags = 0x2;
	is(raw_ioctl(fd, JETK_IOC_ENABLE_MULTI_INSTANCE, &em), -EINVAL,
	   "abi: enable_multi an unknown entry flag -> EINVAL");
	ents[0].flags = 0;
	ents[0].str_len = 3;
	is(raw_ioctl(fd, JETK_IOC_ENABLE_MULTI_INSTANCE, &em), -EINVAL,
	   "abi: enable_multi a string without JETK_PARAM_STRING -> EINVAL");

	memset(&in, 0, sizeof(in));
	in.instance = 0x5555aaaa5555aaaaULL;
	is(raw_ioctl(fd, JETK_IOC_INIT, &in), 0,
	   "abi: init with a garbage instance and no run mode");
	h = in.instance;
	ok(!in.err && h && h != 0x5555aaaa5555aaaaULL && h <= 0xffffffffULL,
	   "abi: ... created the one instance (err %d, handle %llu)", in.err,
	   h);
	memset(&sp, 0, sizeof(sp));
	sp.paramid = JET_paramCheckpointDepthMax;
	sp.value = 1 << 20;
	sp.instance = 0x1234;
	is(raw_ioctl(fd, JETK_IOC_SET_PARAM, &sp), 0,
	   "abi: set_param(garbage instance) in one-instance mode");
	ok(!sp.err && sp.target == h, "abi: ... set the one instance's");
	memset(&sp, 0, sizeof(sp));
	sp.paramid = JET_paramCacheSizeMax;
	sp.value = 1000;
	is(raw_ioctl(fd, JETK_IOC_SET_PARAM, &sp), 0,
	   "abi: set_param of a global parameter");
	ok(!sp.err && !sp.target, "abi: ... set the process-wide value");
	memset(ents, 0, sizeof(ents));
	memset(&em, 0, sizeof(em));
	ents[0].paramid = JET_paramMaxSessions;
	ents[0].value = 3;
	em.nparams = 1;
	em.params = (unsigned long long)(uintptr_t)ents;
	is(raw_ioctl(fd, JETK_IOC_ENABLE_MULTI_INSTANCE, &em), 0,
	   "abi: enable_multi in one-instance mode");
	ok(em.err == JET_errRunningInOneInstanceMode && !em.nsucceeded &&
	   !ents[0].err, "abi: ... RunningInOneInstanceMode, nothing reached");
	memset(&t, 0, sizeof(t));
	t.instance = JET_instanceNil;
	is(raw_ioctl(fd, JETK_IOC_TERM, &t), 0, "abi: term(~0)");
	ok(!t.err && t.instance == h,
	   "abi: ... terminated the one instance and says which");
	close(fd);

	fd = raw_open_api();
	memset(ents, 0, sizeof(ents));
	memset(&em, 0, sizeof(em));
	ents[0].paramid = JET_paramMaxSessions;
	ents[0].value = 3;
	ents[1].paramid = JET_paramRecovery;
	ents[1].flags = JETK_PARAM_STRING;
	ents[1].str = (unsigned long long)(uintptr_t)"off";
	ents[1].str_len = 3;
	em.nparams = 2;
	em.params = (unsigned long long)(uintptr_t)ents;
	is(raw_ioctl(fd, JETK_IOC_ENABLE_MULTI_INSTANCE, &em), 0,
	   "abi: enable_multi on a new file");
	ok(!em.err && em.nsucceeded == 2 && !ents[0].err && !ents[1].err,
	   "abi: ... set both (%d, %u: %d %d)", em.err, em.nsucceeded,
	   ents[0].err, ents[1].err);
	memset(&in, 0, sizeof(in));
	in.flags = JETK_INIT_NO_PINSTANCE;
	is(raw_ioctl(fd, JETK_IOC_INIT, &in), 0, "abi: init, no pinstance");
	is(in.err, JET_errRunningInMultiInstanceMode,
	   "abi: ... RunningInMultiInstanceMode");
	memset(&in, 0, sizeof(in));
	is(raw_ioctl(fd, JETK_IOC_INIT, &in), 0, "abi: init(0)");
	h = in.instance;
	ok(!in.err && h, "abi: ... created an unnamed instance");
	memset(&t, 0, sizeof(t));
	t.instance = h;
	is(raw_ioctl(fd, JETK_IOC_TERM, &t), 0, "abi: term it");
	ok(!t.err && t.instance == h, "abi: ... says which");
	close(fd);
}

int main(void)
{
	mkdir("tests/user/build", 0755);
	mkdir("tests/user/build/out", 0755);
	rm_tree(OUT);
	mkdir(OUT, 0755);
	run_case("legacy, garbage JET_INSTANCE", legacy_garbage);
	run_case("legacy, JetInit(NULL)", legacy_null);
	run_case("legacy, a failing JetInit", legacy_fail);
	run_case("multi, then legacy", multi_then_legacy);
	run_case("JetEnableMultiInstance", enable_multi);
	test_hello();
	test_abi();
	rm_tree(OUT);
	ok(access(OUT, F_OK), "the test's files are gone");
	return tap_done();
}
