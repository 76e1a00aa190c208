// SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT
/*
 * jetk demo: JetStopServiceInstance as an ESE program sees it.
 *
 * Creates and initialises an instance, begins sessions, stops the service,
 * shows that ordinary calls are refused with JET_errClientRequestToStopJet-
 * Service while the calls ESE allows after a stop still work, shows the
 * engine's counters before and after, and terminates.
 *
 * Built statically by `make -C userlib demo`; `make demo` runs it in UML.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "esent.h"

#define NSESSIONS 3

static const char *errname(JET_ERR err)
{
	switch (err) {
	case JET_errSuccess: return "JET_errSuccess";
	case JET_errClientRequestToStopJetService:
		return "JET_errClientRequestToStopJetService";
	case JET_errInvalidParameter: return "JET_errInvalidParameter";
	case JET_errInvalidSesid: return "JET_errInvalidSesid";
	case JET_errInvalidInstance: return "JET_errInvalidInstance";
	case JET_errFileNotFound: return "JET_errFileNotFound (is jetk.ko loaded?)";
	default: return "(see esent.h)";
	}
}

static int failed;

/* Print a call's result; note it when it is not what ESE promises. */
static void show(const char *call, JET_ERR err, JET_ERR expected)
{
	printf("  %-44s -> %6ld %s%s\n", call, (long)err, errname(err),
	       err == expected ? "" : "   <-- unexpected");
	if (err != expected)
		failed = 1;
}

static void show_counters(JET_INSTANCE inst, const char *when)
{
	static const char *const keys[] = {
		"gate_stopped", "calls_refused", "stop_calls",
		"checkpoint_depth_max", "flush_target_depth",
		"defrag_stop_runs", "version_cleanup_runs", "flush_runs",
		"sessions",
	};
	char path[96], line[128];
	size_t i;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/kernel/debug/jetk/instance%llu/stats",
		 (unsigned long long)inst);
	f = fopen(path, "r");
	if (!f) {
		printf("  (no counters: %s not readable)\n", path);
		return;
	}
	printf("  counters %s (%s):\n", when, path);
	while (fgets(line, sizeof(line), f))
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (!strncmp(line, keys[i], strlen(keys[i])) &&
			    line[strlen(keys[i])] == ' ')
				printf("    %s", line);
	fclose(f);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(void)
{
	JET_SESID ses[NSESSIONS], extra = JET_sesidNil;
	JET_INSTANCE inst = 0;
	JET_SESSIONINFO info;
	JET_API_PTR depth = 0;
	double t0;
	JET_ERR err;
	int i;

	printf("jetk demo: JetStopServiceInstance\n\n1. start an instance\n");
	err = JetCreateInstance(&inst, "demo");
	show("JetCreateInstance(\"demo\")", err, JET_errSuccess);
	if (err)
		return 1;
	show("JetSetSystemParameter(MaxSessions, 8)",
	     JetSetSystemParameter(&inst, JET_sesidNil, JET_paramMaxSessions,
				   8, NULL), JET_errSuccess);
	show("JetInit", JetInit(&inst), JET_errSuccess);
	for (i = 0; i < NSESSIONS; i++)
		show("JetBeginSession", JetBeginSession(inst, &ses[i], NULL, NULL),
		     JET_errSuccess);
	show("JetSetSessionContext(session 0, 0x1234)",
	     JetSetSessionContext(ses[0], 0x1234), JET_errSuccess);
	JetGetSystemParameter(inst, JET_sesidNil, JET_paramCheckpointDepthMax,
			      &depth, NULL, 0);
	printf("  JET_paramCheckpointDepthMax = %llu\n",
	       (unsigned long long)depth);
	show_counters(inst, "before the stop");

	printf("\n2. stop the service\n");
	show("JetStopServiceInstance", JetStopServiceInstance(inst),
	     JET_errSuccess);

	printf("\n3. calls ESE refuses after a stop\n");
	show("JetBeginSession", JetBeginSession(inst, &extra, NULL, NULL),
	     JET_errClientRequestToStopJetService);
	show("JetSetSessionContext(session 1)", JetSetSessionContext(ses[1], 7),
	     JET_errClientRequestToStopJetService);

	printf("\n4. calls ESE still allows\n");
	err = JetGetSessionInfo(ses[0], &info, sizeof(info), JET_SessionInfo);
	show("JetGetSessionInfo(session 0)", err, JET_errSuccess);
	if (!err)
		printf("    level %lu, context 0x%llx\n", info.ulTrxLevel,
		       (unsigned long long)info.ulTrxContext);
	err = JetGetSystemParameter(inst, JET_sesidNil,
				    JET_paramCheckpointDepthMax, &depth, NULL, 0);
	show("JetGetSystemParameter(CheckpointDepthMax)", err, JET_errSuccess);
	printf("    JET_paramCheckpointDepthMax = %llu (the stop lowered it)\n",
	       (unsigned long long)depth);
	show("JetResetSessionContext(session 0)", JetResetSessionContext(ses[0]),
	     JET_errSuccess);
	for (i = 0; i < NSESSIONS; i++)
		show("JetEndSession", JetEndSession(ses[i], 0), JET_errSuccess);

	/* The stop's work items run in the background; give them a moment. */
	nanosleep(&(struct timespec){ .tv_nsec = 200 * 1000 * 1000 }, NULL);
	show_counters(inst, "after the stop");

	printf("\n5. terminate\n");
	t0 = now_ms();
	err = JetTerm(inst);
	show("JetTerm", err, JET_errSuccess);
	printf("    JetTerm took %.3f ms\n", now_ms() - t0);
	show("JetBeginSession on the terminated instance",
	     JetBeginSession(inst, &extra, NULL, NULL), JET_errInvalidInstance);

	printf("\n%s\n", failed ? "demo: something unexpected happened" :
	       "demo: every call returned what ESE specifies");
	return failed;
}
