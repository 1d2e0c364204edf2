#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-verify --root DIR resolves every path as in a chroot: an absolute symlink or a ".." in DIR is DIR's, never the host's.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/verify.sh"
verify_setup

# $O exists on the host and, by the same name, inside the root ($tmp/r$O): an absolute link to $O/x
# is $tmp/r$O/x under --root, and the bytes read tell which of the two was opened.
O=$tmp/o
R=$tmp/r
fresh
M=$R/lib/modules/$KVER
dummy=kernel/drivers/net/dummy.ko
sys_dummy=/lib/modules/$KVER/$dummy
listed=$(grep " $sys_dummy\$" "$R/lib/modules/sha256sums" | cut -d' ' -f1)
mkdir -p "$O" "$R$O"

# A module that is an absolute symlink: the listed bytes inside the root, other bytes at that path on
# the host. dummy is loaded too: the disk check and the loaded-module check (libkmod) both read it.
mv "$M/$dummy" "$R$O/dummy.ko"
{ cat "$R$O/dummy.ko"; printf 'host'; } >"$O/dummy.ko"
ln -s "$O/dummy.ko" "$M/$dummy"
verify "$R"
is_rc 0 "$rc" "module an absolute symlink, the root's target as listed, the host's not: exit 0"
unlike "$out" ": changed " "module an absolute symlink: the host's file is not hashed for the disk check"
unlike "$out" ": loaded-unlisted " "module an absolute symlink: nor for the loaded-module check"

# The other way round: the host's bytes are the listed ones, the root's are not.
cp "$R$O/dummy.ko" "$O/dummy.ko"
printf 'x' >>"$R$O/dummy.ko"
inside=$(sha256sum <"$R$O/dummy.ko" | cut -d' ' -f1)
verify "$R"
is_rc 1 "$rc" "module an absolute symlink, the root's target changed, the host's as listed: exit 1"
is "seal-verify: changed $sys_dummy sha256=$inside listed=$listed" "$(printf '%s\n' "$out" | grep ': changed ')" \
	"module an absolute symlink: the root's target is the one hashed"
like "$out" "seal-verify: loaded-unlisted dummy path=$sys_dummy sha256=$inside source=modules.dep" \
	"loaded module an absolute symlink: libkmod's path hashed inside the root"

# ".." past the root stops at it: the same target, by a relative link that climbs out on the host.
rm "$M/$dummy"
ln -s "../../../../../../../../../../../../../../../../../../../..$O/dummy.ko" "$M/$dummy"
verify "$R"
is_rc 1 "$rc" "module a relative symlink climbing past the root: exit 1 (the root's changed target)"
like "$out" "seal-verify: changed $sys_dummy sha256=$inside " "a \"..\" escape stays inside the root"
fresh

# The list itself: a ".." escape to etc/passwd is the root's /etc/passwd (here, the real list).
mkdir -p "$R/etc"
mv "$R/lib/modules/sha256sums" "$R/etc/passwd"
ln -s "../../../../../../../../../../../../../../../../etc/passwd" "$R/lib/modules/sha256sums"
verify "$R"
is_rc 0 "$rc" "the list a \"..\" link to etc/passwd: the root's is read, exit 0"
is "" "$err" "the list a \"..\" link to etc/passwd: no bad line (the host's /etc/passwd is not read)"
rm "$R/lib/modules/sha256sums"

# A dangling link inside the root is dangling, even where the host has a good list at that path.
cp "$R/etc/passwd" "$O/sha256sums"
ln -s "$O/sha256sums" "$R/lib/modules/sha256sums"
verify "$R"
is_rc 1 "$rc" "the list an absolute link to what only the host has: exit 1 (the list the kernel read is gone)"
like "$out" "seal-verify: seal-sums-changed /lib/modules/sha256sums sealed=" \
	"the list an absolute link to what only the host has: not the list sealed"
like "$err" "seal-verify: $R/lib/modules/sha256sums: a dangling symlink to $O/sha256sums: module files and loaded modules not checked" \
	"the list an absolute link to what only the host has: dangling, named"
fresh

# Merged /usr: /lib a symlink to usr/lib, relative or absolute; the host has no /usr/lib/modules/$KVER.
mkdir -p "$R/usr"
mv "$R/lib" "$R/usr/lib"
for lib in usr/lib /usr/lib; do
	ln -sfn "$lib" "$R/lib"
	verify "$R"
	is_rc 0 "$rc" "/lib -> $lib: exit 0"
	like "$out" "seal-verify: summary findings=0 errors=0 files=5 loaded=2" "/lib -> $lib: 5 files and 2 loaded modules checked"
	is "" "$err" "/lib -> $lib: nothing on stderr"
done
fresh

# libkmod opens its index files by name: one that is a symlink would be read on the host, so none may
# be. The host's copy here is the same bytes: the refusal is of the link, whatever it leads to.
# modules.dep.bin is the one libkmod looks names up in (modules.dep is depmod's text form).
idx=modules.dep.bin
mkdir -p "$O"
cp "$M/$idx" "$O/$idx"
ln -sf "$O/$idx" "$M/$idx"
verify "$R"
is_rc 2 "$rc" "$idx an absolute symlink: exit 2 (loaded modules not checked)"
like "$err" "seal-verify: $R/lib/modules/$KVER/$idx: a symlink, which libkmod would follow outside $R: loaded modules not checked" \
	"$idx an absolute symlink: refused, named"
fresh

# A FIFO in a file's place (the list, the state, a module file, libkmod's index) would hang an open()
# or a read() for ever: each is refused as not a regular file, named, and the run ends (exit 2, or 1
# where a finding stands: a listed file missing, the sealed list gone).
# Each run is bounded by timeout: 124 is the hang.
fifo_case() {   # fifo_case PATH-IN-ROOT RC WHAT-NOT-CHECKED
	mkdir -p "$(dirname "$R$1")" && rm -f "$R$1" && mkfifo "$R$1" || { echo "Bail out! cannot make the FIFO $R$1"; exit 1; }
	run timeout 20 "$SEAL_VERIFY" --root "$R" --no-cache
	is_rc "$2" "$rc" "a FIFO as $1: exit $2, no hang"
	like "$err" "$R$1: not a regular file" "a FIFO as $1: named as not a regular file"
	like "$err" "$3" "a FIFO as $1: says what was not checked"
	fresh
}
fifo_case /var/lib/seal/verify.state 2 "every denial since the seal is reported as new"
fifo_case "/lib/modules/$KVER/modules.dep.bin" 2 "which libkmod would open and read: loaded modules not checked"
fifo_case "/lib/modules/$KVER/kernel/drivers/net/veth.ko" 1 ": not checked"
fifo_case /lib/modules/sha256sums 1 "module files and loaded modules not checked"

# /proc and /sys under --root are the root's too.
mkdir -p "$R$O"
echo "0.0.0-host" >"$O/osrelease"
echo "$KVER" >"$R$O/osrelease"
ln -sf "$O/osrelease" "$R/proc/sys/kernel/osrelease"
echo 0 >"$O/sealed"
echo 1 >"$R$O/sealed"
ln -sf "$O/sealed" "$R/sys/kernel/seal/sealed"
verify "$R" --json
is_rc 0 "$rc" "osrelease and sealed absolute symlinks: the root's targets, exit 0"
like "$out" "\"kernel\":\"$KVER\"" "osrelease an absolute symlink: the root's kernel release"
like "$out" "\"sealed\":\"1\"" "sealed an absolute symlink: the root's seal state"
fresh

# What seal-verify writes under --root (the digest cache, the state) is made inside the root too.
mkdir -p "$O/var" "$R$O/var"
ln -s "$O/var" "$R/var"
verify "$R"
is_rc 0 "$rc" "/var an absolute symlink: exit 0"
ok "$([ -f "$R$O/var/cache/seal/verify.cache" ] && [ -f "$R$O/var/lib/seal/verify.state" ]; echo $?)" \
	"/var an absolute symlink: the cache and the state are written inside the root" "$(find "$R$O/var")"
is "" "$(find "$O/var" -mindepth 1)" "/var an absolute symlink: nothing written on the host"

# --root / is the real system: the same run as no --root at all.
run "$SEAL_VERIFY" -k 0.0.0-none --no-cache --since-boot --state "$tmp/state"
plain="$rc|$out|$err"
run "$SEAL_VERIFY" --root / -k 0.0.0-none --no-cache --since-boot --state "$tmp/state"
is "$plain" "$rc|$out|$err" "--root /: the same output and exit status as no --root"

done_testing
