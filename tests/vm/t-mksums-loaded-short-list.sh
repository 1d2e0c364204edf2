# SPDX-License-Identifier: GPL-2.0-or-later
# seal-mksums --loaded writes a short list: the modules loaded now (with their dependencies), not the rest of the tree; sealed with it, a listed module loads again and an unlisted one is refused.
for m in dummy nlmon; do
	f=$(module_path "$m")
	expect_ok sysload finit "$f" "" "$(finit_flags "$f")"
done
expect_ok seal-mksums --loaded -d -o /tmp/short.list
for m in dummy nlmon; do
	grep -q "  $(module_path "$m")\$" /tmp/short.list && pass "$m listed" || fail "$m not in the short list: $(cat /tmp/short.list)"
done
grep -q "/ifb.ko" /tmp/short.list && fail "ifb (not loaded) is listed" || pass "ifb not listed"
expect_eq 2 "$(grep -vc '^#' /tmp/short.list)" "file lines in the short list"
rmmod dummy || die "rmmod dummy"
seal_load sums=/tmp/short.list
f=$(module_path dummy)
expect_ok sysload finit "$f" "" "$(finit_flags "$f")"
assert_module_loaded dummy
assert_sealed ifb
