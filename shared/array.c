// SPDX-License-Identifier: LGPL-2.1-or-later
/* Growing an array by doubling, with the multiplications checked. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "array.h"

void *array_grow(void *v, size_t *cap, size_t size, size_t min)
{
	size_t n;
	void *p;

	if (*cap > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	n = *cap * 2;
	if (n < min)
		n = min;
	p = reallocarray(v, n, size);        /* checks n * size */
	if (!p)
		return NULL;
	*cap = n;
	return p;
}
