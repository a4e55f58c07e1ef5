package rose.dataplane.firewall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static rose.dataplane.firewall.CompiledRule.*;

/**
 * Compiles one table's rule list into a {@link TableProgram}.
 * <ol>
 *   <li>drop disabled rules (RouterOS skips them; their counters stay);</li>
 *   <li>group by chain in configured order; built-in chains always exist;</li>
 *   <li>resolve each rule (interfaces, lists, marks, limiters); a rule that cannot be resolved is
 *       invalid (flag I) and left out rather than compiled to something wider;</li>
 *   <li>resolve jumps to chain objects; a jump that would close a loop is invalid;</li>
 *   <li>index each chain by protocol and dst-port ({@link RuleIndex}).</li>
 * </ol>
 */
public final class RuleCompiler {
    private final Table table;
    private final CompileContext ctx;

    public RuleCompiler(Table table, CompileContext ctx) { this.table = table; this.ctx = ctx; }

    RuleCompiler(Table table, Object a, Object b, Object c) { this(table, CompileContext.standalone()); }

    public TableProgram compile(List<RuleSpec> specs) {
        List<Long> invalid = new ArrayList<>();
        Map<String, List<RuleSpec>> byChain = new LinkedHashMap<>();
        for (String c : table.builtinChains()) byChain.put(c, new ArrayList<>());
        for (RuleSpec s : specs) {
            if (s.disabled) continue;
            if (!table.allows(s.action) || (s.action == Action.JUMP && (s.jumpTarget == null || s.jumpTarget.isEmpty()))) {
                invalid.add(s.id);
                continue;
            }
            byChain.computeIfAbsent(s.chain, k -> new ArrayList<>()).add(s);
            if (s.action == Action.JUMP) byChain.computeIfAbsent(s.jumpTarget, k -> new ArrayList<>());
        }
        Set<Long> loops = findLoopingJumps(byChain);
        Map<String, ChainProgram> chains = new HashMap<>();
        Map<CompiledRule, String> jumps = new HashMap<>();
        for (Map.Entry<String, List<RuleSpec>> e : byChain.entrySet()) {
            List<CompiledRule> rules = new ArrayList<>();
            for (RuleSpec s : e.getValue()) {
                if (loops.contains(s.id)) { invalid.add(s.id); continue; }
                CompiledRule r = resolve(s, rules.size());
                if (r == null) { invalid.add(s.id); continue; }
                r.sealFlowConstant();
                rules.add(r);
                if (s.action == Action.JUMP) jumps.put(r, s.jumpTarget);
            }
            ChainProgram cp = new ChainProgram(e.getKey(), table.isBuiltin(e.getKey()), rules.toArray(new CompiledRule[0]));
            cp.index = new RuleIndex(cp.rules);
            chains.put(e.getKey(), cp);
        }
        jumps.forEach((r, target) -> r.jumpTarget = chains.get(target));
        return new TableProgram(table, chains, invalid);
    }

    /** Jump rules on a cycle of the chain graph (DFS back edges). */
    private static Set<Long> findLoopingJumps(Map<String, List<RuleSpec>> byChain) {
        Set<Long> bad = new HashSet<>();
        Map<String, Integer> color = new HashMap<>();
        for (String c : byChain.keySet()) dfs(c, byChain, color, bad);
        return bad;
    }

    private static void dfs(String chain, Map<String, List<RuleSpec>> g, Map<String, Integer> color, Set<Long> bad) {
        Integer col = color.get(chain);
        if (col != null) return;
        color.put(chain, 1);
        for (RuleSpec s : g.getOrDefault(chain, List.of())) {
            if (s.action != Action.JUMP) continue;
            Integer t = color.get(s.jumpTarget);
            if (t != null && t == 1) bad.add(s.id);
            else if (t == null) dfs(s.jumpTarget, g, color, bad);
        }
        color.put(chain, 2);
    }

    private CompiledRule resolve(RuleSpec s, int position) {
        int checks = 0, neg = 0;
        Checks k = new Checks();
        k.add(s.inInterface, C_IN_IF); k.add(s.outInterface, C_OUT_IF);
        k.add(s.inInterfaceList, C_IN_LIST); k.add(s.outInterfaceList, C_OUT_LIST);
        k.add(s.protocol, C_PROTO); k.add(s.srcAddress, C_SRC); k.add(s.dstAddress, C_DST);
        k.add(s.srcPort, C_SPORT); k.add(s.dstPort, C_DPORT); k.add(s.anyPort, C_PORT);
        if (s.tcpFlags != null) k.checks |= C_TCP_FLAGS;
        k.add(s.icmpOptions, C_ICMP); k.add(s.packetSize, C_SIZE);
        if (s.ttl != null) k.checks |= C_TTL;
        k.add(s.dscp, C_DSCP);
        if (s.fragment != null) k.checks |= C_FRAGMENT;
        k.add(s.packetMark, C_PKT_MARK); k.add(s.connectionMark, C_CONN_MARK); k.add(s.routingMark, C_ROUTING_MARK);
        k.add(s.connectionState, C_STATE); k.add(s.connectionNatState, C_NAT_STATE); k.add(s.tcpMss, C_MSS);
        k.add(s.srcAddressType, C_SRC_TYPE); k.add(s.dstAddressType, C_DST_TYPE);
        k.add(s.srcAddressList, C_SRC_LIST); k.add(s.dstAddressList, C_DST_LIST);
        if (s.ipsecPolicy != null) k.checks |= C_IPSEC;
        if (s.nthEvery > 0) k.checks |= C_NTH;
        if (s.randomPercent > 0) k.checks |= C_RANDOM;
        k.add(s.limit, C_LIMIT); k.add(s.dstLimit, C_DST_LIMIT);
        if (s.srcMacAddress != null || s.time != null || s.connectionBytes != null || s.connectionLimit != null
                || s.connectionRate != null || s.content != null || s.psd != null || s.layer7Protocol != null
                || s.perConnectionClassifier != null || s.tos != null || s.tlsHost != null || s.ipv4Options != null
                || s.ingressPriority != null || s.priority != null || s.connectionType != null || s.p2p != null
                || neverMatches(s)) k.checks |= C_EXT;
        checks = k.checks; neg = k.negated;

        CompiledRule r = new CompiledRule(s, position, ctx.counters().slot(s.id), checks, neg);
        InterfaceResolver ifs = ctx.interfaces();
        if (s.inInterface != null && (r.inIf = ifs.index(s.inInterface.value())) < 0) return null;
        if (s.outInterface != null && (r.outIf = ifs.index(s.outInterface.value())) < 0) return null;
        if (s.inInterfaceList != null && (r.inList = bits(ifs.listMembers(s.inInterfaceList.value()))) == null) return null;
        if (s.outInterfaceList != null && (r.outList = bits(ifs.listMembers(s.outInterfaceList.value()))) == null) return null;
        if (s.protocol != null) r.proto = s.protocol.value();
        if (s.srcAddress != null) { r.srcLo = s.srcAddress.value().first(); r.srcHi = s.srcAddress.value().last(); }
        if (s.dstAddress != null) { r.dstLo = s.dstAddress.value().first(); r.dstHi = s.dstAddress.value().last(); }
        if (s.srcPort != null) r.sport = s.srcPort.value();
        if (s.dstPort != null) r.dport = s.dstPort.value();
        if (s.anyPort != null) r.port = s.anyPort.value();
        r.tcpFlags = s.tcpFlags;
        if (s.icmpOptions != null) r.icmp = s.icmpOptions.value();
        if (s.packetSize != null) r.size = s.packetSize.value();
        if (s.tcpMss != null) r.mss = s.tcpMss.value();
        r.ttl = s.ttl;
        if (s.dscp != null) r.dscp = s.dscp.value();
        if (s.fragment != null) r.fragment = s.fragment;
        MarkTable marks = ctx.marks();
        if (s.packetMark != null) r.pktMark = marks.id(s.packetMark.value());
        if (s.connectionMark != null) r.connMark = marks.id(s.connectionMark.value());
        if (s.routingMark != null) r.routingMark = marks.id(s.routingMark.value());
        if (s.connectionState != null) r.states = s.connectionState.value();
        if (s.connectionNatState != null) r.natStates = s.connectionNatState.value();
        if (s.srcAddressType != null) r.srcType = s.srcAddressType.value();
        if (s.dstAddressType != null) r.dstType = s.dstAddressType.value();
        if (s.srcAddressList != null) r.srcList = ctx.addressLists().list(s.srcAddressList.value());
        if (s.dstAddressList != null) r.dstList = ctx.addressLists().list(s.dstAddressList.value());
        r.ipsec = s.ipsecPolicy;
        if (s.nthEvery > 0) {
            if (s.nthPacket < 1 || s.nthPacket > s.nthEvery) return null;
            r.nth = ctx.counters().nthCounter(s.id, s.nthEvery); r.nthEvery = s.nthEvery; r.nthPacket = s.nthPacket;
        }
        r.random = s.randomPercent;
        if (s.limit != null) r.limit = ctx.counters().limiter(s.id, s.limit.value());
        if (s.dstLimit != null) r.dstLimit = ctx.counters().dstLimiter(s.id, s.dstLimit.value());
        if (!resolveExtended(s, r)) return null;

        if (s.action == Action.ADD_SRC_TO_ADDRESS_LIST || s.action == Action.ADD_DST_TO_ADDRESS_LIST) {
            if (s.addressList == null || s.addressList.isEmpty()) return null;
            r.addToList = ctx.addressLists().list(s.addressList);
            r.addTimeoutNanos = s.addressListTimeout == null ? 0 : s.addressListTimeout.toNanos();
        }
        r.newConnMark = marks.id(s.newConnectionMark);
        r.newPktMark = marks.id(s.newPacketMark);
        r.newRoutingMark = marks.id(s.newRoutingMark);
        if (s.action == Action.MARK_CONNECTION && s.newConnectionMark == null) return null;
        if (s.action == Action.MARK_PACKET && s.newPacketMark == null) return null;
        if (s.action == Action.MARK_ROUTING && s.newRoutingMark == null) return null;
        if (s.action == Action.CHANGE_MSS && s.newMss == 0) return null;
        if (s.action == Action.SET_PRIORITY && s.newPriority == -1) return null;
        if (s.action == Action.SNIFF_TZSP && s.sniffTarget == null) return null;
        // route decides the next hop before the routing decision: prerouting (or a chain jumped to from it) only
        if (s.action == Action.ROUTE && (s.routeDst == null || (table.isBuiltin(s.chain) && !s.chain.equals("prerouting")))) return null;
        if (s.action == Action.CHANGE_DSCP && s.newDscp == -1) return null;
        if ((s.action == Action.SRC_NAT || s.action == Action.DST_NAT || s.action == Action.NETMAP) && s.toAddresses == null
                && !(s.action == Action.DST_NAT && s.toPorts != null)) return null;
        return r;
    }

    /** The rarer matchers (CompiledRule's ext bits); false when the rule names a layer7 protocol that does not exist. */
    private boolean resolveExtended(RuleSpec s, CompiledRule r) {
        Checks x = new Checks();
        x.add(s.srcMacAddress, X_SRC_MAC); x.add(s.time, X_TIME);
        if (s.connectionBytes != null) x.checks |= X_CONN_BYTES;
        x.add(s.connectionLimit, X_CONN_LIMIT); x.add(s.connectionRate, X_CONN_RATE); x.add(s.content, X_CONTENT);
        if (s.psd != null) x.checks |= X_PSD;
        x.add(s.layer7Protocol, X_LAYER7); x.add(s.perConnectionClassifier, X_PCC);
        x.add(s.p2p, X_P2P);
        if (s.p2p != null) r.p2p = ctx.counters().p2p(s.id, s.p2p.value());
        if (s.srcMacAddress != null) r.srcMac = s.srcMacAddress.value();
        if (s.time != null) r.time = s.time.value();
        r.connBytes = s.connectionBytes;
        if (s.connectionRate != null) r.connRate = s.connectionRate.value();
        if (s.connectionLimit != null) r.connLimit = ctx.counters().connectionLimiter(s.id, s.connectionLimit.value());
        if (s.content != null) r.content = s.content.value();
        if (s.psd != null) r.psd = ctx.counters().portScanDetector(s.id, s.psd);
        if (s.layer7Protocol != null) {
            String regexp = ctx.layer7().get(s.layer7Protocol.value());
            if (regexp == null) return false;
            try {
                r.layer7 = ctx.counters().layer7(s.id, regexp);
            } catch (java.util.regex.PatternSyntaxException e) {
                return false;
            }
        }
        if (s.perConnectionClassifier != null) r.pcc = s.perConnectionClassifier.value();
        x.add(s.tos, X_TOS); x.add(s.tlsHost, X_TLS_HOST); x.add(s.ipv4Options, X_IPV4_OPTIONS);
        x.add(s.ingressPriority, X_INGRESS_PRIORITY); x.add(s.priority, X_PRIORITY);
        x.add(s.connectionType, X_CONN_TYPE);
        if (s.connectionType != null) r.connType = s.connectionType.value();
        if (neverMatches(s)) x.checks |= X_NEVER;
        r.ext = x.checks; r.extNegated = x.negated;
        if (s.tos != null) r.tos = s.tos.value();
        if (s.tlsHost != null) r.tlsHost = s.tlsHost.value();
        if (s.ipv4Options != null) r.ipv4Options = s.ipv4Options.value();
        if (s.ingressPriority != null) r.ingressPriority = s.ingressPriority.value();
        if (s.priority != null) r.priority = s.priority.value();
        return true;
    }

    /**
     * Matchers on facilities ROSE does not have. RouterOS evaluates them against what the router
     * has: with no hotspot every hotspot item is false (so {@code hotspot=!auth} holds and
     * {@code hotspot=from-client} never does); with no bridge passing traffic to the IP firewall
     * (use-ip-firewall) no packet has a bridge port, so {@code in-bridge-port=X} never matches and
     * {@code !X} always does; with no routing realms every packet is in realm 0. The outcome is
     * therefore fixed at compile time: true means the rule can never match.
     */
    static boolean neverMatches(RuleSpec s) {
        if (s.hotspot != null)
            for (String item : s.hotspot.split(",")) if (!item.trim().startsWith("!")) return true;
        if (isSet(s.inBridgePort) || isSet(s.outBridgePort) || isSet(s.inBridgePortList) || isSet(s.outBridgePortList)) return true;
        return s.realm != null && s.realm.test(s.realm.value() == 0) == false;
    }

    /** A bridge-port matcher that needs a port to hold (not negated). */
    private static boolean isSet(Negatable<String> n) { return n != null && !n.negated(); }

    private static long[] bits(int[] members) {
        if (members == null) return null;
        int max = -1;
        for (int m : members) max = Math.max(max, m);
        long[] b = new long[max < 0 ? 0 : (max >>> 6) + 1];
        for (int m : members) if (m >= 0) b[m >>> 6] |= 1L << m;
        return b;
    }

    /** Collects check and negation bits. */
    private static final class Checks {
        int checks, negated;
        void add(Negatable<?> n, int bit) {
            if (n == null) return;
            checks |= bit;
            if (n.negated()) negated |= bit;
        }
    }
}
