package rose.dataplane.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import rose.dataplane.FirewallNet;
import rose.dataplane.Pkt;

/**
 * hotspot, in/out-bridge-port(-list) and realm on a router without hotspot, bridge firewall or
 * routing realms: RouterOS evaluates them against what it has, so the positive forms never match
 * and the negated ones always do (realm: every packet is in realm 0).
 */
class AbsentFacilityMatchersEndToEndTest {
    private static int delivered(FirewallNet net, int sport) {
        net.hostA.send(Pkt.udp("10.0.1.10", "10.0.2.10", sport, 53, "x".getBytes(StandardCharsets.ISO_8859_1)));
        net.run();
        return net.hostB.take().size();
    }

    private static void assertDrops(String matcher, boolean drops) {
        FirewallNet net = new FirewallNet();
        TableProgram p = net.rules(Table.FILTER, "chain=forward action=drop " + matcher);
        assertEquals(List.of(), p.invalidRuleIds(), matcher + " compiles");
        assertEquals(drops ? 0 : 1, delivered(net, 1000), matcher);
        assertEquals(drops ? 1 : 0, net.packets(Table.FILTER, 1), matcher + " counted");
    }

    @Test
    void hotspotItemsAreAllFalseWithoutAHotspot() {
        assertDrops("hotspot=from-client", false);
        assertDrops("hotspot=auth", false);
        assertDrops("hotspot=!auth", true);
        assertDrops("hotspot=!auth,!http", true);
        assertDrops("hotspot=from-client,!auth", false);
        assertThrows(IllegalArgumentException.class, () -> RuleSpecParser.parse(1, "chain=forward hotspot=guest"));
    }

    @Test
    void bridgePortsNeverMatchWithoutABridgeUsingTheIpFirewall() {
        assertDrops("in-bridge-port=ether1", false);
        assertDrops("out-bridge-port=ether2", false);
        assertDrops("in-bridge-port-list=LAN", false);
        assertDrops("out-bridge-port-list=LAN", false);
        assertDrops("in-bridge-port=!ether1", true);
        assertDrops("out-bridge-port-list=!LAN", true);
        assertDrops("in-bridge-port=!ether1 out-bridge-port=ether2", false);
    }

    @Test
    void everyPacketIsInRealmZero() {
        assertDrops("realm=0", true);
        assertDrops("realm=7", false);
        assertDrops("realm=!7", true);
        assertDrops("realm=!0", false);
        assertThrows(IllegalArgumentException.class, () -> RuleSpecParser.parse(1, "chain=forward realm=-1"));
    }
}
