// SPDX-License-Identifier: LGPL-2.1-or-later
/* Replace a file atomically: write a temporary file beside it, fsync, rename over it. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seal/seal.h"

/*
 * What stops a program from outside and ends it by default: ^C, kill, a closed
 * terminal. Delivered between mkostemp() and rename(), each would leave the
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

int seal_write_atomic(const char *path, mode_t mode, int (*fill)(FILE *f, void *ctx), void *ctx)
{
	const char *slash = strrchr(path, '/');
	char *dir = NULL, *tmp = NULL;
	FILE *f = NULL;
	sigset_t held;
	int fd = -1, dfd, err;

	hold_stop_signals(&held);
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
	/* Asked to stop: it does, with the old file in place (a signal from here on finds the new one). */
	if (stop_pending(&held)) {
		err = -EINTR;
		goto out;
	}
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
	/* A held signal is delivered here, as it would have been, with nothing left behind. */
	(void)pthread_sigmask(SIG_UNBLOCK, &held, NULL);    /* cannot fail: a valid how and set */
	return err;
}
