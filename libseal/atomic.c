// SPDX-License-Identifier: LGPL-2.1-or-later
/* Replace a file atomically: write a temporary file beside it, fsync, rename over it. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "seal/seal.h"
#include "internal.h"

/*
 * What stops a program from outside and ends it by default: ^C, kill, a closed
 * terminal. Delivered between the temporary file's creation and rename(), each would leave the
 * hidden temporary file behind for good.
 */
static const int stop_signals[] = { SIGHUP, SIGINT, SIGTERM };

/*
 * Block, in the calling thread, those of stop_signals the caller neither
 * blocks nor ignores (a blocked signal is kept pending even when ignored, and
 * must not abort the write then). *held is what was blocked here.
 */
static void hold_stop_signals(sigset_t *held)
{
	struct sigaction sa;
	sigset_t mask;

	sigemptyset(held);
	if (pthread_sigmask(SIG_BLOCK, NULL, &mask) != 0)
		return;
	for (size_t i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++) {
		if (sigismember(&mask, stop_signals[i]) == 1)
			continue;
		if (sigaction(stop_signals[i], NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			continue;
		sigaddset(held, stop_signals[i]);
	}
	if (pthread_sigmask(SIG_BLOCK, held, NULL) != 0)
		sigemptyset(held);
}

/* Has one of the held signals arrived meanwhile? */
static bool stop_pending(const sigset_t *held)
{
	sigset_t pending;

	if (sigpending(&pending) < 0)
		return false;
	for (size_t i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++)
		if (sigismember(held, stop_signals[i]) == 1 && sigismember(&pending, stop_signals[i]) == 1)
			return true;
	return false;
}

/* Six characters for the temporary file's name, as mkstemp(3) takes, from getrandom(2) or, failing that, the clock. */
static void tmp_suffix(char *x, unsigned int attempt)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	uint64_t r;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		r = (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 30 ^ (uint64_t)getpid() << 40 ^ attempt;
	}
	for (int i = 0; i < 6; i++, r /= sizeof(set) - 1)
		x[i] = set[r % (sizeof(set) - 1)];
}

/* ".NAME.XXXXXX" made anew in dfd (mode 0600, as mkstemp makes it): its descriptor, or -errno. */
static int create_tmp(int dfd, char *tmp)
{
	char *x = tmp + strlen(tmp) - 6;

	for (unsigned int attempt = 0; attempt < 100; attempt++) {
		int fd;

		tmp_suffix(x, attempt);
		fd = openat(dfd, tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd < 0 ? -errno : fd;
	}
	return -EEXIST;
}

int seal_write_atomic(const char *path, mode_t mode, int (*fill)(FILE *f, void *ctx), void *ctx)
{
	return seal_write_atomic_at(SEAL_ROOT_HOST, path, mode, fill, ctx);
}

/*
 * The directory is opened once and everything is made relative to it: the
 * temporary file, the rename, the fsync are in the directory found inside the
 * root, whatever its path leads to on the host.
 */
int seal_write_atomic_at(int rootfd, const char *path, mode_t mode, int (*fill)(FILE *f, void *ctx),
			 void *ctx)
{
	const char *name;
	char *tmp = NULL;
	FILE *f = NULL;
	sigset_t held;
	int fd = -1, dfd, syncfd, err;
	bool made = false;

	hold_stop_signals(&held);
	dfd = root_open_parent(rootfd, path, &name);
	if (dfd < 0) {
		err = dfd;
		goto out;
	}
	if (asprintf(&tmp, ".%s.XXXXXX", name) < 0) {
		tmp = NULL;
		err = -ENOMEM;
		goto out;
	}
	fd = create_tmp(dfd, tmp);
	if (fd < 0) {
		err = fd;
		goto out;
	}
	made = true;
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
	/* Asked to stop: it does, with the old file in place (a signal from here on finds the new one). */
	if (stop_pending(&held)) {
		err = -EINTR;
		goto out;
	}
	if (renameat(dfd, tmp, dfd, name) < 0) {
		err = -errno;
		goto out;
	}
	made = false;
	/* Make the rename itself durable; the new file is in place whatever this says. */
	syncfd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (syncfd >= 0) {
		(void)fsync(syncfd);
		close(syncfd);
	}
out:
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	if (made)
		unlinkat(dfd, tmp, 0);
	free(tmp);
	if (dfd >= 0)
		close(dfd);
	/* A held signal is delivered here, as it would have been, with nothing left behind. */
	(void)pthread_sigmask(SIG_UNBLOCK, &held, NULL);    /* cannot fail: a valid how and set */
	return err;
}
