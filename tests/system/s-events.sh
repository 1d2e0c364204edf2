# SPDX-License-Identifier: GPL-2.0-or-later
# Events a fleet reads: with auditd running, a load refused to a program in a directory named with a newline gives one kernel line with the values escaped and one audit record (INTEGRITY_DATA, lsm=seal) that ausearch finds; seal-verify's findings and summary are journal entries with SEAL_* fields; its metrics file passes promtool and its last-run time advances with the timer.
# system-unit: seal-late.service
# system-conf: insmod=/usr/sbin/seal-insmod
# system-conf: sums=/lib/modules/sha256sums
# system-list: all
# vm-timeout: 600
expect_eq running "$state" "systemctl is-system-running"
expect_eq 1 "$(cat /sys/kernel/seal/sealed 2>&1)" "/sys/kernel/seal/sealed"
expect_eq active "$(systemctl is-active auditd)" "auditd"
auditctl -s | grep -q '^enabled 1' && pass "audit enabled" || fail "audit not enabled: $(auditctl -s | head -3 | tr '\n' ' ')"

# kmod's insmod, copied into a directory whose name would forge a seal line
d="/tmp/x
seal: sealed: forged"
mkdir -p "$d" && cp /usr/bin/kmod "$d/insmod" || die "could not make the hostile program"
install_unlisted
before=$(cat /sys/kernel/seal/denied/module)
expect_fail "$d/insmod" "/lib/modules/$KVER/extra/seal_unlisted.ko"
expect_eq $((before + 1)) "$(cat /sys/kernel/seal/denied/module)" "denied/module after one refusal"
want='exe=/tmp/x\x0aseal:\x20sealed:\x20forged/insmod module=seal_unlisted sha256='
expect_eq 1 "$(journal_seal | grep -cF "$want")" "kernel lines with $want"
expect_eq 0 "$(journal_seal | grep -c '^seal: sealed: forged')" "forged 'seal: sealed: forged' lines"

# the audit record: same refusal, audit's own hex for the untrusted path
hex=$(printf '%s' "$d/insmod" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
sleep 1     # auditd writes asynchronously
recs=$(ausearch -m INTEGRITY_DATA --raw 2>/dev/null | grep 'lsm=seal op=finit_module reason=not-loader kind=module' | grep "exe=$hex ")
expect_eq 1 "$(printf '%s' "$recs" | grep -c .)" "audit records for the refusal (ausearch -m INTEGRITY_DATA)"
printf '%s\n' "$recs" | grep -q ' comm="insmod" .*sha256=[0-9a-f]\{64\} res=0' &&
	pass "audit record fields: $(printf '%s' "$recs" | head -1 | cut -c1-200)" ||
	fail "audit record lacks comm=\"insmod\" ... sha256= res=0: $recs"
ausearch -m INTEGRITY_DATA -i 2>/dev/null | grep -q "exe=/tmp/x" &&
	pass "ausearch -i decodes the path" || fail "ausearch -i does not show exe=/tmp/x...: $(ausearch -m INTEGRITY_DATA -i 2>&1 | tail -2)"

# seal-verify as its unit runs it: journald entries with fields, and the metrics file
capture systemctl start seal-verify.service
expect_eq "ExecMainStatus=1 Result=exit-code" "$(unit_result seal-verify.service)" "seal-verify.service after the refusal"
e=$(journalctl -b SEAL_FINDING=seal-denied -o export --no-pager 2>/dev/null)
printf '%s\n' "$e" | grep -qx 'SEAL_SUBJECT=module' && printf '%s\n' "$e" | grep -q '^SEAL_COUNT=[1-9]' &&
	pass "journalctl SEAL_FINDING=seal-denied: SEAL_SUBJECT=module SEAL_COUNT=$(printf '%s\n' "$e" | sed -n 's/^SEAL_COUNT=//p' | tail -1)" ||
	fail "no journal entry SEAL_FINDING=seal-denied with SEAL_SUBJECT=module: $(journalctl -b -u seal-verify.service -o cat --no-pager | tail -3)"
journalctl -b SEAL_EXIT=1 -o cat --no-pager | grep -q '^summary findings=' &&
	pass "journalctl SEAL_EXIT=1: the summary" || fail "no summary entry with SEAL_EXIT=1"
m=/var/lib/seal/seal.prom
[ -f "$m" ] && pass "$m written by seal-verify.service" || die "no $m"
expect_ok /usr/local/bin/promtool check metrics <"$m"
grep -q '^seal_sealed 1$' "$m" && grep -q '^seal_verify_last_run_exit_status 1$' "$m" &&
	grep -q '^seal_denied_total{kind="module"} [1-9]' "$m" &&
	pass "metrics: sealed, exit 1, module denials" || fail "metrics values: $(grep -v '^#' "$m" | tr '\n' ' ')"

# the timer keeps it fresh: every 15 s here (hourly as shipped); the last-run time advances twice
mkdir -p /run/systemd/system/seal-verify.timer.d
printf '[Timer]\nOnBootSec=\nOnUnitActiveSec=\nOnActiveSec=15s\nOnUnitActiveSec=15s\nRandomizedDelaySec=0\nAccuracySec=1s\n' \
	>/run/systemd/system/seal-verify.timer.d/fast.conf
systemctl daemon-reload && systemctl restart seal-verify.timer || fail "could not restart seal-verify.timer"
t=$(sed -n 's/^seal_verify_last_run_timestamp_seconds //p' "$m")
for round in 1 2; do
	i=0 now=$t
	while [ "$now" = "$t" ] && [ $i -lt 120 ]; do
		sleep 2
		i=$((i + 2))
		now=$(sed -n 's/^seal_verify_last_run_timestamp_seconds //p' "$m" 2>/dev/null)
		now=${now:-$t}
	done
	[ "$now" -gt "$t" ] && pass "timer round $round: last run time $t -> $now" ||
		fail "timer round $round: last run time still $t after $i s"
	t=$now
done
# the denial was reported once; seal_unlisted.ko, on disk and on no list, is found every time
grep -q '^seal_verify_findings{kind="seal-denied"} 0$' "$m" && grep -q '^seal_verify_findings{kind="new"} 1$' "$m" &&
	grep -q '^seal_verify_last_run_exit_status 1$' "$m" &&
	pass "timer runs: no seal-denied (reported once), one new file, exit 1" ||
	fail "timer runs: $(grep -E '^seal_verify_(findings|last_run_exit)' "$m" | grep -v ' 0$' | tr '\n' ' ')"
