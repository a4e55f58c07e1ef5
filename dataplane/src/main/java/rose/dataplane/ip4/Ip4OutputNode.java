package rose.dataplane.ip4;

import java.util.List;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.fib.Fib;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.table.Tables;
import rose.dataplane.table.TablesRef;

/**
 * The routing decision for packets the router originates (echo replies, ICMP errors,
 * IKE, host stack). A zero source address is filled with the outgoing interface's address
 * (only safe for ICMP, whose checksum does not cover the addresses; other senders set
 * their source). Destinations that are our own addresses loop back into {@code ip4-input}.
 */
public final class Ip4OutputNode implements Node {
    public static final String NAME = "ip4-output";
    static final int NEXT_OUTPUT = 0, NEXT_LOOPBACK = 1;

    public enum Drop implements DropReason { NO_ROUTE, BLACKHOLE }

    private final TablesRef tables;

    public Ip4OutputNode(TablesRef tables) { this.tables = tables; }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(FlowPoint.RAW_OUTPUT.anchor(), Ip4InputNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        Tables t = tables.get();
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i);
            int r = route(t, m, a, h);
            if (r == NEXT_OUTPUT || r == NEXT_LOOPBACK) v.next(i, r);
            else v.drop(i, r == -1 ? Drop.NO_ROUTE : Drop.BLACKHOLE);
        }
    }

    /** Shared with ip4-reroute: returns a next, or -1 (no route) / -2 (blackhole). */
    static int route(Tables t, PacketMeta m, byte[] a, int h) {
        Fib fib = t.fib();
        int l3 = m.l3(h);
        int dst = Ip4.dst(a, l3);
        int adj = fib.lookup(m.routingMark(h), dst);
        switch (fib.kind(adj)) {
            case Fib.LOCAL:
                m.clearFlag(h, PacketMeta.F_LOCAL_ORIGIN);
                m.start(h, l3);
                return NEXT_LOOPBACK;
            case Fib.CONNECTED:
            case Fib.GATEWAY:
                int tx = fib.txIf(adj);
                m.txIf(h, tx);
                m.nextHop(h, fib.nextHop(adj, dst));
                if (Ip4.src(a, l3) == 0) {
                    Bytes.put32(a, l3 + Ip4.SRC, t.interfaces().sourceFor(tx, m.nextHop(h)));
                    Ip4.setChecksum(a, l3);
                }
                return NEXT_OUTPUT;
            case Fib.BLACKHOLE:
                return -2;
            default:
                return -1;
        }
    }
}
