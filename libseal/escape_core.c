// SPDX-License-Identifier: LGPL-2.1-or-later
/* The escaping rule of seal/escape.h: freestanding, compiled into libseal and into seal.ko. */
#include "seal/escape.h"

/* Keep this file free of libc and of kernel headers: kmod/escape_core.c includes it as it is. */

static int seal_escape_plain(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != '\\' && c != '"';
}

/* seal_escape() and seal_escape_message(): keep_space lets ' ' through. */
static unsigned long seal_escape_rule(char *dst, unsigned long size, const char *src, int keep_space)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;
	unsigned long len = 0, out = 0, room;
	const char *m;

	for (p = (const unsigned char *)src; *p; p++)
		len += seal_escape_plain(*p) || (keep_space && *p == ' ') ? 1 : 4;
	if (size == 0)
		return len;
	/* All of it, or as many whole escapes as leave room for the cut mark and the NUL. */
	if (len < size)
		room = len;
	else if (size >= sizeof(SEAL_ESCAPE_CUT))
		room = size - sizeof(SEAL_ESCAPE_CUT);
	else
		room = 0;
	for (p = (const unsigned char *)src; *p; p++) {
		if (seal_escape_plain(*p) || (keep_space && *p == ' ')) {
			if (out + 1 > room)
				break;
			dst[out++] = (char)*p;
		} else {
			if (out + 4 > room)
				break;
			dst[out++] = '\\';
			dst[out++] = 'x';
			dst[out++] = hex[*p >> 4];
			dst[out++] = hex[*p & 15];
		}
	}
	if (len >= size && size >= sizeof(SEAL_ESCAPE_CUT))
		for (m = SEAL_ESCAPE_CUT; *m; m++)
			dst[out++] = *m;
	dst[out] = '\0';
	return len;
}

unsigned long seal_escape(char *dst, unsigned long size, const char *src)
{
	return seal_escape_rule(dst, size, src, 0);
}

/* Only the tools need these; seal.ko escapes and never reads an escaped value back. */
#ifndef __KERNEL__
unsigned long seal_escape_message(char *dst, unsigned long size, const char *src)
{
	return seal_escape_rule(dst, size, src, 1);
}

static int seal_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

long seal_unescape(char *s)
{
	unsigned long r, w = 0;

	/* Check the whole value first: s stays unchanged when it is not an escaped value. */
	for (r = 0; s[r]; r++) {
		if (s[r] == '\\') {
			if (s[r + 1] != 'x' || seal_hex_value(s[r + 2]) < 0 || seal_hex_value(s[r + 3]) < 0)
				return -1;
			r += 3;
		} else if (!seal_escape_plain((unsigned char)s[r])) {
			return -1;
		}
	}
	for (r = 0; s[r]; r++, w++) {
		if (s[r] == '\\') {
			s[w] = (char)(seal_hex_value(s[r + 2]) << 4 | seal_hex_value(s[r + 3]));
			r += 3;
		} else {
			s[w] = s[r];
		}
	}
	s[w] = '\0';
	return (long)w;
}
#endif
