# SPDX-License-Identifier: GPL-2.0-or-later
# A BPF fmod_ret program ("call the original") on security_kernel_post_read_file: refused at load or attach, or it runs and the module load made while it is attached still gets EPERM, logged; the seal holds.
seal_load
attack_bpf fmod_ret security_kernel_post_read_file
attack_holds
