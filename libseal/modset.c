// SPDX-License-Identifier: LGPL-2.1-or-later
/* The module policy (/etc/seal/modules): the names of the modules a machine may load, or "all". */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <seal/seal.h>

#include "internal.h"
#include "shared/array.h"

/* Longest line: far above a name and its comment; a longer one is not a policy line. */
#define MODSET_LINE_MAX 4096

struct seal_modset {
	struct seal_modset_entry *v;    /* in file order */
	size_t n, cap;
	unsigned long all_line;         /* line of "all", 0 if none */
	size_t *slot;                   /* open addressing over v by kmod's name, index + 1; 0 free */
	size_t nslot;                   /* a power of two, at least twice n */
};

/* kmod's rule: '-' and '_' are the same character in a module name. */
static char name_char(char c)
{
	return c == '-' ? '_' : c;
}

bool seal_module_name_equal(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (name_char(*a) != name_char(*b))
			return false;
	return *a == *b;
}

/* FNV-1a over the name as kmod compares it. */
static size_t name_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)name_char(*s)) * 16777619u;
	return h;
}

/* The slot of name: the one holding it, or the free one where it goes. */
static size_t *modset_slot(const struct seal_modset *m, const char *name)
{
	size_t i = name_hash(name) & (m->nslot - 1);

	while (m->slot[i] && !seal_module_name_equal(m->v[m->slot[i] - 1].name, name))
		i = (i + 1) & (m->nslot - 1);
	return &m->slot[i];
}

/* Room in the table for one more name, keeping it at most half full; rebuilt from v when it grows. */
static int modset_index_grow(struct seal_modset *m)
{
	size_t n = m->nslot ? m->nslot * 2 : 128, *slot;

	if (m->nslot && (m->n + 1) * 2 <= m->nslot)
		return 0;
	slot = calloc(n, sizeof(*slot));
	if (!slot)
		return -ENOMEM;
	free(m->slot);
	m->slot = slot;
	m->nslot = n;
	for (size_t i = 0; i < m->n; i++)
		*modset_slot(m, m->v[i].name) = i + 1;
	return 0;
}

/*
 * What a module's name may be: the kernel derives it from the file name
 * (KBUILD_MODNAME), and every name in Debian's trees is letters, digits, '_'
 * and '-', at most MODULE_NAME_LEN - 1 bytes.
 */
bool seal_module_name_valid(const char *name)
{
	size_t n = 0;

	for (; name[n]; n++) {
		char c = name[n];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-'))
			return false;
	}
	return n > 0 && n <= SEAL_MODULE_NAME_MAX;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The suffix of a module file's name (seal_is_module_name's), or NULL. */
static const char *module_suffix(const char *w, size_t n)
{
	static const char *const sfx[] = { ".ko", ".ko.xz", ".ko.zst", ".ko.gz" };

	for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		size_t k = strlen(sfx[i]);

		if (n > k && memcmp(w + n - k, sfx[i], k) == 0)
			return sfx[i];
	}
	return NULL;
}

/*
 * One word of a line: "all", or a module name. Returns 0 when it is one of
 * them, else writes why (the word is quoted as given; the tool escapes it).
 */
static int word_check(const char *w, size_t n, char *why, size_t whylen)
{
	char word[MODSET_LINE_MAX + 1];
	const char *sfx;

	memcpy(word, w, n);
	word[n] = '\0';
	if (memchr(w, '/', n)) {
		const char *base = strrchr(word, '/') + 1;
		size_t bl = strlen(base);

		sfx = module_suffix(base, bl);
		snprintf(why, whylen, "'%s' is a path, not a module name: write the module's name%s%.*s%s",
			 word, sfx ? " ('" : "", sfx ? (int)(bl - strlen(sfx)) : 0, base, sfx ? "')" : "");
		return -EINVAL;
	}
	sfx = module_suffix(word, n);
	if (sfx) {
		snprintf(why, whylen, "'%s' is a file name, not a module name: write '%.*s'", word,
			 (int)(n - strlen(sfx)), word);
		return -EINVAL;
	}
	if (n > SEAL_MODULE_NAME_MAX) {
		snprintf(why, whylen, "'%.60s...' is longer than a module name can be (%d bytes)", word,
			 SEAL_MODULE_NAME_MAX);
		return -EINVAL;
	}
	if (!seal_module_name_valid(word)) {
		snprintf(why, whylen, "'%s' is not a module name (letters, digits, '_' and '-' only)", word);
		return -EINVAL;
	}
	return 0;
}

static int modset_add(struct seal_modset *m, const char *w, size_t n, unsigned long line)
{
	struct seal_modset_entry *e;

	if (m->n == m->cap) {
		struct seal_modset_entry *v = array_grow(m->v, &m->cap, sizeof(*v), 64);

		if (!v)
			return -ENOMEM;
		m->v = v;
	}
	e = &m->v[m->n++];
	memcpy(e->name, w, n);
	e->name[n] = '\0';
	e->line = line;
	return 0;
}

int seal_modset_parse(const char *name, const char *buf, size_t len, seal_sums_report_fn report,
		      void *ctx, struct seal_modset **out)
{
	struct seal_modset *m;
	unsigned long lineno = 0;
	const char *nul;
	size_t *slot;
	size_t off = 0;
	char why[MODSET_LINE_MAX + 256];
	int bad = 0, err = 0;

	*out = NULL;
	if (!report)
		report = report_stderr;
	/* A NUL anywhere: a binary file, not a list of names. Said once, at its line. */
	nul = memchr(buf, '\0', len);
	if (nul) {
		for (const char *p = buf; p < nul; p++)
			lineno += *p == '\n';
		report(ctx, name, lineno + 1, "a NUL byte: not a text file");
		return -EINVAL;
	}
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	while (off < len) {
		const char *line = buf + off, *eol = memchr(line, '\n', len - off), *hash, *w, *end;
		size_t n = eol ? (size_t)(eol - line) : len - off;

		off += n + (eol ? 1 : 0);
		lineno++;
		if (n > MODSET_LINE_MAX) {
			snprintf(why, sizeof(why), "line longer than %d bytes", MODSET_LINE_MAX);
			report(ctx, name, lineno, why);
			bad = 1;
			continue;
		}
		if (n && line[n - 1] == '\r')
			n--;
		hash = memchr(line, '#', n);
		if (hash)
			n = (size_t)(hash - line);
		while (n && blank(line[n - 1]))
			n--;
		w = line;
		while (w < line + n && blank(*w))
			w++;
		if (w == line + n)
			continue;
		for (end = w; end < line + n && !blank(*end); end++)
			;
		if (end != line + n) {
			report(ctx, name, lineno,
				      "more than one word: one module name per line");
			bad = 1;
			continue;
		}
		if ((size_t)(end - w) == strlen(SEAL_MODULES_ALL) &&
		    memcmp(w, SEAL_MODULES_ALL, strlen(SEAL_MODULES_ALL)) == 0) {
			if (m->all_line) {
				snprintf(why, sizeof(why), "'all' again (first at line %lu)", m->all_line);
				report(ctx, name, lineno, why);
				bad = 1;
			} else {
				m->all_line = lineno;
			}
			continue;
		}
		if (word_check(w, (size_t)(end - w), why, sizeof(why)) < 0) {
			report(ctx, name, lineno, why);
			bad = 1;
			continue;
		}
		err = modset_index_grow(m);
		if (err == 0)
			err = modset_add(m, w, (size_t)(end - w), lineno);
		if (err < 0)
			goto fail;
		slot = modset_slot(m, m->v[m->n - 1].name);
		if (*slot) {
			const struct seal_modset_entry *first = &m->v[*slot - 1], *again = &m->v[m->n - 1];

			snprintf(why, sizeof(why), "'%s' already named at line %lu%s", again->name,
				 first->line, strcmp(first->name, again->name) ?
				 " ('-' and '_' are the same in a module name)" : "");
			report(ctx, name, lineno, why);
			bad = 1;
			m->n--;
		} else {
			*slot = m->n;
		}
	}
	/*
	 * "all" beside names would make the names mean nothing, and deleting the
	 * "all" line later would shrink the list to them without a word: refused.
	 */
	if (m->all_line && m->n) {
		snprintf(why, sizeof(why),
			 "'all' (every module) and module names (first '%s' at line %lu) exclude each other: keep one",
			 m->v[0].name, m->v[0].line);
		report(ctx, name, m->all_line, why);
		bad = 1;
	}
	if (bad) {
		err = -EINVAL;
		goto fail;
	}
	if (!m->all_line && m->n == 0) {
		err = -ENODATA;
		goto fail;
	}
	*out = m;
	return 0;
fail:
	seal_modset_free(m);
	return err;
}

int seal_modset_load(const char *path, seal_sums_report_fn report, void *ctx, struct seal_modset **out)
{
	return seal_modset_load_at(SEAL_ROOT_HOST, path, report, ctx, out);
}

int seal_modset_load_at(int rootfd, const char *path, seal_sums_report_fn report, void *ctx,
			struct seal_modset **out)
{
	void *buf = NULL;
	size_t len = 0;
	int r;

	*out = NULL;
	r = read_path_whole_at(rootfd, path, SEAL_MODULES_MAX_BYTES, &buf, &len);
	/*
	 * open() says ENOENT for a symlink that resolves to nothing too: that
	 * policy exists and cannot be read. Its callers take "no policy" to mean
	 * "every module", so a dangling link must not read as missing.
	 */
	if (r == -ENOENT) {
		struct stat st;

		return seal_root_stat(rootfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0 ? -ENOLINK : r;
	}
	if (r < 0)
		return r;
	r = seal_modset_parse(path, buf, len, report, ctx, out);
	free(buf);
	return r;
}

void seal_modset_free(struct seal_modset *m)
{
	if (!m)
		return;
	free(m->slot);
	free(m->v);
	free(m);
}

unsigned long seal_modset_all(const struct seal_modset *m)
{
	return m ? m->all_line : 0;
}

size_t seal_modset_count(const struct seal_modset *m)
{
	return m ? m->n : 0;
}

const struct seal_modset_entry *seal_modset_entry_at(const struct seal_modset *m, size_t i)
{
	return m && i < m->n ? &m->v[i] : NULL;
}

const struct seal_modset_entry *seal_modset_find(const struct seal_modset *m, const char *name)
{
	size_t *slot;

	if (!m || !m->nslot)
		return NULL;
	slot = modset_slot(m, name);
	return *slot ? &m->v[*slot - 1] : NULL;
}
