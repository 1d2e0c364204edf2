// SPDX-License-Identifier: GPL-2.0-only
/* seal.ko's denial report: one kernel log line (values escaped) and one audit record per refusal. */
#define pr_fmt(fmt) "seal: " fmt

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <seal/escape.h>

#include "seal_internal.h"

/*
 * Every value a user can choose (the task name, the executable's path, a
 * module name) goes through seal_escape() (include/seal/escape.h): one
 * refusal is exactly one line that starts "seal: denied", and no name can
 * end it, start another that looks like seal's, or put a terminal escape on
 * a console. The longest executable path printed is SEAL_LOG_EXE escaped
 * bytes; a longer one ends in "\...".
 */
#define SEAL_LOG_PATH 256
#define SEAL_LOG_EXE  512

/* Per kind, so a flood of one kind of denial can't hide the lines of another. */
static struct ratelimit_state seal_rs[SEAL_K_MAX] = {
	[0 ... SEAL_K_MAX - 1] = RATELIMIT_STATE_INIT(seal_rs, 5 * HZ, 10),
};
/* learn=yes: the loads the rules would have refused, a boot's worth of them (udev loads dozens) */
static DEFINE_RATELIMIT_STATE(seal_rs_learned, 5 * HZ, 100);

/*
 * The buffers of one report: too big for the stack of a hooked function (the
 * deny hooks run deep inside path walks and syscalls), so static, one report
 * at a time. Reports are rare (rate-limited lines, refusals only).
 */
static DEFINE_SPINLOCK(seal_log_lock);
static struct {
	char path[SEAL_LOG_PATH];
	char exe[SEAL_LOG_EXE];
	char comm[SEAL_ESCAPE_SIZE(TASK_COMM_LEN)];
	char module[SEAL_ESCAPE_SIZE(MODULE_NAME_LEN)];
	char requested[SEAL_ESCAPE_SIZE(MODULE_NAME_LEN)];
	char by_comm[SEAL_ESCAPE_SIZE(TASK_COMM_LEN)];
	char tail[SEAL_ESCAPE_SIZE(MODULE_NAME_LEN) + SEAL_ESCAPE_SIZE(TASK_COMM_LEN) + 64];
} seal_log_buf;

/*
 * Audit's own rule for a value it cannot trust (audit_log_untrustedstring(),
 * not exported): quoted if it holds only 0x21..0x7e and no '"', else the
 * bytes in upper-case hex, which ausearch -i decodes.
 */
static void seal_audit_value(struct audit_buffer *ab, const char *key, const char *val)
{
	const unsigned char *p;

	for (p = (const unsigned char *)val; *p; p++)
		if (*p == '"' || *p < 0x21 || *p > 0x7e)
			break;
	if (!*p) {
		audit_log_format(ab, " %s=\"%s\"", key, val);
		return;
	}
	audit_log_format(ab, " %s=", key);
	for (p = (const unsigned char *)val; *p; p++)
		audit_log_format(ab, "%02X", *p);
}

/*
 * The audit record: type INTEGRITY_DATA (1800), as the kernel's integrity
 * code (IMA) writes for a refused file, with lsm=seal to tell them apart. In
 * the syscall's audit context, so "ausearch -k" of a rule watching
 * init_module/finit_module shows it in the same event. Only while audit is
 * enabled: otherwise the kernel would print each record as a second log line.
 */
static void seal_audit(const struct seal_event *e, const char *comm, const char *exe)
{
	struct audit_buffer *ab;

	if (!audit_enabled)
		return;
	ab = audit_log_start(audit_context(), GFP_ATOMIC, AUDIT_INTEGRITY_DATA);
	if (!ab)
		return;
	audit_log_format(ab, "lsm=seal op=%s reason=%s kind=%s pid=%d uid=%u auid=%u ses=%u",
			 e->op, e->reason, seal_kind_names[e->kind], task_tgid_nr(current),
			 from_kuid(&init_user_ns, current_uid()),
			 from_kuid(&init_user_ns, audit_get_loginuid(current)),
			 audit_get_sessionid(current));
	seal_audit_value(ab, "comm", comm);
	seal_audit_value(ab, "exe", exe);
	if (e->module)
		seal_audit_value(ab, "module", e->module);
	audit_log_format(ab, "%s", e->extra ? e->extra : "");
	if (e->request) {
		seal_audit_value(ab, "requested", e->request->name);
		seal_audit_value(ab, "by_comm", e->request->comm);
		audit_log_format(ab, " by_pid=%d by_uid=%u", e->request->pid, e->request->uid);
	}
	audit_log_format(ab, " res=0");
	audit_log_end(ab);
}

/* Counts (never rate-limited) and reports one denial. Safe with preemption off. */
void seal_log_denial(const struct seal_event *e)
{
	bool line;
	struct file *exe;
	const char *exe_path = "-";
	char comm[TASK_COMM_LEN];
	unsigned long flags;

	if (e->learned) {
		line = __ratelimit(&seal_rs_learned);
		if (!line)
			return;
	} else {
		atomic64_inc(&seal_denied[e->kind]);
		line = __ratelimit(&seal_rs[e->kind]);
		if (!line && !audit_enabled)
			return;
	}

	/*
	 * Not get_task_comm(): before 6.13 it takes task_lock(current), and the
	 * ptrace hook runs under task_lock(child). A torn name is harmless.
	 */
	strscpy_pad(comm, current->comm, sizeof(comm));
	exe = seal_exe_get();

	spin_lock_irqsave(&seal_log_lock, flags);
	if (exe) {
		char *p = d_path(&exe->f_path, seal_log_buf.path, sizeof(seal_log_buf.path));

		exe_path = IS_ERR(p) ? "?" : p;
	}
	if (line) {
		seal_escape(seal_log_buf.comm, sizeof(seal_log_buf.comm), comm);
		seal_escape(seal_log_buf.exe, sizeof(seal_log_buf.exe), exe_path);
		if (e->module)
			seal_escape(seal_log_buf.module, sizeof(seal_log_buf.module), e->module);
		seal_log_buf.tail[0] = '\0';
		if (e->request) {
			seal_escape(seal_log_buf.requested, sizeof(seal_log_buf.requested), e->request->name);
			seal_escape(seal_log_buf.by_comm, sizeof(seal_log_buf.by_comm), e->request->comm);
			snprintf(seal_log_buf.tail, sizeof(seal_log_buf.tail),
				 " requested=%s by_comm=%s by_pid=%d by_uid=%u", seal_log_buf.requested,
				 seal_log_buf.by_comm, e->request->pid, e->request->uid);
		}
		if (e->learned)
			pr_info("learned op=%s pid=%d comm=%s exe=%s%s%s%s verdict=%s%s\n",
				e->op, task_tgid_nr(current), seal_log_buf.comm, seal_log_buf.exe,
				e->module ? " module=" : "", e->module ? seal_log_buf.module : "",
				e->extra ? e->extra : "", e->reason, seal_log_buf.tail);
		else
			pr_warn("denied op=%s pid=%d comm=%s exe=%s%s%s%s reason=%s%s\n",
				e->op, task_tgid_nr(current), seal_log_buf.comm, seal_log_buf.exe,
				e->module ? " module=" : "", e->module ? seal_log_buf.module : "",
				e->extra ? e->extra : "", e->reason, seal_log_buf.tail);
	}
	if (!e->learned)
		seal_audit(e, comm, exe_path);
	spin_unlock_irqrestore(&seal_log_lock, flags);
	if (exe)
		fput(exe);
}
