// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-mksums' digest cache: which one a run uses, and the items it fills (libseal's seal_cache_*). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "mksums.h"

/*
 * A rewrite after a kernel upgrade reads only what changed: each file's
 * digests (the file's, its MD5 for dpkg's record, a compressed module's
 * image's) are kept in libseal's digest cache under the state of the file's
 * inode; libseal/digest-cache.c says why a changed file cannot hit. The
 * default cache is root's and serves the trees dpkg installs, under
 * /lib/modules: a copy elsewhere is hashed once and would only crowd it.
 * The digests are the same with the cache as without; the cache only decides
 * which files are read (t-mksums-cache checks the lists byte for byte).
 */
struct seal_cache *cache_open(const struct items *it, const struct opts *o)
{
	struct seal_cache *c = NULL;
	const char *path = o->cache;
	char why[1024];

	if (o->no_cache)
		return NULL;
	if (!path) {
		if (geteuid() != 0) {
			INFO("not root: the default cache %s is not used\n", MKSUMS_CACHE);
			return NULL;
		}
		for (size_t i = 0; i < it->n; i++) {
			if (it->v[i].file && !path_in_modules_root(it->v[i].path)) {
				INFO("%s: not under %s: the default cache is not used\n", it->v[i].path,
				     MODULES_ROOT);
				return NULL;
			}
		}
		path = MKSUMS_CACHE;
	}
	if (seal_cache_open(path, true, &c, why, sizeof(why)) < 0) {
		WRN("%s: out of memory: no cache\n", path);
		return NULL;
	}
	if (why[0])
		WRN("%s (every file is read)\n", why);
	return c;
}

/* An item's digests from the cache: the list's, and the MD5 dpkg's record is checked with. */
static bool item_lookup(struct seal_cache *c, struct item *e, const struct stat *st, enum seal_alg alg)
{
	if (!seal_cache_get(c, st, alg, e->decompressed, e->digest))
		return false;
	if (e->decompressed || !e->pkg)
		return true;
	if (!seal_cache_get(c, st, SEAL_ALG_MD5, false, e->md5))
		return false;
	e->pkg_differs = memcmp(e->md5, e->pkg->md5, SEAL_MD5_LEN) != 0;
	return true;
}

size_t cache_lookup(struct seal_cache *c, struct items *it, enum seal_alg alg)
{
	size_t hits = 0;
	struct stat st;

	if (!c)
		return 0;
	for (size_t i = 0; i < it->n; i++) {
		struct item *e = &it->v[i];

		/* One stat per file: an unchanged tree is listed without opening a module file. */
		if (!e->file || stat(e->file, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		e->size = st.st_size;
		e->cached = item_lookup(c, e, &st, alg);
		hits += e->cached;
	}
	return hits;
}

void cache_close(struct seal_cache *c, const struct items *it, enum seal_alg alg)
{
	int err;

	if (!c)
		return;
	for (size_t i = 0; i < it->n; i++) {
		const struct item *e = &it->v[i];

		if (!e->file || e->cached || e->err < 0 || !e->have_state)
			continue;
		seal_cache_put(c, e->file, &e->before, &e->after, alg, e->decompressed, e->digest);
		if (e->pkg && !e->decompressed)
			seal_cache_put(c, e->file, &e->before, &e->after, SEAL_ALG_MD5, false, e->md5);
	}
	err = seal_cache_save(c);
	if (err < 0)
		WRN("the digest cache was not saved: %s (the next run reads every file again)\n", strerror(-err));
	seal_cache_free(c);
}
