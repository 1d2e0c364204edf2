# SPDX-License-Identifier: GPL-2.0-or-later
# A BPF kprobe program calling bpf_override_return on security_kernel_post_read_file would skip seal's hook: unsealed (the control) the kernel runs it, where it has the helper; sealed, seal refuses the program at load, logged op=bpf what=override_return; the seal holds.
attack_bpf override security_kernel_post_read_file refused "what=override_return"
attack_holds
