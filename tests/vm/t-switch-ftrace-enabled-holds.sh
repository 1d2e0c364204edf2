# SPDX-License-Identifier: GPL-2.0-or-later
# Global switch: writing 0 to /proc/sys/kernel/ftrace_enabled fails after the seal, and loads stay refused.
seal_load
capture sh -c 'echo 0 > /proc/sys/kernel/ftrace_enabled'
if [ "$capture_rc" -eq 0 ]; then fail "echo 0 > ftrace_enabled: expected an error, got 0"; else pass "echo 0 > ftrace_enabled: $capture_out"; fi
expect_fail_errno EBUSY sysload write /proc/sys/kernel/ftrace_enabled 0
expect_eq 1 "$(cat /proc/sys/kernel/ftrace_enabled)" /proc/sys/kernel/ftrace_enabled
assert_sealed
