package rose.dataplane;

import rose.dataplane.buffer.PacketPool;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.graph.PacketVector;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.MemoryWire;

/**
 * The bench of the dataplane fuzz tests: one router, ether1 (10.0.0.1/24) on a memory wire
 * whose far end is the probe that sends the mutated frames, ether2 (10.0.1.1/24, default route
 * via 10.0.1.2) on a wire to a sink. Whatever the router sends out either port is drained and
 * freed, so a buffer the router leaks shows as a missing free buffer, not as one held on a wire.
 */
final class ProbedRouter {
    /** ether1's MAC: frames the probe sends are addressed to it. */
    final long mac = Ethernet.local(1);
    final MemoryWire probe = MemoryWire.connect("ether1", mac, "probe", Ethernet.local(2));
    final MemoryWire sink = MemoryWire.connect("ether2", Ethernet.local(3), "sink", Ethernet.local(4));

    ProbedRouter(Router r) {
        r.attach("ether1", probe.a());
        r.attach("ether2", sink.a());
        r.apply(RouterConfig.builder().iface("ether1").iface("ether2").address("ether1", "10.0.0.1/24")
                .address("ether2", "10.0.1.1/24").route(RouteConfig.via("0.0.0.0/0", "10.0.1.2")).build());
    }

    /** Receives and frees all that the router sent to the probe, then all it sent to the sink. */
    void drain(PacketPool pool, long now) {
        drain(probe, pool, now);
        drain(sink, pool, now);
    }

    private static void drain(MemoryWire w, PacketPool pool, long now) {
        PacketVector v = new PacketVector();
        do {
            v.clear();
            w.b().receive(pool, v, now);
            for (int i = 0; i < v.size(); i++) pool.free(v.handle(i));
        } while (v.size() > 0);
    }
}
