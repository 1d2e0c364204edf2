# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck disable=SC2034 # the variables set here are read by the scripts that source this file
# TAP helpers for the tests/unit/t-*.sh scripts: every failed check prints what was expected and what came.
#
#   . "$top_srcdir/tests/lib/common.sh"
#   is "$expected" "$actual" "name"         equal strings
#   like "$actual" "needle" "name"          actual contains needle (fixed string)
#   is_rc 1 "$rc" "name"                    an exit status
#   ok "$cond_rc" "name" ["detail"]         0 means pass; detail is printed on failure
#   skip "name" "reason"                    one check that could not run (under CI: a failure)
#   skip_all "reason"                       the whole script cannot run: "1..0 # SKIP reason", exit 0
#                                           (under CI: one failure, exit 1)
#   skip_ci_ok "name" "reason"              one check that does not apply here, CI included: reason says why
#   skip_all_ci_ok "reason"                 the same for the whole script
#
# Under CI (CI set, as CI systems do) a skip is a failure: CI is where everything must run, and a
# suite green with its real tests skipped has proved nothing. A test that cannot apply there (a kernel
# without the feature it checks) says so with skip_ci_ok / skip_all_ci_ok and a reason.
#   run CMD...                              runs CMD, sets $out (stdout), $err (stderr), $rc
#   done_testing                            prints the plan and "# N passed, N failed"; exit 1 on failure
#
# $SEAL_MKSUMS, $SEAL_INSMOD, $SEAL_VERIFY and $SEAL_LOAD name the built tools; $tmp is a scratch directory removed at exit.

set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
SEAL_MKSUMS=${SEAL_MKSUMS:-$top_builddir/tools/seal-mksums}
SEAL_INSMOD=${SEAL_INSMOD:-$top_builddir/tools/seal-insmod}
SEAL_VERIFY=${SEAL_VERIFY:-$top_builddir/tools/seal-verify}
SEAL_LOAD=${SEAL_LOAD:-$top_builddir/tools/seal-load}

tap__n=0
tap__failed=0
tap__skipped=0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/seal-test.XXXXXX") || { echo "Bail out! mktemp -d failed"; exit 1; }
trap 'rm -rf "$tmp"' EXIT
# what the namespaces below make with mktemp (mount points, a fake boot_id) goes with $tmp, not /tmp
mkdir -m 1777 "$tmp/.tmp" && export TMPDIR="$tmp/.tmp" || { echo "Bail out! mkdir $tmp/.tmp failed"; exit 1; }

tap__result() {
	# $1: 0 pass, else fail; $2 name; $3 detail printed as a comment on failure
	tap__n=$((tap__n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap__n - $2"
	else
		tap__failed=$((tap__failed + 1))
		echo "not ok $tap__n - $2"
		printf '%s\n' "$3" | sed 's/^/# /'
	fi
}

ok() {
	tap__result "$1" "$2" "${3:-expected success, got status $1}"
}

is() {
	local r=1
	[ "$1" = "$2" ] && r=0
	tap__result $r "$3" "expected: '$1'
got:      '$2'"
}

like() {
	local r=1
	case "$1" in *"$2"*) r=0 ;; esac
	tap__result $r "$3" "expected to contain: '$2'
got: '$1'"
}

unlike() {
	local r=0
	case "$1" in *"$2"*) r=1 ;; esac
	tap__result $r "$3" "expected not to contain: '$2'
got: '$1'"
}

is_rc() {
	local r=1
	[ "$1" = "$2" ] && r=0
	tap__result $r "$3" "expected exit status $1, got $2${err:+ (stderr: $err)}"
}

skip() {
	if [ -n "${CI:-}" ]; then
		tap__result 1 "$1" "skipped under CI: $2 (CI must run it; skip_ci_ok says why a check cannot apply)"
		return
	fi
	skip_ci_ok "$@"
}

skip_ci_ok() {
	tap__n=$((tap__n + 1))
	tap__skipped=$((tap__skipped + 1))
	echo "ok $tap__n - $1 # SKIP $2"
	echo "SKIP: $1: $2" >&2
}

skip_all() {
	if [ -n "${CI:-}" ]; then
		echo "1..1"
		echo "not ok 1 - $(basename "$0") skipped under CI: $1 (CI must run it; skip_all_ci_ok says why a script cannot apply)"
		exit 1
	fi
	skip_all_ci_ok "$@"
}

skip_all_ci_ok() {
	echo "1..0 # SKIP $1"
	echo "SKIP: $(basename "$0"): $1" >&2
	exit 0
}

run() {
	"$@" >"$tmp/.out" 2>"$tmp/.err"
	rc=$?
	out=$(cat "$tmp/.out")
	err=$(cat "$tmp/.err")
}

done_testing() {
	echo "1..$tap__n"
	echo "# $((tap__n - tap__failed - tap__skipped)) passed, $tap__failed failed, $tap__skipped skipped"
	[ "$tap__failed" -eq 0 ]
	exit $?
}

# as_nobody CMD...: runs CMD as uid/gid 65534 with no groups and no capabilities (root ignores file
# permissions). A seal tool named by CMD runs from a copy of the built binary and libseal in a
# directory nobody can reach, since the build tree may lie where only root may enter (a clone in
# /root, mode 700). Returns 99 when the copy cannot be made.
as_nobody() {
	local cmd=$1
	shift
	case "$cmd" in
	"$SEAL_MKSUMS" | "$SEAL_INSMOD" | "${SEAL_VERIFY:-}") cmd=$(nobody__copy "$cmd") || return 99 ;;
	esac
	LD_LIBRARY_PATH="$tmp/nobody/lib" setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		--bounding-set=-all -- "$cmd" "$@"
}

# nobody__copy TOOL: prints the path of a copy of TOOL (a libtool wrapper in the build tree: the
# binary is in .libs/) under $tmp/nobody, with libseal beside it in lib/.
nobody__copy() {
	local bin dir=$tmp/nobody
	bin="$(dirname "$1")/.libs/$(basename "$1")"
	[ -x "$bin" ] || bin=$1
	mkdir -p "$dir/bin" "$dir/lib" && chmod 755 "$tmp" "$dir" "$dir/bin" "$dir/lib" || return 1
	if [ ! -e "$dir/lib/.copied" ]; then
		cp -P "$top_builddir"/libseal/.libs/libseal.so* "$dir/lib/" 2>/dev/null
		touch "$dir/lib/.copied"
	fi
	cp "$bin" "$dir/bin/$(basename "$1")" && chmod 755 "$dir/bin/$(basename "$1")" || return 1
	echo "$dir/bin/$(basename "$1")"
}

# True if this user can make a private mount namespace (unshare -rm): tests mount a tmpfs over
# /lib/modules or /sys/module there, so the real default paths are exercised without touching the host.
have_userns() {
	unshare -rm true 2>/dev/null
}

# in_ns SCRIPT ARGS...: run sh -c SCRIPT in a private mount namespace as (mapped) root. A machine
# without /lib/modules (a container, a minimal chroot, a host whose kernel headers are not yet
# installed) gets one there: an overlay on its parent, inside the namespace only. /var/cache is an
# empty tmpfs there: seal-mksums' default cache (/var/cache/seal) of a run on /lib/modules stays in
# the namespace, and no cache of the host's plays a part.
in_ns() {
	local script=$1
	shift
	# /var/cache is an empty tmpfs (the tools' default caches stay off the host), but a $SEAL_CACHE
	# under it (the trees the tests read) is bound back at its path
	unshare -rm sh -c '
		c=${SEAL_CACHE:-}
		case $c in /var/cache/?*) [ -d "$c" ] || c= ;; *) c= ;; esac
		if [ -n "$c" ]; then
			keep=$(mktemp -d) && mount --bind "$c" "$keep" || { echo "in_ns: cannot bind $c" >&2; exit 99; }
		fi
		mount -t tmpfs seal-ns /var/cache || { echo "in_ns: cannot mount a tmpfs on /var/cache" >&2; exit 99; }
		if [ -n "$c" ]; then
			mkdir -p "$c" && mount --bind "$keep" "$c" && umount "$keep" && rmdir "$keep" ||
				{ echo "in_ns: cannot bind $c back" >&2; exit 99; }
		fi
		if [ ! -d /lib/modules ]; then
			d=$(readlink -f /lib) && t=$(mktemp -d) && mount -t tmpfs seal-ns "$t" &&
			mkdir "$t/u" "$t/w" &&
			mount -t overlay seal-ns -o "lowerdir=$d,upperdir=$t/u,workdir=$t/w" "$d" &&
			mkdir "$d/modules" || { echo "in_ns: cannot make /lib/modules in the namespace" >&2; exit 99; }
		fi
		eval "$0"' "$script" "$@"
}

# The tools must exist, or nothing here means anything.
require_tools() {
	local t
	for t in "$@"; do
		[ -x "$t" ] || { echo "Bail out! $t is not built (run make first)"; exit 1; }
	done
}
