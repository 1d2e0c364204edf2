# SPDX-License-Identifier: GPL-2.0-or-later
# fmod_ret programs loaded before the seal and attached after it (on security_kernel_post_read_file returning the size, on security_kernel_load_data returning 1) are refused at attach, logged op=bpf; the load and kexec_load they aimed to let through are still refused.
# vm-tier: core
f=$(module_path dummy)
attack-bpf fmod_ret security_kernel_post_read_file --ret arg2 --attach-after /tmp/go1 -- \
	sysload finit "$f" "" "$(finit_flags "$f")" >/tmp/bpf1.out 2>&1 &
p1=$!
attack-bpf fmod_ret security_kernel_load_data --ret 1 --attach-after /tmp/go2 -- sysload kexec_load >/tmp/bpf2.out 2>&1 &
p2=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do
	grep -q "load:" /tmp/bpf1.out && grep -q "load:" /tmp/bpf2.out && break
	sleep 1
done
grep -q "load: ok" /tmp/bpf1.out && grep -q "load: ok" /tmp/bpf2.out && pass "both programs loaded before the seal" ||
	die "the programs should load before the seal: $(cat /tmp/bpf1.out /tmp/bpf2.out | tr '\n' ' ')"
seal_load
attack_mark
touch /tmp/go1 /tmp/go2
wait $p1
wait $p2
out="$(cat /tmp/bpf1.out /tmp/bpf2.out | tr '\n' ' ')"
echo "$out"
[ "$(grep -c "attach: EPERM" /tmp/bpf1.out /tmp/bpf2.out | awk -F: '{s += $2} END {print s}')" = 2 ] &&
	pass "both attaches refused: $out" || fail "expected attach: EPERM twice, got: $out"
attack_logged bpf 2 bpf "what=fmod_ret target=security_kernel_(post_read_file|load_data)"
assert_not_loaded dummy
expect_fail_errno EPERM sysload kexec_load
attack_holds
