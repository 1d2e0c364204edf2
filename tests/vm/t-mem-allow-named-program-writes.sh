# SPDX-License-Identifier: GPL-2.0-or-later
# mem_allow=PATH: the program at PATH opens /dev/mem for writing; a copy of it and other programs get EPERM.
cp /bin/sysload /usr/bin/Xorg || die "cp /bin/sysload /usr/bin/Xorg failed"
cp /bin/sysload /tmp/Xorg
seal_load mem_allow=/usr/bin/Xorg
expect_ok /usr/bin/Xorg open /dev/mem w
expect_ok /usr/bin/Xorg open /dev/mem rw
expect_fail_errno EPERM /tmp/Xorg open /dev/mem w
expect_fail_errno EPERM sysload open /dev/mem w
