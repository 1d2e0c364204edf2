# SPDX-License-Identifier: GPL-2.0-or-later
# debugfs kprobes/enabled=0 disarms kprobes but not seal (ftrace_ops, not kprobes): loads still get EPERM and are logged. By default the debugfs write itself is refused (lockdown reason debugfs); here it is left open so the switch really flips.
# vm-tier: core
seal_load lockdown_allow=debugfs
[ -f /sys/kernel/debug/kprobes/enabled ] || die "no /sys/kernel/debug/kprobes/enabled"
expect_ok sysload write /sys/kernel/debug/kprobes/enabled 0
expect_eq 0 "$(cat /sys/kernel/debug/kprobes/enabled)" "kprobes/enabled"
attack_mark
attack_holds
attack_logged module 2 "finit_module|init_module"
sysload write /sys/kernel/debug/kprobes/enabled 1 >/dev/null
attack_holds
