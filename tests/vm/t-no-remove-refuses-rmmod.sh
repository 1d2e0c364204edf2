# SPDX-License-Identifier: GPL-2.0-or-later
# no_remove=true: rmmod of a module loaded before the seal is refused, forced or not, logged reason=sealed.
insmod "$(module_path dummy)" || die "insmod dummy failed before the seal"
# control: unsealed, rmmod removes it
expect_ok rmmod dummy
assert_not_loaded dummy
insmod "$(module_path dummy)" || die "insmod dummy failed before the seal"
seal_load no_remove=true
expect_refused remove 1 delete_module sealed rmmod dummy
expect_refused remove 1 delete_module sealed rmmod -f dummy
expect_refused remove 1 delete_module sealed sysload delete dummy nonblock,trunc
assert_module_loaded dummy
