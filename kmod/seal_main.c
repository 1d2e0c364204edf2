// SPDX-License-Identifier: GPL-2.0-only
/* seal.ko: parses and resolves its parameters, reads the sums= list, then seals the kernel, all or nothing. */
#define pr_fmt(fmt) "seal: " fmt

#include <linux/bitops.h>
#include <linux/bsearch.h>
#include <linux/cache.h>
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/kernel_read_file.h>
#include <linux/kobject.h>
#include <linux/ktime.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/namei.h>
#include <linux/overflow.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <linux/sysfs.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/ptrace.h>
#include <asm/syscall.h>
#include <asm/unistd.h>
#include <crypto/sha2.h>

#include "seal_internal.h"

struct seal_policy seal_policy __ro_after_init;
/* Written only by seal_init(), like the policy. */
struct seal_init_times seal_init_times __ro_after_init;
atomic64_t seal_denied[SEAL_K_MAX];
static bool seal_is_active __ro_after_init;

bool seal_active(void)
{
	return READ_ONCE(seal_is_active);
}

/* The last step of seal_init(): every hook is registered before this store. */
static void seal_activate(void)
{
	smp_store_release(&seal_is_active, true);
}

static int seal_digest_cmp(const void *key, const void *elt)
{
	return memcmp(key, elt, SEAL_SHA256_LEN);
}

bool seal_sums_contains(const u8 *digest)
{
	const struct seal_policy *p = &seal_policy;

	return p->sums_count &&
	       bsearch(digest, p->sums, p->sums_count, SEAL_SHA256_LEN, seal_digest_cmp);
}

/*
 * The image digest the list pairs with a compressed file's digest. A digest
 * two pairs give different images for is in neither (seal_pairs_keep).
 */
bool seal_sums_pair_image(const u8 *file_digest, u8 image[SEAL_SHA256_LEN])
{
	const struct seal_policy *p = &seal_policy;
	const struct seal_file_pair *e;

	if (!p->pairs_count)
		return false;
	e = bsearch(file_digest, p->pairs, p->pairs_count, sizeof(*p->pairs), seal_digest_cmp);
	if (!e)
		return false;
	memcpy(image, p->sums[e->image], SEAL_SHA256_LEN);
	return true;
}

const char *const seal_kind_names[SEAL_K_MAX] = {
	[SEAL_K_MODULE] = SEAL_KIND_MODULE,
	[SEAL_K_MEM] = SEAL_KIND_MEM,
	[SEAL_K_PORT] = SEAL_KIND_PORT,
	[SEAL_K_REMOVE] = SEAL_KIND_REMOVE,
	[SEAL_K_KEXEC] = SEAL_KIND_KEXEC,
	[SEAL_K_LOCKDOWN] = SEAL_KIND_LOCKDOWN,
	[SEAL_K_BPF] = SEAL_KIND_BPF,
};

/*
 * Parameters: one module_param_string() buffer per row of the table in
 * include/seal/params.h, which gives the name, the buffer size, the flag
 * spellings and the description; libseal's seal.conf parser and seal-load
 * --check read the same table. Permission 0: they never appear under
 * /sys/module/seal/parameters, so they can't be changed after the load.
 * They are only read by seal_init().
 */
static_assert(SEAL_PATH_MAX == PATH_MAX);

#define SEAL_PARAM_DECLARE(ID, name, kind, on, off, max, size, syntax, help) \
	static char param_##name[size]; \
	module_param_string(name, param_##name, sizeof(param_##name), 0); \
	MODULE_PARM_DESC(name, syntax ": " help);
SEAL_PARAMS(SEAL_PARAM_DECLARE)
#undef SEAL_PARAM_DECLARE

/* The table's order gives the bits of the "given" mask. */
static const char *const seal_param_names[] = {
#define SEAL_PARAM_NAME(ID, name, ...) [SEAL_P_##ID] = #name,
	SEAL_PARAMS(SEAL_PARAM_NAME)
#undef SEAL_PARAM_NAME
};

/* "read insmod ...": every name, for the unknown-parameter message. */
#define SEAL_PARAM_WORD(ID, name, ...) " " #name
#define SEAL_PARAM_KNOWN "known:" SEAL_PARAMS(SEAL_PARAM_WORD)

/* The kernel's copy of each parameter. */
static const char *const seal_param_bufs[] = {
#define SEAL_PARAM_BUF(ID, name, ...) [SEAL_P_##ID] = param_##name,
	SEAL_PARAMS(SEAL_PARAM_BUF)
#undef SEAL_PARAM_BUF
};

/* A flag's two spellings: on changes the default, off is the default (the table's). */
static const char *const seal_param_on[] = {
#define SEAL_PARAM_ON(ID, name, kind, on, ...) [SEAL_P_##ID] = on,
	SEAL_PARAMS(SEAL_PARAM_ON)
#undef SEAL_PARAM_ON
};
static const char *const seal_param_off[] = {
#define SEAL_PARAM_OFF(ID, name, kind, on, off, ...) [SEAL_P_##ID] = off,
	SEAL_PARAMS(SEAL_PARAM_OFF)
#undef SEAL_PARAM_OFF
};

/* Every "name=value" with its separator, at the longest value each buffer takes. */
#define SEAL_PARAM_ARGLEN(ID, name, kind, on, off, max, size, ...) + sizeof(#name) + (size)
#define SEAL_ARGS_MAX (0 SEAL_PARAMS(SEAL_PARAM_ARGLEN))

/*
 * Every integrity lockdown reason of the kernel seal.ko is built for (from its
 * headers, gen-reasons.sh), as the .modinfo entry "lockdown_reasons=NAME ...":
 * seal-load --check reads it from the seal.ko it would load, so that it takes
 * the reason names this seal.ko takes, no more and no fewer. Written as
 * MODULE_INFO() writes an entry, whose argument can't hold an #include.
 */
static const char seal_modinfo_reasons[] __used __section(".modinfo") __aligned(1) =
	SEAL_MODINFO_REASONS "="
#define SEAL_REASON(id, name) name " "
#include "seal_reasons.h"
#undef SEAL_REASON
	;

/*
 * The argument string as the loader passed it. The kernel only warns about
 * an unknown parameter, takes '-' for '_' in names, and parse_args() has
 * already cut THIS_MODULE->args into pieces in place, so it can't be checked
 * there. seal_init() runs inside the loader's init_module/finit_module call,
 * so the string is read again from that syscall's arguments.
 */
static char *seal_args_from_syscall(void)
{
	struct pt_regs *regs = task_pt_regs(current);
	unsigned long args[6];
	const char __user *uargs;
	char *copy;
	long nr;

	if (in_ia32_syscall()) {
		pr_err("load seal.ko with a 64-bit insmod or modprobe; nothing sealed\n");
		return ERR_PTR(-EINVAL);
	}
	nr = syscall_get_nr(current, regs) & ~__X32_SYSCALL_BIT;
	syscall_get_arguments(current, regs, args);
	if (nr == __NR_init_module) {
		uargs = (const char __user *)args[2];
	} else if (nr == __NR_finit_module) {
		uargs = (const char __user *)args[1];
	} else {
		pr_err("loaded by syscall %ld, not init_module or finit_module; nothing sealed\n", nr);
		return ERR_PTR(-EINVAL);
	}
	copy = strndup_user(uargs, SEAL_ARGS_MAX);
	/* strndup_user's -EINVAL: longer than that (the caller says nothing more for -EINVAL) */
	if (PTR_ERR_OR_ZERO(copy) == -EINVAL)
		pr_err("the parameters are longer than %zu bytes, all of them at their longest; nothing sealed\n",
		       (size_t)SEAL_ARGS_MAX - 1);
	return copy;
}

/*
 * Parse "key=value ..." strictly: every key one of ours, spelled exactly,
 * given once, with a non-empty value that is also what the kernel stored
 * (a loader that changes the string during the load gets refused).
 * vals[] points into *copy, which the caller frees.
 */
static int seal_args_parse(char **copy, const char *vals[SEAL_P_COUNT],
			   unsigned long *given)
{
	char *p;

	*given = 0;
	*copy = seal_args_from_syscall();
	if (IS_ERR(*copy)) {
		int err = PTR_ERR(*copy);

		*copy = NULL;
		if (err != -EINVAL)
			pr_err("cannot read the parameters (error %d); nothing sealed\n", err);
		return err;
	}
	/*
	 * Printable ASCII only: the messages below print keys, values and
	 * paths as given, and a newline or an escape in them could forge or
	 * hide a log line (the values of a refusal are escaped instead,
	 * seal_log.c). No path a Debian system seals needs anything else.
	 */
	for (p = *copy; *p; p++) {
		if (*p < 0x20 || *p > 0x7e) {
			pr_err("parameters: byte 0x%02x at offset %td is not printable ASCII; nothing sealed\n",
			       (unsigned char)*p, p - *copy);
			return -EINVAL;
		}
	}
	p = skip_spaces(*copy);
	while (*p) {
		char *key, *val;
		int i;

		p = next_arg(p, &key, &val);
		i = match_string(seal_param_names, ARRAY_SIZE(seal_param_names), key);
		if (i < 0) {
			pr_err("unknown parameter '%s' (" SEAL_PARAM_KNOWN "); nothing sealed\n", key);
			return -EINVAL;
		}
		if (*given & BIT(i)) {
			pr_err("parameter %s given twice; nothing sealed\n", key);
			return -EINVAL;
		}
		if (!val || !*val) {
			pr_err("parameter %s needs a value; nothing sealed\n", key);
			return -EINVAL;
		}
		if (strcmp(val, seal_param_bufs[i]) != 0) {
			pr_err("parameter %s changed while seal.ko was loading; nothing sealed\n", key);
			return -EINVAL;
		}
		*given |= BIT(i);
		vals[i] = val;
	}
	return 0;
}

/* A flag: only the table's two spellings; *out is true for the one that changes the default. */
static int seal_parse_flag(enum seal_param_id id, const char *val, bool *out)
{
	if (strcmp(val, seal_param_on[id]) == 0) {
		*out = true;
		return 0;
	}
	if (strcmp(val, seal_param_off[id]) == 0) {
		*out = false;
		return 0;
	}
	pr_err("%s=%s: want %s or %s; nothing sealed\n", seal_param_names[id], val,
	       seal_param_off[id], seal_param_on[id]);
	return -EINVAL;
}

/*
 * A program the seal trusts by its inode (insmod=, mem_allow=,
 * lockdown_allow=REASON:PATH) must be a regular file whose inode holds its
 * bytes, so that guarding the inode (seal_hooks.c: writes, truncation,
 * ptrace, traced exec) guards the program: the rule and its lists are in
 * include/seal/params.h (SEAL_HOLE_FS_*), which seal-load --check applies too.
 * Such a program elsewhere is refused, and the seal with it.
 */
#define SEAL_FS_NAME(name) name,
static const char *const seal_hole_fs_memory[] = { SEAL_HOLE_FS_MEMORY(SEAL_FS_NAME) };
static const char *const seal_hole_fs_refused[] = { SEAL_HOLE_FS_DEVICE_REFUSED(SEAL_FS_NAME) };
#undef SEAL_FS_NAME

int seal_program_check(const char *param, const char *item, const struct path *path)
{
	const struct super_block *sb = path->dentry->d_sb;
	const char *fs = sb->s_type->name;

	if (!d_is_reg(path->dentry)) {
		pr_err("%s=%s: not a regular file; nothing sealed\n", param, item);
		return -EINVAL;
	}
	if (match_string(seal_hole_fs_memory, ARRAY_SIZE(seal_hole_fs_memory), fs) >= 0)
		return 0;
	/* FS_REQUIRES_DEV: what /proc/filesystems lists without "nodev" (btrfs leaves s_bdev NULL) */
	if ((sb->s_type->fs_flags & FS_REQUIRES_DEV) && match_string(seal_hole_fs_refused, ARRAY_SIZE(seal_hole_fs_refused), fs) < 0)
		return 0;
	pr_err("%s=%s: its filesystem, %s, does not keep a file's bytes in its inode (only local block-device filesystems, tmpfs and ramfs do): the seal could not guard it; nothing sealed\n",
	       param, item, fs);
	return -EINVAL;
}

/*
 * Resolve "PATH[,PATH...]" now, following symlinks, and keep a reference on
 * each: the identity of a program is its inode from this moment on.
 */
static int seal_resolve_programs(const char *name, char *list, struct seal_programs *out)
{
	char *item;
	int err;

	while ((item = strsep(&list, ",")) != NULL) {
		struct path path;

		if (!*item) {
			pr_err("%s=: empty path in the list; nothing sealed\n", name);
			return -EINVAL;
		}
		if (item[0] != '/') {
			pr_err("%s=%s: not an absolute path; nothing sealed\n", name, item);
			return -EINVAL;
		}
		if (out->count == SEAL_MAX_PROGRAMS) {
			pr_err("%s=: more than %d paths; nothing sealed\n", name, SEAL_MAX_PROGRAMS);
			return -E2BIG;
		}
		err = kern_path(item, LOOKUP_FOLLOW, &path);
		if (err) {
			pr_err("%s=%s: cannot resolve (error %d); nothing sealed\n", name, item, err);
			return err;
		}
		err = seal_program_check(name, item, &path);
		if (err) {
			path_put(&path);
			return err;
		}
		out->prog[out->count++].path = path;
	}
	return 0;
}

static void seal_put_programs(struct seal_programs *progs)
{
	while (progs->count)
		path_put(&progs->prog[--progs->count].path);
}

/* vmalloc past a page: kmalloc takes a power-of-two run of pages, up to half of it unused. */
static void *seal_list_alloc(size_t bytes)
{
	return bytes > PAGE_SIZE ? vmalloc(bytes) : kmalloc(bytes, GFP_KERNEL);
}

static int seal_pair_cmp(const void *a, const void *b)
{
	const struct seal_file_pair *x = a, *y = b;
	int c = memcmp(x->file, y->file, SEAL_SHA256_LEN);

	return c ? c : (x->image > y->image) - (x->image < y->image);
}

/*
 * Sorted pairs, each file digest once: the same bytes listed twice with one
 * image (two kernels' trees) are one pair; with two images (a list made by
 * hand) they are none, and seal decompresses those bytes as before.
 */
static size_t seal_pairs_keep(struct seal_file_pair *v, size_t n)
{
	size_t r = 0, w = 0;

	sort(v, n, sizeof(*v), seal_pair_cmp, NULL);
	while (r < n) {
		size_t end = r + 1;
		bool conflict = false;

		while (end < n && memcmp(v[end].file, v[r].file, SEAL_SHA256_LEN) == 0) {
			conflict |= v[end].image != v[r].image;
			end++;
		}
		if (!conflict)
			v[w++] = v[r];
		r = end;
	}
	return w;
}

/*
 * Parse the list with the shared core: every line must be good and the list
 * SHA-256. Only the digests of module images are kept (the digest rule,
 * seal_image.c): the "#image" lines and the lines of uncompressed files; and,
 * for each compressed file whose "#image" line follows its own, the pair of
 * the two, so that loading those exact bytes needs no decompression.
 */
static int seal_sums_parse(const char *file, const char *buf, size_t len, struct seal_policy *p)
{
	struct seal_sums_cursor c;
	struct seal_sums_line line, prev = { .kind = SEAL_SUMS_SKIP };
	size_t n = 0, np = 0, lines = 0, i;
	int rc;

	seal_sums_cursor_init(&c, buf, len);
	while ((rc = seal_sums_next(&c, &line)) > 0) {
		if (line.alg != SEAL_ALG_SHA256) {
			pr_err("sums %s:%lu: an MD5 list; seal.ko trusts only SHA-256 (make one with seal-mksums); nothing sealed\n",
			       file, c.lineno);
			return -EINVAL;
		}
		lines++;
		if (seal_sums_line_is_image(&line))
			n++;
		np += seal_sums_lines_pair(&prev, &line);
		prev = line;
	}
	if (rc < 0) {
		pr_err("sums %s:%lu: %s; nothing sealed\n", file, c.lineno, seal_sums_strerror(rc));
		return -EINVAL;
	}
	if (!n) {
		pr_err("sums %s: %zu entries, none the digest of a module image (compressed modules need their #image lines: seal-mksums writes them); nothing sealed\n",
		       file, lines);
		return -EINVAL;
	}
	/* A pair's u32 index holds any line number of a list seal reads. */
	static_assert(SEAL_SUMS_MAX_BYTES <= U32_MAX);

	p->sums = seal_list_alloc(array_size(n, SEAL_SHA256_LEN));
	p->pairs = np ? seal_list_alloc(array_size(np, sizeof(*p->pairs))) : NULL;
	if (!p->sums || (np && !p->pairs))
		return -ENOMEM;         /* seal_policy_free() frees what was taken */
	seal_sums_cursor_init(&c, buf, len);
	p->sums_count = 0;
	while (p->sums_count < n && seal_sums_next(&c, &line) > 0)
		if (seal_sums_line_is_image(&line))
			memcpy(p->sums[p->sums_count++], line.digest, SEAL_SHA256_LEN);
	sort(p->sums, p->sums_count, SEAL_SHA256_LEN, seal_digest_cmp, NULL);

	/* Third pass, only with pairs: each file digest and where its image's digest sorted to. */
	seal_sums_cursor_init(&c, buf, len);
	prev.kind = SEAL_SUMS_SKIP;
	for (i = 0; i < np && seal_sums_next(&c, &line) > 0; prev = line) {
		const u8 (*at)[SEAL_SHA256_LEN];

		if (!seal_sums_lines_pair(&prev, &line))
			continue;
		at = bsearch(line.digest, p->sums, p->sums_count, SEAL_SHA256_LEN, seal_digest_cmp);
		memcpy(p->pairs[i].file, prev.digest, SEAL_SHA256_LEN);
		p->pairs[i++].image = at - p->sums;
	}
	p->pairs_count = seal_pairs_keep(p->pairs, i);
	return 0;
}

/* The ns since *t; *t becomes now. */
static u64 seal_ns_since(ktime_t *t)
{
	ktime_t now = ktime_get();
	u64 ns = ktime_to_ns(ktime_sub(now, *t));

	*t = now;
	return ns;
}

/*
 * Why kernel_read_file_from_path() could not read a list, in words: filp_open()'s
 * errors, then kernel_read_file()'s (not a regular file or empty: -EINVAL; open
 * for writing: -ETXTBSY; over the limit: -EFBIG; another LSM's verdict: -EPERM).
 */
static const char *seal_sums_read_why(ssize_t err)
{
	switch (err) {
	case -ENOENT:
		return "no such file";
	case -ENOTDIR:
		return "a component of the path is not a directory";
	case -ELOOP:
		return "too many levels of symbolic links";
	case -EACCES:
		return "permission denied";
	case -EPERM:
		return "refused by a security module";
	case -EINVAL:
		return "empty, or not a regular file";
	case -ETXTBSY:
		return "open for writing by a process";
	case -EFBIG:
		return "larger than " __stringify(SEAL_SUMS_MAX_MIB) " MiB";
	case -ENOMEM:
		return "out of memory";
	case -EIO:
		return "I/O error";
	default:
		return "unexpected error";
	}
}

static int seal_sums_load(const char *file, struct seal_policy *p)
{
	ktime_t t;
	void *buf = NULL;
	ssize_t len;
	int err;

	if (file[0] != '/') {
		pr_err("sums=%s: not an absolute path; nothing sealed\n", file);
		return -EINVAL;
	}
	/* -EFBIG past SEAL_SUMS_MAX_BYTES: a list that large is a mistake, not a list. */
	t = ktime_get();
	len = kernel_read_file_from_path(file, 0, &buf, SEAL_SUMS_MAX_BYTES, NULL, READING_POLICY);
	if (len < 0) {
		pr_err("sums %s: cannot read: %s (error %zd); nothing sealed\n", file,
		       seal_sums_read_why(len), len);
		return len;
	}
	seal_init_times.list_read = seal_ns_since(&t);
	seal_sha256(buf, len, p->sums_file_digest);
	seal_init_times.list_hash = seal_ns_since(&t);
	err = seal_sums_parse(file, buf, len, p);
	seal_init_times.list_parse = seal_ns_since(&t);
	vfree(buf);
	if (err)
		return err;
	p->sums_path = file;
	return 0;
}

/* ---- /sys/kernel/seal ---------------------------------------------------- */

static struct kobject *seal_kobj;

static ssize_t sealed_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", seal_active());
}

/* One line "[PREFIX ]PATH dev=MAJ:MIN ino=N" at buf + at; tmp is scratch space for d_path(). */
int seal_show_path(char *buf, int at, const char *prefix, const struct path *path, char *tmp,
		   size_t tmp_size)
{
	const struct inode *inode = d_inode(path->dentry);
	char *s = d_path(path, tmp, tmp_size);

	/* i_ino is unsigned long before 7.2 and u64 from 7.2 on: printed as the wider of the two. */
	return sysfs_emit_at(buf, at, "%s%s%s dev=%u:%u ino=%llu\n", prefix ? prefix : "",
			     prefix ? " " : "", IS_ERR(s) ? "?" : s, MAJOR(inode->i_sb->s_dev),
			     MINOR(inode->i_sb->s_dev), (unsigned long long)inode->i_ino);
}

static ssize_t seal_show_programs(const struct seal_programs *progs, char *buf)
{
	char *tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	unsigned int i;
	int len = 0;

	if (!tmp)
		return -ENOMEM;
	for (i = 0; i < progs->count; i++)
		len += seal_show_path(buf, len, NULL, &progs->prog[i].path, tmp, PATH_MAX);
	kfree(tmp);
	return len;
}

static ssize_t insmod_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return seal_show_programs(&seal_policy.insmod, buf);
}

static ssize_t mem_allow_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return seal_show_programs(&seal_policy.mem_allow, buf);
}

/* A flag as seal.ko takes it: the value that would set it, in the table's spelling. */
static ssize_t seal_show_flag(enum seal_param_id id, bool on, char *buf)
{
	return sysfs_emit(buf, "%s\n", on ? seal_param_on[id] : seal_param_off[id]);
}

static ssize_t read_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return seal_show_flag(SEAL_P_READ, seal_policy.deny_read, buf);
}

static ssize_t no_remove_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return seal_show_flag(SEAL_P_NO_REMOVE, seal_policy.no_remove, buf);
}

static ssize_t kexec_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return seal_show_flag(SEAL_P_KEXEC, seal_policy.kexec, buf);
}

static ssize_t learn_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return seal_show_flag(SEAL_P_LEARN, seal_policy.learn, buf);
}

static ssize_t lockdown_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return seal_lockdown_show(buf);
}

static ssize_t lockdown_allow_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	char *tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	ssize_t len;

	if (!tmp)
		return -ENOMEM;
	len = seal_lockdown_allow_show(buf, tmp, PATH_MAX);
	kfree(tmp);
	return len;
}

static ssize_t sums_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	char hex[2 * SEAL_SHA256_LEN + 1];

	if (!seal_policy.sums_path)
		return 0;
	seal_hex_encode(seal_policy.sums_file_digest, SEAL_SHA256_LEN, hex);
	return sysfs_emit(buf, "%s sha256=%s entries=%zu pairs=%zu\n", seal_policy.sums_path, hex,
			  seal_policy.sums_count, seal_policy.pairs_count);
}

/* 7.2 made the attribute argument of bin_attribute.read const (features.c). */
#ifdef SEAL_HAVE_BIN_ATTR_CONST_READ
#define SEAL_BIN_ATTR_ARG const struct bin_attribute
#else
#define SEAL_BIN_ATTR_ARG struct bin_attribute
#endif
/* and attribute_group.bin_attrs a list of const pointers */
#ifdef SEAL_HAVE_BIN_ATTRS_CONST
#define SEAL_BIN_ATTRS_LIST const struct bin_attribute *const
#else
#define SEAL_BIN_ATTRS_LIST struct bin_attribute *
#endif

static ssize_t loads_read(struct file *file, struct kobject *kobj, SEAL_BIN_ATTR_ARG *attr,
			  char *buf, loff_t off, size_t count)
{
	return seal_loads_read(buf, off, count);
}

static ssize_t refused_read(struct file *file, struct kobject *kobj, SEAL_BIN_ATTR_ARG *attr,
			    char *buf, loff_t off, size_t count)
{
	return seal_refused_read(buf, off, count);
}

static ssize_t init_time_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	const struct seal_init_times *t = &seal_init_times;

	return sysfs_emit(buf, "total_us=%llu list_read_us=%llu list_hash_us=%llu list_parse_us=%llu hooks=%u hooks_filter_us=%llu hooks_register_us=%llu\n",
			  div_u64(t->total, NSEC_PER_USEC), div_u64(t->list_read, NSEC_PER_USEC),
			  div_u64(t->list_hash, NSEC_PER_USEC), div_u64(t->list_parse, NSEC_PER_USEC),
			  t->hooks, div_u64(t->hooks_filter, NSEC_PER_USEC),
			  div_u64(t->hooks_register, NSEC_PER_USEC));
}

static struct kobj_attribute seal_attr_sealed = __ATTR_RO(sealed);
static struct kobj_attribute seal_attr_insmod = __ATTR_RO(insmod);
static struct kobj_attribute seal_attr_mem_allow = __ATTR_RO(mem_allow);
static struct kobj_attribute seal_attr_read = __ATTR_RO(read);
static struct kobj_attribute seal_attr_no_remove = __ATTR_RO(no_remove);
static struct kobj_attribute seal_attr_kexec = __ATTR_RO(kexec);
static struct kobj_attribute seal_attr_learn = __ATTR_RO(learn);
static struct kobj_attribute seal_attr_sums = __ATTR_RO(sums);
static struct kobj_attribute seal_attr_lockdown = __ATTR_RO(lockdown);
static struct kobj_attribute seal_attr_lockdown_allow = __ATTR_RO(lockdown_allow);
static struct kobj_attribute seal_attr_init_time = __ATTR_RO(init_time);
/*
 * A binary attribute: the record can outgrow the one page a text attribute may show.
 * Root's only (0400): a request_module line names who asked (comm, pid, uid), which
 * dmesg_restrict keeps from other users in the log line, and each read rebuilds the
 * whole record under the lock the module notifier takes.
 */
static struct bin_attribute seal_attr_loads = __BIN_ATTR(loads, 0400, loads_read, NULL, 0);
static struct bin_attribute seal_attr_refused = __BIN_ATTR(refused, 0400, refused_read, NULL, 0);

static struct attribute *seal_attrs[] = {
	&seal_attr_sealed.attr, &seal_attr_insmod.attr, &seal_attr_mem_allow.attr,
	&seal_attr_read.attr, &seal_attr_no_remove.attr, &seal_attr_kexec.attr, &seal_attr_learn.attr,
	&seal_attr_sums.attr, &seal_attr_lockdown.attr, &seal_attr_lockdown_allow.attr,
	&seal_attr_init_time.attr, NULL,
};

static SEAL_BIN_ATTRS_LIST seal_bin_attrs[] = { &seal_attr_loads, &seal_attr_refused, NULL };

static const struct attribute_group seal_group = {
	.attrs = seal_attrs,
	.bin_attrs = seal_bin_attrs,
};

/* denied/<kind>: one show function, the kind found from the attribute's place in the array. */
static struct kobj_attribute seal_denied_attrs[SEAL_K_MAX];

static ssize_t denied_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lld\n", (long long)atomic64_read(&seal_denied[attr - seal_denied_attrs]));
}

static struct attribute *seal_denied_list[SEAL_K_MAX + 1];

static const struct attribute_group seal_denied_group = {
	.name = "denied",
	.attrs = seal_denied_list,
};

static int seal_sysfs_create(void)
{
	int err, i;

	for (i = 0; i < SEAL_K_MAX; i++) {
		sysfs_attr_init(&seal_denied_attrs[i].attr);
		seal_denied_attrs[i].attr.name = seal_kind_names[i];
		seal_denied_attrs[i].attr.mode = 0444;
		seal_denied_attrs[i].show = denied_show;
		seal_denied_list[i] = &seal_denied_attrs[i].attr;
	}
	seal_kobj = kobject_create_and_add(SEAL_KMOD_NAME, kernel_kobj);
	if (!seal_kobj)
		return -ENOMEM;
	err = sysfs_create_group(seal_kobj, &seal_group);
	if (!err)
		err = sysfs_create_group(seal_kobj, &seal_denied_group);
	if (err) {
		kobject_put(seal_kobj);
		seal_kobj = NULL;
	}
	return err;
}

/* ---- Load --------------------------------------------------------------- */

static int seal_policy_build(struct seal_policy *p)
{
	const char *vals[SEAL_P_COUNT] = { NULL };
	unsigned long given;
	char *copy = NULL;
	int err;

	err = seal_args_parse(&copy, vals, &given);
	if (err)
		goto out;
	if (given & BIT(SEAL_P_READ)) {
		err = seal_parse_flag(SEAL_P_READ, vals[SEAL_P_READ], &p->deny_read);
		if (err)
			goto out;
	}
	if (given & BIT(SEAL_P_NO_REMOVE)) {
		err = seal_parse_flag(SEAL_P_NO_REMOVE, vals[SEAL_P_NO_REMOVE], &p->no_remove);
		if (err)
			goto out;
	}
	if (given & BIT(SEAL_P_LEARN)) {
		err = seal_parse_flag(SEAL_P_LEARN, vals[SEAL_P_LEARN], &p->learn);
		if (err)
			goto out;
	}
	if (given & BIT(SEAL_P_KEXEC)) {
		err = seal_parse_flag(SEAL_P_KEXEC, vals[SEAL_P_KEXEC], &p->kexec);
		if (err)
			goto out;
	}
	/* The path lists are cut up in place: parse the kernel's copies, now known to be equal. */
	if (given & BIT(SEAL_P_INSMOD)) {
		err = seal_resolve_programs(seal_param_names[SEAL_P_INSMOD], param_insmod, &p->insmod);
		if (err)
			goto out;
		p->have_insmod = true;
	}
	if (given & BIT(SEAL_P_MEM_ALLOW)) {
		err = seal_resolve_programs(seal_param_names[SEAL_P_MEM_ALLOW], param_mem_allow, &p->mem_allow);
		if (err)
			goto out;
	}
	/* lockdown= before lockdown_allow=, which may only open what lockdown= closes. */
	if (given & BIT(SEAL_P_LOCKDOWN)) {
		err = seal_lockdown_parse(param_lockdown, p);
		if (err)
			goto out;
	} else {
		seal_lockdown_default(p);
	}
	if (given & BIT(SEAL_P_LOCKDOWN_ALLOW)) {
		err = seal_lockdown_allow_parse(param_lockdown_allow, p);
		if (err)
			goto out;
	}
	if (given & BIT(SEAL_P_SUMS)) {
		err = seal_sums_load(param_sums, p);
		if (err)
			goto out;
		p->have_sums = true;
	}
out:
	kfree(copy);
	return err;
}

static void seal_policy_free(struct seal_policy *p)
{
	seal_put_programs(&p->insmod);
	seal_put_programs(&p->mem_allow);
	seal_lockdown_put(p);
	kvfree(p->sums);
	p->sums = NULL;
	p->sums_count = 0;
	kvfree(p->pairs);
	p->pairs = NULL;
	p->pairs_count = 0;
}

/*
 * All or nothing: everything is parsed and resolved first, then the hooks
 * go in with the seal still inactive, and the flag flips last. Any failure
 * undoes what was done and fails the load, so a bad parameter leaves the
 * kernel exactly as unsealed as it was.
 */
static int __init seal_init(void)
{
	struct seal_policy *p = &seal_policy;
	ktime_t start = ktime_get();
	int err;

	err = seal_policy_build(p);
	if (err)
		goto fail_policy;
	err = seal_sysfs_create();
	if (err) {
		pr_err("cannot create %s (error %d); nothing sealed\n", SEAL_SYSFS_DIR, err);
		goto fail_policy;
	}
	err = seal_loads_register();
	if (err) {
		pr_err("cannot register the module notifier (error %d); nothing sealed\n", err);
		goto fail_sysfs;
	}
	err = seal_hooks_register();
	if (err) {
		pr_err("nothing sealed\n");
		goto fail_loads;
	}
	seal_init_times.total = ktime_to_ns(ktime_sub(ktime_get(), start));
	seal_activate();
	pr_info("sealed: modules %s%s%s%s, /dev/mem writes %s, reads %s, kexec %s, removal %s, lockdown reasons %s%s\n",
		p->have_insmod || p->have_sums ? "only" : "none",
		p->have_insmod ? " from insmod= programs" : "",
		p->have_sums ? " on the sums= list" : "",
		p->learn ? " (learning: recorded, not refused)" : "",
		p->mem_allow.count ? "mem_allow= only" : "denied",
		p->deny_read ? "denied" : "allowed", p->kexec ? "allowed" : "denied",
		p->no_remove ? "denied" : "denied for seal only",
		bitmap_empty(p->lockdown, LOCKDOWN_INTEGRITY_MAX) ? "none" : "refused",
		p->lockdown_allow_count ? " (with exemptions)" : "");
	return 0;

fail_loads:
	seal_loads_unregister();
fail_sysfs:
	kobject_put(seal_kobj);
	seal_kobj = NULL;
fail_policy:
	seal_policy_free(p);
	return err;
}
module_init(seal_init);

/*
 * No module_exit on purpose: without one the kernel refuses a plain
 * delete_module, and the delete_module hook refuses the forced one. A seal
 * is lifted by rebooting.
 */

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Seal the running kernel: allow-listed module loads only, no /dev/mem or /dev/port writes");
MODULE_AUTHOR("seal project");
