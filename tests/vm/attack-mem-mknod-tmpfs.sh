# SPDX-License-Identifier: GPL-2.0-or-later
# /dev/mem and /dev/port aliases made on a freshly mounted tmpfs: write opens get EPERM, logged; the seal holds.
seal_load
mkdir -p /mnt/t && mount -t tmpfs -o mode=700 tmpfs /mnt/t || die "mount tmpfs failed"
expect_ok mknod /mnt/t/mem c 1 1
expect_ok mknod /mnt/t/port c 1 4
attack_mark
expect_fail_errno EPERM sysload open /mnt/t/mem w
expect_fail_errno EPERM sysload open /mnt/t/port w
attack_logged mem 1 open_mem
attack_logged port 1 open_port
umount /mnt/t
attack_holds
