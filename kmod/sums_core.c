// SPDX-License-Identifier: GPL-2.0-only
/* seal.ko's list parser is libseal's freestanding core, compiled here from the very same file. */
#include "../libseal/sums_core.c"
