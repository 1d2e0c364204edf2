# SPDX-License-Identifier: GPL-2.0-or-later
# A kprobe on any function of seal.ko (tracefs kprobe_events) is refused, before and after the seal: seal's decisions can't be probed (a probe with a context-writing program could make one return 0). Control: a kprobe on a kernel function seal hooks is accepted.
# vm-tier: smoke
T=/sys/kernel/tracing
[ -f $T/kprobe_events ] || T=/sys/kernel/debug/tracing
[ -f $T/kprobe_events ] || die "no tracefs kprobe_events"
# control: kprobes work here at all, on a function seal hooks too
capture sh -c "echo 'p:sealctl security_locked_down' >> $T/kprobe_events"
[ "$capture_rc" -eq 0 ] && pass "control: a kprobe on security_locked_down is accepted" ||
	die "control: a kprobe on security_locked_down was refused ($capture_out): kprobes do not work in this guest"
echo '-:sealctl' >>$T/kprobe_events
seal_load
# every function of seal.ko in the kernel's symbol table (t/T: text), init code excluded (freed)
funcs=$(awk '$4 == "[seal]" && ($2 == "t" || $2 == "T") { print $3 }' /proc/kallsyms | grep -v '^\(init_module\|seal_init\)$' | sort -u)
n=$(echo "$funcs" | grep -c .)
[ "$n" -ge 20 ] || die "only $n seal.ko functions in /proc/kallsyms: ${funcs:-none}"
accepted=
i=0
for fn in $funcs; do
	i=$((i + 1))
	if sh -c "echo 'p:sealk$i $fn' >> $T/kprobe_events" 2>/dev/null; then
		accepted="$accepted $fn"
		echo "-:sealk$i" >>$T/kprobe_events
	fi
done
expect_eq "" "$accepted" "seal.ko functions a kprobe was accepted on (of $n)"
# the decision functions by name, so a renamed one can't drop out of the loop unnoticed
for fn in seal_check seal_module_verdict seal_ftrace_deny seal_ftrace_wrap seal_bpf_decide seal_image_inspect; do
	if echo "$funcs" | grep -qx "$fn"; then
		capture sh -c "echo 'p:sealn $fn' >> $T/kprobe_events"
		[ "$capture_rc" -ne 0 ] && pass "kprobe on $fn refused ($capture_out)" ||
			{ fail "kprobe on $fn accepted"; echo '-:sealn' >>$T/kprobe_events; }
	fi
done
attack_holds
