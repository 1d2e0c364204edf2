# SPDX-License-Identifier: GPL-2.0-or-later
# /sys/kernel/seal/init_time says where seal.ko's load went: every field, the phases within the total (no time is asserted), and hooks= the number of functions ftrace shows hooked by seal.ko (enabled_functions).
# vm-tier: core
[ -e $SEAL_SYSFS/init_time ] && fail "$SEAL_SYSFS/init_time exists before the seal" || pass "no init_time before the seal"
sums_lines "$(module_path dummy)" >/tmp/list.sha256
seal_load sums=/tmp/list.sha256 insmod=/sbin/seal-insmod
t=$(cat $SEAL_SYSFS/init_time)
echo "sealvm: init_time: $t"
case "$t" in
"total_us="[0-9]*" list_read_us="[0-9]*" list_hash_us="[0-9]*" list_parse_us="[0-9]*" hooks="[0-9]*" hooks_filter_us="[0-9]*" hooks_register_us="[0-9]*)
	pass "init_time has its seven fields" ;;
*) fail "init_time: unexpected format: $t" ;;
esac
field() { echo "$t" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
total=$(field total_us)
sum=$(($(field list_read_us) + $(field list_hash_us) + $(field list_parse_us) + $(field hooks_filter_us) + $(field hooks_register_us)))
[ "$total" -gt 0 ] && [ "$sum" -le "$total" ] && pass "the phases ($sum us) fit in the total ($total us)" ||
	fail "the phases ($sum us) do not fit in the total ($total us)"
# ftrace's own account of the functions seal.ko hooked
hooked=$(grep -c '\[seal\]' /sys/kernel/tracing/enabled_functions 2>/dev/null)
[ "${hooked:-0}" -gt 0 ] || die "no function in /sys/kernel/tracing/enabled_functions names [seal]: $(head -c 600 /sys/kernel/tracing/enabled_functions 2>&1)"
expect_eq "$hooked" "$(field hooks)" "hooks= against ftrace's enabled_functions"
