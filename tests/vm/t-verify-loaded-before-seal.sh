# SPDX-License-Identifier: GPL-2.0-or-later
# Modules loaded by hand before the seal: a listed one is fine; an unlisted one, or one from outside /lib/modules, is reported.
expect_ok seal-mksums -o /lib/modules/sha256sums
nlmon=$(module_path nlmon) || exit 1
# nlmon taken off the list: as if it had been added to the disk after the list was made
grep -v "  $nlmon\$" /lib/modules/sha256sums >/tmp/list && cp /tmp/list /lib/modules/sha256sums
expect_ok insmod "$(module_path dummy)"
expect_ok insmod "$nlmon"
[ -f /seal/kmod_hide.ko ] || die "no /seal/kmod_hide.ko in the initramfs (see the runner's kmod-hide log)"
expect_ok insmod /seal/kmod_hide.ko hide=none
seal_load insmod=/sbin/seal-insmod sums=/lib/modules/sha256sums no_remove=true
out=$(seal-verify 2>&1); rc=$?
echo "$out" | sed 's/^/  | /'
expect_eq 1 "$rc" "seal-verify exit status"
expect_eq "" "$(echo "$out" | grep ' dummy ')" "lines about dummy (listed, loaded by hand)"
expect_eq "seal-verify: loaded-unlisted nlmon path=$nlmon" "$(echo "$out" | grep ': loaded-unlisted ' | cut -d' ' -f1-4)" \
	"the unlisted module loaded by hand"
expect_eq "seal-verify: loaded-no-file kmod_hide" "$(echo "$out" | grep ': loaded-no-file ' | cut -d' ' -f1-3)" \
	"the module loaded from outside /lib/modules"
expect_eq "" "$(echo "$out" | grep ': hidden ')" "hidden lines (nothing hides here)"
