# SPDX-License-Identifier: GPL-2.0-or-later
# A bad /etc/seal/seal.conf (an unknown key; then, fixed and the unit restarted, a list that does not exist): seal.service fails each time with one journal line naming the file and line, or the list; the machine boots on unsealed, loading what an unsealed machine loads (the reference for the early profile), and seal-verify exits 2; the loads the early and late profiles see refused (an unlisted module by modprobe, a tampered one by insmod, modprobe and request_module) work here.
# system-unit: seal.service
# system-conf: sums=/lib/modules/sha256sums
# system-conf: frobnicate=yes
# system-list: all
# system-modules-load: nlmon
expect_eq degraded "$state" "systemctl is-system-running (one failed unit)"
expect_eq seal.service "$(systemctl --failed --no-legend --plain | awk '{print $1}' | tr '\n' ' ' | sed 's/ $//')" "the failed units"
capture journalctl -b -u seal.service -o cat --no-pager
echo "$capture_out" | grep -q "/etc/seal/seal.conf:2: unknown key 'frobnicate'" &&
	pass "the journal says why: $(echo "$capture_out" | grep -o "/etc/seal/seal.conf:2: unknown key 'frobnicate'")" ||
	fail "no journal line naming /etc/seal/seal.conf:2 and the key: $capture_out"
[ -e /sys/kernel/seal/sealed ] && fail "sealed anyway" || pass "not sealed"
is_loaded e1000 && pass "udev loaded e1000" || fail "udev did not load e1000: $(loaded_modules)"
is_loaded nlmon && pass "systemd-modules-load loaded nlmon" || fail "nlmon not loaded"
echo "MODULES: $(loaded_modules)"
capture seal-verify
expect_eq 2 "$capture_rc" "seal-verify's exit status on the unsealed kernel ($(echo "$capture_out" | cut -c1-300))"

# The key fixed, the list gone: the unit fails again, naming the list.
printf 'sums=/lib/modules/no-such-list\n' >/etc/seal/seal.conf
expect_fail systemctl restart seal.service
capture journalctl -b -u seal.service -o cat --no-pager
echo "$capture_out" | grep -q "sums=/lib/modules/no-such-list: No such file or directory" &&
	pass "the journal names the missing list" || fail "no journal line naming the missing list: $capture_out"
[ -e /sys/kernel/seal/sealed ] && fail "sealed anyway" || pass "still not sealed"
capture seal-verify
expect_eq 2 "$capture_rc" "seal-verify's exit status ($(echo "$capture_out" | cut -c1-300))"

# The loads s-early and s-late see refused, on this unsealed machine: they work, so the refusals
# there are seal's doing. seal_unlisted (on no list) by modprobe; veth with one byte more, by insmod,
# then recompressed as Debian compresses, by modprobe and by request_module.
install_unlisted
expect_ok modprobe seal_unlisted
is_loaded seal_unlisted && pass "unsealed: modprobe loaded seal_unlisted" || fail "unsealed: seal_unlisted not loaded"
v=$(modinfo -n veth)
case "$v" in *.xz) xz -dc "$v" >/tmp/veth.ko ;; *) cp "$v" /tmp/veth.ko ;; esac
printf 'x' >>/tmp/veth.ko
expect_ok insmod /tmp/veth.ko
is_loaded veth && pass "unsealed: insmod loaded the tampered veth" || fail "unsealed: the tampered veth not loaded"
expect_ok rmmod veth
case "$v" in *.xz) xz --check=crc32 -c /tmp/veth.ko >"$v" ;; *) cp /tmp/veth.ko "$v" ;; esac
expect_ok modprobe veth
expect_ok rmmod veth
expect_ok ip link add v0 type veth                  # request_module
is_loaded veth && pass "unsealed: request_module loaded the tampered veth" || fail "unsealed: veth not loaded by request_module"
