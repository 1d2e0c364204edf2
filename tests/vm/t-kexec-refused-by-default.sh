# SPDX-License-Identifier: GPL-2.0-or-later
# Without kexec=yes: kexec_load and kexec_file_load get EPERM after the seal.
expect_ok sysload kexec_load
seal_load
expect_fail_errno EPERM sysload kexec_load
expect_fail_errno EPERM sysload kexec_file /bin/busybox -
