#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-mksums and the module policy (/etc/seal/modules) on Debian's 6.1 and 6.12 trees: the list holds
# each name's file, its dependencies and softdeps as modprobe resolves them, in every installed kernel;
# a rewrite names what changes; bad policies leave the old list as it was.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/policy.sh"
policy_setup 6.1 6.12

M=/etc/seal/modules
L=/lib/modules/sha256sums
# the list's module paths (no #image lines), sorted
paths_of_list='grep -v "^#" /lib/modules/sha256sums | cut -c67- | LC_ALL=C sort'

# ---- the derivation against modprobe's own ------------------------------------------
names="algif_aead btrfs e1000e xfs snd-hda-intel"
pol_ns '{ echo "# this machine"; printf "%s\n" $1; } >'$M' &&
	"$2" --no-dpkg; echo "rc=$?"
	for k in '"$K61 $K612"'; do for n in $1; do modprobe -D -S "$k" "$n"; done; done |
		awk "/^insmod /{print \$2}" | LC_ALL=C sort -u >$TMPDIR/want
	'"$paths_of_list"' >$TMPDIR/got
	diff $TMPDIR/want $TMPDIR/got && echo same
	wc -l <$TMPDIR/want
	grep -c "^#image " '$L'
	grep -c "\.ko\.xz$" $TMPDIR/got' "$names" "$SEAL_MKSUMS"
like "$out" "rc=0" "policy of 5 names: the list is written (exit 0)"
like "$out" "same" "policy: the list's files are exactly what modprobe -D loads for each name in each kernel (dependencies and softdeps)"
# shellcheck disable=SC2046 # three numbers, split on purpose
set -- $(echo "$out" | tail -3)
ok "$([ "${1:-0}" -gt 20 ]; echo $?)" "policy: more than the names themselves ($1 files: dependencies and softdeps)"
is "${3:-x}" "${2:-y}" "policy: one #image line for each .ko.xz of 6.12"
unlike "$err" "does not exist" "policy present: no note about listing every module"

pol_ns 'echo dummy >'$M' && "$1" --no-dpkg -k '$K61' -o -' "$SEAL_MKSUMS"
like "$out" "  /lib/modules/$K61/kernel/drivers/net/dummy.ko" "-k KVER: the policy's modules of that kernel"
unlike "$out" "$K612" "-k KVER: the policy for that kernel only"

# ---- no policy, "all", --all: every module --------------------------------------------
POL_KERNELS=$K61
pol_ns '"$1" --no-dpkg; echo "rc=$?"; grep -vc "^#" '$L'; cd / && find /lib/modules/'$K61' -name "*.ko*" | wc -l' "$SEAL_MKSUMS"
set -- $out
is "rc=0" "${1:-}" "no policy: exit 0"
is "${3:-x}" "${2:-y}" "no policy: every module of the kernel is listed"
like "$err" "$M does not exist: listing every module of every installed kernel" "no policy: says so on stderr"
like "$err" "seal-mksums --propose" "no policy: says how to make a short list"
is 1 "$(grep -c 'does not exist' <<<"$err")" "no policy: said once"
# a dangling symlink is a policy that cannot be read, not "no policy" (which lists every module)
pol_ns 'echo dummy >'$M' && "$1" --no-dpkg && cp '$L' $TMPDIR/before && rm '$M' &&
	ln -s /etc/seal/modules.d/gone '$M' && "$1" --no-dpkg; echo "rc=$?"
	cmp '$L' $TMPDIR/before && echo unchanged' "$SEAL_MKSUMS"
is "rc=1" "$(head -n 1 <<<"$out")" "a dangling policy symlink: exit 1, not every module"
like "$err" "$M: a dangling symlink to /etc/seal/modules.d/gone: the module policy cannot be read; the list is left as it was" \
	"a dangling policy symlink: named, with its target"
unlike "$err" "does not exist" "a dangling policy symlink: not taken for no policy"
like "$out" "unchanged" "a dangling policy symlink: the old list is left as it was"
pol_ns 'printf "# the old way\nall\n" >'$M' && "$1" --no-dpkg; echo "rc=$?"; grep -vc "^#" '$L "$SEAL_MKSUMS"
is "rc=0 ${3:-}" "$(echo $out)" "'all': every module listed, exit 0"
is "" "$err" "'all': nothing said"
pol_ns 'echo dummy >'$M' && "$1" --no-dpkg --all && grep -vc "^#" '$L "$SEAL_MKSUMS"
is "${3:-}" "$out" "--all: every module, whatever the policy says"
POL_KERNELS=""

# ---- a name some kernel lacks, one no kernel has, one built in --------------------------
pol_ns 'printf "dummy\nairo\n" >'$M' && "$1" --no-dpkg; echo "rc=$?"; '"$paths_of_list" "$SEAL_MKSUMS"
like "$out" "rc=0" "a name one kernel lacks: written (exit 0)"
like "$err" "warning: $M:2: 'airo': kernel $K612 has no such module: a boot into $K612 cannot load it" \
	"a name one kernel lacks: a warning names the line and the kernel"
like "$out" "/lib/modules/$K61/kernel/drivers/net/wireless/cisco/airo.ko" "a name one kernel lacks: listed for the other"
# A name only the kernel being removed has (airo: 6.1's, not 6.12's): with --removing (the kernel
# postrm hook, the administrator changed nothing) a warning, and the list is written for the kernels
# left; without --removing the same name, no installed kernel having it, stays an error.
pol_ns 'printf "dummy\nairo\n" >'$M' && "$1" --no-dpkg --removing '$K61'; echo "rc=$?"
	grep -v "^#" '$L' | grep -c "/airo\.ko"; grep -v "^#" '$L' | grep -c "^[0-9a-f]*  /lib/modules/'$K612'/.*/dummy\.ko"' "$SEAL_MKSUMS"
is "rc=0 0 1" "$(echo $out)" "--removing, a name only the removed kernel has: written (exit 0), without it, for the kernel left"
like "$err" "warning: $M:2: 'airo': no installed kernel has a module of that name once $K61 is removed: nothing listed for it" \
	"--removing, a name only the removed kernel has: a warning names the line and the kernel"
POL_KERNELS=$K612
pol_ns 'echo dummy >'$M' && "$1" --no-dpkg && cp '$L' "$TMPDIR/before" && echo airo >>'$M' &&
	"$1" --no-dpkg; echo "rc=$?"; cmp '$L' "$TMPDIR/before" && echo unchanged' "$SEAL_MKSUMS"
is "rc=1 unchanged" "$(echo $out)" "without --removing, a name no installed kernel has: exit 1, the list as it was"
like "$err" "$M:2: 'airo': no installed kernel has a module of that name" "without --removing: the error names the line"
POL_KERNELS=""
pol_ns 'printf "dummy\nunix\n" >'$M' && "$1" -v --no-dpkg; echo "rc=$?"' "$SEAL_MKSUMS"
like "$out" "rc=0" "a built-in name: accepted"
like "$err" "$M:2: 'unix' is built into $K61: nothing to list there" "a built-in name: -v says so"

# ---- a policy that leaves nothing to list: exit 1, the old list as it was ----------------
POL_KERNELS=$K61
pol_ns 'echo dummy >'$M' && "$1" --no-dpkg && cp '$L' $TMPDIR/before && echo unix >'$M' &&
	"$1" --no-dpkg; echo "rc=$?"; cmp '$L' $TMPDIR/before && echo unchanged' "$SEAL_MKSUMS"
is "rc=1" "$(head -n 1 <<<"$out")" "a policy of built-in names only: exit 1 (no crash)"
like "$err" "$M: no modules left to list; not writing an empty list (what it names is built in" \
	"a policy of built-in names only: names the policy, says why"
like "$out" "unchanged" "a policy of built-in names only: the old list is left as it was"
# dpkg's record of dummy.ko is not its MD5: the package check refuses the policy's only file
mkdir -p "$tmp/dpkg/info"
echo "0123456789abcdef0123456789abcdef  lib/modules/$K61/kernel/drivers/net/dummy.ko" \
	>"$tmp/dpkg/info/linux-image-$K61.md5sums"
pol_ns 'echo dummy >$TMPDIR/pol && "$1" --no-dpkg -m $TMPDIR/pol -o $TMPDIR/out && cp $TMPDIR/out $TMPDIR/before &&
	"$1" -m $TMPDIR/pol -o $TMPDIR/out --no-cache --dpkg-admindir "$2"; echo "rc=$?"
	cmp $TMPDIR/out $TMPDIR/before && echo unchanged' "$SEAL_MKSUMS" "$tmp/dpkg"
is "rc=1" "$(head -n 1 <<<"$out")" "-m FILE whose only module the package check refuses: exit 1 (no crash)"
like "$err" "dummy.ko: not what package linux-image-$K61 installed" \
	"-m FILE whose only module the package check refuses: the file is named"
like "$err" "$TMPDIR/pol: no modules left to list; not writing an empty list (the files it brings are not listed" \
	"-m FILE whose only module the package check refuses: names the policy, says why"
like "$out" "unchanged" "-m FILE whose only module the package check refuses: the old list is left as it was"
POL_KERNELS=""

# ---- bad policies: FILE:LINE, exit 1, the old list byte for byte as it was --------------
bad_policy() {   # NAME CONTENT(printf format) NEEDLE
	pol_ns 'echo dummy >'$M' && "$1" --no-dpkg && cp '$L' $TMPDIR/before && printf "$2" >'$M' &&
		"$1" --no-dpkg; echo "rc=$?"; cmp '$L' $TMPDIR/before && echo unchanged' "$SEAL_MKSUMS" "$2"
	like "$out" "rc=1" "$1: exit 1"
	like "$err" "$3" "$1: says why, naming the file and line"
	like "$out" "unchanged" "$1: the old list is left as it was"
}
bad_policy "an unknown name" 'dummy\nno_such_module\n' "$M:2: 'no_such_module': no installed kernel has a module of that name"
bad_policy "a path for a name" 'dummy\n/lib/modules/x/kernel/drivers/net/veth.ko\n' "$M:2: '/lib/modules/x/kernel/drivers/net/veth.ko' is a path, not a module name: write the module's name ('veth')"
bad_policy "a file name" 'veth.ko\n' "$M:1: 'veth.ko' is a file name, not a module name: write 'veth'"
bad_policy "a binary file" 'dummy\n\177ELF\002\001\001\000\000\000' "$M:2: a NUL byte: not a text file"
bad_policy "an alias" 'dummy\nnet-pf-38\n' "$M:2: 'net-pf-38' is not a module name but an alias of af_alg: write 'af_alg'"
bad_policy "'all' beside names" 'all\ndummy\n' "$M:1: 'all' (every module) and module names"
bad_policy "no name at all" '# to do\n' "$M: names no module (one name per line, or 'all' for every module)"
bad_policy "two names on a line" 'dummy veth\n' "$M:1: more than one word"
pol_ns 'echo dummy >'$M' && "$1" --no-dpkg && cp '$L' $TMPDIR/before && "$1" --no-dpkg -m /etc/seal/other; echo "rc=$?"
	cmp '$L' $TMPDIR/before && echo unchanged' "$SEAL_MKSUMS"
like "$out" "rc=1" "--modules FILE that does not exist: exit 1"
like "$err" "/etc/seal/other: No such file or directory" "--modules FILE that does not exist: names it"
like "$out" "unchanged" "--modules FILE that does not exist: the list is left as it was"

# ---- --removing the last kernel: nothing left to list ------------------------------------
# The kernel postrm hook removing the only installed kernel: a warning naming the list, exit 0, and
# the list as it was, byte for byte, inode and mtime, with a policy and without one. Without
# --removing no installed kernel stays a failure (exit 1), the list as it was too.
POL_KERNELS=$K61
for p in policy none; do
	pol_ns '[ "$2" = none ] || echo dummy >'$M'; "$1" --no-dpkg 2>/dev/null && touch -d "2001-02-03 04:05:06" '$L' &&
		cp -p '$L' "$TMPDIR/before" && was=$(stat -c "%i %y" '$L') || exit 9
		same() { cmp -s '$L' "$TMPDIR/before" && [ "$(stat -c "%i %y" '$L')" = "$was" ] && echo "$1-untouched"; }
		"$1" --no-dpkg --removing '$K61'; echo "rc=$?"; same removing
		"$1" --no-dpkg --removing '$K61' --diff; echo "diff-rc=$?"; same diff
		mount -t tmpfs pol /lib/modules/'$K61' && "$1" --no-dpkg; echo "rc=$?"; same plain' "$SEAL_MKSUMS" "$p"
	is "rc=0 removing-untouched diff-rc=0 diff-untouched rc=1 plain-untouched" "$(echo $out)" \
		"$p: --removing the last kernel: exit 0 (--diff too), the list untouched; without --removing: exit 1"
	like "$err" "seal-mksums: warning: $K61 was the last installed kernel: $L left as it was; the next kernel's installation rewrites it" \
		"$p: --removing the last kernel: a warning names the list and says what rewrites it"
	like "$err" "/lib/modules: no installed kernel's modules" "$p: without --removing, no installed kernel: the error as before"
	unlike "$err" "does not exist: listing every module" "$p: --removing the last kernel: no policy read, nothing listed"
done
POL_KERNELS=""

# ---- usage ----------------------------------------------------------------------------
run "$SEAL_MKSUMS" --all -m /x
is_rc 2 "$rc" "--all with --modules: usage error"
run "$SEAL_MKSUMS" -m /x "$tmp"
is_rc 2 "$rc" "--modules with a directory: usage error"
like "$err" "not with directories" "--modules with a directory: says why"

# ---- a rewrite names what changes ------------------------------------------------------
POL_KERNELS=$K61
pol_ns 'printf "dummy\nveth\n" >'$M' && "$1" --no-dpkg 2>/dev/null && printf "dummy\nbtrfs\n" >'$M' && "$1" --no-dpkg' "$SEAL_MKSUMS"
like "$err" "$K61: 'btrfs' joins the list: named at $M:2" "rewrite: a name added joins, with its line"
like "$err" "$K61: 'libcrc32c' joins the list: a dependency of 'btrfs' ($M:2)" "rewrite: its dependency joins, named with what needs it"
like "$err" "$K61: 'crc32c_generic' joins the list: a softdep of 'btrfs' ($M:2)" "rewrite: its softdep joins, named with what needs it"
like "$err" "$K61: 'veth' leaves the list: $M names it no more, nor needs it" "rewrite: a name removed leaves"
unlike "$err" "'dummy'" "rewrite: a name kept is not mentioned"
pol_ns 'echo dummy >'$M' && "$1" --no-dpkg --all 2>/dev/null && "$1" --no-dpkg' "$SEAL_MKSUMS"
like "$err" "$K61: and " "from the full list to a policy: the modules that leave are counted, not all named"
like "$err" "more leave the list (seal-mksums --diff shows every entry)" "from the full list to a policy: --diff named for the rest"
ok "$([ "$(grep -c 'leaves the list' <<<"$err")" -le 20 ]; echo $?)" "from the full list to a policy: at most 20 lines of names"
POL_KERNELS=""

# a kernel installed: its modules are new to the list; what it needs that the other did not is named
# (a tmpfs bound over its directory hides a kernel: not installed)
pol_ns 'printf "dummy\nbtrfs\n" >'$M' && mount --bind /var/cache /lib/modules/'$K612' &&
	"$1" --no-dpkg 2>/dev/null; grep -c "'$K612'" '$L'; umount /lib/modules/'$K612' && "$1" --no-dpkg; echo "rc=$?"
	grep -v "^#" '$L' | grep -c "'$K612'"' "$SEAL_MKSUMS"
set -- $out
is "0" "${1:-}" "kernel install: before it, the list has none of its modules"
is "rc=0" "${2:-}" "kernel install: the rewrite exits 0"
like "$err" "$K612: a kernel new to the list: " "kernel install: the new kernel is named"
ok "$([ "${3:-0}" -gt 5 ]; echo $?)" "kernel install: its modules are listed (${3:-0} files)"
unlike "$err" "$K61:" "kernel install: the other kernel's entries unchanged, nothing said of it"
pol_ns 'printf "dummy\nbtrfs\n" >'$M' && "$1" --no-dpkg 2>/dev/null && mount --bind /var/cache /lib/modules/'$K612' &&
	"$1" --no-dpkg; echo "rc=$?"; grep -c "'$K612'" '$L "$SEAL_MKSUMS"
is "rc=0 0" "$(echo $out)" "kernel removed: exit 0, none of its modules left"
like "$err" "$K612: no longer installed: its " "kernel removed: named, with the count of its modules"

# --diff with a policy: what would change, nothing written
pol_ns 'echo dummy >'$M' && "$1" --no-dpkg 2>/dev/null && cp '$L' $TMPDIR/b && printf "dummy\nveth\n" >'$M' &&
	"$1" --no-dpkg --diff; echo "rc=$?"; cmp $TMPDIR/b '$L' && echo unchanged' "$SEAL_MKSUMS"
like "$out" "+ /lib/modules/$K61/kernel/drivers/net/veth.ko sha256=" "--diff: the new name's file is shown added"
like "$out" "rc=1" "--diff: exit 1 (something would change)"
like "$out" "unchanged" "--diff: nothing written"

done_testing
