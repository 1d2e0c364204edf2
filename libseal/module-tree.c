// SPDX-License-Identifier: LGPL-2.1-or-later
/* The walk of a module tree, with one rule for symlinks and entries that can't be read, for every tool. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seal/seal.h"
#include "internal.h"

/*
 * The walk reads each directory with getdents64 and stats only what may be a module, by its name
 * relative to the directory's descriptor: fts(3) with FTS_NOCHDIR stats every entry by its whole
 * path, and the kernel's walk of those paths was a fifth of an unchanged seal-verify run (perf,
 * 2026-12-06). A directory's d_type is trusted only to decide what to open: what is opened is
 * checked again (O_DIRECTORY | O_NOFOLLOW, then fstat), so an entry replaced mid-walk by a symlink
 * is never followed. One descriptor is held per level of depth.
 */

/* A directory being walked, and those above it: the chain a loop is looked for in. */
struct dir_frame {
	dev_t dev;
	ino_t ino;
	const struct dir_frame *up;
};

struct tree_walk {
	int rootfd;                     /* what the symlinks followed resolve inside */
	seal_tree_fn fn;
	void *ctx;
	int err;                        /* the first error met */
	char why[128];
	char *path;                     /* the entry's path, as walked */
	size_t len, cap;
};

static bool is_ancestor(const struct dir_frame *f, dev_t dev, ino_t ino)
{
	for (; f; f = f->up)
		if (f->dev == dev && f->ino == ino)
			return true;
	return false;
}

/* Pass one entry (t->path) to fn; an error is remembered (the first one) and the walk goes on. */
static int tree_emit(struct tree_walk *t, enum seal_tree_kind kind, const struct stat *st, int err)
{
	struct seal_tree_entry e = {
		.kind = kind, .path = t->path, .st = st, .err = err,
		.why = kind == SEAL_TREE_MODULE ? NULL : t->why,
	};

	if (kind == SEAL_TREE_ERROR && t->err == 0)
		t->err = err;
	return t->fn(t->ctx, &e);
}

static int tree_error(struct tree_walk *t, int err, const char *why)
{
	snprintf(t->why, sizeof(t->why), "%s", why);
	return tree_emit(t, SEAL_TREE_ERROR, NULL, err);
}

/* Append "/name" to t->path (one '/' kept if the path already ends in one, as fts does); returns the old length. */
static int path_push(struct tree_walk *t, const char *name, size_t *old)
{
	size_t n = strlen(name), base = t->len;

	if (base > 0 && t->path[base - 1] == '/')
		base--;
	if (base + 1 + n + 1 > t->cap) {
		size_t cap = (base + 1 + n + 1) * 2;
		char *p = realloc(t->path, cap);

		if (!p)
			return -ENOMEM;
		t->path = p;
		t->cap = cap;
	}
	*old = t->len;
	t->path[base] = '/';
	memcpy(t->path + base + 1, name, n + 1);
	t->len = base + 1 + n;
	return 0;
}

static void path_pop(struct tree_walk *t, size_t old)
{
	t->len = old;
	t->path[old] = '\0';
}

/*
 * A symlink in the tree. Directory symlinks are not followed (build/ and
 * source/ point outside the tree); one that points back to a directory above
 * it is a loop and an error, as is a link that never resolves (ELOOP). A
 * symlink named like a module is a module file through the link, as
 * `find DIR -name '*.ko*' | xargs sha256sum` reads it; a dangling one is an error.
 */
static int tree_symlink(struct tree_walk *t, const struct dir_frame *dir, int dfd, const char *name)
{
	struct stat st;
	/*
	 * Inside a root the link is followed by its whole path, from the root:
	 * followed from dfd, its "/" would be the host's and its ".." could climb
	 * out. No directory under dir was entered through a symlink, so that path
	 * names this very link.
	 */
	int r = t->rootfd == SEAL_ROOT_HOST ? (fstatat(dfd, name, &st, 0) < 0 ? -errno : 0)
					    : seal_root_stat(t->rootfd, t->path, &st, 0);

	if (r < 0) {
		int e = -r;

		if (e == ELOOP) {
			snprintf(t->why, sizeof(t->why), "symlink loop (%s)", strerror(e));
			return tree_emit(t, SEAL_TREE_ERROR, NULL, -ELOOP);
		}
		if (seal_is_module_name(name)) {
			snprintf(t->why, sizeof(t->why), "symlink to a module that cannot be read: %s",
				 strerror(e));
			return tree_emit(t, SEAL_TREE_ERROR, NULL, -e);
		}
		snprintf(t->why, sizeof(t->why), "dangling symlink ignored (%s)", strerror(e));
		return tree_emit(t, SEAL_TREE_SKIPPED, NULL, 0);
	}
	if (S_ISDIR(st.st_mode)) {
		if (is_ancestor(dir, st.st_dev, st.st_ino))
			return tree_error(t, -ELOOP, "symlink loop: points back to a directory above it");
		snprintf(t->why, sizeof(t->why), "symlink to a directory, not followed");
		return tree_emit(t, SEAL_TREE_SKIPPED, NULL, 0);
	}
	if (!seal_is_module_name(name))
		return 0;
	if (!S_ISREG(st.st_mode))
		return tree_error(t, -EINVAL, "symlink to something that is not a regular file");
	return tree_emit(t, SEAL_TREE_MODULE, &st, 0);
}

static int walk_dir(struct tree_walk *t, int fd, const struct dir_frame *up);

/* A non-directory entry, by its lstat. */
static int tree_file(struct tree_walk *t, const struct dir_frame *dir, int dfd, const char *name,
		     const struct stat *st)
{
	if (S_ISLNK(st->st_mode))
		return tree_symlink(t, dir, dfd, name);
	if (!seal_is_module_name(name))
		return 0;
	if (!S_ISREG(st->st_mode))
		return tree_error(t, -EINVAL, "not a regular file");
	return tree_emit(t, SEAL_TREE_MODULE, st, 0);
}

/* A subdirectory: opened without following a symlink, checked for a loop, walked. */
static int tree_subdir(struct tree_walk *t, const struct dir_frame *dir, int dfd, const char *name)
{
	struct stat st;
	int fd, r;

	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		/* replaced since it was read: walk what it is now */
		if ((e == ENOTDIR || e == ELOOP) && fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    !S_ISDIR(st.st_mode))
			return tree_file(t, dir, dfd, name, &st);
		return tree_error(t, -e, strerror(e));
	}
	if (fstat(fd, &st) < 0) {
		int e = errno;

		close(fd);
		return tree_error(t, -e, strerror(e));
	}
	if (is_ancestor(dir, st.st_dev, st.st_ino)) {
		close(fd);
		return tree_error(t, -ELOOP, "directory cycle");
	}
	r = walk_dir(t, fd, &(struct dir_frame){ st.st_dev, st.st_ino, dir });
	close(fd);
	return r;
}

/* One entry of a directory, by its d_type; a type the directory does not give is asked for. */
static int tree_entry(struct tree_walk *t, const struct dir_frame *dir, int dfd, const char *name,
		      unsigned char type)
{
	struct stat st;

	if (type == DT_DIR)
		return tree_subdir(t, dir, dfd, name);
	if (type == DT_LNK)
		return tree_symlink(t, dir, dfd, name);
	if (type != DT_UNKNOWN && !seal_is_module_name(name))
		return 0;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		int e = errno;

		return tree_error(t, -e, strerror(e));
	}
	if (S_ISDIR(st.st_mode))
		return tree_subdir(t, dir, dfd, name);
	return tree_file(t, dir, dfd, name, &st);
}

/* The entries of the directory open on fd (t->path), in the order the filesystem gives them. */
static int walk_dir(struct tree_walk *t, int fd, const struct dir_frame *dir)
{
	enum { BUF = 32 * 1024 };
	char *buf = malloc(BUF);
	int r = 0;

	if (!buf)
		return tree_error(t, -ENOMEM, strerror(ENOMEM));
	for (;;) {
		ssize_t n = getdents64(fd, buf, BUF);

		if (n < 0) {
			int e = errno;

			r = tree_error(t, -e, strerror(e));
			break;
		}
		if (n == 0)
			break;
		for (ssize_t off = 0; off < n && r >= 0;) {
			const struct dirent64 *de = (const struct dirent64 *)(buf + off);
			const char *name = de->d_name;
			size_t old;

			off += de->d_reclen;
			if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
				continue;
			if (path_push(t, name, &old) < 0) {
				/* named by the directory: the entry's path could not be made */
				r = tree_error(t, -ENOMEM, strerror(ENOMEM));
				continue;
			}
			r = tree_entry(t, dir, fd, name, de->d_type);
			path_pop(t, old);
		}
		if (r < 0)
			break;
	}
	free(buf);
	return r;
}

int seal_module_tree_walk(const char *dir, seal_tree_fn fn, void *ctx)
{
	return seal_module_tree_walk_at(SEAL_ROOT_HOST, dir, fn, ctx);
}

int seal_module_tree_walk_at(int rootfd, const char *dir, seal_tree_fn fn, void *ctx)
{
	struct tree_walk t = { .rootfd = rootfd, .fn = fn, .ctx = ctx };
	struct stat st;
	int fd = -1, r = 0;

	t.len = strlen(dir);
	t.cap = t.len + 256;
	t.path = malloc(t.cap);
	if (!t.path) {
		/* said like every other error: the callers count on fn seeing each one */
		struct seal_tree_entry e = {
			.kind = SEAL_TREE_ERROR, .path = dir, .err = -ENOMEM, .why = strerror(ENOMEM),
		};
		r = fn(ctx, &e);
		return r < 0 ? r : -ENOMEM;
	}
	memcpy(t.path, dir, t.len + 1);

	/* The root is followed if it is a symlink (/lib/modules may be one); nothing below it is. */
	r = seal_root_stat(rootfd, dir, &st, 0);
	if (r < 0) {
		r = tree_error(&t, r, strerror(-r));
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (seal_is_module_name(dir))
			r = S_ISREG(st.st_mode) ? tree_emit(&t, SEAL_TREE_MODULE, &st, 0)
						: tree_error(&t, -EINVAL, "not a regular file");
		goto out;
	}
	fd = seal_root_openat(rootfd, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
	if (fd < 0) {
		r = tree_error(&t, fd, strerror(-fd));
		goto out;
	}
	/* the directory opened, not the one stat() saw: it may have been replaced between the two */
	if (fstat(fd, &st) < 0) {
		int e = errno;

		r = tree_error(&t, -e, strerror(e));
		goto out;
	}
	r = walk_dir(&t, fd, &(struct dir_frame){ st.st_dev, st.st_ino, NULL });
out:
	if (fd >= 0)
		close(fd);
	free(t.path);
	return r < 0 ? r : t.err;
}
