package rose.dataplane.trafficgen;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.PacketPool;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.port.Port;
import rose.dataplane.port.PortStats;

/** The generator's port on a wire that echoes what it sends after a delay, with optional damage and reordering. */
class TrafficGenPortTest {
    static final long MS = 1_000_000L;

    /** A wire that hands back every frame {@code delay} ns after it was sent; answers ARP for any address. */
    static final class EchoWire implements Port {
        record Frame(long due, byte[] bytes) {}
        final ArrayDeque<Frame> inFlight = new ArrayDeque<>();
        final long delay;
        boolean damageIpChecksum, swapPairs;
        int arpRequests;

        EchoWire(long delay) { this.delay = delay; }

        @Override public String name() { return "ether1"; }
        @Override public long mac() { return 0x02_00_00_00_00_01L; }
        @Override public int mtu() { return 1500; }
        @Override public int l2mtu() { return 1592; }
        @Override public PortStats stats() { return PortStats.ZERO; }

        @Override public void transmit(PacketPool pool, int[] hs, int count, long now) {
            for (int i = 0; i < count; i++) {
                int h = hs[i];
                byte[] f = java.util.Arrays.copyOfRange(pool.arena(), pool.meta().start(h), pool.meta().start(h) + pool.meta().length(h));
                if (f[12] == 0x08 && f[13] == 0x06) {       // ARP request: reply as 02:..:99 for the asked address
                    arpRequests++;
                    byte[] r = f.clone();
                    r[21] = 2;
                    System.arraycopy(f, 38, r, 28, 4);
                    for (int k = 0; k < 6; k++) r[22 + k] = (byte) (k == 0 ? 2 : k == 5 ? 0x99 : 0);
                    inFlight.add(new Frame(now, r));
                    continue;
                }
                if (damageIpChecksum) f[14 + 10] ^= 0x55;
                inFlight.add(new Frame(now + delay, f));
            }
        }

        @Override public int receive(PacketPool pool, PacketVector into, long now) {
            int n = 0;
            if (swapPairs && inFlight.size() >= 2 && inFlight.peek().due() <= now) {
                Frame a = inFlight.poll(), b = inFlight.poll();
                inFlight.addFirst(a);
                inFlight.addFirst(b);
            }
            while (!inFlight.isEmpty() && inFlight.peek().due() <= now && !into.isFull()) {
                byte[] f = inFlight.poll().bytes();
                into.add(pool.allocCopy(f, 0, f.length));
                n++;
            }
            return n;
        }
    }

    static TgTemplate template(long macDst) {
        return new TgTemplate("t1", List.of(TgTemplate.Header.MAC, TgTemplate.Header.IP, TgTemplate.Header.UDP), -1, macDst, 1, 0,
                0x0a000102, 0x0a000202, 0x0a000101, 17, 64, 0, 0, 1000, 7000, TgTemplate.Data.INCREMENTING, 0);
    }

    /** Polls like a worker every {@code step} ns until {@code until}; returns frames passed on to the graph. */
    static int drive(TrafficGenPort p, PacketPool pool, long from, long until, long step) {
        PacketVector v = new PacketVector();
        int passed = 0;
        for (long t = from; t <= until; t += step) {
            v.clear();
            passed += p.receive(pool, v, t);
            for (int i = 0; i < v.size(); i++) pool.free(v.handle(i));
        }
        return passed;
    }

    @Test
    void pacesResolvesByArpAndMeasuresLatency() {
        EchoWire wire = new EchoWire(250_000);               // 250 us each way round
        PacketPool pool = new PacketPool(512, PacketPool.DEFAULT_BUFFER_SIZE, PacketPool.DEFAULT_HEADROOM);
        TgRun run = new TgRun(7, List.of(new TgStream(2, "s", "ether1", template(-1), 1000, 60, 60, 0)));
        TrafficGenPort p = new TrafficGenPort(wire, run, "ether1");
        assertFalse(p.resolved());
        int passed = drive(p, pool, 0, 10 * MS, MS);
        assertTrue(p.resolved(), "the ARP reply gave the stream its next hop's MAC");
        assertEquals(1, wire.arpRequests, "one request, answered");
        assertEquals(1, passed, "the ARP reply itself still goes to the graph");
        assertEquals(0, run.counters(2).sample(0, false).txPackets(), "nothing is sent before the test begins");
        run.begin(10 * MS, 1010 * MS);
        drive(p, pool, 10 * MS, 1100 * MS, 100_000);
        TgSample s = run.counters(2).sample(1100 * MS, false);
        assertEquals(1000, s.txPackets(), "1 s at 1000 pps");
        assertEquals(1000, s.rxPackets());
        assertEquals(60_000, s.txBytes());
        assertEquals(300_000, s.latencyMin(), "the wire's 250 us, seen at the next 100 us poll");
        assertEquals(300_000, s.latencyMax());
        assertEquals(0, s.jitter(), "a constant delay has no jitter");
        assertEquals(0, s.rxOoo());
        assertEquals(pool.capacity(), pool.available(), "every buffer back in the pool");
    }

    @Test
    void countsReorderingAndDamageSeparately() {
        EchoWire wire = new EchoWire(0);
        PacketPool pool = new PacketPool(512, PacketPool.DEFAULT_BUFFER_SIZE, PacketPool.DEFAULT_HEADROOM);
        TgRun run = new TgRun(1, List.of(new TgStream(0, "s", "ether1", template(0x02_00_00_00_00_99L), 0, 64, 64, 100)));
        TrafficGenPort p = new TrafficGenPort(wire, run, "ether1");
        assertTrue(p.resolved(), "mac-dst given: nothing to resolve");
        run.begin(0, Long.MAX_VALUE);
        wire.swapPairs = true;
        drive(p, pool, 0, 5 * MS, MS);
        TgSample s = run.counters(0).sample(5 * MS, false);
        assertEquals(100, s.txPackets(), "packet-count stops the stream");
        assertEquals(100, s.rxPackets());
        assertTrue(s.rxOoo() > 0, "swapped pairs are out of order");
        wire.swapPairs = false;
        wire.damageIpChecksum = true;
        TgRun run2 = new TgRun(1, List.of(new TgStream(0, "s", "ether1", template(0x02_00_00_00_00_99L), 0, 64, 64, 10)));
        TrafficGenPort p2 = new TrafficGenPort(wire, run2, "ether1");
        run2.begin(0, Long.MAX_VALUE);
        drive(p2, pool, 0, 3 * MS, MS);
        TgSample d = run2.counters(0).sample(3 * MS, false);
        assertEquals(10, d.rxBadCsum());
        assertEquals(0, d.rxPackets(), "a damaged frame is not a received one");
        assertEquals(10, d.lost());
    }

    @Test
    void framesOfAnotherTestIdAreLeftToTheRouter() {
        EchoWire wire = new EchoWire(0);
        PacketPool pool = new PacketPool(256, PacketPool.DEFAULT_BUFFER_SIZE, PacketPool.DEFAULT_HEADROOM);
        TgRun sender = new TgRun(1, List.of(new TgStream(0, "s", "ether1", template(0x02_00_00_00_00_99L), 0, 60, 60, 5)));
        TgRun other = new TgRun(2, List.of(new TgStream(0, "s", "ether1", template(0x02_00_00_00_00_99L), 0, 60, 60, 5)));
        TrafficGenPort tx = new TrafficGenPort(wire, sender, "ether1");
        sender.begin(0, Long.MAX_VALUE);
        drive(tx, pool, 0, 0, 1);                             // sends 5; the echo is due now
        TrafficGenPort rx = new TrafficGenPort(wire, other, "ether2");
        assertEquals(5, drive(rx, pool, 1, 1, 1), "test-id 2 does not claim test 1's frames");
        assertEquals(0, other.counters(0).sample(1, false).rxPackets());
    }

    @Test
    void locateNeverReadsOutsideTheFrame() {
        Random r = new Random(42);
        byte[] a = new byte[4096];
        for (int i = 0; i < 200_000; i++) {
            int len = r.nextInt(120);
            int off = r.nextInt(a.length - len);
            for (int k = off; k < off + len; k++) a[k] = (byte) r.nextInt(256);
            if (r.nextBoolean()) { a[off + 12 < a.length ? off + 12 : off] = 0x08; if (off + 13 < a.length) a[off + 13] = 0; }
            if (r.nextInt(4) == 0 && off + 14 < a.length) a[off + 14] = 0x45;
            int sig = TgSignature.locate(a, off, len);
            assertTrue(sig == -1 || (sig >= off + 34 && sig + TgSignature.LENGTH <= off + len), "sig " + sig + " off " + off + " len " + len);
        }
    }

    @Test
    void sequenceNumbersExtendAcrossTheWrap() {
        assertEquals(5, TgCounters.extend(-1, 5));
        assertEquals(0x1_0000_0002L, TgCounters.extend(0xffff_fff0L, 2), "a wrap forward");
        assertEquals(0xffff_fff0L, TgCounters.extend(0x1_0000_0002L, 0xffff_fff0), "a late frame from before the wrap");
    }
}
