# SPDX-License-Identifier: GPL-2.0-or-later
# A hard link to the insmod= loader is the same inode, so the same program: writes through the link get EPERM (logged), and other programs still get EPERM; the seal holds.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
expect_ok ln /sbin/modloader /tmp/hardlink-loader
attack_mark
expect_fail_errno EPERM sh -c 'printf "\353\376" | dd of=/tmp/hardlink-loader bs=1 seek=4096 conv=notrunc'
expect_fail_errno EPERM cp /bin/busybox /tmp/hardlink-loader
attack_logged module + write_program
cmp -s /bin/sysload /tmp/hardlink-loader && pass "the link's bytes are unchanged" || fail "the link's bytes changed"
attack_holds
