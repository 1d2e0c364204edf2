/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The freestanding sums-list line parser, shared verbatim by libseal and seal.ko. */
#ifndef SEAL_SUMS_CORE_H
#define SEAL_SUMS_CORE_H

/*
 * No libc, no allocation, no kernel headers: this header and sums_core.c
 * compile both in userland (libseal) and in the kernel (kmod/seal.ko).
 * Sizes are unsigned long, which is size_t on every Linux ABI.
 */

#define SEAL_MD5_LEN     16
#define SEAL_SHA256_LEN  32
#define SEAL_DIGEST_MAX  SEAL_SHA256_LEN
/* Longest line accepted, terminator excluded. PATH_MAX plus digest and separator. */
#define SEAL_SUMS_LINE_MAX (4096 + 2 * SEAL_DIGEST_MAX + 2)

enum seal_alg {
	SEAL_ALG_NONE = 0,
	SEAL_ALG_MD5 = 1,
	SEAL_ALG_SHA256 = 2,
};

/* Why a line was refused. 0 is success; the others are returned negated. */
enum seal_sums_err {
	SEAL_SUMS_OK = 0,
	SEAL_SUMS_E_TOO_LONG = 1,    /* longer than SEAL_SUMS_LINE_MAX */
	SEAL_SUMS_E_NUL,             /* a NUL byte inside the line */
	SEAL_SUMS_E_HEX,             /* a non-hex character in the digest */
	SEAL_SUMS_E_DIGEST_LEN,      /* digest neither 32 nor 64 hex digits */
	SEAL_SUMS_E_SEPARATOR,       /* digest not followed by "  " or " *" */
	SEAL_SUMS_E_NO_PATH,         /* nothing after the separator */
	SEAL_SUMS_E_MIXED,           /* algorithm differs from earlier lines */
	SEAL_SUMS_E_CR,              /* a carriage return not at the end of the line */
	SEAL_SUMS_E_EMPTY,           /* no entries at all (comments and blanks only) */
	SEAL_SUMS_E_MAX,
};

enum seal_sums_kind {
	SEAL_SUMS_SKIP = 0,   /* blank or comment line */
	SEAL_SUMS_ENTRY = 1,
	SEAL_SUMS_IMAGE = 2,  /* "#image HEX  PATH": the digest of PATH's decompressed image */
};

/*
 * A compressed module has two digests a loader may hand the kernel: the file's
 * (finit_module of the file) and its decompressed image's (init_module after
 * a userland decompression: kmod, busybox insmod). The image's is written as
 * "#image " followed by an ordinary line naming the compressed file, which
 * sha256sum -c and md5sum -c skip as a comment: the list stays checkable by
 * them, and no line names a file that does not exist.
 */
#define SEAL_SUMS_IMAGE_TAG "#image "
#define SEAL_SUMS_IMAGE_TAG_LEN 7

/* One parsed line. path points into the caller's buffer and is not NUL-terminated. */
struct seal_sums_line {
	enum seal_sums_kind kind;
	enum seal_alg alg;
	int binary;                     /* 1 if the "*" binary-mode marker was present */
	int escaped;                    /* 1 if the line began with '\\': path holds \\ and \n escapes */
	unsigned char digest[SEAL_DIGEST_MAX];
	const char *path;
	unsigned long path_len;
};

/* Walks a buffer line by line; handles LF, CRLF and a missing final newline. */
struct seal_sums_cursor {
	const char *buf;
	unsigned long len;
	unsigned long off;
	unsigned long lineno;           /* 1-based number of the line last returned */
	enum seal_alg alg;              /* algorithm of the first entry, for the mixed check */
	unsigned long entries;
};

unsigned long seal_digest_len(enum seal_alg alg);
const char *seal_alg_name(enum seal_alg alg);
const char *seal_sums_strerror(int err);

/*
 * Parse one line (without its '\n'; a trailing '\r' is accepted and dropped).
 * Returns 0 and fills *out, or a negative seal_sums_err.
 */
int seal_sums_parse_line(const char *line, unsigned long len, struct seal_sums_line *out);

void seal_sums_cursor_init(struct seal_sums_cursor *c, const char *buf, unsigned long len);

/*
 * Return the next entry (SEAL_SUMS_ENTRY or SEAL_SUMS_IMAGE) of the buffer: 1 and *out filled, 0 at the end, or a
 * negative seal_sums_err for the line c->lineno. Skips blanks and comments,
 * rejects a line whose algorithm differs from the first entry's, and returns
 * -SEAL_SUMS_E_EMPTY at the end of a buffer that held no entry.
 */
int seal_sums_next(struct seal_sums_cursor *c, struct seal_sums_line *out);

/*
 * 1 if the line's digest is that of a module image, the only digests seal.ko
 * keeps: an "#image" line, or an ordinary line naming a file not compressed
 * (no .xz, .zst or .gz suffix). 0 for the ordinary line of a compressed file.
 */
int seal_sums_line_is_image(const struct seal_sums_line *line);

/*
 * 1 if line is the "#image" line that directly follows prev, the ordinary
 * line of the same compressed file: the pair gives the image digest of the
 * file's exact bytes (seal.ko's shortcut past decompressing them).
 */
int seal_sums_lines_pair(const struct seal_sums_line *prev, const struct seal_sums_line *line);

/* Lowercase hex of a digest into out (2 * len + 1 bytes, NUL-terminated). */
void seal_hex_encode(const unsigned char *digest, unsigned long len, char *out);
/*
 * The reverse: exactly 2 * outlen hex digits (either case) into out. Returns 0,
 * -SEAL_SUMS_E_DIGEST_LEN if hexlen is not 2 * outlen, or -SEAL_SUMS_E_HEX.
 */
int seal_hex_decode(const char *hex, unsigned long hexlen, unsigned char *out, unsigned long outlen);

#endif
