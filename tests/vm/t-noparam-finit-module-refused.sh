# SPDX-License-Identifier: GPL-2.0-or-later
# No parameters: a raw finit_module of a real module gets EPERM and the module stays out.
seal_load
f=$(module_path dummy)
expect_fail_errno EPERM sysload finit "$f" "" "$(finit_flags "$f")"
assert_not_loaded dummy
