#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-verify's outputs for a fleet: hostile names escaped the same way in text, JSON and the metrics file, and the
# metrics file valid for Prometheus (promtool check metrics) with the run's time, exit status and counters.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/verify.sh"
. "$top_srcdir/tests/lib/kernels.sh"
verify_setup

rm -rf "$tmp/r"
mkroot "$tmp/r" || { echo "Bail out! could not build the fake root"; exit 1; }
# Module names seen only in sysfs (a directory may be named anything): hidden findings with hostile subjects.
nl=$'\n' esc=$'\e'
fake_module "$tmp/r" "rk${nl}seal-verify: summary findings=0 errors=0 exit=0" sysfs
fake_module "$tmp/r" "rk${esc}[2J%s%n\"'\\"$'\xff' sysfs
echo 3 > "$tmp/r/sys/kernel/seal/denied/module"

run_start=$(date +%s)
verify "$tmp/r" --metrics "$tmp/seal.prom"
run_end=$(date +%s)
is_rc 1 "$rc" "hidden modules: exit 1"
is 2 "$(printf '%s\n' "$out" | grep -c '^seal-verify: hidden rk')" "one line per hidden module"
is 1 "$(printf '%s\n' "$out" | grep -c '^seal-verify: summary')" "one summary line: the forged one stays inside its value"
like "$out" 'seal-verify: hidden rk\x0aseal-verify:\x20summary\x20findings=0\x20errors=0\x20exit=0 seen=sysfs' \
	"newline and spaces escaped in the text line"
like "$out" "seal-verify: hidden rk\\x1b[2J%s%n\\x22'\\x5c\\xff seen=sysfs" \
	"escape, quotes, backslash and invalid UTF-8 escaped in the text line"
is 0 "$(printf '%s' "$out" | grep -c "$esc")" "no raw ESC byte on stdout"

verify "$tmp/r" --json
is "rk\\x0aseal-verify:\\x20summary\\x20findings=0\\x20errors=0\\x20exit=0 rk\\x1b[2J%s%n\\x22'\\x5c\\xff" \
	"$(printf '%s\n' "$out" | python3 -c 'import json,sys; print(*sorted(f["subject"] for f in json.load(sys.stdin)["findings"] if f["kind"]=="hidden"))' 2>&1)" \
	"--json: the same escaped subjects (valid JSON)"

# The metrics file: valid exposition format, and the values of this run.
prom=$(cat "$tmp/seal.prom" 2>/dev/null)
like "$prom" 'seal_verify_findings{kind="hidden"} 2' "metrics: two hidden findings"
like "$prom" 'seal_verify_findings{kind="changed"} 0' "metrics: every kind present, 0 included"
like "$prom" 'seal_verify_last_run_exit_status 1' "metrics: the exit status"
like "$prom" 'seal_denied_total{kind="module"} 3' "metrics: denial counter per kind"
like "$prom" 'seal_sealed 1' "metrics: sealed"
like "$prom" 'seal_parameter{name="no_remove",value="true"} 1' "metrics: parameters"
like "$prom" 'seal_verify_checked{what="files"} 5' "metrics: files checked"
t=$(sed -n 's/^seal_verify_last_run_timestamp_seconds //p' "$tmp/seal.prom")
[ -n "$t" ] && [ "$t" -ge "$run_start" ] && [ "$t" -le "$run_end" ]
ok $? "metrics: last run time is the run's ($t, the run from $run_start to $run_end)"
if promtool=$(seal_deb_program prometheus promtool 2>"$tmp/.promtool"); then
	run "$promtool" check metrics <"$tmp/seal.prom"
	is_rc 0 "$rc" "promtool check metrics: no problem${out:+ ($out)}"
elif [ -n "${CI:-}" ]; then
	ok 1 "promtool (Debian package prometheus, unpacked into the cache): $(cat "$tmp/.promtool")"
else
	skip "promtool check metrics" "promtool not available: $(cat "$tmp/.promtool")"
fi

# A gap that names a hostile path: escaped once, the same on stderr and in the JSON errors.
verify "$tmp/x${nl}y" --json
is_rc 2 "$rc" "--root that does not exist: exit 2"
like "$err" "--root $tmp/x\\x0ay: No such file or directory" "gap on stderr: the newline escaped"
unlike "$err" 'x\x5c' "gap on stderr: escaped once, not twice"
is "--root $tmp/x\\x0ay: No such file or directory" \
	"$(printf '%s\n' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["errors"][0])' 2>&1)" \
	"gap in --json: the same escaped message"

# A metrics file that cannot be written is a gap of its own: exit 2 on an otherwise clean run, the old file kept.
rm -rf "$tmp/r"
mkroot "$tmp/r" || { echo "Bail out! could not build the fake root"; exit 1; }
verify "$tmp/r" --metrics "$tmp/no-such-dir/seal.prom"
is_rc 2 "$rc" "metrics not writable: exit 2"
like "$err" "$tmp/no-such-dir/seal.prom: not written" "metrics not writable: named on stderr"
verify "$tmp/r" --metrics "$tmp/seal.prom"
is_rc 0 "$rc" "clean run: exit 0"
like "$(cat "$tmp/seal.prom")" 'seal_verify_last_run_exit_status 0' "clean run: the file now says exit 0"
like "$(cat "$tmp/seal.prom")" 'seal_verify_findings{kind="hidden"} 0' "clean run: no hidden module"
is "" "$(find "$tmp" -maxdepth 1 -name 'seal.prom?*')" "no temporary file left beside it"

done_testing
