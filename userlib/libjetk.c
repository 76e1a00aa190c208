// SPDX-License-Identifier: (GPL-2.0-only WITH Linux-syscall-note) OR MIT
/*
 * libjetk: the Jet API of esent.h over /dev/jetk.
 *
 * Each Jet call is exactly one ioctl.  Arguments that only userspace can
 * judge (a NULL out-pointer, the size of a caller's struct) are checked
 * here; everything the engine decides is decided by the module.
 *
 * The process's one file descriptor is opened on first use, O_CLOEXEC,
 * after a version handshake.  A forked child does not share its parent's
 * instances: it drops the inherited descriptor and opens its own.
 *
 * ESE's run mode (one-instance after a legacy JetInit, multi-instance after
 * JetCreateInstance or JetEnableMultiInstance) is the module's, per file and
 * so per process; the module also says which instance a call meant, and
 * libjetk files what it keeps per instance under that handle.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/jetk.h>

#include "dbfile.h"
#include "esent.h"
#include "libjetk-internal.h"

#define JETK_DEVICE	"/dev/jetk"

static pthread_mutex_t jetk_open_lock = PTHREAD_MUTEX_INITIALIZER;
static int jetk_fd = -1;	/* [jetk_open_lock] set once, then read-only */

static JET_ERR jetk_errno_to_jet(int e)
{
	switch (e) {
	case ENOMEM:
		return JET_errOutOfMemory;
	case EFAULT:
	case EINVAL:
		return JET_errInvalidParameter;
	case ENOENT:
	case ENODEV:
	case ENXIO:
		return JET_errFileNotFound;
	case EACCES:
	case EPERM:
		return JET_errAccessDenied;
	default:
		return JET_errInternalError;
	}
}

static void jetk_atfork_child(void)
{
	/* The child gets a namespace of its own on its first call. */
	if (jetk_fd >= 0)
		close(jetk_fd);
	jetk_fd = -1;
	pthread_mutex_init(&jetk_open_lock, NULL);
	jetk_logfile_atfork_child();
}

static JET_ERR jetk_open(int *fdp)
{
	static int atfork_done;
	struct jetk_api api;
	JET_ERR err = JET_errSuccess;
	int fd;

	pthread_mutex_lock(&jetk_open_lock);
	if (jetk_fd >= 0)
		goto out;
	if (!atfork_done) {
		pthread_atfork(NULL, NULL, jetk_atfork_child);
		atfork_done = 1;
	}
	fd = open(JETK_DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		err = jetk_errno_to_jet(errno);
		goto out;
	}
	memset(&api, 0, sizeof(api));
	api.abi_version = JETK_ABI_VERSION;
	if (ioctl(fd, JETK_IOC_API, &api) < 0) {
		err = JET_errInternalError;
		close(fd);
		goto out;
	}
	__atomic_store_n(&jetk_fd, fd, __ATOMIC_RELEASE);
out:
	*fdp = jetk_fd;
	pthread_mutex_unlock(&jetk_open_lock);
	return err;
}

/* Issue one ioctl; return the engine's status from the struct's err. */
JET_ERR jetk_ioctl(unsigned long cmd, void *arg)
{
	JET_ERR err;
	int fd, ret;

	fd = __atomic_load_n(&jetk_fd, __ATOMIC_ACQUIRE);
	if (fd < 0) {
		err = jetk_open(&fd);
		if (err)
			return err;
	}
	do {
		ret = ioctl(fd, cmd, arg);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0)
		return jetk_errno_to_jet(errno);
	return *(int32_t *)arg;
}

JET_ERR JET_API JetCreateInstance2A(JET_INSTANCE *pinstance,
				    JET_PCSTR szInstanceName,
				    JET_PCSTR szDisplayName, JET_GRBIT grbit)
{
	struct jetk_create_instance a;
	JET_ERR err;

	if (!pinstance)
		return JET_errInvalidParameter;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.name = jetk_ptr(szInstanceName);
	a.name_len = jetk_strlen(szInstanceName);
	a.display_name = jetk_ptr(szDisplayName);
	a.display_name_len = jetk_strlen(szDisplayName);
	if (grbit > UINT32_MAX)
		return JET_errInvalidGrbit;
	err = jetk_ioctl(JETK_IOC_CREATE_INSTANCE, &a);
	if (err >= 0)
		*pinstance = (JET_INSTANCE)a.instance;
	return err;
}

JET_ERR JET_API JetCreateInstanceA(JET_INSTANCE *pinstance,
				   JET_PCSTR szInstanceName)
{
	return JetCreateInstance2A(pinstance, szInstanceName, NULL, 0);
}

/*
 * In one-instance mode (no JetCreateInstance or JetEnableMultiInstance
 * first) *pinstance may hold anything: the module creates the instance
 * without looking at it.  As ESE, 0 and JET_instanceNil (both "create
 * one") read JET_instanceNil until the call stores a handle, and a failure
 * that freed the instance leaves 0.
 */
JET_ERR JET_API JetInit3A(JET_INSTANCE *pinstance, JET_RSTINFO_A *prstInfo,
			  JET_GRBIT grbit)
{
	struct jetk_init_db dbs[JETK_INIT_DBS_MAX];
	struct jetk_dbfile dfs[JETK_INIT_DBS_MAX];
	char *names[JETK_INIT_DBS_MAX];
	struct jetk_logclaim claim;
	unsigned int ndfs = 0;
	struct jetk_init a;
	uint64_t instance;
	JET_ERR err;

	if (grbit > UINT32_MAX)
		return JET_errInvalidGrbit;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	if (!pinstance) {
		a.flags |= JETK_INIT_NO_PINSTANCE;
	} else {
		if (!*pinstance)
			*pinstance = JET_instanceNil;
		a.instance = (uint64_t)*pinstance;
	}
	instance = a.instance;
	if (prstInfo && prstInfo->cbStruct != sizeof(*prstInfo))
		a.flags |= JETK_INIT_RSTINFO_INVALID;
	/* The log (and what recovery needs) go with the call. */
	err = jetk_logfile_open(instance, &a, dbs, dfs, &ndfs, names, &claim);
	if (err)
		return err;
	err = jetk_ioctl(JETK_IOC_INIT, &a);
	jetk_logfile_done(instance, err, a.instance, &claim, dfs, ndfs, names);
	/* The handle, 0 when a failure freed the instance, else as it was. */
	if (pinstance)
		*pinstance = (JET_INSTANCE)a.instance;
	return err;
}

JET_ERR JET_API JetInit2(JET_INSTANCE *pinstance, JET_GRBIT grbit)
{
	return JetInit3A(pinstance, NULL, grbit);
}

JET_ERR JET_API JetInit(JET_INSTANCE *pinstance)
{
	return JetInit3A(pinstance, NULL, 0);
}

static void jetk_db_forget_instance(uint64_t instance);
static void jetk_db_forget(uint64_t instance, const char *name,
			   uint64_t used_bytes);
static unsigned int jetk_db_names(uint64_t instance, bool all, char **names,
				  unsigned int max);

JET_ERR JET_API JetTerm2(JET_INSTANCE instance, JET_GRBIT grbit)
{
	struct jetk_term_db dbs[JETK_TERM_DBS_MAX];
	char *names[JETK_TERM_DBS_MAX];
	struct jetk_term a;
	unsigned int n, i;
	JET_ERR err;

	if (grbit > UINT32_MAX)
		return JET_errInvalidGrbit;
	/*
	 * The files of databases still attached: the term tells their size.
	 * 0 and JET_instanceNil name the one instance of one-instance mode,
	 * which has every database there is (elsewhere the call fails).
	 */
	n = jetk_db_names(instance, !instance || instance == JET_instanceNil,
			  names, JETK_TERM_DBS_MAX);
	memset(dbs, 0, sizeof(dbs));
	for (i = 0; i < n; i++) {
		dbs[i].name = jetk_ptr(names[i]);
		dbs[i].name_len = (uint32_t)strlen(names[i]);
	}
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.instance = instance;
	a.dbs = n ? jetk_ptr(dbs) : 0;
	a.ndbs = n;
	err = jetk_ioctl(JETK_IOC_TERM, &a);
	/*
	 * The module detached the databases: their files can be closed, and
	 * those detached cleanly cut to their size.  It says which instance
	 * it terminated.
	 */
	if (err >= 0 || err == JET_errDirtyShutdown) {
		instance = (JET_INSTANCE)a.instance;
		for (i = 0; i < n; i++)
			if (dbs[i].used_bytes)
				jetk_db_forget(instance, names[i],
					       dbs[i].used_bytes);
		jetk_db_forget_instance(instance);
		jetk_logfile_term(instance);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	return err;
}

JET_ERR JET_API JetTerm(JET_INSTANCE instance)
{
	/* ESE's JetTerm is JetTerm2 with JET_bitTermAbrupt. */
	return JetTerm2(instance, JET_bitTermAbrupt);
}

static JET_ERR jetk_stop(JET_INSTANCE instance, uint32_t variant,
			 JET_GRBIT grbit)
{
	struct jetk_stop_service a;

	if (grbit > UINT32_MAX)
		return JET_errInvalidGrbit;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.instance = instance;
	a.variant = variant;
	return jetk_ioctl(JETK_IOC_STOP_SERVICE, &a);
}

JET_ERR JET_API JetStopService(void)
{
	return jetk_stop(0, JETK_STOP_SERVICE, 0);
}

JET_ERR JET_API JetStopServiceInstance(JET_INSTANCE instance)
{
	return jetk_stop(instance, JETK_STOP_INSTANCE, 0);
}

JET_ERR JET_API JetStopServiceInstance2(JET_INSTANCE instance,
					const JET_GRBIT grbit)
{
	return jetk_stop(instance, JETK_STOP_INSTANCE2, grbit);
}

JET_ERR JET_API JetSetSystemParameterA(JET_INSTANCE *pinstance,
				       JET_SESID sesid, unsigned long paramid,
				       JET_API_PTR lParam, JET_PCSTR szParam)
{
	struct jetk_set_param a;
	JET_ERR err;

	if (paramid > UINT32_MAX)
		return JET_errInvalidParameter;
	memset(&a, 0, sizeof(a));
	a.paramid = (uint32_t)paramid;
	a.instance = pinstance ? (uint64_t)*pinstance : 0;
	a.sesid = sesid;
	a.value = lParam;
	if (szParam) {
		a.flags = JETK_PARAM_STRING;
		a.str = jetk_ptr(szParam);
		a.str_len = jetk_strlen(szParam);
	}
	err = jetk_ioctl(JETK_IOC_SET_PARAM, &a);
	/* JetInit needs to know where the log is (one ioctl per call). */
	if (err >= 0)
		jetk_logparams_set(a.target, paramid, (unsigned long)lParam,
				   szParam);
	return err;
}

JET_ERR JET_API JetEnableMultiInstanceA(JET_SETSYSPARAM_A *psetsysparam,
					unsigned long csetsysparam,
					unsigned long *pcsetsucceed)
{
	struct jetk_enable_multi_instance a;
	struct jetk_sysparam *ents = NULL;
	unsigned long i;
	JET_ERR err;

	if (pcsetsucceed)
		*pcsetsucceed = 0;
	if (csetsysparam && !psetsysparam)
		return JET_errInvalidParameter;
	if (csetsysparam > JETK_SYSPARAMS_MAX)
		return JET_errInvalidParameter;
	if (csetsysparam) {
		ents = calloc(csetsysparam, sizeof(*ents));
		if (!ents)
			return JET_errOutOfMemory;
	}
	for (i = 0; i < csetsysparam; i++) {
		const JET_SETSYSPARAM_A *p = &psetsysparam[i];

		/* An id no parameter has: the module says InvalidParameter. */
		ents[i].paramid = p->paramid > UINT32_MAX ? UINT32_MAX :
				  (uint32_t)p->paramid;
		ents[i].value = p->lParam;
		if (p->sz) {
			ents[i].flags = JETK_PARAM_STRING;
			ents[i].str = jetk_ptr(p->sz);
			ents[i].str_len = jetk_strlen(p->sz);
		}
	}
	memset(&a, 0, sizeof(a));
	a.nparams = (uint32_t)csetsysparam;
	a.params = jetk_ptr(ents);
	err = jetk_ioctl(JETK_IOC_ENABLE_MULTI_INSTANCE, &a);
	/*
	 * The entries the call reached: those that succeeded (now the
	 * process-wide values) and the one it stopped at.
	 */
	for (i = 0; i < csetsysparam && i <= a.nsucceeded; i++) {
		if (i == a.nsucceeded && !ents[i].err)
			break;
		psetsysparam[i].err = ents[i].err;
		if (i < a.nsucceeded)
			jetk_logparams_set(0, psetsysparam[i].paramid,
					   (unsigned long)psetsysparam[i].lParam,
					   psetsysparam[i].sz);
	}
	if (pcsetsucceed)
		*pcsetsucceed = a.nsucceeded;
	free(ents);
	return err;
}

JET_ERR JET_API JetGetSystemParameterA(JET_INSTANCE instance,
				       JET_SESID sesid, unsigned long paramid,
				       JET_API_PTR *plParam, JET_PSTR szParam,
				       unsigned long cbMax)
{
	struct jetk_get_param a;
	JET_ERR err;

	if (paramid > UINT32_MAX)
		return JET_errInvalidParameter;
	memset(&a, 0, sizeof(a));
	a.paramid = (uint32_t)paramid;
	a.instance = instance;
	a.sesid = sesid;
	if (szParam && cbMax) {
		a.str = jetk_ptr(szParam);
		a.str_len = cbMax > JETK_STRING_MAX + 1 ? JETK_STRING_MAX + 1 :
			    (uint32_t)cbMax;
	}
	err = jetk_ioctl(JETK_IOC_GET_PARAM, &a);
	if (err >= 0 && plParam)
		*plParam = (JET_API_PTR)a.value;
	return err;
}

JET_ERR JET_API JetBeginSessionA(JET_INSTANCE instance, JET_SESID *psesid,
				 JET_PCSTR szUserName, JET_PCSTR szPassword)
{
	struct jetk_begin_session a;
	JET_ERR err;

	(void)szUserName;	/* ESE ignores both */
	(void)szPassword;
	if (!psesid)
		return JET_errInvalidParameter;
	memset(&a, 0, sizeof(a));
	a.instance = instance;
	err = jetk_ioctl(JETK_IOC_BEGIN_SESSION, &a);
	if (err >= 0)
		*psesid = (JET_SESID)a.sesid;
	return err;
}

JET_ERR JET_API JetEndSession(JET_SESID sesid, JET_GRBIT grbit)
{
	struct jetk_end_session a;

	if (grbit > UINT32_MAX)
		return JET_errInvalidGrbit;
	memset(&a, 0, sizeof(a));
	a.sesid = sesid;
	a.grbit = (uint32_t)grbit;
	return jetk_ioctl(JETK_IOC_END_SESSION, &a);
}

JET_ERR JET_API JetSetSessionContext(JET_SESID sesid, JET_API_PTR ulContext)
{
	struct jetk_session_context a;

	memset(&a, 0, sizeof(a));
	a.sesid = sesid;
	a.context = ulContext;
	return jetk_ioctl(JETK_IOC_SET_SESSION_CONTEXT, &a);
}

JET_ERR JET_API JetResetSessionContext(JET_SESID sesid)
{
	struct jetk_session_context a;

	memset(&a, 0, sizeof(a));
	a.sesid = sesid;
	return jetk_ioctl(JETK_IOC_RESET_SESSION_CONTEXT, &a);
}

JET_ERR JET_API JetGetSessionInfo(JET_SESID sesid, void *pvResult,
				  const unsigned long cbMax,
				  const unsigned long ulInfoLevel)
{
	struct jetk_session_info a;
	JET_SESSIONINFO *info = pvResult;
	JET_ERR err;

	if (ulInfoLevel > UINT32_MAX)
		return JET_errInvalidParameter;
	memset(&a, 0, sizeof(a));
	a.sesid = sesid;
	a.info_level = (uint32_t)ulInfoLevel;
	err = jetk_ioctl(JETK_IOC_GET_SESSION_INFO, &a);
	if (err < 0)
		return err;
	/* The session is valid: now the caller's buffer is judged. */
	if (!info || cbMax < sizeof(*info))
		return JET_errBufferTooSmall;
	memset(info, 0, sizeof(*info));
	info->ulTrxBegin0 = a.trx_begin0;
	info->ulTrxLevel = a.trx_level;
	info->ulProcid = a.procid;
	info->ulFlags = a.flags;
	info->ulTrxContext = (JET_API_PTR)a.trx_context;
	return err;
}

/*
 * Databases.  libjetk opens each database file itself, with the caller's
 * credentials, and hands the module a block device (userlib/dbfile.c).
 * It remembers the files it opened so that a detach can trim a file to
 * the database's used size and close it.  Names are resolved to absolute
 * paths: the module finds databases by name.
 */
struct jetk_dbrec {
	struct jetk_dbrec *next;
	uint64_t instance;
	char *name;
	struct jetk_dbfile df;
};

static pthread_mutex_t jetk_db_lock = PTHREAD_MUTEX_INITIALIZER;
static struct jetk_dbrec *jetk_dbs;	/* [jetk_db_lock] */

/* The absolute name of @path; for a file to create, of its directory. */
static JET_ERR jetk_db_name(const char *path, bool create, char **out)
{
	char *dir, *base, *real;
	const char *slash;
	size_t n;

	*out = NULL;
	if (!path || !*path)
		return JET_errInvalidPath;
	real = realpath(path, NULL);
	if (real) {
		*out = real;
		return JET_errSuccess;
	}
	if (!create)
		return errno == ENOENT ? JET_errFileNotFound : JET_errInvalidPath;
	slash = strrchr(path, '/');
	dir = slash ? strndup(path, (size_t)(slash - path) + 1) : strdup(".");
	base = (char *)(slash ? slash + 1 : path);
	if (!dir)
		return JET_errOutOfMemory;
	real = realpath(dir, NULL);
	free(dir);
	if (!real)
		return JET_errInvalidPath;
	n = strlen(real) + 1 + strlen(base) + 1;
	*out = malloc(n);
	if (*out)
		snprintf(*out, n, "%s/%s", strcmp(real, "/") ? real : "", base);
	free(real);
	return *out ? JET_errSuccess : JET_errOutOfMemory;
}

/* Copies of the names of an instance's (or all) databases, at most @max. */
static unsigned int jetk_db_names(uint64_t instance, bool all, char **names,
				  unsigned int max)
{
	struct jetk_dbrec *r;
	unsigned int n = 0;

	pthread_mutex_lock(&jetk_db_lock);
	for (r = jetk_dbs; r && n < max; r = r->next) {
		if (!all && r->instance != instance)
			continue;
		names[n] = strdup(r->name);
		if (names[n])
			n++;
	}
	pthread_mutex_unlock(&jetk_db_lock);
	return n;
}

static void jetk_db_forget(uint64_t instance, const char *name,
			   uint64_t used_bytes)
{
	struct jetk_dbrec **pp, *r;

	pthread_mutex_lock(&jetk_db_lock);
	for (pp = &jetk_dbs; (r = *pp);) {
		if (r->instance != instance || (name && strcmp(r->name, name))) {
			pp = &r->next;
			continue;
		}
		*pp = r->next;
		jetk_dbfile_release(&r->df, name ? used_bytes : 0, NULL);
		free(r->name);
		free(r);
	}
	pthread_mutex_unlock(&jetk_db_lock);
}

static JET_ERR jetk_db_attach(JET_SESID sesid, const char *path,
			      unsigned long cpg_max, JET_DBID *pdbid,
			      JET_GRBIT grbit, bool create)
{
	struct jetk_attach_database a;
	struct jetk_dbrec *rec;
	char *name;
	JET_ERR err;

	if (grbit > UINT32_MAX || cpg_max > UINT32_MAX)
		return JET_errInvalidParameter;
	if (create && !pdbid)
		return JET_errInvalidParameter;
	err = jetk_db_name(path, create, &name);
	if (err)
		return err;
	rec = calloc(1, sizeof(*rec));
	if (!rec) {
		free(name);
		return JET_errOutOfMemory;
	}
	err = jetk_dbfile_open(name, !create ? JETK_DBFILE_ATTACH :
			       (grbit & JET_bitDbOverwriteExisting) ?
			       JETK_DBFILE_OVERWRITE : JETK_DBFILE_CREATE,
			       !create && (grbit & JET_bitDbReadOnly), &rec->df);
	if (err)
		goto fail;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.sesid = sesid;
	a.name = jetk_ptr(name);
	a.name_len = jetk_strlen(name);
	a.fd = rec->df.bdev_fd;
	a.max_pages = (uint32_t)cpg_max;
	a.flags = create ? JETK_ATTACH_CREATE : 0;
	err = jetk_ioctl(JETK_IOC_ATTACH_DATABASE, &a);
	/* The module holds its own claim now (or none): ours goes. */
	jetk_dbfile_put_bdev(&rec->df);
	if (err < 0 || err == JET_wrnDatabaseAttached) {
		jetk_dbfile_release(&rec->df, 0,
				    err < 0 && rec->df.created ? name : NULL);
		free(rec);
		free(name);
		return err;
	}
	if (create)
		*pdbid = a.dbid;
	rec->instance = a.instance;
	rec->name = name;
	pthread_mutex_lock(&jetk_db_lock);
	rec->next = jetk_dbs;
	jetk_dbs = rec;
	pthread_mutex_unlock(&jetk_db_lock);
	return err;
fail:
	free(rec);
	free(name);
	return err;
}

JET_ERR JET_API JetCreateDatabase2A(JET_SESID sesid, JET_PCSTR szFilename,
				    const unsigned long cpgDatabaseSizeMax,
				    JET_DBID *pdbid, JET_GRBIT grbit)
{
	return jetk_db_attach(sesid, szFilename, cpgDatabaseSizeMax, pdbid,
			      grbit, true);
}

JET_ERR JET_API JetCreateDatabaseA(JET_SESID sesid, JET_PCSTR szFilename,
				   JET_PCSTR szConnect, JET_DBID *pdbid,
				   JET_GRBIT grbit)
{
	(void)szConnect;	/* ESE ignores it */
	return jetk_db_attach(sesid, szFilename, 0, pdbid, grbit, true);
}

JET_ERR JET_API JetAttachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename,
				    const unsigned long cpgDatabaseSizeMax,
				    JET_GRBIT grbit)
{
	return jetk_db_attach(sesid, szFilename, cpgDatabaseSizeMax, NULL,
			      grbit, false);
}

JET_ERR JET_API JetAttachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename,
				   JET_GRBIT grbit)
{
	return jetk_db_attach(sesid, szFilename, 0, NULL, grbit, false);
}

JET_ERR JET_API JetDetachDatabase2A(JET_SESID sesid, JET_PCSTR szFilename,
				    JET_GRBIT grbit)
{
	struct jetk_detach_database a;
	char *name = NULL;
	JET_ERR err;

	if (grbit > UINT32_MAX)
		return JET_errInvalidGrbit;
	if (szFilename) {
		err = jetk_db_name(szFilename, false, &name);
		/* Not a file any more: the module still knows the name. */
		if (err == JET_errFileNotFound)
			return JET_errDatabaseNotFound;
		if (err)
			return err;
	}
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.sesid = sesid;
	a.name = jetk_ptr(name);
	a.name_len = jetk_strlen(name);
	err = jetk_ioctl(JETK_IOC_DETACH_DATABASE, &a);
	if (err >= 0)
		jetk_db_forget(a.instance, name, a.used_bytes);
	free(name);
	return err;
}

JET_ERR JET_API JetDetachDatabaseA(JET_SESID sesid, JET_PCSTR szFilename)
{
	return JetDetachDatabase2A(sesid, szFilename, 0);
}

JET_ERR JET_API JetOpenDatabaseA(JET_SESID sesid, JET_PCSTR szFilename,
				 JET_PCSTR szConnect, JET_DBID *pdbid,
				 JET_GRBIT grbit)
{
	struct jetk_open_database a;
	char *name;
	JET_ERR err;

	(void)szConnect;	/* ESE ignores it */
	if (!pdbid || grbit > UINT32_MAX)
		return JET_errInvalidParameter;
	err = jetk_db_name(szFilename, false, &name);
	if (err == JET_errFileNotFound)
		return JET_errDatabaseNotFound;
	if (err)
		return err;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.sesid = sesid;
	a.name = jetk_ptr(name);
	a.name_len = jetk_strlen(name);
	err = jetk_ioctl(JETK_IOC_OPEN_DATABASE, &a);
	if (err >= 0)
		*pdbid = a.dbid;
	free(name);
	return err;
}

JET_ERR JET_API JetCloseDatabase(JET_SESID sesid, JET_DBID dbid,
				 JET_GRBIT grbit)
{
	struct jetk_open_database a;

	if (grbit > UINT32_MAX)
		return JET_errInvalidGrbit;
	if (dbid > UINT32_MAX)
		return JET_errInvalidDatabaseId;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.sesid = sesid;
	a.dbid = (uint32_t)dbid;
	return jetk_ioctl(JETK_IOC_CLOSE_DATABASE, &a);
}

static void jetk_db_forget_instance(uint64_t instance)
{
	jetk_db_forget(instance, NULL, 0);
}
