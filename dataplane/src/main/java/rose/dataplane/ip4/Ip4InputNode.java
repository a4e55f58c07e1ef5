package rose.dataplane.ip4;

import java.util.List;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;

/**
 * Validates an IPv4 header before anything else reads it (RFC 1812 §5.2.2): length,
 * version, header length, checksum, total length against what arrived. Trims L2 padding
 * and records l3/l4 offsets, then hands the packet to prerouting.
 */
public final class Ip4InputNode implements Node {
    public static final String NAME = "ip4-input";

    public enum Drop implements DropReason { TOO_SHORT, BAD_VERSION, BAD_HEADER_LENGTH, BAD_CHECKSUM, BAD_LENGTH, MARTIAN_SOURCE }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(FlowPoint.RAW_PREROUTING.anchor()); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), l3 = m.start(h), len = m.length(h);
            if (len < Ip4.MIN_HEADER) { v.drop(i, Drop.TOO_SHORT); continue; }
            if (Ip4.version(a, l3) != 4) { v.drop(i, Drop.BAD_VERSION); continue; }
            int hl = Ip4.headerLength(a, l3);
            if (hl < Ip4.MIN_HEADER || hl > len) { v.drop(i, Drop.BAD_HEADER_LENGTH); continue; }
            if (!Checksum.verify(a, l3, hl)) { v.drop(i, Drop.BAD_CHECKSUM); continue; }
            int total = Ip4.totalLength(a, l3);
            if (total < hl || total > len) { v.drop(i, Drop.BAD_LENGTH); continue; }
            int src = Ip4.src(a, l3);
            if (Ip4.isMulticastOrBroadcast(src) || (src >>> 24) == 127) { v.drop(i, Drop.MARTIAN_SOURCE); continue; }
            m.length(h, total); // drop Ethernet padding
            m.l3(h, l3);
            m.l4(h, l3 + hl);
            v.next(i, 0);
        }
    }
}
