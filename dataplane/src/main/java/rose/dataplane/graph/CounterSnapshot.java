package rose.dataplane.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable copy of per-node counters: calls (vectors), packets, and drops per reason.
 * Snapshots of several workers can be {@link #merge}d for a router-wide view.
 */
public final class CounterSnapshot {
    /** One node's counters; {@code drops} maps reason id to count. */
    public record NodeCounters(String node, long vectors, long packets, Map<String, Long> drops) {
        public NodeCounters {
            drops = Map.copyOf(drops);
        }

        public long totalDrops() {
            long t = 0;
            for (long v : drops.values()) t += v;
            return t;
        }
    }

    private final List<NodeCounters> nodes;

    public CounterSnapshot(List<NodeCounters> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    public List<NodeCounters> nodes() { return nodes; }

    public NodeCounters node(String name) {
        for (NodeCounters n : nodes) if (n.node().equals(name)) return n;
        return null;
    }

    /** Packets a node has seen (0 if the node does not exist). */
    public long packets(String node) {
        NodeCounters n = node(node);
        return n == null ? 0 : n.packets();
    }

    /** Drops counted as {@code node.reason} (0 if unknown). */
    public long drops(String node, String reason) {
        NodeCounters n = node(node);
        if (n == null) return 0;
        Long v = n.drops().get(reason);
        return v == null ? 0 : v;
    }

    /** Flat {@code node.reason -> count} of non-zero drops, for diagnostics. */
    public Map<String, Long> nonZeroDrops() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (NodeCounters n : nodes)
            n.drops().forEach((r, c) -> { if (c != 0) m.put(n.node() + "." + r, c); });
        return m;
    }

    /** Sums per node name; nodes present in either appear. */
    public CounterSnapshot merge(CounterSnapshot o) {
        Map<String, NodeCounters> m = new LinkedHashMap<>();
        for (NodeCounters n : nodes) m.put(n.node(), n);
        for (NodeCounters n : o.nodes) {
            NodeCounters a = m.get(n.node());
            if (a == null) { m.put(n.node(), n); continue; }
            Map<String, Long> d = new LinkedHashMap<>(a.drops());
            n.drops().forEach((r, c) -> d.merge(r, c, Long::sum));
            m.put(n.node(), new NodeCounters(n.node(), a.vectors() + n.vectors(), a.packets() + n.packets(), d));
        }
        return new CounterSnapshot(List.copyOf(m.values()));
    }
}
