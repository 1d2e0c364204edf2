# SPDX-License-Identifier: GPL-2.0-or-later
# /dev/mem aliases made with mknod (before and after the seal) are refused like /dev/mem itself, logged reason=sealed.
# vm-tier: core
cp /bin/sysload /usr/bin/Xorg || die "cp /bin/sysload /usr/bin/Xorg failed"
mknod /tmp/mem-before c 1 1 || die "mknod /tmp/mem-before failed"
# control: unsealed, the alias opens for writing
expect_ok sysload open /tmp/mem-before w
seal_load mem_allow=/usr/bin/Xorg
expect_ok mknod /tmp/mem-after c 1 1
expect_ok mknod /tmp/port-after c 1 4
expect_refused mem 1 open_mem sealed sysload open /tmp/mem-before w
expect_refused mem 1 open_mem sealed sysload open /tmp/mem-after w
expect_refused port 1 open_port sealed sysload open /tmp/port-after w
expect_ok /usr/bin/Xorg open /tmp/mem-after w
