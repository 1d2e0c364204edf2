# SPDX-License-Identifier: GPL-2.0-or-later
# With no lockdown= parameter every integrity door is closed after the seal (hibernation, PCI config, debugfs writes, TIOCSSERIAL, hardware module parameters, bpf_probe_write_user, MSR writes), each logged op=lockdown what=REASON and counted; each was open before the seal.
# vm-tier: core
lockdown_prepare
for d in $LOCKDOWN_DOORS; do door_open "$d"; done
sums_of ramoops
seal_load sums=/tmp/doors.sha256
for d in $LOCKDOWN_DOORS; do door_refused "$d"; done
# hibernation's other door: a resume device written to /sys/power/resume is not resumed from
attack_mark
capture sysload write /sys/power/resume 1:0      # a device number (6.1 refuses 0:0 before asking lockdown)
attack_logged lockdown + lockdown "what=hibernation( |$)"
expect_eq "hibernation pci_access debugfs tiocsserial module_parameters bpf_write_user msr" \
	"$(for d in $LOCKDOWN_DOORS; do grep -qw "$d" $SEAL_SYSFS/lockdown && echo "$d"; done | tr '\n' ' ' | sed 's/ $//')" \
	"doors listed in $SEAL_SYSFS/lockdown"
assert_sealed
