// SPDX-License-Identifier: LGPL-2.1-or-later
/* ELF checks of a module image: machine, type, the sections a module has, and .modinfo's name and vermagic. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gelf.h>
#include <libelf.h>

#include "seal/seal.h"
#include "internal.h"

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
#error "seal: unknown machine: add its EM_ constant to MODULE_EM in libseal/module-elf.c"
#endif

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define MODULE_ELFDATA ELFDATA2LSB
#else
#define MODULE_ELFDATA ELFDATA2MSB
#endif

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
		why_printf(why, whylen, ".modinfo %s= is longer than %zu bytes", key, vallen - 1);
		return -ENOEXEC;
	}
	if (r == 0) {
		why_printf(why, whylen, "no %s= in .modinfo", key);
		return -ENOEXEC;
	}
	if (val[0] == '\0') {
		why_printf(why, whylen, ".modinfo %s= is empty", key);
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
		why_printf(why, whylen, "empty file");
		return -ENOEXEC;
	}
	if (len < SELFMAG || memcmp(b, ELFMAG, SELFMAG) != 0) {
		why_printf(why, whylen, "not an ELF file");
		return -ENOEXEC;
	}
	if (len < EI_NIDENT) {
		why_printf(why, whylen, "truncated ELF: %zu bytes, the identification needs %d", len, EI_NIDENT);
		return -ENOEXEC;
	}
	if (b[EI_CLASS] != ELFCLASS64) {
		why_printf(why, whylen, "ELF class is %s (%u), expected ELFCLASS64 (%u)",
		    b[EI_CLASS] == ELFCLASS32 ? "ELFCLASS32" : "unknown", b[EI_CLASS], ELFCLASS64);
		return -ENOEXEC;
	}
	if (b[EI_DATA] != MODULE_ELFDATA) {
		why_printf(why, whylen, "ELF byte order %u is not this machine's (%u)", b[EI_DATA],
		    MODULE_ELFDATA);
		return -ENOEXEC;
	}
	if (len < sizeof(Elf64_Ehdr)) {
		why_printf(why, whylen, "truncated ELF: %zu bytes, the header needs %zu", len,
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
		why_printf(why, whylen, "truncated ELF: %zu section headers at offset %llu do not fit in %zu bytes",
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
		why_printf(why, whylen, "libelf: %s", elf_errmsg(-1));
		return -EIO;
	}
	/* elf_memory() takes char *; with ELF_C_READ_MMAP semantics it only reads the image. */
	elf = elf_memory((char *)buf, len);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		why_printf(why, whylen, "not an ELF file%s%s", elf ? "" : ": ", elf ? "" : elf_errmsg(-1));
		goto out;
	}
	if (!gelf_getehdr(elf, &eh)) {
		why_printf(why, whylen, "bad ELF header: %s", elf_errmsg(-1));
		goto out;
	}
	if (eh.e_type != ET_REL) {
		why_printf(why, whylen, "ELF type is %s (%u), expected ET_REL (%u)", et_name(eh.e_type),
		    eh.e_type, ET_REL);
		goto out;
	}
	if (eh.e_machine != MODULE_EM) {
		why_printf(why, whylen, "machine is %s (%u), expected %s (%u)", em_name(eh.e_machine),
		    eh.e_machine, em_name(MODULE_EM), MODULE_EM);
		goto out;
	}
	if (elf_getshdrnum(elf, &shnum) < 0) {
		why_printf(why, whylen, "bad section count: %s", elf_errmsg(-1));
		goto out;
	}
	if (shnum == 0) {
		why_printf(why, whylen, "no section headers");
		goto out;
	}
	if (eh.e_shentsize != sizeof(Elf64_Shdr)) {
		why_printf(why, whylen, "section header size is %u, expected %zu", eh.e_shentsize,
		    sizeof(Elf64_Shdr));
		goto out;
	}
	if (shnum > len / sizeof(Elf64_Shdr) ||
	    !range_ok(eh.e_shoff, (uint64_t)shnum * sizeof(Elf64_Shdr), len)) {
		why_printf(why, whylen, "truncated ELF: %zu section headers at offset %llu do not fit in %zu bytes",
		    shnum, (unsigned long long)eh.e_shoff, len);
		goto out;
	}
	if (elf_getshdrstrndx(elf, &shstrndx) < 0 || shstrndx >= shnum) {
		why_printf(why, whylen, "bad section name table index: %s", elf_errmsg(-1));
		goto out;
	}

	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		const char *name;

		if (!gelf_getshdr(scn, &sh)) {
			why_printf(why, whylen, "bad section header %zu: %s", elf_ndxscn(scn), elf_errmsg(-1));
			goto out;
		}
		if (sh.sh_type != SHT_NOBITS && !range_ok(sh.sh_offset, sh.sh_size, len)) {
			why_printf(why, whylen, "truncated ELF: section %zu (offset %llu, size %llu) ends past %zu bytes",
			    elf_ndxscn(scn), (unsigned long long)sh.sh_offset,
			    (unsigned long long)sh.sh_size, len);
			goto out;
		}
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!name) {
			why_printf(why, whylen, "section %zu: bad name offset %u", elf_ndxscn(scn), sh.sh_name);
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
		why_printf(why, whylen, "no .modinfo section");
		goto out;
	}
	if (!have_this_module) {
		why_printf(why, whylen, "no .gnu.linkonce.this_module section");
		goto out;
	}
	if (modinfo_sh.sh_type == SHT_NOBITS) {
		why_printf(why, whylen, ".modinfo section holds no data (SHT_NOBITS)");
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
	why_printf(why, whylen, "%s", "");
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
