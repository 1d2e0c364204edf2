# SPDX-License-Identifier: GPL-2.0-or-later
# /proc/PID/mem opened for writing and process_vm_writev into a running insmod= loader get EPERM, logged op=ptrace; the seal holds.
hole_seal loader
. /tests/hole-proc-mem.sh
