// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-insmod: insmod that loads a module only if the digest of its bytes is on the allow-list. */

#include <errno.h>
#include <fcntl.h>
#include <linux/module.h>
#include <popt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <seal/seal.h>

#include "log.h"

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

static void report_line(void *ctx, const char *file, unsigned long line, const char *reason)
{
	ERR("%s:%lu: %s\n", file, line, reason);
}

static int load_list(const char *path, struct seal_sums **s)
{
	int r = seal_sums_load(path, report_line, NULL, s);

	if (r == -ENODATA)
		ERR("%s: the allow-list has no entries (only blanks or comments); refusing every module\n",
		    path);
	else if (r == -EINVAL)
		ERR("%s: not a valid allow-list (bad lines above); refusing every module\n", path);
	else if (r < 0 && r != -ENOENT)
		ERR("%s: cannot read the allow-list: %s\n", path, strerror(-r));
	return r;
}

/*
 * The default list is the SHA-256 one; only when it does not exist at all is
 * the seed's MD5 list used. A SHA-256 list that exists but can't be read or
 * parsed refuses the load (fail closed): falling back then would let whoever
 * can break the strong list pick the weak one.
 */
static int load_default_list(const char **used, struct seal_sums **s)
{
	int r;

	*used = SEAL_SUMS_DEFAULT_SHA256;
	r = load_list(*used, s);
	if (r != -ENOENT)
		return r;
	*used = SEAL_SUMS_DEFAULT_MD5;
	r = load_list(*used, s);
	if (r == -ENOENT) {
		ERR("no allow-list: neither %s nor %s exists (write one with seal-mksums)\n",
		    SEAL_SUMS_DEFAULT_SHA256, SEAL_SUMS_DEFAULT_MD5);
		return r;
	}
	if (r == 0)
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
	const char *p = buf;
	char self[64];
	int fd, ro = -1, err = 0;
	size_t off = 0;

	fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return -errno;
	while (off < len) {
		ssize_t w = write(fd, p + off, len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			goto out;
		}
		off += (size_t)w;
	}
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

int main(int argc, const char **argv)
{
	struct seal_module_image img = { 0 };
	struct seal_modinfo mi;
	struct seal_sums *sums = NULL;
	struct plan pl = { 0 };
	const struct seal_sums_entry *hit;
	unsigned char digest[SEAL_DIGEST_MAX];
	char hex[2 * SEAL_DIGEST_MAX + 1], why[256];
	char *sums_arg = NULL, *params = NULL;
	const char **args, *path, *list = NULL;
	enum seal_alg alg;
	int dry_run = 0, version = 0, force = 0, nargs = 0, rc, r;
	struct poptOption table[] = {
		{ "sums", 0, POPT_ARG_STRING, &sums_arg, 0,
		  "allow-list to check against (default " SEAL_SUMS_DEFAULT_SHA256 ", else "
		  SEAL_SUMS_DEFAULT_MD5 ")", "FILE" },
		{ "dry-run", 'n', POPT_ARG_NONE, &dry_run, 0,
		  "do every check, print what would be loaded, load nothing", NULL },
		{ "verbose", 'v', POPT_ARG_NONE, NULL, 'v', "say more (twice: debug)", NULL },
		{ "version", 'V', POPT_ARG_NONE, &version, 0, "print the version and exit", NULL },
		{ "force", 'f', POPT_ARG_NONE | POPT_ARGFLAG_DOC_HIDDEN, &force, 0, NULL, NULL },
		POPT_AUTOHELP
		POPT_TABLEEND
	};
	poptContext pc = poptGetContext(NULL, argc, argv, table, 0);

	poptSetOtherOptionHelp(pc, "[--sums FILE] [--dry-run] [-v] FILE [PARAM=VALUE...]");
	while ((rc = poptGetNextOpt(pc)) > 0) {
		if (rc == 'v')
			log_verbose++;
	}
	if (rc < -1) {
		ERR("%s: %s\n", poptBadOption(pc, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
		poptPrintUsage(pc, stderr, 0);
		rc = EXIT_FAIL;
		goto out;
	}
	if (version) {
		printf("%s %s\n", program_invocation_short_name, PACKAGE_VERSION);
		rc = EXIT_OK;
		goto out;
	}
	rc = EXIT_FAIL;
	if (force) {
		ERR("-f: forcing a load past version checks is not supported\n");
		goto out;
	}
	args = poptGetArgs(pc);
	while (args && args[nargs])
		nargs++;
	if (nargs == 0) {
		ERR("missing module filename\n");
		poptPrintUsage(pc, stderr, 0);
		goto out;
	}
	path = args[0];
	params = join_params(args + 1, nargs - 1);
	if (!params) {
		ERR("out of memory\n");
		goto out;
	}

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

	if (sums_arg) {
		list = sums_arg;
		r = load_list(list, &sums);
		if (r == -ENOENT)
			ERR("%s: cannot read the allow-list: %s\n", list, strerror(-r));
	} else {
		r = load_default_list(&list, &sums);
	}
	if (r < 0)
		goto out;
	alg = seal_sums_alg(sums);

	r = seal_hash_buf(alg, img.data, img.len, digest);
	if (r < 0) {
		ERR("%s: %s: %s\n", path, seal_alg_name(alg), strerror(-r));
		goto out;
	}
	seal_hex_encode(digest, seal_digest_len(alg), hex);
	hit = seal_sums_lookup(sums, digest);
	if (!hit) {
		ERR("%s: not on the allow-list %s (%s %s)\n", path, list, seal_alg_name(alg), hex);
		goto out;
	}
	INFO("%s: %s %s listed in %s:%lu (%s)\n", path, seal_alg_name(alg), hex, list, hit->line,
	     hit->path);

	if (plan_load(path, &img, mi.comp, &pl) < 0)
		goto out;
	if (pl.how == LOAD_INIT && pl.plain) {
		unsigned char d2[SEAL_DIGEST_MAX];

		/* seal.ko's sums= check hashes what init_module receives: the decompressed image. */
		if (seal_hash_buf(alg, pl.plain, pl.plainlen, d2) == 0 && !seal_sums_lookup(sums, d2))
			INFO("%s: the decompressed image is not on %s; a kernel sealed with sums= will refuse it (list it with seal-mksums -d)\n",
			     path, list);
	}
	if (dry_run) {
		if (pl.how == LOAD_FINIT)
			printf("%s: dry run: would load %s (%s): finit_module(sealed memfd of %zu bytes, \"%s\", %s)\n",
			       program_invocation_short_name, path, mi.name, pl.len, params,
			       flags_name(pl.flags));
		else
			printf("%s: dry run: would load %s (%s): init_module(%zu decompressed bytes, \"%s\")\n",
			       program_invocation_short_name, path, mi.name, pl.len, params);
		rc = EXIT_OK;
		goto out;
	}
	if (pl.how == LOAD_FINIT)
		INFO("%s: finit_module(sealed memfd of %zu bytes, \"%s\", %s)\n", path, pl.len, params,
		     flags_name(pl.flags));
	else
		INFO("%s: init_module(%zu bytes, \"%s\")\n", path, pl.len, params);
	r = do_load(mi.name, &pl, params);
	if (r < 0) {
		ERR("%s: could not insert module: %s\n", path, load_strerror(-r));
		goto out;
	}
	INFO("%s: loaded as %s\n", path, mi.name);
	rc = EXIT_OK;
out:
	free(pl.plain);
	seal_sums_free(sums);
	seal_module_image_free(&img);
	free(params);
	free(sums_arg);         /* popt's malloc'd copy */
	poptFreeContext(pc);
	return rc;
}
