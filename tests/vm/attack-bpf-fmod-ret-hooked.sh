# SPDX-License-Identifier: GPL-2.0-or-later
# fmod_ret programs that would skip a seal hook (returning 1, or the size argument) on every security_* function seal hooks load before the seal and are refused at load after it, logged op=bpf what=fmod_ret target=FUNC; on seal's other hooked functions the kernel itself refuses fmod_ret; the seal holds.
# vm-timeout: 400
cases="security_kernel_post_read_file:1 security_kernel_post_read_file:arg2 security_kernel_post_load_data:1
security_kernel_post_load_data:arg1 security_kernel_load_data:1 security_kernel_read_file:1 security_locked_down:0
security_bpf_prog:0 security_file_open:1 security_path_truncate:1 security_ptrace_access_check:0 security_bprm_check:1"
for c in $cases; do
	capture attack-bpf fmod_ret "${c%%:*}" --ret "${c#*:}" --load-only
	echo "$capture_out" | grep -q "load: ok" && pass "before the seal, fmod_ret ${c%%:*} --ret ${c#*:}: $capture_out" ||
		fail "before the seal, fmod_ret ${c%%:*}: expected the kernel to load it, got: $capture_out"
done
# Not security_* and not on the error-injection list: the verifier refuses, seal or no seal.
kernel_refused() {
	capture attack-bpf fmod_ret "$1" --ret 1 --load-only
	case "$capture_out" in
	*"load: ok"*) fail "fmod_ret $1: the kernel loaded it ($2)" ;;
	*) pass "fmod_ret $1 refused by the kernel ($2): $capture_out" ;;
	esac
}
for fn in open_port replace_mm_exe_file bpf_trampoline_link_prog __x64_sys_delete_module; do kernel_refused "$fn" "before the seal"; done
seal_load kexec=no
f=$(module_path dummy)
for c in $cases; do
	fn=${c%%:*}
	attack_mark
	capture attack-bpf fmod_ret "$fn" --ret "${c#*:}" -- sysload finit "$f" "" "$(finit_flags "$f")"
	echo "$capture_out" | grep -q "load: EPERM" && pass "fmod_ret $fn --ret ${c#*:}: $capture_out" ||
		fail "fmod_ret $fn --ret ${c#*:}: expected load: EPERM, got: $capture_out"
	attack_logged bpf 1 bpf "what=fmod_ret target=$fn( |$)"
	sleep 1         # seal logs at most 10 lines of a kind per 5 s: keep every case's line
done
for fn in open_port replace_mm_exe_file bpf_trampoline_link_prog __x64_sys_delete_module; do kernel_refused "$fn" "after the seal"; done
expect_fail_errno EPERM sysload kexec_load
attack_holds
