# SPDX-License-Identifier: GPL-2.0-or-later
# Bad parameters: a sums= file with a malformed line fails the load (the log names the line); nothing sealed.
p=$(module_plain dummy)
{ sha256sum "$p"; echo "this is not a sums line"; } >/tmp/bad-sums
dmesg -c >/dev/null
seal_load_refused sums=/tmp/bad-sums
if seal_log | grep -q 'bad-sums'; then pass "the log names the file: $(seal_log | grep bad-sums | head -1)"; else fail "no 'seal: ' log line names /tmp/bad-sums; log: $(seal_log | tail -3)"; fi
# a digest one hex digit short
sha256sum "$p" | sed 's/^./ /; s/^ //' >/tmp/short-sums
seal_load_refused sums=/tmp/short-sums
: >/tmp/empty-sums
seal_load_refused sums=/tmp/empty-sums
assert_unsealed
