package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;
import rose.dataplane.TestHost;
import rose.dataplane.conntrack.ConnEntry;

/**
 * action=endpoint-independent-nat on a whole gateway over memory wires, the way a STUN client
 * behind it sees it. hostA (10.0.1.10, ether1) is inside; hostB (10.0.2.10) and hostC
 * (10.0.3.10) are two external hosts on two other ports, standing in for a STUN server and a peer.
 */
class EndpointIndependentNatEndToEndTest {
    private static final String PUBLIC = "203.0.113.1";
    private static final String SRCNAT = "chain=srcnat action=endpoint-independent-nat protocol=udp src-address=10.0.1.0/24 to-addresses=" + PUBLIC;
    private static final String DSTNAT = "chain=dstnat action=endpoint-independent-nat protocol=udp dst-address=" + PUBLIC;
    private static final long SECOND = 1_000_000_000L;

    private static byte[] udp(String src, int sport, String dst, int dport, String payload) {
        return Pkt.udp(src, dst, sport, dport, payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends one datagram and returns what {@code to} received (none or one). */
    private static List<byte[]> send(FirewallNet net, TestHost from, byte[] p, TestHost to) {
        from.send(p);
        net.run();
        return to.take();
    }

    /** The external endpoint {@code to} saw a datagram from hostA come from, as {@code ip:port}. */
    private static String seenFrom(FirewallNet net, int sport, TestHost to, String dst) {
        List<byte[]> got = send(net, net.hostA, udp("10.0.1.10", sport, dst, 3478, "binding request"), to);
        assertEquals(1, got.size(), "the datagram to " + dst + " arrives");
        byte[] p = got.get(0);
        assertEquals(0, Pkt.l4Checksum(p), "UDP checksum still verifies after translation");
        assertTrue(Pkt.headerChecksumOk(p));
        return rose.dataplane.config.Ip4Address.format(Pkt.src(p)) + ":" + Pkt.sport(p);
    }

    @Test
    void fullConeOneMappingForEveryDestinationAndAnyHostMayUseIt() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.NAT, SRCNAT, DSTNAT);
        // EIM: the same internal endpoint appears as the same external one to both servers
        String toB = seenFrom(net, 5000, net.hostB, "10.0.2.10");
        String toC = seenFrom(net, 5000, net.hostC, "10.0.3.10");
        assertEquals(PUBLIC + ":5000", toB, "the original port is kept when free");
        assertEquals(toB, toC, "endpoint-independent mapping: stable across destinations");

        // EIF: a port of hostC that hostA never sent to reaches hostA through the mapping
        List<byte[]> in = send(net, net.hostC, udp("10.0.3.10", 7777, PUBLIC, 5000, "hello from a peer"), net.hostA);
        assertEquals(1, in.size(), "an unsolicited datagram to the mapping is forwarded inside");
        assertEquals(Pkt.ip("10.0.1.10"), Pkt.dst(in.get(0)));
        assertEquals(5000, Pkt.dport(in.get(0)));
        assertEquals(Pkt.ip("10.0.3.10"), Pkt.src(in.get(0)), "the sender's address is not hidden");
        assertEquals(0, Pkt.l4Checksum(in.get(0)));
        // and hostA's answer to that peer leaves from the same external endpoint
        List<byte[]> back = send(net, net.hostA, udp("10.0.1.10", 5000, "10.0.3.10", 7777, "hello back"), net.hostC);
        assertEquals(1, back.size());
        assertEquals(Pkt.ip(PUBLIC), Pkt.src(back.get(0)));
        assertEquals(5000, Pkt.sport(back.get(0)));

        // a third host (hostB from a fresh port) is let in as well
        assertEquals(1, send(net, net.hostB, udp("10.0.2.10", 9999, PUBLIC, 5000, "x"), net.hostA).size());
        // but nothing is open on a port no mapping owns
        assertEquals(0, send(net, net.hostB, udp("10.0.2.10", 9999, PUBLIC, 5001, "x"), net.hostA).size());
    }

    @Test
    void withoutTheDstnatRuleOnlyRepliesComeBack() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.NAT, SRCNAT);
        seenFrom(net, 5000, net.hostB, "10.0.2.10");
        assertEquals(1, send(net, net.hostB, udp("10.0.2.10", 3478, PUBLIC, 5000, "reply"), net.hostA).size(), "the reply");
        assertEquals(0, send(net, net.hostC, udp("10.0.3.10", 7777, PUBLIC, 5000, "x"), net.hostA).size(),
                "filtering is the dstnat rule's: without it a stranger gets nowhere");
    }

    @Test
    void natStatesAreEinSnatAndEinDnatAndConnectionPrintShowsThem() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.NAT, SRCNAT, DSTNAT);
        net.rules(Table.FILTER,
                "chain=forward action=passthrough connection-nat-state=ein-snat",
                "chain=forward action=passthrough connection-nat-state=ein-dnat",
                "chain=forward action=passthrough connection-nat-state=srcnat",
                "chain=forward action=passthrough connection-nat-state=!ein-snat,ein-dnat");
        // outbound: srcnat happens after forward, so the first packet is not translated yet there
        seenFrom(net, 5000, net.hostB, "10.0.2.10");
        seenFrom(net, 5000, net.hostB, "10.0.2.10");
        send(net, net.hostC, udp("10.0.3.10", 7777, PUBLIC, 5000, "in"), net.hostA);   // inbound: dstnat ran before forward
        assertEquals(1, net.packets(Table.FILTER, 1), "ein-snat: the second outbound packet");
        assertEquals(1, net.packets(Table.FILTER, 2), "ein-dnat: the inbound packet");
        assertEquals(1, net.packets(Table.FILTER, 3), "the outbound connection is srcnat as well");
        assertEquals(1, net.packets(Table.FILTER, 4), "only the first outbound packet had no ein state yet");

        Set<String> states = new HashSet<>();
        for (ConnEntry e : net.firewall.connTable().snapshot(net.clock.now(), null)) states.add(e.natStateNames() + " " + e.flags());
        assertTrue(states.contains("srcnat,ein-snat C s") || states.stream().anyMatch(s -> s.startsWith("srcnat,ein-snat")), states.toString());
        assertTrue(states.stream().anyMatch(s -> s.startsWith("dstnat,ein-dnat") && s.endsWith("d")), states.toString());
    }

    @Test
    void theMappingOutlivesItsConnectionsByTheUdpTimeoutThenCloses() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.NAT, SRCNAT, DSTNAT);
        seenFrom(net, 5000, net.hostB, "10.0.2.10");
        // the connection times out after udp-timeout (10 s); the mapping 10 s after that
        net.clock.advance(15 * SECOND);
        assertEquals(1, send(net, net.hostC, udp("10.0.3.10", 7777, PUBLIC, 5000, "late"), net.hostA).size(),
                "connection gone, mapping still there");
        // that inbound connection used the mapping: it now lives 10 s past that connection's end
        net.clock.advance(19 * SECOND);
        assertEquals(1, send(net, net.hostC, udp("10.0.3.10", 7778, PUBLIC, 5000, "later"), net.hostA).size());
        net.clock.advance(21 * SECOND);
        assertEquals(0, send(net, net.hostC, udp("10.0.3.10", 7779, PUBLIC, 5000, "too late"), net.hostA).size(),
                "no connection for longer than udp-timeout: the mapping has expired");
        assertEquals(0, net.firewall.endpointMappings().size(net.clock.now()));
        net.hostC.take();   // the gateway's "no route" answer to the datagram it could no longer map
        // hostA's next datagram makes a new mapping, which again serves every destination
        String again = seenFrom(net, 5000, net.hostB, "10.0.2.10");
        assertEquals(again, seenFrom(net, 5000, net.hostC, "10.0.3.10"));
        assertEquals(1, net.firewall.endpointMappings().size(net.clock.now()));
    }

    @Test
    void toPortsAndRandomisePortsChooseTheExternalPort() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.NAT, SRCNAT + " to-ports=40000-40009", DSTNAT);
        String a = seenFrom(net, 5000, net.hostB, "10.0.2.10");
        String b = seenFrom(net, 5001, net.hostB, "10.0.2.10");
        int pa = Integer.parseInt(a.substring(a.indexOf(':') + 1)), pb = Integer.parseInt(b.substring(b.indexOf(':') + 1));
        assertTrue(pa >= 40000 && pa <= 40009 && pb >= 40000 && pb <= 40009, a + " " + b);
        assertNotEquals(pa, pb, "two internal endpoints never share an external one");
        assertEquals(a, seenFrom(net, 5000, net.hostC, "10.0.3.10"), "and each keeps its own");

        FirewallNet rnd = new FirewallNet();
        rnd.rules(Table.NAT, SRCNAT + " to-ports=1024-65535 randomise-ports=yes", DSTNAT);
        Set<String> seen = new HashSet<>();
        for (int port = 6000; port < 6008; port++) seen.add(seenFrom(rnd, port, rnd.hostB, "10.0.2.10").replaceAll(".*:", ""));
        assertTrue(seen.size() == 8, "distinct ports " + seen);
        long kept = seen.stream().filter(p -> Integer.parseInt(p) >= 6000 && Integer.parseInt(p) < 6008).count();
        assertTrue(kept < 8, "randomise-ports does not keep the original ports: " + seen);
    }

    @Test
    void withoutToAddressesTheOutInterfaceAddressIsTheMapping() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.NAT, "chain=srcnat action=endpoint-independent-nat protocol=udp src-address=10.0.1.0/24",
                "chain=dstnat action=endpoint-independent-nat protocol=udp in-interface=ether3");
        assertEquals("10.0.2.1:5000", seenFrom(net, 5000, net.hostB, "10.0.2.10"), "the masquerade address");
        assertEquals(1, send(net, net.hostC, udp("10.0.3.10", 7777, "10.0.2.1", 5000, "to the router's address"), net.hostA).size());
    }

    @Test
    void badRulesAreRefusedInWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuleSpecParser.parse(1, "chain=srcnat action=endpoint-independent-nat protocol=tcp"));
        assertEquals("endpoint-independent-nat works only with protocol=udp", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RuleSpecParser.parse(1, "chain=srcnat action=endpoint-independent-nat"));
        assertThrows(IllegalArgumentException.class,
                () -> RuleSpecParser.parse(1, "chain=dstnat action=endpoint-independent-nat protocol=udp to-addresses=10.0.0.1"));
        assertThrows(IllegalArgumentException.class,
                () -> RuleSpecParser.parse(1, "chain=dstnat action=dst-nat to-addresses=10.0.0.1 randomise-ports=yes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RuleSpecParser.parse(1, "chain=prerouting action=sniff-pc"))
                .getMessage().contains("not publicly documented"));
        // a udp-only rule in filter is not a nat action at all: the rule is invalid there
        TableProgram p = new FirewallNet().rules(Table.FILTER, "chain=forward action=endpoint-independent-nat protocol=udp");
        assertEquals(List.of(1L), p.invalidRuleIds());
    }
}
