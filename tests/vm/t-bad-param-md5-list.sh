# SPDX-License-Identifier: GPL-2.0-or-later
# Bad parameters: an MD5 list given as sums= is refused with a message saying so; nothing sealed.
md5sum "$(module_plain dummy)" >/tmp/md5sums || die "md5sum failed"
dmesg -c >/dev/null
seal_load_refused sums=/tmp/md5sums
if seal_log | grep -qi md5; then pass "the log says MD5: $(seal_log | grep -i md5 | head -1)"; else fail "no 'seal: ' log line mentions MD5; log: $(seal_log | tail -3)"; fi
assert_unsealed
