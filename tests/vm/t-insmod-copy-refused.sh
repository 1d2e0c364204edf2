# SPDX-License-Identifier: GPL-2.0-or-later
# insmod=PATH: a byte-identical copy of the loader, elsewhere or under the same name, gets EPERM.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
cp /sbin/modloader /tmp/modloader
mkdir -p /usr/local/sbin && cp /sbin/modloader /usr/local/sbin/modloader
f=$(module_path dummy)
for copy in /tmp/modloader /usr/local/sbin/modloader; do
	expect_fail_errno EPERM "$copy" finit "$f" "" "$(finit_flags "$f")"
	expect_fail_errno EPERM "$copy" init "$(module_plain dummy)"
done
assert_not_loaded dummy
