# SPDX-License-Identifier: GPL-2.0-or-later
# A short list from a module policy, and a name added by the administrator: boot 1 seals with the list seal-mksums derived from /etc/seal/modules, veth (not named) is refused to modprobe and to request_module; the admin adds veth, seal-mksums names it joining the list; boot 2 loads veth through modprobe and request_module.
# system-unit: seal.service
# system-conf: sums=/lib/modules/sha256sums
# system-policy: e1000 nlmon dummy
# system-list: all
# system-boots: 2
expect_eq 1 "$(cat /sys/kernel/seal/sealed 2>&1)" "/sys/kernel/seal/sealed"
if [ "$BOOT" = 1 ]; then
	n=$(grep -vc '^#' /lib/modules/sha256sums)
	[ "$n" -lt 50 ] && pass "the list is the policy's: $n lines" || fail "the list has $n lines"
	grep -q '/veth\.ko' /lib/modules/sha256sums && fail "veth listed" || pass "veth not listed"
	expect_ok ip link add d0 type dummy
	expect_refused not-listed modprobe veth
	expect_refused not-listed ip link add v0 type veth
	is_loaded veth && fail "veth loaded" || pass "veth not loaded"
	journal_seal | grep -q 'seal: denied op=.*reason=not-listed' && pass "the refusal is logged" || fail "no refusal logged"
	echo veth >>/etc/seal/modules
	capture seal-mksums
	expect_eq 0 "$capture_rc" "seal-mksums after adding veth"
	echo "$capture_out" | grep -q "$KVER: 'veth' joins the list: named at /etc/seal/modules:4" &&
		pass "seal-mksums names veth joining the list" || fail "seal-mksums said: $capture_out"
	grep -q "/lib/modules/$KVER/.*/veth\.ko" /lib/modules/sha256sums && pass "veth listed for $KVER" || fail "veth not listed"
else
	expect_ok modprobe veth
	is_loaded veth && pass "veth loads after the list was rewritten and the machine rebooted" || fail "veth not loaded"
	expect_ok ip link add v0 type veth peer name v1
fi
