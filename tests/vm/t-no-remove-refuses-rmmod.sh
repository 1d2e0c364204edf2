# SPDX-License-Identifier: GPL-2.0-or-later
# no_remove=true: rmmod of a module loaded before the seal is refused, forced or not.
insmod "$(module_path dummy)" || die "insmod dummy failed before the seal"
seal_load no_remove=true
expect_fail_errno EPERM rmmod dummy
expect_fail_errno EPERM rmmod -f dummy
expect_fail_errno EPERM sysload delete dummy nonblock,trunc
assert_module_loaded dummy
