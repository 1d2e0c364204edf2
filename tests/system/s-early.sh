# SPDX-License-Identifier: GPL-2.0-or-later
# Early profile (seal.service, sums= only): sealed before udev's coldplug with no denial in a normal boot; udev, systemd-modules-load, modprobe with a dependency and request_module load listed modules; an unlisted and a tampered module are refused by modprobe, insmod, systemd-modules-load and request_module; seal-verify exits 0, then 1 after a refusal.
# system-tier: core
# system-unit: seal.service
# system-conf: sums=/lib/modules/sha256sums
# system-list: all
# system-modules-load: nlmon
expect_eq running "$state" "systemctl is-system-running"
expect_eq 1 "$(cat /sys/kernel/seal/sealed 2>&1)" "/sys/kernel/seal/sealed"
expect_eq "success" "$(systemctl show -p Result --value seal.service)" "seal.service result"
expect_eq 0 "$(denied_lines)" "'seal: denied' lines in the boot's journal"
echo "MODULES: $(loaded_modules)"
is_loaded e1000 && pass "udev loaded e1000 after the seal" || fail "udev did not load e1000: $(loaded_modules)"
is_loaded nlmon && pass "systemd-modules-load loaded nlmon after the seal" || fail "nlmon not loaded"
expect_eq "success" "$(systemctl show -p Result --value systemd-modules-load.service)" "systemd-modules-load result"
# the kernel's request_module (runs /sbin/modprobe)
expect_ok ip link add d0 type dummy
is_loaded dummy && pass "request_module loaded dummy" || fail "dummy not loaded"
# modprobe with dependencies and modprobe.d options
expect_ok modprobe macvtap
for m in macvlan tap macvtap; do is_loaded $m && pass "$m loaded" || fail "$m not loaded"; done
expect_eq active "$(systemctl is-active seal-verify.timer)" "seal-verify.timer"
capture systemctl start seal-verify.service
expect_eq "ExecMainStatus=0 Result=success" "$(unit_result seal-verify.service)" "seal-verify.service on the clean system"

# seal_unlisted, installed after the list was written: every loader is refused
install_unlisted
f=$(modinfo -n seal_unlisted)
expect_refused not-listed modprobe seal_unlisted
expect_refused not-listed insmod "$f"
echo seal_unlisted >/etc/modules-load.d/seal-test-unlisted.conf
expect_refused not-listed systemctl restart systemd-modules-load.service
rm -f /etc/modules-load.d/seal-test-unlisted.conf
is_loaded seal_unlisted && fail "seal_unlisted loaded" || pass "seal_unlisted not loaded"
# a tampered veth: one byte more, in the tree where modprobe finds it, and by insmod
v=$(modinfo -n veth)
case "$v" in *.xz) xz -dc "$v" >/tmp/veth.ko ;; *) cp "$v" /tmp/veth.ko ;; esac
printf 'x' >>/tmp/veth.ko
expect_refused not-listed insmod /tmp/veth.ko
# recompressed as Debian compresses (CRC32, which the kernel's decoder reads): kmod 34 hands the
# kernel the .ko.xz, which would load unsealed; seal must refuse it by its image's digest
case "$v" in *.xz) xz --check=crc32 -c /tmp/veth.ko >"$v" ;; *) cp /tmp/veth.ko "$v" ;; esac
expect_refused not-listed modprobe veth
expect_refused not-listed ip link add v0 type veth                # request_module
is_loaded veth && fail "tampered veth loaded" || pass "tampered veth not loaded"
n=$(journal_seal | grep -c 'denied op=.*reason=not-listed')
[ "$n" -ge 6 ] && pass "$n refusals logged reason=not-listed" || fail "expected at least 6 'reason=not-listed' lines, got $n: $(journal_seal | tail -3)"
capture systemctl start seal-verify.service
expect_eq "ExecMainStatus=1 Result=exit-code" "$(unit_result seal-verify.service)" "seal-verify.service after refusals"
