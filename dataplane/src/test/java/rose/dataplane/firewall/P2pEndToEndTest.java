package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;
import rose.dataplane.TestHost;

/**
 * p2p= on a whole gateway: the forward chain drops a connection once one of its first packets
 * shows the protocol, and keeps dropping that connection's later packets whatever they carry.
 */
class P2pEndToEndTest {
    private static final int ACK = 0x10, PSH = 0x08, SYN = 0x02;

    private static int delivered(FirewallNet net, TestHost from, byte[] p) {
        from.send(p);
        net.run();
        return net.hostB.take().size();
    }

    private static byte[] tcp(int sport, int flags, long seq, byte[] payload) {
        return Pkt.tcp("10.0.1.10", "10.0.2.10", sport, 6881, flags, seq, 0, payload);
    }

    @Test
    void aRecognisedConnectionStaysRecognised() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop p2p=bit-torrent");
        assertEquals(1, delivered(net, net.hostA, tcp(40000, SYN, 1, new byte[0])), "a SYN carries nothing to recognise");
        assertEquals(0, delivered(net, net.hostA, tcp(40000, ACK | PSH, 2, P2pClassifierTest.bitTorrentHandshake())), "the handshake");
        assertEquals(0, delivered(net, net.hostA, tcp(40000, ACK | PSH, 70, "piece data".getBytes(StandardCharsets.US_ASCII))),
                "later packets of the connection match too");
        // another connection carrying ordinary data passes; the DHT on UDP is bit-torrent as well
        assertEquals(1, delivered(net, net.hostA, tcp(40001, SYN, 1, new byte[0])));
        assertEquals(1, delivered(net, net.hostA, tcp(40001, ACK | PSH, 2, "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals(0, delivered(net, net.hostA, Pkt.udp("10.0.1.10", "10.0.2.10", 6881, 6881, P2pClassifierTest.dhtPing())));
    }

    @Test
    void negationAllP2pAndAConnectionThatShowedNothingEarly() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop p2p=!all-p2p protocol=udp");
        assertEquals(1, delivered(net, net.hostA, Pkt.udp("10.0.1.10", "10.0.2.10", 4672, 4672, new byte[] {(byte) 0xe3, (byte) 0x96, 1, 2})),
                "eDonkey is p2p: not dropped by !all-p2p");
        assertEquals(0, delivered(net, net.hostA, Pkt.udp("10.0.1.10", "10.0.2.10", 5353, 53, new byte[] {1, 2, 3})), "DNS-ish: dropped");

        net.rules(Table.FILTER, "chain=forward action=drop p2p=direct-connect");
        for (int i = 0; i < 11; i++)
            assertEquals(1, delivered(net, net.hostA, Pkt.udp("10.0.1.10", "10.0.2.10", 7000, 411, new byte[] {(byte) i})));
        // after its first packets a connection is no longer inspected (as RouterOS/layer7)
        assertEquals(1, delivered(net, net.hostA, Pkt.udp("10.0.1.10", "10.0.2.10", 7000, 411,
                "$MyNick late|".getBytes(StandardCharsets.US_ASCII))));
    }
}
