// SPDX-License-Identifier: LGPL-2.1-or-later
/* MD5 and SHA-256 of buffers and files through OpenSSL 3 EVP, streaming files in fixed chunks. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "seal/seal.h"
#include "internal.h"

#define HASH_CHUNK (64UL << 10)

static const EVP_MD *alg_md(enum seal_alg alg)
{
	switch (alg) {
	case SEAL_ALG_MD5:
		return EVP_md5();
	case SEAL_ALG_SHA256:
		return EVP_sha256();
	default:
		return NULL;
	}
}

/* Start a digest context; *ctx is NULL on failure. */
static int hash_begin(enum seal_alg alg, EVP_MD_CTX **ctx)
{
	const EVP_MD *md = alg_md(alg);

	*ctx = NULL;
	if (!md)
		return -EINVAL;
	*ctx = EVP_MD_CTX_new();
	if (!*ctx)
		return -ENOMEM;
	if (EVP_DigestInit_ex(*ctx, md, NULL) != 1) {
		EVP_MD_CTX_free(*ctx);
		*ctx = NULL;
		return -EIO;
	}
	return 0;
}

static int hash_end(EVP_MD_CTX *ctx, enum seal_alg alg, unsigned char *out)
{
	unsigned int n = 0;

	if (EVP_DigestFinal_ex(ctx, out, &n) != 1 || n != seal_digest_len(alg))
		return -EIO;
	return 0;
}

int seal_hash_buf(enum seal_alg alg, const void *buf, size_t len, unsigned char *out)
{
	EVP_MD_CTX *ctx = NULL;
	int err;

	err = hash_begin(alg, &ctx);
	if (err < 0)
		return err;
	if (EVP_DigestUpdate(ctx, buf, len) != 1)
		err = -EIO;
	else
		err = hash_end(ctx, alg, out);
	EVP_MD_CTX_free(ctx);
	return err;
}

/* Streams fd once into one or two digests (alg2 SEAL_ALG_NONE: one). */
static int hash_fd2(enum seal_alg alg, unsigned char *out, enum seal_alg alg2, unsigned char *out2, int fd)
{
	EVP_MD_CTX *ctx = NULL, *ctx2 = NULL;
	unsigned char *chunk = NULL;
	ssize_t n;
	int err;

	err = hash_begin(alg, &ctx);
	if (err == 0 && alg2 != SEAL_ALG_NONE)
		err = hash_begin(alg2, &ctx2);
	if (err < 0)
		goto out;
	err = -ENOMEM;
	chunk = malloc(HASH_CHUNK);
	if (!chunk)
		goto out;
	for (;;) {
		n = read_retry(fd, chunk, HASH_CHUNK);
		if (n < 0) {
			err = (int)n;
			goto out;
		}
		if (n == 0)
			break;
		if (EVP_DigestUpdate(ctx, chunk, (size_t)n) != 1 ||
		    (ctx2 && EVP_DigestUpdate(ctx2, chunk, (size_t)n) != 1)) {
			err = -EIO;
			goto out;
		}
	}
	err = hash_end(ctx, alg, out);
	if (err == 0 && ctx2)
		err = hash_end(ctx2, alg2, out2);
out:
	free(chunk);
	EVP_MD_CTX_free(ctx);
	EVP_MD_CTX_free(ctx2);
	return err;
}

int seal_hash_fd(enum seal_alg alg, int fd, unsigned char *out)
{
	return hash_fd2(alg, out, SEAL_ALG_NONE, NULL, fd);
}

int seal_hash_fd2(int fd, enum seal_alg alg, unsigned char *out, enum seal_alg alg2, unsigned char *out2)
{
	if (!alg_md(alg) || (alg2 != SEAL_ALG_NONE && !alg_md(alg2)))
		return -EINVAL;
	return hash_fd2(alg, out, alg2, out2, fd);
}

int seal_hash_file2(const char *path, enum seal_alg alg, unsigned char *out, enum seal_alg alg2,
		    unsigned char *out2)
{
	struct stat st;
	int fd, err;

	if (!alg_md(alg) || (alg2 != SEAL_ALG_NONE && !alg_md(alg2)))
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		err = -errno;
	else if (S_ISDIR(st.st_mode))
		err = -EISDIR;
	else
		err = seal_hash_fd2(fd, alg, out, alg2, out2);
	close(fd);
	return err;
}

int seal_hash_file(enum seal_alg alg, const char *path, unsigned char *out)
{
	return seal_hash_file2(path, alg, out, SEAL_ALG_NONE, NULL);
}
