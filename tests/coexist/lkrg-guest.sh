# SPDX-License-Identifier: GPL-2.0-or-later
# Guest side of tests/coexist/lkrg (not a t-*.sh: it needs LKRG, built by that runner from a source
# the operator gives). $coexist_order says who comes first:
#   seal-first  seal, then LKRG loaded under the seal (listed, by the named loader);
#   lkrg-first  LKRG loaded unsealed, then seal: LKRG sees seal's ftrace hooks go in.
# Then LKRG's integrity check runs (lkrg.trigger=1, at log_level 4 so that each check prints
# its hashes): it must run, find every hash as expected and raise no alarm, both stay loaded,
# and seal still refuses an unlisted module.
dmesg -c >/dev/null
n=$(module_path nlmon) d=$(module_path dummy)
sums_lines "$n" >/tmp/l.sha256
sha256sum /seal/lkrg.ko >>/tmp/l.sha256
load_lkrg() {
	capture sysload finit /seal/lkrg.ko "" 0
	[ "$capture_rc" -eq 0 ] && pass "LKRG loads ($1)" || die "LKRG did not load ($1): rc=$capture_rc $capture_out"
	sysctl -w lkrg.log_level=4 >/dev/null 2>&1 || fail "sysctl lkrg.log_level=4 failed"
}
case "${coexist_order:?}" in
seal-first)
	seal_load sums=/tmp/l.sha256 insmod=/bin/sysload
	load_lkrg "under the seal: listed, by the named loader" ;;
lkrg-first)
	load_lkrg "unsealed"
	seal_load sums=/tmp/l.sha256 insmod=/bin/sysload ;;
*) die "unknown coexist_order '$coexist_order'" ;;
esac
sleep 2
expect_ok sysload finit "$n" "" "$(finit_flags "$n")"
attack_mark
expect_fail_errno EPERM sysload finit "$d" "" "$(finit_flags "$d")"
attack_logged module 1 finit_module "reason=not-listed"
# LKRG's own integrity check, now, over seal's hooks
dmesg -c >/tmp/lkrg-before.log
sysctl -w lkrg.trigger=1 >/dev/null 2>&1 || fail "sysctl lkrg.trigger=1 failed"
i=0
while [ $i -lt 20 ] && ! dmesg | grep -q '_stext hash expected'; do sleep 1; i=$((i + 1)); done
echo "---- LKRG's lines:"
cat /tmp/lkrg-before.log - <<-X | grep -i lkrg | sed 's/^/  /'
	$(dmesg)
X
grep -q 'LKRG: ALIVE: LKRG initialized successfully' /tmp/lkrg-before.log && pass "LKRG initialized" ||
	fail "LKRG did not say it initialized"
dmesg | grep -q '_stext hash expected' && pass "LKRG's integrity check ran after the trigger" ||
	fail "LKRG printed no _stext check within 20 s of lkrg.trigger=1"
# every "X hash expected A vs. actual B" of that check has A = B
expect_eq 0 "$(dmesg | sed -n 's/.*hash expected \(0x[0-9a-f]*\) vs\. actual \(0x[0-9a-f]*\).*/\1 \2/p' |
	awk '$1 != $2' | wc -l)" "LKRG hashes that changed"
expect_eq 0 "$(cat /tmp/lkrg-before.log - <<-X | grep -ciE 'lkrg.*(alert|detect|corrupt|block)'
	$(dmesg)
X
)" "LKRG alarms"
grep -q '^lkrg ' /proc/modules && pass "LKRG is loaded" || fail "LKRG is not in /proc/modules"
grep -q '^seal ' /proc/modules && pass "seal is loaded" || fail "seal is not in /proc/modules"
attack_holds
