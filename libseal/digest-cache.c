// SPDX-License-Identifier: LGPL-2.1-or-later
/* The digest cache of seal-mksums and seal-verify: a file's digests remembered under the state of its inode. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "seal/escape.h"
#include "seal/seal.h"
#include "internal.h"
#include "shared/array.h"

/*
 * Why a changed file cannot reuse a stale digest. An entry is found by
 * (st_dev, st_ino) and used only when st_size, st_mtim and st_ctim are equal
 * too, to the nanosecond:
 *  - a write, a truncation, a chmod or a rename of the file itself sets its
 *    ctime to the kernel's clock, and no system call sets ctime to a chosen
 *    value (utimensat(2) sets mtime and atime, and moves ctime to now), so
 *    "same size, mtime put back" still misses;
 *  - a file replaced by rename is another inode; should its number be reused,
 *    its ctime is that of its creation, not the old file's;
 *  - a file changed within one tick of the timestamp clock right after it was
 *    read would keep its times ("racy", as git calls it): entries whose mtime
 *    or ctime is less than a second older than the run are used by that run
 *    only, never written back; a file whose state moved while it was read is
 *    not remembered at all.
 * Only setting the clock back (CAP_SYS_TIME) or editing the block device can
 * make a changed inode match, and then the digest found is that of the bytes
 * the file held when it was read before: seal.ko checks the bytes of every
 * load, so a stale digest can make a module refused, never an unread one
 * allowed. Whoever can write the cache file can have any digest believed:
 * the file must be a regular file owned by the caller and writable by no
 * one else, in a directory no one else can write; it is ignored whole
 * otherwise, and whole when any line is malformed or its checksum (the last
 * line, the SHA-256 of all before it) does not match: a hint, never evidence.
 */

#define CACHE_MAGIC "seal-digest-cache 1"
#define CACHE_MAX_BYTES ((size_t)256 << 20)

/* What an entry may hold of one file's bytes. */
enum { SLOT_SHA256, SLOT_MD5, SLOT_IMAGE_SHA256, SLOT_IMAGE_MD5, SLOTS };
static const char *const slot_name[SLOTS] = { "sha256", "md5", "image-sha256", "image-md5" };

struct cache_ent {
	uint64_t dev, ino, size;
	int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
	unsigned int have;              /* 1 << slot for each digest held */
	unsigned char d[SLOTS][SEAL_DIGEST_MAX];
	char *path;                     /* where it was read: checked again before an unused entry is kept */
	bool used;                      /* met in this run */
	bool racy;                      /* changed too recently to be written back */
};

struct seal_cache {
	int rootfd;                     /* SEAL_ROOT_HOST, or a root of our own (dup'd) */
	char *path;                     /* inside the root, as are the entries' paths */
	struct cache_ent *old;          /* from the file, sorted by (dev, ino) */
	size_t nold, capold;
	struct cache_ent *add;          /* new in this run, in order */
	size_t nadd, capadd;
	struct timespec start;
	bool dirty;                     /* the file on disk is not what save would write */
};

static int slot_of(enum seal_alg alg, bool image)
{
	switch (alg) {
	case SEAL_ALG_SHA256:
		return image ? SLOT_IMAGE_SHA256 : SLOT_SHA256;
	case SEAL_ALG_MD5:
		return image ? SLOT_IMAGE_MD5 : SLOT_MD5;
	default:
		return -1;
	}
}

static unsigned long slot_len(int slot)
{
	return seal_digest_len(slot == SLOT_MD5 || slot == SLOT_IMAGE_MD5 ? SEAL_ALG_MD5 : SEAL_ALG_SHA256);
}

static int ent_cmp(const void *a, const void *b)
{
	const struct cache_ent *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return 0;
}

static void key_of(struct cache_ent *e, const struct stat *st)
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

static bool same_state(const struct cache_ent *a, const struct cache_ent *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
	       a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

static void ents_free(struct cache_ent *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

/* ---- reading ------------------------------------------------------------ */

/* The file itself and its directory (open on dfd): ours and writable by no one else, or -EPERM with why. */
static int check_owner(const char *path, int dfd, int fd, char *why, size_t whylen)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	struct stat st, dst;
	uid_t me = geteuid();
	int err = 0;

	if (!dir)
		return -ENOMEM;
	if (fstat(fd, &st) < 0) {
		err = -errno;
		why_printf(why, whylen, "%s: %s: ignored", path, strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		err = -EPERM;
		why_printf(why, whylen, "%s: not a regular file: ignored", path);
	} else if (st.st_uid != me || (st.st_mode & 022)) {
		err = -EPERM;
		why_printf(why, whylen, "%s: not owned by uid %u or writable by others: ignored",
			   path, (unsigned int)me);
	} else if (fstat(dfd, &dst) < 0 || (dst.st_uid != me && dst.st_uid != 0) || (dst.st_mode & 022)) {
		err = -EPERM;
		why_printf(why, whylen, "%s: its directory %s is not owned by uid %u or root, or writable by others: ignored",
			   path, dir, (unsigned int)me);
	}
	free(dir);
	return err;
}

/*
 * The decimal number at *p, ended by the byte end, into *v, and *p past end;
 * false (nothing moved) if that is not what is there or it does not fit. The
 * cache is written by save() alone: no sign, no spaces, no leading '+'.
 */
static bool scan_u64(char **p, char end, uint64_t *v)
{
	char *s = *p;
	uint64_t x = 0;

	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		unsigned int d = (unsigned int)(*s - '0');

		if (x > (UINT64_MAX - d) / 10)
			return false;
		x = x * 10 + d;
	}
	if (*s != end)
		return false;
	*v = x;
	*p = s + 1;
	return true;
}

/* Seconds, which may be before 1970: an optional '-', then as scan_u64(). */
static bool scan_s64(char **p, char end, int64_t *v)
{
	char *s = *p;
	bool neg = *s == '-';
	uint64_t x;

	s += neg;
	if (!scan_u64(&s, end, &x) || x > (uint64_t)INT64_MAX)
		return false;
	*v = neg ? -(int64_t)x : (int64_t)x;
	*p = s;
	return true;
}

/* Nanoseconds: at most nine digits (save() writes nine). */
static bool scan_ns(char **p, char end, int64_t *v)
{
	uint64_t x;
	char *s = *p;

	if (strspn(s, "0123456789") > 9 || !scan_u64(&s, end, &x))
		return false;
	*v = (int64_t)x;
	*p = s;
	return true;
}

/* One entry line (NUL-terminated, without its newline) into *e. 0 or -EINVAL. */
static int parse_entry(char *line, struct cache_ent *e)
{
	char *save = NULL, *tok, *path, *p = line;

	memset(e, 0, sizeof(*e));
	/* "DEV INO SIZE MTIME.NS CTIME.NS PATH SLOT=HEX...", as save() writes it */
	if (!scan_u64(&p, ' ', &e->dev) || !scan_u64(&p, ' ', &e->ino) || !scan_u64(&p, ' ', &e->size) ||
	    !scan_s64(&p, '.', &e->mtime_s) || !scan_ns(&p, ' ', &e->mtime_ns) ||
	    !scan_s64(&p, '.', &e->ctime_s) || !scan_ns(&p, ' ', &e->ctime_ns))
		return -EINVAL;
	path = strtok_r(p, " ", &save);
	if (!path || seal_unescape(path) != (long)strlen(path) || path[0] != '/')
		return -EINVAL;
	while ((tok = strtok_r(NULL, " ", &save)) != NULL) {
		char *eq = strchr(tok, '=');
		int s;

		if (!eq)
			return -EINVAL;
		*eq = '\0';
		for (s = 0; s < SLOTS && strcmp(tok, slot_name[s]) != 0; s++)
			;
		if (s == SLOTS || (e->have & (1u << s)) ||
		    seal_hex_decode(eq + 1, strlen(eq + 1), e->d[s], slot_len(s)) < 0)
			return -EINVAL;
		e->have |= 1u << s;
	}
	if (!e->have)
		return -EINVAL;
	e->path = strdup(path);
	return e->path ? 0 : -ENOMEM;
}

/*
 * The last line: "end HEX", the SHA-256 of every byte before it. Returns the
 * offset where that line starts, or -EINVAL.
 */
static long check_sum(const char *buf, size_t len)
{
	unsigned char want[SEAL_SHA256_LEN], got[SEAL_SHA256_LEN];
	size_t last;

	if (len < 2 || buf[len - 1] != '\n')
		return -EINVAL;
	for (last = len - 1; last > 0 && buf[last - 1] != '\n'; last--)
		;
	if (len - last != 4 + 2 * SEAL_SHA256_LEN + 1 || strncmp(buf + last, "end ", 4) != 0 ||
	    seal_hex_decode(buf + last + 4, 2 * SEAL_SHA256_LEN, want, sizeof(want)) < 0 ||
	    seal_hash_buf(SEAL_ALG_SHA256, buf, last, got) < 0 || memcmp(want, got, sizeof(got)) != 0)
		return -EINVAL;
	return (long)last;
}

static void old_drop(struct seal_cache *c)
{
	ents_free(c->old, c->nold);
	c->old = NULL;
	c->nold = c->capold = 0;
}

static int cache_read(struct seal_cache *c, char *why, size_t whylen)
{
	unsigned long lineno = 0;
	size_t len = 0, off = 0, body;
	char *buf = NULL;
	const char *name;
	long sum_at;
	int dfd, fd, err;

	/* the directory as found inside the root, the file in it not followed if a symlink */
	dfd = root_open_parent(c->rootfd, c->path, &name);
	fd = dfd < 0 ? dfd : openat(dfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK);
	if (dfd >= 0 && fd < 0)
		fd = -errno;
	if (fd < 0) {
		err = fd;
		if (err == -ELOOP)
			why_printf(why, whylen, "%s: a symlink: ignored", c->path);
		else
			why_printf(why, whylen, "%s: %s", c->path, strerror(-err));
		if (dfd >= 0)
			close(dfd);
		return err;
	}
	err = check_owner(c->path, dfd, fd, why, whylen);
	if (err == 0) {
		err = read_fd_whole(fd, CACHE_MAX_BYTES, (void **)&buf, &len);
		if (err < 0 && err != -ENOMEM)
			why_printf(why, whylen, "%s: %s: ignored", c->path, strerror(-err));
	}
	close(fd);
	close(dfd);
	if (err < 0)
		goto out;
	/* The checksum first: a cache cut short or edited by hand is ignored before any line is believed. */
	sum_at = check_sum(buf, len);
	if (sum_at < 0) {
		why_printf(why, whylen, "%s: its last line is not the checksum of the rest (cut short, or edited): ignored",
			   c->path);
		err = -EINVAL;
		goto out;
	}
	body = (size_t)sum_at;
	while (off < body) {
		char *nl = memchr(buf + off, '\n', body - off);
		char *line = buf + off;
		struct cache_ent e, *p;

		lineno++;
		*nl = '\0';
		off = (size_t)(nl - buf) + 1;
		err = -EINVAL;
		if (strlen(line) != (size_t)(nl - line))
			break;                  /* a NUL inside the line */
		if (lineno == 1) {
			if (strcmp(line, CACHE_MAGIC) != 0)
				break;
			err = 0;
			continue;
		}
		err = parse_entry(line, &e);
		if (err < 0)
			break;
		p = c->old;
		if (c->nold == c->capold)
			p = array_grow(c->old, &c->capold, sizeof(*p), 1024);
		if (!p) {
			free(e.path);
			err = -ENOMEM;
			break;
		}
		c->old = p;
		c->old[c->nold++] = e;
	}
	if (err == 0 && lineno == 0)
		err = -EINVAL;
	if (err == -EINVAL)
		why_printf(why, whylen, lineno <= 1 ? "%s:%lu: not a " CACHE_MAGIC " file: ignored" :
			   "%s:%lu: malformed entry: cache ignored", c->path, lineno ? lineno : 1);
	if (err < 0)
		goto out;
	if (c->nold)
		qsort(c->old, c->nold, sizeof(*c->old), ent_cmp);
	/* Two lines for one inode: not a file this code wrote. */
	for (size_t i = 1; i < c->nold && err == 0; i++) {
		if (ent_cmp(&c->old[i - 1], &c->old[i]) == 0) {
			why_printf(why, whylen, "%s: two entries for one inode: ignored", c->path);
			err = -EINVAL;
		}
	}
out:
	free(buf);
	if (err < 0)
		old_drop(c);
	return err;
}

int seal_cache_open(const char *path, bool use_old, struct seal_cache **out, char *why, size_t whylen)
{
	return seal_cache_open_at(SEAL_ROOT_HOST, path, use_old, out, why, whylen);
}

int seal_cache_open_at(int rootfd, const char *path, bool use_old, struct seal_cache **out, char *why,
		       size_t whylen)
{
	struct seal_cache *c = calloc(1, sizeof(*c));
	int err;

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
	/* SEAL_ROOT_HOST, or a bad one kept as it is: every open through it fails, none reaches the host */
	c->rootfd = rootfd >= 0 ? fcntl(rootfd, F_DUPFD_CLOEXEC, 3) : rootfd;
	if (rootfd >= 0 && c->rootfd < 0) {
		err = -errno;
		free(c->path);
		free(c);
		return err;
	}
	clock_gettime(CLOCK_REALTIME, &c->start);
	c->dirty = true;
	if (use_old) {
		err = cache_read(c, why, whylen);
		if (err == -ENOMEM) {
			seal_cache_free(c);
			return err;
		}
		if (err == -ENOENT && why && whylen)
			why[0] = '\0';          /* a first run: nothing to say */
		c->dirty = err < 0;
	}
	*out = c;
	return 0;
}

/* ---- use ---------------------------------------------------------------- */

static struct cache_ent *find_old(struct seal_cache *c, const struct cache_ent *key)
{
	return c->nold ? bsearch(key, c->old, c->nold, sizeof(*c->old), ent_cmp) : NULL;
}

bool seal_cache_get(struct seal_cache *c, const struct stat *st, enum seal_alg alg, bool image,
		    unsigned char *digest)
{
	int slot = slot_of(alg, image);
	struct cache_ent key, *e;

	if (!c || slot < 0 || !S_ISREG(st->st_mode))
		return false;
	key_of(&key, st);
	e = find_old(c, &key);
	if (e && same_state(e, &key) && (e->have & (1u << slot))) {
		e->used = true;
		memcpy(digest, e->d[slot], slot_len(slot));
		return true;
	}
	for (size_t i = c->nadd; i-- > 0;) {
		e = &c->add[i];
		if (same_state(e, &key) && (e->have & (1u << slot))) {
			memcpy(digest, e->d[slot], slot_len(slot));
			return true;
		}
	}
	return false;
}

void seal_cache_put(struct seal_cache *c, const char *path, const struct stat *before,
		    const struct stat *after, enum seal_alg alg, bool image, const unsigned char *digest)
{
	int slot = slot_of(alg, image);
	struct cache_ent key, now, *e;

	if (!c || slot < 0 || !path || path[0] != '/' || !S_ISREG(before->st_mode))
		return;
	key_of(&key, before);
	key_of(&now, after);
	/* Written to while it was read: the digest is of no one state of the file. */
	if (!same_state(&key, &now))
		return;
	e = find_old(c, &key);
	if (e && same_state(e, &key)) {
		e->used = true;
	} else {
		e = NULL;
		for (size_t i = c->nadd; i-- > 0 && !e;)
			if (same_state(&c->add[i], &key))
				e = &c->add[i];
	}
	if (!e) {
		if (c->nadd == c->capadd) {
			struct cache_ent *p = array_grow(c->add, &c->capadd, sizeof(*p), 1024);

			if (!p)
				return;         /* not remembered: the next run reads the file again */
			c->add = p;
		}
		key.path = strdup(path);
		if (!key.path)
			return;
		key.used = true;
		/* Changed in the second before this run: used now, not written back (see the top). */
		key.racy = key.mtime_s >= c->start.tv_sec - 1 || key.ctime_s >= c->start.tv_sec - 1;
		e = &c->add[c->nadd++];
		*e = key;
	}
	if (!e->racy && (!(e->have & (1u << slot)) || memcmp(e->d[slot], digest, slot_len(slot)) != 0))
		c->dirty = true;
	e->have |= 1u << slot;
	memcpy(e->d[slot], digest, slot_len(slot));
}

/* ---- writing ------------------------------------------------------------ */

static int put_ent(FILE *f, const struct cache_ent *e)
{
	char hex[2 * SEAL_DIGEST_MAX + 1];
	size_t n = SEAL_ESCAPE_SIZE(strlen(e->path));
	char *esc = malloc(n);

	if (!esc)
		return -ENOMEM;
	seal_escape(esc, n, e->path);
	fprintf(f, "%" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRId64 ".%09" PRId64 " %" PRId64 ".%09" PRId64 " %s",
		e->dev, e->ino, e->size, e->mtime_s, e->mtime_ns, e->ctime_s, e->ctime_ns, esc);
	for (int s = 0; s < SLOTS; s++) {
		if (!(e->have & (1u << s)))
			continue;
		seal_hex_encode(e->d[s], slot_len(s), hex);
		fprintf(f, " %s=%s", slot_name[s], hex);
	}
	fputc('\n', f);
	free(esc);
	return ferror(f) ? -EIO : 0;
}

/* An old entry this run did not meet is kept while its file is still in the state it was read in. */
static bool still_there(const struct seal_cache *c, const struct cache_ent *e)
{
	struct cache_ent now;
	struct stat st;

	if (seal_root_stat(c->rootfd, e->path, &st, 0) < 0 || !S_ISREG(st.st_mode))
		return false;
	key_of(&now, &st);
	return same_state(e, &now);
}

/* The entries to write, by (dev, ino); of two for one inode the newer (later in the array). */
struct ent_ref {
	const struct cache_ent *e;
	size_t order;
};

static int ref_cmp(const void *a, const void *b)
{
	const struct ent_ref *x = a, *y = b;
	int c = ent_cmp(x->e, y->e);

	return c ? c : x->order < y->order ? -1 : x->order > y->order;
}

struct save_ctx {
	struct ent_ref *v;
	size_t n;
};

static int fill_cache(FILE *f, void *ctx)
{
	const struct save_ctx *sc = ctx;
	unsigned char sum[SEAL_SHA256_LEN];
	char hex[2 * SEAL_SHA256_LEN + 1];
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	int err;

	if (!m)
		return -errno;
	fprintf(m, "%s\n", CACHE_MAGIC);
	err = 0;
	for (size_t i = 0; i < sc->n && err == 0; i++)
		if (i + 1 == sc->n || ent_cmp(sc->v[i].e, sc->v[i + 1].e) != 0)
			err = put_ent(m, sc->v[i].e);
	if (err == 0 && ferror(m))
		err = -EIO;
	if (fclose(m) != 0 && err == 0)
		err = -EIO;
	if (err == 0)
		err = seal_hash_buf(SEAL_ALG_SHA256, buf, len, sum);
	if (err == 0) {
		seal_hex_encode(sum, sizeof(sum), hex);
		if (fwrite(buf, 1, len, f) != len || fprintf(f, "end %s\n", hex) < 0)
			err = -EIO;
	}
	free(buf);
	return err;
}

int seal_cache_save(struct seal_cache *c)
{
	struct save_ctx sc = { 0 };
	int err;

	if (!c)
		return 0;
	sc.v = calloc(c->nold + c->nadd + 1, sizeof(*sc.v));
	if (!sc.v)
		return -ENOMEM;
	/* Old entries not met: kept if their file is as it was, else dropped (a removed kernel's). */
	for (size_t i = 0; i < c->nold; i++) {
		if (c->old[i].used || still_there(c, &c->old[i])) {
			sc.v[sc.n].e = &c->old[i];
			sc.v[sc.n].order = sc.n;
			sc.n++;
		} else {
			c->dirty = true;
		}
	}
	for (size_t i = 0; i < c->nadd; i++) {
		if (!c->add[i].racy) {
			sc.v[sc.n].e = &c->add[i];
			sc.v[sc.n].order = sc.n;
			sc.n++;
		}
	}
	err = 0;
	if (c->dirty) {
		qsort(sc.v, sc.n, sizeof(*sc.v), ref_cmp);
		err = seal_mkdir_parents_at(c->rootfd, c->path, 0700);
		/* 0600 in a 0700 directory: only its owner reads it back (see check_owner). */
		if (err == 0)
			err = seal_write_atomic_at(c->rootfd, c->path, 0600, fill_cache, &sc);
		if (err == 0)
			c->dirty = false;
	}
	/* else the file on disk is already right: no rewrite, no fsync */
	free(sc.v);
	return err;
}

void seal_cache_free(struct seal_cache *c)
{
	if (!c)
		return;
	ents_free(c->old, c->nold);
	ents_free(c->add, c->nadd);
	if (c->rootfd >= 0)
		close(c->rootfd);
	free(c->path);
	free(c);
}
