# SPDX-License-Identifier: GPL-2.0-or-later
# A kprobe-type program that writes its context (kprobe_write_ctx, 6.18+) on a uprobe rewrites a process's registers, the door bpf_probe_write_user is: unsealed (the control) it rewrites the uprobed function's argument; sealed, seal refuses it at load, logged op=bpf what=kprobe_write_ctx, counted; the seal holds.
# vm-tier: core
capture attack-bpf write_ctx - -- true
echo "control, unsealed: $capture_out"
case "$capture_out" in
*"victim: 42"*) pass "control: unsealed, the program rewrote the uprobed function's argument (victim: 42)" ;;
*"load: EACCES"* | *"load: EINVAL"*)
	skip_all "this kernel's verifier refuses context writes by kprobe programs ($capture_out): the door does not exist here" ;;
*) die "control: expected victim: 42, got: $capture_out" ;;
esac
seal_load
attack_mark
capture attack-bpf write_ctx - -- true
echo "sealed: $capture_out"
echo "$capture_out" | grep -q "load: EPERM" && pass "sealed: the context-writing program is refused: $capture_out" ||
	fail "sealed: expected load: EPERM, got: $capture_out"
case "$capture_out" in *"victim: 42"*) fail "sealed: the program rewrote a register" ;; esac
attack_logged bpf 1 bpf "what=kprobe_write_ctx"
attack_holds
