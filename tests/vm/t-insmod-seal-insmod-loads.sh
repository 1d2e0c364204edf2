# SPDX-License-Identifier: GPL-2.0-or-later
# insmod=/sbin/seal-insmod sums=LIST (the documented setup): seal-insmod loads a module that seal-mksums listed.
# vm-tier: core
expect_ok seal-mksums -o /lib/modules/sha256sums
seal_load insmod=/sbin/seal-insmod sums=/lib/modules/sha256sums
expect_ok seal-insmod "$(module_path dummy)"
assert_module_loaded dummy
