# SPDX-License-Identifier: GPL-2.0-or-later
# tracefs kprobe_events: kprobes and kretprobes on every hooked function, enabled: they only observe; loads still get EPERM, logged, and the seal holds.
T=/sys/kernel/tracing
[ -f $T/kprobe_events ] || T=/sys/kernel/debug/tracing
[ -f $T/kprobe_events ] || die "no tracefs kprobe_events"
seal_load
n=0
for fn in security_kernel_post_read_file security_kernel_post_load_data security_kernel_load_data security_locked_down open_port __x64_sys_delete_module; do
	n=$((n + 1))
	capture sh -c "echo 'p:sealp$n $fn' >> $T/kprobe_events"
	echo "p:$fn rc=$capture_rc $capture_out"
	capture sh -c "echo 'r:sealr$n $fn \$retval' >> $T/kprobe_events"
	echo "r:$fn rc=$capture_rc $capture_out"
done
echo 1 >$T/events/kprobes/enable 2>/dev/null
echo "kprobe_events: $(wc -l <$T/kprobe_events) probes"
attack_mark
attack_holds
attack_logged module 2 "finit_module|init_module"
grep -c . $T/trace | sed 's/^/trace lines: /'
echo 0 >$T/events/kprobes/enable 2>/dev/null
