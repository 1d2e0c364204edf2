// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of seal.conf parsing: the joined parameters, and FILE:LINE for every kind of bad line. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "seal/seal.h"
#include "tap.h"

struct reports {
	char text[2048];
	size_t used;
	int n;
};

static void collect(void *ctx, const char *file, unsigned long line, const char *reason)
{
	struct reports *r = ctx;
	int n = snprintf(r->text + r->used, sizeof(r->text) - r->used, "%s:%lu: %s\n", file, line,
			 reason);

	if (n > 0 && (size_t)n < sizeof(r->text) - r->used)
		r->used += (size_t)n;
	r->n++;
}

/* parse LEN bytes of TEXT; returns the rc, fills *params (the joined string, or NULL) and the reports */
static int parse_len(const char *text, size_t len, char **params, struct reports *r)
{
	struct seal_conf *c = NULL;
	int rc;

	memset(r, 0, sizeof(*r));
	rc = seal_conf_parse("seal.conf", text, len, collect, r, &c);
	*params = c ? strdup(seal_conf_params(c)) : NULL;
	if (rc == 0 && !c)
		rc = -999;      /* success must come with a configuration */
	seal_conf_free(c);
	return rc;
}

static int parse(const char *text, char **params, struct reports *r)
{
	return parse_len(text, strlen(text), params, r);
}

static void good(const char *name, const char *text, const char *want)
{
	struct reports r;
	char *params = NULL;
	int rc = parse(text, &params, &r);

	is_int(0, rc, name);
	is_str(want, params, name);
	is_int(0, r.n, name);
	free(params);
}

/* bad NAME TEXT NEEDLE: refused with -EINVAL, no params, and a report containing NEEDLE */
static void bad(const char *name, const char *text, const char *needle)
{
	struct reports r;
	char *params = (char *)"unset";
	int rc = parse(text, &params, &r);

	is_int(-EINVAL, rc, name);
	ok(params == NULL, name);
	tap_result(strstr(r.text, needle) != NULL, name, "expected a report containing \"%s\", got \"%s\"",
		   needle, r.text);
}

/* checked NAME TEXT REASONS NEEDLE: parses, then seal_conf_check() refuses it (NEEDLE NULL: accepts) */
static void checked(const char *name, const char *text, const char *reasons, const char *needle)
{
	struct seal_conf *c = NULL;
	struct reports r = { 0 };
	int rc = seal_conf_parse("seal.conf", text, strlen(text), collect, &r, &c);

	is_int(0, rc, name);
	if (!c)
		return;
	rc = seal_conf_check(c, reasons, collect, &r);
	if (!needle) {
		tap_result(rc == 0 && r.n == 0, name, "expected no report, got %d: %s", rc, r.text);
	} else {
		ok(rc < 0, name);
		tap_result(strstr(r.text, needle) != NULL, name, "expected a report containing \"%s\", got \"%s\"",
			   needle, r.text);
	}
	seal_conf_free(c);
}

#define REASONS "module_signature dev_mem efi_test kexec hibernation pci_access ioport msr debugfs"

static void check_tests(void)
{
	char dir[] = "/tmp/test-conf.XXXXXX", text[512], prog[64];

	if (!mkdtemp(dir)) {
		tap_result(0, "mkdtemp", "mkdtemp failed");
		return;
	}
	snprintf(prog, sizeof(prog), "%s/prog", dir);
	fclose(fopen(prog, "w"));

	snprintf(text, sizeof(text), "insmod=%s\nmem_allow=%s\nlockdown_allow=pci_access:%s\n", prog, prog, prog);
	checked("programs that exist", text, REASONS, NULL);
	snprintf(text, sizeof(text), "insmod=%s,%s/none\n", prog, dir);
	checked("a missing program", text, REASONS, "seal.conf:1: insmod=");
	snprintf(text, sizeof(text), "mem_allow=%s\n", dir);
	checked("a directory", text, REASONS, "not a regular file");
	snprintf(text, sizeof(text), "lockdown_allow=msr:%s/none\n", dir);
	checked("a missing exempt program", text, REASONS, "No such file or directory");
	checked("lockdown: known reasons", "lockdown=hibernation,msr\n", REASONS, NULL);
	checked("lockdown: an unknown reason", "lockdown=hibernation,bogus\n", REASONS,
		"lockdown=: unknown reason 'bogus' (this seal.ko knows:");
	checked("lockdown: names unchecked without reasons", "lockdown=bogus\n", NULL, NULL);
	checked("exemption: unknown reason", "lockdown_allow=bogus_reason\n", REASONS,
		"lockdown_allow=: unknown reason 'bogus_reason'");
	checked("exemption: own rule", "lockdown_allow=kexec\n", REASONS,
		"lockdown_allow=kexec: lockdown=integrity does not refuse kexec");
	checked("exemption: own rule, no reasons", "lockdown_allow=dev_mem\n", NULL, "does not refuse dev_mem");
	checked("exemption: lockdown=none", "lockdown=none\nlockdown_allow=msr\n", REASONS,
		"seal.conf:2: lockdown_allow=msr: lockdown=none does not refuse msr");
	checked("exemption: not in the list", "lockdown=hibernation\nlockdown_allow=msr\n", REASONS,
		"lockdown=hibernation does not refuse msr");
	checked("exemption: in the list", "lockdown=hibernation,msr\nlockdown_allow=msr\n", REASONS, NULL);
	checked("exemption: integrity", "lockdown_allow=hibernation,debugfs\n", REASONS, NULL);
	remove(prog);
	rmdir(dir);
}

int main(void)
{
	good("empty file", "", "");
	good("comments and blanks only", "# nothing\n\n   \n\t# indented comment\n", "");
	good("one key", "sums=/lib/modules/sha256sums\n", "sums=/lib/modules/sha256sums");
	good("keys joined in file order", "sums=/l\n# c\ninsmod=/usr/sbin/seal-insmod\nno_remove=true\n",
	     "sums=/l insmod=/usr/sbin/seal-insmod no_remove=true");
	good("surrounding blanks, CRLF, no final newline", "  read=no \r\n\tkexec=yes",
	     "read=no kexec=yes");
	good("every key", "read=no\ninsmod=/a,/b\nmem_allow=/x\nno_remove=true\nsums=/s\nkexec=yes\n"
	     "lockdown=integrity\nlockdown_allow=hibernation,pci_access:/usr/bin/setpci\n",
	     "read=no insmod=/a,/b mem_allow=/x no_remove=true sums=/s kexec=yes lockdown=integrity "
	     "lockdown_allow=hibernation,pci_access:/usr/bin/setpci");

	good("learn= (the learning profile)", "sums=/s\nlearn=yes\n", "sums=/s learn=yes");
	bad("unknown key", "sums=/s\nfrobnicate=yes\n", "seal.conf:2: unknown key 'frobnicate'");
	bad("key spelled with '-'", "no-remove=true\n", "seal.conf:1: unknown key 'no-remove'");
	bad("no '='", "sums /lib/modules/sha256sums\n", "seal.conf:1: 'sums /lib/modules/sha256sums': not key=value");
	bad("empty value", "\nsums=\n", "seal.conf:2: sums= needs a value");
	bad("empty key", "=x\n", "seal.conf:1: spaces around '='");
	bad("spaces around '='", "sums = /s\n", "seal.conf:1: spaces around '='");
	bad("space in the value", "sums=/a b\n", "seal.conf:1: sums=: a space");
	bad("quote in the value", "insmod=\"/usr/sbin/x\"\n", "seal.conf:1: insmod=: a space, tab, quote");
	bad("byte from 0x80 in the value", "insmod=/usr/sbin/\xc3\xa9\n", "seal.conf:1: insmod=: a space, tab, quote, control character or byte from 0x80");

	/* Each row's rule (params.h), as seal.ko applies it. */
	bad("flag: a spelling of another flag", "no_remove=yes\n", "seal.conf:1: no_remove=yes: want false or true");
	bad("flag: not a spelling", "read=maybe\n", "seal.conf:1: read=maybe: want yes or no");
	bad("flag: upper case", "kexec=YES\n", "kexec=YES: want no or yes");
	bad("flag: sure", "kexec=sure\n", "kexec=sure: want no or yes");
	bad("flag: longer than seal.ko's buffer", "read=nononono\n", "read=: 8 bytes, longer than seal.ko takes (7)");
	bad("programs: relative", "insmod=sbin/x\n", "insmod=sbin/x: not an absolute path");
	bad("programs: empty item", "mem_allow=/a,,/b\n", "mem_allow=/a,,/b: an empty path in the list");
	bad("programs: trailing comma", "insmod=/a,\n", "an empty path in the list");
	bad("programs: nine", "insmod=/1,/2,/3,/4,/5,/6,/7,/8,/9\n", "insmod=: more than 8 paths");
	bad("file: relative", "sums=lib/modules/sha256sums\n", "sums=lib/modules/sha256sums: not an absolute path");
	bad("lockdown: own rule", "lockdown=hibernation,kexec\n", "lockdown=: kexec is decided by seal's own rules");
	bad("lockdown: twice", "lockdown=msr,hibernation,msr\n", "lockdown=: msr given twice");
	bad("lockdown: empty item", "lockdown=msr,\n", "an empty reason in the list");
	bad("lockdown: integrity in a list", "lockdown=integrity,msr\n", "integrity stands alone");
	bad("exemptions: no reason", "lockdown_allow=:/usr/bin/setpci\n", "an entry without a reason");
	bad("exemptions: relative path", "lockdown_allow=pci_access:usr/bin/setpci\n", "not an absolute path after 'pci_access:'");
	bad("exemptions: empty path", "lockdown_allow=pci_access:\n", "not an absolute path after 'pci_access:'");
	bad("exemptions: nine", "lockdown_allow=msr,msr,msr,msr,msr,msr,msr,msr,msr\n", "lockdown_allow=: more than 8 entries");
	good("flags: every spelling", "read=yes\nno_remove=false\nkexec=no\n", "read=yes no_remove=false kexec=no");
	good("lockdown: none", "lockdown=none\n", "lockdown=none");
	good("lockdown: a list", "lockdown=hibernation,msr\n", "lockdown=hibernation,msr");
	good("eight programs", "insmod=/1,/2,/3,/4,/5,/6,/7,/8\n", "insmod=/1,/2,/3,/4,/5,/6,/7,/8");
	bad("key given twice", "read=no\nsums=/s\nread=yes\n", "seal.conf:3: read given twice (first on line 1)");
	{
		static const char nul[] = "sums=/s\nre\0ad=no\n";
		struct reports r;
		char *params = NULL;
		int rc = parse_len(nul, sizeof(nul) - 1, &params, &r);

		is_int(-EINVAL, rc, "NUL byte");
		tap_result(strstr(r.text, "seal.conf:2: a NUL byte") != NULL, "NUL byte: reported",
			   "got \"%s\"", r.text);
	}
	{
		struct reports r;
		char *params = NULL;

		/* every bad line is reported, not only the first */
		is_int(-EINVAL, parse("a\nb=1\nsums=\n", &params, &r), "three bad lines: refused");
		is_int(3, r.n, "three bad lines: three reports");
	}
	{
		struct seal_conf *c = (struct seal_conf *)1;

		is_int(-ENOENT, seal_conf_load("/nonexistent/seal.conf", NULL, NULL, &c), "missing file: -ENOENT");
		ok(c == NULL, "missing file: no configuration");
	}
	check_tests();
	return tap_done();
}
