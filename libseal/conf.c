// SPDX-License-Identifier: LGPL-2.1-or-later
/* seal.conf: seal.ko's parameters, one "key=value" per line, checked strictly and joined for the loader. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <seal/seal.h>

#include "internal.h"

static const char *const conf_keys[] = { SEAL_PARAM_NAMES };
#define CONF_NKEYS (sizeof(conf_keys) / sizeof(conf_keys[0]))

static int conf_key_index(const char *key, size_t len)
{
	for (size_t i = 0; i < CONF_NKEYS; i++)
		if (strlen(conf_keys[i]) == len && memcmp(conf_keys[i], key, len) == 0)
			return (int)i;
	return -1;
}

static void conf_report(seal_sums_report_fn report, void *ctx, const char *name,
			unsigned long line, const char *reason)
{
	if (report)
		report(ctx, name, line, reason);
	else
		fprintf(stderr, "%s:%lu: %s\n", name, line, reason);
}

static bool conf_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* seal.ko splits its parameter string at spaces and takes quotes: values must have neither. */
static bool conf_value_ok(const char *val, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (conf_blank(val[i]) || val[i] == '"' || (unsigned char)val[i] < 0x20 || val[i] == 0x7f)
			return false;
	return true;
}

int seal_conf_parse(const char *name, const char *buf, size_t len, seal_sums_report_fn report,
		    void *ctx, char **params)
{
	unsigned long key_line[CONF_NKEYS] = { 0 };
	unsigned long lineno = 0;
	size_t off = 0, used = 0;
	char *out, why[160];
	int bad = 0;

	*params = NULL;
	/* The joined string is never longer than the file plus a NUL. */
	out = malloc(len + 1);
	if (!out)
		return -ENOMEM;
	out[0] = '\0';
	while (off < len) {
		const char *line = buf + off, *eol = memchr(line, '\n', len - off);
		size_t n = eol ? (size_t)(eol - line) : len - off;
		const char *eq, *val, *end;
		size_t klen, vlen;
		int k;

		off += n + (eol ? 1 : 0);
		lineno++;
		if (n && line[n - 1] == '\r')
			n--;
		if (memchr(line, '\0', n)) {
			conf_report(report, ctx, name, lineno, "a NUL byte in the line");
			bad = 1;
			continue;
		}
		while (n && conf_blank(*line)) {
			line++;
			n--;
		}
		while (n && conf_blank(line[n - 1]))
			n--;
		if (n == 0 || line[0] == '#')
			continue;
		end = line + n;
		eq = memchr(line, '=', n);
		if (!eq) {
			snprintf(why, sizeof(why), "'%.*s': not key=value", (int)(n > 60 ? 60 : n), line);
			conf_report(report, ctx, name, lineno, why);
			bad = 1;
			continue;
		}
		klen = (size_t)(eq - line);
		val = eq + 1;
		vlen = (size_t)(end - val);
		if (klen == 0 || conf_blank(line[klen - 1]) || (vlen && conf_blank(*val))) {
			conf_report(report, ctx, name, lineno, "spaces around '=' (write key=value)");
			bad = 1;
			continue;
		}
		k = conf_key_index(line, klen);
		if (k < 0) {
			snprintf(why, sizeof(why),
				 "unknown key '%.*s' (known: read insmod mem_allow no_remove sums kexec lockdown lockdown_allow learn)",
				 (int)(klen > 40 ? 40 : klen), line);
			conf_report(report, ctx, name, lineno, why);
			bad = 1;
			continue;
		}
		if (vlen == 0) {
			snprintf(why, sizeof(why), "%s= needs a value", conf_keys[k]);
			conf_report(report, ctx, name, lineno, why);
			bad = 1;
			continue;
		}
		if (!conf_value_ok(val, vlen)) {
			snprintf(why, sizeof(why),
				 "%s=: a space, tab, quote or control character in the value (seal.ko's parameters are separated by spaces)",
				 conf_keys[k]);
			conf_report(report, ctx, name, lineno, why);
			bad = 1;
			continue;
		}
		if (key_line[k]) {
			snprintf(why, sizeof(why), "%s given twice (first on line %lu)", conf_keys[k],
				 key_line[k]);
			conf_report(report, ctx, name, lineno, why);
			bad = 1;
			continue;
		}
		key_line[k] = lineno;
		if (used)
			out[used++] = ' ';
		memcpy(out + used, line, n);
		used += n;
		out[used] = '\0';
	}
	if (bad) {
		free(out);
		return -EINVAL;
	}
	*params = out;
	return 0;
}

int seal_conf_load(const char *path, seal_sums_report_fn report, void *ctx, char **params)
{
	void *buf = NULL;
	size_t len = 0;
	int r;

	*params = NULL;
	r = read_path_whole(path, SEAL_CONF_MAX_BYTES, &buf, &len);
	if (r < 0)
		return r;
	r = seal_conf_parse(path, buf, len, report, ctx, params);
	free(buf);
	return r;
}
