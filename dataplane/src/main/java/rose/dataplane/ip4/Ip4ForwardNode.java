package rose.dataplane.ip4;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;

/**
 * Forward path, before mangle/filter forward (RouterOS decrements TTL first): TTL expiry
 * answers ICMP time exceeded, otherwise TTL-1 with an incremental checksum update
 * (RFC 1624) instead of summing the header again.
 */
public final class Ip4ForwardNode implements Node {
    public static final String NAME = "ip4-forward";
    static final int NEXT_FORWARD = 0, NEXT_ICMP_ERROR = 1;

    /** RFC 1812 §5.3.4: a router must not forward a unicast datagram that arrived as link-layer broadcast. */
    public enum Drop implements DropReason { L2_BROADCAST }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(FlowPoint.MANGLE_FORWARD.anchor(), Ip4IcmpErrorNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), l3 = m.l3(h);
            if (m.hasFlag(h, PacketMeta.F_L2_BCAST)) { v.drop(i, Drop.L2_BROADCAST); continue; }
            int ttl = Ip4.ttl(a, l3);
            if (ttl <= 1) {
                m.aux(h, Icmp.errorAux(Icmp.TIME_EXCEEDED, Icmp.CODE_TTL_EXCEEDED, 0));
                v.next(i, NEXT_ICMP_ERROR);
                continue;
            }
            int proto = Ip4.protocol(a, l3);
            a[l3 + Ip4.TTL] = (byte) (ttl - 1);
            int check = Bytes.u16(a, l3 + Ip4.CHECKSUM);
            Bytes.put16(a, l3 + Ip4.CHECKSUM, Checksum.update16(check, (ttl << 8) | proto, ((ttl - 1) << 8) | proto));
            v.next(i, NEXT_FORWARD);
        }
    }
}
