// SPDX-License-Identifier: GPL-2.0-only
/*
 * Feature tests of the kernel API seal.ko is built against. gen-features.sh compiles this file
 * once per SEAL_TRY_<NAME> below, with that kernel's own compiler and flags and -Werror, and
 * writes seal_features.h: SEAL_HAVE_<NAME> for each test that compiles. The code then follows the
 * API it finds, never a version number. Each test names the kernels it was seen on.
 *
 * Not part of seal.ko: Kbuild never builds this file as an object.
 */
#include <linux/kconfig.h>

#if defined(SEAL_TRY_SANITY)
/* Must compile everywhere: if it does not, the flags are wrong and every answer below would be. */
#include <linux/module.h>

#elif defined(SEAL_TRY_BIN_ATTR_CONST_READ)
/* bin_attribute's read() takes a const struct bin_attribute * (7.2.12, 7.3.4; not 6.1, 6.12). */
#include <linux/sysfs.h>
static ssize_t seal_try_read(struct file *file, struct kobject *kobj, const struct bin_attribute *attr,
			     char *buf, loff_t off, size_t count)
{
	return 0;
}
static const struct bin_attribute seal_try_attr __maybe_unused = { .read = seal_try_read };

#elif defined(SEAL_TRY_BIN_ATTRS_CONST)
/* attribute_group.bin_attrs is const struct bin_attribute *const * (7.2.12, 7.3.4). */
#include <linux/sysfs.h>
static const struct bin_attribute *const seal_try_list[] = { NULL };
static const struct attribute_group seal_try_group __maybe_unused = { .bin_attrs = seal_try_list };

#elif defined(SEAL_TRY_BPF_TRAMP_NODE)
/*
 * bpf_trampoline_link_prog() takes a struct bpf_tramp_node *, whose link points at the
 * bpf_link (7.2.12, 7.3.4); before, a struct bpf_tramp_link * that embeds the bpf_link (6.1, 6.12).
 */
#include <linux/bpf.h>
static_assert(__same_type(&bpf_trampoline_link_prog,
			  int (*)(struct bpf_tramp_node *, struct bpf_trampoline *, struct bpf_prog *)));
static __maybe_unused const struct bpf_prog *seal_try_prog(const struct bpf_tramp_node *node)
{
	return node->link->prog;
}

#elif defined(SEAL_TRY_READING_MODULE_COMPRESSED)
/*
 * finit_module of a compressed file reads it as READING_MODULE_COMPRESSED and hands the
 * decompressed image to security_kernel_post_read_file(READING_MODULE) (7.2.12, 7.3.4). Before,
 * post_read_file saw the file as stored and the kernel decompressed it afterwards (6.1, 6.12).
 */
#include <linux/kernel_read_file.h>
static const int seal_try_id __maybe_unused = READING_MODULE_COMPRESSED;

#elif defined(SEAL_TRY_GET_FILE_RCU_PTR)
/* get_file_rcu() takes the address of the __rcu pointer and re-checks it (6.7, 0ede61d8589c). */
#include <linux/fs.h>
static __maybe_unused struct file *seal_try_get(struct file __rcu **f)
{
	return get_file_rcu(f);
}

#elif defined(SEAL_TRY_BPF_KPROBE_WRITE_CTX)
/* A kprobe-type program may write its context registers, attached to a uprobe (6.18; 7.2.12, 7.3.4). */
#include <linux/bpf.h>
static __maybe_unused bool seal_try_write_ctx(const struct bpf_prog *prog)
{
	return prog->aux->kprobe_write_ctx;
}

#else
#error "features.c: compile with one SEAL_TRY_<NAME> defined (gen-features.sh does)"
#endif
