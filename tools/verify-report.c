// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-verify's output: one grep-able line per finding, a JSON document, the system log, a metrics file. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <seal/escape.h>

#include "log.h"
#include "shared/array.h"
#include "verify.h"

/*
 * Every name that comes from the system (a path, a module name, a list line)
 * is escaped once, when the finding is kept, by libseal's seal_escape() (the
 * rule seal.ko's log lines use): the text line, the JSON document, syslog,
 * journald and the metrics all print that one escaped form. Error messages
 * are sentences: they keep their spaces and escape every other byte the rule
 * escapes.
 */

/* journald's native protocol: one datagram of KEY=value lines (systemd's journal-native(7)). */
#define JOURNAL_SOCKET "/run/systemd/journal/socket"

struct verify_item {
	char *section;                  /* "finding", "error", or a fact section */
	char *kind;
	char *subject;
	struct verify_kv *kv;           /* owned copies */
	size_t n;
};

struct verify_report {
	unsigned int flags;
	int journal;                    /* --syslog with journald running: its socket, else -1 */
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
	r->journal = -1;
	if (flags & VERIFY_OUT_SYSLOG) {
		struct sockaddr_un sa = { .sun_family = AF_UNIX, .sun_path = JOURNAL_SOCKET };

		/* journald when it runs (structured fields); syslog(3) otherwise */
		r->journal = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (r->journal >= 0 && connect(r->journal, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
			close(r->journal);
			r->journal = -1;
		}
		if (r->journal < 0)
			openlog("seal-verify", LOG_PID, LOG_AUTHPRIV);
	}
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
	if (r->journal >= 0)
		close(r->journal);
	else if (r->flags & VERIFY_OUT_SYSLOG)
		closelog();
	free(r);
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

/* A name from the system, escaped by seal_escape() into a new string. */
static char *escape_dup(const char *s)
{
	size_t n = seal_escape(NULL, 0, s ? s : "") + 1;
	char *e = malloc(n);

	if (e)
		seal_escape(e, n, s ? s : "");
	return e;
}

/*
 * Keep a copy; on ENOMEM the item is dropped and the run ends with exit 2.
 * escape: a finding, whose subject and values are names from the system.
 */
static struct verify_item *add_item(struct verify_report *r, const char *section, const char *kind,
				    const char *subject, const struct verify_kv *kv, size_t n,
				    bool escape)
{
	char *(*copy)(const char *) = escape ? escape_dup : dup_or_empty;
	struct verify_item *it;
	size_t i;

	if (r->nitems == r->cap) {
		struct verify_item *p = array_grow(r->items, &r->cap, sizeof(*p), 32);

		if (!p) {
			r->oom = true;
			return NULL;
		}
		r->items = p;
	}
	it = &r->items[r->nitems];
	memset(it, 0, sizeof(*it));
	it->section = dup_or_empty(section);
	it->kind = dup_or_empty(kind);
	it->subject = copy(subject);
	it->kv = calloc(n ? n : 1, sizeof(*it->kv));
	if (!it->section || !it->kind || !it->subject || !it->kv) {
		item_free(it);
		r->oom = true;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		it->kv[i].key = dup_or_empty(kv[i].key);
		it->kv[i].value = copy(kv[i].value);
		it->n = i + 1;
		if (!it->kv[i].key || !it->kv[i].value) {
			item_free(it);
			r->oom = true;
			return NULL;
		}
	}
	return &r->items[r->nitems++];
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

/* KEY for a journal field: upper case, '_' for anything else (journal-native(7)). */
static void journal_key(char *out, size_t size, const char *prefix, const char *key)
{
	size_t o = (size_t)snprintf(out, size, "%s", prefix);

	for (; *key && o + 1 < size; key++, o++)
		out[o] = (*key >= 'a' && *key <= 'z') ? (char)(*key - 'a' + 'A') :
			 ((*key >= 'A' && *key <= 'Z') || (*key >= '0' && *key <= '9')) ? *key : '_';
	out[o] = '\0';
}

/* Append "KEY=value\n" to a journal entry; values here never hold a newline. */
static void journal_field(char *buf, size_t size, size_t *off, const char *key, const char *value)
{
	if (*off < size)
		*off += (size_t)snprintf(buf + *off, size - *off, "%s=%s\n", key, value);
}

/* One journal entry: MESSAGE (as syslog would show it), PRIORITY, and the SEAL_* fields. */
static void journal_send(struct verify_report *r, int priority, const char *message, const char *fields)
{
	char buf[8192], prio[4];
	size_t off = 0;

	snprintf(prio, sizeof(prio), "%d", priority);
	journal_field(buf, sizeof(buf), &off, "MESSAGE", message);
	journal_field(buf, sizeof(buf), &off, "PRIORITY", prio);
	journal_field(buf, sizeof(buf), &off, "SYSLOG_IDENTIFIER", "seal-verify");
	journal_field(buf, sizeof(buf), &off, "SYSLOG_FACILITY", "10");     /* authpriv, as syslog(3) here */
	if (off < sizeof(buf))
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s", fields);
	if (off >= sizeof(buf) || send(r->journal, buf, off, MSG_NOSIGNAL) < 0) {
		/* too long, or journald went away: the plain message still reaches the log */
		openlog("seal-verify", LOG_PID, LOG_AUTHPRIV);
		syslog(priority, "%s", message);
		closelog();
	}
}

void verify_report_finding(struct verify_report *r, const char *kind, const char *subject,
			   const struct verify_kv *kv, size_t n)
{
	const struct verify_item *it;
	char line[2048], fields[4096], key[64];
	size_t i, off, foff = 0;

	r->findings++;
	it = add_item(r, "finding", kind, subject, kv, n, true);
	if (!it)
		return;         /* out of memory: counted as an error, the run exits 2 */
	off = (size_t)snprintf(line, sizeof(line), "%s %s", it->kind, it->subject);
	for (i = 0; i < it->n && off < sizeof(line); i++)
		off += (size_t)snprintf(line + off, sizeof(line) - off, " %s=%s",
					it->kv[i].key, it->kv[i].value);
	if (!(r->flags & (VERIFY_OUT_JSON | VERIFY_OUT_QUIET))) {
		printf("%s: %s\n", program_invocation_short_name, line);
		fflush(stdout);
	}
	if (r->journal >= 0) {
		journal_field(fields, sizeof(fields), &foff, "SEAL_FINDING", it->kind);
		journal_field(fields, sizeof(fields), &foff, "SEAL_SUBJECT", it->subject);
		for (i = 0; i < it->n; i++) {
			journal_key(key, sizeof(key), "SEAL_", it->kv[i].key);
			journal_field(fields, sizeof(fields), &foff, key, it->kv[i].value);
		}
		journal_send(r, LOG_WARNING, line, foff < sizeof(fields) ? fields : "");
	} else if (r->flags & VERIFY_OUT_SYSLOG) {
		syslog(LOG_WARNING, "%s", line);
	}
}

void verify_report_note(struct verify_report *r, const char *fmt, ...)
{
	char raw[1024], msg[1024];
	va_list ap;

	if (r->flags & (VERIFY_OUT_JSON | VERIFY_OUT_QUIET))
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	seal_escape_message(msg, sizeof(msg), raw);
	printf("%s: note: %s\n", program_invocation_short_name, msg);
	fflush(stdout);
}

void verify_report_error(struct verify_report *r, const char *fmt, ...)
{
	char raw[1024], msg[1024], line[1100], fields[1100];
	size_t foff = 0;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	/* stderr: ERR escapes the raw message itself; the other outputs take msg, escaped here once */
	seal_escape_message(msg, sizeof(msg), raw);
	r->errors++;
	ERR("%s\n", raw);
	snprintf(line, sizeof(line), "could not check: %s", msg);
	if (r->journal >= 0) {
		journal_field(fields, sizeof(fields), &foff, "SEAL_ERROR", msg);
		journal_send(r, LOG_ERR, line, foff < sizeof(fields) ? fields : "");
	} else if (r->flags & VERIFY_OUT_SYSLOG) {
		syslog(LOG_ERR, "%s", line);
	}
	add_item(r, "error", "", msg, NULL, 0, false);
}

void verify_report_fact(struct verify_report *r, const char *section, const char *key,
			const char *value)
{
	const struct verify_kv kv = { key, value };

	add_item(r, section, "", "", &kv, 1, false);
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
	char line[512], fields[1024], key[64];
	size_t i, off, foff = 0;

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
	if (r->journal >= 0) {
		char num[32];

		snprintf(num, sizeof(num), "%d", exit_code);
		journal_field(fields, sizeof(fields), &foff, "SEAL_EXIT", num);
		snprintf(num, sizeof(num), "%zu", r->findings);
		journal_field(fields, sizeof(fields), &foff, "SEAL_FINDINGS", num);
		snprintf(num, sizeof(num), "%zu", verify_report_errors(r));
		journal_field(fields, sizeof(fields), &foff, "SEAL_ERRORS", num);
		for (i = 0; i < r->nitems; i++)
			if (strcmp(r->items[i].section, "counts") == 0) {
				journal_key(key, sizeof(key), "SEAL_COUNT_", r->items[i].kv[0].key);
				journal_field(fields, sizeof(fields), &foff, key, r->items[i].kv[0].value);
			}
		journal_send(r, exit_code ? LOG_WARNING : LOG_INFO, line,
			     foff < sizeof(fields) ? fields : "");
	} else if (r->flags & VERIFY_OUT_SYSLOG) {
		syslog(exit_code ? LOG_WARNING : LOG_INFO, "%s", line);
	}
	fflush(stdout);
}

/* ---- The node exporter's textfile collector ------------------------------ */

/* Every kind a finding can have: each gets a sample, 0 included, so an alert never waits for a first one. */
static const char *const finding_kinds[] = {
	"changed", "new", "missing", "loaded-no-file", "loaded-unlisted", "hidden",
	"seal-program-changed", "seal-sums-changed", "seal-sums-updated", "seal-denied", "not-sealed",
	"refused-module", "seal-learning",
};

struct metrics_ctx {
	const struct verify_report *r;
	int exit_code;
	time_t now;
};

/* A label value: seal_escape()'s form, then the exposition format's own '\' escape. */
static void put_label(FILE *f, const char *value)
{
	char e[SEAL_ESCAPE_SIZE(64)];
	const char *p;

	seal_escape(e, sizeof(e), value);
	for (p = e; *p; p++) {
		if (*p == '\\')
			fputc('\\', f);
		fputc(*p, f);
	}
}

static void metric_head(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* The value of a fact, or NULL. */
static const char *fact(const struct verify_report *r, const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < r->nitems; i++)
		if (strcmp(r->items[i].section, section) == 0 && r->items[i].n == 1 &&
		    strcmp(r->items[i].kv[0].key, key) == 0)
			return r->items[i].kv[0].value;
	return NULL;
}

static size_t findings_of(const struct verify_report *r, const char *kind)
{
	size_t i, n = 0;

	for (i = 0; i < r->nitems; i++)
		n += strcmp(r->items[i].section, "finding") == 0 && strcmp(r->items[i].kind, kind) == 0;
	return n;
}

static int fill_metrics(FILE *f, void *arg)
{
	const struct metrics_ctx *m = arg;
	const struct verify_report *r = m->r;
	const char *v;
	size_t i;

	metric_head(f, "seal_verify_last_run_timestamp_seconds", "gauge",
		    "When seal-verify last finished a run, in seconds since the epoch.");
	fprintf(f, "seal_verify_last_run_timestamp_seconds %lld\n", (long long)m->now);
	metric_head(f, "seal_verify_last_run_exit_status", "gauge",
		    "Exit status of that run: 0 clean, 1 findings, 2 something could not be checked.");
	fprintf(f, "seal_verify_last_run_exit_status %d\n", m->exit_code);
	metric_head(f, "seal_verify_findings", "gauge", "Findings of the last run, per kind.");
	for (i = 0; i < sizeof(finding_kinds) / sizeof(finding_kinds[0]); i++) {
		fputs("seal_verify_findings{kind=\"", f);
		put_label(f, finding_kinds[i]);
		fprintf(f, "\"} %zu\n", findings_of(r, finding_kinds[i]));
	}
	metric_head(f, "seal_verify_errors", "gauge", "Checks of the last run that could not be made.");
	fprintf(f, "seal_verify_errors %zu\n", verify_report_errors(r));
	metric_head(f, "seal_verify_checked", "gauge",
		    "What the last run covered: module files on disk, loaded modules, files hashed, digests from the cache.");
	for (i = 0; i < r->nitems; i++)
		if (strcmp(r->items[i].section, "counts") == 0) {
			fputs("seal_verify_checked{what=\"", f);
			put_label(f, r->items[i].kv[0].key);
			fprintf(f, "\"} %s\n", r->items[i].kv[0].value);
		}

	v = fact(r, "seal", "loaded");
	if (!v)
		return ferror(f) ? -EIO : 0;    /* the seal's state could not be read: no seal_* samples */
	metric_head(f, "seal_loaded", "gauge", "1 if seal.ko is loaded.");
	fprintf(f, "seal_loaded %d\n", strcmp(v, "yes") == 0);
	metric_head(f, "seal_sealed", "gauge", "1 if the running kernel is sealed (every hook active).");
	v = fact(r, "seal", "sealed");
	fprintf(f, "seal_sealed %d\n", v && strcmp(v, "1") == 0);
	metric_head(f, "seal_parameter", "gauge", "seal.ko's parameters: 1 for the value each one has.");
	for (i = 0; i < SEAL_P_COUNT; i++) {
		const struct seal_param *p = seal_param_at((unsigned int)i);

		v = p->kind == SEAL_PARAM_FLAG ? fact(r, "seal", p->name) : NULL;
		if (!v)
			continue;
		fprintf(f, "seal_parameter{name=\"%s\",value=\"", p->name);
		put_label(f, v);
		fputs("\"} 1\n", f);
	}
	metric_head(f, "seal_denied_total", "counter", "Refusals by seal.ko since boot, per kind.");
	for (i = 0; i < r->nitems; i++) {
		const struct verify_item *it = &r->items[i];

		if (strcmp(it->section, "seal") == 0 && it->n == 1 &&
		    strncmp(it->kv[0].key, "denied_", 7) == 0) {
			fputs("seal_denied_total{kind=\"", f);
			put_label(f, it->kv[0].key + 7);
			fprintf(f, "\"} %s\n", it->kv[0].value);
		}
	}
	v = fact(r, "seal", "loads_overflow");
	metric_head(f, "seal_loads_overflow", "gauge", "Loads seal.ko's record dropped since the seal.");
	fprintf(f, "seal_loads_overflow %s\n", v ? v : "0");
	return ferror(f) ? -EIO : 0;
}

int verify_report_metrics(const struct verify_report *r, const char *path, int exit_code)
{
	struct metrics_ctx m = { r, exit_code, time(NULL) };

	return seal_write_atomic(path, 0644, fill_metrics, &m);
}
