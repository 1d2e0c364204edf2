/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Messages of the seal tools: "PROGRAM: message" on stderr. Never exits. */
#ifndef SEAL_TOOLS_LOG_H
#define SEAL_TOOLS_LOG_H

#include <errno.h>          /* program_invocation_short_name (glibc, _GNU_SOURCE from config.h) */
#include <stdio.h>

extern int log_verbose;     /* defined by each tool; -v raises it */

#define ERR(fmt, ...)  fprintf(stderr, "%s: " fmt, program_invocation_short_name, ##__VA_ARGS__)
#define WRN(fmt, ...)  fprintf(stderr, "%s: warning: " fmt, program_invocation_short_name, ##__VA_ARGS__)
#define INFO(fmt, ...) do { if (log_verbose >= 1) \
	fprintf(stderr, "%s: " fmt, program_invocation_short_name, ##__VA_ARGS__); } while (0)
#define DBG(fmt, ...)  do { if (log_verbose >= 2) \
	fprintf(stderr, "%s: debug: " fmt, program_invocation_short_name, ##__VA_ARGS__); } while (0)

#endif
