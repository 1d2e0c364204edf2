# SPDX-License-Identifier: GPL-2.0-or-later
# A seal.conf naming a list that does not exist: seal.service fails with one line naming the list, the machine boots on unsealed, and seal-verify exits 2.
# system-unit: seal.service
# system-conf: sums=/lib/modules/no-such-list
expect_eq degraded "$state" "systemctl is-system-running (one failed unit)"
expect_eq failed "$(systemctl is-failed seal.service)" "seal.service"
run journalctl -b -u seal.service -o cat --no-pager
echo "$run_out" | grep -q "sums=/lib/modules/no-such-list: No such file or directory" &&
	pass "the journal names the list" || fail "no journal line naming the missing list: $run_out"
[ -e /sys/kernel/seal/sealed ] && fail "sealed anyway" || pass "not sealed"
run seal-verify --quiet
expect_eq 2 "$run_rc" "seal-verify's exit status ($run_out)"
