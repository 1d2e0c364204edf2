# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by the runners (tests/sanitize, tests/vm/host.sh, tests/system/run): autoreconf -fi in a
# checkout under a lock, so that two runners started at once in one checkout do not regenerate
# configure and the Makefile.in files at the same time (the loser read a half-written one).
#
#   seal_autoreconf TOP     autoreconf -fi in TOP if configure is missing or older than configure.ac
#                           or Makefile.am (checked again once the lock is held); autoreconf's status

seal_autoreconf() {
	local top=$1
	mkdir -p "$top/.cache" || return 1
	(
		flock 9 || exit 1
		if [ ! -x "$top/configure" ] || [ "$top/configure.ac" -nt "$top/configure" ] ||
		   [ "$top/Makefile.am" -nt "$top/Makefile.in" ]; then
			cd "$top" && autoreconf -fi
		fi
	) 9>"$top/.cache/autoreconf.lock"
}
