# SPDX-License-Identifier: GPL-2.0-or-later
# A BPF fmod_ret program ("call the original") on security_kernel_post_read_file could skip seal's hook by returning non-zero: unsealed (the control) a module loads under it; sealed, seal refuses it at load, logged op=bpf what=fmod_ret target=security_kernel_post_read_file; the seal holds.
# vm-tier: smoke
attack_bpf fmod_ret security_kernel_post_read_file refused "what=fmod_ret target=security_kernel_post_read_file( |$)"
attack_holds
