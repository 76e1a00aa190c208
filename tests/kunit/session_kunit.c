// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: instances and sessions driven below the ioctl layer, where a call
 * can be held inside the engine deterministically: session sharing, term
 * waiting for calls inside, the gate as seen through sessions.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/kthread.h>

#include "jetk.h"

struct session_fixture {
	struct jetk_file *jf;
	u64 inst;
};

static int session_test_init(struct kunit *test)
{
	struct session_fixture *f;

	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	f->jf = jetk_file_alloc();
	if (!f->jf)
		return -ENOMEM;
	test->priv = f;
	return 0;
}

static void session_test_exit(struct kunit *test)
{
	struct session_fixture *f = test->priv;

	if (f && f->jf)
		jetk_file_free(f->jf);
}

static void call_init(struct jetk_call *c, struct jetk_file *jf,
		      unsigned int nr)
{
	memset(c, 0, sizeof(*c));
	c->jf = jf;
	c->desc = jetk_ioctl_desc(nr);
}

static u64 start_instance(struct kunit *test)
{
	struct session_fixture *f = test->priv;
	u64 h = 0;

	KUNIT_ASSERT_EQ(test, jetk_instance_create(f->jf, "t", NULL, &h), 0);
	KUNIT_ASSERT_EQ(test, jetk_instance_init(f->jf, &h, 0, 0), 0);
	KUNIT_ASSERT_NE(test, h, 0ULL);
	f->inst = h;
	return h;
}

static int begin_session(struct kunit *test, u64 inst, u64 *sesid)
{
	struct session_fixture *f = test->priv;
	struct jetk_call c;
	int err;

	call_init(&c, f->jf, _JETK_NR_BEGIN_SESSION);
	err = jetk_call_enter_instance(&c, inst);
	if (err)
		return err;
	err = jetk_session_begin(&c, sesid);
	jetk_call_exit(&c);
	return err;
}

static void session_enter_twice_is_sharing_violation(struct kunit *test)
{
	struct session_fixture *f = test->priv;
	struct jetk_call a, b;
	u64 ses = 0;

	start_instance(test);
	KUNIT_ASSERT_EQ(test, begin_session(test, f->inst, &ses), 0);

	call_init(&a, f->jf, _JETK_NR_SET_SESSION_CONTEXT);
	call_init(&b, f->jf, _JETK_NR_GET_SESSION_INFO);
	KUNIT_ASSERT_EQ(test, jetk_call_enter_session(&a, ses), 0);
	KUNIT_EXPECT_EQ(test, jetk_call_enter_session(&b, ses),
			JETK_ERR_SESSION_SHARING_VIOLATION);
	KUNIT_EXPECT_NULL(test, b.ses);
	jetk_call_exit(&a);
	KUNIT_EXPECT_EQ(test, jetk_call_enter_session(&b, ses), 0);
	jetk_call_exit(&b);
}

static void session_bad_handles_are_invalid(struct kunit *test)
{
	struct session_fixture *f = test->priv;
	struct jetk_call c;
	u64 ses = 0;

	start_instance(test);
	call_init(&c, f->jf, _JETK_NR_END_SESSION);
	KUNIT_EXPECT_EQ(test, jetk_call_enter_session(&c, 0),
			JETK_ERR_INVALID_SESID);
	KUNIT_EXPECT_EQ(test, jetk_call_enter_session(&c, ~0ULL),
			JETK_ERR_INVALID_SESID);
	/* An instance handle is not a session handle, nor the reverse. */
	KUNIT_EXPECT_EQ(test, jetk_call_enter_session(&c, f->inst),
			JETK_ERR_INVALID_SESID);
	KUNIT_ASSERT_EQ(test, begin_session(test, f->inst, &ses), 0);
	KUNIT_EXPECT_EQ(test, begin_session(test, ses, &ses),
			JETK_ERR_INVALID_INSTANCE);
}

static void session_max_sessions_is_out_of_sessions(struct kunit *test)
{
	struct session_fixture *f = test->priv;
	u64 ses[3];

	KUNIT_ASSERT_EQ(test, jetk_param_set(f->jf, 0, 0,
					     JETK_PARAM_MAX_SESSIONS, 2,
					     NULL, 0), 0);
	start_instance(test);
	KUNIT_EXPECT_EQ(test, begin_session(test, f->inst, &ses[0]), 0);
	KUNIT_EXPECT_EQ(test, begin_session(test, f->inst, &ses[1]), 0);
	KUNIT_EXPECT_EQ(test, begin_session(test, f->inst, &ses[2]),
			JETK_ERR_OUT_OF_SESSIONS);
	/* Frozen after init, unless set to the value it has. */
	KUNIT_EXPECT_EQ(test, jetk_param_set(f->jf, f->inst, 0,
					     JETK_PARAM_MAX_SESSIONS, 3,
					     NULL, 0),
			JETK_ERR_ALREADY_INITIALIZED);
	KUNIT_EXPECT_EQ(test, jetk_param_set(f->jf, f->inst, 0,
					     JETK_PARAM_MAX_SESSIONS, 2,
					     NULL, 0), 0);
}

static void session_stop_refuses_gated_admits_exempt(struct kunit *test)
{
	struct session_fixture *f = test->priv;
	struct jetk_call c;
	u64 ses = 0, depth = 0;
	size_t actual;

	start_instance(test);
	KUNIT_ASSERT_EQ(test, begin_session(test, f->inst, &ses), 0);
	KUNIT_ASSERT_EQ(test, jetk_stop_service(f->jf, f->inst,
						JETK_STOP_INSTANCE, 0), 0);
	call_init(&c, f->jf, _JETK_NR_SET_SESSION_CONTEXT);
	KUNIT_EXPECT_EQ(test, jetk_call_enter_session(&c, ses),
			JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE);
	KUNIT_EXPECT_EQ(test, begin_session(test, f->inst, &ses),
			JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE);
	call_init(&c, f->jf, _JETK_NR_END_SESSION);
	KUNIT_ASSERT_EQ(test, jetk_call_enter_session(&c, ses), 0);
	KUNIT_EXPECT_EQ(test, jetk_session_end(&c, 0), 0);
	jetk_call_exit(&c);
	KUNIT_EXPECT_EQ(test, jetk_call_enter_session(&c, ses),
			JETK_ERR_INVALID_SESID);
	/* The legacy stop lowered the checkpoint depth to 16384. */
	KUNIT_EXPECT_EQ(test, jetk_param_get(f->jf, f->inst, 0,
					     JETK_PARAM_CHECKPOINT_DEPTH_MAX,
					     &depth, NULL, 0, &actual), 0);
	KUNIT_EXPECT_EQ(test, depth, 16384ULL);
}

static void session_stop_requires_running_instance(struct kunit *test)
{
	struct session_fixture *f = test->priv;
	u64 h = 0;

	KUNIT_ASSERT_EQ(test, jetk_instance_create(f->jf, NULL, NULL, &h), 0);
	KUNIT_EXPECT_EQ(test, jetk_stop_service(f->jf, h, JETK_STOP_INSTANCE2,
						0),
			JETK_ERR_INVALID_PARAMETER);
	KUNIT_EXPECT_EQ(test, jetk_stop_service(f->jf, 12345,
						JETK_STOP_INSTANCE2, 0),
			JETK_ERR_INVALID_PARAMETER);
	/* Term of an instance never initialised frees it. */
	KUNIT_EXPECT_EQ(test, jetk_instance_term(f->jf, h, 0), 0);
	KUNIT_EXPECT_EQ(test, jetk_instance_term(f->jf, h, 0),
			JETK_ERR_INVALID_PARAMETER);
}

struct term_thread {
	struct jetk_file *jf;
	u64 inst;
	int ret;
	struct completion done;
};

static int term_thread_fn(void *data)
{
	struct term_thread *t = data;

	t->ret = jetk_instance_term(t->jf, t->inst, 0);
	complete(&t->done);
	return 0;
}

static void session_term_waits_for_call_inside(struct kunit *test)
{
	struct session_fixture *f = test->priv;
	struct term_thread *t;
	struct task_struct *task;
	struct jetk_call c, d;
	u64 ses = 0;

	start_instance(test);
	KUNIT_ASSERT_EQ(test, begin_session(test, f->inst, &ses), 0);
	call_init(&c, f->jf, _JETK_NR_SET_SESSION_CONTEXT);
	KUNIT_ASSERT_EQ(test, jetk_call_enter_session(&c, ses), 0);

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	t->jf = f->jf;
	t->inst = f->inst;
	init_completion(&t->done);
	task = kthread_run(term_thread_fn, t, "jetk-term");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));

	KUNIT_EXPECT_FALSE(test, wait_for_completion_timeout(&t->done,
							     msecs_to_jiffies(50)));
	/* New calls, exempt ones included, see the termination. */
	call_init(&d, f->jf, _JETK_NR_END_SESSION);
	KUNIT_EXPECT_EQ(test, jetk_call_enter_session(&d, ses),
			JETK_ERR_TERM_IN_PROGRESS);
	KUNIT_EXPECT_EQ(test, jetk_instance_term(f->jf, f->inst, 0),
			JETK_ERR_TERM_IN_PROGRESS);

	jetk_call_exit(&c);
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&t->done,
							    msecs_to_jiffies(5000)));
	KUNIT_EXPECT_EQ(test, t->ret, 0);
	KUNIT_EXPECT_EQ(test, jetk_call_enter_session(&d, ses),
			JETK_ERR_INVALID_SESID);
	KUNIT_EXPECT_EQ(test, begin_session(test, f->inst, &ses),
			JETK_ERR_INVALID_INSTANCE);
}

static void session_single_instance_mode(struct kunit *test)
{
	struct session_fixture *f = test->priv;
	u64 h = 0, h2 = 0, ses = 0;

	KUNIT_ASSERT_EQ(test, jetk_instance_init(f->jf, &h, 0, 0), 0);
	KUNIT_EXPECT_NE(test, h, 0ULL);
	KUNIT_EXPECT_EQ(test, jetk_instance_init(f->jf, &h2, 0, 0),
			JETK_ERR_ALREADY_INITIALIZED);
	KUNIT_EXPECT_EQ(test, jetk_instance_create(f->jf, NULL, NULL, &h2),
			JETK_ERR_RUNNING_IN_ONE_INSTANCE_MODE);
	/* Handle 0 names the single instance. */
	KUNIT_EXPECT_EQ(test, begin_session(test, 0, &ses), 0);
	KUNIT_EXPECT_EQ(test, jetk_stop_service(f->jf, 0, JETK_STOP_SERVICE, 0),
			0);
	KUNIT_EXPECT_EQ(test, jetk_instance_term(f->jf, 0, 0), 0);
	/* The mode is free again once the last instance is gone. */
	KUNIT_EXPECT_EQ(test, jetk_instance_create(f->jf, NULL, NULL, &h2), 0);
	KUNIT_EXPECT_EQ(test, jetk_stop_service(f->jf, 0, JETK_STOP_SERVICE, 0),
			JETK_ERR_RUNNING_IN_MULTI_INSTANCE_MODE);
}

static struct kunit_case jetk_session_cases[] = {
	KUNIT_CASE(session_enter_twice_is_sharing_violation),
	KUNIT_CASE(session_bad_handles_are_invalid),
	KUNIT_CASE(session_max_sessions_is_out_of_sessions),
	KUNIT_CASE(session_stop_refuses_gated_admits_exempt),
	KUNIT_CASE(session_stop_requires_running_instance),
	KUNIT_CASE(session_term_waits_for_call_inside),
	KUNIT_CASE(session_single_instance_mode),
	{}
};

static struct kunit_suite jetk_session_suite = {
	.name = "jetk_session",
	.init = session_test_init,
	.exit = session_test_exit,
	.test_cases = jetk_session_cases,
};

kunit_test_suite(jetk_session_suite);
