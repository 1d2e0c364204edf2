# SPDX-License-Identifier: GPL-2.0-or-later
# A module that list_del()s itself and kobject_del()s /sys/module/NAME before the seal: ftrace still names it, seal-verify reports it.
# vm-tier: core
expect_ok seal-mksums -o /lib/modules/sha256sums
[ -f /seal/kmod_hide.ko ] || die "no /seal/kmod_hide.ko in the initramfs (see the runner's kmod-hide log)"
aff=/sys/kernel/tracing/available_filter_functions
[ -r "$aff" ] || die "$aff not readable: tracefs is needed to see this module at all"
expect_ok insmod /seal/kmod_hide.ko hide=all
assert_not_loaded kmod_hide
[ -e /sys/module/kmod_hide ] && fail "/sys/module/kmod_hide: expected gone after kobject_del" ||
	pass "/sys/module/kmod_hide is gone"
grep -q '\[kmod_hide\]' /proc/kallsyms && fail "/proc/kallsyms still names kmod_hide" || pass "/proc/kallsyms does not name kmod_hide"
seal_load insmod=/sbin/seal-insmod sums=/lib/modules/sha256sums no_remove=true
out=$(seal-verify 2>&1); rc=$?
echo "$out" | sed 's/^/  | /'
expect_eq 1 "$rc" "seal-verify exit status"
expect_eq "seal-verify: hidden kmod_hide seen=ftrace absent=proc_modules,sysfs,kallsyms" \
	"$(echo "$out" | grep '^seal-verify: hidden kmod_hide ' | cut -d' ' -f1-5 | sed 's/,seal_loads$//')" \
	"the hidden line"
