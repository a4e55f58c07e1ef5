package rose.appliance.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.Bytes;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.ip4.Ip4;

/**
 * endpoint-independent-nat, p2p and sniff-pc typed at the console of a lab gateway: the NAT rules
 * reach the dataplane and a UDP exchange shows its ein states in {@code /ip firewall connection
 * print detail}; what ROSE cannot do is logged with the reason, not silently dropped.
 */
class EndpointIndependentNatConsoleTest {
    /** A UDP datagram without checksum (0: none, RFC 768) queued on {@code node}. */
    private static void udp(LabNet net, String node, String src, int sport, String dst, int dport) {
        byte[] p = new byte[40];
        Bytes.put16(p, 20, sport);
        Bytes.put16(p, 22, dport);
        Bytes.put16(p, 24, 20);
        Ip4.writeHeader(p, 0, 40, 1, 0, 64, Ip4.PROTO_UDP, Ip4Address.parse(src), Ip4Address.parse(dst));
        net.lab.appliance(node).dataplane().router().send(p);
        net.lab.settle();   // the lab moves it through both routers
    }

    private static String log(LabNet net) {
        return net.lab.appliance("gw").router().log().entries().stream().map(e -> e.message()).collect(Collectors.joining("\n"));
    }

    @Test
    void fullConeRulesApplyAndConnectionPrintShowsTheEinStates() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall nat add chain=srcnat action=endpoint-independent-nat protocol=udp out-interface=ether1");
            net.ok("gw", "/ip firewall nat add chain=dstnat action=endpoint-independent-nat protocol=udp in-interface=ether1");
            net.received("lan", "10.0.0.10", 1);                       // ARP on both sides
            udp(net, "lan", "192.168.1.10", 5000, "10.0.0.10", 3478);   // out: the mapping 10.0.0.1:5000
            udp(net, "wan", "10.0.0.10", 7777, "10.0.0.1", 5000);       // in, from a port never contacted
            String detail = net.ok("gw", "/ip firewall connection print detail");
            assertTrue(detail.contains("connection-nat-state=\"srcnat,ein-snat\""), detail);
            assertTrue(detail.contains("connection-nat-state=\"dstnat,ein-dnat\""), detail);
            assertTrue(detail.contains("reply-src-address=\"192.168.1.10:5000\""), "the inbound connection leads to the LAN host:\n" + detail);
            String rules = net.ok("gw", "/ip firewall nat print");
            assertFalse(java.util.regex.Pattern.compile("(?m)^ *\\d+ +X?I").matcher(rules).find(), "no rule flagged invalid:\n" + rules);
            assertFalse(log(net).contains("not applied: ip firewall nat"), log(net));
        }
    }

    @Test
    void whatCannotBeDoneIsLoggedWithTheReason() throws Exception {
        try (LabNet net = new LabNet()) {
            net.ok("gw", "/ip firewall filter add chain=forward action=drop p2p=blubster");
            net.ok("gw", "/ip firewall mangle add chain=prerouting action=sniff-pc");
            net.ok("gw", "/ip firewall nat add chain=srcnat action=endpoint-independent-nat protocol=tcp");
            net.received("lan", "10.0.0.10", 1);
            String log = log(net);
            assertTrue(log.contains("p2p=blubster is not supported"), log);
            assertTrue(log.contains("sniff-pc is not supported"), log);
            assertTrue(log.contains("endpoint-independent-nat works only with protocol=udp"), log);
        }
    }
}
