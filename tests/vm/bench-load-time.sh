# SPDX-License-Identifier: GPL-2.0-or-later
# The guest side of bench/vm-load-time: N finit_module+delete_module pairs per module, and 50N opens, unsealed then sealed with sums= and insmod= (so the program guards are on too).
# vm-timeout: 900
# Not part of the suite. sealvm.n=N on the kernel command line sets N (default 100).
n=$(sed -n 's/.*sealvm\.n=\([0-9][0-9]*\).*/\1/p' /proc/cmdline)
n=${n:-100}
mods="dummy veth"
: >/tmp/sha256sums
for m in $mods; do
	sha256sum "$(module_path "$m")" >>/tmp/sha256sums
done
# Warm-up, not measured: the first rounds pay for TCG translation and cold caches, which would
# otherwise be charged to the unsealed anchor.
for m in $mods; do
	sysload loadloop "$(module_path "$m")" "$n" >/dev/null
done
sysload openloop "$(module_path dummy)" $((n * 50)) >/dev/null
for m in $mods; do
	run sysload loadloop "$(module_path "$m")" "$n"
	case "$run_out" in "ok "*) eval "unsealed_$m=\${run_out#ok }"; pass "unsealed $m" ;; *) die "unsealed loadloop $m: $run_out" ;; esac
done
# An open of a file deep in /lib/modules: security_file_open runs once per open, the path walk per component.
open_path=$(module_path dummy) open_n=$((n * 50))
run sysload openloop "$open_path" "$open_n"
case "$run_out" in "ok "*) unsealed_open=${run_out#ok }; pass "unsealed open" ;; *) die "unsealed openloop: $run_out" ;; esac
seal_load sums=/tmp/sha256sums insmod=/bin/sysload
for m in $mods; do
	run sysload loadloop "$(module_path "$m")" "$n"
	case "$run_out" in "ok "*) eval "sealed_$m=\${run_out#ok }"; pass "sealed $m" ;; *) die "sealed loadloop $m: $run_out" ;; esac
done
run sysload openloop "$open_path" "$open_n"
case "$run_out" in "ok "*) sealed_open=${run_out#ok }; pass "sealed open" ;; *) die "sealed openloop: $run_out" ;; esac
for m in $mods; do
	eval "u=\$unsealed_$m s=\$sealed_$m"
	echo "BENCH module=$m bytes=$(wc -c <"$(module_path "$m")") n=$n unsealed_ns=$u sealed_ns=$s" \
		"ratio=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.3f", s / u }')"
done
echo "BENCH module=open+close bytes=0 n=$open_n unsealed_ns=$unsealed_open sealed_ns=$sealed_open" \
	"ratio=$(awk -v u="$unsealed_open" -v s="$sealed_open" 'BEGIN { printf "%.3f", s / u }')"
