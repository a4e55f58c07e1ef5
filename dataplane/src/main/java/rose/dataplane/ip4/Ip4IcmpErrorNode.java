package rose.dataplane.ip4;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.table.TablesRef;

/**
 * Turns the offending packet into the ICMP error about it, in place: the new IPv4 and
 * ICMP headers (28 bytes) are written into the headroom in front of the original header,
 * and the original is quoted up to 576 bytes in total (RFC 1812 §4.3.2.3). Type, code
 * and MTU come from {@code PacketMeta.aux} (see {@link Icmp#errorAux}).
 *
 * <p>RFC 1122 §3.2.2 / RFC 1812 §4.3.2.7: no error about an ICMP error, a non-first
 * fragment, or a packet whose source is not a unicast host or that arrived as
 * link-layer broadcast. Errors are rate limited per worker (a token bucket like Linux's
 * icmp_ratelimit) so a flood cannot turn the router into an amplifier.
 */
public final class Ip4IcmpErrorNode implements Node {
    public static final String NAME = "ip4-icmp-error";
    static final int OVERHEAD = Ip4.MIN_HEADER + Icmp.HEADER;
    /** Room for the Ethernet header that ip4-rewrite will prepend as well. */
    static final int NEEDED_HEADROOM = OVERHEAD + 14;

    public enum Drop implements DropReason { SUPPRESSED, RATE_LIMITED, NO_HEADROOM }

    private static final long TOKEN_NANOS = 1_000_000L;   // 1000 errors per second
    private static final long BURST = 100;

    private final TablesRef tables;
    private long tokens = BURST;
    private long lastRefill;
    private int nextId = 1;

    public Ip4IcmpErrorNode(TablesRef tables) { this.tables = tables; }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(Ip4OutputNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        refill(ctx.now());
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), l3 = m.l3(h);
            if (suppressed(a, m, h, l3)) { v.drop(i, Drop.SUPPRESSED); continue; }
            if (tokens == 0) { v.drop(i, Drop.RATE_LIMITED); continue; }
            if (l3 - ctx.pool().base(h) < NEEDED_HEADROOM) { v.drop(i, Drop.NO_HEADROOM); continue; }
            tokens--;
            int aux = m.aux(h);
            int origSrc = Ip4.src(a, l3);
            int quote = Math.min(Ip4.totalLength(a, l3), Icmp.MAX_ERROR_DATAGRAM - OVERHEAD);
            int nl3 = l3 - OVERHEAD, icmp = nl3 + Ip4.MIN_HEADER;
            a[icmp] = (byte) Icmp.auxType(aux);
            a[icmp + 1] = (byte) Icmp.auxCode(aux);
            Bytes.put16(a, icmp + 2, 0);
            Bytes.put16(a, icmp + 4, 0);
            Bytes.put16(a, icmp + 6, Icmp.auxType(aux) == Icmp.DEST_UNREACHABLE && Icmp.auxCode(aux) == Icmp.CODE_FRAG_NEEDED ? Icmp.auxMtu(aux) : 0);
            Bytes.put16(a, icmp + 2, Checksum.compute(a, icmp, Icmp.HEADER + quote));
            int rx = m.rxIf(h);
            int src = rx >= 0 ? tables.get().interfaces().sourceFor(rx, origSrc) : 0;
            Ip4.writeHeader(a, nl3, OVERHEAD + quote, nextId++ & 0xffff, 0, Ip4.DEFAULT_TTL, Ip4.PROTO_ICMP, src, origSrc);
            m.l3(h, nl3);
            m.l4(h, icmp);
            m.length(h, OVERHEAD + quote);
            Ip4Origin.restartAsLocal(m, h);
            m.setFlag(h, PacketMeta.F_ICMP_ERROR);
            v.next(i, 0);
        }
    }

    private static boolean suppressed(byte[] a, PacketMeta m, int h, int l3) {
        if (m.hasFlag(h, PacketMeta.F_ICMP_ERROR | PacketMeta.F_L2_BCAST)) return true;
        if (Ip4.isLaterFragment(a, l3)) return true;
        int src = Ip4.src(a, l3), dst = Ip4.dst(a, l3);
        if (src == 0 || Ip4.isMulticastOrBroadcast(src) || Ip4.isMulticastOrBroadcast(dst)) return true;
        if (Ip4.protocol(a, l3) == Ip4.PROTO_ICMP) {
            int l4 = l3 + Ip4.headerLength(a, l3);
            if (l4 >= l3 + m.length(h) || Icmp.isError(a[l4] & 0xff)) return true;
        }
        return false;
    }

    private void refill(long now) {
        long add = (now - lastRefill) / TOKEN_NANOS;
        if (add > 0) {
            tokens = Math.min(BURST, tokens + add);
            lastRefill += add * TOKEN_NANOS;
        } else if (add < 0) {
            lastRefill = now;
        }
    }
}
