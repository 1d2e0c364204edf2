# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck disable=SC2034 # the variables set here are read by the scripts that source this file
# Guest-side helpers for the tests in tests/vm/: loading the seal, assertions that print expected and actual.
#
# /init sources this file, then the test script, in a subshell with /tmp as the working directory.
# Checks are soft: a failed check is recorded and the script goes on, so one run shows every failure.
# `skip_all REASON` ends the script as SKIP, only for a test that cannot apply on this kernel (the door it
# attacks does not exist here; REASON says so, and run-all prints it); `die MSG` ends it as FAIL (a
# precondition did not hold: anything this harness should have provided).

KVER=$(uname -r)
MODDIR=/lib/modules/$KVER
SEAL_KO=/seal/seal.ko
SEAL_SYSFS=/sys/kernel/seal

# ---- results ----------------------------------------------------------------------------------
pass() {
	echo x >>/tmp/seal-checks
	echo "ok: $*"
}

fail() {
	echo x >>/tmp/seal-checks
	echo "$*" >>/tmp/seal-failures
	echo "not ok: $*"
}

skip_all() {
	echo "skip: $*"
	exit 77
}

die() {
	fail "$*"
	exit 1
}

# ---- running commands -------------------------------------------------------------------------
# capture CMD...: runs CMD, leaves its status in $capture_rc and its stdout+stderr (one line) in $capture_out.
capture() {
	capture_out=$("$@" 2>&1)
	capture_rc=$?
	capture_out=$(echo "$capture_out" | tr '\n' ' ' | sed 's/ *$//')
}

# The strerror text busybox and the shell print, for the errno names the tests use.
errno_text() {
	case "$1" in
	EPERM) echo "Operation not permitted" ;;
	EACCES) echo "Permission denied" ;;
	EBUSY) echo "resource busy" ;;
	ENOENT) echo "No such file or directory" ;;
	EEXIST) echo "File exists" ;;
	EINVAL) echo "Invalid argument" ;;
	ENOEXEC) echo "Exec format error" ;;
	ETXTBSY) echo "Text file busy" ;;
	EWOULDBLOCK | EAGAIN) echo "temporarily unavailable" ;;
	*) echo "$1" ;;
	esac
}

# expect_fail_errno ERRNO CMD...: CMD must fail with ERRNO (sysload prints the name, busybox the text).
expect_fail_errno() {
	local want=$1 text
	shift
	capture "$@"
	text=$(errno_text "$want")
	if [ "$capture_rc" -eq 0 ]; then
		fail "$*: expected $want, got 0 (it succeeded${capture_out:+: $capture_out})"
	elif echo "$capture_out" | grep -qw -- "$want" || echo "$capture_out" | grep -qi -- "$text"; then
		pass "$*: $want"
	else
		fail "$*: expected $want, got status $capture_rc: $capture_out"
	fi
}

# expect_ok CMD...: CMD must succeed.
expect_ok() {
	capture "$@"
	if [ "$capture_rc" -eq 0 ]; then
		pass "$*${capture_out:+: $capture_out}"
	else
		fail "$*: expected success, got status $capture_rc: $capture_out"
	fi
}

# expect_eq EXPECTED ACTUAL WHAT
expect_eq() {
	if [ "$1" = "$2" ]; then
		pass "$3 = $2"
	else
		fail "$3: expected '$1', got '$2'"
	fi
}

# ---- modules ----------------------------------------------------------------------------------
# module_path NAME: the module file from the image package (.ko on 6.1, .ko.xz on 6.12).
module_path() {
	local f
	f=$(find "$MODDIR/kernel" -name "$1.ko*" | head -1)
	[ -n "$f" ] || die "module $1 is not in $MODDIR/kernel"
	echo "$f"
}

# module_plain NAME: an uncompressed image of the module; decompressed into /tmp when stored as .ko.xz.
module_plain() {
	local f
	f=$(module_path "$1") || exit 1
	case "$f" in
	*.ko) echo "$f" ;;
	*.ko.xz) unxz -c "$f" >"/tmp/$1.ko" || die "unxz -c $f failed"; echo "/tmp/$1.ko" ;;
	*) die "$f: compression the tests don't handle" ;;
	esac
}

# module_unsigned NAME: /tmp/NAME-unsigned.ko, the uncompressed image without its appended signature.
# Debian signs its modules; with CONFIG_MODULE_SIG a module whose signature no longer matches its
# bytes is refused (EKEYREJECTED) even unenforced, while an unsigned one loads (and taints). Tests that
# change a byte start from this copy so that only the seal can refuse the result.
module_unsigned() {
	local p out=/tmp/$1-unsigned.ko size siglen b
	p=$(module_plain "$1") || exit 1
	size=$(wc -c <"$p")
	if [ "$(tail -c 28 "$p")" != "~Module signature appended~" ]; then
		cp "$p" "$out" && echo "$out"
		return
	fi
	# struct module_signature (12 bytes) ends with the big-endian signature length
	siglen=0
	for b in $(tail -c 32 "$p" | head -c 4 | od -An -tu1); do
		siglen=$((siglen * 256 + b))
	done
	head -c $((size - 28 - 12 - siglen)) "$p" >"$out" || die "head -c into $out failed"
	echo "$out"
}

# sums_lines FILE: FILE's lines in a sums= list, as seal-mksums writes them: its sha256sum line, and
# for a .ko.xz its image's "#image DIGEST  FILE" line, the digest seal.ko checks (the digest rule).
sums_lines() {
	sha256sum "$1" || die "sha256sum $1 failed"
	case "$1" in
	*.ko.xz) echo "#image $(unxz -c "$1" | sha256sum | cut -d' ' -f1)  $1" ;;
	esac
}

# finit_flags FILE: the finit_module flags the kernel needs for FILE (compressed on 6.12).
finit_flags() {
	case "$1" in *.ko) echo 0 ;; *) echo compressed ;; esac
}

# module_load NAME: NAME (a file name, dummy or sha256-ssse3) from the image package loaded unless it
# is; dies with the kernel's reason when it can't be.
module_load() {
	local m f
	m=$(echo "$1" | tr - _)
	is_loaded "$m" && return 0
	f=$(module_path "$1") || exit 1
	capture sysload finit "$f" "" "$(finit_flags "$f")"
	is_loaded "$m" || die "could not load $1: $capture_out"
}

is_loaded() {
	grep -q "^$1 " /proc/modules
}

assert_module_loaded() {
	if is_loaded "$1"; then pass "module $1 is loaded"; else fail "module $1: expected loaded, it is not in /proc/modules"; fi
}

assert_not_loaded() {
	if is_loaded "$1"; then fail "module $1: expected not loaded, it is in /proc/modules"; else pass "module $1 is not loaded"; fi
}

# tamper_byte FILE: changes one byte of FILE in place, the first letter of its first modinfo "alias="
# value, so the module still loads when nothing checks its digest (t-sums-tampered-byte-refused checks
# that before the seal).
tamper_byte() {
	local off
	off=$(strings -t d "$1" | sed -n 's/^ *\([0-9][0-9]*\) alias=.*/\1/p' | head -1)
	[ -n "$off" ] || die "tamper_byte: no modinfo 'alias=' in $1"
	cp "$1" /tmp/.tamper-before
	printf 'X' | dd of="$1" bs=1 seek=$((off + 6)) conv=notrunc 2>/dev/null || die "dd into $1 failed"
	! cmp -s "$1" /tmp/.tamper-before || die "tamper_byte: $1 unchanged (byte $((off + 6)) was already X)"
	rm -f /tmp/.tamper-before
}

# ftrace_enabled_refused: writing 0 to /proc/sys/kernel/ftrace_enabled fails while seal's PERMANENT
# ftrace ops are registered, and the value stays 1. The kernel's errno for it: EBUSY up to 7.2,
# EOPNOTSUPP from 7.3 (KERNEL-NOTES); either is the kernel refusing because of those ops.
ftrace_enabled_refused() {
	capture sysload write /proc/sys/kernel/ftrace_enabled 0
	case "$capture_out" in
	*EBUSY* | *EOPNOTSUPP*) pass "write 0 to ftrace_enabled: $capture_out" ;;
	*) fail "write 0 to ftrace_enabled: expected EBUSY or EOPNOTSUPP, got status $capture_rc: $capture_out" ;;
	esac
	expect_eq 1 "$(cat /proc/sys/kernel/ftrace_enabled)" /proc/sys/kernel/ftrace_enabled
}

# ftrace_enabled_control: unsealed, ftrace_enabled can be switched off (and is switched on again)
ftrace_enabled_control() {
	capture sysload write /proc/sys/kernel/ftrace_enabled 0
	if [ "$capture_rc" -eq 0 ] && [ "$(cat /proc/sys/kernel/ftrace_enabled)" = 0 ]; then
		pass "control: unsealed, ftrace_enabled goes to 0"
	elif [ "$capture_rc" -ne 0 ] && [ "$(cat /proc/sys/kernel/ftrace_enabled)" = 1 ] &&
		! grep -q '^seal ' /proc/modules && [ "$(grep -c . /proc/modules)" = 0 ]; then
		# nothing is loaded, nothing sealed: the kernel itself keeps ftrace on (7.3: EOPNOTSUPP)
		skip_all "unsealed and with no module loaded, this kernel refuses ftrace_enabled=0 itself ($capture_out): no door to close"
	else
		fail "control: unsealed, writing 0 to ftrace_enabled: status $capture_rc: $capture_out"
	fi
	echo 1 >/proc/sys/kernel/ftrace_enabled
}

# ---- the seal ---------------------------------------------------------------------------------
# seal_load [PARAMS...]: busybox insmod /seal/seal.ko PARAMS; the test stops (FAIL) if the seal
# does not load or does not report itself sealed.
seal_load() {
	[ -f "$SEAL_KO" ] || die "no $SEAL_KO in the initramfs: seal.ko did not build for $KVER (see the runner's kmod log)"
	capture insmod "$SEAL_KO" "$@"
	[ "$capture_rc" -eq 0 ] || die "insmod seal.ko $*: expected success, got status $capture_rc: $capture_out"
	[ "$(cat $SEAL_SYSFS/sealed 2>/dev/null)" = 1 ] ||
		die "insmod seal.ko $*: loaded, but $SEAL_SYSFS/sealed is '$(cat $SEAL_SYSFS/sealed 2>&1)', not 1"
	echo "sealvm: sealed with: ${*:-(no parameters)}"
}

# seal_load_refused [PARAMS...]: the load of seal.ko must fail and leave nothing sealed.
seal_load_refused() {
	[ -f "$SEAL_KO" ] || die "no $SEAL_KO in the initramfs: seal.ko did not build for $KVER"
	capture insmod "$SEAL_KO" "$@"
	if [ "$capture_rc" -eq 0 ]; then
		fail "insmod seal.ko $*: expected the load to fail, it succeeded"
	else
		pass "insmod seal.ko $*: refused ($capture_out)"
	fi
	assert_not_loaded seal
}

# expect_logged PATTERN WHAT: a "seal: " kernel line since the last dmesg -c matches PATTERN (grep -E).
expect_logged() {
	local line
	line=$(seal_log | grep -E -- "$1" | tail -1)
	if [ -n "$line" ]; then
		pass "$2: logged: $line"
	else
		fail "$2: no 'seal: ' kernel line matching '$1'; log: $(seal_log | tail -3 | tr '\n' ' ')"
	fi
}

# denied_count KIND: /sys/kernel/seal/denied/KIND, or "missing".
denied_count() {
	cat "$SEAL_SYSFS/denied/$1" 2>/dev/null || echo missing
}

# seal_log: the kernel's "seal: " lines so far.
seal_log() {
	dmesg | sed -n 's/^\[[^]]*\] //; /seal: /p'
}

# assert_sealed: loading a module that is on no list still gets EPERM through both syscalls.
assert_sealed() {
	local m f
	m=${1:-ifb}
	f=$(module_path "$m") || exit 1
	expect_fail_errno EPERM sysload finit "$f" "" "$(finit_flags "$f")"
	expect_fail_errno EPERM sysload init "$(module_plain "$m")"
	assert_not_loaded "$m"
}

# assert_unsealed: a module that is on no list loads (and is removed again).
assert_unsealed() {
	local m f
	m=${1:-ifb}
	f=$(module_path "$m") || exit 1
	expect_ok sysload finit "$f" "" "$(finit_flags "$f")"
	assert_module_loaded "$m"
	rmmod "$m" 2>/dev/null
}

# ---- attacks (tests/vm/attack-*.sh) -----------------------------------------------------------
# attack_mark: remembers every denied/KIND counter and the number of "seal: " lines, before an attack.
attack_mark() {
	local f
	attack_lines=$(seal_log | wc -l)
	attack_counts=
	for f in "$SEAL_SYSFS"/denied/*; do
		attack_counts="$attack_counts $(basename "$f")=$(cat "$f")"
	done
}

# attack_logged KIND N OP [DETAIL]: since attack_mark, denied/KIND grew by exactly N (N "+": by at
# least 1) and a new "seal: denied op=OP" line was logged (OP is a grep -E pattern), with DETAIL (a
# grep -E pattern such as "what=hibernation") on the same line when given.
attack_logged() {
	local kind=$1 n=$2 op=$3 detail=${4:-} before now
	before=$(echo "$attack_counts" | tr ' ' '\n' | sed -n "s/^$kind=//p")
	now=$(denied_count "$kind")
	if [ "$n" = + ]; then
		if [ "$now" -gt "${before:-0}" ] 2>/dev/null; then pass "denied/$kind grew: ${before:-0} -> $now"
		else fail "denied/$kind: expected more than ${before:-0}, got $now"; fi
	else
		expect_eq $((${before:-0} + n)) "$now" "denied/$kind after the attack (was ${before:-0})"
	fi
	if seal_log | tail -n +$((attack_lines + 1)) | grep -E "seal: denied op=($op) " | grep -Eq -- "$detail"; then
		pass "logged: $(seal_log | tail -n +$((attack_lines + 1)) | grep -E "seal: denied op=($op) " | grep -E -- "$detail" | tail -1)"
	else
		fail "expected a new 'seal: denied op=$op${detail:+ ... $detail}' kernel line, got: $(seal_log | tail -n +$((attack_lines + 1)) | tail -3)"
	fi
}

# expect_refused KIND N OP REASON CMD...: CMD gets EPERM, and it was seal that refused it: denied/KIND
# grew by N (or "+": by at least 1) and a new "seal: denied op=OP ... reason=REASON" line was logged
# (OP a grep -E pattern, such as "finit_module|init_module" for busybox insmod's fallback).
expect_refused() {
	local kind=$1 n=$2 op=$3 reason=$4
	shift 4
	attack_mark
	expect_fail_errno EPERM "$@"
	attack_logged "$kind" "$n" "$op" "reason=$reason( |\$)"
}

# attack_holds [MODULE]: after an attack, seal.ko is still loaded and sealed and loads still get EPERM.
attack_holds() {
	assert_module_loaded seal
	expect_eq 1 "$(cat "$SEAL_SYSFS/sealed" 2>&1)" "$SEAL_SYSFS/sealed"
	assert_sealed "$@"
}

# ---- the two holes, as data: attack-loader-* and attack-xserver-* run one body (hole-*.sh) each ----
# hole_seal loader|xserver: a copy of sysload at the hole's path, sealed with it named by insmod= or
# mem_allow=. Sets hole_prog (its path), hole_kind (the counter attacks on it count under: module,
# mem), hole_use_op and hole_reason (what a refused use by another program logs), hole_inject (the
# use as attack-ptrace's ACTION words).
hole_seal() {
	local param f
	case "$1" in
	loader)
		hole_prog=/sbin/modloader hole_kind=module hole_use_op=finit_module hole_reason=not-loader
		param=insmod f=$(module_path dummy)
		hole_inject="load $f $(finit_flags "$f" | sed 's/compressed/4/')" ;;
	xserver)
		hole_prog=/usr/bin/Xorg hole_kind=mem hole_use_op=open_mem hole_reason=sealed
		param=mem_allow hole_inject="open /dev/mem" ;;
	exempt)
		# a lockdown_allow=REASON:PATH program: a PCI tool allowed to write config space
		lockdown_prepare
		hole_prog=/usr/bin/pcitool hole_kind=lockdown hole_use_op=lockdown hole_reason=sealed
		param=lockdown_allow hole_inject="open $PCI_CONFIG" ;;
	*) die "hole_seal: unknown hole '$1' (loader, xserver or exempt)" ;;
	esac
	cp /bin/sysload "$hole_prog" || die "cp /bin/sysload $hole_prog failed"
	if [ "$param" = lockdown_allow ]; then
		seal_load "lockdown_allow=pci_access:$hole_prog"
	else
		seal_load "$param=$hole_prog"
	fi
}

# hole_use PROG: PROG does what only the hole's program may do (a copy of sysload): finit_module of
# dummy for the loader, a write open of /dev/mem for the X server.
hole_use() {
	local f
	case "$hole_kind" in
	module) f=$(module_path dummy); "$1" finit "$f" "" "$(finit_flags "$f")" ;;
	mem) "$1" open /dev/mem w ;;
	lockdown) "$1" write "$PCI_CONFIG" X ;;
	esac
}

# attack_start_program PROG: runs PROG (a sysload copy) in the background, waiting on a child
# for 5 s, and sets $attack_pid; the target of the ptrace and /proc/PID/mem attacks.
attack_start_program() {
	"$1" openhold /dev/null r -- sleep 5 &
	attack_pid=$!
	sleep 1
}

# attack_mem_of PID: /proc/PID/mem opened for writing and process_vm_writev must both be refused.
attack_mem_of() {
	capture attack-ptrace procmem "$1"
	# mm_access() turns the refused access check into EACCES
	echo "$capture_out" | grep -Eq 'procmem open: (EPERM|EACCES)' && pass "$capture_out" ||
		fail "procmem: expected EPERM or EACCES, got: $capture_out"
	capture attack-ptrace vmwrite "$1"
	echo "$capture_out" | grep -q 'vmwrite: EPERM' && pass "vmwrite: EPERM" || fail "vmwrite: expected EPERM, got: $capture_out"
}

# attack_bpf KIND FUNCTION refused WHAT | attack_bpf KIND FUNCTION runs: a BPF program of KIND
# (attack-bpf.c) on FUNCTION, with a finit_module of an unlisted module (dummy) made while it is
# attached, twice:
#  - before the seal, the control: the kernel loads and attaches the program and the module loads
#    under it (then it is removed). A kernel that cannot run the program (no BTF for FUNCTION, no
#    kprobe PMU, no such helper) gives the attack nothing to stand on here: the script ends as a SKIP
#    naming the kernel's answer;
#  - after the seal: "refused": seal refuses the program itself, "load: EPERM", one "seal: denied
#    op=bpf" line with WHAT (a grep -E pattern such as "what=fmod_ret target=FUNC"), denied/bpf one
#    more, and the module never loads; "runs": the program loads and attaches (seal has nothing
#    against it: it cannot skip a hook) and the module load under it gets EPERM, logged
#    op=finit_module reason=sealed, denied/module one more.
attack_bpf() {
	local kind=$1 fn=$2 want=$3 what=${4:-} f flags
	f=$(module_path dummy) || exit 1
	flags=$(finit_flags "$f")
	capture attack-bpf "$kind" "$fn" -- sysload finit "$f" "" "$flags"
	echo "control, unsealed: attack-bpf $kind $fn: $capture_out"
	case "$capture_out" in
	*"load: ok"*"attach: ok"*) ;;
	*) skip_all "unsealed, this kernel does not run a $kind program on $fn ($capture_out): no attack to refuse" ;;
	esac
	if is_loaded dummy; then
		pass "control: unsealed, dummy loads under the $kind program"
		rmmod dummy
	else
		die "control: unsealed, dummy did not load under the $kind program: $capture_out"
	fi
	seal_load
	attack_mark
	capture attack-bpf "$kind" "$fn" -- sysload finit "$f" "" "$flags"
	echo "sealed: attack-bpf $kind $fn: $capture_out"
	case "$want" in
	refused)
		echo "$capture_out" | grep -q "load: EPERM" && pass "sealed: the $kind program on $fn is refused: $capture_out" ||
			fail "sealed: expected load: EPERM for the $kind program on $fn, got: $capture_out"
		attack_logged bpf 1 bpf "$what" ;;
	runs)
		echo "$capture_out" | grep -q "load: ok.*attach: ok EPERM" &&
			pass "sealed: the $kind program runs, and the load under it gets EPERM" ||
			fail "sealed: expected load: ok, attach: ok, then EPERM, got: $capture_out"
		attack_logged module 1 finit_module "reason=sealed" ;;
	*) die "attack_bpf: want 'refused WHAT' or 'runs', got '$want'" ;;
	esac
	assert_not_loaded dummy
}

# ---- lockdown doors (tests/vm/t-lockdown-*.sh) --------------------------------------------------
# The integrity lockdown reasons the tests open, each with a harmless way through its door.
LOCKDOWN_DOORS="hibernation pci_access debugfs tiocsserial module_parameters bpf_write_user msr"

# lockdown_prepare: what the doors need in place before the seal: msr.ko and reed_solomon.ko (ramoops'
# dependency) loaded, and the PCI host bridge's config file found.
lockdown_prepare() {
	local m
	for m in msr reed_solomon; do
		module_load "$m"
	done
	PCI_CONFIG=$(ls /sys/bus/pci/devices/*/config 2>/dev/null | head -1)
	[ -n "$PCI_CONFIG" ] || die "no PCI device config file under /sys/bus/pci/devices"
}

# lockdown_door NAME: goes through the door the lockdown reason NAME guards; leaves $capture_rc, $capture_out.
lockdown_door() {
	local f
	case "$1" in
	hibernation) capture sysload open /dev/snapshot r ;;                 # hibernation image device
	pci_access) capture sysload write "$PCI_CONFIG" X ;;                   # config byte 0: read-only register
	debugfs) capture sysload write /sys/kernel/debug/clear_warn_once 1 ;;  # a writable debugfs file
	tiocsserial) capture sysload serial /dev/ttyS3 ;;                      # move an unused UART's I/O port
	module_parameters)                                                 # a hardware parameter (no device: mem_size=0)
		f=$(module_path ramoops) || exit 1
		capture sysload finit "$f" "mem_address=0" "$(finit_flags "$f")"
		rmmod ramoops 2>/dev/null ;;
	bpf_write_user) capture attack-bpf write_user do_nanosleep --load-only ;;
	msr) capture sysload pwrite /dev/cpu/0/msr 0xc0000103 ;;               # IA32_TSC_AUX on CPU 0 := 0
	*) die "lockdown_door: no door for '$1'" ;;
	esac
}

# door_refused NAME: the door is refused by seal: EPERM (or, for BPF, the helper withheld from the
# verifier), counted in denied/lockdown and logged "op=lockdown what=NAME".
door_refused() {
	attack_mark
	lockdown_door "$1"
	case "$1" in
	bpf_write_user)
		echo "$capture_out" | grep -q "load: ok" && fail "$1: expected the program refused, got: $capture_out" ||
			pass "$1: program refused: $capture_out" ;;
	*)
		if [ "$capture_rc" -ne 0 ] && echo "$capture_out" | grep -q EPERM; then pass "$1: EPERM"
		else fail "$1: expected EPERM, got status $capture_rc: $capture_out"; fi ;;
	esac
	attack_logged lockdown + lockdown "what=$1( |$)"
	# 7.3's verifier asks lockdown about bpf_write_user several times per program (7 lines):
	# wait out seal's rate limit (10 lines of a kind per 5 s) so the next door's line is logged
	[ "$1" = bpf_write_user ] && sleep 5
}

# door_open NAME: the door is not refused by seal (it may still fail for reasons of its own, never
# with EPERM), and no "what=NAME" line is logged.
door_open() {
	attack_mark
	lockdown_door "$1"
	case "$1" in
	bpf_write_user)
		echo "$capture_out" | grep -q "load: ok" && pass "$1: program loads" || fail "$1: expected the program to load, got: $capture_out" ;;
	msr)
		# a write of TSC_AUX may fault (EIO) where the CPU model lacks it; only seal's EPERM counts
		echo "$capture_out" | grep -q EPERM && fail "$1: expected no EPERM, got: $capture_out" || pass "$1: not refused: $capture_out" ;;
	*)
		[ "$capture_rc" -eq 0 ] && pass "$1: ok" || fail "$1: expected success, got status $capture_rc: $capture_out" ;;
	esac
	if seal_log | tail -n +$((attack_lines + 1)) | grep -Eq "what=$1( |$)"; then
		fail "$1: a denial was logged: $(seal_log | tail -n +$((attack_lines + 1)) | grep -E "what=$1( |$)" | tail -1)"
	fi
}

# sums_of NAME...: writes /tmp/doors.sha256, a sums= list of these modules (sums_lines).
sums_of() {
	local m
	: >/tmp/doors.sha256
	for m in "$@"; do
		sums_lines "$(module_path "$m")" >>/tmp/doors.sha256 || exit 1
	done
}
