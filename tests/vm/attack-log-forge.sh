# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile names in seal's log: programs named with a newline, a terminal escape, %, quotes and invalid UTF-8 load an
# unlisted module, and remove a module by such a name; each refusal is one line with every value escaped, and no line
# can pass for seal's own. A listed module loaded under a hostile name shows escaped in /sys/kernel/seal/loads.
f=$(module_path dummy)
nl='
'
esc=$(printf '\033')
# dummy renamed to "du\x1bmy" (same length, see attack-modrename), listed, so it loads after the seal
expect_ok attack-modrename "$(module_unsigned dummy)" /tmp/dummy-esc.ko "du${esc}my"
sha256sum /tmp/dummy-esc.ko >/tmp/hostile.sha256 || die "sha256sum /tmp/dummy-esc.ko failed"
seal_load sums=/tmp/hostile.sha256 no_remove=true
dmesg -c >/dev/null
n=0
# name|escaped exe= value
for pair in "x${nl}seal: sealed: forged|/tmp/x\\x0aseal:\\x20sealed:\\x20forged" \
	"x${esc}[2J${esc}]0;t|/tmp/x\\x1b[2J\\x1b]0;t" \
	"x%s%n|/tmp/x%s%n" \
	"x\"q'\\|/tmp/x\\x22q'\\x5c" \
	"x$(printf '\377\376')|/tmp/x\\xff\\xfe"; do
	name=${pair%%|*} want=${pair#*|}
	cp /bin/sysload "/tmp/$name" || die "cp /bin/sysload to a hostile name failed"
	expect_fail_errno EPERM "/tmp/$name" finit "$f" "" "$(finit_flags "$f")"
	n=$((n + 1))
	if dmesg | grep -F -e "exe=$want module=dummy sha256=" | grep -q '^\[[^]]*\] seal: denied op=finit_module pid=[0-9]* comm=[!-~]* exe='; then
		pass "one line, exe=$want"
	else
		fail "no 'seal: denied op=finit_module ... exe=$want' line; the log was: $(dmesg | tail -n 3 | cat -v)"
	fi
done
# comm is the file name's first 15 bytes: "x", newline, "seal: sealed:"
dmesg | grep -qF 'comm=x\x0aseal:\x20sealed: exe=' && pass "comm= escaped" ||
	fail "no comm=x\\x0aseal:\\x20sealed: in: $(dmesg | grep -F 'forged' | cat -v)"
expect_fail_errno EPERM sysload delete "d${nl}seal: x"
dmesg | grep -qF 'op=delete_module pid=' && dmesg | grep -F 'op=delete_module pid=' | grep -qF ' module=d\x0aseal:\x20x reason=sealed' &&
	pass "module= escaped" || fail "no module=d\\x0aseal:\\x20x line: $(dmesg | tail -n 2 | cat -v)"
n=$((n + 1))

# one line per refusal: every line has the timestamp prefix and is seal's denial, nothing raw
expect_eq "$n" "$(dmesg | grep -c '^\[[^]]*\] seal: denied ')" "seal: denied lines for $n refusals"
expect_eq "$n" "$(dmesg | wc -l)" "kernel log lines since the refusals (no line split off a value)"
expect_eq 0 "$(dmesg | grep -c "$esc")" "raw ESC bytes in the kernel log"
expect_eq 0 "$(dmesg | grep -c 'seal: sealed: forged')" "forged 'seal: sealed: forged' lines"

# the load record: a listed module with a hostile name
expect_ok insmod /tmp/dummy-esc.ko
if grep -q '^du\\x1bmy sha256=' "$SEAL_SYSFS/loads"; then
	pass "loads: du\\x1bmy escaped"
else
	fail "loads: expected a 'du\\x1bmy sha256=' line, got: $(cat -v "$SEAL_SYSFS/loads")"
fi
expect_eq 0 "$(grep -c "$esc" "$SEAL_SYSFS/loads")" "raw ESC bytes in $SEAL_SYSFS/loads"
