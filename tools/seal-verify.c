// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-verify: the cron integrity check of modules on disk, loaded modules, hidden modules and the seal. */
#include <errno.h>
#include <fcntl.h>
#include <popt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "log.h"
#include "tool.h"
#include "verify.h"

int log_verbose;

#define EXIT_FINDINGS 1
#define EXIT_UNCHECKED 2
#define CACHE_FILE "/var/cache/seal/verify.cache"
#define STATE_FILE "/var/lib/seal/verify.state"      /* the denials already reported, per boot */

/* A bad line of the list is a gap (exit 2), in every output: the first few, then a count (tool.h). */
static void list_line_error(void *ctx, const char *file, unsigned long line, const char *reason)
{
	struct verify_ctx *v = ctx;

	if (line)
		verify_report_error(v->report, "%s%s:%lu: %s", v->root, file, line, reason);
	else
		verify_report_error(v->report, "%s%s: %s", v->root, file, reason);
}

/* The kernel release: -k, else ROOT/proc/sys/kernel/osrelease, else uname(2) for the real root. */
static int pick_kver(struct verify_ctx *v, char *buf, size_t size)
{
	struct utsname u;
	int err;

	err = verify_read_text(v, "/proc/sys/kernel/osrelease", buf, size);
	if (err == 0) {
		buf[strcspn(buf, "\n")] = '\0';
		return buf[0] ? 0 : -ENODATA;
	}
	if (v->root[0])
		return err;
	if (uname(&u) < 0)
		return -errno;
	snprintf(buf, size, "%s", u.release);
	return 0;
}

static int open_sums(struct verify_ctx *v, const char *given)
{
	struct tool_lines lines = { .emit = list_line_error, .ctx = v };
	int err;

	free(v->sums_file);
	if (given) {
		v->sums_file = strdup(given);
		err = v->sums_file ? seal_sums_load_at(v->rootfd, v->sums_file, tool_report_line, &lines, &v->sums)
				   : -ENOMEM;
	} else {
		err = seal_sums_load_default_at(v->rootfd, tool_report_line, &lines, &v->sums_file, &v->sums);
	}
	tool_lines_end(&lines);
	if (!v->sums_file)
		return -ENOMEM;
	if (err < 0) {
		char why[TOOL_STRERROR_MAX];

		/* bad lines were reported one by one (-EINVAL); a FIFO's -EINVAL is its own */
		if (err != -EINVAL || tool_special_at(v->rootfd, v->sums_file))
			verify_report_error(v->report, "%s%s: %s: module files and loaded modules not checked",
					    v->root, v->sums_file, err == -ENODATA ? "the list has no entries"
					    : tool_open_strerror_at(v->rootfd, v->sums_file, err, why));
		else
			verify_report_error(v->report, "%s%s: list refused: module files and loaded modules not checked",
					    v->root, v->sums_file);
		return err;
	}
	v->alg = seal_sums_alg(v->sums);
	INFO("%s%s: %zu entries (%s)\n", v->root, v->sums_file, seal_sums_count(v->sums),
	     seal_alg_name(v->alg));
	return 0;
}

static void count_fact(struct verify_ctx *v, const char *key, unsigned long n)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lu", n);
	verify_report_fact(v->report, "counts", key, buf);
}

static int fill_state(FILE *f, void *ctx)
{
	return fputs(ctx, f) == EOF ? -EIO : 0;
}

/* The state file, replaced atomically, its directory made (0700) if missing: inside the root. */
static int save_state(const struct verify_ctx *v, const char *path, const char *text)
{
	int err = seal_mkdir_parents_at(v->rootfd, path, 0700);

	return err < 0 ? err : seal_write_atomic_at(v->rootfd, path, 0600, fill_state, (void *)text);
}

int main(int argc, const char **argv)
{
	const char *sums_arg = NULL, *root_arg = NULL, *kver_arg = NULL, *cache_arg = NULL;
	const char *state_arg = NULL, *metrics_arg = NULL;
	int json = 0, quiet = 0, use_syslog = 0, full = 0, no_cache = 0, since_boot = 0, version = 0;
	char *state_path = NULL;
	struct poptOption options[] = {
		{ "sums", 's', POPT_ARG_STRING, &sums_arg, 0,
		  "the allow-list (default " SEAL_SUMS_DEFAULT_SHA256 ", else "
		  SEAL_SUMS_DEFAULT_MD5 "), inside --root", "FILE" },
		{ "root", 'r', POPT_ARG_STRING, &root_arg, 0,
		  "check the tree under DIR: DIR/proc, DIR/sys, DIR/lib/modules (tests, rescue); "
		  "paths resolve inside DIR, as in a chroot", "DIR" },
		{ "kernel", 'k', POPT_ARG_STRING, &kver_arg, 0,
		  "kernel release (default: DIR/proc/sys/kernel/osrelease, else uname -r)", "KVER" },
		{ "full", 'f', POPT_ARG_NONE, &full, 0,
		  "rehash every file: ignore the cache (it is still rewritten)", NULL },
		{ "cache", 0, POPT_ARG_STRING, &cache_arg, 0,
		  "digest cache (default " CACHE_FILE ", inside --root)", "FILE" },
		{ "state", 0, POPT_ARG_STRING, &state_arg, 0,
		  "where the denials already reported are kept (default " STATE_FILE ", inside --root)", "FILE" },
		{ "since-boot", 0, POPT_ARG_NONE, &since_boot, 0,
		  "report every denial since the seal, not only those not reported before", NULL },
		{ "no-cache", 0, POPT_ARG_NONE, &no_cache, 0,
		  "neither read nor write the cache", NULL },
		{ "json", 'j', POPT_ARG_NONE, &json, 0, "print one JSON document", NULL },
		{ "quiet", 'q', POPT_ARG_NONE, &quiet, 0,
		  "print nothing on stdout: the exit code tells", NULL },
		{ "syslog", 0, POPT_ARG_NONE, &use_syslog, 0,
		  "also log findings and the summary: to journald with SEAL_* fields, else to syslog (authpriv)", NULL },
		{ "metrics", 0, POPT_ARG_STRING, &metrics_arg, 0,
		  "write the node exporter's textfile format to FILE, atomically (not inside --root)", "FILE" },
		TOOL_OPT_VERBOSE("say more (twice: every file hashed)"),
		TOOL_OPT_VERSION(version),
		POPT_AUTOHELP
		POPT_TABLEEND
	};
	struct verify_ctx v = { .root = "", .rootfd = SEAL_ROOT_HOST, .moddir_fd = -1 };
	char kver[256], why[512], rootbuf[4096];
	char **names = NULL;
	size_t nnames = 0;
	poptContext pc;
	int exit_code = EXIT_UNCHECKED, err;
	bool have_moddir, have_list;
	char *cache_path = NULL;

	pc = poptGetContext("seal-verify", argc, argv, options, 0);
	poptSetOtherOptionHelp(pc, "[OPTION...]\n"
			       "Exit status: 0 all good, 1 findings, 2 something could not be checked.");
	if (tool_options(pc) < 0)
		goto out_popt;
	if (version) {
		tool_print_version();
		exit_code = EXIT_SUCCESS;
		goto out_popt;
	}
	if (poptPeekArg(pc)) {
		ERR("%s: unexpected argument (see --help)\n", poptPeekArg(pc));
		goto out_popt;
	}

	if (verify_report_new((json ? VERIFY_OUT_JSON : 0) | (quiet ? VERIFY_OUT_QUIET : 0) |
			      (use_syslog ? VERIFY_OUT_SYSLOG : 0), &v.report) < 0) {
		ERR("out of memory\n");
		goto out_popt;
	}
	if (root_arg) {
		size_t n;

		if (!realpath(root_arg, rootbuf)) {
			verify_report_error(v.report, "--root %s: %s", root_arg, strerror(errno));
			goto finish;
		}
		n = strlen(rootbuf);
		if (n == 1)
			rootbuf[0] = '\0';  /* --root / is the real system */
		v.root = rootbuf;
		if (v.root[0]) {
			err = seal_root_open(v.root);
			if (err < 0) {
				verify_report_error(v.report, "--root %s: %s", root_arg, err == -ENOSYS ?
						    "openat2(2) is missing (Linux 5.6 or later needed): "
						    "paths under DIR cannot be resolved as in a chroot" : strerror(-err));
				goto finish;
			}
			v.rootfd = err;
		}
	}
	verify_report_fact(v.report, "run", "root", v.root[0] ? v.root : "/");

	if (kver_arg) {
		snprintf(kver, sizeof(kver), "%s", kver_arg);
	} else {
		err = pick_kver(&v, kver, sizeof(kver));
		if (err < 0) {
			verify_report_error(v.report, "%s/proc/sys/kernel/osrelease: %s: give -k KVER",
					    v.root, strerror(-err));
			goto finish;
		}
	}
	if (!seal_is_kernel_release(kver)) {
		verify_report_error(v.report, "-k %s: not a kernel release", kver);
		goto finish;
	}
	v.kver = kver;
	verify_report_fact(v.report, "run", "kernel", kver);
	if (asprintf(&v.moddir, "/lib/modules/%s", kver) < 0) {
		v.moddir = NULL;
		goto finish;
	}
	/*
	 * Each check runs on its own: what one needs and cannot have (the module
	 * tree, the list) is reported as a gap and skips that check only. The
	 * seal and the hidden-module checks need neither, and a module that hid
	 * itself must be named even on a machine whose module tree was moved away.
	 */
	if (v.root[0]) {
		v.moddir_fd = verify_open(&v, v.moddir, O_RDONLY | O_DIRECTORY);
		err = v.moddir_fd < 0 ? v.moddir_fd : 0;
	} else {
		err = access(v.moddir, R_OK | X_OK) < 0 ? -errno : 0;
	}
	have_moddir = err == 0;
	if (!have_moddir)
		verify_report_error(v.report, "%s%s: %s: module files and loaded modules not checked against it",
				    v.root, v.moddir, strerror(-err));
	have_list = open_sums(&v, sums_arg) == 0;
	if (have_list) {
		verify_report_fact(v.report, "run", "sums", v.sums_file);
		/* With --no-cache the cache still serves this run (a loaded module's file is hashed once). */
		cache_path = strdup(cache_arg ? cache_arg : CACHE_FILE);
		err = cache_path ? seal_cache_open_at(v.rootfd, cache_path, !full && !no_cache, &v.cache,
						      why, sizeof(why)) : -ENOMEM;
		if (err < 0) {
			verify_report_error(v.report, "%s%s: the digest cache: %s: nothing checked",
					    v.root, cache_path ? cache_path : CACHE_FILE, strerror(-err));
			goto finish;
		}
		/* libseal's reason starts with the cache's path, as seen inside the root */
		if (why[0])
			WRN("%s%s\n", v.root, why);
	}

	/* The denials already reported (check_denied() reports only new ones, unless --since-boot). */
	v.since_boot = since_boot;
	state_path = strdup(state_arg ? state_arg : STATE_FILE);
	if (state_path) {
		err = verify_read_text(&v, state_path, v.denied_prev, sizeof(v.denied_prev));
		/*
		 * No state yet (the first run) reports every denial; one that can't be
		 * read does the same and is a gap: a denial is reported twice rather
		 * than not at all (fail closed).
		 */
		if (err < 0)
			v.denied_prev[0] = '\0';
		if (err < 0 && err != -ENOENT) {
			char ewhy[TOOL_STRERROR_MAX];

			verify_report_error(v.report, "%s%s: %s: every denial since the seal is reported as new",
					    v.root, state_path, tool_open_strerror_at(v.rootfd, state_path, err, ewhy));
		}
	}
	err = verify_seal(&v);
	if (err < 0)
		verify_report_error(v.report, "the seal's state: %s", strerror(-err));
	err = verify_hidden(&v, &names, &nnames);
	if (err < 0)
		verify_report_error(v.report, "hidden modules: %s", strerror(-err));
	if (have_list && have_moddir) {
		err = verify_disk(&v);
		if (err < 0)
			verify_report_error(v.report, "module files: %s", strerror(-err));
		err = verify_loaded(&v, names, nnames);
		if (err < 0)
			verify_report_error(v.report, "loaded modules: %s", strerror(-err));
	}
	if (!have_list)
		goto finish;
	if (!no_cache) {
		err = seal_cache_save(v.cache);
		if (err < 0)
			WRN("%s%s: not saved: %s (the next run rehashes)\n", v.root, cache_path, strerror(-err));
	}

finish:
	if (state_path && v.denied_now[0]) {
		err = save_state(&v, state_path, v.denied_now);
		if (err < 0)
			WRN("%s%s: not saved: %s (the next run reports these denials again)\n", v.root, state_path,
			    strerror(-err));
	}
	count_fact(&v, "files", v.files);
	count_fact(&v, "loaded", v.loaded);
	count_fact(&v, "hashed", v.hashed);
	count_fact(&v, "cached", v.cached);
	/*
	 * Findings win over "could not check": they are certain, the gaps are not.
	 * An unsealed kernel is reported as not-sealed but counts as a gap: the
	 * seal's own checks could not run, and the usual cause is a boot whose
	 * seal.service failed, an alarm of its own kind (2), not tampering (1).
	 */
	if (verify_report_findings(v.report) > v.not_sealed + v.benign)
		exit_code = EXIT_FINDINGS;
	else if (verify_report_errors(v.report) || !v.sums || v.not_sealed)
		exit_code = EXIT_UNCHECKED;
	else
		exit_code = EXIT_SUCCESS;
	verify_report_finish(v.report, exit_code);
	if (metrics_arg) {
		err = verify_report_metrics(v.report, metrics_arg, exit_code);
		if (err < 0) {
			/* monitoring would not see this run: a gap of its own */
			ERR("%s: not written: %s\n", metrics_arg, strerror(-err));
			if (exit_code == EXIT_SUCCESS)
				exit_code = EXIT_UNCHECKED;
		}
	}

	verify_names_free(names, nnames);
	seal_cache_free(v.cache);
	free(cache_path);
	seal_sums_free(v.sums);
	free(v.sums_file);
	free(v.moddir);
	if (v.moddir_fd >= 0)
		close(v.moddir_fd);
	if (v.rootfd >= 0)
		close(v.rootfd);
	verify_report_free(v.report);
out_popt:
	/* popt hands out malloc'd copies of string arguments. */
	free((char *)sums_arg);
	free((char *)root_arg);
	free((char *)kver_arg);
	free((char *)cache_arg);
	free((char *)state_arg);
	free((char *)metrics_arg);
	free(state_path);
	poptFreeContext(pc);
	return exit_code;
}
