// SPDX-License-Identifier: GPL-2.0-only
/* The kernel's own module requests (request_module) and who made them, so that the load its modprobe makes names them. */
#define pr_fmt(fmt) "seal: " fmt

#include <linux/cred.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "seal_internal.h"

/*
 * An unprivileged socket(AF_ALG) makes the kernel call request_module()
 * ("algif-aead"), which runs "modprobe -q -- algif-aead" as a usermode
 * helper: the load comes from a root modprobe whose parent is a kernel
 * worker, not from the task that asked. security_kernel_module_request() is
 * called in the asking task with the name, before the helper starts: seal
 * notes (name, pid, uid, comm) there. When a load comes from a process a
 * kernel thread started, whose arguments are exactly modprobe's "-q -- NAME",
 * and a request for NAME was noted within the last minute, the load is
 * named as that request's. A root process can't fake the parent, and a
 * request it makes itself to fake one is a real request.
 */

#define SEAL_REQUESTS 32
#define SEAL_REQUEST_AGE (60 * HZ)

static DEFINE_SPINLOCK(seal_request_lock);
static struct {
	struct seal_request r;
	unsigned long when;
	bool used;
} seal_requests[SEAL_REQUESTS];
static unsigned int seal_request_next;

/* In the asking task, from the security_kernel_module_request hook. Safe with preemption off. */
void seal_request_note(const char *name)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&seal_request_lock, flags);
	i = seal_request_next++ % SEAL_REQUESTS;
	strscpy(seal_requests[i].r.name, name, sizeof(seal_requests[i].r.name));
	strscpy_pad(seal_requests[i].r.comm, current->comm, sizeof(seal_requests[i].r.comm));
	seal_requests[i].r.pid = task_tgid_nr(current);
	seal_requests[i].r.uid = from_kuid(&init_user_ns, current_uid());
	seal_requests[i].when = jiffies;
	seal_requests[i].used = true;
	spin_unlock_irqrestore(&seal_request_lock, flags);
}

/* current's arguments, if it is modprobe as request_module() runs it: "PATH -q -- NAME". */
static bool seal_loader_request_name(char *name, size_t size)
{
	struct mm_struct *mm = current->mm;
	unsigned long start, end;
	char args[128];
	size_t len, a1, a2, a3;
	bool kernel_started;

	rcu_read_lock();
	kernel_started = current->real_parent && (current->real_parent->flags & PF_KTHREAD);
	rcu_read_unlock();
	if (!kernel_started || !mm)
		return false;
	spin_lock(&mm->arg_lock);
	start = mm->arg_start;
	end = mm->arg_end;
	spin_unlock(&mm->arg_lock);
	if (end <= start)
		return false;
	len = min_t(size_t, end - start, sizeof(args) - 1);
	if (copy_from_user(args, (const void __user *)start, len))
		return false;
	args[len] = '\0';
	a1 = strnlen(args, len) + 1;
	if (a1 >= len || strcmp(args + a1, "-q") != 0)
		return false;
	a2 = a1 + strlen(args + a1) + 1;
	if (a2 >= len || strcmp(args + a2, "--") != 0)
		return false;
	a3 = a2 + strlen(args + a2) + 1;
	if (a3 >= len || !args[a3])
		return false;
	strscpy(name, args + a3, size);
	return true;
}

/*
 * The request the current load answers, if any: the newest noted request for
 * the name current's modprobe arguments give, at most a minute old. May sleep
 * (reads current's memory).
 */
bool seal_request_of_loader(struct seal_request *out)
{
	char name[sizeof(out->name)];
	unsigned long flags;
	bool found = false;
	unsigned int i, k;

	if (!seal_loader_request_name(name, sizeof(name)))
		return false;
	spin_lock_irqsave(&seal_request_lock, flags);
	for (k = 1; k <= SEAL_REQUESTS && !found; k++) {
		i = (seal_request_next - k) % SEAL_REQUESTS;
		if (seal_requests[i].used && time_before(jiffies, seal_requests[i].when + SEAL_REQUEST_AGE) &&
		    strcmp(seal_requests[i].r.name, name) == 0) {
			*out = seal_requests[i].r;
			found = true;
		}
	}
	spin_unlock_irqrestore(&seal_request_lock, flags);
	return found;
}
