# SPDX-License-Identifier: GPL-2.0-or-later
# Denials: one "seal: denied op= pid= comm= exe= module= sha256= reason=" line each, naming the module, with the digest of its image (the file's, or its decompressed image's for a .ko.xz, whatever the call), and exact counters.
# vm-tier: core
f=$(module_path dummy)
p=$(module_plain dummy)
sum_plain=$(sha256sum "$p" | cut -d' ' -f1)
seal_load
before=$(denied_count module)
dmesg -c >/dev/null
for _ in 1 2 3; do
	expect_fail_errno EPERM sysload finit "$f" "" "$(finit_flags "$f")"
done
expect_fail_errno EPERM sysload init "$p"
expect_eq $((before + 4)) "$(denied_count module)" "$SEAL_SYSFS/denied/module after 4 denials (was $before)"
# op= names the system call that was refused (the counter is the kind, "module")
re='seal: denied op=%s pid=[0-9][0-9]* comm=sysload exe=/bin/sysload module=dummy sha256=%s reason=sealed$'
n=$(seal_log | grep -c "$(printf "$re" finit_module "$sum_plain")")
expect_eq 3 "$n" "log lines 'op=finit_module ... module=dummy sha256=$sum_plain reason=sealed'"
n=$(seal_log | grep -c "$(printf "$re" init_module "$sum_plain")")
expect_eq 1 "$n" "log lines 'op=init_module ... module=dummy sha256=$sum_plain reason=sealed'"
[ "$n" = 1 ] || echo "sealvm: the seal: lines were: $(seal_log)"
for k in module mem port remove kexec; do
	case "$(denied_count $k)" in
	missing) fail "$SEAL_SYSFS/denied/$k does not exist" ;;
	*[!0-9]*) fail "$SEAL_SYSFS/denied/$k: expected a number, got '$(denied_count $k)'" ;;
	*) pass "$SEAL_SYSFS/denied/$k = $(denied_count $k)" ;;
	esac
done
