// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target for the escaping rule (seal/escape.h): the code seal.ko's log lines and seal-verify's outputs use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seal/escape.h"

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "fuzz-escape: invariant broken at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	abort(); } } while (0)

/* An oracle apart from the rule's own code: the bytes that pass unescaped. */
static int plain(unsigned char c)
{
	return c >= '!' && c <= '~' && c != '\\' && c != '"';
}

/*
 * Input: one size byte, then the value (up to its first NUL). For every size
 * the output stays inside it, is printable ASCII without '"', cuts only on a
 * whole escape with the cut mark, and, when it fits, gives back the exact bytes.
 */
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
	size_t size, want = 0, i;
	char *src, *dst;
	unsigned long n;
	const char *p;

	if (len < 1)
		return 0;
	size = data[0];
	src = calloc(1, len);
	CHECK(src);
	memcpy(src, data + 1, len - 1);
	for (i = 0; src[i]; i++)
		want += plain((unsigned char)src[i]) ? 1 : 4;

	/* size + 8 guard bytes that must stay untouched */
	dst = malloc(size + 8);
	CHECK(dst);
	memset(dst, 0x5a, size + 8);
	n = seal_escape(dst, size, src);
	CHECK(n == want);
	CHECK(seal_escape(NULL, 0, src) == want);
	for (i = size; i < size + 8; i++)
		CHECK(dst[i] == 0x5a);
	if (size > 0) {
		size_t out = strlen(dst);

		CHECK(out < size);
		for (p = dst; *p; p++)
			CHECK(*p > ' ' && *p < 0x7f && *p != '"');
		if (want < size) {
			long r;

			CHECK(out == want);
			r = seal_unescape(dst);
			CHECK(r == (long)strlen(src) && memcmp(dst, src, (size_t)r) == 0);
		} else if (size >= sizeof(SEAL_ESCAPE_CUT)) {
			size_t kept = out - (sizeof(SEAL_ESCAPE_CUT) - 1);
			char *prefix;

			CHECK(out >= sizeof(SEAL_ESCAPE_CUT) - 1);
			CHECK(strcmp(dst + kept, SEAL_ESCAPE_CUT) == 0);
			/* what is kept is the escape of a prefix of src: it unescapes */
			prefix = strndup(dst, kept);
			CHECK(prefix);
			CHECK(seal_unescape(prefix) >= 0);
			CHECK(memcmp(prefix, src, strlen(prefix)) == 0);
			free(prefix);
			CHECK(seal_unescape(dst) == -1);
		}
	}
	free(dst);
	free(src);
	return 0;
}
