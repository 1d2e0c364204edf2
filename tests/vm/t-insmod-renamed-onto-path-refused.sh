# SPDX-License-Identifier: GPL-2.0-or-later
# insmod=PATH: another binary moved onto PATH after the seal gets EPERM, logged reason=not-loader (the seal keeps the inode it resolved).
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
cp /bin/sysload /tmp/impostor
f=$(module_path dummy)
# control: unsealed, the impostor loads the module
expect_ok /tmp/impostor finit "$f" "" "$(finit_flags "$f")"
assert_module_loaded dummy
rmmod dummy || die "rmmod dummy failed before the seal"
seal_load insmod=/sbin/modloader
# -f: busybox mv asks on a tty before replacing a file access(W_OK) calls unwritable (seal refuses writes to it)
expect_ok mv -f /tmp/impostor /sbin/modloader
expect_refused module 1 finit_module not-loader /sbin/modloader finit "$f" "" "$(finit_flags "$f")"
expect_refused module 1 init_module not-loader /sbin/modloader init "$(module_plain dummy)"
assert_not_loaded dummy
