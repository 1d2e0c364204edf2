# SPDX-License-Identifier: GPL-2.0-or-later
# kexec_file_load with and without an initramfs gets EPERM, logged op=kexec_file_load; the seal holds.
# vm-tier: core
seal_load
attack_mark
expect_fail_errno EPERM sysload kexec_file /bin/busybox -
expect_fail_errno EPERM sysload kexec_file /bin/busybox /bin/sysload
attack_logged kexec 2 kexec_file_load
attack_holds
