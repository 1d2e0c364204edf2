// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * md5x8: what seal-mksums's MD5 lanes (shared/md5x8.c) do on this CPU, timed against OpenSSL in
 * the same process, as bench/run's host rows.
 *
 *   md5x8 [MIB]     eight messages of MIB MiB each (default 2)
 *
 * The eight digests are checked against OpenSSL's MD5 of the same bytes first (a wrong one: exit
 * 1). Then the fastest of 7 runs of: OpenSSL's SHA-256 over the eight one after another, OpenSSL's
 * MD5 the same way (what seal-mksums did for the package check before the lanes, and does with
 * SEAL_NO_AVX2), and md5x8 over the eight at once. One line each:
 *   NAME ns=N bytes=N          or   md5x8 unsupported: no AVX2
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/evp.h>

#include "shared/md5x8.h"

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void lanes(unsigned char *const msg[MD5X8_LANES], size_t len, unsigned char out[MD5X8_LANES][16])
{
	struct md5x8 m;
	size_t whole = len / MD5X8_BLOCK;

	for (unsigned int l = 0; l < MD5X8_LANES; l++)
		md5x8_init(&m, l);
	md5x8_blocks(&m, (const unsigned char *const *)msg, whole);
	for (unsigned int l = 0; l < MD5X8_LANES; l++)
		md5x8_final(&m, l, msg[l] + whole * MD5X8_BLOCK, len % MD5X8_BLOCK, len, out[l]);
}

static void serial(const EVP_MD *md, unsigned char *const msg[MD5X8_LANES], size_t len,
		   unsigned char out[MD5X8_LANES][32])
{
	for (unsigned int l = 0; l < MD5X8_LANES; l++)
		EVP_Digest(msg[l], len, out[l], NULL, md, NULL);
}

int main(int argc, char **argv)
{
	size_t len = (size_t)(argc > 1 ? atoi(argv[1]) : 2) << 20;
	unsigned char *msg[MD5X8_LANES], got[MD5X8_LANES][16], ref[MD5X8_LANES][32];
	uint64_t best[3] = { UINT64_MAX, UINT64_MAX, UINT64_MAX };
	bool can = md5x8_usable();

	if (len == 0) {
		fprintf(stderr, "md5x8: MIB must be a positive number\n");
		return 2;
	}
	srand(1);
	for (unsigned int l = 0; l < MD5X8_LANES; l++) {
		msg[l] = malloc(len);
		if (!msg[l])
			return 1;
		for (size_t i = 0; i < len; i++)
			msg[l][i] = (unsigned char)rand();
	}
	if (can) {
		lanes(msg, len - 9, got);       /* a length that ends mid-block */
		serial(EVP_md5(), msg, len - 9, ref);
		for (unsigned int l = 0; l < MD5X8_LANES; l++)
			if (memcmp(got[l], ref[l], 16) != 0) {
				fprintf(stderr, "md5x8: lane %u's digest is not OpenSSL's MD5\n", l);
				return 1;
			}
	}
	for (int r = 0; r < 7; r++) {
		uint64_t t0 = now_ns(), t1, t2, t3;

		serial(EVP_sha256(), msg, len, ref);
		t1 = now_ns();
		serial(EVP_md5(), msg, len, ref);
		t2 = now_ns();
		if (can)
			lanes(msg, len, got);
		t3 = now_ns();
		best[0] = t1 - t0 < best[0] ? t1 - t0 : best[0];
		best[1] = t2 - t1 < best[1] ? t2 - t1 : best[1];
		best[2] = t3 - t2 < best[2] ? t3 - t2 : best[2];
	}
	printf("sha256 ns=%llu bytes=%zu\n", (unsigned long long)best[0], MD5X8_LANES * len);
	printf("md5 ns=%llu bytes=%zu\n", (unsigned long long)best[1], MD5X8_LANES * len);
	if (can)
		printf("md5x8 ns=%llu bytes=%zu\n", (unsigned long long)best[2], MD5X8_LANES * len);
	else
		printf("md5x8 unsupported: no AVX2\n");
	for (unsigned int l = 0; l < MD5X8_LANES; l++)
		free(msg[l]);
	return 0;
}
