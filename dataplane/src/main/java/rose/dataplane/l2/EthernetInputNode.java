package rose.dataplane.l2;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.table.Interfaces;
import rose.dataplane.table.TablesRef;

/** First node for every received frame: MAC filter, ethertype dispatch, strips the Ethernet header. */
public final class EthernetInputNode implements Node {
    public static final String NAME = "ethernet-input";
    static final int NEXT_IP4 = 0, NEXT_ARP = 1;

    public enum Drop implements DropReason { TOO_SHORT, INTERFACE_DOWN, NOT_FOR_US, UNKNOWN_ETHERTYPE }

    private final TablesRef tables;

    public EthernetInputNode(TablesRef tables) { this.tables = tables; }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of("ip4-input", ArpInputNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        Interfaces ifs = tables.get().interfaces();
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), off = m.start(h), rx = m.rxIf(h);
            if (m.length(h) < Ethernet.HEADER) { v.drop(i, Drop.TOO_SHORT); continue; }
            if (!ifs.up(rx)) { v.drop(i, Drop.INTERFACE_DOWN); continue; }
            long dst = Bytes.u48(a, off);
            if (Ethernet.isGroup(dst)) m.setFlag(h, PacketMeta.F_L2_BCAST);
            else if (dst != ifs.mac(rx)) { v.drop(i, Drop.NOT_FOR_US); continue; }
            int type = Bytes.u16(a, off + 12);
            m.srcMac(h, Bytes.u48(a, off + 6));
            m.advance(h, Ethernet.HEADER);
            m.l3(h, off + Ethernet.HEADER);
            if (type == Ethernet.TYPE_IP4) v.next(i, NEXT_IP4);
            else if (type == Ethernet.TYPE_ARP) v.next(i, NEXT_ARP);
            else v.drop(i, Drop.UNKNOWN_ETHERTYPE);
        }
    }
}
