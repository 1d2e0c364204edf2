// SPDX-License-Identifier: LGPL-2.1-or-later
/* Kernel module files: read whole, and the names of module files and kernel releases. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seal/seal.h"
#include "internal.h"

void why_printf(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (!why || whylen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
}

int seal_module_read_fd(int fd, struct seal_module_image *img, char *why, size_t whylen)
{
	struct stat st;
	void *buf = NULL;
	size_t len = 0;
	int err;

	img->data = NULL;
	img->len = 0;
	if (fstat(fd, &st) < 0) {
		err = -errno;
		why_printf(why, whylen, "cannot stat: %s", strerror(-err));
		return err;
	}
	if (S_ISDIR(st.st_mode)) {
		why_printf(why, whylen, "is a directory, not a module file");
		return -EISDIR;
	}
	/* The kernel's kernel_read_file() refuses non-regular files the same way. */
	if (!S_ISREG(st.st_mode)) {
		why_printf(why, whylen, "not a regular file");
		return -EINVAL;
	}
	err = read_fd_whole(fd, MODULE_MAX_BYTES, &buf, &len);
	if (err == -EFBIG)
		why_printf(why, whylen, "larger than %zu bytes", (size_t)MODULE_MAX_BYTES);
	else if (err == -ENOMEM)
		why_printf(why, whylen, "out of memory");
	else if (err < 0)
		why_printf(why, whylen, "read error: %s", strerror(-err));
	if (err < 0)
		return err;
	img->data = buf;
	img->len = len;
	return 0;
}

int seal_module_read(const char *path, struct seal_module_image *img, char *why, size_t whylen)
{
	int fd, err;

	img->data = NULL;
	img->len = 0;
	/* O_NONBLOCK: a FIFO would hang open(); it is refused below (a regular file's reads ignore it) */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		err = -errno;
		why_printf(why, whylen, "cannot open: %s", strerror(-err));
		return err;
	}
	err = seal_module_read_fd(fd, img, why, whylen);
	close(fd);
	return err;
}

void seal_module_image_free(struct seal_module_image *img)
{
	if (!img)
		return;
	free(img->data);
	img->data = NULL;
	img->len = 0;
}

bool seal_is_kernel_release(const char *kver)
{
	return kver && kver[0] && !strchr(kver, '/') && strcmp(kver, ".") != 0 &&
	       strcmp(kver, "..") != 0;
}

bool seal_is_module_name(const char *path)
{
	static const char *const suffix[] = { ".ko", ".ko.xz", ".ko.zst", ".ko.gz" };
	const char *base;
	size_t i, blen;

	if (!path)
		return false;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	blen = strlen(base);
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		size_t slen = strlen(suffix[i]);

		/* At least one character of name before the suffix. */
		if (blen > slen && strcmp(base + blen - slen, suffix[i]) == 0)
			return true;
	}
	return false;
}
