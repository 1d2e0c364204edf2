// SPDX-License-Identifier: LGPL-2.1-or-later
/* Compressed module files: the format by its magic bytes, and xz, zstd and gzip undone into one buffer. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "seal/seal.h"
#include "internal.h"

#define OUTBUF_MIN ((size_t)64 << 10)    /* first size of a decompression buffer */

static const unsigned char xz_magic[] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
static const unsigned char zstd_magic[] = { 0x28, 0xb5, 0x2f, 0xfd };
static const unsigned char gzip_magic[] = { 0x1f, 0x8b };

static bool has_magic(const void *buf, size_t len, const unsigned char *magic, size_t mlen)
{
	return len >= mlen && memcmp(buf, magic, mlen) == 0;
}

enum seal_comp seal_module_compression(const void *buf, size_t len)
{
	if (!buf)
		return SEAL_COMP_NONE;
	if (has_magic(buf, len, xz_magic, sizeof(xz_magic)))
		return SEAL_COMP_XZ;
	if (has_magic(buf, len, zstd_magic, sizeof(zstd_magic)))
		return SEAL_COMP_ZSTD;
	if (has_magic(buf, len, gzip_magic, sizeof(gzip_magic)))
		return SEAL_COMP_GZIP;
	return SEAL_COMP_NONE;
}

const char *seal_comp_name(enum seal_comp c)
{
	switch (c) {
	case SEAL_COMP_NONE:
		return "none";
	case SEAL_COMP_XZ:
		return "xz";
	case SEAL_COMP_ZSTD:
		return "zstd";
	case SEAL_COMP_GZIP:
		return "gzip";
	}
	return "unknown";
}

/* An output buffer that doubles up to MODULE_MAX_BYTES. */
struct outbuf {
	unsigned char *data;
	size_t len, cap;
};

/* Make room for at least one more byte; -EFBIG past the cap. */
static int outbuf_grow(struct outbuf *o)
{
	unsigned char *n;
	size_t cap;

	if (o->len < o->cap)
		return 0;
	if (o->cap >= MODULE_MAX_BYTES)
		return -EFBIG;
	cap = o->cap ? o->cap * 2 : OUTBUF_MIN;
	if (cap > MODULE_MAX_BYTES)
		cap = MODULE_MAX_BYTES;
	n = realloc(o->data, cap);
	if (!n)
		return -ENOMEM;
	o->data = n;
	o->cap = cap;
	return 0;
}

static int outbuf_start(struct outbuf *o, size_t inlen)
{
	/* Modules compress about 3:1; start near the final size to avoid copies. */
	size_t cap = inlen < MODULE_MAX_BYTES / 4 ? inlen * 4 : MODULE_MAX_BYTES;

	if (cap < OUTBUF_MIN)
		cap = OUTBUF_MIN;
	o->len = 0;
	o->data = malloc(cap);
	o->cap = o->data ? cap : 0;
	return o->data ? 0 : -ENOMEM;
}

static int grow_error(int err, const char *what, char *why, size_t whylen)
{
	if (err == -EFBIG)
		why_printf(why, whylen, "%s data decompresses to more than %zu bytes", what,
		    (size_t)MODULE_MAX_BYTES);
	else
		why_printf(why, whylen, "out of memory decompressing %s data", what);
	return err;
}

static int decompress_xz(const void *buf, size_t len, struct outbuf *o, char *why, size_t whylen)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_ret ret;
	int err = 0;

	/* CONCATENATED: accept what `xz` writes for several streams, like xz -d. */
	ret = lzma_stream_decoder(&s, UINT64_MAX, LZMA_CONCATENATED);
	if (ret != LZMA_OK) {
		why_printf(why, whylen, "cannot start the xz decoder (lzma error %d)", (int)ret);
		return ret == LZMA_MEM_ERROR ? -ENOMEM : -EIO;
	}
	s.next_in = buf;
	s.avail_in = len;
	do {
		err = outbuf_grow(o);
		if (err < 0) {
			grow_error(err, "xz", why, whylen);
			goto out;
		}
		s.next_out = o->data + o->len;
		s.avail_out = o->cap - o->len;
		/* All input is present from the start: LZMA_FINISH makes a short stream an error. */
		ret = lzma_code(&s, LZMA_FINISH);
		o->len = o->cap - s.avail_out;
	} while (ret == LZMA_OK);

	switch (ret) {
	case LZMA_STREAM_END:
		err = 0;
		break;
	case LZMA_BUF_ERROR:
		why_printf(why, whylen, "truncated xz data");
		err = -EBADMSG;
		break;
	case LZMA_MEM_ERROR:
		why_printf(why, whylen, "out of memory decompressing xz data");
		err = -ENOMEM;
		break;
	case LZMA_FORMAT_ERROR:
		why_printf(why, whylen, "corrupt xz data: bad stream header");
		err = -EBADMSG;
		break;
	case LZMA_OPTIONS_ERROR:
		why_printf(why, whylen, "xz data uses options this liblzma does not support");
		err = -EBADMSG;
		break;
	default:
		why_printf(why, whylen, "corrupt xz data (lzma error %d)", (int)ret);
		err = -EBADMSG;
		break;
	}
out:
	lzma_end(&s);
	return err;
}

static int decompress_zstd(const void *buf, size_t len, struct outbuf *o, char *why, size_t whylen)
{
	ZSTD_DCtx *d = ZSTD_createDCtx();
	ZSTD_inBuffer in = { buf, len, 0 };
	size_t ret = 1;
	int err = 0;

	if (!d) {
		why_printf(why, whylen, "out of memory starting the zstd decoder");
		return -ENOMEM;
	}
	/* Frames one after another, as zstd -d accepts them; ret == 0 marks a frame's end. */
	while (in.pos < in.size || ret != 0) {
		ZSTD_outBuffer out;

		err = outbuf_grow(o);
		if (err < 0) {
			grow_error(err, "zstd", why, whylen);
			goto out;
		}
		out.dst = o->data;
		out.size = o->cap;
		out.pos = o->len;
		ret = ZSTD_decompressStream(d, &out, &in);
		o->len = out.pos;
		if (ZSTD_isError(ret)) {
			why_printf(why, whylen, "corrupt zstd data: %s", ZSTD_getErrorName(ret));
			err = -EBADMSG;
			goto out;
		}
		if (in.pos == in.size && ret != 0 && out.pos < out.size) {
			/* The decoder wants more input and has no output pending. */
			why_printf(why, whylen, "truncated zstd data");
			err = -EBADMSG;
			goto out;
		}
	}
out:
	ZSTD_freeDCtx(d);
	return err;
}

static int decompress_gzip(const void *buf, size_t len, struct outbuf *o, char *why, size_t whylen)
{
	z_stream z;
	int ret, err = 0;

	memset(&z, 0, sizeof(z));
	if (len > UINT_MAX) {
		why_printf(why, whylen, "gzip data larger than %u bytes", UINT_MAX);
		return -EFBIG;
	}
	/* 16 + MAX_WBITS: gzip header and trailer, not raw zlib. */
	ret = inflateInit2(&z, 16 + MAX_WBITS);
	if (ret != Z_OK) {
		why_printf(why, whylen, "cannot start the gzip decoder (zlib error %d)", ret);
		return ret == Z_MEM_ERROR ? -ENOMEM : -EIO;
	}
	z.next_in = (Bytef *)buf;   /* zlib's API is not const; it only reads input */
	z.avail_in = (uInt)len;
	for (;;) {
		size_t room;

		err = outbuf_grow(o);
		if (err < 0) {
			grow_error(err, "gzip", why, whylen);
			goto out;
		}
		room = o->cap - o->len;
		if (room > UINT_MAX)
			room = UINT_MAX;
		z.next_out = o->data + o->len;
		z.avail_out = (uInt)room;
		ret = inflate(&z, Z_NO_FLUSH);
		o->len += room - z.avail_out;
		if (ret == Z_STREAM_END) {
			if (z.avail_in == 0)
				break;
			/* Another gzip member follows, as `cat a.gz b.gz` makes. */
			if (inflateReset(&z) != Z_OK) {
				why_printf(why, whylen, "cannot restart the gzip decoder");
				err = -EIO;
				goto out;
			}
			continue;
		}
		if (ret == Z_OK)
			continue;
		if (ret == Z_BUF_ERROR && z.avail_in == 0) {
			why_printf(why, whylen, "truncated gzip data");
			err = -EBADMSG;
		} else if (ret == Z_MEM_ERROR) {
			why_printf(why, whylen, "out of memory decompressing gzip data");
			err = -ENOMEM;
		} else {
			why_printf(why, whylen, "corrupt gzip data: %s", z.msg ? z.msg : "zlib error");
			err = -EBADMSG;
		}
		goto out;
	}
out:
	inflateEnd(&z);
	return err;
}

int seal_module_decompress(enum seal_comp c, const void *buf, size_t len,
			   void **out, size_t *outlen, char *why, size_t whylen)
{
	struct outbuf o = { NULL, 0, 0 };
	int err;

	*out = NULL;
	*outlen = 0;
	if (!buf && len) {
		why_printf(why, whylen, "no data");
		return -EINVAL;
	}
	err = outbuf_start(&o, len);
	if (err < 0) {
		why_printf(why, whylen, "out of memory");
		return err;
	}
	switch (c) {
	case SEAL_COMP_XZ:
		err = decompress_xz(buf, len, &o, why, whylen);
		break;
	case SEAL_COMP_ZSTD:
		err = decompress_zstd(buf, len, &o, why, whylen);
		break;
	case SEAL_COMP_GZIP:
		err = decompress_gzip(buf, len, &o, why, whylen);
		break;
	default:
		why_printf(why, whylen, "not a compression method: %d", (int)c);
		err = -EINVAL;
		break;
	}
	if (err < 0) {
		free(o.data);
		return err;
	}
	*out = o.data;
	*outlen = o.len;
	return 0;
}
