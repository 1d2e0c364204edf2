/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bench/kernel-sha256: no kCFI type hashes in a user program (see linkage.h). */
