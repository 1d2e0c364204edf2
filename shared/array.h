/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Growing an array by doubling, with the multiplications checked: one helper for libseal and the tools. */
#ifndef SEAL_SHARED_ARRAY_H
#define SEAL_SHARED_ARRAY_H

#include <stddef.h>

/*
 * Room for more elements of size bytes in v, which holds *cap now: the new
 * array (realloc'd, at least min elements, twice *cap otherwise) with *cap
 * updated, or NULL with errno ENOMEM and v and *cap left as they were (also
 * when the new size in bytes would not fit in a size_t). Use:
 *	if (n == cap) { p = array_grow(v, &cap, sizeof(*v), 64); if (!p) ...; v = p; }
 */
void *array_grow(void *v, size_t *cap, size_t size, size_t min);

#endif
