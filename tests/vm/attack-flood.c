/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest attacker: N open(PATH, O_WRONLY) calls from P processes at once, counting how each ended. */

/*
 *   attack-flood PATH N P
 *
 * Each of the P processes makes N attempts. Prints "attempts=P*N EPERM=x
 * ok=y other=z" and exits 0 when every attempt was refused with EPERM.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n, p, i, *counts;
	int status;

	if (argc != 4 || (n = atol(argv[2])) <= 0 || (p = atol(argv[3])) <= 0 || p > 64) {
		fprintf(stderr, "usage: attack-flood PATH N P   (P <= 64)\n");
		return 2;
	}
	/* per process: [0] EPERM, [1] ok, [2] other */
	counts = mmap(NULL, (size_t)p * 3 * sizeof(long), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counts == MAP_FAILED)
		return 2;
	for (i = 0; i < p; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return 2;
		if (pid == 0) {
			long *c = counts + 3 * i, k;

			for (k = 0; k < n; k++) {
				int fd = open(argv[1], O_WRONLY | O_CLOEXEC);

				if (fd >= 0) {
					close(fd);
					c[1]++;
				} else if (errno == EPERM) {
					c[0]++;
				} else {
					c[2]++;
				}
			}
			_exit(0);
		}
	}
	while (wait(&status) > 0)
		;
	for (i = 1; i < p; i++) {
		counts[0] += counts[3 * i];
		counts[1] += counts[3 * i + 1];
		counts[2] += counts[3 * i + 2];
	}
	printf("attempts=%ld EPERM=%ld ok=%ld other=%ld\n", n * p, counts[0], counts[1], counts[2]);
	return counts[0] == n * p ? 0 : 1;
}
