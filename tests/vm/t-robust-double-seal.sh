# SPDX-License-Identifier: GPL-2.0-or-later
# seal.ko loaded twice at once: exactly one load wins, the other fails cleanly, and the seal holds.
# vm-smp: 2
[ "$(nproc)" -ge 2 ] || die "expected 2 guest CPUs (# vm-smp: 2), got $(nproc)"
[ -f "$SEAL_KO" ] || die "no $SEAL_KO in the initramfs"
dmesg -c >/dev/null
# Two files, not one: newer kernels (6.12 here, not 6.1) make a finit_module of a file that is
# already being loaded wait for that load and return its result (idempotent_init_module() in
# kernel/module/main.c), so two insmods of one inode both say 0 while only one module loads.
cp "$SEAL_KO" /tmp/seal-copy.ko
(insmod "$SEAL_KO" >/tmp/a.out 2>&1; echo $? >/tmp/a.rc) &
(insmod /tmp/seal-copy.ko >/tmp/b.out 2>&1; echo $? >/tmp/b.rc) &
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
capture insmod "$SEAL_KO"
if [ "$capture_rc" -ne 0 ]; then pass "a later insmod seal.ko fails: $capture_out"; else fail "a later insmod seal.ko succeeded"; fi
assert_sealed
