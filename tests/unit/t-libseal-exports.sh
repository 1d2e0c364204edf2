#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# libseal.so exports exactly what debian/libseal0.symbols lists, each declared in include/seal/, all in LIBSEAL_0.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/common.sh"

so="$top_builddir/libseal/.libs/libseal.so.0"
[ -f "$so" ] || skip_all "$so not built (a static-only build has no exports to check)"
command -v nm >/dev/null || skip_all "nm not installed (binutils)"

export LC_ALL=C
nm -D --defined-only "$so" | awk '$2 == "T" { print $3 }' >"$tmp/versioned"
sed 's/@@LIBSEAL_0$//' "$tmp/versioned" | sort >"$tmp/exported"
sed -n 's/^ \(seal_[a-z0-9_]*\)@LIBSEAL_0 .*/\1/p' "$top_srcdir/debian/libseal0.symbols" | sort >"$tmp/listed"
is "" "$(grep -v '@@LIBSEAL_0$' "$tmp/versioned" | tr '\n' ' ')" "every export is in the version node LIBSEAL_0"
is "" "$(comm -3 "$tmp/exported" "$tmp/listed" | tr '\n\t' ' +')" \
	"exported functions = debian/libseal0.symbols (+NAME: listed, not exported)"
undeclared=
while read -r f; do
	grep -q "\b$f(" "$top_srcdir"/include/seal/*.h || undeclared="$undeclared $f"
done <"$tmp/exported"
is "" "$undeclared" "every export is declared in include/seal/"
ok "$(grep -qx 'array_grow\|read_retry\|ident_of_pid' "$tmp/exported"; [ $? -eq 1 ]; echo $?)" \
	"internal helpers (shared/, libseal/internal.h) are not exported"
done_testing
