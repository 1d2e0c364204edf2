/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Helpers shared by libseal's own files; not exported (libseal.sym names each export). */
#ifndef SEAL_LIBSEAL_INTERNAL_H
#define SEAL_LIBSEAL_INTERNAL_H

#include <stddef.h>
#include <sys/types.h>

#include "seal/seal.h"
#include "shared/io.h"          /* read_retry */


/*
 * Read fd from its offset to EOF into a new malloc'd buffer (*bufp, never NULL
 * on success, *lenp bytes). st_size is used as a hint only: pipes, /proc files
 * and files that grow are read to their real end. -EFBIG past max bytes.
 */
int read_fd_whole(int fd, size_t max, void **bufp, size_t *lenp);
/* The same for the file at path: -EISDIR for a directory, -errno if it can't be opened. */
int read_path_whole(const char *path, size_t max, void **bufp, size_t *lenp);
/* The same for path inside the root (seal_root_openat). */
int read_path_whole_at(int rootfd, const char *path, size_t max, void **bufp, size_t *lenp);

/*
 * The directory path names a file in, opened O_PATH | O_DIRECTORY inside the
 * root (path without '/': the current directory, or the root itself), and
 * *name the last component, inside path. A descriptor, or -errno (-EISDIR:
 * path ends in '/').
 */
int root_open_parent(int rootfd, const char *path, const char **name);

/* The parsers' default seal_sums_report_fn: "FILE:LINE: reason" (or "FILE: reason") on stderr. */
void report_stderr(void *ctx, const char *file, unsigned long line, const char *reason);

/*
 * Identity of /proc/PID/exe (proc_root NULL: "/proc"; a fake root for tests).
 * Not exported: seal.ko makes this check in the kernel, no tool needs it;
 * tests/unit/test-ident.c compiles ident.c in to test it.
 */
int ident_of_pid(const char *proc_root, pid_t pid, struct seal_ident *id);
/* 1 if process pid runs the file at path, 0 if not, -errno if either can't be resolved. */
int pid_runs(const char *proc_root, pid_t pid, const char *path);

/* ---- seal.ko's parameters: params.c --------------------------------------- */

/*
 * The value's rule by its row alone, touching nothing: a flag's two spellings,
 * printable ASCII without spaces or quotes, a length seal.ko's buffer takes, a
 * list's items (non-empty, absolute paths, at most max), lockdown= names once
 * each and none of seal's own rules. 0, or -EINVAL with why.
 */
int param_check_value(const struct seal_param *p, const char *value, char *why, size_t whylen);
/* A program named by key: exists, a regular file, on a filesystem whose inode owns its bytes. */
int param_check_program(const char *key, const char *path, size_t len, char *why, size_t whylen);
/* The integrity lockdown reasons seal decides by its own rules (SEAL_LOCKDOWN_OWN_RULES). */
bool lockdown_is_own_rule(const char *name, size_t len);
/* Is name (len bytes) one of the space-separated words of list? */
bool word_in(const char *list, const char *name, size_t len);
/* The next comma-separated item of *p, empty ones included; false past the last. */
bool list_next(const char **p, const char **item, size_t *len);

/* ---- Module files: module.c, module-decompress.c, module-elf.c ---------- */

/* Largest module file read, and largest decompressed image: far above any real module. */
#define MODULE_MAX_BYTES ((size_t)1 << 30)

/*
 * Reasons go into the caller's why buffer without the file name: the caller
 * prints "TOOL: PATH: REASON". Data that is not a loadable module gives
 * -ENOEXEC (corrupt compression included), -ENOMEM stays -ENOMEM.
 * why_printf writes one (why NULL or whylen 0: nothing).
 */
void why_printf(char *why, size_t whylen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
