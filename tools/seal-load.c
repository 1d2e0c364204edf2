// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-load: seals the running kernel: loads seal.ko with the parameters of /etc/seal/seal.conf. */

#include <errno.h>
#include <fcntl.h>
#include <libkmod.h>
#include <linux/module.h>
#include <popt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <seal/seal.h>

#include "log.h"
#include "shared/io.h"
#include "tool.h"

int log_verbose;

/* 0: sealed (now or already); 1: not sealed (bad configuration, seal.ko missing or refused); 2: usage. */
enum { EXIT_SEALED = 0, EXIT_NOT_SEALED = 1, EXIT_USAGE = 2, EXIT_SEALED_UNCHECKED = 3 };

#define SEALED_FILE SEAL_SYSFS_DIR "/sealed"

/*
 * The seal's state: 1 sealed, 0 no seal.ko (no /sys/kernel/seal), -errno when
 * seal.ko is there but SEALED_FILE can't be read or does not read "1". The last
 * is not "unsealed, go ahead": a second seal.ko can't load beside the first,
 * and the kernel is not known to be sealed, so seal-load fails (exit 1) and
 * the unit with it, where an admin sees it; it never reports such a state as
 * sealed (fail closed).
 */
static int kernel_sealed(char *state, size_t size)
{
	struct stat st;
	ssize_t n;
	int fd;

	snprintf(state, size, "?");
	if (stat(SEAL_SYSFS_DIR, &st) < 0)
		return errno == ENOENT ? 0 : -errno;
	fd = open(SEALED_FILE, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(state, size, "%s", strerror(errno));
		return -errno;
	}
	n = read(fd, state, size - 1);
	close(fd);
	if (n < 0) {
		snprintf(state, size, "%s", strerror(errno));
		return -EIO;
	}
	state[n] = '\0';
	state[strcspn(state, "\n")] = '\0';
	return strcmp(state, "1") == 0 ? 1 : -EPROTO;
}

/*
 * What can be checked before the kernel sees it, with messages that name the
 * file: the sums= list (a SHA-256 list, every line good) and the programs.
 * seal.ko checks everything again; this is for clear errors, not for safety.
 */
/* The sums= list, read once: checked here, and kept as the sealed list after the seal. */
struct list_bytes {
	void *buf;
	size_t len;
};

/* Read path whole (at most SEAL_SUMS_MAX_BYTES, what seal.ko reads). 0 or -errno. */
static int read_list(const char *path, struct list_bytes *l)
{
	struct stat st;
	size_t off = 0;
	int fd, err = 0;

	/* O_NONBLOCK: a FIFO would hang open() (and the boot); it is refused below */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		err = -errno;
	else if (!S_ISREG(st.st_mode))
		err = S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	else if ((size_t)st.st_size > SEAL_SUMS_MAX_BYTES)
		err = -EFBIG;
	else if (!(l->buf = malloc((size_t)st.st_size + 1)))
		err = -ENOMEM;
	while (err == 0 && off < (size_t)st.st_size) {
		ssize_t n = read_retry(fd, (char *)l->buf + off, (size_t)st.st_size - off);

		if (n <= 0) {
			err = n < 0 ? (int)n : -EIO;    /* the file shrank under us */
			break;
		}
		off += (size_t)n;
	}
	close(fd);
	l->len = off;
	return err;
}

/* Is path a module file of the kernel release kver, /lib/modules/KVER/...? */
static bool entry_of_release(const char *path, const char *kver)
{
	static const char *const roots[] = { "/lib/modules/", "/usr/lib/modules/" };
	size_t k = strlen(kver);

	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		size_t r = strlen(roots[i]);

		if (strncmp(path, roots[i], r) == 0 && strncmp(path + r, kver, k) == 0 && path[r + k] == '/')
			return true;
	}
	return false;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Does the list cover the running kernel? seal.ko takes a list with no entry
 * for it, and then refuses every module the machine loads: --check calls that
 * an error, a boot warns and seals anyway (refusing to seal would leave the
 * machine open). A compressed module needs its "#image" digest as well: kmod
 * decompresses .ko.xz itself and hands seal.ko the image (sums_core.h).
 */
static int check_coverage(const char *conf, unsigned long line, const char *list,
			  const struct seal_sums *s, bool strict)
{
	size_t n = seal_sums_count(s), files = 0, compressed = 0, noimage = 0, nimg = 0;
	const char **images = calloc(n ? n : 1, sizeof(*images));
	const char *missing = NULL;
	struct utsname u;

	if (!images)
		return -ENOMEM;
	if (uname(&u) < 0) {
		free(images);
		return -errno;
	}
	for (size_t i = 0; i < n; i++) {
		const struct seal_sums_entry *e = seal_sums_entry_at(s, i);

		if (e->image && entry_of_release(e->path, u.release))
			images[nimg++] = e->path;
	}
	qsort(images, nimg, sizeof(*images), by_path);
	for (size_t i = 0; i < n; i++) {
		const struct seal_sums_entry *e = seal_sums_entry_at(s, i);
		const char *dot;

		if (e->image || !entry_of_release(e->path, u.release))
			continue;
		files++;
		dot = strrchr(e->path, '.');
		if (!dot || strcmp(dot, ".ko") == 0)
			continue;
		compressed++;
		if (!bsearch(&e->path, images, nimg, sizeof(*images), by_path)) {
			noimage++;
			missing = missing ? missing : e->path;
		}
	}
	free(images);
	printf("%s: sums=%s: %zu entries, %zu module files of the running kernel %s (%zu compressed, %zu with an #image digest)\n",
	       program_invocation_short_name, list, n, files, u.release, compressed, compressed - noimage);
	if (files == 0) {
		if (strict) {
			ERR("%s:%lu: sums=%s: no entry under /lib/modules/%s/: seal.ko would refuse every module of the running kernel (seal-mksums -d writes them)\n",
			    conf, line, list, u.release);
			return -ENODATA;
		}
		WRN("%s: no entry for the running kernel %s: every module it loads will be refused\n", list, u.release);
	} else if (noimage) {
		if (strict) {
			ERR("%s:%lu: sums=%s: %zu compressed modules of %s have no #image digest (%s the first): kmod hands seal.ko the decompressed image, which it would refuse (seal-mksums -d writes them)\n",
			    conf, line, list, noimage, u.release, missing);
			return -ENODATA;
		}
		WRN("%s: %zu compressed modules of %s have no #image digest: loads by kmod will be refused\n",
		    list, noimage, u.release);
	}
	return 0;
}

/* sums=: read once (kept as the sealed list after the seal), a good SHA-256 list that covers the running kernel. */
static int check_list(const char *conf, const struct seal_conf *c, struct list_bytes *list, bool strict)
{
	unsigned long line = 0;
	const char *val = seal_conf_value(c, SEAL_P_SUMS, &line);
	struct seal_sums *s = NULL;
	char why[TOOL_STRERROR_MAX];
	int r;

	if (!val)
		return 0;
	r = read_list(val, list);
	if (r == 0) {
		r = seal_sums_parse(val, list->buf, list->len, tool_report_line, NULL, &s);
		tool_lines_end(NULL);
	}
	if (r == -ENODATA)
		ERR("%s:%lu: sums=%s: the list has no entries\n", conf, line, val);
	else if (r == -EINVAL && list->buf)     /* read, then refused by the parser */
		ERR("%s:%lu: sums=%s: not a valid list (bad lines above)\n", conf, line, val);
	else if (r < 0)
		ERR("%s:%lu: sums=%s: %s\n", conf, line, val, tool_open_strerror(val, r, why));
	else if (seal_sums_alg(s) != SEAL_ALG_SHA256) {
		ERR("%s:%lu: sums=%s: an MD5 list; seal.ko takes SHA-256 lists only (seal-mksums writes one)\n",
		    conf, line, val);
		r = -EINVAL;
	} else {
		r = check_coverage(conf, line, val, s, strict);
	}
	seal_sums_free(s);
	return r;
}

/* seal.ko of the running kernel, as modprobe would find it (modules.dep). Returns a new string. */
static char *find_module(void)
{
	struct kmod_ctx *ctx = kmod_new(NULL, NULL);
	struct kmod_module *mod = NULL;
	char *path = NULL;

	if (!ctx)
		return NULL;
	if (kmod_module_new_from_name(ctx, SEAL_KMOD_NAME, &mod) == 0 && kmod_module_get_path(mod))
		path = strdup(kmod_module_get_path(mod));
	kmod_module_unref(mod);
	kmod_unref(ctx);
	return path;
}

/* What seal-load needs from seal.ko's .modinfo: the release it was built for, and the reasons it knows. */
struct module_info {
	char release[256];              /* vermagic's first word */
	char *reasons;                  /* SEAL_MODINFO_REASONS, or NULL for a seal.ko that has none */
};

static int read_module_info(const char *path, struct module_info *mi)
{
	struct kmod_ctx *ctx = kmod_new(NULL, NULL);
	struct kmod_module *mod = NULL;
	struct kmod_list *info = NULL, *l;
	int r;

	mi->release[0] = '\0';
	mi->reasons = NULL;
	if (!ctx)
		return -ENOMEM;
	r = kmod_module_new_from_path(ctx, path, &mod);
	if (r == 0)
		r = kmod_module_get_info(mod, &info);
	if (r >= 0) {
		r = 0;
		kmod_list_foreach(l, info) {
			const char *key = kmod_module_info_get_key(l), *val = kmod_module_info_get_value(l);

			if (!key || !val)
				continue;
			if (strcmp(key, "vermagic") == 0)
				snprintf(mi->release, sizeof(mi->release), "%.*s", (int)strcspn(val, " "), val);
			else if (strcmp(key, SEAL_MODINFO_REASONS) == 0 && !mi->reasons && !(mi->reasons = strdup(val)))
				r = -ENOMEM;
		}
	}
	kmod_module_info_free_list(info);
	kmod_module_unref(mod);
	kmod_unref(ctx);
	return r;
}

/* Does the configuration name a lockdown reason (lockdown= as a list, or lockdown_allow=)? */
static bool names_reasons(const struct seal_conf *c)
{
	const char *ld = seal_conf_value(c, SEAL_P_LOCKDOWN, NULL);

	return seal_conf_value(c, SEAL_P_LOCKDOWN_ALLOW, NULL) ||
	       (ld && strcmp(ld, SEAL_LOCKDOWN_INTEGRITY) != 0 && strcmp(ld, SEAL_LOCKDOWN_NONE) != 0);
}

/*
 * The seal.ko that would load (--module, or modules.dep's), which must exist
 * and be built for the running kernel, and its lockdown reasons in
 * mi->reasons. With --check (strict) a seal.ko that does not say which
 * reasons it knows fails a configuration that names one: --check can't vouch
 * for it. A boot leaves those names to seal.ko.
 */
static int check_module(const char *module_arg, char **module, struct module_info *mi, const struct seal_conf *c,
			bool strict)
{
	struct utsname u;
	struct stat st;
	int r;

	*module = module_arg ? strdup(module_arg) : find_module();
	if (!*module) {
		ERR("seal.ko is not installed for this kernel (modules.dep has no '%s'): install it (make install, or the seal-dkms package) and run depmod\n",
		    SEAL_KMOD_NAME);
		return -ENOENT;
	}
	if (stat(*module, &st) < 0) {
		r = -errno;
		ERR("%s: %s\n", *module, strerror(-r));
		return r;
	}
	if (!S_ISREG(st.st_mode)) {
		ERR("%s: not a regular file\n", *module);
		return -EINVAL;
	}
	r = read_module_info(*module, mi);
	if (r < 0) {
		ERR("%s: cannot read its .modinfo: %s\n", *module, strerror(-r));
		return r;
	}
	if (uname(&u) < 0)
		return -errno;
	if (strcmp(mi->release, u.release) != 0) {
		ERR("%s: built for kernel %s, the running kernel is %s: the kernel would refuse it\n", *module,
		    mi->release[0] ? mi->release : "(no vermagic)", u.release);
		return -ENOEXEC;
	}
	if (!mi->reasons && strict && names_reasons(c)) {
		ERR("%s: names no lockdown reasons in its .modinfo (%s=, a seal.ko older than this seal-load): cannot check the reasons seal.conf names; rebuild it\n",
		    *module, SEAL_MODINFO_REASONS);
		return -ENODATA;
	}
	INFO("%s: built for %s; lockdown reasons: %s\n", *module, mi->release, mi->reasons ? mi->reasons : "(not named)");
	if (strict) {
		size_t n = 0;

		for (const char *p = mi->reasons; p && *p; p += strcspn(p, " "))
			n += *(p += strspn(p, " ")) != '\0';
		printf("%s: seal.ko: %s, built for the running kernel %s, %zu lockdown reasons\n",
		       program_invocation_short_name, *module, u.release, n);
	}
	return 0;
}

/* --params: the table, one parameter per line: NAME SYNTAX (a flag: default and other spelling) and its help. */
static void print_params(void)
{
	for (unsigned int i = 0; i < SEAL_P_COUNT; i++) {
		const struct seal_param *p = seal_param_at(i);

		if (p->kind == SEAL_PARAM_FLAG)
			printf("%s=%s\tdefault %s, or %s: %s\n", p->name, p->syntax, p->off, p->on, p->help);
		else if (p->max > 1)
			printf("%s=%s\tat most %u: %s\n", p->name, p->syntax, p->max, p->help);
		else
			printf("%s=%s\t%s\n", p->name, p->syntax, p->help);
	}
}

static int fill_bytes(FILE *f, void *ctx)
{
	const struct list_bytes *b = ctx;

	return fwrite(b->buf, 1, b->len, f) == b->len ? 0 : -EIO;
}

/*
 * Keep the list the kernel sealed with in /run/seal/sums.sealed, so that
 * seal-verify can tell what changed in the list since (an upgrade adding
 * another kernel's modules, or the running kernel's entries changed). Kept only
 * when its SHA-256 is the one seal.ko reports: the kernel vouches for the copy.
 * Any failure here only warns: the kernel is sealed, and without a copy
 * seal-verify reports every later change of the list as seal-sums-changed
 * (exit 1), the cautious reading (fail closed there, not here).
 */
/* 0, or 1 when the kernel read another list than the one checked (said here). */
static int keep_sealed_list(const struct list_bytes *b)
{
	unsigned char d[SEAL_SHA256_LEN];
	char hex[2 * SEAL_SHA256_LEN + 1], text[4200], want[80];
	int fd, r;
	ssize_t n;

	fd = open(SEAL_SYSFS_DIR "/sums", O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, text, sizeof(text) - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0 || seal_hash_buf(SEAL_ALG_SHA256, b->buf, b->len, d) < 0) {
		WRN("%s/sums: cannot read the sealed list's digest; %s not kept\n", SEAL_SYSFS_DIR, SEAL_SEALED_COPY);
		return 0;
	}
	text[n] = '\0';
	seal_hex_encode(d, SEAL_SHA256_LEN, hex);
	snprintf(want, sizeof(want), " sha256=%s ", hex);
	if (!strstr(text, want)) {
		text[strcspn(text, "\n")] = '\0';
		ERR("sealed, but the list changed between this check and the kernel's read of it: the kernel took a list not checked here (%s; checked: sha256 %s); %s not kept, and seal-verify reports the list as changed\n",
		    text, hex, SEAL_SEALED_COPY);
		return 1;
	}
	if (mkdir("/run/seal", 0700) < 0 && errno != EEXIST) {
		WRN("/run/seal: %s; %s not kept\n", strerror(errno), SEAL_SEALED_COPY);
		return 0;
	}
	r = seal_write_atomic(SEAL_SEALED_COPY, 0600, fill_bytes, (void *)b);
	if (r < 0)
		WRN("%s: %s (seal-verify will report any later change of the list as tampering)\n",
		    SEAL_SEALED_COPY, strerror(-r));
	return 0;
}

/*
 * finit_module of the file, or, for a compressed seal.ko, init_module of the
 * image decompressed here, as kmod does: the kernel's own decompressor takes
 * only what the kernel's build compressed (xz with CRC32, for one), and DKMS
 * compresses with xz's defaults (CRC64), which finit_module refuses (EINVAL).
 */
static int load_module(const char *path, const char *params)
{
	struct seal_module_image img = { 0 };
	enum seal_comp comp;
	void *plain = NULL;
	size_t plainlen = 0;
	char why[256];
	int fd, r;

	r = seal_module_read(path, &img, why, sizeof(why));
	if (r < 0) {
		ERR("%s: %s\n", path, why);
		return r;
	}
	comp = seal_module_compression(img.data, img.len);
	if (comp == SEAL_COMP_NONE) {
		seal_module_image_free(&img);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		r = (int)syscall(SYS_finit_module, fd, params, 0);
		r = r < 0 ? -errno : 0;
		close(fd);
		return r;
	}
	r = seal_module_decompress(comp, img.data, img.len, &plain, &plainlen, why, sizeof(why));
	seal_module_image_free(&img);
	if (r < 0) {
		ERR("%s: %s\n", path, why);
		return r;
	}
	INFO("%s: %s, decompressed here: init_module of %zu bytes\n", path, seal_comp_name(comp), plainlen);
	r = (int)syscall(SYS_init_module, plain, plainlen, params);
	r = r < 0 ? -errno : 0;
	free(plain);
	return r;
}

int main(int argc, const char **argv)
{
	char *conf_arg = NULL, *module_arg = NULL, *module = NULL;
	struct module_info mi = { .reasons = NULL };
	struct seal_conf *c = NULL;
	struct list_bytes list = { 0 };
	const char *conf, *params;
	char state[128];
	int check = 0, list_params = 0, version = 0, rc = EXIT_USAGE, r;
	struct poptOption table[] = {
		{ "config", 'c', POPT_ARG_STRING, &conf_arg, 0,
		  "seal.ko's parameters, one key=value per line (default " SEAL_CONF_PATH ")", "FILE" },
		{ "module", 'm', POPT_ARG_STRING, &module_arg, 0,
		  "seal.ko to load (default: the one modules.dep names for the running kernel)", "PATH" },
		{ "check", 'n', POPT_ARG_NONE, &check, 0,
		  "check the configuration, seal.ko, the list and the programs it names; load nothing", NULL },
		{ "params", 0, POPT_ARG_NONE, &list_params, 0,
		  "print seal.ko's parameters and the values each takes", NULL },
		TOOL_OPT_VERBOSE("say more"),
		TOOL_OPT_VERSION(version),
		POPT_AUTOHELP
		POPT_TABLEEND
	};
	poptContext pc = poptGetContext(NULL, argc, argv, table, 0);

	poptSetOtherOptionHelp(pc, "[--config FILE] [--module PATH] [--check] [--params] [-v]");
	if (tool_options(pc) < 0) {
		poptPrintUsage(pc, stderr, 0);
		goto out;
	}
	if (poptPeekArg(pc)) {
		ERR("unexpected argument '%s' (the parameters come from the configuration file)\n",
		    poptPeekArg(pc));
		poptPrintUsage(pc, stderr, 0);
		goto out;
	}
	if (version) {
		tool_print_version();
		rc = EXIT_SEALED;
		goto out;
	}
	if (list_params) {
		print_params();
		rc = EXIT_SEALED;
		goto out;
	}
	rc = EXIT_NOT_SEALED;
	conf = conf_arg ? conf_arg : SEAL_CONF_PATH;
	r = seal_conf_load(conf, tool_report_line, NULL, &c);
	tool_lines_end(NULL);
	if (r == -EINVAL) {
		ERR("%s: not sealed: fix the lines above\n", conf);
		goto out;
	}
	if (r < 0) {
		ERR("%s: cannot read: %s; not sealed\n", conf, strerror(-r));
		goto out;
	}
	params = seal_conf_params(c);
	if (!check) {
		r = kernel_sealed(state, sizeof(state));
		if (r > 0) {
			printf("%s: the kernel is already sealed (%s); nothing done\n",
			       program_invocation_short_name, SEALED_FILE);
			rc = EXIT_SEALED;
			goto out;
		}
		if (r < 0) {
			ERR("%s is there but %s reads '%s': the kernel is not known to be sealed, and another seal.ko can't load; not sealed\n",
			    SEAL_SYSFS_DIR, SEALED_FILE, state);
			goto out;
		}
	}
	/* Each check reports what it finds; every one runs, so one run names every problem. */
	r = check_module(module_arg, &module, &mi, c, check) < 0;
	r |= seal_conf_check(c, mi.reasons, tool_report_line, NULL) < 0;
	tool_lines_end(NULL);
	r |= check_list(conf, c, &list, check) < 0;
	if (r) {
		ERR("%s: not sealed\n", conf);
		goto out;
	}
	if (check) {
		printf("%s: %s: ok: seal.ko %s\n", program_invocation_short_name, conf,
		       *params ? params : "(no parameters: no module may load)");
		rc = EXIT_SEALED;
		goto out;
	}
	INFO("loading %s with \"%s\"\n", module, params);
	r = load_module(module, params);
	if (r < 0) {
		ERR("%s: the kernel refused seal.ko: %s; not sealed (the kernel log says why: journalctl -k -g 'seal:')\n",
		    module, strerror(-r));
		goto out;
	}
	if (kernel_sealed(state, sizeof(state)) != 1) {
		ERR("%s: loaded, but %s reads '%s', not 1; not sealed\n", module, SEALED_FILE, state);
		goto out;
	}
	printf("%s: sealed: %s %s\n", program_invocation_short_name, module, params);
	rc = list.buf && keep_sealed_list(&list) ? EXIT_SEALED_UNCHECKED : EXIT_SEALED;
out:
	seal_conf_free(c);
	free(mi.reasons);
	free(module);
	free(list.buf);
	free(conf_arg);
	free(module_arg);
	poptFreeContext(pc);
	return rc;
}
