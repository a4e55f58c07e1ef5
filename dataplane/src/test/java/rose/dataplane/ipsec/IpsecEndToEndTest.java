package rose.dataplane.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import rose.dataplane.Pkt;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.ip4.Icmp;
import rose.dataplane.ip4.Ip4;
import rose.ipsec.backend.IpsecEvent;
import rose.ipsec.backend.Lifetime;
import rose.ipsec.backend.SaMode;
import rose.ipsec.crypto.Transform;

/** Two routers with the userspace backend and static keys, on memory wires, in step mode. */
class IpsecEndToEndTest {

    @ParameterizedTest(name = "{0}+{1}")
    @CsvSource({"aes-128-gcm,''", "aes-256-gcm,''", "aes-128-cbc,sha1", "aes-256-cbc,sha256", "chacha20poly1305,''", "null,sha256", "aes-128-ctr,sha1", "3des,sha1"})
    void lanToLanThroughATunnel(String enc, String auth) throws Exception {
        IpsecNet net = new IpsecNet();
        StaticKeys.Pair p = StaticKeys.tunnel(net.b1, net.b2, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2", Transform.of(enc, auth), false);
        for (int s = 1; s <= 3; s++) net.hostA.ping("10.0.2.10", s);
        net.run();
        List<byte[]> replies = net.hostA.take();
        assertEquals(3, replies.size(), "echo replies through the tunnel; drops: " + net.r1.counters().nonZeroDrops() + net.r2.counters().nonZeroDrops());
        assertEquals(Icmp.ECHO_REPLY, Pkt.icmpType(replies.get(0)));
        assertEquals(62, Pkt.ttl(replies.get(0)), "inner TTL: decremented by r2 and r1 only");
        assertFalse(net.wire.isEmpty());
        for (byte[] d : net.wire) assertEquals(Ip4.PROTO_ESP, Pkt.proto(d), "only ESP on the core wire");
        assertEquals(3, net.b1.querySa(p.leftToRight().id()).orElseThrow().packets());
        assertEquals(3, net.b2.querySa(p.leftToRight().id()).orElseThrow().packets());
        assertEquals(3 * 84, net.b1.querySa(p.rightToLeft().id()).orElseThrow().bytes());
        assertEquals(Map.of(), net.r1.counters().nonZeroDrops());
        assertEquals(Map.of(), net.r2.counters().nonZeroDrops());
        InstalledSa row = net.b1.installedSas().get(0);
        assertTrue(row.flags().contains("S") && row.flags().contains("E"), row.toString());
        assertTrue(DataplaneIpsecBackend.statistics(net.r1.counters()).values().stream().allMatch(v -> v == 0));
        assertEquals(25, DataplaneIpsecBackend.statistics(net.r1.counters()).size());
    }

    @Test
    void transportModeBetweenTheRouters() throws Exception {
        IpsecNet net = new IpsecNet();
        StaticKeys.Pair p = StaticKeys.pair(0x3000, "10.0.12.1", "10.0.12.2", SaMode.TRANSPORT, Transform.of("aes-128-gcm", ""), false, Lifetime.UNLIMITED, 3);
        StaticKeys.installSas(net.b1, net.b2, p);
        StaticKeys.policies(net.b1, "10.0.12.1/32", "10.0.12.2/32", "10.0.12.1", "10.0.12.2", SaMode.TRANSPORT, 3);
        StaticKeys.policies(net.b2, "10.0.12.2/32", "10.0.12.1/32", "10.0.12.2", "10.0.12.1", SaMode.TRANSPORT, 3);
        net.r1.send(Pkt.udp("10.0.12.1", "10.0.12.2", 1234, 5678, 200));
        net.run();
        assertEquals(1, net.local2.size(), "r2 got the datagram; drops " + net.r2.counters().nonZeroDrops());
        byte[] got = net.local2.get(0);
        assertEquals(Ip4.PROTO_UDP, Pkt.proto(got));
        assertEquals(200, got.length);
        assertEquals(5678, Bytes.u16(got, 22));
        assertEquals(1, net.wire.size());
        assertEquals(Ip4.PROTO_ESP, Pkt.proto(net.wire.get(0)));
        assertEquals(200 + 8 + 8 + 2 + 2 + 16, net.wire.get(0).length, "transport: header kept, ESP+IV, 180+2 padded to 184, ICV");
        assertEquals(1, net.b2.querySa(p.leftToRight().id()).orElseThrow().packets());
    }

    @Test
    void natTraversalCarriesEspInUdp4500() throws Exception {
        IpsecNet net = new IpsecNet();
        StaticKeys.tunnel(net.b1, net.b2, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2", Transform.of("aes-256-gcm", ""), true);
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        assertEquals(1, net.hostA.take().size(), "drops " + net.r2.counters().nonZeroDrops());
        byte[] d = net.wire.get(0);
        assertEquals(Ip4.PROTO_UDP, Pkt.proto(d));
        assertEquals(4500, Bytes.u16(d, 20));
        assertEquals(4500, Bytes.u16(d, 22));
        assertTrue(net.b1.installedSas().stream().anyMatch(r -> r.srcAddress().equals("10.0.12.1:4500")));
        // IKE behind the non-ESP marker goes to the IKE daemon; a keepalive is dropped quietly
        byte[] ike = Pkt.udp("10.0.12.1", "10.0.12.2", 4500, 4500, 20 + 8 + 40);
        byte[] keepalive = Pkt.udp("10.0.12.1", "10.0.12.2", 4500, 4500, 20 + 8 + 1);
        keepalive[28] = (byte) 0xff;
        net.r1.send(ike);
        net.r1.send(keepalive);
        net.run();
        assertEquals(1, net.local2.size(), "IKE punted to the host");
        assertEquals(1, net.r2.counters().drops("udp4-esp-input", "nat-keepalive"));
    }

    @Test
    void tamperedReplayedAndUnknownSpiAreDroppedUnderTheirOwnReasons() throws Exception {
        IpsecNet net = new IpsecNet();
        StaticKeys.tunnel(net.b1, net.b2, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2", Transform.of("aes-128-cbc", "sha1"), false);
        net.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 1111, 2222, 120));
        net.run();
        assertEquals(1, net.hostB.take().size());
        byte[] esp = net.wire.get(0);
        byte[] tampered = esp.clone();
        Bytes.put32(tampered, 24, 5);               // an unseen sequence number, so the replay check lets it through
        tampered[tampered.length - 1] ^= 1;         // and a flipped ICV bit
        byte[] wrongSpi = esp.clone();
        Bytes.put32(wrongSpi, 20, 0x7777);
        net.r1.send(esp);          // replay
        net.r1.send(tampered);
        net.r1.send(wrongSpi);
        net.run();
        assertEquals(0, net.hostB.take().size(), "nothing delivered; " + net.r1.counters().nonZeroDrops() + net.r2.counters().nonZeroDrops() + net.wire.size());
        assertEquals(List.of(), net.hostB.received());
        assertEquals(1, net.r2.counters().drops("esp4-decrypt", "replay"));
        assertEquals(1, net.r2.counters().drops("esp4-decrypt", "bad-icv"));
        assertEquals(1, net.r2.counters().drops("esp4-decrypt", "no-sa"));
        Map<String, Long> st = DataplaneIpsecBackend.statistics(net.r2.counters());
        assertEquals(1, st.get("in-state-sequence-errors"));
        assertEquals(1, st.get("in-state-protocol-errors"));
        assertEquals(1, st.get("in-no-states"));
    }

    @Test
    void timeLifetimesFireSoftThenHardAndTheSaGoes() throws Exception {
        IpsecNet net = new IpsecNet();
        StaticKeys.Pair p = StaticKeys.pair(0x5000, "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, Transform.of("aes-128-gcm", ""), false, Lifetime.ofSeconds(60, 90), 1);
        StaticKeys.installSas(net.b1, net.b2, p);
        StaticKeys.policies(net.b1, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, 1);
        net.clock.advance(61_000_000_000L);
        net.run();
        assertTrue(net.events1.contains(new IpsecEvent.SoftExpire(p.leftToRight().id(), IpsecEvent.LimitKind.TIME)), net.events1.toString());
        assertEquals("dying", net.b1.installedSas().get(0).state());
        net.clock.advance(30_000_000_000L);
        net.run();
        assertTrue(net.events1.contains(new IpsecEvent.HardExpire(p.leftToRight().id(), IpsecEvent.LimitKind.TIME)));
        assertTrue(net.b1.querySa(p.leftToRight().id()).isEmpty());
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        assertEquals(1, net.r1.counters().drops("ipsec4-output-policy", "no-sa"), "require: no SA, no clear text");
        assertTrue(net.events1.stream().anyMatch(e -> e instanceof IpsecEvent.Acquire), "and IKE is asked for one");
    }

    @Test
    void rekeyMakeBeforeBreakUnderTrafficLosesNothing() throws Exception {
        IpsecNet net = new IpsecNet();
        Transform t = Transform.of("aes-128-gcm", "");
        StaticKeys.Pair old = StaticKeys.tunnel(net.b1, net.b2, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2", t, false);
        StaticKeys.Pair fresh = StaticKeys.pair(0x2000, "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, t, false, Lifetime.UNLIMITED, 1);
        net.hostA.ping("10.0.2.10", 0);   // ARP resolved on every hop first: only IPsec could lose packets below
        net.run();
        net.hostA.take();
        int sent = 0;
        for (int round = 0; round < 30; round++) {
            for (int k = 0; k < 4; k++) net.hostA.ping("10.0.2.10", ++sent);
            // packets in flight on every step: the new SAs appear mid-stream, inbound before outbound
            net.r1.poll(); net.hostA.router.poll();
            if (round == 10) { net.b2.addSa(fresh.leftToRight()); net.b1.addSa(fresh.rightToLeft()); }
            net.r1.poll(); net.r2.poll();
            if (round == 12) { net.b1.addSa(fresh.leftToRight()); net.b2.addSa(fresh.rightToLeft()); }
            net.r2.poll(); net.hostB.router.poll();
            if (round == 20) {    // old SAs deleted once the new ones carry traffic
                net.b1.deleteSa(old.leftToRight().id()); net.b2.deleteSa(old.rightToLeft().id());
                net.b1.deleteSa(old.rightToLeft().id()); net.b2.deleteSa(old.leftToRight().id());
            }
        }
        net.run();
        assertEquals(sent, net.hostA.take().size(), "every echo answered; drops " + net.r1.counters().nonZeroDrops() + net.r2.counters().nonZeroDrops());
        assertTrue(net.b2.querySa(fresh.leftToRight().id()).orElseThrow().packets() > 0);
        assertTrue(net.b1.querySa(fresh.rightToLeft().id()).orElseThrow().packets() > 0);
    }

    @ParameterizedTest(name = "{0}+{1} -> {2}")
    @CsvSource({"aes-128-gcm,'',1446", "aes-128-cbc,sha1,1438", "aes-256-cbc,sha512,1422", "chacha20poly1305,'',1446"})
    void oversizedInnerPacketWithDfGetsFragNeededWithTheInnerMtu(String enc, String auth, int innerMtu) throws Exception {
        IpsecNet net = new IpsecNet();
        StaticKeys.tunnel(net.b1, net.b2, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2", Transform.of(enc, auth), false);
        net.hostA.send(Pkt.echo("10.0.1.10", "10.0.2.10", 9, 1, 1500, 64, true));
        net.hostA.send(Pkt.echo("10.0.1.10", "10.0.2.10", 9, 2, innerMtu, 64, true));
        net.run();
        List<byte[]> got = net.hostA.take();
        assertEquals(2, got.size());
        byte[] err = got.stream().filter(d -> Pkt.icmpType(d) == Icmp.DEST_UNREACHABLE).findFirst().orElseThrow();
        assertEquals(Icmp.CODE_FRAG_NEEDED, Pkt.icmpCode(err));
        assertEquals(innerMtu, Pkt.icmpMtu(err), "link MTU 1500 minus ESP overhead (reference 07 §C.2)");
        assertTrue(got.stream().anyMatch(d -> Pkt.icmpType(d) == Icmp.ECHO_REPLY), "a packet of exactly the inner MTU passes");
    }

    @Test
    void policyDiscardAndClearTextOnAProtectedPolicyAreCounted() throws Exception {
        IpsecNet net = new IpsecNet();
        StaticKeys.tunnel(net.b1, net.b2, "10.0.1.0/24", "10.0.2.0/24", "10.0.12.1", "10.0.12.2", Transform.of("aes-128-gcm", ""), false);
        net.b1.addPolicy(new rose.ipsec.backend.Policy(new rose.ipsec.backend.PolicyKey(StaticKeys.sel("10.0.1.0/24", "10.0.2.128/25"),
                rose.ipsec.backend.PolicyDirection.OUT, 0), rose.ipsec.backend.PolicyAction.DISCARD, 5, List.of()));
        net.hostA.ping("10.0.2.200", 1);
        net.r1.send(Pkt.echo("10.0.1.10", "10.0.2.10", 1, 1, 84, 64, false));   // a clear packet claiming to be from the protected LAN
        net.run();
        Map<String, Long> st1 = DataplaneIpsecBackend.statistics(net.r1.counters());
        assertEquals(1, net.r1.counters().drops("ipsec4-output-policy", "discard"));
        assertEquals(1, st1.get("out-policy-blocked"));
    }
}
