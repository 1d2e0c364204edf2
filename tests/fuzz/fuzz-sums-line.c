// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target for the freestanding sums-line parser and cursor (the code seal.ko runs too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seal/sums_core.h"

/*
 * Beyond "no crash": every result must obey the contract in sums_core.h, so a
 * parser that returns garbage without touching bad memory still fails here.
 */
#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "fuzz-sums-line: invariant broken at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	abort(); } } while (0)

/* An oracle written apart from the parser's own: the value of a hex digit, or -1. */
static int hexval(char c)
{
	static const char digits[] = "0123456789abcdef";
	const char *p;

	if (c == '\0')
		return -1;
	p = strchr(digits, c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
	return p ? (int)(p - digits) : -1;
}

/* An entry's fields point inside [buf, buf+len) and its digest is the hex at the start of the line. */
static void check_entry(const char *line, unsigned long len, const struct seal_sums_line *l)
{
	unsigned long tag = l->kind == SEAL_SUMS_IMAGE ? SEAL_SUMS_IMAGE_TAG_LEN : 0;
	unsigned long dlen = seal_digest_len(l->alg), i, start = tag + (l->escaped ? 1 : 0);
	char hex[2 * SEAL_DIGEST_MAX + 1];

	CHECK(l->kind == SEAL_SUMS_ENTRY || l->kind == SEAL_SUMS_IMAGE);
	CHECK((l->kind == SEAL_SUMS_IMAGE) == (memcmp(line, SEAL_SUMS_IMAGE_TAG, SEAL_SUMS_IMAGE_TAG_LEN) == 0));
	CHECK(dlen == SEAL_MD5_LEN || dlen == SEAL_SHA256_LEN);
	CHECK(l->binary == 0 || l->binary == 1);
	CHECK(l->escaped == 0 || l->escaped == 1);
	CHECK(l->escaped == (line[tag] == '\\'));
	CHECK(l->path != NULL && l->path_len > 0);
	CHECK(l->path >= line && l->path + l->path_len <= line + len);
	/* digest, then " " and " " or "*", then the path: nothing in between */
	CHECK((unsigned long)(l->path - line) == start + 2 * dlen + 2);
	CHECK(line[start + 2 * dlen] == ' ');
	CHECK(line[start + 2 * dlen + 1] == (l->binary ? '*' : ' '));
	for (i = 0; i < 2 * dlen; i++)
		CHECK(hexval(line[start + i]) >= 0);
	seal_hex_encode(l->digest, dlen, hex);
	for (i = 0; i < 2 * dlen; i++)
		CHECK(hexval(hex[i]) == hexval(line[start + i]));
	CHECK(hex[2 * dlen] == '\0');
	for (i = 0; i < l->path_len; i++)
		CHECK(l->path[i] != '\0' && l->path[i] != '\n' && l->path[i] != '\r');
}

static void check_error(int err)
{
	CHECK(err < 0 && err > -SEAL_SUMS_E_MAX);
	CHECK(strcmp(seal_sums_strerror(err), "unknown error") != 0);
}

/* The input up to its first '\n' as one line: parse_line is only ever given a line without it. */
static void fuzz_line(const char *buf, unsigned long len)
{
	const char *nl = memchr(buf, '\n', len);
	struct seal_sums_line l;
	int err;

	if (nl)
		len = (unsigned long)(nl - buf);

	memset(&l, 0xa5, sizeof(l));
	err = seal_sums_parse_line(buf, len, &l);
	if (err < 0) {
		check_error(err);
		return;
	}
	CHECK(err == 0);
	if (l.kind == SEAL_SUMS_SKIP) {
		CHECK(l.path == NULL && l.path_len == 0);
		return;
	}
	check_entry(buf, len, &l);
}

/* An entry from the cursor is what parse_line gives for the line that holds it. */
static void check_same_as_line(const char *buf, unsigned long len, const struct seal_sums_line *l)
{
	const char *line = l->path, *end = l->path;
	struct seal_sums_line again;

	while (line > buf && line[-1] != '\n')
		line--;
	while (end < buf + len && *end != '\n')
		end++;
	CHECK(seal_sums_parse_line(line, (unsigned long)(end - line), &again) == 0);
	CHECK(again.kind == l->kind && again.alg == l->alg && again.path == l->path &&
	      again.path_len == l->path_len && again.binary == l->binary &&
	      again.escaped == l->escaped &&
	      memcmp(again.digest, l->digest, seal_digest_len(l->alg)) == 0);
	check_entry(line, (unsigned long)(end - line), l);
}

/* The input as a list: walk it with the cursor, as seal.ko and seal_sums_parse do. */
static void fuzz_list(const char *buf, unsigned long len)
{
	struct seal_sums_cursor c;
	struct seal_sums_line l;
	unsigned long prev_line = 0, steps = 0, prev_off = 0;
	enum seal_alg alg = SEAL_ALG_NONE;
	int r;

	seal_sums_cursor_init(&c, buf, len);
	for (;;) {
		r = seal_sums_next(&c, &l);
		CHECK(++steps <= len + 2);            /* at most one entry per byte, then the end */
		CHECK(c.off <= len);
		CHECK(c.off >= prev_off);
		prev_off = c.off;
		if (r <= 0)
			break;
		CHECK(r == 1);
		CHECK(c.lineno > prev_line);
		prev_line = c.lineno;
		CHECK(l.path >= buf && l.path + l.path_len <= buf + c.off);
		check_same_as_line(buf, len, &l);
		if (alg == SEAL_ALG_NONE)
			alg = l.alg;
		CHECK(l.alg == alg);                  /* mixed lists are refused, never returned */
		CHECK(c.entries == steps);
	}
	if (r < 0) {
		check_error(r);
		if (r == -SEAL_SUMS_E_EMPTY)
			CHECK(c.entries == 0 && c.off == len);
	} else {
		CHECK(c.entries > 0 && c.off == len);
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	/* libFuzzer hands over an exactly-sized heap copy, so ASan sees any read past size. */
	fuzz_line((const char *)data, size);
	fuzz_list((const char *)data, size);
	return 0;
}
