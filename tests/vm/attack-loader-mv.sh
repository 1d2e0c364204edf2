# SPDX-License-Identifier: GPL-2.0-or-later
# insmod= loader replaced with mv (another binary renamed onto its path): the new file is not the loader (other inode); its loads get EPERM, logged reason=not-loader; the seal holds.
hole_seal loader
. /tests/hole-mv.sh
