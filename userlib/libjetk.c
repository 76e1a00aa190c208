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
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/jetk.h>

#include "esent.h"

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
static JET_ERR jetk_ioctl(unsigned long cmd, void *arg)
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

static uint64_t jetk_ptr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static uint32_t jetk_strlen(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	/* Longer than any name the module takes: it says InvalidParameter. */
	return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
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

JET_ERR JET_API JetInit3A(JET_INSTANCE *pinstance, JET_RSTINFO_A *prstInfo,
			  JET_GRBIT grbit)
{
	struct jetk_init a;
	JET_ERR err;

	if (grbit > UINT32_MAX)
		return JET_errInvalidGrbit;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.instance = pinstance ? (uint64_t)*pinstance : 0;
	if (prstInfo && prstInfo->cbStruct != sizeof(*prstInfo))
		a.flags |= JETK_INIT_RSTINFO_INVALID;
	err = jetk_ioctl(JETK_IOC_INIT, &a);
	/* On failure the module freed the instance and says 0, as ESE. */
	if (pinstance && err != JET_errAlreadyInitialized)
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

JET_ERR JET_API JetTerm2(JET_INSTANCE instance, JET_GRBIT grbit)
{
	struct jetk_term a;

	if (grbit > UINT32_MAX)
		return JET_errInvalidGrbit;
	memset(&a, 0, sizeof(a));
	a.grbit = (uint32_t)grbit;
	a.instance = instance;
	return jetk_ioctl(JETK_IOC_TERM, &a);
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
	return jetk_ioctl(JETK_IOC_SET_PARAM, &a);
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
