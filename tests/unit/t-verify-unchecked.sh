#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-verify exit 2: what it could not check is named on stderr; findings still win (exit 1).
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/verify.sh"
verify_setup

# The list seal.ko sealed with removed or spoilt: the seal check still runs and finds it changed
# (exit 1); the checks that need the list are named as not done.
fresh
rm "$tmp/r/lib/modules/sha256sums"
verify "$tmp/r"
is_rc 1 "$rc" "no list: exit 1 (the sealed list is gone)"
like "$err" "seal-verify: $tmp/r/lib/modules/md5sums: No such file or directory: module files and loaded modules not checked" \
	"no list: the file is named, and what was not checked"
like "$out" "seal-verify: seal-sums-changed /lib/modules/sha256sums" "no list: the seal check still ran"
# The sealed list replaced by a dangling symlink: the finding says so, with the link's target.
fresh
rm "$tmp/r/lib/modules/sha256sums"
ln -s /lib/modules/sha256sums.gone "$tmp/r/lib/modules/sha256sums"
verify "$tmp/r"
is_rc 1 "$rc" "sealed list now a dangling symlink: exit 1"
like "$out" "seal-verify: seal-sums-changed /lib/modules/sha256sums sealed=" "sealed list now a dangling symlink: seal-sums-changed"
like "$out" "now=a\\x20dangling\\x20symlink\\x20to\\x20/lib/modules/sha256sums.gone" "sealed list now a dangling symlink: the finding names the link's target"

# The MD5 list only when there is no SHA-256 list at all; a dangling sha256sums symlink is a list
# that cannot be read (exit 2), not a missing one. Sealed without sums= here: no seal-sums-changed.
md5list() {
	( cd "$1" && cut -c67- lib/modules/sha256sums | while read -r p; do
		printf '%s  %s\n' "$(md5sum < ".$p" | cut -d' ' -f1)" "$p"
	done ) > "$1/lib/modules/md5sums"
}
fresh
md5list "$tmp/r"
: > "$tmp/r/sys/kernel/seal/sums"
rm "$tmp/r/lib/modules/sha256sums"
verify "$tmp/r"
is_rc 0 "$rc" "no sha256sums, good md5sums: exit 0 (the MD5 list is used)"
verify "$tmp/r" -v
like "$err" "$tmp/r/lib/modules/md5sums: 5 entries (md5)" "no sha256sums: the MD5 list is the one read"
ln -s /lib/modules/sha256sums.gone "$tmp/r/lib/modules/sha256sums"
verify "$tmp/r"
is_rc 2 "$rc" "dangling sha256sums symlink, good md5sums: exit 2 (the MD5 list is not used)"
like "$err" "seal-verify: $tmp/r/lib/modules/sha256sums: a dangling symlink to /lib/modules/sha256sums.gone: module files and loaded modules not checked" \
	"dangling sha256sums symlink: the link and its target named, and what was not checked"

fresh
echo "not a digest line" >> "$tmp/r/lib/modules/sha256sums"
n=$(wc -l < "$tmp/r/lib/modules/sha256sums")
verify "$tmp/r"
is_rc 1 "$rc" "bad list line: exit 1 (the sealed list changed)"
like "$err" "sha256sums:$n:" "bad list line: FILE:LINE named"

# The running kernel's module tree moved away: a module hidden from /proc/modules is still named.
fresh
fake_module "$tmp/r" rk sysfs ftrace
# shellcheck disable=SC2010 # the fake root's one kernel
mv "$tmp/r/lib/modules/$(ls "$tmp/r/lib/modules" | grep -v sums | head -1)" "$tmp/r/moved"
verify "$tmp/r"
is_rc 1 "$rc" "module tree moved away, a hidden module: exit 1"
like "$out" "seal-verify: hidden rk seen=sysfs,ftrace" "module tree moved away: the hidden module is named"
like "$err" "module files and loaded modules not checked against it" "module tree moved away: the gap is named"

fresh
verify "$tmp/r" -k 9.9.9-none
is_rc 2 "$rc" "no /lib/modules/KVER: exit 2"
like "$err" "/lib/modules/9.9.9-none: No such file or directory" "no /lib/modules/KVER: named"

fresh
rm "$tmp/r/proc/sys/kernel/osrelease"
verify "$tmp/r"
is_rc 2 "$rc" "--root without osrelease nor -k: exit 2"
like "$err" "give -k KVER" "--root without osrelease: says to give -k"
verify "$tmp/r" -k "$KVER"
is_rc 0 "$rc" "-k KVER instead: exit 0"
# The kernel-release rule of seal-mksums -k (libseal's seal_is_kernel_release): '' is none.
for k in '' . .. ../x; do
	verify "$tmp/r" -k "$k"
	is_rc 2 "$rc" "-k '$k': exit 2"
	like "$err" "-k $k: not a kernel release" "-k '$k': says so"
done

fresh
rm "$tmp/r/proc/modules"
verify "$tmp/r"
is_rc 2 "$rc" "no /proc/modules: exit 2"
like "$err" "proc/modules: No such file or directory: view proc_modules not checked" "no /proc/modules: named"

# A finding and a gap together: exit 1 (findings are certain, the gap is reported too).
printf 'x' >> "$tmp/r/lib/modules/$KVER/kernel/drivers/net/ifb.ko"
verify "$tmp/r"
is_rc 1 "$rc" "finding plus a gap: exit 1"
like "$out" "errors=1" "finding plus a gap: the gap is counted"

run "$SEAL_VERIFY" --root "$tmp/none"
is_rc 2 "$rc" "--root that does not exist: exit 2"

done_testing
