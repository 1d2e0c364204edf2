# SPDX-License-Identifier: GPL-2.0-or-later
# /proc/PID/mem opened for writing and process_vm_writev into a running insmod= loader get EPERM, logged op=ptrace; the seal holds.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
f=$(module_path dummy)
attack_start_program /sbin/modloader
pid=$attack_pid
attack_mark
attack_mem_of $pid
attack_logged module + ptrace
# reading its status, maps and exe link still works (read modes are not refused)
expect_ok ls -l /proc/$pid/exe
kill $pid 2>/dev/null; wait
attack_holds
