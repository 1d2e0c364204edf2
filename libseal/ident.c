// SPDX-License-Identifier: LGPL-2.1-or-later
/* Identity of a program file as (device, inode), and whether a process runs that file. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>

#include "internal.h"

int seal_ident_of_path(const char *path, struct seal_ident *id)
{
	struct stat st;

	if (!path || !*path)
		return -ENOENT;
	/* stat(), not lstat(): the kernel's insmod= check sees the file a symlink ends at. */
	if (stat(path, &st) < 0)
		return -errno;
	id->dev = st.st_dev;
	id->ino = st.st_ino;
	return 0;
}

int ident_of_pid(const char *proc_root, pid_t pid, struct seal_ident *id)
{
	char exe[PATH_MAX];
	int n;

	if (pid <= 0)
		return -EINVAL;
	if (!proc_root)
		proc_root = "/proc";
	n = snprintf(exe, sizeof(exe), "%s/%d/exe", proc_root, (int)pid);
	if (n < 0 || (size_t)n >= sizeof(exe))
		return -ENAMETOOLONG;
	/*
	 * stat() through /proc/PID/exe reaches the inode the process runs even
	 * when that file was deleted or renamed since, which is what we want.
	 */
	return seal_ident_of_path(exe, id);
}

bool seal_ident_equal(const struct seal_ident *a, const struct seal_ident *b)
{
	return a->dev == b->dev && a->ino == b->ino;
}

int pid_runs(const char *proc_root, pid_t pid, const char *path)
{
	struct seal_ident p = { 0, 0 }, f = { 0, 0 };
	int err;

	err = ident_of_pid(proc_root, pid, &p);
	if (err < 0)
		return err;
	err = seal_ident_of_path(path, &f);
	if (err < 0)
		return err;
	return seal_ident_equal(&p, &f) ? 1 : 0;
}
