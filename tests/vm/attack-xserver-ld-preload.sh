# SPDX-License-Identifier: GPL-2.0-or-later
# LD_PRELOAD into the mem_allow= X server (a dynamic program here): the exec is marked secure (AT_SECURE), so the library never runs; the seal holds.
[ -f /usr/lib/attack-preload.so ] || die "no /usr/lib/attack-preload.so (the runner did not build it)"
seal_load mem_allow=/sbin/seal-verify
capture env ATTACK_MODULE="$(module_plain dummy)" LD_PRELOAD=/usr/lib/attack-preload.so /sbin/seal-verify --help
echo "seal-verify (the X server here) under LD_PRELOAD: $capture_out"
if echo "$capture_out" | grep -q 'preload:'; then fail "the preload library ran inside the mem_allow= program"; else pass "LD_PRELOAD ignored inside the mem_allow= program"; fi
attack_mark
attack_holds
attack_logged module 2 "finit_module|init_module"
