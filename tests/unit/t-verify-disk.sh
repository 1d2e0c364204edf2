#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-verify check 1: module files changed, new or missing under /lib/modules/KVER are each one finding line, exit 1.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/verify.sh"
verify_setup

mkroot "$tmp/r" || { echo "Bail out! could not build the fake root"; exit 1; }
M=$tmp/r/lib/modules/$KVER
veth=/lib/modules/$KVER/kernel/drivers/net/veth.ko
listed=$(grep " $veth\$" "$tmp/r/lib/modules/sha256sums" | cut -d' ' -f1)

# Changed: one byte appended (what an attacker patching a module does, size aside).
printf 'x' >> "$M/kernel/drivers/net/veth.ko"
now=$(sha256sum < "$M/kernel/drivers/net/veth.ko" | cut -d' ' -f1)
verify "$tmp/r"
is_rc 1 "$rc" "changed file: exit 1"
is "seal-verify: changed $veth sha256=$now listed=$listed" "$(printf '%s\n' "$out" | grep ': changed ')" \
	"changed file: one line with the path, the new and the listed digest"

# Another listed module's bytes put in place of veth.ko: the path column catches it.
cp "$M/kernel/drivers/net/ifb.ko" "$M/kernel/drivers/net/veth.ko"
verify "$tmp/r"
like "$out" "seal-verify: changed $veth " "file replaced by another listed module: changed"
cp "$SRC/kernel/drivers/net/veth.ko" "$M/kernel/drivers/net/veth.ko"

# New: a module file that is not on the list by path nor by digest.
mkdir -p "$M/extra"
{ cat "$M/kernel/drivers/net/ifb.ko"; printf 'y'; } > "$M/extra/rootkit.ko"
new=$(sha256sum < "$M/extra/rootkit.ko" | cut -d' ' -f1)
verify "$tmp/r"
is_rc 1 "$rc" "new file: exit 1"
is "seal-verify: new /lib/modules/$KVER/extra/rootkit.ko sha256=$new" "$(printf '%s\n' "$out" | grep ': new ')" \
	"new file: one line with the path and digest"
rm "$M/extra/rootkit.ko"

# A copy of listed bytes under a new name loads anyway: not a finding.
cp "$M/kernel/drivers/net/ifb.ko" "$M/extra/ifb-copy.ko"
verify "$tmp/r"
is_rc 0 "$rc" "copy of listed bytes under a new path: exit 0"
rm "$M/extra/ifb-copy.ko"

# Missing: a listed module removed from disk.
rm "$M/kernel/arch/x86/kernel/msr.ko"
msr=$(grep "/msr.ko\$" "$tmp/r/lib/modules/sha256sums" | cut -d' ' -f1)
verify "$tmp/r"
is_rc 1 "$rc" "missing file: exit 1"
is "seal-verify: missing /lib/modules/$KVER/kernel/arch/x86/kernel/msr.ko listed=$msr" \
	"$(printf '%s\n' "$out" | grep ': missing ')" "missing file: one line with the path and the listed digest"

# Entries of another kernel's tree are not "missing" for this one.
echo "$msr  /lib/modules/0.0.0-other/kernel/x.ko" >> "$tmp/r/lib/modules/sha256sums"
reseal "$tmp/r"
verify "$tmp/r"
unlike "$out" "0.0.0-other" "another kernel's entries are left alone"

# A name that needs escaping stays on one line and in valid JSON.
{ cat "$M/kernel/drivers/net/veth.ko"; printf 'z'; } > "$M/extra/$(printf 'we\\ird "na\nme\xff.ko')"
verify "$tmp/r" --json
is_rc 1 "$rc" "--json with findings: exit 1"
printf '%s\n' "$out" > "$tmp/f.json"
python3 -m json.tool "$tmp/f.json" >/dev/null 2>"$tmp/json.err"
ok $? "--json with a path holding quote, backslash, newline, 0xff: valid JSON" "$(cat "$tmp/json.err"; cat "$tmp/f.json")"
is "missing new" "$(python3 -c 'import json,sys; print(" ".join(sorted({f["kind"] for f in json.load(open(sys.argv[1]))["findings"]})))' "$tmp/f.json" 2>&1)" \
	"--json: the finding kinds"
verify "$tmp/r"
is 1 "$(printf '%s\n' "$out" | grep -c 'ird')" "escaped name: one human line"

# The tree-walk rule seal-mksums applies too (libseal's seal_module_tree_walk): what is named like a
# module but can't be checked is a gap (exit 2), a symlinked directory is not followed.
fresh
M=$tmp/r/lib/modules/$KVER
mkfifo "$M/kernel/fifo.ko"
verify "$tmp/r"
is_rc 2 "$rc" "a FIFO named .ko: exit 2"
like "$err" "$M/kernel/fifo.ko: not a regular file: not checked" "a FIFO named .ko: named as not checked"
rm "$M/kernel/fifo.ko"
ln -s /nonexistent "$M/kernel/gone.ko"
verify "$tmp/r"
is_rc 2 "$rc" "a dangling symlink named .ko: exit 2"
like "$err" "$M/kernel/gone.ko: symlink to a module that cannot be read: No such file or directory: not checked" \
	"a dangling symlink named .ko: named as not checked"
rm "$M/kernel/gone.ko"
# Paths under --root resolve as in a chroot: an absolute link is to the root's /lib/modules/KVER.
ln -s "/lib/modules/$KVER" "$M/kernel/up"
verify "$tmp/r"
is_rc 2 "$rc" "a symlink back to a directory above: exit 2"
like "$err" "$M/kernel/up: symlink loop: points back to a directory above it: not checked" \
	"a symlink back to a directory above: named"
rm "$M/kernel/up"
mkdir -p "$tmp/r/usr/src/linux-headers-$KVER"
{ cat "$M/kernel/drivers/net/ifb.ko"; printf 'b'; } >"$tmp/r/usr/src/linux-headers-$KVER/unlisted.ko"
ln -s "/usr/src/linux-headers-$KVER" "$M/build"
verify "$tmp/r"
is_rc 0 "$rc" "a symlinked directory elsewhere (build/): not followed, exit 0"
rm -r "$M/build" "$tmp/r/usr/src"

# A list derived from the module policy (/etc/seal/modules) leaves every other module out on purpose:
# an unlisted file of a module the policy does not name is no finding; one of a module it names is.
mkdir -p "$M/extra"
{ cat "$M/kernel/drivers/net/ifb.ko"; printf 'z'; } > "$M/extra/unnamed.ko"
mkdir -p "$tmp/r/etc/seal"
verify "$tmp/r"
is_rc 1 "$rc" "no policy: an unlisted file is new (exit 1)"
like "$out" "seal-verify: new /lib/modules/$KVER/extra/unnamed.ko " "no policy: the file is named new"
printf 'all\n' >"$tmp/r/etc/seal/modules"
verify "$tmp/r"
like "$out" "seal-verify: new /lib/modules/$KVER/extra/unnamed.ko " "policy 'all': the full list, the file is new"
printf '# this machine\nveth\nifb\n' >"$tmp/r/etc/seal/modules"
verify "$tmp/r" -v
is_rc 0 "$rc" "policy without it: an unlisted module the policy leaves out is no finding (exit 0)"
unlike "$out" ": new " "policy without it: no new line"
like "$err" "module files of $KVER left out by the module policy" "policy without it: -v says how many were left out"
printf 'veth\nunnamed\n' >"$tmp/r/etc/seal/modules"
verify "$tmp/r"
is_rc 1 "$rc" "policy naming it: the list no longer covers the policy (exit 1)"
like "$out" "seal-verify: new /lib/modules/$KVER/extra/unnamed.ko " "policy naming it: the file is new"
printf 'not a/name\n' >"$tmp/r/etc/seal/modules"
verify "$tmp/r"
is_rc 1 "$rc" "a bad policy: every unlisted file reported new (exit 1), never a silent pass"
like "$err" "/etc/seal/modules: Invalid argument: every module file not listed is reported new" "a bad policy: named, as a gap"
like "$out" "errors=1" "a bad policy: counted as a check that could not be made"
rm -r "$tmp/r/etc/seal" "$M/extra/unnamed.ko"

done_testing
