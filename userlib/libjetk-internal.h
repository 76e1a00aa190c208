/* SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT */
/*
 * libjetk internals shared by its source files: the one ioctl every Jet
 * call makes, and the helpers that fill ioctl structs.
 */
#ifndef JETK_USERLIB_INTERNAL_H
#define JETK_USERLIB_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "esent.h"

#define JETK_HIDDEN	__attribute__((visibility("hidden")))

/*
 * Issue one ioctl on the process's /dev/jetk descriptor (opened and
 * handshaken on first use), retrying on EINTR.  Returns the engine's
 * status from the struct's leading err field, or a transport failure
 * (-errno) mapped to a JET_err.
 */
JETK_HIDDEN JET_ERR jetk_ioctl(unsigned long cmd, void *arg);

/* A user pointer as the ABI carries it. */
static inline uint64_t jetk_ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* Bytes of a NUL-terminated string (0 for NULL), saturated at UINT32_MAX. */
static inline uint32_t jetk_strlen(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	/* Longer than any name the module takes: it says InvalidParameter. */
	return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

/* logfile.c: the instance's log for JetInit (see there). */
struct jetk_init;
struct jetk_init_db;
struct jetk_dbfile;

/* The log a JetInit opened: its locked file and its device, or -1. */
struct jetk_logclaim {
	int lock_fd;
	int bdev_fd;
};

JETK_HIDDEN void jetk_logparams_set(uint64_t instance, unsigned long paramid,
				    unsigned long value, const char *str);
JETK_HIDDEN JET_ERR jetk_logfile_open(uint64_t instance, struct jetk_init *a,
				      struct jetk_init_db *dbs,
				      struct jetk_dbfile *dfs,
				      unsigned int *ndfs, char **names,
				      struct jetk_logclaim *claim);
JETK_HIDDEN void jetk_logfile_done(uint64_t instance, JET_ERR err,
				   uint64_t result,
				   struct jetk_logclaim *claim,
				   struct jetk_dbfile *dfs, unsigned int ndfs,
				   char **names);
JETK_HIDDEN void jetk_logfile_term(uint64_t instance);
JETK_HIDDEN void jetk_logfile_atfork_child(void);

#endif /* JETK_USERLIB_INTERNAL_H */
