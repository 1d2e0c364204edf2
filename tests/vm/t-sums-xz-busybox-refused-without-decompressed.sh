# SPDX-License-Identifier: GPL-2.0-or-later
# sums= from plain seal-mksums on a .ko.xz kernel: busybox insmod (decompresses, then init_module) is refused.
f=$(module_path dummy)
case "$f" in *.ko.xz) ;; *) skip_all "$KVER stores modules uncompressed ($f)" ;; esac
expect_ok seal-mksums -o /tmp/sha256sums
seal_load sums=/tmp/sha256sums
# the stored bytes are listed: finit_module of the .ko.xz itself (kernel decompression) loads
expect_ok sysload finit "$f" "" compressed
assert_module_loaded dummy
rmmod dummy
# busybox hands init_module the decompressed image, whose digest is not on the list
expect_fail_errno EPERM insmod "$f"
assert_not_loaded dummy
