# SPDX-License-Identifier: GPL-2.0-or-later
# Bad lockdown=/lockdown_allow= values (unknown reason, a reason seal decides itself, a reason not refused, a missing or relative program) each fail the load with one log line naming the value; nothing is sealed.
lockdown_prepare
for args in "lockdown=bogus" "lockdown=kexec" "lockdown=debugfs,debugfs" "lockdown_allow=bogus" \
	    "lockdown=none lockdown_allow=debugfs" "lockdown_allow=pci_access:/no/such/tool" \
	    "lockdown_allow=pci_access:usr/bin/tool" "lockdown="; do
	dmesg -c >/dev/null
	# shellcheck disable=SC2086
	seal_load_refused $args
	word=$(echo "$args" | sed 's/.*[=:,]\([^=:,]*\)$/\1/')
	[ -n "$word" ] || word="needs a value"
	if seal_log | grep "nothing sealed" | grep -q -- "$word"; then
		pass "$args: logged: $(seal_log | grep 'nothing sealed' | tail -1)"
	else
		fail "$args: expected a 'nothing sealed' line naming '$word', got: $(seal_log | tail -2)"
	fi
	[ -d $SEAL_SYSFS ] && fail "$args: $SEAL_SYSFS exists after a refused load" || pass "$args: no $SEAL_SYSFS"
done
door_open debugfs
assert_unsealed
