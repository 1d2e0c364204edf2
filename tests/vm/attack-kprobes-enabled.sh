# SPDX-License-Identifier: GPL-2.0-or-later
# debugfs kprobes/enabled=0 disarms kprobes but not seal (ftrace_ops, not kprobes): loads still get EPERM and are logged.
seal_load
[ -f /sys/kernel/debug/kprobes/enabled ] || die "no /sys/kernel/debug/kprobes/enabled"
run sysload write /sys/kernel/debug/kprobes/enabled 0
echo "kprobes/enabled=0: $run_out (now $(cat /sys/kernel/debug/kprobes/enabled))"
attack_mark
attack_holds
attack_logged module 2 "finit_module|init_module"
sysload write /sys/kernel/debug/kprobes/enabled 1 >/dev/null
attack_holds
