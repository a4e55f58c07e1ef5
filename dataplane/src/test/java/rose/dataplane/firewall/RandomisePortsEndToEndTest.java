package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;

/**
 * randomise-ports on src-nat and masquerade: without it a client keeps its source port when it is
 * free (RouterOS/Linux), with it the port is a random free one of the range.
 */
class RandomisePortsEndToEndTest {
    /** The source ports hostB sees for datagrams from hostA's ports 6000..6007. */
    private static Set<Integer> portsSeen(String rule) {
        FirewallNet net = new FirewallNet();
        net.rules(Table.NAT, rule);
        Set<Integer> ports = new HashSet<>();
        for (int port = 6000; port < 6008; port++) {
            net.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", port, 53, "q".getBytes(StandardCharsets.US_ASCII)));
            net.run();
            List<byte[]> got = net.hostB.take();
            assertEquals(1, got.size());
            assertEquals(0, Pkt.l4Checksum(got.get(0)));
            ports.add(Pkt.sport(got.get(0)));
        }
        return ports;
    }

    @Test
    void masqueradeKeepsPortsUnlessRandomised() {
        assertEquals(Set.of(6000, 6001, 6002, 6003, 6004, 6005, 6006, 6007), portsSeen("chain=srcnat action=masquerade"));
        Set<Integer> random = portsSeen("chain=srcnat action=masquerade randomise-ports=yes");
        assertEquals(8, random.size(), "each flow its own port: " + random);
        assertTrue(random.stream().filter(p -> p >= 6000 && p < 6008).count() < 8, "not the original ports: " + random);
        assertTrue(random.stream().allMatch(p -> p >= 1024), random.toString());
    }

    @Test
    void srcNatRandomisesInsideToPorts() {
        Set<Integer> random = portsSeen("chain=srcnat action=src-nat to-addresses=10.0.2.1 to-ports=20000-20999 randomise-ports=yes");
        assertEquals(8, random.size());
        assertTrue(random.stream().allMatch(p -> p >= 20000 && p <= 20999), random.toString());
    }
}
