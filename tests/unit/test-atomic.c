// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of seal_write_atomic: the file replaced whole or not at all, and no temporary file left by a signal. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seal/seal.h"
#include "tap.h"

static char tmpdir[] = "/tmp/seal-test-atomic.XXXXXX";
static const char *target;

#define OLD "the old list\n"
#define NEW "the new list, longer than the old one\n"

static volatile sig_atomic_t caught;

static void on_term(int sig)
{
	caught = sig;
}

/* fill: half the new text, then the signal (0: none) sent to this process as a user would, then the rest. */
struct fill_ctx {
	int sig;
	int caught_in_fill;     /* what the handler had caught by then */
};

static int fill_signalled(FILE *f, void *ctx)
{
	struct fill_ctx *c = ctx;

	if (fputs("the new list, ", f) == EOF || fflush(f) != 0)
		return -EIO;
	if (c->sig)
		kill(getpid(), c->sig);
	c->caught_in_fill = caught;
	return fputs("longer than the old one\n", f) == EOF ? -EIO : 0;
}

static bool file_is(const char *path, const char *want)
{
	char buf[256];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return false;
	buf[n] = '\0';
	return strcmp(buf, want) == 0;
}

static void put_old(void)
{
	FILE *f = fopen(target, "we");

	if (!f || fputs(OLD, f) == EOF || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", target);
		exit(1);
	}
}

/* The names in tmpdir other than the list itself, the temporary files left behind: counted, named, removed. */
static int strays(char *names, size_t size)
{
	struct dirent *d;
	DIR *dir = opendir(tmpdir);
	int n = 0;

	names[0] = '\0';
	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 || strcmp(d->d_name, "list") == 0)
			continue;
		n++;
		strncat(names, d->d_name, size - strlen(names) - 2);
		strcat(names, " ");
		unlinkat(dirfd(dir), d->d_name, 0);
	}
	closedir(dir);
	return n;
}

/* sig sent while the new file is being written, by default disposition: the process ends by it, nothing left. */
static void test_killed(int sig, const char *name)
{
	struct fill_ctx c = { .sig = sig };
	char msg[160], left[512];
	int status = 0;
	pid_t pid;

	put_old();
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		sigset_t one;

		sigemptyset(&one);
		sigaddset(&one, sig);
		sigprocmask(SIG_UNBLOCK, &one, NULL);
		signal(sig, SIG_DFL);
		_exit(seal_write_atomic(target, 0644, fill_signalled, &c) == 0 ? 0 : 3);
	}
	waitpid(pid, &status, 0);
	snprintf(msg, sizeof(msg), "%s during the write: the writer ends by it", name);
	tap_result(WIFSIGNALED(status) && WTERMSIG(status) == sig, msg, "expected death by signal %d, got status 0x%x",
		   sig, (unsigned)status);
	snprintf(msg, sizeof(msg), "%s during the write: no temporary file left", name);
	tap_result(strays(left, sizeof(left)) == 0, msg, "left behind: %s", left);
	snprintf(msg, sizeof(msg), "%s during the write: the old file as it was", name);
	ok(file_is(target, OLD), msg);
}

int main(void)
{
	struct fill_ctx c = { .sig = 0 };
	struct sigaction sa = { .sa_handler = on_term };
	sigset_t before, after, pending;
	char left[512];
	int err;

	if (!mkdtemp(tmpdir))
		skip_all("mkdtemp failed: no writable /tmp");
	target = tap_path(tmpdir, "list");

	put_old();
	err = seal_write_atomic(target, 0644, fill_signalled, &c);
	is_int(0, err, "no signal: written");
	ok(file_is(target, NEW), "no signal: the new file in place");
	is_int(0, strays(left, sizeof(left)), "no signal: no temporary file left");

	test_killed(SIGTERM, "SIGTERM");
	test_killed(SIGINT, "SIGINT");
	test_killed(SIGHUP, "SIGHUP");

	/* A handler: the write stops (-EINTR), then the handler runs, with the caller's mask as it was. */
	put_old();
	sigaction(SIGTERM, &sa, NULL);
	sigprocmask(SIG_BLOCK, NULL, &before);
	c.sig = SIGTERM;
	err = seal_write_atomic(target, 0644, fill_signalled, &c);
	sigprocmask(SIG_BLOCK, NULL, &after);
	is_int(-EINTR, err, "SIGTERM caught by a handler: the write stops with -EINTR");
	is_int(0, c.caught_in_fill, "SIGTERM caught by a handler: held while the file was written");
	is_int(SIGTERM, caught, "SIGTERM caught by a handler: the handler ran, after the write");
	ok(file_is(target, OLD), "SIGTERM caught by a handler: the old file as it was");
	is_int(0, strays(left, sizeof(left)), "SIGTERM caught by a handler: no temporary file left");
	ok(sigismember(&after, SIGTERM) == 0 && sigismember(&after, SIGINT) == 0 && sigismember(&after, SIGHUP) == 0,
	   "after the write: the caller's mask restored");
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTERM, &sa, NULL);

	/* Ignored by the caller: no reason to stop (a blocked signal is kept pending even when ignored). */
	put_old();
	signal(SIGHUP, SIG_IGN);
	c.sig = SIGHUP;
	err = seal_write_atomic(target, 0644, fill_signalled, &c);
	is_int(0, err, "SIGHUP ignored by the caller: written");
	ok(file_is(target, NEW), "SIGHUP ignored by the caller: the new file in place");
	signal(SIGHUP, SIG_DFL);

	/* Blocked by the caller (it reads them its own way): not the write's business, left pending. */
	put_old();
	sigemptyset(&before);
	sigaddset(&before, SIGINT);
	sigprocmask(SIG_BLOCK, &before, NULL);
	c.sig = SIGINT;
	err = seal_write_atomic(target, 0644, fill_signalled, &c);
	sigpending(&pending);
	sigprocmask(SIG_BLOCK, NULL, &after);
	is_int(0, err, "SIGINT blocked by the caller: written");
	ok(file_is(target, NEW), "SIGINT blocked by the caller: the new file in place");
	ok(sigismember(&pending, SIGINT) == 1, "SIGINT blocked by the caller: still pending, for the caller");
	ok(sigismember(&after, SIGINT) == 1, "SIGINT blocked by the caller: still blocked");
	signal(SIGINT, SIG_IGN);        /* discards the pending one */
	sigprocmask(SIG_UNBLOCK, &before, NULL);

	unlink(target);
	rmdir(tmpdir);
	return tap_done();
}
