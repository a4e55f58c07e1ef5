package rose.dataplane.ip4;

import java.util.List;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.fib.Fib;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.table.TablesRef;

/**
 * The routing decision for received packets: FIB lookup in the packet's routing table
 * (its routing mark; main when unmarked). Local destinations go to input (fragments
 * through {@code ip4-reassembly} first); others to
 * forward; unreachable/prohibit routes and misses answer with ICMP destination
 * unreachable; blackhole drops silently, as RouterOS does. A packet mangle's action=route gave a
 * route-dst (flag F_ROUTE_DST) that is not for the router itself goes to that next hop when it is
 * on a connected network; when it is not, the normal route applies (the gateway is unreachable).
 */
public final class Ip4LookupNode implements Node {
    public static final String NAME = "ip4-lookup";
    static final int NEXT_INPUT = 0, NEXT_FORWARD = 1, NEXT_ICMP_ERROR = 2, NEXT_REASSEMBLY = 3;

    public enum Drop implements DropReason { BLACKHOLE }

    private final TablesRef tables;

    public Ip4LookupNode(TablesRef tables) { this.tables = tables; }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(FlowPoint.MANGLE_INPUT.anchor(), Ip4ForwardNode.NAME, Ip4IcmpErrorNode.NAME, Ip4ReassemblyNode.NAME); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    /** route-dst: the interface of the connected network that holds it; false when none does. */
    private static boolean forceNextHop(Fib fib, PacketMeta m, int h) {
        int gw = m.nextHop(h);
        int gwAdj = fib.lookup(0, gw);
        if (fib.kind(gwAdj) != Fib.CONNECTED) return false;
        m.txIf(h, fib.txIf(gwAdj));
        return true;
    }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        Fib fib = tables.get().fib();
        PacketMeta m = ctx.meta();
        byte[] a = ctx.arena();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i);
            int dst = Ip4.dst(a, m.l3(h));
            int adj = fib.lookup(m.routingMark(h), dst);
            switch (fib.kind(adj)) {
                case Fib.LOCAL:
                    m.setFlag(h, PacketMeta.F_TO_US);
                    v.next(i, Ip4.isFragment(a, m.l3(h)) ? NEXT_REASSEMBLY : NEXT_INPUT);
                    break;
                case Fib.CONNECTED:
                case Fib.GATEWAY:
                    if (m.hasFlag(h, PacketMeta.F_ROUTE_DST) && forceNextHop(fib, m, h)) { v.next(i, NEXT_FORWARD); break; }
                    m.txIf(h, fib.txIf(adj));
                    m.nextHop(h, fib.nextHop(adj, dst));
                    v.next(i, NEXT_FORWARD);
                    break;
                case Fib.BLACKHOLE:
                    v.drop(i, Drop.BLACKHOLE);
                    break;
                case Fib.PROHIBIT:
                    m.aux(h, Icmp.errorAux(Icmp.DEST_UNREACHABLE, Icmp.CODE_ADMIN_PROHIBITED, 0));
                    v.next(i, NEXT_ICMP_ERROR);
                    break;
                case Fib.UNREACHABLE:
                    m.aux(h, Icmp.errorAux(Icmp.DEST_UNREACHABLE, Icmp.CODE_HOST_UNREACHABLE, 0));
                    v.next(i, NEXT_ICMP_ERROR);
                    break;
                default:
                    m.aux(h, Icmp.errorAux(Icmp.DEST_UNREACHABLE, Icmp.CODE_NET_UNREACHABLE, 0));
                    v.next(i, NEXT_ICMP_ERROR);
                    break;
            }
        }
    }
}
