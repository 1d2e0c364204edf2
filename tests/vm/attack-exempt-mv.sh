# SPDX-License-Identifier: GPL-2.0-or-later
# another binary renamed onto the lockdown_allow=pci_access: program's path is another inode: its PCI config write gets EPERM, logged op=lockdown what=pci_access; the seal holds.
hole_seal exempt
. /tests/hole-mv.sh
