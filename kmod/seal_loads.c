// SPDX-License-Identifier: GPL-2.0-only
/* seal's own record of the modules loaded after the seal (name, sha256, op), and the veto of unchecked ones. */
#define pr_fmt(fmt) "seal: " fmt

#include <linux/fs.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <seal/escape.h>

#include "seal_internal.h"

/*
 * The load hooks see the bytes but not the module's name; the module notifier
 * at MODULE_STATE_COMING sees the name but not the bytes. Both run in the
 * loading task (finit_module/init_module -> load_module), so the hook leaves
 * a pending record keyed by the task and the notifier claims it.
 *
 * A record lives for one load syscall: the pre-read hooks
 * (security_kernel_read_file, security_kernel_load_data) drop the task's
 * record when its next finit_module/init_module starts, so a load that passed
 * its check and then failed (EEXIST, a bad ELF, a refused signature) leaves
 * nothing that a later load of the same task could claim.
 *
 * A module that reaches COMING after the seal with no pending record got past
 * the load hooks somehow: the notifier vetoes it (fail closed). By then the
 * kernel has copied, relocated and write-protected the module, registered its
 * ftrace records (ftrace_module_enable) and applied livepatches to it
 * (klp_module_coming), but no code of the module has run: its parameters are
 * parsed, its constructors and its init function called, only after COMING.
 * The veto makes load_module() free it again.
 */

/* the longest line of loads or refused: two escaped names, a digest, the short fields */
#define SEAL_LOAD_LINE     (SEAL_ESCAPE_SIZE(MODULE_NAME_LEN) * 2 + SEAL_ESCAPE_SIZE(TASK_COMM_LEN) + \
			    2 * SEAL_SHA256_LEN + 160)

/*
 * One checked load waiting for its COMING, one per task at most. Records are
 * never evicted for room: a load between its check and COMING (the kernel's
 * signature check, layout, relocation; a duplicate load waiting for the first)
 * must find its record however many loads run at once, or a listed module is
 * refused as unchecked. Each holds a reference on its task, so the pointer
 * cannot be reused by a new task while the record lives, and a record whose
 * task has exited (its load failed after the check and it never loaded again)
 * is known stale and reaped.
 */
struct seal_pending {
	struct list_head node;
	struct task_struct *task;       /* a reference held */
	u8 digest[SEAL_SHA256_LEN];
	const char *op;
	const char *verdict;
	bool requested;
	struct seal_request request;
};

/* Past this many records, a new one first reaps those of exited tasks. */
#define SEAL_PENDING_REAP 64

enum seal_init { SEAL_LOAD_PENDING, SEAL_LOAD_OK, SEAL_LOAD_FAILED };
static const char *const seal_init_names[] = {
	[SEAL_LOAD_PENDING] = SEAL_INIT_PENDING, [SEAL_LOAD_OK] = SEAL_INIT_OK, [SEAL_LOAD_FAILED] = SEAL_INIT_FAILED,
};

struct seal_load {
	struct list_head node;
	const struct module *mod;       /* while it is loading or live; NULL once gone */
	char name[MODULE_NAME_LEN];
	u8 digest[SEAL_SHA256_LEN];
	const char *op;
	const char *verdict;
	enum seal_init init;
	bool requested;
	struct seal_request request;
};

/* One refused (module, digest, reason), with how often. */
struct seal_refused {
	struct list_head node;
	char name[MODULE_NAME_LEN];
	u8 digest[SEAL_SHA256_LEN];
	const char *op;
	const char *reason;
	unsigned long count;
	bool requested;
	struct seal_request request;
};

static DEFINE_SPINLOCK(seal_pending_lock);
static LIST_HEAD(seal_pending);
static unsigned long seal_pending_count;

static DEFINE_MUTEX(seal_loads_lock);
static LIST_HEAD(seal_loads);
static unsigned long seal_loads_count;
static unsigned long seal_loads_overflow;
static LIST_HEAD(seal_refused);
static unsigned long seal_refused_count;
static unsigned long seal_refused_overflow;

/* current's pending record, or NULL. Called with seal_pending_lock held. */
static struct seal_pending *seal_pending_mine(void)
{
	struct seal_pending *s;

	list_for_each_entry(s, &seal_pending, node)
		if (s->task == current)
			return s;
	return NULL;
}

/* Unlinks s. Called with seal_pending_lock held; seal_pending_free() it after unlocking. */
static void seal_pending_unlink(struct seal_pending *s)
{
	list_del(&s->node);
	seal_pending_count--;
}

static void seal_pending_free(struct seal_pending *s)
{
	put_task_struct(s->task);
	kfree(s);
}

/* Moves the records of exited tasks to *dead. Called with seal_pending_lock held. */
static void seal_pending_reap(struct list_head *dead)
{
	struct seal_pending *s, *n;

	list_for_each_entry_safe(s, n, &seal_pending, node) {
		if (!(READ_ONCE(s->task->flags) & PF_EXITING))
			continue;
		seal_pending_unlink(s);
		list_add(&s->node, dead);
	}
}

/*
 * A load passed its check: its record, for the notifier at COMING. May sleep.
 * 0, or -ENOMEM with nothing recorded: the caller fails the load, which would
 * otherwise be refused as unchecked at COMING.
 */
int seal_loads_pending(const struct seal_load_info *info)
{
	struct seal_pending *new, *s, *n;
	LIST_HEAD(dead);

	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	new->task = get_task_struct(current);
	memcpy(new->digest, info->digest, SEAL_SHA256_LEN);
	new->op = info->op;
	new->verdict = info->verdict;
	new->requested = info->request != NULL;
	if (info->request)
		new->request = *info->request;

	spin_lock(&seal_pending_lock);
	/* a record of this task left by an earlier check of the same syscall is replaced */
	s = seal_pending_mine();
	if (s) {
		seal_pending_unlink(s);
		list_add(&s->node, &dead);
	}
	if (seal_pending_count >= SEAL_PENDING_REAP)
		seal_pending_reap(&dead);
	list_add(&new->node, &seal_pending);
	seal_pending_count++;
	spin_unlock(&seal_pending_lock);

	list_for_each_entry_safe(s, n, &dead, node)
		seal_pending_free(s);
	return 0;
}

/*
 * A load syscall of current starts: drop a record an earlier one left. Runs
 * in an ftrace callback (preemption disabled): the record is current's own,
 * so put_task_struct() never drops the last reference here, and kfree() does
 * not sleep.
 */
void seal_loads_begin(void)
{
	struct seal_pending *s;

	spin_lock(&seal_pending_lock);
	s = seal_pending_mine();
	if (s)
		seal_pending_unlink(s);
	spin_unlock(&seal_pending_lock);
	if (s)
		seal_pending_free(s);
}

/* Take current's pending record. Returns true and fills out if there was one. */
static bool seal_pending_claim(struct seal_pending *out)
{
	struct seal_pending *s;

	spin_lock(&seal_pending_lock);
	s = seal_pending_mine();
	if (s)
		seal_pending_unlink(s);
	spin_unlock(&seal_pending_lock);
	if (!s)
		return false;
	*out = *s;
	seal_pending_free(s);
	return true;
}

static void seal_loads_add(const struct module *mod, const struct seal_pending *p)
{
	struct seal_load *l;

	mutex_lock(&seal_loads_lock);
	if (seal_loads_count >= SEAL_LOADS_MAX) {
		seal_loads_overflow++;
		goto out;
	}
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l) {
		seal_loads_overflow++;
		goto out;
	}
	l->mod = mod;
	strscpy(l->name, mod->name, sizeof(l->name));
	memcpy(l->digest, p->digest, SEAL_SHA256_LEN);
	l->op = p->op;
	l->verdict = p->verdict;
	l->init = SEAL_LOAD_PENDING;
	l->requested = p->requested;
	l->request = p->request;
	list_add_tail(&l->node, &seal_loads);
	seal_loads_count++;
out:
	mutex_unlock(&seal_loads_lock);
}

/* A recorded module's init finished (LIVE) or it is going away (GOING): its init= field. */
static void seal_loads_state(const struct module *mod, unsigned long state)
{
	struct seal_load *l;

	mutex_lock(&seal_loads_lock);
	list_for_each_entry(l, &seal_loads, node) {
		if (l->mod != mod)
			continue;
		if (state == MODULE_STATE_LIVE) {
			l->init = SEAL_LOAD_OK;
		} else {
			/* GOING before LIVE: its init failed (or a later notifier vetoed it) */
			if (l->init == SEAL_LOAD_PENDING)
				l->init = SEAL_LOAD_FAILED;
			l->mod = NULL;
		}
	}
	mutex_unlock(&seal_loads_lock);
}

/*
 * One refused module load, counted per (name, digest, reason): what
 * /sys/kernel/seal/refused shows, so a refusal can be named and allowed
 * without reading the kernel log. May sleep.
 */
void seal_refused_add(const char *module, const struct seal_load_info *info)
{
	struct seal_refused *r;

	mutex_lock(&seal_loads_lock);
	list_for_each_entry(r, &seal_refused, node) {
		if (strcmp(r->name, module) == 0 && r->reason == info->verdict &&
		    memcmp(r->digest, info->digest, SEAL_SHA256_LEN) == 0) {
			r->count++;
			goto out;
		}
	}
	if (seal_refused_count >= SEAL_REFUSED_MAX) {
		seal_refused_overflow++;
		goto out;
	}
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r) {
		seal_refused_overflow++;
		goto out;
	}
	strscpy(r->name, module, sizeof(r->name));
	memcpy(r->digest, info->digest, SEAL_SHA256_LEN);
	r->op = info->op;
	r->reason = info->verdict;
	r->count = 1;
	r->requested = info->request != NULL;
	if (info->request)
		r->request = *info->request;
	list_add_tail(&r->node, &seal_refused);
	seal_refused_count++;
out:
	mutex_unlock(&seal_loads_lock);
}

static int seal_module_notify(struct notifier_block *nb, unsigned long state, void *data)
{
	struct module *mod = data;
	struct seal_pending p;

	/*
	 * Defence in depth: seal.ko has no exit function and every forced
	 * delete_module is refused while sealed, so this should never run.
	 * Should seal.ko ever be on its way out anyway, stop here: its hooks
	 * would run from freed memory, and a root attacker must never lift the
	 * seal without being seen (fail closed).
	 */
	if (state == MODULE_STATE_GOING && mod == THIS_MODULE && seal_active())
		panic("seal: seal.ko is being removed; refusing to run unsealed\n");
	if (!seal_active())
		return NOTIFY_DONE;
	if (state == MODULE_STATE_LIVE || state == MODULE_STATE_GOING) {
		seal_loads_state(mod, state);
		return NOTIFY_DONE;
	}
	if (state != MODULE_STATE_COMING)
		return NOTIFY_DONE;
	if (!seal_pending_claim(&p)) {
		struct seal_event e = {
			.kind = SEAL_K_MODULE, .op = "load_module", .reason = SEAL_REASON_UNCHECKED,
			.module = mod->name,
		};

		seal_log_denial(&e);
		return notifier_from_errno(-EPERM);
	}
	seal_loads_add(mod, &p);
	return NOTIFY_DONE;
}

static struct notifier_block seal_module_nb = {
	.notifier_call = seal_module_notify,
	/* First in the chain: decide before other notifiers (livepatch, ftrace) prepare the module. */
	.priority = INT_MAX,
};

int seal_loads_register(void)
{
	return register_module_notifier(&seal_module_nb);
}

void seal_loads_unregister(void)
{
	unregister_module_notifier(&seal_module_nb);
}

/* ' requested=ALIAS by_comm=C by_pid=N by_uid=N', the names escaped, or nothing */
static int seal_request_fields(char *out, size_t size, bool requested, const struct seal_request *q)
{
	char name[SEAL_ESCAPE_SIZE(MODULE_NAME_LEN)], comm[SEAL_ESCAPE_SIZE(TASK_COMM_LEN)];

	if (!requested)
		return scnprintf(out, size, "%s", "");
	seal_escape(name, sizeof(name), q->name);
	seal_escape(comm, sizeof(comm), q->comm);
	return scnprintf(out, size, " requested=%s by_comm=%s by_pid=%d by_uid=%u", name, comm, q->pid, q->uid);
}

/*
 * /sys/kernel/seal/loads: "NAME sha256=HEX op=OP verdict=V init=I[ requested=...]" per line,
 * /sys/kernel/seal/refused: "NAME sha256=HEX op=OP reason=R count=N[ requested=...]" per line,
 * NAME escaped (seal/escape.h); "overflow=N" last if records were dropped.
 */
static ssize_t seal_records_read(bool refused, char *buf, loff_t off, size_t count)
{
	size_t size, used = 0;
	ssize_t ret;
	char *text;

	mutex_lock(&seal_loads_lock);
	size = ((refused ? seal_refused_count : seal_loads_count) + 1) * SEAL_LOAD_LINE;
	text = kvmalloc(size, GFP_KERNEL);
	if (!text) {
		mutex_unlock(&seal_loads_lock);
		return -ENOMEM;
	}
	if (!refused) {
		const struct seal_load *l;

		list_for_each_entry(l, &seal_loads, node) {
			char hex[2 * SEAL_SHA256_LEN + 1], name[SEAL_ESCAPE_SIZE(MODULE_NAME_LEN)];

			seal_hex_encode(l->digest, SEAL_SHA256_LEN, hex);
			seal_escape(name, sizeof(name), l->name);
			used += scnprintf(text + used, size - used, "%s sha256=%s op=%s verdict=%s init=%s",
					  name, hex, l->op, l->verdict, seal_init_names[l->init]);
			used += seal_request_fields(text + used, size - used, l->requested, &l->request);
			used += scnprintf(text + used, size - used, "\n");
		}
		if (seal_loads_overflow)
			used += scnprintf(text + used, size - used, "overflow=%lu\n", seal_loads_overflow);
	} else {
		const struct seal_refused *r;

		list_for_each_entry(r, &seal_refused, node) {
			char hex[2 * SEAL_SHA256_LEN + 1], name[SEAL_ESCAPE_SIZE(MODULE_NAME_LEN)];

			seal_hex_encode(r->digest, SEAL_SHA256_LEN, hex);
			seal_escape(name, sizeof(name), r->name);
			used += scnprintf(text + used, size - used, "%s sha256=%s op=%s reason=%s count=%lu",
					  name, hex, r->op, r->reason, r->count);
			used += seal_request_fields(text + used, size - used, r->requested, &r->request);
			used += scnprintf(text + used, size - used, "\n");
		}
		if (seal_refused_overflow)
			used += scnprintf(text + used, size - used, "overflow=%lu\n", seal_refused_overflow);
	}
	mutex_unlock(&seal_loads_lock);

	ret = memory_read_from_buffer(buf, count, &off, text, used);
	kvfree(text);
	return ret;
}

ssize_t seal_loads_read(char *buf, loff_t off, size_t count)
{
	return seal_records_read(false, buf, off, count);
}

ssize_t seal_refused_read(char *buf, loff_t off, size_t count)
{
	return seal_records_read(true, buf, off, count);
}
