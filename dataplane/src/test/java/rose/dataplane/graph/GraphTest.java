package rose.dataplane.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.PacketPool;

class GraphTest {
    /** Records the handles it sees and consumes them. */
    static final class Sink implements Node {
        final String name;
        final List<Integer> seen = new ArrayList<>();
        Sink(String name) { this.name = name; }
        @Override public String name() { return name; }
        @Override public void process(WorkerContext ctx, PacketVector v) {
            for (int i = 0; i < v.size(); i++) { seen.add(v.handle(i)); ctx.pool().free(v.handle(i)); v.consume(i); }
        }
    }

    /** Sends even handles on, drops odd ones as BAD, leaves handle 4 unset. */
    static final class Splitter implements Node {
        enum Drop implements DropReason { BAD }
        private final List<String> nexts;
        Splitter(List<String> nexts) { this.nexts = nexts; }
        @Override public String name() { return "splitter"; }
        @Override public List<String> nexts() { return nexts; }
        @Override public List<Drop> drops() { return List.of(Drop.values()); }
        @Override public void process(WorkerContext ctx, PacketVector v) {
            for (int i = 0; i < v.size(); i++) {
                int h = v.handle(i);
                if (h == 4) continue;
                if (h % 2 == 1) v.drop(i, Drop.BAD); else v.next(i, 0);
            }
        }
    }

    @Test
    void dispatchesCountsDropsAndCatchesUnsetSlots() {
        PacketPool pool = new PacketPool(64, 256, 64);
        WorkerContext ctx = new WorkerContext(0, pool);
        Sink sink = new Sink("sink");
        Graph g = new GraphBuilder().add(new Splitter(List.of("sink"))).add(sink).build();
        for (int i = 0; i < 10; i++) g.enqueue(ctx, g.nodeId("splitter"), pool.alloc());
        g.run(ctx);
        assertEquals(List.of(0, 2, 6, 8), sink.seen);
        CounterSnapshot c = g.counters();
        assertEquals(5, c.drops("splitter", "bad"));
        assertEquals(1, c.drops("graph", "no-next"));
        assertEquals(10, c.packets("splitter"));
        assertEquals(6, c.packets("error-drop"));
        assertEquals(64, pool.available(), "every buffer back in the pool");
        assertEquals("splitter.bad", g.dropName(pool.meta().drop(1)));
    }

    @Test
    void moreThanOneVectorOfPacketsFlowsInFrames() {
        PacketPool pool = new PacketPool(1000, 128, 32);
        WorkerContext ctx = new WorkerContext(0, pool);
        Sink sink = new Sink("sink");
        Graph g = new GraphBuilder().add(new Splitter(List.of("sink"))).add(sink).build();
        for (int i = 0; i < 1000; i++) g.enqueue(ctx, g.nodeId("sink"), pool.alloc());
        g.run(ctx);
        assertEquals(1000, sink.seen.size());
        assertEquals(4, g.counters().node("sink").vectors(), "256 + 256 + 256 + 232");
    }

    /** A hook node: forwards everything to whatever follows its flow point. */
    static final class Hook implements Node {
        final String name;
        int packets;
        Hook(String name) { this.name = name; }
        @Override public String name() { return name; }
        @Override public List<String> nexts() { return List.of(FlowPoint.CONTINUE); }
        @Override public void process(WorkerContext ctx, PacketVector v) {
            packets += v.size();
            for (int i = 0; i < v.size(); i++) v.next(i, 0);
        }
    }

    @Test
    void emptyFlowPointsAreSkippedAndSuppliedOnesAreSpliced() {
        PacketPool pool = new PacketPool(16, 128, 32);
        WorkerContext ctx = new WorkerContext(0, pool);
        Sink lookup = new Sink("ip4-lookup");
        // without hooks: prerouting anchor resolves straight to ip4-lookup
        Graph plain = new GraphBuilder().add(new Splitter(List.of(FlowPoint.RAW_PREROUTING.anchor()))).add(lookup).build();
        plain.enqueue(ctx, plain.nodeId("splitter"), pool.alloc());
        plain.run(ctx);
        assertEquals(1, lookup.seen.size());

        Hook ct = new Hook("conntrack");
        Hook dst = new Hook("nat-dstnat");
        Sink lookup2 = new Sink("ip4-lookup");
        FlowHooks hooks = FlowHooks.builder()
                .at(FlowPoint.CONNTRACK_PREROUTING, () -> ct)
                .at(FlowPoint.DSTNAT, () -> dst).build();
        Graph g = new GraphBuilder().add(new Splitter(List.of(FlowPoint.RAW_PREROUTING.anchor()))).add(lookup2).hooks(hooks).build();
        g.enqueue(ctx, g.nodeId("splitter"), pool.alloc());
        g.run(ctx);
        assertEquals(1, ct.packets);
        assertEquals(1, dst.packets);
        assertEquals(1, lookup2.seen.size());
    }

    /** Sends every packet to its one next, except handle {@code skip}, whose slot it forgets. */
    static final class Relay implements Node {
        final String name, to;
        final int skip;
        Relay(String name, String to, int skip) { this.name = name; this.to = to; this.skip = skip; }
        @Override public String name() { return name; }
        @Override public List<String> nexts() { return List.of(to); }
        @Override public void process(WorkerContext ctx, PacketVector v) {
            for (int i = 0; i < v.size(); i++) if (v.handle(i) != skip) v.next(i, 0);
        }
    }

    @Test
    void aWholeVectorIsHandedOnAndTheNextNodeStillMustSetEverySlot() {
        PacketPool pool = new PacketPool(600, 128, 32);
        WorkerContext ctx = new WorkerContext(0, pool);
        Sink sink = new Sink("sink");
        // a -> b hands the frame over whole; b forgets handle 7, which must not ride on a's next
        Graph g = new GraphBuilder().add(new Relay("a", "b", -1)).add(new Relay("b", "sink", 7)).add(sink).build();
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < 600; i++) { int h = pool.alloc(); sent.add(h); g.enqueue(ctx, g.nodeId("a"), h); }
        g.run(ctx);
        List<Integer> expected = new ArrayList<>(sent);
        expected.remove(Integer.valueOf(7));
        assertEquals(expected, sink.seen, "order kept across handed-on and merged frames");
        CounterSnapshot c = g.counters();
        assertEquals(1, c.drops("graph", "no-next"));
        assertEquals(600, c.packets("b"));
        assertEquals(3, c.node("b").vectors(), "256 + 256 + 88: frames moved whole");
        assertEquals(600, pool.available(), "every buffer back in the pool, no frame lost");
    }

    @Test
    void unknownNextFailsAtBuildTime() {
        assertThrows(IllegalStateException.class, () -> new GraphBuilder().add(new Splitter(List.of("nowhere"))).build());
    }
}
