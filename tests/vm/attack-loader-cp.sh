# SPDX-License-Identifier: GPL-2.0-or-later
# insmod= loader overwritten in place with cp (same inode, new bytes): the open for writing gets EPERM, logged op=write_program; the bytes stay; the seal holds.
hole_seal loader
. /tests/hole-cp.sh
