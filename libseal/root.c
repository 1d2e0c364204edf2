// SPDX-License-Identifier: LGPL-2.1-or-later
/* Paths inside a root directory, resolved as chroot(2) would: openat2(2) with RESOLVE_IN_ROOT. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "seal/seal.h"
#include "internal.h"

/*
 * A rename or a mount anywhere on the system while the walk crosses ".." makes
 * RESOLVE_IN_ROOT fail with EAGAIN rather than risk an escape (openat2(2));
 * the walk is simply made again.
 */
#define EAGAIN_RETRIES 32

/* glibc 2.36 (Debian 12) has no openat2() wrapper. */
static int openat2_in_root(int rootfd, const char *path, int flags, mode_t mode)
{
	struct open_how how = {
		.flags = (uint64_t)(unsigned int)flags,
		/* openat2 refuses a mode without O_CREAT or O_TMPFILE (open(2) ignores it) */
		.mode = (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? mode : 0,
		.resolve = RESOLVE_IN_ROOT,
	};

	for (int i = 0;; i++) {
		long fd = syscall(SYS_openat2, rootfd, path, &how, sizeof(how));

		if (fd >= 0)
			return (int)fd;
		if (errno != EAGAIN || i == EAGAIN_RETRIES)
			return -errno;
	}
}

int seal_root_open(const char *dir)
{
	int fd, probe;

	fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	/* -100 is SEAL_ROOT_HOST: an open that failed with ENETDOWN (FUSE can) must not read as the host */
	if (fd < 0)
		return -errno == SEAL_ROOT_HOST ? -EIO : -errno;
	/*
	 * Without openat2 (Linux < 5.6: ENOSYS; a seccomp filter that denies it: EPERM, which
	 * an O_PATH open of the directory just opened gives for nothing else) nothing could be
	 * opened inside: say so now, once, as -ENOSYS.
	 */
	probe = openat2_in_root(fd, "/", O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
	if (probe < 0) {
		close(fd);
		return probe == -EPERM ? -ENOSYS : probe == SEAL_ROOT_HOST ? -EIO : probe;
	}
	close(probe);
	return fd;
}

int seal_root_openat(int rootfd, const char *path, int flags, mode_t mode)
{
	int fd;

	if (rootfd == SEAL_ROOT_HOST) {
		fd = open(path, flags, mode);
		return fd < 0 ? -errno : fd;
	}
	/* a failed seal_root_open() passed on is not the host: nothing is opened (fail closed) */
	if (rootfd < 0)
		return -EBADF;
	return openat2_in_root(rootfd, path, flags, mode);
}

int seal_root_stat(int rootfd, const char *path, struct stat *st, int flags)
{
	int fd, err = 0;

	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	if (rootfd == SEAL_ROOT_HOST)
		return fstatat(AT_FDCWD, path, st, flags) < 0 ? -errno : 0;
	fd = seal_root_openat(rootfd, path,
			      O_PATH | O_CLOEXEC | (flags & AT_SYMLINK_NOFOLLOW ? O_NOFOLLOW : 0), 0);
	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0)
		err = -errno;
	close(fd);
	return err;
}

int root_open_parent(int rootfd, const char *path, const char **name)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	*name = slash ? slash + 1 : path;
	if (!**name)
		return -EISDIR;
	/* "." and ".." name the parent itself or its own parent: no file to make or rename there */
	if (strcmp(*name, ".") == 0 || strcmp(*name, "..") == 0)
		return -EINVAL;
	dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	if (!dir)
		return -ENOMEM;
	fd = seal_root_openat(rootfd, dir, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
	free(dir);
	return fd;
}

/* mkdir(path, mode), the last component made in its parent as found inside the root. */
static int mkdir_in_root(int rootfd, const char *path, mode_t mode)
{
	const char *name;
	int dfd, err = 0;

	if (rootfd == SEAL_ROOT_HOST)
		return mkdir(path, mode) < 0 ? -errno : 0;
	dfd = root_open_parent(rootfd, path, &name);
	if (dfd < 0)
		return dfd;
	if (mkdirat(dfd, name, mode) < 0)
		err = -errno;
	close(dfd);
	return err;
}

int seal_mkdir_parents_at(int rootfd, const char *path, mode_t mode)
{
	char *dir = strdup(path);
	int err = 0;

	if (!dir)
		return -ENOMEM;
	for (char *p = dir + 1; *p; p++) {
		/* "a//b": the empty name between two slashes is no directory to make (mkdir("/a/") is EEXIST) */
		if (*p != '/' || p[-1] == '/')
			continue;
		*p = '\0';
		err = mkdir_in_root(rootfd, dir, mode);
		*p = '/';
		if (err == -EEXIST)
			err = 0;
		if (err < 0)
			break;
	}
	free(dir);
	return err;
}
