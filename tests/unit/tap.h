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
/* Under CI (CI set) a skip is a failure: CI must run everything (tests/lib/common.sh says the same). */
#define skip_all(why) do { \
	if (getenv("CI") && *getenv("CI")) { \
		printf("1..1\nnot ok 1 - skipped under CI: %s\n", (why)); \
		return 1; \
	} \
	printf("1..0 # SKIP %s\n", (why)); \
	return 0; \
} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
