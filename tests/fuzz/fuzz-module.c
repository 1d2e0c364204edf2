// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target for the module checks: compression detection, xz/zstd/gzip, ELF and .modinfo. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seal/seal.h"

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "fuzz-module: invariant broken at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	abort(); } } while (0)

/* A refusal carries one line of reason, NUL-terminated inside the buffer. */
static void check_why(const char *why, size_t whylen)
{
	size_t n = strnlen(why, whylen);

	CHECK(n > 0 && n < whylen);
	CHECK(memchr(why, '\n', n) == NULL);
}

static void check_modinfo(const struct seal_modinfo *mi)
{
	size_t n = strnlen(mi->name, sizeof(mi->name)), v = strnlen(mi->vermagic, sizeof(mi->vermagic));

	CHECK(n > 0 && n < sizeof(mi->name));
	CHECK(v > 0 && v < sizeof(mi->vermagic));
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct seal_modinfo mi, mi2;
	char why[256], *tiny = NULL;
	void *plain = NULL;
	size_t plainlen = 0;
	enum seal_comp comp = seal_module_compression(data, size);
	int r, r2;

	memset(why, 0, sizeof(why));
	r = seal_module_check_buf(data, size, &mi, why, sizeof(why));
	CHECK(mi.comp == comp);
	if (r < 0) {
		CHECK(r == -ENOEXEC || r == -ENOMEM);
		check_why(why, sizeof(why));
	} else {
		CHECK(r == 0);
		check_modinfo(&mi);
	}

	/* A short reason buffer is truncated, never overrun (ASan watches the heap copy). */
	tiny = malloc(8);
	CHECK(tiny != NULL);
	r2 = seal_module_check_buf(data, size, &mi2, tiny, 8);
	CHECK(r2 == r);
	if (r2 < 0)
		check_why(tiny, 8);
	free(tiny);
	CHECK(seal_module_check_buf(data, size, NULL, NULL, 0) == r);

	/* A compressed module that passed is, once decompressed, a plain module that passes the same way. */
	if (r == 0 && comp != SEAL_COMP_NONE) {
		CHECK(seal_module_decompress(comp, data, size, &plain, &plainlen, why, sizeof(why)) == 0);
		CHECK(plain != NULL);
		CHECK(seal_module_check_buf(plain, plainlen, &mi2, why, sizeof(why)) == 0);
		CHECK(mi2.comp == SEAL_COMP_NONE);
		CHECK(strcmp(mi.name, mi2.name) == 0 && strcmp(mi.vermagic, mi2.vermagic) == 0);
		free(plain);
		plain = NULL;
	}

	/* Not a compression method: refused with nothing allocated. */
	plain = (void *)why;
	plainlen = 1;
	CHECK(seal_module_decompress(SEAL_COMP_NONE, data, size, &plain, &plainlen, why,
				     sizeof(why)) == -EINVAL);
	CHECK(plain == NULL && plainlen == 0);
	return 0;
}
