package rose.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.graph.FlowHooks;

/** Software RSS: which worker a frame is steered to. */
class FlowHashTest {
    private static byte[] frame(byte[] ip) {
        byte[] f = new byte[14 + ip.length];
        Bytes.put16(f, 12, 0x0800);
        System.arraycopy(ip, 0, f, 14, ip.length);
        return f;
    }

    private static byte[] esp() {
        byte[] p = Pkt.udp("10.0.1.10", "192.0.2.7", 0, 0, 60);
        p[9] = 50;
        Bytes.put32(p, 20, 0x1234);
        return p;
    }

    private static int worker(byte[] ip, int workers) {
        byte[] f = frame(ip);
        return FlowHash.worker(f, 0, f.length, workers);
    }

    @Test
    void bothDirectionsOfAConnectionLandOnOneWorker() {
        for (int port = 1000; port < 1200; port++) {
            byte[] there = Pkt.udp("10.0.1.10", "192.0.2.7", port, 53, 60);
            byte[] back = Pkt.udp("192.0.2.7", "10.0.1.10", 53, port, 60);
            assertEquals(worker(there, 4), worker(back, 4), "port " + port);
        }
    }

    @Test
    void flowsSpreadOverEveryWorker() {
        int[] per = new int[4];
        for (int port = 0; port < 4000; port++) per[worker(Pkt.udp("10.0.1.10", "192.0.2.7", 10000 + port, 80, 60), 4)]++;
        for (int w = 0; w < 4; w++) assertTrue(per[w] > 800 && per[w] < 1200, "worker " + w + " got " + per[w] + " of 4000 flows");
    }

    @Test
    void everyFragmentOfADatagramGoesWhereItsFirstFragmentGoes() {
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < 3; k++) {
            byte[] p = Pkt.udp("10.0.1.10", "192.0.2.7", 4000 + k * 1111, 80, 60);   // later fragments carry no ports
            Bytes.put16(p, 4, 0x1234);                                              // one IP id
            Bytes.put16(p, 6, k == 2 ? 370 : 0x2000 | (k * 185));                   // MF, offsets
            seen.add(worker(p, 8));
        }
        assertEquals(1, seen.size());
    }

    @Test
    void espOfDifferentSasSpreadsAndOneSaStaysOnOneWorker() {
        Set<Integer> workers = new HashSet<>();
        for (int spi = 1; spi <= 64; spi++) {
            byte[] p = Pkt.udp("198.51.100.1", "198.51.100.2", 0, 0, 60);
            p[9] = 50;
            Bytes.put32(p, 20, spi);
            int w = worker(p, 2);
            Bytes.put32(p, 24, 99);                      // another sequence number: same worker
            assertEquals(w, worker(p, 2));
            workers.add(w);
        }
        assertEquals(2, workers.size(), "64 tunnels between two gateways use both workers");
    }

    /** RSS on the SPI: a per-CPU SA's ESP goes to its worker whatever the hash says, in ESP and in UDP 4500. */
    @Test
    void espOfAPinnedSpiGoesToItsWorkerAndTheRestByTheHash() {
        FlowHooks.EspSteering pins = (spi, dst) -> spi >= 0x100 && spi < 0x104 && dst == Pkt.ip("198.51.100.2") ? spi - 0x100 : -1;
        for (int spi = 0x100; spi < 0x104; spi++) {
            byte[] esp = Pkt.udp("198.51.100.1", "198.51.100.2", 0, 0, 60);
            esp[9] = 50;
            Bytes.put32(esp, 20, spi);
            byte[] f = frame(esp);
            assertEquals(spi - 0x100, FlowHash.worker(f, 0, f.length, 4, pins), "ESP SPI " + spi);
            byte[] natT = Pkt.udp("198.51.100.1", "198.51.100.2", 4500, 4500, 60);
            Bytes.put32(natT, 28, spi);
            byte[] g = frame(natT);
            assertEquals(spi - 0x100, FlowHash.worker(g, 0, g.length, 4, pins), "ESP in UDP 4500, SPI " + spi);
        }
        byte[] other = Pkt.udp("198.51.100.1", "198.51.100.2", 0, 0, 60);
        other[9] = 50;
        Bytes.put32(other, 20, 0x999);                      // not pinned: the flow hash
        byte[] f = frame(other);
        assertEquals(FlowHash.worker(f, 0, f.length, 4), FlowHash.worker(f, 0, f.length, 4, pins));
        byte[] ike = Pkt.udp("198.51.100.1", "198.51.100.2", 4500, 4500, 60);   // non-ESP marker: IKE, never pinned
        byte[] g = frame(ike);
        FlowHooks.EspSteering all = (spi, dst) -> 3;
        assertEquals(FlowHash.worker(g, 0, g.length, 4), FlowHash.worker(g, 0, g.length, 4, all));
        FlowHooks.EspSteering beyond = (spi, dst) -> 5;     // a worker the router does not have: the hash decides
        assertEquals(FlowHash.worker(f, 0, f.length, 4), FlowHash.worker(f, 0, f.length, 4, beyond));
    }

    @Test
    void arpReachesEveryWorkerAndOtherFramesWorkerZero() {
        byte[] arp = new byte[42];
        Bytes.put16(arp, 12, 0x0806);
        assertEquals(FlowHash.EVERY_WORKER, FlowHash.worker(arp, 0, arp.length, 2));
        byte[] ip6 = new byte[60];
        Bytes.put16(ip6, 12, 0x86dd);
        assertEquals(0, FlowHash.worker(ip6, 0, ip6.length, 2));
        assertEquals(0, FlowHash.worker(arp, 0, arp.length, 1), "one worker: no steering at all");
    }

    /** The steering reads a frame's bytes before any node has checked them: it must survive anything. */
    @Test
    void mutatedAndTruncatedFramesNeverThrowAndAlwaysNameAWorker() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        byte[][] seeds = {frame(Pkt.udp("10.0.1.10", "192.0.2.7", 1234, 53, 60)),
                frame(Pkt.tcp("10.0.1.10", "192.0.2.7", 1234, 80, 2, 1, 0, new byte[20])),
                frame(Pkt.echo("10.0.1.10", "192.0.2.7", 1, 1, 84, 64, false)), frame(esp()),
                frame(Pkt.udp("10.0.1.10", "192.0.2.7", 4500, 4500, 60))};
        FlowHooks.EspSteering pins = (spi, dst) -> spi & 7;     // reads SPI and destination: must stay inside the frame too
        for (int i = 0; i < 200_000; i++) {
            byte[] f = seeds[rnd.nextInt(seeds.length)].clone();
            for (int k = rnd.nextInt(6); k > 0; k--) f[rnd.nextInt(f.length)] = (byte) rnd.nextInt(256);
            if (rnd.nextBoolean()) f[14] = (byte) (0x40 | rnd.nextInt(16));           // any header length, even < 5
            int len = rnd.nextInt(3) == 0 ? rnd.nextInt(f.length + 1) : f.length;
            byte[] buf = new byte[len + 8];                                           // room past the frame: reads must stay inside len
            System.arraycopy(f, 0, buf, 4, len);
            java.util.Arrays.fill(buf, 4 + len, buf.length, (byte) 0x5a);
            int workers = 1 + rnd.nextInt(4);
            int w = FlowHash.worker(buf, 4, len, workers);
            assertTrue(w == FlowHash.EVERY_WORKER || (w >= 0 && w < workers), "worker " + w + " of " + workers);
            int p = FlowHash.worker(buf, 4, len, workers, pins);
            assertTrue(p == FlowHash.EVERY_WORKER || (p >= 0 && p < workers), "pinned worker " + p + " of " + workers);
            byte[] poisoned = buf.clone();
            java.util.Arrays.fill(poisoned, 4 + len, poisoned.length, (byte) 0xa5);
            assertEquals(w, FlowHash.worker(poisoned, 4, len, workers), "the hash read past the frame's end");
            assertEquals(p, FlowHash.worker(poisoned, 4, len, workers, pins), "the SPI steering read past the frame's end");
        }
    }
}
