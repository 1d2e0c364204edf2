#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-verify and seal.ko's refused record: each refused module is reported by name, once a boot,
# with how to allow it, the same in text, JSON and the metrics; the learning profile is reported
# (seal-learning, which does not change the exit status) and the loads it let through are counted.
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/verify.sh"
verify_setup

H1=59e5c1a4f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbcc
H2=0000000000000000000000000000000000000000000000000000000000000001
fresh
S=$tmp/r/sys/kernel/seal
echo boot-1 >"$tmp/r/proc/sys/kernel/random/boot_id" 2>/dev/null ||
	{ mkdir -p "$tmp/r/proc/sys/kernel/random" && echo boot-1 >"$tmp/r/proc/sys/kernel/random/boot_id"; }
printf '%s\n' "algif_aead sha256=$H1 op=init_module reason=not-listed count=3 requested=algif-aead" \
	"esp4 sha256=$H2 op=finit_module reason=not-listed count=1 requested=xfrm-type-2-50" \
	'x\x0aseal:\x20forged sha256='"$H2"' op=finit_module reason=not-loader count=2' >"$S/refused"
echo 6 >"$S/denied/module"

verify "$tmp/r" --metrics "$tmp/seal.prom"
is_rc 1 "$rc" "refused modules: exit 1"
like "$out" "seal-verify: refused-module algif_aead sha256=$H1 reason=not-listed op=init_module count=3 requested=algif-aead policy=/etc/seal/modules" \
	"a refused module by name: digest, reason, loader, count, what the kernel asked for, the policy"
like "$out" "seal-verify: refused-module esp4 sha256=$H2 reason=not-listed op=finit_module count=1 requested=xfrm-type-2-50" \
	"a second refused module"
like "$out" "seal-verify: refused-module x\\x0aseal:\\x20forged sha256=$H2 reason=not-loader" \
	"a hostile name: escaped once, as seal.ko wrote it (not \\x5cx0a)"
is 1 "$(grep -c '^seal-verify: note: to allow a refused module: add its name to /etc/seal/modules, run seal-mksums, reboot' <<<"$out")" \
	"how to allow one: said once"
like "$(cat "$tmp/seal.prom")" 'seal_verify_findings{kind="refused-module"} 3' "metrics: the refused modules counted"
like "$(cat "$tmp/seal.prom")" 'seal_verify_findings{kind="seal-learning"} 0' "metrics: not learning"

verify "$tmp/r"
unlike "$out" "refused-module" "the next run: the same refusals are not reported again"
unlike "$out" "note:" "the next run: no note either"
printf '%s\n' "veth sha256=$H1 op=init_module reason=not-listed count=1" >>"$S/refused"
verify "$tmp/r"
like "$out" "seal-verify: refused-module veth " "a new refusal in the same boot: reported"
is 1 "$(grep -c 'refused-module' <<<"$out")" "a new refusal in the same boot: only it"
echo boot-2 >"$tmp/r/proc/sys/kernel/random/boot_id"
verify "$tmp/r"
is 4 "$(grep -c 'refused-module' <<<"$out")" "another boot: each refused module reported again"
verify "$tmp/r" --since-boot
is 4 "$(grep -c 'refused-module' <<<"$out")" "--since-boot: every refused module"

verify "$tmp/r" --json --since-boot
is "algif_aead esp4 veth x\\x0aseal:\\x20forged" \
	"$(python3 -c 'import json,sys; print(*sorted(f["subject"] for f in json.load(sys.stdin)["findings"] if f["kind"]=="refused-module"))' <<<"$out" 2>&1)" \
	"--json: the refused modules by name (valid JSON, no note in it)"
printf 'not a refused line\n' >>"$S/refused"
verify "$tmp/r"
is_rc 2 "$rc" "a bad line in refused (the rest reported before): a gap, exit 2"
like "$err" "/sys/kernel/seal/refused: unexpected line: not a refused line" "a bad line in refused: a gap, named"

# no refused file (a seal.ko before it): nothing said
fresh
verify "$tmp/r"
is_rc 0 "$rc" "no refused file: a clean run (exit 0)"

# learning: seal-learning, benign; the loads the policy would have refused are counted
echo yes >"$S/learn"
dummy=$(sha256sum <"$tmp/r/lib/modules/$KVER/kernel/drivers/net/dummy.ko" | cut -d' ' -f1)
echo "dummy sha256=$dummy op=init_module verdict=ok init=ok" >"$S/loads"
verify "$tmp/r" --metrics "$tmp/seal.prom"
is_rc 0 "$rc" "learning, nothing off the list: exit 0 (seal-learning does not change it)"
like "$out" "seal-verify: seal-learning seal learn=yes off_list_loads=0" "learning: reported"
like "$(cat "$tmp/seal.prom")" 'seal_parameter{name="learn",value="yes"} 1' "metrics: learn=yes"
like "$(cat "$tmp/seal.prom")" 'seal_verify_findings{kind="seal-learning"} 1' "metrics: the seal-learning finding"
echo "veth sha256=$(sha256sum <"$tmp/r/lib/modules/$KVER/kernel/drivers/net/veth.ko" | cut -d' ' -f1) op=init_module verdict=not-listed init=failed requested=rtnl-link-veth" >>"$S/loads"
verify "$tmp/r"
like "$out" "off_list_loads=1" "learning: a load the policy would have refused is counted"
unlike "$out" "hidden veth" "a load whose init failed (init=failed) is not hidden: the kernel freed it"
is_rc 0 "$rc" "learning, a listed module whose init failed: exit 0"
sed -i '/\/veth\.ko$/d' "$tmp/r/lib/modules/sha256sums" && reseal "$tmp/r"
verify "$tmp/r"
like "$out" "seal-verify: loaded-unlisted veth sha256=" "a load off the list: reported loaded-unlisted, new fields and all"
is_rc 1 "$rc" "a load off the list: exit 1, learning or not"

done_testing
