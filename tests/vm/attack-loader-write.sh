# SPDX-License-Identifier: GPL-2.0-or-later
# Writing into the insmod= loader: dd conv=notrunc, >>, truncate, truncate(2), O_TRUNC (also read-only): each EPERM (while it runs: the kernel's ETXTBSY), logged op=write_program; the bytes stay; the seal holds.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
attack_mark
expect_fail_errno EPERM sh -c 'printf "\353\376" | dd of=/sbin/modloader bs=1 seek=4096 conv=notrunc'
expect_fail_errno EPERM sh -c 'echo x >>/sbin/modloader'
expect_fail_errno EPERM truncate -s 0 /sbin/modloader
expect_fail_errno EPERM sysload write /sbin/modloader x
expect_fail_errno EPERM sysload open /sbin/modloader rtrunc
expect_fail_errno EPERM sysload truncate /sbin/modloader
/sbin/modloader openhold /dev/null r -- sleep 3 &
sleep 1
# While it runs the kernel refuses first (ETXTBSY: deny_write_access() runs before
# security_file_open), so this one leaves no seal line; the bytes are checked below.
expect_fail_errno ETXTBSY sh -c 'printf "\353\376" | dd of=/sbin/modloader bs=1 seek=4096 conv=notrunc'
wait
attack_logged module + write_program
cmp -s /bin/sysload /sbin/modloader && pass "/sbin/modloader unchanged" || fail "/sbin/modloader changed"
attack_holds
