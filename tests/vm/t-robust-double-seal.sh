# SPDX-License-Identifier: GPL-2.0-or-later
# seal.ko loaded twice at once: exactly one load wins, the other fails cleanly, and the seal holds.
echo "sealvm: guest CPUs: $(nproc)"
[ -f "$SEAL_KO" ] || die "no $SEAL_KO in the initramfs"
dmesg -c >/dev/null
(insmod "$SEAL_KO" >/tmp/a.out 2>&1; echo $? >/tmp/a.rc) &
(insmod "$SEAL_KO" >/tmp/b.out 2>&1; echo $? >/tmp/b.rc) &
wait
a=$(cat /tmp/a.rc) b=$(cat /tmp/b.rc)
echo "sealvm: first insmod: $a $(cat /tmp/a.out); second insmod: $b $(cat /tmp/b.out)"
wins=0
[ "$a" = 0 ] && wins=$((wins + 1))
[ "$b" = 0 ] && wins=$((wins + 1))
expect_eq 1 "$wins" "insmod seal.ko runs that succeeded"
expect_eq 1 "$(grep -c '^seal ' /proc/modules)" "seal entries in /proc/modules"
expect_eq 1 "$(cat $SEAL_SYSFS/sealed 2>&1)" "$SEAL_SYSFS/sealed"
bad=$(dmesg | grep -E 'Oops|BUG:|WARNING:|Call Trace|general protection' | head -3)
if [ -z "$bad" ]; then pass "no oops"; else fail "the kernel complained: $bad"; fi
# a third, later load fails too, and the seal still refuses modules
run insmod "$SEAL_KO"
if [ "$run_rc" -ne 0 ]; then pass "a later insmod seal.ko fails: $run_out"; else fail "a later insmod seal.ko succeeded"; fi
assert_sealed
