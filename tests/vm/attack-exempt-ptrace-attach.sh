# SPDX-License-Identifier: GPL-2.0-or-later
# PTRACE_ATTACH and PTRACE_SEIZE to the running lockdown_allow=pci_access: program get EPERM, logged op=ptrace, counted under lockdown.
hole_seal exempt
. /tests/hole-ptrace-attach.sh
