# SPDX-License-Identifier: GPL-2.0-or-later
# Bad parameters: a sums= file with a malformed line fails the load (the log names the file and the line); nothing sealed.
p=$(module_plain dummy)
{ sha256sum "$p"; echo "this is not a sums line"; } >/tmp/bad-sums
dmesg -c >/dev/null
seal_load_refused sums=/tmp/bad-sums
expect_logged "seal: sums /tmp/bad-sums:2: .*; nothing sealed\$" "a malformed second line"
# a digest one hex digit short
sha256sum "$p" | sed 's/^./ /; s/^ //' >/tmp/short-sums
dmesg -c >/dev/null
seal_load_refused sums=/tmp/short-sums
expect_logged "seal: sums /tmp/short-sums:1: .*; nothing sealed\$" "a digest one digit short"
: >/tmp/empty-sums
dmesg -c >/dev/null
seal_load_refused sums=/tmp/empty-sums
expect_logged "seal: sums /tmp/empty-sums: cannot read: empty, or not a regular file \(error -22\); nothing sealed\$" "an empty list"
assert_unsealed
