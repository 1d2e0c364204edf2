#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-mksums: output byte-identical to sha256sum/md5sum on Debian's module trees, -d, --append, atomic write.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/common.sh"
require_tools "$SEAL_MKSUMS"

D61=${SEAL_TEST_MODDIR_6_1:-}
D612=${SEAL_TEST_MODDIR_6_12:-}

# ---- whole trees against coreutils -------------------------------------------
if [ -n "$D61" ] && [ -d "$D61/kernel" ]; then
	(cd / && find "$D61" -name '*.ko*' | LC_ALL=C sort | xargs sha256sum) >"$tmp/ref.sha256"
	run "$SEAL_MKSUMS" -o "$tmp/61.sha256" "$D61"
	is_rc 0 "$rc" "6.1 tree: sha256 list written"
	ok "$(cmp -s "$tmp/ref.sha256" "$tmp/61.sha256"; echo $?)" \
		"6.1 tree: byte-identical to find | sort | xargs sha256sum" \
		"$(diff "$tmp/ref.sha256" "$tmp/61.sha256" | head -5; echo "expected $(wc -l <"$tmp/ref.sha256") lines, got $(wc -l <"$tmp/61.sha256" 2>/dev/null)")"
	is "" "$err" "6.1 tree: no progress on stderr when stderr is not a terminal"

	(cd / && find "$D61" -name '*.ko*' | LC_ALL=C sort | xargs md5sum) >"$tmp/ref.md5"
	run "$SEAL_MKSUMS" -a md5 -o "$tmp/61.md5" "$D61"
	is_rc 0 "$rc" "6.1 tree: md5 list written"
	ok "$(cmp -s "$tmp/ref.md5" "$tmp/61.md5"; echo $?)" \
		"6.1 tree: -a md5 byte-identical to find | sort | xargs md5sum" \
		"$(diff "$tmp/ref.md5" "$tmp/61.md5" | head -5)"
else
	skip "6.1 tree: byte-identical to sha256sum" "no Debian 6.1 module tree (SEAL_TEST_MODDIR_6_1 unset)"
	skip "6.1 tree: byte-identical to md5sum" "no Debian 6.1 module tree (SEAL_TEST_MODDIR_6_1 unset)"
fi

if [ -n "$D612" ] && [ -d "$D612/kernel" ]; then
	run "$SEAL_MKSUMS" -d -o "$tmp/612.sha256" "$D612"
	is_rc 0 "$rc" "6.12 tree: -d list written"
	(cd / && find "$D612" -name '*.ko*' | LC_ALL=C sort | xargs sha256sum) >"$tmp/ref612"
	grep -v '^#' "$tmp/612.sha256" | grep -E '\.ko\.(xz|zst|gz)$' >"$tmp/612.stored"
	grep -E '\.ko\.(xz|zst|gz)$' "$tmp/ref612" >"$tmp/ref612.stored"
	ok "$(cmp -s "$tmp/ref612.stored" "$tmp/612.stored"; echo $?)" \
		"6.12 tree: the .ko.xz lines equal sha256sum of the files as stored" \
		"$(diff "$tmp/ref612.stored" "$tmp/612.stored" | head -5)"
	is "$(grep -c '\.ko\.xz$' "$tmp/ref612")" "$(grep -c '^#image [0-9a-f]\{64\}  .*\.ko\.xz$' "$tmp/612.sha256")" \
		"6.12 tree: -d writes one '#image' line per .ko.xz, naming the file"
	# xz -dc on every module takes long: dummy.ko plus every 100th module.
	bad=""
	n=0
	for f in $(grep '\.ko\.xz$' "$tmp/ref612" | awk 'NR % 100 == 1 || /\/dummy\.ko\.xz$/ { print $2 }'); do
		want=$(xz -dc "$f" | sha256sum | cut -d' ' -f1)
		got=$(grep -F "  $f" "$tmp/612.sha256" | sed -n 's/^#image \([0-9a-f]*\)  .*/\1/p')
		[ "$want" = "$got" ] || bad="$bad
$f: expected $want (xz -dc | sha256sum), got '$got'"
		n=$((n + 1))
	done
	ok "$([ -z "$bad" ] && [ "$n" -gt 10 ]; echo $?)" \
		"6.12 tree: the '#image' line of $n sampled modules equals xz -dc | sha256sum" "$bad"
	is "$(grep '/net/dummy\.ko\.xz$' "$tmp/ref612")" \
		"$(grep -B1 '^#image .*/net/dummy\.ko\.xz$' "$tmp/612.sha256" | head -1)" \
		"6.12 tree: a file's '#image' line comes right after its own"
	run sh -c "cd / && sha256sum -c --quiet --strict '$tmp/612.sha256'"
	is_rc 0 "$rc" "6.12 tree: sha256sum -c --strict of the -d list passes (the '#image' lines are comments to it)"
else
	skip "6.12 tree: --decompressed" "no Debian 6.12 module tree (SEAL_TEST_MODDIR_6_12 unset)"
fi

# ---- a small tree of our own, for --append and the failures ------------------
src=${D61:-$D612}
if [ -z "$src" ]; then
	done_testing
fi
small="$tmp/mods/6.1.0-test"
mkdir -p "$small/kernel/net" "$small/extra" "$tmp/out"
for m in dummy nlmon ifb; do
	f=$(find "$src" -name "$m.ko*" | head -1)
	cp "$f" "$small/kernel/net/"
done
veth=$(find "$src" -name 'veth.ko*' | head -1)
cp "$veth" "$small/extra/"
ref_small() { (cd / && find "$@" -name '*.ko*' | LC_ALL=C sort | xargs sha256sum); }

run "$SEAL_MKSUMS" -o "$tmp/out/list" "$small/kernel"
is_rc 0 "$rc" "small tree: written"
is "$(ref_small "$small/kernel")" "$(cat "$tmp/out/list")" "small tree: equals sha256sum"
is "644" "$(stat -c %a "$tmp/out/list")" "new list is mode 0644"

run "$SEAL_MKSUMS" -o - "$small/kernel"
is "$(cat "$tmp/out/list")" "$out" "-o - writes the same list to stdout"

# One writer of a list at a time: a run started while another holds the list's directory (flock)
# waits for it, says so, and writes after it; --diff and -o - do not wait.
lk="$tmp/lockdir"
mkdir -p "$lk"
flock "$lk" sleep 2 &
sleep 0.5
t0=$(date +%s%N)
run "$SEAL_MKSUMS" -o "$lk/list" "$small/kernel"
waited=$((($(date +%s%N) - t0) / 1000000))
wait
is_rc 0 "$rc" "another writer holds the directory: written after it"
like "$err" "$lk: another seal-mksums is writing a list there: waiting for it" "another writer: says it waits"
ok "$([ "$waited" -ge 1000 ]; echo $?)" "another writer: it waited for the lock (${waited} ms)"
flock "$lk" sleep 2 &
sleep 0.5
run "$SEAL_MKSUMS" -o "$lk/list" --diff "$small/kernel"
unlike "$err" "waiting" "--diff does not wait for a writer"
wait

# A relative directory: the list names absolute paths.
run sh -c 'cd "$1" && "$2" -o - kernel/./net/' sh "$small" "$SEAL_MKSUMS"
is "$(ref_small "$small/kernel")" "$out" "relative DIR with ./ and trailing /: absolute, normalised paths"

# A symlinked list is replaced at its target; the link stays.
ln -s list "$tmp/out/link"
run "$SEAL_MKSUMS" -o "$tmp/out/link" "$small/kernel"
is_rc 0 "$rc" "-o a symlink: exit 0"
is "link -> list" "$(cd "$tmp/out" && find link -printf '%p -> %l')" "-o a symlink: the link is kept"
is "$(ref_small "$small/kernel")" "$(cat "$tmp/out/list")" "-o a symlink: the target holds the list"
rm "$tmp/out/link"

# --append: veth added, the rest not rehashed (a changed dummy keeps its old line).
cp "$tmp/out/list" "$tmp/list.before"
old_dummy=$(grep '/dummy\.ko' "$tmp/list.before")
printf 'x' >>"$small/kernel/net/$(basename "$(ls "$small"/kernel/net/dummy.ko*)")"
run "$SEAL_MKSUMS" -o "$tmp/out/list" --append "$small/extra/$(basename "$veth")"
is_rc 0 "$rc" "--append: exit 0"
is "$({ cat "$tmp/list.before"; sha256sum "$small/extra/$(basename "$veth")"; } | LC_ALL=C sort -k2)" \
	"$(cat "$tmp/out/list")" "--append: veth added in path order, the others untouched"
like "$(cat "$tmp/out/list")" "$old_dummy" "--append: an unnamed module is not rehashed"

# --append of an already listed path replaces its line.
run "$SEAL_MKSUMS" -o "$tmp/out/list" --append "$small"/kernel/net/dummy.ko*
is_rc 0 "$rc" "--append replace: exit 0"
is "$(sha256sum "$small"/kernel/net/dummy.ko*)" "$(grep '/dummy\.ko' "$tmp/out/list")" \
	"--append replace: the line of dummy now has its new digest"
is "4" "$(wc -l <"$tmp/out/list")" "--append replace: no duplicate line"

# --append keeps the list's algorithm; -a md5 against a sha256 list is an error.
run "$SEAL_MKSUMS" -a md5 -o "$tmp/out/list" --append "$small/extra/$(basename "$veth")"
is_rc 1 "$rc" "--append -a md5 to a sha256 list: exit 1"
like "$err" "$tmp/out/list: holds sha256 digests, not md5" "--append -a md5 to a sha256 list: says why"

# --append to a list with a bad line: FILE:LINE, list untouched.
printf '%s\n' "$(head -1 "$tmp/out/list")" "nothex  /x.ko" >"$tmp/out/bad"
cp "$tmp/out/bad" "$tmp/bad.before"
run "$SEAL_MKSUMS" -o "$tmp/out/bad" --append "$small/extra/$(basename "$veth")"
is_rc 1 "$rc" "--append to a bad list: exit 1"
like "$err" "$tmp/out/bad:2:" "--append to a bad list: names FILE:LINE"
ok "$(cmp -s "$tmp/bad.before" "$tmp/out/bad"; echo $?)" "--append to a bad list: list unchanged"
rm -f "$tmp/out/bad"

# A symlink named like a module is hashed through the link; directory symlinks are not followed.
ln -s "$small/extra/$(basename "$veth")" "$small/kernel/net/link-veth.ko"
ln -s "$small/extra" "$small/kernel/dirlink"
run "$SEAL_MKSUMS" -o - "$small/kernel"
is "$(ref_small "$small/kernel")" "$out" "symlink to a module: hashed as find | sha256sum does; dir symlink not followed"
rm "$small/kernel/net/link-veth.ko" "$small/kernel/dirlink"

# Usage errors: exit 2, nothing written.
run "$SEAL_MKSUMS" -k 6.1 -o "$tmp/out/u" "$small"
is_rc 2 "$rc" "-k with a DIR: usage error, exit 2"
run "$SEAL_MKSUMS" -a sha1 -o "$tmp/out/u" "$small"
is_rc 2 "$rc" "-a sha1: usage error, exit 2"
like "$err" "sha1" "-a sha1: names the value"
ok "$([ ! -e "$tmp/out/u" ]; echo $?)" "usage errors write nothing"
# -V and --version, the same in every tool (tools/tool.h).
version=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$top_builddir/config.h")
for t in "$SEAL_MKSUMS" "$SEAL_INSMOD" "$SEAL_VERIFY" "$SEAL_LOAD"; do
	for o in -V --version; do
		run "$t" $o
		is "${t##*/} $version" "$out" "${t##*/} $o prints the name and version"
		is_rc 0 "$rc" "${t##*/} $o: exit 0"
	done
done

# A module file of a tree that can't be listed is left off, named, and the rest written: exit 3.
run "$SEAL_MKSUMS" -o "$tmp/out/list" "$small/kernel"
cp "$tmp/out/list" "$tmp/list.before"
mkfifo "$small/kernel/net/fifo.ko"
run "$SEAL_MKSUMS" -o "$tmp/out/list" "$small/kernel"
is_rc 3 "$rc" "a FIFO named .ko: exit 3 (written without it)"
like "$err" "$small/kernel/net/fifo.ko: not a regular file; not listed" "a FIFO named .ko: message names it"
like "$err" "$tmp/out/list: written without the 1 file above" "a FIFO named .ko: says the list lacks it"
ok "$(cmp -s "$tmp/list.before" "$tmp/out/list"; echo $?)" "a FIFO named .ko: the list holds every other module"
is "list" "$(ls -A "$tmp/out")" "a FIFO named .ko: no temporary file left"
rm "$small/kernel/net/fifo.ko"
# A compressed module that does not decompress: neither of its lines, the rest written, exit 3.
{ printf '\3757zXZ\0'; seq 1 2000 | gzip -n -c; } >"$small/kernel/net/corrupt.ko.xz"
run "$SEAL_MKSUMS" -o "$tmp/out/list" "$small/kernel"
is_rc 3 "$rc" "a corrupt .ko.xz in a tree: exit 3 (written without it)"
like "$err" "$small/kernel/net/corrupt.ko.xz: its image: " "a corrupt .ko.xz in a tree: named"
ok "$(cmp -s "$tmp/list.before" "$tmp/out/list"; echo $?)" "a corrupt .ko.xz in a tree: neither of its lines, every other module" \
	"$(diff "$tmp/list.before" "$tmp/out/list")"
run "$SEAL_MKSUMS" --diff -o "$tmp/out/list" "$small/kernel"
is_rc 2 "$rc" "--diff with a corrupt .ko.xz in the tree: exit 2 (trouble), not 1"
like "$out" "0 added, 0 removed, 0 changed" "--diff with a corrupt .ko.xz in the tree: the diff is still shown"
like "$err" "$tmp/out/list: would be written without the 1 file above" "--diff with a corrupt .ko.xz: says what the list would lack"
# Atomic write: a failure while hashing (a file --append names) leaves the old list as it was.
run "$SEAL_MKSUMS" -o "$tmp/out/list" --append "$small/kernel/net/corrupt.ko.xz"
is_rc 1 "$rc" "--append of a corrupt .ko.xz: exit 1 (the file named is the point of the run)"
like "$err" "$small/kernel/net/corrupt.ko.xz: " "--append of a corrupt .ko.xz: named"
ok "$(cmp -s "$tmp/list.before" "$tmp/out/list"; echo $?)" "failure while hashing: old list unchanged"
is "list" "$(ls -A "$tmp/out")" "failure while hashing: no temporary file left"
rm "$small/kernel/net/corrupt.ko.xz"
# A directory of the tree that can't be read hides what it holds: exit 1, nothing written (--diff: 2).
if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null; then
	skip "unreadable directory in a tree" "root without setpriv(1): root reads every directory"
else
	mkdir -p "$tmp/ur/kernel/hidden" && cp "$small/kernel/net/dummy.ko" "$tmp/ur/kernel/" &&
		chmod 755 "$tmp" "$tmp/ur" "$tmp/ur/kernel" && chmod 0 "$tmp/ur/kernel/hidden" &&
		mkdir -p "$tmp/urout" && chmod 777 "$tmp/urout"
	run as_nobody "$SEAL_MKSUMS" -o "$tmp/urout/list" "$tmp/ur"
	is_rc 1 "$rc" "unreadable directory in a tree: exit 1"
	like "$err" "$tmp/ur/kernel/hidden: Permission denied" "unreadable directory in a tree: named"
	ok "$([ ! -e "$tmp/urout/list" ]; echo $?)" "unreadable directory in a tree: nothing written"
	run as_nobody "$SEAL_MKSUMS" --diff -o "$tmp/urout/list" "$tmp/ur"
	is_rc 2 "$rc" "--diff, unreadable directory in a tree: exit 2 (trouble)"
	chmod 755 "$tmp/ur/kernel/hidden"
fi

# Atomic write: a full disk while writing (a 4 KiB tmpfs) leaves the old list and no temp file.
if have_userns; then
	run in_ns 'mount -t tmpfs -o size=4k seal-test "$1" && printf "old\n" >"$1/sha256sums" &&
		"$2" -o "$1/sha256sums" "$3"; echo "rc=$?"; cat "$1/sha256sums"; ls -A "$1"' \
		"$tmp/out" "$SEAL_MKSUMS" "$src/kernel/drivers/net"
	like "$out" "rc=1" "full disk while writing: exit 1"
	like "$err" "left unchanged" "full disk while writing: says the list is left unchanged"
	is "rc=1
old
sha256sums" "$out" "full disk while writing: old list intact, temp file removed"

	# The defaults: -k KVER walks /lib/modules/KVER and writes /lib/modules/sha256sums (md5sums with -a md5).
	run in_ns 'mount -t tmpfs seal-test /lib/modules && mkdir /lib/modules/6.1.0-test &&
		cp -a "$1/." /lib/modules/6.1.0-test/ && "$2" --no-dpkg -k 6.1.0-test && "$2" --no-dpkg -k 6.1.0-test -a md5 &&
		cd / && find /lib/modules/6.1.0-test -name "*.ko*" | LC_ALL=C sort | xargs sha256sum |
		cmp - /lib/modules/sha256sums && echo sha256-same &&
		find /lib/modules/6.1.0-test -name "*.ko*" | LC_ALL=C sort | xargs md5sum |
		cmp - /lib/modules/md5sums && echo md5-same' "$small" "$SEAL_MKSUMS"
	is "sha256-same
md5-same" "$out" "-k KVER: /lib/modules/KVER to /lib/modules/sha256sums and, with -a md5, md5sums"
	# MD5 in md5x8's lanes (AVX2) or by OpenSSL alone (SEAL_NO_AVX2, as on a CPU without): an -a md5
	# list is all MD5, so the lanes compute every line; -v says which ran (so that a lanes path
	# silently off does not pass as the same). The lanes' SHA-256 beside dpkg's MD5: below.
	run in_ns 'mount -t tmpfs seal-test /lib/modules && mkdir /lib/modules/6.1.0-test &&
		cp -a "$1/." /lib/modules/6.1.0-test/ &&
		"$2" -v --no-dpkg -k 6.1.0-test -a md5 -o /lib/modules/md5.lanes 2>&1 | grep "MD5 " &&
		SEAL_NO_AVX2=1 "$2" -v --no-dpkg -k 6.1.0-test -a md5 -o /lib/modules/md5.openssl 2>&1 | grep "MD5 " &&
		cmp /lib/modules/md5.lanes /lib/modules/md5.openssl && echo md5-same' "$small" "$SEAL_MKSUMS"
	like "$out" "md5-same" "SEAL_NO_AVX2: the same md5 list as with the lanes"
	like "$out" "seal-mksums: MD5 by OpenSSL, a file at a time" "SEAL_NO_AVX2: -v says MD5 is computed by OpenSSL"
	if grep -qw avx2 /proc/cpuinfo; then
		like "$out" "seal-mksums: MD5 in AVX2 lanes, eight files at a time" \
			"a CPU with AVX2: -v says MD5 is computed in the lanes"
	else
		skip_ci_ok "a CPU with AVX2: -v says MD5 is computed in the lanes" "this CPU has no AVX2"
	fi
	# No tree at all: every installed kernel (KVER/kernel, or KVER/modules.order, with depmod's
	# modules.dep), not a leftover directory of a removed kernel (DKMS's; a split 7.x kernel's, whose
	# packages leave modules.order, modules.builtin, System.map and config), not a symlink, not a
	# kernel unpacked and not configured yet (KVER/kernel, no modules.dep: its postinst runs depmod).
	run in_ns 'mount -t tmpfs seal-test /lib/modules && mkdir /lib/modules/6.1.0-a /lib/modules/6.1.0-b \
		/lib/modules/6.1.0-c /lib/modules/6.1.0-gone /lib/modules/7.3.0-gone &&
		cp -a "$1/." /lib/modules/6.1.0-a/ && touch /lib/modules/6.1.0-a/modules.dep && cp -a "$1/." /lib/modules/6.1.0-b/ &&
		cp -a "$1/." /lib/modules/6.1.0-c/ &&
		rm -r /lib/modules/6.1.0-b/kernel && touch /lib/modules/6.1.0-b/modules.order /lib/modules/6.1.0-b/modules.dep &&
		mkdir -p /lib/modules/6.1.0-gone/updates && cp "$1/extra/veth.ko" /lib/modules/6.1.0-gone/updates/ &&
		mkdir -p /lib/modules/7.3.0-gone/updates && cp "$1/extra/veth.ko" /lib/modules/7.3.0-gone/updates/ &&
		touch /lib/modules/7.3.0-gone/modules.order /lib/modules/7.3.0-gone/modules.builtin \
			/lib/modules/7.3.0-gone/System.map /lib/modules/7.3.0-gone/config &&
		ln -s 6.1.0-a /lib/modules/6.1.0-link && "$2" --no-dpkg && cut -d" " -f3 /lib/modules/sha256sums' "$small" "$SEAL_MKSUMS"
	is_rc 0 "$rc" "no tree: exit 0"
	like "$err" "warning: /lib/modules/6.1.0-c: no modules.dep yet: a kernel unpacked but not configured; left out, its own postinst lists it" \
		"no tree: a kernel/ tree without modules.dep (unpacked, not configured) is left out, with a warning"
	is "$(cd "$small" && find . -name '*.ko*' | sed 's|^\.|/lib/modules/6.1.0-a|' | LC_ALL=C sort)
$(cd "$small" && find . -name '*.ko*' | grep -v '^\./kernel/' | sed 's|^\.|/lib/modules/6.1.0-b|' | LC_ALL=C sort)" \
		"$out" "no tree: the modules of every installed kernel, not a removed kernel's leftovers, not a link"
	# The package database as the anchor: a packaged file changed on disk is not listed (named with
	# its package), nor, in a walk of the installed kernels, an unpackaged file outside KVER/updates/;
	# the rest is written and the run exits 1.
	k=/lib/modules/6.1.0-d
	mkdir -p "$tmp/dpkg/info"
	md5() { md5sum <"$small/$1" | cut -d' ' -f1; }
	{ echo "$(md5 kernel/net/dummy.ko)  lib/modules/6.1.0-d/kernel/net/dummy.ko"
	  echo "$(md5 kernel/net/nlmon.ko)  usr/lib/modules/6.1.0-d/kernel/net/nlmon.ko"
	  echo "$(md5 kernel/net/ifb.ko)  lib/modules/6.1.0-d/kernel/net/ifb.ko"
	  echo "0123456789abcdef0123456789abcdef  usr/share/doc/linux-image-6.1.0-d/changelog.gz"; } \
		>"$tmp/dpkg/info/linux-image-6.1.0-d.md5sums"
	echo "not an md5sums line" >"$tmp/dpkg/info/broken.md5sums"
	dpkg_ns() {
		run in_ns 'mount -t tmpfs seal-test /lib/modules && mkdir -p '"$k"'/kernel/net '"$k"'/updates/dkms '"$k"'/extra &&
			touch '"$k"'/modules.dep &&
			cp "$1"/kernel/net/dummy.ko "$1"/kernel/net/nlmon.ko "$1"/kernel/net/ifb.ko '"$k"'/kernel/net/ &&
			cp "$1"/extra/veth.ko '"$k"'/updates/dkms/ && cp "$1"/extra/veth.ko '"$k"'/extra/local.ko &&
			printf x >>'"$k"'/kernel/net/ifb.ko && shift && "$@"; s=$?;
			cut -d" " -f3 /lib/modules/sha256sums 2>/dev/null | tr "\n" " "; exit $s' "$small" "$@"
	}
	dpkg_ns "$SEAL_MKSUMS" --dpkg-admindir "$tmp/dpkg"
	is_rc 3 "$rc" "dpkg: a changed packaged file and a misplaced unpackaged one: exit 3 (written without them)"
	like "$err" "$k/kernel/net/ifb.ko: not what package linux-image-6.1.0-d installed" "dpkg: the changed file is named with its package"
	like "$err" "$k/extra/local.ko: no package owns it, and it is not under /lib/modules/KVER/updates/" \
		"dpkg: an unpackaged file outside updates/ is named"
	like "$err" "$k/updates/dkms/veth.ko: unpackaged (no package owns it); listed" "dpkg: an unpackaged file in updates/ is reported and listed"
	is "$k/kernel/net/dummy.ko $k/kernel/net/nlmon.ko $k/updates/dkms/veth.ko " "$out" \
		"dpkg: the list holds the good packaged files (usr/lib/modules records too) and updates/, not the rest"
	# the SHA-256 lines the lanes wrote beside dpkg's MD5, each checked by sha256sum against its file
	dpkg_ns sh -c '"$0" --dpkg-admindir "$1" 2>/dev/null; cd / && sha256sum -c --quiet /lib/modules/sha256sums &&
		echo digests-ok' "$SEAL_MKSUMS" "$tmp/dpkg"
	like "$out" "digests-ok" "dpkg: every SHA-256 written beside the MD5 check is sha256sum's of its file"
	dpkg_ns env SEAL_NO_AVX2=1 "$SEAL_MKSUMS" --dpkg-admindir "$tmp/dpkg"
	is_rc 3 "$rc" "dpkg, SEAL_NO_AVX2 (OpenSSL's MD5 alone): exit 3"
	like "$err" "$k/kernel/net/ifb.ko: not what package linux-image-6.1.0-d installed" \
		"dpkg, SEAL_NO_AVX2: the changed file is named with its package"
	is "$k/kernel/net/dummy.ko $k/kernel/net/nlmon.ko $k/updates/dkms/veth.ko " "$out" \
		"dpkg, SEAL_NO_AVX2: the same list"
	dpkg_ns "$SEAL_MKSUMS" --dpkg-admindir "$tmp/dpkg" --unpackaged extra
	is "$k/extra/local.ko $k/kernel/net/dummy.ko $k/kernel/net/nlmon.ko " "$out" "dpkg: --unpackaged extra lists extra/, not updates/"
	dpkg_ns "$SEAL_MKSUMS" --dpkg-admindir "$tmp/dpkg" -o /lib/modules/sha256sums "$k"
	is_rc 3 "$rc" "dpkg: a named directory: the changed packaged file still refused (exit 3)"
	is "$k/extra/local.ko $k/kernel/net/dummy.ko $k/kernel/net/nlmon.ko $k/updates/dkms/veth.ko " "$out" \
		"dpkg: a named directory: its unpackaged files are listed"
	dpkg_ns "$SEAL_MKSUMS" --no-dpkg
	is_rc 0 "$rc" "--no-dpkg: exit 0"
	is "$k/extra/local.ko $k/kernel/net/dummy.ko $k/kernel/net/ifb.ko $k/kernel/net/nlmon.ko $k/updates/dkms/veth.ko " \
		"$out" "--no-dpkg: everything listed"
	dpkg_ns "$SEAL_MKSUMS" --dpkg-admindir "$tmp/no-such-dpkg"
	is_rc 1 "$rc" "--dpkg-admindir that does not exist: exit 1"
	like "$err" "$tmp/no-such-dpkg/info: cannot read the dpkg database" "--dpkg-admindir that does not exist: says so"
	# The package check reads only the md5sums files that can hold a record it needs: one read and
	# found without a module line is known from the cache while its inode is as it was, and read
	# again once dpkg writes it anew (a new file, renamed over the old).
	echo "0123456789abcdef0123456789abcdef  usr/share/doc/other/copyright" >"$tmp/dpkg/info/other.md5sums"
	sleep 2 # files changed in the 2 s before a run serve that run only
	run in_ns 'mount -t tmpfs seal-test /lib/modules && mkdir -p '"$k"'/kernel/net && touch '"$k"'/modules.dep &&
		cp "$1"/kernel/net/dummy.ko "$1"/kernel/net/nlmon.ko '"$k"'/kernel/net/ &&
		mk() { "$2" -v --dpkg-admindir "$3" -o /lib/modules/sha256sums 2>&1 | sed -n "s/^seal-mksums: dpkg records //p";
			cut -d" " -f3 /lib/modules/sha256sums | tr "\n" " "; echo; } &&
		mk "$@" && mk "$@" &&
		c=/var/cache/seal/mksums.cache && tag=$(printf seal-pkgdb-none1 | od -An -tx1 | tr -d " \n") &&
		sed "\|/info/other.md5sums|s/ md5=$tag/ md5=$(printf %032d 0)/; /^end /d" $c >$c.new &&
		echo "end $(sha256sum <$c.new | cut -d" " -f1)" >>$c.new && mv $c.new $c && chmod 600 $c &&
		mk "$@" &&
		cp "$3/info/other.md5sums" "$3/info/other.new" && mv "$3/info/other.new" "$3/info/other.md5sums" &&
		mk "$@"' "$small" "$SEAL_MKSUMS" "$tmp/dpkg"
	is "3 module files; 0 package files known from the cache to hold none, not read; 2 read and found to hold none
$k/kernel/net/dummy.ko $k/kernel/net/nlmon.ko 
3 module files; 2 package files known from the cache to hold none, not read; 0 read and found to hold none
$k/kernel/net/dummy.ko $k/kernel/net/nlmon.ko 
3 module files; 1 package files known from the cache to hold none, not read; 1 read and found to hold none
$k/kernel/net/dummy.ko $k/kernel/net/nlmon.ko 
3 module files; 1 package files known from the cache to hold none, not read; 1 read and found to hold none
$k/kernel/net/dummy.ko $k/kernel/net/nlmon.ko " "$out" \
		"dpkg: a package file without a module line is read once, then known from the cache (only under libseal's tag, not another digest) until it is rewritten; the same list"
	rm -f "$tmp/dpkg/info/other.md5sums"
	# A corrupt packaged .ko.xz (dpkg's record is its MD5: the package shipped it so, or the disk
	# broke it since) in one kernel's tree: the list is written for every installed kernel without
	# it, exit 3, so that the upgrade hook still lists the new kernel's modules.
	{ printf '\3757zXZ\0'; seq 1 2000 | gzip -n -c; } >"$tmp/corrupt.ko.xz"
	echo "$(md5sum <"$tmp/corrupt.ko.xz" | cut -d' ' -f1)  lib/modules/6.1.0-new/kernel/net/corrupt.ko.xz" \
		>"$tmp/dpkg/info/linux-image-6.1.0-new.md5sums"
	run in_ns 'mount -t tmpfs seal-test /lib/modules && mkdir -p /lib/modules/6.1.0-new/kernel/net &&
		touch /lib/modules/6.1.0-new/modules.dep &&
		cp "$1"/kernel/net/dummy.ko "$2" /lib/modules/6.1.0-new/kernel/net/ &&
		"$3" --dpkg-admindir "$4" --unpackaged kernel; s=$?; cut -d" " -f3 /lib/modules/sha256sums | tr "\n" " "; exit $s' \
		"$small" "$tmp/corrupt.ko.xz" "$SEAL_MKSUMS" "$tmp/dpkg"
	is_rc 3 "$rc" "a corrupt packaged .ko.xz: exit 3 (the list written without it)"
	like "$err" "/lib/modules/6.1.0-new/kernel/net/corrupt.ko.xz: its image: " "a corrupt packaged .ko.xz: named"
	is "/lib/modules/6.1.0-new/kernel/net/dummy.ko " "$out" "a corrupt packaged .ko.xz: every other module of the kernel listed"
	rm "$tmp/dpkg/info/linux-image-6.1.0-new.md5sums"
	# a tree outside /lib/modules: dpkg can record none of its files, so its database is not read at all
	mkdir -p "$tmp/copy" && cp -r "$small/." "$tmp/copy/"
	run "$SEAL_MKSUMS" -v --dpkg-admindir "$tmp/no-such-dpkg" -o "$tmp/copy.list" "$tmp/copy"
	is_rc 0 "$rc" "a tree outside /lib/modules: exit 0 without reading dpkg's database"
	like "$err" "none can be in dpkg's records" "a tree outside /lib/modules: -v says why dpkg is not read"
	is "$(find "$tmp/copy" -name '*.ko' | wc -l)" "$(wc -l <"$tmp/copy.list")" "a tree outside /lib/modules: every file listed"
else
	skip "full disk while writing" "no user namespaces (unshare -rm) to mount a small tmpfs"
	skip "-k KVER defaults" "no user namespaces (unshare -rm) to mount a tmpfs on /lib/modules"
fi

# Progress only when stderr is a terminal.
if command -v script >/dev/null 2>&1; then
	run script -qec "\"$SEAL_MKSUMS\" -o \"$tmp/out/tty\" \"$small\"" /dev/null
	like "$out" "hashed 4 of 4" "stderr a terminal: progress shown"
else
	skip "progress on a terminal" "script(1) not installed"
fi

# ---- --diff: what writing would change, nothing written ------------------------
mkdir -p "$tmp/dt/kernel"
cp "$small/kernel/net/dummy.ko" "$small/kernel/net/nlmon.ko" "$small/kernel/net/ifb.ko" "$tmp/dt/kernel/"
run "$SEAL_MKSUMS" --no-dpkg -o "$tmp/dt.list" "$tmp/dt"
is_rc 0 "$rc" "--diff setup: list written"
run "$SEAL_MKSUMS" --no-dpkg --diff -o "$tmp/dt.list" "$tmp/dt"
is_rc 0 "$rc" "--diff, nothing changed: exit 0"
is "$tmp/dt.list: 0 added, 0 removed, 0 changed (nothing written)" "$out" "--diff, nothing changed: says so"
cp "$tmp/dt.list" "$tmp/dt.before"
rm "$tmp/dt/kernel/ifb.ko"
cp "$small/extra/veth.ko" "$tmp/dt/kernel/veth.ko"
printf x >>"$tmp/dt/kernel/nlmon.ko"
run "$SEAL_MKSUMS" --no-dpkg --diff -o "$tmp/dt.list" "$tmp/dt"
is_rc 1 "$rc" "--diff, changes: exit 1"
is "- $tmp/dt/kernel/ifb.ko sha256=$(sha256sum <"$small/kernel/net/ifb.ko" | cut -d' ' -f1)
~ $tmp/dt/kernel/nlmon.ko sha256=$(sha256sum <"$tmp/dt/kernel/nlmon.ko" | cut -d' ' -f1) was=$(sha256sum <"$small/kernel/net/nlmon.ko" | cut -d' ' -f1)
+ $tmp/dt/kernel/veth.ko sha256=$(sha256sum <"$small/extra/veth.ko" | cut -d' ' -f1)
$tmp/dt.list: 1 added, 1 removed, 1 changed (nothing written)" "$out" "--diff: added, removed and changed entries, by path"
ok "$(cmp -s "$tmp/dt.list" "$tmp/dt.before"; echo $?)" "--diff: the list is left as it was"
run "$SEAL_MKSUMS" --no-dpkg --diff -o "$tmp/no-such.list" "$tmp/dt"
is_rc 1 "$rc" "--diff against a list that does not exist yet: every entry added"
like "$out" "3 added, 0 removed, 0 changed" "--diff against no list: counts"
run "$SEAL_MKSUMS" --no-dpkg --diff -o "$tmp/dt.list" "$tmp/no-such-tree"
is_rc 2 "$rc" "--diff of a tree that does not exist: exit 2 (trouble), not 1 (would change)"
like "$err" "$tmp/no-such-tree: No such file or directory" "--diff of a tree that does not exist: named"
printf 'nothex  /x.ko\n' >"$tmp/dt.bad"
run "$SEAL_MKSUMS" --no-dpkg --diff -o "$tmp/dt.bad" "$tmp/dt"
is_rc 2 "$rc" "--diff against a bad list: exit 2"
like "$err" "$tmp/dt.bad:1:" "--diff against a bad list: names FILE:LINE"
run "$SEAL_MKSUMS" --loaded -k 6.1 
is_rc 2 "$rc" "--loaded with -k: usage error"

done_testing
