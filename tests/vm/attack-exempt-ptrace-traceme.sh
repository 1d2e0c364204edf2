# SPDX-License-Identifier: GPL-2.0-or-later
# PTRACE_TRACEME then exec of the lockdown_allow=pci_access: program: the exec gets EPERM, logged op=exec_traced; untraced, it still writes PCI config.
hole_seal exempt
. /tests/hole-ptrace-traceme.sh
