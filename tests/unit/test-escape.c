// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the one escaping rule (seal/escape.h), shared by seal.ko's log lines and every seal-verify output. */
#include <stdlib.h>
#include <string.h>

#include "seal/escape.h"
#include "tap.h"

static const char *esc(const char *in, unsigned long size)
{
	static char buf[1024];

	seal_escape(buf, size, in);
	return buf;
}

static void test_rule(void)
{
	is_str("/usr/sbin/insmod", esc("/usr/sbin/insmod", 1024), "plain printable ASCII passes as it is");
	is_str("/tmp/x\\x0aseal:\\x20sealed:\\x20forged", esc("/tmp/x\nseal: sealed: forged", 1024),
	       "newline and spaces escaped: the forged line stays inside one value");
	is_str("\\x1b[31mred", esc("\x1b[31mred", 1024), "a terminal escape never reaches a console raw");
	is_str("100%", esc("100%", 1024), "percent is printable and kept");
	is_str("a\\x22b\\x5cc'd", esc("a\"b\\c'd", 1024), "double quote and backslash escaped, single quote kept");
	is_str("caf\\xc3\\xa9\\xff", esc("caf\xc3\xa9\xff", 1024), "bytes >= 0x80 escaped, valid UTF-8 or not");
	is_str("\\x7f\\x09", esc("\x7f\t", 1024), "DEL and tab escaped");
	is_str("", esc("", 1024), "empty value gives an empty word");
}

static void test_lengths(void)
{
	char buf[16];
	unsigned long n;

	n = seal_escape(NULL, 0, "a b");
	is_int(6, n, "size 0 measures without writing");
	n = seal_escape(buf, sizeof(buf), "abcdefghijklmno");
	is_int(15, n, "15 plain bytes fit in 16");
	is_str("abcdefghijklmno", buf, "...and are all there");
	n = seal_escape(buf, sizeof(buf), "abcdefghijklmnop");
	is_int(16, n, "16 bytes: the whole length is returned");
	is_str("abcdefghijk\\...", buf, "cut short: ends in the cut mark, within size");
	n = seal_escape(buf, sizeof(buf), "abcdefghij\n\n");
	is_int(18, n, "escapes count four");
	is_str("abcdefghij\\...", buf, "cut on a whole escape, never inside one");
	n = seal_escape(buf, 3, "abcdef");
	is_int(6, n, "tiny buffer: length still returned");
	ok(strlen(buf) < 3, "tiny buffer: stays terminated inside its size");
}

static void test_unescape(void)
{
	const char *cases[] = {
		"/tmp/x\nseal: sealed: forged", "\x1b[2J", "a\"b\\c", "caf\xc3\xa9\xff", "plain", "",
	};
	char buf[SEAL_ESCAPE_SIZE(64)], bad[32];
	size_t i;
	long n;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		seal_escape(buf, sizeof(buf), cases[i]);
		n = seal_unescape(buf);
		ok(n == (long)strlen(cases[i]) && memcmp(buf, cases[i], strlen(cases[i])) == 0,
		   "unescape gives back the exact bytes");
	}
	strcpy(bad, "a\\x4");
	is_int(-1, seal_unescape(bad), "a short escape is refused");
	is_str("a\\x4", bad, "...and the value is left as it was");
	strcpy(bad, "a b");
	is_int(-1, seal_unescape(bad), "a raw space is not an escaped value");
	strcpy(bad, "abc\\...");
	is_int(-1, seal_unescape(bad), "a value cut short cannot be restored");
	strcpy(bad, "\\x4A");
	is_int(-1, seal_unescape(bad), "upper-case hex is not the rule's form");
}

static void test_message(void)
{
	char buf[64];

	seal_escape_message(buf, sizeof(buf), "/tmp/a b: no such file\n\x1b[2J");
	is_str("/tmp/a b: no such file\\x0a\\x1b[2J", buf, "message: spaces kept, newline and escape escaped");
	is_int(8, seal_escape_message(NULL, 0, "a b\tc"), "message: length counts escapes");
}

/* Every byte value: escaped output is one word of printable ASCII without '"', and round-trips. */
static void test_every_byte(void)
{
	char in[2], buf[8];
	int c, bad = 0;

	in[1] = '\0';
	for (c = 1; c < 256; c++) {
		const char *q;

		in[0] = (char)c;
		seal_escape(buf, sizeof(buf), in);
		for (q = buf; *q; q++)
			if (*q <= ' ' || *q >= 0x7f || *q == '"')
				bad++;
		if (seal_unescape(buf) != 1 || (unsigned char)buf[0] != c)
			bad++;
	}
	is_int(0, bad, "bytes 1..255: printable output, exact round trip");
}

int main(void)
{
	test_rule();
	test_lengths();
	test_unescape();
	test_message();
	test_every_byte();
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
