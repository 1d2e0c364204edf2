# SPDX-License-Identifier: GPL-2.0-or-later
# Modules loaded in a loop while seal.ko loads: once its insmod has returned, no load gets through.
# vm-timeout: 400

# vm-smp: 2
# Two CPUs, so the loaders run truly in parallel with seal.ko's init.
[ "$(nproc)" -ge 2 ] || die "expected 2 guest CPUs (# vm-smp: 2), got $(nproc)"

rm -f /tmp/sealed /tmp/stop /tmp/through-*
fin=$(module_path ifb)
init_plain=$(module_plain veth)

# loader NAME CMD...: until /tmp/stop, try CMD; each success is logged with whether the seal had
# already returned before the attempt began (1) or not (0), and the module is removed again.
loader() {
	local name=$1 before
	shift
	while [ ! -e /tmp/stop ]; do
		before=0
		[ -e /tmp/sealed ] && before=1
		if "$@" >/dev/null 2>&1; then
			echo "$before" >>"/tmp/through-$name"
			rmmod "$name" 2>/dev/null
		fi
	done
}
loader ifb sysload finit "$fin" "" "$(finit_flags "$fin")" &
p1=$!
loader veth sysload init "$init_plain" &
p2=$!

sleep 2                                   # let both loaders run a few rounds unsealed
seal_load
touch /tmp/sealed
sleep 5                                   # and keep trying well after the seal
touch /tmp/stop
wait $p1 $p2

for m in ifb veth; do
	before=$(grep -c '^0' "/tmp/through-$m" 2>/dev/null)
	after=$(grep -c '^1' "/tmp/through-$m" 2>/dev/null)
	echo "sealvm: $m: ${before:-0} loads before the seal returned, ${after:-0} after"
	expect_eq 0 "${after:-0}" "$m loads that got through after insmod seal.ko returned"
	[ "${before:-0}" -gt 0 ] && pass "$m: the loader did load before the seal (the race was real)" ||
		fail "$m: no load got through even before the seal: the loader never ran, the test proves nothing"
done
assert_sealed
