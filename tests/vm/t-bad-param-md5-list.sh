# SPDX-License-Identifier: GPL-2.0-or-later
# Bad parameters: an MD5 list given as sums= is refused with a message saying so, naming the file and line; nothing sealed.
md5sum "$(module_plain dummy)" >/tmp/md5sums || die "md5sum failed"
dmesg -c >/dev/null
seal_load_refused sums=/tmp/md5sums
expect_logged "seal: sums /tmp/md5sums:1: an MD5 list; .*nothing sealed\$" "an MD5 list"
assert_unsealed
