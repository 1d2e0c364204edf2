# SPDX-License-Identifier: GPL-2.0-or-later
# The Debian packages on a real system: "apt install ./libseal0 ./seal-tools ./seal-dkms" built seal.ko with DKMS for every installed kernel; with seal.service enabled the machine boots sealed with that module; an upgrade of seal-tools reloads systemd and leaves the timer running; "apt remove" stops the timer and seal-learn, then "apt purge" leaves nothing of seal behind, and the next boot is unsealed with no failed unit.
# system-install: packages
# system-unit: seal.service
# system-conf: sums=/lib/modules/sha256sums
# system-list: all
# system-boots: 2
# system-kernels: 6.1 6.12+deb13
# vm-timeout: 600
# leftovers: what any of the packages (or their use) put on the system, if it is still there
leftovers() {
	ls -d /etc/seal /usr/sbin/seal-* /usr/libexec/seal /lib/systemd/system/seal* /usr/lib/systemd/system/seal* \
		/etc/systemd/system/*/seal.service /etc/systemd/system/*/seal-late.service \
		/etc/systemd/system/*/seal-verify.* /usr/src/seal-* /var/lib/dkms/seal \
		/lib/modules/*/updates/dkms/seal.ko* /var/lib/seal /var/cache/seal /etc/kernel/postinst.d/zz-seal \
		/etc/kernel/postrm.d/zz-seal /etc/apt/apt.conf.d/80seal /lib/modules/sha256sums \
		/usr/lib/*/libseal* /usr/share/doc/libseal* /usr/share/doc/seal-* /usr/share/man/man*/seal* 2>/dev/null |
		tr '\n' ' '
}
if [ "$BOOT" = 1 ]; then
	expect_eq running "$state" "systemctl is-system-running"
	expect_eq 1 "$(cat /sys/kernel/seal/sealed 2>&1)" "/sys/kernel/seal/sealed"
	case "$(modinfo -n seal)" in
	"/lib/modules/$KVER/updates/dkms/seal.ko"*) pass "modules.dep names DKMS's seal.ko: $(modinfo -n seal)" ;;
	*) fail "modules.dep names $(modinfo -n seal), not DKMS's /lib/modules/$KVER/updates/dkms/seal.ko*" ;;
	esac
	# shellcheck disable=SC2010 # kernel versions: no odd names
	for k in $(ls /lib/modules | grep -v sums); do
		ls /lib/modules/"$k"/updates/dkms/seal.ko* >/dev/null 2>&1 && pass "DKMS built seal.ko for $k" ||
			fail "no /lib/modules/$k/updates/dkms/seal.ko*"
	done
	expect_eq "install ok installed install ok installed install ok installed" \
		"$(dpkg-query -W -f='${Status} ' libseal0 seal-tools seal-dkms | sed 's/ $//')" "the packages"
	capture seal-verify
	expect_eq 0 "$capture_rc" "seal-verify on the packaged, sealed system ($(echo "$capture_out" | cut -c1-200))"
	export DEBIAN_FRONTEND=noninteractive
	# An upgrade (here a reinstall: prerm, preinst, unpack and postinst as for a new version) makes
	# systemd read the unit files it brought, and starts or stops nothing. The unit systemd has read
	# is made older than the package's (its file dated 1970, then read), as an older version's would
	# be: the package's file, newer, needs a reload (systemd compares the file's mtime, newer or not).
	u=$(ls -d /lib/systemd/system/seal-verify.service /usr/lib/systemd/system/seal-verify.service 2>/dev/null | head -1)
	touch -d @1 "$u" && systemctl daemon-reload
	expect_eq NeedDaemonReload=no "$(systemctl show -p NeedDaemonReload seal-verify.service)" \
		"seal-verify.service read with its file dated 1970"
	expect_ok apt-get install -y -q --reinstall /usr/local/lib/seal-test/seal-tools_*.deb
	expect_eq NeedDaemonReload=no "$(systemctl show -p NeedDaemonReload seal-verify.service)" \
		"seal-verify.service after the upgrade (seal-tools' postinst reloads systemd)"
	expect_eq active "$(systemctl is-active seal-verify.timer)" "seal-verify.timer after the upgrade"
	# Removal stops what would go on running removed programs: the verify timer, and seal-learn,
	# whose stop (its shutdown record) runs while seal-mksums is still there.
	systemctl start seal-learn.service
	expect_eq active "$(systemctl is-active seal-learn.service)" "seal-learn.service started"
	expect_ok apt-get remove -y -q seal-tools seal-dkms libseal0
	expect_eq "inactive inactive" "$(systemctl is-active seal-verify.timer seal-learn.service | tr '\n' ' ' |
		sed 's/ $//')" "seal-verify.timer and seal-learn.service after the removal"
	expect_eq Result=success "$(systemctl show -p Result seal-learn.service)" \
		"seal-learn.service's stop (its record) after the removal"
	expect_ok apt-get purge -y -q seal-tools seal-dkms libseal0
	expect_eq "" "$(leftovers)" "what is left of seal after the purge"
	expect_eq "" "$(dpkg-query -W -f='${Status}' seal-tools 2>/dev/null | grep -v 'not-installed')" "seal-tools' state"
else
	expect_eq running "$state" "systemctl is-system-running on the next boot"
	[ -e /sys/kernel/seal ] && fail "sealed after the purge" || pass "the next boot is not sealed"
	expect_eq "" "$(systemctl --failed --no-legend --plain | tr '\n' ' ')" "failed units"
fi
