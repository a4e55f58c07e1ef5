package rose.dataplane.conntrack.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.ACK;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.CLIENT;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.MASQ;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.PSH_ACK;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.SERVER;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.SYN;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.SYN_ACK;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.ascii;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.none;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.one;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.payload;

import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;
import rose.dataplane.conntrack.ConnectionType;
import rose.dataplane.conntrack.ServicePorts;
import rose.dataplane.firewall.Table;

/** TFTP, IRC DCC and the connection-type matcher through the masquerading gateway of {@link FtpHelperEndToEndTest}. */
class TftpIrcEndToEndTest {
    private static final byte[] RRQ = {0, 1, 'f', '.', 'b', 'i', 'n', 0, 'o', 'c', 't', 'e', 't', 0};

    private static FirewallNet gateway(String newAllowed) {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER,
                "chain=forward action=accept connection-state=established,related",
                "chain=forward action=accept connection-state=new " + newAllowed,
                "chain=forward action=drop");
        net.rules(Table.NAT, "chain=srcnat action=masquerade out-interface=ether2");
        return net;
    }

    @Test
    void tftpReplyFromTheServersOtherPortReachesTheClient() {
        FirewallNet net = gateway("protocol=udp dst-port=69");
        byte[] req = one(net, net.hostA, net.hostB, Pkt.udp(CLIENT, SERVER, 30000, 69, RRQ));
        assertEquals(Pkt.ip(MASQ), Pkt.src(req));
        int seen = Pkt.sport(req);
        // DATA block 1 from the server's transfer port, to where the request came from
        byte[] data = one(net, net.hostB, net.hostA, Pkt.udp(SERVER, MASQ, 3456, seen, new byte[] {0, 3, 0, 1, 'x'}));
        assertEquals(Pkt.ip(CLIENT), Pkt.dst(data));
        assertEquals(30000, Pkt.dport(data));
        assertEquals("tftp", FtpHelperEndToEndTest.connection(net, 3456).connectionType());
        // another port of the server, unannounced, stays out
        assertEquals(0, none(net, net.hostB, net.hostA, Pkt.udp(SERVER, MASQ, 3457, seen, new byte[] {0, 3, 0, 1})));
    }

    @Test
    void tftpWithTheHelperDisabledIsDropped() {
        FirewallNet net = gateway("protocol=udp dst-port=69");
        net.firewall.connTable().servicePorts(ServicePorts.of(Map.of(ConnectionType.FTP, new int[] {21})));
        int seen = Pkt.sport(one(net, net.hostA, net.hostB, Pkt.udp(CLIENT, SERVER, 30001, 69, RRQ)));
        assertEquals(0, none(net, net.hostB, net.hostA, Pkt.udp(SERVER, MASQ, 3456, seen, new byte[] {0, 3, 0, 1, 'x'})));
    }

    @Test
    void tftpOnAConfiguredPort() {
        FirewallNet net = gateway("protocol=udp dst-port=6969");
        net.firewall.connTable().servicePorts(ServicePorts.of(Map.of(ConnectionType.TFTP, new int[] {6969})));
        int seen = Pkt.sport(one(net, net.hostA, net.hostB, Pkt.udp(CLIENT, SERVER, 30002, 6969, RRQ)));
        assertEquals(30002, Pkt.dport(one(net, net.hostB, net.hostA, Pkt.udp(SERVER, MASQ, 3456, seen, new byte[] {0, 3, 0, 1}))));
    }

    @Test
    void ircDccSendIsRewrittenAndThePeersConnectionAdmitted() {
        FirewallNet net = gateway("protocol=tcp dst-port=6667");
        one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 45000, 6667, SYN, 1000, 0, new byte[0]));
        one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, MASQ, 6667, 45000, SYN_ACK, 5000, 1001, new byte[0]));
        String msg = "PRIVMSG bob :\u0001DCC SEND notes.txt 167772426 5000 1234\u0001\r\n";   // 10.0.1.10
        byte[] atServer = one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 45000, 6667, PSH_ACK, 1001, 5001, ascii(msg)));
        assertEquals("PRIVMSG bob :\u0001DCC SEND notes.txt 167772673 5000 1234\u0001\r\n", payload(atServer), "10.0.2.1");
        assertEquals(0, Pkt.l4Checksum(atServer));
        byte[] peer = one(net, net.hostC, net.hostA, Pkt.tcp("10.0.3.10", MASQ, 50123, 5000, SYN, 1, 0, new byte[0]));
        assertEquals(Pkt.ip(CLIENT), Pkt.dst(peer));
        assertEquals("irc", FtpHelperEndToEndTest.connection(net, 50123).connectionType());
        // same length here: no sequence correction, the next segment is untouched
        byte[] next = one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 45000, 6667, ACK, 1001 + msg.length(), 5001, new byte[0]));
        assertEquals(1001 + msg.length(), Pkt.tcpSeq(next));
    }

    @Test
    void connectionTypeMatchesControlAndDataConnections() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER,
                "chain=forward action=drop connection-type=ftp protocol=tcp dst-port=40001",
                "chain=forward action=accept");
        one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40000, 21, SYN, 1000, 0, new byte[0]));
        one(net, net.hostB, net.hostA, Pkt.tcp(SERVER, CLIENT, 21, 40000, SYN_ACK, 5000, 1001, new byte[0]));
        one(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40000, 21, PSH_ACK, 1001, 5001, ascii("PORT 10,0,1,10,156,65\r\n")));
        assertEquals(0, none(net, net.hostB, net.hostA, Pkt.tcp(SERVER, CLIENT, 20, 40001, SYN, 1, 0, new byte[0])), "the ftp data connection");
        assertEquals(1, none(net, net.hostB, net.hostA, Pkt.tcp(SERVER, CLIENT, 21, 40001, SYN, 1, 0, new byte[0])), "same port, no helper");
        net.rules(Table.FILTER, "chain=forward action=drop connection-type=!ftp protocol=tcp", "chain=forward action=accept");
        assertEquals(1, none(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40000, 21, ACK, 1024, 5001, new byte[0])), "the control connection is ftp");
        assertEquals(0, none(net, net.hostA, net.hostB, Pkt.tcp(CLIENT, SERVER, 40002, 80, SYN, 1, 0, new byte[0])));
    }
}
