// SPDX-License-Identifier: LGPL-2.1-or-later
/* Replace a file atomically: write a temporary file beside it, fsync, rename over it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seal/seal.h"

int seal_write_atomic(const char *path, mode_t mode, int (*fill)(FILE *f, void *ctx), void *ctx)
{
	const char *slash = strrchr(path, '/');
	char *dir = NULL, *tmp = NULL;
	FILE *f = NULL;
	int fd = -1, dfd, err;

	dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	if (!dir || asprintf(&tmp, "%s/.%s.XXXXXX", dir, slash ? slash + 1 : path) < 0) {
		tmp = NULL;
		err = -ENOMEM;
		goto out;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		free(tmp);
		tmp = NULL;             /* nothing was created: nothing to unlink */
		goto out;
	}
	if (fchmod(fd, mode) < 0) {
		err = -errno;
		goto out;
	}
	f = fdopen(fd, "w");
	if (!f) {
		err = -errno;
		goto out;
	}
	fd = -1;
	err = fill(f, ctx);
	if (err < 0)
		goto out;
	if (fflush(f) != 0 || fsync(fileno(f)) < 0) {
		err = -errno;
		goto out;
	}
	err = fclose(f) != 0 ? -errno : 0;
	f = NULL;
	if (err < 0)
		goto out;
	if (rename(tmp, path) < 0) {
		err = -errno;
		goto out;
	}
	free(tmp);
	tmp = NULL;
	/* Make the rename itself durable; the new file is in place whatever this says. */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
out:
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	free(dir);
	return err;
}
