#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make install puts each file where the system reads it, whatever the prefix this tree was configured
# with: the kernel and apt hooks and the cron file under /etc (configure --with-hookdir), the units
# and seal-load naming the same seal.conf, the hooks calling the installed seal-mksums, and the cron
# file doing nothing while seal-verify.timer runs (one hourly check, not two); the package's
# maintainer scripts starting, stopping and restarting no unit.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/common.sh"
require_tools "$SEAL_LOAD"
mk=$top_builddir/Makefile
[ -f "$mk" ] || skip_all "no Makefile in $top_builddir"
var() { sed -n "s|^$1 = ||p" "$mk" | head -1; }
hookdir=$(var hookdir) sysconfdir=$(var sysconfdir) prefix=$(var prefix)
d=$tmp/d
# the data targets only: nothing of the libraries or of seal.ko (depmod) is needed for the paths
run make -s -C "$top_builddir" DESTDIR="$d" install-hooks install-cronDATA install-systemdunitDATA install-seal-conf
is_rc 0 "$rc" "make install of the hooks, the cron file, the units and seal.conf (stderr: $err)"
[ -n "$hookdir" ] || skip_all "configured --with-hookdir=no: no hook installed"
is "$hookdir" "/etc" "hookdir is /etc by default, whatever the prefix ($prefix)"
for f in kernel/postinst.d/zz-seal kernel/postrm.d/zz-seal apt/apt.conf.d/80seal cron.d/seal-verify; do
	ok "$([ -f "$d/etc/$f" ]; echo $?)" "/etc/$f installed"
done
ok "$([ -x "$d/etc/kernel/postinst.d/zz-seal" ]; echo $?)" "the kernel hook is executable (run-parts runs only those)"
conf=$(eval echo "$sysconfdir" | sed "s|\${prefix}|$prefix|")/seal/seal.conf
ok "$([ -f "$d$conf" ]; echo $?)" "seal.conf installed as $conf"
unit=$(find "$d" -name seal.service | head -1)
like "$(cat "$unit" 2>/dev/null)" "--config $conf" "seal.service names $conf"
run "$SEAL_LOAD" --help
like "$out$err" "$conf" "seal-load's default configuration is the same file"
like "$(cat "$d/etc/kernel/postinst.d/zz-seal")" "$(var libexecdir | sed "s|\${exec_prefix}|$prefix|; s|\${prefix}|$prefix|")/seal/update-list" \
	"the kernel hook runs the installed update-list"
cron=$(grep -v '^#' "$d/etc/cron.d/seal-verify" | grep seal-verify)
ok "$([ -n "$cron" ]; echo $?)" "the cron file has a seal-verify line"
while IFS= read -r line; do
	like "$line" "systemctl -q is-enabled seal-verify.timer 2>/dev/null || " "cron line defers to the timer: ${line%%root*}"
done <<<"$cron"
# the guard as cron's sh runs it: a timer enabled (a systemctl saying so) runs nothing; none, or no systemctl, runs the check
mkdir -p "$tmp/bin"
printf '#!/bin/sh\nexit %s\n' 0 >"$tmp/bin/systemctl" && chmod +x "$tmp/bin/systemctl"
guard=$(echo "$cron" | head -1 | sed 's/^[^r]*root[[:space:]]*//; s/|| .*/|| echo ran/')
is "" "$(PATH=$tmp/bin:/bin /bin/sh -c "$guard")" "timer enabled: the cron line runs nothing"
printf '#!/bin/sh\nexit 1\n' >"$tmp/bin/systemctl"
is "ran" "$(PATH=$tmp/bin:/bin /bin/sh -c "$guard")" "timer not enabled: the cron line runs seal-verify"
rm "$tmp/bin/systemctl"
is "ran" "$(PATH=$tmp/bin /bin/sh -c "$guard" 2>/dev/null)" "no systemd: the cron line runs seal-verify"
# seal-tools' postrm: on purge it removes what seal kept, and /etc/seal once that is empty (dpkg has
# removed seal.conf, a conffile, before postrm purge runs); a file the administrator keeps there keeps
# it; on remove nothing goes. Run in a fake root: every absolute path of the script is moved under
# $tmp/root, and the script is run only if none is left.
root=$tmp/root
sed "s#\([[:space:]]\)/\(var\|run\|lib\|etc\|usr\)/#\1$root/\2/#g" "$top_srcdir/debian/seal-tools.postrm" >"$tmp/postrm"
left=$(sed "s#$root/#ROOT/#g" "$tmp/postrm" | grep -nE "(^|[^A-Za-z0-9_.-])/(var|run|lib|etc|usr|srv|opt|boot|home|root)([/[:space:]\"']|\$)")
if [ -n "$left" ]; then
	ok 1 "debian/seal-tools.postrm: every path moved into the fake root, before it runs" "$left"
else
	mk_root() {
		mkdir -p "$root/etc/seal" "$root/var/lib/seal" "$root/var/cache/seal" "$root/run/seal" "$root/lib/modules" &&
			touch "$root/etc/seal/modules" "$root/lib/modules/sha256sums"
	}
	mk_root
	run sh "$tmp/postrm" remove
	ok "$([ "$rc" = 0 ] && [ -e "$root/etc/seal/modules" ] && [ -e "$root/lib/modules/sha256sums" ]; echo $?)" \
		"postrm remove: exit 0, the policy and the list stay (rc $rc, stderr: $err)"
	run sh "$tmp/postrm" purge
	ok "$([ "$rc" = 0 ] && [ ! -e "$root/etc/seal" ] && [ ! -e "$root/var/lib/seal" ] && [ ! -e "$root/lib/modules/sha256sums" ]; echo $?)" \
		"postrm purge: exit 0, /etc/seal removed with the policy, the state and the list gone (rc $rc, stderr: $err)"
	mk_root && touch "$root/etc/seal/local.conf"
	run sh "$tmp/postrm" purge
	is "0 local.conf" "$rc $(ls "$root/etc/seal" 2>&1)" "postrm purge: a file the administrator keeps in /etc/seal keeps it"
	rm -rf "$root"
	run sh "$tmp/postrm" purge
	is_rc 0 "$rc" "postrm purge with nothing left to remove: exit 0"
fi

# The seal-tools package's maintainer scripts, as debian/rules has dh_installsystemd write them:
# no unit is stopped, started or restarted, on upgrade or otherwise (no deb-systemd-invoke). Started
# again, seal.service or seal-late.service would seal the running kernel a second time; a stop of
# seal-learn.service takes its shutdown record at upgrade time; seal-verify.timer stopped checks
# nothing until the next boot. Needs debhelper (scripts/install-deps).
if command -v dh_installsystemd >/dev/null && command -v dpkg-parsechangelog >/dev/null; then
	p=$tmp/pkg
	# a copy of what dh_installsystemd reads: debian/ and the units where seal-tools.install puts them
	run sh -c 'mkdir -p "$1/debian/seal-tools/lib/systemd/system" &&
		cp "$2/debian/control" "$2/debian/changelog" "$2/debian/rules" "$1/debian/" &&
		cp "$2"/data/*.service "$2"/data/*.timer "$1/debian/seal-tools/lib/systemd/system/" &&
		cd "$1" && make -f debian/rules override_dh_installsystemd' sh "$p" "$top_srcdir"
	is_rc 0 "$rc" "debian/rules override_dh_installsystemd (stderr: $err)"
	snippets=$(find "$p/debian" -path "$p/debian/seal-tools" -prune -o -type f \
		\( -name '*.debhelper' -o -path '*/.debhelper/generated/*' \) -exec cat {} +)
	like "$snippets" "deb-systemd-helper purge 'seal-late.service' 'seal-learn.service' 'seal-verify.timer' 'seal.service'" \
		"dh_installsystemd wrote the seal units' snippets"
	unlike "$snippets" "deb-systemd-invoke" "the maintainer scripts stop, start and restart no seal unit, on upgrade or otherwise"
else
	skip "the maintainer scripts stop, start and restart no seal unit" "no dh_installsystemd or dpkg-parsechangelog (debhelper, dpkg-dev)"
fi
done_testing
