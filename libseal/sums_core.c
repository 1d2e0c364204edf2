// SPDX-License-Identifier: LGPL-2.1-or-later
/* The sums-list line parser: freestanding, compiled into libseal and into seal.ko. */
#include "seal/sums_core.h"

/*
 * Keep this file free of libc and of kernel headers: kmod/sums_core.c
 * includes it as it is. Everything here is bounded by the lengths passed in
 * and never reads past them.
 */

static const char *const seal_sums_errstr[SEAL_SUMS_E_MAX] = {
	[SEAL_SUMS_OK] = "ok",
	[SEAL_SUMS_E_TOO_LONG] = "line too long",
	[SEAL_SUMS_E_NUL] = "NUL byte in line",
	[SEAL_SUMS_E_HEX] = "digest has a character that is not a hex digit",
	[SEAL_SUMS_E_DIGEST_LEN] = "digest is neither 32 (MD5) nor 64 (SHA-256) hex digits",
	[SEAL_SUMS_E_SEPARATOR] = "digest must be followed by two spaces or by \" *\"",
	[SEAL_SUMS_E_NO_PATH] = "no path after the digest",
	[SEAL_SUMS_E_MIXED] = "MD5 and SHA-256 digests mixed in one list",
	[SEAL_SUMS_E_CR] = "carriage return inside the line",
	[SEAL_SUMS_E_EMPTY] = "list holds no entries",
};

const char *seal_sums_strerror(int err)
{
	if (err < 0)
		err = -err;
	if (err >= SEAL_SUMS_E_MAX)
		return "unknown error";
	return seal_sums_errstr[err];
}

unsigned long seal_digest_len(enum seal_alg alg)
{
	switch (alg) {
	case SEAL_ALG_MD5:
		return SEAL_MD5_LEN;
	case SEAL_ALG_SHA256:
		return SEAL_SHA256_LEN;
	default:
		return 0;
	}
}

const char *seal_alg_name(enum seal_alg alg)
{
	switch (alg) {
	case SEAL_ALG_MD5:
		return "md5";
	case SEAL_ALG_SHA256:
		return "sha256";
	default:
		return "none";
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void seal_hex_encode(const unsigned char *digest, unsigned long len, char *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned long i;

	for (i = 0; i < len; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 0xf];
	}
	out[2 * len] = '\0';
}

int seal_hex_decode(const char *hex, unsigned long hexlen, unsigned char *out, unsigned long outlen)
{
	unsigned long i;

	if (hexlen != 2 * outlen)
		return -SEAL_SUMS_E_DIGEST_LEN;
	for (i = 0; i < outlen; i++) {
		int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -SEAL_SUMS_E_HEX;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

int seal_sums_parse_line(const char *line, unsigned long len, struct seal_sums_line *out)
{
	unsigned long i, ndigits, start;

	out->kind = SEAL_SUMS_SKIP;
	out->alg = SEAL_ALG_NONE;
	out->binary = 0;
	out->escaped = 0;
	out->path = 0;
	out->path_len = 0;

	/* CRLF files: drop one '\r' at the end; any other '\r' is an error below. */
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len > SEAL_SUMS_LINE_MAX)
		return -SEAL_SUMS_E_TOO_LONG;
	for (i = 0; i < len; i++) {
		if (line[i] == '\0')
			return -SEAL_SUMS_E_NUL;
		if (line[i] == '\r')
			return -SEAL_SUMS_E_CR;
	}

	for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
		;
	if (i == len)
		return 0;                       /* blank */
	start = 0;
	if (line[0] == '#') {
		for (i = 0; i < SEAL_SUMS_IMAGE_TAG_LEN && i < len; i++)
			if (line[i] != SEAL_SUMS_IMAGE_TAG[i])
				return 0;       /* comment */
		if (i < SEAL_SUMS_IMAGE_TAG_LEN)
			return 0;               /* comment */
		start = SEAL_SUMS_IMAGE_TAG_LEN;
	}

	/* md5sum and sha256sum start a line with '\' when they escaped the name. */
	if (start < len && line[start] == '\\') {
		out->escaped = 1;
		start++;
	}

	for (i = start; i < len && hexval(line[i]) >= 0; i++)
		;
	ndigits = i - start;
	if (i < len && line[i] != ' ')
		return -SEAL_SUMS_E_HEX;
	if (ndigits == 2 * SEAL_MD5_LEN)
		out->alg = SEAL_ALG_MD5;
	else if (ndigits == 2 * SEAL_SHA256_LEN)
		out->alg = SEAL_ALG_SHA256;
	else
		return -SEAL_SUMS_E_DIGEST_LEN;

	if (len - i < 2 || line[i] != ' ' || (line[i + 1] != ' ' && line[i + 1] != '*'))
		return -SEAL_SUMS_E_SEPARATOR;
	out->binary = line[i + 1] == '*';
	i += 2;
	if (i == len)
		return -SEAL_SUMS_E_NO_PATH;

	/* Cannot fail: the digits and their number were checked above. */
	seal_hex_decode(line + start, ndigits, out->digest, seal_digest_len(out->alg));
	out->path = line + i;
	out->path_len = len - i;
	out->kind = line[0] == '#' ? SEAL_SUMS_IMAGE : SEAL_SUMS_ENTRY;
	return 0;
}

void seal_sums_cursor_init(struct seal_sums_cursor *c, const char *buf, unsigned long len)
{
	c->buf = buf;
	c->len = len;
	c->off = 0;
	c->lineno = 0;
	c->alg = SEAL_ALG_NONE;
	c->entries = 0;
}

int seal_sums_next(struct seal_sums_cursor *c, struct seal_sums_line *out)
{
	while (c->off < c->len) {
		const char *line = c->buf + c->off;
		unsigned long n = 0;
		int err;

		while (c->off + n < c->len && line[n] != '\n')
			n++;
		c->off += n + (c->off + n < c->len);    /* step over the '\n' if there is one */
		c->lineno++;

		err = seal_sums_parse_line(line, n, out);
		if (err < 0)
			return err;
		if (out->kind == SEAL_SUMS_SKIP)
			continue;
		if (c->alg == SEAL_ALG_NONE)
			c->alg = out->alg;
		else if (c->alg != out->alg)
			return -SEAL_SUMS_E_MIXED;
		c->entries++;
		return 1;
	}
	if (c->entries == 0)
		return -SEAL_SUMS_E_EMPTY;     /* callers report this one without a line number */
	return 0;
}

/*
 * The digest rule (docs/design.md): the kernel side keeps, of a list, the
 * digests of module images only: every "#image" line, and the ordinary lines
 * of files stored uncompressed. An ordinary line of a compressed file holds
 * the digest of the file as stored, which seal never hashes; it stays in the
 * list for sha256sum -c and seal-verify's check of the files on disk.
 */
int seal_sums_line_is_image(const struct seal_sums_line *line)
{
	static const char *const suffix[] = { ".xz", ".zst", ".gz" };
	unsigned long i, n;

	if (line->kind == SEAL_SUMS_IMAGE)
		return 1;
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		for (n = 0; suffix[i][n]; n++)
			;
		if (line->path_len >= n) {
			const char *end = line->path + line->path_len - n;
			unsigned long k = 0;

			while (k < n && end[k] == suffix[i][k])
				k++;
			if (k == n)
				return 0;
		}
	}
	return 1;
}

/*
 * 1 if line is the "#image" line of the compressed file prev names: the same
 * path, written the same way, directly after the file's own line (the order
 * seal-mksums writes). seal.ko then knows the image digest that belongs to
 * the exact bytes of that file, without decompressing them.
 */
int seal_sums_lines_pair(const struct seal_sums_line *prev, const struct seal_sums_line *line)
{
	unsigned long i;

	if (prev->kind != SEAL_SUMS_ENTRY || line->kind != SEAL_SUMS_IMAGE ||
	    seal_sums_line_is_image(prev) || prev->alg != line->alg ||
	    prev->escaped != line->escaped || prev->path_len != line->path_len)
		return 0;
	for (i = 0; i < line->path_len; i++)
		if (prev->path[i] != line->path[i])
			return 0;
	return 1;
}
