# SPDX-License-Identifier: GPL-2.0-or-later
# rmmod seal fails with EPERM, is logged (op=delete_module reason=self, denied/remove) and the seal holds.
seal_load
attack_mark
expect_fail_errno EPERM rmmod seal
attack_logged remove + delete_module
seal_log | grep -q 'op=delete_module .*module=seal reason=self' && pass "reason=self logged" || fail "no 'module=seal reason=self' line"
attack_holds
