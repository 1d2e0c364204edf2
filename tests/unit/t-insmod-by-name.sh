#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-insmod NAME resolves like modprobe (libkmod): dependencies first, modprobe.d options, the
# blacklist for aliases only, install commands refused, each file checked against the list.
# Nothing here loads a module: every run has --dry-run (and -d/-S, which need it).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/common.sh"
require_tools "$SEAL_INSMOD"
command -v depmod >/dev/null || skip_all "no depmod (kmod) to index the test tree"
src=${SEAL_TEST_MODDIR_6_1:-}
[ -n "$src" ] && [ -f "$src/kernel/drivers/net/macvtap.ko" ] ||
	skip_all "no Debian 6.1 module tree (SEAL_TEST_MODDIR_6_1 unset): no real modules to resolve"
kver=$(basename "$src")
r="$tmp/root"
net="$r/lib/modules/$kver/kernel/drivers/net"
mkdir -p "$net" "$r/etc/modprobe.d"
for m in macvtap macvlan tap dummy ifb; do cp "$src/kernel/drivers/net/$m.ko" "$net/"; done
depmod -b "$r" "$kver" || skip_all "depmod -b $r $kver failed"
(cd "$net" && sha256sum macvlan.ko macvtap.ko dummy.ko ifb.ko) >"$tmp/list"   # not tap.ko
sha256sum "$net/tap.ko" >"$tmp/list-tap"
cat "$tmp/list" "$tmp/list-tap" >"$tmp/all"
byname() {
	run "$SEAL_INSMOD" --dry-run -d "$r" -S "$kver" "$@"
}

byname --sums "$tmp/all" macvtap foo=1
is_rc 0 "$rc" "macvtap with its dependencies: exit 0"
is "tap macvlan macvtap" "$(echo "$out" | sed -n 's/.*would load .* (\([a-z_]*\)):.*/\1/p' | tr '\n' ' ' | sed 's/ $//')" \
	"dependencies first, then the module"
like "$out" "(macvtap): finit_module(sealed memfd of $(stat -c %s "$net/macvtap.ko") bytes, \"foo=1\", 0)" \
	"command-line parameters go to the module asked for"
like "$out" "(tap): finit_module(sealed memfd of $(stat -c %s "$net/tap.ko") bytes, \"\", 0)" \
	"a dependency gets no command-line parameters"

byname --sums "$tmp/list" macvtap
is_rc 1 "$rc" "a dependency not on the list: exit 1"
like "$err" "$net/tap.ko: not on the allow-list $tmp/list" "a dependency not on the list: names its file"
like "$err" "macvtap: not loaded: a dependency was refused" "a dependency not on the list: the module is not loaded"

# A module met twice is answered the same: tap, refused as macvtap's soft dependency (best effort),
# stays refused as its dependency, and macvtap is not loaded (it was, once the softdep had been seen).
printf 'softdep macvtap pre: tap\n' >"$r/etc/modprobe.d/seal-test.conf"
byname --sums "$tmp/list" macvtap
is_rc 1 "$rc" "a refused soft dependency that is also a dependency: exit 1"
like "$err" "macvtap: not loaded: a dependency was refused" "a refused soft dependency that is also a dependency: the module is not loaded"
unlike "$out" "(macvtap):" "a refused soft dependency that is also a dependency: macvtap would not be loaded"
byname --sums "$tmp/all" macvtap
is "tap macvlan macvtap" "$(echo "$out" | sed -n 's/.*would load .* (\([a-z_]*\)):.*/\1/p' | tr '\n' ' ' | sed 's/ $//')" \
	"a soft dependency that is also a dependency: loaded once, first"

printf 'options dummy numdummies=2\nblacklist ifb\n' >"$r/etc/modprobe.d/seal-test.conf"
byname --sums "$tmp/all" dummy
like "$out" '(dummy): finit_module(sealed memfd of '"$(stat -c %s "$net/dummy.ko")"' bytes, "numdummies=2", 0)' \
	"modprobe.d options are passed"
byname --sums "$tmp/all" dummy numdummies=3
like "$out" '"numdummies=2 numdummies=3"' "command-line parameters after modprobe.d's, as modprobe"
byname --sums "$tmp/all" rtnl-link-ifb
is_rc 1 "$rc" "an alias of a blacklisted module: exit 1"
like "$err" "rtnl-link-ifb: every module with this alias is blacklisted" "an alias of a blacklisted module: says so"
byname --sums "$tmp/all" ifb
is_rc 0 "$rc" "a blacklisted module by its own name: loads, as with modprobe"
byname --sums "$tmp/all" rtnl-link-dummy
is_rc 0 "$rc" "an alias: exit 0"
like "$out" "(dummy):" "an alias resolves to its module"

printf 'install tap /bin/true\n' >>"$r/etc/modprobe.d/seal-test.conf"
byname --sums "$tmp/all" macvtap
is_rc 1 "$rc" "an install command on a dependency: exit 1"
like "$err" "tap: modprobe.d has an 'install' command for it; seal-insmod runs no commands" \
	"an install command: refused, and why"

byname --sums "$tmp/all" no_such_module
is_rc 1 "$rc" "an unknown name: exit 1"
like "$err" "no_such_module: no such module, and no module has it as an alias" "an unknown name: says so"

run "$SEAL_INSMOD" -d "$r" -S "$kver" --sums "$tmp/all" dummy
is_rc 1 "$rc" "-d/-S without --dry-run: exit 1"
like "$err" "-d and -S only go with --dry-run" "-d/-S without --dry-run: says so"
for k in '' ..; do
	run "$SEAL_INSMOD" --dry-run -d "$r" -S "$k" --sums "$tmp/all" dummy
	is_rc 1 "$rc" "-S '$k': exit 1"
	like "$err" "-S '$k': not a kernel release" "-S '$k': says so"
done

done_testing
