// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target for the whole-list parser: seal_sums_parse, lookup, and write_line round trips. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seal/seal.h"

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "fuzz-sums-list: invariant broken at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	abort(); } } while (0)

struct reports {
	unsigned long n;
	unsigned long max_line;          /* lines in the buffer: no report may name a later one */
};

static void on_bad_line(void *ctx, const char *file, unsigned long line, const char *reason)
{
	struct reports *r = ctx;

	CHECK(file && strcmp(file, "fuzz.sums") == 0);
	CHECK(reason && reason[0] != '\0' && strchr(reason, '\n') == NULL);
	CHECK(line <= r->max_line);
	r->n++;
}

static unsigned long count_lines(const char *buf, size_t len)
{
	unsigned long n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		n += buf[i] == '\n';
	return n + (len > 0 && buf[len - 1] != '\n');
}

/*
 * What the freestanding core alone says about the buffer: entries, or -1 if any line is bad.
 * Each pair seal.ko would keep is a compressed file's line and the #image line of its path.
 */
static long core_entries(const char *buf, size_t len)
{
	struct seal_sums_cursor c;
	struct seal_sums_line l, prev = { .kind = SEAL_SUMS_SKIP };
	int r;

	seal_sums_cursor_init(&c, buf, len);
	while ((r = seal_sums_next(&c, &l)) > 0) {
		if (seal_sums_lines_pair(&prev, &l))
			CHECK(prev.kind == SEAL_SUMS_ENTRY && l.kind == SEAL_SUMS_IMAGE &&
			      !seal_sums_line_is_image(&prev) && seal_sums_line_is_image(&l) &&
			      prev.path_len == l.path_len && memcmp(prev.path, l.path, l.path_len) == 0);
		prev = l;
	}
	return r < 0 ? -1 : (long)c.entries;
}

/* Writing every entry back with seal_sums_write_line and parsing that gives the same list. */
static void check_round_trip(const struct seal_sums *s)
{
	struct seal_sums *again = NULL;
	struct reports rep = { 0, 0 };
	char *text = NULL;
	size_t textlen = 0, i;
	FILE *f = open_memstream(&text, &textlen);

	CHECK(f != NULL);
	for (i = 0; i < seal_sums_count(s); i++) {
		const struct seal_sums_entry *e = seal_sums_entry_at(s, i);

		CHECK(seal_sums_write_line(f, seal_sums_alg(s), e->digest, e->path) == 0);
	}
	CHECK(fclose(f) == 0);
	rep.max_line = count_lines(text, textlen);
	CHECK(seal_sums_parse("fuzz.sums", text, textlen, on_bad_line, &rep, &again) == 0);
	CHECK(rep.n == 0 && again != NULL);
	CHECK(seal_sums_count(again) == seal_sums_count(s));
	CHECK(seal_sums_alg(again) == seal_sums_alg(s));
	for (i = 0; i < seal_sums_count(s); i++) {
		const struct seal_sums_entry *a = seal_sums_entry_at(s, i);
		const struct seal_sums_entry *b = seal_sums_entry_at(again, i);

		CHECK(memcmp(a->digest, b->digest, seal_digest_len(seal_sums_alg(s))) == 0);
		CHECK(strcmp(a->path, b->path) == 0);
	}
	seal_sums_free(again);
	free(text);
}

static void check_list(const struct seal_sums *s, const char *buf, size_t len, long core)
{
	enum seal_alg alg = seal_sums_alg(s);
	unsigned long dlen = seal_digest_len(alg), prev_line = 0;
	size_t n = seal_sums_count(s), i;

	CHECK(alg == SEAL_ALG_MD5 || alg == SEAL_ALG_SHA256);
	CHECK(n > 0 && (long)n == core);
	CHECK(seal_sums_entry_at(s, n) == NULL);
	for (i = 0; i < n; i++) {
		const struct seal_sums_entry *e = seal_sums_entry_at(s, i), *hit;
		size_t plen;

		CHECK(e != NULL && e->path != NULL);
		plen = strlen(e->path);
		CHECK(plen > 0 && plen < len);
		CHECK(e->line > prev_line && e->line <= count_lines(buf, len));
		prev_line = e->line;
		/* lookup gives the first entry in file order with this digest */
		hit = seal_sums_lookup(s, e->digest);
		CHECK(hit != NULL && memcmp(hit->digest, e->digest, dlen) == 0);
		CHECK(hit->line <= e->line);
		if (hit != e)
			CHECK(hit->line < e->line);
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *buf = (const char *)data;
	struct reports rep = { 0, count_lines(buf, size) };
	struct seal_sums *s = (struct seal_sums *)&rep;     /* must be reset to NULL on failure */
	long core = core_entries(buf, size);
	int r;

	r = seal_sums_parse("fuzz.sums", buf, size, on_bad_line, &rep, &s);
	if (r < 0) {
		CHECK(s == NULL);
		CHECK(r == -EINVAL || r == -ENODATA || r == -ENOMEM);
		CHECK(rep.n > 0);                   /* every refusal says why */
		if (r == -ENODATA)
			CHECK(core == -1 || core == 0);
		return 0;
	}
	CHECK(r == 0 && s != NULL && rep.n == 0);
	CHECK(core > 0);                            /* the core found no bad line either */
	check_list(s, buf, size, core);
	check_round_trip(s);
	seal_sums_free(s);
	return 0;
}
