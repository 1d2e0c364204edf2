# SPDX-License-Identifier: GPL-2.0-or-later
# tracefs: set_ftrace_notrace and set_ftrace_filter on the hooked functions, the function and function_graph tracers on and off: the seal holds through each and denials are logged.
T=/sys/kernel/tracing
[ -f $T/set_ftrace_filter ] || T=/sys/kernel/debug/tracing
[ -f $T/set_ftrace_filter ] || die "no tracefs set_ftrace_filter"
hooked="security_kernel_post_read_file security_kernel_post_load_data security_kernel_load_data security_locked_down open_port __x64_sys_delete_module"
seal_load
for fn in $hooked; do
	echo "$fn" >>$T/set_ftrace_notrace 2>/dev/null
done
echo "set_ftrace_notrace: $(tr '\n' ' ' <$T/set_ftrace_notrace)"
attack_mark
assert_sealed
attack_logged module 2 "finit_module|init_module"
for tracer in function function_graph; do
	grep -qw $tracer $T/available_tracers || continue
	for fn in $hooked; do echo "$fn" >>$T/set_ftrace_filter 2>/dev/null; done
	capture sh -c "echo $tracer > $T/current_tracer"
	echo "current_tracer=$tracer: rc=$capture_rc $capture_out"
	attack_mark
	assert_sealed
	attack_logged module 2 "finit_module|init_module"
	echo nop >$T/current_tracer
	: >$T/set_ftrace_filter
done
: >$T/set_ftrace_notrace
attack_holds
