// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ksha256: a kernel's own SHA-256 block functions, built from that kernel's source into this
 * user program (bench/run does the building), timed against OpenSSL's SHA-256 in the same run.
 * This is how bench/run shows what seal.ko's hash costs on real hardware: a guest under TCG
 * cannot run SHA-NI or AVX2 at their speed, this machine can.
 *
 *   ksha256 [MIB]     hash MIB MiB (default 16) with each implementation the CPU can run
 *
 * Each implementation's digest of a 1 MiB + 55 byte buffer is checked against OpenSSL's first: a
 * function that does not compute SHA-256 stops the program (exit 1). Then, per implementation, the
 * fastest of 7 runs over MIB MiB of a 1 MiB buffer. One line each:
 *   NAME ns=N bytes=N          or   NAME unsupported: no FEATURE
 * the first line being OpenSSL's (the anchor).
 */
#include <cpuid.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/evp.h>

typedef void blocks_fn(uint32_t state[8], const uint8_t *data, size_t nblocks);

/* The kernel's assembler (arch/x86/crypto/ up to 6.16, lib/crypto/x86/ from 6.17). */
blocks_fn sha256_ni_transform, sha256_transform_rorx, sha256_transform_avx, sha256_transform_ssse3;
/* The kernel's generic C, cut from its lib/crypto/sha256.c (bench/run). */
blocks_fn ksha_generic_blocks;

#define BUF_BYTES (1u << 20)

static bool cpu_sha(void)
{
	unsigned int a, b, c, d;

	return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));
}
static bool cpu_avx2(void) { return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2"); }
static bool cpu_avx(void) { return __builtin_cpu_supports("avx"); }
static bool cpu_ssse3(void) { return __builtin_cpu_supports("ssse3"); }
static bool cpu_any(void) { return true; }

static const struct impl {
	const char *name;       /* the kernel's crypto driver name, on 6.1 and 6.12 */
	const char *feature;
	blocks_fn *fn;
	bool (*usable)(void);
} impls[] = {
	{ "sha256-ni", "SHA-NI", sha256_ni_transform, cpu_sha },
	{ "sha256-avx2", "AVX2 and BMI2", sha256_transform_rorx, cpu_avx2 },
	{ "sha256-avx", "AVX", sha256_transform_avx, cpu_avx },
	{ "sha256-ssse3", "SSSE3", sha256_transform_ssse3, cpu_ssse3 },
	{ "sha256-generic", "", ksha_generic_blocks, cpu_any },
};

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

/* SHA-256 of data with a block function: the padding done here, as the kernel's glue does it. */
static void digest(blocks_fn *fn, const uint8_t *data, size_t len, uint8_t out[32])
{
	uint32_t st[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
			   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	uint8_t tail[128] = { 0 };
	size_t full = len / 64, rest = len % 64, tail_blocks = rest + 9 > 64 ? 2 : 1;
	uint64_t bits = (uint64_t)len * 8;
	int i;

	if (full)
		fn(st, data, full);
	memcpy(tail, data + full * 64, rest);
	tail[rest] = 0x80;
	put_be32(tail + tail_blocks * 64 - 8, bits >> 32);
	put_be32(tail + tail_blocks * 64 - 4, (uint32_t)bits);
	fn(st, tail, tail_blocks);
	for (i = 0; i < 8; i++)
		put_be32(out + 4 * i, st[i]);
}

static void openssl_digest(const uint8_t *data, size_t len, uint8_t out[32])
{
	if (!EVP_Digest(data, len, out, NULL, EVP_sha256(), NULL)) {
		fprintf(stderr, "ksha256: OpenSSL's SHA-256 failed\n");
		exit(1);
	}
}

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + t.tv_nsec;
}

/* the fastest of 7 runs, each hashing buf rounds times */
static uint64_t best_of_7(const struct impl *im, const uint8_t *buf, unsigned int rounds)
{
	uint64_t best = UINT64_MAX;
	uint8_t out[32];
	int run;

	for (run = 0; run < 7; run++) {
		uint64_t t = now_ns();
		unsigned int r;

		for (r = 0; r < rounds; r++) {
			if (im)
				digest(im->fn, buf, BUF_BYTES, out);
			else
				openssl_digest(buf, BUF_BYTES, out);
			__asm__ __volatile__("" : : "r"(out) : "memory");
		}
		t = now_ns() - t;
		if (t < best)
			best = t;
	}
	return best;
}

int main(int argc, char **argv)
{
	unsigned int mib = argc > 1 ? (unsigned int)strtoul(argv[1], NULL, 10) : 16;
	uint8_t *buf = malloc(BUF_BYTES + 64), want[32], got[32];
	uint32_t x = 2463534242u;
	size_t i;

	if (!buf || !mib || mib > 4096) {
		fprintf(stderr, "usage: ksha256 [MIB: 1-4096]\n");
		return 2;
	}
	for (i = 0; i < BUF_BYTES + 64; i++) {       /* xorshift: not all zeros, the same every run */
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		buf[i] = (uint8_t)x;
	}
	openssl_digest(buf, BUF_BYTES + 55, want);
	for (i = 0; i < sizeof(impls) / sizeof(impls[0]); i++) {
		if (!impls[i].usable())
			continue;
		digest(impls[i].fn, buf, BUF_BYTES + 55, got);
		if (memcmp(got, want, sizeof(want))) {
			fprintf(stderr, "ksha256: %s: wrong digest\n", impls[i].name);
			return 1;
		}
	}
	printf("openssl ns=%llu bytes=%llu\n", (unsigned long long)best_of_7(NULL, buf, mib),
	       (unsigned long long)mib * BUF_BYTES);
	for (i = 0; i < sizeof(impls) / sizeof(impls[0]); i++) {
		if (!impls[i].usable()) {
			printf("%s unsupported: no %s\n", impls[i].name, impls[i].feature);
			continue;
		}
		printf("%s ns=%llu bytes=%llu\n", impls[i].name,
		       (unsigned long long)best_of_7(&impls[i], buf, mib), (unsigned long long)mib * BUF_BYTES);
	}
	free(buf);
	return 0;
}
