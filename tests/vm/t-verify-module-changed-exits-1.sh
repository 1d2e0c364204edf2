# SPDX-License-Identifier: GPL-2.0-or-later
# A module file changed after the list was made: seal-verify reports it as changed, exit 1.
expect_ok seal-mksums -o /lib/modules/sha256sums
seal_load insmod=/sbin/seal-insmod sums=/lib/modules/sha256sums
f=$(module_path veth) || exit 1
printf 'x' >>"$f"
out=$(seal-verify 2>&1); rc=$?
echo "$out" | sed 's/^/  | /'
expect_eq 1 "$rc" "seal-verify exit status after $f changed"
line=$(echo "$out" | grep "^seal-verify: changed ")
expect_eq "seal-verify: changed $f" "$(echo "$line" | cut -d' ' -f1-3)" "the changed line names the file"
expect_eq 1 "$(echo "$out" | grep -c '^seal-verify: changed ')" "number of changed lines"
