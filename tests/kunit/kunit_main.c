// SPDX-License-Identifier: GPL-2.0-only
/*
 * jetk_kunit.ko: the KUnit suites of jetk.ko.  Each *_kunit.c file holds
 * one suite; the suites run when this module is loaded.
 */
#include <linux/module.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for jetk");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
