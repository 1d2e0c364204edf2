# SPDX-License-Identifier: GPL-2.0-or-later
# Bad parameters: insmod=, mem_allow= or sums= naming a file that does not exist fails the load; nothing sealed.
for p in insmod=/nonexistent/loader mem_allow=/nonexistent/Xorg sums=/nonexistent/sha256sums \
	 insmod=/bin/sysload,/nonexistent/loader; do
	dmesg -c >/dev/null
	seal_load_refused "$p"
	if seal_log | grep -q /nonexistent; then pass "$p: the log names the path"; else fail "$p: no 'seal: ' log line names the path; log: $(seal_log | tail -3)"; fi
done
assert_unsealed
