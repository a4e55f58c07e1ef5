package rose.dataplane;

import java.util.function.LongSupplier;

import rose.dataplane.graph.FlowHooks;
import rose.dataplane.ip4.LocalDelivery;

/**
 * How a {@link Router} is built: the firewall/conntrack nodes for the flow points, where
 * local traffic goes, the clock (a {@link ManualClock} makes step-mode tests
 * deterministic) and the number of packet buffers.
 */
public record RouterOptions(FlowHooks hooks, LocalDelivery delivery, LongSupplier clock, int buffers) {
    public static final RouterOptions DEFAULT = new RouterOptions(FlowHooks.NONE, LocalDelivery.DISCARD, System::nanoTime, 4096);

    public RouterOptions withHooks(FlowHooks h) { return new RouterOptions(h, delivery, clock, buffers); }
    public RouterOptions withDelivery(LocalDelivery d) { return new RouterOptions(hooks, d, clock, buffers); }
    public RouterOptions withClock(LongSupplier c) { return new RouterOptions(hooks, delivery, c, buffers); }
    public RouterOptions withBuffers(int n) { return new RouterOptions(hooks, delivery, clock, n); }
}
