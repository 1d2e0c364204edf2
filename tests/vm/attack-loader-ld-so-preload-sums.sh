# SPDX-License-Identifier: GPL-2.0-or-later
# Code injected into the insmod= loader through /etc/ld.so.preload (which AT_SECURE does not stop) calls init_module with tampered bytes: with sums= the kernel check refuses (not-listed), logged; the seal holds.
[ -f /usr/lib/attack-preload.so ] || die "no /usr/lib/attack-preload.so (the runner did not build it)"
expect_ok seal-mksums -o /lib/modules/sha256sums
seal_load insmod=/sbin/seal-insmod sums=/lib/modules/sha256sums
m=$(module_unsigned dummy)
tamper_byte "$m"
echo /usr/lib/attack-preload.so >/etc/ld.so.preload
attack_mark
capture env ATTACK_MODULE=$m /sbin/seal-insmod "$(module_path dummy)"
rm -f /etc/ld.so.preload
echo "seal-insmod with /etc/ld.so.preload: $capture_out"
echo "$capture_out" | grep -q 'preload: init_module .*: EPERM' && pass "injected init_module of tampered bytes: EPERM" || fail "expected 'preload: init_module ...: EPERM', got: $capture_out"
attack_logged module 1 init_module
seal_log | tail -n +$((attack_lines + 1)) | grep -q 'op=init_module .*exe=/sbin/seal-insmod .*reason=not-listed' &&
	pass "logged with exe=/sbin/seal-insmod reason=not-listed" || fail "expected exe=/sbin/seal-insmod reason=not-listed: $(seal_log | tail -2)"
assert_not_loaded dummy
attack_holds
