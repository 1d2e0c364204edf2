# SPDX-License-Identifier: GPL-2.0-or-later
# lockdown_allow=REASON:PATH opens a door for that program only, by inode: the named program writes PCI config after the seal, the same bytes under another name (a copy) are refused.
lockdown_prepare
cp /bin/sysload /usr/bin/pcitool || die "cp sysload pcitool"
cp /bin/sysload /tmp/pcitool-copy || die "cp sysload copy"
seal_load lockdown_allow=pci_access:/usr/bin/pcitool
expect_ok /usr/bin/pcitool write "$PCI_CONFIG" X
attack_mark
expect_fail_errno EPERM /tmp/pcitool-copy write "$PCI_CONFIG" X
attack_logged lockdown 1 lockdown "what=pci_access .*exe=/tmp/pcitool-copy|exe=/tmp/pcitool-copy .*what=pci_access"
door_refused pci_access
door_refused debugfs
case "$(cat $SEAL_SYSFS/lockdown_allow)" in
"pci_access /usr/bin/pcitool dev="*) pass "lockdown_allow shows the program: $(cat $SEAL_SYSFS/lockdown_allow)" ;;
*) fail "$SEAL_SYSFS/lockdown_allow: expected 'pci_access /usr/bin/pcitool dev=...', got '$(cat $SEAL_SYSFS/lockdown_allow)'" ;;
esac
assert_sealed
