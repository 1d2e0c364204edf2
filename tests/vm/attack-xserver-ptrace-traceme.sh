# SPDX-License-Identifier: GPL-2.0-or-later
# PTRACE_TRACEME then exec of the mem_allow= X server: the exec gets EPERM, logged op=exec_traced; the seal holds.
cp /bin/sysload /usr/bin/Xorg || die "cp /bin/sysload /usr/bin/Xorg failed"
seal_load mem_allow=/usr/bin/Xorg
attack_mark
capture attack-ptrace traceme open /dev/mem -- /usr/bin/Xorg open /dev/null r
echo "attack-ptrace: $capture_out"
echo "$capture_out" | grep -q 'exec: EPERM' && pass "exec: EPERM" || fail "exec: expected EPERM, got: $capture_out"
attack_logged mem 1 exec_traced
expect_ok /usr/bin/Xorg open /dev/mem w
attack_holds
