# SPDX-License-Identifier: GPL-2.0-or-later
# insmod=PATH: plain busybox insmod, which is not the named loader, gets EPERM.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
expect_fail_errno EPERM insmod "$(module_path dummy)"
assert_not_loaded dummy
