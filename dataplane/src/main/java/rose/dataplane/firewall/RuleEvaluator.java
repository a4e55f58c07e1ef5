package rose.dataplane.firewall;

/**
 * Runs a chain program over one packet's {@link PacketFields}. One instance per worker: it owns
 * the jump stack and the result fields, so evaluation allocates nothing and shares nothing but
 * the immutable program and the counters stripe it was given.
 *
 * <ol>
 *   <li>Candidates come from the chain's {@link RuleIndex}: three sorted position lists
 *       (any-protocol, this protocol, this protocol + dst-port) merged in rule order.</li>
 *   <li>For each candidate whose matchers hold: count it, log it if log=yes, apply its action.</li>
 *   <li>accept/drop/reject/NAT end the evaluation; log, passthrough, address-list adds,
 *       fasttrack-connection and mangle changes with passthrough=yes go on to the next rule;
 *       jump pushes the current position, return (or the end of a user chain) pops it.</li>
 *   <li>The end of a built-in chain, or return from it, accepts (RouterOS's chain policy).</li>
 * </ol>
 */
public final class RuleEvaluator {
    public static final int MAX_JUMP_DEPTH = 32;

    private final RuleCounters counters;
    private final int stripe;
    private final RuleEnv env;
    private final FirewallLog log;

    // jump stack: chain and cursor into its three candidate lists
    private final ChainProgram[] stChain = new ChainProgram[MAX_JUMP_DEPTH];
    private final int[][] stA = new int[MAX_JUMP_DEPTH][], stB = new int[MAX_JUMP_DEPTH][], stC = new int[MAX_JUMP_DEPTH][];
    private final int[] stIa = new int[MAX_JUMP_DEPTH], stIb = new int[MAX_JUMP_DEPTH], stIc = new int[MAX_JUMP_DEPTH];

    // results of the last evaluation
    private CompiledRule terminal;
    private RejectWith rejectWith;
    private boolean fasttrack, connMarkChanged;
    private int newMss;                   // 0 none, RuleSpec.NEW_MSS_CLAMP_TO_PMTU, or a value
    private int newTtlRuleTtl = -1;       // ttl to write, -1 none
    private int newDscp = -1;
    private boolean clearDf;
    private boolean route;                // action=route matched: routeDst is the next hop
    private int routeDst;
    private boolean stripOptions;
    private CompiledRule sniff;           // the sniff-tzsp rule that matched last, null none
    private java.util.function.Predicate<PacketFields> einGate;   // dstnat: does a mapping own the destination

    // what VerdictMemo needs to replay the last walk: was every rule it looked at flow-constant,
    // and which rules matched (their counter slots, in order)
    private final boolean ipsecFromPacket;   // ipsec-policy answered from the packet's decrypted flag alone
    private boolean flowConstant;
    private final int[] matchedSlots = new int[VerdictMemo.MAX_MATCHED];
    private int matched;

    public RuleEvaluator(RuleCounters counters, int stripe, RuleEnv env, FirewallLog log) {
        this.counters = counters; this.stripe = stripe; this.env = env; this.log = log;
        this.ipsecFromPacket = env.ipsec == IpsecPolicyOracle.NONE;
    }

    /**
     * The dstnat side of endpoint-independent-nat applies only to packets sent to a live mapping's
     * external endpoint: {@code gate} says so, and a rule it refuses counts as not matched.
     */
    public void endpointIndependentGate(java.util.function.Predicate<PacketFields> gate) { einGate = gate; }

    /** Evaluates {@code chain} (a built-in chain) for the packet; returns a {@link Verdict} code. */
    public int evaluate(ChainProgram chain, PacketFields f) {
        terminal = null; rejectWith = null; fasttrack = false; connMarkChanged = false;
        newMss = 0; newTtlRuleTtl = -1; newDscp = -1; clearDf = false; route = false; sniff = null; stripOptions = false;
        flowConstant = true; matched = 0;
        if (chain == null || chain.rules.length == 0) return Verdict.ACCEPT;

        int depth = 0;
        ChainProgram cur = chain;
        RuleIndex ix = cur.index;
        int[] a = ix.anyProto, b = ix.protoList(f.proto), c = ix.portList(f);
        int ia = 0, ib = 0, ic = 0;
        for (;;) {
            // next candidate: smallest head of the three sorted lists
            int pa = ia < a.length ? a[ia] : Integer.MAX_VALUE;
            int pb = ib < b.length ? b[ib] : Integer.MAX_VALUE;
            int pc = ic < c.length ? c[ic] : Integer.MAX_VALUE;
            int pos;
            if (pa <= pb && pa <= pc) { pos = pa; ia++; } else if (pb <= pc) { pos = pb; ib++; } else { pos = pc; ic++; }
            if (pos == Integer.MAX_VALUE) {
                if (depth == 0) return Verdict.ACCEPT;
                depth--;   // end of a user chain: back to the caller, after the jump rule
                cur = stChain[depth]; a = stA[depth]; b = stB[depth]; c = stC[depth]; ia = stIa[depth]; ib = stIb[depth]; ic = stIc[depth];
                continue;
            }
            CompiledRule r = cur.rules[pos];
            if (!r.flowConstant || (!ipsecFromPacket && (r.checks & CompiledRule.C_IPSEC) != 0)) flowConstant = false;
            if (!r.matches(f, env)) continue;
            if (r.action == Action.ENDPOINT_INDEPENDENT_NAT && einGate != null && !einGate.test(f)) continue;
            counters.count(stripe, r.counterSlot, f.totalLength);
            if (matched < matchedSlots.length) matchedSlots[matched] = r.counterSlot; else flowConstant = false;
            matched++;
            if (r.spec.log && r.action != Action.LOG) log.log(r, cur.name, f);
            switch (r.action) {
                case ACCEPT: terminal = r; return Verdict.ACCEPT;
                case DROP: terminal = r; return Verdict.DROP;
                case REJECT:
                    terminal = r;
                    rejectWith = r.spec.rejectWith != null ? r.spec.rejectWith : RejectWith.ICMP_NETWORK_UNREACHABLE;
                    return Verdict.REJECT;
                case TARPIT: terminal = r; return Verdict.TARPIT;
                case NOTRACK: terminal = r; return Verdict.NOTRACK;
                case JUMP: {
                    if (depth == MAX_JUMP_DEPTH || r.jumpTarget == null) continue;   // cannot happen after compile's loop check
                    stChain[depth] = cur; stA[depth] = a; stB[depth] = b; stC[depth] = c; stIa[depth] = ia; stIb[depth] = ib; stIc[depth] = ic;
                    depth++;
                    cur = r.jumpTarget; ix = cur.index;
                    a = ix.anyProto; b = ix.protoList(f.proto); c = ix.portList(f); ia = 0; ib = 0; ic = 0;
                    continue;
                }
                case RETURN:
                    if (depth == 0) return Verdict.ACCEPT;
                    depth--;
                    cur = stChain[depth]; a = stA[depth]; b = stB[depth]; c = stC[depth]; ia = stIa[depth]; ib = stIb[depth]; ic = stIc[depth];
                    continue;
                case LOG: log.log(r, cur.name, f); continue;
                case PASSTHROUGH: continue;
                case ADD_SRC_TO_ADDRESS_LIST: r.addToList.addDynamic(f.srcIp, r.addTimeoutNanos, f.now); continue;
                case ADD_DST_TO_ADDRESS_LIST: r.addToList.addDynamic(f.dstIp, r.addTimeoutNanos, f.now); continue;
                case FASTTRACK_CONNECTION: fasttrack = true; continue;
                case MARK_CONNECTION: f.connMark = r.newConnMark; connMarkChanged = true; break;
                case MARK_PACKET: f.packetMark = r.newPktMark; break;
                case MARK_ROUTING: f.routingMark = r.newRoutingMark; break;
                case CHANGE_MSS: newMss = r.spec.newMss; break;
                case CHANGE_TTL: newTtlRuleTtl = r.spec.newTtl.apply(newTtlRuleTtl >= 0 ? newTtlRuleTtl : f.ttl); break;
                case CHANGE_DSCP: newDscp = dscpOf(r.spec.newDscp, f); break;
                case CLEAR_DF: clearDf = true; break;
                case SET_PRIORITY: f.priority = priorityOf(r.spec.newPriority, f); break;
                case ROUTE: route = true; routeDst = r.spec.routeDst; break;
                case SNIFF_TZSP: sniff = r; break;
                case STRIP_IPV4_OPTIONS: stripOptions = true; break;
                case SRC_NAT: case MASQUERADE: case DST_NAT: case REDIRECT: case NETMAP: case SAME: case ENDPOINT_INDEPENDENT_NAT:
                    terminal = r; return Verdict.NAT;
                default: continue;
            }
            // mangle modifying actions: go on only with passthrough=yes
            if (!r.spec.passthrough) { terminal = r; return Verdict.ACCEPT; }
        }
    }

    /** new-dscp: a value, or the packet's priority (whole, or its low three bits as the class bits). */
    private static int dscpOf(int v, PacketFields f) {
        if (v == RuleSpec.NEW_DSCP_FROM_PRIORITY) return f.priority & 63;
        if (v == RuleSpec.NEW_DSCP_FROM_PRIORITY_TO_HIGH_3_BITS) return (f.priority & 7) << 3;
        return v;
    }

    /** new-priority: a value, or taken from the DSCP (whole or its class bits) or the ingress priority. */
    private static int priorityOf(int v, PacketFields f) {
        if (v == RuleSpec.NEW_PRIORITY_FROM_DSCP) return f.tos >>> 2;
        if (v == RuleSpec.NEW_PRIORITY_FROM_DSCP_HIGH_3_BITS) return f.tos >>> 5;
        if (v == RuleSpec.NEW_PRIORITY_FROM_INGRESS) return f.ingressPriority;
        return v;
    }

    /**
     * True when the last walk looked only at flow-constant rules (CompiledRule#flowConstant) and
     * matched at most {@link VerdictMemo#MAX_MATCHED} of them: every packet of the same connection
     * direction with the same metadata would walk the same way, so its outcome may be remembered.
     */
    public boolean flowConstant() { return flowConstant; }
    /** How many rules the last walk matched (and counted), and the counter slot of the k-th. */
    int matchedRules() { return matched; }
    int matchedSlot(int k) { return matchedSlots[k]; }

    /** The rule that ended evaluation (accept/drop/reject/NAT/notrack), or null if the chain ran out. */
    public CompiledRule terminalRule() { return terminal; }
    public CompiledRule natRule() { return terminal; }
    public RejectWith rejectWith() { return rejectWith; }
    public boolean fasttrack() { return fasttrack; }
    public boolean connMarkChanged() { return connMarkChanged; }
    public int newMss() { return newMss; }
    public int newTtl() { return newTtlRuleTtl; }
    public int newDscp() { return newDscp; }
    public boolean clearDf() { return clearDf; }
    /** strip-ipv4-options matched: the node removes the header's options. */
    public boolean stripOptions() { return stripOptions; }
    /** True when action=route matched; {@link #routeDst()} is then the forced next hop. */
    public boolean route() { return route; }
    public int routeDst() { return routeDst; }
    /** The sniff-tzsp rule whose copy the node sends, or null. */
    public CompiledRule sniff() { return sniff; }
}
