# SPDX-License-Identifier: GPL-2.0-or-later
# PTRACE_ATTACH and PTRACE_SEIZE to a running insmod= loader (to make it load our module) get EPERM, logged op=ptrace; the seal holds.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
f=$(module_path dummy)
attack_start_program /sbin/modloader
pid=$attack_pid
attack_mark
capture attack-ptrace attach $pid load "$f" "$(finit_flags "$f" | sed 's/compressed/4/')"
echo "attack-ptrace: $capture_out"
echo "$capture_out" | grep -q 'attach: EPERM' && pass "attach: EPERM" || fail "attach: expected EPERM, got: $capture_out"
echo "$capture_out" | grep -q 'seize: EPERM' && pass "seize: EPERM" || fail "seize: expected EPERM, got: $capture_out"
attack_logged module 2 ptrace
kill $pid 2>/dev/null; wait
assert_not_loaded dummy
attack_holds
