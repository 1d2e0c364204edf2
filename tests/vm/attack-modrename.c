/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest attacker: writes a copy of a module under another name (its .gnu.linkonce.this_module name and modinfo name=). */

/*
 *   attack-modrename IN OUT NEWNAME
 *
 * NEWNAME must be as long as the old name, so .modinfo keeps its layout.
 * struct module starts with "enum module_state state; struct list_head
 * list; char name[]", so the name sits 24 bytes into .gnu.linkonce.this_module
 * on x86-64 in every kernel this project supports. Exit 0 on success, 1 with
 * a message otherwise.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THIS_MODULE_NAME_OFF 24

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) < 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0 ||
	    !(buf = malloc((size_t)n)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "attack-modrename: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

int main(int argc, char **argv)
{
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;
	const char *shstr;
	char *buf, *old = NULL, key[80];
	size_t len, i, newlen;
	int done_mod = 0, done_info = 0;
	FILE *out;

	if (argc != 4) {
		fprintf(stderr, "usage: attack-modrename IN OUT NEWNAME\n");
		return 1;
	}
	buf = slurp(argv[1], &len);
	eh = (const Elf64_Ehdr *)buf;
	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_shoff + (size_t)eh->e_shnum * sizeof(*sh) > len) {
		fprintf(stderr, "attack-modrename: %s: not a 64-bit ELF file\n", argv[1]);
		return 1;
	}
	sh = (const Elf64_Shdr *)(buf + eh->e_shoff);
	shstr = buf + sh[eh->e_shstrndx].sh_offset;
	newlen = strlen(argv[3]);
	for (i = 0; i < eh->e_shnum; i++) {
		const char *name = shstr + sh[i].sh_name;
		char *sec = buf + sh[i].sh_offset;

		if (strcmp(name, ".gnu.linkonce.this_module") == 0) {
			old = sec + THIS_MODULE_NAME_OFF;
			if (strlen(old) != newlen) {
				fprintf(stderr, "attack-modrename: old name '%s' and '%s' differ in length\n", old, argv[3]);
				return 1;
			}
			snprintf(key, sizeof(key), "name=%s", old);
			memcpy(old, argv[3], newlen);
			done_mod = 1;
		}
	}
	for (i = 0; done_mod && i < eh->e_shnum; i++) {
		char *sec = buf + sh[i].sh_offset, *p;

		if (strcmp(shstr + sh[i].sh_name, ".modinfo") != 0)
			continue;
		for (p = sec; p < sec + sh[i].sh_size; p += strlen(p) + 1) {
			if (strcmp(p, key) == 0) {
				memcpy(p + 5, argv[3], newlen);
				done_info = 1;
			}
		}
	}
	if (!done_mod) {
		fprintf(stderr, "attack-modrename: %s: no .gnu.linkonce.this_module\n", argv[1]);
		return 1;
	}
	out = fopen(argv[2], "wb");
	if (!out || fwrite(buf, 1, len, out) != len || fclose(out) != 0) {
		fprintf(stderr, "attack-modrename: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	printf("renamed: %s (modinfo name= %s)\n", argv[3], done_info ? "patched" : "absent");
	return 0;
}
