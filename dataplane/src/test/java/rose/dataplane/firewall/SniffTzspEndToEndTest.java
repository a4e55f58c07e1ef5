package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;
import rose.dataplane.buffer.Bytes;

/**
 * Mangle action=sniff-tzsp (reference 03 §4): the matching packet goes on, and a TZSP copy goes
 * over UDP from the router to sniff-target:sniff-target-port, where hostC receives and decodes it.
 */
class SniffTzspEndToEndTest {
    @Test
    void aTzspCopyOfEachMatchingPacketReachesTheTarget() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.MANGLE, "chain=prerouting action=sniff-tzsp sniff-target=10.0.3.10 protocol=udp dst-port=53");
        byte[] query = Pkt.udp("10.0.1.10", "10.0.2.10", 1000, 53, "query".getBytes(StandardCharsets.ISO_8859_1));
        net.hostA.send(query);
        net.run();
        assertEquals(1, net.hostB.take().size(), "the packet itself goes on");
        List<byte[]> got = net.hostC.take();
        assertEquals(1, got.size());
        byte[] d = got.get(0);
        assertEquals(17, Pkt.proto(d));
        assertEquals(Pkt.ip("10.0.3.1"), Pkt.src(d), "sent from the router's address towards the target");
        assertEquals(37008, Pkt.dport(d), "TZSP's port by default");
        int t = 28;
        assertEquals(1, d[t], "TZSP version 1");
        assertEquals(0, d[t + 1], "type: received tag list");
        assertEquals(1, Bytes.u16(d, t + 2), "encapsulation: Ethernet");
        assertEquals(1, d[t + 4], "tag END");
        int eth = t + 5;
        assertEquals(FirewallNet.MAC_A, mac(d, eth + 6), "Ethernet source: the sender's MAC");
        assertEquals(0x0800, Bytes.u16(d, eth + 12));
        assertArrayEquals(query, Arrays.copyOfRange(d, eth + 14, d.length), "the packet as prerouting saw it");

        net.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 1001, 54, "other".getBytes(StandardCharsets.ISO_8859_1)));
        net.run();
        assertEquals(1, net.hostB.take().size());
        assertEquals(0, net.hostC.take().size(), "not matched, not copied");
    }

    @Test
    void targetPortAndPassthroughAndAMissingTarget() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.MANGLE, "chain=forward action=sniff-tzsp sniff-target=10.0.3.10 sniff-target-port=5555 passthrough=no",
                "chain=forward action=mark-packet new-packet-mark=seen");
        net.rules(Table.FILTER, "chain=forward action=drop packet-mark=seen");
        net.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 1000, 53, "q".getBytes(StandardCharsets.ISO_8859_1)));
        net.run();
        assertEquals(1, net.hostB.take().size(), "passthrough=no: the mark rule after it did not run");
        List<byte[]> got = net.hostC.take();
        assertEquals(1, got.size());
        assertEquals(5555, Pkt.dport(got.get(0)));
        assertEquals(63, got.get(0)[28 + 5 + 14 + 8] & 0xff, "in forward the copy shows the decremented TTL");
        assertEquals(List.of(1L), net.rules(Table.MANGLE, "chain=forward action=sniff-tzsp").invalidRuleIds());
    }

    private static long mac(byte[] d, int o) {
        long m = 0;
        for (int i = 0; i < 6; i++) m = (m << 8) | (d[o + i] & 0xff);
        return m;
    }
}
