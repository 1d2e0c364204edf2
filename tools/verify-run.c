// SPDX-License-Identifier: GPL-2.0-or-later
/* What seal-verify's checks share about the run: paths under --root, small text files, digests through the cache. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "shared/io.h"
#include "verify.h"

char *verify_path(const struct verify_ctx *v, const char *path)
{
	char *s;

	if (asprintf(&s, "%s%s", v->root, path) < 0)
		return NULL;
	return s;
}

/*
 * A file is opened without blocking and must be a regular one (-EISDIR for a
 * directory, else -EINVAL, which tool_open_strerror_at() says as "not a
 * regular file"): a FIFO put in its place would otherwise hang the check at
 * open() or read(), for ever. (A regular file's reads ignore O_NONBLOCK.) A
 * directory is opened with O_DIRECTORY.
 */
int verify_open_stat(const struct verify_ctx *v, const char *path, int flags, struct stat *st)
{
	int fd, err;

	fd = seal_root_openat(v->rootfd, path, flags | O_CLOEXEC | O_NONBLOCK, 0);
	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0)
		err = -errno;
	else if (!S_ISREG(st->st_mode))
		err = S_ISDIR(st->st_mode) ? -EISDIR : -EINVAL;
	else
		return fd;
	close(fd);
	return err;
}

int verify_open(const struct verify_ctx *v, const char *path, int flags)
{
	struct stat st;

	if (flags & O_DIRECTORY)
		return seal_root_openat(v->rootfd, path, flags | O_CLOEXEC, 0);
	return verify_open_stat(v, path, flags, &st);
}

int verify_read_text(const struct verify_ctx *v, const char *path, char *buf, size_t size)
{
	size_t off = 0;
	ssize_t r;
	int fd, err = 0;

	fd = verify_open(v, path, O_RDONLY);
	if (fd < 0)
		return fd;
	while (off + 1 < size) {
		r = read_retry(fd, buf + off, size - 1 - off);
		if (r < 0) {
			err = (int)r;
			break;
		}
		if (r == 0)
			break;
		off += (size_t)r;
	}
	buf[off] = '\0';
	if (err == 0 && off + 1 >= size)
		err = -EFBIG;
	close(fd);
	return err;
}

int verify_digest(struct verify_ctx *v, const char *path, const struct stat *st,
		  unsigned char *digest)
{
	struct stat before, after;
	int fd, err;

	/*
	 * The directory walk's stat of a regular file is enough to hit the cache:
	 * an unchanged tree is checked without opening a single module file.
	 */
	if (st && S_ISREG(st->st_mode) && seal_cache_get(v->cache, st, v->alg, false, digest)) {
		v->cached++;
		return 0;
	}
	fd = verify_open_stat(v, path, O_RDONLY | O_NOCTTY, &before);
	if (fd < 0)
		return fd;
	if (seal_cache_get(v->cache, &before, v->alg, false, digest)) {
		v->cached++;
		err = 0;
		goto out;
	}
	err = seal_hash_fd(v->alg, fd, digest);
	if (err < 0)
		goto out;
	v->hashed++;
	DBG("hashed %s%s\n", v->root, path);
	/* Written to while we read: the digest is used, and not cached (seal_cache_put checks). */
	if (fstat(fd, &after) == 0)
		seal_cache_put(v->cache, path, &before, &after, v->alg, false, digest);
out:
	close(fd);
	return err;
}

int verify_sha256(const struct verify_ctx *v, const char *path, unsigned char *digest)
{
	int fd, err;

	fd = verify_open(v, path, O_RDONLY | O_NOCTTY);
	if (fd < 0)
		return fd;
	err = seal_hash_fd(SEAL_ALG_SHA256, fd, digest);
	close(fd);
	return err;
}
