# SPDX-License-Identifier: GPL-2.0-or-later
# insmod=PATH: a hard link to the loader is the same inode and loads (the documented rule).
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
expect_ok ln /sbin/modloader /tmp/hardlink
f=$(module_path dummy)
expect_ok /tmp/hardlink finit "$f" "" "$(finit_flags "$f")"
assert_module_loaded dummy
