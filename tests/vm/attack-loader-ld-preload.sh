# SPDX-License-Identifier: GPL-2.0-or-later
# LD_PRELOAD of a library that calls init_module from inside the insmod= loader: the exec is marked secure (AT_SECURE), so the loader ignores it; no load happens and the seal holds.
[ -f /usr/lib/attack-preload.so ] || die "no /usr/lib/attack-preload.so (the runner did not build it)"
seal_load insmod=/sbin/seal-insmod
m=$(module_plain dummy)
# the library works: in an ordinary dynamic program it runs and makes the call (refused: not the loader)
attack_mark
capture env ATTACK_MODULE=$m LD_PRELOAD=/usr/lib/attack-preload.so /sbin/seal-verify --help
echo "control: $capture_out"
echo "$capture_out" | grep -q 'preload: init_module .*: EPERM' && pass "preload runs in another program: EPERM" || fail "control: the preload library did not run: $capture_out"
attack_logged module 1 init_module
capture env ATTACK_MODULE=$m LD_PRELOAD=/usr/lib/attack-preload.so LD_LIBRARY_PATH=/tmp /sbin/seal-insmod -n "$m"
echo "seal-insmod under LD_PRELOAD: $capture_out"
if echo "$capture_out" | grep -q 'preload:'; then fail "the preload library ran inside the loader: $capture_out"; else pass "LD_PRELOAD ignored inside the loader"; fi
assert_not_loaded dummy
attack_holds
