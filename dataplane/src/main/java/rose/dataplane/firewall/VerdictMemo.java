package rose.dataplane.firewall;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.conntrack.ConnInfo;

/**
 * The outcome of a filter chain's walk remembered per connection direction, as nftables'
 * flowtable and VPP's session cache remember theirs: the next packet of the flow replays the
 * verdict and counts the same rules instead of parsing and walking again. One per filter node
 * (one worker, one chain), so nothing is shared and nothing locks.
 *
 * <ol>
 *   <li>Only a walk that looked at flow-constant rules alone ({@link RuleEvaluator#flowConstant})
 *       and matched at most {@link #MAX_MATCHED} of them is stored.</li>
 *   <li>Only plain TCP and UDP packets of a {@code new} or {@code established} connection are
 *       remembered: a 20-byte IPv4 header, no fragment, a whole L4 header (the packets for which
 *       the full parse gives {@code l4Valid} and ports). Related packets (ICMP errors) carry
 *       other addresses than their connection and always walk.</li>
 *   <li>The key is everything a flow-constant rule can read: the connection (index and its
 *       whole per-packet word: state, direction, NAT state, type, helper), the addresses, the
 *       protocol and ports as they are now (after any NAT), the in- and out-interface, the
 *       packet, connection and routing marks, and whether the packet arrived decrypted. A
 *       packet whose key differs in anything walks and replaces the entry.</li>
 *   <li>A new program (any rule edit, enable, disable, move) makes every entry stale
 *       ({@link #invalidate}): entries carry the epoch they were made in. Address lists and
 *       address types are never part of a remembered walk, so their changes need nothing.</li>
 *   <li>A hit counts every rule the walk matched, in order, with this packet's length: the
 *       counters are those of the walk.</li>
 * </ol>
 */
final class VerdictMemo {
    /** At most this many matched (counted) rules in a remembered walk: jump, passthrough ..., the verdict. */
    static final int MAX_MATCHED = 4;

    // one entry: 16 ints, a cache line
    private static final int STRIDE = 16;
    private static final int CONN = 0, EPOCH = 1, INFO = 2, SRC = 3, DST = 4, PORTS = 5, IN_IF = 6, OUT_IF = 7,
            CONN_MARK = 8, PKT_MARK = 9, ROUTING_MARK = 10, SHAPE = 11, SLOTS = 12;
    // SHAPE: protocol (8 bits), decrypted-by-ipsec (1), verdict (4), reject-with ordinal + 1 (5), matched rules (3)
    private static final int S_IPSEC = 1 << 8, S_VERDICT_SHIFT = 9, S_REJECT_SHIFT = 13, S_MATCHED_SHIFT = 18;
    private static final RejectWith[] REJECT_WITH = RejectWith.values();

    private final int[] e;
    private final int mask;
    private int epoch = 1;

    // the key of the packet last looked up (lookup fills it, store writes it)
    private int kConn, kInfo, kSrc, kDst, kPorts, kInIf, kOutIf, kConnMark, kPktMark, kRoutingMark, kShape, kBase;
    private int hitLength;
    private long hits;   // written by the owning worker only; read racily for diagnostics

    /** {@code entries}: a power of two. */
    VerdictMemo(int entries) {
        if (Integer.bitCount(entries) != 1) throw new IllegalArgumentException("entries: a power of two");
        e = new int[entries * STRIDE];
        mask = entries - 1;
    }

    /** Every entry stale: the chain's program was replaced. */
    void invalidate() { epoch++; }

    /**
     * Looks the packet up. Returns its verdict ({@link Verdict}) when a remembered walk applies,
     * else -1; -2 when the packet can never be remembered (not plain TCP/UDP of a new or
     * established connection), so the caller need not {@link #store} it.
     */
    int lookup(PacketMeta m, int h, byte[] b) {
        int conn = m.conn(h), info = m.connInfo(h);
        if (conn < 0 || (ConnInfo.state(info) & (ConnStates.NEW | ConnStates.ESTABLISHED)) == 0) return -2;
        int l3 = m.l3(h);
        int cap = m.start(h) + m.length(h) - l3;
        if (cap < 28 || b[l3] != 0x45 || (Bytes.u16(b, l3 + 6) & 0x3fff) != 0) return -2;
        int proto = b[l3 + 9] & 0xff, total = Bytes.u16(b, l3 + 2);
        if (total > cap) return -2;
        if (proto == Protocols.UDP) {
            if (total < 28) return -2;
        } else if (proto == Protocols.TCP) {
            if (total < 40) return -2;
            int doff = ((b[l3 + 32] & 0xff) >>> 4) * 4;
            if (doff < 20 || doff > total - 20) return -2;
        } else {
            return -2;
        }
        kConn = conn; kInfo = info;
        kSrc = Bytes.i32(b, l3 + 12); kDst = Bytes.i32(b, l3 + 16); kPorts = Bytes.i32(b, l3 + 20);
        kInIf = m.rxIf(h); kOutIf = m.txIf(h);
        kConnMark = m.connMark(h); kPktMark = m.packetMark(h); kRoutingMark = m.routingMark(h);
        kShape = proto | (m.hasFlag(h, PacketLoader.F_IPSEC_IN) ? S_IPSEC : 0);
        hitLength = total;
        int i = kBase = (index(conn, info) & mask) * STRIDE;
        int[] e = this.e;
        if (e[i + CONN] != conn || e[i + EPOCH] != epoch || e[i + INFO] != info || e[i + SRC] != kSrc || e[i + DST] != kDst
                || e[i + PORTS] != kPorts || e[i + IN_IF] != kInIf || e[i + OUT_IF] != kOutIf || e[i + CONN_MARK] != kConnMark
                || e[i + PKT_MARK] != kPktMark || e[i + ROUTING_MARK] != kRoutingMark || (e[i + SHAPE] & 0x1ff) != kShape) return -1;
        hits++;
        return (e[i + SHAPE] >>> S_VERDICT_SHIFT) & 0xf;
    }

    long hits() { return hits; }

    /** After a hit: counts the remembered walk's rules for this packet, as the walk would have. */
    void count(RuleCounters counters, int stripe) {
        int i = kBase, n = (e[i + SHAPE] >>> S_MATCHED_SHIFT) & 7;
        for (int k = 0; k < n; k++) counters.count(stripe, e[i + SLOTS + k], hitLength);
    }

    /** After a hit whose verdict is reject: the reject-with of the rule. */
    RejectWith rejectWith() {
        int r = (e[kBase + SHAPE] >>> S_REJECT_SHIFT) & 0x1f;
        return r == 0 ? null : REJECT_WITH[r - 1];
    }

    /** After a miss (-1 from lookup) and a walk: remembers it if the evaluator says it may be. */
    void store(RuleEvaluator eval, int verdict) {
        if (!eval.flowConstant()) return;
        if (verdict != Verdict.ACCEPT && verdict != Verdict.DROP && verdict != Verdict.REJECT && verdict != Verdict.TARPIT) return;
        int n = eval.matchedRules();
        int i = kBase;
        int[] e = this.e;
        e[i + CONN] = kConn; e[i + EPOCH] = epoch; e[i + INFO] = kInfo; e[i + SRC] = kSrc; e[i + DST] = kDst; e[i + PORTS] = kPorts;
        e[i + IN_IF] = kInIf; e[i + OUT_IF] = kOutIf; e[i + CONN_MARK] = kConnMark; e[i + PKT_MARK] = kPktMark;
        e[i + ROUTING_MARK] = kRoutingMark;
        RejectWith rw = eval.rejectWith();
        e[i + SHAPE] = kShape | verdict << S_VERDICT_SHIFT | (rw == null ? 0 : rw.ordinal() + 1) << S_REJECT_SHIFT | n << S_MATCHED_SHIFT;
        for (int k = 0; k < n; k++) e[i + SLOTS + k] = eval.matchedSlot(k);
    }

    /**
     * Connection references are (shard << 24 | slot << 1 | 0): the slot and the packet's direction
     * side by side, so a flow's two directions do not evict each other; the shard folded in.
     */
    private static int index(int conn, int info) {
        return ((conn & 0xFFFFFE) | (ConnInfo.reply(info) ? 1 : 0)) ^ (conn >>> 24) * 0x9E3779B1;
    }
}
