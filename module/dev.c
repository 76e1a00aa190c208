// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/jetk: the file operations and the ioctl dispatcher.
 *
 * Each open file description is one ESE "process" (struct jetk_file).  The
 * dispatcher is table driven, as drm_ioctl(): the table row of a command
 * gives its handler and its policy (allowed after JetStopService, allowed
 * before the handshake).  The argument struct is copied in whole, checked
 * by the handler (padding, reserved fields, flags), and copied back.
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/nospec.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "database.h"
#include "defrag.h"
#include "jetk.h"
#include "wal.h"

/* Every argument struct is a multiple of 8 bytes, as the ABI promises. */
static_assert(sizeof(struct jetk_api) == 64);
static_assert(sizeof(struct jetk_create_instance) == 56);
static_assert(sizeof(struct jetk_init) == 40);
static_assert(sizeof(struct jetk_term) == 32);
static_assert(sizeof(struct jetk_stop_service) == 40);
static_assert(sizeof(struct jetk_set_param) == 64);
static_assert(sizeof(struct jetk_get_param) == 64);
static_assert(sizeof(struct jetk_sysparam) == 32);
static_assert(sizeof(struct jetk_enable_multi_instance) == 40);
static_assert(sizeof(struct jetk_begin_session) == 40);
static_assert(sizeof(struct jetk_end_session) == 32);
static_assert(sizeof(struct jetk_session_context) == 40);
static_assert(sizeof(struct jetk_session_info) == 56);
static_assert(sizeof(struct jetk_attach_database) == 72);
static_assert(sizeof(struct jetk_detach_database) == 64);
static_assert(sizeof(struct jetk_open_database) == 48);
static_assert(sizeof(struct jetk_defragment) == 72);
static_assert(sizeof(struct jetk_column_create) == 56);
static_assert(sizeof(struct jetk_index_create) == 40);
static_assert(sizeof(struct jetk_create_table) == 96);
static_assert(sizeof(struct jetk_open_table) == 56);
static_assert(sizeof(struct jetk_cursor_op) == 48);
static_assert(sizeof(struct jetk_column_change) == 112);
static_assert(sizeof(struct jetk_setcolumn) == 32);
static_assert(sizeof(struct jetk_retcolumn) == 48);
static_assert(sizeof(struct jetk_columns) == 56);
static_assert(sizeof(struct jetk_update) == 56);
static_assert(sizeof(struct jetk_make_key) == 56);
static_assert(sizeof(struct jetk_info) == 88);
static_assert(sizeof(struct jetk_create_index) == 56);
static_assert(sizeof(struct jetk_term_db) == 24);
static_assert(sizeof(struct jetk_column_info) == 168);
static_assert(sizeof(struct jetk_table_info) == 112);
static_assert(sizeof(struct jetk_database_info) == 336);

/* Largest argument struct; the copy lives on the stack. */
#define JETK_ARG_MAX	128

/**
 * jetk_is_zero() - are these bytes all zero
 * @p: the bytes
 * @n: how many
 *
 * Return: true when they are.
 */
bool jetk_is_zero(const void *p, size_t n)
{
	return !memchr_inv(p, 0, n);
}

/**
 * jetk_copy_string() - copy a string argument given by pointer and length
 * @uptr: user pointer (0: no string; then @len must be 0)
 * @len: its length, no NUL
 * @max: the longest allowed
 * @out: out: a NUL terminated kmalloc'ed copy, or NULL
 * @errp: out: JET_errInvalidParameter for a string too long or holding a
 *	NUL (the caller's mistake in ESE's terms)
 *
 * Return: 0, or -EFAULT / -ENOMEM / -EINVAL (transport faults).
 */
int jetk_copy_string(u64 uptr, u32 len, u32 max, char **out, int *errp)
{
	char *s;

	*out = NULL;
	if (!uptr)
		return len ? -EINVAL : 0;
	if (len > max) {
		*errp = JETK_ERR_INVALID_PARAMETER;
		return 0;
	}
	s = memdup_user_nul(u64_to_user_ptr(uptr), len);
	if (IS_ERR(s))
		return PTR_ERR(s);
	if (strlen(s) != len) {
		kfree(s);
		*errp = JETK_ERR_INVALID_PARAMETER;
		return 0;
	}
	*out = s;
	return 0;
}

static int jetk_ioc_api(struct jetk_call *call, void *arg)
{
	struct jetk_api *a = arg;
	u32 want_version = a->abi_version;
	u64 want_features = a->features;
	bool bad = a->flags || !JETK_RESERVED_ZERO(a);
	unsigned int nr;

	memset(a, 0, sizeof(*a));
	a->abi_version = JETK_ABI_VERSION;
	a->features = JETK_FEATURES_ALL;
	for (nr = 0; nr < jetk_ioctl_count(); nr++)
		if (jetk_ioctl_desc(nr))
			a->ioctls[nr / 64] |= 1ULL << (nr % 64);
	if (bad || want_version != JETK_ABI_VERSION ||
	    (want_features & ~JETK_FEATURES_ALL))
		return -EINVAL;
	/* Pairs with the acquire in jetk_ioctl(): handshake before use. */
	smp_store_release(&call->jf->api_done, true);
	return 0;
}

static int jetk_ioc_create_instance(struct jetk_call *call, void *arg)
{
	struct jetk_create_instance *a = arg;
	char *name, *display = NULL;
	int ret, err = 0;

	if (!JETK_RESERVED_ZERO(a) || a->instance)
		return -EINVAL;
	ret = jetk_copy_string(a->name, a->name_len, JETK_NAME_MAX, &name,
			       &err);
	if (ret)
		return ret;
	if (!err)
		ret = jetk_copy_string(a->display_name, a->display_name_len,
				       JETK_NAME_MAX, &display, &err);
	if (ret)
		goto out_free;
	if (!err && a->grbit)
		err = JETK_ERR_INVALID_GRBIT;
	if (!err)
		err = jetk_instance_create(call->jf, name, display,
					   &a->instance);
	a->err = err;
out_free:
	kfree(display);
	kfree(name);
	return ret;
}

static int jetk_ioc_init(struct jetk_call *call, void *arg)
{
	struct jetk_init *a = arg;
	struct jetk_init_db dbs[JETK_INIT_DBS_MAX];
	struct jetk_wal_rdb rdbs[JETK_INIT_DBS_MAX] = {};
	struct file *logf = NULL;
	unsigned int i, n = 0;
	int ret = 0, err = 0;

	if (a->flags & ~JETK_INIT_VALID_FLAGS)
		return -EINVAL;
	if (!(a->flags & JETK_INIT_LOG) && (a->log_fd || a->ndbs || a->dbs))
		return -EINVAL;
	if (a->log_err > 0 || a->log_err < -JETK_ERR_MAGNITUDE_MAX ||
	    (a->log_err && (a->flags & JETK_INIT_LOG)))
		return -EINVAL;
	if (a->ndbs > JETK_INIT_DBS_MAX || (a->ndbs && !a->dbs))
		return -EINVAL;
	if (a->ndbs && copy_from_user(dbs, u64_to_user_ptr(a->dbs),
				      a->ndbs * sizeof(dbs[0])))
		return -EFAULT;
	for (i = 0; i < a->ndbs; i++)
		if (dbs[i].pad || dbs[i].fd < -1)
			return -EINVAL;
	if (a->flags & JETK_INIT_LOG) {
		logf = fget(a->log_fd);
		if (!logf)
			return -EBADF;
	}
	for (n = 0; n < a->ndbs && !ret && !err; n++) {
		rdbs[n].id = dbs[n].id;
		ret = jetk_copy_string(dbs[n].name, dbs[n].name_len,
				       JETK_STRING_MAX, &rdbs[n].name, &err);
		if (!ret && !err && dbs[n].fd >= 0) {
			rdbs[n].file = fget(dbs[n].fd);
			if (!rdbs[n].file)
				ret = -EBADF;
		}
	}
	if (ret || err) {
		a->err = err;
		goto out;
	}
	a->err = jetk_instance_init_log(call->jf, &a->instance, a->grbit,
					a->flags, logf, a->log_err, rdbs,
					a->ndbs);
out:
	for (i = 0; i < n; i++) {
		if (rdbs[i].file)
			fput(rdbs[i].file);
		kfree(rdbs[i].name);
	}
	if (logf)
		fput(logf);
	return ret;
}

static int jetk_ioc_term(struct jetk_call *call, void *arg)
{
	struct jetk_term *a = arg;
	struct jetk_term_db dbs[JETK_TERM_DBS_MAX];
	struct jetk_term_report rep = {};
	unsigned int i;
	int ret = 0, err = 0;

	if (a->pad || a->ndbs > JETK_TERM_DBS_MAX || (a->ndbs && !a->dbs))
		return -EINVAL;
	if (a->ndbs && copy_from_user(dbs, u64_to_user_ptr(a->dbs),
				      a->ndbs * sizeof(dbs[0])))
		return -EFAULT;
	for (i = 0; i < a->ndbs && !ret && !err; i++) {
		if (dbs[i].pad || dbs[i].used_bytes)
			ret = -EINVAL;
		else
			ret = jetk_copy_string(dbs[i].name, dbs[i].name_len,
					       JETK_STRING_MAX, &rep.names[i],
					       &err);
		rep.n = i + 1;
	}
	if (ret || err) {
		a->err = err;
		goto out;
	}
	err = jetk_instance_term_report(call->jf, a->instance, a->grbit,
					&rep);
	if (err == -EINTR) {
		ret = err;
		goto out;
	}
	a->err = err;
	if (rep.handle)
		a->instance = rep.handle;
	for (i = 0; i < a->ndbs; i++)
		dbs[i].used_bytes = rep.used[i];
	if (a->ndbs && copy_to_user(u64_to_user_ptr(a->dbs), dbs,
				    a->ndbs * sizeof(dbs[0])))
		ret = -EFAULT;
out:
	for (i = 0; i < rep.n; i++)
		kfree(rep.names[i]);
	return ret;
}

static int jetk_ioc_stop_service(struct jetk_call *call, void *arg)
{
	struct jetk_stop_service *a = arg;

	if (!JETK_RESERVED_ZERO(a) || a->pad || a->variant > JETK_STOP_SERVICE)
		return -EINVAL;
	/* The one-argument and no-argument calls have no grbit to carry. */
	if (a->variant != JETK_STOP_INSTANCE2 && a->grbit)
		return -EINVAL;
	if (a->variant == JETK_STOP_SERVICE && a->instance)
		return -EINVAL;
	a->err = jetk_stop_service(call->jf, a->instance, a->variant,
				   a->grbit);
	return 0;
}

static int jetk_ioc_set_param(struct jetk_call *call, void *arg)
{
	struct jetk_set_param *a = arg;
	char *str = NULL;
	int ret, err = 0;

	if (a->reserved || a->target || (a->flags & ~JETK_PARAM_VALID_FLAGS))
		return -EINVAL;
	if (a->flags & JETK_PARAM_STRING) {
		if (!a->str && a->str_len)
			return -EINVAL;
		ret = jetk_copy_string(a->str ? a->str : 0, a->str_len,
				       JETK_STRING_MAX, &str, &err);
		if (ret)
			return ret;
		/* An empty string from a valid pointer: no copy needed. */
		if (!err && !str) {
			str = kstrdup("", GFP_KERNEL);
			if (!str)
				return -ENOMEM;
		}
	} else if (a->str || a->str_len) {
		return -EINVAL;
	}
	if (!err)
		err = jetk_param_set_target(call->jf, a->instance, a->sesid,
					    a->paramid, a->value, str,
					    str ? strlen(str) : 0, &a->target);
	a->err = err;
	kfree(str);
	return 0;
}

/* Copy one JetEnableMultiInstance entry's value in; 0 or a transport fault. */
static int jetk_sysparam_copy(const struct jetk_sysparam *e,
			      struct jetk_param_req *r)
{
	int ret;

	if (e->err || (e->flags & ~JETK_PARAM_VALID_FLAGS))
		return -EINVAL;
	r->id = e->paramid;
	r->value = e->value;
	if (!(e->flags & JETK_PARAM_STRING))
		return e->str || e->str_len ? -EINVAL : 0;
	if (!e->str && e->str_len)
		return -EINVAL;
	ret = jetk_copy_string(e->str, e->str_len, JETK_STRING_MAX, &r->str,
			       &r->err);
	if (ret || r->err)
		return ret;
	/* An empty string from a valid pointer. */
	if (!r->str)
		r->str = kstrdup("", GFP_KERNEL);
	if (!r->str)
		return -ENOMEM;
	r->len = strlen(r->str);
	return 0;
}

static int jetk_ioc_enable_multi_instance(struct jetk_call *call, void *arg)
{
	struct jetk_enable_multi_instance *a = arg;
	struct jetk_param_req *reqs = NULL;
	struct jetk_sysparam *ents = NULL;
	unsigned int i, n = a->nparams;
	size_t size;
	int ret = 0;

	if (!JETK_RESERVED_ZERO(a) || a->pad || a->nsucceeded ||
	    n > JETK_SYSPARAMS_MAX || (n && !a->params) || (!n && a->params))
		return -EINVAL;
	size = n * sizeof(*ents);
	if (n) {
		ents = kvmalloc_array(n, sizeof(*ents), GFP_KERNEL);
		reqs = kvcalloc(n, sizeof(*reqs), GFP_KERNEL);
		if (!ents || !reqs) {
			ret = -ENOMEM;
			goto out_free;
		}
		if (copy_from_user(ents, u64_to_user_ptr(a->params), size)) {
			ret = -EFAULT;
			goto out_free;
		}
	}
	for (i = 0; i < n && !ret; i++)
		ret = jetk_sysparam_copy(&ents[i], &reqs[i]);
	if (ret)
		goto out_strings;
	a->err = jetk_param_enable_multi(call->jf, reqs, n, &a->nsucceeded);
	for (i = 0; i < n; i++)
		ents[i].err = reqs[i].err;
	if (n && copy_to_user(u64_to_user_ptr(a->params), ents, size))
		ret = -EFAULT;
out_strings:
	for (i = 0; i < n; i++)
		kfree(reqs[i].str);
out_free:
	kvfree(reqs);
	kvfree(ents);
	return ret;
}

static int jetk_ioc_get_param(struct jetk_call *call, void *arg)
{
	struct jetk_get_param *a = arg;
	size_t len = a->str_len, actual = 0;
	char *buf = NULL;
	u64 value = 0;
	int ret = 0;

	if (!JETK_RESERVED_ZERO(a) || a->value || a->str_actual)
		return -EINVAL;
	if (len > JETK_STRING_MAX + 1 || (!a->str && len))
		return -EINVAL;
	if (a->str) {
		buf = kzalloc(len + 1, GFP_KERNEL_ACCOUNT);
		if (!buf)
			return -ENOMEM;
	}
	a->err = jetk_param_get(call->jf, a->instance, a->sesid, a->paramid,
				&value, buf, len, &actual);
	a->value = value;
	a->str_actual = actual;
	if (buf && !a->err && actual &&
	    copy_to_user(u64_to_user_ptr(a->str), buf, actual))
		ret = -EFAULT;
	kfree(buf);
	return ret;
}

static int jetk_ioc_begin_session(struct jetk_call *call, void *arg)
{
	struct jetk_begin_session *a = arg;

	if (!JETK_RESERVED_ZERO(a) || a->pad || a->sesid)
		return -EINVAL;
	a->err = jetk_call_enter_instance(call, a->instance);
	if (a->err)
		return 0;
	a->err = jetk_session_begin(call, &a->sesid);
	jetk_call_exit(call);
	return 0;
}

static int jetk_ioc_end_session(struct jetk_call *call, void *arg)
{
	struct jetk_end_session *a = arg;

	if (!JETK_RESERVED_ZERO(a))
		return -EINVAL;
	a->err = jetk_call_enter_session(call, a->sesid);
	if (a->err)
		return 0;
	a->err = jetk_session_end(call, a->grbit);
	jetk_call_exit(call);
	return 0;
}

static int jetk_ioc_set_session_context(struct jetk_call *call, void *arg)
{
	struct jetk_session_context *a = arg;

	if (!JETK_RESERVED_ZERO(a) || a->pad)
		return -EINVAL;
	a->err = jetk_call_enter_session(call, a->sesid);
	if (a->err)
		return 0;
	a->err = jetk_session_set_context(call, a->context);
	jetk_call_exit(call);
	return 0;
}

static int jetk_ioc_reset_session_context(struct jetk_call *call, void *arg)
{
	struct jetk_session_context *a = arg;

	if (!JETK_RESERVED_ZERO(a) || a->pad || a->context)
		return -EINVAL;
	a->err = jetk_call_enter_session(call, a->sesid);
	if (a->err)
		return 0;
	a->err = jetk_session_reset_context(call);
	jetk_call_exit(call);
	return 0;
}

static int jetk_ioc_get_session_info(struct jetk_call *call, void *arg)
{
	struct jetk_session_info *a = arg;
	struct jetk_session *ses;

	if (!JETK_RESERVED_ZERO(a) || a->trx_begin0 || a->trx_level ||
	    a->procid || a->flags || a->trx_context)
		return -EINVAL;
	a->err = jetk_call_enter_session(call, a->sesid);
	if (a->err)
		return 0;
	ses = call->ses;
	if (a->info_level != 0) {
		a->err = JETK_ERR_INVALID_PARAMETER;
	} else {
		a->procid = ses->procid;
		a->trx_level = ses->level;
		a->trx_begin0 = ses->trx ? ses->trx->snap.begin0 : 0;
		a->trx_context = ses->context;
	}
	jetk_call_exit(call);
	return 0;
}

static int jetk_ioc_attach_database(struct jetk_call *call, void *arg)
{
	struct jetk_attach_database *a = arg;
	bool create = a->flags & JETK_ATTACH_CREATE;
	char *name;
	struct file *f;
	int ret, err = 0;

	if (!JETK_RESERVED_ZERO(a) || a->pad || a->dbid || a->instance ||
	    (a->flags & ~JETK_ATTACH_VALID_FLAGS) || !a->name)
		return -EINVAL;
	ret = jetk_copy_string(a->name, a->name_len, JETK_STRING_MAX, &name,
			       &err);
	if (ret || err) {
		a->err = err;
		return ret;
	}
	f = fget(a->fd);
	if (!f) {
		kfree(name);
		return -EBADF;
	}
	a->err = jetk_call_enter_session(call, a->sesid);
	if (a->err)
		goto out;
	a->instance = call->inst->handle;
	a->err = jetk_database_attach(call->inst, f, name, create, a->grbit,
				      a->max_pages, &a->dbid);
	/* JetCreateDatabase leaves the new database open in the session. */
	if (create && !a->err)
		a->err = jetk_database_open(call->ses, name, 0, &a->dbid);
	jetk_call_exit(call);
out:
	fput(f);
	kfree(name);
	return 0;
}

static int jetk_ioc_detach_database(struct jetk_call *call, void *arg)
{
	struct jetk_detach_database *a = arg;
	char *name = NULL;
	int ret, err = 0;

	if (!JETK_RESERVED_ZERO(a) || a->pad || a->used_bytes || a->instance)
		return -EINVAL;
	ret = jetk_copy_string(a->name, a->name_len, JETK_STRING_MAX, &name,
			       &err);
	if (ret || err) {
		a->err = err;
		return ret;
	}
	a->err = jetk_call_enter_session(call, a->sesid);
	if (!a->err) {
		a->instance = call->inst->handle;
		/* JET_bitForceDetach: ESE itself refuses it. */
		if (a->grbit & ~0x3U)
			a->err = JETK_ERR_INVALID_GRBIT;
		else
			a->err = jetk_database_detach(call->inst, name,
						      &a->used_bytes);
		jetk_call_exit(call);
	}
	kfree(name);
	return 0;
}

static int jetk_ioc_open_database(struct jetk_call *call, void *arg)
{
	struct jetk_open_database *a = arg;
	char *name;
	int ret, err = 0;

	if (!JETK_RESERVED_ZERO(a) || a->dbid || !a->name)
		return -EINVAL;
	ret = jetk_copy_string(a->name, a->name_len, JETK_STRING_MAX, &name,
			       &err);
	if (ret || err) {
		a->err = err;
		return ret;
	}
	a->err = jetk_call_enter_session(call, a->sesid);
	if (!a->err) {
		a->err = jetk_database_open(call->ses, name, a->grbit, &a->dbid);
		jetk_call_exit(call);
	}
	kfree(name);
	return 0;
}

static int jetk_ioc_close_database(struct jetk_call *call, void *arg)
{
	struct jetk_open_database *a = arg;

	if (!JETK_RESERVED_ZERO(a) || a->name || a->name_len)
		return -EINVAL;
	a->err = jetk_call_enter_session(call, a->sesid);
	if (a->err)
		return 0;
	a->err = a->grbit ? JETK_ERR_INVALID_GRBIT :
		 jetk_database_close(call->ses, a->dbid);
	jetk_call_exit(call);
	return 0;
}

#define JETK_IOCTL(_nr, _cmd, _fn, _flags, _jet)			\
	[_nr] = { .cmd = _cmd, .fn = _fn, .flags = _flags, .jet_name = _jet }

static const struct jetk_ioctl_desc jetk_ioctls[] = {
	JETK_IOCTL(_JETK_NR_API, JETK_IOC_API, jetk_ioc_api,
		   JETK_IOCF_PRE_API | JETK_IOCF_STOP_EXEMPT, "(handshake)"),
	JETK_IOCTL(_JETK_NR_CREATE_INSTANCE, JETK_IOC_CREATE_INSTANCE,
		   jetk_ioc_create_instance, 0, "JetCreateInstance"),
	JETK_IOCTL(_JETK_NR_INIT, JETK_IOC_INIT, jetk_ioc_init, 0, "JetInit"),
	JETK_IOCTL(_JETK_NR_TERM, JETK_IOC_TERM, jetk_ioc_term,
		   JETK_IOCF_STOP_EXEMPT, "JetTerm"),
	JETK_IOCTL(_JETK_NR_STOP_SERVICE, JETK_IOC_STOP_SERVICE,
		   jetk_ioc_stop_service, JETK_IOCF_STOP_EXEMPT,
		   "JetStopServiceInstance"),
	JETK_IOCTL(_JETK_NR_SET_PARAM, JETK_IOC_SET_PARAM, jetk_ioc_set_param,
		   JETK_IOCF_STOP_EXEMPT, "JetSetSystemParameter"),
	JETK_IOCTL(_JETK_NR_GET_PARAM, JETK_IOC_GET_PARAM, jetk_ioc_get_param,
		   JETK_IOCF_STOP_EXEMPT, "JetGetSystemParameter"),
	JETK_IOCTL(_JETK_NR_ENABLE_MULTI_INSTANCE,
		   JETK_IOC_ENABLE_MULTI_INSTANCE,
		   jetk_ioc_enable_multi_instance, 0, "JetEnableMultiInstance"),
	JETK_IOCTL(_JETK_NR_BEGIN_SESSION, JETK_IOC_BEGIN_SESSION,
		   jetk_ioc_begin_session, 0, "JetBeginSession"),
	JETK_IOCTL(_JETK_NR_END_SESSION, JETK_IOC_END_SESSION,
		   jetk_ioc_end_session, JETK_IOCF_STOP_EXEMPT | JETK_IOCF_NO_OP,
		   "JetEndSession"),
	JETK_IOCTL(_JETK_NR_SET_SESSION_CONTEXT, JETK_IOC_SET_SESSION_CONTEXT,
		   jetk_ioc_set_session_context, 0, "JetSetSessionContext"),
	JETK_IOCTL(_JETK_NR_RESET_SESSION_CONTEXT,
		   JETK_IOC_RESET_SESSION_CONTEXT,
		   jetk_ioc_reset_session_context, JETK_IOCF_STOP_EXEMPT,
		   "JetResetSessionContext"),
	JETK_IOCTL(_JETK_NR_GET_SESSION_INFO, JETK_IOC_GET_SESSION_INFO,
		   jetk_ioc_get_session_info, JETK_IOCF_STOP_EXEMPT,
		   "JetGetSessionInfo"),
	JETK_IOCTL(_JETK_NR_ATTACH_DATABASE, JETK_IOC_ATTACH_DATABASE,
		   jetk_ioc_attach_database, JETK_IOCF_NO_OP,
		   "JetAttachDatabase"),
	JETK_IOCTL(_JETK_NR_DETACH_DATABASE, JETK_IOC_DETACH_DATABASE,
		   jetk_ioc_detach_database,
		   JETK_IOCF_STOP_EXEMPT | JETK_IOCF_NO_OP,
		   "JetDetachDatabase"),
	JETK_IOCTL(_JETK_NR_OPEN_DATABASE, JETK_IOC_OPEN_DATABASE,
		   jetk_ioc_open_database, 0, "JetOpenDatabase"),
	JETK_IOCTL(_JETK_NR_CLOSE_DATABASE, JETK_IOC_CLOSE_DATABASE,
		   jetk_ioc_close_database, JETK_IOCF_STOP_EXEMPT,
		   "JetCloseDatabase"),
	/* Its work item changes pages under the op; BatchStop waits for it. */
	JETK_IOCTL(_JETK_NR_DEFRAGMENT, JETK_IOC_DEFRAGMENT,
		   jetk_ioc_defragment, JETK_IOCF_NO_OP,
		   "JetDefragment, JetDefragment2, JetDefragment3"),
	JETK_IOCTL(_JETK_NR_CREATE_TABLE, JETK_IOC_CREATE_TABLE,
		   jetk_ioc_create_table, JETK_IOCF_LOGS,
		   "JetCreateTable, JetCreateTableColumnIndex"),
	JETK_IOCTL(_JETK_NR_OPEN_TABLE, JETK_IOC_OPEN_TABLE,
		   jetk_ioc_open_table, 0, "JetOpenTable"),
	JETK_IOCTL(_JETK_NR_CLOSE_TABLE, JETK_IOC_CLOSE_TABLE,
		   jetk_ioc_close_table, JETK_IOCF_STOP_EXEMPT,
		   "JetCloseTable"),
	JETK_IOCTL(_JETK_NR_DELETE_TABLE, JETK_IOC_DELETE_TABLE,
		   jetk_ioc_delete_table, JETK_IOCF_LOGS, "JetDeleteTable"),
	JETK_IOCTL(_JETK_NR_COLUMN_CHANGE, JETK_IOC_COLUMN_CHANGE,
		   jetk_ioc_column_change, JETK_IOCF_LOGS,
		   "JetAddColumn, JetDeleteColumn"),
	JETK_IOCTL(_JETK_NR_GET_INFO, JETK_IOC_GET_INFO, jetk_ioc_get_info, 0,
		   "JetGetTableColumnInfo, JetGetColumnInfo, JetGetTableInfo, JetGetDatabaseInfo"),
	JETK_IOCTL(_JETK_NR_CREATE_INDEX, JETK_IOC_CREATE_INDEX,
		   jetk_ioc_create_index, JETK_IOCF_LOGS, "JetCreateIndex"),
	JETK_IOCTL(_JETK_NR_PREPARE_UPDATE, JETK_IOC_PREPARE_UPDATE,
		   jetk_ioc_prepare_update, 0, "JetPrepareUpdate"),
	JETK_IOCTL(_JETK_NR_SET_COLUMNS, JETK_IOC_SET_COLUMNS,
		   jetk_ioc_set_columns, 0, "JetSetColumn, JetSetColumns"),
	JETK_IOCTL(_JETK_NR_UPDATE, JETK_IOC_UPDATE, jetk_ioc_update,
		   JETK_IOCF_LOGS, "JetUpdate"),
	JETK_IOCTL(_JETK_NR_DELETE, JETK_IOC_DELETE, jetk_ioc_delete,
		   JETK_IOCF_LOGS, "JetDelete"),
	JETK_IOCTL(_JETK_NR_RETRIEVE_COLUMNS, JETK_IOC_RETRIEVE_COLUMNS,
		   jetk_ioc_retrieve_columns, 0,
		   "JetRetrieveColumn, JetRetrieveColumns"),
	JETK_IOCTL(_JETK_NR_MOVE, JETK_IOC_MOVE, jetk_ioc_move, 0, "JetMove"),
	JETK_IOCTL(_JETK_NR_MAKE_KEY, JETK_IOC_MAKE_KEY, jetk_ioc_make_key, 0,
		   "JetMakeKey"),
	JETK_IOCTL(_JETK_NR_SEEK, JETK_IOC_SEEK, jetk_ioc_seek, 0, "JetSeek"),
	JETK_IOCTL(_JETK_NR_INDEX_RECORD_COUNT, JETK_IOC_INDEX_RECORD_COUNT,
		   jetk_ioc_index_record_count, 0, "JetIndexRecordCount"),
	JETK_IOCTL(_JETK_NR_BEGIN_TRANSACTION, JETK_IOC_BEGIN_TRANSACTION,
		   jetk_ioc_begin_transaction, 0,
		   "JetBeginTransaction, JetBeginTransaction2, JetBeginTransaction3"),
	JETK_IOCTL(_JETK_NR_COMMIT_TRANSACTION, JETK_IOC_COMMIT_TRANSACTION,
		   jetk_ioc_commit_transaction, 0,
		   "JetCommitTransaction, JetCommitTransaction2"),
	JETK_IOCTL(_JETK_NR_ROLLBACK, JETK_IOC_ROLLBACK, jetk_ioc_rollback,
		   JETK_IOCF_STOP_EXEMPT, "JetRollback"),
	JETK_IOCTL(_JETK_NR_ESCROW_UPDATE, JETK_IOC_ESCROW_UPDATE,
		   jetk_ioc_escrow_update, JETK_IOCF_LOGS, "JetEscrowUpdate"),
	JETK_IOCTL(_JETK_NR_GET_LOCK, JETK_IOC_GET_LOCK, jetk_ioc_get_lock, 0,
		   "JetGetLock"),
	JETK_IOCTL(_JETK_NR_IDLE, JETK_IOC_IDLE, jetk_ioc_idle, JETK_IOCF_NO_OP,
		   "JetIdle"),
};

/**
 * jetk_ioctl_count() - number of rows in the ioctl table
 *
 * Return: one more than the highest command number.
 */
unsigned int jetk_ioctl_count(void)
{
	return ARRAY_SIZE(jetk_ioctls);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ioctl_count);

/**
 * jetk_ioctl_desc() - the table row of a command number
 * @nr: _IOC_NR() of the command
 *
 * Return: the row, or NULL when no command has this number.
 */
const struct jetk_ioctl_desc *jetk_ioctl_desc(unsigned int nr)
{
	if (nr >= ARRAY_SIZE(jetk_ioctls) || !jetk_ioctls[nr].fn)
		return NULL;
	return &jetk_ioctls[array_index_nospec(nr, ARRAY_SIZE(jetk_ioctls))];
}
EXPORT_SYMBOL_IF_KUNIT(jetk_ioctl_desc);

static long jetk_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct jetk_call call = { .jf = file->private_data };
	void __user *uarg = (void __user *)arg;
	u64 kbuf[JETK_ARG_MAX / sizeof(u64)];
	unsigned int size = _IOC_SIZE(cmd);
	bool ready;
	int ret;

	if (_IOC_TYPE(cmd) != JETK_IOC_MAGIC)
		return -ENOTTY;
	call.desc = jetk_ioctl_desc(_IOC_NR(cmd));
	if (!call.desc || call.desc->cmd != cmd)
		return -ENOTTY;
	if (WARN_ON_ONCE(size > sizeof(kbuf)))
		return -ENOTTY;
	/* Pairs with the release in jetk_ioc_api(). */
	ready = smp_load_acquire(&call.jf->api_done);
	if (!ready && !(call.desc->flags & JETK_IOCF_PRE_API))
		return -EINVAL;
	if (copy_from_user(kbuf, uarg, size))
		return -EFAULT;
	/* The err field is output only; a caller that sets it is confused. */
	if (!(call.desc->flags & JETK_IOCF_PRE_API) && *(s32 *)kbuf)
		return -EINVAL;

	ret = call.desc->fn(&call, kbuf);
	if (WARN_ON_ONCE(call.inst || call.ses))
		jetk_call_exit(&call);
	if (ret && !(call.desc->flags & JETK_IOCF_PRE_API))
		return ret;
	if (copy_to_user(uarg, kbuf, size))
		return -EFAULT;
	return ret;
}

/**
 * jetk_file_alloc() - a new, empty ESE "process"
 *
 * Return: the file state, or NULL when out of memory.
 */
struct jetk_file *jetk_file_alloc(void)
{
	struct jetk_file *jf;

	jf = kzalloc(sizeof(*jf), GFP_KERNEL_ACCOUNT);
	if (!jf)
		return NULL;
	if (jetk_params_init(&jf->globals)) {
		kfree(jf);
		return NULL;
	}
	mutex_init(&jf->lock);
	INIT_LIST_HEAD(&jf->instance_list);
	xa_init(&jf->instances);
	xa_init_flags(&jf->sessions, XA_FLAGS_ALLOC1);
	return jf;
}
EXPORT_SYMBOL_IF_KUNIT(jetk_file_alloc);

/**
 * jetk_file_free() - terminate everything a file created, then free it
 * @jf: the file state; no call may be running on it
 */
void jetk_file_free(struct jetk_file *jf)
{
	jetk_instance_term_all(jf);
	WARN_ON_ONCE(!xa_empty(&jf->instances) || !xa_empty(&jf->sessions));
	xa_destroy(&jf->instances);
	xa_destroy(&jf->sessions);
	jetk_params_free(&jf->globals);
	mutex_destroy(&jf->lock);
	kfree(jf);
}
EXPORT_SYMBOL_IF_KUNIT(jetk_file_free);

static int jetk_open(struct inode *inode, struct file *file)
{
	struct jetk_file *jf = jetk_file_alloc();

	if (!jf)
		return -ENOMEM;
	file->private_data = jf;
	return nonseekable_open(inode, file);
}

static int jetk_release(struct inode *inode, struct file *file)
{
	jetk_file_free(file->private_data);
	return 0;
}

static const struct file_operations jetk_fops = {
	.owner = THIS_MODULE,
	.open = jetk_open,
	.release = jetk_release,
	.unlocked_ioctl = jetk_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

struct miscdevice jetk_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "jetk",
	.fops = &jetk_fops,
	.mode = 0666,
};
