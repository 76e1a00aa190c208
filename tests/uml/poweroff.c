// SPDX-License-Identifier: GPL-2.0-only
/*
 * Power off the UML guest: the last thing tests/uml/init runs.  A clean
 * power off (rather than init exiting, which panics) lets the host tell
 * a finished run from a crashed one.  Static, so it needs nothing from
 * the root file system.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	sync();
	reboot(RB_POWER_OFF);
	perror("poweroff: reboot");
	return 1;
}
