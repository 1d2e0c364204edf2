/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest attacker, built as a shared library: LD_PRELOAD'ed into a loader, it calls init_module with the bytes of $ATTACK_MODULE before main(). */

/*
 * Built with gcc -shared -fPIC into /usr/lib/attack-preload.so. The
 * constructor prints "preload: init_module FILE: ok|ERRNO" on stderr and
 * ends the process, so the loader's own main() never runs: whatever the
 * kernel decided was decided for bytes the attacker chose, inside a process
 * whose executable is the named loader.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((constructor)) static void attack_preload(void)
{
	const char *path = getenv("ATTACK_MODULE");
	const char *name;
	struct stat st;
	char *buf;
	long rc;
	int fd, err;

	if (!path)
		return;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !(buf = malloc((size_t)st.st_size + 1)) ||
	    read(fd, buf, (size_t)st.st_size) != st.st_size) {
		fprintf(stderr, "preload: %s: %s\n", path, strerror(errno));
		_exit(2);
	}
	rc = syscall(SYS_init_module, buf, (unsigned long)st.st_size, "");
	err = errno;
	name = rc == 0 ? "ok" : strerrorname_np(err);
	fprintf(stderr, "preload: init_module %s: %s\n", path, name ? name : "E?");
	_exit(rc == 0 ? 0 : 1);
}
