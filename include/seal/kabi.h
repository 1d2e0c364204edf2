/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What seal.ko and the userland tools agree on: sysfs paths, log keys, limits; the parameters are params.h's table. */
#ifndef SEAL_KABI_H
#define SEAL_KABI_H

/* Freestanding like sums_core.h: included by kmod/ and by libseal/tools. */

#define SEAL_KMOD_NAME          "seal"

/* The parameters, their names, kinds, spellings and limits: one table (params.h). */
#include "params.h"

#define SEAL_SUMS_MAX_MIB       64              /* largest sums= file seal.ko reads, in MiB */
#define SEAL_SUMS_MAX_BYTES     ((unsigned long)SEAL_SUMS_MAX_MIB << 20)

/* seal-load's configuration, SYSCONFDIR/seal/seal.conf (config.h's SEAL_CONF_PATH): one "key=value" per line (seal.conf(5)). */
#define SEAL_CONF_MAX_BYTES     (1UL << 20)

/* seal-load's copy of the list the kernel sealed with (seal-verify compares a changed list with it). */
#define SEAL_SEALED_COPY        "/run/seal/sums.sealed"

/* Default lists written by seal-mksums and read by seal-insmod and seal-verify. */
#define SEAL_SUMS_DEFAULT_SHA256 "/lib/modules/sha256sums"
#define SEAL_SUMS_DEFAULT_MD5    "/lib/modules/md5sums"

/*
 * The module policy (seal.modules(5)): the names of the modules this machine may load, one per
 * line, or the single word "all" (every module of every installed kernel). seal-mksums derives
 * the list from it, with each name's dependencies and softdeps, for every installed kernel.
 */
#define SEAL_MODULES_DEFAULT    "/etc/seal/modules"
#define SEAL_MODULES_ALL        "all"
#define SEAL_MODULES_MAX_BYTES  (1UL << 20)
/* A module name: MODULE_NAME_LEN (64 - sizeof(unsigned long)) less its NUL. */
#define SEAL_MODULE_NAME_MAX    55
/* What the machine loaded, kept across boots by seal-mksums --record for --propose. */
#define SEAL_LEARNED_DEFAULT    "/var/lib/seal/learned"
#define SEAL_LEARNED_MAX        16384           /* lines of the record: (kernel, module, digest) */

/*
 * seal.ko's state, read-only, under /sys/kernel/seal/:
 *   sealed            "1" once every hook is active
 *   insmod, mem_allow the resolved paths, one per line: "PATH dev=MAJ:MIN ino=N"
 *   read, no_remove, kexec   the flag's value in the spelling seal.ko takes (params.h: yes/no, true/false)
 *   lockdown          the lockdown reasons refused, space-separated, or "none"
 *   lockdown_allow    one exemption per line: "REASON" or "REASON PATH dev=MAJ:MIN ino=N"
 *   sums              "PATH sha256=HEX entries=N" or empty when sums= was not given
 *   loads             modules loaded since the seal, one per line:
 *                     "NAME sha256=HEX op=OP verdict=V init=I[ REQUEST]", then
 *                     "overflow=N" if N records were dropped (more than 4096 loads). HEX is the
 *                     digest of the module image; fields after op= may be absent (an older
 *                     seal.ko) and readers ignore key=value fields they do not know
 *   refused           one line per distinct (module, digest, reason) refused since the seal:
 *                     "NAME sha256=HEX op=OP reason=R count=N[ REQUEST]", at most
 *                     1024 lines, then "overflow=N"
 *   learn             "yes" or "no": the learning profile (learn=)
 *   init_time         where seal.ko's init spent its time, in microseconds, one line:
 *                     "total_us=N list_read_us=N list_hash_us=N list_parse_us=N hooks=N
 *                     hooks_filter_us=N hooks_register_us=N" (a diagnostic: no tool reads it)
 *   denied/<kind>     per-kind count of denials since the seal (never rate-limited)
 * REQUEST, for a load by the modprobe the kernel's request_module() ran:
 *                     "requested=ALIAS by_comm=C by_pid=N by_uid=N", the task that asked.
 * NAME (from the image's .modinfo, else the file name), ALIAS and C are escaped (seal/escape.h).
 */
#define SEAL_SYSFS_DIR          "/sys/kernel/seal"
#define SEAL_SYSFS_DENIED_DIR   SEAL_SYSFS_DIR "/denied"
#define SEAL_SYSFS_LOADS        SEAL_SYSFS_DIR "/loads"
#define SEAL_SYSFS_REFUSED      SEAL_SYSFS_DIR "/refused"
#define SEAL_SYSFS_LEARN        SEAL_SYSFS_DIR "/learn"
#define SEAL_LOADS_MAX          4096            /* lines of loads before overflow= */
#define SEAL_REFUSED_MAX        1024            /* lines of refused before overflow= */

/* The fields of a loads or refused line (after NAME), and the values seal.ko writes. */
#define SEAL_FIELD_SHA256       "sha256"
#define SEAL_FIELD_OP           "op"
#define SEAL_FIELD_VERDICT      "verdict"       /* loads: ok, or the reason the policy would refuse */
#define SEAL_FIELD_INIT         "init"          /* loads: ok, failed or pending */
#define SEAL_FIELD_REASON       "reason"        /* refused */
#define SEAL_FIELD_COUNT        "count"         /* refused: how many times since the seal */
#define SEAL_FIELD_REQUESTED    "requested"     /* the name the kernel's request_module asked for */
/* after requested=: the task whose request it was (its name escaped), its pid and uid */
#define SEAL_FIELD_BY_COMM      "by_comm"
#define SEAL_FIELD_BY_PID       "by_pid"
#define SEAL_FIELD_BY_UID       "by_uid"
#define SEAL_FIELD_MODULE       "module"        /* log lines: the module's name */
#define SEAL_FIELD_OVERFLOW     "overflow"
#define SEAL_VERDICT_OK         "ok"
#define SEAL_INIT_OK            "ok"
#define SEAL_INIT_FAILED        "failed"
#define SEAL_INIT_PENDING       "pending"

/*
 * Denial kinds: the names of the counters under denied/. The op= field of a log line
 * names the refused operation itself (finit_module, init_module, open_mem, ioperm...).
 */
#define SEAL_KIND_MODULE        "module"        /* init_module / finit_module */
#define SEAL_KIND_MEM           "mem"           /* open of /dev/mem */
#define SEAL_KIND_PORT          "port"          /* open of /dev/port, ioperm/iopl */
#define SEAL_KIND_REMOVE        "remove"        /* delete_module */
#define SEAL_KIND_KEXEC         "kexec"         /* kexec_load / kexec_file_load */
#define SEAL_KIND_LOCKDOWN      "lockdown"      /* an integrity lockdown reason (op=lockdown what=REASON) */
#define SEAL_KIND_BPF           "bpf"           /* a BPF program that could skip a hook (op=bpf what=fmod_ret target=FUNC) */

/*
 * Kernel log lines: "seal: denied op=OP pid=N comm=C exe=PATH [DETAIL] reason=R", DETAIL by op:
 * module=NAME sha256=HEX (module loads; after reason=R, REQUEST as in loads for the kernel's
 * own autoload), access=read|write (/dev/mem, /dev/port), module=NAME (delete_module),
 * what=REASON (op=lockdown), what=fmod_ret|override_return target=FUNC (op=bpf).
 * With learn=yes a module load the rules would have refused is logged, and not refused, as
 * "seal: learned op=OP pid=N comm=C exe=PATH module=NAME sha256=HEX verdict=R[ REQUEST]".
 * Reasons a parser can match:
 */
#define SEAL_LOG_DENIED         "denied"
#define SEAL_LOG_LEARNED        "learned"
#define SEAL_REASON_NOT_LISTED  "not-listed"    /* module digest not on the sums= list */
#define SEAL_REASON_NOT_LOADER  "not-loader"    /* caller is not an insmod= program */
#define SEAL_REASON_SEALED      "sealed"        /* the operation is closed outright */
#define SEAL_REASON_SELF        "self"          /* an attempt to remove seal itself */
#define SEAL_REASON_FORCED      "forced"        /* delete_module with O_TRUNC ("rmmod -f"), refused for every module */
#define SEAL_REASON_UNCHECKED   "unchecked"     /* a module reached load_module without passing a load hook */
#define SEAL_REASON_BAD_IMAGE   "bad-image"     /* a compressed module seal (and the kernel) cannot decompress */
#define SEAL_REASON_UNKNOWN_ID  "unknown-id"    /* a kernel_read_file/load_data id seal has no rule for (op=read_file|load_data what=ID) */

#endif
