// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of whole sums lists: loading files, FILE:LINE reports, lookup, escaping, 10^6 entries. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seal/seal.h"
#include "tap.h"

#define SHA_A "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA_B "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_C "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
#define MD5_A "d41d8cd98f00b204e9800998ecf8427e"

static char tmpdir[] = "/tmp/seal-test-sums.XXXXXX";

static void reports_reset(struct tap_reports *r)
{
	r->used = 0;
	r->n = 0;
	r->text[0] = '\0';
}

static char *write_file(const char *name, const char *data, size_t len)
{
	static char path[4][512];
	static int k;
	char *p = path[k++ % 4];
	int fd;

	snprintf(p, sizeof(path[0]), "%s/%s", tmpdir, name);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len) {
		printf("# cannot write %s: %s\n", p, strerror(errno));
		exit(1);
	}
	close(fd);
	return p;
}

static void unhex(const char *hex, unsigned char *out)
{
	size_t i;

	for (i = 0; hex[2 * i]; i++) {
		unsigned int b;

		sscanf(hex + 2 * i, "%2x", &b);
		out[i] = (unsigned char)b;
	}
}

static void test_good_file(void)
{
	static const char list[] =
		"# modules of a test tree\n"
		"\n"
		SHA_B "  kernel/b.ko\r\n"
		SHA_A " *kernel/a.ko\r\n"
		"\\" SHA_C "  kernel/new\\nline\\\\back.ko\n"
		SHA_A "  kernel/a-copy.ko";            /* duplicate digest, no final newline */
	struct seal_sums *s = NULL;
	struct tap_reports r = { .used = 0 };
	const struct seal_sums_entry *e;
	unsigned char d[SEAL_DIGEST_MAX];
	int err;

	err = seal_sums_load(write_file("good", list, sizeof(list) - 1), tap_collect, &r, &s);
	is_int(0, err, "good list with comments, CRLF, '*', escapes and no final newline loads");
	is_int(0, r.n, "good list reports nothing");
	if (!s)
		return;
	is_int(4, seal_sums_count(s), "good list has 4 entries");
	is_int(SEAL_ALG_SHA256, seal_sums_alg(s), "good list is SHA-256");

	e = seal_sums_entry_at(s, 0);
	is_str("kernel/b.ko", e ? e->path : NULL, "entry 0 is the first line in file order");
	is_int(3, e ? (long long)e->line : -1, "entry 0 came from line 3");
	e = seal_sums_entry_at(s, 2);
	is_str("kernel/new\nline\\back.ko", e ? e->path : NULL, "escaped path is unescaped");
	ok(seal_sums_entry_at(s, 4) == NULL, "entry past the end is NULL");

	unhex(SHA_A, d);
	e = seal_sums_lookup(s, d);
	is_str("kernel/a.ko", e ? e->path : NULL, "duplicate digest: lookup gives the first in the file");
	is_int(4, e ? (long long)e->line : -1, "duplicate digest: the entry of line 4");
	unhex(SHA_C, d);
	e = seal_sums_lookup(s, d);
	ok(e && e->line == 5, "lookup finds the escaped entry of line 5");
	d[31] ^= 1;
	ok(seal_sums_lookup(s, d) == NULL, "one flipped bit: lookup misses");
	memset(d, 0, sizeof(d));
	ok(seal_sums_lookup(s, d) == NULL, "all-zero digest: lookup misses");
	memset(d, 0xff, sizeof(d));
	ok(seal_sums_lookup(s, d) == NULL, "all-ones digest: lookup misses");
	seal_sums_free(s);
}

static void test_bad_file(void)
{
	static const char list[] =
		SHA_A "  a.ko\n"
		"# fine\n"
		SHA_B " b.ko\n"                        /* line 3: one space */
		MD5_A "  c.ko\n"                       /* line 4: mixed */
		SHA_C "  d.ko\n"
		"\\" SHA_C "  bad\\tescape.ko\n";      /* line 6: unknown escape */
	struct seal_sums *s = (struct seal_sums *)&s;
	struct tap_reports r = { .used = 0 };
	char want[1024];
	char *path = write_file("bad", list, sizeof(list) - 1);
	int err;

	err = seal_sums_load(path, tap_collect, &r, &s);
	is_int(-EINVAL, err, "list with bad lines is -EINVAL");
	ok(s == NULL, "nothing returned when a line is bad");
	snprintf(want, sizeof(want), "%s:3: %s\n%s:4: %s\n%s:6: %s\n",
		 path, seal_sums_strerror(-SEAL_SUMS_E_SEPARATOR),
		 path, seal_sums_strerror(-SEAL_SUMS_E_MIXED),
		 path, "bad escape in path (only \\\\, \\n and \\r are allowed)");
	is_str(want, r.text, "every bad line reported as FILE:LINE: reason, in order");
}

static void test_empty_and_errors(void)
{
	struct seal_sums *s = NULL;
	struct tap_reports r = { .used = 0 };
	char want[600];
	char *path;
	int err;

	path = write_file("comments", "# a\n\n# b\n", 9);
	err = seal_sums_load(path, tap_collect, &r, &s);
	is_int(-ENODATA, err, "comments-only list is -ENODATA");
	snprintf(want, sizeof(want), "%s: list holds no entries\n", path);
	is_str(want, r.text, "comments-only list reported as FILE: list holds no entries");

	reports_reset(&r);
	path = write_file("empty", "", 0);
	err = seal_sums_load(path, tap_collect, &r, &s);
	is_int(-ENODATA, err, "zero-byte list is -ENODATA");
	is_int(1, r.n, "zero-byte list reported once");

	reports_reset(&r);
	path = write_file("allbad", "garbage\nmore garbage\n", 21);
	err = seal_sums_load(path, tap_collect, &r, &s);
	is_int(-EINVAL, err, "list of only bad lines is -EINVAL, not -ENODATA");
	is_int(2, r.n, "list of only bad lines: both lines reported, no 'no entries'");

	err = seal_sums_load("/nonexistent/seal/sums", tap_collect, &r, &s);
	is_int(-ENOENT, err, "missing list is -ENOENT");
	err = seal_sums_load(tmpdir, tap_collect, &r, &s);
	is_int(-EISDIR, err, "directory as list is -EISDIR");
	if (geteuid() != 0) {
		path = write_file("unreadable", SHA_A "  a.ko\n", 71);
		chmod(path, 0);
		err = seal_sums_load(path, tap_collect, &r, &s);
		is_int(-EACCES, err, "unreadable list is -EACCES");
	} else {
		/* Root reads mode 0 files: ask as nobody in a child, as an unprivileged caller would. */
		pid_t pid;
		int status = 0;

		path = write_file("unreadable", SHA_A "  a.ko\n", 71);
		chmod(path, 0);
		chmod(tmpdir, 0755);
		pid = fork();
		if (pid == 0) {
			if (setgid(65534) < 0 || setuid(65534) < 0)
				_exit(100);
			_exit(-seal_sums_load(path, tap_collect, &r, &s));
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) == 100)
			printf("ok %d - unreadable list is -EACCES # SKIP cannot run a child as nobody\n",
			       ++tap_n);
		else
			is_int(EACCES, WEXITSTATUS(status), "unreadable list is -EACCES (as nobody)");
		chmod(tmpdir, 0700);
	}
	ok(s == NULL, "failed loads leave *out NULL");
}

/* With no report function, bad lines go to stderr as "FILE:LINE: reason". */
static void test_default_report(void)
{
	static const char list[] = SHA_A "  a.ko\nnot a line\n";
	struct seal_sums *s = NULL;
	char *path = write_file("stderr", "", 0), got[512] = "", want[512];
	int saved = dup(2), fd = open(path, O_WRONLY | O_TRUNC), err;
	FILE *f;

	if (saved < 0 || fd < 0 || dup2(fd, 2) < 0) {
		ok(0, "redirect stderr to a file");
		return;
	}
	err = seal_sums_parse("mylist", list, sizeof(list) - 1, NULL, NULL, &s);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	is_int(-EINVAL, err, "bad list without a report function is -EINVAL");
	f = fopen(path, "r");
	if (f) {
		size_t n = fread(got, 1, sizeof(got) - 1, f);

		got[n] = '\0';
		fclose(f);
	}
	snprintf(want, sizeof(want), "mylist:2: %s\n", seal_sums_strerror(-SEAL_SUMS_E_HEX));
	is_str(want, got, "default report prints FILE:LINE: reason on stderr");
}

static void test_pipe_source(void)
{
	struct seal_sums *s = NULL;
	int fds[2], err;
	char path[64];

	/* /proc/self/fd/N of a pipe: st_size is 0, the data is there. */
	if (pipe(fds) < 0) {
		ok(0, "pipe()");
		return;
	}
	if (write(fds[1], SHA_A "  p.ko\n", 71) != 71)
		ok(0, "write to pipe");
	close(fds[1]);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[0]);
	err = seal_sums_load(path, NULL, NULL, &s);
	is_int(0, err, "list read from a pipe, whose st_size is 0");
	is_int(1, seal_sums_count(s), "pipe list has its entry");
	seal_sums_free(s);
	close(fds[0]);
}

static void test_write_line(void)
{
	struct seal_sums *s = NULL;
	unsigned char d[SEAL_DIGEST_MAX];
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int err;

	unhex(SHA_A, d);
	ok(!seal_path_needs_escape("kernel/a.ko"), "plain path needs no escape");
	ok(seal_path_needs_escape("a\\b"), "backslash needs escape");
	ok(seal_path_needs_escape("a\nb"), "newline needs escape");
	ok(seal_path_needs_escape("a\rb"), "carriage return needs escape (coreutils 9.1)");

	f = open_memstream(&buf, &len);
	if (!f) {
		ok(0, "open_memstream");
		return;
	}
	seal_sums_write_line(f, SEAL_ALG_SHA256, d, "kernel/a.ko");
	seal_sums_write_line(f, SEAL_ALG_SHA256, d, "a\\b\nc\rd");
	unhex(MD5_A, d);
	err = seal_sums_write_line(f, SEAL_ALG_NONE, d, "x");
	fclose(f);
	is_str(SHA_A "  kernel/a.ko\n\\" SHA_A "  a\\\\b\\nc\\rd\n", buf,
	       "written lines match sha256sum's format and escaping");
	is_int(-EINVAL, err, "writing a line without an algorithm is -EINVAL");

	err = seal_sums_parse("written", buf, len, NULL, NULL, &s);
	is_int(0, err, "written lines parse back");
	is_str("a\\b\nc\rd", s && seal_sums_count(s) == 2 ? seal_sums_entry_at(s, 1)->path : NULL,
	       "escaped path round-trips through write and parse");
	seal_sums_free(s);
	free(buf);
}

/* 10^6 SHA-256 entries whose digests are a counter: every one must be found. */
static void test_million(void)
{
	const size_t n = 1000000;
	const size_t linelen = 64 + 2 + 11 + 1;       /* "HEX  m0000000.ko\n" */
	struct seal_sums *s = NULL;
	unsigned char d[SEAL_DIGEST_MAX];
	char *buf = malloc(n * linelen + 1);
	size_t i, found = 0, misses = 0;
	int err;

	if (!buf) {
		ok(0, "malloc for 10^6 entries");
		return;
	}
	for (i = 0; i < n; i++)
		snprintf(buf + i * linelen, linelen + 1, "%056x%08zx  m%07zu.ko\n", 0, i * 7919 % n, i);
	err = seal_sums_parse("million", buf, n * linelen, NULL, NULL, &s);
	is_int(0, err, "10^6-entry list parses");
	is_int((long long)n, seal_sums_count(s), "10^6-entry list holds 10^6 entries");
	memset(d, 0, sizeof(d));
	for (i = 0; s && i < n; i++) {
		const struct seal_sums_entry *e;
		size_t k = i * 7919 % n;

		d[28] = (unsigned char)(k >> 24);
		d[29] = (unsigned char)(k >> 16);
		d[30] = (unsigned char)(k >> 8);
		d[31] = (unsigned char)k;
		e = seal_sums_lookup(s, d);
		if (e && e->line == i + 1)
			found++;
	}
	is_int((long long)n, (long long)found, "every one of 10^6 digests is found at its own line");
	for (i = n; s && i < n + 1000; i++) {
		d[28] = (unsigned char)(i >> 24);
		d[29] = (unsigned char)(i >> 16);
		d[30] = (unsigned char)(i >> 8);
		d[31] = (unsigned char)i;
		if (seal_sums_lookup(s, d))
			misses++;
	}
	is_int(0, misses, "1000 digests not on the 10^6 list are not found");
	seal_sums_free(s);
	free(buf);
}

/* The default list under a root: SHA-256 first, MD5 only when there is no SHA-256 list at all (no directory entry). */
static void test_default_list(void)
{
	struct tap_reports r = { .used = 0 };
	struct seal_sums *s = NULL;
	char root[600], dir[700], *path = NULL;
	int err;

	snprintf(root, sizeof(root), "%s/root", tmpdir);
	snprintf(dir, sizeof(dir), "mkdir -p %s/lib/modules", root);
	if (system(dir) != 0) {
		printf("# %s failed\n", dir);
		exit(1);
	}
	err = seal_sums_load_default(root, tap_collect, &r, &path, &s);
	is_int(-ENOENT, err, "default list, neither list: -ENOENT");
	ok(path && strcmp(path + strlen(root), SEAL_SUMS_DEFAULT_MD5) == 0,
	   "default list, neither list: the MD5 list was tried last");
	free(path);

	write_file("root/lib/modules/md5sums", MD5_A "  /lib/modules/a.ko\n", 52);
	err = seal_sums_load_default(root, tap_collect, &r, &path, &s);
	is_int(0, err, "default list, only md5sums: loaded");
	is_int(SEAL_ALG_MD5, seal_sums_alg(s), "default list, only md5sums: MD5");
	ok(path && strcmp(path + strlen(root), SEAL_SUMS_DEFAULT_MD5) == 0,
	   "default list, only md5sums: path names it");
	free(path);
	seal_sums_free(s);

	/* open() says ENOENT for a dangling symlink: it exists all the same, and is refused. */
	snprintf(dir, sizeof(dir), "%s/lib/modules/sha256sums", root);
	if (symlink("sha256sums.gone", dir) < 0) {
		printf("# symlink %s: %s\n", dir, strerror(errno));
		exit(1);
	}
	err = seal_sums_load_default(root, tap_collect, &r, &path, &s);
	is_int(-ENOLINK, err, "default list, dangling sha256sums symlink beside md5sums: refused, no fallback");
	ok(s == NULL, "default list, dangling sha256sums symlink: no list");
	ok(path && strcmp(path + strlen(root), SEAL_SUMS_DEFAULT_SHA256) == 0,
	   "default list, dangling sha256sums symlink: path names it");
	free(path);
	unlink(dir);

	write_file("root/lib/modules/sha256sums", "garbage\n", 8);
	reports_reset(&r);
	err = seal_sums_load_default(root, tap_collect, &r, &path, &s);
	is_int(-EINVAL, err, "default list, bad sha256sums beside md5sums: refused, no fallback");
	ok(s == NULL, "default list, bad sha256sums: no list");
	ok(path && strcmp(path + strlen(root), SEAL_SUMS_DEFAULT_SHA256) == 0,
	   "default list, bad sha256sums: path names it");
	free(path);

	write_file("root/lib/modules/sha256sums", SHA_A "  /lib/modules/a.ko\n", 84);
	err = seal_sums_load_default(root, tap_collect, &r, &path, &s);
	is_int(0, err, "default list, sha256sums and md5sums: loaded");
	is_int(SEAL_ALG_SHA256, seal_sums_alg(s), "default list, sha256sums and md5sums: SHA-256 wins");
	free(path);
	seal_sums_free(s);
}

int main(void)
{
	char cmd[128];

	if (!mkdtemp(tmpdir))
		skip_all("mkdtemp failed: no writable /tmp");
	test_good_file();
	test_bad_file();
	test_empty_and_errors();
	test_default_report();
	test_pipe_source();
	test_write_line();
	test_million();
	test_default_list();
	snprintf(cmd, sizeof(cmd), "chmod -R u+rwx %s && rm -rf %s", tmpdir, tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	return tap_done();
}
