# SPDX-License-Identifier: GPL-2.0-or-later
# 100 loads of one listed module in flight at once behind a first held inside load_module() after seal's check (as udev's workers load one module on a machine with many CPUs): sealed as unsealed, the first loads and the others get EEXIST; none is refused as unchecked.
# vm-tier: core
# vm-timeout: 400

# Each checked load leaves a record that the module notifier claims at COMING; a load that lost its
# record while it waited would be refused there as "unchecked". 100 is more than seal.ko ever kept
# for room (16 slots, before the records were per task and never evicted) and more than the 64
# past which it reaps the records of exited tasks.
p=$(module_plain dummy)
is_loaded dummy && die "dummy is loaded before the test"

# the control, unsealed: what the kernel does with the same loads
capture attack-stall-load "$p" 100
echo "sealvm: unsealed: $capture_out"
expect_eq "first=ok EEXIST=100 ok=0 other=0" "${capture_out#waiting=* }" "unsealed: 100 loads behind a stalled first"
assert_module_loaded dummy
rmmod dummy || die "rmmod dummy failed (unsealed)"

sha256sum "$p" >/tmp/sha256sums || die "sha256sum $p failed"
seal_load sums=/tmp/sha256sums
attack_mark
capture attack-stall-load "$p" 100
echo "sealvm: sealed: $capture_out"
expect_eq "first=ok EEXIST=100 ok=0 other=0" "${capture_out#waiting=* }" "sealed: 100 loads behind a stalled first"
case "$capture_out" in
waiting=100\ *) pass "all 100 loads had passed seal's check and waited behind the first before it went on" ;;
*) fail "not every load waited behind the first ($capture_out): the test did not hold them in flight" ;;
esac
assert_module_loaded dummy
expect_eq "$(echo "$attack_counts" | tr ' ' '\n' | sed -n 's/^module=//p')" "$(denied_count module)" "denied/module: no load refused"
if seal_log | tail -n +$((attack_lines + 1)) | grep -q 'reason=unchecked'; then
	fail "a load was refused as unchecked: $(seal_log | grep 'reason=unchecked' | tail -1)"
else
	pass "no load refused as unchecked"
fi

# the records of the 100 exited processes are reaped: later loads go on as before
rmmod dummy || die "rmmod dummy failed (sealed, no_remove not set)"
for _ in 1 2 3; do
	expect_ok sysload init "$p"
	rmmod dummy
done
assert_sealed
