// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-mksums: write the sums list of every kernel module in a tree, atomically and sorted by path. */
#include <errno.h>
#include <popt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <seal/seal.h>

#include "log.h"
#include "mksums.h"
#include "tool.h"

int log_verbose;

/*
 * 3: the list was written, without the files named on stderr: files the package
 * database does not vouch for, and module files that can't be read or decompressed.
 * --diff: 0 the same, 1 different, 2 trouble (EXIT_USAGE's value).
 */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_PARTIAL = 3 };

static int parse_alg(const char *s, enum seal_alg *alg)
{
	if (strcmp(s, "sha256") == 0)
		*alg = SEAL_ALG_SHA256;
	else if (strcmp(s, "md5") == 0)
		*alg = SEAL_ALG_MD5;
	else
		return -EINVAL;
	return 0;
}

/* The list written when -o is not given: the default list of the algorithm. */
static const char *default_list(enum seal_alg alg)
{
	return alg == SEAL_ALG_MD5 ? SEAL_SUMS_DEFAULT_MD5 : SEAL_SUMS_DEFAULT_SHA256;
}

/* The arguments that exclude each other: 0, or -EINVAL once said on stderr. */
static int check_usage(const struct opts *o, const char *kver, const char *output, int nargs)
{
	if (o->append && (kver || nargs == 0)) {
		ERR("--append takes module files, not -k: %s\n",
		    kver ? "drop -k" : "name at least one FILE.ko");
		return -EINVAL;
	}
	if (kver && nargs > 0) {
		ERR("-k %s and directories exclude each other\n", kver);
		return -EINVAL;
	}
	if (kver && !seal_is_kernel_release(kver)) {
		ERR("-k '%s': not a kernel version\n", kver);
		return -EINVAL;
	}
	if (o->append && strcmp(output ? output : default_list(o->alg), "-") == 0) {
		ERR("--append needs a list file to read, not standard output\n");
		return -EINVAL;
	}
	if (!o->append && o->loaded && (kver || nargs > 0)) {
		ERR("--loaded takes no -k or directories: it lists the running kernel's loaded modules\n");
		return -EINVAL;
	}
	if (o->removing && !seal_is_kernel_release(o->removing)) {
		ERR("--removing '%s': not a kernel version\n", o->removing);
		return -EINVAL;
	}
	if (o->removing && (kver || nargs > 0 || o->append || o->loaded)) {
		ERR("--removing leaves a kernel out of the installed ones: not with %s\n",
		    kver ? "-k" : nargs > 0 ? "directories" : o->append ? "--append" : "--loaded");
		return -EINVAL;
	}
	/* the removal hook's option: a policy learned or accepted then would be half the work (no list) */
	if (o->removing && (o->record || o->propose || o->accept)) {
		ERR("--removing is for the kernel removal hook: not with --%s\n",
		    o->record ? "record" : o->accept ? "accept" : "propose");
		return -EINVAL;
	}
	if (o->modules && o->all) {
		ERR("--modules and --all exclude each other: the policy's modules, or every module\n");
		return -EINVAL;
	}
	if (o->record + o->propose + o->accept > 1 && !(o->propose && o->accept && !o->record)) {
		ERR("--record and --propose or --accept exclude each other\n");
		return -EINVAL;
	}
	if ((o->record || o->propose || o->accept) &&
	    (o->append || o->loaded || o->diff || o->all || kver || nargs > 0)) {
		ERR("--%s takes no -k, directories, --append, --loaded, --diff or --all\n",
		    o->record ? "record" : o->accept ? "accept" : "propose");
		return -EINVAL;
	}
	if (o->record && o->modules) {
		ERR("--record keeps what was loaded: it reads no policy\n");
		return -EINVAL;
	}
	if ((o->modules || o->all) && (o->append || o->loaded || nargs > 0)) {
		ERR("--%s chooses the modules of the installed kernels: not with %s\n",
		    o->modules ? "modules" : "all", o->append ? "--append" : o->loaded ? "--loaded" : "directories");
		return -EINVAL;
	}
	return 0;
}

/* --append: the FILE.ko arguments checked, then the old list and the new files as items. */
static int collect_append(struct items *it, struct opts *o, const char *list, bool alg_given,
			  const char **args, int nargs)
{
	int r, err = 0;

	for (int i = 0; i < nargs; i++) {
		r = check_append_file(args[i]);
		if (r < 0 && err == 0)
			err = r;
	}
	if (err < 0)
		return err;
	err = load_old_list(it, list, o, alg_given);
	for (int i = 0; i < nargs && err == 0; i++)
		err = add_module(it, args[i]);
	return err;
}

/* The module trees: /lib/modules/KVER, the directories given, or the installed kernels' (*where). */
static int collect_trees(struct items *it, const struct opts *o, const char *kver, char *const *installed,
			 size_t ninstalled, const char **args, int nargs, char **where)
{
	int r, err = 0;

	if (nargs == 0 && kver) {
		if (asprintf(where, "/lib/modules/%s", kver) < 0) {
			*where = NULL;
			return -ENOMEM;
		}
		err = walk_dir(it, *where);
	} else if (nargs == 0) {
		/* Every installed kernel: a fallback boot into the old one meets a listed tree. */
		*where = strdup(MODULES_ROOT);
		if (!*where)
			return -ENOMEM;
		err = walk_kernels(it, installed, ninstalled);
	}
	for (int i = 0; i < nargs; i++) {
		r = walk_dir(it, args[i]);
		if (r < 0 && err == 0)
			err = r;
	}
	return err;
}

int main(int argc, const char **argv)
{
	struct opts o = { .alg = SEAL_ALG_SHA256 };
	struct items it = { 0 };
	char *alg_arg = NULL, *output = NULL, *kver = NULL, *defdir = NULL, **installed = NULL;
	struct seal_pkgdb *db = NULL;
	struct seal_cache *cache;
	struct derivation deriv = { 0 };
	struct seal_modset *policy = NULL;
	size_t dropped = 0, ninstalled = 0;
	const char **args, *target = NULL;
	const char *from = NULL;        /* where the modules were looked for: the message of an empty list */
	bool from_policy = false;
	int version = 0, rc, r, err = 0, nargs = 0, learned = 0, lockfd = -1;
	struct poptOption table[] = {
		{ "kernel", 'k', POPT_ARG_STRING, &kver, 0,
		  "hash the modules of /lib/modules/KVER only (default: every installed kernel)", "KVER" },
		{ "algorithm", 'a', POPT_ARG_STRING, &alg_arg, 0,
		  "digest: sha256 (default) or md5", "sha256|md5" },
		{ "output", 'o', POPT_ARG_STRING, &output, 0,
		  "write the list to FILE (default /lib/modules/sha256sums or md5sums; - for stdout)",
		  "FILE" },
		{ "append", 0, POPT_ARG_NONE, &o.append, 0,
		  "add or replace the entries of the FILE.ko arguments in the existing list", NULL },
		/* Accepted for old scripts and hooks: every list has the image lines now. */
		{ "decompressed", 'd', POPT_ARG_NONE, NULL, 0,
		  "no effect (kept for old scripts): a compressed module's image is always listed", NULL },
		{ "cache", 0, POPT_ARG_STRING, &o.cache, 0,
		  "digest cache (default " MKSUMS_CACHE " for trees under " MODULES_ROOT ")", "FILE" },
		{ "no-cache", 0, POPT_ARG_NONE, &o.no_cache, 0,
		  "neither read nor write the digest cache: hash every file", NULL },
		{ "diff", 0, POPT_ARG_NONE, &o.diff, 0,
		  "show the entries the new list would add, remove and change; write nothing", NULL },
		{ "modules", 'm', POPT_ARG_STRING, &o.modules, 0,
		  "the module policy: list these modules and what they need (default " SEAL_MODULES_DEFAULT ")",
		  "FILE" },
		{ "all", 0, POPT_ARG_NONE, &o.all, 0,
		  "list every module, whatever the policy says (the weaker list)", NULL },
		{ "record", 0, POPT_ARG_NONE, &o.record, 0,
		  "keep the modules loaded since the seal in the learned record (" SEAL_LEARNED_DEFAULT ")", NULL },
		{ "propose", 0, POPT_ARG_NONE, &o.propose, 0,
		  "show the names the machine learned that the policy lacks, as a diff; write nothing", NULL },
		{ "accept", 0, POPT_ARG_NONE, &o.accept, 0,
		  "add the proposed names to the policy, then write the list", NULL },
		{ "learned", 0, POPT_ARG_STRING, &o.learned, 0,
		  "the learned record (default " SEAL_LEARNED_DEFAULT ")", "FILE" },
		{ "loaded", 'l', POPT_ARG_NONE, &o.loaded, 0,
		  "list only the modules loaded now and their dependencies", NULL },
		{ "no-dpkg", 0, POPT_ARG_NONE, &o.no_dpkg, 0,
		  "do not check module files against the package database", NULL },
		{ "dpkg-admindir", 0, POPT_ARG_STRING, &o.admindir, 0,
		  "dpkg's database (default " DPKG_ADMINDIR ")", "DIR" },
		{ "unpackaged", 0, POPT_ARG_STRING, &o.unpackaged, 0,
		  "where in each kernel's tree unpackaged modules are listed from (default updates)", "SUBDIR" },
		{ "removing", 0, POPT_ARG_STRING, &o.removing, 0,
		  "a kernel being removed: not one of the installed kernels, even while its tree is "
		  "still there (the kernel postrm hook)", "KVER" },
		TOOL_OPT_VERBOSE("say more (twice: debug)"),
		TOOL_OPT_VERSION(version),
		POPT_AUTOHELP
		POPT_TABLEEND
	};
	poptContext pc = poptGetContext(NULL, argc, argv, table, 0);

	poptSetOtherOptionHelp(pc, "[-k KVER | DIR...] [-a sha256|md5] [-o FILE] [--append FILE.ko...]");
	if (tool_options(pc) < 0) {
		poptPrintUsage(pc, stderr, 0);
		rc = EXIT_USAGE;
		goto out;
	}
	if (version) {
		tool_print_version();
		rc = EXIT_OK;
		goto out;
	}
	if (alg_arg && parse_alg(alg_arg, &o.alg) < 0) {
		ERR("-a %s: unknown algorithm (want sha256 or md5)\n", alg_arg);
		rc = EXIT_USAGE;
		goto out;
	}
	args = poptGetArgs(pc);
	while (args && args[nargs])
		nargs++;
	if (check_usage(&o, kver, output, nargs) < 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	mksums_removing = o.removing;
	/* a run that writes a list waits for another writing one in the same directory (list_lock) */
	if (!o.diff && !o.record && (!o.propose || o.accept) &&
	    strcmp(output ? output : default_list(o.alg), "-") != 0)
		lockfd = list_lock(output ? output : default_list(o.alg));
	/* --diff answers as diff(1) does: 0 the same, 1 different, 2 trouble (anything but a comparison made) */
	rc = o.diff ? EXIT_USAGE : EXIT_FAIL;

	if (o.record) {
		rc = learn_record(&o) < 0 ? EXIT_FAIL : EXIT_OK;
		goto out;
	}
	if (o.propose || o.accept) {
		bool wrote;

		learned = learn_propose(&o, o.accept, &wrote);
		/* --propose as diff(1): 0 nothing to review, 1 something to, 2 trouble */
		if (!o.accept || learned < 0) {
			rc = learned < 0 ? (o.accept ? EXIT_FAIL : EXIT_USAGE) : learned ? EXIT_FAIL : EXIT_OK;
			goto out;
		}
		/* --accept goes on: the list from the policy as it is now */
	}
	/* Every installed kernel unless -k or directories name the trees: found once, for either list. */
	if (!o.append && !o.loaded && nargs == 0 && !kver) {
		if (installed_kernels(&installed, &ninstalled) < 0)
			goto out;
		if (ninstalled == 0) {
			/*
			 * --removing the last kernel (the kernel postrm hook): nothing is left to
			 * list. Failing would fail the removal (dpkg leaves the package half-removed,
			 * the hooks after this one skipped), and an empty list would refuse every
			 * module. The list is left as it was and the policy unread; the next
			 * kernel's postinst hook rewrites the list. Exit 0, --diff's too: nothing
			 * changes.
			 */
			WRN("%s was the last installed kernel: %s left as it was; the next kernel's installation rewrites it\n",
			    o.removing, output ? output : default_list(o.alg));
			rc = EXIT_OK;
			goto out;
		}
	}
	if (o.append) {
		/* Without -a the algorithm is the existing list's; -o or -a picks which list. */
		target = output ? output : default_list(o.alg);
		err = collect_append(&it, &o, target, alg_arg != NULL, args, nargs);
	} else if (o.loaded) {
		err = walk_loaded(&it);
		from = "/proc/modules";
	} else if (nargs == 0 &&
		   (r = policy_collect(&it, &o, kver, installed, ninstalled, &deriv, &policy)) <= 0) {
		err = r;
		from = policy_path(&o);
		from_policy = true;
	} else {
		err = collect_trees(&it, &o, kver, installed, ninstalled, args, nargs, &defdir);
		from = nargs > 0 ? args[0] : defdir;
	}
	if (err < 0) {
		if (err == -ENOMEM)
			ERR("out of memory\n");
		goto out;
	}
	if (!target)
		target = output ? output : default_list(o.alg);
	/* one cache for the run: the package check reads through it, the hashing fills it */
	cache = cache_open(&it, &o);
	err = attach_pkgdb(&it, &o, cache, &db);
	if (err < 0) {
		seal_cache_free(cache);
		goto out;
	}
	INFO("hashing %zu modules with %s\n", it.n, seal_alg_name(o.alg));
	err = hash_all(&it, &o, cache);
	if (err < 0)
		goto out;
	check_trust(&it, &o, db != NULL, !o.append && !o.loaded && nargs == 0);
	dropped = it.bad + items_drop_rejected(&it);
	if (!o.append && it.n == 0) {
		if (from_policy)
			ERR("%s: no modules left to list; not writing an empty list (%s)\n", from,
			    dropped ? "the files it brings are not listed: see above" :
			    "what it names is built in: -v says so for each name");
		else
			ERR("%s: no modules %s (*.ko, *.ko.xz, *.ko.zst, *.ko.gz); not writing an empty list\n",
			    from, dropped ? "left to list" : "found");
		goto out;
	}
	items_sort_unique(&it);
	if (deriv.nkvers)
		policy_report_changes(&deriv, &it, policy_path(&o), target);
	if (o.diff) {
		r = show_diff(&it, target, o.alg);
		/* files left off are trouble too: the list would be written without them (exit 3) */
		if (r >= 0 && dropped)
			ERR("%s: would be written without the %zu file%s above\n", target, dropped,
			    dropped == 1 ? "" : "s");
		rc = r < 0 || dropped ? EXIT_USAGE : r ? EXIT_FAIL : EXIT_OK;
		goto out;
	}
	err = write_atomic(target, &it, o.alg);
	if (err < 0)
		goto out;
	INFO("%s: %zu entries written\n", target, it.n);
	if (o.loaded && strcmp(target, default_list(o.alg)) == 0)
		WRN("%s: the kernel and apt hooks rewrite this list from %s, or with every module when there is none: for a short list that lasts, write the policy (seal.modules(5))\n",
		    target, SEAL_MODULES_DEFAULT);
	if (dropped) {
		ERR("%s: written without the %zu file%s above\n", target, dropped, dropped == 1 ? "" : "s");
		rc = EXIT_PARTIAL;
		goto out;
	}
	/* --accept: learned modules left out of the policy, named above */
	rc = learned > 0 ? EXIT_PARTIAL : EXIT_OK;
out:
	if (lockfd >= 0)
		close(lockfd);
	items_free(&it);
	derivation_free(&deriv);
	seal_modset_free(policy);
	seal_pkgdb_free(db);
	kernels_free(installed, ninstalled);
	free(defdir);
	free(o.admindir);
	free(o.unpackaged);
	free(o.removing);
	free(o.cache);
	free(o.modules);
	free(o.learned);
	/* popt hands out malloc'd copies of string arguments. */
	free(kver);
	free(alg_arg);
	free(output);
	poptFreeContext(pc);
	return rc;
}
