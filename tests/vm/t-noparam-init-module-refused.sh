# SPDX-License-Identifier: GPL-2.0-or-later
# No parameters: a raw init_module of a real module's image gets EPERM, logged reason=sealed, and the module stays out.
# vm-tier: core
# control: unsealed, the same call loads it
expect_ok sysload init "$(module_plain dummy)"
assert_module_loaded dummy
rmmod dummy || die "rmmod dummy failed before the seal"
seal_load
expect_refused module 1 init_module sealed sysload init "$(module_plain dummy)"
assert_not_loaded dummy
