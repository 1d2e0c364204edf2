/* SPDX-License-Identifier: GPL-2.0-only */
/* What seal.ko's files share: the policy fixed at load, the denial counters and the hook entry points. */
#ifndef SEAL_KMOD_INTERNAL_H
#define SEAL_KMOD_INTERNAL_H

#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/path.h>
#include <linux/types.h>

#include <seal/kabi.h>
#include <seal/sums_core.h>

/* Denial kinds, indexing seal_denied[]; the names are kabi.h's SEAL_KIND_*. */
enum seal_kind {
	SEAL_K_MODULE,
	SEAL_K_MEM,
	SEAL_K_PORT,
	SEAL_K_REMOVE,
	SEAL_K_KEXEC,
	SEAL_K_MSR,
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

/* Everything decided at load. Written only by seal_init() before the seal; read-only afterwards. */
struct seal_policy {
	struct seal_programs insmod;
	struct seal_programs mem_allow;
	bool deny_read;                 /* read=no */
	bool no_remove;                 /* no_remove=true */
	bool kexec;                     /* kexec=yes */
	bool have_insmod;               /* insmod= given */
	bool have_sums;                 /* sums= given */
	const char *sums_path;
	u8 sums_file_digest[SEAL_SHA256_LEN];   /* SHA-256 of the sums= file itself */
	u8 (*sums)[SEAL_SHA256_LEN];            /* sorted digests */
	size_t sums_count;
};

extern struct seal_policy seal_policy;
extern atomic64_t seal_denied[SEAL_K_MAX];
extern const char *const seal_kind_names[SEAL_K_MAX];

/* seal_hooks.c */
int seal_hooks_register(void);          /* all hooks or none; the seal is not yet active */
void seal_hooks_unregister(void);       /* only for a load that fails before the seal */
void seal_activate(void);
bool seal_active(void);
bool seal_sums_contains(const u8 *digest);

/* seal_loads.c: seal's own record of the modules loaded after the seal */
void seal_loads_pending(const u8 *digest, const char *op);
int seal_loads_register(void);
void seal_loads_unregister(void);
ssize_t seal_loads_read(char *buf, loff_t off, size_t count);

#endif
