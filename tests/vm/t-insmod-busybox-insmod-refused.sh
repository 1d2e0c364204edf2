# SPDX-License-Identifier: GPL-2.0-or-later
# insmod=PATH: plain busybox insmod, which is not the named loader, gets EPERM, logged reason=not-loader.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
# control: unsealed, the same command loads the module
expect_ok insmod "$(module_path dummy)"
assert_module_loaded dummy
rmmod dummy || die "rmmod dummy failed before the seal"
seal_load insmod=/sbin/modloader
# busybox insmod may try init_module after finit_module: each refusal is counted
expect_refused module + "finit_module|init_module" not-loader insmod "$(module_path dummy)"
assert_not_loaded dummy
