package rose.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.ip4.Icmp;
import rose.dataplane.ip4.Ip4;
import rose.dataplane.ip4.LocalDemux;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.MemoryWire;

/** /ping and IKE share local delivery: echo ids and ports pick the consumer, errors follow the echo id they quote. */
class LocalDemuxTest {
    @Test
    void echoRepliesErrorsAndPortsReachTheirOwners() {
        ManualClock clock = new ManualClock();
        LocalDemux demux = new LocalDemux();
        List<String> log = new ArrayList<>();
        demux.onEcho(0x1234, (pool, h) -> log.add("ping:" + (pool.arena()[pool.meta().l4(h)] & 0xff)));
        demux.onPort(Ip4.PROTO_UDP, 500, (pool, h) -> log.add("ike"));
        demux.fallback((pool, h) -> log.add("host"));
        Router a = new Router("a", RouterOptions.DEFAULT.withClock(clock).withDelivery(demux).withBuffers(256));
        Router b = new Router("b", RouterOptions.DEFAULT.withClock(clock).withBuffers(256));
        MemoryWire w = MemoryWire.connect("e1", Ethernet.local(1), "e1", Ethernet.local(2));
        a.attach("e1", w.a());
        b.attach("e1", w.b());
        a.apply(RouterConfig.builder().iface("e1").address("e1", "10.1.0.1/24").route(RouteConfig.via("0.0.0.0/0", "10.1.0.2")).build());
        b.apply(RouterConfig.builder().iface("e1").address("e1", "10.1.0.2/24").build());
        StepDriver d = new StepDriver(clock, a, b);

        a.send(Pkt.echo("10.1.0.1", "10.1.0.2", 0x1234, 1, 84, 64, false));   // echo reply -> ping
        a.send(Pkt.echo("10.1.0.1", "10.9.9.9", 0x1234, 2, 84, 64, false));   // b has no route: unreachable -> ping
        d.runUntilIdle();
        b.send(Pkt.udp("10.1.0.2", "10.1.0.1", 500, 500, 60));                // -> ike
        b.send(Pkt.udp("10.1.0.2", "10.1.0.1", 5, 22, 60));                   // -> host
        d.runUntilIdle();
        // the reply and the error take different paths through b's graph; their order is not part of the contract
        List<String> sorted = new ArrayList<>(log);
        java.util.Collections.sort(sorted);
        assertEquals(List.of("host", "ike", "ping:" + Icmp.ECHO_REPLY, "ping:" + Icmp.DEST_UNREACHABLE), sorted);
    }
}
