# SPDX-License-Identifier: GPL-2.0-or-later
# insmod=PATH: the program at PATH loads modules through both syscalls.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
f=$(module_path dummy)
expect_ok /sbin/modloader finit "$f" "" "$(finit_flags "$f")"
assert_module_loaded dummy
expect_ok /sbin/modloader init "$(module_plain nlmon)"
assert_module_loaded nlmon
