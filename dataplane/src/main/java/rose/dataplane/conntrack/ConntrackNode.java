package rose.dataplane.conntrack;

import java.util.List;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.firewall.ConnStates;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.PacketLoader;
import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.FlowPoint;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;

/**
 * {@code conntrack-prerouting} / {@code conntrack-output}: tracks every packet raw did not mark
 * notrack while the table is tracking at all ({@link ConnTable#tracking()}; untracked as notrack
 * otherwise, as a Linux packet with no conntrack hook registered), and publishes the result in the packet's metadata (conn, connInfo, connMark).
 * Invalid packets go on (the firewall decides, as RouterOS's defconf "drop invalid" does);
 * only a full table drops here. Each vector also expires a slice of one shard, round-robin,
 * so expiry needs no timer thread and no global pass.
 */
public final class ConntrackNode implements Node {
    public enum Drop implements DropReason { TABLE_FULL, MALFORMED }

    private static final int SWEEP_BUDGET = 64;

    private final String name;
    private final ConnTable table;
    private final PacketFields f = new PacketFields();
    private int sweepShard;

    public ConntrackNode(String name, ConnTable table, int worker) {
        this.name = name;
        this.table = table;
        this.sweepShard = worker;
    }

    @Override public String name() { return name; }
    @Override public List<String> nexts() { return List.of(FlowPoint.CONTINUE); }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        PacketMeta m = ctx.meta();
        boolean tracking = table.tracking();   // read once per vector: enabled=no, or auto with no rule, untracks all
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i);
            if (!tracking || m.hasFlag(h, PacketLoader.F_NOTRACK)) {
                m.conn(h, PacketMeta.NONE);
                m.connInfo(h, ConnInfo.encode(ConnStates.UNTRACKED, false, 0, false));
                v.next(i, 0);
                continue;
            }
            // the headers and the clock are all track reads: not the marks, interfaces and
            // priorities a firewall chain loads (PacketLoader.load), a tenth of this node's time
            int l3 = m.l3(h);
            if (!f.parse(ctx.arena(), l3, m.start(h) + m.length(h) - l3)) { v.drop(i, Drop.MALFORMED); continue; }
            f.now = ctx.now();
            f.connMark = m.connMark(h);   // written back as it was when the packet finds no connection
            int r = table.track(f);
            if (r == ConnTable.TABLE_FULL) { v.drop(i, Drop.TABLE_FULL); continue; }
            m.conn(h, f.connRef);
            boolean ft = f.connRef >= 0 && (f.connState & (ConnStates.ESTABLISHED | ConnStates.RELATED)) != 0 && f.connFasttrack;
            m.connInfo(h, ConnInfo.withType(ConnInfo.encode(f.connState, f.connDir == 1, f.natState, ft), f.connType, f.helper));
            m.connMark(h, f.connMark);
            v.next(i, 0);
        }
        // swept even while not tracking: connections left from before run out on their timeouts
        sweepShard = (sweepShard + 1) & (table.shardCount() - 1);
        table.sweep(sweepShard, ctx.now(), SWEEP_BUDGET);
    }
}
