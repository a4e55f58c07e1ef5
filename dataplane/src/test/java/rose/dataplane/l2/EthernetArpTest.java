package rose.dataplane.l2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.ManualClock;
import rose.dataplane.Pkt;
import rose.dataplane.Router;
import rose.dataplane.RouterOptions;
import rose.dataplane.buffer.Bytes;
import rose.dataplane.buffer.PacketPool;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.port.MemoryPort;
import rose.dataplane.port.MemoryWire;

/** Frame-level tests: a probe holds the far end of the router's wire. */
class EthernetArpTest {
    static final long PROBE_MAC = Ethernet.local(0xbeef);
    static final long ROUTER_MAC = Ethernet.local(0x1);

    final ManualClock clock = new ManualClock();
    final Router r = new Router("r", RouterOptions.DEFAULT.withClock(clock).withBuffers(256));
    final MemoryWire wire = MemoryWire.connect("ether1", ROUTER_MAC, "probe", PROBE_MAC);
    final PacketPool probePool = new PacketPool(64, 2176, 128);

    EthernetArpTest() {
        r.attach("ether1", wire.a());
        r.apply(RouterConfig.builder().iface("ether1").address("ether1", "192.168.7.1/24").build());
    }

    void send(byte[] frame) {
        int h = probePool.allocCopy(frame, 0, frame.length);
        wire.b().transmit(probePool, new int[] {h}, 1, clock.now());
        probePool.free(h);
        r.poll();
    }

    List<byte[]> receive() {
        MemoryPort p = wire.b();
        PacketVector v = new PacketVector();
        p.receive(probePool, v, clock.now());
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            int h = v.handle(i);
            out.add(Arrays.copyOfRange(probePool.arena(), probePool.meta().start(h), probePool.meta().start(h) + probePool.meta().length(h)));
            probePool.free(h);
        }
        return out;
    }

    static byte[] frame(long dst, long src, int type, byte[] payload) {
        byte[] f = new byte[14 + payload.length];
        Bytes.put48(f, 0, dst);
        Bytes.put48(f, 6, src);
        Bytes.put16(f, 12, type);
        System.arraycopy(payload, 0, f, 14, payload.length);
        return f;
    }

    @Test
    void answersArpForItsAddressAndLearnsTheAsker() {
        byte[] req = new byte[60];
        Arp.writeRequest(req, 0, PROBE_MAC, Pkt.ip("192.168.7.50"), Pkt.ip("192.168.7.1"));
        send(req);
        List<byte[]> out = receive();
        assertEquals(1, out.size());
        byte[] reply = out.get(0);
        assertEquals(PROBE_MAC, Bytes.u48(reply, 0));
        assertEquals(ROUTER_MAC, Bytes.u48(reply, 6));
        assertEquals(Arp.OP_REPLY, Bytes.u16(reply, 14 + Arp.OP));
        assertEquals(ROUTER_MAC, Bytes.u48(reply, 14 + Arp.SHA));
        assertEquals(Pkt.ip("192.168.7.1"), Bytes.i32(reply, 14 + Arp.SPA));
        assertTrue(r.arp().stream().anyMatch(e -> e.address() == Pkt.ip("192.168.7.50") && e.mac() == PROBE_MAC));
    }

    @Test
    void ignoresArpForOtherAddresses() {
        byte[] req = new byte[60];
        Arp.writeRequest(req, 0, PROBE_MAC, Pkt.ip("192.168.7.50"), Pkt.ip("192.168.7.99"));
        send(req);
        assertTrue(receive().isEmpty());
        assertEquals(1, r.counters().drops("arp-input", "not-for-us"));
        assertTrue(r.arp().isEmpty(), "no entry created from a request not for us");
    }

    @Test
    void dropsFramesForOtherMacsBadChecksumsAndUnknownTypes() {
        byte[] ping = Pkt.echo("192.168.7.50", "192.168.7.1", 1, 1, 84, 64, false);
        send(frame(Ethernet.local(0x777), PROBE_MAC, Ethernet.TYPE_IP4, ping));
        assertEquals(1, r.counters().drops("ethernet-input", "not-for-us"));
        send(frame(ROUTER_MAC, PROBE_MAC, 0x86dd, ping));
        assertEquals(1, r.counters().drops("ethernet-input", "unknown-ethertype"));
        byte[] bad = ping.clone();
        bad[10] ^= 1;
        send(frame(ROUTER_MAC, PROBE_MAC, Ethernet.TYPE_IP4, bad));
        assertEquals(1, r.counters().drops("ip4-input", "bad-checksum"));
        byte[] shortLen = ping.clone();
        Bytes.put16(shortLen, 2, 200);
        rose.dataplane.ip4.Ip4.setChecksum(shortLen, 0);
        send(frame(ROUTER_MAC, PROBE_MAC, Ethernet.TYPE_IP4, shortLen));
        assertEquals(1, r.counters().drops("ip4-input", "bad-length"));
        assertEquals(256, r.freeBuffers());
    }

    /** The probe, as 192.168.7.50, answers the router's ARP request. */
    void answerArpFor50() {
        byte[] arpReply = new byte[60];
        Arp.writeRequest(arpReply, 0, PROBE_MAC, Pkt.ip("192.168.7.50"), Pkt.ip("192.168.7.1"));
        Bytes.put48(arpReply, 0, ROUTER_MAC);
        Bytes.put16(arpReply, 14 + Arp.OP, Arp.OP_REPLY);
        send(arpReply);
    }

    @Test
    void pingResolvesTheAskerThenReplies() {
        byte[] ping = Pkt.echo("192.168.7.50", "192.168.7.1", 1, 1, 84, 64, false);
        send(frame(ROUTER_MAC, PROBE_MAC, Ethernet.TYPE_IP4, ping));
        List<byte[]> out = receive();
        assertEquals(1, out.size(), "reply held, ARP request out");
        assertEquals(Ethernet.TYPE_ARP, Bytes.u16(out.get(0), 12));
        assertEquals(Ethernet.BROADCAST, Bytes.u48(out.get(0), 0));
        answerArpFor50();
        out = receive();
        assertEquals(1, out.size());
        assertEquals(Ethernet.TYPE_IP4, Bytes.u16(out.get(0), 12));
        assertEquals(0, out.get(0)[14 + 20] & 0xff, "echo reply");
    }

    @Test
    void aBurstWaitingForOneNeighbourIsAllSentInOrderOnceItAnswers() {
        // sixteen IKE_SA_INIT to one peer in a tick did this: all but the last four used to be dropped
        for (int seq = 1; seq <= 20; seq++)
            send(frame(ROUTER_MAC, PROBE_MAC, Ethernet.TYPE_IP4, Pkt.echo("192.168.7.50", "192.168.7.1", 1, seq, 84, 64, false)));
        List<byte[]> out = receive();
        assertEquals(1, out.size(), "one ARP request for twenty held replies");
        answerArpFor50();
        out = receive();
        assertEquals(20, out.size());
        for (int i = 0; i < 20; i++) assertEquals(i + 1, Bytes.u16(out.get(i), 14 + 20 + 6), "echo replies in the order asked");
        assertTrue(r.counters().nonZeroDrops().isEmpty(), r.counters().nonZeroDrops().toString());
    }
}
