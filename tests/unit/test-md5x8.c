// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of md5x8: eight messages of unlike lengths hashed at once, with
 * lanes finishing and starting again between calls as seal-mksums' pool does,
 * a lane left alone going on in plain C, each digest checked against OpenSSL's
 * MD5 of the same bytes; and the padding edges (55, 56, 63, 64 bytes) in plain
 * C, one message at a time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "shared/md5x8.h"
#include "tap.h"

static void md5_ref(const unsigned char *p, size_t n, unsigned char out[16])
{
	unsigned int len = 0;

	EVP_Digest(p, n, out, &len, EVP_md5(), NULL);
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

struct msg {
	unsigned char *p;
	size_t len, pos;
	bool active;
};

/*
 * nmsg messages (lengths from lens) through the lanes: a lane takes the next
 * message when its own is done; each call runs a random number of whole blocks
 * up to what every active lane has. Returns the number of digests that differ
 * from OpenSSL's.
 */
static int run_lanes(const size_t *lens, size_t nmsg)
{
	struct md5x8 m;
	struct msg lane[MD5X8_LANES] = { 0 };
	unsigned char **bufs = calloc(nmsg, sizeof(*bufs));
	size_t next = 0, done = 0;
	int wrong = 0;

	for (size_t i = 0; i < nmsg; i++) {
		bufs[i] = malloc(lens[i] ? lens[i] : 1);
		for (size_t j = 0; j < lens[i]; j++)
			bufs[i][j] = (unsigned char)next_rand();
	}
	while (done < nmsg) {
		const unsigned char *data[MD5X8_LANES];
		size_t n = SIZE_MAX;
		int any = -1, nactive = 0;

		for (unsigned int l = 0; l < MD5X8_LANES; l++) {
			struct msg *s = &lane[l];

			/* a lane with less than a block left ends; an empty lane takes the next message */
			while (s->active && s->len - s->pos < MD5X8_BLOCK) {
				unsigned char got[16], want[16];

				md5x8_final(&m, l, s->p + s->pos, s->len - s->pos, s->len, got);
				md5_ref(s->p, s->len, want);
				wrong += memcmp(got, want, 16) != 0;
				done++;
				s->active = false;
				if (next < nmsg) {
					*s = (struct msg){ .p = bufs[next], .len = lens[next], .active = true };
					next++;
					md5x8_init(&m, l);
				}
			}
			if (!s->active && next < nmsg) {
				*s = (struct msg){ .p = bufs[next], .len = lens[next], .active = true };
				next++;
				md5x8_init(&m, l);
				l--;    /* it may be shorter than a block: look again */
				continue;
			}
			if (s->active) {
				size_t blocks = (s->len - s->pos) / MD5X8_BLOCK;

				if (blocks < n)
					n = blocks;
				any = (int)l;
				nactive++;
			}
		}
		if (any < 0)
			break;
		n = 1 + next_rand() % n;
		if (nactive == 1) {
			/* a lane on its own goes by itself, as in seal-mksums' pool */
			md5x8_blocks1(&m, (unsigned int)any, lane[any].p + lane[any].pos, n);
			lane[any].pos += n * MD5X8_BLOCK;
			continue;
		}
		for (unsigned int l = 0; l < MD5X8_LANES; l++)
			data[l] = lane[l].active ? lane[l].p + lane[l].pos : lane[any].p + lane[any].pos;
		md5x8_blocks(&m, data, n);
		for (unsigned int l = 0; l < MD5X8_LANES; l++)
			if (lane[l].active)
				lane[l].pos += n * MD5X8_BLOCK;
	}
	for (size_t i = 0; i < nmsg; i++)
		free(bufs[i]);
	free(bufs);
	return done == nmsg ? wrong : -1;
}

int main(void)
{
	static const size_t edges[] = { 0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000 };
	size_t lens[200];
	char name[96];

	/* plain C: one message, no lanes */
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		unsigned char *p = malloc(edges[i] + 1), got[16], want[16];
		size_t whole = edges[i] / MD5X8_BLOCK * MD5X8_BLOCK;
		struct md5x8 m;

		for (size_t j = 0; j < edges[i]; j++)
			p[j] = (unsigned char)next_rand();
		md5x8_init(&m, 3);
		md5x8_blocks1(&m, 3, p, whole / MD5X8_BLOCK);
		md5x8_final(&m, 3, p + whole, edges[i] - whole, edges[i], got);
		md5_ref(p, edges[i], want);
		snprintf(name, sizeof(name), "%zu bytes: OpenSSL's MD5", edges[i]);
		ok(memcmp(got, want, 16) == 0, name);
		free(p);
	}
	if (!md5x8_usable()) {
		printf("# this CPU has no AVX2: the lanes are not used here (seal-mksums hashes with OpenSSL alone)\n");
		return tap_done();
	}
	/* eight of a length */
	for (size_t i = 0; i < 8; i++)
		lens[i] = 4096;
	is_int(0, run_lanes(lens, 8), "eight 4096-byte messages: every digest OpenSSL's");
	/* the edges, each in a lane beside others of other lengths */
	for (size_t i = 0; i < 3 * 14; i++)
		lens[i] = edges[i % 14] + 64 * (i / 14);
	is_int(0, run_lanes(lens, 3 * 14), "padding edges in lanes: every digest OpenSSL's");
	/* 200 messages of random length up to 300 KiB, lanes ending and starting at random */
	for (size_t i = 0; i < 200; i++)
		lens[i] = next_rand() % (i % 5 == 0 ? 300u << 10 : 3000u);
	is_int(0, run_lanes(lens, 200), "200 random lengths, lanes refilled: every digest OpenSSL's");
	/* one long message beside seven short ones that keep ending */
	lens[0] = 1u << 20;
	for (size_t i = 1; i < 100; i++)
		lens[i] = 64 + next_rand() % 200;
	is_int(0, run_lanes(lens, 100), "a 1 MiB message beside short ones: every digest OpenSSL's");
	return tap_done();
}
