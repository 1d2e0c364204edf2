# SPDX-License-Identifier: GPL-2.0-or-later
# Without no_remove=: a forced rmmod of any module is refused (reason=forced), a plain rmmod still works.
insmod "$(module_path dummy)" || die "insmod dummy failed before the seal"
seal_load
before=$(denied_count remove)
expect_fail_errno EPERM rmmod -f dummy
expect_fail_errno EPERM sysload delete dummy nonblock,trunc
assert_module_loaded dummy
expect_eq $((before + 2)) "$(denied_count remove)" "denied/remove after two forced removals"
if seal_log | grep -Eq 'seal: denied op=delete_module .* module=dummy reason=forced'; then
	pass "logged: $(seal_log | grep 'reason=forced' | tail -1)"
else
	fail "expected a 'seal: denied op=delete_module ... module=dummy reason=forced' line, got: $(seal_log | tail -3)"
fi
expect_ok rmmod dummy
assert_not_loaded dummy
