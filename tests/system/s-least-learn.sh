# SPDX-License-Identifier: GPL-2.0-or-later
# Least-module sealing, learned: boot 1 seals with learn=yes (nothing refused, no "seal: denied" line) while udev, systemd-modules-load, modprobe and request_module load what the machine uses; seal-mksums --propose shows those names (not their dependencies), --accept writes the policy and a short list. Boot 2 enforces: no denial at all, the same modules load by udev, systemd-modules-load, modprobe and request_module, seal-verify is clean; then the three exploit triggers, as an unprivileged user, are refused, named (module= and the alias requested), counted, and their modules are not in /proc/modules (s-least-control: unsealed, they load). Needs seal.ko's learn= (kmod).
# system-unit: seal.service
# system-conf: sums=/lib/modules/sha256sums
# system-conf: learn=yes
# system-list: all
# system-modules-load: nlmon
# system-boots: 2
# vm-timeout: 600
expect_eq 1 "$(cat /sys/kernel/seal/sealed 2>&1)" "/sys/kernel/seal/sealed"
if [ "$BOOT" = 1 ]; then
	[ "$(cat /sys/kernel/seal/learn 2>&1)" = yes ] ||
		die "no learning profile: /sys/kernel/seal/learn says '$(cat /sys/kernel/seal/learn 2>&1)' (seal.ko without learn=)"
	expect_eq 0 "$(denied_lines)" "'seal: denied' lines while learning"
	# the machine's own use: an administrator's modprobe, the kernel's request_module
	expect_ok modprobe macvtap
	expect_ok ip link add d0 type dummy
	cut -d' ' -f1 /proc/modules | sort >/var/lib/seal-test/modules-1
	expect_ok systemctl start seal-learn.service
	expect_ok test -s /var/lib/seal/learned
	grep -q '^e1000 .* init=ok ' /var/lib/seal/learned && pass "udev's e1000 learned, init=ok" ||
		fail "e1000 not in the record: $(head -c 600 /var/lib/seal/learned)"
	grep -q '^dummy .*requested=rtnl-link-dummy' /var/lib/seal/learned && pass "request_module's dummy learned with what the kernel asked for" ||
		fail "dummy not learned with requested=rtnl-link-dummy: $(grep '^dummy' /var/lib/seal/learned)"
	capture seal-mksums --propose
	expect_eq 1 "$capture_rc" "seal-mksums --propose: something to review"
	echo "system: proposal: $capture_out"
	for m in e1000 nlmon macvtap dummy; do
		echo "$capture_out" | grep -q "+$m " && pass "proposed: $m" || fail "$m not proposed"
	done
	echo "$capture_out" | grep -q "+macvlan " && fail "macvlan proposed, though macvtap brings it" ||
		pass "macvtap's dependency macvlan is not proposed on its own"
	for m in $(sed -n 's/^\([^ ]*\) .* init=failed .*/\1/p' /var/lib/seal/learned); do
		echo "$capture_out" | grep -q "+$m .*its init failed here" && pass "$m (its init failed) proposed, marked" ||
			fail "$m's init failed while learning; it is not proposed as such"
	done
	capture seal-mksums --accept
	expect_eq 0 "$capture_rc" "seal-mksums --accept"
	n=$(grep -vc '^#' /lib/modules/sha256sums)
	[ "$n" -gt 20 ] && [ "$n" -lt 1000 ] && pass "a short list: $n lines for two kernels" || fail "the list has $n lines"
	grep -q "^macvtap " /etc/seal/modules && pass "the policy names macvtap" || fail "policy: $(cat /etc/seal/modules)"
	sed -i '/^learn=/d' /etc/seal/seal.conf
	expect_ok seal-load --check
else
	expect_eq no "$(cat /sys/kernel/seal/learn 2>&1)" "/sys/kernel/seal/learn when enforcing"
	expect_eq 0 "$(denied_lines)" "'seal: denied' lines in the enforcing boot (no false denial)"
	echo "MODULES: $(loaded_modules)"
	missing=$(cut -d' ' -f1 /proc/modules | sort | comm -13 - /var/lib/seal-test/modules-1 | grep -v -x -e macvtap -e macvlan -e tap -e dummy | tr '\n' ' ')
	expect_eq "" "$missing" "modules loaded in the learning boot but not by udev and systemd-modules-load now"
	is_loaded e1000 && pass "udev loaded e1000" || fail "e1000 not loaded"
	is_loaded nlmon && pass "systemd-modules-load loaded nlmon" || fail "nlmon not loaded"
	expect_ok modprobe macvtap
	expect_ok ip link add d0 type dummy
	expect_eq 0 "$(denied_lines)" "'seal: denied' lines after modprobe and request_module"
	capture seal-verify
	expect_eq 0 "$capture_rc" "seal-verify on the enforcing machine: $capture_out"
	before=$(cat /sys/kernel/seal/denied/module)
	exploit_triggers
	case "$trig_alg" in 0*) fail "the AF_ALG aead socket worked: $trig_alg" ;; *) pass "the AF_ALG aead socket refused: $trig_alg" ;; esac
	case "$trig_esp" in 0*) fail "ip xfrm state add worked: $trig_esp" ;; *) pass "ip xfrm state add refused: $trig_esp" ;; esac
	case "$trig_rxrpc" in 0*) fail "socket(AF_RXRPC) worked: $trig_rxrpc" ;; *) pass "socket(AF_RXRPC) refused: $trig_rxrpc" ;; esac
	for m in af_alg algif_aead xfrm_user esp4 rxrpc; do
		is_loaded $m && fail "$m loaded" || pass "$m not in /proc/modules"
	done
	# modprobe loads a module's dependencies first: the refusal names the first one the list lacks
	# (af_alg for algif_aead; for rxrpc, udp_tunnel where it is a module), with the alias requested
	for r in "module=af_alg .*reason=not-listed requested=net-pf-38" "requested=net-pf-16-proto-6" \
		 "module=[a-z0-9_]* .*reason=not-listed requested=net-pf-33"; do
		journal_seal | grep -q "^seal: denied op=.* $r" && pass "refusal logged and named: $r" ||
			fail "no 'seal: denied ... $r': $(journal_seal | tail -n 4)"
	done
	after=$(cat /sys/kernel/seal/denied/module)
	[ "$after" -ge $((before + 3)) ] && pass "counted: denied/module $before -> $after" || fail "denied/module $before -> $after"
	for m in "af_alg .*requested=net-pf-38" "[a-z0-9_]* .*requested=net-pf-33"; do
		grep -q "^$m" /sys/kernel/seal/refused &&
			pass "/sys/kernel/seal/refused names the module: $(grep "^$m" /sys/kernel/seal/refused | cut -d' ' -f1) ($m)" ||
			fail "refused: $(cat /sys/kernel/seal/refused)"
	done
	capture seal-verify
	expect_eq 1 "$capture_rc" "seal-verify after the triggers"
	echo "$capture_out" | grep -q "refused-module af_alg .*requested=net-pf-38" && pass "seal-verify names af_alg" ||
		fail "seal-verify: $capture_out"
	echo "$capture_out" | grep -q "note: to allow a refused module: add its name to /etc/seal/modules" &&
		pass "seal-verify says how to allow one" || fail "no note: $capture_out"
fi
