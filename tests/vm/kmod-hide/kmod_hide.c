// SPDX-License-Identifier: GPL-2.0-only
/* A test module for seal-verify that hides itself the way LKM rootkits do; built for QEMU guests only, never loaded on a host. */
#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/string.h>

/*
 * hide=list: list_del(&THIS_MODULE->list), the classic trick: gone from
 *            /proc/modules, /proc/kallsyms and lsmod; /sys/module/kmod_hide stays.
 * hide=all:  also kobject_del() of /sys/module/kmod_hide.
 * hide=none: a visible control.
 * module_mutex is not exported to modules, so, like the rootkits this imitates,
 * the list is edited without it: fine in a guest where nothing else loads.
 */
static char *hide = "list";
module_param(hide, charp, 0);
MODULE_PARM_DESC(hide, "list | all | none");

/* Code that outlives init, as a rootkit's hooks do: ftrace keeps a record of it. */
static noinline int kmod_hide_hook(int x)
{
	return x + 1;
}
static int (*volatile kmod_hide_keep)(int) = kmod_hide_hook;

static int __init kmod_hide_init(void)
{
	bool all = strcmp(hide, "all") == 0;

	kmod_hide_keep(0);
	if (strcmp(hide, "none") == 0)
		return 0;
	if (!all && strcmp(hide, "list") != 0)
		return -EINVAL;
	list_del(&THIS_MODULE->list);
	if (all)
		kobject_del(&THIS_MODULE->mkobj.kobj);
	return 0;
}
module_init(kmod_hide_init);
/* No module_exit: off the list it could not be removed anyway. */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("seal test module that hides itself (guest tests only)");
