#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The kernel and apt hooks (data/kernel-hook, data/update-list) keep a policy's list short: a kernel
# installed or removed keeps the same names in the list for every kernel; an edited policy is picked
# up by the apt hook; a bad policy leaves the old list, and the hook says so and fails.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/policy.sh"
policy_setup 6.1 6.12

hooks=$tmp/libexec
mkdir -p "$hooks/seal"
for f in update-list kernel-hook; do
	sed -e "s|@SBINDIR@|$top_builddir/tools|g" -e "s|@SYSCONFDIR@|/etc|g" -e "s|@LIBEXECDIR@|$hooks|g" \
		"$top_srcdir/data/$f" >"$hooks/seal/$f" && chmod +x "$hooks/seal/$f"
done
HOOK=$hooks/seal/kernel-hook
mkdir -p "$hooks/postrm.d" && cp "$HOOK" "$hooks/postrm.d/zz-seal"
RMHOOK=$hooks/postrm.d/zz-seal
UPDATE=$hooks/seal/update-list
M=/etc/seal/modules
L=/lib/modules/sha256sums
# "KVER NAME" for every module file of the list, sorted: what the list allows, by name
names='grep -v "^#" '$L' | cut -c67- | sed -E "s|^/lib/modules/([^/]*)/.*/([^/.]*)\\..*|\\1 \\2|" |
	awk "{ gsub(\"-\", \"_\", \$2); print }" | LC_ALL=C sort -u'
# hide a kernel (not installed): a tmpfs over its directory
hide='mount -t tmpfs pol /lib/modules/'

# 6.1 installed, a list from the policy; then 6.12 installed (postinst hook) and removed (postrm hook)
pol_ns 'printf "dummy\nbtrfs\nalgif_aead\n" >'$M' && '"$hide$K612"' && "$1" --no-dpkg 2>/dev/null &&
	'"$names"' >$TMPDIR/one && umount /lib/modules/'$K612' &&
	"$2" '$K612' /boot/vmlinuz-'$K612'; echo "rc=$?"
	'"$names"' >$TMPDIR/two; sed "s/^[^ ]* //" $TMPDIR/one | sort -u >$TMPDIR/n1
	grep "^'$K612' " $TMPDIR/two | sed "s/^[^ ]* //" | sort -u >$TMPDIR/n2
	grep "^'$K61' " $TMPDIR/two | cmp - $TMPDIR/one && echo old-kernel-same
	grep -c . $TMPDIR/one; grep -c . $TMPDIR/two
	for n in dummy btrfs algif_aead; do grep -qx "$n" $TMPDIR/n2 && echo "has-$n"; done
	'"$hide$K612"' && "$2" '$K612' /boot/vmlinuz-'$K612'; echo "rc=$?"; '"$names"' | cmp - $TMPDIR/one && echo back-to-one' \
	"$SEAL_MKSUMS" "$HOOK"
like "$out" "rc=0" "kernel installed: the postinst hook exits 0"
like "$out" "old-kernel-same" "kernel installed: the old kernel's entries are the same names"
like "$out" "has-dummy" "kernel installed: the new kernel's list has dummy"
like "$out" "has-btrfs" "kernel installed: ... btrfs"
like "$out" "has-algif_aead" "kernel installed: ... algif_aead"
# shellcheck disable=SC2046 # numbers, split on purpose
set -- $(echo "$out" | grep -x '[0-9]*')
ok "$([ "${2:-0}" -lt 40 ] && [ "${2:-0}" -gt "${1:-0}" ]; echo $?)" \
	"kernel installed: the list stays short (${1:-?} modules for one kernel, ${2:-?} for two), not the full tree"
like "$err" "$K612: a kernel new to the list" "kernel installed: the hook's run names the new kernel"
like "$err" "seal: /lib/modules/sha256sums rewritten for every installed kernel" "kernel installed: the hook says it rewrote the list"
like "$out" "back-to-one" "kernel removed (postrm hook): the list is the one kernel's again, the same names"
like "$err" "$K612: no longer installed" "kernel removed: the hook's run names the kernel that left"

# A split kernel (7.x: linux-image, linux-binary, linux-modules): linux-image's postrm runs the
# postrm.d hooks while linux-modules is still installed. The kernel it names leaves the list even
# though its tree is still there; the same hook from postinst.d keeps it.
pol_ns 'printf "dummy\nbtrfs\n" >'$M' && "$1" --no-dpkg 2>/dev/null && '"$names"' >$TMPDIR/two &&
	grep -c "^'$K612' " $TMPDIR/two; "$2" '$K612' /boot/vmlinuz-'$K612'; echo "rc=$?"
	'"$names"' | grep -c "^'$K612' "; grep -c "^'$K61' " $TMPDIR/two; '"$names"' | grep -c "^'$K61' "' \
	"$SEAL_MKSUMS" "$RMHOOK"
# shellcheck disable=SC2046 # numbers, split on purpose
set -- $(echo "$out" | tr '\n' ' ')
ok "$([ "${1:-0}" -gt 0 ] && [ "${2:-}" = rc=0 ] && [ "${3:-x}" = 0 ] && [ "${4:-0}" -gt 0 ] && [ "${4:-}" = "${5:-}" ]; echo $?)" \
	"split kernel removed, its tree still there: the postrm hook leaves it out (${1:-?} lines, then ${3:-?}), the other kernel's ${4:-?} stay" "$out"
like "$err" "$K612: no longer installed" "split kernel removed: the hook's run names the kernel that left"
# DEB_MAINT_PARAMS: linux-image's postrm runs the postrm.d hooks for every action. An upgrade of the
# same release (a same-ABI upgrade, apt reinstall; failed-upgrade too) leaves the list as it was for
# the new package's postinst hook; abort-upgrade and abort-install rewrite it for what is installed
# (the kernel stays); remove and purge take it out, plain or single-quoted as the kernel handbook
# allows, and so does a run without the variable (by hand). Nothing in the variable runs.
pol_ns 'printf "dummy\nbtrfs\n" >'$M' && "$1" --no-dpkg 2>/dev/null && cp '$L' "$TMPDIR/list" || exit 1
	hook=$2; shift 2
	for p in "$@"; do
		cp "$TMPDIR/list" '$L' && i=$(stat -c %i '$L')
		if [ "$p" = UNSET ]; then env -u DEB_MAINT_PARAMS "$hook" '$K612' /boot/vmlinuz-'$K612' 2>/dev/null
		else DEB_MAINT_PARAMS=$p "$hook" '$K612' /boot/vmlinuz-'$K612' 2>/dev/null; fi
		r=$?
		grep -qF " /lib/modules/'$K612'/" '$L' && k=listed || k=out
		[ "$(stat -c %i '$L')" = "$i" ] && w=untouched || w=rewritten
		echo "$p|rc=$r|$k|$w"
	done
	[ ! -e /lib/modules/ran ] || echo "a command in DEB_MAINT_PARAMS ran"' "$SEAL_MKSUMS" "$RMHOOK" "upgrade 6.12.118-1" "'failed-upgrade' '6.12.118-1'" \
	"abort-upgrade 6.12.118-1" "abort-install" "remove" "'purge'" 'remove $(touch /lib/modules/ran)' UNSET ""
like "$out" "upgrade 6.12.118-1|rc=0|listed|untouched" "postrm hook, upgrade: the kernel stays, the list is left to the new package's postinst hook"
like "$out" "'failed-upgrade' '6.12.118-1'|rc=0|listed|untouched" "postrm hook, failed-upgrade (single-quoted): the same"
like "$out" "abort-upgrade 6.12.118-1|rc=0|listed|rewritten" "postrm hook, abort-upgrade: the list rewritten, the kernel (still installed) in it"
like "$out" "abort-install|rc=0|listed|rewritten" "postrm hook, abort-install: the list rewritten for what is installed"
like "$out" "remove|rc=0|out|rewritten" "postrm hook, remove: the kernel leaves the list"
like "$out" "'purge'|rc=0|out|rewritten" "postrm hook, purge (single-quoted): the kernel leaves the list"
like "$out" "UNSET|rc=0|out|rewritten" "postrm hook without DEB_MAINT_PARAMS (by hand): the kernel leaves the list, as before"
like "$out" "
|rc=0|out|rewritten" "postrm hook, DEB_MAINT_PARAMS empty: as without it"
like "$out" 'remove $(touch /lib/modules/ran)|rc=0|out|rewritten' "postrm hook, DEB_MAINT_PARAMS with a command substitution: read as words, remove"
unlike "$out" "a command in DEB_MAINT_PARAMS ran" "postrm hook: nothing in DEB_MAINT_PARAMS runs (not eval'd)"

# Two kernels in one apt run: dpkg unpacks both, then configures one at a time, and the first one's
# postinst hook meets the other's tree before its postinst ran depmod (kernel/, no modules.dep). That
# kernel is left out with a warning, the list is written for the others (with a policy and without
# one alike), and its own postinst hook, after its depmod, lists it.
unconf='rm -f /lib/modules/'$K612'/modules.dep /lib/modules/'$K612'/modules.dep.bin'
pol_ns 'printf "dummy\nbtrfs\n" >'$M' && '"$hide$K612"' && "$1" --no-dpkg 2>/dev/null && '"$names"' >"$TMPDIR/one" &&
	umount /lib/modules/'$K612' && '"$unconf"' && "$2" '$K61' /boot/vmlinuz-'$K61'; echo "rc=$?"
	'"$names"' | cmp - "$TMPDIR/one" && echo others-same
	cp "$layers/dep/lib/modules/'$K612'"/modules.* /lib/modules/'$K612'/ &&
	"$2" '$K612' /boot/vmlinuz-'$K612' 2>/dev/null; echo "rc=$?"; '"$names"' | grep -c "^'$K612' "' \
	"$SEAL_MKSUMS" "$HOOK"
# shellcheck disable=SC2046 # words, split on purpose
set -- $(echo "$out" | tr '\n' ' ')
is "rc=0 others-same rc=0" "${1:-} ${2:-} ${3:-}" "policy, a kernel unpacked but not configured: the other kernel's postinst hook exits 0, its list as it was"
like "$err" "warning: /lib/modules/$K612: no modules.dep yet: a kernel unpacked but not configured; left out, its own postinst lists it" \
	"policy, a kernel not configured: the warning names it"
ok "$([ "${4:-0}" -gt 0 ]; echo $?)" "policy, a kernel not configured: its own postinst hook lists it (${4:-?} modules)"
pol_ns 'echo x >'$L' && '"$unconf"' && "$1" '$K61' /boot/vmlinuz-'$K61'; echo "rc=$?"
	grep -c " /lib/modules/'$K612'/" '$L'; grep -c " /lib/modules/'$K61'/" '$L "$HOOK"
# shellcheck disable=SC2046 # words, split on purpose
set -- $(echo "$out" | tr '\n' ' ')
ok "$([ "${1:-}" = rc=0 ] && [ "${2:-}" = 0 ] && [ "${3:-0}" -gt 1000 ]; echo $?)" \
	"no policy, a kernel not configured: left out of the full list too (${2:-?} lines), the other's written (${3:-?})" "$out"
like "$err" "warning: /lib/modules/$K612: no modules.dep yet" "no policy, a kernel not configured: the warning names it"

# A kernel removed whose modules the policy names and no other kernel has (airo: 6.1's alone): the
# postrm hook warns and writes the list for the kernel left, so the removal and the hooks after this
# one go on.
pol_ns 'printf "dummy\nairo\n" >'$M' && "$1" --no-dpkg 2>/dev/null && "$2" '$K61' /boot/vmlinuz-'$K61'; echo "rc=$?"
	'"$names"' | grep -c "^'$K61' "; '"$names"' | grep -c "^'$K612' dummy$"' "$SEAL_MKSUMS" "$RMHOOK"
is "rc=0 0 1" "$(echo $out)" "kernel removed, a policy name only it had: the postrm hook exits 0, the list is the other kernel's"
like "$err" "warning: $M:2: 'airo': no installed kernel has a module of that name once $K61 is removed" \
	"kernel removed, a policy name only it had: a warning names the line"
like "$err" "seal: /lib/modules/sha256sums rewritten for every installed kernel" "kernel removed, a policy name only it had: the list is rewritten"

# The last kernel removed (the other one not installed): nothing left to list. seal-mksums says so
# and exits 0, and so does the postrm hook, so the kernel's removal goes on; the list is left as it
# was, with a policy and without one, and the hook does not say it was rewritten.
for p in policy none; do
	pol_ns '[ "$3" = none ] || printf "dummy\n" >'$M'; '"$hide$K612"' && "$1" --no-dpkg 2>/dev/null &&
		cp '$L' "$TMPDIR/list" && i=$(stat -c %i '$L') && "$2" '$K61' /boot/vmlinuz-'$K61'; echo "rc=$?"
		cmp -s '$L' "$TMPDIR/list" && [ "$(stat -c %i '$L')" = "$i" ] && echo list-untouched' \
		"$SEAL_MKSUMS" "$RMHOOK" "$p"
	is "rc=0 list-untouched" "$(echo $out)" "$p: the last kernel removed: the postrm hook exits 0, the list left as it was"
	like "$err" "seal-mksums: warning: $K61 was the last installed kernel: /lib/modules/sha256sums left as it was" \
		"$p: the last kernel removed: seal-mksums says so, through the hook"
	unlike "$err" "rewritten" "$p: the last kernel removed: the hook does not say the list was rewritten"
done

run "$SEAL_MKSUMS" --removing ../boot -o -
is_rc 2 "$rc" "--removing with a path, not a kernel version: a usage error"
like "$err" "--removing '../boot': not a kernel version" "--removing with a path: says so"
run "$SEAL_MKSUMS" --removing "$K612" -k "$K61" -o -
like "$err" "--removing leaves a kernel out of the installed ones: not with -k" "--removing with -k: refused, and why"

# the apt hook: nothing changed, nothing done (the list not even rewritten: the same inode; the
# rename that wrote it made /lib/modules newer than it); the policy edited since the list: rewritten
pol_ns 'echo dummy >'$M' && "$1" --no-dpkg 2>/dev/null && touch -d "1 hour ago" '$M' && cp -p '$L' $TMPDIR/b &&
	i=$(ls -di '$L') && "$2" --if-changed; echo "rc=$?"; cmp '$L' $TMPDIR/b && [ "$(ls -di '$L')" = "$i" ] && echo untouched
	echo veth >>'$M' && "$2" --if-changed; echo "rc=$?"; grep -v "^#" '$L' | grep -c "/veth\.ko"' "$SEAL_MKSUMS" "$UPDATE"
is "rc=0 untouched rc=0 2" "$(echo $out)" "apt hook: nothing changed: the list untouched (same inode); the policy edited: rewritten, veth in both kernels"
like "$err" "'veth' joins the list: named at $M:2" "apt hook: the run names what joins"
# a short list made by hand, no policy: an apt run that changed no module tree leaves it (it is
# rewritten, whole, at the next kernel or DKMS install: seal-mksums(8), UPGRADES); a list that is a
# symlink too (its target's time counts)
POL_KERNELS=$K61
pol_ns '"$1" --no-dpkg -o '$L' /lib/modules/'$K61'/kernel/drivers/net/ 2>/dev/null; n=$(grep -c . '$L')
	same() { [ "$(grep -c . "$1")" = "$n" ] && echo "$2-kept" || echo "$2-rewritten"; }
	"$2" --if-changed; echo "rc=$?"; same '$L' short
	mkdir -p /etc/seal/l && mv '$L' /etc/seal/l/sums && ln -s /etc/seal/l/sums '$L' && touch -h -d "1 hour ago" '$L' &&
		touch /etc/seal/l/sums    # (moving it made /lib/modules newer: the list as written after that)
	"$2" --if-changed; echo "rc=$?"; same /etc/seal/l/sums link' "$SEAL_MKSUMS" "$UPDATE"
is "rc=0 short-kept rc=0 link-kept" "$(echo $out)" "apt hook, a short list made by hand, no policy, no tree changed: kept, as a file and behind a symlink"
unlike "$err" "rewritten" "apt hook, a short list made by hand: not rewritten"
# On a disk, fsync takes time, and the rename after it makes /lib/modules newer than the list
# written before it: seal-mksums gives the list the rename's time. strace holds the fsync 1.2 s (the
# ASan build's leak check does not work under ptrace, and would fail the run at its exit).
if command -v strace >/dev/null && strace -f -qq -o /dev/null true 2>/dev/null; then
	pol_ns 'ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f -qq -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=1200000 \
		"$1" --no-dpkg -o '$L' /lib/modules/'$K61'/kernel/drivers/net/ 2>/dev/null; echo "rc=$?"
		find /lib/modules/ -maxdepth 0 -newer '$L' | grep -q . && echo dir-newer || echo list-not-older
		"$2" --if-changed; echo "rc=$?"' "$SEAL_MKSUMS" "$UPDATE"
	is "rc=0 list-not-older rc=0" "$(echo $out)" "a slow fsync: the list written is not older than its directory's rename"
	unlike "$err" "rewritten" "a slow fsync: the apt hook after it does not rewrite the list"
else
	for d in "a slow fsync: the list written is not older than its directory's rename" \
		 "a slow fsync: the apt hook after it does not rewrite the list"; do
		skip "$d" "strace missing or unable to trace here (scripts/install-deps --test installs it)"
	done
fi
POL_KERNELS=""

# a bad policy: the hook fails, says why and where, the list is as it was
pol_ns 'echo dummy >'$M' && "$1" --no-dpkg 2>/dev/null && cp '$L' $TMPDIR/b && echo "/tmp/rootkit.ko" >>'$M' &&
	"$2" '$K61'; echo "rc=$?"; cmp '$L' $TMPDIR/b && echo untouched' "$SEAL_MKSUMS" "$HOOK"
like "$out" "rc=1" "a bad policy: the kernel hook fails (exit 1)"
like "$err" "$M:2: '/tmp/rootkit.ko' is a path, not a module name" "a bad policy: the line is named"
like "$err" "could NOT be rewritten" "a bad policy: the hook says the list was not rewritten"
like "$out" "untouched" "a bad policy: the old list stays"
# the same on a kernel's removal: a warning, exit 0 (a failed postrm.d hook stops the boot loader's
# after it and leaves the package half-removed), the old list as it was
pol_ns 'echo dummy >'$M' && "$1" --no-dpkg 2>/dev/null && cp '$L' $TMPDIR/b && echo "/tmp/rootkit.ko" >>'$M' &&
	"$2" '$K612'; echo "rc=$?"; cmp '$L' $TMPDIR/b && echo untouched' "$SEAL_MKSUMS" "$RMHOOK"
is "rc=0 untouched" "$(echo $out)" "a bad policy, a kernel removed: the postrm.d hook exits 0, the old list stays"
like "$err" "WARNING: $L could NOT be rewritten after removing $K612" "a bad policy, a kernel removed: a warning says so"
like "$err" "$M:2: '/tmp/rootkit.ko' is a path, not a module name" "a bad policy, a kernel removed: the line is named"

# no list: seal's lists are not in use, the hooks do nothing
pol_ns 'echo dummy >'$M' && "$1" '$K61'; echo "rc=$?"; ls '$L' 2>/dev/null || echo no-list' "$HOOK"
is "rc=0 no-list" "$(echo $out)" "no list: the hook does nothing"

# no policy: the hook lists every module, and says so
POL_KERNELS=$K61
pol_ns 'echo x >'$L' && "$1" --no-dpkg -o '$L' --all 2>/dev/null && "$2" '$K61'; echo "rc=$?"' "$SEAL_MKSUMS" "$HOOK"
like "$out" "rc=0" "no policy: the hook writes the full list"
like "$err" "$M does not exist: listing every module" "no policy: the hook's run says it lists every module"

done_testing
