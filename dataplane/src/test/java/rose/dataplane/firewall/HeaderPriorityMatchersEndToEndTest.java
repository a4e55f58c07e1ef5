package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;
import rose.dataplane.TestHost;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.ip4.Checksum;

/**
 * tos, ipv4-options, priority and ingress-priority (reference 03 §3) and mangle's set-priority /
 * change-dscp from-priority on a whole router over memory wires: what reaches hostB is asserted.
 */
class HeaderPriorityMatchersEndToEndTest {
    /** A UDP datagram from hostA to hostB with the given TOS byte. */
    private static byte[] udp(int sport, int tos) {
        byte[] p = Pkt.udp("10.0.1.10", "10.0.2.10", sport, 53, "x".getBytes(StandardCharsets.ISO_8859_1));
        p[1] = (byte) tos;
        return reChecksum(p);
    }

    private static byte[] reChecksum(byte[] p) {
        Bytes.put16(p, 10, 0);
        Bytes.put16(p, 10, Checksum.compute(p, 0, (p[0] & 0xf) * 4));
        return p;
    }

    /** The datagram with IPv4 options (already padded to a multiple of 4) inserted after the fixed header. */
    private static byte[] withOptions(byte[] p, int... options) {
        byte[] q = new byte[p.length + options.length];
        System.arraycopy(p, 0, q, 0, 20);
        for (int i = 0; i < options.length; i++) q[20 + i] = (byte) options[i];
        System.arraycopy(p, 20, q, 20 + options.length, p.length - 20);
        q[0] = (byte) (0x40 | ((20 + options.length) / 4));
        Bytes.put16(q, 2, q.length);
        return reChecksum(q);
    }

    private static List<byte[]> deliver(FirewallNet net, TestHost from, byte[] p) {
        from.send(p);
        net.run();
        return net.hostB.take();
    }

    private static int delivered(FirewallNet net, byte[] p) { return deliver(net, net.hostA, p).size(); }

    @Test
    void tosComparesTheWholeByteUnderTheMask() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop tos=184");
        assertEquals(0, delivered(net, udp(1000, 184)), "EF with ECN 0");
        assertEquals(1, delivered(net, udp(1001, 185)), "ECN bit set: the whole byte differs");
        assertEquals(1, delivered(net, udp(1002, 0)));
        net.rules(Table.FILTER, "chain=forward action=drop tos=184/252");
        assertEquals(0, delivered(net, udp(1003, 185)), "mask 252 ignores ECN");
        assertEquals(1, delivered(net, udp(1004, 160)));
        net.rules(Table.FILTER, "chain=forward action=drop tos=!184/252");
        assertEquals(1, delivered(net, udp(1005, 186)));
        assertEquals(0, delivered(net, udp(1006, 0)), "negated: everything else");
    }

    @Test
    void ipv4OptionsMatchEachOptionAndItsAbsence() {
        FirewallNet net = new FirewallNet();
        byte[] plain = udp(2000, 0);
        byte[] routerAlert = withOptions(udp(2001, 0), 148, 4, 0, 0);
        byte[] recordRoute = withOptions(udp(2002, 0), 1, 7, 7, 4, 0, 0, 0, 0, 0, 0, 0, 0);   // NOP, RR with one slot
        byte[] loose = withOptions(udp(2003, 0), 131, 7, 4, 10, 0, 2, 10, 0);
        byte[] strict = withOptions(udp(2004, 0), 137, 7, 4, 10, 0, 2, 10, 0);
        byte[] timestamp = withOptions(udp(2005, 0), 68, 4, 5, 0);
        byte[] padding = withOptions(udp(2006, 0), 1, 1, 1, 0);                              // NOPs and EOL only
        byte[][] all = {plain, routerAlert, recordRoute, loose, strict, timestamp, padding};
        String[][] cases = {
            // value, which of all[] it drops ("1" = dropped)
            {"any", "0111110"}, {"none", "1000001"},
            {"router-alert", "0100000"}, {"no-router-alert", "1011111"},
            {"record-route", "0010000"}, {"no-record-route", "1101111"},
            {"loose-source-routing", "0001000"}, {"strict-source-routing", "0000100"},
            {"no-source-routing", "1110011"}, {"timestamp", "0000010"}, {"no-timestamp", "1111101"},
        };
        int port = 3000;
        for (String[] c : cases) {
            net.rules(Table.FILTER, "chain=forward action=drop protocol=udp ipv4-options=" + c[0]);
            for (int i = 0; i < all.length; i++) {
                byte[] p = all[i].clone();
                int l4 = (p[0] & 0xf) * 4;
                Bytes.put16(p, l4, port++);      // a new flow each time
                Bytes.put16(p, l4 + 6, 0);       // UDP checksum optional over IPv4
                int expected = c[1].charAt(i) == '1' ? 0 : 1;
                assertEquals(expected, delivered(net, p), "ipv4-options=" + c[0] + " on packet " + i);
            }
        }
    }

    @Test
    void setPriorityReallySetsThePriorityLaterChainsMatch() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.MANGLE, "chain=prerouting action=set-priority new-priority=5 protocol=udp dst-port=53 src-port=4000-4999");
        net.rules(Table.FILTER, "chain=forward action=drop priority=5");
        assertEquals(0, delivered(net, udp(4000, 0)), "priority 5 set in prerouting, matched in forward");
        assertEquals(1, delivered(net, udp(5000, 0)), "not set: priority 0");
        net.rules(Table.FILTER, "chain=forward action=drop priority=!5");
        assertEquals(1, delivered(net, udp(4001, 0)));
        assertEquals(0, delivered(net, udp(5001, 0)));
        net.rules(Table.FILTER, "chain=forward action=drop priority=0");
        assertEquals(0, delivered(net, udp(5002, 0)), "the default priority is 0");
    }

    @Test
    void setPriorityFromDscpAndChangeDscpFromPriority() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.MANGLE,
                "chain=prerouting action=set-priority new-priority=from-dscp",
                "chain=forward action=set-priority new-priority=from-dscp-high-3-bits protocol=udp src-port=6000",
                "chain=postrouting action=change-dscp new-dscp=from-priority protocol=udp src-port=6001",
                "chain=postrouting action=change-dscp new-dscp=from-priority-to-high-3-bits protocol=udp src-port=6000");
        net.rules(Table.FILTER, "chain=forward action=accept priority=46 protocol=udp src-port=6001",
                "chain=forward action=accept priority=5 protocol=udp src-port=6000",
                "chain=forward action=drop protocol=udp");
        // DSCP 46 (EF): priority 46 in forward, written back unchanged by from-priority
        List<byte[]> ef = deliver(net, net.hostA, udp(6001, 46 << 2));
        assertEquals(1, ef.size());
        assertEquals(46 << 2, ef.get(0)[1] & 0xff);
        // DSCP 40 (CS5): class bits 5 in forward; from-priority-to-high-3-bits writes DSCP 5 << 3 = 40 back
        List<byte[]> cs5 = deliver(net, net.hostA, udp(6000, 42 << 2));
        assertEquals(1, cs5.size(), "priority 5 from DSCP 42's class bits");
        assertEquals(40 << 2, cs5.get(0)[1] & 0xff, "DSCP rewritten from priority 5's three bits");
        assertEquals(1, net.packets(Table.FILTER, 2));
        assertEquals(0, delivered(net, udp(6002, 46 << 2)), "other ports dropped");
    }

    @Test
    void ingressPriorityIsTheDscpAsReceivedEvenAfterMangleChangesIt() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.MANGLE, "chain=prerouting action=change-dscp new-dscp=0");
        net.rules(Table.FILTER, "chain=forward action=drop ingress-priority=46");
        List<byte[]> kept = deliver(net, net.hostA, udp(7000, 10 << 2));
        assertEquals(1, kept.size());
        assertEquals(0, kept.get(0)[1] & 0xff, "change-dscp applied");
        assertEquals(0, delivered(net, udp(7001, 46 << 2)), "ingress priority 46 although DSCP is now 0");
        net.rules(Table.MANGLE, "chain=prerouting action=set-priority new-priority=from-ingress");
        net.rules(Table.FILTER, "chain=forward action=drop priority=!10");
        assertEquals(1, delivered(net, udp(7002, 10 << 2)), "from-ingress copied 10");
        assertEquals(0, delivered(net, udp(7003, 12 << 2)));
    }

    @Test
    void setPriorityWithoutNewPriorityIsInvalidAndBadValuesAreRefused() {
        FirewallNet net = new FirewallNet();
        TableProgram p = net.rules(Table.MANGLE, "chain=prerouting action=set-priority");
        assertEquals(List.of(1L), p.invalidRuleIds());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RuleSpecParser.parse(1, "chain=forward priority=64"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RuleSpecParser.parse(1, "chain=forward tos=256"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RuleSpecParser.parse(1, "chain=forward ipv4-options=lsrr"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RuleSpecParser.parse(1, "chain=prerouting action=set-priority new-priority=from-vlan"));
    }

    @Test
    void stripIpv4OptionsRemovesThemAndKeepsThePacketValid() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.MANGLE, "chain=prerouting action=strip-ipv4-options protocol=udp dst-port=53");
        net.rules(Table.FILTER, "chain=forward action=drop ipv4-options=any");
        byte[] plain = udp(8000, 0);
        Bytes.put16(plain, 26, 0);
        byte[] withRa = withOptions(plain.clone(), 148, 4, 0, 0, 1, 1, 7, 3, 4, 0, 0, 0);
        List<byte[]> got = deliver(net, net.hostA, withRa);
        assertEquals(1, got.size(), "options gone before filter forward looked");
        byte[] d = got.get(0);
        assertEquals(0x45, d[0] & 0xff);
        assertEquals(plain.length, d.length);
        assertEquals(plain.length, Bytes.u16(d, 2));
        org.junit.jupiter.api.Assertions.assertTrue(Pkt.headerChecksumOk(d));
        assertEquals(63, Pkt.ttl(d));
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(plain, 20, plain.length),
                java.util.Arrays.copyOfRange(d, 20, d.length), "UDP header and payload untouched");
        byte[] other = withOptions(udp(8001, 0), 148, 4, 0, 0);
        Bytes.put16(other, 24 + 2, 54);
        other = reChecksum(other);
        assertEquals(0, delivered(net, other), "not stripped (dst-port 54): dropped for its options");
    }
}
