#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-mksums stopped by SIGTERM, SIGINT or SIGHUP while it writes the list or its cache (between the
# temporary file's creation and its rename): no temporary file is left, the old file is as it was, and
# the run still ends by that signal. strace holds every fsync(2) for 2 s, so that the signal lands there.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/common.sh"
require_tools "$SEAL_MKSUMS"
command -v strace >/dev/null || skip_all "strace not installed (scripts/install-deps --test installs it)"
strace -f -qq -o /dev/null true 2>"$tmp/.strace" ||
	skip_all "strace cannot trace here (ptrace refused): $(head -1 "$tmp/.strace")"

mkdir -p "$tmp/tree" "$tmp/out" && chmod 700 "$tmp/out"
echo a >"$tmp/tree/a.ko" && echo b >"$tmp/tree/b.ko"

# ignored SIG: true if this shell was started with SIG ignored (nohup, a background job): its
# children inherit that, and no shell can undo it, so that signal cannot end seal-mksums here.
ignored() {
	local mask
	mask=$(awk '/^SigIgn:/ { print $2 }' /proc/$$/status)
	[ $(((0x${mask:-0} >> ($(kill -l "$1") - 1)) & 1)) = 1 ]
}

# interrupt SIG PATTERN ARGS...: seal-mksums ARGS under strace; when $tmp/out/PATTERN (the temporary
# file) appears, SIG to seal-mksums (the pid sh writes before it execs it). Sets $rc, $seen, $left.
interrupt() {
	local sig=$1 pattern=$2 spid
	shift 2
	rm -f "$tmp/pid"
	find "$tmp/out" -mindepth 1 -name '.*' -delete     # each case on its own
	strace -f -qq -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=2000000 \
		sh -c 'echo $$ >"$0" && exec "$@"' "$tmp/pid" "$SEAL_MKSUMS" "$@" 2>"$tmp/.err" &
	spid=$!
	seen=no
	for _ in $(seq 100); do     # 10 s
		[ -s "$tmp/pid" ] && compgen -G "$tmp/out/$pattern" >/dev/null && { seen=yes; break; }
		sleep 0.1
	done
	[ -s "$tmp/pid" ] && kill -"$sig" "$(cat "$tmp/pid")"
	{ wait "$spid"; } 2>/dev/null     # the shell says "Hangup" of a job a signal ended: not news here
	rc=$?
	left=$(find "$tmp/out" -mindepth 1 -name '.*' -printf '%f ')
}

"$SEAL_MKSUMS" -o "$tmp/out/list" --no-cache "$tmp/tree" || { echo "Bail out! seal-mksums failed: no list"; exit 1; }
cp "$tmp/out/list" "$tmp/list.old"
echo c >"$tmp/tree/c.ko"        # the next list differs
for sig in TERM INT HUP; do
	ignored $sig && skip_all_ci_ok "SIG$sig is ignored by whoever started the tests (nohup?): it cannot end seal-mksums here"
done

interrupt TERM '.list.*' -o "$tmp/out/list" --no-cache "$tmp/tree"
is yes "$seen" "SIGTERM: the list's temporary file was there"
is_rc 143 "$rc" "SIGTERM while the list is written: seal-mksums ends by it"
is "" "$left" "SIGTERM while the list is written: no temporary file left"
ok "$(cmp -s "$tmp/list.old" "$tmp/out/list"; echo $?)" "SIGTERM while the list is written: the old list as it was"

# ^C: a background job of a shell without job control ignores SIGINT; with it (set -m), it does not
(
	set -m
	interrupt INT '.list.*' -o "$tmp/out/list" --no-cache "$tmp/tree"
	echo "$seen $rc [$left]" >"$tmp/int"
) 2>/dev/null
is "yes 130 []" "$(cat "$tmp/int")" "SIGINT while the list is written: ends by it (130), no temporary file left"
ok "$(cmp -s "$tmp/list.old" "$tmp/out/list"; echo $?)" "SIGINT while the list is written: the old list as it was"

# The cache is written first, beside the list: b.ko gone drops its entry, so the cache is rewritten.
"$SEAL_MKSUMS" -o "$tmp/out/list" --cache "$tmp/out/cache" "$tmp/tree" ||
	{ echo "Bail out! seal-mksums failed: no cache"; exit 1; }
grep -q "$tmp/tree/b.ko" "$tmp/out/cache" || { sleep 2.1; "$SEAL_MKSUMS" -o "$tmp/out/list" --cache "$tmp/out/cache" "$tmp/tree"; }
like "$(cat "$tmp/out/cache")" "$tmp/tree/b.ko" "the cache names b.ko"
cp "$tmp/out/cache" "$tmp/cache.old" && cp "$tmp/out/list" "$tmp/list.old"
rm "$tmp/tree/b.ko"
interrupt HUP '.cache.*' -o "$tmp/out/list" --cache "$tmp/out/cache" "$tmp/tree"
is yes "$seen" "SIGHUP: the cache's temporary file was there"
is_rc 129 "$rc" "SIGHUP while the cache is written: seal-mksums ends by it"
is "" "$left" "SIGHUP while the cache is written: no temporary file left"
ok "$(cmp -s "$tmp/cache.old" "$tmp/out/cache"; echo $?)" "SIGHUP while the cache is written: the old cache as it was"
ok "$(cmp -s "$tmp/list.old" "$tmp/out/list"; echo $?)" "SIGHUP while the cache is written: the list not written"

done_testing
