/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What every seal tool does the same way: the popt prologue, --version, bad lines of a file on stderr, bounded; why a file cannot be opened. */
#ifndef SEAL_TOOLS_TOOL_H
#define SEAL_TOOLS_TOOL_H

#include <limits.h>
#include <stdbool.h>
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

/* Room for tool_open_strerror()'s words: a symlink's target and the sentence around it. */
#define TOOL_STRERROR_MAX (PATH_MAX + 64)
/*
 * strerror(-err) for a file that could not be opened, except that a symlink
 * that resolves to nothing (open()'s ENOENT, libseal's ENOLINK) is said to be
 * "a dangling symlink to TARGET", which "No such file or directory" hides,
 * and an -EINVAL of a FIFO, socket or device is "not a regular file".
 * Returns buf (size TOOL_STRERROR_MAX) or a static string.
 */
const char *tool_open_strerror(const char *path, int err, char *buf);
/* The same for path inside a root (seal/seal.h: SEAL_ROOT_HOST, or seal_root_open()). */
const char *tool_open_strerror_at(int rootfd, const char *path, int err, char *buf);
/* Whether path (inside rootfd) is there and neither a regular file nor a directory: a FIFO, a socket, a device. */
bool tool_special_at(int rootfd, const char *path);

/* Bad lines shown per file; the rest are counted. */
#define TOOL_LINES_SHOWN 5

/*
 * Where bad lines go: emit (NULL: "PROGRAM: FILE:LINE: reason" on stderr) gets
 * the first TOOL_LINES_SHOWN of each file, and tool_lines_end() one more with
 * line 0: "and N more bad lines, not shown".
 */
struct tool_lines {
	void (*emit)(void *ctx, const char *file, unsigned long line, const char *reason);
	void *ctx;
	char *file;                     /* the file whose lines are being counted */
	unsigned long shown, more;
};

/* A seal_sums_report_fn: ctx is a struct tool_lines, or NULL for stderr. */
void tool_report_line(void *ctx, const char *file, unsigned long line, const char *reason);
/* After a file's lines: the count of those not shown, if any (l NULL: stderr's). */
void tool_lines_end(struct tool_lines *l);

#endif
