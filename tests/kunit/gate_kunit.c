// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the stop-service gate (module/gate.c), alone and raced by kthreads.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

#include "jetk.h"

static void gate_enter_admits_when_open(struct kunit *test)
{
	struct jetk_gate g;

	jetk_gate_init(&g);
	KUNIT_ASSERT_EQ(test, jetk_gate_enter(&g, false), 0);
	KUNIT_EXPECT_EQ(test, jetk_gate_inflight(&g), 1U);
	KUNIT_ASSERT_EQ(test, jetk_gate_enter(&g, true), 0);
	KUNIT_EXPECT_EQ(test, jetk_gate_inflight(&g), 2U);
	jetk_gate_exit(&g);
	jetk_gate_exit(&g);
	KUNIT_EXPECT_EQ(test, jetk_gate_inflight(&g), 0U);
	KUNIT_EXPECT_FALSE(test, jetk_gate_is_stopped(&g));
}

static void gate_enter_refuses_gated_after_stop(struct kunit *test)
{
	struct jetk_gate g;

	jetk_gate_init(&g);
	KUNIT_EXPECT_FALSE(test, jetk_gate_stop(&g));
	KUNIT_EXPECT_TRUE(test, jetk_gate_is_stopped(&g));
	KUNIT_EXPECT_EQ(test, jetk_gate_enter(&g, false),
			JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE);
	KUNIT_EXPECT_EQ(test, atomic64_read(&g.refused), 1);
	KUNIT_EXPECT_EQ(test, jetk_gate_inflight(&g), 0U);
	/* Exempt calls keep working, and a second stop is harmless. */
	KUNIT_ASSERT_EQ(test, jetk_gate_enter(&g, true), 0);
	jetk_gate_exit(&g);
	KUNIT_EXPECT_TRUE(test, jetk_gate_stop(&g));
	KUNIT_EXPECT_EQ(test, jetk_gate_enter(&g, true), 0);
	jetk_gate_exit(&g);
}

static void gate_stop_does_not_wait_for_calls_inside(struct kunit *test)
{
	struct jetk_gate g;

	jetk_gate_init(&g);
	KUNIT_ASSERT_EQ(test, jetk_gate_enter(&g, false), 0);
	jetk_gate_stop(&g);		/* would hang here if it waited */
	KUNIT_EXPECT_EQ(test, jetk_gate_inflight(&g), 1U);
	jetk_gate_exit(&g);
	KUNIT_EXPECT_EQ(test, jetk_gate_inflight(&g), 0U);
}

static void gate_close_refuses_everything(struct kunit *test)
{
	struct jetk_gate g;

	jetk_gate_init(&g);
	KUNIT_ASSERT_EQ(test, jetk_gate_close(&g), 0);
	KUNIT_EXPECT_EQ(test, jetk_gate_enter(&g, true),
			JETK_ERR_TERM_IN_PROGRESS);
	KUNIT_EXPECT_EQ(test, jetk_gate_enter(&g, false),
			JETK_ERR_TERM_IN_PROGRESS);
	/* ESE checks the stop flag before termination. */
	jetk_gate_stop(&g);
	KUNIT_EXPECT_EQ(test, jetk_gate_enter(&g, false),
			JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE);
	KUNIT_EXPECT_EQ(test, jetk_gate_enter(&g, true),
			JETK_ERR_TERM_IN_PROGRESS);
}

static void gate_reopen_keeps_stop(struct kunit *test)
{
	struct jetk_gate g;

	jetk_gate_init(&g);
	jetk_gate_stop(&g);
	KUNIT_ASSERT_EQ(test, jetk_gate_close(&g), 0);
	jetk_gate_reopen(&g);
	KUNIT_EXPECT_EQ(test, jetk_gate_enter(&g, true), 0);
	jetk_gate_exit(&g);
	KUNIT_EXPECT_EQ(test, jetk_gate_enter(&g, false),
			JETK_ERR_CLIENT_REQUEST_TO_STOP_JET_SERVICE);
}

/* A call that sits inside the gate until told to leave. */
struct gate_holder {
	struct jetk_gate *g;
	struct completion inside;
	struct completion leave;
	struct completion gone;
	int err;
};

static int gate_holder_fn(void *data)
{
	struct gate_holder *h = data;

	h->err = jetk_gate_enter(h->g, false);
	complete(&h->inside);
	wait_for_completion(&h->leave);
	if (!h->err)
		jetk_gate_exit(h->g);
	complete(&h->gone);
	return 0;
}

struct gate_closer {
	struct jetk_gate *g;
	struct completion done;
	int ret;
};

static int gate_closer_fn(void *data)
{
	struct gate_closer *c = data;

	c->ret = jetk_gate_close(c->g);
	complete(&c->done);
	return 0;
}

static void gate_close_waits_exactly_for_calls_inside(struct kunit *test)
{
	struct gate_holder *h[2];
	struct gate_closer *c;
	struct task_struct *t;
	struct jetk_gate *g;
	int i;

	g = kunit_kzalloc(test, sizeof(*g), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, g);
	jetk_gate_init(g);
	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	for (i = 0; i < 2; i++) {
		h[i] = kunit_kzalloc(test, sizeof(*h[i]), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, h[i]);
		h[i]->g = g;
		init_completion(&h[i]->inside);
		init_completion(&h[i]->leave);
		init_completion(&h[i]->gone);
		t = kthread_run(gate_holder_fn, h[i], "jetk-gate-hold%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
		wait_for_completion(&h[i]->inside);
		KUNIT_ASSERT_EQ(test, h[i]->err, 0);
	}

	c->g = g;
	init_completion(&c->done);
	t = kthread_run(gate_closer_fn, c, "jetk-gate-close");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));

	/* Two calls inside: close must not return. */
	KUNIT_EXPECT_FALSE(test, wait_for_completion_timeout(&c->done,
							     msecs_to_jiffies(50)));
	/* A new call, even an exempt one, is refused while closing. */
	KUNIT_EXPECT_EQ(test, jetk_gate_enter(g, true),
			JETK_ERR_TERM_IN_PROGRESS);
	complete(&h[0]->leave);
	KUNIT_EXPECT_FALSE(test, wait_for_completion_timeout(&c->done,
							     msecs_to_jiffies(50)));
	complete(&h[1]->leave);
	/* The last one out lets it finish. */
	KUNIT_EXPECT_TRUE(test, wait_for_completion_timeout(&c->done,
							    msecs_to_jiffies(5000)));
	KUNIT_EXPECT_EQ(test, c->ret, 0);
	KUNIT_EXPECT_EQ(test, jetk_gate_inflight(g), 0U);
	for (i = 0; i < 2; i++)
		wait_for_completion(&h[i]->gone);
}

#define GATE_RACERS 4

struct gate_race {
	struct jetk_gate g;
	int stopped;			/* set after jetk_gate_stop() returned */
	atomic_t admitted_after_stop;	/* gated calls admitted after: bug */
	atomic_t exempt_refused;	/* exempt calls refused: bug */
	atomic_t gated_admitted;
	atomic_t gated_refused;
	int stop;
};

static int gate_racer_fn(void *data)
{
	struct gate_race *r = data;
	unsigned int i;

	for (i = 0; !READ_ONCE(r->stop); i++) {
		bool exempt = (i % 3) == 0;
		/* Pairs with the release after jetk_gate_stop() returned. */
		bool after = smp_load_acquire(&r->stopped);
		int err = jetk_gate_enter(&r->g, exempt);

		if (!err) {
			if (!exempt && after)
				atomic_inc(&r->admitted_after_stop);
			if (!exempt)
				atomic_inc(&r->gated_admitted);
			jetk_gate_exit(&r->g);
		} else if (exempt) {
			atomic_inc(&r->exempt_refused);
		} else {
			atomic_inc(&r->gated_refused);
		}
		if (!(i % 64))
			cond_resched();
	}
	return 0;
}

static void gate_stop_races_enter(struct kunit *test)
{
	struct task_struct *t[GATE_RACERS];
	struct gate_race *r;
	int i;

	r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	jetk_gate_init(&r->g);
	for (i = 0; i < GATE_RACERS; i++) {
		t[i] = kthread_run(gate_racer_fn, r, "jetk-gate-race%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
		get_task_struct(t[i]);
	}
	msleep(20);
	jetk_gate_stop(&r->g);
	/* Racers that see this must be refused from now on. */
	smp_store_release(&r->stopped, 1);
	msleep(20);
	WRITE_ONCE(r->stop, 1);
	for (i = 0; i < GATE_RACERS; i++) {
		kthread_stop(t[i]);
		put_task_struct(t[i]);
	}

	KUNIT_EXPECT_EQ(test, atomic_read(&r->admitted_after_stop), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->exempt_refused), 0);
	/* The race really happened: calls on both sides of the stop. */
	KUNIT_EXPECT_GT(test, atomic_read(&r->gated_admitted), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&r->gated_refused), 0);
	KUNIT_EXPECT_EQ(test, (s64)atomic_read(&r->gated_refused),
			atomic64_read(&r->g.refused));
	KUNIT_EXPECT_EQ(test, jetk_gate_inflight(&r->g), 0U);
}

static struct kunit_case jetk_gate_cases[] = {
	KUNIT_CASE(gate_enter_admits_when_open),
	KUNIT_CASE(gate_enter_refuses_gated_after_stop),
	KUNIT_CASE(gate_stop_does_not_wait_for_calls_inside),
	KUNIT_CASE(gate_close_refuses_everything),
	KUNIT_CASE(gate_reopen_keeps_stop),
	KUNIT_CASE(gate_close_waits_exactly_for_calls_inside),
	KUNIT_CASE(gate_stop_races_enter),
	{}
};

static struct kunit_suite jetk_gate_suite = {
	.name = "jetk_gate",
	.test_cases = jetk_gate_cases,
};

kunit_test_suite(jetk_gate_suite);
