# SPDX-License-Identifier: GPL-2.0-or-later
# Body of attack-loader-ptrace-traceme and attack-xserver-ptrace-traceme (after hole_seal): PTRACE_TRACEME then exec
# of the program (traced from its first instruction): the exec gets EPERM, logged op=exec_traced; untraced, the
# program still does its privileged thing; the seal holds.
attack_mark
# shellcheck disable=SC2086 # hole_inject is attack-ptrace's ACTION words
capture attack-ptrace traceme $hole_inject -- "$hole_prog" open /dev/null r
echo "attack-ptrace: $capture_out"
echo "$capture_out" | grep -q 'exec: EPERM' && pass "exec: EPERM" || fail "exec: expected EPERM, got: $capture_out"
attack_logged "$hole_kind" 1 exec_traced
assert_not_loaded dummy
expect_ok hole_use "$hole_prog"
attack_holds
