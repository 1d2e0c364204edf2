# SPDX-License-Identifier: GPL-2.0-or-later
# Body of attack-loader-cp and attack-xserver-cp (after hole_seal): the hole's program overwritten in place with cp
# (same inode, new bytes): the open for writing gets EPERM, logged op=write_program; the bytes stay; the seal holds.
attack_mark
expect_fail_errno EPERM cp /bin/busybox "$hole_prog"
attack_logged "$hole_kind" + write_program
cmp -s /bin/sysload "$hole_prog" && pass "$hole_prog unchanged" || fail "$hole_prog changed"
attack_holds
