// SPDX-License-Identifier: GPL-2.0-only
/* The lockdown= and lockdown_allow= policy: which integrity lockdown reasons seal refuses, and for whom not. */
#define pr_fmt(fmt) "seal: " fmt

#include <linux/bitmap.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/namei.h>
#include <linux/security.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "seal_internal.h"

/*
 * Every integrity-class reason of the kernel seal.ko is built for, by the
 * kernel's own names (seal_reasons.h is generated from its security.h by
 * gen-reasons.sh), so a reason a newer kernel adds is known without a change
 * here. Confidentiality reasons are not seal's business, except /proc/kcore
 * under read=no (seal_hooks.c).
 */
static const char *const seal_reason_names[LOCKDOWN_INTEGRITY_MAX] = {
#define SEAL_REASON(id, name) [LOCKDOWN_##id] = name,
#include "seal_reasons.h"
#undef SEAL_REASON
};

/*
 * A reason gen-reasons.sh did not recognise (a line of another shape in the
 * enum) would have no name, and so never be refused: the build stops instead.
 */
enum {
#define SEAL_REASON(id, name) SEAL_NAMED_##id,
#include "seal_reasons.h"
#undef SEAL_REASON
	SEAL_REASONS_NAMED
};
static_assert(SEAL_REASONS_NAMED == LOCKDOWN_INTEGRITY_MAX - 1,
	      "seal_reasons.h does not name every integrity lockdown reason: see kmod/gen-reasons.sh");

const char *seal_lockdown_name(int reason)
{
	if (reason <= LOCKDOWN_NONE || reason >= LOCKDOWN_INTEGRITY_MAX)
		return NULL;
	return seal_reason_names[reason];
}

/*
 * Reasons that seal's own rules decide, whatever lockdown= says: unsigned
 * modules (seal pins the bytes, not the signer), /dev/mem (open_port: read
 * allowed, writes only for mem_allow=), /dev/port by ioperm/iopl (refused like
 * a /dev/port write) and kexec (kexec=yes).
 */
bool seal_lockdown_own_rule(int reason)
{
	return reason == LOCKDOWN_MODULE_SIGNATURE || reason == LOCKDOWN_DEV_MEM ||
	       reason == LOCKDOWN_IOPORT || reason == LOCKDOWN_KEXEC;
}

static int seal_reason_by_name(const char *name)
{
	int i;

	for (i = LOCKDOWN_NONE + 1; i < LOCKDOWN_INTEGRITY_MAX; i++)
		if (seal_reason_names[i] && strcmp(seal_reason_names[i], name) == 0)
			return i;
	return -1;
}

/* Sets the default set: every integrity reason that no own rule decides. */
void seal_lockdown_default(struct seal_policy *p)
{
	int i;

	bitmap_zero(p->lockdown, LOCKDOWN_INTEGRITY_MAX);
	for (i = LOCKDOWN_NONE + 1; i < LOCKDOWN_INTEGRITY_MAX; i++)
		if (seal_reason_names[i] && !seal_lockdown_own_rule(i))
			__set_bit(i, p->lockdown);
}

/* lockdown=integrity|none|REASON[,REASON...]; cuts val up in place. */
int seal_lockdown_parse(char *val, struct seal_policy *p)
{
	char *name;

	if (strcmp(val, SEAL_LOCKDOWN_INTEGRITY) == 0) {
		seal_lockdown_default(p);
		return 0;
	}
	bitmap_zero(p->lockdown, LOCKDOWN_INTEGRITY_MAX);
	if (strcmp(val, SEAL_LOCKDOWN_NONE) == 0)
		return 0;
	while ((name = strsep(&val, ",")) != NULL) {
		int r = seal_reason_by_name(name);

		if (r < 0) {
			pr_err("lockdown=: unknown reason '%s' (want integrity, none, or integrity lockdown reasons such as hibernation,pci_access,debugfs); nothing sealed\n",
			       name);
			return -EINVAL;
		}
		if (seal_lockdown_own_rule(r)) {
			pr_err("lockdown=: %s is decided by seal's own rules, not by lockdown=; nothing sealed\n", name);
			return -EINVAL;
		}
		if (test_bit(r, p->lockdown)) {
			pr_err("lockdown=: %s given twice; nothing sealed\n", name);
			return -EINVAL;
		}
		__set_bit(r, p->lockdown);
	}
	return 0;
}

/* lockdown_allow=REASON[:PATH][,...]: each reason must be one lockdown= refuses. Cuts val up in place. */
int seal_lockdown_allow_parse(char *val, struct seal_policy *p)
{
	char *item;
	int err;

	while ((item = strsep(&val, ",")) != NULL) {
		char *path = strchr(item, ':');
		struct seal_exemption *e;
		int r;

		if (path)
			*path++ = '\0';
		r = seal_reason_by_name(item);
		if (r < 0) {
			pr_err("lockdown_allow=: unknown reason '%s'; nothing sealed\n", item);
			return -EINVAL;
		}
		if (!test_bit(r, p->lockdown)) {
			pr_err("lockdown_allow=%s: lockdown= does not refuse %s, there is nothing to allow; nothing sealed\n",
			       item, item);
			return -EINVAL;
		}
		if (p->lockdown_allow_count == SEAL_MAX_EXEMPTIONS) {
			pr_err("lockdown_allow=: more than %d entries; nothing sealed\n", SEAL_MAX_EXEMPTIONS);
			return -E2BIG;
		}
		e = &p->lockdown_allow[p->lockdown_allow_count];
		e->reason = r;
		if (path) {
			if (path[0] != '/') {
				pr_err("lockdown_allow=%s:%s: not an absolute path; nothing sealed\n", item, path);
				return -EINVAL;
			}
			err = kern_path(path, LOOKUP_FOLLOW, &e->path);
			if (err) {
				pr_err("lockdown_allow=%s:%s: cannot resolve (error %d); nothing sealed\n",
				       item, path, err);
				return err;
			}
			err = seal_program_check("lockdown_allow", path, &e->path);
			if (err) {
				path_put(&e->path);
				e->path.dentry = NULL;
				return err;
			}
		}
		p->lockdown_allow_count++;
	}
	return 0;
}

void seal_lockdown_put(struct seal_policy *p)
{
	while (p->lockdown_allow_count) {
		struct seal_exemption *e = &p->lockdown_allow[--p->lockdown_allow_count];

		if (e->path.dentry)
			path_put(&e->path);
		e->path.dentry = NULL;
	}
}

/* Is inode the program of a lockdown_allow=REASON:PATH entry? Safe with preemption off. */
bool seal_lockdown_program(const struct inode *inode)
{
	unsigned int i;

	for (i = 0; i < seal_policy.lockdown_allow_count; i++) {
		const struct dentry *d = seal_policy.lockdown_allow[i].path.dentry;

		if (d && d_inode(d) == inode)
			return true;
	}
	return false;
}

/* Does any lockdown_allow= entry name a program? */
bool seal_lockdown_has_programs(void)
{
	unsigned int i;

	for (i = 0; i < seal_policy.lockdown_allow_count; i++)
		if (seal_policy.lockdown_allow[i].path.dentry)
			return true;
	return false;
}

/* Is reason refused for current? Safe with preemption off. */
bool seal_lockdown_refused(int reason)
{
	const struct seal_policy *p = &seal_policy;
	struct file *exe = NULL;        /* current's executable, looked up once if an entry names a program */
	bool refused = true;
	unsigned int i;

	if (reason <= LOCKDOWN_NONE || reason >= LOCKDOWN_INTEGRITY_MAX || !test_bit(reason, p->lockdown))
		return false;
	for (i = 0; i < p->lockdown_allow_count && refused; i++) {
		const struct seal_exemption *e = &p->lockdown_allow[i];

		if (e->reason != reason)
			continue;
		if (!e->path.dentry) {
			refused = false;
			break;
		}
		if (!exe)
			exe = seal_exe_get();
		if (exe && file_inode(exe) == d_inode(e->path.dentry))
			refused = false;
	}
	if (exe)
		fput(exe);
	return refused;
}

ssize_t seal_lockdown_show(char *buf)
{
	int i, len = 0;

	for (i = LOCKDOWN_NONE + 1; i < LOCKDOWN_INTEGRITY_MAX; i++)
		if (test_bit(i, seal_policy.lockdown))
			len += sysfs_emit_at(buf, len, "%s%s", len ? " " : "", seal_reason_names[i]);
	return len + sysfs_emit_at(buf, len, "%s\n", len ? "" : SEAL_LOCKDOWN_NONE);
}

ssize_t seal_lockdown_allow_show(char *buf, char *tmp, size_t tmp_size)
{
	unsigned int i;
	int len = 0;

	for (i = 0; i < seal_policy.lockdown_allow_count; i++) {
		const struct seal_exemption *e = &seal_policy.lockdown_allow[i];
		const char *name = seal_reason_names[e->reason];

		if (e->path.dentry)
			len += seal_show_path(buf, len, name, &e->path, tmp, tmp_size);
		else
			len += sysfs_emit_at(buf, len, "%s\n", name);
	}
	return len;
}
