# SPDX-License-Identifier: GPL-2.0-or-later
# read=no: opening /dev/mem or /dev/port even for reading gets EPERM, logged reason=sealed.
expect_ok sysload open /dev/mem r
expect_ok sysload open /dev/port r
seal_load read=no
expect_refused mem 1 open_mem sealed sysload open /dev/mem r
expect_refused port 1 open_port sealed sysload open /dev/port r
expect_refused mem 1 open_mem sealed sysload open /dev/mem w
