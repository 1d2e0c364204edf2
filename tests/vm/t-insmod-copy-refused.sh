# SPDX-License-Identifier: GPL-2.0-or-later
# insmod=PATH: a byte-identical copy of the loader, elsewhere or under the same name, gets EPERM, logged reason=not-loader.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
cp /sbin/modloader /tmp/modloader
mkdir -p /usr/local/sbin && cp /sbin/modloader /usr/local/sbin/modloader
f=$(module_path dummy)
# control: unsealed, the copy loads the module
expect_ok /tmp/modloader finit "$f" "" "$(finit_flags "$f")"
assert_module_loaded dummy
rmmod dummy || die "rmmod dummy failed before the seal"
seal_load insmod=/sbin/modloader
for copy in /tmp/modloader /usr/local/sbin/modloader; do
	expect_refused module 1 finit_module not-loader "$copy" finit "$f" "" "$(finit_flags "$f")"
	expect_refused module 1 init_module not-loader "$copy" init "$(module_plain dummy)"
done
assert_not_loaded dummy
