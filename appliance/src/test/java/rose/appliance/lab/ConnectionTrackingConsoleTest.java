package rose.appliance.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import rose.dataplane.conntrack.ConnTable;
import rose.dataplane.conntrack.ConnTimeouts;

/**
 * {@code /ip firewall connection tracking} typed at a lab gateway's console: each setting
 * reaches the dataplane's connection table, print shows what the table is doing (active-ipv4,
 * total-entries, max-entries), export round-trips, and values ROSE cannot honour are refused in
 * RouterOS's words with the reason, changing nothing.
 */
class ConnectionTrackingConsoleTest {
    private static final long S = 1_000_000_000L;

    private static ConnTable table(LabNet net) { return net.lab.appliance("gw").dataplane().firewall().connTable(); }

    private static String print(LabNet net) { return net.ok("gw", "/ip firewall connection tracking print"); }

    private static String log(LabNet net) {
        return net.lab.appliance("gw").router().log().entries().stream().map(e -> e.message()).collect(Collectors.joining("\n"));
    }

    @Test
    void autoTracksNothingUntilTheFirstFilterRule() throws Exception {
        try (LabNet net = new LabNet()) {
            String p = print(net);
            assertTrue(p.contains("enabled: auto"), p);
            assertTrue(p.contains("active-ipv4: no"), p);
            assertEquals(3, net.received("lan", "10.0.0.10", 3));
            assertTrue(print(net).contains("total-entries: 0"), "pings flowed, nothing tracked:\n" + print(net));
            assertEquals(0, table(net).size());
            assertTrue(p.contains("max-entries: " + net.lab.appliance("gw").dataplane().sizes().maxConnections()), p);

            net.ok("gw", "/ip firewall filter add chain=forward action=accept");
            assertEquals(3, net.received("lan", "10.0.0.10", 3));
            p = print(net);
            assertTrue(p.contains("active-ipv4: yes"), p);
            assertTrue(p.contains("total-entries: 1"), "the ping is one icmp connection:\n" + p);

            net.ok("gw", "/ip firewall connection tracking set enabled=no");
            assertTrue(print(net).contains("active-ipv4: no"), print(net));
            net.ok("gw", "/ip firewall connection tracking set enabled=yes");
            net.ok("gw", "/ip firewall filter remove [find]");
            assertTrue(print(net).contains("active-ipv4: yes"), "enabled=yes tracks with no rule:\n" + print(net));
        }
    }

    @Test
    void everyTimeoutReachesTheTableAndExportRoundTrips() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall connection tracking set tcp-syn-sent-timeout=1s tcp-syn-received-timeout=2s"
                    + " tcp-established-timeout=3s tcp-fin-wait-timeout=4s tcp-close-wait-timeout=5s tcp-last-ack-timeout=6s"
                    + " tcp-time-wait-timeout=7s tcp-close-timeout=8s udp-timeout=9s udp-stream-timeout=11s icmp-timeout=12s"
                    + " generic-timeout=13s loose-tcp-tracking=no");
            ConnTimeouts t = table(net).timeouts();
            assertEquals(new ConnTimeouts(1 * S, 2 * S, 3 * S, 4 * S, 5 * S, 6 * S, 7 * S, 8 * S, 9 * S, 11 * S, 12 * S, 13 * S), t);
            assertFalse(table(net).looseTcpTracking());
            String export = net.ok("gw", "/ip firewall connection tracking export");
            assertTrue(export.contains("udp-timeout=9s") && export.contains("generic-timeout=13s")
                    && export.contains("loose-tcp-tracking=no"), export);

            // the ping's connection lives for the new icmp-timeout
            net.ok("gw", "/ip firewall connection tracking set enabled=yes");
            assertEquals(1, net.received("lan", "10.0.0.10", 1));
            String conns = net.ok("gw", "/ip firewall connection print detail");
            assertTrue(conns.matches("(?s).*timeout=(1[0-2]|[0-9])s.*"), "icmp-timeout=12s:\n" + conns);

            net.ok("gw", "/ip firewall connection tracking set udp-timeout=10s loose-tcp-tracking=yes");
            assertEquals(ConnTimeouts.DEFAULTS.udp(), table(net).timeouts().udp());
            assertTrue(table(net).looseTcpTracking());
        }
    }

    @Test
    void badValuesAndValuesRoseCannotHonourAreRefusedAndChangeNothing() throws Exception {
        try (LabNet net = new LabNet()) {
            String before = print(net);
            String e = net.fails("gw", "/ip firewall connection tracking set liberal-tcp-tracking=no");
            assertTrue(e.contains("failure: liberal-tcp-tracking=no is not supported") && e.contains("always liberal"), e);
            e = net.fails("gw", "/ip firewall connection tracking set tcp-unacked-timeout=1m");
            assertTrue(e.contains("cannot tell unacknowledged data"), e);
            e = net.fails("gw", "/ip firewall connection tracking set tcp-max-retrans-timeout=1m");
            assertTrue(e.contains("cannot count retransmissions"), e);
            net.fails("gw", "/ip firewall connection tracking set enabled=maybe");
            net.fails("gw", "/ip firewall connection tracking set udp-timeout=soon");
            net.fails("gw", "/ip firewall connection tracking set total-entries=5");
            assertEquals(before, print(net), "nothing changed");
            assertEquals(ConnTimeouts.DEFAULTS, table(net).timeouts());
            // the values ROSE honours are accepted (a verbose export from RouterOS imports)
            net.ok("gw", "/ip firewall connection tracking set liberal-tcp-tracking=yes tcp-unacked-timeout=5m tcp-max-retrans-timeout=5m");
        }
    }

    @Test
    void enabledNoMakesNatInertAndSaysSo() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall nat add chain=srcnat action=masquerade out-interface=ether1");
            net.ok("gw", "/ip firewall connection tracking set enabled=no");
            assertEquals(2, net.received("lan", "10.0.0.10", 2), "routed untranslated (wan routes back via gw)");
            assertEquals(0, table(net).size());
            assertTrue(log(net).contains("connection tracking is disabled (enabled=no), so nat rules translate nothing"), log(net));
        }
    }
}
