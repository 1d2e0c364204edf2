/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Raw system calls for the guest tests, one per command: prints "ok" or the errno name and exits 0 or 1. */

/*
 * Built with gcc -static so it runs in the initramfs without libraries. It is
 * also the stand-in "program" of the tests: copied to /usr/bin/Xorg it is the
 * mem_allow= X server, copied to /sbin/modloader it is an insmod= loader.
 * It calls the kernel directly, like an attacker would, never libseal.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE     /* strerrorname_np, ioperm */
#endif
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/if_alg.h>
#include <linux/kexec.h>
#include <linux/module.h>
#include <linux/serial.h>

static const char *prog = "sysload";

static int usage(void)
{
	fprintf(stderr,
		"usage: %1$s finit PATH [PARAMS] [FLAGS]    finit_module; FLAGS: number or compressed,ignore-vermagic,ignore-modversions\n"
		"       %1$s init PATH [PARAMS]             init_module with the file's bytes\n"
		"       %1$s delete NAME [FLAGS]            delete_module; FLAGS: number or nonblock,trunc\n"
		"       %1$s open PATH r|w|rw|rtrunc        open(2)\n"
		"       %1$s truncate PATH                  truncate(2) to 0 bytes, by path\n"
		"       %1$s openhold PATH r|w|rw -- CMD... open, run CMD, then read/write one byte at offset 0\n"
		"       %1$s write PATH TEXT                open O_WRONLY and write TEXT (sysctl/debugfs switches)\n"
		"       %1$s kexec_file KERNEL INITRD|-     kexec_file_load (then unloads what it loaded)\n"
		"       %1$s kexec_load                     kexec_load with no segments\n"
		"       %1$s ioperm | iopl                  ioperm(0x80, 1, 1) / iopl(3)\n"
		"       %1$s pwrite PATH OFFSET             write 8 zero bytes at OFFSET (an MSR through /dev/cpu/N/msr)\n"
		"       %1$s serial DEV                     TIOCSSERIAL moving DEV's I/O port by 8 (TIOCGSERIAL first)\n"
		"       %1$s loadloop PATH N                N x (finit_module + delete_module), prints ns per pair\n"
		"       %1$s openloop PATH N                N x (open + close), prints ns per pair\n"
		"       %1$s initloop PATH N                N x (init_module of the file's bytes + delete_module), ns per pair\n"
		"       %1$s execloop PROG N                N x (fork + execve PROG + wait), prints ns per run\n"
		"       %1$s mmaploop PATH N                N x (mmap PROT_READ|PROT_EXEC of PATH + munmap), ns per pair\n"
		"       %1$s hashloop DRIVER PATH N         N x the SHA-256 of PATH's bytes by the kernel's DRIVER (AF_ALG), ns per hash\n"
		"       %1$s time CMD...                    runs CMD (its stdout to stderr), prints \"ok NS\" if it exits 0\n"
		"       %1$s asuser UID CMD...              runs CMD as user and group UID, no other group (the guest has no su)\n",
		prog);
	return 2;
}

/* Prints the outcome the way the guest scripts match it: "ok" or "EPERM". */
static int report(long rc, int err)
{
	const char *name;

	if (rc >= 0) {
		printf("ok\n");
		return 0;
	}
	name = strerrorname_np(err);
	if (name)
		printf("%s\n", name);
	else
		printf("E%d\n", err);
	return 1;
}

struct flag_name {
	const char *name;
	unsigned int value;
};

static const struct flag_name finit_flags[] = {
	{ "compressed", MODULE_INIT_COMPRESSED_FILE },
	{ "ignore-vermagic", MODULE_INIT_IGNORE_VERMAGIC },
	{ "ignore-modversions", MODULE_INIT_IGNORE_MODVERSIONS },
	{ NULL, 0 },
};

static const struct flag_name delete_flags[] = {
	{ "nonblock", O_NONBLOCK },
	{ "trunc", O_TRUNC },
	{ NULL, 0 },
};

/* "4", "0x4" or "compressed,ignore-vermagic"; returns 0 or -EINVAL naming the bad word. */
static int parse_flags(const char *s, const struct flag_name *names, unsigned int *out)
{
	char *copy = NULL, *word, *save = NULL, *end;
	unsigned long v;
	int err = 0;

	*out = 0;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (*s && !*end && errno == 0) {
		*out = (unsigned int)v;
		return 0;
	}
	copy = strdup(s);
	if (!copy)
		return -ENOMEM;
	for (word = strtok_r(copy, ",|", &save); word; word = strtok_r(NULL, ",|", &save)) {
		const struct flag_name *f;

		for (f = names; f->name; f++)
			if (strcmp(f->name, word) == 0)
				break;
		if (!f->name) {
			fprintf(stderr, "%s: unknown flag '%s'\n", prog, word);
			err = -EINVAL;
			goto out;
		}
		*out |= f->value;
	}
out:
	free(copy);
	return err;
}

static int open_mode(const char *mode)
{
	if (strcmp(mode, "r") == 0)
		return O_RDONLY;
	if (strcmp(mode, "w") == 0)
		return O_WRONLY;
	if (strcmp(mode, "rw") == 0)
		return O_RDWR;
	/* read-only, yet the kernel truncates: O_TRUNC asks for write permission on its own */
	if (strcmp(mode, "rtrunc") == 0)
		return O_RDONLY | O_TRUNC;
	return -1;
}

/* Reads the whole file into a malloc'd buffer; exits 2 with a message if it can't. */
static void *read_file(const char *path, size_t *len)
{
	struct stat st;
	char *buf = NULL;
	size_t got = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(2);
	}
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!buf) {
		fprintf(stderr, "%s: %s: out of memory for %lld bytes\n", prog, path, (long long)st.st_size);
		exit(2);
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n <= 0) {
			fprintf(stderr, "%s: %s: read at %zu: %s\n", prog, path, got,
				n < 0 ? strerror(errno) : "unexpected end of file");
			exit(2);
		}
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return buf;
}

static int open_or_die(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(2);
	}
	return fd;
}

static int cmd_finit(int argc, char **argv)
{
	const char *params = argc > 3 ? argv[3] : "";
	unsigned int flags = 0;
	long rc;
	int fd;

	if (argc < 3 || argc > 5)
		return usage();
	if (argc > 4 && parse_flags(argv[4], finit_flags, &flags) < 0)
		return 2;
	fd = open_or_die(argv[2], O_RDONLY);
	rc = syscall(SYS_finit_module, fd, params, flags);
	return report(rc, errno);
}

static int cmd_init(int argc, char **argv)
{
	const char *params = argc > 3 ? argv[3] : "";
	size_t len;
	void *buf;
	long rc;
	int err;

	if (argc < 3 || argc > 4)
		return usage();
	buf = read_file(argv[2], &len);
	rc = syscall(SYS_init_module, buf, len, params);
	err = errno;
	free(buf);
	return report(rc, err);
}

static int cmd_delete(int argc, char **argv)
{
	unsigned int flags = 0;
	long rc;

	if (argc < 3 || argc > 4)
		return usage();
	if (argc > 3 && parse_flags(argv[3], delete_flags, &flags) < 0)
		return 2;
	rc = syscall(SYS_delete_module, argv[2], flags);
	return report(rc, errno);
}

static int cmd_truncate(int argc, char **argv)
{
	long rc;

	if (argc != 3)
		return usage();
	rc = truncate(argv[2], 0);
	return report(rc, errno);
}

static int cmd_open(int argc, char **argv)
{
	int mode, fd;

	if (argc != 4 || (mode = open_mode(argv[3])) < 0)
		return usage();
	fd = open(argv[2], mode | O_CLOEXEC);
	if (fd >= 0)
		close(fd);
	return report(fd, errno);
}

/*
 * Opens PATH, runs CMD (typically the seal load), then uses the descriptor:
 * reads the byte at offset 0 and, for w/rw, writes it back. Writing back
 * what was read keeps the guest's memory as it was.
 */
static int cmd_openhold(int argc, char **argv)
{
	unsigned char byte = 0;
	int mode, fd, status;
	ssize_t n;
	pid_t pid;

	if (argc < 6 || strcmp(argv[4], "--") != 0 || (mode = open_mode(argv[3])) < 0)
		return usage();
	fd = open(argv[2], mode | O_CLOEXEC);
	if (fd < 0) {
		printf("open: ");
		return report(fd, errno);
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "%s: fork: %s\n", prog, strerror(errno));
		return 2;
	}
	if (pid == 0) {
		execvp(argv[5], &argv[5]);
		fprintf(stderr, "%s: %s: %s\n", prog, argv[5], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fprintf(stderr, "%s: note: %s did not exit 0\n", prog, argv[5]);
	if (mode == O_WRONLY) {
		n = pwrite(fd, &byte, 1, 0);
	} else {
		n = pread(fd, &byte, 1, 0);
		if (n >= 0 && mode == O_RDWR)
			n = pwrite(fd, &byte, 1, 0);
	}
	return report(n, errno);
}

static int cmd_write(int argc, char **argv)
{
	size_t len;
	ssize_t n;
	int fd, err;

	if (argc != 4)
		return usage();
	fd = open(argv[2], O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return report(fd, errno);
	len = strlen(argv[3]);
	n = write(fd, argv[3], len);
	err = errno;
	/* sysctl and debugfs files may report the error only at close */
	if (close(fd) < 0 && n >= 0) {
		n = -1;
		err = errno;
	}
	return report(n, err);
}

static int cmd_kexec_file(int argc, char **argv)
{
	unsigned long flags = 0;
	int kfd, ifd = -1;
	long rc;
	int err;

	if (argc != 4)
		return usage();
	kfd = open_or_die(argv[2], O_RDONLY);
	if (strcmp(argv[3], "-") == 0)
		flags |= KEXEC_FILE_NO_INITRAMFS;
	else
		ifd = open_or_die(argv[3], O_RDONLY);
	rc = syscall(SYS_kexec_file_load, kfd, ifd, 1UL, "", flags);
	err = errno;
	/* never leave a loaded image behind: a later reboot would run it */
	if (rc == 0)
		syscall(SYS_kexec_file_load, -1, -1, 0UL, NULL, KEXEC_FILE_UNLOAD);
	return report(rc, err);
}

static int cmd_kexec_load(int argc, char **argv)
{
	long rc;

	if (argc != 2)
		return usage();
	/* no segments: unloads whatever is loaded, after the same permission checks as a real load */
	rc = syscall(SYS_kexec_load, 0UL, 0UL, NULL, (unsigned long)KEXEC_ARCH_DEFAULT);
	return report(rc, errno);
}

static int cmd_ioperm(int argc, char **argv)
{
	long rc;

	if (argc != 2)
		return usage();
	/* errno is read after the call: report(iopl(3), errno) may read it before. */
	if (strcmp(argv[1], "iopl") == 0)
		rc = iopl(3);
	else
		rc = ioperm(0x80, 1, 1);
	return report(rc, errno);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The module name is the file name up to the first '.', with '-' read as '_' (as the kernel does). */
static void module_name_of(const char *path, char *name, size_t size)
{
	const char *base = strrchr(path, '/');
	size_t i;

	base = base ? base + 1 : path;
	for (i = 0; i + 1 < size && base[i] && base[i] != '.'; i++)
		name[i] = base[i] == '-' ? '_' : base[i];
	name[i] = '\0';
}

/* A positive loop count, or -1 after saying why. */
static long parse_count(const char *cmd, const char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (*end || n <= 0) {
		fprintf(stderr, "%s: %s: bad count '%s'\n", prog, cmd, arg);
		return -1;
	}
	return n;
}

/*
 * N x (load + delete_module) of PATH, timed without the open or read: finit_module of a fresh
 * descriptor each time (flags for .ko.xz), or init_module of the file's bytes (read once) when
 * IMAGE is set. Prints ns per pair.
 */
static int load_loop(const char *cmd, int argc, char **argv, int image)
{
	unsigned int flags = 0;
	long long start, total = 0;
	void *buf = NULL;
	char name[64];
	size_t len = 0;
	long n, i, rc;
	int fd = -1;

	if (argc != 4)
		return usage();
	n = parse_count(cmd, argv[3]);
	if (n < 0)
		return 2;
	module_name_of(argv[2], name, sizeof(name));
	if (image)
		buf = read_file(argv[2], &len);
	else if (strstr(argv[2], ".ko.") != NULL)
		flags = MODULE_INIT_COMPRESSED_FILE;
	for (i = 0; i < n; i++) {
		if (!image)
			fd = open_or_die(argv[2], O_RDONLY);
		start = now_ns();
		rc = image ? syscall(SYS_init_module, buf, len, "") : syscall(SYS_finit_module, fd, "", flags);
		if (rc < 0) {
			printf("load %ld: ", i);
			return report(-1, errno);
		}
		if (syscall(SYS_delete_module, name, O_NONBLOCK) < 0) {
			printf("unload %ld of %s: ", i, name);
			return report(-1, errno);
		}
		total += now_ns() - start;
		if (!image)
			close(fd);
	}
	free(buf);
	printf("ok %lld\n", total / n);
	return 0;
}

static int cmd_loadloop(int argc, char **argv)
{
	return load_loop("loadloop", argc, argv, 0);
}

/* The path of loaders that decompress in userland (kmod 30 for .ko.xz, busybox insmod). */
static int cmd_initloop(int argc, char **argv)
{
	return load_loop("initloop", argc, argv, 1);
}

/* N x (open O_RDONLY + close) of PATH: what the program guards on security_file_open cost. */
static int cmd_openloop(int argc, char **argv)
{
	long long start;
	long n, i;
	int fd;

	if (argc != 4)
		return usage();
	n = parse_count("openloop", argv[3]);
	if (n < 0)
		return 2;
	start = now_ns();
	for (i = 0; i < n; i++) {
		fd = open(argv[2], O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return report(-1, errno);
		close(fd);
	}
	printf("ok %lld\n", (now_ns() - start) / n);
	return 0;
}

/* Runs argv[0] with no arguments and waits; -1 with errno, or its exit status. */
static int spawn_wait(char *const *args)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execv(args[0], args);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* N x (fork + execve PROG + wait): security_bprm_check runs once per execve. */
static int cmd_execloop(int argc, char **argv)
{
	char *args[] = { argv[2], NULL };
	long long start;
	long n, i;
	int rc;

	if (argc != 4)
		return usage();
	n = parse_count("execloop", argv[3]);
	if (n < 0)
		return 2;
	start = now_ns();
	for (i = 0; i < n; i++) {
		rc = spawn_wait(args);
		if (rc != 0) {
			printf("run %ld of %s: status %d: ", i, argv[2], rc);
			return report(-1, rc < 0 ? errno : ECHILD);
		}
	}
	printf("ok %lld\n", (now_ns() - start) / n);
	return 0;
}

/* N x (mmap of PATH's first page, PROT_READ|PROT_EXEC, MAP_PRIVATE + munmap): how shared libraries are mapped. */
static int cmd_mmaploop(int argc, char **argv)
{
	long long start;
	long n, i;
	void *p;
	int fd;

	if (argc != 4)
		return usage();
	n = parse_count("mmaploop", argv[3]);
	if (n < 0)
		return 2;
	fd = open_or_die(argv[2], O_RDONLY);
	start = now_ns();
	for (i = 0; i < n; i++) {
		p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED)
			return report(-1, errno);
		/* touch it, so the page fault is part of what is timed */
		*(volatile char *)p;
		munmap(p, 4096);
	}
	printf("ok %lld\n", (now_ns() - start) / n);
	close(fd);
	return 0;
}

/*
 * hashloop DRIVER PATH N: the kernel's SHA-256 implementation DRIVER (sha256-ni, sha256-generic,
 * ... as /proc/crypto names them) run over PATH's bytes N times through AF_ALG (algif_hash), the
 * bytes read once; prints ns per hash and, on stderr, the digest. What seal.ko's hash of a module
 * costs with that implementation, in this kernel, on this CPU.
 */
static int cmd_hashloop(int argc, char **argv)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG, .salg_type = "hash" };
	unsigned char md[32];
	long long start;
	size_t len;
	long n, i;
	void *buf;
	int tfm, op;

	if (argc != 5)
		return usage();
	if (strlen(argv[2]) >= sizeof(sa.salg_name)) {
		fprintf(stderr, "%s: hashloop: driver name '%s' too long\n", prog, argv[2]);
		return 2;
	}
	memcpy(sa.salg_name, argv[2], strlen(argv[2]) + 1);
	n = parse_count("hashloop", argv[4]);
	if (n < 0)
		return 2;
	buf = read_file(argv[3], &len);
	tfm = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (tfm < 0)
		return report(-1, errno);
	if (bind(tfm, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return report(-1, errno);
	op = accept4(tfm, NULL, NULL, SOCK_CLOEXEC);
	if (op < 0)
		return report(-1, errno);
	start = now_ns();
	for (i = 0; i < n; i++) {
		/* one send without MSG_MORE is the whole message; the read returns its digest */
		errno = 0;
		if (send(op, buf, len, 0) != (ssize_t)len || read(op, md, sizeof(md)) != (ssize_t)sizeof(md))
			return report(-1, errno ? errno : EIO);
	}
	printf("ok %lld\n", (now_ns() - start) / n);
	for (i = 0; i < (long)sizeof(md); i++)
		fprintf(stderr, "%02x", md[i]);
	fprintf(stderr, "  %s\n", argv[3]);
	close(op);
	close(tfm);
	free(buf);
	return 0;
}

/* time CMD...: runs CMD (looked up in PATH, with its arguments) and prints its wall time in ns. */
static int cmd_time(int argc, char **argv)
{
	long long start;
	int status;
	pid_t pid;

	if (argc < 3)
		return usage();
	start = now_ns();
	pid = fork();
	if (pid < 0)
		return report(-1, errno);
	if (pid == 0) {
		/* CMD's own output goes to stderr: "ok NS" is the only line on stdout */
		dup2(2, 1);
		execvp(argv[2], argv + 2);
		fprintf(stderr, "%s: %s: %s\n", prog, argv[2], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return report(-1, errno);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("%s: status %d: ", argv[2], WIFEXITED(status) ? WEXITSTATUS(status) : 128);
		return report(-1, ECHILD);
	}
	printf("ok %lld\n", now_ns() - start);
	return 0;
}

static int cmd_pwrite(int argc, char **argv)
{
	static const char zero[8];
	ssize_t n;
	int fd, err;

	if (argc != 4)
		return usage();
	fd = open(argv[2], O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return report(fd, errno);
	n = pwrite(fd, zero, sizeof(zero), (off_t)strtoull(argv[3], NULL, 0));
	err = errno;
	close(fd);
	return report(n, err);
}

static int cmd_serial(int argc, char **argv)
{
	struct serial_struct ss;
	int fd, rc, err;

	if (argc != 3)
		return usage();
	fd = open(argv[2], O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return report(fd, errno);
	rc = ioctl(fd, TIOCGSERIAL, &ss);
	if (rc == 0) {
		ss.port ^= 8;
		rc = ioctl(fd, TIOCSSERIAL, &ss);
	}
	err = errno;
	close(fd);
	return report(rc, err);
}

static int cmd_asuser(int argc, char **argv)
{
	char *end;
	unsigned long id;

	if (argc < 4)
		return usage();
	errno = 0;
	id = strtoul(argv[2], &end, 10);
	if (errno || *end || end == argv[2] || id > 65535)
		return usage();
	if (setgroups(0, NULL) < 0 || setgid((gid_t)id) < 0 || setuid((uid_t)id) < 0)
		return report(-1, errno);
	execvp(argv[3], argv + 3);
	return report(-1, errno);
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "finit", cmd_finit }, { "init", cmd_init }, { "delete", cmd_delete },
		{ "open", cmd_open }, { "openhold", cmd_openhold }, { "write", cmd_write },
		{ "truncate", cmd_truncate },
		{ "kexec_file", cmd_kexec_file }, { "kexec_load", cmd_kexec_load },
		{ "ioperm", cmd_ioperm }, { "iopl", cmd_ioperm }, { "loadloop", cmd_loadloop },
		{ "openloop", cmd_openloop }, { "initloop", cmd_initloop }, { "execloop", cmd_execloop },
		{ "mmaploop", cmd_mmaploop }, { "hashloop", cmd_hashloop }, { "time", cmd_time },
		{ "pwrite", cmd_pwrite }, { "serial", cmd_serial }, { "asuser", cmd_asuser },
	};
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2)
		return usage();
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(cmds[i].name, argv[1]) == 0)
			return cmds[i].fn(argc, argv);
	fprintf(stderr, "%s: unknown command '%s'\n", prog, argv[1]);
	return usage();
}
