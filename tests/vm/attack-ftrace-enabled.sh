# SPDX-License-Identifier: GPL-2.0-or-later
# sysctl kernel.ftrace_enabled=0 works unsealed (the control) and fails sealed (EBUSY: seal's ftrace_ops are PERMANENT; 7.3 refuses it unsealed too, EOPNOTSUPP, and the test is a SKIP there: no door), the value stays 1 and the seal holds.
# vm-tier: core
ftrace_enabled_control
seal_load
ftrace_enabled_refused
capture sysctl -w kernel.ftrace_enabled=0
if [ "$capture_rc" -ne 0 ]; then pass "sysctl -w kernel.ftrace_enabled=0: $capture_out"; else fail "sysctl -w kernel.ftrace_enabled=0 succeeded"; fi
expect_eq 1 "$(cat /proc/sys/kernel/ftrace_enabled)" /proc/sys/kernel/ftrace_enabled
# The kernel refuses this itself (FTRACE_OPS_FL_PERMANENT): seal.ko does not see it, so no "seal: " line.
attack_mark
attack_holds
attack_logged module 2 "finit_module|init_module"
