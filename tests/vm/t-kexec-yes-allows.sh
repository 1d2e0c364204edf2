# SPDX-License-Identifier: GPL-2.0-or-later
# kexec=yes: kexec_load is allowed after the seal (module loading stays sealed).
seal_load kexec=yes
expect_ok sysload kexec_load
assert_sealed
