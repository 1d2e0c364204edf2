# SPDX-License-Identifier: GPL-2.0-or-later
# insmod= loader overwritten in place with cp (same inode, new bytes): the open for writing gets EPERM, logged op=write_program; the bytes stay; the seal holds.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
f=$(module_path dummy)
attack_mark
expect_fail_errno EPERM cp /bin/busybox /sbin/modloader
attack_logged module + write_program
cmp -s /bin/sysload /sbin/modloader && pass "/sbin/modloader unchanged" || fail "/sbin/modloader changed"
attack_holds
