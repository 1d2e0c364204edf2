# SPDX-License-Identifier: GPL-2.0-or-later
# insmod=PATH: another binary moved onto PATH after the seal gets EPERM (the seal keeps the inode it resolved).
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
cp /bin/sysload /tmp/impostor
# -f: busybox mv asks on a tty before replacing a file access(W_OK) calls unwritable (seal refuses writes to it)
expect_ok mv -f /tmp/impostor /sbin/modloader
f=$(module_path dummy)
expect_fail_errno EPERM /sbin/modloader finit "$f" "" "$(finit_flags "$f")"
expect_fail_errno EPERM /sbin/modloader init "$(module_plain dummy)"
assert_not_loaded dummy
