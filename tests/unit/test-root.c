// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of libseal's paths inside a root: absolute symlinks and ".." resolve there, as in a chroot. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seal/seal.h"
#include "tap.h"

/*
 * tmpdir/outside exists on the host and, under the same name, inside the root
 * (root + tmpdir/outside), with other bytes: what is read says which was opened.
 */
static char tmpdir[256];
static char root[300];

static void bail(const char *what, const char *path)
{
	printf("Bail out! %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void mkdirs(const char *path)
{
	char cmd[1400];

	snprintf(cmd, sizeof(cmd), "mkdir -p -- '%s'", path);
	if (system(cmd) != 0)
		bail("mkdir -p", path);
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "we");

	if (!f || fputs(text, f) == EOF || fclose(f) != 0)
		bail("cannot write", path);
}

static void link_to(const char *target, const char *path)
{
	if (symlink(target, path) < 0)
		bail("symlink", path);
}

/* The first line of path opened inside rootfd, or the error. */
static const char *read_in(int rootfd, const char *path)
{
	static char buf[8][128];
	static int k;
	char *b = buf[k++ % 8];
	int fd = seal_root_openat(rootfd, path, O_RDONLY | O_CLOEXEC, 0);
	ssize_t n;

	if (fd < 0) {
		snprintf(b, sizeof(buf[0]), "error: %s", strerror(-fd));
		return b;
	}
	n = read(fd, b, sizeof(buf[0]) - 1);
	close(fd);
	b[n > 0 ? n : 0] = '\0';
	b[strcspn(b, "\n")] = '\0';
	return b;
}

static int walk_collect(void *ctx, const struct seal_tree_entry *e)
{
	char *out = ctx;
	size_t used = strlen(out);

	snprintf(out + used, 512 - used, "%s %s %s;", e->kind == SEAL_TREE_MODULE ? "MODULE" :
		 e->kind == SEAL_TREE_ERROR ? "ERROR" : "SKIPPED", e->path,
		 e->st ? (e->st->st_size == 7 ? "7-bytes" : "other-size") : "-");
	return 0;
}

static int fill_text(FILE *f, void *ctx)
{
	return fputs(ctx, f) == EOF ? -EIO : 0;
}

static void test_open(int rootfd)
{
	char target[700], up[800];
	struct stat st, want;
	int r;

	/* a symlink to an absolute path: the host's tmpdir/outside outside, the root's inside */
	snprintf(target, sizeof(target), "%s/outside", tmpdir);
	link_to(target, tap_path(root, "abs"));
	is_str("inside", read_in(rootfd, "/abs"), "an absolute symlink resolves inside the root");
	is_str("host", read_in(SEAL_ROOT_HOST, tap_path(root, "abs")), "SEAL_ROOT_HOST: the same link, on the host");
	is_str("inside", read_in(rootfd, target), "an absolute path is a path inside the root");

	/* ".." past the root stops at it, in a link and in the path given */
	snprintf(up, sizeof(up), "../../../../../../../../../../../..%s/outside", tmpdir);
	link_to(up, tap_path(root, "dotdot"));
	is_str("inside", read_in(rootfd, "/dotdot"), "a relative symlink's \"..\" stops at the root");
	snprintf(up, sizeof(up), "/../../../../../../../../../../../..%s/outside", tmpdir);
	is_str("inside", read_in(rootfd, up), "\"..\" in the path given stops at the root");

	/* merged /usr: /lib -> usr/lib and /lib -> /usr/lib are both the root's /usr/lib */
	mkdirs(tap_path(root, "usr/lib/modules"));
	put(tap_path(root, "usr/lib/modules/sha256sums"), "usr-lib\n");
	link_to("usr/lib", tap_path(root, "lib"));
	is_str("usr-lib", read_in(rootfd, "/lib/modules/sha256sums"), "/lib -> usr/lib (relative): the root's /usr/lib");
	unlink(tap_path(root, "lib"));
	link_to("/usr/lib", tap_path(root, "lib"));
	is_str("usr-lib", read_in(rootfd, "/lib/modules/sha256sums"), "/lib -> /usr/lib (absolute): the root's /usr/lib");

	r = seal_root_stat(rootfd, "/abs", &st, AT_SYMLINK_NOFOLLOW);
	is_int(0, r, "seal_root_stat AT_SYMLINK_NOFOLLOW: 0");
	ok(r == 0 && S_ISLNK(st.st_mode), "seal_root_stat AT_SYMLINK_NOFOLLOW: the link itself");
	snprintf(up, sizeof(up), "%s%s/outside", root, tmpdir);
	r = seal_root_stat(rootfd, "/abs", &st, 0);
	ok(r == 0 && stat(up, &want) == 0 && st.st_ino == want.st_ino && st.st_dev == want.st_dev,
	   "seal_root_stat follows the link inside the root");
	is_int(-ENOENT, seal_root_stat(rootfd, "/nothing", &st, 0), "seal_root_stat of nothing: -ENOENT");
	is_int(-EINVAL, seal_root_stat(rootfd, "/abs", &st, AT_EMPTY_PATH), "seal_root_stat: other flags -EINVAL");

	/* a failed seal_root_open() passed on opens nothing, on the host least of all */
	is_int(-EBADF, seal_root_openat(-ENOENT, target, O_RDONLY, 0), "a negative rootfd (an error): -EBADF");
	is_int(-EBADF, seal_root_stat(-1, target, &st, 0), "seal_root_stat, rootfd -1: -EBADF");
}

/* Files made inside the root go into the root's directories, whatever their path is on the host. */
static void test_write(int rootfd)
{
	char hostvar[700], inside[800], target[700];
	struct stat st;
	int r;

	snprintf(hostvar, sizeof(hostvar), "%s/hostvar", tmpdir);
	mkdirs(hostvar);
	snprintf(inside, sizeof(inside), "%s%s/hostvar", root, tmpdir);
	mkdirs(inside);
	link_to(hostvar, tap_path(root, "var"));

	r = seal_mkdir_parents_at(rootfd, "/var/lib/seal/state", 0700);
	is_int(0, r, "seal_mkdir_parents_at through /var -> HOSTVAR: 0");
	ok(stat(tap_path(inside, "lib/seal"), &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700,
	   "the directories are made inside the root, mode 0700");
	ok(stat(tap_path(hostvar, "lib"), &st) < 0 && errno == ENOENT, "nothing is made on the host");
	r = seal_write_atomic_at(rootfd, "/var/lib/seal/state", 0600, fill_text, "new\n");
	is_int(0, r, "seal_write_atomic_at through /var -> HOSTVAR: 0");
	is_str("new", read_in(SEAL_ROOT_HOST, tap_path(inside, "lib/seal/state")), "the file is written inside the root");
	ok(stat(tap_path(inside, "lib/seal/state"), &st) == 0 && (st.st_mode & 0777) == 0600, "with its mode");

	/* the file itself a symlink out of the root: replaced, never written through */
	snprintf(target, sizeof(target), "%s/outside", tmpdir);
	link_to(target, tap_path(inside, "lib/seal/link"));
	r = seal_write_atomic_at(rootfd, "/var/lib/seal/link", 0600, fill_text, "replaced\n");
	is_int(0, r, "seal_write_atomic_at over a symlink: 0");
	is_str("host", read_in(SEAL_ROOT_HOST, target), "the host file it pointed to is as it was");
	is_str("inside", read_in(rootfd, target), "the root's file of that name too");
	ok(lstat(tap_path(inside, "lib/seal/link"), &st) == 0 && S_ISREG(st.st_mode), "the link is now the file");

	is_int(-ENOENT, seal_write_atomic_at(rootfd, "/none/x", 0600, fill_text, "x\n"),
	       "seal_write_atomic_at, no such directory: -ENOENT");

	/* "a//b" as on the host: the empty name between the slashes is not a directory to make */
	r = seal_mkdir_parents_at(rootfd, "/var//lib//seal2/state", 0700);
	is_int(0, r, "seal_mkdir_parents_at with doubled slashes: 0");
	ok(stat(tap_path(inside, "lib/seal2"), &st) == 0 && S_ISDIR(st.st_mode),
	   "with doubled slashes: the directory is made inside the root");
	/* ".." or "." as the last name is no file in its parent: nothing is made or replaced there */
	is_int(-EINVAL, seal_write_atomic_at(rootfd, "/var/lib/..", 0600, fill_text, "x\n"),
	       "seal_write_atomic_at of PATH/..: -EINVAL");
	is_int(-EINVAL, seal_write_atomic_at(rootfd, "/..", 0600, fill_text, "x\n"),
	       "seal_write_atomic_at of /..: -EINVAL (not the root's host parent)");
}

/* The module tree: a module that is an absolute symlink is the root's file. */
static void test_walk(int rootfd)
{
	char moddir[700], target[700], seen[512] = "";

	snprintf(moddir, sizeof(moddir), "%s/usr/lib/modules/6.1.0-test/kernel", root);
	mkdirs(moddir);
	snprintf(target, sizeof(target), "%s/outside.ko", tmpdir);
	put(target, "host module, longer\n");
	put(tap_path(root, target), "inside\n");        /* 7 bytes */
	link_to(target, tap_path(moddir, "a.ko"));
	seal_module_tree_walk_at(rootfd, "/lib/modules/6.1.0-test", walk_collect, seen);
	is_str("MODULE /lib/modules/6.1.0-test/kernel/a.ko 7-bytes;", seen,
	       "tree walk inside the root: through /lib -> /usr/lib, the link's target there");
}

int main(void)
{
	const char *t = getenv("TMPDIR");
	char cmd[700];
	int rootfd;

	snprintf(tmpdir, sizeof(tmpdir), "%s/seal-test-root.XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir))
		skip_all("mkdtemp failed: no writable TMPDIR");
	snprintf(root, sizeof(root), "%s/root", tmpdir);
	mkdirs(tap_path(root, tmpdir));
	put(tap_path(tmpdir, "outside"), "host\n");
	put(tap_path(root, tap_path(tmpdir, "outside")), "inside\n");

	rootfd = seal_root_open(root);
	if (rootfd == -ENOSYS)
		skip_all("openat2(2) is missing: a kernel older than 5.6");
	ok(rootfd >= 0, "seal_root_open of a directory: a descriptor");
	if (rootfd >= 0) {
		test_open(rootfd);
		test_write(rootfd);
		test_walk(rootfd);
		close(rootfd);
	}
	is_int(-ENOTDIR, seal_root_open(tap_path(tmpdir, "outside")), "seal_root_open of a file: -ENOTDIR");

	snprintf(cmd, sizeof(cmd), "rm -rf -- '%s'", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	return tap_done();
}
