# SPDX-License-Identifier: GPL-2.0-or-later
# rmmod -f seal (CONFIG_MODULE_FORCE_UNLOAD=y on Debian) fails with EPERM, is logged and the seal holds.
# vm-tier: core
seal_load
attack_mark
expect_fail_errno EPERM rmmod -f seal
attack_logged remove + delete_module
attack_holds
