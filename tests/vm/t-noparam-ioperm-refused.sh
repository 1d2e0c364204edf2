# SPDX-License-Identifier: GPL-2.0-or-later
# No parameters: ioperm and iopl (raw port access without /dev/port) get EPERM after the seal.
expect_ok sysload ioperm
seal_load
expect_fail_errno EPERM sysload ioperm
expect_fail_errno EPERM sysload iopl
