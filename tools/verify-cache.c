// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-verify's digest cache: (dev, ino, size, mtime, ctime) -> digest, written atomically. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shared/array.h"
#include "verify.h"

/*
 * The cache is a speed-up, not evidence. Root can rewrite a file and put its
 * old mtime back; only ctime resists that, and ctime follows the clock, which
 * root can set, or can be forged offline on the block device. Whoever can write
 * the cache file can make any digest "cached". Hence: the file must belong to
 * us and not be group/other-writable, --full rehashes everything, and the man
 * page tells cron users to run --full now and then.
 */

#define CACHE_MAGIC "seal-verify-cache 1"

struct cache_ent {
	uint64_t dev, ino, size;
	int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
	unsigned char digest[SEAL_DIGEST_MAX];
	bool keep;                      /* write back at save */
};

struct verify_cache {
	char *path;
	enum seal_alg alg;
	struct cache_ent *old;          /* from the file, sorted by (dev, ino) */
	size_t nold, capold;
	struct cache_ent *add;          /* hashed in this run, in order */
	size_t nadd, capadd;
	struct timespec start;
};

static int ent_cmp(const void *a, const void *b)
{
	const struct cache_ent *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return 0;
}

static void ent_from_stat(struct cache_ent *e, const struct stat *st)
{
	memset(e, 0, sizeof(*e));
	e->dev = st->st_dev;
	e->ino = st->st_ino;
	e->size = (uint64_t)st->st_size;
	e->mtime_s = st->st_mtim.tv_sec;
	e->mtime_ns = st->st_mtim.tv_nsec;
	e->ctime_s = st->st_ctim.tv_sec;
	e->ctime_ns = st->st_ctim.tv_nsec;
}

static bool ent_same_file_state(const struct cache_ent *a, const struct cache_ent *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
	       a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

/* Returns 0 with c->old filled, or -errno / -EINVAL with the reason in why. */
static int cache_read(struct verify_cache *c, char *why, size_t whylen)
{
	/* hex holds one character more than the longest digest, so an over-long one fails to decode. */
	char line[256], hex[2 * SEAL_DIGEST_MAX + 2], alg[16];
	_Static_assert(sizeof(hex) == 65 + 1, "the %65s width below must match hex[]");
	unsigned long lineno = 1;
	struct stat st;
	FILE *f;
	int err = 0;

	f = fopen(c->path, "re");
	if (!f) {
		err = -errno;
		snprintf(why, whylen, "%s: %s", c->path, strerror(errno));
		return err;
	}
	if (fstat(fileno(f), &st) < 0 || st.st_uid != geteuid() || (st.st_mode & 022)) {
		snprintf(why, whylen, "%s: not owned by uid %u or writable by others: ignored",
			 c->path, (unsigned)geteuid());
		err = -EPERM;
		goto out;
	}
	if (!fgets(line, sizeof(line), f) ||
	    sscanf(line, CACHE_MAGIC " %15s", alg) != 1 || strcmp(alg, seal_alg_name(c->alg)) != 0) {
		snprintf(why, whylen, "%s:1: not a %s cache for %s: ignored", c->path,
			 CACHE_MAGIC, seal_alg_name(c->alg));
		err = -EINVAL;
		goto out;
	}
	while (fgets(line, sizeof(line), f)) {
		struct cache_ent e;
		struct cache_ent *p;

		lineno++;
		memset(&e, 0, sizeof(e));
		if (sscanf(line, "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNd64 ".%" SCNd64
			   " %" SCNd64 ".%" SCNd64 " %65s",
			   &e.dev, &e.ino, &e.size, &e.mtime_s, &e.mtime_ns, &e.ctime_s,
			   &e.ctime_ns, hex) != 8 ||
		    seal_hex_decode(hex, strlen(hex), e.digest, seal_digest_len(c->alg)) < 0) {
			snprintf(why, whylen, "%s:%lu: malformed entry: cache ignored", c->path, lineno);
			err = -EINVAL;
			goto out;
		}
		if (c->nold == c->capold) {
			p = array_grow(c->old, &c->capold, sizeof(*p), 256);
			if (!p) {
				err = -ENOMEM;
				goto out;
			}
			c->old = p;
		}
		c->old[c->nold++] = e;
	}
	if (c->nold)    /* qsort(NULL, 0, ...) is undefined */
		qsort(c->old, c->nold, sizeof(*c->old), ent_cmp);
out:
	if (err < 0) {
		free(c->old);
		c->old = NULL;
		c->nold = c->capold = 0;
	}
	fclose(f);
	return err;
}

int verify_cache_open(const char *path, enum seal_alg alg, bool use_old,
		      struct verify_cache **out, char *why, size_t whylen)
{
	struct verify_cache *c = calloc(1, sizeof(*c));

	*out = NULL;
	if (why && whylen)
		why[0] = '\0';
	if (!c)
		return -ENOMEM;
	c->path = strdup(path);
	if (!c->path) {
		free(c);
		return -ENOMEM;
	}
	c->alg = alg;
	clock_gettime(CLOCK_REALTIME, &c->start);
	if (use_old) {
		int err = cache_read(c, why, whylen);

		if (err == -ENOENT && why)
			why[0] = '\0';      /* first run: nothing to say */
		else if (err == -ENOMEM) {
			verify_cache_free(c);
			return err;
		}
	}
	*out = c;
	return 0;
}

bool verify_cache_get(struct verify_cache *c, const struct stat *st, unsigned char *digest)
{
	struct cache_ent key, *e;
	size_t i;

	ent_from_stat(&key, st);
	e = c->nold ? bsearch(&key, c->old, c->nold, sizeof(*c->old), ent_cmp) : NULL;
	if (e && ent_same_file_state(e, &key)) {
		e->keep = true;
		memcpy(digest, e->digest, seal_digest_len(c->alg));
		return true;
	}
	/* The same file met twice in one run (on disk, then loaded). */
	for (i = c->nadd; i-- > 0;)
		if (ent_same_file_state(&c->add[i], &key)) {
			memcpy(digest, c->add[i].digest, seal_digest_len(c->alg));
			return true;
		}
	return false;
}

void verify_cache_put(struct verify_cache *c, const struct stat *st, const unsigned char *digest)
{
	struct cache_ent *p;

	if (c->nadd == c->capadd) {
		p = array_grow(c->add, &c->capadd, sizeof(*p), 256);
		if (!p)
			return;     /* not remembered: the next run hashes it again */
		c->add = p;
	}
	p = &c->add[c->nadd++];
	ent_from_stat(p, st);
	memcpy(p->digest, digest, seal_digest_len(c->alg));
	/*
	 * "Racy" entries, as git calls them: a file changed in the same second
	 * as this run started may change again without its mtime/ctime moving
	 * on a filesystem with coarse timestamps. Such entries serve this run
	 * but are not written back.
	 */
	p->keep = p->ctime_s < c->start.tv_sec - 1 && p->mtime_s < c->start.tv_sec - 1;
}

static void put_ent(FILE *f, const struct cache_ent *e, size_t dlen)
{
	char hex[2 * SEAL_DIGEST_MAX + 1];

	seal_hex_encode(e->digest, dlen, hex);
	fprintf(f, "%" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRId64 ".%09" PRId64 " %" PRId64
		".%09" PRId64 " %s\n", e->dev, e->ino, e->size, e->mtime_s, e->mtime_ns,
		e->ctime_s, e->ctime_ns, hex);
}

static int mkdir_parents(const char *path)
{
	char *dir = strdup(path), *p;
	int err = 0;

	if (!dir)
		return -ENOMEM;
	for (p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			err = -errno;
			break;
		}
		*p = '/';
	}
	free(dir);
	return err;
}

static int fill_cache(FILE *f, void *ctx)
{
	const struct verify_cache *c = ctx;
	size_t dlen = seal_digest_len(c->alg), i;

	fprintf(f, "%s %s\n", CACHE_MAGIC, seal_alg_name(c->alg));
	for (i = 0; i < c->nold; i++)
		if (c->old[i].keep)
			put_ent(f, &c->old[i], dlen);
	for (i = 0; i < c->nadd; i++)
		if (c->add[i].keep)
			put_ent(f, &c->add[i], dlen);
	return ferror(f) ? -EIO : 0;
}

int verify_cache_save(struct verify_cache *c)
{
	bool same = c->nadd == 0;
	size_t i;
	int err;

	/* Nothing hashed and every entry used: the file on disk is already right. */
	for (i = 0; same && i < c->nold; i++)
		same = c->old[i].keep;
	if (same && c->nold > 0)
		return 0;
	err = mkdir_parents(c->path);
	if (err < 0)
		return err;
	/* 0600: only root reads it back (a cache others can write is ignored on load). */
	return seal_write_atomic(c->path, 0600, fill_cache, c);
}

void verify_cache_free(struct verify_cache *c)
{
	if (!c)
		return;
	free(c->old);
	free(c->add);
	free(c->path);
	free(c);
}
