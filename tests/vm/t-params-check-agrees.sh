# SPDX-License-Identifier: GPL-2.0-or-later
# seal-load --check accepts exactly what seal.ko accepts: for each accepted and each refused value of every
# parameter (the flags' spellings from seal-load --params, the lockdown reasons from seal.ko's .modinfo),
# --check and the real seal.ko give the same answer, and the one the table says.
# vm-timeout: 600
#
# seal.ko parses sums= last (seal_policy_build), so "PARAM=VALUE sums=/nonexistent-probe" fails on the list
# when seal.ko took PARAM=VALUE and on PARAM=VALUE when it did not: each probe leaves nothing sealed, and
# the log line tells which. A sums= value is probed alone: only refused ones, then the good list seals.
PROBE=/nonexistent-probe
[ -x /sbin/seal-load ] || die "no /sbin/seal-load in the guest"
reasons=$(strings "$SEAL_KO" | sed -n 's/^lockdown_reasons=//p' | head -1)
[ -n "$reasons" ] || die "$SEAL_KO has no lockdown_reasons= in its .modinfo"
params=$(seal-load --params) || die "seal-load --params failed"
echo "sealvm: reasons: $reasons"

# check_says WORDS...: "accepts" or "refuses" (seal-load --check, the guest's seal.ko)
check_says() {
	printf '%s\n' "$@" >/tmp/probe.conf
	if seal-load --check --module "$SEAL_KO" --config /tmp/probe.conf >/tmp/probe.out 2>&1; then
		echo accepts
	else
		echo refuses
	fi
}

# kernel_says WORDS...: "accepts" or "refuses" (insmod seal.ko WORDS sums=PROBE); $kernel_line is what it logged.
kernel_says() {
	local before
	before=$(seal_log | wc -l)
	if insmod "$SEAL_KO" "$@" "sums=$PROBE" >/dev/null 2>&1; then
		die "insmod seal.ko $* sums=$PROBE loaded: the probe sealed the guest"
	fi
	is_loaded seal && die "seal is loaded after a refused probe"
	kernel_line=$(seal_log | tail -n +$((before + 1)) | grep 'nothing sealed' | head -1)
	case "$kernel_line" in
	"seal: sums $PROBE: cannot read"*) echo accepts ;;
	*"nothing sealed") echo refuses ;;
	*) die "insmod seal.ko $* sums=$PROBE: no 'nothing sealed' line (got: $(seal_log | tail -n +$((before + 1)) | tail -2))" ;;
	esac
}

# probe EXPECT WORDS...: both must answer EXPECT (accepts or refuses).
probe() {
	local want=$1 c k
	shift
	c=$(check_says "$@")
	k=$(kernel_says "$@")
	if [ "$c" = "$k" ] && [ "$c" = "$want" ]; then
		pass "$*: --check and seal.ko both $c"
	elif [ "$c" = "$k" ]; then
		fail "$*: --check and seal.ko both $c, the table says it $want (kernel: $kernel_line)"
	else
		fail "$*: --check $c ($(tr '\n' ' ' </tmp/probe.out)), seal.ko $k ($kernel_line)"
	fi
}

# The flags: each row's two spellings are taken, every other spelling of any flag is refused.
spellings=$(echo "$params" | sed -n 's/^[a-z_]*=\([a-z]*\)|\([a-z]*\)	default .*/\1 \2/p' | tr ' ' '\n' | sort -u)
[ -n "$spellings" ] || die "seal-load --params names no flag: $params"
for row in $(echo "$params" | sed -n 's/^\([a-z_]*\)=\([a-z]*\)|\([a-z]*\)	default .*/\1:\2:\3/p'); do
	name=${row%%:*} a=${row#*:} a=${a%%:*} b=${row##*:}
	probe accepts "$name=$a"
	probe accepts "$name=$b"
	for s in $spellings; do
		[ "$s" = "$a" ] || [ "$s" = "$b" ] || probe refuses "$name=$s"
	done
	probe refuses "$name=maybe"
	probe refuses "$name=$(echo "$a" | tr a-z A-Z)"
	probe refuses "$name=${a}x"
	probe refuses "$name=1"
	probe refuses "$name=$a" "$name=$a"
done

# The programs: insmod= and mem_allow=, by the table's rule (absolute, existing regular files, at most 8).
ln -s /bin/sysload /tmp/sysload-link
eight=/bin/sysload,/bin/busybox,/bin/sysload,/bin/busybox,/bin/sysload,/bin/busybox,/bin/sysload,/bin/busybox
for name in insmod mem_allow; do
	probe accepts "$name=/bin/sysload"
	probe accepts "$name=/bin/sysload,/bin/busybox"
	probe accepts "$name=/tmp/sysload-link"
	probe accepts "$name=$eight"
	probe refuses "$name=$eight,/bin/sysload"
	probe refuses "$name=bin/sysload"
	probe refuses "$name=/no/such/program"
	probe refuses "$name=/tmp"
	probe refuses "$name=/dev/null"
	probe refuses "$name=/bin/sysload,"
	probe refuses "$name=,/bin/sysload"
	probe refuses "$name=/bin/sysload,,/bin/busybox"
done

# lockdown=: integrity, none, each reason of this kernel but seal's own-rule ones, each once.
probe accepts lockdown=integrity
probe accepts lockdown=none
for r in $reasons; do
	case "$r" in
	module_signature | dev_mem | ioport | kexec) probe refuses "lockdown=$r"; probe refuses "lockdown_allow=$r" ;;
	*) probe accepts "lockdown=$r"; probe accepts "lockdown_allow=$r"; probe accepts "lockdown_allow=$r:/bin/sysload" ;;
	esac
done
probe accepts lockdown=hibernation,msr
probe refuses lockdown=bogus
probe refuses lockdown=HIBERNATION
probe refuses lockdown=hibernation,hibernation
probe refuses lockdown=hibernation,
probe refuses lockdown=integrity,msr
probe refuses lockdown=none,msr

# lockdown_allow=: each reason one lockdown= refuses, PATH as the programs', at most 8 entries.
probe accepts lockdown_allow=msr,pci_access:/bin/sysload
probe accepts lockdown_allow=msr,msr,msr,msr,msr,msr,msr,msr
probe refuses lockdown_allow=msr,msr,msr,msr,msr,msr,msr,msr,msr
probe refuses lockdown_allow=bogus_reason
probe refuses lockdown_allow=:/bin/sysload
probe refuses lockdown_allow=msr:
probe refuses lockdown_allow=msr:bin/sysload
probe refuses lockdown_allow=msr:/no/such/program
probe refuses lockdown_allow=msr:/tmp
probe refuses lockdown_allow=msr,
probe refuses lockdown=none lockdown_allow=msr
probe refuses lockdown=hibernation lockdown_allow=msr
probe accepts lockdown=hibernation,msr lockdown_allow=msr

# Keys.
probe refuses frobnicate=1
probe refuses no-remove=true
probe refuses READ=no

# sums=: refused values only (a taken list seals), each refused by both; then the good list seals.
sums_refused() {
	local c
	c=$(check_says "sums=$1")
	capture insmod "$SEAL_KO" "sums=$1"
	is_loaded seal && die "insmod seal.ko sums=$1 loaded: expected refused"
	if [ "$c" = refuses ] && [ "$capture_rc" -ne 0 ]; then
		pass "sums=$1 ($2): --check and seal.ko both refuse"
	else
		fail "sums=$1 ($2): --check $c, seal.ko status $capture_rc: $capture_out"
	fi
}
seal-mksums -d -o /tmp/good.sha256 || die "seal-mksums -d failed"
seal-mksums -a md5 -o /tmp/md5sums || die "seal-mksums -a md5 failed"
printf 'not a list\n' >/tmp/bad.sha256
printf '# comments only\n' >/tmp/empty.sha256
sums_refused tmp/good.sha256 "relative"
sums_refused /tmp/no-such.sha256 "missing"
sums_refused /tmp "a directory"
sums_refused /tmp/md5sums "an MD5 list"
sums_refused /tmp/bad.sha256 "a bad line"
sums_refused /tmp/empty.sha256 "no entries"
[ "$(check_says sums=/tmp/good.sha256)" = accepts ] && pass "sums=/tmp/good.sha256: --check accepts" ||
	fail "sums=/tmp/good.sha256: --check refuses: $(tr '\n' ' ' </tmp/probe.out)"
seal_load sums=/tmp/good.sha256
