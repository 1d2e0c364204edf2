// SPDX-License-Identifier: LGPL-2.1-or-later
/* seal.ko's parameters as libseal holds them: params.h's rows, and the rule each value must follow. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

static const struct seal_param params[SEAL_P_COUNT] = {
#define PARAM_ROW(ID, name, kind, on, off, max, size, syntax, help) \
	[SEAL_P_##ID] = { SEAL_P_##ID, #name, kind, on, off, max, size, syntax, help },
	SEAL_PARAMS(PARAM_ROW)
#undef PARAM_ROW
};

static const char *const own_rules[] = {
#define OWN_RULE(ID, name) name,
	SEAL_LOCKDOWN_OWN_RULES(OWN_RULE)
#undef OWN_RULE
};
#define N_OWN_RULES (sizeof(own_rules) / sizeof(own_rules[0]))

#define HOLE_FS(name) name,
static const char *const hole_fs_memory[] = { SEAL_HOLE_FS_MEMORY(HOLE_FS) };
static const char *const hole_fs_refused[] = { SEAL_HOLE_FS_DEVICE_REFUSED(HOLE_FS) };
#undef HOLE_FS

static bool name_in(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return true;
	return false;
}

/* mountinfo's octal escapes (\040 for a space) undone in place */
static void mountinfo_unescape(char *s)
{
	char *o = s;

	for (; *s; s++, o++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*o = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*o = *s;
		}
	}
	*o = '\0';
}

/*
 * The type of the filesystem that holds the file at real (a resolved path):
 * the mount whose ID statx() gave (mnt_id >= 0), else the mount with the
 * longest mount point that is a prefix of it, which a mount hidden under a
 * later one over its parent can fool (/proc/self/mountinfo). Returns 0 and
 * fills type, or a negative errno.
 */
static int fs_type_of(const char *real, long long mnt_id, char *type, size_t size)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL;
	size_t cap = 0, best = 0;
	int found = 0;

	if (!f)
		return -errno;
	while (getline(&line, &cap, f) > 0) {
		char mnt[4096], fstype[256];
		const char *sep = strstr(line, " - ");
		long long id;
		size_t n;

		/* ID PARENT MAJ:MIN ROOT MOUNTPOINT ... - FSTYPE SOURCE OPTIONS */
		if (!sep || sscanf(line, "%lld %*s %*s %*s %4095s", &id, mnt) != 2 ||
		    sscanf(sep + 3, "%255s", fstype) != 1)
			continue;
		if (mnt_id >= 0) {
			if (id != mnt_id)
				continue;
			snprintf(type, size, "%s", fstype);
			found = 1;
			break;
		}
		mountinfo_unescape(mnt);
		n = strlen(mnt);
		if (strncmp(real, mnt, n) != 0 || (n > 1 && real[n] != '/' && real[n] != '\0'))
			continue;
		if (n >= best) {
			best = n;
			snprintf(type, size, "%s", fstype);
			found = 1;
		}
	}
	free(line);
	fclose(f);
	return found ? 0 : -ENOENT;
}

/* The ID of the mount that holds path (statx, Linux 5.8), or -1 when the kernel does not say. */
static long long mount_id_of(const char *path)
{
	struct statx stx;

	if (statx(AT_FDCWD, path, 0, STATX_MNT_ID, &stx) < 0 || !(stx.stx_mask & STATX_MNT_ID))
		return -1;
	return (long long)stx.stx_mnt_id;
}

/* Does the kernel list filesystem type name in /proc/filesystems without "nodev" (FS_REQUIRES_DEV)? */
static int fs_needs_device(const char *name)
{
	FILE *f = fopen("/proc/filesystems", "re");
	char flag[16], fs[256], line[300];
	int r = 0;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%15s %255s", flag, fs) == 2) {
			if (strcmp(fs, name) == 0 && strcmp(flag, "nodev") == 0) { r = 0; break; }
		} else if (sscanf(line, "%255s", fs) == 1 && strcmp(fs, name) == 0) {
			r = 1;
			break;
		}
	}
	fclose(f);
	return r;
}

const struct seal_param *seal_param_at(unsigned int i)
{
	return i < SEAL_P_COUNT ? &params[i] : NULL;
}

const struct seal_param *seal_param_by_name(const char *name, size_t len)
{
	for (size_t i = 0; i < SEAL_P_COUNT; i++)
		if (strlen(params[i].name) == len && memcmp(params[i].name, name, len) == 0)
			return &params[i];
	return NULL;
}

bool lockdown_is_own_rule(const char *name, size_t len)
{
	for (size_t i = 0; i < N_OWN_RULES; i++)
		if (strlen(own_rules[i]) == len && memcmp(own_rules[i], name, len) == 0)
			return true;
	return false;
}

/* Is the word name (len bytes) one of the space-separated words of list? */
bool word_in(const char *list, const char *name, size_t len)
{
	const char *p = list;

	while (*p) {
		size_t n;

		p += strspn(p, " ");
		n = strcspn(p, " ");
		if (n && n == len && memcmp(p, name, len) == 0)
			return true;
		p += n;
	}
	return false;
}

/* The next comma-separated item of *p (empty items included); false at the end. */
bool list_next(const char **p, const char **item, size_t *len)
{
	const char *s = *p, *comma;

	if (!s)
		return false;
	comma = strchr(s, ',');
	*item = s;
	*len = comma ? (size_t)(comma - s) : strlen(s);
	*p = comma ? comma + 1 : NULL;
	return true;
}

static int refuse(char *why, size_t whylen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int refuse(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (why && whylen) {
		va_start(ap, fmt);
		vsnprintf(why, whylen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* PATH[,PATH...]: every item a non-empty absolute path, at most p->max of them. */
static int check_paths(const struct seal_param *p, const char *value, char *why, size_t whylen)
{
	const char *cur = value, *item;
	unsigned int n = 0;
	size_t len;

	while (list_next(&cur, &item, &len)) {
		if (len == 0)
			return refuse(why, whylen, "%s=%s: an empty path in the list", p->name, value);
		if (item[0] != '/')
			return refuse(why, whylen, "%s=%.*s: not an absolute path", p->name, (int)len, item);
		if (++n > p->max)
			return refuse(why, whylen, "%s=: more than %u paths", p->name, p->max);
	}
	return 0;
}

/* integrity | none | REASON[,REASON...]: names once each, none decided by seal's own rules. */
static int check_lockdown(const struct seal_param *p, const char *value, char *why, size_t whylen)
{
	const char *cur = value, *item;
	size_t len;

	if (strcmp(value, SEAL_LOCKDOWN_INTEGRITY) == 0 || strcmp(value, SEAL_LOCKDOWN_NONE) == 0)
		return 0;
	while (list_next(&cur, &item, &len)) {
		const char *rest = cur, *other;
		size_t olen;

		if (len == 0)
			return refuse(why, whylen, "%s=%s: an empty reason in the list", p->name, value);
		if ((len == strlen(SEAL_LOCKDOWN_INTEGRITY) && memcmp(item, SEAL_LOCKDOWN_INTEGRITY, len) == 0) ||
		    (len == strlen(SEAL_LOCKDOWN_NONE) && memcmp(item, SEAL_LOCKDOWN_NONE, len) == 0))
			return refuse(why, whylen, "%s=%s: %.*s stands alone, it is not a reason of a list",
				      p->name, value, (int)len, item);
		if (lockdown_is_own_rule(item, len))
			return refuse(why, whylen, "%s=: %.*s is decided by seal's own rules, not by lockdown=",
				      p->name, (int)len, item);
		while (list_next(&rest, &other, &olen))
			if (olen == len && memcmp(other, item, len) == 0)
				return refuse(why, whylen, "%s=: %.*s given twice", p->name, (int)len, item);
	}
	return 0;
}

/* REASON[:PATH][,...]: at most p->max entries, each a non-empty reason and an absolute path if any. */
static int check_exemptions(const struct seal_param *p, const char *value, char *why, size_t whylen)
{
	const char *cur = value, *item;
	unsigned int n = 0;
	size_t len;

	while (list_next(&cur, &item, &len)) {
		const char *colon = memchr(item, ':', len);
		size_t rlen = colon ? (size_t)(colon - item) : len;

		if (rlen == 0)
			return refuse(why, whylen, "%s=%s: an entry without a reason", p->name, value);
		if (colon && (colon + 1 == item + len || colon[1] != '/'))
			return refuse(why, whylen, "%s=%.*s: not an absolute path after '%.*s:'", p->name,
				      (int)len, item, (int)rlen, item);
		if (++n > p->max)
			return refuse(why, whylen, "%s=: more than %u entries", p->name, p->max);
	}
	return 0;
}

int param_check_value(const struct seal_param *p, const char *value, char *why, size_t whylen)
{
	for (const unsigned char *c = (const unsigned char *)value; *c; c++)
		if (*c <= 0x20 || *c >= 0x7f || *c == '"')
			return refuse(why, whylen,
				      "%s=: a space, tab, quote, control character or byte from 0x80 in the value (seal.ko takes printable ASCII, its parameters separated by spaces)",
				      p->name);
	if (value[0] == '\0')
		return refuse(why, whylen, "%s= needs a value", p->name);
	if (strlen(value) >= p->size)
		return refuse(why, whylen, "%s=: %zu bytes, longer than seal.ko takes (%zu)", p->name,
			      strlen(value), p->size - 1);
	switch (p->kind) {
	case SEAL_PARAM_FLAG:
		if (strcmp(value, p->on) == 0 || strcmp(value, p->off) == 0)
			return 0;
		return refuse(why, whylen, "%s=%s: want %s or %s", p->name, value, p->off, p->on);
	case SEAL_PARAM_PROGRAMS:
		return check_paths(p, value, why, whylen);
	case SEAL_PARAM_FILE:
		if (value[0] != '/')
			return refuse(why, whylen, "%s=%s: not an absolute path", p->name, value);
		return 0;
	case SEAL_PARAM_LOCKDOWN:
		return check_lockdown(p, value, why, whylen);
	case SEAL_PARAM_EXEMPTIONS:
		return check_exemptions(p, value, why, whylen);
	}
	return refuse(why, whylen, "%s: a parameter of no known kind", p->name);
}

/*
 * A program seal.ko resolves by inode: it must exist (symlinks followed, as
 * seal.ko's kern_path(LOOKUP_FOLLOW)), be a regular file, and live on a
 * filesystem whose inode owns its bytes (params.h, SEAL_HOLE_FS_*).
 */
int param_check_program(const char *key, const char *path, size_t len, char *why, size_t whylen)
{
	char *copy = strndup(path, len), *real = NULL, type[256];
	struct stat st;
	int err = 0, dev;

	if (!copy)
		return -ENOMEM;
	if (stat(copy, &st) < 0) {
		err = -errno;
		refuse(why, whylen, "%s=%s: %s", key, copy, strerror(-err));
	} else if (!S_ISREG(st.st_mode)) {
		err = refuse(why, whylen, "%s=%s: not a regular file", key, copy);
	} else if (!(real = realpath(copy, NULL)) ||
		   (err = fs_type_of(real, mount_id_of(real), type, sizeof(type))) < 0) {
		err = err ? err : -errno;
		refuse(why, whylen, "%s=%s: cannot tell its filesystem: %s", key, copy, strerror(-err));
	} else if (name_in(type, hole_fs_memory, sizeof(hole_fs_memory) / sizeof(hole_fs_memory[0]))) {
		err = 0;
	} else if ((dev = fs_needs_device(type)) < 0) {
		err = dev;
		refuse(why, whylen, "%s=%s: cannot read /proc/filesystems: %s", key, copy, strerror(-err));
	} else if (!dev || name_in(type, hole_fs_refused, sizeof(hole_fs_refused) / sizeof(hole_fs_refused[0]))) {
		err = refuse(why, whylen,
			     "%s=%s: its filesystem, %s, does not keep a file's bytes in its inode (only local block-device filesystems, tmpfs and ramfs do): seal.ko refuses it; name a copy on a local filesystem",
			     key, copy, type);
	}
	free(real);
	free(copy);
	return err;
}
