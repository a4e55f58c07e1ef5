package rose.dataplane.conntrack.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;
import rose.dataplane.TestHost;
import rose.dataplane.conntrack.ConnEntry;
import rose.dataplane.conntrack.ConnectionType;
import rose.dataplane.conntrack.ServicePorts;
import rose.dataplane.firewall.Table;

/**
 * FTP through a masquerading, stateful gateway on memory wires, with real control-connection
 * bytes: hostA (10.0.1.10, LAN) is the client, hostB (10.0.2.10) the server, ether2's
 * 10.0.2.1 the masquerade address. The forward chain accepts only established/related and new
 * connections to port 21, so a data connection passes only if the helper related it.
 */
class FtpHelperEndToEndTest {
    static final int SYN = 0x02, ACK = 0x10, PSH_ACK = 0x18, SYN_ACK = 0x12;
    static final String CLIENT = "10.0.1.10", SERVER = "10.0.2.10", MASQ = "10.0.2.1";

    static FirewallNet gateway() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER,
                "chain=forward action=accept connection-state=established,related",
                "chain=forward action=accept connection-state=new protocol=tcp dst-port=21",
                "chain=forward action=drop");
        net.rules(Table.NAT, "chain=srcnat action=masquerade out-interface=ether2");
        return net;
    }

    static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    static String payload(byte[] p) {
        int off = (p[0] & 0xf) * 4 + ((p[(p[0] & 0xf) * 4 + 12] & 0xff) >>> 4) * 4;
        return new String(p, off, p.length - off, StandardCharsets.ISO_8859_1);
    }

    static byte[] one(FirewallNet net, TestHost from, TestHost to, byte[] p) {
        from.send(p);
        net.run();
        List<byte[]> got = to.take();
        assertEquals(1, got.size(), "one segment delivered");
        return got.get(0);
    }

    static int none(FirewallNet net, TestHost from, TestHost to, byte[] p) {
        from.send(p);
        net.run();
        return to.take().size();
    }

    /** Client port {@code cport} to the server's 21, three-way handshake through the gateway. */
    static void handshake(FirewallNet net, int cport) {
        byte[] syn = one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, cport, 21, SYN, 1000, 0, new byte[0]));
        assertEquals(Pkt.ip(MASQ), Pkt.src(syn), "masqueraded");
        one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, 21, cport, SYN_ACK, 5000, 1001, new byte[0]));
        one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, cport, 21, ACK, 1001, 5001, new byte[0]));
    }

    @Test
    void activeModePortIsRewrittenToTheMasqueradeAddressAndSequenceNumbersFollow() {
        FirewallNet net = gateway();
        handshake(net, 40000);
        String port = "PORT 10,0,1,10,156,65\r\n";                // 40001 on the client's own address
        byte[] atServer = one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40000, 21, PSH_ACK, 1001, 5001, ascii(port)));
        assertEquals("PORT 10,0,2,1,156,65\r\n", payload(atServer), "what the server can reach");
        assertEquals(0, Pkt.l4Checksum(atServer), "TCP checksum redone");
        assertTrue(Pkt.headerChecksumOk(atServer));
        assertEquals(40 + port.length() - 1, atServer.length, "one byte shorter, IP length follows");
        assertEquals(1001, Pkt.tcpSeq(atServer), "the rewritten segment keeps its own seq");

        // the next segment from the client is shifted by the byte the rewrite removed
        byte[] list = one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40000, 21, PSH_ACK, 1001 + port.length(), 5001, ascii("LIST\r\n")));
        assertEquals(1001 + port.length() - 1, Pkt.tcpSeq(list));
        assertEquals(0, Pkt.l4Checksum(list));
        // the server acknowledges what it saw; the client gets the ack in its own numbering
        long serverAck = 1001 + port.length() - 1 + 6;
        byte[] ack = one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, 21, 40000, ACK, 5001, serverAck, new byte[0]));
        assertEquals(serverAck + 1, Pkt.tcpAck(ack));
        assertEquals(0, Pkt.l4Checksum(ack));
        // an ack of the rewritten segment alone (before the correction point) is shifted too
        byte[] ackPort = one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, 21, 40000, ACK, 5001, 1001 + port.length() - 1, new byte[0]));
        assertEquals(1001 + port.length(), Pkt.tcpAck(ackPort));

        // the server's data connection from port 20 to the announced address is related and reaches the client
        byte[] data = one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, 20, 40001, SYN, 9000, 0, new byte[0]));
        assertEquals(Pkt.ip(CLIENT), Pkt.dst(data), "translated back to the client");
        assertEquals(40001, Pkt.dport(data));
        assertEquals(Pkt.ip(SERVER), Pkt.src(data));
        assertEquals(0, Pkt.l4Checksum(data));
        byte[] synAck = one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40001, 20, SYN_ACK, 7000, 9001, new byte[0]));
        assertEquals(Pkt.ip(MASQ), Pkt.src(synAck), "the client's answer leaves masqueraded");

        ConnEntry child = connection(net, 20);
        assertEquals("ftp", child.connectionType());
        assertTrue(child.expected() && child.flags().startsWith("E"), child.flags());
        ConnEntry control = connection(net, 40000);
        assertEquals("ftp", control.connectionType());
        assertTrue(control.usesHelper() && control.flags().endsWith("h"), control.flags());
    }

    /** An ACK carrying one SACK block (NOP, NOP, kind 5 length 10), checksummed. */
    static byte[] sackAck(String src, String dst, int sport, int dport, long seq, long ack, long left, long right) {
        byte[] base = Pkt.tcp(src, dst, sport, dport, ACK, seq, ack, new byte[12]);
        byte[] p = base.clone();
        p[32] = (byte) 0x80;                                    // data offset 32: 12 bytes of options
        p[40] = 1; p[41] = 1; p[42] = 5; p[43] = 10;
        rose.dataplane.buffer.Bytes.put32(p, 44, (int) left);
        rose.dataplane.buffer.Bytes.put32(p, 48, (int) right);
        rose.dataplane.buffer.Bytes.put16(p, 36, 0);
        rose.dataplane.buffer.Bytes.put16(p, 36, Pkt.l4Checksum(p));
        return p;
    }

    @Test
    void sackBlocksAreCorrectedLikeAcks() {
        FirewallNet net = gateway();
        handshake(net, 40200);
        String port = "PORT 10,0,1,10,157,9\r\n";
        one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40200, 21, PSH_ACK, 1001, 5001, ascii(port)));
        long after = 1001 + port.length() - 1;                   // the server's numbering after the rewrite
        byte[] p = one(net, net.hostB, net.hostA, sackAck(SERVER, MASQ, 21, 40200, 5001, after, after + 100, after + 200));
        assertEquals(after + 1, Pkt.tcpAck(p));
        assertEquals(after + 101, rose.dataplane.buffer.Bytes.i32(p, 44) & 0xffffffffL);
        assertEquals(after + 201, rose.dataplane.buffer.Bytes.i32(p, 48) & 0xffffffffL);
        assertEquals(0, Pkt.l4Checksum(p));
    }

    static ConnEntry connection(FirewallNet net, int srcPort) {
        for (ConnEntry e : net.firewall.connTable().snapshot(net.clock.now(), net.firewall.marks()))
            if (e.srcPort() == srcPort) return e;
        throw new AssertionError("no connection from port " + srcPort);
    }

    @Test
    void eprtIsRewrittenWithItsDelimiter() {
        FirewallNet net = gateway();
        handshake(net, 40100);
        String eprt = "EPRT |1|10.0.1.10|40101|\r\n";
        byte[] atServer = one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40100, 21, PSH_ACK, 1001, 5001, ascii(eprt)));
        assertEquals("EPRT |1|10.0.2.1|40101|\r\n", payload(atServer));
        byte[] data = one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, 20, 40101, SYN, 9000, 0, new byte[0]));
        assertEquals(Pkt.ip(CLIENT), Pkt.dst(data));
    }

    @Test
    void passiveModeDataConnectionIsRelatedAndFollowsTheMasquerade() {
        FirewallNet net = gateway();
        handshake(net, 40010);
        String pasv = "227 Entering Passive Mode (10,0,2,10,195,80).\r\n";   // 50000
        byte[] atClient = one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, 21, 40010, PSH_ACK, 5001, 1001, ascii(pasv)));
        assertEquals(pasv, payload(atClient), "a public server address is left alone");
        byte[] data = one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40011, 50000, SYN, 3000, 0, new byte[0]));
        assertEquals(Pkt.ip(MASQ), Pkt.src(data), "the data connection is masqueraded like its master");
        assertEquals(50000, Pkt.dport(data));
        assertEquals("ftp", connection(net, 40011).connectionType());
        // a second connection to the same port was not announced: new, and the filter drops it
        assertEquals(0, none(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40012, 50000, SYN, 3000, 0, new byte[0])));
    }

    @Test
    void extendedPassiveModeNeedsNoRewrite() {
        FirewallNet net = gateway();
        handshake(net, 40020);
        String epsv = "229 Entering Extended Passive Mode (|||50001|)\r\n";
        assertEquals(epsv, payload(one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, 21, 40020, PSH_ACK, 5001, 1001, ascii(epsv)))));
        byte[] data = one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40021, 50001, SYN, 3000, 0, new byte[0]));
        assertEquals(50001, Pkt.dport(data));
    }

    @Test
    void aPortNamingAThirdPartyIsNotAnnounced() {
        FirewallNet net = gateway();
        handshake(net, 40030);
        String bounce = "PORT 10,0,3,10,156,65\r\n";           // hostC: the FTP bounce attack
        assertEquals(bounce, payload(one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40030, 21, PSH_ACK, 1001, 5001, ascii(bounce)))));
        assertEquals(0, net.firewall.connTable().expectations(net.clock.now()));
    }

    @Test
    void disablingTheFtpServicePortStopsTheHelper() {
        FirewallNet net = gateway();
        handshake(net, 40040);
        net.firewall.connTable().servicePorts(ServicePorts.of(Map.of(ConnectionType.TFTP, new int[] {69})));
        String port = "PORT 10,0,1,10,156,75\r\n";              // 40011
        byte[] atServer = one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40040, 21, PSH_ACK, 1001, 5001, ascii(port)));
        assertEquals(port, payload(atServer), "no rewrite without the helper");
        assertEquals(0, net.firewall.connTable().expectations(net.clock.now()));
        // the server connects where the text says: a new connection, which the filter drops
        assertEquals(0, none(net, net.hostB, net.hostA, Pkt.tcp(SERVER, CLIENT, 20, 40011, SYN, 9000, 0, new byte[0])));
        assertEquals(0, none(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, 20, 40011, SYN, 9000, 0, new byte[0])));
    }

    @Test
    void disablingDropsWhatWasAlreadyExpected() {
        FirewallNet net = gateway();
        handshake(net, 40050);
        one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40050, 21, PSH_ACK, 1001, 5001, ascii("PORT 10,0,1,10,156,85\r\n")));
        assertEquals(1, net.firewall.connTable().expectations(net.clock.now()));
        net.firewall.connTable().servicePorts(ServicePorts.NONE);
        assertEquals(0, net.firewall.connTable().expectations(net.clock.now()));
        assertEquals(0, none(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, 20, 40021, SYN, 9000, 0, new byte[0])));
    }

    @Test
    void anExpectationExpiresAfterFiveMinutes() {
        FirewallNet net = gateway();
        handshake(net, 40060);
        one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40060, 21, PSH_ACK, 1001, 5001, ascii("PORT 10,0,1,10,156,95\r\n")));
        net.driver.advance(301_000_000_000L);
        assertEquals(0, none(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, 20, 40031, SYN, 9000, 0, new byte[0])));
    }

    @Test
    void passiveReplyOfADstNattedServerIsRewrittenToThePublicAddress() {
        // the server is hostA behind the gateway; hostC (10.0.3.10) reaches it at 10.0.3.1:21
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER,
                "chain=forward action=accept connection-state=established,related",
                "chain=forward action=accept connection-state=new protocol=tcp dst-port=21",
                "chain=forward action=drop");
        net.rules(Table.NAT, "chain=dstnat action=dst-nat dst-address=10.0.3.1 protocol=tcp dst-port=21 to-addresses=10.0.1.10");
        one(net, net.hostC, net.hostA, Pkt.tcp("10.0.3.10", "10.0.3.1", 41000, 21, SYN, 100, 0, new byte[0]));
        one(net, net.hostA, net.hostC, Pkt.tcp(CLIENT, "10.0.3.10", 21, 41000, SYN_ACK, 500, 101, new byte[0]));
        String pasv = "227 Entering Passive Mode (10,0,1,10,195,90)\r\n";   // 50010
        one(net, net.hostC, net.hostA, Pkt.tcp("10.0.3.10", "10.0.3.1", 41000, 21, ACK, 101, 501, new byte[0]));
        byte[] atClient = one(net, net.hostA, net.hostC, Pkt.tcp(CLIENT, "10.0.3.10", 21, 41000, PSH_ACK, 501, 101, ascii(pasv)));
        assertEquals("227 Entering Passive Mode (10,0,3,1,195,90)\r\n", payload(atClient));
        assertEquals(0, Pkt.l4Checksum(atClient));
        // the server's next reply is shifted by the removed byte, the client's ack shifted back
        byte[] next = one(net, net.hostA, net.hostC, Pkt.tcp(CLIENT, "10.0.3.10", 21, 41000, PSH_ACK, 501 + pasv.length(), 101, ascii("150 ok\r\n")));
        assertEquals(501 + pasv.length() - 1, Pkt.tcpSeq(next));
        byte[] ack = one(net, net.hostC, net.hostA, Pkt.tcp("10.0.3.10", "10.0.3.1", 41000, 21, ACK, 101, 501 + pasv.length() - 1 + 8, new byte[0]));
        assertEquals(501 + pasv.length() + 8, Pkt.tcpAck(ack));
        byte[] data = one(net, net.hostC, net.hostA, Pkt.tcp("10.0.3.10", "10.0.3.1", 41001, 50010, SYN, 100, 0, new byte[0]));
        assertEquals(Pkt.ip(CLIENT), Pkt.dst(data), "dst-natted to the real server");
        assertEquals(50010, Pkt.dport(data));
    }

    @Test
    void withoutNatTheTextIsUntouchedAndTheDataConnectionRelated() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER,
                "chain=forward action=accept connection-state=established,related",
                "chain=forward action=accept connection-state=new protocol=tcp dst-port=21",
                "chain=forward action=drop");
        one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40070, 21, SYN, 1000, 0, new byte[0]));
        one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, CLIENT, 21, 40070, SYN_ACK, 5000, 1001, new byte[0]));
        String port = "PORT 10,0,1,10,156,105\r\n";             // 40041
        assertEquals(port, payload(one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40070, 21, PSH_ACK, 1001, 5001, ascii(port)))));
        byte[] data = one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, CLIENT, 20, 40041, SYN, 9000, 0, new byte[0]));
        assertEquals(40041, Pkt.dport(data));
        assertFalse(connection(net, 20).srcnat() || connection(net, 20).dstnat());
    }
}
