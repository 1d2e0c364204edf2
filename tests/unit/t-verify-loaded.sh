#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-verify check 2: loaded modules resolved through libkmod must have a listed file; built-ins are skipped.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/verify.sh"
verify_setup

mkroot "$tmp/r" || { echo "Bail out! could not build the fake root"; exit 1; }
dummy=/lib/modules/$KVER/kernel/drivers/net/dummy.ko
digest=$(sha256sum < "$tmp/r$dummy" | cut -d' ' -f1)

# The loaded module's file is no longer on the list (list rewritten without it, seal reloaded).
grep -v " $dummy\$" "$tmp/r/lib/modules/sha256sums" > "$tmp/list" && cp "$tmp/list" "$tmp/r/lib/modules/sha256sums"
reseal "$tmp/r"
verify "$tmp/r"
is_rc 1 "$rc" "loaded module not on the list: exit 1"
is "seal-verify: loaded-unlisted dummy path=$dummy sha256=$digest source=modules.dep" \
	"$(printf '%s\n' "$out" | grep ': loaded-unlisted ')" "loaded module not on the list: one line with name, path, digest"
like "$out" "seal-verify: new $dummy sha256=$digest" "and its file is new on disk"
relist "$tmp/r"; reseal "$tmp/r"

# A module the kernel runs but libkmod can't find in modules.dep or modules.builtin.
fake_module "$tmp/r" ghost proc sysfs kallsyms
verify "$tmp/r"
is_rc 1 "$rc" "loaded module without a file: exit 1"
is "seal-verify: loaded-no-file ghost why=not-in-modules.dep-or-modules.builtin moddir=/lib/modules/$KVER" \
	"$(printf '%s\n' "$out" | grep ': loaded-no-file ')" "loaded module without a file: one line"
mkroot "$tmp/r2"

# A built-in module that shows up with initstate (libkmod: in modules.builtin, no path) is skipped.
builtin=$(sed -n '1s|.*/||; 1s|\.ko$||p' "$tmp/r2/lib/modules/$KVER/modules.builtin" | tr - _)
if [ -n "$builtin" ]; then
	mkdir -p "$tmp/r2/sys/module/$builtin"
	echo live > "$tmp/r2/sys/module/$builtin/initstate"
	echo "$builtin 0 0 - Live 0xffffffffc0b00000" >> "$tmp/r2/proc/modules"
	verify "$tmp/r2" -v
	is_rc 0 "$rc" "built-in '$builtin' resolved by libkmod to no file: exit 0"
	like "$err" "$builtin: built-in, skipped" "built-in is said to be skipped (-v)"
else
	skip_ci_ok "built-in skipped" "modules.builtin of $KVER is empty: no built-in module to check against"
fi

done_testing
