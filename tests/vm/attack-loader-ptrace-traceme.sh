# SPDX-License-Identifier: GPL-2.0-or-later
# PTRACE_TRACEME then exec of the insmod= loader (traced from its first instruction): the exec gets EPERM, logged op=exec_traced; the seal holds.
hole_seal loader
. /tests/hole-ptrace-traceme.sh
