package rose.dataplane.conntrack;

import rose.dataplane.firewall.ConnStates;

/**
 * Conntrack's per-packet word in {@code PacketMeta.connInfo}: the connection-state bit, the
 * direction, the connection's NAT bits and whether it is fasttracked. Written by the conntrack
 * node, read by firewall and NAT nodes with no lookup.
 */
public final class ConnInfo {
    private ConnInfo() {}

    static final int STATE_MASK = 0x1f;          // ConnStates.INVALID..UNTRACKED
    static final int REPLY = 1 << 8;
    static final int NAT_SHIFT = 9;              // ConnStates.NAT_* (srcnat, dstnat, ein-snat, ein-dnat), 4 bits
    static final int NAT_MASK = 0xf;
    static final int FASTTRACK = 1 << 13;
    static final int TYPE_SHIFT = 14;            // ConnectionType id, 4 bits
    static final int HELPER = 1 << 18;           // a helper reads this connection's packets (conntrack-helper)

    public static int encode(int state, boolean reply, int natBits, boolean fasttrack) {
        return state | (reply ? REPLY : 0) | (natBits << NAT_SHIFT) | (fasttrack ? FASTTRACK : 0);
    }

    public static int state(int info) { return info & STATE_MASK; }
    public static boolean reply(int info) { return (info & REPLY) != 0; }
    public static int natBits(int info) { return (info >>> NAT_SHIFT) & NAT_MASK; }
    public static boolean fasttrack(int info) { return (info & FASTTRACK) != 0; }
    /** Adds the connection-type and whether a helper follows the connection. */
    public static int withType(int info, int type, boolean helper) { return info | (type << TYPE_SHIFT) | (helper ? HELPER : 0); }
    public static int type(int info) { return (info >>> TYPE_SHIFT) & 0xf; }
    public static boolean helper(int info) { return (info & HELPER) != 0; }
    public static int untracked() { return ConnStates.UNTRACKED; }
    public static int withNat(int info, int natBits) { return info | (natBits << NAT_SHIFT); }
}
