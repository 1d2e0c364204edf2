/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the parts of seal-mksums share: the items of the list, and the steps main() runs over them. */
#ifndef SEAL_TOOLS_MKSUMS_H
#define SEAL_TOOLS_MKSUMS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include <seal/seal.h>

#define MODULES_ROOT "/lib/modules"
#define DPKG_ADMINDIR "/var/lib/dpkg"
#define MKSUMS_CACHE "/var/cache/seal/mksums.cache"

/* One line of the output: a module file, or the decompressed image of a compressed one. */
struct item {
	char *path;                     /* as written in the list */
	char *file;                     /* file to hash; NULL for an entry kept from an old list */
	bool decompressed;              /* digest of the decompressed image of file */
	const struct seal_pkgdb_file *pkg;      /* dpkg's record of file, or NULL */
	bool pkg_differs;               /* the file's MD5 is not the one dpkg recorded */
	bool rejected;                  /* not written: see check_trust() */
	size_t seq;                     /* order of insertion: a later item replaces an earlier one */
	unsigned char digest[SEAL_DIGEST_MAX];
	unsigned char md5[SEAL_MD5_LEN];        /* the file's MD5, for dpkg's record (pkg set) */
	bool cached;                    /* the digests came from the cache: not read */
	off_t size;                     /* the file's size at the cache lookup (0: not known) */
	bool have_state;                /* before/after: fstat of the file around its read */
	struct stat before, after;
	int err;                        /* negative errno of hashing, 0 if fine */
	char why[256];
};

struct items {
	struct item *v;
	size_t n, cap;
	size_t bad;                     /* module files met in a walk that can't be listed (named on stderr) */
};

struct opts {
	enum seal_alg alg;
	int append;
	int no_dpkg;                    /* --no-dpkg */
	int diff;                       /* --diff: show what would change, write nothing */
	int loaded;                     /* --loaded: only the modules loaded now, with their dependencies */
	char *admindir;                 /* --dpkg-admindir */
	char *unpackaged;               /* --unpackaged: where unpackaged modules may be, in each tree */
	char *cache;                    /* --cache */
	int no_cache;                   /* --no-cache */
	char *modules;                  /* --modules: the policy (default SEAL_MODULES_DEFAULT) */
	int all;                        /* --all: every module, whatever the policy says */
	int record;                     /* --record: keep this boot's loads in the learned record */
	int propose;                    /* --propose: the names to add to the policy, as a diff */
	int accept;                     /* --accept: add them, then write the list */
	char *learned;                  /* --learned: the record (default SEAL_LEARNED_DEFAULT) */
	char *removing;                 /* --removing: a kernel not counted as installed (mksums_removing) */
};

/* ---- The items (mksums-items.c) ------------------------------------------ */

int items_add(struct items *it, const char *path, const char *file, bool decompressed);
void items_free(struct items *it);
/* Sort by path and drop repeated paths (a directory given twice); the later item wins. */
void items_sort_unique(struct items *it);
/* Mark item i not to be written, with every other line of its file (its #image line, or its own line). */
void items_reject(struct items *it, size_t i);
/* Remove the items marked rejected; the number of files (not lines) removed. */
size_t items_drop_rejected(struct items *it);
/* True for a path under /lib/modules/ or /usr/lib/modules/: where dpkg installs modules. */
bool path_in_modules_root(const char *path);
/* The path written for a file: absolute, "." and "//" folded, symlinks and ".." kept. NULL: errno. */
char *path_absolute(const char *p);

/* ---- Finding the module files (mksums-walk.c) ----------------------------- */

/* Queue a module file: its own line, and for a compressed one the line of its decompressed image. */
int add_module(struct items *it, const char *path);
int walk_dir(struct items *it, const char *dir);
/* The tree of each kernel under MODULES_ROOT (installed_kernels()'s). */
int walk_kernels(struct items *it, char *const *kvers, size_t n);
/*
 * The releases of the installed kernels, sorted: each MODULES_ROOT/KVER that holds a kernel/
 * tree or a modules.order (a removed kernel leaves at most DKMS files), with depmod's modules.dep
 * (a kernel/ tree without it, unpacked and not configured yet, is left out with a warning). 0, or
 * -errno said on stderr (-ENOENT: none). With mksums_removing none left is 0 with *n 0, nothing
 * said: the last kernel removed, whose list the caller leaves as it was.
 */
int installed_kernels(char ***kvers, size_t *n);
/* --removing KVER: left out of installed_kernels(), even while its tree is still there (a split
 * kernel's image package runs the postrm hooks before its modules package is removed). */
extern const char *mksums_removing;
void kernels_free(char **kvers, size_t n);
/* True if dir/name exists. */
bool dir_has(const char *dir, const char *name);
/* True if dir has depmod's index (modules.dep or modules.dep.bin). */
bool dir_has_depmod(const char *dir);
/* --loaded: the modules loaded now and their dependencies. */
int walk_loaded(struct items *it);

/* ---- The module policy made a list (mksums-policy.c) ---------------------- */

/* One kernel's module index: its modules.dep, softdeps (modprobe.d, modules.softdep), modules.builtin. */
struct kindex;
enum kindex_via { KINDEX_NAMED, KINDEX_DEP, KINDEX_SOFTDEP };
/* MODULES_ROOT/KVER; -ENOENT (said) when it has no modules.dep. */
int kindex_open(const char *kver, struct kindex **k);
void kindex_close(struct kindex *k);
const char *kindex_kver(const struct kindex *k);
bool kindex_builtin(const struct kindex *k, const char *name);
/* The file modules.dep names for a module, malloc'd, or NULL (built in, or no such module). */
char *kindex_path(const struct kindex *k, const char *name);
/* The module an alias (net-pf-38) resolves to, malloc'd, or NULL. */
char *kindex_alias_of(const struct kindex *k, const char *alias);
/* Called for a name and each module it brings; path NULL for one built in. Non-zero stops. */
typedef int (*kindex_visit_fn)(void *ctx, struct kindex *k, const char *name, const char *path,
			       enum kindex_via via);
/* name and its dependencies and softdeps, recursively, each once: 0, -ENOENT (no such module), -errno. */
int kindex_closure(struct kindex *k, const char *name, kindex_visit_fn fn, void *ctx);

/* A module the policy brings into one kernel's list. */
struct derived {
	size_t kernel;                  /* index into kvers */
	char *name;                     /* kmod's form ('_') */
	char *path;                     /* NULL: built in */
	const struct seal_modset_entry *root;   /* the policy's name that brought it */
	enum kindex_via via;
};
struct derivation {
	struct derived *v;
	size_t n, cap;
	char **kvers;
	size_t nkvers;
	bool all_kernels;               /* every installed kernel, not -k's one */
};
/*
 * The modules of every installed kernel (installed, from installed_kernels()),
 * or only_kver's, that the names of m bring. A name that some kernel lacks is a
 * warning naming the kernel; one that none has is an error (-EINVAL, after every
 * such name is said), but only a warning while mksums_removing takes a kernel
 * out (the kernel postrm hook).
 */
int policy_derive(const struct seal_modset *m, const char *policy, const char *only_kver,
		  char *const *installed, size_t ninstalled, struct derivation *d);
void derivation_free(struct derivation *d);
/* The module policy's path: --modules, else SEAL_MODULES_DEFAULT. */
const char *policy_path(const struct opts *o);
/*
 * The policy's list for kver, or without it for the installed kernels, unless
 * --all: 0 with d and the items filled; 1 when the list is every module (no
 * policy file, "all", --all); -errno said on stderr.
 */
int policy_collect(struct items *it, const struct opts *o, const char *kver, char *const *installed,
		   size_t ninstalled, struct derivation *d, struct seal_modset **m);
/* Queue the derived files. */
int policy_items(const struct derivation *d, struct items *it);
/* What writing it over the list at target changes, by module name and kernel, on stderr. */
void policy_report_changes(const struct derivation *d, const struct items *it, const char *policy,
			   const char *target);

/* ---- Learning (mksums-learn.c) --------------------------------------------- */

/* --record: merge seal.ko's loads of this boot into the record. 0 or -errno (said). */
int learn_record(const struct opts *o);
/*
 * --propose (accept false): print the names to add as a diff of the policy;
 * --accept: write them (*wrote). 0 nothing to review, 1 something to review (a
 * proposal, or a learned module not proposed, named with why), -errno (said).
 */
int learn_propose(const struct opts *o, bool accept, bool *wrote);

/* ---- Hashing on every core (mksums-hash.c) -------------------------------- */

/*
 * The digest of every item that names a file, through the cache (mksums-cache.c).
 * A file that can't be read or decompressed is named on stderr and marked
 * rejected (the list is written without it); with --append, where the files
 * are the ones the command line named, it is an error instead. 0 or -errno.
 */
int hash_all(struct items *it, const struct opts *o, struct seal_cache *cache);

/* ---- The digest cache (mksums-cache.c) ------------------------------------ */

/* The cache this run uses (NULL: none), with what was wrong with it said on stderr. */
struct seal_cache *cache_open(const struct items *it, const struct opts *o);
/* Fill the items the cache holds every needed digest of; the number filled. */
size_t cache_lookup(struct seal_cache *c, struct items *it, enum seal_alg alg);
/* Remember what was hashed, write the cache back, free it. */
void cache_close(struct seal_cache *c, const struct items *it, enum seal_alg alg);

/* ---- Trust: the package database (mksums-trust.c) ------------------------- */

/*
 * dpkg's records of the items' files into *db (NULL when none apply), read
 * through cache (NULL: none): an md5sums file known to hold no module line is
 * not read again. 0, or -errno when the database can't be read.
 */
int attach_pkgdb(struct items *it, const struct opts *o, struct seal_cache *cache, struct seal_pkgdb **db);
/* Why dpkg does not vouch for a file item (in why), or NULL. */
const char *item_distrust(const struct item *e, const struct opts *o, bool have_db, bool default_walk,
			  char *why, size_t whylen);
/* Marks the items the package database does not vouch for rejected (items_drop_rejected removes them). */
void check_trust(struct items *it, const struct opts *o, bool have_db, bool default_walk);

/* ---- The list: writing, --append, --diff (mksums-list.c) ------------------ */

int write_atomic(const char *output, const struct items *it, enum seal_alg alg);
/*
 * One writer of a list at a time: flock(2) on the directory the list is written
 * in (its symlink's target's), held until exit, so that a run started while
 * another writes (an admin's --accept during an unattended kernel upgrade's
 * hook) reads the policy and the list after it. A descriptor, or -1 when the
 * directory can't be opened (the write says why).
 */
int list_lock(const char *output);
/* --append: the existing list's entries, kept and not rehashed. */
int load_old_list(struct items *it, const char *output, struct opts *o, bool alg_given);
/* --append: FILE.ko must be a regular file named like a module. 0 or -errno (said on stderr). */
int check_append_file(const char *path);
/* --diff: 0 the same, 1 different, -errno. */
int show_diff(const struct items *it, const char *target, enum seal_alg alg);

#endif
