# SPDX-License-Identifier: GPL-2.0-or-later
# A module policy through kernel packages (Debian 12: 6.1 and 6.12; Debian 13: 6.12 and 7.3, whose packages are split): the list derived from /etc/seal/modules names the same modules for both installed kernels; removing the other kernel's package (dpkg -r) and configuring the running kernel's again (its postinst) rewrite it through the hooks with the same names for the running kernel, nothing for the removed one, and never the full tree.
# system-unit: seal.service
# system-conf: sums=/lib/modules/sha256sums
# system-policy: e1000 nlmon dummy btrfs
# system-list: all
# system-kernels: 6.1 6.12+deb13
# system-tier: core
# vm-timeout: 420
list=/lib/modules/sha256sums
# shellcheck disable=SC2010 # kernel versions: no odd names
other=$(ls /lib/modules | grep -v "^$KVER\$" | grep -v sha256sums | head -1)
[ -n "$other" ] || die "no other kernel in the image"
# names_of KVER: the module names the list holds for KVER, one line
names_of() {
	grep -v '^#' "$list" | cut -c67- | grep "^/lib/modules/$1/" | sed 's|.*/||; s|\.ko.*||' | tr - _ | sort | tr '\n' ' '
}
self=$(names_of "$KVER")
echo "system: names for $KVER: $self"
echo "system: names for $other: $(names_of "$other")"
for m in e1000 nlmon dummy btrfs seal; do
	case " $self " in *" $m "*) pass "$KVER: $m listed" ;; *) fail "$KVER: $m not listed" ;; esac
done
# and what btrfs needs in this kernel, as modprobe resolves it (libcrc32c on 6.1, more on 6.12)
deps=$(modprobe --show-depends btrfs | awk '$1 == "insmod" { n = $2; sub(/.*\//, "", n); sub(/\.ko.*/, "", n); gsub(/-/, "_", n); print n }')
[ -n "$deps" ] || fail "modprobe --show-depends btrfs printed no module"
for m in $deps; do
	case " $self " in *" $m "*) pass "$KVER: $m listed (btrfs needs it)" ;; *) fail "$KVER: $m not listed (btrfs needs it)" ;; esac
done
# the policy's names in both kernels; what they bring may differ (6.12's btrfs needs zstd_compress,
# built into 6.1): the closure is each kernel's own
theirs=$(names_of "$other")
for m in e1000 nlmon dummy btrfs; do
	case " $theirs " in *" $m "*) pass "$other: $m listed" ;; *) fail "$other: $m not listed ($theirs)" ;; esac
done
n=$(grep -vc '^#' "$list")
[ "$n" -lt 100 ] && pass "a short list: $n lines" || fail "the list has $n lines"

# linux-image-KVER, or from 7.x also linux-binary-KVER and linux-modules-KVER
other_pkgs=$(kernel_packages "$other")
# shellcheck disable=SC2086
capture dpkg -r $other_pkgs
[ "$capture_rc" -eq 0 ] && pass "dpkg -r $other_pkgs" || fail "dpkg -r: $capture_out"
echo "$capture_out" | grep -q "seal: $list rewritten" && pass "the postrm hook rewrote the list" || fail "hook: $(echo "$capture_out" | tail -c 400)"
echo "$capture_out" | grep -q "$other: no longer installed" && pass "the hook's run names the removed kernel" || fail "no 'no longer installed': $(echo "$capture_out" | tail -c 400)"
expect_eq "$self" "$(names_of "$KVER")" "the running kernel's names after the removal"
expect_eq "" "$(names_of "$other")" "the removed kernel's names"
echo "system: left in /lib/modules/$other: $(find "/lib/modules/$other" -mindepth 1 -maxdepth 3 | head -20 | tr '\n' ' ')"

capture env INITRD=No dpkg-reconfigure -fnoninteractive "linux-image-$KVER"
[ "$capture_rc" -eq 0 ] && pass "dpkg-reconfigure linux-image-$KVER" || fail "dpkg-reconfigure: $(echo "$capture_out" | tail -c 400)"
echo "$capture_out" | grep -q "seal: $list rewritten" && pass "the postinst hook rewrote the list" || fail "hook: $(echo "$capture_out" | tail -c 400)"
expect_eq "$self" "$(names_of "$KVER")" "the running kernel's names after its postinst"
n=$(grep -vc '^#' "$list")
[ "$n" -lt 100 ] && pass "still a short list: $n lines" || fail "the list has $n lines after the hooks"
