// SPDX-License-Identifier: GPL-2.0-only
/*
 * Handles belong to the open file that made them: another file, another
 * process or a forked child sees them as invalid.  Closing the file, or
 * the process dying (even by SIGKILL mid-session), ends its sessions and
 * terminates its instances.
 */
#include <signal.h>
#include <sys/wait.h>

#include "tap.h"
#include "util.h"

static int raw_begin(int fd, unsigned long long inst,
		     unsigned long long *ses)
{
	struct jetk_begin_session b;

	memset(&b, 0, sizeof(b));
	b.instance = inst;
	if (raw_ioctl(fd, JETK_IOC_BEGIN_SESSION, &b))
		return -1;
	*ses = b.sesid;
	return b.err;
}

static int raw_end(int fd, unsigned long long ses)
{
	struct jetk_end_session e;

	memset(&e, 0, sizeof(e));
	e.sesid = ses;
	if (raw_ioctl(fd, JETK_IOC_END_SESSION, &e))
		return -1;
	return e.err;
}

static void test_two_files(void)
{
	int a = raw_open_api(), b = raw_open_api();
	unsigned long long ia, ib, sa = 0, sb = 0;

	ok(a >= 0 && b >= 0, "two opens of /dev/jetk");
	ia = raw_instance(a, "iso");
	ib = raw_instance(b, "iso");
	ok(ia && ib, "each file may use the same instance name");
	is(raw_begin(a, ia, &sa), 0, "session on file A");
	is(raw_begin(b, ia, &sb), JET_errInvalidInstance,
	   "file B cannot use file A's instance");
	is(raw_end(b, sa), JET_errInvalidSesid,
	   "file B cannot end file A's session");
	is(raw_end(a, sa), 0, "file A ends its own session");
	is(stat_get(ia, "sessions") >= 0 || stat_get(ib, "sessions") >= 0, 1,
	   "both instances have counters");
	close(b);
	ok(stat_get(ia, "sessions") == 0, "file A's instance survives B's close");
	close(a);
}

static void test_fork(void)
{
	JET_INSTANCE inst = 0;
	JET_SESID ses;
	int status = -1;
	pid_t pid;

	is(lib_instance(&inst, "iso-parent"), 0, "parent instance");
	is(JetBeginSession(inst, &ses, NULL, NULL), 0, "parent session");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		JET_INSTANCE mine = 0;
		int bad = 0;

		bad |= JetEndSession(ses, 0) != JET_errInvalidSesid;
		bad |= (JetStopServiceInstance(inst) !=
			JET_errInvalidParameter) << 1;
		/* A log is one instance's: the child takes its own. */
		mkdir("tests/user/build/out/iso-child", 0755);
		bad |= (JetCreateInstance(&mine, "iso-parent") != 0) << 2;
		bad |= (JetSetSystemParameter(&mine, 0, JET_paramLogFilePath,
					      0, "tests/user/build/out/iso-child") != 0) << 2;
		bad |= (JetInit(&mine) != 0) << 2;
		bad |= (JetTerm(mine) != 0) << 3;
		_exit(bad);
	}
	ok(pid > 0 && waitpid(pid, &status, 0) == pid, "forked child ran");
	is(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0,
	   "the child cannot use the parent's handles and gets a namespace "
	   "of its own");
	is(JetEndSession(ses, 0), 0, "the parent's session is intact");
	is(JetTerm(inst), 0, "the parent terminates its instance");
}

static void test_sigkill(void)
{
	int pipefd[2], status = -1;
	unsigned long long handle = 0;
	long long sessions = -1;
	pid_t pid;
	int i;

	ok(!pipe(pipefd), "pipe");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		JET_INSTANCE inst = 0;
		JET_SESID s;

		close(pipefd[0]);
		if (lib_instance(&inst, "iso-victim"))
			_exit(1);
		for (i = 0; i < 5; i++)
			JetBeginSession(inst, &s, NULL, NULL);
		JetSetSessionContext(s, 1);
		handle = inst;
		if (write(pipefd[1], &handle, sizeof(handle)) != sizeof(handle))
			_exit(2);
		for (;;)
			pause();
	}
	close(pipefd[1]);
	ok(read(pipefd[0], &handle, sizeof(handle)) == sizeof(handle),
	   "the child started an instance with 5 sessions");
	close(pipefd[0]);
	/* Handles are per file; debugfs names are the instance's number. */
	sessions = stat_get(handle, "sessions");
	is(sessions, 5, "its counters show 5 sessions");
	kill(pid, SIGKILL);
	ok(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status),
	   "SIGKILL the child mid-session");
	for (i = 0; i < 200 && stats_exist(handle); i++)
		usleep(10000);
	ok(!stats_exist(handle), "its instance is gone after the kill");
}

int main(void)
{
	test_two_files();
	test_fork();
	test_sigkill();
	return tap_done();
}
