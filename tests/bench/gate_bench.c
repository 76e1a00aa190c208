// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the stop gate costs (issue 18): calls per second of 16 sessions of
 * one instance, each calling JetGetSessionInfo (one of the cheapest calls
 * that enters the instance: the gate, the session, nothing else) as fast
 * as it can, and of one session alone.  `make bench-gate` runs it twice
 * in one boot of an SMP kernel, once with jetk.ko as built and once with
 * a build whose calls skip the gate (CONFIG_JETK_BENCH_NO_GATE), and
 * prints the ratio.  Nothing passes or fails on a number.
 *
 *   gate_bench [SECONDS] [SESSIONS]     (default 3, 16)
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "esent.h"

#define CHECK(x) do {							\
	JET_ERR _e = (x);						\
	if (_e < 0) {							\
		fprintf(stderr, "gate_bench: %s: %ld\n", #x, (long)_e); \
		exit(1);						\
	}								\
} while (0)

static JET_INSTANCE inst;
static double seconds;
static atomic_int go, stop;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct worker {
	pthread_t th;
	JET_SESID ses;
	long calls;
};

static void *run(void *p)
{
	struct worker *w = p;
	JET_SESSIONINFO si;

	while (!atomic_load(&go))
		;
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		CHECK(JetGetSessionInfo(w->ses, &si, sizeof(si),
					JET_SessionInfo));
		w->calls++;
	}
	return NULL;
}

/* Calls per second of @n sessions at once. */
static double rate(struct worker *ws, int n)
{
	double t0, t;
	long total = 0;
	int i;

	atomic_store(&go, 0);
	atomic_store(&stop, 0);
	for (i = 0; i < n; i++) {
		ws[i].calls = 0;
		if (pthread_create(&ws[i].th, NULL, run, &ws[i]))
			exit(1);
	}
	t0 = now();
	atomic_store(&go, 1);
	do {
		struct timespec ms = { 0, 20 * 1000 * 1000 };

		nanosleep(&ms, NULL);
		t = now();
	} while (t - t0 < seconds);
	atomic_store(&stop, 1);
	t = now();
	for (i = 0; i < n; i++) {
		pthread_join(ws[i].th, NULL);
		total += ws[i].calls;
	}
	return total / (t - t0);
}

int main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[2]) : 16, i;
	struct worker *ws;

	seconds = argc > 1 ? atof(argv[1]) : 3;
	if (n < 1 || seconds <= 0)
		return 2;
	ws = calloc(n, sizeof(*ws));
	if (!ws)
		return 1;
	CHECK(JetCreateInstance(&inst, "gate-bench"));
	/* No log: the instance needs no file at all. */
	CHECK(JetSetSystemParameter(&inst, 0, JET_paramRecovery, 0, "off"));
	CHECK(JetInit(&inst));
	for (i = 0; i < n; i++)
		CHECK(JetBeginSession(inst, &ws[i].ses, NULL, NULL));
	printf("gate_bench: 1 session: %.0f calls/s\n", rate(ws, 1));
	printf("gate_bench: %d sessions: %.0f calls/s\n", n, rate(ws, n));
	for (i = 0; i < n; i++)
		CHECK(JetEndSession(ws[i].ses, 0));
	CHECK(JetTerm(inst));
	free(ws);
	return 0;
}
