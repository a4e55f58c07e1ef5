package rose.dataplane.ip4;

import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.WorkerContext;

/** Where local traffic leaves the graph: hands each packet to {@link LocalDelivery}, then frees it. */
public final class PuntHostNode implements Node {
    public static final String NAME = "punt-host";

    private final LocalDelivery delivery;

    public PuntHostNode(LocalDelivery delivery) { this.delivery = delivery; }

    @Override public String name() { return NAME; }

    @Override
    public void process(WorkerContext ctx, PacketVector v) {
        for (int i = 0, n = v.size(); i < n; i++) {
            int h = v.handle(i);
            delivery.deliver(ctx.pool(), h);
            ctx.pool().free(h);
            v.consume(i);
        }
    }
}
