# SPDX-License-Identifier: GPL-2.0-or-later
# A module that list_del()s itself before the seal (gone from /proc/modules, kallsyms): seal-verify reports it hidden.
expect_ok seal-mksums -o /lib/modules/sha256sums
[ -f /seal/kmod_hide.ko ] || die "no /seal/kmod_hide.ko in the initramfs (see the runner's kmod-hide log)"
expect_ok insmod /seal/kmod_hide.ko hide=list
assert_not_loaded kmod_hide
[ -f /sys/module/kmod_hide/initstate ] && pass "/sys/module/kmod_hide/initstate still there" ||
	fail "/sys/module/kmod_hide/initstate: expected present after list_del"
seal_load insmod=/sbin/seal-insmod sums=/lib/modules/sha256sums no_remove=true
out=$(seal-verify 2>&1); rc=$?
echo "$out" | sed 's/^/  | /'
expect_eq 1 "$rc" "seal-verify exit status"
line=$(echo "$out" | grep '^seal-verify: hidden kmod_hide ')
case "$line" in
*"seen=sysfs"*"absent=proc_modules,kallsyms"*"why=not-in-proc-modules verdict=possible-rootkit") pass "hidden: $line" ;;
*) fail "expected 'seal-verify: hidden kmod_hide seen=sysfs... absent=proc_modules,kallsyms... why=not-in-proc-modules verdict=possible-rootkit', got '$line'" ;;
esac
