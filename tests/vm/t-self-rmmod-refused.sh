# SPDX-License-Identifier: GPL-2.0-or-later
# Self: rmmod seal, rmmod -f seal and delete_module("seal") with every flag all fail, logged reason=self; the seal holds.
seal_load
expect_refused remove 1 delete_module self rmmod seal
expect_refused remove 1 delete_module self rmmod -f seal
for flags in 0 nonblock trunc nonblock,trunc; do
	expect_refused remove 1 delete_module self sysload delete seal "$flags"
done
assert_module_loaded seal
expect_eq 1 "$(cat $SEAL_SYSFS/sealed 2>&1)" "$SEAL_SYSFS/sealed"
assert_sealed
