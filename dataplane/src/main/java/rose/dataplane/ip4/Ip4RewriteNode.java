package rose.dataplane.ip4;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.l2.Arp;
import rose.dataplane.l2.ArpTable;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.table.Interfaces;
import rose.dataplane.table.TablesRef;

/**
 * Last IPv4 step before the wire.
 *
 * <ol>
 *   <li>MTU: too big with DF set answers fragmentation-needed carrying the next-hop MTU
 *       (RFC 1191); too big without DF goes to {@code ip4-frag}, whose fragments come back here.</li>
 *   <li>Neighbour: the next hop's MAC from the ARP table. Unresolved, the packet is held
 *       (see {@link ArpTable} for how many) and a request goes out at most once a second.</li>
 *   <li>Ethernet header prepended into the headroom.</li>
 * </ol>
 */
public final class Ip4RewriteNode implements Node {
    public static final String NAME = "ip4-rewrite";
    static final int NEXT_OUTPUT = 0, NEXT_FRAG = 1, NEXT_ICMP_ERROR = 2;

    public enum Drop implements DropReason {
        INTERFACE_DOWN, NO_HEADROOM, TOO_BIG_LOCAL, ARP_TABLE_FULL, ARP_HOLD_REPLACED, ARP_HOLD_FULL, ARP_NO_BUFFER, ARP_NO_SOURCE
    }

    private final TablesRef tables;
    private final ArpTable arp;

    public Ip4RewriteNode(TablesRef tables, ArpTable arp) {
        this.tables = tables;
        this.arp = arp;
    }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of("interface-output", Ip4FragNode.NAME, Ip4IcmpErrorNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        Interfaces ifs = tables.get().interfaces();
        PacketMeta m = ctx.meta();
        PacketPool pool = ctx.pool();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i), tx = m.txIf(h), l3 = m.l3(h);
            if (!ifs.up(tx)) { v.drop(i, Drop.INTERFACE_DOWN); continue; }
            int mtu = ifs.mtu(tx);
            if (m.length(h) > mtu) {
                if (Ip4.dontFragment(a, l3)) {
                    if (m.hasFlag(h, PacketMeta.F_LOCAL_ORIGIN)) { v.drop(i, Drop.TOO_BIG_LOCAL); continue; }
                    m.aux(h, Icmp.errorAux(Icmp.DEST_UNREACHABLE, Icmp.CODE_FRAG_NEEDED, mtu));
                    v.next(i, NEXT_ICMP_ERROR);
                } else {
                    v.next(i, NEXT_FRAG);
                }
                continue;
            }
            int hop = m.nextHop(h);
            long dmac;
            if (hop == -1) {
                dmac = Ethernet.BROADCAST;
            } else if ((hop >>> 28) == 0xe) {
                dmac = 0x0100_5e00_0000L | (hop & 0x7f_ffff); // RFC 1112 §6.4
            } else {
                int slot = arp.find(tx, hop);
                if (slot < 0 || !arp.resolved(slot)) { resolve(ctx, v, i, h, tx, hop, slot, ifs); continue; }
                dmac = arp.mac(slot);
            }
            if (pool.headroom(h) < Ethernet.HEADER) { v.drop(i, Drop.NO_HEADROOM); continue; }
            m.advance(h, -Ethernet.HEADER);
            int f = m.start(h);
            Bytes.put48(a, f, dmac);
            Bytes.put48(a, f + 6, ifs.mac(tx));
            Bytes.put16(a, f + 12, Ethernet.TYPE_IP4);
            v.next(i, NEXT_OUTPUT);
        }
    }

    private void resolve(WorkerContext ctx, PacketVector v, int i, int h, int tx, int hop, int slot, Interfaces ifs) {
        PacketPool pool = ctx.pool();
        if (slot < 0) slot = arp.addIncomplete(tx, hop, ctx.now());
        if (slot < 0) { v.drop(i, Drop.ARP_TABLE_FULL); return; }
        int src = ifs.sourceFor(tx, hop);
        if (src == 0) { v.drop(i, Drop.ARP_NO_SOURCE); return; }
        int old = arp.hold(slot, h);
        v.consume(i);
        if (old != PacketPool.NO_HANDLE) { pool.free(old); v.countDrop(old == h ? Drop.ARP_HOLD_FULL : Drop.ARP_HOLD_REPLACED); }
        if (!arp.requestDue(slot, ctx.now())) return;
        int req = pool.alloc();
        if (req == PacketPool.NO_HANDLE) { v.countDrop(Drop.ARP_NO_BUFFER); return; }
        PacketMeta m = ctx.meta();
        m.length(req, Arp.writeRequest(pool.arena(), m.start(req), ifs.mac(tx), src, hop));
        m.txIf(req, tx);
        m.flags(req, PacketMeta.F_LOCAL_ORIGIN);
        if (!v.emit(req, NEXT_OUTPUT)) { pool.free(req); v.countDrop(Drop.ARP_NO_BUFFER); }
    }
}
