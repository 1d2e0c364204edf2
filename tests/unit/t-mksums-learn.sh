#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Learning, userland side: seal-mksums --record keeps seal.ko's loads across boots (bounded, atomic),
# --propose shows the names to add to /etc/seal/modules as a diff, --accept writes them and the
# list; a learned module that is not what is installed, or that dpkg does not vouch for, is named
# and never proposed. seal.ko's loads file is a fake one here (the kernel side is tested in guests).
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib/policy.sh"
policy_setup 6.1

M=/etc/seal/modules
L=/lib/modules/sha256sums
R=/var/lib/seal/learned
paths_of_list='grep -v "^#" /lib/modules/sha256sums | cut -c67- | LC_ALL=C sort'
# The namespace as a booted, sealed machine: the 6.1 tree is the running kernel's (uname -r), a tmpfs
# over /sys/kernel holds seal.ko's files, and $BOOT names the boot (/proc/sys/kernel/random/boot_id);
# a tmpfs over /sys/module holds the modules $LOADED names as loaded (NAME=live; none by default),
# and one built in (a directory without initstate).
# loads NAME... writes one loads line per module with the digest of its file, verdict not-listed
# unless it is dummy; NAME=HEX gives the digest.
prep='R=$(uname -r); mkdir /lib/modules/$R && mount --bind /lib/modules/'$K61' /lib/modules/$R &&
	umount /lib/modules/'$K61' && rmdir /lib/modules/'$K61' && mount -t tmpfs pol /sys/kernel &&
	mkdir /sys/kernel/seal && b=$(mktemp -d) && echo "${BOOT:-boot-1}" >"$b/boot_id" &&
	mount --bind "$b" /proc/sys/kernel/random && mount -t tmpfs mods /sys/module &&
	for m in ${LOADED:-}; do mkdir /sys/module/${m%%=*} && echo ${m#*=} >/sys/module/${m%%=*}/initstate; done &&
	mkdir /sys/module/builtin_one
	loads() { for m in "$@"; do n=${m%%=*}; f=$(find /lib/modules/$R -name "$n.ko" | head -1)
		h=${m#*=}; [ "$h" = "$m" ] && h=$(sha256sum <"$f" | cut -d" " -f1)
		v=not-listed; [ "$n" = dummy ] && v=ok
		echo "$n sha256=$h op=init_module verdict=$v init=ok"; done >/sys/kernel/seal/loads; }
	'

# ---- --record: across boots, once a boot, bounded ------------------------------------
pol_ns "$prep"'loads dummy nlmon && "$1" --no-dpkg --record && cat '$R'; echo "rc=$?"' "$SEAL_MKSUMS"
like "$out" "dummy sha256=" "--record: a loaded module is recorded"
like "$out" "nlmon sha256=$(sha256sum <"$SEAL_TEST_MODDIR_6_1/kernel/drivers/net/nlmon.ko" | cut -d' ' -f1) op=init_module verdict=not-listed init=ok kernel=$(uname -r) first=$(date -u +%F) last=$(date -u +%F) boots=1 boot=boot-1" \
	"--record: name, digest, loader, verdict, init, kernel, dates, boots"
pol_ns "$prep"'loads nlmon && "$1" --record && "$1" --record && cp '$R' $TMPDIR/r && echo boot-2 >/proc/sys/kernel/random/boot_id &&
	loads nlmon veth && "$1" --record && grep -c . '$R'; grep "^nlmon" '$R' | grep -o "boots=[0-9]*"; grep "^veth" '$R' | grep -o "boots=[0-9]*"' "$SEAL_MKSUMS"
is "4 boots=2 boots=1" "$(echo $out)" "--record: one line per module, boots counted once a boot (twice in one boot, then a second boot)"
pol_ns "$prep"'loads nlmon && "$1" --record && echo boot-2 >/proc/sys/kernel/random/boot_id &&
	sed -i "s/verdict=not-listed/verdict=ok/" /sys/kernel/seal/loads && "$1" --record && grep -o "verdict=[a-z-]*" '$R' &&
	echo "nlmon sha256=$(sha256sum </lib/modules/$R/kernel/drivers/net/nlmon.ko | cut -d" " -f1) op=finit_module" >/sys/kernel/seal/loads &&
	"$1" --record && grep -o "verdict=[a-z-]*" '$R' && grep -o " op=[a-z_]*" '$R "$SEAL_MKSUMS"
is "verdict=not-listed verdict=not-listed op=finit_module" "$(echo $out)" \
	"--record: a load once marked as the policy would have refused it stays marked; a line without the new fields keeps them"
pol_ns "$prep"'echo "nlmon sha256=xyz op=init_module" >'$R' && cp '$R' $TMPDIR/b && loads dummy && "$1" --record; echo "rc=$?"; cmp $TMPDIR/b '$R' && echo unchanged' "$SEAL_MKSUMS"
like "$out" "rc=1" "--record over a bad record: exit 1"
like "$err" "$R:1: not a line seal-mksums --record writes" "--record over a bad record: FILE:LINE"
like "$out" "unchanged" "--record over a bad record: left as it was"
# by hand, before the units ever ran: no /var/lib/seal, nor /var/lib; both are made
pol_ns "$prep"'loads dummy && umount /var/lib/seal && mount -t tmpfs pol /var && "$1" --record; echo "rc=$?"
	stat -c %a /var/lib /var/lib/seal; grep -c "^dummy " '$R "$SEAL_MKSUMS"
is "rc=0 755 755 1" "$(echo $out)" "--record with no /var/lib/seal nor /var/lib: both made (0755), the record written"
pol_ns "$prep"'rm /sys/kernel/seal/loads; "$1" --record; echo "rc=$?"' "$SEAL_MKSUMS"
like "$out" "rc=1" "--record without seal.ko: exit 1"
like "$err" "/sys/kernel/seal/loads: seal.ko is not loaded" "--record without seal.ko: says so"
pol_ns "$prep"'h=0000000000000000000000000000000000000000000000000000000000000000
	for i in $(seq 1 16390); do printf "m%d sha256=%s op=init_module\n" $i $h; done >/sys/kernel/seal/loads
	"$1" --record; echo "rc=$?"; grep -vc "^#" '$R "$SEAL_MKSUMS"
is "rc=0 16384" "$(echo $out)" "--record is bounded: at most 16384 lines"
like "$err" "full (16384 lines): 6 loads not recorded" "--record is bounded: what was not kept is counted"

# ---- --propose: a diff, nothing written; the suspicious named, never proposed ------------
# the learned: dummy (in the policy), nlmon, veth (its init failed, asked for by the kernel), btrfs
# and its dependency libcrc32c and softdep crc32c_generic (only btrfs is proposed), a module named
# like none of the tree (evil), one whose digest is not its file's (ifb)
learned='loads dummy nlmon btrfs libcrc32c crc32c_generic evil=0000000000000000000000000000000000000000000000000000000000000001 \
	ifb=$(sha256sum </lib/modules/$R/kernel/drivers/net/dummy.ko | cut -d" " -f1) &&
	f=$(find /lib/modules/$R -name veth.ko) && echo "veth sha256=$(sha256sum <$f | cut -d" " -f1) op=init_module verdict=not-listed init=failed requested=rtnl-link-veth" >>/sys/kernel/seal/loads &&
	printf "# the admin'"'"'s\ndummy   # NIC\n" >'$M' && cp '$M' $TMPDIR/m && '
pol_ns "$prep$learned"'"$1" --no-dpkg --propose; echo "rc=$?"; cmp $TMPDIR/m '$M' && echo policy-unchanged; ls '$L' 2>/dev/null || echo no-list' "$SEAL_MKSUMS"
date=$(date -u +%F)
is "--- $M
+++ $M (proposed)
@@ -1,2 +1,7 @@
 # the admin's
 dummy   # NIC
+
+# learned by this machine (seal-mksums --record), accepted on $date
+btrfs                    # loaded on 1 boot, $date, not on the list then
+nlmon                    # loaded on 1 boot, $date, not on the list then
+veth                     # loaded on 1 boot, $date, the kernel asked for rtnl-link-veth, its init failed here, not on the list then
rc=1
policy-unchanged
no-list" "$out" "--propose: a unified diff adding btrfs (not its dependency and softdep), nlmon, veth; exit 1; nothing written"
like "$err" "not proposed: 'evil' (kernel $(uname -r), sha256 0000000000000000000000000000000000000000000000000000000000000001, loaded on 1 boot, last $date): $(uname -r) has no file for a module of that name (not in its modules.dep: loaded from elsewhere)" \
	"--propose: a module the tree does not have is named, with why"
like "$err" "not proposed: 'ifb' (kernel $(uname -r), sha256 $(sha256sum <"$SEAL_TEST_MODDIR_6_1/kernel/drivers/net/dummy.ko" | cut -d' ' -f1)" \
	"--propose: a module whose digest is not its file's is named"
like "$err" "its digest is not that of /lib/modules/$(uname -r)/kernel/drivers/net/ifb.ko, the file modules.dep names for it: what was loaded is not what is installed" \
	"--propose: ... with why"
pol_ns "$prep$learned"'"$1" --no-dpkg --propose | patch -s $TMPDIR/m && cat $TMPDIR/m' "$SEAL_MKSUMS"
like "$out" "veth                     # loaded on 1 boot" "--propose: the diff applies with patch(1)"

# dpkg: a module whose file is not what its package installed, one no package owns
mkdir -p "$tmp/dpkg/info"
sum() { md5sum <"$SEAL_TEST_MODDIR_6_1/$1" | cut -d' ' -f1; }
{ echo "$(sum kernel/drivers/net/nlmon.ko)  lib/modules/$(uname -r)/kernel/drivers/net/nlmon.ko"
  echo "0123456789abcdef0123456789abcdef  lib/modules/$(uname -r)/kernel/drivers/net/veth.ko"; } >"$tmp/dpkg/info/linux-image-test.md5sums"
pol_ns "$prep"'loads nlmon veth ifb && "$1" --dpkg-admindir "$2" --propose; echo "rc=$?"' "$SEAL_MKSUMS" "$tmp/dpkg"
like "$out" "+nlmon " "dpkg: a module its package vouches for is proposed"
unlike "$out" "+veth" "dpkg: a changed packaged file is not proposed"
unlike "$out" "+ifb" "dpkg: an unpackaged file outside updates/ is not proposed"
like "$err" "not proposed: 'veth' (kernel $(uname -r), sha256 " "dpkg: the changed file is named"
like "$err" "kernel/drivers/net/veth.ko: not what package linux-image-test installed" "dpkg: ... with its package"
like "$err" "kernel/drivers/net/ifb.ko: no package owns it, and it is not under /lib/modules/KVER/updates/" "dpkg: the unpackaged file is named, with why"

# ---- --accept: the policy keeps the admin's lines, the list follows ----------------------
pol_ns "$prep$learned"'"$1" --no-dpkg --accept; echo "rc=$?"; cat '$M'; '"$paths_of_list"'; "$1" --no-dpkg --propose; echo "rc=$?"' "$SEAL_MKSUMS"
like "$out" "rc=3" "--accept: exit 3 (written, without the learned modules named above)"
like "$out" "# the admin's
dummy   # NIC

# learned by this machine (seal-mksums --record), accepted on $date
btrfs " "--accept: the admin's lines and comments kept, the names appended after a dated comment"
like "$out" "/kernel/fs/btrfs/btrfs.ko" "--accept: the list is written from the new policy (btrfs)"
like "$out" "/kernel/lib/libcrc32c.ko" "--accept: ... with btrfs's dependency"
like "$out" "/kernel/drivers/net/veth.ko" "--accept: ... and veth"
unlike "$out" "/ifb.ko" "--accept: the suspicious module is not on the list"
like "$out" "rc=1" "--propose after --accept: the suspicious ones still to review (exit 1)"
like "$err" "nothing to add: every module learned and vouched for is in it already" "--propose after --accept: nothing to add"
# --accept with --removing (the removal hook's option): a usage error, the policy and the list untouched
pol_ns "$prep$learned"'"$1" --no-dpkg 2>/dev/null; cp '$M' $TMPDIR/m; cp '$L' $TMPDIR/l
	"$1" --no-dpkg --accept --removing '$K61'; echo "rc=$?"
	cmp -s '$M' $TMPDIR/m && echo policy-untouched; cmp -s '$L' $TMPDIR/l && echo list-untouched' "$SEAL_MKSUMS"
is "rc=2 policy-untouched list-untouched" "$(echo $out)" "--accept --removing: exit 2, the policy and the list as they were"
like "$err" "--removing is for the kernel removal hook: not with --accept" "--accept --removing: says why"

# no policy yet: the proposal is the whole file; "all" is replaced by the names
pol_ns "$prep"'loads dummy nlmon && "$1" --no-dpkg --propose; echo "rc=$?"' "$SEAL_MKSUMS"
like "$out" "--- /dev/null
+++ $M (proposed)
@@ -0,0 +1,6 @@
+# The modules this machine may load" "no policy: the proposal makes the file"
like "$out" "+dummy " "no policy: every learned module is proposed"
pol_ns "$prep"'loads dummy nlmon && printf "# before\nall\n" >'$M' && "$1" --no-dpkg --accept; echo "rc=$?"; cat '$M "$SEAL_MKSUMS"
like "$out" "rc=0" "'all' replaced: exit 0"
like "$out" "# before
#all    (every module: replaced by the names below on $date)" "'all' replaced: the line made a comment, the admin's kept"
like "$out" "
dummy " "'all' replaced: the names follow"

# nothing learned, a bad policy
pol_ns "$prep"': >/sys/kernel/seal/loads; "$1" --no-dpkg --propose; echo "rc=$?"' "$SEAL_MKSUMS"
like "$out" "rc=2" "nothing learned: --propose exits 2"
like "$err" "nothing learned yet" "nothing learned: says so"
pol_ns "$prep"'loads nlmon && echo "nlmon.ko" >'$M' && "$1" --no-dpkg --accept; echo "rc=$?"; cat '$M "$SEAL_MKSUMS"
like "$out" "rc=1
nlmon.ko" "a bad policy: --accept exits 1 and leaves it"
like "$err" "$M:1: 'nlmon.ko' is a file name" "a bad policy: FILE:LINE"
run "$SEAL_MKSUMS" --propose --record
is_rc 2 "$rc" "--propose with --record: usage error"
run "$SEAL_MKSUMS" --propose -k 6.1
is_rc 2 "$rc" "--propose with -k: usage error"

# ---- modules loaded before the seal: found in /proc/modules, recorded, proposed --------------------
# e1000 (an initramfs's NIC driver) and nlmon are loaded; seal.ko saw only nlmon's load; seal itself,
# a module modules.dep has no file for (rootkit) and one whose load is under way (veth) are there too
export LOADED="e1000=live seal=live nlmon=live rootkit=live veth=coming"
pol_ns "$prep"'loads nlmon && "$1" --no-dpkg --record && cat '$R' && echo "e1000-file=$(sha256sum <$(find /lib/modules/$R -name e1000.ko) | cut -d" " -f1)" &&
	printf "dummy\n" >'$M' && "$1" --no-dpkg --propose; echo "rc=$?"' "$SEAL_MKSUMS"
unset LOADED
e1000_file=$(printf '%s\n' "$out" | sed -n 's/^e1000-file=//p')
like "$out" "e1000 sha256=$e1000_file op=before-seal init=ok kernel=" "--record: a module loaded before the seal is recorded, with its file's digest, op=before-seal"
is 1 "$(printf '%s\n' "$out" | grep -c '^nlmon ')" "--record: a module seal.ko saw load is recorded once, by that load"
is 0 "$(printf '%s\n' "$out" | grep -c '^nlmon .* op=before-seal')" "--record: ... not again as before the seal"
is 0 "$(printf '%s\n' "$out" | grep -c '^seal ')" "--record: seal itself is not recorded"
is 0 "$(printf '%s\n' "$out" | grep -c '^veth \|^builtin_one ')" "--record: a module not live yet, or built in, is not recorded as loaded before the seal"
like "$out" "rootkit sha256=0000000000000000000000000000000000000000000000000000000000000000 op=before-seal" "--record: one modules.dep has no file for is recorded, with no digest"
like "$out" "+e1000                    # loaded on 1 boot, $date, found loaded before the seal" "--propose: the module found loaded before the seal is proposed, and says so"
like "$err" "not proposed: 'rootkit' " "--propose: the unknown one loaded before the seal is named, not proposed"
like "$out" "rc=1" "--propose: something to review"

done_testing
