#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-verify on a clean sealed fake system: exit 0, no finding, a summary, valid JSON, silence with --quiet.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/verify.sh"
verify_setup

mkroot "$tmp/r" || { echo "Bail out! could not build the fake root"; exit 1; }

verify "$tmp/r"
is_rc 0 "$rc" "clean system: exit 0"
is "" "$(printf '%s\n' "$out" | grep -v ': summary ')" "clean system: no finding line"
like "$out" "seal-verify: summary findings=0 errors=0 files=5 loaded=2" "summary counts 5 files and 2 loaded modules"
is "" "$err" "clean system: nothing on stderr"
unlike "$out" "printk" "built-in module (sysfs dir, no initstate) is skipped"

verify "$tmp/r" --quiet
is_rc 0 "$rc" "--quiet: exit 0"
is "" "$out" "--quiet: nothing on stdout"

verify "$tmp/r" --json
is_rc 0 "$rc" "--json: exit 0"
printf '%s\n' "$out" > "$tmp/clean.json"
python3 -m json.tool "$tmp/clean.json" >/dev/null 2>"$tmp/json.err"
ok $? "--json: one valid JSON document" "python3 -m json.tool: $(cat "$tmp/json.err")"
is "0 [] yes 1 5" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["exit"], d["findings"], d["seal"]["loaded"], d["seal"]["sealed"], d["counts"]["files"])' "$tmp/clean.json" 2>&1)" \
	"--json: exit, findings, seal state and counts"

run "$SEAL_VERIFY" --help
is_rc 0 "$rc" "--help: exit 0"
like "$out" "--full" "--help lists --full"

run "$SEAL_VERIFY" --no-such-option
is_rc 2 "$rc" "unknown option: exit 2"
like "$err" "--no-such-option" "unknown option is named"

done_testing
