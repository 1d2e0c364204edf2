#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bad-input matrix for seal-mksums, seal-insmod --dry-run and seal-verify: each bad input gives a
# message naming the file (and line), a non-zero exit, no crash, and leaves every file as it was.
#
# Safety: no tool run here may load a module into this machine's kernel. Every run drops
# CAP_SYS_MODULE from the bounding set first, so even a broken --dry-run gets EPERM.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib/common.sh"
seed_module="$top_srcdir/tests/fuzz/corpus/fuzz-module/module.ko"
am_root=0
[ "$(id -u)" = 0 ] && am_root=1

# ---- helpers ---------------------------------------------------------------

# guarded CMD...: run CMD without CAP_SYS_MODULE (and as it is otherwise).
guarded() {
	if [ $am_root = 1 ]; then
		setpriv --bounding-set=-sys_module --inh-caps=-sys_module -- "$@"
	else
		"$@"
	fi
}


# snapshot DIR: every name, type, size, mode and content digest under DIR, sorted.
snapshot() {
	(cd "$1" && find . -printf '%p %y %s %m %l\n' | LC_ALL=C sort &&
	 find . -type f -readable -print0 | LC_ALL=C sort -z | xargs -0r sha256sum)
}

# refused NAME NEEDLE CMD...: CMD must exit 1..125 (not a signal, not a sanitizer abort) and say
# NEEDLE (the file, or FILE:LINE) on stderr.
refused() {
	local name=$1 needle=$2
	shift 2
	run "$@"
	ok $(( rc >= 1 && rc <= 125 ? 0 : 1 )) "$name: non-zero exit, no crash" \
		"expected exit status 1..125, got $rc; stderr: $(printf '%s' "$err" | head -c 400)"
	like "$err" "$needle" "$name: message names $needle"
	unlike "$err" "ERROR: AddressSanitizer" "$name: no ASan report"
	unlike "$err" "runtime error:" "$name: no UBSan report"
	# a line a reader can act on: "seal-TOOL: FILE...", not a bare "error"
	like "$err" "seal-${name%%[: ]*}: " "$name: message starts with the tool's name"
}

# same_state NAME DIR BEFORE: DIR holds the same files with the same bytes as BEFORE.
same_state() {
	local now r=0
	now=$(snapshot "$2")
	[ "$now" = "$3" ] || r=1
	tap__result $r "$1: nothing under $2 changed, no temporary file left" \
		"changes (- before, + after):
$(diff <(printf '%s\n' "$3") <(printf '%s\n' "$now") | grep '^[<>]' | sed 's/^</-/; s/^>/+/')"
}

have_tool() {
	[ -x "$1" ] && return 0
	skip "$2" "$(basename "$1") is not built ($1)"
	return 1
}

# ---- inputs ------------------------------------------------------------------

chmod 755 "$tmp"                            # nobody must reach what it is meant to reach
in="$tmp/in"
mkdir -p "$in"
cp "$seed_module" "$in/good.ko"
good_sha=$(sha256sum <"$in/good.ko" | cut -d' ' -f1)
printf '%s  good.ko\n' "$good_sha" >"$in/good.list"
: >"$in/empty.list"
: >"$in/empty.ko"
# binary garbage that is the same on every run: gzip output of a fixed text (it holds NUL bytes too)
seq 1 20000 | gzip -n -9 -c >"$in/garbage.list"
cp "$in/garbage.list" "$in/garbage.ko"
{ head -c $((1 << 20)) /dev/zero | tr '\0' a; echo; } >"$in/1mb-line.list"
head -c $((1 << 20)) /dev/zero >"$in/1mb-nul.ko"
printf '%s  good.ko\n%s  a\0b.ko\n' "$good_sha" "$good_sha" >"$in/nul.list"
ln -s loop.list "$in/loop.list"
ln -s loop.ko "$in/loop.ko"
ln -s loop-dir "$in/loop-dir"
mkdir -p "$in/emptydir"
# 10^6 well-formed entries; the bad variant breaks only the last line, the good one lists good.ko last
awk 'BEGIN { for (i = 1; i <= 1000000; i++) printf "%056x%08x  kernel/m%d.ko\n", 0, i, i }' \
	>"$in/million.list"
cp "$in/million.list" "$in/million-bad.list"
echo "not a sums line" >>"$in/million-bad.list"
cp "$in/million.list" "$in/million-good.list"
printf '%s  good.ko\n' "$good_sha" >>"$in/million-good.list"
chmod -R a+rX "$in"
in_before=$(snapshot "$in")

# ---- seal-insmod --dry-run ---------------------------------------------------

if have_tool "$SEAL_INSMOD" "seal-insmod: every bad-input case"; then
	insmod() { guarded "$SEAL_INSMOD" --dry-run --sums "$@"; }

	run insmod "$in/good.list" "$in/good.ko"
	is_rc 0 "$rc" "insmod: control: a listed module passes the dry run"

	refused "insmod: missing list" "$in/missing.list" insmod "$in/missing.list" "$in/good.ko"
	refused "insmod: empty list" "$in/empty.list" insmod "$in/empty.list" "$in/good.ko"
	refused "insmod: binary garbage list" "$in/garbage.list:1:" insmod "$in/garbage.list" "$in/good.ko"
	refused "insmod: 1 MB line" "$in/1mb-line.list:1:" insmod "$in/1mb-line.list" "$in/good.ko"
	refused "insmod: NUL byte in list" "$in/nul.list:2:" insmod "$in/nul.list" "$in/good.ko"
	refused "insmod: list is a symlink loop" "$in/loop.list" insmod "$in/loop.list" "$in/good.ko"
	refused "insmod: 10^6 entries, bad last line" "$in/million-bad.list:1000001:" \
		insmod "$in/million-bad.list" "$in/good.ko"
	refused "insmod: 10^6 entries, module not listed" "$in/good.ko" \
		insmod "$in/million.list" "$in/good.ko"
	like "$err" "not on the allow-list" "insmod: 10^6 entries, module not listed: says why"
	run insmod "$in/million-good.list" "$in/good.ko"
	is_rc 0 "$rc" "insmod: 10^6 entries, module listed last: passes"

	refused "insmod: missing module" "$in/missing.ko" insmod "$in/good.list" "$in/missing.ko"
	refused "insmod: empty module" "$in/empty.ko" insmod "$in/good.list" "$in/empty.ko"
	refused "insmod: binary garbage module" "$in/garbage.ko" insmod "$in/good.list" "$in/garbage.ko"
	refused "insmod: 1 MB of NUL bytes as module" "$in/1mb-nul.ko" insmod "$in/good.list" "$in/1mb-nul.ko"
	refused "insmod: module is a symlink loop" "$in/loop.ko" insmod "$in/good.list" "$in/loop.ko"
	refused "insmod: module is a directory" "$in/emptydir" insmod "$in/good.list" "$in/emptydir"

	if [ $am_root = 1 ] && command -v setpriv >/dev/null; then
		chmod 600 "$in/good.list"
		refused "insmod: list not readable (nobody)" "$in/good.list" \
			as_nobody "$SEAL_INSMOD" --dry-run --sums "$in/good.list" "$in/good.ko"
		like "$err" "ermission denied" "insmod: list not readable (nobody): says why"
		chmod 644 "$in/good.list"
		chmod 600 "$in/good.ko"
		refused "insmod: module not readable (nobody)" "$in/good.ko" \
			as_nobody "$SEAL_INSMOD" --dry-run --sums "$in/good.list" "$in/good.ko"
		chmod 644 "$in/good.ko"
	else
		skip "insmod: permission denied" "needs root and setpriv to run as nobody"
	fi
	same_state "insmod: inputs" "$in" "$in_before"
fi

# ---- seal-mksums ---------------------------------------------------------------

if have_tool "$SEAL_MKSUMS" "seal-mksums: every bad-input case"; then
	mksums() { guarded "$SEAL_MKSUMS" "$@"; }
	outdir="$tmp/out"                       # not $outdir: run() sets that
	tree="$tmp/tree"
	# Every case starts from the same output directory, so one failure does not spill into the next.
	reset_out() {
		chmod -R u+w "$outdir" 2>/dev/null
		rm -rf "$outdir"
		mkdir -m 755 "$outdir"
		printf 'old list: must survive every failure below\n' >"$outdir/sha256sums"
	}
	reset_out
	old=$(snapshot "$outdir")
	mkdir -p "$tree/kernel"
	cp "$in/good.ko" "$tree/kernel/good.ko"

	reset_out
	refused "mksums: missing tree" "$in/missing-dir" mksums -o "$outdir/sha256sums" "$in/missing-dir"
	same_state "mksums: missing tree" "$outdir" "$old"
	reset_out
	refused "mksums: tree with no modules" "$in/emptydir" mksums -o "$outdir/sha256sums" "$in/emptydir"
	same_state "mksums: tree with no modules" "$outdir" "$old"
	reset_out
	refused "mksums: tree is a symlink loop" "$in/loop-dir" mksums -o "$outdir/sha256sums" "$in/loop-dir"
	same_state "mksums: tree is a symlink loop" "$outdir" "$old"

	# --append reads the old list: every bad list is refused, and stays as it was
	for c in missing:missing.list: empty:empty.list: garbage:garbage.list:1: \
		 1mb-line:1mb-line.list:1: nul:nul.list:2: loop:loop.list: \
		 million-bad:million-bad.list:1000001:; do
		IFS=: read -r what file line <<<"$c"
		reset_out
		cp -P "$in/$file" "$outdir/$file" 2>/dev/null
		before=$(snapshot "$outdir")
		refused "mksums --append: $what list" "$outdir/$file${line:+:$line:}" \
			mksums --append -o "$outdir/$file" "$in/good.ko"
		same_state "mksums --append: $what list" "$outdir" "$before"
		rm -f "$outdir/$file"
	done

	reset_out
	cp "$in/million.list" "$outdir/million.list"
	run mksums --append -o "$outdir/million.list" "$in/good.ko"
	is_rc 0 "$rc" "mksums --append: 10^6 entries, one added"
	is 1000001 "$(wc -l <"$outdir/million.list")" "mksums --append: 10^6 entries: all kept, one added"
	rm -f "$outdir/million.list"

	# module files that are not what they are named: garbage compressed data with -d
	mkdir -p "$tmp/badtree"
	{ printf '\3757zXZ\0'; cat "$in/garbage.ko"; } >"$tmp/badtree/garbage.ko.xz"
	reset_out
	refused "mksums -d: garbage .ko.xz" "$tmp/badtree/garbage.ko.xz" \
		mksums -d -o "$outdir/sha256sums" "$tmp/badtree"
	same_state "mksums -d: garbage .ko.xz" "$outdir" "$old"
	rm -rf "$tmp/badtree"

	# a module-named symlink loop inside the tree
	mkdir -p "$tmp/looptree"
	cp "$in/good.ko" "$tmp/looptree/good.ko"
	ln -s x.ko "$tmp/looptree/x.ko"
	reset_out
	run mksums -o "$outdir/sha256sums" "$tmp/looptree"
	is_rc 3 "$rc" "mksums: module symlink loop in the tree: exit 3 (written without it)"
	like "$err" "$tmp/looptree/x.ko: symlink loop" "mksums: module symlink loop in the tree: named"
	is "$good_sha  $tmp/looptree/good.ko" "$(cat "$outdir/sha256sums")" \
		"mksums: module symlink loop in the tree: the list holds the other module"
	rm -rf "$tmp/looptree"

	# the output path itself is a symlink loop: nothing may replace the link
	reset_out
	ln -s loop "$outdir/loop"
	old_loop=$(snapshot "$outdir")
	refused "mksums: output is a symlink loop" "$outdir/loop" mksums -o "$outdir/loop" "$tree"
	same_state "mksums: output is a symlink loop" "$outdir" "$old_loop"
	rm -f "$outdir/loop"

	if [ $am_root = 1 ] && command -v setpriv >/dev/null; then
		reset_out
		chmod 555 "$outdir"
		before=$(snapshot "$outdir")
		refused "mksums: output dir not writable (nobody)" "$outdir/sha256sums" \
			as_nobody "$SEAL_MKSUMS" -o "$outdir/sha256sums" "$tree"
		like "$err" "ermission denied" "mksums: output dir not writable (nobody): says why"
		same_state "mksums: output dir not writable (nobody)" "$outdir" "$before"
		chmod 700 "$tree/kernel"
		reset_out
		refused "mksums: tree not readable (nobody)" "$tree/kernel" \
			as_nobody "$SEAL_MKSUMS" -o "$outdir/sha256sums" "$tree"
		same_state "mksums: tree not readable (nobody)" "$outdir" "$old"
		chmod 755 "$tree/kernel"
		chmod 600 "$tree/kernel/good.ko"
		reset_out
		refused "mksums: module not readable (nobody)" "$tree/kernel/good.ko" \
			as_nobody "$SEAL_MKSUMS" -o "$outdir/sha256sums" "$tree"
		same_state "mksums: module not readable (nobody)" "$outdir" "$old"
		chmod 644 "$tree/kernel/good.ko"
	else
		skip "mksums: permission denied" "needs root and setpriv to run as nobody"
	fi

	# A full disk: a 64k tmpfs in a private mount namespace, so the mount never leaks out.
	if [ $am_root = 1 ] && unshare -m true 2>/dev/null; then
		big="$tmp/bigtree"
		mkdir -p "$big"
		# 400 modules with 200-byte names: about 110 KB of list, more than the 64k can hold
		pad=$(printf '%0200d' 0)
		for i in $(seq 1 400); do printf 'module %d\n' "$i" >"$big/$i-$pad.ko"; done
		reset_out
		run unshare -m --propagation private bash -c '
			mount -t tmpfs -o size=64k seal-full "$1" || exit 99
			printf "old list: must survive a full disk\n" >"$1/sha256sums"
			before=$(cd "$1" && ls -A; sha256sum sha256sums)
			setpriv --bounding-set=-sys_module --inh-caps=-sys_module -- "$2" -o "$1/sha256sums" "$3"
			rc=$?
			after=$(cd "$1" && ls -A; sha256sum sha256sums)
			[ "$before" = "$after" ] || { echo "STATE CHANGED: before=[$before] after=[$after]" >&2; }
			exit $rc' bash "$outdir" "$SEAL_MKSUMS" "$big"
		if [ "$rc" = 99 ]; then
			skip "mksums: full disk" "could not mount a tmpfs in a private mount namespace"
		else
			ok $(( rc >= 1 && rc <= 125 ? 0 : 1 )) "mksums: full disk: non-zero exit, no crash" \
				"expected exit status 1..125, got $rc; stderr: $err"
			like "$err" "$outdir/sha256sums" "mksums: full disk: message names the output"
			like "$err" "No space left on device" "mksums: full disk: says why"
			unlike "$err" "STATE CHANGED" "mksums: full disk: old list byte-identical, no temporary file left"
		fi
		same_state "mksums: full disk (outside the namespace)" "$outdir" "$old"
		rm -rf "$big"
	else
		skip "mksums: full disk" "needs root and unshare -m for a private 64k tmpfs"
	fi
	same_state "mksums: inputs" "$in" "$in_before"
fi

# ---- seal-verify ---------------------------------------------------------------

if have_tool "$SEAL_VERIFY" "seal-verify: every bad-input case"; then
	# A fake root: --sums and the digest cache are read inside it, so nothing of this machine is used.
	root="$tmp/root"
	kver=6.1.0-0-test
	mkdir -p "$root/proc/sys/kernel" "$root/lib/modules/$kver/kernel" "$root/lists"
	echo "$kver" >"$root/proc/sys/kernel/osrelease"
	cp "$in/good.ko" "$root/lib/modules/$kver/kernel/good.ko"
	for f in good empty garbage 1mb-line nul million-bad; do cp "$in/$f.list" "$root/lists/"; done
	ln -s loop.list "$root/lists/loop.list"
	chmod -R a+rX "$root"
	root_before=$(snapshot "$root")
	verify() { guarded "$SEAL_VERIFY" --root "$root" "$@"; }
	for c in missing:missing.list: empty:empty.list: garbage:garbage.list:1: \
		 1mb-line:1mb-line.list:1: nul:nul.list:2: loop:loop.list: \
		 million-bad:million-bad.list:1000001:; do
		IFS=: read -r what file line <<<"$c"
		refused "verify: $what list" "$root/lists/$file${line:+:$line:}" verify --sums "/lists/$file"
		is_rc 2 "$rc" "verify: $what list: exit 2 (could not check)"
		same_state "verify: $what list" "$root" "$root_before"
	done
	if [ $am_root = 1 ] && command -v setpriv >/dev/null; then
		chmod 600 "$root/lists/good.list"
		before=$(snapshot "$root")
		refused "verify: list not readable (nobody)" "$root/lists/good.list" \
			as_nobody "$SEAL_VERIFY" --root "$root" --sums /lists/good.list
		like "$err" "ermission denied" "verify: list not readable (nobody): says why"
		same_state "verify: list not readable (nobody)" "$root" "$before"
		chmod 644 "$root/lists/good.list"
	else
		skip "verify: permission denied" "needs root and setpriv to run as nobody"
	fi

	# The digest cache is seal-verify's own file: a damaged one is ignored with a warning naming it
	# (the cache only saves time), never a crash. The file must be root's and 0644 to be read at all.
	magic="seal-verify-cache 1 sha256"
	for c in garbage 1mb-line long-digest nul; do
		case $c in
		garbage) cp "$in/garbage.list" "$root/cache" ;;
		1mb-line) { echo "$magic"; cat "$in/1mb-line.list"; } >"$root/cache" ;;
		long-digest) { echo "$magic"; printf '1 2 3 4.5 6.7 %0200d\n' 0; } >"$root/cache" ;;
		nul) { echo "$magic"; printf '1 2 3 4.5 6.7 \0\0\0\n'; } >"$root/cache" ;;
		esac
		chmod 644 "$root/cache"
		run verify --sums /lists/good.list --cache /cache
		ok $(( rc >= 0 && rc <= 2 ? 0 : 1 )) "verify: $c cache: exit 0, 1 or 2, no crash" \
			"expected exit status 0..2, got $rc; stderr: $(printf '%s' "$err" | head -c 600)"
		like "$err" "$root/cache" "verify: $c cache: the warning names it"
		unlike "$err" "ERROR: AddressSanitizer" "verify: $c cache: no ASan report"
		unlike "$err" "runtime error:" "verify: $c cache: no UBSan report"
		rm -f "$root/cache"
	done
	same_state "verify: inputs" "$in" "$in_before"
fi

done_testing
