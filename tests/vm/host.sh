# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck disable=SC2034 # the variables set here are read by the scripts that source this file
# Host side of the QEMU bench: builds seal.ko, the userland and a busybox initramfs per kernel, boots guests.
#
# Sourced by tests/vm/run, scripts/demo and bench/run. Nothing here touches the running
# kernel: seal.ko and every module only ever run inside `qemu-system-x86_64 -accel tcg` guests.
#
#   vm_setup                      sets vm_top, vm_work (default <top>/.cache/vm, or $SEAL_VM_WORK)
#   vm_qemu_usable                0 if QEMU with TCG runs here; else prints why on stderr
#   vm_build_user                 configure+make out of tree, make install DESTDIR=$vm_work/stage
#   vm_build_sysload              gcc -static tests/vm/sysload.c -> $vm_work/sysload
#   vm_prepare_kernel SERIES      sets vm_kver, vm_kimage, vm_initrd; builds seal.ko and the initramfs,
#                                 and takes the kernel out of its bzImage for a PVH boot (vm_extract_vmlinux)
#   vm_qemu_backport              sets VM_QEMU, VM_QEMU_ARGS: bookworm-backports' QEMU, which runs SHA-NI
#   vm_cpio DIR                   DIR as the guest's initramfs format (newc, root-owned) on stdout
#   vm_boot KVER TEST LOG [SECS]  one guest running /tests/TEST.sh; console to LOG; prints PASS|FAIL|SKIP
#                                 ($VM_APPEND is added to the kernel command line; $VM_QEMU is the
#                                 emulator, qemu-system-x86_64 by default, the array VM_QEMU_ARGS its
#                                 options, one element per argument; VM_BZIMAGE=1 boots the bzImage
#                                 through its decompressor instead of the vmlinux inside it)
#
# Every step logs to $vm_work/logs/ and says which log to read when it fails.

# shellcheck source=../lib/kernels.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/kernels.sh"
# shellcheck source=../lib/autoreconf.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/autoreconf.sh"

# Modules from the image package that go into every initramfs (as stored: .ko on 6.1, .ko.xz on 6.12).
VM_MODULES="drivers/net/dummy drivers/net/nlmon drivers/net/veth drivers/net/ifb arch/x86/kernel/msr
fs/pstore/ramoops lib/reed_solomon/reed_solomon fs/overlayfs/overlay drivers/cpufreq/acpi-cpufreq
drivers/cpufreq/pcc-cpufreq"
VM_DEFAULT_TIMEOUT=240

vm_setup() {
	vm_top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
	vm_work=${SEAL_VM_WORK:-$vm_top/.cache/vm}
	mkdir -p "$vm_work/logs" || return 1
	# builds for Debian 13 and 14 kernels run in a chroot of that release (kernels.sh): it sees vm_work
	vm_work=$(cd "$vm_work" && pwd)
	export SEAL_RUN_BIND="${SEAL_RUN_BIND:+$SEAL_RUN_BIND }$vm_work"
}

vm_qemu_usable() {
	local out
	local q=${VM_QEMU:-qemu-system-x86_64}
	if ! command -v "$q" >/dev/null 2>&1; then
		echo "$q is not installed (Debian package qemu-system-x86; scripts/install-deps)" >&2
		return 1
	fi
	out=$("$q" -accel help 2>&1) || {
		echo "$q -accel help failed: $out" >&2; return 1; }
	case "$out" in
	*tcg*) return 0 ;;
	*) echo "$q has no TCG accelerator (got: $out)" >&2; return 1 ;;
	esac
}

# vm_qemu_backport: QEMU from bookworm-backports (10.0 in December 2026), unpacked in the cache and
# never installed, for bench/run --sha-ni: its TCG runs the SHA-NI instructions (Debian 12's QEMU
# 7.2 refuses +sha-ni), so a guest kernel's crypto API offers sha256-ni. Sets VM_QEMU and the
# array VM_QEMU_ARGS (its own firmware, and a CPU with what sha256-ni and its fallbacks need).
# The unpack is named by the versions of all its packages, so any update makes a new one.
vm_qemu_backport() {
	local vers dir missing pkgs="qemu-system-x86 qemu-system-common qemu-system-data seabios"
	# shellcheck disable=SC2086 # pkgs is a list of package names
	vers=$(seal_apt bookworm-backports apt-cache show --no-all-versions $pkgs 2>/dev/null |
		sed -n 's/^Version: //p')
	[ "$(echo "$vers" | grep -c .)" = 4 ] ||
		{ echo "vm: bookworm-backports lacks one of $pkgs (versions found: ${vers:-none})" >&2; return 1; }
	# QEMU's version, and a digest of all four for the unpack's name
	dir="$SEAL_CACHE/debroot/qemu-system-x86_$(echo "$vers" | head -1 | tr ':~' '__')_$(echo "$vers" |
		sha256sum | cut -c1-12)"
	# shellcheck disable=SC2086
	seal_deb_root bookworm-backports "$dir" $pkgs || return 1
	missing=$(ldd "$dir/usr/bin/qemu-system-x86_64" | awk '/not found/ { printf " %s", $1 }')
	[ -z "$missing" ] ||
		{ echo "vm: $dir/usr/bin/qemu-system-x86_64 needs libraries this host lacks:$missing" >&2; return 1; }
	VM_QEMU=$dir/usr/bin/qemu-system-x86_64
	VM_QEMU_ARGS=(-L "$dir/usr/share/qemu" -L "$dir/usr/share/seabios"
		-cpu "qemu64,+ssse3,+sse4.1,+sse4.2,+sha-ni")
	# its own modules first; ui-opengl is in qemu-system-gui, not unpacked, so it still tries the
	# host QEMU's and refuses it: one harmless "Only modules from the same build" line per boot
	export QEMU_MODULE_DIR=$dir/usr/lib/x86_64-linux-gnu/qemu
}

# The userland, built like a user would: configure + make out of tree, then a staged install.
vm_build_user() {
	local build="$vm_work/build-user" stage="$vm_work/stage" log="$vm_work/logs/build-user.log"
	: >"$log"
	# another engineer may be editing Makefile.am right now: go on, make regenerates it again
	seal_autoreconf "$vm_top" >>"$log" 2>&1 ||
		echo "vm: WARNING: autoreconf failed (going on with the last configure); see $log" >&2
	mkdir -p "$build" || return 1
	if [ ! -f "$build/Makefile" ]; then
		(cd "$build" && "$vm_top/configure" --with-kernel-build=no --prefix=/usr \
			--sysconfdir=/etc -q) >>"$log" 2>&1 || {
			echo "vm: configure failed; see $log" >&2; return 1; }
	fi
	rm -rf "$stage"
	if make -C "$build" -j2 >>"$log" 2>&1 &&
	   make -C "$build" install DESTDIR="$stage" prefix=/usr >>"$log" 2>&1; then
		return 0
	fi
	# Part of the tree may not build yet: stage what did, so the guest tests that don't need the
	# missing parts still run, and the ones that do fail with "not found" in their own message.
	echo "vm: WARNING: the userland did not fully build; see $log" >&2
	make -C "$build" -k -j2 >>"$log" 2>&1
	mkdir -p "$stage/usr/lib" "$stage/usr/sbin"
	cp -P "$build"/libseal/.libs/libseal.so* "$stage/usr/lib/" 2>/dev/null
	local t
	for t in seal-mksums seal-insmod seal-verify; do
		if [ -x "$build/tools/.libs/$t" ]; then cp "$build/tools/.libs/$t" "$stage/usr/sbin/"
		elif [ -x "$build/tools/$t" ]; then cp "$build/tools/$t" "$stage/usr/sbin/"
		else echo "vm: WARNING: $t did not build: guest tests that use it will fail" >&2
		fi
	done
	return 1
}

vm_build_sysload() {
	local log="$vm_work/logs/sysload.log"
	gcc -static -O2 -Wall -Wextra -Wmissing-prototypes -Wformat=2 -Wshadow -Wno-unused-parameter \
		${CI:+-Werror} -o "$vm_work/sysload" "$vm_top/tests/vm/sysload.c" >"$log" 2>&1 || {
		echo "vm: sysload did not build; see $log" >&2; cat "$log" >&2; return 1; }
	vm_build_attackers
}

# The attack tests' programs: tests/vm/attack-NAME.c -> $vm_work/attack/attack-NAME (static), and
# attack-NAME-so.c -> $vm_work/attack/attack-NAME.so (a shared library for LD_PRELOAD).
vm_build_attackers() {
	local log="$vm_work/logs/attackers.log" c name cflags
	cflags="-O2 -Wall -Wextra -Wmissing-prototypes -Wformat=2 -Wshadow -Wno-unused-parameter ${CI:+-Werror}"
	rm -rf "$vm_work/attack" && mkdir -p "$vm_work/attack" && : >"$log" || return 1
	for c in "$vm_top"/tests/vm/attack-*.c; do
		[ -f "$c" ] || continue
		name=$(basename "$c" .c)
		case "$name" in
		*-so) gcc -shared -fPIC $cflags -o "$vm_work/attack/${name%-so}.so" "$c" >>"$log" 2>&1 ;;
		*) gcc -static $cflags -o "$vm_work/attack/$name" "$c" >>"$log" 2>&1 ;;
		esac || echo "vm: WARNING: $name did not build (the attack tests that use it will fail); see $log" >&2
	done
}

# Builds tests/vm/attack-livepatch (a livepatch over seal's hooks) for KVER; guests only.
vm_build_attack_livepatch() {
	local src="$vm_work/$1/src/attack-livepatch" log="$vm_work/logs/attack-livepatch-$1.log"
	mkdir -p "$src" && cp -p "$vm_top"/tests/vm/attack-livepatch/{Kbuild,Makefile,attack_livepatch.c} "$src/" || return 1
	rm -f "$src/attack_livepatch.ko"
	if ! seal_kernel_run "$1" make -C "$src" KDIR="$2" >"$log" 2>&1 || [ ! -f "$src/attack_livepatch.ko" ]; then
		echo "vm: WARNING: attack_livepatch.ko did not build for $1 (attack-livepatch-* will fail); see $log" >&2
		return 1
	fi
}

# Builds seal.ko for KVER in a copy of kmod/, include/ and libseal's freestanding cores (libseal/*_core.c)
# under $vm_work/KVER/src, keeping their relative layout (kmod/sums_core.c includes ../libseal/sums_core.c). Copies keep
# timestamps, so Kbuild only recompiles what changed.
vm_build_kmod() {
	local kver=$1 kbuild=$2 src="$vm_work/$1/src" log="$vm_work/logs/kmod-$1.log"
	mkdir -p "$src/kmod" "$src/include" "$src/libseal" || return 1
	rm -f "$src/kmod/seal.ko"
	cp -p "$vm_top"/kmod/Kbuild "$vm_top"/kmod/Makefile "$vm_top"/kmod/gen-*.sh "$src/kmod/" &&
	cp -p "$vm_top"/kmod/*.[ch] "$vm_top"/kmod/*.lds "$src/kmod/" || return 1
	# generated from the kernel's headers by Kbuild, never copied from another build
	rm -f "$src/kmod/seal_reasons.h"
	cp -pr "$vm_top/include/." "$src/include/" &&
	cp -p "$vm_top"/libseal/*_core.c "$src/libseal/" || return 1
	# seal_features.h and seal_reasons.h are made from the kernel's headers by Kbuild, never copied
	rm -f "$src/kmod/seal_features.h"
	if ! seal_kernel_run "$kver" make -C "$src/kmod" KDIR="$kbuild" >"$log" 2>&1 || [ ! -f "$src/kmod/seal.ko" ]; then
		echo "vm: WARNING: seal.ko did not build for $kver (guest tests that load it will fail); see $log" >&2
		tail -n 15 "$log" >&2
		return 1
	fi
}

# Builds tests/vm/kmod-hide (the self-hiding module of the seal-verify tests) for KVER; guests only.
vm_build_kmod_hide() {
	local kver=$1 kbuild=$2 src="$vm_work/$1/src/kmod-hide" log="$vm_work/logs/kmod-hide-$1.log"
	mkdir -p "$src" && cp -p "$vm_top"/tests/vm/kmod-hide/{Kbuild,Makefile,kmod_hide.c} "$src/" || return 1
	rm -f "$src/kmod_hide.ko"
	if ! seal_kernel_run "$kver" make -C "$src" KDIR="$kbuild" >"$log" 2>&1 || [ ! -f "$src/kmod_hide.ko" ]; then
		echo "vm: WARNING: kmod_hide.ko did not build for $kver (t-verify-hidden-* will fail); see $log" >&2
		return 1
	fi
}

# Copies a binary and the shared libraries ldd lists for it (with the dynamic loader) into ROOT.
vm_copy_with_libs() {
	local bin=$1 dest=$2 root=$3 lib
	cp "$bin" "$root$dest" || return 1
	for lib in $(LD_LIBRARY_PATH="$vm_work/stage/usr/lib" ldd "$bin" 2>/dev/null |
		     sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p'); do
		case "$lib" in "$vm_work/stage"/*) continue ;; esac     # libseal: staged under /usr/lib
		[ -e "$root$lib" ] && continue
		mkdir -p "$root$(dirname "$lib")" && cp -L "$lib" "$root$lib" || return 1
	done
}

vm_build_initramfs() {
	local kver=$1 kdir=$2 root="$vm_work/$1/root" out="$vm_work/$1/initramfs.cpio" m f rel a
	rm -rf "$root"
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,usr/lib,lib64,etc,proc,sys,dev,tmp,seal,tests} \
		"$root/lib/modules/$kver" || return 1
	chmod 1777 "$root/tmp"
	cp /bin/busybox "$root/bin/busybox" || { echo "vm: no /bin/busybox (busybox-static)" >&2; return 1; }
	for a in $(/bin/busybox --list); do
		[ "$a" = busybox ] || ln -s busybox "$root/bin/$a"
	done
	# the seal tools, as installed, with their libraries
	cp -P "$vm_work"/stage/usr/lib/libseal.so* "$root/usr/lib/" 2>/dev/null
	for f in "$vm_work"/stage/usr/sbin/seal-*; do
		[ -x "$f" ] && { vm_copy_with_libs "$f" "/sbin/$(basename "$f")" "$root" || return 1; }
	done
	cp "$vm_work/sysload" "$root/bin/sysload" || return 1
	[ -f "$vm_work/$kver/src/kmod/seal.ko" ] && cp "$vm_work/$kver/src/kmod/seal.ko" "$root/seal/"
	[ -f "$vm_work/$kver/src/kmod-hide/kmod_hide.ko" ] &&
		cp "$vm_work/$kver/src/kmod-hide/kmod_hide.ko" "$root/seal/"
	[ -f "$vm_work/$kver/src/attack-livepatch/attack_livepatch.ko" ] &&
		cp "$vm_work/$kver/src/attack-livepatch/attack_livepatch.ko" "$root/seal/"
	for f in "$vm_work"/attack/attack-*; do
		[ -f "$f" ] || continue
		case "$f" in *.so) cp "$f" "$root/usr/lib/" ;; *) cp "$f" "$root/bin/" ;; esac || return 1
	done
	# seal.ko also where DKMS installs it, so depmod lists it and libkmod (seal-verify) resolves it.
	[ -f "$vm_work/$kver/src/kmod/seal.ko" ] && mkdir -p "$root/lib/modules/$kver/updates" &&
		cp "$vm_work/$kver/src/kmod/seal.ko" "$root/lib/modules/$kver/updates/"
	# real modules, where the package puts them
	for m in $VM_MODULES; do
		f=$(ls "$kdir/lib/modules/$kver/kernel/$m".ko* 2>/dev/null | head -1)
		[ -n "$f" ] || { echo "vm: $kdir/lib/modules/$kver/kernel/$m.ko*: not in the image package" >&2; return 1; }
		rel=${f#"$kdir"}
		mkdir -p "$root$(dirname "$rel")" && cp "$f" "$root$rel" || return 1
	done
	for f in modules.order modules.builtin modules.builtin.modinfo; do
		[ -f "$kdir/lib/modules/$kver/$f" ] && cp "$kdir/lib/modules/$kver/$f" "$root/lib/modules/$kver/"
	done
	command -v depmod >/dev/null && depmod -b "$root" "$kver" 2>/dev/null
	cp "$vm_top/tests/vm/init" "$root/init" && chmod 755 "$root/init" || return 1
	cp "$vm_top"/tests/vm/*.sh "$root/tests/" || return 1
	[ "$(id -u)" = 0 ] && mknod -m 600 "$root/dev/console" c 5 1
	vm_cpio "$root" >"$out.tmp" && mv "$out.tmp" "$out"
}

# vm_cpio DIR: DIR as a newc archive owned by root, on stdout. Not compressed: the guest's kernel
# inflating 10 MB took a sixth of a minimal boot under TCG. Archives may be appended to it.
vm_cpio() {
	(cd "$1" && find . | cpio -o -H newc -R 0:0 --quiet)
}

# vm_le32 FILE OFFSET: the little-endian 32-bit word at OFFSET.
vm_le32() {
	od -A n -t u4 --endian=little -j "$2" -N 4 "$1" | tr -d ' '
}

# vm_extract_vmlinux BZIMAGE OUT: writes OUT, the kernel that BZIMAGE's decompressor would unpack
# (the same bytes, found by the boot header's payload_offset and payload_length), when it has a
# PVH entry point (XEN_ELFNOTE_PHYS32_ENTRY, CONFIG_PVH: every Debian amd64 kernel). QEMU starts
# such an ELF kernel at that entry directly: no real-mode setup, no decompression, which took
# about a second of every emulated boot. The kernel then runs at its link address (KASLR chooses
# the address in the decompressor); the full systems (tests/system) boot the bzImage as GRUB does.
# Returns 1, OUT removed, when the image cannot be taken apart; the guest then boots the bzImage.
vm_extract_vmlinux() {
	local bz=$1 out=$2 sects pm off len magic
	rm -f "$out" "$out.tmp"
	[ "$(od -A n -t x1 -j 514 -N 4 "$bz" | tr -d ' ')" = 48647253 ] || return 1      # "HdrS"
	sects=$(od -A n -t u1 -j 497 -N 1 "$bz" | tr -d ' ')
	[ "$sects" = 0 ] && sects=4
	pm=$(( (sects + 1) * 512 ))
	off=$(vm_le32 "$bz" 584) len=$(vm_le32 "$bz" 588)
	[ -n "$off" ] && [ -n "$len" ] && [ "$len" -gt 4 ] || return 1
	magic=$(od -A n -t x1 -j $((pm + off)) -N 6 "$bz" | tr -d ' ')
	# the kernel's build appends the image's size (4 bytes) to every format but gzip
	case "$magic" in
	28b52ffd*) tail -c +$((pm + off + 1)) "$bz" | head -c $((len - 4)) | zstd -dcq ;;
	fd377a585a00) tail -c +$((pm + off + 1)) "$bz" | head -c $((len - 4)) | xz -dcq ;;
	1f8b*) tail -c +$((pm + off + 1)) "$bz" | head -c "$len" | gzip -dcq ;;
	*) false ;;
	esac >"$out.tmp" 2>/dev/null &&
	[ "$(od -A n -t x1 -N 4 "$out.tmp" | tr -d ' ')" = 7f454c46 ] &&
	LC_ALL=C readelf -n "$out.tmp" 2>/dev/null | grep -q '^ *Xen .*(0x00000012)' &&
	mv "$out.tmp" "$out" || { rm -f "$out.tmp"; return 1; }
}

# vm_prepare_kernel SERIES (tests/lib/kernels.sh: 6.1, 6.12, 6.12+deb13, 7.3, 7.2): on success sets
# vm_kver, vm_kimage, vm_initrd.
vm_prepare_kernel() {
	local series=$1 kdir kbuild
	vm_kver=$(seal_kernel_pick "$series") || { echo "vm: no $series kernel found in apt" >&2; return 1; }
	kdir=$(seal_kernel_fetch "$vm_kver") || { echo "vm: could not fetch linux-image-$vm_kver" >&2; return 1; }
	kbuild=$(seal_kernel_headers "$vm_kver") || { echo "vm: no headers for $vm_kver" >&2; return 1; }
	vm_kimage="$kdir/boot/vmlinuz-$vm_kver"
	vm_initrd="$vm_work/$vm_kver/initramfs.cpio"
	mkdir -p "$vm_work/$vm_kver" && ln -sfn "$vm_kimage" "$vm_work/$vm_kver/vmlinuz" || return 1
	rm -f "$vm_work/$vm_kver/initramfs.gz"         # before 2026-12-07
	if [ ! -s "$vm_work/$vm_kver/vmlinux" ] || [ "$vm_kimage" -nt "$vm_work/$vm_kver/vmlinux" ]; then
		vm_extract_vmlinux "$vm_kimage" "$vm_work/$vm_kver/vmlinux" ||
			echo "vm: $vm_kimage has no PVH kernel to take out: its guests boot the bzImage" >&2
	fi
	vm_build_kmod "$vm_kver" "$kbuild"
	vm_build_kmod_hide "$vm_kver" "$kbuild"
	vm_build_attack_livepatch "$vm_kver" "$kbuild"
	vm_build_initramfs "$vm_kver" "$kdir" || { echo "vm: initramfs for $vm_kver did not build" >&2; return 1; }
}

# vm_lock: one user of $vm_work at a time (another engineer's run would rebuild the same initramfs).
vm_lock() {
	exec 9>"$vm_work/.lock"
	if ! flock -n 9; then
		echo "vm: waiting for another run using $vm_work (set SEAL_VM_WORK to use another dir)" >&2
		flock 9
	fi
}

# The timeout a script asks for with a "# vm-timeout: SECONDS" line, else the default.
vm_test_timeout() {
	local t
	t=$(sed -n 's/^# vm-timeout: *\([0-9][0-9]*\).*/\1/p' "$vm_top/tests/vm/$1.sh" 2>/dev/null | head -1)
	echo "${t:-$VM_DEFAULT_TIMEOUT}"
}

# The CPUs a script asks for with a "# vm-smp: N" line (races need two), else 1.
vm_test_smp() {
	local n
	n=$(sed -n 's/^# vm-smp: *\([0-9][0-9]*\).*/\1/p' "$vm_top/tests/vm/$1.sh" 2>/dev/null | head -1)
	echo "${n:-1}"
}

# The kernel command line a script adds with a "# vm-append: ARGS" line (e.g. an lsm= list), else none.
vm_test_append() {
	sed -n 's/^# vm-append: *//p' "$vm_top/tests/vm/$1.sh" 2>/dev/null | head -1
}

# vm_boot KVER TEST LOG [SECONDS]: boots one guest and prints its result: PASS, FAIL or SKIP.
# The result is FAIL until the guest prints its SEAL-RESULT line, so a panic, a hang (timeout) or
# a guest that dies early all read as FAIL.
vm_boot() {
	local kver=$1 test=$2 log=$3 secs=${4:-$VM_DEFAULT_TIMEOUT} res append kernel try
	append=$(vm_test_append "$test")
	kernel=$vm_work/$kver/vmlinux
	[ -s "$kernel" ] && [ -z "${VM_BZIMAGE:-}" ] || kernel=$vm_work/$kver/vmlinuz
	rm -f "$log.boot1"
	for try in 1 2; do
		timeout -k 10 "$secs" "${VM_QEMU:-qemu-system-x86_64}" "${VM_QEMU_ARGS[@]}" -accel tcg -m 512 \
			-smp "$(vm_test_smp "$test")" -nographic -no-reboot \
			-net none -kernel "$kernel" \
			-initrd "$vm_work/$kver/initramfs.cpio" \
			-append "console=ttyS0 panic=-1 quiet sealvm.test=$test${append:+ $append}${VM_APPEND:+ $VM_APPEND}" </dev/null 2>&1 |
			tr -d '\r' | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1bc//g' >"$log"
		case "${PIPESTATUS[0]}" in
		124 | 137) echo "sealvm: the guest did not power off within $secs s (hang, or a panic loop)" >>"$log" ;;
		esac
		# The kernel died before /init ran the test (nothing of seal is loaded by then): the
		# emulator's, once seen on two CPUs (an int3 left by the boot's own text patching under
		# TCG). Booted once more, said loudly, the first console kept. Anything after /init
		# started counts as it is.
		[ "$try" = 1 ] && ! grep -q "^sealvm: running $test " "$log" &&
			grep -qE "Oops:|Kernel panic|BUG:" "$log" || break
		mv "$log" "$log.boot1"
		echo "vm: WARNING: $test [$kver]: the kernel died before /init ran (no seal code loaded yet): booting once more; the first console: $log.boot1" >&2
	done
	[ -e "$log.boot1" ] && echo "sealvm: boot 1 died before /init ran; this is boot 2 (boot 1: $log.boot1)" >>"$log"
	res=$(sed -n "s/^SEAL-RESULT $test \(PASS\|FAIL\|SKIP\)\$/\1/p" "$log" | tail -1)
	echo "${res:-FAIL}"
}
