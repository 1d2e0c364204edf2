// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-verify's output: one grep-able line per finding, a JSON document, or syslog. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "log.h"
#include "shared/array.h"
#include "verify.h"

struct verify_item {
	char *section;                  /* "finding", "error", or a fact section */
	char *kind;
	char *subject;
	struct verify_kv *kv;           /* owned copies */
	size_t n;
};

struct verify_report {
	unsigned int flags;
	struct verify_item *items;
	size_t nitems, cap;
	size_t findings, errors;
	bool oom;
};

int verify_report_new(unsigned int flags, struct verify_report **out)
{
	struct verify_report *r = calloc(1, sizeof(*r));

	if (!r)
		return -ENOMEM;
	r->flags = flags;
	if (flags & VERIFY_OUT_SYSLOG)
		openlog("seal-verify", LOG_PID, LOG_AUTHPRIV);
	*out = r;
	return 0;
}

static void item_free(struct verify_item *it)
{
	size_t i;

	for (i = 0; i < it->n; i++) {
		free((char *)it->kv[i].key);
		free((char *)it->kv[i].value);
	}
	free(it->kv);
	free(it->section);
	free(it->kind);
	free(it->subject);
}

void verify_report_free(struct verify_report *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nitems; i++)
		item_free(&r->items[i]);
	free(r->items);
	if (r->flags & VERIFY_OUT_SYSLOG)
		closelog();
	free(r);
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

/* Keep a copy; on ENOMEM the item is dropped and the run ends with exit 2. */
static void add_item(struct verify_report *r, const char *section, const char *kind,
		     const char *subject, const struct verify_kv *kv, size_t n)
{
	struct verify_item *it;
	size_t i;

	if (r->nitems == r->cap) {
		struct verify_item *p = array_grow(r->items, &r->cap, sizeof(*p), 32);

		if (!p) {
			r->oom = true;
			return;
		}
		r->items = p;
	}
	it = &r->items[r->nitems];
	memset(it, 0, sizeof(*it));
	it->section = dup_or_empty(section);
	it->kind = dup_or_empty(kind);
	it->subject = dup_or_empty(subject);
	it->kv = calloc(n ? n : 1, sizeof(*it->kv));
	if (!it->section || !it->kind || !it->subject || !it->kv) {
		item_free(it);
		r->oom = true;
		return;
	}
	for (i = 0; i < n; i++) {
		it->kv[i].key = dup_or_empty(kv[i].key);
		it->kv[i].value = dup_or_empty(kv[i].value);
		it->n = i + 1;
		if (!it->kv[i].key || !it->kv[i].value) {
			item_free(it);
			r->oom = true;
			return;
		}
	}
	r->nitems++;
}

/* Human lines stay one line: backslash, control bytes and spaces in values are escaped. */
static void put_escaped(FILE *f, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '\\')
			fputs("\\\\", f);
		else if (*p <= ' ' || *p == 0x7f)
			fprintf(f, "\\x%02x", *p);
		else
			fputc(*p, f);
	}
}

static void put_json_string(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			/*
			 * Bytes >= 0x80 that are not UTF-8 would make the document
			 * invalid; paths are bytes, so escape them as U+00XX.
			 */
			if (*p < 0x20 || *p >= 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

void verify_report_finding(struct verify_report *r, const char *kind, const char *subject,
			   const struct verify_kv *kv, size_t n)
{
	size_t i;

	r->findings++;
	add_item(r, "finding", kind, subject, kv, n);
	if (!(r->flags & (VERIFY_OUT_JSON | VERIFY_OUT_QUIET))) {
		printf("%s: %s ", program_invocation_short_name, kind);
		put_escaped(stdout, subject);
		for (i = 0; i < n; i++) {
			printf(" %s=", kv[i].key);
			put_escaped(stdout, kv[i].value);
		}
		putchar('\n');
		fflush(stdout);
	}
	if (r->flags & VERIFY_OUT_SYSLOG) {
		char line[1024];
		size_t off;

		off = (size_t)snprintf(line, sizeof(line), "%s %s", kind, subject);
		for (i = 0; i < n && off < sizeof(line); i++)
			off += (size_t)snprintf(line + off, sizeof(line) - off, " %s=%s",
						kv[i].key, kv[i].value);
		syslog(LOG_WARNING, "%s", line);
	}
}

void verify_report_error(struct verify_report *r, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->errors++;
	ERR("%s\n", msg);
	if (r->flags & VERIFY_OUT_SYSLOG)
		syslog(LOG_ERR, "could not check: %s", msg);
	add_item(r, "error", "", msg, NULL, 0);
}

void verify_report_fact(struct verify_report *r, const char *section, const char *key,
			const char *value)
{
	const struct verify_kv kv = { key, value };

	add_item(r, section, "", "", &kv, 1);
}

size_t verify_report_findings(const struct verify_report *r)
{
	return r->findings;
}

size_t verify_report_errors(const struct verify_report *r)
{
	return r->errors + (r->oom ? 1 : 0);
}

/* numbers: the values are decimal counts made by us, printed as JSON numbers. */
static void json_section_object(struct verify_report *r, const char *section, bool numbers)
{
	bool first = true;
	size_t i;

	put_json_string(stdout, section);
	fputs(":{", stdout);
	for (i = 0; i < r->nitems; i++) {
		struct verify_item *it = &r->items[i];

		if (strcmp(it->section, section) != 0 || it->n != 1)
			continue;
		if (!first)
			putchar(',');
		first = false;
		put_json_string(stdout, it->kv[0].key);
		putchar(':');
		if (numbers)
			fputs(it->kv[0].value, stdout);
		else
			put_json_string(stdout, it->kv[0].value);
	}
	putchar('}');
}

static void json_document(struct verify_report *r, int exit_code)
{
	bool first;
	size_t i, k;

	printf("{\"program\":\"seal-verify\",\"exit\":%d,", exit_code);
	json_section_object(r, "run", false);
	putchar(',');
	json_section_object(r, "counts", true);
	putchar(',');
	json_section_object(r, "seal", false);
	fputs(",\"findings\":[", stdout);
	first = true;
	for (i = 0; i < r->nitems; i++) {
		struct verify_item *it = &r->items[i];

		if (strcmp(it->section, "finding") != 0)
			continue;
		fputs(first ? "\n" : ",\n", stdout);
		first = false;
		fputs("{\"kind\":", stdout);
		put_json_string(stdout, it->kind);
		fputs(",\"subject\":", stdout);
		put_json_string(stdout, it->subject);
		for (k = 0; k < it->n; k++) {
			putchar(',');
			put_json_string(stdout, it->kv[k].key);
			putchar(':');
			put_json_string(stdout, it->kv[k].value);
		}
		putchar('}');
	}
	fputs("],\"errors\":[", stdout);
	first = true;
	for (i = 0; i < r->nitems; i++) {
		if (strcmp(r->items[i].section, "error") != 0)
			continue;
		if (!first)
			putchar(',');
		first = false;
		put_json_string(stdout, r->items[i].subject);
	}
	fputs("]}\n", stdout);
}

void verify_report_finish(struct verify_report *r, int exit_code)
{
	char line[512];
	size_t i, off;

	off = (size_t)snprintf(line, sizeof(line), "summary findings=%zu errors=%zu",
			       r->findings, verify_report_errors(r));
	for (i = 0; i < r->nitems && off < sizeof(line); i++)
		if (strcmp(r->items[i].section, "counts") == 0)
			off += (size_t)snprintf(line + off, sizeof(line) - off, " %s=%s",
						r->items[i].kv[0].key, r->items[i].kv[0].value);
	if (off < sizeof(line))
		snprintf(line + off, sizeof(line) - off, " exit=%d", exit_code);

	if (r->flags & VERIFY_OUT_JSON)
		json_document(r, exit_code);
	else if (!(r->flags & VERIFY_OUT_QUIET))
		printf("%s: %s\n", program_invocation_short_name, line);
	if (r->flags & VERIFY_OUT_SYSLOG)
		syslog(exit_code ? LOG_WARNING : LOG_INFO, "%s", line);
	fflush(stdout);
}
