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
 * Answers ICMP echo in place: swap addresses, type 8 to 0 (checksum patched
 * incrementally), fresh TTL. The reply is locally originated and takes the output path
 * (routing decision, output chains, postrouting), as in RouterOS.
 */
public final class Ip4IcmpEchoNode implements Node {
    public static final String NAME = "ip4-icmp-echo";

    /** Broadcast echo is ignored (Linux's icmp_echo_ignore_broadcasts default; smurf protection). */
    public enum Drop implements DropReason { TOO_SHORT, BAD_CHECKSUM, BROADCAST }

    private final TablesRef tables;

    public Ip4IcmpEchoNode(TablesRef tables) { this.tables = tables; }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(Ip4OutputNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), l3 = m.l3(h), l4 = m.l4(h);
            int icmpLen = l3 + m.length(h) - l4;
            if (icmpLen < Icmp.HEADER) { v.drop(i, Drop.TOO_SHORT); continue; }
            int dst = Ip4.dst(a, l3);
            // LOCAL in the FIB but owned by no interface means a broadcast address.
            if (m.hasFlag(h, PacketMeta.F_L2_BCAST) || !tables.get().interfaces().ownsAny(dst)) {
                v.drop(i, Drop.BROADCAST);
                continue;
            }
            if (!Checksum.verify(a, l4, icmpLen)) { v.drop(i, Drop.BAD_CHECKSUM); continue; }
            int src = Ip4.src(a, l3);
            a[l4] = (byte) Icmp.ECHO_REPLY;
            int code = a[l4 + 1] & 0xff;
            Bytes.put16(a, l4 + 2, Checksum.update16(Bytes.u16(a, l4 + 2), (Icmp.ECHO_REQUEST << 8) | code, (Icmp.ECHO_REPLY << 8) | code));
            Bytes.put32(a, l3 + Ip4.SRC, dst);
            Bytes.put32(a, l3 + Ip4.DST, src);
            a[l3 + Ip4.TTL] = (byte) Ip4.DEFAULT_TTL;
            Ip4.setChecksum(a, l3);
            Ip4Origin.restartAsLocal(m, h);
            v.next(i, 0);
        }
    }
}
