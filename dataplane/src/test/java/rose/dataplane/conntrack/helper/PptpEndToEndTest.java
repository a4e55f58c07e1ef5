package rose.dataplane.conntrack.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.ACK;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.MASQ;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.PSH_ACK;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.SERVER;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.SYN;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.SYN_ACK;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.none;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.one;

import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;
import rose.dataplane.TestHost;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.conntrack.ConnectionType;
import rose.dataplane.conntrack.ServicePorts;
import rose.dataplane.firewall.Table;
import rose.dataplane.ip4.Ip4;

/**
 * PPTP through the masquerade: two clients behind one address (hostA and hostC, both leaving
 * as 10.0.2.1) call the same server (hostB) with the same call ID. Their GRE is told apart by
 * call IDs: each client's call gets its own translated call ID, and the server's GRE reaches
 * the right client with the client's own call ID back in the key.
 */
class PptpEndToEndTest {
    private static final int PORT = 1723;

    static FirewallNet gateway() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER,
                "chain=forward action=accept connection-state=established,related",
                "chain=forward action=accept connection-state=new protocol=tcp dst-port=1723",
                "chain=forward action=drop");
        net.rules(Table.NAT, "chain=srcnat action=masquerade out-interface=ether2");
        return net;
    }

    /** A PPTP control message of {@code type} and {@code length} with the 16-bit fields at 12, 14 and a result at 16. */
    static byte[] control(int type, int length, int first, int second, int result) {
        byte[] m = new byte[length];
        Bytes.put16(m, 0, length);
        Bytes.put16(m, 2, 1);
        Bytes.put32(m, 4, 0x1A2B3C4D);
        Bytes.put16(m, 8, type);
        Bytes.put16(m, 12, first);
        Bytes.put16(m, 14, second);
        if (length > 16) m[16] = (byte) result;
        return m;
    }

    /** An enhanced GRE (version 1) packet carrying PPP: flags K, key = payload length | call ID. */
    static byte[] gre(String src, String dst, int callId) {
        int total = 20 + 8 + 4;
        byte[] p = new byte[total];
        p[20] = 0x20; p[21] = 0x01;                          // K bit; version 1
        Bytes.put16(p, 22, 0x880B);                          // PPP
        Bytes.put16(p, 24, 4);
        Bytes.put16(p, 26, callId);
        p[28] = (byte) 0xff; p[29] = 0x03;
        Ip4.writeHeader(p, 0, total, 3, 0, 64, 47, Pkt.ip(src), Pkt.ip(dst));
        return p;
    }

    static int greKey(byte[] p) { return Bytes.u16(p, 26); }

    /** The client places a call with call ID {@code own}; returns the call ID the server saw. */
    static int call(FirewallNet net, TestHost client, String addr, int cport, int own, int serverCid) {
        int mport = Pkt.sport(one(net, client, net.hostB, Pkt.tcp(addr, SERVER, cport, PORT, SYN, 1000, 0, new byte[0])));
        one(net, net.hostB, client, Pkt.tcp(SERVER, MASQ, PORT, mport, SYN_ACK, 5000, 1001, new byte[0]));
        one(net, client, net.hostB, Pkt.tcp(addr, SERVER, cport, PORT, ACK, 1001, 5001, new byte[0]));
        byte[] ocrq = one(net, client, net.hostB, Pkt.tcp(addr, SERVER, cport, PORT, PSH_ACK, 1001, 5001,
                control(PptpMessage.OUT_CALL_REQUEST, 168, own, 7, 0)));
        assertEquals(0, Pkt.l4Checksum(ocrq));
        int seen = Bytes.u16(ocrq, 40 + 12);
        byte[] ocrp = one(net, net.hostB, client, Pkt.tcp(SERVER, MASQ, PORT, mport, PSH_ACK, 5001, 1169,
                control(PptpMessage.OUT_CALL_REPLY, 32, serverCid, seen, 1)));
        assertEquals(own, Bytes.u16(ocrp, 40 + 14), "the Peer's Call ID is the client's own again");
        assertEquals(serverCid, Bytes.u16(ocrp, 40 + 12));
        assertEquals(0, Pkt.l4Checksum(ocrp));
        return seen;
    }

    @Test
    void twoClientsBehindOneAddressWithTheSameCallIdEachGetTheirOwnGre() {
        FirewallNet net = gateway();
        int seenA = call(net, net.hostA, "10.0.1.10", 40000, 1, 100);
        int seenC = call(net, net.hostC, "10.0.3.10", 40000, 1, 200);
        assertNotEquals(seenA, seenC, "translated call IDs are unique on the masquerade address");

        // the server's GRE to each translated call ID reaches the right client, with call ID 1
        byte[] toA = one(net, net.hostB, net.hostA, gre(SERVER, MASQ, seenA));
        assertEquals(Pkt.ip("10.0.1.10"), Pkt.dst(toA));
        assertEquals(1, greKey(toA));
        assertEquals(Pkt.ip("10.0.3.10"), Pkt.dst(one(net, net.hostB, net.hostC, gre(SERVER, MASQ, seenC))));
        assertEquals(Pkt.ip("10.0.1.10"), Pkt.dst(one(net, net.hostB, net.hostA, gre(SERVER, MASQ, seenA))), "and again: the same connection");

        // the clients' GRE leaves masqueraded, the server's call IDs untouched
        byte[] fromA = one(net, net.hostA, net.hostB, gre("10.0.1.10", SERVER, 100));
        assertEquals(Pkt.ip(MASQ), Pkt.src(fromA));
        assertEquals(100, greKey(fromA));
        byte[] fromC = one(net, net.hostC, net.hostB, gre("10.0.3.10", SERVER, 200));
        assertEquals(200, greKey(fromC));
        assertEquals("pptp", FtpHelperEndToEndTest.connection(net, 100).connectionType(), "the server opened it, from call 100");

        // GRE to a call nobody placed is a new connection, and the filter drops it
        assertEquals(0, none(net, net.hostB, net.hostA, gre(SERVER, MASQ, 999)));
    }

    @Test
    void withPptpDisabledTheServersGreIsDropped() {
        FirewallNet net = gateway();
        net.firewall.connTable().servicePorts(ServicePorts.of(Map.of(ConnectionType.FTP, new int[] {21})));
        one(net, net.hostA, net.hostB, Pkt.tcp("10.0.1.10", SERVER, 40000, PORT, SYN, 1000, 0, new byte[0]));
        one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, PORT, 40000, SYN_ACK, 5000, 1001, new byte[0]));
        byte[] ocrq = one(net, net.hostA, net.hostB, Pkt.tcp("10.0.1.10", SERVER, 40000, PORT, PSH_ACK, 1001, 5001,
                control(PptpMessage.OUT_CALL_REQUEST, 168, 1, 7, 0)));
        assertEquals(1, Bytes.u16(ocrq, 40 + 12), "no call ID translation without the helper");
        one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, PORT, 40000, PSH_ACK, 5001, 1169, control(PptpMessage.OUT_CALL_REPLY, 32, 100, 1, 1)));
        assertEquals(0, none(net, net.hostB, net.hostA, gre(SERVER, MASQ, 1)));
    }

    @Test
    void callDisconnectForgetsTheCall() {
        FirewallNet net = gateway();
        int seen = call(net, net.hostA, "10.0.1.10", 40000, 1, 100);
        one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, PORT, 40000, PSH_ACK, 5033, 1169,
                control(PptpMessage.CALL_DISCONNECT_NOTIFY, 148, 100, 0, 0)));
        assertEquals(0, none(net, net.hostB, net.hostA, gre(SERVER, MASQ, seen)), "no mapping, no expectation: new, dropped");
    }
}
