/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the parts of seal-verify share: the run context, findings and the checks. */
#ifndef SEAL_TOOLS_VERIFY_H
#define SEAL_TOOLS_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <time.h>

#include <seal/seal.h>

/* ---- Findings and output (verify-report.c) ----------------------------- */

struct verify_kv {
	const char *key;
	const char *value;
};

enum verify_out_flags {
	VERIFY_OUT_JSON = 1 << 0,
	VERIFY_OUT_QUIET = 1 << 1,
	VERIFY_OUT_SYSLOG = 1 << 2,
};

struct verify_report;

int verify_report_new(unsigned int flags, struct verify_report **out);
void verify_report_free(struct verify_report *r);
/*
 * One finding: KIND SUBJECT key=value... Printed at once as one line (unless
 * --json or --quiet), sent to journald (or syslog) with --syslog, kept for the
 * JSON document and the metrics. subject and the values are escaped (seal/escape.h).
 */
void verify_report_finding(struct verify_report *r, const char *kind, const char *subject,
			   const struct verify_kv *kv, size_t n);
#define VERIFY_FINDING(r, kind, subject, ...) \
	verify_report_finding((r), (kind), (subject), (const struct verify_kv[]){ __VA_ARGS__ }, \
			      sizeof((const struct verify_kv[]){ __VA_ARGS__ }) / sizeof(struct verify_kv))
/* A sentence for the human reader of the text output (stdout), after the findings; never in --json or --quiet. */
void verify_report_note(struct verify_report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Something that could not be checked: printed to stderr now, counted, kept for JSON. */
void verify_report_error(struct verify_report *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Facts for the JSON document ("seal" and "counts" objects); never findings. */
void verify_report_fact(struct verify_report *r, const char *section, const char *key,
			const char *value);
size_t verify_report_findings(const struct verify_report *r);
size_t verify_report_errors(const struct verify_report *r);
/* The summary line (human) or the whole JSON document; exit_code goes into both. */
void verify_report_finish(struct verify_report *r, int exit_code);
/*
 * The node exporter's textfile format at path, replaced atomically: the run's
 * time and exit status, findings per kind, the seal's state and parameters,
 * its denial counters. 0 or -errno.
 */
int verify_report_metrics(const struct verify_report *r, const char *path, int exit_code);

/* ---- The run (verify-run.c) -------------------------------------------- */

/* The state file's largest size: the denial counters and up to 1024 refused modules' keys. */
#define VERIFY_STATE_MAX (256 * 1024)

/*
 * Every path seal-verify opens is a path of the system checked, /lib/modules/...
 * as that system sees it, opened inside the root (seal_root_openat(rootfd, ...)):
 * under --root DIR an absolute symlink or a ".." in DIR resolves in DIR, as in a
 * chroot, never on the host. Messages name ROOT + path, the host's name for it.
 */
struct verify_ctx {
	const char *root;               /* "" for the real system, else DIR without trailing '/' */
	int rootfd;                     /* SEAL_ROOT_HOST, or DIR opened by seal_root_open() */
	const char *kver;
	char *moddir;                   /* /lib/modules/KVER */
	int moddir_fd;                  /* moddir opened (O_DIRECTORY), for libkmod under --root; else -1 */
	char *sums_file;                /* the list as opened */
	struct seal_sums *sums;
	enum seal_alg alg;
	struct seal_cache *cache;       /* libseal's digest cache (seal_cache_open) */
	struct verify_report *report;
	unsigned long files;            /* module files seen on disk */
	unsigned long loaded;           /* loaded modules checked */
	unsigned long hashed;           /* files actually read and hashed */
	unsigned long cached;           /* digests taken from the cache */
	bool no_remove;                 /* seal.ko runs with no_remove=true */
	size_t not_sealed;              /* not-sealed findings: they make the run "unchecked" (2), not 1 */
	size_t benign;                  /* seal-sums-updated findings: reported, exit status unchanged */
	bool since_boot;                /* --since-boot: every denial, not only those not yet reported */
	bool learning;                  /* seal.ko runs with learn=yes */
	/* the state file: "boot=ID", "KIND=N" and "refused=NAME:HEX:REASON" lines last reported */
	char denied_prev[VERIFY_STATE_MAX];
	char denied_now[VERIFY_STATE_MAX];      /* what this run reported, to save as the new state */
};

/* ROOT + path in a new string (path is absolute), for messages only. NULL only on ENOMEM. */
char *verify_path(const struct verify_ctx *v, const char *path);
/* open(2) of path inside the root: a descriptor, or -errno. */
int verify_open(const struct verify_ctx *v, const char *path, int flags);
/* verify_open() of a file, with the fstat() it checked it by in st. */
int verify_open_stat(const struct verify_ctx *v, const char *path, int flags, struct stat *st);
/*
 * Digest of the file at path, through the cache. st, if not NULL, is a stat of
 * path already made (lstat: used only for a regular file). 0 or -errno.
 */
int verify_digest(struct verify_ctx *v, const char *path, const struct stat *st,
		  unsigned char *digest);
/* SHA-256 of the file at path, not through the cache. 0 or -errno. */
int verify_sha256(const struct verify_ctx *v, const char *path, unsigned char *digest);
/* Read a small text file whole, NUL-terminated; trailing newlines kept. 0 or -errno. */
int verify_read_text(const struct verify_ctx *v, const char *path, char *buf, size_t size);

/* verify-modules.c: checks 1 and 2. */
int verify_disk(struct verify_ctx *v);
int verify_loaded(struct verify_ctx *v, char *const *names, size_t n);

/* verify-views.c: check 3. Fills *names with every module name seen loaded. */
int verify_hidden(struct verify_ctx *v, char ***names, size_t *n);
void verify_names_free(char **names, size_t n);

/* verify-seal.c: check 4. */
int verify_seal(struct verify_ctx *v);

#endif
