# SPDX-License-Identifier: GPL-2.0-or-later
# Denials: one "seal: denied op= pid= comm= exe= sha256= reason=" line each, with the digest of the bytes, and exact counters.
f=$(module_path dummy)
p=$(module_plain dummy)
sum_file=$(sha256sum "$f" | cut -d' ' -f1)
sum_plain=$(sha256sum "$p" | cut -d' ' -f1)
seal_load
before=$(denied_count module)
dmesg -c >/dev/null
for i in 1 2 3; do
	expect_fail_errno EPERM sysload finit "$f" "" "$(finit_flags "$f")"
done
expect_fail_errno EPERM sysload init "$p"
expect_eq $((before + 4)) "$(denied_count module)" "$SEAL_SYSFS/denied/module after 4 denials (was $before)"
# op= names the system call that was refused (the counter is the kind, "module")
re='seal: denied op=%s pid=[0-9][0-9]* comm=sysload exe=/bin/sysload sha256=%s reason=sealed$'
n=$(seal_log | grep -c "$(printf "$re" finit_module "$sum_file")")
expect_eq 3 "$n" "log lines 'op=finit_module ... sha256=$sum_file reason=sealed'"
n=$(seal_log | grep -c "$(printf "$re" init_module "$sum_plain")")
expect_eq 1 "$n" "log lines 'op=init_module ... sha256=$sum_plain reason=sealed'"
[ "$n" = 1 ] || echo "sealvm: the seal: lines were: $(seal_log)"
for k in module mem port remove kexec; do
	case "$(denied_count $k)" in
	missing) fail "$SEAL_SYSFS/denied/$k does not exist" ;;
	*[!0-9]*) fail "$SEAL_SYSFS/denied/$k: expected a number, got '$(denied_count $k)'" ;;
	*) pass "$SEAL_SYSFS/denied/$k = $(denied_count $k)" ;;
	esac
done
