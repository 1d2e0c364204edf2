# SPDX-License-Identifier: GPL-2.0-or-later
# PTRACE_ATTACH/SEIZE to a running mem_allow= X server (to make it open /dev/mem for us) get EPERM, logged op=ptrace; the seal holds.
cp /bin/sysload /usr/bin/Xorg || die "cp /bin/sysload /usr/bin/Xorg failed"
seal_load mem_allow=/usr/bin/Xorg
attack_start_program /usr/bin/Xorg
pid=$attack_pid
attack_mark
capture attack-ptrace attach $pid open /dev/mem
echo "attack-ptrace: $capture_out"
echo "$capture_out" | grep -q 'attach: EPERM' && pass "attach: EPERM" || fail "attach: expected EPERM, got: $capture_out"
echo "$capture_out" | grep -q 'seize: EPERM' && pass "seize: EPERM" || fail "seize: expected EPERM, got: $capture_out"
echo "$capture_out" | grep -q 'injected open: ok' && fail "the X server opened /dev/mem for the attacker"
attack_logged mem 2 ptrace
kill $pid 2>/dev/null; wait
attack_holds
