package rose.dataplane.conntrack;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.firewall.ConnStates;
import rose.dataplane.firewall.Ipv4;
import rose.dataplane.firewall.PacketFields;
import rose.dataplane.firewall.TcpFlagsMatch;
import rose.dataplane.ip4.Checksum;
import rose.dataplane.nat.NatBinder;
import rose.dataplane.nat.NatAddresses;
import rose.dataplane.nat.NatRewrite;
import rose.dataplane.firewall.RuleSpecParser;
import rose.dataplane.firewall.RuleCompiler;
import rose.dataplane.firewall.CompileContext;
import rose.dataplane.firewall.Table;
import rose.dataplane.firewall.TableProgram;
import rose.dataplane.firewall.RuleEvaluator;
import rose.dataplane.firewall.RuleEnv;
import rose.dataplane.firewall.FirewallLog;
import rose.dataplane.firewall.Verdict;

class ConnTableTest {
    static final int SYN = TcpFlagsMatch.SYN, ACK = TcpFlagsMatch.ACK, FIN = TcpFlagsMatch.FIN, RST = TcpFlagsMatch.RST;
    final ConnTable t = new ConnTable(1024, 8, ConnTimeouts.DEFAULTS);
    long now = 1_000_000_000L;

    PacketFields track(byte[] p) {
        PacketFields f = new PacketFields();
        assertTrue(f.parse(p, 0, p.length));
        f.now = now;
        t.track(f);
        return f;
    }

    @Test void tcpHandshakeNewThenEstablishedAndAssured() {
        assertEquals(ConnStates.NEW, track(P.tcp("10.0.0.1", 40000, "10.0.0.2", 80, SYN)).connState);
        assertEquals(ConnStates.NEW, track(P.tcp("10.0.0.1", 40000, "10.0.0.2", 80, SYN)).connState, "retransmitted SYN");
        PacketFields r = track(P.tcp("10.0.0.2", 80, "10.0.0.1", 40000, SYN | ACK));
        assertEquals(ConnStates.ESTABLISHED, r.connState);
        assertEquals(1, r.connDir);
        assertEquals(ConnStates.ESTABLISHED, track(P.tcp("10.0.0.1", 40000, "10.0.0.2", 80, ACK)).connState);
        ConnEntry e = t.snapshot(now, null).get(0);
        assertEquals("established", e.tcpState());
        assertEquals("SAC", e.flags());
        assertEquals(3, e.origPackets());
        assertEquals(1, e.replPackets());
        assertEquals(86400, e.timeout().getSeconds());
        track(P.tcp("10.0.0.1", 40000, "10.0.0.2", 80, FIN | ACK));
        assertEquals("fin-wait", t.snapshot(now, null).get(0).tcpState());
        track(P.tcp("10.0.0.2", 80, "10.0.0.1", 40000, RST));
        assertEquals("close", t.snapshot(now, null).get(0).tcpState());
    }

    @Test void natStateBitsOfEveryKindReachThePacketAndThePrint() {
        assertEquals(ConnShard.F_SRCNAT << 1, ConnShard.F_DSTNAT, "natState reads srcnat/dstnat as two adjacent bits");
        assertEquals(ConnShard.F_EIN_SNAT << 1, ConnShard.F_EIN_DNAT, "and ein-snat/ein-dnat");
        PacketFields f = track(P.udp("10.0.0.1", 5000, "10.0.0.2", 3478));
        assertEquals(0, f.natState);
        assertTrue(t.bindNat(f.connRef, true, Ipv4.parse("192.0.2.1"), 5000, true));
        PacketFields again = track(P.udp("10.0.0.1", 5000, "10.0.0.2", 3478));
        assertEquals(ConnStates.NAT_SRCNAT | ConnStates.NAT_EIN_SNAT, again.natState);
        PacketFields in = track(P.udp("10.0.0.3", 7000, "192.0.2.1", 5000));
        assertTrue(t.bindNat(in.connRef, false, Ipv4.parse("10.0.0.1"), 5000, true));
        assertEquals(ConnStates.NAT_DSTNAT | ConnStates.NAT_EIN_DNAT, track(P.udp("10.0.0.3", 7000, "192.0.2.1", 5000)).natState);
        PacketFields plain = track(P.udp("10.0.0.4", 1, "10.0.0.2", 2));
        assertTrue(t.bindNat(plain.connRef, true, Ipv4.parse("192.0.2.1"), 1));
        assertEquals(ConnStates.NAT_SRCNAT, track(P.udp("10.0.0.4", 1, "10.0.0.2", 2)).natState, "src-nat is not ein-snat");
        java.util.Set<String> names = new java.util.HashSet<>();
        for (ConnEntry e : t.snapshot(now, null)) names.add(e.natStateNames());
        assertEquals(java.util.Set.of("srcnat,ein-snat", "dstnat,ein-dnat", "srcnat"), names);
    }

    @Test void invalidFirstPackets() {
        assertEquals(ConnStates.INVALID, track(P.tcp("10.0.0.1", 1, "10.0.0.2", 2, RST)).connState);
        assertEquals(ConnStates.INVALID, track(P.tcp("10.0.0.1", 1, "10.0.0.2", 2, SYN | ACK)).connState);
        assertEquals(ConnStates.INVALID, track(P.icmp("10.0.0.1", "10.0.0.2", 0, 0, 9)).connState, "echo reply with no request");
        assertEquals(0, t.size());
    }

    @Test void udpTimeoutsAndExpiry() {
        track(P.udp("10.0.0.1", 5000, "10.0.0.2", 53));
        assertEquals(10, t.snapshot(now, null).get(0).timeout().getSeconds());
        track(P.udp("10.0.0.2", 53, "10.0.0.1", 5000));
        track(P.udp("10.0.0.1", 5000, "10.0.0.2", 53));
        assertEquals(180, t.snapshot(now, null).get(0).timeout().getSeconds(), "udp-stream-timeout once both ways");
        now += 181_000_000_000L;
        for (int s = 0; s < t.shardCount(); s++) t.sweep(s, now, 1024);
        assertEquals(0, t.size());
        assertEquals(ConnStates.NEW, track(P.udp("10.0.0.1", 5000, "10.0.0.2", 53)).connState);
    }

    @Test void icmpEchoAndRelatedErrors() {
        assertEquals(ConnStates.NEW, track(P.icmp("10.0.0.1", "10.0.0.2", 8, 0, 77)).connState);
        assertEquals(ConnStates.ESTABLISHED, track(P.icmp("10.0.0.2", "10.0.0.1", 0, 0, 77)).connState);
        byte[] udp = P.udp("10.0.0.1", 5000, "10.0.0.9", 33434);
        track(udp);
        PacketFields err = track(P.icmpError("10.0.0.254", "10.0.0.1", 3, 3, udp));
        assertEquals(ConnStates.RELATED, err.connState);
        assertEquals(ConnStates.INVALID, track(P.icmpError("10.0.0.254", "10.0.0.1", 3, 3, P.udp("10.0.0.1", 1, "9.9.9.9", 2))).connState);
    }

    @Test void tableFullIsReported() {
        ConnTable small = new ConnTable(8, 1, ConnTimeouts.DEFAULTS);
        int full = 0;
        for (int i = 0; i < 20; i++) {
            byte[] p = P.udp("10.0.0.1", 1000 + i, "10.0.0.2", 53);
            PacketFields f = new PacketFields();
            f.parse(p, 0, p.length);
            f.now = now;
            if (small.track(f) == ConnTable.TABLE_FULL) full++;
        }
        assertEquals(12, full);
    }

    @Test void masqueradeBindsBothDirectionsAndAvoidsPortCollisions() {
        NatAddresses addrs = new NatAddresses() {
            @Override public int masqueradeAddress(int outIf, int dst) { return Ipv4.parse("165.95.23.2"); }
            @Override public int redirectAddress(int inIf) { return Ipv4.parse("192.168.90.1"); }
        };
        NatBinder binder = new NatBinder(t, addrs);
        CompileContext ctx = CompileContext.standalone();
        TableProgram nat = new RuleCompiler(Table.NAT, ctx).compile(List.of(
                RuleSpecParser.parse(1, "chain=srcnat action=accept dst-address=192.168.30.0/24"),
                RuleSpecParser.parse(2, "chain=srcnat action=masquerade")));
        RuleEvaluator ev = new RuleEvaluator(ctx.counters(), 0, RuleEnv.DEFAULT, FirewallLog.NONE);
        int[] ports = new int[2];
        for (int host = 0; host < 2; host++) {
            byte[] p = P.udp("192.168.90.1" + host, 40000, "87.16.79.2", 500);
            PacketFields f = track(p);
            assertEquals(Verdict.NAT, ev.evaluate(nat.chain("srcnat"), f));
            assertEquals(NatBinder.OK, binder.bind(ev.natRule(), f, true));
            int[] tu = new int[6];
            t.tuples(f.connRef, tu);
            NatRewrite.rewrite(f, true, tu[4], tu[5] & 0xFFFF);
            assertEquals(Ipv4.parse("165.95.23.2"), PacketFields.i32(p, 12));
            assertTrue(P.valid(p), "checksums after rewrite");
            ports[host] = f.srcPort;
            // the reply finds the connection by its translated tuple
            PacketFields r = track(P.udp("87.16.79.2", 500, "165.95.23.2", ports[host]));
            assertEquals(ConnStates.ESTABLISHED, r.connState);
            assertEquals(f.connRef, r.connRef);
        }
        assertEquals(40000, ports[0]);
        assertNotEquals(ports[0], ports[1], "second client got another port");
        PacketFields bypass = track(P.udp("192.168.90.10", 1, "192.168.30.10", 2));
        assertEquals(Verdict.ACCEPT, ev.evaluate(nat.chain("srcnat"), bypass), "NAT bypass before masquerade");
        assertTrue(t.snapshot(now, null).stream().anyMatch(e -> e.srcnat() && e.replyDstAddress() == Ipv4.parse("165.95.23.2")));
    }

    @Test void masqueradeOfTheRoutersOwnAddressKeepsItsPort() {
        // IKE from the router itself (87.16.79.2:500) leaves through a masquerade whose address is
        // its own: the mapping is the identity and port 500 must stay 500, or the peer sees a NAT
        NatAddresses addrs = new NatAddresses() {
            @Override public int masqueradeAddress(int outIf, int dst) { return Ipv4.parse("87.16.79.2"); }
            @Override public int redirectAddress(int inIf) { return 0; }
        };
        NatBinder binder = new NatBinder(t, addrs);
        CompileContext ctx = CompileContext.standalone();
        TableProgram nat = new RuleCompiler(Table.NAT, ctx).compile(List.of(
                RuleSpecParser.parse(1, "chain=srcnat action=masquerade")));
        RuleEvaluator ev = new RuleEvaluator(ctx.counters(), 0, RuleEnv.DEFAULT, FirewallLog.NONE);
        PacketFields f = track(P.udp("87.16.79.2", 500, "165.95.23.2", 500));
        assertEquals(Verdict.NAT, ev.evaluate(nat.chain("srcnat"), f));
        assertEquals(NatBinder.OK, binder.bind(ev.natRule(), f, true));
        int[] tu = new int[6];
        t.tuples(f.connRef, tu);
        assertEquals(500, tu[5] & 0xFFFF, "the router's own IKE port is not rewritten");
    }

    /** Packet builders (same layout as the firewall tests' Pkt). */
    static final class P {
        static byte[] ip(int proto, String s, String d, int l4) {
            byte[] b = new byte[20 + l4];
            b[0] = 0x45; PacketFields.put16(b, 2, b.length); b[8] = 64; b[9] = (byte) proto;
            PacketFields.put32(b, 12, Ipv4.parse(s)); PacketFields.put32(b, 16, Ipv4.parse(d));
            PacketFields.put16(b, 10, Checksum.compute(b, 0, 20));
            return b;
        }
        static byte[] tcp(String s, int sp, String d, int dp, int flags) {
            byte[] b = ip(6, s, d, 20);
            PacketFields.put16(b, 20, sp); PacketFields.put16(b, 22, dp); b[32] = 0x50; b[33] = (byte) flags;
            return b;
        }
        static byte[] udp(String s, int sp, String d, int dp) {
            byte[] b = ip(17, s, d, 8);
            PacketFields.put16(b, 20, sp); PacketFields.put16(b, 22, dp); PacketFields.put16(b, 24, 8);
            long acc = Checksum.sum(b, 12, 8, 0) + 17 + 8;
            PacketFields.put16(b, 26, ~Checksum.fold(Checksum.sum(b, 20, 8, acc)) & 0xffff);
            return b;
        }
        static byte[] icmp(String s, String d, int type, int code, int id) {
            byte[] b = ip(1, s, d, 8);
            b[20] = (byte) type; b[21] = (byte) code; PacketFields.put16(b, 24, id);
            PacketFields.put16(b, 22, Checksum.compute(b, 20, 8));
            return b;
        }
        static byte[] icmpError(String s, String d, int type, int code, byte[] quoted) {
            byte[] b = ip(1, s, d, 36);
            b[20] = (byte) type; b[21] = (byte) code;
            System.arraycopy(quoted, 0, b, 28, 28);
            PacketFields.put16(b, 22, Checksum.compute(b, 20, 36));
            return b;
        }
        static boolean valid(byte[] b) {
            long acc = Checksum.sum(b, 12, 8, 0) + b[9] + (b.length - 20);
            return Checksum.verify(b, 0, 20) && Checksum.fold(Checksum.sum(b, 20, b.length - 20, acc)) == 0xffff;
        }
    }
}
