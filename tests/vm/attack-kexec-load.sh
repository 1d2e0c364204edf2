# SPDX-License-Identifier: GPL-2.0-or-later
# kexec_load (to boot a kernel without the seal) gets EPERM, logged op=kexec_load; the seal holds.
seal_load
attack_mark
expect_fail_errno EPERM sysload kexec_load
attack_logged kexec 1 kexec_load
attack_holds
