package rose.dataplane.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes supplied for flow points (firewall, conntrack, NAT), plus any auxiliary
 * nodes they send to by name. Given to the graph at build time; immutable.
 *
 * <pre>
 * FlowHooks hooks = FlowHooks.builder()
 *     .at(FlowPoint.CONNTRACK_PREROUTING, () -> new ConntrackNode(table))
 *     .at(FlowPoint.FILTER_FORWARD, () -> new FilterNode("fw-filter-forward", program))
 *     .build();
 * </pre>
 */
public final class FlowHooks {
    public static final FlowHooks NONE = builder().build();

    private final Map<FlowPoint, NodeFactory> points;
    private final List<NodeFactory> extras;
    private final List<Poller> pollers;
    private final EspSteering steering;

    /**
     * Work a hook offers every worker of the router once per poll, outside the graph run (e.g. a
     * share of another worker's crypto). Shared by all workers: it must be thread-safe.
     */
    @FunctionalInterface
    public interface Poller {
        /** Does some work on the calling worker's thread; returns how much (0 = nothing to do). */
        int poll(WorkerContext ctx);

        /** Whether work is waiting (an idle worker then does not go to sleep). */
        default boolean pending() { return false; }
    }

    /**
     * Receive-side steering of ESP by SPI, as a NIC's RSS (or an ntuple rule) queues an SA's ESP
     * to one CPU: the worker that must receive ESP with this SPI to this destination (a per-CPU
     * SA's own), or -1 to let the flow hash decide. Called by the worker that polls a port, for
     * each ESP frame, so it must be cheap and thread-safe.
     */
    @FunctionalInterface
    public interface EspSteering {
        EspSteering NONE = (spi, dst) -> -1;

        int worker(int spi, int dst);
    }

    private FlowHooks(Map<FlowPoint, NodeFactory> points, List<NodeFactory> extras, List<Poller> pollers, EspSteering steering) {
        this.points = Collections.unmodifiableMap(new EnumMap<>(points));
        this.extras = List.copyOf(extras);
        this.pollers = List.copyOf(pollers);
        this.steering = steering;
    }

    public static Builder builder() { return new Builder(); }

    public NodeFactory at(FlowPoint p) { return points.get(p); }
    public Map<FlowPoint, NodeFactory> points() { return points; }
    public List<NodeFactory> extras() { return extras; }
    public List<Poller> pollers() { return pollers; }
    public EspSteering steering() { return steering; }

    public static final class Builder {
        private final Map<FlowPoint, NodeFactory> points = new EnumMap<>(FlowPoint.class);
        private final List<NodeFactory> extras = new ArrayList<>();
        private final List<Poller> pollers = new ArrayList<>();
        private EspSteering steering = EspSteering.NONE;

        /** Plugs a node in at a flow point (one per point; a later call replaces). */
        public Builder at(FlowPoint p, NodeFactory f) { points.put(p, f); return this; }

        /** A node reachable only by name from hook nodes (e.g. a reject/ICMP generator). */
        public Builder extra(NodeFactory f) { extras.add(f); return this; }

        /** Work every worker runs once per poll (see {@link Poller}). */
        public Builder poller(Poller p) { pollers.add(p); return this; }

        /** Where ESP is received, by SPI (see {@link EspSteering}; one per router, a later call replaces). */
        public Builder steering(EspSteering s) { steering = s; return this; }

        public FlowHooks build() { return new FlowHooks(points, extras, pollers, steering); }
    }
}
