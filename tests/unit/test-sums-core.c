// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the freestanding sums-line core: one line, and a buffer walked with the cursor. */
#include <stdlib.h>
#include <string.h>

#include "seal/sums_core.h"
#include "tap.h"

#define SHA "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA_UP "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"
#define MD5 "d41d8cd98f00b204e9800998ecf8427e"

static int parse(const char *line, struct seal_sums_line *l)
{
	return seal_sums_parse_line(line, strlen(line), l);
}

static int path_is(const struct seal_sums_line *l, const char *want)
{
	return l->path && l->path_len == strlen(want) && memcmp(l->path, want, l->path_len) == 0;
}

static void test_good_lines(void)
{
	struct seal_sums_line l;
	char hex[2 * SEAL_DIGEST_MAX + 1];
	int r;

	r = parse(SHA "  kernel/drivers/net/dummy.ko", &l);
	is_int(0, r, "sha256 line parses");
	is_int(SEAL_SUMS_ENTRY, l.kind, "sha256 line is an entry");
	is_int(SEAL_ALG_SHA256, l.alg, "64 hex digits mean SHA-256");
	seal_hex_encode(l.digest, SEAL_SHA256_LEN, hex);
	is_str(SHA, hex, "sha256 digest bytes round-trip through hex");
	ok(path_is(&l, "kernel/drivers/net/dummy.ko"), "path span is the text after two spaces");
	is_int(0, l.binary, "no binary marker without '*'");
	is_int(0, l.escaped, "plain line is not escaped");

	r = parse(MD5 "  a.ko", &l);
	is_int(0, r, "md5 line parses");
	is_int(SEAL_ALG_MD5, l.alg, "32 hex digits mean MD5");
	seal_hex_encode(l.digest, SEAL_MD5_LEN, hex);
	is_str(MD5, hex, "md5 digest bytes round-trip through hex");

	r = parse(SHA " *bin.ko", &l);
	is_int(0, r, "'*' binary marker accepted");
	is_int(1, l.binary, "binary flag set by ' *'");
	ok(path_is(&l, "bin.ko"), "path after ' *' excludes the marker");

	r = parse(SHA_UP "  up.ko", &l);
	is_int(0, r, "uppercase hex accepted");
	seal_hex_encode(l.digest, SEAL_SHA256_LEN, hex);
	is_str(SHA, hex, "uppercase hex gives the same digest as lowercase");

	r = parse(SHA "  crlf.ko\r", &l);
	is_int(0, r, "CRLF line parses");
	ok(path_is(&l, "crlf.ko"), "trailing CR is not part of the path");

	r = parse("\\" SHA "  a\\nb\\\\c", &l);
	is_int(0, r, "escaped line parses");
	is_int(1, l.escaped, "leading backslash sets escaped");
	ok(path_is(&l, "a\\nb\\\\c"), "escaped path span is left escaped for the caller");

	r = parse(SHA "  with space.ko", &l);
	is_int(0, r, "path with a space parses");
	ok(path_is(&l, "with space.ko"), "spaces inside the path are kept");

	r = parse(SHA "   lead.ko", &l);
	is_int(0, r, "third space starts the path");
	ok(path_is(&l, " lead.ko"), "path may start with a space, as sha256sum prints it");
}

static void test_skipped_lines(void)
{
	struct seal_sums_line l;

	is_int(0, parse("# a comment", &l), "comment line accepted");
	is_int(SEAL_SUMS_SKIP, l.kind, "comment line is skipped");
	is_int(0, parse("#" SHA "  x.ko", &l), "commented-out entry accepted");
	is_int(SEAL_SUMS_SKIP, l.kind, "commented-out entry is skipped");
	is_int(0, parse("", &l), "empty line accepted");
	is_int(SEAL_SUMS_SKIP, l.kind, "empty line is skipped");
	is_int(0, parse(" \t ", &l), "whitespace-only line accepted");
	is_int(SEAL_SUMS_SKIP, l.kind, "whitespace-only line is skipped");
	is_int(0, parse("\r", &l), "lone CR (blank CRLF line) accepted");
	is_int(SEAL_SUMS_SKIP, l.kind, "blank CRLF line is skipped");
	is_int(0, parse("#image", &l), "'#image' without its space and line: a comment");
	is_int(SEAL_SUMS_SKIP, l.kind, "'#image' alone is skipped");
	is_int(0, parse("#imagery " SHA "  x.ko", &l), "'#imagery ...': a comment");
	is_int(SEAL_SUMS_SKIP, l.kind, "'#imagery ...' is skipped");
}

static void test_image_lines(void)
{
	struct seal_sums_line l;
	char hex[2 * SEAL_DIGEST_MAX + 1];

	is_int(0, parse("#image " SHA "  /lib/modules/k/dummy.ko.xz", &l), "'#image' line parses");
	is_int(SEAL_SUMS_IMAGE, l.kind, "'#image' line is an image entry");
	is_int(SEAL_ALG_SHA256, l.alg, "'#image' line: SHA-256");
	seal_hex_encode(l.digest, SEAL_SHA256_LEN, hex);
	is_str(SHA, hex, "'#image' line: the digest after the tag");
	ok(path_is(&l, "/lib/modules/k/dummy.ko.xz"), "'#image' line: the compressed file's path");
	is_int(0, parse("#image \\" SHA "  a\\nb.ko.xz", &l), "escaped '#image' line parses");
	is_int(1, l.escaped, "escaped '#image' line: escaped");
	is_int(-SEAL_SUMS_E_HEX, parse("#image of the tree", &l),
	       "'#image ' followed by no digest: an error, not a comment (the tag is reserved)");
	is_int(-SEAL_SUMS_E_SEPARATOR, parse("#image " SHA " x.ko", &l), "'#image' line with one space: error");
	{
		static const char list[] = "#image " SHA "  a.ko.xz\n";
		struct seal_sums_cursor c;

		seal_sums_cursor_init(&c, list, sizeof(list) - 1);
		is_int(1, seal_sums_next(&c, &l), "a list of only an '#image' line has one entry");
		is_int(SEAL_SUMS_IMAGE, l.kind, "the cursor returns image entries");
	}
}

static void test_bad_lines(void)
{
	struct seal_sums_line l;
	static const char nul_line[] = SHA "  a\0b.ko";

	is_int(-SEAL_SUMS_E_NUL, seal_sums_parse_line(nul_line, sizeof(nul_line) - 1, &l),
	       "NUL byte in the path is E_NUL");
	is_int(-SEAL_SUMS_E_HEX,
	       parse("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g  x.ko", &l),
	       "non-hex digit in the digest is E_HEX");
	is_int(-SEAL_SUMS_E_HEX, parse(SHA "\tx.ko", &l), "tab after the digest is E_HEX");
	is_int(-SEAL_SUMS_E_DIGEST_LEN, parse(MD5 "0  x.ko", &l), "33 hex digits is E_DIGEST_LEN");
	is_int(-SEAL_SUMS_E_DIGEST_LEN,
	       parse("da39a3ee5e6b4b0d3255bfef95601890afd80709  x.ko", &l),
	       "40 hex digits (SHA-1) is E_DIGEST_LEN");
	is_int(-SEAL_SUMS_E_HEX, parse("x.ko", &l), "a path without a digest is E_HEX");
	is_int(-SEAL_SUMS_E_DIGEST_LEN, parse("  x.ko", &l), "an empty digest is E_DIGEST_LEN");
	is_int(-SEAL_SUMS_E_SEPARATOR, parse(SHA " x.ko", &l), "one space is E_SEPARATOR");
	is_int(-SEAL_SUMS_E_SEPARATOR, parse(SHA, &l), "digest alone is E_SEPARATOR");
	is_int(-SEAL_SUMS_E_NO_PATH, parse(SHA "  ", &l), "two spaces and no path is E_NO_PATH");
	is_int(-SEAL_SUMS_E_NO_PATH, parse(SHA " *", &l), "' *' and no path is E_NO_PATH");
	is_int(-SEAL_SUMS_E_CR, parse(SHA "  a\rb.ko", &l), "CR inside the line is E_CR");
	is_int(-SEAL_SUMS_E_CR, parse(SHA "  a.ko\r\r", &l), "two CRs at the end is E_CR");
}

static void test_line_length(void)
{
	struct seal_sums_line l;
	size_t n = SEAL_SUMS_LINE_MAX;
	char *buf = malloc((1 << 20) + 2);
	int r;

	if (!buf) {
		ok(0, "malloc for long lines");
		return;
	}
	memcpy(buf, SHA "  ", 66);
	memset(buf + 66, 'p', n + 1 - 66);
	r = seal_sums_parse_line(buf, n, &l);
	is_int(0, r, "line of exactly SEAL_SUMS_LINE_MAX bytes parses");
	is_int((long long)(n - 66), (long long)l.path_len, "its path is the rest of the line");
	r = seal_sums_parse_line(buf, n + 1, &l);
	is_int(-SEAL_SUMS_E_TOO_LONG, r, "SEAL_SUMS_LINE_MAX + 1 bytes is E_TOO_LONG");
	buf[n] = '\r';
	r = seal_sums_parse_line(buf, n + 1, &l);
	is_int(0, r, "SEAL_SUMS_LINE_MAX bytes plus CR parses");

	memset(buf + 66, 'p', (1 << 20) - 66);
	r = seal_sums_parse_line(buf, 1 << 20, &l);
	is_int(-SEAL_SUMS_E_TOO_LONG, r, "1 MB line is E_TOO_LONG");
	free(buf);
}

/* Walk a buffer; return the results as "R@LINE" words, e.g. "1@2 -5@3 0@4". */
static void walk(const char *buf, size_t len, char *out, size_t outlen)
{
	struct seal_sums_cursor c;
	struct seal_sums_line l;
	size_t used = 0;
	int r, guard = 0;

	out[0] = '\0';
	seal_sums_cursor_init(&c, buf, len);
	do {
		r = seal_sums_next(&c, &l);
		used += (size_t)snprintf(out + used, outlen - used, "%s%d@%lu", used ? " " : "", r,
					 c.lineno);
	} while (r != 0 && r != -SEAL_SUMS_E_EMPTY && ++guard < 50 && used < outlen);
}

static void test_cursor(void)
{
	static const char nul_buf[] = SHA "  a.ko\n" SHA "  b\0.ko\n";
	char res[512], want[64];
	char *big;
	size_t big_len;

	walk(SHA "  a.ko\n" SHA "  b.ko\n", strlen(SHA "  a.ko\n" SHA "  b.ko\n"), res, sizeof(res));
	is_str("1@1 1@2 0@2", res, "two LF lines give two entries then the end");

	walk(SHA "  a.ko\n" SHA "  b.ko", strlen(SHA "  a.ko\n" SHA "  b.ko"), res, sizeof(res));
	is_str("1@1 1@2 0@2", res, "missing final newline still gives the last entry");

	walk(SHA "  a.ko\r\n" SHA "  b.ko\r\n", strlen(SHA "  a.ko\r\n" SHA "  b.ko\r\n"), res,
	     sizeof(res));
	is_str("1@1 1@2 0@2", res, "CRLF buffer gives two entries");

	walk("# c\n\n" SHA "  a.ko\n# c\nzz  b.ko\n" SHA "  c.ko\n",
	     strlen("# c\n\n" SHA "  a.ko\n# c\nzz  b.ko\n" SHA "  c.ko\n"), res, sizeof(res));
	snprintf(want, sizeof(want), "1@3 %d@5 1@6 0@6", -SEAL_SUMS_E_HEX);
	is_str(want, res, "comments and blanks skipped; error carries its line number 5");

	walk(SHA "  a.ko\n" MD5 "  b.ko\n" SHA "  c.ko\n",
	     strlen(SHA "  a.ko\n" MD5 "  b.ko\n" SHA "  c.ko\n"), res, sizeof(res));
	snprintf(want, sizeof(want), "1@1 %d@2 1@3 0@3", -SEAL_SUMS_E_MIXED);
	is_str(want, res, "MD5 after SHA-256 is E_MIXED on line 2, later SHA-256 lines still parse");

	walk(MD5 "  a.ko\n" SHA "  b.ko\n", strlen(MD5 "  a.ko\n" SHA "  b.ko\n"), res,
	     sizeof(res));
	snprintf(want, sizeof(want), "1@1 %d@2 0@2", -SEAL_SUMS_E_MIXED);
	is_str(want, res, "SHA-256 after MD5 is E_MIXED");

	walk("# only\n\n# comments\n", strlen("# only\n\n# comments\n"), res, sizeof(res));
	snprintf(want, sizeof(want), "%d@3", -SEAL_SUMS_E_EMPTY);
	is_str(want, res, "comments and blanks only is E_EMPTY");

	walk("", 0, res, sizeof(res));
	snprintf(want, sizeof(want), "%d@0", -SEAL_SUMS_E_EMPTY);
	is_str(want, res, "empty buffer is E_EMPTY");

	walk(nul_buf, sizeof(nul_buf) - 1, res, sizeof(res));
	snprintf(want, sizeof(want), "1@1 %d@2 0@2", -SEAL_SUMS_E_NUL);
	is_str(want, res, "NUL byte reported on its line, the walk goes on");

	big_len = 72 + (1 << 20) + 71;
	big = malloc(big_len);
	if (!big) {
		ok(0, "malloc for the 1 MB line");
		return;
	}
	memcpy(big, SHA "  a.ko\n", 72);
	memset(big + 72, 'x', 1 << 20);
	memcpy(big + 72 + (1 << 20), "\n" SHA "  b.ko", 71);
	walk(big, big_len, res, sizeof(res));
	snprintf(want, sizeof(want), "1@1 %d@2 1@3 0@3", -SEAL_SUMS_E_TOO_LONG);
	is_str(want, res, "1 MB line is E_TOO_LONG on line 2 and the next line still parses");
	free(big);
}

static void test_names(void)
{
	int k, distinct = 1;

	for (k = 1; k < SEAL_SUMS_E_MAX; k++) {
		const char *s = seal_sums_strerror(-k);
		int j;

		if (!s || strcmp(s, "unknown error") == 0 || strcmp(s, "ok") == 0)
			distinct = 0;
		for (j = 1; j < k; j++)
			if (strcmp(s, seal_sums_strerror(-j)) == 0)
				distinct = 0;
	}
	ok(distinct, "every seal_sums_err has its own message");
	is_str("unknown error", seal_sums_strerror(-SEAL_SUMS_E_MAX), "out-of-range error is unknown");
	is_str("list holds no entries", seal_sums_strerror(-SEAL_SUMS_E_EMPTY),
	       "E_EMPTY message is the one FILE: reports use");
	is_int(16, seal_digest_len(SEAL_ALG_MD5), "MD5 digest length");
	is_int(32, seal_digest_len(SEAL_ALG_SHA256), "SHA-256 digest length");
	is_int(0, seal_digest_len(SEAL_ALG_NONE), "no algorithm has no length");
	is_str("sha256", seal_alg_name(SEAL_ALG_SHA256), "SHA-256 name");
	is_str("md5", seal_alg_name(SEAL_ALG_MD5), "MD5 name");
}

/* An "#image" line pairs with the line just before it when both name the same compressed file. */
static void test_pairs(void)
{
	static const struct {
		const char *prev, *line;
		int want;
		const char *what;
	} cases[] = {
		{ SHA "  /m/a.ko.xz", "#image " SHA "  /m/a.ko.xz", 1, "a .ko.xz line and its #image line pair" },
		{ SHA "  /m/a.ko.zst", "#image " SHA "  /m/a.ko.zst", 1, "zstd: the same" },
		{ SHA "  /m/a.ko.xz", "#image " SHA "  /m/b.ko.xz", 0, "another file's #image line: no pair" },
		{ SHA "  /m/a.ko.xz", "#image " SHA "  /m/a.ko.x", 0, "a path one byte shorter: no pair" },
		{ SHA "  /m/a.ko.xz", "#image " SHA "  /m/a.ko.xzz", 0, "a path one byte longer: no pair" },
		{ SHA "  /m/a.ko", "#image " SHA "  /m/a.ko", 0, "an uncompressed file's line is its image: no pair" },
		{ "#image " SHA "  /m/a.ko.xz", "#image " SHA "  /m/a.ko.xz", 0, "two #image lines: no pair" },
		{ SHA "  /m/a.ko.xz", SHA "  /m/a.ko.xz", 0, "two file lines: no pair" },
		{ MD5 "  /m/a.ko.xz", "#image " SHA "  /m/a.ko.xz", 0, "an MD5 line and a SHA-256 #image line: no pair" },
		{ "\\" SHA "  /m/a\\nb.ko.xz", "#image " SHA "  /m/a\\nb.ko.xz", 0,
		  "one line escaped, the other not: no pair (the same bytes, two paths)" },
		{ "\\" SHA "  /m/a\\nb.ko.xz", "#image \\" SHA "  /m/a\\nb.ko.xz", 1, "both escaped: a pair" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct seal_sums_line prev, line;

		if (parse(cases[i].prev, &prev) != 0 || parse(cases[i].line, &line) != 0) {
			ok(0, cases[i].what);
			continue;
		}
		is_int(cases[i].want, seal_sums_lines_pair(&prev, &line), cases[i].what);
	}
}

/* Every byte as the high digit of one byte: the sixteen hex digits in either case decode, nothing else. */
static void test_hex_bytes(void)
{
	int wrong = 0, digits = 0;

	for (int c = 0; c < 256; c++) {
		const char in[2] = { (char)c, '1' };
		unsigned char out[1] = { 0 };
		int want = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			   c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		int r = seal_hex_decode(in, 2, out, 1);

		if (want < 0 ? r != -SEAL_SUMS_E_HEX : r != 0 || out[0] != (want << 4 | 1))
			wrong++;
		digits += want >= 0;
	}
	is_int(0, wrong, "hex: each of the 256 bytes decodes as a digit or is refused, as it should");
	is_int(22, digits, "hex: 22 bytes are digits (0-9, a-f, A-F)");
}

int main(void)
{
	test_hex_bytes();
	test_good_lines();
	test_skipped_lines();
	test_bad_lines();
	test_image_lines();
	test_pairs();
	test_line_length();
	test_cursor();
	test_names();
	return tap_done();
}
