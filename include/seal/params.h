/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* seal.ko's parameters, one row each: seal.ko, libseal's seal.conf parser, seal-load --check and the man-page test read this table. */
#ifndef SEAL_PARAMS_H
#define SEAL_PARAMS_H

/*
 * Freestanding like sums_core.h and kabi.h: no libc, no kernel headers, no
 * objects. Each consumer builds what it needs from SEAL_PARAMS(X):
 *   kmod/seal_main.c   the module_param_string() buffers and descriptions, the
 *                      names, the flag spellings, the sysfs view of each flag
 *   libseal/conf.c     the keys seal.conf takes and the rule of each value
 *   tools/seal-load.c  --check and --params, through libseal
 *   tests/unit/test-params.c   the man pages name exactly these parameters and spellings
 */

/* What a value is. The rules are those seal.ko applies when it loads (seal.ko(8)). */
enum seal_param_kind {
	/* one of two spellings: ON changes seal.ko's default, OFF is the default */
	SEAL_PARAM_FLAG,
	/* PATH[,PATH...]: at most MAX absolute paths, each an existing regular file (symlinks followed) */
	SEAL_PARAM_PROGRAMS,
	/* one absolute path of a regular file */
	SEAL_PARAM_FILE,
	/* integrity | none | REASON[,REASON...]: integrity lockdown reasons, each once, none of the own-rule ones */
	SEAL_PARAM_LOCKDOWN,
	/* REASON[:PATH][,...]: at most MAX entries; each REASON one that lockdown= refuses, PATH as for PROGRAMS */
	SEAL_PARAM_EXEMPTIONS,
};

/* Linux's PATH_MAX, the NUL included, in the kernel and in libc. */
#define SEAL_PATH_MAX           4096
#define SEAL_MAX_PROGRAMS       8               /* paths per insmod= or mem_allow= */
#define SEAL_MAX_EXEMPTIONS     8               /* entries in lockdown_allow= */
#define SEAL_FLAG_SIZE          8
#define SEAL_LOCKDOWN_SIZE      512
#define SEAL_PROGRAMS_SIZE      (SEAL_MAX_PROGRAMS * SEAL_PATH_MAX)
#define SEAL_EXEMPTIONS_SIZE    (SEAL_MAX_EXEMPTIONS * (SEAL_PATH_MAX + 32))

#define SEAL_LOCKDOWN_INTEGRITY "integrity"
#define SEAL_LOCKDOWN_NONE      "none"

/*
 * X(ID, name, kind, on, off, max, size, syntax, help), one row per parameter:
 *   ID      SEAL_P_ID, the row's index
 *   name    the key, a C identifier (module_param_string() takes it bare)
 *   kind    enum seal_param_kind
 *   on off  a flag's two spellings (on: the one that changes the default; off: the default); "" otherwise
 *   max     most items of a list (paths, exemptions); 1 otherwise
 *   size    seal.ko's buffer for the value, NUL included: a value of size bytes or more is refused
 *   syntax  the value as the man pages and --params write it
 *   help    one line: MODULE_PARM_DESC and seal-load --params
 * The order is seal.ko's "given" bit order and the order every list of the parameters follows.
 */
#define SEAL_PARAMS(X) \
	X(READ, read, SEAL_PARAM_FLAG, "no", "yes", 1, SEAL_FLAG_SIZE, "yes|no", \
	  "no: also refuse reading /dev/mem, /dev/port and /proc/kcore") \
	X(INSMOD, insmod, SEAL_PARAM_PROGRAMS, "", "", SEAL_MAX_PROGRAMS, SEAL_PROGRAMS_SIZE, "PATH[,PATH...]", \
	  "the only programs that may load modules") \
	X(MEM_ALLOW, mem_allow, SEAL_PARAM_PROGRAMS, "", "", SEAL_MAX_PROGRAMS, SEAL_PROGRAMS_SIZE, "PATH[,PATH...]", \
	  "programs that may open /dev/mem in any mode") \
	X(NO_REMOVE, no_remove, SEAL_PARAM_FLAG, "true", "false", 1, SEAL_FLAG_SIZE, "true|false", \
	  "true: refuse delete_module for every module") \
	X(SUMS, sums, SEAL_PARAM_FILE, "", "", 1, SEAL_PATH_MAX, "FILE", \
	  "SHA-256 list (sha256sum format) of the only modules that may load") \
	X(KEXEC, kexec, SEAL_PARAM_FLAG, "yes", "no", 1, SEAL_FLAG_SIZE, "yes|no", \
	  "yes: allow kexec_load and kexec_file_load") \
	X(LOCKDOWN, lockdown, SEAL_PARAM_LOCKDOWN, "", "", 1, SEAL_LOCKDOWN_SIZE, \
	  "integrity|none|REASON[,REASON...]", \
	  "integrity lockdown reasons refused after the seal (default integrity: every one)") \
	X(LOCKDOWN_ALLOW, lockdown_allow, SEAL_PARAM_EXEMPTIONS, "", "", SEAL_MAX_EXEMPTIONS, \
	  SEAL_EXEMPTIONS_SIZE, "REASON[:PATH][,...]", \
	  "reasons left open, for every program or only for the program at PATH") \
	X(LEARN, learn, SEAL_PARAM_FLAG, "yes", "no", 1, SEAL_FLAG_SIZE, "yes|no", \
	  "yes: learn: module loads the list or the loader rule would refuse are logged and recorded, not refused; every other door stays sealed")

enum seal_param_id {
#define SEAL_PARAM_ENUM(ID, name, kind, on, off, max, size, syntax, help) SEAL_P_##ID,
	SEAL_PARAMS(SEAL_PARAM_ENUM)
#undef SEAL_PARAM_ENUM
	SEAL_P_COUNT
};

/*
 * The integrity lockdown reasons seal decides by rules of its own, whatever
 * lockdown= says (seal.ko(8)): unsigned modules (seal pins bytes, not
 * signers), /dev/mem and /dev/port, ioperm/iopl, kexec. lockdown= may not
 * name them and lockdown_allow= cannot open them. X(ID, name): ID is the
 * kernel's LOCKDOWN_ID.
 */
#define SEAL_LOCKDOWN_OWN_RULES(X) \
	X(MODULE_SIGNATURE, "module_signature") \
	X(DEV_MEM, "dev_mem") \
	X(IOPORT, "ioport") \
	X(KEXEC, "kexec")

/*
 * Where a program named by insmod=, mem_allow= or lockdown_allow=REASON:PATH
 * may live: on a filesystem that keeps a file's bytes in its inode, so that
 * guarding the inode against writes guards the program. That is one that
 * needs a block device (the kernel's FS_REQUIRES_DEV: /proc/filesystems lists
 * it without "nodev") other than those below, or one of the in-memory ones
 * below (the page cache is the file). Everything else is refused: overlayfs
 * shows its own inode while the bytes live in an upper or lower file, NFS,
 * CIFS, 9p, Ceph keep them on a server, FUSE in a daemon. seal.ko
 * (kmod/seal_main.c) and seal-load --check (libseal/params.c) apply this rule.
 * X(name): the name as /proc/filesystems spells it.
 */
#define SEAL_HOLE_FS_MEMORY(X) X("tmpfs") X("ramfs") X("rootfs")
/* block-device filesystems whose bytes a daemon serves: refused */
#define SEAL_HOLE_FS_DEVICE_REFUSED(X) X("fuseblk")

/*
 * The .modinfo key of seal.ko that names every integrity lockdown reason of
 * the kernel it was built for, separated by spaces (from that kernel's
 * headers, kmod/gen-reasons.sh): what lockdown= and lockdown_allow= can name
 * there, less SEAL_LOCKDOWN_OWN_RULES. seal-load --check reads it.
 */
#define SEAL_MODINFO_REASONS    "lockdown_reasons"

#endif
