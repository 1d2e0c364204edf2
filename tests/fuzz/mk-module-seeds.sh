#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Regenerates the tiny module seeds in tests/fuzz/corpus/fuzz-module/ (gcc, objcopy, xz, zstd, gzip).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dst="$top/tests/fuzz/corpus/fuzz-module"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$dst"

# A relocatable object with the two sections seal_module_check_buf looks for; nothing else.
cat >"$tmp/mod.c" <<'C'
__attribute__((section(".modinfo"), used, aligned(1)))
static const char modinfo[] = "license=GPL\0name=fuzzmod\0vermagic=6.1.0-56-amd64 SMP preempt mod_unload modversions ";
__attribute__((section(".gnu.linkonce.this_module"), used))
static char this_module[64];
int init_module(void);
int init_module(void) { return 0; }
C
gcc -c -Os -fno-asynchronous-unwind-tables -fno-ident -o "$tmp/mod.o" "$tmp/mod.c"
strip --strip-debug -R .note.GNU-stack -o "$dst/module.ko" "$tmp/mod.o"

# The same with one section missing, and with .modinfo lacking vermagic=.
objcopy -R .gnu.linkonce.this_module "$dst/module.ko" "$dst/no-this-module.ko"
objcopy -R .modinfo "$dst/module.ko" "$dst/no-modinfo.ko"
printf 'name=novermagic\0' >"$tmp/mi"
objcopy --update-section .modinfo="$tmp/mi" "$dst/module.ko" "$dst/no-vermagic.ko"

# Header damage: ELFCLASS32, big-endian, ET_EXEC, a foreign machine, truncations.
cp "$dst/module.ko" "$dst/class32.ko"; printf '\001' | dd of="$dst/class32.ko" bs=1 seek=4 conv=notrunc status=none
cp "$dst/module.ko" "$dst/exec.ko";    printf '\002' | dd of="$dst/exec.ko" bs=1 seek=16 conv=notrunc status=none
cp "$dst/module.ko" "$dst/aarch64.ko"; printf '\267' | dd of="$dst/aarch64.ko" bs=1 seek=18 conv=notrunc status=none
head -c 40 "$dst/module.ko" >"$dst/truncated-header.ko"
head -c $(( $(stat -c %s "$dst/module.ko") - 64 )) "$dst/module.ko" >"$dst/truncated-shdrs.ko"

# Compressed copies as the kernel's Makefile.modinst makes them.
xz --check=crc32 --lzma2=dict=1MiB -c "$dst/module.ko" >"$dst/module.ko.xz"
zstd -q -T0 --ultra -22 -c "$dst/module.ko" >"$dst/module.ko.zst"
gzip -n -9 -c "$dst/module.ko" >"$dst/module.ko.gz"
head -c 100 "$dst/module.ko.xz" >"$dst/truncated.ko.xz"
printf '\375\067\172\130\132\000garbage' >"$dst/bad.ko.xz"
printf '\050\265\057\375garbage' >"$dst/bad.ko.zst"
printf '\037\213garbage' >"$dst/bad.ko.gz"
ls -l "$dst"
