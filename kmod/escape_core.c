// SPDX-License-Identifier: GPL-2.0-only
/* seal.ko escapes log values with libseal's freestanding rule, compiled here from the very same file. */
#include "../libseal/escape_core.c"
