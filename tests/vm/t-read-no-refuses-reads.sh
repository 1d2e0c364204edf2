# SPDX-License-Identifier: GPL-2.0-or-later
# read=no: opening /dev/mem or /dev/port even for reading gets EPERM.
expect_ok sysload open /dev/mem r
seal_load read=no
expect_fail_errno EPERM sysload open /dev/mem r
expect_fail_errno EPERM sysload open /dev/port r
expect_fail_errno EPERM sysload open /dev/mem w
