// SPDX-License-Identifier: GPL-2.0-only
/* Guest attacker: a livepatch replacing the two functions seal's load check wraps with versions that accept every module. */

/*
 * Never loaded outside the QEMU guests of tests/vm/attack-livepatch*.sh. A
 * livepatch is a module, so after the seal its load is refused like any
 * other; loaded by an insmod= program (no sums=), klp_enable_patch() must
 * still fail, because seal already holds these functions with an IPMODIFY
 * ftrace_ops and ftrace gives IPMODIFY to one owner only.
 */
#include <linux/kernel_read_file.h>
#include <linux/livepatch.h>
#include <linux/module.h>
#include <linux/security.h>

static int attack_post_read_file(struct file *file, char *buf, loff_t size, enum kernel_read_file_id id)
{
	return 0;
}

static int attack_post_load_data(char *buf, loff_t size, enum kernel_load_data_id id, char *description)
{
	return 0;
}

static struct klp_func attack_funcs[] = {
	{ .old_name = "security_kernel_post_read_file", .new_func = attack_post_read_file },
	{ .old_name = "security_kernel_post_load_data", .new_func = attack_post_load_data },
	{ }
};

static struct klp_object attack_objs[] = {
	{ .funcs = attack_funcs },      /* NULL name: vmlinux */
	{ }
};

static struct klp_patch attack_patch = {
	.mod = THIS_MODULE,
	.objs = attack_objs,
};

static int __init attack_livepatch_init(void)
{
	return klp_enable_patch(&attack_patch);
}
module_init(attack_livepatch_init);

static void __exit attack_livepatch_exit(void)
{
}
module_exit(attack_livepatch_exit);

MODULE_LICENSE("GPL");
MODULE_INFO(livepatch, "Y");
MODULE_DESCRIPTION("seal guest attack test: livepatch over seal's load hooks");
