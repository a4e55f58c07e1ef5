package rose.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketPool;
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
        ProbedRouter net = new ProbedRouter(r);
        long mac = net.mac;
        MemoryWire w = net.probe;
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
            if (i % 100 == 0) net.drain(probe, clock.now());
        }
        clock.advance(10_000_000_000L); // expire held packets and ARP entries
        r.poll();
        clock.advance(10_000_000_000L);
        r.poll();
        assertEquals(512, r.freeBuffers(), "no buffer leaked: " + r.counters().nonZeroDrops());
        assertEquals(0, r.counters().drops("graph", "no-next"));
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
