# SPDX-License-Identifier: GPL-2.0-or-later
# PTRACE_ATTACH and PTRACE_SEIZE to a running insmod= loader (to make it load our module) get EPERM, logged op=ptrace; the seal holds.
# vm-tier: core
hole_seal loader
. /tests/hole-ptrace-attach.sh
