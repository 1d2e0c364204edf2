# SPDX-License-Identifier: GPL-2.0-or-later
# delete_module("seal", flags) with 0, O_NONBLOCK, O_TRUNC (force) and both: each EPERM, each counted and logged; the seal holds.
seal_load
attack_mark
for flags in 0 nonblock trunc nonblock,trunc; do
	expect_fail_errno EPERM sysload delete seal "$flags"
done
attack_logged remove 4 delete_module
# a name that is not NUL-terminated within MODULE_NAME_LEN, and one that does not exist: refused too
expect_fail_errno EPERM sysload delete sealsealsealsealsealsealsealsealsealsealsealsealsealsealsealsealsealseal trunc
attack_holds
