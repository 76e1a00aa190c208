/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The only place that knows kernel versions.  jetk builds for Debian 12's
 * 6.1 kernel and for 6.12 (the UML test kernel); every difference between
 * them is hidden behind a helper here so that .c files carry no #if.
 */
#ifndef _JETK_COMPAT_H
#define _JETK_COMPAT_H

#include <linux/version.h>

/*
 * <kunit/visibility.h> arrived in 6.2.  Without it, functions that the KUnit
 * module tests stay static and nothing is exported: the KUnit module is only
 * built for kernels that have it.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#include <kunit/visibility.h>
#endif
#ifndef VISIBLE_IF_KUNIT
#define VISIBLE_IF_KUNIT static
#endif
#ifndef EXPORT_SYMBOL_IF_KUNIT
#define EXPORT_SYMBOL_IF_KUNIT(symbol)
#endif

#endif /* _JETK_COMPAT_H */
