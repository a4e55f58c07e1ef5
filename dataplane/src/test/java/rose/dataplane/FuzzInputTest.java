package rose.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.l2.Arp;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.MemoryWire;

/**
 * Mutated frames (valid Ethernet/IPv4/ICMP/ARP, then random bytes flipped and lengths cut)
 * never throw out of the graph and never leak a buffer: every decoder of network bytes
 * checks before it reads.
 */
class FuzzInputTest {
    @Test
    void mutatedFramesAreDroppedOrHandledWithoutExceptionsOrLeaks() {
        ManualClock clock = new ManualClock();
        Router r = new Router("fuzz", RouterOptions.DEFAULT.withClock(clock).withBuffers(512));
        long mac = Ethernet.local(1);
        MemoryWire w = MemoryWire.connect("ether1", mac, "probe", Ethernet.local(2));
        MemoryWire w2 = MemoryWire.connect("ether2", Ethernet.local(3), "sink", Ethernet.local(4));
        r.attach("ether1", w.a());
        r.attach("ether2", w2.a());
        r.apply(RouterConfig.builder().iface("ether1").iface("ether2").address("ether1", "10.0.0.1/24")
                .address("ether2", "10.0.1.1/24").route(RouteConfig.via("0.0.0.0/0", "10.0.1.2")).build());
        PacketPool probe = new PacketPool(64, 2176, 128);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            byte[] f = seed(rnd, mac);
            int flips = rnd.nextInt(4);
            for (int k = 0; k < flips; k++) f[rnd.nextInt(f.length)] = (byte) rnd.nextInt(256);
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(f.length + 1) : f.length;
            int h = probe.allocCopy(f, 0, len);
            w.b().transmit(probe, new int[] {h}, 1, clock.now());
            probe.free(h);
            r.poll();
            if (i % 100 == 0) { drain(w, probe, clock); drain(w2, probe, clock); }
        }
        clock.advance(10_000_000_000L); // expire held packets and ARP entries
        r.poll();
        clock.advance(10_000_000_000L);
        r.poll();
        assertEquals(512, r.freeBuffers(), "no buffer leaked: " + r.counters().nonZeroDrops());
        assertEquals(0, r.counters().drops("graph", "no-next"));
    }

    private static void drain(MemoryWire w, PacketPool pool, ManualClock clock) {
        rose.dataplane.graph.PacketVector v = new rose.dataplane.graph.PacketVector();
        do {
            v.clear();
            w.b().receive(pool, v, clock.now());
            for (int i = 0; i < v.size(); i++) pool.free(v.handle(i));
        } while (v.size() > 0);
    }

    private static byte[] seed(SplittableRandom rnd, long mac) {
        switch (rnd.nextInt(3)) {
            case 0: {
                byte[] f = new byte[60];
                Arp.writeRequest(f, 0, Ethernet.local(2), Pkt.ip("10.0.0.9"), Pkt.ip("10.0.0.1"));
                return f;
            }
            case 1: {
                byte[] p = Pkt.echo("10.0.0.9", rnd.nextBoolean() ? "10.0.0.1" : "8.8.8.8", 1, rnd.nextInt(1000), 28 + rnd.nextInt(1400), 1 + rnd.nextInt(3), rnd.nextBoolean());
                return frame(mac, p);
            }
            default: {
                byte[] p = Pkt.udp("10.0.0.9", "10.0.1.77", 1, 2, 28 + rnd.nextInt(200));
                if (rnd.nextBoolean()) { p[0] = (byte) (0x40 | rnd.nextInt(16)); }
                return frame(mac, p);
            }
        }
    }

    private static byte[] frame(long dst, byte[] ip) {
        byte[] f = new byte[14 + ip.length];
        Bytes.put48(f, 0, dst);
        Bytes.put48(f, 6, Ethernet.local(2));
        Bytes.put16(f, 12, Ethernet.TYPE_IP4);
        System.arraycopy(ip, 0, f, 14, ip.length);
        return f;
    }
}
