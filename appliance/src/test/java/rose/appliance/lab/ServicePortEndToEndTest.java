package rose.appliance.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import rose.dataplane.conntrack.ConnectionType;
import rose.dataplane.ip4.Checksum;

/**
 * {@code /ip firewall service-port} and {@code connection-type} through the whole appliance:
 * the console's settings reach the dataplane's helpers, an FTP control connection from the
 * LAN host (segments injected at the hosts, as a client and server would send them) makes the
 * server's data connection related through the masquerade, and the connection table shows it.
 */
class ServicePortEndToEndTest {
    private static final int SYN = 0x02, ACK = 0x10, PSH_ACK = 0x18, SYN_ACK = 0x12;

    @Test
    void printShowsRouterOsHelpersAndTheirPorts() throws Exception {
        try (LabNet net = new LabNet()) {
            String print = net.ok("gw", "/ip firewall service-port print");
            assertTrue(print.matches("(?s).*\\n0 +ftp +21 *\\n.*"), print);
            assertTrue(print.matches("(?s).*\\n4 +sip +5060 *\\n +5061 *\\n.*"), "a list prints one port a line:\n" + print);
            for (String name : new String[] {"ftp", "tftp", "irc", "h323", "sip", "pptp", "udplite", "dccp", "sctp"})
                assertTrue(print.contains(name), name + " in\n" + print);
            net.ok("gw", "/ip firewall service-port set ftp ports=21,2121");
            net.ok("gw", "/ip firewall service-port disable tftp");
            var ports = net.lab.appliance("gw").dataplane().firewall().connTable().servicePorts();
            assertEquals(ConnectionType.FTP.id(), ports.typeFor(6, 2121), "the new port reached the dataplane");
            assertFalse(ports.enabled(ConnectionType.TFTP.id()), "disabled in the dataplane");
            String log = net.ok("gw", "/log print").replaceAll("\\s+", "");   // the console wraps lines mid-word
            assertTrue(log.contains("service-porth323:ROSEhasnoh323helperyet"), log);
            assertFalse(log.contains("service-portsip:"), "sip is built:\n" + log);
        }
    }

    @Test
    void sipSettingsReachTheDataplane() throws Exception {
        try (LabNet net = new LabNet()) {
            var table = net.lab.appliance("gw").dataplane().firewall().connTable();
            assertEquals(ConnectionType.SIP.id(), table.servicePorts().typeFor(17, 5061), "enabled by default on 5060,5061");
            assertTrue(table.servicePorts().sipDirectMedia());
            assertEquals(3600_000_000_000L, table.servicePorts().sipTimeout(), "sip-timeout 1h");
            net.ok("gw", "/ip firewall service-port set sip sip-direct-media=no sip-timeout=10m ports=5080");
            assertFalse(table.servicePorts().sipDirectMedia());
            assertEquals(600_000_000_000L, table.servicePorts().sipTimeout());
            assertEquals(ConnectionType.SIP.id(), table.servicePorts().typeFor(17, 5080));
            assertEquals(0, table.servicePorts().typeFor(17, 5060));
            net.ok("gw", "/ip firewall service-port disable sip");
            assertFalse(table.servicePorts().enabled(ConnectionType.SIP.id()));
            assertEquals(0, table.servicePorts().typeFor(17, 5080));
        }
    }

    @Test
    void connectionTypeOfAHelperRosesDoesNotHaveIsRefusedWithTheReason() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall filter add chain=forward connection-type=h323 action=drop");
            net.ok("gw", "/ip firewall filter add chain=forward connection-type=ftp action=accept");
            net.ok("gw", "/ip firewall filter add chain=forward connection-type=sip action=accept");
            String log = net.ok("gw", "/log print").replaceAll("\\s+", "");   // the console wraps lines mid-word
            assertTrue(log.contains("connection-type=h323:ROSEhasnoh323helperyet"), log);
            assertFalse(log.contains("connection-type=ftp"), log);
            assertFalse(log.contains("connection-type=sip"), "sip is built:\n" + log);
        }
    }

    @Test
    void activeFtpThroughTheMasqueradeIsRelatedAndShownInTheConnectionTable() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall filter add chain=forward connection-state=established,related action=accept");
            net.ok("gw", "/ip firewall filter add chain=forward connection-state=new protocol=tcp dst-port=21 action=accept");
            net.ok("gw", "/ip firewall filter add chain=forward action=drop");
            net.ok("gw", "/ip firewall nat add chain=srcnat out-interface=ether1 action=masquerade");
            var lan = net.lab.appliance("lan").dataplane().router();
            var wan = net.lab.appliance("wan").dataplane().router();
            lan.send(tcp("192.168.1.10", "10.0.0.10", 40000, 21, SYN, 1000, 0, ""));
            net.lab.settle();
            wan.send(tcp("10.0.0.10", "10.0.0.1", 21, 40000, SYN_ACK, 5000, 1001, ""));
            net.lab.settle();
            lan.send(tcp("192.168.1.10", "10.0.0.10", 40000, 21, ACK, 1001, 5001, ""));
            lan.send(tcp("192.168.1.10", "10.0.0.10", 40000, 21, PSH_ACK, 1001, 5001, "PORT 192,168,1,10,156,65\r\n"));
            net.lab.settle();
            wan.send(tcp("10.0.0.10", "10.0.0.1", 20, 40001, SYN, 9000, 0, ""));
            net.lab.settle();
            String stats = net.ok("gw", "/ip firewall filter print stats");
            assertTrue(stats.matches("(?s).*\\n2 +forward +drop +0 +0\\n.*"), "nothing dropped:\n" + stats);
            String detail = net.ok("gw", "/ip firewall connection print detail");
            assertTrue(detail.contains("connection-type=\"ftp\""), detail);
            assertTrue(detail.matches("(?s).*\\d+ +E.*protocol=\"tcp\" src-address=\"10\\.0\\.0\\.10:20\".*"), "the data connection, expected:\n" + detail);
            assertTrue(detail.contains("reply-src-address=\"192.168.1.10:40001\""), "translated back to the client:\n" + detail);

            // without the helper the same exchange leaves the data connection new, and the filter drops it
            net.ok("gw", "/ip firewall service-port disable ftp");
            lan.send(tcp("192.168.1.10", "10.0.0.10", 40010, 21, SYN, 1000, 0, ""));
            net.lab.settle();
            wan.send(tcp("10.0.0.10", "10.0.0.1", 21, 40010, SYN_ACK, 5000, 1001, ""));
            net.lab.settle();
            lan.send(tcp("192.168.1.10", "10.0.0.10", 40010, 21, ACK, 1001, 5001, ""));
            lan.send(tcp("192.168.1.10", "10.0.0.10", 40010, 21, PSH_ACK, 1001, 5001, "PORT 192,168,1,10,156,75\r\n"));
            net.lab.settle();
            wan.send(tcp("10.0.0.10", "10.0.0.1", 20, 40011, SYN, 9000, 0, ""));
            wan.send(tcp("10.0.0.10", "192.168.1.10", 20, 40011, SYN, 9000, 0, ""));
            net.lab.settle();
            stats = net.ok("gw", "/ip firewall filter print stats");
            assertTrue(stats.matches("(?s).*\\n2 +forward +drop +\\d+ +1\\n.*"), "the data connection dropped:\n" + stats);
        }
    }

    /** A checksummed TCP segment (20-byte header) carrying {@code text}. */
    static byte[] tcp(String src, String dst, int sport, int dport, int flags, long seq, long ack, String text) {
        byte[] payload = text.getBytes(StandardCharsets.ISO_8859_1);
        int total = 40 + payload.length;
        byte[] p = new byte[total];
        p[0] = 0x45; put16(p, 2, total); p[6] = 0x40; p[8] = 64; p[9] = 6;
        put32(p, 12, addr(src)); put32(p, 16, addr(dst));
        put16(p, 10, Checksum.compute(p, 0, 20));
        put16(p, 20, sport); put16(p, 22, dport); put32(p, 24, (int) seq); put32(p, 28, (int) ack);
        p[32] = 0x50; p[33] = (byte) flags; put16(p, 34, 65535);
        System.arraycopy(payload, 0, p, 40, payload.length);
        long acc = Checksum.sum(p, 12, 8, 0) + 6 + (total - 20);
        put16(p, 36, ~Checksum.fold(Checksum.sum(p, 20, total - 20, acc)) & 0xffff);
        return p;
    }

    private static int addr(String s) {
        String[] o = s.split("\\.");
        return (Integer.parseInt(o[0]) << 24) | (Integer.parseInt(o[1]) << 16) | (Integer.parseInt(o[2]) << 8) | Integer.parseInt(o[3]);
    }

    private static void put16(byte[] b, int o, int v) { b[o] = (byte) (v >>> 8); b[o + 1] = (byte) v; }

    private static void put32(byte[] b, int o, int v) { put16(b, o, v >>> 16); put16(b, o + 2, v); }
}
