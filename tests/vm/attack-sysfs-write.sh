# SPDX-License-Identifier: GPL-2.0-or-later
# Writes to /sys/module/seal/parameters/* and /sys/kernel/seal/* fail (no parameter is exposed, every seal file is read-only, even after chmod); nothing changes and the seal holds.
seal_load insmod=/sbin/seal-insmod
before=$(cat $SEAL_SYSFS/insmod $SEAL_SYSFS/read $SEAL_SYSFS/kexec $SEAL_SYSFS/no_remove $SEAL_SYSFS/sealed)
# seal.ko registers its parameters with permission 0: there is nothing to write under parameters/
if [ -e /sys/module/seal/parameters ]; then
	fail "/sys/module/seal/parameters exists: $(ls /sys/module/seal/parameters)"
else
	pass "/sys/module/seal/parameters does not exist"
fi
for p in read insmod mem_allow no_remove sums kexec; do
	expect_fail_errno ENOENT sysload write /sys/module/seal/parameters/$p ""
done
for f in $SEAL_SYSFS/* $SEAL_SYSFS/denied/*; do
	[ -f "$f" ] || continue
	capture sysload write "$f" 0
	if [ "$capture_rc" -ne 0 ]; then pass "write $f: $capture_out"; else fail "write $f: expected an error, got ok"; fi
	chmod 666 "$f" 2>/dev/null
	capture sysload write "$f" 0
	if [ "$capture_rc" -ne 0 ]; then pass "write $f after chmod 666: $capture_out"; else fail "write $f after chmod 666: expected an error, got ok"; fi
done
expect_eq "$before" "$(cat $SEAL_SYSFS/insmod $SEAL_SYSFS/read $SEAL_SYSFS/kexec $SEAL_SYSFS/no_remove $SEAL_SYSFS/sealed)" "seal's state after the writes"
# No "seal: " line: the VFS refuses these before seal.ko sees them (docs/threat-model.md).
attack_holds
