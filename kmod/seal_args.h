/* SPDX-License-Identifier: GPL-2.0-only */
/* A hooked function's arguments read from its entry registers, with their types checked at build time. */
#ifndef SEAL_KMOD_ARGS_H
#define SEAL_KMOD_ARGS_H

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/ptrace.h>

/*
 * A deny-shaped hook runs at the hooked function's first instruction and
 * reads its arguments from the registers (x86-64: di, si, dx, ...). Nothing
 * at run time checks that those registers hold what seal thinks they hold:
 * when the kernel changes a prototype, a cast from a register is silently
 * wrong, and on 7.2 such a cast (bpf_trampoline_link_prog() taking a
 * bpf_tramp_node instead of a bpf_tramp_link) oopsed on every BPF attach.
 *
 * So each hook states the prototype once:
 *
 *	SEAL_ARGS2(locked, int, security_locked_down, enum lockdown_reason, what, ...)
 *
 * which (1) fails the build unless the kernel's own declaration of the
 * function, in the headers seal.ko is built against, has exactly that type,
 * and (2) defines struct seal_args_locked and seal_args_locked(regs), which
 * read the arguments with exactly those types. A prototype change then fails
 * the build, never the kernel.
 *
 * SEAL_ARGSn_AS() does the same for a function the headers do not declare
 * (a static function such as open_port()), checked against the type of the
 * callback slot it fills (file_operations.open).
 */

#define SEAL_ARG(regs, n) regs_get_kernel_argument((struct pt_regs *)(regs), (n))
/*
 * An argument narrower than the register holds only its low bytes there:
 * the rest is not defined by the ABI (a bool's upper bits, an enum's upper
 * half). Convert from those bytes only.
 */
#define SEAL_ARG_AS(t, v)                                                                       \
	((t)(sizeof(t) == 1 ? (unsigned long)(u8)(v) :                                          \
	     sizeof(t) == 2 ? (unsigned long)(u16)(v) :                                         \
	     sizeof(t) == 4 ? (unsigned long)(u32)(v) : (unsigned long)(v)))

#define SEAL_PROTO_CHECK(tag, decl_type, ret, ...)                                               \
	typedef ret seal_proto_##tag##_t(__VA_ARGS__);                                          \
	static_assert(__same_type(decl_type, seal_proto_##tag##_t *),                           \
		      "the kernel's prototype of the function hooked as '" #tag                  \
		      "' is not the one seal.ko decodes: update seal_hooks.c")

#define SEAL_ARGS1_AS(tag, decl_type, ret, t0, a0)                                              \
	SEAL_PROTO_CHECK(tag, decl_type, ret, t0);                                              \
	struct seal_args_##tag { t0 a0; };                                                      \
	static __always_inline struct seal_args_##tag seal_args_##tag(const struct pt_regs *regs) \
	{                                                                                       \
		return (struct seal_args_##tag){ .a0 = SEAL_ARG_AS(t0, SEAL_ARG(regs, 0)) };                 \
	}

#define SEAL_ARGS2_AS(tag, decl_type, ret, t0, a0, t1, a1)                                      \
	SEAL_PROTO_CHECK(tag, decl_type, ret, t0, t1);                                          \
	struct seal_args_##tag { t0 a0; t1 a1; };                                               \
	static __always_inline struct seal_args_##tag seal_args_##tag(const struct pt_regs *regs) \
	{                                                                                       \
		return (struct seal_args_##tag){ .a0 = SEAL_ARG_AS(t0, SEAL_ARG(regs, 0)),                   \
						 .a1 = SEAL_ARG_AS(t1, SEAL_ARG(regs, 1)) };                 \
	}

#define SEAL_ARGS3_AS(tag, decl_type, ret, t0, a0, t1, a1, t2, a2)                              \
	SEAL_PROTO_CHECK(tag, decl_type, ret, t0, t1, t2);                                      \
	struct seal_args_##tag { t0 a0; t1 a1; t2 a2; };                                        \
	static __always_inline struct seal_args_##tag seal_args_##tag(const struct pt_regs *regs) \
	{                                                                                       \
		return (struct seal_args_##tag){ .a0 = SEAL_ARG_AS(t0, SEAL_ARG(regs, 0)),                   \
						 .a1 = SEAL_ARG_AS(t1, SEAL_ARG(regs, 1)),                   \
						 .a2 = SEAL_ARG_AS(t2, SEAL_ARG(regs, 2)) };                 \
	}

/* For a function the headers declare: checked against its own declaration. */
#define SEAL_ARGS1(tag, ret, fn, ...) SEAL_ARGS1_AS(tag, &(fn), ret, __VA_ARGS__)
#define SEAL_ARGS2(tag, ret, fn, ...) SEAL_ARGS2_AS(tag, &(fn), ret, __VA_ARGS__)
#define SEAL_ARGS3(tag, ret, fn, ...) SEAL_ARGS3_AS(tag, &(fn), ret, __VA_ARGS__)

#endif
