# SPDX-License-Identifier: GPL-2.0-or-later
# Debian kernels for the tests: pick, download and unpack a kernel image package and install
# its matching headers. Source this file; nothing here touches the running kernel.
#
#   seal_kernel_pick 6.1|6.12   -> prints a version string, e.g. 6.1.0-56-amd64
#   seal_kernel_fetch KVER      -> prints the unpacked image dir (boot/vmlinuz-KVER, lib/modules/KVER)
#   seal_kernel_headers KVER    -> prints the kernel build dir for KVER (headers unpacked in the cache)
#
# The cache lives in $SEAL_CACHE (default: <top>/.cache), which git ignores.
# Set SEAL_KVER_6_1 / SEAL_KVER_6_12 to pin versions.

: "${SEAL_CACHE:=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/../.." && pwd)/.cache}"

seal__apt_known() {
	apt-cache show "$1" >/dev/null 2>&1
}

seal__apt_update_once() {
	[ -n "${seal__apt_updated:-}" ] && return 0
	seal__apt_updated=1
	apt-get update -q >/dev/null 2>&1 || { echo "kernels.sh: apt-get update failed" >&2; return 1; }
}

seal_kernel_pick() {
	local series=$1 var pin pattern v
	var="SEAL_KVER_$(echo "$series" | tr . _)"
	pin=${!var:-}
	if [ -n "$pin" ]; then echo "$pin"; return 0; fi
	case "$series" in
	6.1) pattern='^linux-image-6\.1\.0-[0-9]+-amd64$' ;;
	6.12) pattern='^linux-image-6\.12\.[0-9]+\+deb12-amd64$' ;;
	*) echo "kernels.sh: unknown series '$series' (want 6.1 or 6.12)" >&2; return 2 ;;
	esac
	seal__apt_known linux-image-amd64 || seal__apt_update_once || return 1
	for v in $(apt-cache pkgnames linux-image- 2>/dev/null | grep -E "$pattern" |
		   sed 's/^linux-image-//' | sort -rV); do
		if seal__apt_known "linux-headers-$v"; then echo "$v"; return 0; fi
	done
	echo "kernels.sh: no Debian kernel of series $series with matching headers in apt" >&2
	return 1
}

# seal__deb_unpack PKG DIR: Debian's package PKG downloaded into $SEAL_CACHE/debs and unpacked
# (dpkg -x) into DIR; never installed.
seal__deb_unpack() {
	local pkg=$1 dir=$2 debs="$SEAL_CACHE/debs" deb
	mkdir -p "$debs" "$dir" || return 1
	seal__apt_known "$pkg" || seal__apt_update_once || return 1
	( cd "$debs" && apt-get download -q "$pkg" >/dev/null 2>&1 ) || {
		echo "kernels.sh: apt-get download $pkg failed" >&2; return 1; }
	deb=$(ls -t "$debs/${pkg}_"*.deb 2>/dev/null | head -1)
	dpkg -x "$deb" "$dir" || { echo "kernels.sh: dpkg -x $deb failed" >&2; return 1; }
}

seal_kernel_fetch() {
	local kver=$1 dir="$SEAL_CACHE/kernels/$1"
	if [ -f "$dir/.unpacked" ]; then echo "$dir"; return 0; fi
	seal__deb_unpack "linux-image-$kver" "$dir" || return 1
	[ -f "$dir/boot/vmlinuz-$kver" ] || { echo "kernels.sh: no boot/vmlinuz-$kver in the package" >&2; return 1; }
	touch "$dir/.unpacked"
	echo "$dir"
}

# The headers are never installed on the host: Debian's 6.12 headers depend on the kernel image
# package, whose install would put a kernel and an initramfs in /boot. The headers, their -common
# package and linux-kbuild are unpacked with dpkg -x under $SEAL_CACHE/headers/KVER instead, where
# their relative links (scripts -> ../../lib/linux-kbuild-*/scripts) resolve, and the one absolute
# include in the build dir's Makefile is pointed there.
seal_kernel_headers() {
	local kver=$1 root="$SEAL_CACHE/headers/$1" build pkgs p
	build="$root/usr/src/linux-headers-$kver"
	if [ -f "$root/.unpacked" ]; then echo "$build"; return 0; fi
	seal__apt_known "linux-headers-$kver" || seal__apt_update_once || return 1
	pkgs="linux-headers-$kver $(apt-cache depends "linux-headers-$kver" 2>/dev/null |
		sed -n 's/^ *|\{0,1\}Depends: \(linux-headers-.*-common\|linux-kbuild-.*\)$/\1/p' | sort -u)"
	case "$pkgs" in
	*-common*linux-kbuild-* | *linux-kbuild-*-common*) ;;
	*) echo "kernels.sh: linux-headers-$kver: cannot find its -common and linux-kbuild packages (got: $pkgs)" >&2
	   return 1 ;;
	esac
	rm -rf "$root" && mkdir -p "$root" || return 1
	for p in $pkgs; do
		seal__deb_unpack "$p" "$root" || return 1
	done
	[ -f "$build/Makefile" ] || { echo "kernels.sh: no $build/Makefile in the headers package" >&2; return 1; }
	sed -i "s|^include /usr/src/|include $root/usr/src/|" "$build/Makefile" || return 1
	touch "$root/.unpacked"
	echo "$build"
}

# seal_deb_program PKG PROGRAM: a program of a Debian package, unpacked (dpkg -x) under
# $SEAL_CACHE/debroot/PKG and never installed on the host (prometheus's promtool: installing the
# package would start a Prometheus server here). Prints the program's path.
seal_deb_program() {
	local pkg=$1 prog=$2 dir="$SEAL_CACHE/debroot/$1"
	if [ ! -f "$dir/.unpacked" ]; then
		seal__deb_unpack "$pkg" "$dir" && touch "$dir/.unpacked" || return 1
	fi
	[ -x "$dir/usr/bin/$prog" ] || { echo "kernels.sh: no usr/bin/$prog in $pkg" >&2; return 1; }
	echo "$dir/usr/bin/$prog"
}
