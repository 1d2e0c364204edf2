// SPDX-License-Identifier: GPL-2.0-or-later
/* libFuzzer target for the module policy parser (seal_modset_parse) and the loads line parser (seal_loads_parse_line). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seal/seal.h"

#define CHECK(cond) do { if (!(cond)) { \
	fprintf(stderr, "fuzz-modset: invariant broken at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	abort(); } } while (0)

struct reports {
	unsigned long n, max_line;
};

static void on_bad_line(void *ctx, const char *file, unsigned long line, const char *reason)
{
	struct reports *r = ctx;

	CHECK(strcmp(file, "fuzz.modules") == 0);
	CHECK(reason && reason[0] != '\0' && strchr(reason, '\n') == NULL);
	CHECK(line >= 1 && line <= r->max_line);
	r->n++;
}

/* Every name accepted is a module's name, found by itself and by its other spelling, and unique. */
static void check_set(const struct seal_modset *m)
{
	size_t n = seal_modset_count(m);
	unsigned long prev = 0;

	CHECK(seal_modset_all(m) ? n == 0 : n > 0);
	for (size_t i = 0; i < n; i++) {
		const struct seal_modset_entry *e = seal_modset_entry_at(m, i);
		char other[sizeof(e->name)];

		CHECK(e && seal_module_name_valid(e->name));
		CHECK(e->line > prev);
		prev = e->line;
		CHECK(seal_modset_find(m, e->name) == e);
		memcpy(other, e->name, sizeof(other));
		for (char *p = other; *p; p++)
			*p = *p == '-' ? '_' : *p == '_' ? '-' : *p;
		CHECK(seal_modset_find(m, other) == e);
	}
	CHECK(seal_modset_entry_at(m, n) == NULL);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *buf = (const char *)data;
	struct reports rep = { 0, 1 };
	struct seal_modset *m = (struct seal_modset *)&rep;
	struct seal_load_record rec;
	unsigned long long overflow;
	int r;

	for (size_t i = 0; i < size; i++)
		rep.max_line += buf[i] == '\n';
	r = seal_modset_parse("fuzz.modules", buf, size, on_bad_line, &rep, &m);
	if (r < 0) {
		CHECK(m == NULL);
		CHECK(r == -EINVAL || r == -ENODATA || r == -ENOMEM);
		CHECK(r != -EINVAL || rep.n > 0);       /* every refusal says why */
	} else {
		CHECK(r == 0 && m && rep.n == 0);
		check_set(m);
		seal_modset_free(m);
	}
	/* the same bytes as one line of seal.ko's loads or refused file */
	r = seal_loads_parse_line(buf, size, &rec, &overflow);
	CHECK(r == 1 || r == 0 || r == -EINVAL);
	if (r == 1) {
		CHECK(rec.name[0] && !strchr(rec.name, ' ') && !strchr(rec.name, '='));
		CHECK(rec.op[0]);
	}
	return 0;
}
