#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-mksums' digest cache: used, never wrong (a changed, replaced or truncated file is read again), the same list without it, and ignored when it can't vouch.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/common.sh"
require_tools "$SEAL_MKSUMS"

D61=${SEAL_TEST_MODDIR_6_1:-}
D612=${SEAL_TEST_MODDIR_6_12:-}
[ -n "$D612" ] && [ -d "$D612/kernel" ] || skip_all "no Debian 6.12 module tree (SEAL_TEST_MODDIR_6_12 unset): no .ko.xz to cache images of"
[ -n "$D61" ] && [ -d "$D61/kernel" ] || skip_all "no Debian 6.1 module tree (SEAL_TEST_MODDIR_6_1 unset)"

# A small tree: three .ko.xz and two .ko.
T=$tmp/tree/kernel
mkdir -p "$T" "$tmp/c"
for m in dummy nlmon ifb; do cp "$(find "$D612" -name "$m.ko.xz" | head -1)" "$T/"; done
for m in veth msr; do cp "$(find "$D61" -name "$m.ko" | head -1)" "$T/"; done
C=$tmp/c/mksums.cache
# shellcheck disable=SC2120 # options may be given
mk() { run "$SEAL_MKSUMS" -v --cache "$C" -o "$tmp/list" "$@" "$tmp/tree"; }
# what the list must be, by coreutils and xz: each file's line, then a compressed one's image line
ref() {
	local f
	for f in $(cd / && find "$tmp/tree" -name '*.ko*' | LC_ALL=C sort); do
		sha256sum "$f"
		case "$f" in *.xz) echo "#image $(xz -dc "$f" | sha256sum | cut -d' ' -f1)  $f" ;; esac
	done
}
counts() { sed -n 's/^seal-mksums: \([0-9]*\) digests from the cache, \([0-9]*\) to compute$/\1+\2/p' <<<"$err"; }
# Files changed in the second before a run serve that run only: let the tree age.
sleep 2

mk
is_rc 0 "$rc" "first run: exit 0"
is "0+8" "$(counts)" "first run: nothing from the cache, 8 digests computed (5 files, 3 images)"
is "$(ref)" "$(cat "$tmp/list")" "first run: each file's sha256sum, and xz -dc | sha256sum for each .ko.xz"
is 600 "$(stat -c %a "$C")" "the cache is written, mode 600"
mk
is "8+0" "$(counts)" "unchanged re-run: every digest from the cache, no file read"
is "$(ref)" "$(cat "$tmp/list")" "unchanged re-run: the same list"
run "$SEAL_MKSUMS" --no-cache -o "$tmp/list.nocache" "$tmp/tree"
ok "$(cmp -s "$tmp/list" "$tmp/list.nocache"; echo $?)" "the list with the cache is byte-identical to --no-cache's"
run "$SEAL_MKSUMS" -d --no-cache -o "$tmp/list.d" "$tmp/tree"
ok "$(cmp -s "$tmp/list" "$tmp/list.d"; echo $?)" "-d changes nothing: the image lines are always written"

# The cache is what the re-run believes: its owner can make it say anything (why it must be root's).
cp "$C" "$tmp/cache.good"
want=$(sha256sum <"$T/veth.ko" | cut -d' ' -f1)
forged=$(printf '%064d' 0)
sed "/ sha256=$want/s/ sha256=$want/ sha256=$forged/; /^end /d" "$tmp/cache.good" >"$C"
echo "end $(sha256sum <"$C" | cut -d' ' -f1)" >>"$C"
mk
like "$(cat "$tmp/list")" "$forged  $T/veth.ko" "a re-run takes the file's digest from the cache (a forged entry shows it)"
cp "$tmp/cache.good" "$C"

# Same size, mtime put back: ctime moved, the file is read again.
cp -p "$T/veth.ko" "$tmp/veth.orig"
printf '\x01' | dd of="$T/veth.ko" bs=1 seek=200 conv=notrunc status=none
touch -r "$tmp/veth.orig" "$T/veth.ko"
is "$(stat -c '%s %y' "$tmp/veth.orig")" "$(stat -c '%s %y' "$T/veth.ko")" "setup: same size and mtime after the patch"
sleep 2
mk
is "7+1" "$(counts)" "a byte patched, size and mtime kept: that file alone is read"
is "$(ref)" "$(cat "$tmp/list")" "a byte patched: the list has its new digest"

# A compressed module rewritten in place (other bytes, mtime put back): file and image read again.
cp -p "$T/dummy.ko.xz" "$tmp/dummy.orig"
xz -dc "$tmp/dummy.orig" | LC_ALL=C sed 's/license=GPL/license=GPX/' | xz -c --check=crc32 >"$tmp/dummy.new"
cat "$tmp/dummy.new" >"$T/dummy.ko.xz"
touch -r "$tmp/dummy.orig" "$T/dummy.ko.xz"
sleep 2
mk
is "6+2" "$(counts)" "a .ko.xz rewritten in place: its file and its image are computed again"
is "$(ref)" "$(cat "$tmp/list")" "a .ko.xz rewritten: both of its lines are new"

# Replaced by rename (another inode, the same name, the old mtime), and truncated.
cp -p "$T/nlmon.ko.xz" "$tmp/nlmon.orig"
cp "$T/ifb.ko.xz" "$T/.nlmon.new" && touch -r "$tmp/nlmon.orig" "$T/.nlmon.new" && mv "$T/.nlmon.new" "$T/nlmon.ko.xz"
truncate -s 4096 "$T/msr.ko"
sleep 2
mk
is "5+3" "$(counts)" "replaced by rename and truncated: those two files (and the image) are read again"
is "$(ref)" "$(cat "$tmp/list")" "replaced by rename and truncated: the list is right"

# A cache that can't vouch is ignored whole, with a warning; the list stays right.
cp "$C" "$tmp/cache.good"
check_ignored() {
	mk
	is_rc 0 "$rc" "$1: exit 0"
	is "0+8" "$(counts)" "$1: every digest computed"
	like "$err" "$2" "$1: the warning says why"
	is "$(ref)" "$(cat "$tmp/list")" "$1: the list is right"
	rm -f "$C" && cp "$tmp/cache.good" "$C" && chmod 600 "$C"
}
# one digit of one digest changed: the checksum line no longer matches
sed '2s/=\(.\)/=x\1/; 2s/=x0/=1/; 2s/=x[^0]/=0/' "$tmp/cache.good" >"$C"
check_ignored "a corrupt cache (one digit changed)" "its last line is not the checksum"
head -c 1000 "$tmp/cache.good" >"$C"
check_ignored "a cache cut short" "its last line is not the checksum"
chmod 666 "$C"
check_ignored "a world-writable cache" "writable by others: ignored"
if [ "$(id -u)" = 0 ]; then
	chown 65534:65534 "$C"
	check_ignored "a cache owned by someone else" "not owned by uid 0"
else
	skip "a cache owned by someone else" "not root"
fi
chmod 777 "$tmp/c"
check_ignored "a cache in a directory anyone may write" "its directory"
chmod 700 "$tmp/c"
rm -f "$C" && ln -s "$tmp/cache.good" "$C"
check_ignored "a symlinked cache" "a symlink: ignored"
rm -f "$C"

# --no-cache neither reads nor writes it.
run "$SEAL_MKSUMS" --no-cache --cache "$C" -o "$tmp/list" "$tmp/tree"
ok "$([ ! -e "$C" ]; echo $?)" "--no-cache: no cache file written"

# The default cache serves the trees under /lib/modules only; a copy elsewhere is not cached.
run "$SEAL_MKSUMS" -v -o "$tmp/list" "$tmp/tree"
like "$err" "not under /lib/modules: the default cache is not used" "a tree outside /lib/modules: the default cache is not used"
if have_userns; then
	# /var/cache is a tmpfs of the namespace (in_ns): the default cache is written there, not on the host.
	run in_ns 'mount -t tmpfs seal-test /lib/modules && mkdir -p /lib/modules/6.12.0-t && cp -a "$1/." /lib/modules/6.12.0-t/ &&
		sleep 2 && "$2" -v --no-dpkg -k 6.12.0-t 2>&1 | grep "from the cache"; "$2" -v --no-dpkg -k 6.12.0-t 2>&1 | grep "from the cache";
		stat -c %a /var/cache/seal /var/cache/seal/mksums.cache' "$tmp/tree" "$SEAL_MKSUMS"
	is "seal-mksums: 0 digests from the cache, 8 to compute
seal-mksums: 8 digests from the cache, 0 to compute
700
600" "$out" "-k KVER: the default cache /var/cache/seal/mksums.cache (directory 700, file 600), used by the next run"
else
	skip "-k KVER: the default cache" "no user namespaces (unshare -rm)"
fi

done_testing
