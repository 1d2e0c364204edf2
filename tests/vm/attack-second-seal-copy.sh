# SPDX-License-Identifier: GPL-2.0-or-later
# A renamed copy of seal.ko (seal2, no parameters) loaded after the seal gets EPERM through both syscalls and is logged; the seal holds.
seal_load
expect_ok attack-modrename $SEAL_KO /tmp/sea2.ko sea2
attack_mark
expect_fail_errno EPERM sysload finit /tmp/sea2.ko "kexec=yes"
expect_fail_errno EPERM sysload init /tmp/sea2.ko "kexec=yes"
expect_fail_errno EPERM insmod /tmp/sea2.ko
attack_logged module + "finit_module|init_module"
assert_not_loaded sea2
expect_fail_errno EPERM sysload kexec_load
attack_holds
