// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of caller identity: (dev, ino) through symlinks and links, /proc/PID/exe, pid_runs. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "seal/seal.h"
#include "internal.h"
#include "tap.h"

static char tmpdir[] = "/tmp/seal-test-ident.XXXXXX";

#define in_tmp(name) tap_path(tmpdir, (name))

static int make_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

static void test_paths(void)
{
	struct seal_ident file, id;
	int err;

	if (make_file(in_tmp("prog"), "#!/bin/sh\n") < 0 ||
	    make_file(in_tmp("copy"), "#!/bin/sh\n") < 0 ||
	    symlink("prog", in_tmp("link1")) < 0 ||
	    symlink("link1", in_tmp("link2")) < 0 ||
	    symlink(in_tmp("link2"), in_tmp("link3")) < 0 ||
	    link(in_tmp("prog"), in_tmp("hard")) < 0 ||
	    symlink("loop-b", in_tmp("loop-a")) < 0 ||
	    symlink("loop-a", in_tmp("loop-b")) < 0 ||
	    symlink("missing", in_tmp("dangling")) < 0) {
		tap_result(0, "set up files and links", "in %s: %s", tmpdir, strerror(errno));
		return;
	}

	is_int(0, seal_ident_of_path(in_tmp("prog"), &file), "identity of a plain file");
	is_int(0, seal_ident_of_path(in_tmp("link1"), &id), "identity through a symlink");
	ok(seal_ident_equal(&file, &id), "symlink has the identity of its target");
	is_int(0, seal_ident_of_path(in_tmp("link3"), &id), "identity through a chain of 3 symlinks");
	ok(seal_ident_equal(&file, &id), "symlink chain ends at the file's identity");
	is_int(0, seal_ident_of_path(in_tmp("hard"), &id), "identity of a hard link");
	ok(seal_ident_equal(&file, &id), "hard link has the same identity");
	is_int(0, seal_ident_of_path(in_tmp("copy"), &id), "identity of a copy");
	ok(!seal_ident_equal(&file, &id), "a copy with the same bytes is a different file");

	err = seal_ident_of_path(in_tmp("missing"), &id);
	is_int(-ENOENT, err, "missing file is -ENOENT");
	err = seal_ident_of_path(in_tmp("dangling"), &id);
	is_int(-ENOENT, err, "dangling symlink is -ENOENT");
	err = seal_ident_of_path(in_tmp("loop-a"), &id);
	is_int(-ELOOP, err, "symlink loop is -ELOOP");
	err = seal_ident_of_path("", &id);
	is_int(-ENOENT, err, "empty path is -ENOENT");
}

static void test_self(void)
{
	struct seal_ident exe, self;
	char path[PATH_MAX];
	ssize_t n;

	n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	if (n <= 0) {
		printf("ok %d - /proc/self/exe is the test binary # SKIP /proc not mounted\n", ++tap_n);
		return;
	}
	path[n] = '\0';
	is_int(0, ident_of_pid("/proc", getpid(), &self), "identity of our own /proc/PID/exe");
	is_int(0, seal_ident_of_path(path, &exe), "identity of the test binary's path");
	ok(seal_ident_equal(&self, &exe), "/proc/PID/exe is the test binary");
	is_int(0, ident_of_pid(NULL, getpid(), &self), "NULL proc root means /proc");
	is_int(1, pid_runs(NULL, getpid(), path), "pid_runs: we run the test binary");
	is_int(0, pid_runs(NULL, getpid(), in_tmp("prog")), "pid_runs: we do not run prog");
	is_int(-ENOENT, pid_runs(NULL, getpid(), in_tmp("missing")),
	       "pid_runs: missing program path is -ENOENT");
	is_int(-EINVAL, ident_of_pid(NULL, 0, &self), "pid 0 is -EINVAL");
}

/* A child that execs /bin/sleep: through usr-merge /bin is itself a symlink on Debian 12. */
static void test_child(void)
{
	struct seal_ident self, cur;
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	pid_t pid;
	int i, status;

	if (access("/bin/sleep", X_OK) < 0) {
		printf("ok %d - a child running /bin/sleep is seen # SKIP no /bin/sleep\n", ++tap_n);
		return;
	}
	ident_of_pid(NULL, getpid(), &self);
	pid = fork();
	if (pid < 0) {
		ok(0, "fork");
		return;
	}
	if (pid == 0) {
		execl("/bin/sleep", "sleep", "10", (char *)NULL);
		_exit(127);
	}
	/* Until the child has exec'd, its exe is still ours. */
	for (i = 0; i < 300; i++) {
		if (ident_of_pid(NULL, pid, &cur) == 0 && !seal_ident_equal(&cur, &self))
			break;
		nanosleep(&ts, NULL);
	}
	is_int(1, pid_runs(NULL, pid, "/bin/sleep"), "pid_runs: the child runs /bin/sleep");
	is_int(1, pid_runs(NULL, pid, "/usr/bin/sleep"), "same answer for /usr/bin/sleep");
	is_int(0, pid_runs(NULL, pid, "/bin/true"), "pid_runs: the child is not /bin/true");
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	is_int(-ENOENT, pid_runs(NULL, pid, "/bin/sleep"), "a reaped pid is -ENOENT");
}

/* A fake proc root: ROOT/PID/exe is a symlink, as /proc shows it. */
static void test_fake_proc(void)
{
	struct seal_ident id, file;
	char pdir[700];

	snprintf(pdir, sizeof(pdir), "%s/proc/4242", tmpdir);
	if (mkdir(in_tmp("proc"), 0755) < 0 || mkdir(pdir, 0755) < 0 ||
	    symlink(in_tmp("prog"), in_tmp("proc/4242/exe")) < 0) {
		tap_result(0, "set up a fake proc root", "%s: %s", pdir, strerror(errno));
		return;
	}
	seal_ident_of_path(in_tmp("prog"), &file);
	is_int(0, ident_of_pid(in_tmp("proc"), 4242, &id), "fake proc root: pid 4242 resolves");
	ok(seal_ident_equal(&id, &file), "fake proc root: pid 4242 runs prog");
	is_int(1, pid_runs(in_tmp("proc"), 4242, in_tmp("link3")),
	       "fake proc root: prog named through a symlink chain matches");
	is_int(0, pid_runs(in_tmp("proc"), 4242, in_tmp("copy")),
	       "fake proc root: a copy of prog does not match");
	is_int(-ENOENT, ident_of_pid(in_tmp("proc"), 4243, &id), "fake proc root: no pid 4243");
}

int main(void)
{
	char cmd[128];

	if (!mkdtemp(tmpdir))
		skip_all("mkdtemp failed: no writable /tmp");
	test_paths();
	test_self();
	test_child();
	test_fake_proc();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	return tap_done();
}
