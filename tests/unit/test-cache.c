// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the digest cache: hits for unchanged files only, and a cache that can't vouch is ignored whole. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "seal/escape.h"
#include "seal/seal.h"
#include "tap.h"

static char dir[] = "/tmp/seal-test-cache.XXXXXX";
static char cpath[600], fa[600], fb[600], fc[600], fgone[600];
static const unsigned char d1[SEAL_DIGEST_MAX] = { 1, 2, 3 }, d2[SEAL_DIGEST_MAX] = { 9, 8, 7 };

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
	close(fd);
}

static struct stat stat_of(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		printf("Bail out! cannot stat %s\n", path);
		exit(1);
	}
	return st;
}

/* A cache read back from disk, with why. */
static struct seal_cache *reopen(char *why, size_t whylen)
{
	struct seal_cache *c = NULL;

	if (seal_cache_open(cpath, true, &c, why, whylen) < 0) {
		printf("Bail out! seal_cache_open: out of memory\n");
		exit(1);
	}
	return c;
}

/* The state of a (put, save, reopen) round for file with d1 as its sha256. */
static void remember(const char *file)
{
	struct seal_cache *c = reopen(NULL, 0);
	struct stat st = stat_of(file);

	seal_cache_put(c, file, &st, &st, SEAL_ALG_SHA256, false, d1);
	is_int(0, seal_cache_save(c), "save");
	seal_cache_free(c);
}

static bool hit(const char *file, enum seal_alg alg, bool image, unsigned char *out)
{
	struct seal_cache *c = reopen(NULL, 0);
	struct stat st = stat_of(file);
	bool r = seal_cache_get(c, &st, alg, image, out);

	seal_cache_free(c);
	return r;
}

static void test_hits(void)
{
	unsigned char got[SEAL_DIGEST_MAX];
	struct seal_cache *c;
	struct stat st = stat_of(fa), before;
	char why[512];

	c = reopen(why, sizeof(why));
	is_str("", why, "a missing cache: empty, nothing to say");
	ok(!seal_cache_get(c, &st, SEAL_ALG_SHA256, false, got), "an empty cache has no hit");
	seal_cache_put(c, fa, &st, &st, SEAL_ALG_SHA256, false, d1);
	seal_cache_put(c, fa, &st, &st, SEAL_ALG_SHA256, true, d2);
	ok(seal_cache_get(c, &st, SEAL_ALG_SHA256, false, got) && memcmp(got, d1, 32) == 0,
	   "a digest put is found in the same run");
	ok(!seal_cache_get(c, &st, SEAL_ALG_MD5, false, got), "a digest not put (md5) is not found");
	is_int(0, seal_cache_save(c), "save writes the cache");
	seal_cache_free(c);
	is_int(0600, stat_of(cpath).st_mode & 07777, "the cache file is mode 0600");

	ok(hit(fa, SEAL_ALG_SHA256, false, got) && memcmp(got, d1, 32) == 0, "read back: the file's digest");
	ok(hit(fa, SEAL_ALG_SHA256, true, got) && memcmp(got, d2, 32) == 0,
	   "read back: the image's digest, apart from the file's");
	ok(!hit(fb, SEAL_ALG_SHA256, false, got), "another file: no hit");

	/* Unchanged: the file on disk is not rewritten. */
	before = stat_of(cpath);
	c = reopen(NULL, 0);
	seal_cache_get(c, &st, SEAL_ALG_SHA256, false, got);
	is_int(0, seal_cache_save(c), "an unchanged run saves");
	seal_cache_free(c);
	ok(stat_of(cpath).st_ino == before.st_ino, "an unchanged run leaves the cache file as it was (no rewrite)");

	/* Changed while it was read: not remembered. */
	c = reopen(NULL, 0);
	before = stat_of(fb);
	st = before;
	st.st_size++;
	seal_cache_put(c, fb, &before, &st, SEAL_ALG_SHA256, false, d1);
	ok(!seal_cache_get(c, &before, SEAL_ALG_SHA256, false, got), "a file whose state moved while read: not remembered");
	seal_cache_free(c);
}

static void test_changes(void)
{
	unsigned char got[SEAL_DIGEST_MAX];
	struct timespec times[2];
	struct stat st;
	char tmp[700];

	/* Same size, mtime put back: ctime moves. */
	remember(fa);
	st = stat_of(fa);
	write_file(fa, "AAAA");         /* the same length as "aaaa" */
	times[0] = st.st_atim;
	times[1] = st.st_mtim;
	utimensat(AT_FDCWD, fa, times, 0);
	ok(stat_of(fa).st_size == st.st_size && stat_of(fa).st_mtim.tv_nsec == st.st_mtim.tv_nsec,
	   "setup: same size and mtime as before");
	ok(!hit(fa, SEAL_ALG_SHA256, false, got), "rewritten, same size, mtime restored: no hit (ctime moved)");

	/* Replaced by rename: another inode. */
	remember(fb);
	snprintf(tmp, sizeof(tmp), "%s.new", fb);
	write_file(tmp, "bbbb");
	st = stat_of(fb);
	times[0] = st.st_atim;
	times[1] = st.st_mtim;
	utimensat(AT_FDCWD, tmp, times, 0);
	rename(tmp, fb);
	ok(!hit(fb, SEAL_ALG_SHA256, false, got), "replaced by rename, same bytes and mtime: no hit");

	/* Truncated. */
	remember(fc);
	if (truncate(fc, 1) < 0)
		printf("# truncate: %s\n", strerror(errno));
	ok(!hit(fc, SEAL_ALG_SHA256, false, got), "truncated: no hit");
}

static void test_racy(void)
{
	unsigned char got[SEAL_DIGEST_MAX];
	struct seal_cache *c = reopen(NULL, 0);
	char fresh[700];
	struct stat st;

	snprintf(fresh, sizeof(fresh), "%s/fresh", dir);
	write_file(fresh, "new");
	st = stat_of(fresh);
	seal_cache_put(c, fresh, &st, &st, SEAL_ALG_SHA256, false, d1);
	ok(seal_cache_get(c, &st, SEAL_ALG_SHA256, false, got), "a file changed a moment ago serves this run");
	seal_cache_save(c);
	seal_cache_free(c);
	ok(!hit(fresh, SEAL_ALG_SHA256, false, got), "... but is not written back (racy: timestamps too coarse)");
}

static void test_prune(void)
{
	unsigned char got[SEAL_DIGEST_MAX];
	struct seal_cache *c;
	struct stat st = stat_of(fgone);

	remember(fgone);
	c = reopen(NULL, 0);            /* a run that meets no file */
	is_int(0, seal_cache_save(c), "a run that meets nothing saves");
	seal_cache_free(c);
	ok(hit(fgone, SEAL_ALG_SHA256, false, got), "an entry not met in a run is kept while its file is unchanged");
	unlink(fgone);
	c = reopen(NULL, 0);
	seal_cache_save(c);
	seal_cache_free(c);
	c = reopen(NULL, 0);
	ok(!seal_cache_get(c, &st, SEAL_ALG_SHA256, false, got), "... and dropped once its file is gone");
	seal_cache_free(c);
}

/* The cache file replaced by text, then reopened: ignored whole, and why says why. */
static void expect_ignored(const char *text, bool add_sum, const char *want_why, const char *name)
{
	unsigned char sum[SEAL_SHA256_LEN], got[SEAL_DIGEST_MAX];
	char hex[2 * SEAL_SHA256_LEN + 1], why[512], full[4096];
	struct seal_cache *c;

	snprintf(full, sizeof(full), "%s", text);
	if (add_sum) {
		seal_hash_buf(SEAL_ALG_SHA256, text, strlen(text), sum);
		seal_hex_encode(sum, sizeof(sum), hex);
		snprintf(full, sizeof(full), "%send %s\n", text, hex);
	}
	unlink(cpath);
	write_file(cpath, full);
	chmod(cpath, 0600);
	c = reopen(why, sizeof(why));
	ok(!seal_cache_get(c, &(struct stat){ .st_mode = S_IFREG }, SEAL_ALG_SHA256, false, got) &&
	   strstr(why, want_why), name);
	if (!strstr(why, want_why))
		printf("# why: %s\n", why);
	seal_cache_free(c);
}

static void test_untrusted(void)
{
	unsigned char got[SEAL_DIGEST_MAX];
	char why[512], line[1024], hex[65], esc[700], cdir[600];
	struct seal_cache *c;
	struct stat st;

	snprintf(cdir, sizeof(cdir), "%s", cpath);
	/* A well-formed cache that holds fa: the base for the variants below. */
	unlink(cpath);
	remember(fa);
	ok(hit(fa, SEAL_ALG_SHA256, false, got), "setup: fa is cached");

	chmod(cpath, 0622);
	c = reopen(why, sizeof(why));
	st = stat_of(fa);
	ok(!seal_cache_get(c, &st, SEAL_ALG_SHA256, false, got) && strstr(why, "writable by others"),
	   "a group/world-writable cache: ignored");
	seal_cache_free(c);
	chmod(cpath, 0600);

	if (geteuid() == 0) {
		if (chown(cpath, 65534, 65534) == 0) {
			c = reopen(why, sizeof(why));
			ok(!seal_cache_get(c, &st, SEAL_ALG_SHA256, false, got) && strstr(why, "not owned by uid 0"),
			   "a cache owned by someone else: ignored");
			seal_cache_free(c);
		}
		if (chown(cpath, 0, 0) < 0)
			printf("Bail out! chown back\n");
	} else {
		printf("ok %d - a cache owned by someone else # SKIP not root\n", ++tap_n);
	}

	*strrchr(cdir, '/') = '\0';
	chmod(cdir, 0777);
	c = reopen(why, sizeof(why));
	ok(!seal_cache_get(c, &st, SEAL_ALG_SHA256, false, got) && strstr(why, "its directory"),
	   "a cache in a directory others can write: ignored");
	seal_cache_free(c);
	chmod(cdir, 0700);

	/* A symlink to a good cache is not followed. */
	{
		char link[700];

		snprintf(link, sizeof(link), "%s/link.cache", dir);
		symlink(cpath, link);
		c = NULL;
		seal_cache_open(link, true, &c, why, sizeof(why));
		ok(!seal_cache_get(c, &st, SEAL_ALG_SHA256, false, got) && strstr(why, "a symlink"),
		   "a symlinked cache: ignored");
		seal_cache_free(c);
	}

	/* The entry's text as written, then variants of it. */
	seal_escape(esc, sizeof(esc), fa);
	seal_hex_encode(d1, 32, hex);
	snprintf(line, sizeof(line), "seal-digest-cache 1\n%llu %llu %llu %lld.%09ld %lld.%09ld %s sha256=%s\n",
		 (unsigned long long)st.st_dev, (unsigned long long)st.st_ino, (unsigned long long)st.st_size,
		 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_ctim.tv_sec,
		 st.st_ctim.tv_nsec, esc, hex);
	{
		char good[1024];
		struct seal_cache *g;

		snprintf(good, sizeof(good), "%s", line);
		expect_ignored(good, false, "not the checksum", "no checksum line (cut short): ignored");
		/* with the checksum it is believed: the variants below differ by one thing each */
		unsigned char sum[32];
		char sh[65], full[2048];

		seal_hash_buf(SEAL_ALG_SHA256, good, strlen(good), sum);
		seal_hex_encode(sum, 32, sh);
		snprintf(full, sizeof(full), "%send %s\n", good, sh);
		unlink(cpath);
		write_file(cpath, full);
		chmod(cpath, 0600);
		g = reopen(why, sizeof(why));
		ok(seal_cache_get(g, &st, SEAL_ALG_SHA256, false, got) && memcmp(got, d1, 32) == 0,
		   "setup: the hand-written cache with its checksum is read");
		seal_cache_free(g);

		/* one digit of the digest changed, the checksum kept */
		full[strlen(good) - 2] ^= 1;
		unlink(cpath);
		write_file(cpath, full);
		chmod(cpath, 0600);
		g = reopen(why, sizeof(why));
		ok(!seal_cache_get(g, &st, SEAL_ALG_SHA256, false, got) && strstr(why, "not the checksum"),
		   "a digit flipped under the checksum: ignored");
		seal_cache_free(g);
	}
	snprintf(line + strlen(line), sizeof(line) - strlen(line), "1 2 3 garbage\n");
	expect_ignored(line, true, ":3: malformed entry", "a malformed line under a good checksum: ignored, line named");
	expect_ignored("seal-verify-cache 1 sha256\n", true, ":1: not a seal-digest-cache 1 file",
		       "another format: ignored");
	expect_ignored("seal-digest-cache 1\n1 2 3 4.5 6.7 /x bogus=00\n", true, ":2: malformed entry",
		       "an unknown digest kind: ignored");
	expect_ignored("seal-digest-cache 1\n1 2 3 4.5 6.7 /x sha256=00\n", true, ":2: malformed entry",
		       "a digest of the wrong length: ignored");
	/* the numbers as save() writes them, and nothing else: no sign but a time's '-', no overflow */
	expect_ignored("seal-digest-cache 1\n1 2 3 4.1234567890 6.7 /x sha256=" "0000000000000000000000000000000000000000000000000000000000000000\n",
		       true, ":2: malformed entry", "ten digits of nanoseconds: ignored");
	expect_ignored("seal-digest-cache 1\n1 2 -3 4.5 6.7 /x sha256=" "0000000000000000000000000000000000000000000000000000000000000000\n",
		       true, ":2: malformed entry", "a negative size: ignored");
	expect_ignored("seal-digest-cache 1\n1 18446744073709551616 3 4.5 6.7 /x sha256=" "0000000000000000000000000000000000000000000000000000000000000000\n",
		       true, ":2: malformed entry", "an inode number past 64 bits: ignored");
	expect_ignored("seal-digest-cache 1\n1 2 +3 4.5 6.7 /x sha256=" "0000000000000000000000000000000000000000000000000000000000000000\n",
		       true, ":2: malformed entry", "a '+' sign: ignored");
	expect_ignored("seal-digest-cache 1\n1  2 3 4.5 6.7 /x sha256=" "0000000000000000000000000000000000000000000000000000000000000000\n",
		       true, ":2: malformed entry", "two spaces between numbers: ignored");
	expect_ignored("seal-digest-cache 1\n1 2 3 4.5 6.7 /x sha256=" "0000000000000000000000000000000000000000000000000000000000000000\n"
		       "1 2 9 4.5 6.7 /y sha256=" "0000000000000000000000000000000000000000000000000000000000000000\n",
		       true, "two entries for one inode", "two entries for one inode: ignored");

	/* An ignored cache is replaced by a good one at the next save. */
	remember(fa);
	ok(hit(fa, SEAL_ALG_SHA256, false, got), "an ignored cache is rewritten whole at the next save");
}

/* A file dated before 1970 (a negative mtime, as some archives unpack): remembered and found again. */
static char fold[600];

static void make_before_1970(void)
{
	struct timespec t[2] = { { .tv_sec = -12345, .tv_nsec = 678901234 }, { .tv_sec = -12345, .tv_nsec = 678901234 } };

	snprintf(fold, sizeof(fold), "%s/old.ko", dir);
	write_file(fold, "old");
	if (utimensat(AT_FDCWD, fold, t, 0) < 0) {
		printf("Bail out! utimensat: %s\n", strerror(errno));
		exit(1);
	}
}

static void test_before_1970(void)
{
	unsigned char got[SEAL_DIGEST_MAX];
	const char *old = fold;

	remember(old);
	ok(hit(old, SEAL_ALG_SHA256, false, got) && memcmp(got, d1, 32) == 0,
	   "an mtime before 1970: written and read back");
}

int main(void)
{
	char cmd[700];

	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	snprintf(cpath, sizeof(cpath), "%s/sub/digest.cache", dir);
	snprintf(fa, sizeof(fa), "%s/a.ko", dir);
	snprintf(fb, sizeof(fb), "%s/b.ko", dir);
	snprintf(fc, sizeof(fc), "%s/c.ko", dir);
	snprintf(fgone, sizeof(fgone), "%s/gone.ko", dir);
	write_file(fa, "aaaa");
	write_file(fb, "bbbb");
	write_file(fc, "cccc");
	write_file(fgone, "gone");
	make_before_1970();
	/* Files changed in the second before a run are not written back: let these age. */
	sleep(2);
	test_hits();
	test_racy();
	test_prune();
	test_untrusted();
	test_changes();
	test_before_1970();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
