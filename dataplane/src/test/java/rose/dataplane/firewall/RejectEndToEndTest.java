package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;

/** action=reject on whole routers: what the sender gets back for each reject-with (reference 03 §4). */
class RejectEndToEndTest {
    private static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10;

    @Test
    void tcpResetAnswersASynWithRstAckAcknowledgingIt() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=reject protocol=tcp dst-port=80 reject-with=tcp-reset");
        net.hostA.send(Pkt.tcp("10.0.1.10", "10.0.2.10", 40000, 80, SYN, 1000, 0, new byte[0]));
        net.run();
        assertEquals(0, net.hostB.take().size(), "the SYN does not reach the server");
        List<byte[]> got = net.hostA.take();
        assertEquals(1, got.size(), "the sender gets exactly one answer");
        byte[] rst = got.get(0);
        assertEquals(6, Pkt.proto(rst));
        assertEquals(Pkt.ip("10.0.2.10"), Pkt.src(rst), "from the address the SYN was sent to");
        assertEquals(Pkt.ip("10.0.1.10"), Pkt.dst(rst));
        assertEquals(80, Pkt.sport(rst));
        assertEquals(40000, Pkt.dport(rst));
        assertEquals(RST | ACK, Pkt.tcpFlags(rst));
        assertEquals(0, Pkt.tcpSeq(rst));
        assertEquals(1001, Pkt.tcpAck(rst), "SEG.SEQ + 1 for the SYN");
        assertTrue(Pkt.headerChecksumOk(rst));
        assertEquals(0, Pkt.l4Checksum(rst), "TCP checksum verifies");
    }

    @Test
    void tcpResetToASegmentWithAckTakesItsSequenceFromThatAck() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=reject protocol=tcp reject-with=tcp-reset");
        net.hostA.send(Pkt.tcp("10.0.1.10", "10.0.2.10", 40001, 22, PSH | ACK, 5000, 0xfffffff0L, new byte[10]));
        net.hostA.send(Pkt.tcp("10.0.1.10", "10.0.2.10", 40002, 22, FIN, 7000, 0, new byte[3]));
        net.hostA.send(Pkt.tcp("10.0.1.10", "10.0.2.10", 40003, 22, RST, 9000, 0, new byte[0]));
        net.run();
        List<byte[]> got = net.hostA.take();
        assertEquals(2, got.size(), "no reset answers a reset");
        byte[] r1 = got.get(0), r2 = got.get(1);
        assertEquals(RST, Pkt.tcpFlags(r1));
        assertEquals(0xfffffff0L, Pkt.tcpSeq(r1));
        assertEquals(RST | ACK, Pkt.tcpFlags(r2));
        assertEquals(7000 + 3 + 1, Pkt.tcpAck(r2), "payload plus one for the FIN");
        assertEquals(0, Pkt.l4Checksum(r1));
        assertEquals(0, Pkt.l4Checksum(r2));
    }

    @Test
    void tcpResetForUdpRejectsSilently() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=reject reject-with=tcp-reset");
        net.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 1000, 53, new byte[4]));
        net.run();
        assertEquals(0, net.hostA.take().size());
        assertEquals(0, net.hostB.take().size());
        assertEquals(1, net.gw.counters().drops("fw-filter-forward", "reject"));
    }

    @Test
    void eachIcmpRejectWithSendsItsTypeAndCodeFromTheRouter() {
        int[][] expected = {{3, 0}, {3, 1}, {3, 2}, {3, 3}, {3, 9}, {3, 10}, {3, 13}};
        String[] words = {"icmp-network-unreachable", "icmp-host-unreachable", "icmp-protocol-unreachable",
                "icmp-port-unreachable", "icmp-net-prohibited", "icmp-host-prohibited", "icmp-admin-prohibited"};
        for (int k = 0; k < words.length; k++) {
            FirewallNet net = new FirewallNet();
            net.rules(Table.FILTER, "chain=forward action=reject protocol=udp reject-with=" + words[k]);
            byte[] sent = Pkt.udp("10.0.1.10", "10.0.2.10", 1000 + k, 53, new byte[8]);
            net.hostA.send(sent);
            net.run();
            List<byte[]> got = net.hostA.take();
            assertEquals(1, got.size(), words[k]);
            byte[] e = got.get(0);
            assertEquals(expected[k][0], Pkt.icmpType(e), words[k]);
            assertEquals(expected[k][1], Pkt.icmpCode(e), words[k]);
            assertEquals(Pkt.ip("10.0.1.1"), Pkt.src(e), words[k] + " comes from the router");
            assertEquals(Pkt.ip("10.0.2.10"), rose.dataplane.buffer.Bytes.i32(e, 28 + 16), "quotes the rejected datagram");
        }
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=reject protocol=udp");
        net.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 999, 53, new byte[8]));
        net.run();
        assertEquals(0, Pkt.icmpCode(net.hostA.take().get(0)), "no reject-with: icmp-network-unreachable");
    }
}
