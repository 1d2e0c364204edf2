# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck disable=SC2034 # the variables set here are read by the scripts that source this file
# Sourced by the tests of the module policy: Debian's real module trees as installed kernels, in a
# private mount namespace, with the files depmod writes, so that seal-mksums reads them where it
# reads a real system's (/lib/modules/KVER, /etc/seal/modules, /var/lib/seal) and nothing on the
# host changes.
#
#   policy_setup [6.1|6.12]...   sources common.sh, needs the trees (else SKIP), runs depmod once
#                                into $tmp/dep; sets K61 and K612 (the releases) for those given
#   pol_ns SCRIPT ARGS...        run sh -c SCRIPT in a namespace where /lib/modules holds the trees
#                                (each an overlay: the tree, its depmod files, a writable layer),
#                                and /etc/seal, /var/lib/seal, /var/cache, /etc/modprobe.d and
#                                /var/lib/dpkg (no package database: nothing checked) are empty tmpfs; $POL_KERNELS (default: every tree set up) picks the
#                                kernels installed there. Sets $out $err $rc.
#
# The trees are those of tests/lib/testenv.sh: SEAL_TEST_MODDIR_6_1 (.ko), SEAL_TEST_MODDIR_6_12 (.ko.xz).

. "$top_srcdir/tests/lib/common.sh"

policy_setup() {
	local s d kver dep
	require_tools "$SEAL_MKSUMS"
	have_userns || skip_all "no user namespaces (unshare -rm) to mount the trees on /lib/modules"
	command -v depmod >/dev/null || skip_all "depmod not installed (Debian package kmod)"
	POL_TREES=""
	# depmod of Debian's 6.12 tree takes seconds (every .ko.xz read): once per release, in the cache
	POL_DEP=${SEAL_CACHE:+$SEAL_CACHE/depmod}
	POL_DEP=${POL_DEP:-$tmp/dep}
	for s in "$@"; do
		case $s in
		6.1) d=${SEAL_TEST_MODDIR_6_1:-} ;;
		6.12) d=${SEAL_TEST_MODDIR_6_12:-} ;;
		esac
		[ -n "$d" ] && [ -d "$d/kernel" ] ||
			skip_all "no Debian $s module tree (SEAL_TEST_MODDIR_${s/./_} unset: tests/lib/testenv.sh could not fetch it)"
		kver=$(basename "$d")
		dep=$POL_DEP/lib/modules/$kver
		mkdir -p "$POL_DEP/lib/modules" || skip_all "cannot make $POL_DEP"
		# kmod 30's depmod writes beside the modules: in an overlay, whose new files are kept
		[ -s "$dep/modules.dep" ] ||
			flock "$POL_DEP/.lock" unshare -rm sh -c '[ -s "$3/modules.dep" ] && exit 0
				t=$(mktemp -d) && mount -t tmpfs pol "$t" && mkdir "$t/u" "$t/w" "$t/m" &&
				mount -t overlay pol -o "lowerdir=$1,upperdir=$t/u,workdir=$t/w" "$t/m" &&
				mkdir -p "$t/b/lib/modules" && ln -s "$t/m" "$t/b/lib/modules/$2" &&
				depmod -b "$t/b" "$2" && rm -rf "$3.new" && mkdir "$3.new" &&
				cp "$t/u"/modules.* "$3.new/" && rm -rf "$3" && mv "$3.new" "$3"' \
				sh "$d" "$kver" "$dep" 2>"$tmp/depmod.err" ||
			skip_all "depmod $kver failed: $(head -3 "$tmp/depmod.err")"
		case $s in
		6.1) K61=$kver ;;
		6.12) K612=$kver ;;
		esac
		POL_TREES="$POL_TREES $kver=$d"
	done
	POL_KERNELS=${POL_KERNELS:-}
}

# The namespace's preamble, run before each script: mounts, then the script with its arguments.
pol__prep='
	set -e
	# The trees and their depmod files are bound under $layers first: they may live under /var/cache
	# (a shared $SEAL_CACHE), which the tmpfs below hides.
	layers=$(mktemp -d); mount -t tmpfs pol "$layers"
	mkdir "$layers/dep" && mount --bind "$POL_DEP" "$layers/dep"
	bound="" i=0
	for tree in $POL_TREES; do
		i=$((i + 1)); mkdir "$layers/src$i" && mount --bind "${tree#*=}" "$layers/src$i"
		bound="$bound ${tree%%=*}=$layers/src$i"
	done
	mkdirs() {   # make each missing directory through an overlay on its parent: even root (mapped
	             # into the namespace, and so able to write there) leaves the host as it was
		for dir in "$@"; do
			[ -d "$dir" ] && continue
			p=$(dirname "$dir"); while [ ! -d "$p" ]; do p=$(dirname "$p"); done
			p=$(readlink -f "$p"); t=$(mktemp -d)
			mount -t tmpfs pol "$t"; mkdir "$t/u" "$t/w"
			mount -t overlay pol -o "lowerdir=$p,upperdir=$t/u,workdir=$t/w" "$p"
			mkdir -p "$dir"
		done
	}
	mkdirs /etc/seal /var/lib/seal /etc/modprobe.d /lib/modules
	mkdirs /var/lib/dpkg
	for d in /lib/modules /etc/seal /var/lib/seal /etc/modprobe.d /var/cache /var/lib/dpkg; do mount -t tmpfs pol "$d"; done
	for tree in $bound; do
		kver=${tree%%=*} src=${tree#*=}
		case " ${POL_KERNELS:-$kver} " in *" $kver "*) ;; *) continue ;; esac
		mkdir -p "/lib/modules/$kver" "$layers/$kver/u" "$layers/$kver/w"
		mount -t overlay pol -o "lowerdir=$layers/dep/lib/modules/$kver:$src,upperdir=$layers/$kver/u,workdir=$layers/$kver/w" "/lib/modules/$kver"
	done
	set +e
'

pol_ns() {
	local script=$1
	shift
	run env POL_TREES="$POL_TREES" POL_KERNELS="$POL_KERNELS" POL_DEP="$POL_DEP" \
		unshare -rm sh -c "$pol__prep"'
		eval "$0"' "$script" "$@"
}
