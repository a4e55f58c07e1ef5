package rose.dataplane.ipsec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import rose.dataplane.Pkt;
import rose.ipsec.crypto.AuthAlgorithm;

/**
 * Mutated AH packets (bytes flipped, cut short, lengths and header lengths bent) reach
 * {@code ah4-decrypt}: nothing throws, no buffer leaks, and whatever is delivered is exactly
 * the datagram that was protected (a mutation may only land in a field the ICV leaves out).
 */
class AhFuzzTest {
    @Test
    void mutatedAhIsDroppedOrDeliveredUnalteredWithoutLeaks() throws Exception {
        IpsecNet net = new IpsecNet();
        AhEndToEndTest.tunnel(net, AuthAlgorithm.SHA1, false);
        byte[] inner = Pkt.udp("10.0.1.10", "10.0.2.10", 1111, 2222, 100);
        net.hostA.send(inner);
        net.run();
        List<byte[]> first = net.hostB.take();
        assertEquals(1, first.size());
        byte[] delivered = first.get(0);
        byte[] ah = net.wire.get(0);
        int free = net.r2.freeBuffers();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 5000; i++) {
            byte[] f = ah.clone();
            int flips = 1 + rnd.nextInt(3);
            for (int k = 0; k < flips; k++) {
                int at = rnd.nextInt(4) == 0 ? 20 + rnd.nextInt(24) : rnd.nextInt(f.length);   // favour the AH header
                if (at == 9 || at < 1 || (at >= 12 && at < 20)) continue;                         // keep it AH, IPv4 and addressed to r2
                f[at] = (byte) rnd.nextInt(256);
            }
            if (rnd.nextInt(5) == 0) f = Arrays.copyOf(f, rnd.nextInt(f.length + 1));
            if (f.length < 20) continue;
            net.r1.send(f);
            if (i % 50 == 0) net.run();
        }
        net.run();
        for (byte[] got : net.hostB.take()) assertArrayEquals(delivered, got, "only the protected datagram itself may come through");
        assertEquals(free, net.r2.freeBuffers(), "no buffer leaked: " + net.r2.counters().nonZeroDrops());
        assertTrue(net.r2.counters().drops("ah4-decrypt", "bad-icv") + net.r2.counters().drops("ah4-decrypt", "replay") > 0,
                net.r2.counters().nonZeroDrops().toString());
    }
}
