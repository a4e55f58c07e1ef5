package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;
import rose.dataplane.TestHost;

/**
 * The rarer matchers (reference 03 §3) on whole routers over memory wires: each test configures
 * the gateway's filter forward chain and counts what reaches hostB, so what is asserted is what
 * a user of the lab would see pass or not.
 */
class MatchersEndToEndTest {
    private static final int PROTO_TCP = 6, SYN = 0x02;

    private static byte[] udp(String src, int sport, int dport, String payload) {
        return Pkt.udp(src, "10.0.2.10", sport, dport, payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends one datagram from {@code from} and returns how many reached hostB. */
    private static int delivered(FirewallNet net, TestHost from, byte[] p) {
        from.send(p);
        net.run();
        return net.hostB.take().size();
    }

    @Test
    void srcMacAddressMatchesTheSendersEthernetSource() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop src-mac-address=02:00:00:00:00:A0");
        assertEquals(0, delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, "x")), "hostA's MAC is dropped");
        assertEquals(1, delivered(net, net.hostC, udp("10.0.3.10", 1000, 53, "x")), "hostC's MAC passes");
        net.rules(Table.FILTER, "chain=forward action=drop src-mac-address=!02:00:00:00:00:A0");
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1001, 53, "x")));
        assertEquals(0, delivered(net, net.hostC, udp("10.0.3.10", 1001, 53, "x")), "negated: everyone else");
    }

    @Test
    void contentSearchesThePayloadNotTheHeaders() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop protocol=udp content=secret");
        assertEquals(0, delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, "the secret word")));
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1001, 53, "the Secret word")), "case matters");
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1002, 53, "secre")), "a prefix is not the string");
        assertEquals(0, delivered(net, net.hostA, udp("10.0.1.10", 1003, 53, "secret")), "the whole payload");
    }

    @Test
    void timeMatchesTheLocalTimeOfDayOnTheListedDays() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop time=8h-17h,mon,tue,wed,thu,fri");
        net.secondOfWeek = 3 * 86400 + 10 * 3600;                  // Wednesday 10:00
        assertEquals(0, delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, "x")));
        net.secondOfWeek = 3 * 86400 + 17 * 3600;                  // Wednesday 17:00: the end is exclusive
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, "x")));
        net.secondOfWeek = 6 * 86400 + 10 * 3600;                  // Saturday 10:00
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, "x")));
        net.rules(Table.FILTER, "chain=forward action=drop time=22h-6h,fri");
        net.secondOfWeek = 6 * 86400 + 3 * 3600;                   // Saturday 03:00, in Friday night's window
        assertEquals(0, delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, "x")));
        net.secondOfWeek = 5 * 86400 + 3 * 3600;                   // Friday 03:00 belongs to Thursday night
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, "x")));
    }

    @Test
    void perConnectionClassifierSplitsFlowsAndKeepsEachFlowTogether() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop per-connection-classifier=both-addresses-and-ports:2/0");
        int passed = 0;
        for (int port = 2000; port < 2064; port++) {
            int first = delivered(net, net.hostA, udp("10.0.1.10", port, 53, "a"));
            int again = delivered(net, net.hostA, udp("10.0.1.10", port, 53, "b"));
            assertEquals(first, again, "flow from port " + port + " classified the same twice");
            passed += first;
        }
        assertTrue(passed > 16 && passed < 48, "about half of 64 flows are in share 1: " + passed);
        net.rules(Table.FILTER, "chain=forward action=drop per-connection-classifier=both-addresses-and-ports:2/0",
                "chain=forward action=drop per-connection-classifier=both-addresses-and-ports:2/1");
        for (int port = 2000; port < 2016; port++)
            assertEquals(0, delivered(net, net.hostA, udp("10.0.1.10", port, 53, "c")), "the two shares cover everything");
    }

    @Test
    void connectionBytesCountsBothDirectionsOfTheConnection() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop connection-bytes=1000-0");
        String data = "x".repeat(372);                              // 400-byte datagrams
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, data)), "400 bytes so far");
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, data)), "800 bytes so far");
        assertEquals(0, delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, data)), "1200 bytes: past 1000");
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1001, 53, data)), "another connection starts at 0");
    }

    @Test
    void connectionRateMatchesFastConnectionsOnly() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop connection-rate=64k-0");
        String big = "x".repeat(972);                               // 1000-byte datagrams
        int fastPassed = 0, slowPassed = 0;
        for (int tick = 0; tick < 30; tick++) {                     // 3 s: 10 x 1000 B per 100 ms = 800 kbit/s
            for (int k = 0; k < 10; k++) fastPassed += delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, big));
            if (tick % 10 == 0) slowPassed += delivered(net, net.hostA, udp("10.0.1.10", 1001, 53, "y"));   // 40 bit/s
            net.driver.advance(100_000_000L);
        }
        assertEquals(3, slowPassed, "a slow connection is never over 64 kbit/s");
        assertTrue(fastPassed >= 100 && fastPassed < 300, "the fast one passes its first second, then is dropped: " + fastPassed);
    }

    @Test
    void connectionLimitCountsConnectionsPerSourceNetwork() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop connection-state=new connection-limit=2,24");
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, "1")));
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1001, 53, "2")));
        // no reply yet, so still state new: counted once, not once per packet
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1000, 53, "1 again")), "the same connection twice");
        assertEquals(0, delivered(net, net.hostA, udp("10.0.1.10", 1002, 53, "3")), "third connection from 10.0.1.0/24");
        assertEquals(1, delivered(net, net.hostC, udp("10.0.3.10", 1000, 53, "other")), "another source network");
        net.driver.advance(11_000_000_000L);                       // the UDP connections time out (10 s)
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1003, 53, "4")), "expired connections no longer count");
    }

    @Test
    void psdCatchesAPortScanButNotRepeatedPorts() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop protocol=tcp psd=21,3s,3,1");
        int passed = 0;
        for (int port = 20; port < 30; port++)                       // low ports weigh 3: the 7th reaches 21
            passed += delivered(net, net.hostA, Pkt.tcp("10.0.1.10", "10.0.2.10", 40000 + port, port, SYN, 1, 0, new byte[0]));
        assertEquals(6, passed);
        for (int i = 0; i < 10; i++)                                 // one port, again and again: no scan
            assertEquals(1, delivered(net, net.hostC, Pkt.tcp("10.0.3.10", "10.0.2.10", 40000 + i, 80, SYN, 1, 0, new byte[0])));
        net.driver.advance(4_000_000_000L);                         // beyond the delay: a new sequence
        assertEquals(1, delivered(net, net.hostA, Pkt.tcp("10.0.1.10", "10.0.2.10", 41000, 31, SYN, 1, 0, new byte[0])));
    }

    @Test
    void layer7MatchesTheConnectionOnceItsPatternIsSeen() {
        FirewallNet net = new FirewallNet();
        Map<String, String> l7 = Map.of("http", "^(get|post) /[^ ]* http/1");
        TableProgram p = net.rules(Table.FILTER, l7, "chain=forward action=drop layer7-protocol=http",
                "chain=forward action=drop layer7-protocol=nosuch");
        assertEquals(List.of(2L), p.invalidRuleIds(), "a rule naming a missing layer7-protocol is invalid, not wider");
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1000, 80, "hello")));
        assertEquals(0, delivered(net, net.hostA, udp("10.0.1.10", 1000, 80, "GET /index.html HTTP/1.1\r\n")));
        assertEquals(0, delivered(net, net.hostA, udp("10.0.1.10", 1000, 80, "more")), "the whole connection is http now");
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1001, 80, "more")), "another connection is not");
        for (int i = 0; i < 11; i++) delivered(net, net.hostA, udp("10.0.1.10", 1002, 80, "chatter"));
        assertEquals(1, delivered(net, net.hostA, udp("10.0.1.10", 1002, 80, "GET / HTTP/1.0")),
                "only the first packets of a connection are inspected");
    }
}
