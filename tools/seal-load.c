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
#include <unistd.h>

#include <seal/seal.h>

#include "log.h"
#include "shared/io.h"
#include "tool.h"

int log_verbose;

/* 0: sealed (now or already); 1: not sealed (bad configuration, seal.ko missing or refused); 2: usage. */
enum { EXIT_SEALED = 0, EXIT_NOT_SEALED = 1, EXIT_USAGE = 2 };

#define SEALED_FILE SEAL_SYSFS_DIR "/sealed"

/* 1 if the kernel is sealed, 0 if not (no seal.ko, or not active). */
static int kernel_sealed(void)
{
	char c = 0;
	int fd = open(SEALED_FILE, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	if (read(fd, &c, 1) != 1)
		c = 0;
	close(fd);
	return c == '1';
}

/* A program named by insmod=, mem_allow= or lockdown_allow=REASON:PATH must exist now. */
static int check_program(const char *conf, const char *key, const char *path)
{
	struct stat st;

	if (path[0] != '/') {
		ERR("%s: %s=%s: not an absolute path\n", conf, key, path);
		return -EINVAL;
	}
	if (stat(path, &st) < 0) {
		ERR("%s: %s=%s: %s\n", conf, key, path, strerror(errno));
		return -errno;
	}
	if (!S_ISREG(st.st_mode)) {
		ERR("%s: %s=%s: not a regular file\n", conf, key, path);
		return -EINVAL;
	}
	return 0;
}

/* Each item of a comma list: the path, or for lockdown_allow= the part after "REASON:". */
static int check_programs(const char *conf, const char *key, const char *val, bool after_colon)
{
	char *copy = strdup(val), *save = NULL, *item;
	int r = 0;

	if (!copy)
		return -ENOMEM;
	for (item = strtok_r(copy, ",", &save); item && r == 0; item = strtok_r(NULL, ",", &save)) {
		if (after_colon) {
			item = strchr(item, ':');
			if (!item)
				continue;
			item++;
		}
		r = check_program(conf, key, item);
	}
	free(copy);
	return r;
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

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
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

static int check_params(const char *conf, const char *params, struct list_bytes *list)
{
	char *copy = strdup(params), *save = NULL, *kv;
	int r = 0;

	if (!copy)
		return -ENOMEM;
	for (kv = strtok_r(copy, " ", &save); kv && r == 0; kv = strtok_r(NULL, " ", &save)) {
		char *val = strchr(kv, '=');

		*val++ = '\0';
		if (strcmp(kv, SEAL_PARAM_SUMS) == 0) {
			struct seal_sums *s = NULL;

			r = read_list(val, list);
			if (r == 0)
				r = seal_sums_parse(val, list->buf, list->len, tool_report_line, NULL, &s);
			if (r == -ENODATA)
				ERR("%s: sums=%s: the list has no entries\n", conf, val);
			else if (r == -EINVAL)
				ERR("%s: sums=%s: not a valid list (bad lines above)\n", conf, val);
			else if (r < 0)
				ERR("%s: sums=%s: %s\n", conf, val, strerror(-r));
			else if (seal_sums_alg(s) != SEAL_ALG_SHA256) {
				ERR("%s: sums=%s: an MD5 list; seal.ko takes SHA-256 lists only (seal-mksums writes one)\n",
				    conf, val);
				r = -EINVAL;
			}
			seal_sums_free(s);
		} else if (strcmp(kv, SEAL_PARAM_INSMOD) == 0 || strcmp(kv, SEAL_PARAM_MEM_ALLOW) == 0) {
			r = check_programs(conf, kv, val, false);
		} else if (strcmp(kv, SEAL_PARAM_LOCKDOWN_ALLOW) == 0) {
			r = check_programs(conf, kv, val, true);
		}
	}
	free(copy);
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
 */
static void keep_sealed_list(const struct list_bytes *b)
{
	unsigned char d[SEAL_SHA256_LEN];
	char hex[2 * SEAL_SHA256_LEN + 1], text[4200], want[80];
	int fd, r;
	ssize_t n;

	fd = open(SEAL_SYSFS_DIR "/" SEAL_PARAM_SUMS, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0 || seal_hash_buf(SEAL_ALG_SHA256, b->buf, b->len, d) < 0)
		return;
	text[n] = '\0';
	seal_hex_encode(d, SEAL_SHA256_LEN, hex);
	snprintf(want, sizeof(want), " sha256=%s ", hex);
	if (!strstr(text, want)) {
		WRN("the list changed while the kernel read it; %s not kept\n", SEAL_SEALED_COPY);
		return;
	}
	if (mkdir("/run/seal", 0700) < 0 && errno != EEXIST)
		return;
	r = seal_write_atomic(SEAL_SEALED_COPY, 0600, fill_bytes, (void *)b);
	if (r < 0)
		WRN("%s: %s (seal-verify will report any later change of the list as tampering)\n",
		    SEAL_SEALED_COPY, strerror(-r));
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
	char *conf_arg = NULL, *module_arg = NULL, *params = NULL, *module = NULL;
	struct list_bytes list = { 0 };
	const char *conf;
	int check = 0, version = 0, rc = EXIT_USAGE, r;
	struct poptOption table[] = {
		{ "config", 'c', POPT_ARG_STRING, &conf_arg, 0,
		  "seal.ko's parameters, one key=value per line (default " SEAL_CONF_DEFAULT ")", "FILE" },
		{ "module", 'm', POPT_ARG_STRING, &module_arg, 0,
		  "seal.ko to load (default: the one modules.dep names for the running kernel)", "PATH" },
		{ "check", 'n', POPT_ARG_NONE, &check, 0,
		  "check the configuration, the list and the programs it names; load nothing", NULL },
		TOOL_OPT_VERBOSE("say more"),
		TOOL_OPT_VERSION(version),
		POPT_AUTOHELP
		POPT_TABLEEND
	};
	poptContext pc = poptGetContext(NULL, argc, argv, table, 0);

	poptSetOtherOptionHelp(pc, "[--config FILE] [--module PATH] [--check] [-v]");
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
	rc = EXIT_NOT_SEALED;
	conf = conf_arg ? conf_arg : SEAL_CONF_DEFAULT;
	r = seal_conf_load(conf, tool_report_line, NULL, &params);
	if (r == -EINVAL) {
		ERR("%s: not sealed: fix the lines above\n", conf);
		goto out;
	}
	if (r < 0) {
		ERR("%s: cannot read: %s; not sealed\n", conf, strerror(-r));
		goto out;
	}
	if (check_params(conf, params, &list) < 0) {
		ERR("%s: not sealed\n", conf);
		goto out;
	}
	if (check) {
		printf("%s: %s: ok: seal.ko %s\n", program_invocation_short_name, conf,
		       *params ? params : "(no parameters: no module may load)");
		rc = EXIT_SEALED;
		goto out;
	}
	if (kernel_sealed()) {
		printf("%s: the kernel is already sealed (%s); nothing done\n",
		       program_invocation_short_name, SEALED_FILE);
		rc = EXIT_SEALED;
		goto out;
	}
	module = module_arg ? strdup(module_arg) : find_module();
	if (!module) {
		ERR("seal.ko is not installed for this kernel (modules.dep has no 'seal'): install it (make install, or the seal-dkms package) and run depmod; not sealed\n");
		goto out;
	}
	INFO("loading %s with \"%s\"\n", module, params);
	r = load_module(module, params);
	if (r < 0) {
		ERR("%s: the kernel refused seal.ko: %s; not sealed (the kernel log says why: journalctl -k -g 'seal:')\n",
		    module, strerror(-r));
		goto out;
	}
	if (!kernel_sealed()) {
		ERR("%s: loaded, but %s is not 1; not sealed\n", module, SEALED_FILE);
		goto out;
	}
	if (list.buf)
		keep_sealed_list(&list);
	printf("%s: sealed: %s %s\n", program_invocation_short_name, module, params);
	rc = EXIT_SEALED;
out:
	free(params);
	free(module);
	free(list.buf);
	free(conf_arg);
	free(module_arg);
	poptFreeContext(pc);
	return rc;
}
