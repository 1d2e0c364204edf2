// SPDX-License-Identifier: GPL-2.0-only
/* A module as seal judges it: the SHA-256 and the name of its image, the ELF bytes the kernel links. */
#define pr_fmt(fmt) "seal: " fmt

#include <linux/elf.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/xz.h>
#include <crypto/hash.h>
#include <crypto/sha2.h>

#include "seal_internal.h"

/*
 * The digest rule (docs/design.md, "The digest rule"): seal hashes the module
 * image, whoever decompressed it, on every kernel and through every loader:
 *
 *  - init_module: the buffer is the image (kmod 30 and busybox decompress a
 *    .ko.xz in userland first);
 *  - finit_module of a .ko: the file is the image;
 *  - finit_module of a .ko.xz with MODULE_INIT_COMPRESSED_FILE (kmod 34):
 *    from 7.2 on the kernel decompresses first and hands seal the image
 *    (READING_MODULE after READING_MODULE_COMPRESSED); before, seal sees the
 *    file as stored and the kernel decompresses it afterwards, so seal
 *    decompresses it here, with the kernel's own xz decoder, exactly as
 *    kernel/module/decompress.c does (one stream, data after it ignored).
 *
 * So a list needs one digest per module, its image's: the "#image" line of a
 * compressed module, the ordinary line of an uncompressed one (seal_main.c
 * keeps only those). The bytes a loader hands over and the bytes hashed are
 * the same whatever the loader, the kmod version or the kernel.
 *
 * The one shortcut: a compressed file whose own line the "#image" line
 * follows (seal-mksums writes them so) is a pair, the file's digest and its
 * image's. Those exact bytes decompress to that image, so when a loader hands
 * seal those bytes, the image digest is taken from the pair, and the xz
 * decoder (the larger part of the cost of a compressed load) is not run.
 */

static const u8 seal_xz_magic[] = { 0xfd, '7', 'z', 'X', 'Z', 0 };

/*
 * The fastest SHA-256 the kernel offers now: the crypto API picks the
 * highest-priority "sha256" (sha256-ni, -avx2, ... once sha256_ssse3 is
 * loaded, on 6.1 and 6.12; the library's own arch code from 6.16), asked for
 * each image, so an implementation loaded after the seal is used from then
 * on. CRYPTO_NOLOAD: never a module load from inside a module load. The
 * library's sha256() when the API has none. Sleeping context only.
 */
void seal_sha256(const void *data, size_t len, u8 out[SEAL_SHA256_LEN])
{
	struct crypto_shash *tfm = crypto_alloc_shash("sha256", 0, CRYPTO_NOLOAD);

	if (!IS_ERR(tfm)) {
		int err = crypto_shash_tfm_digest(tfm, data, len, out);

		crypto_free_shash(tfm);
		if (!err)
			return;
	}
	sha256(data, len, out);
}

#if IS_ENABLED(CONFIG_XZ_DEC)
/*
 * The image of an xz file, in a vmalloc buffer grown by doubling. Returns its
 * length, or a negative errno: -EINVAL for data the kernel's decoder refuses
 * (it would refuse to load it too), -EFBIG past INT_MAX (the kernel's cap).
 */
static ssize_t seal_xz_image(const void *buf, size_t len, void **out)
{
	struct xz_buf b = { .in = buf, .in_size = len };
	size_t size = clamp_t(size_t, 4 * len, PAGE_SIZE, INT_MAX);
	struct xz_dec *dec;
	enum xz_ret ret;
	void *image;
	ssize_t err;

	dec = xz_dec_init(XZ_DYNALLOC, (u32)-1);
	if (!dec)
		return -ENOMEM;
	image = vmalloc(size);
	if (!image) {
		err = -ENOMEM;
		goto out;
	}
	for (;;) {
		b.out = image;
		b.out_size = size;
		ret = xz_dec_run(dec, &b);
		if (ret != XZ_OK || b.out_pos < size)
			break;
		/* The buffer is full and the stream goes on: twice the size, the bytes so far kept. */
		if (size >= INT_MAX) {
			err = -EFBIG;
			goto out;
		}
		{
			size_t bigger = min_t(size_t, 2 * size, INT_MAX);
			void *p = vmalloc(bigger);

			if (!p) {
				err = -ENOMEM;
				goto out;
			}
			memcpy(p, image, size);
			vfree(image);
			image = p;
			size = bigger;
		}
	}
	if (ret != XZ_STREAM_END) {
		err = -EINVAL;
		goto out;
	}
	*out = image;
	image = NULL;
	err = b.out_pos;
out:
	vfree(image);
	xz_dec_end(dec);
	return err;
}
#else
static ssize_t seal_xz_image(const void *buf, size_t len, void **out)
{
	return -EOPNOTSUPP;
}
#endif

/*
 * The module's name as the kernel will take it: .modinfo's "name=" (modpost
 * writes it for every module), read with every offset checked, since nothing
 * has validated the ELF yet. Empty if there is none; the caller then names
 * the module by its file.
 */
static void seal_image_name(const void *image, size_t len, char *name, size_t size)
{
	const Elf64_Ehdr *eh = image;
	const Elf64_Shdr *sh;
	const char *strtab, *p, *end;
	size_t i, shsize;

	name[0] = '\0';
	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shentsize != sizeof(*sh))
		return;
	if (check_mul_overflow((size_t)eh->e_shnum, sizeof(*sh), &shsize) ||
	    eh->e_shoff > len || shsize > len - eh->e_shoff || eh->e_shstrndx >= eh->e_shnum)
		return;
	sh = image + eh->e_shoff;
	if (sh[eh->e_shstrndx].sh_offset > len || sh[eh->e_shstrndx].sh_size > len - sh[eh->e_shstrndx].sh_offset)
		return;
	strtab = image + sh[eh->e_shstrndx].sh_offset;
	for (i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_name >= sh[eh->e_shstrndx].sh_size || sh[i].sh_type == SHT_NOBITS ||
		    strncmp(strtab + sh[i].sh_name, ".modinfo",
			    sh[eh->e_shstrndx].sh_size - sh[i].sh_name) != 0)
			continue;
		if (sh[i].sh_offset > len || sh[i].sh_size > len - sh[i].sh_offset)
			return;
		p = image + sh[i].sh_offset;
		end = p + sh[i].sh_size;
		/* NUL-separated "key=value" strings */
		while (p < end) {
			size_t n = strnlen(p, end - p);

			if (n > 5 && n - 5 < size && memcmp(p, "name=", 5) == 0) {
				memcpy(name, p + 5, n - 5);
				name[n - 5] = '\0';
				return;
			}
			p += n + 1;
		}
		return;
	}
}

/*
 * True if buf is an xz file whose exact bytes the list pairs with an image
 * ("#image" after the file's line): image is then that image's digest, on
 * the list, known without decompressing. May sleep.
 */
bool seal_image_pair(const void *buf, size_t len, u8 image[SEAL_SHA256_LEN])
{
	u8 file[SEAL_SHA256_LEN];

	if (!seal_policy.pairs_count || len < sizeof(seal_xz_magic) ||
	    memcmp(buf, seal_xz_magic, sizeof(seal_xz_magic)) != 0)
		return false;
	seal_sha256(buf, len, file);
	return seal_sums_pair_image(file, image);
}

/*
 * Inspect the bytes a loader handed the kernel: the digest and name of their
 * image. Returns 0, or a negative errno when an xz file cannot be
 * decompressed (img->digest is then the digest of the bytes as given, for
 * the log). May sleep.
 */
int seal_image_inspect(const void *buf, size_t len, struct seal_image *img)
{
	void *image = NULL;
	ssize_t n;

	img->compressed = len >= sizeof(seal_xz_magic) &&
			  memcmp(buf, seal_xz_magic, sizeof(seal_xz_magic)) == 0;
	if (!img->compressed) {
		seal_sha256(buf, len, img->digest);
		seal_image_name(buf, len, img->name, sizeof(img->name));
		return 0;
	}
	n = seal_xz_image(buf, len, &image);
	if (n < 0) {
		seal_sha256(buf, len, img->digest);
		img->name[0] = '\0';
		return n;
	}
	seal_sha256(image, n, img->digest);
	seal_image_name(image, n, img->name, sizeof(img->name));
	vfree(image);
	return 0;
}
