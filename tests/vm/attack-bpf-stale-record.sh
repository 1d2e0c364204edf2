# SPDX-License-Identifier: GPL-2.0-or-later
# The stale-record chain, in one task: a listed module's finit_module that fails with EEXIST, then an fmod_ret program to steer the next load past the hash check, then an unlisted module: the program is refused, so nothing skips the check, and the unlisted module never loads.
# vm-tier: core
listed=$(module_path dummy)
unlisted=$(module_path ifb)
sums_lines "$listed" >/tmp/list.sha256
expect_ok sysload finit "$listed" "" "$(finit_flags "$listed")"
seal_load sums=/tmp/list.sha256
attack_mark
capture attack-bpf fmod_ret security_kernel_post_read_file --ret arg2 --before-finit "$listed" -- @finit "$unlisted" "$(finit_flags "$unlisted")"
echo "attack-bpf: $capture_out"
echo "$capture_out" | grep -q "before: EEXIST" && pass "listed module's second load: EEXIST" || fail "expected before: EEXIST, got: $capture_out"
echo "$capture_out" | grep -q "load: EPERM" && pass "the fmod_ret program is refused" || fail "expected load: EPERM, got: $capture_out"
attack_logged bpf 1 bpf "what=fmod_ret target=security_kernel_post_read_file"
assert_not_loaded ifb
# the same task's next load is checked on its own bytes
capture attack-bpf fentry security_kernel_post_read_file --before-finit "$listed" -- @finit "$unlisted" "$(finit_flags "$unlisted")"
echo "$capture_out" | grep -q "finit: EPERM" && pass "unlisted load after EEXIST in the same task: EPERM" ||
	fail "expected finit: EPERM, got: $capture_out"
seal_log | tail -1 | grep -q "reason=not-listed" && pass "refused as not-listed: $(seal_log | tail -1)" ||
	fail "expected the last line reason=not-listed, got: $(seal_log | tail -1)"
attack_holds
