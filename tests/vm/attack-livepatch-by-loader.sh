# SPDX-License-Identifier: GPL-2.0-or-later
# The insmod= loader itself (no sums=) loads a livepatch over the functions seal wraps: klp_enable_patch fails with EBUSY (seal owns them with IPMODIFY) and the seal holds.
[ -f /seal/attack_livepatch.ko ] || die "no /seal/attack_livepatch.ko (the runner did not build it)"
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
expect_fail_errno EBUSY /sbin/modloader finit /seal/attack_livepatch.ko
assert_not_loaded attack_livepatch
[ -d /sys/kernel/livepatch/attack_livepatch ] && fail "livepatch attack_livepatch is registered" || pass "no /sys/kernel/livepatch/attack_livepatch"
# logged: seal's record of the load, and the kernel's livepatch error
if grep -q '^attack_livepatch sha256=' $SEAL_SYSFS/loads; then pass "$SEAL_SYSFS/loads: $(grep '^attack_livepatch ' $SEAL_SYSFS/loads)"; else fail "no attack_livepatch record in $SEAL_SYSFS/loads"; fi
dmesg | grep -i 'livepatch' | tail -3
attack_mark
attack_holds
attack_logged module 2 "finit_module|init_module"
