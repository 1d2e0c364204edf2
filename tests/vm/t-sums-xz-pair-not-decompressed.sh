# SPDX-License-Identifier: GPL-2.0-or-later
# The digest rule's one shortcut: a .ko.xz file's line followed by its own #image line is a pair, and when the kernel hands seal that file as stored (6.1, 6.12: finit_module with MODULE_INIT_COMPRESSED_FILE), seal takes the image digest of those exact bytes from the pair instead of decompressing them. Shown with a pair whose #image line (written by hand) names another module's image: the load is admitted and recorded under that image, which only the pair can have said; the same lines with an entry between them are no pair, and seal decompresses the file and refuses it, naming its real image. On 7.2 and later the kernel decompresses first and hands seal the image, so the pair is never consulted there and both loads are refused. /sys/kernel/seal/sums counts the pairs. Control: unsealed, both modules load.
# vm-tier: smoke
f=$(module_path dummy)
case "$f" in *.ko.xz) ;; *) skip_all "$KVER stores modules uncompressed ($f): there is nothing to decompress" ;; esac
g=$(module_path ifb)
nimg=$(sha256sum "$(module_plain nlmon)" | cut -d' ' -f1)
dimg=$(sha256sum "$(module_plain dummy)" | cut -d' ' -f1)
gimg=$(sha256sum "$(module_plain ifb)" | cut -d' ' -f1)
assert_unsealed dummy
assert_unsealed ifb
{
	sha256sum "$f"                   # dummy's file, paired with nlmon's image
	echo "#image $nimg  $f"
	sha256sum "$g"                   # ifb's file and an #image line naming it, one entry apart
	sums_lines "$(module_path nlmon)"
	echo "#image $nimg  $g"
} >/tmp/pairs.sums
seal_load sums=/tmp/pairs.sums
# two pairs: dummy's (its file, nlmon's image) and nlmon's own; ifb's #image line follows nlmon's lines
if grep -Eq "^/tmp/pairs.sums sha256=[0-9a-f]{64} entries=3 pairs=2$" $SEAL_SYSFS/sums; then
	pass "sums: $(cat $SEAL_SYSFS/sums)"
else
	fail "sums: expected '/tmp/pairs.sums sha256=... entries=3 pairs=2', got: $(cat $SEAL_SYSFS/sums)"
fi
attack_mark
kmajor=${KVER%%.*} kminor=${KVER#*.}
kminor=${kminor%%[.-]*}
if [ "$kmajor" -gt 7 ] || { [ "$kmajor" -eq 7 ] && [ "$kminor" -ge 2 ]; }; then
	# the kernel hands seal each image: both are decided by their real images, refused
	expect_fail_errno EPERM sysload finit "$f" "" compressed
	assert_not_loaded dummy
	expect_fail_errno EPERM sysload finit "$g" "" compressed
	assert_not_loaded ifb
	attack_logged module 2 finit_module "module=dummy sha256=$dimg reason=not-listed"
	attack_logged module 2 finit_module "module=ifb sha256=$gimg reason=not-listed"
else
	expect_ok sysload finit "$f" "" compressed
	assert_module_loaded dummy
	if grep -q "^dummy sha256=$nimg op=finit_module verdict=ok init=ok$" $SEAL_SYSFS/loads; then
		pass "dummy admitted by its pair, recorded under the pair's image: $(grep '^dummy ' $SEAL_SYSFS/loads)"
	else
		fail "loads: expected 'dummy sha256=$nimg op=finit_module verdict=ok init=ok' (the pair's image), got: $(cat $SEAL_SYSFS/loads | tr '\n' '|')"
	fi
	expect_fail_errno EPERM sysload finit "$g" "" compressed
	assert_not_loaded ifb
	attack_logged module 1 finit_module "module=ifb sha256=$gimg reason=not-listed"
fi
