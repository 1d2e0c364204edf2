# SPDX-License-Identifier: GPL-2.0-or-later
# lockdown_allow= names reasons left open for every program: those doors stay open after the seal, the doors not named stay closed, and module loads are still sealed.
lockdown_prepare
sums_of ramoops
seal_load sums=/tmp/doors.sha256 lockdown_allow=hibernation,pci_access,debugfs,tiocsserial,module_parameters,bpf_write_user
for d in hibernation pci_access debugfs tiocsserial module_parameters bpf_write_user; do door_open "$d"; done
door_refused msr
expect_eq "hibernation
pci_access
debugfs
tiocsserial
module_parameters
bpf_write_user" "$(cat $SEAL_SYSFS/lockdown_allow)" "$SEAL_SYSFS/lockdown_allow"
assert_sealed
