#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-load --check: a good seal.conf passes and names what it found (seal.ko, the list's entries for the
# running kernel); every value seal.ko refuses, a missing seal.ko, one built for another kernel, a list
# that does not cover the running kernel, a missing or overlayfs program each fail with a message naming
# the file (and line), exit 1; a flood of bad lines is a few lines and a count. seal-load without --check
# fails closed when /sys/kernel/seal is there without a sealed state it can read.
# Nothing here loads seal.ko: every run has --check or meets a seal.ko state that stops it first, and
# runs without CAP_SYS_MODULE when root.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/common.sh"
require_tools "$SEAL_LOAD"

# nomod CMD...: CMD without CAP_SYS_MODULE, so that nothing can be loaded whatever it does.
nomod() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --bounding-set=-sys_module --inh-caps=-sys_module -- "$@"
	else
		"$@"
	fi
}

# check ARGS...: seal-load --check --module (the fake seal.ko) ARGS.
check() {
	run nomod "$SEAL_LOAD" --check --module "$tmp/seal.ko" "$@"
}

# fake_seal_ko OUT RELEASE [REASONS]: an ELF object whose .modinfo says what seal.ko's says: the vermagic of
# RELEASE and, if REASONS is given, the lockdown reasons it knows. libkmod reads it as it reads seal.ko.
fake_seal_ko() {
	{
		printf 'vermagic=%s SMP mod_unload \0name=seal\0' "$2"
		[ $# -ge 3 ] && printf 'lockdown_reasons=%s\0' "$3"
	} >"$tmp/modinfo.bin"
	gcc -c -x c /dev/null -o "$tmp/empty.o" && objcopy --add-section .modinfo="$tmp/modinfo.bin" "$tmp/empty.o" "$1"
}

kver=$(uname -r)
reasons="module_signature dev_mem efi_test kexec hibernation pci_access ioport msr debugfs bpf_write_user"
fake_seal_ko "$tmp/seal.ko" "$kver" "$reasons" || { echo "Bail out! could not make a fake seal.ko (gcc, objcopy)"; exit 1; }
fake_seal_ko "$tmp/other.ko" "0.0.1-other" "$reasons"
fake_seal_ko "$tmp/old.ko" "$kver"

sha=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
printf '%s  /lib/modules/%s/kernel/a.ko\n%s  /lib/modules/other/kernel/b.ko\n' "$sha" "$kver" "$sha" >"$tmp/sha256sums"
printf '%s  /lib/modules/other/kernel/a.ko\n' "$sha" >"$tmp/other.sums"
printf '%s  /lib/modules/%s/kernel/a.ko.xz\n' "$sha" "$kver" >"$tmp/noimage.sums"
printf '%s  /lib/modules/%s/kernel/a.ko.xz\n#image %s  /lib/modules/%s/kernel/a.ko.xz\n' "$sha" "$kver" "$sha" "$kver" >"$tmp/image.sums"
printf 'd41d8cd98f00b204e9800998ecf8427e  /lib/modules/x/a.ko\n' >"$tmp/md5sums"
printf '%s  /a.ko\nnot a line\n' "$sha" >"$tmp/bad.sums"
cp "$SEAL_LOAD" "$tmp/loader" 2>/dev/null || : >"$tmp/loader"

conf() {
	printf '%s\n' "$@" >"$tmp/seal.conf"
}

conf "# early profile" "sums=$tmp/sha256sums"
check --config "$tmp/seal.conf"
is_rc 0 "$rc" "good config: exit 0"
like "$out" "seal-load: $tmp/seal.conf: ok: seal.ko sums=$tmp/sha256sums" "good config: says what it would load"
like "$out" "seal-load: seal.ko: $tmp/seal.ko, built for the running kernel $kver, 10 lockdown reasons" \
	"good config: names the seal.ko it found"
like "$out" "sums=$tmp/sha256sums: 2 entries, 1 module files of the running kernel $kver (0 compressed, 0 with an #image digest)" \
	"good config: names what the list holds for the running kernel"

conf "sums=$tmp/sha256sums" "insmod=$tmp/loader" "lockdown_allow=hibernation,pci_access:$tmp/loader" "no_remove=true"
check --config "$tmp/seal.conf"
is_rc 0 "$rc" "late profile with programs: exit 0"

conf ""
check --config "$tmp/seal.conf"
is_rc 0 "$rc" "no parameters: exit 0"
like "$out" "no module may load" "no parameters: says it seals completely"

# What seal.ko refuses, --check refuses, with the file and the line (issue 20's list first).
bad_value() {
	local line=$1 needle=$2
	conf "sums=$tmp/sha256sums" "$line"
	check --config "$tmp/seal.conf"
	is_rc 1 "$rc" "$line: exit 1"
	like "$err" "$tmp/seal.conf:2: $needle" "$line: names FILE:LINE and why"
	like "$err" "not sealed" "$line: says nothing is sealed"
}
bad_value no_remove=yes "no_remove=yes: want false or true"
bad_value read=maybe "read=maybe: want yes or no"
bad_value kexec=sure "kexec=sure: want no or yes"
bad_value lockdown=bogus "lockdown=: unknown reason 'bogus' (this seal.ko knows: $reasons)"
bad_value lockdown_allow=bogus_reason "lockdown_allow=: unknown reason 'bogus_reason'"
bad_value lockdown=kexec "lockdown=: kexec is decided by seal's own rules"
bad_value lockdown_allow=kexec "lockdown_allow=kexec: lockdown=integrity does not refuse kexec"
bad_value "insmod=/bin/sh,,/bin/true" "insmod=/bin/sh,,/bin/true: an empty path in the list"
bad_value "frobnicate=1" "unknown key 'frobnicate' (known: read insmod mem_allow no_remove sums kexec lockdown lockdown_allow learn)"

conf "lockdown=none" "lockdown_allow=msr"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "an exemption lockdown= does not refuse: exit 1"
like "$err" "$tmp/seal.conf:2: lockdown_allow=msr: lockdown=none does not refuse msr" "an exemption lockdown= does not refuse: says so"

# seal.ko itself: it must exist, be built for the running kernel, and say which reasons it knows.
conf "sums=$tmp/sha256sums"
run nomod "$SEAL_LOAD" --check --module "$tmp/no-such.ko" --config "$tmp/seal.conf"
is_rc 1 "$rc" "missing seal.ko: exit 1"
like "$err" "$tmp/no-such.ko: No such file or directory" "missing seal.ko: names it"
run nomod "$SEAL_LOAD" --check --module "$tmp/other.ko" --config "$tmp/seal.conf"
is_rc 1 "$rc" "seal.ko for another kernel: exit 1"
like "$err" "$tmp/other.ko: built for kernel 0.0.1-other, the running kernel is $kver" "seal.ko for another kernel: names both"
run nomod "$SEAL_LOAD" --check --module "$tmp/old.ko" --config "$tmp/seal.conf"
is_rc 0 "$rc" "seal.ko without its reasons, none named: exit 0"
conf "lockdown_allow=hibernation"
run nomod "$SEAL_LOAD" --check --module "$tmp/old.ko" --config "$tmp/seal.conf"
is_rc 1 "$rc" "seal.ko without its reasons, one named: exit 1 (cannot vouch for it)"
like "$err" "names no lockdown reasons in its .modinfo" "seal.ko without its reasons: says why"

# The list must cover the running kernel, compressed modules with their #image digests.
conf "sums=$tmp/other.sums"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "list without the running kernel: exit 1"
like "$err" "$tmp/seal.conf:1: sums=$tmp/other.sums: no entry under /lib/modules/$kver/" "list without the running kernel: says so"
conf "sums=$tmp/noimage.sums"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "compressed module without #image: exit 1"
like "$err" "1 compressed modules of $kver have no #image digest (/lib/modules/$kver/kernel/a.ko.xz the first)" \
	"compressed module without #image: names it"
conf "sums=$tmp/image.sums"
check --config "$tmp/seal.conf"
is_rc 0 "$rc" "compressed module with #image: exit 0"
like "$out" "(1 compressed, 1 with an #image digest)" "compressed module with #image: counted"

conf "sums=$tmp/nonexistent"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "missing list: exit 1"
like "$err" "$tmp/seal.conf:1: sums=$tmp/nonexistent: No such file or directory" "missing list: names it"
# a dangling symlink: refused as seal.ko would refuse it (no other list is tried), and named as one
ln -s "$tmp/nonexistent" "$tmp/dangling.sums"
conf "sums=$tmp/dangling.sums"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "list a dangling symlink: exit 1"
like "$err" "$tmp/seal.conf:1: sums=$tmp/dangling.sums: a dangling symlink to $tmp/nonexistent" \
	"list a dangling symlink: names the link and its target"
# a FIFO (it hung the check, and so the boot, at open): refused as not a regular file, without waiting
mkfifo "$tmp/fifo.sums"
conf "sums=$tmp/fifo.sums"
run nomod timeout 20 "$SEAL_LOAD" --check --module "$tmp/seal.ko" --config "$tmp/seal.conf"
is_rc 1 "$rc" "list a FIFO: exit 1, no hang"
like "$err" "$tmp/seal.conf:1: sums=$tmp/fifo.sums: not a regular file" "list a FIFO: named as not a regular file"
run nomod timeout 20 "$SEAL_LOAD" --check --module "$tmp/fifo.sums" --config "$tmp/seal.conf"
is_rc 1 "$rc" "seal.ko a FIFO: exit 1, no hang"

conf "sums=$tmp/md5sums"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "MD5 list: exit 1"
like "$err" "an MD5 list" "MD5 list: says seal.ko takes SHA-256 only"

conf "sums=$tmp/bad.sums"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "bad list: exit 1"
like "$err" "$tmp/bad.sums:2:" "bad list: names the list's FILE:LINE"

# A flood: a list of garbage is a few lines and a count, not one line per bad line.
awk 'BEGIN { for (i = 0; i < 200000; i++) print "garbage line " i }' >"$tmp/garbage.sums"
conf "sums=$tmp/garbage.sums"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "garbage list: exit 1"
n=$(printf '%s\n' "$err" | wc -l)
ok "$([ "$n" -le 10 ]; echo $?)" "garbage list: at most 10 lines on stderr" "got $n lines"
like "$err" "$tmp/garbage.sums: and 199995 more bad lines, not shown" "garbage list: counts the lines not shown"
awk 'BEGIN { for (i = 0; i < 50000; i++) print "nonsense" }' >"$tmp/seal.conf"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "garbage seal.conf: exit 1"
n=$(printf '%s\n' "$err" | wc -l)
ok "$([ "$n" -le 10 ]; echo $?)" "garbage seal.conf: at most 10 lines on stderr" "got $n lines"
like "$err" "$tmp/seal.conf: and 49995 more bad lines, not shown" "garbage seal.conf: counts the lines not shown"

conf "sums=$tmp/sha256sums" "insmod=$tmp/no-such-loader"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "missing insmod= program: exit 1"
like "$err" "$tmp/seal.conf:2: insmod=$tmp/no-such-loader: No such file or directory" "missing insmod= program: names it"

conf "mem_allow=usr/bin/Xorg"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "relative mem_allow= program: exit 1"
like "$err" "not an absolute path" "relative mem_allow= program: says so"

conf "lockdown_allow=pci_access:$tmp"
check --config "$tmp/seal.conf"
is_rc 1 "$rc" "lockdown_allow= program that is a directory: exit 1"
like "$err" "not a regular file" "lockdown_allow= program that is a directory: says so"

# A program on overlayfs: its inode does not own its bytes; refused for each kind of hole.
if have_userns; then
	mkdir -p "$tmp/ov/l" "$tmp/ov/u" "$tmp/ov/w" "$tmp/ov/m" && cp "$tmp/loader" "$tmp/ov/l/prog"
	for line in "insmod=$tmp/ov/m/prog" "mem_allow=$tmp/ov/m/prog" "lockdown_allow=msr:$tmp/ov/m/prog"; do
		conf "$line"
		# shellcheck disable=SC2016 # expanded by the inner shell
		run in_ns 'mount -t overlay seal-ov -o "lowerdir=$1/l,upperdir=$1/u,workdir=$1/w" "$1/m" || exit 99
			"$2" --check --module "$3" --config "$4"' "$tmp/ov" "$SEAL_LOAD" "$tmp/seal.ko" "$tmp/seal.conf"
		is_rc 1 "$rc" "$line on overlayfs: exit 1"
		like "$err" "$tmp/seal.conf:1: ${line%%=*}=$tmp/ov/m/prog: its filesystem, overlay, does not keep a file's bytes in its inode" \
			"$line on overlayfs: names the path and the filesystem"
	done
	# The same under a mount point that a longer one, hidden by the overlay over its parent, prefixes:
	# the filesystem is the one the path reaches (its mount ID), not the longest mount point (tmpfs).
	mkdir -p "$tmp/ov2/l/x" "$tmp/ov2/u" "$tmp/ov2/w" "$tmp/ov2/m/x" && cp "$tmp/loader" "$tmp/ov2/l/x/prog"
	conf "insmod=$tmp/ov2/m/x/prog"
	# shellcheck disable=SC2016 # expanded by the inner shell
	run in_ns 'mount -t tmpfs seal-hidden "$1/m/x" && cp "$1/l/x/prog" "$1/m/x/prog" &&
		mount -t overlay seal-ov -o "lowerdir=$1/l,upperdir=$1/u,workdir=$1/w" "$1/m" || exit 99
		"$2" --check --module "$3" --config "$4"' "$tmp/ov2" "$SEAL_LOAD" "$tmp/seal.ko" "$tmp/seal.conf"
	is_rc 1 "$rc" "a program on overlayfs over a hidden tmpfs mount: exit 1"
	like "$err" "$tmp/seal.conf:1: insmod=$tmp/ov2/m/x/prog: its filesystem, overlay, does not keep" \
		"a program on overlayfs over a hidden tmpfs mount: the overlay named, not the tmpfs"
else
	skip "program on overlayfs" "no user namespaces here (unshare -rm): the overlay mount needs one"
fi

check --config "$tmp/no-such.conf"
is_rc 1 "$rc" "missing config: exit 1"
like "$err" "$tmp/no-such.conf: cannot read: No such file or directory" "missing config: names it"

check --config "$tmp/seal.conf" extra
is_rc 2 "$rc" "stray argument: exit 2"
run "$SEAL_LOAD" --bogus
is_rc 2 "$rc" "unknown option: exit 2"
run "$SEAL_LOAD" --help
is_rc 0 "$rc" "--help: exit 0"
like "$out" "--check" "--help: lists --check"
run "$SEAL_LOAD" --params
is_rc 0 "$rc" "--params: exit 0"
like "$out" "no_remove=true|false	default false, or true:" "--params: a flag with its spellings and default"
is "9" "$(printf '%s\n' "$out" | wc -l)" "--params: one line per parameter"

# Without --check: a seal.ko whose state can't be read is never taken as sealed, nor loaded over.
if have_userns; then
	conf "sums=$tmp/sha256sums"
	sealed_state() {
		# shellcheck disable=SC2016 # expanded by the inner shell
		run in_ns 'mount -t tmpfs seal-sys /sys/kernel && mkdir /sys/kernel/seal || exit 99
			[ "$1" = missing ] || printf "%s\n" "$1" >/sys/kernel/seal/sealed
			"$2" --module "$3" --config "$4"' "$1" "$SEAL_LOAD" "$tmp/seal.ko" "$tmp/seal.conf"
	}
	sealed_state 1
	is_rc 0 "$rc" "sealed reads 1: exit 0"
	like "$out" "the kernel is already sealed" "sealed reads 1: says so, loads nothing"
	sealed_state missing
	is_rc 1 "$rc" "/sys/kernel/seal without sealed: exit 1 (fail closed)"
	like "$err" "/sys/kernel/seal is there but /sys/kernel/seal/sealed reads 'No such file or directory': the kernel is not known to be sealed" \
		"/sys/kernel/seal without sealed: says why"
	sealed_state 0
	is_rc 1 "$rc" "sealed reads 0: exit 1 (fail closed)"
	like "$err" "/sys/kernel/seal/sealed reads '0'" "sealed reads 0: says what it read"
else
	skip "seal-load with a fake /sys/kernel/seal" "no user namespaces here (unshare -rm): the fake sysfs needs one"
fi

done_testing
