# SPDX-License-Identifier: GPL-2.0-or-later
# The guest side of bench/run: each hot path timed in rounds unsealed, then sealed with one parameter set, in one boot.
# vm-timeout: 1200
# Not part of the suite. The kernel command line chooses: sealvm.set=sums|guards|all|list100k|short|unpaired,
# sealvm.rounds=R (rounds per side, after one warm-up round: R for the module loops, which take
# seconds, 2R+1 for the others, which take a fraction of one and are the noisier).
# Prints "BENCH op=OP side=unsealed|sealed round=R ns=NS" per measurement (ns per operation of the
# loop, or per run for the file workload and the seal load), "BENCHMEM list_bytes=N
# kept_bytes=N ..." (what seal.ko says it keeps), "BENCHMEMPARTS ..." (the kernel's memory accounts,
# what the seal load changed in each), "BENCHINIT ..." (/sys/kernel/seal/init_time) and, with set=sums, "BENCH op=cpu|kallsyms
# side=guest" (busybox sha256sum of 16 MiB, a read of /proc/kallsyms: the emulator's slowdown of user
# and of kernel code) and "BENCH op=hash side=DRIVER" (each of the kernel's sha256 drivers over drm's
# image); bench/run does the statistics.
# /bench/sha256sums (the image's whole module tree, with #image lines) and drm.ko come from bench/run.
cmdline_value() {
	sed -n "s/.*sealvm\\.$1=\\([a-z0-9]*\\).*/\\1/p" /proc/cmdline
}
set=$(cmdline_value set)
rounds=$(cmdline_value rounds)
rounds=${rounds:-3}
fast_rounds=$((2 * rounds + 1))
[ -s /bench/sha256sums ] || die "no /bench/sha256sums in the initramfs (bench/run adds it)"
small=$(module_path dummy)
large=$(module_path drm)
small_img=$(module_plain dummy)
large_img=$(module_plain drm)
# The file-heavy workload: every file of a subtree the guest has (Debian's net/ and crypto/ modules).
tree="$MODDIR/kernel/net $MODDIR/kernel/crypto"
cp /bin/sysload /usr/bin/Xorg
# The kernel's SHA-256 drivers for this CPU, loaded as udev loads them on a real boot (their cpu:
# aliases): sha256-ssse3 on 6.1 and 6.12 (sha256-ni, -avx2, -avx, -ssse3, as the CPU has them);
# from 6.16 they are in the kernel. Both sides of every row run with them.
if [ -n "$(find "$MODDIR/kernel/arch/x86/crypto" -name 'sha256-ssse3.ko*' 2>/dev/null)" ] &&
	grep -q '^flags.* \(ssse3\|sha_ni\)\( \|$\)' /proc/cpuinfo; then
	module_load sha256-ssse3
fi
# AF_ALG for the hash rows (set=sums), loaded in every set before any round: both sides of every
# row run with the same modules
module_load af_alg
module_load algif_hash
# sha256_drivers: the crypto API's sha256 drivers, "DRIVER PRIORITY" per line
sha256_drivers() {
	awk '/^name/ { n = $3 } /^driver/ { d = $3 } /^priority/ && n == "sha256" { print d, $3 }' /proc/crypto
}
echo "sealvm: sha256 drivers (priority): $(sha256_drivers | awk '{ printf "%s(%s) ", $1, $2 }')"

case "$set" in
sums) params="sums=/bench/sha256sums" ops="open exec mmap files finit-small finit-large init-small init-large" ;;
guards) params="sums=/bench/sha256sums insmod=/bin/sysload mem_allow=/usr/bin/Xorg"
	ops="open exec mmap files finit-small finit-large init-small init-large" ;;
# everything that leaves module unloading possible: no_remove=true would stop the load+unload loops
all) params="sums=/bench/sha256sums insmod=/bin/sysload mem_allow=/usr/bin/Xorg read=no lockdown=integrity"
	ops="open exec mmap files finit-small finit-large init-small init-large" ;;
list100k)
	# 100,000 synthetic entries (random digests, made-up paths) after the real list
	cp /bench/sha256sums /tmp/sums100k
	awk -v n=$((100000 - $(grep -c '^[0-9a-f]' /bench/sha256sums))) 'BEGIN {
		srand(14)
		for (i = 0; i < n; i++) {
			d = ""
			for (j = 0; j < 8; j++)
				d = d sprintf("%08x", int(rand() * 4294967296))
			printf "%s  /lib/modules/synthetic/m%06d.ko\n", d, i
		}
	}' >>/tmp/sums100k
	echo "sealvm: /tmp/sums100k: $(wc -l </tmp/sums100k) lines"
	params="sums=/tmp/sums100k" ops="finit-large" ;;
# the short list seal-mksums derives from a server's module policy (bench/run: bench/server.modules)
short) params="sums=/bench/sha256sums.short" ops="finit-large" ;;
# the whole list with its #image lines moved to the end: no pairs, so seal.ko decompresses every
# .ko.xz it is handed to hash its image (the digest rule without its shortcut)
unpaired)
	{ grep -v '^#image ' /bench/sha256sums; grep '^#image ' /bench/sha256sums; } >/tmp/unpaired
	params="sums=/tmp/unpaired" ops="finit-small finit-large" ;;
*) die "sealvm.set=$set: want sums, guards, all, list100k, short or unpaired" ;;
esac

# bench_op OP: one measurement, "ok NS" from sysload
bench_op() {
	case "$1" in
	open) sysload openloop "$small" 20000 ;;
	mmap) sysload mmaploop "$small" 2000 ;;
	exec) sysload execloop /bin/true 100 ;;
	files) sysload time sh -c "find $tree -type f | xargs cat >/dev/null" ;;
	finit-small) sysload loadloop "$small" 10 ;;
	finit-large) sysload loadloop "$large" 4 ;;
	init-small) sysload initloop "$small_img" 10 ;;
	init-large) sysload initloop "$large_img" 4 ;;
	esac
}

# measure SIDE FIRST_ROUND: rounds FIRST_ROUND.. of every op (round 0 is the warm-up, not printed)
measure() {
	local side=$1 r=$2 op out
	while [ "$r" -le "$fast_rounds" ]; do
		for op in $ops; do
			case "$op" in finit-* | init-*) [ "$r" -le "$rounds" ] || continue ;; esac
			out=$(bench_op "$op")
			case "$out" in
			"ok "*) [ "$r" -gt 0 ] && echo "BENCH op=$op side=$side round=$r ns=${out#ok }" ;;
			*) die "$side $op: $out" ;;
			esac
		done
		r=$((r + 1))
	done
	pass "$side rounds"
}

# Warm-up first: the first round pays for TCG translation and cold caches, which would otherwise be
# charged to the unsealed anchor.
measure unsealed 0
# Where it went, in kB, by the kernel's accounts: vmalloc (module code and data, arrays past a
# page, ftrace's trampolines), unreclaimable slab (kmalloc: ftrace's filter hashes, sysfs, small
# arrays), reclaimable slab (dentries and inodes), per-CPU areas, page tables, anonymous memory
# (user space); and the pages the page allocator handed out less those given back, whoever took them.
mem_parts() {
	awk '/^(VmallocUsed|SUnreclaim|SReclaimable|Percpu|AnonPages|PageTables):/ { sub(":", "", $1); print $1, $2 }' /proc/meminfo
	awk '$1 ~ /^pgalloc_/ { n += $2 } $1 == "pgfree" { n -= $2 } END { print "PagesNet", n * 4 }' /proc/vmstat
}
# The emulator's slowdown of plain CPU-bound code: the host's busybox (the initramfs has it) hashing
# 16 MiB, which bench/run times on the host too, to scale the guest's seal.ko load times to hardware.
if [ "$set" = sums ]; then
	head -c 16777216 /dev/zero >/tmp/zeros
	for r in 0 1 2 3; do
		out=$(sysload time busybox sha256sum /tmp/zeros)
		case "$out" in "ok "*) [ "$r" -gt 0 ] && echo "BENCH op=cpu side=guest round=$r ns=${out#ok }" ;; *) die "busybox sha256sum: $out" ;; esac
	done
	rm -f /tmp/zeros
	# and of kernel code like ftrace_set_filter's (a symbol name per function): reading /proc/kallsyms
	echo "BENCHKALLSYMS lines=$(wc -l </proc/kallsyms)"
	for r in 0 1 2 3; do
		out=$(sysload time sh -c 'cat /proc/kallsyms >/dev/null')
		case "$out" in "ok "*) [ "$r" -gt 0 ] && echo "BENCH op=kallsyms side=guest round=$r ns=${out#ok }" ;; *) die "cat /proc/kallsyms: $out" ;; esac
	done
	# and each SHA-256 of this kernel's crypto API over drm's image, through AF_ALG: what seal.ko's
	# hash of that module costs with it here ("BENCH op=hash side=DRIVER"); its digest checked
	# (the drivers interleaved in each round, so that a slow spell of the host hits them all)
	want=$(sha256sum "$large_img")
	drivers=$(sha256_drivers | cut -d' ' -f1)
	# the one the crypto API hands seal.ko: the highest priority
	echo "BENCHSHA256 best=$(sha256_drivers | sort -n -k2 | tail -1 | cut -d' ' -f1)"
	r=0
	while [ "$r" -le "$fast_rounds" ]; do
		for d in $drivers; do
			out=$(sysload hashloop "$d" "$large_img" 8 2>/tmp/hash.md)
			case "$out" in "ok "*) ;; *) die "sysload hashloop $d $large_img: $out $(cat /tmp/hash.md)" ;; esac
			[ "$(cat /tmp/hash.md)" = "$want" ] || die "$d: digest $(cat /tmp/hash.md), sha256sum says $want"
			[ "$r" -gt 0 ] && echo "BENCH op=hash side=$d round=$r ns=${out#ok }"
		done
		r=$((r + 1))
	done
fi
list=${params#sums=}
list=${list%% *}
# The frees of the rounds before settle first (a process's kernel stack is vmalloc'd and freed
# after an RCU grace period): they would be counted against the load.
sleep 1
mem_parts >/tmp/mem.before
out=$(sysload time sysload finit "$SEAL_KO" "$params")
# vfree and RCU frees of the load's buffers may lag the syscall
sleep 1
mem_parts >/tmp/mem.after
case "$out" in "ok "*) ;; *) die "seal.ko $params: $out" ;; esac
[ "$(cat $SEAL_SYSFS/sealed 2>/dev/null)" = 1 ] || die "seal.ko $params: loaded but not sealed"
echo "BENCH op=seal-load side=sealed round=1 ns=${out#ok }"
# what seal.ko keeps: its own code and data (the size /proc/modules gives), 32 bytes per digest and
# 36 per pair (a compressed file's digest and its image's index)
kept=$(awk '$1 == "seal" { print $2 }' /proc/modules)
entries=$(sed -n 's/.* entries=\([0-9]*\) .*/\1/p' $SEAL_SYSFS/sums)
pairs=$(sed -n 's/.* pairs=\([0-9]*\)$/\1/p' $SEAL_SYSFS/sums)
echo "BENCHMEM list_bytes=$(wc -c <"$list") kept_bytes=$((kept + 32 * entries + 36 * pairs)) module_bytes=$kept entries=$entries pairs=$pairs"
echo "BENCHMEMPARTS $(awk 'NR == FNR { b[$1] = $2; next } { printf "%s_kb=%d ", $1, $2 - b[$1] }' /tmp/mem.before /tmp/mem.after)"
echo "BENCHINIT $(cat $SEAL_SYSFS/init_time)"
echo "sealvm: sealed with: $params"
# after a seal with another list than the whole tree's, drm (in no short list) would be refused
case "$set" in list100k | short) ;; *) measure sealed 1 ;; esac
