# SPDX-License-Identifier: GPL-2.0-or-later
# fmod_ret programs that would skip a seal hook (returning 1, or the size argument) on every security_* function seal hooks load before the seal and are refused at load after it, logged op=bpf what=fmod_ret target=FUNC; on seal's other hooked functions, what the kernel takes before the seal (7.x: __x64_sys_delete_module) seal refuses after it, and the rest the kernel refuses itself; the seal holds.
# vm-tier: core
# vm-timeout: 400
cases="security_kernel_post_read_file:1 security_kernel_post_read_file:arg2 security_kernel_post_load_data:1
security_kernel_post_load_data:arg1 security_kernel_load_data:1 security_kernel_read_file:1 security_locked_down:0
security_bpf_prog:0 security_file_open:1 security_path_truncate:1 security_ptrace_access_check:0 security_bprm_check:1"
for c in $cases; do
	capture attack-bpf fmod_ret "${c%%:*}" --ret "${c#*:}" --load-only
	echo "$capture_out" | grep -q "load: ok" && pass "before the seal, fmod_ret ${c%%:*} --ret ${c#*:}: $capture_out" ||
		fail "before the seal, fmod_ret ${c%%:*}: expected the kernel to load it, got: $capture_out"
done
# seal's other hooked functions: the kernel takes fmod_ret only on security_*, the error-injection
# list and (7.x without error injection) the syscalls' __x64_ entries. Before the seal, whatever
# the kernel says; after it, what the kernel loaded before seal must refuse, logged.
others="open_port replace_mm_exe_file bpf_trampoline_link_prog __x64_sys_delete_module"
kernel_took=
for fn in $others; do
	capture attack-bpf fmod_ret "$fn" --ret 1 --load-only
	echo "before the seal, fmod_ret $fn: $capture_out"
	case "$capture_out" in
	*"load: ok"*) kernel_took="$kernel_took $fn" ;;
	*"load: "*) ;;
	*) fail "fmod_ret $fn: unexpected output before the seal: $capture_out" ;;
	esac
done
echo "before the seal the kernel takes fmod_ret on:${kernel_took:- none of them}"
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
for fn in $others; do
	attack_mark
	capture attack-bpf fmod_ret "$fn" --ret 1 --load-only
	case " $kernel_took " in
	*" $fn "*)
		echo "$capture_out" | grep -q "load: EPERM" && pass "fmod_ret $fn, which the kernel takes: refused by seal" ||
			fail "fmod_ret $fn, which the kernel takes: expected load: EPERM, got: $capture_out"
		attack_logged bpf 1 bpf "what=fmod_ret target=$fn( |$)"
		sleep 1 ;;
	*)
		case "$capture_out" in
		*"load: ok"*) fail "fmod_ret $fn: refused by the kernel before the seal, loaded after it" ;;
		*) pass "fmod_ret $fn: refused by the kernel, as before the seal: $capture_out" ;;
		esac ;;
	esac
done
expect_fail_errno EPERM sysload kexec_load
attack_holds
