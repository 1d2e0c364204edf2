# SPDX-License-Identifier: GPL-2.0-or-later
# /proc/PID/mem and process_vm_writev into a running mem_allow= X server get EPERM, logged op=ptrace; the seal holds.
cp /bin/sysload /usr/bin/Xorg || die "cp /bin/sysload /usr/bin/Xorg failed"
seal_load mem_allow=/usr/bin/Xorg
attack_start_program /usr/bin/Xorg
pid=$attack_pid
attack_mark
attack_mem_of $pid
attack_logged mem + ptrace
kill $pid 2>/dev/null; wait
attack_holds
