# SPDX-License-Identifier: GPL-2.0-or-later
# seal.ko given malformed sums= lists (garbage, 1 MB line, NUL, 10^6 entries, loops...): each load is refused, no oops.
# vm-timeout: 600

# no_oops WHAT: the kernel log holds no oops, BUG, WARNING or trace since the last dmesg -c.
no_oops() {
	local bad
	bad=$(dmesg | grep -E 'Oops|BUG:|WARNING:|Call Trace|general protection|KASAN|UBSAN' | head -3)
	if [ -z "$bad" ]; then pass "$1: no oops"; else fail "$1: the kernel complained: $bad"; fi
}

# refused_list WHAT FILE: insmod seal.ko sums=FILE fails, nothing stays loaded, the kernel is fine.
refused_list() {
	dmesg -c >/dev/null
	seal_load_refused "sums=$2"
	no_oops "$1"
}

p=$(module_plain dummy)
good=$(sha256sum "$p" | cut -d' ' -f1)

refused_list "missing file" /tmp/no-such-sums
expect_logged "seal: sums /tmp/no-such-sums: cannot read: no such file \\(error -2\\); nothing sealed\$" "missing file"
mkdir -p /tmp/sums-dir
refused_list "a directory" /tmp/sums-dir
expect_logged "seal: sums /tmp/sums-dir: cannot read: empty, or not a regular file \\(error -22\\); nothing sealed\$" "a directory"
ln -s /tmp/loop-sums /tmp/loop-sums
refused_list "a symlink loop" /tmp/loop-sums
expect_logged "seal: sums /tmp/loop-sums: cannot read: too many levels of symbolic links \\(error -40\\); nothing sealed\$" "a symlink loop"
# a good list that a process holds open for writing (the kernel reads no file being written)
sha256sum "$p" >/tmp/busy-sums
exec 3>>/tmp/busy-sums
refused_list "a list open for writing" /tmp/busy-sums
expect_logged "seal: sums /tmp/busy-sums: cannot read: open for writing by a process \\(error -26\\); nothing sealed\$" "a list open for writing"
exec 3>&-
: >/tmp/empty-sums
refused_list "an empty file" /tmp/empty-sums
seq 1 20000 | gzip -c >/tmp/garbage-sums
refused_list "binary garbage" /tmp/garbage-sums
{ head -c 1048576 /dev/zero | tr '\0' a; echo; } >/tmp/long-sums
refused_list "a single 1 MB line" /tmp/long-sums
printf '%s  dummy.ko\n%s  a\000b.ko\n' "$good" "$good" >/tmp/nul-sums
refused_list "a NUL byte on line 2" /tmp/nul-sums
printf '%s  dummy.ko\r\n%s  x\ry.ko\n' "$good" "$good" >/tmp/cr-sums
refused_list "a carriage return inside a line" /tmp/cr-sums
# A good list with one bad line at its end: refused as a whole (fail closed), not sealed with the rest.
{ sha256sum "$p"; printf '%s  x.ko\n' "${good%?}"; } >/tmp/tail-sums
refused_list "a good line then a short digest" /tmp/tail-sums
# 10^6 entries: about 76 MB, over the 64 MB seal.ko reads (SEAL_SUMS_MAX_BYTES): refused, not truncated.
awk -v d="$good" 'BEGIN { for (i = 1; i <= 1000000; i++) printf "%056x%08x  m%d.ko\n", 0, i, i; print d "  dummy.ko" }' \
	>/tmp/million-sums || die "could not write 10^6 entries into /tmp"
echo "sealvm: /tmp/million-sums holds $(wc -l </tmp/million-sums) lines, $(wc -c </tmp/million-sums) bytes"
refused_list "10^6 entries (over the size limit)" /tmp/million-sums
expect_logged "seal: sums /tmp/million-sums: cannot read: larger than 64 MiB \\(error -27\\); nothing sealed\$" "10^6 entries"
rm -f /tmp/million-sums

# After all that, nothing is sealed and the machine still loads modules.
assert_unsealed
# the list held open for writing above is good: closed, it seals
dmesg -c >/dev/null
seal_load "sums=/tmp/busy-sums"
assert_sealed
