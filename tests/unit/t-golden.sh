#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The output formats scripts and monitoring read, held byte for byte by golden files in
# tests/unit/golden/: seal-verify's text lines, --json and --metrics for one fixed set of findings,
# and seal-mksums --diff for one fixed change of a tree. What varies by machine and run (the
# scratch path, the kernel version, digests, the inode, the run's time) is replaced by a
# placeholder first; everything else (keys, their order, quoting, spacing, the summary line) must
# match. A change of format is a change of these files in the same commit:
#   SEAL_GOLDEN_UPDATE=1 make check TESTS=tests/unit/t-golden.sh    rewrites them from this build.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/verify.sh"
verify_setup
golden=$top_srcdir/tests/unit/golden

# normal: the placeholders (sed reads stdin)
normal() {
	sed -e "s|$tmp|TMP|g" -e "s|$KVER|KVER|g" -e 's/[0-9a-f]\{64\}/SHA256/g' \
		-e 's/dev=[0-9]*:[0-9]* ino=[0-9]*/dev=MAJ:MIN ino=INO/g' \
		-e 's/^\(seal_verify_last_run_timestamp_seconds\) [0-9]*$/\1 TIME/'
}
# hold NAME TEXT: TEXT, normalized, is golden/NAME byte for byte
hold() {
	local f=$golden/$1
	printf '%s\n' "$2" | normal >"$tmp/$1"
	if [ -n "${SEAL_GOLDEN_UPDATE:-}" ]; then
		cp "$tmp/$1" "$f" && echo "# rewrote $f"
	fi
	if [ ! -f "$f" ]; then
		ok 1 "$1: golden file" "$f does not exist (SEAL_GOLDEN_UPDATE=1 writes it)"
	else
		ok "$(cmp -s "$f" "$tmp/$1"; echo $?)" "$1: as the golden file" "$(diff -u "$f" "$tmp/$1" | head -40)"
	fi
}

# One finding of each common kind: a hidden module, a changed file, a module loaded without its
# file, and new denials since the last run.
fresh
fake_module "$tmp/r" rk sysfs
printf 'x' >>"$tmp/r/lib/modules/$KVER/kernel/drivers/net/veth.ko"
echo 2 >"$tmp/r/sys/kernel/seal/denied/module"
# --no-cache: the counts of hashed and cached files would otherwise depend on the clock (a file
# changed less than a second before a run is "racy" and not cached for the next run)
verify "$tmp/r" --no-cache
is_rc 1 "$rc" "seal-verify: findings, exit 1"
hold verify.txt "$out"
is "" "$err" "seal-verify: nothing on stderr"
verify "$tmp/r" --no-cache --json
is_rc 1 "$rc" "seal-verify --json: findings, exit 1"
hold verify.json "$out"
verify "$tmp/r" --no-cache --metrics "$tmp/seal.prom"
is_rc 1 "$rc" "seal-verify --metrics: findings, exit 1"
hold verify.prom "$(cat "$tmp/seal.prom" 2>&1)"

# seal-mksums --diff: one module added, one removed, one changed
fresh
m=$tmp/r/lib/modules/$KVER/kernel/drivers/net
run "$SEAL_MKSUMS" --no-cache -o "$tmp/list" "$tmp/r/lib/modules/$KVER"
is_rc 0 "$rc" "seal-mksums: the list written"
rm "$m/ifb.ko" && printf 'x' >>"$m/veth.ko" && cp "$m/dummy.ko" "$m/dummy2.ko"
cp "$tmp/list" "$tmp/list.before"
run "$SEAL_MKSUMS" --no-cache --diff -o "$tmp/list" "$tmp/r/lib/modules/$KVER"
is_rc 1 "$rc" "seal-mksums --diff: something would change, exit 1"
hold mksums-diff.txt "$out"
is "" "$err" "seal-mksums --diff: nothing on stderr"
ok "$(cmp -s "$tmp/list.before" "$tmp/list"; echo $?)" "seal-mksums --diff: nothing written"
done_testing
