# SPDX-License-Identifier: GPL-2.0-or-later
# sums=LIST without insmod=: busybox insmod loads a module whose digest is listed, and no other.
# vm-tier: core
p=$(module_plain dummy)
sha256sum "$p" >/tmp/sha256sums || die "sha256sum $p failed"
seal_load sums=/tmp/sha256sums
expect_ok insmod "$p"
assert_module_loaded dummy
expect_fail_errno EPERM insmod "$(module_plain nlmon)"
assert_not_loaded nlmon
