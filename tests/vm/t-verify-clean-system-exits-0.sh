# SPDX-License-Identifier: GPL-2.0-or-later
# seal-verify on a freshly sealed guest (list made, seal.ko loaded with it): exit 0, no finding.
expect_ok seal-mksums -o /lib/modules/sha256sums
seal_load insmod=/sbin/seal-insmod sums=/lib/modules/sha256sums no_remove=true
out=$(seal-verify 2>&1); rc=$?
echo "$out" | sed 's/^/  | /'
expect_eq 0 "$rc" "seal-verify exit status on a clean sealed system"
expect_eq "" "$(echo "$out" | grep -v ': summary ')" "seal-verify lines other than the summary"
case "$out" in
*"files=0 "*) fail "seal-verify checked no module file: $out" ;;
*) pass "seal-verify checked the module files" ;;
esac
# The second run takes every digest from the cache, and still finds nothing.
sleep 2; seal-verify -q; sleep 2
out=$(seal-verify 2>&1); rc=$?
expect_eq 0 "$rc" "second seal-verify exit status"
expect_eq 0 "$(echo "$out" | sed -n 's/.* hashed=\([0-9]*\).*/\1/p')" "files hashed by the unchanged re-run"
