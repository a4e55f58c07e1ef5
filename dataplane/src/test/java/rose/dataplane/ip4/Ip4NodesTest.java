package rose.dataplane.ip4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.Pkt;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.config.Ip4Address;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.fib.FibCompiler;
import rose.dataplane.table.Interfaces;
import rose.dataplane.table.Tables;
import rose.dataplane.table.TablesRef;

/** Each IPv4 node alone, with sinks standing in for its neighbours. */
class Ip4NodesTest {
    static TablesRef tables(int mtu1) {
        RouterConfig cfg = RouterConfig.builder().iface("ether1").iface(rose.dataplane.config.InterfaceConfig.of("ether2").withMtu(mtu1))
                .address("ether1", "192.168.1.1/24").address("ether2", "10.0.0.1/24").build();
        Interfaces ifs = new Interfaces(new String[] {"ether1", "ether2"}, new long[] {1, 2}, new int[] {1500, mtu1},
                new boolean[] {true, true}, new int[][] {{Ip4Address.parse("192.168.1.1")}, {Ip4Address.parse("10.0.0.1")}},
                new int[][] {{24}, {24}});
        TablesRef t = new TablesRef();
        t.set(new Tables(FibCompiler.compile(cfg, List.of("ether1", "ether2")::indexOf), ifs, 1));
        return t;
    }

    @Test
    void forwardDecrementsTtlWithAValidIncrementalChecksum() {
        NodeHarness h = new NodeHarness(new Ip4ForwardNode());
        int p = h.packet(Pkt.echo("192.168.1.5", "10.0.0.9", 1, 1, 100, 9, false));
        int dying = h.packet(Pkt.echo("192.168.1.5", "10.0.0.9", 1, 2, 100, 1, false));
        h.run(p, dying);
        assertEquals(List.of(p), h.at("ip4-rewrite"), "no hooks: forward goes straight to postrouting's rewrite");
        byte[] out = h.bytes(p);
        assertEquals(8, Pkt.ttl(out));
        assertTrue(Pkt.headerChecksumOk(out));
        assertEquals(List.of(dying), h.at("ip4-icmp-error"));
        assertEquals(Icmp.TIME_EXCEEDED, Icmp.auxType(h.meta.aux(dying)));
    }

    @Test
    void icmpErrorQuotesTheOriginalAndSwapsDirection() {
        NodeHarness h = new NodeHarness(new Ip4IcmpErrorNode(tables(1500)));
        byte[] orig = Pkt.udp("192.168.1.5", "10.9.9.9", 1000, 53, 1000);
        int p = h.packet(orig);
        h.meta.rxIf(p, 0);
        h.meta.aux(p, Icmp.errorAux(Icmp.DEST_UNREACHABLE, Icmp.CODE_NET_UNREACHABLE, 0));
        h.run(p);
        assertEquals(List.of(p), h.at("ip4-output"));
        byte[] e = h.bytes(p);
        assertEquals(Icmp.MAX_ERROR_DATAGRAM, e.length, "quote cut at 576 bytes in total");
        assertEquals(Pkt.ip("192.168.1.1"), Pkt.src(e), "from the receiving interface's address");
        assertEquals(Pkt.ip("192.168.1.5"), Pkt.dst(e));
        assertTrue(Pkt.headerChecksumOk(e));
        assertTrue(Checksum.verify(e, 20, e.length - 20), "ICMP checksum");
        assertArrayEquals(Arrays.copyOfRange(orig, 0, 548), Arrays.copyOfRange(e, 28, 576));
        assertTrue(h.meta.hasFlag(p, PacketMeta.F_LOCAL_ORIGIN | PacketMeta.F_ICMP_ERROR));
    }

    @Test
    void icmpErrorIsNeverSentAboutErrorsFragmentsOrBroadcasts() {
        NodeHarness h = new NodeHarness(new Ip4IcmpErrorNode(tables(1500)));
        byte[] err = Pkt.echo("192.168.1.5", "10.0.0.9", 1, 1, 100, 9, false);
        err[20] = (byte) Icmp.DEST_UNREACHABLE;
        byte[] frag = Pkt.udp("192.168.1.5", "10.9.9.9", 1, 2, 100);
        Bytes.put16(frag, 6, 10);
        Ip4.setChecksum(frag, 0);
        byte[] bcast = Pkt.udp("192.168.1.5", "255.255.255.255", 1, 2, 100);
        int a = h.packet(err), b = h.packet(frag), c = h.packet(bcast);
        h.run(a, b, c);
        assertEquals(3, h.counters().drops("ip4-icmp-error", "suppressed"));
    }

    @Test
    void fragmentationKeepsOffsetsAlignedAndTheOriginalMoreFragmentsBit() {
        NodeHarness h = new NodeHarness(new Ip4FragNode(tables(576)));
        byte[] orig = Pkt.udp("192.168.1.5", "10.0.0.9", 1, 2, 1500);
        for (int i = 28; i < orig.length; i++) orig[i] = (byte) i;
        // pretend it is itself a first fragment of something bigger: MF set
        Bytes.put16(orig, 6, Ip4.FLAG_MF);
        Ip4.setChecksum(orig, 0);
        int p = h.packet(orig);
        h.meta.txIf(p, 1);
        h.run(p);
        List<Integer> frags = h.at("ip4-rewrite");
        assertEquals(3, frags.size(), "1480 payload bytes in 552-byte slices");
        int expectOffset = 0;
        for (int f : frags) {
            byte[] d = h.bytes(f);
            assertTrue(d.length <= 576);
            assertTrue(Pkt.headerChecksumOk(d));
            int w = Bytes.u16(d, 6);
            assertEquals(expectOffset, (w & Ip4.OFFSET_MASK) << 3);
            assertTrue((w & Ip4.FLAG_MF) != 0, "every fragment keeps MF since the original had it");
            assertArrayEquals(Arrays.copyOfRange(orig, 20 + expectOffset, 20 + expectOffset + d.length - 20), Arrays.copyOfRange(d, 20, d.length));
            assertEquals(1, h.meta.txIf(f));
            expectOffset += d.length - 20;
        }
        assertEquals(1480, expectOffset);
    }

    @Test
    void lookupSendsLocalToInputAndMissesToIcmpError() {
        NodeHarness h = new NodeHarness(new Ip4LookupNode(tables(1500)));
        int local = h.packet(Pkt.echo("192.168.1.5", "10.0.0.1", 1, 1, 100, 9, false));
        int fwd = h.packet(Pkt.echo("192.168.1.5", "10.0.0.77", 1, 1, 100, 9, false));
        int miss = h.packet(Pkt.echo("192.168.1.5", "8.8.8.8", 1, 1, 100, 9, false));
        h.run(local, fwd, miss);
        assertEquals(List.of(local), h.at("ip4-local"), "no input hooks: straight to ip4-local");
        assertEquals(List.of(fwd), h.at("ip4-forward"));
        assertEquals(1, h.meta.txIf(fwd));
        assertEquals(Pkt.ip("10.0.0.77"), h.meta.nextHop(fwd));
        assertEquals(List.of(miss), h.at("ip4-icmp-error"));
    }

    @Test
    void echoReplyIsBuiltInPlaceAndLeavesByOutput() {
        NodeHarness h = new NodeHarness(new Ip4IcmpEchoNode(tables(1500)));
        int p = h.packet(Pkt.echo("192.168.1.5", "10.0.0.1", 9, 4, 100, 3, false));
        h.meta.rxIf(p, 0);
        h.run(p);
        assertEquals(List.of(p), h.at("ip4-output"));
        byte[] r = h.bytes(p);
        assertEquals(Icmp.ECHO_REPLY, Pkt.icmpType(r));
        assertEquals(Pkt.ip("10.0.0.1"), Pkt.src(r));
        assertEquals(Pkt.ip("192.168.1.5"), Pkt.dst(r));
        assertEquals(Ip4.DEFAULT_TTL, Pkt.ttl(r));
        assertTrue(Checksum.verify(r, 20, 80));
        assertTrue(Pkt.headerChecksumOk(r));
    }
}
