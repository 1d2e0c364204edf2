// SPDX-License-Identifier: GPL-2.0-only
/* seal_unlisted.ko: does nothing; the full-system tests install it after the list was written. */
#include <linux/module.h>

static int __init seal_unlisted_init(void)
{
	return 0;
}
module_init(seal_unlisted_init);

static void __exit seal_unlisted_exit(void)
{
}
module_exit(seal_unlisted_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A module on no seal allow-list, for the full-system tests");
