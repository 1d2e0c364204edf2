# SPDX-License-Identifier: GPL-2.0-or-later
# A hole program on overlayfs (its bytes live in an upper or lower file that another mount can write) makes seal.ko refuse to load, for insmod=, mem_allow= and lockdown_allow=, naming the path and the filesystem; nothing is sealed. Control: the same program on tmpfs seals.
# vm-tier: core
f=$(module_path overlay)
expect_ok sysload finit "$f" "" "$(finit_flags "$f")"
mkdir -p /mnt/t && mount -t tmpfs tmpfs /mnt/t || die "mount tmpfs"
mkdir -p /mnt/t/lower /mnt/t/upper /mnt/t/work /mnt/ov
cp /bin/sysload /mnt/t/lower/tool || die "cp sysload"
mount -t overlay overlay -o lowerdir=/mnt/t/lower,upperdir=/mnt/t/upper,workdir=/mnt/t/work /mnt/ov ||
	die "mount -t overlay failed"
[ -x /mnt/ov/tool ] || die "no /mnt/ov/tool through the overlay"
lockdown_prepare
for p in insmod=/mnt/ov/tool mem_allow=/mnt/ov/tool lockdown_allow=pci_access:/mnt/ov/tool; do
	dmesg -c >/dev/null
	seal_load_refused "$p"
	line=$(dmesg | sed -n 's/^\[[^]]*\] //; /seal: .*\/mnt\/ov\/tool: its filesystem, overlay,/p' | tail -1)
	[ -n "$line" ] && pass "$p: seal.ko names the path and the filesystem: $line" ||
		fail "$p: no 'its filesystem, overlay,' line: $(seal_log | tail -2 | tr '\n' ' ')"
	[ -e "$SEAL_SYSFS/sealed" ] && fail "$SEAL_SYSFS exists after a refused seal" || pass "nothing sealed"
done
cp /bin/sysload /mnt/t/tool
seal_load lockdown_allow=pci_access:/mnt/t/tool insmod=/mnt/t/tool
pass "control: the program on tmpfs seals"
