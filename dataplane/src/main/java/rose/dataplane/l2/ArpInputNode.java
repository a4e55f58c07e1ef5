package rose.dataplane.l2;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.table.Interfaces;
import rose.dataplane.table.TablesRef;

/**
 * Learns neighbours from ARP and answers requests for our addresses by turning the request
 * into the reply in place. A packet that was waiting for the learned neighbour is released
 * back to {@code ip4-rewrite}.
 */
public final class ArpInputNode implements Node {
    public static final String NAME = "arp-input";
    static final int NEXT_OUTPUT = 0, NEXT_REWRITE = 1;

    public enum Drop implements DropReason {
        MALFORMED, NOT_FOR_US, NO_HEADROOM,
        /** Packets that waited for this neighbour and did not fit the vector when its reply came. */
        HELD_NO_ROOM
    }

    private final TablesRef tables;
    private final ArpTable arp;

    public ArpInputNode(TablesRef tables, ArpTable arp) {
        this.tables = tables;
        this.arp = arp;
    }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of("interface-output", "ip4-rewrite"); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        Interfaces ifs = tables.get().interfaces();
        PacketMeta m = ctx.meta();
        PacketPool pool = ctx.pool();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), off = m.start(h), rx = m.rxIf(h);
            if (m.length(h) < Arp.LENGTH || !Arp.isEthernetIp4(a, off)) { v.drop(i, Drop.MALFORMED); continue; }
            int op = Bytes.u16(a, off + Arp.OP);
            long sha = Bytes.u48(a, off + Arp.SHA);
            int spa = Bytes.i32(a, off + Arp.SPA), tpa = Bytes.i32(a, off + Arp.TPA);
            boolean forUs = ifs.owns(rx, tpa);
            if (spa != 0 && !Ethernet.isGroup(sha)) {
                int slot = arp.learn(rx, spa, sha, ctx.now(), forUs);
                if (slot >= 0) {
                    for (int held; (held = arp.takeHeld(slot)) != PacketPool.NO_HANDLE; )
                        if (!v.emit(held, NEXT_REWRITE)) { pool.free(held); v.countDrop(Drop.HELD_NO_ROOM); }
                }
            }
            // every worker sees every ARP frame and learns from it; worker 0 alone answers (and counts) requests
            if (op == Arp.OP_REQUEST && ctx.worker() != 0) { pool.free(h); v.consume(i); continue; }
            if (op != Arp.OP_REQUEST || !forUs) {
                if (op == Arp.OP_REQUEST) { v.drop(i, Drop.NOT_FOR_US); continue; }
                pool.free(h); // a reply: learned above, nothing more to do
                v.consume(i);
                continue;
            }
            if (pool.headroom(h) < Ethernet.HEADER) { v.drop(i, Drop.NO_HEADROOM); continue; }
            long ours = ifs.mac(rx);
            Bytes.put16(a, off + Arp.OP, Arp.OP_REPLY);
            Bytes.put48(a, off + Arp.THA, sha);
            Bytes.put32(a, off + Arp.TPA, spa);
            Bytes.put48(a, off + Arp.SHA, ours);
            Bytes.put32(a, off + Arp.SPA, tpa);
            m.advance(h, -Ethernet.HEADER);
            int f = m.start(h);
            Bytes.put48(a, f, sha);
            Bytes.put48(a, f + 6, ours);
            Bytes.put16(a, f + 12, Ethernet.TYPE_ARP);
            m.txIf(h, rx);
            v.next(i, NEXT_OUTPUT);
        }
    }
}
