#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-verify check 4: seal.ko missing or unsealed, its programs or list replaced, denials, loads off the list.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/verify.sh"
verify_setup

S=sys/kernel/seal

fresh
rm -r "$tmp/r/$S"
verify "$tmp/r"
is_rc 2 "$rc" "seal.ko not loaded: exit 2 (unchecked, not tampering)"
is "seal-verify: not-sealed seal why=seal.ko-not-loaded missing=/sys/kernel/seal" \
	"$(printf '%s\n' "$out" | grep ': not-sealed ')" "seal.ko not loaded: one line"

fresh
echo 0 > "$tmp/r/$S/sealed"
verify "$tmp/r"
is_rc 2 "$rc" "sealed=0: exit 2"
like "$out" "seal-verify: not-sealed seal why=hooks-not-all-active sealed=0" "sealed=0: not-sealed"

# The insmod= program replaced by another file at the same path (mv over it: new inode).
fresh
was=$(sed 's/^[^ ]* dev=\([^ ]*\) ino=\(.*\)/\1\/\2/' "$tmp/r/$S/insmod")
cp "$tmp/r/sbin/seal-insmod" "$tmp/r/sbin/.new" && mv "$tmp/r/sbin/.new" "$tmp/r/sbin/seal-insmod"
now=$(stat -c '%Hd:%Ld/%i' "$tmp/r/sbin/seal-insmod")
verify "$tmp/r"
is_rc 1 "$rc" "insmod= program replaced: exit 1"
is "seal-verify: seal-program-changed /sbin/seal-insmod param=insmod sealed=$was now=$now" \
	"$(printf '%s\n' "$out" | grep ': seal-program-changed ')" "insmod= program replaced: sealed and current dev:ino"
rm "$tmp/r/sbin/seal-insmod"
verify "$tmp/r"
like "$out" "seal-program-changed /sbin/seal-insmod param=insmod sealed=$was now=No\\x20such\\x20file" \
	"insmod= program deleted: seal-program-changed"

# The list on disk is not the one the kernel read.
fresh
sealed=$(sed 's/.* sha256=\([0-9a-f]*\) .*/\1/' "$tmp/r/$S/sums")
echo "# edited after the seal" >> "$tmp/r/lib/modules/sha256sums"
now=$(sha256sum < "$tmp/r/lib/modules/sha256sums" | cut -d' ' -f1)
verify "$tmp/r"
is_rc 1 "$rc" "list edited after the seal: exit 1"
is "seal-verify: seal-sums-changed /lib/modules/sha256sums sealed=$sealed now=$now why=no-copy-of-the-sealed-list" \
	"$(printf '%s\n' "$out" | grep ': seal-sums-changed ')" "list edited after the seal: both digests"

# With seal-load's copy of the sealed list (/run/seal/sums.sealed, its digest the kernel's), a change is
# told per kernel release: another kernel's entries added is an upgrade (exit unchanged), the running
# kernel's entries changed is a finding.
fresh
mkdir -p "$tmp/r/run/seal"
cp "$tmp/r/lib/modules/sha256sums" "$tmp/r/run/seal/sums.sealed"
printf '%064d  /lib/modules/9.9.9-new/kernel/a.ko\n%064d  /lib/modules/9.9.9-new/kernel/b.ko\n' 1 2 \
	>> "$tmp/r/lib/modules/sha256sums"
verify "$tmp/r"
is_rc 0 "$rc" "another kernel's entries added after the seal: exit 0"
is "seal-verify: seal-sums-updated /lib/modules/sha256sums kernel=9.9.9-new added=2 removed=0 changed=0" \
	"$(printf '%s\n' "$out" | grep ': seal-sums-')" "another kernel's entries added: seal-sums-updated, per release"
first=$(grep -m1 "/lib/modules/$KVER/" "$tmp/r/lib/modules/sha256sums")
sed -i "s|^${first%%  *}  |$(printf '%064d' 7)  |" "$tmp/r/lib/modules/sha256sums"
verify "$tmp/r"
is_rc 1 "$rc" "the running kernel's entry changed after the seal: exit 1"
like "$out" "seal-verify: seal-sums-changed /lib/modules/sha256sums kernel=$KVER added=0 removed=0 changed=1" \
	"the running kernel's entry changed: seal-sums-changed for its release"
echo "# not the sealed list" >> "$tmp/r/run/seal/sums.sealed"
verify "$tmp/r"
like "$out" "why=no-copy-of-the-sealed-list" "a copy the kernel did not read: not trusted"

# Denials since boot.
fresh
echo 3 > "$tmp/r/$S/denied/module"
verify "$tmp/r"
is_rc 1 "$rc" "3 module loads denied: exit 1"
is "seal-verify: seal-denied module count=3 since=seal" "$(printf '%s\n' "$out" | grep ': seal-denied ')" \
	"3 module loads denied: one line with the count"
verify "$tmp/r" --json --since-boot
is "3" "$(printf '%s\n' "$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["seal"]["denied_module"])' 2>&1)" \
	"--json: the counter in the seal object"
# Each denial is reported once: the next run is quiet about them, a new one is reported as new.
verify "$tmp/r"
is_rc 0 "$rc" "the same 3 denials, already reported: exit 0"
is "" "$(printf '%s\n' "$out" | grep ': seal-denied ')" "the same 3 denials: no line"
echo 5 > "$tmp/r/$S/denied/module"
verify "$tmp/r"
is_rc 1 "$rc" "2 more denials: exit 1"
is "seal-verify: seal-denied module count=5 new=2 since=last-report" "$(printf '%s\n' "$out" | grep ': seal-denied ')" \
	"2 more denials: reported as new"
verify "$tmp/r" --since-boot
is "seal-verify: seal-denied module count=5 since=seal" "$(printf '%s\n' "$out" | grep ': seal-denied ')" \
	"--since-boot: every denial again"
# Another boot: the counters started again, so does the state.
echo "another-boot-id" > "$tmp/r/proc/sys/kernel/random/boot_id" 2>/dev/null ||
	{ mkdir -p "$tmp/r/proc/sys/kernel/random" && echo "another-boot-id" > "$tmp/r/proc/sys/kernel/random/boot_id"; }
echo 1 > "$tmp/r/$S/denied/module"
verify "$tmp/r"
is "seal-verify: seal-denied module count=1 since=seal" "$(printf '%s\n' "$out" | grep ': seal-denied ')" \
	"after a reboot: the new boot's denial is reported"
like "$(cat "$tmp/r/var/lib/seal/verify.state")" "boot=another-boot-id" "the state names the boot"

# seal.ko recorded a load whose digest is not on the list (now): loaded-unlisted from seal_loads.
fresh
echo "nlmon sha256=$(printf '%064d' 0) op=init_module" > "$tmp/r/$S/loads"
verify "$tmp/r"
is_rc 1 "$rc" "seal record with an unlisted digest: exit 1"
like "$out" "seal-verify: loaded-unlisted nlmon sha256=$(printf '%064d' 0) op=init_module source=seal_loads" \
	"seal record with an unlisted digest: loaded-unlisted"

# A malformed sysfs line is "could not check", not silence.
fresh
echo "garbage" > "$tmp/r/$S/insmod"
verify "$tmp/r"
is_rc 2 "$rc" "malformed $S/insmod: exit 2"
like "$err" "/sys/kernel/seal/insmod: unexpected line: garbage" "malformed $S/insmod: named on stderr"

done_testing
