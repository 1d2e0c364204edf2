# SPDX-License-Identifier: GPL-2.0-or-later
# Without kexec=yes: kexec_load and kexec_file_load get EPERM after the seal, logged reason=sealed.
# control: unsealed, kexec_load works (kexec_file_load of busybox fails later, in the image check)
expect_ok sysload kexec_load
seal_load
expect_refused kexec 1 kexec_load sealed sysload kexec_load
expect_refused kexec 1 kexec_file_load sealed sysload kexec_file /bin/busybox -
