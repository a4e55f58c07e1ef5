package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;
import rose.dataplane.conntrack.ConnTimeouts;
import rose.dataplane.conntrack.TrackingMode;

/**
 * /ip firewall connection tracking on a whole gateway over memory wires: the timeouts reach the
 * table and apply to a connection from its next packet; enabled=yes|no|auto decides whether
 * packets are tracked at all (no: untracked, NAT inert; auto: only while filter, nat or mangle
 * has a rule); loose-tcp-tracking decides whether a mid-stream TCP segment opens a connection.
 */
class ConnectionTrackingSettingsEndToEndTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String MASQUERADE = "chain=srcnat action=masquerade out-interface=ether2";

    private static byte[] udp(int sport) {
        return Pkt.udp("10.0.1.10", "10.0.2.10", sport, 53, "query".getBytes(StandardCharsets.ISO_8859_1));
    }

    /** hostA sends one datagram to hostB; what hostB received. */
    private static List<byte[]> send(FirewallNet net, byte[] p) {
        net.hostA.send(p);
        net.run();
        return net.hostB.take();
    }

    private static int live(FirewallNet net) { return net.firewall.connTable().snapshot(net.clock.now(), null).size(); }

    private static ConnTimeouts udpTimeout(long nanos) {
        ConnTimeouts d = ConnTimeouts.DEFAULTS;
        return new ConnTimeouts(d.tcpSynSent(), d.tcpSynReceived(), d.tcpEstablished(), d.tcpFinWait(), d.tcpCloseWait(),
                d.tcpLastAck(), d.tcpTimeWait(), d.tcpClose(), nanos, d.udpStream(), d.icmp(), d.generic());
    }

    @Test
    void aShortenedUdpTimeoutExpiresTheConnectionThenAndNotBefore() {
        FirewallNet net = new FirewallNet();
        net.firewall.connTable().timeouts(udpTimeout(3 * SECOND));
        assertEquals(1, send(net, udp(4000)).size());
        net.clock.advance(2900_000_000L);
        assertEquals(1, live(net), "2.9 s into a 3 s udp-timeout the connection is alive");
        assertEquals(1, send(net, udp(4000)).size());
        assertEquals(2, origPackets(net), "and the second datagram joins it");
        net.clock.advance(3100_000_000L);
        assertEquals(0, live(net), "3.1 s after its last packet it has expired");
        assertEquals(1, send(net, udp(4000)).size());
        assertEquals(1, origPackets(net), "the next datagram opens a new connection");
    }

    private static long origPackets(FirewallNet net) {
        return net.firewall.connTable().snapshot(net.clock.now(), null).get(0).origPackets();
    }

    @Test
    void aChangedTimeoutAppliesToAnExistingConnectionFromItsNextPacket() {
        FirewallNet net = new FirewallNet();
        send(net, udp(4001));                                   // deadline: now + 10 s (the default)
        net.firewall.connTable().timeouts(udpTimeout(3 * SECOND));
        net.clock.advance(5 * SECOND);
        assertEquals(1, live(net), "the deadline it was given stands until its next packet");
        send(net, udp(4001));                                   // now + 3 s
        net.clock.advance(3100_000_000L);
        assertEquals(0, live(net), "its next packet gave it the new 3 s");
    }

    @Test
    void endpointIndependentMappingsOutliveTheirConnectionByTheNewUdpTimeout() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.NAT, "chain=srcnat action=endpoint-independent-nat protocol=udp src-address=10.0.1.0/24 to-addresses=203.0.113.1");
        net.firewall.connTable().timeouts(udpTimeout(3 * SECOND));
        assertEquals(1, send(net, udp(4100)).size());
        // the connection ends 3 s after its packet, the mapping 3 s after that (not 10 + 10)
        net.clock.advance(5900_000_000L);
        assertEquals(1, net.firewall.endpointMappings().size(net.clock.now()));
        net.clock.advance(200_000_000L);
        assertEquals(0, net.firewall.endpointMappings().size(net.clock.now()));
    }

    @Test
    void enabledNoLeavesEveryPacketUntrackedAndNatInert() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.NAT, MASQUERADE);
        net.rules(Table.FILTER, "chain=forward action=passthrough connection-state=untracked");
        net.firewall.trackingMode(TrackingMode.NO);
        List<byte[]> got = send(net, udp(4002));
        assertEquals(1, got.size(), "forwarded all the same");
        assertEquals(Pkt.ip("10.0.1.10"), Pkt.src(got.get(0)), "no connection, so masquerade cannot translate");
        assertEquals(1, net.packets(Table.FILTER, 1), "connection-state=untracked matches");
        assertEquals(0, net.packets(Table.NAT, 1), "the nat rule is never consulted");
        assertEquals(0, net.firewall.connTable().size(), "nothing tracked");

        net.firewall.trackingMode(TrackingMode.YES);
        got = send(net, udp(4002));
        assertEquals(Pkt.ip("10.0.2.1"), Pkt.src(got.get(0)), "tracked again: masqueraded");
        assertEquals(1, net.packets(Table.FILTER, 1), "and no longer untracked");
        assertEquals(1, net.firewall.connTable().size());
    }

    @Test
    void autoTracksNothingWithoutRulesAndStartsWithTheFirstFilterRule() {
        FirewallNet net = new FirewallNet();
        net.firewall.trackingMode(TrackingMode.AUTO);
        for (int i = 0; i < 5; i++) assertEquals(1, send(net, udp(5000 + i)).size(), "traffic flows");
        assertEquals(0, net.firewall.connTable().size(), "auto with no firewall rule: the table stays empty");

        net.rules(Table.RAW, "chain=prerouting action=accept");
        send(net, udp(5100));
        assertEquals(0, net.firewall.connTable().size(), "raw runs before tracking and does not need it");
        net.rules(Table.FILTER, "chain=forward action=accept disabled=yes");
        send(net, udp(5101));
        assertEquals(0, net.firewall.connTable().size(), "a disabled rule needs nothing");

        net.rules(Table.FILTER, "chain=forward action=accept connection-state=new");
        assertEquals(1, send(net, udp(5200)).size());
        assertEquals(1, net.firewall.connTable().size(), "one filter rule: tracking on");
        assertEquals(1, net.packets(Table.FILTER, 1));

        net.rules(Table.FILTER);
        send(net, udp(5300));
        assertEquals(1, net.firewall.connTable().size(), "rules removed: off again, the new flow is not tracked");
    }

    @Test
    void aConnectionAliveAcrossASwitchOffAndOnKeepsItsTranslation() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.NAT, "chain=srcnat action=src-nat to-addresses=10.0.2.1 to-ports=40000 protocol=udp out-interface=ether2");
        List<byte[]> before = send(net, udp(4003));
        assertEquals(40000, Pkt.sport(before.get(0)), "tracked: translated to port 40000");
        // hostB answers; the reply finds the connection and reaches hostA
        net.hostB.send(Pkt.udp("10.0.2.10", "10.0.2.1", 53, 40000, "answer".getBytes(StandardCharsets.ISO_8859_1)));
        net.run();
        assertEquals(1, net.hostA.take().size());

        net.firewall.trackingMode(TrackingMode.NO);
        List<byte[]> during = send(net, udp(4003));
        assertEquals(1, during.size(), "not tracking: still forwarded");
        assertEquals(4003, Pkt.sport(during.get(0)), "but untranslated, as Linux/RouterOS without conntrack");
        assertEquals(1, net.firewall.connTable().size(), "the connection is kept, not flushed");

        net.clock.advance(2 * SECOND);
        net.firewall.trackingMode(TrackingMode.YES);
        List<byte[]> after = send(net, udp(4003));
        assertEquals(40000, Pkt.sport(after.get(0)), "on again within its timeout: the same connection, the same translation");
        assertEquals(1, net.firewall.connTable().size());
        assertTrue(net.firewall.connTable().snapshot(net.clock.now(), null).get(0).seenReply(), "its state survived the switch");
    }

    @Test
    void looseTcpTrackingOffMakesAMidStreamSegmentInvalid() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.FILTER, "chain=forward action=drop connection-state=invalid");
        byte[] midStream = Pkt.tcp("10.0.1.10", "10.0.2.10", 33000, 80, 0x10, 1000, 2000, new byte[10]);   // ACK, no SYN seen
        assertEquals(1, send(net, midStream).size(), "loose (the default): picked up as established");
        assertEquals(1, net.firewall.connTable().size());

        net.firewall.connTable().flush();
        net.firewall.connTable().looseTcpTracking(false);
        assertEquals(0, send(net, midStream).size(), "loose-tcp-tracking=no: invalid, and dropped");
        assertEquals(0, net.firewall.connTable().size(), "no connection created");
        byte[] syn = Pkt.tcp("10.0.1.10", "10.0.2.10", 33001, 80, 0x02, 5000, 0, new byte[0]);
        assertEquals(1, send(net, syn).size(), "a SYN still opens one");
        assertEquals(1, net.firewall.connTable().size());
    }
}
