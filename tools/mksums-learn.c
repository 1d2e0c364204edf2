// SPDX-License-Identifier: GPL-2.0-or-later
/* Learning: what the machine loaded after the seal, kept across boots (--record), and the names it proposes for the policy (--propose, --accept). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "mksums.h"
#include "shared/array.h"
#include "tool.h"

#define BOOT_ID_PATH "/proc/sys/kernel/random/boot_id"
/* a loadable module that is loaded has SYS_MODULE/NAME/initstate "live" (a built-in one has none) */
#define SYS_MODULE "/sys/module"
/* the op of a module found loaded, whose load seal.ko did not see: it came before the seal */
#define OP_BEFORE_SEAL "before-seal"

/* One module, digest and kernel the machine loaded; a line of the record. */
struct learned {
	char esc[SEAL_ESCAPE_SIZE(64)];         /* the name as seal.ko wrote it (escaped) */
	char name[SEAL_ESCAPE_SIZE(64)];        /* the bytes it stands for */
	bool name_ok;                           /* a module's name (seal_module_name_valid) */
	unsigned char sha256[SEAL_SHA256_LEN];
	char kver[256];
	char op[32], verdict[32], init[16];
	char requested[SEAL_ESCAPE_SIZE(64)];
	char first[16], last[16];               /* YYYY-MM-DD, UTC */
	unsigned long boots;
	char boot[64];                          /* the boot it was last seen in */
	/* --propose */
	size_t file;                            /* index + 1 of its file's item, 0 if none */
	char why[1024];                         /* not proposed: why */
	bool covered;                           /* already allowed by the policy */
};

struct record {
	struct learned *v;
	size_t n, cap;
	unsigned long overflow;                 /* loads seal.ko's record dropped */
	size_t full;                            /* loads not kept: the record at SEAL_LEARNED_MAX */
};

static void record_free(struct record *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static const char *learned_path(const struct opts *o)
{
	return o->learned ? o->learned : SEAL_LEARNED_DEFAULT;
}

/* The value of " key=" in a record line (after its name), copied into out; false if absent or too long. */
static bool field_get(const char *line, const char *key, char *out, size_t size)
{
	size_t kl = strlen(key);
	const char *p = strchr(line, ' ');

	for (; p; p = strchr(p + 1, ' ')) {
		if (strncmp(p + 1, key, kl) == 0 && p[1 + kl] == '=') {
			const char *v = p + 2 + kl;
			size_t n = strcspn(v, " \n");

			if (n == 0 || n >= size)
				return false;
			memcpy(out, v, n);
			out[n] = '\0';
			return true;
		}
	}
	return false;
}

static bool is_date(const char *s)
{
	return strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
	       strspn(s, "0123456789-") == 10;
}

/* The unescaped name and whether it is a module's name at all. */
static void learned_name(struct learned *l)
{
	snprintf(l->name, sizeof(l->name), "%s", l->esc);
	l->name_ok = seal_unescape(l->name) >= 0 && seal_module_name_valid(l->name);
}

static struct learned *record_find(struct record *r, const char *kver, const char *esc,
				   const unsigned char *sha256)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].kver, kver) == 0 && strcmp(r->v[i].esc, esc) == 0 &&
		    memcmp(r->v[i].sha256, sha256, SEAL_SHA256_LEN) == 0)
			return &r->v[i];
	return NULL;
}

static struct learned *record_new(struct record *r)
{
	if (r->n >= SEAL_LEARNED_MAX) {
		r->full++;
		return NULL;
	}
	if (r->n == r->cap) {
		struct learned *v = array_grow(r->v, &r->cap, sizeof(*v), 64);

		if (!v)
			return NULL;
		r->v = v;
	}
	memset(&r->v[r->n], 0, sizeof(r->v[r->n]));
	return &r->v[r->n++];
}

/*
 * The record file: "NAME sha256=HEX op=OP verdict=V init=I kernel=KVER
 * first=DATE last=DATE boots=N boot=ID[ requested=ALIAS]" per line, "#"
 * comments. A bad line is FILE:LINE and the whole file refused: --record
 * writes nothing over what it cannot read.
 */
static int record_load(struct record *r, const char *path)
{
	FILE *f = fopen(path, "re");
	char *line = NULL, buf[32];
	size_t cap = 0;
	unsigned long lineno = 0, bad = 0;
	ssize_t n;

	if (!f)
		return errno == ENOENT ? 0 : -errno;
	while ((n = getline(&line, &cap, f)) > 0) {
		struct seal_load_record rec;
		struct learned *l;
		char *end;

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		l = record_new(r);
		if (!l) {
			if (r->full)
				continue;
			free(line);
			fclose(f);
			return -ENOMEM;
		}
		if (seal_loads_parse_line(line, (size_t)n, &rec, NULL) != 1 ||
		    !field_get(line, "kernel", l->kver, sizeof(l->kver)) || !seal_is_kernel_release(l->kver) ||
		    !field_get(line, "first", l->first, sizeof(l->first)) || !is_date(l->first) ||
		    !field_get(line, "last", l->last, sizeof(l->last)) || !is_date(l->last) ||
		    !field_get(line, "boot", l->boot, sizeof(l->boot)) ||
		    !field_get(line, "boots", buf, sizeof(buf)) ||
		    (l->boots = strtoul(buf, &end, 10)) == 0 || *end) {
			tool_report_line(NULL, path, lineno, "not a line seal-mksums --record writes");
			bad++;
			r->n--;
			continue;
		}
		snprintf(l->esc, sizeof(l->esc), "%s", rec.name);
		memcpy(l->sha256, rec.sha256, SEAL_SHA256_LEN);
		snprintf(l->op, sizeof(l->op), "%s", rec.op);
		snprintf(l->verdict, sizeof(l->verdict), "%s", rec.verdict);
		snprintf(l->init, sizeof(l->init), "%s", rec.init);
		snprintf(l->requested, sizeof(l->requested), "%s", rec.requested);
		learned_name(l);
	}
	free(line);
	fclose(f);
	return bad ? -EINVAL : 0;
}

static void today(char *out, size_t size)
{
	time_t t = time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) || strftime(out, size, "%Y-%m-%d", &tm) == 0)
		snprintf(out, size, "1970-01-01");
}

/* This boot's id, or "unknown". */
static void boot_id(char *out, size_t size)
{
	FILE *f = fopen(BOOT_ID_PATH, "re");

	snprintf(out, size, "unknown");
	if (f) {
		if (fgets(out, (int)size, f))
			out[strcspn(out, "\n")] = '\0';
		fclose(f);
	}
}

/*
 * The record's entry for (kernel, name, digest), made on first sight (first
 * date, op), seen in this boot: its boots count goes up once a boot, its last
 * date is today. NULL when the record is full (r->full counts it) or on ENOMEM.
 */
static struct learned *record_touch(struct record *r, const char *kver, const char *esc,
				    const unsigned char *sha256, const char *op, const char *boot,
				    const char *date)
{
	struct learned *l = record_find(r, kver, esc, sha256);

	if (!l) {
		l = record_new(r);
		if (!l)
			return NULL;
		snprintf(l->esc, sizeof(l->esc), "%s", esc);
		memcpy(l->sha256, sha256, SEAL_SHA256_LEN);
		snprintf(l->kver, sizeof(l->kver), "%s", kver);
		snprintf(l->first, sizeof(l->first), "%s", date);
		snprintf(l->op, sizeof(l->op), "%s", op);
		learned_name(l);
	}
	if (strcmp(l->boot, boot) != 0) {
		l->boots++;
		snprintf(l->boot, sizeof(l->boot), "%s", boot);
	}
	snprintf(l->last, sizeof(l->last), "%s", date);
	return l;
}

/*
 * seal.ko's loads, this boot: each merged into the record under (kernel,
 * name, digest). A module loaded again keeps its first date; its boots count
 * goes up once a boot; a load the policy would have refused stays marked so.
 * 0, -ENOENT when seal.ko is not loaded, -errno.
 */
static int record_merge_loads(struct record *r, const char *kver)
{
	char boot[64] = "unknown", date[16], *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	ssize_t n;
	FILE *f;

	boot_id(boot, sizeof(boot));
	today(date, sizeof(date));
	f = fopen(SEAL_SYSFS_LOADS, "re");
	if (!f)
		return -errno;
	while ((n = getline(&line, &cap, f)) > 0) {
		struct seal_load_record rec;
		unsigned long long overflow = 0;
		struct learned *l;
		int p;

		lineno++;
		p = seal_loads_parse_line(line, (size_t)n, &rec, &overflow);
		if (p == 0) {
			r->overflow += (unsigned long)overflow;
			continue;
		}
		if (p < 0) {
			WRN("%s:%lu: not a line of seal.ko's record; skipped\n", SEAL_SYSFS_LOADS, lineno);
			continue;
		}
		l = record_touch(r, kver, rec.name, rec.sha256, rec.op, boot, date);
		if (!l) {
			if (r->full)
				continue;
			free(line);
			fclose(f);
			return -ENOMEM;
		}
		snprintf(l->op, sizeof(l->op), "%s", rec.op);
		/* marked once refused-had-it-not-been-learning, marked for good */
		if (rec.verdict[0] && (!l->verdict[0] || strcmp(l->verdict, SEAL_VERDICT_OK) == 0))
			snprintf(l->verdict, sizeof(l->verdict), "%s", rec.verdict);
		if (rec.init[0])
			snprintf(l->init, sizeof(l->init), "%s", rec.init);
		if (rec.requested[0])
			snprintf(l->requested, sizeof(l->requested), "%s", rec.requested);
	}
	free(line);
	fclose(f);
	return 0;
}

static const struct item *item_of(const struct items *it, const char *path, bool image);

/* Was name loaded by a load seal.ko saw this boot? */
static bool seen_this_boot(const struct record *r, const char *kver, const char *name, const char *boot)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].kver, kver) == 0 && strcmp(r->v[i].boot, boot) == 0 &&
		    strcmp(r->v[i].op, OP_BEFORE_SEAL) != 0 && seal_module_name_equal(r->v[i].name, name))
			return true;
	return false;
}

/*
 * The modules loaded before the seal (the initramfs's, udev's before
 * seal.service): live in /sys/module, with no load of that name in seal.ko's
 * record this boot. Nobody hashed what was loaded, so each is recorded with
 * the digest of its kernel's file for that name (the image's for a compressed
 * one, as seal.ko hashes), op=before-seal; one modules.dep has no file for is
 * recorded with a zero digest, and --propose names it, never proposes it. A
 * NIC driver the initramfs loads is so in the policy, and in the next kernel's
 * list. 0 or -errno (said).
 */
static int record_merge_before(struct record *r, const struct opts *o, const char *kver)
{
	char boot[64], date[16], state[16];
	char **names = NULL, **paths = NULL;
	struct dirent *de;
	DIR *d;
	size_t n = 0, cap = 0;
	struct kindex *k = NULL;
	struct items files = { 0 };
	struct opts sha = *o;
	FILE *f;
	int err = 0;

	boot_id(boot, sizeof(boot));
	today(date, sizeof(date));
	d = opendir(SYS_MODULE);
	if (!d) {
		WRN("%s: %s: the modules loaded before the seal are not recorded\n", SYS_MODULE, strerror(errno));
		return 0;
	}
	while (err == 0 && (de = readdir(d))) {
		const char *name = de->d_name;
		char path[512];

		if (strcmp(name, SEAL_KMOD_NAME) == 0 || !seal_module_name_valid(name) ||
		    seen_this_boot(r, kver, name, boot))
			continue;
		snprintf(path, sizeof(path), "%s/%s/initstate", SYS_MODULE, name);
		f = fopen(path, "re");
		if (!f)
			continue;       /* built in */
		if (!fgets(state, sizeof(state), f))
			state[0] = '\0';
		fclose(f);
		if (strncmp(state, "live", 4) != 0)
			continue;       /* coming (a load under way: seal.ko's record has it) or going */
		if (n == cap) {
			char **v = array_grow(names, &cap, sizeof(*v), 64);

			if (!v) {
				err = -ENOMEM;
				break;
			}
			names = v;
		}
		names[n] = strdup(name);
		if (!names[n++])
			err = -ENOMEM;
	}
	closedir(d);
	/* each one's file in the running kernel's modules.dep, all hashed in one run (every core) */
	paths = calloc(n ? n : 1, sizeof(*paths));
	if (!paths)
		err = -ENOMEM;
	if (err == 0 && n && kindex_open(kver, &k) < 0)
		k = NULL;               /* said: no modules.dep, every such module recorded unfound */
	for (size_t i = 0; err == 0 && k && i < n; i++) {
		paths[i] = kindex_path(k, names[i]);
		if (paths[i])
			err = add_module(&files, paths[i]);
	}
	sha.alg = SEAL_ALG_SHA256;
	if (err == 0 && files.n)
		err = hash_all(&files, &sha, cache_open(&files, &sha));
	for (size_t i = 0; err == 0 && i < n; i++) {
		const struct item *file = paths[i] ? item_of(&files, paths[i], false) : NULL;
		const struct item *image = paths[i] ? item_of(&files, paths[i], true) : NULL;
		unsigned char digest[SEAL_SHA256_LEN] = { 0 };
		struct learned *l;

		if (file && !file->rejected)
			memcpy(digest, image && !image->rejected ? image->digest : file->digest, SEAL_SHA256_LEN);
		l = record_touch(r, kver, names[i], digest, OP_BEFORE_SEAL, boot, date);
		if (!l && !r->full)
			err = -ENOMEM;
		else if (l && !l->init[0])
			snprintf(l->init, sizeof(l->init), "%s", "ok");
	}
	for (size_t i = 0; i < n; i++) {
		free(names[i]);
		if (paths)
			free(paths[i]);
	}
	free(names);
	free(paths);
	items_free(&files);
	if (k)
		kindex_close(k);
	if (err < 0)
		ERR("%s: %s\n", SYS_MODULE, strerror(-err));
	return err;
}

static int fill_record(FILE *f, void *ctx)
{
	const struct record *r = ctx;
	char hex[2 * SEAL_SHA256_LEN + 1];

	fprintf(f, "# seal-mksums --record: the modules this machine loaded after the seal, one line per\n"
		   "# kernel, name and digest; seal-mksums --propose reads it (seal.modules(5)).\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct learned *l = &r->v[i];

		seal_hex_encode(l->sha256, SEAL_SHA256_LEN, hex);
		fprintf(f, "%s sha256=%s op=%s", l->esc, hex, l->op[0] ? l->op : "unknown");
		if (l->verdict[0])
			fprintf(f, " verdict=%s", l->verdict);
		if (l->init[0])
			fprintf(f, " init=%s", l->init);
		fprintf(f, " kernel=%s first=%s last=%s boots=%lu boot=%s", l->kver, l->first, l->last,
			l->boots, l->boot[0] ? l->boot : "unknown");
		if (l->requested[0])
			fprintf(f, " requested=%s", l->requested);
		fputc('\n', f);
	}
	return ferror(f) ? -EIO : 0;
}

static int running_kernel(char *out, size_t size)
{
	struct utsname u;

	if (uname(&u) < 0)
		return -errno;
	snprintf(out, size, "%s", u.release);
	return 0;
}

int learn_record(const struct opts *o)
{
	const char *path = learned_path(o);
	struct record r = { 0 };
	char kver[256];
	size_t before;
	int err;

	err = running_kernel(kver, sizeof(kver));
	if (err == 0)
		err = record_load(&r, path);
	if (err == -EINVAL) {
		ERR("%s: bad lines above; not rewritten (move it away to start the record again)\n", path);
		goto out;
	}
	if (err < 0) {
		ERR("%s: %s\n", path, strerror(-err));
		goto out;
	}
	before = r.n;
	err = record_merge_loads(&r, kver);
	if (err == -ENOENT) {
		ERR("%s: seal.ko is not loaded: no loads to record\n", SEAL_SYSFS_LOADS);
		goto out;
	}
	if (err < 0) {
		ERR("%s: %s\n", SEAL_SYSFS_LOADS, strerror(-err));
		goto out;
	}
	err = record_merge_before(&r, o, kver);
	if (err < 0)
		goto out;
	if (r.overflow)
		WRN("%s: seal.ko dropped %lu loads from its record (more than %d this boot): those are not recorded\n",
		    SEAL_SYSFS_LOADS, r.overflow, SEAL_LOADS_MAX);
	if (r.full)
		WRN("%s: full (%d lines): %zu loads not recorded; propose and accept, or move it away\n",
		    path, SEAL_LEARNED_MAX, r.full);
	/* /var/lib/seal is the units' StateDirectory; by hand it (or /var/lib) may not exist yet */
	err = seal_mkdir_parents_at(SEAL_ROOT_HOST, path, 0755);
	if (err < 0)
		WRN("%s: its directory: %s\n", path, strerror(-err));
	err = seal_write_atomic(path, 0644, fill_record, &r);
	if (err < 0) {
		ERR("%s: cannot write the record (%s); left as it was\n", path, strerror(-err));
		goto out;
	}
	INFO("%s: %zu modules recorded, %zu new\n", path, r.n, r.n - before);
out:
	record_free(&r);
	return err;
}

/* ---- --propose: what to add to the policy, as a diff ------------------------------ */

struct proposal {
	const struct seal_modset *m;            /* NULL: no policy yet */
	const char *policy;
	struct record rec;
	struct kindex **k;                      /* one per learned kernel that is installed, else NULL */
	char **kvers;
	size_t nk;
	bool **covered;                         /* per kernel: by index into the learned records */
	struct items files;                     /* the learned modules' files, hashed */
	const char **names;                     /* proposed, in order */
	size_t nnames;
	size_t suspicious;
};

static size_t kernel_of(const struct proposal *p, const char *kver)
{
	for (size_t i = 0; i < p->nk; i++)
		if (strcmp(p->kvers[i], kver) == 0)
			return i;
	return p->nk;
}

struct cover_ctx {
	struct proposal *p;
	size_t kernel;
	size_t count;
	bool mark;
};

/* Mark what a closure brings as covered in that kernel. */
static int cover_visit(void *ctx, struct kindex *k, const char *name, const char *path,
		       enum kindex_via via)
{
	struct cover_ctx *c = ctx;
	struct proposal *p = c->p;

	(void)k, (void)path, (void)via;
	c->count++;
	for (size_t i = 0; c->mark && i < p->rec.n; i++)
		if (p->rec.v[i].name_ok && strcmp(p->rec.v[i].kver, p->kvers[c->kernel]) == 0 &&
		    seal_module_name_equal(p->rec.v[i].name, name))
			p->covered[c->kernel][i] = true;
	return 0;
}

/* name's closure in every learned kernel: covered from now on (mark), or only counted in kernel ki. */
static size_t cover(struct proposal *p, const char *name, size_t ki, bool mark)
{
	size_t size = 0;

	for (size_t k = 0; k < p->nk; k++) {
		struct cover_ctx c = { .p = p, .kernel = k, .mark = mark };

		if (!p->k[k] || (!mark && k != ki))
			continue;
		kindex_closure(p->k[k], name, cover_visit, &c);
		if (k == ki)
			size = c.count;
	}
	return size;
}

/* The learned kernels, opened; one no longer installed is said and left out. */
static int proposal_kernels(struct proposal *p)
{
	for (size_t i = 0; i < p->rec.n; i++) {
		char **v;

		if (kernel_of(p, p->rec.v[i].kver) < p->nk)
			continue;
		v = reallocarray(p->kvers, p->nk + 1, sizeof(*v));
		if (!v)
			return -ENOMEM;
		p->kvers = v;
		p->kvers[p->nk] = p->rec.v[i].kver;
		p->nk++;
	}
	p->k = calloc(p->nk ? p->nk : 1, sizeof(*p->k));
	p->covered = calloc(p->nk ? p->nk : 1, sizeof(*p->covered));
	if (!p->k || !p->covered)
		return -ENOMEM;
	for (size_t i = 0; i < p->nk; i++) {
		char dir[PATH_MAX];
		struct stat st;

		p->covered[i] = calloc(p->rec.n ? p->rec.n : 1, sizeof(bool));
		if (!p->covered[i])
			return -ENOMEM;
		snprintf(dir, sizeof(dir), "%s/%s", MODULES_ROOT, p->kvers[i]);
		if (stat(dir, &st) < 0) {
			WRN("kernel %s is no longer installed: what it loaded is not proposed\n", p->kvers[i]);
			continue;
		}
		if (kindex_open(p->kvers[i], &p->k[i]) < 0)
			return -EINVAL;
	}
	return 0;
}

/* The item of a path and kind, or NULL. */
static const struct item *item_of(const struct items *it, const char *path, bool image)
{
	for (size_t i = 0; i < it->n; i++)
		if (it->v[i].decompressed == image && strcmp(it->v[i].path, path) == 0)
			return &it->v[i];
	return NULL;
}

/*
 * Each learned module against what is installed: its kernel's file for that
 * name (modules.dep), whose digest must be the learned one (the image's, or
 * the file's as an older seal.ko hashed it), and which dpkg must vouch for
 * (seal-mksums' own rule, item_distrust). A module that fails is named with
 * why and never proposed: a rootkit loaded while the machine learned looks
 * like any other load in the record.
 */
static int proposal_check(struct proposal *p, const struct opts *o)
{
	struct seal_pkgdb *db = NULL;
	char **paths = calloc(p->rec.n ? p->rec.n : 1, sizeof(*paths));
	int err = 0;

	if (!paths)
		return -ENOMEM;
	for (size_t i = 0; i < p->rec.n && err == 0; i++) {
		struct learned *l = &p->rec.v[i];
		size_t k = kernel_of(p, l->kver);

		if (!l->name_ok) {
			snprintf(l->why, sizeof(l->why), "not a module's name");
			continue;
		}
		if (!p->k[k])
			continue;
		paths[i] = kindex_path(p->k[k], l->name);
		if (!paths[i]) {
			snprintf(l->why, sizeof(l->why), "%s has no file for a module of that name (%s)",
				 l->kver, kindex_builtin(p->k[k], l->name) ? "it is built in" :
				 "not in its modules.dep: loaded from elsewhere");
			continue;
		}
		err = add_module(&p->files, paths[i]);
	}
	if (err == 0 && p->files.n) {
		struct seal_cache *cache = cache_open(&p->files, o);

		err = attach_pkgdb(&p->files, o, cache, &db);
		if (err == 0)
			err = hash_all(&p->files, o, cache);
		else
			seal_cache_free(cache);
	}
	for (size_t i = 0; i < p->rec.n && err == 0; i++) {
		struct learned *l = &p->rec.v[i];
		const struct item *file, *image;
		char why[512];

		if (!paths[i])
			continue;
		file = item_of(&p->files, paths[i], false);
		image = item_of(&p->files, paths[i], true);
		if (!file) {
			err = -ENOMEM;
			break;
		}
		if (memcmp(file->digest, l->sha256, SEAL_SHA256_LEN) != 0 &&
		    (!image || memcmp(image->digest, l->sha256, SEAL_SHA256_LEN) != 0))
			snprintf(l->why, sizeof(l->why),
				 "its digest is not that of %s, the file modules.dep names for it: what was loaded is not what is installed",
				 paths[i]);
		else if (item_distrust(file, o, db != NULL, true, why, sizeof(why)))
			snprintf(l->why, sizeof(l->why), "%s: %s", paths[i], why);
		else
			l->file = (size_t)(file - p->files.v) + 1;
	}
	for (size_t i = 0; i < p->rec.n; i++)
		free(paths[i]);
	free(paths);
	seal_pkgdb_free(db);
	return err;
}

struct cand {
	size_t rec;                             /* index of one learned record naming it */
	size_t size;                            /* its closure's size */
};

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return x->size != y->size ? (x->size < y->size ? 1 : -1) : (x->rec > y->rec) - (x->rec < y->rec);
}

static int name_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * The names to add: every learned, vouched-for module the policy does not
 * already bring, less those another proposed name brings (its dependencies
 * and softdeps: the largest closures are taken first), in name order.
 */
static int proposal_names(struct proposal *p)
{
	struct cand *c = calloc(p->rec.n ? p->rec.n : 1, sizeof(*c));
	size_t nc = 0;

	if (!c)
		return -ENOMEM;
	for (size_t i = 0; p->m && i < seal_modset_count(p->m); i++)
		cover(p, seal_modset_entry_at(p->m, i)->name, 0, true);
	for (size_t i = 0; i < p->rec.n; i++) {
		struct learned *l = &p->rec.v[i];
		size_t k = kernel_of(p, l->kver);
		bool dup = false;

		if (!l->file)
			continue;
		if (p->covered[k][i]) {
			l->covered = true;
			if (l->verdict[0] && strcmp(l->verdict, SEAL_VERDICT_OK) != 0)
				INFO("'%s': in the policy already, but not on the list when it was loaded (%s): run seal-mksums\n",
				     l->name, l->verdict);
			continue;
		}
		for (size_t j = 0; j < nc && !dup; j++)
			dup = seal_module_name_equal(p->rec.v[c[j].rec].name, l->name);
		if (dup)
			continue;
		c[nc].rec = i;
		c[nc].size = cover(p, l->name, k, false);
		nc++;
	}
	qsort(c, nc, sizeof(*c), cand_cmp);
	p->names = calloc(nc ? nc : 1, sizeof(*p->names));
	if (!p->names) {
		free(c);
		return -ENOMEM;
	}
	for (size_t j = 0; j < nc; j++) {
		struct learned *l = &p->rec.v[c[j].rec];

		if (p->covered[kernel_of(p, l->kver)][c[j].rec]) {
			INFO("'%s': brought by another proposed name\n", l->name);
			continue;
		}
		p->names[p->nnames++] = l->name;
		cover(p, l->name, 0, true);
	}
	qsort(p->names, p->nnames, sizeof(*p->names), name_ptr_cmp);
	free(c);
	return 0;
}

/* What the comment of a proposed name says: when, how often, how it came. */
static void name_comment(const struct proposal *p, const char *name, char *out, size_t size)
{
	char first[16] = "9999-99-99", last[16] = "", req[SEAL_ESCAPE_SIZE(64)] = "";
	unsigned long boots = 0;
	bool failed = false, refused = false, before = false;
	size_t used;

	for (size_t i = 0; i < p->rec.n; i++) {
		const struct learned *l = &p->rec.v[i];

		if (!l->file || !seal_module_name_equal(l->name, name))
			continue;
		if (strcmp(l->first, first) < 0)
			snprintf(first, sizeof(first), "%s", l->first);
		if (strcmp(l->last, last) > 0)
			snprintf(last, sizeof(last), "%s", l->last);
		boots += l->boots;
		failed |= strcmp(l->init, SEAL_INIT_FAILED) == 0;
		before |= strcmp(l->op, OP_BEFORE_SEAL) == 0;
		refused |= l->verdict[0] && strcmp(l->verdict, SEAL_VERDICT_OK) != 0;
		if (l->requested[0])
			snprintf(req, sizeof(req), "%s", l->requested);
	}
	used = (size_t)snprintf(out, size, "loaded on %lu boot%s, %s", boots, boots == 1 ? "" : "s", first);
	if (strcmp(first, last) != 0 && used < size)
		used += (size_t)snprintf(out + used, size - used, " to %s", last);
	if (req[0] && used < size)
		used += (size_t)snprintf(out + used, size - used, ", the kernel asked for %s", req);
	if (failed && used < size)
		used += (size_t)snprintf(out + used, size - used, ", its init failed here");
	if (before && used < size)
		used += (size_t)snprintf(out + used, size - used, ", found loaded before the seal");
	if (refused && used < size)
		snprintf(out + used, size - used, ", not on the list then");
}

/* ---- the new policy file, and its diff ------------------------------------------ */

struct text {
	char **line;                            /* without newlines */
	size_t n, cap;
};

static int text_add(struct text *t, const char *s)
{
	if (t->n == t->cap) {
		char **v = array_grow(t->line, &t->cap, sizeof(*v), 64);

		if (!v)
			return -ENOMEM;
		t->line = v;
	}
	t->line[t->n] = strdup(s);
	return t->line[t->n++] ? 0 : -ENOMEM;
}

static void text_free(struct text *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->line[i]);
	free(t->line);
	memset(t, 0, sizeof(*t));
}

static int text_load(struct text *t, const char *path)
{
	FILE *f = fopen(path, "re");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int err = 0;

	if (!f)
		return errno == ENOENT ? 0 : -errno;
	while (err == 0 && (n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		err = text_add(t, line);
	}
	free(line);
	fclose(f);
	return err;
}

/*
 * The policy as it will be: the administrator's lines as they are (a line
 * "all" made a comment when names replace it), then the proposed names after
 * a dated comment, each with what the record says of it. *replaced is the
 * index + 1 of the "all" line, 0 if none.
 */
static int policy_text(const struct proposal *p, const struct text *old, struct text *new,
		       size_t *replaced)
{
	char date[16], line[1024], note[512];
	int err = 0;

	today(date, sizeof(date));
	*replaced = 0;
	if (old->n == 0) {
		err = text_add(new, "# The modules this machine may load, one name per line (seal.modules(5)): seal-mksums");
		if (err == 0)
			err = text_add(new, "# lists each with what it needs, for every installed kernel. After a change, run");
		if (err == 0)
			err = text_add(new, "# seal-mksums; the new list takes effect at the next boot.");
	}
	for (size_t i = 0; i < old->n && err == 0; i++) {
		if (p->m && seal_modset_all(p->m) == i + 1) {
			snprintf(line, sizeof(line), "#all    (every module: replaced by the names below on %s)", date);
			*replaced = i + 1;
			err = text_add(new, line);
		} else {
			err = text_add(new, old->line[i]);
		}
	}
	if (err == 0 && old->n)
		err = text_add(new, "");
	snprintf(line, sizeof(line), "# learned by this machine (seal-mksums --record), accepted on %s", date);
	if (err == 0)
		err = text_add(new, line);
	for (size_t i = 0; i < p->nnames && err == 0; i++) {
		name_comment(p, p->names[i], note, sizeof(note));
		snprintf(line, sizeof(line), "%-24s # %s", p->names[i], note);
		err = text_add(new, line);
	}
	return err;
}

/*
 * A unified diff of old against new (diff -u's form, 3 lines of context), for
 * new as policy_text makes it: old with the "all" line replaced, if any, and
 * lines appended.
 */
static void print_diff(const char *path, const struct text *old, const struct text *new, size_t replaced)
{
	enum { CTX = 3 };
	size_t nops = old->n + new->n + 1, n = 0, i = 0;
	struct op { char sign; const char *s; } *ops = calloc(nops, sizeof(*ops));

	if (!ops)
		return;
	for (size_t k = 0; k < old->n; k++) {
		if (k + 1 == replaced) {
			ops[n++] = (struct op){ '-', old->line[k] };
			ops[n++] = (struct op){ '+', new->line[k] };
		} else {
			ops[n++] = (struct op){ ' ', old->line[k] };
		}
	}
	for (size_t k = old->n; k < new->n; k++)
		ops[n++] = (struct op){ '+', new->line[k] };
	printf("--- %s\n+++ %s (proposed)\n", old->n ? path : "/dev/null", path);
	/* each hunk: a change with CTX lines around it; changes closer than 2 * CTX share one */
	while (i < n) {
		size_t start, end, a = 0, b = 0, oa = 0, nb = 0;

		while (i < n && ops[i].sign == ' ')
			i++;
		if (i == n)
			break;
		start = i > CTX ? i - CTX : 0;
		end = i;
		for (size_t j = i; j < n && j <= end + 2 * CTX; j++)
			if (ops[j].sign != ' ')
				end = j;
		end = end + CTX + 1 < n ? end + CTX + 1 : n;
		for (size_t j = 0; j < start; j++) {
			oa += ops[j].sign != '+';
			nb += ops[j].sign != '-';
		}
		for (size_t j = start; j < end; j++) {
			a += ops[j].sign != '+';
			b += ops[j].sign != '-';
		}
		printf("@@ -%zu,%zu +%zu,%zu @@\n", a ? oa + 1 : oa, a, b ? nb + 1 : nb, b);
		for (size_t j = start; j < end; j++)
			printf("%c%s\n", ops[j].sign, ops[j].s);
		i = end;
	}
	free(ops);
}

static int fill_text(FILE *f, void *ctx)
{
	const struct text *t = ctx;

	for (size_t i = 0; i < t->n; i++)
		fprintf(f, "%s\n", t->line[i]);
	return ferror(f) ? -EIO : 0;
}

/* The new text must be a policy this parser takes: never write one seal-mksums would refuse. */
static int text_check(const char *path, const struct text *t)
{
	char *buf = NULL;
	size_t len = 0;
	struct seal_modset *m = NULL;
	FILE *f = open_memstream(&buf, &len);
	int r;

	if (!f)
		return -ENOMEM;
	r = fill_text(f, (void *)t);
	if (fclose(f) != 0 || r < 0) {
		free(buf);
		return -ENOMEM;
	}
	r = seal_modset_parse(path, buf, len, tool_report_line, NULL, &m);
	seal_modset_free(m);
	free(buf);
	return r;
}

static void proposal_free(struct proposal *p)
{
	for (size_t i = 0; i < p->nk; i++) {
		kindex_close(p->k ? p->k[i] : NULL);
		if (p->covered)
			free(p->covered[i]);
	}
	free(p->k);
	free(p->covered);
	free(p->kvers);
	free(p->names);
	items_free(&p->files);
	record_free(&p->rec);
}

/* The learned modules left out, each named with why. */
static void report_suspicious(struct proposal *p)
{
	char hex[2 * SEAL_SHA256_LEN + 1];

	for (size_t i = 0; i < p->rec.n; i++) {
		const struct learned *l = &p->rec.v[i];

		if (!l->why[0])
			continue;
		p->suspicious++;
		seal_hex_encode(l->sha256, SEAL_SHA256_LEN, hex);
		ERR("not proposed: '%s' (kernel %s, sha256 %s, loaded on %lu boot%s, last %s): %s; add it to %s by hand only if you know why it was loaded\n",
		    l->name, l->kver, hex, l->boots, l->boots == 1 ? "" : "s", l->last, l->why, p->policy);
	}
}

int learn_propose(const struct opts *o, bool accept, bool *wrote)
{
	struct proposal p = { .policy = policy_path(o) };
	struct seal_modset *m = NULL;
	struct text old = { 0 }, new = { 0 };
	char kver[256];
	size_t replaced = 0;
	struct stat st;
	int err;

	*wrote = false;
	err = seal_modset_load(p.policy, tool_report_line, NULL, &m);
	if (err == -EINVAL) {
		ERR("%s: not a valid module policy (bad lines above): fix it first\n", p.policy);
		goto out;
	}
	if (err < 0 && err != -ENOENT && err != -ENODATA) {
		char why[TOOL_STRERROR_MAX];

		ERR("%s: %s\n", p.policy, tool_open_strerror(p.policy, err, why));
		goto out;
	}
	p.m = m;
	err = record_load(&p.rec, learned_path(o));
	if (err < 0) {
		ERR("%s: %s\n", learned_path(o), err == -EINVAL ? "bad lines above" : strerror(-err));
		goto out;
	}
	/* this boot's loads, not yet recorded */
	err = running_kernel(kver, sizeof(kver));
	if (err == 0) {
		err = record_merge_loads(&p.rec, kver);
		if (err == -ENOENT)
			err = 0;
	}
	if (err < 0) {
		ERR("%s: %s\n", SEAL_SYSFS_LOADS, strerror(-err));
		goto out;
	}
	if (p.rec.n == 0) {
		ERR("nothing learned yet: %s is empty or missing and seal.ko records no load (learn=yes in seal.conf, seal-learn.service)\n",
		    learned_path(o));
		err = -ENODATA;
		goto out;
	}
	err = proposal_kernels(&p);
	if (err == 0)
		err = proposal_check(&p, o);
	if (err == 0)
		err = proposal_names(&p);
	if (err < 0)
		goto out;
	report_suspicious(&p);
	if (p.nnames == 0) {
		ERR("%s: nothing to add: every module learned%s is in it already\n", p.policy,
		    p.suspicious ? " and vouched for" : "");
		goto out;
	}
	err = text_load(&old, p.policy);
	if (err == 0)
		err = policy_text(&p, &old, &new, &replaced);
	if (err == 0)
		err = text_check(p.policy, &new);
	if (err < 0) {
		ERR("%s: cannot make the new policy: %s\n", p.policy, strerror(-err));
		goto out;
	}
	if (!accept) {
		print_diff(p.policy, &old, &new, replaced);
		fflush(stdout);
		ERR("%zu name%s to add to %s: seal-mksums --accept writes %s and the list\n", p.nnames,
		    p.nnames == 1 ? "" : "s", p.policy, p.nnames == 1 ? "it" : "them");
		goto out;
	}
	err = seal_write_atomic(p.policy, stat(p.policy, &st) == 0 ? st.st_mode & 07777 : 0644, fill_text, &new);
	if (err < 0) {
		ERR("%s: cannot write it (%s); left as it was\n", p.policy, strerror(-err));
		goto out;
	}
	*wrote = true;
	ERR("%s: %zu name%s added\n", p.policy, p.nnames, p.nnames == 1 ? "" : "s");
out:
	text_free(&old);
	text_free(&new);
	seal_modset_free(m);
	if (err == 0 && !*wrote && !accept)
		err = p.nnames || p.suspicious ? 1 : 0;
	else if (err == 0 && accept)
		err = p.suspicious ? 1 : 0;
	proposal_free(&p);
	return err;
}
