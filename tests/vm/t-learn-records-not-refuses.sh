# SPDX-License-Identifier: GPL-2.0-or-later
# learn=yes: a module the list lacks loads, logged "seal: learned ... module=NAME ... verdict=not-listed" (never "denied", no denial counted) and recorded in loads with its verdict and its init's outcome (ok, or failed for a cpufreq driver a QEMU machine has no firmware tables for); a listed one is recorded verdict=ok; a load by the kernel's own request_module names the request and who asked; every other door stays sealed.
# vm-tier: core
dummy=$(module_path dummy)
nlmon=$(module_path nlmon)
sums_lines "$nlmon" >/tmp/list.sha256
img=$(sha256sum "$(module_plain dummy)" | cut -d' ' -f1)
seal_load learn=yes sums=/tmp/list.sha256
expect_eq yes "$(cat $SEAL_SYSFS/learn)" "$SEAL_SYSFS/learn"
attack_mark
expect_ok sysload finit "$dummy" "" "$(finit_flags "$dummy")"
assert_module_loaded dummy
expect_ok sysload finit "$nlmon" "" "$(finit_flags "$nlmon")"
assert_module_loaded nlmon
line=$(seal_log | grep "seal: learned op=finit_module .* module=dummy sha256=$img verdict=not-listed")
[ -n "$line" ] && pass "logged: $line" || fail "no 'seal: learned ... module=dummy sha256=$img verdict=not-listed' line: $(seal_log | tail -3 | tr '\n' ' ')"
expect_eq 0 "$(seal_log | tail -n +$((attack_lines + 1)) | grep -c 'seal: denied')" "denied lines while learning"
expect_eq "$(echo "$attack_counts" | tr ' ' '\n' | sed -n 's/^module=//p')" "$(denied_count module)" "denied/module while learning"
grep -q "^dummy sha256=$img op=finit_module verdict=not-listed init=ok$" $SEAL_SYSFS/loads &&
	pass "loads: $(grep '^dummy ' $SEAL_SYSFS/loads)" || fail "loads: expected 'dummy sha256=$img op=finit_module verdict=not-listed init=ok', got: $(cat $SEAL_SYSFS/loads | tr '\n' '|')"
grep -q "^nlmon sha256=[0-9a-f]* op=finit_module verdict=ok init=ok$" $SEAL_SYSFS/loads &&
	pass "loads: $(grep '^nlmon ' $SEAL_SYSFS/loads)" || fail "loads: expected nlmon verdict=ok init=ok: $(cat $SEAL_SYSFS/loads | tr '\n' '|')"
# a module whose init fails: the ACPI cpufreq drivers find no _PSS / PCCH table in a QEMU machine
# (what udev tries on every boot of one): recorded init=failed
failed=
for m in acpi-cpufreq pcc-cpufreq; do
	f=$(module_path "$m")
	capture sysload finit "$f" "" "$(finit_flags "$f")"
	case "$capture_out" in
	*EPERM*) fail "$m: EPERM while learning: $capture_out" ;;
	esac
	if [ "$capture_rc" -ne 0 ]; then failed=$(echo "$m" | tr - _); break; fi
	echo "sealvm: $m's init succeeded here; the next candidate"
done
[ -n "$failed" ] || die "no candidate module failed its init on this machine: nothing to record as failed"
pass "$failed fails its init here: $capture_out"
grep -q "^$failed sha256=[0-9a-f]* op=finit_module verdict=not-listed init=failed$" $SEAL_SYSFS/loads &&
	pass "loads: $(grep "^$failed " $SEAL_SYSFS/loads)" || fail "loads: expected $failed verdict=not-listed init=failed: $(tr '\n' '|' <$SEAL_SYSFS/loads)"
# the kernel's own autoload: ip asks for rtnl-link-ifb, the kernel runs /sbin/modprobe -q -- rtnl-link-ifb
ln -sf /bin/busybox /sbin/modprobe
expect_ok ip link add s0 type ifb
assert_module_loaded ifb
grep -q "^ifb sha256=[0-9a-f]* op=[a-z_]* verdict=not-listed init=ok requested=rtnl-link-ifb by_comm=ip by_pid=[0-9]* by_uid=0$" $SEAL_SYSFS/loads &&
	pass "loads names the request: $(grep '^ifb ' $SEAL_SYSFS/loads)" ||
	fail "loads: expected 'ifb ... requested=rtnl-link-ifb by_comm=ip by_pid=N by_uid=0', got: $(cat $SEAL_SYSFS/loads | tr '\n' '|')"
seal_log | grep -q "seal: learned op=[a-z_]* .* module=ifb .* verdict=not-listed requested=rtnl-link-ifb by_comm=ip by_pid=[0-9]* by_uid=0$" &&
	pass "the learned line names the request" || fail "no learned line for ifb with requested=: $(seal_log | grep ifb | tr '\n' ' ')"
# learning leaves every other door as sealed as the parameters say
attack_mark
expect_fail_errno EPERM sysload open /dev/mem w
attack_logged mem 1 open_mem "reason=sealed"
expect_fail_errno EPERM sysload kexec_load
attack_logged kexec 1 kexec_load
