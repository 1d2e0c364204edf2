#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The shipped alerting rule (data/seal-alerts.yml): valid for Prometheus, fires for each case in promtool's rule
# tests (tests/unit/data/seal-alerts.test.yml), and names only metrics seal-verify --metrics really writes.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/verify.sh"
. "$top_srcdir/tests/lib/kernels.sh"
verify_setup

if ! promtool=$(seal_deb_program prometheus promtool 2>"$tmp/.promtool"); then
	[ -n "${CI:-}" ] && { echo "Bail out! no promtool under CI: $(cat "$tmp/.promtool")"; exit 1; }
	skip_all "promtool (Debian package prometheus, unpacked into the cache) not available: $(cat "$tmp/.promtool")"
fi
rules=$top_srcdir/data/seal-alerts.yml
run "$promtool" check rules "$rules"
is_rc 0 "$rc" "promtool check rules: 1 rule${out:+ ($(echo "$out" | tail -1))}"
# rule_files is relative to the test file
cp "$rules" "$top_srcdir/tests/unit/data/seal-alerts.test.yml" "$tmp/"
run "$promtool" test rules "$tmp/seal-alerts.test.yml"
is_rc 0 "$rc" "promtool test rules: every case fires as expected$([ "$rc" = 0 ] || echo " $out" | tail -n 8 | tr '\n' ' ')"

# the names the rule and its tests use are names seal-verify writes
rm -rf "$tmp/r"
mkroot "$tmp/r" || { echo "Bail out! could not build the fake root"; exit 1; }
verify "$tmp/r" --metrics "$tmp/seal.prom"
is_rc 0 "$rc" "seal-verify --metrics on a clean root: exit 0"
written=$(sed -n 's/^\([a-z_]*\)[{ ].*/\1/p' "$tmp/seal.prom" | sort -u)
for name in $(grep -ohE '\bseal_[a-z_]+' "$rules" "$top_srcdir/tests/unit/data/seal-alerts.test.yml" | sort -u); do
	printf '%s\n' "$written" | grep -qx "$name"
	ok $? "$name is a metric seal-verify writes"
done
done_testing
