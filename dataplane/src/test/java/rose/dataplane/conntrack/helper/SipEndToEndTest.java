package rose.dataplane.conntrack.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.ascii;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.none;
import static rose.dataplane.conntrack.helper.FtpHelperEndToEndTest.one;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;
import rose.dataplane.conntrack.ConnEntry;
import rose.dataplane.conntrack.ConnectionType;
import rose.dataplane.conntrack.ServicePorts;
import rose.dataplane.firewall.Table;

/**
 * A SIP call through a masquerading, stateful gateway on memory wires: the phone hostA
 * (10.0.1.10) calls the far phone hostB (10.0.2.10); ether2's 10.0.2.1 is the masquerade
 * address. The forward chain accepts only established/related and new UDP to 5060, so media
 * passes only if the SIP helper expected it.
 */
class SipEndToEndTest {
    static final String PHONE = "10.0.1.10", FAR = "10.0.2.10", MASQ = "10.0.2.1", OTHER = "10.0.3.10";

    static FirewallNet gateway() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER,
                "chain=forward action=accept connection-state=established,related",
                "chain=forward action=accept connection-state=new protocol=udp dst-port=5060",
                "chain=forward action=drop");
        net.rules(Table.NAT, "chain=srcnat action=masquerade out-interface=ether2");
        return net;
    }

    static String sdp(String addr, int port) {
        return "v=0\r\n"
                + "o=alice 2890844526 2890844526 IN IP4 " + addr + "\r\n"
                + "s=call\r\n"
                + "c=IN IP4 " + addr + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0 8\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n";
    }

    static String invite(String body) {
        return "INVITE sip:bob@" + FAR + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + PHONE + ":5060;branch=z9hG4bK776asdhds\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: Bob <sip:bob@" + FAR + ">\r\n"
                + "From: Alice <sip:alice@" + PHONE + ">;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710@" + PHONE + "\r\n"
                + "CSeq: 314159 INVITE\r\n"
                + "Contact: <sip:alice@" + PHONE + ":5060>\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "\r\n" + body;
    }

    static String ok(String via, String body) {
        return "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP " + via + ";branch=z9hG4bK776asdhds\r\n"
                + "To: Bob <sip:bob@" + FAR + ">;tag=a6c85cf\r\n"
                + "From: Alice <sip:alice@" + PHONE + ">;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710@" + PHONE + "\r\n"
                + "CSeq: 314159 INVITE\r\n"
                + "Contact: <sip:bob@" + FAR + ">\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "\r\n" + body;
    }

    static String udpPayload(byte[] p) {
        int off = (p[0] & 0xf) * 4 + 8;
        return new String(p, off, p.length - off, StandardCharsets.ISO_8859_1);
    }

    static int contentLength(String msg) {
        int at = msg.indexOf("Content-Length: ") + 16;
        return Integer.parseInt(msg.substring(at, msg.indexOf('\r', at)));
    }

    static String body(String msg) { return msg.substring(msg.indexOf("\r\n\r\n") + 4); }

    static byte[] rtp() { return new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 42}; }

    @Test
    void inviteIsRewrittenToThePublicAddressAndTheAnswersMediaReachesThePhone() {
        FirewallNet net = gateway();
        byte[] atFar = one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5060, 5060, ascii(invite(sdp(PHONE, 40000)))));
        assertEquals(Pkt.ip(MASQ), Pkt.src(atFar), "masqueraded");
        int natPort = Pkt.sport(atFar);
        String seen = udpPayload(atFar);
        assertTrue(seen.contains("Via: SIP/2.0/UDP " + MASQ + ":" + natPort + ";branch"), seen);
        assertTrue(seen.contains("Contact: <sip:alice@" + MASQ + ":" + natPort + ">"), seen);
        assertTrue(seen.contains("c=IN IP4 " + MASQ + "\r\n") && seen.contains("o=alice 2890844526 2890844526 IN IP4 " + MASQ + "\r\n"), seen);
        assertTrue(seen.contains("m=audio 40000 RTP/AVP 0 8\r\n"), "a free port is kept:\n" + seen);
        assertTrue(seen.startsWith("INVITE sip:bob@" + FAR + " SIP/2.0\r\n"), "the far end's address is not ours to change");
        assertTrue(seen.contains("From: Alice <sip:alice@" + PHONE + ">"), "From is an identity, not a route (as Linux)");
        assertEquals(body(seen).length(), contentLength(seen), "Content-Length fits the shorter body");
        assertEquals(sdp(PHONE, 40000).length() - 2, contentLength(seen), "two addresses one byte shorter each");
        assertEquals(0, Pkt.l4Checksum(atFar), "UDP checksum redone");
        assertTrue(Pkt.headerChecksumOk(atFar));
        assertEquals(atFar.length - 20, rose.dataplane.buffer.Bytes.u16(atFar, 24), "UDP length follows");

        // the far phone answers; its Via names our public side and is given back to the phone as its own
        byte[] answer = one(net, net.hostB, net.hostA, Pkt.udp(FAR, MASQ, 5060, natPort, ascii(ok(MASQ + ":" + natPort, sdp(FAR, 50000)))));
        assertEquals(Pkt.ip(PHONE), Pkt.dst(answer));
        String back = udpPayload(answer);
        assertTrue(back.contains("Via: SIP/2.0/UDP " + PHONE + ":5060;branch"), back);
        assertEquals(body(back).length(), contentLength(back));
        assertEquals(0, Pkt.l4Checksum(answer));

        // RTP from the far phone to what the INVITE announced: related, translated to the phone
        byte[] media = one(net, net.hostB, net.hostA, Pkt.udp(FAR, MASQ, 50000, 40000, rtp()));
        assertEquals(Pkt.ip(PHONE), Pkt.dst(media));
        assertEquals(40000, Pkt.dport(media));
        assertEquals(0, Pkt.l4Checksum(media));
        ConnEntry rtp = FtpHelperEndToEndTest.connection(net, 50000);
        assertEquals("sip", rtp.connectionType());
        assertTrue(rtp.expected(), rtp.flags());
        // RTCP on the next port too
        assertEquals(Pkt.ip(PHONE), Pkt.dst(one(net, net.hostB, net.hostA, Pkt.udp(FAR, MASQ, 50001, 40001, rtp()))));
        // the phone's RTP to the far phone's answer (a second expectation, from the answer's SDP) leaves masqueraded
        byte[] out = one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 40000, 50000, rtp()));
        assertEquals(Pkt.ip(MASQ), Pkt.src(out));
        // an unannounced port stays out
        assertEquals(0, none(net, net.hostB, net.hostA, Pkt.udp(FAR, MASQ, 50000, 40010, rtp())));
        ConnEntry signalling = FtpHelperEndToEndTest.connection(net, 5060);
        assertEquals("sip", signalling.connectionType());
        assertTrue(signalling.usesHelper(), signalling.flags());
    }

    @Test
    void aTranslatedPortIsWrittenAndTheResponsesReceivedAndRportGivenBack() {
        FirewallNet net = gateway();
        // another LAN host takes the public port 5062 first, so the phone's 5062 is translated to another
        one(net, net.hostC, net.hostB, Pkt.udp(OTHER, FAR, 5062, 5060, ascii("OPTIONS sip:bob@" + FAR + " SIP/2.0\r\nContent-Length: 0\r\n\r\n")));
        String inv = invite(sdp(PHONE, 40000)).replace(PHONE + ":5060", PHONE + ":5062");
        byte[] atFar = one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5062, 5060, ascii(inv)));
        int natPort = Pkt.sport(atFar);
        assertTrue(natPort != 5062, "translated port");
        String seen = udpPayload(atFar);
        assertTrue(seen.contains("Via: SIP/2.0/UDP " + MASQ + ":" + natPort + ";branch"), seen);
        assertTrue(seen.contains("Contact: <sip:alice@" + MASQ + ":" + natPort + ">"), seen);
        assertEquals(body(seen).length(), contentLength(seen));
        String via = MASQ + ":" + natPort + ";received=" + MASQ + ";rport=" + natPort;
        byte[] answer = one(net, net.hostB, net.hostA, Pkt.udp(FAR, MASQ, 5060, natPort, ascii(ok(via, sdp(FAR, 50000)))));
        assertEquals(5062, Pkt.dport(answer));
        String back = udpPayload(answer);
        assertTrue(back.contains("Via: SIP/2.0/UDP " + PHONE + ":5062;received=" + PHONE + ";rport=5062;branch"), back);
        assertEquals(0, Pkt.l4Checksum(answer));
    }

    @Test
    void directMediaDecidesWhetherMediaMayComeFromAnotherAddress() {
        FirewallNet net = gateway();
        int natPort = Pkt.sport(one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5060, 5060, ascii(invite(sdp(PHONE, 40000))))));
        assertEquals(1, none(net, net.hostC, net.hostA, Pkt.udp(OTHER, MASQ, 7078, 40000, rtp())), "sip-direct-media=yes (default): anyone");

        FirewallNet strict = gateway();
        strict.firewall.connTable().servicePorts(ServicePorts.of(Map.of(ConnectionType.SIP, new int[] {5060, 5061}), false, ServicePorts.SIP_TIMEOUT));
        one(strict, strict.hostA, strict.hostB, Pkt.udp(PHONE, FAR, 5060, 5060, ascii(invite(sdp(PHONE, 40000)))));
        assertEquals(0, none(strict, strict.hostC, strict.hostA, Pkt.udp(OTHER, MASQ, 7078, 40000, rtp())), "sip-direct-media=no: not from a third party");
        assertEquals(1, none(strict, strict.hostB, strict.hostA, Pkt.udp(FAR, MASQ, 7078, 40000, rtp())), "from the signalling peer");
        assertTrue(natPort > 0);
    }

    @Test
    void disabledHelperLeavesTheInviteAloneAndDropsTheMedia() {
        FirewallNet net = gateway();
        net.firewall.connTable().servicePorts(ServicePorts.of(Map.of(ConnectionType.FTP, new int[] {21})));
        byte[] atFar = one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5060, 5060, ascii(invite(sdp(PHONE, 40000)))));
        assertTrue(udpPayload(atFar).contains("c=IN IP4 " + PHONE + "\r\n"), "no rewrite");
        assertEquals(0, none(net, net.hostB, net.hostA, Pkt.udp(FAR, MASQ, 50000, 40000, rtp())), "no expectation: new, dropped");
        assertFalse(FtpHelperEndToEndTest.connection(net, 5060).usesHelper(), "no helper on the signalling");
    }

    @Test
    void byeEndsTheCallsExpectations() {
        FirewallNet net = gateway();
        int natPort = Pkt.sport(one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5060, 5060, ascii(invite(sdp(PHONE, 40000))))));
        assertTrue(net.firewall.connTable().expectations(net.clock.now()) >= 2);
        String bye = "BYE sip:bob@" + FAR + " SIP/2.0\r\nVia: SIP/2.0/UDP " + PHONE + ":5060;branch=z9hG4bK2\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
        byte[] atFar = one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5060, 5060, ascii(bye)));
        assertTrue(udpPayload(atFar).contains("Via: SIP/2.0/UDP " + MASQ + ":" + natPort + ";"), udpPayload(atFar));
        assertEquals(0, net.firewall.connTable().expectations(net.clock.now()));
        assertEquals(0, none(net, net.hostB, net.hostA, Pkt.udp(FAR, MASQ, 50000, 40000, rtp())));
    }

    @Test
    void aSecondPhoneOfferingTheSamePortGetsAnotherPublicPort() {
        FirewallNet net = gateway();
        one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5060, 5060, ascii(invite(sdp(PHONE, 40000)))));
        // the same INVITE retransmitted keeps its port
        String again = udpPayload(one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5060, 5060, ascii(invite(sdp(PHONE, 40000))))));
        assertTrue(again.contains("m=audio 40000 "), again);
        // another call leg from another port of the phone (another connection) announcing the same port
        String other = udpPayload(one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5062, 5060, ascii(invite(sdp(PHONE, 40000))))));
        assertTrue(other.contains("m=audio 40002 "), other);
        assertEquals(body(other).length(), contentLength(other));
        byte[] media = one(net, net.hostB, net.hostA, Pkt.udp(FAR, MASQ, 50000, 40002, rtp()));
        assertEquals(40000, Pkt.dport(media), "translated back to the port the phone announced");
    }

    @Test
    void sipTimeoutIsTheSignallingConnectionsTimeout() {
        FirewallNet net = gateway();
        one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5060, 5060, ascii(invite(sdp(PHONE, 40000)))));
        Duration t = FtpHelperEndToEndTest.connection(net, 5060).timeout();
        assertTrue(t.compareTo(Duration.ofMinutes(59)) > 0 && t.compareTo(Duration.ofHours(1)) <= 0, t.toString());
        net.firewall.connTable().servicePorts(ServicePorts.of(Map.of(ConnectionType.SIP, new int[] {5060}), true, Duration.ofMinutes(5).toNanos()));
        one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5060, 5060, ascii("OPTIONS sip:bob@" + FAR + " SIP/2.0\r\nContent-Length: 0\r\n\r\n")));
        t = FtpHelperEndToEndTest.connection(net, 5060).timeout();
        assertTrue(t.compareTo(Duration.ofMinutes(4)) > 0 && t.compareTo(Duration.ofMinutes(5)) <= 0, t.toString());
        // an ordinary UDP connection (not to a sip port; the filter drops it, conntrack has it) keeps the UDP timeout
        none(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5070, 7000, new byte[] {1}));
        assertFalse(FtpHelperEndToEndTest.connection(net, 5070).timeout().compareTo(Duration.ofMinutes(4)) > 0);
    }

    @Test
    void connectionTypeSipMatchesTheCallsMedia() {
        FirewallNet net = gateway();
        net.rules(Table.FILTER,
                "chain=forward action=drop connection-type=sip protocol=udp dst-port=40000",
                "chain=forward action=accept connection-state=established,related",
                "chain=forward action=accept connection-state=new protocol=udp dst-port=5060",
                "chain=forward action=drop");
        one(net, net.hostA, net.hostB, Pkt.udp(PHONE, FAR, 5060, 5060, ascii(invite(sdp(PHONE, 40000)))));
        assertEquals(0, none(net, net.hostB, net.hostA, Pkt.udp(FAR, MASQ, 50000, 40000, rtp())), "the sip media, dropped by connection-type");
        assertEquals(1, none(net, net.hostB, net.hostA, Pkt.udp(FAR, MASQ, 50001, 40001, rtp())), "its RTCP, another port");
    }
}
