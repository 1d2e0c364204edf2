#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-insmod --dry-run: listed modules pass, unlisted or tampered ones are refused; list choice and load method.
# Nothing here loads a module: every run that could reach the system call has --dry-run.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/common.sh"
require_tools "$SEAL_INSMOD"

src=${SEAL_TEST_MODDIR_6_1:-}
[ -n "$src" ] && [ -f "$src/kernel/drivers/net/dummy.ko" ] ||
	skip_all "no Debian 6.1 module tree (SEAL_TEST_MODDIR_6_1 unset): no real module to check"

mkdir -p "$tmp/m"
cp "$src/kernel/drivers/net/dummy.ko" "$src/kernel/drivers/net/nlmon.ko" "$tmp/m/"
dummy="$tmp/m/dummy.ko"
nlmon="$tmp/m/nlmon.ko"
sha256sum "$dummy" >"$tmp/list"
md5sum "$dummy" >"$tmp/list.md5"
sha_dummy=$(sha256sum <"$dummy" | cut -d' ' -f1)
sha_nlmon=$(sha256sum <"$nlmon" | cut -d' ' -f1)
md5_nlmon=$(md5sum <"$nlmon" | cut -d' ' -f1)

# ---- accept / refuse -----------------------------------------------------------
run "$SEAL_INSMOD" --dry-run --sums "$tmp/list" "$dummy"
is_rc 0 "$rc" "listed module: exit 0"
is "seal-insmod: dry run: would load $dummy (dummy): finit_module(sealed memfd of $(stat -c %s "$dummy") bytes, \"\", 0)" \
	"$out" "listed module: says it would finit_module the sealed memfd"

run "$SEAL_INSMOD" --dry-run --sums "$tmp/list" "$dummy" numdummies=3 foo=bar
like "$out" '"numdummies=3 foo=bar"' "PARAM=VALUE arguments joined by spaces as kmod's insmod does"

run "$SEAL_INSMOD" --dry-run -v --sums "$tmp/list" "$dummy"
like "$err" "sha256 $sha_dummy listed in $tmp/list:1" "-v: names the digest and the list line"

run "$SEAL_INSMOD" --dry-run --sums "$tmp/list" "$nlmon"
is_rc 1 "$rc" "unlisted module: exit 1"
is "seal-insmod: $nlmon: not on the allow-list $tmp/list (sha256 $sha_nlmon)" "$err" \
	"unlisted module: message names the file, the list and the digest"
is "" "$out" "unlisted module: no dry-run line"

# One byte changed inside .modinfo: still a valid ELF module, another digest.
cp "$dummy" "$tmp/m/tampered.ko"
off=$(grep -obUa 'license=' "$tmp/m/tampered.ko" | head -1 | cut -d: -f1)
[ -n "$off" ] || { echo "Bail out! no license= in $dummy to tamper with"; exit 1; }
printf 'L' | dd of="$tmp/m/tampered.ko" bs=1 seek="$off" conv=notrunc status=none
run "$SEAL_INSMOD" --dry-run --sums "$tmp/list" "$tmp/m/tampered.ko"
is_rc 1 "$rc" "one tampered byte: exit 1"
like "$err" "$tmp/m/tampered.ko: not on the allow-list $tmp/list (sha256 $(sha256sum <"$tmp/m/tampered.ko" | cut -d' ' -f1))" \
	"one tampered byte: refused with the new digest"

# The path column plays no part: a copy under another name with the same bytes is accepted.
cp "$dummy" "$tmp/m/renamed.ko"
run "$SEAL_INSMOD" --dry-run --sums "$tmp/list" "$tmp/m/renamed.ko"
is_rc 0 "$rc" "same bytes under another path: accepted (digest match, as in the seed)"

# --sums with an MD5 list: the algorithm comes from the list.
run "$SEAL_INSMOD" --dry-run --sums "$tmp/list.md5" "$dummy"
is_rc 0 "$rc" "--sums MD5 list: listed module accepted"
run "$SEAL_INSMOD" --dry-run --sums "$tmp/list.md5" "$nlmon"
is "seal-insmod: $nlmon: not on the allow-list $tmp/list.md5 (md5 $md5_nlmon)" "$err" \
	"--sums MD5 list: refusal gives the md5 digest"

# --sums naming a dangling symlink: refused, and said so (not "No such file or directory").
ln -s "$tmp/no-such-list" "$tmp/dangling"
run "$SEAL_INSMOD" --dry-run --sums "$tmp/dangling" "$dummy"
is_rc 1 "$rc" "--sums a dangling symlink: refused"
is "seal-insmod: $tmp/dangling: cannot read the allow-list: a dangling symlink to $tmp/no-such-list" "$err" \
	"--sums a dangling symlink: names the link and its target"

# A FIFO named like a module (it hung the read at open): not a regular file, without waiting.
mkfifo "$tmp/m/fifo.ko"
run timeout 20 "$SEAL_INSMOD" --dry-run --sums "$tmp/list.md5" "$tmp/m/fifo.ko"
is_rc 1 "$rc" "a FIFO as the module: refused, no hang"
like "$err" "$tmp/m/fifo.ko: not a regular file" "a FIFO as the module: says why"
rm -f "$tmp/m/fifo.ko"

# A file that is not a module at all.
printf 'not an ELF file\n' >"$tmp/m/text.ko"
run "$SEAL_INSMOD" --dry-run --sums "$tmp/list" "$tmp/m/text.ko"
is_rc 1 "$rc" "not an ELF file: exit 1"
like "$err" "$tmp/m/text.ko: not a loadable module" "not an ELF file: says so with the path"

# kmod's insmod usage: exit 1 for usage errors too; no -f.
run "$SEAL_INSMOD" --dry-run
is_rc 1 "$rc" "no FILE: exit 1"
like "$err" "missing module filename" "no FILE: says so"
run "$SEAL_INSMOD" -f --dry-run --sums "$tmp/list" "$dummy"
is_rc 1 "$rc" "-f: refused, exit 1"
run "$SEAL_INSMOD" --bogus
is_rc 1 "$rc" "unknown option: exit 1"

# ---- default lists and the load method, in a private mount namespace -----------------
if have_userns; then
	# Only md5sums: used, with a warning that MD5 is weak.
	run in_ns 'mount -t tmpfs seal-test /lib/modules && cp "$1" /lib/modules/md5sums &&
		"$2" --dry-run "$3"' "$tmp/list.md5" "$SEAL_INSMOD" "$dummy"
	is_rc 0 "$rc" "default: only /lib/modules/md5sums: accepted"
	like "$err" "MD5 is weak" "default: only /lib/modules/md5sums: warns that MD5 is weak"

	# Both: sha256sums wins, no warning.
	run in_ns 'mount -t tmpfs seal-test /lib/modules && cp "$1" /lib/modules/md5sums &&
		cp "$2" /lib/modules/sha256sums && "$3" --dry-run "$4"' \
		"$tmp/list.md5" "$tmp/list" "$SEAL_INSMOD" "$dummy"
	is_rc 0 "$rc" "default: /lib/modules/sha256sums: accepted"
	is "" "$err" "default: /lib/modules/sha256sums used, no MD5 warning"

	# A broken sha256sums never falls back to md5sums (fail closed).
	run in_ns 'mount -t tmpfs seal-test /lib/modules && cp "$1" /lib/modules/md5sums &&
		echo "zz  /x.ko" >/lib/modules/sha256sums && "$2" --dry-run "$3"' \
		"$tmp/list.md5" "$SEAL_INSMOD" "$dummy"
	is_rc 1 "$rc" "default: bad sha256sums, good md5sums: refused (fail closed)"
	like "$err" "/lib/modules/sha256sums:1:" "default: bad sha256sums: names FILE:LINE"

	# A dangling sha256sums symlink exists: it is broken, not missing (open() says ENOENT for both).
	run in_ns 'mount -t tmpfs seal-test /lib/modules && cp "$1" /lib/modules/md5sums &&
		ln -s /lib/modules/sha256sums.gone /lib/modules/sha256sums && "$2" --dry-run "$3"' \
		"$tmp/list.md5" "$SEAL_INSMOD" "$dummy"
	is_rc 1 "$rc" "default: dangling sha256sums symlink, good md5sums: refused (fail closed)"
	like "$err" "/lib/modules/sha256sums: cannot read the allow-list: a dangling symlink to /lib/modules/sha256sums.gone; refusing every module" \
		"default: dangling sha256sums symlink: names the link and its target"
	unlike "$err" "MD5 is weak" "default: dangling sha256sums symlink: the MD5 list is not used"
	is "" "$out" "default: dangling sha256sums symlink: no dry-run line"

	run in_ns 'mount -t tmpfs seal-test /lib/modules && "$1" --dry-run "$2"' "$SEAL_INSMOD" "$dummy"
	is_rc 1 "$rc" "default: no list at all: refused"
	like "$err" "neither /lib/modules/sha256sums nor /lib/modules/md5sums exists" \
		"default: no list at all: names both paths"

	# Compressed module: finit_module with MODULE_INIT_COMPRESSED_FILE when the kernel names the format
	# in /sys/module/compression, else decompressed in memory for init_module.
	xz -c "$dummy" >"$tmp/m/dummy.ko.xz"
	sha256sum "$tmp/m/dummy.ko.xz" >"$tmp/list.xz"
	plain=$(stat -c %s "$dummy")
	run in_ns 'mount -t tmpfs seal-test /sys/module && echo xz >/sys/module/compression &&
		"$1" --dry-run --sums "$2" "$3"' "$SEAL_INSMOD" "$tmp/list.xz" "$tmp/m/dummy.ko.xz"
	like "$out" "finit_module(sealed memfd of $(stat -c %s "$tmp/m/dummy.ko.xz") bytes, \"\", MODULE_INIT_COMPRESSED_FILE)" \
		"kernel decompresses xz: finit_module with MODULE_INIT_COMPRESSED_FILE on the stored bytes"
	run in_ns 'mount -t tmpfs seal-test /sys/module && echo zstd >/sys/module/compression &&
		"$1" --dry-run -v --sums "$2" "$3"' "$SEAL_INSMOD" "$tmp/list.xz" "$tmp/m/dummy.ko.xz"
	like "$out" "init_module($plain decompressed bytes, \"\")" \
		"kernel decompresses zstd only: .ko.xz decompressed in memory for init_module"
	like "$err" "does not decompress xz modules" "-v says why it decompressed in userland"
	like "$err" "a kernel sealed with sums= will refuse it" \
		"-v warns that the decompressed image is not on the list"
else
	skip "default lists and load method" "no user namespaces (unshare -rm) to mount over /lib/modules and /sys/module"
fi

done_testing
