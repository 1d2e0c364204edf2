# SPDX-License-Identifier: GPL-2.0-or-later
# mem_allow=PATH: the program at PATH opens /dev/mem for writing; a copy of it and other programs get EPERM, logged reason=sealed.
cp /bin/sysload /usr/bin/Xorg || die "cp /bin/sysload /usr/bin/Xorg failed"
cp /bin/sysload /tmp/Xorg
# control: unsealed, the copy opens /dev/mem for writing
expect_ok /tmp/Xorg open /dev/mem w
seal_load mem_allow=/usr/bin/Xorg
expect_ok /usr/bin/Xorg open /dev/mem w
expect_ok /usr/bin/Xorg open /dev/mem rw
expect_refused mem 1 open_mem sealed /tmp/Xorg open /dev/mem w
expect_refused mem 1 open_mem sealed sysload open /dev/mem w
