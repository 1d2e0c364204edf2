// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of hashing: FIPS/RFC test vectors for MD5 and SHA-256, streams, and sha256sum on a real module. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "seal/seal.h"
#include "tap.h"

#define MILLION 1000000
#define NIST448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"

struct vector {
	enum seal_alg alg;
	const char *name;
	const char *msg;         /* NULL: one million 'a' */
	const char *hex;
};

static const struct vector vectors[] = {
	{ SEAL_ALG_MD5, "md5 of the empty string", "", "d41d8cd98f00b204e9800998ecf8427e" },
	{ SEAL_ALG_MD5, "md5 of \"abc\"", "abc", "900150983cd24fb0d6963f7d28e17f72" },
	{ SEAL_ALG_MD5, "md5 of the 448-bit NIST message", NIST448,
	  "8215ef0796a20bcaaae116d3876c664a" },
	{ SEAL_ALG_MD5, "md5 of a million 'a'", NULL, "7707d6ae4e027c70eea2a935c2296f21" },
	{ SEAL_ALG_SHA256, "sha256 of the empty string", "",
	  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ SEAL_ALG_SHA256, "sha256 of \"abc\"", "abc",
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ SEAL_ALG_SHA256, "sha256 of the 448-bit NIST message", NIST448,
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ SEAL_ALG_SHA256, "sha256 of a million 'a'", NULL,
	  "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
};

static char tmpdir[] = "/tmp/seal-test-hash.XXXXXX";
static char million_path[600];
static char million[MILLION];

static const char *hex_of(enum seal_alg alg, const unsigned char *d)
{
	static char hex[2 * SEAL_DIGEST_MAX + 1];

	seal_hex_encode(d, seal_digest_len(alg), hex);
	return hex;
}

static void test_vectors_buf(void)
{
	unsigned char d[SEAL_DIGEST_MAX];
	char name[128];
	size_t i;
	int err;

	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		const struct vector *v = &vectors[i];
		const char *m = v->msg ? v->msg : million;
		size_t len = v->msg ? strlen(v->msg) : MILLION;

		err = seal_hash_buf(v->alg, m, len, d);
		snprintf(name, sizeof(name), "buffer: %s", v->name);
		if (err < 0)
			tap_result(0, name, "seal_hash_buf returned %d", err);
		else
			is_str(v->hex, hex_of(v->alg, d), name);
	}
}

/* A million 'a' from a file and from a pipe: crosses the 64 KiB chunk boundary many times. */
static void test_vectors_stream(void)
{
	unsigned char d[SEAL_DIGEST_MAX];
	int fd, fds[2], status;
	pid_t pid;

	is_int(0, seal_hash_file(SEAL_ALG_SHA256, million_path, d), "file of a million 'a' hashes");
	is_str(vectors[7].hex, hex_of(SEAL_ALG_SHA256, d), "file: sha256 of a million 'a'");
	is_int(0, seal_hash_file(SEAL_ALG_MD5, million_path, d), "file of a million 'a' hashes (md5)");
	is_str(vectors[3].hex, hex_of(SEAL_ALG_MD5, d), "file: md5 of a million 'a'");

	fd = open(million_path, O_RDONLY);
	if (fd < 0 || lseek(fd, 999944, SEEK_SET) != 999944) {
		ok(0, "open and seek the million-'a' file");
	} else {
		unsigned char want[SEAL_DIGEST_MAX];

		seal_hash_buf(SEAL_ALG_SHA256, million, MILLION - 999944, want);
		is_int(0, seal_hash_fd(SEAL_ALG_SHA256, fd, d), "fd hashes from its current offset");
		ok(memcmp(d, want, SEAL_SHA256_LEN) == 0, "fd after a seek: digest of the last 56 bytes only");
	}
	if (fd >= 0)
		close(fd);

	if (pipe(fds) < 0) {
		ok(0, "pipe()");
		return;
	}
	pid = fork();
	if (pid == 0) {
		size_t off = 0;

		close(fds[0]);
		/* Odd-sized writes, so reads come back short and unaligned. */
		while (off < MILLION) {
			size_t n = MILLION - off < 4097 ? MILLION - off : 4097;
			ssize_t w = write(fds[1], million + off, n);

			if (w <= 0)
				_exit(1);
			off += (size_t)w;
		}
		_exit(0);
	}
	close(fds[1]);
	is_int(0, seal_hash_fd(SEAL_ALG_SHA256, fds[0], d), "pipe of a million 'a' hashes");
	is_str(vectors[7].hex, hex_of(SEAL_ALG_SHA256, d), "pipe: sha256 of a million 'a'");
	close(fds[0]);
	waitpid(pid, &status, 0);
}

static void test_errors(void)
{
	unsigned char d[SEAL_DIGEST_MAX];

	is_int(-EINVAL, seal_hash_buf(SEAL_ALG_NONE, "x", 1, d), "no algorithm: buffer is -EINVAL");
	is_int(-EINVAL, seal_hash_file(SEAL_ALG_NONE, million_path, d),
	       "no algorithm: file is -EINVAL");
	is_int(-ENOENT, seal_hash_file(SEAL_ALG_SHA256, "/nonexistent/seal.ko", d),
	       "missing file is -ENOENT");
	is_int(-EISDIR, seal_hash_file(SEAL_ALG_SHA256, tmpdir, d), "directory is -EISDIR");
	is_int(-EBADF, seal_hash_fd(SEAL_ALG_SHA256, -1, d), "bad fd is -EBADF");
}

/* First word of `TOOL FILE`: the digest coreutils prints. */
static int coreutils_hex(const char *tool, const char *path, char *hex, size_t hexlen)
{
	char cmd[1200];
	FILE *p;
	int ok_ = 0;

	snprintf(cmd, sizeof(cmd), "%s '%s'", tool, path);
	p = popen(cmd, "r");
	if (!p)
		return 0;
	if (fscanf(p, "%64s", hex) == 1 && strlen(hex) < hexlen)
		ok_ = 1;
	pclose(p);
	return ok_;
}

static void test_real_module(void)
{
	const char *moddir = getenv("SEAL_TEST_MODDIR_6_1");
	char path[1024], want[80];
	unsigned char d[SEAL_DIGEST_MAX];

	if (!moddir || !*moddir) {
		printf("ok %d - real module: sha256 equals sha256sum # SKIP SEAL_TEST_MODDIR_6_1 unset "
		       "(Debian 6.1 image could not be fetched; see tests/lib/testenv.sh)\n", ++tap_n);
		printf("ok %d - real module: md5 equals md5sum # SKIP SEAL_TEST_MODDIR_6_1 unset\n",
		       ++tap_n);
		return;
	}
	snprintf(path, sizeof(path), "%s/kernel/drivers/net/dummy.ko", moddir);
	if (!coreutils_hex("sha256sum", path, want, sizeof(want))) {
		tap_result(0, "real module: sha256sum runs", "sha256sum %s gave no digest", path);
	} else {
		is_int(0, seal_hash_file(SEAL_ALG_SHA256, path, d), "real module: dummy.ko hashes");
		is_str(want, hex_of(SEAL_ALG_SHA256, d), "real module: sha256 equals sha256sum");
	}
	if (!coreutils_hex("md5sum", path, want, sizeof(want))) {
		tap_result(0, "real module: md5sum runs", "md5sum %s gave no digest", path);
	} else {
		is_int(0, seal_hash_file(SEAL_ALG_MD5, path, d), "real module: dummy.ko hashes (md5)");
		is_str(want, hex_of(SEAL_ALG_MD5, d), "real module: md5 equals md5sum");
	}
}

int main(void)
{
	char cmd[128];
	int fd;

	memset(million, 'a', sizeof(million));
	if (!mkdtemp(tmpdir))
		skip_all("mkdtemp failed: no writable /tmp");
	snprintf(million_path, sizeof(million_path), "%s/million-a", tmpdir);
	fd = open(million_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, million, MILLION) != MILLION)
		skip_all("cannot write the million-'a' file in /tmp");
	close(fd);

	test_vectors_buf();
	test_vectors_stream();
	test_errors();
	test_real_module();

	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmpdir);
	return tap_done();
}
