package rose.dataplane.port;

import java.util.List;

import rose.dataplane.graph.DropReason;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;

/** Hands finished frames to their port's transmit batch (see {@link TxQueues}). */
public final class InterfaceOutputNode implements Node {
    public static final String NAME = "interface-output";

    public enum Drop implements DropReason { NO_PORT }

    private final TxQueues tx;

    public InterfaceOutputNode(TxQueues tx) { this.tx = tx; }

    @Override public String name() { return NAME; }
    @Override public List<Drop> drops() { return List.of(Drop.values()); }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        for (int i = 0, n = v.size(); i < n; i++) {
            if (tx.add(ctx.meta().txIf(v.handle(i)), v.handle(i))) v.consume(i);
            else v.drop(i, Drop.NO_PORT);
        }
    }
}
