#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-load --check: a good seal.conf passes; a bad line, a missing, MD5 or malformed list, a missing
# or relative program each fail with a message naming the file (and line), exit 1.
# Nothing here loads seal.ko: every run has --check, and runs without CAP_SYS_MODULE when root.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/common.sh"
require_tools "$SEAL_LOAD"

# check ARGS...: seal-load --check ARGS, never able to load a module.
check() {
	if [ "$(id -u)" = 0 ]; then
		run setpriv --bounding-set=-sys_module --inh-caps=-sys_module -- "$SEAL_LOAD" --check "$@"
	else
		run "$SEAL_LOAD" --check "$@"
	fi
}

sha=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
printf '%s  /lib/modules/x/a.ko\n' "$sha" >"$tmp/sha256sums"
printf 'd41d8cd98f00b204e9800998ecf8427e  /lib/modules/x/a.ko\n' >"$tmp/md5sums"
printf '%s  /a.ko\nnot a line\n' "$sha" >"$tmp/bad.sums"
cp "$SEAL_LOAD" "$tmp/loader" 2>/dev/null || : >"$tmp/loader"

conf() {
	printf '%s\n' "$@" >"$tmp/seal.conf"
}

conf "# early profile" "sums=$tmp/sha256sums"
check --config "$tmp/seal.conf"
is_rc 0 "$rc" "good config: exit 0"
like "$out" "seal-load: $tmp/seal.conf: ok: seal.ko sums=$tmp/sha256sums" "good config: says what it would load"

conf "sums=$tmp/sha256sums" "insmod=$tmp/loader" "lockdown_allow=hibernation,pci_access:$tmp/loader" "no_remove=true"
check --config "$tmp/seal.conf"
is_rc 0 "$rc" "late profile with programs: exit 0"

conf ""
check --config "$tmp/seal.conf"
is_rc 0 "$rc" "no parameters: exit 0"
like "$out" "no module may load" "no parameters: says it seals completely"

conf "sums=$tmp/sha256sums" "frobnicate=1"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "unknown key: exit 1"
like "$err" "$tmp/seal.conf:2: unknown key 'frobnicate'" "unknown key: names FILE:LINE and the key"
like "$err" "not sealed" "unknown key: says nothing is sealed"

conf "sums=$tmp/nonexistent"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "missing list: exit 1"
like "$err" "sums=$tmp/nonexistent: No such file or directory" "missing list: names it"

conf "sums=$tmp/md5sums"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "MD5 list: exit 1"
like "$err" "an MD5 list" "MD5 list: says seal.ko takes SHA-256 only"

conf "sums=$tmp/bad.sums"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "bad list: exit 1"
like "$err" "$tmp/bad.sums:2:" "bad list: names the list's FILE:LINE"

conf "sums=$tmp/sha256sums" "insmod=$tmp/no-such-loader"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "missing insmod= program: exit 1"
like "$err" "insmod=$tmp/no-such-loader: No such file or directory" "missing insmod= program: names it"

conf "mem_allow=usr/bin/Xorg"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "relative mem_allow= program: exit 1"
like "$err" "not an absolute path" "relative mem_allow= program: says so"

conf "lockdown_allow=pci_access:$tmp"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "lockdown_allow= program that is a directory: exit 1"
like "$err" "not a regular file" "lockdown_allow= program that is a directory: says so"

check --config "$tmp/no-such.conf"
is_rc 1 "$rc" "missing config: exit 1"
like "$err" "$tmp/no-such.conf: cannot read: No such file or directory" "missing config: names it"

check --config "$tmp/seal.conf" extra
is_rc 2 "$rc" "stray argument: exit 2"
run "$SEAL_LOAD" --bogus
is_rc 2 "$rc" "unknown option: exit 2"
run "$SEAL_LOAD" --help
is_rc 0 "$rc" "--help: exit 0"
like "$out" "--check" "--help: lists --check"

done_testing
