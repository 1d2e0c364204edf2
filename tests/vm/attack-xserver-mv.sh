# SPDX-License-Identifier: GPL-2.0-or-later
# mem_allow= X server replaced with mv: the new file is another inode, so its /dev/mem write open gets EPERM, logged op=open_mem reason=sealed; the seal holds.
hole_seal xserver
. /tests/hole-mv.sh
