# SPDX-License-Identifier: GPL-2.0-or-later
# sums= from seal-mksums --decompressed on a .ko.xz kernel: busybox insmod of the .ko.xz loads.
f=$(module_path dummy)
case "$f" in *.ko.xz) ;; *) skip_all "$KVER stores modules uncompressed ($f)" ;; esac
expect_ok seal-mksums --decompressed -o /tmp/sha256sums
seal_load sums=/tmp/sha256sums
expect_ok insmod "$f"
assert_module_loaded dummy
