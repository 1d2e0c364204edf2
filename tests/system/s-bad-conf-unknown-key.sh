# SPDX-License-Identifier: GPL-2.0-or-later
# A seal.conf with an unknown key: seal.service fails with one line naming the file and line, the machine boots on unsealed, and seal-verify exits 2.
# system-unit: seal.service
# system-conf: sums=/lib/modules/sha256sums
# system-conf: frobnicate=yes
# system-list: all
expect_eq degraded "$state" "systemctl is-system-running (one failed unit)"
expect_eq seal.service "$(systemctl --failed --no-legend --plain | awk '{print $1}' | tr '\n' ' ' | sed 's/ $//')" "the failed units"
run journalctl -b -u seal.service -o cat --no-pager
echo "$run_out" | grep -q "/etc/seal/seal.conf:2: unknown key 'frobnicate'" &&
	pass "the journal says why: $(echo "$run_out" | grep -o "/etc/seal/seal.conf:2: [^.]*'frobnicate'")" ||
	fail "no journal line naming /etc/seal/seal.conf:2 and the key: $run_out"
[ -e /sys/kernel/seal/sealed ] && fail "sealed anyway" || pass "not sealed"
run seal-verify --quiet
expect_eq 2 "$run_rc" "seal-verify's exit status ($run_out)"
