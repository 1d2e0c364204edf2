#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-verify check 5: an unchanged re-run hashes nothing; --full and any change of a file rehash; a foreign cache is ignored.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/verify.sh"
verify_setup

mkroot "$tmp/r" || { echo "Bail out! could not build the fake root"; exit 1; }
M=$tmp/r/lib/modules/$KVER
C=$tmp/r/var/cache/seal/verify.cache
# Files changed less than 2 s before a run are not cached (coarse timestamps): let them age.
sleep 2

verify "$tmp/r"
is_rc 0 "$rc" "first run: exit 0"
is 5 "$(count hashed)" "first run hashes the 5 module files"
ok "$([ -f "$C" ]; echo $?)" "the cache is written under ROOT/var/cache/seal/"
is 600 "$(stat -c %a "$C")" "the cache is mode 600"

before=$(stat -c '%i %Y' "$C")
verify "$tmp/r"
is_rc 0 "$rc" "second run: exit 0"
is "$before" "$(stat -c '%i %Y' "$C")" "second, unchanged run leaves the cache file as it was (no rewrite, no fsync)"
is 0 "$(count hashed)" "second, unchanged run hashes nothing"
is 7 "$(count cached)" "second run takes 5 digests from the cache (and 2 loaded modules from this run)"

verify "$tmp/r" --full
is 5 "$(count hashed)" "--full rehashes every file"

verify "$tmp/r" --no-cache
is 5 "$(count hashed)" "--no-cache rehashes every file"

# Same size, mtime put back: ctime still moves, the cache misses, the change is found.
cp -p "$M/kernel/drivers/net/veth.ko" "$tmp/orig"
printf '\x00' | dd of="$M/kernel/drivers/net/veth.ko" bs=1 seek=100 conv=notrunc status=none
touch -r "$tmp/orig" "$M/kernel/drivers/net/veth.ko"
verify "$tmp/r"
is_rc 1 "$rc" "byte patched, size and mtime kept: exit 1"
is 1 "$(count hashed)" "byte patched, size and mtime kept: that file alone is rehashed"
like "$out" "seal-verify: changed /lib/modules/$KVER/kernel/drivers/net/veth.ko" "byte patched: changed"
cp -p "$tmp/orig" "$M/kernel/drivers/net/veth.ko"

# A cache anyone may write is not trusted.
sleep 2
verify "$tmp/r"
chmod 666 "$C"
verify "$tmp/r"
is 5 "$(count hashed)" "world-writable cache: ignored, every file rehashed"
like "$err" "verify.cache: not owned by uid" "world-writable cache: a warning names it"

# A corrupt cache is ignored too, never believed: a bad line under a good checksum, and a cache cut short.
printf 'seal-digest-cache 1\n1 2 3 garbage\n' > "$C"
echo "end $(sha256sum <"$C" | cut -c1-64)" >>"$C"
chmod 600 "$C"
verify "$tmp/r"
is 5 "$(count hashed)" "malformed cache: every file rehashed"
like "$err" "verify.cache:2: malformed entry" "malformed cache: the line is named"
verify "$tmp/r"
head -c -10 "$C" >"$tmp/cut" && cat "$tmp/cut" >"$C"
verify "$tmp/r"
is 5 "$(count hashed)" "a cache cut short: every file rehashed"
like "$err" "verify.cache: its last line is not the checksum" "a cache cut short: says so"

done_testing
