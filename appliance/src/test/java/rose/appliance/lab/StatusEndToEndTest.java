package rose.appliance.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** /ping's output, /ip route, /ip arp, /interface print stats and /tool sniffer from live state. */
class StatusEndToEndTest {
    @Test
    void pingPrintsRouterOsTableTimeoutsAndErrors() throws Exception {
        try (LabNet net = new LabNet()) {
            assertEquals("  SEQ HOST                                     SIZE TTL TIME       STATUS\n"
                    + "    0 10.0.0.10                                 100  63 0ms\n"
                    + "    1 10.0.0.10                                 100  63 0ms\n"
                    + "    sent=2 received=2 packet-loss=0% min-rtt=0ms avg-rtt=0ms max-rtt=0ms \n",
                    net.ok("lan", "/ping 10.0.0.10 count=2 size=100 interval=200ms"));
            assertEquals("  SEQ HOST                                     SIZE TTL TIME       STATUS\n"
                    + "    0 10.0.0.99                                                    timeout\n"
                    + "    sent=1 received=0 packet-loss=100% \n", net.ok("lan", "/ping 10.0.0.99 count=1"));
            assertTrue(net.ok("lan", "/ping 172.16.0.1 count=1").contains("    0 192.168.1.1"), "gw has no route: an ICMP error row");
            assertEquals("invalid value for argument address\n", net.fails("lan", "/ping nowhere"));
        }
    }

    @Test
    void routesArpAndInterfacesShowLiveState() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip route add dst-address=172.16.0.0/16 gateway=10.0.0.10");
            net.ok("gw", "/ip route add dst-address=172.17.0.0/16 gateway=10.9.9.9");
            String routes = net.ok("gw", "/ip route print");
            assertTrue(routes.matches("(?s).*\\n0  As 172\\.16\\.0\\.0/16 +10\\.0\\.0\\.10 +1\\n.*"), routes);
            assertTrue(routes.matches("(?s).*\\n1  Is 172\\.17\\.0\\.0/16 +10\\.9\\.9\\.9 +1\\n.*"), "gateway unreachable:\n" + routes);
            assertTrue(routes.matches("(?s).*\\n2 DAc 10\\.0\\.0\\.0/24 +ether1 +0\\n.*"), routes);
            assertTrue(routes.matches("(?s).*\\n3 DAc 192\\.168\\.1\\.0/24 +ether2 +0\\n.*"), routes);
            net.received("lan", "10.0.0.10", 1);
            String arp = net.ok("gw", "/ip arp print");
            assertTrue(arp.contains("DC 10.0.0.10") && arp.contains("DC 192.168.1.10"), arp);
            String stats = net.ok("gw", "/interface print stats");
            assertTrue(stats.matches("(?s).*\\n0 R ether1 +\\d+ +\\d+ +2 +2 .*"), stats);
            net.ok("gw", "/interface ethernet set ether2 name=lan");
            assertEquals(1, net.received("lan", "10.0.0.10", 1), "a renamed port keeps its wire and its address");
            assertTrue(net.ok("gw", "/ip address print").contains("192.168.1.1/24  192.168.1.0  lan"),
                    "the address follows the rename, as RouterOS does");
        }
    }

    @Test
    void snifferWritesPcap() throws Exception {
        try (LabNet net = new LabNet()) {
            Path dir = Files.createTempDirectory("rose-sniff");
            net.lab.appliance("gw").router().setFilesDir(dir);
            net.ok("gw", "/tool sniffer set file-name=wan.pcap filter-interface=ether1");
            net.ok("gw", "/tool sniffer start");
            net.received("lan", "10.0.0.10", 2);
            net.ok("gw", "/tool sniffer stop");
            byte[] pcap = Files.readAllBytes(dir.resolve("wan.pcap"));
            assertEquals(0xd4, pcap[0] & 0xff, "pcap magic (little-endian)");
            assertTrue(pcap.length > 24 + 4 * (16 + 70), "four ICMP frames and ARP: " + pcap.length);
        }
    }
}
