# SPDX-License-Identifier: GPL-2.0-or-later
# 100,000 denied /dev/mem write opens from 4 processes: every one EPERM and counted (denied/mem grows by exactly 100000), the log rate-limited, and the guest still usable and sealed.
# vm-timeout: 600
seal_load
attack_mark
t0=$(date +%s)
capture attack-flood /dev/mem 25000 4
t1=$(date +%s)
echo "attack-flood: $capture_out in $((t1 - t0)) s"
expect_eq "attempts=100000 EPERM=100000 ok=0 other=0" "$capture_out" "attack-flood result"
expect_eq $(($(echo "$attack_counts" | tr ' ' '\n' | sed -n 's/^mem=//p') + 100000)) "$(denied_count mem)" "denied/mem after 100000 attempts"
lines=$(seal_log | tail -n +$((attack_lines + 1)) | grep -c 'op=open_mem')
# 10 lines per 5 s burst (seal_rs), plus one burst of slack for the edges
max=$((10 * ((t1 - t0) / 5 + 2)))
[ "$lines" -ge 1 ] && [ "$lines" -le "$max" ] && pass "log rate-limited: $lines open_mem lines for 100000 denials (at most $max)" ||
	fail "log: expected 1..$max open_mem lines, got $lines"
# still usable: a shell, a file write, a process list
expect_ok sh -c 'echo usable >/tmp/u && grep -q usable /tmp/u && ps >/dev/null'
attack_holds
