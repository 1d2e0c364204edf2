// SPDX-License-Identifier: GPL-2.0-only
/* seal.ko's hooks: one ftrace_ops per kernel function, each a short wrapper around seal_check(). */
#define pr_fmt(fmt) "seal: " fmt

#include <linux/binfmts.h>
#include <linux/bsearch.h>
#include <linux/cache.h>
#include <linux/compiler.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/ftrace.h>
#include <linux/kernel_read_file.h>
#include <linux/major.h>
#include <linux/mm_types.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/ratelimit.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <crypto/sha2.h>

#include "seal_internal.h"

/*
 * Two hook shapes (docs/design.md, "Hooks"):
 *
 *  - Wrap: for security_kernel_post_read_file and security_kernel_post_load_data,
 *    the ftrace callback points regs->ip at a C function with the same
 *    signature, the way livepatch does. That function runs in the caller's
 *    ordinary, sleepable context (SHA-256 of a module must not run with
 *    preemption off), decides, and either returns -EPERM or calls the real
 *    function. The call from our wrapper comes back through the callback,
 *    which lets it through because parent_ip lies in this module. That is
 *    why Kbuild builds this file with -fno-optimize-sibling-calls: a tail
 *    call would make parent_ip the kernel's caller again and loop forever.
 *
 *  - Deny: for decisions that need no sleeping, the callback decides on the
 *    spot and, to deny, points regs->ip at seal_ret_eperm(), so the hooked
 *    function returns -EPERM without running. regs->sp is never touched: the
 *    return address ftrace left on the stack is the hooked function's, and
 *    seal_ret_eperm() returns through it with an ordinary (RETHUNK-safe) ret.
 *
 * Every ops carries FTRACE_OPS_FL_PERMANENT, so "echo 0 > ftrace_enabled"
 * fails with EBUSY while seal.ko is loaded, and IPMODIFY, so no other ops
 * (livepatch, another copy of seal) can redirect the same functions.
 */

static bool seal_is_active __ro_after_init;

bool seal_active(void)
{
	return READ_ONCE(seal_is_active);
}

void seal_activate(void)
{
	/* The last step of seal_init(): every hook is registered before this store. */
	smp_store_release(&seal_is_active, true);
}

static long seal_ret_eperm(void)
{
	return -EPERM;
}

/* ---- Who is calling ----------------------------------------------------- */

/* mm's executable with a reference, or NULL. Safe with preemption off. */
static struct file *seal_mm_exe_get(struct mm_struct *mm)
{
	struct file *exe;

	if (!mm)
		return NULL;
	rcu_read_lock();
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	/* 6.7 (0ede61d8589c) made files SLAB_TYPESAFE_BY_RCU; get_file_rcu() re-checks the pointer. */
	exe = get_file_rcu(&mm->exe_file);
#else
	exe = rcu_dereference(mm->exe_file);
	if (exe && !get_file_rcu(exe))
		exe = NULL;
#endif
	rcu_read_unlock();
	return exe;
}

/* current's executable with a reference, or NULL (kernel threads). */
static struct file *seal_exe_get(void)
{
	return seal_mm_exe_get(current->mm);
}

/*
 * Is current's executable one of progs? By inode, not by name: the paths
 * were resolved and pinned at load, so a copy (new inode) or another binary
 * renamed onto the path fails, and a hard link (same inode) passes.
 */
static bool seal_inode_in(const struct seal_programs *progs, const struct inode *inode)
{
	unsigned int i;

	for (i = 0; i < progs->count; i++)
		if (inode == d_inode(progs->prog[i].path.dentry))
			return true;
	return false;
}

static bool seal_caller_is(const struct seal_programs *progs)
{
	struct file *exe = seal_exe_get();
	bool match;

	if (!exe)
		return false;
	match = seal_inode_in(progs, file_inode(exe));
	fput(exe);
	return match;
}

/* ---- The decision ------------------------------------------------------- */

struct seal_req {
	enum seal_kind kind;
	const char *op;                 /* op= in the log */
	const void *buf;                /* SEAL_K_MODULE: the bytes the kernel got */
	size_t len;
	u8 digest[SEAL_SHA256_LEN];     /* SEAL_K_MODULE: filled by seal_check() */
	bool write;                     /* SEAL_K_MEM, SEAL_K_PORT: opened for writing */
	const char *target;             /* SEAL_K_REMOVE: the module's name */
	bool force;                     /* SEAL_K_REMOVE: O_TRUNC, "rmmod -f" */
	const struct inode *program;    /* a request aimed at this file: prctl(PR_SET_MM_EXE_FILE),
					   ptrace, a traced exec, a write; refused if it is an
					   insmod= or mem_allow= program */
};

/* Per kind, so a flood of one kind of denial can't hide the lines of another. */
static struct ratelimit_state seal_rs[SEAL_K_MAX] = {
	[0 ... SEAL_K_MAX - 1] = RATELIMIT_STATE_INIT(seal_rs, 5 * HZ, 10),
};

/* Counts (never rate-limited) and logs one denial. Safe with preemption off. */
static void seal_log_denial(const struct seal_req *r, const char *reason)
{
	char path[256], extra[96], comm[TASK_COMM_LEN];
	const char *exe_path = "-";
	struct file *exe;

	atomic64_inc(&seal_denied[r->kind]);
	if (!__ratelimit(&seal_rs[r->kind]))
		return;

	extra[0] = '\0';
	if (r->kind == SEAL_K_MODULE && r->buf) {
		char hex[2 * SEAL_SHA256_LEN + 1];

		seal_hex_encode(r->digest, SEAL_SHA256_LEN, hex);
		snprintf(extra, sizeof(extra), " sha256=%s", hex);
	} else if (r->kind == SEAL_K_MEM || r->kind == SEAL_K_PORT) {
		snprintf(extra, sizeof(extra), " access=%s", r->write ? "write" : "read");
	} else if (r->kind == SEAL_K_REMOVE) {
		snprintf(extra, sizeof(extra), " module=%s", r->target ? r->target : "?");
	}

	exe = seal_exe_get();
	if (exe) {
		char *p = d_path(&exe->f_path, path, sizeof(path));

		exe_path = IS_ERR(p) ? "?" : p;
	}
	/*
	 * Not get_task_comm(): before 6.13 it takes task_lock(current), and the
	 * ptrace hook runs under task_lock(child). A torn name is harmless.
	 */
	strscpy_pad(comm, current->comm, sizeof(comm));
	pr_warn("denied op=%s pid=%d comm=%s exe=%s%s reason=%s\n",
		r->op, task_tgid_nr(current), comm, exe_path, extra, reason);
	if (exe)
		fput(exe);
}

static int seal_digest_cmp(const void *key, const void *elt)
{
	return memcmp(key, elt, SEAL_SHA256_LEN);
}

bool seal_sums_contains(const u8 *digest)
{
	const struct seal_policy *p = &seal_policy;

	return p->sums_count &&
	       bsearch(digest, p->sums, p->sums_count, SEAL_SHA256_LEN, seal_digest_cmp);
}

/* Module loads: the one rule of issue 3 in one place. May sleep (hashes r->buf). */
static const char *seal_module_verdict(struct seal_req *r)
{
	const struct seal_policy *p = &seal_policy;

	/* sha256() takes an unsigned int; the kernel caps module images at INT_MAX anyway. */
	if (r->len > INT_MAX)
		return SEAL_REASON_SEALED;
	sha256(r->buf, r->len, r->digest);

	if (!p->have_insmod && !p->have_sums)
		return SEAL_REASON_SEALED;          /* no parameters: no loads at all */
	if (p->have_insmod && !seal_caller_is(&p->insmod))
		return SEAL_REASON_NOT_LOADER;
	if (p->have_sums && !seal_sums_contains(r->digest))
		return SEAL_REASON_NOT_LISTED;
	return NULL;
}

/*
 * Decide one request: 0 to let it through, -EPERM (counted and logged) to
 * refuse. Only SEAL_K_MODULE may sleep; the other kinds run inside ftrace
 * callbacks with preemption disabled.
 */
static int seal_check(struct seal_req *r)
{
	const struct seal_policy *p = &seal_policy;
	const char *reason = NULL;

	if (r->program) {
		/*
		 * The holes trust a process by its executable's inode. Making
		 * another process's exe_file that inode (prctl), taking over a
		 * process running it (ptrace, /proc/PID/mem, a traced exec) or
		 * changing its bytes would hand that trust to the attacker.
		 * Counted as the kind of hole the program opens.
		 */
		if (seal_inode_in(&p->insmod, r->program))
			r->kind = SEAL_K_MODULE;
		else if (seal_inode_in(&p->mem_allow, r->program))
			r->kind = SEAL_K_MEM;
		else
			return 0;
		seal_log_denial(r, SEAL_REASON_SEALED);
		return -EPERM;
	}

	switch (r->kind) {
	case SEAL_K_MODULE:
		reason = seal_module_verdict(r);
		break;
	case SEAL_K_MEM:
		/* mem_allow= programs may open /dev/mem in any mode; others may only read, unless read=no. */
		if ((r->write || p->deny_read) && !seal_caller_is(&p->mem_allow))
			reason = SEAL_REASON_SEALED;
		break;
	case SEAL_K_PORT:
		if (r->write || p->deny_read)
			reason = SEAL_REASON_SEALED;
		break;
	case SEAL_K_MSR:
		reason = SEAL_REASON_SEALED;
		break;
	case SEAL_K_KEXEC:
		if (!p->kexec)
			reason = SEAL_REASON_SEALED;
		break;
	case SEAL_K_REMOVE:
		/*
		 * The name alone cannot protect seal.ko: it is read from user
		 * memory here and again by the syscall, and a second thread can
		 * swap it in between. The flags came in a register and cannot
		 * change, and seal.ko has no exit function, so the kernel itself
		 * refuses to remove it unless forced (O_TRUNC): every forced
		 * delete_module is refused while sealed.
		 */
		if (!r->target)
			reason = SEAL_REASON_SEALED;    /* the name could not be read: fail closed */
		else if (strcmp(r->target, THIS_MODULE->name) == 0)
			reason = SEAL_REASON_SELF;
		else if (p->no_remove)
			reason = SEAL_REASON_SEALED;
		else if (r->force)
			reason = SEAL_REASON_FORCED;
		break;
	default:
		reason = SEAL_REASON_SEALED;
		break;
	}
	if (!reason)
		return 0;
	seal_log_denial(r, reason);
	return -EPERM;
}

/* ---- Wrap-shaped hooks (sleepable) ---------------------------------------- */

static int seal_post_read_file(struct file *file, char *buf, loff_t size,
			       enum kernel_read_file_id id)
{
	struct seal_req r = { .buf = buf, .len = size };
	int err;

	switch (id) {
	case READING_MODULE:
		r.kind = SEAL_K_MODULE;
		r.op = "finit_module";
		break;
	case READING_KEXEC_IMAGE:
	case READING_KEXEC_INITRAMFS:
		r.kind = SEAL_K_KEXEC;
		r.op = "kexec_file_load";
		break;
	default:
		/* Firmware, policies, certificates: not seal's business. */
		return security_kernel_post_read_file(file, buf, size, id);
	}
	/* kernel_read_file() only calls this hook with the whole file; buf is never NULL here. */
	err = seal_check(&r);
	if (err)
		return err;
	if (r.kind == SEAL_K_MODULE)
		seal_loads_pending(r.digest, r.op);
	return security_kernel_post_read_file(file, buf, size, id);
}

static int seal_post_load_data(char *buf, loff_t size, enum kernel_load_data_id id,
			       char *description)
{
	struct seal_req r = { .kind = SEAL_K_MODULE, .op = "init_module", .buf = buf, .len = size };
	int err;

	/* The kexec_load ids are refused earlier, in security_kernel_load_data. */
	if (id != LOADING_MODULE)
		return security_kernel_post_load_data(buf, size, id, description);
	err = seal_check(&r);
	if (err)
		return err;
	seal_loads_pending(r.digest, r.op);
	return security_kernel_post_load_data(buf, size, id, description);
}

/*
 * ftrace_get_regs() is NULL only for ops without FTRACE_OPS_FL_SAVE_REGS;
 * every ops here has it, so the NULL checks below never fire in practice.
 */

/* The wrapper a wrap-shaped hook sends its calls to; see struct seal_hook. */
static unsigned long seal_hook_wrapper(const struct ftrace_ops *op);

static void notrace seal_ftrace_wrap(unsigned long ip, unsigned long parent_ip,
				     struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);

	/* A call from our own wrapper is the real call: let it through. */
	if (!regs || !seal_active() || within_module(parent_ip, THIS_MODULE))
		return;
	regs->ip = seal_hook_wrapper(op);
}

/* ---- Deny-shaped hooks (preemption off) --------------------------------- */

static void notrace seal_deny_if(struct pt_regs *regs, struct seal_req *r)
{
	if (seal_check(r))
		regs->ip = (unsigned long)seal_ret_eperm;
}

/* static int open_port(struct inode *inode, struct file *filp): the open of /dev/mem (1:1) and /dev/port (1:4). */
static void notrace seal_ftrace_open_port(unsigned long ip, unsigned long parent_ip,
					  struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	const struct inode *inode;
	const struct file *filp;
	struct seal_req r = { 0 };

	if (!regs || !seal_active())
		return;
	inode = (const struct inode *)regs->di;
	filp = (const struct file *)regs->si;
	/* By device number, never by path: a mknod alias opens through here too. */
	if (imajor(inode) != MEM_MAJOR)
		return;
	switch (iminor(inode)) {
	case 1:
		r.kind = SEAL_K_MEM;
		r.op = "open_mem";
		break;
	case 4:
		r.kind = SEAL_K_PORT;
		r.op = "open_port";
		break;
	default:
		return;
	}
	r.write = filp->f_mode & FMODE_WRITE;
	seal_deny_if(regs, &r);
}

/* int security_kernel_load_data(enum kernel_load_data_id id, bool contents): kexec_load. */
static void notrace seal_ftrace_load_data(unsigned long ip, unsigned long parent_ip,
					  struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	struct seal_req r = { .kind = SEAL_K_KEXEC, .op = "kexec_load" };

	if (!regs || !seal_active())
		return;
	/* LOADING_MODULE is decided in post_load_data, where the bytes are known. */
	if (regs->di != LOADING_KEXEC_IMAGE && regs->di != LOADING_KEXEC_INITRAMFS)
		return;
	seal_deny_if(regs, &r);
}

/*
 * int security_locked_down(enum lockdown_reason what): the other doors that
 * the kernel's own lockdown guards. IOPORT is ioperm()/iopl(), /dev/port by
 * another way; MSR is writes through /dev/cpu/N/msr (an MSR such as LSTAR
 * redirects kernel entry); KCORE, with read=no, is /proc/kcore. Only the
 * reason is looked at; lockdown itself still runs for everything we let by.
 */
static void notrace seal_ftrace_locked_down(unsigned long ip, unsigned long parent_ip,
					    struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	struct seal_req r = { 0 };

	if (!regs || !seal_active())
		return;
	switch (regs->di) {
	case LOCKDOWN_IOPORT:
		r.kind = SEAL_K_PORT;
		r.op = "ioperm";
		r.write = true;
		break;
	case LOCKDOWN_MSR:
		r.kind = SEAL_K_MSR;
		r.op = "msr_write";
		break;
	case LOCKDOWN_KCORE:
		if (!seal_policy.deny_read)
			return;
		r.kind = SEAL_K_MEM;
		r.op = "open_kcore";
		break;
	default:
		return;
	}
	seal_deny_if(regs, &r);
}

/* int replace_mm_exe_file(struct mm_struct *mm, struct file *new_exe_file): only prctl(PR_SET_MM_EXE_FILE). */
static void notrace seal_ftrace_replace_exe(unsigned long ip, unsigned long parent_ip,
					    struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	struct seal_req r = { .op = "set_exe_file" };

	if (!regs || !seal_active() || !regs->si)
		return;
	r.program = file_inode((const struct file *)regs->si);
	seal_deny_if(regs, &r);
}

/*
 * int security_ptrace_access_check(struct task_struct *child, unsigned int mode):
 * PTRACE_ATTACH/SEIZE, /proc/PID/mem, process_vm_writev, pidfd_getfd. Only
 * the attach modes are refused, so ps and /proc/PID/exe still read. Every
 * caller (__ptrace_may_access) holds task_lock(child): child->mm is stable.
 */
static void notrace seal_ftrace_ptrace_access(unsigned long ip, unsigned long parent_ip,
					      struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	struct seal_req r = { .op = "ptrace" };
	struct file *exe;

	if (!regs || !seal_active() || !(regs->si & PTRACE_MODE_ATTACH))
		return;
	exe = seal_mm_exe_get(((struct task_struct *)regs->di)->mm);
	if (!exe)
		return;
	r.program = file_inode(exe);
	seal_deny_if(regs, &r);
	fput(exe);
}

/*
 * int security_bprm_check(struct linux_binprm *bprm): the exec of a program.
 * A task traced before its exec (PTRACE_TRACEME, or attached earlier) stays
 * traced across it, so the attach check never runs: refuse that exec. Any
 * other exec of an insmod=/mem_allow= program is marked secure (AT_SECURE),
 * as for a setuid program: the dynamic loader then ignores LD_PRELOAD paths
 * and LD_LIBRARY_PATH. (begin_new_exec() only ever sets secureexec after us.)
 */
static void notrace seal_ftrace_bprm_check(unsigned long ip, unsigned long parent_ip,
					   struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	struct linux_binprm *bprm;
	struct seal_req r = { .op = "exec_traced" };

	if (!regs || !seal_active())
		return;
	bprm = (struct linux_binprm *)regs->di;
	r.program = file_inode(bprm->file);
	if (!seal_inode_in(&seal_policy.insmod, r.program) &&
	    !seal_inode_in(&seal_policy.mem_allow, r.program))
		return;
	if (current->ptrace)
		seal_deny_if(regs, &r);
	else
		bprm->secureexec = 1;
}

/*
 * int security_file_open(struct file *file): every open, once, after the path
 * walk, whatever path or link was used. A write open, or O_TRUNC even on a
 * read-only open (the kernel truncates after this hook: do_open() calls
 * handle_truncate() after vfs_open()), of an insmod=/mem_allow= program is
 * refused. Writes need such an open first (write, mmap, fallocate, splice);
 * a descriptor opened before the seal is out of reach, as for /dev/mem.
 * Not security_inode_permission: that runs for every step of every path walk.
 */
static void notrace seal_ftrace_file_open(unsigned long ip, unsigned long parent_ip,
					  struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	const struct file *file;
	struct seal_req r = { .op = "write_program", .write = true };

	if (!regs || !seal_active())
		return;
	file = (const struct file *)regs->di;
	if (!(file->f_mode & FMODE_WRITE) && !(file->f_flags & O_TRUNC))
		return;
	r.program = file_inode(file);
	seal_deny_if(regs, &r);
}

/* int security_path_truncate(const struct path *path): truncate(2) by path, which opens nothing. */
static void notrace seal_ftrace_path_truncate(unsigned long ip, unsigned long parent_ip,
					      struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	struct seal_req r = { .op = "write_program", .write = true };

	if (!regs || !seal_active())
		return;
	r.program = d_inode(((const struct path *)regs->di)->dentry);
	seal_deny_if(regs, &r);
}

/*
 * Copy a NUL-terminated user string without faulting (we run with preemption
 * off): page by page, so a short name just before an unmapped page still
 * reads. Returns 0, or -EFAULT / -ENAMETOOLONG.
 */
static int seal_copy_name_nofault(char *dst, size_t size, const char __user *src)
{
	size_t off = 0;

	while (off < size) {
		unsigned long addr = (unsigned long)src + off;
		size_t chunk = min_t(size_t, size - off, PAGE_SIZE - offset_in_page(addr));

		if (copy_from_user_nofault(dst + off, src + off, chunk))
			return -EFAULT;
		if (memchr(dst + off, '\0', chunk))
			return 0;
		off += chunk;
	}
	return -ENAMETOOLONG;
}

/*
 * delete_module has no LSM hook, and Debian sets CONFIG_MODULE_FORCE_UNLOAD,
 * so "rmmod -f seal" would unload even a module without an exit function.
 * The syscall entry is hooked instead: the argument is the user pt_regs.
 * A name that can't be read without faulting is refused (fail closed): the
 * real syscall would fault on it too, or the attacker is playing games.
 */
static void notrace seal_check_delete_module(struct pt_regs *regs, const char __user *uname,
					     unsigned long flags)
{
	char name[MODULE_NAME_LEN];
	struct seal_req r = { .kind = SEAL_K_REMOVE, .op = "delete_module", .force = flags & O_TRUNC };

	if (!seal_copy_name_nofault(name, sizeof(name), uname))
		r.target = name;
	seal_deny_if(regs, &r);
}

/* Set for the __ia32_sys_delete_module hook; see struct seal_hook. */
static bool seal_hook_is_ia32(const struct ftrace_ops *op);

static void notrace seal_ftrace_delete_module(unsigned long ip, unsigned long parent_ip,
					      struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	const struct pt_regs *uregs;

	if (!regs || !seal_active())
		return;
	/*
	 * long __x64_sys_delete_module(const struct pt_regs *regs): the name is
	 * in di. 32-bit callers (int 0x80, sysenter) reach
	 * __ia32_sys_delete_module instead, with the name in bx. The flags
	 * (si, cx) are read from the saved registers, which no other thread
	 * can change: the forced-removal refusal does not race.
	 */
	uregs = (const struct pt_regs *)regs->di;
	if (seal_hook_is_ia32(op))
		seal_check_delete_module(regs, (const char __user *)uregs->bx, uregs->cx);
	else
		seal_check_delete_module(regs, (const char __user *)uregs->di, uregs->si);
}

/* ---- Registration ------------------------------------------------------- */

#define SEAL_FTRACE_FLAGS (FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY | FTRACE_OPS_FL_PERMANENT)

struct seal_hook {
	const char *name;
	struct ftrace_ops ops;
	void *wrapper;                  /* wrap-shaped hooks: the function calls are sent to */
	bool ia32;                      /* a 32-bit syscall entry: arguments in bx, cx, ... */
	bool programs_only;             /* only with insmod= or mem_allow= programs */
	bool registered;
};

#define SEAL_HOOK(sym, cb, is_ia32) \
	{ .name = sym, .ops = { .func = cb, .flags = SEAL_FTRACE_FLAGS }, .ia32 = is_ia32 }
#define SEAL_WRAP(sym, to) \
	{ .name = sym, .ops = { .func = seal_ftrace_wrap, .flags = SEAL_FTRACE_FLAGS }, .wrapper = to }
/* Guards of the insmod=/mem_allow= programs: registered only when there is a program to guard. */
#define SEAL_GUARD(sym, cb) \
	{ .name = sym, .ops = { .func = cb, .flags = SEAL_FTRACE_FLAGS }, .programs_only = true }

static struct seal_hook seal_hooks[] = {
	SEAL_WRAP("security_kernel_post_read_file", seal_post_read_file),
	SEAL_WRAP("security_kernel_post_load_data", seal_post_load_data),
	SEAL_HOOK("security_kernel_load_data", seal_ftrace_load_data, false),
	SEAL_HOOK("security_locked_down", seal_ftrace_locked_down, false),
	SEAL_HOOK("open_port", seal_ftrace_open_port, false),
	SEAL_GUARD("replace_mm_exe_file", seal_ftrace_replace_exe),
	SEAL_GUARD("security_ptrace_access_check", seal_ftrace_ptrace_access),
	SEAL_GUARD("security_bprm_check", seal_ftrace_bprm_check),
	SEAL_GUARD("security_file_open", seal_ftrace_file_open),
	SEAL_GUARD("security_path_truncate", seal_ftrace_path_truncate),
	SEAL_HOOK("__x64_sys_delete_module", seal_ftrace_delete_module, false),
#ifdef CONFIG_IA32_EMULATION
	SEAL_HOOK("__ia32_sys_delete_module", seal_ftrace_delete_module, true),
#endif
};

static unsigned long notrace seal_hook_wrapper(const struct ftrace_ops *op)
{
	return (unsigned long)container_of(op, struct seal_hook, ops)->wrapper;
}

static bool notrace seal_hook_is_ia32(const struct ftrace_ops *op)
{
	return container_of(op, struct seal_hook, ops)->ia32;
}

void seal_hooks_unregister(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(seal_hooks); i++) {
		struct seal_hook *h = &seal_hooks[i];

		if (h->registered) {
			int err = unregister_ftrace_function(&h->ops);

			if (err)
				pr_err("unregister hook on %s: error %d\n", h->name, err);
			h->registered = false;
		}
		ftrace_free_filter(&h->ops);
	}
}

int seal_hooks_register(void)
{
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(seal_hooks); i++) {
		struct seal_hook *h = &seal_hooks[i];

		if (h->programs_only && !seal_policy.insmod.count && !seal_policy.mem_allow.count)
			continue;
		/* Fails with -EINVAL when the function is missing or not traceable on this kernel. */
		err = ftrace_set_filter(&h->ops, (unsigned char *)h->name, strlen(h->name), 0);
		if (err) {
			pr_err("cannot hook %s: ftrace_set_filter error %d (function missing or not traceable)\n",
			       h->name, err);
			goto fail;
		}
		/* -EBUSY here when ftrace_enabled is 0 or another IPMODIFY ops owns the function. */
		err = register_ftrace_function(&h->ops);
		if (err) {
			pr_err("cannot hook %s: register_ftrace_function error %d\n", h->name, err);
			goto fail;
		}
		h->registered = true;
	}
	return 0;
fail:
	seal_hooks_unregister();
	return err;
}
