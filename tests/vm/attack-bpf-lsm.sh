# SPDX-License-Identifier: GPL-2.0-or-later
# A BPF LSM program on kernel_post_read_file (the guest boots with the BPF LSM on) can only add refusals: unsealed (the control) a module loads under it; sealed, seal lets the program be, and the module load made under it gets EPERM, logged; the seal holds.
# vm-append: lsm=lockdown,capability,landlock,yama,apparmor,bpf
attack_bpf lsm kernel_post_read_file runs
attack_holds
