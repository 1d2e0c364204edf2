# SPDX-License-Identifier: GPL-2.0-or-later
# Bad parameters: a parameter string longer than all of seal's parameters at their longest (here one
# key given 30 times, each value within its buffer, so the kernel's own parsing lets it by) makes the
# load fail, the log says so (it said nothing), and nothing is sealed.
dmesg -c >/dev/null
long=$(head -c 4000 /dev/zero | tr '\0' a)
set --
for _ in $(seq 30); do set -- "$@" "sums=/$long"; done
# (seal_load_refused would print the 120 KB of parameters)
capture insmod "$SEAL_KO" "$@"
[ "$capture_rc" -ne 0 ] && pass "insmod seal.ko with 30 x sums=: refused (${capture_out%%sums=*})" ||
	fail "insmod seal.ko with 30 x sums=: expected the load to fail, it succeeded"
assert_not_loaded seal
if seal_log | grep -q "the parameters are longer than"; then
	pass "the log says the parameters are too long: $(seal_log | grep 'longer than' | cut -c1-120 | head -1)"
else
	fail "no 'seal: ' line says the parameters are too long; log: $(seal_log | tail -3 | cut -c1-200)"
fi
assert_unsealed
