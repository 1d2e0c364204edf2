/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libseal: sums lists, module hashing, ELF checks of modules, and caller identity. */
#ifndef SEAL_SEAL_H
#define SEAL_SEAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <seal/sums_core.h>
#include <seal/kabi.h>
#include <seal/escape.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Conventions: functions return 0 (or a count) on success and a negative errno
 * on failure. Where a failure needs words ("not an ELF file", "FILE:LINE: ...")
 * the function takes `char *why, size_t whylen` and writes one line there,
 * without the trailing newline. Nothing here prints, exits or aborts.
 */

/* ---- Paths inside a root (seal-verify --root) ----------------------------- */

/*
 * A root is a directory that paths are resolved inside, as chroot(2) would
 * resolve them: an absolute symlink starts again at the root, ".." stops at it
 * (openat2(2) with RESOLVE_IN_ROOT, Linux 5.6). Every function here and every
 * _at function below takes rootfd: SEAL_ROOT_HOST for the real system (plain
 * open(2), stat(2): the paths as they are), or a descriptor from
 * seal_root_open(). Any other negative rootfd is -EBADF: a failed open passed
 * on never falls back to the host.
 */
#define SEAL_ROOT_HOST (-100)           /* AT_FDCWD */
/* dir opened O_PATH | O_DIRECTORY (close it when done), or -errno; -ENOSYS: no openat2 in this kernel. */
int seal_root_open(const char *dir);
/* open(2) of path inside the root: a descriptor or -errno. */
int seal_root_openat(int rootfd, const char *path, int flags, mode_t mode);
/* stat(2) of path inside the root; flags 0 or AT_SYMLINK_NOFOLLOW (lstat). 0 or -errno. */
int seal_root_stat(int rootfd, const char *path, struct stat *st, int flags);
/* mkdir -p of path's directory inside the root, each missing component made with mode. 0 or -errno. */
int seal_mkdir_parents_at(int rootfd, const char *path, mode_t mode);

/* ---- Sums lists --------------------------------------------------------- */

struct seal_sums;                     /* a parsed list, sorted by digest for lookup */

struct seal_sums_entry {
	unsigned char digest[SEAL_DIGEST_MAX];
	char *path;                       /* unescaped, NUL-terminated */
	unsigned long line;               /* 1-based line in the source file */
	int image;                        /* 1: a "#image" line, the digest of path's decompressed image */
};

/* Called once per bad line; file is the name given to the loader. */
typedef void (*seal_sums_report_fn)(void *ctx, const char *file, unsigned long line,
				    const char *reason);

/*
 * Parse a whole list. Every bad line is passed to report (NULL: printed to
 * stderr as "FILE:LINE: reason"); if any line is bad the whole list is refused
 * with -EINVAL and *out is left NULL. An empty list is -ENODATA.
 */
int seal_sums_parse(const char *name, const char *buf, size_t len,
		    seal_sums_report_fn report, void *ctx, struct seal_sums **out);
/* Read path and parse it as above; -errno (ENOENT, EACCES, EISDIR...) if it can't be read. */
int seal_sums_load(const char *path, seal_sums_report_fn report, void *ctx,
		   struct seal_sums **out);
/* The same for path inside the root (file, for report, is path as given). */
int seal_sums_load_at(int rootfd, const char *path, seal_sums_report_fn report, void *ctx,
		      struct seal_sums **out);
/*
 * The default list of root (NULL or "": the real system; else a directory whose
 * paths are resolved inside it, as seal_root_open() does, which needs openat2(2),
 * Linux 5.6: -ENOSYS without it): SEAL_SUMS_DEFAULT_SHA256,
 * or SEAL_SUMS_DEFAULT_MD5 only when the SHA-256 list does not exist at all (no
 * directory entry: lstat() finds nothing). A SHA-256 list that exists but can't
 * be read or parsed is the error returned (fail closed: whoever can break the
 * strong list must not get to pick the weak one); -ENOLINK when it is a symlink
 * that resolves to nothing (dangling). *path is the list last tried, root-joined
 * and malloc'd, for messages (NULL only with -ENOMEM); -ENOENT when neither list
 * exists.
 */
int seal_sums_load_default(const char *root, seal_sums_report_fn report, void *ctx, char **path,
			   struct seal_sums **out);
/* The same inside the root (the paths resolved there); *path as seen inside it: the list's own path. */
int seal_sums_load_default_at(int rootfd, seal_sums_report_fn report, void *ctx, char **path,
			      struct seal_sums **out);
void seal_sums_free(struct seal_sums *s);

enum seal_alg seal_sums_alg(const struct seal_sums *s);
size_t seal_sums_count(const struct seal_sums *s);
/* Entries in file order. */
const struct seal_sums_entry *seal_sums_entry_at(const struct seal_sums *s, size_t i);
/* First entry whose digest matches (the path column plays no part), or NULL. */
const struct seal_sums_entry *seal_sums_lookup(const struct seal_sums *s,
					       const unsigned char *digest);

/* md5sum/sha256sum escaping of a path: needs_escape tells whether the line starts with '\'. */
bool seal_path_needs_escape(const char *path);
/* Write "[\]HEX  PATH\n" exactly as sha256sum/md5sum print it. Returns 0 or -errno. */
int seal_sums_write_line(FILE *f, enum seal_alg alg, const unsigned char *digest, const char *path);
/* The same line, with image "#image " before it: the digest of the decompressed image of path. */
int seal_sums_write_entry(FILE *f, enum seal_alg alg, const unsigned char *digest, const char *path,
			  bool image);

/*
 * Replace path atomically: fill(f, ctx) writes a temporary file in path's
 * directory (created with mode), which is fsync'd and renamed over path. On
 * any failure, fill's included, path is left as it was and the temporary
 * file is removed. Returns 0, fill's negative return, or -errno.
 *
 * SIGHUP, SIGINT and SIGTERM, unless the caller blocks or ignores them, are
 * blocked in the calling thread meanwhile (fill runs so), so that none leaves
 * the temporary file behind: one that arrives before the rename stops the
 * write (-EINTR, path as it was, the file removed); then the caller's mask is
 * restored and the signal delivered as it would have been (by default it ends
 * the process). No handler is installed. A program whose other threads take
 * these signals must block them there too; SIGKILL can still leave the file.
 */
int seal_write_atomic(const char *path, mode_t mode, int (*fill)(FILE *f, void *ctx), void *ctx);
/* The same for path inside the root: the temporary file and the new one are made in its directory there. */
int seal_write_atomic_at(int rootfd, const char *path, mode_t mode, int (*fill)(FILE *f, void *ctx),
			 void *ctx);

/* ---- seal.ko's parameters (include/seal/params.h) ------------------------ */

/* One row of the table, as params.h gives it. */
struct seal_param {
	enum seal_param_id id;
	const char *name;
	enum seal_param_kind kind;
	const char *on;                 /* a flag: the spelling that changes seal.ko's default; else "" */
	const char *off;                /* a flag: the default's spelling; else "" */
	unsigned int max;               /* most items of a list; 1 otherwise */
	size_t size;                    /* seal.ko's buffer, NUL included */
	const char *syntax;             /* the value as the man pages write it */
	const char *help;
};

/* Row i (0 .. SEAL_P_COUNT - 1), in the table's order; NULL past the end. */
const struct seal_param *seal_param_at(unsigned int i);
/* The row named name (len bytes, exact), or NULL. */
const struct seal_param *seal_param_by_name(const char *name, size_t len);

/* ---- seal.conf ------------------------------------------------------------ */

struct seal_conf;

/*
 * seal.ko's parameters, one "key=value" per line (the table's names), blank
 * lines and "#" comments allowed. Every bad line is passed to report (NULL:
 * "FILE:LINE: reason" on stderr) and the whole file is refused with -EINVAL:
 * no '=', an unknown key, a key given twice, a NUL, spaces around '=', and a
 * value seal.ko would refuse by its row's rule alone (params.h: a flag's two
 * spellings, printable ASCII without spaces or quotes, seal.ko's length, a
 * list's items). On success *out holds each value and its line.
 */
int seal_conf_parse(const char *name, const char *buf, size_t len, seal_sums_report_fn report,
		    void *ctx, struct seal_conf **out);
/* Read path (at most SEAL_CONF_MAX_BYTES) and parse it as above; -errno if it can't be read. */
int seal_conf_load(const char *path, seal_sums_report_fn report, void *ctx, struct seal_conf **out);
void seal_conf_free(struct seal_conf *c);
/* "key=value key=value" in file order, what seal-load hands seal.ko (empty: no parameters). */
const char *seal_conf_params(const struct seal_conf *c);
/* The value of parameter id and, if line is not NULL, its line; NULL when not given. */
const char *seal_conf_value(const struct seal_conf *c, enum seal_param_id id, unsigned long *line);
/*
 * What seal.ko checks against the system when it loads, checked here with
 * FILE:LINE reports: each program of insmod=, mem_allow= and lockdown_allow=
 * exists, is a regular file and is not on a filesystem whose inode does not own
 * its bytes (params.h, SEAL_HOLE_FS_*); each lockdown_allow= reason is one
 * lockdown= refuses. reasons: the integrity lockdown reasons of the seal.ko
 * that will load, space-separated (its .modinfo SEAL_MODINFO_REASONS), so
 * that unknown names are refused as it refuses them; NULL leaves names
 * unchecked. Not the sums= list: read it with seal_sums_load(). 0, or the
 * first error (-EINVAL, or a program's -errno) after reporting every problem.
 */
int seal_conf_check(const struct seal_conf *c, const char *reasons, seal_sums_report_fn report,
		    void *ctx);

/* ---- The module policy (/etc/seal/modules, seal.modules(5)) -------------- */

/*
 * The names of the modules a machine may load: one per line, "#" starts a
 * comment, blank lines allowed; or the single word "all" (every module of
 * every installed kernel). Every bad line (a NUL byte: not a text file; a line
 * longer than 4096 bytes; two words; a path or a file name instead of a name;
 * a character no module name has; a name longer than SEAL_MODULE_NAME_MAX; a
 * name given twice, '-' and '_' being the same; "all" beside names) is passed
 * to report (NULL: "FILE:LINE: reason" on stderr) and the whole file is refused
 * with -EINVAL. A file with neither names nor "all" is -ENODATA. Whether an
 * installed kernel has a module of that name is the caller's to check.
 */
struct seal_modset;
struct seal_modset_entry {
	char name[SEAL_MODULE_NAME_MAX + 1];  /* as written */
	unsigned long line;                   /* 1-based */
};
int seal_modset_parse(const char *name, const char *buf, size_t len, seal_sums_report_fn report,
		      void *ctx, struct seal_modset **out);
/*
 * Read path (at most SEAL_MODULES_MAX_BYTES) and parse it as above; -errno if
 * it can't be read: -ENOENT only when nothing is there, -ENOLINK for a symlink
 * that resolves to nothing (a policy that exists and cannot be read).
 */
int seal_modset_load(const char *path, seal_sums_report_fn report, void *ctx, struct seal_modset **out);
/* The same for path inside the root. */
int seal_modset_load_at(int rootfd, const char *path, seal_sums_report_fn report, void *ctx,
			struct seal_modset **out);
void seal_modset_free(struct seal_modset *m);
/* The line of "all", or 0 when the file names modules. */
unsigned long seal_modset_all(const struct seal_modset *m);
size_t seal_modset_count(const struct seal_modset *m);
/* Names in file order. */
const struct seal_modset_entry *seal_modset_entry_at(const struct seal_modset *m, size_t i);
/* The entry naming name (kmod's rule: '-' and '_' are equal), or NULL. */
const struct seal_modset_entry *seal_modset_find(const struct seal_modset *m, const char *name);
/* kmod's comparison of module names: '-' and '_' are the same character. */
bool seal_module_name_equal(const char *a, const char *b);
/* What a module's name may be: 1 to SEAL_MODULE_NAME_MAX letters, digits, '_' and '-'. */
bool seal_module_name_valid(const char *name);

/* ---- seal.ko's record of loads and refusals (/sys/kernel/seal/) ---------- */

/*
 * One line of /sys/kernel/seal/loads or /sys/kernel/seal/refused (kabi.h):
 * "NAME sha256=HEX op=OP" and the fields after it. NAME and the values are
 * kept as seal.ko wrote them, escaped (seal/escape.h). A field absent from the
 * line is "" (count: has_count false): an older seal.ko writes fewer.
 */
struct seal_load_record {
	char name[SEAL_ESCAPE_SIZE(64)];
	unsigned char sha256[SEAL_SHA256_LEN];
	char op[32];
	char verdict[32];                     /* loads: "ok", or the reason the rules would refuse */
	char init[16];                        /* loads: "ok", "failed", "pending" */
	char reason[32];                      /* refused */
	unsigned long long count;             /* refused */
	bool has_count;
	char requested[SEAL_ESCAPE_SIZE(64)]; /* the kernel's own request_module: what it asked for */
};
/*
 * 1 and *rec filled for a record; 0 and *overflow for the "overflow=N" line
 * (overflow NULL: that line is -EINVAL); -EINVAL for anything else: no NAME,
 * no sha256= or op=, a field without '=', a known key twice, a bad value, a
 * control byte. Keys it does not know are skipped. The trailing newline may
 * be part of len.
 */
int seal_loads_parse_line(const char *line, size_t len, struct seal_load_record *rec,
			  unsigned long long *overflow);

/* ---- The package database (dpkg) ---------------------------------------- */

/*
 * What dpkg recorded for each packaged module file: info/PACKAGE.md5sums under
 * admindir (normally /var/lib/dpkg), the lines under lib/modules/ or
 * usr/lib/modules/ only, keyed by /lib/modules/... (one place on a merged-/usr
 * system). Lines dpkg wrote badly are skipped, not judged.
 */
struct seal_pkgdb;
struct seal_pkgdb_file {
	unsigned char md5[SEAL_MD5_LEN];
	char *path;                       /* /lib/modules/... */
	char *package;                    /* as named by its md5sums file, e.g. linux-image-6.1.0-57-amd64 */
};
/* -errno (ENOENT: no admindir/info, not a dpkg system) or 0 and *out. */
int seal_pkgdb_load(const char *admindir, struct seal_pkgdb **out);
/*
 * A memory of the md5sums files that hold no module line, so that a load reads
 * only the files that can hold a record it needs (a server has a thousand
 * packages and one to three kernels). none(): PATH was read, between the
 * fstat()s before and after, and holds no module line; remember tag for that
 * state (seal-mksums keeps it in its digest cache, whose key is the state).
 * skip(): true if what is remembered for info/NAME in the state st (a stat of
 * it) is tag; it is then not read. tag names the rules that decide what a
 * module line is, so that a memory made under other rules (another libseal)
 * is never taken. Only used when admindir is absolute.
 */
struct seal_pkgdb_hint {
	bool (*skip)(void *ctx, const struct stat *st, const unsigned char tag[SEAL_MD5_LEN]);
	void (*none)(void *ctx, const char *path, const struct stat *before, const struct stat *after,
		     const unsigned char tag[SEAL_MD5_LEN]);
	void *ctx;
};
int seal_pkgdb_load_hinted(const char *admindir, const struct seal_pkgdb_hint *hint,
			   struct seal_pkgdb **out);
/* The record of path (/lib/modules/... or /usr/lib/modules/...), or NULL if no package owns it. */
const struct seal_pkgdb_file *seal_pkgdb_lookup(const struct seal_pkgdb *db, const char *path);
size_t seal_pkgdb_count(const struct seal_pkgdb *db);
void seal_pkgdb_free(struct seal_pkgdb *db);

/* ---- The digest cache ----------------------------------------------------- */

/*
 * Digests of files remembered between runs (seal-mksums, seal-verify), each
 * under the state of the file's inode: st_dev, st_ino, st_size, st_mtim and
 * st_ctim, to the nanosecond; a hit needs all of them equal. Per file: the
 * SHA-256 and the MD5 of its bytes, and of a compressed module's decompressed
 * image. A speed-up, never evidence (libseal/digest-cache.c says why a changed
 * file cannot hit): a cache file that is not a regular file owned by the caller
 * and writable by no one else, in a directory the same holds for, or that is
 * malformed anywhere or fails its checksum, is ignored whole.
 */
struct seal_cache;
/*
 * A cache backed by path. use_old false: start empty (rehash everything) but
 * still remember this run's digests. A file that can't be used is no error:
 * the cache starts empty and why says why (empty for a missing file). -ENOMEM only.
 */
int seal_cache_open(const char *path, bool use_old, struct seal_cache **out, char *why, size_t whylen);
/*
 * The same for a cache at path inside the root: read, checked, saved there, and
 * the paths of its entries (seal_cache_put) are paths inside it too. The cache
 * keeps a descriptor of its own of the root: -EMFILE too.
 */
int seal_cache_open_at(int rootfd, const char *path, bool use_old, struct seal_cache **out, char *why,
		       size_t whylen);
/* True and digest filled when st (a stat of the file) matches an entry holding that digest. */
bool seal_cache_get(struct seal_cache *c, const struct stat *st, enum seal_alg alg, bool image,
		    unsigned char *digest);
/*
 * Remember the digest of the file at path (absolute), read between two fstat()s
 * of the open file: before and after must show the same state, or nothing is
 * remembered (it changed while read). A file changed in the second before the
 * cache was opened serves this run only.
 */
void seal_cache_put(struct seal_cache *c, const char *path, const struct stat *before,
		    const struct stat *after, enum seal_alg alg, bool image, const unsigned char *digest);
/*
 * Write the cache back (temporary file, fsync, rename; mode 0600, missing
 * directories 0700), unless it holds what the file already does: the entries
 * met in this run, and the others whose file is still as it was. 0 or -errno.
 */
int seal_cache_save(struct seal_cache *c);
void seal_cache_free(struct seal_cache *c);

/* ---- Hashing (OpenSSL EVP) ---------------------------------------------- */

int seal_hash_buf(enum seal_alg alg, const void *buf, size_t len, unsigned char *out);
/* Streams fd from its current offset to EOF in fixed-size chunks. */
int seal_hash_fd(enum seal_alg alg, int fd, unsigned char *out);
int seal_hash_file(enum seal_alg alg, const char *path, unsigned char *out);
/* One read of path into two digests (alg2 SEAL_ALG_NONE: out2 unused), e.g. SHA-256 and dpkg's MD5. */
int seal_hash_file2(const char *path, enum seal_alg alg, unsigned char *out, enum seal_alg alg2,
		    unsigned char *out2);
/* The same from fd's offset to EOF. */
int seal_hash_fd2(int fd, enum seal_alg alg, unsigned char *out, enum seal_alg alg2, unsigned char *out2);

/* ---- Modules: compression and ELF checks (libelf, liblzma, libzstd, zlib) ---- */

enum seal_comp {
	SEAL_COMP_NONE = 0,
	SEAL_COMP_XZ,
	SEAL_COMP_ZSTD,
	SEAL_COMP_GZIP,
};

/* By magic bytes, not by file name. */
enum seal_comp seal_module_compression(const void *buf, size_t len);
const char *seal_comp_name(enum seal_comp c);
/* Decompress into a new malloc'd buffer; *out must be freed by the caller. */
int seal_module_decompress(enum seal_comp c, const void *buf, size_t len,
			   void **out, size_t *outlen, char *why, size_t whylen);

struct seal_modinfo {
	char name[64];                    /* modinfo "name=" (MODULE_NAME_LEN) */
	char vermagic[256];               /* modinfo "vermagic=" */
	enum seal_comp comp;              /* how the bytes given were compressed */
};

/*
 * The bytes must be (after decompression, if compressed) an ELF relocatable
 * object for this machine (EM_X86_64 on x86-64) with .modinfo and
 * .gnu.linkonce.this_module sections. Returns 0 and fills *mi, or -ENOEXEC
 * with the reason in why.
 */
int seal_module_check_buf(const void *buf, size_t len, struct seal_modinfo *mi,
			  char *why, size_t whylen);

/* A module file read whole into memory: what seal-insmod hashes and loads. */
struct seal_module_image {
	void *data;
	size_t len;
};
int seal_module_read(const char *path, struct seal_module_image *img, char *why, size_t whylen);
/* The same from an open file (from its offset): what a caller that fstat()s around the read uses. */
int seal_module_read_fd(int fd, struct seal_module_image *img, char *why, size_t whylen);
void seal_module_image_free(struct seal_module_image *img);

/* True for *.ko, *.ko.xz, *.ko.zst, *.ko.gz. */
bool seal_is_module_name(const char *path);
/* True for what may name a kernel's /lib/modules/KVER: not empty, no '/', not "." nor "..". */
bool seal_is_kernel_release(const char *kver);

/*
 * The walk of a module tree that every tool makes, with one rule. Directories
 * are entered; symlinked directories are not (build/ and source/ point away),
 * and one pointing back above itself is an error. A file named like a module
 * (seal_is_module_name) is a module when it is a regular file or a symlink to
 * one; anything else so named is an error, as is a dangling or looping symlink
 * so named. A directory that can't be read is an error, and so is an entry
 * that can't be stat()ed when it is named like a module or the directory does
 * not give its type (other files are never stat()ed). fn sees each module,
 * each error and each entry passed over on purpose; the walk goes on after an
 * error (one run names every bad path) and stops when fn returns < 0.
 */
enum seal_tree_kind {
	SEAL_TREE_MODULE,
	SEAL_TREE_SKIPPED,                /* passed over on purpose: why says which way */
	SEAL_TREE_ERROR,                  /* keeps a module from being checked: err, why */
};
struct seal_tree_entry {
	enum seal_tree_kind kind;
	const char *path;                 /* dir/..., as walked */
	const struct stat *st;            /* MODULE: lstat of a file, stat through a symlink */
	int err;                          /* ERROR: a negative errno */
	const char *why;                  /* SKIPPED, ERROR: the reason, without the path */
};
typedef int (*seal_tree_fn)(void *ctx, const struct seal_tree_entry *e);
/* 0 if the walk met no error, else the first error's err; fn's negative return if it stopped the walk. */
int seal_module_tree_walk(const char *dir, seal_tree_fn fn, void *ctx);
/* The same for dir inside the root: symlinks resolve there too, and entries' paths are as seen inside it. */
int seal_module_tree_walk_at(int rootfd, const char *dir, seal_tree_fn fn, void *ctx);

/* ---- Caller identity ------------------------------------------------------ */

struct seal_ident {
	dev_t dev;
	ino_t ino;
};

/* stat() after following every symlink; -errno on failure. */
int seal_ident_of_path(const char *path, struct seal_ident *id);
bool seal_ident_equal(const struct seal_ident *a, const struct seal_ident *b);

#ifdef __cplusplus
}
#endif

#endif
