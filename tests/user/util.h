/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by jetk's userspace tests: raw access to /dev/jetk (a
 * second handle namespace beside libjetk's) and the per-instance counters
 * in debugfs.
 */
#ifndef JETK_TESTS_UTIL_H
#define JETK_TESTS_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/jetk.h>

#include "esent.h"

/* Open /dev/jetk without the handshake. */
static inline int raw_open(void)
{
	return open("/dev/jetk", O_RDWR | O_CLOEXEC);
}

/* Open /dev/jetk and complete the handshake; -1 on failure. */
static inline int raw_open_api(void)
{
	struct jetk_api api;
	int fd = raw_open();

	if (fd < 0)
		return -1;
	memset(&api, 0, sizeof(api));
	api.abi_version = JETK_ABI_VERSION;
	if (ioctl(fd, JETK_IOC_API, &api)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* ioctl returning -errno, or 0 */
static inline int raw_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

/* Create and initialise an instance on a raw fd; returns its handle or 0. */
static inline unsigned long long raw_instance(int fd, const char *name)
{
	struct jetk_create_instance c;
	struct jetk_init in;

	memset(&c, 0, sizeof(c));
	c.name = (unsigned long long)(uintptr_t)name;
	c.name_len = name ? (unsigned int)strlen(name) : 0;
	if (raw_ioctl(fd, JETK_IOC_CREATE_INSTANCE, &c) || c.err)
		return 0;
	memset(&in, 0, sizeof(in));
	in.instance = c.instance;
	if (raw_ioctl(fd, JETK_IOC_INIT, &in) || in.err)
		return 0;
	return in.instance;
}

static inline void stats_path(char *buf, size_t len, unsigned long long inst)
{
	snprintf(buf, len, "/sys/kernel/debug/jetk/instance%llu/stats", inst);
}

/* Whether the instance's debugfs directory exists. */
static inline int stats_exist(unsigned long long inst)
{
	char path[96];

	stats_path(path, sizeof(path), inst);
	return access(path, R_OK) == 0;
}

/* One counter of an instance; -1 when missing. */
static inline long long stat_get(unsigned long long inst, const char *key)
{
	char path[96], line[160];
	long long v = -1;
	size_t n = strlen(key);
	FILE *f;

	stats_path(path, sizeof(path), inst);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ' ') {
			v = strtoll(line + n + 1, NULL, 0);
			break;
		}
	fclose(f);
	return v;
}

/* Wait up to @ms for a counter to reach @want; returns the last value. */
static inline long long stat_wait(unsigned long long inst, const char *key,
				  long long want, int ms)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	long long v = stat_get(inst, key);

	while (v < want && ms > 0) {
		nanosleep(&ts, NULL);
		ms -= 10;
		v = stat_get(inst, key);
	}
	return v;
}

/* Wait up to @ms for a counter to equal @want; returns the last value. */
static inline long long stat_wait_eq(unsigned long long inst, const char *key,
				     long long want, int ms)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	long long v = stat_get(inst, key);

	while (v != want && ms > 0) {
		nanosleep(&ts, NULL);
		ms -= 10;
		v = stat_get(inst, key);
	}
	return v;
}

/*
 * A simulated power cut (debugfs, module/stats.c): the instance writes
 * nothing more.  Returns 1 when the knob took the write.
 */
static inline int inst_crash(unsigned long long inst)
{
	char path[96];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "/sys/kernel/debug/jetk/instance%llu/crash",
		 inst);
	f = fopen(path, "w");
	if (!f)
		return 0;
	ok = fputs("1\n", f) >= 0;
	return !fclose(f) && ok;
}

/*
 * A stress test's size, scaled by JETK_STRESS_SCALE (a percentage, 1 to
 * 1000, default 100): make check's run on the debug kernel, whose checks
 * make every call several times slower, runs the same tests smaller.
 */
static inline int stress_scaled(int n)
{
	const char *env = getenv("JETK_STRESS_SCALE");
	long pct = env ? strtol(env, NULL, 10) : 100;

	if (pct < 1 || pct > 1000)
		pct = 100;
	n = (int)((long)n * pct / 100);
	return n > 0 ? n : 1;
}

/* Create (named) and initialise an instance through libjetk. */
static inline JET_ERR lib_instance(JET_INSTANCE *inst, const char *name)
{
	JET_ERR err = JetCreateInstance(inst, name);

	if (err)
		return err;
	return JetInit(inst);
}

#endif /* JETK_TESTS_UTIL_H */
