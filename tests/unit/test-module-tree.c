// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of libseal's walk of a module tree: each kind of entry, with and without d_type. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "seal/seal.h"
#include "tap.h"

/*
 * The walk trusts d_type to skip the stat of what is not named like a module. A filesystem may give
 * DT_UNKNOWN instead (the walk must stat then): this getdents64 interposes libc's for libseal.so
 * and, when asked, blanks every entry's type.
 */
static bool blank_types;
static int blanked_calls;

ssize_t getdents64(int fd, void *buf, size_t len)
{
	long n = syscall(SYS_getdents64, fd, buf, len);

	if (blank_types)
		blanked_calls++;
	if (n > 0 && blank_types)
		for (long off = 0; off < n;) {
			struct dirent64 *de = (struct dirent64 *)((char *)buf + off);

			de->d_type = DT_UNKNOWN;
			off += de->d_reclen;
		}
	return n;
}

static char tmpdir[] = "/tmp/seal-test-tree.XXXXXX";

/* What the walk said, one "KIND path err why" line per entry, paths relative to tmpdir, sorted. */
struct seen {
	char *line[64];
	int n;
	ino_t ino[64];
	int stop_after;                 /* fn returns -ECANCELED after this many entries, if > 0 */
};

static int collect(void *ctx, const struct seal_tree_entry *e)
{
	static const char *const kind[] = { "MODULE", "SKIPPED", "ERROR" };
	struct seen *s = ctx;
	const char *rel = strncmp(e->path, tmpdir, strlen(tmpdir)) == 0 ? e->path + strlen(tmpdir) : e->path;
	char buf[512];

	if (s->n >= 64)
		return -E2BIG;
	snprintf(buf, sizeof(buf), "%s %s %d %s", kind[e->kind], rel, e->err, e->why ? e->why : "-");
	s->ino[s->n] = e->st ? e->st->st_ino : 0;
	s->line[s->n++] = strdup(buf);
	if (s->stop_after > 0 && s->n == s->stop_after)
		return -ECANCELED;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void seen_free(struct seen *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->line[i]);
	s->n = 0;
}

/* The walk's lines, sorted and joined with '\n'. */
static char *walk_text(const char *root, int *ret)
{
	struct seen s = { .n = 0 };
	char *out = calloc(1, 64 * 512);

	*ret = seal_module_tree_walk(root, collect, &s);
	qsort(s.line, (size_t)s.n, sizeof(s.line[0]), cmp_str);
	for (int i = 0; i < s.n; i++) {
		strcat(out, s.line[i]);
		strcat(out, "\n");
	}
	seen_free(&s);
	return out;
}

#define in_tmp(name) tap_path(tmpdir, (name))

static int make_file(const char *name)
{
	int fd = open(in_tmp(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	return close(fd);
}

static int build_tree(void)
{
	int r = 0;

	r |= mkdir(in_tmp("t"), 0755);
	r |= mkdir(in_tmp("t/a"), 0755);
	r |= mkdir(in_tmp("t/a/b"), 0755);
	r |= mkdir(in_tmp("t/dir.ko"), 0755);           /* a directory named like a module: walked */
	r |= make_file("t/a/x.ko");
	r |= make_file("t/a/b/y.ko.xz");
	r |= make_file("t/a/notes.txt");
	r |= make_file("t/dir.ko/z.ko.zst");
	r |= mkfifo(in_tmp("t/fifo.ko"), 0644);
	r |= symlink("/nonexistent-seal-test", in_tmp("t/gone.ko"));
	r |= symlink("/nonexistent-seal-test", in_tmp("t/gone.txt"));
	r |= symlink("..", in_tmp("t/a/up"));
	r |= symlink("/", in_tmp("t/ext"));
	r |= symlink("a/x.ko", in_tmp("t/link.ko"));
	r |= symlink("self.ko", in_tmp("t/self.ko"));
	r |= symlink("/dev/null", in_tmp("t/dev.ko"));
	r |= symlink("t", in_tmp("root-link"));
	return r;
}

static const char expected[] =
	"ERROR /t/a/up -40 symlink loop: points back to a directory above it\n"
	"ERROR /t/dev.ko -22 symlink to something that is not a regular file\n"
	"ERROR /t/fifo.ko -22 not a regular file\n"
	"ERROR /t/gone.ko -2 symlink to a module that cannot be read: No such file or directory\n"
	"ERROR /t/self.ko -40 symlink loop (Too many levels of symbolic links)\n"
	"MODULE /t/a/b/y.ko.xz 0 -\n"
	"MODULE /t/a/x.ko 0 -\n"
	"MODULE /t/dir.ko/z.ko.zst 0 -\n"
	"MODULE /t/link.ko 0 -\n"
	"SKIPPED /t/ext 0 symlink to a directory, not followed\n"
	"SKIPPED /t/gone.txt 0 dangling symlink ignored (No such file or directory)\n";

int main(void)
{
	struct stat x;
	char *text;
	int ret;

	if (!mkdtemp(tmpdir) || build_tree() != 0 || stat(in_tmp("t/a/x.ko"), &x) != 0) {
		printf("1..1\nnot ok 1 - test tree in /tmp: %s\n", strerror(errno));
		return 1;
	}

	text = walk_text(in_tmp("t"), &ret);
	is_str(expected, text, "every kind of entry, as the filesystem types them");
	/* the first in readdir order, which the filesystem decides */
	ok(ret == -EINVAL || ret == -ELOOP || ret == -ENOENT, "the walk returns an error it met");
	free(text);

	blank_types = true;
	text = walk_text(in_tmp("t"), &ret);
	blank_types = false;
	is_str(expected, text, "the same with every d_type DT_UNKNOWN (the walk stats)");
	ok(blanked_calls > 0, "the blanked walk ran through the interposed getdents64");
	free(text);

	{
		struct seen s = { .n = 0 };

		ret = seal_module_tree_walk(in_tmp("t/link.ko"), collect, &s);
		is_int(0, ret, "a module file as the root: no error");
		is_int(1, s.n, "a module file as the root: one entry");
		ok(s.n == 1 && s.ino[0] == x.st_ino, "a symlink named like a module: the stat of the file it ends at");
		seen_free(&s);
	}

	text = walk_text(in_tmp("root-link/"), &ret);
	ok(strstr(text, "MODULE /root-link/a/x.ko 0 -\n") != NULL,
	   "a root that is a symlink is followed; one '/' after a root ending in '/'");
	free(text);

	text = walk_text(in_tmp("none"), &ret);
	is_str("ERROR /none -2 No such file or directory\n", text, "a root that does not exist: an error naming it");
	is_int(-ENOENT, ret, "a root that does not exist: its error returned");
	free(text);

	{
		struct seen s = { .n = 0, .stop_after = 2 };

		ret = seal_module_tree_walk(in_tmp("t"), collect, &s);
		is_int(-ECANCELED, ret, "fn's negative return stops the walk and is returned");
		is_int(2, s.n, "fn's negative return: nothing after it");
		seen_free(&s);
	}

	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf -- '%s'", tmpdir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", tmpdir);
	}
	return tap_done();
}
