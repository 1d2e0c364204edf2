# SPDX-License-Identifier: GPL-2.0-or-later
# PTRACE_TRACEME then exec of the mem_allow= X server: the exec gets EPERM, logged op=exec_traced; the seal holds.
hole_seal xserver
. /tests/hole-ptrace-traceme.sh
