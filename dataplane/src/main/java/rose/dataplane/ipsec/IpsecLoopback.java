package rose.dataplane.ipsec;

import java.util.List;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.FlowHooks;
import rose.dataplane.graph.Graph;
import rose.dataplane.graph.GraphBuilder;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.dataplane.ip4.Ip4;

/**
 * One worker's IPsec nodes back to back, for benchmarks: {@code ipsec4-output-policy} →
 * {@code esp4-encrypt} → (as if received) {@code ipsec4-input} → {@code esp4-decrypt} → a counting
 * sink. The backend must hold an SA, an OUT policy using it and an IN policy accepting it (the SA
 * is found again by SPI and destination on the way in, so one SA serves both directions).
 */
public final class IpsecLoopback {
    private final PacketPool pool = new PacketPool(1024, PacketPool.DEFAULT_BUFFER_SIZE, PacketPool.DEFAULT_HEADROOM);
    private final WorkerContext ctx = new WorkerContext(0, pool);
    private final Graph graph;
    private final int policyNode;
    private long delivered;

    /** Stand-in for ip4-output: the ESP packet goes straight to the receive side. */
    private static final class Loop implements Node {
        @Override public String name() { return "ip4-output"; }
        @Override public List<String> nexts() { return List.of(Ipsec4InputNode.NAME); }
        @Override public void process(WorkerContext ctx, PacketVector v) { for (int i = 0; i < v.size(); i++) v.next(i, 0); }
    }

    private final class Sink implements Node {
        private final String name;
        Sink(String name) { this.name = name; }
        @Override public String name() { return name; }
        @Override public void process(WorkerContext ctx, PacketVector v) {
            for (int i = 0; i < v.size(); i++) {
                if (name.equals("ip4-input")) delivered++;
                ctx.pool().free(v.handle(i));
                v.consume(i);
            }
        }
    }

    public IpsecLoopback(DataplaneIpsecBackend backend) {
        GraphBuilder b = new GraphBuilder().add(new Loop());
        for (String n : List.of("ip4-input", "ip4-local", "ip4-icmp-error", "ip4-rewrite")) b.add(new Sink(n));
        graph = b.hooks(backend.hooks(FlowHooks.NONE)).frames(64).build();
        policyNode = graph.nodeId(Ipsec4OutputPolicyNode.NAME);
    }

    /** Sends {@code count} copies of an inner IPv4 datagram through encrypt and decrypt as one vector. */
    public void run(byte[] inner, int count) {
        PacketMeta m = pool.meta();
        for (int k = 0; k < count; k++) {
            int h = pool.allocCopy(inner, 0, inner.length);
            if (h == PacketPool.NO_HANDLE) throw new IllegalStateException("pool exhausted: buffers leak");
            m.l3(h, m.start(h));
            m.l4(h, m.start(h) + Ip4.headerLength(inner, 0));
            graph.enqueue(ctx, policyNode, h);
        }
        graph.run(ctx);
    }

    /** Inner packets that came out of esp4-decrypt so far. */
    public long delivered() { return delivered; }

    public java.util.Map<String, Long> drops() { return graph.counters().nonZeroDrops(); }
}
