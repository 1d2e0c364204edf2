# SPDX-License-Identifier: GPL-2.0-or-later
# Global switch: writing 0 to /proc/sys/kernel/ftrace_enabled works unsealed and fails after the seal (EBUSY; 7.3 refuses it unsealed too, EOPNOTSUPP: a SKIP there, no door), and loads stay refused.
ftrace_enabled_control
seal_load
capture sh -c 'echo 0 > /proc/sys/kernel/ftrace_enabled'
if [ "$capture_rc" -eq 0 ]; then fail "echo 0 > ftrace_enabled: expected an error, got 0"; else pass "echo 0 > ftrace_enabled: $capture_out"; fi
ftrace_enabled_refused
assert_sealed
