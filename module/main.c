// SPDX-License-Identifier: GPL-2.0-only
/*
 * jetk: Microsoft's Extensible Storage Engine (ESE, "JET Blue") API as a
 * kernel module.  Module init and exit: the workqueue, debugfs, the misc
 * device, in that order and undone in reverse.
 *
 * The misc device's fops hold a module reference while a file is open, so
 * exit only runs with no file open and nothing left to terminate.
 */
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/workqueue.h>

#include "jetk.h"

/*
 * Background work of every instance (stop-service steps; later write-back,
 * checkpoints and version-store cleanup).  WQ_MEM_RECLAIM: write-back runs
 * on behalf of memory reclaim and must make progress under pressure.
 */
struct workqueue_struct *jetk_wq;

static int __init jetk_init(void)
{
	int ret;

	jetk_wq = alloc_workqueue("jetk", WQ_MEM_RECLAIM, 0);
	if (!jetk_wq)
		return -ENOMEM;
	ret = jetk_ver_cache_init();
	if (ret)
		goto err_destroy_wq;
	ret = jetk_debugfs_init();
	if (ret)
		goto err_ver;
	ret = misc_register(&jetk_misc);
	if (ret)
		goto err_debugfs;
	pr_info("jetk: /dev/%s ready\n", jetk_misc.name);
	return 0;

err_debugfs:
	jetk_debugfs_exit();
err_ver:
	jetk_ver_cache_exit();
err_destroy_wq:
	destroy_workqueue(jetk_wq);
	return ret;
}

static void __exit jetk_exit(void)
{
	misc_deregister(&jetk_misc);
	jetk_debugfs_exit();
	destroy_workqueue(jetk_wq);
	jetk_ver_cache_exit();
}

module_init(jetk_init);
module_exit(jetk_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("jetk: the Extensible Storage Engine (JET Blue) API over /dev/jetk");
MODULE_AUTHOR("The jetk developers");
