// SPDX-License-Identifier: LGPL-2.1-or-later
/* Whole sums lists for userland: load, parse with the freestanding core, look up by digest, write lines. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seal/seal.h"
#include "internal.h"
#include "shared/array.h"

/*
 * Lists read from disk are held whole in memory. 1 GiB is far beyond any
 * real module tree (10^6 SHA-256 entries are about 100 MiB) and stops a
 * read of /dev/zero or a runaway pipe.
 */
#define SUMS_FILE_MAX  (1UL << 30)
#define READ_CHUNK (64UL << 10)    /* first buffer of read_fd_whole() when st_size says nothing */

struct seal_sums {
	enum seal_alg alg;
	size_t n;
	struct seal_sums_entry *entries;  /* file order */
	size_t *by_digest;                /* indices into entries, sorted by (digest, file order) */
	char *paths;                      /* one arena holding every entry's path */
};

void report_stderr(void *ctx, const char *file, unsigned long line, const char *reason)
{
	(void)ctx;
	if (line)
		fprintf(stderr, "%s:%lu: %s\n", file, line, reason);
	else
		fprintf(stderr, "%s: %s\n", file, reason);
}

/*
 * Undo md5sum/sha256sum escaping: "\\\\" -> '\\', "\\n" -> LF, "\\r" -> CR
 * (coreutils 9.1 escapes all three). Writes at most len bytes plus a NUL.
 * Returns 0, or -EINVAL for any other escape or a trailing lone '\\'.
 */
static int path_unescape(const char *in, size_t len, char *out)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (in[i] != '\\') {
			out[o++] = in[i];
			continue;
		}
		if (++i == len)
			return -EINVAL;
		switch (in[i]) {
		case '\\':
			out[o++] = '\\';
			break;
		case 'n':
			out[o++] = '\n';
			break;
		case 'r':
			out[o++] = '\r';
			break;
		default:
			return -EINVAL;
		}
	}
	out[o] = '\0';
	return 0;
}

/* qsort_r comparator: ctx is the list whose entries the indices point into. */
static int cmp_by_digest(const void *a, const void *b, void *ctx)
{
	const struct seal_sums *s = ctx;
	size_t ia = *(const size_t *)a, ib = *(const size_t *)b;
	int c = memcmp(s->entries[ia].digest, s->entries[ib].digest, seal_digest_len(s->alg));

	if (c)
		return c;
	return ia < ib ? -1 : ia > ib;
}

void seal_sums_free(struct seal_sums *s)
{
	if (!s)
		return;
	free(s->entries);
	free(s->by_digest);
	free(s->paths);
	free(s);
}

int seal_sums_parse(const char *name, const char *buf, size_t len,
		    seal_sums_report_fn report, void *ctx, struct seal_sums **out)
{
	struct seal_sums_cursor c;
	struct seal_sums_line l;
	struct seal_sums *s = NULL;
	size_t cap = 0, used = 0, bad = 0;
	int r, err;

	*out = NULL;
	if (!report)
		report = report_stderr;
	if (!name)
		name = "(sums)";

	err = -ENOMEM;
	s = calloc(1, sizeof(*s));
	if (!s)
		goto out;
	/* Each path with its NUL fits in its line plus the line's terminator. */
	s->paths = malloc(len + 1);
	if (!s->paths)
		goto out;

	/* One pass: every bad line is reported, in order, and one is enough to refuse the list whole. */
	seal_sums_cursor_init(&c, buf, len);
	while ((r = seal_sums_next(&c, &l)) != 0) {
		struct seal_sums_entry *e;

		if (r == -SEAL_SUMS_E_EMPTY) {
			/* A list of nothing but bad lines is bad, not empty. */
			if (bad)
				break;
			report(ctx, name, 0, seal_sums_strerror(r));
			err = -ENODATA;
			goto out;
		}
		if (r < 0) {
			report(ctx, name, c.lineno, seal_sums_strerror(r));
			bad++;
			continue;
		}
		if (s->n == cap) {
			void *p = array_grow(s->entries, &cap, sizeof(*s->entries), 64);

			if (!p)
				goto out;
			s->entries = p;
		}
		e = &s->entries[s->n];
		memset(e, 0, sizeof(*e));
		e->path = s->paths + used;
		if (l.escaped && path_unescape(l.path, l.path_len, e->path) < 0) {
			report(ctx, name, c.lineno,
			       "bad escape in path (only \\\\, \\n and \\r are allowed)");
			bad++;
			continue;
		}
		if (!l.escaped) {
			memcpy(e->path, l.path, l.path_len);
			e->path[l.path_len] = '\0';
		}
		memcpy(e->digest, l.digest, seal_digest_len(l.alg));
		e->line = c.lineno;
		e->image = l.kind == SEAL_SUMS_IMAGE;
		used += strlen(e->path) + 1;
		s->n++;
	}
	if (bad) {
		err = -EINVAL;
		goto out;
	}
	s->by_digest = malloc((s->n ? s->n : 1) * sizeof(*s->by_digest));
	if (!s->by_digest)
		goto out;
	for (size_t i = 0; i < s->n; i++)
		s->by_digest[i] = i;
	s->alg = c.alg;

	qsort_r(s->by_digest, s->n, sizeof(*s->by_digest), cmp_by_digest, s);

	*out = s;
	s = NULL;
	err = 0;
out:
	seal_sums_free(s);
	return err;
}

int read_fd_whole(int fd, size_t max, void **bufp, size_t *lenp)
{
	struct stat st;
	char *buf = NULL, *nbuf;
	size_t cap, len = 0;
	ssize_t n;
	int err;

	if (fstat(fd, &st) < 0)
		return -errno;
	cap = READ_CHUNK;
	if (S_ISREG(st.st_mode) && st.st_size > 0 && (uintmax_t)st.st_size < max)
		cap = (size_t)st.st_size + 1;      /* +1 so EOF is seen without growing */
	buf = malloc(cap);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		if (len == cap) {
			if (cap >= max) {
				err = -EFBIG;
				goto fail;
			}
			cap = cap > max / 2 ? max : cap * 2;
			nbuf = realloc(buf, cap);
			if (!nbuf) {
				err = -ENOMEM;
				goto fail;
			}
			buf = nbuf;
		}
		n = read_retry(fd, buf + len, cap - len);
		if (n < 0) {
			err = (int)n;
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
fail:
	free(buf);
	return err;
}

int read_path_whole(const char *path, size_t max, void **bufp, size_t *lenp)
{
	return read_path_whole_at(SEAL_ROOT_HOST, path, max, bufp, lenp);
}

int read_path_whole_at(int rootfd, const char *path, size_t max, void **bufp, size_t *lenp)
{
	struct stat st;
	int fd, err;

	/*
	 * Opened without blocking: a FIFO with no writer would hang open() for ever.
	 * Inside a root only a regular file is read (-EINVAL); on the host a pipe is
	 * read as before (seal-insmod --sums <(...)), blocking again once open.
	 */
	fd = seal_root_openat(rootfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0)
		err = -errno;
	else if (S_ISDIR(st.st_mode))
		err = -EISDIR;
	else if (!S_ISREG(st.st_mode) && rootfd != SEAL_ROOT_HOST)
		err = -EINVAL;
	else if (!S_ISREG(st.st_mode) && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0)
		err = -errno;
	else
		err = read_fd_whole(fd, max, bufp, lenp);
	close(fd);
	return err;
}

int seal_sums_load(const char *path, seal_sums_report_fn report, void *ctx,
		   struct seal_sums **out)
{
	return seal_sums_load_at(SEAL_ROOT_HOST, path, report, ctx, out);
}

int seal_sums_load_at(int rootfd, const char *path, seal_sums_report_fn report, void *ctx,
		      struct seal_sums **out)
{
	void *buf = NULL;
	size_t len = 0;
	int err;

	*out = NULL;
	err = read_path_whole_at(rootfd, path, SUMS_FILE_MAX, &buf, &len);
	if (err < 0)
		return err;
	err = seal_sums_parse(path, buf, len, report, ctx, out);
	free(buf);
	return err;
}

int seal_sums_load_default(const char *root, seal_sums_report_fn report, void *ctx, char **path,
			   struct seal_sums **out)
{
	char *inside = NULL;
	int rootfd = SEAL_ROOT_HOST, err;

	*out = NULL;
	*path = NULL;
	if (!root || !*root)
		return seal_sums_load_default_at(SEAL_ROOT_HOST, report, ctx, path, out);
	rootfd = seal_root_open(root);
	if (rootfd < 0)
		err = rootfd;
	else
		err = seal_sums_load_default_at(rootfd, report, ctx, &inside, out);
	if (err != -ENOMEM &&
	    asprintf(path, "%s%s", root, inside ? inside : SEAL_SUMS_DEFAULT_SHA256) < 0) {
		*path = NULL;
		seal_sums_free(*out);
		*out = NULL;
		err = -ENOMEM;
	}
	free(inside);
	if (rootfd >= 0)
		close(rootfd);
	return err;
}

int seal_sums_load_default_at(int rootfd, seal_sums_report_fn report, void *ctx, char **path,
			      struct seal_sums **out)
{
	static const char *const lists[] = { SEAL_SUMS_DEFAULT_SHA256, SEAL_SUMS_DEFAULT_MD5 };
	struct stat st;
	int err = -ENOENT;
	size_t i;

	*out = NULL;
	*path = NULL;
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		free(*path);
		*path = strdup(lists[i]);
		if (!*path)
			return -ENOMEM;
		err = seal_sums_load_at(rootfd, *path, report, ctx, out);
		/*
		 * open() says ENOENT for a symlink that resolves to nothing too: that
		 * list exists and cannot be read, and whoever can leave a dangling
		 * link must not get the weak list by it. Only a path lstat() does not
		 * find falls back (lstat after open: a link made in between is refused).
		 */
		if (err != -ENOENT)
			break;
		err = seal_root_stat(rootfd, *path, &st, AT_SYMLINK_NOFOLLOW);
		if (err == 0)
			return -ENOLINK;
		if (err != -ENOENT)
			return err;
	}
	return err;
}

enum seal_alg seal_sums_alg(const struct seal_sums *s)
{
	return s ? s->alg : SEAL_ALG_NONE;
}

size_t seal_sums_count(const struct seal_sums *s)
{
	return s ? s->n : 0;
}

const struct seal_sums_entry *seal_sums_entry_at(const struct seal_sums *s, size_t i)
{
	if (!s || i >= s->n)
		return NULL;
	return &s->entries[i];
}

const struct seal_sums_entry *seal_sums_lookup(const struct seal_sums *s,
					       const unsigned char *digest)
{
	size_t lo = 0, hi, dlen;

	if (!s || !digest)
		return NULL;
	dlen = seal_digest_len(s->alg);
	hi = s->n;
	/* Lower bound: the first of equal digests is the earliest in the file. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (memcmp(s->entries[s->by_digest[mid]].digest, digest, dlen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->n && memcmp(s->entries[s->by_digest[lo]].digest, digest, dlen) == 0)
		return &s->entries[s->by_digest[lo]];
	return NULL;
}

bool seal_path_needs_escape(const char *path)
{
	return strpbrk(path, "\\\n\r") != NULL;
}

int seal_sums_write_line(FILE *f, enum seal_alg alg, const unsigned char *digest, const char *path)
{
	return seal_sums_write_entry(f, alg, digest, path, false);
}

int seal_sums_write_entry(FILE *f, enum seal_alg alg, const unsigned char *digest, const char *path,
			  bool image)
{
	char hex[2 * SEAL_DIGEST_MAX + 1];
	bool esc = seal_path_needs_escape(path);
	const char *p;

	if (seal_digest_len(alg) == 0)
		return -EINVAL;
	seal_hex_encode(digest, seal_digest_len(alg), hex);
	errno = 0;
	if (fprintf(f, "%s%s%s  ", image ? SEAL_SUMS_IMAGE_TAG : "", esc ? "\\" : "", hex) < 0)
		return errno ? -errno : -EIO;
	for (p = path; *p; p++) {
		const char *rep = NULL;

		if (esc && *p == '\\')
			rep = "\\\\";
		else if (esc && *p == '\n')
			rep = "\\n";
		else if (esc && *p == '\r')
			rep = "\\r";
		if (rep ? fputs(rep, f) == EOF : putc(*p, f) == EOF)
			return errno ? -errno : -EIO;
	}
	if (putc('\n', f) == EOF)
		return errno ? -errno : -EIO;
	return 0;
}
