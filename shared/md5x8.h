/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * MD5 of eight messages at once, one per 32-bit lane of AVX2 registers: what
 * lets seal-mksums check every module against dpkg's md5sums at a fraction of
 * a serial MD5's cost. MD5 is a chain of dependent steps, so one message can't
 * go faster than the scalar code (OpenSSL's); eight independent ones can share
 * each instruction. A digest that came out wrong could only fail closed: the
 * file would not match dpkg's record and would be left off the list.
 *
 * Use: md5x8_usable() first (false: no AVX2 on this CPU, or not x86-64).
 * md5x8_init() a lane for each message, md5x8_blocks() over whole 64-byte
 * blocks of every lane at once, md5x8_final() for a lane's last < 64 bytes.
 */
#ifndef SEAL_SHARED_MD5X8_H
#define SEAL_SHARED_MD5X8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MD5X8_LANES 8
#define MD5X8_BLOCK 64
#define MD5X8_LEN 16

struct md5x8 {
	uint32_t s[4][MD5X8_LANES];     /* a, b, c, d of each lane */
};

/* True when this CPU runs md5x8_blocks() (AVX2, x86-64). */
bool md5x8_usable(void);
/* Start a new message in lane. */
void md5x8_init(struct md5x8 *m, unsigned int lane);
/*
 * nblocks 64-byte blocks of each lane's message, from data[lane]: every lane
 * reads nblocks * 64 bytes. A lane with no message must still point at that
 * many readable bytes (another lane's, say); its state is then garbage until
 * md5x8_init(). Only with md5x8_usable().
 */
void md5x8_blocks(struct md5x8 *m, const unsigned char *const data[MD5X8_LANES], size_t nblocks);
/*
 * nblocks 64-byte blocks of lane's message alone, in plain C: for a lane left
 * on its own (the others' messages done), where eight lanes' work for one
 * would be slower than one message's. Runs on any CPU.
 */
void md5x8_blocks1(struct md5x8 *m, unsigned int lane, const unsigned char *data, size_t nblocks);
/*
 * The digest of lane's message into out: tail is its last taillen (< 64)
 * bytes, after the blocks md5x8_blocks() took, and total its whole length in
 * bytes. Plain C: runs on any CPU.
 */
void md5x8_final(struct md5x8 *m, unsigned int lane, const unsigned char *tail, size_t taillen,
		 uint64_t total, unsigned char out[MD5X8_LEN]);

#endif
