package rose.dataplane.firewall;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.conntrack.ConnInfo;
import rose.dataplane.graph.WorkerContext;

/** Fills a worker's {@link PacketFields} from a buffer and its metadata, and writes marks back. */
public final class PacketLoader {
    private PacketLoader() {}

    /** Set by raw notrack: conntrack leaves the packet untracked. */
    public static final int F_NOTRACK = PacketMeta.F_FIREWALL_FIRST;
    /** Set when the packet arrived decrypted by IPsec (ipsec-policy=in,ipsec); for the ESP nodes to set. */
    public static final int F_IPSEC_IN = PacketMeta.F_FIREWALL_FIRST << 1;
    /** A packet decrypted on an {@code /interface ipsec} with {@code mangling=no}: the mangle chains leave it alone. */
    public static final int F_SKIP_MANGLE = PacketMeta.F_FIREWALL_FIRST << 2;
    /** A sniff-tzsp copy: never copied again, or a sniff rule in output would feed on its own copies. */
    public static final int F_SNIFF_COPY = PacketMeta.F_FIREWALL_FIRST << 3;

    /** False if the buffer does not hold a well-formed IPv4 header. */
    public static boolean load(WorkerContext ctx, int h, PacketFields f) {
        PacketMeta m = ctx.meta();
        int l3 = m.l3(h);
        if (!f.parse(ctx.arena(), l3, m.start(h) + m.length(h) - l3)) return false;
        f.inIf = m.rxIf(h);
        f.outIf = m.txIf(h);
        f.srcMac = m.srcMac(h);
        f.packetMark = m.packetMark(h);
        f.routingMark = m.routingMark(h);
        f.connMark = m.connMark(h);
        f.priority = m.priority(h);
        f.ingressPriority = ingressPriority(m, h, f);
        int info = m.connInfo(h);
        f.connRef = m.conn(h);
        f.connState = ConnInfo.state(info);
        f.connDir = ConnInfo.reply(info) ? 1 : 0;
        f.natState = ConnInfo.natBits(info);
        f.connType = ConnInfo.type(info);
        f.decryptedByIpsec = m.hasFlag(h, F_IPSEC_IN);
        f.now = ctx.now();
        return true;
    }

    /**
     * RouterOS derives the ingress priority from the VLAN header, WMM, DSCP or MPLS EXP of the
     * packet as received. ROSE's ports carry no VLAN tags, WMM or MPLS, so it is the DSCP the
     * packet arrived with: captured the first time a firewall chain reads the packet, which is
     * before any rule can change the DSCP. A packet the router originates has none (0).
     */
    private static int ingressPriority(PacketMeta m, int h, PacketFields f) {
        int p = m.ingressPriority(h);
        return p == PacketMeta.NONE ? captureIngressPriority(m, h, f.tos) : p;
    }

    /** Records the ingress priority from the header's TOS byte as it is now (see above); returns it. */
    static int captureIngressPriority(PacketMeta m, int h, int tos) {
        int p = m.hasFlag(h, PacketMeta.F_LOCAL_ORIGIN) ? 0 : tos >>> 2;
        m.ingressPriority(h, p);
        return p;
    }

    /** Marks set by mangle go back to the metadata the rest of the graph reads. */
    public static void storeMarks(PacketMeta m, int h, PacketFields f) {
        m.packetMark(h, f.packetMark);
        m.routingMark(h, f.routingMark);
        m.connMark(h, f.connMark);
        m.priority(h, f.priority);
    }
}
