# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by tests/unit/t-verify-*.sh: builds a fake ROOT (proc, sys, lib/modules with real .ko files) for seal-verify --root.
#
#   verify_setup               sources common.sh, finds the tool and a 6.1 module tree (else SKIP)
#   mkroot DIR                 a clean, sealed system: every check passes (exit 0)
#   fresh                      $tmp/r made anew with mkroot (bails out if it can't be)
#   relist DIR                 rewrite DIR/lib/modules/sha256sums from the files now on disk
#   reseal DIR                 rewrite DIR/sys/kernel/seal/sums for the list now on disk
#   verify DIR ARGS...         run seal-verify --root DIR ARGS... (sets $out $err $rc)
#   count KEY                  the KEY=N value of the summary line in $out
#
# Loaded in the fake kernel: dummy, nlmon (both listed). On disk too: veth, ifb, msr.

. "$top_srcdir/tests/lib/common.sh"

verify_setup() {
	require_tools "$SEAL_VERIFY"
	[ -n "${SEAL_TEST_MODDIR_6_1:-}" ] && [ -d "$SEAL_TEST_MODDIR_6_1/kernel" ] ||
		skip_all "no Debian 6.1 module tree (SEAL_TEST_MODDIR_6_1 unset: tests/lib/testenv.sh could not fetch it)"
	command -v depmod >/dev/null || skip_all "depmod not installed (Debian package kmod)"
	command -v sha256sum >/dev/null || skip_all "sha256sum not installed (coreutils)"
	SRC=$SEAL_TEST_MODDIR_6_1
	KVER=$(basename "$SRC")
}

VERIFY_MODULES="kernel/drivers/net/dummy.ko kernel/drivers/net/nlmon.ko kernel/drivers/net/veth.ko
kernel/drivers/net/ifb.ko kernel/arch/x86/kernel/msr.ko"

relist() {
	( cd "$1" && find "lib/modules/$KVER" -name '*.ko*' -type f | sort |
		sed 's|^|/|' | while read -r p; do
			printf '%s  %s\n' "$(sha256sum < ".$p" | cut -d' ' -f1)" "$p"
		done ) > "$1/lib/modules/sha256sums"
}

reseal() {
	local n sum
	n=$(wc -l < "$1/lib/modules/sha256sums")
	sum=$(sha256sum < "$1/lib/modules/sha256sums" | cut -d' ' -f1)
	echo "/lib/modules/sha256sums sha256=$sum entries=$n" > "$1/sys/kernel/seal/sums"
}

# fake_module DIR NAME [views...]: NAME appears in the given views (proc sysfs kallsyms ftrace).
fake_module() {
	local root=$1 name=$2 v
	shift 2
	for v in "$@"; do
		case $v in
		proc) echo "$name 16384 0 - Live 0xffffffffc0a10000 (OE)" >> "$root/proc/modules" ;;
		sysfs) mkdir -p "$root/sys/module/$name"; echo live > "$root/sys/module/$name/initstate" ;;
		kallsyms) printf 'ffffffffc0a10000 t %s_init\t[%s]\n' "$name" "$name" >> "$root/proc/kallsyms" ;;
		ftrace) printf '%s_hook [%s]\n' "$name" "$name" >> "$root/sys/kernel/tracing/available_filter_functions" ;;
		esac
	done
}

mkroot() {
	local r=$1 m st k
	mkdir -p "$r/proc/sys/kernel/random" "$r/sys/module" "$r/sys/kernel/tracing" \
		"$r/sys/kernel/seal/denied" "$r/sbin" "$r/lib/modules/$KVER" || return 1
	echo "$KVER" > "$r/proc/sys/kernel/osrelease"
	echo "0d4c1f7e-5ea1-4b00-8000-000000000001" > "$r/proc/sys/kernel/random/boot_id"
	for m in $VERIFY_MODULES; do
		mkdir -p "$r/lib/modules/$KVER/$(dirname "$m")"
		cp "$SRC/$m" "$r/lib/modules/$KVER/$m" || return 1
	done
	for m in modules.builtin modules.builtin.modinfo modules.order; do
		[ -f "$SRC/$m" ] && cp "$SRC/$m" "$r/lib/modules/$KVER/"
	done
	depmod -b "$r" "$KVER" || return 1
	relist "$r"

	# The kernel's views: a few core symbols, pseudo-modules, two loaded modules.
	printf 'ffffffff81000000 T _stext\nffffffffc0000000 t bpf_prog_x\t[bpf]\nffffffffc0001000 t ftrace_trampoline\t[__builtin__ftrace]\n' \
		> "$r/proc/kallsyms"
	printf 'schedule\nvfs_read\n' > "$r/sys/kernel/tracing/available_filter_functions"
	: > "$r/proc/modules"
	fake_module "$r" dummy proc sysfs kallsyms ftrace
	fake_module "$r" nlmon proc sysfs kallsyms
	# A built-in with parameters: a /sys/module directory without initstate.
	mkdir -p "$r/sys/module/printk/parameters"

	# seal.ko, sealed, with its parameters.
	echo "#!/bin/sh" > "$r/sbin/seal-insmod"
	st=$(stat -c 'dev=%Hd:%Ld ino=%i' "$r/sbin/seal-insmod") || return 1
	echo "/sbin/seal-insmod $st" > "$r/sys/kernel/seal/insmod"
	: > "$r/sys/kernel/seal/mem_allow"
	echo 1 > "$r/sys/kernel/seal/sealed"
	echo no > "$r/sys/kernel/seal/read"
	echo true > "$r/sys/kernel/seal/no_remove"
	echo no > "$r/sys/kernel/seal/kexec"
	echo no > "$r/sys/kernel/seal/learn"
	: > "$r/sys/kernel/seal/loads"
	: > "$r/sys/kernel/seal/refused"
	for k in module mem port remove kexec; do echo 0 > "$r/sys/kernel/seal/denied/$k"; done
	reseal "$r"
}

verify() {
	local root=$1
	shift
	run "$SEAL_VERIFY" --root "$root" "$@"
}

count() {
	printf '%s\n' "$out" | sed -n "s/.* $1=\([0-9]*\).*/\1/p" | tail -n 1
}

fresh() {
	rm -rf "$tmp/r"
	mkroot "$tmp/r" || { echo "Bail out! could not build the fake root"; exit 1; }
}
