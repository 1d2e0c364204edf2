// SPDX-License-Identifier: GPL-2.0-or-later
/* seal-mksums' output: the list written atomically, the old list read for --append, and --diff. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "tool.h"
#include "mksums.h"

/* ---- the output --------------------------------------------------------- */

static int write_items(FILE *f, const struct items *it, enum seal_alg alg)
{
	for (size_t i = 0; i < it->n; i++) {
		int r = seal_sums_write_entry(f, alg, it->v[i].digest, it->v[i].path,
					      it->v[i].decompressed);

		if (r < 0)
			return r;
	}
	return 0;
}

/*
 * Write the list to output through a temporary file in the same directory,
 * fsync'd and renamed over the old list: a reader sees the old list or the
 * new one, never half of one. On failure the old list is untouched.
 */
struct write_ctx {
	const struct items *it;
	enum seal_alg alg;
};

static int fill_list(FILE *f, void *ctx)
{
	const struct write_ctx *w = ctx;

	return write_items(f, w->it, w->alg);
}

int write_atomic(const char *output, const struct items *it, enum seal_alg alg)
{
	struct write_ctx w = { .it = it, .alg = alg };
	char *resolved = NULL;
	struct stat st;
	mode_t mode = 0644;
	int err = 0;

	if (strcmp(output, "-") == 0) {
		err = write_items(stdout, it, alg);
		if (err == 0 && fflush(stdout) != 0)
			err = -errno;
		if (err < 0)
			ERR("standard output: %s\n", strerror(-err));
		return err;
	}
	/*
	 * A symlinked list (/lib/modules/sha256sums -> /etc/seal/...) is
	 * replaced at its target, not turned into a file; a link that does not
	 * resolve (a loop, dangling) is an error rather than silently replaced.
	 */
	if (lstat(output, &st) == 0 && S_ISLNK(st.st_mode)) {
		resolved = realpath(output, NULL);
		if (!resolved) {
			err = -errno;
			ERR("%s: symlink that does not resolve to the list: %s\n", output,
			    strerror(-err));
			return err;
		}
		output = resolved;
	}
	if (stat(output, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			ERR("%s: not a regular file\n", output);
			err = -EINVAL;
			goto out;
		}
		mode = st.st_mode & 07777;      /* a replaced list keeps its mode */
	} else if (errno != ENOENT) {
		err = -errno;
		ERR("%s: %s\n", output, strerror(-err));
		goto out;
	}
	err = seal_write_atomic(output, mode, fill_list, &w);
	if (err < 0)
		ERR("%s: cannot write the list (%s); left unchanged\n", output, strerror(-err));
	/*
	 * The rename made the list's directory newer than the list (written, synced,
	 * then renamed): the apt hook (update-list --if-changed) takes a directory
	 * under /lib/modules newer than the list for a changed tree. The list's time
	 * is made the rename's, or later.
	 */
	else if (utimensat(AT_FDCWD, output, NULL, 0) < 0)
		WRN("%s: cannot set its modification time (%s): the next apt run rewrites it\n",
		    output, strerror(errno));
out:
	free(resolved);
	return err;
}

int list_lock(const char *output)
{
	char *real = realpath(output, NULL), *dir, *slash;
	int fd;

	/* the list's directory: "/" for /list, "." for a bare name */
	dir = strdup(real ? real : output);
	free(real);
	if (!dir)
		return -1;
	slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");       /* a name is at least one byte */
	else
		slash[slash == dir] = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) < 0) {
		WRN("%s: another seal-mksums is writing a list there: waiting for it\n", dir);
		if (flock(fd, LOCK_EX) < 0) {
			close(fd);
			fd = -1;
		}
	}
	free(dir);
	return fd;
}

/* ---- --append ------------------------------------------------------------ */

/* Load the existing list into it, as entries that are not rehashed. */
int load_old_list(struct items *it, const char *output, struct opts *o, bool alg_given)
{
	struct seal_sums *s = NULL;
	int r;

	r = seal_sums_load(output, tool_report_line, NULL, &s);
	tool_lines_end(NULL);
	if (r == -ENODATA) {
		ERR("%s: the list has no entries (only blanks or comments); nothing to append to\n",
		    output);
		return r;
	}
	if (r == -EINVAL) {
		ERR("%s: not a valid sums list (bad lines above); not appending\n", output);
		return r;
	}
	if (r < 0) {
		ERR("%s: %s\n", output, strerror(-r));
		return r;
	}
	if (alg_given && seal_sums_alg(s) != o->alg) {
		ERR("%s: holds %s digests, not %s\n", output, seal_alg_name(seal_sums_alg(s)),
		    seal_alg_name(o->alg));
		r = -EINVAL;
		goto out;
	}
	o->alg = seal_sums_alg(s);
	for (size_t i = 0; i < seal_sums_count(s); i++) {
		const struct seal_sums_entry *e = seal_sums_entry_at(s, i);

		r = items_add(it, e->path, NULL, e->image);
		if (r < 0)
			goto out;
		memcpy(it->v[it->n - 1].digest, e->digest, seal_digest_len(o->alg));
	}
	r = 0;
out:
	seal_sums_free(s);
	return r;
}

/* A file named on the command line of --append: must be a readable regular module file. */
int check_append_file(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		int e = errno;

		ERR("%s: %s\n", path, strerror(e));
		return -e;
	}
	if (S_ISDIR(st.st_mode)) {
		ERR("%s: is a directory, not a module file\n", path);
		return -EISDIR;
	}
	if (!S_ISREG(st.st_mode)) {
		ERR("%s: not a regular file\n", path);
		return -EINVAL;
	}
	if (!seal_is_module_name(path)) {
		ERR("%s: not named like a module (*.ko, *.ko.xz, *.ko.zst, *.ko.gz)\n", path);
		return -EINVAL;
	}
	return 0;
}

/* ---- --diff: what writing would change ----------------------------------- */

/* The order of a written list: by path, a file's own line before its "#image" line. */
static int entry_cmp(const char *pa, bool ia, const char *pb, bool ib)
{
	int c = strcmp(pa, pb);

	return c ? c : (int)ia - (int)ib;
}

static int entry_ptr_cmp(const void *a, const void *b)
{
	const struct seal_sums_entry *x = *(const struct seal_sums_entry *const *)a;
	const struct seal_sums_entry *y = *(const struct seal_sums_entry *const *)b;

	return entry_cmp(x->path, x->image, y->path, y->image);
}

static void diff_line(char sign, const char *path, bool image, enum seal_alg alg,
		      const unsigned char *old, const unsigned char *now)
{
	char h1[2 * SEAL_DIGEST_MAX + 1], h2[2 * SEAL_DIGEST_MAX + 1];
	const char *what = image ? " (decompressed image)" : "";

	if (old)
		seal_hex_encode(old, seal_digest_len(alg), h1);
	if (now)
		seal_hex_encode(now, seal_digest_len(alg), h2);
	if (sign == '~')
		printf("~ %s%s %s=%s was=%s\n", path, what, seal_alg_name(alg), h2, h1);
	else
		printf("%c %s%s %s=%s\n", sign, path, what, seal_alg_name(alg), sign == '+' ? h2 : h1);
}

/*
 * Compare the new items (sorted) with the list at target, as AIDE's update
 * shows a database change: "+ PATH" added, "- PATH" removed, "~ PATH" changed,
 * then a count. Returns 0 when they hold the same entries, 1 when they
 * differ, -errno when the old list can't be read (a missing one is empty).
 */
int show_diff(const struct items *it, const char *target, enum seal_alg alg)
{
	struct seal_sums *s = NULL;
	const struct seal_sums_entry **old = NULL;
	size_t n = 0, i = 0, j = 0, add = 0, del = 0, chg = 0;
	int r = seal_sums_load(target, tool_report_line, NULL, &s);

	tool_lines_end(NULL);
	if (r < 0 && r != -ENOENT && r != -ENODATA) {
		ERR("%s: cannot compare with it: %s\n", target, strerror(-r));
		return r;
	}
	if (s && seal_sums_alg(s) != alg) {
		ERR("%s: holds %s digests, not %s\n", target, seal_alg_name(seal_sums_alg(s)), seal_alg_name(alg));
		seal_sums_free(s);
		return -EINVAL;
	}
	n = s ? seal_sums_count(s) : 0;
	old = calloc(n ? n : 1, sizeof(*old));
	if (!old) {
		seal_sums_free(s);
		return -ENOMEM;
	}
	for (size_t k = 0; k < n; k++)
		old[k] = seal_sums_entry_at(s, k);
	/* seal-mksums writes lists sorted like items; sort anyway for lists written by hand */
	qsort(old, n, sizeof(*old), entry_ptr_cmp);
	while (i < it->n || j < n) {
		const struct item *e = i < it->n ? &it->v[i] : NULL;
		const struct seal_sums_entry *o = j < n ? old[j] : NULL;
		int c = !e ? 1 : !o ? -1 : entry_cmp(e->path, e->decompressed, o->path, o->image);

		if (c < 0) {
			diff_line('+', e->path, e->decompressed, alg, NULL, e->digest);
			add++;
			i++;
		} else if (c > 0) {
			diff_line('-', o->path, o->image, alg, o->digest, NULL);
			del++;
			j++;
		} else {
			if (memcmp(e->digest, o->digest, seal_digest_len(alg)) != 0) {
				diff_line('~', e->path, e->decompressed, alg, o->digest, e->digest);
				chg++;
			}
			i++;
			j++;
		}
	}
	printf("%s: %zu added, %zu removed, %zu changed (nothing written)\n", target, add, del, chg);
	free(old);
	seal_sums_free(s);
	return add || del || chg;
}
