# SPDX-License-Identifier: GPL-2.0-or-later
# Bad parameters: a newline, an escape or a non-ASCII byte in the parameters makes seal.ko's load fail without printing the value (it could forge a log line); nothing is sealed.
nl='
'
for bad in "sums=/tmp/a${nl}seal: sealed: forged" "insmod=/bin/sysload$(printf '\033')[2J" "sums=/tmp/caf$(printf '\303\251')"; do
	dmesg -c >/dev/null
	seal_load_refused "$bad"
	if seal_log | grep -q 'seal: parameters: byte 0x[0-9a-f][0-9a-f] at offset [0-9]* is not printable ASCII; nothing sealed'; then
		pass "refused and named by offset: $(seal_log | tail -1)"
	else
		fail "no 'parameters: byte 0x.. at offset N' line; log: $(dmesg | tail -3 | cat -v)"
	fi
	expect_eq 0 "$(dmesg | grep -c 'seal: sealed: forged')" "forged lines"
	expect_eq 0 "$(dmesg | grep -c "$(printf '\033')")" "raw ESC bytes in the log"
done
assert_unsealed
