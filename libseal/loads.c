// SPDX-License-Identifier: LGPL-2.1-or-later
/* seal.ko's record of module loads and refusals: one line of /sys/kernel/seal/loads or refused. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <seal/seal.h>

#include "internal.h"

/* Copy a field's value into dst (size bytes); false if it does not fit or is empty. */
static bool field_copy(char *dst, size_t size, const char *v, size_t n)
{
	if (n == 0 || n >= size)
		return false;
	memcpy(dst, v, n);
	dst[n] = '\0';
	return true;
}

static bool key_is(const char *k, size_t kn, const char *want)
{
	return strlen(want) == kn && memcmp(k, want, kn) == 0;
}

static bool count_parse(const char *v, size_t n, unsigned long long *out)
{
	unsigned long long x = 0;

	if (n == 0 || n > 19)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return false;
		x = x * 10 + (unsigned long long)(v[i] - '0');
	}
	*out = x;
	return true;
}

/*
 * "NAME key=value ..." as seal.ko writes it (kabi.h): NAME and every value
 * one word of escaped printable ASCII, fields separated by one space. The
 * fields seal-verify and seal-mksums need are checked; a key they do not know
 * is skipped (a newer seal.ko may add some), a known key given twice, a field
 * without '=' or a bad value refuses the line.
 */
int seal_loads_parse_line(const char *line, size_t len, struct seal_load_record *rec,
			  unsigned long long *overflow)
{
	const char *p = line, *end = line + len, *w;
	bool have_sha = false, have_op = false;
	unsigned int seen = 0;

	memset(rec, 0, sizeof(*rec));
	while (len && (line[len - 1] == '\n' || line[len - 1] == ' '))
		end = line + --len;
	/* seal.ko escapes every value (seal/escape.h): a line is printable ASCII and spaces. */
	for (const char *q = line; q < end; q++)
		if (((unsigned char)*q < 0x20 || (unsigned char)*q >= 0x7f))
			return -EINVAL;
	if (len > 9 && memcmp(line, SEAL_FIELD_OVERFLOW "=", 9) == 0) {
		if (!overflow || !count_parse(line + 9, len - 9, overflow))
			return -EINVAL;
		return 0;
	}
	w = memchr(p, ' ', len);
	if (!w || !field_copy(rec->name, sizeof(rec->name), p, (size_t)(w - p)) ||
	    memchr(rec->name, '=', strlen(rec->name)))
		return -EINVAL;
	p = w + 1;
	while (p < end) {
		const char *sp = memchr(p, ' ', (size_t)(end - p)), *eq;
		size_t n = sp ? (size_t)(sp - p) : (size_t)(end - p), kn, vn;
		const char *v;
		unsigned int bit = 0;
		bool okv = true;

		eq = memchr(p, '=', n);
		if (!eq || eq == p)
			return -EINVAL;
		kn = (size_t)(eq - p);
		v = eq + 1;
		vn = n - kn - 1;
		if (key_is(p, kn, SEAL_FIELD_SHA256)) {
			bit = 1;
			okv = have_sha = vn == 2 * SEAL_SHA256_LEN &&
				seal_hex_decode(v, vn, rec->sha256, SEAL_SHA256_LEN) == 0;
		} else if (key_is(p, kn, SEAL_FIELD_OP)) {
			bit = 2;
			okv = have_op = field_copy(rec->op, sizeof(rec->op), v, vn);
		} else if (key_is(p, kn, SEAL_FIELD_VERDICT)) {
			bit = 4;
			okv = field_copy(rec->verdict, sizeof(rec->verdict), v, vn);
		} else if (key_is(p, kn, SEAL_FIELD_INIT)) {
			bit = 8;
			okv = field_copy(rec->init, sizeof(rec->init), v, vn);
		} else if (key_is(p, kn, SEAL_FIELD_REASON)) {
			bit = 16;
			okv = field_copy(rec->reason, sizeof(rec->reason), v, vn);
		} else if (key_is(p, kn, SEAL_FIELD_COUNT)) {
			bit = 32;
			okv = rec->has_count = count_parse(v, vn, &rec->count);
		} else if (key_is(p, kn, SEAL_FIELD_REQUESTED)) {
			bit = 64;
			okv = field_copy(rec->requested, sizeof(rec->requested), v, vn);
		}
		if (!okv || (seen & bit))
			return -EINVAL;
		seen |= bit;
		p += n + (sp ? 1 : 0);
	}
	return have_sha && have_op ? 1 : -EINVAL;
}
