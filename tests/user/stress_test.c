// SPDX-License-Identifier: GPL-2.0-only
/*
 * 32 threads begin and end sessions while another thread stops the
 * instance at a random moment.  Every call must return success or
 * JET_errClientRequestToStopJetService; every session begun must end;
 * JetTerm must then succeed, and the instance's counters balance.
 */
#include <stdatomic.h>

#include "tap.h"
#include "util.h"

#define NTHREADS	32
#define MAX_ROUNDS	3000
#define ROUNDS_AFTER	50	/* rounds each thread runs after seeing the stop */

static JET_INSTANCE inst;
static atomic_int go;
static atomic_long begun, refused, unexpected, end_failed, after_stop_ok;
static atomic_int stopped;

static void *worker(void *p)
{
	int after = -1, i;
	JET_SESID s;
	JET_ERR err;

	(void)p;
	while (!atomic_load(&go))
		;
	for (i = 0; i < MAX_ROUNDS && after != 0; i++) {
		int was_stopped = atomic_load(&stopped);

		err = JetBeginSession(inst, &s, NULL, NULL);
		if (err == JET_errClientRequestToStopJetService) {
			atomic_fetch_add(&refused, 1);
		} else if (err) {
			atomic_fetch_add(&unexpected, 1);
		} else {
			atomic_fetch_add(&begun, 1);
			/* Admitted although stop had returned: a gate bug. */
			if (was_stopped)
				atomic_fetch_add(&after_stop_ok, 1);
			if (JetEndSession(s, 0))
				atomic_fetch_add(&end_failed, 1);
		}
		if (after > 0)
			after--;
		else if (after < 0 && atomic_load(&stopped))
			after = ROUNDS_AFTER;
	}
	return NULL;
}

static void *stopper(void *p)
{
	struct timespec ts = { 0, (long)(uintptr_t)p };
	JET_ERR err;

	nanosleep(&ts, NULL);
	err = JetStopServiceInstance(inst);
	if (!err)
		atomic_store(&stopped, 1);
	else
		atomic_fetch_add(&unexpected, 1);
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS], st;
	unsigned int seed = (unsigned int)time(NULL);
	long delay_ns;
	int i, made = 0;

	srand(seed);
	delay_ns = (20 + rand() % 180) * 1000000L;
	diag("seed %u: stop after %ld ms", seed, delay_ns / 1000000);
	is(JetCreateInstance(&inst, "stress"), 0, "create");
	is(JetSetSystemParameter(&inst, 0, JET_paramMaxSessions, 64, NULL), 0,
	   "MaxSessions 64");
	is(JetInit(&inst), 0, "init");
	for (i = 0; i < NTHREADS; i++)
		made += !pthread_create(&t[i], NULL, worker, NULL);
	is(made, NTHREADS, "32 session threads");
	ok(!pthread_create(&st, NULL, stopper, (void *)(uintptr_t)delay_ns),
	   "the stopping thread");
	atomic_store(&go, 1);
	for (i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	pthread_join(st, NULL);

	diag("%ld sessions begun, %ld refused", atomic_load(&begun),
	     atomic_load(&refused));
	is(atomic_load(&stopped), 1, "the stop succeeded");
	is(atomic_load(&unexpected), 0,
	   "every call returned success or -1329");
	is(atomic_load(&end_failed), 0, "every JetEndSession succeeded");
	is(atomic_load(&after_stop_ok), 0,
	   "no JetBeginSession was admitted after the stop returned");
	ok(atomic_load(&refused) >= NTHREADS,
	   "each thread saw refusals after the stop");
	is(stat_get(inst, "sessions"), 0, "no session left open");
	is(stat_get(inst, "sessions_begun"), atomic_load(&begun),
	   "the engine counted the same sessions begun");
	is(stat_get(inst, "sessions_ended"), atomic_load(&begun),
	   "... and ended");
	is(stat_get(inst, "calls_refused"), atomic_load(&refused),
	   "... and the same refusals");
	is(stat_get(inst, "calls_inside"), 0, "no call inside the engine");
	is(JetTerm(inst), 0, "JetTerm");
	ok(!stats_exist(inst), "the instance is gone");
	return tap_done();
}
