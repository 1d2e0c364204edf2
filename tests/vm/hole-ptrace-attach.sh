# SPDX-License-Identifier: GPL-2.0-or-later
# Body of attack-loader-ptrace-attach and attack-xserver-ptrace-attach (after hole_seal): PTRACE_ATTACH and
# PTRACE_SEIZE to the running program (to make it do its privileged thing for us) get EPERM, logged op=ptrace.
attack_start_program "$hole_prog"
pid=$attack_pid
attack_mark
# shellcheck disable=SC2086 # hole_inject is attack-ptrace's ACTION words
capture attack-ptrace attach $pid $hole_inject
echo "attack-ptrace: $capture_out"
echo "$capture_out" | grep -q 'attach: EPERM' && pass "attach: EPERM" || fail "attach: expected EPERM, got: $capture_out"
echo "$capture_out" | grep -q 'seize: EPERM' && pass "seize: EPERM" || fail "seize: expected EPERM, got: $capture_out"
echo "$capture_out" | grep -q 'injected .*: ok' && fail "the program did its privileged thing for the attacker"
attack_logged "$hole_kind" 2 ptrace
kill $pid 2>/dev/null; wait
assert_not_loaded dummy
attack_holds
