package rose.dataplane.ip4;

import java.util.List;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;

/**
 * Packets for the router after filter input: ICMP echo requests are answered in the
 * dataplane; everything else (IKE, services; fragments were reassembled before input)
 * leaves at {@code punt-host}.
 */
public final class Ip4LocalNode implements Node {
    public static final String NAME = "ip4-local";
    static final int NEXT_ECHO = 0, NEXT_PUNT = 1;

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(Ip4IcmpEchoNode.NAME, PuntHostNode.NAME); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), l3 = m.l3(h);
            boolean echo = Ip4.protocol(a, l3) == Ip4.PROTO_ICMP && !Ip4.isFragment(a, l3)
                    && m.l4(h) < l3 + m.length(h) && (a[m.l4(h)] & 0xff) == Icmp.ECHO_REQUEST;
            v.next(i, echo ? NEXT_ECHO : NEXT_PUNT);
        }
    }
}
