# SPDX-License-Identifier: GPL-2.0-or-later
# Inside the booted test system: waits for the boot to finish, runs the scenario with its helpers, prints
# "SEAL-RESULT NAME PASS|FAIL" on the serial console and powers off. Run by seal-test.service.
#
# Helpers for tests/system/s-*.sh (POSIX sh, Debian's dash):
#   pass MSG, fail MSG, die MSG          results (a scenario passes if a check ran and none failed)
#   run CMD...                           $capture_rc, $capture_out (stdout and stderr on one line)
#   expect_ok CMD..., expect_fail CMD... CMD must succeed / fail
#   expect_eq EXPECTED ACTUAL WHAT
#   expect_refused REASON CMD...         CMD fails, seal's denied/module counter grows, and each
#                                        "seal: denied" line the kernel printed for it says
#                                        reason=REASON (read with dmesg: the journal lags)
#   journal_seal                         the kernel's "seal: " lines of this boot
#   denied_lines                         how many "seal: denied" lines this boot has
#   unit_result UNIT                     "ExecMainStatus=N Result=R" of a unit's last run
#   exploit_triggers                     the three autoload triggers of 2026's exploits, unprivileged:
#                                        $trig_alg, $trig_esp, $trig_rxrpc ("STATUS OUTPUT")
exec >/dev/ttyS0 2>&1
NAME=$(cat /usr/local/lib/seal-test/name)
KVER=$(uname -r)
checks=0 failures=0

pass() { checks=$((checks + 1)); echo "ok: $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "not ok: $*"; }
die() { fail "$*"; finish; }

capture() {
	capture_out=$("$@" 2>&1)
	capture_rc=$?
	capture_out=$(echo "$capture_out" | tr '\n' ' ' | sed 's/ *$//')
}
expect_ok() {
	capture "$@"
	if [ "$capture_rc" -eq 0 ]; then pass "$*${capture_out:+: $capture_out}"
	else fail "$*: expected success, got status $capture_rc: $capture_out"; fi
}
expect_fail() {
	capture "$@"
	if [ "$capture_rc" -ne 0 ]; then pass "$*: refused (status $capture_rc: $capture_out)"
	else fail "$*: expected a failure, it succeeded${capture_out:+: $capture_out}"; fi
}
expect_eq() {
	if [ "$1" = "$2" ]; then pass "$3 = $2"; else fail "$3: expected '$1', got '$2'"; fi
}
expect_refused() {
	er_reason=$1
	shift
	er_before=$(cat /sys/kernel/seal/denied/module 2>/dev/null)
	expect_fail "$@"
	er_after=$(cat /sys/kernel/seal/denied/module 2>/dev/null)
	er_n=$((${er_after:-0} - ${er_before:-0}))
	if [ "$er_n" -lt 1 ]; then
		fail "$*: seal's denied/module did not grow (${er_before:-none} -> ${er_after:-none}): not seal's refusal"
		return
	fi
	er_lines=$(dmesg | grep 'seal: denied op=' | tail -n "$er_n")
	if [ "$(printf '%s\n' "$er_lines" | grep -Ecv "reason=$er_reason( |\$)")" = 0 ]; then
		pass "$*: seal refused it ($er_n denial, reason=$er_reason)"
	else
		fail "$*: expected reason=$er_reason on the last $er_n 'seal: denied' lines: $er_lines"
	fi
}
journal_seal() {
	journalctl -k -b -o cat --no-pager | grep '^seal: '
}
denied_lines() {
	journal_seal | grep -c '^seal: denied'
}
unit_result() {
	echo "ExecMainStatus=$(systemctl show -p ExecMainStatus --value "$1") Result=$(systemctl show -p Result --value "$1")"
}
is_loaded() {
	grep -q "^$1 " /proc/modules
}
# install_unlisted: puts seal_unlisted.ko (on no list) in /lib/modules/KVER/extra and runs depmod
install_unlisted() {
	mkdir -p "/lib/modules/$KVER/extra" &&
	cp "/usr/local/lib/seal-test/seal_unlisted-$KVER.ko" "/lib/modules/$KVER/extra/seal_unlisted.ko" &&
	depmod -a "$KVER" || die "could not install seal_unlisted.ko"
}
# module_package FILE: the package dpkg says installed the module FILE (a /lib/modules path; on a
# merged-/usr system dpkg knows it as /usr/lib/modules/...)
module_package() {
	{ dpkg -S "$1" 2>/dev/null || dpkg -S "/usr$1" 2>/dev/null; } | head -1 | cut -d: -f1
}
# kernel_packages KVER: the packages holding KVER's modules and kernel: linux-image-KVER, and from 7.x
# linux-modules-KVER and linux-binary-KVER under it
kernel_packages() {
	dpkg-query -W -f='${Package}\n' "linux-image-$1" "linux-modules-$1" "linux-binary-$1" 2>/dev/null | tr '\n' ' '
}
# loaded_modules: the names in /proc/modules, sorted, one line
loaded_modules() {
	cut -d' ' -f1 /proc/modules | sort | tr '\n' ' ' | sed 's/ $//'
}

# as_nobody CMD...: CMD as uid/gid 65534, no groups, no capabilities
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all --bounding-set=-all -- "$@"
}
# exploit_triggers: what Copy Fail, Dirty Frag and the rxrpc bugs did first, as an unprivileged user:
# an AF_ALG socket bound to an aead algorithm (the kernel autoloads af_alg, net-pf-38, then algif_aead,
# algif-aead), an ESP state added in a user and network namespace of its own (xfrm_user, then esp4,
# xfrm-type-2-50), an AF_RXRPC socket (rxrpc, net-pf-33). perl-base is in every Debian system.
exploit_triggers() {
	capture as_nobody perl -e 'socket(my $s, 38, 5, 0) or die "socket: $!\n";
		bind($s, pack("S a14 L L a64", 38, "aead", 0, 0, "gcm(aes)")) or die "bind: $!\n"; print "bound\n"'
	trig_alg="$capture_rc $capture_out"
	capture as_nobody unshare -Urn ip xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi 0x100 \
		mode transport enc 'cbc(aes)' 0x00112233445566778899aabbccddeeff
	trig_esp="$capture_rc $capture_out"
	capture as_nobody perl -e 'socket(my $s, 33, 2, 2) or die "socket: $!\n"; print "socket\n"'
	trig_rxrpc="$capture_rc $capture_out"
	echo "system: triggers: AF_ALG aead: $trig_alg; xfrm esp: $trig_esp; AF_RXRPC: $trig_rxrpc"
}

finish() {
	if [ "$checks" -gt 0 ] && [ "$failures" -eq 0 ]; then res=PASS; else res=FAIL; fi
	echo "system: $checks checks, $failures failed, up $(uptime) s"
	echo "SEAL-RESULT $NAME $res"
	sync
	systemctl poweroff --no-block
	exit 0
}

uptime() { cut -d' ' -f1 /proc/uptime; }
# which boot of this image this is (scenarios with "# system-boots: N")
mkdir -p /var/lib/seal-test
BOOT=$(( $(cat /var/lib/seal-test/boot 2>/dev/null || echo 0) + 1 ))
echo "$BOOT" >/var/lib/seal-test/boot
sync
echo "system: scenario $NAME on $KVER, boot $BOOT, up $(uptime) s"
state=$(timeout 240 systemctl is-system-running --wait 2>&1)
echo "system: boot finished: $state, up $(uptime) s ($(systemd-analyze 2>/dev/null | head -1))"
# the boot can finish with udev's coldplug events still being worked on
udevadm settle --timeout=120
echo "system: udev settled, up $(uptime) s"
# when a seal unit failed, say why on the console (the journal goes with the guest)
for u in seal.service seal-late.service; do
	if systemctl is-failed -q "$u"; then
		echo "system: $u failed:"
		journalctl -b -u "$u" -o cat --no-pager | tail -n 8 | sed 's/^/system:   /'
		journalctl -b -k -o cat --no-pager | grep 'seal:' | tail -n 5 | sed 's/^/system:   /'
	fi
done
# shellcheck disable=SC1091
. /usr/local/lib/seal-test/scenario.sh
finish
