# SPDX-License-Identifier: GPL-2.0-or-later
# No parameters: opening /dev/mem or /dev/port for writing gets EPERM; reading still works.
expect_ok sysload open /dev/mem w
seal_load
expect_fail_errno EPERM sysload open /dev/mem w
expect_fail_errno EPERM sysload open /dev/mem rw
expect_fail_errno EPERM sysload open /dev/port w
expect_ok sysload open /dev/mem r
expect_ok sysload open /dev/port r
