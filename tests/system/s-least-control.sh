# SPDX-License-Identifier: GPL-2.0-or-later
# The control of s-least-learn: on an unsealed boot the three exploit triggers, run as an unprivileged user, make the kernel autoload the modules they need (af_alg and algif_aead for an AF_ALG socket bound to an aead, xfrm_user and esp4 for ip xfrm state add ... proto esp in a user and network namespace, rxrpc for socket(AF_RXRPC)), so their refusal when sealed is seal's doing.
# system-unit: none
# system-conf: sums=/lib/modules/sha256sums
# system-list: all
[ -e /sys/kernel/seal ] && die "seal.ko is loaded: this is the unsealed control"
for m in af_alg algif_aead xfrm_user esp4 rxrpc; do
	is_loaded $m && die "$m is loaded before the triggers: the control would prove nothing"
done
exploit_triggers
expect_eq "0 bound" "$trig_alg" "the AF_ALG aead socket, unsealed"
expect_eq "0 " "$trig_esp" "ip xfrm state add ... proto esp, unsealed"
expect_eq "0 socket" "$trig_rxrpc" "socket(AF_RXRPC), unsealed"
for m in af_alg algif_aead xfrm_user esp4 rxrpc; do
	is_loaded $m && pass "unsealed: the trigger autoloaded $m" || fail "unsealed: $m not loaded: $(loaded_modules)"
done
