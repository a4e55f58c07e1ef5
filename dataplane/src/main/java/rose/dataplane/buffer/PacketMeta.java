package rose.dataplane.buffer;

import java.util.Arrays;

/**
 * Typed per-packet metadata, one slot per buffer handle, kept in parallel primitive
 * arrays (structure of arrays) so a node touching only {@code l3} and {@code txIf}
 * stays in a few cache lines and nothing is boxed.
 *
 * <p>Offsets ({@code start}, {@code l3}, {@code l4}) are absolute indices into
 * {@link PacketPool#arena()}. {@code start}/{@code length} always describe the valid bytes
 * of the packet: on receive they cover the Ethernet frame; after {@code ethernet-input}
 * they cover the IPv4 datagram; {@code ip4-rewrite} moves {@code start} back to prepend
 * the Ethernet header.
 *
 * <p>Marks are interned ints (0 = no mark): the control plane compiles mark names to
 * ids once, the packet path compares ints. Routing marks are routing-table ids
 * (0 = main).
 */
public final class PacketMeta {
    /** Sentinel for "no interface", "no connection". */
    public static final int NONE = -1;

    // Flag bits 0..15 belong to the core (ip4, l2); 16..31 are reserved for conntrack and firewall.
    /** Originated by the router itself (output path), not received on a port. */
    public static final int F_LOCAL_ORIGIN = 1;
    /** Destination is one of the router's addresses (set by the routing decision). */
    public static final int F_TO_US = 1 << 1;
    /** L2 destination was broadcast or multicast: never answered with ICMP errors. */
    public static final int F_L2_BCAST = 1 << 2;
    /** A fragment produced by ip4-frag: must not be fragmented again. */
    public static final int F_FRAGMENT_DONE = 1 << 3;
    /** An ICMP error we generated: never generate an error about it (RFC 1812 4.3.2.7). */
    public static final int F_ICMP_ERROR = 1 << 4;
    /** Routing mark changed after the routing decision (mangle output): re-route. */
    public static final int F_REROUTE = 1 << 5;
    /** An ESP/AH packet the router built from an inner packet: never looked up in the SPD again (rose.dataplane.ipsec). */
    public static final int F_IPSEC_ENCAPSULATED = 1 << 6;
    /** First flag bit the firewall and conntrack may use. */
    public static final int F_FIREWALL_FIRST = 1 << 16;
    /** Mangle action=route set {@link #nextHop} before the routing decision: ip4-lookup uses it (route-dst). */
    public static final int F_ROUTE_DST = 1 << 7;

    private final int[] start;
    private final int[] length;
    private final int[] l3;
    private final int[] l4;
    private final int[] rxIf;
    private final int[] txIf;
    private final int[] nextHop;
    private final int[] packetMark;
    private final int[] connMark;
    private final int[] routingMark;
    private final int[] flags;
    private final int[] conn;
    private final int[] connInfo;
    private final int[] drop;
    private final int[] aux;
    private final long[] srcMac;
    private final int[] priority;          // packet priority (set-priority), 0..63, 0 by default
    private final int[] ingressPriority;   // priority as received, NONE until the firewall first reads it

    PacketMeta(int n) {
        start = new int[n]; length = new int[n]; l3 = new int[n]; l4 = new int[n];
        rxIf = new int[n]; txIf = new int[n]; nextHop = new int[n];
        packetMark = new int[n]; connMark = new int[n]; routingMark = new int[n];
        flags = new int[n]; conn = new int[n]; connInfo = new int[n]; drop = new int[n]; aux = new int[n];
        srcMac = new long[n]; priority = new int[n]; ingressPriority = new int[n];
        Arrays.fill(conn, NONE);
        Arrays.fill(ingressPriority, NONE);
    }

    void reset(int h, int dataStart) {
        start[h] = dataStart; length[h] = 0; l3[h] = dataStart; l4[h] = dataStart;
        rxIf[h] = NONE; txIf[h] = NONE; nextHop[h] = 0;
        packetMark[h] = 0; connMark[h] = 0; routingMark[h] = 0;
        flags[h] = 0; conn[h] = NONE; connInfo[h] = 0; drop[h] = 0; aux[h] = 0; srcMac[h] = 0;
        priority[h] = 0; ingressPriority[h] = NONE;
    }

    /** Copies every field of {@code from} to {@code to}, shifting offsets by {@code delta}. */
    public void copyFrom(int from, int to, int delta) {
        start[to] = start[from] + delta; length[to] = length[from];
        l3[to] = l3[from] + delta; l4[to] = l4[from] + delta;
        rxIf[to] = rxIf[from]; txIf[to] = txIf[from]; nextHop[to] = nextHop[from];
        packetMark[to] = packetMark[from]; connMark[to] = connMark[from]; routingMark[to] = routingMark[from];
        flags[to] = flags[from]; conn[to] = conn[from]; connInfo[to] = connInfo[from];
        drop[to] = drop[from]; aux[to] = aux[from]; srcMac[to] = srcMac[from];
        priority[to] = priority[from]; ingressPriority[to] = ingressPriority[from];
    }

    /**
     * Copies every field of packet {@code from} in another pool's metadata to {@code to} here,
     * shifting offsets by {@code delta}: a packet handed from one worker's pool to another's.
     */
    public void copyFrom(PacketMeta src, int from, int to, int delta) {
        start[to] = src.start[from] + delta; length[to] = src.length[from];
        l3[to] = src.l3[from] + delta; l4[to] = src.l4[from] + delta;
        rxIf[to] = src.rxIf[from]; txIf[to] = src.txIf[from]; nextHop[to] = src.nextHop[from];
        packetMark[to] = src.packetMark[from]; connMark[to] = src.connMark[from]; routingMark[to] = src.routingMark[from];
        flags[to] = src.flags[from]; conn[to] = src.conn[from]; connInfo[to] = src.connInfo[from];
        drop[to] = src.drop[from]; aux[to] = src.aux[from]; srcMac[to] = src.srcMac[from];
        priority[to] = src.priority[from]; ingressPriority[to] = src.ingressPriority[from];
    }

    /** Absolute arena offset of the first valid byte. */
    public int start(int h) { return start[h]; }
    public void start(int h, int v) { start[h] = v; }
    /** Number of valid bytes from {@link #start}. */
    public int length(int h) { return length[h]; }
    public void length(int h, int v) { length[h] = v; }
    /** Moves the data start by {@code delta} bytes (negative = prepend) keeping the end fixed. */
    public void advance(int h, int delta) { start[h] += delta; length[h] -= delta; }

    /** Absolute offset of the IPv4 header. */
    public int l3(int h) { return l3[h]; }
    public void l3(int h, int v) { l3[h] = v; }
    /** Absolute offset of the transport header (set by ip4-input, valid for first fragments). */
    public int l4(int h) { return l4[h]; }
    public void l4(int h, int v) { l4[h] = v; }

    /** Interface id the packet arrived on, or {@link #NONE} if locally originated. */
    public int rxIf(int h) { return rxIf[h]; }
    public void rxIf(int h, int v) { rxIf[h] = v; }
    /** Interface id chosen by the routing decision, or {@link #NONE}. */
    public int txIf(int h) { return txIf[h]; }
    public void txIf(int h, int v) { txIf[h] = v; }
    /** IPv4 next hop (gateway, or the destination when directly connected), as an int. */
    public int nextHop(int h) { return nextHop[h]; }
    public void nextHop(int h, int v) { nextHop[h] = v; }

    public int packetMark(int h) { return packetMark[h]; }
    public void packetMark(int h, int v) { packetMark[h] = v; }
    public int connMark(int h) { return connMark[h]; }
    public void connMark(int h, int v) { connMark[h] = v; }
    /** Routing table id to look up in (0 = main). */
    public int routingMark(int h) { return routingMark[h]; }
    public void routingMark(int h, int v) { routingMark[h] = v; }

    public int flags(int h) { return flags[h]; }
    public void flags(int h, int v) { flags[h] = v; }
    public boolean hasFlag(int h, int f) { return (flags[h] & f) != 0; }
    public void setFlag(int h, int f) { flags[h] |= f; }
    public void clearFlag(int h, int f) { flags[h] &= ~f; }

    /** Conntrack entry index, or {@link #NONE}. Owned by rose.dataplane.conntrack. */
    public int conn(int h) { return conn[h]; }
    public void conn(int h, int v) { conn[h] = v; }
    /** Conntrack's per-packet word (direction, state); its encoding belongs to conntrack. */
    public int connInfo(int h) { return connInfo[h]; }
    public void connInfo(int h, int v) { connInfo[h] = v; }

    /** Global id of the drop reason that ended this packet (see Graph), 0 when not dropped. */
    public int drop(int h) { return drop[h]; }
    public void drop(int h, int v) { drop[h] = v; }

    /** A node-to-node argument, e.g. ICMP type/code/MTU for ip4-icmp-error (see IcmpError). */
    public int aux(int h) { return aux[h]; }
    public void aux(int h, int v) { aux[h] = v; }

    /** Ethernet source of the frame the packet arrived in (src-mac-address); 0 when it came without one (TUN, local, decrypted). */
    public long srcMac(int h) { return srcMac[h]; }
    public void srcMac(int h, long v) { srcMac[h] = v; }

    /** Packet priority as mangle's set-priority leaves it (firewall {@code priority=}). */
    public int priority(int h) { return priority[h]; }
    public void priority(int h, int v) { priority[h] = v; }
    /** Priority the packet arrived with (firewall {@code ingress-priority=}); NONE until first captured. */
    public int ingressPriority(int h) { return ingressPriority[h]; }
    public void ingressPriority(int h, int v) { ingressPriority[h] = v; }
}
