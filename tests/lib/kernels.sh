# SPDX-License-Identifier: GPL-2.0-or-later
# Debian's kernels for the tests, on every release a Debian user runs: pick one, download and
# unpack its image and headers, and build against it, on the host or in a chroot of its release.
# Source this file (bash); nothing here touches the running kernel or the host's apt setup.
#
#   seal_kernel_series                 the series the tests know, one per line (see the table below)
#   seal_kernel_pick SERIES            -> a kernel release, e.g. 7.3.4+deb13-amd64
#   seal_kernel_fetch KVER             -> the unpacked image dir: boot/vmlinuz-KVER, lib/modules/KVER
#   seal_kernel_headers KVER           -> the kernel build dir for KVER (headers unpacked in the cache)
#   seal_kernel_release KVER           -> bookworm, trixie or forky: the release that ships KVER
#   seal_kernel_run KVER CMD...        runs CMD where KVER's kbuild runs: on the host for Debian 12's
#                                      kernels, else in a chroot of its release (seal_release_run)
#   seal_release_root RELEASE          -> a minimal build system of RELEASE (mmdebstrap, cached)
#   seal_release_run RELEASE CMD...    runs CMD in it, with the cache and the checkout at their paths
#   seal_release_mirrors RELEASE       the apt lines of RELEASE, one per line (for mmdebstrap)
#   seal_apt RELEASE apt-get|apt-cache ARGS...   apt on a view of RELEASE's archive of its own
#   seal_deb_unpack RELEASE PKG DIR    Debian's PKG downloaded into the cache and unpacked (dpkg -x)
#   seal_deb_root RELEASE DIR PKG...   PKGs unpacked once into DIR (under a lock), never installed
#   seal_deb_program PKG PROGRAM       a Debian 12 program unpacked in the cache, never installed
#
# The cache is $SEAL_CACHE: by default /var/cache/seal-tests for root, else
# ${XDG_CACHE_HOME:-~/.cache}/seal-tests, shared by every clone on the machine. It holds only what
# Debian publishes and what mmdebstrap makes of it, each under a key that names it exactly:
#   apt/RELEASE/          an apt view (sources, lists, no state): refreshed when older than 12 hours
#   debs/                 downloaded packages, NAME_VERSION_ARCH.deb, checked against the view's
#                         SHA256 before each use (a stale or damaged file is downloaded again)
#   kernels/KVER/ headers/KVER/   unpacked packages; a version string names one build of Debian's
#   roots/RELEASE-HASH.tar, roots/RELEASE-HASH/   build systems, HASH of the mmdebstrap recipe;
#                         made again when the recipe changes or the tarball is a week old
#   debroot/PKG/          programs unpacked, never installed: seal_deb_program's PKG, and
#                         bench/run --sha-ni's QEMU as debroot/qemu-system-x86_VERSION/ (its
#                         common, data and seabios packages unpacked beside it)
# Nothing built from this project goes there: builds, images with seal installed and logs stay in
# the clone's own .cache/. SEAL_CACHE=DIR moves the cache; SEAL_KVER_<SERIES> pins a version
# (SEAL_KVER_7_3=7.3.4+deb13-amd64); SEAL_DEBIAN_MIRROR sets the mirror (deb.debian.org).

seal__kernels_top=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/../.." && pwd)
if [ -z "${SEAL_CACHE:-}" ]; then
	if [ "$(id -u)" = 0 ]; then SEAL_CACHE=/var/cache/seal-tests
	else SEAL_CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/seal-tests; fi
fi
export SEAL_CACHE
: "${SEAL_DEBIAN_MIRROR:=http://deb.debian.org/debian}"
: "${SEAL_DEBIAN_SECURITY:=http://deb.debian.org/debian-security}"
export SEAL_DEBIAN_MIRROR SEAL_DEBIAN_SECURITY

# The series: name, release, the apt suites that ship it, the image package pattern, and how kbuild
# runs (host: Debian 12's kbuild runs on this Debian 12 host; chroot: it needs its release's glibc
# and gcc-14 or gcc-16).
seal__series_table='
6.1         bookworm  ^linux-image-6\.1\.0-[0-9]+-amd64$                host
6.12        bookworm  ^linux-image-6\.12\.[0-9]+\+deb12-amd64$          host
6.12+deb13  trixie    ^linux-image-6\.12\.[0-9]+\+deb13-amd64$          chroot
7.3         trixie    ^linux-image-7\.3\.[0-9]+\+deb13-amd64$           chroot
7.2         forky     ^linux-image-7\.2\.[0-9]+\+deb14-amd64$           chroot
'

seal_kernel_series() {
	echo "$seal__series_table" | awk 'NF { print $1 }'
}

seal__series_field() {
	echo "$seal__series_table" | awk -v s="$1" -v f="$2" '$1 == s { print $f }'
}

seal_kernel_release() {
	case "$1" in
	*+deb14-*) echo forky ;;
	*+deb13-*) echo trixie ;;
	*+deb12-* | 6.1.0-*) echo bookworm ;;
	*) echo "kernels.sh: $1: no known Debian release ships it" >&2; return 1 ;;
	esac
}

seal_release_mirrors() {
	case "$1" in
	bookworm)
		echo "deb $SEAL_DEBIAN_MIRROR bookworm main"
		echo "deb $SEAL_DEBIAN_MIRROR bookworm-updates main"
		echo "deb $SEAL_DEBIAN_SECURITY bookworm-security main" ;;
	trixie)
		echo "deb $SEAL_DEBIAN_MIRROR trixie main"
		echo "deb $SEAL_DEBIAN_MIRROR trixie-updates main"
		echo "deb $SEAL_DEBIAN_SECURITY trixie-security main"
		echo "deb $SEAL_DEBIAN_MIRROR trixie-backports main" ;;
	forky)
		echo "deb $SEAL_DEBIAN_MIRROR forky main" ;;
	# the backports suite alone: apt's candidate is then the backport (bench/run --sha-ni's QEMU)
	bookworm-backports)
		echo "deb $SEAL_DEBIAN_MIRROR bookworm-backports main" ;;
	*) echo "kernels.sh: unknown release '$1'" >&2; return 1 ;;
	esac
}

# seal__locked NAME CMD...: CMD under the cache's lock NAME (other clones use the same cache).
seal__locked() {
	local name=$1
	shift
	mkdir -p "$SEAL_CACHE/locks" || return 1
	flock "$SEAL_CACHE/locks/$name" "$@"
}

# An apt view of RELEASE: its own sources, lists and archive dirs, the host's state untouched.
# forky's Release file can be expired on the mirror: Check-Valid-Until is off there.
seal__apt_view() {
	local rel=$1 v="$SEAL_CACHE/apt/$1"
	if [ ! -f "$v/apt.conf" ]; then
		mkdir -p "$v/lists/partial" "$v/cache/archives/partial" || return 1
		seal_release_mirrors "$rel" | sed 's|^deb |deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] |' \
			>"$v/sources.list" || return 1
		cat >"$v/apt.conf.tmp" <<-EOF
		Dir::Etc::SourceList "$v/sources.list";
		Dir::Etc::SourceParts "/dev/null";
		Dir::Etc::Preferences "/dev/null";
		Dir::Etc::PreferencesParts "/dev/null";
		Dir::State::Lists "$v/lists";
		Dir::State::status "/dev/null";
		Dir::Cache "$v/cache";
		APT::Architecture "amd64";
		Acquire::Languages "none";
		Acquire::Check-Valid-Until "false";
		EOF
		mv "$v/apt.conf.tmp" "$v/apt.conf" || return 1
	fi
	if [ ! -f "$v/updated" ] || [ -n "$(find "$v/updated" -mmin +720)" ]; then
		APT_CONFIG="$v/apt.conf" apt-get update -q >"$v/update.log" 2>&1 ||
			{ echo "kernels.sh: apt-get update of the $rel view failed (see $v/update.log)" >&2; return 1; }
		touch "$v/updated"
	fi
}

seal_apt() {
	local rel=$1
	shift
	seal__locked "apt-$rel" bash -c "$(declare -f seal__apt_view seal_release_mirrors); seal__apt_view $rel" ||
		return 1
	APT_CONFIG="$SEAL_CACHE/apt/$rel/apt.conf" "$@"
}

seal_kernel_pick() {
	local series=$1 var pin rel pattern v
	var="SEAL_KVER_$(echo "$series" | tr '.+' '__')"
	pin=${!var:-}
	if [ -n "$pin" ]; then echo "$pin"; return 0; fi
	rel=$(seal__series_field "$series" 2)
	pattern=$(seal__series_field "$series" 3)
	if [ -z "$rel" ]; then
		echo "kernels.sh: unknown series '$series' (want one of: $(seal_kernel_series | tr '\n' ' '))" >&2
		return 2
	fi
	for v in $(seal_apt "$rel" apt-cache pkgnames linux-image- 2>/dev/null | grep -E "$pattern" |
		   sed 's/^linux-image-//' | sort -rV); do
		if seal_apt "$rel" apt-cache show "linux-headers-$v" >/dev/null 2>&1; then echo "$v"; return 0; fi
	done
	echo "kernels.sh: no Debian $series kernel with matching headers in $rel's archive" >&2
	return 1
}

# seal_deb_unpack RELEASE PKG DIR: the candidate version of PKG in RELEASE's view, downloaded once
# into $SEAL_CACHE/debs (a cached file is used only if its SHA256 is the archive's) and unpacked
# with dpkg -x into DIR. Never installed.
seal_deb_unpack() {
	local rel=$1 pkg=$2 dir=$3 debs="$SEAL_CACHE/debs" info file sum deb
	mkdir -p "$debs" "$dir" || return 1
	info=$(seal_apt "$rel" apt-cache show --no-all-versions "$pkg" 2>/dev/null) ||
		{ echo "kernels.sh: $pkg: not in $rel's archive" >&2; return 1; }
	file=$(echo "$info" | sed -n 's/^Filename: //p' | head -1)
	sum=$(echo "$info" | sed -n 's/^SHA256: //p' | head -1)
	deb="$debs/$(basename "$file")"
	if [ -z "$file" ] || [ -z "$sum" ]; then
		echo "kernels.sh: $pkg: no Filename or SHA256 in $rel's archive" >&2; return 1
	fi
	if ! echo "$sum  $deb" | sha256sum -c --status 2>/dev/null; then
		# apt-get download checks the archive's hash itself; it names a file with an epoch
		# NAME_EPOCH%3aVERSION_ARCH.deb, the archive's Filename has no epoch
		( cd "$debs" && seal_apt "$rel" apt-get download -q "$pkg" >/dev/null 2>&1 &&
			got=$(echo "$info" | awk -v p="$pkg" '/^Version: / { v = $2 } /^Architecture: / { a = $2 }
				END { sub(":", "%3a", v); print p "_" v "_" a ".deb" }') &&
			{ [ "$got" = "$(basename "$deb")" ] || mv -f "$got" "$deb"; } ) &&
			echo "$sum  $deb" | sha256sum -c --status ||
			{ echo "kernels.sh: apt-get download $pkg ($rel) failed" >&2; return 1; }
	fi
	dpkg -x "$deb" "$dir" || { echo "kernels.sh: dpkg -x $deb failed" >&2; return 1; }
}

# seal_kernel_fetch KVER: the image, unpacked. From 7.x Debian's linux-image-KVER is empty: the kernel
# is in linux-binary-KVER (usr/lib/modules/KVER/vmlinuz), the modules in linux-modules-KVER; Debian
# 13 puts modules under usr/lib/modules. The dir gets the layout every caller uses either way:
# boot/vmlinuz-KVER and lib/modules/KVER (links where the package put them elsewhere).
seal_kernel_fetch() {
	local kver=$1 dir="$SEAL_CACHE/kernels/$1"
	if [ -f "$dir/.unpacked" ]; then echo "$dir"; return 0; fi
	seal__locked "kernel-$kver" bash -c "$(declare -f seal__kernel_fetch_locked seal_deb_unpack seal_apt \
		seal__apt_view seal__locked seal_release_mirrors seal_kernel_release); seal__kernel_fetch_locked $kver" ||
		return 1
	echo "$dir"
}

seal__kernel_fetch_locked() {
	local kver=$1 dir="$SEAL_CACHE/kernels/$1" rel p
	[ -f "$dir/.unpacked" ] && return 0
	rel=$(seal_kernel_release "$kver") || return 1
	rm -rf "$dir" && mkdir -p "$dir" || return 1
	for p in linux-image-"$kver" linux-binary-"$kver" linux-modules-"$kver"; do
		# linux-binary and linux-modules exist from 7.x on only
		[ "$p" = "linux-image-$kver" ] || seal_apt "$rel" apt-cache show "$p" >/dev/null 2>&1 || continue
		seal_deb_unpack "$rel" "$p" "$dir" || return 1
	done
	if [ ! -e "$dir/lib/modules/$kver" ] && [ -d "$dir/usr/lib/modules/$kver" ]; then
		mkdir -p "$dir/lib/modules" && ln -s "../../usr/lib/modules/$kver" "$dir/lib/modules/$kver" || return 1
	fi
	if [ ! -e "$dir/boot/vmlinuz-$kver" ] && [ -f "$dir/usr/lib/modules/$kver/vmlinuz" ]; then
		mkdir -p "$dir/boot" && ln -s "../usr/lib/modules/$kver/vmlinuz" "$dir/boot/vmlinuz-$kver" || return 1
	fi
	[ -f "$dir/boot/vmlinuz-$kver" ] || { echo "kernels.sh: no vmlinuz for $kver in its packages" >&2; return 1; }
	[ -d "$dir/lib/modules/$kver/kernel" ] || { echo "kernels.sh: no modules for $kver in its packages" >&2; return 1; }
	touch "$dir/.unpacked"
}

# The headers are never installed on the host: Debian's 6.12 headers depend on the kernel image
# package, whose install would put a kernel and an initramfs in /boot. The headers, their -common
# package and linux-kbuild are unpacked with dpkg -x under $SEAL_CACHE/headers/KVER instead, where
# their relative links (scripts -> ../../lib/linux-kbuild-*/scripts) resolve, and the one absolute
# include in the build dir's Makefile (and 7.x's KBUILD_OUTPUT) is pointed there. A chroot sees the cache at the same path
# (seal_release_run), so the same build dir serves builds in a chroot.
seal_kernel_headers() {
	local kver=$1 root="$SEAL_CACHE/headers/$1"
	if [ ! -f "$root/.unpacked" ]; then
		seal__locked "headers-$kver" bash -c "$(declare -f seal__kernel_headers_locked seal_deb_unpack seal_apt \
			seal__apt_view seal__locked seal_release_mirrors seal_kernel_release); seal__kernel_headers_locked $kver" ||
			return 1
	fi
	echo "$root/usr/src/linux-headers-$kver"
}

seal__kernel_headers_locked() {
	local kver=$1 root="$SEAL_CACHE/headers/$1" build rel pkgs p
	build="$root/usr/src/linux-headers-$kver"
	[ -f "$root/.unpacked" ] && return 0
	rel=$(seal_kernel_release "$kver") || return 1
	pkgs="linux-headers-$kver $(seal_apt "$rel" apt-cache depends "linux-headers-$kver" 2>/dev/null |
		sed -n 's/^ *|\{0,1\}Depends: \(linux-headers-.*-common\|linux-kbuild-.*\)$/\1/p' | sort -u)"
	case "$pkgs" in
	*-common*linux-kbuild-* | *linux-kbuild-*-common*) ;;
	*) echo "kernels.sh: linux-headers-$kver: cannot find its -common and linux-kbuild packages (got: $pkgs)" >&2
	   return 1 ;;
	esac
	rm -rf "$root" && mkdir -p "$root" || return 1
	for p in $pkgs; do
		seal_deb_unpack "$rel" "$p" "$root" || return 1
	done
	[ -f "$build/Makefile" ] || { echo "kernels.sh: no $build/Makefile in the headers package" >&2; return 1; }
	# and, from 7.x, the build dir's own path (KBUILD_OUTPUT=/usr/src/linux-headers-KVER)
	sed -i "s|^include /usr/src/|include $root/usr/src/|; s|^KBUILD_OUTPUT=/usr/src/|KBUILD_OUTPUT=$root/usr/src/|" \
		"$build/Makefile" || return 1
	touch "$root/.unpacked"
}

# The compiler KVER's headers ask for (gcc-14, gcc-14-for-host, gcc-16-for-host...), as a package name.
seal__kernel_gcc() {
	local kver=$1 rel
	rel=$(seal_kernel_release "$kver") || return 1
	seal_apt "$rel" apt-cache depends "linux-headers-$kver" 2>/dev/null |
		sed -n 's/^ *|\{0,1\}Depends: \(gcc-[0-9]*\)\(-for-host\)\{0,1\}$/\1/p' | head -1
}

# A build system of RELEASE: what kbuild and seal's userland build need (configure's checks, the
# Debian package build), from that release's archive. The tarball is keyed by its recipe and made
# again after a week (security updates); it is unpacked once, next to it, and used read-only:
# seal_release_run gives each command a private /tmp.
seal__root_packages() {
	local gcc
	# shellcheck disable=SC2100 # gcc-12 is a name, not a subtraction
	case "$1" in
	bookworm) gcc=gcc-12 ;;
	trixie) gcc=gcc-14 ;;
	forky) gcc=gcc-16 ;;
	esac
	echo "build-essential,$gcc,make,bc,bison,flex,pahole,kmod,xz-utils,zstd,cpio,autoconf,automake,libtool,pkg-config,libelf-dev,libssl-dev,libpopt-dev,libkmod-dev,liblzma-dev,libzstd-dev,zlib1g-dev,dpkg-dev,debhelper,dh-dkms,git,ca-certificates"
}

seal_release_root() {
	local rel=$1 key
	# the recipe: what seal__release_root_locked passes to mmdebstrap
	key=$( { echo "minbase $rel $(seal__root_packages "$rel")"; seal_release_mirrors "$rel"; } |
		sha256sum | cut -c1-16)
	seal__locked "root-$rel" bash -c "$(declare -f seal__release_root_locked seal_release_mirrors seal__root_packages); seal__release_root_locked $rel $key" >&2 ||
		return 1
	echo "$SEAL_CACHE/roots/$rel-$key"
}

seal__release_root_locked() {
	local rel=$1 key=$2 roots="$SEAL_CACHE/roots" tar dir log m=()
	tar="$roots/$rel-$key.tar" dir="$roots/$rel-$key" log="$roots/$rel-$key.log"
	mkdir -p "$roots" || return 1
	if [ -s "$tar" ] && [ -z "$(find "$tar" -mtime +7)" ] && [ -f "$dir/.unpacked" ]; then
		return 0
	fi
	echo "kernels.sh: building a $rel build system with mmdebstrap (about a minute)"
	rm -rf "$roots/$rel"-* || return 1
	mapfile -t m < <(seal_release_mirrors "$rel")
	if ! mmdebstrap --variant=minbase --format=tar --aptopt='Acquire::Check-Valid-Until "false"' \
		--include="$(seal__root_packages "$rel")" "$rel" "$tar.tmp" "${m[@]}" >"$log" 2>&1 ||
	   ! mv "$tar.tmp" "$tar"; then
		rm -f "$tar.tmp"
		tail -n 20 "$log"
		echo "kernels.sh: mmdebstrap of the $rel build system failed; see $log"
		return 1
	fi
	mkdir -p "$dir" && tar -C "$dir" -xf "$tar" && touch "$dir/.unpacked"
}

# seal_release_run RELEASE CMD...: CMD in RELEASE's build system, in a private mount namespace:
# /proc, /dev, a fresh /tmp, and the cache, this checkout (with its .cache) and the dirs named in
# $SEAL_RUN_BIND at their own paths, so the paths a command is given mean the same inside and out.
# The environment is kept small.
seal_release_run() {
	local rel=$1 root
	shift
	root=$(seal_release_root "$rel") || return 1
	unshare -m --propagation private bash -c '
		r=$1 cache=$2 top=$3 binds=$4
		shift 4
		mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" && mount -t tmpfs tmpfs "$r/tmp" || exit 1
		for d in "$cache" "$top" $binds; do
			mkdir -p "$r$d" && mount --rbind "$d" "$r$d" || exit 1
		done
		exec chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 \
			SEAL_CACHE="$cache" ${CI:+CI=$CI} "$@"
	' bash "$root" "$SEAL_CACHE" "$seal__kernels_top" "${SEAL_RUN_BIND:-}" "$@"
}

seal_kernel_run() {
	local kver=$1 rel
	shift
	rel=$(seal_kernel_release "$kver") || return 1
	if [ "$rel" = bookworm ]; then "$@"; else seal_release_run "$rel" "$@"; fi
}

# seal_deb_root RELEASE DIR PKG...: RELEASE's PKGs unpacked (dpkg -x) into DIR, once: DIR/.unpacked
# marks a whole unpack, made under a lock named for DIR (another clone may be unpacking it too);
# a half-done DIR is removed and made again.
seal_deb_root() {
	local rel=$1 dir=$2
	shift 2
	[ -f "$dir/.unpacked" ] && return 0
	seal__locked "debroot-$(basename "$dir")" bash -c "$(declare -f seal_deb_unpack seal_apt seal__apt_view \
		seal__locked seal_release_mirrors)"'
		rel=$1 dir=$2
		shift 2
		[ -f "$dir/.unpacked" ] && exit 0
		rm -rf "$dir" || exit 1
		for p in "$@"; do seal_deb_unpack "$rel" "$p" "$dir" || exit 1; done
		touch "$dir/.unpacked"' bash "$rel" "$dir" "$@"
}

# seal_deb_program PKG PROGRAM: a program of a Debian 12 package, unpacked (dpkg -x) under
# $SEAL_CACHE/debroot/PKG and never installed on the host (prometheus's promtool: installing the
# package would start a Prometheus server here). Prints the program's path.
seal_deb_program() {
	local pkg=$1 prog=$2 dir="$SEAL_CACHE/debroot/$1"
	seal_deb_root bookworm "$dir" "$pkg" || return 1
	[ -x "$dir/usr/bin/$prog" ] || { echo "kernels.sh: no usr/bin/$prog in $pkg" >&2; return 1; }
	echo "$dir/usr/bin/$prog"
}
