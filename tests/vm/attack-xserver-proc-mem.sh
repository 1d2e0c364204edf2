# SPDX-License-Identifier: GPL-2.0-or-later
# /proc/PID/mem and process_vm_writev into a running mem_allow= X server get EPERM, logged op=ptrace; the seal holds.
hole_seal xserver
. /tests/hole-proc-mem.sh
