// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-mksums hashes the items on every core: a pool of threads that take the next item. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "mksums.h"

struct pool {
	struct items *it;
	enum seal_alg alg;
	size_t next, done, total;
	bool progress;
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

/* One item read and hashed, with the file's state before and after the read for the cache. */
static void item_hash(struct item *e, enum seal_alg alg)
{
	int fd = open(e->file, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0) {
		e->err = -errno;
		snprintf(e->why, sizeof(e->why), "%s%s", e->decompressed ? "cannot open: " : "",
			 strerror(errno));
		return;
	}
	if (fstat(fd, &e->before) < 0) {
		e->err = -errno;
		snprintf(e->why, sizeof(e->why), "%s", strerror(errno));
	} else if (!e->decompressed && S_ISDIR(e->before.st_mode)) {
		e->err = -EISDIR;
		snprintf(e->why, sizeof(e->why), "%s", strerror(EISDIR));
	} else if (e->decompressed) {
		hash_image(e, alg, fd);
	} else {
		hash_file(e, alg, fd);
	}
	e->have_state = e->err == 0 && fstat(fd, &e->after) == 0;
	close(fd);
}

static void *pool_worker(void *arg)
{
	struct pool *p = arg;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&p->lock);
		/* Skip entries kept from an old list (no file) and those the cache gave. */
		while (p->next < p->it->n && (!p->it->v[p->next].file || p->it->v[p->next].cached))
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

/*
 * Hash every item that names a file and cache (NULL: none) does not hold, with
 * one thread per online CPU; then write the cache back and free it.
 */
int hash_all(struct items *it, const struct opts *o, struct seal_cache *cache)
{
	struct pool p = { .it = it, .alg = o->alg, .progress = isatty(STDERR_FILENO) == 1 };
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
