// SPDX-License-Identifier: LGPL-2.1-or-later
/* The package database as a trust anchor: dpkg's recorded MD5 of every packaged module file. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seal/seal.h"
#include "internal.h"
#include "shared/array.h"

/*
 * dpkg keeps, for each installed package, info/PACKAGE.md5sums: "HEX  PATH"
 * lines in md5sum's format, PATH relative to / (what debsums checks). Only
 * the lines under lib/modules/ (or usr/lib/modules/, the same place on a
 * merged-/usr system) are kept, keyed by the absolute /lib/modules/ path.
 */
#define PKGDB_FILE_MAX (64UL << 20)

struct seal_pkgdb {
	struct seal_pkgdb_file *v;        /* sorted by path */
	size_t n, cap;
};

/* "/lib/modules/..." for "lib/modules/...", "usr/lib/modules/..." and their absolute forms, else NULL. */
static const char *modules_suffix(const char *path, size_t len, size_t *slen)
{
	static const char *const prefixes[] = { "/usr/lib/modules/", "usr/lib/modules/", "/lib/modules/",
						"lib/modules/" };

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t pl = strlen(prefixes[i]);

		if (len > pl && strncmp(path, prefixes[i], pl) == 0) {
			*slen = len - pl;
			return path + pl;
		}
	}
	return NULL;
}

static int pkgdb_add(struct seal_pkgdb *db, const char *rest, size_t rlen, const unsigned char *md5,
		     const char *package)
{
	struct seal_pkgdb_file *f;

	if (db->n == db->cap) {
		struct seal_pkgdb_file *v = array_grow(db->v, &db->cap, sizeof(*v), 1024);

		if (!v)
			return -ENOMEM;
		db->v = v;
	}
	f = &db->v[db->n];
	memcpy(f->md5, md5, SEAL_MD5_LEN);
	f->package = strdup(package);
	if (!f->package || asprintf(&f->path, "/lib/modules/%.*s", (int)rlen, rest) < 0) {
		free(f->package);
		return -ENOMEM;
	}
	db->n++;
	return 0;
}

/*
 * What a hint remembers of an md5sums file without a module line: not a digest
 * of its bytes but this tag, which names the rules of pkgdb_read_one() (which
 * lines are module lines). Change it whenever they change: a memory made under
 * other rules must not let a file go unread.
 */
static const unsigned char pkgdb_none_tag[SEAL_MD5_LEN] = {
	's', 'e', 'a', 'l', '-', 'p', 'k', 'g', 'd', 'b', '-', 'n', 'o', 'n', 'e', '1',
};

/*
 * One info/PACKAGE.md5sums file: its module lines go into db; a bad line is
 * skipped (dpkg's file, not ours to judge). Only the lines that name a path
 * under lib/modules/ are parsed, found with memmem(): on a system of a
 * thousand packages nearly every line is another package's file, and parsing
 * each one (its digest decoded) took ten times as long as reading them all.
 */
static int pkgdb_read_one(struct seal_pkgdb *db, int dirfd, const char *info, const char *name,
			  const struct seal_pkgdb_hint *hint)
{
	static const char needle[] = "lib/modules/";
	char package[256];
	void *buf = NULL;
	size_t len = 0, nlen = strlen(name) - strlen(".md5sums"), off = 0, had = db->n;
	struct stat before, after;
	bool states = false;
	int fd, r, err = 0;

	if (nlen >= sizeof(package))
		return 0;
	memcpy(package, name, nlen);
	package[nlen] = '\0';
	/* known, in this very state, to hold no module line: nothing to read */
	if (hint && fstatat(dirfd, name, &before, 0) == 0 && S_ISREG(before.st_mode) &&
	    hint->skip(hint->ctx, &before, pkgdb_none_tag))
		return 0;
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (hint)
		states = fstat(fd, &before) == 0 && S_ISREG(before.st_mode);
	r = read_fd_whole(fd, PKGDB_FILE_MAX, &buf, &len);
	states = states && r >= 0 && fstat(fd, &after) == 0;
	close(fd);
	if (r < 0)
		return r;
	while (off < len && err == 0) {
		const char *b = buf, *hit = memmem(b + off, len - off, needle, sizeof(needle) - 1);
		const char *start, *end, *rest;
		struct seal_sums_line l;
		size_t rlen;

		if (!hit)
			break;
		for (start = hit; start > b + off && start[-1] != '\n'; start--)
			;
		end = memchr(hit, '\n', len - (size_t)(hit - b));
		if (!end)
			end = b + len;
		off = (size_t)(end - b) + 1;
		if (seal_sums_parse_line(start, (unsigned long)(end - start), &l) < 0 ||
		    l.alg != SEAL_ALG_MD5 || l.kind != SEAL_SUMS_ENTRY || l.escaped)
			continue;
		rest = modules_suffix(l.path, l.path_len, &rlen);
		if (rest)
			err = pkgdb_add(db, rest, rlen, l.digest, package);
	}
	if (states && err == 0 && db->n == had) {
		char *path = NULL;

		if (asprintf(&path, "%s/%s", info, name) >= 0)
			hint->none(hint->ctx, path, &before, &after, pkgdb_none_tag);
		free(path);
	}
	free(buf);
	return err;
}

static int file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct seal_pkgdb_file *)a)->path, ((const struct seal_pkgdb_file *)b)->path);
}

int seal_pkgdb_load(const char *admindir, struct seal_pkgdb **out)
{
	return seal_pkgdb_load_hinted(admindir, NULL, out);
}

int seal_pkgdb_load_hinted(const char *admindir, const struct seal_pkgdb_hint *hint,
			   struct seal_pkgdb **out)
{
	struct seal_pkgdb *db;
	struct dirent *de;
	char *info = NULL;
	DIR *d;
	int err = 0, dfd;

	*out = NULL;
	if (asprintf(&info, "%s/info", admindir) < 0)
		return -ENOMEM;
	/* the hint remembers files by absolute path */
	if (info[0] != '/')
		hint = NULL;
	d = opendir(info);
	if (!d) {
		err = -errno;
		free(info);
		return err;
	}
	db = calloc(1, sizeof(*db));
	if (!db) {
		closedir(d);
		free(info);
		return -ENOMEM;
	}
	dfd = dirfd(d);
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len <= 8 || strcmp(de->d_name + len - 8, ".md5sums") != 0)
			continue;
		err = pkgdb_read_one(db, dfd, info, de->d_name, hint);
		if (err == -ENOMEM)
			break;
		err = 0;                        /* an unreadable file of one package: skip it */
	}
	closedir(d);
	free(info);
	if (err < 0) {
		seal_pkgdb_free(db);
		return err;
	}
	if (db->n)
		qsort(db->v, db->n, sizeof(*db->v), file_cmp);
	*out = db;
	return 0;
}

const struct seal_pkgdb_file *seal_pkgdb_lookup(const struct seal_pkgdb *db, const char *path)
{
	struct seal_pkgdb_file key;
	const char *rest;
	char *canon = NULL;
	const struct seal_pkgdb_file *hit;
	size_t rlen;

	if (!db || !db->n)
		return NULL;
	rest = modules_suffix(path, strlen(path), &rlen);
	if (!rest || asprintf(&canon, "/lib/modules/%s", rest) < 0)
		return NULL;
	key.path = canon;
	hit = bsearch(&key, db->v, db->n, sizeof(*db->v), file_cmp);
	free(canon);
	return hit;
}

size_t seal_pkgdb_count(const struct seal_pkgdb *db)
{
	return db ? db->n : 0;
}

void seal_pkgdb_free(struct seal_pkgdb *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->n; i++) {
		free(db->v[i].path);
		free(db->v[i].package);
	}
	free(db->v);
	free(db);
}
