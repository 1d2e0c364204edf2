# SPDX-License-Identifier: GPL-2.0-or-later
# No parameters: busybox insmod (finit_module, then its init_module fallback) gets EPERM, logged reason=sealed, and the module stays out.
# control: unsealed, the same command loads the module
expect_ok insmod "$(module_path dummy)"
assert_module_loaded dummy
rmmod dummy || die "rmmod dummy failed before the seal"
seal_load
expect_refused module + "finit_module|init_module" sealed insmod "$(module_path dummy)"
assert_not_loaded dummy
