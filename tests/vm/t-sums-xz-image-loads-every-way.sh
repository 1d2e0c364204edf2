# SPDX-License-Identifier: GPL-2.0-or-later
# The digest rule on a .ko.xz kernel: a list holding the module's #image line admits it by every way a loader hands it over (finit_module of the .ko.xz as kmod 34 does, busybox insmod, init_module of the image as kmod 30 does, finit_module of the image), with no denial; /sys/kernel/seal/loads records the image's digest each time.
# vm-tier: smoke
f=$(module_path dummy)
case "$f" in *.ko.xz) ;; *) skip_all "$KVER stores modules uncompressed ($f): file and image are one and the same" ;; esac
p=$(module_plain dummy)
img=$(sha256sum "$p" | cut -d' ' -f1)
expect_ok seal-mksums -d -o /tmp/sha256sums
if grep -qx "#image $img  $f" /tmp/sha256sums; then pass "the list holds dummy's image digest ($img)"
else fail "no '#image $img  $f' line in the list: $(grep dummy /tmp/sha256sums | tr '\n' ' ')"; fi
seal_load sums=/tmp/sha256sums
attack_mark
expect_ok sysload finit "$f" "" compressed
assert_module_loaded dummy
rmmod dummy
# busybox insmod tries finit_module(file, no flags) first: seal decompresses and admits it, the kernel
# then finds no ELF (ENOEXEC) and busybox passes the image it decompressed to init_module
expect_ok insmod "$f"
assert_module_loaded dummy
rmmod dummy
expect_ok sysload init "$p"
assert_module_loaded dummy
rmmod dummy
expect_ok sysload finit "$p" "" 0
assert_module_loaded dummy
rmmod dummy
expect_eq "" "$(seal_log | tail -n +$((attack_lines + 1)) | grep 'seal: denied')" "denials while loading a listed module 4 ways"
expect_eq 4 "$(grep -c "^dummy sha256=$img " $SEAL_SYSFS/loads)" "loads of dummy recorded with its image digest"
