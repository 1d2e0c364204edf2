// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of seal_loads_parse_line: the lines of /sys/kernel/seal/loads and refused, old and new. */
#include <errno.h>
#include <string.h>

#include "seal/seal.h"
#include "tap.h"

#define HEX "59e5c1a4f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbcc"

static int parse(const char *line, struct seal_load_record *rec, unsigned long long *overflow)
{
	return seal_loads_parse_line(line, strlen(line), rec, overflow);
}

static void bad(const char *name, const char *line)
{
	struct seal_load_record rec;
	unsigned long long of = 0;

	is_int(-EINVAL, parse(line, &rec, &of), name);
}

int main(void)
{
	struct seal_load_record rec;
	unsigned long long of = 0;
	unsigned char want[SEAL_SHA256_LEN];

	seal_hex_decode(HEX, 64, want, sizeof(want));

	is_int(1, parse("dummy sha256=" HEX " op=finit_module\n", &rec, &of), "an older seal.ko's line");
	is_str("dummy", rec.name, "older line: name");
	ok(memcmp(rec.sha256, want, sizeof(want)) == 0, "older line: digest");
	is_str("finit_module", rec.op, "older line: op");
	is_str("", rec.verdict, "older line: no verdict");
	is_str("", rec.init, "older line: no init");

	is_int(1, parse("algif_aead sha256=" HEX " op=init_module verdict=not-listed init=failed requested=algif-aead",
			&rec, &of), "a loads line with every field");
	is_str("algif_aead", rec.name, "loads line: name");
	is_str("init_module", rec.op, "loads line: op");
	is_str("not-listed", rec.verdict, "loads line: verdict");
	is_str("failed", rec.init, "loads line: init");
	is_str("algif-aead", rec.requested, "loads line: requested");
	ok(!rec.has_count, "loads line: no count");

	is_int(1, parse("esp4 sha256=" HEX " op=finit_module reason=not-listed count=17 requested=xfrm-type-2-50\n",
			&rec, &of), "a refused line");
	is_str("not-listed", rec.reason, "refused line: reason");
	ok(rec.has_count && rec.count == 17, "refused line: count");
	is_str("xfrm-type-2-50", rec.requested, "refused line: requested");

	is_int(1, parse("x\\x0aseal: sha256=" HEX " op=finit_module", &rec, &of), "an escaped name");
	is_str("x\\x0aseal:", rec.name, "an escaped name: kept escaped");

	is_int(1, parse("dummy sha256=" HEX " op=finit_module newkey=1 verdict=ok later=x", &rec, &of),
	       "keys it does not know: skipped");
	is_str("ok", rec.verdict, "keys it does not know: the known ones still read");

	is_int(0, parse("overflow=12\n", &rec, &of), "overflow line");
	ok(of == 12, "overflow line: the count");
	is_int(-EINVAL, parse("overflow=12", &rec, NULL), "overflow line where none may be");

	bad("empty", "");
	bad("a name alone", "dummy");
	bad("no sha256=", "dummy op=finit_module");
	bad("no op=", "dummy sha256=" HEX);
	bad("a short digest", "dummy sha256=59e5 op=finit_module");
	bad("a digest that is not hex", "dummy sha256=zz9e5c1a4f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbcc op=finit_module");
	bad("sha256 twice", "dummy sha256=" HEX " op=x sha256=" HEX);
	bad("a field without '='", "dummy sha256=" HEX " op=x verdict");
	bad("an empty key", "dummy sha256=" HEX " op=x =1");
	bad("an empty value", "dummy sha256=" HEX " op=x verdict=");
	bad("'=' in the name", "a=b sha256=" HEX " op=x");
	bad("two spaces", "dummy  sha256=" HEX " op=x");
	bad("a tab", "dummy\tsha256=" HEX " op=x");
	bad("a raw byte from 0x80", "caf\xc3\xa9 sha256=" HEX " op=x");
	bad("a count that is not a number", "dummy sha256=" HEX " op=x count=1e3");
	bad("an overflow that is not a number", "overflow=-1");
	bad("a newline inside", "dummy sha256=" HEX "\nop=x");
	return tap_done();
}
