# SPDX-License-Identifier: GPL-2.0-or-later
# Late profile (seal-late.service, insmod=seal-insmod and sums=): sealed after multi-user.target; modprobe, udev and request_module loads are refused and logged (reason=not-loader); seal-insmod NAME loads a listed module and its dependencies; an unlisted module is refused by seal-insmod too.
# system-unit: seal-late.service
# system-conf: insmod=/usr/sbin/seal-insmod
# system-conf: sums=/lib/modules/sha256sums
# system-list: all
expect_eq running "$state" "systemctl is-system-running"
expect_eq 1 "$(cat /sys/kernel/seal/sealed 2>&1)" "/sys/kernel/seal/sealed"
expect_eq "success" "$(systemctl show -p Result --value seal-late.service)" "seal-late.service result"
is_loaded e1000 && pass "udev loaded e1000 before the seal" || fail "e1000 not loaded before the seal"

# modprobe and the kernel's request_module are refused: only seal-insmod may load
expect_refused not-loader modprobe nlmon
expect_refused not-loader ip link add d0 type dummy
is_loaded nlmon && fail "nlmon loaded by modprobe" || pass "nlmon not loaded by modprobe"
is_loaded dummy && fail "dummy loaded by request_module" || pass "dummy not loaded by request_module"
# udev: the NIC's driver unloaded, then its device announced again
expect_ok rmmod e1000
expect_ok udevadm trigger --action=add --subsystem-match=pci --settle
is_loaded e1000 && fail "udev loaded e1000 after the seal" || pass "udev's load of e1000 refused"
n=$(journal_seal | grep 'seal: denied' | grep -c 'reason=not-loader')
[ "$n" -ge 3 ] && pass "$n refusals logged reason=not-loader: $(journal_seal | grep not-loader | tail -1)" ||
	fail "expected at least 3 'reason=not-loader' lines, got $n: $(journal_seal | tail -3)"

# seal-verify, as its timer runs it: the refusals above once (exit 1), then not again (exit 0)
capture systemctl start seal-verify.service
expect_eq "ExecMainStatus=1 Result=exit-code" "$(unit_result seal-verify.service)" "seal-verify.service after the refusals"
capture systemctl start seal-verify.service
expect_eq "ExecMainStatus=0 Result=success" "$(unit_result seal-verify.service)" "seal-verify.service again: each denial reported once"
journalctl -b -u seal-verify.service -o cat --no-pager | grep -q "seal-denied module count=.* since=seal" &&
	pass "the journal has the seal-denied line" || fail "no seal-denied line from seal-verify in the journal"

# seal-insmod by name: dependencies first, each checked
expect_ok seal-insmod macvtap
for m in macvlan tap macvtap; do is_loaded $m && pass "$m loaded by seal-insmod" || fail "$m not loaded"; done
expect_ok seal-insmod e1000
is_loaded e1000 && pass "e1000 back, by seal-insmod" || fail "e1000 not loaded by seal-insmod"
# seal_unlisted, installed after the list was written
install_unlisted
expect_fail seal-insmod seal_unlisted
echo "$capture_out" | grep -q "seal_unlisted.ko: not on the allow-list /lib/modules/sha256sums" &&
	pass "seal-insmod says why: not on the allow-list" || fail "seal-insmod's refusal does not say 'not on the allow-list': $capture_out"
is_loaded seal_unlisted && fail "seal_unlisted loaded" || pass "seal_unlisted not loaded"

# a tampered veth: one byte more; seal-insmod refuses its file
v=$(modinfo -n veth)
case "$v" in *.xz) xz -dc "$v" >/tmp/veth.ko ;; *) cp "$v" /tmp/veth.ko ;; esac
printf 'x' >>/tmp/veth.ko
expect_fail seal-insmod /tmp/veth.ko
echo "$capture_out" | grep -q "/tmp/veth.ko: not on the allow-list /lib/modules/sha256sums" &&
	pass "seal-insmod says why: not on the allow-list" || fail "seal-insmod's refusal does not say 'not on the allow-list': $capture_out"
is_loaded veth && fail "tampered veth loaded" || pass "tampered veth not loaded"
# seal-verify, as its timer runs it: 1 after the refusals above
expect_eq active "$(systemctl is-active seal-verify.timer)" "seal-verify.timer"
capture systemctl start seal-verify.service
expect_eq "ExecMainStatus=1 Result=exit-code" "$(unit_result seal-verify.service)" "seal-verify.service after refusals"
