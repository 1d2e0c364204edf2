# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by TESTS_ENVIRONMENT (POSIX sh): exports the module trees of Debian's 6.1 and 6.12 images.
#
#   SEAL_TEST_MODDIR_6_1   .../lib/modules/6.1.0-N-amd64          (plain .ko)
#   SEAL_TEST_MODDIR_6_12  .../lib/modules/6.12.X+deb12-amd64     (.ko.xz)
#
# A variable already set in the environment is kept. A tree found in the cache is used as it is;
# otherwise tests/lib/kernels.sh (bash) picks and fetches one, once, under a lock. A variable left
# unset means the tree could not be had: tests that need it SKIP and say so.

seal__testenv_top=${top_srcdir:-$(cd "$(dirname "$0")/../.." 2>/dev/null && pwd)}
: "${SEAL_CACHE:=$seal__testenv_top/.cache}"
export SEAL_CACHE

# Newest unpacked tree of a series in the cache: seal__testenv_cached GLOB
seal__testenv_cached() {
	ls -d "$SEAL_CACHE"/kernels/$1/lib/modules/* 2>/dev/null | sort -V | tail -n 1
}

# Pick and fetch a series with kernels.sh: seal__testenv_fetch 6.1|6.12
seal__testenv_fetch() {
	command -v bash >/dev/null 2>&1 || return 1
	mkdir -p "$SEAL_CACHE" 2>/dev/null || return 1
	# flock: parallel tests must not unpack the same package at once.
	flock "$SEAL_CACHE/.testenv.lock" bash -c '
		. "$1/tests/lib/kernels.sh" || exit 1
		kver=$(seal_kernel_pick "$2") || exit 1
		dir=$(seal_kernel_fetch "$kver") || exit 1
		echo "$dir/lib/modules/$kver"' bash "$seal__testenv_top" "$1" 2>&1 >&3 |
		sed 's/^/testenv.sh: /' >&2
} 3>&1

seal__testenv_one() {
	# $1 series, $2 cache glob of the image dir
	seal__d=$(seal__testenv_cached "$2")
	if [ -z "$seal__d" ] || [ ! -f "$seal__d/../../../.unpacked" ]; then
		seal__d=$(seal__testenv_fetch "$1") || seal__d=
	fi
	[ -n "$seal__d" ] && [ -d "$seal__d/kernel" ] && echo "$seal__d"
}

if [ -z "${SEAL_TEST_MODDIR_6_1:-}" ]; then
	SEAL_TEST_MODDIR_6_1=$(seal__testenv_one 6.1 '6.1.0-*-amd64')
	[ -n "$SEAL_TEST_MODDIR_6_1" ] || unset SEAL_TEST_MODDIR_6_1
fi
if [ -z "${SEAL_TEST_MODDIR_6_12:-}" ]; then
	SEAL_TEST_MODDIR_6_12=$(seal__testenv_one 6.12 '6.12.*+deb12-amd64')
	[ -n "$SEAL_TEST_MODDIR_6_12" ] || unset SEAL_TEST_MODDIR_6_12
fi
export SEAL_TEST_MODDIR_6_1 SEAL_TEST_MODDIR_6_12 2>/dev/null || true
unset seal__testenv_top seal__d
