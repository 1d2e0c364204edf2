# SPDX-License-Identifier: GPL-2.0-or-later
# The guest side of bench/vm-load-time: N finit_module+delete_module pairs per module, unsealed then sealed with sums=.
# vm-timeout: 900
# Not part of the suite. sealvm.n=N on the kernel command line sets N (default 100).
n=$(sed -n 's/.*sealvm\.n=\([0-9][0-9]*\).*/\1/p' /proc/cmdline)
n=${n:-100}
mods="dummy veth"
: >/tmp/sha256sums
for m in $mods; do
	sha256sum "$(module_path "$m")" >>/tmp/sha256sums
done
for m in $mods; do
	run sysload loadloop "$(module_path "$m")" "$n"
	case "$run_out" in "ok "*) eval "unsealed_$m=\${run_out#ok }"; pass "unsealed $m" ;; *) die "unsealed loadloop $m: $run_out" ;; esac
done
seal_load sums=/tmp/sha256sums
for m in $mods; do
	run sysload loadloop "$(module_path "$m")" "$n"
	case "$run_out" in "ok "*) eval "sealed_$m=\${run_out#ok }"; pass "sealed $m" ;; *) die "sealed loadloop $m: $run_out" ;; esac
done
for m in $mods; do
	eval "u=\$unsealed_$m s=\$sealed_$m"
	echo "BENCH module=$m bytes=$(wc -c <"$(module_path "$m")") n=$n unsealed_ns=$u sealed_ns=$s" \
		"ratio=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", s / u }')"
done
