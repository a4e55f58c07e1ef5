package rose.dataplane.ip4;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.CounterSnapshot;
import rose.dataplane.graph.Graph;
import rose.dataplane.graph.GraphBuilder;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;

/**
 * Runs one node in isolation: every other core node is replaced by a sink that records the
 * handles it receives, so a test sees exactly where the node under test sent each packet.
 */
final class NodeHarness {
    static final List<String> CORE = List.of("ethernet-input", "arp-input", "ip4-input", "ip4-lookup", "ip4-forward",
            "ip4-local", "ip4-icmp-echo", "ip4-icmp-error", "ip4-output", "ip4-reroute", "ip4-rewrite", "ip4-frag",
            "interface-output", "punt-host", "ip4-reassembly");

    final PacketPool pool = new PacketPool(256, 2176, 128);
    final PacketMeta meta = pool.meta();
    final WorkerContext ctx = new WorkerContext(0, pool);
    final Graph graph;
    final String under;
    private final Map<String, Sink> sinks = new HashMap<>();

    static final class Sink implements Node {
        final String name;
        final List<Integer> got = new ArrayList<>();
        Sink(String name) { this.name = name; }
        @Override public String name() { return name; }
        @Override public void process(WorkerContext ctx, PacketVector v) {
            for (int i = 0; i < v.size(); i++) { got.add(v.handle(i)); v.consume(i); } // keep buffers for inspection
        }
    }

    NodeHarness(Node node) {
        under = node.name();
        GraphBuilder b = new GraphBuilder().add(node);
        for (String n : CORE) {
            if (n.equals(node.name())) continue;
            Sink s = new Sink(n);
            sinks.put(n, s);
            b.add(s);
        }
        graph = b.build();
    }

    /** Loads an IPv4 datagram as if ip4-input had accepted it. */
    int packet(byte[] datagram) {
        int h = pool.allocCopy(datagram, 0, datagram.length);
        meta.l3(h, meta.start(h));
        meta.l4(h, meta.start(h) + ((datagram[0] & 0xf) << 2));
        return h;
    }

    void run(int... handles) {
        for (int h : handles) graph.enqueue(ctx, graph.nodeId(under), h);
        graph.run(ctx);
    }

    List<Integer> at(String node) { return sinks.get(node).got; }

    byte[] bytes(int h) {
        return java.util.Arrays.copyOfRange(pool.arena(), meta.start(h), meta.start(h) + meta.length(h));
    }

    CounterSnapshot counters() { return graph.counters(); }
}
