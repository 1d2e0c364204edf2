// SPDX-License-Identifier: GPL-2.0-or-later
/* The module policy made a list: each name's file, dependencies and softdeps, in every installed kernel, and what a rewrite changes. */
#include <errno.h>
#include <libkmod.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "log.h"
#include "mksums.h"
#include "shared/array.h"
#include "tool.h"

/* Lines of one kind printed per kernel when a rewrite is reported; the rest is counted. */
#define REPORT_LINES 20

/* ---- One kernel's module index: modules.dep, softdeps, modules.builtin ------ */

struct kindex {
	char *kver;
	char *dir;                      /* MODULES_ROOT/KVER */
	struct kmod_ctx *ctx;
	char **builtin;                 /* kmod's names, sorted */
	size_t nbuiltin;
};

/* kmod's form of a module name: '-' is '_'. dst holds at least strlen(src) + 1 bytes. */
static void name_norm(char *dst, const char *src)
{
	for (; *src; src++)
		*dst++ = *src == '-' ? '_' : *src;
	*dst = '\0';
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* libkmod's own messages (a missing index, a bad modprobe.d line) at -vv. */
static void kmod_log(void *data, int priority, const char *file, int line, const char *fn,
		     const char *format, va_list args)
	__attribute__((format(printf, 6, 0)));
static void kmod_log(void *data, int priority, const char *file, int line, const char *fn,
		     const char *format, va_list args)
{
	char msg[512];

	(void)priority, (void)file, (void)line, (void)fn;
	vsnprintf(msg, sizeof(msg), format, args);
	msg[strcspn(msg, "\n")] = '\0';
	DBG("libkmod (%s): %s\n", (const char *)data, msg);
}

/* modules.builtin: one path per line (kernel/crypto/aes_generic.ko); the names are kept. */
static int builtin_load(struct kindex *k)
{
	char *path, *buf = NULL, *line, *save = NULL;
	size_t cap = 0;
	FILE *f;
	int err = 0;

	if (asprintf(&path, "%s/modules.builtin", k->dir) < 0)
		return -ENOMEM;
	f = fopen(path, "re");
	free(path);
	if (!f)
		return errno == ENOENT ? 0 : -errno;
	while (getline(&buf, &cap, f) > 0) {
		char *base, *dot;

		line = strtok_r(buf, "\n", &save);
		if (!line || !*line)
			continue;
		base = strrchr(line, '/');
		base = base ? base + 1 : line;
		dot = strstr(base, ".ko");
		if (dot)
			*dot = '\0';
		if (k->nbuiltin % 256 == 0) {
			char **v = reallocarray(k->builtin, k->nbuiltin + 256, sizeof(*v));

			if (!v) {
				err = -ENOMEM;
				break;
			}
			k->builtin = v;
		}
		k->builtin[k->nbuiltin] = strdup(base);
		if (!k->builtin[k->nbuiltin]) {
			err = -ENOMEM;
			break;
		}
		name_norm(k->builtin[k->nbuiltin], k->builtin[k->nbuiltin]);
		k->nbuiltin++;
	}
	free(buf);
	fclose(f);
	if (k->nbuiltin)
		qsort(k->builtin, k->nbuiltin, sizeof(*k->builtin), str_cmp);
	return err;
}

void kindex_close(struct kindex *k)
{
	if (!k)
		return;
	kmod_unref(k->ctx);
	for (size_t i = 0; i < k->nbuiltin; i++)
		free(k->builtin[i]);
	free(k->builtin);
	free(k->dir);
	free(k->kver);
	free(k);
}

int kindex_open(const char *kver, struct kindex **out)
{
	struct kindex *k = calloc(1, sizeof(*k));
	int err;

	*out = NULL;
	if (!k || !(k->kver = strdup(kver)) || asprintf(&k->dir, "%s/%s", MODULES_ROOT, kver) < 0) {
		if (k)
			k->dir = NULL;
		kindex_close(k);
		return -ENOMEM;
	}
	/*
	 * The kernel's package runs depmod before /etc/kernel/postinst.d: a tree without is not ready.
	 * installed_kernels() leaves such a tree out; only -k KVER names one here, and is refused.
	 */
	if (!dir_has_depmod(k->dir)) {
		ERR("%s: no modules.dep (run depmod %s): its modules' dependencies are unknown\n",
		    k->dir, kver);
		kindex_close(k);
		return -ENOENT;
	}
	/* modprobe.d from the default places, as modprobe reads it for its softdeps */
	k->ctx = kmod_new(k->dir, NULL);
	if (!k->ctx) {
		ERR("%s: cannot read the module index\n", k->dir);
		kindex_close(k);
		return -ENOMEM;
	}
	kmod_set_log_fn(k->ctx, kmod_log, k->kver);
	err = kmod_load_resources(k->ctx);
	if (err < 0)
		DBG("%s: libkmod could not load its indexes (%s); reading the text files\n", k->dir,
		    strerror(-err));
	err = builtin_load(k);
	if (err < 0) {
		ERR("%s/modules.builtin: %s\n", k->dir, strerror(-err));
		kindex_close(k);
		return err;
	}
	*out = k;
	return 0;
}

const char *kindex_kver(const struct kindex *k)
{
	return k->kver;
}

bool kindex_builtin(const struct kindex *k, const char *name)
{
	char norm[NAME_MAX + 1];
	const char *key = norm;

	if (strlen(name) > NAME_MAX)
		return false;
	name_norm(norm, name);
	return k->nbuiltin && bsearch(&key, k->builtin, k->nbuiltin, sizeof(*k->builtin), str_cmp);
}

/* What an alias resolves to in this kernel (net-pf-38: af_alg), for a message; NULL if nothing. */
char *kindex_alias_of(const struct kindex *k, const char *alias)
{
	struct kmod_list *list = NULL;
	char *name = NULL;

	if (kmod_module_new_from_lookup(k->ctx, alias, &list) == 0 && list) {
		struct kmod_module *m = kmod_module_get_module(list);

		if (m && !seal_module_name_equal(kmod_module_get_name(m), alias))
			name = strdup(kmod_module_get_name(m));
		kmod_module_unref(m);
	}
	kmod_module_unref_list(list);
	return name;
}

/* ---- A closure: a name and every module it brings ----------------------------- */

struct closure {
	struct kindex *k;
	kindex_visit_fn fn;
	void *ctx;
	char **seen;                    /* kmod's names met in this closure */
	size_t nseen, capseen;
	int err;
};

static bool closure_mark(struct closure *c, const char *name)
{
	for (size_t i = 0; i < c->nseen; i++)
		if (strcmp(c->seen[i], name) == 0)
			return false;
	if (c->nseen == c->capseen) {
		char **v = array_grow(c->seen, &c->capseen, sizeof(*v), 32);

		if (!v) {
			c->err = -ENOMEM;
			return false;
		}
		c->seen = v;
	}
	c->seen[c->nseen] = strdup(name);
	if (!c->seen[c->nseen]) {
		c->err = -ENOMEM;
		return false;
	}
	c->nseen++;
	return true;
}

static void closure_list(struct closure *c, struct kmod_list *list, enum kindex_via via, int depth);

/*
 * One module of the closure and what it brings, as modprobe loads them:
 * modules.dep's dependencies, and the softdeps (pre: and post:) that
 * modprobe.d and the kernel's modules.softdep give, each with its own.
 */
static void closure_visit(struct closure *c, struct kmod_module *m, enum kindex_via via, int depth)
{
	struct kmod_list *deps, *pre = NULL, *post = NULL;
	const char *name = kmod_module_get_name(m), *path;

	if (c->err || depth > 64 || !closure_mark(c, name))
		return;
	path = kmod_module_get_path(m);
	if (!path && !kindex_builtin(c->k, name))
		return;                 /* a softdep naming a module this kernel lacks: modprobe skips it too */
	c->err = c->fn(c->ctx, c->k, name, path, via);
	if (c->err || !path)
		return;
	deps = kmod_module_get_dependencies(m);
	closure_list(c, deps, KINDEX_DEP, depth + 1);
	kmod_module_unref_list(deps);
	if (kmod_module_get_softdeps(m, &pre, &post) == 0) {
		closure_list(c, pre, KINDEX_SOFTDEP, depth + 1);
		closure_list(c, post, KINDEX_SOFTDEP, depth + 1);
	}
	kmod_module_unref_list(pre);
	kmod_module_unref_list(post);
}

static void closure_list(struct closure *c, struct kmod_list *list, enum kindex_via via, int depth)
{
	struct kmod_list *l;

	kmod_list_foreach(l, list) {
		struct kmod_module *d = kmod_module_get_module(l);

		closure_visit(c, d, via, depth);
		kmod_module_unref(d);
	}
}

int kindex_closure(struct kindex *k, const char *name, kindex_visit_fn fn, void *ctx)
{
	struct closure c = { .k = k, .fn = fn, .ctx = ctx };
	struct kmod_module *m = NULL;
	int err;

	err = kmod_module_new_from_name(k->ctx, name, &m);
	if (err < 0)
		return err;
	if (!kmod_module_get_path(m) && !kindex_builtin(k, name)) {
		kmod_module_unref(m);
		return -ENOENT;
	}
	closure_visit(&c, m, KINDEX_NAMED, 0);
	kmod_module_unref(m);
	for (size_t i = 0; i < c.nseen; i++)
		free(c.seen[i]);
	free(c.seen);
	return c.err;
}

/* ---- The derivation: every installed kernel, every name of the policy ---------- */

static int derivation_add(struct derivation *d, size_t kernel, const char *name, const char *path,
			  const struct seal_modset_entry *root, enum kindex_via via)
{
	struct derived *e;

	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].kernel == kernel && strcmp(d->v[i].name, name) == 0)
			return 0;       /* brought by an earlier name already */
	if (d->n == d->cap) {
		struct derived *v = array_grow(d->v, &d->cap, sizeof(*v), 64);

		if (!v)
			return -ENOMEM;
		d->v = v;
	}
	e = &d->v[d->n];
	memset(e, 0, sizeof(*e));
	e->kernel = kernel;
	e->root = root;
	e->via = via;
	e->name = strdup(name);
	e->path = path ? strdup(path) : NULL;
	if (!e->name || (path && !e->path)) {
		free(e->name);
		free(e->path);
		return -ENOMEM;
	}
	d->n++;
	return 0;
}

struct derive_ctx {
	struct derivation *d;
	size_t kernel;
	const struct seal_modset_entry *root;
};

static int derive_visit(void *ctx, struct kindex *k, const char *name, const char *path,
			enum kindex_via via)
{
	struct derive_ctx *c = ctx;

	(void)k;
	return derivation_add(c->d, c->kernel, name, path, c->root, via);
}

void derivation_free(struct derivation *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].name);
		free(d->v[i].path);
	}
	free(d->v);
	kernels_free(d->kvers, d->nkvers);
	memset(d, 0, sizeof(*d));
}

/*
 * Said once per name: where it is missing, or, if no kernel has it, an error.
 * removing: the kernel the postrm hook is taking out (--removing), or NULL.
 */
static bool report_missing(const char *policy, const struct seal_modset_entry *e, struct kindex **k,
			   const bool *found, size_t nk, const char *removing)
{
	size_t have = 0;

	for (size_t i = 0; i < nk; i++)
		have += found[i];
	if (have == 0) {
		char *alias = NULL;
		bool ok = false;

		for (size_t i = 0; i < nk && !alias; i++)
			alias = kindex_alias_of(k[i], e->name);
		if (alias) {
			ERR("%s:%lu: '%s' is not a module name but an alias of %s: write '%s'\n", policy,
			    e->line, e->name, alias, alias);
		} else if (removing) {
			/*
			 * A kernel's postrm hook: the administrator changed nothing, and the
			 * name was most likely the removed kernel's alone. Failing would fail
			 * the postrm (the package half-removed, the boot loader's hook after
			 * this one skipped). The list is written without the name: it only
			 * shrinks, so this opens nothing. Without --removing (a kernel's
			 * postinst, a run by hand) the same name is a typo, and an error.
			 */
			WRN("%s:%lu: '%s': no installed kernel has a module of that name once %s is removed: nothing listed for it (drop the line, or install a kernel that has it)\n",
			    policy, e->line, e->name, removing);
			ok = true;
		} else {
			ERR("%s:%lu: '%s': no installed kernel has a module of that name\n", policy,
			    e->line, e->name);
		}
		free(alias);
		return ok;
	}
	for (size_t i = 0; i < nk; i++)
		if (!found[i])
			WRN("%s:%lu: '%s': kernel %s has no such module: a boot into %s cannot load it\n",
			    policy, e->line, e->name, kindex_kver(k[i]), kindex_kver(k[i]));
	return true;
}

int policy_derive(const struct seal_modset *m, const char *policy, const char *only_kver,
		  char *const *installed, size_t ninstalled, struct derivation *d)
{
	struct kindex **k = NULL;
	bool *found = NULL;
	size_t nk = 0, bad = 0, n = only_kver ? 1 : ninstalled;
	int err = 0;

	memset(d, 0, sizeof(*d));
	d->all_kernels = !only_kver;
	d->kvers = calloc(n + 1, sizeof(*d->kvers));
	if (!d->kvers)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		d->kvers[i] = strdup(only_kver ? only_kver : installed[i]);
		if (!d->kvers[i])
			return -ENOMEM;
		d->nkvers++;
	}
	k = calloc(d->nkvers, sizeof(*k));
	found = calloc(d->nkvers, sizeof(*found));
	if (!k || !found) {
		err = -ENOMEM;
		goto out;
	}
	for (nk = 0; nk < d->nkvers; nk++) {
		err = kindex_open(d->kvers[nk], &k[nk]);
		if (err < 0)
			goto out;
	}
	for (size_t i = 0; i < seal_modset_count(m); i++) {
		const struct seal_modset_entry *e = seal_modset_entry_at(m, i);

		for (size_t j = 0; j < nk; j++) {
			struct derive_ctx c = { .d = d, .kernel = j, .root = e };
			int r = kindex_closure(k[j], e->name, derive_visit, &c);

			found[j] = r == 0;
			if (r == -ENOMEM) {
				err = r;
				goto out;
			}
			if (r == 0 && kindex_builtin(k[j], e->name))
				INFO("%s:%lu: '%s' is built into %s: nothing to list there\n", policy, e->line,
				     e->name, d->kvers[j]);
		}
		if (!report_missing(policy, e, k, found, nk, d->all_kernels ? mksums_removing : NULL))
			bad++;
	}
	/*
	 * seal.ko itself, in every kernel that has it, whatever the policy says: it
	 * is loaded (before the seal, by seal.service), so seal-verify checks its
	 * file against the list like any loaded module's, and a changed seal.ko on
	 * disk is a finding. Line 0: no line of the policy brought it.
	 */
	for (size_t j = 0; j < nk && err == 0; j++) {
		static const struct seal_modset_entry self = { .name = SEAL_KMOD_NAME, .line = 0 };
		struct derive_ctx c = { .d = d, .kernel = j, .root = &self };
		char *path = kindex_path(k[j], SEAL_KMOD_NAME);

		if (path && !seal_modset_find(m, SEAL_KMOD_NAME))
			err = kindex_closure(k[j], SEAL_KMOD_NAME, derive_visit, &c);
		free(path);
	}
	if (err < 0)
		goto out;
	if (bad) {
		ERR("%s: %zu name%s no installed kernel has; the list is left as it was\n", policy, bad,
		    bad == 1 ? "" : "s");
		err = -EINVAL;
	}
out:
	for (size_t j = 0; j < nk; j++)
		kindex_close(k[j]);
	free(k);
	free(found);
	return err;
}

int policy_items(const struct derivation *d, struct items *it)
{
	for (size_t i = 0; i < d->n; i++) {
		int r;

		if (!d->v[i].path)
			continue;       /* built in: the kernel has it, there is no file to list */
		r = add_module(it, d->v[i].path);
		if (r < 0)
			return r;
	}
	return 0;
}

/* ---- What the rewrite changes, by module name and kernel ------------------------- */

/* The kernel release and the module's name (kmod's form) of a list path, or false. */
static bool list_path_module(const char *path, char *kver, size_t kverlen, char *name, size_t namelen)
{
	const char *p = path, *slash, *base;
	size_t n;

	if (strncmp(p, "/usr", 4) == 0)
		p += 4;
	if (strncmp(p, MODULES_ROOT "/", strlen(MODULES_ROOT) + 1) != 0)
		return false;
	p += strlen(MODULES_ROOT) + 1;
	slash = strchr(p, '/');
	if (!slash || (size_t)(slash - p) >= kverlen)
		return false;
	memcpy(kver, p, (size_t)(slash - p));
	kver[slash - p] = '\0';
	base = strrchr(path, '/') + 1;
	n = strcspn(base, ".");
	if (n == 0 || n >= namelen)
		return false;
	memcpy(name, base, n);
	name[n] = '\0';
	name_norm(name, name);
	return true;
}

struct name_at {
	char kver[256];
	char name[NAME_MAX + 1];
};

static int name_at_cmp(const void *a, const void *b)
{
	const struct name_at *x = a, *y = b;
	int c = strcmp(x->kver, y->kver);

	return c ? c : strcmp(x->name, y->name);
}

/* The (kernel, name) pairs of a list's module lines, sorted, without repeats. */
static int names_of_paths(const char *const *paths, size_t n, struct name_at **out, size_t *count)
{
	struct name_at *v = calloc(n ? n : 1, sizeof(*v));
	size_t k = 0;

	if (!v)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (list_path_module(paths[i], v[k].kver, sizeof(v[k].kver), v[k].name, sizeof(v[k].name)))
			k++;
	qsort(v, k, sizeof(*v), name_at_cmp);
	if (k) {
		size_t w = 0;

		for (size_t r = 1; r < k; r++)
			if (name_at_cmp(&v[w], &v[r]) != 0)
				v[++w] = v[r];
		k = w + 1;
	}
	*out = v;
	*count = k;
	return 0;
}

static bool has_kernel(const struct name_at *v, size_t n, const char *kver)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].kver, kver) == 0)
			return true;
	return false;
}

/* Was name in the old list, for kver (or, for a kernel new to the list, for any kernel)? */
static bool had_name(const struct name_at *v, size_t n, const char *kver, bool any, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0 && (any || strcmp(v[i].kver, kver) == 0))
			return true;
	return false;
}

static const struct derived *derived_of(const struct derivation *d, const char *kver, const char *name)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->kvers[d->v[i].kernel], kver) == 0 && strcmp(d->v[i].name, name) == 0)
			return &d->v[i];
	return NULL;
}

static void report_join(const char *policy, const struct name_at *a, const struct derived *e)
{
	if (!e)
		ERR("%s: '%s' joins the list\n", a->kver, a->name);
	else if (e->root->line == 0)
		ERR("%s: '%s' joins the list: seal.ko itself, on every list\n", a->kver, a->name);
	else if (e->via == KINDEX_NAMED)
		ERR("%s: '%s' joins the list: named at %s:%lu\n", a->kver, a->name, policy, e->root->line);
	else
		ERR("%s: '%s' joins the list: a %s of '%s' (%s:%lu)\n", a->kver, a->name,
		    e->via == KINDEX_DEP ? "dependency" : "softdep", e->root->name, policy, e->root->line);
}

/*
 * Compare the list about to be written with the one at target, by module
 * name, kernel by kernel, so that an upgrade that changes a list is read in
 * names: a module that joins (named, or a dependency or softdep a kernel
 * adds), one that leaves, a kernel new to the list, one no longer installed.
 */
void policy_report_changes(const struct derivation *d, const struct items *it, const char *policy,
			   const char *target)
{
	struct seal_sums *s = NULL;
	const char **oldp = NULL, **newp = NULL;
	struct name_at *o = NULL, *w = NULL;
	size_t no = 0, nw = 0, nold, nnew = 0;

	if (strcmp(target, "-") == 0 || seal_sums_load(target, tool_report_line, NULL, &s) < 0)
		return;                 /* no list to compare with: a first list is all new */
	nold = seal_sums_count(s);
	oldp = calloc(nold ? nold : 1, sizeof(*oldp));
	newp = calloc(it->n ? it->n : 1, sizeof(*newp));
	if (!oldp || !newp)
		goto out;
	for (size_t i = 0; i < nold; i++)
		oldp[i] = seal_sums_entry_at(s, i)->path;
	for (size_t i = 0; i < it->n; i++)
		if (!it->v[i].decompressed)
			newp[nnew++] = it->v[i].path;
	if (names_of_paths(oldp, nold, &o, &no) < 0 || names_of_paths(newp, nnew, &w, &nw) < 0)
		goto out;
	for (size_t kk = 0; kk < d->nkvers; kk++) {
		const char *kver = d->kvers[kk];
		bool known = has_kernel(o, no, kver);
		size_t joins = 0, leaves = 0, total = 0;

		for (size_t i = 0; i < nw; i++) {
			if (strcmp(w[i].kver, kver) != 0)
				continue;
			total++;
			if (had_name(o, no, kver, !known, w[i].name))
				continue;
			if (++joins <= REPORT_LINES)
				report_join(policy, &w[i], derived_of(d, kver, w[i].name));
		}
		if (joins > REPORT_LINES)
			ERR("%s: and %zu more join the list (seal-mksums --diff shows every entry)\n", kver,
			    joins - REPORT_LINES);
		if (!known && no) {
			ERR("%s: a kernel new to the list: %zu modules\n", kver, total);
			continue;
		}
		for (size_t i = 0; i < no; i++) {
			if (strcmp(o[i].kver, kver) != 0 || had_name(w, nw, kver, false, o[i].name))
				continue;
			if (++leaves <= REPORT_LINES)
				ERR("%s: '%s' leaves the list: %s names it no more, nor needs it\n", kver,
				    o[i].name, policy);
		}
		if (leaves > REPORT_LINES)
			ERR("%s: and %zu more leave the list (seal-mksums --diff shows every entry)\n", kver,
			    leaves - REPORT_LINES);
	}
	for (size_t i = 0; i < no; i++) {
		size_t n = 0;

		if (i && strcmp(o[i].kver, o[i - 1].kver) == 0)
			continue;
		for (size_t j = i; j < no && strcmp(o[j].kver, o[i].kver) == 0; j++)
			n++;
		for (size_t kk = 0; kk < d->nkvers; kk++)
			if (strcmp(d->kvers[kk], o[i].kver) == 0)
				n = 0;
		if (n && d->all_kernels)
			ERR("%s: no longer installed: its %zu modules leave the list\n", o[i].kver, n);
	}
out:
	free(o);
	free(w);
	free(oldp);
	free(newp);
	seal_sums_free(s);
}

/* ---- Which list a run writes: the policy's, or every module ------------------- */

const char *policy_path(const struct opts *o)
{
	return o->modules ? o->modules : SEAL_MODULES_DEFAULT;
}

int policy_collect(struct items *it, const struct opts *o, const char *kver, char *const *installed,
		   size_t ninstalled, struct derivation *d, struct seal_modset **m)
{
	const char *path = policy_path(o);
	int r;

	*m = NULL;
	if (o->all)
		return 1;
	r = seal_modset_load(path, tool_report_line, NULL, m);
	if (r == -ENOENT && !o->modules) {
		/* Said once a run: the hooks' runs show it too, until there is a policy. */
		ERR("%s does not exist: listing every module of %s, so that any of them can be loaded, autoloaded by the kernel too; to list only what this machine uses, learn and accept a policy (seal.modules(5), seal-mksums --propose)\n",
		    path, kver ? kver : "every installed kernel");
		return 1;
	}
	if (r == -EINVAL) {
		ERR("%s: not a valid module policy (bad lines above); the list is left as it was\n", path);
		return r;
	}
	if (r == -ENODATA) {
		ERR("%s: names no module (one name per line, or 'all' for every module); the list is left as it was\n",
		    path);
		return r;
	}
	if (r == -EFBIG) {
		ERR("%s: larger than %lu bytes: not a module policy; the list is left as it was\n", path,
		    (unsigned long)SEAL_MODULES_MAX_BYTES);
		return r;
	}
	if (r < 0) {
		char why[TOOL_STRERROR_MAX];

		ERR("%s: %s: the module policy cannot be read; the list is left as it was\n", path,
		    tool_open_strerror(path, r, why));
		return r;
	}
	if (seal_modset_all(*m)) {
		INFO("%s:%lu: 'all': every module\n", path, seal_modset_all(*m));
		return 1;
	}
	INFO("%s: %zu module names\n", path, seal_modset_count(*m));
	r = policy_derive(*m, path, kver, installed, ninstalled, d);
	if (r == 0)
		r = policy_items(d, it);
	return r;
}

char *kindex_path(const struct kindex *k, const char *name)
{
	struct kmod_module *m = NULL;
	char *path = NULL;

	if (kmod_module_new_from_name(k->ctx, name, &m) == 0 && kmod_module_get_path(m))
		path = strdup(kmod_module_get_path(m));
	kmod_module_unref(m);
	return path;
}
