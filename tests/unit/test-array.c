// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of array_grow: the first size, doubling, and refusal (array kept) when the size overflows. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "shared/array.h"
#include "tap.h"

int main(void)
{
	size_t cap = 0;
	int *v = NULL, *p;

	p = array_grow(v, &cap, sizeof(*v), 16);
	ok(p != NULL, "empty array: grows");
	is_int(16, cap, "empty array: to min elements");
	v = p;
	v[15] = 42;
	p = array_grow(v, &cap, sizeof(*v), 16);
	ok(p != NULL, "full array: grows");
	is_int(32, cap, "full array: doubles");
	v = p;
	is_int(42, v[15], "elements kept");

	cap = SIZE_MAX / 2 + 1;
	errno = 0;
	ok(array_grow(v, &cap, 1, 16) == NULL, "doubling past SIZE_MAX: refused");
	is_int(ENOMEM, errno, "doubling past SIZE_MAX: ENOMEM");
	ok(cap == SIZE_MAX / 2 + 1, "doubling past SIZE_MAX: cap unchanged");

	cap = SIZE_MAX / 8;
	errno = 0;
	ok(array_grow(v, &cap, 8, 16) == NULL, "cap * size past SIZE_MAX: refused");
	is_int(ENOMEM, errno, "cap * size past SIZE_MAX: ENOMEM");
	ok(cap == SIZE_MAX / 8, "cap * size past SIZE_MAX: cap unchanged");
	is_int(42, v[15], "refused: the array is still there");
	free(v);
	return tap_done();
}
