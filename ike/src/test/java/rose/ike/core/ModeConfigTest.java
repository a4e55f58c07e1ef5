package rose.ike.core;

import static org.junit.jupiter.api.Assertions.*;
import static rose.ike.core.BackToBack.*;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import rose.ike.config.*;
import rose.ike.message.CfgAttributes;
import rose.ike.message.TrafficSelector;

/**
 * Mode-config back to back: Boise (B) is the office with {@code mode-config=rw responder=yes
 * address-pool=rw-pool split-include=10.5.8.0/24 static-dns=10.5.8.1} and
 * {@code generate-policy=port-strict}; Seattle (A) is a road warrior with
 * {@code mode-config=request-only} and no policy of its own.
 */
class ModeConfigTest {
    /** {@code /ip pool}: a queue of free addresses, and who holds which. */
    static final class Pool implements AddressPools {
        final Deque<InetAddress> free = new ArrayDeque<>();
        final List<InetAddress> leased = new ArrayList<>();

        Pool(String... addresses) { for (String a : addresses) free.add(addr(a)); }

        @Override public InetAddress lease(String pool, String owner) {
            if (!pool.equals("rw-pool") || free.isEmpty()) return null;
            InetAddress a = free.poll();
            leased.add(a);
            return a;
        }

        @Override public void release(String pool, InetAddress a) {
            assertTrue(leased.remove(a), "released an address that was not leased: " + a);
            free.add(a);
        }
    }

    static final ModeConfig OFFICE = new ModeConfig("rw", true, "rw-pool", null, 32, List.of(IpPrefix.parse("10.5.8.0/24")), List.of(addr("10.5.8.1")));

    static BackToBack roadWarrior(Pool pool, Identity.GeneratePolicy gen, List<Policy> templates) {
        BackToBack w = new BackToBack();
        Identity client = Identity.psk("road").withModeConfig(ModeConfig.requestOnly(), Identity.GeneratePolicy.PORT_STRICT, List.of());
        Identity office = Identity.psk("road").withModeConfig(OFFICE, gen, templates);
        w.a.daemon.setPeers(List.of(new PeerConfig("office", new IpPrefix(B, 32), null, 500, false, PeerConfig.ExchangeMode.IKE2,
                IkeProfile.defaults(), client, List.of(), false)));
        w.b.daemon.setPeers(List.of(new PeerConfig("rw", IpPrefix.parse("0.0.0.0/0"), null, 500, true, PeerConfig.ExchangeMode.IKE2,
                IkeProfile.defaults(), office, List.of(), true)));
        w.b.daemon.setAddressPools(pool);
        return w;
    }

    static TrafficSelector sel(String prefix) {
        IpPrefix p = IpPrefix.parse(prefix);
        return TrafficSelector.ofPrefix(p.address().getAddress(), p.length(), 0, 0);
    }

    @Test void theOfficeLeasesAnAddressAndBothSidesGetTheGeneratedPolicy() {
        Pool pool = new Pool("192.168.77.254", "192.168.77.253");
        BackToBack w = roadWarrior(pool, Identity.GeneratePolicy.PORT_STRICT, List.of());
        w.a.daemon.initiate("office");
        w.run();
        assertEquals(IkeSaState.ESTABLISHED, w.a.daemon.activePeers().get(0).state(), w.a.dump() + "\n---\n" + w.b.dump());
        assertEquals(List.of(addr("192.168.77.254")), pool.leased);
        assertEquals(1, w.a.modeConfig.size());
        CfgAttributes got = w.a.modeConfig.get(0);
        assertEquals(addr("192.168.77.254"), got.address());
        assertEquals(32, got.prefixLength());
        assertEquals(List.of(addr("10.5.8.1")), got.dns());
        assertEquals(1, got.subnets().size());
        assertEquals(addr("10.5.8.0"), got.subnets().get(0)[0]);
        NegotiatedChildSa client = w.a.installed.get(0), office = w.b.installed.get(0);
        assertEquals(List.of(sel("192.168.77.254/32")), client.localSelectors());
        assertEquals(List.of(sel("10.5.8.0/24")), client.remoteSelectors());
        assertEquals(client.localSelectors(), office.remoteSelectors());
        assertEquals(client.remoteSelectors(), office.localSelectors());
        assertEquals(client.outboundSpi(), office.inboundSpi());
        assertTrue(w.b.logged("generated policy 10.5.8.0/24 <=> 192.168.77.254/32"), w.b.dump());
        assertTrue(w.a.logged("mode-config: got address 192.168.77.254"), w.a.dump());
    }

    @Test void theGeneratedPolicySurvivesAChildRekeyAndTheAddressGoesBackWhenTheSaEnds() {
        Pool pool = new Pool("192.168.77.254");
        BackToBack w = roadWarrior(pool, Identity.GeneratePolicy.PORT_STRICT, List.of());
        w.a.daemon.initiate("office");
        w.run();
        RekeyTest.rekeyChild(w.a, "office");
        w.run();
        assertTrue(w.a.logged("CHILD SA rekeyed"), w.a.dump());
        NegotiatedChildSa now = w.a.daemon.established("office").children().get(0);
        assertEquals(List.of(sel("192.168.77.254/32")), now.localSelectors());
        assertTrue(pool.free.isEmpty());
        w.a.daemon.terminate("office");
        w.run();
        assertTrue(w.b.daemon.activePeers().isEmpty());
        assertEquals(List.of(addr("192.168.77.254")), List.copyOf(pool.free), "released with the IKE SA");
    }

    @Test void anExhaustedPoolRefusesTheChildSaWithInternalAddressFailure() {
        BackToBack w = roadWarrior(new Pool(), Identity.GeneratePolicy.PORT_STRICT, List.of());
        w.a.daemon.initiate("office");
        w.run();
        assertTrue(w.a.installed.isEmpty() && w.b.installed.isEmpty());
        assertTrue(w.b.daemon.lastFailure("rw").orElseThrow().contains("no free address in pool rw-pool"));
        assertTrue(w.a.daemon.lastFailure("office").orElseThrow().contains("INTERNAL_ADDRESS_FAILURE"), w.a.dump());
    }

    @Test void withoutACoveringTemplateNoPolicyIsGenerated() {
        Policy lanOnly = new Policy(IpPrefix.parse("10.5.8.0/24"), IpPrefix.parse("172.16.0.0/16"), 0, 0, 0, true, null, null, ChildProposal.defaults());
        Pool pool = new Pool("192.168.77.254");
        BackToBack w = roadWarrior(pool, Identity.GeneratePolicy.PORT_STRICT, List.of(lanOnly));
        w.a.daemon.initiate("office");
        w.run();
        assertTrue(w.b.installed.isEmpty());
        assertTrue(w.b.daemon.lastFailure("rw").orElseThrow().contains("no template in policy-template-group covers 10.5.8.0/24 <=> 192.168.77.254/32"),
                w.b.daemon.lastFailure("rw").toString());
        assertTrue(pool.free.isEmpty(), "the IKE SA (and its lease) stays; only the CHILD_SA was refused");
    }
}
