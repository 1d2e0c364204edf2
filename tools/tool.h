/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What every seal tool does the same way: the popt prologue, --version, bad list lines on stderr. */
#ifndef SEAL_TOOLS_TOOL_H
#define SEAL_TOOLS_TOOL_H

#include <popt.h>

/* The option table's entries for -v (help says what "more" is) and -V. */
#define TOOL_OPT_VERBOSE(help) { "verbose", 'v', POPT_ARG_NONE, NULL, 'v', (help), NULL }
#define TOOL_OPT_VERSION(flag) \
	{ "version", 'V', POPT_ARG_NONE, &(flag), 0, "print the version and exit", NULL }

/*
 * Read every option; each -v raises log_verbose. 0, or -1 after "PROGRAM:
 * OPTION: reason" on stderr (the caller decides whether usage follows).
 */
int tool_options(poptContext pc);
/* "PROGRAM VERSION" on stdout, for -V. */
void tool_print_version(void);
/* A seal_sums_report_fn: "PROGRAM: FILE:LINE: reason" on stderr. */
void tool_report_line(void *ctx, const char *file, unsigned long line, const char *reason);

#endif
