# SPDX-License-Identifier: GPL-2.0-or-later
# /dev/port opened for writing, ioperm() and iopl(): each EPERM, logged (denied/port); the seal holds.
seal_load
attack_mark
expect_fail_errno EPERM sysload open /dev/port w
expect_fail_errno EPERM sysload open /dev/port rw
expect_fail_errno EPERM sysload ioperm
expect_fail_errno EPERM sysload iopl
attack_logged port 4 "open_port|ioperm"
attack_holds
