# SPDX-License-Identifier: GPL-2.0-or-later
# The demo guest (scripts/demo): lists the modules, seals the kernel, and shows what the seal refuses, in plain words.
# Not part of the suite (tests/vm/run runs t-*.sh and attack-*.sh only).
say() { echo "   $*"; }
step() { echo; echo "== $*"; }
# refused_eperm WHAT: the command just run (run) failed with "Operation not permitted".
refused_eperm() {
	case "$capture_rc:$capture_out" in
	0:*) fail "$1: expected EPERM, got 0 (it succeeded)" ;;
	*"Operation not permitted"*) pass "$1: EPERM" ;;
	*) fail "$1: expected EPERM, got status $capture_rc: $capture_out" ;;
	esac
}

step "This guest runs Debian's $KVER kernel. Nothing is sealed yet."
say "seal-mksums writes the SHA-256 of every module file under $MODDIR to /lib/modules/sha256sums:"
expect_ok seal-mksums -o /lib/modules/sha256sums
say "$(wc -l </lib/modules/sha256sums) modules listed, e.g.: $(grep dummy /lib/modules/sha256sums | head -1)"

step "Sealing: insmod seal.ko insmod=/sbin/seal-insmod sums=/lib/modules/sha256sums"
say "From now on only /sbin/seal-insmod may load modules, and only modules whose bytes are on the list."
seal_load insmod=/sbin/seal-insmod sums=/lib/modules/sha256sums
say "/sys/kernel/seal/sealed = $(cat $SEAL_SYSFS/sealed)"
dmesg -c >/dev/null

step "1. A listed module loads through seal-insmod"
f=$(module_path dummy)
say "\$ seal-insmod $f"
seal-insmod "$f" 2>&1 | sed 's/^/   /'
if is_loaded dummy; then pass "dummy loaded"; say "-> loaded: $(grep '^dummy ' /proc/modules | cut -d' ' -f1-2)"; else fail "the listed module dummy did not load"; fi

step "2. A tampered module is refused"
cp "$(module_plain veth)" /tmp/veth.ko && tamper_byte /tmp/veth.ko
say "/tmp/veth.ko is veth.ko with one byte changed; its SHA-256 is not on the list."
say "\$ seal-insmod /tmp/veth.ko"
capture seal-insmod /tmp/veth.ko
say "$capture_out"
[ "$capture_rc" -ne 0 ] && pass "seal-insmod refused the tampered module" || fail "seal-insmod loaded a tampered module"
say "Calling finit_module directly does not help: the kernel refuses it (sysload is not"
say "/sbin/seal-insmod, and the kernel checks the digest itself as well):"
say "\$ sysload finit /tmp/veth.ko   (a tiny program that makes the raw system call)"
capture sysload finit /tmp/veth.ko
say "-> $capture_out"
[ "$capture_out" = EPERM ] && pass "kernel refused the tampered module" || fail "expected EPERM from finit_module, got $capture_out"
assert_not_loaded veth

step "3. Plain insmod is refused, even for a listed module"
say "\$ insmod $(module_path nlmon)   (busybox insmod: not the named loader)"
capture insmod "$(module_path nlmon)"
say "-> $capture_out"
refused_eperm "busybox insmod nlmon"
assert_not_loaded nlmon

step "4. Writing to physical memory through /dev/mem is refused"
say "\$ printf x | dd of=/dev/mem bs=1 count=1 seek=1024 conv=notrunc"
capture sh -c 'printf x | dd of=/dev/mem bs=1 count=1 seek=1024 conv=notrunc'
say "-> $capture_out"
refused_eperm "dd of=/dev/mem"

step "What the kernel logged (one line per refusal; counters in $SEAL_SYSFS/denied/):"
seal_log | sed 's/^/   /'
for k in module mem; do say "denied/$k = $(denied_count $k)"; done
[ -n "$(seal_log)" ] && pass "the kernel logged the refusals" || fail "no 'seal: ' lines in the kernel log"
echo
if [ -s /tmp/seal-failures ]; then echo "== The demo did NOT behave as described:"; sed 's/^/   /' /tmp/seal-failures
else echo "== Everything behaved as described. A seal lasts until reboot."; fi
