/* SPDX-License-Identifier: GPL-2.0-or-later */
/* bench/kernel-sha256: the kernel's assembler macros, for the same .S files built into a user program. */
#define SYM_FUNC_START(name) .globl name; .type name, @function; .p2align 4; name:
#define SYM_TYPED_FUNC_START(name) SYM_FUNC_START(name)
#define SYM_FUNC_END(name) .size name, . - name
#define RET ret
