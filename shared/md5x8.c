// SPDX-License-Identifier: LGPL-2.1-or-later
/* MD5 (RFC 1321) of eight messages at once in AVX2's eight 32-bit lanes; the last block of each in plain C. */
#include <string.h>

#include "md5x8.h"

static const uint32_t K[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee,
	0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
	0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
	0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
	0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa,
	0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
	0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
	0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
	0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05,
	0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039,
	0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static const unsigned char S[64] = {
	7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
	5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
	4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
	6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
};

static const uint32_t IV[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };

void md5x8_init(struct md5x8 *m, unsigned int lane)
{
	for (int k = 0; k < 4; k++)
		m->s[k][lane] = IV[k];
}

static uint32_t rol(uint32_t x, unsigned int s)
{
	return x << s | x >> (32 - s);
}

/* One block of one message: the reference the lanes must agree with. */
static void md5_block(uint32_t st[4], const unsigned char *p)
{
	uint32_t w[16], a = st[0], b = st[1], c = st[2], d = st[3];

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
		       (uint32_t)p[4 * i + 3] << 24;
	for (unsigned int i = 0; i < 64; i++) {
		uint32_t f;
		unsigned int g;

		switch (i >> 4) {
		case 0: f = d ^ (b & (c ^ d)); g = i; break;
		case 1: f = c ^ (d & (b ^ c)); g = (5 * i + 1) & 15; break;
		case 2: f = b ^ c ^ d; g = (3 * i + 5) & 15; break;
		default: f = c ^ (b | ~d); g = (7 * i) & 15; break;
		}
		f += a + K[i] + w[g];
		a = d;
		d = c;
		c = b;
		b += rol(f, S[i]);
	}
	st[0] += a;
	st[1] += b;
	st[2] += c;
	st[3] += d;
}

void md5x8_blocks1(struct md5x8 *m, unsigned int lane, const unsigned char *data, size_t nblocks)
{
	uint32_t st[4];

	for (int k = 0; k < 4; k++)
		st[k] = m->s[k][lane];
	for (size_t n = 0; n < nblocks; n++)
		md5_block(st, data + n * MD5X8_BLOCK);
	for (int k = 0; k < 4; k++)
		m->s[k][lane] = st[k];
}

void md5x8_final(struct md5x8 *m, unsigned int lane, const unsigned char *tail, size_t taillen,
		 uint64_t total, unsigned char out[MD5X8_LEN])
{
	unsigned char buf[2 * MD5X8_BLOCK] = { 0 };
	size_t n = taillen < MD5X8_BLOCK - 8 ? MD5X8_BLOCK : 2 * MD5X8_BLOCK;
	uint64_t bits = total * 8;
	uint32_t st[4];

	for (int k = 0; k < 4; k++)
		st[k] = m->s[k][lane];
	if (taillen)
		memcpy(buf, tail, taillen);
	buf[taillen] = 0x80;
	for (int i = 0; i < 8; i++)
		buf[n - 8 + i] = (unsigned char)(bits >> (8 * i));
	md5_block(st, buf);
	if (n > MD5X8_BLOCK)
		md5_block(st, buf + MD5X8_BLOCK);
	for (int k = 0; k < 4; k++)
		for (int i = 0; i < 4; i++)
			out[4 * k + i] = (unsigned char)(st[k] >> (8 * i));
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2")))

bool md5x8_usable(void)
{
	return __builtin_cpu_supports("avx2");
}

static inline AVX2 __m256i vF(__m256i b, __m256i c, __m256i d)
{
	return _mm256_xor_si256(d, _mm256_and_si256(b, _mm256_xor_si256(c, d)));
}

static inline AVX2 __m256i vG(__m256i b, __m256i c, __m256i d)
{
	return _mm256_xor_si256(c, _mm256_and_si256(d, _mm256_xor_si256(b, c)));
}

static inline AVX2 __m256i vH(__m256i b, __m256i c, __m256i d)
{
	return _mm256_xor_si256(_mm256_xor_si256(b, c), d);
}

static inline AVX2 __m256i vI(__m256i b, __m256i c, __m256i d)
{
	return _mm256_xor_si256(c, _mm256_or_si256(b, _mm256_xor_si256(d, _mm256_set1_epi32(-1))));
}

/* a = b + ((a + fn(b, c, d) + K[i] + w[g]) <<< s), in every lane */
#define STEP(fn, a, b, c, d, i, g, s)                                                               \
	do {                                                                                        \
		__m256i t_ = _mm256_add_epi32(_mm256_add_epi32(a, fn(b, c, d)),                      \
					      _mm256_add_epi32(_mm256_set1_epi32((int)K[i]), w[g])); \
		t_ = _mm256_or_si256(_mm256_slli_epi32(t_, s), _mm256_srli_epi32(t_, 32 - (s)));    \
		a = _mm256_add_epi32(b, t_);                                                        \
	} while (0)

#define QUAD(fn, i, g0, g1, g2, g3, s0, s1, s2, s3)     \
	do {                                            \
		STEP(fn, a, b, c, d, i, g0, s0);        \
		STEP(fn, d, a, b, c, (i) + 1, g1, s1);  \
		STEP(fn, c, d, a, b, (i) + 2, g2, s2);  \
		STEP(fn, b, c, d, a, (i) + 3, g3, s3);  \
	} while (0)

/* Words off..off+7 of the eight lanes' blocks, turned so that w[j] holds word j of every lane. */
static inline AVX2 void load8(__m256i w[8], const unsigned char *const p[MD5X8_LANES], size_t off)
{
	__m256i r[8], t[8], u[8];

	for (int k = 0; k < 8; k++)
		r[k] = _mm256_loadu_si256((const __m256i *)(const void *)(p[k] + off));
	for (int k = 0; k < 8; k += 2) {
		t[k] = _mm256_unpacklo_epi32(r[k], r[k + 1]);
		t[k + 1] = _mm256_unpackhi_epi32(r[k], r[k + 1]);
	}
	for (int k = 0; k < 8; k += 4) {
		u[k] = _mm256_unpacklo_epi64(t[k], t[k + 2]);
		u[k + 1] = _mm256_unpackhi_epi64(t[k], t[k + 2]);
		u[k + 2] = _mm256_unpacklo_epi64(t[k + 1], t[k + 3]);
		u[k + 3] = _mm256_unpackhi_epi64(t[k + 1], t[k + 3]);
	}
	for (int j = 0; j < 4; j++) {
		w[j] = _mm256_permute2x128_si256(u[j], u[j + 4], 0x20);
		w[j + 4] = _mm256_permute2x128_si256(u[j], u[j + 4], 0x31);
	}
}

static AVX2 void blocks_avx2(struct md5x8 *m, const unsigned char *const data[MD5X8_LANES], size_t nblocks)
{
	__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)m->s[0]);
	__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)m->s[1]);
	__m256i c = _mm256_loadu_si256((const __m256i *)(const void *)m->s[2]);
	__m256i d = _mm256_loadu_si256((const __m256i *)(const void *)m->s[3]);

	for (size_t n = 0; n < nblocks; n++) {
		__m256i w[16], a0 = a, b0 = b, c0 = c, d0 = d;

		load8(w, data, n * MD5X8_BLOCK);
		load8(w + 8, data, n * MD5X8_BLOCK + 32);
		QUAD(vF, 0, 0, 1, 2, 3, 7, 12, 17, 22);
		QUAD(vF, 4, 4, 5, 6, 7, 7, 12, 17, 22);
		QUAD(vF, 8, 8, 9, 10, 11, 7, 12, 17, 22);
		QUAD(vF, 12, 12, 13, 14, 15, 7, 12, 17, 22);
		QUAD(vG, 16, 1, 6, 11, 0, 5, 9, 14, 20);
		QUAD(vG, 20, 5, 10, 15, 4, 5, 9, 14, 20);
		QUAD(vG, 24, 9, 14, 3, 8, 5, 9, 14, 20);
		QUAD(vG, 28, 13, 2, 7, 12, 5, 9, 14, 20);
		QUAD(vH, 32, 5, 8, 11, 14, 4, 11, 16, 23);
		QUAD(vH, 36, 1, 4, 7, 10, 4, 11, 16, 23);
		QUAD(vH, 40, 13, 0, 3, 6, 4, 11, 16, 23);
		QUAD(vH, 44, 9, 12, 15, 2, 4, 11, 16, 23);
		QUAD(vI, 48, 0, 7, 14, 5, 6, 10, 15, 21);
		QUAD(vI, 52, 12, 3, 10, 1, 6, 10, 15, 21);
		QUAD(vI, 56, 8, 15, 6, 13, 6, 10, 15, 21);
		QUAD(vI, 60, 4, 11, 2, 9, 6, 10, 15, 21);
		a = _mm256_add_epi32(a, a0);
		b = _mm256_add_epi32(b, b0);
		c = _mm256_add_epi32(c, c0);
		d = _mm256_add_epi32(d, d0);
	}
	_mm256_storeu_si256((__m256i *)(void *)m->s[0], a);
	_mm256_storeu_si256((__m256i *)(void *)m->s[1], b);
	_mm256_storeu_si256((__m256i *)(void *)m->s[2], c);
	_mm256_storeu_si256((__m256i *)(void *)m->s[3], d);
}

void md5x8_blocks(struct md5x8 *m, const unsigned char *const data[MD5X8_LANES], size_t nblocks)
{
	blocks_avx2(m, data, nblocks);
}
#else
bool md5x8_usable(void)
{
	return false;
}

/* Plain C, a lane at a time: right, but no faster than one message after another. */
void md5x8_blocks(struct md5x8 *m, const unsigned char *const data[MD5X8_LANES], size_t nblocks)
{
	for (unsigned int lane = 0; lane < MD5X8_LANES; lane++)
		md5x8_blocks1(m, lane, data[lane], nblocks);
}
#endif
