// SPDX-License-Identifier: GPL-2.0-or-later
/* Finding the module files seal-mksums lists: a directory walk, every installed kernel's tree, the modules loaded now. */
#include <dirent.h>
#include <errno.h>
#include <libkmod.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "mksums.h"

static bool name_is_compressed(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot && strcmp(dot, ".ko") != 0;
}

/*
 * Queue a module file: its own line and, for a compressed one, the line of its
 * decompressed image. seal hashes the image the kernel links, whichever way the
 * loader hands it over (the file to finit_module, which 6.12 decompresses; the
 * image to init_module, as kmod 30 and busybox insmod do; 7.x's finit_module
 * sees only the image): a compressed module's entry is both lines, always.
 */
int add_module(struct items *it, const char *path)
{
	char *abs = path_absolute(path);
	int r;

	if (!abs)
		return -errno ? -errno : -ENOMEM;
	r = items_add(it, abs, abs, false);
	if (r == 0 && name_is_compressed(abs))
		r = items_add(it, abs, abs, true);
	free(abs);
	return r;
}

struct walk_ctx {
	struct items *it;
	int err;                        /* the first error that is not one module file's */
};

/* Is the entry the walk could not read a module file (not a directory named like one)? */
static bool is_module_file(const struct seal_tree_entry *e)
{
	const char *base = strrchr(e->path, '/');
	struct stat st;

	return seal_is_module_name(base ? base + 1 : e->path) &&
	       !(lstat(e->path, &st) == 0 && S_ISDIR(st.st_mode));
}

/*
 * Each module is queued; errors are named and the walk goes on (libseal's rule:
 * seal_module_tree_walk). A module file that can't be listed (a dangling or
 * looping module symlink, a device named like a module, one stat() fails on)
 * is left off and counted: the list is written without it, exit 3. Anything
 * else (a directory that can't be read, a loop of directories) fails the run:
 * what it hides is not known.
 */
static int walk_entry(void *ctx, const struct seal_tree_entry *e)
{
	struct walk_ctx *w = ctx;
	int r;

	switch (e->kind) {
	case SEAL_TREE_MODULE:
		r = add_module(w->it, e->path);
		if (r < 0 && w->err == 0)
			w->err = r;
		return r;
	case SEAL_TREE_SKIPPED:
		DBG("%s: %s\n", e->path, e->why);
		return 0;
	case SEAL_TREE_ERROR:
		if (is_module_file(e)) {
			ERR("%s: %s; not listed\n", e->path, e->why);
			w->it->bad++;
			return 0;
		}
		ERR("%s: %s\n", e->path, e->why);
		if (w->err == 0)
			w->err = e->err;
		return 0;
	}
	return 0;
}

/* Collect every module under dir. Returns 0, or a negative errno after printing why. */
int walk_dir(struct items *it, const char *dir)
{
	struct walk_ctx w = { .it = it };
	struct stat st;
	char *root;
	int err;

	if (stat(dir, &st) < 0) {
		err = -errno;
		ERR("%s: %s\n", dir, strerror(-err));
		return err;
	}
	if (!S_ISDIR(st.st_mode)) {
		ERR("%s: not a directory\n", dir);
		return -ENOTDIR;
	}
	root = path_absolute(dir);
	if (!root)
		return -ENOMEM;
	/* every error of the walk, its own included, reaches walk_entry(): w.err is the one that counts */
	seal_module_tree_walk(root, walk_entry, &w);
	free(root);
	return w.err;
}

/*
 * The module tree of every installed kernel: each directory /lib/modules/KVER
 * that holds a kernel/ tree, or a modules.order with depmod's modules.dep (a
 * kernel built without modules). A removed kernel leaves DKMS leftovers there;
 * a removed split 7.x kernel also leaves modules.order, modules.builtin*,
 * System.map and config, but not modules.dep (linux-modules' prerm deletes it).
 */
bool dir_has(const char *dir, const char *name)
{
	char path[PATH_MAX];

	return snprintf(path, sizeof(path), "%s/%s", dir, name) < (int)sizeof(path) &&
	       access(path, F_OK) == 0;
}

bool dir_has_depmod(const char *dir)
{
	return dir_has(dir, "modules.dep.bin") || dir_has(dir, "modules.dep");
}

enum tree_kind { TREE_NONE, TREE_INSTALLED, TREE_UNCONFIGURED };

/*
 * A kernel/ tree without depmod's index is a kernel dpkg has unpacked and not
 * configured yet: Debian's linux-image postinst runs depmod, then the
 * postinst.d hooks. With two kernels in one apt run, dpkg unpacks both and
 * configures one at a time, so the first one's hook meets the second one's
 * tree in that state. It is left out (the full list and the policy's alike:
 * the policy cannot be resolved without modules.dep, and the list would
 * otherwise depend on whether there is a policy); the hook of its own
 * postinst, after its depmod, lists it. Failing instead would fail the first
 * kernel's postinst, and skip the hooks after this one (the boot loader's).
 */
static enum tree_kind kernel_tree_kind(const char *dir)
{
	struct stat st;

	if (lstat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return TREE_NONE;
	if (dir_has(dir, "kernel"))
		return dir_has_depmod(dir) ? TREE_INSTALLED : TREE_UNCONFIGURED;
	return dir_has(dir, "modules.order") && dir_has(dir, "modules.dep") ? TREE_INSTALLED : TREE_NONE;
}

const char *mksums_removing;

int installed_kernels(char ***kvers, size_t *count)
{
	struct dirent **names = NULL;
	char **v = NULL;
	size_t k = 0;
	int n, err = 0;

	*kvers = NULL;
	*count = 0;
	n = scandir(MODULES_ROOT, &names, NULL, alphasort);
	if (n < 0) {
		err = -errno;
		ERR("%s: %s\n", MODULES_ROOT, strerror(-err));
		return err;
	}
	v = calloc((size_t)n + 1, sizeof(*v));
	for (int i = 0; i < n; i++) {
		char *dir = NULL;

		if (v && err == 0 && names[i]->d_name[0] != '.' &&
		    !(mksums_removing && strcmp(names[i]->d_name, mksums_removing) == 0) &&
		    asprintf(&dir, "%s/%s", MODULES_ROOT, names[i]->d_name) >= 0) {
			switch (kernel_tree_kind(dir)) {
			case TREE_INSTALLED:
				v[k] = strdup(names[i]->d_name);
				err = v[k++] ? 0 : -ENOMEM;
				break;
			case TREE_UNCONFIGURED:
				WRN("%s: no modules.dep yet: a kernel unpacked but not configured; left out, its own postinst lists it\n",
				    dir);
				break;
			case TREE_NONE:
				break;
			}
			free(dir);
		}
		free(names[i]);
	}
	free(names);
	if (!v || err < 0) {
		kernels_free(v, k);
		ERR("out of memory\n");
		return -ENOMEM;
	}
	if (k == 0) {
		free(v);
		/* --removing the last kernel is not a failure: the caller leaves the list as it was */
		if (mksums_removing)
			return 0;
		ERR("%s: no installed kernel's modules (no KVER/kernel, or KVER/modules.order with modules.dep)\n", MODULES_ROOT);
		return -ENOENT;
	}
	*kvers = v;
	*count = k;
	return 0;
}

void kernels_free(char **kvers, size_t n)
{
	for (size_t i = 0; kvers && i < n; i++)
		free(kvers[i]);
	free(kvers);
}

int walk_kernels(struct items *it, char *const *kvers, size_t n)
{
	char *dir;
	int err = 0;

	/* every tree is walked, and the first error returned */
	for (size_t i = 0; i < n; i++) {
		int r;

		if (asprintf(&dir, "%s/%s", MODULES_ROOT, kvers[i]) < 0) {
			err = -ENOMEM;
			break;
		}
		INFO("%s: an installed kernel's modules\n", dir);
		r = walk_dir(it, dir);
		if (r < 0 && err == 0)
			err = r;
		free(dir);
	}
	return err;
}

/* ---- --loaded: a short list of what this machine uses ---------------------- */

static int add_loaded_tree(struct items *it, struct kmod_module *mod, int depth)
{
	struct kmod_list *deps, *l;
	const char *path = kmod_module_get_path(mod);
	int r = 0;

	if (depth > 64)
		return 0;
	if (!path) {
		/* built in, or not in modules.dep (loaded from elsewhere): nothing to list */
		INFO("%s: no file in modules.dep; not listed\n", kmod_module_get_name(mod));
		return 0;
	}
	r = add_module(it, path);
	deps = kmod_module_get_dependencies(mod);
	kmod_list_foreach(l, deps) {
		struct kmod_module *d = kmod_module_get_module(l);

		if (r == 0)
			r = add_loaded_tree(it, d, depth + 1);
		kmod_module_unref(d);
	}
	kmod_module_unref_list(deps);
	return r;
}

/* The modules loaded now (/proc/modules) and their dependencies, as modules.dep names their files. */
int walk_loaded(struct items *it)
{
	struct kmod_ctx *ctx = kmod_new(NULL, NULL);
	struct kmod_list *list = NULL, *l;
	int r;

	if (!ctx) {
		ERR("cannot read the module index of the running kernel\n");
		return -ENOMEM;
	}
	r = kmod_module_new_from_loaded(ctx, &list);
	if (r < 0) {
		ERR("/proc/modules: %s\n", strerror(-r));
		kmod_unref(ctx);
		return r;
	}
	kmod_list_foreach(l, list) {
		struct kmod_module *m = kmod_module_get_module(l);

		if (r == 0)
			r = add_loaded_tree(it, m, 0);
		kmod_module_unref(m);
	}
	kmod_module_unref_list(list);
	kmod_unref(ctx);
	return r;
}
