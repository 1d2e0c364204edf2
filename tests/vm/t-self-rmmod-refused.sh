# SPDX-License-Identifier: GPL-2.0-or-later
# Self: rmmod seal, rmmod -f seal and delete_module("seal") with every flag all fail; the seal holds.
seal_load
expect_fail_errno EPERM rmmod seal
expect_fail_errno EPERM rmmod -f seal
for flags in 0 nonblock trunc nonblock,trunc; do
	capture sysload delete seal "$flags"
	if [ "$capture_rc" -eq 0 ]; then fail "sysload delete seal $flags: expected an error, got ok"; else pass "sysload delete seal $flags: $capture_out"; fi
done
assert_module_loaded seal
expect_eq 1 "$(cat $SEAL_SYSFS/sealed 2>&1)" "$SEAL_SYSFS/sealed"
assert_sealed
