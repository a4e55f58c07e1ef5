package rose.dataplane.ipsec;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.ip4.Ip4LocalNode;

/**
 * UDP port 4500 to the router (RFC 3948 §2): one byte 0xFF is a NAT-keepalive (dropped quietly,
 * counted); four zero octets are the non-ESP marker in front of IKE (handed to {@code ip4-local}
 * and from there to the IKE daemon, marker included); anything else is ESP, handed to
 * {@code esp4-decrypt} with the UDP source port in {@code aux} for NAT mapping checks.
 */
public final class Udp4EspInputNode implements Node {
    public static final String NAME = "udp4-esp-input";
    public static final int PORT = 4500;
    static final int NEXT_IKE = 0, NEXT_ESP = 1;
    /** {@code aux} bit saying the ESP packet came in UDP; the low 16 bits are the source port. */
    static final int AUX_ENCAP = 1 << 16;

    public enum Drop implements DropReason { TOO_SHORT, NAT_KEEPALIVE }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(Ip4LocalNode.NAME, Esp4DecryptNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), l3 = m.l3(h), udp = m.l4(h), end = l3 + m.length(h);
            if (udp + 8 > end) { v.drop(i, Drop.TOO_SHORT); continue; }
            int payload = Math.min(Bytes.u16(a, udp + 4), end - udp) - 8;
            int p = udp + 8;
            if (payload == 1 && (a[p] & 0xff) == 0xff) { v.drop(i, Drop.NAT_KEEPALIVE); continue; }
            if (payload >= 4 && Bytes.i32(a, p) == 0) { v.next(i, NEXT_IKE); continue; }
            if (payload < 8) { v.drop(i, Drop.TOO_SHORT); continue; }
            m.aux(h, AUX_ENCAP | Bytes.u16(a, udp));
            m.l4(h, p);
            v.next(i, NEXT_ESP);
        }
    }
}
