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

# Fail closed: a state seal-verify needs and cannot read is a gap (exit 2), in every output, never "fine".
fresh
rm "$tmp/r/$S/sealed"
verify "$tmp/r"
is_rc 2 "$rc" "/sys/kernel/seal without sealed: exit 2"
like "$out" "seal-verify: not-sealed seal why=state-unreadable missing=/sys/kernel/seal/sealed" \
	"/sys/kernel/seal without sealed: not-sealed, and why"
like "$err" "$tmp/r/$S/sealed: No such file or directory: the seal's state not checked" \
	"/sys/kernel/seal without sealed: the gap names the file"
verify "$tmp/r" --json --metrics "$tmp/m.prom"
is_rc 2 "$rc" "/sys/kernel/seal without sealed, --json: exit 2"
is "2 not-sealed state-unreadable 1" "$(printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
f = [x for x in d["findings"] if x["kind"] == "not-sealed"]
print(d["exit"], f[0]["kind"], f[0]["why"], len([e for e in d["errors"] if "sealed" in e]))' 2>&1)" \
	"/sys/kernel/seal without sealed, --json: exit, the finding and the gap"
like "$(cat "$tmp/m.prom")" "seal_sealed 0" "/sys/kernel/seal without sealed, --metrics: seal_sealed 0"
like "$(cat "$tmp/m.prom")" 'seal_verify_findings{kind="not-sealed"} 1' "/sys/kernel/seal without sealed, --metrics: the finding"
like "$(cat "$tmp/m.prom")" "seal_verify_last_run_exit_status 2" "/sys/kernel/seal without sealed, --metrics: exit 2"

for f in read no_remove kexec insmod mem_allow sums loads; do
	fresh
	rm "$tmp/r/$S/$f"
	verify "$tmp/r"
	is_rc 2 "$rc" "/sys/kernel/seal without $f: exit 2"
	like "$err" "$tmp/r/$S/$f: No such file or directory: the seal's state not checked" "/sys/kernel/seal without $f: named"
done
fresh
rm -r "$tmp/r/$S/denied"
verify "$tmp/r"
is_rc 2 "$rc" "/sys/kernel/seal without denied/: exit 2"
like "$err" "$tmp/r/$S/denied: No such file or directory: denial counters not checked" "/sys/kernel/seal without denied/: named"

fresh
echo yes > "$tmp/r/$S/no_remove"
verify "$tmp/r"
is_rc 2 "$rc" "no_remove in a spelling seal.ko does not take: exit 2"
like "$err" "/sys/kernel/seal/no_remove: 'yes', not false or true" "no_remove=yes: a gap naming both spellings"

# The boot or the state can't be read: every denial is reported again, and the run says why.
fresh
echo 3 > "$tmp/r/$S/denied/module"
verify "$tmp/r"
rm "$tmp/r/proc/sys/kernel/random/boot_id"
verify "$tmp/r"
is_rc 1 "$rc" "no boot_id: denials reported again (exit 1)"
is "seal-verify: seal-denied module count=3 since=seal" "$(printf '%s\n' "$out" | grep ': seal-denied ')" \
	"no boot_id: the denials already reported are reported again"
like "$err" "/proc/sys/kernel/random/boot_id: No such file or directory: every denial since the seal is reported as new" \
	"no boot_id: a gap"
verify "$tmp/r"
is_rc 1 "$rc" "no boot_id, again: still reported (the state can't name this boot)"
fresh
echo 3 > "$tmp/r/$S/denied/module"
verify "$tmp/r"
rm "$tmp/r/var/lib/seal/verify.state" && mkdir "$tmp/r/var/lib/seal/verify.state"
verify "$tmp/r"
is_rc 1 "$rc" "unreadable state: denials reported again (exit 1)"
like "$out" "seal-denied module count=3 since=seal" "unreadable state: the denials reported again"
like "$err" "/var/lib/seal/verify.state: Is a directory: every denial since the seal is reported as new" "unreadable state: a gap"

done_testing
