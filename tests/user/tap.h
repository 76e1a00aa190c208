/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A tiny TAP producer for jetk's userspace tests.
 *
 * Each check prints "ok N - ..." or "not ok N - ..." with the file and line
 * of a failure; tap_done() prints the plan "1..N" last and returns the exit
 * status (1 if anything failed).  A test that dies before tap_done() has no
 * plan, and tests/uml/check counts that as missing results.  Checks may be
 * made from several threads.
 */
#ifndef JETK_TESTS_TAP_H
#define JETK_TESTS_TAP_H

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

static pthread_mutex_t tap_lock = PTHREAD_MUTEX_INITIALIZER;
static int tap_count;
static int tap_failed;

__attribute__((format(printf, 4, 5)))
static int tap_check(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&tap_lock);
	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass)
		printf("#   failed at %s:%d\n", file, line);
	fflush(stdout);
	pthread_mutex_unlock(&tap_lock);
	return pass;
}

/* ok(cond, fmt, ...): pass when cond is true. */
#define ok(cond, ...) tap_check(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* is(got, want, fmt, ...): pass when two integers are equal. */
#define is(got, want, ...) ({						\
	long long _g = (long long)(got), _w = (long long)(want);	\
	int _p = tap_check(_g == _w, __FILE__, __LINE__, __VA_ARGS__);	\
	if (!_p)							\
		printf("#   got %lld, want %lld\n", _g, _w);		\
	_p;								\
})

/* diag(fmt, ...): a comment line. */
#define diag(...) do {							\
	pthread_mutex_lock(&tap_lock);					\
	printf("# ");							\
	printf(__VA_ARGS__);						\
	printf("\n");							\
	fflush(stdout);							\
	pthread_mutex_unlock(&tap_lock);				\
} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

#endif /* JETK_TESTS_TAP_H */
