/* SPDX-License-Identifier: GPL-2.0-only */
/* What seal.ko's files share: the policy fixed at load, the seal's state, the denial counters and the entry points. */
#ifndef SEAL_KMOD_INTERNAL_H
#define SEAL_KMOD_INTERNAL_H

#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/path.h>
#include <linux/security.h>
#include <linux/types.h>

/* SEAL_HAVE_*: what the kernel's API looks like here (generated from features.c) */
#include "seal_features.h"

#include <seal/kabi.h>
#include <seal/sums_core.h>

/* Denial kinds, indexing seal_denied[]; the names are kabi.h's SEAL_KIND_*. */
enum seal_kind {
	SEAL_K_MODULE,
	SEAL_K_MEM,
	SEAL_K_PORT,
	SEAL_K_REMOVE,
	SEAL_K_KEXEC,
	SEAL_K_LOCKDOWN,
	SEAL_K_BPF,
	SEAL_K_MAX,
};

/* A program named by insmod= or mem_allow=: the path is held so its inode can't be freed and reused. */
struct seal_program {
	struct path path;
};

struct seal_programs {
	struct seal_program prog[SEAL_MAX_PROGRAMS];
	unsigned int count;
};

/* One lockdown_allow= entry: reason left open for every program, or only for the one at path. */
struct seal_exemption {
	int reason;                     /* enum lockdown_reason */
	struct path path;               /* .dentry NULL: every program */
};

/*
 * A compressed file's digest and its image's, from a list line and the
 * "#image" line right after it (seal_sums_lines_pair): those exact bytes have
 * that image, so seal needs no decompression to know it. image indexes
 * seal_policy.sums.
 */
struct seal_file_pair {
	u8 file[SEAL_SHA256_LEN];
	u32 image;
};

/* Everything decided at load. Written only by seal_init() before the seal; read-only afterwards. */
struct seal_policy {
	struct seal_programs insmod;
	struct seal_programs mem_allow;
	bool deny_read;                 /* read=no */
	bool no_remove;                 /* no_remove=true */
	bool kexec;                     /* kexec=yes */
	bool learn;                     /* learn=yes: the module rules record, never refuse */
	bool have_insmod;               /* insmod= given */
	bool have_sums;                 /* sums= given */
	const char *sums_path;
	u8 sums_file_digest[SEAL_SHA256_LEN];   /* SHA-256 of the sums= file itself */
	u8 (*sums)[SEAL_SHA256_LEN];            /* sorted digests */
	size_t sums_count;
	struct seal_file_pair *pairs;           /* sorted by file digest */
	size_t pairs_count;
	DECLARE_BITMAP(lockdown, LOCKDOWN_INTEGRITY_MAX);       /* lockdown=: reasons refused */
	struct seal_exemption lockdown_allow[SEAL_MAX_EXEMPTIONS];
	unsigned int lockdown_allow_count;
};

/*
 * Where seal_init()'s time went, in ns (ktime_get), shown in /sys/kernel/seal/init_time.
 * The module loader's own work before seal_init() (reading and relocating seal.ko) is not in it.
 */
struct seal_init_times {
	u64 total;                      /* seal_init() from its start to the seal */
	u64 list_read;                  /* kernel_read_file of the sums= list */
	u64 list_hash;                  /* the list file's own SHA-256 */
	u64 list_parse;                 /* parsing the list, keeping and sorting its digests and pairs */
	u64 hooks_filter;               /* ftrace_set_filter: finding each hooked function */
	u64 hooks_register;             /* register_ftrace_function: patching each one in */
	unsigned int hooks;             /* functions hooked */
};

/* seal_main.c: the policy and the seal's state */
extern struct seal_init_times seal_init_times;
extern struct seal_policy seal_policy;
extern atomic64_t seal_denied[SEAL_K_MAX];
extern const char *const seal_kind_names[SEAL_K_MAX];
bool seal_active(void);
int seal_program_check(const char *param, const char *item, const struct path *path);
bool seal_sums_contains(const u8 *digest);
bool seal_sums_pair_image(const u8 *file_digest, u8 image[SEAL_SHA256_LEN]);
int seal_show_path(char *buf, int at, const char *prefix, const struct path *path, char *tmp,
		   size_t tmp_size);

/* seal_caller.c: the calling task's executable; safe with preemption off */
struct mm_struct;
struct file *seal_mm_exe_get(struct mm_struct *mm);
struct file *seal_exe_get(void);
bool seal_inode_in(const struct seal_programs *progs, const struct inode *inode);
bool seal_caller_is(const struct seal_programs *progs);

/* seal_lockdown.c: lockdown= and lockdown_allow= */
const char *seal_lockdown_name(int reason);
bool seal_lockdown_own_rule(int reason);
void seal_lockdown_default(struct seal_policy *p);
int seal_lockdown_parse(char *val, struct seal_policy *p);
int seal_lockdown_allow_parse(char *val, struct seal_policy *p);
void seal_lockdown_put(struct seal_policy *p);
bool seal_lockdown_refused(int reason);
bool seal_lockdown_program(const struct inode *inode);
bool seal_lockdown_has_programs(void);
ssize_t seal_lockdown_show(char *buf);
ssize_t seal_lockdown_allow_show(char *buf, char *tmp, size_t tmp_size);

/* seal_log.c: one refusal, counted, then one kernel log line (rate-limited per kind) and one audit record */
struct seal_event {
	enum seal_kind kind;
	const char *op;                 /* op= */
	const char *reason;             /* reason=, a SEAL_REASON_* */
	const char *module;             /* module=: a name the user chose (escaped when printed), or NULL */
	const char *extra;              /* " key=value..." made by seal from values no user chooses, or NULL */
	const struct seal_request *request;     /* a module load answering a request_module(), or NULL */
	bool learned;                   /* learn=yes: logged as "learned ... verdict=", not refused nor counted */
};
void seal_log_denial(const struct seal_event *e);

/* seal_image.c: the digest and name of a module's image (the digest rule) */
struct seal_image {
	u8 digest[SEAL_SHA256_LEN];
	char name[MODULE_NAME_LEN];     /* from .modinfo; empty if it has none */
	bool compressed;                /* the bytes were an xz file, decompressed here */
};
void seal_sha256(const void *data, size_t len, u8 out[SEAL_SHA256_LEN]);
int seal_image_inspect(const void *buf, size_t len, struct seal_image *img);
bool seal_image_pair(const void *buf, size_t len, u8 image[SEAL_SHA256_LEN]);

/* seal_hooks.c */
int seal_hooks_register(void);          /* all hooks or none; the seal is not yet active */
void seal_hooks_unregister(void);       /* only for a load that fails before the seal */
bool seal_hooks_cover(const char *func);

/* seal_request.c: the kernel's request_module() calls, and who made them */
struct seal_request {
	char name[MODULE_NAME_LEN];     /* what was requested: a module name or an alias (net-pf-38) */
	char comm[TASK_COMM_LEN];       /* the task that asked */
	pid_t pid;
	uid_t uid;
};
void seal_request_note(const char *name);
bool seal_request_of_loader(struct seal_request *out);

/* seal_loads.c: seal's own record of the modules loaded after the seal, and of those refused */
struct seal_load_info {
	const u8 *digest;
	const char *op;
	const char *verdict;            /* what the enforcing rules say: "ok" or a SEAL_REASON_* */
	const struct seal_request *request;     /* the request_module() it answers, or NULL */
};
void seal_loads_begin(void);
int seal_loads_pending(const struct seal_load_info *info);
void seal_refused_add(const char *module, const struct seal_load_info *info);
ssize_t seal_refused_read(char *buf, loff_t off, size_t count);
int seal_loads_register(void);
void seal_loads_unregister(void);
ssize_t seal_loads_read(char *buf, loff_t off, size_t count);

#endif
