package rose.dataplane.ip4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.Pkt;
import rose.dataplane.buffer.Bytes;

class Ip4ReassemblyNodeTest {
    /** Splits a datagram into fragments of {@code chunk} payload bytes (multiple of 8). */
    static byte[][] fragment(byte[] d, int chunk) {
        int payload = d.length - 20, n = (payload + chunk - 1) / chunk;
        byte[][] out = new byte[n][];
        for (int k = 0; k < n; k++) {
            int off = k * chunk, len = Math.min(chunk, payload - off);
            byte[] f = new byte[20 + len];
            System.arraycopy(d, 0, f, 0, 20);
            System.arraycopy(d, 20 + off, f, 20, len);
            Bytes.put16(f, 2, 20 + len);
            Bytes.put16(f, 6, (off >>> 3) | (k < n - 1 ? Ip4.FLAG_MF : 0));
            Ip4.setChecksum(f, 0);
            out[k] = f;
        }
        return out;
    }

    @Test
    void reassemblesOutOfOrderWithDuplicates() {
        NodeHarness h = new NodeHarness(new Ip4ReassemblyNode());
        byte[] whole = Pkt.udp("10.0.0.2", "10.0.0.1", 500, 500, 1700);
        for (int i = 28; i < whole.length; i++) whole[i] = (byte) (i * 13);
        byte[][] f = fragment(whole, 512);
        h.run(h.packet(f[3]), h.packet(f[1]), h.packet(f[1]));
        assertTrue(h.at("ip4-local").isEmpty());
        h.run(h.packet(f[0]), h.packet(f[2]));
        List<Integer> out = h.at("ip4-local");
        assertEquals(1, out.size());
        byte[] r = h.bytes(out.get(0));
        assertEquals(1700, r.length);
        assertTrue(Pkt.headerChecksumOk(r));
        assertEquals(0, Bytes.u16(r, 6) & 0x3fff, "no longer a fragment");
        assertArrayEquals(Arrays.copyOfRange(whole, 20, 1700), Arrays.copyOfRange(r, 20, 1700));
        assertEquals(h.meta.l3(out.get(0)) + 20, h.meta.l4(out.get(0)));
    }

    @Test
    void tooBigAndExpiredDatagramsReleaseTheirBuffers() {
        NodeHarness h = new NodeHarness(new Ip4ReassemblyNode());
        int free = h.pool.available();
        byte[][] big = fragment(Pkt.udp("10.0.0.2", "10.0.0.1", 1, 2, 4000), 1000);
        h.run(h.packet(big[0]), h.packet(big[3]));
        assertEquals(1, h.counters().drops("ip4-reassembly", "too-big"));
        assertEquals(free, h.pool.available(), "a too-big datagram holds nothing");

        h.run(h.packet(fragment(Pkt.udp("10.0.0.3", "10.0.0.1", 1, 2, 1000), 504)[0]));
        assertEquals(free - 1, h.pool.available(), "one datagram in progress holds one buffer");
        h.ctx.now(31_000_000_000L);
        h.run(h.packet(fragment(Pkt.udp("10.0.0.4", "10.0.0.1", 1, 2, 1000), 504)[0]));
        assertEquals(1, h.counters().drops("ip4-reassembly", "timeout"));
        assertEquals(free - 1, h.pool.available(), "the expired datagram gave its buffer back");
    }

    @Test
    void aFloodOfPartialDatagramsHoldsAtMostTheSlotsAndEvictsUnderANamedReason() {
        NodeHarness h = new NodeHarness(new Ip4ReassemblyNode());
        int free = h.pool.available();
        int flood = 5000;
        for (int k = 0; k < flood; k++) {
            byte[] d = Pkt.udp("10.66.0.1", "10.0.0.1", 1, 2, 1000);
            Bytes.put16(d, 4, k);                                  // a new datagram id each time
            Ip4.setChecksum(d, 0);
            h.run(h.packet(fragment(d, 504)[0]));                 // the first fragment only: never completes
            assertTrue(h.pool.available() >= free - Ip4ReassemblyNode.SLOTS, "held buffers are bounded at " + k);
        }
        assertEquals(free - Ip4ReassemblyNode.SLOTS, h.pool.available());
        assertEquals(flood - Ip4ReassemblyNode.SLOTS, h.counters().drops("ip4-reassembly", "evicted"));

        byte[] good = Pkt.udp("10.0.0.2", "10.0.0.1", 500, 500, 1200);
        byte[][] f = fragment(good, 600);
        h.run(h.packet(f[0]), h.packet(f[1]));
        assertEquals(1, h.at("ip4-local").size(), "a datagram whose fragments arrive together still gets through");
        h.pool.free(h.at("ip4-local").get(0));

        h.ctx.now(31_000_000_000L);
        h.run(h.packet(fragment(Pkt.udp("10.0.0.5", "10.0.0.1", 1, 2, 1000), 504)[0]));
        assertEquals(free - 1, h.pool.available(), "after the timeout only the newest partial datagram holds a buffer");
        assertTrue(h.counters().drops("ip4-reassembly", "timeout") >= Ip4ReassemblyNode.SLOTS - 1);
    }
}
