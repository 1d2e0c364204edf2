// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of module files: real Debian .ko/.ko.xz, .ko.zst/.ko.gz made here, and damaged copies. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seal/seal.h"
#include "tap.h"

static char tmpdir[] = "/tmp/seal-test-module.XXXXXX";
static const char *modinfo_tool;

static void skip_one(const char *name, const char *why)
{
	printf("ok %d - %s # SKIP %s\n", ++tap_n, name, why);
}

static int run(const char *cmd)
{
	int r = system(cmd);

	if (r != 0)
		printf("# command failed (%d): %s\n", r, cmd);
	return r;
}

/* `modinfo -F FIELD FILE`, first line, or "" if kmod could not say. */
static void kmod_field(const char *field, const char *path, char *out, size_t outlen)
{
	char cmd[1400];
	FILE *p;

	out[0] = '\0';
	snprintf(cmd, sizeof(cmd), "%s -F %s '%s' 2>/dev/null", modinfo_tool, field, path);
	p = popen(cmd, "r");
	if (!p)
		return;
	if (fgets(out, (int)outlen, p))
		out[strcspn(out, "\n")] = '\0';
	pclose(p);
}

static const char *find_modinfo(void)
{
	static const char *const cand[] = { "/usr/sbin/modinfo", "/sbin/modinfo", "/usr/bin/modinfo" };
	size_t i;

	for (i = 0; i < sizeof(cand) / sizeof(cand[0]); i++)
		if (access(cand[i], X_OK) == 0)
			return cand[i];
	return NULL;
}

/* Read path whole and check it; reports read and check as two results. */
static int read_and_check(const char *path, const char *label, struct seal_module_image *img,
			  struct seal_modinfo *mi)
{
	char name[256], why[256] = "";
	int err;

	snprintf(name, sizeof(name), "%s: read whole", label);
	err = seal_module_read(path, img, why, sizeof(why));
	tap_result(err == 0 && img->len > 0, name, "seal_module_read(%s) = %d (%s), %zu bytes", path,
		   err, why, img->len);
	if (err < 0)
		return err;
	snprintf(name, sizeof(name), "%s: ELF check passes", label);
	err = seal_module_check_buf(img->data, img->len, mi, why, sizeof(why));
	tap_result(err == 0, name, "expected 0, got %d (%s)", err, why);
	return err;
}

/* name= and vermagic= as kmod's modinfo reads them from kmod_path. */
static void compare_with_kmod(const struct seal_modinfo *mi, const char *kmod_path, const char *label)
{
	char want[512], name[256];

	if (!modinfo_tool) {
		snprintf(name, sizeof(name), "%s: name and vermagic match modinfo", label);
		skip_one(name, "kmod's modinfo not installed");
		return;
	}
	kmod_field("name", kmod_path, want, sizeof(want));
	snprintf(name, sizeof(name), "%s: name matches modinfo -F name", label);
	is_str(want, mi->name, name);
	kmod_field("vermagic", kmod_path, want, sizeof(want));
	snprintf(name, sizeof(name), "%s: vermagic matches modinfo -F vermagic", label);
	is_str(want, mi->vermagic, name);
}

static void test_real_61(const char *moddir)
{
	static const char *const mods[] = {
		"kernel/drivers/net/dummy.ko", "kernel/drivers/net/veth.ko",
		"kernel/drivers/net/nlmon.ko", "kernel/drivers/net/ifb.ko",
		"kernel/arch/x86/kernel/msr.ko",
	};
	size_t i;

	for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++) {
		struct seal_module_image img = { NULL, 0 };
		struct seal_modinfo mi;
		char path[1024], label[128], name[200];

		snprintf(path, sizeof(path), "%s/%s", moddir, mods[i]);
		snprintf(label, sizeof(label), "6.1 %s", strrchr(mods[i], '/') + 1);
		if (access(path, R_OK) < 0) {
			skip_one(label, "not in this image");
			continue;
		}
		if (read_and_check(path, label, &img, &mi) == 0) {
			unsigned char a[SEAL_DIGEST_MAX], b[SEAL_DIGEST_MAX];

			snprintf(name, sizeof(name), "%s: not compressed", label);
			is_int(SEAL_COMP_NONE, mi.comp, name);
			compare_with_kmod(&mi, path, label);
			snprintf(name, sizeof(name), "%s: bytes read whole hash like the file streamed",
				 label);
			ok(seal_hash_buf(SEAL_ALG_SHA256, img.data, img.len, a) == 0 &&
			   seal_hash_file(SEAL_ALG_SHA256, path, b) == 0 &&
			   memcmp(a, b, SEAL_SHA256_LEN) == 0, name);
		}
		seal_module_image_free(&img);
	}
}

/* Decompressed bytes must equal what the CLI decompressor gives. */
static void compare_decompressed(const struct seal_module_image *img, const char *plain_path,
				 const char *label)
{
	struct seal_module_image plain = { NULL, 0 };
	void *out = NULL;
	size_t outlen = 0;
	char name[256], why[256] = "";
	int err;

	snprintf(name, sizeof(name), "%s: decompresses to the same bytes as the CLI tool", label);
	err = seal_module_decompress(seal_module_compression(img->data, img->len), img->data,
				     img->len, &out, &outlen, why, sizeof(why));
	if (err < 0 || seal_module_read(plain_path, &plain, why, sizeof(why)) < 0) {
		tap_result(0, name, "decompress = %d (%s)", err, why);
	} else {
		tap_result(outlen == plain.len && memcmp(out, plain.data, outlen) == 0, name,
			   "expected %zu bytes as in %s, got %zu bytes%s", plain.len, plain_path,
			   outlen, outlen == plain.len ? " that differ" : "");
	}
	free(out);
	seal_module_image_free(&plain);
}

static void test_real_612(const char *moddir)
{
	static const char *const mods[] = {
		"kernel/drivers/net/dummy.ko.xz", "kernel/drivers/net/veth.ko.xz",
	};
	size_t i;

	for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++) {
		struct seal_module_image img = { NULL, 0 };
		struct seal_modinfo mi;
		char path[1024], label[128], plain[700], cmd[2200], name[160];

		snprintf(path, sizeof(path), "%s/%s", moddir, mods[i]);
		snprintf(label, sizeof(label), "6.12 %s", strrchr(mods[i], '/') + 1);
		if (access(path, R_OK) < 0) {
			skip_one(label, "not in this image");
			continue;
		}
		if (read_and_check(path, label, &img, &mi) == 0) {
			snprintf(name, sizeof(name), "%s: xz detected by its magic", label);
			is_int(SEAL_COMP_XZ, mi.comp, name);
			compare_with_kmod(&mi, path, label);
			snprintf(plain, sizeof(plain), "%s/plain-%zu.ko", tmpdir, i);
			snprintf(cmd, sizeof(cmd), "xz -dc '%s' > '%s'", path, plain);
			if (run(cmd) == 0)
				compare_decompressed(&img, plain, label);
			else
				skip_one(label, "xz CLI not available");
		}
		seal_module_image_free(&img);
	}
}

/* .ko.zst and .ko.gz made now from the 6.1 dummy.ko with the zstd and gzip CLIs. */
static void test_made_here(const char *src)
{
	static const struct {
		const char *tool, *ext;
		enum seal_comp comp;
	} made[] = {
		{ "zstd -q -c", "zst", SEAL_COMP_ZSTD },
		{ "gzip -9 -c", "gz", SEAL_COMP_GZIP },
		{ "xz -c --check=crc32", "xz", SEAL_COMP_XZ },
	};
	size_t i;

	for (i = 0; i < sizeof(made) / sizeof(made[0]); i++) {
		struct seal_module_image img = { NULL, 0 };
		struct seal_modinfo mi;
		char path[700], cmd[2000], label[64], name[128];

		snprintf(path, sizeof(path), "%s/dummy.ko.%s", tmpdir, made[i].ext);
		snprintf(cmd, sizeof(cmd), "%s '%s' > '%s'", made[i].tool, src, path);
		snprintf(label, sizeof(label), "dummy.ko.%s made with %s", made[i].ext, made[i].tool);
		if (run(cmd) != 0) {
			skip_one(label, "compressor CLI not available");
			continue;
		}
		if (read_and_check(path, label, &img, &mi) == 0) {
			snprintf(name, sizeof(name), "%s: %s detected by its magic", label,
				 seal_comp_name(made[i].comp));
			is_int(made[i].comp, mi.comp, name);
			/* kmod 30 in Debian 12 is built without zlib: for .gz ask it about the plain file. */
			compare_with_kmod(&mi, made[i].comp == SEAL_COMP_GZIP ? src : path, label);
			compare_decompressed(&img, src, label);
		}
		seal_module_image_free(&img);
	}
}

/* ---- damaged copies ------------------------------------------------------ */

static void expect_refused(const void *buf, size_t len, const char *want_why, const char *name)
{
	struct seal_modinfo mi;
	char why[256] = "";
	int err = seal_module_check_buf(buf, len, &mi, why, sizeof(why));

	tap_result(err == -ENOEXEC && strstr(why, want_why) == why, name,
		   "expected -ENOEXEC (%d) with a reason starting \"%s\", got %d \"%s\"", -ENOEXEC,
		   want_why, err, why);
}

/* Offset of the section-name string "name" (with its NUL) inside .shstrtab, or 0. */
static size_t shstr_offset(const unsigned char *b, size_t len, const char *name)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)b;
	const Elf64_Shdr *sh;
	size_t nlen = strlen(name) + 1, off;

	if (len < sizeof(*eh) || eh->e_shoff + (eh->e_shstrndx + 1) * sizeof(*sh) > len)
		return 0;
	sh = (const Elf64_Shdr *)(b + eh->e_shoff) + eh->e_shstrndx;
	/* The linker merges suffixes: ".gnu.linkonce.this_module" may end ".rela.gnu.linkonce...". */
	for (off = sh->sh_offset; off + nlen <= sh->sh_offset + sh->sh_size && off + nlen <= len; off++)
		if (memcmp(b + off, name, nlen) == 0)
			return off;
	return 0;
}

/* The .modinfo section's bytes, found through the section headers. */
static unsigned char *modinfo_section(unsigned char *b, size_t len, size_t *size)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)b;
	size_t name_off = shstr_offset(b, len, ".modinfo"), i;
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(b + eh->e_shoff);

	if (!name_off)
		return NULL;
	for (i = 0; i < eh->e_shnum; i++)
		if (sh[eh->e_shstrndx].sh_offset + sh[i].sh_name == name_off) {
			*size = sh[i].sh_size;
			return b + sh[i].sh_offset;
		}
	return NULL;
}

static void test_damaged(const struct seal_module_image *orig)
{
	unsigned char *b = malloc(orig->len);
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)orig->data;
	size_t off, len = orig->len, misize = 0, step, bad_prefix = 0, elf_end;
	unsigned char *mi;
	char expect[128];
	int r;

	if (!b) {
		ok(0, "malloc a copy of dummy.ko");
		return;
	}
#define RESET() memcpy(b, orig->data, len)

	RESET();
	expect_refused(b, 0, "empty file", "empty buffer: \"empty file\"");
	expect_refused("hello, world\n", 13, "not an ELF file", "text: \"not an ELF file\"");
	expect_refused("\x7f" "EL", 3, "not an ELF file", "3 bytes of the magic: \"not an ELF file\"");
	expect_refused(b, 10, "truncated ELF", "10 bytes: \"truncated ELF\"");
	expect_refused(b, 40, "truncated ELF: 40 bytes, the header needs 64",
		       "40 bytes: truncated before the end of the ELF header");
	expect_refused(b, len / 2, "truncated ELF", "half the file: \"truncated ELF\"");
	expect_refused(b, eh->e_shoff + 10, "truncated ELF",
		       "cut inside the section headers: \"truncated ELF\"");

	/*
	 * Every prefix, in steps, up to the end of the section headers: never a
	 * crash, never accepted. (Past them lies the appended module signature,
	 * which is not part of the ELF image.)
	 */
	elf_end = eh->e_shoff + (size_t)eh->e_shnum * sizeof(Elf64_Shdr);
	step = elf_end / 997 + 1;
	for (off = 0; off < elf_end; off += step) {
		struct seal_modinfo m;
		char why[256];

		if (seal_module_check_buf(b, off, &m, why, sizeof(why)) != -ENOEXEC)
			bad_prefix++;
	}
	is_int(0, bad_prefix, "every prefix of dummy.ko (997 cuts) is refused with -ENOEXEC");

	RESET();
	((Elf64_Ehdr *)b)->e_machine = EM_AARCH64;
#if defined(__x86_64__)
	expect_refused(b, len, "machine is EM_AARCH64 (183), expected EM_X86_64 (62)",
		       "e_machine patched to EM_AARCH64: names both machines");
#else
	skip_one("e_machine patched to EM_AARCH64", "the host is not x86-64");
#endif
	RESET();
	((Elf64_Ehdr *)b)->e_type = ET_DYN;
	expect_refused(b, len, "ELF type is ET_DYN (3), expected ET_REL (1)",
		       "e_type patched to ET_DYN: \"ELF type is ET_DYN\"");
	RESET();
	b[EI_CLASS] = ELFCLASS32;
	expect_refused(b, len, "ELF class is ELFCLASS32 (1), expected ELFCLASS64 (2)",
		       "EI_CLASS patched to ELFCLASS32");
	RESET();
	b[EI_DATA] = ELFDATA2MSB;
	expect_refused(b, len, "ELF byte order 2 is not this machine's",
		       "EI_DATA patched to big-endian");

	RESET();
	off = shstr_offset(b, len, ".modinfo");
	ok(off != 0, "found \".modinfo\" in .shstrtab");
	if (off) {
		b[off + 7] = 'X';
		expect_refused(b, len, "no .modinfo section", ".modinfo renamed: \"no .modinfo section\"");
	}
	RESET();
	off = shstr_offset(b, len, ".gnu.linkonce.this_module");
	ok(off != 0, "found \".gnu.linkonce.this_module\" in .shstrtab");
	if (off) {
		b[off + 1] = 'G';
		expect_refused(b, len, "no .gnu.linkonce.this_module section",
			       ".gnu.linkonce.this_module renamed");
	}

	RESET();
	mi = modinfo_section(b, len, &misize);
	ok(mi != NULL, "found the .modinfo section");
	if (mi) {
		unsigned char *k = memmem(mi, misize, "\0name=", 6);
		unsigned char *v = memmem(mi, misize, "\0vermagic=", 10);

		if (k) {
			k[1] = 'N';
			expect_refused(b, len, "no name= in .modinfo", "name= renamed: \"no name= in .modinfo\"");
		}
		RESET();
		if (v) {
			v[1] = 'V';
			expect_refused(b, len, "no vermagic= in .modinfo", "vermagic= renamed");
		}
		RESET();
		/* One unterminated string filling the section: the read stops at its end. */
		memset(mi, 'x', misize);
		memcpy(mi, "name=", 5);
		expect_refused(b, len, ".modinfo name= is longer than 63 bytes",
			       "unterminated name= running to the section end is bounded");
		RESET();
		memset(mi, '\0', misize);
		expect_refused(b, len, "no name= in .modinfo", "all-NUL .modinfo: \"no name= in .modinfo\"");
	}

	RESET();
	snprintf(expect, sizeof(expect), "section %u: bad name offset",
		 (unsigned)((Elf64_Ehdr *)b)->e_shnum - 1);
	((Elf64_Shdr *)(b + eh->e_shoff))[eh->e_shnum - 1].sh_name = 0x7fffffff;
	expect_refused(b, len, expect, "section name offset past .shstrtab: \"bad name offset\"");
	RESET();
	((Elf64_Shdr *)(b + eh->e_shoff))[1].sh_size = (Elf64_Xword)len * 4;
	expect_refused(b, len, "truncated ELF: section 1", "section 1 larger than the file");

	RESET();
	r = seal_module_check_buf(b, len, NULL, NULL, 0);
	is_int(0, r, "NULL modinfo and NULL why are allowed");
	free(b);
#undef RESET
}

static void test_damaged_compressed(void)
{
	static const struct {
		const char *ext, *truncated, *corrupt;
	} kinds[] = {
		{ "xz", "truncated xz data", "corrupt xz data" },
		{ "zst", "truncated zstd data", "corrupt zstd data" },
		{ "gz", "truncated gzip data", "corrupt gzip data" },
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct seal_module_image img = { NULL, 0 };
		char path[700], name[128], why[256];
		void *out = NULL;
		size_t outlen = 0;
		unsigned char *c;
		int err;

		snprintf(path, sizeof(path), "%s/dummy.ko.%s", tmpdir, kinds[i].ext);
		snprintf(name, sizeof(name), "truncated .ko.%s: \"%s\"", kinds[i].ext, kinds[i].truncated);
		if (seal_module_read(path, &img, why, sizeof(why)) < 0) {
			skip_one(name, "no compressed copy was made");
			continue;
		}
		err = seal_module_decompress(seal_module_compression(img.data, img.len), img.data,
					     img.len / 2, &out, &outlen, why, sizeof(why));
		tap_result(err == -EBADMSG && strcmp(why, kinds[i].truncated) == 0 && !out, name,
			   "expected -EBADMSG \"%s\" and no output, got %d \"%s\"", kinds[i].truncated,
			   err, why);
		free(out);
		expect_refused(img.data, img.len - 5, kinds[i].truncated,
			       "truncated compressed module: ELF check gives -ENOEXEC with the reason");

		c = img.data;
		c[img.len / 2] ^= 0x55;
		c[img.len / 2 + 1] ^= 0xaa;
		snprintf(name, sizeof(name), "corrupt .ko.%s refused", kinds[i].ext);
		err = seal_module_decompress(seal_module_compression(img.data, img.len), img.data,
					     img.len, &out, &outlen, why, sizeof(why));
		tap_result(err == -EBADMSG && (strstr(why, kinds[i].corrupt) == why ||
					       strstr(why, kinds[i].truncated) == why),
			   name, "expected -EBADMSG \"%s...\", got %d \"%s\"", kinds[i].corrupt, err, why);
		free(out);
		seal_module_image_free(&img);
	}
	expect_refused("\xfd" "7zXZ\0", 6, "truncated xz data", "xz magic alone: \"truncated xz data\"");
	expect_refused("\x28\xb5\x2f\xfd", 4, "truncated zstd data", "zstd magic alone is truncated");
	expect_refused("\x1f\x8b", 2, "truncated gzip data", "gzip magic alone is truncated");
}

static void test_files_and_names(void)
{
	struct seal_module_image img = { NULL, 0 };
	char why[256] = "", path[700];
	int err, fd;

	err = seal_module_read("/nonexistent/x.ko", &img, why, sizeof(why));
	is_int(-ENOENT, err, "missing module file is -ENOENT");
	is_str("cannot open: No such file or directory", why, "missing file: reason says why");
	err = seal_module_read(tmpdir, &img, why, sizeof(why));
	is_int(-EISDIR, err, "directory is -EISDIR");
	is_str("is a directory, not a module file", why, "directory: reason says so");
	err = seal_module_read("/dev/null", &img, why, sizeof(why));
	is_int(-EINVAL, err, "character device is -EINVAL");
	is_str("not a regular file", why, "character device: \"not a regular file\"");
	ok(img.data == NULL && img.len == 0, "failed reads leave the image empty");

	/* /proc files are regular with st_size 0: the read must go on to EOF regardless. */
	err = seal_module_read("/proc/version", &img, why, sizeof(why));
	if (err == -ENOENT) {
		skip_one("st_size 0 regular file read to EOF", "/proc not mounted");
	} else {
		struct stat st;

		is_int(0, err, "/proc/version (st_size 0) reads");
		ok(stat("/proc/version", &st) == 0 && st.st_size == 0 && img.len > 0,
		   "a regular file whose st_size says 0 is read to its real end");
		seal_module_image_free(&img);
	}

	snprintf(path, sizeof(path), "%s/empty.ko", tmpdir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0)
		close(fd);
	err = seal_module_read(path, &img, why, sizeof(why));
	is_int(0, err, "empty file reads");
	is_int(0, img.len, "empty file reads as 0 bytes");
	expect_refused(img.data, img.len, "empty file", "empty file: ELF check says \"empty file\"");
	seal_module_image_free(&img);
	ok(img.data == NULL, "image_free clears the pointer");

	ok(seal_is_module_name("/lib/modules/x/kernel/dummy.ko"), ".ko is a module name");
	ok(seal_is_module_name("dummy.ko.xz"), ".ko.xz is a module name");
	ok(seal_is_module_name("dummy.ko.zst"), ".ko.zst is a module name");
	ok(seal_is_module_name("dummy.ko.gz"), ".ko.gz is a module name");
	ok(!seal_is_module_name("dummy.ko.bz2"), ".ko.bz2 is not");
	ok(!seal_is_module_name("dummy.o"), ".o is not");
	ok(!seal_is_module_name("modules.dep"), "modules.dep is not");
	ok(!seal_is_module_name("dir/.ko"), "a bare \".ko\" is not");
	ok(!seal_is_module_name("x.ko/"), "a directory path ending in .ko/ is not");
	ok(seal_is_kernel_release("6.1.0-57-amd64"), "6.1.0-57-amd64 is a kernel release");
	ok(!seal_is_kernel_release(""), "an empty -k is not a kernel release");
	ok(!seal_is_kernel_release(NULL), "NULL is not a kernel release");
	ok(!seal_is_kernel_release("."), "\".\" is not a kernel release");
	ok(!seal_is_kernel_release(".."), "\"..\" is not a kernel release");
	ok(!seal_is_kernel_release("../../etc"), "a path with '/' is not a kernel release");
	ok(seal_is_kernel_release("..6"), "\"..6\" is one (no '/': stays under /lib/modules)");
	is_str("xz", seal_comp_name(SEAL_COMP_XZ), "xz name");
	is_str("zstd", seal_comp_name(SEAL_COMP_ZSTD), "zstd name");
	is_str("gzip", seal_comp_name(SEAL_COMP_GZIP), "gzip name");
	is_str("none", seal_comp_name(SEAL_COMP_NONE), "no compression name");
	is_int(SEAL_COMP_NONE, seal_module_compression("\x1f", 1), "one byte of gzip magic is not gzip");
	is_int(-EINVAL, seal_module_decompress(SEAL_COMP_NONE, "x", 1, (void **)&img.data, &img.len,
					       why, sizeof(why)),
	       "decompressing with no method is -EINVAL");
}

int main(void)
{
	const char *d61 = getenv("SEAL_TEST_MODDIR_6_1");
	const char *d612 = getenv("SEAL_TEST_MODDIR_6_12");
	char path[1024], cmd[128];
	struct seal_module_image dummy = { NULL, 0 };

	if (!mkdtemp(tmpdir))
		skip_all("mkdtemp failed: no writable /tmp");
	modinfo_tool = find_modinfo();
	if (!modinfo_tool)
		printf("# kmod's modinfo not found: name/vermagic comparisons SKIP\n");

	test_files_and_names();
	if (d61 && *d61) {
		char why[256];

		test_real_61(d61);
		snprintf(path, sizeof(path), "%s/kernel/drivers/net/dummy.ko", d61);
		test_made_here(path);
		test_damaged_compressed();
		if (seal_module_read(path, &dummy, why, sizeof(why)) == 0)
			test_damaged(&dummy);
		else
			tap_result(0, "read 6.1 dummy.ko for the damaged copies", "%s: %s", path, why);
		seal_module_image_free(&dummy);
	} else {
		skip_one("real 6.1 modules, compressed and damaged copies",
			 "SEAL_TEST_MODDIR_6_1 unset: Debian 6.1 image could not be fetched "
			 "(see tests/lib/testenv.sh)");
	}
	if (d612 && *d612)
		test_real_612(d612);
	else
		skip_one("real 6.12 .ko.xz modules",
			 "SEAL_TEST_MODDIR_6_12 unset: Debian 6.12 image could not be fetched");

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	return tap_done();
}
