// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-insmod: insmod (and, by name, modprobe) that loads a module only if the digest of its bytes is on the allow-list. */

#include <errno.h>
#include <fcntl.h>
#include <libkmod.h>
#include <limits.h>
#include <linux/module.h>
#include <popt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <seal/seal.h>

#include "log.h"
#include "shared/io.h"
#include "tool.h"

int log_verbose;

/* kmod's insmod: 0 on success, 1 on any failure, usage errors included. */
enum { EXIT_OK = 0, EXIT_FAIL = 1 };

#define COMPRESSION_SYSFS "/sys/module/compression"

enum load_how {
	LOAD_FINIT,             /* finit_module on a sealed memfd holding the bytes read */
	LOAD_INIT,              /* init_module on a buffer */
};

struct plan {
	enum load_how how;
	const void *buf;        /* the bytes handed to the kernel */
	size_t len;
	int flags;              /* finit_module flags */
	void *plain;            /* decompressed image, owned, when the kernel can't decompress */
	size_t plainlen;
};

/* Say why the list at path was refused (bad lines were reported one by one). */
static void list_refused(const char *path, int r)
{
	char why[TOOL_STRERROR_MAX];

	if (r == -ENODATA)
		ERR("%s: the allow-list has no entries (only blanks or comments); refusing every module\n",
		    path);
	else if (r == -EINVAL)
		ERR("%s: not a valid allow-list (bad lines above); refusing every module\n", path);
	else if (r < 0)
		ERR("%s: cannot read the allow-list: %s\n", path, tool_open_strerror(path, r, why));
}

static int load_list(const char *path, struct seal_sums **s)
{
	int r = seal_sums_load(path, tool_report_line, NULL, s);

	tool_lines_end(NULL);
	list_refused(path, r);
	return r;
}

/* The default list, by libseal's rule (seal_sums_load_default: the MD5 list only if there is no SHA-256 one). */
static int load_default_list(char **used, struct seal_sums **s)
{
	int r = seal_sums_load_default(NULL, tool_report_line, NULL, used, s);

	tool_lines_end(NULL);
	if (!*used) {
		ERR("out of memory\n");
		return r;
	}
	if (r == -ENOENT) {
		ERR("no allow-list: neither %s nor %s exists (write one with seal-mksums)\n",
		    SEAL_SUMS_DEFAULT_SHA256, SEAL_SUMS_DEFAULT_MD5);
		return r;
	}
	if (r == -ENOLINK && strcmp(*used, SEAL_SUMS_DEFAULT_SHA256) == 0) {
		char why[TOOL_STRERROR_MAX];

		ERR("%s: cannot read the allow-list: %s; refusing every module (%s is used only when %s does not exist at all)\n",
		    *used, tool_open_strerror(*used, r, why), SEAL_SUMS_DEFAULT_MD5, SEAL_SUMS_DEFAULT_SHA256);
		return r;
	}
	list_refused(*used, r);
	if (r == 0 && strcmp(*used, SEAL_SUMS_DEFAULT_MD5) == 0)
		WRN("%s: %s does not exist; using the MD5 list, and MD5 is weak (run seal-mksums for a SHA-256 list)\n",
		    *used, SEAL_SUMS_DEFAULT_SHA256);
	return r;
}

/*
 * True if the running kernel decompresses modules of format c itself
 * (CONFIG_MODULE_DECOMPRESS, 6.1+): it then names that one format in
 * /sys/module/compression ("xz", "zstd" or "gzip", as seal_comp_name spells
 * them), and finit_module accepts MODULE_INIT_COMPRESSED_FILE.
 */
static bool kernel_decompresses(enum seal_comp c)
{
	const char *want = seal_comp_name(c);
	char buf[32];
	size_t n;
	FILE *f;

	if (c == SEAL_COMP_NONE)
		return false;
	f = fopen(COMPRESSION_SYSFS, "re");
	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return strcmp(buf, want) == 0;
}

/* kmod's wording where it has one, else strerror. */
static const char *load_strerror(int err)
{
	switch (err) {
	case EEXIST:
		return "Module already loaded";
	case ENOEXEC:
		return "Invalid module format";
	case ENOENT:
		return "Unknown symbol in module, or unknown parameter (see dmesg)";
	case ESRCH:
		return "Module has wrong symbol version";
	case EINVAL:
		return "Invalid parameters";
	case EPERM:
		return "Operation not permitted (the kernel may be sealed: see dmesg)";
	default:
		return strerror(err);
	}
}

/* Module parameters as kmod's insmod passes them: the arguments joined by spaces. */
static char *join_params(const char **args, int n)
{
	size_t len = 1;
	char *s, *p;

	for (int i = 0; i < n; i++)
		len += strlen(args[i]) + 1;
	s = malloc(len);
	if (!s)
		return NULL;
	p = s;
	for (int i = 0; i < n; i++) {
		if (i)
			*p++ = ' ';
		p = stpcpy(p, args[i]);
	}
	*p = '\0';
	return s;
}

/*
 * Put the bytes in a memfd that nobody can change any more, and return a
 * read-only descriptor of it. The writable descriptor must be closed before
 * finit_module: kernel_read_file() takes deny_write_access(), which fails
 * with ETXTBSY while any writer is open.
 */
static int sealed_memfd(const char *name, const void *buf, size_t len)
{
	char self[64];
	int fd, ro = -1, err = 0;

	fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return -errno;
	err = write_all(fd, buf, len);
	if (err < 0)
		goto out;
	if (fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) < 0) {
		err = -errno;
		goto out;
	}
	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	ro = open(self, O_RDONLY | O_CLOEXEC);
	if (ro < 0)
		err = -errno;
out:
	close(fd);
	return err < 0 ? err : ro;
}

static const char *flags_name(int flags)
{
	return flags & MODULE_INIT_COMPRESSED_FILE ? "MODULE_INIT_COMPRESSED_FILE" : "0";
}

/* Decide how to hand the checked bytes to the kernel. Returns 0 or -errno (why printed). */
static int plan_load(const char *path, const struct seal_module_image *img, enum seal_comp comp,
		     struct plan *pl)
{
	char why[256];
	int r;

	pl->buf = img->data;
	pl->len = img->len;
	pl->how = LOAD_FINIT;
	pl->flags = 0;
	if (comp == SEAL_COMP_NONE)
		return 0;
	if (kernel_decompresses(comp)) {
		pl->flags = MODULE_INIT_COMPRESSED_FILE;
		return 0;
	}
	/*
	 * The kernel can't decompress this format: decompress the very bytes
	 * checked above, in memory, and pass the image to init_module. Nothing
	 * is read from the file again.
	 */
	r = seal_module_decompress(comp, img->data, img->len, &pl->plain, &pl->plainlen,
				   why, sizeof(why));
	if (r < 0) {
		ERR("%s: %s\n", path, why);
		return r;
	}
	pl->how = LOAD_INIT;
	pl->buf = pl->plain;
	pl->len = pl->plainlen;
	INFO("%s: the kernel does not decompress %s modules (%s); decompressed in memory, %zu bytes, for init_module\n",
	     path, seal_comp_name(comp), COMPRESSION_SYSFS, pl->plainlen);
	return 0;
}

/* The system call. Returns 0 or -errno of the kernel. */
static int do_load(const char *name, const struct plan *pl, const char *params)
{
	long r;
	int fd;

	if (pl->how == LOAD_INIT) {
		r = syscall(SYS_init_module, pl->buf, pl->len, params);
		return r < 0 ? -errno : 0;
	}
	fd = sealed_memfd(name, pl->buf, pl->len);
	if (fd < 0)
		return fd;
	r = syscall(SYS_finit_module, fd, params, pl->flags);
	r = r < 0 ? -errno : 0;
	close(fd);
	/* A kernel without finit_module (before 3.8): the same bytes through init_module. */
	if (r == -ENOSYS && pl->flags == 0) {
		r = syscall(SYS_init_module, pl->buf, pl->len, params);
		r = r < 0 ? -errno : 0;
	}
	return (int)r;
}

/* The allow-list, loaded once for every module of a run. */
struct list {
	struct seal_sums *sums;
	const char *path;
	enum seal_alg alg;
};

/*
 * Check one module file against the list and load the very bytes checked.
 * Returns 0 (loaded, or would be with --dry-run; already loaded counts as
 * loaded when already_ok), or -1 with the reason printed.
 */
static int load_file(const char *path, const char *params, const struct list *l, bool dry_run,
		     bool already_ok)
{
	struct seal_module_image img = { 0 };
	struct seal_modinfo mi;
	struct plan pl = { 0 };
	const struct seal_sums_entry *hit;
	unsigned char digest[SEAL_DIGEST_MAX];
	char hex[2 * SEAL_DIGEST_MAX + 1], why[256];
	int rc = -1, r;

	/* Read once: everything below checks, hashes and loads this buffer. */
	r = seal_module_read(path, &img, why, sizeof(why));
	if (r < 0) {
		ERR("%s: %s\n", path, why);
		goto out;
	}
	r = seal_module_check_buf(img.data, img.len, &mi, why, sizeof(why));
	if (r < 0) {
		ERR("%s: not a loadable module: %s\n", path, why);
		goto out;
	}
	DBG("%s: name=%s vermagic=%s compression=%s\n", path, mi.name, mi.vermagic,
	    seal_comp_name(mi.comp));

	r = seal_hash_buf(l->alg, img.data, img.len, digest);
	if (r < 0) {
		ERR("%s: %s: %s\n", path, seal_alg_name(l->alg), strerror(-r));
		goto out;
	}
	seal_hex_encode(digest, seal_digest_len(l->alg), hex);
	hit = seal_sums_lookup(l->sums, digest);
	if (!hit) {
		ERR("%s: not on the allow-list %s (%s %s)\n", path, l->path, seal_alg_name(l->alg), hex);
		goto out;
	}
	INFO("%s: %s %s listed in %s:%lu (%s)\n", path, seal_alg_name(l->alg), hex, l->path, hit->line,
	     hit->path);

	if (plan_load(path, &img, mi.comp, &pl) < 0)
		goto out;
	if (pl.how == LOAD_INIT && pl.plain) {
		unsigned char d2[SEAL_DIGEST_MAX];

		/* seal.ko's sums= check hashes what init_module receives: the decompressed image. */
		if (seal_hash_buf(l->alg, pl.plain, pl.plainlen, d2) == 0 && !seal_sums_lookup(l->sums, d2))
			INFO("%s: the decompressed image is not on %s; a kernel sealed with sums= will refuse it (rewrite the list with seal-mksums)\n",
			     path, l->path);
	}
	if (dry_run) {
		if (pl.how == LOAD_FINIT)
			printf("%s: dry run: would load %s (%s): finit_module(sealed memfd of %zu bytes, \"%s\", %s)\n",
			       program_invocation_short_name, path, mi.name, pl.len, params,
			       flags_name(pl.flags));
		else
			printf("%s: dry run: would load %s (%s): init_module(%zu decompressed bytes, \"%s\")\n",
			       program_invocation_short_name, path, mi.name, pl.len, params);
		rc = 0;
		goto out;
	}
	if (pl.how == LOAD_FINIT)
		INFO("%s: finit_module(sealed memfd of %zu bytes, \"%s\", %s)\n", path, pl.len, params,
		     flags_name(pl.flags));
	else
		INFO("%s: init_module(%zu bytes, \"%s\")\n", path, pl.len, params);
	r = do_load(mi.name, &pl, params);
	if (r == -EEXIST && already_ok) {
		INFO("%s: %s is already loaded\n", path, mi.name);
		rc = 0;
		goto out;
	}
	if (r < 0) {
		ERR("%s: could not insert module: %s\n", path, load_strerror(-r));
		goto out;
	}
	INFO("%s: loaded as %s\n", path, mi.name);
	rc = 0;
out:
	free(pl.plain);
	seal_module_image_free(&img);
	return rc;
}

/* ---- By name, as modprobe resolves it (libkmod) ---------------------------- */

#define MAX_VISITED 256

/*
 * A module already handled in this run, with what came of it: a module met
 * again (a soft dependency that is also a dependency, two modules needing a
 * third) gets the same answer, so one refused stays refused. The name is a
 * copy: libkmod frees its own with the module.
 */
struct visit {
	char *name;
	int result;                     /* load_module_tree's: 0, or -1 refused or failed */
	bool done;                      /* false while its own dependencies are handled (a softdep loop) */
};

struct by_name {
	const struct list *l;
	bool dry_run;
	bool other_kernel;                      /* -d or -S: the running kernel's state says nothing */
	struct visit visited[MAX_VISITED];
	size_t nvisited;
};

static struct visit *visit_find(struct by_name *b, const char *name)
{
	for (size_t i = 0; i < b->nvisited; i++)
		if (strcmp(b->visited[i].name, name) == 0)
			return &b->visited[i];
	return NULL;
}

/* A new record for name, or NULL when there is no room (the module is then handled each time). */
static struct visit *visit_add(struct by_name *b, const char *name)
{
	struct visit *v;

	if (b->nvisited == MAX_VISITED)
		return NULL;
	v = &b->visited[b->nvisited];
	v->name = strdup(name);
	if (!v->name)
		return NULL;
	v->result = 0;
	v->done = false;
	b->nvisited++;
	return v;
}

/* "A B" from modprobe.d options and the command line; a new string. */
static char *join_options(const char *a, const char *b)
{
	char *s;

	if (asprintf(&s, "%s%s%s", a ? a : "", a && *a && b && *b ? " " : "", b ? b : "") < 0)
		return NULL;
	return s;
}

static int load_module_tree(struct by_name *b, struct kmod_module *mod, const char *extra,
			    bool required);

static int load_list_of(struct by_name *b, struct kmod_list *mods, bool required)
{
	struct kmod_list *it;

	kmod_list_foreach(it, mods) {
		struct kmod_module *m = kmod_module_get_module(it);
		int r = load_module_tree(b, m, NULL, required);

		kmod_module_unref(m);
		if (r < 0 && required)
			return r;
	}
	return 0;
}

/*
 * mod with what it needs first: its soft pre-dependencies (best effort, as
 * modprobe), its dependencies from modules.dep (each checked and loaded the
 * same way, each stopping the run when refused), then mod itself with its
 * modprobe.d options, then its soft post-dependencies.
 */
static int load_module_tree_once(struct by_name *b, struct kmod_module *mod, const char *extra,
				 bool required)
{
	const char *name = kmod_module_get_name(mod), *path;
	struct kmod_list *deps, *pre = NULL, *post = NULL;
	char *params;
	int state, r;

	state = b->other_kernel ? -ENOENT : kmod_module_get_initstate(mod);
	if (state == KMOD_MODULE_BUILTIN || state == KMOD_MODULE_LIVE || state == KMOD_MODULE_COMING) {
		INFO("%s: %s\n", name, state == KMOD_MODULE_BUILTIN ? "built in" : "already loaded");
		return 0;
	}
	if (kmod_module_get_install_commands(mod)) {
		ERR("%s: modprobe.d has an 'install' command for it; seal-insmod runs no commands (give the module's file to load it anyway)\n",
		    name);
		return -1;
	}
	path = kmod_module_get_path(mod);
	if (!path) {
		ERR("%s: no file for it in modules.dep (run depmod?)\n", name);
		return -1;
	}
	if (kmod_module_get_softdeps(mod, &pre, &post) == 0)
		load_list_of(b, pre, false);
	deps = kmod_module_get_dependencies(mod);
	r = load_list_of(b, deps, true);
	kmod_module_unref_list(deps);
	if (r < 0) {
		ERR("%s: not loaded: a dependency was refused\n", name);
		goto out;
	}
	params = join_options(kmod_module_get_options(mod), extra);
	if (!params) {
		r = -1;
		goto out;
	}
	INFO("%s: %s \"%s\"\n", name, path, params);
	r = load_file(path, params, b->l, b->dry_run, true);
	free(params);
	if (r < 0) {
		if (!required)
			WRN("%s: soft dependency not loaded\n", name);
		goto out;
	}
	load_list_of(b, post, false);
out:
	kmod_module_unref_list(pre);
	kmod_module_unref_list(post);
	return r;
}

/* Each module once a run: met again, the answer it had (one still being handled: a softdep loop, 0). */
static int load_module_tree(struct by_name *b, struct kmod_module *mod, const char *extra,
			    bool required)
{
	struct visit *v = visit_find(b, kmod_module_get_name(mod));
	int r;

	if (v)
		return v->done ? v->result : 0;
	v = visit_add(b, kmod_module_get_name(mod));
	r = load_module_tree_once(b, mod, extra, required);
	if (v) {
		v->result = r;
		v->done = true;
	}
	return r;
}

/* True if the lookup of name found the module of that name ('-' and '_' alike), not an alias. */
static bool is_own_name(struct kmod_list *mods, const char *name)
{
	struct kmod_module *m = kmod_module_get_module(mods);
	const char *mn = kmod_module_get_name(m);
	size_t i;
	bool same = strlen(mn) == strlen(name);

	for (i = 0; same && name[i]; i++)
		same = (name[i] == '-' ? '_' : name[i]) == (mn[i] == '-' ? '_' : mn[i]);
	kmod_module_unref(m);
	return same;
}

/* seal-insmod NAME: every module NAME or its alias resolves to, as modprobe would load it. */
struct where {
	const char *root;       /* -d: a root directory instead of / */
	const char *kver;       /* -S: a kernel release instead of the running one's */
};

static struct kmod_ctx *kmod_ctx_for(const struct where *w)
{
	static const char *const conf[] = { "/etc/modprobe.d", "/run/modprobe.d", "/usr/local/lib/modprobe.d",
					    "/lib/modprobe.d", NULL };
	char dir[PATH_MAX], paths[5][PATH_MAX];
	const char *cp[5];
	struct utsname u;
	size_t i;

	if (!w->root && !w->kver)
		return kmod_new(NULL, NULL);
	if (uname(&u) < 0)
		return NULL;
	snprintf(dir, sizeof(dir), "%s/lib/modules/%s", w->root ? w->root : "", w->kver ? w->kver : u.release);
	for (i = 0; conf[i]; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%s%s", w->root ? w->root : "", conf[i]);
		cp[i] = paths[i];
	}
	cp[i] = NULL;
	return kmod_new(dir, cp);
}

static int load_by_name(const char *name, const char *params, const struct list *l, bool dry_run,
			const struct where *w)
{
	struct by_name b = { .l = l, .dry_run = dry_run, .other_kernel = w->root || w->kver };
	struct kmod_list *mods = NULL, *it;
	struct kmod_ctx *ctx;
	int rc = -1;

	ctx = kmod_ctx_for(w);
	if (!ctx) {
		ERR("cannot read the module index for this kernel\n");
		return -1;
	}
	kmod_load_resources(ctx);
	if (kmod_module_new_from_lookup(ctx, name, &mods) < 0 || !mods) {
		ERR("%s: no such module, and no module has it as an alias (modules.dep, modules.alias)\n", name);
		goto out;
	}
	/* As modprobe: the blacklist hides aliases, never a module asked for by its own name. */
	if (!is_own_name(mods, name)) {
		struct kmod_list *filtered = NULL;

		if (kmod_module_apply_filter(ctx, KMOD_FILTER_BLACKLIST, mods, &filtered) < 0) {
			ERR("%s: cannot apply the modprobe.d blacklist\n", name);
			goto out;
		}
		kmod_module_unref_list(mods);
		mods = filtered;
		if (!mods) {
			ERR("%s: every module with this alias is blacklisted in modprobe.d\n", name);
			goto out;
		}
	}
	rc = 0;
	kmod_list_foreach(it, mods) {
		struct kmod_module *m = kmod_module_get_module(it);

		if (load_module_tree(&b, m, params, true) < 0)
			rc = -1;
		kmod_module_unref(m);
	}
out:
	for (size_t i = 0; i < b.nvisited; i++)
		free(b.visited[i].name);
	kmod_module_unref_list(mods);
	kmod_unref(ctx);
	return rc;
}

/* A module file (a path, or a name ending in .ko*) rather than a module name. */
static bool is_file_arg(const char *arg)
{
	return strchr(arg, '/') || seal_is_module_name(arg);
}

int main(int argc, const char **argv)
{
	struct list l = { 0 };
	struct where w = { 0 };
	char *sums_arg = NULL, *params = NULL, *root_arg = NULL, *kver_arg = NULL, *default_list = NULL;
	const char **args, *what;
	int dry_run = 0, version = 0, force = 0, nargs = 0, rc, r;
	struct poptOption table[] = {
		{ "sums", 0, POPT_ARG_STRING, &sums_arg, 0,
		  "allow-list to check against (default " SEAL_SUMS_DEFAULT_SHA256 ", else "
		  SEAL_SUMS_DEFAULT_MD5 ")", "FILE" },
		{ "dry-run", 'n', POPT_ARG_NONE, &dry_run, 0,
		  "do every check, print what would be loaded, load nothing", NULL },
		{ "dirname", 'd', POPT_ARG_STRING, &root_arg, 0,
		  "by NAME: modules and modprobe.d under this root directory (with --dry-run)", "DIR" },
		{ "set-version", 'S', POPT_ARG_STRING, &kver_arg, 0,
		  "by NAME: modules of this kernel release (with --dry-run)", "VERSION" },
		TOOL_OPT_VERBOSE("say more (twice: debug)"),
		TOOL_OPT_VERSION(version),
		{ "force", 'f', POPT_ARG_NONE | POPT_ARGFLAG_DOC_HIDDEN, &force, 0, NULL, NULL },
		POPT_AUTOHELP
		POPT_TABLEEND
	};
	poptContext pc = poptGetContext(NULL, argc, argv, table, 0);

	poptSetOtherOptionHelp(pc, "[--sums FILE] [--dry-run] [-v] FILE|NAME [PARAM=VALUE...]");
	if (tool_options(pc) < 0) {
		poptPrintUsage(pc, stderr, 0);
		rc = EXIT_FAIL;
		goto out;
	}
	if (version) {
		tool_print_version();
		rc = EXIT_OK;
		goto out;
	}
	rc = EXIT_FAIL;
	w.root = root_arg;
	w.kver = kver_arg;
	if ((w.root || w.kver) && !dry_run) {
		/* Modules of another root or kernel are not the running kernel's to load. */
		ERR("-d and -S only go with --dry-run\n");
		goto out;
	}
	if (w.kver && !seal_is_kernel_release(w.kver)) {
		ERR("-S '%s': not a kernel release\n", w.kver);
		goto out;
	}
	if (force) {
		ERR("-f: forcing a load past version checks is not supported\n");
		goto out;
	}
	args = poptGetArgs(pc);
	while (args && args[nargs])
		nargs++;
	if (nargs == 0) {
		ERR("missing module filename or name\n");
		poptPrintUsage(pc, stderr, 0);
		goto out;
	}
	what = args[0];
	params = join_params(args + 1, nargs - 1);
	if (!params) {
		ERR("out of memory\n");
		goto out;
	}

	if (sums_arg) {
		l.path = sums_arg;
		r = load_list(l.path, &l.sums);
	} else {
		r = load_default_list(&default_list, &l.sums);
		l.path = default_list;
	}
	if (r < 0)
		goto out;
	l.alg = seal_sums_alg(l.sums);

	if (is_file_arg(what))
		r = load_file(what, params, &l, dry_run, false);
	else
		r = load_by_name(what, params, &l, dry_run, &w);
	if (r == 0)
		rc = EXIT_OK;
out:
	seal_sums_free(l.sums);
	free(params);
	free(default_list);
	free(sums_arg);         /* popt's malloc'd copies */
	free(root_arg);
	free(kver_arg);
	poptFreeContext(pc);
	return rc;
}
