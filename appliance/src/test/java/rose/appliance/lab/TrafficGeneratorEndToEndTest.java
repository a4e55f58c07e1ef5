package rose.appliance.lab;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code /tool traffic-generator} on a tester router looped through a device under test, as
 * RouterOS documents its use: frames leave the tester's ether1, the DUT routes them, and they come
 * back on the tester's ether2, where they are counted for loss and latency.
 *
 * <pre>
 *   tg ether1 10.0.1.2 --- ether1 dut ether2 --- 10.0.2.2 ether2 tg
 * </pre>
 */
class TrafficGeneratorEndToEndTest {
    static final String TOPOLOGY = String.join("\n",
            "routers:",
            "  tg:",
            "    config: |",
            "      /ip address add address=10.0.1.2/24 interface=ether1",
            "      /ip address add address=10.0.2.2/24 interface=ether2",
            "      /tool traffic-generator port add name=p1 interface=ether1",
            "      /tool traffic-generator port add name=p2 interface=ether2",
            "      /tool traffic-generator packet-template add name=t1 header-stack=mac,ip,udp ip-src=10.0.1.2 ip-dst=10.0.2.2 ip-gateway=10.0.1.1 port=p1 udp-dst-port=7000",
            "  dut:",
            "    config: |",
            "      /ip address add address=10.0.1.1/24 interface=ether1",
            "      /ip address add address=10.0.2.1/24 interface=ether2",
            "links:",
            "  - tg:ether1 dut:ether1",
            "  - tg:ether2 dut:ether2",
            "");

    private static LabNet lab() throws Exception { return new LabNet(Topology.parse(TOPOLOGY, null)); }

    /** The TOT row of stream {@code num}, split into its columns. */
    private static String[] tot(String out, int num) {
        for (String l : out.split("\n")) {
            String[] c = l.trim().split("\\s{2,}|\\s(?=\\S)");
            if (l.startsWith("TOT") && Integer.parseInt(l.substring(3, 8).trim()) == num) return l.substring(3).trim().split("\\s+");
        }
        throw new AssertionError("no TOT row for stream " + num + " in\n" + out);
    }

    private static long packets(String[] cols, int at) {
        // columns: num, tx-packet (grouped digits may span tokens) ... parse by re-joining digit groups is fragile,
        // so the test keeps counts under 1000 where grouping adds no spaces
        return Long.parseLong(cols[at]);
    }

    @Test
    void quickCountsEveryFrameThroughTheDeviceUnderTest() throws Exception {
        try (LabNet net = lab()) {
            String out = net.ok("tg", "/tool traffic-generator quick tx-template=t1 pps=200 packet-size=100 duration=3s");
            String[] tot = tot(out, 0);
            assertEquals(600, packets(tot, 1), "3 s at 200 pps\n" + out);
            assertEquals(600, packets(tot, 3), "every frame came back through the DUT\n" + out);
            assertEquals("0", tot[5], "nothing out of order\n" + out);
            assertEquals("0", tot[6], "no bad checksum\n" + out);
            assertEquals("0", tot[7], "nothing lost\n" + out);
            assertTrue(out.startsWith("SEQ  NUM  TX-PACKET"), out);
            assertTrue(out.lines().filter(l -> l.trim().startsWith("0 ") || l.trim().startsWith("1 ")).count() >= 2, "a row per second\n" + out);
            // the DUT forwarded them: its ether1 received 600 frames of 100 octets beyond the ARP exchange
            String stats = net.ok("tg", "/tool traffic-generator stats stream print");
            assertTrue(stats.contains("600"), stats);
            String ports = net.ok("tg", "/tool traffic-generator stats port print");
            assertTrue(ports.matches("(?s).*ether1\\s+600\\s+60000\\s+0.*"), "ether1 sent 600 frames, 60000 octets\n" + ports);
            assertTrue(ports.matches("(?s).*ether2\\s+0\\s+0\\s+600\\s+60000.*"), "ether2 received them\n" + ports);
            assertEquals("running: no", net.ok("tg", "/tool traffic-generator print").trim().lines()
                    .filter(l -> l.contains("running")).findFirst().orElseThrow().trim());
        }
    }

    @Test
    void aDutFirewallDropShowsAsLoss() throws Exception {
        try (LabNet net = lab()) {
            net.ok("dut", "/ip firewall filter add chain=forward protocol=udp dst-port=7000 action=drop");
            String out = net.ok("tg", "/tool traffic-generator quick tx-template=t1 pps=100 packet-size=80 duration=2s");
            String[] tot = tot(out, 0);
            assertEquals(200, packets(tot, 1), out);
            assertEquals(0, packets(tot, 3), "the DUT dropped them all\n" + out);
            assertEquals("200", tot[7], out);
            assertEquals("100.00%", tot[9], out);
            assertTrue(net.ok("dut", "/ip firewall filter print stats").contains("200"), "the DUT's rule counted them");
        }
    }

    @Test
    void configuredStreamsRunWithStartAndStop() throws Exception {
        try (LabNet net = lab()) {
            net.ok("tg", "/tool traffic-generator stream add name=s1 num=3 port=p1 tx-template=t1 pps=50 packet-size=60-64");
            net.ok("tg", "/tool traffic-generator start");
            assertTrue(net.ok("tg", "/tool traffic-generator print").contains("running: yes"));
            net.ok("tg", "/ping 10.0.2.2 count=2");        // time passes in the lab while the test runs
            net.ok("tg", "/tool traffic-generator stop");
            String stats = net.ok("tg", "/tool traffic-generator stats stream print detail");
            assertTrue(stats.contains("num=3"), stats);
            List<String> lines = stats.lines().toList();
            long tx = Long.parseLong(stats.replaceAll("(?s).*tx-packet=(\\d+).*", "$1"));
            long rx = Long.parseLong(stats.replaceAll("(?s).*rx-packet=(\\d+).*", "$1"));
            assertTrue(tx >= 50, "about 2 s at 50 pps: " + stats);
            assertEquals(tx, rx, "all returned: " + lines);
            assertTrue(net.ok("tg", "/tool traffic-generator print").contains("running: no"));
        }
    }

    @Test
    void badInputIsRefusedInRouterOsWords() throws Exception {
        try (LabNet net = lab()) {
            assertTrue(net.fails("tg", "/tool traffic-generator quick tx-template=nope").contains("input does not match any value of tx-template"));
            assertTrue(net.fails("tg", "/tool traffic-generator quick tx-template=t1 packet-size=40 duration=1s").contains("too small"));
            net.ok("tg", "/tool traffic-generator packet-template add name=far ip-src=10.0.1.2 ip-dst=10.9.9.9 ip-gateway=10.0.1.77 port=p1");
            String out = net.fails("tg", "/tool traffic-generator quick tx-template=far duration=1s");
            assertTrue(out.contains("no ARP reply from 10.0.1.77"), out);
            assertTrue(net.ok("tg", "/tool traffic-generator print").contains("running: no"), "nothing left running");
            assertEquals(5, net.received("tg", "10.0.2.1", 5), "the ports were put back: the router still forwards and answers");
        }
    }
}
