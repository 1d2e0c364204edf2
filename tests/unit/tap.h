/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A few TAP helpers for the unit tests: every check prints expected and actual. */
#ifndef SEAL_TEST_TAP_H
#define SEAL_TEST_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_n, tap_failed;

static inline void tap_result(int ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline void tap_result(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%s %d - %s\n", ok ? "ok" : "not ok", tap_n, name);
	if (!ok) {
		tap_failed++;
		printf("# ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
	}
	fflush(stdout);
}

#define ok(cond, name) tap_result(!!(cond), (name), "expected true: %s", #cond)
#define is_int(expected, actual, name) do { \
	long long e_ = (long long)(expected), a_ = (long long)(actual); \
	tap_result(e_ == a_, (name), "expected %lld, got %lld", e_, a_); \
} while (0)
#define is_str(expected, actual, name) do { \
	const char *e_ = (expected), *a_ = (actual); \
	tap_result(e_ && a_ && strcmp(e_, a_) == 0, (name), "expected \"%s\", got \"%s\"", \
		   e_ ? e_ : "(null)", a_ ? a_ : "(null)"); \
} while (0)
/* Collects a parser's reports (a seal_sums_report_fn) as "FILE:LINE: reason\n" lines, or "FILE: reason\n". */
struct tap_reports {
	char text[8192];
	size_t used;
	int n;
};

static inline void tap_collect(void *ctx, const char *file, unsigned long line, const char *reason)
{
	struct tap_reports *r = ctx;
	int n;

	if (line)
		n = snprintf(r->text + r->used, sizeof(r->text) - r->used, "%s:%lu: %s\n", file,
			     line, reason);
	else
		n = snprintf(r->text + r->used, sizeof(r->text) - r->used, "%s: %s\n", file, reason);
	if (n > 0 && (size_t)n < sizeof(r->text) - r->used)
		r->used += (size_t)n;
	r->n++;
}

/* Under CI (CI set) a skip is a failure: CI must run everything (tests/lib/common.sh says the same). */
#define skip_all(why) do { \
	if (getenv("CI") && *getenv("CI")) { \
		printf("1..1\nnot ok 1 - skipped under CI: %s\n", (why)); \
		return 1; \
	} \
	printf("1..0 # SKIP %s\n", (why)); \
	return 0; \
} while (0)

/* dir/name in one of 8 buffers that take turns: up to 8 such paths can be used at once. */
static inline const char *tap_path(const char *dir, const char *name)
{
	static char path[8][600];
	static int k;
	char *p = path[k++ % 8];

	snprintf(p, sizeof(path[0]), "%s/%s", dir, name);
	return p;
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
