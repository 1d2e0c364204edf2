// SPDX-License-Identifier: LGPL-2.1-or-later
/* Kernel module files: read whole, detect and undo compression, check the ELF and read .modinfo. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gelf.h>
#include <libelf.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "seal/seal.h"
#include "internal.h"

/*
 * Reasons go into the caller's why buffer without the file name: the caller
 * prints "TOOL: PATH: REASON". Data that is not a loadable module gives
 * -ENOEXEC (corrupt compression included), -ENOMEM stays -ENOMEM.
 */

/* Largest module file read, and largest decompressed image: far above any real module. */
#define MODULE_MAX_BYTES ((size_t)1 << 30)
#define OUTBUF_MIN ((size_t)64 << 10)    /* first size of a decompression buffer */

/* The machine this library was built for: the only e_machine accepted. */
#if defined(__x86_64__)
#define MODULE_EM EM_X86_64
#elif defined(__aarch64__)
#define MODULE_EM EM_AARCH64
#elif defined(__riscv) && __riscv_xlen == 64
#define MODULE_EM EM_RISCV
#elif defined(__powerpc64__)
#define MODULE_EM EM_PPC64
#elif defined(__s390x__)
#define MODULE_EM EM_S390
#elif defined(__loongarch64)
#define MODULE_EM EM_LOONGARCH
#else
#error "seal: unknown machine: add its EM_ constant to MODULE_EM in libseal/module.c"
#endif

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define MODULE_ELFDATA ELFDATA2LSB
#else
#define MODULE_ELFDATA ELFDATA2MSB
#endif

static const unsigned char xz_magic[] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
static const unsigned char zstd_magic[] = { 0x28, 0xb5, 0x2f, 0xfd };
static const unsigned char gzip_magic[] = { 0x1f, 0x8b };

static void say(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void say(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (!why || whylen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
}

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
		say(why, whylen, "%s data decompresses to more than %zu bytes", what,
		    (size_t)MODULE_MAX_BYTES);
	else
		say(why, whylen, "out of memory decompressing %s data", what);
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
		say(why, whylen, "cannot start the xz decoder (lzma error %d)", (int)ret);
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
		say(why, whylen, "truncated xz data");
		err = -EBADMSG;
		break;
	case LZMA_MEM_ERROR:
		say(why, whylen, "out of memory decompressing xz data");
		err = -ENOMEM;
		break;
	case LZMA_FORMAT_ERROR:
		say(why, whylen, "corrupt xz data: bad stream header");
		err = -EBADMSG;
		break;
	case LZMA_OPTIONS_ERROR:
		say(why, whylen, "xz data uses options this liblzma does not support");
		err = -EBADMSG;
		break;
	default:
		say(why, whylen, "corrupt xz data (lzma error %d)", (int)ret);
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
		say(why, whylen, "out of memory starting the zstd decoder");
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
			say(why, whylen, "corrupt zstd data: %s", ZSTD_getErrorName(ret));
			err = -EBADMSG;
			goto out;
		}
		if (in.pos == in.size && ret != 0 && out.pos < out.size) {
			/* The decoder wants more input and has no output pending. */
			say(why, whylen, "truncated zstd data");
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
		say(why, whylen, "gzip data larger than %u bytes", UINT_MAX);
		return -EFBIG;
	}
	/* 16 + MAX_WBITS: gzip header and trailer, not raw zlib. */
	ret = inflateInit2(&z, 16 + MAX_WBITS);
	if (ret != Z_OK) {
		say(why, whylen, "cannot start the gzip decoder (zlib error %d)", ret);
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
				say(why, whylen, "cannot restart the gzip decoder");
				err = -EIO;
				goto out;
			}
			continue;
		}
		if (ret == Z_OK)
			continue;
		if (ret == Z_BUF_ERROR && z.avail_in == 0) {
			say(why, whylen, "truncated gzip data");
			err = -EBADMSG;
		} else if (ret == Z_MEM_ERROR) {
			say(why, whylen, "out of memory decompressing gzip data");
			err = -ENOMEM;
		} else {
			say(why, whylen, "corrupt gzip data: %s", z.msg ? z.msg : "zlib error");
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
		say(why, whylen, "no data");
		return -EINVAL;
	}
	err = outbuf_start(&o, len);
	if (err < 0) {
		say(why, whylen, "out of memory");
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
		say(why, whylen, "not a compression method: %d", (int)c);
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

/* ---- ELF ------------------------------------------------------------------ */

static const char *em_name(unsigned int em)
{
	switch (em) {
	case EM_386: return "EM_386";
	case EM_ARM: return "EM_ARM";
	case EM_MIPS: return "EM_MIPS";
	case EM_PPC: return "EM_PPC";
	case EM_PPC64: return "EM_PPC64";
	case EM_S390: return "EM_S390";
	case EM_SPARCV9: return "EM_SPARCV9";
	case EM_IA_64: return "EM_IA_64";
	case EM_X86_64: return "EM_X86_64";
	case EM_AARCH64: return "EM_AARCH64";
	case EM_RISCV: return "EM_RISCV";
#ifdef EM_LOONGARCH
	case EM_LOONGARCH: return "EM_LOONGARCH";
#endif
	case EM_NONE: return "EM_NONE";
	}
	return "unknown machine";
}

static const char *et_name(unsigned int et)
{
	switch (et) {
	case ET_NONE: return "ET_NONE";
	case ET_REL: return "ET_REL";
	case ET_EXEC: return "ET_EXEC";
	case ET_DYN: return "ET_DYN";
	case ET_CORE: return "ET_CORE";
	}
	return "unknown type";
}

/* end = off + size without overflow, and end <= len. */
static bool range_ok(uint64_t off, uint64_t size, size_t len)
{
	return off <= len && size <= len - off;
}

/*
 * Copy the value of "key=" from .modinfo (NUL-separated "key=value" strings,
 * with NUL padding between them). The first occurrence wins, as in the
 * kernel's get_modinfo(). 1 if found, 0 if not, -ENAMETOOLONG if it does not fit.
 */
static int modinfo_get(const char *info, size_t size, const char *key, char *val, size_t vallen)
{
	size_t klen = strlen(key), off = 0;

	while (off < size) {
		const char *s = info + off;
		const char *nul = memchr(s, '\0', size - off);
		size_t slen = nul ? (size_t)(nul - s) : size - off;

		if (slen > klen && memcmp(s, key, klen) == 0 && s[klen] == '=') {
			size_t vl = slen - klen - 1;

			if (vl >= vallen)
				return -ENAMETOOLONG;
			memcpy(val, s + klen + 1, vl);
			val[vl] = '\0';
			return 1;
		}
		off += slen + 1;
	}
	return 0;
}

static int modinfo_field(const char *info, size_t size, const char *key, char *val, size_t vallen,
			 char *why, size_t whylen)
{
	int r = modinfo_get(info, size, key, val, vallen);

	if (r == -ENAMETOOLONG) {
		say(why, whylen, ".modinfo %s= is longer than %zu bytes", key, vallen - 1);
		return -ENOEXEC;
	}
	if (r == 0) {
		say(why, whylen, "no %s= in .modinfo", key);
		return -ENOEXEC;
	}
	if (val[0] == '\0') {
		say(why, whylen, ".modinfo %s= is empty", key);
		return -ENOEXEC;
	}
	return 0;
}

/* Checks on the raw header that give a sharper reason than libelf would. */
static int elf_ident_check(const unsigned char *b, size_t len, char *why, size_t whylen)
{
	Elf64_Ehdr eh;
	size_t shnum;

	if (len == 0) {
		say(why, whylen, "empty file");
		return -ENOEXEC;
	}
	if (len < SELFMAG || memcmp(b, ELFMAG, SELFMAG) != 0) {
		say(why, whylen, "not an ELF file");
		return -ENOEXEC;
	}
	if (len < EI_NIDENT) {
		say(why, whylen, "truncated ELF: %zu bytes, the identification needs %d", len, EI_NIDENT);
		return -ENOEXEC;
	}
	if (b[EI_CLASS] != ELFCLASS64) {
		say(why, whylen, "ELF class is %s (%u), expected ELFCLASS64 (%u)",
		    b[EI_CLASS] == ELFCLASS32 ? "ELFCLASS32" : "unknown", b[EI_CLASS], ELFCLASS64);
		return -ENOEXEC;
	}
	if (b[EI_DATA] != MODULE_ELFDATA) {
		say(why, whylen, "ELF byte order %u is not this machine's (%u)", b[EI_DATA],
		    MODULE_ELFDATA);
		return -ENOEXEC;
	}
	if (len < sizeof(Elf64_Ehdr)) {
		say(why, whylen, "truncated ELF: %zu bytes, the header needs %zu", len,
		    sizeof(Elf64_Ehdr));
		return -ENOEXEC;
	}
	/*
	 * libelf quietly reports zero sections when the table lies past the end;
	 * check it here to say "truncated". e_shnum == 0 with e_shoff set means
	 * extended numbering: at least section 0 must be there.
	 */
	memcpy(&eh, b, sizeof(eh));
	shnum = eh.e_shnum ? eh.e_shnum : (eh.e_shoff ? 1 : 0);
	if (eh.e_shoff && !range_ok(eh.e_shoff, (uint64_t)shnum * sizeof(Elf64_Shdr), len)) {
		say(why, whylen, "truncated ELF: %zu section headers at offset %llu do not fit in %zu bytes",
		    shnum, (unsigned long long)eh.e_shoff, len);
		return -ENOEXEC;
	}
	return 0;
}

static int elf_check(const void *buf, size_t len, struct seal_modinfo *mi, char *why, size_t whylen)
{
	Elf *elf = NULL;
	Elf_Scn *scn = NULL;
	GElf_Ehdr eh;
	GElf_Shdr sh, modinfo_sh;
	size_t shnum, shstrndx;
	bool have_modinfo = false, have_this_module = false;
	int err;

	err = elf_ident_check(buf, len, why, whylen);
	if (err < 0)
		return err;

	err = -ENOEXEC;
	if (elf_version(EV_CURRENT) == EV_NONE) {
		say(why, whylen, "libelf: %s", elf_errmsg(-1));
		return -EIO;
	}
	/* elf_memory() takes char *; with ELF_C_READ_MMAP semantics it only reads the image. */
	elf = elf_memory((char *)buf, len);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		say(why, whylen, "not an ELF file%s%s", elf ? "" : ": ", elf ? "" : elf_errmsg(-1));
		goto out;
	}
	if (!gelf_getehdr(elf, &eh)) {
		say(why, whylen, "bad ELF header: %s", elf_errmsg(-1));
		goto out;
	}
	if (eh.e_type != ET_REL) {
		say(why, whylen, "ELF type is %s (%u), expected ET_REL (%u)", et_name(eh.e_type),
		    eh.e_type, ET_REL);
		goto out;
	}
	if (eh.e_machine != MODULE_EM) {
		say(why, whylen, "machine is %s (%u), expected %s (%u)", em_name(eh.e_machine),
		    eh.e_machine, em_name(MODULE_EM), MODULE_EM);
		goto out;
	}
	if (elf_getshdrnum(elf, &shnum) < 0) {
		say(why, whylen, "bad section count: %s", elf_errmsg(-1));
		goto out;
	}
	if (shnum == 0) {
		say(why, whylen, "no section headers");
		goto out;
	}
	if (eh.e_shentsize != sizeof(Elf64_Shdr)) {
		say(why, whylen, "section header size is %u, expected %zu", eh.e_shentsize,
		    sizeof(Elf64_Shdr));
		goto out;
	}
	if (shnum > len / sizeof(Elf64_Shdr) ||
	    !range_ok(eh.e_shoff, (uint64_t)shnum * sizeof(Elf64_Shdr), len)) {
		say(why, whylen, "truncated ELF: %zu section headers at offset %llu do not fit in %zu bytes",
		    shnum, (unsigned long long)eh.e_shoff, len);
		goto out;
	}
	if (elf_getshdrstrndx(elf, &shstrndx) < 0 || shstrndx >= shnum) {
		say(why, whylen, "bad section name table index: %s", elf_errmsg(-1));
		goto out;
	}

	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		const char *name;

		if (!gelf_getshdr(scn, &sh)) {
			say(why, whylen, "bad section header %zu: %s", elf_ndxscn(scn), elf_errmsg(-1));
			goto out;
		}
		if (sh.sh_type != SHT_NOBITS && !range_ok(sh.sh_offset, sh.sh_size, len)) {
			say(why, whylen, "truncated ELF: section %zu (offset %llu, size %llu) ends past %zu bytes",
			    elf_ndxscn(scn), (unsigned long long)sh.sh_offset,
			    (unsigned long long)sh.sh_size, len);
			goto out;
		}
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!name) {
			say(why, whylen, "section %zu: bad name offset %u", elf_ndxscn(scn), sh.sh_name);
			goto out;
		}
		if (strcmp(name, ".modinfo") == 0 && !have_modinfo) {
			have_modinfo = true;
			modinfo_sh = sh;
		} else if (strcmp(name, ".gnu.linkonce.this_module") == 0) {
			have_this_module = true;
		}
	}
	if (!have_modinfo) {
		say(why, whylen, "no .modinfo section");
		goto out;
	}
	if (!have_this_module) {
		say(why, whylen, "no .gnu.linkonce.this_module section");
		goto out;
	}
	if (modinfo_sh.sh_type == SHT_NOBITS) {
		say(why, whylen, ".modinfo section holds no data (SHT_NOBITS)");
		goto out;
	}
	/* Bounds were checked in the loop above. */
	err = modinfo_field((const char *)buf + modinfo_sh.sh_offset, modinfo_sh.sh_size, "name",
			    mi->name, sizeof(mi->name), why, whylen);
	if (err < 0)
		goto out;
	err = modinfo_field((const char *)buf + modinfo_sh.sh_offset, modinfo_sh.sh_size, "vermagic",
			    mi->vermagic, sizeof(mi->vermagic), why, whylen);
out:
	elf_end(elf);
	return err;
}

int seal_module_check_buf(const void *buf, size_t len, struct seal_modinfo *mi,
			  char *why, size_t whylen)
{
	struct seal_modinfo tmp;
	void *plain = NULL;
	size_t plainlen = 0;
	int err;

	if (!mi)
		mi = &tmp;
	memset(mi, 0, sizeof(*mi));
	say(why, whylen, "%s", "");
	if (!buf)
		len = 0;
	mi->comp = seal_module_compression(buf, len);
	if (mi->comp == SEAL_COMP_NONE)
		return elf_check(buf, len, mi, why, whylen);

	err = seal_module_decompress(mi->comp, buf, len, &plain, &plainlen, why, whylen);
	if (err == -EBADMSG || err == -EFBIG || err == -EINVAL)
		err = -ENOEXEC;
	if (err == 0)
		err = elf_check(plain, plainlen, mi, why, whylen);
	free(plain);
	return err;
}

int seal_module_read(const char *path, struct seal_module_image *img, char *why, size_t whylen)
{
	struct stat st;
	void *buf = NULL;
	size_t len = 0;
	int fd, err;

	img->data = NULL;
	img->len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		err = -errno;
		say(why, whylen, "cannot open: %s", strerror(-err));
		return err;
	}
	if (fstat(fd, &st) < 0) {
		err = -errno;
		say(why, whylen, "cannot stat: %s", strerror(-err));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		say(why, whylen, "is a directory, not a module file");
		err = -EISDIR;
		goto out;
	}
	/* The kernel's kernel_read_file() refuses non-regular files the same way. */
	if (!S_ISREG(st.st_mode)) {
		say(why, whylen, "not a regular file");
		err = -EINVAL;
		goto out;
	}
	err = read_fd_whole(fd, MODULE_MAX_BYTES, &buf, &len);
	if (err == -EFBIG)
		say(why, whylen, "larger than %zu bytes", (size_t)MODULE_MAX_BYTES);
	else if (err == -ENOMEM)
		say(why, whylen, "out of memory");
	else if (err < 0)
		say(why, whylen, "read error: %s", strerror(-err));
	if (err < 0)
		goto out;
	img->data = buf;
	img->len = len;
	buf = NULL;
	err = 0;
out:
	free(buf);
	close(fd);
	return err;
}

void seal_module_image_free(struct seal_module_image *img)
{
	if (!img)
		return;
	free(img->data);
	img->data = NULL;
	img->len = 0;
}

bool seal_is_kernel_release(const char *kver)
{
	return kver && kver[0] && !strchr(kver, '/') && strcmp(kver, ".") != 0 &&
	       strcmp(kver, "..") != 0;
}

bool seal_is_module_name(const char *path)
{
	static const char *const suffix[] = { ".ko", ".ko.xz", ".ko.zst", ".ko.gz" };
	const char *base;
	size_t i, blen;

	if (!path)
		return false;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	blen = strlen(base);
	for (i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		size_t slen = strlen(suffix[i]);

		/* At least one character of name before the suffix. */
		if (blen > slen && strcmp(base + blen - slen, suffix[i]) == 0)
			return true;
	}
	return false;
}
