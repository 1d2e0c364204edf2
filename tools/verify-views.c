// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-verify check 3: a module seen in one kernel view but not another is a possible rootkit. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <seal/escape.h>

#include "log.h"
#include "shared/array.h"
#include "verify.h"

/*
 * The views and what removes a module from each (6.1 and 6.12 source):
 *   proc_modules  /proc/modules walks the `modules` list: list_del(&mod->list) hides it.
 *   kallsyms      "[name]" markers come from module_get_kallsym(), which walks the
 *                 same list: hidden by the same list_del.
 *   sysfs         /sys/module/NAME/initstate exists for every loadable module (never
 *                 for built-ins); kobject_del(&mod->mkobj.kobj) hides it.
 *   ftrace        available_filter_functions names the module of each traceable
 *                 function through kallsyms_lookup() -> __module_address(), which
 *                 searches mod_tree (CONFIG_MODULES_TREE_LOOKUP), not the list:
 *                 neither trick above removes these lines.
 *   seal_loads    seal.ko's record of loads since the seal.
 * A module must be in proc_modules and sysfs; it need not be in kallsyms or ftrace
 * (no symbols, no traceable functions), so only presence there counts. The kernel
 * adds a module to the list before sysfs and removes it from sysfs first, so a
 * loading module ("Loading" in /proc/modules) may be missing from sysfs: skipped.
 * Views are read twice, /proc/modules around the others, and a name is reported
 * only if both passes agree, so a module loaded or removed meanwhile is not.
 */

enum view {
	VIEW_PROC = 1 << 0,
	VIEW_SYSFS = 1 << 1,
	VIEW_KALLSYMS = 1 << 2,
	VIEW_FTRACE = 1 << 3,
	VIEW_LOADS = 1 << 4,
};

static const char *const view_names[] = {
	"proc_modules", "sysfs", "kallsyms", "ftrace", "seal_loads",
};
#define NVIEWS (sizeof(view_names) / sizeof(view_names[0]))

struct seen {
	char *name;
	unsigned int views;
	bool settling;                  /* "Loading"/"Unloading" in /proc/modules */
};

struct snapshot {
	struct seen *v;
	size_t n, cap;
	unsigned int available;         /* views that could be read */
	size_t last;                    /* index of the last name found: kallsyms is grouped */
};

static void snapshot_free(struct snapshot *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].name);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static struct seen *snapshot_find(struct snapshot *s, const char *name, size_t len)
{
	size_t i;

	if (s->last < s->n && strlen(s->v[s->last].name) == len &&
	    memcmp(s->v[s->last].name, name, len) == 0)
		return &s->v[s->last];
	for (i = 0; i < s->n; i++)
		if (strlen(s->v[i].name) == len && memcmp(s->v[i].name, name, len) == 0) {
			s->last = i;
			return &s->v[i];
		}
	return NULL;
}

static int snapshot_add(struct snapshot *s, const char *name, size_t len, unsigned int view)
{
	struct seen *e = snapshot_find(s, name, len);

	if (!e) {
		if (s->n == s->cap) {
			struct seen *p = array_grow(s->v, &s->cap, sizeof(*p), 64);

			if (!p)
				return -ENOMEM;
			s->v = p;
		}
		e = &s->v[s->n];
		memset(e, 0, sizeof(*e));
		e->name = strndup(name, len);
		if (!e->name)
			return -ENOMEM;
		s->last = s->n++;
	}
	e->views |= view;
	return 0;
}

/* kallsyms and ftrace use pseudo-module markers for code that is not a module. */
static bool pseudo_module(const char *name, size_t len)
{
	return (len == 3 && memcmp(name, "bpf", 3) == 0) ||
	       (len >= 11 && memcmp(name, "__builtin__", 11) == 0);
}

static int read_sysfs(struct verify_ctx *v, struct snapshot *s, bool report)
{
	char *path = verify_path(v, "/sys/module");
	struct dirent *de;
	DIR *d = NULL;
	int fd, err = 0;

	if (!path)
		return -ENOMEM;
	fd = verify_open(v, "/sys/module", O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		d = fdopendir(fd);
		if (!d) {
			int e = errno;

			close(fd);
			fd = -e;
		}
	}
	if (!d) {
		if (report)
			verify_report_error(v->report, "%s: %s: sysfs view not checked", path,
					    strerror(-fd));
		free(path);
		return 0;
	}
	while ((de = readdir(d))) {
		char initstate[512];
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		snprintf(initstate, sizeof(initstate), "/sys/module/%s/initstate", de->d_name);
		/* Built-ins have a directory (for parameters) but no initstate. */
		if (seal_root_stat(v->rootfd, initstate, &st, 0) < 0)
			continue;
		err = snapshot_add(s, de->d_name, strlen(de->d_name), VIEW_SYSFS);
		if (err < 0)
			break;
	}
	s->available |= VIEW_SYSFS;
	closedir(d);
	free(path);
	return err;
}

/* "NAME SIZE REFS DEPS STATE ADDR [(TAINTS)]" */
static int line_proc_modules(struct snapshot *s, char *line, size_t len)
{
	char name[64], size[32], refs[32], deps[4096], state[32];
	int err;

	if (sscanf(line, "%63s %31s %31s %4095s %31s", name, size, refs, deps, state) != 5)
		return -EINVAL;
	err = snapshot_add(s, name, strlen(name), VIEW_PROC);
	if (err == 0 && strcmp(state, "Live") != 0)
		s->v[s->last].settling = true;
	return err;
}

/* Lines ending in "[name]": /proc/kallsyms ("ADDR T sym\t[name]") and ftrace ("sym [name]"). */
static int line_marker(struct snapshot *s, char *line, size_t len, unsigned int view)
{
	char *open, *close;

	if (len < 3 || line[len - 1] != ']')
		return 0;
	close = &line[len - 1];
	open = memrchr(line, '[', len);
	if (!open || open + 1 == close || pseudo_module(open + 1, (size_t)(close - open - 1)))
		return 0;
	return snapshot_add(s, open + 1, (size_t)(close - open - 1), view);
}

/* seal.ko's "NAME sha256=HEX op=OP[ verdict=V init=I ...]" lines. */
static int line_seal_load(struct snapshot *s, char *line, size_t len)
{
	struct seal_load_record rec;
	size_t n = strcspn(line, " ");
	long raw;

	/* "overflow=N" ends a record that dropped entries; verify_seal() reports it. */
	if (strncmp(line, "overflow=", 9) == 0)
		return 0;
	if (!n)
		return 0;
	/*
	 * A load whose init failed (seal.ko's init=failed) was freed by the kernel:
	 * it is in no other view, and that is not hiding (udev tries such modules
	 * at every boot, e.g. acpi-cpufreq on a machine without its hardware).
	 */
	if (seal_loads_parse_line(line, len, &rec, NULL) == 1 && strcmp(rec.init, SEAL_INIT_FAILED) == 0)
		return 0;
	/* seal.ko escapes the name (seal/escape.h); compare the module's own bytes with the other views. */
	line[n] = '\0';
	raw = seal_unescape(line);
	if (raw < 0)
		return -EINVAL;
	return snapshot_add(s, line, (size_t)raw, VIEW_LOADS);
}

/*
 * Read one view from the first of paths that opens. A view that can't be read
 * is not available (reported as an error only when report_missing); a line
 * that doesn't parse is an error.
 */
static int read_view(struct verify_ctx *v, struct snapshot *s, const char *const *paths,
		     unsigned int view, bool report, bool report_missing)
{
	char *path = NULL, *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f = NULL;
	int fd = -ENOENT, err = 0;

	for (; *paths && !f; paths++) {
		free(path);
		path = verify_path(v, *paths);
		if (!path)
			return -ENOMEM;
		fd = verify_open(v, *paths, O_RDONLY);
		if (fd >= 0) {
			f = fdopen(fd, "r");
			if (!f) {
				int e = errno;

				close(fd);
				fd = -e;
			}
		}
	}
	if (!f) {
		if (report && report_missing)
			verify_report_error(v->report, "%s: %s: view %s not checked", path,
					    strerror(-fd), view_names[__builtin_ctz(view)]);
		else
			INFO("%s: %s: view %s not available\n", path, strerror(-fd),
			     view_names[__builtin_ctz(view)]);
		goto out;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == ' '))
			line[--len] = '\0';
		if (len == 0)
			continue;
		if (view == VIEW_PROC)
			err = line_proc_modules(s, line, (size_t)len);
		else if (view == VIEW_LOADS)
			err = line_seal_load(s, line, (size_t)len);
		else
			err = line_marker(s, line, (size_t)len, view);
		if (err == -EINVAL) {
			if (report)
				verify_report_error(v->report, "%s: unexpected line: %.80s", path, line);
			err = 0;
		} else if (err < 0) {
			goto out;
		}
	}
	s->available |= view;
out:
	if (f)
		fclose(f);
	free(line);
	free(path);
	return err;
}

static int take_snapshot(struct verify_ctx *v, struct snapshot *s, bool report)
{
	static const char *const proc[] = { "/proc/modules", NULL };
	static const char *const kallsyms[] = { "/proc/kallsyms", NULL };
	static const char *const loads[] = { SEAL_SYSFS_DIR "/loads", NULL };
	static const char *const ftrace[] = {
		"/sys/kernel/tracing/available_filter_functions",
		"/sys/kernel/debug/tracing/available_filter_functions",
		NULL,
	};
	int err;

	memset(s, 0, sizeof(*s));
	err = read_view(v, s, proc, VIEW_PROC, report, true);
	if (err == 0)
		err = read_sysfs(v, s, report);
	if (err == 0)
		err = read_view(v, s, kallsyms, VIEW_KALLSYMS, report, true);
	if (err == 0)
		err = read_view(v, s, ftrace, VIEW_FTRACE, report, false);
	/* No seal, or no record: verify_seal() says so. */
	if (err == 0)
		err = read_view(v, s, loads, VIEW_LOADS, report, false);
	/* The second look brackets the others. */
	if (err == 0)
		err = read_view(v, s, proc, VIEW_PROC, false, false);
	return err;
}

/*
 * Why a name counts as hidden, or NULL. A name in seal_loads alone may be a module
 * removed since, unless no_remove=true forbids removal.
 */
static const char *hidden_reason(const struct seen *e, unsigned int available, bool no_remove)
{
	if (e->settling)
		return NULL;
	if (!(e->views & VIEW_PROC) && (e->views & (VIEW_SYSFS | VIEW_KALLSYMS | VIEW_FTRACE)))
		return "not-in-proc-modules";
	if ((e->views & VIEW_PROC) && (available & VIEW_SYSFS) && !(e->views & VIEW_SYSFS))
		return "no-sys-module-entry";
	if (e->views == VIEW_LOADS && no_remove)
		return "only-in-seal-loads";
	return NULL;
}

static void views_string(unsigned int mask, char *buf, size_t size)
{
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < NVIEWS && off < size; i++)
		if (mask & (1u << i))
			off += (size_t)snprintf(buf + off, size - off, "%s%s", off ? "," : "",
						view_names[i]);
	if (off == 0)
		snprintf(buf, size, "none");
}

void verify_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int verify_hidden(struct verify_ctx *v, char ***names, size_t *nnames)
{
	struct snapshot one, two;
	char seen[128], absent[128];
	size_t i, n = 0;
	char **out = NULL;
	int err;

	*names = NULL;
	*nnames = 0;
	err = take_snapshot(v, &one, true);
	if (err < 0)
		goto out_one;
	err = take_snapshot(v, &two, false);
	if (err < 0)
		goto out;
	if (!(one.available & VIEW_PROC))
		goto out;       /* already reported: nothing to compare against */

	views_string(one.available, seen, sizeof(seen));
	verify_report_fact(v->report, "run", "views", seen);
	INFO("views read: %s\n", seen);

	for (i = 0; i < one.n; i++) {
		struct seen *a = &one.v[i];
		struct seen *b = snapshot_find(&two, a->name, strlen(a->name));
		const char *why = hidden_reason(a, one.available, v->no_remove);

		if (!why || !b || !hidden_reason(b, two.available, v->no_remove))
			continue;
		views_string(a->views & b->views, seen, sizeof(seen));
		views_string(one.available & ~(a->views | b->views), absent, sizeof(absent));
		/*
		 * seal.ko records a load at MODULE_STATE_COMING; a module whose init
		 * then fails is gone from every view too: say so in the verdict.
		 */
		VERIFY_FINDING(v->report, "hidden", a->name,
			       { "seen", seen }, { "absent", absent }, { "why", why },
			       { "verdict", a->views == VIEW_LOADS ? "possible-rootkit-or-failed-init"
								   : "possible-rootkit" });
	}

	/* Every name the kernel admits to in any view is checked against the disk. */
	out = calloc(one.n + 1, sizeof(*out));
	if (!out) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < one.n; i++) {
		if (!(one.v[i].views & (VIEW_PROC | VIEW_SYSFS)))
			continue;
		out[n] = strdup(one.v[i].name);
		if (!out[n]) {
			verify_names_free(out, n);
			err = -ENOMEM;
			goto out;
		}
		n++;
	}
	*names = out;
	*nnames = n;
out:
	snapshot_free(&two);
out_one:
	snapshot_free(&one);
	return err;
}
