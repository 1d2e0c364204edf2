# SPDX-License-Identifier: GPL-2.0-or-later
# insmod= loader replaced with mv (another binary renamed onto its path): the new file is not the loader (other inode); its loads get EPERM, logged reason=not-loader; the seal holds.
cp /bin/sysload /sbin/modloader || die "cp /bin/sysload /sbin/modloader failed"
seal_load insmod=/sbin/modloader
f=$(module_path dummy)
cp /bin/sysload /tmp/evil-loader
# -f: busybox mv asks before replacing a file access(W_OK) calls unwritable (seal refuses it)
expect_ok mv -f /tmp/evil-loader /sbin/modloader
attack_mark
expect_fail_errno EPERM /sbin/modloader finit "$f" "" "$(finit_flags "$f")"
attack_logged module 1 finit_module
seal_log | tail -1 | grep -q 'reason=not-loader' && pass "reason=not-loader" || fail "expected reason=not-loader: $(seal_log | tail -1)"
assert_not_loaded dummy
attack_holds
