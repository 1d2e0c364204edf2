// SPDX-License-Identifier: LGPL-2.1-or-later
/* The walk of a module tree, with one rule for symlinks and entries that can't be read, for every tool. */
#include <errno.h>
#include <fts.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "seal/seal.h"
#include "internal.h"

/* True if the directory (dev, ino) is ent itself or one of the directories above it in the walk. */
static bool is_ancestor(const FTSENT *ent, dev_t dev, ino_t ino)
{
	for (const FTSENT *p = ent->fts_parent; p && p->fts_level >= FTS_ROOTLEVEL; p = p->fts_parent)
		if (p->fts_statp && p->fts_statp->st_dev == dev && p->fts_statp->st_ino == ino)
			return true;
	return false;
}

struct tree_walk {
	seal_tree_fn fn;
	void *ctx;
	int err;                        /* the first error met */
	char why[128];
};

/* Pass one entry to fn; an error is remembered (the first one) and the walk goes on. */
static int tree_emit(struct tree_walk *t, enum seal_tree_kind kind, const char *path,
		     const struct stat *st, int err)
{
	struct seal_tree_entry e = {
		.kind = kind, .path = path, .st = st, .err = err,
		.why = kind == SEAL_TREE_MODULE ? NULL : t->why,
	};

	if (kind == SEAL_TREE_ERROR && t->err == 0)
		t->err = err;
	return t->fn(t->ctx, &e);
}

/*
 * A symlink in the tree. Directory symlinks are not followed (build/ and
 * source/ point outside the tree); one that points back to a directory above
 * it is a loop and an error, as is a link that never resolves (ELOOP). A
 * symlink named like a module is a module file through the link, as
 * `find DIR -name '*.ko*' | xargs sha256sum` reads it; a dangling one is an error.
 */
static int tree_symlink(struct tree_walk *t, FTSENT *ent)
{
	struct stat st;

	if (stat(ent->fts_path, &st) < 0) {
		int e = errno;

		if (e == ELOOP) {
			snprintf(t->why, sizeof(t->why), "symlink loop (%s)", strerror(e));
			return tree_emit(t, SEAL_TREE_ERROR, ent->fts_path, NULL, -ELOOP);
		}
		if (seal_is_module_name(ent->fts_name)) {
			snprintf(t->why, sizeof(t->why), "symlink to a module that cannot be read: %s",
				 strerror(e));
			return tree_emit(t, SEAL_TREE_ERROR, ent->fts_path, NULL, -e);
		}
		snprintf(t->why, sizeof(t->why), "dangling symlink ignored (%s)", strerror(e));
		return tree_emit(t, SEAL_TREE_SKIPPED, ent->fts_path, NULL, 0);
	}
	if (S_ISDIR(st.st_mode)) {
		if (is_ancestor(ent, st.st_dev, st.st_ino)) {
			snprintf(t->why, sizeof(t->why), "symlink loop: points back to a directory above it");
			return tree_emit(t, SEAL_TREE_ERROR, ent->fts_path, NULL, -ELOOP);
		}
		snprintf(t->why, sizeof(t->why), "symlink to a directory, not followed");
		return tree_emit(t, SEAL_TREE_SKIPPED, ent->fts_path, NULL, 0);
	}
	if (!seal_is_module_name(ent->fts_name))
		return 0;
	if (!S_ISREG(st.st_mode)) {
		snprintf(t->why, sizeof(t->why), "symlink to something that is not a regular file");
		return tree_emit(t, SEAL_TREE_ERROR, ent->fts_path, NULL, -EINVAL);
	}
	return tree_emit(t, SEAL_TREE_MODULE, ent->fts_path, &st, 0);
}

int seal_module_tree_walk(const char *dir, seal_tree_fn fn, void *ctx)
{
	struct tree_walk t = { .fn = fn, .ctx = ctx };
	char *roots[2] = { (char *)dir, NULL };
	FTS *fts;
	FTSENT *ent;
	int r = 0;

	/* FTS_PHYSICAL: symlinks are reported, never followed (tree_symlink decides). */
	fts = fts_open(roots, FTS_PHYSICAL | FTS_NOCHDIR | FTS_COMFOLLOW, NULL);
	if (!fts) {
		int e = errno;

		snprintf(t.why, sizeof(t.why), "%s", strerror(e));
		r = tree_emit(&t, SEAL_TREE_ERROR, dir, NULL, -e);
		return r < 0 ? r : t.err;
	}
	while (r >= 0) {
		errno = 0;
		ent = fts_read(fts);
		if (!ent)
			break;
		switch (ent->fts_info) {
		case FTS_DNR:
		case FTS_ERR:
		case FTS_NS:
			snprintf(t.why, sizeof(t.why), "%s", strerror(ent->fts_errno));
			r = tree_emit(&t, SEAL_TREE_ERROR, ent->fts_path, NULL, -ent->fts_errno);
			break;
		case FTS_DC:
			snprintf(t.why, sizeof(t.why), "directory cycle");
			r = tree_emit(&t, SEAL_TREE_ERROR, ent->fts_path, NULL, -ELOOP);
			break;
		case FTS_SL:
		case FTS_SLNONE:
			r = tree_symlink(&t, ent);
			break;
		case FTS_F:
			if (seal_is_module_name(ent->fts_name))
				r = tree_emit(&t, SEAL_TREE_MODULE, ent->fts_path, ent->fts_statp, 0);
			break;
		case FTS_DEFAULT:
			if (seal_is_module_name(ent->fts_name)) {
				snprintf(t.why, sizeof(t.why), "not a regular file");
				r = tree_emit(&t, SEAL_TREE_ERROR, ent->fts_path, NULL, -EINVAL);
			}
			break;
		default:
			break;
		}
	}
	if (r >= 0 && errno != 0 && t.err == 0) {
		int e = errno;

		snprintf(t.why, sizeof(t.why), "%s", strerror(e));
		r = tree_emit(&t, SEAL_TREE_ERROR, dir, NULL, -e);
	}
	fts_close(fts);
	return r < 0 ? r : t.err;
}
