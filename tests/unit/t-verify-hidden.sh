#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# seal-verify check 3: a module in one kernel view and not another is reported as hidden (possible rootkit).
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/verify.sh"
verify_setup

# A fresh root each time: a copy would give /sbin/seal-insmod a new inode (seal-program-changed).
# hidden_case NAME "VIEWS" EXPECTED-LINE: a fresh root where module rk is in VIEWS only.
hidden_case() {
	fresh
	fake_module "$tmp/r" rk $2
	verify "$tmp/r"
	is_rc 1 "$rc" "$1: exit 1"
	is "$3" "$(printf '%s\n' "$out" | grep ': hidden ')" "$1: one hidden line"
}

hidden_case "list_del (sysfs and ftrace still see it)" "sysfs ftrace" \
	"seal-verify: hidden rk seen=sysfs,ftrace absent=proc_modules,kallsyms,seal_loads why=not-in-proc-modules verdict=possible-rootkit"
hidden_case "list_del + kobject_del (only ftrace sees it)" "ftrace" \
	"seal-verify: hidden rk seen=ftrace absent=proc_modules,sysfs,kallsyms,seal_loads why=not-in-proc-modules verdict=possible-rootkit"
hidden_case "kobject_del only (sysfs entry gone)" "proc kallsyms ftrace" \
	"seal-verify: hidden rk seen=proc_modules,kallsyms,ftrace absent=sysfs,seal_loads why=no-sys-module-entry verdict=possible-rootkit"
hidden_case "symbols without a module" "kallsyms" \
	"seal-verify: hidden rk seen=kallsyms absent=proc_modules,sysfs,ftrace,seal_loads why=not-in-proc-modules verdict=possible-rootkit"

# Loaded after the seal (seal.ko's record) and in no other view, with no_remove=true: hidden.
fresh
digest=$(sha256sum < "$tmp/r/lib/modules/$KVER/kernel/drivers/net/veth.ko" | cut -d' ' -f1)
echo "veth sha256=$digest op=finit_module" > "$tmp/r/sys/kernel/seal/loads"
verify "$tmp/r"
is_rc 1 "$rc" "seal_loads only, no_remove=true: exit 1"
like "$out" "seal-verify: hidden veth seen=seal_loads absent=proc_modules,sysfs,kallsyms,ftrace why=only-in-seal-loads verdict=possible-rootkit-or-failed-init" \
	"seal_loads only, no_remove=true: hidden"
echo false > "$tmp/r/sys/kernel/seal/no_remove"
verify "$tmp/r"
is_rc 0 "$rc" "seal_loads only, no_remove=false (it may have been removed): exit 0"

# Not hidden: a module still loading (in /proc/modules, sysfs not yet there).
fresh
echo "settling 16384 0 - Loading 0xffffffffc0c00000" >> "$tmp/r/proc/modules"
verify "$tmp/r"
unlike "$out" "hidden" "a module in state Loading without sysfs is not hidden"

# The JSON finding carries the same fields.
fresh
fake_module "$tmp/r" rk sysfs
verify "$tmp/r" --json
is "hidden rk possible-rootkit not-in-proc-modules" \
	"$(printf '%s\n' "$out" | python3 -c 'import json,sys; f=[x for x in json.load(sys.stdin)["findings"] if x["kind"]=="hidden"][0]; print(f["kind"], f["subject"], f["verdict"], f["why"])' 2>&1)" \
	"--json: the hidden finding"

done_testing
