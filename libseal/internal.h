/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by libseal's own files; not exported (libseal.sym exports seal_* only). */
#ifndef SEAL_LIBSEAL_INTERNAL_H
#define SEAL_LIBSEAL_INTERNAL_H

#include <stddef.h>
#include <sys/types.h>

/* read(2) that retries on EINTR: returns the byte count, 0 at EOF, or -errno. */
ssize_t read_retry(int fd, void *buf, size_t len);

/*
 * Read fd from its offset to EOF into a new malloc'd buffer (*bufp, never NULL
 * on success, *lenp bytes). st_size is used as a hint only: pipes, /proc files
 * and files that grow are read to their real end. -EFBIG past max bytes.
 */
int read_fd_whole(int fd, size_t max, void **bufp, size_t *lenp);
/* The same for the file at path: -EISDIR for a directory, -errno if it can't be opened. */
int read_path_whole(const char *path, size_t max, void **bufp, size_t *lenp);

#endif
