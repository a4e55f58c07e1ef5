package rose.dataplane.ipsec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.FlowHooks;
import rose.dataplane.graph.Graph;
import rose.dataplane.graph.GraphBuilder;
import rose.dataplane.graph.Node;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.graph.WorkerContext;
import rose.ipsec.backend.SaId;

/** The five IPsec nodes of one worker with every core node replaced by a recording sink. */
final class IpsecNodeHarness {
    static final List<String> CORE = List.of("ip4-input", "ip4-local", "ip4-icmp-error", "ip4-output", "ip4-rewrite");

    final PacketPool pool = new PacketPool(512, 2176, 128);
    final PacketMeta meta = pool.meta();
    final WorkerContext ctx = new WorkerContext(0, pool);
    final Graph graph;
    final DataplaneIpsecBackend backend;
    private final Map<String, Sink> sinks = new HashMap<>();

    static final class Sink implements Node {
        final String name;
        final List<byte[]> got = new ArrayList<>();
        Sink(String name) { this.name = name; }
        @Override public String name() { return name; }
        @Override public void process(WorkerContext ctx, PacketVector v) {
            PacketMeta m = ctx.meta();
            for (int i = 0; i < v.size(); i++) {
                int h = v.handle(i);
                got.add(Arrays.copyOfRange(ctx.arena(), m.start(h), m.start(h) + m.length(h)));
                ctx.pool().free(h);
                v.consume(i);
            }
        }
    }

    IpsecNodeHarness(DataplaneIpsecBackend backend) {
        this.backend = backend;
        GraphBuilder b = new GraphBuilder();
        for (String n : CORE) {
            Sink s = new Sink(n);
            sinks.put(n, s);
            b.add(s);
        }
        graph = b.hooks(backend.hooks(FlowHooks.NONE)).build();
    }

    IpsecWorker worker() { return backend.workers().get(backend.workers().size() - 1); }

    int packet(byte[] datagram) {
        int h = pool.allocCopy(datagram, 0, datagram.length);
        meta.l3(h, meta.start(h));
        meta.l4(h, meta.start(h) + ((datagram[0] & 0xf) << 2));
        return h;
    }

    /** Runs one packet through esp4-encrypt on the SA, as ipsec4-output-policy would hand it over. */
    void encrypt(SaId sa, byte[] inner) {
        IpsecWorker w = worker();
        IpsecTables t = w.tables();
        int idx = t.indexOf(sa);
        int h = packet(inner);
        meta.aux(h, idx);
        w.inFlight++;
        run("esp4-encrypt", h);
    }

    void run(String node, int... handles) {
        for (int h : handles) graph.enqueue(ctx, graph.nodeId(node), h);
        graph.run(ctx);
    }

    List<byte[]> at(String node) { return sinks.get(node).got; }
}
