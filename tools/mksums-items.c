// SPDX-License-Identifier: GPL-2.0-or-later
/* The items of seal-mksums' list: one per line, kept, sorted and deduplicated; the paths they are written with. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mksums.h"
#include "shared/array.h"

int items_add(struct items *it, const char *path, const char *file, bool decompressed)
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

void items_free(struct items *it)
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
void items_sort_unique(struct items *it)
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

void items_reject(struct items *it, size_t i)
{
	it->v[i].rejected = true;
	for (size_t j = 0; j < it->n; j++)
		if (j != i && strcmp(it->v[j].path, it->v[i].path) == 0)
			it->v[j].rejected = true;
}

size_t items_drop_rejected(struct items *it)
{
	size_t w = 0, files = 0;

	for (size_t r = 0; r < it->n; r++) {
		if (!it->v[r].rejected) {
			it->v[w++] = it->v[r];
			continue;
		}
		/* a compressed file's own line and its #image line are one file */
		files += !it->v[r].decompressed;
		free(it->v[r].path);
		free(it->v[r].file);
	}
	it->n = w;
	return files;
}

bool path_in_modules_root(const char *path)
{
	return strncmp(path, MODULES_ROOT "/", strlen(MODULES_ROOT) + 1) == 0 ||
	       strncmp(path, "/usr" MODULES_ROOT "/", strlen(MODULES_ROOT) + 5) == 0;
}

/*
 * The path written for a file: absolute, without "." components or repeated
 * slashes, but with symlinks and ".." left as they are, so that the list names
 * the path the user gave (as sha256sum would), made independent of the cwd.
 */
char *path_absolute(const char *p)
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
