// SPDX-License-Identifier: LGPL-2.1-or-later
/* seal.conf: seal.ko's parameters, one "key=value" per line, checked by params.h's rules and joined for the loader. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <seal/seal.h>

#include "internal.h"

struct seal_conf {
	char *params;                           /* "key=value key=value", file order */
	char *name;
	char *value[SEAL_P_COUNT];              /* NULL: not given */
	unsigned long line[SEAL_P_COUNT];
};

void seal_conf_free(struct seal_conf *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < SEAL_P_COUNT; i++)
		free(c->value[i]);
	free(c->params);
	free(c->name);
	free(c);
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

/* The known keys, for the unknown-key message: "read insmod ...", from the table. */
static const char *conf_known_keys(void)
{
	static const char known[] = ""
#define CONF_KEY(ID, name, ...) " " #name
		SEAL_PARAMS(CONF_KEY)
#undef CONF_KEY
		;

	return known + 1;
}

int seal_conf_parse(const char *name, const char *buf, size_t len, seal_sums_report_fn report,
		    void *ctx, struct seal_conf **out)
{
	struct seal_conf *c = calloc(1, sizeof(*c));
	unsigned long lineno = 0;
	size_t off = 0, used = 0;
	char why[600];
	int bad = 0;

	*out = NULL;
	if (!c)
		return -ENOMEM;
	/* The joined string is never longer than the file plus a NUL. */
	c->params = malloc(len + 1);
	c->name = strdup(name);
	if (!c->params || !c->name) {
		seal_conf_free(c);
		return -ENOMEM;
	}
	c->params[0] = '\0';
	while (off < len) {
		const char *line = buf + off, *eol = memchr(line, '\n', len - off);
		size_t n = eol ? (size_t)(eol - line) : len - off;
		const struct seal_param *p;
		const char *eq, *val, *end;
		size_t klen, vlen;
		char *v;

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
		p = seal_param_by_name(line, klen);
		if (!p) {
			snprintf(why, sizeof(why), "unknown key '%.*s' (known: %s)",
				 (int)(klen > 40 ? 40 : klen), line, conf_known_keys());
			conf_report(report, ctx, name, lineno, why);
			bad = 1;
			continue;
		}
		if (c->line[p->id]) {
			snprintf(why, sizeof(why), "%s given twice (first on line %lu)", p->name,
				 c->line[p->id]);
			conf_report(report, ctx, name, lineno, why);
			bad = 1;
			continue;
		}
		/* the file's bytes are not NUL-terminated: a copy of exactly vlen bytes, not strndup */
		v = malloc(vlen + 1);
		if (v) {
			memcpy(v, val, vlen);
			v[vlen] = '\0';
		}
		if (!v) {
			seal_conf_free(c);
			return -ENOMEM;
		}
		/* seal.ko's rule for the value, from the table: what it would refuse is refused here. */
		if (param_check_value(p, v, why, sizeof(why)) < 0) {
			conf_report(report, ctx, name, lineno, why);
			free(v);
			bad = 1;
			continue;
		}
		c->value[p->id] = v;
		c->line[p->id] = lineno;
		if (used)
			c->params[used++] = ' ';
		memcpy(c->params + used, line, n);
		used += n;
		c->params[used] = '\0';
	}
	if (bad) {
		seal_conf_free(c);
		return -EINVAL;
	}
	*out = c;
	return 0;
}

int seal_conf_load(const char *path, seal_sums_report_fn report, void *ctx, struct seal_conf **out)
{
	void *buf = NULL;
	size_t len = 0;
	int r;

	*out = NULL;
	r = read_path_whole(path, SEAL_CONF_MAX_BYTES, &buf, &len);
	if (r < 0)
		return r;
	r = seal_conf_parse(path, buf, len, report, ctx, out);
	free(buf);
	return r;
}

const char *seal_conf_params(const struct seal_conf *c)
{
	return c->params;
}

const char *seal_conf_value(const struct seal_conf *c, enum seal_param_id id, unsigned long *line)
{
	if ((unsigned int)id >= SEAL_P_COUNT)
		return NULL;
	if (line)
		*line = c->line[id];
	return c->value[id];
}

/* ---- What the system and the seal.ko must say yes to ------------------------ */

struct conf_check {
	const struct seal_conf *c;
	const char *reasons;
	seal_sums_report_fn report;
	void *ctx;
	int err;
};

static void check_fail(struct conf_check *k, enum seal_param_id id, const char *why, int err)
{
	conf_report(k->report, k->ctx, k->c->name, k->c->line[id], why);
	if (k->err == 0 || k->err == -EINVAL)
		k->err = err;
}

/* Is reason (len bytes) one lockdown= refuses, as seal.ko computes it? */
static bool lockdown_refuses(const struct conf_check *k, const char *reason, size_t len)
{
	const char *ld = k->c->value[SEAL_P_LOCKDOWN], *cur, *item;
	size_t ilen;

	if (!ld || strcmp(ld, SEAL_LOCKDOWN_INTEGRITY) == 0)
		return !lockdown_is_own_rule(reason, len) && (!k->reasons || word_in(k->reasons, reason, len));
	if (strcmp(ld, SEAL_LOCKDOWN_NONE) == 0)
		return false;
	for (cur = ld; list_next(&cur, &item, &ilen);)
		if (ilen == len && memcmp(item, reason, len) == 0)
			return true;
	return false;
}

static void check_one(struct conf_check *k, const struct seal_param *p)
{
	const char *v = k->c->value[p->id], *cur = v, *item;
	char why[600];
	size_t len;
	int r;

	switch (p->kind) {
	case SEAL_PARAM_PROGRAMS:
		while (list_next(&cur, &item, &len)) {
			r = param_check_program(p->name, item, len, why, sizeof(why));
			if (r < 0)
				check_fail(k, p->id, why, r);
		}
		break;
	case SEAL_PARAM_LOCKDOWN:
		if (!k->reasons || strcmp(v, SEAL_LOCKDOWN_INTEGRITY) == 0 || strcmp(v, SEAL_LOCKDOWN_NONE) == 0)
			break;
		while (list_next(&cur, &item, &len)) {
			if (word_in(k->reasons, item, len))
				continue;
			snprintf(why, sizeof(why),
				 "%s=: unknown reason '%.*s' (this seal.ko knows: %s)", p->name,
				 (int)len, item, k->reasons);
			check_fail(k, p->id, why, -EINVAL);
		}
		break;
	case SEAL_PARAM_EXEMPTIONS:
		while (list_next(&cur, &item, &len)) {
			const char *colon = memchr(item, ':', len);
			size_t rlen = colon ? (size_t)(colon - item) : len;

			if (k->reasons && !word_in(k->reasons, item, rlen) && !lockdown_is_own_rule(item, rlen)) {
				snprintf(why, sizeof(why), "%s=: unknown reason '%.*s' (this seal.ko knows: %s)",
					 p->name, (int)rlen, item, k->reasons);
				check_fail(k, p->id, why, -EINVAL);
				continue;
			}
			if (!lockdown_refuses(k, item, rlen)) {
				snprintf(why, sizeof(why),
					 "%s=%.*s: lockdown=%s does not refuse %.*s, there is nothing to allow",
					 p->name, (int)rlen, item,
					 k->c->value[SEAL_P_LOCKDOWN] ? k->c->value[SEAL_P_LOCKDOWN] : SEAL_LOCKDOWN_INTEGRITY,
					 (int)rlen, item);
				check_fail(k, p->id, why, -EINVAL);
				continue;
			}
			if (colon) {
				r = param_check_program(p->name, colon + 1, len - rlen - 1, why, sizeof(why));
				if (r < 0)
					check_fail(k, p->id, why, r);
			}
		}
		break;
	case SEAL_PARAM_FLAG:
	case SEAL_PARAM_FILE:
		break;  /* the flag's spelling was checked by the parser; the list is the caller's to read */
	}
}

int seal_conf_check(const struct seal_conf *c, const char *reasons, seal_sums_report_fn report,
		    void *ctx)
{
	struct conf_check k = { c, reasons, report, ctx, 0 };

	for (unsigned int i = 0; i < SEAL_P_COUNT; i++)
		if (c->value[i])
			check_one(&k, seal_param_at(i));
	return k.err;
}
