package rose.appliance.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The whole appliance on memory wires: firewall configuration typed at the console goes through
 * the reconciler into the dataplane, and /ping from the hosts shows what it does (RouterOS
 * semantics, reference 03). Step mode on a manual clock: deterministic and fast.
 */
class FirewallEndToEndTest {
    @Test
    void forwardChainDropsNewConnectionsFromWanButRepliesToLanConnectionsPass() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall filter add chain=forward connection-state=established,related action=accept");
            net.ok("gw", "/ip firewall filter add chain=forward in-interface=ether1 connection-state=new action=drop");
            assertEquals(2, net.received("lan", "10.0.0.10", 2), "LAN to WAN: new allowed, replies established");
            assertEquals(0, net.received("wan", "192.168.1.10", 2), "WAN to LAN: new dropped");
            String stats = net.ok("gw", "/ip firewall filter print stats");
            // rule 0: the LAN ping's two replies and its second request (same echo id: established);
            // rule 1: the WAN's two requests. /ping size=56 is the whole datagram.
            assertTrue(stats.matches("(?s).*\\n0 +forward +accept +168 +3\\n.*"), stats);
            assertTrue(stats.matches("(?s).*\\n1 +forward +drop +112 +2\\n.*"), stats);
        }
    }

    @Test
    void inputChainProtectsTheRouterItself() throws Exception {
        try (LabNet net = new LabNet()) {
            assertEquals(1, net.received("wan", "10.0.0.1", 1));
            net.ok("gw", "/ip firewall filter add chain=input in-interface=ether1 protocol=icmp action=drop");
            assertEquals(0, net.received("wan", "10.0.0.1", 1));
            assertEquals(1, net.received("lan", "192.168.1.1", 1), "the rule names ether1 only");
            net.ok("gw", "/ip firewall filter disable 0");
            assertEquals(1, net.received("wan", "10.0.0.1", 1), "a disabled rule is gone from the dataplane at once");
        }
    }

    @Test
    void natBypassBeforeMasqueradeAsInTheSeed() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall nat add chain=srcnat comment=bypass src-address=192.168.1.0/24 dst-address=10.0.0.0/24");
            net.ok("gw", "/ip firewall nat add chain=srcnat out-interface=ether1 action=masquerade");
            assertEquals(1, net.received("lan", "10.0.0.10", 1));
            String conns = net.ok("gw", "/ip firewall connection print detail");
            assertTrue(conns.contains(" 0  S C       protocol=\"icmp\" src-address=\"192.168.1.10\""), "not srcnat:\n" + conns);
            String stats = net.ok("gw", "/ip firewall nat print stats");
            assertTrue(stats.matches("(?s).*\\n0 +srcnat +accept +56 +1\\n.*"), stats);
            assertTrue(stats.matches("(?s).*\\n1 +srcnat +masquerade +0 +0\\n.*"), stats);

            net.ok("gw", "/ip firewall nat remove 0");
            net.lab.advance(11_000_000_000L);                       // the first ICMP connection times out (10s)
            assertEquals(1, net.received("lan", "10.0.0.10", 1));
            String print = net.ok("gw", "/ip firewall connection print");
            assertTrue(print.contains("SCs icmp  192.168.1.10  10.0.0.10"), print);
            String detail = net.ok("gw", "/ip firewall connection print detail");
            assertTrue(detail.contains("reply-dst-address=\"10.0.0.1\""), "masqueraded to ether1's address:\n" + detail);
        }
    }

    @Test
    void addressListMatchFollowsListEntries() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall filter add chain=forward src-address-list=blocked action=drop");
            assertEquals(1, net.received("lan", "10.0.0.10", 1));
            net.ok("gw", "/ip firewall address-list add list=blocked address=192.168.1.0/28");
            assertEquals(0, net.received("lan", "10.0.0.10", 1));
            net.ok("gw", "/ip firewall address-list remove 0");
            assertEquals(1, net.received("lan", "10.0.0.10", 1));
            net.ok("gw", "/ip firewall address-list add list=blocked address=192.168.1.10 timeout=5s");
            assertEquals(0, net.received("lan", "10.0.0.10", 1));
            net.lab.advance(6_000_000_000L);
            assertEquals(1, net.received("lan", "10.0.0.10", 1), "the timed entry expired");
        }
    }

    @Test
    void countersShowInPrintStatsAndReset() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall filter add chain=forward action=passthrough");
            net.ok("gw", "/ip firewall filter add chain=forward protocol=icmp action=accept");
            assertEquals(3, net.received("lan", "10.0.0.10", 3));
            String before = net.ok("gw", "/ip firewall filter print stats");
            assertTrue(before.matches("(?s).*\\n0 +forward +passthrough +336 +6\\n.*"), before);
            net.ok("gw", "/ip firewall filter reset-counters 0");
            String after = net.ok("gw", "/ip firewall filter print stats");
            assertTrue(after.matches("(?s).*\\n0 +forward +passthrough +0 +0\\n.*"), after);
            assertTrue(after.matches("(?s).*\\n1 +forward +accept +336 +6\\n.*"), after);
            net.ok("gw", "/ip firewall filter reset-counters-all");
            String none = net.ok("gw", "/ip firewall filter print stats");
            assertTrue(none.matches("(?s).*\\n1 +forward +accept +0 +0\\n.*"), none);
        }
    }

    @Test
    void logActionWritesFirewallLinesToTheLog() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall filter add chain=forward action=log log-prefix=SEEN protocol=icmp");
            net.received("lan", "10.0.0.10", 1);
            String log = net.lab.appliance("gw").router().log().entries().stream()
                    .filter(e -> e.topics().equals("firewall,info")).map(e -> e.message()).collect(Collectors.joining("\n"));
            assertTrue(log.contains("SEEN forward: in:ether2 out:ether1, proto ICMP (type 8, code 0), 192.168.1.10->10.0.0.10, len 56"), log);
        }
    }

    @Test
    void ruleNamingAMissingInterfaceIsFlaggedAndSkipped() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall filter add chain=forward in-interface=ether9 action=drop");
            assertTrue(net.ok("gw", "/ip firewall filter print").contains(" I "), "flag I");
            assertEquals(1, net.received("lan", "10.0.0.10", 1));
        }
    }

    @Test
    void layer7ProtocolMenuFeedsTheLayer7Matcher() throws Exception {
        try (LabNet net = new LabNet()) {
            // /ping's payload counts up from 0: size=56 carries 28 bytes, size=40 only 12
            net.ok("gw", "/ip firewall layer7-protocol add name=big regexp=\"^.{20}\"");
            net.ok("gw", "/ip firewall filter add chain=forward protocol=icmp layer7-protocol=big action=drop");
            assertEquals(1, net.received("lan", "10.0.0.10 size=40", 1), "12 bytes of payload: no match");
            assertEquals(0, net.received("wan", "192.168.1.10 size=56", 1), "28 bytes: the pattern is found");
            assertTrue(net.ok("gw", "/ip firewall layer7-protocol print").contains("big"));
            String bad = net.fails("gw", "/ip firewall layer7-protocol add name=bad regexp=\"((\"");
            assertTrue(bad.contains("invalid value for argument regexp"), bad);
            String missing = net.fails("gw", "/ip firewall filter add chain=forward layer7-protocol=nosuch action=drop");
            assertTrue(missing.contains("input does not match any value of layer7-protocol"), missing);
            net.ok("gw", "/ip firewall layer7-protocol set big regexp=\"^.{40}\"");
            assertEquals(1, net.received("wan", "192.168.1.10 size=56", 1), "the new regexp reaches the dataplane");
        }
    }

    @Test
    void timeMatcherUsesTheRoutersLocalDayAndTime() throws Exception {
        String[] days = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
        int today = java.time.LocalDate.now().getDayOfWeek().getValue() % 7;
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall filter add chain=forward action=drop time=0s-1d," + days[(today + 1) % 7]);
            assertEquals(1, net.received("lan", "10.0.0.10", 1), "the window is tomorrow");
            net.ok("gw", "/ip firewall filter set 0 time=0s-1d," + days[today]);
            assertEquals(0, net.received("lan", "10.0.0.10", 1), "the window is all of today");
        }
    }

    @Test
    void addSrcToAddressListShowsDynamicEntriesCountingDown() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall address-list add list=static-one address=10.9.9.9");
            net.ok("gw", "/ip firewall filter add chain=forward protocol=icmp action=add-src-to-address-list"
                    + " address-list=pingers address-list-timeout=1m");
            assertEquals(1, net.received("lan", "10.0.0.10", 1));
            String print = net.ok("gw", "/ip firewall address-list print");
            assertTrue(print.matches("(?s).*\\n0   static-one +10\\.9\\.9\\.9 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d *\\n.*"), print);
            // the request's source, then the reply's (the wan host), both dynamic, with time left
            assertTrue(print.matches("(?s).*\\n1 D pingers +10\\.0\\.0\\.10 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +(59s|1m) *\\n.*"), print);
            assertTrue(print.matches("(?s).*\\n2 D pingers +192\\.168\\.1\\.10 +.* +(59s|1m) *\\n.*"), print);
            net.lab.advance(30_000_000_000L);
            String later = net.ok("gw", "/ip firewall address-list print");
            assertTrue(later.matches("(?s).*\\n2 D pingers +192\\.168\\.1\\.10 +.* +(29s|30s) *\\n.*"), later);
            net.lab.advance(31_000_000_000L);
            String gone = net.ok("gw", "/ip firewall address-list print");
            assertTrue(!gone.contains("pingers"), "expired entries leave the list:\n" + gone);
        }
    }

    @Test
    void pingHonoursRoutingTable() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip route add dst-address=10.0.0.0/24 blackhole=yes routing-table=alt");
            assertEquals(1, net.received("gw", "10.0.0.10", 1), "main: the connected route");
            assertEquals(0, net.received("gw", "10.0.0.10 routing-table=alt", 1), "alt: blackholed");
            assertEquals(1, net.received("gw", "10.0.0.10 routing-table=main", 1));
            String unknown = net.fails("gw", "/ping 10.0.0.10 routing-table=nosuch count=1");
            assertTrue(unknown.contains("input does not match any value of routing-table"), unknown);
        }
    }
}
