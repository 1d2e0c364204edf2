# SPDX-License-Identifier: GPL-2.0-or-later
# the lockdown_allow=pci_access: program overwritten in place with cp (same inode, new bytes): the open for writing gets EPERM, logged op=write_program, counted under lockdown; the bytes stay; the seal holds.
# vm-tier: core
hole_seal exempt
. /tests/hole-cp.sh
