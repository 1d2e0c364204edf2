# SPDX-License-Identifier: GPL-2.0-or-later
# sums=LIST without insmod=: busybox insmod loads a module whose digest is listed, and no other (reason=not-listed).
# vm-tier: core
p=$(module_plain dummy)
sha256sum "$p" >/tmp/sha256sums || die "sha256sum $p failed"
# control: unsealed, the unlisted module loads
expect_ok insmod "$(module_plain nlmon)"
assert_module_loaded nlmon
rmmod nlmon || die "rmmod nlmon failed before the seal"
seal_load sums=/tmp/sha256sums
expect_ok insmod "$p"
assert_module_loaded dummy
expect_refused module + "finit_module|init_module" not-listed insmod "$(module_plain nlmon)"
assert_not_loaded nlmon
