# SPDX-License-Identifier: GPL-2.0-or-later
# Body of attack-loader-proc-mem and attack-xserver-proc-mem (after hole_seal): /proc/PID/mem opened for writing and
# process_vm_writev into the running program get EPERM, logged op=ptrace; reading it still works; the seal holds.
attack_start_program "$hole_prog"
pid=$attack_pid
attack_mark
attack_mem_of $pid
attack_logged "$hole_kind" + ptrace
# reading its status, maps and exe link still works (read modes are not refused)
expect_ok ls -l /proc/$pid/exe
kill $pid 2>/dev/null; wait
attack_holds
