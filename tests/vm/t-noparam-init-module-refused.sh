# SPDX-License-Identifier: GPL-2.0-or-later
# No parameters: a raw init_module of a real module's image gets EPERM and the module stays out.
# vm-tier: core
seal_load
expect_fail_errno EPERM sysload init "$(module_plain dummy)"
assert_not_loaded dummy
