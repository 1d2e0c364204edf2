// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-verify checks 1 and 2: module files on disk, and the files of loaded modules, against the list. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libkmod.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "tool.h"
#include "verify.h"

/* The list's entries by the path column, for "changed" and "missing". */
struct by_path {
	const struct seal_sums_entry *e;
	char *path;                     /* absolute system path */
	bool seen;
};

struct disk_walk {
	struct verify_ctx *v;
	struct by_path *idx;
	size_t n;
	struct seal_modset *policy;     /* the module policy, when the list is derived from one */
	unsigned long outside;          /* unlisted files of modules the policy leaves out */
};

/* The module name a file of the tree is for (foo-bar.ko.xz: foo-bar), in buf; false if none. */
static bool file_module_name(const char *path, char *buf, size_t size)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strstr(base, ".ko");
	size_t n = dot ? (size_t)(dot - base) : 0;

	if (n == 0 || n >= size)
		return false;
	memcpy(buf, base, n);
	buf[n] = '\0';
	return true;
}

static int by_path_cmp(const void *a, const void *b)
{
	return strcmp(((const struct by_path *)a)->path, ((const struct by_path *)b)->path);
}

/* Relative list paths are relative to the list's own directory, as sha256sum -c reads them. */
static int index_list(struct verify_ctx *v, struct disk_walk *w)
{
	const char *list = v->sums_file;
	size_t i, n = seal_sums_count(v->sums), dirlen;

	dirlen = strrchr(list, '/') ? (size_t)(strrchr(list, '/') - list) : 0;
	w->idx = calloc(n ? n : 1, sizeof(*w->idx));
	if (!w->idx)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		const struct seal_sums_entry *e = seal_sums_entry_at(v->sums, i);
		int r;

		/*
		 * A "#image" line holds the digest of a compressed file's decompressed
		 * image, for loads through init_module; the file itself is checked
		 * through its own line. (The image line still counts for loaded modules.)
		 */
		if (e->image)
			continue;
		w->idx[w->n].e = e;
		if (e->path[0] == '/')
			r = asprintf(&w->idx[w->n].path, "%s", e->path);
		else
			r = asprintf(&w->idx[w->n].path, "%.*s/%s", (int)dirlen, list,
				     strncmp(e->path, "./", 2) == 0 ? e->path + 2 : e->path);
		if (r < 0)
			return -ENOMEM;
		w->n++;
	}
	qsort(w->idx, w->n, sizeof(*w->idx), by_path_cmp);
	return 0;
}

static void hex_of(const struct verify_ctx *v, const unsigned char *d, char *hex)
{
	seal_hex_encode(d, seal_digest_len(v->alg), hex);
}

static void check_file(struct disk_walk *w, const char *sys, const struct stat *st)
{
	struct verify_ctx *v = w->v;
	unsigned char digest[SEAL_DIGEST_MAX];
	char hex[2 * SEAL_DIGEST_MAX + 1], listed[2 * SEAL_DIGEST_MAX + 1];
	struct by_path key = { .path = (char *)sys }, *hit;
	int err;

	v->files++;
	hit = w->n ? bsearch(&key, w->idx, w->n, sizeof(*w->idx), by_path_cmp) : NULL;
	/*
	 * A list derived from the module policy leaves out, on purpose, every module
	 * the policy does not bring: seal refuses such a file whatever it holds, so
	 * it is no finding (and is not read). An unlisted file of a module the policy
	 * names is one: the list no longer covers the policy (rewrite it).
	 */
	if (!hit && w->policy) {
		char name[SEAL_MODULE_NAME_MAX + 1];

		if (file_module_name(sys, name, sizeof(name)) && !seal_modset_find(w->policy, name)) {
			w->outside++;
			DBG("%s: not in the module policy: not listed, refused if loaded\n", sys);
			return;
		}
	}
	err = verify_digest(v, sys, st, digest);
	if (err < 0) {
		char why[TOOL_STRERROR_MAX];

		verify_report_error(v->report, "%s%s: %s: not checked", v->root, sys,
				    tool_open_strerror_at(v->rootfd, sys, err, why));
		return;
	}
	hex_of(v, digest, hex);
	if (hit) {
		hit->seen = true;
		if (memcmp(hit->e->digest, digest, seal_digest_len(v->alg)) == 0)
			return;
		hex_of(v, hit->e->digest, listed);
		VERIFY_FINDING(v->report, "changed", sys, { seal_alg_name(v->alg), hex },
			       { "listed", listed });
		return;
	}
	/* Bytes allowed under another name load anyway: not a finding, but worth a note. */
	if (seal_sums_lookup(v->sums, digest)) {
		INFO("%s: not listed by path, but its %s is (line %lu)\n", sys,
		     seal_alg_name(v->alg), seal_sums_lookup(v->sums, digest)->line);
		return;
	}
	VERIFY_FINDING(v->report, "new", sys, { seal_alg_name(v->alg), hex });
}

/* libseal's walk of the tree (seal_module_tree_walk): what keeps a module from being checked is a gap. */
static int walk_entry(void *ctx, const struct seal_tree_entry *e)
{
	struct disk_walk *w = ctx;

	switch (e->kind) {
	case SEAL_TREE_MODULE:
		check_file(w, e->path, e->st);
		break;
	case SEAL_TREE_SKIPPED:
		DBG("%s%s: %s\n", w->v->root, e->path, e->why);
		break;
	case SEAL_TREE_ERROR:
		verify_report_error(w->v->report, "%s%s: %s: not checked", w->v->root, e->path, e->why);
		break;
	}
	return 0;
}

/* A bad policy line: the run says it once, as a gap (the policy is seal-mksums' to refuse). */
static void policy_report(void *ctx, const char *name, unsigned long line, const char *why)
{
	DBG("%s:%lu: %s\n", name, line, why);
}

int verify_disk(struct verify_ctx *v)
{
	struct disk_walk w = { .v = v };
	size_t i, prefix_len;
	char prefix[512];
	int err;

	err = index_list(v, &w);
	if (err < 0)
		goto out;
	err = seal_modset_load_at(v->rootfd, SEAL_MODULES_DEFAULT, policy_report, v, &w.policy);
	if (err == 0 && seal_modset_all(w.policy)) {
		seal_modset_free(w.policy);     /* "all": the full list, every file expected on it */
		w.policy = NULL;
	} else if (err < 0 && err != -ENOENT) {
		char why[TOOL_STRERROR_MAX];

		verify_report_error(v->report, "%s: %s: every module file not listed is reported new",
				    SEAL_MODULES_DEFAULT,
				    tool_open_strerror_at(v->rootfd, SEAL_MODULES_DEFAULT, err, why));
	}
	err = 0;
	seal_module_tree_walk_at(v->rootfd, v->moddir, walk_entry, &w);   /* errors reported one by one */
	if (w.policy)
		INFO("%lu module files of %s left out by the module policy %s (refused if loaded)\n",
		     w.outside, v->kver, SEAL_MODULES_DEFAULT);
	/* Missing: listed under this kernel's tree, not found there. */
	prefix_len = (size_t)snprintf(prefix, sizeof(prefix), "/lib/modules/%s/", v->kver);
	for (i = 0; i < w.n; i++) {
		char listed[2 * SEAL_DIGEST_MAX + 1];

		if (w.idx[i].seen || strncmp(w.idx[i].path, prefix, prefix_len) != 0 ||
		    !seal_is_module_name(w.idx[i].path))
			continue;
		hex_of(v, w.idx[i].e->digest, listed);
		VERIFY_FINDING(v->report, "missing", w.idx[i].path, { "listed", listed });
	}
out:
	seal_modset_free(w.policy);
	for (i = 0; i < w.n; i++)
		free(w.idx[i].path);
	free(w.idx);
	return err;
}

static void kmod_quiet(void *data, int priority, const char *file, int line, const char *fn,
		       const char *format, va_list args)
{
}

/*
 * libkmod opens its index files (modules.dep.bin, modules.alias.bin...) by name
 * under the directory it is given, and would follow a symlink among them on the
 * host, or hang in the open() of a FIFO. -ELOOP with the first symlink's name
 * in buf, -EINVAL with the first other file that is not a regular one, 0 when
 * all are regular, or -errno.
 */
static int kmod_index_check(int dfd, char *buf, size_t size)
{
	struct dirent *e;
	struct stat st;
	int fd, err = 0;
	DIR *d;

	fd = openat(dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	d = fdopendir(fd);
	if (!d) {
		err = -errno;
		close(fd);
		return err;
	}
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "modules.", 8) != 0)
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || S_ISREG(st.st_mode))
			continue;
		/* a symlink would be followed on the host; a FIFO would hang libkmod's open() */
		snprintf(buf, size, "%s", e->d_name);
		err = S_ISLNK(st.st_mode) ? -ELOOP : -EINVAL;
		break;
	}
	closedir(d);
	return err;
}

/*
 * The module directory as libkmod is to open it. libkmod opens its files by
 * name; under --root it is given the directory already opened inside the root,
 * by /proc/self/fd, so that a symlink on the way there (/lib -> /usr/lib) is
 * not followed on the host, and each of its index files must be a regular
 * file (kmod_index_check: -ELOOP or -EINVAL, the file's name in buf).
 */
static int kmod_dirname(const struct verify_ctx *v, char *buf, size_t size)
{
	if (v->moddir_fd < 0) {
		snprintf(buf, size, "%s", v->moddir);
		return 0;
	}
	snprintf(buf, size, "/proc/self/fd/%d", v->moddir_fd);
	if (access(buf, X_OK) < 0)
		return -errno;
	return kmod_index_check(v->moddir_fd, buf, size);
}

/*
 * The file libkmod names, as a path inside the root: modules.dep's paths are
 * relative to the module directory (libkmod joins them to its name), and one
 * written absolute is a path of the system checked.
 */
static const char *kmod_path_inside(const struct verify_ctx *v, const char *dirname, const char *path,
				    char *buf, size_t size)
{
	size_t n = strlen(dirname);

	if (strncmp(path, dirname, n) != 0 || path[n] != '/')
		return path;
	snprintf(buf, size, "%s%s", v->moddir, path + n);
	return buf;
}

int verify_loaded(struct verify_ctx *v, char *const *names, size_t n)
{
	/* An empty configuration list: the host's /etc/modprobe.d plays no part in --root. */
	static const char *const no_config[] = { NULL };
	char dirname[PATH_MAX];
	struct kmod_ctx *ctx;
	size_t i;
	int err;

	err = kmod_dirname(v, dirname, sizeof(dirname));
	if (err == -ELOOP) {
		verify_report_error(v->report, "%s%s/%s: a symlink, which libkmod would follow outside %s: loaded modules not checked",
				    v->root, v->moddir, dirname, v->root);
		return 0;
	}
	if (err == -EINVAL) {
		verify_report_error(v->report, "%s%s/%s: not a regular file, which libkmod would open and read: loaded modules not checked",
				    v->root, v->moddir, dirname);
		return 0;
	}
	if (err < 0) {
		verify_report_error(v->report, "%s%s: %s: %s: loaded modules not checked", v->root, v->moddir,
				    dirname, strerror(-err));
		return 0;
	}
	ctx = kmod_new(dirname, no_config);
	if (!ctx) {
		verify_report_error(v->report, "%s%s: libkmod could not open it: loaded modules not checked",
				    v->root, v->moddir);
		return 0;
	}
	kmod_set_log_fn(ctx, kmod_quiet, NULL);
	for (i = 0; i < n; i++) {
		struct kmod_module *mod = NULL;
		unsigned char digest[SEAL_DIGEST_MAX];
		char hex[2 * SEAL_DIGEST_MAX + 1], inside[PATH_MAX];
		const char *path;

		/* _lookup: modules.dep first, then modules.builtin; NULL when in neither. */
		err = kmod_module_new_from_name_lookup(ctx, names[i], &mod);
		if (err < 0 || !mod) {
			VERIFY_FINDING(v->report, "loaded-no-file", names[i],
				       { "why", "not-in-modules.dep-or-modules.builtin" },
				       { "moddir", v->moddir });
			continue;
		}
		path = kmod_module_get_path(mod);
		if (!path) {
			/* Built into the kernel image: nothing on disk to compare. */
			INFO("%s: built-in, skipped\n", names[i]);
			kmod_module_unref(mod);
			continue;
		}
		v->loaded++;
		path = kmod_path_inside(v, dirname, path, inside, sizeof(inside));
		err = verify_digest(v, path, NULL, digest);
		if (err < 0) {
			char why[TOOL_STRERROR_MAX];

			verify_report_error(v->report, "%s%s: %s: loaded module %s not checked", v->root, path,
					    tool_open_strerror_at(v->rootfd, path, err, why), names[i]);
		} else if (!seal_sums_lookup(v->sums, digest)) {
			hex_of(v, digest, hex);
			VERIFY_FINDING(v->report, "loaded-unlisted", names[i],
				       { "path", path },
				       { seal_alg_name(v->alg), hex }, { "source", "modules.dep" });
		}
		kmod_module_unref(mod);
	}
	kmod_unref(ctx);
	return 0;
}
