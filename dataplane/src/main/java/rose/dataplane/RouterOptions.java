package rose.dataplane;

import java.util.function.LongSupplier;

import rose.dataplane.graph.FlowHooks;
import rose.dataplane.ip4.LocalDelivery;

/**
 * How a {@link Router} is built: the firewall/conntrack nodes for the flow points, where
 * local traffic goes, the clock (a {@link ManualClock} makes step-mode tests
 * deterministic), the number of packet buffers (per worker) and of workers (threads that each
 * own a graph instance, a pool and an ARP table; received frames are spread over them by
 * {@link FlowHash}).
 */
public record RouterOptions(FlowHooks hooks, LocalDelivery delivery, LongSupplier clock, int buffers, int workers) {
    public static final RouterOptions DEFAULT = new RouterOptions(FlowHooks.NONE, LocalDelivery.DISCARD, System::nanoTime, 4096, 1);
    /** More workers than this is a configuration mistake, not a machine (ids must fit the handoff tables). */
    public static final int MAX_WORKERS = 64;

    public RouterOptions {
        if (workers < 1 || workers > MAX_WORKERS) throw new IllegalArgumentException("workers " + workers + " is outside 1.." + MAX_WORKERS);
    }

    public RouterOptions(FlowHooks hooks, LocalDelivery delivery, LongSupplier clock, int buffers) {
        this(hooks, delivery, clock, buffers, 1);
    }

    public RouterOptions withHooks(FlowHooks h) { return new RouterOptions(h, delivery, clock, buffers, workers); }
    public RouterOptions withDelivery(LocalDelivery d) { return new RouterOptions(hooks, d, clock, buffers, workers); }
    public RouterOptions withClock(LongSupplier c) { return new RouterOptions(hooks, delivery, c, buffers, workers); }
    public RouterOptions withBuffers(int n) { return new RouterOptions(hooks, delivery, clock, n, workers); }
    /** Dataplane worker threads (1 = today's single loop); see {@link Router}. */
    public RouterOptions withWorkers(int n) { return new RouterOptions(hooks, delivery, clock, buffers, n); }
}
