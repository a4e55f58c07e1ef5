package rose.dataplane.ipsec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import rose.dataplane.ManualClock;
import rose.dataplane.Router;
import rose.dataplane.RouterOptions;
import rose.dataplane.StepDriver;
import rose.dataplane.TestHost;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.config.InterfaceConfig;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.graph.FlowHooks;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.pcap.CaptureSink;
import rose.dataplane.port.MemoryWire;
import rose.ipsec.backend.IpsecEvent;

/**
 * hostA 10.0.1.10 -- r1 (10.0.1.1 | 10.0.12.1/30) == ESP == r2 (10.0.12.2/30 | 10.0.2.1) -- hostB 10.0.2.10,
 * each router with the userspace IPsec backend; r1's core port is tapped.
 */
final class IpsecNet {
    final ManualClock clock = new ManualClock(1_000_000_000L);
    final TestHost hostA = new TestHost("hostA", "10.0.1.10/24", "10.0.1.1", clock);
    final TestHost hostB = new TestHost("hostB", "10.0.2.10/24", "10.0.2.1", clock);
    final DataplaneIpsecBackend b1 = new DataplaneIpsecBackend(DataplaneIpsecBackendContractTest.ENGINES, clock);
    final DataplaneIpsecBackend b2 = new DataplaneIpsecBackend(DataplaneIpsecBackendContractTest.ENGINES, clock);
    final List<byte[]> local1 = new ArrayList<>(), local2 = new ArrayList<>();
    final Router r1;
    final Router r2;
    final StepDriver driver;
    final List<IpsecEvent> events1 = new ArrayList<>(), events2 = new ArrayList<>();
    /** IPv4 datagrams r1 sent on its core link (ether2), in order. */
    final List<byte[]> wire = new ArrayList<>();

    IpsecNet(int coreMtu) { this(coreMtu, 1); }

    /** The same network with both routers running {@code workers} dataplane workers. */
    IpsecNet(int coreMtu, int workers) {
        r1 = new Router("r1", options(b1, local1).withWorkers(workers));
        r2 = new Router("r2", options(b2, local2).withWorkers(workers));
        driver = new StepDriver(clock, hostA.router, r1, r2, hostB.router);
        MemoryWire a = MemoryWire.connect("eth0", Ethernet.local(0xa0), "ether1", Ethernet.local(0x11));
        MemoryWire core = MemoryWire.connect("ether2", Ethernet.local(0x12), "ether1", Ethernet.local(0x21));
        MemoryWire b = MemoryWire.connect("ether2", Ethernet.local(0x22), "eth0", Ethernet.local(0xb0));
        hostA.router.attach("eth0", a.a());
        r1.attach("ether1", a.b());
        r1.attach("ether2", core.a());
        r2.attach("ether1", core.b());
        r2.attach("ether2", b.a());
        hostB.router.attach("eth0", b.b());
        r1.apply(RouterConfig.builder().iface("ether1").iface(InterfaceConfig.of("ether2").withMtu(coreMtu))
                .address("ether1", "10.0.1.1/24").address("ether2", "10.0.12.1/30")
                .route(RouteConfig.via("10.0.2.0/24", "10.0.12.2")).build());
        r2.apply(RouterConfig.builder().iface(InterfaceConfig.of("ether1").withMtu(coreMtu)).iface("ether2")
                .address("ether1", "10.0.12.2/30").address("ether2", "10.0.2.1/24")
                .route(RouteConfig.via("10.0.1.0/24", "10.0.12.1")).build());
        b1.bind(r1);
        b2.bind(r2);
        b1.setListener(events1::add);
        b2.setListener(events2::add);
        CaptureSink tap = (ns, ifId, tx, data, off, len) -> {
            if (tx && len > 14 && (data[off + 12] & 0xff) == 0x08 && data[off + 13] == 0) wire.add(Arrays.copyOfRange(data, off + 14, off + len));
        };
        r1.capture("ether2", tap);
    }

    IpsecNet() { this(1500); }

    private RouterOptions options(DataplaneIpsecBackend b, List<byte[]> local) {
        return RouterOptions.DEFAULT.withClock(clock).withBuffers(2048).withHooks(b.hooks(FlowHooks.NONE)).withDelivery((pool, h) -> {
            PacketMeta m = pool.meta();
            local.add(Arrays.copyOfRange(pool.arena(), m.l3(h), m.l3(h) + m.length(h)));
        });
    }

    void run() {
        driver.runUntilIdle();
        b1.maintain();
        b2.maintain();
    }
}
