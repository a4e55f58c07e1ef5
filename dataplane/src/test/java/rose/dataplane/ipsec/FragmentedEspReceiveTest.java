package rose.dataplane.ipsec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import rose.dataplane.Pkt;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.ip4.Ip4;
import rose.ipsec.crypto.AuthAlgorithm;
import rose.ipsec.crypto.Transform;

/**
 * Outer IPv4 fragments of ESP, ESP-in-UDP and AH are reassembled before decryption: a core link
 * with a small MTU makes r1 fragment the encapsulated packet (the inner one has no DF), and r2
 * must put it back together, in any order, before {@code esp4-decrypt} / {@code ah4-decrypt}
 * see it.
 */
class FragmentedEspReceiveTest {

    @ParameterizedTest(name = "{0} reversed={1}")
    @CsvSource({"esp,false", "esp,true", "esp-in-udp,false", "esp-in-udp,true", "ah,false", "ah,true"})
    void fragmentsOfTheOuterPacketAreReassembledBeforeDecryption(String kind, boolean reversed) throws Exception {
        IpsecNet net = new IpsecNet(576);
        StaticKeys.Pair p = kind.equals("ah") ? AhEndToEndTest.tunnel(net, AuthAlgorithm.SHA256, false)
                : StaticKeys.tunnel(net.b1, net.b2, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2",
                        Transform.of("aes-128-cbc", "sha256"), kind.equals("esp-in-udp"));
        if (reversed) net.b2.deleteSa(p.leftToRight().id());     // r2 cannot open the first delivery: it is replayed reversed below
        byte[] inner = Pkt.udp("10.0.1.10", "10.0.2.10", 1111, 2222, 1200);
        for (int i = 28; i < inner.length; i++) inner[i] = (byte) (i * 31);
        net.hostA.send(inner);
        net.run();
        List<byte[]> frags = new ArrayList<>(net.wire);
        assertTrue(frags.size() >= 3, "r1 fragmented the outer packet for the 576-octet core: " + frags.size());
        int proto = kind.equals("ah") ? Ah4.PROTO_AH : kind.equals("esp") ? Ip4.PROTO_ESP : Ip4.PROTO_UDP;
        for (byte[] f : frags) {
            assertTrue(Pkt.isFragment(f), "a fragment");
            assertEquals(proto, Pkt.proto(f));
            assertTrue(f.length <= 576);
        }
        Map<String, Long> before = net.r2.counters().nonZeroDrops();
        if (reversed) {
            assertTrue(net.hostB.take().isEmpty());
            net.b2.addSa(p.leftToRight());
            Collections.reverse(frags);
            for (byte[] f : frags) net.r1.send(f);
            net.run();
        }
        List<byte[]> got = net.hostB.take();
        assertEquals(1, got.size(), "the datagram came through; drops r2 " + net.r2.counters().nonZeroDrops());
        byte[] g = got.get(0);
        assertEquals(1200, g.length);
        assertArrayEquals(Arrays.copyOfRange(inner, 20, 1200), Arrays.copyOfRange(g, 20, 1200), "payload intact");
        assertEquals(2222, Bytes.u16(g, 22));
        Map<String, Long> after = net.r2.counters().nonZeroDrops();
        if (reversed) assertEquals(before, after, "nothing dropped on the reversed delivery");
        else assertEquals(Map.of(), after);
    }
}
