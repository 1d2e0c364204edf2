# SPDX-License-Identifier: GPL-2.0-or-later
# No parameters: busybox insmod (finit_module, then its init_module fallback) gets EPERM and the module stays out.
seal_load
expect_fail_errno EPERM insmod "$(module_path dummy)"
assert_not_loaded dummy
