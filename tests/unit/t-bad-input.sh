#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bad input to seal-mksums and seal-insmod: each case names the path (and line), exits non-zero, writes nothing.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/common.sh"
require_tools "$SEAL_MKSUMS" "$SEAL_INSMOD"

src=${SEAL_TEST_MODDIR_6_1:-}
[ -n "$src" ] && [ -f "$src/kernel/drivers/net/dummy.ko" ] ||
	skip_all "no Debian 6.1 module tree (SEAL_TEST_MODDIR_6_1 unset): no real module to check"

# $tmp is 0700: open it so that the unprivileged runs below can reach their files.
chmod 755 "$tmp"
tree="$tmp/tree"
odir="$tmp/out"
mkdir -p "$tree/kernel" "$odir"
cp "$src/kernel/drivers/net/dummy.ko" "$tree/kernel/"
mod="$tree/kernel/dummy.ko"
sha256sum "$mod" >"$tmp/list"

# nothing_written NAME: the output directory must still be empty (no list, no temporary file).
nothing_written() {
	is "" "$(ls -A "$odir")" "$1: nothing written"
}

# written_without NAME FILE: a bad module file met in a tree is left off and the rest written
# (exit 3, seal-mksums(8)): the list is the one good module, and nothing else is in the directory.
written_without() {
	is "list" "$(ls -A "$odir")" "$1: the list written, no temporary file"
	is "$(sha256sum "$mod" | cut -d' ' -f1)  $mod" "$(cat "$odir/list" 2>/dev/null)" "$1: the list is the good module only"
	unlike "$(cat "$odir/list" 2>/dev/null)" "$2" "$1: $2 not listed"
	rm -f "$odir/list"
}

# ---- missing files ----------------------------------------------------------------
run "$SEAL_MKSUMS" -o "$odir/list" "$tmp/nonexistent"
is_rc 1 "$rc" "mksums, missing DIR: exit 1"
like "$err" "$tmp/nonexistent: No such file or directory" "mksums, missing DIR: names it"
nothing_written "mksums, missing DIR"

cp "$tmp/list" "$odir/list"
run "$SEAL_MKSUMS" -o "$odir/list" --append "$tmp/nonexistent.ko"
is_rc 1 "$rc" "mksums --append, missing FILE.ko: exit 1"
like "$err" "$tmp/nonexistent.ko: No such file or directory" "mksums --append, missing FILE.ko: names it"
ok "$(cmp -s "$tmp/list" "$odir/list"; echo $?)" "mksums --append, missing FILE.ko: list unchanged"
rm -f "$odir/list"

run "$SEAL_MKSUMS" -o "$odir/list" --append "$mod"
is_rc 1 "$rc" "mksums --append, missing list: exit 1"
like "$err" "$odir/list: No such file or directory" "mksums --append, missing list: names it"
nothing_written "mksums --append, missing list"

run "$SEAL_INSMOD" --dry-run --sums "$tmp/list" "$tmp/nonexistent.ko"
is_rc 1 "$rc" "insmod, missing module: exit 1"
like "$err" "$tmp/nonexistent.ko" "insmod, missing module: names it"
run "$SEAL_INSMOD" --dry-run --sums "$tmp/nonexistent.list" "$mod"
is_rc 1 "$rc" "insmod, missing --sums list: exit 1"
like "$err" "$tmp/nonexistent.list: cannot read the allow-list: No such file or directory" \
	"insmod, missing --sums list: names it"

# ---- a directory where a file is expected ----------------------------------------------
run "$SEAL_MKSUMS" -o "$odir/list" "$mod"
is_rc 1 "$rc" "mksums, a file as DIR: exit 1"
like "$err" "$mod: not a directory" "mksums, a file as DIR: names it"
nothing_written "mksums, a file as DIR"

mkdir "$tree/kernel/dir.ko"
cp "$tmp/list" "$odir/list"
run "$SEAL_MKSUMS" -o "$odir/list" --append "$tree/kernel/dir.ko"
is_rc 1 "$rc" "mksums --append, a directory as FILE.ko: exit 1"
like "$err" "$tree/kernel/dir.ko: is a directory" "mksums --append, a directory as FILE.ko: names it"
ok "$(cmp -s "$tmp/list" "$odir/list"; echo $?)" "mksums --append, a directory as FILE.ko: list unchanged"
rm -f "$odir/list"

mkdir "$odir/list.d"
run "$SEAL_MKSUMS" -o "$odir/list.d" "$tree"
is_rc 1 "$rc" "mksums, a directory as -o FILE: exit 1"
like "$err" "$odir/list.d: not a regular file" "mksums, a directory as -o FILE: names it"
is "list.d" "$(ls -A "$odir")" "mksums, a directory as -o FILE: nothing written"
rmdir "$odir/list.d"

run "$SEAL_INSMOD" --dry-run --sums "$tmp/list" "$tree/kernel/dir.ko"
is_rc 1 "$rc" "insmod, a directory as module: exit 1"
like "$err" "$tree/kernel/dir.ko" "insmod, a directory as module: names it"
run "$SEAL_INSMOD" --dry-run --sums "$tree" "$mod"
is_rc 1 "$rc" "insmod, a directory as --sums: exit 1"
like "$err" "$tree: cannot read the allow-list" "insmod, a directory as --sums: names it"
rmdir "$tree/kernel/dir.ko"

# ---- empty list, list of only comments ---------------------------------------------------
: >"$tmp/empty"
printf '# seal allow-list\n\n# nothing yet\n' >"$tmp/comments"
for l in empty comments; do
	run "$SEAL_INSMOD" --dry-run --sums "$tmp/$l" "$mod"
	is_rc 1 "$rc" "insmod, $l list: exit 1"
	like "$err" "$tmp/$l: the allow-list has no entries" "insmod, $l list: names it"
	cp "$tmp/$l" "$odir/list"
	run "$SEAL_MKSUMS" -o "$odir/list" --append "$mod"
	is_rc 1 "$rc" "mksums --append to $l list: exit 1"
	like "$err" "$odir/list: the list has no entries" "mksums --append to $l list: names it"
	ok "$(cmp -s "$tmp/$l" "$odir/list"; echo $?)" "mksums --append to $l list: list unchanged"
	rm -f "$odir/list"
done

# A bad line: FILE:LINE for every bad line, and the whole list refused.
{ cat "$tmp/list"; echo "# comment"; echo "12345  /short.ko"; echo "$(head -c 64 /dev/zero | tr '\0' 'g')  /g.ko"; } >"$tmp/bad"
run "$SEAL_INSMOD" --dry-run --sums "$tmp/bad" "$mod"
is_rc 1 "$rc" "insmod, list with bad lines: exit 1 even for a listed module"
like "$err" "$tmp/bad:3:" "insmod, list with bad lines: names line 3"
like "$err" "$tmp/bad:4:" "insmod, list with bad lines: names line 4"

# A tree with no module in it.
mkdir "$tmp/nomods"
run "$SEAL_MKSUMS" -o "$odir/list" "$tmp/nomods"
is_rc 1 "$rc" "mksums, tree without modules: exit 1"
like "$err" "$tmp/nomods: no modules found" "mksums, tree without modules: names it"
nothing_written "mksums, tree without modules"

# ---- symlink loops in the module tree -------------------------------------------------------
ln -s loop2.ko "$tree/kernel/loop1.ko"
ln -s loop1.ko "$tree/kernel/loop2.ko"
run "$SEAL_MKSUMS" -o "$odir/list" "$tree"
is_rc 3 "$rc" "mksums, symlink loop a.ko -> b.ko -> a.ko: exit 3"
like "$err" "$tree/kernel/loop1.ko: symlink loop" "mksums, symlink loop: names the link"
like "$err" "loop1.ko: symlink loop (Too many levels of symbolic links); not listed" "mksums, symlink loop: says it is not listed"
written_without "mksums, symlink loop" "loop1.ko"
run "$SEAL_INSMOD" --dry-run --sums "$tmp/list" "$tree/kernel/loop1.ko"
is_rc 1 "$rc" "insmod, module path is a symlink loop: exit 1"
like "$err" "$tree/kernel/loop1.ko" "insmod, module path is a symlink loop: names it"
rm "$tree/kernel/loop1.ko" "$tree/kernel/loop2.ko"

mkdir "$tree/kernel/sub"
ln -s ../.. "$tree/kernel/sub/up"
run "$SEAL_MKSUMS" -o "$odir/list" "$tree"
is_rc 1 "$rc" "mksums, directory symlink back up the tree: exit 1"
like "$err" "$tree/kernel/sub/up: symlink loop" "mksums, directory symlink back up the tree: names it"
nothing_written "mksums, directory symlink back up the tree"
rm "$tree/kernel/sub/up"

ln -s "$tmp/gone.ko" "$tree/kernel/dangling.ko"
run "$SEAL_MKSUMS" -o "$odir/list" "$tree"
is_rc 3 "$rc" "mksums, dangling symlink named .ko: exit 3"
like "$err" "$tree/kernel/dangling.ko" "mksums, dangling symlink named .ko: names it"
written_without "mksums, dangling symlink named .ko" "dangling.ko"
rm "$tree/kernel/dangling.ko"

# ---- unreadable files: as nobody, since root reads anything ------------------------------------
if [ "$(id -u)" != 0 ]; then
	skip "unreadable files" "not root: cannot switch to nobody with setpriv (run make check as root for these)"
elif ! as_nobody true 2>/dev/null; then
	skip "unreadable files" "setpriv --reuid=65534 does not work here"
else
	chown 65534 "$odir"
	chmod 755 "$tree" "$tree/kernel" "$tree/kernel/sub"
	chmod 644 "$mod" "$tmp/list"
	chmod 000 "$mod"
	run as_nobody "$SEAL_MKSUMS" -o "$odir/list" "$tree"
	is_rc 1 "$rc" "mksums as nobody, unreadable module: exit 1"
	like "$err" "$mod: Permission denied" "mksums as nobody, unreadable module: names it"
	nothing_written "mksums as nobody, unreadable module"
	run as_nobody "$SEAL_INSMOD" --dry-run --sums "$tmp/list" "$mod"
	is_rc 1 "$rc" "insmod as nobody, unreadable module: exit 1"
	like "$err" "$mod" "insmod as nobody, unreadable module: names it"
	like "$err" "Permission denied" "insmod as nobody, unreadable module: says why"
	chmod 644 "$mod"

	chmod 000 "$tree/kernel/sub"
	run as_nobody "$SEAL_MKSUMS" -o "$odir/list" "$tree"
	is_rc 1 "$rc" "mksums as nobody, unreadable directory: exit 1"
	like "$err" "$tree/kernel/sub: Permission denied" "mksums as nobody, unreadable directory: names it"
	nothing_written "mksums as nobody, unreadable directory"
	chmod 755 "$tree/kernel/sub"

	chmod 000 "$tmp/list"
	run as_nobody "$SEAL_INSMOD" --dry-run --sums "$tmp/list" "$mod"
	is_rc 1 "$rc" "insmod as nobody, unreadable list: exit 1"
	like "$err" "$tmp/list: cannot read the allow-list: Permission denied" \
		"insmod as nobody, unreadable list: names it"
	cp "$tmp/list" "$odir/list"
	chmod 000 "$odir/list"
	run as_nobody "$SEAL_MKSUMS" -o "$odir/list" --append "$mod"
	is_rc 1 "$rc" "mksums --append as nobody, unreadable list: exit 1"
	like "$err" "$odir/list: Permission denied" "mksums --append as nobody, unreadable list: names it"
	is "list" "$(ls -A "$odir")" "mksums --append as nobody, unreadable list: nothing written"
	chmod 644 "$tmp/list"
	rm -f "$odir/list"

	# The list's directory not writable: the old list stays, no temp file.
	chown 0 "$odir"
	cp "$tmp/list" "$odir/list"
	run as_nobody "$SEAL_MKSUMS" -o "$odir/list" "$tree"
	is_rc 1 "$rc" "mksums as nobody, output directory not writable: exit 1"
	like "$err" "$odir/list: cannot write the list (Permission denied); left unchanged" \
		"mksums as nobody, output directory not writable: names it"
	ok "$(cmp -s "$tmp/list" "$odir/list"; echo $?)" "mksums as nobody, output directory not writable: list unchanged"
fi

# ---- hostile names in messages ---------------------------------------------------
# A path with a newline and a terminal escape: the message stays one line, the bytes escaped.
rm -f "$odir"/*
hostile="$tmp/x"$'\n'"seal-mksums: all good"$'\e'"[2J"
run "$SEAL_MKSUMS" -o "$odir/list" "$hostile"
is_rc 1 "$rc" "mksums, hostile missing DIR: exit 1"
is 1 "$(printf '%s\n' "$err" | wc -l)" "mksums, hostile missing DIR: one line on stderr"
like "$err" "$tmp/x\\x0aseal-mksums: all good\\x1b[2J: No such file or directory" "mksums, hostile missing DIR: named, escaped"
run "$SEAL_INSMOD" --dry-run --sums "$tmp/list" "$hostile.ko"
is_rc 1 "$rc" "insmod, hostile missing FILE.ko: exit 1"
is 0 "$(printf '%s' "$err" | grep -c $'\e')" "insmod, hostile missing FILE.ko: no raw escape byte"
like "$err" "x\\x0aseal-mksums: all good\\x1b[2J.ko" "insmod, hostile missing FILE.ko: named, escaped"
nothing_written "hostile names"
done_testing
