# SPDX-License-Identifier: GPL-2.0-or-later
# PTRACE_TRACEME then exec of the insmod= loader (traced from its first instruction): the exec gets EPERM, logged op=exec_traced; the seal holds.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
f=$(module_path dummy)
attack_mark
capture attack-ptrace traceme load "$f" "$(finit_flags "$f" | sed 's/compressed/4/')" -- /sbin/modloader open /dev/null r
echo "attack-ptrace: $capture_out"
echo "$capture_out" | grep -q 'exec: EPERM' && pass "exec: EPERM" || fail "exec: expected EPERM, got: $capture_out"
attack_logged module 1 exec_traced
assert_not_loaded dummy
expect_ok /sbin/modloader open /dev/null r
attack_holds
