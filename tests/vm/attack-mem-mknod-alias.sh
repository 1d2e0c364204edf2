# SPDX-License-Identifier: GPL-2.0-or-later
# /dev/mem aliases made with mknod after the seal, in /tmp and /root: write opens get EPERM (seal decides by device number), logged op=open_mem; the seal holds.
seal_load
mkdir -p /root
expect_ok mknod /tmp/mem-alias c 1 1
expect_ok mknod /root/.m c 1 1
attack_mark
expect_fail_errno EPERM sysload open /tmp/mem-alias w
expect_fail_errno EPERM sysload open /root/.m rw
expect_fail_errno EPERM sh -c 'printf x | dd of=/tmp/mem-alias bs=1 seek=1048576 conv=notrunc'
attack_logged mem 3 open_mem
attack_holds
