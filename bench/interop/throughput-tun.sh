#!/usr/bin/env bash
# Issue 5 end-to-end figure on TUN ports, one run, same namespaces for every path:
#
#   lana 10.1.0.2 --tun lr1-- [r1: 10.1.0.1 | 172.31.1.1] --tun wr1-- (wan: kernel forwards) --tun wr2--
#        [r2: 172.31.2.1 | 10.2.0.1] --tun lr2-- lanb 10.2.0.2
#
#   (a) two ROSE routers (rose run, ports ether1=tun:wrN ether2=tun:lrN; each TUN device is moved to
#       the neighbour's namespace) with an IKEv2 tunnel, ESP of $ENC (raw ESP, no NAT)
#   (b) the same two ROSE routers without IPsec (routed)
#   (c) strongSwan 5.9 charon + kernel-libipsec in r1 and r2 instead (userspace ESP over its own TUN,
#       kernel routing, veths in place of the ROSE TUN ports), ESP proposal $SW
#   (A)/(B) as (a)/(b) with another build: BASELINE=/path/to/a/rose/launcher (before/after in one run);
#   ROSE=/path/to/a/launcher runs (a)/(b) with that one instead of this checkout's (which rebuilds on edits)
#
# iperf3 TCP lana -> lanb for DURATION s (default 10) after OMIT s of warm-up (default 2, JIT and
# TCP ramp), MSS set so that inner packets are SIZE bytes (default 1400). PATHS picks and orders the
# paths (default "a b c"); repeat letters for more rounds, results are printed in run order.
# KEEP=1 keeps the work directory (logs, iperf JSON, ip -s link per path); JFR=1 records a flight
# recording per router (method-profiling=max) there. Needs root, iproute2, iperf3, ethtool,
# strongSwan (see .ci/run). Everything lives in namespaces named rt<pid>-*; torn down on exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
T=${DURATION:-10}; SIZE=${SIZE:-1400}; ENC=${ENC:-aes-128-gcm}; SW=${SW:-aes128gcm16}
PATHS=${PATHS:-"a b c"}
P=rt$$
W=$(mktemp -d /tmp/rose-e2e-XXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for n in r1 r2 lana lanb wan; do ip netns pids $P-$n 2>/dev/null | xargs -r kill -9 2>/dev/null || true; ip netns del $P-$n 2>/dev/null || true; done
  [[ -n ${KEEP:-} ]] || rm -rf "$W"
}
trap cleanup EXIT
nsall() { for n in r1 r2 lana lanb wan; do ip netns add $P-$n; ip -n $P-$n link set lo up; done; ip netns exec $P-wan sysctl -q -w net.ipv4.ip_forward=1; }
teardown() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=(); sleep 1
  for n in r1 r2 lana lanb wan; do ip netns pids $P-$n | xargs -r kill -9 2>/dev/null || true; ip netns del $P-$n; done
}
iperf() {
  ip netns exec $P-lanb iperf3 -s -1 -B 10.2.0.2 >/dev/null 2>&1 & sleep 0.5
  ip netns exec $P-lana ping -c 3 -i 0.3 -W 1 10.2.0.2 >/dev/null 2>&1 || true
  ip netns exec $P-lana iperf3 -c 10.2.0.2 -t "$T" -O ${OMIT:-2} -M $((SIZE-40)) -J > "$W/iperf.json" || true
  cp "$W/iperf.json" "$W/iperf-$k.json"
  [[ -z ${KEEP:-} ]] || for n in lana wan lanb r1 r2; do echo "== $n"; ip -n $P-$n -s link; done > "$W/links-$k.txt" 2>&1
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); e=d.get("end",{}); print("%.0f" % (e["sum_received"]["bits_per_second"]/1e6) if "sum_received" in e else "ERR:"+d.get("error","?"))' "$W/iperf.json"
}
rose_conf() { # $1 me $2 peer $3 mylan $4 peerlan $5 ipsec? $6 wan gw
  echo "/ip service set [find] disabled=yes"
  echo "/ip address add address=$1/24 interface=ether1"
  echo "/ip address add address=${3%.0/24}.1/24 interface=ether2"
  echo "/ip route add dst-address=$4 gateway=$6"
  echo "/ip route add dst-address=${2%.1}.0/24 gateway=$6"
  if [[ $5 == yes ]]; then
    echo "/ip ipsec profile add name=b dh-group=ecp256 enc-algorithm=aes-256 hash-algorithm=sha256"
    echo "/ip ipsec proposal add name=b enc-algorithms=$ENC auth-algorithms=sha256 pfs-group=none"
    echo "/ip ipsec peer add name=b address=$2/32 profile=b exchange-mode=ike2"
    echo "/ip ipsec identity add peer=b auth-method=pre-shared-key secret=bench-psk"
    echo "/ip ipsec policy add peer=b src-address=$3 dst-address=$4 tunnel=yes proposal=b"
  fi
}
rose_pair() { # $1 ipsec yes/no $2 launcher
  local bin=${2:-$ROSE}
  rose_conf 172.31.1.1 172.31.2.1 10.1.0.0/24 10.2.0.0/24 "$1" 172.31.1.2 > "$W/r1.rsc"
  rose_conf 172.31.2.1 172.31.1.1 10.2.0.0/24 10.1.0.0/24 "$1" 172.31.2.2 > "$W/r2.rsc"
  for r in r1 r2; do
    rm -rf "$W/$r-data"
    ROSE_JAVA_OPTS="${ROSE_JAVA_OPTS:-} ${JFR:+-XX:StartFlightRecording=filename=$W/$r-$1.jfr,settings=profile,method-profiling=max}" \
    ip netns exec $P-$r "$bin" run --data "$W/$r-data" --board x86-minipc --import "$W/$r.rsc" \
      --port ether1=tun:w$r --port ether2=tun:l$r > "$W/$r.log" 2>&1 & pids+=($!)
  done
  for r in r1 r2; do for _ in $(seq 150); do grep -q "rose: imported" "$W/$r.log" && break; sleep 0.2; done; done
  ip -n $P-r1 link set lr1 netns $P-lana; ip -n $P-r2 link set lr2 netns $P-lanb
  ip -n $P-r1 link set wr1 netns $P-wan; ip -n $P-r2 link set wr2 netns $P-wan
  ip -n $P-lana addr add 10.1.0.2/24 dev lr1; ip -n $P-lana link set lr1 up; ip -n $P-lana route add default via 10.1.0.1
  ip -n $P-lanb addr add 10.2.0.2/24 dev lr2; ip -n $P-lanb link set lr2 up; ip -n $P-lanb route add default via 10.2.0.1
  ip -n $P-wan addr add 172.31.1.2/24 dev wr1; ip -n $P-wan link set wr1 up
  ip -n $P-wan addr add 172.31.2.2/24 dev wr2; ip -n $P-wan link set wr2 up
  ip -n $P-wan route add 10.1.0.0/24 via 172.31.1.1; ip -n $P-wan route add 10.2.0.0/24 via 172.31.2.1
}
charon_in() { # $1 ns-suffix $2 me $3 peer $4 mylan $5 peerlan
  local d="$W/ch-$1"; mkdir -p "$d/run"
  cat > "$d/strongswan.conf" <<CONF
charon-systemd { load = openssl random nonce aes sha1 sha2 md5 hmac gcm pem pkcs1 pkcs8 x509 pubkey curve25519 gmp kdf kernel-libipsec kernel-netlink socket-default vici updown
  journal { default = -1 } }
charon { load = openssl random nonce aes sha1 sha2 md5 hmac gcm pem pkcs1 pkcs8 x509 pubkey curve25519 gmp kdf kernel-libipsec kernel-netlink socket-default vici updown
  plugins { vici { socket = unix://$d/vici } kernel-libipsec { load = yes } } }
CONF
  cat > "$d/swanctl.conf" <<CONF
connections { b { version = 2
  local_addrs = $2
  remote_addrs = $3
  proposals = aes256-sha256-ecp256
  local { auth = psk
 id = $2 }
  remote { auth = psk
 id = $3 }
  children { b { local_ts = $4
 remote_ts = $5
 esp_proposals = $SW } } } }
secrets { ike-b { secret = bench-psk } }
CONF
  for s in x509 x509ca private; do mkdir -p "$d/$s"; done
  ip netns exec $P-$1 sysctl -q -w net.ipv4.ip_forward=1
  STRONGSWAN_CONF="$d/strongswan.conf" ip netns exec $P-$1 unshare --mount --propagation private \
    sh -c "mount --bind $d/run /run && exec /usr/sbin/charon-systemd" > "$d/out.log" 2>&1 & pids+=($!)
  for _ in $(seq 100); do [[ -S $d/vici ]] && break; sleep 0.05; done
}
swan_pair() {
  ip link add lr1 netns $P-r1 type veth peer name lr1 netns $P-lana
  ip link add wr1 netns $P-r1 type veth peer name wr1 netns $P-wan
  ip link add wr2 netns $P-r2 type veth peer name wr2 netns $P-wan
  ip link add lr2 netns $P-r2 type veth peer name lr2 netns $P-lanb
  for x in "r1 lr1" "r1 wr1" "r2 wr2" "r2 lr2" "lana lr1" "lanb lr2" "wan wr1" "wan wr2"; do set -- $x; ip -n $P-$1 link set $2 up
    ip netns exec $P-$1 ethtool -K "$2" rx off tx off tso off gso off gro off >/dev/null 2>&1 || true; done
  ip -n $P-r1 addr add 10.1.0.1/24 dev lr1; ip -n $P-r1 addr add 172.31.1.1/24 dev wr1; ip -n $P-r1 route add 172.31.2.0/24 via 172.31.1.2
  ip -n $P-r2 addr add 10.2.0.1/24 dev lr2; ip -n $P-r2 addr add 172.31.2.1/24 dev wr2; ip -n $P-r2 route add 172.31.1.0/24 via 172.31.2.2
  ip -n $P-wan addr add 172.31.1.2/24 dev wr1; ip -n $P-wan addr add 172.31.2.2/24 dev wr2
  ip -n $P-lana addr add 10.1.0.2/24 dev lr1; ip -n $P-lana route add default via 10.1.0.1
  ip -n $P-lanb addr add 10.2.0.2/24 dev lr2; ip -n $P-lanb route add default via 10.2.0.1
  charon_in r2 172.31.2.1 172.31.1.1 10.2.0.0/24 10.1.0.0/24
  charon_in r1 172.31.1.1 172.31.2.1 10.1.0.0/24 10.2.0.0/24
  ip netns exec $P-r2 swanctl --load-all --file "$W/ch-r2/swanctl.conf" --uri "unix://$W/ch-r2/vici" >/dev/null 2>&1
  ip netns exec $P-r1 swanctl --load-all --file "$W/ch-r1/swanctl.conf" --uri "unix://$W/ch-r1/vici" >/dev/null 2>&1
  ip netns exec $P-r1 swanctl --initiate --child b --uri "unix://$W/ch-r1/vici" >/dev/null 2>&1
}
ROSE=${ROSE:-$root/rose}
"$ROSE" --help >/dev/null 2>&1 || true
declare -A R
for k in $PATHS; do
  nsall
  case $k in a) rose_pair yes;; A) rose_pair yes "$BASELINE";; b) rose_pair no;; B) rose_pair no "$BASELINE";; c) swan_pair;; esac
  R[$k]="${R[$k]:-} $(iperf)"
  [[ -z ${KEEP:-} ]] || { for r in r1 r2; do cp "$W/$r.log" "$W/$r-$k.log" 2>/dev/null || true; done; }
  teardown
done
med() { python3 -c 'import sys,statistics; v=[float(x) for x in sys.argv[1:] if not x.startswith("ERR")]; print("%.0f" % statistics.median(v) if v else 0)' "$@"; }
ratio() { python3 -c 'import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print("%.2f" % (a/b) if b > 0 else "-")' "$1" "$2"; }
mc=$(med ${R[c]:-}); mb=$(med ${R[b]:-})
printf '\n%-52s %8s %7s %7s  %s\n' "iperf3 TCP lana -> lanb, ${T}s, ${SIZE} B, $ENC" "median" "vs (c)" "vs (b)" "Mbit/s per run"
for k in $(printf '%s\n' $PATHS | awk '!seen[$0]++'); do
  case $k in
    a) n="(a) ROSE <-> ROSE, IPsec IKEv2 ESP, TUN ports";; A) n="(A) as (a), BASELINE build";;
    b) n="(b) ROSE <-> ROSE, routed, TUN ports";; B) n="(B) as (b), BASELINE build";;
    c) n="(c) strongSwan libipsec <-> libipsec (UDP 4500)";; esac
  m=$(med ${R[$k]})
  printf '%-52s %8s %7s %7s  %s\n' "$n" "$m" "$(ratio "$m" "$mc")" "$(ratio "$m" "$mb")" "${R[$k]}"
done
[[ -n ${KEEP:-} ]] && echo "kept $W"
exit 0
