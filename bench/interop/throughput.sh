#!/usr/bin/env bash
# Issue 5 throughput, one run, three paths on the same namespace topology:
#
#   lana 10.1.0.2 -- [r1: 10.1.0.1 | 172.31.0.1] -- [r2: 172.31.0.2 | 10.2.0.1] -- lanb 10.2.0.2
#
#   (a) two ROSE routers (rose run, AF_PACKET veths) with an IKEv2 tunnel (AES-256-GCM ESP in UDP 4500)
#   (b) the same two ROSE routers without IPsec (routed)
#   (c) strongSwan 5.9 charon + kernel-libipsec in r1 and r2 instead (userspace ESP, AES-256-GCM)
#
# iperf3 TCP lana -> lanb, DURATION seconds each (default 8). Needs root, iproute2, iperf3,
# ethtool, strongSwan (see .ci/run). Everything lives in namespaces named rb<pid>-*; torn down on exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
T=${DURATION:-8}
P=rb$$
W=$(mktemp -d /tmp/rose-bench-XXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for n in r1 r2 lana lanb; do ip netns pids $P-$n 2>/dev/null | xargs -r kill -9 2>/dev/null || true; ip netns del $P-$n 2>/dev/null || true; done
  rm -rf "$W"
}
trap cleanup EXIT
off() { ip netns exec "$1" ethtool -K "$2" rx off tx off tso off gso off gro off >/dev/null 2>&1 || true; }
topology() {
  for n in r1 r2 lana lanb; do ip netns add $P-$n; ip -n $P-$n link set lo up; done
  ip link add lan netns $P-r1 type veth peer name eth0 netns $P-lana
  ip link add wan netns $P-r1 type veth peer name wan netns $P-r2
  ip link add lan netns $P-r2 type veth peer name eth0 netns $P-lanb
  for x in "r1 lan" "r1 wan" "r2 wan" "r2 lan" "lana eth0" "lanb eth0"; do set -- $x; ip -n $P-$1 link set $2 up; off $P-$1 $2; done
  ip -n $P-lana addr add 10.1.0.2/24 dev eth0; ip -n $P-lana route add default via 10.1.0.1
  ip -n $P-lanb addr add 10.2.0.2/24 dev eth0; ip -n $P-lanb route add default via 10.2.0.1
}
teardown() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=(); sleep 1
  for n in r1 r2 lana lanb; do ip netns pids $P-$n | xargs -r kill -9 2>/dev/null || true; ip netns del $P-$n; done
}
iperf() {
  ip netns exec $P-lanb iperf3 -s -1 -B 10.2.0.2 >/dev/null 2>&1 & sleep 0.5
  ip netns exec $P-lana ping -c 3 -i 0.3 -W 1 10.2.0.2 >/dev/null 2>&1 || true   # acquire / ARP
  ip netns exec $P-lana iperf3 -c 10.2.0.2 -t "$T" -J | python3 -c 'import json,sys; print("%.0f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e6))'
}
rose_conf() { # $1 me $2 peer $3 mylan $4 peerlan $5 ipsec?
  echo "/ip service set [find] disabled=yes"
  echo "/ip address add address=$1/24 interface=ether1"
  echo "/ip address add address=${3%.0/24}.1/24 interface=ether2"
  echo "/ip route add dst-address=$4 gateway=$2"
  if [[ $5 == yes ]]; then
    echo "/ip ipsec profile add name=b dh-group=ecp256 enc-algorithm=aes-256 hash-algorithm=sha256"
    echo "/ip ipsec proposal add name=b enc-algorithms=aes-256-gcm auth-algorithms=sha256 pfs-group=none"
    echo "/ip ipsec peer add name=b address=$2/32 profile=b exchange-mode=ike2"
    echo "/ip ipsec identity add peer=b auth-method=pre-shared-key secret=bench-psk"
    echo "/ip ipsec policy add peer=b src-address=$3 dst-address=$4 tunnel=yes proposal=b"
  fi
}
rose_pair() { # $1 ipsec yes/no
  "$root/rose" --help >/dev/null 2>&1 || true   # builds once if needed
  rose_conf 172.31.0.1 172.31.0.2 10.1.0.0/24 10.2.0.0/24 "$1" > "$W/r1.rsc"
  rose_conf 172.31.0.2 172.31.0.1 10.2.0.0/24 10.1.0.0/24 "$1" > "$W/r2.rsc"
  for r in r1 r2; do
    rm -rf "$W/$r-data"
    ip netns exec $P-$r "$root/rose" run --data "$W/$r-data" --board x86-minipc --import "$W/$r.rsc" \
      --port ether1=wan --port ether2=lan > "$W/$r.log" 2>&1 & pids+=($!)
  done
  for r in r1 r2; do for _ in $(seq 100); do grep -q "rose: imported" "$W/$r.log" && break; sleep 0.2; done; done
}
charon_in() { # $1 ns-suffix $2 me $3 peer $4 mylan $5 peerlan $6 start
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
 esp_proposals = aes256gcm16
 start_action = $6 } } } }
secrets { ike-b { secret = bench-psk } }
CONF
  for s in x509 x509ca private; do mkdir -p "$d/$s"; done
  ip netns exec $P-$1 ip addr add "${4%.0/24}.1/24" dev lan
  ip netns exec $P-$1 ip addr add "$2/24" dev wan
  ip netns exec $P-$1 sysctl -q -w net.ipv4.ip_forward=1
  STRONGSWAN_CONF="$d/strongswan.conf" ip netns exec $P-$1 unshare --mount --propagation private \
    sh -c "mount --bind $d/run /run && exec /usr/sbin/charon-systemd" > "$d/out.log" 2>&1 & pids+=($!)
  for _ in $(seq 100); do [[ -S $d/vici ]] && break; sleep 0.05; done
}
declare -A R
topology; rose_pair yes; R[a]=$(iperf); teardown
topology; rose_pair no; R[b]=$(iperf); teardown
topology
charon_in r2 172.31.0.2 172.31.0.1 10.2.0.0/24 10.1.0.0/24 none
charon_in r1 172.31.0.1 172.31.0.2 10.1.0.0/24 10.2.0.0/24 none
ip netns exec $P-r2 swanctl --load-all --file "$W/ch-r2/swanctl.conf" --uri "unix://$W/ch-r2/vici" >/dev/null 2>&1
ip netns exec $P-r1 swanctl --load-all --file "$W/ch-r1/swanctl.conf" --uri "unix://$W/ch-r1/vici" >/dev/null 2>&1
ip netns exec $P-r1 swanctl --initiate --child b --uri "unix://$W/ch-r1/vici" >/dev/null 2>&1
R[c]=$(iperf); teardown
printf '\n%-58s %10s %8s\n' "path (iperf3 TCP lana -> lanb, ${T}s)" "Mbit/s" "vs (c)"
for k in a b c; do
  case $k in a) n="(a) ROSE <-> ROSE, IPsec IKEv2 AES-256-GCM (AF_PACKET)";; b) n="(b) ROSE <-> ROSE, routed, no IPsec";; c) n="(c) strongSwan libipsec <-> strongSwan libipsec";; esac
  printf '%-58s %10s %8s\n' "$n" "${R[$k]}" "$(python3 -c "print('%.2fx' % (${R[$k]}/max(1,${R[c]})))")"
done
