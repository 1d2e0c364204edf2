# SPDX-License-Identifier: GPL-2.0-or-later
# Body of attack-loader-mv and attack-xserver-mv (after hole_seal): another binary renamed onto the hole's path is
# another inode, so what only the hole's program may do gets EPERM, logged with the hole's reason; the seal holds.
cp /bin/sysload /tmp/evil-program
# -f: busybox mv asks before replacing a file access(W_OK) calls unwritable (seal refuses it)
expect_ok mv -f /tmp/evil-program "$hole_prog"
attack_mark
expect_fail_errno EPERM hole_use "$hole_prog"
attack_logged "$hole_kind" 1 "$hole_use_op" "reason=$hole_reason"
assert_not_loaded dummy
attack_holds
