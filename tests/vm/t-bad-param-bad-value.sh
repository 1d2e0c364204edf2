# SPDX-License-Identifier: GPL-2.0-or-later
# Bad parameters: a value outside the documented spellings makes the load fail with a line naming the parameter and the value, and nothing is sealed.
for p in read=maybe no_remove=maybe kexec=maybe; do
	dmesg -c >/dev/null
	seal_load_refused "$p"
	expect_logged "seal: $p: want .*; nothing sealed\$" "$p"
done
dmesg -c >/dev/null
seal_load_refused read=
expect_logged "seal: parameter read needs a value; nothing sealed\$" "read="
assert_unsealed
