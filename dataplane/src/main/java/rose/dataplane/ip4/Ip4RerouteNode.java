package rose.dataplane.ip4;

import java.util.List;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.table.Tables;
import rose.dataplane.table.TablesRef;

/**
 * RouterOS's "routing adjustment" after the output chains: when mangle output changed the
 * routing mark (and set {@link PacketMeta#F_REROUTE}) the packet is routed again in its new
 * table. Untouched packets pass for the price of a flag test.
 */
public final class Ip4RerouteNode implements Node {
    public static final String NAME = "ip4-reroute";

    public enum Drop implements DropReason { NO_ROUTE, BLACKHOLE, LOCAL_AFTER_REROUTE }

    private final TablesRef tables;

    public Ip4RerouteNode(TablesRef tables) { this.tables = tables; }

    @Override public String name() { return NAME; }
    @Override public List<String> nexts() { return List.of(FlowPoint.MANGLE_POSTROUTING.anchor()); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        Tables t = tables.get();
        PacketMeta m = ctx.meta();
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i);
            if (!m.hasFlag(h, PacketMeta.F_REROUTE)) { v.next(i, 0); continue; }
            m.clearFlag(h, PacketMeta.F_REROUTE);
            int r = Ip4OutputNode.route(t, m, ctx.arena(), h);
            if (r == Ip4OutputNode.NEXT_OUTPUT) v.next(i, 0);
            else v.drop(i, r == -1 ? Drop.NO_ROUTE : r == -2 ? Drop.BLACKHOLE : Drop.LOCAL_AFTER_REROUTE);
        }
    }
}
