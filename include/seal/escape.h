/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The one escaping rule for values an attacker can choose, shared verbatim by libseal and seal.ko. */
#ifndef SEAL_ESCAPE_H
#define SEAL_ESCAPE_H

/*
 * Task names, executable paths, module names and file paths are chosen by
 * whoever runs the program or writes the file, root attacker included. Every
 * line seal writes (seal.ko's kernel log lines, seal-verify's text, JSON,
 * syslog, journald and metrics) prints such a value escaped by this one rule:
 *
 *   - bytes 0x21..0x7e pass as they are, except '\' and '"';
 *   - every other byte (controls, space, DEL, '\', '"', and every byte >= 0x80,
 *     so invalid UTF-8 too) becomes "\xHH", two lowercase hex digits;
 *   - a value cut short to fit ends in "\...".
 *
 * So an escaped value is one word of printable ASCII: it never holds a
 * newline, a space, a quote or a terminal escape, and it cannot end the line
 * or the key=value pair it sits in. '\' only ever starts "\xHH" or the "\..."
 * mark, so seal_unescape() gives back the exact bytes of a value not cut short.
 * No libc and no kernel headers, like sums_core.c.
 */

/* The mark that ends a value cut short. */
#define SEAL_ESCAPE_CUT "\\..."
/* Room for the escaped form of n bytes, with its NUL: every byte may take four. */
#define SEAL_ESCAPE_SIZE(n) (4 * (n) + 1)

/*
 * Escape the NUL-terminated src into dst (size bytes, NUL-terminated when
 * size > 0). Returns the length of the whole escaped value (as snprintf does):
 * a result >= size means it was cut short, and then dst ends in
 * SEAL_ESCAPE_CUT (when size >= 5) on a whole escape, never inside one.
 */
unsigned long seal_escape(char *dst, unsigned long size, const char *src);

/*
 * The same rule for a message, a sentence that names such values: spaces pass
 * as they are, every other byte as in seal_escape(). One message stays one
 * line and never reaches a terminal raw. Same return and cut as seal_escape().
 */
unsigned long seal_escape_message(char *dst, unsigned long size, const char *src);

/*
 * The reverse, in place: each "\xHH" back to its byte. Returns the length of
 * the bytes restored (s is NUL-terminated again; it may now hold NULs only if
 * the value did), or -1 with s unchanged when s is not an escaped value: a '\'
 * that does not start "\xHH", a raw byte the rule escapes, or a value cut short.
 */
long seal_unescape(char *s);

#endif
