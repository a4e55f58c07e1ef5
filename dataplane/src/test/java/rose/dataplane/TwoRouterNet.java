package rose.dataplane;

import rose.dataplane.config.InterfaceConfig;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.Impairments;
import rose.dataplane.port.MemoryWire;

/**
 * hostA 10.0.1.10 -- r1 (10.0.1.1 | 10.0.12.1/30) -- r2 (10.0.12.2/30 | 10.0.2.1) -- hostB 10.0.2.10
 */
public final class TwoRouterNet {
    public final ManualClock clock = new ManualClock(1_000_000_000L);
    public final TestHost hostA = new TestHost("hostA", "10.0.1.10/24", "10.0.1.1", clock);
    public final TestHost hostB = new TestHost("hostB", "10.0.2.10/24", "10.0.2.1", clock);
    public final Router r1 = new Router("r1", RouterOptions.DEFAULT.withClock(clock).withBuffers(2048));
    public final Router r2 = new Router("r2", RouterOptions.DEFAULT.withClock(clock).withBuffers(2048));
    public final StepDriver driver = new StepDriver(clock, hostA.router, r1, r2, hostB.router);

    public TwoRouterNet() { this(Impairments.NONE, 1500); }

    /** @param coreMtu MTU of the r1-r2 link (both ends) */
    public TwoRouterNet(Impairments imp, int coreMtu) {
        MemoryWire a = MemoryWire.connect("eth0", Ethernet.local(0xa0), "ether1", Ethernet.local(0x11), imp);
        MemoryWire core = MemoryWire.connect("ether2", Ethernet.local(0x12), "ether1", Ethernet.local(0x21), imp.withSeed(imp.seed() + 10));
        MemoryWire b = MemoryWire.connect("ether2", Ethernet.local(0x22), "eth0", Ethernet.local(0xb0), imp.withSeed(imp.seed() + 20));
        hostA.router.attach("eth0", a.a());
        r1.attach("ether1", a.b());
        r1.attach("ether2", core.a());
        r2.attach("ether1", core.b());
        r2.attach("ether2", b.a());
        hostB.router.attach("eth0", b.b());
        r1.apply(RouterConfig.builder().iface("ether1").iface(InterfaceConfig.of("ether2").withMtu(coreMtu))
                .address("ether1", "10.0.1.1/24").address("ether2", "10.0.12.1/30")
                .route(RouteConfig.via("10.0.2.0/24", "10.0.12.2"))
                .route(RouteConfig.blackhole("10.66.0.0/16")).build());
        r2.apply(RouterConfig.builder().iface(InterfaceConfig.of("ether1").withMtu(coreMtu)).iface("ether2")
                .address("ether1", "10.0.12.2/30").address("ether2", "10.0.2.1/24")
                .route(RouteConfig.via("10.0.1.0/24", "10.0.12.1")).build());
    }

    public void run() { driver.runUntilIdle(); }
}
