# SPDX-License-Identifier: GPL-2.0-or-later
# Bad parameters: an unknown key makes seal.ko's load fail, the log names it, and nothing is sealed.
dmesg -c >/dev/null
seal_load_refused frobnicate=yes
if seal_log | grep -q frobnicate; then pass "the log names the key: $(seal_log | grep frobnicate | head -1)"; else fail "no 'seal: ' log line names 'frobnicate'; log: $(seal_log | tail -3)"; fi
assert_unsealed
