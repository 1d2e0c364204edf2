// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * seal-mksums hashes the items on every core: a pool of threads that take the
 * next item. Where the package check wants a file's MD5 and the CPU has AVX2,
 * each thread streams eight files at once, SHA-256 per file (OpenSSL) and MD5
 * in the eight lanes of md5x8: MD5 is most of the cost of the check, and a
 * single MD5 can't go faster than OpenSSL's scalar code.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "log.h"
#include "mksums.h"
#include "shared/io.h"
#include "shared/md5x8.h"

#define LANE_CHUNK (64UL << 10)

struct pool {
	struct items *it;
	enum seal_alg alg;
	size_t next, done, total;
	size_t *order;                  /* the items to hash (total of them), largest first */
	bool progress;
	bool lanes;                     /* MD5 in md5x8's lanes (AVX2, SEAL_NO_AVX2 unset) */
	pthread_mutex_t lock;
};

/* The file's digest (and dpkg's MD5 when a package owns it), streamed once from fd. */
static void hash_file(struct item *e, enum seal_alg alg, int fd)
{
	e->err = seal_hash_fd2(fd, alg, e->digest, e->pkg ? SEAL_ALG_MD5 : SEAL_ALG_NONE, e->md5);
	if (e->err == 0 && e->pkg)
		e->pkg_differs = memcmp(e->md5, e->pkg->md5, SEAL_MD5_LEN) != 0;
	if (e->err < 0)
		snprintf(e->why, sizeof(e->why), "%s", strerror(-e->err));
}

/* The digest of the decompressed image of the compressed module read from fd. */
static void hash_image(struct item *e, enum seal_alg alg, int fd)
{
	struct seal_module_image img = { 0 };
	void *plain = NULL;
	size_t plainlen = 0;
	enum seal_comp comp;

	e->err = seal_module_read_fd(fd, &img, e->why, sizeof(e->why));
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

/*
 * e's file opened, with its state before the read for the cache: the fd, or
 * -1 with e->err and e->why set (nothing held).
 */
static int item_open(struct item *e)
{
	int fd = open(e->file, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0) {
		e->err = -errno;
		snprintf(e->why, sizeof(e->why), "%s%s", e->decompressed ? "cannot open: " : "",
			 strerror(errno));
		return -1;
	}
	if (fstat(fd, &e->before) < 0)
		e->err = -errno;
	else if (!e->decompressed && S_ISDIR(e->before.st_mode))
		e->err = -EISDIR;
	if (e->err < 0) {
		snprintf(e->why, sizeof(e->why), "%s", strerror(-e->err));
		close(fd);
		return -1;
	}
	return fd;
}

/* The file's state after the read (only for a digest the cache may keep), and fd closed. */
static void item_close(struct item *e, int fd)
{
	e->have_state = e->err == 0 && fstat(fd, &e->after) == 0;
	close(fd);
}

/* One item read and hashed, with the file's state before and after the read for the cache. */
static void item_hash(struct item *e, enum seal_alg alg)
{
	int fd = item_open(e);

	if (fd < 0)
		return;
	if (e->decompressed)
		hash_image(e, alg, fd);
	else
		hash_file(e, alg, fd);
	item_close(e, fd);
}

/* The next item to hash, or SIZE_MAX when none is left. */
static size_t pool_next(struct pool *p)
{
	size_t i;

	pthread_mutex_lock(&p->lock);
	i = p->next < p->total ? p->order[p->next++] : SIZE_MAX;
	pthread_mutex_unlock(&p->lock);
	return i;
}

static void pool_done(struct pool *p)
{
	pthread_mutex_lock(&p->lock);
	p->done++;
	if (p->progress && (p->done % 64 == 0 || p->done == p->total))
		fprintf(stderr, "\r%s: hashed %zu of %zu", program_invocation_short_name, p->done, p->total);
	pthread_mutex_unlock(&p->lock);
}

/* One file streaming through a lane: its SHA-256 as it is read, its MD5 in md5x8. */
struct lane {
	struct item *e;                 /* NULL: the lane is free */
	int fd;
	EVP_MD_CTX *sha;                /* the list's SHA-256; NULL for an MD5 list */
	unsigned char *buf;             /* LANE_CHUNK + a block */
	size_t off, have;               /* bytes read, not yet through MD5, at buf + off */
	uint64_t total;
	bool eof;
};

struct lanes {
	struct md5x8 m;
	struct lane l[MD5X8_LANES];
};

/* An item the lanes take: a file (not an image) whose MD5 is wanted, by dpkg's record or the list. */
static bool lane_wants(const struct item *e, enum seal_alg alg)
{
	return !e->decompressed && (e->pkg || alg == SEAL_ALG_MD5);
}

static void lane_fail(struct item *e, int err)
{
	e->err = err;
	snprintf(e->why, sizeof(e->why), "%s", strerror(-err));
}

/* The item's digests from its lane, the file's state after the read, the lane free again. */
static void lane_end(struct lanes *ls, unsigned int n)
{
	struct lane *l = &ls->l[n];
	struct item *e = l->e;
	unsigned int len = 0;

	if (e->err == 0) {
		md5x8_final(&ls->m, n, l->buf + l->off, l->have, l->total, e->md5);
		if (!l->sha)
			memcpy(e->digest, e->md5, SEAL_MD5_LEN);
		else if (EVP_DigestFinal_ex(l->sha, e->digest, &len) != 1 || len != SEAL_SHA256_LEN)
			lane_fail(e, -EIO);
	}
	if (e->err == 0 && e->pkg)
		e->pkg_differs = memcmp(e->md5, e->pkg->md5, SEAL_MD5_LEN) != 0;
	item_close(e, l->fd);
	l->e = NULL;
}

/* Open e's file into free lane n: false when it failed there (e->err set, nothing held). */
static bool lane_start(struct lanes *ls, unsigned int n, struct item *e)
{
	struct lane *l = &ls->l[n];

	l->fd = item_open(e);
	if (l->fd < 0)
		return false;
	if (l->sha && EVP_DigestInit_ex(l->sha, EVP_sha256(), NULL) != 1) {
		lane_fail(e, -EIO);
		close(l->fd);
		return false;
	}
	md5x8_init(&ls->m, n);
	l->e = e;
	l->off = l->have = 0;
	l->total = 0;
	l->eof = false;
	return true;
}

/* Read on until the lane holds a whole block or the file ends: false on a read error (e->err set). */
static bool lane_read(struct lane *l)
{
	memmove(l->buf, l->buf + l->off, l->have);
	l->off = 0;
	while (l->have < MD5X8_BLOCK && !l->eof) {
		ssize_t n = read_retry(l->fd, l->buf + l->have, LANE_CHUNK);

		if (n < 0) {
			lane_fail(l->e, (int)n);
			return false;
		}
		if (n == 0) {
			l->eof = true;
			break;
		}
		if (l->sha && EVP_DigestUpdate(l->sha, l->buf + l->have, (size_t)n) != 1) {
			lane_fail(l->e, -EIO);
			return false;
		}
		l->have += (size_t)n;
		l->total += (uint64_t)n;
	}
	return true;
}

/*
 * Fill the free lanes with the next items the lanes take (hashing the others
 * here, one by one); false when no lane is busy and no item is left.
 */
static bool lanes_fill(struct pool *p, struct lanes *ls, bool *more)
{
	bool busy = false;

	for (unsigned int n = 0; n < MD5X8_LANES; n++) {
		while (!ls->l[n].e && *more) {
			size_t i = pool_next(p);
			struct item *e;

			if (i == SIZE_MAX) {
				*more = false;
				break;
			}
			e = &p->it->v[i];
			if (!lane_wants(e, p->alg)) {
				item_hash(e, p->alg);
				pool_done(p);
			} else if (!lane_start(ls, n, e)) {
				pool_done(p);
			}
		}
		busy |= ls->l[n].e != NULL;
	}
	return busy;
}

static void lanes_run(struct pool *p, struct lanes *ls)
{
	bool more = true;

	while (lanes_fill(p, ls, &more)) {
		const unsigned char *data[MD5X8_LANES];
		size_t blocks = SIZE_MAX;
		unsigned int busy = 0, first = 0;
		bool ended = false;

		for (unsigned int n = 0; n < MD5X8_LANES; n++) {
			struct lane *l = &ls->l[n];

			if (!l->e)
				continue;
			if (l->have < MD5X8_BLOCK && (!lane_read(l) || l->have < MD5X8_BLOCK)) {
				/* its end (or a read error): the lane is free for the next file */
				lane_end(ls, n);
				pool_done(p);
				ended = true;
				continue;
			}
			if (l->have / MD5X8_BLOCK < blocks)
				blocks = l->have / MD5X8_BLOCK;
			if (!busy++)
				first = n;
		}
		if (ended && more)
			continue;
		if (!busy)
			continue;
		if (busy <= 2 && !more) {
			/* the last files: eight lanes' work for one or two is slower than plain MD5 */
			for (unsigned int n = 0; n < MD5X8_LANES; n++) {
				struct lane *l = &ls->l[n];

				if (!l->e)
					continue;
				md5x8_blocks1(&ls->m, n, l->buf + l->off, l->have / MD5X8_BLOCK);
				l->off += l->have / MD5X8_BLOCK * MD5X8_BLOCK;
				l->have %= MD5X8_BLOCK;
			}
			continue;
		}
		for (unsigned int n = 0; n < MD5X8_LANES; n++)
			data[n] = ls->l[n].e ? ls->l[n].buf + ls->l[n].off : ls->l[first].buf + ls->l[first].off;
		md5x8_blocks(&ls->m, data, blocks);
		for (unsigned int n = 0; n < MD5X8_LANES; n++) {
			if (ls->l[n].e) {
				ls->l[n].off += blocks * MD5X8_BLOCK;
				ls->l[n].have -= blocks * MD5X8_BLOCK;
			}
		}
	}
}

/* One item at a time, each hashed by item_hash(). */
static void items_run(struct pool *p)
{
	for (size_t i; (i = pool_next(p)) != SIZE_MAX;) {
		item_hash(&p->it->v[i], p->alg);
		pool_done(p);
	}
}

static void *pool_worker(void *arg)
{
	struct pool *p = arg;
	struct lanes ls = { 0 };
	unsigned char *bufs = NULL;
	bool ready = p->lanes;

	if (ready)
		ready = (bufs = malloc(MD5X8_LANES * (LANE_CHUNK + MD5X8_BLOCK))) != NULL;
	for (unsigned int n = 0; ready && n < MD5X8_LANES; n++) {
		ls.l[n].buf = bufs + n * (LANE_CHUNK + MD5X8_BLOCK);
		if (p->alg != SEAL_ALG_MD5 && !(ls.l[n].sha = EVP_MD_CTX_new()))
			ready = false;
	}
	/* without the lanes' memory, hash as without AVX2 */
	if (ready)
		lanes_run(p, &ls);
	else
		items_run(p);
	for (unsigned int n = 0; n < MD5X8_LANES; n++)
		EVP_MD_CTX_free(ls.l[n].sha);
	free(bufs);
	return NULL;
}

static int by_size(const void *a, const void *b, void *ctx)
{
	const struct items *it = ctx;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	off_t si = it->v[i].size, sj = it->v[j].size;

	if (si != sj)
		return si > sj ? -1 : 1;
	return i < j ? -1 : i > j;
}

/*
 * The todo items to hash (those that name a file the cache did not give),
 * largest first by the sizes the cache lookup saw (list order without a
 * cache), so that the run does not end with one core on a large file and the
 * others idle. NULL: out of memory.
 */
static size_t *hash_order(struct items *it, size_t todo)
{
	size_t *order = malloc((todo ? todo : 1) * sizeof(*order)), k = 0;

	if (!order)
		return NULL;
	for (size_t i = 0; i < it->n; i++)
		if (it->v[i].file && !it->v[i].cached)
			order[k++] = i;
	qsort_r(order, k, sizeof(*order), by_size, it);
	return order;
}

/*
 * Hash every item that names a file and cache (NULL: none) does not hold, with
 * one thread per online CPU; then write the cache back and free it.
 */
int hash_all(struct items *it, const struct opts *o, struct seal_cache *cache)
{
	struct pool p = { .it = it, .alg = o->alg, .progress = isatty(STDERR_FILENO) == 1 };
	const char *no_avx2 = getenv("SEAL_NO_AVX2");
	size_t todo = 0, hits = cache_lookup(cache, it, o->alg);
	pthread_t th[16];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nth, started = 0;
	int err = 0;

	for (size_t i = 0; i < it->n; i++)
		todo += it->v[i].file != NULL && !it->v[i].cached;
	p.total = todo;
	if (cache)
		INFO("%zu digests from the cache, %zu to compute\n", hits, todo);
	/* SEAL_NO_AVX2: OpenSSL alone, as on a CPU without AVX2 (seal-mksums(8), ENVIRONMENT) */
	p.lanes = md5x8_usable() && !(no_avx2 && *no_avx2);
	INFO("MD5 %s\n", p.lanes ? "in AVX2 lanes, eight files at a time" : "by OpenSSL, a file at a time");
	p.order = hash_order(it, todo);
	if (!p.order) {
		ERR("out of memory\n");
		seal_cache_free(cache);
		return -ENOMEM;
	}
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
	free(p.order);
	if (p.progress && p.done)
		fputc('\n', stderr);
	cache_close(cache, it, o->alg);
	for (size_t i = 0; i < it->n; i++) {
		struct item *e = &it->v[i];

		if (!e->file || e->err == 0 || e->rejected)
			continue;
		/*
		 * A file the command line named (--append) is the point of the run:
		 * an error. One met in a tree is left off the list (it can't load
		 * under the seal: fail closed) and the rest is written, exit 3, so
		 * that one corrupt file does not keep a kernel upgrade's hook from
		 * writing the new kernel's list. Out of memory is no file's fault.
		 */
		if (o->append || e->err == -ENOMEM) {
			ERR("%s: %s\n", e->file, e->why);
			if (err == 0)
				err = e->err;
			continue;
		}
		ERR("%s: %s%s; not listed\n", e->file, e->decompressed ? "its image: " : "", e->why);
		items_reject(it, i);
	}
	return err;
}
