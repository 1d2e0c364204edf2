# SPDX-License-Identifier: GPL-2.0-or-later
# A BPF fentry program on security_kernel_post_read_file can only watch: unsealed (the control) a module loads under it; sealed, seal lets the program be, and the module load made under it gets EPERM, logged; the seal holds.
# vm-tier: core
attack_bpf fentry security_kernel_post_read_file runs
attack_holds
