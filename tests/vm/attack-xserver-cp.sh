# SPDX-License-Identifier: GPL-2.0-or-later
# mem_allow= X server overwritten in place with cp: the open for writing gets EPERM, logged op=write_program (denied/mem); the bytes stay; the seal holds.
hole_seal xserver
. /tests/hole-cp.sh
