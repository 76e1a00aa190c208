/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The only place that knows kernel versions.  jetk builds for Debian 12's
 * 6.1 kernel and for 6.12 (the UML test kernel); every difference between
 * them is hidden behind a helper here so that .c files carry no #if.
 */
#ifndef _JETK_COMPAT_H
#define _JETK_COMPAT_H

/*
 * <kunit/visibility.h> arrived in 6.2.  Without it nothing is exported for
 * KUnit: the KUnit module is only built for kernels that have it (see
 * Kbuild), so the test hooks simply vanish on 6.1.
 */
#ifdef JETK_HAVE_KUNIT_VISIBILITY	/* set by Kbuild when the header exists */
#include <kunit/visibility.h>
#else
#define EXPORT_SYMBOL_IF_KUNIT(symbol) static_assert(sizeof(typeof(symbol) *))
#endif

#endif /* _JETK_COMPAT_H */
