# SPDX-License-Identifier: GPL-2.0-or-later
# mem_allow= X server overwritten in place with cp: the open for writing gets EPERM, logged op=write_program (denied/mem); the bytes stay; the seal holds.
cp /bin/sysload /usr/bin/Xorg || die "cp /bin/sysload /usr/bin/Xorg failed"
seal_load mem_allow=/usr/bin/Xorg
attack_mark
expect_fail_errno EPERM cp /bin/busybox /usr/bin/Xorg
attack_logged mem + write_program
cmp -s /bin/sysload /usr/bin/Xorg && pass "/usr/bin/Xorg unchanged" || fail "/usr/bin/Xorg changed"
attack_holds
