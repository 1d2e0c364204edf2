# SPDX-License-Identifier: GPL-2.0-or-later
# The digest rule on a .ko.xz kernel: the digest of a .ko.xz file as stored (a plain sha256sum list) admits nothing; a list of only such lines makes seal.ko refuse to load (nothing sealed), and with the file's line but not its image's the module is refused, named, with its image digest. Control: the same load works unsealed.
# vm-tier: smoke
f=$(module_path dummy)
case "$f" in *.ko.xz) ;; *) skip_all "$KVER stores modules uncompressed ($f): file and image are one and the same" ;; esac
p=$(module_plain dummy)
img=$(sha256sum "$p" | cut -d' ' -f1)
find "$MODDIR/kernel" -name '*.ko.xz' -exec sha256sum {} + >/tmp/files.sums
seal_load_refused sums=/tmp/files.sums
if dmesg | grep -q "seal: sums /tmp/files.sums: .* none the digest of a module image"; then
	pass "seal.ko said why: $(dmesg | grep 'none the digest of a module image' | tail -1 | sed 's/^\[[^]]*\] //')"
else
	fail "no 'none the digest of a module image' line: $(seal_log | tail -3 | tr '\n' ' ')"
fi
expect_ok sysload finit "$f" "" compressed
assert_module_loaded dummy
rmmod dummy
# the files' lines, and the image of another module so that the list is usable
n=$(module_path nlmon)
unxz -c "$n" >/tmp/nlmon.ko
echo "#image $(sha256sum /tmp/nlmon.ko | cut -d' ' -f1)  $n" >>/tmp/files.sums
seal_load sums=/tmp/files.sums
attack_mark
expect_fail_errno EPERM sysload finit "$f" "" compressed
assert_not_loaded dummy
attack_logged module 1 finit_module "module=dummy sha256=$img reason=not-listed"
