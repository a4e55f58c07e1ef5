package rose.dataplane;

import java.util.function.LongSupplier;

import rose.dataplane.graph.FlowHooks;
import rose.dataplane.ip4.LocalDelivery;

/**
 * How a {@link Router} is built: the firewall/conntrack nodes for the flow points, where
 * local traffic goes, the clock (a {@link ManualClock} makes step-mode tests
 * deterministic), the number of packet buffers (per worker), of workers (threads that each
 * own a graph instance, a pool and an ARP table; received frames are spread over them by
 * {@link FlowHash}) and of neighbour (ARP) entries each worker's table holds.
 */
public record RouterOptions(FlowHooks hooks, LocalDelivery delivery, LongSupplier clock, int buffers, int workers, int neighbours) {
    /** Linux's default {@code gc_thresh3}. */
    static final int DEFAULT_NEIGHBOURS = 1024;
    public static final RouterOptions DEFAULT = new RouterOptions(FlowHooks.NONE, LocalDelivery.DISCARD, System::nanoTime, 4096, 1, DEFAULT_NEIGHBOURS);
    /** More workers than this is a configuration mistake, not a machine (ids must fit the handoff tables). */
    public static final int MAX_WORKERS = 64;

    public RouterOptions {
        if (workers < 1 || workers > MAX_WORKERS) throw new IllegalArgumentException("workers " + workers + " is outside 1.." + MAX_WORKERS);
        if (neighbours < 1) throw new IllegalArgumentException("neighbours " + neighbours);
    }

    public RouterOptions(FlowHooks hooks, LocalDelivery delivery, LongSupplier clock, int buffers) {
        this(hooks, delivery, clock, buffers, 1, DEFAULT_NEIGHBOURS);
    }

    public RouterOptions withHooks(FlowHooks h) { return new RouterOptions(h, delivery, clock, buffers, workers, neighbours); }
    public RouterOptions withDelivery(LocalDelivery d) { return new RouterOptions(hooks, d, clock, buffers, workers, neighbours); }
    public RouterOptions withClock(LongSupplier c) { return new RouterOptions(hooks, delivery, c, buffers, workers, neighbours); }
    public RouterOptions withBuffers(int n) { return new RouterOptions(hooks, delivery, clock, n, workers, neighbours); }
    /** Dataplane worker threads (1 = today's single loop); see {@link Router}. */
    public RouterOptions withWorkers(int n) { return new RouterOptions(hooks, delivery, clock, buffers, n, neighbours); }
    /** Neighbour entries per worker (RouterOS {@code max-neighbor-entries}, from the board's RAM). */
    public RouterOptions withNeighbours(int n) { return new RouterOptions(hooks, delivery, clock, buffers, workers, n); }
}
