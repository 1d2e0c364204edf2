// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the module policy (/etc/seal/modules): names, "all", and FILE:LINE for every bad line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "seal/seal.h"
#include "tap.h"

static int parse_n(const char *text, size_t len, struct seal_modset **m, struct tap_reports *r)
{
	memset(r, 0, sizeof(*r));
	return seal_modset_parse("modules", text, len, tap_collect, r, m);
}

static int parse(const char *text, struct seal_modset **m, struct tap_reports *r)
{
	return parse_n(text, strlen(text), m, r);
}

/* good NAME TEXT WANT: accepted, the names in file order joined by ' ' (and "all@LINE" for all) */
static void good(const char *name, const char *text, const char *want)
{
	struct seal_modset *m = NULL;
	struct tap_reports r;
	char got[1024] = "";
	size_t used = 0;
	int rc = parse(text, &m, &r);

	is_int(0, rc, name);
	is_int(0, r.n, name);
	if (seal_modset_all(m))
		used += (size_t)snprintf(got + used, sizeof(got) - used, "all@%lu", seal_modset_all(m));
	for (size_t i = 0; i < seal_modset_count(m); i++) {
		const struct seal_modset_entry *e = seal_modset_entry_at(m, i);

		used += (size_t)snprintf(got + used, sizeof(got) - used, "%s%s@%lu", used ? " " : "",
					 e->name, e->line);
	}
	is_str(want, got, name);
	seal_modset_free(m);
}

/* bad NAME TEXT NEEDLE: refused with -EINVAL, no set, and a report containing NEEDLE */
static void bad(const char *name, const char *text, size_t len, const char *needle)
{
	struct seal_modset *m = (struct seal_modset *)1;
	struct tap_reports r;
	int rc = parse_n(text, len ? len : strlen(text), &m, &r);

	is_int(-EINVAL, rc, name);
	ok(m == NULL, name);
	tap_result(strstr(r.text, needle) != NULL, name, "expected a report containing \"%s\", got \"%s\"",
		   needle, r.text);
}

int main(void)
{
	good("one name", "e1000e\n", "e1000e@1");
	good("names in file order, comments, blanks, CRLF, no final newline",
	     "# NICs\n\ne1000e\n  virtio_net   # the VM's\r\n\tsnd-hda-intel", "e1000e@3 virtio_net@4 snd-hda-intel@5");
	good("upper case and digits (BusLogic, 8250_pci)", "BusLogic\n8250_pci\n", "BusLogic@1 8250_pci@2");
	good("all", "# every module\nall\n", "all@2");
	good("a name of 55 bytes", "a234567890123456789012345678901234567890123456789012345\n",
	     "a234567890123456789012345678901234567890123456789012345@1");

	bad("a path", "e1000e\n/lib/modules/6.1.0-57-amd64/kernel/net/dummy.ko\n", 0,
	    "modules:2: '/lib/modules/6.1.0-57-amd64/kernel/net/dummy.ko' is a path, not a module name: write the module's name ('dummy')");
	bad("a relative path", "net/dummy\n", 0, "modules:1: 'net/dummy' is a path, not a module name");
	bad("a file name", "dummy.ko.xz\n", 0, "modules:1: 'dummy.ko.xz' is a file name, not a module name: write 'dummy'");
	bad("a character no module name has", "snd.hda\n", 0,
	    "modules:1: 'snd.hda' is not a module name (letters, digits, '_' and '-' only)");
	bad("a shell glob", "snd*\n", 0, "modules:1: 'snd*' is not a module name");
	bad("two words", "e1000e igb\n", 0, "modules:1: more than one word: one module name per line");
	bad("a name of 56 bytes", "a2345678901234567890123456789012345678901234567890123456\n", 0,
	    "modules:1: 'a234567890123456789012345678901234567890123456789012345");
	bad("a name given twice", "e1000e\nigb\ne1000e\n", 0, "modules:3: 'e1000e' already named at line 1");
	bad("'-' and '_' are the same", "snd_hda_intel\nsnd-hda-intel\n", 0,
	    "modules:2: 'snd-hda-intel' already named at line 1 ('-' and '_' are the same in a module name)");
	bad("all beside names", "e1000e\nall\n", 0,
	    "modules:2: 'all' (every module) and module names (first 'e1000e' at line 1) exclude each other");
	bad("all twice", "all\nall\n", 0, "modules:2: 'all' again (first at line 1)");
	bad("a NUL byte: not a text file", "e1000e\nigb\n\177ELF\0\0\0", 18, "modules:3: a NUL byte: not a text file");
	bad("a UTF-8 name", "caf\xc3\xa9\n", 0, "modules:1: 'caf\xc3\xa9' is not a module name");
	{
		char *big = malloc(5000);

		memset(big, 'a', 4999);
		big[4999] = '\0';
		bad("a line longer than 4096 bytes", big, 0, "modules:1: line longer than 4096 bytes");
		free(big);
	}
	{
		struct seal_modset *m = NULL;
		struct tap_reports r;

		/* every bad line is reported, not only the first */
		is_int(-EINVAL, parse("a/b\nx y\nc.ko\nok\n", &m, &r), "three bad lines: refused");
		is_int(3, r.n, "three bad lines: three reports");
		is_int(-ENODATA, parse("# nothing yet\n\n", &m, &r), "only comments: -ENODATA");
		ok(m == NULL, "only comments: no set");
		is_int(-ENODATA, parse("", &m, &r), "empty: -ENODATA");
	}
	{
		struct seal_modset *m = NULL;
		struct tap_reports r;
		char *many = malloc(20000 * 12), name[16];
		size_t used = 0;

		/* lookups by kmod's rule, and a set far larger than the index starts with */
		for (int i = 0; i < 20000; i++)
			used += (size_t)sprintf(many + used, "mod-%d\n", i);
		is_int(0, parse(many, &m, &r), "20000 names: accepted");
		is_int(20000, seal_modset_count(m), "20000 names: counted");
		snprintf(name, sizeof(name), "mod_%d", 12345);
		ok(seal_modset_find(m, name) && seal_modset_find(m, name)->line == 12346,
		   "find: mod_12345 is mod-12345 of line 12346");
		ok(!seal_modset_find(m, "mod_20000"), "find: a name not in the set");
		seal_modset_free(m);
		memcpy(many + used, "mod_777\n", 9);
		is_int(-EINVAL, parse(many, &m, &r), "20001 names, the last a repeat: refused");
		tap_result(strstr(r.text, "modules:20001: 'mod_777' already named at line 778") != NULL,
			   "20001 names: the repeat named with its first line", "got \"%s\"", r.text);
		free(many);
	}
	ok(seal_module_name_equal("snd-hda", "snd_hda"), "name_equal: '-' is '_'");
	ok(!seal_module_name_equal("snd_hda", "snd_hd"), "name_equal: a prefix is another name");
	ok(!seal_module_name_equal("Dummy", "dummy"), "name_equal: case matters, as in kmod");
	ok(seal_module_name_valid("nf_conntrack-ftp"), "name_valid: letters, '_' and '-'");
	ok(!seal_module_name_valid(""), "name_valid: not empty");
	{
		struct seal_modset *m = (struct seal_modset *)1;
		char path[] = "/tmp/seal-test-modset.XXXXXX", link[sizeof(path) + 8];
		int fd = mkstemp(path);

		is_int(-ENOENT, seal_modset_load("/nonexistent/modules", NULL, NULL, &m), "missing file: -ENOENT");
		ok(m == NULL, "missing file: no set");
		snprintf(link, sizeof(link), "%s-link", path);
		ok(symlink("/nonexistent/modules", link) == 0, "a dangling link: made");
		is_int(-ENOLINK, seal_modset_load(link, NULL, NULL, &m),
		       "a dangling link: -ENOLINK, not the missing file's -ENOENT");
		ok(m == NULL, "a dangling link: no set");
		unlink(link);
		ok(fd >= 0 && write(fd, "dummy\n", 6) == 6, "a file: written");
		is_int(0, seal_modset_load(path, NULL, NULL, &m), "a file: loaded");
		is_int(1, seal_modset_count(m), "a file: one name");
		seal_modset_free(m);
		close(fd);
		unlink(path);
	}
	return tap_done();
}
