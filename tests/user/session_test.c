// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sessions: JetBeginSession, JetEndSession, JetSetSessionContext,
 * JetResetSessionContext, JetGetSessionInfo (ese-api.md 4.3).
 */
#include "tap.h"
#include "util.h"

struct ctx_arg {
	JET_SESID ses;
	JET_ERR reset, set, end;
};

static void *other_thread(void *p)
{
	struct ctx_arg *a = p;

	a->reset = JetResetSessionContext(a->ses);
	a->set = JetSetSessionContext(a->ses, 99);
	a->end = JetEndSession(a->ses, 0);
	return NULL;
}

static void test_begin_end(JET_INSTANCE inst)
{
	JET_SESID s1 = 0, s2 = 0, s3;

	is(JetBeginSession(inst, &s1, "user", "password"), 0,
	   "JetBeginSession (user name and password ignored)");
	is(JetBeginSession(inst, &s2, NULL, NULL), 0, "second session");
	ok(s1 && s2 && s1 != s2 && s1 != JET_sesidNil,
	   "two distinct, non-nil session handles");
	is(JetBeginSession(inst, NULL, NULL, NULL), JET_errInvalidParameter,
	   "JetBeginSession(psesid NULL) -> InvalidParameter");
	is(JetBeginSession((JET_INSTANCE)0x777, &s3, NULL, NULL),
	   JET_errInvalidInstance, "JetBeginSession(garbage instance)");
	is(stat_get(inst, "sessions"), 2, "instance counts 2 sessions");
	is(JetEndSession(s1, 0x2), JET_errInvalidGrbit,
	   "JetEndSession(grbit 0x2) -> InvalidGrbit");
	is(JetEndSession(s1, JET_bitForceSessionClosed), 0,
	   "JetEndSession(ForceSessionClosed)");
	is(JetEndSession(s1, 0), JET_errInvalidSesid,
	   "ending it again -> InvalidSesid");
	is(JetSetSessionContext(s1, 1), JET_errInvalidSesid,
	   "an ended session is invalid for every call");
	is(JetEndSession(JET_sesidNil, 0), JET_errInvalidSesid,
	   "JetEndSession(JET_sesidNil) -> InvalidSesid");
	is(JetEndSession(0, 0), JET_errInvalidSesid,
	   "JetEndSession(0) -> InvalidSesid");
	is(JetEndSession(s2 + 1000000, 0), JET_errInvalidSesid,
	   "JetEndSession(unknown handle) -> InvalidSesid");
	is(JetEndSession(s2, 0), 0, "end the second session");
	is(stat_get(inst, "sessions"), 0, "no sessions left");
	is(stat_get(inst, "sessions_begun"), 2, "2 sessions begun");
	is(stat_get(inst, "sessions_ended"), 2, "2 sessions ended");
}

static void test_context(JET_INSTANCE inst)
{
	struct ctx_arg a = { 0 };
	JET_SESSIONINFO info;
	pthread_t t;
	JET_SESID s;

	is(JetBeginSession(inst, &s, NULL, NULL), 0, "begin a session");
	is(JetSetSessionContext(s, 0), JET_errInvalidParameter,
	   "context 0 -> InvalidParameter");
	is(JetResetSessionContext(s), JET_errSessionContextNotSetByThisThread,
	   "reset with no context -> SessionContextNotSetByThisThread");
	is(JetSetSessionContext(s, 0xabcdef), 0, "set a context");
	is(JetSetSessionContext(s, 5), JET_errSessionContextAlreadySet,
	   "set again -> SessionContextAlreadySet");
	a.ses = s;
	ok(!pthread_create(&t, NULL, other_thread, &a) && !pthread_join(t, NULL),
	   "another thread tries the session");
	is(a.reset, JET_errSessionContextNotSetByThisThread,
	   "another thread's reset -> SessionContextNotSetByThisThread");
	is(a.set, JET_errSessionContextAlreadySet,
	   "another thread's set -> SessionContextAlreadySet");
	is(a.end, JET_errSessionInUse,
	   "another thread's JetEndSession -> SessionInUse");
	memset(&info, 0xff, sizeof(info));
	is(JetGetSessionInfo(s, &info, sizeof(info), JET_SessionInfo), 0,
	   "JetGetSessionInfo");
	is(info.ulTrxContext, 0xabcdef, "info: the context");
	is(info.ulTrxLevel, 0, "info: transaction level 0");
	is(info.ulTrxBegin0, 0, "info: no level-0 begin");
	is(info.ulFlags, 0, "info: flags 0");
	is(JetGetSessionInfo(s, &info, sizeof(info) - 1, JET_SessionInfo),
	   JET_errBufferTooSmall, "cbMax too small -> BufferTooSmall");
	is(JetGetSessionInfo(s, NULL, sizeof(info), JET_SessionInfo),
	   JET_errBufferTooSmall, "NULL buffer -> BufferTooSmall");
	is(JetGetSessionInfo(s, &info, sizeof(info), 1),
	   JET_errInvalidParameter, "info level 1 -> InvalidParameter");
	is(JetGetSessionInfo((JET_SESID)0x999, &info, sizeof(info),
			     JET_SessionInfo), JET_errInvalidSesid,
	   "JetGetSessionInfo(garbage) -> InvalidSesid");
	is(JetResetSessionContext(s), 0, "the owner resets the context");
	is(JetGetSessionInfo(s, &info, sizeof(info), JET_SessionInfo), 0,
	   "JetGetSessionInfo after reset");
	is(info.ulTrxContext, 0, "context cleared");
	a.ses = s;
	ok(!pthread_create(&t, NULL, other_thread, &a) && !pthread_join(t, NULL),
	   "another thread uses the session now");
	is(a.set, 0, "another thread may now set a context");
	is(a.end, 0, "... and, holding it, end the session");
}

static void test_max_sessions(void)
{
	JET_INSTANCE inst = 0;
	JET_SESID s[4], extra;
	int i, good = 0;

	is(JetCreateInstance(&inst, "session-max"), 0, "create an instance");
	is(JetSetSystemParameter(&inst, 0, JET_paramMaxSessions, 3, NULL), 0,
	   "JET_paramMaxSessions = 3");
	is(JetInit(&inst), 0, "JetInit");
	for (i = 0; i < 3; i++)
		good += JetBeginSession(inst, &s[i], NULL, NULL) == 0;
	is(good, 3, "three sessions begin");
	is(JetBeginSession(inst, &extra, NULL, NULL), JET_errOutOfSessions,
	   "the fourth -> JET_errOutOfSessions");
	is(JetEndSession(s[1], 0), 0, "end one");
	is(JetBeginSession(inst, &s[3], NULL, NULL), 0,
	   "a slot is free again");
	is(JetTerm(inst), 0, "JetTerm ends the open sessions");
	is(JetEndSession(s[0], 0), JET_errInvalidSesid,
	   "sessions of a terminated instance are invalid");
}

int main(void)
{
	JET_INSTANCE inst = 0;

	is(lib_instance(&inst, "sessions"), 0, "create and init an instance");
	test_begin_end(inst);
	test_context(inst);
	is(JetTerm(inst), 0, "JetTerm");
	test_max_sessions();
	return tap_done();
}
