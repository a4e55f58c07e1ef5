package rose.dataplane.ipsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import rose.dataplane.ManualClock;
import rose.dataplane.Pkt;
import rose.dataplane.Router;
import rose.dataplane.RouterOptions;
import rose.dataplane.StepDriver;
import rose.dataplane.TestHost;
import rose.dataplane.buffer.PacketMeta;
import rose.dataplane.config.InterfaceConfig;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouterConfig;
import rose.dataplane.graph.FlowHooks;
import rose.dataplane.ip4.Ip4;
import rose.dataplane.l2.Ethernet;
import rose.dataplane.port.MemoryWire;
import rose.ipsec.backend.IpsecBackendException;
import rose.ipsec.backend.Lifetime;
import rose.ipsec.backend.Policy;
import rose.ipsec.backend.PolicyAction;
import rose.ipsec.backend.PolicyDirection;
import rose.ipsec.backend.PolicyKey;
import rose.ipsec.backend.PolicyLevel;
import rose.ipsec.backend.SaMode;
import rose.ipsec.backend.Selector;
import rose.ipsec.backend.Template;
import rose.ipsec.crypto.Transform;

/**
 * A route-based tunnel ({@code /interface ipsec}, an XFRM interface): r1 and r2 each have an
 * {@code ipsec1} bound to if_id 7; SAs carry if_id 7 and the policies of that id are wildcards.
 * The routing table decides what goes in; what comes out appears on {@code ipsec1}.
 *
 * <pre>hostA 10.0.1.10 -- r1 == ESP(if_id 7) == r2 -- hostB 10.0.2.10; hostA also reaches r2's 10.0.99.1 (a loopback LAN) by route</pre>
 */
class RouteBasedTunnelTest {
    static final int IF_ID = 7;
    final ManualClock clock = new ManualClock(1_000_000_000L);
    final TestHost hostA = new TestHost("hostA", "10.0.1.10/24", "10.0.1.1", clock);
    final TestHost hostB = new TestHost("hostB", "10.0.2.10/24", "10.0.2.1", clock);
    final DataplaneIpsecBackend b1 = new DataplaneIpsecBackend(DataplaneIpsecBackendContractTest.ENGINES, clock);
    final DataplaneIpsecBackend b2 = new DataplaneIpsecBackend(DataplaneIpsecBackendContractTest.ENGINES, clock);
    final List<int[]> local2 = new ArrayList<>();        // {rxIf, protocol} of what r2 delivered to itself
    final Router r1 = new Router("r1", options(b1, null));
    final Router r2 = new Router("r2", options(b2, local2));
    final StepDriver driver = new StepDriver(clock, hostA.router, r1, r2, hostB.router);
    final List<byte[]> wire = new ArrayList<>();

    RouteBasedTunnelTest() {
        MemoryWire a = MemoryWire.connect("eth0", Ethernet.local(0xa0), "ether1", Ethernet.local(0x11));
        MemoryWire core = MemoryWire.connect("ether2", Ethernet.local(0x12), "ether1", Ethernet.local(0x21));
        MemoryWire b = MemoryWire.connect("ether2", Ethernet.local(0x22), "eth0", Ethernet.local(0xb0));
        hostA.router.attach("eth0", a.a());
        r1.attach("ether1", a.b());
        r1.attach("ether2", core.a());
        r1.attach("ipsec1", new IpsecInterfacePort("ipsec1", 1438));
        r2.attach("ether1", core.b());
        r2.attach("ether2", b.a());
        r2.attach("ipsec1", new IpsecInterfacePort("ipsec1", 1438));
        hostB.router.attach("eth0", b.b());
        r1.apply(RouterConfig.builder().iface("ether1").iface("ether2").iface(InterfaceConfig.of("ipsec1").withMtu(1438))
                .address("ether1", "10.0.1.1/24").address("ether2", "10.0.12.1/30")
                .route(RouteConfig.dev("10.0.2.0/24", "ipsec1")).route(RouteConfig.dev("10.0.99.0/24", "ipsec1")).build());
        r2.apply(RouterConfig.builder().iface("ether1").iface("ether2").iface(InterfaceConfig.of("ipsec1").withMtu(1438))
                .address("ether1", "10.0.12.2/30").address("ether2", "10.0.2.1/24").address("ether2", "10.0.99.1/32")
                .route(RouteConfig.dev("10.0.1.0/24", "ipsec1")).build());
        b1.bind(r1);
        b2.bind(r2);
        r1.capture("ether2", (ns, ifId, tx, data, off, len) -> {
            if (tx && len > 14 && (data[off + 12] & 0xff) == 0x08 && data[off + 13] == 0) wire.add(Arrays.copyOfRange(data, off + 14, off + len));
        });
    }

    private RouterOptions options(DataplaneIpsecBackend b, List<int[]> local) {
        return RouterOptions.DEFAULT.withClock(clock).withBuffers(2048).withHooks(b.hooks(FlowHooks.NONE)).withDelivery((pool, h) -> {
            PacketMeta m = pool.meta();
            if (local != null) local.add(new int[] {m.rxIf(h), pool.arena()[m.l3(h) + Ip4.PROTOCOL] & 0xff});
        });
    }

    void run() {
        driver.runUntilIdle();
        b1.maintain();
        b2.maintain();
    }

    /** SAs with if_id 7 and the wildcard policies of if_id 7 on both routers; each interface bound. */
    StaticKeys.Pair routeBased(boolean acceptUntracked, String remoteSelectorOn2) throws IpsecBackendException {
        Transform t = Transform.of("aes-128-gcm", "");
        StaticKeys.Pair p = new StaticKeys.Pair(
                StaticKeys.sa(0x5000, "10.0.12.1", "10.0.12.2", SaMode.TUNNEL, t, java.util.Optional.empty(), Lifetime.UNLIMITED, 0, IF_ID),
                StaticKeys.sa(0x5001, "10.0.12.2", "10.0.12.1", SaMode.TUNNEL, t, java.util.Optional.empty(), Lifetime.UNLIMITED, 0, IF_ID));
        StaticKeys.installSas(b1, b2, p);
        wildcard(b1, "10.0.12.1", "10.0.12.2", "0.0.0.0/0");
        wildcard(b2, "10.0.12.2", "10.0.12.1", remoteSelectorOn2);
        b1.bindInterface(r1.interfaceId("ipsec1"), IF_ID, acceptUntracked, true);
        b2.bindInterface(r2.interfaceId("ipsec1"), IF_ID, acceptUntracked, true);
        return p;
    }

    static void wildcard(DataplaneIpsecBackend b, String local, String remote, String remoteNet) throws IpsecBackendException {
        Selector any = Selector.between(StaticKeys.prefix("0.0.0.0/0"), StaticKeys.prefix("0.0.0.0/0"));
        Selector in = Selector.between(StaticKeys.prefix(remoteNet), StaticKeys.prefix("0.0.0.0/0"));
        Template out = Template.tunnel(StaticKeys.ip(local), StaticKeys.ip(remote), 0, PolicyLevel.REQUIRE);
        Template back = Template.tunnel(StaticKeys.ip(remote), StaticKeys.ip(local), 0, PolicyLevel.REQUIRE);
        b.addPolicy(new Policy(new PolicyKey(any, PolicyDirection.OUT, IF_ID), PolicyAction.ENCRYPT, 10, List.of(out)));
        b.addPolicy(new Policy(new PolicyKey(in, PolicyDirection.IN, IF_ID), PolicyAction.ENCRYPT, 10, List.of(back)));
        b.addPolicy(new Policy(new PolicyKey(in, PolicyDirection.FWD, IF_ID), PolicyAction.ENCRYPT, 10, List.of(back)));
    }

    @Test
    void routesSendIntoTheInterfaceAndDecryptedTrafficAppearsOnIt() throws Exception {
        StaticKeys.Pair p = routeBased(false, "0.0.0.0/0");
        for (int s = 1; s <= 3; s++) hostA.ping("10.0.2.10", s);
        hostA.send(Pkt.udp("10.0.1.10", "10.0.99.1", 1, 9, 60));      // to r2 itself, through the tunnel
        run();
        assertEquals(3, hostA.take().size(), "echo replies by route through if_id 7; drops " + r1.counters().nonZeroDrops() + r2.counters().nonZeroDrops());
        assertTrue(wire.stream().allMatch(d -> Pkt.proto(d) == Ip4.PROTO_ESP), "only ESP on the core");
        assertEquals(4, b2.querySa(p.leftToRight().id()).orElseThrow().packets());
        assertEquals(1, local2.size());
        assertEquals(r2.interfaceId("ipsec1"), local2.get(0)[0], "r2 received it on ipsec1, not ether1");
        assertEquals(Ip4.PROTO_UDP, local2.get(0)[1]);
        assertEquals(Map.of(), r1.counters().nonZeroDrops());
        assertEquals(Map.of(), r2.counters().nonZeroDrops());
    }

    @Test
    void trafficNotRoutedIntoTheInterfaceStaysClearAndClearTrafficIsNotRefused() throws Exception {
        routeBased(false, "0.0.0.0/0");
        // r1 to r2's core address is routed out of ether2: the if_id 7 wildcards do not catch it
        r1.send(Pkt.udp("10.0.12.1", "10.0.12.2", 1, 9, 60));
        run();
        assertEquals(1, local2.size(), "delivered in clear; drops " + r2.counters().nonZeroDrops());
        assertEquals(r2.interfaceId("ether1"), local2.get(0)[0]);
        assertEquals(1, wire.size());
        assertEquals(Ip4.PROTO_UDP, Pkt.proto(wire.get(0)));
    }

    @Test
    void decryptedTrafficNoPolicyOfTheInterfaceDescribesIsDroppedUnlessUntrackedIsAccepted() throws Exception {
        routeBased(false, "10.0.77.0/24");    // r2's if_id 7 inbound policies expect only 10.0.77.0/24
        hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 1, 9, 60));
        run();
        assertEquals(0, hostB.take().size());
        assertEquals(1, r2.counters().drops("esp4-decrypt", "no-policy"));

        RouteBasedTunnelTest again = new RouteBasedTunnelTest();
        again.routeBased(true, "10.0.77.0/24");   // accept-untracked-peer=yes
        again.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 1, 9, 60));
        again.run();
        assertEquals(1, again.hostB.take().size(), "drops " + again.r2.counters().nonZeroDrops());
    }

    @Test
    void anSaOfAnUnboundInterfaceDeliversNothing() throws Exception {
        routeBased(false, "0.0.0.0/0");
        b2.bindInterface(r2.interfaceId("ipsec1"), 0);          // the interface went away
        hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", 1, 9, 60));
        run();
        assertEquals(0, hostB.take().size());
        assertEquals(1, r2.counters().drops("esp4-decrypt", "no-policy"));
    }

}
