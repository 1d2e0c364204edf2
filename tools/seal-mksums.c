// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-mksums: write the sums list of every kernel module in a tree, atomically and sorted by path. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libkmod.h>
#include <fts.h>
#include <limits.h>
#include <popt.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <seal/seal.h>

#include "log.h"
#include "tool.h"
#include "shared/array.h"

int log_verbose;

/* 3: the list was written, without files the package database does not vouch for (named on stderr). */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_PARTIAL = 3 };

/* One line of the output: a module file, or the decompressed image of one (-d). */
struct item {
	char *path;                     /* as written in the list */
	char *file;                     /* file to hash; NULL for an entry kept from an old list */
	bool decompressed;              /* digest of the decompressed image of file */
	const struct seal_pkgdb_file *pkg;      /* dpkg's record of file, or NULL */
	bool pkg_differs;               /* the file's MD5 is not the one dpkg recorded */
	bool rejected;                  /* not written: see check_trust() */
	size_t seq;                     /* order of insertion: a later item replaces an earlier one */
	unsigned char digest[SEAL_DIGEST_MAX];
	int err;                        /* negative errno of hashing, 0 if fine */
	char why[256];
};

struct items {
	struct item *v;
	size_t n, cap;
};

struct opts {
	enum seal_alg alg;
	int append;
	int decompressed;
	int no_dpkg;                    /* --no-dpkg */
	int diff;                       /* --diff: show what would change, write nothing */
	int loaded;                     /* --loaded: only the modules loaded now, with their dependencies */
	char *admindir;                 /* --dpkg-admindir */
	char *unpackaged;               /* --unpackaged: where unpackaged modules may be, in each tree */
};

static int items_add(struct items *it, const char *path, const char *file, bool decompressed)
{
	struct item *e;

	if (it->n == it->cap) {
		struct item *v = array_grow(it->v, &it->cap, sizeof(*v), 256);

		if (!v)
			return -ENOMEM;
		it->v = v;
	}
	e = &it->v[it->n];
	memset(e, 0, sizeof(*e));
	e->decompressed = decompressed;
	e->seq = it->n;
	e->path = strdup(path);
	e->file = file ? strdup(file) : NULL;
	if (!e->path || (file && !e->file)) {
		free(e->path);
		free(e->file);
		return -ENOMEM;
	}
	it->n++;
	return 0;
}

static void items_free(struct items *it)
{
	for (size_t i = 0; i < it->n; i++) {
		free(it->v[i].path);
		free(it->v[i].file);
	}
	free(it->v);
	it->v = NULL;
	it->n = it->cap = 0;
}

static int item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	/* strcmp compares as unsigned char: the byte order of LC_ALL=C sort. */
	int c = strcmp(x->path, y->path);

	if (c != 0)
		return c;
	/* a file's own line, then its "#image" line */
	if (x->decompressed != y->decompressed)
		return x->decompressed ? 1 : -1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sort by path and drop repeated paths (a directory given twice); the later item wins. */
static void items_sort_unique(struct items *it)
{
	size_t w = 0;

	if (it->n == 0)
		return;
	qsort(it->v, it->n, sizeof(*it->v), item_cmp);
	for (size_t r = 1; r < it->n; r++) {
		if (strcmp(it->v[w].path, it->v[r].path) == 0 &&
		    it->v[w].decompressed == it->v[r].decompressed) {
			free(it->v[w].path);
			free(it->v[w].file);
			it->v[w] = it->v[r];
			continue;
		}
		it->v[++w] = it->v[r];
	}
	it->n = w + 1;
}

/*
 * The path written for a file: absolute, without "." components or repeated
 * slashes, but with symlinks and ".." left as they are, so that the list names
 * the path the user gave (as sha256sum would), made independent of the cwd.
 */
static char *path_absolute(const char *p)
{
	char cwd[PATH_MAX];
	char *buf, *out;
	size_t n;

	if (p[0] == '/') {
		buf = strdup(p);
	} else {
		if (!getcwd(cwd, sizeof(cwd)))
			return NULL;
		if (asprintf(&buf, "%s/%s", cwd, p) < 0)
			buf = NULL;
	}
	if (!buf)
		return NULL;
	out = buf;
	n = 0;
	for (const char *s = buf; *s;) {
		if (*s == '/') {
			s++;
			continue;
		}
		const char *e = strchrnul(s, '/');

		if (e - s == 1 && s[0] == '.') {
			s = e;
			continue;
		}
		out[n++] = '/';
		memmove(out + n, s, e - s);
		n += e - s;
		s = e;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	return out;
}

static bool name_is_compressed(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot && strcmp(dot, ".ko") != 0;
}

/* Queue a module file: its own line, and with -d the line of its decompressed image. */
static int add_module(struct items *it, const char *path, bool decompressed)
{
	char *abs = path_absolute(path);
	int r;

	if (!abs)
		return -errno ? -errno : -ENOMEM;
	r = items_add(it, abs, abs, false);
	if (r == 0 && decompressed && name_is_compressed(abs))
		r = items_add(it, abs, abs, true);
	free(abs);
	return r;
}

/* True if the directory (dev, ino) is ent itself or one of the directories above it in the walk. */
static bool is_ancestor(const FTSENT *ent, dev_t dev, ino_t ino)
{
	for (const FTSENT *p = ent->fts_parent; p && p->fts_level >= FTS_ROOTLEVEL; p = p->fts_parent)
		if (p->fts_statp && p->fts_statp->st_dev == dev && p->fts_statp->st_ino == ino)
			return true;
	return false;
}

/*
 * A symlink in the tree. Directory symlinks are not followed (build/ and
 * source/ point outside the tree); one that points back to a directory above
 * it is a loop and an error, as is a link that never resolves (ELOOP). A
 * symlink named like a module is hashed through the link, as
 * `find DIR -name '*.ko*' | xargs sha256sum` does; a dangling one is an error.
 */
static int walk_symlink(struct items *it, FTSENT *ent, bool decompressed)
{
	struct stat st;

	if (stat(ent->fts_path, &st) < 0) {
		int e = errno;

		if (e == ELOOP) {
			ERR("%s: symlink loop (%s)\n", ent->fts_path, strerror(e));
			return -ELOOP;
		}
		if (seal_is_module_name(ent->fts_name)) {
			ERR("%s: symlink to a module that cannot be read: %s\n", ent->fts_path,
			    strerror(e));
			return -e;
		}
		DBG("%s: dangling symlink ignored (%s)\n", ent->fts_path, strerror(e));
		return 0;
	}
	if (S_ISDIR(st.st_mode)) {
		if (is_ancestor(ent, st.st_dev, st.st_ino)) {
			ERR("%s: symlink loop: points back to a directory above it\n", ent->fts_path);
			return -ELOOP;
		}
		DBG("%s: symlink to a directory, not followed\n", ent->fts_path);
		return 0;
	}
	if (!seal_is_module_name(ent->fts_name))
		return 0;
	if (!S_ISREG(st.st_mode)) {
		ERR("%s: symlink to something that is not a regular file\n", ent->fts_path);
		return -EINVAL;
	}
	return add_module(it, ent->fts_path, decompressed);
}

/* Collect every module under dir. Returns 0, or a negative errno after printing why. */
static int walk_dir(struct items *it, const char *dir, bool decompressed)
{
	char *roots[2] = { NULL, NULL };
	struct stat st;
	FTS *fts = NULL;
	FTSENT *ent;
	int err = 0, r;

	if (stat(dir, &st) < 0) {
		err = -errno;
		ERR("%s: %s\n", dir, strerror(-err));
		return err;
	}
	if (!S_ISDIR(st.st_mode)) {
		ERR("%s: not a directory\n", dir);
		return -ENOTDIR;
	}
	roots[0] = path_absolute(dir);
	if (!roots[0])
		return -ENOMEM;
	/* FTS_PHYSICAL: symlinks are reported, never followed (walk_symlink decides). */
	fts = fts_open(roots, FTS_PHYSICAL | FTS_NOCHDIR | FTS_COMFOLLOW, NULL);
	if (!fts) {
		err = -errno;
		ERR("%s: %s\n", dir, strerror(-err));
		goto out;
	}
	for (;;) {
		errno = 0;
		ent = fts_read(fts);
		if (!ent)
			break;
		r = 0;
		switch (ent->fts_info) {
		case FTS_DNR:
		case FTS_ERR:
		case FTS_NS:
			ERR("%s: %s\n", ent->fts_path, strerror(ent->fts_errno));
			r = -ent->fts_errno;
			break;
		case FTS_DC:
			ERR("%s: directory cycle\n", ent->fts_path);
			r = -ELOOP;
			break;
		case FTS_SL:
		case FTS_SLNONE:
			r = walk_symlink(it, ent, decompressed);
			break;
		case FTS_F:
			if (seal_is_module_name(ent->fts_name))
				r = add_module(it, ent->fts_path, decompressed);
			break;
		case FTS_DEFAULT:
			if (seal_is_module_name(ent->fts_name)) {
				ERR("%s: not a regular file\n", ent->fts_path);
				r = -EINVAL;
			}
			break;
		default:
			break;
		}
		/* Keep walking after an error, so that one run reports every bad path. */
		if (r < 0 && err == 0)
			err = r;
	}
	if (errno != 0 && err == 0) {
		err = -errno;
		ERR("%s: %s\n", dir, strerror(-err));
	}
out:
	if (fts)
		fts_close(fts);
	free(roots[0]);
	return err;
}

#define MODULES_ROOT "/lib/modules"
#define DPKG_ADMINDIR "/var/lib/dpkg"

/*
 * The module tree of every installed kernel: each directory /lib/modules/KVER
 * that holds a kernel/ tree or a modules.order (a kernel whose package was
 * removed leaves at most a few DKMS leftovers there, and no modules.order).
 */
static bool has_entry(const char *dir, const char *name)
{
	char path[PATH_MAX];

	return snprintf(path, sizeof(path), "%s/%s", dir, name) < (int)sizeof(path) &&
	       access(path, F_OK) == 0;
}

static bool is_kernel_tree(const char *dir)
{
	struct stat st;

	return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	       (has_entry(dir, "modules.order") || has_entry(dir, "kernel"));
}

static int walk_installed_kernels(struct items *it, bool decompressed)
{
	struct dirent **names = NULL;
	int n, err = 0, trees = 0;

	n = scandir(MODULES_ROOT, &names, NULL, alphasort);
	if (n < 0) {
		ERR("%s: %s\n", MODULES_ROOT, strerror(errno));
		return -errno;
	}
	for (int i = 0; i < n; i++) {
		char *dir = NULL;

		if (names[i]->d_name[0] == '.' ||
		    asprintf(&dir, "%s/%s", MODULES_ROOT, names[i]->d_name) < 0) {
			free(names[i]);
			continue;
		}
		if (is_kernel_tree(dir)) {
			int r;

			INFO("%s: an installed kernel's modules\n", dir);
			r = walk_dir(it, dir, decompressed);
			if (r < 0 && err == 0)
				err = r;
			trees++;
		}
		free(dir);
		free(names[i]);
	}
	free(names);
	if (err == 0 && trees == 0) {
		ERR("%s: no installed kernel's modules (no KVER/kernel or KVER/modules.order)\n", MODULES_ROOT);
		err = -ENOENT;
	}
	return err;
}


/* ---- hashing on every core ---------------------------------------------- */

struct pool {
	struct items *it;
	enum seal_alg alg;
	size_t next, done, total;
	bool progress;
	pthread_mutex_t lock;
};

static void item_hash(struct item *e, enum seal_alg alg)
{
	struct seal_module_image img = { 0 };
	void *plain = NULL;
	size_t plainlen = 0;
	enum seal_comp comp;

	if (!e->decompressed) {
		unsigned char md5[SEAL_MD5_LEN];

		/* Streams the file once: the list's digest, and dpkg's MD5 when a package owns it. */
		e->err = seal_hash_file2(e->file, alg, e->digest, e->pkg ? SEAL_ALG_MD5 : SEAL_ALG_NONE, md5);
		if (e->err == 0 && e->pkg)
			e->pkg_differs = memcmp(md5, e->pkg->md5, SEAL_MD5_LEN) != 0;
		if (e->err < 0)
			snprintf(e->why, sizeof(e->why), "%s", strerror(-e->err));
		return;
	}
	e->err = seal_module_read(e->file, &img, e->why, sizeof(e->why));
	if (e->err < 0)
		return;
	comp = seal_module_compression(img.data, img.len);
	if (comp == SEAL_COMP_NONE) {
		e->err = -EINVAL;
		snprintf(e->why, sizeof(e->why),
			 "named like a compressed module but not compressed (xz, zstd or gzip)");
		goto out;
	}
	e->err = seal_module_decompress(comp, img.data, img.len, &plain, &plainlen,
					e->why, sizeof(e->why));
	if (e->err < 0)
		goto out;
	e->err = seal_hash_buf(alg, plain, plainlen, e->digest);
	if (e->err < 0)
		snprintf(e->why, sizeof(e->why), "%s", strerror(-e->err));
out:
	free(plain);
	seal_module_image_free(&img);
}

static void *pool_worker(void *arg)
{
	struct pool *p = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&p->lock);
		/* Skip entries kept from an old list: they have no file and are not rehashed. */
		while (p->next < p->it->n && !p->it->v[p->next].file)
			p->next++;
		i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->it->n)
			return NULL;
		item_hash(&p->it->v[i], p->alg);
		pthread_mutex_lock(&p->lock);
		p->done++;
		if (p->progress && (p->done % 64 == 0 || p->done == p->total))
			fprintf(stderr, "\r%s: hashed %zu of %zu", program_invocation_short_name,
				p->done, p->total);
		pthread_mutex_unlock(&p->lock);
	}
}

/* Hash every item that names a file, with one thread per online CPU. Returns 0 or -errno. */
static int hash_all(struct items *it, enum seal_alg alg)
{
	struct pool p = { .it = it, .alg = alg, .progress = isatty(STDERR_FILENO) == 1 };
	size_t todo = 0;
	pthread_t th[16];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nth, started = 0;
	int err = 0;

	for (size_t i = 0; i < it->n; i++)
		todo += it->v[i].file != NULL;
	p.total = todo;
	pthread_mutex_init(&p.lock, NULL);
	nth = ncpu < 1 ? 1 : ncpu > 16 ? 16 : (size_t)ncpu;
	if (nth > todo)
		nth = todo ? todo : 1;
	for (size_t i = 1; i < nth; i++) {
		if (pthread_create(&th[i], NULL, pool_worker, &p) != 0)
			break;
		started++;
	}
	pool_worker(&p);
	for (size_t i = 1; i <= started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&p.lock);
	if (p.progress && p.done)
		fputc('\n', stderr);
	for (size_t i = 0; i < it->n; i++) {
		if (it->v[i].file && it->v[i].err < 0) {
			ERR("%s: %s\n", it->v[i].file, it->v[i].why);
			if (err == 0)
				err = it->v[i].err;
		}
	}
	return err;
}

/* ---- the output --------------------------------------------------------- */

static int write_items(FILE *f, const struct items *it, enum seal_alg alg)
{
	for (size_t i = 0; i < it->n; i++) {
		int r = seal_sums_write_entry(f, alg, it->v[i].digest, it->v[i].path,
					      it->v[i].decompressed);

		if (r < 0)
			return r;
	}
	return 0;
}

/*
 * Write the list to output through a temporary file in the same directory,
 * fsync'd and renamed over the old list: a reader sees the old list or the
 * new one, never half of one. On failure the old list is untouched.
 */
struct write_ctx {
	const struct items *it;
	enum seal_alg alg;
};

static int fill_list(FILE *f, void *ctx)
{
	const struct write_ctx *w = ctx;

	return write_items(f, w->it, w->alg);
}

static int write_atomic(const char *output, const struct items *it, enum seal_alg alg)
{
	struct write_ctx w = { .it = it, .alg = alg };
	char *resolved = NULL;
	struct stat st;
	mode_t mode = 0644;
	int err = 0;

	if (strcmp(output, "-") == 0) {
		err = write_items(stdout, it, alg);
		if (err == 0 && fflush(stdout) != 0)
			err = -errno;
		if (err < 0)
			ERR("standard output: %s\n", strerror(-err));
		return err;
	}
	/*
	 * A symlinked list (/lib/modules/sha256sums -> /etc/seal/...) is
	 * replaced at its target, not turned into a file; a link that does not
	 * resolve (a loop, dangling) is an error rather than silently replaced.
	 */
	if (lstat(output, &st) == 0 && S_ISLNK(st.st_mode)) {
		resolved = realpath(output, NULL);
		if (!resolved) {
			err = -errno;
			ERR("%s: symlink that does not resolve to the list: %s\n", output,
			    strerror(-err));
			return err;
		}
		output = resolved;
	}
	if (stat(output, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			ERR("%s: not a regular file\n", output);
			err = -EINVAL;
			goto out;
		}
		mode = st.st_mode & 07777;      /* a replaced list keeps its mode */
	} else if (errno != ENOENT) {
		err = -errno;
		ERR("%s: %s\n", output, strerror(-err));
		goto out;
	}
	err = seal_write_atomic(output, mode, fill_list, &w);
	if (err < 0)
		ERR("%s: cannot write the list (%s); left unchanged\n", output, strerror(-err));
out:
	free(resolved);
	return err;
}

/* ---- --append ------------------------------------------------------------ */

/* Load the existing list into it, as entries that are not rehashed. */
static int load_old_list(struct items *it, const char *output, struct opts *o, bool alg_given)
{
	struct seal_sums *s = NULL;
	int r;

	r = seal_sums_load(output, tool_report_line, NULL, &s);
	if (r == -ENODATA) {
		ERR("%s: the list has no entries (only blanks or comments); nothing to append to\n",
		    output);
		return r;
	}
	if (r == -EINVAL) {
		ERR("%s: not a valid sums list (bad lines above); not appending\n", output);
		return r;
	}
	if (r < 0) {
		ERR("%s: %s\n", output, strerror(-r));
		return r;
	}
	if (alg_given && seal_sums_alg(s) != o->alg) {
		ERR("%s: holds %s digests, not %s\n", output, seal_alg_name(seal_sums_alg(s)),
		    seal_alg_name(o->alg));
		r = -EINVAL;
		goto out;
	}
	o->alg = seal_sums_alg(s);
	for (size_t i = 0; i < seal_sums_count(s); i++) {
		const struct seal_sums_entry *e = seal_sums_entry_at(s, i);

		r = items_add(it, e->path, NULL, e->image);
		if (r < 0)
			goto out;
		memcpy(it->v[it->n - 1].digest, e->digest, seal_digest_len(o->alg));
	}
	r = 0;
out:
	seal_sums_free(s);
	return r;
}

/* A file named on the command line of --append: must be a readable regular module file. */
static int check_append_file(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		int e = errno;

		ERR("%s: %s\n", path, strerror(e));
		return -e;
	}
	if (S_ISDIR(st.st_mode)) {
		ERR("%s: is a directory, not a module file\n", path);
		return -EISDIR;
	}
	if (!S_ISREG(st.st_mode)) {
		ERR("%s: not a regular file\n", path);
		return -EINVAL;
	}
	if (!seal_is_module_name(path)) {
		ERR("%s: not named like a module (*.ko, *.ko.xz, *.ko.zst, *.ko.gz)\n", path);
		return -EINVAL;
	}
	return 0;
}

/* ---- main ----------------------------------------------------------------- */

/* ---- trust: the package database ------------------------------------------ */

/* Give each file item dpkg's record of it. Returns 0, or -errno when the database can't be read. */
static int attach_pkgdb(struct items *it, const struct opts *o, struct seal_pkgdb **db)
{
	int r;

	*db = NULL;
	if (o->no_dpkg)
		return 0;
	r = seal_pkgdb_load(o->admindir ? o->admindir : DPKG_ADMINDIR, db);
	if (r == -ENOENT && !o->admindir) {
		INFO("%s/info: no dpkg database; module files not checked against packages\n", DPKG_ADMINDIR);
		return 0;
	}
	if (r < 0) {
		ERR("%s/info: cannot read the dpkg database: %s (--no-dpkg to list without it)\n",
		    o->admindir ? o->admindir : DPKG_ADMINDIR, strerror(-r));
		return r;
	}
	INFO("dpkg records %zu module files\n", seal_pkgdb_count(*db));
	for (size_t i = 0; i < it->n; i++)
		if (!it->v[i].decompressed && it->v[i].file)
			it->v[i].pkg = seal_pkgdb_lookup(*db, it->v[i].path);
	return 0;
}

/* True if path is /lib/modules/KVER/SUBDIR/... */
static bool under_subdir(const char *path, const char *subdir)
{
	const char *p;
	size_t n = strlen(subdir);

	if (strncmp(path, MODULES_ROOT "/", strlen(MODULES_ROOT) + 1) != 0)
		return false;
	p = strchr(path + strlen(MODULES_ROOT) + 1, '/');
	return p && strncmp(p + 1, subdir, n) == 0 && p[1 + n] == '/';
}

/*
 * Drop what the package database does not vouch for, saying why: a packaged
 * file whose bytes are not what its package installed, and, in a walk of the
 * installed kernels, a file no package owns outside KVER/SUBDIR (DKMS and make
 * install put modules in updates/). An image line goes with its file. The
 * rest of the list is still written, so that one bad file does not hold up a
 * kernel upgrade, and the run exits 1 so that it is seen.
 * Returns the number of files dropped.
 */
static size_t check_trust(struct items *it, const struct opts *o, bool have_db, bool default_walk)
{
	const char *sub = o->unpackaged ? o->unpackaged : "updates";
	size_t dropped = 0;

	for (size_t i = 0; i < it->n; i++) {
		struct item *e = &it->v[i];

		if (e->decompressed || !e->file || !have_db)
			continue;
		if (e->pkg && e->pkg_differs) {
			ERR("%s: not what package %s installed (the file's MD5 is not dpkg's record); not listed\n",
			    e->path, e->pkg->package);
			e->rejected = true;
		} else if (!e->pkg && default_walk && !under_subdir(e->path, sub)) {
			ERR("%s: no package owns it, and it is not under %s/KVER/%s/ (where DKMS and make install put modules); not listed (name its directory to list it)\n",
			    e->path, MODULES_ROOT, sub);
			e->rejected = true;
		} else if (!e->pkg && default_walk) {
			fprintf(stderr, "%s: %s: unpackaged (no package owns it); listed\n",
				program_invocation_short_name, e->path);
		} else if (!e->pkg) {
			INFO("%s: unpackaged (no package owns it), in a directory named on the command line; listed\n",
			     e->path);
		}
		if (!e->rejected)
			continue;
		dropped++;
		for (size_t j = 0; j < it->n; j++)
			if (it->v[j].decompressed && strcmp(it->v[j].path, e->path) == 0)
				it->v[j].rejected = true;
	}
	if (dropped) {
		size_t w = 0;

		for (size_t r = 0; r < it->n; r++) {
			if (it->v[r].rejected) {
				free(it->v[r].path);
				free(it->v[r].file);
				continue;
			}
			it->v[w++] = it->v[r];
		}
		it->n = w;
	}
	return dropped;
}

/* ---- --diff: what writing would change ----------------------------------- */

/* The order of a written list: by path, a file's own line before its "#image" line. */
static int entry_cmp(const char *pa, bool ia, const char *pb, bool ib)
{
	int c = strcmp(pa, pb);

	return c ? c : (int)ia - (int)ib;
}

static int entry_ptr_cmp(const void *a, const void *b)
{
	const struct seal_sums_entry *x = *(const struct seal_sums_entry *const *)a;
	const struct seal_sums_entry *y = *(const struct seal_sums_entry *const *)b;

	return entry_cmp(x->path, x->image, y->path, y->image);
}

static void diff_line(char sign, const char *path, bool image, enum seal_alg alg,
		      const unsigned char *old, const unsigned char *now)
{
	char h1[2 * SEAL_DIGEST_MAX + 1], h2[2 * SEAL_DIGEST_MAX + 1];
	const char *what = image ? " (decompressed image)" : "";

	if (old)
		seal_hex_encode(old, seal_digest_len(alg), h1);
	if (now)
		seal_hex_encode(now, seal_digest_len(alg), h2);
	if (sign == '~')
		printf("~ %s%s %s=%s was=%s\n", path, what, seal_alg_name(alg), h2, h1);
	else
		printf("%c %s%s %s=%s\n", sign, path, what, seal_alg_name(alg), sign == '+' ? h2 : h1);
}

/*
 * Compare the new items (sorted) with the list at target, as AIDE's update
 * shows a database change: "+ PATH" added, "- PATH" removed, "~ PATH" changed,
 * then a count. Returns 0 when they hold the same entries, 1 when they
 * differ, -errno when the old list can't be read (a missing one is empty).
 */
static int show_diff(const struct items *it, const char *target, enum seal_alg alg)
{
	struct seal_sums *s = NULL;
	const struct seal_sums_entry **old = NULL;
	size_t n = 0, i = 0, j = 0, add = 0, del = 0, chg = 0;
	int r = seal_sums_load(target, tool_report_line, NULL, &s);

	if (r < 0 && r != -ENOENT && r != -ENODATA) {
		ERR("%s: cannot compare with it: %s\n", target, strerror(-r));
		return r;
	}
	if (s && seal_sums_alg(s) != alg) {
		ERR("%s: holds %s digests, not %s\n", target, seal_alg_name(seal_sums_alg(s)), seal_alg_name(alg));
		seal_sums_free(s);
		return -EINVAL;
	}
	n = s ? seal_sums_count(s) : 0;
	old = calloc(n ? n : 1, sizeof(*old));
	if (!old) {
		seal_sums_free(s);
		return -ENOMEM;
	}
	for (size_t k = 0; k < n; k++)
		old[k] = seal_sums_entry_at(s, k);
	/* seal-mksums writes lists sorted like items; sort anyway for lists written by hand */
	qsort(old, n, sizeof(*old), entry_ptr_cmp);
	while (i < it->n || j < n) {
		const struct item *e = i < it->n ? &it->v[i] : NULL;
		const struct seal_sums_entry *o = j < n ? old[j] : NULL;
		int c = !e ? 1 : !o ? -1 : entry_cmp(e->path, e->decompressed, o->path, o->image);

		if (c < 0) {
			diff_line('+', e->path, e->decompressed, alg, NULL, e->digest);
			add++;
			i++;
		} else if (c > 0) {
			diff_line('-', o->path, o->image, alg, o->digest, NULL);
			del++;
			j++;
		} else {
			if (memcmp(e->digest, o->digest, seal_digest_len(alg)) != 0) {
				diff_line('~', e->path, e->decompressed, alg, o->digest, e->digest);
				chg++;
			}
			i++;
			j++;
		}
	}
	printf("%s: %zu added, %zu removed, %zu changed (nothing written)\n", target, add, del, chg);
	free(old);
	seal_sums_free(s);
	return add || del || chg;
}

/* ---- --loaded: a short list of what this machine uses ---------------------- */

static int add_loaded_tree(struct items *it, struct kmod_module *mod, bool decompressed, int depth)
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
	r = add_module(it, path, decompressed);
	deps = kmod_module_get_dependencies(mod);
	kmod_list_foreach(l, deps) {
		struct kmod_module *d = kmod_module_get_module(l);

		if (r == 0)
			r = add_loaded_tree(it, d, decompressed, depth + 1);
		kmod_module_unref(d);
	}
	kmod_module_unref_list(deps);
	return r;
}

/* The modules loaded now (/proc/modules) and their dependencies, as modules.dep names their files. */
static int walk_loaded(struct items *it, bool decompressed)
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
			r = add_loaded_tree(it, m, decompressed, 0);
		kmod_module_unref(m);
	}
	kmod_module_unref_list(list);
	kmod_unref(ctx);
	return r;
}

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

int main(int argc, const char **argv)
{
	struct opts o = { .alg = SEAL_ALG_SHA256 };
	struct items it = { 0 };
	char *alg_arg = NULL, *output = NULL, *kver = NULL, *defdir = NULL;
	struct seal_pkgdb *db = NULL;
	size_t dropped = 0;
	const char **args, *target = NULL;
	int version = 0, rc, r, err = 0, nargs = 0;
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
		{ "decompressed", 'd', POPT_ARG_NONE, &o.decompressed, 0,
		  "also list the digest of each compressed module's decompressed image", NULL },
		{ "diff", 0, POPT_ARG_NONE, &o.diff, 0,
		  "show the entries the new list would add, remove and change; write nothing", NULL },
		{ "loaded", 'l', POPT_ARG_NONE, &o.loaded, 0,
		  "list only the modules loaded now and their dependencies", NULL },
		{ "no-dpkg", 0, POPT_ARG_NONE, &o.no_dpkg, 0,
		  "do not check module files against the package database", NULL },
		{ "dpkg-admindir", 0, POPT_ARG_STRING, &o.admindir, 0,
		  "dpkg's database (default " DPKG_ADMINDIR ")", "DIR" },
		{ "unpackaged", 0, POPT_ARG_STRING, &o.unpackaged, 0,
		  "where in each kernel's tree unpackaged modules are listed from (default updates)", "SUBDIR" },
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
	if (o.append && (kver || nargs == 0)) {
		ERR("--append takes module files, not -k: %s\n",
		    kver ? "drop -k" : "name at least one FILE.ko");
		rc = EXIT_USAGE;
		goto out;
	}
	if (kver && nargs > 0) {
		ERR("-k %s and directories exclude each other\n", kver);
		rc = EXIT_USAGE;
		goto out;
	}
	if (kver && !seal_is_kernel_release(kver)) {
		ERR("-k '%s': not a kernel version\n", kver);
		rc = EXIT_USAGE;
		goto out;
	}
	rc = EXIT_FAIL;

	if (o.append) {
		/* Without -a the algorithm is the existing list's; -o or -a picks which list. */
		const char *list = output ? output :
			o.alg == SEAL_ALG_MD5 ? SEAL_SUMS_DEFAULT_MD5 : SEAL_SUMS_DEFAULT_SHA256;

		if (strcmp(list, "-") == 0) {
			ERR("--append needs a list file to read, not standard output\n");
			rc = EXIT_USAGE;
			goto out;
		}
		for (int i = 0; i < nargs; i++) {
			r = check_append_file(args[i]);
			if (r < 0 && err == 0)
				err = r;
		}
		if (err < 0)
			goto out;
		err = load_old_list(&it, list, &o, alg_arg != NULL);
		if (err < 0)
			goto out;
		for (int i = 0; i < nargs && err == 0; i++)
			err = add_module(&it, args[i], o.decompressed);
		target = list;
	} else if (o.loaded) {
		if (kver || nargs > 0) {
			ERR("--loaded takes no -k or directories: it lists the running kernel's loaded modules\n");
			rc = EXIT_USAGE;
			goto out;
		}
		err = walk_loaded(&it, o.decompressed);
	} else {
		if (nargs == 0 && kver) {
			if (asprintf(&defdir, "/lib/modules/%s", kver) < 0) {
				defdir = NULL;
				goto out;
			}
			err = walk_dir(&it, defdir, o.decompressed);
		} else if (nargs == 0) {
			/* Every installed kernel: a fallback boot into the old one meets a listed tree. */
			defdir = strdup(MODULES_ROOT);
			if (!defdir)
				goto out;
			err = walk_installed_kernels(&it, o.decompressed);
		}
		for (int i = 0; i < nargs; i++) {
			r = walk_dir(&it, args[i], o.decompressed);
			if (r < 0 && err == 0)
				err = r;
		}
	}
	if (err < 0) {
		if (err == -ENOMEM)
			ERR("out of memory\n");
		goto out;
	}
	if (!o.append && it.n == 0) {
		ERR("%s: no modules found (*.ko, *.ko.xz, *.ko.zst, *.ko.gz); not writing an empty list\n",
		    o.loaded ? "/proc/modules" : defdir ? defdir : args[0]);
		goto out;
	}
	if (!target)
		target = output ? output :
			o.alg == SEAL_ALG_MD5 ? SEAL_SUMS_DEFAULT_MD5 : SEAL_SUMS_DEFAULT_SHA256;
	err = attach_pkgdb(&it, &o, &db);
	if (err < 0)
		goto out;
	INFO("hashing %zu modules with %s\n", it.n, seal_alg_name(o.alg));
	err = hash_all(&it, o.alg);
	if (err < 0)
		goto out;
	dropped = check_trust(&it, &o, db != NULL, !o.append && !o.loaded && nargs == 0);
	items_sort_unique(&it);
	if (o.diff) {
		r = show_diff(&it, target, o.alg);
		/* as diff(1): 0 the same, 1 different, 2 trouble */
		rc = r < 0 ? EXIT_USAGE : r ? EXIT_FAIL : EXIT_OK;
		goto out;
	}
	err = write_atomic(target, &it, o.alg);
	if (err < 0)
		goto out;
	INFO("%s: %zu entries written\n", target, it.n);
	if (dropped) {
		ERR("%s: written without the %zu file%s above\n", target, dropped, dropped == 1 ? "" : "s");
		rc = EXIT_PARTIAL;
		goto out;
	}
	rc = EXIT_OK;
out:
	items_free(&it);
	seal_pkgdb_free(db);
	free(defdir);
	free(o.admindir);
	free(o.unpackaged);
	/* popt hands out malloc'd copies of string arguments. */
	free(kver);
	free(alg_arg);
	free(output);
	poptFreeContext(pc);
	return rc;
}
