/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Guest attacker: loads and attaches a BPF program on a function seal hooks (raw bpf(2), no libbpf), then runs a command while it is attached. */

/*
 *   attack-bpf KIND FUNCTION [OPTIONS] -- CMD ARGS...
 *
 * KIND:
 *   kprobe     BPF_PROG_TYPE_KPROBE, "return 0", on a perf kprobe at FUNCTION
 *   override   BPF_PROG_TYPE_KPROBE calling bpf_override_return(ctx, 0): skip FUNCTION, return 0
 *   write_user BPF_PROG_TYPE_KPROBE calling bpf_probe_write_user(0, stack, 8), on a kprobe at FUNCTION
 *   write_ctx  BPF_PROG_TYPE_KPROBE writing its context (di = 42), on a uprobe at this program's own
 *              seal_victim(int x) { return x; } (FUNCTION is ignored): after the attach it calls
 *              seal_victim(1) and prints "victim: N", 42 if the program rewrote the register
 *              (6.18+, kprobe_write_ctx; older verifiers refuse the write)
 *   fentry     BPF_PROG_TYPE_TRACING / BPF_TRACE_FENTRY
 *   fexit      BPF_PROG_TYPE_TRACING / BPF_TRACE_FEXIT
 *   fmod_ret   BPF_PROG_TYPE_TRACING / BPF_MODIFY_RETURN, returning 0 ("call the original"), or --ret
 *   lsm        BPF_PROG_TYPE_LSM / BPF_LSM_MAC on bpf_lsm_FUNCTION, returning 0
 *
 * OPTIONS:
 *   --ret N|argN        fmod_ret: return N, or FUNCTION's argument N (e.g. arg2, the size
 *                       of security_kernel_post_read_file): a non-zero return skips FUNCTION
 *   --load-only         load the program, print the result, exit (no attach, no CMD)
 *   --attach-after FILE load now, attach once FILE exists (a program loaded before the seal)
 *   --before-finit PATH call finit_module(PATH) (compressed unless .ko) in this process before the load and print
 *                       "before: ok|ERRNO" (leaves a load record in this task, the stale-record case)
 *
 * CMD "@finit PATH FLAGS" runs finit_module in this same process (FLAGS 0 or compressed)
 * and prints "finit: ok|ERRNO"; any other CMD runs in a child.
 *
 * The tracing kinds find FUNCTION's BTF id in /sys/kernel/btf/vmlinux and
 * attach with BPF_RAW_TRACEPOINT_OPEN. Prints "load: ok|ERRNO", "attach:
 * ok|ERRNO" (with the verifier's last line on a load failure), then runs CMD
 * with the program still attached and exits with CMD's status; exits 1 when
 * the load or attach fails, 2 on a usage or setup error.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/module.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/perf_event.h>
#include <asm/ptrace.h>

static char vlog[65536];

static const char *errname(int err)
{
	const char *n = strerrorname_np(err);

	return n ? n : "E?";
}

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

/* The size in bytes of what follows a struct btf_type of this kind (include/uapi/linux/btf.h). */
static size_t btf_extra(const struct btf_type *t)
{
	unsigned int vlen = BTF_INFO_VLEN(t->info);

	switch (BTF_INFO_KIND(t->info)) {
	case BTF_KIND_INT: return 4;
	case BTF_KIND_ARRAY: return sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: return vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM: return vlen * sizeof(struct btf_enum);
	case BTF_KIND_FUNC_PROTO: return vlen * sizeof(struct btf_param);
	case BTF_KIND_VAR: return sizeof(struct btf_var);
	case BTF_KIND_DATASEC: return vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_DECL_TAG: return sizeof(struct btf_decl_tag);
	case BTF_KIND_ENUM64: return vlen * sizeof(struct btf_enum64);
	default: return 0;
	}
}

/* The BTF id of the FUNC named name in vmlinux, or -1. */
static int btf_func_id(const char *name)
{
	const struct btf_header *h;
	const char *types, *strs;
	unsigned char *buf;
	size_t size = 0, cap = 16 << 20, off;
	ssize_t n;
	int fd, id = 1, found = -1;

	fd = open("/sys/kernel/btf/vmlinux", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		printf("btf: /sys/kernel/btf/vmlinux: %s\n", errname(errno));
		return -1;
	}
	buf = malloc(cap);
	while (buf && (n = read(fd, buf + size, cap - size)) > 0) {
		size += (size_t)n;
		if (size == cap)
			buf = realloc(buf, cap *= 2);
	}
	close(fd);
	if (!buf || size < sizeof(*h))
		return -1;
	h = (const struct btf_header *)buf;
	if (h->magic != BTF_MAGIC || h->hdr_len + h->type_off + h->type_len > size ||
	    h->hdr_len + h->str_off + h->str_len > size)
		return -1;
	types = (const char *)buf + h->hdr_len + h->type_off;
	strs = (const char *)buf + h->hdr_len + h->str_off;
	for (off = 0; off + sizeof(struct btf_type) <= h->type_len; id++) {
		const struct btf_type *t = (const struct btf_type *)(types + off);

		if (BTF_INFO_KIND(t->info) == BTF_KIND_FUNC && t->name_off < h->str_len &&
		    strcmp(strs + t->name_off, name) == 0) {
			found = id;
			break;
		}
		off += sizeof(*t) + btf_extra(t);
	}
	free(buf);
	return found;
}

static int prog_load(enum bpf_prog_type type, enum bpf_attach_type expected, int btf_id,
		     const struct bpf_insn *insns, unsigned int cnt)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = type;
	attr.expected_attach_type = expected;
	attr.attach_btf_id = btf_id;
	attr.insns = (uintptr_t)insns;
	attr.insn_cnt = cnt;
	attr.license = (uintptr_t)"GPL";
	attr.log_buf = (uintptr_t)vlog;
	attr.log_size = sizeof(vlog);
	attr.log_level = 1;
	fd = (int)sys_bpf(BPF_PROG_LOAD, &attr);
	if (fd < 0) {
		int err = errno;
		char *last = NULL, *p;

		/* the verifier's last non-empty line says why */
		for (p = strtok(vlog, "\n"); p; p = strtok(NULL, "\n"))
			last = p;
		printf("load: %s%s%s\n", errname(err), last ? " verifier: " : "", last ? last : "");
		errno = err;
		return -1;
	}
	printf("load: ok\n");
	return fd;
}

/* A perf kprobe on func with prog attached; returns the perf fd or -1. */
static int attach_kprobe(int prog, const char *func)
{
	struct perf_event_attr pa;
	char buf[32] = { 0 };
	int tfd, pfd, type;

	tfd = open("/sys/bus/event_source/devices/kprobe/type", O_RDONLY | O_CLOEXEC);
	if (tfd < 0 || read(tfd, buf, sizeof(buf) - 1) <= 0) {
		printf("attach: no kprobe PMU (%s)\n", errname(errno));
		return -1;
	}
	close(tfd);
	type = atoi(buf);
	memset(&pa, 0, sizeof(pa));
	pa.size = sizeof(pa);
	pa.type = type;
	pa.config1 = (uintptr_t)func;   /* kprobe_func */
	pa.config2 = 0;                 /* probe_offset */
	pfd = (int)syscall(SYS_perf_event_open, &pa, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (pfd < 0) {
		printf("attach: perf_event_open kprobe %s: %s\n", func, errname(errno));
		return -1;
	}
	if (ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog) < 0 || ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0) < 0) {
		printf("attach: %s\n", errname(errno));
		return -1;
	}
	printf("attach: ok\n");
	return pfd;
}

static int attach_tracing(int prog)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.raw_tracepoint.name = 0;
	attr.raw_tracepoint.prog_fd = prog;
	fd = (int)sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr);
	printf("attach: %s\n", fd >= 0 ? "ok" : errname(errno));
	return fd;
}

/* finit_module(path) in this process; prints "TAG: ok|ERRNO"; returns 0 on success. */
static int self_finit(const char *tag, const char *path, const char *flags)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc, err;
	int fl = strcmp(flags, "compressed") == 0 ? MODULE_INIT_COMPRESSED_FILE : 0;

	if (fd < 0) {
		printf("%s: open %s: %s\n", tag, path, errname(errno));
		return 1;
	}
	rc = (int)syscall(SYS_finit_module, fd, "", fl);
	err = errno;
	close(fd);
	printf("%s: %s\n", tag, rc == 0 ? "ok" : errname(err));
	return rc == 0 ? 0 : 1;
}

/* The uprobe target: returns its argument, unless a program rewrote the register it came in. */
__attribute__((noinline)) int seal_victim(int x);
__attribute__((noinline)) int seal_victim(int x)
{
	__asm__ volatile("" ::: "memory");
	return x;
}

/* The file offset of seal_victim in /proc/self/exe, from the mapping that holds it. */
static long victim_offset(void)
{
	unsigned long addr = (unsigned long)&seal_victim, start, end, off;
	char line[512], perm[8];
	FILE *f = fopen("/proc/self/maps", "re");
	long found = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx-%lx %7s %lx", &start, &end, perm, &off) == 4 &&
		    addr >= start && addr < end) {
			found = (long)(addr - start + off);
			break;
		}
	fclose(f);
	return found;
}

/* A perf uprobe on seal_victim with prog attached; returns the perf fd or -1. */
static int attach_uprobe_victim(int prog)
{
	struct perf_event_attr pa;
	static char exe[4096];
	char buf[32] = { 0 };
	int tfd, pfd;
	ssize_t n;
	long off = victim_offset();

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	tfd = open("/sys/bus/event_source/devices/uprobe/type", O_RDONLY | O_CLOEXEC);
	if (n <= 0 || off < 0 || tfd < 0 || read(tfd, buf, sizeof(buf) - 1) <= 0) {
		printf("attach: no uprobe PMU or no offset for seal_victim (%s)\n", errname(errno));
		return -1;
	}
	close(tfd);
	memset(&pa, 0, sizeof(pa));
	pa.size = sizeof(pa);
	pa.type = atoi(buf);
	pa.config1 = (uintptr_t)exe;    /* uprobe_path */
	pa.config2 = (uint64_t)off;     /* probe_offset */
	pfd = (int)syscall(SYS_perf_event_open, &pa, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
	if (pfd < 0) {
		printf("attach: perf_event_open uprobe: %s\n", errname(errno));
		return -1;
	}
	if (ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog) < 0 || ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0) < 0) {
		printf("attach: %s\n", errname(errno));
		return -1;
	}
	printf("attach: ok\n");
	return pfd;
}

static void wait_for_file(const char *path)
{
	struct stat st;

	while (stat(path, &st) != 0)
		usleep(100 * 1000);
}

int main(int argc, char **argv)
{
	/* r0 = 0; exit */
	static const struct bpf_insn ret0[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	/* r2 = 0; call bpf_override_return (r1 = ctx already); r0 = 0; exit */
	static const struct bpf_insn override0[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_2, .imm = 0 },
		{ .code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_override_return },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	/* r2 = fp - 8; *(u64 *)r2 = 0; r1 = 0; r3 = 8; call bpf_probe_write_user; r0 = 0; exit */
	static const struct bpf_insn write_user[] = {
		{ .code = BPF_ST | BPF_MEM | BPF_DW, .dst_reg = BPF_REG_10, .off = -8, .imm = 0 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = BPF_REG_2, .src_reg = BPF_REG_10 },
		{ .code = BPF_ALU64 | BPF_ADD | BPF_K, .dst_reg = BPF_REG_2, .imm = -8 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_1, .imm = 0 },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_3, .imm = 8 },
		{ .code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_probe_write_user },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	/* r2 = 42; *(u64 *)(r1 + di) = r2; r0 = 0; exit: a write to the context (the uapi pt_regs spells di rdi) */
	static const struct bpf_insn write_ctx[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_2, .imm = 42 },
		{ .code = BPF_STX | BPF_MEM | BPF_DW, .dst_reg = BPF_REG_1, .src_reg = BPF_REG_2,
		  .off = (short)offsetof(struct pt_regs, rdi) },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct bpf_insn retn[2] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	const char *kind, *func, *attach_after = NULL, *before_finit = NULL;
	char lsm_name[128];
	int prog = -1, link = -1, id, status, i, load_only = 0;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 3)
		goto usage;
	kind = argv[1];
	func = argv[2];
	for (i = 3; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--ret") == 0 && i + 1 < argc) {
			const char *v = argv[++i];

			if (strncmp(v, "arg", 3) == 0) {
				/* r0 = *(u64 *)(r1 + 8 * N): the fmod_ret context is the arguments as u64s */
				retn[0] = (struct bpf_insn){ .code = BPF_LDX | BPF_MEM | BPF_DW,
							     .dst_reg = BPF_REG_0, .src_reg = BPF_REG_1,
							     .off = (short)(8 * atoi(v + 3)) };
			} else {
				retn[0].imm = atoi(v);
			}
		} else if (strcmp(argv[i], "--load-only") == 0) {
			load_only = 1;
		} else if (strcmp(argv[i], "--attach-after") == 0 && i + 1 < argc) {
			attach_after = argv[++i];
		} else if (strcmp(argv[i], "--before-finit") == 0 && i + 1 < argc) {
			before_finit = argv[++i];
		} else {
			goto usage;
		}
	}
	if (!load_only && i + 1 >= argc)
		goto usage;
	argv += i + 1;
	if (before_finit) {
		size_t n = strlen(before_finit);

		self_finit("before", before_finit,
			   n > 3 && strcmp(before_finit + n - 3, ".ko") == 0 ? "0" : "compressed");
	}
	if (strcmp(kind, "write_ctx") == 0) {
		prog = prog_load(BPF_PROG_TYPE_KPROBE, 0, 0, write_ctx, sizeof(write_ctx) / sizeof(write_ctx[0]));
		if (prog >= 0 && load_only)
			return 0;
		if (prog >= 0 && attach_after)
			wait_for_file(attach_after);
		if (prog >= 0)
			link = attach_uprobe_victim(prog);
		if (link >= 0)
			printf("victim: %d\n", seal_victim(1));
	} else if (strcmp(kind, "kprobe") == 0 || strcmp(kind, "override") == 0 || strcmp(kind, "write_user") == 0) {
		const struct bpf_insn *insns = ret0;
		unsigned int cnt = 2;

		if (strcmp(kind, "override") == 0) {
			insns = override0;
			cnt = 4;
		} else if (strcmp(kind, "write_user") == 0) {
			insns = write_user;
			cnt = sizeof(write_user) / sizeof(write_user[0]);
		}
		prog = prog_load(BPF_PROG_TYPE_KPROBE, 0, 0, insns, cnt);
		if (prog >= 0 && load_only)
			return 0;
		if (prog >= 0 && attach_after)
			wait_for_file(attach_after);
		if (prog >= 0)
			link = attach_kprobe(prog, func);
	} else {
		enum bpf_prog_type type = BPF_PROG_TYPE_TRACING;
		enum bpf_attach_type at;
		const struct bpf_insn *insns = ret0;

		if (strcmp(kind, "fentry") == 0) {
			at = BPF_TRACE_FENTRY;
		} else if (strcmp(kind, "fexit") == 0) {
			at = BPF_TRACE_FEXIT;
		} else if (strcmp(kind, "fmod_ret") == 0) {
			at = BPF_MODIFY_RETURN;
			insns = retn;
		} else if (strcmp(kind, "lsm") == 0) {
			type = BPF_PROG_TYPE_LSM;
			at = BPF_LSM_MAC;
			snprintf(lsm_name, sizeof(lsm_name), "bpf_lsm_%s", func);
			func = lsm_name;
		} else {
			fprintf(stderr, "attack-bpf: unknown kind '%s'\n", kind);
			return 2;
		}
		id = btf_func_id(func);
		if (id < 0) {
			printf("load: no BTF FUNC %s\n", func);
			return 2;
		}
		prog = prog_load(type, at, id, insns, 2);
		if (prog >= 0 && load_only)
			return 0;
		if (prog >= 0 && attach_after)
			wait_for_file(attach_after);
		if (prog >= 0)
			link = attach_tracing(prog);
	}
	if (prog < 0 || link < 0)
		return 1;
	if (strcmp(argv[0], "@finit") == 0)
		return self_finit("finit", argv[1] ? argv[1] : "", argv[1] && argv[2] ? argv[2] : "0");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return 2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
usage:
	fprintf(stderr, "usage: attack-bpf kprobe|override|write_user|write_ctx|fentry|fexit|fmod_ret|lsm FUNCTION [--ret N|argN] [--load-only] [--attach-after FILE] [--before-finit PATH] -- CMD ARGS...\n");
	return 2;
}
