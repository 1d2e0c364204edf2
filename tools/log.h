/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Messages of the seal tools: "PROGRAM: message" on stderr, escaped. Never exits. */
#ifndef SEAL_TOOLS_LOG_H
#define SEAL_TOOLS_LOG_H

#include <errno.h>          /* program_invocation_short_name (glibc, _GNU_SOURCE from config.h) */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <seal/escape.h>

extern int log_verbose;     /* defined by each tool; -v raises it */

/*
 * Messages name files, modules and programs that someone else named, root
 * attacker included: each is printed by seal_escape_message() (spaces kept,
 * every control byte, quote, backslash and byte from 0x80 as \xhh), so a name
 * can neither add a line to a cron mail or a log nor reach a terminal raw. The
 * final newline of the format stays a newline.
 */
static inline void log_message(const char *kind, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline void log_message(const char *kind, const char *fmt, ...)
{
	char *msg, *esc;
	size_t n, size;
	va_list ap;
	int len;
	bool nl;

	va_start(ap, fmt);
	len = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	n = (size_t)len;
	nl = n > 0 && msg[n - 1] == '\n';
	if (nl)
		msg[--n] = '\0';
	size = seal_escape_message(NULL, 0, msg) + 1;
	esc = malloc(size);
	if (esc)
		seal_escape_message(esc, size, msg);
	fprintf(stderr, "%s: %s%s%s", program_invocation_short_name, kind, esc ? esc : "(out of memory)",
		nl ? "\n" : "");
	free(esc);
	free(msg);
}

#define ERR(fmt, ...)  log_message("", fmt, ##__VA_ARGS__)
#define WRN(fmt, ...)  log_message("warning: ", fmt, ##__VA_ARGS__)
#define INFO(fmt, ...) do { if (log_verbose >= 1) log_message("", fmt, ##__VA_ARGS__); } while (0)
#define DBG(fmt, ...)  do { if (log_verbose >= 2) log_message("debug: ", fmt, ##__VA_ARGS__); } while (0)

#endif
