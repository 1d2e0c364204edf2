# SPDX-License-Identifier: GPL-2.0-or-later
# Kernel packages come and go on a sealed machine: removing the other kernel's package (dpkg -r) drops its lines from the list and seal-verify calls it an update (exit 0), configuring the running kernel's package again (its postinst) rewrites the list too, through /etc/kernel/post*.d/zz-seal; a packaged module with one byte changed is then refused by seal-mksums, named with its package, the rest is written (exit 3), and seal-verify finds the running kernel's entries changed (exit 1).
# system-tier: core
# system-unit: seal.service
# system-conf: sums=/lib/modules/sha256sums
# system-list: all
# system-kernels: 6.1 7.3
# vm-timeout: 600
list=/lib/modules/sha256sums
# shellcheck disable=SC2010 # kernel versions: no odd names
other=$(ls /lib/modules | grep -v "^$KVER\$" | head -1)
[ -n "$other" ] || die "no other kernel in the image"
expect_eq 1 "$(cat /sys/kernel/seal/sealed 2>&1)" "/sys/kernel/seal/sealed"
n_other=$(grep -c " /lib/modules/$other/" "$list")
n_self=$(grep -c " /lib/modules/$KVER/" "$list")
[ "$n_other" -gt 1000 ] && pass "the list covers the other installed kernel: $n_other lines" ||
	fail "the list should cover $other too, it has $n_other lines of it"

# The packages that hold a kernel's modules: linux-image-KVER, or from 7.x linux-modules-KVER (and the
# linux-image-KVER that depends on it)
other_pkgs=$(kernel_packages "$other")
echo "system: dpkg -r $other_pkgs, up $(uptime) s"
# shellcheck disable=SC2086
capture dpkg -r $other_pkgs
echo "system: dpkg -r done, up $(uptime) s"
[ "$capture_rc" -eq 0 ] && pass "dpkg -r $other_pkgs" || fail "dpkg -r $other_pkgs: $capture_out"
echo "$capture_out" | grep -q "seal: $list rewritten" && pass "the postrm hook rewrote the list" ||
	fail "no 'seal: ... rewritten' from the postrm hook: $(echo "$capture_out" | tail -c 400)"
expect_eq 0 "$(grep -c " /lib/modules/$other/" "$list")" "lines of the removed kernel"
expect_eq "$n_self" "$(grep -c " /lib/modules/$KVER/" "$list")" "lines of the running kernel"
capture seal-verify
expect_eq 0 "$capture_rc" "seal-verify after the other kernel's removal (an upgrade, not tampering)"
echo "$capture_out" | grep -q "seal-sums-updated /lib/modules/sha256sums kernel=$other added=0 removed=$n_other changed=0" &&
	pass "seal-verify says what changed: $(echo "$capture_out" | grep -o 'seal-sums-updated [^ ]* [^ ]* [^ ]* [^ ]*')" ||
	fail "expected 'seal-sums-updated ... kernel=$other ... removed=$n_other', got: $(echo "$capture_out" | cut -c1-300)"

# The running kernel's package configured again (what its upgrade does last): its postinst runs
# /etc/kernel/postinst.d, zz-seal included. (Installing the other kernel's package again is the same
# hook but takes many minutes under emulation.) The initramfs is not what this test is about and takes
# minutes to build here: INITRD=No tells initramfs-tools' hook to skip it.
echo "system: dpkg-reconfigure, up $(uptime) s"
capture env INITRD=No dpkg-reconfigure -fnoninteractive "linux-image-$KVER"
echo "system: dpkg-reconfigure done, up $(uptime) s"
[ "$capture_rc" -eq 0 ] && pass "dpkg-reconfigure linux-image-$KVER" || fail "dpkg-reconfigure linux-image-$KVER: $(echo "$capture_out" | tail -c 400)"
echo "$capture_out" | grep -q "seal: $list rewritten" && pass "the postinst hook rewrote the list" ||
	fail "no 'seal: ... rewritten' from the postinst hook: $(echo "$capture_out" | tail -c 400)"
expect_eq "$n_self" "$(grep -c " /lib/modules/$KVER/" "$list")" "lines of the running kernel after its postinst"
expect_eq 0 "$(grep -c " /lib/modules/$other/" "$list")" "lines of the removed kernel after the postinst"

# The apt hook after it (apt's DPkg::Post-Invoke, /etc/apt/apt.conf.d/80seal), nothing changed since:
# the list is left as it is, the same file. On this disk the list's fsync takes time and the rename
# after it made /lib/modules newer than the list, so every apt run rewrote it (until 2026-12-08).
hook=$(sed -n 's/.*then \([^ ]*update-list\) --if-changed.*/\1/p' /etc/apt/apt.conf.d/80seal)
ino=$(ls -di "$list" | cut -d' ' -f1)
capture "$hook" --if-changed
expect_eq 0 "$capture_rc" "the apt hook, nothing changed: exit status"
expect_eq "$ino" "$(ls -di "$list" | cut -d' ' -f1)" "the list's inode after the apt hook, nothing changed"
echo "$capture_out" | grep -q "rewritten" && fail "the apt hook rewrote the list with nothing changed: $capture_out" ||
	pass "the apt hook, nothing changed: the list left as it was"

# a packaged module changed on disk: not listed, named with its package; the rest written
v=$(modinfo -n veth)
vpkg=$(module_package "$v")
nv=$(grep -c " $v\$" "$list")      # a .ko.xz has its #image line too
# one byte more in the module; a .ko.xz recompressed as Debian's are (CRC32), so that it still
# decompresses and the package check is what finds it
case "$v" in
*.xz) xz -dc "$v" >/tmp/veth.ko && printf 'x' >>/tmp/veth.ko && xz --check=crc32 -c /tmp/veth.ko >"$v" ;;
*) printf 'x' >>"$v" ;;
esac
capture seal-mksums -d
expect_eq 3 "$capture_rc" "seal-mksums' exit status with a changed packaged module"
echo "$capture_out" | grep -q "$v: not what package $vpkg installed" &&
	pass "the changed module is named with its package" || fail "expected '$v: not what package $vpkg installed', got: $capture_out"
grep -q " $v\$" "$list" && fail "$v is still listed" || pass "$v not listed"
expect_eq "$((n_self - nv))" "$(grep -c " /lib/modules/$KVER/" "$list")" "the rest of the list written, without the changed module"
capture seal-verify
expect_eq 1 "$capture_rc" "seal-verify once a running kernel's module changed"
echo "$capture_out" | grep -q "seal-sums-changed /lib/modules/sha256sums kernel=$KVER" &&
	pass "the running kernel's entries changed: seal-sums-changed" || fail "expected seal-sums-changed kernel=$KVER: $(echo "$capture_out" | cut -c1-300)"
