# SPDX-License-Identifier: GPL-2.0-or-later
# A livepatch replacing the functions seal wraps is a module: after the seal its load is refused with EPERM and logged, and the seal holds.
# vm-tier: core
[ -f /seal/attack_livepatch.ko ] || die "no /seal/attack_livepatch.ko (the runner did not build it)"
seal_load
attack_mark
expect_fail_errno EPERM sysload finit /seal/attack_livepatch.ko
expect_fail_errno EPERM sysload init /seal/attack_livepatch.ko
attack_logged module 2 "finit_module|init_module"
[ -d /sys/kernel/livepatch/attack_livepatch ] && fail "livepatch attack_livepatch is registered" || pass "no /sys/kernel/livepatch/attack_livepatch"
attack_holds
