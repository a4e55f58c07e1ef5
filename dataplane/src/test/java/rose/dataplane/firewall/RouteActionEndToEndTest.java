package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;

/**
 * Mangle action=route (reference 03 §4): route-dst forces the next hop in prerouting. hostA sends
 * to hostC; the rule sends it to hostB instead, which routes it back to the gateway (in on ether2,
 * where the rule does not apply) and on to hostC: it arrives three hops older instead of one.
 */
class RouteActionEndToEndTest {
    private static List<byte[]> sendToC(FirewallNet net, int sport) {
        net.hostA.send(Pkt.udp("10.0.1.10", "10.0.3.10", sport, 53, "x".getBytes(StandardCharsets.ISO_8859_1)));
        net.run();
        return net.hostC.take();
    }

    @Test
    void routeDstOverridesTheRoutingDecision() {
        FirewallNet net = new FirewallNet();
        List<byte[]> direct = sendToC(net, 1000);
        assertEquals(1, direct.size());
        assertEquals(63, Pkt.ttl(direct.get(0)), "one hop through the gateway");

        TableProgram p = net.rules(Table.MANGLE, "chain=prerouting action=route route-dst=10.0.2.10 in-interface=ether1 protocol=udp dst-port=53");
        assertEquals(List.of(), p.invalidRuleIds());
        List<byte[]> detour = sendToC(net, 1001);
        assertEquals(1, detour.size(), "still delivered");
        assertEquals(61, Pkt.ttl(detour.get(0)), "gateway, hostB, gateway: forced through route-dst");
        assertEquals(1, net.packets(Table.MANGLE, 1));
        net.hostA.send(Pkt.udp("10.0.1.10", "10.0.3.10", 1002, 54, "x".getBytes(StandardCharsets.ISO_8859_1)));
        net.run();
        assertEquals(63, Pkt.ttl(net.hostC.take().get(0)), "dst-port 54 does not match the rule: routed normally");
    }

    @Test
    void anUnreachableRouteDstLeavesTheNormalRouteAndOtherChainsAreInvalid() {
        FirewallNet net = new FirewallNet();
        net.rules(Table.MANGLE, "chain=prerouting action=route route-dst=192.0.2.1 protocol=udp");
        List<byte[]> got = sendToC(net, 2000);
        assertEquals(1, got.size());
        assertEquals(63, Pkt.ttl(got.get(0)));
        TableProgram p = net.rules(Table.MANGLE, "chain=forward action=route route-dst=10.0.2.10",
                "chain=prerouting action=route");
        assertEquals(java.util.Set.of(1L, 2L), java.util.Set.copyOf(p.invalidRuleIds()), "after the routing decision, or without route-dst");
        assertEquals(List.of(1L), net.rules(Table.FILTER, "chain=forward action=route route-dst=10.0.2.10").invalidRuleIds(),
                "mangle only");
        assertThrows(IllegalArgumentException.class, () -> RuleSpecParser.parse(1, "chain=prerouting action=route route-dst=10.0.2"));
    }
}
