# SPDX-License-Identifier: GPL-2.0-or-later
# /proc/PID/mem and process_vm_writev of the running lockdown_allow=pci_access: program get EPERM, logged op=ptrace, counted under lockdown; the seal holds.
hole_seal exempt
. /tests/hole-proc-mem.sh
