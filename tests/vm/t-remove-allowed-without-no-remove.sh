# SPDX-License-Identifier: GPL-2.0-or-later
# Without no_remove=: rmmod of a module loaded before the seal still works.
insmod "$(module_path dummy)" || die "insmod dummy failed before the seal"
seal_load
expect_ok rmmod dummy
assert_not_loaded dummy
