package rose.dataplane.firewall;

import java.time.Duration;
import java.util.Objects;

/**
 * One firewall rule as configured (filter, nat, mangle or raw), immutable. The appliance builds
 * these from the configuration database ({@link RuleSpecParser} reads RouterOS property words);
 * {@link RuleCompiler} turns a table's list into a {@link TableProgram}. Matchers are null when
 * not set. {@link #id()} is the configuration item's stable id: counters follow it across recompiles.
 */
public final class RuleSpec {
    // identity and common properties
    public final long id;
    public final String chain;
    public final Action action;
    public final boolean disabled;
    public final String comment;
    public final boolean log;
    public final String logPrefix;

    // matchers (reference 03 §3)
    public final Negatable<Ipv4Range> srcAddress, dstAddress;
    public final Negatable<String> srcAddressList, dstAddressList;
    public final Negatable<Integer> srcAddressType, dstAddressType;
    public final Negatable<Integer> protocol;
    public final Negatable<PortSet> srcPort, dstPort, anyPort;
    public final Negatable<String> inInterface, outInterface, inInterfaceList, outInterfaceList;
    public final Negatable<Integer> connectionState, connectionNatState;
    public final Negatable<Integer> connectionType;   // a ConnectionType id
    public final Negatable<String> connectionMark, packetMark, routingMark;
    public final IpsecPolicyMatch ipsecPolicy;
    public final Negatable<LimitSpec> limit;
    public final Negatable<DstLimitSpec> dstLimit;
    public final TcpFlagsMatch tcpFlags;
    public final Negatable<IcmpOptions> icmpOptions;
    public final Negatable<IntRange> packetSize, tcpMss;
    public final TtlMatch ttl;
    public final Negatable<Integer> dscp;
    public final Boolean fragment;
    public final int nthEvery, nthPacket;      // 0 = unset
    public final int randomPercent;            // 0 = unset
    public final Negatable<Long> srcMacAddress;
    public final Negatable<ContentMatch> content;
    public final Negatable<TimeMatch> time;
    public final Negatable<PccSpec> perConnectionClassifier;
    public final LongRange connectionBytes;    // not negatable in RouterOS
    public final Negatable<LongRange> connectionRate;
    public final Negatable<ConnLimitSpec> connectionLimit;
    public final PsdSpec psd;
    public final Negatable<String> layer7Protocol;
    public final Negatable<TosMatch> tos;
    public final Negatable<Integer> priority, ingressPriority;
    public final Negatable<Ipv4Options> ipv4Options;
    public final Negatable<TlsHostMatch> tlsHost;
    public final Negatable<P2pMatch> p2p;
    // matchers of facilities ROSE does not have (hotspot, bridge firewall, routing realms); see RuleCompiler#neverMatches
    public final String hotspot;               // comma list, ! per item
    public final Negatable<String> inBridgePort, outBridgePort, inBridgePortList, outBridgePortList;
    public final Negatable<Integer> realm;

    // action parameters (reference 03 §4.1)
    public final String jumpTarget;
    public final RejectWith rejectWith;
    public final String addressList;
    public final Duration addressListTimeout;  // null = none-dynamic/none-static (no expiry)
    public final Ipv4Range toAddresses;
    public final IntRange toPorts;
    public final Boolean randomisePorts;       // null = not set (no)
    public final String newConnectionMark, newPacketMark, newRoutingMark;
    public final int newMss;                   // 0 = unset, NEW_MSS_CLAMP_TO_PMTU = clamp
    public final boolean passthrough;
    public final TtlChange newTtl;
    public final int newDscp;                  // -1 = unset, or NEW_DSCP_FROM_PRIORITY*
    public final int newPriority;              // -1 = unset, 0..63, or NEW_PRIORITY_FROM_*
    public final Integer routeDst;             // action=route's forced next hop, null = unset
    public final Integer sniffTarget;          // action=sniff-tzsp's receiver, null = unset
    public final int sniffTargetPort;          // its UDP port, TZSP's 37008 by default

    public static final int NEW_MSS_CLAMP_TO_PMTU = -1;
    /** new-dscp words: the packet's priority (0..63), or its low three bits into DSCP's class bits. */
    public static final int NEW_DSCP_FROM_PRIORITY = -2, NEW_DSCP_FROM_PRIORITY_TO_HIGH_3_BITS = -3;
    /** new-priority words: from the DSCP, from DSCP's three class bits, or from the ingress priority. */
    public static final int NEW_PRIORITY_FROM_DSCP = -2, NEW_PRIORITY_FROM_DSCP_HIGH_3_BITS = -3, NEW_PRIORITY_FROM_INGRESS = -4;

    /** change-ttl {@code set:N | increment:N | decrement:N}. */
    public record TtlChange(String op, int value) {
        public static TtlChange parse(String s) {
            int c = s.indexOf(':');
            String op = s.substring(0, c).trim();
            if (!op.equals("set") && !op.equals("increment") && !op.equals("decrement"))
                throw new IllegalArgumentException("new-ttl: " + s);
            return new TtlChange(op, Integer.parseInt(s.substring(c + 1).trim()));
        }
        public int apply(int ttl) {
            int v = op.equals("set") ? value : op.equals("increment") ? ttl + value : ttl - value;
            return Math.max(0, Math.min(255, v));
        }
    }

    private RuleSpec(Builder b) {
        id = b.id; chain = Objects.requireNonNull(b.chain, "chain"); action = b.action; disabled = b.disabled;
        comment = b.comment; log = b.log; logPrefix = b.logPrefix;
        srcAddress = b.srcAddress; dstAddress = b.dstAddress; srcAddressList = b.srcAddressList; dstAddressList = b.dstAddressList;
        srcAddressType = b.srcAddressType; dstAddressType = b.dstAddressType;
        protocol = b.protocol; srcPort = b.srcPort; dstPort = b.dstPort; anyPort = b.anyPort;
        inInterface = b.inInterface; outInterface = b.outInterface; inInterfaceList = b.inInterfaceList; outInterfaceList = b.outInterfaceList;
        connectionState = b.connectionState; connectionNatState = b.connectionNatState; connectionType = b.connectionType;
        connectionMark = b.connectionMark; packetMark = b.packetMark; routingMark = b.routingMark;
        ipsecPolicy = b.ipsecPolicy; limit = b.limit; dstLimit = b.dstLimit; tcpFlags = b.tcpFlags; icmpOptions = b.icmpOptions;
        packetSize = b.packetSize; tcpMss = b.tcpMss; ttl = b.ttl; dscp = b.dscp; fragment = b.fragment;
        nthEvery = b.nthEvery; nthPacket = b.nthPacket; randomPercent = b.randomPercent;
        srcMacAddress = b.srcMacAddress; content = b.content; time = b.time; perConnectionClassifier = b.perConnectionClassifier;
        connectionBytes = b.connectionBytes; connectionRate = b.connectionRate; connectionLimit = b.connectionLimit;
        psd = b.psd; layer7Protocol = b.layer7Protocol;
        tos = b.tos; priority = b.priority; ingressPriority = b.ingressPriority; ipv4Options = b.ipv4Options; tlsHost = b.tlsHost; p2p = b.p2p;
        hotspot = b.hotspot; inBridgePort = b.inBridgePort; outBridgePort = b.outBridgePort;
        inBridgePortList = b.inBridgePortList; outBridgePortList = b.outBridgePortList; realm = b.realm;
        newPriority = b.newPriority; routeDst = b.routeDst;
        sniffTarget = b.sniffTarget; sniffTargetPort = b.sniffTargetPort;
        jumpTarget = b.jumpTarget; rejectWith = b.rejectWith; addressList = b.addressList; addressListTimeout = b.addressListTimeout;
        toAddresses = b.toAddresses; toPorts = b.toPorts; randomisePorts = b.randomisePorts;
        newConnectionMark = b.newConnectionMark; newPacketMark = b.newPacketMark; newRoutingMark = b.newRoutingMark;
        newMss = b.newMss; passthrough = b.passthrough; newTtl = b.newTtl; newDscp = b.newDscp;
    }

    public static Builder builder(long id, String chain, Action action) { return new Builder(id, chain, action); }

    /** Mutable builder; every setter returns this. */
    public static final class Builder {
        long id; String chain; Action action; boolean disabled; String comment; boolean log; String logPrefix = "";
        Negatable<Ipv4Range> srcAddress, dstAddress; Negatable<String> srcAddressList, dstAddressList;
        Negatable<Integer> srcAddressType, dstAddressType;
        Negatable<Integer> protocol; Negatable<PortSet> srcPort, dstPort, anyPort;
        Negatable<String> inInterface, outInterface, inInterfaceList, outInterfaceList;
        Negatable<Integer> connectionState, connectionNatState, connectionType; Negatable<String> connectionMark, packetMark, routingMark;
        IpsecPolicyMatch ipsecPolicy; Negatable<LimitSpec> limit; Negatable<DstLimitSpec> dstLimit; TcpFlagsMatch tcpFlags;
        Negatable<IcmpOptions> icmpOptions; Negatable<IntRange> packetSize, tcpMss; TtlMatch ttl; Negatable<Integer> dscp;
        Boolean fragment; int nthEvery, nthPacket, randomPercent;
        Negatable<Long> srcMacAddress; Negatable<ContentMatch> content; Negatable<TimeMatch> time;
        Negatable<PccSpec> perConnectionClassifier; LongRange connectionBytes; Negatable<LongRange> connectionRate;
        Negatable<ConnLimitSpec> connectionLimit; PsdSpec psd; Negatable<String> layer7Protocol;
        Negatable<TosMatch> tos; Negatable<Integer> priority, ingressPriority; Negatable<Ipv4Options> ipv4Options;
        Negatable<TlsHostMatch> tlsHost; Negatable<P2pMatch> p2p; String hotspot;
        Negatable<String> inBridgePort, outBridgePort, inBridgePortList, outBridgePortList; Negatable<Integer> realm;
        int newPriority = -1; Integer routeDst, sniffTarget; int sniffTargetPort = Tzsp.PORT;
        String jumpTarget; RejectWith rejectWith; String addressList; Duration addressListTimeout;
        Ipv4Range toAddresses; IntRange toPorts; Boolean randomisePorts; String newConnectionMark, newPacketMark, newRoutingMark;
        int newMss; boolean passthrough = true; TtlChange newTtl; int newDscp = -1;

        Builder(long id, String chain, Action action) { this.id = id; this.chain = chain; this.action = action; }

        public Builder chain(String v) { chain = v; return this; }
        public Builder action(Action v) { action = v; return this; }
        public Builder disabled(boolean v) { disabled = v; return this; }
        public Builder comment(String v) { comment = v; return this; }
        public Builder log(boolean v) { log = v; return this; }
        public Builder logPrefix(String v) { logPrefix = v; return this; }
        public Builder srcAddress(Negatable<Ipv4Range> v) { srcAddress = v; return this; }
        public Builder dstAddress(Negatable<Ipv4Range> v) { dstAddress = v; return this; }
        public Builder srcAddressList(Negatable<String> v) { srcAddressList = v; return this; }
        public Builder dstAddressList(Negatable<String> v) { dstAddressList = v; return this; }
        public Builder srcAddressType(Negatable<Integer> v) { srcAddressType = v; return this; }
        public Builder dstAddressType(Negatable<Integer> v) { dstAddressType = v; return this; }
        public Builder protocol(Negatable<Integer> v) { protocol = v; return this; }
        public Builder srcPort(Negatable<PortSet> v) { srcPort = v; return this; }
        public Builder dstPort(Negatable<PortSet> v) { dstPort = v; return this; }
        public Builder anyPort(Negatable<PortSet> v) { anyPort = v; return this; }
        public Builder inInterface(Negatable<String> v) { inInterface = v; return this; }
        public Builder outInterface(Negatable<String> v) { outInterface = v; return this; }
        public Builder inInterfaceList(Negatable<String> v) { inInterfaceList = v; return this; }
        public Builder outInterfaceList(Negatable<String> v) { outInterfaceList = v; return this; }
        public Builder connectionState(Negatable<Integer> v) { connectionState = v; return this; }
        public Builder connectionNatState(Negatable<Integer> v) { connectionNatState = v; return this; }
        public Builder connectionType(Negatable<Integer> v) { connectionType = v; return this; }
        public Builder connectionMark(Negatable<String> v) { connectionMark = v; return this; }
        public Builder packetMark(Negatable<String> v) { packetMark = v; return this; }
        public Builder routingMark(Negatable<String> v) { routingMark = v; return this; }
        public Builder ipsecPolicy(IpsecPolicyMatch v) { ipsecPolicy = v; return this; }
        public Builder limit(Negatable<LimitSpec> v) { limit = v; return this; }
        public Builder dstLimit(Negatable<DstLimitSpec> v) { dstLimit = v; return this; }
        public Builder tcpFlags(TcpFlagsMatch v) { tcpFlags = v; return this; }
        public Builder icmpOptions(Negatable<IcmpOptions> v) { icmpOptions = v; return this; }
        public Builder packetSize(Negatable<IntRange> v) { packetSize = v; return this; }
        public Builder tcpMss(Negatable<IntRange> v) { tcpMss = v; return this; }
        public Builder ttl(TtlMatch v) { ttl = v; return this; }
        public Builder dscp(Negatable<Integer> v) { dscp = v; return this; }
        public Builder fragment(Boolean v) { fragment = v; return this; }
        public Builder nth(int every, int packet) { nthEvery = every; nthPacket = packet; return this; }
        public Builder random(int percent) { randomPercent = percent; return this; }
        public Builder srcMacAddress(Negatable<Long> v) { srcMacAddress = v; return this; }
        public Builder content(Negatable<ContentMatch> v) { content = v; return this; }
        public Builder time(Negatable<TimeMatch> v) { time = v; return this; }
        public Builder perConnectionClassifier(Negatable<PccSpec> v) { perConnectionClassifier = v; return this; }
        public Builder connectionBytes(LongRange v) { connectionBytes = v; return this; }
        public Builder connectionRate(Negatable<LongRange> v) { connectionRate = v; return this; }
        public Builder connectionLimit(Negatable<ConnLimitSpec> v) { connectionLimit = v; return this; }
        public Builder psd(PsdSpec v) { psd = v; return this; }
        public Builder layer7Protocol(Negatable<String> v) { layer7Protocol = v; return this; }
        public Builder tos(Negatable<TosMatch> v) { tos = v; return this; }
        public Builder priority(Negatable<Integer> v) { priority = v; return this; }
        public Builder ingressPriority(Negatable<Integer> v) { ingressPriority = v; return this; }
        public Builder ipv4Options(Negatable<Ipv4Options> v) { ipv4Options = v; return this; }
        public Builder tlsHost(Negatable<TlsHostMatch> v) { tlsHost = v; return this; }
        public Builder p2p(Negatable<P2pMatch> v) { p2p = v; return this; }
        public Builder hotspot(String v) { hotspot = v; return this; }
        public Builder inBridgePort(Negatable<String> v) { inBridgePort = v; return this; }
        public Builder outBridgePort(Negatable<String> v) { outBridgePort = v; return this; }
        public Builder inBridgePortList(Negatable<String> v) { inBridgePortList = v; return this; }
        public Builder outBridgePortList(Negatable<String> v) { outBridgePortList = v; return this; }
        public Builder realm(Negatable<Integer> v) { realm = v; return this; }
        public Builder newPriority(int v) { newPriority = v; return this; }
        public Builder routeDst(Integer v) { routeDst = v; return this; }
        public Builder sniffTarget(Integer v) { sniffTarget = v; return this; }
        public Builder sniffTargetPort(int v) { sniffTargetPort = v; return this; }
        public Builder jumpTarget(String v) { jumpTarget = v; return this; }
        public Builder rejectWith(RejectWith v) { rejectWith = v; return this; }
        public Builder addressList(String v) { addressList = v; return this; }
        public Builder addressListTimeout(Duration v) { addressListTimeout = v; return this; }
        public Builder toAddresses(Ipv4Range v) { toAddresses = v; return this; }
        public Builder toPorts(IntRange v) { toPorts = v; return this; }
        public Builder randomisePorts(Boolean v) { randomisePorts = v; return this; }
        public Builder newConnectionMark(String v) { newConnectionMark = v; return this; }
        public Builder newPacketMark(String v) { newPacketMark = v; return this; }
        public Builder newRoutingMark(String v) { newRoutingMark = v; return this; }
        public Builder newMss(int v) { newMss = v; return this; }
        public Builder passthrough(boolean v) { passthrough = v; return this; }
        public Builder newTtl(TtlChange v) { newTtl = v; return this; }
        public Builder newDscp(int v) { newDscp = v; return this; }
        public RuleSpec build() { return new RuleSpec(this); }
    }

    @Override public String toString() {
        return "RuleSpec{id=" + id + " chain=" + chain + " action=" + action + (disabled ? " disabled" : "") + "}";
    }
}
