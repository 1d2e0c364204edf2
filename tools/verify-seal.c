// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-verify check 4: is the kernel sealed, with which parameters, and do they still hold. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "log.h"
#include "tool.h"
#include "verify.h"

#define SEAL_TEXT_MAX 8192

/* Strip the trailing newline sysfs adds. */
static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
}

static int read_seal_file(struct verify_ctx *v, const char *name, char *buf, size_t size)
{
	char rel[256];
	char *path;
	int err;

	snprintf(rel, sizeof(rel), "%s/%s", SEAL_SYSFS_DIR, name);
	path = verify_path(v, rel);
	if (!path)
		return -ENOMEM;
	err = verify_read_text(v, rel, buf, size);
	/*
	 * verify_seal() reads only what seal.ko always has once /sys/kernel/seal
	 * exists: a file missing or unreadable there is a gap (exit 2), never read
	 * as "nothing to report" (fail closed).
	 */
	if (err < 0) {
		char why[TOOL_STRERROR_MAX];

		verify_report_error(v->report, "%s: %s: the seal's state not checked", path,
				    tool_open_strerror_at(v->rootfd, rel, err, why));
	}
	free(path);
	if (err == 0)
		chomp(buf);
	return err;
}

/* insmod= / mem_allow=: "PATH dev=MAJ:MIN ino=N" per line; the file must still be that inode. */
static void check_programs(struct verify_ctx *v, const char *param)
{
	char buf[SEAL_TEXT_MAX], *line, *save = NULL;

	if (read_seal_file(v, param, buf, sizeof(buf)) < 0)
		return;
	verify_report_fact(v->report, "seal", param, buf);
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char path[4096], was[64], now[64];
		unsigned int maj, min;
		uint64_t ino;
		struct seal_ident id;
		struct stat st;
		int err;

		if (sscanf(line, "%4095s dev=%u:%u ino=%" SCNu64, path, &maj, &min, &ino) != 4) {
			verify_report_error(v->report, "%s/%s: unexpected line: %.120s",
					    SEAL_SYSFS_DIR, param, line);
			continue;
		}
		snprintf(was, sizeof(was), "%u:%u/%" PRIu64, maj, min, ino);
		/* stat(), not lstat(), as seal_ident_of_path(): the file a symlink ends at, inside the root */
		err = seal_root_stat(v->rootfd, path, &st, 0);
		if (err < 0) {
			snprintf(now, sizeof(now), "%s", strerror(-err));
			VERIFY_FINDING(v->report, "seal-program-changed", path, { "param", param },
				       { "sealed", was }, { "now", now });
			continue;
		}
		id = (struct seal_ident){ st.st_dev, st.st_ino };
		snprintf(now, sizeof(now), "%u:%u/%" PRIu64, major(id.dev), minor(id.dev),
			 (uint64_t)id.ino);
		if (!seal_ident_equal(&id, &(struct seal_ident){ makedev(maj, min), (ino_t)ino }))
			VERIFY_FINDING(v->report, "seal-program-changed", path, { "param", param },
				       { "sealed", was }, { "now", now });
		else
			INFO("%s=%s: same file as at the seal (dev:ino %s)\n", param, path, now);
	}
}

/* ---- A list that changed after the seal ------------------------------------ */

/* The kernel release of a list entry: /lib/modules/KVER/... */
static size_t entry_kver(const char *path, const char **kver)
{
	static const char pre[] = "/lib/modules/";
	const char *end;

	if (strncmp(path, pre, sizeof(pre) - 1) != 0)
		return 0;
	*kver = path + sizeof(pre) - 1;
	end = strchr(*kver, '/');
	return end ? (size_t)(end - *kver) : 0;
}

static int by_path_image(const void *a, const void *b)
{
	const struct seal_sums_entry *x = *(const struct seal_sums_entry *const *)a;
	const struct seal_sums_entry *y = *(const struct seal_sums_entry *const *)b;
	int c = strcmp(x->path, y->path);

	return c ? c : x->image - y->image;
}

static const struct seal_sums_entry **sorted_entries(const struct seal_sums *s, size_t *n)
{
	const struct seal_sums_entry **v;

	*n = seal_sums_count(s);
	v = calloc(*n ? *n : 1, sizeof(*v));
	if (!v)
		return NULL;
	for (size_t i = 0; i < *n; i++)
		v[i] = seal_sums_entry_at(s, i);
	qsort(v, *n, sizeof(*v), by_path_image);
	return v;
}

#define MAX_RELEASES 32

struct release_diff {
	char kver[128];
	unsigned long added, removed, changed;
};

static struct release_diff *release_of(struct release_diff *d, size_t *n, const char *path)
{
	const char *k = "";
	size_t len = entry_kver(path, &k);
	char name[128];

	snprintf(name, sizeof(name), "%.*s", (int)(len ? len : 1), len ? k : "-");
	for (size_t i = 0; i < *n; i++)
		if (strcmp(d[i].kver, name) == 0)
			return &d[i];
	if (*n == MAX_RELEASES)
		return &d[MAX_RELEASES - 1];
	memset(&d[*n], 0, sizeof(d[*n]));
	snprintf(d[*n].kver, sizeof(d[*n].kver), "%s", name);
	return &d[(*n)++];
}

/*
 * The list changed since the seal. seal-load kept the bytes the kernel read in
 * /run/seal/sums.sealed; the kernel's own digest of them proves the copy. The
 * two lists are compared entry by entry, per kernel release: a change to the
 * running kernel's entries (or to entries outside /lib/modules) is tampering,
 * or an update that only the next boot may use (seal-sums-changed, exit 1);
 * entries of other kernels added, removed or changed are what an upgrade does
 * (seal-sums-updated, no effect on the exit status). Returns 0 when the
 * comparison was made and reported, -1 when there is no trustworthy copy.
 */
static int compare_with_sealed_copy(struct verify_ctx *v, const char *list, const char *hex)
{
	struct release_diff rel[MAX_RELEASES];
	const struct seal_sums_entry **a = NULL, **b = NULL;
	struct seal_sums *old = NULL, *now = NULL;
	unsigned char digest[SEAL_SHA256_LEN];
	char copyhex[2 * SEAL_SHA256_LEN + 1];
	size_t na = 0, nb = 0, i = 0, j = 0, nrel = 0;
	int rc = -1;

	if (verify_sha256(v, SEAL_SEALED_COPY, digest) < 0)
		goto out;
	seal_hex_encode(digest, SEAL_SHA256_LEN, copyhex);
	if (strcmp(copyhex, hex) != 0) {
		INFO("%s: not the list the kernel read (sha256 %s); not used\n", SEAL_SEALED_COPY, copyhex);
		goto out;
	}
	if (seal_sums_load_at(v->rootfd, SEAL_SEALED_COPY, NULL, NULL, &old) < 0 ||
	    seal_sums_load_at(v->rootfd, list, NULL, NULL, &now) < 0)
		goto out;
	a = sorted_entries(old, &na);
	b = sorted_entries(now, &nb);
	if (!a || !b)
		goto out;
	while (i < na || j < nb) {
		int c = i == na ? 1 : j == nb ? -1 : by_path_image(&a[i], &b[j]);

		if (c < 0) {
			release_of(rel, &nrel, a[i++]->path)->removed++;
		} else if (c > 0) {
			release_of(rel, &nrel, b[j++]->path)->added++;
		} else {
			if (memcmp(a[i]->digest, b[j]->digest, seal_digest_len(seal_sums_alg(old))) != 0)
				release_of(rel, &nrel, a[i]->path)->changed++;
			i++;
			j++;
		}
	}
	for (size_t k = 0; k < nrel; k++) {
		char ad[24], rm[24], ch[24];
		bool running = strcmp(rel[k].kver, v->kver) == 0 || strcmp(rel[k].kver, "-") == 0;

		snprintf(ad, sizeof(ad), "%lu", rel[k].added);
		snprintf(rm, sizeof(rm), "%lu", rel[k].removed);
		snprintf(ch, sizeof(ch), "%lu", rel[k].changed);
		if (running) {
			VERIFY_FINDING(v->report, "seal-sums-changed", list, { "kernel", rel[k].kver },
				       { "added", ad }, { "removed", rm }, { "changed", ch },
				       { "why", "the-running-kernel's-entries-changed" });
		} else {
			v->benign++;
			VERIFY_FINDING(v->report, "seal-sums-updated", list, { "kernel", rel[k].kver },
				       { "added", ad }, { "removed", rm }, { "changed", ch });
		}
	}
	rc = 0;
out:
	free(a);
	free(b);
	seal_sums_free(old);
	seal_sums_free(now);
	return rc;
}

/* sums: "PATH sha256=HEX entries=N pairs=N" (pairs= from 2026-12): the list on disk must still be the one the kernel read. */
static void check_sums(struct verify_ctx *v)
{
	char buf[SEAL_TEXT_MAX], path[4096], hex[2 * SEAL_SHA256_LEN + 1], now[2 * SEAL_SHA256_LEN + 1];
	char why[TOOL_STRERROR_MAX];
	unsigned char digest[SEAL_SHA256_LEN];
	unsigned long entries;
	int err;

	if (read_seal_file(v, seal_param_at(SEAL_P_SUMS)->name, buf, sizeof(buf)) < 0)
		return;
	verify_report_fact(v->report, "seal", "sums", buf);
	if (buf[0] == '\0') {
		INFO("seal.ko was loaded without sums=\n");
		return;
	}
	if (sscanf(buf, "%4095s sha256=%64s entries=%lu", path, hex, &entries) != 3 ||
	    strlen(hex) != 2 * SEAL_SHA256_LEN) {
		verify_report_error(v->report, "%s/sums: unexpected content: %.120s",
				    SEAL_SYSFS_DIR, buf);
		return;
	}
	err = verify_sha256(v, path, digest);
	if (err < 0) {
		VERIFY_FINDING(v->report, "seal-sums-changed", path, { "sealed", hex },
			       { "now", tool_open_strerror_at(v->rootfd, path, err, why) });
		return;
	}
	seal_hex_encode(digest, SEAL_SHA256_LEN, now);
	if (strcmp(now, hex) == 0)
		return;
	if (compare_with_sealed_copy(v, path, hex) == 0)
		return;
	VERIFY_FINDING(v->report, "seal-sums-changed", path, { "sealed", hex }, { "now", now },
		       { "why", "no-copy-of-the-sealed-list" });
}

/*
 * How many denials of kind were already reported for this boot: the state
 * file's "KIND=N" line, if its "boot=ID" line names the running boot. Each
 * denial is reported once; --since-boot reports all.
 */
static unsigned long long denied_reported(const struct verify_ctx *v, const char *boot, const char *kind)
{
	char want[128], *p;
	size_t n;

	/* a boot that can't be named can't be told from the last one: every denial is new (fail closed) */
	if (v->since_boot || !v->denied_prev[0] || strcmp(boot, "unknown") == 0)
		return 0;
	snprintf(want, sizeof(want), "boot=%s\n", boot);
	if (strncmp(v->denied_prev, want, strlen(want)) != 0)
		return 0;                       /* another boot: the counters started again */
	n = (size_t)snprintf(want, sizeof(want), "\n%s=", kind);
	p = strstr(v->denied_prev, want);
	return p ? strtoull(p + n, NULL, 10) : 0;
}

static void check_denied(struct verify_ctx *v, char *boot, size_t bootlen)
{
	char *dir = verify_path(v, SEAL_SYSFS_DENIED_DIR);
	struct dirent *de;
	size_t used;
	struct dirent **names = NULL;
	int err, n, dfd;

	err = verify_read_text(v, "/proc/sys/kernel/random/boot_id", boot, bootlen);
	if (err == 0) {
		boot[strcspn(boot, "\n")] = '\0';
		err = boot[0] ? 0 : -ENODATA;
	}
	if (err < 0) {
		char why[TOOL_STRERROR_MAX];

		verify_report_error(v->report, "%s/proc/sys/kernel/random/boot_id: %s: every denial since the seal is reported as new",
				    v->root, err == -ENODATA ? "empty"
				    : tool_open_strerror_at(v->rootfd, "/proc/sys/kernel/random/boot_id", err, why));
		snprintf(boot, bootlen, "unknown");
	}
	used = (size_t)snprintf(v->denied_now, sizeof(v->denied_now), "boot=%s\n", boot);
	if (!dir)
		return;
	/* by name: the facts' order is the same on every machine (readdir's depends on the filesystem) */
	dfd = verify_open(v, SEAL_SYSFS_DENIED_DIR, O_RDONLY | O_DIRECTORY);
	n = dfd < 0 ? dfd : scandirat(dfd, ".", &names, NULL, alphasort);
	if (dfd >= 0 && n < 0)
		n = -errno;
	if (dfd >= 0)
		close(dfd);
	if (n < 0) {
		verify_report_error(v->report, "%s: %s: denial counters not checked", dir, strerror(-n));
		free(dir);
		return;
	}
	for (int i = 0; i < n; i++) {
		char rel[512], buf[64], *end;
		unsigned long long count, prev;

		de = names[i];
		if (de->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "denied/%s", de->d_name);
		if (read_seal_file(v, rel, buf, sizeof(buf)) < 0)
			continue;
		errno = 0;
		count = strtoull(buf, &end, 10);
		if (errno || end == buf || *end) {
			verify_report_error(v->report, "%s/%s: not a count: %.40s", dir, de->d_name, buf);
			continue;
		}
		snprintf(rel, sizeof(rel), "denied_%s", de->d_name);
		verify_report_fact(v->report, "seal", rel, buf);
		if (used < sizeof(v->denied_now))
			used += (size_t)snprintf(v->denied_now + used, sizeof(v->denied_now) - used,
						 "%s=%llu\n", de->d_name, count);
		prev = denied_reported(v, boot, de->d_name);
		if (count > prev && prev == 0) {
			VERIFY_FINDING(v->report, "seal-denied", de->d_name, { "count", buf },
				       { "since", "seal" });
		} else if (count > prev) {
			char fresh[32];

			snprintf(fresh, sizeof(fresh), "%llu", count - prev);
			VERIFY_FINDING(v->report, "seal-denied", de->d_name, { "count", buf },
				       { "new", fresh }, { "since", "last-report" });
		} else if (count > 0) {
			INFO("denied/%s=%llu: reported before\n", de->d_name, count);
		}
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
}

/* A name seal.ko wrote escaped, as the bytes it stands for (the report escapes it again, once). */
static void unescaped(char *out, size_t size, const char *esc)
{
	snprintf(out, size, "%s", esc);
	if (seal_unescape(out) < 0)
		snprintf(out, size, "%s", esc);
}

/*
 * seal.ko's record of loads: each digest must still be on the list (sha256
 * lists only). While learning, a load the policy would have refused is
 * expected: it is counted for the seal-learning finding (and still reported
 * loaded-unlisted, which is what --propose will offer).
 */
static void check_loads(struct verify_ctx *v)
{
	char buf[64 * 1024], *line, *save = NULL;
	unsigned long learned = 0;
	int err;

	err = read_seal_file(v, "loads", buf, sizeof(buf));
	if (err < 0)
		return;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct seal_load_record rec;
		unsigned long long overflow = 0;
		char hex[2 * SEAL_SHA256_LEN + 1], name[sizeof(rec.name)];
		int r = seal_loads_parse_line(line, strlen(line), &rec, &overflow);

		if (r == 0) {
			snprintf(hex, sizeof(hex), "%llu", overflow);
			verify_report_fact(v->report, "seal", "loads_overflow", hex);
			verify_report_error(v->report, "%s/loads: %s records dropped by seal.ko: those loads not checked",
					    SEAL_SYSFS_DIR, hex);
			continue;
		}
		if (r < 0) {
			verify_report_error(v->report, "%s/loads: unexpected line: %.120s",
					    SEAL_SYSFS_DIR, line);
			continue;
		}
		learned += rec.verdict[0] && strcmp(rec.verdict, SEAL_VERDICT_OK) != 0;
		if (!v->sums || v->alg != SEAL_ALG_SHA256)
			continue;           /* no list to check against: open_sums() said why */
		seal_hex_encode(rec.sha256, SEAL_SHA256_LEN, hex);
		unescaped(name, sizeof(name), rec.name);
		if (!seal_sums_lookup(v->sums, rec.sha256))
			VERIFY_FINDING(v->report, "loaded-unlisted", name, { "sha256", hex },
				       { "op", rec.op }, { "source", "seal_loads" });
	}
	if (v->learning) {
		char n[24];

		snprintf(n, sizeof(n), "%lu", learned);
		v->benign++;
		VERIFY_FINDING(v->report, "seal-learning", SEAL_KMOD_NAME, { "learn", "yes" },
			       { "off_list_loads", n });
	}
}

/* Was this refused module reported before, in this boot? (the state file's "refused=KEY" lines) */
static bool refused_reported(const struct verify_ctx *v, const char *boot, const char *key)
{
	char want[128];
	const char *p;
	size_t n = strlen(key);

	if (v->since_boot || !v->denied_prev[0])
		return false;
	snprintf(want, sizeof(want), "boot=%s\n", boot);
	if (strncmp(v->denied_prev, want, strlen(want)) != 0)
		return false;
	for (p = strstr(v->denied_prev, "\nrefused="); p; p = strstr(p + 1, "\nrefused="))
		if (strncmp(p + 9, key, n) == 0 && p[9 + n] == '\n')
			return true;
	return false;
}

/*
 * The modules seal.ko refused since the seal, by name (refused: one line per
 * module, digest and reason). Each is a finding once a boot, with what it
 * takes to allow it: its name in the policy, seal-mksums, a reboot.
 */
static void check_refused(struct verify_ctx *v, const char *boot)
{
	char *buf = malloc(256 * 1024), *line, *save = NULL;
	size_t used = strlen(v->denied_now);
	unsigned long fresh = 0;
	int err;

	if (!buf)
		return;
	err = read_seal_file(v, "refused", buf, 256 * 1024);
	if (err < 0) {
		free(buf);
		return;                 /* an older seal.ko: the counters above are all there is */
	}
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct seal_load_record rec;
		unsigned long long overflow = 0;
		char hex[2 * SEAL_SHA256_LEN + 1], key[512], name[sizeof(rec.name)], count[24];
		int r = seal_loads_parse_line(line, strlen(line), &rec, &overflow);

		if (r == 0) {
			verify_report_error(v->report, "%s/refused: %llu more refused modules not kept by seal.ko",
					    SEAL_SYSFS_DIR, overflow);
			continue;
		}
		if (r < 0 || !rec.reason[0]) {
			verify_report_error(v->report, "%s/refused: unexpected line: %.120s", SEAL_SYSFS_DIR, line);
			continue;
		}
		seal_hex_encode(rec.sha256, SEAL_SHA256_LEN, hex);
		snprintf(key, sizeof(key), "%s:%s:%s", rec.name, hex, rec.reason);
		if (used + strlen(key) + 10 < sizeof(v->denied_now))
			used += (size_t)snprintf(v->denied_now + used, sizeof(v->denied_now) - used,
						 "refused=%s\n", key);
		if (refused_reported(v, boot, key)) {
			INFO("refused module %s (%s): reported before\n", rec.name, rec.reason);
			continue;
		}
		unescaped(name, sizeof(name), rec.name);
		snprintf(count, sizeof(count), "%llu", rec.count);
		fresh++;
		if (rec.requested[0]) {
			char req[sizeof(rec.requested)];

			unescaped(req, sizeof(req), rec.requested);
			VERIFY_FINDING(v->report, "refused-module", name, { "sha256", hex },
				       { "reason", rec.reason }, { "op", rec.op }, { "count", count },
				       { "requested", req }, { "policy", SEAL_MODULES_DEFAULT });
		} else {
			VERIFY_FINDING(v->report, "refused-module", name, { "sha256", hex },
				       { "reason", rec.reason }, { "op", rec.op }, { "count", count },
				       { "policy", SEAL_MODULES_DEFAULT });
		}
	}
	if (fresh)
		verify_report_note(v->report,
				   "to allow a refused module: add its name to %s, run seal-mksums, reboot (a module refused as not-listed whose name is in the policy: its file is not what was loaded)",
				   SEAL_MODULES_DEFAULT);
	free(buf);
}

/*
 * A flag as seal.ko shows it: one of its row's two spellings (params.h), else a
 * gap. Sets v->no_remove from no_remove's.
 */
static void check_flag(struct verify_ctx *v, const struct seal_param *p)
{
	char buf[64];

	if (read_seal_file(v, p->name, buf, sizeof(buf)) < 0)
		return;
	verify_report_fact(v->report, "seal", p->name, buf);
	INFO("seal %s=%s\n", p->name, buf);
	if (strcmp(buf, p->on) != 0 && strcmp(buf, p->off) != 0) {
		verify_report_error(v->report, "%s/%s: '%.40s', not %s or %s: the seal's state not checked",
				    SEAL_SYSFS_DIR, p->name, buf, p->off, p->on);
		return;
	}
	if (p->id == SEAL_P_NO_REMOVE)
		v->no_remove = strcmp(buf, p->on) == 0;
	if (p->id == SEAL_P_LEARN)
		v->learning = strcmp(buf, p->on) == 0;
}

int verify_seal(struct verify_ctx *v)
{
	char buf[64], boot[64];
	struct stat st;
	int err;

	err = -seal_root_stat(v->rootfd, SEAL_SYSFS_DIR, &st, 0);
	if (err) {
		if (err != ENOENT) {
			/* can't tell whether seal.ko is there: not sealed as far as we know */
			verify_report_error(v->report, "%s: %s: the seal's state not checked", SEAL_SYSFS_DIR,
					    strerror(err));
			v->not_sealed++;
			VERIFY_FINDING(v->report, "not-sealed", SEAL_KMOD_NAME, { "why", "state-unreadable" },
				       { "missing", SEAL_SYSFS_DIR });
			return 0;
		}
		verify_report_fact(v->report, "seal", "loaded", "no");
		v->not_sealed++;
		VERIFY_FINDING(v->report, "not-sealed", SEAL_KMOD_NAME,
			       { "why", "seal.ko-not-loaded" }, { "missing", SEAL_SYSFS_DIR });
		return 0;
	}
	verify_report_fact(v->report, "seal", "loaded", "yes");
	if (read_seal_file(v, "sealed", buf, sizeof(buf)) < 0) {
		/* seal.ko is there but does not say it is sealed: it is not, as far as anyone can tell */
		v->not_sealed++;
		VERIFY_FINDING(v->report, "not-sealed", SEAL_KMOD_NAME, { "why", "state-unreadable" },
			       { "missing", SEAL_SYSFS_DIR "/sealed" });
	} else {
		verify_report_fact(v->report, "seal", "sealed", buf);
		if (strcmp(buf, "1") != 0 && ++v->not_sealed)
			VERIFY_FINDING(v->report, "not-sealed", SEAL_KMOD_NAME,
				       { "why", "hooks-not-all-active" },
				       { "sealed", buf });
	}
	for (unsigned int i = 0; i < SEAL_P_COUNT; i++)
		if (seal_param_at(i)->kind == SEAL_PARAM_FLAG)
			check_flag(v, seal_param_at(i));
	check_programs(v, seal_param_at(SEAL_P_INSMOD)->name);
	check_programs(v, seal_param_at(SEAL_P_MEM_ALLOW)->name);
	check_sums(v);
	check_denied(v, boot, sizeof(boot));
	check_refused(v, boot);
	check_loads(v);
	return 0;
}
