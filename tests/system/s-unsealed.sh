# SPDX-License-Identifier: GPL-2.0-or-later
# The same machine never sealed: it boots with no failed unit, udev loads the NIC's driver, and seal-verify exits 2 (not sealed); its module list is the reference for the early profile.
# system-unit: none
# system-list: all
# system-modules-load: nlmon
expect_eq running "$state" "systemctl is-system-running"
[ -e /sys/kernel/seal/sealed ] && fail "/sys/kernel/seal/sealed exists" || pass "no /sys/kernel/seal: not sealed"
is_loaded e1000 && pass "udev loaded e1000" || fail "udev did not load e1000: $(loaded_modules)"
is_loaded nlmon && pass "systemd-modules-load loaded nlmon" || fail "nlmon not loaded"
echo "MODULES: $(loaded_modules)"
run seal-verify --quiet
expect_eq 2 "$run_rc" "seal-verify's exit status on an unsealed kernel ($run_out)"
