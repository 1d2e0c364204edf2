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

	/* Checked here, not left to reallocarray(): ASan aborts on its overflow instead of failing. */
	if (*cap > SIZE_MAX / 2 || size == 0)
		goto overflow;
	n = *cap * 2 > min ? *cap * 2 : min;
	if (n > SIZE_MAX / size)
		goto overflow;
	p = realloc(v, n * size);
	if (!p)
		return NULL;
	*cap = n;
	return p;
overflow:
	errno = ENOMEM;
	return NULL;
}
