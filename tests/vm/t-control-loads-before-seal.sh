# SPDX-License-Identifier: GPL-2.0-or-later
# Control: before any seal, real modules load through busybox insmod and both raw syscalls, and rmmod works.
for m in dummy nlmon veth; do
	assert_not_loaded "$m"
done
expect_ok insmod "$(module_path dummy)"
assert_module_loaded dummy
f=$(module_path nlmon)
expect_ok sysload finit "$f" "" "$(finit_flags "$f")"
assert_module_loaded nlmon
expect_ok sysload init "$(module_plain veth)"
assert_module_loaded veth
expect_ok rmmod dummy
assert_not_loaded dummy
expect_ok sysload delete nlmon nonblock
assert_not_loaded nlmon
expect_ok rmmod veth
assert_not_loaded veth
# nothing sealed: seal.ko is not loaded and its sysfs directory does not exist
assert_not_loaded seal
if [ -e "$SEAL_SYSFS" ]; then fail "$SEAL_SYSFS exists before the seal"; else pass "no $SEAL_SYSFS before the seal"; fi
