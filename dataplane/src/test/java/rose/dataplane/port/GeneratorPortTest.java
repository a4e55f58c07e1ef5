package rose.dataplane.port;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;

class GeneratorPortTest {
    @Test
    void eachBatchTakesTheNextTemplateAndStatsCountFramesAndBytes() {
        PacketPool pool = new PacketPool(64, 256, 64);
        GeneratorPort g = new GeneratorPort("ether1", 1, new byte[][] {new byte[60], new byte[100]}, 4);
        PacketVector v = new PacketVector();
        assertEquals(4, g.receive(pool, v, 0));
        assertEquals(4, g.receive(pool, v, 0));
        assertEquals(60, pool.meta().length(v.handle(0)));
        assertEquals(100, pool.meta().length(v.handle(4)));
        g.transmit(pool, new int[] {v.handle(0), v.handle(4)}, 2, 0);
        PortStats s = g.stats();
        assertEquals(8, s.rxPackets());
        assertEquals(4 * 60 + 4 * 100, s.rxBytes());
        assertEquals(2, s.txPackets());
        assertEquals(160, s.txBytes());
    }

    @Test
    void aSinkNeverReceivesAndCountsWhatItIsGiven() {
        PacketPool pool = new PacketPool(8, 256, 64);
        GeneratorPort sink = GeneratorPort.sink("ether2", 2);
        PacketVector v = new PacketVector();
        assertEquals(0, sink.receive(pool, v, 0));
        int h = pool.alloc();
        pool.meta().length(h, 42);
        sink.transmit(pool, new int[] {h}, 1, 0);
        assertEquals(1, sink.transmitted());
        assertEquals(42, sink.stats().txBytes());
    }
}
