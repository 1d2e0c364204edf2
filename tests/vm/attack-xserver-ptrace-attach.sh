# SPDX-License-Identifier: GPL-2.0-or-later
# PTRACE_ATTACH/SEIZE to a running mem_allow= X server (to make it open /dev/mem for us) get EPERM, logged op=ptrace; the seal holds.
hole_seal xserver
. /tests/hole-ptrace-attach.sh
