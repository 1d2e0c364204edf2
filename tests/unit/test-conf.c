// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of seal.conf parsing: the joined parameters, and FILE:LINE for every kind of bad line. */
#include <errno.h>
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

/* parse TEXT; returns the rc, fills *params and the reports */
static int parse(const char *text, char **params, struct reports *r)
{
	memset(r, 0, sizeof(*r));
	return seal_conf_parse("seal.conf", text, strlen(text), collect, r, params);
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
	bad("key given twice", "read=no\nsums=/s\nread=yes\n", "seal.conf:3: read given twice (first on line 1)");
	{
		static const char nul[] = "sums=/s\nre\0ad=no\n";
		struct reports r = { 0 };
		char *params = NULL;
		int rc = seal_conf_parse("seal.conf", nul, sizeof(nul) - 1, collect, &r, &params);

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
		char *params = (char *)"unset";

		is_int(-ENOENT, seal_conf_load("/nonexistent/seal.conf", NULL, NULL, &params), "missing file: -ENOENT");
		ok(params == NULL, "missing file: no params");
	}
	return tap_done();
}
