# SPDX-License-Identifier: GPL-2.0-or-later
# A /dev/mem descriptor opened before the seal still writes after it (the seal checks at open, like lockdown; documented), but re-opening it through /proc/self/fd is refused and logged; the seal holds.
# openhold: open /dev/mem rw, run the seal load, then read one byte at offset 0 and write it back
capture sysload openhold /dev/mem rw -- insmod $SEAL_KO
[ "$(cat $SEAL_SYSFS/sealed 2>/dev/null)" = 1 ] || die "the seal did not load under openhold: $capture_out"
echo "write through the descriptor opened before the seal: $capture_out"
expect_eq ok "$capture_out" "write through a descriptor opened before the seal (documented: not revoked)"
attack_mark
# the same descriptor reached through /proc/PID/fd is a new open: refused
expect_fail_errno EPERM sh -c 'sysload open /proc/self/fd/5 w 5</dev/mem'
attack_logged mem + open_mem
attack_holds
