package rose.dataplane.fib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.config.Ip4Address;
import rose.dataplane.config.RouteConfig;
import rose.dataplane.config.RouteType;
import rose.dataplane.config.RouterConfig;

class FibCompilerTest {
    private static final List<String> IFS = List.of("ether1", "ether2");

    private static Fib compile(RouterConfig c) { return FibCompiler.compile(c, IFS::indexOf); }
    private static int ip(String s) { return Ip4Address.parse(s); }

    private static RouterConfig.Builder base() {
        return RouterConfig.builder().iface("ether1").iface("ether2")
                .address("ether1", "192.168.1.1/24").address("ether2", "10.0.0.1/30");
    }

    @Test
    void connectedLocalAndBroadcast() {
        Fib f = compile(base().build());
        assertEquals(Fib.LOCAL, f.kind(f.lookup(0, ip("192.168.1.1"))));
        assertEquals(Fib.LOCAL, f.kind(f.lookup(0, ip("192.168.1.255"))));
        int a = f.lookup(0, ip("192.168.1.77"));
        assertEquals(Fib.CONNECTED, f.kind(a));
        assertEquals(0, f.txIf(a));
        assertEquals(ip("192.168.1.77"), f.nextHop(a, ip("192.168.1.77")));
        assertEquals(Fib.NONE, f.kind(f.lookup(0, ip("8.8.8.8"))));
    }

    @Test
    void gatewayResolvesThroughConnectedAndDistanceSelects() {
        Fib f = compile(base()
                .route(RouteConfig.via("0.0.0.0/0", "10.0.0.2").withDistance(5))
                .route(RouteConfig.via("0.0.0.0/0", "192.168.1.254").withDistance(1))
                .route(RouteConfig.via("172.16.0.0/12", "9.9.9.9")) // unreachable gateway: inactive
                .build());
        int a = f.lookup(0, ip("8.8.8.8"));
        assertEquals(Fib.GATEWAY, f.kind(a));
        assertEquals(ip("192.168.1.254"), f.gateway(a));
        assertEquals(0, f.txIf(a));
        assertEquals(ip("192.168.1.254"), f.lookup(0, ip("172.16.1.1")) == a ? f.gateway(a) : -1, "inactive route falls to default");
        assertTrue(f.routes().stream().anyMatch(r -> !r.active() && r.distance() == 5));
    }

    @Test
    void routingTablesFallBackToMainAndKeepLocalAddresses() {
        Fib f = compile(base().table("vpn").table("empty")
                .route(RouteConfig.via("0.0.0.0/0", "10.0.0.2").inTable("vpn"))
                .route(RouteConfig.via("0.0.0.0/0", "192.168.1.254"))
                .route(RouteConfig.blackhole("10.9.0.0/16").inTable("vpn"))
                .build());
        assertEquals(ip("10.0.0.2"), f.gateway(f.lookup(1, ip("8.8.8.8"))));
        assertEquals(ip("192.168.1.254"), f.gateway(f.lookup(0, ip("8.8.8.8"))));
        assertEquals(Fib.LOCAL, f.kind(f.lookup(1, ip("192.168.1.1"))), "a marked default must not hide our address");
        assertEquals(Fib.BLACKHOLE, f.kind(f.lookup(1, ip("10.9.1.1"))));
        assertEquals(ip("192.168.1.254"), f.gateway(f.lookup(0, ip("10.9.1.1"))));
        assertEquals(ip("192.168.1.254"), f.gateway(f.lookup(2, ip("8.8.8.8"))), "a table without a match falls back to main");
    }

    @Test
    void disabledInterfaceRemovesItsRoutes() {
        Fib f = FibCompiler.compile(base().route(RouteConfig.via("0.0.0.0/0", "10.0.0.2")).build(),
                n -> n.equals("ether1") ? 0 : -1);
        assertEquals(Fib.NONE, f.kind(f.lookup(0, ip("8.8.8.8"))));
        assertFalse(f.routes().stream().anyMatch(r -> r.active() && r.gateway() == ip("10.0.0.2")));
    }

    @Test
    void interfaceRouteAndTypes() {
        Fib f = compile(base()
                .route(RouteConfig.dev("100.64.0.0/10", "ether2"))
                .route(RouteConfig.blackhole("10.1.0.0/16").withType(RouteType.PROHIBIT))
                .build());
        int a = f.lookup(0, ip("100.64.3.3"));
        assertEquals(Fib.CONNECTED, f.kind(a));
        assertEquals(1, f.txIf(a));
        assertEquals(Fib.PROHIBIT, f.kind(f.lookup(0, ip("10.1.2.3"))));
    }
}
