// SPDX-License-Identifier: GPL-2.0-or-later
/* Which files seal-mksums vouches for: each checked against the package database (dpkg). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"
#include "mksums.h"

/*
 * dpkg's md5sums files that hold no module line, in the digest cache: each
 * under its state like a module file, as its MD5 slot holding libseal's tag
 * (not a digest: no file's bytes are chosen to hash to it), so a hit means
 * "read in this very state, under these rules: no module line". dpkg writes a
 * package's md5sums anew when it installs the package (a new inode), so a
 * package that gains a module file is read again. The skip must never be
 * wrong: a package's records that go unread leave its modules unpackaged,
 * which the default walk refuses outside updates/ but --loaded, --append, a
 * named directory and updates/ list. A module file hard-linked to an md5sums
 * file would find the tag as its MD5 and be refused (not what dpkg installed).
 */
struct pkgdb_memo {
	struct seal_cache *cache;
	size_t skipped, read;
};

static bool pkgdb_skip(void *ctx, const struct stat *st, const unsigned char tag[SEAL_MD5_LEN])
{
	struct pkgdb_memo *m = ctx;
	unsigned char md5[SEAL_MD5_LEN];

	if (!seal_cache_get(m->cache, st, SEAL_ALG_MD5, false, md5) || memcmp(md5, tag, SEAL_MD5_LEN) != 0)
		return false;
	m->skipped++;
	return true;
}

static void pkgdb_none(void *ctx, const char *path, const struct stat *before, const struct stat *after,
		       const unsigned char tag[SEAL_MD5_LEN])
{
	struct pkgdb_memo *m = ctx;

	seal_cache_put(m->cache, path, before, after, SEAL_ALG_MD5, false, tag);
	m->read++;
}

/* Give each file item dpkg's record of it. Returns 0, or -errno when the database can't be read. */
int attach_pkgdb(struct items *it, const struct opts *o, struct seal_cache *cache, struct seal_pkgdb **db)
{
	struct pkgdb_memo memo = { .cache = cache };
	struct seal_pkgdb_hint hint = { .skip = pkgdb_skip, .none = pkgdb_none, .ctx = &memo };
	size_t i;
	int r;

	*db = NULL;
	if (o->no_dpkg)
		return 0;
	/*
	 * dpkg records installed paths, and modules are installed under
	 * /lib/modules (/usr/lib/modules with a merged /usr): a tree anywhere
	 * else (a copy, a build directory) has no record to find, so reading
	 * every package's md5sums would change nothing but the time it takes.
	 */
	for (i = 0; i < it->n; i++)
		if (path_in_modules_root(it->v[i].path))
			break;
	if (i == it->n) {
		INFO("no module file under %s: none can be in dpkg's records; not checked against them\n",
		     MODULES_ROOT);
		return 0;
	}
	r = seal_pkgdb_load_hinted(o->admindir ? o->admindir : DPKG_ADMINDIR, cache ? &hint : NULL, db);
	if (r == -ENOENT && !o->admindir) {
		INFO("%s/info: no dpkg database; module files not checked against packages\n", DPKG_ADMINDIR);
		return 0;
	}
	if (r < 0) {
		ERR("%s/info: cannot read the dpkg database: %s (--no-dpkg to list without it)\n",
		    o->admindir ? o->admindir : DPKG_ADMINDIR, strerror(-r));
		return r;
	}
	if (cache)
		INFO("dpkg records %zu module files; %zu package files known from the cache to hold none, not read; %zu read and found to hold none\n",
		     seal_pkgdb_count(*db), memo.skipped, memo.read);
	else
		INFO("dpkg records %zu module files\n", seal_pkgdb_count(*db));
	for (i = 0; i < it->n; i++)
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
 * Why the package database does not vouch for a file, in a walk of the
 * installed kernels (default_walk) or of what the administrator named: a
 * packaged file whose bytes are not what its package installed, and, in a
 * walk, a file no package owns outside KVER/SUBDIR (DKMS and make install put
 * modules in updates/). NULL when it vouches for it, or there is no database.
 */
const char *item_distrust(const struct item *e, const struct opts *o, bool have_db, bool default_walk,
			  char *why, size_t whylen)
{
	const char *sub = o->unpackaged ? o->unpackaged : "updates";

	if (e->decompressed || !e->file || !have_db)
		return NULL;
	if (e->pkg && e->pkg_differs)
		snprintf(why, whylen, "not what package %s installed (the file's MD5 is not dpkg's record)",
			 e->pkg->package);
	else if (!e->pkg && default_walk && !under_subdir(e->path, sub))
		snprintf(why, whylen,
			 "no package owns it, and it is not under %s/KVER/%s/ (where DKMS and make install put modules)",
			 MODULES_ROOT, sub);
	else
		return NULL;
	return why;
}

/*
 * Drop what the package database does not vouch for (item_distrust), saying
 * why. An image line goes with its file. The rest of the list is still
 * written, so that one bad file does not hold up a kernel upgrade, and the run
 * exits 3 so that it is seen. Returns the number of files dropped.
 */
void check_trust(struct items *it, const struct opts *o, bool have_db, bool default_walk)
{
	char why[512];

	for (size_t i = 0; i < it->n; i++) {
		struct item *e = &it->v[i];

		if (e->decompressed || !e->file || !have_db || e->rejected)
			continue;
		if (item_distrust(e, o, have_db, default_walk, why, sizeof(why))) {
			ERR("%s: %s; not listed%s\n", e->path, why,
			    e->pkg ? "" : " (name its directory to list it)");
			items_reject(it, i);
		} else if (!e->pkg && default_walk) {
			fprintf(stderr, "%s: %s: unpackaged (no package owns it); listed\n",
				program_invocation_short_name, e->path);
		} else if (!e->pkg) {
			INFO("%s: unpackaged (no package owns it), in a directory named on the command line; listed\n",
			     e->path);
		}
	}
}
