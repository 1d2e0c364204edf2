# SPDX-License-Identifier: GPL-2.0-or-later
# lockdown=none keeps the seed's rules only: the integrity doors stay open, while module loads, /dev/mem and /dev/port writes and ioperm are still refused.
lockdown_prepare
sums_of ramoops
# control: unsealed, the same writes and ioperm work
expect_ok sysload open /dev/mem w
expect_ok sysload open /dev/port w
expect_ok sysload ioperm
seal_load sums=/tmp/doors.sha256 lockdown=none
for d in hibernation pci_access debugfs tiocsserial module_parameters bpf_write_user msr; do door_open "$d"; done
expect_eq none "$(cat $SEAL_SYSFS/lockdown)" "$SEAL_SYSFS/lockdown"
expect_refused mem 1 open_mem sealed sysload open /dev/mem w
expect_refused port 1 open_port sealed sysload open /dev/port w
expect_refused port 1 ioperm sealed sysload ioperm
assert_sealed
