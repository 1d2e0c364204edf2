# SPDX-License-Identifier: GPL-2.0-or-later
# No parameters: opening /dev/mem or /dev/port for writing gets EPERM, logged reason=sealed; reading still works.
expect_ok sysload open /dev/mem w
expect_ok sysload open /dev/port w
seal_load
expect_refused mem 1 open_mem sealed sysload open /dev/mem w
expect_refused mem 1 open_mem sealed sysload open /dev/mem rw
expect_refused port 1 open_port sealed sysload open /dev/port w
expect_ok sysload open /dev/mem r
expect_ok sysload open /dev/port r
