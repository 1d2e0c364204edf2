# SPDX-License-Identifier: GPL-2.0-or-later
# A kprobe program calling bpf_probe_write_user (which could rewrite a running insmod= or mem_allow= program's memory around the ptrace guards) loads before the seal and not after it: the helper is withheld (lockdown reason bpf_write_user), logged and counted; the seal holds.
# vm-tier: core
capture attack-bpf write_user do_nanosleep --load-only
echo "$capture_out" | grep -q "load: ok" && pass "before the seal: $capture_out" || die "before the seal the program should load, got: $capture_out"
seal_load
door_refused bpf_write_user
attack_holds
