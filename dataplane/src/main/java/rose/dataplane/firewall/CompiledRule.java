package rose.dataplane.firewall;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rule ready for the packet path: names resolved to ints, interface lists to bit sets, address
 * lists and limiters to objects. {@link #matches} tests only the matchers present (bit set
 * {@code checks}) in a fixed cheap-first order — header compares, then metadata, then lookups,
 * then the stateful matchers (nth, random, limit, dst-limit), which pay a token only when
 * everything else matched, as RouterOS orders them.
 */
public final class CompiledRule {
    // check bits, in evaluation order
    static final int C_IN_IF = 1, C_OUT_IF = 1 << 1, C_IN_LIST = 1 << 2, C_OUT_LIST = 1 << 3, C_PROTO = 1 << 4,
            C_SRC = 1 << 5, C_DST = 1 << 6, C_SPORT = 1 << 7, C_DPORT = 1 << 8, C_PORT = 1 << 9, C_TCP_FLAGS = 1 << 10,
            C_ICMP = 1 << 11, C_SIZE = 1 << 12, C_TTL = 1 << 13, C_DSCP = 1 << 14, C_FRAGMENT = 1 << 15,
            C_PKT_MARK = 1 << 16, C_CONN_MARK = 1 << 17, C_ROUTING_MARK = 1 << 18, C_STATE = 1 << 19, C_NAT_STATE = 1 << 20,
            C_MSS = 1 << 21, C_SRC_TYPE = 1 << 22, C_DST_TYPE = 1 << 23, C_SRC_LIST = 1 << 24, C_DST_LIST = 1 << 25,
            C_IPSEC = 1 << 26, C_NTH = 1 << 27, C_RANDOM = 1 << 28, C_LIMIT = 1 << 29, C_DST_LIMIT = 1 << 30,
            C_EXT = 1 << 31;   // one or more of the rarer matchers below: one branch on the common path

    // extended check bits (field ext), in RouterOS's order: src MAC first, then the conntrack
    // and payload matchers, the stateful ones last (they record state only when all else matched)
    static final int X_SRC_MAC = 1, X_TIME = 1 << 1, X_CONN_BYTES = 1 << 2, X_CONN_LIMIT = 1 << 3, X_CONN_RATE = 1 << 4,
            X_CONTENT = 1 << 5, X_PSD = 1 << 6, X_LAYER7 = 1 << 7, X_PCC = 1 << 8,
            X_TOS = 1 << 9, X_TLS_HOST = 1 << 10, X_IPV4_OPTIONS = 1 << 11, X_INGRESS_PRIORITY = 1 << 12,
            X_PRIORITY = 1 << 13, X_NEVER = 1 << 14, X_CONN_TYPE = 1 << 15, X_P2P = 1 << 16;

    public final RuleSpec spec;
    public final int position;     // index in its chain
    public final int counterSlot;
    public final Action action;
    final int checks, negated;

    /*
     * The rule heads of nearly every configuration are a lone connection-state or ipsec-policy
     * matcher (defconf: accept established,related,untracked; drop invalid; accept in/out ipsec
     * policy), and every packet of a chain passes them first. Such a rule is tested by the small
     * matches() the evaluator inlines; the full chain of ~30 bit tests behind a call
     * (matchesAll) is for the rest. Profiled at 25 defconf-like forward rules, the call and the
     * chain were a tenth of forwarding.
     */
    static final byte SHAPE_GENERAL = 0, SHAPE_ANY = 1, SHAPE_STATE = 2, SHAPE_IPSEC = 3;
    final byte shape;
    int ext, extNegated;

    int inIf, outIf; long[] inList, outList;
    int proto; int srcLo, srcHi, dstLo, dstHi;
    PortSet sport, dport, port; TcpFlagsMatch tcpFlags; IcmpOptions icmp; IntRange size, mss; TtlMatch ttl; int dscp;
    boolean fragment; int pktMark, connMark, routingMark, states, natStates, srcType, dstType;
    AddressList srcList, dstList; IpsecPolicyMatch ipsec; AtomicLong nth; int nthEvery, nthPacket, random;
    RateLimiter limit; DstLimiter dstLimit;
    long srcMac; TimeMatch time; LongRange connBytes, connRate; ConnectionLimiter connLimit; ContentMatch content;
    PortScanDetector psd; Layer7Matcher layer7; P2pMatcher p2p; PccSpec pcc;
    TosMatch tos; TlsHostMatch tlsHost; Ipv4Options ipv4Options; int ingressPriority, priority;
    int connType;

    /*
     * Flow-constant: every matcher present reads only what is the same for every packet of one
     * connection direction under one program (interfaces, protocol, addresses, ports, marks,
     * connection state/nat-state/type, ipsec-policy through the packet's decrypted flag), and the
     * action has no effect but the verdict (accept, drop, reject, tarpit, jump, return,
     * passthrough; no log). A walk over such rules only can be remembered per connection
     * (VerdictMemo). Per-packet matchers (size, ttl, tcp-flags, mss, dscp, fragment, icmp type),
     * lookups in tables that change without a recompile (address lists, address types) and the
     * stateful ones (limit, nth, random, time, connection-bytes ...) are not: any matcher not
     * named here is not, so a matcher added later is safe until someone argues it in.
     */
    static final int FLOW_CONSTANT_CHECKS = C_IN_IF | C_OUT_IF | C_IN_LIST | C_OUT_LIST | C_PROTO | C_SRC | C_DST
            | C_SPORT | C_DPORT | C_PORT | C_PKT_MARK | C_CONN_MARK | C_ROUTING_MARK | C_STATE | C_NAT_STATE | C_IPSEC;
    static final int FLOW_CONSTANT_EXT = X_CONN_TYPE;
    boolean flowConstant;

    /** Sets {@link #flowConstant} once the compiler has filled the rule (ext bits included). */
    void sealFlowConstant() {
        boolean action;
        switch (this.action) {
            case ACCEPT: case DROP: case REJECT: case TARPIT: case JUMP: case RETURN: case PASSTHROUGH: action = true; break;
            default: action = false;
        }
        flowConstant = action && !spec.log && (checks & ~FLOW_CONSTANT_CHECKS) == 0
                && ((checks & C_EXT) == 0 || (ext & ~FLOW_CONSTANT_EXT) == 0);
    }

    // resolved action parameters
    ChainProgram jumpTarget;
    AddressList addToList; long addTimeoutNanos;
    int newConnMark, newPktMark, newRoutingMark;

    CompiledRule(RuleSpec spec, int position, int counterSlot, int checks, int negated) {
        this.spec = spec; this.position = position; this.counterSlot = counterSlot; this.action = spec.action;
        this.checks = checks; this.negated = negated;
        this.shape = checks == 0 ? SHAPE_ANY : checks == C_STATE ? SHAPE_STATE : checks == C_IPSEC ? SHAPE_IPSEC : SHAPE_GENERAL;
    }

    public ChainProgram jumpTarget() { return jumpTarget; }

    /** All present matchers true (after each one's negation). No allocation. */
    boolean matches(PacketFields f, RuleEnv env) {
        switch (shape) {
            case SHAPE_ANY: return true;
            case SHAPE_STATE: return !fails(C_STATE, (f.connState & states) != 0);
            case SHAPE_IPSEC: return ipsecMatches(f, env);
            default: return matchesAll(f, env);
        }
    }

    /** {@link #matches} through every present matcher in order, whatever the rule's shape (the tests compare the two). */
    boolean matchesAll(PacketFields f, RuleEnv env) {
        final int c = checks;
        if (c == 0) return true;
        if ((c & C_IN_IF) != 0 && fails(C_IN_IF, f.inIf == inIf)) return false;
        if ((c & C_OUT_IF) != 0 && fails(C_OUT_IF, f.outIf == outIf)) return false;
        if ((c & C_IN_LIST) != 0 && fails(C_IN_LIST, member(inList, f.inIf))) return false;
        if ((c & C_OUT_LIST) != 0 && fails(C_OUT_LIST, member(outList, f.outIf))) return false;
        if ((c & C_PROTO) != 0 && fails(C_PROTO, f.proto == proto)) return false;
        if ((c & C_SRC) != 0 && fails(C_SRC, in(f.srcIp, srcLo, srcHi))) return false;
        if ((c & C_DST) != 0 && fails(C_DST, in(f.dstIp, dstLo, dstHi))) return false;
        if ((c & (C_SPORT | C_DPORT | C_PORT | C_TCP_FLAGS | C_ICMP | C_MSS)) != 0 && !l4Matches(f, c)) return false;
        if ((c & C_SIZE) != 0 && fails(C_SIZE, size.contains(f.totalLength))) return false;
        if ((c & C_TTL) != 0 && !ttl.matches(f.ttl)) return false;
        if ((c & C_DSCP) != 0 && fails(C_DSCP, (f.tos >>> 2) == dscp)) return false;
        if ((c & C_FRAGMENT) != 0 && f.fragment != fragment) return false;
        if ((c & C_PKT_MARK) != 0 && fails(C_PKT_MARK, f.packetMark == pktMark)) return false;
        if ((c & C_CONN_MARK) != 0 && fails(C_CONN_MARK, f.connMark == connMark)) return false;
        if ((c & C_ROUTING_MARK) != 0 && fails(C_ROUTING_MARK, f.routingMark == routingMark)) return false;
        if ((c & C_STATE) != 0 && fails(C_STATE, (f.connState & states) != 0)) return false;
        if ((c & C_NAT_STATE) != 0 && fails(C_NAT_STATE, (f.natState & natStates) != 0)) return false;
        if ((c & C_SRC_TYPE) != 0 && fails(C_SRC_TYPE, (env.addressTypes.typeOf(f.srcIp) & srcType) != 0)) return false;
        if ((c & C_DST_TYPE) != 0 && fails(C_DST_TYPE, (env.addressTypes.typeOf(f.dstIp) & dstType) != 0)) return false;
        if ((c & C_SRC_LIST) != 0 && fails(C_SRC_LIST, srcList.contains(f.srcIp, f.now))) return false;
        if ((c & C_DST_LIST) != 0 && fails(C_DST_LIST, dstList.contains(f.dstIp, f.now))) return false;
        if ((c & C_EXT) != 0 && !extMatches(f, env)) return false;
        if ((c & C_IPSEC) != 0 && !ipsecMatches(f, env)) return false;
        if ((c & C_NTH) != 0 && nth.getAndIncrement() % nthEvery != nthPacket - 1) return false;
        if ((c & C_RANDOM) != 0 && ThreadLocalRandom.current().nextInt(100) >= random) return false;
        if ((c & C_LIMIT) != 0 && fails(C_LIMIT, limit.tryAcquire(f.now, f.totalLength))) return false;
        if ((c & C_DST_LIMIT) != 0 && fails(C_DST_LIMIT, dstLimit.tryAcquire(f, f.now))) return false;
        return true;
    }

    private boolean l4Matches(PacketFields f, int c) {
        // A rule with ports/flags/icmp/mss never matches a packet without that header (later fragments included).
        if (!f.l4Valid) return false;
        if ((c & C_SPORT) != 0 && fails(C_SPORT, sport.contains(f.srcPort))) return false;
        if ((c & C_DPORT) != 0 && fails(C_DPORT, dport.contains(f.dstPort))) return false;
        if ((c & C_PORT) != 0 && fails(C_PORT, port.contains(f.srcPort) || port.contains(f.dstPort))) return false;
        if ((c & C_TCP_FLAGS) != 0 && (f.proto != Protocols.TCP || !tcpFlags.matches(f.tcpFlags))) return false;
        if ((c & C_ICMP) != 0 && (f.proto != Protocols.ICMP || fails(C_ICMP, icmp.matches(f.icmpType, f.icmpCode)))) return false;
        if ((c & C_MSS) != 0 && (f.tcpMss < 0 || fails(C_MSS, mss.contains(f.tcpMss)))) return false;
        return true;
    }

    /** The rarer matchers, RouterOS's evaluation order; stateful psd and pcc after the stateless ones. */
    private boolean extMatches(PacketFields f, RuleEnv env) {
        final int x = ext;
        if ((x & X_NEVER) != 0) return false;   // hotspot/bridge-port/realm of a facility ROSE has not (RuleCompiler)
        if ((x & X_SRC_MAC) != 0 && xfails(X_SRC_MAC, f.srcMac == srcMac)) return false;
        if ((x & X_TIME) != 0 && xfails(X_TIME, time.matches(env.clock.secondOfWeek()))) return false;
        if ((x & X_TOS) != 0 && xfails(X_TOS, tos.matches(f.tos))) return false;
        if ((x & X_TLS_HOST) != 0
                && xfails(X_TLS_HOST, f.proto == Protocols.TCP && f.l4Valid && tlsHost.in(f.buf, f.payload, f.payloadEnd))) return false;
        if ((x & X_IPV4_OPTIONS) != 0 && xfails(X_IPV4_OPTIONS, ipv4Options.matches(Ipv4Options.present(f.buf, f.l3, f.ihl)))) return false;
        if ((x & X_INGRESS_PRIORITY) != 0 && xfails(X_INGRESS_PRIORITY, f.ingressPriority == ingressPriority)) return false;
        if ((x & X_PRIORITY) != 0 && xfails(X_PRIORITY, f.priority == priority)) return false;
        if ((x & X_CONN_TYPE) != 0 && xfails(X_CONN_TYPE, f.connType == connType)) return false;   // RouterOS: "helper"
        if ((x & X_CONN_BYTES) != 0 && (f.connRef < 0 || !connBytes.contains(env.connections.bytes(f.connRef)))) return false;
        if ((x & X_CONN_LIMIT) != 0 && xfails(X_CONN_LIMIT, connLimit.overLimit(f, env.connections))) return false;
        if ((x & X_CONN_RATE) != 0
                && (f.connRef < 0 || xfails(X_CONN_RATE, connRate.contains(env.connections.rateBits(f.connRef, f.now))))) return false;
        if ((x & X_CONTENT) != 0 && xfails(X_CONTENT, content.in(f.buf, f.payload, f.payloadEnd))) return false;
        if ((x & X_PSD) != 0 && !psd.scan(f)) return false;
        if ((x & X_LAYER7) != 0 && xfails(X_LAYER7, layer7.matches(f, env.connections))) return false;
        if ((x & X_P2P) != 0 && xfails(X_P2P, p2p.matches(f, env.connections))) return false;
        if ((x & X_PCC) != 0 && xfails(X_PCC, pcc.matches(f))) return false;
        return true;
    }

    private boolean xfails(int check, boolean raw) { return raw == ((extNegated & check) != 0); }

    /** True when this check fails: the raw result equals the rule's negation bit for it. */
    private boolean fails(int check, boolean raw) { return raw == ((negated & check) != 0); }

    /** ipsec-policy=in|out,ipsec|none: the SPD's answer for the packet's direction equals the one asked for. */
    private boolean ipsecMatches(PacketFields f, RuleEnv env) {
        return (ipsec.in() ? env.ipsec.inboundIpsec(f) : env.ipsec.outboundIpsec(f)) == ipsec.ipsec();
    }

    private static boolean in(int a, int lo, int hi) {
        return Integer.compareUnsigned(a, lo) >= 0 && Integer.compareUnsigned(a, hi) <= 0;
    }

    private static boolean member(long[] bits, int ifIndex) {
        return ifIndex >= 0 && (ifIndex >>> 6) < bits.length && (bits[ifIndex >>> 6] & (1L << ifIndex)) != 0;
    }

    @Override public String toString() { return "#" + position + " " + spec; }
}
