package rose.dataplane.firewall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.dataplane.l2.Ethernet;

/**
 * Builds a {@link RuleSpec} from RouterOS property words ({@code chain=forward action=drop
 * protocol=tcp dst-port=22}). The appliance passes the item's effective values as a map; tests
 * and benchmarks write the console form. Unknown properties are refused, not ignored, so a
 * matcher the dataplane does not implement can never silently widen a rule.
 */
public final class RuleSpecParser {
    private RuleSpecParser() {}

    public static RuleSpec parse(long id, String words) { return parse(id, split(words)); }

    public static RuleSpec parse(long id, Map<String, String> p) {
        String chain = p.get("chain");
        if (chain == null) throw new IllegalArgumentException("chain is mandatory");
        Action action = p.containsKey("action") ? Action.parse(p.get("action")) : Action.ACCEPT;
        RuleSpec.Builder b = RuleSpec.builder(id, chain, action);
        for (Map.Entry<String, String> e : p.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "chain": case "action": case "place-before": case "copy-from": break;
                case "disabled": b.disabled(yes(v)); break;
                case "comment": b.comment(v); break;
                case "log": b.log(yes(v)); break;
                case "log-prefix": b.logPrefix(v); break;
                case "src-address": b.srcAddress(Negatable.parse(v, Ipv4Range::parse)); break;
                case "dst-address": b.dstAddress(Negatable.parse(v, Ipv4Range::parse)); break;
                case "src-address-list": b.srcAddressList(Negatable.parse(v, s -> s)); break;
                case "dst-address-list": b.dstAddressList(Negatable.parse(v, s -> s)); break;
                case "src-address-type": b.srcAddressType(Negatable.parse(v, AddressTypes::parse)); break;
                case "dst-address-type": b.dstAddressType(Negatable.parse(v, AddressTypes::parse)); break;
                case "protocol": b.protocol(Negatable.parse(v, Protocols::parse)); break;
                case "src-port": b.srcPort(Negatable.parse(v, PortSet::parse)); break;
                case "dst-port": b.dstPort(Negatable.parse(v, PortSet::parse)); break;
                case "port": b.anyPort(Negatable.parse(v, PortSet::parse)); break;
                case "in-interface": b.inInterface(Negatable.parse(v, s -> s)); break;
                case "out-interface": b.outInterface(Negatable.parse(v, s -> s)); break;
                case "in-interface-list": b.inInterfaceList(Negatable.parse(v, s -> s)); break;
                case "out-interface-list": b.outInterfaceList(Negatable.parse(v, s -> s)); break;
                case "connection-state": b.connectionState(Negatable.parse(v, ConnStates::parseStates)); break;
                case "connection-nat-state": b.connectionNatState(Negatable.parse(v, ConnStates::parseNatStates)); break;
                case "connection-type":
                    b.connectionType(Negatable.parse(v, w -> rose.dataplane.conntrack.ConnectionType.parseBuilt(w).id())); break;
                case "connection-mark": b.connectionMark(Negatable.parse(v, s -> s)); break;
                case "packet-mark": b.packetMark(Negatable.parse(v, s -> s)); break;
                case "routing-mark": b.routingMark(Negatable.parse(v, s -> s)); break;
                case "ipsec-policy": b.ipsecPolicy(IpsecPolicyMatch.parse(v)); break;
                case "limit": b.limit(Negatable.parse(v, LimitSpec::parse)); break;
                case "dst-limit": b.dstLimit(Negatable.parse(v, DstLimitSpec::parse)); break;
                case "tcp-flags": b.tcpFlags(TcpFlagsMatch.parse(v)); break;
                case "icmp-options": b.icmpOptions(Negatable.parse(v, IcmpOptions::parse)); break;
                case "packet-size": b.packetSize(Negatable.parse(v, IntRange::parse)); break;
                case "tcp-mss": b.tcpMss(Negatable.parse(v, IntRange::parse)); break;
                case "ttl": b.ttl(TtlMatch.parse(v)); break;
                case "dscp": b.dscp(Negatable.parse(v, Integer::parseInt)); break;
                case "fragment": b.fragment(yes(v)); break;
                case "nth": { String[] n = v.split(","); b.nth(Integer.parseInt(n[0].trim()), Integer.parseInt(n[1].trim())); break; }
                case "random": b.random(Integer.parseInt(v.trim())); break;
                case "src-mac-address": b.srcMacAddress(Negatable.parse(v, Ethernet::parse)); break;
                case "content": b.content(Negatable.parse(v, ContentMatch::parse)); break;
                case "time": b.time(Negatable.parse(v, TimeMatch::parse)); break;
                case "per-connection-classifier": b.perConnectionClassifier(Negatable.parse(v, PccSpec::parse)); break;
                case "connection-bytes": b.connectionBytes(LongRange.parse(v)); break;
                case "connection-rate": b.connectionRate(Negatable.parse(v, LongRange::parse)); break;
                case "connection-limit": b.connectionLimit(Negatable.parse(v, ConnLimitSpec::parse)); break;
                case "psd": b.psd(PsdSpec.parse(v)); break;
                case "layer7-protocol": b.layer7Protocol(Negatable.parse(v, s -> s)); break;
                case "tos": b.tos(Negatable.parse(v, TosMatch::parse)); break;
                case "priority": b.priority(Negatable.parse(v, s -> range("priority", s, 0, 63))); break;
                case "ingress-priority": b.ingressPriority(Negatable.parse(v, s -> range("ingress-priority", s, 0, 63))); break;
                case "ipv4-options": b.ipv4Options(Negatable.parse(v, Ipv4Options::parse)); break;
                case "tls-host": b.tlsHost(Negatable.parse(v, TlsHostMatch::parse)); break;
                case "p2p": b.p2p(Negatable.parse(v, P2pMatch::parse)); break;
                case "hotspot": b.hotspot(hotspot(v)); break;
                case "in-bridge-port": b.inBridgePort(Negatable.parse(v, s -> s)); break;
                case "out-bridge-port": b.outBridgePort(Negatable.parse(v, s -> s)); break;
                case "in-bridge-port-list": b.inBridgePortList(Negatable.parse(v, s -> s)); break;
                case "out-bridge-port-list": b.outBridgePortList(Negatable.parse(v, s -> s)); break;
                case "realm": b.realm(Negatable.parse(v, s -> range("realm", s, 0, Integer.MAX_VALUE))); break;
                case "jump-target": b.jumpTarget(v); break;
                case "reject-with": b.rejectWith(RejectWith.parse(v)); break;
                case "address-list": b.addressList(v); break;
                case "address-list-timeout":
                    b.addressListTimeout(v.startsWith("none") || v.equals("00:00:00") ? null : RosTime.parse(v)); break;
                case "to-addresses": b.toAddresses(Ipv4Range.parse(v)); break;
                case "to-ports": b.toPorts(IntRange.parse(v)); break;
                case "randomise-ports": b.randomisePorts(yes(v)); break;
                case "new-connection-mark": b.newConnectionMark(v); break;
                case "new-packet-mark": b.newPacketMark(v); break;
                case "new-routing-mark": b.newRoutingMark(v); break;
                case "new-mss": b.newMss(v.equals("clamp-to-pmtu") ? RuleSpec.NEW_MSS_CLAMP_TO_PMTU : Integer.parseInt(v)); break;
                case "passthrough": b.passthrough(yes(v)); break;
                case "new-ttl": b.newTtl(RuleSpec.TtlChange.parse(v)); break;
                case "new-dscp": b.newDscp(newDscp(v)); break;
                case "new-priority": b.newPriority(newPriority(v)); break;
                case "route-dst": b.routeDst(address("route-dst", v)); break;
                case "sniff-target": b.sniffTarget(address("sniff-target", v)); break;
                case "sniff-target-port": b.sniffTargetPort(range("sniff-target-port", v, 0, 65535)); break;
                case "sniff-id":
                    throw new IllegalArgumentException("sniff-id belongs to action sniff-pc, which is not supported: the stream "
                            + "format of RouterOS's CALEA receiver is not publicly documented");
                default: throw new IllegalArgumentException("unsupported firewall property: " + e.getKey());
            }
        }
        return checkNat(b.build());
    }

    /**
     * NAT parameters that only some actions use: a rule that sets one where it means nothing is
     * refused rather than stored and silently ignored.
     */
    private static RuleSpec checkNat(RuleSpec r) {
        boolean picksSourcePort = r.action == Action.SRC_NAT || r.action == Action.MASQUERADE || r.action == Action.SAME
                || (r.action == Action.ENDPOINT_INDEPENDENT_NAT && !r.chain.equals("dstnat"));
        if (r.randomisePorts != null && !picksSourcePort)
            throw new IllegalArgumentException("randomise-ports applies to src-nat, masquerade, same and srcnat endpoint-independent-nat");
        if (r.action != Action.ENDPOINT_INDEPENDENT_NAT) return r;
        if (r.protocol == null || r.protocol.negated() || r.protocol.value() != Protocols.UDP)
            throw new IllegalArgumentException("endpoint-independent-nat works only with protocol=udp");
        if (r.chain.equals("input") || r.chain.equals("output"))
            throw new IllegalArgumentException("endpoint-independent-nat works only in srcnat and dstnat chains");
        if (r.chain.equals("dstnat") && (r.toAddresses != null || r.toPorts != null))
            throw new IllegalArgumentException("to-addresses and to-ports of endpoint-independent-nat belong to its srcnat rule: "
                    + "the dstnat rule forwards to whatever endpoint the mapping names");
        return r;
    }

    private static int range(String name, String v, int min, int max) {
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for argument " + name + ": " + v);
        }
        if (n < min || n > max) throw new IllegalArgumentException("value of " + name + " out of range (" + min + ".." + max + ")");
        return (int) n;
    }

    private static int address(String name, String v) {
        try {
            return rose.dataplane.config.Ip4Address.parse(v.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid value for argument " + name + ": " + v);
        }
    }

    private static int newDscp(String v) {
        switch (v.trim()) {
            case "from-priority": return RuleSpec.NEW_DSCP_FROM_PRIORITY;
            case "from-priority-to-high-3-bits": return RuleSpec.NEW_DSCP_FROM_PRIORITY_TO_HIGH_3_BITS;
            default: return range("new-dscp", v, 0, 63);
        }
    }

    private static int newPriority(String v) {
        switch (v.trim()) {
            case "from-dscp": return RuleSpec.NEW_PRIORITY_FROM_DSCP;
            case "from-dscp-high-3-bits": return RuleSpec.NEW_PRIORITY_FROM_DSCP_HIGH_3_BITS;
            case "from-ingress": return RuleSpec.NEW_PRIORITY_FROM_INGRESS;
            default: return range("new-priority", v, 0, 63);
        }
    }

    private static final java.util.Set<String> HOTSPOT = java.util.Set.of("from-client", "auth", "local-dst", "to-client", "http");

    /** hotspot=: a comma list whose items each take their own {@code !}. */
    private static String hotspot(String v) {
        for (String item : v.split(",")) {
            String w = item.trim();
            if (!HOTSPOT.contains(w.startsWith("!") ? w.substring(1) : w))
                throw new IllegalArgumentException("invalid value for argument hotspot: " + item);
        }
        return v.trim();
    }

    private static boolean yes(String v) {
        switch (v.trim()) {
            case "yes": case "true": return true;
            case "no": case "false": return false;
            default: throw new IllegalArgumentException("expected yes|no: " + v);
        }
    }

    /** Splits {@code k=v k2="quoted value"} into an ordered map. */
    public static Map<String, String> split(String words) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> tokens = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < words.length(); i++) {
            char c = words.charAt(i);
            if (c == '"') { quoted = !quoted; continue; }
            if (c == '\\' && quoted && i + 1 < words.length()) { cur.append(words.charAt(++i)); continue; }
            if (Character.isWhitespace(c) && !quoted) { if (cur.length() > 0) { tokens.add(cur.toString()); cur.setLength(0); } continue; }
            cur.append(c);
        }
        if (cur.length() > 0) tokens.add(cur.toString());
        for (String t : tokens) {
            int eq = t.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected name=value: " + t);
            out.put(t.substring(0, eq), t.substring(eq + 1));
        }
        return out;
    }
}
