// SPDX-License-Identifier: GPL-2.0-only
/* seal.ko's hooks: one ftrace_ops per kernel function, each a short wrapper around seal_check(). */
#define pr_fmt(fmt) "seal: " fmt

#include <linux/binfmts.h>
#include <linux/bpf.h>
#include <linux/cache.h>
#include <linux/compiler.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/filter.h>
#include <linux/fs.h>
#include <linux/ftrace.h>
#include <linux/kernel_read_file.h>
#include <linux/ktime.h>
#include <linux/major.h>
#include <linux/mm_types.h>
#include <linux/module.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/trace_recursion.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <crypto/sha2.h>

#include "seal_args.h"
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
 *    why Kbuild builds seal.ko with -fno-optimize-sibling-calls: a tail
 *    call would make parent_ip the kernel's caller again and loop forever.
 *
 *  - Deny: for decisions that need no sleeping, one callback,
 *    seal_ftrace_deny(), takes ftrace's recursion lock (which also disables
 *    preemption), asks the hook's decide function what is being attempted,
 *    and, to deny, points regs->ip at seal_ret_eperm(), so the hooked
 *    function returns -EPERM without running. regs->sp is never touched: the
 *    return address ftrace left on the stack is the hooked function's, and
 *    seal_ret_eperm() returns through it with an ordinary (RETHUNK-safe) ret.
 *
 * Every ops carries FTRACE_OPS_FL_PERMANENT, so "echo 0 > ftrace_enabled"
 * fails with EBUSY while seal.ko is loaded, and IPMODIFY, so no other ops
 * (livepatch, another copy of seal) can redirect the same functions. Kbuild
 * builds seal.ko without ftrace's entry calls: no function of seal.ko can
 * itself be traced, redirected or livepatched.
 *
 * A BPF fmod_ret program shares a function with an IPMODIFY ops, and a
 * non-zero return from it skips the function, the redirect included
 * (KERNEL-NOTES.md). seal refuses such programs on every security_* function
 * and every function it hooks, at load (security_bpf_prog) and at attach
 * (bpf_trampoline_link_prog); see seal_bpf_decide().
 */

static long seal_ret_eperm(void)
{
	return -EPERM;
}

/* ---- The decision ------------------------------------------------------- */

struct seal_req {
	enum seal_kind kind;
	const char *op;                 /* op= in the log */
	const void *buf;                /* SEAL_K_MODULE: the bytes the kernel got */
	size_t len;
	u8 digest[SEAL_SHA256_LEN];     /* SEAL_K_MODULE: filled by seal_check() */
	char module[MODULE_NAME_LEN];   /* SEAL_K_MODULE: the image's name, else the file's */
	const struct file *file;        /* SEAL_K_MODULE by finit_module: the file read */
	bool write;                     /* SEAL_K_MEM, SEAL_K_PORT: opened for writing */
	const char *target;             /* SEAL_K_REMOVE: the module's name; SEAL_K_BPF: the function */
	bool force;                     /* SEAL_K_REMOVE: O_TRUNC, "rmmod -f" */
	bool unknown_id;                /* SEAL_K_MODULE: a read or load id seal has no rule for */
	bool requested;                 /* SEAL_K_MODULE: the load answers the kernel's request_module() */
	struct seal_request request;    /* ... this one */
	const char *verdict;            /* SEAL_K_MODULE: what the rules say, "ok" or a reason */
	char name[MODULE_NAME_LEN];     /* SEAL_K_REMOVE: where target points, when the name was read */
	int reason;                     /* SEAL_K_LOCKDOWN: enum lockdown_reason */
	const char *what;               /* SEAL_K_BPF: what= in the log (fmod_ret, override_return) */
	const struct inode *program;    /* a request aimed at this file: prctl(PR_SET_MM_EXE_FILE),
					   ptrace, a traced exec, a write; refused if it is an
					   insmod=, mem_allow= or lockdown_allow= program */
};

/* Builds the report of one denial (or, learning, of a load let by) for seal_log_denial(). Safe with preemption off. */
static void seal_report(const struct seal_req *r, const char *reason, bool learned)
{
	struct seal_event e = { .kind = r->kind, .op = r->op, .reason = reason, .learned = learned,
				.request = r->requested ? &r->request : NULL };
	char extra[96];

	extra[0] = '\0';
	if (r->kind == SEAL_K_MODULE && r->buf) {
		char hex[2 * SEAL_SHA256_LEN + 1];

		seal_hex_encode(r->digest, SEAL_SHA256_LEN, hex);
		snprintf(extra, sizeof(extra), " sha256=%s", hex);
		e.module = r->module[0] ? r->module : "?";  /* chosen by whoever built it: escaped when printed */
	} else if (r->kind == SEAL_K_MODULE && r->what) {
		snprintf(extra, sizeof(extra), " what=%s", r->what);
	} else if (r->kind == SEAL_K_MEM || r->kind == SEAL_K_PORT) {
		snprintf(extra, sizeof(extra), " access=%s", r->write ? "write" : "read");
	} else if (r->kind == SEAL_K_REMOVE) {
		e.module = r->target ? r->target : "?";     /* from user memory: escaped when printed */
	} else if (r->kind == SEAL_K_LOCKDOWN) {
		snprintf(extra, sizeof(extra), " what=%s", seal_lockdown_name(r->reason));
	} else if (r->kind == SEAL_K_BPF) {
		/* target: a kernel function's name, from the kernel's own symbol table */
		snprintf(extra, sizeof(extra), " what=%s target=%s", r->what, r->target);
	}
	e.extra = extra;
	seal_log_denial(&e);
}

static void seal_deny_report(const struct seal_req *r, const char *reason)
{
	seal_report(r, reason, false);
}

/* The name of the file a module was read from, without its directory and .ko[.xz] suffix. */
static void seal_module_name_of_file(const struct file *file, char *name, size_t size)
{
	/* %pd reads the name under RCU: a rename meanwhile frees the old one only after a grace period */
	snprintf(name, size, "%pd", file->f_path.dentry);
	name[strcspn(name, ".")] = '\0';
}

/* Module loads: the one rule of issue 3 in one place. May sleep (hashes r->buf). */
static const char *seal_module_verdict(struct seal_req *r)
{
	const struct seal_policy *p = &seal_policy;
	struct seal_image img;
	bool loader;
	int err;

	/* The kernel caps module images at INT_MAX; anything larger is no module. */
	if (r->len > INT_MAX)
		return SEAL_REASON_SEALED;
	r->requested = seal_request_of_loader(&r->request);
	/* insmod=: is the caller the named loader (looked up once, for both checks below)? */
	loader = !p->have_insmod || seal_caller_is(&p->insmod);
	/*
	 * A compressed file the list pairs with its image (6.1 and 6.12 hand
	 * seal the file as stored): its digest gives the image's, and the load
	 * is let through without decompressing. Whatever the pair does not
	 * allow, the full inspection below decides and names.
	 */
	if (p->have_sums && loader && seal_image_pair(r->buf, r->len, r->digest)) {
		if (r->file)
			seal_module_name_of_file(r->file, r->module, sizeof(r->module));
		return NULL;
	}
	err = seal_image_inspect(r->buf, r->len, &img);
	memcpy(r->digest, img.digest, SEAL_SHA256_LEN);
	if (img.name[0])
		strscpy(r->module, img.name, sizeof(r->module));
	else if (r->file)
		seal_module_name_of_file(r->file, r->module, sizeof(r->module));
	if (err)
		return SEAL_REASON_BAD_IMAGE;   /* the kernel's own decoder would refuse it too */

	if (!p->have_insmod && !p->have_sums)
		return SEAL_REASON_SEALED;          /* no parameters: no loads at all */
	if (!loader)
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
		else if (seal_lockdown_program(r->program))
			r->kind = SEAL_K_LOCKDOWN;
		else
			return 0;
		seal_deny_report(r, SEAL_REASON_SEALED);
		return -EPERM;
	}

	switch (r->kind) {
	case SEAL_K_MODULE:
		if (r->unknown_id) {
			reason = SEAL_REASON_UNKNOWN_ID;
			break;
		}
		reason = seal_module_verdict(r);
		r->verdict = reason ? reason : "ok";
		if (reason && p->learn) {
			/*
			 * learn=yes (fail open, on purpose): a load the rules
			 * would refuse is let by, logged "learned" and recorded
			 * with its verdict in loads, never counted as a denial.
			 */
			seal_report(r, reason, true);
			return 0;
		}
		if (reason) {
			struct seal_load_info info = { .digest = r->digest, .op = r->op, .verdict = reason,
						       .request = r->requested ? &r->request : NULL };

			seal_refused_add(r->module[0] ? r->module : "?", &info);
		}
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
	case SEAL_K_LOCKDOWN:
		if (seal_lockdown_refused(r->reason))
			reason = SEAL_REASON_SEALED;
		break;
	case SEAL_K_BPF:
		reason = SEAL_REASON_SEALED;    /* seal_bpf_decide() only asks about programs to refuse */
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
	seal_deny_report(r, reason);
	return -EPERM;
}

/* ---- Wrap-shaped hooks (sleepable) ---------------------------------------- */

/*
 * What seal does with each kernel_read_file id of the kernel it is built for
 * (include/linux/kernel_read_file.h). No default: a kernel that adds an id
 * warns at build time (-Wswitch), and at run time the id is refused, before
 * and after the read, never passed: seal cannot know that it is not a new
 * way to hand the kernel code.
 */
enum seal_read_rule {
	SEAL_READ_PASS,                 /* firmware, policies, certificates: not seal's business */
	SEAL_READ_MODULE,               /* a module image (or a file seal decompresses): decided */
	SEAL_READ_MODULE_STORED,        /* a compressed module as stored; its image follows */
	SEAL_READ_KEXEC,                /* kexec_file_load: decided */
	SEAL_READ_REFUSE,               /* an id seal does not know */
};

static enum seal_read_rule seal_read_rule(enum kernel_read_file_id id)
{
	switch (id) {
	case READING_UNKNOWN:           /* the kernel's "unspecified": no caller loads code with it */
	case READING_FIRMWARE:
	case READING_POLICY:
	case READING_X509_CERTIFICATE:
		return SEAL_READ_PASS;
	case READING_MODULE:
		return SEAL_READ_MODULE;
#ifdef SEAL_HAVE_READING_MODULE_COMPRESSED
	case READING_MODULE_COMPRESSED:
		/*
		 * 7.2+: init_module_from_file() reads a compressed file with this
		 * id, decompresses it, and calls post_read_file(READING_MODULE) on
		 * the image before load_module(): the image is decided there.
		 */
		return SEAL_READ_MODULE_STORED;
#endif
	case READING_KEXEC_IMAGE:
	case READING_KEXEC_INITRAMFS:
		return SEAL_READ_KEXEC;
	case READING_MAX_ID:
		break;
	}
	return SEAL_READ_REFUSE;
}

/* The same for kernel_load_data ids (security.h: the same list, LOADING_ instead of READING_). */
static enum seal_read_rule seal_load_rule(enum kernel_load_data_id id)
{
	switch (id) {
	case LOADING_UNKNOWN:
	case LOADING_FIRMWARE:
	case LOADING_POLICY:
	case LOADING_X509_CERTIFICATE:
		return SEAL_READ_PASS;
	case LOADING_MODULE:
		return SEAL_READ_MODULE;
#ifdef SEAL_HAVE_READING_MODULE_COMPRESSED
	case LOADING_MODULE_COMPRESSED:
		return SEAL_READ_MODULE;        /* no caller; decided as a module if one appears */
#endif
	case LOADING_KEXEC_IMAGE:
	case LOADING_KEXEC_INITRAMFS:
		return SEAL_READ_KEXEC;
	case LOADING_MAX_ID:
		break;
	}
	return SEAL_READ_REFUSE;
}

/*
 * A checked module load: its record waits for the module notifier
 * (seal_loads.c). 0, or -ENOMEM when no record could be kept: the load fails
 * as the kernel's own allocations would make it fail, rather than be refused
 * as unchecked at COMING.
 */
static int seal_req_pending(const struct seal_req *r)
{
	struct seal_load_info info = { .digest = r->digest, .op = r->op, .verdict = r->verdict,
				       .request = r->requested ? &r->request : NULL };
	int err;

	err = seal_loads_pending(&info);
	if (err)
		pr_warn_ratelimited("%s: no memory for the load's record: the load fails (%d)\n",
				    r->op, err);
	return err;
}

static void seal_req_unknown_id(struct seal_req *r, const char *op, const char *id_name)
{
	r->kind = SEAL_K_MODULE;        /* counted as a module load: the way in seal must assume */
	r->op = op;
	r->what = id_name;
	r->unknown_id = true;
}

static int seal_post_read_file(struct file *file, char *buf, loff_t size,
			       enum kernel_read_file_id id)
{
	struct seal_req r = { .buf = buf, .len = size, .file = file };
	int err;

	switch (seal_read_rule(id)) {
	case SEAL_READ_PASS:
	case SEAL_READ_MODULE_STORED:
		return security_kernel_post_read_file(file, buf, size, id);
	case SEAL_READ_MODULE:
		r.kind = SEAL_K_MODULE;
		r.op = "finit_module";
		break;
	case SEAL_READ_KEXEC:
		r.kind = SEAL_K_KEXEC;
		r.op = "kexec_file_load";
		break;
	case SEAL_READ_REFUSE:
		r.buf = NULL;
		seal_req_unknown_id(&r, "read_file", kernel_read_file_id_str(id));
		break;
	}
	/* kernel_read_file() only calls this hook with the whole file; buf is never NULL here. */
	err = seal_check(&r);
	if (err)
		return err;
	if (r.kind == SEAL_K_MODULE) {
		err = seal_req_pending(&r);
		if (err)
			return err;
	}
	return security_kernel_post_read_file(file, buf, size, id);
}
static_assert(__same_type(&security_kernel_post_read_file, &seal_post_read_file),
	      "security_kernel_post_read_file's prototype changed: update seal_post_read_file");

static int seal_post_load_data(char *buf, loff_t size, enum kernel_load_data_id id,
			       char *description)
{
	struct seal_req r = { .kind = SEAL_K_MODULE, .op = "init_module", .buf = buf, .len = size };
	int err;

	switch (seal_load_rule(id)) {
	case SEAL_READ_PASS:
	case SEAL_READ_MODULE_STORED:
	case SEAL_READ_KEXEC:   /* the kexec_load ids are refused earlier, in security_kernel_load_data */
		return security_kernel_post_load_data(buf, size, id, description);
	case SEAL_READ_MODULE:
		break;
	case SEAL_READ_REFUSE:
		r.buf = NULL;
		seal_req_unknown_id(&r, "load_data", kernel_load_data_id_str(id));
		break;
	}
	err = seal_check(&r);
	if (err)
		return err;
	err = seal_req_pending(&r);
	if (err)
		return err;
	return security_kernel_post_load_data(buf, size, id, description);
}
static_assert(__same_type(&security_kernel_post_load_data, &seal_post_load_data),
	      "security_kernel_post_load_data's prototype changed: update seal_post_load_data");

/*
 * ftrace_get_regs() is NULL only for ops without FTRACE_OPS_FL_SAVE_REGS;
 * every ops here has it, so the NULL checks below never fire in practice.
 */

struct seal_hook {
	const char *name;
	struct ftrace_ops ops;
	void *wrapper;                  /* wrap shape: where the calls are sent */
	/* deny shape: fill r with what is being attempted; false when there is nothing to decide */
	bool (*decide)(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r);
	bool ia32;                      /* a 32-bit syscall entry: arguments in bx, cx, ... */
	bool programs_only;             /* only with insmod=, mem_allow= or lockdown_allow= programs */
	bool registered;
};

#define SEAL_HOOK_OF(op) container_of(op, struct seal_hook, ops)


static void seal_ftrace_wrap(unsigned long ip, unsigned long parent_ip,
			     struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);

	/*
	 * A call from our own wrapper is the real call: let it through. Nothing
	 * else happens here, so this needs no recursion lock: the wrapper runs
	 * after the callback has returned.
	 */
	if (!regs || !seal_active() || within_module(parent_ip, THIS_MODULE))
		return;
	regs->ip = (unsigned long)SEAL_HOOK_OF(op)->wrapper;
}

/* ---- Deny-shaped hooks (preemption off) --------------------------------- */

/*
 * A decide function reads the hooked function's arguments from regs and
 * fills r with what is being attempted. It returns false when there is
 * nothing to decide (another device, another lockdown reason...).
 */

static void seal_ftrace_deny(unsigned long ip, unsigned long parent_ip,
			     struct ftrace_ops *op, struct ftrace_regs *fregs)
{
	struct pt_regs *regs = ftrace_get_regs(fregs);
	const struct seal_hook *h = SEAL_HOOK_OF(op);
	struct seal_req r = { 0 };
	int bit;

	if (!regs || !seal_active())
		return;
	/*
	 * The ops have no FTRACE_OPS_FL_RECURSION, so ftrace calls this directly,
	 * maybe with preemption on. The lock disables preemption (the decide
	 * functions and seal_check() rely on that) and catches re-entry in the
	 * same context, which can only come from a function this callback calls
	 * being hooked or traced in turn. Fail closed: refuse, without logging
	 * (logging could be what re-entered).
	 */
	bit = ftrace_test_recursion_trylock(ip, parent_ip);
	if (bit < 0) {
		regs->ip = (unsigned long)seal_ret_eperm;
		return;
	}
	if (h->decide(h, regs, &r) && seal_check(&r))
		regs->ip = (unsigned long)seal_ret_eperm;
	ftrace_test_recursion_unlock(bit);
}

/*
 * static int open_port(struct inode *inode, struct file *filp): the open of
 * /dev/mem (1:1) and /dev/port (1:4). Static in drivers/char/mem.c, so no
 * header declares it: checked against the file_operations.open slot it fills.
 */
SEAL_ARGS2_AS(open_port, ((struct file_operations *)NULL)->open, int,
	      struct inode *, inode, struct file *, filp)
static bool seal_decide_open_port(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	const struct seal_args_open_port a = seal_args_open_port(regs);
	const struct inode *inode = a.inode;
	const struct file *filp = a.filp;

	/* By device number, never by path: a mknod alias opens through here too. */
	if (imajor(inode) != MEM_MAJOR)
		return false;
	switch (iminor(inode)) {
	case 1:
		r->kind = SEAL_K_MEM;
		r->op = "open_mem";
		break;
	case 4:
		r->kind = SEAL_K_PORT;
		r->op = "open_port";
		break;
	default:
		return false;
	}
	r->write = filp->f_mode & FMODE_WRITE;
	return true;
}

/*
 * int security_kernel_read_file(struct file *file, enum kernel_read_file_id id, bool contents):
 * the start of every finit_module. Never refuses; it drops the calling task's
 * pending load record (seal_loads.c), so a record left by an earlier load
 * that failed after its check can't vouch for this one.
 */
SEAL_ARGS3(read_file, int, security_kernel_read_file,
	   struct file *, file, enum kernel_read_file_id, id, bool, contents)
static bool seal_decide_read_file(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	const struct seal_args_read_file a = seal_args_read_file(regs);

	switch (seal_read_rule(a.id)) {
	case SEAL_READ_MODULE:
	case SEAL_READ_MODULE_STORED:
		seal_loads_begin();
		return false;
	case SEAL_READ_REFUSE:
		/* Refused here too: a partial read never reaches post_read_file. */
		seal_loads_begin();
		seal_req_unknown_id(r, "read_file", kernel_read_file_id_str(a.id));
		return true;
	case SEAL_READ_PASS:
	case SEAL_READ_KEXEC:   /* decided in post_read_file, where the image is known */
		break;
	}
	return false;
}

/*
 * int security_kernel_load_data(enum kernel_load_data_id id, bool contents):
 * the start of init_module (its pending record dropped as above) and of
 * kexec_load (refused unless kexec=yes).
 */
SEAL_ARGS2(load_data, int, security_kernel_load_data, enum kernel_load_data_id, id, bool, contents)
static bool seal_decide_load_data(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	const struct seal_args_load_data a = seal_args_load_data(regs);

	switch (seal_load_rule(a.id)) {
	case SEAL_READ_MODULE:
	case SEAL_READ_MODULE_STORED:
		/* Decided in post_load_data, where the bytes are known. */
		seal_loads_begin();
		return false;
	case SEAL_READ_KEXEC:
		r->kind = SEAL_K_KEXEC;
		r->op = "kexec_load";
		return true;
	case SEAL_READ_REFUSE:
		seal_loads_begin();
		seal_req_unknown_id(r, "load_data", kernel_load_data_id_str(a.id));
		return true;
	case SEAL_READ_PASS:
		break;
	}
	return false;
}

/*
 * int security_locked_down(enum lockdown_reason what): the doors the kernel's
 * own lockdown guards, asked in the caller's context (seal_lockdown.c has the
 * rules). IOPORT is ioperm()/iopl(), /dev/port by another way: refused as a
 * /dev/port write. KCORE, with read=no, is /proc/kcore. The module-signature,
 * /dev/mem and kexec reasons are decided where seal sees the operation
 * itself. Lockdown itself still runs for everything we let by.
 */
SEAL_ARGS1(locked_down, int, security_locked_down, enum lockdown_reason, what)
static bool seal_decide_locked_down(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	int what = seal_args_locked_down(regs).what;

	if (what == LOCKDOWN_IOPORT) {
		r->kind = SEAL_K_PORT;
		r->op = "ioperm";
		r->write = true;
		return true;
	}
	if (what == LOCKDOWN_KCORE) {
		r->kind = SEAL_K_MEM;
		r->op = "open_kcore";
		return seal_policy.deny_read;
	}
	if (!seal_lockdown_name(what) || seal_lockdown_own_rule(what))
		return false;
	r->kind = SEAL_K_LOCKDOWN;
	r->op = "lockdown";
	r->reason = what;
	return true;
}

/*
 * A BPF program that could skip a hook: an fmod_ret program on a security_*
 * function (the only other fmod_ret targets are the error-injection list) or
 * on any function seal hooks, and any program that calls
 * bpf_override_return() (kernels with CONFIG_BPF_KPROBE_OVERRIDE). A tracing
 * program's target is known once the verifier has run: aux->attach_func_name.
 */
static bool seal_bpf_decide(const struct bpf_prog *prog, struct seal_req *r)
{
	const char *func;

	r->kind = SEAL_K_BPF;
	r->op = "bpf";
	if (prog->kprobe_override) {
		r->what = "override_return";
		r->target = "-";
		return true;
	}
/* 6.18 has the field: a kernel from 6.18 on where the feature test failed (the field renamed) must not build without the check */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 18, 0) && !defined(SEAL_HAVE_BPF_KPROBE_WRITE_CTX)
#error "bpf_prog_aux.kprobe_write_ctx not found on a 6.18 or later kernel: seal cannot refuse kprobe context writes (kmod/features.c)"
#endif
#ifdef SEAL_HAVE_BPF_KPROBE_WRITE_CTX
	/*
	 * 6.18+: a kprobe-type program that writes its context (pt_regs) may be
	 * attached to a uprobe and rewrite a process's registers, ip included:
	 * the door bpf_probe_write_user is, refused the same way. Before a May
	 * 2026 stable fix, an freplace (BPF_PROG_TYPE_EXT) program that writes
	 * its context could replace part of a plain kprobe program and so rewrite
	 * a kernel function's registers (seal's own decisions among them); such
	 * an EXT program carries the same flag, set by the verifier from the
	 * kprobe context it was verified against.
	 */
	if (prog->aux->kprobe_write_ctx) {
		r->what = "kprobe_write_ctx";
		r->target = "-";
		return true;
	}
#endif
	if (prog->type != BPF_PROG_TYPE_TRACING || prog->expected_attach_type != BPF_MODIFY_RETURN)
		return false;
	func = prog->aux->attach_func_name;
	r->what = "fmod_ret";
	r->target = func ? func : "?";
	/* No name: fail closed. */
	return !func || strncmp(func, "security_", strlen("security_")) == 0 || seal_hooks_cover(func);
}

/*
 * int security_bpf_prog(struct bpf_prog *prog): every new descriptor of a
 * verified program: at the end of BPF_PROG_LOAD, BPF_PROG_GET_FD_BY_ID and
 * BPF_OBJ_GET of a pinned program.
 */
SEAL_ARGS1(bpf_prog, int, security_bpf_prog, struct bpf_prog *, prog)
static bool seal_decide_bpf_prog(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	return seal_bpf_decide(seal_args_bpf_prog(regs).prog, r);
}

/*
 * bpf_trampoline_link_prog(): every attach of a tracing program to a function
 * (fentry, fexit, fmod_ret, LSM, freplace), including one loaded before the
 * seal and held open since. 7.2 made its first argument a struct
 * bpf_tramp_node *, whose link points at the bpf_link; before, it was the
 * struct bpf_tramp_link * that embeds the bpf_link. Read the old way on 7.2,
 * the cookie was taken for a pointer: a NULL dereference on every attach.
 * (7.2's bpf_trampoline_multi_attach() takes only fentry/fexit/fsession
 * programs, which cannot skip a function: nothing to decide there.)
 */
#ifdef SEAL_HAVE_BPF_TRAMP_NODE
SEAL_ARGS3(tramp_link, int, bpf_trampoline_link_prog,
	   struct bpf_tramp_node *, node, struct bpf_trampoline *, tr, struct bpf_prog *, tgt_prog)
static const struct bpf_prog *seal_tramp_link_prog(const struct seal_args_tramp_link *a)
{
	return a->node->link->prog;
}
#else
SEAL_ARGS3(tramp_link, int, bpf_trampoline_link_prog,
	   struct bpf_tramp_link *, link, struct bpf_trampoline *, tr, struct bpf_prog *, tgt_prog)
static const struct bpf_prog *seal_tramp_link_prog(const struct seal_args_tramp_link *a)
{
	return a->link->link.prog;
}
#endif

static bool seal_decide_tramp_link(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	const struct seal_args_tramp_link a = seal_args_tramp_link(regs);

	return seal_bpf_decide(seal_tramp_link_prog(&a), r);
}

/*
 * int security_kernel_module_request(char *kmod_name): the kernel's own
 * request_module(), in the task that made it ask (an unprivileged socket(),
 * a mount, ip link add...). Never refuses (the load it leads to is decided as
 * any other); notes who asked, for that load's log line and record.
 */
SEAL_ARGS1(module_request, int, security_kernel_module_request, char *, kmod_name)
static bool seal_decide_module_request(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	const char *name = seal_args_module_request(regs).kmod_name;

	if (name)
		seal_request_note(name);
	return false;
}

/* int replace_mm_exe_file(struct mm_struct *mm, struct file *new_exe_file): only prctl(PR_SET_MM_EXE_FILE). */
SEAL_ARGS2(replace_exe, int, replace_mm_exe_file, struct mm_struct *, mm, struct file *, new_exe_file)
static bool seal_decide_replace_exe(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	const struct seal_args_replace_exe a = seal_args_replace_exe(regs);

	if (!a.new_exe_file)
		return false;
	r->op = "set_exe_file";
	r->program = file_inode(a.new_exe_file);
	return true;
}

/*
 * int security_ptrace_access_check(struct task_struct *child, unsigned int mode):
 * PTRACE_ATTACH/SEIZE, /proc/PID/mem, process_vm_writev, pidfd_getfd. Only
 * the attach modes are refused, so ps and /proc/PID/exe still read. Every
 * caller (__ptrace_may_access) holds task_lock(child): child->mm is stable.
 * The executable's inode is compared, never dereferenced beyond that, so the
 * reference can be dropped before the decision.
 */
SEAL_ARGS2(ptrace_access, int, security_ptrace_access_check,
	   struct task_struct *, child, unsigned int, mode)
static bool seal_decide_ptrace_access(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	const struct seal_args_ptrace_access a = seal_args_ptrace_access(regs);
	struct file *exe;

	if (!(a.mode & PTRACE_MODE_ATTACH))
		return false;
	exe = seal_mm_exe_get(a.child->mm);
	if (!exe)
		return false;
	r->op = "ptrace";
	r->program = file_inode(exe);
	fput(exe);
	return true;
}

/*
 * int security_bprm_check(struct linux_binprm *bprm): the exec of a program.
 * A task traced before its exec (PTRACE_TRACEME, or attached earlier) stays
 * traced across it, so the attach check never runs: refuse that exec. Any
 * other exec of an insmod=, mem_allow= or lockdown_allow= program is marked secure (AT_SECURE),
 * as for a setuid program: the dynamic loader then ignores LD_PRELOAD paths
 * and LD_LIBRARY_PATH. (begin_new_exec() only ever sets secureexec after us.)
 */
SEAL_ARGS1(bprm_check, int, security_bprm_check, struct linux_binprm *, bprm)
static bool seal_decide_bprm_check(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	struct linux_binprm *bprm = seal_args_bprm_check(regs).bprm;
	const struct inode *inode = file_inode(bprm->file);

	if (!seal_inode_in(&seal_policy.insmod, inode) && !seal_inode_in(&seal_policy.mem_allow, inode) &&
	    !seal_lockdown_program(inode))
		return false;
	if (!current->ptrace) {
		bprm->secureexec = 1;
		return false;
	}
	r->op = "exec_traced";
	r->program = inode;
	return true;
}

/*
 * int security_file_open(struct file *file): every open, once, after the path
 * walk, whatever path or link was used. A write open, or O_TRUNC even on a
 * read-only open (the kernel truncates after this hook: do_open() calls
 * handle_truncate() after vfs_open()), of an insmod=, mem_allow= or lockdown_allow= program is
 * refused. Writes need such an open first (write, mmap, fallocate, splice);
 * a descriptor opened before the seal is out of reach, as for /dev/mem.
 * Not security_inode_permission: that runs for every step of every path walk.
 */
SEAL_ARGS1(file_open, int, security_file_open, struct file *, file)
static bool seal_decide_file_open(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	const struct file *file = seal_args_file_open(regs).file;

	if (!(file->f_mode & FMODE_WRITE) && !(file->f_flags & O_TRUNC))
		return false;
	r->op = "write_program";
	r->write = true;
	r->program = file_inode(file);
	return true;
}

/* int security_path_truncate(const struct path *path): truncate(2) by path, which opens nothing. */
SEAL_ARGS1(path_truncate, int, security_path_truncate, const struct path *, path)
static bool seal_decide_path_truncate(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	r->op = "write_program";
	r->write = true;
	r->program = d_inode(seal_args_path_truncate(regs).path->dentry);
	return true;
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
 * long __x64_sys_delete_module(const struct pt_regs *regs): the name is in
 * di. 32-bit callers (int 0x80, sysenter) reach __ia32_sys_delete_module
 * instead, with the name in bx. The flags (si, cx) are read from the saved
 * registers, which no other thread can change: the forced-removal refusal
 * does not race. A name that can't be read without faulting is refused (fail
 * closed): the real syscall would fault on it too, or the attacker is playing
 * games.
 */
SEAL_ARGS1_AS(delete_module, &__x64_sys_ni_syscall, long, const struct pt_regs *, uregs)
static bool seal_decide_delete_module(const struct seal_hook *h, struct pt_regs *regs, struct seal_req *r)
{
	const struct pt_regs *uregs = seal_args_delete_module(regs).uregs;
	const char __user *uname;
	unsigned long flags;

	if (h->ia32) {
		uname = (const char __user *)uregs->bx;
		flags = uregs->cx;
	} else {
		uname = (const char __user *)uregs->di;
		flags = uregs->si;
	}
	r->kind = SEAL_K_REMOVE;
	r->op = "delete_module";
	r->force = flags & O_TRUNC;
	if (!seal_copy_name_nofault(r->name, sizeof(r->name), uname))
		r->target = r->name;
	return true;
}

/* ---- Registration ------------------------------------------------------- */

#define SEAL_FTRACE_FLAGS (FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY | FTRACE_OPS_FL_PERMANENT)

#define SEAL_WRAP(sym, to) \
	{ .name = sym, .ops = { .func = seal_ftrace_wrap, .flags = SEAL_FTRACE_FLAGS }, .wrapper = to }
#define SEAL_DENY(sym, fn) \
	{ .name = sym, .ops = { .func = seal_ftrace_deny, .flags = SEAL_FTRACE_FLAGS }, .decide = fn }
/* Guards of the insmod=, mem_allow= and lockdown_allow= programs: registered only when there is a program to guard. */
#define SEAL_GUARD(sym, fn) \
	{ .name = sym, .ops = { .func = seal_ftrace_deny, .flags = SEAL_FTRACE_FLAGS }, .decide = fn, \
	  .programs_only = true }

static struct seal_hook seal_hooks[] = {
	SEAL_WRAP("security_kernel_post_read_file", seal_post_read_file),
	SEAL_WRAP("security_kernel_post_load_data", seal_post_load_data),
	SEAL_DENY("security_kernel_read_file", seal_decide_read_file),
	SEAL_DENY("security_kernel_load_data", seal_decide_load_data),
	SEAL_DENY("security_locked_down", seal_decide_locked_down),
	SEAL_DENY("security_kernel_module_request", seal_decide_module_request),
	SEAL_DENY("security_bpf_prog", seal_decide_bpf_prog),
	SEAL_DENY("bpf_trampoline_link_prog", seal_decide_tramp_link),
	SEAL_DENY("open_port", seal_decide_open_port),
	SEAL_GUARD("replace_mm_exe_file", seal_decide_replace_exe),
	SEAL_GUARD("security_ptrace_access_check", seal_decide_ptrace_access),
	SEAL_GUARD("security_bprm_check", seal_decide_bprm_check),
	SEAL_GUARD("security_file_open", seal_decide_file_open),
	SEAL_GUARD("security_path_truncate", seal_decide_path_truncate),
	SEAL_DENY("__x64_sys_delete_module", seal_decide_delete_module),
#ifdef CONFIG_IA32_EMULATION
	{ .name = "__ia32_sys_delete_module",
	  .ops = { .func = seal_ftrace_deny, .flags = SEAL_FTRACE_FLAGS },
	  .decide = seal_decide_delete_module, .ia32 = true },
#endif
};

/* Is func one of the functions seal hooks (whether or not its hook is registered)? */
bool seal_hooks_cover(const char *func)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(seal_hooks); i++)
		if (strcmp(seal_hooks[i].name, func) == 0)
			return true;
	return false;
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
	ktime_t t;
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(seal_hooks); i++) {
		struct seal_hook *h = &seal_hooks[i];

		if (h->programs_only && !seal_policy.insmod.count && !seal_policy.mem_allow.count &&
		    !seal_lockdown_has_programs())
			continue;
		/* Fails with -EINVAL when the function is missing or not traceable on this kernel. */
		t = ktime_get();
		err = ftrace_set_filter(&h->ops, (unsigned char *)h->name, strlen(h->name), 0);
		seal_init_times.hooks_filter += ktime_to_ns(ktime_sub(ktime_get(), t));
		if (err) {
			pr_err("cannot hook %s: ftrace_set_filter error %d (function missing or not traceable)\n",
			       h->name, err);
			goto fail;
		}
		/* -EBUSY here when ftrace_enabled is 0 or another IPMODIFY ops owns the function. */
		t = ktime_get();
		err = register_ftrace_function(&h->ops);
		seal_init_times.hooks_register += ktime_to_ns(ktime_sub(ktime_get(), t));
		if (err) {
			pr_err("cannot hook %s: register_ftrace_function error %d\n", h->name, err);
			goto fail;
		}
		h->registered = true;
		seal_init_times.hooks++;
	}
	return 0;
fail:
	seal_hooks_unregister();
	return err;
}
