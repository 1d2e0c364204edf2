/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What seal.ko and the userland tools agree on: sysfs paths, log keys, limits; the parameters are params.h's table. */
#ifndef SEAL_KABI_H
#define SEAL_KABI_H

/* Freestanding like sums_core.h: included by kmod/ and by libseal/tools. */

#define SEAL_KMOD_NAME          "seal"

/* The parameters, their names, kinds, spellings and limits: one table (params.h). */
#include "params.h"

#define SEAL_SUMS_MAX_BYTES     (64UL << 20)    /* largest sums= file seal.ko reads */

/* seal-load's configuration, SYSCONFDIR/seal/seal.conf (config.h's SEAL_CONF_PATH): one "key=value" per line (seal.conf(5)). */
#define SEAL_CONF_MAX_BYTES     (1UL << 20)

/* seal-load's copy of the list the kernel sealed with (seal-verify compares a changed list with it). */
#define SEAL_SEALED_COPY        "/run/seal/sums.sealed"

/* Default lists written by seal-mksums and read by seal-insmod and seal-verify. */
#define SEAL_SUMS_DEFAULT_SHA256 "/lib/modules/sha256sums"
#define SEAL_SUMS_DEFAULT_MD5    "/lib/modules/md5sums"

/*
 * seal.ko's state, read-only, under /sys/kernel/seal/:
 *   sealed            "1" once every hook is active
 *   insmod, mem_allow the resolved paths, one per line: "PATH dev=MAJ:MIN ino=N"
 *   read, no_remove, kexec   the flag's value in the spelling seal.ko takes (params.h: yes/no, true/false)
 *   lockdown          the lockdown reasons refused, space-separated, or "none"
 *   lockdown_allow    one exemption per line: "REASON" or "REASON PATH dev=MAJ:MIN ino=N"
 *   sums              "PATH sha256=HEX entries=N" or empty when sums= was not given
 *   loads             modules loaded since the seal, one per line: "NAME sha256=HEX op=OP",
 *                     then "overflow=N" if N records were dropped (more than 4096 loads)
 *   denied/<kind>     per-kind count of denials since the seal (never rate-limited)
 */
#define SEAL_SYSFS_DIR          "/sys/kernel/seal"
#define SEAL_SYSFS_DENIED_DIR   SEAL_SYSFS_DIR "/denied"

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
 * module=NAME sha256=HEX (module loads; NAME from the image's .modinfo, else the file), access=read|write (/dev/mem, /dev/port), module=NAME (delete_module),
 * what=REASON (op=lockdown), what=fmod_ret|override_return target=FUNC (op=bpf).
 * Reasons a parser can match:
 */
#define SEAL_REASON_NOT_LISTED  "not-listed"    /* module digest not on the sums= list */
#define SEAL_REASON_NOT_LOADER  "not-loader"    /* caller is not an insmod= program */
#define SEAL_REASON_SEALED      "sealed"        /* the operation is closed outright */
#define SEAL_REASON_SELF        "self"          /* an attempt to remove seal itself */
#define SEAL_REASON_FORCED      "forced"        /* delete_module with O_TRUNC ("rmmod -f"), refused for every module */
#define SEAL_REASON_UNCHECKED   "unchecked"     /* a module reached load_module without passing a load hook */
#define SEAL_REASON_BAD_IMAGE   "bad-image"     /* a compressed module seal (and the kernel) cannot decompress */
#define SEAL_REASON_UNKNOWN_ID  "unknown-id"    /* a kernel_read_file/load_data id seal has no rule for (op=read_file|load_data what=ID) */

#endif
