# SPDX-License-Identifier: GPL-2.0-or-later
# Every refused module load names the module: the "seal: denied" line and /sys/kernel/seal/refused carry module=NAME and the image digest, counted once per (module, digest, reason); a refused autoload by the kernel's request_module names what was requested and who asked. Control: unsealed, the same autoload loads the module. The records are root's only (another user reads the sums file, not them).
# vm-tier: core
ln -sf /bin/busybox /sbin/modprobe
expect_ok ip link add c0 type ifb
assert_module_loaded ifb
expect_ok ip link del c0
expect_ok rmmod ifb
dummy=$(module_path dummy)
img=$(sha256sum "$(module_plain dummy)" | cut -d' ' -f1)
sums_lines "$(module_path nlmon)" >/tmp/list.sha256
seal_load sums=/tmp/list.sha256
attack_mark
expect_fail_errno EPERM sysload finit "$dummy" "" "$(finit_flags "$dummy")"
expect_fail_errno EPERM sysload init "$(module_plain dummy)"
attack_logged module 2 "finit_module|init_module" "module=dummy sha256=$img reason=not-listed$"
grep -q "^dummy sha256=$img op=finit_module reason=not-listed count=2$" $SEAL_SYSFS/refused &&
	pass "refused: $(grep '^dummy ' $SEAL_SYSFS/refused)" ||
	fail "refused: expected 'dummy sha256=$img op=finit_module reason=not-listed count=2', got: $(cat $SEAL_SYSFS/refused | tr '\n' '|')"
attack_mark
capture ip link add s0 type ifb
[ "$capture_rc" -ne 0 ] && pass "sealed: ip link add type ifb fails: $capture_out" || fail "sealed: ip link add type ifb succeeded"
assert_not_loaded ifb
attack_logged module + "finit_module|init_module" "module=ifb .*reason=not-listed requested=rtnl-link-ifb by_comm=ip by_pid=[0-9]* by_uid=0$"
grep -q "^ifb sha256=[0-9a-f]* op=[a-z_]* reason=not-listed count=[0-9]* requested=rtnl-link-ifb by_comm=ip by_pid=[0-9]* by_uid=0$" $SEAL_SYSFS/refused &&
	pass "refused names the request: $(grep '^ifb ' $SEAL_SYSFS/refused)" ||
	fail "refused: expected 'ifb ... requested=rtnl-link-ifb by_comm=ip ...', got: $(cat $SEAL_SYSFS/refused | tr '\n' '|')"
# The records name who asked (comm, pid, uid): root's only, as dmesg_restrict keeps the log line.
# Control: the same user reads a file of seal's that any user may (sums).
expect_ok sysload asuser 65534 sysload open $SEAL_SYSFS/sums r
expect_fail_errno EACCES sysload asuser 65534 sysload open $SEAL_SYSFS/refused r
expect_fail_errno EACCES sysload asuser 65534 sysload open $SEAL_SYSFS/loads r
