package rose.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.ip4.Icmp;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.pcap.PcapWriter;
import rose.dataplane.port.MemoryWire;

/** Configuration swaps, capture taps, and routers on real threads. */
class RouterRuntimeTest {

    @Test
    void applySwapsRoutesAtomicallyWhileRunning() {
        TwoRouterNet net = new TwoRouterNet();
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        assertEquals(1, net.hostA.take().size());
        // withdraw r1's route to hostB's network: now unreachable
        net.r1.apply(RouterConfig.builder().iface("ether1").iface("ether2")
                .address("ether1", "10.0.1.1/24").address("ether2", "10.0.12.1/30").build());
        net.hostA.ping("10.0.2.10", 2);
        net.run();
        List<byte[]> got = net.hostA.take();
        assertEquals(1, got.size());
        assertEquals(Icmp.DEST_UNREACHABLE, Pkt.icmpType(got.get(0)));
        assertTrue(net.r1.fib().routes().stream().noneMatch(r -> r.gateway() == Pkt.ip("10.0.12.2")));
    }

    @Test
    void resetCountersZeroesAtTheNextPoll() {
        TwoRouterNet net = new TwoRouterNet();
        net.hostA.ping("10.99.0.1", 1);
        net.run();
        assertEquals(1, net.r1.counters().packets("ip4-icmp-error"));
        net.r1.resetCounters();
        net.r1.poll();
        assertEquals(0, net.r1.counters().packets("ip4-icmp-error"));
    }

    @Test
    void disablingAnInterfaceTakesItsConnectedRouteDown() {
        TwoRouterNet net = new TwoRouterNet();
        net.r1.apply(RouterConfig.builder().iface("ether1")
                .iface(rose.dataplane.config.InterfaceConfig.of("ether2").withDisabled(true))
                .address("ether1", "10.0.1.1/24").address("ether2", "10.0.12.1/30")
                .route(RouteConfig.via("10.0.2.0/24", "10.0.12.2")).build());
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        List<byte[]> got = net.hostA.take();
        assertEquals(1, got.size());
        assertEquals(Icmp.DEST_UNREACHABLE, Pkt.icmpType(got.get(0)));
    }

    @Test
    void captureTapWritesBothDirectionsAsPcap() throws Exception {
        TwoRouterNet net = new TwoRouterNet();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        PcapWriter pcap = new PcapWriter(bos, 65535);
        net.r1.capture("ether1", pcap);
        net.hostA.ping("10.0.2.10", 1);
        net.run();
        net.r1.capture("ether1", null);
        pcap.close();
        // ARP request in, ARP reply out, echo request in, echo reply out (r1 learned hostA from its request)
        assertEquals(4, pcap.frames());
        ByteBuffer b = ByteBuffer.wrap(bos.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        b.position(24 + 8);
        int caplen = b.getInt();
        assertEquals(60, caplen, "first frame: an ARP request padded to 60 bytes");
        assertEquals(4, net.r1.stats("ether1").rxPackets() + net.r1.stats("ether1").txPackets());
    }

    @Test
    void routersRunOnTheirOwnThreads() throws Exception {
        List<byte[]> replies = new CopyOnWriteArrayList<>();
        Router host = new Router("host", RouterOptions.DEFAULT.withBuffers(512).withDelivery((pool, h) -> {
            PacketMeta m = pool.meta();
            replies.add(java.util.Arrays.copyOfRange(pool.arena(), m.l3(h), m.l3(h) + m.length(h)));
        }));
        Router r = new Router("r", RouterOptions.DEFAULT.withBuffers(512));
        MemoryWire w = MemoryWire.connect("eth0", Ethernet.local(1), "ether1", Ethernet.local(2));
        host.attach("eth0", w.a());
        r.attach("ether1", w.b());
        host.apply(RouterConfig.builder().iface("eth0").address("eth0", "192.168.5.2/24")
                .route(RouteConfig.via("0.0.0.0/0", "192.168.5.1")).build());
        r.apply(RouterConfig.builder().iface("ether1").address("ether1", "192.168.5.1/24").build());
        host.start();
        r.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            host.send(Pkt.echo("192.168.5.2", "192.168.5.1", 3, 0, 84, 64, false));
            while (replies.isEmpty() && System.nanoTime() < deadline) Thread.sleep(1);
            // ARP is resolved now; a burst no longer meets the 4-packet hold queue
            for (int i = 1; i < 10; i++) host.send(Pkt.echo("192.168.5.2", "192.168.5.1", 3, i, 84, 64, false));
            while (replies.size() < 10 && System.nanoTime() < deadline) Thread.sleep(5);
        } finally {
            host.stop();
            r.stop();
        }
        assertEquals(10, replies.size());
        assertEquals(10, r.counters().packets("ip4-icmp-echo"));
    }
}
