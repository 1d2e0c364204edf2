# SPDX-License-Identifier: GPL-2.0-or-later
# Global switch: after echo 0 > /sys/kernel/debug/kprobes/enabled, loads still get EPERM (debugfs writes left open by lockdown_allow=debugfs, so the switch really flips).
k=/sys/kernel/debug/kprobes/enabled
[ -f "$k" ] || die "$k does not exist (debugfs not mounted, or no kprobes)"
seal_load lockdown_allow=debugfs
capture sh -c "echo 0 > $k"
echo "sealvm: echo 0 > $k: status $capture_rc, now $(cat $k)"
expect_eq 0 "$(cat $k)" "$k after the write"
assert_sealed
