/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench/kernel-sha256: what the kernel's generic SHA-256 block function needs, for its text
 * (cut from the kernel's lib/crypto/sha256.c by bench/run) built into a user program.
 */
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint32_t __u32;
struct sha256_block_state { u32 h[8]; };        /* 6.17+ */

#define __maybe_unused __attribute__((unused))
#define SHA256_BLOCK_SIZE 64

static inline u32 ror32(u32 w, unsigned int s) { return (w >> (s & 31)) | (w << ((-s) & 31)); }

static inline u32 get_unaligned_be32(const void *p)
{
	u32 v;

	memcpy(&v, p, sizeof(v));
	return __builtin_bswap32(v);
}

static inline void memzero_explicit(void *s, size_t n)
{
	memset(s, 0, n);
	__asm__ __volatile__("" : : "r"(s) : "memory");
}
