# SPDX-License-Identifier: GPL-2.0-or-later
# No parameters: a raw finit_module of a real module gets EPERM, logged reason=sealed, and the module stays out.
f=$(module_path dummy)
# control: unsealed, the same call loads it
expect_ok sysload finit "$f" "" "$(finit_flags "$f")"
assert_module_loaded dummy
rmmod dummy || die "rmmod dummy failed before the seal"
seal_load
expect_refused module 1 finit_module sealed sysload finit "$f" "" "$(finit_flags "$f")"
assert_not_loaded dummy
