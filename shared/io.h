/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* read(2) and write(2) through EINTR: the one retry loop of libseal and the tools. */
#ifndef SEAL_SHARED_IO_H
#define SEAL_SHARED_IO_H

#include <stddef.h>
#include <sys/types.h>

/* read(2) that retries on EINTR: returns the byte count, 0 at EOF, or -errno. */
ssize_t read_retry(int fd, void *buf, size_t len);
/* Write all len bytes, retrying on EINTR and after short writes: 0 or -errno. */
int write_all(int fd, const void *buf, size_t len);

#endif
