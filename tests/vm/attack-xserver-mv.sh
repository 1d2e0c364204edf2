# SPDX-License-Identifier: GPL-2.0-or-later
# mem_allow= X server replaced with mv: the new file is another inode, so its /dev/mem write open gets EPERM, logged op=open_mem; the seal holds.
cp /bin/sysload /usr/bin/Xorg || die "cp /bin/sysload /usr/bin/Xorg failed"
seal_load mem_allow=/usr/bin/Xorg
cp /bin/sysload /tmp/evil-xorg
# -f: busybox mv asks before replacing a file access(W_OK) calls unwritable (seal refuses it)
expect_ok mv -f /tmp/evil-xorg /usr/bin/Xorg
attack_mark
expect_fail_errno EPERM /usr/bin/Xorg open /dev/mem w
attack_logged mem 1 open_mem
attack_holds
