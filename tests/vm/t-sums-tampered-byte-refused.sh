# SPDX-License-Identifier: GPL-2.0-or-later
# sums=LIST: the listed module with one byte changed is refused through finit_module and init_module, logged reason=not-listed.
# Both copies are unsigned (module_unsigned), so before the seal the changed one loads.
p=$(module_unsigned dummy)
cp "$p" /tmp/tampered.ko && tamper_byte /tmp/tampered.ko
sha256sum "$p" >/tmp/sha256sums || die "sha256sum $p failed"
# control: without a seal the tampered module loads, so only the seal can be what refuses it below
expect_ok sysload init /tmp/tampered.ko
assert_module_loaded dummy
rmmod dummy || die "rmmod dummy failed before the seal"
seal_load sums=/tmp/sha256sums
expect_refused module 1 finit_module not-listed sysload finit /tmp/tampered.ko
expect_refused module 1 init_module not-listed sysload init /tmp/tampered.ko
expect_refused module + "finit_module|init_module" not-listed insmod /tmp/tampered.ko
assert_not_loaded dummy
# the untouched bytes still load: the refusal was about the changed byte
expect_ok sysload init "$p"
assert_module_loaded dummy
