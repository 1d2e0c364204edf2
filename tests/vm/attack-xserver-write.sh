# SPDX-License-Identifier: GPL-2.0-or-later
# Writing into the mem_allow= X server (dd conv=notrunc, >>, truncate, through a hard link; while it runs the kernel's ETXTBSY): each EPERM, logged op=write_program; the seal holds.
cp /bin/sysload /usr/bin/Xorg || die "cp /bin/sysload /usr/bin/Xorg failed"
seal_load mem_allow=/usr/bin/Xorg
ln /usr/bin/Xorg /tmp/xorg-link || die "ln failed"
attack_mark
expect_fail_errno EPERM sh -c 'printf "\353\376" | dd of=/usr/bin/Xorg bs=1 seek=4096 conv=notrunc'
expect_fail_errno EPERM sh -c 'echo x >>/usr/bin/Xorg'
expect_fail_errno EPERM truncate -s 0 /usr/bin/Xorg
expect_fail_errno EPERM sh -c 'printf "\353\376" | dd of=/tmp/xorg-link bs=1 seek=4096 conv=notrunc'
/usr/bin/Xorg openhold /dev/null r -- sleep 3 &
sleep 1
# While it runs the kernel refuses first (ETXTBSY, before security_file_open): no seal line.
expect_fail_errno ETXTBSY sysload write /usr/bin/Xorg x
wait
attack_logged mem + write_program
cmp -s /bin/sysload /usr/bin/Xorg && pass "/usr/bin/Xorg unchanged" || fail "/usr/bin/Xorg changed"
attack_holds
