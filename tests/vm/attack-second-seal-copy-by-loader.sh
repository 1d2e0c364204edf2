# SPDX-License-Identifier: GPL-2.0-or-later
# The insmod= loader itself (no sums=) loads a renamed copy of seal.ko with weaker parameters: its init fails, the first seal keeps its hooks and holds.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
expect_ok attack-modrename $SEAL_KO /tmp/sea2.ko sea2
attack_mark
capture /sbin/modloader finit /tmp/sea2.ko "kexec=yes"
if [ "$capture_rc" -ne 0 ]; then pass "the loader's load of sea2 kexec=yes failed: $capture_out"; else fail "sea2 kexec=yes loaded"; fi
assert_not_loaded sea2
# logged: the second copy's own "seal: ... nothing sealed" line, and seal's record of the load
if seal_log | tail -n +$((attack_lines + 1)) | grep -q 'nothing sealed'; then
	pass "logged: $(seal_log | grep 'nothing sealed' | tail -1)"
else
	fail "expected a 'seal: ... nothing sealed' line from the copy, got: $(seal_log | tail -3)"
fi
if grep -q '^sea2 sha256=' $SEAL_SYSFS/loads; then pass "$SEAL_SYSFS/loads: $(grep '^sea2 ' $SEAL_SYSFS/loads)"; else fail "no sea2 record in $SEAL_SYSFS/loads"; fi
expect_fail_errno EPERM sysload kexec_load
attack_holds
